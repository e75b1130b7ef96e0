"""Hypothesis strategies for diplorel, all in one place.

Dates stay within 1950-2024 and states come from a small pool of states that existed over that
whole range, so that generated events are never outside a party's existence unless a test wants
them to be.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import pendulum
from hypothesis import strategies as st

import diplorel as dr
from diplorel._events import EVENT_TYPES

MIN_YEAR = 1950
MAX_YEAR = 2024
POOL = ("CAN", "CHE", "CUB", "FRA", "KOR", "MEX", "PRK", "USA")
"""States that existed from 1950 to 2024 (KOR and PRK begin in 1948)."""
ZONES = (
    "UTC",
    "America/New_York",
    "America/Havana",
    "Asia/Seoul",
    "Asia/Pyongyang",
    "Europe/Paris",
)
LEVELS = (dr.Level.CHARGE_D_AFFAIRES, dr.Level.MINISTER, dr.Level.AMBASSADOR)

Draw = Callable[[st.SearchStrategy[Any]], Any]

# Dates --------------------------------------------------------------------------------------

pendulum_dates: st.SearchStrategy[pendulum.Date] = st.dates(
    dt.date(MIN_YEAR, 1, 1), dt.date(MAX_YEAR, 12, 31)
).map(lambda d: pendulum.Date(d.year, d.month, d.day))
"""A ``pendulum.Date`` (never a ``DateTime``) between 1950 and 2024."""

st.register_type_strategy(pendulum.Date, pendulum_dates)

years = st.integers(MIN_YEAR, MAX_YEAR)
qualifiers = st.sampled_from(dr.Qualifier)

day_dates = pendulum_dates.map(dr.FuzzyDate.day)
month_dates = st.builds(dr.FuzzyDate.month, years, st.integers(1, 12))
year_dates = years.map(dr.FuzzyDate.year)
points = st.one_of(day_dates, month_dates, year_dates)
"""A single EDTF point: a day, a month or a year, unqualified."""


@st.composite
def intervals(draw: Draw) -> dr.FuzzyDate:
    """An EDTF interval ``start/end`` that :func:`diplorel.parse_edtf` accepts."""
    start = draw(points)
    end = draw(points.filter(lambda e: e.earliest >= start.earliest and e.latest > start.earliest))
    return dr.FuzzyDate.between(start, end)


@st.composite
def qualified(draw: Draw) -> dr.FuzzyDate:
    """A single point with an EDTF qualifier (``?``, ``~``, ``%``) or none."""
    point = draw(points)
    return dr.FuzzyDate(
        earliest=point.earliest,
        latest=point.latest,
        precision=point.precision,
        qualifier=draw(qualifiers),
    )


fuzzy_dates: st.SearchStrategy[dr.FuzzyDate] = st.one_of(
    day_dates, month_dates, year_dates, intervals(), qualified()
)
"""Any date ``on=`` accepts, as a :class:`diplorel.FuzzyDate`."""

edtf_texts = fuzzy_dates.map(dr.format_edtf)
"""EDTF text for any of :data:`fuzzy_dates`."""

query_days = pendulum_dates
"""Plain calendar days to query a history on."""

# States ---------------------------------------------------------------------------------------

states = st.sampled_from(POOL)


@st.composite
def dyads(draw: Draw, pool: Sequence[str] = POOL) -> tuple[str, str]:
    """Two different states from ``pool``, in any order."""
    a, b = draw(st.lists(st.sampled_from(pool), min_size=2, max_size=2, unique=True))
    return (a, b)


def _third(dyad: tuple[str, str]) -> st.SearchStrategy[str]:
    """A state of the pool that is not in ``dyad``."""
    return st.sampled_from([s for s in POOL if s not in dyad])


# Events ---------------------------------------------------------------------------------------

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
sources = st.builds(
    dr.Source,
    publisher=texts,
    title=texts,
    published_on=st.none() | fuzzy_dates,
    url=st.none() | st.just("https://example.org/a"),
    excerpt=st.none() | texts,
)


@st.composite
def _common(draw: Draw, *, rich: bool) -> dict[str, Any]:
    common: dict[str, Any] = {"on": draw(fuzzy_dates), "tz": draw(st.sampled_from(ZONES))}
    if rich:
        common["place"] = draw(st.none() | texts)
        common["sources"] = tuple(draw(st.lists(sources, max_size=2)))
        common["instrument"] = draw(st.none() | st.just("note-1"))
    return common


def _builder(
    make: Callable[[tuple[str, str], str, dict[str, Any], Draw], dr.Event],
) -> Callable[[Sequence[str], bool], st.SearchStrategy[dr.Event]]:
    """A strategy factory: draw a dyad, an acting party and common fields, then ``make``."""

    @st.composite
    def strategy(draw: Draw, pool: Sequence[str], rich: bool) -> dr.Event:
        dyad = draw(dyads(pool))
        return make(dyad, draw(st.sampled_from(dyad)), draw(_common(rich=rich)), draw)

    return strategy


_levels = st.sampled_from(LEVELS)
_governments = st.sampled_from(["prc", "roc", "soviet"])


def _residence(draw: Draw, dyad: tuple[str, str]) -> dict[str, Any]:
    """Resident, or non-resident with (or without) a third state of residence."""
    if draw(st.booleans()):
        return {}
    return {"resident": False, "resides_in": draw(st.none() | _third(dyad))}


_BUILDERS = {
    dr.RelationsEstablished: _builder(
        lambda d, _, c, draw: dr.RelationsEstablished(
            between=d, consular=draw(st.booleans()), level=draw(_levels), **c
        )
    ),
    dr.RelationsResumed: _builder(
        lambda d, _, c, draw: dr.RelationsResumed(
            between=d, consular=draw(st.booleans()), level=draw(_levels), **c
        )
    ),
    dr.RelationsSuspended: _builder(
        lambda d, by, c, draw: dr.RelationsSuspended(
            between=d, by=by, consular=draw(st.booleans()), **c
        )
    ),
    dr.RelationsSevered: _builder(
        lambda d, by, c, draw: dr.RelationsSevered(
            between=d, by=by, consular=draw(st.booleans()), **c
        )
    ),
    dr.ConsularRelationsEstablished: _builder(
        lambda d, _, c, __: dr.ConsularRelationsEstablished(between=d, **c)
    ),
    dr.ConsularRelationsSevered: _builder(
        lambda d, by, c, _: dr.ConsularRelationsSevered(between=d, by=by, **c)
    ),
    dr.RepresentationChanged: _builder(
        lambda d, s, c, draw: dr.RepresentationChanged(
            between=d, sender=s, level=draw(st.sampled_from(dr.Level)), **c
        )
    ),
    dr.HeadOfMissionAccredited: _builder(
        lambda d, s, c, draw: dr.HeadOfMissionAccredited(
            between=d,
            sender=s,
            name=draw(st.none() | texts),
            rank=draw(st.none() | st.sampled_from(dr.Rank)),
            **_residence(draw, d),
            **c,
        )
    ),
    dr.HeadOfMissionDeparted: _builder(
        lambda d, s, c, draw: dr.HeadOfMissionDeparted(
            between=d, sender=s, name=draw(st.none() | texts), **c
        )
    ),
    dr.PresenceObserved: _builder(
        lambda d, s, c, draw: dr.PresenceObserved(
            between=d, sender=s, rank=draw(st.none() | st.sampled_from(dr.Rank)), **c
        )
    ),
    dr.ChargeRecalled: _builder(lambda d, s, c, _: dr.ChargeRecalled(between=d, sender=s, **c)),
    dr.PersonaNonGrataDeclared: _builder(
        lambda d, s, c, draw: dr.PersonaNonGrataDeclared(
            between=d,
            by=s,
            name=draw(st.none() | texts),
            head_of_mission=draw(st.booleans()),
            **c,
        )
    ),
    dr.IntentionAnnounced: _builder(
        lambda d, s, c, draw: dr.IntentionAnnounced(
            between=d, by=draw(st.none() | st.just(s)), act=draw(st.sampled_from(dr.Intention)), **c
        )
    ),
    dr.AmbassadorRecalled: _builder(
        lambda d, s, c, _: dr.AmbassadorRecalled(between=d, sender=s, **c)
    ),
    dr.AmbassadorReturned: _builder(
        lambda d, s, c, _: dr.AmbassadorReturned(between=d, sender=s, **c)
    ),
    dr.MissionOpened: _builder(lambda d, s, c, draw: _mission(draw, dr.MissionOpened, d, s, c)),
    dr.MissionClosed: _builder(lambda d, s, c, draw: _mission(draw, dr.MissionClosed, d, s, c)),
    dr.MissionEvacuated: _builder(
        lambda d, s, c, draw: _mission(draw, dr.MissionEvacuated, d, s, c)
    ),
    dr.ProtectingPowerAppointed: _builder(
        lambda d, s, c, draw: dr.ProtectingPowerAppointed(
            between=d, protected=s, power=draw(_third(d)), **c
        )
    ),
    dr.ProtectingPowerEnded: _builder(
        lambda d, s, c, _: dr.ProtectingPowerEnded(between=d, protected=s, **c)
    ),
    dr.Recognized: _builder(
        lambda d, s, c, _: dr.Recognized(by=s, of=d[0] if s == d[1] else d[1], **c)
    ),
    dr.RecognitionWithdrawn: _builder(
        lambda d, s, c, _: dr.RecognitionWithdrawn(by=s, of=d[0] if s == d[1] else d[1], **c)
    ),
    dr.GovernmentRecognized: _builder(
        lambda d, s, c, draw: dr.GovernmentRecognized(
            by=s, of=d[0] if s == d[1] else d[1], government=draw(_governments), **c
        )
    ),
    dr.GovernmentRecognitionWithdrawn: _builder(
        lambda d, s, c, draw: dr.GovernmentRecognitionWithdrawn(
            by=s, of=d[0] if s == d[1] else d[1], government=draw(_governments), **c
        )
    ),
}


def dyad_events(pool: Sequence[str] = POOL, *, rich: bool = False) -> st.SearchStrategy[dr.Event]:
    """One event between two states of ``pool``: a ``one_of`` over every dyadic event type."""
    return st.one_of([build(pool, rich) for build in _BUILDERS.values()])


def event_of_type(
    cls: type[dr.Event], pool: Sequence[str] = POOL, *, rich: bool = False
) -> st.SearchStrategy[dr.Event]:
    """Events of one type, with valid fields."""
    if cls in _BUILDERS:
        return _BUILDERS[cls](pool, rich)
    return lifecycle_events(pool).filter(lambda e: isinstance(e, cls))


def _mission(
    draw: Draw,
    cls: type[dr.MissionOpened | dr.MissionClosed],
    dyad: tuple[str, str],
    sender: str,
    common: dict[str, Any],
) -> dr.Event:
    kind = draw(st.sampled_from(dr.MissionKind))
    section = kind is dr.MissionKind.INTERESTS_SECTION
    power = draw(_third(dyad)) if section else None
    extra = {k: v for k, v in common.items() if k != "place"}
    return cls(
        between=dyad,
        sender=sender,
        kind=kind,
        protecting_power=power,
        staffed_by_power=section and draw(st.booleans()),
        place=draw(st.sampled_from([None, "Havana", "New York"])),
        **extra,
    )


@st.composite
def lifecycle_events(draw: Draw, pool: Sequence[str] = POOL) -> dr.Event:
    """A state extinction or continuation among ``pool``'s states."""
    old, new = draw(dyads(pool))
    common = draw(_common(rich=False))
    if draw(st.booleans()):
        return dr.StateExtinguished(state=old, absorbed_by=draw(st.none() | st.just(new)), **common)
    return dr.StateContinued(old=old, new=new, **common)


def events(pool: Sequence[str] = POOL, *, rich: bool = False) -> st.SearchStrategy[dr.Event]:
    """Any event: dyadic ones and, rarely, extinctions and continuations."""
    return st.one_of(dyad_events(pool, rich=rich), lifecycle_events(pool))


def every_event_type() -> st.SearchStrategy[dr.Event]:
    """One event of each built-in type, each drawn with valid fields."""
    return events(rich=True)


# Instruments ----------------------------------------------------------------------------------


@st.composite
def instruments(draw: Draw, pool: Sequence[str] = POOL, prefix: str = "i") -> list[Any]:
    """Instruments with unique ids among ``pool``'s states.

    An unanswered proposal, a proposal with its reply, an :class:`~diplorel.ExchangeOfNotes` or
    a :class:`~diplorel.JointCommunique`.
    """
    sender, recipient = draw(dyads(pool))
    on = draw(day_dates)
    proposal = draw(st.sampled_from(dr.Proposal))
    kind = draw(st.integers(0, 3))
    if kind <= 1:
        note = dr.DiplomaticNote(
            id=f"{prefix}-p",
            sender=sender,
            recipient=recipient,
            on=on,
            tz=draw(st.sampled_from(ZONES)),
            proposes=proposal,
            kind=draw(st.sampled_from(dr.NoteKind)),
            consular=draw(st.none() | st.booleans()),
        )
        if kind == 0:
            return [note]
        reply = dr.DiplomaticNote(
            id=f"{prefix}-r",
            sender=recipient,
            recipient=sender,
            on=draw(day_dates.filter(lambda d: d.earliest >= on.earliest)),
            replies_to=note.id,
            accepts=draw(st.booleans()),
        )
        return [note, reply]
    if kind == 2:
        return [
            dr.ExchangeOfNotes(
                id=f"{prefix}-x",
                between=(sender, recipient),
                on=on,
                effective_on=draw(st.none() | day_dates),
                establishes=proposal,
            )
        ]
    return [
        dr.JointCommunique(
            id=f"{prefix}-c",
            between=(sender, recipient),
            signed_on=on,
            released_on=draw(st.none() | day_dates),
            effective_on=draw(st.none() | day_dates),
            establishes=proposal,
            summary=draw(st.none() | texts),
        )
    ]


# Histories ------------------------------------------------------------------------------------


@st.composite
def small_pools(draw: Draw) -> tuple[str, ...]:
    """Two or three states, so that generated events meet each other often."""
    return tuple(draw(st.lists(states, min_size=2, max_size=3, unique=True)))


@st.composite
def event_lists(draw: Draw, max_size: int = 12, *, rich: bool = False) -> list[dr.Event]:
    """A fuzzed sequence of dyadic events among a small pool of states."""
    pool = draw(small_pools())
    return draw(st.lists(dyad_events(pool, rich=rich), max_size=max_size))


@st.composite
def item_lists(draw: Draw, max_size: int = 10) -> list[Any]:
    """Events and instruments (with unique ids) among a small pool of states."""
    pool = draw(small_pools())
    items: list[Any] = draw(st.lists(dyad_events(pool, rich=True), max_size=max_size))
    for n in range(draw(st.integers(0, 2))):
        items.extend(draw(instruments(pool, prefix=f"i{n}")))
    return draw(st.permutations(items))


__all__ = [
    "EVENT_TYPES",
    "POOL",
    "ZONES",
    "day_dates",
    "dyad_events",
    "dyads",
    "edtf_texts",
    "event_lists",
    "event_of_type",
    "events",
    "every_event_type",
    "fuzzy_dates",
    "instruments",
    "intervals",
    "item_lists",
    "lifecycle_events",
    "month_dates",
    "pendulum_dates",
    "points",
    "qualified",
    "query_days",
    "small_pools",
    "states",
    "year_dates",
]
