"""Rules as data: named, cited functions from (status, event) to the next status.

The engine folds each dyad's events, in time order, through the rules that apply to each event's
type. A :class:`RuleSet` is an ordered, validated collection of :class:`Rule`; users add, replace
or remove rules without touching the library:

>>> import diplorel as dr
>>> from diplorel.rules import default_rules, rule, Rejected
>>> @rule(dr.RelationsSevered, citation="Our project's coding rule 4")
... def breaks_need_a_reason(state, event):
...     "A break must cite at least one source."
...     if not event.sources:
...         raise Rejected("a break without a source")
...     return state
>>> rules = default_rules().with_rule(breaks_need_a_reason)
>>> "breaks_need_a_reason" in rules.names
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import attrs
import pendulum

from diplorel._dates import FuzzyDate, to_optional_fuzzy
from diplorel._events import EVENT_TYPES, Event
from diplorel.exceptions import RuleError

RuleFunction = Callable[[Any, Any], Any]
"""A rule's body: takes the state an event meets and the event, returns the next state.

The state is a :class:`~diplorel.DyadState` for relation events and a
:class:`~diplorel.CreditLineState` for credit-line events; the :func:`rule` decorator keeps the
precise types for the type checker.
"""

E = TypeVar("E", bound=Event)
S = TypeVar("S")


class Rejected(Exception):  # noqa: N818 - it names what happened to the event, like the events
    """Raised by a rule to refuse an event in the status it meets (an invalid transition).

    In strict mode the engine turns it into :class:`~diplorel.InvalidTransitionError`; in
    lenient mode into an :class:`~diplorel.Anomaly`, leaving the status unchanged.
    """

    def __init__(self, reason: str) -> None:
        """``reason`` says what the event met that the rule does not allow."""
        self.reason = reason
        super().__init__(reason)


@attrs.frozen
class Rule:
    """A named, cited rule for one or more event types."""

    name: str
    applies_to: tuple[type[Event], ...]
    function: RuleFunction = attrs.field(repr=False)
    citation: str
    description: str = ""
    guard: bool = False
    """A rule that only refuses (raises :class:`Rejected`) and never changes the state: it
    does not count as the rule of an event type (see :class:`RuleSet`)."""
    consequence: bool = False
    """A rule that only adds a consequence to another rule's effect (consent to diplomatic
    relations implies consular relations): it does not count as the rule of an event type
    either, so removing the rule that makes the effect is refused, not silent."""

    def __call__(self, state: Any, event: Event) -> Any:  # noqa: ANN401 - see RuleFunction
        """Apply the rule."""
        return self.function(state, event)


def rule(
    *applies_to: type[Event],
    name: str | None = None,
    citation: str,
    description: str | None = None,
    guard: bool = False,
    consequence: bool = False,
) -> Callable[[Callable[[S, E], S]], Rule]:
    """Decorate a function ``(state, event) -> state`` to make it a :class:`Rule`.

    The name defaults to the function's name, the description to its docstring; ``guard``
    marks a rule that only refuses, ``consequence`` one that only adds to another's effect.
    """

    def make(function: Callable[[S, E], S]) -> Rule:
        return Rule(
            name=name or function.__name__,
            applies_to=applies_to,
            function=function,
            citation=citation,
            description=description or (function.__doc__ or "").strip().split("\n")[0],
            guard=guard,
            consequence=consequence,
        )

    return make


IN_FORCE: dict[str, tuple[str, pendulum.Date]] = {
    "VCDR": ("Vienna Convention on Diplomatic Relations", pendulum.Date(1964, 4, 24)),
    "VCCR": ("Vienna Convention on Consular Relations", pendulum.Date(1967, 3, 19)),
    "Montevideo Convention": (
        "Montevideo Convention on the Rights and Duties of States",
        pendulum.Date(1934, 12, 26),
    ),
}
"""Treaties that rules cite, with the date of their general entry into force."""


def citation_on(citation: str, on: FuzzyDate) -> str:
    """The citation of a rule for an act on ``on``: a treaty only from its entry into force.

    Before it, the rule is customary international law, later codified by the treaty.

    >>> from diplorel import parse_edtf
    >>> citation_on("VCDR art. 2", parse_edtf("2024-02-14"))
    'VCDR art. 2'
    >>> citation_on("VCDR art. 2", parse_edtf("1949"))
    'customary international law (codified in VCDR art. 2, in force 1964-04-24)'
    """
    parts = []
    for part in citation.split(";"):
        text = part.strip()
        for prefix, (_, in_force) in IN_FORCE.items():
            if text.startswith(prefix) and on.earliest < in_force:
                text = f"customary international law (codified in {text}, in force {in_force})"
                break
        parts.append(text)
    return "; ".join(parts)


@attrs.frozen
class Exclusivity:
    """Two states whose relations with any third state should not overlap in time.

    A third state's relations with the People's Republic of China (CHN) and the Republic of
    China (TWN): overlapping periods are flagged as anomalies, never repaired.
    """

    name: str
    states: tuple[str, str]
    since: FuzzyDate | None = attrs.field(default=None, converter=to_optional_fuzzy)
    citation: str = ""


def _check(
    rules: tuple[Rule, ...],
    exclusive: tuple[Exclusivity, ...],
    ignored: frozenset[type[Event]] = frozenset(),
) -> list[str]:
    problems = []
    seen: set[str] = set()
    for r in rules:
        if not isinstance(r, Rule):
            problems.append(f"{r!r} is not a Rule")
            continue
        if r.name in seen:
            problems.append(f"rule name {r.name!r} appears twice")
        seen.add(r.name)
        if not r.applies_to:
            problems.append(f"rule {r.name!r} applies to no event type")
        problems.extend(
            f"rule {r.name!r}: {t!r} is not an Event type"
            for t in r.applies_to
            if not (isinstance(t, type) and issubclass(t, Event))
        )
        if not r.citation:
            problems.append(f"rule {r.name!r} has no citation")
    for x in exclusive:
        if x.name in seen:
            problems.append(f"name {x.name!r} appears twice")
        seen.add(x.name)
    applies = {
        t
        for r in rules
        if isinstance(r, Rule) and not (r.guard or r.consequence)
        for t in r.applies_to
    }
    for t in EVENT_TYPES:
        covered = any(isinstance(a, type) and issubclass(t, a) for a in applies)
        if not covered and t not in ignored:
            problems.append(
                f"no rule applies to {t.__name__} (guards and consequences do not count): "
                "its events would change nothing, silently; "
                f"add a rule for it, or ignore it explicitly (.ignoring({t.__name__}))"
            )
    problems.extend(
        f"{t!r} is ignored but is not an event type"
        for t in ignored
        if not (isinstance(t, type) and issubclass(t, Event))
    )
    return problems


def _rule_tuple(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(rules)


def _event_types(value: Iterable[type[Event]]) -> frozenset[type[Event]]:
    return frozenset(value)


def _exclusive_tuple(checks: Iterable[Exclusivity]) -> tuple[Exclusivity, ...]:
    return tuple(checks)


@attrs.frozen
class RuleSet:
    """An ordered, validated set of rules (and exclusivity checks).

    Every problem in the definition is reported at once, as one :class:`~diplorel.RuleError`.
    """

    rules: tuple[Rule, ...] = attrs.field(converter=_rule_tuple)
    exclusive: tuple[Exclusivity, ...] = attrs.field(default=(), converter=_exclusive_tuple)
    ignored: frozenset[type[Event]] = attrs.field(
        factory=frozenset, converter=_event_types, kw_only=True
    )
    """Event types the set applies no rule to, on purpose: their events change nothing and
    surface as notices (:class:`~diplorel.Anomaly` of kind ``ignored``), never vanish."""
    name: str | None = attrs.field(default=None, eq=False, kw_only=True)
    """The name of a rule set that documents can refer to (``default``, ``cow``); a set made
    by changing a named one has no name."""
    _dispatch: dict[type[Event], tuple[Rule, ...]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )
    _effective: dict[type[Event], bool] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        """Validate the whole definition once."""
        problems = _check(self.rules, self.exclusive, self.ignored)
        if problems:
            raise RuleError(problems)

    def has_effect_on(self, event_type: type[Event]) -> bool:
        """Whether a rule that is neither a guard nor a consequence applies to the type.

        False for a type the set was not checked against (a user's own event class without a
        rule): its events change nothing, and the fold flags each one.
        """
        found = self._effective.get(event_type)
        if found is None:
            found = self._effective[event_type] = any(
                not (r.guard or r.consequence) for r in self.for_event(event_type)
            )
        return found

    def for_event(self, event_type: type[Event]) -> tuple[Rule, ...]:
        """The rules that apply to an event type (including rules for its base classes).

        Empty for a type the set ignores (:meth:`ignoring`).
        """
        found = self._dispatch.get(event_type)
        if found is None and event_type in self.ignored:
            found = self._dispatch[event_type] = ()
        if found is None:
            mro = set(event_type.__mro__)
            found = tuple(r for r in self.rules if mro.intersection(r.applies_to))
            self._dispatch[event_type] = found
        return found

    @property
    def names(self) -> tuple[str, ...]:
        """The rule names, in order."""
        return tuple(r.name for r in self.rules)

    def __iter__(self) -> Iterator[Rule]:
        """The rules, in order."""
        return iter(self.rules)

    def __len__(self) -> int:
        """How many rules."""
        return len(self.rules)

    def __getitem__(self, name: str) -> Rule:
        """The rule called ``name``."""
        for r in self.rules:
            if r.name == name:
                return r
        msg = f"no rule named {name!r}; rules: {', '.join(self.names)}"
        raise KeyError(msg)

    def _index(self, name: str) -> int:
        return self.rules.index(self[name])

    def with_rule(
        self, new: Rule, *, before: str | None = None, after: str | None = None
    ) -> RuleSet:
        """A copy with ``new`` added (at the end, or before/after the named rule)."""
        rules = list(self.rules)
        if before is not None:
            rules.insert(self._index(before), new)
        elif after is not None:
            rules.insert(self._index(after) + 1, new)
        else:
            rules.append(new)
        return RuleSet(rules, self.exclusive, ignored=self.ignored)

    def replace(self, name: str, new: Rule) -> RuleSet:
        """A copy with the rule called ``name`` replaced by ``new`` at the same place."""
        rules = list(self.rules)
        rules[self._index(name)] = new
        return RuleSet(rules, self.exclusive, ignored=self.ignored)

    def without(self, *names: str) -> RuleSet:
        """A copy without the named rules (or exclusivity checks)."""
        for n in names:
            if n not in self.names and n not in {x.name for x in self.exclusive}:
                self[n]  # raises KeyError naming the known rules
        return RuleSet(
            [r for r in self.rules if r.name not in names],
            [x for x in self.exclusive if x.name not in names],
            ignored=self.ignored,
        )

    def ignoring(self, *event_types: type[Event]) -> RuleSet:
        """A copy that applies no rule to ``event_types``, on purpose.

        No rule applies to them any more; their events change nothing and each surfaces as
        a notice (an :class:`~diplorel.Anomaly` of kind ``ignored``, which strict mode
        accepts). Without this, a set that leaves an event type with no rule that can change
        the state (only guards) is refused when it is made:

        >>> from diplorel._default_rules import default_rules
        >>> from diplorel._events import IntentionAnnounced
        >>> rules = default_rules().without("intention_changes_nothing")
        Traceback (most recent call last):
        ...
        diplorel.exceptions.RuleError: ...no rule applies to IntentionAnnounced...
        >>> rules = default_rules().ignoring(IntentionAnnounced)
        >>> rules.for_event(IntentionAnnounced)
        ()
        """
        types: frozenset[type[Event]] = frozenset(event_types)
        return RuleSet(self.rules, self.exclusive, ignored=self.ignored | types)

    def with_exclusivity(self, check: Exclusivity) -> RuleSet:
        """A copy with one more exclusivity check."""
        return RuleSet(self.rules, (*self.exclusive, check), ignored=self.ignored)

    def table(self) -> str:
        """The rule table as aligned text: name, event types, citation, description."""
        rows = [("rule", "applies to", "citation", "what it says")]
        rows.extend(
            (r.name, ", ".join(t.__name__ for t in r.applies_to), r.citation, r.description)
            for r in self.rules
        )
        rows.extend(
            (x.name, "(all dyads)", x.citation, f"flags overlapping relations with {x.states}")
            for x in self.exclusive
        )
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        return "\n".join(
            "  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True))
            + "  "
            + row[3]
            for row in rows
        ).rstrip()
