"""The data commands: states, rules, validate, export, import."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import TYPE_CHECKING

from diplorel.cli import _args
from diplorel.cli._args import CommandError, UsageError
from diplorel.cli._context import Context
from diplorel.cli._progress import progress
from diplorel.exceptions import LoadError

if TYPE_CHECKING:
    import pendulum

    from diplorel._states import State


def states(args: argparse.Namespace, ctx: Context) -> int:
    """``diplorel states [QUERY]``: codes, names, aliases, COW and G-W spells, existence.

    A query that names one state (a code, name or alias) shows that state in full; other text
    lists the states with its words in a name (``korea``); no such state is an error (exit 1)
    that suggests near misses.
    """
    from diplorel._states import default_registry  # noqa: PLC0415

    registry = default_registry()
    found = registry.search(args.query) if args.query else list(registry)
    if not found:
        near = ", ".join(
            f"{s.code} ({s.name})" for s in map(registry.get, registry.suggest(args.query))
        )
        hint = f"; near misses: {near}" if near else ""
        msg = f"no state matches {args.query[:80]!r}; try a code, or a word of a name (korea){hint}"
        raise CommandError(msg)
    if args.json:
        ctx.dump([_state_json(s) for s in found])
        return 0
    if args.query and len(found) == 1:
        ctx.table(_state_card(found[0]))
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


def _day(day: pendulum.Date | None) -> str | None:
    return day.isoformat() if day else None


def _state_json(s: State) -> dict[str, object]:
    """What ``states --json`` gives for one state."""
    return {
        "code": s.code,
        "code_kind": s.code_kind,
        "name": s.name,
        "official_name": s.official_name,
        "aliases": list(s.aliases),
        "iso2": s.iso2,
        "iso_numeric": s.iso_numeric,
        "m49": s.m49,
        "wb_name": s.wb_name,
        "cow": [
            {
                "ccode": c.ccode,
                "abbreviation": c.abbreviation,
                "start": _day(c.start),
                "end": _day(c.end),
            }
            for c in s.cow
        ],
        "gw": [
            {"gwcode": g.gwcode, "letters": g.letters, "start": _day(g.start), "end": _day(g.end)}
            for g in s.gw
        ],
        "begins_on": _day(s.begins_on),
        "ends_on": _day(s.ends_on),
        "continued_by": s.continued_by,
        "absorbed_by": s.absorbed_by,
    }


def _state_card(s: State) -> list[tuple[str, str]]:
    """The rows of ``states QUERY`` for the one state a query names."""
    iso = f"alpha-2 {s.iso2}, numeric {s.iso_numeric or 'none'}" if s.iso2 else "none"
    rows = [
        (s.code, s.name),
        ("official name", s.official_name),
        ("code kind", s.code_kind),
        ("aliases", ", ".join(s.aliases) or "none"),
        ("exists", f"{s.begins_on or '..'} - {s.ends_on or ''}".rstrip()),
        ("ISO 3166", iso),
        ("UN M49", str(s.m49) if s.m49 is not None else "none"),
        ("World Bank", s.wb_name or "none"),
    ]
    for label, spells in (
        ("COW", [(c.ccode, c.abbreviation, c.start, c.end) for c in s.cow]),
        ("G-W", [(g.gwcode, g.letters, g.start, g.end) for g in s.gw]),
    ):
        lines = [
            f"{n} {letters} {start} - {end or ''}".rstrip() for n, letters, start, end in spells
        ]
        rows += [(label if i == 0 else "", line) for i, line in enumerate(lines or ["none"])]
    return rows


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
    from diplorel.cli._streams import STDIN, load_history  # noqa: PLC0415

    name = STDIN if args.file == "-" else args.file
    try:
        source = ctx.read(args.file)
        with progress(f"validating {name}", ctx.err):
            h = load_history(source, strict=True)
    except LoadError as e:
        problems = [" ".join(str(p).split()) for p in e.problems]
        if args.json:
            ctx.dump({"file": name, "valid": False, "problems": problems})
        else:
            ctx.out.write(f"{name}: {len(problems)} problem(s)\n")
            ctx.out.writelines(f"  {p}\n" for p in problems)
        return 1
    flagged = [str(a) for a in h.anomalies]
    kinds = Counter(str(a.kind) for a in h.anomalies)
    if args.json:
        ctx.dump(
            {
                "file": name,
                "valid": True,
                "items": len(h),
                "flagged_by_kind": dict(sorted(kinds.items())),
                "flagged": flagged,
            }
        )
        return 0
    ctx.out.write(f"{name}: valid, {len(h)} items, {len(h.dyads)} dyads\n")
    if args.all:
        ctx.out.writelines(f"  flagged (not an error): {a}\n" for a in flagged)
    elif flagged:
        ctx.out.writelines(
            f"  flagged (not an error): {n} {kind}\n" for kind, n in sorted(kinds.items())
        )
        ctx.out.write("  (--all lists each one)\n")
    return 0


def _export_checks(args: argparse.Namespace, today: int) -> list[int]:
    """The years to export, after every usage check of ``export``; before any data is read."""
    if args.states is not None:
        codes = set(_args.state_codes(args.states, "--states"))
        if len(codes) < 2:  # noqa: PLR2004 - a dyad
            msg = f"argument --states: give at least two different states (got {', '.join(codes)})"
            raise UsageError(msg)
    if args.involving is not None:
        _args.state_codes(args.involving, "--involving")
    if args.format == "panel":
        _panel_checks(args)
        return _args.year_range(args.first, args.last, args.step, (1946, today - 1))
    if args.format == "intervals":
        _intervals_checks(args)
        return []
    _refuse(
        [*_panel_options(args), (args.file_format, "--format")],
        "{} applies to export panel only; leave it out of export cow",
    )
    if args.first is None and args.last is None:
        if args.step is not None:
            msg = "--step applies to a range of years; give --from and --to with it"
            raise UsageError(msg)
        from diplorel.io.cow import OBSERVATION_YEARS  # noqa: PLC0415

        return list(OBSERVATION_YEARS)
    return _args.year_range(args.first, args.last, args.step, (1816, today - 1))


def _panel_checks(args: argparse.Namespace) -> None:
    """The usage checks of ``export panel`` alone: the observed day, a Parquet target."""
    _args.observed_day(args.unit, args.day)
    if _parquet(args):
        from diplorel.cli._streams import is_stream  # noqa: PLC0415

        if is_stream(args.out):
            msg = "a Parquet file is written whole: give --out a file name, not a stream"
            raise UsageError(msg)


def _intervals_checks(args: argparse.Namespace) -> None:
    """The usage checks of ``export intervals``: every answer of every day, no panel options."""
    years = [(args.first, "--from"), (args.last, "--to"), (args.step, "--step")]
    _refuse(
        [*_panel_options(args), (args.partial or None, "--partial"), *years],
        "{} does not apply to export intervals (every day of every dyad)",
    )
    _panel_checks(args)


def _panel_options(args: argparse.Namespace) -> list[tuple[object, str]]:
    """The options that shape a panel alone, each with the value given (None: not given)."""
    return [
        (args.day, "--on"),
        (args.directed or None, "--directed"),
        (args.involving, "--involving"),
        (args.system, "--system"),
        (args.membership, "--membership"),
        (args.codes, "--codes"),
        (args.unit, "--unit"),
    ]


def _refuse(options: list[tuple[object, str]], message: str) -> None:
    """A usage error naming the first option given of ``options`` (``message`` names it)."""
    for given, option in options:
        if given is not None:
            raise UsageError(message.format(option))


def _parquet(args: argparse.Namespace) -> bool:
    """Whether ``export panel`` writes Parquet: ``--format parquet``, or a ``.parquet`` file."""
    if args.file_format is not None:
        return bool(args.file_format == "parquet")
    return str(args.out).lower().endswith(".parquet")


def export(args: argparse.Namespace, ctx: Context) -> int:
    """``diplorel export cow|panel|intervals --out FILE``: COW rows, a panel, interval table."""
    from diplorel.cli._streams import describe, is_stream, save  # noqa: PLC0415

    years = _export_checks(args, ctx.today.year)
    parquet = args.format in {"panel", "intervals"} and _parquet(args)
    if parquet:  # before any data is read: without the extra, say so at once
        from diplorel._panel_arrow import arrow  # noqa: PLC0415

        arrow(f"export {args.format} --format parquet")
    h = ctx.history(args)

    def write(path: str) -> int:
        if args.format == "cow":
            from diplorel._history import derived  # noqa: PLC0415
            from diplorel._provenance import provenance, write_sidecar  # noqa: PLC0415
            from diplorel.io.cow import write_diplomatic_exchange  # noqa: PLC0415

            count = write_diplomatic_exchange(
                h, path, years=years, states=args.states, partial=args.partial
            )
            query = {
                "table": "COW Diplomatic Exchange rows",
                "years": years,
                "states": args.states,
                "partial": args.partial,
            }
            write_sidecar(path, provenance(derived(h), query))
            return count
        if args.format == "intervals":
            from diplorel._intervals import intervals  # noqa: PLC0415

            table = intervals(h, states=args.states)
            return table.to_parquet(path) if parquet else table.to_csv(path)
        panel = h.panel(
            years=years,
            on=args.day,
            unit=args.unit or "year",
            directed=args.directed,
            states=args.states,
            involving=args.involving,
            system=args.system or "all",
            membership=args.membership or "last_day",
            codes=[c for given in args.codes or () for c in given],
        )
        return panel.to_parquet(path) if parquet else panel.to_csv(path)

    with progress(f"writing {describe(args.out)}", ctx.err):
        n = save(args.out, write, ctx.out)
    ctx.err.write(f"diplorel: wrote {n} rows to {describe(args.out)}{_credit(args)}\n")
    if parquet:
        ctx.err.write(
            "diplorel: its provenance (to cite it by) is in the file's schema metadata, "
            "under diplorel.provenance\n"
        )
    elif not is_stream(args.out):
        ctx.err.write(f"diplorel: its provenance (to cite it by): {args.out}.provenance.json\n")
    if n == 0 and args.format == "cow" and not args.partial:
        ctx.err.write(
            "diplorel: a pair with one side unrecorded has no row; --partial writes it with "
            "that side's cells empty\n"
        )
    return 0


US_RECORDS_CREDIT = (
    "; the United States' rows come from the Office of the Historian, U.S. Department of "
    "State (history.state.gov, public domain): please cite it"
)
"""What ``export`` adds to its last line when the built-in history's US records are in it."""


def _credit(args: argparse.Namespace) -> str:
    """The credit of the records behind an export ("" when there is none to give).

    The Office of the Historian's, when the built-in history is exported with the United
    States among the states.
    """
    if getattr(args, "history", None) is not None:
        return ""
    if args.states is not None and "USA" not in _args.state_codes(args.states, "--states"):
        return ""
    return US_RECORDS_CREDIT


def import_(args: argparse.Namespace, ctx: Context) -> int:
    """``diplorel import cow|wikidata FILE --out HISTORY``: convert into a history file."""
    from diplorel._files import dump  # noqa: PLC0415
    from diplorel.cli._streams import STDIN, as_file, describe, save  # noqa: PLC0415

    name = STDIN if args.file == "-" else args.file
    with (
        progress(f"reading {name}", ctx.err),
        as_file(
            args.file, ctx.stdin, ctx.max_size, ".csv" if args.format == "cow" else ".json"
        ) as path,
    ):
        if args.format == "cow":
            from diplorel.io.cow import read_diplomatic_exchange  # noqa: PLC0415

            h = read_diplomatic_exchange(path, strict=False)
        else:
            from diplorel.io.wikidata import read_p530  # noqa: PLC0415

            h = read_p530(path)

    def write(path: str) -> int:
        dump(h, path)
        return len(h)

    save(args.out, write, ctx.out)
    ctx.err.write(
        f"diplorel: wrote {len(h)} items ({len(h.dyads)} dyads) to {describe(args.out)}\n"
    )
    return 0
