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

from collections.abc import Sequence


class DiplorelError(Exception):
    """Base class of every error diplorel raises on purpose."""


class UnknownStateError(DiplorelError, LookupError):
    """A state code or name that the registry does not know."""

    def __init__(self, value: str, suggestions: Sequence[str] = (), *, where: str = "") -> None:
        self.value = value
        self.suggestions = tuple(suggestions)
        self.where = where
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        at = f" (in {where})" if where else ""
        super().__init__(f"unknown state {value!r}{at}{hint}")


class StateNotInExistenceError(DiplorelError, ValueError):
    """An act dated outside the existence of one of its parties."""

    def __init__(self, state: str, on: str, existence: str, *, event: str = "") -> None:
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

    def __init__(  # noqa: PLR0917 - all positional parts of one message
        self,
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
        super().__init__(dyad, on, event, met, rule, reason)


class RuleError(DiplorelError, ValueError):
    """A rule set that cannot work (duplicate names, a rule for no event type, ...)."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("invalid rule set: " + "; ".join(self.problems))


class UnknownCurrencyError(DiplorelError, ValueError):
    """A currency code that is not an active ISO 4217 code."""

    def __init__(self, code: object, suggestions: Sequence[str] = ()) -> None:
        self.code = code
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown ISO 4217 currency code {code!r}{hint}")


class CurrencyMismatchError(DiplorelError, ValueError):
    """An operation that mixes two currencies."""

    def __init__(self, left: str, right: str, operation: str) -> None:
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

    def __init__(self, line_id: str, known: Sequence[str] = (), *, reason: str = "") -> None:
        self.line_id = line_id
        self.known = tuple(known)
        self.reason = reason
        if reason:
            super().__init__(f"no credit line {line_id!r}: {reason}")
            return
        hint = f"; known lines: {', '.join(self.known[:10])}" if self.known else ""
        super().__init__(f"unknown credit line {line_id!r}{hint}")


class LoadError(DiplorelError, ValueError):
    """A history file that cannot be loaded; lists every problem found, each with its place."""

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source = source
        self.problems = tuple(problems)
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

    def __init__(self, feature: str, extra: str, package: str) -> None:
        self.feature = feature
        self.extra = extra
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
    "InvalidTransitionError",
    "LoadError",
    "MalformedNoteError",
    "MissingExtraError",
    "RuleError",
    "SaveError",
    "StateNotInExistenceError",
    "UnknownCreditLineError",
    "UnknownCurrencyError",
    "UnknownStateError",
]


class InvalidTypeError(DiplorelError, TypeError):
    """A value of the wrong type given to a public constructor or found in a file.

    ``field`` names where it was given, ``value`` is the value, ``expected`` what was expected.
    """

    def __init__(self, field: str, value: object, expected: str) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        got = type(value).__name__
        super().__init__(f"{field}: expected {expected}, got {got} {value!r}")


class InvalidQueryError(DiplorelError, ValueError):
    """A question that cannot be asked: the same state twice, an unknown engine, bad bounds."""

    def __init__(self, value: object, reason: str) -> None:
        self.value = value
        self.reason = reason
        super().__init__(f"cannot ask about {value!r}: {reason}")
