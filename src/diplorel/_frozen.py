"""A small immutable, hashable mapping for the per-state dimensions of a status."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """An immutable mapping that compares and hashes by value.

    The status of a dyad keeps a few per-state facts (the level each side sends, the missions
    each side keeps); they must be immutable and hashable like the rest of the model.

    >>> m = FrozenMap({"KOR": 3})
    >>> m.set("CUB", 3) == FrozenMap({"CUB": 3, "KOR": 3})
    True
    >>> m
    FrozenMap({'KOR': 3})
    """

    __slots__ = ("_d", "_hash")

    def __init__(self, items: Mapping[K, V] | None = None) -> None:
        """Copy ``items`` into a new mapping."""
        self._d: dict[K, V] = dict(items) if items else {}
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        """The value for ``key``."""
        return self._d[key]

    def __iter__(self) -> Iterator[K]:
        """The keys, in insertion order."""
        return iter(self._d)

    def __len__(self) -> int:
        """The number of keys."""
        return len(self._d)

    def __hash__(self) -> int:
        """A hash over the items, computed once."""
        if self._hash is None:
            self._hash = hash(frozenset(self._d.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        """Equal to any mapping with the same items."""
        if isinstance(other, FrozenMap):
            return self._d == other._d
        if isinstance(other, Mapping):
            return self._d == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        """``FrozenMap({...})``."""
        return f"FrozenMap({self._d!r})"

    @classmethod
    def _owning(cls, d: dict[K, V]) -> FrozenMap[K, V]:
        """A map that takes ``d`` as it is (the caller gives it up: no copy)."""
        new = cls.__new__(cls)
        new._d = d  # noqa: SLF001 - building an instance of this class
        new._hash = None  # noqa: SLF001
        return new

    def set(self, key: K, value: V) -> FrozenMap[K, V]:
        """A copy with ``key`` set to ``value``."""
        old = self._d
        if key in old and old[key] == value:
            return self
        d = old.copy()
        d[key] = value
        return FrozenMap._owning(d)

    def without(self, key: K) -> FrozenMap[K, V]:
        """A copy without ``key`` (the same map if it is absent)."""
        if key not in self._d:
            return self
        d = self._d.copy()
        del d[key]
        return FrozenMap._owning(d)
