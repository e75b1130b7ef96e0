from __future__ import annotations

import csv
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
    State,
    StateRegistry,
    _key,
    default_registry,
    resolve_state,
)
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

    def test_fuzzy(self) -> None:
        """A misspelling still finds the state."""
        assert "BRA" in [s.code for s in REG.search("Brazill")]

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
