"""Drawn histories for multiple imputation: every imprecise date sampled once, in order.

A draw gives each act dated imprecisely (``1959/1960``, ``1949``) one day of its span, drawn
uniformly among the days the fold order allows: within a dyad, acts are drawn in their fold
order and none earlier than the day drawn for the act before it, so every drawn history is a
possible one (a 1959/1960 break happens in 1959 or in 1960, never in neither). Open-ended
dates (``../1973``, ``1973/..``) have no span to draw from and are kept as given; acts dated to
the day, instruments and corrections are kept too. A draw is seeded: the same seed gives the
same history.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

import attrs
import pendulum

from diplorel._dates import FuzzyDate
from diplorel._engine import sort_events
from diplorel._events import Event


def drawn_items(items: Sequence[object], rng: random.Random) -> list[object]:
    """``items`` with each imprecisely dated event given one drawn day (see the module)."""
    events = [i for i in items if isinstance(i, Event)]
    by_dyad: dict[tuple[str, ...], list[Event]] = {}
    for e in events:
        by_dyad.setdefault(tuple(sorted(e.parties)), []).append(e)
    drawn: dict[int, Event] = {}
    for key in sorted(by_dyad):
        floor: pendulum.Date | None = None
        for e in sort_events(by_dyad[key]):
            new = _drawn(e, floor, rng)
            floor = new.on.earliest if not new.on.open_start else floor
            drawn[id(e)] = new
    return [drawn.get(id(i), i) if isinstance(i, Event) else i for i in items]


def _drawn(event: Event, floor: pendulum.Date | None, rng: random.Random) -> Event:
    on = event.on
    if on.open_start or on.open_end or on.earliest == on.latest:
        return event
    lo = on.earliest if floor is None or floor < on.earliest else min(floor, on.latest)
    days = (on.latest - lo).days
    day = lo.add(days=rng.randint(0, days))
    return attrs.evolve(event, on=FuzzyDate.day(day))


def seeds(seed: int | None, draws: int) -> Iterable[random.Random]:
    """One generator per draw, from one seed (None: a fresh, unseeded one)."""
    root = random.Random(seed)  # noqa: S311 - statistics, not cryptography
    for _ in range(draws):
        yield random.Random(root.getrandbits(64))  # noqa: S311
