"""The data commands of the CLI: credit, validate, export (and its data credit), import; --help."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import threading
import time
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


class TestExportCredit:
    def test_us_records_credited(self) -> None:
        """Exporting the built-in history with the United States credits the State Department."""
        code, out, err = run(
            "export", "cow", "--out", "-", "--states", "United States", "BRA",
            "--from", "1920", "--to", "1920", "--partial",
        )  # fmt: skip
        assert code == 0
        assert "2,140,1920,,3,1," in out  # the US ambassador coded, Brazil's side empty
        assert err.count("\n") == 1
        assert err.startswith("diplorel: wrote ")
        assert "Office of the Historian, U.S. Department of State" in err
        assert "please cite it" in err

    def test_every_state_credited(self) -> None:
        """Without --states the export holds the United States' rows: credited."""
        code, _, err = run(
            "export", "panel", "--out", "/dev/null", "--from", "2000", "--to", "2000"
        )
        assert code == 0
        assert "Office of the Historian" in err

    def test_no_credit_without_the_united_states(self) -> None:
        """Other states only: the line says what was written, nothing more."""
        code, _, err = run(
            "export", "panel", "--out", "-", "--from", "2000", "--to", "2000",
            "--states", "CUB", "KOR",
        )  # fmt: skip
        assert code == 0
        assert err == "diplorel: wrote 1 rows to standard output\n"

    def test_no_credit_for_an_own_history(self, tmp_path: Path) -> None:
        """A history file of one's own: its sources are its own, no credit is added."""
        path = tmp_path / "h.json"
        dr.dump(dr.History([dr.RelationsEstablished(between=("USA", "CUB"), on="1902")]), path)
        code, _, err = run(
            "export", "panel", "--out", "-", "--from", "2000", "--to", "2000",
            "--states", "USA", "CUB", "--history", str(path),
        )  # fmt: skip
        assert code == 0
        assert "Office of the Historian" not in err


@pytest.mark.parametrize(
    "command",
    ["status", "explain", "timeline", "credit", "states", "rules", "validate", "export", "import"],
)
def test_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Every command has --help (exit 0)."""
    assert main([command, "--help"]) == 0
    assert "usage: diplorel" in capsys.readouterr().out


def run_with(stdin: bytes, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.BytesIO(stdin), stdout=out, stderr=err, today=TODAY)
    return code, out.getvalue(), err.getvalue()


def small_history() -> dr.History:
    return dr.History([dr.RelationsEstablished(between=("CUB", "KOR"), on="1949")])


class TestStreams:
    def test_validate_stdin_json(self) -> None:
        """`validate -` reads a JSON document from standard input."""
        code, out, _ = run_with(dr.dumps(small_history()).encode(), "validate", "-")
        assert code == 0
        assert out == "<stdin>: valid, 1 items, 1 dyads\n"

    def test_validate_stdin_jsonl(self) -> None:
        """`validate -` recognises JSON Lines by its header line."""
        code, out, _ = run_with(dr.dumps_jsonl(small_history()).encode(), "validate", "-")
        assert code == 0
        assert "valid, 1 items" in out

    def test_history_stdin(self) -> None:
        """`--history -` answers from the history on standard input."""
        code, out, _ = run_with(
            dr.dumps(small_history()).encode(),
            "status", "CUB", "KOR", "--on", "1950-01-01", "--history", "-",
        )  # fmt: skip
        assert code == 0
        assert "established" in out

    def test_export_to_stdout(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """`--out -` writes the CSV to standard output, and no file named '-'."""
        monkeypatch.chdir(tmp_path)
        code, out, err = run(
            "export", "panel", "--out", "-", "--from", "2000", "--to", "2001",
            "--states", "CUB", "KOR",
        )  # fmt: skip
        assert code == 0
        assert out.startswith("year,state_a,state_b")
        assert len(out.splitlines()) == 3
        assert err == "diplorel: wrote 2 rows to standard output\n"
        assert list(tmp_path.iterdir()) == []

    def test_export_cow_to_stdout(self) -> None:
        """`export cow --out -` writes the COW rows to standard output."""
        code, out, _ = run(
            "export", "cow", "--out", "-", "--states", "USA", "CUB",
            "--from", "1980", "--to", "1980",
        )  # fmt: skip
        assert code == 0
        assert "2,40,1980,9,9,0" in out

    def test_import_to_stdout(self) -> None:
        """`import --out -` writes the history document to standard output."""
        csv = DATA / "Diplomatic_Exchange_2006v1_US_rows.csv"
        code, out, _ = run("import", "cow", str(csv), "--out", "-")
        assert code == 0
        assert len(dr.loads(out)) > 0

    def test_import_from_stdin(self) -> None:
        """`import cow -` reads the CSV from standard input."""
        csv = (DATA / "Diplomatic_Exchange_2006v1_US_rows.csv").read_bytes()
        code, out, err = run_with(csv, "import", "cow", "-", "--out", "-")
        assert code == 0
        assert len(dr.loads(out)) > 0
        assert "items" in err

    def test_svg_to_stdout(self) -> None:
        """`timeline --svg -` writes the chart to standard output."""
        code, out, _ = run("timeline", "CUB", "KOR", "--svg", "-")
        assert code == 0
        assert out.startswith(("<svg", "<?xml"))

    def test_out_to_device(self) -> None:
        """An output that is a character device is streamed to, not replaced."""
        code, _, err = run(
            "export", "panel", "--out", "/dev/null", "--from", "2000", "--to", "2000",
            "--states", "CUB", "KOR",
        )  # fmt: skip
        assert code == 0
        assert "1 rows to /dev/null" in err
        assert Path("/dev/null").is_char_device()

    def test_out_to_fifo(self, tmp_path: Path) -> None:
        """An output that is a FIFO with a reader is streamed to."""
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        got: list[str] = []
        reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
        reader.start()
        try:
            for _ in range(200):  # the reader must have the FIFO open before the write
                code, _, err = run(
                    "export", "panel", "--out", str(fifo), "--from", "2000", "--to", "2000",
                    "--states", "CUB", "KOR",
                )  # fmt: skip
                if code == 0:
                    break
                time.sleep(0.01)
        finally:
            if reader.is_alive() and code != 0:
                fifo.open("w").close()
            reader.join(5)
        assert code == 0, err
        assert got[0].startswith("year,")

    def test_out_to_fifo_without_reader(self, tmp_path: Path) -> None:
        """Writing to a FIFO that nobody reads fails at once instead of hanging."""
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        code, _, err = run("export", "panel", "--out", str(fifo), "--states", "CUB", "KOR")
        assert code == 1
        assert "no process is reading the pipe" in err

    @pytest.mark.parametrize(
        ("size", "limit"), [("1K", 1024), ("64KiB", 65536), ("2m", 2**21), ("100", 100)]
    )
    def test_max_size_units(self, size: str, limit: int) -> None:
        """--max-size takes bytes or K, M, G units; the message names the limit."""
        code, out, _ = run_with(b" " * (limit + 1), "validate", "-", "--max-size", size)
        assert code == 1
        assert f"{limit} bytes" in out


class TestExportPartial:
    def test_without_partial_says_why_nothing_was_written(self) -> None:
        """No row for a pair with one side unrecorded, and a line saying how to get it."""
        code, out, err = run(
            "export", "cow", "--out", "-", "--states", "USA", "BRA",
            "--from", "1920", "--to", "1920",
        )  # fmt: skip
        assert code == 0
        assert out.count("\n") == 1  # the header only
        assert "--partial" in err
