"""Knowledge time: what could have been known on one date about another.

Every record is *known from* a day: the day it was announced or published (``announced_on``;
a communiqué's ``released_on``), else the day it took effect, an imprecise date from the end of
its span, so no hindsight leaks in. A correction (an event with ``supersedes=``, or a
:class:`~diplorel.Retraction`) is known from its own publication; from then on the record it
corrects no longer counts, and of several corrections of one record the latest counts. So each
record counts over one span of knowledge days, ``known <= K < hidden``.

The current view of a history (every query without ``known_on``) is the view at the end of
time: the records no correction replaced. A view at ``known_on=K`` folds, dyad by dyad, the
records that counted on day K; the fold is the same, in lenient mode (a record refused in the
view is reported, never raised: the past's knowledge may contradict itself). Views are cached
per dyad and span of days in which nothing became known. Coverage declarations are not subject
to knowledge time.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any, Literal, TypeAlias

import pendulum

from diplorel._corrections import Retraction
from diplorel._credit import CreditLineEvent
from diplorel._dates import FuzzyDate, QueryLike, When, to_when
from diplorel._engine import DyadTimeline, sort_events
from diplorel._events import Event, StateContinued, StateExtinguished
from diplorel._keys import Key
from diplorel._notes import DiplomaticNote, ExchangeOfNotes, JointCommunique
from diplorel.exceptions import InvalidQueryError, InvalidTypeError

NEVER = pendulum.Date(9999, 12, 31)
"""The hidden day of a record no correction replaces."""

Span: TypeAlias = tuple[pendulum.Date, pendulum.Date]
"""The knowledge days over which a record counts: from the first, up to (not on) the second."""

Fold: TypeAlias = Callable[[Key, list[Event], "pendulum.Date | None"], DyadTimeline]
"""Folds a dyad's events (in any order) into its timeline, as the index does; given the first
day a record differs from the current view, it may keep the current timeline before it."""

Dated: TypeAlias = Event | DiplomaticNote | JointCommunique | ExchangeOfNotes | Retraction
"""Anything knowledge time dates: an event, an instrument, a retraction."""


KnownOn: TypeAlias = QueryLike | Literal["same"] | None
"""A panel's or bulk answer's day of knowledge: one day, ``"same"`` (each row as known on its
own day: no hindsight), or None (as known now)."""


def knowledge_day(known_on: KnownOn, when: When) -> When | None:
    """The day of knowledge for a row on ``when`` (``"same"``: its own day)."""
    if known_on is None:
        return None
    if known_on == "same":
        return When(day=when.day)
    return known_when(known_on)


def known_when(known_on: QueryLike) -> When:
    """``known_on`` as a day: knowledge is dated to the day (an announcement's day).

    Raises :class:`~diplorel.InvalidQueryError` for a time of day (an instant would need each
    record's own zone to compare with) and :class:`~diplorel.InvalidTypeError` naming
    ``known_on`` for a value of another type.
    """
    try:
        found = to_when(known_on)
    except InvalidTypeError:
        raise InvalidTypeError(
            known_on, field="known_on", expected="a date or ISO day text"
        ) from None
    if found.instant is not None:
        raise InvalidQueryError(
            known_on, "known_on is a day (2024-02-14): knowledge is dated to the day"
        )
    return found


def known_day(on: FuzzyDate) -> pendulum.Date:
    """The day a date is known by: the end of its span.

    An open-ended date (``1973/..``) has no end: when such an act became known is unknown,
    so without an ``announced_on`` it counts in no view of the past, only in the current one.
    """
    return NEVER if on.open_end else on.latest


def known_from(record: Dated) -> pendulum.Date:
    """The first day on which ``record`` could be known (see the module's notes)."""
    announced = getattr(record, "announced_on", None)
    if announced is None and isinstance(record, JointCommunique):
        announced = record.released_on
    return known_day(announced if announced is not None else record.on)


def _ident(record: Dated) -> str | None:
    """The id a correction names: an event's or retraction's ``uid``, an instrument's ``id``."""
    if isinstance(record, Event | Retraction):
        return record.uid
    return record.id


def _target(record: Dated) -> str | None:
    """The id of the record this one corrects, if it is a correction."""
    if isinstance(record, Retraction):
        return record.retracts
    return getattr(record, "supersedes", None)


def spans(records: Sequence[Dated]) -> list[Span]:
    """The span of knowledge days over which each record counts, in ``records``' order.

    A record counts from the day it is known until the first correction of it is known; a
    correction, until a later correction of the same record is known (the latest counts).
    """
    known = [known_from(r) for r in records]
    hidden = [NEVER] * len(records)
    by_ident: dict[str, list[int]] = {}
    corrections: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        ident = _ident(r)
        if ident is not None:
            by_ident.setdefault(ident, []).append(i)
        target = _target(r)
        if target is not None:
            corrections.setdefault(target, []).append(i)
    for target, found in corrections.items():
        found.sort(key=lambda i: (known[i], i))
        first = known[found[0]]
        for i in by_ident.get(target, ()):
            hidden[i] = min(hidden[i], first)
        for here, after in pairwise(found):
            hidden[here] = min(hidden[here], known[after])
    # a reply counts no longer than the note it answers (a withdrawn proposal takes its replies)
    for i, r in enumerate(records):
        if isinstance(r, DiplomaticNote) and r.replies_to is not None:
            for j in by_ident.get(r.replies_to, ()):
                hidden[i] = min(hidden[i], hidden[j])
    return list(zip(known, hidden, strict=True))


_NO_KNOWLEDGE = "knowledge time does not apply to a state's end or continuation"
_NO_CREDIT = "knowledge time does not apply to credit-line events (credit is as known now)"


def correction_problems(records: Sequence[Dated]) -> list[tuple[Dated, str]]:
    """What is wrong with the records' ids and corrections, each with its record.

    Ids (event and retraction ``uid``, instrument ``id``) are unique; a correction names a
    record that exists and is not itself a correction (correct the original instead: of
    several corrections of one record, the one published last counts), nor a reply to a note
    (withdraw the note, which takes its replies), nor a state's end or continuation, which
    take no ``announced_on`` either.
    """
    problems: list[tuple[Dated, str]] = []
    owner: dict[str, Dated] = {}
    for r in records:
        ident = _ident(r)
        if ident is not None:
            if ident in owner and not isinstance(r, _INSTRUMENTS):
                problems.append((r, f"its id {ident!r} is already the id of another record"))
            owner.setdefault(ident, r)
    for r in records:
        if isinstance(r, _LIFECYCLE) and (r.announced_on or r.supersedes) is not None:
            problems.append((r, f"{_NO_KNOWLEDGE}: leave out announced_on and supersedes"))
        if isinstance(r, CreditLineEvent) and (r.announced_on or r.supersedes) is not None:
            problems.append((r, f"{_NO_CREDIT}: leave out announced_on and supersedes"))
        target = _target(r)
        if target is not None:
            problem = _target_problem(target, owner.get(target))
            if problem is not None:
                problems.append((r, problem))
    return problems


_INSTRUMENTS = (DiplomaticNote, JointCommunique, ExchangeOfNotes)
_LIFECYCLE = (StateExtinguished, StateContinued)


def _target_problem(target: str, found: Dated | None) -> str | None:
    if found is None:
        return f"it corrects {target!r}, which no record has as uid or id"
    if _target(found) is not None:
        return f"it corrects {target!r}, itself a correction: correct the original"
    if isinstance(found, _LIFECYCLE):
        return f"it corrects {target!r}: {_NO_KNOWLEDGE}"
    if isinstance(found, CreditLineEvent):
        return f"it corrects {target!r}: {_NO_CREDIT}"
    if isinstance(found, DiplomaticNote) and found.replies_to is not None:
        return (
            f"it withdraws the reply {target!r}: withdraw the note it answers "
            f"({found.replies_to!r}), which takes its replies"
        )
    return None


def counts(span: Span, day: pendulum.Date) -> bool:
    """Whether a record with this span counts for what was known on ``day``."""
    return span[0] <= day < span[1]


class Views:
    """Each dyad's candidate events with their spans, and the folded view at a knowledge day.

    ``fold`` folds a dyad's events (canonical, unsorted) into a timeline, as the index does.
    """

    __slots__ = ("_breaks", "_by_key", "_cache", "_fold", "_open", "_rows")

    def __init__(self, fold: Fold) -> None:
        """An empty set of views; :meth:`add` files candidates."""
        self._fold = fold
        self._by_key: dict[Key, list[tuple[Event, Span]]] = {}
        self._breaks: dict[Key, list[pendulum.Date]] = {}
        self._open: dict[Key, bool] = {}
        self._rows: dict[Key, list[tuple[pendulum.Date, pendulum.Date, pendulum.Date]]] = {}
        self._cache: dict[tuple[Key, int], list[Any]] = {}

    def add(self, key: Key, event: Event, span: Span) -> None:
        """File a candidate event of ``key`` with its span."""
        self._by_key.setdefault(key, []).append((event, span))

    def _days(self, key: Key) -> list[pendulum.Date]:
        found = self._breaks.get(key)
        if found is None:
            entries = self._by_key.get(key, ())
            days = {d for _, (k, h) in entries for d in (k, h) if d != NEVER}
            if any(k == NEVER for _, (k, _) in entries):
                days.add(NEVER)  # a record never known before the end: no past view is current
            self._rows[key] = [(e.on.earliest, k, h) for e, (k, h) in entries]
            # an open-ended date is bounded by its neighbours: a view may bound it otherwise
            self._open[key] = any(e.on.open_start or e.on.open_end for e, _ in entries)
            # published last: a thread that finds the breaks finds the rows they go with
            found = self._breaks[key] = sorted(days)
        return found

    def timeline(self, key: Key, day: pendulum.Date, until: pendulum.Date) -> DyadTimeline | None:
        """The dyad's timeline as known on ``day``; None where the current one answers.

        ``until`` is the last day the question can reach: a view and the current timeline
        agree on every day before the first record they differ on (one not yet known, or one
        corrected since), so there the current one answers, and no view is folded.
        """
        days = self._days(key)
        cut = bisect_right(days, day)
        if cut == len(days):  # everything known, every correction in force: the current view
            return None
        entry = self._cache.get((key, cut))
        if entry is None:  # the first day a record counts otherwise than in the current view
            first = min(
                (
                    start
                    for start, known, hidden in self._rows[key]
                    # a current record not yet known, or a corrected one still counting
                    if (known > day if hidden == NEVER else known <= day < hidden)
                ),
                default=None,
            )
            entry = self._cache[key, cut] = [first, None]
        first, found = entry
        if first is None or (until < first and not self._open[key]):
            return None
        if found is None:
            events = [e for e, span in self._by_key[key] if counts(span, day)]
            found = entry[1] = self._fold(key, events, None if self._open[key] else first)
        return found  # type: ignore[no-any-return]

    def unknown(self, key: Key, day: pendulum.Date, until: pendulum.Date) -> list[Event]:
        """The dyad's records dated up to ``until`` that were not yet known on ``day``.

        In fold order; the records in force now only (not those corrected since).
        """
        return sort_events(
            [
                e
                for e, span in self._by_key.get(key, ())
                if span[0] > day and span[1] == NEVER and e.on.earliest <= until
            ]
        )

    def keys(self) -> list[Key]:
        """The dyads with records, at any day of knowledge."""
        return list(self._by_key)

    def last_day(self, key: Key) -> pendulum.Date | None:
        """The last day on which what is known of the dyad changes (None: nothing ever)."""
        days = self._days(key)
        return days[-1] if days else None
