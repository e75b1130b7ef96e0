"""Hypothesis strategies for diplorel, all in one place.

Dates stay within 1950-2024 and states come from a small pool of states that existed over that
whole range, so that generated events are never outside a party's existence unless a test wants
them to be.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import attrs
import pendulum
from hypothesis import strategies as st

import diplorel as dr
from diplorel._default_rules import default_rules
from diplorel._engine import NOTICES
from diplorel._events import EVENT_TYPES
from diplorel._rules import RuleSet
from diplorel._states import (
    Continuation,
    Extinction,
    Government,
    State,
    StateRegistry,
    default_registry,
)

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


# Everything -----------------------------------------------------------------------------------
#
# ``histories()`` draws, in one go, everything a History can hold: events of every type in
# EVENT_TYPES with every optional field (times of day, open and qualified dates, sources,
# places, instrument ids), instruments of every kind (proposals with accepting or rejecting
# replies, notifying notes, exchanges of notes, joint communiqués with release dates), credit
# lines with their whole life in Decimal money of several ISO currencies, extinctions and
# continuations, a rule set (the default one, or one ignoring some event types), a registry
# (the default one, or a small custom one with states of its own, a later start or an end for
# some states, a continuation and governments), coverage declarations, and either mode.
#
# Continuations go to states that never act (SUCCESSORS, REGISTRY_SUCCESSORS, XAA) or to a
# state of the pool, whose acts with the state it continues are refused (one state); up to two
# extinctions or continuations, so that one state may be continued twice (the earliest
# continuation applies). Inputs that hit known bugs would be left out by ``without_known_bugs``
# (each with an xfail test in test_properties_everything.py); there are none at the moment.
#
# Knowledge time too: ``announced_on`` on events and instruments, uids, corrections
# (``supersedes=``) and retractions (see ``corrections``); query dates serve as ``known_on=``.
#
# The strategies below are built once, at import: composites pick from sequences by index
# (``_pick``) rather than building a strategy per draw, which keeps a history's draw cheap.

SUCCESSORS = ("ARG", "AUS", "BRA")
"""States that may continue a pool state by a stated StateContinued (as may a pool state);
no drawn dyadic event names them."""
REGISTRY_SUCCESSORS = ("IRL", "NZL", "URY")
"""States that may continue a pool state in a custom registry (as may a pool state); no drawn
dyadic event names them."""
CHINA_POOL = ("CHN", "TWN", "USA")
"""A pool whose third state may have relations with both China and Taiwan (a notice)."""
CURRENCIES = ("USD", "EUR", "JPY", "KRW", "BHD", "CUP", "XAU")
"""Currencies with 0, 2 and 3 minor units, and one (gold) with none fixed."""
CUSTOM_STATES = (
    ("XAA", "Atlantis", "Republic of Atlantis", ("Atlantis Republic",)),
    ("XBB", "Utopia", "Commonwealth of Utopia", ("Utopia Commonwealth", "UTO")),
)
"""User-assigned codes of states that only custom registries know: XBB may act, XAA may
continue a pool state (and then never acts)."""
GOVERNMENT_IDS = ("prc", "roc", "soviet", "junta")
"""Government ids for recognitions: China's (known to the registry), others, a custom one."""

_bools = st.booleans()
_zones = st.sampled_from(ZONES)
_all_levels = st.sampled_from(dr.Level)
_ranks = st.none() | st.sampled_from(dr.Rank)
_names = st.none() | st.sampled_from(["A. Envoy", "B. Envoy"])
_maybe_texts = st.none() | texts


def _pick(draw: Draw, options: Sequence[Any]) -> Any:  # noqa: ANN401 - any element
    """One of ``options`` (shrinks towards the first), without building a strategy per draw."""
    return options[draw(st.integers(0, len(options) - 1))]


def _pick_dyad(draw: Draw, pool: Sequence[str]) -> tuple[str, str]:
    """Two different states of ``pool``, in any order."""
    a = _pick(draw, pool)
    return (a, _pick(draw, [s for s in pool if s != a]))


# Dates and times ----------------------------------------------------------------------------

times_of_day = st.times().map(lambda t: t.replace(microsecond=0))
"""A naive local time of day, to the second, for an event's ``time=``."""

open_dates: st.SearchStrategy[dr.FuzzyDate] = st.one_of(
    points.map(dr.FuzzyDate.not_after), points.map(dr.FuzzyDate.not_before)
)
"""EDTF intervals open at one end: ``../1973`` (by 1973) and ``1973/..`` (from 1973 on)."""


def _interval(pair: tuple[dr.FuzzyDate, dr.FuzzyDate]) -> dr.FuzzyDate:
    """``start/end`` from two points, in the order EDTF text can carry (else a year span)."""
    start, end = sorted(pair, key=lambda p: (p.earliest, p.latest))
    if end.latest > start.earliest:
        return dr.FuzzyDate.between(start, end)
    return dr.FuzzyDate.between(
        dr.FuzzyDate.year(start.earliest.year), dr.FuzzyDate.year(start.earliest.year + 1)
    )


def _qualify(pair: tuple[dr.FuzzyDate, dr.Qualifier]) -> dr.FuzzyDate:
    point, qualifier = pair
    return attrs.evolve(point, qualifier=qualifier)


any_dates: st.SearchStrategy[dr.FuzzyDate] = st.one_of(
    day_dates,
    month_dates,
    year_dates,
    st.tuples(points, points).map(_interval),
    st.tuples(points, qualifiers).map(_qualify),
    open_dates,
)
"""Every kind of date an event takes: days, months, years, intervals, qualified, open ends."""

_OFFSETS = st.integers(-48, 56).map(lambda q: dt.timezone(dt.timedelta(minutes=15 * q)))
aware_datetimes: st.SearchStrategy[dt.datetime] = st.datetimes(
    min_value=dt.datetime(MIN_YEAR, 1, 2),  # noqa: DTZ001 - bounds of an aware strategy
    max_value=dt.datetime(MAX_YEAR, 12, 30),  # noqa: DTZ001
    timezones=st.one_of(_zones.map(pendulum.timezone), _OFFSETS),
    allow_imaginary=False,
).map(lambda t: t.replace(microsecond=0))
"""Time-zone-aware datetimes (IANA zones and fixed offsets) between 1950 and 2024."""

query_dates: st.SearchStrategy[Any] = st.one_of(
    pendulum_dates,
    pendulum_dates.map(lambda d: dt.date(d.year, d.month, d.day)),
    pendulum_dates.map(lambda d: d.isoformat()),
    aware_datetimes,
    aware_datetimes.map(lambda t: t.isoformat()),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
)
"""Everything ``on=`` accepts in a query: ISO day text, dates, aware datetimes and their text.

Mostly 1950-2024, sometimes 1900-2100 (before or after a state's existence).
"""

known_days: st.SearchStrategy[Any] = st.one_of(
    pendulum_dates,
    pendulum_dates.map(lambda d: d.isoformat()),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
)
"""Days of knowledge (``known_on=``): dates or ISO day text; knowledge is dated to the day."""

_days_1955_2015 = st.dates(dt.date(1955, 1, 1), dt.date(2015, 12, 31)).map(
    lambda d: pendulum.Date(d.year, d.month, d.day)
)

# Events -------------------------------------------------------------------------------------

full_sources = st.builds(
    dr.Source,
    publisher=texts,
    title=texts,
    published_on=st.none() | any_dates,
    url=st.none() | st.just("https://example.org/a"),
    excerpt=_maybe_texts,
)
_source_lists = st.lists(full_sources, max_size=2).map(tuple)
_instrument_ids = st.none() | st.sampled_from(["note-1", "x-1"])


@st.composite
def _full_common(draw: Draw) -> dict[str, Any]:
    """The fields every event has, each drawn: a date of any kind, zone, time, place, sources."""
    on = draw(any_dates)
    common: dict[str, Any] = {"on": on, "tz": draw(_zones)}
    if on.is_exact and draw(_bools):
        common["time"] = draw(times_of_day)
    common["place"] = draw(_maybe_texts)
    common["sources"] = draw(_source_lists)
    common["instrument"] = draw(_instrument_ids)
    if not draw(st.integers(0, 4)):
        common["announced_on"] = draw(any_dates)
    return common


_full_commons = _full_common()
_credit_commons = _full_commons.map(
    lambda c: {k: v for k, v in c.items() if k != "announced_on"}  # credit: as known now
)
"""The common fields of credit-line events, which take no announcement (nor correction)."""

_FullMaker = Callable[[Draw, tuple[str, str], str, dict[str, Any], Sequence[str]], dr.Event]


def _other(dyad: tuple[str, str], state: str) -> str:
    return dyad[0] if state == dyad[1] else dyad[1]


def _maybe(draw: Draw, value: Any) -> Any:  # noqa: ANN401 - any value
    return value if draw(_bools) else None


def _full_mission(cls: type[dr.MissionOpened | dr.MissionClosed]) -> _FullMaker:
    def make(
        draw: Draw, d: tuple[str, str], s: str, c: dict[str, Any], thirds: Sequence[str]
    ) -> dr.Event:
        kind = _pick(draw, list(dr.MissionKind))
        power = _pick(draw, thirds) if kind is dr.MissionKind.INTERESTS_SECTION else None
        return cls(
            between=d,
            sender=s,
            kind=kind,
            protecting_power=power,
            staffed_by_power=power is not None and draw(_bools),
            name=_maybe(draw, "KOTRA"),
            **c,
        )

    return make


def _full_break(cls: type[dr.RelationsSevered | dr.RelationsSuspended]) -> _FullMaker:
    def make(
        draw: Draw, d: tuple[str, str], s: str, c: dict[str, Any], _: Sequence[str]
    ) -> dr.Event:
        return cls(
            between=d,
            by=_maybe(draw, s),
            consular=draw(_bools),
            missions_stay_open=draw(_bools),
            **c,
        )

    return make


def _full_head(
    draw: Draw, d: tuple[str, str], s: str, c: dict[str, Any], thirds: Sequence[str]
) -> dr.Event:
    resident = draw(_bools)
    return dr.HeadOfMissionAccredited(
        between=d,
        sender=s,
        name=draw(_names),
        rank=draw(_ranks),
        resident=resident,
        resides_in=None if resident else _maybe(draw, _pick(draw, thirds)),
        **c,
    )


_FULL: dict[type[dr.Event], _FullMaker] = {
    dr.RelationsEstablished: lambda draw, d, _, c, __: dr.RelationsEstablished(
        between=d, consular=draw(_bools), level=draw(_all_levels), **c
    ),
    dr.RelationsResumed: lambda draw, d, _, c, __: dr.RelationsResumed(
        between=d, consular=draw(_bools), level=draw(_all_levels), **c
    ),
    dr.RelationsSuspended: _full_break(dr.RelationsSuspended),
    dr.RelationsSevered: _full_break(dr.RelationsSevered),
    dr.ConsularRelationsEstablished: lambda _, d, __, c, ___: dr.ConsularRelationsEstablished(
        between=d, **c
    ),
    dr.ConsularRelationsSevered: lambda _, d, s, c, __: dr.ConsularRelationsSevered(
        between=d, by=s, **c
    ),
    dr.IntentionAnnounced: lambda draw, d, s, c, _: dr.IntentionAnnounced(
        between=d, by=_maybe(draw, s), act=_pick(draw, list(dr.Intention)), **c
    ),
    dr.RepresentationChanged: lambda draw, d, s, c, _: dr.RepresentationChanged(
        between=d, sender=s, level=draw(_all_levels), **c
    ),
    dr.PresenceObserved: lambda draw, d, s, c, _: dr.PresenceObserved(
        between=d, sender=s, rank=draw(_ranks), **c
    ),
    dr.HeadOfMissionAccredited: _full_head,
    dr.HeadOfMissionDeparted: lambda draw, d, s, c, _: dr.HeadOfMissionDeparted(
        between=d, sender=s, name=draw(_names), **c
    ),
    dr.AmbassadorRecalled: lambda _, d, s, c, __: dr.AmbassadorRecalled(between=d, sender=s, **c),
    dr.AmbassadorReturned: lambda _, d, s, c, __: dr.AmbassadorReturned(between=d, sender=s, **c),
    dr.ChargeRecalled: lambda _, d, s, c, __: dr.ChargeRecalled(between=d, sender=s, **c),
    dr.PersonaNonGrataDeclared: lambda draw, d, s, c, _: dr.PersonaNonGrataDeclared(
        between=d, by=s, name=draw(_names), head_of_mission=draw(_bools), **c
    ),
    dr.MissionOpened: _full_mission(dr.MissionOpened),
    dr.MissionClosed: _full_mission(dr.MissionClosed),
    dr.MissionEvacuated: _full_mission(dr.MissionEvacuated),
    dr.ProtectingPowerAppointed: lambda draw, d, s, c, thirds: dr.ProtectingPowerAppointed(
        between=d, protected=s, power=_pick(draw, thirds), **c
    ),
    dr.ProtectingPowerEnded: lambda _, d, s, c, __: dr.ProtectingPowerEnded(
        between=d, protected=s, **c
    ),
    dr.Recognized: lambda _, d, s, c, __: dr.Recognized(by=s, of=_other(d, s), **c),
    dr.RecognitionWithdrawn: lambda _, d, s, c, __: dr.RecognitionWithdrawn(
        by=s, of=_other(d, s), **c
    ),
    dr.GovernmentRecognized: lambda draw, d, s, c, _: dr.GovernmentRecognized(
        by=s, of=_other(d, s), government=_pick(draw, GOVERNMENT_IDS), **c
    ),
    dr.GovernmentRecognitionWithdrawn: lambda draw, d, s, c, _: dr.GovernmentRecognitionWithdrawn(
        by=s, of=_other(d, s), government=_pick(draw, GOVERNMENT_IDS), **c
    ),
}
"""How to draw each dyadic event type with all its fields (lifecycle events apart)."""

_FULL_TYPES = sorted(_FULL, key=lambda t: t.TAG)
_LIFECYCLE_TYPES = {dr.StateExtinguished, dr.StateContinued}
assert set(_FULL) | _LIFECYCLE_TYPES == set(EVENT_TYPES), "a new event type needs a strategy"


@st.composite
def full_events(draw: Draw, pool: Sequence[str] = POOL) -> dr.Event:
    """One dyadic event of any type in EVENT_TYPES, with every optional field drawn.

    Protecting powers and residences are third states of ``pool`` (else of POOL).
    """
    cls = _pick(draw, _FULL_TYPES)
    dyad = _pick_dyad(draw, pool)
    thirds = [s for s in pool if s not in dyad] or [s for s in POOL if s not in dyad]
    return _FULL[cls](draw, dyad, _pick(draw, dyad), draw(_full_commons), thirds)


@st.composite
def full_lifecycle_events(draw: Draw, pool: Sequence[str] = POOL) -> dr.Event:
    """An extinction (absorbed or dissolved) or a continuation.

    The successor is one of SUCCESSORS (states that never act) or another state of ``pool``,
    whose acts with the state it continues are then refused (one state, no dyad).
    """
    state = _pick(draw, pool)
    common = draw(_full_commons)
    common.pop("announced_on", None)  # knowledge time does not apply to a state's end
    others = [s for s in pool if s != state]
    if draw(_bools):
        absorbed = _maybe(draw, _pick(draw, others))
        return dr.StateExtinguished(state=state, absorbed_by=absorbed, **common)
    return dr.StateContinued(old=state, new=_pick(draw, [*SUCCESSORS, *others]), **common)


# Money and credit lines ---------------------------------------------------------------------


@st.composite
def money(draw: Draw, code: str | None = None, *, small: bool = False) -> dr.Money:
    """A positive, exact Money in one of CURRENCIES (or ``code``), built from a Decimal."""
    code = code or _pick(draw, CURRENCIES)
    minor = dr.currency(code).minor_unit
    places = draw(st.integers(0, 4)) if minor is None else minor
    units = draw(st.integers(1, 50 if small else 200)) * 10 ** _pick(draw, (0, 2, 6))
    cents = draw(st.integers(0, 10**places - 1)) if places else 0
    return dr.Money(Decimal(units) + Decimal(cents).scaleb(-places), code)


_LATER_CREDIT = (
    dr.CreditLineDrawn,
    dr.CreditLineRepaid,
    dr.CreditLineLimitChanged,
    dr.CreditLineSuspended,
    dr.CreditLineReinstated,
    dr.CreditLineCancelled,
)


@st.composite
def credit_line_events(draw: Draw, pool: Sequence[str] = POOL, line_id: str = "c1") -> list[Any]:
    """A credit line's opening and its life, in Decimal Money of one of CURRENCIES.

    Drawings, repayments, limit changes, suspensions, reinstatements and a cancellation follow
    in any order and at any date (sometimes in another currency, or before the opening).
    """
    lender, borrower = _pick_dyad(draw, pool)
    code = _pick(draw, CURRENCIES)
    out: list[Any] = [
        dr.CreditLineOpened(
            id=line_id,
            lender=lender,
            borrower=borrower,
            limit=draw(money(code)),
            institution=draw(st.none() | st.sampled_from(["Eximbank", "KEXIM"])),
            available_until=draw(st.none() | any_dates),
            matures_on=draw(st.none() | any_dates),
            purpose=draw(_maybe_texts),
            **draw(_credit_commons),
        )
    ]
    for _ in range(draw(st.integers(0, 5))):
        cls = _pick(draw, _LATER_CREDIT)
        fields = draw(_credit_commons)
        amount_code = code if draw(st.integers(0, 5)) else _pick(draw, CURRENCIES)
        if cls in (dr.CreditLineDrawn, dr.CreditLineRepaid):
            fields["amount"] = draw(money(amount_code, small=True))
        elif cls is dr.CreditLineLimitChanged:
            fields["limit"] = draw(money(amount_code))
        out.append(cls(id=line_id, **fields))
    return out


# Instruments --------------------------------------------------------------------------------


@st.composite
def full_instruments(draw: Draw, pool: Sequence[str] = POOL, prefix: str = "i") -> list[Any]:
    """Instruments of every kind, with unique ids, every optional field drawn.

    An unanswered proposal; a proposal with an accepting or rejecting reply (each may state
    when it takes effect); a note that notifies a break; an exchange of notes; a joint
    communiqué with any non-empty set of its signed, released and effective dates.
    """
    sender, recipient = _pick_dyad(draw, pool)
    on = draw(any_dates)
    proposal = _pick(draw, list(dr.Proposal))
    shared = {
        "tz": draw(_zones),
        "place": draw(_maybe_texts),
        "summary": draw(_maybe_texts),
        "sources": draw(_source_lists),
        "announced_on": None if draw(st.integers(0, 3)) else draw(any_dates),
    }
    consular = draw(st.none() | _bools)
    effective_on = draw(st.none() | any_dates)
    kind = draw(st.integers(0, 4))
    if kind <= 1:
        note = dr.DiplomaticNote(
            id=f"{prefix}-p",
            sender=sender,
            recipient=recipient,
            on=on,
            kind=_pick(draw, list(dr.NoteKind)),
            proposes=proposal,
            level=draw(_all_levels),
            consular=consular,
            effective_on=effective_on,
            **shared,
        )
        if kind == 0:
            return [note]
        replied = draw(any_dates)
        reply = dr.DiplomaticNote(
            id=f"{prefix}-r",
            sender=recipient,
            recipient=sender,
            on=replied if replied.latest >= on.earliest else on,
            replies_to=note.id,
            accepts=draw(_bools),
            effective_on=draw(st.none() | any_dates),
            tz=draw(_zones),
            place=draw(_maybe_texts),
        )
        return [reply, note] if draw(_bools) else [note, reply]
    if kind == 2:
        return [
            dr.DiplomaticNote(
                id=f"{prefix}-n",
                sender=sender,
                recipient=recipient,
                on=on,
                kind=_pick(draw, list(dr.NoteKind)),
                notifies=_pick(draw, list(dr.Notice)),
                consular=consular,
                effective_on=effective_on,
                **shared,
            )
        ]
    agreement = {
        "between": (sender, recipient),
        "effective_on": effective_on,
        "establishes": proposal,
        "level": draw(_all_levels),
        "consular": consular,
        **shared,
    }
    if kind == 3:
        return [dr.ExchangeOfNotes(id=f"{prefix}-x", on=on, **agreement)]
    signed = _maybe(draw, on)
    released = draw(st.none() | any_dates)
    if signed is None and released is None and effective_on is None:
        released = on
    return [
        dr.JointCommunique(id=f"{prefix}-c", signed_on=signed, released_on=released, **agreement)
    ]


# Registries, rule sets, coverage ------------------------------------------------------------

_REGISTRY_CHANGES = ("later", "extinct", "continued", "governed")


@st.composite
def registries(
    draw: Draw, pool: Sequence[str] = POOL, *, custom: bool | None = None
) -> StateRegistry | None:
    """None (the default registry), or a small custom registry for ``pool``.

    ``custom`` (drawn when None) asks for a custom one. It holds the default registry's states
    of POOL, SUCCESSORS, REGISTRY_SUCCESSORS and CHINA_POOL, and CUSTOM_STATES (user-assigned
    codes with names and aliases, which items may name in a history with this registry); it
    may start a pool state later, end one by extinction (absorbed or not), continue one by one
    of REGISTRY_SUCCESSORS, by XAA (a custom state that then never acts) or by another state
    of the pool (which acts, and existed before), and list
    governments for a pool state. Built with ``StateRegistry(states, cow_periods,
    continuations, extinctions, governments)``, as the default one is.
    """
    if not (draw(_bools) if custom is None else custom):
        return None
    base = default_registry()
    codes = sorted({*POOL, *SUCCESSORS, *REGISTRY_SUCCESSORS, *CHINA_POOL})
    found = {c: base.get(c) for c in codes}
    for code, name, official, aliases in CUSTOM_STATES:
        found[code] = State(
            code, "user-assigned", name, official, aliases=aliases, begins_on=draw(_days_1955_2015)
        )
    continuations: list[Continuation] = []
    extinctions: list[Extinction] = []
    governments: list[Government] = []
    candidates = [c for c in pool if c not in CHINA_POOL[:2] and c in POOL]
    changed = candidates[: draw(st.integers(0, min(3, len(candidates))))]
    acting = [c for c in pool if c not in changed]  # a successor that acts (no circle)
    for i, code in enumerate(changed):
        what = _pick(draw, _REGISTRY_CHANGES)
        day = draw(_days_1955_2015)
        if what == "later":
            found[code] = attrs.evolve(found[code], begins_on=day)
        elif what == "extinct":
            absorber = _maybe(draw, _pick(draw, [c for c in codes if c != code]))
            found[code] = attrs.evolve(found[code], ends_on=day, absorbed_by=absorber)
            extinctions.append(Extinction(code, day, absorber, "a test registry"))
        elif what == "continued":
            if acting and draw(st.integers(0, 2)) == 0:  # a state of the pool, existing before
                new = _pick(draw, acting)
            else:
                new = CUSTOM_STATES[0][0] if i == 0 and draw(_bools) else REGISTRY_SUCCESSORS[i]
                found[new] = attrs.evolve(found[new], begins_on=day)
            found[code] = attrs.evolve(found[code], ends_on=day, continued_by=new)
            continuations.append(Continuation(code, new, day, "a test registry"))
        else:
            governments.append(Government(code, "junta", "The junta", day, None, ("a test", "")))
    periods = tuple(p for p in base.cow_periods if p.code in found)
    return StateRegistry(
        tuple(found.values()),
        periods,
        tuple(continuations),
        tuple(extinctions),
        tuple(governments),
    )


_IGNORABLE = (dr.PresenceObserved, dr.IntentionAnnounced, dr.AmbassadorRecalled)


@st.composite
def rule_sets(draw: Draw) -> RuleSet | None:
    """None (the default rules), or the default rules ignoring some event types (notices)."""
    if draw(st.integers(0, 3)):
        return None
    ignored = [t for t in _IGNORABLE if draw(_bools)] or [_IGNORABLE[0]]
    return default_rules().ignoring(*ignored)


_dimension_sets = st.sampled_from(
    [
        (dr.Dimension.RELATIONS, dr.Dimension.PRESENCE),
        (dr.Dimension.RELATIONS,),
        (dr.Dimension.PRESENCE,),
        (dr.Dimension.PRESENCE, dr.Dimension.RELATIONS),
    ]
)


@st.composite
def coverages(draw: Draw, pool: Sequence[str] = POOL) -> dr.Coverage:
    """A coverage declaration: a state (and partner), dimensions, a direction, a period or days."""
    state = _pick(draw, pool)
    partner = _maybe(draw, _pick(draw, [s for s in pool if s != state]))
    dimensions = draw(_dimension_sets)
    sender = None
    if dimensions == (dr.Dimension.PRESENCE,):
        sender = _maybe(draw, state if partner is None else _pick(draw, (state, partner)))
    days = draw(st.lists(pendulum_dates, max_size=3)) if draw(_bools) else []
    return dr.Coverage(
        state=state,
        partner=partner,
        dimensions=dimensions,
        sender=sender,
        since=None if days else draw(st.none() | any_dates),
        until=None if days else draw(st.none() | any_dates),
        days=days,
        sources=draw(st.lists(full_sources, max_size=1)),
    )


# Items and histories ------------------------------------------------------------------------


@st.composite
def everything_pools(draw: Draw) -> tuple[str, ...]:
    """Two to four states: from POOL, or China, Taiwan and the United States."""
    if draw(st.integers(0, 4)) == 0:
        return CHINA_POOL
    return tuple(draw(st.lists(states, min_size=2, max_size=4, unique=True)))


@st.composite
def corrections(draw: Draw, items: Sequence[Any]) -> list[Any]:
    """Knowledge time: ``items`` with uids on some events, and corrections and retractions.

    A correction is a copy of an event at another date, naming its ``uid`` (``supersedes=``)
    and published on ``announced_on``; a :class:`~diplorel.Retraction` withdraws an event (by
    uid) or an instrument (by id).
    """
    out = list(items)
    events = [i for i, x in enumerate(out) if isinstance(x, dr.DyadEvent | dr.Recognized)]
    named = events[: draw(st.integers(0, min(3, len(events))))]
    for n, i in enumerate(named):
        out[i] = attrs.evolve(out[i], uid=f"u{n}")
    # not a reply: withdrawing the note it answers takes it (a reply's withdrawal is refused)
    targets = [out[i].uid for i in named]
    targets += [x.id for x in out if isinstance(x, _INSTRUMENTS) and not x.id.endswith("-r")]
    for n in range(draw(st.integers(0, 2)) if named else 0):
        target = out[_pick(draw, named)]
        out.append(
            attrs.evolve(
                target,
                on=draw(any_dates),
                time=None,
                uid=None,
                supersedes=target.uid,
                announced_on=draw(any_dates),
                sources=(dr.Source(publisher="a correction", title=f"erratum {n}"),),
            )
        )
    if targets and draw(_bools):
        out.append(
            dr.Retraction(
                retracts=_pick(draw, targets),
                on=draw(any_dates),
                reason=draw(_maybe_texts),
                sources=draw(_source_lists),
                uid=_maybe(draw, "r0"),
            )
        )
    return out


_INSTRUMENTS = (dr.DiplomaticNote, dr.ExchangeOfNotes, dr.JointCommunique)


@st.composite
def everything_items(
    draw: Draw, pool: Sequence[str] | None = None, max_events: int = 14
) -> list[Any]:
    """Every kind of item a History holds, among a small pool, in any order.

    Dyadic events of every type (each with every optional field), maybe one or two
    extinctions or continuations, up to two sets of instruments, up to two credit lines, and (see
    :func:`corrections`) uids, corrections and retractions.
    """
    pool = pool or draw(everything_pools())
    items: list[Any] = draw(st.lists(full_events(pool), max_size=max_events))
    lifecycle = draw(st.sampled_from((0, 0, 0, 0, 0, 1, 1, 2)))  # a state may end twice
    items.extend(draw(full_lifecycle_events(pool)) for _ in range(lifecycle))
    for n in range(draw(st.integers(0, 2))):
        items.extend(draw(full_instruments(pool, prefix=f"i{n}")))
    for n in range(draw(st.integers(0, 2))):
        items.extend(draw(credit_line_events(pool, line_id=f"c{n}")))
    if draw(st.integers(0, 2)) == 0:
        items = draw(corrections(items))
    return draw(st.permutations(items))


def _ids(items: Sequence[Any]) -> set[str]:
    """The ids a correction can name: uids (of events and retractions) and instrument ids."""
    found: set[str] = set()
    for x in items:
        found.update(i for i in (getattr(x, "uid", None), getattr(x, "id", None)) if i)
    return found


def _without_orphans(items: Sequence[Any]) -> list[Any]:
    """``items`` without corrections and retractions of records no longer there."""
    kept = list(items)
    while True:
        ids = _ids(kept)
        orphans = [
            i
            for i, x in enumerate(kept)
            if (getattr(x, "supersedes", None) or getattr(x, "retracts", None) or "")
            not in {"", *ids}
        ]
        if not orphans:
            return kept
        kept = [x for i, x in enumerate(kept) if i not in orphans]


def _identity(item: Any) -> tuple[Any, ...]:  # noqa: ANN401 - any item
    """What identifies an event whatever its states are renamed to: type, date, zone, sources."""
    return (
        type(item),
        item.on,
        getattr(item, "tz", None),
        getattr(item, "time", None),
        getattr(item, "sources", None),
        getattr(item, "id", None),
    )


def accepted_items(
    items: Sequence[Any],
    *,
    rules: RuleSet | None = None,
    registry: StateRegistry | None = None,
    coverage: Sequence[dr.Coverage] = (),
) -> list[Any] | None:
    """``items`` without those a lenient build refuses, repeated until nothing is refused.

    What a strict history can hold. An anomaly's event is traced to the item it came from by
    equality, else by type, date, zone, time, sources and id (an event renamed to its state's
    lineage), else by the instrument that made it. None if some refusal cannot be traced.
    """
    kept = list(items)
    for _ in range(len(kept) + 1):
        h = dr.History(kept, strict=False, rules=rules, registry=registry, coverage=coverage)
        refused = [a.event for a in h.anomalies if a.kind not in NOTICES]
        if not refused:
            return kept
        drop: set[int] = set()
        for event in refused:
            if event is None:
                return None
            found = [i for i, x in enumerate(kept) if x == event]
            found = found or [
                i
                for i, x in enumerate(kept)
                if isinstance(x, dr.Event) and _identity(x) == _identity(event)
            ]
            if not found and event.instrument:
                ids = set(event.instrument.split("+"))
                found = [i for i, x in enumerate(kept) if getattr(x, "id", None) in ids]
            drop.update(found)
        if not drop:
            return None
        kept = _without_orphans([x for i, x in enumerate(kept) if i not in drop])
    return None


def without_known_bugs(items: Sequence[Any]) -> list[Any]:
    """``items`` without the inputs of known, open bugs (none at the moment).

    The one place to steer around a bug the properties find (with an xfail test in
    test_properties_everything.py); corrections of records no longer there go too.
    """
    return _without_orphans(items)


@st.composite
def histories(draw: Draw, *, strict: bool | None = None) -> dr.History:
    """A History holding everything it can (see the top of this section), in one draw.

    ``strict`` (drawn when None): a strict history holds only what strict mode accepts (the
    drawn items without those refused, see :func:`accepted_items`); a lenient one may hold
    refused acts. The history's ``items``, ``strict``, ``rules``, ``registry`` and ``coverage``
    rebuild it.
    """
    pool = draw(everything_pools())
    if draw(st.integers(0, 3)) == 0:  # a state only a custom registry knows acts too
        pool = (*pool, CUSTOM_STATES[1][0])
    registry = draw(registries(pool, custom=True if CUSTOM_STATES[1][0] in pool else None))
    items = without_known_bugs(draw(everything_items(pool)))
    rules = draw(rule_sets())
    coverage = draw(st.lists(coverages(pool), max_size=2))
    strict = draw(_bools) if strict is None else strict
    if strict:
        accepted = accepted_items(items, rules=rules, registry=registry, coverage=coverage)
        if accepted is None:
            strict = False
        else:
            items = accepted
    return dr.History(items, strict=strict, rules=rules, registry=registry, coverage=coverage)


_STATE_FIELDS = (
    *("between", "by", "of", "sender", "recipient", "state", "partner", "absorbed_by", "old"),
    *("new", "lender", "borrower", "protected", "power", "protecting_power", "resides_in"),
)
"""The fields of items and coverage declarations that name states."""


def named_states(h: dr.History) -> set[str]:
    """The states a history's items and coverage declarations name, in any field."""
    found: set[str] = set()
    for item in (*h.items, *h.coverage):
        for name in _STATE_FIELDS:
            value = getattr(item, name, None) if name in attrs.fields_dict(type(item)) else None
            found.update((value,) if isinstance(value, str) else value or ())
    return found


def asked_states(h: dr.History) -> list[str]:
    """The states to ask a drawn history about (codes its registry knows).

    Those its items, dyads and coverage name, and the custom states of a custom registry.
    """
    found = named_states(h)
    found.update(code for key in h.dyads for code in key)
    found.update(code for code, *_ in CUSTOM_STATES)
    if len(found) < 2:
        found.update(POOL[:2])
    return sorted(c for c in found if c in h.registry)


__all__ = [
    "CHINA_POOL",
    "CURRENCIES",
    "CUSTOM_STATES",
    "EVENT_TYPES",
    "GOVERNMENT_IDS",
    "POOL",
    "REGISTRY_SUCCESSORS",
    "SUCCESSORS",
    "ZONES",
    "accepted_items",
    "any_dates",
    "asked_states",
    "aware_datetimes",
    "corrections",
    "coverages",
    "credit_line_events",
    "day_dates",
    "dyad_events",
    "dyads",
    "edtf_texts",
    "event_lists",
    "event_of_type",
    "events",
    "every_event_type",
    "everything_items",
    "everything_pools",
    "full_events",
    "full_instruments",
    "full_lifecycle_events",
    "full_sources",
    "fuzzy_dates",
    "histories",
    "instruments",
    "intervals",
    "item_lists",
    "known_days",
    "lifecycle_events",
    "money",
    "month_dates",
    "named_states",
    "open_dates",
    "pendulum_dates",
    "points",
    "qualified",
    "query_dates",
    "query_days",
    "registries",
    "rule_sets",
    "small_pools",
    "states",
    "times_of_day",
    "without_known_bugs",
    "year_dates",
]
