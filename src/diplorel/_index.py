"""The dyad index: each dyad's events in time order and its derived timeline.

Events are checked against their parties' existence, renamed to their lineage's code, filed
by dyad, sorted, and folded once. A change re-derives only the dyads it touches, from the first
event that moved. Each timeline gets its dyad's existence (:meth:`DyadIndex.window`), which
bounds open-ended dates (``../1973``) that no neighbouring act bounds.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pendulum

from diplorel._credit import CreditLineEvent
from diplorel._engine import (
    Anomaly,
    AnomalyKind,
    DyadTimeline,
    Window,
    derive_dyad,
    event_order_key,
    sort_events,
)
from diplorel._events import (
    Event,
    GovernmentRecognitionWithdrawn,
    GovernmentRecognized,
    StateContinued,
    StateExtinguished,
)
from diplorel._keys import Key, pair
from diplorel._lifecycle import Existence, check_lifecycle, lifecycle_events
from diplorel._lineage import Lineage
from diplorel._rules import RuleSet
from diplorel._states import StateRegistry
from diplorel._status import DyadState
from diplorel.exceptions import InvalidEventError, StateNotInExistenceError


class DyadIndex:
    """Every dyad's events and timeline, for one registry, rule set and mode."""

    __slots__ = (
        "_derived_empty",
        "_events_by_dyad",
        "_existence",
        "_lifecycle",
        "_originals",
        "_renamed_cache",
        "_timelines",
        "existence_anomalies",
        "lineage",
        "registry",
        "rules",
        "strict",
    )

    def __init__(
        self,
        *,
        registry: StateRegistry,
        rules: RuleSet,
        strict: bool,
        lineage: Lineage,
    ) -> None:
        """An empty index; fill it with :meth:`build`."""
        self.registry = registry
        self.rules = rules
        self.strict = strict
        self.lineage = lineage
        self.existence_anomalies: list[Anomaly] = []
        self._existence = Existence(registry)
        self._originals: dict[int, Event] = {}
        self._events_by_dyad: dict[Key, list[Event]] = {}
        self._timelines: dict[Key, DyadTimeline] = {}
        self._derived_empty: dict[Key, DyadTimeline] = {}
        self._lifecycle: list[Event] = []
        self._renamed_cache: dict[tuple[object, ...], tuple[DyadState, DyadState]] = {}

    def build(self, events: Iterable[Event]) -> list[CreditLineEvent]:
        """File and fold ``events``; return the credit-line events, checked and renamed."""
        by_dyad: dict[Key, list[Event]] = {}
        credit: list[CreditLineEvent] = []
        checked, conflicts = check_lifecycle(
            self._existing(events), self.registry, strict=self.strict
        )
        self.existence_anomalies.extend(conflicts)
        for original in checked:
            event = self._canonical(original)
            if isinstance(event, CreditLineEvent):
                credit.append(event)
            elif isinstance(event, StateExtinguished | StateContinued):
                self._lifecycle.append(event)
            else:
                by_dyad.setdefault(self.key(*event.parties), []).append(event)
        for key, evs in sorted(by_dyad.items()):
            events_of = sort_events([*evs, *self._implied(key)])
            self._events_by_dyad[key] = events_of
            self._timelines[key] = derive_dyad(
                key, events_of, self.rules, strict=self.strict, window=self.window(key)
            )
        return credit

    def with_events(self, events: Iterable[Event]) -> DyadIndex:
        """A new index with more dyadic events; only the dyads they touch are re-derived."""
        new = DyadIndex(
            registry=self.registry, rules=self.rules, strict=self.strict, lineage=self.lineage
        )
        new.existence_anomalies = list(self.existence_anomalies)
        new._existence = self._existence
        new._originals = dict(self._originals)
        new._lifecycle = self._lifecycle
        new._events_by_dyad = dict(self._events_by_dyad)
        new._timelines = dict(self._timelines)
        touched: dict[Key, list[Event]] = {}
        for event in new._existing(events):
            touched.setdefault(self.key(*event.parties), []).append(new._canonical(event))
        for key, added in sorted(touched.items()):
            old = new._events_by_dyad.get(key)
            if old is None:
                merged = sort_events([*added, *self._implied(key)])
                new._events_by_dyad[key] = merged
                new._timelines[key] = derive_dyad(
                    key, merged, self.rules, strict=self.strict, window=self.window(key)
                )
                continue
            merged = sort_events([*old, *added])
            first_change = next(
                (i for i, (x, y) in enumerate(zip(old, merged, strict=False)) if x is not y),
                len(old),
            )
            new._events_by_dyad[key] = merged
            new._timelines[key] = new._timelines[key].rederive_from(
                first_change, merged[first_change:], self.rules, strict=self.strict
            )
        return new

    def as_strict(self) -> DyadIndex:
        """The same index in strict mode (for an index in which nothing was refused)."""
        new = DyadIndex(registry=self.registry, rules=self.rules, strict=True, lineage=self.lineage)
        for name in DyadIndex.__slots__:
            if name != "strict":
                setattr(new, name, getattr(self, name))
        return new

    # Filing ----------------------------------------------------------------------------------

    def key(self, a: str, b: str) -> Key:
        """The dyad key of two codes: their lineages' codes, sorted."""
        return self.lineage.key(a, b)

    def _canonical(self, event: Event) -> Event:
        canonical = self.lineage.canonical(event)
        if canonical is not event:
            self._originals[id(canonical)] = event
        return canonical

    def shown(self, event: Event) -> Event:
        """The event as given (before it was renamed to its lineage's codes)."""
        return self._originals.get(id(event), event)

    def view(
        self, key: Key, events: list[Event], first: pendulum.Date | None = None
    ) -> DyadTimeline:
        """A dyad's timeline from ``events`` alone (a view of the past), folded leniently.

        As in :meth:`build`, an act outside a party's existence, or naming a government the
        registry does not know, is not applied. ``first``: the
        first day on which ``events`` differ from the dyad's current ones (none open-ended);
        the current timeline is kept before it and only the rest is folded.
        """
        canonical = [self.lineage.canonical(e) for e in events if self._applies(e)]
        current = self._timelines.get(key)
        if first is None or current is None:
            return derive_dyad(
                key,
                sort_events([*canonical, *self._implied(key)]),
                self.rules,
                strict=False,
                window=self.window(key),
            )
        after = [e for e in (*canonical, *self._implied(key)) if e.on.earliest >= first]
        start = bisect_left(current.earliest, first)
        return current.rederive_from(start, sort_events(after), self.rules, strict=False)

    def window(self, key: Key) -> Window:
        """When both states of a dyad existed, each as its whole lineage (SUN, then RUS).

        From the later of the two first days to the earlier of the two ends; None where the
        registry does not say (a state from before 1816, or one that still exists).
        """
        registry = self.registry
        starts: list[pendulum.Date] = []
        ends: list[pendulum.Date] = []
        for code in key:
            begins = [
                registry.get(m).begins_on if m in registry else None
                for m in self.lineage.members(code)
            ]
            if None not in begins:
                starts.append(min(b for b in begins if b is not None))
            end = registry.get(code).ends_on if code in registry else None
            if end is not None:
                ends.append(end)
        return (max(starts) if starts else None, min(ends) if ends else None)

    def _implied(self, key: Key) -> list[Event]:
        return lifecycle_events(key, self._lifecycle, self.lineage, self.registry)

    def _applies(self, event: Event) -> bool:
        """Whether :meth:`build` applies an event: parties existing, a government known."""
        return self._existence.problem(event) is None and self._government_error(event) is None

    def _government_error(self, event: Event) -> InvalidEventError | None:
        """For a recognition of a government the registry does not know, the error it makes.

        Where the registry lists a state's governments (China, Russia), the event must name one
        of them; elsewhere any id stands.
        """
        if not isinstance(event, GovernmentRecognized | GovernmentRecognitionWithdrawn):
            return None
        if not self.registry.governments(event.of):
            return None
        try:
            self.registry.government(event.of, event.government, event=event.describe())
        except InvalidEventError as e:
            return e
        return None

    def _unknown_government(self, event: Event) -> bool:
        """Whether an event names an unknown government: strict mode raises, lenient flags it."""
        error = self._government_error(event)
        if error is None:
            return False
        if self.strict:
            raise error
        self.existence_anomalies.append(
            Anomaly(
                kind=AnomalyKind.UNKNOWN_GOVERNMENT,
                dyad=event.between,  # type: ignore[attr-defined]
                on=event.on,
                message=f"{error}; the event is not applied",
                event=event,
            )
        )
        return True

    def _existing(self, events: Iterable[Event]) -> list[Event]:
        """The events whose parties all exist during their span; flag (or raise for) the rest.

        In strict mode the error raised is the earliest violation, whatever the input order.
        """
        kept: list[Event] = []
        errors: list[tuple[tuple[Any, ...], StateNotInExistenceError]] = []
        for event in events:
            if self._unknown_government(event):
                continue
            problem = self._existence.problem(event)
            if problem is None:
                kept.append(event)
                continue
            code, span = problem
            error = StateNotInExistenceError(
                code, on=str(event.on), existence=span, event=event.describe()
            )
            errors.append(((*event_order_key(event), event.describe()), error))
            parties = event.parties
            self.existence_anomalies.append(
                Anomaly(
                    kind=AnomalyKind.OUTSIDE_EXISTENCE,
                    dyad=pair(parties[0], parties[-1]),
                    on=event.on,
                    message=f"{event.describe()}: {code} existed {span}; the event is not applied",
                    event=event,
                )
            )
        if errors and self.strict:
            raise min(errors, key=lambda pair: pair[0])[1]
        return kept

    # Reading ----------------------------------------------------------------------------------

    @property
    def timelines(self) -> Mapping[Key, DyadTimeline]:
        """The timelines of the dyads that have events."""
        return self._timelines

    def timeline(self, key: Key) -> DyadTimeline:
        """A dyad's timeline; a dyad without events gets one of its implied lifecycle only."""
        found = self._timelines.get(key)
        if found is not None:
            return found
        found = self._derived_empty.get(key)
        if found is None:
            events = sort_events(self._implied(key))
            found = derive_dyad(key, events, self.rules, strict=False, window=self.window(key))
            self._derived_empty[key] = found
        return found

    def all_events(self) -> Sequence[Event]:
        """Every filed event, in time order."""
        return sort_events([e for evs in self._events_by_dyad.values() for e in evs])

    def lifecycle_states(self) -> frozenset[str]:
        """The (filed) codes of every state that ends or continues, stated or from the registry."""
        root = self.lineage.root
        codes = {root(c) for e in self._lifecycle for c in e.parties}
        codes |= {root(x.state) for x in self.registry.extinctions()}
        codes |= {root(c.old) for c in self.registry.continuations()}
        return frozenset(codes)

    def names_on(self, key: Key, day: pendulum.Date) -> dict[str, str]:
        """For continuing states, the code each lineage went by on ``day`` (SUN in 1980)."""
        return self.lineage.names_on(key, day, self.registry)

    def renamed(self, state: DyadState, names: dict[str, str]) -> DyadState:
        """``state.renamed(names)``, computed once per state and naming.

        The cache entry keeps the state alive, so its id is not reused.
        """
        cache_key = (id(state), *sorted(names.items()))
        found = self._renamed_cache.get(cache_key)
        if found is None:
            found = self._renamed_cache[cache_key] = (state, state.renamed(names))
        return found[1]
