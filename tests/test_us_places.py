"""The table mapping the Office of the Historian's territory and country ids to registry codes.

``src/diplorel/data/us_places.csv`` has one row per id and period: ``dataset`` (pocom or rdcr),
``id``, ``code``, ``from`` and ``to`` (inclusive; ISO dates or coarser, empty = open), ``kind``
and ``note``.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import itertools
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pendulum
import pytest

import diplorel as dr

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {
    "pocom": ROOT / "tools" / "usdos" / "data" / "pocom" / "missions-countries",
    "rdcr": ROOT / "tools" / "usdos" / "data" / "rdcr" / "articles",
}
KINDS = {"state", "territory", "organization", "other"}
REG = dr.default_registry()


def rows() -> list[dict[str, str]]:
    text = (resources.files("diplorel") / "data" / "us_places.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


ROWS = rows()


def bound(text: str, *, end: bool) -> dt.date:
    """The earliest (or, for an end, the latest) day a from/to value can mean."""
    if not text:
        return dt.date.max if end else dt.date.min
    parts = [int(p) for p in text.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else (12 if end else 1)
    last = calendar.monthrange(year, month)[1]
    day = parts[2] if len(parts) > 2 else (last if end else 1)
    return dt.date(year, month, day)


def codes_of(dataset: str, ident: str) -> list[tuple[str, str, str]]:
    return [
        (r["code"], r["from"], r["to"])
        for r in ROWS
        if r["dataset"] == dataset and r["id"] == ident
    ]


def test_header_and_order() -> None:
    assert list(ROWS[0]) == ["dataset", "id", "code", "from", "to", "kind", "note"]
    keys = [(r["dataset"], r["id"], r["from"]) for r in ROWS]
    assert keys == sorted(keys)


@pytest.mark.parametrize("dataset", sorted(FOLDERS))
def test_every_id_has_a_row(dataset: str) -> None:
    ids = {p.stem for p in FOLDERS[dataset].glob("*.xml")}
    assert len(ids) == {"pocom": 199, "rdcr": 228}[dataset]
    mapped = {r["id"] for r in ROWS if r["dataset"] == dataset}
    assert ids == mapped


def test_kinds_and_codes() -> None:
    for r in ROWS:
        assert r["dataset"] in FOLDERS
        assert r["kind"] in KINDS, r
        assert r["note"], r
        if r["kind"] == "state":
            assert r["code"] in REG, r
            assert REG.get(r["code"]).code == r["code"]
        else:
            assert not r["code"], r


def test_dates_well_formed_and_periods_do_not_overlap() -> None:
    periods: dict[tuple[str, str], list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for r in ROWS:
        start, stop = bound(r["from"], end=False), bound(r["to"], end=True)
        assert start <= stop, r
        periods[r["dataset"], r["id"]].append((start, stop))
    for key, spans in periods.items():
        spans.sort()
        for (_, a_end), (b_start, _) in itertools.pairwise(spans):
            assert a_end < b_start, key


def test_dated_state_rows_lie_within_the_state() -> None:
    """A row's dated start falls inside the existence of the state it names."""
    for r in ROWS:
        if r["kind"] == "state" and len(r["from"]) == len("1900-01-01"):
            day = bound(r["from"], end=False)
            assert REG.get(r["code"]).exists_on(pendulum.Date(day.year, day.month, day.day)), r


def test_russia_and_soviet_union() -> None:
    expected = [
        ("RUS", "", "1922-12-29"),
        ("SUN", "1922-12-30", "1991-12-25"),
        ("RUS", "1991-12-26", ""),
    ]
    for dataset in ("pocom", "rdcr"):
        assert codes_of(dataset, "russia") == expected
    assert codes_of("rdcr", "soviet-union") == expected
    (cont,) = [c for c in REG.continuations() if c.old == "SUN"]
    assert (cont.new, cont.on) == ("RUS", pendulum.Date(1991, 12, 26))


def test_china_and_taiwan() -> None:
    expected = [
        ("CHN", "", "1949-12-07"),
        ("TWN", "1949-12-08", "1978-12-31"),
        ("CHN", "1979-01-01", ""),
    ]
    for dataset in ("pocom", "rdcr"):
        assert codes_of(dataset, "china") == expected
    assert REG.get("TWN").begins_on == pendulum.Date(1949, 12, 8)


def test_texas() -> None:
    """Texas declared independence on March 2, 1836 and joined the US on December 29, 1845.

    Source: https://history.state.gov/countries/texas.
    """
    for dataset in ("pocom", "rdcr"):
        assert codes_of(dataset, "texas") == [("XTX", "", "")]
    texas = REG.get("XTX")
    assert texas.code_kind == "user-assigned"
    assert (texas.begins_on, texas.ends_on) == (
        pendulum.Date(1836, 3, 2),
        pendulum.Date(1845, 12, 29),
    )
    assert texas.absorbed_by == "USA"
    assert REG.resolve("Republic of Texas") == "XTX"


def test_new_historic_states() -> None:
    """Ends from the Office of the Historian's articles (see lifecycle.csv for the quotes)."""
    ends = {
        "hawaii": ("XHI", "1898-08-12", "USA"),
        "nassau": ("XNA", "1866-10-03", "DEU"),
        "brunswick-luneburg": ("XBR", "1867-07-01", "DEU"),
        "congo-free-state": ("XCF", "1908-11-15", "BEL"),
        "lew-chew": ("XRY", "1880-01-01", "JPN"),
        "genoa": ("XGE", "1816-01-01", "ITA"),
        "hanseatic-republics": ("XHR", "1867-07-01", "DEU"),
    }
    for ident, (code, on, by) in ends.items():
        assert codes_of("rdcr", ident) == [(code, "", "")]
        state = REG.get(code)
        assert str(state.ends_on) == on
        assert state.absorbed_by == by
        assert any(x.state == code and "history.state.gov" in x.source for x in REG.extinctions())


def test_splits_and_non_states() -> None:
    assert [c for c, _, _ in codes_of("pocom", "korea")] == ["XKR", "KOR"]
    assert [c for c, _, _ in codes_of("pocom", "serbia")] == ["YUG", "SCG", "SRB"]
    assert [c for c, _, _ in codes_of("rdcr", "vietnam")] == ["", "XRV", "VNM"]
    assert [c for c, _, _ in codes_of("pocom", "colombia")] == ["XGC", "COL"]
    assert codes_of("rdcr", "north-german-confederation") == [("DEU", "", "")]
    assert codes_of("rdcr", "piedmont-sardinia") == [("ITA", "", "")]
    territories = {r["id"] for r in ROWS if r["kind"] == "territory"}
    assert territories == {"cayman-islands", "cook-islands", "niue"}
