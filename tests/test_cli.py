from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import diplorel as dr
from diplorel.cli import _parser as cli_parser
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


class TestNoRecord:
    """A pair the history holds no act of is said to have no record, in every output."""

    def test_status_text_and_json(self) -> None:
        """Not a certain none: no class, presence, mission or ties are claimed."""
        code, out, _ = run("status", "FRA", "DEU", "--on", "1983-01-01")
        assert code == 0
        assert "diplomatic relations  no record" in out
        assert "COW 0" not in out
        assert "economic ties" not in out
        code, out, _ = run("status", "FRA", "DEU", "--on", "1983-01-01", "--json")
        data = json.loads(out)
        assert data["diplomatic"] == "no_record"
        assert data["representation"] is data["exchange"] is data["economic_ties"] is None
        assert data["agreed"] is None

    def test_not_existing(self) -> None:
        """Before either state existed, the answer says so."""
        code, out, _ = run("status", "CUB", "KOR", "--on", "1800-01-01")
        assert code == 0
        assert "not existing" in out

    def test_timeline(self) -> None:
        """An empty timeline says there is no record; a period before the first act has none."""
        code, out, _ = run("timeline", "FRA", "DEU")
        assert (code, out) == (0, "DEU-FRA: no record (the history holds no act of these states)\n")
        code, out, _ = run("timeline", "USA", "VNM")
        first = out.splitlines()[1].split()
        assert first[:4] == ["1976-07-02", "1995-01-28", "no_record", "no_record"]


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
    """A wrong command line exits 2 with its usage line; wrong data exits 1; no traceback."""

    def test_unknown_state(self, history_file: Path) -> None:
        """An unknown state is a usage error: the usage, then one line with suggestions."""
        code, out, err = run(
            "status", "CUB", "Koreaa", "--on", "2000-01-01", "--history", str(history_file)
        )
        assert code == 2
        assert out == ""
        assert err.startswith("usage: diplorel status")
        last = err.splitlines()[-1]
        assert last.startswith("diplorel status: error: argument b: unknown state 'Koreaa'")
        assert "KOR" in last
        assert "Traceback" not in err

    def test_same_state_twice(self) -> None:
        """Two names of one state are a usage error that says so."""
        code, _, err = run("status", "CUB", "Cuba")
        assert code == 2
        assert "both name CUB" in err

    def test_bad_date(self, history_file: Path) -> None:
        """A bad --on date is a usage error that says what a date looks like."""
        code, _, err = run("status", "CUB", "KOR", "--on", "1949", "--history", str(history_file))
        assert code == 2
        assert "argument --on: invalid date '1949'" in err
        assert "1949-06-01" in err

    def test_missing_history_file(self, tmp_path: Path) -> None:
        """A missing history file is a usage error naming the file."""
        code, _, err = run("status", "CUB", "KOR", "--history", str(tmp_path / "nope.json"))
        assert code == 2
        assert "no such file" in err
        assert "nope.json" in err

    def test_bad_history_file(self, tmp_path: Path) -> None:
        """A history file with problems exits 1: a summary line, then one line per problem."""
        path = tmp_path / "bad.json"
        path.write_text('{"format": "diplorel-history", "version": 2, "items": [{"type": 1}]}')
        code, out, err = run("status", "CUB", "KOR", "--history", str(path))
        assert (code, out) == (1, "")
        lines = err.splitlines()
        assert lines[0] == f"diplorel: error: cannot load {path}: 1 problem"
        assert lines[1].startswith("  - ")
        assert "$.items[0]" in lines[1]

    @pytest.mark.parametrize(
        "argv",
        [["status"], ["status", "CUB"], ["frobnicate"], ["status", "CUB", "KOR", "--bogus"]],
    )
    def test_usage(self, argv: list[str]) -> None:
        """Bad usage exits 2, with the usage on the stderr stream given to main()."""
        code, out, err = run(*argv)
        assert code == 2
        assert out == ""
        assert "usage" in err

    def test_no_command(self) -> None:
        """No command is a usage error: the usage, and what to do, on stderr."""
        code, out, err = run()
        assert (code, out) == (2, "")
        assert err.startswith("usage: diplorel")
        assert err.endswith("diplorel: error: give a command; diplorel --help lists them\n")


class TestUnexpected:
    """Errors nobody foresaw: one line asking for a report; the traceback only on request."""

    @pytest.fixture
    def broken(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Make `rules` fail the way a bug would."""
        monkeypatch.delenv("DIPLOREL_DEBUG", raising=False)

        def fail(*_: object) -> int:
            msg = "a bug"
            raise RuntimeError(msg)

        monkeypatch.setitem(cli_parser.COMMANDS, "rules", fail)

    @pytest.mark.usefixtures("broken")
    def test_one_line(self) -> None:
        """A bug is one line: what it was, and to report it; exit 1."""
        code, out, err = run("rules")
        assert (code, out) == (1, "")
        assert err.count("\n") == 1
        assert err.startswith("diplorel: internal error: RuntimeError: a bug; ")
        assert "please report it" in err
        assert "--debug" in err

    @pytest.mark.usefixtures("broken")
    @pytest.mark.parametrize("argv", [["--debug", "rules"], ["rules", "--debug"]])
    def test_debug_option(self, argv: list[str]) -> None:
        """--debug, before or after the command, adds the traceback."""
        code, _, err = run(*argv)
        assert code == 1
        assert err.startswith("Traceback (most recent call last):")
        assert err.splitlines()[-1].startswith("diplorel: internal error:")

    @pytest.mark.usefixtures("broken")
    def test_debug_variable(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """DIPLOREL_DEBUG=1 adds the traceback; 0 does not."""
        monkeypatch.setenv("DIPLOREL_DEBUG", "1")
        assert "Traceback" in run("rules")[2]
        monkeypatch.setenv("DIPLOREL_DEBUG", "0")
        assert "Traceback" not in run("rules")[2]

    @pytest.mark.parametrize(
        ("error", "code", "words"),
        [
            (KeyboardInterrupt(), 130, "diplorel: interrupted"),
            (OSError(5, "Input/output error", "x.json"), 1, "diplorel: error: 'x.json': Input"),
            (RecursionError(), 1, "nested too deeply"),
            (MemoryError(), 1, "out of memory"),
            (BrokenPipeError(), 1, ""),
        ],
    )
    def test_error_kinds(
        self, error: BaseException, code: int, words: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Interrupts, I/O errors, deep recursion and memory each get their own line."""

        def fail(*_: object) -> int:
            raise error

        monkeypatch.setitem(cli_parser.COMMANDS, "rules", fail)
        got, _, err = run("rules")
        assert got == code
        assert words in err
        assert "Traceback" not in err


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
        """Exit 2, the usage and one error line, no traceback."""
        p = self.cli("status", "CUB", "Koreaa", "--on", "2000-01-01")
        assert p.returncode == 2
        assert p.stderr.splitlines()[-1].startswith("diplorel status: error:")
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

    def test_broken_pipe(self) -> None:
        """A reader that goes away (| head) ends the command quietly, exit 1."""
        p = subprocess.Popen(
            [sys.executable, "-m", "diplorel", "rules"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert p.stdout is not None
        assert p.stderr is not None
        p.stdout.close()
        assert p.wait(timeout=60) == 1
        assert p.stderr.read() == b""
        p.stderr.close()

    def test_history_from_a_pipe(self, history_file: Path) -> None:
        """`--history -` reads the history piped into standard input."""
        p = subprocess.run(
            [sys.executable, "-m", "diplorel", "timeline", "CUB", "KOR", "--history", "-"],
            input=history_file.read_bytes(),
            capture_output=True,
            check=False,
            timeout=60,
        )
        assert p.returncode == 0
        assert b"1959/1960" in p.stdout


class TestValidateSummary:
    """validate counts the flagged acts by kind; --all lists each one."""

    def _file(self, tmp_path: Path) -> str:
        h = dr.History(
            [
                dr.RelationsEstablished(between=("CHN", "LCA"), on="1997-09-01"),
                dr.RelationsEstablished(between=("LCA", "TWN"), on="2007-04-30"),
            ]
        )
        path = tmp_path / "h.json"
        dr.dump(h, path)
        return str(path)

    def test_summary_by_kind(self, tmp_path: Path) -> None:
        """One line per kind with its count, and how to see them all."""
        code, out, _ = run("validate", self._file(tmp_path))
        assert code == 0
        assert "  flagged (not an error): 2 exclusivity_overlap\n" in out  # one per dyad
        assert "(--all lists each one)" in out

    def test_all(self, tmp_path: Path) -> None:
        """--all lists each flagged act; --json has both."""
        code, out, _ = run("validate", "--all", self._file(tmp_path))
        assert code == 0
        assert "LCA had relations with both CHN and TWN" in out
        code, out, _ = run("validate", "--json", self._file(tmp_path))
        assert json.loads(out)["flagged_by_kind"] == {"exclusivity_overlap": 2}
