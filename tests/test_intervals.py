"""Interval tables: every dyad's answers as spans of days, and as-of joins against them."""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import itertools
import json
import sys
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import diplorel as dr
from diplorel._intervals import ANSWERS, FIRST_DAY, INTERVAL_COLUMNS
from diplorel._panel_periods import LABELS
from diplorel._panel_rows import COLUMNS, missions_of
from strategies import asked_states, histories

STATES = ["CUB", "KOR", "PRK", "USA", "RUS", "SUN", "DEU", "DDR", "GFR", "CHN", "TWN", "VAT"]
"""States of the default history whose dyads hold every kind of span: imprecise acts, renamed
and ended states, credit lines, coverage, long interims, the 1950-1965 coding."""
ONE_DAY = dt.timedelta(days=1)


@pytest.fixture(scope="module")
def h() -> dr.History:
    return dr.default_history()


@pytest.fixture(scope="module")
def table(h: dr.History) -> dr.Intervals:
    return dr.intervals(h, states=STATES)


def _by_dyad(t: dr.Intervals) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for row in t.rows():
        found.setdefault(str(row["dyad"]), []).append(row)
    return found


def _expected(h: dr.History, a: str, b: str, day: pendulum.Date) -> dict[str, Any]:
    """What ``h.status`` and ``h.record`` say of a day, as the table's columns."""
    s = h.status(a, b, on=day)
    rep = s.representation
    return {
        "names": tuple(sorted(s.state.dyad)),
        "diplomatic": s.diplomatic.value,
        "consular": s.consular.value,
        "level_a": rep[a].cow if a in rep else None,
        "level_b": rep[b].cow if b in rep else None,
        "missions_a": missions_of(s.state, a),
        "missions_b": missions_of(s.state, b),
        "economic_ties": s.economic_ties,
        "certain": s.certain,
        "coverage": h.record(a, b, on=day).value,
        "alternatives": None
        if s.certain
        else ";".join(dict.fromkeys(x.diplomatic.value for x in s.alternatives)),
    }


def _sampled_days(
    rows: list[dict[str, Any]], extra: Iterable[pendulum.Date]
) -> list[pendulum.Date]:
    """Each span's first and last day, and ``extra`` days."""
    days = set(extra)
    for row in rows:
        days.add(row["valid_from"])
        if row["valid_to"] is not None:
            days.add(row["valid_to"] - ONE_DAY)
    return sorted(d for d in days if d > FIRST_DAY)


def _check_against_status(h: dr.History, t: dr.Intervals, extra: Iterable[pendulum.Date]) -> int:
    """Every sampled day of every dyad: the table's span says what ``h.status`` says."""
    extra = list(extra)
    checked = 0
    for dyad, rows in _by_dyad(t).items():
        starts = [r["valid_from"] for r in rows]
        for day in _sampled_days(rows, extra):
            row = rows[bisect.bisect_right(starts, day) - 1]
            assert row["valid_to"] is None or day < row["valid_to"]
            a, b = row["state_a"], row["state_b"]
            got = {k: row[k] for k in ANSWERS} | {"alternatives": row["alternatives"]}
            expected = _expected(h, a, b, day)
            assert expected.pop("names") == (a, b), (dyad, day)
            assert got == expected, (dyad, day)
            checked += 1
    return checked


class TestColumns:
    def test_a_panels_answers(self) -> None:
        """The answer columns are a panel row's, less its period, COW codes and act count."""
        per_period = {*LABELS["day"], "state_a", "state_b", "ccode_a", "ccode_b", "events"}
        assert tuple(c for c in COLUMNS if c not in per_period) == ANSWERS
        dates = ("valid_from", "valid_to")
        assert ("dyad", "state_a", "state_b", *dates, *ANSWERS, "alternatives") == INTERVAL_COLUMNS

    def test_the_table_has_them(self, table: dr.Intervals) -> None:
        """Every column, of one length."""
        assert table.columns == INTERVAL_COLUMNS
        assert {len(v) for v in table.data.values()} == {len(table)}


class TestSpans:
    def test_spans_tile_every_day(self, table: dr.Intervals) -> None:
        """Each dyad's spans start on the first day, meet end to end, end open; all differ."""
        for rows in _by_dyad(table).values():
            assert rows[0]["valid_from"] == FIRST_DAY
            assert rows[-1]["valid_to"] is None
            for before, after in itertools.pairwise(rows):
                assert before["valid_to"] == after["valid_from"] > before["valid_from"]
                keep = [c for c in INTERVAL_COLUMNS if c not in {"valid_from", "valid_to"}]
                assert [before[c] for c in keep] != [after[c] for c in keep]

    def test_imprecise_acts(self, h: dr.History) -> None:
        """Cuba broke with South Korea in 1959 or 1960: an uncertain span, its alternative."""
        t = dr.intervals(h, dyads=[("KOR", "CUB")])
        found = [
            (str(r["valid_from"]), str(r["valid_to"]), r["diplomatic"], r["alternatives"])
            for r in t.rows()
            if not r["certain"] and r["valid_from"].year >= 1959
        ]
        assert found[0] == ("1959-01-01", "1960-12-31", "established", "severed")
        assert {r["alternatives"] for r in t.rows() if r["certain"]} == {None}

    def test_renamed_states(self, table: dr.Intervals) -> None:
        """One dyad for the USSR and Russia, its spans named as on their days."""
        rows = _by_dyad(table)["RUS-USA"]
        names = {str(r["valid_from"]): (r["state_a"], r["state_b"]) for r in rows}
        assert names["1922-12-30"] == ("SUN", "USA")
        assert names["1991-12-26"] == ("RUS", "USA")
        assert not any(r["dyad"] == "SUN-USA" for r in table.rows())

    def test_levels_change_with_the_year(self, table: dr.Intervals) -> None:
        """A level coded 9 in 1950-1965 starts and stops on 1 January, without an act."""
        rows = _by_dyad(table)["CHN-USA"] + _by_dyad(table)["RUS-USA"]
        starts = {str(r["valid_from"]) for r in rows}
        assert {"1950-01-01", "1966-01-01"} <= starts

    def test_states_or_dyads(self, h: dr.History) -> None:
        """Pairs of states, or given pairs; not both, and no state with its continuation."""
        assert set(dr.intervals(h, dyads=[("SUN", "USA")]).data["dyad"]) == {"RUS-USA"}
        with pytest.raises(dr.InvalidQueryError):
            dr.intervals(h, states=["CUB", "KOR"], dyads=[("CUB", "KOR")])
        with pytest.raises(dr.InvalidQueryError):
            dr.intervals(h, dyads=[("SUN", "RUS")])
        with pytest.raises(dr.UnknownStateError):
            dr.intervals(h, states=["CUB", "Atlantis"])
        assert len(dr.intervals(h, states=["CUB"])) == 0

    def test_every_pair_of_a_registry(self) -> None:
        """By default, every pair of the registry's states (a small custom registry here)."""
        registry = dr.default_registry()
        codes = ["CUB", "KOR", "USA"]
        small = dr.StateRegistry(tuple(registry.get(c) for c in codes))
        h = dr.History([dr.RelationsEstablished(between=("CUB", "KOR"), on="1949")], registry=small)
        assert sorted(set(dr.intervals(h).data["dyad"])) == ["CUB-KOR", "CUB-USA", "KOR-USA"]


class TestAgreement:
    """The table answers every day as the history does."""

    def test_status_on_the_default_history(self, h: dr.History, table: dr.Intervals) -> None:
        """Each span's first and last day, and days from 1800 to 2100, as h.status says."""
        days = [pendulum.Date(y, m, 15) for y in range(1800, 2101, 7) for m in (1, 7)]
        assert _check_against_status(h, table, days) > 3000

    def test_bulk_answers(self, h: dr.History, table: dr.Intervals) -> None:
        """The table's cells at each span's first day are the bulk answers."""
        rows = [r for r in table.rows() if r["valid_from"] != FIRST_DAY]
        a = [str(r["state_a"]) for r in rows]
        b = [str(r["state_b"]) for r in rows]
        days: list[Any] = [r["valid_from"] for r in rows]
        bulk = h.bulk_status(a, b, days)
        assert bulk.diplomatic == [r["diplomatic"] for r in rows]
        assert bulk.consular == [r["consular"] for r in rows]
        assert bulk.level_a == [r["level_a"] for r in rows]
        assert bulk.level_b == [r["level_b"] for r in rows]
        assert bulk.certain == [r["certain"] for r in rows]

    def test_the_panel(self, h: dr.History, table: dr.Intervals) -> None:
        """An as-of look-up of each panel row's day gives the panel's cells."""
        by_pair: dict[tuple[Any, Any], list[dict[str, Any]]] = {}
        for row in table.rows():
            by_pair.setdefault((row["state_a"], row["state_b"]), []).append(row)
        panel = h.panel(years=range(1900, 2031, 3), states=STATES, on="06-30")
        for cells in panel.rows():
            rows = by_pair[cells["state_a"], cells["state_b"]]
            day = pendulum.Date(int(cells["year"]), 6, 30)
            found = rows[bisect.bisect_right([r["valid_from"] for r in rows], day) - 1]
            assert {c: found[c] for c in ANSWERS} == {c: cells[c] for c in ANSWERS}

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        histories(),
        st.lists(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), max_size=4),
    )
    def test_drawn_histories(self, h: dr.History, days: list[dt.date]) -> None:
        """On histories holding everything, every span's bounds and drawn days agree."""
        custom = h.registry != dr.default_registry()
        t = dr.intervals(h, states=None if custom else asked_states(h))
        extra = [pendulum.Date(d.year, d.month, d.day) for d in days]
        _check_against_status(h, t, extra)


class TestOutput:
    def test_pandas(self, table: dr.Intervals) -> None:
        """Typed as a panel's columns; days as datetime64[s], which holds the first day."""
        pytest.importorskip("pandas")
        df = table.to_pandas()
        assert list(df.columns) == list(INTERVAL_COLUMNS)
        assert str(df["valid_from"].dtype) == "datetime64[s]"
        assert str(df["diplomatic"].dtype) == "category"
        assert str(df["level_a"].dtype) == "Int8"
        assert df["valid_from"].iloc[0] == dt.datetime(1, 1, 1)  # noqa: DTZ001 - naive days
        assert df["valid_to"].isna().sum() == len(set(table.data["dyad"]))

    def test_arrow(self, table: dr.Intervals) -> None:
        """Days as date32, an open end null, the provenance in the schema's metadata."""
        pa = pytest.importorskip("pyarrow")
        t = table.to_arrow()
        assert t.column_names == list(INTERVAL_COLUMNS)
        assert t.schema.field("valid_from").type == pa.date32()
        assert t.schema.field("level_a").type == pa.int8()
        assert pa.types.is_dictionary(t.schema.field("diplomatic").type)
        assert t.to_pydict() == {c: list(v) for c, v in table.data.items()}
        provenance = json.loads(t.schema.metadata[b"diplorel.provenance"])
        assert provenance == table.provenance
        assert provenance["query"]["valid_to"] == "exclusive"

    def test_parquet(self, table: dr.Intervals, tmp_path: Path) -> None:
        """to_parquet writes the Arrow table; a failed write is a SaveError."""
        pq = pytest.importorskip("pyarrow.parquet")
        out = tmp_path / "intervals.parquet"
        assert table.to_parquet(out) == len(table)
        assert pq.read_table(out).equals(table.to_arrow())
        with pytest.raises(dr.SaveError):
            table.to_parquet(tmp_path / "no such folder" / "t.parquet")
        assert [f.name for f in tmp_path.iterdir()] == ["intervals.parquet"]

    def test_without_the_extra(self, table: dr.Intervals, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pyarrow, a MissingExtraError names the extra and the method."""
        monkeypatch.setitem(sys.modules, "pyarrow", None)
        with pytest.raises(dr.MissingExtraError, match=r"Intervals\.to_arrow.*diplorel\[arrow\]"):
            table.to_arrow()

    def test_csv(self, h: dr.History, tmp_path: Path) -> None:
        """Days as ISO text, an open end empty, the provenance beside it."""
        t = dr.intervals(h, dyads=[("CUB", "KOR")])
        out = tmp_path / "t.csv"
        assert t.to_csv(out) == len(t)
        with out.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert rows[0]["valid_from"] == "0001-01-01"
        assert rows[-1]["valid_to"] == ""
        assert rows[-1]["certain"] == "true"
        assert (tmp_path / "t.csv.provenance.json").exists()


class TestDuckDB:
    """An as-of join in DuckDB reproduces a panel from the Parquet file alone."""

    def test_asof_join(self, h: dr.History, table: dr.Intervals, tmp_path: Path) -> None:
        """Each dyad-year of a skeleton joined to its span: the panel's cells."""
        duckdb = pytest.importorskip("duckdb")
        pytest.importorskip("pyarrow")
        table.to_parquet(tmp_path / "intervals.parquet")
        panel = h.panel(years=range(1940, 2026), states=STATES)
        panel.to_parquet(tmp_path / "panel.parquet")  # its dyad-years are the skeleton
        answers = ", ".join(f"i.{c}" for c in ANSWERS)
        query = f"""
            SELECT s.year, s.state_a, s.state_b, {answers}
            FROM (
                SELECT year, state_a, state_b, make_date(year, 12, 31) AS day
                FROM read_parquet('{tmp_path / "panel.parquet"}')
            ) s
            ASOF LEFT JOIN read_parquet('{tmp_path / "intervals.parquet"}') i
              ON s.state_a = i.state_a AND s.state_b = i.state_b AND s.day >= i.valid_from
            ORDER BY s.year, s.state_a, s.state_b
        """  # noqa: S608 - the test's own names
        rows = duckdb.connect().execute(query).fetchall()
        columns = ("year", "state_a", "state_b", *ANSWERS)
        expected = sorted(zip(*(panel.data[c] for c in columns), strict=True))
        assert len(rows) == len(panel) > 2000
        assert rows == expected


def _dyad_of(h: dr.History, item: Any, lines: dict[str, tuple[str, str]]) -> tuple[str, str]:  # noqa: ANN401 - any item
    if isinstance(item, dr.DiplomaticNote):
        return h.resolve(item.sender, item.recipient)
    parties = getattr(item, "between", None) or item.parties or lines[item.id]
    return h.resolve(*parties)


def _part(key: tuple[str, str], n: int) -> int:
    return zlib.crc32("-".join(key).encode()) % n


def panel_part(document: str, skeleton: Any) -> Any:  # noqa: ANN401 - pandas frames
    """A worker: one partition's history and dyad-years in, its panel rows out."""
    import pandas as pd  # noqa: PLC0415 - an optional extra

    part = dr.loads(document)
    pairs = sorted(set(zip(skeleton["state_a"], skeleton["state_b"], strict=True)))
    spans = dr.intervals(part, dyads=pairs).to_pandas()
    spans = spans.astype({"state_a": str, "state_b": str}).sort_values("valid_from")
    days = pd.to_datetime(skeleton["year"].astype(str) + "-12-31").astype("datetime64[s]")
    left = skeleton.assign(day=days).sort_values("day")
    return pd.merge_asof(
        left, spans, left_on="day", right_on="valid_from", by=["state_a", "state_b"]
    )


class TestDask:
    """Dask on a local cluster builds a panel from a history partitioned by dyad."""

    def test_partitioned_panel(self, h: dr.History) -> None:
        """Each partition's items and dyad-years on a worker: together, the panel."""
        pytest.importorskip("dask")
        distributed = pytest.importorskip("distributed")
        pd = pytest.importorskip("pandas")
        n = 3
        states = ["CUB", "KOR", "PRK", "USA", "RUS", "SUN", "CHN", "TWN"]
        keys = {h.resolve(a, b) for a in states for b in states if a < b}
        keys = {k for k in keys if k[0] != k[1]}
        lines = {i.id: i.parties for i in h.items if isinstance(i, dr.CreditLineOpened)}
        parts: list[list[Any]] = [[] for _ in range(n)]
        for item in h.items:
            if isinstance(item, dr.StateExtinguished | dr.StateContinued):
                for part in parts:
                    part.append(item)
            elif (key := _dyad_of(h, item, lines)) in keys:
                parts[_part(key, n)].append(item)
        documents = [dr.dumps(dr.History(p, coverage=h.coverage)) for p in parts]
        panel = h.panel(years=range(1946, 2025), states=states)
        expected = panel.to_pandas().astype({"state_a": str, "state_b": str})
        skeleton = expected[["year", "state_a", "state_b"]]
        of = [
            _part(h.resolve(a, b), n)
            for a, b in zip(skeleton.state_a, skeleton.state_b, strict=True)
        ]
        with (
            distributed.LocalCluster(
                n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            futures = [
                client.submit(panel_part, documents[i], skeleton[[p == i for p in of]])
                for i in range(n)
            ]
            built = pd.concat(client.gather(futures))
        order = ["year", "state_a", "state_b"]
        built = built.sort_values(order).reset_index(drop=True)
        expected = expected.sort_values(order).reset_index(drop=True)
        for column in ANSWERS:
            cells = [None if pd.isna(v) else v for v in built[column].astype(object)]
            wanted = [None if pd.isna(v) else v for v in expected[column].astype(object)]
            assert cells == wanted, column
