"""`diplorel export panel`: the options that shape a panel (codes, unit, format)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest

from diplorel._panel_columns import CODES
from diplorel.cli import main
from diplorel.cli._args import PANEL_CODES

TODAY = dt.date(2026, 1, 1)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, today=TODAY)
    return code, out.getvalue(), err.getvalue()


def panel(*options: str) -> tuple[int, list[dict[str, str]], str]:
    """Export a small panel (Germany and Yemen, 1990-1991) to standard output."""
    code, out, err = run(
        "export", "panel", "--out", "-", "--from", "1990", "--to", "1991",
        "--states", "DEU", "YEM", *options,
    )  # fmt: skip
    return code, list(csv.DictReader(io.StringIO(out))), err


class TestCodes:
    def test_comma_separated(self) -> None:
        """`--codes gwcode,iso3c wb_name` adds both sides' columns after the COW codes."""
        code, rows, _ = panel("--codes", "gwcode,iso3c", "wb_name")
        assert code == 0
        assert list(rows[0])[3:11] == [
            "ccode_a", "ccode_b", "gwcode_a", "gwcode_b", "iso3c_a", "iso3c_b",
            "wb_name_a", "wb_name_b",
        ]  # fmt: skip
        # unified Yemen: COW 679, G-W 678; Germany: COW 255, G-W 260
        assert [(r["ccode_a"], r["gwcode_a"], r["ccode_b"], r["gwcode_b"]) for r in rows] == [
            ("255", "260", "679", "678")
        ] * 2
        assert rows[0]["wb_name_b"] == "Yemen, Rep."

    def test_unknown_code(self) -> None:
        """A code the panel cannot add is a usage error naming the choices."""
        code, _, err = panel("--codes", "gw")
        assert code == 2
        assert "'gw' is not a code a panel adds; choose from gwcode" in err

    def test_panel_only(self) -> None:
        """`export cow` has no code columns: --codes is a usage error there."""
        code, _, err = run("export", "cow", "--out", "-", "--codes", "gwcode")
        assert code == 2
        assert "--codes applies to export panel only" in err

    def test_the_parser_knows_every_code(self) -> None:
        """The parser's list (kept apart for start-up time) is the panel's."""
        assert tuple(CODES) == PANEL_CODES

    def test_provenance(self, tmp_path: Path) -> None:
        """The sidecar's query names the codes."""
        out = tmp_path / "p.csv"
        code, _, _ = run(
            "export", "panel", "--out", str(out), "--from", "2000", "--to", "2000",
            "--states", "CUB", "KOR", "--codes", "iso2c",
        )  # fmt: skip
        assert code == 0
        assert (
            '"codes": [\n      "iso2c"\n    ]' in (tmp_path / "p.csv.provenance.json").read_text()
        )


class TestUnit:
    def test_months(self) -> None:
        """`--unit month` writes a month column, `--on 15` observes each month's 15th."""
        code, rows, _ = panel("--unit", "month", "--on", "15")
        assert code == 0
        assert list(rows[0])[:2] == ["year", "month"]
        assert [r["month"] for r in rows] == [str(m) for m in range(1, 13)] * 2

    def test_days(self) -> None:
        """`--unit day` writes a row per day."""
        code, rows, _ = panel("--unit", "day")
        assert code == 0
        assert list(rows[0])[:3] == ["year", "month", "day"]
        assert len(rows) == 365 * 2

    def test_on_must_fit_the_unit(self) -> None:
        """MM-DD for years, DD for months, nothing for days: else a usage error."""
        for options, message in (
            (("--unit", "month", "--on", "06-30"), "with --unit month give the day of the month"),
            (("--on", "15"), "give the day of the year as MM-DD"),
            (("--unit", "day", "--on", "15"), "--unit day observes every day"),
            (("--on", "32"), "expected a day of the year as MM-DD"),
        ):
            code, _, err = panel(*options)
            assert code == 2, options
            assert message in err, options

    def test_panel_only(self) -> None:
        """`export cow` has its own observation years: --unit is a usage error there."""
        code, _, err = run("export", "cow", "--out", "-", "--unit", "month")
        assert code == 2
        assert "--unit applies to export panel only" in err


class TestParquet:
    def test_format_parquet(self, tmp_path: Path) -> None:
        """`--format parquet` writes Parquet with its provenance inside, no sidecar."""
        pq = pytest.importorskip("pyarrow.parquet")
        out = tmp_path / "panel.pq"
        code, _, err = run(
            "export", "panel", "--out", str(out), "--format", "parquet",
            "--from", "2000", "--to", "2001", "--states", "CUB", "KOR", "--codes", "iso3c",
        )  # fmt: skip
        assert code == 0
        table = pq.read_table(out)
        assert table.num_rows == 2
        assert table.column("iso3c_b").to_pylist() == ["KOR", "KOR"]
        provenance = json.loads(table.schema.metadata[b"diplorel.provenance"])
        assert provenance["query"]["codes"] == ["iso3c"]
        assert "in the file's schema metadata, under diplorel.provenance" in err
        assert [f.name for f in tmp_path.iterdir()] == ["panel.pq"]

    def test_by_the_file_name(self, tmp_path: Path) -> None:
        """A file ending in .parquet is Parquet, unless --format csv says otherwise."""
        pytest.importorskip("pyarrow")
        out = tmp_path / "panel.parquet"
        assert run("export", "panel", "--out", str(out), "--from", "2000", "--to", "2000",
                   "--states", "CUB", "KOR")[0] == 0  # fmt: skip
        assert out.read_bytes().startswith(b"PAR1")
        assert run("export", "panel", "--out", str(out), "--format", "csv", "--from", "2000",
                   "--to", "2000", "--states", "CUB", "KOR")[0] == 0  # fmt: skip
        assert out.read_text().startswith("year,")

    def test_not_to_a_stream(self) -> None:
        """Parquet is written whole, to a file: standard output is a usage error."""
        code, _, err = panel("--format", "parquet")
        assert code == 2
        assert "give --out a file name, not a stream" in err

    def test_without_the_extra(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pyarrow: exit 1, the extra named, nothing written."""
        monkeypatch.setitem(sys.modules, "pyarrow", None)
        out = tmp_path / "panel.parquet"
        code, _, err = run("export", "panel", "--out", str(out), "--states", "CUB", "KOR")
        assert code == 1
        assert "pip install 'diplorel[arrow]'" in err
        assert not out.exists()

    def test_panel_only(self) -> None:
        """COW rows are CSV only: --format is a usage error there."""
        code, _, err = run("export", "cow", "--out", "-", "--format", "parquet")
        assert code == 2
        assert "--format applies to export panel only" in err


class TestIntervals:
    """`diplorel export intervals`: the interval table, as CSV or Parquet."""

    def test_csv(self, tmp_path: Path) -> None:
        """Every span of the dyad, the first from the earliest day, with its provenance."""
        out = tmp_path / "spans.csv"
        code, _, err = run("export", "intervals", "--states", "CUB", "KOR", "--out", str(out))
        assert code == 0, err
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
        assert rows[0]["valid_from"] == "0001-01-01"
        assert rows[-1]["valid_to"] == ""  # the last span is open
        assert all(r["dyad"] == "CUB-KOR" for r in rows)
        assert (tmp_path / "spans.csv.provenance.json").exists()

    def test_parquet(self, tmp_path: Path) -> None:
        """A .parquet target writes Parquet (the arrow extra)."""
        pytest.importorskip("pyarrow")
        out = tmp_path / "spans.parquet"
        code, _, err = run("export", "intervals", "--states", "CUB", "KOR", "--out", str(out))
        assert code == 0, err
        assert out.read_bytes()[:4] == b"PAR1"

    @pytest.mark.parametrize(
        "option", [["--from", "1990"], ["--unit", "month"], ["--directed"], ["--partial"]]
    )
    def test_panel_options_are_refused(self, option: list[str], tmp_path: Path) -> None:
        """A panel's options name what does not apply, before any data is read: exit 2."""
        out = tmp_path / "spans.csv"
        code, _, err = run("export", "intervals", *option, "--out", str(out))
        assert code == 2
        assert "does not apply to export intervals" in err
        assert not out.exists()
