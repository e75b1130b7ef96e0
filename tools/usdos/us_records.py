"""The United States' records in the default history: generated, merged, checked, logged.

Reads the Office of the Historian's XML in ``tools/usdos/data/`` with the package's own
importer (:func:`diplorel.io.usdos.read_us_records`) and, called by
``tools/build_default_history.py``, merges it with the curated dyads:

- a dyad the curation does not hold takes the generated events as they are;
- a curated US dyad keeps its own items (its chiefs of mission come from the same records).
  Each act of the guide is compared with the curated acts of the same kind: the same date
  (or overlapping spans) is agreement; a different date within ``NEAR_DAYS`` becomes one act
  dated by the EDTF interval spanning both dates and citing both sources; a US legation or
  embassy the guide states where the curation has none of that kind near that date is added
  (if the rules accept it in the dyad); any other act without a curated counterpart is a
  disagreement on the fact itself: the curated item stays, the generated one is logged as a
  flagged anomaly; what the importer infers (a mission a resident chief heads) is never merged
  into a curated dyad;
- every generated event the rules refuse in the context of the whole history (a chief
  accredited while relations are severed, a second establishment...) is left out and logged
  with the rule's message: the shipped history loads in strict mode.

Writes ``src/diplorel/data/us_records.jsonl`` (a diplorel JSON Lines history: header with the
coverage, then one item per line, filed by dyad), ``us_records.index.json`` (each dyad's lines)
and the build log ``docs/data/us-records.md``. Deterministic: the same XML gives the same bytes.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DATA = ROOT / "src/diplorel/data"
RECORDS = DATA / "us_records.jsonl"
INDEX = DATA / "us_records.index.json"
LOG = ROOT / "docs/data/us-records.md"

NEAR_DAYS = 400
"""Two dates of the same act this close are one act whose date the sources disagree on."""

Key = str

sys.path.insert(0, str(ROOT / "tools"))
from curation_presence import CHIEF_SKIPS  # noqa: E402 - tools/ is put on the path above

WIDENED: list[tuple[Key, dict[str, Any], dict[str, Any], dict[str, Any]]] = []

ADDED: list[tuple[Key, dict[str, Any]]] = []
"""US missions the records state and a curated dyad is silent on: added to it, if the rules
accept them (a legation or embassy is not a disagreement with a curation that has none)."""
"""(dyad, curated item as widened, as it was, generated item) of each date disagreement."""


def _import() -> Any:  # noqa: ANN401 - the package module, imported after sys.path is set
    from diplorel.io import usdos

    return usdos


def lineage_key(between: Iterable[str]) -> Key:
    """The dyad's key as the history files it (``"CUB USA"``; the USSR under Russia)."""
    import diplorel as dr

    reg = dr.default_registry()
    return " ".join(sorted(reg.lineage(reg.resolve(x)) for x in between))


def _key_of(item: dict[str, Any]) -> Key:
    pair = item.get("between") or [item["by"], item["of"]]
    return lineage_key(pair)


def _edtf(on: str) -> tuple[Any, Any]:
    from diplorel._dates import parse_edtf

    return parse_edtf(on).stated


def _who(item: dict[str, Any]) -> tuple[Any, ...]:
    kind = item.get("kind", "embassy") if item["type"].startswith("mission_") else None
    return (item["type"], item.get("sender"), kind, item.get("by"))


def _implied(item: dict[str, Any]) -> bool:
    """An act the importer infers (a mission a resident chief heads), not one a record states."""
    return any(
        (s.get("excerpt") or "").startswith("A resident chief of mission heads")
        for s in item.get("sources", [])
    )


def _unstructure(events: Iterable[Any]) -> list[dict[str, Any]]:
    from diplorel._convert import ITEM
    from diplorel._loading import converter

    c = converter()
    return [json.loads(json.dumps(c.unstructure(e, ITEM))) for e in events]


def merge(
    curated: list[dict[str, Any]], generated: list[dict[str, Any]], log: list[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The curated items (some dated anew) and the generated items that join them."""
    curated_us = {_key_of(i) for i in curated if "USA" in (i.get("between") or [i.get("by")])}
    by_key: dict[Key, list[dict[str, Any]]] = {}
    for item in curated:
        if "between" in item or ("by" in item and "of" in item):
            by_key.setdefault(_key_of(item), []).append(item)
    out = []
    for item in generated:
        key = _key_of(item)
        if key not in curated_us:
            out.append(item)
            continue
        if item["type"] in {"head_of_mission_accredited", "head_of_mission_departed"}:
            continue  # the curated dyads hold the same records' chiefs already
        if _implied(item):
            continue  # the curated dyads' missions are researched: no inference added
        _merge_one(item, key, by_key.get(key, []), log)
    return curated, out


def _merge_one(
    item: dict[str, Any], key: Key, curated: list[dict[str, Any]], log: list[str]
) -> None:
    first, last = _edtf(item["on"])
    same = [c for c in curated if _who(c) == _who(item)]
    where = f"{key} {item['type']} {item['on']}"
    for c in same:
        c_first, c_last = _edtf(c["on"])
        if c_first <= last and first <= c_last:
            log.append(f"agrees: {where} (curated {c['on']})")
            return
    near = sorted(
        (min(abs((c_first - last).days), abs((first - c_last).days)), i)
        for i, c in enumerate(same)
        for c_first, c_last in [_edtf(c["on"])]
    )
    if near and near[0][0] <= NEAR_DAYS:
        c = same[near[0][1]]
        c_first, c_last = _edtf(c["on"])
        lo = c["on"].split("/")[0] if c_first <= first else item["on"].split("/")[0]
        hi = c["on"].split("/")[-1] if c_last >= last else item["on"].split("/")[-1]
        log.append(f"date disagreement: {where}: curated {c['on']} -> {lo}/{hi}, both cited")
        WIDENED.append((key, c, dict(c), item))
        c["on"] = f"{lo}/{hi}"
        c.pop("time", None)
        c["sources"] = [*c["sources"], *item["sources"]]
        return
    if item["type"] == "mission_opened" and item.get("sender") == "USA":
        ADDED.append((key, item))
        log.append(f"added: {where}: the curated dyad records no such US mission then")
        return
    log.append(f"anomaly (fact): {where}: no curated act of this kind; curated kept")


def _refused(
    items: list[dict[str, Any]], curated: list[dict[str, Any]], coverage: list[Any]
) -> list[tuple[int, str]]:
    """The generated items (by index) the rules refuse in the whole history, with why."""
    import diplorel as dr
    from diplorel._convert import ITEM
    from diplorel._history import derived
    from diplorel._loading import converter

    c = converter()
    built = [c.structure(i, ITEM) for i in items]
    mine = {id(e): n for n, e in enumerate(built)}
    rest = [c.structure(i, ITEM) for i in curated]
    h = dr.History([*rest, *built], strict=False, coverage=coverage)
    out = []
    for a in h.anomalies:
        if a.kind == "exclusivity_overlap":
            continue
        n = mine.get(id(derived(h).shown(a.event)))  # the event as given
        if n is None:
            msg = f"an anomaly outside the generated items: {a}"
            raise ValueError(msg)
        out.append((n, str(a)))
    return out


def generate(curated: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str, str, str]:
    """The curated items (merged), the records' JSON Lines text, its index and the log page."""
    usdos = _import()
    data = HERE / "data"
    records = usdos.read_us_records(data / "pocom", data / "rdcr")
    merge_log: list[str] = []
    generated = _unstructure(records.events)
    curated, joined = merge(curated, generated, merge_log)
    curated_keys = _curated_keys(curated)
    skipped = {lineage_key(["USA", p]) for p, *_ in CHIEF_SKIPS}
    coverage = [
        c
        for c in records.coverage
        if lineage_key([c.state, c.partner]) not in curated_keys
        or (c.sender == "USA" and lineage_key([c.state, c.partner]) not in skipped)
    ]
    _keep_curated_consistent(curated, merge_log)
    refused: list[str] = []
    while True:
        found = _refused(joined, curated, coverage)
        if not found:
            break
        drop = {n for n, _ in found}
        refused += [
            f"{_key_of(joined[n])} {joined[n]['type']} {joined[n]['on']}: {why}" for n, why in found
        ]
        joined = [x for n, x in enumerate(joined) if n not in drop]
    text, index = _write(joined, coverage)
    page = _page(records, generated, joined, merge_log, refused, coverage)
    return curated, text, index, page


def _keep_curated_consistent(curated: list[dict[str, Any]], log: list[str]) -> None:
    """Undo what the rules then refuse in the curated dyads: widenings and additions.

    A widened date can put an act after one that needs it (relations after the envoy): there
    the curated date stays and the disagreement is logged as a flagged anomaly. An added US
    mission the rules refuse is left out, logged.
    """
    import diplorel as dr
    from diplorel._convert import ITEM
    from diplorel._loading import converter

    c = converter()
    by_key: dict[Key, list[Any]] = {}
    for item in curated:
        if "between" in item or ("by" in item and "of" in item):
            by_key.setdefault(_key_of(item), []).append(c.structure(item, ITEM))
    kept: list[tuple[Key, dict[str, Any]]] = []
    for key, item in sorted(ADDED, key=lambda a: (a[0], _edtf(a[1]["on"])[0])):
        trial = [*by_key.get(key, []), c.structure(item, ITEM)]
        if any(a.kind != "exclusivity_overlap" for a in dr.History(trial, strict=False).anomalies):
            log.append(f"anomaly (refused): {key} {item['type']} {item['on']}: not added")
            continue
        by_key.setdefault(key, []).append(trial[-1])
        kept.append((key, item))
    ADDED[:] = kept
    while True:
        h = dr.History(
            [*(c.structure(i, ITEM) for i in curated), *(c.structure(i, ITEM) for _, i in ADDED)],
            strict=False,
        )
        found = [a for a in h.anomalies if a.kind != "exclusivity_overlap"]
        bad = {lineage_key(a.event.parties) for a in found if hasattr(a.event, "parties")}
        drop = [n for n, (key, _) in enumerate(ADDED) if key in bad]
        for n in reversed(drop):  # an addition the whole history then refuses
            key, item = ADDED.pop(n)
            log.append(f"anomaly (refused): {key} {item['type']} {item['on']}: not added")
        undo = [w for w in WIDENED if w[0] in bad and w[1]["on"] != w[2]["on"]]
        for key, item, before, generated in undo:
            item.clear()
            item.update(before)
            log.append(
                f"anomaly (date): {key} {item['type']} {item['on']}: the records say "
                f"{generated['on']}; widening conflicts with the curated acts, curated kept"
            )
        if not drop and not undo:
            return


def _curated_keys(curated: list[dict[str, Any]]) -> set[Key]:
    return {_key_of(i) for i in curated if "USA" in (i.get("between") or [i.get("by")])}


def _write(items: list[dict[str, Any]], coverage: list[Any]) -> tuple[str, str]:
    from diplorel._loading import converter

    c = converter()
    ordered = sorted(
        items, key=lambda i: (_key_of(i), _edtf(i["on"])[0], json.dumps(i, sort_keys=True))
    )
    header = {
        "format": "diplorel-history",
        "version": 2,
        "coverage": json.loads(json.dumps([c.unstructure(x) for x in coverage])),
    }
    lines = [json.dumps(header, ensure_ascii=False, sort_keys=True)]
    offset = len(lines[0].encode()) + 1
    index: dict[Key, list[int]] = {}
    for item in ordered:
        key = _key_of(item)
        line = json.dumps(item, ensure_ascii=False, sort_keys=True)
        size = len(line.encode()) + 1
        spans = index.setdefault(key, [])
        if spans and spans[-1] == offset:
            spans[-1] = offset + size
        else:
            spans += [offset, offset + size]
        offset += size
        lines.append(line)
    text = "\n".join(lines) + "\n"
    data = {"header": len(lines[0].encode()), "dyads": index}
    return text, json.dumps(data, indent=0, sort_keys=True) + "\n"


def _page(  # noqa: PLR0917 - the parts of one build
    records: Any,  # noqa: ANN401 - UsRecords
    generated: list[dict[str, Any]],
    joined: list[dict[str, Any]],
    merge_log: list[str],
    refused: list[str],
    coverage: list[Any],
) -> str:
    kinds = Counter(i["type"] for i in joined)
    dyads = {_key_of(i) for i in joined}
    logged = Counter((e.dataset, e.what) for e in records.log)
    lines = [
        "# The United States' records: build log",
        "",
        (
            "Generated by `python tools/build_default_history.py` from the Office of the "
            "Historian's public-domain records (Principal Officers and Chiefs of Mission; A Guide "
            "to the United States' History of Recognition, Diplomatic, and Consular Relations, "
            "by Country, since 1776), read by `diplorel.io.usdos`. Nothing is dropped silently: "
            "every record not imported is counted here by reason, and every act the rules refuse "
            "or the curation disagrees with is listed."
        ),
        "",
        f"- events read from the records: {len(generated)}",
        (
            f"- events shipped (`diplorel/data/us_records.jsonl`): {len(joined)}, over "
            f"{len(dyads)} dyads not curated by hand"
        ),
        f"- coverage declarations: {len(coverage)}",
        f"- refused by the rules (left out, listed below): {len(refused)}",
        (
            f"- merged into curated dyads: {_count(merge_log, 'date')} dates widened, "
            f"{_count(merge_log, 'agrees')} agreeing, {len(ADDED)} US missions added, "
            f"{_count(merge_log, 'anomaly')} flagged anomalies"
        ),
        "",
        "## Events shipped, by kind",
        "",
        "| kind | events |",
        "|---|---|",
        *(f"| {k} | {n} |" for k, n in sorted(kinds.items())),
        "",
        "## Records not imported, by reason",
        "",
        "| dataset | reason | records |",
        "|---|---|---|",
        *(f"| {d} | {w} | {n} |" for (d, w), n in sorted(logged.items())),
        "",
        "## Records not imported, each",
        "",
        *(
            f"- {e.dataset} `{e.record}`: {e.what}: {_md(e.why)}"
            for e in sorted(records.log, key=lambda e: (e.dataset, e.what, e.record))
            if e.what != "did not serve"  # other nominees: counted above
        ),
        "",
        "## Refused by the rules (left out)",
        "",
        *(f"- {_md(r)}" for r in refused),
        "",
        "## Merged with the curated dyads",
        "",
        *(f"- {_md(m)}" for m in merge_log),
        "",
    ]
    return "\n".join(lines)


def _count(log: list[str], prefix: str) -> int:
    return sum(1 for m in log if m.startswith(prefix))


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
