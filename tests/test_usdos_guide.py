"""The State Department's country guide (RDCR): real sections read into acts, and the corpus."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from diplorel.io._usdos_guide import (
    ActKind,
    Guide,
    GuideAct,
    _read_article,
    read_guide,
)

DATA = Path(__file__).parent.parent / "tools" / "usdos" / "data" / "rdcr"
K = ActKind


@cache
def guide() -> Guide:
    return read_guide(DATA)


def acts(country: str, kind: ActKind) -> list[GuideAct]:
    return [a for a in guide().acts if a.country == country and a.kind is kind]


def dates(country: str, kind: ActKind) -> list[str]:
    return [a.on for a in acts(country, kind)]


class TestCuba:
    def test_relations_by_credentials(self) -> None:
        """Relations established 1902-05-27 when the Minister presented his credentials."""
        # "Diplomatic relations and the U.S. Legation in Havana were established on May 27, 1902,
        # when U.S. Envoy Extraordinary and Minister Plenipotentiary Herbert Goldsmith Squiers
        # presented his credentials to the Government of the Republic of Cuba."
        assert dates("cuba", K.RELATIONS_ESTABLISHED) == ["1902-05-27"]
        [credentials] = acts("cuba", K.CREDENTIALS_PRESENTED)
        assert credentials.on == "1902-05-27"
        assert credentials.rank == "minister"
        assert credentials.envoy == "Herbert Goldsmith Squiers"
        assert credentials.sender == "us"
        assert dates("cuba", K.LEGATION_OPENED) == ["1902-05-27"]
        assert credentials.url == "https://history.state.gov/countries/cuba"

    def test_recognition_keeps_the_heading_year(self) -> None:
        """No sentence says "recognized": the heading's year, quoted as the excerpt."""
        [recognition] = acts("cuba", K.RECOGNITION)
        assert (recognition.on, recognition.by) == ("1902", "us")
        assert recognition.excerpt == "U.S. Recognition of Cuban Independence, 1902."

    def test_embassy_severance_interests_resumption(self) -> None:
        """Legation raised 1923, severed by the US 1961, interests section 1977, resumed 2015."""
        # "...the U.S. Legation in Havana, Cuba, was raised to Embassy status on February 10, 1923"
        assert dates("cuba", K.EMBASSY_OPENED) == ["1923-02-10"]
        # "The United States severed diplomatic relations with Cuba on January 3, 1961, ..."
        [severed] = acts("cuba", K.RELATIONS_SEVERED)
        assert (severed.on, severed.by) == ("1961-01-03", "us")
        # "A U.S. Interests Section was established in Havana under the protection of the Swiss
        # Government on September 1, 1977."
        [interests] = acts("cuba", K.INTERESTS_SECTION_OPENED)
        assert (interests.on, interests.sender, interests.power) == (
            "1977-09-01",
            "us",
            "Switzerland",
        )
        # "The United States and Cuba resumed diplomatic relations on July 20, 2015, when both
        # countries elevated their respective Interests Sections to Embassy status."
        assert dates("cuba", K.RELATIONS_RESUMED) == ["2015-07-20"]
        assert dates("cuba", K.MISSION_REOPENED) == ["2015-07-20"]


class TestChina:
    def test_1844_is_an_establishment_by_credentials(self) -> None:
        """1844: mutual recognition and relations on or about June 16, Cushing's credentials."""
        # "Diplomatic relations were first established on or about June 16, 1844, when Caleb
        # Cushing presented his credentials as Envoy Extraordinary and Minister Plenipotentiary"
        assert dates("china", K.RELATIONS_ESTABLISHED)[0] == "1844-06-16"
        credentials = acts("china", K.CREDENTIALS_PRESENTED)[0]
        assert (credentials.rank, credentials.envoy) == ("minister", "Caleb Cushing")
        [recognition] = acts("china", K.RECOGNITION)
        assert (recognition.on, recognition.by) == ("1844-06-16", None)  # mutual

    def test_prc_1979(self) -> None:
        """1979-01-01: relations with the PRC; the ROC termination is skipped, not a break."""
        # "On January 1, 1979, the United States recognized the PRC and established diplomatic
        # relations with it as the sole legitimate government of China."
        assert dates("china", K.RELATIONS_ESTABLISHED) == ["1844-06-16", "1979-01-01"]
        assert "1979" not in " ".join(dates("china", K.RELATIONS_SEVERED))
        assert any(
            s.country == "china" and "change of recognized government" in s.why
            for s in guide().skipped
        )

    def test_interruptions_are_suspensions(self) -> None:
        """Relations "interrupted on February 12, 1912" are suspended."""
        assert dates("china", K.RELATIONS_SUSPENDED) == ["1912-02-12", "1924-12-09"]
        assert dates("china", K.RELATIONS_RESUMED) == ["1913-05-02", "1928"]


class TestOthers:
    def test_russia_1933(self) -> None:
        """Relations "resumed on November 16, 1933"; interrupted 1917; Russia recognized 1803."""
        assert "1933-11-16" in dates("russia", K.RELATIONS_RESUMED)
        # "...interrupted following the November 7, 1917, Bolshevik Revolution": not the act's
        # day, so the heading's year
        assert dates("russia", K.RELATIONS_SUSPENDED) == ["1917"]
        # "Russia recognized the United States on October 28, 1803"
        [recognition] = acts("russia", K.RECOGNITION)[:1]
        assert (recognition.on, recognition.by) == ("1803-10-28", "partner")
        # "...when Andrei Dashkov presented his credentials as Russian Chargé d'Affaires"
        dashkov = acts("russia", K.CREDENTIALS_PRESENTED)[0]
        assert (dashkov.on, dashkov.rank, dashkov.envoy, dashkov.sender) == (
            "1809-07-14",
            "charge_d_affaires",
            "Andrei Dashkov",
            "partner",
        )

    def test_iran_severed_1980(self) -> None:
        """Severed by the United States on April 7, 1980."""
        # "The United States severed diplomatic relations with Iran on April 7, 1980."
        [severed] = acts("iran", K.RELATIONS_SEVERED)
        assert (severed.on, severed.by) == ("1980-04-07", "us")

    def test_holy_see_1984(self) -> None:
        """Recognition and relations 1984-01-10, embassy 1984-04-09."""
        # "The United States formally recognized the Holy See on January 10, 1984, ..."
        assert dates("holy-see", K.RECOGNITION) == ["1984-01-10"]
        assert dates("holy-see", K.RELATIONS_ESTABLISHED) == ["1984-01-10"]
        # "The United States established an embassy to the Holy See on April 9, 1984, when
        # William A. Wilson presented his credentials..."
        assert dates("holy-see", K.EMBASSY_OPENED) == ["1984-04-09"]

    def test_mexico_severances(self) -> None:
        """Severed by Mexico 1845 and 1914, by the United States 1858."""
        # "...the Mexican Minister of Foreign Affairs informed U.S. Minister to Mexico, Wilson
        # Shannon, on March 28, 1845, that Mexico was severing diplomatic relations with the
        # United States."
        # 1914: "...Mexican officials severed diplomatic relations with the United States"
        severed = [(a.on, a.by) for a in acts("mexico", K.RELATIONS_SEVERED)]
        assert severed == [("1845-03-28", "partner"), ("1858", "us"), ("1914-04-22", "partner")]

    def test_texas(self) -> None:
        """Recognized 1837-03-03; relations ended with annexation (state ended), 1846-02-19."""
        # "The United States recognized Texan independence on March 3, 1837, ..."
        assert dates("texas", K.RECOGNITION) == ["1837-03-03"]
        # "...relations formally ended during the transfer of Texan sovereignty to the United
        # States on February 19, 1846."
        assert dates("texas", K.STATE_ENDED) == ["1846-02-19"]
        # "...presented his credentials sometime between October 23 and 27, 1837."
        assert dates("texas", K.LEGATION_OPENED) == ["1837-10-23/1837-10-27"]

    def test_hawaii(self) -> None:
        """Recognized 1826-12-23, relations 1853-12-20, annexed 1898-08-12."""
        # "On December 23, 1826, the U.S. signed a treaty with the Kingdom of Hawaii thus
        # indirectly recognizing Hawaiian independence"
        assert dates("hawaii", K.RECOGNITION) == ["1826-12-23"]
        # "David L. Gregg presented his credentials as U.S. Commissioner to the Kingdom of
        # Hawaii on December 20, 1853."
        assert dates("hawaii", K.RELATIONS_ESTABLISHED) == ["1853-12-20"]
        gregg = acts("hawaii", K.CREDENTIALS_PRESENTED)[0]
        assert (gregg.envoy, gregg.rank, gregg.sender) == ("David L. Gregg", None, "us")
        # "Hawaiian independence ended with the formal U.S. annexation of Hawaii on August 12,
        # 1898"
        assert dates("hawaii", K.STATE_ENDED) == ["1898-08-12"]

    def test_skips_have_reasons(self) -> None:
        """Treaties and moves of a mission are skipped with a reason."""
        whys = {(s.country, s.heading): s.why for s in guide().skipped}
        assert whys["texas", "Claims Convention, 1838."] == "treaty"
        assert whys["china", "Embassy Moved to Chongqing, 1941."] == "mission moved"


class TestCorpus:
    def test_reads_both_folders(self) -> None:
        """The folder holding ``articles/`` and ``articles/`` itself give the same guide."""
        assert read_guide(DATA / "articles") == guide()

    def test_missing_folder(self, tmp_path: Path) -> None:
        """A folder without articles is an error, not an empty guide."""
        with pytest.raises(FileNotFoundError):
            read_guide(tmp_path / "nothing")

    def test_no_timeline_section_dropped(self) -> None:
        """Every timeline section is an act or a skip."""
        sections = {
            (path.stem, s.ident)
            for path in sorted((DATA / "articles").glob("*.xml"))
            for s in _read_article(path, [])
            if s.kind == "timeline"
        }
        covered = {(a.country, a.section) for a in guide().acts}
        covered |= {(s.country, s.section) for s in guide().skipped}
        assert len(sections) > 1200
        assert sections <= covered

    def test_dates_are_edtf(self) -> None:
        """Dates are a day, a month, a year or an interval of those."""
        pattern = r"\d{4}(-\d\d(-\d\d)?)?(/\d{4}(-\d\d(-\d\d)?)?)?"
        import re  # noqa: PLC0415

        assert all(re.fullmatch(pattern, a.on) for a in guide().acts)

    def test_deterministic_and_sorted(self) -> None:
        """Acts come sorted by country, in section order; reading twice gives the same."""
        countries = [a.country for a in guide().acts]
        assert countries == sorted(countries)
        assert read_guide(DATA) == guide()

    def test_counts(self) -> None:
        """Counts by kind stay in plausible ranges."""
        counts = Counter(a.kind for a in guide().acts)
        print({k.value: n for k, n in counts.most_common()})  # noqa: T201
        print(Counter(s.why for s in guide().skipped).most_common())  # noqa: T201
        expected = {
            K.RECOGNITION: (200, 300),
            K.RELATIONS_ESTABLISHED: (180, 260),
            K.CREDENTIALS_PRESENTED: (90, 160),
            K.EMBASSY_OPENED: (140, 210),
            K.LEGATION_OPENED: (50, 110),
            K.RELATIONS_SEVERED: (25, 50),
            K.RELATIONS_SUSPENDED: (15, 40),
            K.RELATIONS_RESUMED: (35, 70),
            K.MISSION_CLOSED: (25, 50),
            K.MISSION_REOPENED: (25, 50),
            K.INTERESTS_SECTION_OPENED: (5, 15),
            K.STATE_ENDED: (15, 40),
            K.CONSULAR_RELATIONS_ESTABLISHED: (15, 30),
        }
        for kind, (low, high) in expected.items():
            assert low <= counts[kind] <= high, kind
        assert guide().problems == ()
