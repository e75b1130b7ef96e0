"""Load problems as data, duplicate keys, size and depth caps, and what load() refuses to read."""

from __future__ import annotations

import inspect
import json
import os
import pickle
import socket
import threading
from pathlib import Path
from typing import Any

import pytest

import diplorel as dr
from diplorel import _files
from diplorel._reading import DEFAULT_MAX_DEPTH, DEFAULT_MAX_SIZE, WALK_ALL_BELOW, depth_problem
from diplorel.exceptions import Problem

HEADER = {"format": "diplorel-history", "version": _files.VERSION}
EST = {"type": "relations_established", "between": ["CUB", "KOR"], "on": "1949"}
SOURCE = {"publisher": "AFP", "title": "t"}
NOTE = {
    "type": "diplomatic_note",
    "id": "n1",
    "sender": "KOR",
    "recipient": "CUB",
    "on": "2024-02-14",
    "proposes": "establish_relations",
}


def doc(*items: object, **header: object) -> str:
    return json.dumps({**HEADER, **header, "items": list(items)})


def lines(*items: object) -> str:
    return "\n".join([json.dumps(HEADER), *(json.dumps(i) for i in items)]) + "\n"


def problems(text: str | bytes, *, jsonl: bool = False, **limits: Any) -> tuple[Problem, ...]:  # noqa: ANN401
    with pytest.raises(dr.LoadError) as info:
        (dr.loads_jsonl if jsonl else dr.loads)(text, **limits)
    return info.value.problems


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


class TestProblem:
    def test_reads_as_text(self) -> None:
        """A problem is its sentence, then @ and its place; it equals that text."""
        p = Problem("expected true or false, got null", path="$.items[2].consular")
        assert p == "expected true or false, got null @ $.items[2].consular"
        assert isinstance(p, str)
        assert (p.message, p.path, p.line, p.column) == (
            "expected true or false, got null",
            "$.items[2].consular",
            None,
            None,
        )

    def test_line_and_column(self) -> None:
        """A line (and column) come before the path in the text."""
        assert Problem("m", path="$.on", line=3) == "m @ line 3 $.on"
        assert Problem("m", line=3, column=7) == "m @ line 3, column 7"
        assert Problem("m") == "m"

    def test_parse(self) -> None:
        """Plain ``sentence @ place`` text is read back into a problem with its place."""
        p = Problem.parse("bad @ line 4 $.between[1]")
        assert (p.message, p.path, p.line) == ("bad", "$.between[1]", 4)
        assert Problem.parse("no place at all").path is None
        assert Problem.parse("a @ b") == "a @ b"
        assert Problem.parse("a @ b").path is None

    def test_load_error_holds_problems(self) -> None:
        """LoadError turns the strings it is given into problems, keeping their text."""
        e = dr.LoadError("h.json", ["x @ $.items[0]", Problem("y", line=2)])
        assert [p.path for p in e.problems] == ["$.items[0]", None]
        assert [p.line for p in e.problems] == [None, 2]
        assert str(e) == "cannot load h.json: 2 problems\n  - x @ $.items[0]\n  - y @ line 2"

    def test_pickles(self) -> None:
        """A LoadError and its problems survive pickling (as between processes)."""
        e = dr.LoadError("h.json", [Problem("y", path="$.on", line=2, column=3)])
        back = pickle.loads(pickle.dumps(e))  # noqa: S301 - our own data
        assert str(back) == str(e)
        assert (back.problems[0].path, back.problems[0].line, back.problems[0].column) == (
            "$.on",
            2,
            3,
        )

    def test_jsonl_problems_carry_the_line(self) -> None:
        """A problem in JSON Lines has its line and its path within the line."""
        (p,) = problems(lines(EST, {**EST, "on": 1949}), jsonl=True)
        assert (p.line, p.path) == (3, "$.on")
        assert str(p).endswith("@ line 3 $.on")


class TestSentences:
    """Messages are sentences about the JSON, not internal repr."""

    def test_missing_field(self) -> None:
        """A missing required field is named in a sentence."""
        item = {"type": "protecting_power_appointed", "between": ["CUB", "USA"], "on": "1977"}
        (p,) = problems(doc({**item, "protected": "CUB"}))
        assert (p.message, p.path) == ("the required field 'power' is missing", "$.items[0].power")

    def test_object_expected(self) -> None:
        """An array where a source object goes is said so, not an AttributeError."""
        found = problems(doc({**EST, "sources": [[]]}))
        assert [p.path for p in found] == ["$.items[0].sources[0]"]
        assert "got an empty array" in found[0].message
        assert "unknown error" not in found[0]

    def test_unknown_fields_each_at_their_path(self) -> None:
        """Each unknown field is a problem at its own path, with a suggestion if one is close."""
        found = problems(doc({**EST, "consulr": True, "colour": "red"}, extra=1))
        assert [p.path for p in found] == ["$.extra", "$.items[0].colour", "$.items[0].consulr"]
        assert "did you mean consular?" in found[2]

    def test_wrong_header_values(self) -> None:
        """Header fields of the wrong type are named too."""
        found = problems(json.dumps({"format": 1, "version": "2", "items": []}))
        assert [p.path for p in found] == ["$.format", "$.version"]
        (p,) = problems(doc(rules=5))
        assert p.path == "$.rules"
        (p,) = problems(doc(sources=[]))
        assert p.path == "$.sources"
        (p,) = problems(json.dumps({**HEADER, "items": {}}))
        assert (p.path, p.message) == (
            "$.items",
            "expected the list of items (an array), got an empty object",
        )

    def test_sources_table(self) -> None:
        """Every source of the table is checked once, at its key; bad keys are named."""
        text = doc(
            {**EST, "sources": ["s1", "nope", 3, "bad"]},
            sources={"s1": SOURCE, "bad": {"publisher": 5, "title": "t"}},
        )
        assert [p.path for p in problems(text)] == [
            "$.sources.bad.publisher",
            "$.items[0].sources[1]",
            "$.items[0].sources[2]",
        ]

    def test_notes_all_at_once(self) -> None:
        """Every note problem is reported at once, each at its item."""
        reply = {**NOTE, "id": "n2", "proposes": None, "replies_to": "n9", "accepts": True}
        found = problems(doc(NOTE, NOTE, {**reply, "sender": "CUB", "recipient": "KOR"}))
        assert [(p.path, "duplicate" in p or "n9" in p) for p in found] == [
            ("$.items[1]", True),
            ("$.items[2]", True),
        ]

    def test_refusal_of_an_agreed_act_names_the_instrument(self) -> None:
        """An event made by an exchange of notes is refused at the accepting note's place."""
        reply = {
            **NOTE,
            "id": "n2",
            "sender": "CUB",
            "recipient": "KOR",
            "proposes": None,
            "replies_to": "n1",
            "accepts": True,
        }
        established = {**EST, "on": "2020"}
        (p,) = problems(doc(established, NOTE, reply))
        assert p.path == "$.items[2]"


class TestDuplicateKeys:
    def test_top_level(self) -> None:
        """``{"items": [...], "items": []}`` is an error, not an empty history."""
        text = doc(EST)[:-1] + ', "items": []}'
        (p,) = problems(text)
        assert (p.message, p.path) == ("duplicate key 'items' (given 2 times in one object)", "$")

    def test_in_an_item_and_a_source(self) -> None:
        """Duplicates deep in the document are each named at their path."""
        item = '{"type": "relations_established", "between": ["CUB", "KOR"], "on": "1949", '
        item += '"on": "1950", "sources": [{"publisher": "A", "title": "t", "title": "u"}]}'
        text = json.dumps(HEADER)[:-1] + ', "items": [' + item + "]}"
        assert [p.path for p in problems(text)] == ["$.items[0]", "$.items[0].sources[0]"]

    def test_jsonl(self) -> None:
        """In JSON Lines the duplicate's line is named, and the rest is still checked."""
        text = lines(EST).rstrip("\n") + "\n" + json.dumps(EST)[:-1] + ', "on": "1950"}\n'
        text += json.dumps({**EST, "on": 5}) + "\n"
        assert [(p.line, p.path) for p in problems(text, jsonl=True)] == [(3, "$"), (4, "$.on")]

    def test_three_times(self) -> None:
        """The count is given."""
        text = '{"format": "diplorel-history", "format": "x", "format": "y", "version": 2}'
        (p,) = problems(text)
        assert "given 3 times" in p


class TestSyntax:
    def test_json_syntax_error(self) -> None:
        """A JSON syntax error names its line and column as data."""
        (p,) = problems('{"format": "diplorel-history",\n "items": [}')
        assert (p.line, p.column, p.path) == (2, 12, None)
        assert p.message.startswith("not valid JSON: ")

    def test_jsonl_syntax_error(self) -> None:
        """A JSON Lines syntax error names its line."""
        (p,) = problems(lines(EST) + "{nope\n", jsonl=True)
        assert p.line == 3

    @pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
    def test_not_json_numbers(self, constant: str) -> None:
        """NaN and Infinity, which Python's parser takes, are not JSON."""
        (p,) = problems(doc(EST).replace('"1949"', constant))
        assert p.path == "$.items[0].on"
        assert p.message.endswith(f"got {constant}, which is not a JSON number")
        (p,) = problems(json.dumps(HEADER).replace("2", constant)[:-1] + ', "items": []}')
        assert p.path == "$.version"

    def test_invalid_utf8(self) -> None:
        """Bytes that are not UTF-8 are named with their line in JSON Lines."""
        data = lines(EST).encode() + b'{"on": "\xff"}\n'
        (p,) = problems(data, jsonl=True)
        assert p.line == 3
        assert "not UTF-8" in p


class TestLimits:
    def test_defaults(self) -> None:
        """The default caps are 1 GiB and 100 levels; a history nests far less."""
        assert (DEFAULT_MAX_SIZE, DEFAULT_MAX_DEPTH) == (2**30, 100)
        for function in (dr.load, dr.loads, dr.loads_jsonl):
            parameters = inspect.signature(function).parameters
            assert parameters["max_size"].default == DEFAULT_MAX_SIZE
            assert parameters["max_depth"].default == DEFAULT_MAX_DEPTH

    @pytest.mark.parametrize("jsonl", [False, True])
    def test_size(self, jsonl: bool) -> None:
        """A text larger than max_size is refused before parsing, naming the limit."""
        text = lines(EST) if jsonl else doc(EST)
        (p,) = problems(text, jsonl=jsonl, max_size=100)
        assert "larger than the limit of 100 bytes (max_size)" in p
        assert (dr.loads_jsonl if jsonl else dr.loads)(text, max_size=len(text)).items

    def test_size_counts_utf8_bytes(self) -> None:
        """The size of text is its size in UTF-8, not its number of characters."""
        text = doc({**EST, "place": "é" * 100})
        size = len(text.encode())
        (p,) = problems(text, max_size=size - 1)
        assert f"the input is {size} bytes" in p
        assert dr.loads(text, max_size=size).items

    @pytest.mark.parametrize("jsonl", [False, True])
    def test_100000_deep(self, jsonl: bool) -> None:
        """100,000 levels of nesting are a LoadError, never a RecursionError."""
        text = (json.dumps(HEADER) + "\n" + nested(100_000)) if jsonl else nested(100_000)
        (p,) = problems(text, jsonl=jsonl)
        assert "nests deeper than the limit of 100 levels (max_depth)" in p
        assert p.line == (2 if jsonl else None)

    def test_just_too_deep(self) -> None:
        """One level more than the limit is refused at the field it is under."""
        item = {**EST, "between": json.loads(nested(98))}
        (p,) = problems(doc(item))
        assert (p.path, p.message) == (
            "$.items[0].between",
            "the data nests deeper than the limit of 100 levels (max_depth)",
        )
        (p,) = problems(doc({**EST, "between": json.loads(nested(97))}))
        assert "max_depth" not in p  # 100 levels: a type error, not a depth error

    def test_deep_header(self) -> None:
        """A deep header field is refused too."""
        (p,) = problems(doc(EST, sources={"s": json.loads(nested(120))}))
        assert p.path == "$.sources.s"

    def test_small_limit_is_exact(self) -> None:
        """A limit below the schema's depth refuses a valid document that nests deeper."""
        text = doc({**EST, "sources": [SOURCE]})  # doc, items, item, sources, source: 5
        assert dr.loads(text, max_depth=5).items
        (p,) = problems(text, max_depth=4)
        assert "limit of 4 levels" in p
        jsonl = lines({**EST, "sources": [SOURCE]})  # item, sources, source: 3
        assert dr.loads_jsonl(jsonl, max_depth=3).items
        assert problems(jsonl, jsonl=True, max_depth=2)[0].line == 2

    def test_items_are_shallower_than_the_walking_threshold(self) -> None:
        """Items that load are never walked for depth: the schema nests less than the bound."""
        cov = [{"state": "CUB", "sources": [SOURCE], "days": ["2000-01-01"]}]
        text = doc({**EST, "sources": [SOURCE]}, coverage=cov)
        deepest = next(
            d
            for d in range(1, 20)
            if depth_problem(json.loads(text), max_depth=d, where="$") is None
        )
        assert deepest < WALK_ALL_BELOW
        assert dr.loads(text, max_depth=deepest).items

    @pytest.mark.parametrize(
        ("limits", "error"),
        [
            ({"max_depth": 0}, dr.InvalidQueryError),
            ({"max_size": -1}, dr.InvalidQueryError),
            ({"max_depth": True}, dr.InvalidTypeError),
            ({"max_size": "1G"}, dr.InvalidTypeError),
        ],
    )
    def test_bad_limits(self, limits: dict[str, Any], error: type[Exception]) -> None:
        """A limit that is not a whole number in range is refused before anything is read."""
        with pytest.raises(error):
            dr.loads(doc(EST), **limits)


class TestOnlyRegularFiles:
    def test_directory(self, tmp_path: Path) -> None:
        """A directory is refused with a LoadError saying what it is."""
        with pytest.raises(dr.LoadError, match="cannot read a directory"):
            dr.load(tmp_path)

    @pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
    def test_devices(self, device: str) -> None:
        """Devices are refused before they are read: no endless read, no MemoryError."""
        if not Path(device).exists():
            pytest.skip(f"no {device} here")
        with pytest.raises(dr.LoadError, match="character device"):
            dr.load(device)

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
    def test_fifo_does_not_hang(self, tmp_path: Path) -> None:
        """A FIFO nobody writes to is refused at once."""
        fifo = tmp_path / "h.json"
        os.mkfifo(fifo)
        outcome: list[BaseException] = []

        def attempt() -> None:
            try:
                dr.load(fifo)
            except dr.LoadError as e:
                outcome.append(e)

        worker = threading.Thread(target=attempt, daemon=True)
        worker.start()
        worker.join(timeout=10)
        assert not worker.is_alive()
        assert "pipe (FIFO)" in str(outcome[0])

    @pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets")
    def test_socket(self, tmp_path: Path) -> None:
        """A socket is refused."""
        path = tmp_path / "s.json"
        with socket.socket(socket.AF_UNIX) as s:
            s.bind(str(path))
            with pytest.raises(dr.LoadError, match="socket"):
                dr.load(path)

    def test_symlink_to_a_file(self, tmp_path: Path) -> None:
        """A symbolic link to a history file is read through."""
        target = tmp_path / "h.json"
        target.write_text(doc(EST))
        link = tmp_path / "link.json"
        link.symlink_to(target)
        assert dr.load(link).items

    def test_file_larger_than_the_limit(self, tmp_path: Path) -> None:
        """A file larger than max_size is refused before it is read."""
        path = tmp_path / "h.jsonl"
        path.write_text(lines(*[{**EST, "place": str(i)} for i in range(20)]))
        assert path.stat().st_size > 1024
        with pytest.raises(dr.LoadError, match=r"larger than the limit of 1 KiB \(max_size\)"):
            dr.load(path, max_size=1024)
        assert len(dr.load(path, max_size=path.stat().st_size, strict=False).items) == 20

    def test_wrong_argument_types(self, tmp_path: Path) -> None:
        """Arguments of the wrong type are InvalidTypeErrors, not coerced."""
        with pytest.raises(dr.InvalidTypeError, match="path"):
            dr.load(5)  # type: ignore[arg-type]
        with pytest.raises(dr.InvalidTypeError, match="text"):
            dr.loads({"items": []})  # type: ignore[arg-type]
        with pytest.raises(dr.InvalidTypeError, match="strict"):
            dr.loads(doc(EST), strict="no")  # type: ignore[arg-type]
        assert not list(tmp_path.iterdir())
