from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import diplorel as dr
from diplorel.cli import main

TODAY = dt.date(2024, 6, 1)


@pytest.fixture(scope="module")
def history_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small history file: the founding example's diplomatic acts."""
    path = tmp_path_factory.mktemp("cli") / "h.json"
    h = dr.History(
        [
            dr.RelationsEstablished(between=("CUB", "KOR"), on="1949"),
            dr.RelationsSevered(between=("CUB", "KOR"), on="1959/1960", by="CUB", consular=True),
            dr.ExchangeOfNotes(
                id="x", between=("CUB", "KOR"), on="2024-02-14", tz="America/New_York"
            ),
        ]
    )
    dr.dump(h, path)
    return path


def run(*argv: str) -> tuple[int, str, str]:
    """Run main() in process; return exit status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, today=TODAY)
    return code, out.getvalue(), err.getvalue()


class TestStatus:
    """diplorel status."""

    def test_text(self, history_file: Path) -> None:
        """The status and why, in text."""
        code, out, err = run(
            "status", "CUB", "KOR", "--on", "1980-06-01", "--history", str(history_file)
        )
        assert (code, err) == (0, "")
        assert "diplomatic relations  severed since 1959/1960" in out
        assert "why:" in out
        assert "RelationsSevered" in out

    def test_json(self, history_file: Path) -> None:
        """--json prints parseable JSON."""
        code, out, _ = run("status", "Cuba", "South Korea", "--on", "2024-03-01", "--json",
                           "--history", str(history_file))  # fmt: skip
        assert code == 0
        data = json.loads(out)
        assert "established" in json.dumps(data)

    def test_today_default(self, history_file: Path) -> None:
        """Without --on the command uses today, passed in at the edge."""
        code, out, _ = run("status", "CUB", "KOR", "--history", str(history_file))
        assert code == 0
        assert "on 2024-06-01" in out
        assert "established" in out

    def test_instant(self, history_file: Path) -> None:
        """An aware datetime works: noon in Seoul on the 14th is before the notes."""
        code, out, _ = run("status", "CUB", "KOR", "--on", "2024-02-14T12:00:00+09:00",
                           "--history", str(history_file))  # fmt: skip
        assert code == 0
        assert "diplomatic relations  severed" in out

    def test_default_history(self) -> None:
        """The README's command runs against the built-in history."""
        code, out, err = run("status", "CUB", "KOR", "--on", "2024-02-15")
        assert (code, err) == (0, "")
        assert "diplomatic relations  established" in out


class TestOtherCommands:
    """explain, timeline, states, rules."""

    def test_explain(self, history_file: Path) -> None:
        """Explain shows rules and citations."""
        code, out, _ = run(
            "explain", "CUB", "KOR", "--on", "2024-03-01", "--history", str(history_file)
        )
        assert code == 0
        assert "mutual_consent [VCDR art. 2]" in out
        assert "by instrument x" in out

    def test_explain_json(self, history_file: Path) -> None:
        """Explain --json parses."""
        code, out, _ = run("explain", "CUB", "KOR", "--on", "2024-03-01", "--json",
                           "--history", str(history_file))  # fmt: skip
        assert code == 0
        assert json.loads(out)

    def test_timeline(self, history_file: Path) -> None:
        """Timeline prints one row per period under a header."""
        code, out, _ = run("timeline", "CUB", "KOR", "--history", str(history_file))
        assert code == 0
        lines = out.splitlines()
        assert lines[0].split()[:2] == ["from", "until"]
        assert len(lines) == 4
        assert "1959/1960" in lines[2]

    def test_timeline_json(self, history_file: Path) -> None:
        """Timeline --json is a list of periods."""
        code, out, _ = run("timeline", "CUB", "KOR", "--json", "--history", str(history_file))
        assert code == 0
        assert len(json.loads(out)) == 3

    def test_states(self) -> None:
        """States finds codes by name."""
        code, out, _ = run("states", "korea")
        assert code == 0
        assert "KOR" in out
        assert "PRK" in out

    def test_states_json(self) -> None:
        """States --json lists codes, names and existence."""
        code, out, _ = run("states", "DDR", "--json")
        assert code == 0
        ddr = json.loads(out)[0]
        assert (ddr["code"], ddr["ends_on"]) == ("DDR", "1990-10-03")

    def test_rules(self) -> None:
        """Rules prints the rule table."""
        code, out, _ = run("rules")
        assert code == 0
        assert "mutual_consent" in out
        assert "VCCR art. 2(3)" in out

    def test_rules_json(self) -> None:
        """Rules --json lists every rule with its citation."""
        code, out, _ = run("rules", "--json")
        assert code == 0
        names = [r["name"] for r in json.loads(out)]
        assert "unilateral_break" in names


class TestErrors:
    """Errors are one line on stderr; usage errors exit 2."""

    def test_unknown_state(self, history_file: Path) -> None:
        """An unknown state exits 1 with one line and a suggestion, no traceback."""
        code, out, err = run(
            "status", "CUB", "Koreaa", "--on", "2000-01-01", "--history", str(history_file)
        )
        assert code == 1
        assert out == ""
        assert err.count("\n") == 1
        assert err.startswith("diplorel: error: unknown state 'Koreaa'")
        assert "KOR" in err
        assert "Traceback" not in err

    def test_bad_date(self, history_file: Path) -> None:
        """A bad date exits 1."""
        code, _, err = run("status", "CUB", "KOR", "--on", "1949", "--history", str(history_file))
        assert code == 1
        assert "invalid date '1949'" in err

    def test_missing_history_file(self, tmp_path: Path) -> None:
        """A missing history file exits 1 with a message."""
        code, _, err = run("status", "CUB", "KOR", "--history", str(tmp_path / "nope.json"))
        assert code == 1
        assert err.startswith("diplorel: error:")

    @pytest.mark.parametrize(
        "argv",
        [["status"], ["status", "CUB"], ["frobnicate"], ["status", "CUB", "KOR", "--bogus"]],
    )
    def test_usage(self, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        """Bad usage exits 2."""
        code, _, _ = run(*argv)
        assert code == 2
        assert "usage" in capsys.readouterr().err

    def test_no_command(self) -> None:
        """No command prints help and exits 2."""
        code, out, _ = run()
        assert code == 2
        assert "usage" in out


class TestSubprocess:
    """python -m diplorel as a real process."""

    def cli(self, *argv: str) -> subprocess.CompletedProcess[str]:
        """Run ``python -m diplorel`` with ``argv``."""
        return subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "diplorel", *argv],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )

    def test_status(self, history_file: Path) -> None:
        """Status exits 0 and prints the status."""
        p = self.cli("status", "CUB", "KOR", "--on", "1980-06-01", "--history", str(history_file))
        assert p.returncode == 0
        assert "severed" in p.stdout

    def test_json(self, history_file: Path) -> None:
        """--json output parses."""
        p = self.cli("timeline", "CUB", "KOR", "--json", "--history", str(history_file))
        assert p.returncode == 0
        assert isinstance(json.loads(p.stdout), list)

    def test_unknown_state(self) -> None:
        """Exit 1, one line on stderr, no traceback."""
        p = self.cli("status", "CUB", "Koreaa", "--on", "2000-01-01")
        assert p.returncode == 1
        assert p.stderr.count("\n") == 1
        assert "Traceback" not in p.stderr

    def test_usage(self) -> None:
        """Bad usage exits 2."""
        p = self.cli("status")
        assert p.returncode == 2
        assert "usage" in p.stderr

    def test_help(self) -> None:
        """--help exits 0 and lists the commands."""
        p = self.cli("--help")
        assert p.returncode == 0
        for command in ("status", "explain", "timeline", "states", "rules"):
            assert command in p.stdout
