"""The life of states in a history: existence checks and implied extinctions/continuations.

An act dated outside a party's existence is rejected; the registry's extinctions (the GDR on
3 October 1990) and continuations (the USSR by the Russian Federation) apply to every dyad of
those states without the history having to state them. The registry is authoritative: a stated
extinction or continuation that contradicts it is refused (:func:`check_lifecycle`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pendulum

from diplorel._dates import FuzzyDate
from diplorel._engine import Anomaly, AnomalyKind
from diplorel._events import Event, Source, StateContinued, StateExtinguished, event_sort_key
from diplorel._lineage import Lineage
from diplorel._states import StateRegistry
from diplorel.exceptions import InvalidEventError

LIFECYCLE_CONFLICT = AnomalyKind.LIFECYCLE_CONFLICT
"""The kind of the anomaly for a stated extinction or continuation the registry (or another
continuation) contradicts, and for an act between a state and its own continuation."""


def _registry_source(text: str) -> Source:
    return Source(publisher="diplorel state registry", title=text)


def _day(day: pendulum.Date) -> FuzzyDate:
    return FuzzyDate.day(day)


class Existence:
    """When each state existed, by code (a cache over the registry for the hot path)."""

    def __init__(self, registry: StateRegistry) -> None:
        """Read the spans lazily from ``registry``."""
        self._registry = registry
        self._spans: dict[str, tuple[pendulum.Date | None, pendulum.Date | None] | None] = {}

    def _span(self, code: str) -> tuple[pendulum.Date | None, pendulum.Date | None] | None:
        try:
            return self._spans[code]
        except KeyError:
            pass
        span = None
        if code in self._registry:
            state = self._registry.get(code)
            span = (state.begins_on, state.ends_on)
        self._spans[code] = span
        return span

    def problem(self, event: Event) -> tuple[str, str] | None:
        """The first party that did not exist during the event's span, and its existence."""
        lifecycle = isinstance(event, StateExtinguished | StateContinued)
        on = event.on
        for code in event.parties:
            span = self._span(code)
            if span is None:
                continue
            begins, ends = span
            too_early = begins is not None and on.latest < begins
            if ends is None:
                too_late = False
            elif lifecycle:
                too_late = on.earliest > ends
            else:
                too_late = on.earliest >= ends
            if too_early or too_late:
                return code, f"from {begins or 'before 1816'} until {ends or 'today'}"
        return None


def lifecycle_events(
    key: tuple[str, str], stated: Sequence[Event], lineage: Lineage, registry: StateRegistry
) -> list[Event]:
    """Extinctions and continuations that touch a dyad: stated ones, else the registry's."""
    out: list[Event] = []
    members = {m for code in key for m in lineage.members(code)}
    stated_extinct = set()
    for e in stated:
        if isinstance(e, StateExtinguished) and lineage.root(e.state) in key:
            out.append(e)
            stated_extinct.add(e.state)
        elif isinstance(e, StateContinued) and (e.old in members or e.new in members):
            out.append(e)
    stated_continued = {(e.old, e.new) for e in out if isinstance(e, StateContinued)}
    out.extend(
        StateExtinguished(
            state=x.state,
            on=_day(x.on),
            absorbed_by=x.absorbed_by,
            sources=(_registry_source(x.source),),
        )
        for x in registry.extinctions()
        if x.state in key and x.state not in stated_extinct
    )
    out.extend(
        StateContinued(old=c.old, new=c.new, on=_day(c.on), sources=(_registry_source(c.source),))
        for c in registry.continuations()
        if c.old in members and (c.old, c.new) not in stated_continued
    )
    return out


def _disagrees(on: FuzzyDate, day: pendulum.Date) -> bool:
    """Whether an event dated ``on`` cannot have happened on the registry's ``day``."""
    return not on.earliest <= day <= on.latest


def _registry_end(
    code: str, registry: StateRegistry
) -> tuple[str, str | None, pendulum.Date, str] | None:
    """How the registry ends ``code``: (kind, successor or absorber, first day without, source)."""
    if code not in registry:
        return None
    for c in registry.continuations():
        if c.old == code:
            return "continued", c.new, c.on, c.source
    for x in registry.extinctions():
        if x.state == code:
            return "extinct", x.absorbed_by, x.on, x.source
    return None


def lifecycle_conflict(event: Event, registry: StateRegistry) -> str | None:
    """Why a stated extinction or continuation contradicts the registry, or None if it does not.

    It contradicts when the registry dates the state's end otherwise (an event dated by a span
    agrees when the span holds the registry's day), names another successor or absorber, or
    records the other kind of end. A state whose end the registry does not record is not
    checked.

    >>> from diplorel._states import default_registry
    >>> e = StateContinued(old="SUN", new="RUS", on="1991-12-24")
    >>> print(lifecycle_conflict(e, default_registry()))  # doctest: +ELLIPSIS
    the state registry dates SUN's continuation by RUS on 1991-12-26, not 1991-12-24 (source: ...)
    """
    other: str | None
    if isinstance(event, StateContinued):
        code, kind, other = event.old, "continued", event.new
    elif isinstance(event, StateExtinguished):
        code, kind, other = event.state, "extinct", event.absorbed_by
    else:
        return None
    end = _registry_end(code, registry)
    if end is None:
        return None
    r_kind, r_other, day, source = end
    if r_kind == "continued":
        fact = f"{code}'s continuation by {r_other}"
    else:
        fact = f"{code}'s extinction" + (f" (absorbed by {r_other})" if r_other else "")
    if kind != r_kind:
        wrong = "a continuation" if kind == "continued" else "an extinction"
    elif other is not None and other != r_other:
        wrong = f"by {other}"
    elif _disagrees(event.on, day):
        return f"the state registry dates {fact} on {day}, not {event.on} (source: {source})"
    else:
        return None
    return f"the state registry records {fact} on {day}, not {wrong} (source: {source})"


def _continuation_order(event: StateContinued) -> tuple[Any, ...]:
    """Which of two continuations of one state applies: the earliest, then by successor."""
    return (*event_sort_key(event), event.new, event.describe())


def lineage_of(
    events: Iterable[Event], registry: StateRegistry
) -> tuple[Lineage, list[tuple[StateContinued, str]]]:
    """The lineage that the registry's and the stated continuations make, and those refused.

    The registry's continuations always apply. A stated one applies unless it is refused,
    whatever the input order:

    - it contradicts the registry (:func:`lifecycle_conflict`);
    - its state is continued by another state already: of two continuations of one state by
      different states, the earliest applies (by date: first day, then last day; on the same
      dates, the successor whose code sorts first), the other is refused;
    - its successor continues another state already: one state continues at most one other
      (a union of two is an extinction by absorption); the earliest applies, in the same
      order;
    - it would close a circle (a state continuing its own continuation).

    A continuation dated outside a party's existence is left out (the index flags it as
    ``outside_existence``). The same continuation stated twice is no contradiction.
    """
    existence = Existence(registry)
    stated = sorted(
        (e for e in events if isinstance(e, StateContinued) and existence.problem(e) is None),
        key=_continuation_order,
    )
    successor = {c.old: c.new for c in registry.continuations()}
    continues = {new: old for old, new in successor.items()}
    by: dict[str, StateContinued] = {}
    refused: list[tuple[StateContinued, str]] = []
    for event in stated:
        old, new = event.old, event.new
        reason = lifecycle_conflict(event, registry)
        if reason is None and successor.get(old, new) != new:
            first = by.get(old)
            said = f" ({first.describe()})" if first is not None else ""
            reason = (
                f"{old} is continued by {successor[old]}{said}: of two continuations of one "
                "state, the earliest applies"
            )
        if reason is None and continues.get(new, old) != old:
            reason = (
                f"{new} continues {continues[new]} already: a state continues at most one "
                "other (of two, the earliest applies); a union is an extinction by absorption"
            )
        if reason is None and old not in successor and _reaches(successor, new, old):
            reason = (
                f"{old} already continues {new}: its continuation by {new} would make a state "
                "continue itself"
            )
        if reason is None:
            successor[old] = new
            continues[new] = old
            by.setdefault(old, event)
        else:
            refused.append((event, reason))
    return Lineage(successor.items()), refused


def _reaches(successor: dict[str, str], code: str, target: str) -> bool:
    """Whether following continuations from ``code`` reaches ``target``."""
    seen: set[str] = set()
    while code not in seen:
        if code == target:
            return True
        seen.add(code)
        found = successor.get(code)
        if found is None:
            return False
        code = found
    return False


def check_lifecycle(
    events: Iterable[Event], registry: StateRegistry, *, strict: bool
) -> tuple[list[Event], list[Anomaly]]:
    """The events without those that contradict the registry or the states' lineages.

    Refused: an extinction or continuation that contradicts the registry, a continuation that
    :func:`lineage_of` does not apply (a second continuation of one state, a circle), and an
    act between a state and its own continuation (:meth:`~diplorel._lineage.Lineage.merged`:
    the USSR and the Russian Federation are one state).

    Strict mode raises :class:`~diplorel.exceptions.InvalidEventError` for the earliest such
    event (whatever the input order); lenient mode leaves them out, each flagged by an anomaly of
    kind ``lifecycle_conflict``, and the registry's own fact applies instead (see
    :func:`lifecycle_events`). Every other event passes through unchanged, in order.

    Raises:
        InvalidEventError: in strict mode, naming the event and why (for a conflict with the
            registry: both dates and the registry's source).
    """
    events = list(events)
    lineage, continuations = lineage_of(events, registry)
    refusals: dict[int, str] = {id(e): reason for e, reason in continuations}
    kept: list[Event] = []
    refused: list[tuple[Event, str]] = []
    for event in events:
        if isinstance(event, StateContinued):
            reason = refusals.get(id(event))
        elif isinstance(event, StateExtinguished):
            reason = lifecycle_conflict(event, registry)
        else:
            merged = lineage.merged(event)
            reason = None if merged is None else lineage.merged_reason(*merged)
        if reason is None:
            kept.append(event)
        else:
            refused.append((event, reason))
    if refused and strict:
        event, reason = min(refused, key=lambda pair: (*event_sort_key(pair[0]), pair[1]))
        raise InvalidEventError(event.describe(), reason)
    anomalies = [
        Anomaly(
            kind=LIFECYCLE_CONFLICT,
            dyad=(event.parties[0], event.parties[-1]),
            on=event.on,
            message=f"{event.describe()}: {reason}; the event is not applied",
            event=event,
        )
        for event, reason in refused
    ]
    return kept, anomalies
