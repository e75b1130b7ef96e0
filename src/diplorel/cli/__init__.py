"""The ``diplorel`` command line: status, explain, timeline, states and rules.

Every command works on the curated default history unless ``--history FILE`` is given. Errors
are one line on stderr with exit status 1 (usage errors: 2), never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from typing import TextIO

from diplorel.cli._commands import COMMANDS, add_commands
from diplorel.exceptions import DiplorelError

__all__ = ["main"]

_EPILOG = """examples:
  diplorel status CUB KOR --on 2024-02-15
  diplorel status "South Korea" Cuba --on 1959-06-01
  diplorel explain CUB KOR --on 2024-02-14T12:00:00+09:00
  diplorel timeline CUB KOR
  diplorel states korea
  diplorel rules
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per task."""
    parser = argparse.ArgumentParser(
        prog="diplorel",
        description="What was the relationship between two states on a given date, and why?",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_commands(parser)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    today: dt.date | None = None,
) -> int:
    """Run the command line; return the exit status.

    ``today`` is read from the clock only here, at the edge, when not given.
    """
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on usage errors, 0 on --help
        return int(e.code or 0)
    if args.command is None:
        parser.print_help(out)
        return 2
    try:
        return COMMANDS[args.command](args, out, today or dt.date.today())  # noqa: DTZ011
    except DiplorelError as e:
        first = str(e).splitlines()
        err.write(f"diplorel: error: {first[0] if first else type(e).__name__}\n")
        for line in first[1:]:
            err.write(f"{line}\n")
        return 1
    except BrokenPipeError:  # pragma: no cover - output piped into head
        return 1
    except OSError as e:
        err.write(f"diplorel: error: {e}\n")
        return 1
