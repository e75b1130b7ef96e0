"""What the modules that answer from a history (bulk answers, panels, charts) may ask of it.

:class:`HistoryView` is the narrow, read-only view they are written against: a structural
type that the derived index (:class:`~diplorel._derived.Derived`) satisfies. It lets those
modules live below the facade that calls them (no import circle), and says in one place what
they depend on.
"""

from __future__ import annotations

from typing import Protocol

from diplorel._answer import Period, Status
from diplorel._coverage import Coverage
from diplorel._credit import CreditLine
from diplorel._dates import QueryLike, When
from diplorel._engine import DyadTimeline
from diplorel._keys import Key
from diplorel._rules import RuleSet
from diplorel._states import StateRegistry
from diplorel._status import DyadState


class HistoryView(Protocol):
    """The queries of a history that bulk answers, panels and charts use."""

    @property
    def registry(self) -> StateRegistry:
        """The state registry names are resolved with."""
        ...

    @property
    def rules(self) -> RuleSet:
        """The rule set the history is derived with."""
        ...

    @property
    def strict(self) -> bool:
        """Whether the history refuses invalid acts."""
        ...

    @property
    def coverage(self) -> tuple[Coverage, ...]:
        """The coverage declarations."""
        ...

    @property
    def dyads(self) -> tuple[Key, ...]:
        """Every dyad with events, sorted."""
        ...

    def dyads_known_on(self, known: When | None) -> tuple[Key, ...]:
        """The dyads with records now, or counting on a day of knowledge."""
        ...

    def key(self, a: str, b: str) -> Key:
        """The dyad key of two registry codes."""
        ...

    def resolve(self, a: str, b: str) -> Key:
        """The dyad key for two state references."""
        ...

    def dyad(self, a: str, b: str) -> Key:
        """The dyad key to answer a question about two states (refuses one state twice)."""
        ...

    def filed_as(self, state: str) -> str:
        """The code under which a state's dyads are filed."""
        ...

    def status(self, a: str, b: str, *, on: QueryLike) -> Status:
        """The status of a dyad on a date."""
        ...

    def timeline(self, a: str, b: str) -> tuple[Period, ...]:
        """The periods of a dyad."""
        ...

    def credit_lines(
        self, a: str, b: str, *, on: QueryLike, lender: str | None = None
    ) -> tuple[CreditLine, ...]:
        """A dyad's credit lines on a date."""
        ...

    def state_at_key(
        self, key: Key, when: When, known: When | None = None
    ) -> tuple[DyadState, bool]:
        """A dyad's state (named as on the day) and certainty."""
        ...

    def recorded_at(
        self, key: Key, when: When, known: When | None = None
    ) -> tuple[DyadState, bool]:
        """A dyad's state in its key's names, with the unknown marked, and certainty."""
        ...

    def timeline_of(self, key: Key) -> DyadTimeline:
        """A dyad's derived timeline."""
        ...

    def is_directional(self, key: Key) -> bool:
        """Whether a declaration covers one direction of the dyad's presence only."""
        ...

    def has_credit_lines(self, key: Key) -> bool:
        """Whether the dyad has credit lines."""
        ...

    def lifecycle_states(self) -> frozenset[str]:
        """States whose end or continuation the history or registry records."""
        ...

    @property
    def memo(self) -> dict[str, object]:
        """What the modules answering from the view build once for it (bulk arrays)."""
        ...
