"""The rules diplorel ships: the Vienna Conventions and state practice, as data.

VCDR: Vienna Convention on Diplomatic Relations (1961). VCCR: Vienna Convention on Consular
Relations (1963). Each rule is a small pure function; :func:`default_rules` puts them in order.
"""

from __future__ import annotations

from functools import cache
from typing import TypeVar

from diplorel._credit_rules import CREDIT_RULES
from diplorel._dates import FuzzyDate
from diplorel._events import (
    AmbassadorRecalled,
    AmbassadorReturned,
    BreakEvent,
    ChargeRecalled,
    ConsentEvent,
    ConsularRelationsEstablished,
    ConsularRelationsSevered,
    DyadEvent,
    Event,
    GovernmentRecognitionWithdrawn,
    GovernmentRecognized,
    HeadOfMissionAccredited,
    HeadOfMissionDeparted,
    IntentionAnnounced,
    MissionClosed,
    MissionOpened,
    PersonaNonGrataDeclared,
    PresenceObserved,
    ProtectingPowerAppointed,
    ProtectingPowerEnded,
    RecognitionEvent,
    RecognitionWithdrawn,
    Recognized,
    RelationsResumed,
    RelationsSevered,
    RepresentationChanged,
    StateContinued,
    StateExtinguished,
)
from diplorel._frozen import FrozenMap
from diplorel._rules import Exclusivity, Rejected, RuleSet, rule
from diplorel._status import (
    Consular,
    Diplomatic,
    DyadState,
    HeadOfMission,
    Level,
    Mission,
    MissionKind,
    Rank,
    Recognition,
)

V = TypeVar("V")

_OPEN = (Diplomatic.ESTABLISHED,)
_SUBSTANTIVE = {Rank.AMBASSADOR, Rank.MINISTER, Rank.CHARGE_D_AFFAIRES}
_INTERIM = {Rank.VACANT, Rank.CHARGE_AD_INTERIM}
_CLASS_OF_RANK = {
    Rank.AMBASSADOR: Level.AMBASSADOR,
    Rank.MINISTER: Level.MINISTER,
    Rank.CHARGE_D_AFFAIRES: Level.CHARGE_D_AFFAIRES,
}
"""Ranks of a head accredited in their own right (a chargé a.i. stands in for one)."""
_BROKEN = (Diplomatic.SEVERED, Diplomatic.SUSPENDED)


def _same_day_act(state: DyadState, event: Event) -> bool:
    """True when the dyad's diplomatic status changed on this very day (e.g. a resumption)."""
    return state.since is not None and state.since == event.on


def _without_head_if_unrepresented(state: DyadState, sender: str) -> DyadState:
    """Nobody stays at post for ``sender`` once its last mission closed (resident heads)."""
    head = state.heads.get(sender)
    if head is None or not head.resident or state.mission(sender) is not None:
        return state
    return state._replace(heads=state.heads.without(sender))


def _interim_since(before: HeadOfMission | None, on: FuzzyDate) -> FuzzyDate:
    """Since when a post is in interim hands, if ``before`` heads it from ``on``."""
    if before is not None and before.rank in _INTERIM and before.interim_since is not None:
        return before.interim_since
    return on


def _vacated(state: DyadState, sender: str, on: FuzzyDate) -> DyadState:
    """``sender``'s head leaves: the post stays, headed by nobody named.

    The post keeps the class of the head whose post it is (``titular``).
    """
    head = state.heads.get(sender)
    if head is None:  # a mission with nobody recorded at its head
        vacant = HeadOfMission(Rank.VACANT, since=on, interim_since=on)
        return state._replace(heads=state.heads.set(sender, vacant))
    titular = head.titular or head._replace(titular=None)
    if titular.rank in _INTERIM:
        titular = titular.titular or titular
    vacant = HeadOfMission(
        Rank.VACANT,
        since=on,
        resident=head.resident,
        resides_in=head.resides_in,
        titular=titular if titular.rank not in _INTERIM else None,
        interim_since=_interim_since(head, on),
    )
    return state._replace(heads=state.heads.set(sender, vacant))


@rule(
    DyadEvent,
    RecognitionEvent,
    citation="Succession of states: an extinct state has no relations",
    guard=True,
)
def no_acts_after_end(state: DyadState, event: Event) -> DyadState:
    """Once a party has ceased to exist, the dyad takes no further acts."""
    if state.diplomatic is Diplomatic.ENDED and not isinstance(event, StateContinued):
        raise Rejected(f"the dyad ended on {state.since}")
    return state


@rule(ConsentEvent, citation="VCDR art. 2")
def mutual_consent(state: DyadState, event: ConsentEvent) -> DyadState:
    """Relations are established (or resumed) by mutual consent, at an agreed class.

    The class is agreed both ways; nobody is at post until a head of mission takes it up.
    """
    if state.diplomatic is Diplomatic.ESTABLISHED:
        raise Rejected(f"relations were already established (since {state.since})")
    if isinstance(event, RelationsResumed) and state.diplomatic not in _BROKEN:
        raise Rejected("relations that were never established cannot be resumed")
    a, b = state.dyad
    return state._replace(
        diplomatic=Diplomatic.ESTABLISHED,
        since=event.on,
        agreed=FrozenMap({a: event.level, b: event.level}),
    )


@rule(ConsentEvent, citation="VCCR art. 2(2)", consequence=True)
def consent_implies_consular(state: DyadState, event: ConsentEvent) -> DyadState:
    """Consent to diplomatic relations implies consent to consular ones, unless stated."""
    if not event.consular or state.consular is Consular.ESTABLISHED:
        return state
    return state._replace(consular=Consular.ESTABLISHED, consular_since=event.on)


@rule(ConsentEvent, citation="Montevideo Convention (1933) art. 7", consequence=True)
def relations_imply_recognition(state: DyadState, _event: ConsentEvent) -> DyadState:
    """Establishing relations is tacit recognition of each other as states."""
    if all(r is Recognition.RECOGNIZED for r in state.recognition.values()) and len(
        state.recognition
    ) == len(state.dyad):
        return state
    a, b = state.dyad
    both = FrozenMap({a: Recognition.RECOGNIZED, b: Recognition.RECOGNIZED})
    return state._replace(recognition=both)


@rule(ConsentEvent, citation="VCDR art. 45(c), 46", consequence=True)
def protection_ends_with_relations(state: DyadState, _event: ConsentEvent) -> DyadState:
    """Protecting powers and interests sections end when the states have relations again."""
    sections = any(
        m.kind is MissionKind.INTERESTS_SECTION for ms in state.missions.values() for m in ms
    )
    if not state.protecting_powers and not sections:
        return state
    missions = FrozenMap(
        {
            s: tuple(m for m in ms if m.kind is not MissionKind.INTERESTS_SECTION)
            for s, ms in state.missions.items()
        }
    )
    new = state._replace(protecting_powers=FrozenMap(), missions=missions)
    for sender in state.dyad:
        if state.mission(sender) is not new.mission(sender):
            new = _without_head_if_unrepresented(new, sender)
    return new


@rule(BreakEvent, citation="Customary international law (presupposed by VCDR art. 45)")
def unilateral_break(state: DyadState, event: BreakEvent) -> DyadState:
    """Either state may sever or suspend relations alone, from the stated date.

    No class is agreed any longer; the heads of mission leave.
    """
    if state.diplomatic not in _OPEN:
        if isinstance(event, RelationsSevered) and state.diplomatic is Diplomatic.SUSPENDED:
            pass
        else:
            raise Rejected(f"there were no relations to break ({state.diplomatic.value})")
    new = Diplomatic.SEVERED if isinstance(event, RelationsSevered) else Diplomatic.SUSPENDED
    a, b = state.dyad
    heads = state.heads if event.missions_stay_open else FrozenMap()
    return state._replace(
        diplomatic=new,
        since=event.on,
        agreed=FrozenMap({a: Level.NONE, b: Level.NONE}),
        heads=heads,
    )


@rule(BreakEvent, citation="VCDR art. 2, 45(a); state practice", consequence=True)
def break_closes_missions(state: DyadState, event: BreakEvent) -> DyadState:
    """A break closes the dyad's embassies and legations on its date, unless stated otherwise.

    Where the sources state a later closure (or that the missions stayed open), the break is
    recorded with ``missions_stay_open=True`` and the closure as its own act.
    """
    if event.missions_stay_open:
        return state
    missions = FrozenMap(
        {s: tuple(m for m in ms if not m.kind.is_diplomatic) for s, ms in state.missions.items()}
    )
    if missions == state.missions:
        return state
    return state._replace(missions=missions)


@rule(BreakEvent, citation="VCCR art. 2(3)", consequence=True)
def break_keeps_consular(state: DyadState, _event: BreakEvent) -> DyadState:
    """Severing diplomatic relations does not by itself sever consular relations."""
    return state


@rule(BreakEvent, citation="VCCR art. 2(3)", consequence=True)
def named_consular_break(state: DyadState, event: BreakEvent) -> DyadState:
    """An act that names consular relations ends them too, and closes the consulates."""
    if not event.consular or state.consular is not Consular.ESTABLISHED:
        return state
    missions = FrozenMap(
        {
            s: tuple(m for m in ms if m.kind is not MissionKind.CONSULATE)
            for s, ms in state.missions.items()
        }
    )
    return state._replace(consular=Consular.SEVERED, consular_since=event.on, missions=missions)


@rule(ConsularRelationsEstablished, ConsularRelationsSevered, citation="VCCR art. 2(1)")
def consular_consent(state: DyadState, event: Event) -> DyadState:
    """Consular relations are established by mutual consent and may be severed alone."""
    if isinstance(event, ConsularRelationsEstablished):
        if state.consular is Consular.ESTABLISHED:
            raise Rejected("consular relations were already established")
        return state._replace(consular=Consular.ESTABLISHED, consular_since=event.on)
    if state.consular is not Consular.ESTABLISHED:
        raise Rejected(f"there were no consular relations to sever ({state.consular.value})")
    return state._replace(consular=Consular.SEVERED, consular_since=event.on)


@rule(RepresentationChanged, citation="VCDR art. 14-15")
def agreed_class(state: DyadState, event: RepresentationChanged) -> DyadState:
    """The class of head of mission is agreed per direction; it needs relations.

    It changes what was agreed, not who is at post.
    """
    if event.level is not Level.NONE and state.diplomatic is not Diplomatic.ESTABLISHED:
        raise Rejected(f"a class of representation needs relations ({state.diplomatic.value})")
    if state.agreed.get(event.sender) is event.level:
        raise Rejected(f"{event.sender} already agreed {event.level.value.replace('_', ' ')}")
    return state._replace(agreed=state.agreed.set(event.sender, event.level))


@rule(PresenceObserved, citation="Observation (e.g. COW Diplomatic Exchange coding)")
def observed_presence(state: DyadState, event: PresenceObserved) -> DyadState:
    """An observed representative stands, with or without formal relations, until the next."""
    if event.rank is None:
        return state._replace(heads=state.heads.without(event.sender))
    return state._replace(heads=state.heads.set(event.sender, HeadOfMission(event.rank)))


@rule(HeadOfMissionAccredited, citation="VCDR art. 13")
def credentials_take_up_post(state: DyadState, event: HeadOfMissionAccredited) -> DyadState:
    """A head of mission takes up post (credentials presented); it needs relations.

    Without relations, only the head of an open interests section or liaison office (a
    chargé a.i. heading the United States' section in Algiers, 1967-1974). The rank defaults
    to the class agreed. A head needs no recorded mission: the post exists
    while someone holds it (Cuba's ambassador was at post in Seoul months before the embassy
    opened).
    """
    section = state.mission(event.sender)
    heads_section = section is not None and not section.kind.is_diplomatic
    if state.diplomatic is not Diplomatic.ESTABLISHED and not heads_section:
        raise Rejected(f"a head of mission needs relations ({state.diplomatic.value})")
    agreed = state.agreed.get(event.sender, Level.NONE)
    rank = event.rank if event.rank is not None else Rank.of_class(agreed)
    titular = interim = None
    if rank is Rank.CHARGE_AD_INTERIM:  # stands in for the head whose post it is
        before = state.heads.get(event.sender)
        if before is not None:
            titular = before.titular or (before if before.rank in _SUBSTANTIVE else None)
        interim = _interim_since(before, event.on)
    head = HeadOfMission(
        rank,
        name=event.name,
        since=event.on,
        resident=event.resident,
        resides_in=event.resides_in,
        titular=titular,
        interim_since=interim,
    )
    heads = state.heads.set(event.sender, head)
    agreed_now = _CLASS_OF_RANK.get(rank)
    if agreed_now is not None and agreed_now is not agreed and state.diplomatic is _OPEN[0]:
        # An ambassador accredited is an ambassador's class agreed (VCDR art. 14-15).
        return state._replace(heads=heads, agreed=state.agreed.set(event.sender, agreed_now))
    return state._replace(heads=heads)


@rule(HeadOfMissionDeparted, citation="VCDR art. 19, 43")
def head_leaves_post(state: DyadState, event: HeadOfMissionDeparted) -> DyadState:
    """A head of mission leaves post; the post stays, headed by nobody named.

    A predecessor leaving after the successor took up post, or a head whose post had closed
    already (a break, an evacuation), changes nothing.
    """
    head = state.heads.get(event.sender)
    if head is None:
        return state
    if event.name is not None and head.name is not None and head.name != event.name:
        return state
    return _vacated(state, event.sender, event.on)


@rule(AmbassadorRecalled, AmbassadorReturned, citation="VCDR art. 19")
def recall_is_not_a_break(state: DyadState, event: Event) -> DyadState:
    """Recalling a head of mission leaves a chargé a.i.; relations go on.

    The recall is evidence that a head was at post: where none is recorded, the head of the
    agreed class is presumed.
    """
    assert isinstance(event, AmbassadorRecalled | AmbassadorReturned)  # noqa: S101
    if state.diplomatic is not Diplomatic.ESTABLISHED:
        raise Rejected(f"there was no head of mission to move ({state.diplomatic.value})")
    head = state.heads.get(event.sender)
    recalled = head is not None and head.rank is Rank.CHARGE_AD_INTERIM and head.titular is not None
    if isinstance(event, AmbassadorRecalled):
        if recalled:
            raise Rejected(f"{event.sender}'s head of mission was already recalled")
        if head is not None and head.rank is Rank.VACANT and head.titular is not None:
            head = head.titular
        elif head is None or head.rank is Rank.VACANT:
            head = HeadOfMission(Rank.of_class(state.agreed.get(event.sender, Level.NONE)))
        interim = HeadOfMission(
            Rank.CHARGE_AD_INTERIM,
            since=event.on,
            resident=head.resident,
            resides_in=head.resides_in,
            titular=head,
            interim_since=event.on,
        )
        return state._replace(heads=state.heads.set(event.sender, interim))
    if not recalled:
        raise Rejected(f"{event.sender}'s head of mission had not been recalled")
    assert head is not None  # noqa: S101 - recalled implies a head
    assert head.titular is not None  # noqa: S101
    back = head.titular._replace(since=event.on)
    return state._replace(heads=state.heads.set(event.sender, back))


@rule(ChargeRecalled, citation="VCDR art. 19")
def charge_recalled(state: DyadState, event: ChargeRecalled) -> DyadState:
    """Recalling the chargé d'affaires leaves a lower-ranked diplomat in charge."""
    if state.mission(event.sender) is None and event.sender not in state.heads:
        raise Rejected(f"{event.sender} had nobody at post to recall")
    lower = HeadOfMission(Rank.LOWER, since=event.on)
    return state._replace(heads=state.heads.set(event.sender, lower))


@rule(PersonaNonGrataDeclared, citation="VCDR art. 9")
def persona_non_grata(state: DyadState, event: PersonaNonGrataDeclared) -> DyadState:
    """The receiving state may declare any diplomat persona non grata, without giving reasons.

    Expelling the head of mission leaves the post to nobody named.
    """
    if not event.head_of_mission:
        return state
    sender = event.sender
    recorded = sender in state.heads or state.mission(sender) is not None
    if not recorded and state.diplomatic is Diplomatic.NONE:
        raise Rejected(f"{sender} had no head of mission at post")
    return _vacated(state, sender, event.on)  # the expulsion shows a head was there


@rule(IntentionAnnounced, citation="VCDR art. 2: an intention is not consent")
def intention_changes_nothing(state: DyadState, _event: IntentionAnnounced) -> DyadState:
    """An announced intention to establish or restore relations is pending, not an act."""
    return state


def _same(m: Mission, event: MissionOpened | MissionClosed) -> bool:
    return m.kind is event.kind and (event.place is None or m.place == event.place)


_REPLACES = {
    MissionKind.EMBASSY: (
        MissionKind.LEGATION,
        MissionKind.LIAISON_OFFICE,
        MissionKind.INTERESTS_SECTION,
    ),
    MissionKind.LEGATION: (MissionKind.LIAISON_OFFICE, MissionKind.INTERESTS_SECTION),
}


@rule(MissionOpened, citation="VCDR art. 2; VCCR art. 4; VCDR art. 45-46")
def missions_need_consent(state: DyadState, event: MissionOpened) -> DyadState:
    """An embassy needs relations, a consulate consular ones; a section is under a power.

    Consent to a consulate gives consular relations; trade and liaison offices need neither.
    An interests section is under the protecting power in force (or one the sources do not
    name), never under another.
    """
    kind = event.kind
    if kind.is_diplomatic and state.diplomatic is not Diplomatic.ESTABLISHED:
        raise Rejected(f"an {kind.value} needs diplomatic relations ({state.diplomatic.value})")
    power = event.protecting_power
    if kind is MissionKind.INTERESTS_SECTION:
        in_force = state.protecting_powers.get(event.sender)
        if power is None:
            power = in_force  # None: the sources do not name the power
        if in_force is not None and power != in_force:
            raise Rejected(f"the power protecting {event.sender} is {in_force}, not {power}")
    current = state.missions.get(event.sender, ())
    if any(_same(m, event) for m in current):
        raise Rejected(f"{event.sender} already had that {kind.value.replace('_', ' ')}")
    mission = Mission(
        kind=kind,
        place=event.place,
        protecting_power=power,
        opened_on=event.on,
        name=event.name,
        staffed_by_power=event.staffed_by_power,
    )
    missions = state.missions.set(event.sender, (*current, mission))
    powers = state.protecting_powers
    if power is not None and event.sender not in powers:
        powers = powers.set(event.sender, power)
    if kind is MissionKind.CONSULATE and state.consular is not Consular.ESTABLISHED:
        return state._replace(
            missions=missions,
            protecting_powers=powers,
            consular=Consular.ESTABLISHED,
            consular_since=event.on,
        )
    return state._replace(missions=missions, protecting_powers=powers)


@rule(MissionOpened, citation="VCDR art. 14-15; state practice", consequence=True)
def upgrade_replaces_mission(state: DyadState, event: MissionOpened) -> DyadState:
    """An upgrade replaces the old mission: an embassy a legation, liaison office or section.

    Libya, 2006: "the Interests Section in Tripoli became an Embassy". A legation likewise
    replaces a liaison office or interests section. With the interests section, the
    protection of the sender's interests ends.
    """
    replaced = _REPLACES.get(event.kind)
    if replaced is None:
        return state
    current = state.missions.get(event.sender, ())
    kept = tuple(m for m in current if m.kind not in replaced)
    if len(kept) == len(current):
        return state
    missions = state.missions.set(event.sender, kept)
    if any(m.kind is MissionKind.INTERESTS_SECTION for m in current):
        powers = state.protecting_powers.without(event.sender)
        return state._replace(missions=missions, protecting_powers=powers)
    return state._replace(missions=missions)


@rule(MissionClosed, citation="VCDR art. 45; embassy closed is not relations severed")
def missions_are_separate(state: DyadState, event: MissionClosed) -> DyadState:
    """Closing a mission changes the missions only, never the relations.

    With no mission left, nobody is at post. Closing an embassy or legation that no act opened
    closes the post of the head who held it; with no head recorded either, between states that
    have had relations, it changes nothing (the closure is the record that it stood). A closure
    already done by an act of the same day (a break, a resumption) is accepted as done.
    """
    current = state.missions.get(event.sender, ())
    for i, m in enumerate(current):
        if _same(m, event):
            rest = current[:i] + current[i + 1 :]
            new = state._replace(missions=state.missions.set(event.sender, rest))
            if m.kind.is_representation:
                new = _without_head_if_unrepresented(new, event.sender)
            return new
    unrecorded = state.mission(event.sender) is None
    if event.kind.is_diplomatic and unrecorded and event.sender in state.heads:
        return state._replace(heads=state.heads.without(event.sender))
    if event.kind.is_diplomatic and unrecorded and state.diplomatic is not Diplomatic.NONE:
        return state  # an embassy no act recorded: its closure says it stood until then
    if event.kind is MissionKind.CONSULATE and state.consular is not Consular.NONE:
        return state  # likewise a consulate, between states that have had consular relations
    if _same_day_act(state, event):
        return state
    raise Rejected(f"{event.sender} had no open {event.kind.value.replace('_', ' ')} to close")


@rule(ProtectingPowerAppointed, ProtectingPowerEnded, citation="VCDR art. 45-46; VCCR art. 27")
def protecting_power(state: DyadState, event: Event) -> DyadState:
    """A third state acceptable to the receiving state may protect the sending state's interests.

    A new power takes over the protected state's interests section. An end of protection that
    an act of the same day (a resumption) already made is accepted as done.
    """
    if isinstance(event, ProtectingPowerAppointed):
        if state.protecting_powers.get(event.protected) == event.power:
            return state  # a confirmation (e.g. of the power an interests section names)
        powers = state.protecting_powers.set(event.protected, event.power)
        sections = tuple(
            m._replace(protecting_power=event.power)
            if m.kind is MissionKind.INTERESTS_SECTION
            else m
            for m in state.missions.get(event.protected, ())
        )
        return state._replace(
            protecting_powers=powers,
            missions=state.missions.set(event.protected, sections),
        )
    assert isinstance(event, ProtectingPowerEnded)  # noqa: S101
    if event.protected not in state.protecting_powers:
        if _same_day_act(state, event):
            return state
        raise Rejected(f"no power protected {event.protected}")
    return state._replace(protecting_powers=state.protecting_powers.without(event.protected))


@rule(Recognized, RecognitionWithdrawn, citation="Montevideo Convention (1933) art. 3, 6-7")
def recognition_is_separate(state: DyadState, event: Event) -> DyadState:
    """Recognition is a directed act of its own; a break never withdraws it.

    Withdrawing recognition while relations stand is refused: relations imply recognition.
    """
    assert isinstance(event, Recognized | RecognitionWithdrawn)  # noqa: S101
    current = state.recognition.get(event.by, Recognition.NOT_RECOGNIZED)
    if isinstance(event, Recognized):  # confirming an (implied) recognition changes nothing
        new = Recognition.RECOGNIZED
    else:
        if current is not Recognition.RECOGNIZED:
            raise Rejected(f"{event.by} did not recognise {event.of}")
        if state.diplomatic is Diplomatic.ESTABLISHED:
            raise Rejected("relations stand, and relations imply recognition")
        new = Recognition.WITHDRAWN
    return state._replace(recognition=state.recognition.set(event.by, new))


@rule(
    GovernmentRecognized,
    GovernmentRecognitionWithdrawn,
    citation="Recognition of governments (state practice; Estrada doctrine)",
)
def government_recognition(state: DyadState, event: Event) -> DyadState:
    """Recognising a government is an act apart from recognising the state it governs.

    Relations with a state imply recognition of its government of the day, so a withdrawal
    needs no earlier explicit act.
    """
    assert isinstance(event, GovernmentRecognized | GovernmentRecognitionWithdrawn)  # noqa: S101
    if isinstance(event, GovernmentRecognized):
        return state._replace(governments=state.governments.set(event.by, event.government))
    recognised = state.governments.get(event.by)
    implied = recognised is None and state.diplomatic is Diplomatic.ESTABLISHED
    if recognised != event.government and not implied:
        raise Rejected(f"{event.by} did not recognise the government {event.government}")
    return state._replace(governments=state.governments.without(event.by))


@rule(StateExtinguished, citation="State succession: extinction is not a break")
def extinction_ends(state: DyadState, event: StateExtinguished) -> DyadState:
    """When a party ceases to exist, the dyad ends: status ENDED, not SEVERED.

    The end of the second party of an ended dyad changes nothing (the dyad ended already).
    """
    if state.diplomatic is Diplomatic.ENDED:
        return state
    a, b = state.dyad
    return state._replace(
        diplomatic=Diplomatic.ENDED,
        consular=Consular.ENDED,
        since=event.on,
        consular_since=event.on,
        agreed=FrozenMap({a: Level.NONE, b: Level.NONE}),
        heads=FrozenMap(),
        missions=FrozenMap({a: (), b: ()}),
        protecting_powers=FrozenMap(),
    )


@rule(StateContinued, citation="State continuity (e.g. Russian Federation, UN, 24 Dec 1991)")
def continuity(state: DyadState, _event: StateContinued) -> DyadState:
    """A continuing state carries every relation of its predecessor over unchanged."""
    return state


CHINA_EXCLUSIVITY = Exclusivity(
    name="one_china",
    states=("CHN", "TWN"),
    since="1949-10-01",
    citation="UN General Assembly resolution 2758 (XXVI), 1971; state practice",
)
"""Relations of a third state with both the PRC and the ROC (Taiwan) are flagged."""


@cache
def default_rules() -> RuleSet:
    """The rule set diplorel uses unless told otherwise.

    >>> default_rules().table().split()[:5]
    ['rule', 'applies', 'to', 'citation', 'what']
    """
    return RuleSet(
        [
            no_acts_after_end,
            mutual_consent,
            consent_implies_consular,
            relations_imply_recognition,
            protection_ends_with_relations,
            unilateral_break,
            break_closes_missions,
            break_keeps_consular,
            named_consular_break,
            consular_consent,
            agreed_class,
            observed_presence,
            credentials_take_up_post,
            head_leaves_post,
            recall_is_not_a_break,
            charge_recalled,
            persona_non_grata,
            intention_changes_nothing,
            missions_need_consent,
            upgrade_replaces_mission,
            missions_are_separate,
            protecting_power,
            recognition_is_separate,
            government_recognition,
            extinction_ends,
            continuity,
            *CREDIT_RULES,
        ],
        [CHINA_EXCLUSIVITY],
        name="default",
    )
