"""Where commands read and write: files, ``-`` for standard input and output, and pipes.

Inputs are read whole, up to a size limit, and only from regular files and pipes: a directory
or a device (``/dev/zero``) is refused before it is opened, and a pipe is opened without
waiting, so that a FIFO nobody writes to ends at once instead of hanging. Outputs go to
standard output for ``-``, are streamed to a pipe or a character device (``/dev/null``), and
replace a regular file atomically (through :func:`diplorel._save.write_atomic`).
"""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

import attrs

from diplorel.cli._args import CommandError, UsageError, input_problem, input_stat, not_a_file
from diplorel.exceptions import LoadError

if TYPE_CHECKING:
    from diplorel._history import History

STDIN = "<stdin>"
"""The name standard input goes by in messages."""

DEFAULT_MAX_SIZE = 256 * 2**20
"""The largest input the command line reads unless ``--max-size`` says otherwise: 256 MiB."""

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
"""Opening a FIFO without it waits for the other end, maybe for ever (0 where there are none)."""

_SNIFF = 2**20
"""A JSON Lines header is a short line; a longer first line is read as a JSON document."""


@attrs.frozen
class Input:
    """The bytes of an input, the name to report it by, and whether it is JSON Lines."""

    name: str
    data: bytes
    jsonl: bool


def format_size(n: int) -> str:
    """``268435456`` -> ``"256 MiB"``; a size that is not a whole unit also in bytes."""
    for unit, factor in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= factor and n % factor == 0:
            return f"{n // factor} {unit} ({n} bytes)"
    return f"{n} bytes"


def _too_large(name: str, limit: int) -> LoadError:
    return LoadError(
        name,
        [
            (
                f"the input is larger than the limit of {format_size(limit)}; "
                "give a larger --max-size (e.g. --max-size 2G) to read it"
            )
        ],
    )


def _empty(name: str, where: str) -> LoadError:
    return LoadError(name, [f"nothing was read from {where}: it gave no data"])


def too_deep(name: str) -> LoadError:
    """The error for a document nested deeper than Python's parser can follow."""
    return LoadError(
        name,
        [
            (
                "the document is nested too deeply to read (beyond Python's recursion limit); "
                "a history file nests a few levels deep"
            )
        ],
    )


def looks_like_jsonl(data: bytes) -> bool:
    """Whether a stream holds JSON Lines: a first line that is a header without ``items``."""
    first = data.lstrip()[:_SNIFF].partition(b"\n")[0]
    if not first.rstrip().endswith(b"}"):
        return False
    try:
        header = json.loads(first)
    except (ValueError, RecursionError):  # the load that follows reports it
        return False
    return isinstance(header, dict) and "items" not in header


def read_input(path: str, stdin: BinaryIO | None, max_size: int) -> Input:
    """Read ``path`` (``-`` for standard input) whole, refusing devices and folders."""
    if path == "-":
        data = _read_stdin(stdin, max_size)
        return Input(STDIN, data, jsonl=looks_like_jsonl(data))
    data, pipe = _read_path(path, max_size)
    if pipe:
        return Input(path, data, jsonl=looks_like_jsonl(data))
    return Input(path, data, jsonl=Path(path).suffix == ".jsonl")


def _read_stdin(stdin: BinaryIO | None, max_size: int) -> bytes:
    stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
    if stream is None:
        msg = "there is no standard input to read; give a file name instead of -"
        raise UsageError(msg)
    if stream.isatty():
        msg = "standard input is a terminal; pipe or redirect a file into it (- < FILE)"
        raise UsageError(msg)
    try:
        st: os.stat_result | None = os.fstat(stream.fileno())
    except (OSError, ValueError):  # an in-memory stream
        st = None
    if st is not None:
        kind = not_a_file(st.st_mode)
        if kind is not None and not stat.S_ISSOCK(st.st_mode):
            msg = f"standard input is {kind}; pipe or redirect a file into it (- < FILE)"
            raise UsageError(msg)
        if stat.S_ISREG(st.st_mode) and st.st_size > max_size:
            raise _too_large(STDIN, max_size)
    data = stream.read(max_size + 1)
    if len(data) > max_size:
        raise _too_large(STDIN, max_size)
    if not data:
        raise _empty(STDIN, "standard input")
    return data


def _read_path(path: str, max_size: int) -> tuple[bytes, bool]:
    """The bytes of a regular file or a pipe, and whether it was a pipe."""
    input_stat(path)
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0))
    except OSError as e:
        raise UsageError(f"cannot read {path!r}: {e.strerror or e}") from None
    with open(fd, "rb", closefd=True) as f:  # noqa: PTH123 - an open descriptor
        st = os.fstat(fd)
        problem = input_problem(path, st.st_mode)  # it may have changed since the stat
        if problem is not None:
            raise UsageError(problem)
        pipe = stat.S_ISFIFO(st.st_mode)
        if pipe:
            # A pipe with no writer reads as empty at once; with one, reading waits for it.
            os.set_blocking(fd, True)
        elif st.st_size > max_size:
            raise _too_large(path, max_size)
        try:
            data = f.read(max_size + 1)
        except OSError as e:
            raise CommandError(f"cannot read {path!r}: {e.strerror or e}") from None
    if len(data) > max_size:
        raise _too_large(path, max_size)
    if pipe and not data:
        raise _empty(path, "the pipe (no process wrote to it)")
    return data, pipe


def load_history(source: Input, *, strict: bool = True) -> History:
    """Load a history from an input read by :func:`read_input`."""
    from diplorel._files import loads, loads_jsonl  # noqa: PLC0415

    reader = loads_jsonl if source.jsonl else loads
    try:
        return reader(source.data, strict=strict, source=source.name)
    except RecursionError:  # a library without its own depth limit
        raise too_deep(source.name) from None


@contextmanager
def as_file(path: str, stdin: BinaryIO | None, max_size: int, suffix: str) -> Iterator[str]:
    """A regular file for a library reader that takes a path: ``path``, or a copy of a stream.

    A :class:`~diplorel.LoadError` about the copy is raised again under the input's name.
    """
    if path != "-":
        st = input_stat(path)
        if stat.S_ISREG(st.st_mode):
            if st.st_size > max_size:
                raise _too_large(path, max_size)
            try:
                yield path
            except RecursionError:
                raise too_deep(path) from None
            return
    source = read_input(path, stdin, max_size)
    with tempfile.TemporaryDirectory(prefix="diplorel-") as folder:
        copy = Path(folder) / f"input{suffix}"
        copy.write_bytes(source.data)
        try:
            yield str(copy)
        except LoadError as e:
            if e.source != str(copy):
                raise
            raise LoadError(source.name, e.problems) from None
        except RecursionError:
            raise too_deep(source.name) from None


def is_stream(target: str) -> bool:
    """Whether an output goes to a stream (``-``, a pipe, a character device), not a file."""
    if target == "-":
        return True
    try:
        mode = Path(target).stat().st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def describe(target: str) -> str:
    """How messages name an output."""
    return "standard output" if target == "-" else target


def write_text(target: str, text: str, out: TextIO) -> None:
    """Write ``text`` to ``-`` (``out``), a pipe or a device, or atomically to a file."""
    if target == "-":
        out.write(text)
        out.flush()
        return
    if is_stream(target):
        _write_stream(target, text)
        return
    from diplorel._save import write_atomic  # noqa: PLC0415

    write_atomic(target, lambda: text)


def _write_stream(target: str, text: str) -> None:
    try:
        fd = os.open(target, os.O_WRONLY | _NONBLOCK)
    except OSError as e:
        if e.errno == errno.ENXIO:
            msg = f"cannot write to {target!r}: no process is reading the pipe; start it first"
            raise CommandError(msg) from None
        raise CommandError(f"cannot write to {target!r}: {e.strerror or e}") from None
    if _NONBLOCK:
        os.set_blocking(fd, True)
    with open(fd, "w", encoding="utf-8", closefd=True) as f:  # noqa: PTH123 - a descriptor
        f.write(text)


def save(target: str, write: Callable[[str], int], out: TextIO) -> int:
    """Call ``write(path)`` (a library writer) for ``target``, or stream what it writes.

    A library writer saves files only; for ``-``, a pipe or a device it writes a temporary file,
    whose text is then streamed to ``target``. Returns what ``write`` returned (a count).
    """
    if not is_stream(target):
        return write(target)
    suffix = "" if target == "-" else Path(target).suffix
    with tempfile.TemporaryDirectory(prefix="diplorel-") as folder:
        path = str(Path(folder) / f"output{suffix}")
        count = write(path)
        text = Path(path).read_text(encoding="utf-8")
    write_text(target, text, out)
    return count
