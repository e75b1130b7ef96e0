"""The dimensions of a relationship and the state of a dyad after a run of events.

One yes/no flag cannot say what Cuba and the Republic of Korea had in 2010 (no relations, but a
trade office and a credit line). A :class:`DyadState` keeps each dimension apart: diplomatic and
consular relations, the class of representation each way, heads of mission, missions, protecting
powers and recognition.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TypeVar

import attrs

from diplorel._dates import FuzzyDate
from diplorel._frozen import FrozenMap

V = TypeVar("V")


class Diplomatic(enum.Enum):
    """Diplomatic relations between two states."""

    NONE = "none"
    """Never established (or not yet)."""
    ESTABLISHED = "established"
    SUSPENDED = "suspended"
    SEVERED = "severed"
    ENDED = "ended"
    """A party ceased to exist: not a break."""


class Consular(enum.Enum):
    """Consular relations, separate from diplomatic ones (VCCR art. 2)."""

    NONE = "none"
    ESTABLISHED = "established"
    SEVERED = "severed"
    ENDED = "ended"


class Level(enum.Enum):
    """The class of head of mission agreed for one direction (VCDR art. 14-15).

    ``.cow`` gives the Correlates of War Diplomatic Exchange code.

    >>> Level.AMBASSADOR.cow, Level.CHARGE_D_AFFAIRES.cow, Level.OTHER.cow
    (3, 1, 9)
    """

    NONE = "none"
    CHARGE_D_AFFAIRES = "charge_d_affaires"
    MINISTER = "minister"
    AMBASSADOR = "ambassador"
    OTHER = "other"
    """A representative below chargé level (an interests section) or of unknown class (COW 9)."""
    UNKNOWN = "unknown"
    """Nothing is known about this direction's representation (COW 9 with no exchange)."""

    @property
    def cow(self) -> int:
        """The COW Diplomatic Exchange level: 0 none, 1 chargé, 2 minister, 3 ambassador, 9."""
        return _COW[self]

    @property
    def is_present(self) -> bool:
        """True when a representative is at post (COW's diplomatic exchange, DE = 1)."""
        return self not in {Level.NONE, Level.UNKNOWN}

    @classmethod
    def from_cow(cls, code: int) -> Level:
        """The level for a COW code (0, 1, 2, 3 or 9: OTHER)."""
        for level, value in _COW.items():
            if value == code:
                return level
        msg = f"COW level must be 0, 1, 2, 3 or 9, not {code!r}"
        raise ValueError(msg)


_COW = {
    Level.NONE: 0,
    Level.CHARGE_D_AFFAIRES: 1,
    Level.MINISTER: 2,
    Level.AMBASSADOR: 3,
    Level.OTHER: 9,
    Level.UNKNOWN: 9,
}


class HeadOfMission(enum.Enum):
    """Who heads a sending state's mission (an optional detail; VCDR art. 19)."""

    IN_POST = "in_post"
    """The accredited head of mission is at post."""
    CHARGE_AD_INTERIM = "charge_ad_interim"
    """The head is recalled or away; a chargé d'affaires a.i. stands in."""
    VACANT = "vacant"


class MissionKind(enum.Enum):
    """The kinds of mission a state keeps in another."""

    EMBASSY = "embassy"
    LEGATION = "legation"
    CONSULATE = "consulate"
    INTERESTS_SECTION = "interests_section"
    """A section of a protecting power's embassy, staffed by the protected state (VCDR art. 45)."""
    LIAISON_OFFICE = "liaison_office"
    TRADE_OFFICE = "trade_office"

    @property
    def is_diplomatic(self) -> bool:
        """True for embassies and legations: missions that need diplomatic relations."""
        return self in {MissionKind.EMBASSY, MissionKind.LEGATION}


class Recognition(enum.Enum):
    """One state's recognition of another: a separate, directed act."""

    NOT_RECOGNIZED = "not_recognized"
    RECOGNIZED = "recognized"
    WITHDRAWN = "withdrawn"


@attrs.frozen
class Mission:
    """A mission one state keeps in another.

    ``protecting_power`` is the third state whose embassy houses an interests section.
    """

    kind: MissionKind
    place: str | None = None
    protecting_power: str | None = None
    opened_on: FuzzyDate | None = None
    name: str | None = None

    def __str__(self) -> str:
        """``interests section (under CHE) in Havana``."""
        text = self.kind.value.replace("_", " ")
        if self.name:
            text += f" ({self.name})"
        if self.protecting_power:
            text += f" (under {self.protecting_power})"
        if self.place:
            text += f" in {self.place}"
        return text


@attrs.frozen
class DyadState:
    """Every dimension of one dyad's relationship at one point of its history.

    Rules take a ``DyadState`` and an event and return the next ``DyadState``; the mappings
    are keyed by state code: ``representation[s]`` is the class of the head of mission that
    ``s`` sends, ``missions[s]`` the missions ``s`` keeps in the other state,
    ``protecting_powers[s]`` the third state protecting ``s``'s interests there, and
    ``recognition[s]`` whether ``s`` recognises the other state.
    """

    dyad: tuple[str, str]
    diplomatic: Diplomatic = Diplomatic.NONE
    consular: Consular = Consular.NONE
    representation: FrozenMap[str, Level] = attrs.field(factory=FrozenMap)
    heads: FrozenMap[str, HeadOfMission] = attrs.field(factory=FrozenMap)
    missions: FrozenMap[str, tuple[Mission, ...]] = attrs.field(factory=FrozenMap)
    protecting_powers: FrozenMap[str, str] = attrs.field(factory=FrozenMap)
    recognition: FrozenMap[str, Recognition] = attrs.field(factory=FrozenMap)
    since: FuzzyDate | None = None
    """When the current diplomatic status began (None: never changed)."""
    consular_since: FuzzyDate | None = None

    @classmethod
    def initial(cls, dyad: tuple[str, str]) -> DyadState:
        """The state of a dyad before any event: nothing at all."""
        a, b = dyad
        return cls(
            dyad=dyad,
            representation=FrozenMap({a: Level.NONE, b: Level.NONE}),
            missions=FrozenMap({a: (), b: ()}),
            recognition=FrozenMap({a: Recognition.NOT_RECOGNIZED, b: Recognition.NOT_RECOGNIZED}),
        )

    def renamed(self, names: Mapping[str, str]) -> DyadState:
        """The same state with states renamed (``{"RUS": "SUN"}``), keys and values alike."""

        def name(code: str) -> str:
            return names.get(code, code)

        def keys(m: FrozenMap[str, V]) -> FrozenMap[str, V]:
            return FrozenMap({name(k): v for k, v in m.items()})

        a, b = (name(c) for c in self.dyad)
        return attrs.evolve(
            self,
            dyad=(a, b) if a < b else (b, a),
            representation=keys(self.representation),
            heads=keys(self.heads),
            missions=keys(self.missions),
            protecting_powers=FrozenMap(
                {name(k): name(v) for k, v in self.protecting_powers.items()}
            ),
            recognition=keys(self.recognition),
        )

    def other(self, state: str) -> str:
        """The other party of the dyad."""
        a, b = self.dyad
        return b if state == a else a

    def missions_of(self, kind: MissionKind) -> dict[str, tuple[Mission, ...]]:
        """The missions of one kind, per sending state (only states that have one)."""
        out = {}
        for sender, missions in self.missions.items():
            found = tuple(m for m in missions if m.kind is kind)
            if found:
                out[sender] = found
        return out

    def summary(self) -> str:
        """One line: ``diplomatic relations severed (since 1959/1960), consular severed``."""
        since = f" (since {self.since})" if self.since is not None else ""
        text = f"diplomatic relations {self.diplomatic.value}{since}"
        text += f", consular {self.consular.value}"
        levels = [
            f"{s} sends {lvl.value.replace('_', ' ')}"
            for s, lvl in self.representation.items()
            if lvl is not Level.NONE
        ]
        if levels:
            text += ", " + ", ".join(levels)
        missions = [f"{s}: {m}" for s, ms in self.missions.items() for m in ms]
        if missions:
            text += "; missions " + "; ".join(missions)
        if self.protecting_powers:
            text += "; " + ", ".join(f"{p} protects {s}" for s, p in self.protecting_powers.items())
        return text
