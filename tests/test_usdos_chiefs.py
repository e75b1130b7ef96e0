"""The POCOM reader: agrees with tools/usdos/pocom_chiefs.json record by record, real cases."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest

from diplorel.io._usdos_chiefs import Chief, ChiefDate, ChiefRecords, read_chiefs

USDOS = Path(__file__).parent.parent / "tools" / "usdos"
POCOM = USDOS / "data" / "pocom"
JSON = USDOS / "pocom_chiefs.json"

pytestmark = pytest.mark.skipif(not POCOM.is_dir(), reason="the POCOM copy is not checked out")


@cache
def records() -> ChiefRecords:
    return read_chiefs(POCOM)


@cache
def document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(JSON.read_text(encoding="utf-8"))
    return data


def chief(key: str) -> Chief:
    (found,) = (c for c in records().chiefs if c.key == key)
    return found


def expected(record: dict[str, Any]) -> dict[str, Any]:
    """The reader's fields, as pocom_chiefs.json states them for ``record``."""
    resides_in = record["resides_in"]
    return {
        "key": record["key"],
        "id": record["id"],
        "territory": record["territory"],
        "contemporary_territory": record["contemporary_territory"],
        "served": record["section"] == "chiefs",
        "person_id": record["person_id"],
        "person_name": record["person_name"],
        "person_url": record["person_url"],
        "role_title_id": record["role_title_id"],
        "role_title": record["role_title"],
        "rank": record["rank"],
        **{
            event: ChiefDate(record[event]["date"], record[event]["note"])
            for event in ("appointed", "arrived", "started", "ended")
        },
        "note": record["note"],
        "resident": record["resident"],
        "resides_in": resides_in["territory"] if resides_in else None,
        "concurrent_with": tuple(
            dict.fromkeys(other for group in record["concurrent"] for other in group["with"])
        ),
    }


class TestAgreesWithTheJson:
    def test_same_counts(self) -> None:
        """5,350 chiefs who served and 393 other nominees, as in pocom_chiefs.json."""
        chiefs = records().chiefs
        assert sum(c.served for c in chiefs) == 5350
        assert sum(not c.served for c in chiefs) == 393
        assert len(records().notes) == len(document()["mission_notes"]) == 43

    def test_every_record_field_by_field(self) -> None:
        """Every record has the JSON's key, in the JSON's order, with every field equal."""
        json_chiefs = document()["chiefs"]
        assert [c.key for c in records().chiefs] == [r["key"] for r in json_chiefs]
        assert set(attrs.fields_dict(Chief)) == set(expected(json_chiefs[0]))
        differences = [
            (c.key, field, value, want[field])
            for c, r in zip(records().chiefs, json_chiefs, strict=True)
            for want in [expected(r)]
            for field, value in attrs.asdict(c, recurse=False).items()
            if value != want[field]
        ]
        assert differences == []

    def test_keys_are_unique(self) -> None:
        """``key`` tells records apart even where the source repeats an id."""
        keys = [c.key for c in records().chiefs]
        assert len(set(keys)) == len(keys)

    def test_mission_notes(self) -> None:
        """Notes in the JSON's order, with its text and the chief each one follows."""
        notes = [(n.territory, n.text, n.after) for n in records().notes]
        want = [(n["territory"], n["text"], n["after_chief"]) for n in document()["mission_notes"]]
        assert notes == want

    def test_problems(self) -> None:
        """Every problem the JSON lists, in its order, read as one line each."""
        want = [
            " ".join(x for x in (f"{p['kind']}:", p["file"], p["id"], p["detail"]) if x)
            for p in document()["problems"]
        ]
        assert list(records().problems) == want
        assert len(want) == 31


class TestRealCases:
    def test_squiers_to_cuba(self) -> None:
        """Herbert G. Squiers, first US minister to Cuba, presented credentials on 1902-05-27.

        missions-countries/cuba.xml, cu-1902-squi-01.
        """
        squiers = chief("cu-1902-squi-01")
        assert squiers.person_name == "Herbert Goldsmith Squiers"
        assert squiers.person_url.endswith("/people/squiers-herbert-goldsmith")
        assert squiers.rank == "minister"
        assert squiers.role_title == "Envoy Extraordinary and Minister Plenipotentiary"
        assert squiers.appointed == ChiefDate("1902-05-20", None)
        assert squiers.started == ChiefDate("1902-05-27", None)
        assert squiers.ended == ChiefDate("1905-12-02", "Left post on")
        assert squiers.served
        assert squiers.resident is None

    def test_non_resident_concurrent_accreditation(self) -> None:
        """Hornibrook, minister to Afghanistan 1935-1936, resided at Tehran (1933-horn-01)."""
        afghanistan = chief("af-1935-horn-01")
        assert afghanistan.resident is False
        assert afghanistan.resides_in == "iran"
        assert afghanistan.concurrent_with == ("ir-1933-horn-01",)
        iran = chief("ir-1933-horn-01")
        assert iran.resident is True
        assert iran.concurrent_with == ("af-1935-horn-01",)

    def test_residence_alias(self) -> None:
        """Heath at Saigon: resident for the State of Vietnam, not for Laos or Cambodia."""
        assert chief("xh-1950-heat-01").resident is True
        assert chief("xh-1950-heat-01").resides_in == "south-vietnam-1975"
        assert chief("la-1950-heat-01").resident is False
        assert chief("kh-1950-heat-01").resident is False

    def test_charge_ad_interim(self) -> None:
        """Charles W. Thayer, chargé d'affaires ad interim at Kabul, 6 June to 2 July 1942."""
        thayer = chief("af-1942-thay-01")
        assert thayer.rank == "charge_ad_interim"
        assert thayer.role_title == "Chargé d\u2019Affaires ad interim"
        assert thayer.person_name == "Charles Wheeler Thayer"
        assert thayer.appointed == ChiefDate(None, None)
        assert (thayer.started.date, thayer.ended.date) == ("1942-06-06", "1942-07-02")

    def test_repeated_id(self) -> None:
        """Turkey lists tr-2014-bass-01 twice; the second, with its end date, is keyed #2."""
        first, second = chief("tr-2014-bass-01"), chief("tr-2014-bass-01#2")
        assert first.id == second.id == "tr-2014-bass-01"
        assert (first.ended.date, second.ended.date) == (None, "2017-10-15")
        assert any(
            "duplicate_chief_id" in p and "tr-2014-bass-01#2" in p for p in records().problems
        )

    def test_mission_note_follows_a_chief(self) -> None:
        """Cuba's 1961 break is noted after the chargé Braddock, before the interests section."""
        (note,) = (n for n in records().notes if "severed diplomatic relations with Cuba" in n.text)
        assert note.after == "cu--brad-01"
        assert note.text.startswith("The United States severed diplomatic relations with Cuba on")

    def test_other_nominee(self) -> None:
        """Other nominees are records too, marked as not having served."""
        assert not chief("sv-2012-apon-01#2").served


class TestInput:
    def test_folder_without_missions(self, tmp_path: Path) -> None:
        """A folder that is not a POCOM folder is refused, not read as empty."""
        with pytest.raises(FileNotFoundError, match="missions-countries"):
            read_chiefs(tmp_path)
