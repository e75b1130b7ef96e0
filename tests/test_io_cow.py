"""COW Diplomatic Exchange: reading, writing, and the round trip on the real US excerpt."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

import diplorel as dr
from diplorel.io import cow

DATA = Path(__file__).parent / "data"
EXCERPT = DATA / "Diplomatic_Exchange_2006v1_US_rows.csv"

# Rows for years in which both states were system members (COW v2024) but which the v2006.1
# data do not carry: Panama 1904-1914 and Brazil 1824. They have no record: no row.
COW_GAPS = {(2, 95, 1904), (2, 95, 1909), (2, 95, 1914), (2, 140, 1824)}


@cache
def imported() -> dr.History:
    return cow.read_diplomatic_exchange(EXCERPT)


def table(rows: list[cow.CowRow]) -> dict[tuple[int, int, int], tuple[int, int, int]]:
    return {(r.ccode1, r.ccode2, r.year): (r.dr_at_1, r.dr_at_2, r.de) for r in rows}


class TestRoundTrip:
    def test_every_value_of_the_excerpt_comes_back(self) -> None:
        """Reading the US rows and writing them back gives exactly those rows: no more, no less.

        Pairs and years the file does not observe (Panama 1904-1914, Brazil 1824) have no
        record in the imported history, so no row is written for them, and no pair outside the
        file gets a row of zeros.
        """
        original = table(cow.read_rows(EXCERPT))
        rows = list(cow.diplomatic_exchange_rows(imported()))
        written = table([r for r in rows if r.ccode1 == 2])
        assert len(original) == 2756
        assert written == original
        assert all(2 in (r.ccode1, r.ccode2) for r in rows)  # only the file's pairs
        assert not COW_GAPS & set(written)

    def test_saved_import_keeps_its_coverage(self, tmp_path: Path) -> None:
        """A COW import saved as a history file and loaded again exports the same rows."""
        path = tmp_path / "cow.jsonl"
        dr.dump(imported(), path)
        back = dr.load(path, strict=False)
        assert back.coverage == imported().coverage
        rows = table(list(cow.diplomatic_exchange_rows(back, involving=["USA"])))
        assert {k: v for k, v in rows.items() if k[0] == 2} == table(cow.read_rows(EXCERPT))

    def test_written_file_reads_back(self, tmp_path: Path) -> None:
        """A written file has the COW header and reads back to the same rows."""
        out = tmp_path / "de.csv"
        n = cow.write_diplomatic_exchange(imported(), out, involving=["USA"], years=[1980, 1985])
        text = out.read_text()
        assert text.startswith('"ccode1","ccode2","year","DR_at_1","DR_at_2","DE","version"\n')
        again = cow.read_rows(out)
        assert len(again) == n
        assert table(again)[(2, 40, 1980)] == (9, 9, 0)


class TestReading:
    def test_change_between_observations_is_an_interval(self) -> None:
        """US-Canada: 0 in 1925, level 2 in 1930 -> the change happened between observations.

        Observed at the end of each year (the default), that is 1926/1930; observed at the
        start of each year, 1925-01-02 to 1930-01-01.
        """
        changes = [
            e
            for e in imported().events("USA", "CAN")
            if isinstance(e, dr.PresenceObserved) and e.sender == "USA"
        ]
        assert str(changes[0].on) == "1926/1930"
        assert changes[0].rank is dr.Rank.MINISTER
        year_start = cow.read_diplomatic_exchange(
            EXCERPT, conventions=dr.CowConventions(observation="year_start")
        )
        first = next(
            e for e in year_start.events("USA", "CAN") if isinstance(e, dr.PresenceObserved)
        )
        assert str(first.on) == "1925-01-02/1930-01-01"

    def test_round_trip_under_other_conventions(self) -> None:
        """Read and written back under the same conventions, the rows come back unchanged."""
        conventions = dr.CowConventions(observation="year_start", interim="charge")
        h = cow.read_diplomatic_exchange(EXCERPT, conventions=conventions)
        rows = cow.diplomatic_exchange_rows(h, involving=["USA"], conventions=conventions)
        written = table([r for r in rows if r.ccode1 == 2])
        original = table(cow.read_rows(EXCERPT))
        assert {k: v for k, v in written.items() if k in original} == original

    def test_levels_are_presence_never_relations(self) -> None:
        """A COW level is read as presence: no relations and no agreed class are made up."""
        s = imported().status("USA", "CAN", on="1935-06-01")
        # Who was there is observed; whether relations stood is not: no record, not "none".
        assert s.diplomatic is dr.Diplomatic.NO_RECORD
        assert s.agreed == {}
        assert s.heads["USA"].rank is dr.Rank.MINISTER
        assert s.representation["USA"].cow == 2
        # COW's row 2,365,1935 is 3/3/1: ambassadors both ways, and no certain "none".
        soviet = imported().status("USA", "RUS", on="1935-12-31")
        assert soviet.diplomatic is dr.Diplomatic.NO_RECORD
        assert soviet.exchange is True

    def test_between_observations_is_uncertain(self) -> None:
        """A query inside the interval is uncertain; at the observation it is certain."""
        h = imported()
        assert not h.status("USA", "CAN", on="1928-06-01").certain
        s = h.status("USA", "CAN", on="1930-12-31")
        assert s.certain
        assert s.representation["USA"].cow == 2

    def test_level_nine(self) -> None:
        """9 with DE=1 is OTHER (a representative), 9 with DE=0 is UNKNOWN; both code 9."""
        h = imported()
        s = h.status("USA", "CUB", on="1955-12-31")
        assert s.heads["USA"].rank is dr.Rank.OTHER
        assert (s.representation["USA"].cow, s.exchange) == (9, True)
        s = h.status("USA", "CUB", on="1990-12-31")
        assert s.heads["USA"].rank is dr.Rank.UNKNOWN
        assert (s.representation["USA"].cow, s.exchange) == (9, False)

    def test_continuing_states(self) -> None:
        """COW 365 is read as the USSR in 1980 and Russia in 2000, one dyad throughout."""
        h = imported()
        assert h.status("USA", "SUN", on="1980-12-31").dyad == ("SUN", "USA")
        assert h.status("USA", "RUS", on="2000-12-31").representation["RUS"].cow == 3

    def test_every_event_cites_cow(self) -> None:
        """Imported events cite the COW data set (lifecycle events cite the registry)."""
        events = [e for e in imported().events() if isinstance(e, dr.PresenceObserved)]
        assert len(events) > 1000
        assert all(e.sources == (cow.SOURCE,) for e in events)

    def test_line_endings_and_quotes(self, tmp_path: Path) -> None:
        """CR-only line ends, a quoted header and the float version column are read."""
        text = EXCERPT.read_text().replace("\n", "\r")
        p = tmp_path / "cr.csv"
        p.write_text(text, newline="")
        assert len(cow.read_rows(p)) == 2756

    def test_bad_rows_are_all_reported(self, tmp_path: Path) -> None:
        """Every malformed row is reported with its line, as one LoadError."""
        p = tmp_path / "bad.csv"
        p.write_text(
            '"ccode1","ccode2","year","DR_at_1","DR_at_2","DE","version"\n'
            "2,20,1920,7,0,0,2006.1\n2,20,x,0,0,0,2006.1\n2,20,1925,0,0,5,2006.1\n"
        )
        with pytest.raises(dr.LoadError) as info:
            cow.read_rows(p)
        problems = "\n".join(info.value.problems)
        assert "line 2" in problems
        assert "line 3" in problems
        assert "line 4" in problems

    def test_missing_column(self, tmp_path: Path) -> None:
        """A file without the COW columns is refused, naming them."""
        p = tmp_path / "bad.csv"
        p.write_text("a,b\n1,2\n")
        with pytest.raises(dr.LoadError, match="DR_at_1"):
            cow.read_rows(p)


class TestExportOfDatedEvents:
    def test_default_history_exports(self) -> None:
        """The default history exports to COW rows that agree with COW on US-Cuba."""
        rows = table(
            list(
                cow.diplomatic_exchange_rows(
                    dr.default_history(), states=["USA", "CUB"], years=[1970, 1980, 2005]
                )
            )
        )
        assert rows[(2, 40, 1970)] == (0, 0, 0)  # the 1961 break
        assert rows[(2, 40, 1980)] == (9, 9, 0)  # interests sections since 1977, as COW codes
        assert rows[(2, 40, 2005)] == (9, 9, 0)

    def test_observed_presence_stands_without_relations(self) -> None:
        """An observed level stands without formal relations; an agreed class needs them."""
        seen = dr.PresenceObserved(
            between=("USA", "CUB"), sender="USA", rank=dr.Rank.OTHER, on="1980"
        )
        s = dr.History([seen]).status("USA", "CUB", on="1981-01-01")
        # Presence is observed; relations are not: no record of them, never a certain none.
        assert (s.representation["USA"].cow, s.diplomatic) == (9, dr.Diplomatic.NO_RECORD)
        agreed = dr.RepresentationChanged(
            between=("USA", "CUB"), sender="USA", level=dr.Level.OTHER, on="1980"
        )
        with pytest.raises(dr.InvalidTransitionError):
            dr.History([agreed])
