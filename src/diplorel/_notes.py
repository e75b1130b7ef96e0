"""Instruments: diplomatic notes, exchanges of notes and joint communiqués.

An act that needs both states' consent (VCDR art. 2) is done through an instrument. A note
*proposes* an act; a reply *accepts* or *rejects* it. A proposal and its accepting reply form an
exchange of notes: an agreement that takes effect on the date the notes state (``effective_on``),
else on the date of the reply. An unanswered or rejected proposal changes no status but stays
visible as pending. A note may also *notify* a unilateral act, such as a break.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from typing import ClassVar

import attrs

from diplorel._checks import (
    DATE,
    OPTIONAL_DATE,
    OPTIONAL_FLAG,
    OPTIONAL_TEXT,
    STATE,
    TEXT,
    NamesStates,
    as_written,
    between,
    member_of,
    to_code,
    to_date,
    to_optional_date,
    to_pair,
    to_tuple,
)
from diplorel._dates import FuzzyDate
from diplorel._events import (
    SOURCES,
    ConsularRelationsEstablished,
    ConsularRelationsSevered,
    DyadEvent,
    Event,
    RelationsEstablished,
    RelationsResumed,
    RelationsSevered,
    RelationsSuspended,
    Source,
    _dyad,
    _tz,
)
from diplorel._status import Level
from diplorel.exceptions import MalformedNoteError


class NoteKind(enum.Enum):
    """The form of a diplomatic note."""

    NOTE_VERBALE = "note_verbale"
    """Third person, unsigned (initialled and stamped), between a mission and a ministry."""
    FIRST_PERSON = "first_person"
    """Signed by a minister or a head of mission."""
    LETTER = "letter"
    MEMORANDUM = "memorandum"


class Proposal(enum.Enum):
    """An act that needs the other state's consent."""

    ESTABLISH_RELATIONS = "establish_relations"
    RESUME_RELATIONS = "resume_relations"
    ESTABLISH_CONSULAR_RELATIONS = "establish_consular_relations"


class Notice(enum.Enum):
    """A unilateral act that a note notifies."""

    SEVER_RELATIONS = "sever_relations"
    SUSPEND_RELATIONS = "suspend_relations"
    SEVER_CONSULAR_RELATIONS = "sever_consular_relations"


@attrs.frozen(kw_only=True)
class DiplomaticNote(NamesStates):
    """A diplomatic note: it proposes an act, replies to a proposal, or notifies an act.

    >>> import diplorel as dr
    >>> n = dr.DiplomaticNote(id="kor-1", sender="KOR", recipient="CUB", on="2024-02-14",
    ...                       tz="America/New_York", proposes=dr.Proposal.ESTABLISH_RELATIONS)
    >>> n.dyad, n.kind
    (('CUB', 'KOR'), <NoteKind.NOTE_VERBALE: 'note_verbale'>)
    """

    TAG: ClassVar[str] = "diplomatic_note"

    id: str = attrs.field(validator=TEXT)
    sender: str = attrs.field(converter=to_code, validator=STATE)
    recipient: str = attrs.field(converter=to_code, validator=STATE)
    on: FuzzyDate = attrs.field(converter=to_date, validator=DATE)
    tz: str = attrs.field(default="UTC", validator=_tz)
    place: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    kind: NoteKind = attrs.field(default=NoteKind.NOTE_VERBALE, validator=member_of(NoteKind))
    proposes: Proposal | None = attrs.field(
        default=None, validator=member_of(Proposal, optional=True)
    )
    notifies: Notice | None = attrs.field(default=None, validator=member_of(Notice, optional=True))
    replies_to: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    accepts: bool | None = attrs.field(default=None, validator=OPTIONAL_FLAG)
    effective_on: FuzzyDate | None = attrs.field(
        default=None, converter=to_optional_date, validator=OPTIONAL_DATE
    )
    level: Level = attrs.field(default=Level.AMBASSADOR, validator=member_of(Level))
    """For a proposal to establish or resume relations: the class of heads of mission."""
    consular: bool | None = attrs.field(default=None, validator=OPTIONAL_FLAG)
    """Whether the act covers consular relations; None: the Vienna Conventions' default."""
    summary: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=to_tuple, validator=SOURCES)
    announced_on: FuzzyDate | None = attrs.field(
        default=None, converter=to_optional_date, validator=OPTIONAL_DATE
    )
    """When the act became known (knowledge time); the events it makes carry it."""

    def __attrs_post_init__(self) -> None:
        """A note goes to another state and does exactly one thing."""
        if not self.id:
            raise MalformedNoteError(self.id, "a note needs a non-empty id")
        if self.sender == self.recipient:
            raise MalformedNoteError(self.id, f"a note cannot be sent to oneself ({self.sender})")
        acts = [x for x in (self.proposes, self.notifies, self.replies_to) if x is not None]
        if len(acts) != 1:
            raise MalformedNoteError(
                self.id, "a note must do exactly one of proposes=, notifies= or replies_to="
            )
        if (self.replies_to is None) != (self.accepts is None):
            raise MalformedNoteError(self.id, "accepts= goes with replies_to= and only with it")
        if self.replies_to == self.id:
            raise MalformedNoteError(self.id, "a note cannot reply to itself")

    @property
    def dyad(self) -> tuple[str, str]:
        """The sender and recipient, sorted."""
        return _dyad((self.sender, self.recipient))

    def describe(self) -> str:
        """One line: ``note kor-1 KOR to CUB on 2024-02-14: proposes establish relations``."""
        if self.proposes is not None:
            what = "proposes " + self.proposes.value.replace("_", " ")
        elif self.notifies is not None:
            what = "notifies " + self.notifies.value.replace("_", " ")
        else:
            what = ("accepts " if self.accepts else "rejects ") + str(self.replies_to)
        return f"note {self.id} {self.sender} to {self.recipient} on {self.on}: {what}"


@attrs.frozen(kw_only=True)
class Agreement(NamesStates):
    """Base of the instruments that record an agreed act between two states.

    ``establishes`` is the act; ``level`` the class of heads of mission agreed; ``consular``
    whether consular relations come with it (None: the Vienna Conventions' default).
    """

    TAG: ClassVar[str] = "agreement"
    LABEL: ClassVar[str] = "agreement"
    """How the instrument is named in explanations."""

    id: str = attrs.field(validator=TEXT)
    between: tuple[str, str] = attrs.field(converter=to_pair, validator=between)
    effective_on: FuzzyDate | None = attrs.field(
        default=None, converter=to_optional_date, validator=OPTIONAL_DATE
    )
    establishes: Proposal = attrs.field(
        default=Proposal.ESTABLISH_RELATIONS, validator=member_of(Proposal)
    )
    level: Level = attrs.field(default=Level.AMBASSADOR, validator=member_of(Level))
    consular: bool | None = attrs.field(default=None, validator=OPTIONAL_FLAG)
    tz: str = attrs.field(default="UTC", validator=_tz)
    place: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    summary: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=to_tuple, validator=SOURCES)
    announced_on: FuzzyDate | None = attrs.field(
        default=None, converter=to_optional_date, validator=OPTIONAL_DATE
    )
    """When the act became known (knowledge time); the events it makes carry it."""

    @property
    def on(self) -> FuzzyDate:
        """The date the act was agreed."""
        raise NotImplementedError

    def describe(self) -> str:
        """One line describing the instrument."""
        return (
            f"{self.LABEL} {self.id} {'-'.join(self.between)} of {self.on}: "
            + self.establishes.value.replace("_", " ")
        )


@attrs.frozen(kw_only=True)
class JointCommunique(Agreement):
    """A joint communiqué: signed, released and effective dates may all differ.

    The act takes effect on ``effective_on`` (which may precede the release), else on
    ``signed_on``, else on ``released_on`` (sources often give only the release). At least one
    of the three is needed.
    """

    TAG: ClassVar[str] = "joint_communique"
    LABEL: ClassVar[str] = "joint communique"

    signed_on: FuzzyDate | None = attrs.field(
        default=None, converter=to_optional_date, validator=OPTIONAL_DATE
    )
    released_on: FuzzyDate | None = attrs.field(
        default=None, converter=to_optional_date, validator=OPTIONAL_DATE
    )

    def __attrs_post_init__(self) -> None:
        """A communiqué needs at least one date."""
        if self.signed_on is None and self.released_on is None and self.effective_on is None:
            raise MalformedNoteError(
                self.id, "a joint communique needs signed_on, released_on or effective_on"
            )

    @property
    def on(self) -> FuzzyDate:
        """The date the communiqué was agreed: signed, else released, else effective."""
        found = self.signed_on or self.released_on or self.effective_on
        assert found is not None  # noqa: S101 - checked at construction
        return found


@attrs.frozen(kw_only=True)
class ExchangeOfNotes(Agreement):
    """An agreement made by an exchange of notes, when the notes themselves are not recorded.

    Sources often say only that "an exchange of diplomatic notes" established relations; this
    records that without inventing which note proposed and which replied. The act takes effect
    on ``effective_on``, else on ``on``, the day the notes were exchanged.
    """

    TAG: ClassVar[str] = "exchange_of_notes"
    LABEL: ClassVar[str] = "exchange of notes"

    on: FuzzyDate = attrs.field(converter=to_date, validator=DATE)


Instrument = DiplomaticNote | JointCommunique | ExchangeOfNotes
"""What a history holds besides events."""


@attrs.frozen(kw_only=True)
class Pending:
    """A proposal that has not (yet) changed the status: awaiting a reply, or agreed for later.

    It is visible from ``since`` until ``until`` (exclusive; None: still open).
    """

    dyad: tuple[str, str]
    instrument: str
    proposes: Proposal
    since: FuzzyDate
    until: FuzzyDate | None
    state: str
    """``awaiting reply``, ``rejected on ...`` or ``agreed, effective on ...``."""

    def __str__(self) -> str:
        """One line."""
        return f"{self.proposes.value.replace('_', ' ')} ({self.instrument}): {self.state}"


_CONSENT = {
    Proposal.ESTABLISH_RELATIONS: RelationsEstablished,
    Proposal.RESUME_RELATIONS: RelationsResumed,
}
_NOTICE: dict[Notice, type[RelationsSevered | RelationsSuspended]] = {
    Notice.SEVER_RELATIONS: RelationsSevered,
    Notice.SUSPEND_RELATIONS: RelationsSuspended,
}


def _agreed_event(
    act: Proposal,
    *,
    between: tuple[str, str],
    on: FuzzyDate,
    tz: str,
    place: str | None,
    level: Level,
    consular: bool | None,
    sources: Sequence[Source],
    instrument: str,
    announced_on: FuzzyDate | None,
) -> DyadEvent:
    common = {
        "between": between,
        "on": on,
        "tz": tz,
        "place": place,
        "sources": sources,
        "announced_on": announced_on,
    }
    if act is Proposal.ESTABLISH_CONSULAR_RELATIONS:
        return ConsularRelationsEstablished(**common, instrument=instrument)  # type: ignore[arg-type]
    cls = _CONSENT[act]
    return cls(
        **common,  # type: ignore[arg-type]
        instrument=instrument,
        level=level,
        consular=True if consular is None else consular,
    )


def _notice_event(note: DiplomaticNote) -> DyadEvent:
    assert note.notifies is not None  # noqa: S101 - guaranteed by the caller
    on = note.effective_on or note.on
    common = {
        "between": note.dyad,
        "on": on,
        "tz": note.tz,
        "place": note.place,
        "sources": note.sources,
        "instrument": note.id,
        "announced_on": note.announced_on,
    }
    if note.notifies is Notice.SEVER_CONSULAR_RELATIONS:
        return ConsularRelationsSevered(**common, by=note.sender)  # type: ignore[arg-type]
    cls = _NOTICE[note.notifies]
    return cls(**common, by=note.sender, consular=bool(note.consular))  # type: ignore[arg-type]


@attrs.frozen
class Resolved:
    """What a set of instruments amounts to: the events they make and what is still pending."""

    events: tuple[Event, ...]
    pending: tuple[Pending, ...]


Found = list[tuple["Instrument", MalformedNoteError]]
"""Problems of instruments, each with the instrument it is about."""


def _refuse(found: Found | None, item: Instrument, error: MalformedNoteError) -> None:
    """Raise ``error``, or (when collecting every problem) add it to ``found``."""
    if found is None:
        raise error
    found.append((item, error))


def _index(
    instruments: Iterable[Instrument], found: Found | None = None
) -> tuple[dict[str, DiplomaticNote], list[JointCommunique | ExchangeOfNotes]]:
    notes: dict[str, DiplomaticNote] = {}
    agreements: list[JointCommunique | ExchangeOfNotes] = []
    ids: set[str] = set()
    for item in instruments:
        if item.id in ids:
            _refuse(found, item, MalformedNoteError(item.id, "duplicate instrument id"))
            continue
        ids.add(item.id)
        if isinstance(item, DiplomaticNote):
            notes[item.id] = item
        else:
            agreements.append(item)
    return notes, agreements


def _reply_problem(
    note: DiplomaticNote, notes: dict[str, DiplomaticNote], replies: dict[str, DiplomaticNote]
) -> MalformedNoteError | None:
    """Why ``note``, a reply, does not fit its proposal; None when it does."""
    assert note.replies_to is not None  # noqa: S101 - only asked of replies
    target = notes.get(note.replies_to)
    if target is None:
        return MalformedNoteError(note.id, f"replies to {note.replies_to!r}, which is not known")
    if target.proposes is None:
        return MalformedNoteError(note.id, f"replies to {target.id!r}, which proposes nothing")
    if (note.sender, note.recipient) != (target.recipient, target.sender):
        return MalformedNoteError(
            note.id,
            f"a reply to {target.id!r} must go from {target.recipient} to {target.sender}",
        )
    if target.id in replies:
        return MalformedNoteError(
            note.id, f"{target.id!r} was already answered by {replies[target.id].id!r}"
        )
    if note.on.latest < target.on.earliest:
        return MalformedNoteError(note.id, f"the reply is dated before {target.id!r}")
    return None


def _replies(
    notes: dict[str, DiplomaticNote], found: Found | None = None
) -> dict[str, DiplomaticNote]:
    """Each answered proposal's reply, checking that every reply fits its proposal."""
    replies: dict[str, DiplomaticNote] = {}
    for note in notes.values():
        if note.replies_to is None:
            continue
        problem = _reply_problem(note, notes, replies)
        if problem is not None:
            _refuse(found, note, problem)
            continue
        replies[note.replies_to] = note
    return replies


def instrument_problems(instruments: Iterable[Instrument]) -> Found:
    """Every problem :func:`resolve_instruments` would raise the first of, with its instrument.

    Loading reports them all at once, each at its item's place.
    """
    found: Found = []
    notes, _ = _index(instruments, found)
    _replies(notes, found)
    return found


def resolve_instruments(instruments: Iterable[Instrument]) -> Resolved:
    """Turn instruments into events (agreements, notified acts) and pending proposals.

    Raises :class:`~diplorel.MalformedNoteError` for duplicate ids, a reply to a missing note or
    to a reply, a reply that does not come from the proposal's recipient, or a second answer.
    """
    notes, agreements = _index(instruments)
    replies = _replies(notes)
    events: list[Event] = []
    pending: list[Pending] = []
    for note in notes.values():
        if note.notifies is not None:
            events.append(_notice_event(note))
        if note.proposes is None:
            continue
        reply = replies.get(note.id)
        if reply is None:
            pending.append(
                Pending(
                    dyad=note.dyad,
                    instrument=note.id,
                    proposes=note.proposes,
                    since=note.on,
                    until=None,
                    state="awaiting reply",
                )
            )
            continue
        pending.append(
            Pending(
                dyad=note.dyad,
                instrument=note.id,
                proposes=note.proposes,
                since=note.on,
                until=reply.on,
                state="awaiting reply",
            )
        )
        if not reply.accepts:
            continue
        effective = reply.effective_on or note.effective_on or reply.on
        instrument = f"{note.id}+{reply.id}"
        events.append(
            _agreed_event(
                note.proposes,
                between=note.dyad,
                on=effective,
                tz=reply.tz,
                place=reply.place,
                level=note.level,
                consular=note.consular,
                sources=(*note.sources, *reply.sources),
                instrument=instrument,
                announced_on=reply.announced_on,
            )
        )
        if effective.earliest > reply.on.latest:
            pending.append(
                Pending(
                    dyad=note.dyad,
                    instrument=instrument,
                    proposes=note.proposes,
                    since=reply.on,
                    until=effective,
                    state=f"agreed on {reply.on}, effective on {effective}",
                )
            )
    for c in agreements:
        effective = c.effective_on or c.on
        events.append(
            _agreed_event(
                c.establishes,
                between=c.between,
                on=effective,
                tz=c.tz,
                place=c.place,
                level=c.level,
                consular=c.consular,
                sources=c.sources,
                instrument=c.id,
                announced_on=c.announced_on or getattr(c, "released_on", None),
            )
        )
        if effective.earliest > c.on.latest:  # agreed now, in force later: show it meanwhile
            pending.append(
                Pending(
                    dyad=c.between,
                    instrument=c.id,
                    proposes=c.establishes,
                    since=c.on,
                    until=effective,
                    state=f"agreed on {c.on}, effective on {effective}",
                )
            )
    # the instruments hold their history's codes: its events take them as they are
    return Resolved(events=tuple(as_written(e) for e in events), pending=tuple(pending))
