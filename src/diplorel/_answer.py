"""Answers: the status of a dyad on a date, the explanation behind it, and timeline periods."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import attrs

from diplorel._credit import CreditLine
from diplorel._dates import FuzzyDate, When
from diplorel._engine import Anomaly, Answer, Timeline, apply_event
from diplorel._events import Event
from diplorel._notes import Pending
from diplorel._representation import DEFAULT_CONVENTIONS, Representation, represent
from diplorel._rules import Rejected, Rule, RuleSet, citation_on
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

_UNKNOWN: dict[object, str] = {
    Diplomatic.NO_RECORD: "no record (the history holds no act of these states up to this date)",
    Consular.NO_RECORD: "no record",
    Diplomatic.NOT_EXISTING: "not existing (at least one of the two states did not exist yet)",
    Consular.NOT_EXISTING: "not existing",
}

_DIMENSIONS = (
    "diplomatic",
    "consular",
    "agreed",
    "heads",
    "missions",
    "protecting_powers",
    "recognition",
    "governments",
)


def _show(value: object) -> str:
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        parts = []
        for k, v in value.items():
            shown = ", ".join(map(str, v)) if isinstance(v, tuple) else _show(v)
            parts.append(f"{k}: {shown or 'none'}")
        return "{" + "; ".join(parts) + "}"
    if hasattr(value, "value"):
        return str(value.value).replace("_", " ")
    return str(value)


def describe_change(before: DyadState, after: DyadState) -> str:
    """The dimensions that differ, as ``diplomatic none -> established; ...``."""
    changes = []
    for name in _DIMENSIONS:
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            label = "agreed class" if name == "agreed" else name.replace("_", " ")
            changes.append(f"{label} {_show(old)} -> {_show(new)}")
    return "; ".join(changes) if changes else "no change"


@attrs.frozen
class RuleApplication:
    """One rule's part in one step: its name, citation and what it changed."""

    rule: str
    citation: str
    change: str


@attrs.frozen
class Step:
    """One event in an explanation, with the rules that acted on it."""

    event: Event
    applied: tuple[RuleApplication, ...]
    rejected: Anomaly | None = None
    certain: bool = True
    """False for an event that may or may not have happened by the query date."""

    def __str__(self) -> str:
        """The event, then one line per rule that changed something."""
        mark = "" if self.certain else " [may not have happened yet]"
        lines = [f"{self.event.on!s:<23} {self.event.describe(dated=False)}{mark}"]
        if self.event.instrument:
            lines.append(f"{'':<25}by instrument {self.event.instrument}")
        lines.extend(
            f"{'':<25}{a.rule} [{a.citation}]: {a.change}"
            for a in self.applied
            if a.change != "no change"
        )
        if self.rejected is not None:
            lines.append(f"{'':<25}REFUSED: {self.rejected.message}")
        lines.extend(f"{'':<25}source: {s}" for s in self.event.sources)
        return "\n".join(lines)


def explain_step(
    state: DyadState,
    event: Event,
    rules: RuleSet,
    rejected: Anomaly | None = None,
    *,
    certain: bool = True,
) -> tuple[Step, DyadState]:
    """Replay one event through the fold's own transition, recording what each rule changed."""
    trace: list[tuple[Rule, DyadState, DyadState | Rejected]] = []
    after, _, _ = apply_event(state, event, rules.for_event(type(event)), trace)
    applied = tuple(
        RuleApplication(
            r.name,
            citation_on(r.citation, event.on),
            f"refused: {made.reason}" if isinstance(made, Rejected) else describe_change(met, made),
        )
        for r, met, made in trace
    )
    return Step(event, applied, rejected, certain), after


@attrs.frozen
class Explanation:
    """Why a dyad had its status on a date: every event that counted and the rules it met."""

    dyad: tuple[str, str]
    on: When
    summary: str
    steps: tuple[Step, ...]
    certain: bool
    alternatives: tuple[str, ...] = ()
    pending: tuple[Pending, ...] = ()
    anomalies: tuple[Anomaly, ...] = ()
    credit_lines: tuple[CreditLine, ...] = ()
    """The credit lines of the dyad on the date, each with the events that produced it."""
    known_on: When | None = None
    """The day of knowledge the answer is for (None: as known now)."""
    not_yet_known: tuple[Event, ...] = ()
    """Records dated up to the date that were not yet known on ``known_on``."""

    def __str__(self) -> str:
        """A readable derivation."""
        head = f"{self.dyad[0]}-{self.dyad[1]} on {self.on}: {self.summary}"
        if self.known_on is not None:
            head += f" (as known on {self.known_on})"
        lines = [head]
        if not self.certain:
            lines.append("UNCERTAIN: an act dated imprecisely may or may not have happened yet;")
            lines.extend(f"  otherwise: {alt}" for alt in self.alternatives)
        lines.extend(str(step) for step in self.steps)
        if not self.steps:
            lines.append("no act between these states up to this date")
        for line in self.credit_lines:
            lines.append(f"economic tie: credit line {line}")
            for event in line.events:
                lines.append(f"{event.on!s:<23} {event.describe(dated=False)}")
                lines.extend(f"{'':<25}source: {s}" for s in event.sources)
        lines.extend(f"pending: {p}" for p in self.pending)
        lines.extend(f"anomaly: {a}" for a in self.anomalies)
        lines.extend(
            f"not yet known on {self.known_on}: {e.describe()}"
            + (f" (announced {e.announced_on})" if e.announced_on else "")
            for e in self.not_yet_known
        )
        return "\n".join(lines)


class StatusSource(Protocol):
    """What a :class:`Status` asks its history for when the extras are read."""

    def pending_at(self, key: tuple[str, str], when: When) -> tuple[Pending, ...]:
        """Pending proposals."""
        ...

    def anomalies_at(self, key: tuple[str, str], when: When) -> tuple[Anomaly, ...]:
        """Anomalies up to the date."""
        ...

    def credit_lines_at(self, key: tuple[str, str], when: When) -> tuple[CreditLine, ...]:
        """Credit lines on the date."""
        ...

    def explain_at(
        self, key: tuple[str, str], when: When, answer: Answer[DyadState]
    ) -> Explanation:
        """The derivation."""
        ...


class KnowingSource(StatusSource, Protocol):
    """A source that explains an answer from a given view of the past."""

    def explain_at(
        self,
        key: tuple[str, str],
        when: When,
        answer: Answer[DyadState],
        timeline: Timeline[DyadState] | None = None,
        known: When | None = None,
    ) -> Explanation:
        """The derivation, from ``timeline`` as known on ``known``."""
        ...


class KnownSource:
    """What a :class:`Status` as known on a day asks for: its explanation replays that view."""

    __slots__ = ("_known", "_source", "_timeline")

    def __init__(self, source: KnowingSource, timeline: Timeline[DyadState], known: When) -> None:
        """The view ``timeline`` of ``source``, as known on ``known``."""
        self._source = source
        self._timeline = timeline
        self._known = known

    def pending_at(self, key: tuple[str, str], when: When) -> tuple[Pending, ...]:
        """Pending proposals (as known now)."""
        return self._source.pending_at(key, when)

    def anomalies_at(self, key: tuple[str, str], when: When) -> tuple[Anomaly, ...]:
        """Anomalies up to the date (as known now)."""
        return self._source.anomalies_at(key, when)

    def credit_lines_at(self, key: tuple[str, str], when: When) -> tuple[CreditLine, ...]:
        """Credit lines on the date (as known now)."""
        return self._source.credit_lines_at(key, when)

    def explain_at(
        self, key: tuple[str, str], when: When, answer: Answer[DyadState]
    ) -> Explanation:
        """The derivation from the view, with the records not yet known."""
        return self._source.explain_at(key, when, answer, self._timeline, self._known)


@attrs.frozen
class Status:
    """The status of a dyad on a date: every dimension, its certainty, and why.

    The dimensions are those of :class:`~diplorel.DyadState`; ``alternatives`` lists the other
    possible states when an imprecisely dated act may or may not have happened (``certain`` is
    then False). ``pending``, ``anomalies``, ``credit_lines`` and :meth:`explain` are worked
    out when read.
    """

    dyad: tuple[str, str]
    on: When
    state: DyadState = attrs.field(repr=False)
    certain: bool
    alternatives: tuple[DyadState, ...] = attrs.field(repr=False)
    _source: StatusSource = attrs.field(repr=False, eq=False, alias="source")
    _key: tuple[str, str] = attrs.field(repr=False, eq=False, alias="key")
    _answer: Answer[DyadState] = attrs.field(repr=False, eq=False, alias="answer")
    known_on: When | None = attrs.field(default=None, kw_only=True)
    """The day of knowledge the status is for: what could be known then (None: now)."""

    @property
    def pending(self) -> tuple[Pending, ...]:
        """Proposals and agreements not (yet) in force on this date."""
        return self._source.pending_at(self._key, self.on)

    @property
    def anomalies(self) -> tuple[Anomaly, ...]:
        """What the engine flagged for this dyad up to this date."""
        return self._source.anomalies_at(self._key, self.on)

    @property
    def credit_lines(self) -> tuple[CreditLine, ...]:
        """The credit lines between the two states on this date (either direction)."""
        return self._source.credit_lines_at(self._key, self.on)

    @property
    def trade_offices(self) -> Mapping[str, tuple[Mission, ...]]:
        """Sending state -> its trade offices in the other (only states that have one)."""
        return self.state.missions_of(MissionKind.TRADE_OFFICE)

    @property
    def economic_ties(self) -> bool | None:
        """True while a trade office or an active credit line exists: independent of relations.

        None where the history has no record of the dyad, or records one side only (a record
        of one side's envoys says nothing of trade offices or credit).
        """
        credit = any(line.is_active for line in self.credit_lines)
        return self.state.economic_ties(credit_active=credit)

    @property
    def diplomatic(self) -> Diplomatic:
        """Diplomatic relations."""
        return self.state.diplomatic

    @property
    def consular(self) -> Consular:
        """Consular relations."""
        return self.state.consular

    @property
    def agreed(self) -> Mapping[str, Level]:
        """Sending state -> the class of head of mission agreed (VCDR art. 14-15).

        What the states agreed, not who is there: see :attr:`representation`. Empty where the
        history has no record of the dyad; without a side whose envoys the history does not
        record (a class it agreed once may have changed unseen).
        """
        if not self.state.known:
            return {}
        unknown = self.state.presence_unknown
        return {k: v for k, v in self.state.agreed.items() if k not in unknown}

    @property
    def representation(self) -> Mapping[str, Representation]:
        """Sending state -> who represents it in the other state, with its COW code.

        Derived from who is actually at post (the mission, its head), as the Correlates of
        War data code it under the default :class:`~diplorel.CowConventions`.
        Empty where the history has no record of the dyad (``diplomatic`` says which).
        """
        if not self.state.presence_known:
            return {}
        year = self.on.day.year
        return {
            s: represent(self.state, s, year=year, conventions=DEFAULT_CONVENTIONS)
            for s in self.state.dyad
            if self.state.presence_known_of(s)
        }

    @property
    def exchange(self) -> bool | None:
        """True when either side has a representative at the other (COW's DE = 1).

        None where the history has no record of the dyad.
        """
        if not self.state.presence_known:
            return None
        known = self.representation
        if any(r.exchange for r in known.values()):
            return True
        return None if len(known) < len(self.state.dyad) else False

    @property
    def heads(self) -> Mapping[str, HeadOfMission]:
        """Sending state -> who heads its mission (only where someone or a vacancy is known)."""
        return self.state.heads

    @property
    def governments(self) -> Mapping[str, str]:
        """State -> the government of the other state it recognises, where an act says so."""
        return self.state.governments

    @property
    def missions(self) -> Mapping[str, tuple[Mission, ...]]:
        """Sending state -> its missions in the other state (empty where there is no record)."""
        s = self.state
        return {k: v for k, v in s.missions.items() if s.presence_known_of(k)}

    @property
    def protecting_powers(self) -> Mapping[str, str]:
        """Protected state -> the third state protecting its interests."""
        return self.state.protecting_powers

    @property
    def recognition(self) -> Mapping[str, Recognition]:
        """State -> whether it recognises the other (empty where there is no record)."""
        return self.state.recognition if self.state.known else {}

    @property
    def since(self) -> FuzzyDate | None:
        """When the current diplomatic status began, with its precision (None: never set)."""
        return self.state.since

    def explain(self) -> Explanation:
        """The events and rules (with citations) that produced this status."""
        return self._source.explain_at(self._key, self.on, self._answer)

    def __str__(self) -> str:
        """A readable multi-line summary, one dimension a line."""
        s = self.state
        a, b = self.dyad
        rows: list[tuple[str, str]] = []
        since = f" since {s.since}" if s.since else ""
        unknown = _UNKNOWN.get(s.diplomatic)
        rows.append(("diplomatic relations", unknown or f"{s.diplomatic.value}{since}"))
        csince = f" since {s.consular_since}" if s.consular_since else ""
        rows.append(
            ("consular relations", _UNKNOWN.get(s.consular) or f"{s.consular.value}{csince}")
        )
        rows.extend(_unknown_rows(s))
        representation = self.representation
        for sender in s.dyad:
            if s.known and sender in s.presence_unknown:
                rows.append((f"{sender} agreed class", "no record (its envoys are not recorded)"))
            elif s.known:
                rows.append((f"{sender} agreed class", _show(s.agreed.get(sender, Level.NONE))))
            if s.presence_known_of(sender):
                rows.append((f"{sender} at post", str(representation[sender])))
            elif s.presence_known:
                rows.append((f"{sender} at post", "no record (the history covers the other side)"))
        for sender, missions in self.missions.items():
            rows.append((f"{sender} missions", "; ".join(map(str, missions)) or "none"))
        rows.extend(
            (f"{x} recognises", f"{s.other(x)}'s government {g}") for x, g in s.governments.items()
        )
        rows.extend(
            ("protecting power", f"{power} protects {protected}'s interests")
            for protected, power in s.protecting_powers.items()
        )
        recognised = [
            f"{x} recognises {s.other(x)}"
            for x, r in self.recognition.items()
            if r.value == "recognized"
        ]
        if recognised:
            rows.append(("recognition", "; ".join(recognised)))
        lines = self.credit_lines
        if self.economic_ties is not None:
            ties = "yes" if self.economic_ties else "no"
            rows.append(("economic ties", f"{ties} (independent of diplomatic relations)"))
        rows.extend(("credit line", str(line)) for line in lines)
        rows.extend(("pending", str(p)) for p in self.pending)
        rows.extend(("anomaly", str(x)) for x in self.anomalies)
        certainty = "certain" if self.certain else "UNCERTAIN"
        known = f" as known on {self.known_on}" if self.known_on is not None else ""
        out = [f"{a}-{b} on {self.on}{known} ({certainty})"]
        out.extend(f"  {label:<22}{value}" for label, value in rows)
        if not self.certain:
            out.append("  an imprecisely dated act may not have happened yet; if it had:")
            out.extend(f"    {alt.summary()}" for alt in self.alternatives)
        return "\n".join(out)


def _unknown_rows(s: DyadState) -> list[tuple[str, str]]:
    """A status's lines for what the history does not know."""
    if s.diplomatic is Diplomatic.NOT_EXISTING:
        return [("everything else", "nothing: the dyad did not exist yet")]
    if not (s.known or s.presence_known):
        return [("everything else", "no record (no class, presence or mission is known)")]
    if not s.presence_known:
        return [("at post", "no record (nobody is known to be there or not)")]
    return []


@attrs.frozen
class Period:
    """A stretch of a dyad's history: the state from one event up to the next."""

    start: FuzzyDate
    end: FuzzyDate | None
    """When the next event happened (None: the period is still running)."""
    state: DyadState
    event: Event
    """The event that began the period."""
    anomaly: Anomaly | None = None

    def __str__(self) -> str:
        """``1959/1960 .. 2024-02-14  severed ...``."""
        end = str(self.end) if self.end else "now"
        return f"{self.start} .. {end}: {self.state.summary()}  <- {self.event.describe()}"
