from __future__ import annotations

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import diplorel as dr
from strategies import event_lists, query_days

SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
days = st.lists(query_days, min_size=1, max_size=5)


def observed(s: dr.Status) -> tuple[object, ...]:
    """The parts of a status the properties compare."""
    return (s.diplomatic, s.consular, s.representation, s.missions, s.certain, s.state)


class TestCausality:
    """The status on D depends only on events up to D."""

    @SLOW
    @given(event_lists(), days)
    def test_later_events_do_not_matter(self, events: list[dr.Event], on: list) -> None:
        """Dropping every event with on.earliest > D leaves the status on D unchanged."""
        full = dr.History(events, strict=False)
        for day in on:
            cut = dr.History([e for e in events if e.on.earliest <= day], strict=False)
            for a, b in full.dyads:
                assert observed(full.status(a, b, on=day)) == observed(cut.status(a, b, on=day))


class TestOrder:
    """Input order does not matter."""

    @SLOW
    @given(event_lists(rich=True), st.randoms(use_true_random=False), days)
    def test_shuffle(self, events: list[dr.Event], rnd: object, on: list) -> None:
        """A shuffled history derives the same timelines, statuses and anomalies."""
        shuffled = list(events)
        rnd.shuffle(shuffled)  # type: ignore[attr-defined]
        x, y = dr.History(events, strict=False), dr.History(shuffled, strict=False)
        assert x.dyads == y.dyads
        assert x.anomalies == y.anomalies
        for a, b in x.dyads:
            assert x.timeline(a, b) == y.timeline(a, b)
            for day in on:
                sx, sy = x.status(a, b, on=day), y.status(a, b, on=day)
                assert observed(sx) == observed(sy)
                assert sx.alternatives == sy.alternatives

    @SLOW
    @given(event_lists(), st.randoms(use_true_random=False))
    def test_strict_outcome_independent_of_order(self, events: list[dr.Event], rnd: object) -> None:
        """Strict mode accepts or refuses a history whatever the order of its events."""
        shuffled = list(events)
        rnd.shuffle(shuffled)  # type: ignore[attr-defined]
        outcomes = []
        for evs in (events, shuffled):
            try:
                dr.History(evs)
                outcomes.append("ok")
            except dr.InvalidTransitionError as e:
                outcomes.append(str(e))
        assert outcomes[0] == outcomes[1]


class TestFuzz:
    """Any fuzzed sequence yields a status or raises the documented error."""

    @SLOW
    @given(event_lists(), days)
    def test_strict(self, events: list[dr.Event], on: list) -> None:
        """Strict: the history builds, or raises InvalidTransitionError."""
        try:
            h = dr.History(events)
        except (dr.InvalidTransitionError, dr.StateNotInExistenceError):
            return
        assert all(a.kind == "exclusivity_overlap" for a in h.anomalies)
        for a, b in h.dyads:
            for day in on:
                assert isinstance(h.status(a, b, on=day).diplomatic, dr.Diplomatic)

    @SLOW
    @given(event_lists(), days)
    def test_lenient(self, events: list[dr.Event], on: list) -> None:
        """Lenient: the history always builds and answers every query, explanation included."""
        h = dr.History(events, strict=False)
        for a, b in h.dyads:
            for day in on:
                s = h.status(a, b, on=day)
                assert isinstance(s.diplomatic, dr.Diplomatic)
                assert str(s.explain())
            assert len(h.timeline(a, b)) == len(h.events(a, b))

    @SLOW
    @given(event_lists())
    def test_lenient_flags_exactly_what_strict_refuses(self, events: list[dr.Event]) -> None:
        """Strict raises exactly when lenient records an invalid transition."""
        lenient = dr.History(events, strict=False)
        refused = [a for a in lenient.anomalies if a.kind == "invalid_transition"]
        if not refused:
            dr.History(events)  # builds
            return
        with pytest.raises(dr.InvalidTransitionError) as info:
            dr.History(events)
        assert any(a.rule == info.value.rule and a.dyad == info.value.dyad for a in refused)


class TestCertainty:
    """certain is False exactly inside the span of an imprecise, applied event."""

    @SLOW
    @given(event_lists(), days)
    def test_certain_iff_outside_spans(self, events: list[dr.Event], on: list) -> None:
        """For a plain day d: uncertain iff earliest <= d < latest for some unrefused event."""
        h = dr.History(events, strict=False)
        for a, b in h.dyads:
            applied = [p.event for p in h.timeline(a, b) if p.anomaly is None]
            for day in on:
                inside = any(
                    not e.on.is_exact and e.on.earliest <= day < e.on.latest for e in applied
                )
                s = h.status(a, b, on=day)
                assert s.certain is (not inside)
                if s.certain:
                    assert s.alternatives == ()

    def test_boundaries(self) -> None:
        """For a year: certain the day before, uncertain from 1 Jan, certain on 31 Dec."""
        h = dr.History([dr.RelationsEstablished(between=("CUB", "KOR"), on="1949")])
        certain = [
            h.status("CUB", "KOR", on=pendulum.Date(1949, m, d)).certain
            for m, d in ((1, 1), (6, 30), (12, 30), (12, 31))
        ]
        assert certain == [False, False, False, True]
        assert h.status("CUB", "KOR", on="1948-12-31").certain is True
