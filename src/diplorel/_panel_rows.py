"""A panel row's cells: the one definition that both panel engines use.

The columns (:data:`COLUMNS`), the states alive on a day and their names then, and each
cell that needs the history's knowledge: a level, the missions, economic ties (None where the
history has no record).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

import pendulum

from diplorel._membership import Rule, System, member_in
from diplorel._representation import represent
from diplorel._status import DyadState

if TYPE_CHECKING:
    from diplorel._dates import When
    from diplorel._view import HistoryView

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
)
"""The panel's columns. ``level_a`` is the COW level of ``state_a``'s representative at
``state_b``: who is there, not the class agreed (see :func:`~diplorel.represent`), empty
(None) where the history has no record of the dyad (``diplomatic`` is then ``no_record``:
missing data never becomes 0); ``missions_a`` the kinds of mission ``state_a`` keeps there."""


def day_of(year: int, month: int, day: int) -> pendulum.Date:
    try:
        return pendulum.Date(year, month, day)
    except ValueError:  # 29 February in a common year: the last day of February
        return pendulum.Date(year, month, 28)


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
) -> list[str]:
    """The states that exist on ``day``, each continuing state under its name of the day.

    With a ``system`` other than ``"all"``, only its members in the day's year under ``rule``
    (see :mod:`diplorel._membership`).
    """
    reg = history.registry
    alive = [
        c
        for c in codes
        if reg.get(c).exists_on(day) and member_in(reg.get(c), system, day.year, rule)
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
