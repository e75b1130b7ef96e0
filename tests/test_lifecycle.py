"""The life of states in a history: existence checks and the registry's authority on endings."""

from __future__ import annotations

import pytest

import diplorel as dr
from diplorel._engine import Anomaly
from diplorel._lifecycle import (
    LIFECYCLE_CONFLICT,
    Existence,
    check_lifecycle,
    lifecycle_conflict,
    lineage_of,
)
from diplorel._states import default_registry
from diplorel.exceptions import InvalidEventError

REG = default_registry()


def continued(on: str, old: str = "SUN", new: str = "RUS") -> dr.Event:
    """``new`` continues ``old`` on ``on``."""
    return dr.StateContinued(old=old, new=new, on=on)


def extinct(state: str, on: str, absorbed_by: str | None = None) -> dr.Event:
    """``state`` ceases to exist on ``on``."""
    return dr.StateExtinguished(state=state, on=on, absorbed_by=absorbed_by)


class TestConflict:
    """A stated extinction or continuation must agree with the registry."""

    def test_ussr_on_24_december(self) -> None:
        """The UN letters' date (1991-12-24) contradicts the registry's 1991-12-26."""
        reason = lifecycle_conflict(continued("1991-12-24"), REG)
        assert reason is not None
        assert "1991-12-26" in reason
        assert "1991-12-24" in reason
        assert "142-" in reason  # the registry's source: Declaration No. 142

    @pytest.mark.parametrize(
        "event",
        [
            continued("1991-12-26"),
            continued("1991-12"),  # a span holding the registry's day agrees
            extinct("DDR", "1990-10-03", "DEU"),  # Unification Treaty: effective 3 October 1990
            extinct("DDR", "1990"),  # OH, German Democratic Republic: absorbed "in 1990"
            extinct("CSK", "1992-12-31/1993-01-01"),  # Act 542/1992: ends after 31 December
        ],
    )
    def test_agreeing(self, event: dr.Event) -> None:
        """Events on the registry's day, or dated by a span that holds it, agree."""
        assert lifecycle_conflict(event, REG) is None

    @pytest.mark.parametrize(
        ("event", "words"),
        [
            (continued("1991-12-26", new="UKR"), "not by UKR"),
            (extinct("SUN", "1991-12-26"), "not an extinction"),
            (continued("1990-10-03", old="DDR", new="DEU"), "not a continuation"),
            (extinct("DDR", "1990-10-03", "POL"), "not by POL"),
            (extinct("DDR", "1990-10-02"), "not 1990-10-02"),
        ],
    )
    def test_contradicting(self, event: dr.Event, words: str) -> None:
        """Another successor, absorber, kind of end or date contradicts the registry."""
        reason = lifecycle_conflict(event, REG)
        assert reason is not None
        assert words in reason

    def test_unrecorded_end_is_not_checked(self) -> None:
        """An end the registry does not record (Syria 1958, OH) is not a contradiction."""
        assert lifecycle_conflict(extinct("SYR", "1958-02-22"), REG) is None

    def test_other_events_are_not_checked(self) -> None:
        """Dyadic acts are not lifecycle facts."""
        event = dr.RelationsEstablished(between=("USA", "SUN"), on="1933-11-16")
        assert lifecycle_conflict(event, REG) is None


class TestCheck:
    """check_lifecycle(): strict raises, lenient flags and leaves the event out."""

    def test_strict_raises(self) -> None:
        """Strict mode raises InvalidEventError naming the event, both dates and the source."""
        with pytest.raises(InvalidEventError) as info:
            check_lifecycle([continued("1991-12-24")], REG, strict=True)
        message = str(info.value)
        assert "StateContinued SUN-RUS on 1991-12-24" in message
        assert "1991-12-26" in message
        assert "Dissolution of the Soviet Union" in message

    def test_strict_raises_the_earliest(self) -> None:
        """The earliest conflict is raised, whatever the input order."""
        events = [continued("1991-12-24"), extinct("DDR", "1990-10-02")]
        for order in (events, events[::-1]):
            with pytest.raises(InvalidEventError, match="DDR"):
                check_lifecycle(order, REG, strict=True)

    def test_lenient_flags(self) -> None:
        """Lenient mode leaves the event out and flags a lifecycle_conflict anomaly."""
        good = dr.RelationsEstablished(between=("GBR", "SUN"), on="1924-02-01")
        bad = continued("1991-12-24")
        kept, anomalies = check_lifecycle([good, bad], REG, strict=False)
        assert kept == [good]
        (anomaly,) = anomalies
        assert isinstance(anomaly, Anomaly)
        assert anomaly.kind == LIFECYCLE_CONFLICT == "lifecycle_conflict"
        assert anomaly.event is bad
        assert anomaly.dyad == ("SUN", "RUS")
        assert "not applied" in anomaly.message

    def test_agreeing_events_pass(self) -> None:
        """Nothing to flag: every event is kept, in order."""
        events = [extinct("DDR", "1990-10-03"), continued("1991-12-26")]
        assert check_lifecycle(events, REG, strict=True) == (events, [])

    def test_default_history_agrees(self) -> None:
        """No extinction or continuation in the default history contradicts the registry."""
        events = dr.default_history().events()
        check_lifecycle(events, REG, strict=True)


class TestExistence:
    """Acts are checked against existence, not against COW membership."""

    @pytest.mark.parametrize(
        ("between", "on"),
        [
            (("EST", "USA"), "1960-01-01"),  # OH, Estonia: its representation continued
            (("AUT", "USA"), "1940-01-01"),
            (("JPN", "USA"), "1950-01-01"),
            (("CHN", "USA"), "1930-01-01"),  # COW codes US-China (710) 2/2 in 1930
        ],
    )
    def test_outside_cow_membership(self, between: tuple[str, str], on: str) -> None:
        """An act while COW counts no membership, but the state exists, is accepted."""
        event = dr.RelationsResumed(between=between, on=on)
        assert Existence(REG).problem(event) is None

    def test_taiwan_before_1949(self) -> None:
        """An act with TWN before 1949-12-08 (COW 713) is outside its existence."""
        event = dr.RelationsEstablished(between=("CRI", "TWN"), on="1941")
        problem = Existence(REG).problem(event)
        assert problem is not None
        assert problem[0] == "TWN"
        assert "1949-12-08" in problem[1]


class TestLineage:
    """lineage_of(): the continuations that apply, whatever the input order."""

    def test_the_registry_continuations(self) -> None:
        """No stated continuation: the registry's lineages (SUN filed as RUS)."""
        lineage, refused = lineage_of([], REG)
        assert lineage.root("SUN") == "RUS"
        assert lineage.root("YUG") == "SRB"
        assert refused == []

    def test_a_conflict_decides_nothing(self) -> None:
        """A continuation the registry contradicts is refused and not in the lineage."""
        bad = continued("1991-12-26", new="UKR")
        lineage, refused = lineage_of([bad], REG)
        assert lineage.root("SUN") == "RUS"
        assert [e for e, _ in refused] == [bad]

    def test_the_earliest_of_two_applies(self) -> None:
        """Of two continuations of one state, the earliest; on one day, the first code."""
        early, late = continued("1990", "CUB", "BRA"), continued("1991", "CUB", "ARG")
        same_day = continued("1990", "CUB", "ARG")
        for events, new, out in (
            ([early, late], "BRA", late),
            ([early, same_day], "ARG", early),
        ):
            for order in (events, events[::-1]):
                lineage, refused = lineage_of(order, REG)
                assert lineage.root("CUB") == new
                assert [e for e, _ in refused] == [out]
                assert "the earliest applies" in refused[0][1]

    def test_one_state_continues_one_other(self) -> None:
        """AUS continuing CAN and CHE on one day: the first by the order above.

        Whatever the input order; CAN and CHE stay two states (a panel of 1950 holds both).
        """
        can, che = continued("2000-01-01", "CAN", "AUS"), continued("2000-01-01", "CHE", "AUS")
        for order in ([can, che], [che, can]):
            lineage, refused = lineage_of(order, REG)
            assert lineage.root("CAN") == "AUS"
            assert lineage.root("CHE") == "CHE"
            assert [e for e, _ in refused] == [che]
            assert "continues at most one" in refused[0][1]

    def test_a_second_continuation_into_a_registry_successor(self) -> None:
        """RUS continues SUN (the registry): it continues nothing else."""
        lineage, refused = lineage_of([continued("1995", "UKR", "RUS")], REG)
        assert lineage.root("UKR") == "UKR"
        assert "RUS continues SUN already" in refused[0][1]

    def test_the_same_continuation_twice(self) -> None:
        """Stated twice, a continuation is no contradiction."""
        events = [continued("1990", "CUB", "BRA"), continued("1990-01-01", "CUB", "BRA")]
        lineage, refused = lineage_of(events, REG)
        assert lineage.root("CUB") == "BRA"
        assert refused == []

    def test_a_circle(self) -> None:
        """CUB continued by BRA after BRA by CUB would make a state continue itself."""
        first, circle = continued("1990", "CUB", "BRA"), continued("1991", "BRA", "CUB")
        for order in ([first, circle], [circle, first]):
            lineage, refused = lineage_of(order, REG)
            assert lineage.root("CUB") == lineage.root("BRA") == "BRA"
            assert [e for e, _ in refused] == [circle]
            assert "continue itself" in refused[0][1]

    def test_outside_existence_is_left_out(self) -> None:
        """A continuation outside a party's existence is the index's to flag: not applied."""
        lineage, refused = lineage_of([continued("1800", "CUB", "BRA")], REG)
        assert lineage.root("CUB") == "CUB"
        assert refused == []


class TestOneState:
    """check_lifecycle() refuses an act between a state and its own continuation."""

    def test_lenient_flags(self) -> None:
        """The act is left out, flagged as a lifecycle_conflict naming it and why."""
        act = dr.RelationsEstablished(between=("RUS", "SUN"), on="1991")
        other = dr.RelationsEstablished(between=("SUN", "USA"), on="1933-11-16")
        kept, anomalies = check_lifecycle([act, other], REG, strict=False)
        assert kept == [other]
        (anomaly,) = anomalies
        assert anomaly.kind == LIFECYCLE_CONFLICT
        assert anomaly.event is act
        assert anomaly.message.startswith(act.describe())
        assert "RUS and SUN name one state" in anomaly.message

    def test_strict_raises(self) -> None:
        """Strict mode raises InvalidEventError naming the act."""
        act = dr.Recognized(by="SUN", of="RUS", on="1991")
        with pytest.raises(InvalidEventError) as info:
            check_lifecycle([act], REG, strict=True)
        assert info.value.event == act.describe()
        assert "one state" in info.value.reason

    def test_with_a_stated_continuation(self) -> None:
        """A stated continuation makes its two states one (here CUB and KOR)."""
        cont = continued("1990", "CUB", "KOR")
        act = dr.RelationsEstablished(between=("CUB", "KOR"), on="1960")
        kept, anomalies = check_lifecycle([act, cont], REG, strict=False)
        assert kept == [cont]
        assert [a.event for a in anomalies] == [act]

    def test_other_acts_pass(self) -> None:
        """An act of a continued state with a third state is no conflict."""
        act = dr.RelationsEstablished(between=("SUN", "USA"), on="1933-11-16")
        assert check_lifecycle([act], REG, strict=True) == ([act], [])
