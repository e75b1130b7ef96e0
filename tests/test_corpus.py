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
    "wrong format": (json.dumps({"format": "x", "version": 1, "items": []}), "'x'"),
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
        assert places == ["$.items[0].on", "$.items[1]", "$.items[2].type"]

    def test_random_bytes(self, tmp_path: Path) -> None:
        """50 MB of random bytes is refused cleanly, as JSON and as JSON Lines."""
        data = random.Random(1).randbytes(50 * 1024 * 1024)  # noqa: S311 - noise, not secrets
        for name in ("noise.json", "noise.jsonl"):
            path = tmp_path / name
            path.write_bytes(data)
            with pytest.raises(dr.LoadError):
                dr.load(path)


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
