"""The corpus of bad command lines and bad input files (tests/corpus/cli.json).

Each case is data: the arguments, a file to write first or bytes for standard input, the exit
status, and words its output must hold. Every case runs in-process through ``main()``; a
sample also runs as ``python -m diplorel`` and must give the same output. Whatever the case,
nothing ends in a traceback or an "internal error", a usage error (2) ends with one
``diplorel COMMAND: error:`` line, a data error (1) is a summary line and one line per
problem, and a failing command writes no file (none named ``-`` either).

``python tests/test_cli_corpus.py`` rewrites the corpus table in docs/reference/corpus.md.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from diplorel.cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPUS = json.loads((ROOT / "tests/corpus/cli.json").read_text(encoding="utf-8"))
CASES = {case["id"]: case for case in CORPUS}
TODAY = dt.date(2026, 1, 1)
PAGE = ROOT / "docs/reference/corpus.md"
TABLE = re.compile(r"(<!-- corpus-table -->\n).*?(<!-- /corpus-table -->)", re.DOTALL)

SAMPLE = [
    "status-three-states",
    "from-0",
    "step-0",
    "same-code-twice",
    "validate-dev-zero",
    "fifo-without-writer",
    "stdin-over-max-size",
    "validate-deep-100000",
    "import-cow-stdin-bad",
]
"""The cases that also run as real processes (each costs a Python start-up)."""

USAGE_END = re.compile(r"^diplorel(?: [a-z]+)?: error: \S")
OUTCOME = {
    1: "exit 1: a summary line, then one line per problem",
    2: "exit 2: the usage, then one line saying what to give",
}


def content(spec: dict[str, Any]) -> bytes:
    """The bytes a case's ``file`` or ``stdin`` describes.

    ``text`` (UTF-8), ``json`` (a value to dump), ``hex`` (raw bytes), ``nest`` (arrays nested
    that deep, at the ``@`` of an ``inside`` template if given), ``repeat`` (``text`` so many
    ``times``). A ``file`` also has a ``name``; a ``stdin`` may instead name a ``device``.
    """
    if "text" in spec:
        return str(spec["text"]).encode("utf-8")
    if "json" in spec:
        return json.dumps(spec["json"]).encode("utf-8")
    if "hex" in spec:
        return bytes.fromhex(spec["hex"])
    if "nest" in spec:  # arrays nested that deep, alone or at the @ of a template
        depth = int(spec["nest"])
        before, _, after = str(spec.get("inside", "@")).partition("@")
        return f"{before}{'[' * depth}{']' * depth}{after}".encode()
    if "repeat" in spec:
        return str(spec["repeat"]["text"]).encode("utf-8") * int(spec["repeat"]["times"])
    msg = f"unknown content {sorted(spec)}"
    raise ValueError(msg)


class Scene:
    """A case's files in a temporary folder: the arguments with their paths filled in."""

    def __init__(self, case: dict[str, Any], folder: Path) -> None:
        self.case = case
        self.folder = folder
        paths = {
            "tmp": folder,
            "out": folder / "out.csv",
            "missing": folder / "missing.json",
            "fifo": folder / "fifo",
            "file": folder / case.get("file", {}).get("name", "input"),
        }
        if "file" in case:
            paths["file"].write_bytes(content(case["file"]))
        if any("{fifo}" in a for a in case["argv"]):
            os.mkfifo(paths["fifo"])
        self.argv = [a.format(**{k: str(v) for k, v in paths.items()}) for a in case["argv"]]
        self.before = self.files()

    def files(self) -> set[str]:
        """Every name in the folder, at any depth."""
        return {str(p.relative_to(self.folder)) for p in self.folder.rglob("*")}

    def stdin(self, stack: ExitStack) -> BinaryIO | None:
        """Standard input for the case: bytes, or an open device; None when it has none."""
        spec = self.case.get("stdin")
        if spec is None:
            return None
        if "device" in spec:
            return stack.enter_context(Path(spec["device"]).open("rb"))
        return io.BytesIO(content(spec))


def run_in_process(scene: Scene) -> tuple[int, str, str]:
    """Run a case through main(); its exit status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with ExitStack() as stack:
        stdin = scene.stdin(stack) or io.BytesIO(b"")
        code = main(scene.argv, stdin=stdin, stdout=out, stderr=err, today=TODAY)
    return code, out.getvalue(), err.getvalue()


def run_process(scene: Scene) -> tuple[int, str, str]:
    """Run a case as ``python -m diplorel``; its exit status, stdout and stderr."""
    with ExitStack() as stack:
        spec = scene.case.get("stdin")
        feed: dict[str, Any] = {"stdin": subprocess.DEVNULL}
        if spec is not None and "device" in spec:
            feed = {"stdin": stack.enter_context(Path(spec["device"]).open("rb"))}
        elif spec is not None:
            feed = {"input": content(spec)}
        p = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "diplorel", *scene.argv],
            capture_output=True,
            check=False,
            timeout=60,
            cwd=scene.folder,
            env={**os.environ, "COLUMNS": "80"},
            **feed,
        )
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def check_shape(case: dict[str, Any], code: int, out: str, err: str) -> None:
    """The rules every case keeps, whatever it is."""
    assert code == case["exit"], f"exit {code}, expected {case['exit']}\n{out}{err}"
    assert "Traceback" not in out + err
    assert "internal error" not in err, err
    for words in case.get("stderr", []):
        assert words in err, f"{words!r} not in stderr:\n{err}"
    for words in case.get("stdout", []):
        assert words in out, f"{words!r} not in stdout:\n{out}"
    lines = err.splitlines()
    if code == 2:
        assert out == ""
        assert lines, "a usage error says what is wrong"
        assert USAGE_END.match(lines[-1]), lines[-1]
        assert all(line.startswith(("usage:", " ")) for line in lines[:-1]), err
    elif lines:
        assert lines[0].startswith("diplorel: error: "), err
        assert all(line.startswith("  - ") for line in lines[1:]), err
    else:  # validate reports on stdout: a summary line, then one line per problem
        report = json.loads(out) if out.startswith("{") else None
        if report is not None:
            assert report["valid"] is False
            assert report["problems"]
        else:
            first, *rest = out.splitlines()
            assert re.fullmatch(r".+: \d+ problem\(s\)", first), first
            assert rest
            assert all(line.startswith("  ") for line in rest), out


def table() -> str:
    """The corpus as a Markdown table: kind, count, outcome."""
    counts = Counter((case["kind"], case["exit"]) for case in CORPUS)
    pending = Counter((case["kind"], case["exit"]) for case in CORPUS if "pending" in case)
    rows = ["| kind | cases | outcome | pending a library fix |", "|---|---:|---|---:|"]
    rows.extend(
        f"| {kind} | {n} | {OUTCOME[code]} | {pending[kind, code]} |"
        for (kind, code), n in counts.items()
    )
    rows.append(f"| **all** | **{len(CORPUS)}** | | {pending.total()} |")
    return "\n".join(rows)


@pytest.fixture
def columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Usage lines wrapped at 80 columns, in this process as in a child; no debug output."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("DIPLOREL_DEBUG", raising=False)


def cases() -> list[Any]:
    """Every case as a pytest parameter; a ``pending`` case waits for the library's fix."""
    return [
        pytest.param(
            name,
            id=name,
            marks=pytest.mark.xfail(reason=f"pending: {case['pending']}", strict=True)
            if "pending" in case
            else (),
        )
        for name, case in CASES.items()
    ]


class TestCorpus:
    @pytest.mark.parametrize("name", cases())
    @pytest.mark.usefixtures("columns")
    def test_case(self, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A clear error with the right exit status, no traceback, and no file written."""
        case = CASES[name]
        monkeypatch.chdir(tmp_path)
        scene = Scene(case, tmp_path)
        check_shape(case, *run_in_process(scene))
        assert scene.files() == scene.before, "a failing command wrote a file"

    def test_size(self) -> None:
        """The corpus holds at least 120 cases, each with a unique id, a kind and words."""
        assert len(CORPUS) >= 120
        assert len(CASES) == len(CORPUS)
        for case in CORPUS:
            assert case["kind"]
            assert case["exit"] in OUTCOME
            assert case.get("stderr") or case.get("stdout"), case["id"]


class TestSubprocess:
    @pytest.mark.parametrize("name", SAMPLE)
    @pytest.mark.usefixtures("columns")
    def test_same_as_in_process(self, name: str, tmp_path: Path) -> None:
        """``python -m diplorel`` gives the same exit status and output as main()."""
        scene = Scene(CASES[name], tmp_path)
        got = run_process(scene)
        check_shape(CASES[name], *got)
        assert got == run_in_process(scene)
        assert scene.files() == scene.before


class TestDocs:
    def test_table_is_current(self) -> None:
        """docs/reference/corpus.md shows the corpus as it is (regenerate: see module doc)."""
        found = TABLE.search(PAGE.read_text(encoding="utf-8"))
        assert found is not None
        assert found.group(0) == f"{found.group(1)}{table()}\n{found.group(2)}"


if __name__ == "__main__":
    page = PAGE.read_text(encoding="utf-8")
    PAGE.write_text(TABLE.sub(lambda m: f"{m.group(1)}{table()}\n{m.group(2)}", page))
