"""The argument parser of the ``diplorel`` tool: one sub-command per task."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from diplorel.cli import _data, _query
from diplorel.cli._context import Context

Command = Callable[[argparse.Namespace, Context], int]

EPILOG = """examples:
  diplorel status CUB KOR --on 2024-02-15
  diplorel status "South Korea" Cuba --on 1959-06-01
  diplorel explain CUB KOR --on 2024-02-14T12:00:00+09:00
  diplorel timeline CUB KOR
  diplorel timeline CUB KOR --svg cub-kor.svg
  diplorel credit CUB KOR --on 2010-06-01
  diplorel states korea
  diplorel rules
  diplorel validate my-history.json
  diplorel export panel --out panel.csv --from 1946 --to 2024
  diplorel export cow --out de.csv
  diplorel import cow Diplomatic_Exchange_2006v1.csv --out cow-history.json
"""


def _common(p: argparse.ArgumentParser, *, history: bool = True) -> None:
    if history:
        p.add_argument(
            "--history", metavar="FILE", help="a history file (default: the built-in one)"
        )
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _dyad(
    sub: Any,  # noqa: ANN401 - argparse's sub-parser action has no public type
    name: str,
    text: str,
    example: str,
    *,
    with_date: bool = True,
) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        name,
        help=text,
        description=text,
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("a", help="a state: ISO code, name or alias (CUB, Cuba)")
    p.add_argument("b", help="the other state")
    if with_date:
        p.add_argument(
            "--on",
            metavar="DATE",
            help="a day (2024-02-15) or an aware datetime (2024-02-14T12:00:00+09:00); "
            "default: today",
        )
    _common(p)
    return p


def _years(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="first", type=int, metavar="YEAR", help="first year")
    p.add_argument("--to", dest="last", type=int, metavar="YEAR", help="last year")
    p.add_argument("--step", type=int, default=1, help="years between rows (default 1)")


def build_parser() -> argparse.ArgumentParser:
    """The parser for the whole tool."""
    parser = argparse.ArgumentParser(
        prog="diplorel",
        description="What was the relationship between two states on a given date, and why?",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _dyad(sub, "status", "the status of two states on a date, with every dimension",
          "diplorel status CUB KOR --on 2024-02-15")  # fmt: skip
    _dyad(sub, "explain", "the derivation of a status: events, rules, citations",
          "diplorel explain CUB KOR --on 1959-06-01")  # fmt: skip
    p = _dyad(sub, "timeline", "the periods of a dyad's history", "diplorel timeline USA CUB",
              with_date=False)  # fmt: skip
    p.add_argument("--svg", metavar="FILE",
                   help="write the timeline chart (SVG) to FILE instead of the table")  # fmt: skip
    _dyad(sub, "credit", "credit lines between two states and their balances on a date",
          "diplorel credit KOR CUB --on 2016-01-01")  # fmt: skip
    p = sub.add_parser("states", help="look up state codes, names, aliases and COW numbers")
    p.add_argument("query", nargs="?", help="a code, name or part of a name")
    _common(p, history=False)
    p = sub.add_parser("rules", help="the rule table with citations")
    _common(p, history=False)
    p = sub.add_parser("validate", help="check a history file; list every problem (exit 1)")
    p.add_argument("file", help="a .json or .jsonl history file")
    _common(p, history=False)
    p = sub.add_parser("export", help="write COW Diplomatic Exchange rows or a dyad-year panel")
    p.add_argument("format", choices=["cow", "panel"])
    p.add_argument("--out", required=True, metavar="FILE", help="the CSV file to write")
    p.add_argument("--states", nargs="+", metavar="STATE", help="only these states")
    p.add_argument("--on", dest="day", default="12-31", metavar="MM-DD",
                   help="panel: the day observed in each year (default 12-31)")  # fmt: skip
    p.add_argument("--directed", action="store_true", help="panel: both (a, b) and (b, a)")
    _years(p)
    p.add_argument("--history", metavar="FILE", help="a history file (default: the built-in one)")
    p = sub.add_parser("import", help="turn COW or Wikidata data into a history file")
    p.add_argument("format", choices=["cow", "wikidata"])
    p.add_argument("file", help="the COW CSV or Wikidata JSON file")
    p.add_argument("--out", required=True, metavar="FILE", help="the history file to write")
    return parser


COMMANDS: dict[str, Command] = {
    "status": _query.status,
    "explain": _query.explain,
    "timeline": _query.timeline,
    "credit": _query.credit,
    "states": _data.states,
    "rules": _data.rules,
    "validate": _data.validate,
    "export": _data.export,
    "import": _data.import_,
}
