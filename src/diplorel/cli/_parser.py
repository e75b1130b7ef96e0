"""The argument parser of the ``diplorel`` tool: one sub-command per task."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from diplorel.cli import _args, _data, _query
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
  cat my-history.json | diplorel validate -
  diplorel export panel --out panel.csv --from 1946 --to 2024
  diplorel export cow --out - | head
  diplorel import cow Diplomatic_Exchange_2006v1.csv --out cow-history.json

exit status: 0 done; 1 the data is wrong (or a file could not be written);
2 the command line is wrong. --debug (or DIPLOREL_DEBUG=1) shows a traceback.
"""

FILE_HELP = "a file, or - for standard input"


def _debug(p: argparse.ArgumentParser, *, default: object) -> None:
    p.add_argument(
        "--debug",
        action="store_true",
        default=default,
        help="on an error, show the Python traceback too",
    )


def _max_size(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--max-size",
        type=_args.size,
        metavar="SIZE",
        help="the largest input to read, such as 500M or 2G (default 256M)",
    )


def _history(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--history",
        type=_args.input_file,
        metavar="FILE",
        help="a history file, or - for standard input (default: the built-in history)",
    )
    _max_size(p)


def _command(
    sub: Any,  # noqa: ANN401 - argparse's sub-parser action has no public type
    name: str,
    text: str,
    **kw: Any,  # noqa: ANN401 - passed on to add_parser
) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(name, help=text, **kw)
    p.set_defaults(parser=p)
    _debug(p, default=argparse.SUPPRESS)
    return p


def _dyad(
    sub: Any,  # noqa: ANN401 - argparse's sub-parser action has no public type
    name: str,
    text: str,
    example: str,
    *,
    with_date: bool = True,
    knowing: bool = False,
) -> argparse.ArgumentParser:
    p = _command(
        sub,
        name,
        text,
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
    if knowing:
        _known_on(p)
    _history(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    return p


def _known_on(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--known-on",
        metavar="DATE",
        help="answer from what could be known on that day: only acts announced or published "
        "by then, with the corrections published by then (default: as known now)",
    )


def _years(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="first", type=_args.year, metavar="YEAR",
                   help="first year (1 to 9999)")  # fmt: skip
    p.add_argument("--to", dest="last", type=_args.year, metavar="YEAR",
                   help="last year, not before --from")  # fmt: skip
    p.add_argument("--step", type=_args.step, metavar="N",
                   help="years between rows (default 1)")  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    """The parser for the whole tool."""
    parser = argparse.ArgumentParser(
        prog="diplorel",
        description="What was the relationship between two states on a given date, and why?",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _debug(parser, default=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _dyad(sub, "status", "the status of two states on a date, with every dimension",
          "diplorel status CUB KOR --on 2024-02-15", knowing=True)  # fmt: skip
    _dyad(sub, "explain", "the derivation of a status: events, rules, citations",
          "diplorel explain CUB KOR --on 1959-06-01", knowing=True)  # fmt: skip
    p = _dyad(sub, "timeline", "the periods of a dyad's history, or its chart",
              "diplorel timeline USA CUB\n"
              "  diplorel timeline USA CUB --from 1955 --png usa-cub.png",
              with_date=False)  # fmt: skip
    p.add_argument("--svg", metavar="FILE", type=_args.output_file,
                   help="write the timeline chart (SVG) to FILE (- for standard output) "
                   "instead of the table")  # fmt: skip
    p.add_argument("--png", metavar="FILE", type=_args.output_file,
                   help="write the chart as a PNG image to FILE (needs the png extra: "
                   "pip install 'diplorel[png]')")  # fmt: skip
    p.add_argument("--from", dest="first", type=_args.year, metavar="YEAR",
                   help="chart: the axis's first year (default: the first event's)")  # fmt: skip
    p.add_argument("--to", dest="last", type=_args.year, metavar="YEAR",
                   help="chart: the axis's last year (default: up to today)")  # fmt: skip
    p.add_argument("--width", type=int, metavar="PX",
                   help="chart: the width in pixels, at least 320 (default 900)")  # fmt: skip
    p.add_argument("--scale", type=float, metavar="N",
                   help="PNG: pixels per chart pixel, 0 to 10 (default 2)")  # fmt: skip
    _dyad(sub, "credit", "credit lines between two states and their balances on a date",
          "diplorel credit KOR CUB --on 2016-01-01")  # fmt: skip
    p = _command(sub, "states", "look up state codes, names, aliases and COW numbers")
    p.add_argument("query", nargs="?", help="a code, name or part of a name")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = _command(sub, "rules", "the rule table with citations")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = _command(sub, "validate", "check a history file; list every problem (exit 1)")
    p.add_argument("file", type=_args.input_file,
                   help="a .json or .jsonl history file, or - for standard input")  # fmt: skip
    p.add_argument("--all", action="store_true",
                   help="list every flagged act (default: how many of each kind)")  # fmt: skip
    _max_size(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = _command(
        sub, "export", "write COW Diplomatic Exchange rows, a dyad-year panel or interval table"
    )
    p.add_argument("format", choices=["cow", "panel", "intervals"])
    p.add_argument("--out", required=True, metavar="FILE", type=_args.output_file,
                   help="the file to write (CSV; a panel or interval table also Parquet), or "
                   "- for standard output")  # fmt: skip
    p.add_argument("--format", dest="file_format", choices=["csv", "parquet"],
                   help="panel, intervals: the file's format (default: parquet for a FILE "
                   "ending in .parquet, else csv); parquet needs the arrow extra")  # fmt: skip
    p.add_argument("--states", nargs="+", metavar="STATE",
                   help="only these states (at least two)")  # fmt: skip
    p.add_argument("--on", dest="day", type=_args.month_day, metavar="MM-DD|DD",
                   help="panel: the day observed in each year (default 12-31), or in each "
                   "month as DD with --unit month (default its last day)")  # fmt: skip
    p.add_argument("--unit", choices=["year", "month", "day"],
                   help="panel: a row per pair of states and year (the default), month or "
                   "day")  # fmt: skip
    p.add_argument("--directed", action="store_true", help="panel: both (a, b) and (b, a)")
    p.add_argument("--involving", nargs="+", metavar="STATE",
                   help="panel: only the dyads of these states (a focal-state panel)")  # fmt: skip
    p.add_argument("--system", choices=["all", "cow", "gw"],
                   help="panel: every state existing on the day (all, the default), or the "
                   "members of COW's or Gleditsch-Ward's state system")  # fmt: skip
    p.add_argument("--membership", choices=["first_day", "last_day", "any_day", "majority"],
                   help="panel: how a year partly inside a membership spell counts "
                   "(default last_day)")  # fmt: skip
    p.add_argument("--codes", nargs="+", type=_args.code_list, metavar="CODE",
                   help="panel: add both states' codes in other systems, comma-separated: "
                   f"{', '.join(_args.PANEL_CODES)}")  # fmt: skip
    p.add_argument("--partial", action="store_true",
                   help="cow: also rows with one side unrecorded, its cells empty")  # fmt: skip
    _years(p)
    _history(p)
    p = _command(sub, "import", "turn COW or Wikidata data into a history file")
    p.add_argument("format", choices=["cow", "wikidata"])
    p.add_argument("file", type=_args.input_file,
                   help="the COW CSV or Wikidata JSON file, or - for standard input")  # fmt: skip
    p.add_argument("--out", required=True, metavar="FILE", type=_args.output_file,
                   help="the history file to write (.json or .jsonl), or - for standard "
                   "output")  # fmt: skip
    _max_size(p)
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
