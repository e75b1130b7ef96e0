"""The ``diplorel`` command line.

Every query works on the curated default history unless ``--history FILE`` is given (``-`` reads
standard input). Nothing ends in a traceback: an error is a summary line on stderr, then one
line per problem with its place. Exit status 0 means done, 1 that the data is wrong (or a file
could not be written), 2 that the command line is wrong. ``--debug``, or the environment
variable ``DIPLOREL_DEBUG=1``, adds the Python traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from typing import BinaryIO, TextIO

from diplorel.cli._args import CommandError, UsageError
from diplorel.cli._context import Context
from diplorel.cli._parser import COMMANDS, build_parser
from diplorel.cli._streams import DEFAULT_MAX_SIZE
from diplorel.exceptions import DiplorelError, LoadError

__all__ = ["build_parser", "main"]

DEBUG_VARIABLE = "DIPLOREL_DEBUG"
"""Set it (to anything but ``""`` or ``0``) to see the traceback behind an error."""

EXIT_DATA, EXIT_USAGE, EXIT_INTERRUPTED = 1, 2, 130

_REPORT = (
    "this is a bug in diplorel; please report it with the command you ran "
    f"(--debug or {DEBUG_VARIABLE}=1 shows the traceback)"
)


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: BinaryIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    today: dt.date | None = None,
) -> int:
    """Run the command line; return the exit status.

    ``today`` is read from the clock only here, at the edge, when not given; ``stdin`` (bytes)
    is read only for an input named ``-``.
    """
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = build_parser()
    try:
        with redirect_stdout(out), redirect_stderr(err):  # argparse prints to sys.std*
            args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on usage errors, 0 on --help
        return e.code if isinstance(e.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_usage(err)
        err.write("diplorel: error: give a command; diplorel --help lists them\n")
        return EXIT_USAGE
    debug = args.debug or os.environ.get(DEBUG_VARIABLE, "") not in {"", "0"}
    ctx = Context(
        out=out,
        err=err,
        today=today or dt.date.today(),  # noqa: DTZ011 - the user's calendar day
        stdin=stdin,
        max_size=getattr(args, "max_size", None) or DEFAULT_MAX_SIZE,
    )
    try:
        return COMMANDS[args.command](args, ctx)
    except BaseException as e:  # noqa: BLE001 - the one place that turns errors into lines
        if debug and not isinstance(e, UsageError):
            traceback.print_exc(file=err)
        return _report(e, args, out, err)


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _report(e: BaseException, args: object, out: TextIO, err: TextIO) -> int:
    """Write an error as a summary line (and one line per problem); return the exit status."""
    if isinstance(e, UsageError):
        command = getattr(args, "parser", None)
        if command is not None:
            command.print_usage(err)
        prog = command.prog if command is not None else "diplorel"
        err.write(f"{prog}: error: {e}\n")
        return EXIT_USAGE
    if isinstance(e, LoadError):
        n = len(e.problems)
        err.write(f"diplorel: error: cannot load {e.source}: {n} problem{'s' * (n != 1)}\n")
        err.writelines(f"  - {_one_line(p)}\n" for p in e.problems)
        return EXIT_DATA
    if isinstance(e, DiplorelError | CommandError):
        lines = str(e).splitlines() or [type(e).__name__]
        err.write(f"diplorel: error: {_one_line(lines[0])}\n")
        err.writelines(f"{line}\n" for line in lines[1:])
        return EXIT_DATA
    if isinstance(e, BrokenPipeError):  # the reader went away (| head): stop quietly
        _silence(out)
        return EXIT_DATA
    if isinstance(e, KeyboardInterrupt):
        err.write("diplorel: interrupted\n")
        return EXIT_INTERRUPTED
    if not isinstance(e, Exception):  # SystemExit, GeneratorExit: not ours to swallow
        raise e
    err.write(f"diplorel: {_unexpected(e)}\n")
    return EXIT_DATA


def _unexpected(e: Exception) -> str:
    """The line for an error that no check caught: what to do about it."""
    if isinstance(e, OSError):
        where = f"{e.filename!r}: " if e.filename else ""
        return f"error: {where}{e.strerror or _one_line(e)}"
    if isinstance(e, RecursionError):
        return (
            "error: the input is nested too deeply to read; "
            "check it (a JSON document this deep is not a history)"
        )
    if isinstance(e, MemoryError):
        return "error: out of memory; give a smaller input (see --max-size)"
    return f"internal error: {type(e).__name__}: {_one_line(e)[:300]}; {_REPORT}"


def _silence(out: TextIO) -> None:
    """Point standard output at /dev/null, so that Python's final flush does not fail again."""
    if out is not sys.stdout:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
    except (OSError, ValueError):  # pragma: no cover - no descriptor to redirect
        pass
