"""Relation events: the dated acts that change a dyad's status.

Every event is an immutable attrs class named with a past participle. Dyadic events take
``between=(a, b)`` (any order, any code, name or alias: stored as sorted ISO codes) and
``on=`` (EDTF text, a date or a :class:`~diplorel.FuzzyDate`). Directed events name the acting
state (``by=``, ``sender=``). Every event accepts ``tz=`` (the IANA zone of the place where the
act happened; default UTC), ``place=``, ``sources=`` and ``instrument=`` (the id of the note or
communiqué through which the act was done).

>>> import diplorel as dr
>>> e = dr.RelationsSevered(between=("South Korea", "Cuba"), on="1959/1960", by="CUB")
>>> e.between, e.on, e.consular
(('CUB', 'KOR'), FuzzyDate('1959/1960'), False)
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any, ClassVar

import attrs

from diplorel._checks import (
    DATE,
    FLAG,
    OPTIONAL_DATE,
    OPTIONAL_STATE,
    OPTIONAL_TEXT,
    STATE,
    TEXT,
    TIME,
    NamesStates,
    between,
    field_name,
    member_of,
    to_code,
    to_date,
    to_optional_code,
    to_optional_date,
    to_pair,
    to_time,
    to_tuple,
    tuple_of,
)
from diplorel._dates import FuzzyDate, check_act_time
from diplorel._dates import check_tz as _check_zone
from diplorel._states import code_of
from diplorel._status import Level, MissionKind, Rank
from diplorel.exceptions import InvalidEventError, InvalidTypeError


def _state(value: str, name: str = "state") -> str:
    """A state's code (for classes without a validator of their own: wrong types raise)."""
    if not isinstance(value, str):
        raise InvalidTypeError(value, field=name, expected="a state code or name (a str)")
    return code_of(value)


def _dyad(value: Iterable[str]) -> tuple[str, str]:
    """Two codes an item holds, sorted (never read again: they may be a history's own codes)."""
    pair = tuple(value)
    if len(pair) == 2 and type(pair[0]) is str and type(pair[1]) is str:  # noqa: PLR2004
        return (pair[0], pair[1]) if pair[0] < pair[1] else (pair[1], pair[0])
    raise InvalidTypeError(value, field="between", expected="a pair of state codes or names")


def _tz(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise InvalidTypeError(
            value, field=field_name(instance, attribute), expected="an IANA time zone name"
        )
    _check_zone(value)


def _time(instance: Event, attribute: attrs.Attribute[dt.time | None], value: object) -> None:
    if value is not None:
        TIME(instance, attribute, value)
        check_act_time(instance.on, value)  # type: ignore[arg-type]


@attrs.frozen(kw_only=True)
class Source:
    """A citation: who published what, when, where to find it, and the words that support it."""

    publisher: str = attrs.field(validator=TEXT)
    title: str = attrs.field(validator=TEXT)
    published_on: FuzzyDate | None = attrs.field(
        default=None, converter=to_optional_date, validator=OPTIONAL_DATE
    )
    url: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    excerpt: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)

    def __str__(self) -> str:
        """``Publisher, "Title" (date), url``."""
        when = f" ({self.published_on})" if self.published_on else ""
        url = f", {self.url}" if self.url else ""
        return f'{self.publisher}, "{self.title}"{when}{url}'


def _sources(value: Iterable[Source]) -> tuple[Source, ...]:
    """Sources as a tuple (for classes without a validator of their own: wrong types raise)."""
    out = to_tuple(value)
    if type(out) is not tuple:
        raise InvalidTypeError(value, field="sources", expected="an iterable of Source")
    for s in out:
        if not isinstance(s, Source):
            raise InvalidTypeError(s, field="sources", expected="a Source")
    return out


SOURCES = tuple_of(Source, "Source")


def _published(instance: Event, _attribute: attrs.Attribute[str | None], value: object) -> None:
    """A validator: a correction says when it was published (``announced_on``)."""
    if value is not None and instance.announced_on is None:
        raise InvalidEventError(
            type(instance).__name__,
            f"a correction (supersedes={value!r}) needs announced_on: when it was published",
        )


@attrs.frozen(kw_only=True)
class Event(NamesStates):
    """Base class of every event: a dated act at a place, with its sources."""

    TAG: ClassVar[str] = "event"
    """The stable name of the event type in files (renaming a class never changes it)."""
    ORDER: ClassVar[int] = 50
    """Where the event goes among events on the same day (lower first)."""

    on: FuzzyDate = attrs.field(converter=to_date, validator=DATE)
    tz: str = attrs.field(default="UTC", validator=_tz)
    time: dt.time | None = attrs.field(default=None, converter=to_time, validator=_time)
    """Local time of day of the act at its place (``tz``); only on a date known to the day.

    A query at an instant compares with it (Mexico broke with Ecuador at night on
    2024-04-05); a plain date query answers for the end of that day.
    """
    place: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=to_tuple, validator=SOURCES)
    instrument: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    announced_on: FuzzyDate | None = attrs.field(
        default=None, converter=to_optional_date, validator=OPTIONAL_DATE
    )
    """When the act became known: announced or published (knowledge time, see
    :doc:`/concepts/knowledge-time`). None: known from its date, an imprecise one from the
    end of its span. Not when a source recorded it (that is the source's ``published_on``)."""
    uid: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    """A stable id of this record, which a later correction can name."""
    supersedes: str | None = attrs.field(default=None, validator=[OPTIONAL_TEXT, _published])
    """The ``uid`` (or instrument id) of an earlier record this one corrects (a corrected
    date or level): the history keeps both, the current view uses the latest correction,
    and a view of the past uses what was known then. A correction needs ``announced_on``,
    when it was published."""

    @property
    def parties(self) -> tuple[str, ...]:
        """The states whose relations this event touches."""
        raise NotImplementedError

    def _details(self) -> str:
        return ""

    def describe(self, *, dated: bool = True) -> str:
        """One line: the act, its parties, and (unless ``dated=False``) its date."""
        name = type(self).__name__
        when = f" on {self.on}" if dated else ""
        return f"{name} {'-'.join(self.parties)}{self._details()}{when}"


@attrs.frozen(kw_only=True)
class DyadEvent(Event):
    """An event between two states."""

    between: tuple[str, str] = attrs.field(converter=to_pair, validator=between)

    @property
    def parties(self) -> tuple[str, str]:
        """The two states, sorted."""
        return self.between

    def _check_party(self, field: str, value: str) -> None:
        if value not in self.between:
            raise InvalidEventError(
                f"{type(self).__name__} {'-'.join(self.between)}",
                f"{field}={value!r} is not a party (between={self.between!r})",
            )


def _party(field: str, *, optional: bool = False) -> Any:  # noqa: ANN401 - a validator factory
    """A validator: the value is a state code (or None if ``optional``), one of the dyad."""
    of_type = OPTIONAL_STATE if optional else STATE

    def check(instance: DyadEvent, attribute: attrs.Attribute[str], value: str | None) -> None:
        if type(value) is not str:
            of_type(instance, attribute, value)
        if value is not None:
            instance._check_party(field, value)  # noqa: SLF001 - shared by the event classes

    return check


@attrs.frozen(kw_only=True)
class ConsentEvent(DyadEvent):
    """Base of the acts that need both states' consent: establishing and resuming relations.

    ``consular`` (default True): whether consular relations come with them (VCCR art. 2(2));
    ``level``: the class of heads of mission agreed, both ways (VCDR art. 14-15).
    """

    ORDER: ClassVar[int] = 20
    consular: bool = attrs.field(default=True, validator=FLAG)
    level: Level = attrs.field(default=Level.AMBASSADOR, validator=member_of(Level))
    """The class agreed for the heads of mission: nobody is at post until one takes it up."""

    def _details(self) -> str:
        return f" ({self.level.value.replace('_', ' ')})"


@attrs.frozen(kw_only=True)
class RelationsEstablished(ConsentEvent):
    """Two states establish diplomatic relations, by mutual consent (VCDR art. 2)."""

    TAG: ClassVar[str] = "relations_established"


@attrs.frozen(kw_only=True)
class RelationsResumed(ConsentEvent):
    """Two states resume diplomatic relations that were severed or suspended."""

    TAG: ClassVar[str] = "relations_resumed"


@attrs.frozen(kw_only=True)
class BreakEvent(DyadEvent):
    """Base of the unilateral acts that end or pause relations: suspending and severing.

    ``by`` is the state that acts; ``consular=True`` when the act names consular relations too.
    The dyad's embassies and legations close on the date of the act, unless
    ``missions_stay_open=True`` (the sources state a later closure, or that they stayed open).
    """

    ORDER: ClassVar[int] = 70
    by: str | None = attrs.field(
        default=None, converter=to_optional_code, validator=_party("by", optional=True)
    )
    """The state that acted; None when the sources do not say."""
    consular: bool = attrs.field(default=False, validator=FLAG)
    missions_stay_open: bool = attrs.field(default=False, validator=FLAG)

    def _details(self) -> str:
        by = f" by {self.by}" if self.by else ""
        return by + (" (consular too)" if self.consular else "")


@attrs.frozen(kw_only=True)
class RelationsSuspended(BreakEvent):
    """One state suspends diplomatic relations (``consular=True`` suspends consular ones too)."""

    TAG: ClassVar[str] = "relations_suspended"


@attrs.frozen(kw_only=True)
class RelationsSevered(BreakEvent):
    """One state breaks off diplomatic relations, alone, from the stated date.

    Consular relations go only if the act names them: ``consular=True`` (VCCR art. 2(3)).
    """

    TAG: ClassVar[str] = "relations_severed"
    ORDER: ClassVar[int] = 75


@attrs.frozen(kw_only=True)
class ConsularRelationsEstablished(DyadEvent):
    """Two states establish consular relations, by mutual consent (VCCR art. 2(1))."""

    TAG: ClassVar[str] = "consular_relations_established"
    ORDER: ClassVar[int] = 25


@attrs.frozen(kw_only=True)
class ConsularRelationsSevered(DyadEvent):
    """One state severs consular relations."""

    TAG: ClassVar[str] = "consular_relations_severed"
    ORDER: ClassVar[int] = 60
    by: str = attrs.field(converter=to_code, validator=_party("by"))

    def _details(self) -> str:
        return f" by {self.by}"


@attrs.frozen(kw_only=True)
class RepresentationChanged(DyadEvent):
    """The class of head of mission agreed for what ``sender`` sends changes (VCDR art. 14-15).

    A downgrade to chargé d'affaires *en pied* is ``level=Level.CHARGE_D_AFFAIRES``. This is
    the agreed class; who is actually at post changes with :class:`HeadOfMissionAccredited`
    and its kin.
    """

    TAG: ClassVar[str] = "representation_changed"
    ORDER: ClassVar[int] = 30
    sender: str = attrs.field(converter=to_code, validator=_party("sender"))
    level: Level = attrs.field(validator=member_of(Level))

    def _details(self) -> str:
        return f": {self.sender} agreed {self.level.value.replace('_', ' ')}"


@attrs.frozen(kw_only=True)
class PresenceObserved(DyadEvent):
    """An observation of who represents ``sender`` in the other state (``rank``; None: nobody).

    What a Correlates of War file records: the representative present, with or without
    formal relations. An observation is not an act; it stands until the next one.
    """

    TAG: ClassVar[str] = "presence_observed"
    ORDER: ClassVar[int] = 30
    sender: str = attrs.field(converter=to_code, validator=_party("sender"))
    rank: Rank | None = attrs.field(default=None, validator=member_of(Rank, optional=True))

    def _details(self) -> str:
        who = self.rank.value.replace("_", " ") if self.rank else "nobody"
        return f": {self.sender} represented by {who}"


@attrs.frozen(kw_only=True)
class HeadOfMissionEvent(DyadEvent):
    """Base of the moves of ``sender``'s head of mission."""

    sender: str = attrs.field(converter=to_code, validator=_party("sender"))

    def _details(self) -> str:
        return f" by {self.sender}"


@attrs.frozen(kw_only=True)
class HeadOfMissionAccredited(HeadOfMissionEvent):
    """``sender``'s head of mission takes up post (presents credentials; VCDR art. 13).

    ``rank`` is the head's rank (default: the class agreed); a chargé d'affaires a.i. taking
    charge is ``rank=Rank.CHARGE_AD_INTERIM``. ``resident=False`` accredits a head residing
    in another state (``resides_in``). A head at post needs no separate
    :class:`MissionOpened`: a resident head implies the mission.
    """

    TAG: ClassVar[str] = "head_of_mission_accredited"
    ORDER: ClassVar[int] = 42
    """After a mission opened the same day (a head takes up a post that exists)."""
    name: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    """The head of mission's name, if known."""
    rank: Rank | None = attrs.field(default=None, validator=member_of(Rank, optional=True))
    resident: bool = attrs.field(default=True, validator=FLAG)
    resides_in: str | None = attrs.field(
        default=None, converter=to_optional_code, validator=OPTIONAL_STATE
    )

    def __attrs_post_init__(self) -> None:
        """A resident head resides in the receiving state; a non-resident one elsewhere."""
        if self.resident and self.resides_in is not None:
            raise InvalidEventError(self.describe(), "resides_in is for non-resident heads")
        if self.resides_in is not None and self.resides_in in self.between:
            raise InvalidEventError(
                self.describe(),
                f"a non-resident head resides in a third state, not {self.resides_in}",
            )

    def _details(self) -> str:
        rank = f" {self.rank.value.replace('_', ' ')}" if self.rank else ""
        name = f" {self.name}" if self.name else ""
        where = f" (non-resident, in {self.resides_in})" if self.resides_in else ""
        where = where or ("" if self.resident else " (non-resident)")
        return f": {self.sender}'s head of mission{rank}{name}{where}"


@attrs.frozen(kw_only=True)
class HeadOfMissionDeparted(HeadOfMissionEvent):
    """``sender``'s head of mission leaves post; the mission, if open, is headed by nobody named.

    With ``name``, only that head's departure counts: a predecessor who leaves after the
    successor took up post changes nothing.
    """

    TAG: ClassVar[str] = "head_of_mission_departed"
    ORDER: ClassVar[int] = 32
    name: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)

    def _details(self) -> str:
        return f": {self.sender}'s head of mission" + (f" {self.name}" if self.name else "")


@attrs.frozen(kw_only=True)
class AmbassadorRecalled(HeadOfMissionEvent):
    """``sender`` recalls its head of mission; a chargé a.i. stands in. Not a break."""

    TAG: ClassVar[str] = "ambassador_recalled"
    ORDER: ClassVar[int] = 55


@attrs.frozen(kw_only=True)
class AmbassadorReturned(HeadOfMissionEvent):
    """``sender``'s head of mission returns to post."""

    TAG: ClassVar[str] = "ambassador_returned"
    ORDER: ClassVar[int] = 35


@attrs.frozen(kw_only=True)
class ChargeRecalled(HeadOfMissionEvent):
    """``sender`` recalls its chargé d'affaires; a lower-ranked diplomat is left in charge."""

    TAG: ClassVar[str] = "charge_recalled"
    ORDER: ClassVar[int] = 45
    """Before a mission closed the same day (the chargé leaves, then the mission closes)."""


@attrs.frozen(kw_only=True)
class PersonaNonGrataDeclared(DyadEvent):
    """The receiving state ``by`` declares a diplomat of the other persona non grata (VCDR art. 9).

    Expelling the head of mission (``head_of_mission=True``, the default) leaves the mission
    headed by nobody named; expelling another diplomat changes no dimension.
    """

    TAG: ClassVar[str] = "persona_non_grata_declared"
    ORDER: ClassVar[int] = 54
    by: str = attrs.field(converter=to_code, validator=_party("by"))
    name: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    head_of_mission: bool = attrs.field(default=True, validator=FLAG)

    @property
    def sender(self) -> str:
        """The state whose diplomat is expelled."""
        a, b = self.between
        return b if self.by == a else a

    def _details(self) -> str:
        who = "head of mission" if self.head_of_mission else "diplomat"
        name = f" {self.name}" if self.name else ""
        return f": {self.by} expels {self.sender}'s {who}{name}"


class Intention(enum.Enum):
    """What an announced intention is about."""

    ESTABLISH = "establish"
    RESTORE = "restore"


@attrs.frozen(kw_only=True)
class IntentionAnnounced(DyadEvent):
    """An announced intention to establish or restore relations: pending, no status change.

    It stays pending until relations are established or resumed.
    """

    TAG: ClassVar[str] = "intention_announced"
    ORDER: ClassVar[int] = 15
    by: str | None = attrs.field(
        default=None, converter=to_optional_code, validator=_party("by", optional=True)
    )
    act: Intention = attrs.field(default=Intention.ESTABLISH, validator=member_of(Intention))

    def _details(self) -> str:
        by = f" by {self.by}" if self.by else ""
        return f": to {self.act.value} relations{by}"


def _protecting_power(
    instance: MissionEvent, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is not None and type(value) is not str:
        OPTIONAL_STATE(instance, attribute, value)
    if value is not None and value in instance.between:
        raise InvalidEventError(
            instance.describe(), f"the protecting power {value} must be a third state"
        )


@attrs.frozen(kw_only=True)
class MissionEvent(DyadEvent):
    """Base of the acts on ``sender``'s missions in the other state."""

    sender: str = attrs.field(converter=to_code, validator=_party("sender"))
    kind: MissionKind = attrs.field(default=MissionKind.EMBASSY, validator=member_of(MissionKind))
    protecting_power: str | None = attrs.field(
        default=None, converter=to_optional_code, validator=_protecting_power
    )
    name: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    """The mission's name, if it has one (e.g. the agency running a trade office)."""
    staffed_by_power: bool = attrs.field(default=False, validator=FLAG)
    """For an interests section: True when the protecting power's own diplomats staff it (the
    Swiss embassy's section for the United States in Tehran), False (the default) when the
    protected state's diplomats do (Cuba's section in Washington, 1977-2015)."""

    def _details(self) -> str:
        where = f" in {self.place}" if self.place else ""
        under = f" under {self.protecting_power}" if self.protecting_power else ""
        under += " (staffed by it)" if self.staffed_by_power else ""
        return f": {self.sender} {self.kind.value.replace('_', ' ')}{under}{where}"


@attrs.frozen(kw_only=True)
class MissionOpened(MissionEvent):
    """``sender`` opens a mission in the other state.

    For an interests section, ``protecting_power`` is the third state whose embassy houses it.
    """

    TAG: ClassVar[str] = "mission_opened"
    ORDER: ClassVar[int] = 40


@attrs.frozen(kw_only=True)
class MissionClosed(MissionEvent):
    """``sender`` closes a mission of ``kind`` (at ``place``, if several)."""

    TAG: ClassVar[str] = "mission_closed"
    ORDER: ClassVar[int] = 50


@attrs.frozen(kw_only=True)
class MissionEvacuated(MissionClosed):
    """``sender`` closes or evacuates a mission for security, without a break of relations."""

    TAG: ClassVar[str] = "mission_evacuated"


@attrs.frozen(kw_only=True)
class ProtectingPowerAppointed(DyadEvent):
    """``power`` takes charge of ``protected``'s interests in the other state (VCDR art. 45-46)."""

    TAG: ClassVar[str] = "protecting_power_appointed"
    ORDER: ClassVar[int] = 38
    protected: str = attrs.field(converter=to_code, validator=_party("protected"))
    power: str = attrs.field(converter=to_code, validator=STATE)

    def __attrs_post_init__(self) -> None:
        """The protecting power must be a third state."""
        if self.power in self.between:
            raise InvalidEventError(
                self.describe(), f"the protecting power {self.power} must be a third state"
            )

    def _details(self) -> str:
        return f": {self.power} protects {self.protected}"


@attrs.frozen(kw_only=True)
class ProtectingPowerEnded(DyadEvent):
    """The protection of ``protected``'s interests ends."""

    TAG: ClassVar[str] = "protecting_power_ended"
    ORDER: ClassVar[int] = 58
    protected: str = attrs.field(converter=to_code, validator=_party("protected"))

    def _details(self) -> str:
        return f": protection of {self.protected}"


@attrs.frozen(kw_only=True)
class RecognitionEvent(Event):
    """Base of the directed acts of recognition: ``by`` about ``of``."""

    by: str = attrs.field(converter=to_code, validator=STATE)
    of: str = attrs.field(converter=to_code, validator=STATE)

    def __attrs_post_init__(self) -> None:
        """A state cannot recognise itself."""
        if self.by == self.of:
            raise InvalidEventError(self.describe(), "a state cannot recognise itself")

    @property
    def between(self) -> tuple[str, str]:
        """The dyad, sorted."""
        return (self.by, self.of) if self.by < self.of else (self.of, self.by)

    @property
    def parties(self) -> tuple[str, str]:
        """The two states, sorted."""
        return self.between

    def _details(self) -> str:
        return f": {self.by} of {self.of}"


@attrs.frozen(kw_only=True)
class Recognized(RecognitionEvent):
    """``by`` recognises ``of`` as a state: a separate, directed act."""

    TAG: ClassVar[str] = "recognized"
    ORDER: ClassVar[int] = 10


@attrs.frozen(kw_only=True)
class RecognitionWithdrawn(RecognitionEvent):
    """``by`` withdraws its recognition of ``of``. A break never does this by itself."""

    TAG: ClassVar[str] = "recognition_withdrawn"
    ORDER: ClassVar[int] = 80


@attrs.frozen(kw_only=True)
class GovernmentRecognized(RecognitionEvent):
    """``by`` recognises ``government`` as the government of the state ``of``.

    Distinct from recognising the state: the United States recognised the Russian state
    throughout but the Soviet government only in 1933.
    """

    TAG: ClassVar[str] = "government_recognized"
    ORDER: ClassVar[int] = 12
    government: str = attrs.field(validator=TEXT)

    def _details(self) -> str:
        return f": {self.by} of {self.of}'s government {self.government}"


@attrs.frozen(kw_only=True)
class GovernmentRecognitionWithdrawn(RecognitionEvent):
    """``by`` withdraws its recognition of ``government`` as the government of ``of``."""

    TAG: ClassVar[str] = "government_recognition_withdrawn"
    ORDER: ClassVar[int] = 78
    government: str = attrs.field(validator=TEXT)

    def _details(self) -> str:
        return f": {self.by} of {self.of}'s government {self.government}"


@attrs.frozen(kw_only=True)
class StateExtinguished(Event):
    """``state`` ceases to exist (absorbed by ``absorbed_by``, or dissolved): its dyads end."""

    TAG: ClassVar[str] = "state_extinguished"
    ORDER: ClassVar[int] = 90
    state: str = attrs.field(converter=to_code, validator=STATE)
    absorbed_by: str | None = attrs.field(
        default=None, converter=to_optional_code, validator=OPTIONAL_STATE
    )

    @property
    def parties(self) -> tuple[str]:
        """The state that ceased to exist."""
        return (self.state,)


@attrs.frozen(kw_only=True)
class StateContinued(Event):
    """``new`` continues ``old`` (the Russian Federation the USSR): dyads carry over unchanged."""

    TAG: ClassVar[str] = "state_continued"
    ORDER: ClassVar[int] = 0
    old: str = attrs.field(converter=to_code, validator=STATE)
    new: str = attrs.field(converter=to_code, validator=STATE)

    def __attrs_post_init__(self) -> None:
        """A state cannot continue itself."""
        if self.old == self.new:
            raise InvalidEventError(self.describe(), "a state cannot continue itself")

    @property
    def parties(self) -> tuple[str, str]:
        """The old and the new state."""
        return (self.old, self.new)


EVENT_TYPES: tuple[type[Event], ...] = (
    RelationsEstablished,
    RelationsResumed,
    RelationsSuspended,
    RelationsSevered,
    ConsularRelationsEstablished,
    ConsularRelationsSevered,
    IntentionAnnounced,
    RepresentationChanged,
    PresenceObserved,
    HeadOfMissionAccredited,
    HeadOfMissionDeparted,
    AmbassadorRecalled,
    AmbassadorReturned,
    ChargeRecalled,
    PersonaNonGrataDeclared,
    MissionOpened,
    MissionClosed,
    MissionEvacuated,
    ProtectingPowerAppointed,
    ProtectingPowerEnded,
    Recognized,
    RecognitionWithdrawn,
    GovernmentRecognized,
    GovernmentRecognitionWithdrawn,
    StateExtinguished,
    StateContinued,
)
"""Every built-in event type, in the order the documentation lists them."""


def event_sort_key(event: Event) -> tuple[Any, ...]:
    """How events are ordered in time: earliest day, latest day, then kind of act."""
    return (event.on.earliest, event.on.latest, event.ORDER, event.TAG)
