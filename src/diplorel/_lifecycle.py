"""The life of states in a history: existence checks and implied extinctions/continuations.

An act dated outside a party's existence is rejected; the registry's extinctions (the GDR on
3 October 1990) and continuations (the USSR by the Russian Federation) apply to every dyad of
those states without the history having to state them.
"""

from __future__ import annotations

from collections.abc import Sequence

import pendulum

from diplorel._dates import FuzzyDate
from diplorel._events import Event, Source, StateContinued, StateExtinguished
from diplorel._lineage import Lineage
from diplorel._states import StateRegistry


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
