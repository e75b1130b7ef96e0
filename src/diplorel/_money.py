"""Exact amounts of money in active ISO 4217 currencies.

A :class:`Money` is a :class:`~decimal.Decimal` amount and a currency code. It never holds or
accepts a float, never rounds behind your back, and refuses to mix currencies:

>>> m = Money("70000000", "usd")
>>> m
Money('70000000.00', 'USD')
>>> str(m + Money("0.5", "USD"))
'USD 70,000,000.50'
>>> parse_money("JPY 1,200") * 3
Money('3600', 'JPY')
>>> sum([Money("0.10", "USD")] * 30, Money.zero("USD")) == Money("3", "USD")
True
>>> Money("1.5", "JPY")
Traceback (most recent call last):
...
diplorel.exceptions.InvalidAmountError: invalid amount '1.5': JPY has 0 minor units...
"""

from __future__ import annotations

import csv
import decimal
import difflib
import functools
import importlib.resources
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Self

import attrs

from diplorel.exceptions import (
    CurrencyMismatchError,
    FloatAmountError,
    InvalidAmountError,
    InvalidTypeError,
    UnknownCurrencyError,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

#: Significant digits an amount may have; no real amount comes near it.
MAX_DIGITS = 100
_TRAPS = [decimal.InvalidOperation, decimal.Overflow, decimal.DivisionByZero]
# Arithmetic context: a result that would need rounding raises instead.
_EXACT = decimal.Context(prec=MAX_DIGITS, traps=[*_TRAPS, decimal.Inexact, decimal.Rounded])
_ROUND = decimal.Context(prec=MAX_DIGITS, traps=_TRAPS)
_PLAIN = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
_TEXT = re.compile(r"\s*([A-Za-z]{3})\s+([+-]?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?\s*")


@attrs.frozen
class Currency:
    """An active ISO 4217 currency, as in list one.

    >>> currency("bhd")
    Currency(code='BHD', numeric='048', minor_unit=3, name='Bahraini Dinar')
    """

    code: str
    numeric: str  # three digits, leading zeros kept ("008")
    minor_unit: int | None  # None: no fixed minor unit (gold, SDR, testing codes...)
    name: str


@functools.cache
def _table() -> Mapping[str, Currency]:
    text = importlib.resources.files("diplorel").joinpath("data/iso4217.csv").read_text("utf-8")
    return {
        row["code"]: Currency(
            row["code"],
            row["numeric"],
            int(row["minor_unit"]) if row["minor_unit"] else None,
            row["name"],
        )
        for row in csv.DictReader(text.splitlines())
    }


def currencies() -> tuple[Currency, ...]:
    """Return every active ISO 4217 currency, sorted by code.

    >>> len(currencies()) > 150, currencies()[0].code
    (True, 'AED')
    """
    return tuple(_table().values())


def currency(code: str) -> Currency:
    """Return the active ISO 4217 currency with this code, given in any case.

    >>> currency("jpy").minor_unit, currency("XAU").minor_unit
    (0, None)
    >>> currency("USDD")
    Traceback (most recent call last):
    ...
    diplorel.exceptions.UnknownCurrencyError: unknown ISO 4217 currency code 'USDD'; did you ...

    Raises:
        UnknownCurrencyError: with suggestions (close codes, or the code of a currency named
            so: "euro" suggests EUR).
        TypeError: if ``code`` is not a str.
    """
    if not isinstance(code, str):
        raise InvalidTypeError(code, field="code", expected="a currency code (a str)")
    table = _table()
    found = table.get(code.upper())
    if found is None:
        named = [c.code for c in table.values() if c.name.casefold() == code.casefold()]
        close = difflib.get_close_matches(code.upper(), table, n=3, cutoff=0.6)
        raise UnknownCurrencyError(code, suggestions=tuple(dict.fromkeys(named + close)))
    return found


def _to_decimal(amount: object) -> Decimal:
    if isinstance(amount, float):
        raise FloatAmountError(amount)
    if isinstance(amount, bool) or not isinstance(amount, str | int | Decimal):
        raise InvalidTypeError(
            amount, field="Money.amount", expected="a str, int or Decimal (a bool is not)"
        )
    if isinstance(amount, int):
        return Decimal(amount)
    if isinstance(amount, str):
        if not _PLAIN.fullmatch(amount):
            why = "not a plain decimal number like '-1234.50'"
            if "," in amount:
                why += "; use parse_money() for text with thousands separators"
            raise InvalidAmountError(amount, why)
        return Decimal(amount)
    if not amount.is_finite():
        raise InvalidAmountError(amount, "not a finite number")
    return amount


def _canonical(value: Decimal, cur: Currency, shown: object) -> Decimal:
    """Return ``value`` with exactly the currency's minor units (or no trailing zeros)."""
    too_long = f"more than {MAX_DIGITS} significant digits"
    try:
        if cur.minor_unit is None:  # keep the digits given, less trailing fractional zeros
            exp = min(int(_ROUND.normalize(value).as_tuple().exponent), 0)  # finite: an int
        else:
            exp = -cur.minor_unit
        result = _ROUND.quantize(value, Decimal((0, (1,), exp)))
    except decimal.InvalidOperation:
        raise InvalidAmountError(shown, too_long) from None
    if result != value:
        if cur.minor_unit is None:
            raise InvalidAmountError(shown, too_long)
        why = f"{cur.code} has {cur.minor_unit} minor units; round with Money.rounded()"
        raise InvalidAmountError(shown, why)
    return _ROUND.add(result, Decimal(0))  # turns -0 into 0, keeps the exponent


@functools.total_ordering
@attrs.frozen(init=False, order=False)
class Money:
    """An exact amount in one active ISO 4217 currency.

    ``amount`` is a plain decimal ``str`` ("-1234.50"), an ``int`` or a finite ``Decimal`` that
    fits the currency's minor units ("1.500" USD is fine, "1.005" USD is not); a float raises
    :class:`FloatAmountError`. It is stored with exactly the currency's minor units, so equal
    amounts are equal and hash alike, and ``repr`` is canonical:

    >>> from decimal import Decimal
    >>> Money("1.0", "USD") == Money(1, "usd"), Money(Decimal("1.5"), "BHD")
    (True, Money('1.500', 'BHD'))

    Arithmetic (``+``, ``-``, comparisons) works within one currency and raises
    :class:`CurrencyMismatchError` across currencies. ``*`` takes an int or Decimal and must
    give an exact amount. ``bool(money)`` raises TypeError: ask :meth:`is_zero` instead.
    """

    amount: Decimal
    currency: str

    def __init__(self, amount: str | int | Decimal, currency: str | Currency) -> None:
        """Check and canonicalise ``amount`` for ``currency`` (a code, in any case)."""
        cur = currency if isinstance(currency, Currency) else _currency(_code(currency))
        value = _canonical(_to_decimal(amount), cur, amount)
        self.__attrs_init__(value, cur.code)

    @classmethod
    def zero(cls, currency: str | Currency) -> Self:
        """Return zero in ``currency``, the start value for ``sum``."""
        return cls(0, currency)

    @classmethod
    def rounded(
        cls,
        amount: str | int | Decimal,
        currency: str | Currency,
        rounding: str = decimal.ROUND_HALF_EVEN,
    ) -> Self:
        """Return ``amount`` rounded to the currency's minor units (banker's rounding).

        >>> from decimal import Decimal
        >>> Money.rounded(Decimal("2.675"), "USD"), Money.rounded("2.5", "JPY")
        (Money('2.68', 'USD'), Money('2', 'JPY'))
        """
        cur = currency if isinstance(currency, Currency) else _currency(_code(currency))
        value = _to_decimal(amount)
        if cur.minor_unit is not None:
            exp = Decimal((0, (1,), -cur.minor_unit))
            try:
                value = value.quantize(exp, rounding=rounding, context=_ROUND)
            except decimal.DecimalException:
                why = f"more than {MAX_DIGITS} significant digits"
                raise InvalidAmountError(amount, why) from None
        return cls(value, cur)

    def is_zero(self) -> bool:
        """Return whether the amount is zero."""
        return self.amount.is_zero()

    def is_negative(self) -> bool:
        """Return whether the amount is below zero."""
        return self.amount < 0

    def __bool__(self) -> bool:
        """Refuse truthiness: ``if money:`` would be ambiguous (zero? present?)."""
        raise TypeError("the truth value of Money is ambiguous; use is_zero() or is_negative()")

    def __repr__(self) -> str:
        """Return ``Money('1234.50', 'USD')``, which evaluates back to an equal Money."""
        return f"Money('{self.amount:f}', '{self.currency}')"

    def __str__(self) -> str:
        """Return the same text as :func:`format_money`."""
        return format_money(self)

    def _same(self, other: Money, operation: str) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(self.currency, other.currency, operation=operation)

    def _exact(self, op: Callable[[Decimal, Decimal], Decimal], other: Decimal) -> Self:
        try:
            value = op(self.amount, other)
        except decimal.DecimalException:
            why = f"result needs more than {MAX_DIGITS} significant digits"
            raise InvalidAmountError(self.amount, why) from None
        return type(self)(value, self.currency)

    def __add__(self, other: Money) -> Self:
        """Add an amount in the same currency."""
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "add")
        return self._exact(_EXACT.add, other.amount)

    def __radd__(self, other: int) -> Self:
        """Let ``sum(moneys)`` start from the int 0 (only 0 is accepted)."""
        if type(other) is int and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: Money) -> Self:
        """Subtract an amount in the same currency."""
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "subtract")
        return self._exact(_EXACT.subtract, other.amount)

    def __neg__(self) -> Self:
        """Return the amount with the opposite sign."""
        return type(self)(_EXACT.minus(self.amount), self.currency)

    def __pos__(self) -> Self:
        """Return the same amount."""
        return self

    def __abs__(self) -> Self:
        """Return the absolute amount."""
        return type(self)(_EXACT.abs(self.amount), self.currency)

    def __mul__(self, factor: int | Decimal) -> Self:
        """Multiply by an int or Decimal; the product must fit the minor units.

        >>> from decimal import Decimal
        >>> Money("10.00", "USD") * Decimal("0.125"), 3 * Money("1.25", "USD")
        (Money('1.25', 'USD'), Money('3.75', 'USD'))
        >>> Money("1.00", "USD") * Decimal("0.125")
        Traceback (most recent call last):
        ...
        diplorel.exceptions.InvalidAmountError: invalid amount Decimal('0.12500'): USD has 2 ...
        """
        if isinstance(factor, float):
            raise FloatAmountError(factor)
        if isinstance(factor, bool) or not isinstance(factor, int | Decimal):
            return NotImplemented
        if isinstance(factor, Decimal) and not factor.is_finite():
            raise InvalidAmountError(factor, "not a finite number")
        return self._exact(_EXACT.multiply, Decimal(factor))

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        """Compare with an amount in the same currency."""
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "compare")
        return self.amount < other.amount


_currency = currency  # Money's ``currency`` parameter hides the function inside its methods


def _code(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(
            value, field="Money.currency", expected="a currency code (a str) or a Currency"
        )
    return value


def format_money(money: Money) -> str:
    """Return ``"USD -1,234.50"``: code, space, amount with exactly the minor units.

    >>> format_money(Money("-1234.5", "USD")), format_money(Money("0.25", "XAU"))
    ('USD -1,234.50', 'XAU 0.25')
    """
    return f"{money.currency} {money.amount:,f}"


def parse_money(text: str) -> Money:
    """Return the Money in ``text``, the inverse of :func:`format_money`.

    Takes a code (any case), whitespace, and an amount with or without correctly grouped
    thousands separators: ``"USD 70,000,000.00"``, ``"usd 70000000"``, ``"JPY -1,200"``.

    >>> parse_money("USD 70,000,000.00") == parse_money("USD 70000000")
    True
    """
    if not isinstance(text, str):
        raise InvalidTypeError(
            text, field="text", expected="money text such as 'USD 1,234.50' (a str)"
        )
    match = _TEXT.fullmatch(text)
    if match is None:
        raise InvalidAmountError(text, "expected a currency code and an amount: 'USD 1,234.50'")
    code, sign, whole, fraction = match.groups()
    cur = _currency(code)
    amount = Decimal(sign + whole.replace(",", "") + (fraction or ""))
    try:
        return Money(amount, cur)
    except InvalidAmountError as e:
        raise InvalidAmountError(text, e.reason) from None


__all__ = ["Currency", "Money", "currencies", "currency", "format_money", "parse_money"]
