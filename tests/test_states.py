from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from diplorel._states import (
    Continuation,
    CowCodePeriod,
    Extinction,
    Government,
    GwCodePeriod,
    GwSpell,
    State,
    StateRegistry,
    _key,
    default_registry,
    resolve_state,
)
from diplorel.cli import main
from diplorel.exceptions import InvalidEventError, UnknownStateError

STATELIST = Path(__file__).parent / "data" / "statelist2024.csv"
REG = default_registry()
D = pendulum.Date


def cow_rows() -> list[dict[str, str]]:
    """The rows of the COW v2024 state list copied into tests/data."""
    with STATELIST.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


class TestResolve:
    """Codes, names and aliases resolve to codes."""

    def test_code(self) -> None:
        """A code resolves to itself."""
        assert REG.resolve("KOR") == "KOR"

    def test_code_lower_case(self) -> None:
        """Codes are case-insensitive."""
        assert REG.resolve("kor") == "KOR"

    @pytest.mark.parametrize(
        "query", ["South Korea", "Republic of Korea", "ROK", "Korea, Republic of", "south  korea"]
    )
    def test_alias(self, query: str) -> None:
        """Names, COW abbreviations and ISO names resolve to KOR."""
        assert REG.resolve(query) == "KOR"

    @pytest.mark.parametrize(
        ("query", "code"),
        [
            ("China", "CHN"),
            ("Taiwan", "TWN"),
            ("Republic of China", "TWN"),  # names resolve without dates: today's reading
            ("ROC", "TWN"),
            ("Soviet Union", "SUN"),
            ("USSR", "SUN"),
            ("Russia", "RUS"),
            ("East Germany", "DDR"),
            ("GFR", "DEU"),
            ("UKG", "GBR"),
            ("Holy See", "VAT"),
            ("Kosovo", "XKX"),
            ("Cote d'Ivoire", "CIV"),
            ("Côte d’Ivoire", "CIV"),  # noqa: RUF001 - the curly apostrophe is the point
            ("Bavaria", "XBV"),
            ("Serbia", "SRB"),
            ("Vietnam", "VNM"),
        ],
    )
    def test_names(self, query: str, code: str) -> None:
        """Common, official, COW and G-W names resolve, ignoring accents and apostrophes."""
        assert REG.resolve(query) == code

    def test_get_returns_state(self) -> None:
        """get() returns the State with its names."""
        state = REG.get("PRK")
        assert isinstance(state, State)
        assert state.name == "North Korea"
        assert state.code_kind == "iso3166-1"

    def test_resolve_state_uses_default_registry(self) -> None:
        """resolve_state() is resolve() on the default registry."""
        assert resolve_state("South Korea") == "KOR"

    def test_default_registry_is_cached(self) -> None:
        """The default registry is built once."""
        assert default_registry() is default_registry()

    def test_ambiguous_names_are_not_aliases(self) -> None:
        """The ambiguous names Korea and Congo resolve to nothing."""
        assert "Korea" not in REG
        assert "Congo" not in REG

    def test_contains(self) -> None:
        """`in` accepts codes and names, and rejects non-strings."""
        assert "kor" in REG
        assert "Republic of Korea" in REG
        assert "Atlantis" not in REG
        assert 732 not in REG


class TestUnknown:
    """Unknown states raise UnknownStateError with suggestions."""

    def test_suggestions(self) -> None:
        """A misspelt name raises UnknownStateError suggesting KOR and PRK first."""
        with pytest.raises(UnknownStateError) as info:
            REG.get("Koreaa", where="events[3].party")
        err = info.value
        assert err.value == "Koreaa"
        assert err.suggestions[:2] == ("KOR", "PRK")
        assert len(err.suggestions) <= 5
        assert err.where == "events[3].party"
        assert "events[3].party" in str(err)

    def test_is_lookup_error(self) -> None:
        """UnknownStateError is a LookupError."""
        with pytest.raises(LookupError):
            resolve_state("Atlantis")

    def test_code_typo(self) -> None:
        """A near-miss name suggests the right state."""
        with pytest.raises(UnknownStateError) as info:
            REG.resolve("Untied States")
        assert info.value.suggestions[0] == "USA"

    def test_empty(self) -> None:
        """An empty query is unknown and has no suggestions."""
        with pytest.raises(UnknownStateError) as info:
            REG.get("  ")
        assert info.value.suggestions == ()


class TestSearch:
    """Free-text search for the CLI."""

    def test_substring(self) -> None:
        """search() finds every state whose names contain the text."""
        codes = [s.code for s in REG.search("korea")]
        assert {"KOR", "PRK", "XKR"} <= set(codes)

    def test_exact_first(self) -> None:
        """An exact match comes first."""
        assert REG.search("germany")[0].code == "DEU"

    def test_misspelling_finds_nothing_but_is_suggested(self) -> None:
        """A misspelling matches no word: search() is empty and suggest() has the state."""
        assert REG.search("Brazill") == []
        assert REG.suggest("Brazill")[0] == "BRA"

    def test_exact_name_finds_that_state_alone(self) -> None:
        """Germany is DEU alone: East Germany is not listed, nor Luxembourg or Hesse."""
        assert [s.code for s in REG.search("germany")] == ["DEU"]

    def test_whole_words_only(self) -> None:
        """Words match whole words: `german` finds the German states, `korea` three states."""
        assert {s.code for s in REG.search("german")} == {"DEU", "DDR"}
        assert [s.code for s in REG.search("korea")] == ["KOR", "PRK", "XKR"]

    def test_several_words_in_a_row(self) -> None:
        """Several words match when they follow each other in one name."""
        assert {"COD", "VDR"} <= {s.code for s in REG.search("democratic republic of")}
        assert [s.code for s in REG.search("korea republic")] == ["KOR"]
        assert REG.search("republic korea korea") == []

    def test_existing_states_first(self) -> None:
        """Existing states come before extinct ones, then by code."""
        codes = [s.code for s in REG.search("yemen")]
        assert codes == ["YEM"]  # an exact name
        assert [s.code for s in REG.search("vietnam republic")] == ["XRV"]
        assert [s.code for s in REG.search("congo")] == ["COD", "COG", "XCF"]

    def test_empty(self) -> None:
        """An empty text finds nothing."""
        assert REG.search("") == []


class TestCow:
    """COW ccodes map to codes by period, and back."""

    @pytest.mark.parametrize(
        ("ccode", "on", "code"),
        [
            (365, D(1900, 1, 1), "RUS"),
            (365, D(1980, 1, 1), "SUN"),
            (365, D(1991, 12, 25), "SUN"),
            (365, D(1991, 12, 26), "RUS"),
            (365, D(2000, 1, 1), "RUS"),
            (255, D(2000, 1, 1), "DEU"),
            (255, D(1900, 1, 1), "DEU"),
            (260, D(1970, 1, 1), "DEU"),
            (265, D(1970, 1, 1), "DDR"),
            (345, D(1980, 1, 1), "YUG"),
            (345, D(2004, 1, 1), "SCG"),
            (345, D(2010, 1, 1), "SRB"),
            (816, D(1970, 1, 1), "VDR"),
            (816, D(1980, 1, 1), "VNM"),
            (678, D(1980, 1, 1), "YEM"),
            (679, D(2000, 1, 1), "YEM"),
            (680, D(1980, 1, 1), "YMD"),
            (713, D(2000, 1, 1), "TWN"),
            (347, D(2010, 1, 1), "XKX"),
        ],
    )
    def test_from_cow(self, ccode: int, on: pendulum.Date, code: str) -> None:
        """A ccode maps to the code of its period."""
        assert REG.from_cow(ccode, on).code == code

    def test_from_cow_without_date(self) -> None:
        """Without a date, a ccode maps to its current code."""
        assert REG.from_cow(365).code == "RUS"
        assert REG.from_cow(345).code == "SRB"

    def test_unknown_ccode(self) -> None:
        """An unknown ccode raises UnknownStateError."""
        with pytest.raises(UnknownStateError):
            REG.from_cow(1)

    @pytest.mark.parametrize(
        ("code", "on", "ccode"),
        [
            ("DEU", D(1900, 1, 1), 255),
            ("DEU", D(1970, 1, 1), 260),
            ("DEU", D(2000, 1, 1), 255),
            ("DEU", D(1950, 1, 1), None),
            ("SUN", D(1980, 1, 1), 365),
            ("RUS", D(1980, 1, 1), None),
            ("SRB", D(2010, 1, 1), 345),
            ("CUB", D(1908, 1, 1), None),
        ],
    )
    def test_cow_code(self, code: str, on: pendulum.Date, ccode: int | None) -> None:
        """cow_code() gives the ccode of the spell holding the date, None outside spells."""
        assert REG.get(code).cow_code(on) == ccode

    def test_spells_are_clipped(self) -> None:
        """SCG's spell is COW 345 clipped to 2003-02-04..2006-06-02."""
        (spell,) = REG.get("SCG").cow
        assert (spell.ccode, spell.start, spell.end) == (345, D(2003, 2, 4), D(2006, 6, 2))

    def test_running_spell_is_open(self) -> None:
        """A spell that runs to the end of the data has end None."""
        assert REG.get("USA").cow[-1].end is None

    def test_every_cow_ccode_maps(self) -> None:
        """Every ccode of COW v2024 maps to a state on each day of each of its spells."""
        for row in cow_rows():
            ccode = int(row["ccode"])
            start = D(int(row["styear"]), int(row["stmonth"]), int(row["stday"]))
            end = D(int(row["endyear"]), int(row["endmonth"]), int(row["endday"]))
            for on in (start, end):
                state = REG.from_cow(ccode, on)
                if on != end or state.ends_on is None or on < state.ends_on:
                    assert state.cow_code(on) == ccode, (ccode, on, state.code)


class TestExistence:
    """When a state exists."""

    def test_ddr(self) -> None:
        """The GDR existed on 1990-10-02 and not on 1990-10-03."""
        ddr = REG.get("DDR")
        assert ddr.exists_on(D(1990, 10, 2))
        assert not ddr.exists_on(D(1990, 10, 3))
        assert ddr.absorbed_by == "DEU"

    def test_open_ended_start(self) -> None:
        """A state in COW since 1816-01-01 existed before 1816."""
        assert REG.get("USA").begins_on is None
        assert REG.get("USA").exists_on(D(1700, 1, 1))

    def test_begins(self) -> None:
        """A state does not exist before its first day."""
        kor = REG.get("KOR")
        assert kor.begins_on == D(1948, 8, 15)
        assert not kor.exists_on(D(1948, 8, 14))

    def test_gaps_do_not_end_a_state(self) -> None:
        """Cuba between its COW spells (1906-1909) still exists."""
        assert REG.get("CUB").exists_on(D(1908, 1, 1))

    def test_holy_see(self) -> None:
        """The Holy See is in the registry without COW spells."""
        vat = REG.get("VAT")
        assert vat.cow == ()
        assert vat.exists_on(D(1900, 1, 1))


class TestLifecycle:
    """Continuations, extinctions and lineage."""

    @pytest.mark.parametrize(
        ("code", "end"), [("SUN", "RUS"), ("YUG", "SRB"), ("SCG", "SRB"), ("VDR", "VNM")]
    )
    def test_lineage(self, code: str, end: str) -> None:
        """lineage() follows continuations to the end."""
        assert REG.lineage(code) == end

    @pytest.mark.parametrize("code", ["CUB", "RUS", "DDR", "XKX"])
    def test_lineage_of_others(self, code: str) -> None:
        """A state that is not continued is its own lineage."""
        assert REG.lineage(code) == code

    def test_lineage_accepts_names(self) -> None:
        """lineage() resolves names too."""
        assert REG.lineage("Soviet Union") == "RUS"

    def test_continuations(self) -> None:
        """The continuation facts include SUN -> RUS on 1991-12-26 (Declaration No. 142)."""
        facts = {(c.old, c.new, c.on) for c in REG.continuations()}
        assert ("SUN", "RUS", D(1991, 12, 26)) in facts
        assert ("YUG", "SCG", D(2003, 2, 4)) in facts
        assert ("SCG", "SRB", D(2006, 6, 3)) in facts
        assert ("VDR", "VNM", D(1976, 7, 2)) in facts
        assert all(c.source for c in REG.continuations())

    def test_extinctions(self) -> None:
        """The extinction facts include the GDR, Czechoslovakia and South Yemen."""
        facts = {(e.state, e.on, e.absorbed_by) for e in REG.extinctions()}
        assert ("DDR", D(1990, 10, 3), "DEU") in facts
        assert ("CSK", D(1993, 1, 1), None) in facts
        assert ("YMD", D(1990, 5, 22), "YEM") in facts
        assert all(e.source for e in REG.extinctions())

    def test_ends_on_matches_lifecycle(self) -> None:
        """Every state with a lifecycle fact ends on its date."""
        for c in REG.continuations():
            assert REG.get(c.old).ends_on == c.on
            assert REG.get(c.old).continued_by == c.new
        for e in REG.extinctions():
            assert REG.get(e.state).ends_on == e.on

    def test_ussr_ends_on_26_december(self) -> None:
        """The USSR's last day is 1991-12-25 (OH, Russia: Gorbachev resigned that day)."""
        sun = REG.get("SUN")
        assert sun.exists_on(D(1991, 12, 25))
        assert not sun.exists_on(D(1991, 12, 26))
        (cont,) = [c for c in REG.continuations() if c.old == "SUN"]
        assert "142-" in cont.source
        assert "December 25, 1991" in cont.source

    def test_zanzibar_ends_on_union_day(self) -> None:
        """Zanzibar ends on 1964-04-26, the day the union took effect (Articles of Union)."""
        (ext,) = [e for e in REG.extinctions() if e.state == "XZN"]
        assert (ext.on, ext.absorbed_by) == (D(1964, 4, 26), "TZA")
        assert "26 April 1964" in ext.source

    def test_every_date_cites_its_source(self) -> None:
        """Every lifecycle date cites a source; COW- and G-W-derived ones name the last day."""
        facts: list[Continuation | Extinction] = [*REG.continuations(), *REG.extinctions()]
        for fact in facts:
            assert fact.source, fact
            if fact.source.startswith(("Correlates of War", "Gleditsch")):
                assert fact.source.endswith(f"last day {fact.on.subtract(days=1)}"), fact


class TestChina:
    """China as the Correlates of War code it: one state CHN (710), and TWN (713) from 1949."""

    @pytest.mark.parametrize("year", [1850, 1900, 1930, 1949, 1960, 2000])
    def test_chn_is_one_state(self, year: int) -> None:
        """CHN exists at every date: Qing, Republic and People's Republic are its governments."""
        assert REG.get("CHN").exists_on(D(year, 6, 1))
        assert REG.from_cow(710, D(year, 6, 1)).code == "CHN"

    def test_chn_in_the_system_from_1860(self) -> None:
        """COW v2024 counts China (710) from 1860-10-25; existence is open-ended before."""
        chn = REG.get("CHN")
        assert chn.begins_on is None
        assert chn.cow_code(D(1860, 10, 24)) is None
        assert chn.cow_code(D(1860, 10, 25)) == 710
        assert chn.cow_code(D(1930, 1, 1)) == 710

    def test_twn_starts_where_cow_starts_it(self) -> None:
        """TWN begins on 1949-12-08, COW v2024's first day for Taiwan (713)."""
        twn = REG.get("TWN")
        assert twn.begins_on == D(1949, 12, 8)
        assert not twn.exists_on(D(1949, 12, 7))
        assert twn.cow_code(D(1949, 12, 8)) == 713

    def test_713_before_1949_is_nothing(self) -> None:
        """COW 713 stands for TWN from 1949-12-08 only."""
        assert REG.from_cow(713, D(1949, 12, 8)).code == "TWN"
        with pytest.raises(UnknownStateError):
            REG.from_cow(713, D(1930, 1, 1))

    def test_notes_explain_the_coding(self) -> None:
        """Both states say how China is coded."""
        assert "COW 710" in REG.get("CHN").note
        assert "1949-12-08" in REG.get("TWN").note


class TestGovernments:
    """Governments of a state, for acts that recognise a government."""

    def test_china(self) -> None:
        """China's governments, in order of taking office."""
        assert [g.id for g in REG.governments("CHN")] == ["qing", "roc", "prc"]
        assert [g.id for g in REG.governments("TWN")] == ["roc"]

    @pytest.mark.parametrize(
        ("on", "gov"),
        [
            (D(1900, 1, 1), "qing"),
            (D(1912, 2, 12), "roc"),  # OH, China: the emperor abdicated on 12 February 1912
            (D(1930, 1, 1), "roc"),
            (D(1949, 9, 30), "roc"),
            (D(1949, 10, 1), "prc"),  # OH, China: the PRC was established on 1 October 1949
            (D(1979, 1, 1), "prc"),
        ],
    )
    def test_government_on_chn(self, on: pendulum.Date, gov: str) -> None:
        """government_on() follows the sourced dates; ``to`` is exclusive."""
        found = REG.government_on("CHN", on)
        assert found is not None
        assert found.id == gov

    def test_overlap_in_1912(self) -> None:
        """Qing and Republic overlap (1912-01-01 Sun Yat-sen, 1912-02-12 abdication)."""
        day = D(1912, 1, 20)
        assert [g.id for g in REG.governments_on("CHN", day)] == ["qing", "roc"]
        found = REG.government_on("CHN", day)
        assert found is not None
        assert found.id == "qing"

    def test_taiwan(self) -> None:
        """TWN's government is the ROC from 1949-12-08 (COW 713), and none before TWN exists."""
        found = REG.government_on("TWN", D(1960, 1, 1))
        assert found is not None
        assert (found.id, found.state) == ("roc", "TWN")
        assert REG.governments_on("TWN", D(1930, 1, 1)) == ()
        assert REG.government_on("TWN", D(1930, 1, 1)) is None

    @pytest.mark.parametrize(
        ("code", "on", "gov"),
        [
            ("RUS", D(1900, 1, 1), "russian_empire"),
            ("RUS", D(1917, 3, 15), "provisional_government"),  # abdication of Nicholas II
            ("RUS", D(1917, 11, 7), "soviet"),  # OH, Russia: the Bolshevik Revolution
            ("SUN", D(1933, 11, 16), "soviet"),  # OH, Russia: the US recognised it this day
            ("RUS", D(1950, 1, 1), "soviet"),
            ("RUS", D(1991, 12, 26), "russian_federation"),
        ],
    )
    def test_russia(self, code: str, on: pendulum.Date, gov: str) -> None:
        """Russia's and the USSR's governments are one list (the RUS lineage)."""
        found = REG.government_on(code, on)
        assert found is not None
        assert found.id == gov

    def test_ussr_lists_the_lineage(self) -> None:
        """SUN finds the governments filed under RUS; none for a day SUN did not exist."""
        assert REG.governments("SUN") == REG.governments("RUS")
        assert REG.government_on("SUN", D(1920, 1, 1)) is None

    def test_government_by_id(self) -> None:
        """government() finds an id, through the lineage too."""
        assert REG.government("CHN", "prc").begins_on == D(1949, 10, 1)
        assert REG.government("USSR", "soviet").ends_on == D(1991, 12, 26)

    def test_unknown_government(self) -> None:
        """An unknown id raises InvalidEventError naming it and the known ids."""
        with pytest.raises(InvalidEventError) as info:
            REG.government("CHN", "kmt", event="GovernmentRecognized CHN-USA")
        message = str(info.value)
        assert "'kmt'" in message
        assert "qing, roc, prc" in message
        assert info.value.event == "GovernmentRecognized CHN-USA"
        assert isinstance(info.value, ValueError)

    def test_state_without_governments(self) -> None:
        """A state that lists no governments says so."""
        assert REG.governments("CUB") == ()
        assert REG.government_on("CUB", D(2000, 1, 1)) is None
        with pytest.raises(InvalidEventError, match="none recorded"):
            REG.government("CUB", "castro")

    def test_unknown_state(self) -> None:
        """An unknown state is an UnknownStateError, not a government error."""
        with pytest.raises(UnknownStateError):
            REG.government("Atlantis", "x")

    def test_every_date_cites_its_source(self) -> None:
        """Every dated start or end of a government cites a source."""
        govs = [g for code in ("CHN", "TWN", "RUS") for g in REG.governments(code)]
        assert len(govs) == 8
        for g in govs:
            assert (g.begins_on is None) or g.sources[0], g
            assert (g.ends_on is None) or g.sources[1], g

    def test_in_office(self) -> None:
        """in_office_on() counts the first day and not the end day."""
        roc = REG.government("CHN", "roc")
        assert roc.in_office_on(D(1912, 1, 1))
        assert not roc.in_office_on(D(1949, 10, 1))


class TestContinuity:
    """Legal continuity and COW membership are separate facts."""

    @pytest.mark.parametrize(
        ("code", "on"),
        [
            ("EST", D(1960, 1, 1)),  # OH, Estonia: the US never recognised the annexation
            ("LVA", D(1960, 1, 1)),
            ("LTU", D(1960, 1, 1)),
            ("AUT", D(1940, 1, 1)),  # COW 305: out 1938-03-13 to 1955-07-27
            ("DEU", D(1950, 1, 1)),  # COW 255 ends 1945-05-08, 260 starts 1955-05-05
            ("JPN", D(1950, 1, 1)),  # COW 740: out 1945-08-14 to 1952-04-28
        ],
    )
    def test_exists_outside_the_system(self, code: str, on: pendulum.Date) -> None:
        """The state exists on the date, while COW counts no membership then."""
        state = REG.get(code)
        assert state.exists_on(on)
        assert state.cow_code(on) is None
        assert state.ends_on is None

    def test_baltic_spells_kept(self) -> None:
        """COW's Baltic spells end in 1940 and restart on 1991-09-06."""
        for code in ("EST", "LVA", "LTU"):
            spells = REG.get(code).cow
            assert [s.start.year for s in spells] == [1918, 1991]
            assert spells[0].end is not None
            assert spells[0].end.year == 1940
            assert spells[1].start == D(1991, 9, 6)

    def test_no_lifecycle_rows(self) -> None:
        """None of these states is extinct or continued in the registry."""
        ended = {e.state for e in REG.extinctions()} | {c.old for c in REG.continuations()}
        assert not ended & {"EST", "LVA", "LTU", "AUT", "DEU", "JPN"}


class TestData:
    """The packaged data hang together."""

    def test_aliases_unique(self) -> None:
        """No code, name or alias names two states, compared as lookups compare them."""
        seen: dict[str, str] = {}
        for state in REG:
            for text in {_key(t) for t in (state.code, state.name, *state.aliases)}:
                assert seen.setdefault(text, state.code) == state.code, text

    def test_codes_are_three_letters(self) -> None:
        """Codes are three upper-case letters; own codes start with X."""
        for state in REG:
            assert len(state.code) == 3
            assert state.code.isupper()
            assert (state.code_kind == "user-assigned") == state.code.startswith("X")

    def test_size(self) -> None:
        """The registry iterates over every state once."""
        assert len(list(REG)) == len(REG) == len({s.code for s in REG})

    def test_packaged_cow_spells_are_verbatim(self) -> None:
        """One spell per COW row, plus the splits of 365 (3 parts), 345 and 816 (2 each)."""
        assert sum(len(s.cow) for s in REG) == len(cow_rows()) + 4


class TestValidation:
    """Bad data are rejected when a registry is built."""

    def test_duplicate_alias(self) -> None:
        """A name claimed by two states is rejected when the registry is built."""
        a = State("AAA", "iso3166-1", "A", "A", aliases=("Same",))
        b = State("BBB", "iso3166-1", "B", "B", aliases=("same",))
        with pytest.raises(ValueError, match="names both AAA and BBB"):
            StateRegistry((a, b))

    def test_unknown_reference(self) -> None:
        """A COW period or successor naming an unknown code is rejected."""
        a = State("AAA", "iso3166-1", "A", "A", continued_by="ZZZ")
        with pytest.raises(ValueError, match="unknown successor ZZZ") as info:
            StateRegistry((a,), (CowCodePeriod(1, "YYY"),))
        assert "unknown code YYY" in str(info.value)

    def test_cycle(self) -> None:
        """A continuation cycle is rejected."""
        a = State("AAA", "iso3166-1", "A", "A", continued_by="BBB")
        b = State("BBB", "iso3166-1", "B", "B", continued_by="AAA")
        with pytest.raises(ValueError, match="cycle"):
            StateRegistry((a, b))

    @pytest.mark.parametrize(
        ("government", "words"),
        [
            (Government("ZZZ", "g", "G"), "unknown state ZZZ"),
            (Government("AAA", "g", "G", begins_on=D(1950, 1, 1)), "a date without a source"),
            (
                Government("AAA", "g", "G", D(1950, 1, 1), D(1940, 1, 1), ("x", "y")),
                "ends before it begins",
            ),
        ],
    )
    def test_bad_government(self, government: Government, words: str) -> None:
        """A government of an unknown state, without a source or ending early is rejected."""
        a = State("AAA", "iso3166-1", "A", "A")
        with pytest.raises(ValueError, match=words):
            StateRegistry((a,), (), (), (), (government,))

    def test_duplicate_government(self) -> None:
        """The same government id twice for one state is rejected."""
        a = State("AAA", "iso3166-1", "A", "A")
        g = Government("AAA", "g", "G")
        with pytest.raises(ValueError, match="listed twice"):
            StateRegistry((a,), (), (), (), (g, g))

    def test_governments_from_csv(self) -> None:
        """from_csv() reads governments.csv; the table is optional."""
        header = "code,code_kind,name,official_name,aliases,independent_on,note\n"
        texts = {
            "states": header + "AAA,iso3166-1,A,A,,,\n",
            "cow_spells": "ccode,stateabb,statenme,start,end\n1,AAA,A,1900-01-01,2000-01-01\n",
            "cow_codes": "ccode,code,from,to\n1,AAA,,\n",
            "lifecycle": "code,event,on,other,source\n",
        }
        assert StateRegistry.from_csv(**texts).governments("AAA") == ()
        govs = (
            "state,government,name,from,to,from_source,to_source\n"
            "AAA,old,Old,,1950-01-01,,cited\nAAA,new,New,1950-01-01,,cited,\n"
        )
        reg = StateRegistry.from_csv(**texts, governments=govs)
        found = reg.government_on("AAA", D(1960, 1, 1))
        assert found is not None
        assert found.id == "new"

    def test_bad_lifecycle_row(self) -> None:
        """A lifecycle row with an unknown event is rejected."""
        header = "code,code_kind,name,official_name,aliases,independent_on,note\n"
        with pytest.raises(ValueError, match="invalid lifecycle row"):
            StateRegistry.from_csv(
                states=header + "AAA,iso3166-1,A,A,,,\n",
                cow_spells="ccode,stateabb,statenme,start,end\n1,AAA,A,1900-01-01,2000-01-01\n",
                cow_codes="ccode,code,from,to\n1,AAA,,\n",
                lifecycle="code,event,on,other,source\nAAA,vanished,1950-01-01,,x\n",
            )


@given(st.sampled_from(sorted(s.code for s in REG)), st.booleans())
def test_code_resolves_to_itself(code: str, lower: bool) -> None:
    """Any code in the registry resolves to itself, in upper or lower case."""
    assert REG.resolve(code.lower() if lower else code) == code


def _day(text: str) -> pendulum.Date:
    return pendulum.Date(*map(int, text.split("-")))


class TestGleditschWard:
    """Gleditsch-Ward numbers, letters and spells, checked against ``iisystem.dat``.

    The expected rows are quoted from Gleditsch & Ward's list of independent states, 2017 update
    (ksgleditsch.com, ``iisystem.dat``); ``data/CODES.md`` cites it.
    """

    @pytest.mark.parametrize(
        ("code", "spells"),
        [
            # 255 GMY Germany (Prussia) 01:01:1816 07:05:1945; 260 GFR 21:09:1949 31:12:2017
            ("DEU", [(255, "GMY", "1816-01-01", "1945-05-07"), (260, "GFR", "1949-09-21", None)]),
            # 265 GDR German Democratic Republic 05:10:1949 02:10:1990
            ("DDR", [(265, "GDR", "1949-10-05", "1990-10-02")]),
            # 816 DRV Vietnam, Democratic Republic of 01:05:1954 31:12:2017, split at 1976-07-02
            ("VDR", [(816, "DRV", "1954-05-01", "1976-07-01")]),
            ("VNM", [(816, "DRV", "1976-07-02", None)]),
            # 817 RVN Vietnam, Republic of 01:05:1954 30:04:1975
            ("XRV", [(817, "RVN", "1954-05-01", "1975-04-30")]),
            # 678 YEM Yemen (Arab Republic of Yemen) 30:10:1918 31:12:2017
            ("YEM", [(678, "YEM", "1918-10-30", None)]),
            # 680 YPR Yemen, People's Republic of 30:11:1967 21:05:1990
            ("YMD", [(680, "YPR", "1967-11-30", "1990-05-21")]),
            # 732 ROK Korea, Republic of 15:08:1948; 731 PRK 09:09:1948; 730 KOR Korea 1816-1910
            ("KOR", [(732, "ROK", "1948-08-15", None)]),
            ("PRK", [(731, "PRK", "1948-09-09", None)]),
            ("XKR", [(730, "KOR", "1816-01-01", "1910-08-22")]),
            # 2 USA United States of America 01:01:1816; 40 CUB Cuba 20:05:1902
            ("USA", [(2, "USA", "1816-01-01", None)]),
            ("CUB", [(40, "CUB", "1902-05-20", None)]),
        ],
    )
    def test_spells(self, code: str, spells: list[tuple[int, str, str, str | None]]) -> None:
        """A state's G-W spells are the list's rows, clipped to the periods of its code."""
        expected = tuple(
            GwSpell(n, letters, _day(start), None if end is None else _day(end))
            for n, letters, start, end in spells
        )
        assert REG.get(code).gw == expected

    @pytest.mark.parametrize(
        ("code", "on", "gw", "cow"),
        [
            ("DEU", D(1970, 1, 1), 260, 260),
            (
                "DEU",
                D(2000, 1, 1),
                260,
                255,
            ),  # unified Germany: G-W keeps 260, COW goes back to 255
            ("DEU", D(1900, 1, 1), 255, 255),
            ("DEU", D(1950, 1, 1), 260, None),  # G-W from 1949-09-21, COW only from 1955
            ("YEM", D(2000, 1, 1), 678, 679),  # unified Yemen: G-W keeps 678, COW has 679
            ("YEM", D(1980, 1, 1), 678, 678),
            ("VNM", D(2000, 1, 1), 816, 816),
            ("XRV", D(1970, 1, 1), 817, 817),
            ("SRB", D(2010, 1, 1), 340, 345),
            ("KOR", D(1948, 12, 1), 732, None),  # G-W from independence, COW from 1949-06-29
            ("CUB", D(1907, 1, 1), 40, None),  # COW's 1906-1909 gap is not G-W's
        ],
    )
    def test_gw_code_differs_from_cow(
        self, code: str, on: pendulum.Date, gw: int | None, cow: int | None
    ) -> None:
        """gw_code() and cow_code() answer each in their own system."""
        state = REG.get(code)
        assert (state.gw_code(on), state.cow_code(on)) == (gw, cow)

    def test_letters(self) -> None:
        """gw_letters() is G-W's three-letter code on the day: GMY, then GFR."""
        deu = REG.get("DEU")
        assert deu.gw_letters(D(1900, 1, 1)) == "GMY"
        assert deu.gw_letters(D(2000, 1, 1)) == "GFR"
        assert deu.gw_letters(D(1947, 1, 1)) is None

    @pytest.mark.parametrize(
        ("number", "on", "code"),
        [
            (260, D(2000, 1, 1), "DEU"),
            (255, D(1900, 1, 1), "DEU"),
            (265, D(1980, 1, 1), "DDR"),
            (816, D(1970, 1, 1), "VDR"),
            (816, D(1980, 1, 1), "VNM"),
            (817, D(1970, 1, 1), "XRV"),
            (678, D(1980, 1, 1), "YEM"),
            (678, D(2000, 1, 1), "YEM"),
            (680, D(1980, 1, 1), "YMD"),
            (365, D(1980, 1, 1), "SUN"),
            (345, D(2004, 1, 1), "SCG"),
            (340, D(1900, 1, 1), "YUG"),  # the Kingdom of Serbia, filed under YUG as for COW
            (340, D(2010, 1, 1), "SRB"),
            (341, D(1900, 1, 1), "XMN"),
            (341, D(2010, 1, 1), "MNE"),
            (711, D(1920, 1, 1), "XTB"),
        ],
    )
    def test_by_gw(self, number: int, on: pendulum.Date, code: str) -> None:
        """A G-W number maps to the code of its period."""
        assert REG.by_gw(number, on).code == code

    def test_by_gw_today_and_text(self) -> None:
        """Without a date, today's code; the number may be text."""
        assert REG.by_gw(" 816 ").code == "VNM"
        assert REG.by_gw("260").code == "DEU"

    @pytest.mark.parametrize("number", [679, 1, "abc", "", "2.0"])
    def test_unknown_number(self, number: int | str) -> None:
        """A number G-W do not use (679 is COW's unified Yemen) or no number: UnknownStateError."""
        with pytest.raises(UnknownStateError, match="G-W codes"):
            REG.by_gw(number)

    def test_no_state_on_that_day(self) -> None:
        """A number on a day outside its periods names no state."""
        with pytest.raises(UnknownStateError, match=r"G-W codes on 1940-01-01"):
            REG.by_gw(713, D(1940, 1, 1))

    def test_every_spell_is_kept_whole(self) -> None:
        """Every G-W row's first and last day belong to one state's spells, under its number."""
        text = (resources.files("diplorel") / "data" / "gw_spells.csv").read_text("utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == 216  # every row of iisystem.dat
        for row in rows:
            number = int(row["gwcode"])
            for day in (_day(row["start"]), _day(row["end"])):
                held = [s.code for s in REG for g in s.gw if g.gwcode == number and g.contains(day)]
                assert len(held) == 1, (row, day, held)


class TestIsoAndNames:
    """ISO 3166 alpha-2 and numeric codes, UN M49 and World Bank names.

    Expected values: ISO 3166-1/3166-3 from Debian's iso-codes (as bundled in pycountry 26.2.16),
    World Bank names from the World Bank's country list (WDI 2.7.8's cache); see data/CODES.md.
    """

    @pytest.mark.parametrize(
        ("code", "iso2", "numeric", "m49", "wb_name"),
        [
            ("DEU", "DE", 276, 276, "Germany"),
            ("DDR", "DD", 278, None, None),
            ("VNM", "VN", 704, 704, "Vietnam"),
            ("VDR", "VD", None, None, None),  # ISO 3166-3 records no numeric code for it
            ("YEM", "YE", 887, 887, "Yemen, Rep."),
            ("YMD", "YD", 720, None, None),
            ("KOR", "KR", 410, 410, "Korea, Rep."),
            ("PRK", "KP", 408, 408, "Korea, Dem. People's Rep."),
            ("USA", "US", 840, 840, "United States"),
            ("CUB", "CU", 192, 192, "Cuba"),
            ("SUN", "SU", 810, None, None),
            ("TWN", "TW", 158, None, "Taiwan, China"),  # M49 does not list Taiwan
            ("XKX", None, None, None, "Kosovo"),  # not in ISO 3166
            ("VAT", "VA", 336, 336, None),  # the World Bank lists no Holy See
            ("XRV", None, None, None, None),
        ],
    )
    def test_codes(
        self, code: str, iso2: str | None, numeric: int | None, m49: int | None, wb_name: str | None
    ) -> None:
        """A state carries its ISO, M49 and World Bank codes, or None where it has none."""
        s = REG.get(code)
        assert (s.iso2, s.iso_numeric, s.m49, s.wb_name) == (iso2, numeric, m49, wb_name)

    def test_m49_is_iso_numeric_for_current_states(self) -> None:
        """For every current ISO 3166-1 state M49 lists, M49 equals ISO's numeric code."""
        for s in REG:
            if s.m49 is not None:
                assert (s.code_kind, s.m49) == ("iso3166-1", s.iso_numeric)

    @pytest.mark.parametrize(
        ("query", "code"),
        [
            ("Korea, Rep.", "KOR"),
            ("korea, dem. people's rep.", "PRK"),
            ("Egypt, Arab Rep.", "EGY"),
            ("Yemen, Rep.", "YEM"),
            ("KR", "KOR"),
            ("de", "DEU"),
            ("DD", "DDR"),
            ("SU", "SUN"),
            ("Taiwan, China", "TWN"),
        ],
    )
    def test_names_resolve(self, query: str, code: str) -> None:
        """World Bank names and alpha-2 codes resolve to states."""
        assert REG.resolve(query) == code

    def test_ambiguous_are_not_names(self) -> None:
        """CS (two states) names none; KOR is South Korea's code, not G-W's Korea of 1816-1910."""
        assert "CS" not in REG
        assert REG.resolve("KOR") == "KOR"
        assert REG.resolve("RVN") == "XRV"  # G-W letters that name one state resolve

    def test_by_iso2(self) -> None:
        """by_iso2() takes any case and tells a reused code apart by date."""
        assert REG.by_iso2(" kr ").code == "KOR"
        assert REG.by_iso2("CS", D(1980, 1, 1)).code == "CSK"
        assert REG.by_iso2("CS", D(2005, 1, 1)).code == "SCG"
        with pytest.raises(UnknownStateError) as info:
            REG.by_iso2("CS")
        assert info.value.suggestions == ("CSK", "SCG")
        with pytest.raises(UnknownStateError, match="alpha-2"):
            REG.by_iso2("XX")

    def test_by_iso_numeric(self) -> None:
        """by_iso_numeric() takes an int or its text, leading zeros too."""
        assert REG.by_iso_numeric(410).code == "KOR"
        assert REG.by_iso_numeric(" 076 ").code == "BRA"
        with pytest.raises(UnknownStateError):
            REG.by_iso_numeric(999)


class TestCowText:
    """COW ccodes given as text, as CSV files hold them."""

    @pytest.mark.parametrize("text", ["2", " 2 ", "002", "2\n"])
    def test_text(self, text: str) -> None:
        """Text that is a whole number is that ccode."""
        assert REG.from_cow(text).code == "USA"

    def test_text_with_date(self) -> None:
        """A text ccode takes a date as an int does."""
        assert REG.from_cow("365", D(1980, 1, 1)).code == "SUN"

    @pytest.mark.parametrize("text", ["", "USA", "2.0", "-2", "2 3"])
    def test_not_a_number(self, text: str) -> None:
        """Text that is not a whole number is an unknown ccode."""
        with pytest.raises(UnknownStateError, match="COW ccodes"):
            REG.from_cow(text)

    @pytest.mark.parametrize("value", [True, 2.0, None])
    def test_wrong_type(self, value: object) -> None:
        """Neither int nor str is a TypeError (a bool is not a ccode)."""
        with pytest.raises(TypeError, match="COW ccodes"):
            REG.from_cow(value)  # type: ignore[arg-type]


class TestCodeTables:
    """The optional code tables of from_csv()."""

    HEADER = "code,code_kind,name,official_name,aliases,independent_on,note\n"
    BASE = {  # noqa: RUF012 - read only
        "states": HEADER + "AAA,iso3166-1,A,A,,,\nBBB,iso3166-1,B,B,,,\n",
        "cow_spells": "ccode,stateabb,statenme,start,end\n1,AAA,A,1900-01-01,2000-01-01\n",
        "cow_codes": "ccode,code,from,to\n1,AAA,,\n",
        "lifecycle": "code,event,on,other,source\n",
    }

    def test_without_tables(self) -> None:
        """Without them no state has G-W, ISO or World Bank codes."""
        state = StateRegistry.from_csv(**self.BASE).get("AAA")
        assert (state.gw, state.iso2, state.wb_name) == ((), None, None)

    def test_tables(self) -> None:
        """gw_spells and gw_codes give clipped spells; codes gives ISO, M49 and names."""
        reg = StateRegistry.from_csv(
            **self.BASE,
            gw_spells="gwcode,gwabb,name,start,end\n7,AAB,A,1900-01-01,2000-01-01\n",
            gw_codes="gwcode,code,from,to\n7,AAA,,1949-12-31\n7,BBB,1950-01-01,\n",
            codes="code,iso2,iso_numeric,m49,wb_name\nAAA,AA,1,,Aa\n",
        )
        a, b = reg.get("AAA"), reg.get("BBB")
        assert a.gw == (GwSpell(7, "AAB", D(1900, 1, 1), D(1949, 12, 31)),)
        assert b.gw == (GwSpell(7, "AAB", D(1950, 1, 1), None),)  # runs to the data's end
        assert (a.iso2, a.iso_numeric, a.m49, a.wb_name) == ("AA", 1, None, "Aa")
        assert reg.by_gw(7, D(1960, 1, 1)) is b
        assert reg.resolve("Aa") == reg.resolve("aa") == "AAA"
        assert "AAB" not in reg  # G-W's letters that two states hold name neither

    def test_unknown_codes(self) -> None:
        """Codes of states not in states.csv are rejected."""
        with pytest.raises(ValueError, match="unknown states ZZZ"):
            StateRegistry.from_csv(
                **self.BASE, codes="code,iso2,iso_numeric,m49,wb_name\nZZZ,,,,\n"
            )

    def test_unknown_gw_code(self) -> None:
        """A G-W period of an unknown code is rejected."""
        a = State("AAA", "iso3166-1", "A", "A")
        with pytest.raises(ValueError, match="G-W 7: unknown code ZZZ"):
            StateRegistry((a,), (), (), (), (), (GwCodePeriod(7, "ZZZ"),))


def run(*argv: str) -> tuple[int, str, str]:
    """Run the command line in process: exit status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


class TestStatesCommand:
    """``diplorel states``: codes, names and spells in both systems."""

    def test_one_state_in_full(self) -> None:
        """A name of one state shows it alone, with its codes and both systems' spells."""
        code, out, err = run("states", "germany")
        assert (code, err) == (0, "")
        lines = [" ".join(line.split()) for line in out.splitlines()]
        assert lines[0] == "DEU Germany"
        assert "ISO 3166 alpha-2 DE, numeric 276" in lines
        assert "World Bank Germany" in lines
        assert "COW 255 GMY 1816-01-01 - 1945-05-08" in lines
        assert "G-W 255 GMY 1816-01-01 - 1945-05-07" in lines
        assert "260 GFR 1949-09-21 -" in lines
        assert "DDR" not in out.split()

    def test_several_states_as_a_table(self) -> None:
        """A word of several names lists them, one row each."""
        code, out, _ = run("states", "korea")
        assert code == 0
        assert [line.split()[0] for line in out.splitlines()] == ["code", "KOR", "PRK", "XKR"]

    @pytest.mark.parametrize("query", ["XYZ", "Brazill", "Qwxzvq"])
    def test_no_match_exits_1(self, query: str) -> None:
        """Text that names no state and is no word of a name: exit 1, near misses on stderr."""
        code, out, err = run("states", query)
        assert (code, out) == (1, "")
        assert f"no state matches {query!r}" in err
        if query == "Brazill":
            assert "near misses: BRA (Brazil)" in err

    def test_json_has_the_codes(self) -> None:
        """--json carries ISO, M49, World Bank and G-W codes next to COW's."""
        code, out, _ = run("states", "Vietnam", "--json")
        assert code == 0
        [vnm] = json.loads(out)
        assert (vnm["iso2"], vnm["iso_numeric"], vnm["m49"], vnm["wb_name"]) == (
            "VN",
            704,
            704,
            "Vietnam",
        )
        assert vnm["gw"] == [{"gwcode": 816, "letters": "DRV", "start": "1976-07-02", "end": None}]

    def test_by_world_bank_name(self) -> None:
        """A World Bank name or an alpha-2 code finds the state."""
        assert run("states", "Yemen, Rep.")[1].split()[:2] == ["YEM", "Yemen"]
        assert run("states", "kp")[1].split()[:3] == ["PRK", "North", "Korea"]
