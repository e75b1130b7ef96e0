"""Regenerate the state registry's package data in src/diplorel/data/.

Sources (read-only, in ``../shared/data/reference/`` next to the repository):

- ``statelist2024.csv``: Correlates of War Project. 2024. "State System Membership List, v2024."
- ``iisystem_2012.dat`` (cp1252): Gleditsch, K. S. & M. D. Ward. 1999. "A Revised List of
  Independent States since 1816." International Interactions 25:393-413 (2012 release).
- ISO 3166-1 and ISO 3166-3 names and codes, from the ``pycountry`` package (dev-time only).

Outputs (LF-terminated UTF-8, sorted, so the same inputs always give the same bytes):

- ``states.csv``: ``code,code_kind,name,official_name,aliases,independent_on,note``
- ``cow_spells.csv``: ``ccode,stateabb,statenme,start,end`` (COW v2024 verbatim, ISO dates)
- ``cow_codes.csv``: ``ccode,code,from,to`` (inclusive ISO dates; empty = open)
- ``lifecycle.csv``: ``code,event,on,other,source``
- ``governments.csv``: ``state,government,name,from,to,from_source,to_source`` (``to`` exclusive)

Usage::

    python tools/build_states.py            # write the five CSVs
    python tools/build_states.py --check    # exit 1 if any CSV is out of date

Every decision (own codes, period mappings, ambiguous aliases) is a table below; docs/states.md
explains them.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
from collections import defaultdict
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "data" / "reference"
OUTPUT = ROOT / "src" / "diplorel" / "data"

COW_CITE = 'Correlates of War Project. 2024. "State System Membership List, v2024."'
GW_CITE = 'Gleditsch & Ward. 1999. "A Revised List of Independent States since 1816." (2012 ed.)'

# --- COW ccode -> diplorel code -----------------------------------------------------------------
# One code per ccode unless PERIODS says otherwise. ISO 3166-1 alpha-3 for current states, ISO
# 3166-3 alpha-3 for withdrawn ones, X.. (ISO user-assigned range) where ISO has no code.
COW_TO_CODE: dict[int, str] = {
    2: "USA", 20: "CAN", 31: "BHS", 40: "CUB", 41: "HTI", 42: "DOM", 51: "JAM", 52: "TTO",
    53: "BRB", 54: "DMA", 55: "GRD", 56: "LCA", 57: "VCT", 58: "ATG", 60: "KNA", 70: "MEX",
    80: "BLZ", 90: "GTM", 91: "HND", 92: "SLV", 93: "NIC", 94: "CRI", 95: "PAN", 100: "COL",
    101: "VEN", 110: "GUY", 115: "SUR", 130: "ECU", 135: "PER", 140: "BRA", 145: "BOL",
    150: "PRY", 155: "CHL", 160: "ARG", 165: "URY", 200: "GBR", 205: "IRL", 210: "NLD",
    211: "BEL", 212: "LUX", 220: "FRA", 221: "MCO", 223: "LIE", 225: "CHE", 230: "ESP",
    232: "AND", 235: "PRT", 240: "XHN", 245: "XBV", 255: "DEU", 260: "DEU", 265: "DDR",
    267: "XBD", 269: "XSX", 271: "XWT", 273: "XHK", 275: "XHD", 280: "XMS", 290: "POL",
    300: "XAH", 305: "AUT", 310: "HUN", 315: "CSK", 316: "CZE", 317: "SVK", 325: "ITA",
    327: "XPS", 329: "XTS", 331: "SMR", 332: "XMO", 335: "XPA", 337: "XTU", 338: "MLT",
    339: "ALB", 341: "MNE", 343: "MKD", 344: "HRV", 346: "BIH", 347: "XKX", 349: "SVN",
    350: "GRC", 352: "CYP", 355: "BGR", 359: "MDA", 360: "ROU", 366: "EST", 367: "LVA",
    368: "LTU", 369: "UKR", 370: "BLR", 371: "ARM", 372: "GEO", 373: "AZE", 375: "FIN",
    380: "SWE", 385: "NOR", 390: "DNK", 395: "ISL", 402: "CPV", 403: "STP", 404: "GNB",
    411: "GNQ", 420: "GMB", 432: "MLI", 433: "SEN", 434: "BEN", 435: "MRT", 436: "NER",
    437: "CIV", 438: "GIN", 439: "BFA", 450: "LBR", 451: "SLE", 452: "GHA", 461: "TGO",
    471: "CMR", 475: "NGA", 481: "GAB", 482: "CAF", 483: "TCD", 484: "COG", 490: "COD",
    500: "UGA", 501: "KEN", 510: "TZA", 511: "XZN", 516: "BDI", 517: "RWA", 520: "SOM",
    522: "DJI", 530: "ETH", 531: "ERI", 540: "AGO", 541: "MOZ", 551: "ZMB", 552: "ZWE",
    553: "MWI", 560: "ZAF", 565: "NAM", 570: "LSO", 571: "BWA", 572: "SWZ", 580: "MDG",
    581: "COM", 590: "MUS", 591: "SYC", 600: "MAR", 615: "DZA", 616: "TUN", 620: "LBY",
    625: "SDN", 626: "SSD", 630: "IRN", 640: "TUR", 645: "IRQ", 651: "EGY", 652: "SYR",
    660: "LBN", 663: "JOR", 666: "ISR", 670: "SAU", 678: "YEM", 679: "YEM", 680: "YMD",
    690: "KWT", 692: "BHR", 694: "QAT", 696: "ARE", 698: "OMN", 700: "AFG", 701: "TKM",
    702: "TJK", 703: "KGZ", 704: "UZB", 705: "KAZ", 710: "CHN", 712: "MNG", 713: "TWN",
    730: "XKR", 731: "PRK", 732: "KOR", 740: "JPN", 750: "IND", 760: "BTN", 770: "PAK",
    771: "BGD", 775: "MMR", 780: "LKA", 781: "MDV", 790: "NPL", 800: "THA", 811: "KHM",
    812: "LAO", 817: "XRV", 820: "MYS", 830: "SGP", 835: "BRN", 840: "PHL", 850: "IDN",
    860: "TLS", 900: "AUS", 910: "PNG", 920: "NZL", 935: "VUT", 940: "SLB", 946: "KIR",
    947: "TUV", 950: "FJI", 955: "TON", 970: "NRU", 983: "MHL", 986: "PLW", 987: "FSM",
    990: "WSM",
}  # fmt: skip

# ccodes that stand for different diplorel codes in different periods: (code, from, to),
# inclusive ISO dates, "" = open.
PERIODS: dict[int, list[tuple[str, str, str]]] = {
    365: [("RUS", "", "1922-12-29"), ("SUN", "1922-12-30", "1991-12-25"),
          ("RUS", "1991-12-26", "")],
    345: [("YUG", "", "2003-02-03"), ("SCG", "2003-02-04", "2006-06-02"),
          ("SRB", "2006-06-03", "")],
    816: [("VDR", "", "1976-07-01"), ("VNM", "1976-07-02", "")],
    # COW 713 is Taiwan from its first day in COW; before then the code stands for nothing (the
    # Republic of China's government of the whole of China is CHN's, COW 710).
    713: [("TWN", "1949-12-08", "")],
}  # fmt: skip

# Gleditsch-Ward codes that differ from COW's (only used for names and independence dates).
GW_PERIODS: dict[int, list[tuple[str, str, str]]] = {
    340: [("YUG", "", "1915-12-31"), ("SRB", "2006-06-03", "")],
    345: [("YUG", "", "")],
    260: [("DEU", "", "")],
    678: [("YEM", "", "")],
    89: [("XUP", "", "")],
    99: [("XGC", "", "")],
    563: [("XTV", "", "")],
    564: [("XOF", "", "")],
    711: [("XTB", "", "")],
    815: [("XAN", "", "")],
    # G-W's first Montenegro (1868-1915) is not the state of 2006 (MNE): COW has only the latter.
    341: [("XMN", "", "2006-06-02"), ("MNE", "2006-06-03", "")],
}

_OH_US = "dates from the Office of the Historian (lifecycle.csv cites them)"

# Project-own codes (ISO 3166-1 user-assigned range XAA-XZZ): code -> (name, note).
USER_ASSIGNED: dict[str, tuple[str, str]] = {
    "XAH": ("Austria-Hungary", "COW 300; the Habsburg monarchy until 1918"),
    "XAN": ("Vietnam (Annam)", "G-W 815 only (not in COW): Dai Nam until the French protectorate"),
    "XBD": ("Baden", "COW 267"),
    "XBV": ("Bavaria", "COW 245"),
    "XGC": ("Great Colombia", "G-W 99 only (not in COW)"),
    "XHD": ("Hesse Grand Ducal", "COW 275; Hesse-Darmstadt"),
    "XHK": ("Hesse Electoral", "COW 273; Hesse-Kassel"),
    "XHN": ("Hanover", "COW 240"),
    "XKR": ("Korean Empire", "COW 730; Joseon Korea and the Korean Empire, 1887-1905 in COW"),
    "XKX": ("Kosovo", "COW 347; XKX is the code the EU, IMF and others use; not in ISO 3166"),
    "XMN": (
        "Kingdom of Montenegro",
        "G-W 341 only (not in COW): Montenegro to 1915; the state of 2006 is MNE",
    ),
    "XMO": ("Modena", "COW 332"),
    "XMS": ("Mecklenburg-Schwerin", "COW 280"),
    "XOF": ("Orange Free State", "G-W 564 only (not in COW)"),
    "XPA": ("Parma", "COW 335"),
    "XPS": ("Papal States", "COW 327; the Holy See itself is VAT"),
    "XRV": ("South Vietnam", "COW 817; ISO 3166 has no withdrawn code for the Republic of Vietnam"),
    "XSX": ("Saxony", "COW 269"),
    "XTB": ("Tibet", "G-W 711 only (not in COW)"),
    "XTS": ("Two Sicilies", "COW 329"),
    "XTU": ("Tuscany", "COW 337"),
    "XTV": ("Transvaal", "G-W 563 only (not in COW): the South African Republic"),
    "XUP": ("United Provinces of Central America", "G-W 89 only (not in COW)"),
    "XWT": ("Wuerttemberg", "COW 271"),
    "XZN": ("Zanzibar", "COW 511"),
    # Not in COW or G-W: sovereign states that the Office of the Historian's country articles
    # cover (NOT_IN_LISTS has their ends, INDEPENDENT_ON their starts, each with its source).
    "XBR": ("Brunswick", "not in COW or G-W; the Duchy of Brunswick and Lueneburg; " + _OH_US),
    "XCF": ("Congo Free State", "not in COW or G-W; the Independent State of the Congo; " + _OH_US),
    "XGE": (
        "Genoa",
        "not in COW or G-W; the Republic of Genoa, gone before COW's first day "
        "(annexed by France 1805-1814, awarded to Piedmont-Sardinia in 1815); " + _OH_US,
    ),
    "XHI": ("Hawaii", "not in COW or G-W; the Kingdom of Hawaii; " + _OH_US),
    "XHR": (
        "Hanseatic Republics",
        "not in COW or G-W; Bremen, Hamburg and Luebeck, three "
        "city-states that conducted one policy toward the United States and are one party "
        "there, as in the Office of the Historian's records; " + _OH_US,
    ),
    "XMZ": ("Mecklenburg-Strelitz", "not in COW or G-W; " + _OH_US),
    "XNA": ("Nassau", "not in COW or G-W; the Duchy of Nassau; " + _OH_US),
    "XOL": ("Oldenburg", "not in COW or G-W; the Grand Duchy of Oldenburg; " + _OH_US),
    "XRY": ("Ryukyu", "not in COW or G-W; the Kingdom of Lew Chew (Ryukyu); " + _OH_US),
    "XSL": ("Schaumburg-Lippe", "not in COW or G-W; " + _OH_US),
    "XTX": ("Texas", "not in COW or G-W; the Republic of Texas; " + _OH_US),
}

# Sovereign states in neither list.
NOT_IN_COW: dict[str, tuple[str, str]] = {
    "VAT": ("", "not in COW or G-W; a sovereign subject of international law throughout"),
    "PSE": ("1988-11-15", "not in COW or G-W; independence proclaimed 1988-11-15"),
}

# Earliest date of existence where COW starts later (microstates enter COW with UN membership);
# 1816-01-01 = open-ended. G-W start dates are used automatically when they precede COW's.
INDEPENDENT_ON: dict[str, str] = {
    "MCO": "1816-01-01", "LIE": "1816-01-01", "SMR": "1816-01-01", "AND": "1816-01-01",
    # Independence dates that precede both COW and G-W (sources in INDEPENDENCE_SOURCES).
    "ARM": "1991-09-21", "AZE": "1991-08-30", "DZA": "1962-07-03", "FSM": "1986-11-03",
    "GEO": "1991-04-09", "KIR": "1979-07-12", "MHL": "1986-10-21", "NRU": "1968-01-31",
    "PLW": "1994-10-01", "TON": "1970-06-04", "TUV": "1978-10-01", "UKR": "1991-08-24",
    "VUT": "1980-07-30", "WSM": "1962-01-01",
    # States in neither list (NOT_IN_LISTS): open-ended where they existed on COW's first day.
    "XBR": "1816-01-01", "XCF": "1885-07-01", "XHI": "1816-01-01", "XHR": "1816-01-01",
    "XMZ": "1816-01-01", "XNA": "1816-01-01", "XOL": "1816-01-01", "XRY": "1816-01-01",
    "XSL": "1816-01-01", "XTX": "1836-03-02",
}  # fmt: skip

_FACTBOOK = (
    "Central Intelligence Agency, The World Factbook: {name}, Government: Independence ({text})"
)
_FACTBOOK_URL = "https://www.cia.gov/the-world-factbook/countries/{slug}/"


def _factbook(name: str, slug: str, text: str) -> str:
    return _FACTBOOK.format(name=name, text=text) + ", " + _FACTBOOK_URL.format(slug=slug)


_OH_GUIDE = (
    "U.S. Department of State, Office of the Historian, A Guide to the United States' History "
    "of Recognition, Diplomatic, and Consular Relations, by Country, since 1776"
)


def _oh(name: str, slug: str, quote: str) -> str:
    """Cite the Office of the Historian's article on ``name`` with a quoted sentence."""
    return f"{_OH_GUIDE}: {name}: '{quote}', https://history.state.gov/countries/{slug}"


# code -> "publisher, title, url" for every dated INDEPENDENT_ON entry. The Factbook texts were
# read in the factbook/factbook.json mirror of the Factbook (2020-2024 editions).
INDEPENDENCE_SOURCES: dict[str, str] = {
    "ARM": _factbook("Armenia", "armenia", "21 September 1991 (from the Soviet Union)"),
    "AZE": _factbook("Azerbaijan", "azerbaijan",
                     "30 August 1991 (declared from the Soviet Union); 18 October 1991 "
                     "(adopted by the Supreme Council of Azerbaijan)"),
    "DZA": "U.S. Department of State, Office of the Historian, A Guide to the United States' "
           "History of Recognition, Diplomatic, and Consular Relations, by Country, since 1776: "
           "Algeria (France recognized Algeria as an independent state on July 3, 1962), "
           "https://history.state.gov/countries/algeria",
    "FSM": _factbook("Micronesia, Federated States of", "micronesia-federated-states-of",
                     "3 November 1986 (from the US-administered UN trusteeship)"),
    "GEO": _factbook("Georgia", "georgia", "9 April 1991 (from the Soviet Union)"),
    "KIR": _factbook("Kiribati", "kiribati", "12 July 1979 (from the UK)"),
    "MHL": _factbook("Marshall Islands", "marshall-islands",
                     "21 October 1986 (from the US-administered UN trusteeship)"),
    "NRU": _factbook("Nauru", "nauru",
                     "31 January 1968 (from the Australia-, NZ-, and UK-administered UN "
                     "trusteeship)"),
    "PLW": _factbook("Palau", "palau", "1 October 1994 (from the US-administered UN trusteeship)"),
    "TON": _factbook("Tonga", "tonga", "4 June 1970 (from UK protectorate status)"),
    "TUV": _factbook("Tuvalu", "tuvalu", "1 October 1978 (from the UK)"),
    "UKR": _factbook("Ukraine", "ukraine", "24 August 1991 (from the Soviet Union)"),
    "VUT": _factbook("Vanuatu", "vanuatu", "30 July 1980 (from France and the UK)"),
    "WSM": _factbook("Samoa", "samoa",
                     "1 January 1962 (from New Zealand-administered UN trusteeship)"),
    "XCF": "Wikipedia, Proclamation of the Congo Free State: 'Sir Francis de Winton ... "
           "officially proclaimed the foundation of the Independent State of Congo in Vivi on "
           "July 1, 1885', https://en.wikipedia.org/wiki/Proclamation_of_the_Congo_Free_State "
           "(the Office of the Historian says only 'created in the 1880s'; the United States "
           "recognized it on September 11, 1885, https://history.state.gov/countries/"
           "congo-free-state)",
    "XTX": _oh("Texas", "texas", "the Republic of Texas declared its independence from Mexico "
               "on March 2, 1836"),
}  # fmt: skip

# Sovereign states in neither COW nor G-W, from the Office of the Historian's country articles:
# code -> (ON = the first day the state no longer exists, the state that absorbed it, source).
# Where the source gives only a year, ON is 1 January of the next year (the year's last day is
# the state's last, as Gleditsch-Ward date year-only ends: XUP's last day is 1839-12-31); the
# registry holds full dates only. The German states' entry into the North German Confederation
# is dated by the Confederation's establishment on 1 July 1867, which the Office of the Historian
# gives (https://history.state.gov/countries/north-german-confederation); COW ends Saxony,
# Mecklenburg-Schwerin and Hesse on 17 April 1867 instead (the constitution's adoption).
_NGC = (
    "; the North German Confederation was established on July 1, 1867 ('Following the "
    "establishment of the North German Confederation on July 1, 1867', "
    "https://history.state.gov/countries/north-german-confederation)"
)
NOT_IN_LISTS: dict[str, tuple[str, str, str]] = {
    "XBR": ("1867-07-01", "DEU", _oh("Brunswick and Lüneburg", "brunswick-luneburg",
            "On July 1, 1867, the Duchy of Brunswick and Lüneburg joined the North German "
            "Confederation.")),
    "XCF": ("1908-11-15", "BEL", _oh("The Congo Free State", "congo-free-state",
            "the Congo Free State was annexed as a colony by Belgium on November 15, 1908, "
            "which ended its existence as an independent sovereign state")),
    "XGE": ("1816-01-01", "ITA", _oh("The Republic of Genoa", "genoa",
            "the Congress of Vienna awarded Genoa to the Kingdom of Piedmont-Sardinia in 1815")
            + " (a year only: its last day is taken as 1815-12-31)"),
    "XHI": ("1898-08-12", "USA", _oh("Hawaii", "hawaii",
            "Hawaiian independence ended with the formal U.S. annexation of Hawaii on August "
            "12, 1898")),
    "XHR": ("1867-07-01", "DEU", _oh("Hanseatic Republics", "hanseatic-republics",
            "All three Hanseatic Republics joined the North German Confederation") + _NGC
            + "; the article dates the end of relations in 1868"),
    "XMZ": ("1867-07-01", "DEU", _oh("Mecklenburg-Strelitz", "mecklenburg-strelitz",
            "the Grand Duchy of Mecklenburg-Strelitz joined the North German Confederation "
            "in 1867 when it was created as a federal state") + _NGC),
    "XNA": ("1866-10-03", "DEU", _oh("Nassau", "nassau",
            "the Duchy of Nassau was annexed to Prussia on October 3, 1866, and ceased to be "
            "an independent, sovereign state")),
    "XOL": ("1867-07-01", "DEU", _oh("Oldenburg", "oldenburg",
            "In 1867 Oldenburg was incorporated into the North German Confederation") + _NGC),
    "XRY": ("1880-01-01", "JPN", _oh("Lew Chew (Loochoo)", "lew-chew",
            "The Japanese Government annexed Lew Chew in 1879, abolished the Lew Chew "
            "monarchy") + " (a year only: its last day is taken as 1879-12-31)"),
    "XSL": ("1867-07-01", "DEU", _oh("Schaumburg-Lippe", "schaumburg-lippe",
            "the Principality of Schaumburg-Lippe joined the North German Confederation in "
            "1867 when it was created as a federal state") + _NGC),
    "XTX": ("1845-12-29", "USA", _oh("Texas", "texas",
            "Although Texas entered the United States as a state on December 29, 1845, "
            "relations formally ended during the transfer of Texan sovereignty to the United "
            "States on February 19, 1846.")),
}  # fmt: skip

# Notes on states that are neither user-assigned nor outside COW.
NOTE: dict[str, str] = {
    "CHN": "one state throughout, as COW 710 codes it; its governments (Qing, Republic of China "
    "1912-1949, People's Republic from 1949-10-01) are in governments.csv",
    "TWN": "the Republic of China on Taiwan, a state from 1949-12-08 as COW 713 codes it; the "
    "Republic of China's government of the whole of China before then is CHN's",
}

NAME: dict[str, tuple[str, str]] = {  # code -> (name, official name)
    "BOL": ("Bolivia", "Plurinational State of Bolivia"),
    "CHN": ("China", "People's Republic of China"),
    "COD": ("Democratic Republic of the Congo", "Democratic Republic of the Congo"),
    "COG": ("Republic of the Congo", "Republic of the Congo"),
    "CSK": ("Czechoslovakia", "Czech and Slovak Federative Republic"),
    "CZE": ("Czech Republic", "Czech Republic"),
    "DDR": ("East Germany", "German Democratic Republic"),
    "DEU": ("Germany", "Federal Republic of Germany"),
    "FSM": ("Micronesia", "Federated States of Micronesia"),
    "GBR": ("United Kingdom", "United Kingdom of Great Britain and Northern Ireland"),
    "KOR": ("South Korea", "Republic of Korea"),
    "MDA": ("Moldova", "Republic of Moldova"),
    "PRK": ("North Korea", "Democratic People's Republic of Korea"),
    "PSE": ("Palestine", "State of Palestine"),
    "RUS": ("Russia", "Russian Federation"),
    "SCG": ("Serbia and Montenegro", "Serbia and Montenegro"),
    "SRB": ("Serbia", "Republic of Serbia"),
    "SUN": ("Soviet Union", "Union of Soviet Socialist Republics"),
    "TWN": ("Taiwan", "Republic of China"),
    "TZA": ("Tanzania", "United Republic of Tanzania"),
    "USA": ("United States", "United States of America"),
    "VAT": ("Holy See", "Holy See (Vatican City State)"),
    "VDR": ("North Vietnam", "Democratic Republic of Vietnam"),
    "VNM": ("Vietnam", "Socialist Republic of Viet Nam"),
    "YEM": ("Yemen", "Republic of Yemen"),
    "YMD": ("South Yemen", "People's Democratic Republic of Yemen"),
    "YUG": ("Yugoslavia", "Federal Republic of Yugoslavia"),
    "XBR": ("Brunswick", "Duchy of Brunswick"),
    "XCF": ("Congo Free State", "Independent State of the Congo"),
    "XGE": ("Genoa", "Republic of Genoa"),
    "XHI": ("Hawaii", "Kingdom of Hawaii"),
    "XHR": ("Hanseatic Republics", "Hanseatic Republics"),
    "XMZ": ("Mecklenburg-Strelitz", "Grand Duchy of Mecklenburg-Strelitz"),
    "XNA": ("Nassau", "Duchy of Nassau"),
    "XOL": ("Oldenburg", "Grand Duchy of Oldenburg"),
    "XRY": ("Ryukyu", "Kingdom of Lew Chew"),
    "XSL": ("Schaumburg-Lippe", "Principality of Schaumburg-Lippe"),
    "XTX": ("Texas", "Republic of Texas"),
}

EXTRA_ALIASES: dict[str, list[str]] = {
    "ARE": ["UAE"], "BEN": ["Dahomey", "DHY"], "BFA": ["Upper Volta", "HVO"],
    "BIH": ["Bosnia"], "BLR": ["Byelorussia", "BYS"], "CHN": ["PRC", "Red China"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire"], "COD": ["DR Congo", "Zaire", "Congo-Kinshasa", "ZAR"],
    "COG": ["Congo-Brazzaville"], "CPV": ["Cabo Verde"], "CSK": ["Czechoslovak Socialist Republic"],
    "CZE": ["Czechia"], "DDR": ["GDR"],
    "DEU": ["West Germany", "FRG", "Prussia", "Kingdom of Prussia", "German Empire",
            "North German Confederation"],
    "EGY": ["United Arab Republic"], "ETH": ["Abyssinia"],
    "GBR": ["UK", "Britain", "Great Britain"], "IRN": ["Persia"], "KHM": ["Kampuchea"],
    "KOR": ["South Korea", "Korea, South"], "LKA": ["Ceylon"],
    "MDG": ["Malagasy Republic"], "MKD": ["Macedonia", "FYROM",
                                         "Former Yugoslav Republic of Macedonia"],
    "MMR": ["Burma", "BUR"], "MYS": ["Malaya", "Federation of Malaya"], "NLD": ["Holland"],
    "PRK": ["DPRK", "Korea, North"], "ROU": ["Rumania", "ROM"], "RUS": ["Russian Empire"],
    "SUN": ["USSR"], "SWZ": ["Swaziland"], "THA": ["Siam"], "TLS": ["East Timor", "TMP"],
    "TUR": ["Ottoman Empire", "Türkiye", "Turkiye"], "TWN": ["ROC", "Formosa"],
    "TZA": ["Tanganyika"], "USA": ["US", "U.S.", "U.S.A.", "United States of America"],
    "VAT": ["Vatican", "Vatican City"], "VDR": ["DRV"], "VNM": ["Viet Nam"],
    "XAH": ["Austrian Empire", "Habsburg Monarchy"], "XKR": ["Joseon", "Korea (1887-1905)"],
    "XKX": ["Republic of Kosovo"], "XPS": ["States of the Church"],
    "XRV": ["Republic of Vietnam", "RVN"], "XTS": ["Kingdom of the Two Sicilies"],
    "XTV": ["South African Republic"], "XWT": ["Wurttemberg", "Württemberg"],
    "XZN": ["People's Republic of Zanzibar"],
    "YEM": ["North Yemen", "Yemen Arab Republic"],
    "YUG": ["Kingdom of Serbia", "Kingdom of Yugoslavia", "SFRY", "FRY",
            "Socialist Federal Republic of Yugoslavia"],
    "ITA": ["Sardinia", "Kingdom of Sardinia", "Piedmont-Sardinia"],
    "XBR": ["Brunswick and Lüneburg", "Brunswick-Lüneburg", "Brunswick-Luneburg",
            "Duchy of Brunswick and Lüneburg"],
    "XCF": ["Independent State of Congo", "État indépendant du Congo"],
    "XGE": ["Genova"], "XHI": ["Hawaiian Kingdom", "Sandwich Islands", "Republic of Hawaii"],
    "XHR": ["Hanseatic Cities", "Free Hanseatic Cities"],
    "XMZ": ["Mecklenburg Strelitz"], "XNA": [], "XOL": [],
    "XRY": ["Lew Chew", "Loochoo", "Ryukyu Kingdom", "Kingdom of Ryukyu"],
    "XSL": ["Schaumburg Lippe"], "XTX": ["Texas Republic"],
}  # fmt: skip

# Aliases claimed by several states that still have one sensible reading.
PREFER: dict[str, str] = {
    "china": "CHN",
    "serbia": "SRB",
    "vietnam": "VNM",
    "yemen": "YEM",
    "germany": "DEU",
    "russia": "RUS",
    "montenegro": "MNE",
}
# Aliases left out although only one state claims them (ambiguous to a reader).
NEVER: set[str] = {"korea", "congo"}

# Lifecycle: extinctions use the COW end date + 1 day (the first day without the state) unless
# given in EXTINCT_ON; continuations are explicit. Every date cites the source that supports it:
# ON = the first day the state no longer exists (exclusive), as State.ends_on.
_OH_RUSSIA = (
    "U.S. Department of State, Office of the Historian, A Guide to the United States' History "
    "of Recognition, Diplomatic, and Consular Relations, by Country, since 1776: Russia"
)
_OH_CHINA = _OH_RUSSIA.removesuffix("Russia") + "China"
_OH_RUSSIA_URL = "https://history.state.gov/countries/russia"
_OH_CHINA_URL = "https://history.state.gov/countries/china"
USSR_END = (
    "Wikipedia, Dissolution of the Soviet Union: the USSR 'ceased to exist on December 26, "
    "1991, by declaration no. 142-\u041d of the Soviet of the Republics of the Supreme Soviet "
    "of the Soviet Union', https://en.wikipedia.org/wiki/Dissolution_of_the_Soviet_Union; its "
    "last day was "
    "25 December 1991: 'The formal dissolution of the Soviet Union was completed when Mikhail "
    f"Gorbachev resigned as President on December 25, 1991' ({_OH_RUSSIA}, {_OH_RUSSIA_URL})"
)
_VIETNAM = (
    "Taylor & Francis (Routledge), chapter abstract: 'The Socialist Republic of Vietnam was "
    "established on 2 July 1976 through the formal unification of the country', "
    "https://www.taylorfrancis.com/books/9781315753843/chapters/10.4324/9781315753843-12"
)
_CHARTER = (
    "Decision on proclaiming the Constitutional Charter of Serbia and Montenegro State Union, "
    "Federal Assembly of the FRY, 4 February 2003 (Official Gazette of Serbia and Montenegro "
    "No. 1/2003), http://demo.paragraf.rs/demo/combined/Old/t/t2003_02/t02_0059.htm"
)
_SERBIA = (
    "Council of Europe, Committee of Ministers, decision CM/Del/Dec(2006)967/2.3a "
    "(14 June 2006): 'the Republic of Serbia is continuing the membership of Serbia and "
    "Montenegro in the Council of Europe with effect from 3 June 2006' (the day of Montenegro's "
    "declaration of independence), https://wcd.coe.int/ViewDoc.jsp?Ref=CM/Del/Dec(2006)967/2.3a"
)
CONTINUED: list[tuple[str, str, str, str]] = [  # old, on, new, source
    ("SUN", "1991-12-26", "RUS", USSR_END),
    ("VDR", "1976-07-02", "VNM", _VIETNAM),
    ("YUG", "2003-02-04", "SCG", _CHARTER),
    ("SCG", "2006-06-03", "SRB", _SERBIA),
]
ABSORBED_BY: dict[str, str] = {
    "XHN": "DEU", "XHK": "DEU", "XHD": "DEU", "XSX": "DEU", "XMS": "DEU", "XBV": "DEU",
    "XBD": "DEU", "XWT": "DEU", "DDR": "DEU", "XPS": "ITA", "XTS": "ITA", "XMO": "ITA",
    "XPA": "ITA", "XTU": "ITA", "XZN": "TZA", "YMD": "YEM", "XTV": "ZAF", "XOF": "ZAF",
}  # fmt: skip
# Where the cited act dates the end differently from COW's last day + 1.
EXTINCT_ON: dict[str, str] = {
    # The union took effect on Union Day, 26 April 1964; COW counts 26 April as Zanzibar's.
    "XZN": "1964-04-26",
}
EXTINCT_SOURCE: dict[str, str] = {
    "DDR": "Unification Treaty (Einigungsvertrag) of 31 August 1990, art. 1: the accession of "
    "the GDR to the Federal Republic of Germany takes effect on 3 October 1990",
    "CSK": "Constitutional Act 542/1992 Coll. on the dissolution of the CSFR (25 November "
    "1992), art. 1(1): the Czech and Slovak Federative Republic ceases to exist upon the expiry "
    "of 31 December 1992 ('Uplynutim dne 31. prosince 1992 zanika Ceska a Slovenska Federativni "
    "Republika')",
    "YMD": "Wikipedia, Yemeni unification: 'The Yemeni unification took place on 22 May 1990, "
    "when the People's Democratic Republic of Yemen (South Yemen) and the Yemen Arab Republic "
    "(North Yemen) merged', https://en.wikipedia.org/wiki/Yemeni_unification",
    "XZN": "Wikipedia, Articles of Union: 'The United Republic of Tanzania was formed on "
    "26 April 1964 as a result of the union of Tanganyika and Zanzibar' (Articles signed "
    "22 April 1964), https://en.wikipedia.org/wiki/Articles_of_Union",
    "XRV": "COW v2024: last day 1975-04-30 (surrender of Saigon)",
}

# Governments of a state, for acts that recognise a government rather than a state (the United
# States recognised the Russian state throughout but the Soviet government only in 1933). One
# row per government: state, id, name, from, to (exclusive: the first day it no longer held
# office; empty = open), and a source for each date. Russia's and the USSR's governments are
# filed under RUS, the code of their lineage (SUN is continued by RUS).
_COW_TWN = (
    'Correlates of War Project. 2024. "State System Membership List, v2024.": Taiwan (713) '
    "from 1949-12-08"
)
_PRC = (
    "'The Chinese Communists established the People's Republic of China (PRC) on the mainland "
    f"on October 1, 1949' ({_OH_CHINA}, {_OH_CHINA_URL})"
)
_BOLSHEVIK = (
    "'Normal diplomatic relations were interrupted following the November 7, 1917, Bolshevik "
    f"Revolution in Russia' ({_OH_RUSSIA}, {_OH_RUSSIA_URL})"
)
_ABDICATION_1917 = (
    "Russian Provisional Government: 'a provisional government of the Russian Republic "
    "established immediately following the abdication of Tsar Nicholas II (March 15, 1917)' "
    "(OnWar.com, from Wikipedia, https://www.onwar.com/actors/type42/"
    "Russian-Provisional-Government.htm)"
)
_QING_END = (
    "'Diplomatic relations were interrupted on February 12, 1912, when, as a result of the "
    "Chinese Revolution, the Manchu Emperor abdicated his throne in favor of a provisional "
    f"republican government' ({_OH_CHINA}, {_OH_CHINA_URL})"
)
_ROC_START = (
    "Herbert A. Giles, China and the Manchus (Cambridge University Press, 1912): on January 1, "
    "1912, Sun Yat-sen assumed the presidency of the provisional government of the republic, "
    "https://en.wikisource.org/wiki/Page:China_and_the_Manchus.djvu/145"
)
_ROC_TAIWAN = (
    f"{_COW_TWN}; 'On December 19, 1949, the U.S. Embassy was moved to Taipei, Formosa "
    "(Taiwan), after the government of the Republic of China had moved there' "
    f"({_OH_CHINA}, {_OH_CHINA_URL})"
)
GOVERNMENTS: list[tuple[str, str, str, str, str, str, str]] = [
    ("CHN", "qing", "Qing Empire (Great Qing)", "", "1912-02-12", "", _QING_END),
    ("CHN", "roc", "Republic of China (Beiyang and Nationalist governments)",
     "1912-01-01", "1949-10-01", _ROC_START, _PRC),
    ("CHN", "prc", "People's Republic of China", "1949-10-01", "", _PRC, ""),
    ("TWN", "roc", "Republic of China (on Taiwan)", "1949-12-08", "", _ROC_TAIWAN, ""),
    ("RUS", "russian_empire", "Imperial Russian government", "", "1917-03-15", "",
     _ABDICATION_1917),
    ("RUS", "provisional_government", "Russian Provisional Government",
     "1917-03-15", "1917-11-07", _ABDICATION_1917, _BOLSHEVIK),
    ("RUS", "soviet", "Soviet government (RSFSR, then the USSR)", "1917-11-07", "1991-12-26",
     _BOLSHEVIK, USSR_END),
    ("RUS", "russian_federation", "Government of the Russian Federation", "1991-12-26", "",
     USSR_END, ""),
]  # fmt: skip


def iso(y: str, m: str, d: str) -> str:
    """Return an ISO date from COW's year/month/day columns."""
    return dt.date(int(y), int(m), int(d)).isoformat()


def next_day(day: str) -> str:
    """Return the ISO date after ``day``."""
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def code_at(periods: list[tuple[str, str, str]], day: str) -> str:
    """Return the code of the period holding ``day``."""
    for code, start, end in periods:
        if (not start or start <= day) and (not end or day <= end):
            return code
    msg = f"no period holds {day}: {periods}"
    raise SystemExit(msg)


def read_cow(path: Path) -> list[tuple[int, str, str, str, str]]:
    """Return the COW spells as (ccode, stateabb, statenme, start, end)."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = [
            (
                int(r["ccode"]),
                r["stateabb"],
                r["statenme"],
                iso(r["styear"], r["stmonth"], r["stday"]),
                iso(r["endyear"], r["endmonth"], r["endday"]),
            )
            for r in csv.DictReader(f)
        ]
    return sorted(rows, key=lambda r: (r[0], r[3]))


def read_gw(path: Path) -> list[tuple[int, str, str, str, str]]:
    """Return the Gleditsch-Ward spells as (gwcode, abbrev, name, start, end)."""
    rows = []
    for line in path.read_text(encoding="cp1252").splitlines():
        if not line.strip():
            continue
        code, abbrev, name, start, end = line.split("\t")
        first, last = iso(*start.split(":")[::-1]), iso(*end.split(":")[::-1])
        rows.append((int(code), abbrev, name, first, last))
    return rows


def cow_periods(ccode: int) -> list[tuple[str, str, str]]:
    """Return the (code, from, to) periods of a COW ccode."""
    return PERIODS.get(ccode) or [(COW_TO_CODE[ccode], "", "")]


def iso_names(code: str) -> tuple[str, list[str], str]:
    """Return (kind, ISO names, short name) for a code."""
    if country := pycountry.countries.get(alpha_3=code):
        common = getattr(country, "common_name", "")
        names = [country.name, getattr(country, "official_name", ""), common]
        short = common or country.name
        return "iso3166-1", [n for n in names if n], short
    for hist in pycountry.historic_countries:
        if hist.alpha_3 == code:
            return "iso3166-3", [hist.name], hist.name
    if code in USER_ASSIGNED:
        return "user-assigned", [], USER_ASSIGNED[code][0]
    msg = f"{code} is neither in ISO 3166 nor user-assigned"
    raise SystemExit(msg)


def build(reference: Path) -> dict[str, str]:  # noqa: PLR0915 - one linear recipe
    """Return file name -> CSV text."""
    cow = read_cow(reference / "statelist2024.csv")
    gw = read_gw(reference / "iisystem_2012.dat")
    codes = sorted({c for cc, *_ in cow for c, _, _ in cow_periods(cc)} | set(NOT_IN_COW)
                   | set(NOT_IN_LISTS)
                   | {c for ps in GW_PERIODS.values() for c, _, _ in ps})  # fmt: skip

    candidates: dict[str, list[str]] = defaultdict(list)  # code -> aliases, in order
    first_cow: dict[str, str] = {}
    cow_end: dict[str, str] = {}
    for ccode, abb, nme, start, end in cow:
        for code, p_from, p_to in cow_periods(ccode):
            lo, hi = max(start, p_from or start), min(end, p_to or end)
            if lo <= hi:
                first_cow[code] = min(first_cow.get(code, lo), lo)
                cow_end[code] = max(cow_end.get(code, hi), hi)
        owner = code_at(cow_periods(ccode), start)
        candidates[owner] += [nme, abb]
    gw_start: dict[str, str] = {}
    gw_end: dict[str, str] = {}
    for gwcode, _, name, start, end in gw:
        periods = GW_PERIODS.get(gwcode) or cow_periods(gwcode)
        owner = code_at(periods, start)
        candidates[owner].append(name)
        # A G-W spell counts when it reaches the state's first COW spell (same polity).
        if owner not in first_cow or end >= first_cow[owner]:
            gw_start[owner] = min(gw_start.get(owner, start), start)
        if owner not in first_cow:  # a G-W-only state ends where G-W ends it
            gw_end[owner] = max(gw_end.get(owner, end), end)

    reserved = {c.alpha_3 for c in pycountry.countries} | {
        c.alpha_3 for c in pycountry.historic_countries
    }
    info: dict[str, tuple[str, str, str, list[str]]] = {}
    for code in codes:
        kind, names, short = iso_names(code)
        name, official = NAME.get(code, (short, ""))
        if not official:
            official = next((n for n in names if n != name and "," not in n), "") or name
        aliases = [name, official, *names, *EXTRA_ALIASES.get(code, []), *candidates[code]]
        info[code] = (kind, name, official, aliases)

    owners: dict[str, set[str]] = defaultdict(set)
    for code, (_, _, _, aliases) in info.items():
        for alias in aliases:
            owners[alias.casefold()].add(code)
    problems = []
    dropped: set[str] = set()
    states_out = io.StringIO()
    w = csv.writer(states_out, lineterminator="\n")
    w.writerow(["code", "code_kind", "name", "official_name", "aliases", "independent_on", "note"])
    for code, (kind, name, official, aliases) in info.items():
        kept: list[str] = []
        for alias in aliases:
            key = alias.casefold()
            claimants = owners[key]
            if alias in (name, official) and len(claimants) > 1 and PREFER.get(key) != code:
                problems.append(f"{code}: name {alias!r} also claimed by {sorted(claimants)}")
            if len(claimants) > 1 and PREFER.get(key) is None:
                dropped.add(f"{alias} ({', '.join(sorted(claimants))})")
            if (
                alias in (name, official)
                or key == code.casefold()
                or key in NEVER
                or (alias.upper() in reserved | set(info) and alias.upper() != code)
                or (len(claimants) > 1 and PREFER.get(key) != code)
                or key in {k.casefold() for k in kept}
            ):
                continue
            kept.append(alias)
        indep = INDEPENDENT_ON.get(code) or NOT_IN_COW.get(code, ("", ""))[0]
        if code in gw_start and (code not in first_cow or gw_start[code] < first_cow[code]):
            indep = min(indep or gw_start[code], gw_start[code])
        if code in first_cow and indep and indep >= first_cow[code]:
            indep = ""
        note = (
            USER_ASSIGNED.get(code, ("", ""))[1]
            or NOT_IN_COW.get(code, ("", ""))[1]
            or NOTE.get(code, "")
        )
        w.writerow([code, kind, name, official, "|".join(kept), indep, note])
    if problems:
        raise SystemExit("\n".join(problems))
    if dropped:
        print("ambiguous aliases left out:", "; ".join(sorted(dropped)), file=sys.stderr)

    spells_out = io.StringIO()
    w = csv.writer(spells_out, lineterminator="\n")
    w.writerow(["ccode", "stateabb", "statenme", "start", "end"])
    w.writerows(cow)

    codes_out = io.StringIO()
    w = csv.writer(codes_out, lineterminator="\n")
    w.writerow(["ccode", "code", "from", "to"])
    for ccode in sorted({r[0] for r in cow}):
        w.writerows([ccode, *p] for p in cow_periods(ccode))

    census_end = max(r[4] for r in cow)
    continued = {old for old, *_ in CONTINUED}
    life: list[list[str]] = [[old, "continued", on, new, src] for old, on, new, src in CONTINUED]
    for code, last in sorted({**gw_end, **cow_end}.items()):
        if last >= census_end or code in continued or code in ("RUS", "DEU"):
            continue
        cite = COW_CITE if code in first_cow else GW_CITE
        source = EXTINCT_SOURCE.get(code, f"{cite}: last day {last}")
        on = EXTINCT_ON.get(code, next_day(last))
        life.append([code, "extinct", on, ABSORBED_BY.get(code, ""), source])
    life += [[code, "extinct", on, by, src] for code, (on, by, src) in NOT_IN_LISTS.items()]
    life_out = io.StringIO()
    w = csv.writer(life_out, lineterminator="\n")
    w.writerow(["code", "event", "on", "other", "source"])
    w.writerows(sorted(life))
    return {
        "states.csv": states_out.getvalue(),
        "cow_spells.csv": spells_out.getvalue(),
        "cow_codes.csv": codes_out.getvalue(),
        "lifecycle.csv": life_out.getvalue(),
        "governments.csv": governments_csv(set(info)),
    }


def governments_csv(codes: set[str]) -> str:
    """The governments table; every date has its source."""
    problems = []
    for state, gov, _, start, end, start_src, end_src in GOVERNMENTS:
        if state not in codes:
            problems.append(f"government {gov}: unknown state {state}")
        if (start and not start_src) or (end and not end_src):
            problems.append(f"government {state} {gov}: a date without a source")
    if problems:
        raise SystemExit("\n".join(problems))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["state", "government", "name", "from", "to", "from_source", "to_source"])
    w.writerows(GOVERNMENTS)  # in the table's order: by state, then in time order
    return out.getvalue()


DOC = ROOT / "docs" / "states.md"


def _markers(what: str) -> tuple[str, str]:
    return (
        f"<!-- {what} table: generated by tools/build_states.py -->",
        f"<!-- end of the {what} table -->",
    )


def _cell(text: str) -> str:
    return text.replace("|", "/")


def independence_section(states_csv: str) -> str:
    """The docs/states.md table of the sourced independence dates (between the markers)."""
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(states_csv))}
    missing = sorted(
        c for c, d in INDEPENDENT_ON.items() if d != "1816-01-01" and c not in INDEPENDENCE_SOURCES
    )
    if missing:
        raise SystemExit(f"INDEPENDENT_ON dates without a source: {missing}")
    lines = ["| code | state | independence | source |", "|---|---|---|---|"]
    for code, source in sorted(INDEPENDENCE_SOURCES.items()):
        day = rows[code]["independent_on"]
        if day != INDEPENDENT_ON[code]:
            raise SystemExit(f"{code}: independent_on {day!r} is not {INDEPENDENT_ON[code]}")
        lines.append(f"| `{code}` | {rows[code]['name']} | {day} | {_cell(source)} |")
    return "\n".join(lines)


def lifecycle_section(lifecycle_csv: str) -> str:
    """The docs/states.md table of lifecycle.csv, with every source."""
    lines = ["| code | event | on | other | source |", "|---|---|---|---|---|"]
    for r in csv.DictReader(io.StringIO(lifecycle_csv)):
        other = f"`{r['other']}`" if r["other"] else "—"
        lines.append(
            f"| `{r['code']}` | {r['event']} | {r['on']} | {other} | {_cell(r['source'])} |"
        )
    return "\n".join(lines)


def governments_section(governments_csv: str) -> str:
    """The docs/states.md table of governments.csv, with the source of each date."""
    lines = [
        "| state | government | name | from | to (exclusive) | sources |",
        "|---|---|---|---|---|---|",
    ]
    for r in csv.DictReader(io.StringIO(governments_csv)):
        sources = [f"from: {r['from_source']}"] if r["from_source"] else []
        sources += [f"to: {r['to_source']}"] if r["to_source"] else []
        lines.append(
            f"| `{r['state']}` | `{r['government']}` | {r['name']} | {r['from'] or 'open'} "
            f"| {r['to'] or 'open'} | {_cell('; '.join(sources))} |"
        )
    return "\n".join(lines)


def render_doc(text: str, what: str, table: str) -> str:
    """``text`` with the part between the markers of ``what`` replaced by ``table``."""
    first, last = _markers(what)
    start, end = text.index(first), text.index(last) + len(last)
    return f"{text[:start]}{first}\n\n{table}\n\n{last}{text[end:]}"


def render(text: str, built: dict[str, str]) -> str:
    """``docs/states.md`` with its three generated tables brought up to date."""
    text = render_doc(text, "independence", independence_section(built["states.csv"]))
    text = render_doc(text, "lifecycle", lifecycle_section(built["lifecycle.csv"]))
    return render_doc(text, "governments", governments_section(built["governments.csv"]))


def main() -> None:
    """Write (or check) the CSVs and the generated tables of docs/states.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", nargs="?", type=Path, default=REFERENCE)
    parser.add_argument("--check", action="store_true", help="exit 1 if a CSV is out of date")
    args = parser.parse_args()
    stale = []
    built = build(args.reference)
    doc_old = DOC.read_text(encoding="utf-8")
    doc_new = render(doc_old, built)
    if args.check:
        if doc_new != doc_old:
            stale.append("docs/states.md")
    elif doc_new != doc_old:
        DOC.write_text(doc_new, encoding="utf-8", newline="")
        print(f"wrote {DOC.relative_to(ROOT)}")
    for name, text in built.items():
        path = OUTPUT / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8", newline="")
            print(f"wrote {path.relative_to(ROOT)} ({text.count(chr(10)) - 1} rows)")
    if stale:
        print("out of date:", ", ".join(stale))
        sys.exit(1)


if __name__ == "__main__":
    main()
