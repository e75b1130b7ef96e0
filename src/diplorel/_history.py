"""A history: events and instruments for many dyads, and the questions users ask of it.

:class:`History` is a small immutable facade: each method forwards to the module that owns
its job (answers from the derived index in :mod:`diplorel._derived`, bulk answers in
:mod:`diplorel._bulk`, panels in :mod:`diplorel._panel`, charts in :mod:`diplorel._plot`,
credit in :mod:`diplorel._credit_ledger`).

>>> import diplorel as dr
>>> h = dr.History([dr.RelationsEstablished(between=("CUB", "KOR"), on="1949")])
>>> h.status("Cuba", "South Korea", on="1980-06-01").diplomatic
<Diplomatic.ESTABLISHED: 'established'>
>>> h.status("CUB", "KOR", on="1949-06-01").certain
False
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal, overload

from diplorel._answer import Period, Status
from diplorel._bulk import BulkStatus, bulk_numpy, bulk_python
from diplorel._coverage import Coverage, Dimension, Record
from diplorel._credit_ledger import CreditLedger
from diplorel._dates import QueryLike
from diplorel._derived import Derived, Item
from diplorel._draws import drawn_items, seeds
from diplorel._engine import Anomaly
from diplorel._engines import DEFAULT_ENGINE, Engine, chosen
from diplorel._events import Event
from diplorel._keys import Key
from diplorel._knowledge import KnownOn
from diplorel._membership import Rule, System
from diplorel._network import Network, build_network
from diplorel._notes import Pending
from diplorel._panel import Panel, build_panel
from diplorel._panel_periods import Unit
from diplorel._panel_rows import Cell
from diplorel._plot import DayLike, plot_timeline
from diplorel._provenance import provenance
from diplorel._rules import RuleSet
from diplorel._states import StateRegistry
from diplorel.exceptions import InvalidQueryError

__all__ = ["History", "Item", "derived"]


class History:
    """Events and instruments for many dyads, with each dyad's status derivable at any date.

    ``strict=True`` (the default) raises :class:`~diplorel.InvalidTransitionError` on the first
    event the rules refuse, and :class:`~diplorel.StateNotInExistenceError` for an act outside a
    party's existence; ``strict=False`` records each as an :class:`~diplorel.Anomaly` (see
    :attr:`anomalies`) and goes on. Nothing is ever dropped silently.

    ``registry`` resolves every state an item names (default: :func:`~diplorel.default_registry`);
    ``coverage`` declares where the history records every act (see :class:`~diplorel.Coverage`):
    there, no act means a certain "none"; elsewhere the answer before a dyad's first act is
    "no record".

    A history is immutable: :meth:`add` returns a new one that re-derives only the dyads the new
    items touch.
    """

    __slots__ = ("_derived",)

    def __init__(
        self,
        items: Iterable[Item] = (),
        *,
        strict: bool = True,
        rules: RuleSet | None = None,
        registry: StateRegistry | None = None,
        coverage: Iterable[Coverage] = (),
    ) -> None:
        """Validate ``items`` and derive every dyad's timeline."""
        self._derived = Derived(
            items, strict=strict, rules=rules, registry=registry, coverage=coverage
        )

    @classmethod
    def _of(cls, derived: Derived) -> History:
        new = cls.__new__(cls)
        new._derived = derived  # noqa: SLF001 - the same class
        return new

    # Questions ------------------------------------------------------------------------------

    def status(self, a: str, b: str, *, on: QueryLike, known_on: QueryLike | None = None) -> Status:
        """The status of the dyad ``a``-``b`` on a date, as known now or on ``known_on``.

        ``on`` is ISO day text (``"2024-02-14"``), a date, or a time-zone-aware datetime
        (compared with each act in the act's own time zone). ``known_on`` asks what could be
        known on that day: only the records announced or published by then count, with the
        corrections published by then (see :doc:`/concepts/knowledge-time`). Answers are
        cached: asking the same question again costs a dictionary look-up.
        """
        return self._derived.status(a, b, on=on, known_on=known_on)

    def timeline(self, a: str, b: str) -> tuple[Period, ...]:
        """The periods of the dyad's history, in order: one per event.

        Empty when the history holds no event of the dyad. A period before the dyad's first
        act (one that only a state's continuation or a refused act begins) has no record, as
        :meth:`status` says, unless the history covers it.
        """
        return self._derived.timeline(a, b)

    def record(
        self,
        a: str,
        b: str,
        *,
        on: QueryLike,
        dimension: Dimension = Dimension.RELATIONS,
        sender: str | None = None,
    ) -> Record:
        """How the history knows the dyad on a date: recorded, covered, no record, not existing.

        ``dimension`` is what a coverage declaration must vouch for (relations by default);
        ``sender`` asks about one direction of presence (``sender``'s mission at the other).
        """
        return self._derived.record(a, b, on=on, dimension=dimension, sender=sender)

    def events(self, a: str | None = None, b: str | None = None) -> tuple[Event, ...]:
        """Every event in time order; or, given two states, the events of their dyad."""
        return self._derived.events(a, b)

    def pending(self, a: str, b: str) -> tuple[Pending, ...]:
        """Every proposal of the dyad that did not (or not at once) take effect."""
        return self._derived.pending(a, b)

    def resolve(self, a: str, b: str) -> Key:
        """The dyad key for two state references (codes, names or aliases), sorted.

        The key is filed under each state's lineage (a dyad of the Soviet Union is filed
        under RUS, which continues it); two codes of one lineage (SUN and RUS) give their one
        code twice, a key that the questions (``status``, ``timeline``...) refuse with
        :class:`~diplorel.InvalidQueryError`.
        """
        return self._derived.resolve(a, b)

    @property
    def anomalies(self) -> tuple[Anomaly, ...]:
        """Everything the engine flagged, in dyad order.

        Refused events and events outside a party's existence (lenient mode), and overlapping
        exclusive relations and ignored events (notices, both modes).
        """
        return self._derived.anomalies

    @property
    def credit(self) -> CreditLedger:
        """The credit lines: ``h.credit.line(id, on=...)``, ``.between(a, b, on=...)``, ..."""
        return CreditLedger(self._derived)

    def _draws(self, draws: int, seed: int | None, **panel: Any) -> Panel:  # noqa: ANN401
        if isinstance(draws, bool) or not isinstance(draws, int) or draws < 1:
            raise InvalidQueryError(draws, "draws is a whole number of panels, at least 1")
        derived = self._derived
        parts = []
        for rng in seeds(seed, draws):
            drawn = History(
                drawn_items(derived.items, rng),  # type: ignore[arg-type]
                strict=False,
                rules=derived.rules,
                registry=derived.registry,
                coverage=derived.coverage,
            )
            parts.append(drawn.panel(**panel))
        data: dict[str, list[Cell]] = {"draw": []}
        for n, part in enumerate(parts, start=1):
            data["draw"] += [n] * len(part)
            for column, values in part.data.items():
                data.setdefault(column, []).extend(values)
        query = {**parts[0].provenance.get("query", {}), "draws": draws, "seed": seed}
        return Panel(data=data, directed=parts[0].directed, provenance=provenance(derived, query))

    # Many answers at once, and pictures ----------------------------------------------------

    def panel(
        self,
        *,
        years: Iterable[int],
        on: str | None = None,
        directed: bool = False,
        states: Iterable[str] | None = None,
        engine: Engine = DEFAULT_ENGINE,
        known_on: KnownOn = None,
        involving: Iterable[str] | None = None,
        system: System = "all",
        membership: Rule = "last_day",
        codes: str | Iterable[str] | None = None,
        unit: Unit = "year",
        draws: int | None = None,
        seed: int | None = None,
    ) -> Panel:
        """A dyad-year panel: one row per pair of states existing on each year's ``on`` day.

        ``on`` is the day of the year observed (``"MM-DD"``, default ``"12-31"``).
        ``unit="month"`` gives a row per month instead (a ``month`` column after ``year``),
        observed on the day of the month ``on`` (``"DD"``, default the last), ``unit="day"``
        a row per day (``month`` and ``day`` columns); system membership then counts per
        month or day.

        ``directed=True`` gives each pair twice, (a, b) and (b, a); ``states`` limits the panel
        to those states (default: every state in the registry). ``engine="numpy"`` builds the
        columns with array look-ups (numpy needed), ``"python"`` dyad by dyad, ``"auto"`` (the
        default) with numpy for large panels when installed; the values are identical.
        ``known_on`` answers each row from what could be known on a day, or on the row's own
        day with ``"same"`` (the hindsight-free panel for forecasting); it is built in Python.
        ``involving=["CUB"]`` keeps the dyads of those states (with their lineages: RUS
        includes the Soviet Union's rows), without building the others. ``system="cow"`` or
        ``"gw"`` keeps the members of COW's or Gleditsch and Ward's state system, a partial
        year counting by ``membership`` (``"first_day"``, ``"last_day"`` (the default),
        ``"any_day"``, ``"majority"``), as R's ``states`` package does. ``codes=["gwcode",
        "iso3c"]`` adds each side's codes in those systems (``gwcode_a``, ``gwcode_b``, ...:
        ``gwcode``, ``gwc``, ``iso2c``, ``iso3c``, ``iso3n``, ``m49``, ``wb_name``).

        ``draws=20`` (with a ``seed``) stacks 20 panels, each of a drawn history in which every
        imprecisely dated act happened on one day of its span (see :mod:`diplorel._draws`),
        with a ``draw`` column (1 to 20) first: for multiple-imputation regressions.
        """
        if draws is not None:
            return self._draws(
                draws,
                seed,
                years=list(years),
                on=on,
                directed=directed,
                states=None if states is None else list(states),
                engine=engine,
                involving=None if involving is None else list(involving),
                system=system,
                membership=membership,
                codes=codes if codes is None or isinstance(codes, str) else list(codes),
                unit=unit,
            )
        return build_panel(
            self._derived,
            years=years,
            on=on,
            directed=directed,
            states=states,
            engine=engine,
            known_on=known_on,
            involving=involving,
            system=system,
            membership=membership,
            codes=codes,
            unit=unit,
        )

    def bulk_status(
        self,
        a: Sequence[str],
        b: Sequence[str],
        on: Sequence[QueryLike],
        *,
        engine: Engine = DEFAULT_ENGINE,
        known_on: KnownOn = None,
    ) -> BulkStatus:
        """Many as-of questions in one call: the status of ``a[i]``-``b[i]`` on ``on[i]``.

        ``engine="numpy"`` answers with sorted arrays and ``searchsorted`` (numpy needed),
        ``"python"`` by binary search per question; ``"auto"`` takes numpy when installed.
        Both give identical answers. ``known_on`` answers from what could be known on a day
        (or on each question's own day, ``"same"``), in Python.
        """
        if known_on is None and chosen(engine) == "numpy":  # no size threshold: numpy days
            return bulk_numpy(self._derived, a, b, on)
        return bulk_python(self._derived, a, b, on, known_on)

    def network(
        self,
        *,
        on: QueryLike,
        known_on: QueryLike | None = None,
        states: Iterable[str] | None = None,
    ) -> Network:
        """Who represents whom on a date: a directed graph among the states existing then.

        An edge runs from a sender to the state it is represented in, with the level of who
        is there (COW), the mission, the class agreed, a protecting power and certainty;
        ``to_pandas()`` and ``to_networkx()`` hand it on. ``states`` limits the nodes;
        ``known_on`` asks what could be known on that day.
        """
        return build_network(self._derived, on=on, known_on=known_on, states=states)

    @overload
    def plot_timeline(
        self,
        a: str,
        b: str,
        *,
        start: DayLike = None,
        end: DayLike = None,
        width: int = 900,
        format: Literal["svg"] = "svg",
        scale: float = 2.0,
    ) -> str: ...
    @overload
    def plot_timeline(
        self,
        a: str,
        b: str,
        *,
        start: DayLike = None,
        end: DayLike = None,
        width: int = 900,
        format: Literal["png"],
        scale: float = 2.0,
    ) -> bytes: ...
    def plot_timeline(
        self,
        a: str,
        b: str,
        *,
        start: DayLike = None,
        end: DayLike = None,
        width: int = 900,
        format: Literal["svg", "png"] = "svg",  # noqa: A002 - the word plotting libraries use
        scale: float = 2.0,
    ) -> str | bytes:
        """The dyad's history as a chart for print: SVG text, or PNG bytes (``format="png"``).

        Lanes: relations, who heads each side's mission (a triangle for each new head),
        missions, protecting powers, trade offices and credit lines; Okabe-Ito colours, a
        legend of the categories drawn, imprecise dates hatched. ``start`` and ``end`` (a
        year, ISO day text or a date) bound the axis: by default from the first event's year
        to today. ``width`` is in pixels (default 900). A PNG is ``scale`` times the SVG's size
        and needs the ``png`` extra (``pip install 'diplorel[png]'``), else
        :class:`~diplorel.MissingExtraError`.
        """
        return plot_timeline(
            self._derived, a, b, start=start, end=end, width=width, format=format, scale=scale
        )

    # What the history was built from --------------------------------------------------------

    @property
    def items(self) -> tuple[Item, ...]:
        """The events and instruments the history was built from, as given."""
        return self._derived.items

    @property
    def dyads(self) -> tuple[Key, ...]:
        """The dyads that have events, sorted."""
        return self._derived.dyads

    @property
    def strict(self) -> bool:
        """Whether invalid transitions raise (True) or become anomalies (False)."""
        return self._derived.strict

    @property
    def rules(self) -> RuleSet:
        """The rule set the history is derived with."""
        return self._derived.rules

    @property
    def registry(self) -> StateRegistry:
        """The state registry the history resolves states with."""
        return self._derived.registry

    @property
    def coverage(self) -> tuple[Coverage, ...]:
        """The history's coverage declarations: where no act means a certain "none"."""
        return self._derived.coverage

    # Changes --------------------------------------------------------------------------------

    def add(self, *items: Item) -> History:
        """A new history with ``items`` added; only the dyads they touch are re-derived.

        Adding instruments, credit-line or lifecycle events rebuilds the whole history (they
        can touch many dyads); adding relation events re-derives only their dyads, from the
        first event that moved (a back-dated insert keeps everything before it).
        """
        return History._of(self._derived.with_items(*items))

    def as_strict(self) -> History:
        """This history in strict mode, if nothing in it was refused; else raise the refusal.

        Raises :class:`~diplorel.InvalidTransitionError` or
        :class:`~diplorel.StateNotInExistenceError` as a strict build would.
        """
        found = self._derived.as_strict()
        return self if found is self._derived else History._of(found)

    def __len__(self) -> int:
        """How many items (events and instruments) the history holds."""
        return len(self._derived.items)

    def __eq__(self, other: object) -> bool:
        """Equal when built alike: items, mode, rules, coverage and registry.

        The registry counts: it decides what the items' state names mean.
        """
        if not isinstance(other, History):
            return NotImplemented
        return self._derived.same_as(other._derived)

    __hash__ = None  # type: ignore[assignment] # a history holds caches; compare, don't hash

    def __iter__(self) -> Iterator[Item]:
        """The items, as given."""
        return iter(self._derived.items)

    def __repr__(self) -> str:
        """``History(12 items, 3 dyads, strict)``."""
        return f"History({self._derived.summary})"


def derived(history: History) -> Derived:
    """The derived index behind a history, for the package's own modules (CLI, importers).

    Not public API: users ask the history itself.
    """
    return history._derived  # noqa: SLF001 - the facade's one way in for the package
