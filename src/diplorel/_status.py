"""The dimensions of a relationship and the state of a dyad after a run of events.

One yes/no flag cannot say what Cuba and the Republic of Korea had in 2010 (no relations, but a
trade office and a credit line). A :class:`DyadState` keeps each dimension apart: diplomatic and
consular relations, the class agreed each way, who is actually at post, missions, protecting
powers and recognition.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Final, TypeVar

import attrs

from diplorel._dates import FuzzyDate
from diplorel._frozen import FrozenMap

V = TypeVar("V")


class _Keep(enum.Enum):
    """The default of every ``_replace`` argument: keep the field as it is."""

    KEEP = 0


_KEEP: Final = _Keep.KEEP


class Diplomatic(enum.Enum):
    """Diplomatic relations between two states.

    ``NONE`` is a certain "none": acts of the dyad show it, or the history covers the dyad.
    Where a history is silent the answer is ``NO_RECORD``, never ``NONE``.
    """

    NONE = "none"
    """Never established (or not yet), as the acts or the history's coverage show."""
    ESTABLISHED = "established"
    SUSPENDED = "suspended"
    SEVERED = "severed"
    ENDED = "ended"
    """A party ceased to exist: not a break."""
    NO_RECORD = "no_record"
    """The history holds no act of the dyad up to this date and does not cover it: unknown."""
    NOT_EXISTING = "not_existing"
    """At least one of the two states did not exist yet."""


class Consular(enum.Enum):
    """Consular relations, separate from diplomatic ones (VCCR art. 2)."""

    NONE = "none"
    ESTABLISHED = "established"
    SEVERED = "severed"
    ENDED = "ended"
    NO_RECORD = "no_record"
    """No act of the dyad up to this date, and no coverage: unknown."""
    NOT_EXISTING = "not_existing"
    """At least one of the two states did not exist yet."""


class Level(enum.Enum):
    """The class of head of mission *agreed* for one direction (VCDR art. 14-15).

    What two states agreed, set by the act that establishes relations or changes the class:
    not evidence that anyone is at post (see :class:`Rank` and :class:`HeadOfMission` for who
    is there). ``.cow`` is the Correlates of War code a head of this class would have.

    >>> Level.AMBASSADOR.cow, Level.CHARGE_D_AFFAIRES.cow, Level.OTHER.cow
    (3, 1, 9)
    """

    NONE = "none"
    CHARGE_D_AFFAIRES = "charge_d_affaires"
    MINISTER = "minister"
    AMBASSADOR = "ambassador"
    OTHER = "other"
    """A class below chargé d'affaires or of another kind."""
    UNKNOWN = "unknown"
    """The sources do not say at which class relations were agreed."""

    @property
    def cow(self) -> int:
        """The COW Diplomatic Exchange code of this class: 0, 1 chargé, 2 minister, 3, 9."""
        return _COW[self]

    @classmethod
    def from_cow(cls, code: int) -> Level:
        """The class for a COW code (0, 1, 2, 3 or 9: OTHER)."""
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


class Rank(enum.Enum):
    """The rank of the person *actually* heading a sending state's mission (VCDR art. 14, 19).

    This is what the Correlates of War data code: the representative present, not the class
    agreed. ``OTHER`` and ``UNKNOWN`` carry COW's code 9 read from a COW file (with and
    without diplomatic exchange).
    """

    AMBASSADOR = "ambassador"
    MINISTER = "minister"
    """Envoy extraordinary and minister plenipotentiary, minister resident."""
    CHARGE_D_AFFAIRES = "charge_d_affaires"
    """A chargé d'affaires *en pied*: accredited to the foreign minister as head of mission."""
    CHARGE_AD_INTERIM = "charge_ad_interim"
    """A chargé d'affaires *ad interim*, standing in while the head is away or the post vacant."""
    LOWER = "lower"
    """A diplomat below chargé rank in charge (a counsellor, a first or second secretary)."""
    VACANT = "vacant"
    """The mission is open but the records name nobody in charge."""
    OTHER = "other"
    """A representative of another or unknown rank is present (COW 9 with exchange)."""
    UNKNOWN = "unknown"
    """Something of unknown kind is there, not counted as diplomatic exchange (COW 9, DE 0)."""

    @classmethod
    def of_class(cls, level: Level) -> Rank:
        """The rank of a head of mission of the agreed ``level`` (OTHER when unknown)."""
        return _RANK_OF_CLASS.get(level, Rank.OTHER)


_RANK_OF_CLASS = {
    Level.AMBASSADOR: Rank.AMBASSADOR,
    Level.MINISTER: Rank.MINISTER,
    Level.CHARGE_D_AFFAIRES: Rank.CHARGE_D_AFFAIRES,
}


@attrs.frozen
class HeadOfMission:
    """Who heads a sending state's mission: rank, name, since when, and where they reside.

    ``resident=False`` is a head accredited from another capital (``resides_in``: the state
    where the head resides), as Israel's ambassador in Lima was to Bolivia. ``titular`` is the
    head recalled or away while a chargé a.i. stands in, who may return.

    >>> str(HeadOfMission(Rank.AMBASSADOR, name="Lee Ho-yul"))
    'ambassador Lee Ho-yul'
    """

    rank: Rank
    name: str | None = None
    since: FuzzyDate | None = None
    resident: bool = True
    resides_in: str | None = None
    titular: HeadOfMission | None = None
    interim_since: FuzzyDate | None = None
    """For a chargé a.i. or a vacancy: since when the post has had no head in their own right."""

    def _replace(
        self,
        *,
        since: FuzzyDate | _Keep | None = _KEEP,
        titular: HeadOfMission | _Keep | None = _KEEP,
    ) -> HeadOfMission:
        """A copy with ``since`` or ``titular`` changed (``attrs.evolve``, at a third the cost)."""
        return HeadOfMission(
            self.rank,
            self.name,
            self.since if since is _KEEP else since,
            self.resident,
            self.resides_in,
            self.titular if titular is _KEEP else titular,
            self.interim_since,
        )

    def __str__(self) -> str:
        """``ambassador Pete Peterson since 1997-05-09``."""
        text = self.rank.value.replace("_", " ")
        if self.name:
            text += f" {self.name}"
        if self.since is not None:
            text += f" since {self.since}"
        if not self.resident:
            text += (
                f" (non-resident, in {self.resides_in})" if self.resides_in else " (non-resident)"
            )
        return text


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
        return self is MissionKind.EMBASSY or self is MissionKind.LEGATION  # no enum hashing

    @property
    def is_representation(self) -> bool:
        """True for the missions through which a state is represented in the other.

        Embassies, legations, liaison offices and interests sections; not consulates or trade
        offices.
        """
        return self in _REPRESENTATION


_REPRESENTATION = (
    MissionKind.EMBASSY,
    MissionKind.LEGATION,
    MissionKind.LIAISON_OFFICE,
    MissionKind.INTERESTS_SECTION,
)
"""The missions that represent a state, in order of precedence (the first open one counts)."""


class Recognition(enum.Enum):
    """One state's recognition of another: a separate, directed act."""

    NOT_RECOGNIZED = "not_recognized"
    RECOGNIZED = "recognized"
    WITHDRAWN = "withdrawn"


@attrs.frozen
class Mission:
    """A mission one state keeps in another.

    ``protecting_power`` is the third state whose embassy houses an interests section;
    ``staffed_by_power`` is True when that power's own diplomats staff it, rather than the
    protected state's.
    """

    kind: MissionKind
    place: str | None = None
    protecting_power: str | None = None
    opened_on: FuzzyDate | None = None
    name: str | None = None
    staffed_by_power: bool = False

    def _replace(self, *, protecting_power: str | None) -> Mission:
        """A copy under another protecting power (``attrs.evolve``, at a third the cost)."""
        return Mission(
            self.kind,
            self.place,
            protecting_power,
            self.opened_on,
            self.name,
            self.staffed_by_power,
        )

    def __str__(self) -> str:
        """``interests section (under CHE) in Havana``."""
        text = self.kind.value.replace("_", " ")
        if self.name:
            text += f" ({self.name})"
        if self.protecting_power:
            staff = ", staffed by it" if self.staffed_by_power else ""
            text += f" (under {self.protecting_power}{staff})"
        if self.place:
            text += f" in {self.place}"
        return text


@attrs.frozen
class DyadState:
    """Every dimension of one dyad's relationship at one point of its history.

    Rules take a ``DyadState`` and an event and return the next ``DyadState``; the mappings
    are keyed by state code: ``agreed[s]`` is the class of head of mission agreed for what
    ``s`` sends (VCDR art. 14-15), ``heads[s]`` who actually heads ``s``'s mission in the other
    state (absent: nobody), ``missions[s]`` the missions ``s`` keeps there,
    ``protecting_powers[s]`` the third state protecting ``s``'s interests there,
    ``recognition[s]`` whether ``s`` recognises the other state and ``governments[s]`` which
    government of the other state ``s`` recognises, where an act says so.
    """

    dyad: tuple[str, str]
    diplomatic: Diplomatic = Diplomatic.NONE
    consular: Consular = Consular.NONE
    agreed: FrozenMap[str, Level] = attrs.field(factory=FrozenMap)
    heads: FrozenMap[str, HeadOfMission] = attrs.field(factory=FrozenMap)
    missions: FrozenMap[str, tuple[Mission, ...]] = attrs.field(factory=FrozenMap)
    protecting_powers: FrozenMap[str, str] = attrs.field(factory=FrozenMap)
    recognition: FrozenMap[str, Recognition] = attrs.field(factory=FrozenMap)
    governments: FrozenMap[str, str] = attrs.field(factory=FrozenMap)
    since: FuzzyDate | None = None
    """When the current diplomatic status began (None: never changed)."""
    consular_since: FuzzyDate | None = None
    presence_known: bool = True
    """False where the history has no record of who is at post (no act, no coverage)."""
    presence_unknown: frozenset[str] = frozenset()
    """The senders whose presence at the other is not recorded while the other's is (a
    history that covers one direction only: the US records cover the US chiefs of mission,
    not the partners' envoys in Washington)."""

    def _replace(
        self,
        *,
        dyad: tuple[str, str] | _Keep = _KEEP,
        diplomatic: Diplomatic | _Keep = _KEEP,
        consular: Consular | _Keep = _KEEP,
        agreed: FrozenMap[str, Level] | _Keep = _KEEP,
        heads: FrozenMap[str, HeadOfMission] | _Keep = _KEEP,
        missions: FrozenMap[str, tuple[Mission, ...]] | _Keep = _KEEP,
        protecting_powers: FrozenMap[str, str] | _Keep = _KEEP,
        recognition: FrozenMap[str, Recognition] | _Keep = _KEEP,
        governments: FrozenMap[str, str] | _Keep = _KEEP,
        since: FuzzyDate | _Keep | None = _KEEP,
        consular_since: FuzzyDate | _Keep | None = _KEEP,
        presence_known: bool | _Keep = _KEEP,
        presence_unknown: frozenset[str] | _Keep = _KEEP,
    ) -> DyadState:
        """A copy with the given fields changed: what ``attrs.evolve`` makes, at a third the cost.

        The rules make one for nearly every event they apply, so it calls the constructor
        directly instead of going through ``attrs.evolve``'s generic field walk.
        """
        return DyadState(
            self.dyad if dyad is _KEEP else dyad,
            self.diplomatic if diplomatic is _KEEP else diplomatic,
            self.consular if consular is _KEEP else consular,
            self.agreed if agreed is _KEEP else agreed,
            self.heads if heads is _KEEP else heads,
            self.missions if missions is _KEEP else missions,
            self.protecting_powers if protecting_powers is _KEEP else protecting_powers,
            self.recognition if recognition is _KEEP else recognition,
            self.governments if governments is _KEEP else governments,
            self.since if since is _KEEP else since,
            self.consular_since if consular_since is _KEEP else consular_since,
            self.presence_known if presence_known is _KEEP else presence_known,
            self.presence_unknown if presence_unknown is _KEEP else presence_unknown,
        )

    @classmethod
    def initial(cls, dyad: tuple[str, str]) -> DyadState:
        """The state of a dyad before any event: nothing at all."""
        a, b = dyad
        return cls(
            dyad=dyad,
            agreed=FrozenMap({a: Level.NONE, b: Level.NONE}),
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
        return self._replace(
            dyad=(a, b) if a < b else (b, a),
            agreed=keys(self.agreed),
            heads=keys(self.heads),
            missions=keys(self.missions),
            protecting_powers=FrozenMap(
                {name(k): name(v) for k, v in self.protecting_powers.items()}
            ),
            recognition=keys(self.recognition),
            governments=keys(self.governments),
            presence_unknown=frozenset(name(c) for c in self.presence_unknown),
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

    def mission(self, sender: str) -> Mission | None:
        """The mission through which ``sender`` is represented in the other state, if any.

        The first open one of: embassy, legation, liaison office, interests section.
        """
        open_ = self.missions.get(sender, ())
        for kind in _REPRESENTATION:
            for m in open_:
                if m.kind is kind:
                    return m
        return None

    @property
    def known(self) -> bool:
        """False where the history has no record of the relations or a party did not exist.

        Then no agreed class, recognition or protecting power is a fact either. Who is at post
        may still be known (:attr:`presence_known`: a COW observation says who was there, not
        whether relations stood).
        """
        return self.diplomatic not in (Diplomatic.NO_RECORD, Diplomatic.NOT_EXISTING)

    def without_record(self, record: Diplomatic, *, presence: bool = False) -> DyadState:
        """This state with its relations marked unknown: no record, or a party not existing.

        ``presence`` keeps who is at post as known (observed, or covered).
        """
        consular = Consular(record.value)
        return self._replace(diplomatic=record, consular=consular, presence_known=presence)

    def without_presence(self) -> DyadState:
        """This state with who is at post marked unknown (relations known, presence not)."""
        return self._replace(presence_known=False)

    def without_presence_of(self, senders: frozenset[str]) -> DyadState:
        """This state with the presence of ``senders`` (one side) marked unknown."""
        if set(self.dyad) <= senders:
            return self.without_presence()
        return self._replace(presence_unknown=senders)

    @property
    def has_trade_office(self) -> bool:
        """Whether either state keeps a trade office at the other."""
        return any(m.kind is MissionKind.TRADE_OFFICE for ms in self.missions.values() for m in ms)

    def economic_ties(self, *, credit_active: bool) -> bool | None:
        """The one definition of economic ties: a trade office, or an active credit line.

        Independent of relations. None where nothing says there are none: no record of the
        dyad, or a record of one side only (one side's envoys say nothing of trade or credit).
        """
        if self.has_trade_office or credit_active:
            return True
        return False if self.presence_known and not self.presence_unknown else None

    def presence_known_of(self, sender: str) -> bool:
        """Whether the history records who represents ``sender`` at the other state."""
        return self.presence_known and sender not in self.presence_unknown

    def summary(self) -> str:
        """One line: ``diplomatic relations severed (since 1959/1960), consular severed``."""
        if self.diplomatic is Diplomatic.NO_RECORD:
            return "no record of relations (the history holds no act and does not cover it)"
        if self.diplomatic is Diplomatic.NOT_EXISTING:
            return "at least one of the two states did not exist yet"
        since = f" (since {self.since})" if self.since is not None else ""
        text = f"diplomatic relations {self.diplomatic.value}{since}"
        text += f", consular {self.consular.value}"
        levels = [
            f"{s} agreed {lvl.value.replace('_', ' ')}"
            for s, lvl in self.agreed.items()
            if lvl is not Level.NONE
        ]
        if levels:
            text += ", " + ", ".join(levels)
        heads = [f"{s} headed by {h.rank.value.replace('_', ' ')}" for s, h in self.heads.items()]
        if heads:
            text += "; " + ", ".join(heads)
        missions = [f"{s}: {m}" for s, ms in self.missions.items() for m in ms]
        if missions:
            text += "; missions " + "; ".join(missions)
        if self.protecting_powers:
            text += "; " + ", ".join(f"{p} protects {s}" for s, p in self.protecting_powers.items())
        return text
