"""Trade credit lines: opened, drawn, repaid, suspended, cancelled; balances at any date.

A credit line is lent by one state (through a named institution) to another. Its events fold
through the same rule engine as relation events, with rules of their own, so a drawing beyond
the available amount is an invalid transition like severing what was never established.
Amounts are :class:`~diplorel.Money`: exact decimals, never floats, one currency per line.

>>> import diplorel as dr
>>> h = dr.History([
...     dr.CreditLineOpened(id="l1", lender="KOR", borrower="CUB", on="2015-02-09",
...                         limit=dr.Money("60000000", "EUR")),
...     dr.CreditLineDrawn(id="l1", on="2016-05-01", amount=dr.Money("1500000", "EUR")),
... ])
>>> line = h.credit.line("l1", on="2017-01-01")
>>> print(line.outstanding, line.available, line.status.value)
EUR 1,500,000.00 EUR 58,500,000.00 active
"""

from __future__ import annotations

import enum
from typing import ClassVar

import attrs

from diplorel._checks import (
    OPTIONAL_DATE,
    OPTIONAL_TEXT,
    STATE,
    TEXT,
    field_name,
    to_code,
    to_optional_date,
)
from diplorel._dates import FuzzyDate, When
from diplorel._engine import refusal
from diplorel._events import Event
from diplorel._money import Money, format_money
from diplorel._rules import Rejected
from diplorel.exceptions import CreditLineError, InvalidEventError, InvalidTypeError


class CreditStatus(enum.Enum):
    """Where a credit line stands on a date."""

    ACTIVE = "active"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    """Past its availability end: no more drawings, repayments go on."""
    MATURED = "matured"
    """Past its maturity."""
    CANCELLED = "cancelled"
    FULLY_DRAWN = "fully_drawn"


def _positive(instance: object, attribute: attrs.Attribute[Money], value: Money) -> None:
    if not isinstance(value, Money):
        hint = "e.g. Money('70000000', 'USD')"
        raise InvalidTypeError(
            value, field=field_name(instance, attribute), expected="a Money", hint=hint
        )
    if value.is_negative() or value.is_zero():
        raise InvalidEventError(
            f"{type(instance).__name__} {getattr(instance, 'id', '')}",
            f"{attribute.name} must be positive, got {value}",
        )


@attrs.frozen(kw_only=True)
class CreditLineEvent(Event):
    """Base of the events of one credit line, which they name by ``id``."""

    id: str = attrs.field(validator=TEXT)

    @property
    def parties(self) -> tuple[str, ...]:
        """Credit-line events other than the opening name no state: the line does."""
        return ()

    def describe(self, *, dated: bool = True) -> str:
        """One line: the act, the line, and (unless ``dated=False``) the date."""
        when = f" on {self.on}" if dated else ""
        return f"{type(self).__name__} {self.id}{self._details()}{when}"


@attrs.frozen(kw_only=True)
class CreditLineOpened(CreditLineEvent):
    """``lender`` (through ``institution``) opens a credit line of ``limit`` to ``borrower``."""

    TAG: ClassVar[str] = "credit_line_opened"
    ORDER: ClassVar[int] = 60
    lender: str = attrs.field(converter=to_code, validator=STATE)
    borrower: str = attrs.field(converter=to_code, validator=STATE)
    limit: Money = attrs.field(validator=_positive)
    institution: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    available_until: FuzzyDate | None = attrs.field(
        default=None, converter=to_optional_date, validator=OPTIONAL_DATE
    )
    """The last day drawings may be made."""
    matures_on: FuzzyDate | None = attrs.field(
        default=None, converter=to_optional_date, validator=OPTIONAL_DATE
    )
    purpose: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)

    def __attrs_post_init__(self) -> None:
        """A line goes from one state to another."""
        if self.lender == self.borrower:
            raise InvalidEventError(self.describe(), "a state cannot lend to itself")

    @property
    def parties(self) -> tuple[str, str]:
        """The lender and the borrower, sorted."""
        a, b = self.lender, self.borrower
        return (a, b) if a < b else (b, a)

    def _details(self) -> str:
        by = f" ({self.institution})" if self.institution else ""
        return f": {self.lender}{by} lends {self.borrower} up to {self.limit}"


@attrs.frozen(kw_only=True)
class CreditLineAmountEvent(CreditLineEvent):
    """Base of the events that move money: drawings and repayments."""

    amount: Money = attrs.field(validator=_positive)

    def _details(self) -> str:
        return f": {self.amount}"


@attrs.frozen(kw_only=True)
class CreditLineDrawn(CreditLineAmountEvent):
    """The borrower draws ``amount`` on the line."""

    TAG: ClassVar[str] = "credit_line_drawn"
    ORDER: ClassVar[int] = 62


@attrs.frozen(kw_only=True)
class CreditLineRepaid(CreditLineAmountEvent):
    """The borrower repays ``amount``."""

    TAG: ClassVar[str] = "credit_line_repaid"
    ORDER: ClassVar[int] = 61


@attrs.frozen(kw_only=True)
class CreditLineLimitChanged(CreditLineEvent):
    """The lender changes the line's limit."""

    TAG: ClassVar[str] = "credit_line_limit_changed"
    ORDER: ClassVar[int] = 61
    limit: Money = attrs.field(validator=_positive)

    def _details(self) -> str:
        return f": to {self.limit}"


@attrs.frozen(kw_only=True)
class CreditLineSuspended(CreditLineEvent):
    """The lender suspends drawings."""

    TAG: ClassVar[str] = "credit_line_suspended"
    ORDER: ClassVar[int] = 63


@attrs.frozen(kw_only=True)
class CreditLineReinstated(CreditLineEvent):
    """The lender lifts a suspension."""

    TAG: ClassVar[str] = "credit_line_reinstated"
    ORDER: ClassVar[int] = 61


@attrs.frozen(kw_only=True)
class CreditLineCancelled(CreditLineEvent):
    """The line is cancelled: no more drawings; what is outstanding is still owed."""

    TAG: ClassVar[str] = "credit_line_cancelled"
    ORDER: ClassVar[int] = 64


CREDIT_EVENT_TYPES: tuple[type[Event], ...] = (
    CreditLineOpened,
    CreditLineDrawn,
    CreditLineRepaid,
    CreditLineLimitChanged,
    CreditLineSuspended,
    CreditLineReinstated,
    CreditLineCancelled,
)
"""Every credit-line event type."""


@attrs.frozen
class CreditLineState:
    """A credit line's terms and balances after a run of its events (dates aside)."""

    id: str
    opened: CreditLineOpened | None = None
    limit: Money | None = None
    drawn: Money | None = None
    repaid: Money | None = None
    suspended: bool = False
    cancelled_on: FuzzyDate | None = None

    @property
    def outstanding(self) -> Money | None:
        """Drawn less repaid."""
        if self.drawn is None or self.repaid is None:
            return None
        return self.drawn - self.repaid

    @property
    def available(self) -> Money | None:
        """What may still be drawn under the limit (zero once cancelled or suspended)."""
        if self.limit is None or self.drawn is None:
            return None
        if self.cancelled_on is not None or self.suspended:
            return Money.zero(self.limit.currency)
        return self.limit - self.drawn

    def summary(self) -> str:
        """One line: ``line l1: limit EUR 60,000,000.00, drawn ..., outstanding ...``."""
        if self.opened is None or self.limit is None:
            return f"credit line {self.id} not opened"
        flags = " (cancelled)" if self.cancelled_on else " (suspended)" if self.suspended else ""
        return (
            f"credit line {self.id}{flags}: limit {self.limit}, drawn {self.drawn}, "
            f"outstanding {self.outstanding}, available {self.available}"
        )


def _status(state: CreditLineState, on: When) -> CreditStatus:
    opened = state.opened
    assert opened is not None  # noqa: S101 - only asked of opened lines
    if state.cancelled_on is not None:
        return CreditStatus.CANCELLED
    if opened.matures_on is not None and opened.matures_on.has_happened(on.local_day(opened.tz)):
        return CreditStatus.MATURED
    until = opened.available_until
    if until is not None and on.local_day(opened.tz) > until.latest:
        return CreditStatus.EXPIRED
    if state.suspended:
        return CreditStatus.SUSPENDED
    available = state.available
    if available is not None and available.is_zero():
        return CreditStatus.FULLY_DRAWN
    return CreditStatus.ACTIVE


@attrs.frozen
class CreditLine:
    """A credit line on a date: terms, balances, status, certainty, and the events behind it."""

    id: str
    on: When
    lender: str
    borrower: str
    institution: str | None
    purpose: str | None
    opened_on: FuzzyDate
    available_until: FuzzyDate | None
    matures_on: FuzzyDate | None
    limit: Money
    drawn: Money
    repaid: Money
    outstanding: Money
    available: Money
    status: CreditStatus
    certain: bool = True
    alternatives: tuple[CreditLine, ...] = ()
    events: tuple[Event, ...] = attrs.field(default=(), repr=False)

    @classmethod
    def of(
        cls,
        state: CreditLineState,
        on: When,
        *,
        certain: bool = True,
        alternatives: tuple[CreditLine, ...] = (),
        events: tuple[Event, ...] = (),
    ) -> CreditLine:
        """The view of an opened line's state on a date."""
        o = state.opened
        assert o is not None  # noqa: S101 - only asked of opened lines
        assert state.limit is not None  # noqa: S101
        assert state.drawn is not None  # noqa: S101
        assert state.repaid is not None  # noqa: S101
        outstanding = state.drawn - state.repaid
        status = _status(state, on)
        available = state.available
        if available is None or status in {CreditStatus.EXPIRED, CreditStatus.MATURED}:
            available = Money.zero(state.limit.currency)
        return cls(
            id=state.id,
            on=on,
            lender=o.lender,
            borrower=o.borrower,
            institution=o.institution,
            purpose=o.purpose,
            opened_on=o.on,
            available_until=o.available_until,
            matures_on=o.matures_on,
            limit=state.limit,
            drawn=state.drawn,
            repaid=state.repaid,
            outstanding=outstanding,
            available=available,
            status=status,
            certain=certain,
            alternatives=alternatives,
            events=events,
        )

    @property
    def is_active(self) -> bool:
        """True while drawings may be made or an amount is outstanding."""
        return self.status in {CreditStatus.ACTIVE, CreditStatus.FULLY_DRAWN} or (
            self.status is not CreditStatus.CANCELLED and not self.outstanding.is_zero()
        )

    def __str__(self) -> str:
        """One line per line: lender, borrower, limit, balances, status."""
        by = f" ({self.institution})" if self.institution else ""
        doubt = "" if self.certain else " [uncertain]"
        return (
            f"{self.id}: {self.lender}{by} -> {self.borrower}, limit {format_money(self.limit)}, "
            f"drawn {self.drawn}, repaid {self.repaid}, outstanding {self.outstanding}, "
            f"available {self.available}, {self.status.value}{doubt}"
        )


def credit_error(
    key: tuple[str, str], event: Event, state: CreditLineState, rule: str, why: Rejected
) -> CreditLineError:
    """What strict mode raises when a credit rule refuses an event: the line, date, amounts."""
    amount = getattr(event, "amount", None)
    return CreditLineError(
        line_id=state.id,
        amount=str(amount) if amount is not None else None,
        available=str(state.available) if state.available is not None else None,
        **refusal(key, event, state, rule, why),
    )
