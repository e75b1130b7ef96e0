"""The numpy path of dyad-year panels: the same columns, built with array look-ups.

Every timeline is laid end to end in sorted arrays once (see :mod:`diplorel._bulk`); a year's
rows are then two ``searchsorted`` calls. Rows the arrays cannot answer exactly (inside an
imprecise span, or a dyad with credit lines) are answered by the Python path, so the panel is
identical to the pure-Python one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pendulum

from diplorel._bulk import arrays_of
from diplorel._coverage import PRESENCE_ACT, RELATIONS_ACT, Record
from diplorel._dates import When
from diplorel._keys import DAY_BITS, packed
from diplorel._panel_columns import Shape, columns, state_codes
from diplorel._panel_periods import LABELS, Period
from diplorel._panel_rows import (
    COLUMNS,
    acts_now,
    alive_on,
    level_of,
    missions_of,
    names_in,
    record_cells,
    ties_of,
)

if TYPE_CHECKING:
    from diplorel._states import State
    from diplorel._view import HistoryView


class _RowTable:
    """For each row of the bulk arrays: the panel values in the dyad key's order."""

    def __init__(self, history: HistoryView) -> None:
        arrays = arrays_of(history)
        self.arrays = arrays
        diplomatic, consular, miss_1, miss_2, trade = [], [], [], [], []
        for state in arrays.states:
            first, second = state.dyad
            diplomatic.append(state.diplomatic.value)
            consular.append(state.consular.value)
            miss_1.append(missions_of(state, first))
            miss_2.append(missions_of(state, second))
            trade.append(state.has_trade_office)
        self.diplomatic = np.asarray(diplomatic, dtype=object)
        self.consular = np.asarray(consular, dtype=object)
        self.missions = (np.asarray(miss_1, dtype=object), np.asarray(miss_2, dtype=object))
        self.trade = np.asarray(trade, dtype=bool)
        acts = [
            packed(n, day)
            for key, n in arrays.dyad_id.items()
            for day in acts_now(history, key).days
        ]
        self.acts = np.sort(np.asarray(acts, dtype=np.int64))
        """The counted acts of every dyad (:func:`~diplorel._panel_rows.acts_of`), packed."""


def _pair_matrices(history: HistoryView, codes: list[str]) -> tuple[Any, Any, Any, Any]:
    """For every ordered pair of codes: dyad id (-1: none), swap, credit, coverage.

    The dyad's id in the arrays, whether the pair is filed the other way round, whether it
    has credit lines (or an end touches it), and whether a coverage declaration names it
    (then silence may be a certain none).
    """
    arrays = arrays_of(history)
    n = len(codes)
    dyad = np.full((n, n), -1, dtype=np.int64)
    swap = np.zeros((n, n), dtype=bool)
    credit = np.zeros((n, n), dtype=bool)
    covered = np.zeros((n, n), dtype=bool)
    at = {c: i for i, c in enumerate(codes)}
    lineage: dict[str, list[int]] = {}
    for i, code in enumerate(codes):
        lineage.setdefault(history.filed_as(code), []).append(i)
    for declared in history.coverage:
        state, partner = declared.state, declared.partner
        rows = lineage.get(history.filed_as(state), [at[state]] if state in at else [])
        if partner is None:
            covered[rows, :] = covered[:, rows] = True
            continue
        cols = lineage.get(history.filed_as(partner), [])
        for r in rows:
            covered[r, cols] = covered[cols, r] = True
    filed = [history.filed_as(c) for c in codes]
    ending = history.lifecycle_states()
    for i in range(n):
        for j in range(n):
            if filed[i] == filed[j]:
                continue
            key = history.key(codes[i], codes[j])
            dyad[i, j] = found = arrays.dyad_id.get(key, -1)
            swap[i, j] = filed[i] != key[0]
            # Exact path: credit lines, or a dyad without events that a state's end touches.
            implied = found < 0 and (key[0] in ending or key[1] in ending)
            credit[i, j] = history.has_credit_lines(key) or implied
    return dyad, swap, credit, covered


def build_columns(
    history: HistoryView, states: list[str], spans: list[Period], shape: Shape
) -> dict[str, list[Any]]:
    """The panel's columns, as lists, for the periods ``spans`` and the states ``states``.

    ``shape``: which states each period keeps (see :mod:`diplorel._membership`), the codes to
    add (see :mod:`diplorel._panel_columns`), the labels of the periods, the direction.
    """
    derived = arrays_of(history).derived
    table = derived.get("panel rows")
    if table is None:  # built once per history, like the arrays it reads
        table = derived["panel rows"] = _RowTable(history)
    arrays = table.arrays
    index = {c: i for i, c in enumerate(states)}
    dyad_m, swap_m, credit_m, covered_m = _pair_matrices(history, states)
    parts: dict[str, list[Any]] = {c: [] for c in columns(shape.codes, shape.unit)}
    for period in spans:
        day = period.day
        alive = alive_on(
            history, states, day, shape.system, shape.rule, during=(period.start, period.end)
        )
        if len(alive) < 2:  # noqa: PLR2004 - a pair needs two states
            continue
        g = np.asarray([index[c] for c in alive], dtype=np.int64)
        ia, ib = np.triu_indices(len(alive), 1)
        ga, gb = g[ia], g[ib]
        dyad, swap, credit = dyad_m[ga, gb], swap_m[ga, gb], credit_m[ga, gb]
        query = (np.maximum(dyad, 0) << DAY_BITS) | day.toordinal()
        pos = np.searchsorted(arrays.earliest, query, side="right") - 1
        settled = np.searchsorted(arrays.settled, query, side="right") - 1
        known = dyad >= 0
        pos = np.where(known, pos, arrays.none_row)
        certain = ~known | (pos == settled)
        first_a = ~swap
        level_1, level_2 = arrays.levels(pos, np.full(len(pos), day.year, dtype=np.int64))
        cols: dict[str, Any] = {
            label: np.full(len(ia), value, dtype=np.int64)
            for label, value in zip(LABELS[shape.unit], period.labels, strict=True)
        }
        cols |= {
            "state_a": np.asarray(alive, dtype=object)[ia],
            "state_b": np.asarray(alive, dtype=object)[ib],
            "diplomatic": table.diplomatic[pos],
            "consular": table.consular[pos],
            "level_a": np.where(first_a, level_1, level_2),
            "level_b": np.where(first_a, level_2, level_1),
            "missions_a": np.where(first_a, table.missions[0][pos], table.missions[1][pos]),
            "missions_b": np.where(first_a, table.missions[1][pos], table.missions[0][pos]),
            "economic_ties": table.trade[pos],
            "certain": certain,
        }
        _code_columns(cols, [history.registry.get(c) for c in alive], (ia, ib), day, shape.codes)
        for k in _OBJECTS:
            cols[k] = cols[k].astype(object)
        acted = arrays.acted[pos]
        unknown = acted < RELATIONS_ACT
        exact = ~certain | credit
        # where coverage may make silence a certain none: exactly; elsewhere no record
        covered = covered_m[ga, gb]
        exact |= unknown & covered
        silent = unknown & ~covered
        for k in ("diplomatic", "consular"):
            cols[k][silent] = "no_record"
        nobody_known = silent & (acted < PRESENCE_ACT)
        for k in ("level_a", "level_b", "missions_a", "missions_b", "economic_ties"):
            cols[k][nobody_known] = None
        counted = (period.first, day)
        cols["coverage"], cols["events"] = _record_columns(table.acts, dyad, silent, counted)
        _exact(history, cols, np.flatnonzero(exact), counted)
        _append(parts, cols, directed=shape.directed)
    return parts


def _code_columns(
    cols: dict[str, Any],
    registered: list[State],
    pairs: tuple[Any, Any],
    day: pendulum.Date,
    codes: tuple[str, ...],
) -> None:
    """The COW codes and the ``codes`` asked for of each side of the ``pairs`` (indices)."""
    ia, ib = pairs
    ccodes = np.asarray([s.cow_code(day) for s in registered], dtype=object)
    cols["ccode_a"], cols["ccode_b"] = ccodes[ia], ccodes[ib]
    coded = state_codes(registered, day, codes)
    for i, code in enumerate(codes):
        found = np.asarray([coded[s.code][i] for s in registered], dtype=object)
        cols[f"{code}_a"], cols[f"{code}_b"] = found[ia], found[ib]


def _record_columns(
    acts: Any,  # noqa: ANN401 - numpy arrays
    dyad: Any,  # noqa: ANN401
    silent: Any,  # noqa: ANN401
    period: tuple[pendulum.Date, pendulum.Date],
) -> tuple[Any, Any]:
    """``coverage`` and ``events`` where an act on relations applies, or nothing does.

    The rest is answered exactly (:func:`_exact`); the acts are counted by the last day of
    their spans (see :func:`~diplorel._panel_rows.acts_of`).
    """
    coverage = np.where(silent, _NO_RECORD, _RECORDED).astype(object)
    base = np.maximum(dyad, 0) << DAY_BITS
    lo = np.searchsorted(acts, base | period[0].toordinal(), side="left")
    hi = np.searchsorted(acts, base | period[1].toordinal(), side="right")
    events = np.where(dyad >= 0, hi - lo, 0).astype(object)
    events[silent] = None
    return coverage, events


_OBJECTS = tuple(
    c for c in COLUMNS if c not in {"year", "ccode_a", "ccode_b", "certain", "coverage", "events"}
)
"""Columns that may hold None (no record) or text: object arrays."""
_RECORDED, _NO_RECORD = Record.RECORDED.value, Record.NO_RECORD.value


def _exact(
    history: HistoryView,
    cols: dict[str, Any],
    rows: Any,  # noqa: ANN401 - a numpy array
    period: tuple[pendulum.Date, pendulum.Date],
) -> None:
    """Answer the given rows by the Python path (imprecise spans, credit lines, coverage)."""
    day = period[1]
    when = When(day=day)
    for r in rows.tolist():
        a, b = cols["state_a"][r], cols["state_b"][r]
        key = history.key(a, b)
        state, certain = history.state_at_key(key, when)
        na, nb = names_in(state, a, b)
        cols["diplomatic"][r] = state.diplomatic.value
        cols["consular"][r] = state.consular.value
        cols["level_a"][r] = level_of(state, na, day.year)
        cols["level_b"][r] = level_of(state, nb, day.year)
        cols["missions_a"][r] = missions_of(state, na)
        cols["missions_b"][r] = missions_of(state, nb)
        cols["economic_ties"][r] = ties_of(history, key, state, (a, b), when)
        cols["certain"][r] = certain
        cols["coverage"][r], cols["events"][r] = record_cells(acts_now(history, key), state, period)


def _append(parts: dict[str, list[Any]], cols: dict[str, Any], *, directed: bool) -> None:
    """Add a period's rows; directed, each pair then the pair the other way round."""
    if not directed:
        for k, values in parts.items():
            values.extend(cols[k].tolist())
        return
    for k, values in parts.items():
        # the other side's column: state_a for state_b, gwcode_b for gwcode_a
        other = k[:-1] + ("b" if k[-1] == "a" else "a") if k.endswith(("_a", "_b")) else k
        both = np.empty(2 * len(cols[k]), dtype=cols[k].dtype)
        both[0::2] = cols[k]
        both[1::2] = cols[other]
        values.extend(both.tolist())
