"""The US chiefs of mission from the Office of the Historian's POCOM XML, read into records.

Source: Office of the Historian, U.S. Department of State, "Principal Officers and Chiefs of
Mission" (HistoryAtState/pocom; public domain). :func:`read_chiefs` reads the folder that holds
``missions-countries/`` (one file per territory: ``<chiefs>`` who served, interleaved with
``<mission-note>`` paragraphs, and ``<other-nominees>`` who did not serve),
``roles-country-chiefs/`` (the role titles), ``code-tables/`` and ``concurrent-appointments/``.

- **Rank** comes from the role title (:data:`RANKS`; a title not listed is ``"other"``).
- **Dates** are copied as given (``1902``, ``1902-05`` or ``1902-05-27``, never padded); notes
  keep their words with whitespace collapsed.
- **Residence**: a chief listed in a concurrent appointment is ``resident`` when the residence
  territory equals the chief's territory or contemporary territory (one alias:
  ``south-vietnam-1975`` also matches ``state-of-vietnam-1955``); other chiefs have ``None``:
  the data do not say.
- **Names** are derived from the person id (the data hold no person records):
  ``squiers-herbert-goldsmith`` is "Herbert Goldsmith Squiers"; ``person_url`` has the real one.
- **Keys**: an id repeated in the source is keyed ``<id>#2`` at its second occurrence.
- Records are sorted by territory, then started date (appointed when there is none; undated
  last), then id. Anything unexpected is a problem; nothing is dropped.

``tools/usdos/pocom.py`` writes the same reading as ``tools/usdos/pocom_chiefs.json``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

__all__ = ["Chief", "ChiefDate", "ChiefRecords", "MissionNote", "read_chiefs"]

PERSON_URL = "https://history.state.gov/departmenthistory/people/{person_id}"

RANKS: dict[str, str] = {
    "ambassador-e-p": "ambassador",
    "envoy-extraordinary-minister-plenipotentiary": "minister",
    "envoy-extraordinary-minister-plenipotentiary-consul-general": "minister",
    "minister-plenipotentiary": "minister",
    "minister-resident": "minister",
    "minister-resident-and-extraordinary": "minister",
    "minister-resident-consul-general": "minister",
    "minister-resident-foreign-service-officer": "minister",
    "minister": "minister",
    "charge-daffaires": "charge_d_affaires",
    "charge-daffaires-consul-general": "charge_d_affaires",
    "charge-daffaires-ad-interim": "charge_ad_interim",
    "charge-daffaires-pro-tem": "charge_ad_interim",
    "agent": "lower",
    "agent-consul-general": "lower",
    "consul-general": "lower",
    "diplomatic-agent": "lower",
    "diplomatic-agent-consul-general": "lower",
    "commissioner": "other",
    "commissioner-consul-general": "other",
    "personal-representative-of-the-president": "other",
    "representative": "other",
    "chief": "other",
    "chief-of-mission-of-us-office-abroad": "other",
    "director": "other",
    "principal-officer": "other",
    "acting-principal-officer": "other",
    "deputy-ambassador": "other",
}
"""role-title-id -> rank. minister: every minister-level title; charge_d_affaires: chargé en
pied; charge_ad_interim: temporary chargés (ad interim, pro tempore); lower: accredited titles
below chargé (agents, consuls general); other: heads of representation that hold no rank in the
diplomatic hierarchy (commissioners, interests sections, liaison offices, personal
representatives)."""
RANK_ORDER = ("ambassador", "minister", "charge_d_affaires", "charge_ad_interim", "lower", "other")
RESIDENCE_ALIASES: dict[str, tuple[str, ...]] = {"south-vietnam-1975": ("state-of-vietnam-1955",)}
"""resident-at territory -> further chief territory ids that count as the same place."""
EVENTS = ("appointed", "arrived", "started", "ended")
EVENT_CODES = {
    "appointed": "appointed",
    "arrived": "arrived",
    "started": "credentialed",
    "ended": "missionterminated",
}
_CHIEF_CHILDREN = {"id", "person-id", "role-title-id", "contemporary-territory-id", *EVENTS}
_CHIEF_CHILDREN |= {"note", "created-by", "created-date", "last-modified-by"}
_CHIEF_CHILDREN |= {"last-modified-date"}
_EVENT_CHILDREN = {"date", "note"}
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_NAME_SUFFIXES = {"jr": "Jr.", "sr": "Sr.", "ii": "II", "iii": "III", "iv": "IV"}
_NAME_PARTICLES = {"da", "de", "del", "della", "der", "di", "dos", "du", "la", "le", "ten", "van"}
_NAME_PARTICLES |= {"von"}


@attrs.frozen
class ChiefDate:
    """One event of a chief's record: its date as given and its note."""

    date: str | None
    """``"1902"``, ``"1902-05"`` or ``"1902-05-27"`` as given (never padded); None if absent."""
    note: str | None
    """The event's note, whitespace collapsed."""


@attrs.frozen
class Chief:
    """One chief of mission record (served, or another nominee who did not serve)."""

    key: str
    """Unique: the id, or ``<id>#2`` for the second occurrence of a repeated id."""
    id: str
    territory: str
    """The POCOM territory id (the file name), e.g. ``"cuba"``."""
    contemporary_territory: str | None
    served: bool
    """True for a chief listed under ``<chiefs>``; False for another nominee who did not serve."""
    person_id: str
    person_name: str
    """Derived from ``person_id`` (accents and inner capitals are guessed or lost)."""
    person_url: str
    role_title_id: str
    role_title: str
    rank: str
    """``ambassador``, ``minister``, ``charge_d_affaires``, ``charge_ad_interim``, ``lower`` or
    ``other`` (:data:`RANKS`)."""
    appointed: ChiefDate
    arrived: ChiefDate
    started: ChiefDate
    """Credentials presented, or charge assumed."""
    ended: ChiefDate
    note: str | None
    resident: bool | None
    """For a concurrent appointment, whether the chief resided in this territory; None: not said."""
    resides_in: str | None
    """The residence territory id of a concurrent appointment."""
    concurrent_with: tuple[str, ...]
    """The other chief ids of the same concurrent appointment(s)."""


@attrs.frozen
class MissionNote:
    """A paragraph between the chiefs of a mission (a post opened or closed, a remark)."""

    territory: str
    text: str
    after: str | None
    """The key of the chief the note follows; None at the start of the list."""


@attrs.frozen
class ChiefRecords:
    """What :func:`read_chiefs` found: the chiefs, the mission notes and every problem."""

    chiefs: tuple[Chief, ...]
    notes: tuple[MissionNote, ...]
    problems: tuple[str, ...]
    """One line each, ``"<kind>: <file> <id> <detail>"``, sorted by kind, file, id, detail."""


# --- the full reading, everything pocom_chiefs.json shows -----------------------------------------


@attrs.frozen
class _Problem:
    kind: str
    file: str
    id: str | None
    detail: str

    def __str__(self) -> str:
        return " ".join(p for p in (f"{self.kind}:", self.file, self.id, self.detail) if p)


@attrs.frozen
class _Event:
    date: str | None
    precision: str | None
    note: str | None
    attributes: tuple[tuple[str, str], ...] = ()


@attrs.frozen
class _Role:
    title: str | None
    title_plural: str | None
    class_id: str | None
    class_label: str | None
    category: str | None


@attrs.frozen
class _Concurrent:
    id: str
    locale: str | None
    territory: str | None
    others: tuple[str, ...]
    resident: bool


@attrs.frozen
class _Record:
    key: str
    id: str
    section: str
    position: int
    territory: str
    contemporary_territory: str | None
    person_id: str | None
    role_title_id: str
    role: _Role | None
    note: str | None
    events: dict[str, _Event]
    concurrent: tuple[_Concurrent, ...] = ()

    @property
    def resident(self) -> bool | None:
        return any(c.resident for c in self.concurrent) if self.concurrent else None

    @property
    def residence(self) -> tuple[str | None, str | None] | None:
        """(locale, territory) of the residence, the first in order when there are several."""
        places = _places(self.concurrent)
        return places[0] if places else None


def _places(groups: Iterable[_Concurrent]) -> list[tuple[str | None, str | None]]:
    """The distinct (locale, territory) residences of ``groups``, sorted."""
    places = {(c.locale, c.territory) for c in groups}
    return sorted(places, key=lambda p: (p[0] or "", p[1] or ""))


@attrs.frozen
class _Note:
    territory: str
    section: str
    position: int
    text: str | None
    after: _Record | None
    before: _Record | None = None


@attrs.frozen
class _Reading:
    records: tuple[_Record, ...]
    notes: tuple[_Note, ...]
    problems: tuple[_Problem, ...]
    roles: dict[str, _Role]
    event_codes: dict[str, tuple[str | None, str | None]]
    concurrent_files: int


def _parse(path: Path) -> ET.Element:
    try:
        # Local copies of a public-domain government dataset: trusted input.
        return ET.parse(path).getroot()  # noqa: S314
    except ET.ParseError as error:
        error.add_note(f"while reading {path}")
        raise


def _text(element: ET.Element | None) -> str | None:
    """All text inside ``element`` with whitespace collapsed; None when empty."""
    if element is None:
        return None
    return " ".join("".join(element.itertext()).split()) or None


def _precision(value: str) -> str | None:
    """'year', 'month' or 'day' for a well-formed real date, else None."""
    match = _DATE_RE.match(value)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return "day" if day else "month" if month else "year"


def _derive_name(person_id: str) -> str:
    """A readable name from an id such as ``van-buren-martin`` or ``bass-john-r-jr``."""
    parts = [p for p in person_id.split("-") if p]
    suffix = _NAME_SUFFIXES.get(parts[-1]) if len(parts) > 2 else None  # noqa: PLR2004
    if suffix:
        parts = parts[:-1]
    surname = [parts[0]]
    rest = parts[1:]
    while surname[-1] in _NAME_PARTICLES and len(rest) > 1:
        surname.append(rest.pop(0))

    def word(token: str, *, inner: bool) -> str:
        if len(token) == 1:
            return token.upper() + "."
        if inner and token in _NAME_PARTICLES:
            return token
        if token.startswith("mc") and len(token) > 2:  # noqa: PLR2004
            return "Mc" + token[2:].capitalize()
        return token.capitalize()

    given = [word(t, inner=i > 0) for i, t in enumerate(rest)]
    name = " ".join([*given, *(word(t, inner=False) for t in surname)])
    return f"{name}, {suffix}" if suffix else name


class _Reader:
    """One pass over a POCOM folder, collecting problems as it goes."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.problems: list[_Problem] = []
        self.seen: Counter[str] = Counter()
        self.roles_by_id: dict[str, _Role] = {}

    def problem(self, kind: str, path: Path | str, ident: str | None, detail: str) -> None:
        where = path.relative_to(self.directory).as_posix() if isinstance(path, Path) else path
        self.problems.append(_Problem(kind, where, ident, detail))

    def code_table(self, name: str) -> dict[str, tuple[str | None, str | None]]:
        """The code table ``name``: value -> (label, definition)."""
        items = _parse(self.directory / "code-tables" / name).iter("item")
        pairs = ((_text(i.find("value")), i) for i in items)
        return {
            value: (_text(item.find("label")), _text(item.find("definition")))
            for value, item in pairs
            if value
        }

    def roles(self) -> dict[str, _Role]:
        classes = self.code_table("role-class-codes.xml")
        categories = self.code_table("role-category-codes.xml")
        roles: dict[str, _Role] = {}
        for path in sorted((self.directory / "roles-country-chiefs").glob("*.xml")):
            root = _parse(path)
            role_id = _text(root.find("id")) or path.stem
            if role_id != path.stem:
                self.problem("role_id_not_file_name", path, role_id, "id differs")
            role_class = _text(root.find("class"))
            category = _text(root.find("category"))
            for code, table, kind in (
                (role_class, classes, "class"),
                (category, categories, "cat"),
            ):
                if code not in table:
                    self.problem("undecoded_role_code", path, role_id, f"{kind} {code}")
            roles[role_id] = _Role(
                title=_text(root.find("names/singular")),
                title_plural=_text(root.find("names/plural")),
                class_id=role_class,
                class_label=classes.get(role_class or "", (None, None))[0],
                category=categories.get(category or "", (None, None))[0],
            )
            if role_id not in RANKS:
                self.problem("role_without_rank", path, role_id, "rank 'other' used")
        return roles

    def event(self, chief: ET.Element, name: str, path: Path, ident: str) -> _Event:
        element = chief.find(name)
        if element is None:
            self.problem("missing_element", path, ident, name)
            return _Event(None, None, None)
        for child in element:
            if child.tag not in _EVENT_CHILDREN:
                self.problem("unexpected_element", path, ident, f"<{child.tag}> inside <{name}>")
        date_element = element.find("date")
        date = (date_element.text or "").strip() if date_element is not None else ""
        precision = _precision(date) if date else None
        if date and precision is None:
            self.problem("invalid_date", path, ident, f"{name} {date!r}")
        attributes = sorted(date_element.attrib.items()) if date_element is not None else []
        return _Event(date or None, precision, _text(element.find("note")), tuple(attributes))

    def chief(
        self, chief: ET.Element, path: Path, territory: str, section: str, position: int
    ) -> _Record:
        ident = _text(chief.find("id")) or ""
        if not ident:
            self.problem("missing_id", path, None, f"{section} #{position}")
        for child in chief:
            if child.tag not in _CHIEF_CHILDREN:
                self.problem("unexpected_element", path, ident, f"<{child.tag}>")
        person_id = _text(chief.find("person-id"))
        if not person_id:
            self.problem("missing_person_id", path, ident, "")
        role_id = _text(chief.find("role-title-id")) or ""
        role = self.roles_by_id.get(role_id)
        if role is None:
            self.problem("unknown_role_title_id", path, ident, role_id)
        self.seen[ident] += 1
        n = self.seen[ident]
        key = ident if n == 1 else f"{ident}#{n}"
        if n > 1:
            detail = f"occurrence {n} ({section} #{position}) keyed {key}"
            self.problem("duplicate_chief_id", f"missions-countries/{territory}.xml", ident, detail)
        events = {name: self.event(chief, name, path, ident) for name in EVENTS}
        for first, second in (
            ("appointed", "started"),
            ("started", "ended"),
            ("appointed", "ended"),
        ):
            a, b = events[first], events[second]
            if a.date and b.date and a.precision and b.precision:
                size = min(len(a.date), len(b.date))
                if a.date[:size] > b.date[:size]:
                    detail = f"{first} {a.date} after {second} {b.date}"
                    self.problem("dates_out_of_order", path, ident, detail)
        return _Record(
            key=key,
            id=ident,
            section=section,
            position=position,
            territory=territory,
            contemporary_territory=_text(chief.find("contemporary-territory-id")),
            person_id=person_id,
            role_title_id=role_id,
            role=role,
            note=_text(chief.find("note")),
            events=events,
        )

    def mission(self, path: Path, records: list[_Record], notes: list[_Note]) -> None:
        """Append the chiefs and mission notes of one territory's file."""
        root = _parse(path)
        territory = _text(root.find("territory-id")) or path.stem
        if territory != path.stem:
            self.problem("territory_not_file_name", path, territory, path.stem)
        for child in root:
            if child.tag not in {"territory-id", "chiefs", "other-nominees"}:
                self.problem("unexpected_element", path, None, f"<{child.tag}>")
        position = 0
        for section in ("chiefs", "other-nominees"):
            container = root.find(section)
            if container is None:
                self.problem("missing_element", path, None, section)
                continue
            previous: _Record | None = None
            pending: list[int] = []  # notes waiting for the chief they precede
            for child in container:
                position += 1
                if child.tag == "chief":
                    previous = self.chief(child, path, territory, section, position)
                    records.append(previous)
                    for i in pending:
                        notes[i] = attrs.evolve(notes[i], before=previous)
                    pending = []
                elif child.tag == "mission-note":
                    text = _text(child.find("text"))
                    pending.append(len(notes))
                    notes.append(_Note(territory, section, position, text, previous))
                else:
                    position -= 1
                    self.problem("unexpected_element", path, None, f"<{child.tag}>")

    def group(
        self, path: Path, by_id: dict[str, list[_Record]], signatures: dict[tuple[str, ...], str]
    ) -> Iterator[tuple[str, _Concurrent]]:
        """(chief key, appointment) for each chief of one concurrent-appointment file."""
        root = _parse(path)
        group_id = _text(root.find("id")) or path.stem
        person_id = _text(root.find("person-id"))
        locale = _text(root.find("resident-at/locale-id"))
        residence = _text(root.find("resident-at/contemporary-territory-id"))
        chief_ids = [_text(c) or "" for c in root.findall("chief-id")]
        if group_id != path.stem:
            self.problem("id_not_file_name", path, group_id, path.stem)
        signature = tuple(sorted(chief_ids))
        if signature in signatures:
            detail = f"same chief ids as {signatures[signature]}"
            self.problem("duplicate_concurrent_group", path, group_id, detail)
        signatures.setdefault(signature, group_id)
        places = {residence, *RESIDENCE_ALIASES.get(residence or "", ())}
        matched = False
        for chief_id in chief_ids:
            if chief_id not in by_id:
                self.problem("concurrent_chief_missing", path, group_id, chief_id)
            for record in by_id.get(chief_id, []):
                if record.person_id != person_id:
                    detail = f"{chief_id}: {record.person_id} != {person_id}"
                    self.problem("concurrent_person_mismatch", path, group_id, detail)
                resident = bool(places & {record.territory, record.contemporary_territory})
                matched |= resident
                others = tuple(c for c in chief_ids if c != chief_id)
                yield record.key, _Concurrent(group_id, locale, residence, others, resident)
        if not matched:
            detail = f"resident at {locale} ({residence}); chiefs {', '.join(chief_ids)}"
            self.problem("residence_matches_no_chief", path, group_id, detail)

    def concurrent(self, records: list[_Record]) -> tuple[list[_Record], int]:
        """The records with their concurrent appointments, and the number of files read."""
        by_id: dict[str, list[_Record]] = defaultdict(list)
        for record in records:
            by_id[record.id].append(record)
        found: dict[str, list[_Concurrent]] = defaultdict(list)
        signatures: dict[tuple[str, ...], str] = {}
        files = sorted((self.directory / "concurrent-appointments").glob("*.xml"))
        for path in files:
            for key, appointment in self.group(path, by_id, signatures):
                found[key].append(appointment)
        result: list[_Record] = []
        for record in records:
            entries = tuple(sorted(found.get(record.key, []), key=lambda c: c.id))
            result.append(attrs.evolve(record, concurrent=entries))
            where = f"missions-countries/{record.territory}.xml"
            if len(entries) > 1:
                detail = "in " + ", ".join(e.id for e in entries)
                self.problem("chief_in_several_groups", where, record.id, detail)
            if len(_places(entries)) > 1:
                self.problem("several_residences", where, record.id, str(_places(entries)))
        return result, len(files)

    def read(self) -> _Reading:
        if not (self.directory / "missions-countries").is_dir():
            msg = f"{self.directory} holds no missions-countries folder: not a POCOM folder"
            raise FileNotFoundError(msg)
        self.roles_by_id = self.roles()
        event_codes = self.code_table("role-chief-event-codes.xml")
        records: list[_Record] = []
        notes: list[_Note] = []
        for path in sorted((self.directory / "missions-countries").glob("*.xml")):
            self.mission(path, records, notes)
        records, n_files = self.concurrent(records)
        records.sort(key=_sort_key)
        notes.sort(key=lambda n: (n.territory, n.position))
        self.problems.sort(key=lambda p: (p.kind, p.file, p.id or "", p.detail))
        return _Reading(
            tuple(records),
            tuple(notes),
            tuple(self.problems),
            self.roles_by_id,
            event_codes,
            n_files,
        )


def _sort_key(record: _Record) -> tuple[str, bool, str, str, int]:
    date = record.events["started"].date or record.events["appointed"].date or ""
    return (record.territory, not date, date, record.id, record.position)


def _read(directory: str | os.PathLike[str]) -> _Reading:
    """Everything the folder holds, as ``tools/usdos/pocom.py`` writes it."""
    return _Reader(Path(directory)).read()


def _chief(record: _Record) -> Chief:
    dates = {name: ChiefDate(e.date, e.note) for name, e in record.events.items()}
    with_ = dict.fromkeys(other for c in record.concurrent for other in c.others)
    residence = record.residence
    person_id = record.person_id or ""
    return Chief(
        key=record.key,
        id=record.id,
        territory=record.territory,
        contemporary_territory=record.contemporary_territory,
        served=record.section == "chiefs",
        person_id=person_id,
        person_name=_derive_name(person_id) if person_id else "",
        person_url=PERSON_URL.format(person_id=person_id) if person_id else "",
        role_title_id=record.role_title_id,
        role_title=(record.role.title if record.role else None) or "",
        rank=RANKS.get(record.role_title_id, "other"),
        appointed=dates["appointed"],
        arrived=dates["arrived"],
        started=dates["started"],
        ended=dates["ended"],
        note=record.note,
        resident=record.resident,
        resides_in=residence[1] if residence else None,
        concurrent_with=tuple(with_),
    )


def read_chiefs(directory: str | os.PathLike[str]) -> ChiefRecords:
    """Read the POCOM folder ``directory`` (the one holding ``missions-countries/``).

    Raises:
        FileNotFoundError: ``directory`` has no ``missions-countries`` folder, or a file the
            reading needs (a code table) is missing.
        xml.etree.ElementTree.ParseError: a file is not well-formed XML (its path is noted).
    """
    reading = _read(directory)
    return ChiefRecords(
        chiefs=tuple(_chief(r) for r in reading.records),
        notes=tuple(
            MissionNote(n.territory, n.text or "", n.after.key if n.after else None)
            for n in reading.notes
        ),
        problems=tuple(str(p) for p in reading.problems),
    )
