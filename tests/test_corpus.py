"""A corpus of broken history files: each one yields a clear LoadError, and nothing is lost."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

import diplorel as dr

HEADER = {"format": "diplorel-history", "version": 1}
EST = {"type": "relations_established", "between": ["CUB", "KOR"], "on": "1949"}
NOTE = {
    "type": "diplomatic_note",
    "id": "n1",
    "sender": "KOR",
    "recipient": "CUB",
    "on": "2024-02-14",
    "proposes": "establish_relations",
}
LINE = {
    "type": "credit_line_opened",
    "id": "l1",
    "lender": "KOR",
    "borrower": "CUB",
    "on": "2005",
    "limit": {"amount": "70000000", "currency": "USD"},
}


def doc(*items: object) -> str:
    return json.dumps({**HEADER, "items": list(items)})


CORPUS: dict[str, tuple[str, str]] = {
    # name: (file text, a phrase the error must contain)
    "truncated JSON": (doc(EST)[:-7], "not valid JSON"),
    "not an object": ("[1, 2, 3]", "format and version"),
    "wrong format": (json.dumps({"format": "x", "version": 1, "items": []}), "the string 'x'"),
    "items not a list": (json.dumps({**HEADER, "items": {}}), "list of items"),
    "wrong type of field": (doc({**EST, "between": "CUB"}), "$.items[0]"),
    "bad date": (doc({**EST, "on": "1949-13"}), "month must be in 1..12"),
    "unknown state": (doc({**EST, "between": ["CUB", "Atlantis"]}), "Atlantis"),
    "unknown field": (doc({**EST, "colour": "red"}), "colour"),
    "unknown tag": (doc({**EST, "type": "relations_improved"}), "relations_improved"),
    "duplicate note ids": (doc(NOTE, NOTE), "duplicate"),
    "reply to a missing note": (
        doc(
            {
                **NOTE,
                "id": "n2",
                "sender": "CUB",
                "recipient": "KOR",
                "proposes": None,
                "replies_to": "n9",
                "accepts": True,
            }
        ),
        "n9",
    ),
    "mixed-currency drawing": (
        doc(
            LINE,
            {
                "type": "credit_line_drawn",
                "id": "l1",
                "on": "2006",
                "amount": {"amount": "5", "currency": "EUR"},
            },
        ),
        "another currency",
    ),
    "float amount": (
        doc({**LINE, "limit": {"amount": 7.5, "currency": "USD"}}),
        "float",
    ),
    "newer schema": (json.dumps({**HEADER, "version": 99, "items": []}), "newer"),
    "invalid transition": (
        doc({"type": "relations_severed", "between": ["CUB", "KOR"], "on": "1950", "by": "CUB"}),
        "no relations to break",
    ),
}


class TestCorpus:
    @pytest.mark.parametrize("name", sorted(CORPUS))
    def test_clear_error(self, name: str, tmp_path: Path) -> None:
        """Each broken file raises one LoadError (a ValueError) saying what and where."""
        text, phrase = CORPUS[name]
        path = tmp_path / "broken.json"
        path.write_text(text)
        with pytest.raises(dr.LoadError) as info:
            dr.load(path)
        err = info.value
        assert isinstance(err, ValueError)
        assert isinstance(err, dr.DiplorelError)
        assert err.source == str(path)
        assert phrase in str(err)

    def test_every_problem_at_once(self) -> None:
        """Problems in several items are all reported, each with its JSON path."""
        text = doc({**EST, "on": "19x9"}, {**EST, "colour": 1}, {**EST, "type": "nope"}, EST)
        with pytest.raises(dr.LoadError) as info:
            dr.loads(text)
        places = [p.rsplit(" @ ", 1)[1] for p in info.value.problems]
        assert places == ["$.items[0].on", "$.items[1].colour", "$.items[2].type"]
        assert [p.path for p in info.value.problems] == places

    def test_random_bytes(self, tmp_path: Path) -> None:
        """50 MB of random bytes is refused cleanly, as JSON and as JSON Lines."""
        data = random.Random(1).randbytes(50 * 1024 * 1024)  # noqa: S311 - noise, not secrets
        for name in ("noise.json", "noise.jsonl"):
            path = tmp_path / name
            path.write_bytes(data)
            with pytest.raises(dr.LoadError):
                dr.load(path)


FILES = Path(__file__).parent / "corpus" / "files"

BAD_FILES: dict[str, tuple[str | None, int | None, str]] = {
    # file under tests/corpus/files: (the path, the line, a phrase) of the first problem
    "accepts-text.json": ("$.items[1].accepts", None, "expected true or false"),
    "amount-bool.json": ("$.items[0].limit.amount", None, "got the boolean true"),
    "amount-float.json": ("$.items[0].limit.amount", None, "float"),
    "between-numbers.json": ("$.items[0].between[0]", None, "got the number 40"),
    "between-object.json": ("$.items[0].between", None, "got an object"),
    "between-text.json": ("$.items[0].between", None, "got the string 'CUB KOR'"),
    "between-three.json": ("$.items[0].between", None, "exactly 2 items"),
    "consular-empty-text.json": ("$.items[1].consular", None, "got the string ''"),
    "consular-maybe.json": ("$.items[1].consular", None, "got the string 'maybe'"),
    "consular-null.json": ("$.items[1].consular", None, "got null"),
    "consular-number.json": ("$.items[1].consular", None, "got the number 2"),
    "consular-text.json": ("$.items[1].consular", None, "got the string 'false'"),
    "consular-text.jsonl": ("$.consular", 3, "got the string 'no'"),
    "consular-zero.json": ("$.items[1].consular", None, "got the number 0"),
    "currency-number.json": ("$.items[0].limit.currency", None, "got the number 840"),
    "deep-10000.json": (None, None, "limit of 100 levels (max_depth)"),
    "deep-in-item.json": ("$.items[0].between", None, "limit of 100 levels (max_depth)"),
    "deep-line.jsonl": (None, 3, "limit of 100 levels (max_depth)"),
    "duplicate-in-item.json": ("$.items[0]", None, "duplicate key 'on'"),
    "duplicate-items.json": ("$", None, "duplicate key 'items'"),
    "duplicate-key.jsonl": ("$", 3, "duplicate key 'by'"),
    "id-true.json": ("$.items[0].id", None, "got the boolean true"),
    "item-array.json": ("$.items[0]", None, "expected an item object"),
    "level-null.json": ("$.items[0].level", None, "got null"),
    "level-number.json": ("$.items[0].level", None, "got the number 3"),
    "level-unknown.json": ("$.items[0].level", None, "did you mean 'ambassador'?"),
    "limit-text.json": ("$.items[0].limit", None, "expected an amount object"),
    "nan-amount.json": ("$.items[0].limit.amount", None, "NaN, which is not a JSON number"),
    "not-utf8.jsonl": (None, 3, "not UTF-8"),
    "notes-all-at-once.json": ("$.items[1]", None, "duplicate instrument id"),
    "on-number.json": ("$.items[0].on", None, "got the number 1949"),
    "place-number.json": ("$.items[0].place", None, "got the number 123"),
    "power-missing.json": ("$.items[0].power", None, "the required field 'power' is missing"),
    "rank-bool.json": ("$.items[0].rank", None, "got the boolean true"),
    "rules-number.json": ("$.rules", None, "got the number 5"),
    "source-publisher-number.json": ("$.items[0].sources[0].publisher", None, "got the number 1"),
    "source-table-not-object.json": ("$.sources.s1", None, "expected a source object"),
    "sources-number-key.json": ("$.items[0].sources[0]", None, "got the number 3"),
    "sources-object.json": ("$.items[0].sources", None, "got an empty object"),
    "sources-text.json": ("$.items[0].sources", None, "got the string ''"),
    "syntax.jsonl": (None, 3, "not valid JSON"),
    "time-number.json": ("$.items[0].time", None, "got the number 2200"),
    "type-array.json": ("$.items[0].type", None, "got an empty array"),
    "type-array.jsonl": ("$.type", 2, "got an empty array"),
    "type-null.json": ("$.items[0].type", None, "got null"),
    "type-object.json": ("$.items[0].type", None, "got an empty object"),
    "tz-number.json": ("$.items[0].tz", None, "got the number -5"),
    "version-text.json": ("$.version", None, "got the string '2'"),
    "version-true.json": ("$.version", None, "got the boolean true"),
}


class TestBadFiles:
    def test_every_file_is_listed(self) -> None:
        """Each file of the corpus has its expected problem, and each listed file exists."""
        assert sorted(p.name for p in FILES.iterdir()) == sorted(BAD_FILES)

    @pytest.mark.parametrize("name", sorted(BAD_FILES))
    def test_bad_file(self, name: str) -> None:
        """Each bad file is one LoadError whose first problem has the expected place and words."""
        path, line, phrase = BAD_FILES[name]
        with pytest.raises(dr.LoadError) as info:
            dr.load(FILES / name)
        first = info.value.problems[0]
        assert (first.path, first.line) == (path, line)
        assert phrase in first.message
        assert "unknown error" not in str(info.value)


class TestNothingLost:
    def test_failed_load_leaves_the_file(self, tmp_path: Path) -> None:
        """Loading never changes the file, even when it fails."""
        path = tmp_path / "h.json"
        text = doc({**EST, "on": "19x9"})
        path.write_text(text)
        with pytest.raises(dr.LoadError):
            dr.load(path)
        assert path.read_text() == text

    def test_failed_save_keeps_previous_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A save that fails part-way keeps the old file and leaves no temporary file."""
        path = tmp_path / "h.json"
        dr.dump(dr.History([dr.RelationsEstablished(between=("CUB", "KOR"), on="1949")]), path)
        before = path.read_bytes()

        def disk_full(_fd: int) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", disk_full)
        with pytest.raises(dr.SaveError, match="No space left"):
            dr.dump(dr.default_history(), path)
        assert path.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["h.json"]


class TestPermissions:
    def test_new_file_mode(self, tmp_path: Path) -> None:
        """A new file gets the usual permissions (0666 less the umask), not mkstemp's 0600."""
        path = tmp_path / "h.json"
        dr.dump(dr.History([]), path)
        umask = os.umask(0)
        os.umask(umask)
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask

    def test_replaced_file_keeps_mode(self, tmp_path: Path) -> None:
        """Replacing a file keeps its permissions."""
        path = tmp_path / "h.json"
        path.write_text("{}")
        path.chmod(0o640)
        dr.dump(dr.History([]), path)
        assert path.stat().st_mode & 0o777 == 0o640
