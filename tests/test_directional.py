"""One side recorded: a history that covers one direction of presence says nothing of the other.

The State Department's records list every US chief of mission, not the partners' envoys in
Washington. Declared so (``Coverage(sender="USA")``), the partner's side is "no record" in
every output, never a certain nobody.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import diplorel as dr
from diplorel._export import status_to_json
from diplorel.io import cow

EVENTS = [
    dr.RelationsEstablished(
        between=("USA", "BRA"), on="1824-05-26", level=dr.Level.CHARGE_D_AFFAIRES
    ),
    dr.HeadOfMissionAccredited(
        between=("USA", "BRA"),
        on="1825-10-29",
        sender="USA",
        rank=dr.Rank.CHARGE_D_AFFAIRES,
        name="Condy Raguet",
    ),
]
COVERAGE = [
    dr.Coverage(state="USA", partner="BRA", dimensions=(dr.Dimension.PRESENCE,), sender="USA"),
    dr.Coverage(state="USA", partner="BRA", dimensions=(dr.Dimension.RELATIONS,), since="1824"),
]


@pytest.fixture
def h() -> dr.History:
    return dr.History(EVENTS, coverage=COVERAGE)


class TestStatus:
    def test_the_covered_side_is_known_the_other_not(self, h: dr.History) -> None:
        """The US chargé is at post (COW 1); Brazil's side is no record, not 0."""
        s = h.status("USA", "BRA", on="1830-01-01")
        assert s.representation["USA"].cow == 1
        assert "BRA" not in s.representation
        assert s.exchange is True
        assert "BRA" not in s.missions
        assert "BRA at post           no record" in str(s)

    def test_before_any_us_chief_the_us_side_is_a_certain_nobody(self, h: dr.History) -> None:
        """Covered and silent: no US chief, so 0; exchange unknown (Brazil's side is not)."""
        s = h.status("USA", "BRA", on="1825-01-01")
        assert s.representation["USA"].cow == 0
        assert s.exchange is None

    def test_the_unrecorded_side_has_no_class_agreed(self, h: dr.History) -> None:
        """A class a side agreed once may have changed unseen: no record, not chargé for ever."""
        s = h.status("USA", "BRA", on="1830-01-01")
        assert dict(s.agreed) == {"USA": dr.Level.CHARGE_D_AFFAIRES}
        assert "BRA agreed class      no record" in str(s)
        assert status_to_json(s)["agreed"]["BRA"] is None

    def test_json_nulls_the_unrecorded_side(self, h: dr.History) -> None:
        """JSON says null for Brazil's representation and missions."""
        data = status_to_json(h.status("USA", "BRA", on="1830-01-01"))
        json.dumps(data)  # JSON-ready
        assert data["representation"]["BRA"] is None
        assert data["representation"]["USA"]["cow"] == 1
        assert data["missions"]["BRA"] is None
        assert data["presence_unknown"] == ["BRA"]

    def test_without_directional_coverage_both_sides_count(self) -> None:
        """A history without a one-direction declaration keeps the dyad-wide rule."""
        s = dr.History(EVENTS).status("USA", "BRA", on="1830-01-01")
        assert set(s.representation) == {"BRA", "USA"}


class TestBulkAndPanels:
    def test_bulk_engines_agree(self, h: dr.History) -> None:
        """Both bulk engines give the US level and None for Brazil's."""
        pytest.importorskip("numpy")
        args = (["USA", "BRA"], ["BRA", "USA"], ["1830-01-01", "1830-01-01"])
        py = h.bulk_status(*args, engine="python")
        np_ = h.bulk_status(*args, engine="numpy")
        assert (py.level_a, py.level_b) == ([1, None], [None, 1])
        assert (np_.level_a, np_.level_b) == (py.level_a, py.level_b)

    @pytest.mark.parametrize("engine", ["python", "numpy"])
    def test_panel(self, h: dr.History, engine: str) -> None:
        """Both panel engines leave Brazil's level and missions empty."""
        if engine == "numpy":
            pytest.importorskip("numpy")
        rows = h.panel(years=[1830], states=["USA", "BRA"], directed=True, engine=engine).rows()
        by_sender = {r["state_a"]: r for r in rows}
        assert by_sender["USA"]["level_a"] == 1
        assert by_sender["BRA"]["level_a"] is None
        assert by_sender["BRA"]["missions_a"] is None


class TestCowExport:
    def test_rows_with_an_unrecorded_side_are_left_out(self, h: dr.History) -> None:
        """By default no row is written where a side is unrecorded."""
        rows = list(cow.diplomatic_exchange_rows(h, years=[1832], states=["USA", "BRA"]))
        assert rows == []

    def test_partial_rows_leave_the_unrecorded_level_empty(
        self, h: dr.History, tmp_path: Path
    ) -> None:
        """partial=True writes the US level and an empty cell for Brazil's."""
        rows = list(
            cow.diplomatic_exchange_rows(h, years=[1832], states=["USA", "BRA"], partial=True)
        )
        us_first = next(r for r in rows if r.ccode1 == 2)  # the US
        assert (us_first.dr_at_1, us_first.dr_at_2, us_first.de) == (None, 1, 1)
        path = tmp_path / "de.csv"
        cow.write_diplomatic_exchange(h, path, years=[1832], states=["USA", "BRA"], partial=True)
        with path.open(newline="") as f:
            written = list(csv.DictReader(f))
        assert written[0]["DR_at_1"] == "" or written[0]["DR_at_2"] == ""
