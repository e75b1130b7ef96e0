"""The exceptions diplorel raises.

Every exception derives from :class:`DiplorelError`, and each specific one also derives from the
builtin a caller would already catch (``ValueError``, ``LookupError``, ``TypeError``,
``ImportError``). Each carries the offending value and its context as typed attributes, and its
message says in one sentence what was wrong with which value.

>>> import diplorel as dr
>>> try:
...     dr.resolve_state("Koreaa")
... except dr.UnknownStateError as e:
...     print(e.value, e.suggestions[:2])
Koreaa ('KOR', 'PRK')
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Sequence
from typing import Any, Self


def _rebuild(cls: type[DiplorelError], context: dict[str, Any]) -> DiplorelError:
    """The error of type ``cls`` made again from its context (how errors unpickle)."""
    return cls(**context)


class DiplorelError(Exception):
    """Base class of every error diplorel raises on purpose.

    A specific error takes the offending value (and, where it has one, the ``reason``)
    positionally and the rest of its context by keyword; it keeps each argument as the attribute
    of the same name, so that it pickles (as between processes) with all of them.
    """

    def __reduce__(self) -> str | tuple[Any, ...]:
        """Pickle as the constructor call that makes this error again, with its attributes."""
        params = list(inspect.signature(type(self).__init__).parameters.values())[1:]
        plain = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
        if all(p.kind in plain and hasattr(self, p.name) for p in params):
            context = {p.name: getattr(self, p.name) for p in params}
            return _rebuild, (type(self), context), self.__dict__
        return super().__reduce__()


class UnknownStateError(DiplorelError, LookupError):
    """A state code or name that the registry does not know."""

    def __init__(self, value: str, *, suggestions: Sequence[str] = (), where: str = "") -> None:
        self.value = value
        self.suggestions = tuple(suggestions)
        self.where = where
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        at = f" (in {where})" if where else ""
        super().__init__(f"unknown state {value!r}{at}{hint}")


class StateNotInExistenceError(DiplorelError, ValueError):
    """An act dated outside the existence of one of its parties."""

    def __init__(self, state: str, *, on: str, existence: str, event: str = "") -> None:
        self.state = state
        self.on = on
        self.existence = existence
        self.event = event
        what = f"{event} on {on}" if event else f"date {on}"
        super().__init__(f"{state} did not exist on the {what}: it existed {existence}")


class InvalidDateError(DiplorelError, ValueError):
    """A date, EDTF string or time zone that cannot be understood."""

    def __init__(self, value: object, reason: str, *, where: str = "") -> None:
        self.value = value
        self.reason = reason
        self.where = where
        at = f" (in {where})" if where else ""
        super().__init__(f"invalid date {value!r}{at}: {reason}")


class InvalidEventError(DiplorelError, ValueError):
    """An event whose fields contradict each other (a party that is not in the dyad, ...)."""

    def __init__(self, event: str, reason: str) -> None:
        self.event = event
        self.reason = reason
        super().__init__(f"invalid event {event}: {reason}")


class MalformedNoteError(DiplorelError, ValueError):
    """A diplomatic note that cannot stand (a reply to a missing note, a note to oneself, ...)."""

    def __init__(self, note_id: str, reason: str) -> None:
        self.note_id = note_id
        self.reason = reason
        super().__init__(f"malformed note {note_id!r}: {reason}")


class InvalidTransitionError(DiplorelError, ValueError):
    """An event that the rules do not allow in the status it met (strict mode).

    Attributes:
        dyad: the two state codes, sorted.
        on: the event's date, as EDTF text.
        event: a one-line description of the event.
        met: a one-line description of the status the event met.
        rule: the name of the rule that rejected it.
        reason: why the rule rejected it.
    """

    def __init__(
        self,
        *,
        dyad: tuple[str, str],
        on: str,
        event: str,
        met: str,
        rule: str,
        reason: str,
    ) -> None:
        self.dyad = dyad
        self.on = on
        self.event = event
        self.met = met
        self.rule = rule
        self.reason = reason
        super().__init__(
            f"{dyad[0]}-{dyad[1]} on {on}: {event} is not allowed when {met} "
            f"(rule {rule}: {reason})"
        )


class CreditLineError(InvalidTransitionError):
    """A credit-line event the rules refuse (strict mode).

    A drawing beyond what is available, in another currency, before opening, after
    cancellation or expiry; a repayment beyond what is owed.

    Besides the fields of :class:`InvalidTransitionError` it names the line, the amount and
    what was available.
    """

    def __init__(
        self,
        *,
        line_id: str,
        dyad: tuple[str, str],
        on: str,
        event: str,
        met: str,
        rule: str,
        reason: str,
        amount: str | None = None,
        available: str | None = None,
    ) -> None:
        self.line_id = line_id
        self.amount = amount
        self.available = available
        super().__init__(dyad=dyad, on=on, event=event, met=met, rule=rule, reason=reason)


class RuleError(DiplorelError, ValueError):
    """A rule set that cannot work (duplicate names, a rule for no event type, ...)."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("invalid rule set: " + "; ".join(self.problems))


class UnknownCurrencyError(DiplorelError, ValueError):
    """A currency code that is not an active ISO 4217 code."""

    def __init__(self, code: object, *, suggestions: Sequence[str] = ()) -> None:
        self.code = code
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown ISO 4217 currency code {code!r}{hint}")


class CurrencyMismatchError(DiplorelError, ValueError):
    """An operation that mixes two currencies."""

    def __init__(self, left: str, right: str, *, operation: str) -> None:
        self.left = left
        self.right = right
        self.operation = operation
        super().__init__(
            f"cannot {operation} {left} and {right}: amounts are in different currencies"
        )


class InvalidAmountError(DiplorelError, ValueError):
    """An amount of money that is not a finite decimal number with the currency's minor units."""

    def __init__(self, value: object, reason: str) -> None:
        self.value = value
        self.reason = reason
        super().__init__(f"invalid amount {value!r}: {reason}")


class FloatAmountError(DiplorelError, TypeError):
    """A float given as an amount of money: floats cannot hold decimal money exactly."""

    def __init__(self, value: float) -> None:
        self.value = value
        super().__init__(
            f"amount {value!r} is a float; pass a str, int or decimal.Decimal "
            f"(e.g. {str(value)!r}) so that no precision is lost"
        )


class UnknownCreditLineError(DiplorelError, LookupError):
    """A credit-line id that the history does not hold."""

    def __init__(self, line_id: str, *, known: Sequence[str] = (), reason: str = "") -> None:
        self.line_id = line_id
        self.known = tuple(known)
        self.reason = reason
        if reason:
            super().__init__(f"no credit line {line_id!r}: {reason}")
            return
        hint = f"; known lines: {', '.join(self.known[:10])}" if self.known else ""
        super().__init__(f"unknown credit line {line_id!r}{hint}")


_PLACE = re.compile(r"(?:line (?P<line>[0-9]+)(?:, column (?P<column>[0-9]+))?)? ?(?P<path>\$\S*)?")


class Problem(str):
    """One problem found in an input: it reads as its text, and carries its place as data.

    The text is the sentence, then `` @ `` and the place: the JSON path (``$.items[3].on``),
    preceded by the line for JSON Lines and syntax errors (``line 4 $.between``). ``path``,
    ``line`` and ``column`` hold the place (None when not known or not relevant);
    ``message`` the sentence alone.

    >>> p = Problem('expected true or false, got the string "no"', path="$.items[3].consular")
    >>> print(p)
    expected true or false, got the string "no" @ $.items[3].consular
    >>> p.path, p.line, p == str(p)
    ('$.items[3].consular', None, True)
    >>> Problem.parse("not valid JSON @ line 4, column 2").line
    4
    """

    __slots__ = ("column", "line", "message", "path")
    message: str
    path: str | None
    line: int | None
    column: int | None

    def __new__(
        cls,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> Self:
        """A problem with its sentence and place."""
        where = f"line {line}" if line is not None else ""
        if where and column is not None:
            where += f", column {column}"
        if path:
            where = f"{where} {path}" if where else path
        self = super().__new__(cls, f"{message} @ {where}" if where else message)
        self.message = message
        self.path = path or None
        self.line = line
        self.column = column
        return self

    @classmethod
    def parse(cls, text: str) -> Problem:
        """The problem that ``text`` (``sentence @ place``) reads as; a Problem is kept as is."""
        if isinstance(text, Problem):
            return text
        message, sep, where = text.rpartition(" @ ")
        m = _PLACE.fullmatch(where) if sep else None
        if m is None or not where:
            return cls(text)
        line, column = m.group("line"), m.group("column")
        return cls(
            message,
            path=m.group("path"),
            line=int(line) if line else None,
            column=int(column) if column else None,
        )

    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, object]]:
        """Copy and pickle with the place."""
        return (self.message,), {"path": self.path, "line": self.line, "column": self.column}


class LoadError(DiplorelError, ValueError):
    """A history file that cannot be loaded; lists every problem found, each with its place.

    ``problems`` holds :class:`Problem` values: each reads as ``sentence @ place`` and carries
    its ``path`` and ``line``. Plain strings given in their place are read as such
    (:meth:`Problem.parse`).
    """

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source = source
        self.problems: tuple[Problem, ...] = tuple(Problem.parse(p) for p in problems)
        n = len(self.problems)
        head = f"cannot load {source}: {n} problem{'s' if n != 1 else ''}"
        super().__init__(head + "".join(f"\n  - {p}" for p in self.problems))


class SaveError(DiplorelError, OSError):
    """A file that could not be written (or was refused); nothing else was touched.

    Attributes:
        path: the path the caller gave.
        target: the file the save would have written: ``path`` with its symbolic links
            followed (the same as ``path`` when there are none).
        reason: what went wrong, in one sentence.
        kept_previous: whether there was a previous file, left as it was (only then does the
            message say "the previous file is unchanged").
        lost_update: whether the save was refused because the file changed since the
            ``expect`` token was taken (another writer saved it in between).
    """

    def __init__(
        self,
        path: str,
        reason: str,
        *,
        target: str | None = None,
        kept_previous: bool = False,
        lost_update: bool = False,
    ) -> None:
        self.path = path
        self.target = path if target is None else target
        self.reason = reason
        self.kept_previous = kept_previous
        self.lost_update = lost_update
        leads = "" if self.target == path else f" -> {self.target}"
        kept = " (the previous file is unchanged)" if kept_previous else ""
        super().__init__(f"cannot save {path}{leads}: {reason}{kept}")


class MissingExtraError(DiplorelError, ImportError):
    """An optional feature whose extra is not installed."""

    def __init__(self, feature: str, *, extra: str, package: str) -> None:
        self.feature = feature
        self.extra = extra
        self.package = package
        super().__init__(
            f"{feature} needs {package}: install it with pip install 'diplorel[{extra}]'",
            name=package,
        )


__all__ = [
    "CreditLineError",
    "CurrencyMismatchError",
    "DiplorelError",
    "FloatAmountError",
    "InvalidAmountError",
    "InvalidDateError",
    "InvalidEventError",
    "InvalidQueryError",
    "InvalidTransitionError",
    "InvalidTypeError",
    "InvalidValueError",
    "LoadError",
    "MalformedNoteError",
    "MissingExtraError",
    "Problem",
    "RuleError",
    "SaveError",
    "StateNotInExistenceError",
    "UnknownCreditLineError",
    "UnknownCurrencyError",
    "UnknownStateError",
]


class InvalidTypeError(DiplorelError, TypeError):
    """A value of the wrong type given to a public constructor or found in a file.

    ``value`` is the value, ``field`` names where it was given (empty when the message is about
    the value alone), ``expected`` what was expected.
    """

    def __init__(self, value: object, *, expected: str, field: str = "", hint: str = "") -> None:
        self.field = field
        self.value = value
        self.expected = expected
        self.hint = hint
        got = type(value).__name__
        shown = repr(value)
        shown = shown if len(shown) <= _SHOWN else shown[: _SHOWN - 3] + "..."
        text = f"expected {expected}, got {got} {shown}" + (f"; {hint}" if hint else "")
        super().__init__(f"{field}: {text}" if field else text)


class InvalidValueError(DiplorelError, ValueError):
    """A value of the right type that is not one of those allowed (an unknown enum value).

    ``value`` is the value, ``allowed`` the values allowed, ``suggestions`` the close ones.
    """

    def __init__(
        self, value: object, *, allowed: Sequence[object], suggestions: Sequence[object] = ()
    ) -> None:
        self.value = value
        self.allowed = tuple(allowed)
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {_either(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"{value!r} is not one of {_either(self.allowed)}{hint}")


_SHOWN = 80
"""How many characters of a wrong value a message shows."""


def _either(values: Sequence[object]) -> str:
    return (
        ", ".join(repr(v) for v in values[:-1])
        + (" or " if len(values) > 1 else "")
        + (repr(values[-1]) if values else "")
    )


class InvalidQueryError(DiplorelError, ValueError):
    """A question that cannot be asked: the same state twice, an unknown engine, bad bounds."""

    def __init__(self, value: object, reason: str) -> None:
        self.value = value
        self.reason = reason
        super().__init__(f"cannot ask about {value!r}: {reason}")
