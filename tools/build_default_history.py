"""Build ``src/diplorel/data/default_history.json`` from the research notes in ``tools/research``.

The research notes hold, for each dyad, every dated act found with its sources and the exact
words that support it (see ``tools/research/*.json``). This script turns the selected dyads into
a diplorel history document, applying the curation decisions listed in ``DECISIONS`` (each one
says why), checks the result in strict mode, and writes ``docs/default-history.md`` (coverage
table, sources policy, decisions) from the same data so that the two never drift apart.

    python tools/build_default_history.py          # rebuild the data file and the page
    python tools/build_default_history.py --check  # exit 1 if either is out of date

Policy: a fact without a source stays out, and no date is ever invented. Every item carries the
sources the research recorded for it (publisher, title, publication date, address, and the
excerpt that supports it); the research's ``stored_copy`` links are dropped (the address stays).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent / "usdos"))

import us_records
from curation_presence import (
    CHIEF_SKIPS,
    PRESENCE_DECISIONS,
    PRESENCE_GENERAL,
    presence_extra,
    presence_items,
)

ROOT = Path(__file__).resolve().parent.parent
RESEARCH = [ROOT / "tools/research/research_us.json", ROOT / "tools/research/research_world.json"]
PRESENCE_RESEARCH = [
    ROOT / "tools/research/research_presence.json",
    ROOT / "tools/research/research_washington_a.json",
    ROOT / "tools/research/research_washington_b.json",
    ROOT / "tools/research/research_washington_c.json",
    ROOT / "tools/research/research_washington_d.json",
]
"""Research on who was at post (heads of mission, missions), merged into the selected dyads
with the decisions of ``tools/curation_presence.py``."""
OUT = ROOT / "src/diplorel/data/default_history.json"
DOC = ROOT / "docs/default-history.md"

Key = tuple[str, str]

# What each selected dyad illustrates (the coverage table of the documentation). The keys are
# the dyads as the research files them (codes sorted); the order is the order of the output.
SELECT: dict[Key, str] = {
    ("CUB", "KOR"): "founding example: 1949 (year only), 1959/1960 break with consular "
    "relations, trade office without relations, 2024 exchange of notes in New York, embassies",
    ("CUB", "PRK"): "founding example: relations since 1960, unaffected by Cuba-ROK",
    ("CUB", "USA"): "break naming consular relations (1961); Swiss and Czechoslovak protecting "
    "powers; interests sections 1977-2015; change of protecting power (1991); resumption",
    ("IRN", "USA"): "break (1980) with Swiss, Algerian then Pakistani protecting powers and "
    "interests sections",
    ("DZA", "USA"): "Algerian break (1967) keeping consular relations: a US consulate opens "
    "during the break (1968); Swiss interests section; resumption with embassies",
    ("EGY", "USA"): "recognition of the UAR name change (1958) without a new dyad; break 1967, "
    "Spanish interests section, resumption 1974",
    ("LBY", "USA"): "downgrade by recall (1980) without a break; Belgian interests section and "
    "liaison office (2004) while relations were never severed; Libyan section under the UAE",
    ("SDN", "USA"): "break (1967), Dutch interests section, resumption at chargé level (1972)",
    ("SYR", "USA"): "a re-emerged state (1961) starts with nothing; break 1967, Italian "
    "interests section; protecting powers (Poland, then Czechia) without a break",
    ("USA", "YEM"): "relations 1946, legation, chargé downgrade, break 1967, resumption; "
    "South Yemen's absorption left to the registry",
    ("USA", "YMD"): "break 1969 and resumption 1990 three weeks before the state's extinction "
    "(1990-05-22, from the registry)",
    ("MRT", "USA"): "embassy kept through a break (1967-1969); resumption announced in a joint "
    "communiqué",
    ("CHN", "USA"): "China as one state (COW 710): relations 1844, interrupted with changes of "
    "government (1912-1913, 1924-1928, and 1949 when the US withheld recognition from the PRC), "
    "embassy 1935, liaison offices without relations (1973), resumption with the PRC (1979)",
    ("DDR", "USA"): "recognition and relations the same day (1974); credentials; embassy "
    "closed the day before the GDR's extinction",
    ("USA", "VAT"): "recognition and relations with the Holy See (1984)",
    ("USA", "VNM"): "liaison office before relations (1995), chargé then ambassador",
    ("RUS", "USA"): "Russian Empire: legation, ambassador, suspension (1917); the USSR "
    "(1933, exchange of notes) and the Russian Federation (1991) continue the same dyad",
    ("SUN", "USA"): "exchange of notes (Roosevelt-Litvinov, 1933) and the continuation by "
    "the Russian Federation (filed with RUS-USA)",
    ("USA", "VEN"): "mutual recall of ambassadors (2008), Venezuelan break (2019); a "
    "protecting-power agreement never in force is left out",
    ("BOL", "USA"): "legations raised to embassies (1942); mutual expulsion of ambassadors "
    "(2008) without a break",
    ("AFG", "USA"): "legation, embassy, liaison office; operations suspended (2021) and Qatar "
    "as protecting power without a formal break",
    ("DEU", "USA"): "break 1917, resumption 1921, recall 1938 (not a break), break 1941, "
    "relations with the FRG 1955, embassy moved Bonn to Berlin",
    ("CHN", "CRI"): "joint communiqué signed and effective 1 June 2007, released 7 June",
    ("CSK", "ISR"): "recognition before relations (1948); break 1967, resumption 1990; "
    "Czechoslovakia's extinction (1992/1993)",
    ("AUT", "DDR"): "mutual recognition and relations (1972); GDR extinction 1990-10-03",
    ("BEL", "DDR"): "recognition without sourced relations (1972); GDR extinction",
    ("CHE", "DDR"): "relations by joint communiqué (1972); GDR extinction",
    ("DDR", "DEU"): "recognition and permanent missions without diplomatic relations "
    "(1972-1990); GDR extinction",
    ("DDR", "FRA"): "relations 1973; GDR extinction",
    ("DDR", "GBR"): "relations 1973; GDR extinction",
    ("DDR", "NLD"): "establishment dated by an interval (January/February 1973); GDR extinction",
    ("DDR", "YUG"): "establishment dated by an interval (10-15 October 1957); GDR extinction",
    ("DEU", "ISR"): "relations by exchange of letters (1965)",
    ("DEU", "YUG"): "Hallstein-doctrine break keeping consular relations (1957); Swedish and "
    "French protecting powers; resumption 1968",
    ("CHN", "DOM"): "PRC/ROC switch: joint communiqué effective on signature (2018)",
    ("CHN", "HND"): "PRC/ROC switch: joint communiqué (2023)",
    ("ARE", "ISR"): "relations by treaty (2020), embassies opened months apart",
    ("BHR", "ISR"): "relations by joint communiqué (2020), ambassador recalled (2023)",
    ("EGY", "ISR"): "recognition by peace treaty (1979) before relations (1980); ambassadors",
    ("KIR", "TWN"): "PRC/ROC switch: relations with Taipei 2003-2019, break dated by an interval",
    ("CHN", "LCA"): "PRC/ROC switch: relations 1997, suspended by Beijing 2007",
    ("LCA", "TWN"): "PRC/ROC switch: break 1997, resumption by joint communiqué 2007 "
    "(overlaps the PRC's relations by five days)",
    ("CHN", "NIC"): "PRC/ROC switches: relations 1985, break 1990, resumption by joint "
    "communiqué 2021",
    ("CHN", "NRU"): "PRC/ROC switches: relations 2002, break 2005, resumption 2024",
    ("CHN", "PAN"): "PRC/ROC switch: relations effective 12 June 2017 by joint statement, "
    "communiqué signed the next day",
    ("CHN", "SLB"): "PRC/ROC switch: communiqué effective on signature (2019)",
    ("CHN", "SLV"): "PRC/ROC switch: joint communiqué (2018)",
    ("GBR", "SUN"): "recognition (1924), break 1927 keeping recognition, resumption 1929 "
    "(month interval), continuation by the Russian Federation (the registry's, 1991-12-26)",
    ("CHN", "KIR"): "PRC/ROC switches: relations 1980 (year only, a year after Kiribati's "
    "independence), break 2003, resumption by joint communiqué 2019",
    ("NRU", "TWN"): "PRC/ROC switches: relations with Taipei 1980, break 2002 (month), "
    "resumption 2005 (year), break 2024; overlaps the PRC's relations",
    ("CAN", "IRN"): "relations standing by 2007 (open start); agreed downgrade to chargé, "
    "embassy closed and Iranian diplomats expelled (2012), Italy, then Oman and Switzerland "
    "as protecting powers",
    ("ISR", "TUR"): "recall (2010), expulsion and downgrade to second secretaries (2011), "
    "ambassadors back (2016), expulsions (2018), ambassadors again (2022-23), recalls (2023)",
    ("CHN", "LTU"): "mutual recall of ambassadors and downgrade to chargé d'affaires (2021)",
    ("ECU", "MEX"): "ambassador expelled, break announced at night on 5 April 2024 (time of "
    "day), Swiss protection both ways",
    ("BOL", "ISR"): "a non-resident ambassador accredited from Lima (2009); breaks",
    ("TWN", "USA"): "the Republic of China's government on Taiwan (COW 713 from 1949-12-08): "
    "relations carried from the mainland, embassy in Taipei, break and withdrawal of "
    "recognition (1979), the American Institute in Taiwan",
}

LEFT_OUT: dict[Key, str] = {
    # Dyads of the research that are not in the default history, and why.
    ("ARE", "QAT"): "no sourced establishment of relations: the 2017 break cannot apply",
    ("BHR", "QAT"): "no sourced establishment of relations: the 2017 break cannot apply",
    ("CAN", "SAU"): "no sourced establishment of relations: recalls and levels need relations",
    ("DOM", "TWN"): "no sourced establishment of relations: the 2018 break cannot apply",
    ("DZA", "MAR"): "no sourced establishment of relations: the 2021 break (which kept "
    "consular relations) cannot apply",
    ("EGY", "QAT"): "no sourced establishment of relations: the 2017 break cannot apply",
    ("ARG", "GBR"): "no sourced establishment of relations: the 1982 break cannot apply",
    ("GBR", "IRN"): "no sourced establishment of relations: the 2011 downgrade cannot apply",
    ("GBR", "LBY"): "no sourced establishment of relations: the 1984 break cannot apply",
    ("HND", "TWN"): "no sourced establishment of relations: the 2023 break cannot apply",
    ("IRN", "MAR"): "no sourced establishment of relations: the 2009 break cannot apply",
    ("NIC", "TWN"): "no sourced establishment of relations: the 1985 break cannot apply",
    ("NLD", "TUR"): "no sourced establishment of relations: recalls and levels need relations",
    ("PAN", "TWN"): "no sourced establishment of relations: the 2017 break cannot apply",
    ("IRN", "SAU"): "no sourced establishment of relations: the 2016 break and the 2023 "
    "communiqué (agreed 10 March, effective 6 April) cannot apply",
    ("QAT", "SAU"): "no sourced establishment of relations: the 2017 break cannot apply",
    ("SLB", "TWN"): "no sourced establishment of relations: the 2019 break cannot apply",
    ("COL", "VEN"): "no sourced establishment of relations: the 2019 break cannot apply",
    ("KHM", "USA"): "the registry starts Cambodia on 1953-11-09, so the sourced 1950 "
    "recognition and establishment are refused, and everything after them",
    ("IRQ", "USA"): "the registry starts Iraq on 1932-10-03, so the sourced 1930 recognition "
    "and 1931 establishment are refused, and everything after them",
    ("CRI", "TWN"): "no sourced establishment of relations: the 1941 establishment was with "
    "China's Republic of China government and is filed under CHN (COW 710), TWN exists from "
    "1949-12-08, so the 2007 break cannot apply",
    ("SLV", "TWN"): "no sourced establishment of relations: the 1933/1941 establishment was with "
    "China's Republic of China government and is filed under CHN (COW 710), TWN exists from "
    "1949-12-08, so the 2018 break cannot apply",
}

# (a, b, type, on) -> a decision. ``skip``: leave the research event out (the value says why);
# ``why`` with field overrides: change the item (``drop`` lists fields to remove,
# ``extra_sources_from`` names a research event whose sources are added, ``add_sources`` lists
# sources found since, in the research's form; ``why`` stays here).
DECISIONS: dict[tuple[str, str, str, str], dict[str, Any]] = {
    # --- founding example ---------------------------------------------------------------
    ("CUB", "KOR", "RelationsSevered", "1959/1960"): {
        # The 2024 act established "diplomatic and consular relations" (Prensa Latina), so the
        # break ended consular relations too.
        "why": "the 2024 act established diplomatic and consular relations, so the break "
        "ended consular relations too",
        "consular": True,
    },
    ("CUB", "KOR", "RepresentationChanged", "2025-01-07"): {
        "skip": "the presence research records Cuba's ambassador taking up post that day, "
        "with his rank",
    },
    ("CUB", "KOR", "RepresentationChanged", "2025-02"): {
        "skip": "the presence research dates the Korean ambassador's credentials to the day "
        "(2025-02-25)",
    },
    ("CUB", "KOR", "MissionOpened", "2025-06"): {
        "skip": "the presence research dates the opening to the day (2025-06-10)",
    },
    ("CUB", "KOR", "RelationsEstablished", "2024-02-14"): {
        "skip": "made by the exchange of notes of the same day (an ExchangeOfNotes item)",
    },
    ("CUB", "KOR", "ExchangeOfNotes", "2024-02-14"): {
        "why": "notes exchanged in New York on 14 February (local time) and announced the same "
        "day (Xinhua, 'SEOUL, Feb. 14'; Prensa Latina, 'Havana, Feb 14'); the Chosun Ilbo's "
        "'on Feb. 15' is the day it published the news in Seoul, not the act",
        "announced_on": "2024-02-14",
        "add_sources": [
            {
                "publisher": "Xinhua",
                "title": "S.Korea establishes diplomatic ties with Cuba",
                "date": "2024-02-14",
                "url": "https://english.news.cn/20240214/6463f34bf4d8484bb89d128471f13d51/c.html",
                "quote": "SEOUL, Feb. 14 (Xinhua) -- South Korea established diplomatic "
                "relations with Cuba by exchanging official letters in New York, South Korea's "
                "foreign ministry said Wednesday.",
            },
        ],
    },
    ("CUB", "KOR", "CreditLineOpened", "2005/2020"): {
        "why": "AFP (via Club of Mozambique) and CoreaBucket both say the line was given in "
        "2005, when the KOTRA office opened; D-Cuba names K-sure without a date. The research "
        "kept 2005/2020 to flag that doubt; the two dated sources give 2005, and the lender "
        "institution stays unnamed.",
        "on": "2005",
        "id": "kor-cub-2005",
    },
    ("CUB", "KOR", "CreditLineOpened", "2015-02-09"): {
        "why": "the K-sure EUR 60 million facility of 9 February 2015 (Herald, Yonhap); the "
        "Cuban counterparties go into the purpose, so the institution is the lender's",
        "institution": "Korea Trade Insurance Corporation (K-sure)",
        "purpose": "trade insurance credit for Korean exports to Cuba (counterparties: Banco "
        "Central de Cuba, Banco Exterior de Cuba)",
    },
    # --- USA-Cuba -------------------------------------------------------------------------
    ("CUB", "USA", "RelationsSevered", "1961-01-03"): {
        # OH: the US could no longer carry on "diplomatic and consular functions".
        "why": "the research reads the 1961 note as ending consular relations too (OH)",
        "consular": True,
    },
    # --- USA-Iran ---------------------------------------------------------------------------
    ("IRN", "USA", "MissionOpened", "1981"): {
        # The source itself says the office was "associated with the Pakistani Embassy" from
        # 1981 although Pakistan protects Iran only from March 1992 (Algeria before).
        "skip": "the presence research records the section under the power then in force "
        "(Algeria; Pakistan from 1992-03)",
    },
    ("IRN", "USA", "MissionOpened", "1980"): {
        "skip": "the presence research dates it to the day (1980-05-21) and says who staffs it",
    },
    ("IRN", "USA", "ProtectingPowerAppointed", "1980"): {
        "skip": "the presence research dates it to the day (1980-05-21)",
    },
    ("IRN", "USA", "ProtectingPowerAppointed", "1980/1981"): {
        "skip": "the presence research dates it to the month (1980-04)",
    },
    ("IRN", "USA", "RelationsSevered", "1980-04-07"): {
        "why": "the sources date the closure of Iran's embassy in Washington to the next day "
        "(1980-04-08), so the missions do not close with the break itself",
        "missions_stay_open": True,
    },
    # --- USA-Iraq, USA-Cambodia: left out (see LEFT_OUT) ------------------------------------
    # --- USA-Algeria ------------------------------------------------------------------------
    # --- USA-Syria ----------------------------------------------------------------------------
    ("SYR", "USA", "Recognized", "1944-09-08"): {
        "skip": "the registry starts Syria on 1946-01-01 (COW): refused as outside existence",
    },
    ("SYR", "USA", "RelationsEstablished", "1944-11-17"): {
        "skip": "the registry starts Syria on 1946-01-01 (COW): refused as outside existence",
    },
    ("SYR", "USA", "StateExtinguished", "1958-02-22"): {
        "skip": "stating Syria's extinction would end the dyad for good: the engine accepts no "
        "act after an extinction, so the 1961 re-emergence could not follow; the registry "
        "does not record the 1958-1961 gap either",
    },
    ("SYR", "USA", "MissionClosed", "1958-02-25"): {
        "skip": "closes an embassy whose opening is not in the research",
    },
    ("SYR", "USA", "RelationsResumed", "1961-10-10"): {
        # A state that re-emerges starts with nothing (DESIGN: new states start with nothing);
        # with the 1944 acts refused, the OH's "reestablished" is an establishment here.
        "why": "Syria re-emerged from the UAR in 1961 and a new state starts with nothing; "
        "the OH's 'reestablished' is an establishment in diplorel's vocabulary; the chargé "
        "d'affaires ad interim who opened the embassy is who was there, not the class agreed",
        "type": "relations_established",
        "level": "unknown",
    },
    ("DZA", "USA", "RelationsEstablished", "1962-09-29"): {
        "why": "a chargé d'affaires ad interim opening the mission is who was there, not the "
        "class agreed, which no source states",
        "level": "unknown",
    },
    ("SYR", "USA", "RelationsResumed", "1974-06-16"): {
        "why": "a chargé d'affaires ad interim opening the mission is who was there, not the "
        "class agreed, which no source states",
        "level": "unknown",
    },
    ("LBY", "USA", "RelationsEstablished", "1951-12-24"): {
        "why": "a chargé d'affaires ad interim opening the mission is who was there, not the "
        "class agreed, which no source states",
        "level": "unknown",
    },
    ("SDN", "USA", "RelationsResumed", "1972-07-25"): {
        "why": "a chargé d'affaires ad interim opening the mission is who was there, not the "
        "class agreed, which no source states",
        "level": "unknown",
    },
    ("USA", "YMD", "RelationsEstablished", "1967-12-07"): {
        "why": "a chargé d'affaires ad interim opening the mission is who was there, not the "
        "class agreed, which no source states",
        "level": "unknown",
    },
    ("USA", "VNM", "RelationsEstablished", "1995-07-11"): {
        "why": "a chargé d'affaires ad interim opening the mission is who was there, not the "
        "class agreed, which no source states",
        "level": "unknown",
    },
    ("SYR", "USA", "MissionClosed", "2012-02-06"): {
        "why": "operations suspended, without a break of relations",
        "type": "mission_evacuated",
    },
    ("SYR", "USA", "MissionClosed", "2014-03-18"): {
        "why": "operations suspended, without a break of relations",
        "type": "mission_evacuated",
    },
    # --- USA-Libya ------------------------------------------------------------------------------
    ("LBY", "USA", "AmbassadorRecalled", "1980-02-08"): {
        "skip": "the head recalled that day was a chargé d'affaires: the presence research "
        "records it as a chargé's recall",
    },
    ("LBY", "USA", "RelationsResumed", "2006-05-31"): {
        # OH: relations were never formally severed (1980-2006); there is nothing to resume.
        "skip": "relations were never severed (OH says so), so there is nothing to resume; "
        "the level stayed chargé d'affaires",
    },
    ("LBY", "USA", "MissionClosed", "2011-02-25"): {
        "why": "operations suspended for security, without a break",
        "type": "mission_evacuated",
    },
    ("LBY", "USA", "MissionClosed", "2011-03-16"): {
        "why": "operations suspended, without a break",
        "type": "mission_evacuated",
    },
    # --- USA-Sudan --------------------------------------------------------------------------------
    # --- USA-Yemen, USA-South Yemen ---------------------------------------------------------------
    ("USA", "YEM", "StateContinued", "1990-05-22"): {
        # old = [YEM, YMD], new = YEM: a state cannot continue itself; the registry knows
        # South Yemen's extinction into Yemen on 1990-05-22.
        "skip": "a state cannot continue itself; the registry records YMD's absorption by YEM "
        "on 1990-05-22",
    },
    ("USA", "YEM", "RelationsResumed", "1972-07"): {
        "why": "the Office of the Historian's records name a chargé d'affaires a.i. in San'a "
        "from 1972-07-01, so relations were resumed by that day (Rogers's visit, July 1972)",
        "on": "1972-07-01",
    },
    # --- USA-Mauritania -------------------------------------------------------------------------
    ("MRT", "USA", "RelationsResumed", "1969-12-22"): {
        "skip": "made by the joint communiqué released the same day (no signing date is "
        "sourced; the communiqué is dated by its release and effective date)",
    },
    # --- USA-China ------------------------------------------------------------------------------
    # China is one state (COW 710) whose government changed; the registry lists the governments.
    ("CHN", "USA", "RelationsSuspended", "1912-02-12"): {
        # OH: relations "interrupted" when the emperor abdicated; the US "withheld recognition
        # of this new provisional government". Its own records keep the US legation and
        # minister in Beijing throughout: what lapsed is the recognition of a government.
        "why": "the United States withheld recognition of the new provisional government while "
        "its legation stayed (the Office of the Historian's records keep the minister at post): "
        "an act on the recognition of China's government, not on relations between the states",
        "type": "government_recognition_withdrawn",
        "by": "USA",
        "of": "CHN",
        "government": "qing",
        "drop": ["between"],
    },
    ("CHN", "USA", "RelationsResumed", "1913-05-02"): {
        "why": "the message to President Yuan Shikai recognised the Republic of China's "
        "government; relations between the states had gone on",
        "type": "government_recognized",
        "by": "USA",
        "of": "CHN",
        "government": "roc",
        "drop": ["between", "level"],
    },
    ("CHN", "USA", "RelationsSuspended", "1924-12-09"): {
        "why": "the legation kept 'de facto relations' with the provisional government, and a "
        "new US minister presented credentials in 1925 (the Office of the Historian's records): "
        "recognition of the government was withheld, relations between the states went on",
        "type": "government_recognition_withdrawn",
        "by": "USA",
        "of": "CHN",
        "government": "roc",
        "drop": ["between"],
    },
    ("CHN", "USA", "RelationsResumed", "1928-07-25"): {
        "why": "the State Department declared the tariff treaty 'full recognition of the "
        "Nationalist Government': recognition of the government",
        "type": "government_recognized",
        "by": "USA",
        "of": "CHN",
        "government": "roc",
        "drop": ["between", "level"],
    },
    ("CHN", "USA", "MissionOpened", "1973"): {
        "skip": "the presence research dates it to the month (1973-05)",
    },
    ("CHN", "USA", "RelationsEstablished", "1979-01-01"): {
        # OH: the US "recognized the PRC and established diplomatic relations with it as the
        # sole legitimate government of China": with the government; between the two states,
        # the relations suspended on 1949-10-01 resume.
        "why": "China is one state (COW 710) whose relations with the US, suspended when the US "
        "withheld recognition from the PRC (1949-10-01), resume with the PRC as China's "
        "government; the OH's 'established ... with it' speaks of the government",
        "type": "relations_resumed",
    },
    # --- USA-GDR --------------------------------------------------------------------------------
    ("DEU", "USA", "RelationsEstablished", "1871-04-08"): {
        "skip": "the German Empire continues Prussia (COW 255, one state in the registry), with "
        "which relations date from 1797; the United States recognised the Empire by changing "
        "its minister's accreditation (OH)",
    },
    ("DDR", "USA", "RelationsEstablished", "1974-09-04"): {
        "skip": "made by the joint communiqué released the same day (no signing date is "
        "sourced; the communiqué is dated by its release and effective date)",
    },
    ("DDR", "USA", "RepresentationChanged", "1974-12-20"): {
        # Relations were agreed at ambassador level on 4 September; what the source dates on
        # 20 December is the presentation of credentials.
        "why": "the level was already ambassador; the source dates the presentation of credentials",
        "type": "head_of_mission_accredited",
        "name": "John Sherman Cooper",
        "drop": ["level"],
    },
    **{
        (a, b, "StateExtinguished", "1990-10-03"): {
            "skip": "the GDR's extinction is stated once (DDR-AUT): an extinction applies to "
            "every dyad of the state, and a second one would meet an ended dyad",
        }
        for a, b in [
            ("BEL", "DDR"),
            ("CHE", "DDR"),
            ("DDR", "DEU"),
            ("DDR", "FRA"),
            ("DDR", "GBR"),
            ("DDR", "NLD"),
            ("DDR", "YUG"),
        ]
    },
    ("DDR", "USA", "StateExtinguished", "1990"): {
        "skip": "the GDR's extinction is stated once, with its day (DDR-AUT), and is known "
        "to the registry (1990-10-03); this year-only copy would make 1990 uncertain",
    },
    # --- USA-Vietnam --------------------------------------------------------------------------
    **{
        ("USA", "VNM", t, on): {
            "skip": "before 1976 the partner was the State of Vietnam / Republic of Vietnam, "
            "not VNM (registry: VNM from 1976-07-02, XRV only from 1954): refused as "
            "outside existence",
        }
        for t, on in [
            ("Recognized", "1950-02-07"),
            ("RelationsEstablished", "1950-02-17"),
            ("RepresentationChanged", "1952-06-24"),
            ("MissionClosed", "1975-04-29"),
        ]
    },
    # --- USA-Russia, USA-USSR -------------------------------------------------------------------
    ("TWN", "USA", "RelationsSevered", "1979-01-01"): {
        "why": "the embassy in Taipei closed on 1979-02-28 (the same research), so the missions "
        "do not close with the break itself",
        "missions_stay_open": True,
    },
    ("RUS", "USA", "MissionClosed", "1919-09-14"): {
        "why": "the only US mission in Russia on record is the 1809 legation (raised with the "
        "1898 ambassador): the embassy that withdrew to Archangel is that mission",
        "kind": "legation",
        "drop": ["place"],
    },
    ("CUB", "USA", "MissionOpened", "1977"): {
        "skip": "the Washington research dates Cuba's interests section to the day "
        "(1977-09-01, with the Czechoslovak embassy as protecting power)",
    },
    ("BOL", "USA", "AmbassadorRecalled", "2008-09-10"): {
        "why": "the research notes the cause, 'declared persona non grata by BOL': an "
        "expulsion of the US ambassador by Bolivia (VCDR art. 9)",
        "type": "persona_non_grata_declared",
        "by": "BOL",
        "drop": ["sender"],
    },
    ("BOL", "USA", "AmbassadorRecalled", "2008-09-11"): {
        "why": "the research notes the cause, 'declared persona non grata by USA': an "
        "expulsion of Bolivia's ambassador by the United States (VCDR art. 9)",
        "type": "persona_non_grata_declared",
        "by": "USA",
        "drop": ["sender"],
    },
    ("RUS", "USA", "RelationsSuspended", "1917-12-06"): {
        "why": "the Russian embassy in Washington, under the Provisional Government's ambassador "
        "Bakhmeteff, stayed open until 1922-06-30 (the Washington research), so the missions "
        "do not close with the suspension",
        "missions_stay_open": True,
    },
    **{
        ("ISR", "TUR", kind, on): {
            "skip": "the presence research records this dyad's acts with their days and the "
            "heads of mission concerned",
        }
        for kind, on in [
            ("AmbassadorRecalled", "2010"),
            ("RepresentationChanged", "2011-09-02"),
            ("AmbassadorReturned", "2016"),
            ("AmbassadorRecalled", "2018-05"),
            ("RepresentationChanged", "2021-02"),
            ("RepresentationChanged", "2022-08-17"),
        ]
    },
    ("ECU", "MEX", "RelationsSevered", "2024-04-05/2024-04-06"): {
        "skip": "the presence research dates the break to the evening of 2024-04-05, with the "
        "time of the announcement",
    },
    ("CAN", "IRN", "RelationsSevered", "2012-09-07"): {
        "skip": "Canada's foreign minister announced that Canada was suspending relations (the "
        "presence research quotes him): a suspension, recorded there",
    },
    ("CAN", "IRN", "MissionClosed", "2012-09"): {
        "skip": "the presence research dates the closure of Iran's embassy in Ottawa to the day",
    },
    ("RUS", "USA", "StateContinued", "1991-12-25"): {
        "skip": "contradicts the state registry, which dates the continuation 1991-12-26 (the "
        "USSR's last day was 25 December, the day of Gorbachev's resignation and of the US "
        "announcement); the registry's continuation applies to every dyad of the USSR",
    },
    ("RUS", "USA", "RelationsEstablished", "1991-12-31"): {
        # With continuity the USSR's relations carry over to Russia unchanged: establishing
        # them again is refused (already established), as the research note anticipates.
        "skip": "continuity carries the USSR's relations over to Russia, so they were "
        "already established",
    },
    ("SUN", "USA", "RelationsEstablished", "1933-11-16"): {
        "skip": "made by the exchange of notes of the same day (an ExchangeOfNotes item)",
    },
    ("SUN", "USA", "StateContinued", "1991-12-25"): {
        "skip": "contradicts the state registry, which dates the continuation 1991-12-26 (the "
        "USSR's last day was 25 December, when Gorbachev resigned); the registry's continuation "
        "applies to every dyad of the USSR",
    },
    # --- USA-Venezuela ------------------------------------------------------------------------
    ("USA", "VEN", "MissionClosed", "2019-03-14?"): {
        "why": "operations suspended, without a break of relations",
        "type": "mission_evacuated",
    },
    ("USA", "VEN", "ProtectingPowerAppointed", "2019-04-05"): {
        "skip": "signed but never in force: Venezuela withheld consent (in_force=false), and "
        "a protecting power needs the receiving state's consent (VCDR art. 45-46)",
    },
    # --- USA-Afghanistan ----------------------------------------------------------------------
    ("AFG", "USA", "MissionClosed", "1989-01-30"): {
        # The research opens a legation in 1942 and raises the level in 1948, but no embassy
        # opening is recorded; closing an "embassy" would be refused.
        "why": "the only mission in Kabul on record is the 1942 legation (raised with the "
        "1948 ambassador); the source's embassy is that mission",
        "kind": "legation",
    },
    # --- USA-Germany --------------------------------------------------------------------------
    ("DEU", "USA", "MissionClosed", "2000-04-03"): {
        "skip": "closes the 'U.S. Office Bonn', a kind outside diplorel's vocabulary; the "
        "embassy in Bonn is closed on 1999-07-07 instead (see EXTRA)",
    },
    ("GBR", "SUN", "StateContinued", "1991-12-24"): {
        # The letter of 24 December announced that Russia continues the USSR's UN membership;
        # the USSR still existed that day (docs/states.md explains the registry's date).
        "skip": "contradicts the state registry, which dates the continuation 1991-12-26 (the "
        "first day after the USSR's end; Declaration No. 142-N of 26 December); the letter of "
        "24 December announced the continuation of UN membership; the registry's continuation "
        "applies to every dyad of the USSR",
    },
    # --- world: ROC relations of third states before 1949 are China's (CHN) -------------------
    ("CHN", "CRI", "RelationsEstablished", "1941"): {
        "skip": "relations with China's Republic of China government (COW 710, CHN); no source "
        "records how they ended when the PRC took office in 1949 (Costa Rica kept them with the "
        "Republic of China on Taiwan), so keeping them would show relations with the PRC from "
        "1941 and make the 2007 communiqué establish existing relations",
    },
    ("CHN", "SLV", "RelationsEstablished", "1933/1941"): {
        "skip": "relations with China's Republic of China government (COW 710, CHN); no source "
        "records how they ended when the PRC took office in 1949 (El Salvador kept them with "
        "the Republic of China on Taiwan), so keeping them would show relations with the PRC "
        "from 1933/1941 and make the 2018 communiqué establish existing relations",
    },
    # --- knowledge time: when acts became known (announced_on) -----------------------------
    ("CHN", "CRI", "JointCommunique", "2007-06-01"): {
        "why": "signed and effective on 1 June, kept secret until President Arias announced it "
        "on Wednesday 6 June (US Embassy San Jose cable 07SANJOSE1106; the Tico Times: Arias "
        "denied the switch 'right up to Wednesday morning'); Beijing announced it on Thursday "
        "7 June (Xinhua), the communique's release",
        "announced_on": "2007-06-06",
        "add_sources": [
            {
                "publisher": "US Embassy San Jose (cable 07SANJOSE1106, via WikiLeaks)",
                "title": "Costa Rica recognizes China",
                "date": "2007-06",
                "url": "https://wikileaks.jcvignoli.com/cable_07SANJOSE1106?amp=1",
                "quote": "On June 6, Costa Rica announced normalized relations with China... "
                "The announcement capped months of secret negotiations, including a visit to "
                "Beijing by Foreign Minister Stagno and Treasury Minister Zuniga to sign an "
                "agreement on June 1.",
            },
            {
                "publisher": "The Tico Times",
                "title": "Hello China, Goodbye Taiwan",
                "date": "2007-06-08",
                "url": "https://ticotimes.net/2007/06/08/hello-china-goodbye-taiwan",
                "quote": "right up to Wednesday morning",
            },
        ],
    },
    ("CHN", "CRI", "Recognized", "2007-06-01"): {
        "why": "the recognition is the communique's, secret until it was announced on 6 June "
        "(the cable 07SANJOSE1106, with the communique)",
        "announced_on": "2007-06-06",
    },
    # --- world: instruments keep only the instrument ------------------------------------------
    ("CHN", "CRI", "RelationsEstablished", "2007-06-01"): {
        "skip": "made by the joint communiqué of the same day",
    },
    ("CHE", "DDR", "RelationsEstablished", "1972-12-20"): {
        "skip": "made by the joint communiqué of the same day",
    },
    ("DDR", "DEU", "RelationsEstablished", "1973-06-21"): {
        # Its own source (Wikipedia, Basic Treaty) says formal relations were never established.
        "skip": "its own source says 'formal diplomatic relations were never established': "
        "the Basic Treaty gave permanent missions, not relations",
    },
    ("DEU", "ISR", "RelationsEstablished", "1965-05-12"): {
        "skip": "made by the exchange of letters of the same day",
    },
    ("CHN", "DOM", "RelationsEstablished", "2018-05-01"): {
        "skip": "made by the joint communiqué of the same day",
    },
    ("CHN", "HND", "RelationsEstablished", "2023-03-26"): {
        "skip": "made by the joint communiqué of the same day",
    },
    ("BHR", "ISR", "RelationsEstablished", "2020-10-18"): {
        "skip": "made by the joint communiqué of the same day",
    },
    ("CHN", "LCA", "RelationsSuspended", "2007-05-05"): {
        "why": "the research leaves consular out; a suspension keeps them unless named",
        "consular": False,
    },
    ("LCA", "TWN", "RelationsResumed", "2007-04-30"): {
        "skip": "made by the joint communiqué of the same day",
    },
    ("CHN", "NIC", "RelationsResumed", "2021-12-10"): {
        "skip": "made by the joint communiqué of the same day",
    },
    ("CHN", "PAN", "RelationsEstablished", "2017-06-12"): {
        "skip": "made by the joint communiqué (signed 13 June, effective 12 June)",
    },
    ("CHN", "PAN", "JointCommunique", "2017-06-13"): {
        # SupChina: the joint statement of 12 June established relations "the same day"; the
        # communiqué was signed on 13 June. The effective date precedes the signing.
        "why": "the joint statement of 12 June made relations effective 'the same day'; the "
        "communiqué was signed on the 13th",
        "effective_on": "2017-06-12",
        "level": "ambassador",
        "extra_sources_from": ("CHN", "PAN", "RelationsEstablished", "2017-06-12"),
    },
    ("CHN", "SLB", "RelationsEstablished", "2019-09-21"): {
        "skip": "made by the joint communiqué of the same day",
    },
    ("CHN", "SLV", "RelationsEstablished", "2018-08-21"): {
        "skip": "made by the joint communiqué of the same day",
    },
    ("CHN", "KIR", "RelationsResumed", "2019-09-27"): {
        "skip": "made by the joint communiqué of the same day",
    },
}

# Items derived from a research source that states them, though the research did not record
# them as events of their own. Each names the research event whose sources it takes.
EXTRA: list[dict[str, Any]] = [
    {
        # OH: "both countries elevated their respective Interests Sections to Embassy status".
        "why": "the interests sections became the embassies on 2015-07-20 (OH)",
        "sources_from": ("CUB", "USA", "MissionOpened", "2015-07-20"),
        "item": {
            "type": "mission_closed",
            "between": ["CUB", "USA"],
            "on": "2015-07-20",
            "sender": "USA",
            "kind": "interests_section",
            "protecting_power": "CHE",
            "place": "Havana",
            "tz": "America/Havana",
        },
    },
    {
        "why": "the interests sections became the embassies on 2015-07-20 (OH)",
        "sources_from": ("CUB", "USA", "MissionOpened", "2015-07-20"),
        "item": {
            "type": "mission_closed",
            "between": ["CUB", "USA"],
            "on": "2015-07-20",
            "sender": "CUB",
            "kind": "interests_section",
            "protecting_power": "CSK",
            "place": "Washington",
            "tz": "America/New_York",
        },
    },
    {
        # OH: "moved its embassy in Germany from Bonn to Berlin on July 7, 1999".
        "why": "the embassy moved from Bonn to Berlin on 1999-07-07 (OH)",
        "sources_from": ("DEU", "USA", "MissionOpened", "1999-07-07"),
        "item": {
            "type": "mission_closed",
            "between": ["DEU", "USA"],
            "on": "1999-07-07",
            "sender": "USA",
            "kind": "embassy",
            "place": "Bonn",
            "tz": "Europe/Berlin",
        },
    },
]

GENERAL = [
    (
        "A break whose consular effect the research left open (`consular: null`) keeps consular "
        "relations (VCCR art. 2(3)): only an act that names them ends them."
    ),
    (
        "An establishment or resumption whose class the research left open gets level `unknown` "
        "(COW 9, nothing known); an instrument takes the level of the event it replaces."
    ),
    (
        "Fields outside diplorel's vocabulary are dropped: `cause` and `head_of_mission_class` "
        "(recalls), `suspension`, `relocated_to`, `ordered_by`, `also` (a suspended embassy is "
        "closed), `official` (missions), `in_force` (see the decisions); a mission's "
        "`institution` becomes its name."
    ),
    "`merged_into` maps to `absorbed_by`; a state's extinction or continuation is stated once.",
    "A mission's `place` is the city of the mission; its `tz` is where the act happened.",
    (
        "Research `JointCommunique` and `ExchangeOfNotes` items become diplorel instruments, and "
        "the establishment or resumption they record is left out (the instrument makes it). A "
        "joint communiqué whose signing date is not sourced is dated by its release and "
        "effective date."
    ),
    (
        "A protecting-power appointment on the same day as an interests section opened under "
        "the same power is kept as a confirmation of that power, with its own sources."
    ),
    (
        "Sources keep publisher, title, publication date, address and excerpt; the research's "
        "`stored_copy` is dropped. The Office of the Historian's date '2008 (updated December "
        "2014)' is kept as 2008."
    ),
    "Research notes are not copied into the data.",
]

_LEVELS = {"ambassador", "minister", "charge_d_affaires", "none", "other", "unknown"}
_KINDS = {
    "embassy",
    "legation",
    "consulate",
    "interests_section",
    "liaison_office",
    "trade_office",
}
_STATE_NAMES = {"United Arab Republic (with EGY)": "EGY", "United Arab Republic": "EGY"}


def _tag(kind: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in kind).lstrip("_")


def _source(s: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"publisher": s["publisher"], "title": s["title"]}
    date = (s.get("date") or "").split(" (")[0]  # '2008 (updated December 2014)' -> 2008
    if date and date != "n.d.":  # 'n.d.': the source is undated
        out["published_on"] = date
    if s.get("url"):
        out["url"] = s["url"]
    if s.get("quote"):
        out["excerpt"] = s["quote"]
    return out


def _level(value: str | None) -> str:
    return value if value in _LEVELS else "unknown"


def _paired(events: list[dict[str, Any]], on: str | None) -> dict[str, Any] | None:
    """The establishment or resumption event an instrument stands for (same date)."""
    for e in events:
        if e["type"] in {"RelationsEstablished", "RelationsResumed"} and e["on"] == on:
            return e
    return None


def _item(
    between: list[str], e: dict[str, Any], sources: list[dict[str, Any]], events: list[Any]
) -> dict[str, Any] | None:
    f = dict(e.get("fields") or {})
    kind = e["type"]
    item: dict[str, Any] = {"on": e["on"]}
    if e.get("place"):
        item["place"] = e["place"]
    if e.get("tz"):
        item["tz"] = e["tz"]
    item["sources"] = sources
    if kind in {"Recognized", "RecognitionWithdrawn"}:
        item |= {"by": _STATE_NAMES.get(f["by"], f["by"]), "of": _STATE_NAMES.get(f["of"], f["of"])}
    elif kind == "ExchangeOfNotes":
        effective = f.get("effective_on")
        pair = _paired(events, effective or e["on"])
        item |= {"id": f"{'-'.join(between).lower()}-notes-{e['on']}", "between": between}
        if effective and effective != e["on"]:
            item["effective_on"] = effective
        if pair is not None and pair["type"] == "RelationsResumed":
            item["establishes"] = "resume_relations"
        item["level"] = _level(pair["fields"].get("level")) if pair else "unknown"
        item["consular"] = True
    elif kind == "JointCommunique":
        effective = f.get("effective_on")
        dated = f.get("signed_on") or f.get("released_on") or effective
        if not dated:
            return None
        pair = _paired(events, effective or dated)
        item = {"id": f"{'-'.join(between).lower()}-communique-{dated}", "between": between}
        if f.get("signed_on"):
            item["signed_on"] = f["signed_on"]
        if f.get("released_on"):
            item["released_on"] = f["released_on"]
        if effective:
            item["effective_on"] = effective
        item["establishes"] = f["act"]
        item["level"] = _level(pair["fields"].get("level")) if pair else "unknown"
        item["consular"] = True
        for k in ("tz", "place"):
            if e.get(k):
                item[k] = e[k]
        item["sources"] = sources
    elif kind == "StateExtinguished":
        item["state"] = f["state"]
        absorbed = f.get("absorbed_by") or f.get("merged_into")
        if absorbed:
            item["absorbed_by"] = _STATE_NAMES.get(absorbed, absorbed)
    elif kind == "StateContinued":
        item |= {"old": f["old"], "new": f["new"]}
    else:
        kind = _dyad_fields(item, kind, f, between, e["on"])
    item["type"] = _tag(kind)
    return item


def _dyad_fields(
    item: dict[str, Any], kind: str, f: dict[str, Any], between: list[str], on: str
) -> str:
    """Fill in the fields of a dyadic event; return its (possibly mapped) type."""
    item["between"] = between
    if kind in {"RelationsEstablished", "RelationsResumed"}:
        item["level"] = _level(f.get("level"))
        if f.get("consular") is False:
            item["consular"] = False
    elif kind in {"RelationsSevered", "RelationsSuspended"}:
        item["by"] = f["by"]
        if f.get("consular"):
            item["consular"] = True
        if f.get("missions_stay_open"):
            item["missions_stay_open"] = True
    elif kind == "ConsularRelationsEstablished":
        pass
    elif kind == "RepresentationChanged":
        if f.get("head_of_mission"):
            kind = "HeadOfMissionAccredited"
            item |= {"sender": f["sender"], "name": f["head_of_mission"]}
        else:
            item |= {"sender": f["sender"], "level": f["level"]}
    elif kind in {"MissionOpened", "MissionClosed", "MissionEvacuated"}:
        if f["kind"] not in _KINDS:
            msg = f"mission kind {f['kind']!r} needs a decision ({between}, {on})"
            raise ValueError(msg)
        item["sender"] = f["sender"]
        item["kind"] = f["kind"]
        if f.get("place"):
            item["place"] = f["place"]
        if f.get("protecting_power"):
            item["protecting_power"] = f["protecting_power"]
        name = f.get("name") or f.get("institution")
        if name:
            item["name"] = name
    elif kind in {"AmbassadorRecalled", "AmbassadorReturned", "ChargeRecalled"}:
        item["sender"] = f["sender"]
    elif _presence_fields(item, kind, f):
        pass
    elif kind in {"ProtectingPowerAppointed", "ProtectingPowerEnded"}:
        item["protected"] = f["protected"]
        if kind == "ProtectingPowerAppointed":
            item["power"] = f["power"]
    else:
        msg = f"event type {kind!r} needs a decision ({between}, {on})"
        raise ValueError(msg)
    return kind


def _presence_fields(item: dict[str, Any], kind: str, f: dict[str, Any]) -> bool:
    """Fill in the fields of a presence event; False when ``kind`` is not one."""
    if kind == "HeadOfMissionAccredited":
        item["sender"] = f["sender"]
        for field in ("rank", "name", "resides_in"):
            if f.get(field):
                item[field] = f[field]
        if f.get("resident") is False:
            item["resident"] = False
    elif kind == "HeadOfMissionDeparted":
        item["sender"] = f["sender"]
        if f.get("name"):
            item["name"] = f["name"]
    elif kind == "PersonaNonGrataDeclared":
        item["by"] = f["by"]
        if f.get("name"):
            item["name"] = f["name"]
        if f.get("head_of_mission") is False:
            item["head_of_mission"] = False
    elif kind == "IntentionAnnounced":
        if f.get("by"):
            item["by"] = f["by"]
        if f.get("act"):
            item["act"] = f["act"]
    else:
        return False
    return True


def _credit_item(e: dict[str, Any], sources: list[dict[str, Any]]) -> dict[str, Any]:
    """A credit_line_opened item; the limit "USD 70000000" becomes a Money object."""
    f = e["fields"]
    currency, amount = f["limit"].split()
    item: dict[str, Any] = {
        "type": "credit_line_opened",
        "id": f["id"],
        "lender": f["lender"],
        "borrower": f["borrower"],
        "on": e["on"],
        "limit": {"amount": amount, "currency": currency},
        "sources": sources,
    }
    for field in ("institution", "purpose"):
        if f.get(field):
            item[field] = f[field]
    for field in ("place", "tz"):
        if e.get(field):
            item[field] = e[field]
    return item


def _research() -> dict[Key, dict[str, Any]]:
    dyads: dict[Key, dict[str, Any]] = {}
    for path in RESEARCH:
        for d in json.loads(path.read_text(encoding="utf-8"))["dyads"]:
            a, b = sorted(d["between"])
            dyads[a, b] = d
    return dyads


def _find(dyads: dict[Key, dict[str, Any]], ref: tuple[str, str, str, str]) -> dict[str, Any]:
    a, b, kind, on = ref
    for e in dyads[a, b]["events"]:
        if e["type"] == kind and e["on"] == on:
            return e
    msg = f"no research event {ref}"
    raise KeyError(msg)


def build_items() -> list[tuple[Key, dict[str, Any]]]:
    """Every item of the default history, with the research dyad it comes from."""
    dyads = _research()
    used: set[tuple[str, str, str, str]] = set()
    out: list[tuple[Key, dict[str, Any]]] = []
    for key in SELECT:
        d = dyads.get(key)
        if d is None:  # a dyad of the presence research only
            continue
        a, b = key
        for e in d["events"]:
            ref = (a, b, e["type"], e["on"])
            decision = dict(DECISIONS.get(ref, {}))
            if ref in DECISIONS:
                used.add(ref)
            if "skip" in decision:
                continue
            sources = [_source(s) for s in e["sources"]]
            if e["type"] == "CreditLineOpened":
                if ref not in DECISIONS:
                    msg = f"{ref} needs a decision"
                    raise ValueError(msg)
                item = _credit_item(e, sources)
                decision.pop("why", None)
                item.update(decision)
                out.append((key, item))
                continue
            extra = decision.pop("extra_sources_from", None)
            if extra is not None:
                sources += [_source(s) for s in _find(dyads, extra)["sources"]]
            sources += [_source(s) for s in decision.pop("add_sources", [])]
            item = _item([a, b], e, sources, d["events"])
            if item is None:
                msg = f"{ref} cannot be mapped and has no decision"
                raise ValueError(msg)
            decision.pop("why", None)
            for field in decision.pop("drop", []):
                del item[field]
            item.update(decision)
            out.append((key, item))
    for x in EXTRA:
        item = dict(x["item"])
        item["sources"] = [_source(s) for s in _find(dyads, x["sources_from"])["sources"]]
        a, b = sorted(item["between"])
        out.append(((a, b), item))
    unused = set(DECISIONS) - used
    if unused:
        msg = f"decisions that match no research event: {sorted(unused)}"
        raise ValueError(msg)
    out += presence_items(
        set(SELECT), _research_from(PRESENCE_RESEARCH), _item, _source, [i for _, i in out]
    )
    return out


def _research_from(paths: list[Path]) -> dict[Key, list[dict[str, Any]]]:
    """Research dyads of several files, their events concatenated in file order."""
    dyads: dict[Key, list[dict[str, Any]]] = {}
    for path in paths:
        if not path.exists():
            continue
        for d in json.loads(path.read_text(encoding="utf-8"))["dyads"]:
            a, b = sorted(d["between"])
            dyads.setdefault((a, b), []).extend(d["events"])
    return dyads


def build(items: list[tuple[Key, dict[str, Any]]]) -> str:
    """The JSON document of the default history."""
    doc = {"format": "diplorel-history", "version": 2, "items": [i for _, i in items]}
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def _state_name(code: str) -> str:
    from diplorel._states import default_registry

    return default_registry().get(code).name


def _why(d: dict[str, Any]) -> str:
    return str(d.get("skip") or d.get("why"))


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def document(items: list[tuple[Key, dict[str, Any]]], anomalies: list[str]) -> str:
    """The text of ``docs/default-history.md``."""
    counts = Counter(key for key, _ in items)
    lines = [
        "# The default history",
        "",
        "`diplorel.default_history()` is a curated, sourced history that ships with the package",
        "(`src/diplorel/data/default_history.json`). It is generated by",
        "`tools/build_default_history.py` from the research notes in `tools/research/`, and so",
        "is this page: edit the script, never the data file or this page.",
        "",
        ">>> import diplorel as dr",
        ">>> h = dr.default_history()",
        '>>> h.status("USA", "CUB", on="1990-01-01").diplomatic',
        "<Diplomatic.SEVERED: 'severed'>",
        '>>> h.status("USA", "CUB", on="1990-01-01").state.protecting_powers["USA"]',
        "'CHE'",
        '>>> h.status("CUB", "KOR", on="2010-06-01").diplomatic',
        "<Diplomatic.SEVERED: 'severed'>",
        '>>> h.status("CUB", "KOR", on="1959-06-01").certain',
        "False",
        '>>> h.status("DEU", "YUG", on="1960-01-01").state.consular',
        "<Consular.ESTABLISHED: 'established'>",
        '>>> h.status("DDR", "FRA", on="1991-01-01").diplomatic',
        "<Diplomatic.ENDED: 'ended'>",
        '>>> h.status("GBR", "SUN", on="2000-01-01").diplomatic',
        "<Diplomatic.ESTABLISHED: 'established'>",
        '>>> h.status("CHN", "PAN", on="2017-06-12").diplomatic',
        "<Diplomatic.ESTABLISHED: 'established'>",
        "",
        "## Coverage",
        "",
        (
            f"{len(items)} items over {len(SELECT)} research dyads "
            f"({len(SELECT) - 1} dyads once the USSR's are filed under the Russian Federation)."
        ),
        "",
        "| dyad | states | illustrates | items |",
        "|---|---|---|---|",
    ]
    for key, what in SELECT.items():
        a, b = key
        names = f"{_state_name(a)} / {_state_name(b)}"
        lines.append(f"| {a}-{b} | {names} | {_cell(what)} | {counts[key]} |")
    lines += [
        "",
        "## Sources policy",
        "",
        "- A fact without a source stays out, and no date is ever invented: a year stays a year",
        "  (`1949`), a month a month, and conflicting sources become an interval",
        "  (`1959/1960`), which makes the answers inside it uncertain.",
        "- Every item keeps the sources the research found for it: publisher, title,",
        "  publication date, address (`url`) and the excerpt that supports the item. Items",
        "  derived from a research source (listed below) cite that source.",
        "- Research fields outside diplorel's vocabulary are mapped faithfully or left out, and",
        "  every such choice is recorded in the build script's `DECISIONS` with the reason.",
        "",
        "General mapping rules:",
        "",
    ]
    lines += [f"- {g}" for g in GENERAL]
    lines += [
        "",
        "## Decisions",
        "",
        "| dyad | research event | date | decision |",
        "|---|---|---|---|",
    ]
    for (a, b, kind, on), d in DECISIONS.items():
        what = ("left out: " if "skip" in d else "changed: ") + _why(d)
        lines.append(f"| {a}-{b} | {kind} | {on} | {_cell(what)} |")
    for x in EXTRA:
        it = x["item"]
        a, b = sorted(it["between"])
        lines.append(
            f"| {a}-{b} | added {it['type']} ({it['sender']}, {it['kind']}) | "
            f"{it['on']} | {_cell(x['why'])} |"
        )
    lines += _presence_page()
    lines += _us_records_section()
    lines += ["", "## Research dyads left out", "", "| dyad | why |", "|---|---|"]
    for (a, b), why in LEFT_OUT.items():
        lines.append(f"| {a}-{b} | {_cell(why)} |")
    lines += [
        "",
        "## Anomalies",
        "",
        "The exclusivity check (PRC/ROC) flags these overlaps, which the sources show; they are",
        "kept, never repaired:",
        "",
    ]
    lines += [f"- {m}" for m in anomalies] or ["- none"]
    return "\n".join(lines) + "\n"


def _presence_page() -> list[str]:
    """The page's section on who was at post: sources, rules and decisions."""
    lines = [
        "",
        "## Who was at post",
        "",
        (
            "The heads of mission and missions come from the presence research "
            "(`tools/research/research_presence.json`, `research_washington_*.json`) and, for the "
            "United States' heads of mission, from the Office of the Historian, U.S. Department "
            'of State, "Principal Officers and Chiefs of Mission" (history.state.gov, public '
            "domain, CC0), with its guide to the United States' relations by country for the "
            "facts it alone states (`tools/usdos/`)."
        ),
        "",
    ]
    lines += [f"- {g}" for g in PRESENCE_GENERAL]
    lines += ["", "| dyad | research event | date | state | decision |", "|---|---|---|---|---|"]
    for (a, b, kind, on, actor), d in PRESENCE_DECISIONS.items():
        what = ("left out: " if "skip" in d else "changed: ") + _why(d)
        lines.append(f"| {a}-{b} | {kind} | {on} | {actor} | {_cell(what)} |")
    for key, why, item in presence_extra():
        a, b = key
        lines.append(f"| {a}-{b} | added {item['type']} | {item['on']} | | {_cell(why)} |")
    lines += ["", "US chiefs of mission left out:", "", "| partner | from | to | why |"]
    lines += ["|---|---|---|---|"]
    lines += [f"| {p} | {f} | {t} | {_cell(w)} |" for p, f, t, w in CHIEF_SKIPS]
    return lines


def _pair_of(key: str) -> Key:
    a, b = key.split()
    return (a, b)


def main() -> int:
    """Rebuild (or, with ``--check``, verify) the data files and their documentation pages."""
    sys.path.insert(0, str(ROOT / "src"))
    import diplorel

    items = build_items()
    merged, us_text, us_index, us_page = us_records.generate([i for _, i in items])
    if any(a is not b for a, (_, b) in zip(merged, items, strict=True)):
        msg = "the merge must date the curated items anew in place"
        raise RuntimeError(msg)
    items += [(_pair_of(key), item) for key, item in us_records.ADDED]
    text = build(items)
    h = diplorel.loads(text, source=str(OUT.relative_to(ROOT)))
    anomalies = sorted({a.message for a in h.anomalies})
    page = document(items, anomalies)
    outputs = {
        OUT: text,
        DOC: page,
        us_records.RECORDS: us_text,
        us_records.INDEX: us_index,
        us_records.LOG: us_page,
    }
    if "--check" in sys.argv:
        stale = [p for p, t in outputs.items() if not p.exists() or p.read_text("utf-8") != t]
        for p in stale:
            print(f"{p.relative_to(ROOT)} is out of date: run tools/build_default_history.py")
        return 1 if stale else 0
    for p, t in outputs.items():
        p.write_text(t, encoding="utf-8")
    h = diplorel.default_history()  # strict mode: raises on any item the rules refuse
    print(f"wrote {OUT.relative_to(ROOT)} and the US records: {len(h)} items, {len(h.dyads)} dyads")
    for a in anomalies:
        print(f"  anomaly: {a}")
    return 0


_GENERATED: dict[str, str] = {}
"""The US records' JSON Lines text of this run, kept for the page (see ``_keep_records``)."""


def _keep_records(
    generate: Callable[[list[dict[str, Any]]], tuple[list[dict[str, Any]], str, str, str]],
) -> Callable[[list[dict[str, Any]]], tuple[list[dict[str, Any]], str, str, str]]:
    """Wrap ``us_records.generate`` to keep the text it makes, for the page's counts.

    The page then counts what this run ships, not the file on disk, which ``main`` writes after
    the page is made: one run brings both up to date.
    """

    def kept(curated: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str, str, str]:
        out = generate(curated)
        _GENERATED["records"] = out[1]
        return out

    return kept


us_records.generate = _keep_records(us_records.generate)


def _us_records_section() -> list[str]:
    """The page's section on the United States' records: coverage and counts, from the data."""
    text = _GENERATED.get("records") or us_records.RECORDS.read_text("utf-8")
    header, *lines = text.splitlines()
    coverage = json.loads(header)["coverage"]
    events = [json.loads(line) for line in lines]
    dyads = {us_records.lineage_key(e.get("between") or [e["by"], e["of"]]) for e in events}
    titles = Counter(
        "chiefs" if s["title"].startswith("Principal Officers") else "guide"
        for e in events
        for s in e["sources"][:1]
    )
    relations = sorted({c["partner"] for c in coverage if "relations" in c["dimensions"]})
    presence = sorted(
        {c["partner"] for c in coverage if "presence" in c["dimensions"] and c.get("sender")}
    )
    return [
        "",
        "## The United States' relations with every state",
        "",
        (
            "Besides the curated dyads, the default history holds the United States' relations "
            "with every state, generated from the Office of the Historian, U.S. Department of "
            "State: \"A Guide to the United States' History of Recognition, Diplomatic, and "
            'Consular Relations, by Country, since 1776" and "Principal Officers and Chiefs of '
            'Mission" (history.state.gov; public domain, CC0; data repositories '
            "HistoryAtState/rdcr and HistoryAtState/pocom, at the commits recorded in "
            "`tools/usdos/`), read by `diplorel.io.usdos`. They ship in "
            "`src/diplorel/data/us_records.jsonl`, generated with this page; where a dyad is "
            "also curated, the two are merged (see [the build log](data/us-records.md))."
        ),
        "",
        f"- events: {len(events)}, over {len(dyads)} dyads not curated by hand",
        (
            f"- sources: {titles['chiefs']} events cite the chiefs of mission, "
            f"{titles['guide']} the guide"
        ),
        f"- relations covered from the partner's first dated act: {len(relations)} partners",
        f"- US chiefs of mission covered (presence, sender USA): {len(presence)} partners",
        (
            "- not covered: the partners' envoys in Washington. The partner's side of these dyads "
            'is "no record" (None in Python, `<NA>` in pandas, an empty cell in CSV and in a '
            "partial COW export) wherever no curated research records it."
        ),
        "",
        (
            "See [every state's relations with the United States](howto/us-relations.md) for a "
            "panel of them and their limits."
        ),
    ]


if __name__ == "__main__":
    raise SystemExit(main())
