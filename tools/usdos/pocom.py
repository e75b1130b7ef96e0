"""Read the Office of the Historian's chiefs of mission (POCOM) into one JSON file.

Source: Office of the Historian, U.S. Department of State, "Principal Officers and Chiefs of
Mission", history.state.gov; data repository HistoryAtState/pocom, commit 44d2226df6b2. A work of
the US government, public domain, CC0 1.0 waiver worldwide (``data/pocom/LICENSE.md``).

Reads only the copy in ``tools/usdos/data/pocom/`` (never ``../shared``):

- ``missions-countries/*.xml`` (199 files, one per territory): ``<chiefs>`` holds the chiefs of
  mission who served, interleaved with ``<mission-note>`` paragraphs (embassy opened/closed,
  "non-resident Ambassador" remarks); ``<other-nominees>`` holds people who were appointed or
  nominated but did not serve (declined, not confirmed, did not proceed or present credentials).
  Both are written, told apart by ``section``.
- ``roles-country-chiefs/*.xml``: one file per ``role-title-id`` with its singular and plural
  title, its ``class`` (always ``chief``) and ``category`` (always ``country``). This, not the
  code tables, decodes ``role_title``; nothing in it concerns residence or concurrency.
- ``code-tables/role-class-codes.xml`` and ``role-category-codes.xml`` decode ``class`` and
  ``category`` (``chief`` -> "Chief", ``country`` -> "Country"); ``role-chief-event-codes.xml``
  names the four events (``started`` is "Credentialed", ``ended`` is "Mission Terminated"); its
  labels and definitions are copied into the header.
- ``concurrent-appointments/*.xml`` (333 files): one file per concurrent accreditation: a
  ``person-id``, ``resident-at`` (a ``locale-id`` such as ``bucharest`` or ``london_uk`` and a
  ``contemporary-territory-id``) and two or more ``chief-id`` (the chief records the person held
  at the same time, e.g. Minister to Romania, Serbia and Bulgaria resident at Bucharest). A chief
  listed there gets ``concurrent`` (one entry per file: its id, the residence, the other chief
  ids), ``resides_in`` and ``resident``: true when the residence territory equals the chief's
  territory or contemporary territory (one documented alias: ``south-vietnam-1975`` also matches
  ``state-of-vietnam-1955``, Saigon being the seat of both), false otherwise (a non-resident,
  concurrent accreditation). Chiefs in no such file have ``resident`` null: the data do not say
  (most of them were resident). The files list 877 chief ids (875 distinct); 12 are chiefs to
  international organizations in Vienna (``iaea-...``, ``unvo-...``), not in this data: reported.
  The groups also include other nominees (a concurrent commission that was never taken up).
- Chief notes sometimes state residence ("Served at the court of Sweden and Norway; resident at
  Stockholm"): the phrase is copied to ``residence_in_note``, not interpreted.

Persons: the data hold no person records (the upstream repository keeps them in ``people/``,
which is not in this copy). ``person_name`` is therefore derived from ``person-id``
(``squiers-herbert-goldsmith`` -> "Herbert Goldsmith Squiers"; ``bass-john-r`` -> "John R.
Bass"; ``-jr`` -> ", Jr."; a leading de/la/van/von... joins the surname) and flagged by
``person_name_derived``. Accents, apostrophes and inner capitals (O'Brien, McNeal) are lost or
guessed; use ``person_url`` for the real name.

Dates are copied exactly as given (``1902``, ``1902-05`` or ``1902-05-27``, never padded) with
their ``precision``; notes keep their words with whitespace collapsed. Records are sorted by
territory, then started date (appointed date when there is none; undated last), then id. Three
chief ids occur twice in the source; the second occurrence gets ``key`` ``<id>#2`` (``key`` is
unique, ``id`` is as given).

Anything unexpected (duplicate ids, unknown elements, invalid dates, dates out of order, missing
chief ids in concurrent appointments, residences matching none of their chiefs) is listed under
``problems``; nothing is dropped.

Usage (from the repository root)::

    .venv/bin/python tools/usdos/pocom.py            # write tools/usdos/pocom_chiefs.json
    .venv/bin/python tools/usdos/pocom.py --check    # exit 1 if the JSON is out of date
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from _generated import run

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "pocom"
OUTPUT = HERE / "pocom_chiefs.json"

SOURCE = {
    "title": "Principal Officers and Chiefs of Mission",
    "publisher": "Office of the Historian, U.S. Department of State",
    "url": "https://history.state.gov/departmenthistory/people/chiefsofmission",
    "repository": "https://github.com/HistoryAtState/pocom",
    "data_commit": "44d2226df6b2",
    "license": "Public domain (work of the US government); CC0 1.0 Universal waiver worldwide",
    "citation": 'Office of the Historian, U.S. Department of State, "Principal Officers and Chiefs '
    'of Mission", history.state.gov.',
    "files_read": [
        "pocom/missions-countries/*.xml",
        "pocom/roles-country-chiefs/*.xml",
        "pocom/concurrent-appointments/*.xml",
        "pocom/code-tables/role-class-codes.xml",
        "pocom/code-tables/role-category-codes.xml",
        "pocom/code-tables/role-chief-event-codes.xml",
    ],
}
MISSION_URL = "https://history.state.gov/departmenthistory/people/chiefsofmission/{territory}"
PERSON_URL = "https://history.state.gov/departmenthistory/people/{person_id}"

# --- role-title-id -> rank -----------------------------------------------------------------------
# minister: every minister-level title. charge_d_affaires: chargé en pied (commissioned with that
# title). charge_ad_interim: temporary chargés (ad interim; pro tempore, accredited by letter of
# credence only, Austria 1921 and Finland 1920). lower: accredited diplomatic or consular titles
# below chargé (agents, diplomatic agents, consuls general: Egypt, Morocco, Bulgaria...). other:
# heads of representation that are not a rank in the diplomatic hierarchy (commissioners,
# interests-section principal officers, liaison-office chiefs and directors, representatives, the
# President's personal representatives to the Holy See).
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
RANK_ORDER = ("ambassador", "minister", "charge_d_affaires", "charge_ad_interim", "lower", "other")

# resident-at territory -> further chief territory ids that count as the same place.
RESIDENCE_ALIASES: dict[str, tuple[str, ...]] = {"south-vietnam-1975": ("state-of-vietnam-1955",)}

EVENTS = ("appointed", "arrived", "started", "ended")
EVENT_CODES = {
    "appointed": "appointed",
    "arrived": "arrived",
    "started": "credentialed",
    "ended": "missionterminated",
}
CHIEF_CHILDREN = {
    "id",
    "person-id",
    "role-title-id",
    "contemporary-territory-id",
    *EVENTS,
    "note",
    "created-by",
    "created-date",
    "last-modified-by",
    "last-modified-date",
}
EVENT_CHILDREN = {"date", "note"}
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
RESIDENCE_RE = re.compile(r"[Rr]esident at ([A-Z][^.;,]*)")

NAME_SUFFIXES = {"jr": "Jr.", "sr": "Sr.", "ii": "II", "iii": "III", "iv": "IV"}
NAME_PARTICLES = {"da", "de", "del", "della", "der", "di", "dos", "du", "la", "le", "ten", "van"}
NAME_PARTICLES |= {"von"}


def parse(path: Path) -> ET.Element:
    # Local copies of a public-domain government dataset: trusted input.
    return ET.parse(path).getroot()  # noqa: S314


def text(element: ET.Element | None) -> str | None:
    """All text inside ``element`` with whitespace collapsed; None when empty."""
    if element is None:
        return None
    value = " ".join("".join(element.itertext()).split())
    return value or None


def date_precision(value: str) -> str | None:
    """'year', 'month' or 'day' for a well-formed real date, else None."""
    match = DATE_RE.match(value)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return "day" if day else "month" if month else "year"


def derive_name(person_id: str) -> str:
    """A readable name from an id such as ``van-buren-martin`` or ``bass-john-r-jr``."""
    parts = [p for p in person_id.split("-") if p]
    suffix = NAME_SUFFIXES.get(parts[-1]) if len(parts) > 2 else None  # noqa: PLR2004
    if suffix:
        parts = parts[:-1]
    surname = [parts[0]]
    rest = parts[1:]
    while surname[-1] in NAME_PARTICLES and len(rest) > 1:
        surname.append(rest.pop(0))

    def word(token: str, *, inner: bool) -> str:
        if len(token) == 1:
            return token.upper() + "."
        if inner and token in NAME_PARTICLES:
            return token
        if token.startswith("mc") and len(token) > 2:  # noqa: PLR2004
            return "Mc" + token[2:].capitalize()
        return token.capitalize()

    given = [word(t, inner=i > 0) for i, t in enumerate(rest)]
    family = " ".join(word(t, inner=False) for t in surname)
    name = " ".join([*given, family])
    return f"{name}, {suffix}" if suffix else name


def load_code_table(path: Path) -> dict[str, dict[str, str | None]]:
    table: dict[str, dict[str, str | None]] = {}
    for item in parse(path).iter("item"):
        value = text(item.find("value"))
        if value:
            table[value] = {
                "label": text(item.find("label")),
                "definition": text(item.find("definition")),
            }
    return table


def load_roles(problems: list[dict[str, Any]]) -> dict[str, dict[str, str | None]]:
    classes = load_code_table(DATA / "code-tables" / "role-class-codes.xml")
    categories = load_code_table(DATA / "code-tables" / "role-category-codes.xml")
    roles: dict[str, dict[str, str | None]] = {}
    for path in sorted((DATA / "roles-country-chiefs").glob("*.xml")):
        root = parse(path)
        role_id = text(root.find("id")) or path.stem
        if role_id != path.stem:
            problems.append(problem("role_id_not_file_name", path, role_id, "id differs"))
        role_class = text(root.find("class"))
        category = text(root.find("category"))
        for code, table, kind in ((role_class, classes, "class"), (category, categories, "cat")):
            if code not in table:
                problems.append(problem("undecoded_role_code", path, role_id, f"{kind} {code}"))
        roles[role_id] = {
            "title": text(root.find("names/singular")),
            "title_plural": text(root.find("names/plural")),
            "class_id": role_class,
            "class": (classes.get(role_class or "") or {}).get("label"),
            "category": (categories.get(category or "") or {}).get("label"),
        }
        if role_id not in RANKS:
            problems.append(problem("role_without_rank", path, role_id, "rank 'other' used"))
    return roles


def problem(kind: str, path: Path | str, ident: str | None, detail: str) -> dict[str, Any]:
    where = path.relative_to(DATA).as_posix() if isinstance(path, Path) else path
    return {"kind": kind, "file": where, "id": ident, "detail": detail}


def read_event(
    chief: ET.Element, name: str, path: Path, ident: str, problems: list[dict[str, Any]]
) -> dict[str, Any]:
    element = chief.find(name)
    if element is None:
        problems.append(problem("missing_element", path, ident, name))
        return {"date": None, "note": None, "precision": None}
    problems.extend(
        problem("unexpected_element", path, ident, f"<{child.tag}> inside <{name}>")
        for child in element
        if child.tag not in EVENT_CHILDREN
    )
    date_element = element.find("date")
    date = (date_element.text or "").strip() if date_element is not None else ""
    precision = date_precision(date) if date else None
    if date and precision is None:
        problems.append(problem("invalid_date", path, ident, f"{name} {date!r}"))
    event: dict[str, Any] = {
        "date": date or None,
        "precision": precision,
        "note": text(element.find("note")),
    }
    if date_element is not None and date_element.attrib:
        event["date_attributes"] = dict(sorted(date_element.attrib.items()))
    return event


def check_order(record: dict[str, Any], path: Path, problems: list[dict[str, Any]]) -> None:
    """Report appointed > started or started > ended (compared at the shared precision)."""
    pairs = (("appointed", "started"), ("started", "ended"), ("appointed", "ended"))
    for first, second in pairs:
        a, b = record[first]["date"], record[second]["date"]
        if a and b and record[first]["precision"] and record[second]["precision"]:
            size = min(len(a), len(b))
            if a[:size] > b[:size]:
                detail = f"{first} {a} after {second} {b}"
                problems.append(problem("dates_out_of_order", path, record["id"], detail))


def read_chief(
    chief: ET.Element,
    *,
    path: Path,
    territory: str,
    section: str,
    position: int,
    roles: dict[str, dict[str, str | None]],
    problems: list[dict[str, Any]],
) -> dict[str, Any]:
    ident = text(chief.find("id")) or ""
    if not ident:
        problems.append(problem("missing_id", path, None, f"{section} #{position}"))
    problems.extend(
        problem("unexpected_element", path, ident, f"<{child.tag}>")
        for child in chief
        if child.tag not in CHIEF_CHILDREN
    )
    person_id = text(chief.find("person-id"))
    role_id = text(chief.find("role-title-id")) or ""
    role = roles.get(role_id)
    if role is None:
        problems.append(problem("unknown_role_title_id", path, ident, role_id))
        role = {}
    note = text(chief.find("note"))
    residence = RESIDENCE_RE.search(note or "")
    record: dict[str, Any] = {
        "id": ident,
        "section": section,
        "position": position,
        "territory": territory,
        "contemporary_territory": text(chief.find("contemporary-territory-id")),
        "person_id": person_id,
        "person_name": derive_name(person_id) if person_id else None,
        "person_name_derived": bool(person_id),
        "person_url": PERSON_URL.format(person_id=person_id) if person_id else None,
        "mission_url": MISSION_URL.format(territory=territory),
        "role_title_id": role_id,
        "role_title": role.get("title"),
        "role_class": role.get("class"),
        "role_category": role.get("category"),
        "rank": RANKS.get(role_id, "other"),
        "note": note,
        "residence_in_note": residence.group(1).strip() if residence else None,
        "concurrent": [],
        "resident": None,
        "resides_in": None,
    }
    if not person_id:
        problems.append(problem("missing_person_id", path, ident, ""))
    for name in EVENTS:
        record[name] = read_event(chief, name, path, ident, problems)
    check_order(record, path, problems)
    return record


def read_missions(
    roles: dict[str, dict[str, str | None]], problems: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    records: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for path in sorted((DATA / "missions-countries").glob("*.xml")):
        root = parse(path)
        territory = text(root.find("territory-id")) or path.stem
        if territory != path.stem:
            problems.append(problem("territory_not_file_name", path, territory, path.stem))
        position = 0
        for section in ("chiefs", "other-nominees"):
            container = root.find(section)
            if container is None:
                problems.append(problem("missing_element", path, None, section))
                continue
            previous: str | None = None
            pending: list[dict[str, Any]] = []
            for child in container:
                if child.tag == "chief":
                    position += 1
                    record = read_chief(
                        child,
                        path=path,
                        territory=territory,
                        section=section,
                        position=position,
                        roles=roles,
                        problems=problems,
                    )
                    records.append(record)
                    for mission_note in pending:
                        mission_note["before_chief"] = record["id"]
                    pending = []
                    previous = record["id"]
                elif child.tag == "mission-note":
                    position += 1
                    mission_note = {
                        "territory": territory,
                        "section": section,
                        "position": position,
                        "text": text(child.find("text")),
                        "after_chief": previous,
                        "before_chief": None,
                    }
                    notes.append(mission_note)
                    pending.append(mission_note)
                else:
                    problems.append(problem("unexpected_element", path, None, f"<{child.tag}>"))
        problems.extend(
            problem("unexpected_element", path, None, f"<{child.tag}>")
            for child in root
            if child.tag not in {"territory-id", "chiefs", "other-nominees"}
        )
    return records, notes


def assign_keys(records: list[dict[str, Any]], problems: list[dict[str, Any]]) -> None:
    seen: Counter[str] = Counter()
    for record in records:
        seen[record["id"]] += 1
        n = seen[record["id"]]
        record["key"] = record["id"] if n == 1 else f"{record['id']}#{n}"
        if n > 1:
            detail = (
                f"occurrence {n} ({record['section']} #{record['position']}) keyed {record['key']}"
            )
            path = f"missions-countries/{record['territory']}.xml"
            problems.append(problem("duplicate_chief_id", path, record["id"], detail))


def read_concurrent(records: list[dict[str, Any]], problems: list[dict[str, Any]]) -> int:
    """Attach concurrent-appointment data to the chiefs; return the number of files read."""
    by_id: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_id[record["id"]].append(record)
    groups: dict[tuple[str, ...], str] = {}
    files = sorted((DATA / "concurrent-appointments").glob("*.xml"))
    for path in files:
        root = parse(path)
        group_id = text(root.find("id")) or path.stem
        person_id = text(root.find("person-id"))
        locale = text(root.find("resident-at/locale-id"))
        residence = text(root.find("resident-at/contemporary-territory-id"))
        chief_ids = [text(c) or "" for c in root.findall("chief-id")]
        if group_id != path.stem:
            problems.append(problem("id_not_file_name", path, group_id, path.stem))
        signature = tuple(sorted(chief_ids))
        if signature in groups:
            detail = f"same chief ids as {groups[signature]}"
            problems.append(problem("duplicate_concurrent_group", path, group_id, detail))
        groups.setdefault(signature, group_id)
        places = {residence, *RESIDENCE_ALIASES.get(residence or "", ())}
        matched = 0
        for chief_id in chief_ids:
            targets = by_id.get(chief_id)
            if not targets:
                problems.append(problem("concurrent_chief_missing", path, group_id, chief_id))
                continue
            for record in targets:
                if record["person_id"] != person_id:
                    detail = f"{chief_id}: {record['person_id']} != {person_id}"
                    problems.append(problem("concurrent_person_mismatch", path, group_id, detail))
                resident = bool(places & {record["territory"], record["contemporary_territory"]})
                matched += resident
                record["concurrent"].append(
                    {
                        "id": group_id,
                        "resident_at_locale": locale,
                        "resident_at_territory": residence,
                        "with": [c for c in chief_ids if c != chief_id],
                        "resident": resident,
                    }
                )
        if not matched:
            detail = f"resident at {locale} ({residence}); chiefs {', '.join(chief_ids)}"
            problems.append(problem("residence_matches_no_chief", path, group_id, detail))
    for record in records:
        entries = record["concurrent"]
        if not entries:
            continue
        record["concurrent"] = sorted(entries, key=lambda e: e["id"])
        record["resident"] = any(e["resident"] for e in entries)
        residences = sorted(
            {(e["resident_at_locale"], e["resident_at_territory"]) for e in entries}
        )
        record["resides_in"] = {"locale": residences[0][0], "territory": residences[0][1]}
        where = f"missions-countries/{record['territory']}.xml"
        if len(entries) > 1:
            detail = "in " + ", ".join(e["id"] for e in record["concurrent"])
            problems.append(problem("chief_in_several_groups", where, record["id"], detail))
        if len(residences) > 1:
            problems.append(problem("several_residences", where, record["id"], str(residences)))
    return len(files)


def sort_key(record: dict[str, Any]) -> tuple[str, bool, str, str, int]:
    date = record["started"]["date"] or record["appointed"]["date"] or ""
    return (record["territory"], not date, date, record["id"], record["position"])


def build() -> tuple[dict[str, Any], list[str]]:
    problems: list[dict[str, Any]] = []
    roles = load_roles(problems)
    events = load_code_table(DATA / "code-tables" / "role-chief-event-codes.xml")
    records, mission_notes = read_missions(roles, problems)
    assign_keys(records, problems)
    n_concurrent_files = read_concurrent(records, problems)
    records.sort(key=sort_key)
    mission_notes.sort(key=lambda n: (n["territory"], n["position"]))
    problems.sort(key=lambda p: (p["kind"], p["file"], p["id"] or "", p["detail"]))

    served = [r for r in records if r["section"] == "chiefs"]
    nominees = [r for r in records if r["section"] == "other-nominees"]

    def per(values: list[str | None]) -> dict[str, int]:
        return dict(sorted(Counter(v or "" for v in values).items()))

    counts: dict[str, Any] = {
        "files_missions": len({r["territory"] for r in records}),
        "files_concurrent_appointments": n_concurrent_files,
        "records": len(records),
        "chiefs": len(served),
        "other_nominees": len(nominees),
        "mission_notes": len(mission_notes),
        "rank_chiefs": per([r["rank"] for r in served]),
        "rank_other_nominees": per([r["rank"] for r in nominees]),
        "role_title_id": per([r["role_title_id"] for r in records]),
        "ended_note_chiefs": per([r["ended"]["note"] for r in served]),
        "started_note_chiefs": per([r["started"]["note"] for r in served]),
        "chiefs_without_started_date": sum(not r["started"]["date"] for r in served),
        "chiefs_without_started_or_appointed_date": sum(
            not (r["started"]["date"] or r["appointed"]["date"]) for r in served
        ),
        "other_nominees_without_started_date": sum(not r["started"]["date"] for r in nominees),
        "date_precision": {
            event: per([r[event]["precision"] or "none" for r in records]) for event in EVENTS
        },
        "chiefs_with_concurrent": sum(bool(r["concurrent"]) for r in served),
        "chiefs_concurrent_resident": sum(r["resident"] is True for r in served),
        "chiefs_concurrent_non_resident": sum(r["resident"] is False for r in served),
        "records_with_concurrent": sum(bool(r["concurrent"]) for r in records),
        "records_concurrent_resident": sum(r["resident"] is True for r in records),
        "records_concurrent_non_resident": sum(r["resident"] is False for r in records),
        "records_with_residence_in_note": sum(bool(r["residence_in_note"]) for r in records),
        "records_with_residence_in_note_only": sum(
            bool(r["residence_in_note"]) and not r["concurrent"] for r in records
        ),
        "problems": per([p["kind"] for p in problems]),
    }
    header = {
        "source": SOURCE,
        "generated_by": "tools/usdos/pocom.py",
        "counts": counts,
        "rank_mapping": {
            rank: sorted(k for k, v in RANKS.items() if v == rank) for rank in RANK_ORDER
        },
        "residence_aliases": {k: list(v) for k, v in RESIDENCE_ALIASES.items()},
        "events": {
            name: {"code": code, **events.get(code, {"label": None, "definition": None})}
            for name, code in EVENT_CODES.items()
        },
        "roles": roles,
        "person_name": "derived from person-id (no person records in the data); see person_url",
    }
    document = {
        "header": header,
        "chiefs": records,
        "mission_notes": mission_notes,
        "problems": problems,
    }

    lines = [
        (
            f"{len(records)} records: {len(served)} chiefs, {len(nominees)} other nominees, "
            f"{len(mission_notes)} mission notes"
        ),
        "rank (chiefs / other nominees):",
    ]
    lines += [
        f"  {rank:<18} {counts['rank_chiefs'].get(rank, 0):>5} "
        f"{counts['rank_other_nominees'].get(rank, 0):>5}"
        for rank in RANK_ORDER
    ]
    lines.append(
        f"chiefs without started date: {counts['chiefs_without_started_date']} "
        f"(without started or appointed: {counts['chiefs_without_started_or_appointed_date']}); "
        f"other nominees without started date: {counts['other_nominees_without_started_date']}"
    )
    lines.append(
        f"concurrent: {counts['chiefs_with_concurrent']} chiefs "
        f"({counts['chiefs_concurrent_resident']} resident, "
        f"{counts['chiefs_concurrent_non_resident']} non-resident); "
        f"{counts['records_with_concurrent']} records with other nominees "
        f"({counts['records_concurrent_resident']} resident, "
        f"{counts['records_concurrent_non_resident']} non-resident); residence stated in note: "
        f"{counts['records_with_residence_in_note']} "
        f"({counts['records_with_residence_in_note_only']} without a concurrent record)"
    )
    lines.append("ended notes (chiefs):")
    ended = Counter(r["ended"]["note"] or "(none)" for r in served)
    lines += [f"  {n:>5}  {note}" for note, n in sorted(ended.items(), key=lambda x: (-x[1], x[0]))]
    lines.append(f"problems: {len(problems)}")
    lines += [f"  {p['kind']}: {p['file']} {p['id'] or ''} {p['detail']}" for p in problems]
    return document, lines


def main(argv: list[str] | None = None) -> int:
    return run(__doc__.split("\n", 1)[0], build, OUTPUT, argv)


if __name__ == "__main__":
    sys.exit(main())
