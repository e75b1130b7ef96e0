"""The US Department of State's own records of its relations with every state, as a history.

The Office of the Historian publishes two public-domain (CC0) datasets, read here from their
published XML:

- *A Guide to the United States' History of Recognition, Diplomatic, and Consular Relations,
  by Country, since 1776* (``rdcr/articles/*.xml``): dated acts in prose (recognition,
  establishment of relations, legations raised to embassies, severances, resumptions, interests
  sections...), read by :func:`read_guide`;
- *Principal Officers and Chiefs of Mission* (``pocom/``): every US chief of mission, with the
  role title and the dates of appointment, credentials and departure, read by
  :func:`read_chiefs`.

:func:`read_us_records` turns both into diplorel events: every US chief of mission becomes a
:class:`~diplorel.HeadOfMissionAccredited` (and a :class:`~diplorel.HeadOfMissionDeparted`
where the mission's end is dated), every act of the guide the event it states, each citing its
record (the person's page, the record id and the field; the country's page, the section and
the sentence). Dates keep the precision the records state. Country and territory names map to
the registry by the table ``diplorel/data/us_places.csv``, with the dates each mapping applies
(the ``russia`` records cover the Russian Empire, the Soviet Union and the Russian Federation).
Nothing is dropped silently: what cannot be mapped (non-sovereign territories, organizations),
parsed or placed is in :attr:`UsRecords.log`.

What the records imply is stated, each time cited and logged, never a day they do not give:
relations established by the day of the first act that needs them (``../<day>``) or resumed
between a break and such an act (``<break>/<act>``); relations, chiefs and missions with an
interim or colonial government carried into the state's first day; the embassy or legation a
resident chief of mission heads, from the chief's first day (VCDR art. 14). A presentation of
credentials in the guide never makes a head of mission (the chiefs' records hold every US
chief; the sentence may be about the partner's envoy), nor does a partner's mission the guide
names once (the records do not follow it).

The records cover the United States' side: :attr:`UsRecords.coverage` declares relations and
the US chiefs of mission covered from each partner's first dated act on, and says nothing of
the partner's envoys in Washington (see :class:`~diplorel.Coverage`).

>>> from diplorel.io import usdos
>>> usdos.GUIDE.publisher
'Office of the Historian, U.S. Department of State'
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib.resources import files
from typing import TypeVar
from xml.etree import ElementTree as ET

import attrs
import pendulum

from diplorel._coverage import Coverage, Dimension
from diplorel._dates import FuzzyDate, parse_edtf
from diplorel._events import (
    ConsularRelationsEstablished,
    Event,
    HeadOfMissionAccredited,
    HeadOfMissionDeparted,
    MissionClosed,
    MissionOpened,
    ProtectingPowerAppointed,
    Recognized,
    RelationsEstablished,
    RelationsResumed,
    RelationsSevered,
    RelationsSuspended,
    RepresentationChanged,
    Source,
)
from diplorel._history import History
from diplorel._states import StateRegistry, default_registry
from diplorel._status import Level, MissionKind, Rank
from diplorel.exceptions import DiplorelError, LoadError, UnknownStateError
from diplorel.io import _usdos_chiefs, _usdos_guide
from diplorel.io._usdos_chiefs import Chief, ChiefRecords
from diplorel.io._usdos_guide import ActKind, Guide, GuideAct

__all__ = [
    "CHIEFS",
    "GUIDE",
    "LogEntry",
    "Place",
    "UsRecords",
    "chief_source",
    "places",
    "read_chiefs",
    "read_guide",
    "read_us_records",
    "us_records",
]

US = "USA"

T = TypeVar("T")

GUIDE = Source(
    publisher="Office of the Historian, U.S. Department of State",
    title="A Guide to the United States' History of Recognition, Diplomatic, and Consular "
    "Relations, by Country, since 1776",
    url="https://history.state.gov/countries",
)
"""The citation of the guide (data: github.com/HistoryAtState/rdcr, public domain, CC0)."""

CHIEFS = Source(
    publisher="Office of the Historian, U.S. Department of State",
    title="Principal Officers and Chiefs of Mission",
    url="https://history.state.gov/departmenthistory/people/chiefsofmission",
)
"""The citation of the chiefs of mission (data: github.com/HistoryAtState/pocom, CC0)."""

_RANKS = {
    "ambassador": Rank.AMBASSADOR,
    "minister": Rank.MINISTER,
    "charge_d_affaires": Rank.CHARGE_D_AFFAIRES,
    "charge_ad_interim": Rank.CHARGE_AD_INTERIM,
    "lower": Rank.OTHER,
}
"""A chief's rank (from the role title) as the rank diplorel records; ``other`` is no rank."""

_CLASS_OF_RANK = {
    Rank.AMBASSADOR: Level.AMBASSADOR,
    Rank.MINISTER: Level.MINISTER,
    Rank.CHARGE_D_AFFAIRES: Level.CHARGE_D_AFFAIRES,
}
"""The class a head of this rank is accredited at (a chargé ad interim says nothing of it)."""


_CARRIED = 1830

_OPEN_END = pendulum.Date(9999, 12, 30)
"""The end of a chief's mission the records do not date (see ``covered_spans``)."""

_GOVERNMENT = re.compile(r"\b(Government|Committee|Regime|Provisional|Junta)\b")
"""A recognition heading about a government, not the state (the state's stands)."""

_OF_THE_US = re.compile(r"Recognition of (the Independence of )?the United States")
"""A recognition heading whose subject is the United States: the partner recognises."""

_WITH_MISSION = re.compile(
    r"relations and the (American|U\.S\.|United States) (Legation|Embassy)", re.IGNORECASE
)
"""A sentence that establishes (or reestablishes) relations and the US mission together."""

_BROKEN_OFF = re.compile(r"sever|broke|interrupt|suspend|ruptur", re.IGNORECASE)
"""A chief's end note saying the mission ended with a break of relations."""

_YEAR_RANGE = re.compile(r"\d{4}/\d{4}")
"""A date that is only a range of years: from a heading such as "Interruption, 1917-1922"."""
"""Days before a partner's independence within which the guide's relations are carried in."""

_MISSION_OF_RANK = {
    Rank.AMBASSADOR: MissionKind.EMBASSY,
    Rank.MINISTER: MissionKind.LEGATION,
    Rank.CHARGE_D_AFFAIRES: MissionKind.LEGATION,
}
"""The mission a resident head of this rank heads (a chargé a.i. implies none)."""

_ORDER: dict[type, int] = {
    Recognized: 0,
    RelationsEstablished: 1,
    RelationsResumed: 1,
    RepresentationChanged: 2,
    MissionOpened: 3,
    HeadOfMissionAccredited: 4,
}
"""Acts of one day in the order they take effect (relations before missions before envoys)."""


@attrs.frozen
class Place:
    """One row of the table that maps the records' country and territory ids to the registry.

    ``kind`` is ``state`` (mapped to ``code`` from ``since`` to ``until``, open when None),
    ``territory`` (not sovereign: logged, not imported), ``organization`` or ``other``.
    """

    dataset: str
    id: str
    code: str | None
    since: FuzzyDate | None
    until: FuzzyDate | None
    kind: str
    note: str

    def applies(self, on: FuzzyDate) -> bool:
        """True when the mapping applies on (every day of) ``on``."""
        if self.code is None:
            return False
        first, last = on.stated
        if self.since is not None and first < self.since.stated[0]:
            return False
        return self.until is None or last <= self.until.stated[1]


@cache
def places() -> tuple[Place, ...]:
    """The shipped table of places (``diplorel/data/us_places.csv``)."""
    text = files("diplorel").joinpath("data/us_places.csv").read_text(encoding="utf-8")
    return tuple(
        Place(
            dataset=row["dataset"],
            id=row["id"],
            code=row["code"] or None,
            since=parse_edtf(row["from"]) if row["from"] else None,
            until=parse_edtf(row["to"]) if row["to"] else None,
            kind=row["kind"],
            note=row["note"],
        )
        for row in csv.DictReader(io.StringIO(text))
    )


@attrs.frozen
class LogEntry:
    """A record not imported, or imported with a remark: never dropped silently."""

    dataset: str
    """``pocom`` (chiefs of mission) or ``rdcr`` (the guide)."""
    record: str
    """The record: a chief's key or ``country/section``."""
    what: str
    """The kind of entry (``territory``, ``no start date``, ``not a rank``, ``skipped``...)."""
    why: str
    """In words."""


@attrs.frozen
class UsRecords:
    """The events, coverage and build log read from the Office of the Historian's records."""

    events: tuple[Event, ...]
    coverage: tuple[Coverage, ...]
    log: tuple[LogEntry, ...]

    def history(self, *, strict: bool = False, registry: StateRegistry | None = None) -> History:
        """A history of the events and coverage (lenient by default: see ``anomalies``)."""
        return History(self.events, strict=strict, coverage=self.coverage, registry=registry)


def _read(
    read: Callable[[str | os.PathLike[str]], T], path: str | os.PathLike[str], what: str
) -> T:
    """``read(path)``, with every failure to read a :class:`~diplorel.LoadError` naming it."""
    try:
        return read(path)
    except (OSError, ET.ParseError, UnicodeDecodeError) as e:
        raise LoadError(os.fspath(path), [f"cannot read the {what}: {e}"]) from None


def read_chiefs(directory: str | os.PathLike[str]) -> ChiefRecords:
    """Every US chief of mission in the ``pocom`` folder (its ``missions-countries/`` etc.).

    A folder or file that cannot be read, or XML that does not parse, is a
    :class:`~diplorel.LoadError` naming it; what parses but is unexpected is listed in
    ``ChiefRecords.problems``.
    """
    records = _read(_usdos_chiefs.read_chiefs, directory, "chiefs of mission")
    if not records.chiefs:
        raise LoadError(
            os.fspath(directory), ["no chief of mission found: is it the pocom folder?"]
        )
    return records


def read_guide(directory: str | os.PathLike[str]) -> Guide:
    """The dated acts of the guide's articles in the ``rdcr`` folder (or its ``articles/``).

    Failures as for :func:`read_chiefs`; what is not an act is in ``Guide.skipped``.
    """
    guide = _read(_usdos_guide.read_guide, directory, "guide to relations")
    if not guide.acts:
        raise LoadError(os.fspath(directory), ["no dated act found: is it the rdcr folder?"])
    return guide


def read_us_records(
    pocom: str | os.PathLike[str],
    rdcr: str | os.PathLike[str],
    *,
    registry: StateRegistry | None = None,
) -> UsRecords:
    """Read both datasets (the ``pocom`` folder and the ``rdcr`` folder) into events."""
    return us_records(read_chiefs(pocom), read_guide(rdcr), registry=registry)


def us_records(
    chiefs: ChiefRecords, guide: Guide, *, registry: StateRegistry | None = None
) -> UsRecords:
    """The events of records already read (see :func:`read_chiefs`, :func:`read_guide`)."""
    return _Builder(registry or default_registry(), chiefs, guide).build()


def chief_source(chief: Chief, field: str) -> Source:
    """The citation of a chief's record: the person's page, the record id and the field.

    ``field`` is ``started`` (took up the post) or ``ended`` (mission ended).
    """
    event = chief.started if field == "started" else chief.ended
    label = {"started": "took up the post", "ended": "mission ended"}[field]
    note = f" ({event.note})" if event.note else ""
    return Source(
        publisher=CHIEFS.publisher,
        title=f"{CHIEFS.title}: {chief.person_name}, {chief.role_title}",
        url=chief.person_url,
        excerpt=f"{chief.role_title}; {label}: {event.date}{note}. "
        f"Record {chief.id}, field {field}.",
    )


def _days(first: pendulum.Date, last: pendulum.Date) -> FuzzyDate:
    """The days from ``first`` to ``last`` (one day when they are the same)."""
    if first == last:
        return FuzzyDate.day(first)
    return FuzzyDate.between(FuzzyDate.day(first), FuzzyDate.day(last))


def _date(text: str) -> FuzzyDate | None:
    try:
        return parse_edtf(text)
    except DiplorelError:
        return None


class _Builder:
    def __init__(self, registry: StateRegistry, chiefs: ChiefRecords, guide: Guide) -> None:
        self.registry = registry
        self.chiefs = chiefs
        self.guide = guide
        self.log: list[LogEntry] = []
        self.by_id: dict[tuple[str, str], list[Place]] = {}
        for p in places():
            self.by_id.setdefault((p.dataset, p.id), []).append(p)
        # the US chiefs by partner: (start, rank, key), for the class of relations
        self.heads: dict[str, list[tuple[FuzzyDate, Rank, Chief]]] = {}
        # every chief who served, whatever the title, by partner: to recognise the guide's
        # presentations of credentials the chiefs' records already hold
        self.starts: dict[str, list[tuple[FuzzyDate, Chief]]] = {}
        # chiefs whose mission ended with a break ("Hungary severed diplomatic relations
        # with the United States on"), by partner: the day of a break the guide dates by year
        self.broken_off: dict[str, list[tuple[FuzzyDate, Chief]]] = {}
        # the spans of chiefs listed without a start date, by partner
        self.undated: dict[str, list[tuple[pendulum.Date, pendulum.Date]]] = {}

    # places ---------------------------------------------------------------------------------

    def place(self, dataset: str, key: str, record: str, on: FuzzyDate) -> str | None:
        """The registry code of ``key`` on ``on``, or None (and a log entry)."""
        rows = self.by_id.get((dataset, key))
        if not rows:
            self.note(dataset, record, "unmapped", f"{key!r} is not in the table of places")
            return None
        code = self.code_on(dataset, key, on)
        if code is not None:
            return code
        kinds = sorted({p.kind for p in rows if p.code is None})
        if kinds:
            why = "; ".join(p.note for p in rows if p.code is None) or kinds[0]
            self.note(dataset, record, kinds[0], f"{key}: {why}")
        else:
            self.note(dataset, record, "outside", f"{key} is mapped to no state on {on}")
        return None

    def code_on(self, dataset: str, key: str, on: FuzzyDate) -> str | None:
        """The registry code of ``key`` on ``on``, or None (nothing logged)."""
        return next((p.code for p in self.by_id.get((dataset, key), []) if p.applies(on)), None)

    def note(self, dataset: str, record: str, what: str, why: str) -> None:
        self.log.append(LogEntry(dataset, record, what, why))

    # chiefs of mission ----------------------------------------------------------------------

    def chief_events(self) -> Iterator[Event]:
        for chief in self.chiefs.chiefs:
            if not chief.served:
                why = f"{chief.role_title}: other nominee"
                self.note("pocom", chief.key, "did not serve", why)
                continue
            yield from self._chief(chief)

    def _chief(self, chief: Chief) -> Iterator[Event]:
        record = chief.key
        started = _date(chief.started.date) if chief.started.date else None
        if started is not None:
            code = self.code_on("pocom", chief.territory, started)
            if code is not None:
                self.starts.setdefault(code, []).append((started, chief))
        rank = _RANKS.get(chief.rank)
        if rank is None:
            self.note("pocom", record, "not a rank", f"{chief.role_title} is no diplomatic rank")
            self._undated(chief)  # not imported: who was there is not said
            return
        if started is None:
            self.note("pocom", record, "no start date", "the records date no start")
            self._undated(chief)
            return
        placed = self._chief_place(chief, started)
        if placed is None:
            return
        partner, started = placed
        resides_in = None
        if chief.resident is False and chief.resides_in is not None:
            resides_in = self._residence(chief, started)
        yield HeadOfMissionAccredited(
            between=(US, partner),
            on=started,
            sender=US,
            rank=rank,
            name=chief.person_name,
            resident=chief.resident is not False,
            resides_in=resides_in if resides_in not in (US, partner) else None,
            sources=(chief_source(chief, "started"),),
        )
        self.heads.setdefault(partner, []).append((started, rank, chief))
        yield from self._departure(chief, partner)

    def _departure(self, chief: Chief, partner: str) -> Iterator[Event]:
        """The end of a chief's mission, where the records date it."""
        ended = _date(chief.ended.date) if chief.ended.date else None
        if ended is None:
            return
        left = self._lineage_on(partner, ended)
        if left is None:
            self.note("pocom", chief.key, "end after the state", f"{partner} ended first")
            return
        if chief.ended.note and _BROKEN_OFF.search(chief.ended.note):
            self.broken_off.setdefault(left, []).append((ended, chief))
        yield HeadOfMissionDeparted(
            between=(US, left),
            on=ended,
            sender=US,
            name=chief.person_name,
            sources=(chief_source(chief, "ended"),),
        )

    def _chief_place(self, chief: Chief, started: FuzzyDate) -> tuple[str, FuzzyDate] | None:
        """The partner a chief was accredited to, and the day (carried into independence)."""
        carried = self._carried_chief(chief, started)
        if carried is not None:
            return carried
        found = self.place("pocom", chief.territory, chief.key, started)
        return None if found is None else (found, started)

    def _carried_chief(self, chief: Chief, started: FuzzyDate) -> tuple[str, FuzzyDate] | None:
        """A chief accredited before the partner's independence and at post on its first day.

        As relations with an interim government are (``_carried``): the chief is at post
        from the state's first day, within ``_CARRIED`` days. Logged.
        """
        rows = self.by_id.get(("pocom", chief.territory), [])
        if any(p.applies(started) for p in rows):
            return None
        ended = _date(chief.ended.date) if chief.ended.date else None
        for p in rows:
            begins = p.since.stated[0] if p.since is not None else None
            if p.code is None or begins is None or begins < started.stated[1]:
                continue
            if (begins - started.stated[1]).days > _CARRIED:
                continue
            if ended is not None and ended.stated[1] < begins:
                continue
            self.note("pocom", chief.key, "carried", f"at post at independence ({begins})")
            return p.code, FuzzyDate.day(begins)
        return None

    def _undated(self, chief: Chief) -> None:
        """Note the span of a chief not imported: presence there is not covered.

        A chief without a start date, or with a title that is no diplomatic rank (a
        commissioner, a chief of a liaison office): from the start (else the appointment) to
        the end of the mission (else the records' horizon).
        """
        dates = [_date(d.date) for d in (chief.appointed, chief.arrived, chief.started) if d.date]
        ended = _date(chief.ended.date) if chief.ended.date else None
        first = min((d.stated[0] for d in dates if d is not None), default=None)
        last = ended.stated[1] if ended is not None else None
        on = first or last
        if on is None:
            return  # no date at all: logged above
        code = self.code_on("pocom", chief.territory, FuzzyDate.day(on))
        if code is not None:
            end = last or _OPEN_END
            self.undated.setdefault(code, []).append((first or on, max(end, first or on)))

    def _lineage_on(self, code: str, on: FuzzyDate) -> str | None:
        """``code``, or the state that continues it, as it existed on ``on`` (None: ended)."""
        day = on.stated[1]
        state = self.registry.get(code)
        while not state.exists_on(day):
            if state.continued_by is None or state.ends_on is None or day < state.ends_on:
                return None
            state = self.registry.get(state.continued_by)
        return state.code

    def _residence(self, chief: Chief, on: FuzzyDate) -> str | None:
        return self.code_on("pocom", chief.resides_in or "", on)

    # the guide ------------------------------------------------------------------------------

    def guide_events(self) -> Iterator[Event]:
        for skip in self.guide.skipped:
            self.note("rdcr", f"{skip.country}/{skip.section}", "skipped", skip.why)
        for act in self.guide.acts:
            yield from self._guide_events(act)

    def _guide_events(self, act: GuideAct) -> Iterator[Event]:
        record = f"{act.country}/{act.section}"
        on = _date(act.on)
        if on is None:
            self.note("rdcr", record, "no date", f"{act.on!r} is not a date")
            return
        partner = self.place("rdcr", act.country, record, on)
        if partner is None:
            return
        make = _MAKERS.get(act.kind)
        if make is None:
            self.note("rdcr", record, "not imported", f"{act.kind.value}: {act.heading}")
            return
        yield from make(self, _Act(act, record, on, partner, (self._guide_source(act),)))

    def _recognized(self, a: _Act) -> Iterator[Event]:
        heading = a.act.heading
        if _GOVERNMENT.search(heading):
            self.note("rdcr", a.record, "a government", f"not the state's recognition: {heading}")
            return
        by = "partner" if _OF_THE_US.search(heading) else a.act.by
        if by != "partner":
            yield Recognized(by=US, of=a.partner, on=a.on, sources=a.cite)
        if by != "us":
            yield Recognized(by=a.partner, of=US, on=a.on, sources=a.cite)

    def _consent(self, a: _Act) -> Iterator[Event]:
        cls = (
            RelationsEstablished
            if a.act.kind is ActKind.RELATIONS_ESTABLISHED
            else RelationsResumed
        )
        level = self._class(a.act, a.partner, a.on)
        yield cls(between=a.between, on=a.on, level=level, sources=a.cite)
        found = _WITH_MISSION.search(a.act.excerpt)
        if found:  # "Diplomatic relations and the American Legation in Helsinki were ..."
            kind = MissionKind.EMBASSY if found[2].lower() == "embassy" else MissionKind.LEGATION
            yield MissionOpened(between=a.between, on=a.on, sender=US, kind=kind, sources=a.cite)

    def _consular(self, a: _Act) -> Iterator[Event]:
        yield ConsularRelationsEstablished(between=a.between, on=a.on, sources=a.cite)

    def _break(self, a: _Act) -> Iterator[Event]:
        on = a.on
        if _YEAR_RANGE.fullmatch(a.act.on):
            # "Interruption of Relations, 1917-1922": the break lasted, it began in 1917
            on = parse_edtf(a.act.on.split("/")[0])
            self.note("rdcr", a.record, "range", f"{a.act.on} is how long: dated {on}")
        by = {"us": US, "partner": a.partner}.get(a.act.by or "")
        cite = a.cite
        dated = self._break_day(a, on)
        if dated is not None:
            day, chief = dated
            on = day
            cite = (*cite, chief_source(chief, "ended"))
            if by is None:
                by = _breaker(chief.ended.note or "", a.partner)
        cls = RelationsSevered if a.act.kind is ActKind.RELATIONS_SEVERED else RelationsSuspended
        yield cls(between=a.between, on=on, by=by, sources=cite)

    def _break_day(self, a: _Act, on: FuzzyDate) -> tuple[FuzzyDate, Chief] | None:
        """The day a break dated only to a year took place, from the chief it ended.

        The guide often dates a break by its heading's year; the chiefs' records end the US
        mission that day with a note ("Hungary severed diplomatic relations with the United
        States on"). Only one such end within the year is taken; logged.
        """
        first, last = on.stated
        if (last - first).days < 364:  # noqa: PLR2004 - a year or more
            return None
        ends = [
            (d, c) for d, c in self.broken_off.get(a.partner, []) if first <= d.stated[0] <= last
        ]
        if len(ends) != 1:
            return None
        self.note("rdcr", a.record, "dated by a chief", f"{on} -> {ends[0][0]} ({ends[0][1].key})")
        return ends[0]

    def _credentials(self, a: _Act) -> Iterator[Event]:
        """A presentation of credentials: logged, the chiefs' records hold the heads.

        The chiefs' records list every US chief of mission with the day each took up the
        post; the guide's sentence dates the establishment (its own act) and is sometimes
        about the partner's envoy in Washington without saying so (Korea, 1949). A head is
        never taken from it.
        """
        first, last = a.on.stated
        for started, chief in self.starts.get(a.partner, []):
            if started.stated[0] <= last and first <= started.stated[1]:
                self.note("rdcr", a.record, "same as a chief", f"credentials: record {chief.key}")
                return
        who = a.act.envoy or "an envoy the sentence does not name"
        self.note("rdcr", a.record, "credentials", f"{who}: no chief of mission that day")
        yield from ()

    def _partner_mission(self, a: _Act) -> bool:
        """Whether the act is about the partner's mission (logged, not imported).

        The records follow the US missions, not the partners': a partner's legation opened
        once and never followed would stand for ever, and make its side look recorded.
        """
        if a.sender != a.partner:
            return False
        self.note("rdcr", a.record, "partner's mission", "the records do not follow it")
        return True

    def _opened(self, a: _Act) -> Iterator[Event]:
        sender = a.sender
        if sender is None:
            self.note("rdcr", a.record, "no sender", "whose mission opened is not stated")
            return
        if self._partner_mission(a):
            return
        kind = {
            ActKind.EMBASSY_OPENED: MissionKind.EMBASSY,
            ActKind.LEGATION_OPENED: MissionKind.LEGATION,
        }.get(a.act.kind) or self._kind(a.partner, a.on)
        yield MissionOpened(between=a.between, on=a.on, sender=sender, kind=kind, sources=a.cite)
        if a.act.kind is ActKind.EMBASSY_OPENED:
            yield RepresentationChanged(
                between=a.between, on=a.on, sender=sender, level=Level.AMBASSADOR, sources=a.cite
            )

    def _closed(self, a: _Act) -> Iterator[Event]:
        if a.sender is None:
            self.note("rdcr", a.record, "no sender", "whose mission closed is not stated")
            return
        if self._partner_mission(a):
            return
        kind = self._kind(a.partner, a.on)
        yield MissionClosed(between=a.between, on=a.on, sender=a.sender, kind=kind, sources=a.cite)

    def _interests(self, a: _Act) -> Iterator[Event]:
        if self._partner_mission(a):
            return
        power = self._power(a.act, a.record)
        if a.sender is None or power is None:
            self.note("rdcr", a.record, "incomplete", "interests section: sender or power unknown")
            return
        yield MissionOpened(
            between=a.between,
            on=a.on,
            sender=a.sender,
            kind=MissionKind.INTERESTS_SECTION,
            protecting_power=power,
            sources=a.cite,
        )

    def _protection(self, a: _Act) -> Iterator[Event]:
        power = self._power(a.act, a.record)
        if a.sender is None or power is None:
            self.note("rdcr", a.record, "incomplete", "protecting power: protected state unknown")
            return
        yield ProtectingPowerAppointed(
            between=a.between, on=a.on, protected=a.sender, power=power, sources=a.cite
        )

    def _class(self, act: GuideAct, partner: str, on: FuzzyDate) -> Level:
        """The class relations are established at: the envoy's, else the next US chief's."""
        rank = _RANKS.get(act.rank or "")
        if rank is None:
            later = sorted(
                (s.stated[0], r)
                for s, r, _ in self.heads.get(partner, [])
                if s.stated[0] >= on.stated[0] and r in _CLASS_OF_RANK
            )
            rank = later[0][1] if later else None
        if rank not in _CLASS_OF_RANK:
            record = f"{act.country}/{act.section}"
            self.note("rdcr", record, "class not stated", "no US envoy dated: ambassador assumed")
            return Level.AMBASSADOR
        return _CLASS_OF_RANK[rank]

    def _kind(self, partner: str, on: FuzzyDate) -> MissionKind:
        """An embassy once an ambassador has been accredited, else a legation."""
        before = [r for s, r, _ in self.heads.get(partner, []) if s.stated[1] <= on.stated[1]]
        return MissionKind.EMBASSY if Rank.AMBASSADOR in before else MissionKind.LEGATION

    def _power(self, act: GuideAct, record: str) -> str | None:
        if act.power is None:
            return None
        try:
            return self.registry.resolve(act.power)
        except UnknownStateError:
            self.note("rdcr", record, "unknown power", f"{act.power!r} is no state")
            return None

    @staticmethod
    def _guide_source(act: GuideAct) -> Source:
        return Source(
            publisher=GUIDE.publisher,
            title=f"{GUIDE.title}: {act.country}, section {act.section!r} ({act.heading})",
            url=act.url,
            excerpt=act.excerpt,
        )

    # coverage -------------------------------------------------------------------------------

    def coverage(self, events: Iterable[Event]) -> list[Coverage]:
        """Relations from each partner's first dated act; the US chiefs to the records' end.

        The chiefs' records list every US chief of mission since 1778: where none is
        recorded, the United States had none at the partner (for as long as both existed),
        for every state of the registry, including those the records never name; except
        after the last day they speak of (:meth:`horizon`) and while a chief they list
        without a start date served (:meth:`covered_spans`).
        """
        first: dict[str, FuzzyDate] = {}
        for e in events:
            partner = _partner(e)
            if partner is None:
                continue
            if partner not in first or e.on.stated[1] < first[partner].stated[1]:
                first[partner] = e.on
        out = [
            Coverage(
                state=US,
                partner=partner,
                dimensions=(Dimension.RELATIONS,),
                since=since,
                sources=(GUIDE,),
            )
            for partner, since in sorted(first.items())
        ]
        horizon = self.horizon()
        for state in sorted(self.registry, key=lambda s: s.code):
            if state.code == US:
                continue
            for since, until in self.covered_spans(state.code, horizon):
                out.append(
                    Coverage(
                        state=US,
                        partner=state.code,
                        dimensions=(Dimension.PRESENCE,),
                        sender=US,
                        since=since,
                        until=until,
                        sources=(CHIEFS,),
                    )
                )
        return out

    def horizon(self) -> FuzzyDate:
        """The last day the chiefs' records speak of: after it, they say nothing."""
        days = [
            d.date
            for c in self.chiefs.chiefs
            for d in (c.appointed, c.arrived, c.started, c.ended)
            if d.date
        ]
        return FuzzyDate.day(max(x.stated[1] for x in map(_date, days) if x is not None))

    def covered_spans(
        self, partner: str, horizon: FuzzyDate
    ) -> list[tuple[FuzzyDate | None, FuzzyDate]]:
        """The spans in which the records list every US chief at ``partner``.

        Up to the records' horizon, less the time of each chief not imported (see
        ``_undated``): who was at post then is not known to the day, or not as a rank.
        """
        final = horizon.stated[1]
        starts = sorted(d.stated[0] for d, _ in self.starts.get(partner, []))

        def end_of(first: pendulum.Date, last: pendulum.Date) -> pendulum.Date:
            if last < _OPEN_END:
                return min(last, final)
            # no end recorded: up to the next chief the records date, else the horizon
            later = [d for d in starts if d > first]
            return min(later[0].subtract(days=1), final) if later else final

        gaps = sorted((first, end_of(first, last)) for first, last in self.undated.get(partner, []))
        out: list[tuple[FuzzyDate | None, FuzzyDate]] = []
        since: pendulum.Date | None = None  # the first day of the next covered span
        for first, last in gaps:
            if first > final:
                break
            if since is None or first > since:
                out.append(
                    (FuzzyDate.day(since) if since else None, FuzzyDate.day(first.subtract(days=1)))
                )
            after = last.add(days=1)
            since = after if since is None else max(since, after)
        if since is None or since <= final:
            out.append((FuzzyDate.day(since) if since else None, horizon))
        return out

    def settle(self, events: list[Event]) -> list[Event]:
        """Per dyad, in date order: what the records imply, stated; what they repeat, dropped.

        - an embassy's opening does not change the class again when relations were already
          agreed at ambassador level (the class comes from the first US envoy);
        - relations the guide dates before the partner's independence (with an interim or
          colonial government, within ``_CARRIED`` days) are carried into its first day;
        - where the first act needing relations (a chief's credentials, a mission) comes
          before any act establishing them, relations existed by then: an establishment
          dated ``../<that day>`` (at some time up to it), citing the record that implies it;
        - likewise after a break the guide records, the first such act wholly after it with
          no resumption stated before it implies one between the break and that act
          (``<break>/<act>``); an act within the break's own span is left to the rules.
        """
        by_partner: dict[str, list[Event]] = {}
        for e in events:
            by_partner.setdefault(_partner(e) or "", []).append(e)
        out: list[Event] = []
        for partner, evs in sorted(by_partner.items()):
            evs.sort(key=lambda e: (e.on.stated[0], _ORDER.get(type(e), 9)))
            out += _Walk(self, partner, evs).events()
        return out

    def _resumed(
        self, e: Event, partner: str, broken: Event, agreed: Level | None
    ) -> RelationsResumed:
        rank = getattr(e, "rank", None)
        level = _CLASS_OF_RANK.get(rank) if rank else None
        level = level or agreed or Level.AMBASSADOR
        after = broken.on.stated[0].add(days=1)
        until = e.on.stated[1]
        self.note("implied", f"{partner} {e.on}", "resumption implied", type(e).__name__)
        return RelationsResumed(
            between=(US, partner),
            on=_days(min(after, until), until),
            level=level,
            sources=e.sources,
        )

    def _narrowed(self, e: Event, consents: list[pendulum.Date]) -> Event:
        """An act dated to a month or year in which relations began on a stated day: from it.

        Neither a head of mission nor a mission comes before the relations it needs (the
        curation's rule for the same records).
        """
        first, last = e.on.stated
        inside = [c for c in consents if first < c <= last]
        if not inside:
            return e
        return attrs.evolve(e, on=_days(max(inside), last))

    def _carried(self, e: Event, partner: str) -> Event:
        """An act with an interim or colonial government, carried into the first day."""
        begins = self.registry.get(partner).begins_on
        first = e.on.stated[0]
        if begins is None or first >= begins or (begins - first).days > _CARRIED:
            return e
        self.note("rdcr", f"{partner} {e.on}", "carried", f"dated at independence ({begins})")
        return attrs.evolve(e, on=FuzzyDate.day(begins))

    def _implied(self, e: Event, partner: str) -> RelationsEstablished | None:
        if not partner or (
            self.registry.get(partner).begins_on is not None
            and (
                e.on.stated[0] <= self.registry.get(partner).begins_on  # type: ignore[operator]
            )
        ):
            return None
        rank = getattr(e, "rank", None)
        level = _CLASS_OF_RANK.get(rank, Level.AMBASSADOR) if rank else Level.AMBASSADOR
        self.note("implied", f"{partner} {e.on}", "relations implied", type(e).__name__)
        return RelationsEstablished(
            between=(US, partner),
            on=parse_edtf(f"../{str(e.on).split('/')[-1]}"),
            level=level,
            sources=e.sources,
        )

    def build(self) -> UsRecords:
        for problem in self.chiefs.problems:
            self.note("pocom", problem.split(":")[0], "problem in the records", problem)
        for problem in self.guide.problems:
            self.note("rdcr", problem.split(":")[0], "problem in the records", problem)
        chiefs = list(self.chief_events())
        guide = list(self.guide_events())
        events = _with_uids(self.settle(chiefs + guide))
        return UsRecords(
            events=tuple(events),
            coverage=tuple(self.coverage(events)),
            log=tuple(self.log),
        )


def _with_uids(events: Iterable[Event]) -> list[Event]:
    """Each event with a stable id a later correction can name: dyad, tag and date.

    ``usdos:CUB-USA:relations_severed:1961-01-03``; a second event with the same three gets
    ``#2`` (the records are read in a fixed order, so the ids never change between builds).
    """
    seen: Counter[str] = Counter()
    out = []
    for e in events:
        base = f"usdos:{'-'.join(e.parties)}:{e.TAG}:{e.on}"
        seen[base] += 1
        n = seen[base]
        out.append(attrs.evolve(e, uid=base if n == 1 else f"{base}#{n}"))
    return out


def _breaker(note: str, partner: str) -> str | None:
    """Who broke relations, from a chief's end note: the United States, the partner, or None."""
    if re.match(r"(The )?(United States|U\.S\.)", note):
        return US
    if re.search(r"severed|broke", note, re.IGNORECASE):
        return partner  # "Hungary severed diplomatic relations with the United States"
    return None


def _partner(event: Event) -> str | None:
    if isinstance(event, Recognized):
        return event.of if event.by == US else event.by
    parties: tuple[str, str] | None = getattr(event, "between", None)
    if parties is None:
        return None
    a, b = parties
    return b if a == US else a


def _needs_relations(e: Event) -> bool:
    """A head of mission, an embassy or legation, a class: acts that need relations."""
    if isinstance(e, MissionOpened):
        return e.kind in {MissionKind.EMBASSY, MissionKind.LEGATION}
    return isinstance(e, HeadOfMissionAccredited | RepresentationChanged)


class _Walk:
    """One dyad's events in date order, with what the records imply (see ``settle``)."""

    def __init__(self, builder: _Builder, partner: str, events: list[Event]) -> None:
        self.builder = builder
        self.partner = partner
        self.evs = events
        self.consents = [
            e.on.stated[0] for e in events if isinstance(e, RelationsEstablished | RelationsResumed)
        ]
        self.agreed: Level | None = None
        self.established = False
        self.broken: Event | None = None
        self.mission: MissionKind | None = None  # the US embassy or legation open, as far as known

    def events(self) -> list[Event]:
        out: list[Event] = []
        for e in self.evs:
            if isinstance(e, MissionClosed) and e.sender == US:
                self.mission = None
                out.append(e)
            elif isinstance(e, RelationsSevered | RelationsSuspended):
                self.broken, self.mission = e, None  # a break closes embassies and legations
                out.append(e)
            elif isinstance(e, RelationsEstablished | RelationsResumed):
                self.agreed, self.established, self.broken = e.level, True, None
                out.append(self.builder._carried(e, self.partner))  # noqa: SLF001
            elif isinstance(e, RepresentationChanged) and self.agreed is e.level:
                continue  # the class agreed already
            elif isinstance(e, Recognized):
                out.append(self.builder._carried(e, self.partner))  # noqa: SLF001
            elif _needs_relations(e):
                out += self._needing_relations(e)
            else:
                out.append(e)
        return out

    def _needing_relations(self, event: Event) -> list[Event]:
        """An act that needs relations, after the establishment or resumption it implies."""
        b = self.builder
        e = b._narrowed(b._carried(event, self.partner), self.consents)  # noqa: SLF001
        if isinstance(e, RepresentationChanged):
            self.agreed = e.level
        ahead = [c for c in self.consents if c <= e.on.stated[1]]
        out: list[Event] = []
        broken = self.broken
        if not self.established and not ahead:
            implied = b._implied(e, self.partner)  # noqa: SLF001
            if implied is not None:
                out.append(implied)
                self.agreed, self.established = implied.level, True
        elif (
            broken is not None
            and broken.on.stated[1] < e.on.stated[0]
            and not [c for c in ahead if c > broken.on.stated[0]]
        ):
            resumed = b._resumed(e, self.partner, broken, self.agreed)  # noqa: SLF001
            out.append(resumed)
            self.agreed, self.broken = resumed.level, None
        if isinstance(e, MissionOpened) and e.sender == US:
            if self.mission is e.kind:  # stated twice (relations and the legation, then again)
                self.builder.note("rdcr", f"{self.partner} {e.on}", "already open", e.kind.value)
                return out
            self.mission = e.kind
        elif isinstance(e, HeadOfMissionAccredited):
            out += self._mission_of(e)
        return [*out, e]

    def _mission_of(self, head: HeadOfMissionAccredited) -> list[Event]:
        """The mission a resident US head of mission heads, where none is recorded open.

        A resident ambassador heads an embassy, a resident minister or chargé d'affaires en
        pied a legation (VCDR art. 14): opened on the head's first day, citing the chief's
        record, unless one of that class (or an embassy) is already open. Logged.
        """
        kind = _MISSION_OF_RANK.get(head.rank) if head.rank else None
        if kind is None or not head.resident or self.mission in {kind, MissionKind.EMBASSY}:
            return []
        self.mission = kind
        self.builder.note(
            "implied", f"{self.partner} {head.on}", "mission implied", f"{kind.value}: {head.name}"
        )
        cite = tuple(
            attrs.evolve(
                src, excerpt=f"A resident chief of mission heads a {kind.value}: {src.excerpt}"
            )
            for src in head.sources
        )
        return [MissionOpened(between=head.between, on=head.on, sender=US, kind=kind, sources=cite)]


@attrs.frozen
class _Act:
    """An act of the guide with what its events need: its record, date, partner, citation."""

    act: GuideAct
    record: str
    on: FuzzyDate
    partner: str
    cite: tuple[Source, ...]

    @property
    def between(self) -> tuple[str, str]:
        return (US, self.partner)

    @property
    def sender(self) -> str | None:
        return {"us": US, "partner": self.partner}.get(self.act.sender or "")


_MAKERS: dict[ActKind, Callable[[_Builder, _Act], Iterator[Event]]] = {
    ActKind.RECOGNITION: _Builder._recognized,  # noqa: SLF001 - the builder's own steps
    ActKind.RELATIONS_ESTABLISHED: _Builder._consent,  # noqa: SLF001
    ActKind.RELATIONS_RESUMED: _Builder._consent,  # noqa: SLF001
    ActKind.CONSULAR_RELATIONS_ESTABLISHED: _Builder._consular,  # noqa: SLF001
    ActKind.RELATIONS_SEVERED: _Builder._break,  # noqa: SLF001
    ActKind.RELATIONS_SUSPENDED: _Builder._break,  # noqa: SLF001
    ActKind.CREDENTIALS_PRESENTED: _Builder._credentials,  # noqa: SLF001
    ActKind.LEGATION_OPENED: _Builder._opened,  # noqa: SLF001
    ActKind.EMBASSY_OPENED: _Builder._opened,  # noqa: SLF001
    ActKind.MISSION_REOPENED: _Builder._opened,  # noqa: SLF001
    ActKind.MISSION_CLOSED: _Builder._closed,  # noqa: SLF001
    ActKind.INTERESTS_SECTION_OPENED: _Builder._interests,  # noqa: SLF001
    ActKind.PROTECTING_POWER: _Builder._protection,  # noqa: SLF001
}
"""How each kind of act of the guide becomes events (state ended: logged only)."""
