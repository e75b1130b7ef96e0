"""Checking the command line: argument types for argparse, and checks across arguments.

A check that fails is a usage error: exit status 2, the command's usage line, and one line that
says what was wrong and what to give instead. Only what the user typed is judged here; what is
wrong inside a file is a data error (exit 1).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

FIRST_YEAR, LAST_YEAR = 1, 9999
"""The years a command line may name (those a calendar date can hold)."""

_WHOLE = re.compile(r"[0-9]{1,9}")
_SIZE = re.compile(r"([0-9]{1,15})\s*([kmgt]?)i?b?", re.IGNORECASE)
_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}
_MONTH_DAY = re.compile(r"([0-9]{1,2})-([0-9]{1,2})")
_DAY = re.compile(r"[0-9]{1,2}")
_LONGEST_NAME = 200
"""No state's code, name or alias is longer; longer text is refused before any look-up."""
PANEL_CODES = ("gwcode", "gwc", "iso2c", "iso3c", "iso3n", "m49", "wb_name")
"""The codes ``export panel --codes`` adds (those of :data:`diplorel._panel_columns.CODES`,
named here so that the parser loads no panel module; a test holds the two alike)."""


class UsageError(Exception):
    """The command line asks for something that cannot be done: exit status 2."""


class CommandError(Exception):
    """The command could not be carried out for a reason outside the data: exit status 1."""


def year(text: str) -> int:
    """An argparse type: a year from 1 to 9999."""
    if not _WHOLE.fullmatch(text.strip()) or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        msg = f"expected a year from {FIRST_YEAR} to {LAST_YEAR}, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return int(text)


def step(text: str) -> int:
    """An argparse type: a whole number of years, at least 1."""
    if not _WHOLE.fullmatch(text.strip()) or int(text) < 1:
        msg = f"expected a whole number of years, at least 1, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return int(text)


def size(text: str) -> int:
    """An argparse type: a number of bytes, with an optional unit (``500M``, ``2G``, ``64KiB``)."""
    found = _SIZE.fullmatch(text.strip())
    if found is None or int(found.group(1)) < 1:
        msg = f"expected a size such as 500M or 2G (at least 1 byte), got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return int(found.group(1)) * _UNITS[found.group(2).lower()]


def month_day(text: str) -> str:
    """An argparse type: the day observed in each year, as ``MM-DD`` (``02-29`` allowed).

    Or in each month, as ``DD`` (``31``: the month's last day), for ``--unit month``.
    """
    text = text.strip()
    if _DAY.fullmatch(text) and 1 <= int(text) <= 31:  # noqa: PLR2004 - days of a month
        return text
    found = _MONTH_DAY.fullmatch(text)
    try:
        if found is None:
            raise ValueError(text)  # noqa: TRY301 - one message for both failures
        dt.date(2000, int(found.group(1)), int(found.group(2)))  # a leap year
    except ValueError:
        msg = (
            f"expected a day of the year as MM-DD (e.g. 12-31), or of the month as DD "
            f"(e.g. 15) with --unit month, got {text!r}"
        )
        raise argparse.ArgumentTypeError(msg) from None
    return text


def observed_day(unit: str | None, on: str | None) -> None:
    """Check that ``--on`` fits ``--unit``: MM-DD for years, DD for months, none for days."""
    if on is None:
        return
    if unit == "day":
        msg = "--unit day observes every day; leave --on out"
        raise UsageError(msg)
    by_month = _DAY.fullmatch(on) is not None
    if unit == "month" and not by_month:
        msg = f"--on {on}: with --unit month give the day of the month as DD (e.g. 15)"
        raise UsageError(msg)
    if unit in {None, "year"} and by_month:
        msg = f"--on {on}: give the day of the year as MM-DD (e.g. 06-30), or --unit month"
        raise UsageError(msg)


def code_list(text: str) -> list[str]:
    """An argparse type: panel codes, comma-separated (``gwcode,iso3c``)."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    for name in names:
        if name not in PANEL_CODES:
            msg = f"{name!r} is not a code a panel adds; choose from {', '.join(PANEL_CODES)}"
            raise argparse.ArgumentTypeError(msg)
    if not names:
        msg = f"expected codes, comma-separated, from {', '.join(PANEL_CODES)}; got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return names


def not_a_file(mode: int) -> str | None:
    """What a path is when it is neither a regular file nor a pipe (``"a directory"``...)."""
    if stat.S_ISREG(mode) or stat.S_ISFIFO(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def input_problem(path: str, mode: int) -> str | None:
    """Why ``path`` (of file ``mode``) cannot be read as input, or None when it can."""
    kind = not_a_file(mode)
    if kind is None:
        return None
    what = "give a file inside it" if kind == "a directory" else "give a regular file"
    return f"{path!r} is {kind}, not a file; {what}, or - to read standard input"


def input_stat(path: str) -> os.stat_result:
    """The status of an input path; a usage error unless it is a regular file or a pipe."""
    if not path:
        msg = "an empty file name; give a file name, or - to read standard input"
        raise UsageError(msg)
    try:
        st = Path(path).stat()
    except (FileNotFoundError, NotADirectoryError):
        raise UsageError(f"no such file: {path!r}") from None
    except (OSError, ValueError) as e:  # ValueError: a NUL character in the path
        raise UsageError(f"cannot read {path!r}: {getattr(e, 'strerror', None) or e}") from None
    problem = input_problem(path, st.st_mode)
    if problem is not None:
        raise UsageError(problem)
    return st


def input_file(text: str) -> str:
    """An argparse type: ``-`` (standard input), a regular file, or a pipe."""
    if text != "-":
        try:
            input_stat(text)
        except UsageError as e:
            raise argparse.ArgumentTypeError(str(e)) from None
    return text


def output_file(text: str) -> str:
    """An argparse type: ``-`` (standard output), a file, or a pipe or device to stream to."""
    if text == "-":
        return text
    if not text:
        msg = "an empty file name; give a file name, or - for standard output"
        raise argparse.ArgumentTypeError(msg)
    try:
        mode = Path(text).stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        folder = os.path.dirname(text) or "."  # noqa: PTH120 - the folder as the user wrote it
        if not Path(folder).is_dir():
            msg = f"cannot write {text!r}: the folder {folder!r} does not exist; create it first"
            raise argparse.ArgumentTypeError(msg) from None
        return text
    except (OSError, ValueError) as e:
        msg = f"cannot write {text!r}: {getattr(e, 'strerror', None) or e}"
        raise argparse.ArgumentTypeError(msg) from None
    kind = not_a_file(mode)
    if kind == "a directory":
        msg = f"{text!r} is a directory; give the name of a file inside it"
        raise argparse.ArgumentTypeError(msg)
    if kind in {"a block device", "a socket", "not a regular file"}:
        msg = f"{text!r} is {kind}; give a file name, or - for standard output"
        raise argparse.ArgumentTypeError(msg)
    return text


def state_codes(names: Sequence[str], argument: str) -> list[str]:
    """The codes of states named on the command line; a usage error for an unknown one."""
    from diplorel._states import resolve_state  # noqa: PLC0415 - loads the registry
    from diplorel.exceptions import DiplorelError  # noqa: PLC0415

    codes = []
    for name in names:
        if len(name) > _LONGEST_NAME or not name.strip():
            msg = f"argument {argument}: {name[:40]!r} is not a state's code, name or alias"
            raise UsageError(msg)
        try:
            codes.append(resolve_state(name))
        except DiplorelError as e:
            raise UsageError(f"argument {argument}: {e}") from None
    return codes


def dyad(a: str, b: str) -> tuple[str, str]:
    """The codes of two different states named on the command line."""
    (ca,) = state_codes([a], "a")
    (cb,) = state_codes([b], "b")
    if ca == cb:
        msg = f"give two different states: {a!r} and {b!r} both name {ca}"
        raise UsageError(msg)
    return ca, cb


def query_date(text: str | None, *, option: str = "--on") -> None:
    """Check an ``--on`` (or ``option``) date, a day or an aware datetime, before any data."""
    if text is None:
        return
    from diplorel._dates import to_when  # noqa: PLC0415
    from diplorel.exceptions import DiplorelError  # noqa: PLC0415

    try:
        to_when(text)
    except DiplorelError as e:
        raise UsageError(f"argument {option}: {e}") from None


def year_range(
    first: int | None, last: int | None, every: int | None, default: tuple[int, int]
) -> list[int]:
    """The years from ``--from`` to ``--to`` every ``--step`` (each end has its default)."""
    start = default[0] if first is None else first
    end = default[1] if last is None else last
    if start > end:
        given = "" if last is not None else f" (the default --to is {end})"
        msg = f"--from {start} is after --to {end}{given}; give a --from that is not after --to"
        raise UsageError(msg)
    return list(range(start, end + 1, every or 1))
