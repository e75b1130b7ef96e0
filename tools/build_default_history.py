"""Build ``src/diplorel/data/default_history.json`` from the research notes in ``tools/research``.

The research notes hold, for each dyad, every dated act found with its sources and the exact
words that support it (see ``tools/research/*.json``). This script turns the selected dyads into
a diplorel history document, applying the curation decisions listed in ``DECISIONS`` (each one
says why), and checks the result in strict mode.

    python tools/build_default_history.py          # rebuild
    python tools/build_default_history.py --check  # exit 1 if the data file is out of date
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESEARCH = [ROOT / "tools/research/research_us.json", ROOT / "tools/research/research_world.json"]
OUT = ROOT / "src/diplorel/data/default_history.json"

SELECT: list[tuple[str, str]] = [("CUB", "KOR"), ("CUB", "PRK")]
"""The dyads that go into the default history."""

DECISIONS: dict[tuple[str, str, str, str], dict[str, Any]] = {
    # (a, b, type, on) -> field overrides, or {"skip": reason}
    ("CUB", "KOR", "RelationsSevered", "1959/1960"): {
        # The 2024 act established "diplomatic and consular relations" (Prensa Latina), so the
        # break ended consular relations too.
        "consular": True,
    },
    ("CUB", "KOR", "RelationsEstablished", "2024-02-14"): {
        "skip": "made by the exchange of notes of the same day (an ExchangeOfNotes item)",
    },
    ("CUB", "KOR", "CreditLineOpened", "2005/2020"): {"skip": "credit lines come with issue 3"},
    ("CUB", "KOR", "CreditLineOpened", "2015-02-09"): {"skip": "credit lines come with issue 3"},
}

_LEVELS = {"ambassador", "minister", "charge_d_affaires", "none", "other"}


def _source(s: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"publisher": s["publisher"], "title": s["title"]}
    if s.get("date"):
        out["published_on"] = s["date"]
    if s.get("url"):
        out["url"] = s["url"]
    if s.get("quote"):
        out["excerpt"] = s["quote"]
    return out


def _item(between: list[str], e: dict[str, Any], sources: list[dict[str, Any]]) -> dict[str, Any]:
    f = dict(e.get("fields") or {})
    kind = e["type"]
    item: dict[str, Any] = {"on": e["on"]}
    if e.get("place"):
        item["place"] = e["place"]
    if e.get("tz"):
        item["tz"] = e["tz"]
    item["sources"] = sources
    if kind in {"Recognized", "RecognitionWithdrawn"}:
        item |= {"by": f["by"], "of": f["of"]}
    elif kind == "ExchangeOfNotes":
        item |= {"id": f"{'-'.join(between).lower()}-notes-{e['on']}", "between": between}
        item["level"] = "ambassador"
        item["consular"] = True
    else:
        item["between"] = between
        if kind in {"RelationsEstablished", "RelationsResumed"}:
            level = f.get("level")
            item["level"] = level if level in _LEVELS else "other"
            if f.get("consular") is False:
                item["consular"] = False
        elif kind in {"RelationsSevered", "RelationsSuspended"}:
            item["by"] = f["by"]
            if f.get("consular"):
                item["consular"] = True
        elif kind == "RepresentationChanged":
            if f.get("head_of_mission"):
                kind = "HeadOfMissionAccredited"
                item |= {"sender": f["sender"], "name": f["head_of_mission"]}
            else:
                item |= {"sender": f["sender"], "level": f["level"]}
        elif kind in {"MissionOpened", "MissionClosed"}:
            item["sender"] = f["sender"]
            item["kind"] = f["kind"]
            if f.get("protecting_power"):
                item["protecting_power"] = f["protecting_power"]
            name = f.get("name") or f.get("institution")
            if name:
                item["name"] = name
        elif kind in {"AmbassadorRecalled", "AmbassadorReturned"}:
            item["sender"] = f["sender"]
    tag = "".join("_" + c.lower() if c.isupper() else c for c in kind).lstrip("_")
    item["type"] = tag
    return item


def build() -> str:
    dyads = {}
    for path in RESEARCH:
        for d in json.loads(path.read_text(encoding="utf-8"))["dyads"]:
            dyads[tuple(sorted(d["between"]))] = d
    items = []
    for key in SELECT:
        d = dyads[key]
        a, b = key
        for e in d["events"]:
            decision = DECISIONS.get((a, b, e["type"], e["on"]), {})
            if "skip" in decision:
                continue
            item = _item([a, b], e, [_source(s) for s in e["sources"]])
            item.update(decision)
            items.append(item)
    doc = {"format": "diplorel-history", "version": 1, "items": items}
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def main() -> int:
    text = build()
    if "--check" in sys.argv:
        return 0 if OUT.read_text(encoding="utf-8") == text else 1
    OUT.write_text(text, encoding="utf-8")
    sys.path.insert(0, str(ROOT / "src"))
    import diplorel

    h = diplorel.load(OUT)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(h)} items, {len(h.dyads)} dyads")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
