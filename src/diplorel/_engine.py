"""The fold: a dyad's events, in time order, through the rules, into a timeline of states.

A dyad's timeline is derived once; a query is then a binary search. Acts dated only to a year or
an interval make the status uncertain on the days inside their span: there the engine refolds
the few acts in question, both ways, and reports the alternatives.

Two things are engine data, not event data. An open-ended date (``../1973``, ``1973/..``) gets
concrete bounds from its neighbours in the fold: an open start is bounded by the previous
event's earliest day and the start of the dyad's existence, an open end by the next event's
latest day, else the end of the dyad's existence, else not at all. An act's time of day (read
by :func:`act_time`) orders acts within a day and is compared, as an instant, with queries
given as instants.
"""

from __future__ import annotations

import datetime as dt
import enum
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from operator import eq, itemgetter
from types import MappingProxyType
from typing import Any, Generic, NamedTuple, Protocol, TypeVar

import attrs
import pendulum

from diplorel._dates import FuzzyDate, When, act_instant, check_act_time
from diplorel._events import Event
from diplorel._rules import Rejected, Rule, RuleSet
from diplorel._status import DyadState
from diplorel.exceptions import DiplorelError, InvalidTransitionError

_ONE_DAY = dt.timedelta(days=1)
_first = itemgetter(0)

Window = tuple[pendulum.Date | None, pendulum.Date | None]
"""When a dyad can act: from the later start to the earlier end of its parties' existence."""


class FoldState(Protocol):
    """What the engine needs of a state it folds: a one-line summary for error messages."""

    def summary(self) -> str:
        """One line describing the state."""
        ...


S = TypeVar("S", bound=FoldState)


class AnomalyKind(enum.StrEnum):
    """What an :class:`Anomaly` is; compares equal to its text (``"ignored"``)."""

    INVALID_TRANSITION = "invalid_transition"
    """A rule refused the event (lenient mode)."""
    OUTSIDE_EXISTENCE = "outside_existence"
    """The act is dated outside a party's existence (lenient mode)."""
    EXCLUSIVITY_OVERLAP = "exclusivity_overlap"
    """Relations with two states that exclude each other overlap (a notice)."""
    IGNORED = "ignored"
    """An event of a type the rule set ignores on purpose (a notice)."""
    UNKNOWN_GOVERNMENT = "unknown_government"
    """The event names a government the registry does not know (lenient mode)."""
    LIFECYCLE_CONFLICT = "lifecycle_conflict"
    """An extinction or continuation contradicts the registry's (lenient mode)."""


@attrs.frozen
class Anomaly:
    """Something the engine flagged instead of raising (lenient mode), or a cross-dyad overlap.

    ``kind`` is an :class:`AnomalyKind` (equal to its text, ``"invalid_transition"``...);
    ``exclusivity_overlap`` and ``ignored`` are notices, which strict mode accepts (see
    :data:`NOTICES`).
    """

    kind: AnomalyKind = attrs.field(converter=AnomalyKind)
    dyad: tuple[str, str]
    on: FuzzyDate
    message: str
    event: Event | None = attrs.field(default=None, repr=False)
    rule: str | None = None

    def __str__(self) -> str:
        """One line: ``CUB-KOR 1960: ... (rule ...)``."""
        rule = f" (rule {self.rule})" if self.rule else ""
        return f"{self.dyad[0]}-{self.dyad[1]} {self.on}: {self.message}{rule}"


NOTICES = frozenset({AnomalyKind.EXCLUSIVITY_OVERLAP, AnomalyKind.IGNORED})
"""Anomaly kinds that flag without refusing: strict mode accepts them."""


def act_time(event: Event) -> dt.time | None:
    """The local time of day at which an act happened (its ``time`` field), or None.

    The one place the engine reads it: event types without the field have no time.
    """
    value = getattr(event, "time", None)
    if value is None or isinstance(value, dt.time):
        return value
    msg = f"{event.describe()}: time must be a datetime.time, got {type(value).__name__}"
    raise TypeError(msg)


EventKey = tuple[pendulum.Date, pendulum.Date, int, int, str]

_UNTIMED = -86_400
"""The time key of an act without a time of day: before every timed act of its day."""
_EPOCH = dt.date(1970, 1, 1).toordinal()


def event_order_key(event: Event) -> EventKey:
    """The fold order: day span, time of day, kind of act.

    First the span's :meth:`~diplorel.FuzzyDate.sort_key` (earliest, then latest day; an open
    start by its end). Among acts of one day, those without a time come first (at any instant
    of their day they count as done), then the timed ones by instant (so 22:00 in Quito comes
    before 22:00 in Mexico City); then the kind of act (``ORDER``) and its tag.
    """
    on = event.on
    if on.open_start:
        first, last = on.sort_key()
    else:  # what sort_key gives a closed span, without the call: every event is keyed
        first, last = on.earliest, on.latest
    if getattr(event, "time", None) is None:  # most acts: no time of day
        return (first, last, _UNTIMED, event.ORDER, event.TAG)
    time = act_time(event)  # the time, its type checked
    assert time is not None  # noqa: S101 - read just above
    # seconds from midnight UTC of the act's local day to the act
    instant = act_instant(first, time, event.tz)
    seconds = int(instant.timestamp()) - (first.toordinal() - _EPOCH) * 86_400
    return (first, last, seconds, event.ORDER, event.TAG)


def sort_events(events: Sequence[Event]) -> list[Event]:
    """Events in fold order; ties broken by content, so input order never matters.

    Each event's key is computed once; the text forms that break ties are made only for
    events whose keys are equal (rare: two acts of one kind on one day).
    """
    keyed = sorted([(event_order_key(e), e) for e in events], key=_first)
    keys = [k for k, _ in keyed]
    if not any(map(eq, keys, keys[1:])):  # no two keys equal: the usual case
        return [e for _, e in keyed]
    out: list[Event] = []
    i, n = 0, len(keyed)
    while i < n:  # a run of equal keys is ordered by its text form
        key = keyed[i][0]
        j = i + 1
        while j < n and keyed[j][0] == key:
            j += 1
        if j - i > 1:
            out.extend(sorted([e for _, e in keyed[i:j]], key=repr))
        else:
            out.append(keyed[i][1])
        i = j
    return out


def apply_event(
    state: S,
    event: Event,
    rules: tuple[Rule, ...],
    trace: list[tuple[Rule, S, S | Rejected]] | None = None,
) -> tuple[S, Rejected | None, Rule | None]:
    """Apply one event through its rules; on rejection return the unchanged state and why.

    The one transition function: the fold, the refolds of uncertain spans and explanations
    all call it. ``trace``, when given, receives each rule met with the state it met and the
    state it made (or its refusal): what an explanation reports.
    """
    before = state
    for r in rules:
        try:
            new = r.function(state, event)
        except Rejected as e:
            if trace is not None:
                trace.append((r, state, e))
            return before, e, r
        if trace is not None:
            trace.append((r, state, new))
        state = new
    return state, None, None


ErrorMaker = Callable[[tuple[str, str], Event, Any, str, Rejected], DiplorelError]
"""What strict mode raises when a rule refuses an event: (key, event, state, rule, why)."""


def refusal(
    key: tuple[str, str], event: Event, state: FoldState, rule: str, why: Rejected
) -> dict[str, Any]:
    """What every strict-mode refusal says: the dyad, date, event, state met, rule, reason."""
    return {
        "dyad": key,
        "on": str(event.on),
        "event": event.describe(),
        "met": state.summary(),
        "rule": rule,
        "reason": why.reason,
    }


def transition_error(
    key: tuple[str, str], event: Event, state: FoldState, rule: str, why: Rejected
) -> InvalidTransitionError:
    """The exception strict mode raises when ``rule`` refuses a dyad's ``event``."""
    return InvalidTransitionError(**refusal(key, event, state, rule, why))


@attrs.frozen
class Timeline(Generic[S]):
    """Events in time order and the state after each one; answers queries by binary search.

    Immutable: made by :func:`fold` (and :meth:`rederive_from`), never changed after, so
    nothing a caller reads from it can change what a history answers.
    """

    key: tuple[str, str]
    initial: S
    events: tuple[Event, ...]
    states: tuple[S, ...]
    earliest: tuple[pendulum.Date, ...]
    """``earliest[i]``: the first day event ``i`` may have happened (open starts bounded)."""
    settled: tuple[pendulum.Date, ...]
    """``settled[i]``: the day by which events ``0..i`` had all certainly happened."""
    anomalies: tuple[Anomaly, ...]
    rejected: Mapping[int, Anomaly]
    """Index of every event the rules refused (lenient mode), with its anomaly."""
    latest: tuple[pendulum.Date, ...]
    """``latest[i]``: the last day event ``i`` may have happened (open ends bounded)."""
    window: Window
    """The dyad's existence, which bounds open dates that no neighbouring act bounds."""
    instants: Mapping[int, pendulum.DateTime]
    """The instant of every act with a time of day, by index."""
    anomaly_at: tuple[int, ...] = ()
    """``anomaly_at[k]``: the index of the event ``anomalies[k]`` is about."""

    def bounds(self, index: int) -> tuple[pendulum.Date, pendulum.Date]:
        """The first and last day on which event ``index`` may have happened, open ends bounded."""
        return self.earliest[index], self.latest[index]

    def rederive_from(
        self,
        index: int,
        events: Sequence[Event],
        rules: RuleSet,
        *,
        strict: bool,
        error: ErrorMaker = transition_error,
    ) -> Timeline[S]:
        """A new timeline that keeps this one up to ``index`` and folds ``events`` after it."""
        fold_ = _Fold(self.key, self.initial, self.window, error)
        fold_.events = list(self.events[:index])
        fold_.states = list(self.states[:index])
        fold_.earliest = list(self.earliest[:index])
        fold_.settled = list(self.settled[:index])
        fold_.latest = list(self.latest[:index])
        fold_.rejected = {i: a for i, a in self.rejected.items() if i < index}
        kept = [(i, a) for i, a in zip(self.anomaly_at, self.anomalies, strict=True) if i < index]
        fold_.anomaly_at = [i for i, _ in kept]
        fold_.anomalies = [a for _, a in kept]
        fold_.instants = {i: t for i, t in self.instants.items() if i < index}
        fold_.reopen_tail()
        fold_.extend(events, rules, strict=strict)
        return fold_.frozen()

    def state_before(self, index: int) -> S:
        """The state before event ``index``."""
        return self.states[index - 1] if index > 0 else self.initial

    def at(self, when: When, rules: RuleSet) -> Answer[S]:
        """The state on a query date, with its certainty and alternatives."""
        day = when.day
        if when.instant is None:
            lo = hi = day
        else:  # an instant falls on a local day within one day of its UTC day
            lo, hi = day - _ONE_DAY, day + _ONE_DAY
            if self.instants:  # and an act timed late on the day before may still be ahead
                lo -= _ONE_DAY
        possible = bisect_right(self.earliest, hi)
        certain_prefix = bisect_right(self.settled, lo, 0, possible)
        if certain_prefix == possible:
            state = self.states[possible - 1] if possible else self.initial
            return Answer(state, True, (), possible, ())  # noqa: FBT003 - a named tuple
        return self._refold(when, certain_prefix, possible, rules)

    def _refold(self, when: When, start: int, stop: int, rules: RuleSet) -> Answer[S]:
        happened: list[int] = []
        unknown: list[int] = []
        instant = when.instant
        timed = self.instants if instant is not None else None
        earliest, latest, events, rejected = self.earliest, self.latest, self.events, self.rejected
        done: bool | None
        for i in range(start, stop):
            if i in rejected:
                continue
            at = timed.get(i) if timed else None
            if at is not None and instant is not None:  # both have a time: compare instants
                done = at <= instant
            else:  # compare calendar days in the act's zone
                day = when.day if instant is None else when.local_day(events[i].tz)
                done = True if day >= latest[i] else None if day >= earliest[i] else False
            if done:
                happened.append(i)
            elif done is None:
                unknown.append(i)
        base = self.state_before(start)
        state = self._fold(base, happened, rules)
        if not unknown:
            return Answer(state, certain=True, alternatives=(), prefix=start, extra=tuple(happened))
        alternatives: list[S] = []
        for k in range(1, len(unknown) + 1):
            chosen = sorted(happened + unknown[:k])
            alt = self._fold(base, chosen, rules)
            if alt != state and alt not in alternatives:
                alternatives.append(alt)
        return Answer(
            state,
            certain=False,
            alternatives=tuple(alternatives),
            prefix=start,
            extra=tuple(happened),
            unknown=tuple(unknown),
        )

    def _fold(self, state: S, indices: Sequence[int], rules: RuleSet) -> S:
        for i in indices:
            event = self.events[i]
            state, _, _ = apply_event(state, event, rules.for_event(type(event)))
        return state


class Answer(NamedTuple, Generic[S]):
    """What :meth:`Timeline.at` found: the state and which events produced it.

    A named tuple: queries build one per call, so it is kept as light as Python allows.
    """

    state: S
    certain: bool
    alternatives: tuple[S, ...]
    prefix: int
    """Events ``0..prefix-1`` had all happened."""
    extra: tuple[int, ...]
    """Further events (by index) that had happened."""
    unknown: tuple[int, ...] = ()
    """Events (by index) that may or may not have happened."""

    def applied(self) -> list[int]:
        """Indices of every event that had happened, in order."""
        return [*range(self.prefix), *self.extra]


class _Fold(Generic[S]):
    """The fold in progress: the lists one pass over the events appends to, then frozen.

    Private to this module: every timeline leaves it through :meth:`frozen`.
    """

    __slots__ = (
        "anomalies",
        "anomaly_at",
        "earliest",
        "error",
        "events",
        "initial",
        "instants",
        "key",
        "latest",
        "rejected",
        "settled",
        "states",
        "window",
    )

    def __init__(self, key: tuple[str, str], initial: S, window: Window, error: ErrorMaker) -> None:
        self.key = key
        self.initial = initial
        self.window = window
        self.error = error
        self.events: list[Event] = []
        self.states: list[S] = []
        self.earliest: list[pendulum.Date] = []
        self.latest: list[pendulum.Date] = []
        self.settled: list[pendulum.Date] = []
        self.anomalies: list[Anomaly] = []
        self.anomaly_at: list[int] = []
        self.rejected: dict[int, Anomaly] = {}
        self.instants: dict[int, pendulum.DateTime] = {}

    def frozen(self) -> Timeline[S]:
        return Timeline(
            key=self.key,
            initial=self.initial,
            events=tuple(self.events),
            states=tuple(self.states),
            earliest=tuple(self.earliest),
            settled=tuple(self.settled),
            anomalies=tuple(self.anomalies),
            rejected=MappingProxyType(self.rejected),
            latest=tuple(self.latest),
            window=self.window,
            instants=MappingProxyType(self.instants),
            anomaly_at=tuple(self.anomaly_at),
        )

    def extend(self, events: Sequence[Event], rules: RuleSet, *, strict: bool) -> None:
        """Fold more events (all dated on or after the last one) onto the end."""
        state = self.states[-1] if self.states else self.initial
        settled = self.settled[-1] if self.settled else None
        open_tail = bool(self.events) and self.events[-1].on.open_end
        folded = self.events
        add_event, add_state = folded.append, self.states.append
        add_earliest, add_latest, add_settled = (
            self.earliest.append,
            self.latest.append,
            self.settled.append,
        )
        dispatch: dict[type[Event], tuple[tuple[Rule, ...], bool]] = {}
        for event in events:
            kind = type(event)
            found = dispatch.get(kind)
            if found is None:  # once per event type: the rules and whether one has effect
                found = dispatch[kind] = (rules.for_event(kind), rules.has_effect_on(kind))
            applied, effective = found
            if not effective:  # ignored on purpose, or no rule at all
                self._notice_ignored(event, rules)
            new, why, rule = apply_event(state, event, applied)
            if why is not None:
                assert rule is not None  # noqa: S101 - set together with why
                if strict:
                    raise self.error(self.key, event, state, rule.name, why)
                self._refused(event, rule, why)
            state = new
            on = event.on
            earliest, latest = on.earliest, on.latest
            if on.open_start:
                earliest = self._open_start_bound(on)
            if on.open_end:
                latest = self._open_end_bound(on)
            elif open_tail:
                settled = self._close_open_ends(latest)
            open_tail = on.open_end
            if getattr(event, "time", None) is not None:  # an act with a time of day
                self._timed(event)
            settled = latest if settled is None or latest > settled else settled
            add_event(event)
            add_state(state)
            add_earliest(earliest)
            add_latest(latest)
            add_settled(settled)

    def _notice_ignored(self, event: Event, rules: RuleSet) -> None:
        """Flag an event no rule with an effect applies to (ignored, or without a rule)."""
        notice = (
            "is ignored by the rule set"
            if type(event) in rules.ignored
            else "has no rule that can change the state: it changes nothing"
        )
        self.anomaly_at.append(len(self.events))
        self.anomalies.append(
            Anomaly(
                kind=AnomalyKind.IGNORED,
                dyad=self.key,
                on=event.on,
                message=f"{event.describe()} {notice}",
                event=event,
            )
        )

    def _refused(self, event: Event, rule: Rule, why: Rejected) -> None:
        """Record a refused event (lenient mode): the state stays as it was."""
        anomaly = Anomaly(
            kind=AnomalyKind.INVALID_TRANSITION,
            dyad=self.key,
            on=event.on,
            message=f"{event.describe()} not allowed: {why.reason}",
            event=event,
            rule=rule.name,
        )
        self.rejected[len(self.events)] = anomaly
        self.anomaly_at.append(len(self.events))
        self.anomalies.append(anomaly)

    def _timed(self, event: Event) -> None:
        """Record the instant of the act about to be appended (it has a time of day)."""
        time = act_time(event)  # checks the type
        assert time is not None  # noqa: S101 - the caller saw one
        on = event.on
        check_act_time(on, time)
        self.instants[len(self.events)] = act_instant(on.earliest, time, event.tz)

    # Open-ended dates: bounded by the neighbouring events, then by the dyad's existence.

    def _open_start_bound(self, on: FuzzyDate) -> pendulum.Date:
        """``../end``: not before the previous event's earliest day, nor the dyad's start."""
        bound = self.earliest[-1] if self.earliest else on.earliest
        start = self.window[0]
        if start is not None and start > bound:
            bound = start
        return min(bound, on.latest)

    def _open_end_bound(self, on: FuzzyDate) -> pendulum.Date:
        """``start/..`` while no event follows: the dyad's end, or open (9999-12-31)."""
        end = self.window[1]
        return on.latest if end is None else max(end, on.earliest)

    def _close_open_ends(self, bound: pendulum.Date) -> pendulum.Date | None:
        """The open ends just before a new last event end by its latest day; the new settled."""
        events = self.events
        n = len(events)
        i = n
        while i and events[i - 1].on.open_end:
            i -= 1
        end = self.window[1]
        if end is not None and end < bound:
            bound = end
        for k in range(i, n):
            self.latest[k] = max(bound, self.earliest[k])
        return self._resettle(i)

    def reopen_tail(self) -> None:
        """Undo :meth:`_close_open_ends` for the last events (before folding others after)."""
        events = self.events
        i = len(events)
        while i and events[i - 1].on.open_end:
            i -= 1
            self.latest[i] = self._open_end_bound(events[i].on)
        self._resettle(i)

    def _resettle(self, start: int) -> pendulum.Date | None:
        settled = self.settled[start - 1] if start else None
        for k in range(start, len(self.events)):
            latest = self.latest[k]
            settled = latest if settled is None or latest > settled else settled
            self.settled[k] = settled
        return settled


def fold(
    key: tuple[str, str],
    events: Sequence[Event],
    rules: RuleSet,
    *,
    strict: bool,
    initial: S,
    window: Window = (None, None),
    error: ErrorMaker = transition_error,
) -> Timeline[S]:
    """The fold: ``events`` (in :func:`sort_events` order) through ``rules`` from ``initial``.

    A pure function: the same inputs give an equal timeline, and nothing it returns can be
    changed. Strict mode raises what ``error`` makes on the first refused event; lenient mode
    records the refusal as an anomaly and keeps the state.
    """
    fold_ = _Fold(key, initial, window, error)
    fold_.extend(events, rules, strict=strict)
    return fold_.frozen()


DyadTimeline = Timeline[DyadState]
"""A dyad's timeline of :class:`~diplorel.DyadState`."""


def derive_dyad(
    key: tuple[str, str],
    events: Sequence[Event],
    rules: RuleSet,
    *,
    strict: bool,
    window: Window = (None, None),
) -> Timeline[DyadState]:
    """Fold a dyad's events (in fold order) from the empty state; ``window``: its existence."""
    return fold(key, events, rules, strict=strict, initial=DyadState.initial(key), window=window)
