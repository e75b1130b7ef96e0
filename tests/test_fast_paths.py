"""The fast paths of the fold give what the plain ones give.

``_replace`` (the state classes' cheap copy) makes what ``attrs.evolve`` makes; ``sort_events``
orders by the engine's key, breaking ties by content; the query-date cache forgets its oldest
entries when full, never an answer.
"""

from __future__ import annotations

import gc
import inspect
import threading
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import diplorel as dr
from diplorel import _alloc, _dates
from diplorel._engine import event_order_key, sort_events
from diplorel._frozen import FrozenMap
from diplorel._status import DyadState, HeadOfMission, Mission
from strategies import dyads, event_lists, points, states

SLOW = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_maybe_points = st.none() | points
_names = st.none() | st.sampled_from(["A. Envoy", "B. Envoy"])


def _maps(values: st.SearchStrategy[Any]) -> st.SearchStrategy[FrozenMap[str, Any]]:
    return st.dictionaries(states, values, max_size=2).map(FrozenMap)


_plain_heads = st.builds(
    HeadOfMission,
    st.sampled_from(dr.Rank),
    name=_names,
    since=_maybe_points,
    resident=st.booleans(),
    resides_in=st.none() | states,
    interim_since=_maybe_points,
)
heads = st.builds(
    HeadOfMission,
    st.sampled_from(dr.Rank),
    name=_names,
    since=_maybe_points,
    resident=st.booleans(),
    resides_in=st.none() | states,
    titular=st.none() | _plain_heads,
    interim_since=_maybe_points,
)
missions = st.builds(
    Mission,
    st.sampled_from(dr.MissionKind),
    place=st.none() | st.sampled_from(["Havana", "Seoul"]),
    protecting_power=st.none() | states,
    opened_on=_maybe_points,
    name=_names,
    staffed_by_power=st.booleans(),
)
dyad_states = st.builds(
    DyadState,
    dyads(),
    st.sampled_from(dr.Diplomatic),
    st.sampled_from(dr.Consular),
    _maps(st.sampled_from(dr.Level)),
    _maps(heads),
    _maps(st.lists(missions, max_size=2).map(tuple)),
    _maps(states),
    _maps(st.sampled_from(dr.Recognition)),
    _maps(st.sampled_from(["prc", "roc"])),
    _maybe_points,
    _maybe_points,
    st.booleans(),
    st.frozensets(states, max_size=2),
)


def _same(a: Any, b: Any) -> None:  # noqa: ANN401 - instances of any attrs class
    """Equal, of one class, and every field the very same object."""
    assert type(a) is type(b)
    assert a == b
    for f in attrs.fields(type(a)):
        assert getattr(a, f.name) is getattr(b, f.name), f.name


class TestReplace:
    """``_replace`` is ``attrs.evolve``, at a third of the cost."""

    def test_dyad_state_replace_takes_every_field(self) -> None:
        """A field added to DyadState and not to ``_replace`` would be dropped: refused here."""
        params = inspect.signature(DyadState._replace).parameters
        fields = [f.name for f in attrs.fields(DyadState)]
        assert [p for p in params if p != "self"] == fields
        assert all(params[f].kind is inspect.Parameter.KEYWORD_ONLY for f in fields)

    @pytest.mark.parametrize(("cls", "changed"), [(HeadOfMission, 2), (Mission, 1)])
    def test_partial_replace_copies_every_field(self, cls: Any, changed: int) -> None:  # noqa: ANN401
        """The classes whose ``_replace`` changes a few fields still copy all the others."""
        params = [p for p in inspect.signature(cls._replace).parameters if p != "self"]
        assert len(params) == changed
        assert {f.name for f in attrs.fields(cls)} >= set(params)

    @SLOW
    @given(dyad_states, dyad_states, st.data())
    def test_dyad_state(self, a: DyadState, b: DyadState, data: st.DataObject) -> None:
        """Any fields changed (taken from another state) give what ``attrs.evolve`` gives."""
        names = [f.name for f in attrs.fields(DyadState)]
        chosen = data.draw(st.lists(st.sampled_from(names), unique=True))
        changes = {n: getattr(b, n) for n in chosen}
        _same(a._replace(**changes), attrs.evolve(a, **changes))

    @SLOW
    @given(heads, _maybe_points, st.none() | _plain_heads, st.booleans())
    def test_head_of_mission(
        self,
        head: HeadOfMission,
        since: dr.FuzzyDate | None,
        titular: HeadOfMission | None,
        both: bool,
    ) -> None:
        """A head with another start or titular head: what ``attrs.evolve`` makes."""
        _same(head._replace(since=since), attrs.evolve(head, since=since))
        _same(head._replace(titular=titular), attrs.evolve(head, titular=titular))
        if both:
            _same(
                head._replace(since=since, titular=titular),
                attrs.evolve(head, since=since, titular=titular),
            )

    @given(missions, st.none() | states)
    def test_mission(self, mission: Mission, power: str | None) -> None:
        """A mission under another power: what ``attrs.evolve`` makes."""
        _same(
            mission._replace(protecting_power=power),
            attrs.evolve(mission, protecting_power=power),
        )

    @SLOW
    @given(dyad_states)
    def test_nothing_changed_is_an_equal_copy(self, state: DyadState) -> None:
        """With no change, an equal state (with the very same fields)."""
        _same(state._replace(), state)


class TestSortEvents:
    """The key is computed once; ties (equal keys) are ordered by the events' text."""

    @SLOW
    @given(event_lists(max_size=10), st.randoms(use_true_random=False))
    def test_order_is_the_key_then_the_text(self, events: list[dr.Event], rnd: Any) -> None:  # noqa: ANN401
        """The order is by key, then by text form, whatever the input order."""
        shuffled = list(events)
        rnd.shuffle(shuffled)
        expected = sorted(events, key=lambda e: (event_order_key(e), repr(e)))
        assert sort_events(shuffled) == expected

    def test_equal_keys(self) -> None:
        """Two acts of one kind on one day: ordered by their text, in either input order."""
        a = dr.MissionOpened(
            between=("CUB", "KOR"), on="1990-01-01", sender="KOR", kind=dr.MissionKind.CONSULATE
        )
        b = attrs.evolve(a, place="Havana")
        c = dr.RelationsEstablished(between=("CUB", "KOR"), on="1989-01-01")
        assert event_order_key(a) == event_order_key(b)
        expected = [c, *sorted([a, b], key=repr)]
        assert sort_events([a, b, c]) == sort_events([b, c, a]) == expected

    def test_open_start_sorts_by_its_stated_span(self) -> None:
        """``../1973`` is keyed as 1973 (``FuzzyDate.sort_key``), not from year 1."""
        e = dr.RelationsEstablished(between=("CUB", "KOR"), on="../1973")
        first, last = e.on.sort_key()
        assert event_order_key(e)[:2] == (first, last) == (pendulum.Date(1973, 1, 1), e.on.latest)


class TestQueryDates:
    """The query-date cache holds a realistic workload and forgets only its oldest days."""

    def test_every_day_from_1816_to_2026_fits(self) -> None:
        """77,067 days, as date objects or ISO text: the cache is not cleared while they fit."""
        days = (pendulum.Date(2026, 12, 31) - pendulum.Date(1816, 1, 1)).days + 1
        assert days <= _dates._QUERIES_SIZE

    def test_full_cache_forgets_the_oldest_quarter(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """When full, the oldest quarter goes; the rest stays, and answers are unchanged."""
        monkeypatch.setattr(_dates, "_QUERIES", {})
        monkeypatch.setattr(_dates, "_QUERIES_SIZE", 8)
        monkeypatch.setattr(_dates, "_QUERIES_DROPPED", 2)
        days = [pendulum.Date(2000, 1, d) for d in range(1, 10)]
        answers = [dr.to_when(d) for d in days]
        assert list(_dates._QUERIES) == days[2:]
        assert [dr.to_when(d) for d in days] == answers == [dr.When(day=d) for d in days]
        assert len(_dates._QUERIES) <= 8


class TestCollector:
    """Large builds pause the collector and leave it as they found it."""

    @pytest.mark.parametrize("size", [0, _alloc.GC_PAUSE_FROM - 1])
    def test_small_builds_leave_it_alone(self, size: int) -> None:
        """Below the threshold nothing changes."""
        with _alloc.bulk_allocation(size):
            assert gc.isenabled()
        assert gc.isenabled()

    def test_large_builds_pause_it_and_nothing_is_frozen(self) -> None:
        """Paused during the build, running after it, however it ends; nothing frozen."""
        frozen = gc.get_freeze_count()
        paused: list[bool] = []

        def build() -> None:
            with _alloc.bulk_allocation(_alloc.GC_PAUSE_FROM):
                paused.append(not gc.isenabled())
                raise RuntimeError

        with pytest.raises(RuntimeError):
            build()
        assert paused == [True]
        assert gc.isenabled()
        assert gc.get_freeze_count() == frozen

    def test_a_disabled_collector_stays_disabled(self) -> None:
        """A caller's own setting is kept."""
        gc.disable()
        try:
            with _alloc.bulk_allocation(10 * _alloc.GC_PAUSE_FROM):
                assert not gc.isenabled()
            assert not gc.isenabled()
        finally:
            gc.enable()

    def test_overlapping_builds_pause_it_once(self) -> None:
        """Builds in several threads: paused until the last one ends, then running again."""
        started = threading.Barrier(3)
        release = threading.Event()
        seen: list[bool] = []

        def build() -> None:
            with _alloc.bulk_allocation(_alloc.GC_PAUSE_FROM):
                started.wait()
                release.wait()
                seen.append(gc.isenabled())

        threads = [threading.Thread(target=build) for _ in range(2)]
        for t in threads:
            t.start()
        started.wait()
        assert not gc.isenabled()
        release.set()
        for t in threads:
            t.join()
        assert seen == [False, False]
        assert gc.isenabled()

    def test_nested_builds(self) -> None:
        """A build inside a build (a load deriving its history) keeps it paused to the end."""
        with _alloc.bulk_allocation(_alloc.GC_PAUSE_FROM):
            with _alloc.bulk_allocation(_alloc.GC_PAUSE_FROM):
                assert not gc.isenabled()
            assert not gc.isenabled()
        assert gc.isenabled()
