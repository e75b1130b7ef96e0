"""The rules of credit lines: what a drawing, a repayment or a change may meet.

They are ordinary :class:`~diplorel.rules.Rule` objects in the default rule set, so users can
replace or remove them like any other rule. Economic ties never imply diplomatic relations, nor
the reverse: no rule here looks at the dyad's status.
"""

from __future__ import annotations

import attrs

from diplorel._credit import (
    CreditLineCancelled,
    CreditLineDrawn,
    CreditLineEvent,
    CreditLineLimitChanged,
    CreditLineOpened,
    CreditLineReinstated,
    CreditLineRepaid,
    CreditLineState,
    CreditLineSuspended,
)
from diplorel._money import Money
from diplorel._rules import Rejected, rule

_TERMS = "Credit agreement terms (limit, availability period)"


def _same_currency(state: CreditLineState, amount: Money) -> None:
    assert state.limit is not None  # noqa: S101 - checked by credit_line_must_be_open
    if amount.currency != state.limit.currency:
        raise Rejected(f"{amount} is in another currency than the line ({state.limit.currency})")


@rule(CreditLineEvent, citation=_TERMS)
def credit_line_must_be_open(state: CreditLineState, event: CreditLineEvent) -> CreditLineState:
    """A line is opened once, and nothing happens to it before it is opened."""
    if isinstance(event, CreditLineOpened):
        if state.opened is not None:
            raise Rejected(f"credit line {state.id} was already opened on {state.opened.on}")
        zero = Money.zero(event.limit.currency)
        return attrs.evolve(state, opened=event, limit=event.limit, drawn=zero, repaid=zero)
    if state.opened is None:
        raise Rejected(f"credit line {state.id} had not been opened")
    return state


@rule(CreditLineDrawn, citation=_TERMS)
def drawing_within_available(state: CreditLineState, event: CreditLineDrawn) -> CreditLineState:
    """A drawing needs an open, unsuspended line in its availability period, within the limit."""
    opened = state.opened
    assert opened is not None  # noqa: S101 - checked by credit_line_must_be_open
    assert state.drawn is not None  # noqa: S101
    if state.cancelled_on is not None:
        raise Rejected(f"the line was cancelled on {state.cancelled_on}")
    if state.suspended:
        raise Rejected("drawings were suspended")
    until = opened.available_until
    if until is not None and event.on.earliest > until.latest:
        raise Rejected(f"drawings ended on {until}")
    _same_currency(state, event.amount)
    available = state.available
    assert available is not None  # noqa: S101
    if event.amount > available:
        raise Rejected(f"{event.amount} is beyond the available {available}")
    return attrs.evolve(state, drawn=state.drawn + event.amount)


@rule(CreditLineRepaid, citation=_TERMS)
def repayment_within_outstanding(
    state: CreditLineState, event: CreditLineRepaid
) -> CreditLineState:
    """A repayment cannot exceed what is outstanding."""
    _same_currency(state, event.amount)
    outstanding = state.outstanding
    assert outstanding is not None  # noqa: S101
    assert state.repaid is not None  # noqa: S101
    if event.amount > outstanding:
        raise Rejected(f"{event.amount} is beyond the outstanding {outstanding}")
    return attrs.evolve(state, repaid=state.repaid + event.amount)


@rule(CreditLineLimitChanged, citation=_TERMS)
def limit_covers_drawn(state: CreditLineState, event: CreditLineLimitChanged) -> CreditLineState:
    """A new limit is in the line's currency and not below what has been drawn."""
    if state.cancelled_on is not None:
        raise Rejected(f"the line was cancelled on {state.cancelled_on}")
    _same_currency(state, event.limit)
    assert state.drawn is not None  # noqa: S101
    if event.limit < state.drawn:
        raise Rejected(f"the new limit {event.limit} is below the drawn {state.drawn}")
    return attrs.evolve(state, limit=event.limit)


@rule(CreditLineSuspended, CreditLineReinstated, CreditLineCancelled, citation=_TERMS)
def suspension_and_cancellation(state: CreditLineState, event: CreditLineEvent) -> CreditLineState:
    """A line is suspended, reinstated or cancelled once; a cancelled line stays cancelled."""
    if state.cancelled_on is not None:
        raise Rejected(f"the line was cancelled on {state.cancelled_on}")
    if isinstance(event, CreditLineCancelled):
        return attrs.evolve(state, cancelled_on=event.on, suspended=False)
    if isinstance(event, CreditLineSuspended):
        if state.suspended:
            raise Rejected("drawings were already suspended")
        return attrs.evolve(state, suspended=True)
    if not state.suspended:
        raise Rejected("drawings were not suspended")
    return attrs.evolve(state, suspended=False)


CREDIT_RULES = (
    credit_line_must_be_open,
    drawing_within_available,
    repayment_within_outstanding,
    limit_covers_drawn,
    suspension_and_cancellation,
)
"""The credit-line rules, in the order the default rule set applies them."""
