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
    """The curated partners: states whose dyad with the United States is curated by hand.

    A dyad is filed under its lineage (the Russian Federation's holds the USSR's), so every
    state of the partner's lineage counts (RUS brings SUN). The curated file
    (``diplorel/data/default_history.json``) records both sides of these dyads; the dyads the
    State Department's records alone cover are compared in the section on every partner.
    """
    reg = history.registry
    data = json.loads((ROOT / "src/diplorel/data/default_history.json").read_text("utf-8"))
    roots = set()
    for item in data["items"]:
        pair = item.get("between") or [item.get("by"), item.get("of")]
        if "USA" in pair and None not in pair:
            roots |= {reg.lineage(x) for x in pair} - {"USA"}
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
    return "\n".join([*lines, *report_all(history)]) + "\n"


# Every partner of the United States ------------------------------------------------------------

Side = int | None
"""A COW level, or None where the history has no record of that side."""


US_EXCHANGE: dict[Key, bool | None] = {}
"""Whether the US side alone makes an exchange (COW's DE = 1), for the rows derived last."""

CONTEXT: dict[Key, tuple[str, Any]] = {}
"""(partner code, observation day) of each row :func:`side_rows` derived last."""


def side_rows(
    history: dr.History, conventions: dr.CowConventions
) -> dict[Key, tuple[Side, Side, Side]]:
    """diplorel's values for every COW US row: (DR_at_1, DR_at_2, DE), None where unrecorded.

    Each side is coded only where the history records it (``DyadState.presence_known_of``):
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
        CONTEXT[ccode2, year] = (partner, day)
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
        US_EXCHANGE[ccode2, year] = reps[us].exchange if us in reps else None
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
            value = ours[k][2]
            return _us_de(k, value) if us_side_de else value

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
            "exact": share((ours[k][0], ours[k][1], de(k)) == theirs[k] for k in keys),
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


EARLY = (1950, 1965)
"""COW codes only 9 or 0 in these years."""


def _head(history: dr.History, partner: str, day: Any) -> Any:  # noqa: ANN401 - HeadOfMission
    state = history.status("USA", partner, on=day).state
    return next((h for s, h in state.heads.items() if history.registry.lineage(s) == "USA"), None)


def _source_of(history: dr.History, partner: str, head: Any) -> tuple[str, str]:  # noqa: ANN401
    """The role title and page of the record that accredited ``head``."""
    for e in history.events("USA", partner):
        if isinstance(e, dr.HeadOfMissionAccredited) and e.name == head.name and e.on == head.since:
            for src in e.sources:
                if src.url:
                    return src.title, src.url
    return "", ""


def classify(  # noqa: PLR0911 - one rule per case, in the order documented
    history: dr.History, key: Key, ours: Side, theirs: int, curated: dict[str, dict[str, str]]
) -> tuple[str, str, str]:
    """Why the US level of a row differs from COW's: (class, why, source).

    The rules, in order: a reason curated by hand (``tools/cow_disagreements.json``); no
    record of the US side (``ours``: a record refused or unmapped, see the build log); COW's 9
    where the records give the rank (``cow``); COW's 0 where a non-resident head is accredited
    (``convention``: COW codes most such heads 0), a named head is at post (``cow``, citing
    the chief's page) or a vacancy is coded by the mission's class (``convention``); our 0
    where a head was at post at another time of the year (``convention``: the observation
    day) or not at all (``ours``); two different ranks where the head is a chargé a.i. or
    the post vacant (``convention``: interim), the rank changed within the year
    (``convention``), a minister resident coded 1 (``convention``), else a head named with
    that rank all year (``cow``, citing the chief's page).
    """
    found = curated.get(f"{key[0]} {key[1]}")
    if found:
        return found["class"], found["why"], found.get("source", "")
    partner, day = CONTEXT[key]
    year = key[1]
    if ours is None:
        return "ours", "no record of the US side that day (see the build log)", ""
    head = _head(history, partner, day)
    early = EARLY[0] <= year <= EARLY[1]
    if theirs == 9 and ours in {1, 2, 3} and not early:  # noqa: PLR2004 - COW's "other"
        title, url = _source_of(history, partner, head) if head else ("", "")
        return "cow", f"COW codes 9 (unknown rank) where the records name {_who(head)}", url
    if theirs == 0 and ours:
        if head is not None and not head.resident:
            return "convention", f"a non-resident head ({_who(head)}): COW codes most as 0", ""
        if head is not None and head.name and head.interim_since is None:
            _, url = _source_of(history, partner, head)
            return "cow", f"COW codes 0 while the records show {_who(head)} at post", url
        return "convention", "a post in interim or vacant, coded by the mission's class", ""
    jan, dec = (_head(history, partner, f"{year}-{md}") for md in ("01-01", "12-31"))
    if ours == 0:
        if jan is not None or dec is not None:
            return (
                "convention",
                "observation day: a US head was at post earlier or later that year",
                "",
            )
        return "ours", f"the records show no US chief of mission; COW codes {theirs}", ""
    if head is None or head.interim_since is not None:
        return (
            "convention",
            f"a post in interim coded by the mission's class; COW codes {theirs}",
            "",
        )
    if jan is None or dec is None or jan.rank != dec.rank:
        return "convention", "observation day: the head or rank changed within the year", ""
    title, url = _source_of(history, partner, head)
    if "Minister Resident" in title and theirs == 1:
        return "convention", "a minister resident, coded 1 by COW", url
    return "cow", f"COW codes {theirs} while the records show {_who(head)} at post all year", url


def _who(head: Any) -> str:  # noqa: ANN401 - HeadOfMission
    if head is None:
        return "no head"
    name = f" {head.name}" if head.name else ""
    return f"{head.rank.value.replace('_', ' ')}{name} (since {head.since})"


GOAL = {"DR_at_2": 0.93, "DE": 0.96}
"""The agreement the issue asks for over all of COW's US rows."""

BEST = {"observation": "year_start", "non_resident": "none"}
"""The conventions that agree best with COW's US rows (found by trying every combination)."""


def _us_de(key: Key, de: Side) -> Side:
    """DE from the US side where the partner's is unrecorded (1 with a US representative)."""
    exchange = US_EXCHANGE.get(key)
    if de is None and exchange is not None:
        return int(exchange)
    return de


def _pct(x: float) -> str:
    return f"{x:.1%}"


def report_all(history: dr.History) -> list[str]:
    """The section on every partner: figures by period, conventions, every disagreement."""
    theirs = cow_rows()
    default = dr.CowConventions()
    ours = side_rows(history, default)
    lines = [
        "",
        "## The United States and every state (the State Department's records)",
        "",
        (
            f"All {len(theirs):,} of COW's rows for the United States, against the default "
            "history, which now holds the United States' relations with every state from the "
            "Office of the Historian's records (chiefs of mission and the guide to relations by "
            "country). Those records cover the US side: `DR_at_2` (the US representative in "
            "the partner's capital) is derived for every row; `DR_at_1` (the partner's in "
            "Washington) only where the history records it (the curated partners), and a row "
            "without it counts as a disagreement in `exact`. `DE` is compared two ways: as "
            "diplorel answers it (null where the partner's side is unrecorded and no US "
            "representative is at post: counted as a disagreement), and from the US side "
            "(a comparison convention: 1 with a US representative at post, else 0)."
        ),
        "",
        (
            "| period | rows | DR_at_2 | DE (US side) | DE (as answered) | DR_at_1 where recorded "
            "| exact | no US record |"
        ),
        "|---|---|---|---|---|---|---|---|",
    ]
    us = side_agreement(ours, theirs, us_side_de=True)
    strict = side_agreement(ours, theirs, us_side_de=False)
    for name, a in us.items():
        lines.append(
            f"| {name} | {a['rows']} | {_pct(a['DR_at_2'])} | {_pct(a['DE'])} | "
            f"{_pct(strict[name]['DE'])} | {_pct(a['DR_at_1'])} of {a['DR_at_1 recorded']} | "
            f"{_pct(a['exact'])} | {a['no US record']} |"
        )
    lines += [
        "",
        "### Conventions",
        "",
        "Each convention changed alone, then the combination that agrees best:",
        "",
        "| conventions | DR_at_2 | DE (US side) |",
        "|---|---|---|",
    ]
    grid = [*conventions_grid(), attrs.evolve(default, **BEST)]
    for c in grid:
        a = side_agreement(side_rows(history, c), theirs, us_side_de=True)["all"]
        lines.append(f"| {describe(c)} | {_pct(a['DR_at_2'])} | {_pct(a['DE'])} |")
    side_rows(history, default)  # the context of the default rows, for the reasons below
    best = side_agreement(
        side_rows(history, attrs.evolve(default, **BEST)), theirs, us_side_de=True
    )
    side_rows(history, default)
    a = us["all"]
    lines += [
        "",
        (
            f"Goal: `DR_at_2` >= {GOAL['DR_at_2']:.0%} and `DE` >= {GOAL['DE']:.0%} over all "
            f"rows. Measured under the defaults: `DR_at_2` {_pct(a['DR_at_2'])}, `DE` "
            f"{_pct(a['DE'])} (US side); under the best conventions "
            f"({describe(attrs.evolve(default, **BEST))}): "
            f"`DR_at_2` {_pct(best['all']['DR_at_2'])}, `DE` {_pct(best['all']['DE'])}. "
            + (
                "Met."
                if a["DR_at_2"] >= GOAL["DR_at_2"] and a["DE"] >= GOAL["DE"]
                else "Not met: the disagreements below say why, row by row."
            )
        ),
    ]
    return lines + _disagreements(history, ours, theirs)


def _disagreements(
    history: dr.History, ours: dict[Key, tuple[Side, Side, Side]], theirs: dict[Key, Row]
) -> list[str]:
    """Every disagreement of the US level and of DE over all rows, classified."""
    why = reasons()
    rows_2 = []
    counts: dict[tuple[str, str], int] = {}
    for key in sorted(theirs):
        at_2 = ours[key][1]
        if at_2 == theirs[key][1]:
            continue
        kind, text, source = classify(history, key, at_2, theirs[key][1], why)
        rows_2.append((key, theirs[key][1], at_2, kind, text, source))
        short = (
            text.split(" (")[0].split(":")[0][:70]
            if kind != "cow"
            else "COW error, shown by the records"
        )
        counts[kind, short] = counts.get((kind, short), 0) + 1
    rows_de = []
    for key in sorted(theirs):
        _, at_2, de = ours[key]
        value = _us_de(key, de)
        if value == theirs[key][2]:
            continue
        if at_2 != theirs[key][1]:
            kind, text, source = classify(history, key, at_2, theirs[key][1], why)
        else:
            kind, source = "ours", ""
            text = (
                f"the partner's side is not recorded (COW codes its representative in "
                f"Washington {theirs[key][0]})"
            )
        rows_de.append((key, theirs[key][2], value, kind, text, source))
    by_class: dict[str, int] = {}
    for (kind, _), n in counts.items():
        by_class[kind] = by_class.get(kind, 0) + n
    lines = [
        "",
        "### Every disagreement on the US level (`DR_at_2`), classified",
        "",
        (
            "Classes: `ours` (our error or a gap in our records: to fix), `convention` (COW's "
            "coding convention, documented in the reason), `cow` (a COW error, with the record "
            "that shows it). Reasons for the curated partners come from "
            "`tools/cow_disagreements.json`; the others from the rules of `classify` in "
            "`tools/compare_cow.py` (a non-resident head, a post in interim, the observation "
            "day, a head named with a rank at post all year, no US chief in the records)."
        ),
        "",
        f"Disagreements: {len(rows_2)}; by class: "
        + ", ".join(f"{k} {v}" for k, v in sorted(by_class.items()))
        + ".",
        "",
        "| class | reason | rows |",
        "|---|---|---|",
        *(
            f"| {k} | {r} | {n} |"
            for (k, r), n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
        ),
        "",
        *_classified(rows_2),
    ]
    de_classes: dict[str, int] = {}
    for row in rows_de:
        de_classes[row[3]] = de_classes.get(row[3], 0) + 1
    lines += [
        "",
        "### Every disagreement on `DE` (US side), classified",
        "",
        f"Disagreements: {len(rows_de)}; by class: "
        + ", ".join(f"{k} {v}" for k, v in sorted(de_classes.items()))
        + ".",
        "",
        *_classified(rows_de),
    ]
    return lines


def _classified(rows: list[tuple[Key, int, Side, str, str, str]]) -> list[str]:
    """A table of classified disagreements, one row each."""
    out = [
        "| partner | year | COW | diplorel | class | why | source |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, cow_value, value, kind, text, source in rows:
        name = CONTEXT.get(key, ("?",))[0]
        shown = "no record" if value is None else value
        out.append(
            f"| {name} ({key[0]}) | {key[1]} | {cow_value} | {shown} | {kind} | {text} | {source} |"
        )
    return out


if __name__ == "__main__":
    sys.exit(main())
