"""Read the Office of the Historian's country guide (RDCR) into dated sections and sentences.

Source: Office of the Historian, U.S. Department of State, "A Guide to the United States' History
of Recognition, Diplomatic, and Consular Relations, by Country, since 1776", history.state.gov;
data repository HistoryAtState/rdcr, commit f3c53549557d. A work of the US government, public
domain, CC0 1.0 waiver worldwide (``data/rdcr/LICENSE.md``).

Reads only the copy in ``tools/usdos/data/rdcr/articles/*.xml`` (TEI, one file per country; never
``../shared``) and writes ``tools/usdos/rdcr_sections.json``:

- one article per file: ``country`` (the file name, which is also the page address on the site:
  history.state.gov serves ``/db/apps/rdcr/articles/{id}.xml`` at
  ``https://history.state.gov/countries/{id}``, see HistoryAtState/hsg-shell ``controller.xql``),
  ``title`` (``<title type="complete">``), ``title_short``, ``url``;
- one section per ``<div>`` that has prose (``<p>``, ``<list>``) or a dated heading. Sections are
  ``section`` (Summary, Recognition, Diplomatic Relations...), ``timeline`` (the dated acts, with
  ``<date when="1902">`` or ``<date from=".." to="..">`` in the heading) or ``appendix``. Each has
  ``id`` (its ``xml:id``, else a generated ``<parent id>/<n>``, flagged ``id_generated``),
  ``parents`` (enclosing sections' ids and headings), ``heading``, ``heading_when`` and
  ``heading_ranges`` (the heading's date attributes, as given; sometimes a full day),
  ``heading_text_dates`` / ``heading_text_years`` / ``heading_text_ranges`` (read from the
  heading's words, "1838-40" -> 1838 to 1840; 32 timeline headings carry their year only there;
  ``heading_years_from`` says which was used), ``markup_dates`` (``<date>``
  elements inside the prose, with their text), and ``sentences``. Divs with neither prose nor a
  dated heading (the "Resources" bibliographies, wrappers holding only sub-sections) are not
  written; the header counts them by heading.
- each sentence: ``paragraph`` (index within the section), ``text`` (whitespace collapsed),
  ``dates`` and ``years``. ``dates`` keep the stated precision: "On May 27, 1902" ->
  ``1902-05-27``; "in June 1943" -> ``1943-06``; "May 25-26, 1947" -> ``1947-05-25`` with ``to``
  ``1947-05-26``; "December 11 and 27, 1960" -> two dates. A day without a year ("on May 14")
  gives ``--05-14`` (precision ``month_day``) plus, separately, ``context_year``: the last year
  stated earlier in the same paragraph, else the heading's year when it has exactly one; it is an
  inference, never merged into ``date``. ``years`` are four-digit years (1500-2099) stated outside
  any date. A "dated sentence" states at least one day- or month-precision date with its year.
- per section ``heading_year_dates``: the prose dates (stated year, day or month precision) that
  fall in the heading's years or ranges: the candidates for the day of the act the heading dates.

Sentences are split at ``.``, ``!``, ``?`` followed by a capital or a digit, except after common
abbreviations (Gen., St., Dr., Sept., ...), single initials (Enoch H. Crowder) and dotted
abbreviations (U.S., D.C.) unless a typical sentence opener follows them ("... the U.S. The").

Problems (never dropped silently) are listed under ``problems``: impossible dates in the text
(``impossible_date_in_text``), ``<date>`` markup whose attribute disagrees with its own text
(``markup_date_disagrees_with_text``, e.g. ``<date when="1921-07-21">July 26, 1921</date>``; an
attribute that only adds precision, ``<date when="1992-04-07">1992</date>``, is fine and counted),
``div_without_type``, ``unexpected_element``, ``duplicate_div_id``, and timelines whose heading has
no ``<date>`` (``timeline_heading_year_not_marked_up`` when the words carry a year,
``timeline_without_heading_year`` when nothing does).

Usage (from the repository root)::

    .venv/bin/python tools/usdos/rdcr.py            # write tools/usdos/rdcr_sections.json
    .venv/bin/python tools/usdos/rdcr.py --check    # exit 1 if the JSON is out of date
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

from _generated import run

from diplorel.io._usdos_guide import (  # one definition: the package's reader of the guide
    _DATE_RE as DATE_RE,
)
from diplorel.io._usdos_guide import _RANGE as RANGE_WORDS
from diplorel.io._usdos_guide import _YEAR as YEAR
from diplorel.io._usdos_guide import _split_sentences as split_sentences
from diplorel.io._usdos_guide import _squash as squash

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "rdcr"
OUTPUT = HERE / "rdcr_sections.json"

SOURCE = {
    "title": "A Guide to the United States' History of Recognition, Diplomatic, and Consular "
    "Relations, by Country, since 1776",
    "publisher": "Office of the Historian, U.S. Department of State",
    "url": "https://history.state.gov/countries",
    "page_url_template": "https://history.state.gov/countries/{country}",
    "repository": "https://github.com/HistoryAtState/rdcr",
    "data_commit": "f3c53549557d",
    "license": "Public domain (work of the US government); CC0 1.0 Universal waiver worldwide",
    "citation": 'Office of the Historian, U.S. Department of State, "A Guide to the United '
    "States' History of Recognition, Diplomatic, and Consular Relations, by Country, since "
    '1776", history.state.gov.',
    "files_read": ["rdcr/articles/*.xml"],
}
PAGE_URL = "https://history.state.gov/countries/{country}"

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SKIPPED_IN_DIV = {"head", "figure", "listBibl"}  # not prose: heading, images, bibliographies
PROSE_IN_DIV = {"p", "list"}

# --- dates in prose ------------------------------------------------------------------------------
MONTH_NUMBERS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
YEAR_RE = re.compile(rf"(?<![\d,.$])\b(?P<y>{YEAR})\b")
YEAR_RANGE_RE = re.compile(r"\b(?P<a>1[5-9]\d\d|20\d\d) ?[-\u2013] ?(?P<b>\d{4}|\d{2})\b")
DAY_NUMBER_RE = re.compile(r"\d{1,2}")
Span = tuple[int, int]

# --- sentence splitting --------------------------------------------------------------------------


def parse(path: Path) -> ET.Element:
    # Local copies of a public-domain government dataset: trusted input.
    return ET.parse(path).getroot()  # noqa: S314


def local(tag: str) -> str:
    return tag.removeprefix(TEI)


def month_number(name: str) -> int:
    return MONTH_NUMBERS[name.rstrip(".").lower()]


def iso(year: int | None, month: int, day: int | None = None) -> str | None:
    """ISO text for a real date ('--MM-DD' without a year); None when impossible."""
    try:
        dt.date(year or 2000, month, day or 1)  # 2000 is a leap year: --02-29 stays valid
    except ValueError:
        return None
    if year is None:
        return f"--{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def day_number(text: str) -> int:
    match = DAY_NUMBER_RE.match(text)
    return int(match.group(0)) if match else 0


def find_dates(sentence: str) -> tuple[list[dict[str, Any]], list[int], list[str], list[Span]]:
    """Dates stated in ``sentence``, where each starts, impossible ones, and the spans used."""
    found: list[dict[str, Any]] = []
    starts: list[int] = []
    invalid: list[str] = []
    spans: list[Span] = []

    def add(start: int, text: str, ymd: tuple[int | None, int, int | None], to: str | None) -> None:
        year, month, day = ymd
        value = iso(year, month, day)
        if value is None:
            invalid.append(text)
            return
        precision = "month_day" if year is None else "day" if day else "month"
        entry: dict[str, Any] = {"text": text, "date": value, "precision": precision}
        if to:
            entry["to"] = to
        found.append(entry)
        starts.append(start)

    for match in DATE_RE.finditer(sentence):
        text, start = match.group(0), match.start()
        spans.append(match.span())
        if match.group("c_m1"):
            year = int(match.group("c_y"))
            first = (year, month_number(match.group("c_m1")), day_number(match.group("c_d1")))
            second = (year, month_number(match.group("c_m2")), day_number(match.group("c_d2")))
            if re.fullmatch(RANGE_WORDS, match.group("c_sep")):
                end = iso(*second)
                if end is None:
                    invalid.append(text)
                else:
                    add(start, text, first, end)
            else:
                add(start, text, first, None)
                add(start, text, second, None)
        elif match.group("a_d"):
            year = int(match.group("a_y"))
            add(
                start,
                text,
                (year, month_number(match.group("a_m")), day_number(match["a_d"])),
                None,
            )
        elif match.group("b_m"):
            month = month_number(match.group("b_m"))
            year_or_none = int(match.group("b_y")) if match.group("b_y") else None
            days_text = match.group("b_days")
            days = [int(d) for d in DAY_NUMBER_RE.findall(days_text)]
            if len(days) == 2 and re.search(rf"\d\s*{RANGE_WORDS}\s*\d", days_text):  # noqa: PLR2004
                end = iso(year_or_none, month, days[1])
                if end is None:
                    invalid.append(text)
                else:
                    add(start, text, (year_or_none, month, days[0]), end)
            else:
                for day in days:
                    add(start, text, (year_or_none, month, day), None)
        else:
            add(
                start, text, (int(match.group("m_y")), month_number(match.group("m_m")), None), None
            )
    return found, starts, invalid, spans


def find_years(sentence: str, spans: list[Span]) -> list[tuple[int, str]]:
    """(position, year) for four-digit years outside the date spans."""
    return [
        (m.start(), m.group("y"))
        for m in YEAR_RE.finditer(sentence)
        if not any(a <= m.start() < b for a, b in spans)
    ]


def text_years(text: str) -> tuple[list[str], list[dict[str, str | None]]]:
    """Years and year ranges ("1838-40" -> 1838 to 1840) written in ``text``."""
    ranges: list[dict[str, str | None]] = []
    spans: list[Span] = []
    for match in YEAR_RANGE_RE.finditer(text):
        first, last = match.group("a"), match.group("b")
        if len(last) == 2:  # noqa: PLR2004
            last = first[:2] + last
            if last < first:
                last = str(int(last) + 100)
        ranges.append({"from": first, "to": last})
        spans.append(match.span())
    return [y for _, y in find_years(text, spans)], ranges


class Article:
    """State for one file while its divs are walked."""

    def __init__(self, path: Path, problems: list[dict[str, Any]]) -> None:
        self.path = path
        self.country = path.stem
        self.problems = problems
        self.sections: list[dict[str, Any]] = []
        self.skipped: Counter[str] = Counter()
        self.ids: Counter[str] = Counter()
        self.more_precise_markup = 0  # <date when="1992-04-07">1992</date>: fine, counted

    def problem(self, kind: str, section: str | None, detail: str) -> None:
        self.problems.append(
            {"kind": kind, "country": self.country, "section": section, "detail": detail}
        )

    def prose_units(self, element: ET.Element, section: str) -> list[str]:
        """Paragraph texts: a ``<p>`` is one unit, each list ``<item>`` its own unit."""
        units: list[str] = []
        buffer: list[str] = []

        def flush() -> None:
            value = squash("".join(buffer))
            if value:
                units.append(value)
            buffer.clear()

        def walk(node: ET.Element) -> None:
            buffer.append(node.text or "")
            for child in node:
                tag = local(child.tag)
                if tag == "figure":
                    pass
                elif tag == "list":
                    flush()
                    for item in child:
                        if local(item.tag) != "item":
                            self.problem("unexpected_element", section, f"<{local(item.tag)}>")
                        walk(item)
                        flush()
                else:
                    walk(child)
                buffer.append(child.tail or "")

        if local(element.tag) == "list":
            for item in element:
                walk(item)
                flush()
        else:
            walk(element)
            flush()
        return units

    def markup_dates(self, element: ET.Element, section: str) -> list[dict[str, Any]]:
        """``<date>`` elements in the prose, checked against their own text."""
        entries: list[dict[str, Any]] = []
        for date in element.iter(f"{TEI}date"):
            text = squash("".join(date.itertext()))
            entry = {"text": text, **dict(sorted(date.attrib.items()))}
            entries.append(entry)
            stated, _, _, _ = find_dates(text)
            values = {d["date"] for d in stated} | {d.get("to") for d in stated}
            values |= {d["date"][:4] for d in stated if d["precision"] != "month_day"}
            years, ranges = text_years(text)
            values |= {*years, *(r["from"] for r in ranges), *(r["to"] for r in ranges)}
            for attribute in ("when", "from", "to"):
                value = date.get(attribute)
                if not value or value in values:
                    continue
                finer = any(v and len(v) >= len(value) for v in values)
                if not finer and any(value.startswith(v + "-") for v in values if v):
                    self.more_precise_markup += 1
                else:
                    detail = f'<date {attribute}="{value}">{text}</date>'
                    self.problem("markup_date_disagrees_with_text", section, detail)
        return entries

    def walk(self, container: ET.Element, parents: list[dict[str, str | None]]) -> None:
        divs = [c for c in container if local(c.tag) == "div"]
        parent_id = parents[-1]["id"] if parents else self.country
        for number, div in enumerate(divs, start=1):
            given = div.get(XML_ID)
            ident = given or f"{parent_id}/{number}"
            self.ids[ident] += 1
            if self.ids[ident] > 1:
                self.problem("duplicate_div_id", ident, f"occurrence {self.ids[ident]}")
                ident = f"{ident}#{self.ids[ident]}"
            kind = div.get("type")
            if kind is None:
                self.problem("div_without_type", ident, "no @type")
            head = div.find(f"{TEI}head")
            heading = squash("".join(head.itertext())) if head is not None else None
            heading_when: list[str] = []
            heading_ranges: list[dict[str, str | None]] = []
            if head is not None:
                for date in head.iter(f"{TEI}date"):
                    if date.get("when"):
                        heading_when.append(date.get("when") or "")
                    if date.get("from") or date.get("to"):
                        heading_ranges.append({"from": date.get("from"), "to": date.get("to")})
                self.markup_dates(head, ident)
            if kind == "timeline" and not (heading_when or heading_ranges):
                if any(text_years(heading or "")):
                    self.problem("timeline_heading_year_not_marked_up", ident, heading or "")
                else:
                    self.problem("timeline_without_heading_year", ident, heading or "(no heading)")
            units: list[str] = []
            markup: list[dict[str, Any]] = []
            for child in div:
                tag = local(child.tag)
                if tag in PROSE_IN_DIV:
                    units += self.prose_units(child, ident)
                    markup += self.markup_dates(child, ident)
                elif tag not in SKIPPED_IN_DIV and tag != "div":
                    self.problem("unexpected_element", ident, f"<{tag}> in <div>")
            if units or heading_when or heading_ranges:
                self.sections.append(
                    self.section(
                        ident=ident,
                        generated=given is None,
                        kind=kind,
                        parents=parents,
                        heading=heading,
                        heading_when=heading_when,
                        heading_ranges=heading_ranges,
                        units=units,
                        markup=markup,
                    )
                )
            else:
                self.skipped[heading or "(no heading)"] += 1
            self.walk(div, [*parents, {"id": ident, "heading": heading}])

    def section(
        self,
        *,
        ident: str,
        generated: bool,
        kind: str | None,
        parents: list[dict[str, str | None]],
        heading: str | None,
        heading_when: list[str],
        heading_ranges: list[dict[str, str | None]],
        units: list[str],
        markup: list[dict[str, Any]],
    ) -> dict[str, Any]:
        written_years, written_ranges = text_years(heading or "")
        source: str | None
        if heading_when or heading_ranges:
            source = "markup"
            heading_years = {w[:4] for w in heading_when}
            ranges = heading_ranges
        else:
            source = "text" if written_years or written_ranges else None
            heading_years, ranges = set(written_years), written_ranges
        single_year = (
            int(next(iter(heading_years))) if len(heading_years) == 1 and not ranges else None
        )
        sentences: list[dict[str, Any]] = []
        for index, unit in enumerate(units):
            context: int | None = None
            for sentence in split_sentences(unit):
                dates, starts, invalid, spans = find_dates(sentence)
                years = find_years(sentence, spans)
                for text in invalid:
                    self.problem("impossible_date_in_text", ident, f"{text!r} in: {sentence}")
                # context years, in reading order: each yearless day gets the last year before it
                marks = sorted(
                    [
                        (p, int(d["date"][:4]))
                        for p, d in zip(starts, dates, strict=True)
                        if d["precision"] != "month_day"
                    ]
                    + [(p, int(y)) for p, y in years]
                )
                for position, date in zip(starts, dates, strict=True):
                    if date["precision"] != "month_day":
                        continue
                    earlier = [y for p, y in marks if p < position]
                    year = earlier[-1] if earlier else context
                    origin = "paragraph" if year is not None else None
                    if year is None and single_year is not None:
                        year, origin = single_year, "heading"
                    date["context_year"] = year
                    date["context_year_from"] = origin
                    date["context_date"] = f"{year:04d}{date['date'][1:]}" if year else None
                if marks:
                    context = marks[-1][1]
                sentences.append(
                    {
                        "paragraph": index,
                        "text": sentence,
                        "dates": dates,
                        "years": [y for _, y in years],
                    }
                )
        in_heading_years = sorted(
            {
                d["date"]
                for s in sentences
                for d in s["dates"]
                if d["precision"] in {"day", "month"}
                and (
                    d["date"][:4] in heading_years
                    or any(
                        (r["from"] or "0000")[:4] <= d["date"][:4] <= (r["to"] or "9999")[:4]
                        for r in ranges
                    )
                )
            }
        )
        return {
            "id": ident,
            "id_generated": generated,
            "type": kind,
            "parents": parents,
            "heading": heading,
            "heading_when": heading_when,
            "heading_ranges": heading_ranges,
            "heading_text_dates": find_dates(heading or "")[0],
            "heading_text_years": written_years,
            "heading_text_ranges": written_ranges,
            "heading_years_from": source,
            "heading_year_dates": in_heading_years,
            "markup_dates": markup,
            "sentences": sentences,
        }


def read_article(path: Path, problems: list[dict[str, Any]]) -> tuple[dict[str, Any], Counter[str]]:
    root = parse(path)
    article = Article(path, problems)
    titles = {t.get("type"): squash("".join(t.itertext())) for t in root.iter(f"{TEI}title")}
    body = root.find(f"{TEI}text/{TEI}body")
    if body is None:
        article.problem("missing_body", None, "no <text>/<body>")
    else:
        for child in body:
            if local(child.tag) not in {"div", "figure"}:
                article.problem("unexpected_element", None, f"<{local(child.tag)}> in <body>")
        article.walk(body, [])
    back = root.find(f"{TEI}text/{TEI}back")
    if back is not None:
        for div in back.iter(f"{TEI}div"):
            head = div.find(f"{TEI}head")
            article.skipped[
                "(back) " + (squash("".join(head.itertext())) if head is not None else "")
            ] += 1
    record: dict[str, Any] = {
        "country": article.country,
        "title": titles.get("complete"),
        "title_short": titles.get("short"),
        "url": PAGE_URL.format(country=article.country),
        "publication": [squash("".join(p.itertext())) for p in root.iter(f"{TEI}publicationStmt")],
        "source_description": [
            squash("".join(p.itertext()))
            for s in root.iter(f"{TEI}sourceDesc")
            for p in s.iter(f"{TEI}p")
        ],
        "sections": article.sections,
    }
    record["_more_precise_markup"] = article.more_precise_markup
    return record, article.skipped


def build() -> tuple[dict[str, Any], list[str]]:
    problems: list[dict[str, Any]] = []
    articles: list[dict[str, Any]] = []
    skipped: Counter[str] = Counter()
    more_precise = 0
    for path in sorted((DATA / "articles").glob("*.xml")):
        article, skipped_here = read_article(path, problems)
        more_precise += article.pop("_more_precise_markup")
        articles.append(article)
        skipped += skipped_here
    problems.sort(key=lambda p: (p["kind"], p["country"], p["section"] or "", p["detail"]))

    sections = [s for a in articles for s in a["sections"]]
    sentences = [t for s in sections for t in s["sentences"]]
    dates = [d for t in sentences for d in t["dates"]]
    dated = [t for t in sentences if any(d["precision"] in {"day", "month"} for d in t["dates"])]
    with_heading_date = [s for s in sections if s["heading_years_from"]]
    counts = {
        "articles": len(articles),
        "sections": len(sections),
        "sections_by_type": dict(sorted(Counter(str(s["type"]) for s in sections).items())),
        "sections_with_heading_date": len(with_heading_date),
        "sections_with_heading_date_and_prose_date_in_heading_year": sum(
            bool(s["heading_year_dates"]) for s in with_heading_date
        ),
        "heading_when_values": sum(len(s["heading_when"]) for s in sections),
        "heading_ranges": sum(len(s["heading_ranges"]) for s in sections),
        "sentences": len(sentences),
        "dated_sentences": len(dated),
        "sentences_with_day_date": sum(
            any(d["precision"] == "day" for d in t["dates"]) for t in sentences
        ),
        "sentences_with_yearless_day_only": sum(
            bool(t["dates"]) and all(d["precision"] == "month_day" for d in t["dates"])
            for t in sentences
        ),
        "dates_by_precision": dict(sorted(Counter(d["precision"] for d in dates).items())),
        "markup_dates": sum(len(s["markup_dates"]) for s in sections),
        "markup_date_attributes_more_precise_than_text": more_precise,
        "sections_heading_years_from": dict(
            sorted(Counter(str(s["heading_years_from"]) for s in sections).items())
        ),
        "divs_not_written": dict(sorted(skipped.items())),
        "problems": dict(sorted(Counter(p["kind"] for p in problems).items())),
    }
    header = {"source": SOURCE, "generated_by": "tools/usdos/rdcr.py", "counts": counts}
    document = {"header": header, "articles": articles, "problems": problems}

    lines = [
        (
            f"{len(articles)} articles, {len(sections)} sections ({len(with_heading_date)} with "
            f"a dated heading; by type {counts['sections_by_type']})"
        ),
        (
            f"{len(sentences)} sentences, {len(dated)} dated (day or month with year), "
            f"{counts['sentences_with_day_date']} with a full day, "
            f"{counts['sentences_with_yearless_day_only']} with only yearless days"
        ),
        f"dates by precision: {counts['dates_by_precision']}",
        (
            "dated headings with a prose date in the heading's year: "
            f"{counts['sections_with_heading_date_and_prose_date_in_heading_year']}"
            f" of {len(with_heading_date)}"
        ),
        f"divs not written (no prose, no dated heading): {sum(skipped.values())}",
        f"problems: {len(problems)} {counts['problems']}",
    ]
    lines += [f"  {p['kind']}: {p['country']} {p['section'] or ''} {p['detail']}" for p in problems]
    return document, lines


def main(argv: list[str] | None = None) -> int:
    return run(__doc__.split("\n", 1)[0], build, OUTPUT, argv)


if __name__ == "__main__":
    sys.exit(main())
