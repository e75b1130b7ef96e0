"""Wikidata "diplomatic relation" (P530) statements: a history of dated starts and ends.

:func:`read_p530` reads either of the two JSON shapes Wikidata serves:

1. **Entity JSON**, as ``Special:EntityData/Q241.json`` or ``wbgetentities`` return it
   (``{"entities": {"Q241": {"claims": {"P530": [...]}}}}``), one or several entities per file.
   Each entity's code is its ISO 3166-1 alpha-3 code (P298), else its ISO 3166-3 code (P773);
   a partner's comes from its own entity in the same file, else from ``iso_codes``.
2. **SPARQL results** (``format=json``) of this query on the Wikidata Query Service; the
   reader needs these variable names (``?rank`` and ``?statement`` may be left out)::

    SELECT ?country ?countryIso ?partner ?partnerIso ?statement ?rank
           ?start ?startPrecision ?end ?endPrecision WHERE {
      ?country p:P530 ?statement .
      ?statement ps:P530 ?partner ; wikibase:rank ?rank .
      OPTIONAL { ?country wdt:P298 ?countryA3 }  OPTIONAL { ?country wdt:P773 ?countryA4 }
      BIND(COALESCE(?countryA3, ?countryA4) AS ?countryIso)
      OPTIONAL { ?partner wdt:P298 ?partnerA3 }  OPTIONAL { ?partner wdt:P773 ?partnerA4 }
      BIND(COALESCE(?partnerA3, ?partnerA4) AS ?partnerIso)
      OPTIONAL { ?statement psv:P580 [ wikibase:timeValue ?start ;
                                       wikibase:timePrecision ?startPrecision ] }
      OPTIONAL { ?statement psv:P582 [ wikibase:timeValue ?end ;
                                       wikibase:timePrecision ?endPrecision ] }
    }

**Events.** A start time (P580) becomes :class:`~diplorel.RelationsEstablished` with
``level=Level.UNKNOWN`` (Wikidata does not say at which class) and consular relations with it
(VCCR art. 2(2)); an end time (P582) becomes :class:`~diplorel.RelationsSevered` with
``by=None`` (Wikidata does not say who broke) and consular relations left alone (VCCR art. 2(3)).
Statements without either qualifier say nothing datable and give no event. Each event cites
``Source(publisher="Wikidata", title="Q241 P530 Q884", url=".../wiki/Q241")``. The same relation is
usually stated on both entities: equal events (same kind, pair and date) are merged into one that
cites every statement. Deprecated statements and ``novalue`` snaks are skipped.

**Dates** keep Wikidata's precision: 11 (day, and finer) is a day, 10 a month, 9 a year
(``+1949-00-00T00:00:00Z`` is 1949, never 1 January 1949), 8 the decade (1950/1959), 7 the
century and 6 the millennium as Wikidata shows them (20th century: 1901/2000); coarser values are
problems. Julian-calendar values in entity JSON are converted to the Gregorian calendar at day
precision (the Query Service has already done so).

**Codes** must be codes of the registry: an alias such as ``ROK`` is reported, not taken, since a
value that is not an ISO code is an error in the data. ISO 3166-3 four-letter codes map to the
withdrawn alpha-3 code (``SUHH`` -> ``SUN``, see :data:`ISO_3166_3`).

Every problem (malformed JSON, missing or unknown codes, bad time values) is collected and raised
at the end as one :class:`~diplorel.LoadError`, each with its JSON path. The history is lenient by
default: Wikidata's contradictions are in :attr:`History.anomalies <diplorel.History.anomalies>`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import attrs

from diplorel._dates import FuzzyDate
from diplorel._events import DyadEvent, RelationsEstablished, RelationsSevered, Source
from diplorel._history import History
from diplorel._states import StateRegistry, default_registry
from diplorel._status import Level
from diplorel.exceptions import DiplorelError, LoadError

__all__ = ["ISO_3166_3", "JULIAN", "p530_events", "read_p530", "time_value_to_date"]

JULIAN = "http://www.wikidata.org/entity/Q1985786"
"""The calendar model URI of the proleptic Julian calendar."""
GREGORIAN = "http://www.wikidata.org/entity/Q1985727"

ISO_3166_3 = {"CSHH": "CSK", "CSXX": "SCG", "DDDE": "DDR", "SUHH": "SUN", "VDVN": "VDR"}
ISO_3166_3 |= {"YDYE": "YMD", "YUCS": "YUG"}
"""ISO 3166-3 four-letter codes (Wikidata P773) of the withdrawn states the registry knows."""

_ENTITY = "http://www.wikidata.org/entity/"
_QID = re.compile(r"Q[1-9]\d*")
_TIME = re.compile(r"([+-]?)(\d{1,16})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}Z")
_DAY, _MONTH, _YEAR, _DECADE, _MILLENNIUM = 11, 10, 9, 8, 6
_VARS = ("country", "countryIso", "partner", "partnerIso", "start", "startPrecision", "end")
_Dated = tuple[tuple[FuzzyDate, str], ...]  # dates, each with its JSON path
_Statement = tuple[str, str, str, _Dated, _Dated]  # subject, partner, JSON path, starts, ends


class _Problem(Exception):  # noqa: N818 - internal signal, always turned into a message
    pass


def time_value_to_date(time: str, precision: int, *, calendar: str = GREGORIAN) -> FuzzyDate:
    """The :class:`~diplorel.FuzzyDate` of a Wikidata time value at its precision.

    Raises ``ValueError`` for a value that cannot date an act.

    >>> time_value_to_date("+1949-00-00T00:00:00Z", 9)
    FuzzyDate('1949')
    >>> time_value_to_date("1955-01-01T00:00:00Z", 8)  # the decade
    FuzzyDate('1950/1959')
    >>> time_value_to_date("+1950-00-00T00:00:00Z", 7)  # the century, as Wikidata shows it
    FuzzyDate('1901/2000')
    >>> time_value_to_date("+1917-11-07T00:00:00Z", 11, calendar=JULIAN)
    FuzzyDate('1917-11-20')
    """
    m = _TIME.fullmatch(time.strip()) if isinstance(time, str) else None
    if m is None:
        raise ValueError(f"expected a time such as +1949-00-00T00:00:00Z, got {time!r}")
    sign, year, month, day = m[1], int(m[2]), int(m[3]), int(m[4])
    if sign == "-" or year == 0:
        raise ValueError(f"year {sign}{year} is before the common era")
    try:
        if precision >= _DAY:
            return FuzzyDate.day(
                _julian(year, month, day) if calendar == JULIAN else dt.date(year, month, day)
            )
        if precision == _MONTH:
            return FuzzyDate.month(year, month)
        if precision == _YEAR:
            return FuzzyDate.year(year)
        if precision == _DECADE:
            first = year - year % 10
            return FuzzyDate.between(FuzzyDate.year(max(first, 1)), FuzzyDate.year(first + 9))
        if precision >= _MILLENNIUM:  # Wikidata's 20th century is 1901-2000
            span = 10 ** (9 - precision)
            first = (year - 1) // span * span + 1
            return FuzzyDate.between(FuzzyDate.year(first), FuzzyDate.year(first + span - 1))
    except ValueError as e:  # InvalidDateError is a ValueError
        raise ValueError(f"{time!r} at precision {precision}: {e}") from None
    raise ValueError(f"precision {precision} is coarser than a millennium")


def _julian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a Julian one, through the Julian day number."""
    leap_day = month == 2 and day == 29 and year % 4 == 0  # noqa: PLR2004 - every 4th year
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2001, month)[1] + leap_day:  # noqa: PLR2004
        raise ValueError(f"no day {year}-{month:02d}-{day:02d} in the Julian calendar")
    a = (14 - month) // 12
    y, m = year + 4800 - a, month + 12 * a - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return dt.date.fromordinal(jdn - 1721425)


class _Reader:
    """Turns either document shape into statements, collecting every problem on the way."""

    def __init__(self, registry: StateRegistry, iso_codes: Mapping[str, str]) -> None:
        self.registry = registry
        self.iso_codes = iso_codes
        self.problems: list[str] = []
        self.codes: dict[str, str] = {}  # QID -> the code the document gives

    def problem(self, message: str, path: str) -> None:
        if (text := f"{message} @ {path}") not in self.problems:
            self.problems.append(text)

    def code(self, qid: str, path: str) -> str | None:
        """The registry code of ``qid`` (``iso_codes`` first, then the file); None: a problem."""
        value = (self.iso_codes.get(qid) or self.codes.get(qid) or "").strip()
        if not value:
            self.problem(
                f"{qid} has no ISO 3166-1 alpha-3 (P298) or ISO 3166-3 (P773) code; "
                f"give one in iso_codes={{{qid!r}: ...}}",
                path,
            )
            return None
        text = ISO_3166_3.get(value.upper(), value.upper())
        if text not in self.registry or self.registry.get(text).code != text:
            hint = ", ".join(self.registry.suggest(text)[:3])
            hint = f" (did you mean {hint}?)" if hint else ""
            self.problem(f"{qid}: unknown ISO code {value!r}{hint}", path)
            return None
        return text

    def events(self, statements: list[_Statement]) -> list[DyadEvent]:
        """One event per kind, pair and date, citing every statement that gives it."""
        merged: dict[tuple[str, tuple[str, str], FuzzyDate], DyadEvent] = {}
        for subject_qid, partner_qid, path, starts, ends in statements:
            if not starts and not ends:  # undated: nothing to put on a timeline
                continue
            subject, partner = self.code(subject_qid, path), self.code(partner_qid, path)
            if subject is None or partner is None:
                continue
            cite = Source(
                publisher="Wikidata",
                title=f"{subject_qid} P530 {partner_qid}",
                url=f"https://www.wikidata.org/wiki/{subject_qid}",
            )
            for start, dates in ((True, starts), (False, ends)):
                for on, where in dates:
                    try:
                        event = _event(start, (subject, partner), on, cite)
                    except (DiplorelError, ValueError) as e:
                        self.problem(str(e), where)
                        continue
                    known = merged.setdefault(key := (event.TAG, event.between, on), event)
                    if cite not in known.sources:
                        merged[key] = attrs.evolve(known, sources=(*known.sources, cite))
        return sorted(merged.values(), key=lambda e: (*e.on.sort_key(), e.ORDER, e.between))

    def entities(self, entities: object) -> Iterator[_Statement]:
        if not isinstance(entities, dict) or not entities:
            self.problem("expected an object of entities by QID", "$.entities")
            return
        claims_of: dict[str, dict[str, object]] = {}
        for qid, entity in entities.items():
            claims = entity.get("claims") if isinstance(entity, dict) else None
            if not _QID.fullmatch(qid) or not isinstance(claims, dict):
                self.problem("expected an item with claims", f"$.entities.{qid}")
                continue
            claims_of[qid] = claims
            code = _best(claims.get("P298")) or _best(claims.get("P773"))
            if isinstance(code, str):
                self.codes[qid] = code
        for qid, claims in claims_of.items():
            statements, base = claims.get("P530", []), f"$.entities.{qid}.claims.P530"
            if not isinstance(statements, list):
                self.problem("expected a list of statements", base)
                continue
            for i, statement in enumerate(statements):
                try:
                    partner = _partner(statement)
                except _Problem as e:
                    self.problem(str(e), f"{base}[{i}]")
                    continue
                if partner is not None:
                    starts, ends = (self.times(statement, p, f"{base}[{i}]") for p in _QUALIFIERS)
                    yield qid, partner, f"{base}[{i}]", starts, ends

    def times(self, statement: dict[str, object], prop: str, path: str) -> _Dated:
        qualifiers = statement.get("qualifiers", {})
        snaks = qualifiers.get(prop, []) if isinstance(qualifiers, dict) else None
        if not isinstance(snaks, list):
            self.problem(f"expected a list of {prop} snaks", f"{path}.qualifiers")
            return ()
        out = []
        for i, snak in enumerate(snaks):
            try:
                if (value := _snak_value(snak)) is not None:
                    out.append((_time(value), f"{path}.qualifiers.{prop}[{i}]"))
            except _Problem as e:
                self.problem(str(e), f"{path}.qualifiers.{prop}[{i}]")
        return tuple(out)

    def sparql(self, document: dict[str, object]) -> Iterator[_Statement]:
        head, results = document.get("head"), document.get("results")
        names = head.get("vars") if isinstance(head, dict) else None
        if missing := [
            v for v in (*_VARS, "endPrecision") if not isinstance(names, list) or v not in names
        ]:
            self.problem(f"missing variable(s) {', '.join('?' + v for v in missing)}", "$.head")
            return
        rows = results.get("bindings") if isinstance(results, dict) else None
        if not isinstance(rows, list):
            self.problem("expected a list of bindings", "$.results.bindings")
            return
        for i, row in enumerate(rows):
            if not isinstance(row, dict):
                self.problem("expected an object of bindings", f"$.results.bindings[{i}]")
            elif not _term(row, "rank").endswith("#DeprecatedRank"):
                yield from self.row(row, f"$.results.bindings[{i}]")

    def row(self, row: dict[str, object], path: str) -> Iterator[_Statement]:
        qids = {var: _term(row, var).removeprefix(_ENTITY) for var in ("country", "partner")}
        for var, qid in qids.items():
            if not _QID.fullmatch(qid):
                self.problem(f"expected a Wikidata item, got {_term(row, var)!r}", f"{path}.{var}")
            elif iso := _term(row, f"{var}Iso"):
                self.codes.setdefault(qid, iso)
        dates: dict[str, _Dated] = {"start": (), "end": ()}
        for var in dates:
            time, precision = _term(row, var), _term(row, f"{var}Precision")
            if not time and not precision:  # unbound: the statement has no such qualifier
                continue
            try:
                when = _date(time, int(precision) if precision.isdigit() else precision)
                dates[var] = ((when, f"{path}.{var}"),)
            except _Problem as e:
                self.problem(str(e), f"{path}.{var}")
        if all(_QID.fullmatch(q) for q in qids.values()):
            yield qids["country"], qids["partner"], path, dates["start"], dates["end"]


_QUALIFIERS = ("P580", "P582")


def _term(row: dict[str, object], var: str) -> str:
    binding = row.get(var)
    value = binding.get("value") if isinstance(binding, dict) else None
    return value if isinstance(value, str) else ""


def _snak_value(snak: object) -> object:
    """The datavalue of a snak; None for ``novalue``; a problem for ``somevalue`` or junk."""
    if not isinstance(snak, dict):
        raise _Problem("expected a snak object")
    kind = snak.get("snaktype", "value")
    if kind == "novalue":
        return None
    if kind == "somevalue":
        raise _Problem("unknown value (somevalue) cannot be used")
    datavalue = snak.get("datavalue")
    if not isinstance(datavalue, dict) or "value" not in datavalue:
        raise _Problem("expected a datavalue with a value")
    return datavalue["value"]


def _partner(statement: object) -> str | None:
    """The partner QID of a P530 statement; None if deprecated or ``novalue``."""
    if not isinstance(statement, dict):
        raise _Problem("expected a statement object")
    if statement.get("rank") == "deprecated":
        return None
    value = _snak_value(statement.get("mainsnak"))
    qid = value.get("id") if isinstance(value, dict) else None
    if value is not None and (not isinstance(qid, str) or not _QID.fullmatch(qid)):
        raise _Problem(f"expected an item as the partner, got {value!r}")
    return qid


def _time(value: object) -> FuzzyDate:
    if not isinstance(value, dict):
        raise _Problem(f"expected a time value, got {value!r}")
    calendar = value.get("calendarmodel", GREGORIAN)
    if calendar not in {GREGORIAN, JULIAN}:
        raise _Problem(f"unknown calendar model {calendar!r}")
    return _date(value.get("time"), value.get("precision"), str(calendar))


def _date(time: object, precision: object, calendar: str = GREGORIAN) -> FuzzyDate:
    if not isinstance(time, str) or not isinstance(precision, int):
        raise _Problem(f"expected a time and an integer precision, got {time!r}, {precision!r}")
    try:
        return time_value_to_date(time, precision, calendar=calendar)
    except ValueError as e:
        raise _Problem(str(e)) from None


def _best(statements: object) -> object:
    """The value of the best-ranked, non-deprecated statement in a list, if any."""
    if not isinstance(statements, list):
        return None
    order = {"preferred": 0, "normal": 1}
    ranked = [s for s in statements if isinstance(s, dict) and s.get("rank", "normal") in order]
    for s in sorted(ranked, key=lambda s: order[s.get("rank", "normal")]):
        try:
            return _snak_value(s.get("mainsnak"))
        except _Problem:
            continue
    return None


def _event(start: bool, between: tuple[str, str], on: FuzzyDate, cite: Source) -> DyadEvent:
    if start:
        return RelationsEstablished(between=between, on=on, level=Level.UNKNOWN, sources=[cite])
    return RelationsSevered(between=between, on=on, sources=[cite])


def p530_events(
    document: object,
    *,
    registry: StateRegistry | None = None,
    iso_codes: Mapping[str, str] | None = None,
    source: str = "<document>",
) -> list[DyadEvent]:
    """The events of a parsed Wikidata document (entity JSON or SPARQL results), in time order.

    Raises :class:`~diplorel.LoadError` naming ``source`` and listing every problem.
    """
    reader = _Reader(registry or default_registry(), iso_codes or {})
    statements: list[_Statement] = []
    if isinstance(document, dict) and "entities" in document:
        statements = list(reader.entities(document["entities"]))
    elif isinstance(document, dict) and "results" in document:
        statements = list(reader.sparql(document))
    else:
        reader.problem("expected Wikidata entity JSON or SPARQL results JSON", "$")
    events = reader.events(statements)
    if reader.problems:
        raise LoadError(source, reader.problems)
    return events


def read_p530(
    path: str | os.PathLike[str],
    *,
    registry: StateRegistry | None = None,
    iso_codes: Mapping[str, str] | None = None,
    strict: bool = False,
) -> History:
    """Build a history from a Wikidata P530 file (entity JSON or SPARQL results).

    ``iso_codes`` maps QIDs to ISO alpha-3 codes, for partners the file has no code for (and to
    correct the file's). ``strict=True`` raises on the first event the rules refuse, instead of
    recording it in :attr:`History.anomalies <diplorel.History.anomalies>`.
    """
    p = Path(path)
    try:
        document = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise LoadError(str(p), [f"cannot read the file: {e}"]) from None
    except json.JSONDecodeError as e:
        raise LoadError(str(p), [f"malformed JSON: {e.msg} @ line {e.lineno}"]) from None
    reg = registry or default_registry()
    events = p530_events(document, registry=reg, iso_codes=iso_codes, source=str(p))
    return History(events, registry=reg, strict=strict)
