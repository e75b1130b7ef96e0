"""The data commands: states, rules, validate, export, import."""

from __future__ import annotations

import argparse

from diplorel.cli._context import Context
from diplorel.cli._progress import progress
from diplorel.exceptions import LoadError


def states(args: argparse.Namespace, ctx: Context) -> int:
    """``diplorel states [QUERY]``: codes, names, aliases, COW numbers, existence."""
    from diplorel._states import default_registry  # noqa: PLC0415

    registry = default_registry()
    found = registry.search(args.query) if args.query else list(registry)
    if args.json:
        ctx.dump(
            [
                {
                    "code": s.code,
                    "code_kind": s.code_kind,
                    "name": s.name,
                    "official_name": s.official_name,
                    "aliases": list(s.aliases),
                    "cow": [
                        {
                            "ccode": c.ccode,
                            "abbreviation": c.abbreviation,
                            "start": c.start.isoformat(),
                            "end": c.end.isoformat() if c.end else None,
                        }
                        for c in s.cow
                    ],
                    "begins_on": s.begins_on.isoformat() if s.begins_on else None,
                    "ends_on": s.ends_on.isoformat() if s.ends_on else None,
                    "continued_by": s.continued_by,
                    "absorbed_by": s.absorbed_by,
                }
                for s in found
            ]
        )
        return 0
    rows = [("code", "cow", "name", "exists", "aliases")]
    rows.extend(
        (
            s.code,
            ",".join(str(c) for c in sorted({c.ccode for c in s.cow})),
            s.name,
            f"{s.begins_on or '..'} - {s.ends_on or ''}",
            ", ".join(s.aliases[:4]),
        )
        for s in found
    )
    ctx.table(rows)
    return 0


def rules(args: argparse.Namespace, ctx: Context) -> int:
    """``diplorel rules``: the rule table with citations."""
    from diplorel._default_rules import default_rules  # noqa: PLC0415

    table = default_rules()
    if args.json:
        ctx.dump(
            [
                {
                    "name": r.name,
                    "applies_to": [t.__name__ for t in r.applies_to],
                    "citation": r.citation,
                    "description": r.description,
                }
                for r in table
            ]
        )
        return 0
    ctx.out.write(table.table() + "\n")
    return 0


def validate(args: argparse.Namespace, ctx: Context) -> int:
    """``diplorel validate FILE``: every problem; exit 1 if any."""
    from diplorel._files import load  # noqa: PLC0415

    try:
        with progress(f"validating {args.file}", ctx.err):
            h = load(args.file, strict=True)
    except LoadError as e:
        if args.json:
            ctx.dump({"file": args.file, "valid": False, "problems": list(e.problems)})
        else:
            ctx.out.write(f"{args.file}: {len(e.problems)} problem(s)\n")
            ctx.out.writelines(f"  {p}\n" for p in e.problems)
        return 1
    flagged = [str(a) for a in h.anomalies]
    if args.json:
        ctx.dump({"file": args.file, "valid": True, "items": len(h), "flagged": flagged})
    else:
        ctx.out.write(f"{args.file}: valid, {len(h)} items, {len(h.dyads)} dyads\n")
        ctx.out.writelines(f"  flagged (not an error): {a}\n" for a in flagged)
    return 0


def _years(args: argparse.Namespace) -> list[int]:
    return list(range(args.first, args.last + 1, args.step))


def export(args: argparse.Namespace, ctx: Context) -> int:
    """``diplorel export cow|panel --out FILE``: COW Diplomatic Exchange rows or a panel."""
    h = ctx.history(args)
    if args.format == "cow":
        from diplorel.io import cow  # noqa: PLC0415

        years = _years(args) if args.first is not None else list(cow.OBSERVATION_YEARS)
        with progress(f"writing {args.out}", ctx.err):
            n = cow.write_diplomatic_exchange(h, args.out, years=years, states=args.states)
    else:
        if args.first is None:
            args.first, args.last = 1946, ctx.today.year - 1
        with progress(f"building the panel for {args.out}", ctx.err):
            panel = h.panel(
                years=_years(args), on=args.day, directed=args.directed, states=args.states
            )
            n = panel.to_csv(args.out)
    ctx.err.write(f"diplorel: wrote {n} rows to {args.out}\n")
    return 0


def import_(args: argparse.Namespace, ctx: Context) -> int:
    """``diplorel import cow|wikidata FILE --out HISTORY``: convert into a history file."""
    from diplorel._files import dump  # noqa: PLC0415

    with progress(f"reading {args.file}", ctx.err):
        if args.format == "cow":
            from diplorel.io.cow import read_diplomatic_exchange  # noqa: PLC0415

            h = read_diplomatic_exchange(args.file, strict=False)
        else:
            from diplorel.io.wikidata import read_p530  # noqa: PLC0415

            h = read_p530(args.file)
        dump(h, args.out)
    ctx.err.write(f"diplorel: wrote {len(h)} items ({len(h.dyads)} dyads) to {args.out}\n")
    return 0
