"""Continuing states: one lineage, one dyad, named as the state was named on each date.

The Russian Federation continues the USSR: their relations are one history. diplorel files a
lineage's dyads under its last code (RUS), renames events to it for the fold, and names the
state back as it was on the query date (SUN in 1980). Two codes of one lineage are one state:
an act between them is refused (see :meth:`Lineage.merged`), and so is a question about them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

from diplorel._events import DyadEvent, Event, StateContinued, StateExtinguished
from diplorel._states import StateRegistry
from diplorel.exceptions import InvalidQueryError

_THIRD_PARTY_FIELDS = ("power", "protecting_power")
_STATE_FIELDS = (
    "by",
    "sender",
    "protected",
    "power",
    "of",
    "protecting_power",
    "lender",
    "borrower",
)


_THIRD_OF_TYPE: dict[type[Event], tuple[str, ...] | None] = {}
_UNSEEN: tuple[str, ...] = ("",)
"""A type not yet in ``_THIRD_OF_TYPE``."""


def _third_parties(cls: type[Event]) -> tuple[str, ...] | None:
    """The fields of an event type that name a third state (a protecting power), once a type.

    None for a state's end or continuation, which names no dyad.
    """
    try:
        return _THIRD_OF_TYPE[cls]
    except KeyError:
        pass
    found: tuple[str, ...] | None = None
    if not issubclass(cls, StateContinued | StateExtinguished):
        fields = attrs.fields_dict(cls)
        found = tuple(f for f in _THIRD_PARTY_FIELDS if f in fields)
    _THIRD_OF_TYPE[cls] = found
    return found


class Lineage:
    """Which codes name one continuing state (SUN and RUS); dyads are filed under the last."""

    def __init__(self, continuations: Iterable[tuple[str, str]]) -> None:
        """Index the continuations ``(old, new)``."""
        self.successor: dict[str, str] = {}
        for old, new in continuations:
            self.successor[old] = new
        self._root: dict[str, str] = {}
        groups: dict[str, list[str]] = {}
        for code in sorted({*self.successor, *self.successor.values()}):
            groups.setdefault(self._find(code), []).append(code)
        self._members = {c: tuple(g) for g in groups.values() for c in g}

    def _find(self, code: str) -> str:
        seen = {code}
        while code in self.successor:
            code = self.successor[code]
            if code in seen:
                break
            seen.add(code)
        return code

    def root(self, code: str) -> str:
        """The code a state's dyads are filed under (itself unless it was continued)."""
        found = self._root.get(code)
        if found is None:
            found = self._root[code] = self._find(code)
        return found

    def key(self, a: str, b: str) -> tuple[str, str]:
        """The dyad key of two codes: their roots, sorted."""
        ra, rb = self.root(a), self.root(b)
        return (ra, rb) if ra < rb else (rb, ra)

    def touches(self, event: Event) -> bool:
        """Whether an event names a state that was continued (and so needs renaming)."""
        old = self.successor
        for code in event.parties:
            if code in old:
                return True
        for field in _THIRD_PARTY_FIELDS:
            value = getattr(event, field, None)
            if value is not None and value in old:
                return True
        return False

    def renames(self, key: tuple[str, str]) -> bool:
        """Whether a dyad involves a state known under several codes."""
        members = self._members
        return key[0] in members or key[1] in members

    def members(self, code: str) -> tuple[str, ...]:
        """Every code of the lineage ``code`` belongs to (just ``code`` for most states)."""
        return self._members.get(code, (code,))

    def merged(self, event: Event) -> tuple[str, str] | None:
        """Two codes an act names as different states that are one lineage, or None.

        ``RelationsEstablished(between=("RUS", "SUN"))`` names the Russian Federation and the
        USSR it continues: one state, which has no relations with itself; renamed to its
        lineage's code the act would be between RUS and RUS. So would a protecting power of
        the same lineage as a party. A state's end or continuation is not such an act.
        """
        third = _THIRD_OF_TYPE.get(type(event), _UNSEEN)
        if third is _UNSEEN:
            third = _third_parties(type(event))
        if third is None:  # a state's end or continuation
            return None
        old = self.successor
        parties = event.parties
        if not third:  # the common case: two parties, most often neither renamed
            if parties and (parties[0] in old or parties[-1] in old):
                a, b = parties[0], parties[-1]
                if a != b and self.root(a) == self.root(b):
                    return (a, b)
            return None
        codes = list(parties)
        for field in third:  # a protecting power, if any
            code = getattr(event, field)
            if code is not None:
                codes.append(code)
        return self._merged_among(codes)

    def _merged_among(self, codes: list[str]) -> tuple[str, str] | None:
        """The first two of ``codes`` that are one lineage, or None."""
        old = self.successor
        if not any(code in old for code in codes):  # nothing is renamed
            return None
        seen: dict[str, str] = {}
        for code in codes:
            other = seen.setdefault(self.root(code), code)
            if other != code:
                return (other, code)
        return None

    def merged_reason(self, a: str, b: str) -> str:
        """Why two codes of one lineage are no dyad (see :func:`one_state`)."""
        return one_state(a, b, self.root(a))

    def canonical(self, event: Event) -> Event:
        """The event with every state named by its lineage's code (SUN -> RUS), for the fold."""
        if isinstance(event, StateContinued) or not self.touches(event):
            return event
        root = self.root
        changes: dict[str, Any] = {}
        fields = attrs.fields_dict(type(event))
        for name in _STATE_FIELDS:
            if name not in fields:  # a property of the type (PersonaNonGrataDeclared.sender)
                continue
            value = getattr(event, name, None)
            if isinstance(value, str) and root(value) != value:
                changes[name] = root(value)
        between = getattr(event, "between", None)
        if isinstance(event, DyadEvent) and between is not None:
            mapped = (root(between[0]), root(between[1]))
            if mapped != between:
                changes["between"] = mapped
        return attrs.evolve(event, **changes) if changes else event

    def names_on(
        self, key: tuple[str, str], day: pendulum.Date, registry: StateRegistry
    ) -> dict[str, str]:
        """For continuing states, the code each lineage went by on ``day`` (SUN in 1980)."""
        if not self.renames(key):
            return {}
        names = {}
        for code in key:
            members = self.members(code)
            if len(members) == 1:
                continue
            for member in members:
                if member != code and member in registry and registry.get(member).exists_on(day):
                    names[code] = member
        return names


def one_state(a: str, b: str, filed: str) -> str:
    """Why ``a`` and ``b``, two codes of one lineage filed as ``filed``, are no dyad.

    >>> print(one_state("SUN", "RUS", "RUS"))  # doctest: +NORMALIZE_WHITESPACE
    SUN and RUS name one state (a continuation: its lineage is filed as RUS),
    which has no relations with itself
    """
    return (
        f"{a} and {b} name one state (a continuation: its lineage is filed as {filed}), "
        "which has no relations with itself"
    )


def not_a_dyad(a: str, b: str, codes: tuple[str, str], filed: str) -> InvalidQueryError:
    """The error for a question about two codes of one state (the USSR and Russia).

    ``a`` and ``b`` are the names as asked, ``codes`` their registry codes, ``filed`` the
    code their lineage is filed under.
    """
    return InvalidQueryError((a, b), f"{one_state(*codes, filed)}: a dyad needs two states")
