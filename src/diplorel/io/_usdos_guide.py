"""Read the Office of the Historian's country guide into dated acts of recognition and relations.

Source: Office of the Historian, U.S. Department of State, "A Guide to the United States' History
of Recognition, Diplomatic, and Consular Relations, by Country, since 1776" (history.state.gov,
TEI XML, one article per country; public domain). :func:`read_guide` reads ``articles/*.xml``.

**Sections.** Each ``<div type="timeline">`` is one dated step whose heading carries the year
("Diplomatic Relations Severed, 1961."), in ``<date when|from|to>`` markup or only in its words.
The heading says *what* happened; the prose usually says *on which day*. A section is classified
by its heading (:data:`_HEADING_RULES`), then each act it names is confirmed by a prose sentence
(:data:`_PROSE`) that states it; the act takes the date that sentence gives, nearest to the verb,
within the heading's year(s). Without such a sentence the act keeps the heading's year (or its
range as an EDTF interval ``1838/1840``) and quotes the heading. A day is never invented: "in June
1943" stays ``1943-06``; a day without a year ("on May 14") takes the last year stated earlier in
the paragraph, else the heading's year when it has exactly one.

Treaties, consular posts, moves of a mission, envoys' appointments, visits and the like are
:class:`GuideSkip` records with a reason, as is every timeline section that yields no act: no
section is dropped silently. Precision comes before recall: a doubtful act is skipped.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import attrs

__all__ = ["ActKind", "Guide", "GuideAct", "GuideSkip", "read_guide"]

PAGE_URL = "https://history.state.gov/countries/{country}"


class ActKind(enum.Enum):
    """What a guide section states; values are the wire format."""

    RECOGNITION = "recognition"
    RELATIONS_ESTABLISHED = "relations_established"
    CREDENTIALS_PRESENTED = "credentials_presented"
    CONSULAR_RELATIONS_ESTABLISHED = "consular_relations_established"
    LEGATION_OPENED = "legation_opened"
    EMBASSY_OPENED = "embassy_opened"
    MISSION_CLOSED = "mission_closed"
    MISSION_REOPENED = "mission_reopened"
    RELATIONS_SEVERED = "relations_severed"
    RELATIONS_SUSPENDED = "relations_suspended"
    RELATIONS_RESUMED = "relations_resumed"
    INTERESTS_SECTION_OPENED = "interests_section_opened"
    PROTECTING_POWER = "protecting_power"
    STATE_ENDED = "state_ended"


@attrs.frozen
class GuideAct:
    """One dated act stated by the guide.

    ``on`` is EDTF text with the stated precision (``1902-05-27``, ``1943-06``, ``1902``, an
    interval ``1959/1960``). ``by`` says who acted, for breaks and recognitions ("us",
    "partner", None when not stated); ``sender`` whose mission it is (missions, interests
    sections, credentials); ``power`` the protecting power's name.
    """

    country: str
    kind: ActKind
    on: str
    url: str
    section: str
    heading: str
    excerpt: str
    by: str | None = None
    power: str | None = None
    rank: str | None = None
    envoy: str | None = None
    sender: str | None = None


@attrs.frozen
class GuideSkip:
    """A timeline section (or sentence) not turned into an act, and why."""

    country: str
    section: str
    heading: str
    why: str


@attrs.frozen
class Guide:
    """Everything read from the guide: acts, skipped sections, problems in the data."""

    acts: tuple[GuideAct, ...]
    skipped: tuple[GuideSkip, ...]
    problems: tuple[str, ...]


# --- sentences and dates (ported from tools/usdos/rdcr.py) --------------------------------------
_TEI = "{http://www.tei-c.org/ns/1.0}"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\d\u2019's])"
_RANGE = r"(?:to|through|until|[-\u2013\u2014])"
_LIST = r"(?:and|or|&)"
_DATE_RE = re.compile(
    rf"(?P<c_m1>{_MONTH}) (?P<c_d1>{_DAY}),? ?(?P<c_sep>{_RANGE}|{_LIST}) ?"
    rf"(?P<c_m2>{_MONTH}) (?P<c_d2>{_DAY}),? (?P<c_y>{_YEAR})"
    rf"|(?P<a_d>{_DAY}) (?:of )?(?P<a_m>{_MONTH}),? (?P<a_y>{_YEAR})"
    rf"|(?P<b_m>{_MONTH}),? (?P<b_days>{_DAY}(?:(?:,? ?(?:{_RANGE}|{_LIST}) ?|, ){_DAY})*)"
    rf"(?:,? (?P<b_y>{_YEAR}))?"
    rf"|(?P<m_m>{_MONTH}),? (?P<m_y>{_YEAR})"
)
_YEAR_RE = re.compile(rf"(?<![\d,.$])\b({_YEAR})\b")
_YEAR_RANGE_RE = re.compile(r"\b(1[5-9]\d\d|20\d\d) ?[-\u2013] ?(\d{4}|\d{2})\b")
_ABBREVIATIONS = frozenset({
    "adm", "amb", "apr", "art", "aug", "capt", "cmdr", "co", "col", "corp", "dec", "dept", "dr",
    "e.g", "esq", "feb", "fr", "ft", "gen", "gov", "hon", "i.e", "inc", "jan", "jr", "jul", "jun",
    "lt", "ltd", "maj", "mar", "messrs", "mr", "mrs", "ms", "msgr", "mt", "no", "nos", "nov",
    "oct", "pres", "prof", "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st", "vol", "vs",
})  # fmt: skip
_SUFFIXES = frozenset({"co", "inc", "jr", "sr"})
_STARTERS = frozenset({
    "a", "after", "although", "an", "as", "at", "before", "by", "despite", "during", "following",
    "for", "from", "he", "however", "in", "it", "its", "on", "she", "since", "that", "the",
    "their", "there", "these", "they", "this", "those", "to", "under", "until", "upon", "when",
    "while", "with",
})  # fmt: skip
_CANDIDATE_RE = re.compile(
    r"[.!?][\u201d\u2019\"')\]]*(?:\s+|(?=[A-Z][a-z]))(?=[\u201c\u2018\"'(\[]?[A-Z0-9])"
)
_OPENERS = "(\u201c\u2018\"'["


@attrs.frozen
class _Date:
    start: int  # position in the sentence
    year: int  # stated, or the context year for a day without one
    edtf: str


@attrs.frozen
class _Sentence:
    text: str
    dates: tuple[_Date, ...]
    years: tuple[tuple[int, int], ...]  # (position, year) for bare years


@attrs.frozen
class _Section:
    ident: str
    kind: str | None
    heading: str
    years: frozenset[int]
    ranges: tuple[tuple[int, int], ...]
    sentences: tuple[_Sentence, ...]

    def covers(self, year: int) -> bool:
        return year in self.years or any(a <= year <= b for a, b in self.ranges)


def _squash(value: str) -> str:
    return " ".join(value.split())


def _split_sentences(paragraph: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in _CANDIDATE_RE.finditer(paragraph):
        before = paragraph[start : match.start() + 1].split()
        core = (before[-1] if before else "").lstrip(_OPENERS).rstrip(".!?")
        after = paragraph[match.end() :].split(maxsplit=1)
        following = after[0].strip(_OPENERS).lower() if after else ""
        if paragraph[match.start()] == ".":
            lower = core.lower()
            if lower in _ABBREVIATIONS and lower not in _SUFFIXES:
                continue
            previous = before[-2] if len(before) > 1 else ""
            initial = re.fullmatch(r"[A-Z]", core) is not None
            if core == "I" and (previous == "War" or following in _STARTERS):
                initial = False  # World War I. / Kamehameha I. This ...
            if initial:
                continue
            dotted = re.search(r"(?:^|[^A-Za-z])(?:[A-Za-z]\.)+[A-Za-z]$", core)
            if (dotted or lower in _SUFFIXES) and following not in _STARTERS:
                continue
        sentence = paragraph[start : match.end()].strip()
        if sentence:
            sentences.append(sentence)
        start = match.end()
    if paragraph[start:].strip():
        sentences.append(paragraph[start:].strip())
    return sentences


def _iso(year: int | None, month: int, day: int | None) -> str | None:
    try:
        dt.date(year or 2000, month, day or 1)
    except ValueError:
        return None
    text = f"{year or 0:04d}-{month:02d}"
    return text + f"-{day:02d}" if day else text


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()[:3]]


def _days(text: str) -> list[int]:
    return [int(d) for d in re.findall(r"\d{1,2}", text)]


def _raw_dates(sentence: str) -> Iterator[tuple[int, int | None, str, str | None]]:
    """(position, year or None, ISO start with year 0000 if none, ISO end) for each date."""
    for m in _DATE_RE.finditer(sentence):
        between = sentence[: m.start()].endswith("between ")
        if m["c_m1"]:
            year = int(m["c_y"])
            first = _iso(year, _month(m["c_m1"]), _days(m["c_d1"])[0])
            second = _iso(year, _month(m["c_m2"]), _days(m["c_d2"])[0])
            if re.fullmatch(_RANGE, m["c_sep"]) or between:
                yield m.start(), year, first or "", second
            else:
                yield m.start(), year, first or "", None
                yield m.start(), year, second or "", None
        elif m["a_d"]:
            year = int(m["a_y"])
            yield m.start(), year, _iso(year, _month(m["a_m"]), _days(m["a_d"])[0]) or "", None
        elif m["b_m"]:
            month = _month(m["b_m"])
            stated = int(m["b_y"]) if m["b_y"] else None
            days = _days(m["b_days"])
            ranged = between or re.search(rf"\d\s*{_RANGE}\s*\d", m["b_days"])
            if len(days) == 2 and ranged:  # noqa: PLR2004
                first, end = _iso(stated, month, days[0]), _iso(stated, month, days[1])
                yield m.start(), stated, first or "", end
            else:
                for day in days:
                    yield m.start(), stated, _iso(stated, month, day) or "", None
        else:
            year = int(m["m_y"])
            yield m.start(), year, _iso(year, _month(m["m_m"]), None) or "", None


def _text_years(text: str) -> tuple[set[int], list[tuple[int, int]]]:
    """Years and year ranges ("1838-40" -> 1838 to 1840) written in ``text``."""
    ranges: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    for m in _YEAR_RANGE_RE.finditer(text):
        first, last = int(m[1]), int(m[2])
        if len(m[2]) == 2:  # noqa: PLR2004
            last += first // 100 * 100
            last += 100 if last < first else 0
        ranges.append((first, last))
        spans.append(m.span())
    dated = [m.span() for m in _DATE_RE.finditer(text)]
    years = {
        int(m[1])
        for m in _YEAR_RE.finditer(text)
        if not any(a <= m.start() < b for a, b in spans)
        and not any(a <= m.start() < b for a, b in dated)
    }
    years |= {int(m[0][-4:]) for m in _DATE_RE.finditer(text) if re.search(r"\d{4}$", m[0])}
    return years, ranges


class _Reader:
    """One article's divs, walked in document order."""

    def __init__(self, country: str, problems: list[str]) -> None:
        self.country = country
        self.problems = problems
        self.sections: list[_Section] = []
        self.seen: set[str] = set()

    def problem(self, section: str, detail: str) -> None:
        self.problems.append(f"{self.country} {section}: {detail}")

    def paragraphs(self, element: ET.Element) -> list[str]:
        units: list[str] = []
        buffer: list[str] = []

        def flush() -> None:
            if text := _squash("".join(buffer)):
                units.append(text)
            buffer.clear()

        def walk(node: ET.Element) -> None:
            buffer.append(node.text or "")
            for child in node:
                tag = child.tag.removeprefix(_TEI)
                if tag == "list":
                    flush()
                    for item in child:
                        walk(item)
                        flush()
                elif tag != "figure":
                    walk(child)
                buffer.append(child.tail or "")

        if element.tag == f"{_TEI}list":
            for item in element:
                walk(item)
                flush()
        else:
            walk(element)
            flush()
        return units

    def walk(self, container: ET.Element, parent: str) -> None:
        divs = [c for c in container if c.tag == f"{_TEI}div"]
        for number, div in enumerate(divs, start=1):
            ident = div.get(_XML_ID) or f"{parent}/{number}"
            if ident in self.seen:
                self.problem(ident, "duplicate section id")
                ident = f"{ident}#{number}"
            self.seen.add(ident)
            head = div.find(f"{_TEI}head")
            heading = _squash("".join(head.itertext())) if head is not None else ""
            years: set[int] = set()
            ranges: list[tuple[int, int]] = []
            for date in head.iter(f"{_TEI}date") if head is not None else ():
                if when := date.get("when"):
                    years.add(int(when[:4]))
                if date.get("from") or date.get("to"):
                    first = int((date.get("from") or date.get("to") or "")[:4])
                    ranges.append((first, int((date.get("to") or str(first))[:4])))
            if not years and not ranges:
                years, ranges = _text_years(heading)
            units = [
                unit
                for child in div
                if child.tag in {f"{_TEI}p", f"{_TEI}list"}
                for unit in self.paragraphs(child)
            ]
            if units or years or ranges:
                self.sections.append(
                    self.section(
                        ident=ident,
                        kind=div.get("type"),
                        heading=heading,
                        years=years,
                        ranges=ranges,
                        units=units,
                    )
                )
            self.walk(div, ident)

    def section(
        self,
        *,
        ident: str,
        kind: str | None,
        heading: str,
        years: set[int],
        ranges: list[tuple[int, int]],
        units: list[str],
    ) -> _Section:
        single = next(iter(years)) if len(years) == 1 and not ranges else None
        sentences: list[_Sentence] = []
        for unit in units:
            context: int | None = None
            for text in _split_sentences(unit):
                dated = [m.span() for m in _DATE_RE.finditer(text)]
                bare = tuple(
                    (m.start(), int(m[1]))
                    for m in _YEAR_RE.finditer(text)
                    if not any(a <= m.start() < b for a, b in dated)
                )
                marks = sorted([(p, y) for p, y, _, _ in _raw_dates(text) if y] + list(bare))
                dates: list[_Date] = []
                for position, year, start, end in _raw_dates(text):
                    if not start:
                        self.problem(ident, f"impossible date in: {text}")
                        continue
                    resolved = year
                    if resolved is None:
                        earlier = [y for p, y in marks if p < position]
                        resolved = earlier[-1] if earlier else context or single
                        if resolved is None:
                            continue
                    value = f"{resolved:04d}{start[4:]}"
                    if end:
                        value += f"/{resolved:04d}{end[4:]}"
                    dates.append(_Date(position, resolved, value))
                if marks:
                    context = marks[-1][1]
                sentences.append(_Sentence(text, tuple(dates), bare))
        return _Section(ident, kind, heading, frozenset(years), tuple(ranges), tuple(sentences))


def _read_article(path: Path, problems: list[str]) -> list[_Section]:
    reader = _Reader(path.stem, problems)
    try:
        # Local copies of a public-domain government dataset: trusted input.
        root = ET.parse(path).getroot()  # noqa: S314
    except ET.ParseError as error:
        reader.problem("-", f"not well-formed XML: {error}")
        return []
    body = root.find(f"{_TEI}text/{_TEI}body")
    if body is None:
        reader.problem("-", "no <text>/<body>")
        return []
    reader.walk(body, path.stem)
    return reader.sections


# --- classification ----------------------------------------------------------------------------
_K = ActKind
_I = re.IGNORECASE


def _any(*alternatives: str) -> str:
    return "|".join(alternatives)


_SKIPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, _I), why)
    for p, why in (
        (r"anniversary", "anniversary"),
        (
            _any(
                r"\b(treaty|treaties|convention|agreement|accession|compact|arrangement)\b",
                r"\b(protocol|additional article)\b",
            ),
            "treaty",
        ),
        (r"non-recognition|recogni\w+ .*withdrawn|withheld|response to", "recognition withheld"),
        (r"liaison office", "liaison office, not relations"),
        (r"\bconsul(ate|ar post|ar agent|s)", "consular post"),
    )
)
_OTHER_SKIPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, _I), why)
    for p, why in (
        (r"assassinat", "not an act of relations: assassination"),
        (r"\bvisit|reception of", "not an act of relations: visit"),
        (r"\bmove[sd]?\b|transferr|relocat|change (from|in)|return", "mission moved"),
        (
            r"ambassador|representative|envoy|minister|charg|accredit|expelled|recalled",
            "envoy appointed, recalled or accredited",
        ),
        (r"trade|commerc|claims|tariff|slavery|whaling|sugar|compensation", "trade or claims"),
        (r"\bwar\b|hostilities|revolution|coup|control", "war or internal events"),
    )
)
_NOT_RE = r"(?<!re-)(?<!re)"
_HEADINGS: tuple[tuple[re.Pattern[str], ActKind], ...] = tuple(
    (re.compile(p, _I), kind)
    for p, kind in (
        (r"recogni[tsz]", _K.RECOGNITION),
        (
            _any(
                rf"\b{_NOT_RE}(establish\w*|opening|initiation) of (formal |full )?"
                r"(diplomatic )?relations",
                rf"(diplomatic )?relations {_NOT_RE}established",
            ),
            _K.RELATIONS_ESTABLISHED,
        ),
        (r"ambassadorial relations", _K.CREDENTIALS_PRESENTED),
        (rf"{_NOT_RE}establish\w* (of )?consular relations", _K.CONSULAR_RELATIONS_ESTABLISHED),
        (
            _any(
                rf"\b{_NOT_RE}(establish\w*|opening)\b(?!.*embassy status).*\blegation",
                rf"legation {_NOT_RE}(established|opened)",
            ),
            _K.LEGATION_OPENED,
        ),
        (
            _any(
                r"(elevat\w*|rais\w*|upgrad\w*|convert\w*)\b.*\bembass",
                r"legation\b.*\bembass|embassy status|to embassy",
                rf"\b{_NOT_RE}(establish\w*|opening)\b.*\bembass",
                rf"embass\w+.*\b{_NOT_RE}(established|opened)",
            ),
            _K.EMBASSY_OPENED,
        ),
        (
            _any(
                r"\bclos\w*|suspension of (the )?(u\.s\. |american )?embassy",
                r"suspension of (embassy )?operations|termination of u\.s\. mission",
            ),
            _K.MISSION_CLOSED,
        ),
        (
            _any(
                r"re-?open\w*(?!.* relations)|resumption of (u\.s\. )?(embassy|operations)",
                r"re-?establish\w* (of )?(the )?(american |u\.s\. )?(embassy|legation)",
                r"(embassy|legation)\b.*re-?establish",
            ),
            _K.MISSION_REOPENED,
        ),
        (r"\bsever(ed|s|ing|ance)?\b|\bbroke|rupture", _K.RELATIONS_SEVERED),
        (
            _any(
                r"interrupt|suspension of (diplomatic )?relations|cessation|disrupt",
                r"terminat\w* (of )?(diplomatic )?relations|relations .*ended",
            ),
            _K.RELATIONS_SUSPENDED,
        ),
        (
            _any(
                r"(?<!ambassadorial )relations (resumed|restored|re-?established|normalized)",
                r"(resum\w*|re-?establish\w*|restor\w*|re-?opening) of (normal )?"
                r"(diplomatic )?(and cultural )?relations",
                r"resumption of normal|diplomatic relations resumed",
            ),
            _K.RELATIONS_RESUMED,
        ),
        (r"interests? section", _K.INTERESTS_SECTION_OPENED),
        (r"\bjoins?\b|dissolution of|demise of|annex|incorporat", _K.STATE_ENDED),
    )
)
_PROSE: dict[ActKind, re.Pattern[str]] = {
    kind: re.compile(p, _I)
    for kind, p in (
        (_K.RECOGNITION, r"recogni[tsz]\w*"),
        (
            _K.RELATIONS_ESTABLISHED,
            _any(
                rf"{_NOT_RE}(establish|initiat|began|begun|commenc|inaugurat)\w*.{{0,80}}relations",
                rf"relations.{{0,80}}{_NOT_RE}(establish|began|begun|commenc|opened)\w*",
                r"presented (his|her) credentials",
            ),
        ),
        (_K.CREDENTIALS_PRESENTED, r"presented (his|her|their) (letters of )?credentials"),
        (_K.CONSULAR_RELATIONS_ESTABLISHED, r"consul\w*"),
        (
            _K.LEGATION_OPENED,
            _any(
                r"legation.{0,100}(establish|open|set up|creat|presented)\w*",
                r"(establish|open)\w*.{0,60}legation",
            ),
        ),
        (
            _K.EMBASSY_OPENED,
            _any(
                r"embass.{0,100}(rais|elevat|establish|open|upgrad|convert|presented)\w*",
                r"(rais|elevat|establish|open|upgrad|convert)\w*.{0,80}embass",
            ),
        ),
        (
            _K.MISSION_CLOSED,
            _any(
                r"(embass|legation|mission).{0,100}(clos|suspend|terminat)\w*",
                r"(clos|suspend|suspension)\w*.{0,60}(embass|legation|mission)",
            ),
        ),
        (
            _K.MISSION_REOPENED,
            _any(
                r"(embass|legation|mission).{0,100}(re-?open|resum|re-?establish|elevat)\w*",
                r"(re-?open|resum|re-?establish|elevat)\w*.{0,60}(embass|legation|mission)",
            ),
        ),
        (
            _K.RELATIONS_SEVERED,
            r"\bsever(ed|s|ing|ance)?\b|broke (off )?.{0,20}relations|break (off |of )",
        ),
        (_K.RELATIONS_SUSPENDED, r"(interrupt|suspend|suspension|ceas|ended|terminat|disrupt)\w*"),
        (_K.RELATIONS_RESUMED, r"(resum|re-?establish|restor|renew|normaliz|establish|recogni)\w*"),
        (_K.INTERESTS_SECTION_OPENED, r"interests? sections?"),
        (
            _K.STATE_ENDED,
            _any(
                r"\b(join|incorporat|annex|abolish|merge)\w*|united with|ceased to exist|defunct",
                r"transfer of \w+ sovereignty|entered the United States|became part",
                r"proclaimed King",
            ),
        ),
    )
}
_UNDATED_OK = frozenset(
    {_K.RECOGNITION, _K.RELATIONS_ESTABLISHED, _K.CONSULAR_RELATIONS_ESTABLISHED}
)
_NEGATION = re.compile(r"\b(not|never|refus\w*|declin\w*|withh\w*|withdr\w*|non-)\W+(\w+\W+){0,3}$")
_BEFORE_EVENT = re.compile(r"(following|after|before|prior to|since|until|wake of)( the)?\W*$", _I)
_INTERESTS = re.compile(
    r"interests? sections? (was|were) established|opened the \w+ interests section"
    r"|established an interests section",
    _I,
)
_US = re.compile(r"\b([Tt]he United States|[Tt]he U\.S\.|U\.S\.(?!-)|American|Secretary of State)")
_POWERS = {
    "swiss": "Switzerland", "italian": "Italy", "netherlands": "Netherlands",
    "dutch": "Netherlands", "belgian": "Belgium", "spanish": "Spain", "british": "United Kingdom",
    "swedish": "Sweden", "french": "France", "german": "Germany", "polish": "Poland",
    "austrian": "Austria", "danish": "Denmark", "canadian": "Canada", "pakistani": "Pakistan",
    "algerian": "Algeria", "australian": "Australia", "czechoslovak": "Czechoslovakia",
}  # fmt: skip
_POWER_RE = re.compile(
    r"(?:in|at) the ([A-Z]\w+(?: [A-Z]\w+)*) Embassy|protection of the ([A-Z]\w+) Government"
    r"|as part of the ([A-Z]\w+(?: [A-Z]\w+)*) Embassy"
)
_TITLES = frozenset({
    "U.S.", "American", "Ambassador", "Minister", "Envoy", "Extraordinary", "Plenipotentiary",
    "Resident", "Chargé", "Charge", "d\u2019Affaires", "d'Affaires", "Consul", "General",
    "Commissioner", "President", "Secretary", "Special", "Agent", "Designate",
    "Ambassador-designate", "Ambassador-Designate", "Nuncio", "Apostolic", "Delegate", "The",
    "When", "First", "United", "States", "Diplomatic", "Relations", "Following", "After", "On",
    "In",
})  # fmt: skip
_NAME_TOKEN = re.compile(r"[A-Z][\w\u2019'.\-]*|de|van|von|da|del|la|du|y")


def _rank(text: str) -> str | None:
    lower = text.lower()
    if "ambassador" in lower or "nuncio" in lower:
        return "ambassador"
    if "chargé" in lower or "charge d" in lower:
        return "charge_d_affaires"
    if "minister" in lower or "envoy" in lower:
        return "minister"
    return None


def _name(text: str) -> str | None:
    tokens: list[str] = []
    words = text.strip(" ,").split()
    for index in range(len(words) - 1, -1, -1):
        token = words[index]
        if token in _TITLES or not _NAME_TOKEN.fullmatch(token):
            if token in {"to", "at", "in", "of"} and tokens:
                tokens.pop(0)  # "Minister to Russia John Quincy Adams": drop the place
            break
        tokens.insert(0, token)
    while tokens and not tokens[0][:1].isupper():
        tokens.pop(0)
    return " ".join(tokens) if len(tokens) >= 2 else None  # noqa: PLR2004


def _credentials(sentence: str) -> tuple[str | None, str | None, str | None] | None:
    """(rank, envoy, sender) when ``sentence`` says credentials were presented."""
    match = _PROSE[_K.CREDENTIALS_PRESENTED].search(sentence)
    if match is None:
        return None
    before = sentence[: match.start()]
    clause = re.split(r"\bwhen\b|\bafter\b|, |; ", before)[-1]
    after = sentence[match.end() :]
    stated = re.match(
        r"\s+as (?:the )?(?:first )?([^,;]+?)(?= to | at | in | on |[,;]|(?<![A-Z])\.(?:\s|$)|$)",
        after,
    )
    title = stated[1] if stated else clause
    rank = _rank(title) or _rank(before)
    envoy = _name(clause)
    if envoy is None:
        lead = re.match(
            r"((?:[A-Z][\w\u2019'.\-]*|de|van|von|La|Le) )+(?=presented|became|was|had)|"
            r"((?:[A-Z][\w\u2019'.\-]*|de|van|von|La|Le) )*[A-Z][\w\u2019'.\-]*(?=,)",
            sentence,
        )
        envoy = _name(lead[0]) if lead else None
    sender: str | None = None
    if (
        _US.search(title)
        or _US.search(before)
        or re.match(
            r"\s*(as [^,]*?)?\s*to (the (\w+ )?Government|King|Queen|Emperor|Czar|Sultan"
            r"|Shah|Emir|Amir|Bey|Dey|Prince|Pope)",
            after,
        )
    ):
        sender = "us"
    elif re.search(r"\b[A-Z][a-z]+(ian|ese|ish|an|i|ic)\b (?=[A-Z])", title):
        sender = "partner"
    return rank, envoy, sender


def _by(heading: str, sentence: str, at: int) -> str | None:
    if re.search(r"by the united states|united states severs|by the u\.s\.", heading, _I):
        return "us"
    if re.search(r"severed by|suspension .* by", heading, _I):
        return "partner"
    if re.match(r".{0,60}with the United States", sentence[at:]):
        return "partner"
    if re.search(r"\bbetween\b", sentence[:at]):
        return None
    return "us" if _US.search(sentence[:at]) else None


def _sender(heading: str, sentence: str) -> str | None:
    for text in (heading, sentence):
        if re.search(r"\b(american|u\.s\.|united states) (\w+ )?(legation|embass|interest)", text,
                     _I):  # fmt: skip
            return "us"
        if re.search(r"in the united states|in washington|\b[A-Z][a-z]+(ian|ese|ish|an|i)\b "
                     r"(legation|embassy|interests)", text, _I):  # fmt: skip
            return "partner"
    return None


def _power(sentence: str) -> str | None:
    match = _POWER_RE.search(sentence)
    if match is None:
        return None
    name = next(g for g in match.groups() if g)
    return _POWERS.get(name.lower(), name)


def _heading_on(section: _Section) -> str | None:
    if len(section.years) == 1 and not section.ranges:
        return str(next(iter(section.years)))
    if len(section.ranges) == 1 and not section.years:
        first, last = section.ranges[0]
        return f"{first}/{last}" if first != last else str(first)
    return None


def _dated(section: _Section, sentence: _Sentence, at: int) -> str | None:
    """The date ``sentence`` gives for the act stated at ``at``, in the heading's years."""
    open_ended = not section.years and not section.ranges
    best: tuple[int, str] | None = None
    for date in sentence.dates:
        if not (open_ended or section.covers(date.year)):
            continue
        if _BEFORE_EVENT.search(sentence.text[: date.start]):
            continue
        distance = abs(date.start - at)
        if best is None or distance < best[0]:
            best = (distance, date.edtf)
    if best is not None:
        return best[1]
    years = [(abs(p - at), y) for p, y in sentence.years if section.covers(y)]
    return str(min(years)[1]) if years else None


def _confirm(section: _Section, kind: ActKind) -> tuple[str, str, _Sentence | None, int] | None:
    """(date, excerpt, sentence, position) for ``kind``: the first sentence stating it."""
    pattern = _PROSE[kind]
    fallback: tuple[_Sentence, int] | None = None
    for sentence in section.sentences:
        for match in pattern.finditer(sentence.text):
            if kind in {_K.RECOGNITION, _K.RELATIONS_ESTABLISHED, _K.RELATIONS_RESUMED} and (
                _NEGATION.search(sentence.text[: match.start()])
            ):
                continue
            on = _dated(section, sentence, match.start())
            if on is not None:
                return on, sentence.text, sentence, match.start()
            fallback = fallback or (sentence, match.start())
    on = _heading_on(section)
    if on is None:
        return None
    stated = fallback[0].dates if fallback else ()
    if stated and not any(section.covers(d.year) for d in stated):
        return None  # the sentence dates the act outside the heading's year(s): doubtful
    if fallback is not None:
        return on, fallback[0].text, fallback[0], fallback[1]
    return on, section.heading, None, 0


def _refine_break(section: _Section, kinds: list[ActKind]) -> bool:
    """Turn a heading's "cessation" into severance or the end of the state, from the prose."""
    if _K.RELATIONS_SUSPENDED not in kinds or re.search("interrupt", section.heading, _I):
        return False
    text = " ".join(s.text for s in section.sentences)
    if _PROSE[_K.STATE_ENDED].search(text):
        kinds[kinds.index(_K.RELATIONS_SUSPENDED)] = _K.STATE_ENDED
        return True
    if _PROSE[_K.RELATIONS_SEVERED].search(text):
        kinds[kinds.index(_K.RELATIONS_SUSPENDED)] = _K.RELATIONS_SEVERED
    return False


def _heading_kinds(country: str, section: _Section) -> list[ActKind]:
    heading = section.heading
    kinds = [kind for pattern, kind in _HEADINGS if pattern.search(heading)]
    refined = _refine_break(section, kinds)
    if _K.STATE_ENDED in kinds and not refined:
        plain = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode().lower()
        if _K.RECOGNITION in kinds or country.replace("-", " ") not in plain.replace("-", " "):
            kinds.remove(_K.STATE_ENDED)
        if _K.RELATIONS_ESTABLISHED in kinds and _K.STATE_ENDED in kinds:
            kinds.remove(_K.RELATIONS_ESTABLISHED)
    if _K.RELATIONS_SEVERED in kinds and _K.RELATIONS_SUSPENDED in kinds:
        kinds.remove(_K.RELATIONS_SUSPENDED)
    if _K.RELATIONS_RESUMED in kinds and _K.RELATIONS_ESTABLISHED in kinds:
        kinds.remove(_K.RELATIONS_ESTABLISHED)
    if _K.EMBASSY_OPENED in kinds and _K.LEGATION_OPENED in kinds:
        kinds.remove(_K.LEGATION_OPENED)
    if _K.MISSION_REOPENED in kinds:
        for opened in (_K.EMBASSY_OPENED, _K.LEGATION_OPENED):
            if opened in kinds:
                kinds.remove(opened)
    return list(dict.fromkeys(kinds))


_BREAKS = frozenset({_K.RELATIONS_SEVERED, _K.RELATIONS_SUSPENDED})
_MISSIONS = frozenset(
    {_K.LEGATION_OPENED, _K.EMBASSY_OPENED, _K.MISSION_CLOSED, _K.MISSION_REOPENED}
)


def _recognizer(heading: str) -> str | None:
    if re.search(r"mutual|between", heading, _I):
        return None
    partner = re.search(r"recognition of (the )?(united states|u\.s\. independence)", heading, _I)
    return "partner" if partner else "us"


def _fields(kind: ActKind, heading: str, text: str, at: int) -> dict[str, str | None]:
    """The act's details beyond its date: who acted, whose mission, which power."""
    if kind in _BREAKS:
        return {"by": _by(heading, text, at)}
    if kind is _K.RECOGNITION:
        return {"by": _recognizer(heading)}
    if kind in _MISSIONS:
        return {"sender": _sender(heading, text)}
    if kind is _K.INTERESTS_SECTION_OPENED:
        return {"sender": _sender(heading, text), "power": _power(text)}
    return {}


def _why_not(section: _Section) -> str:
    for pattern, why in _OTHER_SKIPS:
        if pattern.search(section.heading):
            return why
    if not section.years and not section.ranges:
        return "no date in heading"
    return "not an act of relations"


def _interests(section: _Section) -> Iterator[tuple[str, str, int]]:
    """(date, sentence, position) for each sentence saying an interests section was opened."""
    for line in section.sentences:
        if match := _INTERESTS.search(line.text):
            on = _dated(section, line, match.start()) or _heading_on(section)
            if on is not None:
                yield on, line.text, match.start()


def _kinds_for(country: str, section: _Section) -> tuple[list[ActKind], list[str]]:
    """The acts a section's heading names, and reasons for what is left out."""
    for pattern, why in _SKIPS:
        if pattern.search(section.heading):
            return [], [why]
    kinds = _heading_kinds(country, section)
    if not section.years and not section.ranges and not set(kinds) & _UNDATED_OK:
        return [], []
    if _K.RELATIONS_ESTABLISHED in kinds and _BREAKS & set(kinds):
        why = "break and establishment in one section: a change of recognized government"
        return [k for k in kinds if k not in _BREAKS], [why]
    return kinds, []


_Found = tuple[ActKind, str, str, dict[str, str | None]]  # kind, date, excerpt, fields


def _stated(section: _Section, kind: ActKind) -> tuple[list[_Found], str | None]:
    """The act ``kind`` as the section states it, or why it is skipped.

    Credentials presented in the sentence that states the act are a second act, same date.
    """
    found = _confirm(section, kind)
    if found is None:
        return [], f"{kind.value}: no date in heading, or prose dates it outside the heading year"
    on, excerpt, sentence, at = found
    text = section.heading if sentence is None else sentence.text
    details = None if sentence is None else _credentials(text)
    acts: list[_Found] = []
    if kind is not _K.CREDENTIALS_PRESENTED:
        acts.append((kind, on, excerpt, _fields(kind, section.heading, text, at)))
    elif details is None:
        return [], "credentials: no sentence states them"
    if details is not None and kind is not _K.RECOGNITION:
        rank, envoy, sender = details
        fields = {"rank": rank, "envoy": envoy, "sender": sender}
        acts.append((_K.CREDENTIALS_PRESENTED, on, excerpt, fields))
    return acts, None


def _classify(country: str, section: _Section) -> tuple[list[GuideAct], list[GuideSkip]]:
    kinds, reasons = _kinds_for(country, section)
    found: list[_Found] = []
    for on, line, at in _interests(section):
        kind = _K.INTERESTS_SECTION_OPENED
        found.append((kind, on, line, _fields(kind, "", line, at)))
    for kind in kinds:
        if kind is _K.INTERESTS_SECTION_OPENED and found:
            continue
        more, why = _stated(section, kind)
        if any(k is _K.CREDENTIALS_PRESENTED for k, *_ in found):
            more = [m for m in more if m[0] is not _K.CREDENTIALS_PRESENTED]
        found += more
        reasons += [why] if why else []
    if not found and not reasons:
        reasons.append(_why_not(section))
    url = PAGE_URL.format(country=country)
    acts = [
        GuideAct(country, kind, on, url, section.ident, section.heading, excerpt, **fields)
        for kind, on, excerpt, fields in found
    ]
    return acts, [GuideSkip(country, section.ident, section.heading, why) for why in reasons]


def read_guide(directory: str | os.PathLike[str]) -> Guide:
    """Read ``articles/*.xml`` under ``directory`` (or ``directory`` itself) into acts.

    >>> guide = read_guide("tools/usdos/data/rdcr")
    >>> [a.on for a in guide.acts if a.country == "cuba" and a.kind is ActKind.RELATIONS_SEVERED]
    ['1961-01-03']
    """
    folder = Path(directory)
    if (folder / "articles").is_dir():
        folder /= "articles"
    if not folder.is_dir():
        raise FileNotFoundError(f"no guide articles in {os.fspath(directory)!r}")
    acts: list[GuideAct] = []
    skipped: list[GuideSkip] = []
    problems: list[str] = []
    for path in sorted(folder.glob("*.xml"), key=lambda p: p.stem):
        for section in _read_article(path, problems):
            if section.kind != "timeline":
                continue
            found, skips = _classify(path.stem, section)
            acts += found
            skipped += skips
    return Guide(tuple(acts), tuple(skipped), tuple(problems))
