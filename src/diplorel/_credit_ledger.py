"""The credit lines of a history, as a user asks about them: ``h.credit``.

>>> import diplorel as dr
>>> h = dr.default_history()
>>> line = h.credit.line("kor-cub-2005", on="2010-06-01")
>>> line.lender, line.borrower, str(line.limit)
('KOR', 'CUB', 'USD 70,000,000.00')
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from diplorel._credit import CreditLine
from diplorel._dates import QueryLike
from diplorel._money import Money

if TYPE_CHECKING:
    from diplorel._derived import Derived


class CreditLedger:
    """Every credit line of a history: one by id, a dyad's, and the outstanding totals.

    Amounts are :class:`~diplorel.Money` (a ``Decimal`` with its ISO 4217 currency); totals
    are per currency, never summed across currencies.
    """

    __slots__ = ("_derived",)

    def __init__(self, derived: Derived) -> None:
        """The ledger of a derived history (made by :attr:`diplorel.History.credit`)."""
        self._derived = derived

    def line(self, line_id: str, *, on: QueryLike) -> CreditLine:
        """A credit line on a date: limit, drawn, repaid, outstanding, available, status.

        Raises :class:`~diplorel.UnknownCreditLineError` for an unknown id, or one not yet
        opened on that date.
        """
        return self._derived.credit_line(line_id, on=on)

    def between(
        self, a: str, b: str, *, on: QueryLike, lender: str | None = None
    ) -> tuple[CreditLine, ...]:
        """The credit lines between two states on a date, either way unless ``lender`` is given."""
        return self._derived.credit_lines(a, b, on=on, lender=lender)

    def outstanding(
        self, *, on: QueryLike, lender: str | None = None, borrower: str | None = None
    ) -> dict[str, Money]:
        """Outstanding credit on a date, per currency (never summed across currencies)."""
        return self._derived.outstanding_credit(on=on, lender=lender, borrower=borrower)

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of every credit line, sorted."""
        return self._derived.credit_line_ids

    def __iter__(self) -> Iterator[str]:
        """The ids of every credit line, sorted."""
        return iter(self.ids)

    def __len__(self) -> int:
        """How many credit lines the history holds."""
        return len(self.ids)

    def __repr__(self) -> str:
        """``CreditLedger(2 lines)``."""
        n = len(self)
        return f"CreditLedger({n} line{'' if n == 1 else 's'})"
