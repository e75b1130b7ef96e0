"""Dyad keys: the one definition of how a pair of states and a dyad-day are named.

A dyad is filed under its two codes in sorted order (:func:`pair`); the array engines pack a
dyad's number and a day's ordinal into one integer, the dyad in the bits above
:data:`DAY_BITS` (:func:`packed`), so that sorting the integers sorts by dyad, then day.

>>> pair("USA", "CUB")
('CUB', 'USA')
>>> packed(1, 5) == (1 << DAY_BITS) | 5
True
"""

from __future__ import annotations

from typing import TypeAlias

Key: TypeAlias = tuple[str, str]
"""A dyad: two state codes, sorted."""

DAY_BITS = 22
"""Bits of a packed dyad-day that hold the day's ordinal (up to 4,194,303: year 11,483)."""


def pair(a: str, b: str) -> Key:
    """The dyad of ``a`` and ``b``: their codes in sorted order."""
    return (a, b) if a < b else (b, a)


def packed(dyad: int, ordinal: int) -> int:
    """A dyad's number and a day's ordinal as one sortable integer (see :data:`DAY_BITS`)."""
    return (dyad << DAY_BITS) | ordinal
