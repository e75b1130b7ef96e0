"""The derived index of a history, and every question answered from it.

:class:`Derived` is what a :class:`~diplorel.History` forwards to: it validates the items,
resolves instruments, folds each dyad (see :mod:`diplorel._engine`), and answers from the
timelines, marking what the history does not record (see :mod:`diplorel._coverage`). The
modules that answer in bulk (bulk answers, panels, charts) are written against its narrow
read-only view (:class:`~diplorel._view.HistoryView`). Nothing here is public API: the facade
is :class:`~diplorel.History`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TypeAlias

import attrs
import pendulum

from diplorel._alloc import bulk_allocation
from diplorel._answer import Explanation, KnownSource, Period, Status, explain_step
from diplorel._corrections import Retraction
from diplorel._coverage import (
    NO_ACT,
    PRESENCE_ACT,
    RELATIONS_ACT,
    Coverage,
    Dimension,
    Record,
    act_kind,
    record_of,
)
from diplorel._credit import CreditLine, CreditLineEvent, CreditLineOpened
from diplorel._credit_book import CreditBook
from diplorel._dates import QueryLike, When, to_when
from diplorel._default_rules import default_rules
from diplorel._engine import NOTICES, Anomaly, Answer, DyadTimeline
from diplorel._events import (
    ConsentEvent,
    DyadEvent,
    Event,
    HeadOfMissionEvent,
    Intention,
    IntentionAnnounced,
    MissionEvent,
    PresenceObserved,
    RecognitionEvent,
)
from diplorel._exclusivity import exclusivity_overlaps
from diplorel._index import DyadIndex
from diplorel._keys import Key, pair
from diplorel._knowledge import (
    NEVER,
    Dated,
    Span,
    Views,
    correction_problems,
    known_from,
    known_when,
    spans,
)
from diplorel._lifecycle import lineage_of
from diplorel._lineage import not_a_dyad
from diplorel._money import Money
from diplorel._naming import resolved
from diplorel._notes import (
    DiplomaticNote,
    ExchangeOfNotes,
    JointCommunique,
    Pending,
    Proposal,
    resolve_instruments,
)
from diplorel._rules import RuleSet
from diplorel._states import StateRegistry, default_registry
from diplorel._status import Diplomatic, DyadState
from diplorel.exceptions import InvalidEventError, InvalidQueryError, UnknownCreditLineError

_FOREVER = pendulum.Date(9999, 12, 31)
"""The last covered day of a declaration without an end."""

_PRESENCE_ACTS = (HeadOfMissionEvent, MissionEvent, PresenceObserved)
"""Acts that record who represents their sender at the other state."""

Item: TypeAlias = Event | DiplomaticNote | JointCommunique | ExchangeOfNotes | Retraction
"""What a history holds: events and the instruments (notes, communiqués) that make them."""


_INSTRUMENTS = (DiplomaticNote, JointCommunique, ExchangeOfNotes)
_RECORDS = (Event, *_INSTRUMENTS, Retraction)

_STATUS_CACHE_SIZE = 65536
_TWO_DAYS = dt.timedelta(days=2)
"""How far past its UTC day an instant's question can reach (see ``Timeline.at``)."""


class Derived:
    """A history's items, derived: the index, the pending proposals, the credit lines, caches.

    Read-only once made; :meth:`with_items` and :meth:`as_strict` make new ones.
    """

    __slots__ = (
        "_act_kinds",
        "_anomalies",
        "_anomalies_by_dyad",
        "_coverage",
        "_covering_cache",
        "_credit",
        "_directional",
        "_index",
        "_items",
        "_pending",
        "_records",
        "_registry",
        "_resolved",
        "_rules",
        "_spans",
        "_status_cache",
        "_strict",
        "_views",
        "memo",
    )

    def __init__(
        self,
        items: Iterable[Item] = (),
        *,
        strict: bool = True,
        rules: RuleSet | None = None,
        registry: StateRegistry | None = None,
        coverage: Iterable[Coverage] = (),
    ) -> None:
        """Validate ``items`` and derive every dyad's timeline.

        ``coverage`` declares where the history records every act (see
        :class:`~diplorel.Coverage`): there, no act means a certain "none"; elsewhere the
        answer before a dyad's first act is "no record".
        """
        self._items: tuple[Item, ...] = tuple(items)
        self._strict = strict
        self._rules = rules if rules is not None else default_rules()
        self._registry = registry if registry is not None else default_registry()
        self._coverage: tuple[Coverage, ...] = tuple(resolved(c, self._registry) for c in coverage)
        self._reset_caches()
        with bulk_allocation(len(self._items)):
            self._build()

    def _reset_caches(self) -> None:
        self._anomalies: tuple[Anomaly, ...] | None = None
        self._anomalies_by_dyad: dict[Key, list[Anomaly]] | None = None
        self._status_cache: dict[object, Status] = {}
        self._resolved: dict[tuple[str, str], Key] = {}
        self.memo: dict[str, object] = {}
        """What the modules answering from this view build once (bulk arrays)."""
        self._directional: dict[Key, bool] = {}
        self._covering_cache: dict[Key, tuple[Coverage, ...]] = {}
        self._act_kinds: dict[int, tuple[DyadTimeline, bytes]] = {}

    # Construction ---------------------------------------------------------------------------

    def _build(self) -> None:
        registry = self._registry
        records: list[Dated] = []
        for item in self._items:
            if not isinstance(item, _RECORDS):
                msg = f"a History holds events and instruments, not {type(item).__name__}"
                raise TypeError(msg)
            records.append(resolved(item, registry))
        self._records = records
        self._spans: list[Span] | None = None
        self._views: Views | None = None
        current = records
        for r, problem in correction_problems(records):
            raise InvalidEventError(r.describe(), problem)
        if any(isinstance(r, Retraction) or getattr(r, "supersedes", None) for r in records):
            self._spans = spans(records)
            current = [r for r, span in zip(records, self._spans, strict=True) if span[1] == NEVER]
        events = [r for r in current if isinstance(r, Event)]
        made = resolve_instruments([r for r in current if isinstance(r, _INSTRUMENTS)])
        events.extend(made.events)
        # the continuations that apply (a refused one decides nothing; see lineage_of)
        lineage, _ = lineage_of(events, self._registry)
        self._index = DyadIndex(
            registry=self._registry, rules=self._rules, strict=self._strict, lineage=lineage
        )
        self._pending: dict[Key, list[Pending]] = {}
        for p in made.pending:
            key = self._key(*p.dyad)
            if key[0] != key[1]:  # a proposal between a state and its continuation: refused
                self._pending.setdefault(key, []).append(p)
        credit = self._index.build(events)
        for intention in (e for e in events if isinstance(e, IntentionAnnounced)):
            if lineage.merged(intention) is None:
                key = self._key(*intention.between)
                self._pending.setdefault(key, []).append(self._intention(key, intention))
        self._credit = CreditBook(
            credit,
            self._rules,
            strict=self._strict,
            key_of={e.id: self._key(*e.parties) for e in credit if isinstance(e, CreditLineOpened)},
        )

    def _intention(self, key: Key, intention: IntentionAnnounced) -> Pending:
        """An announced intention, pending until relations are established or resumed."""
        later = (
            e.on
            for e in self._index.timeline(key).events
            if isinstance(e, ConsentEvent) and e.on.earliest >= intention.on.earliest
        )
        until = next(later, None)
        proposes = (
            Proposal.RESUME_RELATIONS
            if intention.act is Intention.RESTORE
            else Proposal.ESTABLISH_RELATIONS
        )
        by = f" by {intention.by}" if intention.by else ""
        return Pending(
            dyad=key,
            instrument=f"intention announced{by} on {intention.on}",
            proposes=proposes,
            since=intention.on,
            until=until,
            state="announced, not an act" if until is None else f"done on {until}",
        )

    def _key(self, a: str, b: str) -> Key:
        return self._index.key(a, b)

    def _timeline(self, key: Key) -> DyadTimeline:
        return self._index.timeline(key)

    # Queries --------------------------------------------------------------------------------

    def key(self, a: str, b: str) -> Key:
        """The dyad key of two registry codes (no name resolution: codes must be exact)."""
        return self._key(a, b)

    def resolve(self, a: str, b: str) -> Key:
        """The dyad key for two state references (codes, names or aliases).

        Two codes of one lineage (SUN and RUS) give their one code twice: no dyad, which the
        questions refuse (:meth:`dyad`).
        """
        ca = self._registry.resolve(a, where="first state")
        cb = self._registry.resolve(b, where="second state")
        if ca == cb:
            raise InvalidQueryError((a, b), f"a dyad needs two different states, both name {ca}")
        return self._key(ca, cb)

    def dyad(self, a: str, b: str) -> Key:
        """The dyad key to answer a question about ``a`` and ``b`` (see :meth:`resolve`).

        Raises :class:`~diplorel.InvalidQueryError` for the same state twice, or for a state
        and its own continuation (the USSR and the Russian Federation are one state).
        """
        key = self.resolve(a, b)
        if key[0] == key[1]:
            codes = (self._registry.resolve(a), self._registry.resolve(b))
            raise not_a_dyad(a, b, codes, key[0])
        return key

    def status(self, a: str, b: str, *, on: QueryLike, known_on: QueryLike | None = None) -> Status:
        """See :meth:`diplorel.History.status` (answers are cached per question)."""
        cache_key: object = (a, b, on, known_on)
        try:
            found = self._status_cache.get(cache_key)
        except TypeError:  # an unhashable date-like: no caching
            found, cache_key = None, None
        if found is not None:
            return found
        key = self._resolved.get((a, b))
        if key is None:
            key = self._resolved[a, b] = self.dyad(a, b)
        when = to_when(on)
        known = None if known_on is None else known_when(known_on)
        timeline = self._timeline(key) if known is None else self._known(key, known, when)
        answer = timeline.at(when, self._rules)
        names = self._index.names_on(key, when.day)
        state = self._index.renamed(answer.state, names) if names else answer.state
        status = Status(
            dyad=pair(*(names.get(c, c) for c in key)) if names else key,
            on=when,
            state=self._recorded(key, state, answer, when.day, timeline),
            certain=answer.certain,
            alternatives=tuple(self._index.renamed(x, names) for x in answer.alternatives)
            if names
            else answer.alternatives,
            source=self if known is None else KnownSource(self, timeline, known),
            key=key,
            answer=answer,
            known_on=known,
        )
        if cache_key is not None:
            if len(self._status_cache) >= _STATUS_CACHE_SIZE:
                self._status_cache.clear()
            self._status_cache[cache_key] = status
        return status

    def _known(self, key: Key, known: When, when: When) -> DyadTimeline:
        """The dyad's timeline as known on a day, for a question on ``when``.

        The current one where the two agree up to the last day the question reaches.
        """
        until = when.day if when.instant is None else when.day + _TWO_DAYS
        found = self.views().timeline(key, known.day, until)
        return self._timeline(key) if found is None else found

    def views(self) -> Views:
        """Every dyad's records with the knowledge days over which each counts (built once)."""
        if self._views is None:
            records = self._records
            if self._spans is None:
                self._spans = spans(records)
            views = Views(self._index.view)
            merged = self._index.lineage.merged  # an act between a state and its continuation
            span_of: dict[str, Span] = {}
            for r, span in zip(records, self._spans, strict=True):
                if isinstance(r, _INSTRUMENTS):
                    span_of[r.id] = span
                elif (
                    isinstance(r, DyadEvent | RecognitionEvent)
                    and not isinstance(r, CreditLineEvent)
                    and merged(r) is None
                ):
                    views.add(self._key(*r.parties), r, span)
            made = resolve_instruments([r for r in records if isinstance(r, _INSTRUMENTS)])
            for e in made.events:
                if merged(e) is not None:
                    continue
                parts = [span_of[i] for i in (e.instrument or "").split("+") if i in span_of]
                own = known_from(e)
                span = (
                    max([own, *(p[0] for p in parts)]),
                    min([NEVER, *(p[1] for p in parts)]),
                )
                views.add(self._key(*e.parties), e, span)
            self._views = views
        return self._views

    # What a Status asks for only when it is read (see _answer.StatusSource).

    def pending_at(self, key: Key, when: When) -> tuple[Pending, ...]:
        """The proposals of a dyad that are pending on a date."""
        return tuple(
            p
            for p in self._pending.get(key, ())
            if p.since.has_happened(when.local_day("UTC")) is not False
            and (p.until is None or p.until.has_happened(when.local_day("UTC")) is not True)
        )

    def anomalies_at(self, key: Key, when: When) -> tuple[Anomaly, ...]:
        """The anomalies of a dyad dated up to a date."""
        day = when.day
        return tuple(x for x in self._dyad_anomalies(key) if x.on.earliest <= day)

    def credit_lines_at(self, key: Key, when: When) -> tuple[CreditLine, ...]:
        """The credit lines of a dyad on a date."""
        return self._credit.for_dyad(key, when)

    def explain_at(
        self,
        key: Key,
        when: When,
        answer: Answer[DyadState],
        timeline: DyadTimeline | None = None,
        known: When | None = None,
    ) -> Explanation:
        """The derivation behind an answer: each event with the rules that acted on it.

        ``timeline`` is the view the answer came from (as known on ``known``; default: the
        current one); the records not yet known then are listed.
        """
        timeline = self._timeline(key) if timeline is None else timeline
        steps = []
        state = timeline.initial
        for i in answer.applied():
            step, state = explain_step(
                state, timeline.events[i], self._rules, timeline.rejected.get(i)
            )
            steps.append(attrs.evolve(step, event=self._index.shown(step.event)))
        for i in answer.unknown:
            step, _ = explain_step(state, timeline.events[i], self._rules, certain=False)
            steps.append(attrs.evolve(step, event=self._index.shown(step.event)))
        unknown = () if known is None else self.views().unknown(key, known.day, when.day)
        return Explanation(
            dyad=key,
            on=when,
            summary=answer.state.summary(),
            steps=tuple(steps),
            certain=answer.certain,
            alternatives=tuple(alt.summary() for alt in answer.alternatives),
            pending=self.pending_at(key, when),
            anomalies=self.anomalies_at(key, when),
            credit_lines=self.credit_lines_at(key, when),
            known_on=known,
            not_yet_known=tuple(unknown),
        )

    def credit_line(self, line_id: str, *, on: QueryLike) -> CreditLine:
        """A credit line on a date: limit, drawn, repaid, outstanding, available, status.

        Raises :class:`~diplorel.UnknownCreditLineError` for an unknown id, or one not yet
        opened on that date.
        """
        line = self._credit.line(line_id, to_when(on))
        if line is None:
            raise UnknownCreditLineError(line_id, reason=f"it was not yet opened on {on}")
        return line

    def credit_lines(
        self, a: str, b: str, *, on: QueryLike, lender: str | None = None
    ) -> tuple[CreditLine, ...]:
        """The credit lines between two states on a date, either way unless ``lender`` is given."""
        lent_by = self._registry.resolve(lender, where="lender") if lender else None
        return self._credit.for_dyad(self.dyad(a, b), to_when(on), lent_by)

    def outstanding_credit(
        self, *, on: QueryLike, lender: str | None = None, borrower: str | None = None
    ) -> dict[str, Money]:
        """Outstanding credit on a date, per currency (never summed across currencies)."""
        return self._credit.outstanding(
            to_when(on),
            lender=self._registry.resolve(lender, where="lender") if lender else None,
            borrower=self._registry.resolve(borrower, where="borrower") if borrower else None,
        )

    @property
    def credit_line_ids(self) -> tuple[str, ...]:
        """The ids of every credit line, sorted."""
        return self._credit.ids

    def timeline(self, a: str, b: str) -> tuple[Period, ...]:
        """The periods of the dyad's history, in order: one per event.

        Empty when the history holds no event of the dyad. A period before the dyad's first
        act (one that only a state's continuation or a refused act begins) has no record, as
        :meth:`status` says, unless the history covers it.
        """
        key = self.dyad(a, b)
        timeline = self._timeline(key)
        events, rejected = timeline.events, timeline.rejected
        periods = []
        kind = NO_ACT
        for i, e in enumerate(events):
            if i not in rejected:
                kind = max(kind, act_kind(e))
            state = self._marked(
                key,
                timeline.states[i],
                e.on.stated[0],
                relations=kind >= RELATIONS_ACT,
                presence=kind >= PRESENCE_ACT,
                senders=lambda i=i: self._senders(timeline, range(i + 1)),  # type: ignore[misc]
            )
            periods.append(
                Period(
                    start=e.on,
                    end=events[i + 1].on if i + 1 < len(events) else None,
                    state=state,
                    event=self._index.shown(e),
                    anomaly=rejected.get(i),
                )
            )
        return tuple(periods)

    def events(self, a: str | None = None, b: str | None = None) -> tuple[Event, ...]:
        """Every event in time order; or, given two states, the events of their dyad."""
        if a is None or b is None:
            return tuple(self._index.all_events())
        return tuple(self._timeline(self.dyad(a, b)).events)

    def pending(self, a: str, b: str) -> tuple[Pending, ...]:
        """Every proposal of the dyad that did not (or not at once) take effect."""
        return tuple(self._pending.get(self.dyad(a, b), ()))

    def dyads_known_on(self, known: When | None) -> tuple[Key, ...]:
        """The dyads with records: now, or (given a day) with records counting then too."""
        if known is None:
            return self.dyads
        return tuple(sorted(set(self._index.timelines) | set(self.views().keys())))

    @property
    def dyads(self) -> tuple[Key, ...]:
        """The dyads that have events, sorted."""
        return tuple(sorted(self._index.timelines))

    @property
    def items(self) -> tuple[Item, ...]:
        """The events and instruments the history was built from, as given."""
        return self._items

    @property
    def strict(self) -> bool:
        """Whether invalid transitions raise (True) or become anomalies (False)."""
        return self._strict

    @property
    def rules(self) -> RuleSet:
        """The rule set the history is derived with."""
        return self._rules

    @property
    def registry(self) -> StateRegistry:
        """The state registry the history resolves states with."""
        return self._registry

    def _dyad_anomalies(self, key: Key) -> list[Anomaly]:
        if self._anomalies_by_dyad is None:
            index: dict[Key, list[Anomaly]] = {}
            for a in self.anomalies:
                index.setdefault(a.dyad, []).append(a)
            self._anomalies_by_dyad = index
        return self._anomalies_by_dyad.get(key, [])

    def state_at_key(
        self, key: Key, when: When, known: When | None = None
    ) -> tuple[DyadState, bool]:
        """A dyad's state on a date, named as on the day, and whether it is certain.

        The fast path that panels use: no explanation, pending acts or credit.
        """
        timeline = self._timeline(key) if known is None else self._known(key, known, when)
        answer = timeline.at(when, self._rules)
        names = self._index.names_on(key, when.day)
        state = self._index.renamed(answer.state, names) if names else answer.state
        return self._recorded(key, state, answer, when.day, timeline), answer.certain

    def recorded_at(
        self, key: Key, when: When, known: When | None = None
    ) -> tuple[DyadState, bool]:
        """The state of a dyad key in the key's names, with the unknown marked, and certainty.

        What bulk answers use: :meth:`state_at_key` without renaming continuing states.
        """
        timeline = self._timeline(key) if known is None else self._known(key, known, when)
        answer = timeline.at(when, self._rules)
        return self._recorded(key, answer.state, answer, when.day, timeline), answer.certain

    def _recorded(
        self,
        key: Key,
        state: DyadState,
        answer: Answer[DyadState],
        day: pendulum.Date,
        timeline: DyadTimeline,
    ) -> DyadState:
        """The state, with what the history does not know marked so, dimension by dimension.

        Relations are known from an act that concerns them (an observation of who is at post
        does not), presence from any act of the dyad (a curated dyad is known from its first
        act); either, without an act, where a coverage declaration vouches for it. An ended
        dyad (a party ceased to exist) stays ended.
        """
        relations, presence = self._acted(timeline, answer)
        return self._marked(
            key,
            state,
            day,
            relations=relations,
            presence=presence,
            senders=lambda: self._senders(timeline, answer.applied()),
        )

    def _senders(self, timeline: DyadTimeline, applied: Iterable[int]) -> set[str]:
        """The states whose presence an applied act of the dyad records (its sender)."""
        rejected, events = timeline.rejected, timeline.events
        return {
            events[i].sender  # type: ignore[attr-defined]
            for i in applied
            if i not in rejected and isinstance(events[i], _PRESENCE_ACTS)
        }

    def is_directional(self, key: Key) -> bool:
        """Whether a coverage declaration of the dyad vouches for one direction of presence.

        Then each side's presence is known from its own acts or coverage only: what a
        history records of one side says nothing of the other.
        """
        found = self._directional.get(key)
        if found is None:
            found = self._directional[key] = any(c.sender is not None for c in self._covering(key))
        return found

    def _covering(self, key: Key) -> tuple[Coverage, ...]:
        """The coverage declarations that name the dyad (by its lineage), cached per dyad."""
        found = self._covering_cache.get(key)
        if found is None:
            root = self._index.lineage.root
            found = self._covering_cache[key] = tuple(
                c
                for c in self._coverage
                if root(c.state) in key and (c.partner is None or root(c.partner) in key)
            )
        return found

    def _names(self, key: Key, day: pendulum.Date) -> tuple[dict[str, str], list[Key]]:
        """The codes the dyad's states went by on ``day``, and the pairs a declaration may name.

        A declaration may name the dyad as filed (RUS-USA) or as named on the day (SUN-USA).
        """
        names = self._index.names_on(key, day)
        if not names:
            return names, [key]
        return names, [key, pair(*(names.get(c, c) for c in key))]

    def _directions(
        self, key: Key, state: DyadState, day: pendulum.Date, senders: Callable[[], set[str]]
    ) -> DyadState:
        """The state with the presence of a side that nothing vouches for marked unknown.

        A side is known where a declaration covers it, or from its own acts; but after the
        last day a declaration covers a side, its acts say nothing (an envoy the records
        never see leave is not at post for ever). ``state`` is named as filed (the key's
        codes) or as on the day; the side marked unknown is named as ``state`` names it.
        """
        if not self.is_directional(key):
            return state
        covering = self._covering(key)
        root = self._index.lineage.root
        # each covered sender's last covered day: after it, its acts say nothing of the day
        declared: dict[str, pendulum.Date] = {}
        for c in covering:
            if c.sender is not None:
                last = _FOREVER if c.until is None else c.until.stated[1]
                declared[root(c.sender)] = max(declared.get(root(c.sender), last), last)
        names, pairs = self._names(key, day)
        renamed = state.dyad != key
        acted: set[str] | None = None
        unknown = set()
        for code in key:
            shown = names.get(code, code)
            known = code in declared and any(
                record_of(
                    covering,
                    pairs,
                    day,
                    exists=True,
                    dimension=Dimension.PRESENCE,
                    sender=x,
                )
                is Record.COVERED
                for x in {code, shown}
            )
            if not known and (code not in declared or day <= declared[code]):
                acted = senders() if acted is None else acted
                known = code in acted
            if not known:
                unknown.add(shown if renamed else code)
        return state.without_presence_of(frozenset(unknown)) if unknown else state

    def _marked(
        self,
        key: Key,
        state: DyadState,
        day: pendulum.Date,
        *,
        relations: bool,
        presence: bool,
        senders: Callable[[], set[str]],
    ) -> DyadState:
        """:meth:`_recorded` once the acts are counted."""
        if state.diplomatic is Diplomatic.ENDED:
            return state
        if relations:
            return self._directions(key, state, day, senders)
        first, last = self._index.window(key)
        exists = (first is None or first <= day) and (last is None or day < last)
        if not exists:
            return state.without_record(Diplomatic.NOT_EXISTING)
        # by the codes as filed and as on the day (a declaration of SUN-USA covers RUS-USA)
        names, pairs = self._names(key, day)
        if not presence:
            covering = self._covering(key)
            asked = (None, *key, *names.values()) if self.is_directional(key) else (None,)
            presence = any(
                record_of(covering, pairs, day, exists=True, dimension=Dimension.PRESENCE, sender=s)
                is Record.COVERED
                for s in asked
            )
        if record_of(self._covering(key), pairs, day, exists=True) is Record.COVERED:
            if not presence:
                return state.without_presence()
            return self._directions(key, state, day, senders)
        marked = state.without_record(Diplomatic.NO_RECORD, presence=presence)
        return self._directions(key, marked, day, senders) if presence else marked

    def _acted(self, timeline: DyadTimeline, answer: Answer[DyadState]) -> tuple[bool, bool]:
        """Whether an act of the dyad applies in ``answer``: one on relations, one on presence.

        A refused act does not count (see :func:`~diplorel._coverage.act_kind` for the rest).
        """
        if not (answer.prefix or answer.extra):
            return False, False
        kind = self._act_kinds_of(timeline)[answer.prefix]
        if answer.extra and kind < RELATIONS_ACT:
            rejected, events = timeline.rejected, timeline.events
            for i in answer.extra:
                if i not in rejected:
                    kind = max(kind, act_kind(events[i]))
        return kind >= RELATIONS_ACT, kind >= PRESENCE_ACT

    def _act_kinds_of(self, timeline: DyadTimeline) -> bytes:
        """The most an applied act tells among each prefix of ``timeline``'s events.

        Item ``n``: the greatest :func:`~diplorel._coverage.act_kind` of the first ``n`` events
        not refused (a running maximum: a question reads one item, not every act before it).
        Kept per timeline (timelines are immutable), with the timeline, so its id stays its own.
        """
        found = self._act_kinds.get(id(timeline))
        if found is not None and found[0] is timeline:
            return found[1]
        rejected, events = timeline.rejected, timeline.events
        kinds = bytearray(len(events) + 1)
        kind = NO_ACT
        for i, event in enumerate(events):
            if kind < RELATIONS_ACT and i not in rejected:
                kind = max(kind, act_kind(event))
            kinds[i + 1] = kind
        made = bytes(kinds)
        if len(self._act_kinds) >= _STATUS_CACHE_SIZE:  # views of the past come and go
            self._act_kinds.clear()
        self._act_kinds[id(timeline)] = (timeline, made)
        return made

    def record(
        self,
        a: str,
        b: str,
        *,
        on: QueryLike,
        dimension: Dimension = Dimension.RELATIONS,
        sender: str | None = None,
    ) -> Record:
        """See :meth:`diplorel.History.record`."""
        key = self.dyad(a, b)
        when = to_when(on)
        timeline = self._timeline(key)
        answer = timeline.at(when, self._rules)
        relations, presence = self._acted(timeline, answer)
        if relations or (presence and dimension is Dimension.PRESENCE):
            return Record.RECORDED
        first, last = self._index.window(key)
        exists = (first is None or first <= when.day) and (last is None or when.day < last)
        _, pairs = self._names(key, when.day)
        if sender is not None:
            sender = self._registry.get(sender).code
        return record_of(
            self._covering(key), pairs, when.day, exists=exists, dimension=dimension, sender=sender
        )

    @property
    def coverage(self) -> tuple[Coverage, ...]:
        """The history's coverage declarations: where no act means a certain "none"."""
        return self._coverage

    def shown(self, event: Event) -> Event:
        """The event as given, for one the fold renamed to its lineage's codes."""
        return self._index.shown(event)

    def filed_as(self, state: str) -> str:
        """The code under which a state's dyads are filed: its lineage's (SUN -> RUS)."""
        return self._index.lineage.root(self._registry.resolve(state))

    def lifecycle_states(self) -> frozenset[str]:
        """The (filed) codes of every state that ends or continues, by the history or registry."""
        return self._index.lifecycle_states()

    def timeline_of(self, key: Key) -> DyadTimeline:
        """The derived timeline of a dyad key (see :meth:`resolve`): events and states."""
        return self._timeline(key)

    def has_credit_lines(self, key: Key) -> bool:
        """True when the dyad (a key from :meth:`resolve`) has any credit line, at any date."""
        return self._credit.has_lines(key)

    @property
    def anomalies(self) -> tuple[Anomaly, ...]:
        """Everything the engine flagged, in dyad order.

        Refused events and events outside a party's existence (lenient mode), and overlapping
        exclusive relations (both modes).
        """
        if self._anomalies is None:
            timelines = self._index.timelines
            found: list[Anomaly] = list(self._index.existence_anomalies)
            for key in sorted(timelines):
                found.extend(timelines[key].anomalies)
            found.extend(self._credit.anomalies)
            found.extend(exclusivity_overlaps(timelines, self._rules, self._index.lineage))
            self._anomalies = tuple(found)
        return self._anomalies

    # Changes --------------------------------------------------------------------------------

    def with_items(self, *items: Item) -> Derived:
        """A new derivation with ``items`` added; only the dyads they touch are re-derived.

        Adding instruments, credit-line or lifecycle events rebuilds the whole derivation
        (they can touch many dyads), as does an act between a state and its own continuation
        (refused); adding relation events re-derives only their dyads, from the first event
        that moved (a back-dated insert keeps everything before it).
        """
        simple = all(
            isinstance(i, DyadEvent | RecognitionEvent)
            and not isinstance(i, CreditLineEvent | IntentionAnnounced)  # intentions: pending
            and i.supersedes is None
            for i in items
        )
        added = (
            [resolved(i, self._registry) for i in items if isinstance(i, Event)] if simple else []
        )
        merged = self._index.lineage.merged
        if not simple or any(merged(e) is not None for e in added):  # refused: as a build does
            return Derived(
                (*self._items, *items),
                strict=self._strict,
                rules=self._rules,
                registry=self._registry,
                coverage=self._coverage,
            )
        return self._copy(
            _items=(*self._items, *items),
            _records=[*self._records, *added],
            _spans=None,
            _views=None,
            _index=self._index.with_events(added),
        )

    def as_strict(self) -> Derived:
        """This derivation in strict mode, if nothing in it was refused; else raise the refusal.

        Raises :class:`~diplorel.InvalidTransitionError` or
        :class:`~diplorel.StateNotInExistenceError` as a strict build would.
        """
        if self._strict:
            return self
        if any(a.kind not in NOTICES for a in self.anomalies):
            return Derived(
                self._items,
                strict=True,
                rules=self._rules,
                registry=self._registry,
                coverage=self._coverage,
            )
        return self._copy(_strict=True, _index=self._index.as_strict())

    def _copy(self, **changes: object) -> Derived:
        """A copy sharing the derived parts but ``changes``, with empty caches."""
        new = Derived.__new__(Derived)
        for name in Derived.__slots__:
            object.__setattr__(new, name, changes.get(name, getattr(self, name)))
        Derived._reset_caches(new)
        return new

    @property
    def summary(self) -> str:
        """``12 items, 3 dyads, strict``: what a history's repr says."""
        mode = "strict" if self._strict else "lenient"
        return f"{len(self._items)} items, {len(self._index.timelines)} dyads, {mode}"

    def same_as(self, other: Derived) -> bool:
        """Built alike: items, mode, rules, coverage and registry (which gives names meaning)."""
        mine = (self._items, self._strict, self._rules, self._coverage, self._registry)
        theirs = (other._items, other._strict, other._rules, other._coverage, other._registry)
        return mine == theirs
