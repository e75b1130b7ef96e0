"""All the credit lines of a history: built once from the events, queried by id, dyad or state."""

from __future__ import annotations

from collections.abc import Iterable

from diplorel._credit import (
    CreditLine,
    CreditLineEvent,
    CreditLineOpened,
    CreditLineState,
    credit_error,
)
from diplorel._dates import When
from diplorel._engine import Anomaly, Timeline, fold, sort_events
from diplorel._keys import Key
from diplorel._money import Money
from diplorel._rules import RuleSet
from diplorel.exceptions import UnknownCreditLineError


class CreditBook:
    """The credit lines of a history, each folded into its own timeline."""

    __slots__ = ("_by_dyad", "_lines", "_rules")

    def __init__(
        self,
        events: Iterable[CreditLineEvent],
        rules: RuleSet,
        *,
        strict: bool,
        key_of: dict[str, Key] | None = None,
    ) -> None:
        """Group ``events`` by line id and fold each line; ``key_of`` maps ids to dyads."""
        by_id: dict[str, list[CreditLineEvent]] = {}
        for e in events:
            by_id.setdefault(e.id, []).append(e)
        self._rules = rules
        self._lines: dict[str, Timeline[CreditLineState]] = {}
        self._by_dyad: dict[Key, list[str]] = {}
        for line_id, line_events in sorted(by_id.items()):
            opened = next((e for e in line_events if isinstance(e, CreditLineOpened)), None)
            key = (key_of or {}).get(line_id) or (opened.parties if opened else ("", ""))
            timeline = fold(
                key,
                sort_events(line_events),
                rules,
                strict=strict,
                initial=CreditLineState(id=line_id),
                error=credit_error,
            )
            self._lines[line_id] = timeline
            self._by_dyad.setdefault(key, []).append(line_id)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every line id, sorted."""
        return tuple(self._lines)

    def has_lines(self, key: Key) -> bool:
        """True when the dyad has any credit line."""
        return key in self._by_dyad

    @property
    def anomalies(self) -> list[Anomaly]:
        """Refused credit-line events (lenient mode)."""
        return [a for t in self._lines.values() for a in t.anomalies]

    def line(self, line_id: str, when: When) -> CreditLine | None:
        """A line's state on a date; None if it had certainly not been opened yet."""
        timeline = self._lines.get(line_id)
        if timeline is None:
            raise UnknownCreditLineError(line_id, known=tuple(self._lines))
        answer = timeline.at(when, self._rules)
        applied = tuple(timeline.events[i] for i in answer.applied())
        opened_alternatives = [a for a in answer.alternatives if a.opened is not None]
        if answer.state.opened is None:
            if not opened_alternatives:
                return None
            # The opening itself is uncertain: show the line as it would be if opened.
            return CreditLine.of(opened_alternatives[0], when, certain=False, events=applied)
        alternatives = tuple(CreditLine.of(a, when) for a in opened_alternatives)
        return CreditLine.of(
            answer.state, when, certain=answer.certain, alternatives=alternatives, events=applied
        )

    def for_dyad(self, key: Key, when: When, lender: str | None = None) -> tuple[CreditLine, ...]:
        """The lines between two states on a date (only those lent by ``lender``, if given)."""
        found = []
        for line_id in self._by_dyad.get(key, ()):
            line = self.line(line_id, when)
            if line is not None and (lender is None or line.lender == lender):
                found.append(line)
        return tuple(found)

    def outstanding(
        self, when: When, *, lender: str | None = None, borrower: str | None = None
    ) -> dict[str, Money]:
        """Outstanding credit on a date per currency, for a lender and/or a borrower."""
        totals: dict[str, Money] = {}
        for line_id in self._lines:
            line = self.line(line_id, when)
            if line is None:
                continue
            if lender is not None and line.lender != lender:
                continue
            if borrower is not None and line.borrower != borrower:
                continue
            cur = line.outstanding.currency
            totals[cur] = totals.get(cur, Money.zero(cur)) + line.outstanding
        return dict(sorted(totals.items()))
