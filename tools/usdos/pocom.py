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

The reading itself (XML, rank table, residence, derived names, keys, problems) is
``diplorel.io._usdos_chiefs`` (``read_chiefs`` gives it as typed records); this tool only
writes that reading, with the fields only the JSON shows, as JSON.

Usage (from the repository root)::

    .venv/bin/python tools/usdos/pocom.py            # write tools/usdos/pocom_chiefs.json
    .venv/bin/python tools/usdos/pocom.py --check    # exit 1 if the JSON is out of date
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from _generated import run

from diplorel.io._usdos_chiefs import (
    EVENT_CODES,
    EVENTS,
    PERSON_URL,
    RANK_ORDER,
    RANKS,
    RESIDENCE_ALIASES,
    _derive_name,
    _Event,
    _Note,
    _read,
    _Record,
    _Role,
)

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

RESIDENCE_RE = re.compile(r"[Rr]esident at ([A-Z][^.;,]*)")


def event(value: _Event) -> dict[str, Any]:
    document: dict[str, Any] = {
        "date": value.date,
        "precision": value.precision,
        "note": value.note,
    }
    if value.attributes:
        document["date_attributes"] = dict(value.attributes)
    return document


def role(value: _Role) -> dict[str, str | None]:
    return {
        "title": value.title,
        "title_plural": value.title_plural,
        "class_id": value.class_id,
        "class": value.class_label,
        "category": value.category,
    }


def chief(record: _Record) -> dict[str, Any]:
    residence = RESIDENCE_RE.search(record.note or "")
    person_id = record.person_id
    resides_in = record.residence
    return {
        "key": record.key,
        "id": record.id,
        "section": record.section,
        "position": record.position,
        "territory": record.territory,
        "contemporary_territory": record.contemporary_territory,
        "person_id": person_id,
        "person_name": _derive_name(person_id) if person_id else None,
        "person_name_derived": bool(person_id),
        "person_url": PERSON_URL.format(person_id=person_id) if person_id else None,
        "mission_url": MISSION_URL.format(territory=record.territory),
        "role_title_id": record.role_title_id,
        "role_title": record.role.title if record.role else None,
        "role_class": record.role.class_label if record.role else None,
        "role_category": record.role.category if record.role else None,
        "rank": RANKS.get(record.role_title_id, "other"),
        "note": record.note,
        "residence_in_note": residence.group(1).strip() if residence else None,
        "concurrent": [
            {
                "id": c.id,
                "resident_at_locale": c.locale,
                "resident_at_territory": c.territory,
                "with": list(c.others),
                "resident": c.resident,
            }
            for c in record.concurrent
        ],
        "resident": record.resident,
        "resides_in": (
            {"locale": resides_in[0], "territory": resides_in[1]} if resides_in else None
        ),
        **{name: event(record.events[name]) for name in EVENTS},
    }


def mission_note(note: _Note) -> dict[str, Any]:
    return {
        "territory": note.territory,
        "section": note.section,
        "position": note.position,
        "text": note.text,
        "after_chief": note.after.id if note.after else None,
        "before_chief": note.before.id if note.before else None,
    }


def build() -> tuple[dict[str, Any], list[str]]:
    reading = _read(DATA)
    records = [chief(r) for r in reading.records]
    mission_notes = [mission_note(n) for n in reading.notes]
    problems = [
        {"kind": p.kind, "file": p.file, "id": p.id, "detail": p.detail} for p in reading.problems
    ]
    roles = {k: role(v) for k, v in reading.roles.items()}
    events = {
        code: {"label": label, "definition": definition}
        for code, (label, definition) in reading.event_codes.items()
    }
    n_concurrent_files = reading.concurrent_files

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
