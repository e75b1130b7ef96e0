"""The sub-commands of the ``diplorel`` tool."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from diplorel._default_history import default_history
from diplorel._history import History
from diplorel.cli._progress import progress
from diplorel.exceptions import LoadError

Command = Callable[[argparse.Namespace, TextIO, dt.date], int]


def _history(args: argparse.Namespace) -> History:
    path = getattr(args, "history", None)
    with progress("loading the history", sys.stderr):
        if path is None:
            return default_history()
        from diplorel._files import load  # noqa: PLC0415 - only when a file is given

        return load(path)


def _validate(args: argparse.Namespace, out: TextIO, _today: dt.date) -> int:
    from diplorel._files import load  # noqa: PLC0415

    try:
        with progress(f"validating {args.file}", sys.stderr):
            h = load(args.file, strict=True)
    except LoadError as e:
        if args.json:
            _dump({"file": args.file, "valid": False, "problems": list(e.problems)}, out)
        else:
            out.write(f"{args.file}: {len(e.problems)} problem(s)\n")
            out.writelines(f"  {p}\n" for p in e.problems)
        return 1
    flagged = [str(a) for a in h.anomalies]
    if args.json:
        _dump({"file": args.file, "valid": True, "items": len(h), "flagged": flagged}, out)
    else:
        out.write(f"{args.file}: valid, {len(h)} items, {len(h.dyads)} dyads\n")
        out.writelines(f"  flagged (not an error): {a}\n" for a in flagged)
    return 0


def _on(args: argparse.Namespace, today: dt.date) -> str:
    return str(args.on) if args.on is not None else today.isoformat()


def _status(args: argparse.Namespace, out: TextIO, today: dt.date) -> int:
    h = _history(args)
    s = h.status(args.a, args.b, on=_on(args, today))
    if args.json:
        from diplorel._export import status_to_json  # noqa: PLC0415

        _dump(status_to_json(s), out)
        return 0
    out.write(f"{s}\n\nwhy:\n")
    out.writelines(f"{step.event.on!s:<23} {step.event.describe()}\n" for step in s.explain().steps)
    return 0


def _explain(args: argparse.Namespace, out: TextIO, today: dt.date) -> int:
    h = _history(args)
    explanation = h.status(args.a, args.b, on=_on(args, today)).explain()
    if args.json:
        from diplorel._export import explanation_to_json  # noqa: PLC0415

        _dump(explanation_to_json(explanation), out)
        return 0
    out.write(f"{explanation}\n")
    return 0


def _timeline(args: argparse.Namespace, out: TextIO, _today: dt.date) -> int:
    h = _history(args)
    periods = h.timeline(args.a, args.b)
    if args.json:
        from diplorel._export import period_to_json  # noqa: PLC0415

        _dump([period_to_json(p) for p in periods], out)
        return 0
    rows = [("from", "until", "diplomatic", "consular", "event")]
    rows.extend(
        (
            str(p.start),
            str(p.end) if p.end else "",
            p.state.diplomatic.value,
            p.state.consular.value,
            p.event.describe(),
        )
        for p in periods
    )
    _table(rows, out)
    return 0


def _credit(args: argparse.Namespace, out: TextIO, today: dt.date) -> int:
    h = _history(args)
    lines = h.credit_lines(args.a, args.b, on=_on(args, today))
    if args.json:
        from diplorel._export import credit_line_to_json  # noqa: PLC0415

        _dump([credit_line_to_json(line) for line in lines], out)
        return 0
    if not lines:
        out.write(f"no credit line between {args.a} and {args.b} on {_on(args, today)}\n")
        return 0
    rows = [("line", "lender", "borrower", "limit", "outstanding", "available", "status")]
    rows.extend(
        (
            line.id,
            line.lender + (f" ({line.institution})" if line.institution else ""),
            line.borrower,
            str(line.limit),
            str(line.outstanding),
            str(line.available),
            line.status.value + ("" if line.certain else " (uncertain)"),
        )
        for line in lines
    )
    _table(rows, out)
    return 0


def _states(args: argparse.Namespace, out: TextIO, _today: dt.date) -> int:
    from diplorel._states import default_registry  # noqa: PLC0415

    registry = default_registry()
    found = registry.search(args.query) if args.query else list(registry)
    if args.json:
        _dump(
            [
                {
                    "code": s.code,
                    "name": s.name,
                    "official_name": s.official_name,
                    "aliases": list(s.aliases),
                    "cow": sorted({c.ccode for c in s.cow}),
                    "begins_on": s.begins_on.isoformat() if s.begins_on else None,
                    "ends_on": s.ends_on.isoformat() if s.ends_on else None,
                }
                for s in found
            ],
            out,
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
    _table(rows, out)
    return 0


def _rules(args: argparse.Namespace, out: TextIO, _today: dt.date) -> int:
    from diplorel._default_rules import default_rules  # noqa: PLC0415

    rules = default_rules()
    if args.json:
        _dump(
            [
                {
                    "name": r.name,
                    "applies_to": [t.__name__ for t in r.applies_to],
                    "citation": r.citation,
                    "description": r.description,
                }
                for r in rules
            ],
            out,
        )
        return 0
    out.write(rules.table() + "\n")
    return 0


def _dump(data: Any, out: TextIO) -> None:  # noqa: ANN401 - any JSON value
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")


def _table(rows: Sequence[tuple[str, ...]], out: TextIO) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [c.ljust(w) for c, w in zip(row, widths, strict=False)]
        out.write("  ".join([*cells, row[-1]]).rstrip() + "\n")


COMMANDS: dict[str, Command] = {
    "status": _status,
    "explain": _explain,
    "timeline": _timeline,
    "credit": _credit,
    "states": _states,
    "rules": _rules,
    "validate": _validate,
}


def _dyad_command(sub: Any, name: str, text: str, *, with_date: bool = True) -> None:  # noqa: ANN401
    p = sub.add_parser(name, help=text, description=text)
    p.add_argument("a", help="a state: ISO code, name or alias (CUB, Cuba)")
    p.add_argument("b", help="the other state")
    if with_date:
        p.add_argument(
            "--on",
            metavar="DATE",
            help="a day (2024-02-15) or an aware datetime (2024-02-14T12:00:00+09:00); "
            "default: today",
        )
    p.add_argument("--history", metavar="FILE", help="a history file (default: the built-in one)")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def add_commands(parser: argparse.ArgumentParser) -> None:
    """Add every sub-command to ``parser``."""
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _dyad_command(sub, "status", "the status of two states on a date, with every dimension")
    _dyad_command(sub, "explain", "the derivation of a status: events, rules, citations")
    _dyad_command(sub, "timeline", "the periods of a dyad's history", with_date=False)
    _dyad_command(sub, "credit", "credit lines between two states and their balances on a date")
    p = sub.add_parser("states", help="look up state codes, names, aliases and COW numbers")
    p.add_argument("query", nargs="?", help="a code, name or part of a name")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = sub.add_parser("rules", help="the rule table with citations")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = sub.add_parser(
        "validate", help="check a history file in strict mode; list every problem (exit 1)"
    )
    p.add_argument("file", help="a .json or .jsonl history file")
    p.add_argument("--json", action="store_true", help="machine-readable output")
