"""The fold: a dyad's events, in time order, through the rules, into a timeline of states.

A dyad's timeline is derived once; a query is then a binary search. Acts dated only to a year or
an interval make the status uncertain on the days inside their span: there the engine refolds
the few acts in question, both ways, and reports the alternatives.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from typing import Generic, NamedTuple, Protocol, TypeVar

import attrs
import pendulum

from diplorel._dates import FuzzyDate, When
from diplorel._events import Event, event_sort_key
from diplorel._rules import Rejected, Rule, RuleSet
from diplorel._status import DyadState
from diplorel.exceptions import InvalidTransitionError

_ONE_DAY = dt.timedelta(days=1)


class FoldState(Protocol):
    """What the engine needs of a state it folds: a one-line summary for error messages."""

    def summary(self) -> str:
        """One line describing the state."""
        ...


S = TypeVar("S", bound=FoldState)


@attrs.frozen
class Anomaly:
    """Something the engine flagged instead of raising (lenient mode), or a cross-dyad overlap.

    ``kind`` is ``invalid_transition``, ``outside_existence`` or ``exclusivity_overlap``.
    """

    kind: str
    dyad: tuple[str, str]
    on: FuzzyDate
    message: str
    event: Event | None = attrs.field(default=None, repr=False)
    rule: str | None = None

    def __str__(self) -> str:
        """One line: ``CUB-KOR 1960: ... (rule ...)``."""
        rule = f" (rule {self.rule})" if self.rule else ""
        return f"{self.dyad[0]}-{self.dyad[1]} {self.on}: {self.message}{rule}"


def sort_events(events: Sequence[Event]) -> list[Event]:
    """Events in time order; ties broken by content, so input order never matters."""
    out = sorted(events, key=event_sort_key)
    i = 0
    n = len(out)
    while i < n:  # a run of equal keys is ordered by its text form
        j = i + 1
        key = event_sort_key(out[i])
        while j < n and event_sort_key(out[j]) == key:
            j += 1
        if j - i > 1:
            out[i:j] = sorted(out[i:j], key=repr)
        i = j
    return out


def apply_event(
    state: S, event: Event, rules: tuple[Rule, ...]
) -> tuple[S, Rejected | None, Rule | None]:
    """Apply one event through its rules; on rejection return the unchanged state and why."""
    before = state
    for r in rules:
        try:
            state = r.function(state, event)
        except Rejected as e:
            return before, e, r
    return state, None, None


@attrs.define(slots=True)
class Timeline(Generic[S]):
    """Events in time order and the state after each one; answers queries by binary search."""

    key: tuple[str, str]
    initial: S
    events: list[Event]
    states: list[S]
    earliest: list[pendulum.Date]
    """``earliest[i]``: the first day event ``i`` may have happened."""
    settled: list[pendulum.Date]
    """``settled[i]``: the day by which events ``0..i`` had all certainly happened."""
    anomalies: list[Anomaly]
    rejected: dict[int, Anomaly]
    """Index of every event the rules refused (lenient mode), with its anomaly."""

    @classmethod
    def derive(
        cls,
        key: tuple[str, str],
        events: Sequence[Event],
        rules: RuleSet,
        *,
        strict: bool,
        initial: S,
    ) -> Timeline[S]:
        """Fold ``events`` (already in time order) from ``initial``."""
        timeline = cls(key, initial, [], [], [], [], [], {})
        timeline.extend(events, rules, strict=strict)
        return timeline

    def extend(self, events: Sequence[Event], rules: RuleSet, *, strict: bool) -> None:
        """Fold more events (all dated on or after the last one) onto the end."""
        state = self.states[-1] if self.states else self.initial
        settled = self.settled[-1] if self.settled else None
        for event in events:
            new, why, rule = apply_event(state, event, rules.for_event(type(event)))
            if why is not None:
                assert rule is not None  # noqa: S101 - set together with why
                anomaly = Anomaly(
                    kind="invalid_transition",
                    dyad=self.key,
                    on=event.on,
                    message=f"{event.describe()} not allowed: {why.reason}",
                    event=event,
                    rule=rule.name,
                )
                if strict:
                    raise self.error(event, state, rule.name, why)
                self.rejected[len(self.events)] = anomaly
                self.anomalies.append(anomaly)
            state = new
            latest = event.on.latest
            settled = latest if settled is None or latest > settled else settled
            self.events.append(event)
            self.states.append(state)
            self.earliest.append(event.on.earliest)
            self.settled.append(settled)

    def error(self, event: Event, state: S, rule: str, why: Rejected) -> InvalidTransitionError:
        """The exception strict mode raises when ``rule`` refuses ``event``."""
        return InvalidTransitionError(
            self.key, str(event.on), event.describe(), state.summary(), rule, why.reason
        )

    def rederive_from(
        self, index: int, events: Sequence[Event], rules: RuleSet, *, strict: bool
    ) -> Timeline[S]:
        """A new timeline that keeps this one up to ``index`` and folds ``events`` after it."""
        kept_anomalies = [a for i, a in self.rejected.items() if i < index]
        new = type(self)(
            self.key,
            self.initial,
            self.events[:index],
            self.states[:index],
            self.earliest[:index],
            self.settled[:index],
            kept_anomalies,
            {i: a for i, a in self.rejected.items() if i < index},
        )
        new.extend(events, rules, strict=strict)
        return new

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
        possible = bisect_right(self.earliest, hi)
        certain_prefix = bisect_right(self.settled, lo, 0, possible)
        if certain_prefix == possible:
            state = self.states[possible - 1] if possible else self.initial
            return Answer(state, True, (), possible, ())  # noqa: FBT003 - a named tuple
        return self._refold(when, certain_prefix, possible, rules)

    def _refold(self, when: When, start: int, stop: int, rules: RuleSet) -> Answer[S]:
        happened: list[int] = []
        unknown: list[int] = []
        for i in range(start, stop):
            event = self.events[i]
            if i in self.rejected:
                continue
            done = event.on.has_happened(when.local_day(event.tz))
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


DyadTimeline = Timeline[DyadState]
"""A dyad's timeline of :class:`~diplorel.DyadState`."""


def derive_dyad(
    key: tuple[str, str], events: Sequence[Event], rules: RuleSet, *, strict: bool
) -> Timeline[DyadState]:
    """Fold a dyad's events (in time order) from the empty state."""
    return Timeline.derive(key, events, rules, strict=strict, initial=DyadState.initial(key))
