"""Turn the US chiefs of mission (read by ``diplorel.io.usdos``) into diplorel history items.

Each chief who served becomes a ``head_of_mission_accredited`` item dated by the day the
records say the chief took up the post (``started``: credentials presented, or charge
assumed) and, where the records date the end of the mission, a ``head_of_mission_departed``
item. Ranks come from the role title (``pocom.py`` maps them); titles that are no diplomatic
rank (commissioner, personal representative, chief of a liaison office, principal officer of
an interests section) are logged, not imported: the missions those people headed are acts of
their own. A chief without a start date is logged, never dated by guess. Every item cites the
chief's page on history.state.gov, the record id and the field.

The default-history builder calls :func:`chief_items` for the United States' curated dyads.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from diplorel.io._usdos_chiefs import Chief
from diplorel.io.usdos import chief_source, read_chiefs

HERE = Path(__file__).resolve().parent


TERRITORIES: dict[str, str] = {
    "AFG": "afghanistan",
    "BOL": "bolivia",
    "CHN": "china",
    "CUB": "cuba",
    "DDR": "german-democratic-republic",
    "DEU": "germany",
    "DZA": "algeria",
    "EGY": "egypt",
    "IRN": "iran",
    "LBY": "libya",
    "MRT": "mauritania",
    "RUS": "russia",
    "SDN": "sudan",
    "SYR": "syria",
    "TWN": "china",
    "USA": "",
    "VAT": "holy-see",
    "VEN": "venezuela",
    "VNM": "vietnam",
    "YEM": "yemen",
}
"""diplorel code -> the territory id of the chiefs' records (the curated US partners)."""

RESIDENCES: dict[str, str] = {
    "austria": "AUT",
    "egypt": "EGY",
    "france": "FRA",
    "germany": "DEU",
    "iran": "IRN",
    "italy": "ITA",
    "peru": "PER",
    "russia": "RUS",
    "saudi-arabia": "SAU",
    "switzerland": "CHE",
    "united-kingdom": "GBR",
}
"""Territory id of a non-resident chief's residence -> diplorel code."""

IMPORTED_RANKS = {"ambassador", "minister", "charge_d_affaires", "charge_ad_interim", "lower"}


@cache
def _records() -> tuple[Chief, ...]:
    """The chiefs who served, read by the package's reader (one definition of the records)."""
    records = read_chiefs(HERE / "data" / "pocom")
    return tuple(c for c in records.chiefs if c.served)


def _source(chief: Chief, field: str) -> dict[str, Any]:
    """The package's citation of a chief's record (:func:`chief_source`), as file data."""
    s = chief_source(chief, field)
    return {"publisher": s.publisher, "title": s.title, "url": s.url, "excerpt": s.excerpt}


def chief_items(partner: str, log: list[str]) -> list[dict[str, Any]]:
    """The items of the US chiefs of mission to ``partner`` (a diplorel code)."""
    territory = TERRITORIES[partner]
    between = sorted(["USA", partner])
    items: list[dict[str, Any]] = []
    for chief in _records():
        if chief.territory != territory:
            continue
        name = chief.person_name
        if chief.rank not in IMPORTED_RANKS:
            log.append(f"{chief.id}: {chief.role_title} ({name}) is no diplomatic rank")
            continue
        started = chief.started.date
        if not started:
            log.append(f"{chief.id}: {name} has no start date in the records")
            continue
        item: dict[str, Any] = {
            "type": "head_of_mission_accredited",
            "between": between,
            "on": started,
            "sender": "USA",
            "rank": chief.rank,
            "name": name,
            "sources": [_source(chief, "started")],
        }
        if chief.resident is False:
            item["resident"] = False
            where = RESIDENCES.get(chief.resides_in or "")
            if where is not None and where not in between:
                item["resides_in"] = where
        items.append(item)
        ended = chief.ended.date
        if ended:
            items.append(
                {
                    "type": "head_of_mission_departed",
                    "between": between,
                    "on": ended,
                    "sender": "USA",
                    "name": name,
                    "sources": [_source(chief, "ended")],
                }
            )
    return items
