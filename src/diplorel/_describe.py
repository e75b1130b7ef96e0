"""How problems are said: what a JSON value is, what a type looks like, and each error.

Every message is a sentence about the JSON a user wrote (``expected true or false, got the
string 'no'``), never Python internals such as ``'power' (expected str)``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import json
import types
from collections.abc import Iterator
from difflib import get_close_matches
from typing import Any, Union, get_origin

import attrs
import pendulum
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from diplorel._dates import FuzzyDate
from diplorel._events import Source
from diplorel._money import Money
from diplorel._reading import NotANumber, key_path, problem_at
from diplorel.exceptions import DiplorelError, InvalidTypeError, InvalidValueError, Problem

# What each kind of value is called -----------------------------------------------

EDTF_TEXT = 'EDTF date text such as "2024-02-14", "1949" or "1959/1960"'
ISO_DAY = 'an ISO date such as "2024-02-14"'
TIME_TEXT = 'a time of day such as "22:00"'
MONEY_OBJECT = 'an amount object such as {"amount": "70000000.00", "currency": "USD"}'
DECIMAL_TEXT = 'a decimal amount as a string ("70000000.00") or a whole number'

_SHOWN = 60
"""How many characters of a wrong string a message shows."""


def describe_json(value: object) -> str:  # noqa: PLR0911 - one answer per JSON type
    """What a JSON value is, for messages: ``the string "no"``, ``the number 2``, ``null``.

    >>> describe_json("false"), describe_json(0), describe_json([1, 2]), describe_json(None)
    ("the string 'false'", 'the number 0', 'an array of 2 items', 'null')
    """
    if value is None:
        return "null"
    if isinstance(value, NotANumber):
        return f"{value.text}, which is not a JSON number"
    if value is True or value is False:
        return f"the boolean {json.dumps(value)}"
    if isinstance(value, int | float):
        return f"the number {_short(repr(value))}"
    if isinstance(value, str):
        return f"the string {_short(repr(value))}"
    if isinstance(value, list):
        n = len(value)
        return "an empty array" if n == 0 else f"an array of {n} item{'s' if n != 1 else ''}"
    if isinstance(value, dict):
        return "an empty object" if not value else "an object"
    return f"a {type(value).__name__}"


def _short(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 4] + "..." + text[-1]


def quoted(values: list[str]) -> str:
    shown = [repr(v) for v in values]
    return ", ".join(shown[:-1]) + " or " + shown[-1] if len(shown) > 1 else shown[0]


_EXPECTED: dict[Any, str] = {
    str: "a string",
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    FuzzyDate: EDTF_TEXT,
    pendulum.Date: ISO_DAY,
    dt.time: TIME_TEXT,
    Money: MONEY_OBJECT,
    decimal.Decimal: DECIMAL_TEXT,
    Source: "a source object",
}


def expected_of(type_: Any) -> str:  # noqa: ANN401 - any type
    """What a value of ``type_`` looks like in JSON, for messages."""
    if type_ in _EXPECTED:
        return _EXPECTED[type_]
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return quoted([m.value for m in type_])
    origin = get_origin(type_)
    args = getattr(type_, "__args__", ())
    if origin in {tuple, list}:
        fixed = origin is tuple and args and Ellipsis not in args
        return f"an array of {len(args)} items" if fixed else "an array"
    if origin is Union or isinstance(type_, types.UnionType):
        inner = [expected_of(a) for a in args if a is not type(None)]
        return " or ".join(inner) + " or null"
    return "an object"


# Problems: every leaf of a (cattrs) error as a sentence with its place -----------------------


def describe_errors(error: BaseException, where: str) -> list[Problem]:
    """Every leaf problem of a (cattrs) error, each with its place in the document."""
    return [problem_at(message, path) for message, path in _leaves(error, where)]


def _leaves(error: BaseException, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(error, ClassValidationError):
        noted, plain = error.group_exceptions()
        for e, note in noted:
            yield from _leaf(e, key_path(path, note.name), note.name)
        for e in plain:
            yield from _leaves(e, path)
    elif isinstance(error, IterableValidationError):
        items, plain = error.group_exceptions()
        for e, index in items:
            yield from _leaf(e, f"{path}[{index.index}]", None)
        for e in plain:
            yield from _leaves(e, path)
    elif isinstance(error, ForbiddenExtraKeysError):
        known = [a.name for a in attrs.fields(error.cl)] if attrs.has(error.cl) else []
        for name in sorted(error.extra_fields):
            close = get_close_matches(name, known, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            yield f"unknown field {name!r}{hint}", key_path(path, name)
    else:
        yield sentence(error), path


def _leaf(error: BaseException, path: str, name: str | None) -> Iterator[tuple[str, str]]:
    if isinstance(error, KeyError) and name is not None and not isinstance(error, DiplorelError):
        yield f"the required field {name!r} is missing", path
    else:
        yield from _leaves(error, path)


def sentence(error: BaseException) -> str:
    """One error as a sentence about a JSON value."""
    if isinstance(error, InvalidTypeError) and not error.field:
        return f"expected {error.expected}, got {describe_json(error.value)}"
    if isinstance(error, InvalidValueError):
        allowed = quoted([str(v) for v in error.allowed])
        hint = (
            f"; did you mean {quoted([str(v) for v in error.suggestions])}?"
            if error.suggestions
            else ""
        )
        return f"expected one of {allowed}, got {describe_json(error.value)}{hint}"
    if isinstance(error, DiplorelError | ValueError | TypeError) and str(error):
        return str(error)
    return f"cannot be read ({type(error).__name__}: {error})"
