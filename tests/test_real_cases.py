"""Real cases: what was agreed and who was there, against the sources (never the code's output).

Each test names its sources. "OH" is the US Department of State's Office of the Historian:
the guide to US recognition and relations by country (history.state.gov/countries/...) and its
"Principal Officers and Chiefs of Mission" (POCOM). The other sources are those recorded with
the items of the default history (``tools/research/research_presence.json``,
``research_washington_*.json``).
"""

from __future__ import annotations

import pytest

import diplorel as dr

EST = dr.Diplomatic.ESTABLISHED
AMB = dr.Level.AMBASSADOR
CHG = dr.Level.CHARGE_D_AFFAIRES


@pytest.fixture(scope="module")
def h() -> dr.History:
    return dr.default_history()


def cow(s: dr.Status, first: str, second: str) -> tuple[int, int, int]:
    """(DR_at_1, DR_at_2, DE) for ``first`` as COW's side 1."""
    return (
        dr.represent(s.state, second, year=s.on.day.year).cow,
        dr.represent(s.state, first, year=s.on.day.year).cow,
        int(s.exchange),
    )


class TestCubaKorea:
    """The founding example, 2024-2025."""

    def test_2024_agreed_nobody_at_post(self, h: dr.History) -> None:
        """2024: relations agreed at ambassador level, nobody at post (COW 0/0).

        2024-02-15: established with consular relations at ambassador level, nobody at post.

        Sources: Xinhua and Prensa Latina, 14 Feb 2024 (exchange of notes between the missions
        to the UN in New York establishing diplomatic and consular relations at ambassador
        level); the embassies opened only in 2025 (The Korea Herald, 18 Jan 2025; Korea
        JoongAng Daily, 10 Jun 2025). COW codes the representative present: 0/0, DE 0.
        """
        s = h.status("CUB", "KOR", on="2024-02-15")
        assert (s.diplomatic, s.consular) == (EST, dr.Consular.ESTABLISHED)
        assert s.agreed == {"CUB": AMB, "KOR": AMB}
        assert s.heads == {}
        assert s.missions["CUB"] == ()
        assert [m.kind for m in s.missions["KOR"]] == [dr.MissionKind.TRADE_OFFICE]
        assert cow(s, "CUB", "KOR") == (0, 0, 0)
        assert s.economic_ties
        assert s.credit_lines

    def test_2025_embassy_and_ambassadors(self, h: dr.History) -> None:
        """2025: the Korean embassy and both ambassadors, no Cuban embassy yet.

        2025-03-01: ROK embassy in Havana open (17 Jan 2025), its ambassador Lee Ho-yul at
        post (credentials 25 Feb 2025); Cuba's ambassador at post in Seoul since 7 Jan 2025
        while Cuba's embassy there opened only on 10 Jun 2025.

        Sources: The Korea Herald, 18 Jan 2025 (embassy opened); Korea.net and KBS World (Lee's
        credentials, 25 Feb 2025); Korea JoongAng Daily, 8 Jan 2025 (Cuba's ambassador) and 10
        Jun 2025 (Cuba's embassy in Seoul).
        """
        s = h.status("CUB", "KOR", on="2025-03-01")
        assert [m.kind for m in s.missions["KOR"] if m.kind is dr.MissionKind.EMBASSY] == [
            dr.MissionKind.EMBASSY
        ]
        assert s.heads["KOR"].rank is dr.Rank.AMBASSADOR
        assert s.heads["KOR"].name == "Lee Ho-yul"
        assert s.heads["CUB"].rank is dr.Rank.AMBASSADOR
        assert not any(m.kind is dr.MissionKind.EMBASSY for m in s.missions["CUB"])
        assert cow(s, "CUB", "KOR") == (3, 3, 1)

    def test_2025_before_credentials(self, h: dr.History) -> None:
        """Early 2025: the Korean embassy under a chargé a.i.

        2025-02-01: the ROK embassy was headed by a chargé a.i., the ambassador only designated
        (Segye Ilbo, 19 Jan 2025; Infobae/EFE, 31 Jan 2025).
        """
        s = h.status("CUB", "KOR", on="2025-02-01")
        assert s.heads["KOR"].rank is dr.Rank.CHARGE_AD_INTERIM


class TestLibyaUnitedStates:
    """No break, yet nobody at post either way from 1981."""

    def test_1985(self, h: dr.History) -> None:
        """1985: no break, nobody at post either way (COW 0/0/0).

        1985: relations never formally severed; both missions closed, COW 0/0/0.

        Sources: OH (Libya): "Embassy Tripoli was closed on May 2, 1980"; the Libyan People's
        Bureau in Washington closed in May 1981 (US expulsion, 6 May 1981); OH: relations
        were not severed.
        """
        s = h.status("LBY", "USA", on="1985-12-31")
        assert s.diplomatic is EST
        assert cow(s, "USA", "LBY") == (0, 0, 0)

    def test_2004_interests_section_and_liaison_office(self, h: dr.History) -> None:
        """2004-2006: interests section, liaison office, embassy.

        2004: a US interests section (8 Feb, Belgian embassy) became a liaison office (28 Jun).

        Source: OH (Libya) mission note: "The United States established an Interests Section in
        Tripoli on February 8, 2004. It became the U.S. Liaison Office on June 28, 2004."
        """
        s = h.status("LBY", "USA", on="2004-12-31")
        kinds = {m.kind for m in s.missions["USA"]}
        assert dr.MissionKind.LIAISON_OFFICE in kinds
        s = h.status("LBY", "USA", on="2006-06-15")
        assert s.state.mission("USA").kind is dr.MissionKind.EMBASSY  # type: ignore[union-attr]
        assert dr.MissionKind.INTERESTS_SECTION not in {m.kind for m in s.missions["USA"]}


class TestUnitedStatesVietnam:
    """Liaison offices, then relations and embassies (1995), ambassadors (1997)."""

    def test_liaison_offices_before_relations(self, h: dr.History) -> None:
        """Early 1995: liaison offices without relations (COW 0/0).

        1995-06-01: liaison offices (opened 28 Jan 1995), no relations; COW 0 for both.

        Sources: Associated Press, 28 Jan 1995; Chicago Tribune, 27 Jan 1995.
        """
        s = h.status("USA", "VNM", on="1995-06-01")
        assert s.diplomatic is dr.Diplomatic.NONE
        assert s.state.mission("USA").kind is dr.MissionKind.LIAISON_OFFICE  # type: ignore[union-attr]
        assert cow(s, "USA", "VNM") == (0, 0, 0)

    def test_1995_charge_ad_interim(self, h: dr.History) -> None:
        """End of 1995: relations, embassies, a US chargé a.i.

        1995-12-31: relations (11 Jul 1995), embassies (6 Aug), the US embassy under chargé
        a.i. L. Desaix Anderson (OH POCOM: from 26 Aug 1995); the liaison office is gone.
        """
        s = h.status("USA", "VNM", on="1995-12-31")
        assert s.diplomatic is EST
        assert s.heads["USA"].rank is dr.Rank.CHARGE_AD_INTERIM
        assert s.heads["USA"].name == "L. Desaix Anderson"
        assert [m.kind for m in s.missions["USA"]] == [dr.MissionKind.EMBASSY]

    def test_2000_ambassadors(self, h: dr.History) -> None:
        """2000: ambassadors both ways (COW 3/3).

        2000: ambassadors Peterson (OH POCOM: credentials 14 May 1997) and Le Van Bang.

        Sources: OH POCOM; CNN, 9 May 1997 and Los Angeles Times, 21 Jun 1997 (Le Van Bang).
        """
        s = h.status("USA", "VNM", on="2000-12-31")
        assert (s.heads["USA"].rank, s.heads["VNM"].rank) == (dr.Rank.AMBASSADOR,) * 2
        assert cow(s, "USA", "VNM") == (3, 3, 1)


class TestUnitedStatesChina:
    """Liaison offices (1973) without relations, relations and embassies (1979)."""

    def test_1975_liaison_offices(self, h: dr.History) -> None:
        """1975: liaison offices without relations (COW 0/0).

        1975: liaison offices headed by George H. W. Bush and Huang Zhen, no relations; COW
        codes 0/0 (a liaison office is not diplomatic representation).

        Sources: OH (China); OH POCOM (Bush, chief of the liaison office).
        """
        s = h.status("USA", "CHN", on="1975-12-31")
        assert s.diplomatic is not EST
        assert s.state.mission("CHN").kind is dr.MissionKind.LIAISON_OFFICE  # type: ignore[union-attr]
        assert cow(s, "USA", "CHN") == (0, 0, 0)

    def test_1980_embassies(self, h: dr.History) -> None:
        """1980: relations, embassies and ambassadors (COW 3/3).

        1980: relations since 1 Jan 1979, embassies since 1 Mar 1979, ambassadors Woodcock
        (OH POCOM) and Chai Zemin (credentials 1 Mar 1979, presence research).
        """
        s = h.status("USA", "CHN", on="1980-12-31")
        assert s.diplomatic is EST
        assert s.heads["CHN"].name == "Chai Zemin"
        assert cow(s, "USA", "CHN") == (3, 3, 1)

    def test_1930_one_china(self, h: dr.History) -> None:
        """1930: one China, relations and legations (COW 2).

        1930: China (COW 710) and the United States had relations and legations (OH: relations
        since 1844); the US recognised the Nationalist government (25 Jul 1928, OH).
        """
        s = h.status("USA", "CHN", on="1930-01-01")
        assert s.diplomatic is EST
        assert s.governments == {"USA": "roc"}
        assert dr.represent(s.state, "USA", year=1930).cow == 2  # a legation's post


class TestIranUnitedStates:
    """After the 1980 break: interests sections, staffed differently."""

    def test_1990_nine_zero(self, h: dr.History) -> None:
        """1990: COW 9/0, the two interests sections staffed differently.

        1990: Iran's interests section in Washington is staffed by Iranians (9); the US
        section in Tehran is a section of the Swiss embassy staffed by Swiss diplomats (0).

        Sources: Swiss FDFA (Switzerland protecting power since 21 May 1980; the section staffed
        by Swiss diplomats, The World (PRI)); Christian Science Monitor, 10 Apr 1980 (Algeria
        for Iran); Wikipedia, "Iran-United States relations" (Pakistan from March 1992).
        """
        s = h.status("IRN", "USA", on="1990-12-31")
        assert s.diplomatic is dr.Diplomatic.SEVERED
        assert s.protecting_powers == {"USA": "CHE", "IRN": "DZA"}
        assert cow(s, "USA", "IRN") == (9, 0, 0)

    def test_section_under_the_power_in_force(self, h: dr.History) -> None:
        """1985: Iran's section is under Algeria, its protecting power then (not Pakistan)."""
        s = h.status("IRN", "USA", on="1985-12-31")
        section = s.state.mission("IRN")
        assert section is not None
        assert section.protecting_power == s.protecting_powers["IRN"] == "DZA"
        s = h.status("IRN", "USA", on="1995-12-31")
        assert s.state.mission("IRN").protecting_power == "PAK"  # type: ignore[union-attr]


class TestCanadaIran:
    """2012: closure, suspension, Italy protecting Canada."""

    def test_before(self, h: dr.History) -> None:
        """Mid-2012: relations at chargé level.

        Mid-2012: relations at chargé level since the 2007 downgrade (CanWest News Service,
        Dec 2007; Times Colonist, Sep 2012).
        """
        s = h.status("CAN", "IRN", on="2012-06-01")
        assert s.diplomatic is EST
        assert s.agreed == {"CAN": CHG, "IRN": CHG}

    def test_after(self, h: dr.History) -> None:
        """After 7 Sep 2012: suspension, embassy closed, Italy protecting Canada.

        7 Sep 2012: Canada suspended relations and closed its embassy (CBC News and CBS
        News/AP, 7 Sep 2012, quoting John Baird); Italy protecting power from 17 Sep 2012
        (Foreign Affairs Canada statement; CBC News, 17 Sep 2012).
        """
        s = h.status("CAN", "IRN", on="2012-10-01")
        assert s.diplomatic is dr.Diplomatic.SUSPENDED
        assert s.heads == {}
        assert s.protecting_powers == {"CAN": "ITA"}
        assert cow(s, "CAN", "IRN") == (0, 0, 0)


class TestTurkeyIsrael:
    """2011 downgrade, 2016 ambassadors, 2018 expulsions, 2022-23 ambassadors, 2023 recalls."""

    def test_2012_downgraded(self, h: dr.History) -> None:
        """2012: relations downgraded, an Israeli chargé a.i.

        2012: Turkey expelled the Israeli ambassador and downgraded relations (2 Sep 2011,
        NYT via The Indian Express); an Israeli chargé a.i., Ella Ofek, headed the embassy
        (Haaretz/Ynet via Euroasian Jewish News, 5 Sep 2011).
        """
        s = h.status("TUR", "ISR", on="2012-01-01")
        assert s.agreed == {"ISR": CHG, "TUR": CHG}
        assert s.heads["ISR"].rank is dr.Rank.CHARGE_AD_INTERIM

    def test_2017_ambassadors(self, h: dr.History) -> None:
        """2017: ambassadors at post both ways.

        2017: ambassadors Eitan Na'eh and Kemal Ökem at post since Dec 2016 (Arutz Sheva/AFP;
        Hürriyet Daily News).
        """
        s = h.status("TUR", "ISR", on="2017-06-01")
        assert (s.heads["ISR"].rank, s.heads["TUR"].rank) == (dr.Rank.AMBASSADOR,) * 2

    def test_2023_ambassadors_then_recalls(self, h: dr.History) -> None:
        """2023: ambassadors, then recalls.

        2023: Irit Lillian (credentials 27 Dec 2022, The Times of Israel) and Şakir Özkan
        Torunlar (11 Jan 2023, The Media Line); recalled on 28 Oct 2023 (NDTV) and 4 Nov 2023
        (Turkish MFA press release No. 283).
        """
        s = h.status("TUR", "ISR", on="2023-06-01")
        assert s.heads["ISR"].name == "Irit Lillian"
        assert s.heads["TUR"].rank is dr.Rank.AMBASSADOR
        s = h.status("TUR", "ISR", on="2023-12-01")
        assert s.diplomatic is EST
        assert s.heads["ISR"].rank is s.heads["TUR"].rank is dr.Rank.CHARGE_AD_INTERIM


class TestLithuaniaChina:
    """2021: mutual recall, downgrade to chargé d'affaires, Lithuanian embassy closed."""

    def test_end_of_2021(self, h: dr.History) -> None:
        """End of 2021: chargé level, nobody of Lithuania's left in Beijing.

        2021-12-31: relations stand at chargé level (21 Nov 2021: Reuters via Business
        Recorder; Xinhua); Lithuania's chargé and staff left Beijing on 15 Dec 2021 (AP via ABC
        News; AFP).
        """
        s = h.status("LTU", "CHN", on="2021-12-31")
        assert s.diplomatic is EST
        assert s.agreed == {"CHN": CHG, "LTU": CHG}
        assert "LTU" not in s.heads
        assert dr.represent(s.state, "LTU", year=2021).cow == 0


class TestMexicoEcuador:
    """2024: the ambassador expelled, a break at night, Swiss protection both ways."""

    def test_time_of_day(self, h: dr.History) -> None:
        """The break at night: an instant before it, relations stood.

        The break was announced late on 5 Apr 2024, Mexico City time (El Universal live blog,
        22:53; Nación321):
        at noon that day relations stood; at 23:30 and on the plain date they were severed.
        """
        assert h.status("MEX", "ECU", on="2024-04-05T12:00-06:00").diplomatic is EST
        late = h.status("MEX", "ECU", on="2024-04-05T23:30-06:00")
        assert late.diplomatic is dr.Diplomatic.SEVERED
        assert h.status("MEX", "ECU", on="2024-04-05").diplomatic is dr.Diplomatic.SEVERED

    def test_expulsion(self, h: dr.History) -> None:
        """The ambassador expelled: no ambassador at post.

        4 Apr 2024: Ecuador declared Ambassador Raquel Serur persona non grata (El Diario,
        Ecuador; Diario Libre/EFE).
        """
        s = h.status("MEX", "ECU", on="2024-04-04T23:00-05:00")
        assert s.heads["MEX"].rank is not dr.Rank.AMBASSADOR

    def test_swiss_protection(self, h: dr.History) -> None:
        """Switzerland protects both, nobody at post.

        Switzerland protects Mexico's interests (15 Jun 2024) and Ecuador's (17 Jun 2024): SRE
        communiqué via José Cárdenas; RT en Español.
        """
        s = h.status("MEX", "ECU", on="2024-07-01")
        assert s.protecting_powers == {"ECU": "CHE", "MEX": "CHE"}
        assert s.heads == {}


class TestNonResident:
    """A head of mission accredited from another capital."""

    def test_israel_in_bolivia_from_lima(self, h: dr.History) -> None:
        """Israel's ambassador in Lima accredited to Bolivia.

        Jan 2009: Walid Mansour, Israel's ambassador resident in Lima, accredited to Bolivia
        (Hoy Bolivia / AJN, January 2009, month only); Bolivia broke relations on 14 Jan 2009.

        On 13 January the accreditation may or may not have happened yet: uncertain, and the
        alternative has the non-resident ambassador.
        """
        s = h.status("BOL", "ISR", on="2009-01-13")
        assert not s.certain
        (state,) = [x for x in (s.state, *s.alternatives) if "ISR" in x.heads]
        head = state.heads["ISR"]
        assert (head.resident, head.resides_in, head.name) == (False, "PER", "Walid Mansour")
        assert "non-resident, in PER" in str(head)
        assert dr.represent(state, "ISR", year=2009).cow == 3
        none = dr.CowConventions(non_resident="none")
        assert dr.represent(state, "ISR", year=2009, conventions=none).cow == 0
