"""Bulk as-of queries: the numpy path gives exactly the Python path's answers."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import diplorel as dr

np = pytest.importorskip("numpy")

STATES = ["CUB", "KOR", "PRK", "USA", "RUS", "SUN", "DDR", "VAT"]


@pytest.fixture(scope="module")
def h() -> dr.History:
    return dr.default_history()


days = st.dates(min_value=pendulum.Date(1900, 1, 1), max_value=pendulum.Date(2025, 12, 31)).map(
    lambda d: pendulum.Date(d.year, d.month, d.day)
)
ONE_STATE = {"RUS", "SUN"}
"""The Russian Federation continues the USSR: one state, no dyad (refused, see below)."""
pairs = st.tuples(st.sampled_from(STATES), st.sampled_from(STATES)).filter(
    lambda p: p[0] != p[1] and set(p) != ONE_STATE
)


class TestEngines:
    @given(st.lists(st.tuples(pairs, days), min_size=1, max_size=60))
    @settings(max_examples=40, deadline=None)
    def test_numpy_equals_python(
        self, questions: list[tuple[tuple[str, str], pendulum.Date]]
    ) -> None:
        """Both engines give identical answers, in the order asked."""
        h = dr.default_history()
        a = [p[0] for p, _ in questions]
        b = [p[1] for p, _ in questions]
        on = [d for _, d in questions]
        python = h.bulk_status(a, b, on, engine="python")
        fast = h.bulk_status(a, b, on, engine="numpy")
        assert attrs_fields(python) == attrs_fields(fast)

    @pytest.mark.parametrize("engine", ["python", "numpy"])
    def test_a_state_and_its_continuation_are_refused(self, h: dr.History, engine: str) -> None:
        """SUN and RUS are one state: refused, as status() refuses them, naming both."""
        with pytest.raises(dr.InvalidQueryError, match="SUN and RUS"):
            h.bulk_status(["CUB", "SUN"], ["USA", "RUS"], ["1980-01-01"] * 2, engine=engine)

    def test_matches_point_queries(self, h: dr.History) -> None:
        """Each answer is the point query's answer (levels each way, certainty)."""
        a, b = ["CUB", "KOR", "CUB"], ["KOR", "CUB", "KOR"]
        on = ["1959-06-01", "2024-03-01", "2010-06-01"]
        r = h.bulk_status(a, b, on)
        for i in range(3):
            s = h.status(a[i], b[i], on=on[i])
            assert r.diplomatic[i] == s.diplomatic.value
            assert r.level_a[i] == s.representation[a[i]].cow
            assert r.certain[i] == s.certain

    def test_numpy_arrays_in(self, h: dr.History) -> None:
        """Numpy string and datetime64 arrays are accepted as they are."""
        r = h.bulk_status(
            np.array(["CUB", "USA"]),
            np.array(["KOR", "CUB"]),
            np.array(["2024-03-01", "1970-01-01"], dtype="datetime64[D]"),
        )
        assert r.diplomatic == ["established", "severed"]
        assert r.engine == "numpy"

    def test_instants_take_the_exact_path(self, h: dr.History) -> None:
        """An aware datetime compares in each act's zone, in bulk as in point queries."""
        r = h.bulk_status(["CUB"], ["KOR"], ["2024-02-14T12:00:00+09:00"], engine="numpy")
        assert r.diplomatic == ["severed"]

    def test_lengths_must_match(self, h: dr.History) -> None:
        """Columns of different lengths are refused."""
        with pytest.raises(ValueError, match="same length"):
            h.bulk_status(["CUB"], ["KOR", "USA"], ["2000-01-01"])

    def test_unknown_engine(self, h: dr.History) -> None:
        """An unknown engine name is refused."""
        with pytest.raises(ValueError, match="engine"):
            h.bulk_status(["CUB"], ["KOR"], ["2000-01-01"], engine="gpu")

    def test_to_pandas(self, h: dr.History) -> None:
        """The result converts to a DataFrame with categorical statuses."""
        pytest.importorskip("pandas")
        df = h.bulk_status(["CUB"], ["KOR"], ["2000-01-01"]).to_pandas()
        assert str(df["diplomatic"].dtype) == "category"


def attrs_fields(r: dr.BulkStatus) -> tuple[object, ...]:
    return (r.diplomatic, r.consular, r.level_a, r.level_b, r.certain)
