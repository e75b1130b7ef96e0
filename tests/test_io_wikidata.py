"""Wikidata P530: time values, entity JSON, SPARQL results, problems, and the history they give."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import diplorel as dr
from diplorel.io import wikidata

DATA = Path(__file__).parent / "data" / "wikidata"
ENTITIES = DATA / "entities-Q241-Q884-Q15180.json"
SPARQL = DATA / "p530-query.json"
PROBLEMS = DATA / "problems.json"
NO_ISO = {"Q180573": "XRV"}  # the Republic of Vietnam has no ISO code in Wikidata


@cache
def from_entities() -> dr.History:
    return wikidata.read_p530(ENTITIES)


@cache
def from_sparql() -> dr.History:
    return wikidata.read_p530(SPARQL, iso_codes=NO_ISO)


def entity_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(ENTITIES.read_text(encoding="utf-8"))
    return document


def write(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "p530.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def dates(history: dr.History, a: str, b: str) -> list[tuple[str, str]]:
    return [
        (type(e).__name__, str(e.on))
        for e in history.events(a, b)
        if isinstance(e, dr.RelationsEstablished | dr.RelationsSevered)
    ]


class TestTimeValues:
    @pytest.mark.parametrize(
        ("time", "precision", "expected"),
        [
            ("+1949-00-00T00:00:00Z", 9, "1949"),
            ("1949-01-01T00:00:00Z", 9, "1949"),
            ("+1992-12-00T00:00:00Z", 10, "1992-12"),
            ("+2024-02-14T00:00:00Z", 11, "2024-02-14"),
            ("+2024-02-14T09:30:00Z", 13, "2024-02-14"),
            ("+1955-00-00T00:00:00Z", 8, "1950/1959"),
            ("+1950-00-00T00:00:00Z", 7, "1901/2000"),
            ("+2000-00-00T00:00:00Z", 7, "1901/2000"),
            ("+1901-00-00T00:00:00Z", 7, "1901/2000"),
            ("+2000-00-00T00:00:00Z", 6, "1001/2000"),
        ],
    )
    def test_precision_is_kept(self, time: str, precision: int, expected: str) -> None:
        """Day, month, year, decade, century and millennium map to days, months and spans."""
        assert str(wikidata.time_value_to_date(time, precision)) == expected

    def test_year_precision_is_never_the_first_of_january(self) -> None:
        """A year-precision value covers the whole year."""
        d = wikidata.time_value_to_date("+1949-00-00T00:00:00Z", 9)
        assert (d.earliest.isoformat(), d.latest.isoformat()) == ("1949-01-01", "1949-12-31")
        assert not d.is_exact

    def test_julian_day_is_converted(self) -> None:
        """A Julian-calendar day becomes its Gregorian day (25 October 1917 is 7 November)."""
        d = wikidata.time_value_to_date("+1917-10-25T00:00:00Z", 11, calendar=wikidata.JULIAN)
        assert str(d) == "1917-11-07"

    def test_julian_leap_days(self) -> None:
        """1900 is a Julian leap year; 30 February is no Julian day."""
        julian = wikidata.JULIAN
        d = wikidata.time_value_to_date("+1900-02-29T00:00:00Z", 11, calendar=julian)
        assert str(d) == "1900-03-13"
        with pytest.raises(ValueError, match="no day 1917-02-30 in the Julian calendar"):
            wikidata.time_value_to_date("+1917-02-30T00:00:00Z", 11, calendar=julian)

    @pytest.mark.parametrize(
        ("time", "precision", "message"),
        [
            ("+1949-00-00T00:00:00Z", 10, "month must be in 1..12"),
            ("+1949-02-00T00:00:00Z", 11, "day is out of range"),
            ("-0500-00-00T00:00:00Z", 9, "before the common era"),
            ("+1949-00-00T00:00:00Z", 5, "coarser than a millennium"),
            ("1949", 9, "expected a time"),
        ],
    )
    def test_bad_values_are_value_errors(self, time: str, precision: int, message: str) -> None:
        """Zero months at month precision, BCE years, coarse precisions and junk are refused."""
        with pytest.raises(ValueError, match=message):
            wikidata.time_value_to_date(time, precision)


class TestEntityJson:
    def test_start_and_end_become_events(self) -> None:
        """Starts are RelationsEstablished at an unknown level, ends RelationsSevered by nobody."""
        assert dates(from_entities(), "CUB", "KOR") == [
            ("RelationsEstablished", "1949"),
            ("RelationsSevered", "1959"),
            ("RelationsEstablished", "2024-02-14"),
        ]
        first, severed = from_entities().events("CUB", "KOR")[:2]
        assert isinstance(first, dr.RelationsEstablished)
        assert first.level is dr.Level.UNKNOWN
        assert isinstance(severed, dr.RelationsSevered)
        assert severed.by is None

    def test_history_answers(self) -> None:
        """CUB-KOR: severed in 1980, uncertain in mid-1959, established in March 2024."""
        h = from_entities()
        assert h.status("CUB", "KOR", on="1980-06-01").diplomatic is dr.Diplomatic.SEVERED
        assert not h.status("CUB", "KOR", on="1959-06-01").certain
        s = h.status("CUB", "KOR", on="2024-03-01")
        assert s.diplomatic is dr.Diplomatic.ESTABLISHED
        assert s.since == dr.parse_edtf("2024-02-14")
        assert h.anomalies == ()

    def test_symmetric_statements_are_merged(self) -> None:
        """The same relation stated on both entities is one event citing both statements."""
        first = from_entities().events("CUB", "KOR")[0]
        assert [s.title for s in first.sources] == ["Q241 P530 Q884", "Q884 P530 Q241"]
        assert first.sources[0] == dr.Source(
            publisher="Wikidata",
            title="Q241 P530 Q884",
            url="https://www.wikidata.org/wiki/Q241",
        )

    def test_deprecated_statements_are_skipped(self) -> None:
        """Cuba's deprecated statement (start 1902) gives no event."""
        assert all(e.on.earliest.year != 1902 for e in from_entities().events())

    def test_iso_3166_3_code_of_a_former_state(self) -> None:
        """The USSR has no P298; its P773 code SUHH is the registry's SUN."""
        h = from_entities()
        assert dates(h, "CUB", "SUN")[:2] == [
            ("RelationsEstablished", "1942-10-14"),
            ("RelationsSevered", "1952-04-03"),
        ]
        assert h.status("CUB", "SUN", on="1955-01-01").diplomatic is dr.Diplomatic.SEVERED
        assert h.status("CUB", "SUN", on="1970-01-01").diplomatic is dr.Diplomatic.ESTABLISHED

    def test_preferred_code_wins(self) -> None:
        """Of several P298 values the preferred one counts; deprecated ones never do."""
        document = entity_document()
        codes = document["entities"]["Q884"]["claims"]["P298"]
        old = copy.deepcopy(codes[0])
        old["mainsnak"]["datavalue"]["value"] = "PRK"
        codes[:] = [dict(old, rank="deprecated"), codes[0], dict(old, rank="normal")]
        codes[1]["rank"] = "preferred"
        events = wikidata.p530_events(document)
        assert {e.between for e in events} >= {("CUB", "KOR")}
        assert all("PRK" not in e.between for e in events)

    def test_undated_statements_give_no_event(self) -> None:
        """Cuba-France is stated without qualifiers: no event, and France needs no code."""
        assert from_entities().events("CUB", "FRA") == ()

    def test_partner_code_from_iso_codes(self, tmp_path: Path) -> None:
        """A partner that is not in the file takes its code from ``iso_codes``."""
        document = entity_document()
        del document["entities"]["Q884"]
        h = wikidata.read_p530(write(tmp_path, document), iso_codes={"Q884": "KOR"})
        assert dates(h, "CUB", "KOR") == dates(from_entities(), "CUB", "KOR")
        assert len(h.events("CUB", "KOR")[0].sources) == 1

    def test_novalue_end_means_no_end(self, tmp_path: Path) -> None:
        """An end time stated as ``novalue`` gives no severance."""
        document = entity_document()
        statement = document["entities"]["Q241"]["claims"]["P530"][0]
        statement["qualifiers"]["P582"] = [{"snaktype": "novalue", "property": "P582"}]
        del document["entities"]["Q884"]
        h = wikidata.read_p530(write(tmp_path, document), iso_codes={"Q884": "KOR"})
        assert ("RelationsSevered", "1959") not in dates(h, "CUB", "KOR")


class TestSparqlResults:
    def test_rows_become_events(self) -> None:
        """Rows give the same CUB-KOR events as the entities, merged across both directions."""
        h = from_sparql()
        assert dates(h, "CUB", "KOR") == dates(from_entities(), "CUB", "KOR")
        assert len(h.events("CUB", "KOR")[0].sources) == 2

    def test_month_and_decade_precision(self) -> None:
        """KOR-VNM is dated to December 1992, CUB-FRA to the 1900s."""
        h = from_sparql()
        assert dates(h, "KOR", "VNM") == [("RelationsEstablished", "1992-12")]
        assert dates(h, "CUB", "FRA") == [("RelationsEstablished", "1900/1909")]
        assert not h.status("KOR", "VNM", on="1992-12-15").certain
        assert h.status("KOR", "VNM", on="1993-01-01").diplomatic is dr.Diplomatic.ESTABLISHED

    def test_deprecated_rank_and_undated_rows_are_skipped(self) -> None:
        """The deprecated 1902 row and the undated KOR-FRA row give no event."""
        h = from_sparql()
        assert all(e.on.earliest.year != 1902 for e in h.events())
        assert h.events("KOR", "FRA") == ()

    def test_partner_without_iso_code_is_a_problem(self) -> None:
        """Without ``iso_codes`` the South Vietnam row is reported with its QID and place."""
        with pytest.raises(dr.LoadError) as info:
            wikidata.read_p530(SPARQL)
        assert info.value.problems == (
            (
                "Q180573 has no ISO 3166-1 alpha-3 (P298) or ISO 3166-3 (P773) code; "
                "give one in iso_codes={'Q180573': ...} @ $.results.bindings[5]"
            ),
        )
        assert dates(from_sparql(), "KOR", "XRV") == [
            ("RelationsEstablished", "1955"),
            ("RelationsSevered", "1975"),
        ]

    def test_missing_variables(self, tmp_path: Path) -> None:
        """Results of another query name the variables the reader needs."""
        document = {"head": {"vars": ["country", "partner"]}, "results": {"bindings": []}}
        with pytest.raises(dr.LoadError, match=r"\?countryIso, \?partnerIso.* @ \$\.head"):
            wikidata.read_p530(write(tmp_path, document))

    def test_bad_rows_are_reported_together(self, tmp_path: Path) -> None:
        """A blank-node partner, a precision-less time and a bad value are all reported."""
        document = json.loads(SPARQL.read_text(encoding="utf-8"))
        rows = document["results"]["bindings"]
        rows[0]["partner"]["value"] = "http://www.wikidata.org/.well-known/genid/a1b2"
        del rows[1]["startPrecision"]
        rows[2]["start"]["value"] = "2024-02-30T00:00:00Z"
        with pytest.raises(dr.LoadError) as info:
            wikidata.read_p530(write(tmp_path, document), iso_codes=NO_ISO)
        places = [p.rpartition(" @ ")[2] for p in info.value.problems]
        assert places == [
            "$.results.bindings[0].partner",
            "$.results.bindings[1].start",
            "$.results.bindings[2].start",
        ]


class TestProblems:
    def test_every_problem_is_reported_at_once(self) -> None:
        """Bad times, unknown values, missing and unknown codes: one LoadError, each placed."""
        with pytest.raises(dr.LoadError) as info:
            wikidata.read_p530(PROBLEMS)
        e = info.value
        assert e.source == str(PROBLEMS)
        base = "$.entities.Q241.claims.P530"
        assert sorted(p.rpartition(" @ ")[2] for p in e.problems) == [
            f"{base}[0]",
            f"{base}[1]",
            f"{base}[2].qualifiers.P580[0]",
            f"{base}[3].qualifiers.P580[0]",
            f"{base}[4]",
            f"{base}[5].qualifiers.P580[0]",
            f"{base}[6]",
        ]
        text = str(e)
        assert "cannot load" in text
        assert "7 problems" in text
        assert "Q884 has no ISO 3166-1 alpha-3 (P298)" in text
        assert "Q258: unknown ISO code 'SAF' (did you mean ZAF" in text
        assert "month must be in 1..12" in text
        assert "somevalue" in text

    def test_malformed_json(self, tmp_path: Path) -> None:
        """Text that is not JSON is one problem naming the line."""
        path = tmp_path / "broken.json"
        path.write_text('{"entities": {\n', encoding="utf-8")
        with pytest.raises(dr.LoadError, match=r"malformed JSON: .* @ line 2"):
            wikidata.read_p530(path)

    def test_unknown_shape(self, tmp_path: Path) -> None:
        """JSON that is neither shape is refused at its root."""
        with pytest.raises(dr.LoadError, match=r"entity JSON or SPARQL results JSON @ \$"):
            wikidata.read_p530(write(tmp_path, [1, 2, 3]))

    def test_missing_file(self, tmp_path: Path) -> None:
        """A file that cannot be read is a LoadError, not an OSError."""
        with pytest.raises(dr.LoadError, match="cannot read the file"):
            wikidata.read_p530(tmp_path / "nope.json")

    def test_codes_must_be_registry_codes(self) -> None:
        """An alias of a state (ROK for KOR) in P298 is reported, not taken for a code."""
        document = entity_document()
        document["entities"]["Q884"]["claims"]["P298"][0]["mainsnak"]["datavalue"]["value"] = "ROK"
        with pytest.raises(dr.LoadError, match="unknown ISO code 'ROK'"):
            wikidata.p530_events(document)


class TestModes:
    def orphan_end(self) -> dict[str, Any]:
        """Cuba-Korea with only an end: a break of relations that were never established."""
        document = entity_document()
        statements = document["entities"]["Q241"]["claims"]["P530"]
        statements[:] = [copy.deepcopy(statements[0])]
        del statements[0]["qualifiers"]["P580"]
        document["entities"] = {"Q241": document["entities"]["Q241"]}
        return document

    def test_lenient_by_default(self, tmp_path: Path) -> None:
        """Contradictions become anomalies."""
        h = wikidata.read_p530(write(tmp_path, self.orphan_end()), iso_codes={"Q884": "KOR"})
        assert [a.kind for a in h.anomalies] == ["invalid_transition"]

    def test_strict_on_request(self, tmp_path: Path) -> None:
        """``strict=True`` raises the engine's error."""
        path = write(tmp_path, self.orphan_end())
        with pytest.raises(dr.InvalidTransitionError):
            wikidata.read_p530(path, iso_codes={"Q884": "KOR"}, strict=True)

    def test_events_without_a_file(self) -> None:
        """``p530_events`` turns a parsed document into events to add to another history."""
        events = wikidata.p530_events(entity_document())
        assert all(isinstance(e, dr.RelationsEstablished | dr.RelationsSevered) for e in events)
        h = dr.History([], strict=False).add(*events)
        assert h.status("KOR", "CUB", on="1980-06-01").diplomatic is dr.Diplomatic.SEVERED


class TestMalformedStructure:
    def test_entity_json(self) -> None:
        """Every malformed part of entity JSON is reported with its path."""
        document = entity_document()
        entities = document["entities"]
        cuba = entities["Q241"]["claims"]["P530"]
        cuba[0]["qualifiers"]["P580"][0]["datavalue"]["value"]["calendarmodel"] = "Q12138"
        cuba[1]["qualifiers"]["P580"] = {"not": "a list"}
        cuba[2]["rank"] = "normal"
        cuba[2]["mainsnak"]["datavalue"]["value"] = "Q884"
        cuba[3]["qualifiers"]["P580"][0]["datavalue"]["value"] = "1942"
        cuba[4]["mainsnak"]["datavalue"]["value"]["id"] = "Q241"
        cuba.append("not a statement")
        entities["Q884"]["claims"]["P530"] = {}
        entities["Q15180"] = {"id": "Q15180", "missing": ""}
        entities["Q142"] = {"id": "Q142", "claims": {"P298": [], "P530": []}}
        with pytest.raises(dr.LoadError) as info:
            wikidata.p530_events(document, iso_codes={"Q15180": "SUN"})
        assert [p.rpartition(" @ ")[2] for p in info.value.problems] == [
            "$.entities.Q15180",
            "$.entities.Q241.claims.P530[0].qualifiers.P580[0]",
            "$.entities.Q241.claims.P530[1].qualifiers",
            "$.entities.Q241.claims.P530[2]",
            "$.entities.Q241.claims.P530[3].qualifiers.P580[0]",
            "$.entities.Q241.claims.P530[6]",
            "$.entities.Q884.claims.P530",
            "$.entities.Q241.claims.P530[4].qualifiers.P580[0]",
        ]
        assert "unknown calendar model 'Q12138'" in info.value.problems[1]
        assert "a state cannot relate to itself (CUB)" in info.value.problems[-1]

    def test_no_entities(self) -> None:
        """An empty entities object is a problem, not an empty history."""
        with pytest.raises(dr.LoadError, match=r"entities by QID @ \$\.entities"):
            wikidata.p530_events({"entities": {}})

    def test_sparql(self) -> None:
        """Bindings that are not a list, and rows that are not objects, are reported."""
        head = {"vars": ["country", "countryIso", "partner", "partnerIso"]}
        head["vars"] += ["start", "startPrecision", "end", "endPrecision"]
        with pytest.raises(dr.LoadError, match=r"list of bindings @ \$\.results\.bindings"):
            wikidata.p530_events({"head": head, "results": {"bindings": {}}})
        with pytest.raises(dr.LoadError, match=r"object of bindings @ \$\.results\.bindings\[0\]"):
            wikidata.p530_events({"head": head, "results": {"bindings": [[]]}})
