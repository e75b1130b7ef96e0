"""The rules diplorel ships: the Vienna Conventions and state practice, as data.

VCDR: Vienna Convention on Diplomatic Relations (1961). VCCR: Vienna Convention on Consular
Relations (1963). Each rule is a small pure function; :func:`default_rules` puts them in order.
"""

from __future__ import annotations

from functools import cache

import attrs

from diplorel._credit_rules import CREDIT_RULES
from diplorel._events import (
    AmbassadorRecalled,
    AmbassadorReturned,
    BreakEvent,
    ConsentEvent,
    ConsularRelationsEstablished,
    ConsularRelationsSevered,
    DyadEvent,
    Event,
    HeadOfMissionAccredited,
    MissionClosed,
    MissionOpened,
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
    Recognition,
)

_OPEN = (Diplomatic.ESTABLISHED,)
_BROKEN = (Diplomatic.SEVERED, Diplomatic.SUSPENDED)


@rule(
    DyadEvent,
    RecognitionEvent,
    citation="Succession of states: an extinct state has no relations",
)
def no_acts_after_end(state: DyadState, event: Event) -> DyadState:
    """Once a party has ceased to exist, the dyad takes no further acts."""
    if state.diplomatic is Diplomatic.ENDED and not isinstance(event, StateContinued):
        raise Rejected(f"the dyad ended on {state.since}")
    return state


@rule(ConsentEvent, citation="VCDR art. 2")
def mutual_consent(state: DyadState, event: ConsentEvent) -> DyadState:
    """Relations are established (or resumed) by mutual consent, at the agreed class."""
    if state.diplomatic is Diplomatic.ESTABLISHED:
        raise Rejected(f"relations were already established (since {state.since})")
    if isinstance(event, RelationsResumed) and state.diplomatic not in _BROKEN:
        raise Rejected("relations that were never established cannot be resumed")
    a, b = state.dyad
    return attrs.evolve(
        state,
        diplomatic=Diplomatic.ESTABLISHED,
        since=event.on,
        representation=FrozenMap({a: event.level, b: event.level}),
        heads=FrozenMap(),
    )


@rule(ConsentEvent, citation="VCCR art. 2(2)")
def consent_implies_consular(state: DyadState, event: ConsentEvent) -> DyadState:
    """Consent to diplomatic relations implies consent to consular ones, unless stated."""
    if not event.consular or state.consular is Consular.ESTABLISHED:
        return state
    return attrs.evolve(state, consular=Consular.ESTABLISHED, consular_since=event.on)


@rule(ConsentEvent, citation="Montevideo Convention (1933) art. 7")
def relations_imply_recognition(state: DyadState, _event: ConsentEvent) -> DyadState:
    """Establishing relations is tacit recognition of each other as states."""
    if all(r is Recognition.RECOGNIZED for r in state.recognition.values()) and len(
        state.recognition
    ) == len(state.dyad):
        return state
    a, b = state.dyad
    both = FrozenMap({a: Recognition.RECOGNIZED, b: Recognition.RECOGNIZED})
    return attrs.evolve(state, recognition=both)


@rule(ConsentEvent, citation="VCDR art. 45(c), 46")
def protection_ends_with_relations(state: DyadState, _event: ConsentEvent) -> DyadState:
    """A protecting power acts only while the protected state has no relations of its own."""
    if not state.protecting_powers:
        return state
    return attrs.evolve(state, protecting_powers=FrozenMap())


@rule(BreakEvent, citation="Customary law; VCDR art. 45 presupposes it")
def unilateral_break(state: DyadState, event: BreakEvent) -> DyadState:
    """Either state may sever or suspend relations alone, from the stated date."""
    if state.diplomatic not in _OPEN:
        if isinstance(event, RelationsSevered) and state.diplomatic is Diplomatic.SUSPENDED:
            pass
        else:
            raise Rejected(f"there were no relations to break ({state.diplomatic.value})")
    new = Diplomatic.SEVERED if isinstance(event, RelationsSevered) else Diplomatic.SUSPENDED
    a, b = state.dyad
    return attrs.evolve(
        state,
        diplomatic=new,
        since=event.on,
        representation=FrozenMap({a: Level.NONE, b: Level.NONE}),
        heads=FrozenMap(),
    )


@rule(BreakEvent, citation="VCCR art. 2(3)")
def break_keeps_consular(state: DyadState, event: BreakEvent) -> DyadState:
    """A break ends consular relations only if the act names them."""
    if event.consular and state.consular is Consular.ESTABLISHED:
        return attrs.evolve(state, consular=Consular.SEVERED, consular_since=event.on)
    return state


@rule(ConsularRelationsEstablished, ConsularRelationsSevered, citation="VCCR art. 2(1)")
def consular_consent(state: DyadState, event: Event) -> DyadState:
    """Consular relations are established by mutual consent and may be severed alone."""
    if isinstance(event, ConsularRelationsEstablished):
        if state.consular is Consular.ESTABLISHED:
            raise Rejected("consular relations were already established")
        return attrs.evolve(state, consular=Consular.ESTABLISHED, consular_since=event.on)
    if state.consular is not Consular.ESTABLISHED:
        raise Rejected(f"there were no consular relations to sever ({state.consular.value})")
    return attrs.evolve(state, consular=Consular.SEVERED, consular_since=event.on)


@rule(RepresentationChanged, citation="VCDR art. 14-15")
def agreed_class(state: DyadState, event: RepresentationChanged) -> DyadState:
    """The class of head of mission is agreed per direction; it needs relations."""
    if event.level is not Level.NONE and state.diplomatic is not Diplomatic.ESTABLISHED:
        raise Rejected(f"a class of representation needs relations ({state.diplomatic.value})")
    if state.representation.get(event.sender) is event.level:
        raise Rejected(f"{event.sender} already sends {event.level.value.replace('_', ' ')}")
    return attrs.evolve(state, representation=state.representation.set(event.sender, event.level))


@rule(HeadOfMissionAccredited, citation="VCDR art. 13")
def credentials_take_up_post(state: DyadState, event: HeadOfMissionAccredited) -> DyadState:
    """A head of mission takes up post by presenting credentials; it needs relations."""
    if state.diplomatic is not Diplomatic.ESTABLISHED:
        raise Rejected(f"a head of mission needs relations ({state.diplomatic.value})")
    return attrs.evolve(state, heads=state.heads.set(event.sender, HeadOfMission.IN_POST))


@rule(AmbassadorRecalled, AmbassadorReturned, citation="VCDR art. 19")
def recall_is_not_a_break(state: DyadState, event: Event) -> DyadState:
    """Recalling a head of mission leaves a chargé a.i.; relations go on."""
    assert isinstance(event, AmbassadorRecalled | AmbassadorReturned)  # noqa: S101
    if state.diplomatic is not Diplomatic.ESTABLISHED:
        raise Rejected(f"there was no head of mission to move ({state.diplomatic.value})")
    recalled = state.heads.get(event.sender) is HeadOfMission.CHARGE_AD_INTERIM
    if isinstance(event, AmbassadorRecalled):
        if recalled:
            raise Rejected(f"{event.sender}'s head of mission was already recalled")
        return attrs.evolve(
            state, heads=state.heads.set(event.sender, HeadOfMission.CHARGE_AD_INTERIM)
        )
    if not recalled:
        raise Rejected(f"{event.sender}'s head of mission had not been recalled")
    return attrs.evolve(state, heads=state.heads.set(event.sender, HeadOfMission.IN_POST))


def _same(m: Mission, event: MissionOpened | MissionClosed) -> bool:
    return m.kind is event.kind and (event.place is None or m.place == event.place)


@rule(MissionOpened, citation="VCDR art. 2; VCCR art. 4; VCDR art. 45-46")
def missions_need_consent(state: DyadState, event: MissionOpened) -> DyadState:
    """An embassy needs relations, a consulate consular ones, an interests section a power.

    Consent to a consulate gives consular relations; trade and liaison offices need neither.
    """
    kind = event.kind
    if kind.is_diplomatic and state.diplomatic is not Diplomatic.ESTABLISHED:
        raise Rejected(f"an {kind.value} needs diplomatic relations ({state.diplomatic.value})")
    if kind is MissionKind.INTERESTS_SECTION and event.protecting_power is None:
        raise Rejected("an interests section needs a protecting power")
    current = state.missions.get(event.sender, ())
    if any(_same(m, event) for m in current):
        raise Rejected(f"{event.sender} already had that {kind.value.replace('_', ' ')}")
    mission = Mission(
        kind=kind,
        place=event.place,
        protecting_power=event.protecting_power,
        opened_on=event.on,
        name=event.name,
    )
    new = attrs.evolve(state, missions=state.missions.set(event.sender, (*current, mission)))
    if kind is MissionKind.CONSULATE and state.consular is not Consular.ESTABLISHED:
        new = attrs.evolve(new, consular=Consular.ESTABLISHED, consular_since=event.on)
    if event.protecting_power is not None and event.sender not in state.protecting_powers:
        powers = state.protecting_powers.set(event.sender, event.protecting_power)
        new = attrs.evolve(new, protecting_powers=powers)
    return new


@rule(MissionClosed, citation="VCDR art. 45; embassy closed is not relations severed")
def missions_are_separate(state: DyadState, event: MissionClosed) -> DyadState:
    """Closing a mission changes the missions only, never the relations."""
    current = state.missions.get(event.sender, ())
    for i, m in enumerate(current):
        if _same(m, event):
            rest = current[:i] + current[i + 1 :]
            return attrs.evolve(state, missions=state.missions.set(event.sender, rest))
    raise Rejected(f"{event.sender} had no open {event.kind.value.replace('_', ' ')} to close")


@rule(ProtectingPowerAppointed, ProtectingPowerEnded, citation="VCDR art. 45-46; VCCR art. 27")
def protecting_power(state: DyadState, event: Event) -> DyadState:
    """A third state acceptable to the receiving state may protect the sending state's interests."""
    if isinstance(event, ProtectingPowerAppointed):
        if state.protecting_powers.get(event.protected) == event.power:
            return state  # a confirmation (e.g. of the power an interests section names)
        powers = state.protecting_powers.set(event.protected, event.power)
        return attrs.evolve(state, protecting_powers=powers)
    assert isinstance(event, ProtectingPowerEnded)  # noqa: S101
    if event.protected not in state.protecting_powers:
        raise Rejected(f"no power protected {event.protected}")
    return attrs.evolve(state, protecting_powers=state.protecting_powers.without(event.protected))


@rule(Recognized, RecognitionWithdrawn, citation="Montevideo Convention (1933) art. 3, 6-7")
def recognition_is_separate(state: DyadState, event: Event) -> DyadState:
    """Recognition is a directed act of its own; a break never withdraws it."""
    assert isinstance(event, Recognized | RecognitionWithdrawn)  # noqa: S101
    current = state.recognition.get(event.by, Recognition.NOT_RECOGNIZED)
    if isinstance(event, Recognized):  # confirming an (implied) recognition changes nothing
        new = Recognition.RECOGNIZED
    else:
        if current is not Recognition.RECOGNIZED:
            raise Rejected(f"{event.by} did not recognise {event.of}")
        new = Recognition.WITHDRAWN
    return attrs.evolve(state, recognition=state.recognition.set(event.by, new))


@rule(StateExtinguished, citation="State succession: extinction is not a break")
def extinction_ends(state: DyadState, event: StateExtinguished) -> DyadState:
    """When a party ceases to exist, the dyad ends: status ENDED, not SEVERED.

    The end of the second party of an ended dyad changes nothing (the dyad ended already).
    """
    if state.diplomatic is Diplomatic.ENDED:
        return state
    a, b = state.dyad
    return attrs.evolve(
        state,
        diplomatic=Diplomatic.ENDED,
        consular=Consular.ENDED,
        since=event.on,
        consular_since=event.on,
        representation=FrozenMap({a: Level.NONE, b: Level.NONE}),
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
            break_keeps_consular,
            consular_consent,
            agreed_class,
            credentials_take_up_post,
            recall_is_not_a_break,
            missions_need_consent,
            missions_are_separate,
            protecting_power,
            recognition_is_separate,
            extinction_ends,
            continuity,
            *CREDIT_RULES,
        ],
        [CHINA_EXCLUSIVITY],
        name="default",
    )
