"""Interval tables: each dyad's answers as spans of days over which every column holds.

A dyad's answer can change only on certain days: the first and last day on which each of its
acts may have happened and the day by which all acts up to one had happened, the days its
states began, ended or changed their code (SUN to RUS), the days a coverage declaration starts
and stops vouching for it, the days of its credit lines, and the first day of a year in which
a representative's COW level is coded differently (1950-1965, a long interim). Between two
such days every answer holds. An interval table has one row per dyad and span: the dyad, its
two states as named in the span (in order, as a panel orders them), ``valid_from`` (the
span's first day) and ``valid_to`` (the first day after it: **exclusive**; empty for the
last, open span), then the answer columns of a panel row (:data:`ANSWERS`: a panel's
definition, and its cells) and ``alternatives``. Every day falls in exactly one span of a
dyad: its first span starts on :data:`FIRST_DAY`. So any engine answers a day without
diplorel, by an as-of join: the row of the pair with the latest ``valid_from`` on or before
the day.

A span inside an imprecisely dated act is not ``certain``; its ``alternatives`` are the
diplomatic statuses of the other states the fold reports for it (those of
:attr:`diplorel.Status.alternatives`, ``;``-separated; the row's own status where the act in
doubt changes something else, as KOR's trade office opened in October 2005 below), None in a
certain span. The table is the history as known now, by calendar day: an act timed within a
day counts from its day (:meth:`History.status <diplorel.History.status>` asked at an instant
can differ on that day).

>>> import diplorel as dr
>>> t = dr.intervals(dr.default_history(), dyads=[("CUB", "KOR")])
>>> for r in t.rows():
...     if "1945" < str(r["valid_from"]) < "2024-12-31":
...         print(r["valid_from"], r["valid_to"], r["diplomatic"], r["certain"], r["alternatives"])
1948-08-15 1949-01-01 no_record True None
1949-01-01 1949-07-12 no_record False established
1949-07-12 1949-12-31 none False established
1949-12-31 1959-01-01 established True None
1959-01-01 1960-12-31 established False severed
1960-12-31 2005-01-01 severed True None
2005-01-01 2005-10-01 severed True None
2005-10-01 2005-10-31 severed False severed
2005-10-31 2024-02-14 severed True None
2024-02-14 2025-01-07 established True None
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import combinations
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs
import pendulum

from diplorel._coverage import Coverage
from diplorel._dates import FuzzyDate, When
from diplorel._history import History, derived
from diplorel._keys import Key
from diplorel._panel import write_csv
from diplorel._panel_arrow import arrow, to_arrow, write_parquet
from diplorel._panel_columns import pandas_column
from diplorel._panel_periods import LABELS
from diplorel._panel_rows import (
    COLUMNS,
    Cell,
    DyadActs,
    acts_now,
    level_of,
    missions_of,
    record_cells,
    ties_of,
)
from diplorel._provenance import provenance, write_sidecar
from diplorel._representation import DEFAULT_CONVENTIONS, EARLY_PERIOD, code_in, coding
from diplorel._states import State
from diplorel._status import DyadState, Level
from diplorel.exceptions import InvalidQueryError, MissingExtraError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa  # type: ignore[import-untyped]

    from diplorel._view import HistoryView

IntervalCell: TypeAlias = Cell | dt.date
"""A cell of an interval table: a panel cell (:data:`~diplorel._panel_rows.Cell`) or a day."""

FIRST_DAY = pendulum.Date(1, 1, 1)
"""The first day of every dyad's first span (the first day diplorel dates, as an open start)."""
_LAST_DAY = pendulum.Date(9999, 12, 31)
_ONE_DAY = dt.timedelta(days=1)

_NOT_ANSWERS = frozenset({*LABELS["day"], "state_a", "state_b", "ccode_a", "ccode_b", "events"})
"""A panel row's columns that are not a dyad's answer on a day: the period's labels and the
count of its acts belong to a period, the COW codes to the registry."""
ANSWERS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in _NOT_ANSWERS)
"""The answer columns, each as a panel row has it (:data:`~diplorel._panel_rows.COLUMNS`)."""
DATES = ("valid_from", "valid_to")
"""The columns of days: a span's first day, and the first day after it (None: open)."""
INTERVAL_COLUMNS: tuple[str, ...] = ("dyad", "state_a", "state_b", *DATES, *ANSWERS, "alternatives")
"""An interval table's columns: ``dyad`` is the pair as filed (``RUS-USA`` for the Soviet
Union's spans too), ``state_a`` and ``state_b`` the two states as named in the span, in
order (``SUN``, ``USA``)."""


@attrs.frozen
class Intervals:
    """Each dyad's answers as spans of days, held as columns (lists of equal length).

    One row per dyad and span over which every answer holds; ``valid_to`` is exclusive (the
    first day the row no longer holds) and None for a span still open. Made by
    :func:`~diplorel.intervals`.
    """

    data: Mapping[str, list[IntervalCell]] = attrs.field(repr=False)
    provenance: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)
    """What the table was built from and how (see :attr:`diplorel.Panel.provenance`)."""

    @property
    def columns(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(self.data)

    def __len__(self) -> int:
        """The number of rows."""
        return len(self.data["dyad"])

    def rows(self) -> Iterator[dict[str, IntervalCell]]:
        """The rows, as dicts."""
        names = self.columns
        for values in zip(*(self.data[c] for c in names), strict=True):
            yield dict(zip(names, values, strict=True))

    def to_pandas(self) -> pd.DataFrame:
        """A pandas DataFrame (needs the extra ``diplorel[pandas]``).

        The answer columns typed as a panel's (:meth:`diplorel.Panel.to_pandas`), the days as
        ``datetime64[s]`` (which holds :data:`FIRST_DAY`), an open ``valid_to`` as ``NaT``.
        """
        try:
            import numpy as np  # noqa: PLC0415 - optional dependency (pandas brings it)
            import pandas as pd  # noqa: PLC0415
        except ImportError:  # pragma: no cover - exercised without pandas installed
            raise MissingExtraError(
                "Intervals.to_pandas", extra="pandas", package="pandas"
            ) from None
        columns: dict[str, Any] = {}
        for name, values in self.data.items():
            if name in DATES:
                days = [None if d is None else str(d) for d in values]
                columns[name] = np.asarray(days, dtype="datetime64[D]").astype("datetime64[s]")
            else:
                columns[name] = pandas_column(pd, name, values)  # type: ignore[arg-type]
        return pd.DataFrame(columns)

    def to_arrow(self) -> pa.Table:
        """An Arrow table (needs the extra ``diplorel[arrow]``).

        The answer columns typed as a panel's (:meth:`diplorel.Panel.to_arrow`), the days as
        ``date32``, an open ``valid_to`` null; the provenance, as JSON, in the schema's
        metadata under ``b"diplorel.provenance"``.
        """
        pa = arrow("Intervals.to_arrow")
        cells = {c: v for c, v in self.data.items() if c not in DATES}
        table = to_arrow(cells, self.provenance)  # type: ignore[arg-type]
        for name in DATES:
            days = pa.array(self.data[name], type=pa.date32())
            table = table.add_column(self.columns.index(name), name, days)
        return table

    def to_parquet(self, path: str | os.PathLike[str]) -> int:
        """Write the table as a Parquet file (atomically); return the number of rows.

        The file holds its provenance in its schema's metadata (see :meth:`to_arrow`); needs
        the extra ``diplorel[arrow]``.
        """
        write_parquet(self.to_arrow(), path)
        return len(self)

    def to_csv(self, path: str | os.PathLike[str], *, sidecar: bool = True) -> int:
        """Write the table as CSV (atomically); return the number of rows.

        Days as ``YYYY-MM-DD``, an open ``valid_to`` and other missing values as empty
        cells; beside it ``<path>.provenance.json`` (unless ``sidecar=False``).
        """
        count = write_csv(self.rows(), path)
        if sidecar and self.provenance:
            write_sidecar(path, self.provenance)
        return count


def intervals(
    history: History,
    *,
    states: Iterable[str] | None = None,
    dyads: Iterable[tuple[str, str]] | None = None,
) -> Intervals:
    """Each dyad's answers as spans of days: the interval table (see :class:`Intervals`).

    The dyads of every pair of ``states`` (default: every state in the history's registry),
    or of the pairs ``dyads`` (state references; give one of the two). A dyad is the pair as
    filed: the Soviet Union's pairs and the Russian Federation's are one dyad, whose spans
    name the states as they were named then. Rows are sorted by dyad, then day.

    >>> import diplorel as dr
    >>> t = dr.intervals(dr.default_history(), states=["RUS", "SUN", "USA"])
    >>> [(r["dyad"], r["state_a"], str(r["valid_from"]), r["diplomatic"]) for r in t.rows()
    ...  if str(r["valid_from"]) in ("1922-12-30", "1991-12-26")]
    [('RUS-USA', 'SUN', '1922-12-30', 'suspended'), ('RUS-USA', 'RUS', '1991-12-26', 'established')]
    """
    view = derived(history)
    registry = view.registry
    if dyads is not None:
        if states is not None:
            raise InvalidQueryError(states, "give states or dyads, not both")
        pairs = [(a, b) for a, b in dyads]
        keys = {view.dyad(a, b) for a, b in pairs}
        asked: dict[str, Any] = {"dyads": [list(p) for p in pairs]}
    else:
        codes = (
            sorted({registry.resolve(s, where="states") for s in states})
            if states is not None
            else sorted(s.code for s in registry)
        )
        keys = {
            view.key(a, b)
            for a, b in combinations(codes, 2)
            if view.filed_as(a) != view.filed_as(b)
        }
        asked = {"states": None if states is None else codes}
    query = {
        "table": "dyad intervals",
        **asked,
        "valid_to": "exclusive",
        "first_day": str(FIRST_DAY),
    }
    return Intervals(data=build_columns(view, sorted(keys)), provenance=provenance(view, query))


class _Sources:
    """What may change the answers of many dyads, gathered once: lineages and coverage."""

    def __init__(self, history: HistoryView) -> None:
        self.members: dict[str, list[State]] = {}
        for state in history.registry:
            self.members.setdefault(history.filed_as(state.code), []).append(state)
        self.coverage: dict[str, list[Coverage]] = {}
        for c in history.coverage:
            self.coverage.setdefault(history.filed_as(c.state), []).append(c)
        self.filed_as = history.filed_as

    def covering(self, key: Key) -> Iterator[Coverage]:
        """The declarations that name the dyad (by its lineages)."""
        for code in key:
            for c in self.coverage.get(code, ()):
                if c.partner is None or self.filed_as(c.partner) in key:
                    yield c


def build_columns(history: HistoryView, keys: Sequence[Key]) -> dict[str, list[IntervalCell]]:
    """The interval table's columns for the dyads ``keys`` (sorted), dyad by dyad."""
    data: dict[str, list[IntervalCell]] = {c: [] for c in INTERVAL_COLUMNS}
    sources = _Sources(history)
    first = INTERVAL_COLUMNS.index(DATES[1]) + 1
    cell_columns = [data[c] for c in INTERVAL_COLUMNS[first:]]
    for key in keys:
        spans = dyad_spans(history, key, sources)
        dyad = f"{key[0]}-{key[1]}"
        ends: list[dt.date | None] = [day for day, _ in spans[1:]]
        ends.append(None)
        for (day, (a, b, cells)), end in zip(spans, ends, strict=True):
            data["dyad"].append(dyad)
            data["state_a"].append(a)
            data["state_b"].append(b)
            data["valid_from"].append(day)
            data["valid_to"].append(end)
            for column, value in zip(cell_columns, cells, strict=True):
                column.append(value)
    return data


_Row: TypeAlias = tuple[str, str, tuple[Cell, ...]]
"""A span's two states as named in it and its cells (:data:`ANSWERS`, then ``alternatives``)."""


def dyad_spans(
    history: HistoryView, key: Key, sources: _Sources | None = None
) -> list[tuple[pendulum.Date, _Row]]:
    """A dyad's spans: the first day of each and its row, consecutive rows all different."""
    sources = _Sources(history) if sources is None else sources
    days = sorted(d for d in _changes(history, key, sources) if d > FIRST_DAY)
    acts = acts_now(history, key)
    spans: list[tuple[pendulum.Date, _Row]] = []
    for i, day in enumerate([FIRST_DAY, *days]):
        until = days[i] if i < len(days) else None
        row, state = _row(history, key, day, acts)
        if not spans or spans[-1][1] != row:
            spans.append((day, row))
        # the state holds until the next day of change; a level may still change with the year
        for year in _level_years(state, day.year, None if until is None else until - _ONE_DAY):
            at = pendulum.Date(year, 1, 1)
            row, _ = _row(history, key, at, acts)
            if spans[-1][1] != row:
                spans.append((at, row))
    return spans


def _row(
    history: HistoryView, key: Key, day: pendulum.Date, acts: DyadActs
) -> tuple[_Row, DyadState]:
    """The dyad's row on ``day``, and its state then.

    The row: the dyad's states as named on the day, and each answer as a panel has it.
    """
    when = When(day=day)
    state, certain = history.state_at_key(key, when)
    a, b = sorted(state.dyad)
    coverage, _ = record_cells(acts, state, (day, day))
    cells: dict[str, Cell] = {
        "diplomatic": state.diplomatic.value,
        "consular": state.consular.value,
        "level_a": level_of(state, a, day.year),
        "level_b": level_of(state, b, day.year),
        "missions_a": missions_of(state, a),
        "missions_b": missions_of(state, b),
        "economic_ties": ties_of(history, key, state, (a, b), when),
        "certain": certain,
        "coverage": coverage,
    }
    alternatives = None
    if not certain:
        others = history.status(a, b, on=when).alternatives
        alternatives = ";".join(dict.fromkeys(x.diplomatic.value for x in others))
    return (a, b, (*(cells[c] for c in ANSWERS), alternatives)), state


def _changes(history: HistoryView, key: Key, sources: _Sources) -> set[pendulum.Date]:
    """Every day on which the dyad's answer may change (a superset; see the module)."""
    timeline = history.timeline_of(key)
    days = {*timeline.earliest, *timeline.latest, *timeline.settled}
    days.update(d for d in timeline.window if d is not None)
    for code in key:  # existence, and the codes a lineage goes by (SUN, then RUS)
        for state in sources.members.get(code, ()):
            days.update(d for d in (state.begins_on, state.ends_on) if d is not None)
    for c in sources.covering(key):
        days.update(_coverage_days(c))
    if history.has_credit_lines(key):
        for line in history.credit_lines(*key, on=_LAST_DAY):
            for fuzzy in (line.opened_on, line.available_until, line.matures_on):
                days.update(_fuzzy_days(fuzzy))
            for event in line.events:
                days.update(_fuzzy_days(event.on))
    return days


def _after(day: pendulum.Date) -> set[pendulum.Date]:
    return {day, day + _ONE_DAY} if day < _LAST_DAY else {day}


def _fuzzy_days(date: FuzzyDate | None) -> set[pendulum.Date]:
    """The days on which something dated ``date`` may start or stop counting."""
    if date is None:
        return set()
    return {*_after(date.earliest), *_after(date.latest), *date.stated}


def _coverage_days(c: Coverage) -> set[pendulum.Date]:
    """The days on which a declaration starts or stops vouching (see ``Coverage.covers``)."""
    days: set[pendulum.Date] = set()
    for day in c.days:
        days |= _after(day)
    for fuzzy in (c.since, c.until):
        if fuzzy is not None:
            for day in fuzzy.stated:
                days |= _after(day)
    return days


def _level_years(state: DyadState, first: int, last: pendulum.Date | None) -> list[int]:
    """The years that code a level of ``state`` differently from the year before.

    Those after ``first``, up to ``last``'s (None: on); see
    :func:`~diplorel._representation.code_in`.
    """
    years: set[int] = set()
    for sender in state.dyad:
        if not state.presence_known_of(sender):
            continue
        coded = coding(
            state.mission(sender),
            state.heads.get(sender),
            state.agreed.get(sender, Level.NONE),
            DEFAULT_CONVENTIONS,
        )
        # code_in changes no more after the early period and the end of a long interim
        limit = DEFAULT_CONVENTIONS.long_interim or 0
        settled = max(EARLY_PERIOD[1], coded.interim_since + limit) + 1
        stop = settled if last is None else min(last.year, settled)
        codes = [code_in(coded, y) for y in range(first, stop + 1)]
        years.update(first + i for i in range(1, len(codes)) if codes[i] != codes[i - 1])
    return sorted(years)
