"""Compare diplorel's Correlates of War rows for the United States with COW's own coding.

COW's Diplomatic Exchange v2006.1 codes, for every observation year, the representative each
state had at the other (``DR_at_1``: the partner's in Washington; ``DR_at_2``: the United
States' in the partner's capital) and ``DE``. This tool derives the same rows from a diplorel
history (by default the shipped one) for the United States' partners that the history covers,
compares them with COW's rows (``tests/data/Diplomatic_Exchange_2006v1_US_rows.csv``), and
prints the agreement of DE, of each level and of whole rows, by period and under each
combination of :class:`diplorel.CowConventions`. Every disagreement under the default
conventions is listed with its reason from ``tools/cow_disagreements.json``: ``ours`` (our
error: to fix), ``convention`` (COW's coding convention, documented) or ``cow`` (a COW error,
with the source that shows it); what the table does not explain is listed as unexplained.

    python tools/compare_cow.py                      # the figures and the disagreements
    python tools/compare_cow.py --markdown docs/data/cow-agreement.md
    python tools/compare_cow.py --check docs/data/cow-agreement.md   # exit 1 if out of date

Agreement comes from history and documented conventions only: nothing here looks at COW's
rows to decide a value.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

import diplorel as dr
from diplorel.io import cow

ROOT = Path(__file__).resolve().parent.parent
COW_ROWS = ROOT / "tests/data/Diplomatic_Exchange_2006v1_US_rows.csv"
REASONS = ROOT / "tools/cow_disagreements.json"

PERIODS = (("1817-1940", 1817, 1940), ("1950-1965", 1950, 1965), ("1966-2005", 1966, 2005))
"""COW codes only 9 or 0 in 1950-1965, so that period is reported apart."""

Row = tuple[int, int, int]
Key = tuple[int, int]


def cow_rows(path: Path = COW_ROWS) -> dict[Key, Row]:
    """COW's US rows by (partner ccode, year): (DR_at_1, DR_at_2, DE)."""
    with path.open(newline="", encoding="utf-8") as f:
        return {
            (int(r["ccode2"]), int(r["year"])): (int(r["DR_at_1"]), int(r["DR_at_2"]), int(r["DE"]))
            for r in csv.DictReader(f)
            if int(r["ccode1"]) == 2  # noqa: PLR2004 - the United States
        }


def partners(history: dr.History) -> list[str]:
    """The curated partners: states whose dyad with the United States records both sides.

    A dyad is filed under its lineage (the Russian Federation's holds the USSR's), so every
    state of the partner's lineage counts (RUS brings SUN). Dyads the State Department's
    records alone cover (one side: :meth:`diplorel.History.is_directional`) are compared in
    the section on every partner.
    """
    reg = history.registry
    roots = {
        b if a == "USA" else a
        for a, b in history.dyads
        if "USA" in (a, b) and not history.is_directional((a, b))
    }
    return sorted(s.code for s in reg if s.cow and reg.lineage(s.code) in roots)


def derived_rows(
    history: dr.History, states: Iterable[str], conventions: dr.CowConventions
) -> dict[Key, Row]:
    """diplorel's US rows for ``states`` by (partner ccode, year)."""
    rows = cow.diplomatic_exchange_rows(
        history, states=["USA", *states], involving=["USA"], conventions=conventions
    )
    return {(r.ccode2, r.year): (r.dr_at_1, r.dr_at_2, r.de) for r in rows if r.ccode1 == 2}  # noqa: PLR2004


def agreement(ours: dict[Key, Row], theirs: dict[Key, Row]) -> dict[str, dict[str, Any]]:
    """Agreement per period and overall: rows compared and the share agreeing per measure."""
    out: dict[str, dict[str, Any]] = {}
    for name, lo, hi in (*PERIODS, ("all", 0, 9999)):
        keys = [k for k in theirs if k in ours and lo <= k[1] <= hi]
        n = len(keys)

        def share(ok: Iterable[bool], n: int = n) -> float:
            return sum(ok) / n if n else float("nan")

        out[name] = {
            "rows": n,
            "DE": share(ours[k][2] == theirs[k][2] for k in keys),
            "DR_at_1": share(ours[k][0] == theirs[k][0] for k in keys),
            "DR_at_2": share(ours[k][1] == theirs[k][1] for k in keys),
            "exact": share(ours[k] == theirs[k] for k in keys),
        }
    return out


ALTERNATIVES: dict[str, tuple[object, ...]] = {
    "observation": ("year_start", "year_end", "by_period"),
    "interim": ("mission_class", "agreed", "charge", "by_period"),
    "unrecorded": ("mission_class", "charge", "none"),
    "early_period": (True, False),
    "non_resident": ("rank", "none"),
    "long_interim": (2, 5, None),
    "liaison_office": (0, 9),
}
"""Each convention's values; the report changes one at a time from the defaults."""


def conventions_grid() -> list[dr.CowConventions]:
    """The defaults, then each convention changed alone to each of its other values."""
    default = dr.CowConventions()
    grid = [default]
    for name, values in ALTERNATIVES.items():
        grid += [attrs.evolve(default, **{name: v}) for v in values if v != getattr(default, name)]
    return grid


def describe(c: dr.CowConventions) -> str:
    """What differs from the defaults, in one short line."""
    default = dr.CowConventions()
    changed = [
        f"{n}={getattr(c, n)!r}" for n in ALTERNATIVES if getattr(c, n) != getattr(default, n)
    ]
    return ", ".join(changed) or "the defaults"


def describe_all(c: dr.CowConventions) -> str:
    """Every convention's value."""
    return ", ".join(f"`{n}={getattr(c, n)!r}`" for n in ALTERNATIVES)


def reasons() -> dict[str, dict[str, str]]:
    """The curated reasons for disagreements, by ``"ccode2 year"``."""
    if not REASONS.exists():
        return {}
    data: dict[str, dict[str, str]] = json.loads(REASONS.read_text(encoding="utf-8"))
    return data


def report(history: dr.History) -> str:
    """The whole report as Markdown."""
    theirs = cow_rows()
    states = partners(history)
    ccodes = {s.ccode: code for code in states for s in history.registry.get(code).cow}
    theirs = {k: v for k, v in theirs.items() if k[0] in ccodes}
    default = dr.CowConventions()
    ours = derived_rows(history, states, default)
    lines = [
        "# Agreement with COW's coding of the United States",
        "",
        (
            "Generated by `python tools/compare_cow.py --markdown docs/data/cow-agreement.md`: "
            "diplorel's Correlates of War rows for the United States, derived from the default "
            "history, against COW's own v2006.1 rows, for the "
            f"{len(states)} partners the history covers ({', '.join(states)})."
        ),
        "",
        "## Under the default conventions",
        "",
        "| period | rows | DE | DR_at_1 (partner in Washington) | DR_at_2 (US abroad) | exact |",
        "|---|---|---|---|---|---|",
    ]
    figures = agreement(ours, theirs)
    for name, a in figures.items():
        lines.append(
            f"| {name} | {a['rows']} | {a['DE']:.1%} | {a['DR_at_1']:.1%} | "
            f"{a['DR_at_2']:.1%} | {a['exact']:.1%} |"
        )
    unwritten = len([k for k in theirs if k not in ours])
    exact_all = figures["all"]["exact"] * figures["all"]["rows"] / len(theirs)
    lines += [
        "",
        (
            f"The figures are over the {figures['all']['rows']} COW rows diplorel writes. Of COW's "
            f"{len(theirs)} rows for these partners, {unwritten} fall where the history has no "
            "record of the pair (before its first act; listed at the end): diplorel writes no "
            "row there rather than zeros. Counting those as disagreements, exact agreement is "
            f"{exact_all:.1%}."
        ),
    ]
    lines += [
        "",
        "## Each convention changed alone (all periods)",
        "",
        "The defaults: " + describe_all(default) + ".",
        "",
        "| conventions | DE | DR_at_1 | DR_at_2 | exact |",
        "|---|---|---|---|---|",
    ]
    for c in conventions_grid():
        a = agreement(derived_rows(history, states, c), theirs)["all"]
        lines.append(
            f"| {describe(c)} | {a['DE']:.1%} | {a['DR_at_1']:.1%} | "
            f"{a['DR_at_2']:.1%} | {a['exact']:.1%} |"
        )
    why = reasons()
    lines += [
        "",
        "## Every disagreement under the default conventions",
        "",
        (
            "Levels are DR_at_1/DR_at_2/DE. Reason: `ours` (our error), `convention` (COW's coding "
            "convention), `cow` (a COW error, with the source that shows it)."
        ),
        "",
        "| partner | year | COW | diplorel | reason | why |",
        "|---|---|---|---|---|---|",
    ]
    counts: dict[str, int] = {}
    for key in sorted(k for k in theirs if k in ours and ours[k] != theirs[k]):
        found = why.get(f"{key[0]} {key[1]}", {})
        kind = found.get("class", "unexplained")
        counts[kind] = counts.get(kind, 0) + 1
        text = found.get("why", "")
        if found.get("source"):
            text += f" ({found['source']})"
        a, b = theirs[key], ours[key]
        lines.append(
            f"| {ccodes[key[0]]} ({key[0]}) | {key[1]} | {a[0]}/{a[1]}/{a[2]} | "
            f"{b[0]}/{b[1]}/{b[2]} | {kind} | {text} |"
        )
    lines += ["", "Disagreements by reason: " + (", ".join(
        f"{k} {v}" for k, v in sorted(counts.items())) or "none") + "."]  # fmt: skip
    missing = sorted(k for k in theirs if k not in ours)
    if missing:
        lines += [
            "",
            f"COW rows diplorel does not write, having no record of the pair ({len(missing)}): "
            + ", ".join(f"{ccodes[k[0]]} {k[1]}" for k in missing)
            + ".",
        ]
    return "\n".join(lines) + "\n"


# Every partner of the United States ------------------------------------------------------------

Side = int | None
"""A COW level, or None where the history has no record of that side."""


def side_rows(history: dr.History, conventions: dr.CowConventions) -> dict[Key, tuple[Side, Side, Side]]:
    """diplorel's values for every COW US row: (DR_at_1, DR_at_2, DE), None where unrecorded.

    Each side is coded only where the history records it (:meth:`diplorel.DyadState.presence_known_of`):
    the State Department's records cover the US chiefs of mission, so ``DR_at_2`` is known for
    every partner from its first act, ``DR_at_1`` only for the curated partners. ``DE`` is 1
    where a recorded side has a representative, 0 where both sides are recorded without one,
    None otherwise.
    """
    from diplorel._dates import When
    from diplorel.io.cow import _observation_day, _spell_on, _Spells

    reg = history.registry
    spells = _Spells(reg)
    usa = spells.by_ccode[2]
    out: dict[Key, tuple[Side, Side, Side]] = {}
    for ccode2, year in cow_rows():
        s1 = _spell_on(usa, year)
        s2 = _spell_on(spells.by_ccode.get(ccode2, ()), year)
        if s1 is None or s2 is None:
            out[ccode2, year] = (None, None, None)
            continue
        day = _observation_day(year, conventions, s1, s2)
        partner = spells.code(ccode2, day)
        state = history.status("USA", partner, on=When(day=day)).state
        shown = {reg.lineage(c): c for c in state.dyad}
        us, them = shown.get("USA", "USA"), shown.get(reg.lineage(partner), partner)
        known = {x: state.presence_known_of(x) for x in (us, them)}
        reps = {
            x: dr.represent(state, x, year=year, conventions=conventions)
            for x in (us, them)
            if known[x]
        }
        at_2 = reps[us].cow if us in reps else None
        at_1 = reps[them].cow if them in reps else None
        if any(r.exchange for r in reps.values()):
            de: Side = 1
        else:
            de = 0 if len(reps) == 2 else None  # noqa: PLR2004 - both sides
        out[ccode2, year] = (at_1, at_2, de)
    return out


def side_agreement(
    ours: dict[Key, tuple[Side, Side, Side]], theirs: dict[Key, Row], *, us_side_de: bool
) -> dict[str, dict[str, Any]]:
    """Agreement over all of COW's rows, per period: a value diplorel lacks disagrees.

    ``us_side_de`` takes DE from the US side where the partner's is unrecorded (1 when a US
    representative is at post, else 0): the convention of a comparison limited to the side
    the records cover, never a value diplorel itself answers.
    """
    out: dict[str, dict[str, Any]] = {}
    for name, lo, hi in (*PERIODS, ("all", 0, 9999)):
        keys = [k for k in theirs if lo <= k[1] <= hi]
        n = len(keys)

        def de(k: Key) -> Side:
            at_1, at_2, value = ours[k]
            if value is None and us_side_de and at_2 is not None:
                return 1 if at_2 in {1, 2, 3, 9} and at_2 != 9 else 0
            return value

        def share(ok: Iterable[bool], n: int = n) -> float:
            return sum(ok) / n if n else float("nan")

        partner_known = [k for k in keys if ours[k][0] is not None]
        out[name] = {
            "rows": n,
            "DE": share(de(k) == theirs[k][2] for k in keys),
            "DR_at_2": share(ours[k][1] == theirs[k][1] for k in keys),
            "DR_at_1 recorded": len(partner_known),
            "DR_at_1": (
                sum(ours[k][0] == theirs[k][0] for k in partner_known) / len(partner_known)
                if partner_known
                else float("nan")
            ),
            "exact": share(
                (ours[k][0], ours[k][1], de(k)) == theirs[k] for k in keys
            ),
            "no US record": sum(1 for k in keys if ours[k][1] is None),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the report, or write it, or check a written one."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--markdown", type=Path, help="write the report to this file")
    parser.add_argument("--check", type=Path, help="exit 1 if this report is out of date")
    args = parser.parse_args(argv)
    text = report(dr.default_history())
    if args.check:
        if args.check.read_text(encoding="utf-8") != text:
            print(f"{args.check} is out of date: run tools/compare_cow.py --markdown {args.check}")
            return 1
        return 0
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
        print(f"wrote {args.markdown}")
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
