"""The ``diplorel`` command line.

Every query works on the curated default history unless ``--history FILE`` is given. Errors
are one line on stderr with exit status 1 (usage errors: 2), never a traceback.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from typing import TextIO

from diplorel.cli._context import Context
from diplorel.cli._parser import COMMANDS, build_parser
from diplorel.exceptions import DiplorelError

__all__ = ["build_parser", "main"]


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
    ctx = Context(out=out, err=err, today=today or dt.date.today())  # noqa: DTZ011
    try:
        return COMMANDS[args.command](args, ctx)
    except DiplorelError as e:
        lines = str(e).splitlines()
        err.write(f"diplorel: error: {lines[0] if lines else type(e).__name__}\n")
        err.writelines(f"{line}\n" for line in lines[1:])
        return 1
    except BrokenPipeError:  # pragma: no cover - output piped into head
        return 1
    except OSError as e:
        err.write(f"diplorel: error: {e}\n")
        return 1
