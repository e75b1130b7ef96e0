"""The engine and time: open-ended dates bounded by neighbouring acts, and times of day."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import diplorel as dr
from diplorel._dates import QueryLike, check_act_time, to_optional_time
from diplorel._engine import Timeline, act_time, event_order_key, sort_events
from diplorel._engine import fold as fold_events
from diplorel._history import derived
from diplorel._index import DyadIndex
from diplorel._lineage import Lineage
from diplorel._rules import RuleSet, rule
from diplorel._states import default_registry
from strategies import ZONES, pendulum_dates, points

D = pendulum.Date
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# Events with a time of day. ``_events.py`` is to give every event an optional ``time`` field;
# until it does, these subclasses carry the field exactly as proposed (the engine reads it
# through ``act_time``, whichever class defines it).


def _check_time(
    instance: dr.Event, _: attrs.Attribute[dt.time | None], value: dt.time | None
) -> None:
    check_act_time(instance.on, value)


@attrs.frozen(kw_only=True)
class Severed(dr.RelationsSevered):
    """RelationsSevered with the proposed ``time`` field."""

    time: dt.time | None = attrs.field(
        default=None, converter=to_optional_time, validator=_check_time
    )


@attrs.frozen(kw_only=True)
class Resumed(dr.RelationsResumed):
    """RelationsResumed with the proposed ``time`` field."""

    time: dt.time | None = attrs.field(
        default=None, converter=to_optional_time, validator=_check_time
    )


@attrs.frozen(kw_only=True)
class Established(dr.RelationsEstablished):
    """RelationsEstablished with the proposed ``time`` field."""

    time: dt.time | None = attrs.field(
        default=None, converter=to_optional_time, validator=_check_time
    )


# A minimal fold, independent of the default rules: the state is the last act's name.


@attrs.frozen
class Last:
    """The name of the last act applied (``"none"`` before any)."""

    act: str = "none"

    def summary(self) -> str:
        """The act's name."""
        return self.act


@rule(dr.Event, citation="test rule")
def record(state: Last, event: dr.Event) -> Last:
    """The state becomes the event's type name."""
    del state
    return Last(type(event).__name__)


RECORD = RuleSet([record])
KEY = ("CUB", "KOR")


def fold(*events: dr.Event, window: tuple[D | None, D | None] = (None, None)) -> Timeline[Last]:
    """Sort and fold ``events`` with the recording rule."""
    return fold_events(KEY, sort_events(events), RECORD, strict=True, initial=Last(), window=window)


def ask(timeline: Timeline[Last], on: QueryLike) -> tuple[str, bool, list[str]]:
    """(state, certain, alternatives) on a query date."""
    answer = timeline.at(dr.to_when(on), RECORD)
    return answer.state.act, answer.certain, [a.act for a in answer.alternatives]


def severed(on: str, **kw: object) -> dr.Event:
    """CUB severs relations with KOR on ``on``."""
    return dr.RelationsSevered(between=KEY, on=on, by="CUB", **kw)  # type: ignore[arg-type]


def resumed(on: str, **kw: object) -> dr.Event:
    """CUB and KOR resume relations on ``on``."""
    return dr.RelationsResumed(between=KEY, on=on, **kw)  # type: ignore[arg-type]


class TestOpenStart:
    """``../end``: some time before the end, after the previous act and the dyad's start."""

    def test_bounded_by_previous_act(self) -> None:
        """Before the previous act the open act had certainly not happened; after it, maybe."""
        t = fold(severed("1960-03-01"), resumed("../1973"))
        assert t.bounds(1) == (D(1960, 3, 1), D(1973, 12, 31))
        assert ask(t, "1960-02-29") == ("none", True, [])
        assert ask(t, "1960-03-01") == ("RelationsSevered", False, ["RelationsResumed"])
        assert ask(t, "1973-12-30") == ("RelationsSevered", False, ["RelationsResumed"])
        assert ask(t, "1973-12-31") == ("RelationsResumed", True, [])

    def test_bounded_by_existence(self) -> None:
        """With no previous act, the dyad's start bounds it."""
        t = fold(resumed("../1973"), window=(D(1948, 8, 15), None))
        assert t.bounds(0) == (D(1948, 8, 15), D(1973, 12, 31))
        assert ask(t, "1948-08-14") == ("none", True, [])
        assert ask(t, "1948-08-15") == ("none", False, ["RelationsResumed"])

    def test_later_of_existence_and_previous_act(self) -> None:
        """The later of the two bounds wins, whichever it is."""
        before = fold(severed("1948"), resumed("../1973"), window=(D(1948, 8, 15), None))
        assert before.bounds(1)[0] == D(1948, 8, 15)
        after = fold(severed("1950-06-25"), resumed("../1973"), window=(D(1948, 8, 15), None))
        assert after.bounds(1)[0] == D(1950, 6, 25)

    def test_unbounded(self) -> None:
        """With neither bound, the act may have happened on any earlier day."""
        t = fold(resumed("../1973"))
        assert t.bounds(0) == (D(1, 1, 1), D(1973, 12, 31))
        assert ask(t, "1800-01-01") == ("none", False, ["RelationsResumed"])

    def test_sorts_by_its_end(self) -> None:
        """An open start sorts as its end point: acts dated before that come before it."""
        order = sort_events([resumed("../1973"), severed("1972"), severed("1974")])
        assert [str(e.on) for e in order] == ["1972", "../1973", "1974"]

    def test_chained_open_starts(self) -> None:
        """An open start after another open start is bounded by the first one's bound."""
        t = fold(severed("1960"), resumed("../1970"), severed("../1980"))
        assert t.bounds(1)[0] == t.bounds(2)[0] == D(1960, 1, 1)


class TestOpenEnd:
    """``start/..``: some time after the start, before the next act or the dyad's end."""

    def test_bounded_by_next_act(self) -> None:
        """After the next act the open act had certainly happened; before it, maybe."""
        t = fold(severed("1960/.."), resumed("1990-05-01"))
        assert t.bounds(0) == (D(1960, 1, 1), D(1990, 5, 1))
        assert ask(t, "1959-12-31") == ("none", True, [])
        assert ask(t, "1960-01-01") == ("none", False, ["RelationsSevered"])
        assert ask(t, "1990-04-30") == ("none", False, ["RelationsSevered"])
        assert ask(t, "1990-05-01") == ("RelationsResumed", True, [])

    def test_next_act_imprecise(self) -> None:
        """An imprecise next act bounds it by its own last day."""
        t = fold(severed("1960/.."), resumed("1990"))
        assert t.bounds(0)[1] == D(1990, 12, 31)
        assert ask(t, "1991-01-01") == ("RelationsResumed", True, [])

    def test_bounded_by_existence(self) -> None:
        """With no next act, the end of the dyad's existence bounds it."""
        t = fold(severed("1960/.."), window=(None, D(1990, 10, 3)))
        assert t.bounds(0) == (D(1960, 1, 1), D(1990, 10, 3))
        assert ask(t, "1990-10-02") == ("none", False, ["RelationsSevered"])
        assert ask(t, "1990-10-03") == ("RelationsSevered", True, [])

    def test_next_act_after_existence(self) -> None:
        """The earlier of the next act and the dyad's end bounds it."""
        t = fold(severed("1985/.."), resumed("1990"), window=(None, D(1990, 10, 3)))
        assert t.bounds(0)[1] == D(1990, 10, 3)

    def test_unbounded(self) -> None:
        """With neither bound, it is unknown on every later day whether it had happened."""
        t = fold(severed("1960/.."))
        assert ask(t, "2100-01-01") == ("none", False, ["RelationsSevered"])
        assert t.settled[-1] == D(9999, 12, 31)

    def test_chained_open_ends(self) -> None:
        """Open ends in a row are all bounded by the next bounded act."""
        t = fold(severed("1960/.."), resumed("1965/.."), severed("1990-05-01"))
        assert t.bounds(0)[1] == t.bounds(1)[1] == D(1990, 5, 1)
        assert t.settled == (D(1990, 5, 1),) * 3

    def test_extend_bounds_the_last_open_end(self) -> None:
        """Folding a later act onto a timeline bounds its trailing open end."""
        t = fold(severed("1960/.."))
        t = t.rederive_from(len(t.events), [resumed("1990-05-01")], RECORD, strict=True)
        assert t.bounds(0)[1] == D(1990, 5, 1)
        assert ask(t, "1990-05-01") == ("RelationsResumed", True, [])

    def test_rederive_reopens_then_bounds(self) -> None:
        """Re-deriving from an insert bounds the open end by the new next act."""
        old = fold(severed("1960/.."), resumed("1990-05-01"))
        events = sort_events([*old.events, resumed("1979-01-01")])
        new = old.rederive_from(1, events[1:], RECORD, strict=True)
        assert new.bounds(0)[1] == D(1979, 1, 1)
        assert new.settled == fold(*events).settled
        kept = old.rederive_from(1, [], RECORD, strict=True)
        assert kept.bounds(0)[1] == D(9999, 12, 31)

    def test_bounds_of_a_whole_interval_are_its_own(self) -> None:
        """A closed interval's bounds are its dates, whatever its neighbours."""
        t = fold(severed("1960"), resumed("1959/1970"))
        assert t.bounds(0) == (D(1959, 1, 1), D(1970, 12, 31))
        assert t.bounds(1) == (D(1960, 1, 1), D(1960, 12, 31))


class TestHistory:
    """Open dates through a History: the registry's existence and adding events."""

    def test_open_start_by_existence(self) -> None:
        """CUB-KOR relations "by 1949" could not begin before KOR existed (15 August 1948)."""
        h = dr.History([dr.RelationsEstablished(between=KEY, on="../1949")])
        assert h.status("CUB", "KOR", on="1948-08-14").certain
        assert not h.status("CUB", "KOR", on="1948-08-15").certain
        established = h.status("CUB", "KOR", on="1949-12-31")
        assert established.certain
        assert established.diplomatic is dr.Diplomatic.ESTABLISHED

    def test_open_start_by_previous_act(self) -> None:
        """Relations resumed "by 14 February 2024" were resumed after they were severed."""
        h = dr.History(
            [
                dr.RelationsEstablished(between=KEY, on="1949"),
                severed("1959/1960"),
                resumed("../2024-02-14"),
            ]
        )
        assert h.status("CUB", "KOR", on="1958-12-31").certain
        middle = h.status("CUB", "KOR", on="1970-01-01")
        assert not middle.certain
        assert middle.diplomatic is dr.Diplomatic.SEVERED
        after = h.status("CUB", "KOR", on="2024-02-14")
        assert after.certain
        assert after.diplomatic is dr.Diplomatic.ESTABLISHED

    def test_open_end_by_registry_extinction(self) -> None:
        """A GDR act "from 1980 on" happened before the GDR ended on 3 October 1990."""
        h = dr.History(
            [
                dr.RelationsEstablished(between=("FRA", "DDR"), on="1973-02-09"),
                dr.RelationsSevered(between=("FRA", "DDR"), on="1980/..", by="FRA"),
            ]
        )
        assert not h.status("FRA", "DDR", on="1990-10-02").certain
        assert h.status("FRA", "DDR", on="1990-10-03").certain

    def test_files_keep_the_text(self) -> None:
        """The event keeps its open date as given; the bounds are the engine's."""
        event = resumed("../2024-02-14")
        h = dr.History([dr.RelationsEstablished(between=KEY, on="1949"), severed("1959"), event])
        assert str(h.events("CUB", "KOR")[-1].on) == "../2024-02-14"
        assert event.on == dr.parse_edtf("../2024-02-14")

    def test_add_equals_rebuild(self) -> None:
        """Adding an act after an open end re-bounds it exactly as a rebuild does."""
        base = [dr.RelationsEstablished(between=KEY, on="1949"), severed("1959/..")]
        extra = [resumed("2024-02-14"), severed("2000-01-01"), resumed("1990-05-01")]
        added = dr.History(base, strict=False)
        for e in extra:
            added = added.add(e)
        rebuilt = dr.History([*base, *extra], strict=False)
        for day in ["1958-12-31", "1970-01-01", "1990-05-01", "1999-12-31", "2030-01-01"]:
            a, b = added.status("CUB", "KOR", on=day), rebuilt.status("CUB", "KOR", on=day)
            assert (a.state, a.certain, a.alternatives) == (b.state, b.certain, b.alternatives)

    def test_window_of_a_dyad(self) -> None:
        """The later start and the earlier end of the two states' existence."""
        index = DyadIndex(
            registry=default_registry(), rules=RECORD, strict=False, lineage=Lineage([])
        )
        assert index.window(("KOR", "PRK")) == (D(1948, 9, 9), None)
        assert index.window(("DDR", "FRA")) == (D(1949, 10, 5), D(1990, 10, 3))
        assert index.window(("FRA", "USA")) == (None, None)

    def test_window_of_a_lineage(self) -> None:
        """A continued state exists from its lineage's first day (SUN, then RUS)."""
        index = DyadIndex(
            registry=default_registry(),
            rules=RECORD,
            strict=False,
            lineage=Lineage([("SUN", "RUS")]),
        )
        assert index.window(("KOR", "RUS")) == (D(1948, 8, 15), None)


# Order independence ---------------------------------------------------------------------------

open_dates = st.one_of(points.map(dr.FuzzyDate.not_after), points.map(dr.FuzzyDate.not_before))


@st.composite
def timed_events(draw: st.DrawFn) -> dr.Event:
    """A CUB-KOR act on any date, open or not, with a time of day when dated to the day."""
    on = draw(st.one_of(points, open_dates))
    time = (
        draw(st.none() | st.times().map(lambda t: t.replace(microsecond=0)))
        if on.is_exact
        else None
    )
    tz = draw(st.sampled_from(ZONES))
    kind = draw(st.sampled_from(["established", "severed", "resumed"]))
    if kind == "severed":
        return Severed(between=KEY, on=on, tz=tz, time=time, by="CUB")
    if kind == "resumed":
        return Resumed(between=KEY, on=on, tz=tz, time=time)
    return Established(between=KEY, on=on, tz=tz, time=time)


instants = st.datetimes(
    dt.datetime(1950, 1, 1),  # noqa: DTZ001 - made aware by timezones=
    dt.datetime(2024, 12, 31),  # noqa: DTZ001
    timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-6))]),
)
queries: st.SearchStrategy[D | dt.datetime] = st.one_of(pendulum_dates, instants)


class TestOrder:
    """Input order never matters, with open dates and times of day."""

    @SLOW
    @given(st.lists(timed_events(), max_size=8), st.randoms(use_true_random=False))
    def test_sort_is_deterministic(self, events: list[dr.Event], rnd: object) -> None:
        """sort_events gives one order for every permutation."""
        shuffled = list(events)
        rnd.shuffle(shuffled)  # type: ignore[attr-defined]
        assert sort_events(events) == sort_events(shuffled)

    @SLOW
    @given(
        st.lists(timed_events(), max_size=8),
        st.randoms(use_true_random=False),
        st.lists(queries, min_size=1, max_size=4),
    )
    def test_shuffle(self, events: list[dr.Event], rnd: object, on: list[D | dt.datetime]) -> None:
        """A shuffled history gives the same bounds, statuses and alternatives."""
        shuffled = list(events)
        rnd.shuffle(shuffled)  # type: ignore[attr-defined]
        x, y = dr.History(events, strict=False), dr.History(shuffled, strict=False)
        if not x.dyads:
            return
        tx, ty = derived(x).timeline_of(KEY), derived(y).timeline_of(KEY)
        assert (tx.earliest, tx.latest, tx.settled) == (ty.earliest, ty.latest, ty.settled)
        for day in on:
            sx, sy = x.status("CUB", "KOR", on=day), y.status("CUB", "KOR", on=day)
            assert (sx.state, sx.certain, sx.alternatives) == (
                sy.state,
                sy.certain,
                sy.alternatives,
            )

    @SLOW
    @given(st.lists(timed_events(), max_size=8))
    def test_bounds_are_sorted(self, events: list[dr.Event]) -> None:
        """The bounded earliest days stay in order, so a query can bisect them."""
        t = fold(*events, window=(D(1948, 8, 15), None))
        assert t.earliest == tuple(sorted(t.earliest))
        assert t.settled == tuple(sorted(t.settled))
        assert all(lo <= hi for lo, hi in zip(t.earliest, t.latest, strict=True))

    @SLOW
    @given(st.lists(timed_events(), max_size=8), st.lists(pendulum_dates, min_size=1, max_size=4))
    def test_certain_outside_bounds(self, events: list[dr.Event], on: list[D]) -> None:
        """A day outside every bounded span is certain; inside one, it is uncertain."""
        t = fold(*events)
        for day in on:
            spans = zip(t.earliest, t.latest, strict=True)
            inside = any(lo <= day < hi for lo, hi in spans)
            certain = ask(t, day)[1]
            assert certain or inside
            if inside:  # the recording rule changes the state with every act
                assert not certain


# Time of day ------------------------------------------------------------------------------


MEXICO = "America/Mexico_City"


def mex_ecu() -> dr.History:
    """Relations existed by 2023; Mexico broke them late on 5 April 2024 (the test says 22:00)."""
    return dr.History(
        [
            dr.RelationsEstablished(between=("MEX", "ECU"), on="../2023"),
            Severed(
                between=("MEX", "ECU"),
                on="2024-04-05",
                time="22:00",
                tz=MEXICO,
                place="Mexico City",
                by="MEX",
            ),
        ]
    )


class TestTimeOfDay:
    """An act with a time compares as an instant with queries given as instants."""

    def test_mexico_ecuador(self) -> None:
        """Mexico broke relations with Ecuador late on 5 April 2024, Mexico City time.

        Reuters, "Mexico breaks diplomatic relations with Ecuador after police storm embassy",
        6 April 2024: President López Obrador announced the break late on 5 April 2024, after
        Ecuadorean police stormed the Mexican embassy in Quito.
        """
        h = mex_ecu()
        noon = h.status("MEX", "ECU", on="2024-04-05T12:00-06:00")
        assert noon.diplomatic is dr.Diplomatic.ESTABLISHED
        assert noon.certain
        night = h.status("MEX", "ECU", on="2024-04-05T23:30-06:00")
        assert night.diplomatic is dr.Diplomatic.SEVERED
        assert night.certain
        day = h.status("MEX", "ECU", on="2024-04-05")
        assert day.diplomatic is dr.Diplomatic.SEVERED
        assert day.certain

    @pytest.mark.parametrize(
        ("on", "diplomatic"),
        [
            ("2024-04-05T21:59-06:00", dr.Diplomatic.ESTABLISHED),
            ("2024-04-05T22:00-06:00", dr.Diplomatic.SEVERED),
            ("2024-04-06T03:59:59+00:00", dr.Diplomatic.ESTABLISHED),
            ("2024-04-06T04:00+00:00", dr.Diplomatic.SEVERED),
            ("2024-04-05T22:30-05:00", dr.Diplomatic.ESTABLISHED),
            ("2024-04-06T13:00+09:00", dr.Diplomatic.SEVERED),
            ("2024-04-04", dr.Diplomatic.ESTABLISHED),
            ("2024-04-06", dr.Diplomatic.SEVERED),
        ],
    )
    def test_instants_around_the_act(self, on: str, diplomatic: dr.Diplomatic) -> None:
        """The act counts from its instant on (22:00 in Mexico City is 04:00 UTC)."""
        assert mex_ecu().status("MEX", "ECU", on=on).diplomatic is diplomatic

    def test_without_time_unchanged(self) -> None:
        """Without a time, an instant compares calendar days in the act's zone."""
        h = dr.History(
            [
                dr.RelationsEstablished(between=("MEX", "ECU"), on="../2023"),
                dr.RelationsSevered(between=("MEX", "ECU"), on="2024-04-05", tz=MEXICO, by="MEX"),
            ]
        )
        noon = h.status("MEX", "ECU", on="2024-04-05T12:00-06:00")
        assert noon.diplomatic is dr.Diplomatic.SEVERED
        before = h.status("MEX", "ECU", on="2024-04-05T05:00+00:00")
        assert before.diplomatic is dr.Diplomatic.ESTABLISHED

    def test_late_act_the_day_before(self) -> None:
        """23:00 on the 4th in Pago Pago (UTC-11) is still ahead at 09:00 UTC on the 5th."""
        t = fold(severed("2024-04-04", tz="Pacific/Pago_Pago"))
        t_timed = fold(Severed(between=KEY, on="2024-04-04", time="23:00", tz="Pacific/Pago_Pago"))
        assert ask(t, "2024-04-05T09:00+00:00") == ("RelationsSevered", True, [])
        assert ask(t_timed, "2024-04-05T09:00+00:00") == ("none", True, [])
        assert ask(t_timed, "2024-04-05T10:00+00:00") == ("Severed", True, [])
        assert ask(t_timed, "2024-04-04") == ("Severed", True, [])

    def test_time_orders_acts_of_a_day(self) -> None:
        """Broken at 09:00 and resumed at 22:00: severed at noon, established at night."""
        h = dr.History(
            [
                dr.RelationsEstablished(between=KEY, on="1949"),
                Resumed(between=KEY, on="2024-02-14", time="22:00"),
                Severed(between=KEY, on="2024-02-14", time="09:00", by="CUB"),
            ]
        )
        assert h.status("CUB", "KOR", on="2024-02-14T12:00Z").diplomatic is dr.Diplomatic.SEVERED
        end = h.status("CUB", "KOR", on="2024-02-14")
        assert end.diplomatic is dr.Diplomatic.ESTABLISHED

    def test_order_key_by_instant(self) -> None:
        """Timed acts of one local day order by instant; untimed ones come first."""
        quito = Severed(between=KEY, on="2024-04-05", time="22:00", tz="America/Guayaquil")
        mexico = Resumed(between=KEY, on="2024-04-05", time="22:00", tz=MEXICO)
        untimed = resumed("2024-04-05", tz=MEXICO)
        assert sort_events([mexico, untimed, quito]) == [untimed, quito, mexico]
        assert event_order_key(quito) < event_order_key(mexico)

    def test_time_needs_a_day(self) -> None:
        """A time on an act dated only to the year is refused."""
        with pytest.raises(dr.InvalidDateError, match="dated to the day"):
            Severed(between=KEY, on="2024", time="22:00", by="CUB")

    def test_engine_checks_time_too(self) -> None:
        """The engine refuses a time on an inexact date even if the event class did not."""

        @attrs.frozen(kw_only=True)
        class Unchecked(dr.RelationsResumed):
            TAG: ClassVar[str] = "unchecked"
            time: dt.time | None = None

        with pytest.raises(dr.InvalidDateError, match="dated to the day"):
            fold(Unchecked(between=KEY, on="2024", time=dt.time(22)))

    def test_act_time_helper(self) -> None:
        """act_time reads the field, gives None without one, and refuses a wrong type."""
        assert act_time(Severed(between=KEY, on="2024-04-05", time="22:00")) == dt.time(22)
        assert act_time(severed("2024-04-05")) is None

        @attrs.frozen(kw_only=True)
        class Wrong(dr.RelationsResumed):
            TAG: ClassVar[str] = "wrong"
            time: str = "22:00"

        with pytest.raises(TypeError, match=r"datetime\.time"):
            act_time(Wrong(between=KEY, on="2024-04-05"))
