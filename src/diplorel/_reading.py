"""Reading untrusted JSON: size and depth caps, duplicate keys, problems with their place.

Python's :mod:`json` keeps the last of duplicate keys silently (``{"items": [...], "items":
[]}`` has no items) and follows nesting until the interpreter's recursion limit. Here every
duplicate key is a problem naming the key and its place, a document larger than ``max_size``
bytes is refused before it is parsed, and one nested deeper than ``max_depth`` levels is
refused with the limit named, never with a :class:`RecursionError`.

>>> parser = JsonParser(max_depth=100)
>>> parser.parse('{"items": [1], "items": []}')
(None, ["duplicate key 'items' (given 2 times in one object) @ $"])
>>> parser.parse('[[[1]]]', line=7)
([[[1]]], [])
>>> print(depth_problem([[[1]]], max_depth=2, where="line 7 $"))
the data nests deeper than the limit of 2 levels (max_depth) @ line 7 $[0]
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any, BinaryIO

from diplorel.exceptions import InvalidQueryError, InvalidTypeError, Problem

DEFAULT_MAX_SIZE = 2**30
"""The largest history a load reads unless told otherwise: 1 GiB (in bytes of UTF-8)."""

DEFAULT_MAX_DEPTH = 100
"""The deepest nesting a load reads unless told otherwise; a history nests 5 levels deep."""

WALK_ALL_BELOW = 16
"""An item that loads is at most this deep (the schema's own nesting is 5 levels), so items
are walked for their depth only when they fail to load, unless ``max_depth`` is below this."""

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CHUNK = 2**20


def check_limits(max_size: int, max_depth: int) -> None:
    """Refuse limits that are not whole numbers of at least 0 bytes and 1 level."""
    for name, value, least in (("max_size", max_size, 0), ("max_depth", max_depth, 1)):
        if type(value) is not int:
            raise InvalidTypeError(value, field=name, expected="an int")
        if value < least:
            raise InvalidQueryError(value, f"{name} must be at least {least}")


def format_size(n: int) -> str:
    """``1073741824`` -> ``"1 GiB"``; other sizes in bytes (``"1000 bytes"``)."""
    for unit, factor in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= factor and n % factor == 0:
            return f"{n // factor} {unit}"
    return f"{n} byte{'s' if n != 1 else ''}"


def _too_large(size: str, max_size: int) -> Problem:
    return Problem(
        f"the input is {size}, larger than the limit of {format_size(max_size)} (max_size); "
        "pass a larger max_size to read it"
    )


def size_problem(text: str | bytes, max_size: int) -> Problem | None:
    """The problem of a text larger than ``max_size`` bytes (UTF-8 for ``str``), or None."""
    n = len(text)
    if n > max_size:
        exact = isinstance(text, bytes) or text.isascii()
        return _too_large(f"{n} bytes" if exact else f"at least {n} bytes", max_size)
    if isinstance(text, str) and n * 4 > max_size and not text.isascii():
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > max_size:
            return _too_large(f"{size} bytes", max_size)
    return None


def depth_problem(value: object, *, max_depth: int, where: str, depth: int = 1) -> Problem | None:
    """The problem of ``value``, at ``where`` and ``depth``, nesting deeper than ``max_depth``.

    The problem names the field (or element) of ``value`` under which the nesting is too deep.
    """
    if depth > max_depth:
        return problem_at(_deeper(max_depth), where)
    if type(value) is dict:
        children = [(c, key_path(where, k)) for k, c in value.items() if type(c) in _NESTS]
    elif type(value) is list:
        children = [(c, f"{where}[{i}]") for i, c in enumerate(value) if type(c) in _NESTS]
    else:
        return None
    for child, place in children:
        stack = [(child, depth + 1)]
        while stack:
            v, d = stack.pop()
            if d > max_depth:
                return problem_at(_deeper(max_depth), place)
            if type(v) is dict:
                stack.extend((c, d + 1) for c in v.values() if type(c) in _NESTS)
            elif type(v) is list:
                stack.extend((c, d + 1) for c in v if type(c) in _NESTS)
    return None


def _deeper(max_depth: int) -> str:
    return f"the data nests deeper than the limit of {max_depth} levels (max_depth)"


_NESTS = (dict, list)


_WHERE = re.compile(r"(?:line (?P<line>[0-9]+) )?(?P<path>\$.*)")


def problem_at(message: str, where: str) -> Problem:
    """A problem at ``where``: a JSON path, after ``line N`` for JSON Lines (``line 3 $.on``).

    >>> p = problem_at("expected a string, got the number 5", "line 3 $.place")
    >>> p.line, p.path
    (3, '$.place')
    """
    m = _WHERE.fullmatch(where)
    if m is None:
        return Problem(f"{message} ({where})" if where else message)
    line = m.group("line")
    return Problem(message, path=m.group("path"), line=int(line) if line else None)


def key_path(path: str, key: str) -> str:
    """``path`` followed by an object's ``key``: ``$.sources.s1``, ``$.sources["a b"]``."""
    return f"{path}.{key}" if key.isidentifier() else f"{path}[{json.dumps(key)}]"


class JsonParser:
    """Parses JSON texts one after another, finding duplicate keys; one per load."""

    def __init__(self, *, max_depth: int) -> None:
        self.max_depth = max_depth
        self._duplicates: list[tuple[dict[str, Any], list[tuple[str, int]]]] = []
        self._decoder = json.JSONDecoder(object_pairs_hook=self._hook(), parse_constant=NotANumber)

    def _hook(self) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
        """Each object as a dict, noting those with duplicate keys (a closure: the fastest)."""
        duplicates = self._duplicates

        def build(
            pairs: list[tuple[str, Any]], _dict: type[dict[str, Any]] = dict
        ) -> dict[str, Any]:
            d = _dict(pairs)
            if len(d) != len(pairs):
                counts = Counter(k for k, _ in pairs)
                duplicates.append((d, [(k, n) for k, n in counts.items() if n > 1]))
            return d

        return build

    def parse(self, text: str, *, line: int | None = None) -> tuple[Any, list[Problem]]:
        """The value of ``text`` and no problems, or None and its problems.

        ``line`` is the line ``text`` is on (JSON Lines): the problems then name it.
        """
        try:
            value = self._decoder.decode(text)
        except json.JSONDecodeError as e:
            self._duplicates.clear()
            if line is None:
                return None, [Problem(f"not valid JSON: {e.msg}", line=e.lineno, column=e.colno)]
            return None, [Problem(f"not valid JSON: {e.msg} (column {e.colno})", line=line)]
        except RecursionError:
            self._duplicates.clear()
            return None, [self._too_deep(line)]
        if self._duplicates:
            found = list(self._duplicates)
            self._duplicates.clear()
            return None, _duplicate_problems(value, found, line)
        return value, []

    def _too_deep(self, line: int | None) -> Problem:
        limit = sys.getrecursionlimit() // 2
        if self.max_depth < limit:
            message = _deeper(self.max_depth)
        else:
            message = (
                "the data nests deeper than Python's JSON parser can follow "
                f"(max_depth is {self.max_depth})"
            )
        return Problem(message, line=line)


class NotANumber:
    """``NaN``, ``Infinity`` or ``-Infinity``: Python's parser takes them, JSON has none.

    They are read as this, which no field takes, so that the problem names their place.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        """The literal as written."""
        return self.text


def _duplicate_problems(
    root: object, found: list[tuple[dict[str, Any], list[tuple[str, int]]]], line: int | None
) -> list[Problem]:
    keys_of = {id(d): keys for d, keys in found}
    problems = []
    stack: list[tuple[object, str]] = [(root, "$")]
    while stack:
        v, p = stack.pop()
        if type(v) is dict:
            for key, n in keys_of.get(id(v), ()):
                message = f"duplicate key {key!r} (given {n} times in one object)"
                problems.append(Problem(message, path=p, line=line))
            stack.extend((c, key_path(p, k)) for k, c in reversed(v.items()) if type(c) in _NESTS)
        elif type(v) is list:
            nested = [(c, f"{p}[{i}]") for i, c in enumerate(v) if type(c) in _NESTS]
            stack.extend(reversed(nested))
    return problems


def read_regular_file(path: str | os.PathLike[str], max_size: int) -> bytes | Problem:
    """The bytes of a regular file of at most ``max_size`` bytes, or the problem why not.

    Directories, devices (``/dev/zero``), pipes and sockets are refused before they are
    opened (opening a device may do something), and the file is opened without waiting for a
    writer, so that a FIFO put in its place meanwhile cannot hang the load either.
    """
    try:
        mode = os.stat(path).st_mode  # noqa: PTH116 - the same kind of call as os.open
        if stat.S_ISREG(mode):
            fd = os.open(path, os.O_RDONLY | _NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        return Problem(f"cannot read the file: {e.strerror or e}")
    if not stat.S_ISREG(mode):
        return _not_a_file(mode)
    with os.fdopen(fd, "rb", buffering=0) as f:
        st = os.fstat(fd)  # what was opened: the path may have been replaced in between
        if not stat.S_ISREG(st.st_mode):
            return _not_a_file(st.st_mode)
        if st.st_size > max_size:
            return _too_large(f"{st.st_size} bytes", max_size)
        try:
            return _read_capped(f, st.st_size, max_size)
        except OSError as e:
            return Problem(f"cannot read the file: {e.strerror or e}")


def _read_capped(f: BinaryIO, size_hint: int, max_size: int) -> bytes | Problem:
    """All of ``f``, unless it holds more than ``max_size`` bytes (it may grow meanwhile)."""
    chunks: list[bytes] = []
    size, want = 0, size_hint + 1
    while size <= max_size:  # a read may return less than asked: go on to the end
        chunk = f.read(want - size if size < want else _CHUNK)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    return _too_large(f"more than {max_size} bytes", max_size)


def _not_a_file(mode: int) -> Problem:
    return Problem(f"cannot read {_kind(mode)}: give the path of a history file (a regular file)")


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "something other than a file")
