"""Dyad-year panels: rows, columns, CSV and pandas."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import diplorel as dr
from diplorel.io import write_csv


@pytest.fixture(scope="module")
def h() -> dr.History:
    return dr.default_history()


class TestPanel:
    def test_one_row_per_dyad_year(self, h: dr.History) -> None:
        """Three states over two years give three dyads per year."""
        p = h.panel(years=[1980, 2010], states=["CUB", "KOR", "PRK"])
        assert len(p) == 6
        assert [(r["year"], r["state_a"], r["state_b"]) for r in p.rows()][:3] == [
            (1980, "CUB", "KOR"),
            (1980, "CUB", "PRK"),
            (1980, "KOR", "PRK"),
        ]

    def test_values(self, h: dr.History) -> None:
        """A row carries codes, COW numbers, statuses, levels, missions, ties and certainty."""
        p = h.panel(years=[2010], states=["Cuba", "South Korea"])
        (row,) = p.rows()
        assert row == {
            "year": 2010,
            "state_a": "CUB",
            "state_b": "KOR",
            "ccode_a": 40,
            "ccode_b": 732,
            "diplomatic": "severed",
            "consular": "severed",
            "level_a": 0,
            "level_b": 0,
            "missions_a": "",
            "missions_b": "trade_office",
            "economic_ties": True,
            "certain": True,
        }

    def test_directed(self, h: dr.History) -> None:
        """directed=True gives both (a, b) and (b, a), levels swapped."""
        p = h.panel(years=[2024], states=["CUB", "KOR"], directed=True)
        rows = list(p.rows())
        assert [(r["state_a"], r["state_b"]) for r in rows] == [("CUB", "KOR"), ("KOR", "CUB")]
        # Relations agreed at ambassador level in 2024; nobody at post until 2025.
        assert rows[0]["level_a"] == rows[1]["level_b"] == 0
        p = h.panel(years=[2025], states=["CUB", "KOR"], directed=True)
        rows = list(p.rows())
        assert rows[0]["level_a"] == rows[1]["level_b"] == 3  # Cuba's ambassador in Seoul

    def test_only_existing_pairs(self, h: dr.History) -> None:
        """A pair appears only in years when both states exist (no DDR after 1990)."""
        p = h.panel(years=[1989, 1991], states=["DDR", "USA", "FRA"])
        pairs = {(r["year"], r["state_a"], r["state_b"]) for r in p.rows()}
        assert (1989, "DDR", "USA") in pairs
        assert not any(y == 1991 and "DDR" in (a, b) for y, a, b in pairs)

    def test_uncertain_rows(self, h: dr.History) -> None:
        """A year inside an imprecise span gives certain=False."""
        p = h.panel(years=[1959], on="06-01", states=["CUB", "KOR"])
        assert [r["certain"] for r in p.rows()] == [False]

    def test_continuing_state_name(self, h: dr.History) -> None:
        """The USSR row in 1980 is named SUN, the Russian row in 2000 RUS."""
        p = h.panel(years=[1980, 2000], states=["RUS", "SUN", "USA"])
        names = {(r["year"], r["state_a"]) for r in p.rows() if r["state_b"] == "USA"}
        assert (1980, "SUN") in names
        assert (2000, "RUS") in names

    def test_bad_day(self, h: dr.History) -> None:
        """on= must be MM-DD."""
        with pytest.raises(dr.InvalidDateError):
            h.panel(years=[2000], on="31-12", states=["CUB", "KOR"])


class TestOutput:
    def test_csv(self, h: dr.History, tmp_path: Path) -> None:
        """write_csv writes a header and one line per row, booleans as true/false."""
        p = h.panel(years=[2010], states=["CUB", "KOR"])
        out = tmp_path / "panel.csv"
        assert write_csv(p, out) == 1
        with out.open() as f:
            rows = list(csv.DictReader(f))
        assert rows[0]["economic_ties"] == "true"
        assert rows[0]["ccode_b"] == "732"

    def test_csv_of_dicts(self, tmp_path: Path) -> None:
        """write_csv also takes plain rows of dicts; None becomes an empty cell."""
        out = tmp_path / "rows.csv"
        assert write_csv([{"a": 1, "b": None}], out) == 1
        assert out.read_text() == "a,b\n1,\n"

    def test_pandas(self, h: dr.History) -> None:
        """to_pandas gives categoricals for statuses and nullable integers for codes."""
        pytest.importorskip("pandas")
        df = h.panel(years=[1950, 2010], states=["CUB", "KOR", "VAT"]).to_pandas()
        assert str(df["diplomatic"].dtype) == "category"
        assert list(df["diplomatic"].cat.categories) == [d.value for d in dr.Diplomatic]
        assert str(df["ccode_a"].dtype) == "Int16"
        assert df["ccode_b"].isna().any()  # the Holy See has no COW number
        assert str(df["certain"].dtype) == "boolean"


class TestNumpyEngine:
    @pytest.mark.parametrize("directed", [False, True])
    def test_identical_to_python(self, h: dr.History, directed: bool) -> None:
        """The numpy panel has exactly the Python panel's rows, in the same order."""
        pytest.importorskip("numpy")
        states = ["CUB", "KOR", "PRK", "USA", "SUN", "RUS", "DDR", "DEU", "CSK", "CHN", "TWN"]
        years = [1950, 1959, 1960, 1980, 1990, 1992, 2010, 2024]
        python = h.panel(years=years, states=states, directed=directed)
        fast = h.panel(years=years, states=states, directed=directed, engine="numpy")
        assert fast.data == python.data

    def test_unknown_engine(self, h: dr.History) -> None:
        """An unknown engine is refused."""
        with pytest.raises(ValueError, match="engine"):
            h.panel(years=[2000], states=["CUB", "KOR"], engine="gpu")


class TestWholeSystem:
    @pytest.mark.slow
    def test_all_cow_members_1946_2024(self, h: dr.History, tmp_path: Path) -> None:
        """A panel of every COW member, 1946-2024, from the default history: CSV and pandas."""
        pytest.importorskip("numpy")
        pd = pytest.importorskip("pandas")
        members = [s.code for s in h.registry if s.cow]
        p = h.panel(years=range(1946, 2025), states=members, engine="numpy")
        assert len(p) > 500_000
        out = tmp_path / "panel.csv"
        assert p.to_csv(out) == len(p)
        df = p.to_pandas()
        assert len(df) == len(p)
        cuba_korea = df[(df.state_a == "CUB") & (df.state_b == "KOR") & (df.year == 2010)]
        assert cuba_korea.iloc[0]["diplomatic"] == "severed"
        assert bool(cuba_korea.iloc[0]["economic_ties"])
        assert pd.api.types.is_integer_dtype(df["ccode_a"])


class TestInvolving:
    """A focal-state panel: only the dyads of the given states, built without the others."""

    def test_equals_the_filtered_panel(self) -> None:
        """The rows are those of the whole panel that have CUB on either side, in order."""
        h = dr.default_history()
        states = ["CUB", "KOR", "USA", "MEX", "CAN"]
        whole = h.panel(years=[1960, 2024], states=states, engine="python")
        focal = h.panel(years=[1960, 2024], states=states, involving=["Cuba"])
        keep = [
            i
            for i, (a, b) in enumerate(
                zip(whole.data["state_a"], whole.data["state_b"], strict=True)
            )
            if "CUB" in (a, b)
        ]
        assert focal.data == {c: [v[i] for i in keep] for c, v in whole.data.items()}
        numpy_focal = h.panel(years=[1960, 2024], states=states, involving=["CUB"], engine="numpy")
        assert numpy_focal.data == focal.data

    def test_a_lineage_counts(self) -> None:
        """RUS includes the Soviet Union's rows (its lineage), as COW's 365 does."""
        p = dr.default_history().panel(
            years=[1980], states=["SUN", "RUS", "USA"], involving=["RUS"]
        )
        assert p.data["state_a"] == ["SUN"]
        assert p.data["state_b"] == ["USA"]


class TestProvenance:
    """Every panel says what it was built from, and its CSV carries it beside."""

    def test_default_history_panel(self, tmp_path: Path) -> None:
        """The shipped data's version, the rules, the conventions and the query."""
        p = dr.default_history().panel(years=[2000], states=["CUB", "USA"], known_on="same")
        prov = p.provenance
        assert prov["created_by"].startswith("diplorel ")
        assert prov["history"]["default"] is True
        assert prov["history"]["data"].startswith("sha256:")
        assert prov["rules"] == "default"
        assert prov["query"]["states"] == ["CUB", "USA"]
        assert prov["query"]["known_on"] == "same"
        assert "observation" in prov["cow_conventions"]
        path = tmp_path / "panel.csv"
        p.to_csv(path)
        sidecar = json.loads((tmp_path / "panel.csv.provenance.json").read_text())
        assert sidecar == prov

    def test_a_changed_history_is_not_the_shipped_data(self) -> None:
        """A history made by adding to the default one no longer claims its data version."""
        h = dr.default_history().add(dr.RelationsEstablished(between=("CUB", "NRU"), on="2002"))
        prov = h.panel(years=[2000], states=["CUB", "USA"]).provenance
        assert prov["history"] == {**prov["history"], "default": False, "data": None}
