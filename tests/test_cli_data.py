"""The data commands of the CLI: credit, validate, export, import; --help everywhere."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

import diplorel as dr
from diplorel.cli import main

DATA = Path(__file__).parent / "data"
TODAY = dt.date(2026, 1, 1)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, today=TODAY)
    return code, out.getvalue(), err.getvalue()


class TestCredit:
    def test_table(self) -> None:
        """`credit` lists the founding example's lines with balances."""
        code, out, _ = run("credit", "CUB", "KOR", "--on", "2016-01-01")
        assert code == 0
        assert "kor-cub-2005" in out
        assert "USD 70,000,000.00" in out

    def test_json(self) -> None:
        """`credit --json` gives amounts as decimal strings."""
        code, out, _ = run("credit", "KOR", "CUB", "--on", "2016-01-01", "--json")
        lines = json.loads(out)
        assert code == 0
        assert lines[0]["limit"] == {"amount": "70000000.00", "currency": "USD"}

    def test_status_shows_economic_ties(self) -> None:
        """`status` on 2010-06-01 shows the economic ties of the founding example."""
        code, out, _ = run("status", "CUB", "KOR", "--on", "2010-06-01")
        assert code == 0
        assert "economic ties" in out
        assert "trade office" in out


class TestValidate:
    def test_valid(self, tmp_path: Path) -> None:
        """A valid file: exit 0."""
        path = tmp_path / "h.json"
        dr.dump(dr.History([dr.RelationsEstablished(between=("CUB", "KOR"), on="1949")]), path)
        code, out, _ = run("validate", str(path))
        assert code == 0
        assert "valid" in out

    def test_every_problem(self, tmp_path: Path) -> None:
        """An invalid file: every problem listed, exit 1."""
        path = tmp_path / "bad.json"
        item = {"type": "relations_established", "between": ["CUB", "KOR"], "on": "19x9"}
        doc = {"format": "diplorel-history", "version": 1, "items": [item, {"type": "x"}]}
        path.write_text(json.dumps(doc))
        code, out, _ = run("validate", str(path), "--json")
        assert code == 1
        assert len(json.loads(out)["problems"]) == 2


class TestExportImport:
    def test_export_panel(self, tmp_path: Path) -> None:
        """`export panel` writes a CSV panel."""
        out = tmp_path / "p.csv"
        code, _, err = run(
            "export", "panel", "--out", str(out), "--from", "2000", "--to", "2001",
            "--states", "CUB", "KOR",
        )  # fmt: skip
        assert code == 0
        assert "2 rows" in err
        assert out.read_text().startswith("year,state_a,state_b")

    def test_export_cow(self, tmp_path: Path) -> None:
        """`export cow` writes COW rows for the chosen states and years."""
        out = tmp_path / "de.csv"
        code, _, _ = run(
            "export", "cow", "--out", str(out), "--states", "USA", "CUB",
            "--from", "1980", "--to", "1980",
        )  # fmt: skip
        assert code == 0
        assert "2,40,1980,9,9,0" in out.read_text()

    def test_import_cow_then_query(self, tmp_path: Path) -> None:
        """`import cow` writes observed presence that loads with the default rules."""
        out = tmp_path / "cow.json"
        code, _, _ = run(
            "import", "cow", str(DATA / "Diplomatic_Exchange_2006v1_US_rows.csv"), "--out", str(out)
        )
        assert code == 0
        document = json.loads(out.read_text())
        assert "rules" not in document
        assert {i["type"] for i in document["items"]} >= {"presence_observed"}
        assert "representation_changed" not in {i["type"] for i in document["items"]}
        code, text, _ = run("status", "USA", "CUB", "--on", "1955-12-31", "--history", str(out))
        assert code == 0
        assert "headed by other (COW 9)" in text


@pytest.mark.parametrize(
    "command",
    ["status", "explain", "timeline", "credit", "states", "rules", "validate", "export", "import"],
)
def test_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Every command has --help (exit 0)."""
    assert main([command, "--help"]) == 0
    assert "usage: diplorel" in capsys.readouterr().out
