"""Mutually exclusive relations: a third state's relations with both the PRC and the ROC.

Overlapping periods are flagged as anomalies, never repaired: real sources show one-day gaps
and overlaps, and a researcher should see them.
"""

from __future__ import annotations

from collections.abc import Mapping

import pendulum

from diplorel._dates import FuzzyDate
from diplorel._engine import Anomaly, AnomalyKind, DyadTimeline
from diplorel._keys import Key, pair
from diplorel._lineage import Lineage
from diplorel._rules import RuleSet
from diplorel._status import Diplomatic

Spell = tuple[FuzzyDate, FuzzyDate | None]


def _overlap(a: Spell, b: Spell, since: FuzzyDate | None) -> tuple[pendulum.Date, str] | None:
    """The first day two spells certainly overlap, and the end of the overlap; or None."""
    start = max(a[0].stated[1], b[0].stated[1])
    if since is not None:
        start = max(start, since.earliest)
    ends = [e.stated[0] for e in (a[1], b[1]) if e is not None]
    if ends and min(ends) <= start:
        return None
    return start, str(min(ends)) if ends else "now"


def established_periods(timeline: DyadTimeline | None) -> list[Spell]:
    """The periods of established relations in a dyad's timeline."""
    if timeline is None:
        return []
    out: list[Spell] = []
    start: FuzzyDate | None = None
    for event, state in zip(timeline.events, timeline.states, strict=True):
        open_now = state.diplomatic is Diplomatic.ESTABLISHED
        if open_now and start is None:
            start = event.on
        elif not open_now and start is not None:
            out.append((start, event.on))
            start = None
    if start is not None:
        out.append((start, None))
    return out


def exclusivity_overlaps(
    timelines: Mapping[Key, DyadTimeline], rules: RuleSet, lineage: Lineage
) -> list[Anomaly]:
    """An anomaly for each dyad of a third state whose exclusive relations overlap."""
    found: list[Anomaly] = []
    for check in rules.exclusive:
        x, y = (lineage.root(s) for s in check.states)
        partners_x = {k[0] if k[1] == x else k[1] for k in timelines if x in k}
        partners_y = {k[0] if k[1] == y else k[1] for k in timelines if y in k}
        for third in sorted((partners_x & partners_y) - {x, y}):
            for px in established_periods(timelines.get(pair(third, x))):
                for py in established_periods(timelines.get(pair(third, y))):
                    overlap = _overlap(px, py, check.since)
                    if overlap is None:
                        continue
                    start, end = overlap
                    message = f"{third} had relations with both {x} and {y} from {start} to {end}"
                    found.extend(
                        Anomaly(
                            kind=AnomalyKind.EXCLUSIVITY_OVERLAP,
                            dyad=key,
                            on=FuzzyDate.day(start),
                            message=message,
                            rule=check.name,
                        )
                        for key in (pair(third, x), pair(third, y))
                    )
    return found
