"""A panel row's cells: the one definition that both panel engines use.

The columns (:data:`COLUMNS`), the states alive on a day and their names then, and each
cell that needs the history's knowledge: a level, the missions, economic ties (None where the
history has no record), how the history knows the dyad (``coverage``) and how many of its
acts fall in the row's period (``events``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeAlias

import pendulum

from diplorel._coverage import RELATIONS_ACT, Record, act_kind
from diplorel._events import DyadEvent, Event, PresenceObserved, RecognitionEvent
from diplorel._membership import Rule, System, member_during
from diplorel._representation import represent
from diplorel._status import DyadState
from diplorel._view import HistoryView

if TYPE_CHECKING:
    from diplorel._dates import When
    from diplorel._engine import DyadTimeline
    from diplorel._keys import Key
    from diplorel._knowledge import Views

Cell: TypeAlias = str | int | bool | None
"""A panel cell: a code or status text, a COW code or level, a flag, or None (no record)."""

COLUMNS = (
    "year",
    "state_a",
    "state_b",
    "ccode_a",
    "ccode_b",
    "diplomatic",
    "consular",
    "level_a",
    "level_b",
    "missions_a",
    "missions_b",
    "economic_ties",
    "certain",
    "coverage",
    "events",
)
"""The panel's columns. ``level_a`` is the COW level of ``state_a``'s representative at
``state_b``: who is there, not the class agreed (see :func:`~diplorel.represent`), empty
(None) where the history has no record of the dyad (``diplomatic`` is then ``no_record``:
missing data never becomes 0); ``missions_a`` the kinds of mission ``state_a`` keeps there.
``coverage`` is how the history knows the dyad's relations on the row's day, a
:class:`~diplorel.Record` value (``recorded``, ``covered``, ``no_record``), as
:meth:`diplorel.History.record` says; ``events`` how many acts of the dyad fall in the row's
period (see :func:`acts_of`), empty where there is no record."""


class PanelView(HistoryView, Protocol):
    """What panels ask of a history besides :class:`~diplorel._view.HistoryView`.

    Each dyad's records with the knowledge days over which each counts, to count the acts
    of a panel as known on a day (``known_on``).
    """

    def views(self) -> Views:
        """Every dyad's records with the knowledge days over which each counts."""
        ...


class DyadActs(NamedTuple):
    """What a dyad's timeline says of its acts, for the ``coverage`` and ``events`` cells.

    ``days``: for each act of the dyad counted in ``events``, sorted, the ordinal of the last
    day of its span (:func:`acts_of`); ``relations``: the first such day of any act that
    makes the relations known (:func:`~diplorel._coverage.act_kind`), None if none does.
    """

    days: list[int]
    relations: int | None


def counted(event: Event) -> bool:
    """Whether ``events`` counts an act: any act of the two states, not an observation.

    A state's end or continuation is not an act of the dyad, and an observation of who is at
    post (a COW row) is not an act at all.
    """
    return isinstance(event, DyadEvent | RecognitionEvent) and not isinstance(
        event, PresenceObserved
    )


def acts_of(timeline: DyadTimeline) -> DyadActs:
    """The acts of a dyad's timeline that the ``coverage`` and ``events`` cells read.

    Refused acts count for neither. An act counts on the last day of its span, when it has
    certainly happened (the day from which the status holds it as applied): a ``1959/1960``
    break counts in 1960, an act dated ``1949`` in December 1949 in a monthly panel; an act
    open at its end (``1973/..``) and followed by no other counts nowhere.
    """
    days: list[int] = []
    relations: int | None = None
    rejected, latest = timeline.rejected, timeline.latest
    for i, event in enumerate(timeline.events):
        if i in rejected:
            continue
        day = latest[i].toordinal()
        if counted(event):
            days.append(day)
        if act_kind(event) >= RELATIONS_ACT and (relations is None or day < relations):
            relations = day
    days.sort()
    return DyadActs(days, relations)


def known_timeline(
    history: PanelView, key: Key, day: pendulum.Date, known: When | None
) -> DyadTimeline:
    """The dyad's timeline as known on ``known`` (None: now), for a row observed on ``day``.

    The one :meth:`~diplorel._view.HistoryView.state_at_key` answers the row from: the
    current one where the view of ``known`` agrees with it up to ``day``.
    """
    if known is None:
        return history.timeline_of(key)
    found = history.views().timeline(key, known.day, day)
    return history.timeline_of(key) if found is None else found


def acts_now(history: HistoryView, key: Key) -> DyadActs:
    """:func:`acts_of` the dyad's current timeline, worked out once per history."""
    cache = history.memo.get("panel acts")
    if not isinstance(cache, dict):
        cache = history.memo["panel acts"] = {}
    found: DyadActs | None = cache.get(key)
    if found is None:
        found = cache[key] = acts_of(history.timeline_of(key))
    return found


def record_cells(
    acts: DyadActs, state: DyadState, period: tuple[pendulum.Date, pendulum.Date]
) -> tuple[str, int | None]:
    """A row's ``coverage`` and ``events`` from the dyad's acts and its (marked) state.

    ``period`` is the row's first and observed day. ``coverage`` is ``recorded`` where an
    act on relations applies by the observed day, else ``covered`` (a declaration vouches
    for the silence) or ``no_record``, as :meth:`diplorel.History.record` says; ``events``
    counts the acts whose span ends in the period, None where there is no record (no act
    applies: the history cannot say that none happened).
    """
    if not state.known:  # no record, or a party not existing: nothing is a fact
        return state.diplomatic.value, None
    first, last = (d.toordinal() for d in period)
    if acts.relations is None or acts.relations > last:
        return Record.COVERED.value, 0  # no act applies: silence a declaration vouches for
    days = acts.days
    return Record.RECORDED.value, bisect_right(days, last) - bisect_left(days, first)


def missions_of(state: DyadState, sender: str) -> str | None:
    if not state.presence_known_of(sender):
        return None
    missions = state.missions.get(sender)
    if not missions:
        return ""
    return ";".join(sorted({m.kind.value for m in missions}))


def names_in(state: DyadState, a: str, b: str) -> tuple[str, str]:
    """The names ``a`` and ``b`` have in ``state`` (SUN for RUS in 1980)."""
    x, y = state.dyad
    if a in (x, y):
        return a, (y if a == x else x) if b not in (x, y) else b
    if b in (x, y):
        return (y if b == x else x), b
    return (x, y) if a < b else (y, x)


def alive_on(
    history: HistoryView,
    codes: list[str],
    day: pendulum.Date,
    system: System = "all",
    rule: Rule = "last_day",
    *,
    during: tuple[pendulum.Date, pendulum.Date] | None = None,
) -> list[str]:
    """The states that exist on ``day``, each continuing state under its name of the day.

    With a ``system`` other than ``"all"``, only its members ``during`` the row's calendar
    period (its first and last day; None: the day's year) under ``rule`` (see
    :mod:`diplorel._membership`).
    """
    reg = history.registry
    if during is None:
        during = (pendulum.Date(day.year, 1, 1), pendulum.Date(day.year, 12, 31))
    alive = [
        c
        for c in codes
        if reg.get(c).exists_on(day) and member_during(reg.get(c), system, during, rule)
    ]
    by_lineage: dict[str, list[str]] = {}
    for c in alive:
        by_lineage.setdefault(history.filed_as(c), []).append(c)
    keep = set()
    for root, members in by_lineage.items():
        older = [m for m in members if m != root]
        keep.add(older[0] if older else root)
    return [c for c in alive if c in keep]


def ties_of(
    history: HistoryView,
    key: tuple[str, str],
    state: DyadState,
    pair: tuple[str, str],
    when: When,
) -> bool | None:
    """A panel's economic ties (:meth:`DyadState.economic_ties`); credit lines from the status."""
    if not state.has_trade_office and history.has_credit_lines(key):
        return history.status(*pair, on=when).economic_ties
    return state.economic_ties(credit_active=False)


def level_of(state: DyadState, sender: str, year: int) -> int | None:
    """A panel's COW level of ``sender``: None where the history has no record of it."""
    if not state.presence_known_of(sender):
        return None
    return represent(state, sender, year=year).cow
