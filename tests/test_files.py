from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import diplorel as dr
from diplorel import _files
from strategies import item_lists

ROUND_TRIP = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def small() -> dr.History:
    """A little history with a sourced event and an exchange of notes."""
    src = dr.Source(publisher="AFP", title="Cuba and South Korea", published_on="2024-02-14")
    return dr.History(
        [
            dr.RelationsEstablished(between=("CUB", "KOR"), on="1949", sources=(src,)),
            dr.RelationsSevered(between=("CUB", "KOR"), on="1959/1960", by="CUB", sources=(src,)),
            dr.DiplomaticNote(
                id="kor-1", sender="KOR", recipient="CUB", on="2024-02-14",
                tz="America/New_York", proposes=dr.Proposal.ESTABLISH_RELATIONS,
            ),
            dr.DiplomaticNote(
                id="cub-1", sender="CUB", recipient="KOR", on="2024-02-14",
                tz="America/New_York", replies_to="kor-1", accepts=True,
            ),
        ]
    )  # fmt: skip


def document(*items: dict[str, Any], **header: object) -> str:
    """A JSON history document with ``items``."""
    return json.dumps({"format": "diplorel-history", "version": 1, **header, "items": items})


EST = {"type": "relations_established", "between": ["CUB", "KOR"], "on": "1949"}


class TestRoundTrip:
    """loads(dumps(h)) gives back exactly the same items."""

    @ROUND_TRIP
    @given(item_lists())
    def test_json(self, items: list[Any]) -> None:
        """JSON documents round-trip every item, field for field."""
        h = dr.History(items, strict=False)
        text = dr.dumps(h)
        back = dr.loads(text, strict=False)
        assert back.items == h.items
        assert dr.dumps(back) == text

    @ROUND_TRIP
    @given(item_lists())
    def test_jsonl(self, items: list[Any]) -> None:
        """JSON Lines round-trips too, one item per line after the header."""
        h = dr.History(items, strict=False)
        text = dr.dumps_jsonl(h)
        assert text.count("\n") == len(items) + 1
        back = dr.loads_jsonl(text, strict=False)
        assert back.items == h.items
        assert dr.dumps_jsonl(back) == text

    def test_sources_table(self) -> None:
        """A source cited twice is stored once, in the header table."""
        doc = json.loads(dr.dumps(small()))
        assert list(doc["sources"]) == ["s1"]
        assert doc["items"][0]["sources"] == ["s1"]
        assert doc["items"][1]["sources"] == ["s1"]

    def test_file_round_trip(self, tmp_path: Path) -> None:
        """Dump and load through files, by suffix, give the same statuses."""
        for name in ("h.json", "h.jsonl"):
            path = tmp_path / name
            dr.dump(small(), path)
            back = dr.load(path)
            assert back.items == small().items
            assert back.status("CUB", "KOR", on="2024-03-01").diplomatic is (
                dr.Diplomatic.ESTABLISHED
            )
        assert (tmp_path / "h.jsonl").read_text(encoding="utf-8").startswith('{"format"')

    def test_coverage_round_trip(self) -> None:
        """Coverage declarations are saved in the header, their sources in the table."""
        src = dr.Source(publisher="Office of the Historian", title="Chiefs of Mission")
        cov = [
            dr.Coverage(
                state="USA",
                sender="USA",
                dimensions=(dr.Dimension.PRESENCE,),
                since="1778",
                sources=(src,),
            ),
            dr.Coverage(state="CUB", partner="KOR", since="1948-10", until="1949-06"),
        ]
        h = dr.History(small().items, coverage=cov)
        doc = json.loads(dr.dumps(h))
        assert doc["coverage"][0]["sources"] == ["s2"]
        assert doc["coverage"][1] == {
            "state": "CUB",
            "partner": "KOR",
            "since": "1948-10",
            "until": "1949-06",
        }
        for back in (dr.loads(dr.dumps(h)), dr.loads_jsonl(dr.dumps_jsonl(h))):
            assert back.coverage == h.coverage
            assert back.status("CUB", "KOR", on="1948-12-01").diplomatic is dr.Diplomatic.NONE

    def test_bad_coverage_named(self) -> None:
        """A bad declaration is a load problem at its place, never dropped."""
        text = dr.dumps(dr.History([], coverage=[dr.Coverage(state="CUB", since="1959")]))
        doc = json.loads(text)
        doc["coverage"][0]["dimensions"] = ["relations", "gossip"]
        with pytest.raises(dr.LoadError, match=r"\$\.coverage\[0\]"):
            dr.loads(json.dumps(doc))
        doc["coverage"] = {"state": "CUB"}
        with pytest.raises(dr.LoadError, match="list of coverage declarations"):
            dr.loads(json.dumps(doc))

    def test_inline_source_objects(self) -> None:
        """An item may carry a source object instead of a key."""
        item = {**EST, "sources": [{"publisher": "AFP", "title": "t"}]}
        (event,) = dr.loads(document(item)).items
        assert event.sources == (dr.Source(publisher="AFP", title="t"),)  # type: ignore[union-attr]


class TestLoadErrors:
    """Problems are reported with their place, all at once."""

    def problems(self, text: str, *, jsonl: bool = False) -> tuple[str, ...]:
        """The problems LoadError lists for ``text``."""
        with pytest.raises(dr.LoadError) as info:
            (dr.loads_jsonl if jsonl else dr.loads)(text)
        assert isinstance(info.value, ValueError)
        return info.value.problems

    def test_unknown_field(self) -> None:
        """An unknown field in an item is an error naming it and the item's path."""
        (p,) = self.problems(document({**EST, "colour": "red"}))
        assert "colour" in p
        assert "$.items[0]" in p

    def test_unknown_tag(self) -> None:
        """An unknown item type is an error with its path and a suggestion."""
        (p,) = self.problems(document({**EST, "type": "relations_establshed"}))
        assert "$.items[0].type" in p
        assert "relations_established" in p

    def test_missing_type(self) -> None:
        """An item without a type is an error."""
        item = {k: v for k, v in EST.items() if k != "type"}
        (p,) = self.problems(document(item))
        assert "type" in p
        assert "$.items[0]" in p

    def test_bad_date_path(self) -> None:
        """A bad date names the field's path."""
        (p,) = self.problems(document({**EST, "on": "1949-13"}))
        assert "$.items[0].on" in p
        assert "1949-13" in p

    def test_several_problems_at_once(self) -> None:
        """Every problem is listed, each with its place."""
        problems = self.problems(
            document(
                {**EST, "colour": "red"},
                EST,
                {**EST, "on": "nope"},
                {**EST, "type": "nope"},
                {**EST, "sources": ["missing"]},
                extra=1,
            )
        )
        assert len(problems) >= 5
        text = "\n".join(problems)
        for where in ("$.items[0]", "$.items[2].on", "$.items[3].type", "$.items[4].sources[0]"):
            assert where in text
        assert "extra" in text

    def test_newer_schema(self) -> None:
        """A newer schema version says to upgrade diplorel."""
        (p,) = self.problems(document(EST, version=99))
        assert "newer" in p
        assert "upgrade diplorel" in p

    @pytest.mark.parametrize(
        "text",
        [
            "{",
            "[]",
            json.dumps({"format": "other", "version": 1, "items": []}),
            json.dumps({"format": "diplorel-history", "version": "1", "items": []}),
            json.dumps({"format": "diplorel-history", "version": 1, "items": {}}),
        ],
    )
    def test_bad_documents(self, text: str) -> None:
        """Bad JSON, a non-object, a wrong format or version, items not a list."""
        assert self.problems(text)

    def test_invalid_transition_in_strict_load(self) -> None:
        """A strict load lists refused events with their place; lenient loads them."""
        brk = {"type": "relations_severed", "between": ["CUB", "KOR"], "on": "1950", "by": "CUB"}
        (p,) = self.problems(document(brk))
        assert "$.items[0]" in p
        assert "unilateral_break" in p
        h = dr.loads(document(brk), strict=False)
        assert [a.kind for a in h.anomalies] == ["invalid_transition"]

    def test_jsonl_line_numbers(self) -> None:
        """JSON Lines problems name the line."""
        header = json.dumps({"format": "diplorel-history", "version": 1})
        text = "\n".join([header, json.dumps(EST), "{nope", json.dumps({**EST, "x": 1})])
        problems = "\n".join(self.problems(text, jsonl=True))
        assert "line 3" in problems
        assert "line 4" in problems

    def test_jsonl_empty(self) -> None:
        """An empty JSON Lines text needs a header."""
        assert "header" in self.problems("", jsonl=True)[0]

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is a LoadError naming the path."""
        with pytest.raises(dr.LoadError, match="cannot read"):
            dr.load(tmp_path / "nope.json")


class TestAtomicSave:
    """A failed save leaves the previous file intact and no temporary file behind."""

    def test_serialisation_fails(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """The serializer raising mid-save keeps the old file."""
        path = tmp_path / "h.json"
        dr.dump(small(), path)
        before = path.read_bytes()

        def broken(_: dr.History) -> str:
            raise ValueError("boom")

        monkeypatch.setattr(_files, "dumps", broken)
        with pytest.raises(dr.SaveError, match="boom") as info:
            dr.dump(dr.History(), path)
        assert isinstance(info.value, OSError)
        assert "previous file is unchanged" in str(info.value)
        assert path.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["h.json"]

    def test_fails_after_writing(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A failure after the text is written (fsync) keeps the old file too."""
        path = tmp_path / "h.jsonl"
        dr.dump(small(), path)
        before = path.read_bytes()

        def failing_fsync(_: int) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", failing_fsync)
        with pytest.raises(dr.SaveError, match="No space left"):
            dr.dump(dr.History(), path)
        assert path.read_bytes() == before
        assert [p.name for p in tmp_path.iterdir()] == ["h.jsonl"]

    def test_interrupt_is_not_wrapped(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """KeyboardInterrupt passes through, still cleaning up."""
        path = tmp_path / "h.json"

        def interrupted(_: dr.History) -> str:
            raise KeyboardInterrupt

        monkeypatch.setattr(_files, "dumps", interrupted)
        with pytest.raises(KeyboardInterrupt):
            dr.dump(small(), path)
        assert list(tmp_path.iterdir()) == []


class TestUpcasting:
    """Older documents are upgraded step by step."""

    def test_older_version_is_upgraded(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """With a (pretend) version 3, a version 1 document goes through 1 -> 2 -> 3."""
        seen: list[int] = []

        def v2_to_v3(header: dict[str, Any], items: list[Any]) -> tuple[dict[str, Any], list[Any]]:
            seen.append(header["version"])
            return {**header, "version": 3}, items

        monkeypatch.setattr(_files, "VERSION", 3)
        monkeypatch.setitem(_files.UPCASTERS, 2, v2_to_v3)
        doc = {"format": "diplorel-history", "version": 1, "items": [EST]}
        h = dr.loads(json.dumps(doc))
        assert seen == [2]
        assert len(h) == 1

    def test_v1_cow_document_reads_levels_as_presence(self) -> None:
        """A v1 COW document's levels were observations: they become presence, not classes."""
        item = {
            "type": "representation_changed",
            "between": ["CUB", "USA"],
            "sender": "USA",
            "level": "minister",
            "on": "1926/1930",
        }
        none = {**item, "level": "none", "on": "1931/1935"}
        doc = {"format": "diplorel-history", "version": 1, "rules": "cow", "items": [item, none]}
        for h in (
            dr.loads(json.dumps(doc)),
            dr.loads_jsonl(
                "\n".join(json.dumps(x) for x in ({**doc, "items": None}, item, none)).replace(
                    ', "items": null', ""
                )
            ),
        ):
            assert [type(e) for e in h.events()] == [dr.PresenceObserved] * 2
            s = h.status("USA", "CUB", on="1931-01-01")
            assert (s.heads["USA"].rank, s.diplomatic) == (
                dr.Rank.MINISTER,
                dr.Diplomatic.NO_RECORD,
            )
            assert "USA" not in h.status("USA", "CUB", on="1936-01-01").heads

    def test_v1_break_before_a_stated_closure_keeps_the_embassy(self) -> None:
        """A v1 break followed by a stated embassy closure keeps the closure's date."""
        items = [
            EST,
            {"type": "mission_opened", "between": ["CUB", "KOR"], "sender": "KOR", "on": "1950"},
            {
                "type": "relations_severed",
                "between": ["CUB", "KOR"],
                "by": "CUB",
                "on": "1960-01-01",
            },
            {
                "type": "mission_closed",
                "between": ["CUB", "KOR"],
                "sender": "KOR",
                "on": "1960-02-01",
            },
        ]
        doc = {"format": "diplorel-history", "version": 1, "items": items}
        h = dr.loads(json.dumps(doc))
        assert len(h.status("CUB", "KOR", on="1960-01-15").missions["KOR"]) == 1
        assert h.status("CUB", "KOR", on="1960-03-01").missions["KOR"] == ()


class TestUpcastV1Breaks:
    """The v1 -> v2 rule for breaks, checked against its plain statement on random files."""

    @staticmethod
    def _naive(items: list[dict[str, object]]) -> list[bool]:
        """The rule as stated: a later closure comes before the next consent (or none)."""
        from diplorel._dates import parse_edtf  # noqa: PLC0415 - test helper

        out = []
        for brk in items:
            if brk["type"] not in {"relations_severed", "relations_suspended"}:
                continue
            day = parse_edtf(str(brk["on"])).earliest
            later = [(parse_edtf(str(o["on"])).earliest, o) for o in items]
            consents = [w for w, o in later if w > day and o["type"] == "relations_resumed"]
            closes = [w for w, o in later if w > day and o["type"] == "mission_closed"]
            out.append(any(not consents or c < min(consents) for c in closes))
        return out

    @settings(max_examples=200, deadline=None)
    @given(
        st.lists(
            st.tuples(
                st.sampled_from(
                    [
                        "relations_severed",
                        "relations_suspended",
                        "relations_resumed",
                        "mission_closed",
                    ]
                ),
                st.integers(1950, 1960),
            ),
            max_size=12,
        )
    )
    def test_matches_the_rule(self, acts: list[tuple[str, int]]) -> None:
        """The one-pass upcaster decides every break as the rule says."""
        from diplorel._files import upcast_v1_v2  # noqa: PLC0415 - the upcaster itself

        items: list[dict[str, object]] = [
            {"type": t, "between": ["CUB", "KOR"], "on": str(y)} for t, y in acts
        ]
        _, out = upcast_v1_v2({"version": 1}, items)
        got = [
            bool(o.get("missions_stay_open"))
            for o in out
            if o["type"] in {"relations_severed", "relations_suspended"}
        ]
        assert got == self._naive(items)

    def test_unhashable_values_are_load_errors(self) -> None:
        """An array where a v1 level or tag is expected is a load problem, not a TypeError."""
        item = {"type": "representation_changed", "between": ["CUB", "USA"], "on": "1950"}
        doc = {
            "format": "diplorel-history",
            "version": 1,
            "rules": "cow",
            "items": [{**item, "sender": "USA", "level": []}, {**item, "type": []}],
        }
        with pytest.raises(dr.LoadError) as e:
            dr.loads(json.dumps(doc))
        assert "$.items[0].rank" in str(e.value)
        assert "$.items[1].type" in str(e.value)
