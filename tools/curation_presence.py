"""Curation of who was at post: the presence research and the US chiefs of mission.

``tools/build_default_history.py`` merges into its selected dyads:

- the research on heads of mission and missions (``tools/research/research_presence.json``,
  ``research_washington_a.json``, ``research_washington_b.json``), each event mapped like the
  other research, with the decisions below (keyed by dyad, type, date and the acting state);
- for the United States' dyads, every US chief of mission from the Office of the Historian's
  records (``tools/usdos/chiefs.py``), except the periods listed in ``CHIEF_SKIPS`` (each with
  its reason).

General rules: a head of mission recorded only as *designated* (appointed, not yet at post) is
not presence and stays out; an event that repeats an act the other research already records
(same dyad, type, acting state, kind of mission and date) stays out in favour of that one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent / "usdos"))

from chiefs import TERRITORIES, chief_items

Key = tuple[str, str]
Ref = tuple[str, str, str, str, str]
"""(a, b, research type, date, acting state) of a research event."""

_SAME = "the other research records the same act (same dyad, type, date and state)"
_CHIEFS = (
    "the United States' chiefs of mission come from the Office of the Historian's records, "
    "which date this one"
)

PRESENCE_DECISIONS: dict[Ref, dict[str, Any]] = {
    # --- founding example -----------------------------------------------------------------
    ("CUB", "KOR", "RelationsEstablished", "2024-02-14", ""): {"skip": _SAME},
    ("CUB", "KOR", "MissionOpened", "2025-01-17", "KOR"): {"skip": _SAME},
    # --- United States-Iran -----------------------------------------------------------------
    ("IRN", "USA", "RelationsSevered", "1980-04-07", "USA"): {"skip": _SAME},
    ("IRN", "USA", "MissionOpened", "1980-05-21", "USA"): {
        "why": "the sources say the United States' interests section in Tehran is a section "
        "of the Swiss embassy staffed by Swiss diplomats, not Americans",
        "staffed_by_power": True,
    },
    ("IRN", "USA", "ProtectingPowerAppointed", "1992-03", "IRN"): {"skip": _SAME},
    ("IRN", "USA", "MissionClosed", "1980-04-08", "IRN"): {
        "skip": "no research records Iran's embassy or envoy in Washington, so there is no "
        "post to close",
    },
    # --- United States-Libya ----------------------------------------------------------------
    ("LBY", "USA", "HeadOfMissionDeparted", "1972-11-07", "USA"): {"skip": _CHIEFS},
    ("LBY", "USA", "HeadOfMissionAccredited", "1979-12", "USA"): {"skip": _CHIEFS},
    ("LBY", "USA", "MissionClosed", "1980-05-02", "USA"): {"skip": _SAME},
    ("LBY", "USA", "MissionOpened", "2004-02-08", "USA"): {"skip": _SAME},
    ("LBY", "USA", "MissionOpened", "2004-06-28", "USA"): {"skip": _SAME},
    ("LBY", "USA", "MissionOpened", "2004-07-08", "LBY"): {"skip": _SAME},
    ("LBY", "USA", "RepresentationChanged", "2006-05", "USA"): {
        "skip": "the class agreed for the United States' head of mission was ambassador "
        "already (since 1954)",
    },
    ("LBY", "USA", "HeadOfMissionAccredited", "2009-01", "USA"): {"skip": _CHIEFS},
    # --- United States-Vietnam --------------------------------------------------------------
    ("USA", "VNM", "MissionOpened", "1995-01-28", "USA"): {"skip": _SAME},
    ("USA", "VNM", "RelationsEstablished", "1995-07-11", ""): {"skip": _SAME},
    ("USA", "VNM", "HeadOfMissionAccredited", "1995-08", "USA"): {"skip": _CHIEFS},
    ("USA", "VNM", "HeadOfMissionAccredited", "1997-05", "USA"): {"skip": _CHIEFS},
    ("USA", "VNM", "HeadOfMissionDeparted", "2001-07-15", "USA"): {"skip": _CHIEFS},
    # --- United States-China ----------------------------------------------------------------
    ("CHN", "USA", "MissionOpened", "1973-05", "USA"): {"skip": _SAME},
    ("CHN", "USA", "RelationsEstablished", "1979-01-01", ""): {
        "skip": "the other research records the act (as a resumption: China is one state)",
    },
    ("CHN", "USA", "MissionOpened", "1979-03-01", "USA"): {"skip": _SAME},
    ("CHN", "USA", "HeadOfMissionDeparted", "1981-02-13", "USA"): {"skip": _CHIEFS},
    ("CHN", "USA", "MissionOpened", "1979", "CHN"): {
        "skip": "the presence research dates it to the day (1979-03-01)",
    },
    ("CHN", "USA", "HeadOfMissionAccredited", "1979", "CHN"): {
        "skip": "the presence research dates Chai Zemin's credentials to the day (1979-03-01)",
    },
    # --- Israel-Turkey, Ecuador-Mexico ----------------------------------------------------
    ("ISR", "TUR", "RepresentationChanged", "2022-08-17", "ISR"): {
        "skip": "the class agreed had been ambassador since 2016; what 2022 restored were "
        "ambassadors at post (their credentials follow)",
    },
    ("ISR", "TUR", "RepresentationChanged", "2022-08-17", "TUR"): {
        "skip": "the class agreed had been ambassador since 2016; what 2022 restored were "
        "ambassadors at post (their credentials follow)",
    },
    ("ECU", "MEX", "RelationsSevered", "2024-04-05", "MEX"): {
        "why": "Mexico's embassy in Quito closed when its diplomats left on 2024-04-07, so the "
        "missions do not close with the break itself",
        "missions_stay_open": True,
    },
    ("BOL", "ISR", "RelationsSevered", "2023-10-31", "BOL"): {
        "skip": "the research found no act restoring relations after the 2009 break (only an "
        "intention announced in 2019), so relations stood severed from 2009 until 2025; the "
        "2023 break finds none to break",
    },
    # --- the partners' heads in Washington ------------------------------------------------
    ("LBY", "USA", "MissionClosed", "1981-05", "LBY"): {
        "skip": "the other research dates the closure to the day (1981-05-06)",
    },
    ("LBY", "USA", "MissionOpened", "2004-07", "LBY"): {
        "skip": "the other research dates the opening to the day (2004-07-08)",
    },
    ("USA", "VNM", "MissionClosed", "1995-08-06", "VNM"): {
        "skip": "the embassy that opened that day replaced the liaison office (an upgrade)",
    },
    ("RUS", "USA", "HeadOfMissionAccredited", "1808", "RUS"): {
        "skip": "before relations were established (1809-07-14, Office of the Historian): a "
        "chargé and consul general without diplomatic relations",
    },
    ("SYR", "USA", "HeadOfMissionAccredited", "1945-01-30", "SYR"): {
        "skip": "Syria's relations of 1944-1958 are not in the curated history (see the US "
        "chiefs of mission to Syria)",
    },
    ("SYR", "USA", "HeadOfMissionAccredited", "1949-11-18", "SYR"): {
        "skip": "Syria's relations of 1944-1958 are not in the curated history (see the US "
        "chiefs of mission to Syria)",
    },
    ("EGY", "USA", "MissionOpened", "1968", "EGY"): {
        "skip": "the later research dates Egypt's interests section (by November 1968) and "
        "names its protecting power (India)",
    },
    ("EGY", "USA", "HeadOfMissionAccredited", "1968", "EGY"): {
        "why": "Ghorbal headed Egypt's interests section, which the later research dates by "
        "November 1968: his taking charge in 1968 is narrowed to the days from then on",
        "on": "1968-11/1968-12",
        "rank": "lower",
    },
    ("SYR", "USA", "AmbassadorRecalled", "2005-02-15", "USA"): {
        "skip": _CHIEFS + " (Scobey's mission ended on 2005-02-16; a chargé a.i. followed)",
    },
    ("DEU", "USA", "HeadOfMissionAccredited", "1938-11", "DEU"): {
        "why": "the later research corrects the rank: Thomsen, the embassy's counsellor, was "
        "chargé d'affaires ad interim while the recalled ambassador stayed away; he took "
        "charge when the ambassador left Washington (1938-11-18)",
        "rank": "charge_ad_interim",
        "on": "1938-11-18/1938-11-30",
    },
    ("DEU", "USA", "HeadOfMissionDeparted", "1938-11-18", "DEU"): {
        "skip": "the other research records the ambassador's recall (November 1938): recalled, "
        "he did not return, and the chargé a.i. held his post",
    },
    ("DEU", "USA", "HeadOfMissionAccredited", "1951-06", "DEU"): {
        "skip": "the Federal Republic's chargé before relations were established (1955-05-06)",
    },
}
"""Decisions on presence research events, as in the builder's ``DECISIONS``."""

CHIEF_SKIPS: list[tuple[str, str, str, str]] = [
    (
        "CHN",
        "1844-06-12",
        "1844-06-12",
        (
            "Caleb Cushing, commissioner for the Treaty of Wangxia: the guide dates the "
            "establishment of relations by his credentials 'on or about June 16, 1844'"
        ),
    ),
    (
        "CHN",
        "1949-10-01",
        "1978-12-31",
        (
            "accredited to the Republic of China on Taiwan (TWN, COW 713), not to China's "
            "government in Beijing: the records file them under China"
        ),
    ),
    (
        "VAT",
        "1848-01-01",
        "1867-12-31",
        (
            "accredited to the Papal States (COW 327), which the registry does not hold; the "
            "Holy See of the registry is Vatican City's, from 1929"
        ),
    ),
    (
        "VAT",
        "1941-12-29",
        "1944-07-08",
        (
            "assistant to the President's personal representative, without diplomatic relations "
            "(established in 1984)"
        ),
    ),
    (
        "SYR",
        "1942-11-30",
        "1961-10-09",
        (
            "the relations of 1944-1958 are not in the curated history: the registry starts Syria "
            "in 1946 (COW) and does not record its union with Egypt (1958-1961), after which "
            "relations were established anew (1961-10-10)"
        ),
    ),
    (
        "EGY",
        "1849-01-01",
        "1922-04-25",
        (
            "agents and consuls general to Egypt under Ottoman and British rule: diplomatic "
            "relations date from 1922-04-26"
        ),
    ),
]

RDCR = Path(__file__).resolve().parent / "usdos" / "rdcr_sections.json"


def rdcr_source(country: str, heading: str, words: str) -> dict[str, Any]:
    """A source: the sentence of the guide's article on ``country`` holding ``words``."""
    import json

    articles = json.loads(RDCR.read_text(encoding="utf-8"))["articles"]
    article = next(a for a in articles if a["country"] == country)
    for section in article["sections"]:
        if section["heading"] and section["heading"].startswith(heading):
            for sentence in section["sentences"]:
                if words in sentence["text"]:
                    return {
                        "publisher": "Office of the Historian, U.S. Department of State",
                        "title": "A Guide to the United States' History of Recognition, "
                        f"Diplomatic, and Consular Relations, by Country, since 1776: "
                        f"{article['title_short'] or article['title']}",
                        "url": article["url"],
                        "excerpt": f"{section['heading']} {sentence['text']}",
                    }
    msg = f"no sentence with {words!r} under {heading!r} in {country}"
    raise KeyError(msg)


RESEARCH_FILES = [
    Path(__file__).resolve().parent / "research" / name
    for name in ("research_presence.json", "research_world.json")
]


def research_sources(key: Key, kind: str, on: str) -> list[dict[str, Any]]:
    """The sources of a presence research event, as history sources."""
    import json

    dyads = [d for f in RESEARCH_FILES for d in json.loads(f.read_text(encoding="utf-8"))["dyads"]]
    for d in dyads:
        if tuple(sorted(d["between"])) == key:
            for e in d["events"]:
                if e["type"] == kind and e["on"] == on:
                    return [
                        {
                            "publisher": x["publisher"],
                            "title": x["title"],
                            **({"url": x["url"]} if x.get("url") else {}),
                            "excerpt": x["quote"],
                        }
                        for x in e["sources"]
                    ]
    msg = f"no research event {key} {kind} {on}"
    raise KeyError(msg)


def _existing_relations(key: Key, by: str, level: str, first: tuple[str, str], why: str) -> Any:  # noqa: ANN401
    """Relations that stood by ``by`` (an open start): the first act sourced presupposes them."""
    kind, on = first
    return (
        key,
        why,
        {
            "type": "relations_established",
            "between": list(key),
            "on": f"../{by}",
            "level": level,
            "sources": research_sources(key, kind, on),
        },
    )


def _koo() -> list[dict[str, Any]]:
    """The source of Wellington Koo's term as ambassador (research_washington_a)."""
    import json

    path = Path(__file__).resolve().parent / "research" / "research_washington_a.json"
    for d in json.loads(path.read_text(encoding="utf-8"))["dyads"]:
        for e in d["events"]:
            if e["on"] == "1946-06-27" and e["fields"].get("name") == "V. K. Wellington Koo":
                return [
                    {
                        "publisher": x["publisher"],
                        "title": x["title"],
                        "url": x["url"],
                        "excerpt": x["quote"],
                    }
                    for x in e["sources"]
                ]
    msg = "Koo's term is not in research_washington_a.json"
    raise KeyError(msg)


def presence_extra() -> list[tuple[Key, str, dict[str, Any]]]:
    """Items stated by a source that no research recorded as an event of its own."""
    return [
        (
            ("TWN", "USA"),
            (
                "the United States kept its relations with the Republic of China's government "
                "when it moved to Taiwan, which the registry holds as a state from 1949-12-08 "
                "(COW 713): the relations stood by Taiwan's first day (an open start, "
                "bounded by it)"
            ),
            {
                "type": "relations_established",
                "between": ["TWN", "USA"],
                "on": "../1949-12-08",
                "level": "ambassador",
                "sources": [
                    rdcr_source("china", "Embassy Moved to Taipei", "continued to recognize")
                ],
            },
        ),
        (
            ("TWN", "USA"),
            (
                "Wellington Koo, the Republic of China's ambassador since 1946, stayed at post for "
                "its government on Taiwan until 1956-03-21 (the source's term of office)"
            ),
            {
                "type": "head_of_mission_accredited",
                "between": ["TWN", "USA"],
                "on": "../1949-12-08",
                "sender": "TWN",
                "rank": "ambassador",
                "name": "V. K. Wellington Koo",
                "sources": _koo(),
            },
        ),
        (
            ("TWN", "USA"),
            "the end of Koo's term of office as ambassador",
            {
                "type": "head_of_mission_departed",
                "between": ["TWN", "USA"],
                "on": "1956-03-21",
                "sender": "TWN",
                "name": "V. K. Wellington Koo",
                "sources": _koo(),
            },
        ),
        _existing_relations(
            ("CAN", "IRN"),
            "1979",
            "unknown",
            ("MissionClosed", "1980-01"),
            "Canada's embassy in Tehran, closed in January 1980, presupposes relations in 1979; "
            "no source of the research dates their establishment (an open start)",
        ),
        _existing_relations(
            ("ISR", "TUR"),
            "2010-05-31",
            "ambassador",
            ("AmbassadorRecalled", "2010-05-31"),
            "Turkey's recall of its ambassador (2010-05-31) presupposes relations at ambassador "
            "level; no source of the research dates their establishment (an open start)",
        ),
        _existing_relations(
            ("CHN", "LTU"),
            "2021-08-10",
            "ambassador",
            ("AmbassadorRecalled", "2021-08-10"),
            "China's recall of its ambassador (2021-08-10) presupposes relations at ambassador "
            "level; no source of the research dates their establishment (an open start)",
        ),
        _existing_relations(
            ("ECU", "MEX"),
            "2024-04-04",
            "ambassador",
            ("PersonaNonGrataDeclared", "2024-04-04"),
            "Ecuador's expulsion of Mexico's ambassador (2024-04-04) presupposes relations at "
            "ambassador level; no source of the research dates their establishment",
        ),
        _existing_relations(
            ("BOL", "ISR"),
            "2001",
            "unknown",
            ("MissionClosed", "2001/2002"),
            "Israel's embassy in La Paz, closed in 2001 or 2002, presupposes relations; no "
            "source of the research dates their establishment (an open start)",
        ),
        (
            ("DEU", "USA"),
            (
                "relations with Prussia (COW 255 from 1816, Germany's predecessor in the registry) "
                "from John Quincy Adams's accreditation: the guide dates them by it"
            ),
            {
                "type": "relations_established",
                "between": ["DEU", "USA"],
                "on": "1797-12-05",
                "level": "minister",
                "sources": [
                    rdcr_source(
                        "germany",
                        "Establishment of Diplomatic Relations with Prussia",
                        "December 5",
                    )
                ],
            },
        ),
    ]


"""(partner, first day, last day, why): US chiefs of mission whose start falls in the span
are left out."""

PRESENCE_GENERAL = [
    (
        "A source with neither an address nor a date cannot be checked: it is not cited, and an "
        "event left with no other source stays out."
    ),
    (
        "A head of mission's taking up post, or an embassy's opening, dated only to a year or a "
        "month in which relations were established or resumed on a stated day, is narrowed to "
        "the days from that act on: neither can come before relations stand."
    ),
    (
        "A head of mission recorded only as designated (appointed, not yet at post) is not "
        "presence and stays out."
    ),
    (
        "The United States' chiefs of mission come from the Office of the Historian's records "
        "(Principal Officers and Chiefs of Mission), one item for taking up the post and one for "
        "its end; titles that are no diplomatic rank (commissioners, chiefs of liaison offices, "
        "principal officers of interests sections) and consular titles stay out."
    ),
]


def _acts_have_times() -> bool:
    import attrs

    import diplorel

    return "time" in attrs.fields_dict(diplorel.Event)


_TIMES = _acts_have_times()


def _dated(source: dict[str, Any]) -> bool:
    """Whether a research source carries a publication date."""
    date = (source.get("date") or "").split(" (")[0]
    return bool(date) and date != "n.d."


def who(e: dict[str, Any]) -> str:
    """The state acting in a research event (sender, by, protected), or ''."""
    f = e.get("fields") or {}
    return str(f.get("sender") or f.get("by") or f.get("protected") or "")


def _skipped_chief(partner: str, on: str) -> str | None:
    for p, first, last, why in CHIEF_SKIPS:
        if p == partner and first <= on[:10] <= last:
            return why
    return None


def _consent_days(items: list[dict[str, Any]]) -> dict[Key, list[Any]]:
    """The days on which relations were established or resumed, by dyad (exact dates only)."""
    import diplorel

    out: dict[Key, list[Any]] = {}
    for item in items:
        on = item.get("effective_on") or item.get("on")
        consent = item["type"] in _CONSENT | {"exchange_of_notes"} or item.get("establishes") in {
            "establish_relations",
            "resume_relations",
        }
        if consent and on and "between" in item:
            span = diplorel.parse_edtf(on)
            if span.is_exact:
                out.setdefault(tuple(sorted(item["between"])), []).append(span.earliest)  # type: ignore[arg-type]
    return out


def signature(item: dict[str, Any]) -> tuple[str, ...]:
    """What makes two items the same act: type, dyad, acting state, mission kind, date."""
    between = item.get("between") or sorted([item.get("by", ""), item.get("of", "")])
    actor = item.get("sender") or item.get("by") or item.get("protected") or ""
    kind = item.get("kind", "embassy") if "mission" in item["type"] else ""
    return (item["type"], *sorted(between), actor, kind, item.get("on", ""))


_NARROWED = {"head_of_mission_accredited", "mission_opened"}
_CONSENT = {"relations_established", "relations_resumed"}


def _narrowed(item: dict[str, Any], consents: dict[Key, list[Any]]) -> dict[str, Any]:
    """An imprecise accreditation or opening, from the act it needs if that falls inside it.

    A head takes up post, and an embassy opens, only once relations stand: "1921" for an
    embassy whose relations resumed on 1921-12-10 becomes 1921-12-10/1921-12-31.
    """
    import diplorel

    if item["type"] not in _NARROWED or "between" not in item:
        return item
    if item["type"] == "mission_opened" and item.get("kind", "embassy") not in {
        "embassy",
        "legation",
    }:
        return item  # an interests section or an office needs no relations
    text = item["on"]
    if text.startswith("..") or text.endswith(".."):
        return item
    span = diplorel.parse_edtf(text)
    if span.is_exact:
        return item
    key: Key = tuple(sorted(item["between"]))  # type: ignore[assignment]
    inside = [d for d in consents.get(key, []) if span.earliest < d <= span.latest]
    if not inside:
        return item
    return {**item, "on": f"{max(inside).isoformat()}/{span.latest.isoformat()}"}


def presence_items(
    selected: set[Key],
    research: dict[Key, list[dict[str, Any]]],
    make_item: Callable[..., dict[str, Any] | None],
    make_source: Callable[[dict[str, Any]], dict[str, Any]],
    existing: list[dict[str, Any]],
) -> list[tuple[Key, dict[str, Any]]]:
    """The presence items of the selected dyads; ``existing`` are the other research's items."""
    out: list[tuple[Key, dict[str, Any]]] = []
    used: set[Ref] = set()
    seen = {signature(i) for i in existing}
    consents = _consent_days(existing)
    for key, events in research.items():
        if key not in selected:
            continue
        a, b = key
        for e in events:
            ref = (a, b, e["type"], e["on"], who(e))
            decision = dict(PRESENCE_DECISIONS.get(ref, {}))
            if ref in PRESENCE_DECISIONS:
                used.add(ref)
            if "skip" in decision:
                continue
            if (e.get("fields") or {}).get("designated_only") and not decision:
                continue
            cited = [make_source(x) for x in e["sources"] if x.get("url") or _dated(x)]
            if not cited:  # a source with neither address nor date cannot be checked
                continue
            item = make_item([a, b], e, cited, events)
            if item is None:
                msg = f"{ref} cannot be mapped and has no decision"
                raise ValueError(msg)
            if e.get("time") and _TIMES:
                item["time"] = e["time"]
            decision.pop("why", None)
            for field in decision.pop("drop", []):
                item.pop(field, None)
            item.update(decision)
            if signature(item) in seen:
                continue  # the same act, recorded by another research file
            seen.add(signature(item))
            out.append((key, _narrowed(item, consents)))
    unused = set(PRESENCE_DECISIONS) - used
    if unused:
        msg = f"presence decisions that match no research event: {sorted(unused)}"
        raise ValueError(msg)
    for key, _, item in presence_extra():
        if key in selected:
            out.append((key, item))
    chiefs = [(k, i) for k, i in _us_chiefs(selected) if signature(i) not in seen]
    return out + chiefs


TAIWAN = ("1949-12-08", "1978-12-31")
"""The US chiefs of mission to the Republic of China whose post was in Taipei: filed under
China in the records, under Taiwan (COW 713) here."""


def _chiefs_of(partner: str, log: list[str]) -> list[dict[str, Any]]:
    """The chiefs' items of a partner; Taiwan's are China's chiefs of 1949-1978."""
    if partner != "TWN":
        return chief_items(partner, log)
    first, last = TAIWAN
    out: list[dict[str, Any]] = []
    keep: set[str] = set()
    for item in chief_items("CHN", log):
        if item["type"] == "head_of_mission_accredited":
            if not first <= item["on"][:10] <= last:
                continue
            keep.add(item["name"])
        elif item["name"] not in keep:
            continue
        out.append({**item, "between": ["TWN", "USA"]})
    return out


def _us_chiefs(selected: set[Key]) -> list[tuple[Key, dict[str, Any]]]:
    """The US chiefs of mission of the selected US dyads, less the spans of ``CHIEF_SKIPS``."""
    out: list[tuple[Key, dict[str, Any]]] = []
    log: list[str] = []
    for key in sorted(selected):
        if "USA" not in key:
            continue
        partner = key[0] if key[1] == "USA" else key[1]
        if partner not in TERRITORIES:
            continue
        skipped: set[str] = set()
        for item in _chiefs_of(partner, log):
            name = item["name"]
            if item["type"] == "head_of_mission_accredited":
                if _skipped_chief(partner, item["on"]) is not None:
                    skipped.add(name)
                    continue
                skipped.discard(name)
            elif name in skipped:
                continue
            out.append((key, item))
    return out
