"""diplorel benchmark suite: every workload, each with its baseline measured in the same run.

    python benchmarks/run.py [--size smoke|medium|full] [--out benchmarks/results/<size>.json]

Prints a Markdown table and writes the same figures as JSON. Each figure is the median of
several runs; each ratio is against a baseline measured in the same process, on the same data,
that does the same work: the same output columns (certainty included) from the same inputs
(state codes and dates, not precomputed integer ids). numpy, pandas and orjson are optional: a
workload whose baseline needs a missing package is reported as skipped, and one whose diplorel
API does not exist yet as "not available". The targets are those of the fast-core issue (see
``benchmarks/README.md``); every other row is ``info``.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import enum
import gc
import importlib.metadata
import inspect
import json
import os
import platform
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import tracemalloc
import types
import typing
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from itertools import combinations
from pathlib import Path
from typing import Any

import attrs
import pendulum

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402 - the generator sits next to this script

import diplorel as dr  # noqa: E402
from diplorel import _engine  # noqa: E402 - baselines fold with diplorel's own rules
from diplorel._events import Event  # noqa: E402
from diplorel._representation import DEFAULT_CONVENTIONS, code_in, coding  # noqa: E402
from diplorel._rules import RuleSet, rule  # noqa: E402

Key = tuple[str, str]


@rule(Event, citation="benchmark baseline: a rule that changes nothing")
def _NOTHING(state: object, _event: object) -> object:  # noqa: N802 - a rule, named like one
    """Change nothing."""
    return state


# Sizes -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Size:
    states: int
    dyads: int | None
    events: int
    queries: int
    refold_queries: int
    growth_dyads: int
    bulk_queries: int
    panel_states: int
    panel_events: int
    panel_years: tuple[int, int]
    repeats: int
    big_repeats: int
    """Repeats for the slowest workloads (whole-history builds, loads)."""
    import_runs: int
    known_queries: int
    """Point queries per run of the knowledge-time workload (a first use folds a view)."""
    info_queries: int
    """Questions for the info rows that loop in Python (ISO dates, bulk pure Python, loop)."""
    info_repeats: int
    """Repeats for the slow info rows (no target: a whole-history build, a pure-Python panel)."""


SIZES = {
    "smoke": Size(  # seconds: CI runs it so that the suite never rots; figures mean nothing
        states=20,
        dyads=None,
        events=4_000,
        queries=2_000,
        refold_queries=200,
        growth_dyads=2,
        bulk_queries=2_000,
        panel_states=12,
        panel_events=1_000,
        panel_years=(1990, 2024),
        repeats=2,
        big_repeats=1,
        import_runs=2,
        known_queries=500,
        info_queries=1_000,
        info_repeats=1,
    ),
    "medium": Size(
        states=64,
        dyads=None,  # all 2,016 pairs of the 64 longest-lived states
        events=100_000,
        queries=100_000,
        refold_queries=5_000,
        growth_dyads=200,
        bulk_queries=100_000,
        panel_states=64,
        panel_events=20_000,
        panel_years=(1816, 2024),
        repeats=3,
        big_repeats=3,
        import_runs=7,
        known_queries=20_000,
        info_queries=50_000,
        info_repeats=2,
    ),
    "full": Size(
        states=223,  # the registry has too few long-lived states for 19,900 dyads of 200
        dyads=19_900,
        events=1_000_000,
        queries=300_000,  # per-query figures: a million would only take longer
        refold_queries=20_000,
        growth_dyads=400,
        bulk_queries=1_000_000,
        panel_states=223,
        panel_events=200_000,
        panel_years=(1816, 2024),
        repeats=3,
        big_repeats=3,
        import_runs=11,
        known_queries=50_000,
        info_queries=100_000,
        info_repeats=1,
    ),
}

# Rows ------------------------------------------------------------------------------------------


@dataclass
class Row:
    workload: str
    measure: str
    value: float | None
    unit: str
    baseline: str = ""
    baseline_value: float | None = None
    ratio: float | None = None
    target: str = ""
    passed: bool | None = None
    note: str = ""
    runs: list[float] = field(default_factory=list)
    baseline_runs: list[float] = field(default_factory=list)

    @property
    def result(self) -> str:
        if self.value is None:
            return "skipped" if "missing" in self.note else "n/a"
        if self.passed is None:
            return "info"
        return "pass" if self.passed else "MISS"


def target_row(  # noqa: PLR0917 - the row's fields, in table order
    workload: str,
    measure: str,
    value: float,
    unit: str,
    baseline: str,
    baseline_value: float,
    limit: float,
    *,
    ratio: float | None = None,
    note: str = "",
    runs: list[float] | None = None,
    baseline_runs: list[float] | None = None,
) -> Row:
    """A row with a ratio target: ``ratio`` (default value / baseline) ≤ ``limit``."""
    r = value / baseline_value if ratio is None else ratio
    return Row(
        workload,
        measure,
        value,
        unit,
        baseline,
        baseline_value,
        r,
        f"≤ {limit:g}x",
        r <= limit,
        note,
        runs or [],
        baseline_runs or [],
    )


def info_row(  # noqa: PLR0917 - the row's fields, in table order
    workload: str,
    measure: str,
    value: float | None,
    unit: str,
    baseline: str = "",
    baseline_value: float | None = None,
    *,
    ratio: float | None = None,
    earlier: str = "",
    note: str = "",
    runs: list[float] | None = None,
) -> Row:
    """A row without a target (``earlier``: the aim it had before the fast-core targets)."""
    if ratio is None and value is not None and baseline_value:
        ratio = value / baseline_value
    notes = [n for n in (f"earlier aim: {earlier}" if earlier else "", note) if n]
    return Row(
        workload,
        measure,
        value,
        unit,
        baseline,
        baseline_value,
        ratio,
        "",
        None,
        "; ".join(notes),
        runs or [],
    )


def _fmt(x: float | None, unit: str = "") -> str:  # noqa: PLR0911 - one per unit
    if x is None:
        return "-"
    if unit in {"events/s", "rows/s", "queries/s"}:
        return f"{x:,.0f} {unit}"
    if unit == "µs":
        return f"{x:.2f} µs"
    if unit == "s":
        return f"{x:.3f} s" if x < 10 else f"{x:.1f} s"
    if unit == "ms":
        return f"{x:.2f} ms"
    if unit == "MB":
        return f"{x:,.1f} MB"
    if unit in {"B/event", "events", "rows"}:
        return f"{x:,.0f} {unit}"
    return f"{x:.3g} {unit}".strip()


def markdown(rows: Sequence[Row]) -> str:
    out = [
        "| workload | measure | diplorel | baseline | baseline value | ratio | target | result |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "-"
        note = f" ({r.note})" if r.note else ""
        out.append(
            f"| {r.workload} | {r.measure} | {_fmt(r.value, r.unit)} | {r.baseline or '-'} | "
            f"{_fmt(r.baseline_value, r.unit)} | {ratio} | {r.target or '-'} | "
            f"{r.result}{note} |"
        )
    return "\n".join(out)


# Helpers ---------------------------------------------------------------------------------------

CLOCKS: dict[str, Callable[[], float]] = {"cpu": time.process_time, "wall": time.perf_counter}
"""``cpu``: this process's CPU time (the default: on a shared machine other processes hardly
weigh on it; time spent waiting, as on fsync, is not counted); ``wall``: elapsed time."""
_CLOCK = ["cpu"]


def clock() -> float:
    """The chosen clock (``--clock``), in seconds."""
    return CLOCKS[_CLOCK[0]]()


def timed_fresh(
    loops: Sequence[Callable[[], Any]],
) -> tuple[float, list[float], Any]:
    """Like :func:`timed`, one run of each loop: each runs on its own, fresh data.

    Point queries run on a new set of queries each time, so that no run is answered from a
    cache filled by an earlier one.
    """
    runs = []
    result = None
    gc.collect()  # once: each run's own garbage goes by reference counting
    for fn in loops:
        result = None
        t = clock()
        result = fn()
        runs.append(clock() - t)
    return statistics.median(runs), runs, result


def timed(fn: Callable[[], Any], repeats: int) -> tuple[float, list[float], Any]:
    """The median wall time of ``repeats`` calls, every time, and the last result."""
    runs = []
    result = None
    gc.collect()  # once: each run's own garbage goes by reference counting
    for _ in range(repeats):
        result = None
        t = clock()
        result = fn()
        runs.append(clock() - t)
    return statistics.median(runs), runs, result


@dataclass
class Pair:
    """diplorel's and the baseline's runs, interleaved: their medians, diplorel's last result."""

    lib: float
    lib_runs: list[float]
    lib_result: Any
    base: float
    base_runs: list[float]

    @property
    def ratio(self) -> float:
        return self.lib / self.base


def interleaved(
    lib: Sequence[Callable[[], Any]],
    base: Sequence[Callable[[], Any]],
    *,
    freeze: bool = False,
) -> Pair:
    """Run ``base[i]`` then ``lib[i]`` for each ``i`` (each pair may have its own, fresh data).

    Interleaved, so that whatever else loads the machine at the time weighs on both alike.
    Before each run the previous results are dropped and collected, so that neither side's
    leftovers weigh on the other's collector; the last diplorel result is returned. With
    ``freeze`` the benchmark's own heap is frozen (``gc.freeze``) during each run: each side
    then pays the collector for what it allocates, not for the events and specs the
    benchmark holds.
    """
    lib_runs, base_runs = [], []
    lib_result: Any = None
    leftovers = True  # collect before the first run, and after any run that returned something
    for f, g in zip(lib, base, strict=True):
        for fn, runs in ((g, base_runs), (f, lib_runs)):
            lib_result = None
            if leftovers:
                gc.collect()
            if freeze:
                gc.freeze()
            try:
                t = clock()
                result = fn()
                runs.append(clock() - t)
            finally:
                if freeze:
                    gc.unfreeze()
            leftovers = result is not None
            if fn is f:
                lib_result = result
            del result
    return Pair(
        statistics.median(lib_runs),
        lib_runs,
        lib_result,
        statistics.median(base_runs),
        base_runs,
    )


def _timed_once(fn: Callable[[], Any]) -> float:
    gc.collect()
    t = clock()
    fn()
    return clock() - t


def optional(name: str) -> Any:  # noqa: ANN401 - a module or None
    try:
        return __import__(name)
    except ImportError:
        return None


def peak_memory(fn: Callable[[], Any]) -> float:
    """Peak traced memory (MB) while ``fn`` runs (tracemalloc; numpy reports to it too)."""
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return peak / 1e6


def _cells(values: Any) -> list[Any]:  # noqa: ANN401 - a list, array or pandas column
    """A column as a list of Python values, with pandas' missing values as None."""
    if hasattr(values, "to_numpy") and hasattr(values, "isna"):  # a pandas array or Series
        na = values.isna()
        out = values.astype(object).tolist() if hasattr(values, "astype") else list(values)
        return [None if m else v for v, m in zip(out, list(na), strict=True)]
    if hasattr(values, "tolist"):
        return values.tolist()
    return list(values)


def _differing(
    ours: dict[str, Any], theirs: dict[str, Any], columns: Sequence[str]
) -> tuple[int, dict[str, int]]:
    """How many rows differ in any of ``columns`` between two column sets, and per column."""
    bad: set[int] = set()
    per_column: dict[str, int] = {}
    for c in columns:
        left, right = _cells(ours[c]), _cells(theirs[c])
        if len(left) != len(right):
            return max(len(left), len(right)), {"(length)": abs(len(left) - len(right))}
        rows = {i for i, (x, y) in enumerate(zip(left, right, strict=True)) if x != y}
        if rows:
            per_column[c] = len(rows)
            bad |= rows
    return len(bad), per_column


def _agreement(differ: int | tuple[int, dict[str, int]], total: int) -> str:
    count, columns = differ if isinstance(differ, tuple) else (differ, {})
    if count:
        where = ", ".join(f"{c} {n:,}" for c, n in columns.items())
        return f"BASELINE DIFFERS from diplorel on {count:,} of {total:,} rows" + (
            f" ({where})" if where else ""
        )
    return f"same answers as diplorel on all {total:,} rows compared"


@dataclass
class Data:
    """Everything the workloads share: built once, outside any timing."""

    size: Size
    specs: list[dict[str, Any]]
    dyads: list[generate.Dyad]
    items: list[dr.Event]
    jsonl: Path
    rng: random.Random
    derived: dr.History | None = None
    seed: int = 1816
    _spans: AnswerSpans | None = None

    @property
    def history(self) -> dr.History:
        if self.derived is None:
            self.derived = dr.History(self.items)
        return self.derived

    def spans(self) -> AnswerSpans:
        """The baselines' index of the shared history (built once, untimed; see AnswerSpans)."""
        if self._spans is None:
            self._spans = answer_spans(self.history)
        return self._spans

    def drop_spans(self) -> None:
        self._spans = None
        gc.collect()

    def knowledge(self) -> list[Any]:
        """The shared history made realistic for knowledge time (see ``generate.with_knowledge``).

        Only the knowledge-time workload uses it (made anew, not kept: the other workloads keep
        the plain history and their memory).
        """
        return generate.build_events(generate.with_knowledge(self.specs, seed=self.seed))


def _random_day(rng: random.Random) -> dt.date:
    return dt.date.fromordinal(rng.randint(generate.FIRST_ORD, generate.LAST_ORD))


def _queries(rng: random.Random, dyads: Sequence[generate.Dyad], n: int) -> list[tuple]:
    out = []
    for _ in range(n):
        d = dyads[rng.randrange(len(dyads))]
        a, b = (d.a, d.b) if rng.random() < 0.5 else (d.b, d.a)
        out.append((a, b, _random_day(rng)))
    return out


# The baselines' index: answer spans ------------------------------------------------------------
#
# What a hand-written "timeline + bisect" holds when it must return the same fields as diplorel:
# per dyad, the days on which the answer can change (every act's earliest and latest day, and
# the two states' first and last days) and the answer on each span between them. The answers
# are diplorel's own (``h.status`` on the span's first day), so that the baselines return the
# same values by construction; each workload checks that on its questions. Building it is the
# baselines' "derive": untimed, like diplorel's own derive is untimed in the query workloads.

_Answer = tuple[Key, dr.DyadState, bool, tuple[dr.DyadState, ...]]
"""A span's answer: the Status fields ``dyad``, ``state``, ``certain``, ``alternatives``."""


@dataclass
class AnswerSpans:
    index: dict[Key, tuple[list[int], list[_Answer]]]
    """Per dyad key: the ordinal of each span's first day, and its answer."""
    breakpoints: int
    seconds: float

    @property
    def spans(self) -> int:
        return sum(len(starts) for starts, _ in self.index.values())


def answer_spans(h: dr.History) -> AnswerSpans:
    t = time.perf_counter()
    reg = h.registry
    status = h.status
    index: dict[Key, tuple[list[int], list[_Answer]]] = {}
    first, last = generate.FIRST_ORD, generate.LAST_ORD
    lineage: dict[str, set[str]] = {}  # a code and the codes it continues (RUS: SUN)
    for c in reg.continuations():
        lineage.setdefault(c.new, {c.new}).add(c.old)
    breakpoints = 0
    for key in h.dyads:
        days = {first}
        for p in h.timeline(*key):
            days.add(p.start.earliest.toordinal())
            days.add(p.start.latest.toordinal())
        for code in {c for k in key for c in lineage.get(k, {k})}:  # existence and names
            state = reg.get(code)
            days.update(d.toordinal() for d in (state.begins_on, state.ends_on) if d is not None)
        starts: list[int] = []
        answers: list[_Answer] = []
        previous = None
        for o in sorted(d for d in days if first <= d <= last):
            breakpoints += 1
            s = status(*key, on=dt.date.fromordinal(o))
            answer = (s.dyad, s.state, s.certain, s.alternatives)
            if answer != previous:
                starts.append(o)
                answers.append(answer)
                previous = answer
        index[key] = (starts, answers)
    return AnswerSpans(index, breakpoints, time.perf_counter() - t)


_DIPLOMATIC = [d.value for d in dr.Diplomatic]
_CONSULAR = [c.value for c in dr.Consular]
_DIPLOMATIC_CODE = {d: i for i, d in enumerate(dr.Diplomatic)}
_CONSULAR_CODE = {c: i for i, c in enumerate(dr.Consular)}
_FIRST_YEAR, _LAST_YEAR = generate.FIRST.year, generate.LAST.year


def _missions(state: dr.DyadState, sender: str) -> str | None:
    """A panel's missions cell: None where presence is unknown, else the kinds, sorted."""
    if not state.presence_known_of(sender):
        return None
    return ";".join(sorted({m.kind.value for m in state.missions.get(sender, ())}))


def _key_names(state: dr.DyadState, key: Key) -> Key:
    """The names the key's two codes have in ``state`` (SUN for RUS in 1980), in key order."""
    p, q = state.dyad
    x, y = key
    if x in state.dyad:
        return x, (q if x == p else p)
    if y in state.dyad:
        return (q if y == p else p), y
    return p, q


def _lineages(reg: dr.StateRegistry) -> dict[str, list[tuple[str, int, int]]]:
    """Per continuing code: ``(old code, first ordinal, end ordinal)`` of each earlier name."""
    out: dict[str, list[tuple[str, int, int]]] = {}
    for c in reg.continuations():
        old = reg.get(c.old)
        begins = old.begins_on.toordinal() if old.begins_on is not None else 1
        out.setdefault(c.new, []).append((c.old, begins, c.on.toordinal()))
    return out


def _name_on(lineages: dict[str, list[tuple[str, int, int]]], code: str, ordinal: int) -> str:
    """A state's name on a day: the code it continues while that one existed (SUN for RUS)."""
    for old, begins, ends in lineages.get(code, ()):
        if begins <= ordinal < ends:
            return old
    return code


class SpanTable:
    """The answer spans as columns: what a pandas or pure-Python baseline merges against.

    One row per span (and a last row: a pair without any act, no record). Per row, in the dyad
    key's order (each code under its name in the span's state): status codes, each
    direction's COW coding (an id into ``lut``, the level by year: the same coding and year
    rule diplorel applies) and whether its presence is known, the missions cells, economic
    ties (a trade office: the generated histories hold no credit lines), and certainty.
    """

    def __init__(self, spans: AnswerSpans) -> None:
        self.keys = sorted(spans.index)
        self.ids = {k: i for i, k in enumerate(self.keys)}
        cols: dict[str, list[Any]] = {
            c: [] for c in ("dyad", "day", "dip", "con", "c0", "c1", "k0", "k1", "m0", "m1")
        }
        cols |= {"ties": [], "certain": []}
        codings: dict[Any, int] = {}
        missions: dict[str | None, int] = {}
        self.rows: dict[Key, tuple[list[int], list[tuple]]] = {}
        for i, key in enumerate(self.keys):
            starts, answers = spans.index[key]
            rows = []
            for start, (_, state, certain, _) in zip(starts, answers, strict=True):
                sides = _key_names(state, key)
                coded = [
                    codings.setdefault(
                        coding(
                            state.mission(x),
                            state.heads.get(x),
                            state.agreed.get(x, dr.Level.NONE),
                            DEFAULT_CONVENTIONS,
                        ),
                        len(codings),
                    )
                    for x in sides
                ]
                known = [state.presence_known_of(x) for x in sides]
                cells = [_missions(state, x) for x in sides]
                ties = state.economic_ties(credit_active=False)
                row = (
                    state.diplomatic.value,
                    state.consular.value,
                    *coded,
                    *known,
                    *cells,
                    ties,
                    certain,
                )
                rows.append(row)
                cols["dyad"].append(i)
                cols["day"].append(start - _EPOCH)
                cols["dip"].append(_DIPLOMATIC_CODE[state.diplomatic])
                cols["con"].append(_CONSULAR_CODE[state.consular])
                cols["c0"].append(coded[0])
                cols["c1"].append(coded[1])
                cols["k0"].append(known[0])
                cols["k1"].append(known[1])
                cols["m0"].append(missions.setdefault(cells[0], len(missions)))
                cols["m1"].append(missions.setdefault(cells[1], len(missions)))
                cols["ties"].append(ties)
                cols["certain"].append(certain)
            self.rows[key] = (starts, rows)
        none_ = missions.setdefault(None, len(missions))
        self.none_row = len(cols["dyad"])
        """The last row: a pair of existing states without any act (no record)."""
        self.none = ("no_record", "no_record", 0, 0, False, False, None, None, None, True)
        fill = {"dyad": -1, "day": 0, "dip": _DIPLOMATIC.index("no_record")}
        fill |= {"con": _CONSULAR.index("no_record"), "c0": 0, "c1": 0, "k0": False}
        fill |= {"k1": False, "m0": none_, "m1": none_, "ties": None, "certain": True}
        for c, v in fill.items():
            cols[c].append(v)
        self.columns = cols
        self.mission_cells = [m for m, _ in sorted(missions.items(), key=lambda x: x[1])]
        years = range(_FIRST_YEAR, _LAST_YEAR + 1)
        by_id = [c for c, _ in sorted(codings.items(), key=lambda x: x[1])]
        self.lut_rows = [[code_in(c, y, DEFAULT_CONVENTIONS) for y in years] for c in by_id]
        self.arrays: dict[str, Any] = {}

    def numpy(self) -> dict[str, Any]:
        """The columns as numpy arrays (numpy needed), sorted by day for ``merge_asof``."""
        if not self.arrays:
            np = optional("numpy")
            c = self.columns
            a = {
                "day": np.asarray(c["day"], dtype=np.int64),
                "dyad": np.asarray(c["dyad"], dtype=np.int64),
                "dip": np.asarray(c["dip"], dtype=np.int8),
                "con": np.asarray(c["con"], dtype=np.int8),
                "c0": np.asarray(c["c0"], dtype=np.int64),
                "c1": np.asarray(c["c1"], dtype=np.int64),
                "k0": np.asarray(c["k0"], dtype=bool),
                "k1": np.asarray(c["k1"], dtype=bool),
                "m0": np.asarray(c["m0"], dtype=np.int64),
                "m1": np.asarray(c["m1"], dtype=np.int64),
                "ties": np.asarray([bool(t) for t in c["ties"]], dtype=bool),
                "ties_na": np.asarray([t is None for t in c["ties"]], dtype=bool),
                "certain": np.asarray(c["certain"], dtype=bool),
                "lut": np.asarray(self.lut_rows, dtype=np.int8),
            }
            real = self.none_row  # the last row is the fill, never merged against
            order = np.argsort(a["day"][:real], kind="stable")
            a["merge_day"] = a["day"][:real][order]
            a["merge_dyad"] = a["dyad"][:real][order]
            a["merge_row"] = order.astype(np.int64)
            self.arrays = a
        return self.arrays


_EPOCH = dt.date(1970, 1, 1).toordinal()
"""Ordinal of 1970-01-01: numpy ``datetime64[D]`` counts days from it."""


# Workloads -------------------------------------------------------------------------------------


def baseline_index_build(items: Sequence[dr.Event]) -> dict[Key, tuple]:
    """The plain per-dyad timeline + bisect index: group by the codes, sort, day lists.

    Per dyad: the events in the engine's order, and their earliest, latest and settled days
    (settled: the day by which every event so far had certainly happened).
    """
    by_dyad: dict[Key, list[dr.Event]] = {}
    for e in items:
        by_dyad.setdefault(e.parties, []).append(e)
    index = {}
    for key, evs in by_dyad.items():
        evs.sort(key=lambda e: (e.on.earliest, e.on.latest, e.ORDER, e.TAG))
        earliest = [e.on.earliest for e in evs]
        latest = [e.on.latest for e in evs]
        settled = []
        s = None
        for day in latest:
            s = day if s is None or day > s else s
            settled.append(s)
        index[key] = (evs, earliest, latest, settled)
    return index


def w_derive(data: Data, rows: list[Row]) -> None:
    size, items = data.size, data.items
    n = len(items)
    r = size.big_repeats
    pair = interleaved(
        [lambda: dr.History(items)] * r, [lambda: baseline_index_build(items)] * r, freeze=True
    )
    t_lib, runs, h = pair.lib, pair.lib_runs, pair.lib_result
    t_base, base_runs = pair.base, pair.base_runs
    data.derived = h
    rows.append(
        target_row(
            "derive",
            f"History() of {n:,} events, {len(h.dyads):,} dyads, default rules",
            t_lib,
            "s",
            "hand-written per-dyad sort + index build",
            t_base,
            2.5,
            note=f"{n / t_lib:,.0f} events/s (earlier aim ≥ 500,000 events/s); baseline "
            f"{n / t_base:,.0f} events/s; the benchmark's own heap frozen during both",
            runs=runs,
            baseline_runs=base_runs,
        )
    )
    empty = RuleSet([_NOTHING])  # one rule that changes nothing: the fold's own cost
    t_empty, runs, _ = timed(lambda: dr.History(items, rules=empty), size.info_repeats)
    rows.append(
        info_row(
            "derive",
            "History() with one rule that changes nothing (grouping, sorting, checks, index)",
            t_empty,
            "s",
            "hand-written per-dyad sort + index build",
            t_base,
            earlier="≤ 1.2x",
            runs=runs,
        )
    )


def _point_loop(h: dr.History, queries: Sequence[tuple]) -> Callable[[], None]:
    status = h.status

    def run() -> None:
        for a, b, d in queries:
            status(a, b, on=d)

    return run


def _span_loop(spans: AnswerSpans, queries: Sequence[tuple]) -> Callable[[], Any]:
    """The baseline: key from the codes, bisect the day, the Status fields as a tuple."""
    index = spans.index

    def run() -> Any:  # noqa: ANN401 - the last answer
        out = None
        for a, b, d in queries:
            starts, answers = index[(a, b) if a < b else (b, a)]
            dyad, state, certain, alternatives = answers[bisect_right(starts, d.toordinal()) - 1]
            out = (dyad, d, state, certain, alternatives)
        return out

    return run


def _point_differs(h: dr.History, spans: AnswerSpans, queries: Sequence[tuple]) -> int:
    """How many questions the baseline answers differently from ``h.status`` (every field)."""
    differ = 0
    for a, b, d in queries:
        s = h.status(a, b, on=d)
        starts, answers = spans.index[(a, b) if a < b else (b, a)]
        if answers[bisect_right(starts, d.toordinal()) - 1] != (
            s.dyad,
            s.state,
            s.certain,
            s.alternatives,
        ):
            differ += 1
    return differ


def _refold_loop(h: dr.History, queries: Sequence[tuple]) -> Callable[[], None]:
    """Re-fold the dyad's events through diplorel's rules on every query."""
    rules = h.rules
    events = {key: h.events(*key) for key in h.dyads}
    apply_event = _engine.apply_event
    initial = dr.DyadState.initial

    def run() -> None:
        for a, b, d in queries:
            key = (a, b) if a < b else (b, a)
            state = initial(key)
            for e in events[key]:
                on = e.on
                if on.earliest > d:
                    break
                if on.latest <= d:
                    state, _, _ = apply_event(state, e, rules.for_event(type(e)))

    return run


def w_point(data: Data, rows: list[Row]) -> None:
    size, h, rng = data.size, data.history, data.rng
    sets = [_queries(rng, data.dyads, size.queries) for _ in range(size.repeats)]
    queries = sets[0]
    n = len(queries)
    spans = data.spans()
    pair = interleaved([_point_loop(h, q) for q in sets], [_span_loop(spans, q) for q in sets])
    t_date, runs, base_runs = pair.lib, pair.lib_runs, pair.base_runs
    us = t_date / n * 1e6
    base_us = pair.base / n * 1e6
    checked = queries[: min(n, 20_000)]
    differ = _point_differs(h, spans, checked)
    rows.append(
        target_row(
            "point query",
            f"h.status(a, b, on=date) x {n:,} (state codes, date objects)",
            us,
            "µs",
            "raw per-dyad timeline + bisect returning the same fields",
            base_us,
            2.5,
            note=f"{_agreement(differ, len(checked))}; baseline index: {spans.spans:,} spans "
            f"({spans.spans / len(h):.2f} per event) from {spans.breakpoints:,} answers, "
            f"{spans.seconds:,.1f} s, untimed",
            runs=[r / n * 1e6 for r in runs],
            baseline_runs=[r / n * 1e6 for r in base_runs],
        )
    )
    sample = queries[: size.refold_queries]
    t_refold, _, _ = timed(_refold_loop(h, sample), size.info_repeats)
    refold_us = t_refold / len(sample) * 1e6
    rows.append(
        info_row(
            "point query",
            "refolding the dyad's events per query, against h.status (ratio: refold / diplorel)",
            us,
            "µs",
            "refold per query",
            refold_us,
            ratio=refold_us / us,
            earlier="≥ 6x faster than refold",
            note=f"refold timed on {len(sample):,} of the queries",
        )
    )
    m = min(n, size.info_queries)  # new questions: none is in the status cache
    r = size.info_repeats
    iso = [[(a, b, d.isoformat()) for a, b, d in _queries(rng, data.dyads, m)] for _ in range(r)]
    dates = [_queries(rng, data.dyads, m) for _ in range(r)]
    t_iso, runs, _ = timed_fresh([_point_loop(h, q) for q in iso])
    t_dates, _, _ = timed_fresh([_point_loop(h, q) for q in dates])
    rows.append(
        info_row(
            "point query",
            f"ISO-string dates x {m:,}",
            t_iso / m * 1e6,
            "µs",
            "date objects",
            t_dates / m * 1e6,
            earlier="≤ 1.3x date objects",
        )
    )
    one = [queries[0]] * m
    t_one, runs, _ = timed(_point_loop(h, one), size.info_repeats)
    rows.append(
        info_row(
            "point query",
            "one query repeated (same dyad and date)",
            t_one / m * 1e6,
            "µs",
            earlier="≤ 0.5 µs",
        )
    )


def _known_queries(
    rng: random.Random, dyads: Sequence[generate.Dyad], n: int
) -> list[tuple[str, str, dt.date, dt.date]]:
    """``(a, b, on, known_on)``: random dyads and days; ``known_on >= on`` in every other one."""
    out = []
    for i, (a, b, on) in enumerate(_queries(rng, dyads, n)):
        first = on.toordinal() if i % 2 == 0 else generate.FIRST_ORD
        out.append((a, b, on, dt.date.fromordinal(rng.randint(first, generate.LAST_ORD))))
    return out


def _known_loop(h: dr.History, queries: Sequence[tuple]) -> Callable[[], None]:
    status = h.status

    def run() -> None:
        for a, b, d, k in queries:
            status(a, b, on=d, known_on=k)

    return run


def w_known(data: Data, rows: list[Row]) -> None:
    """``h.status(a, b, on=D, known_on=K)`` against ``h.status(a, b, on=D)``: same questions.

    The history is the shared one made realistic for knowledge time (late announcements,
    corrections, retractions: ``generate.with_knowledge``), built once, untimed. One query
    with ``known_on`` builds the history's knowledge index (``views()``: every record's span of
    knowledge days), timed alone and reported in the note; it is a one-time cost per history.
    The other dyads are split into ``repeats`` disjoint groups, one per run, so that every run
    starts with no folded view for its dyads. A run: an untimed plain query per dyad and
    orientation (fills the per-pair key caches the first query of a pair fills, for both),
    then, timed on the same questions: plain queries, ``known_on`` queries (first use: a view
    is folded the first time a dyad is asked about a span of knowledge days), plain again and
    ``known_on`` again (warm: every view the questions need is folded) on the same questions
    one day earlier, which no status cache holds. Every timed question is asked once; the
    status cache (keyed by ``known_on`` too) never answers one. (Date conversions are cached
    process-wide: the plain pass converts each ``on``, the ``known_on`` pass then each
    ``known_on``; one conversion per question in both.)
    """
    size = data.size
    rng = random.Random(data.seed + 1)  # its own stream: the other workloads' questions stay
    items = data.knowledge()
    h = dr.History(items)
    corrections = sum(1 for e in items if getattr(e, "supersedes", None) is not None)
    retractions = sum(1 for e in items if isinstance(e, dr.Retraction))
    late = sum(1 for e in items if getattr(e, "announced_on", None) is not None) - corrections
    first, *others = data.dyads
    t_views = _timed_once(
        lambda: h.status(first.a, first.b, on=dt.date(1990, 1, 1), known_on=dt.date(1990, 1, 1))
    )
    groups = [others[r :: size.repeats] for r in range(size.repeats)]
    n = size.known_queries
    plain, known, plain_warm, known_warm = [], [], [], []
    early = dt.timedelta(days=1)
    for group in groups:
        for d in group:
            h.status(d.a, d.b, on=dt.date(1800, 1, 1))
            h.status(d.b, d.a, on=dt.date(1800, 1, 1))
        qs = _known_queries(rng, group, n)
        again = [(a, b, d - early, k) for a, b, d, k in qs]
        plain.append(_timed_once(_point_loop(h, [q[:3] for q in qs])))
        known.append(_timed_once(_known_loop(h, qs)))
        plain_warm.append(_timed_once(_point_loop(h, [q[:3] for q in again])))
        known_warm.append(_timed_once(_known_loop(h, again)))
    t_plain, t_known = statistics.median(plain), statistics.median(known)
    t_plain_w, t_known_w = statistics.median(plain_warm), statistics.median(known_warm)
    history = (
        f"{len(items):,} items: {late:,} announced 1-30 days late, {corrections:,} "
        f"corrections, {retractions:,} retractions"
    )
    rows.append(
        target_row(
            "known_on query",
            f"h.status(a, b, on=D, known_on=K) x {n:,}, first use (views folded as asked)",
            t_known / n * 1e6,
            "µs",
            "plain query h.status(a, b, on=D), same questions",
            t_plain / n * 1e6,
            2.0,
            note=f"{history}; {len(groups[0]):,} dyads per run; knowledge index built by the "
            f"first known_on query: {t_views * 1e3:,.0f} ms, not counted",
            runs=[r / n * 1e6 for r in known],
            baseline_runs=[r / n * 1e6 for r in plain],
        )
    )
    rows.append(
        target_row(
            "known_on query",
            "same questions a day earlier, views warm (every view they need folded)",
            t_known_w / n * 1e6,
            "µs",
            "plain query h.status(a, b, on=D), same questions",
            t_plain_w / n * 1e6,
            2.0,
            runs=[r / n * 1e6 for r in known_warm],
            baseline_runs=[r / n * 1e6 for r in plain_warm],
        )
    )


def w_growth(data: Data, rows: list[Row]) -> None:
    size, rng = data.size, data.rng
    per_query = []
    n_events = []
    n = min(size.info_queries, 20_000)
    for per_dyad in (50, 500):
        specs, dyads = generate.generate_specs(
            size.growth_dyads * per_dyad, states=223, per_dyad=per_dyad, seed=per_dyad
        )
        h = dr.History(generate.build_events(specs))
        n_events.append(len(specs))
        sets = [_queries(rng, dyads, n) for _ in range(size.info_repeats)]
        t, _, _ = timed_fresh([_point_loop(h, q) for q in sets])
        per_query.append(t / n * 1e6)
        del h
    rows.append(
        info_row(
            "growth",
            f"h.status at 500 vs 50 events per dyad ({size.growth_dyads:,} dyads, "
            f"{n_events[1]:,} vs {n_events[0]:,} events)",
            per_query[1],
            "µs",
            "50 events per dyad",
            per_query[0],
            earlier="≤ 1.3x",
        )
    )


@contextlib.contextmanager
def counting_folds() -> Iterator[list[int]]:
    """Count the events the engine folds (``apply_event`` calls) while the block runs."""
    counter = [0]
    original = _engine.apply_event

    def counted(*args: Any) -> Any:  # noqa: ANN401 - pass-through
        counter[0] += 1
        return original(*args)

    _engine.apply_event = counted
    try:
        yield counter
    finally:
        _engine.apply_event = original


def w_insert(data: Data, rows: list[Row]) -> None:
    size, h, rng = data.size, data.history, data.rng
    candidates = [k for k in h.dyads if len(h.events(*k)) >= 8]
    runs = []
    folds_ok = True
    detail = ""
    inserts = []
    for _ in range(max(size.repeats, 3)):
        key = candidates[rng.randrange(len(candidates))]
        events = h.events(*key)
        i = len(events) // 4
        day = events[i].on.earliest
        new = dr.Recognized(by=key[0], of=key[1], on=dr.FuzzyDate.day(day))
        new_key = _engine.event_order_key(new)
        later = sum(1 for e in events if _engine.event_order_key(e) >= new_key)
        gc.collect()
        with counting_folds() as folds:
            t = clock()
            h.add(new)
            runs.append(clock() - t)
        inserts.append(new)
        if not 1 <= folds[0] <= later + 1:
            folds_ok = False
        detail = f"last: folded {folds[0]} events, {later + 1} from the insert point on"
    t_add = statistics.median(runs)
    t_full = _timed_once(lambda: dr.History([*data.items, inserts[-1]]))
    rows.append(
        info_row(
            "back-dated insert",
            "h.add(event dated early in one dyad)",
            t_add * 1e3,
            "ms",
            "full re-derivation",
            t_full * 1e3,
            earlier="re-derives only that dyad, from the insert point",
            note=f"{'only that dyad, from the insert point' if folds_ok else 'FOLDS MORE'}; "
            f"{detail}",
            runs=runs,
        )
    )


def _bulk_engine(h: dr.History) -> dict[str, str]:
    """``engine="numpy"`` where ``bulk_status`` takes an engine."""
    params = inspect.signature(h.bulk_status).parameters
    return {"engine": "numpy"} if "engine" in params else {}


def _pandas_bulk(table: SpanTable, codes: Any, a: Any, b: Any, on: Any) -> Callable[[], Any]:  # noqa: ANN401
    """The pandas baseline: codes to dyads, ``merge_asof`` on the day by dyad, the columns.

    From the same inputs as diplorel (code arrays, ``datetime64[D]`` days) to the same five
    columns (``diplomatic``, ``consular``, ``level_a``, ``level_b``, ``certain``), each
    level from its span's coding for the question's year, None where presence is unknown.
    """
    np, pd = optional("numpy"), optional("pandas")
    arrays = table.numpy()
    frame = pd.DataFrame(
        {"day": arrays["merge_day"], "dyad": arrays["merge_dyad"], "row": arrays["merge_row"]}
    )
    code_list = np.asarray(codes)  # sorted registry codes of the history's dyads
    n_codes = len(code_list)
    dyad_of = np.full((n_codes, n_codes), -1, dtype=np.int64)
    for (x, y), i in table.ids.items():
        dyad_of[np.searchsorted(code_list, x), np.searchsorted(code_list, y)] = i
    dip_values, con_values = _DIPLOMATIC, _CONSULAR

    def run() -> Any:  # noqa: ANN401 - a DataFrame
        pa = np.searchsorted(code_list, a)
        pb = np.searchsorted(code_list, b)
        swap = pa > pb
        dyad = dyad_of[np.where(swap, pb, pa), np.where(swap, pa, pb)]
        day = on.astype(np.int64)
        order = np.argsort(day, kind="stable")
        q = pd.DataFrame({"day": day[order], "dyad": dyad[order]})
        m = pd.merge_asof(q, frame, on="day", by="dyad", direction="backward")
        found = m["row"].to_numpy(dtype=np.float64, na_value=np.nan)
        row = np.empty(len(day), dtype=np.int64)
        row[order] = np.where(np.isnan(found), table.none_row, found).astype(np.int64)
        year = (on.astype("datetime64[Y]").astype(np.int64) + 1970 - _FIRST_YEAR).clip(
            0, _LAST_YEAR - _FIRST_YEAR
        )
        lut = arrays["lut"]
        l0, l1 = lut[arrays["c0"][row], year], lut[arrays["c1"][row], year]
        k0, k1 = arrays["k0"][row], arrays["k1"][row]
        return pd.DataFrame(
            {
                "diplomatic": pd.Categorical.from_codes(arrays["dip"][row], dip_values),
                "consular": pd.Categorical.from_codes(arrays["con"][row], con_values),
                "level_a": pd.arrays.IntegerArray(np.where(swap, l1, l0), ~np.where(swap, k1, k0)),
                "level_b": pd.arrays.IntegerArray(np.where(swap, l0, l1), ~np.where(swap, k0, k1)),
                "certain": arrays["certain"][row],
            }
        )

    return run


_BULK_COLUMNS = ("diplomatic", "consular", "level_a", "level_b", "certain")


def _bulk_columns(result: Any) -> dict[str, Any]:  # noqa: ANN401 - a BulkStatus
    return {c: getattr(result, c) for c in _BULK_COLUMNS}


def w_bulk(data: Data, rows: list[Row]) -> None:
    size, h, rng = data.size, data.history, data.rng
    np, pd = optional("numpy"), optional("pandas")
    n = size.bulk_queries
    fresh = [_queries(rng, data.dyads, n) for _ in range(size.repeats)]
    if not hasattr(h, "bulk_status"):
        rows.append(
            info_row(
                "bulk as-of",
                f"h.bulk_status(a, b, on) x {n:,}",
                None,
                "s",
                note="not available: History.bulk_status is missing",
            )
        )
        return
    # Info: the pure-Python path against a loop of h.status (on fewer questions).
    m = min(n, size.info_queries)
    small = [q[:m] for q in fresh[: size.info_repeats]]
    t_loop, _, _ = timed_fresh([_point_loop(h, q) for q in small])
    try:
        t_pure, runs, out = timed_fresh(
            [
                partial(
                    h.bulk_status,
                    [a for a, _, _ in q],
                    [b for _, b, _ in q],
                    [d for _, _, d in q],
                    engine="python",
                )
                for q in small
            ]
        )
        rows.append(
            info_row(
                "bulk as-of",
                f"h.bulk_status(a, b, on, engine='python') x {m:,}, pure Python",
                t_pure,
                "s",
                "loop of h.status",
                t_loop,
                earlier="never slower than the loop (≤ 1x)",
                note="" if len(out) == m else f"returned {len(out)} results for {m} questions",
                runs=runs,
            )
        )
    except TypeError as e:
        rows.append(info_row("bulk as-of", "pure Python", None, "s", note=f"not available: {e}"))
    if np is None or pd is None:
        rows.append(
            info_row("bulk as-of", "numpy path", None, "s", note="skipped: numpy/pandas missing")
        )
        return
    inputs = [
        (
            np.array([a for a, _, _ in q]),
            np.array([b for _, b, _ in q]),
            np.array([d for _, _, d in q], dtype="datetime64[D]"),
        )
        for q in fresh
    ]
    engine = _bulk_engine(h)
    a0, b0, d0 = inputs[0]
    t_first = _timed_once(lambda: h.bulk_status(a0[:10], b0[:10], d0[:10], **engine))
    table = SpanTable(data.spans())
    codes = sorted({c for key in table.keys for c in key})
    base = [_pandas_bulk(table, codes, *x) for x in inputs]
    pair = interleaved([partial(h.bulk_status, *x, **engine) for x in inputs], base)
    t_np, runs, t_pd, base_runs = pair.lib, pair.lib_runs, pair.base, pair.base_runs
    ours = h.bulk_status(*inputs[0], **engine)
    differ = _differing(_bulk_columns(ours), dict(base[0]()), _BULK_COLUMNS)
    rows.append(
        target_row(
            "bulk as-of",
            f"h.bulk_status(codes, codes, datetime64[D]) x {n:,}, numpy engine",
            t_np,
            "s",
            "pandas merge_asof producing the same columns",
            t_pd,
            1.0,
            note=f"{_agreement(differ, n)}; diplorel's first call (builds its arrays) "
            f"{t_first:.2f} s, not counted; the baseline's span table untimed too",
            runs=runs,
            baseline_runs=base_runs,
        )
    )
    del table, base, ours
    data.drop_spans()


# Panel -----------------------------------------------------------------------------------------

_PANEL_COLUMNS = (
    "year",
    "state_a",
    "state_b",
    "ccode_a",
    "ccode_b",
    "diplomatic",
    "consular",
    "level_a",
    "level_b",
    "missions_a",
    "missions_b",
    "economic_ties",
    "certain",
)


def _year_day(year: int) -> pendulum.Date:
    """The day a panel row describes by default (``on="12-31"``)."""
    return pendulum.Date(year, 12, 31)


def _panel_raw(
    h: dr.History, table: SpanTable, codes: list[str], years: range
) -> Callable[[], dict[str, list[Any]]]:
    """The panel's 13 columns from the per-dyad spans + bisect, in pure Python."""
    reg = h.registry
    index = table.rows
    lut = table.lut_rows
    none_ = table.none

    def run() -> dict[str, list[Any]]:
        states = {c: reg.get(c) for c in codes}
        lineages = _lineages(reg)
        cols: dict[str, list[Any]] = {c: [] for c in _PANEL_COLUMNS}
        year_, a_, b_, ca_, cb_ = (cols[c] for c in _PANEL_COLUMNS[:5])
        dip, con, la, lb, ma, mb, ti, cert = (cols[c] for c in _PANEL_COLUMNS[5:])
        for year in years:
            day = _year_day(year)
            o = day.toordinal()
            y = year - _FIRST_YEAR
            alive = [c for c in codes if states[c].exists_on(day)]
            ccode = {c: states[c].cow_code(day) for c in alive}
            name = {c: _name_on(lineages, c, o) for c in alive}  # SUN for RUS in 1980
            for a, b in combinations(alive, 2):
                found = index.get((a, b))
                r = found[1][bisect_right(found[0], o) - 1] if found is not None else none_
                year_.append(year)
                a_.append(name[a])
                b_.append(name[b])
                ca_.append(ccode[a])
                cb_.append(ccode[b])
                dip.append(r[0])
                con.append(r[1])
                la.append(lut[r[2]][y] if r[4] else None)
                lb.append(lut[r[3]][y] if r[5] else None)
                ma.append(r[6])
                mb.append(r[7])
                ti.append(r[8])
                cert.append(r[9])
        return cols

    return run


def _panel_pandas(
    h: dr.History, table: SpanTable, codes: list[str], years: range
) -> Callable[[], Any]:
    """The panel with pandas: a year x pair skeleton, ``merge_asof`` by dyad, 13 columns."""
    np, pd = optional("numpy"), optional("pandas")
    reg = h.registry
    arrays = table.numpy()
    frame = pd.DataFrame(
        {"day": arrays["merge_day"], "dyad": arrays["merge_dyad"], "row": arrays["merge_row"]}
    )
    missions = pd.Index([m for m in table.mission_cells if m is not None])
    mission_code = np.asarray(
        [-1 if m is None else missions.get_loc(m) for m in table.mission_cells], dtype=np.int64
    )

    def run() -> Any:  # noqa: ANN401 - a DataFrame
        states = [reg.get(c) for c in codes]
        n = len(codes)
        at = {c: i for i, c in enumerate(codes)}
        dyad_of = np.full((n, n), -1, dtype=np.int64)
        for (x, y), i in table.ids.items():
            if x in at and y in at:
                dyad_of[at[x], at[y]] = i
        days = [_year_day(y) for y in years]
        lineages = _lineages(reg)  # each state under its name of the day (SUN for RUS)
        older = {old for c in codes for old, _, _ in lineages.get(c, ())} - set(codes)
        names = [*codes, *sorted(older)]
        at_name = {c: i for i, c in enumerate(names)}
        name = np.asarray(
            [[at_name[_name_on(lineages, c, d.toordinal())] for c in codes] for d in days],
            dtype=np.int64,
        )
        alive = np.asarray([[s.exists_on(d) for s in states] for d in days], dtype=bool)
        ccode = np.asarray(
            [
                [(s.cow_code(d) or -1) if ok else -1 for s, ok in zip(states, row, strict=True)]
                for d, row in zip(days, alive, strict=True)
            ],
            dtype=np.int64,
        )
        ia, ib = np.triu_indices(n, 1)
        yr = np.repeat(np.arange(len(days)), len(ia))
        pa, pb = np.tile(ia, len(days)), np.tile(ib, len(days))
        keep = alive[yr, pa] & alive[yr, pb]
        yr, pa, pb = yr[keep], pa[keep], pb[keep]
        day = np.asarray([d.toordinal() - _EPOCH for d in days], dtype=np.int64)[yr]
        q = pd.DataFrame({"day": day, "dyad": dyad_of[pa, pb]})  # sorted by day: years ascend
        m = pd.merge_asof(q, frame, on="day", by="dyad", direction="backward")
        found = m["row"].to_numpy(dtype=np.float64, na_value=np.nan)
        row = np.where(np.isnan(found), table.none_row, found).astype(np.int64)
        year = np.asarray(list(years), dtype=np.int64)[yr]
        y = (year - _FIRST_YEAR).clip(0, _LAST_YEAR - _FIRST_YEAR)
        lut = arrays["lut"]
        ca, cb = ccode[yr, pa], ccode[yr, pb]
        return pd.DataFrame(
            {
                "year": year,
                "state_a": pd.Categorical.from_codes(name[yr, pa], names),
                "state_b": pd.Categorical.from_codes(name[yr, pb], names),
                "ccode_a": pd.arrays.IntegerArray(ca, ca < 0),
                "ccode_b": pd.arrays.IntegerArray(cb, cb < 0),
                "diplomatic": pd.Categorical.from_codes(arrays["dip"][row], _DIPLOMATIC),
                "consular": pd.Categorical.from_codes(arrays["con"][row], _CONSULAR),
                "level_a": pd.arrays.IntegerArray(lut[arrays["c0"][row], y], ~arrays["k0"][row]),
                "level_b": pd.arrays.IntegerArray(lut[arrays["c1"][row], y], ~arrays["k1"][row]),
                "missions_a": pd.Categorical.from_codes(mission_code[arrays["m0"][row]], missions),
                "missions_b": pd.Categorical.from_codes(mission_code[arrays["m1"][row]], missions),
                "economic_ties": pd.arrays.BooleanArray(
                    arrays["ties"][row], arrays["ties_na"][row]
                ),
                "certain": arrays["certain"][row],
            }
        )

    return run


def w_panel(data: Data, rows: list[Row]) -> None:
    size = data.size
    specs, _ = generate.generate_specs(size.panel_events, states=size.panel_states, seed=2024)
    h = dr.History(generate.build_events(specs))
    codes = generate.choose_states(size.panel_states)
    years = range(size.panel_years[0], size.panel_years[1] + 1)
    params = inspect.signature(h.panel).parameters
    python = {"engine": "python"} if "engine" in params else {}
    t_lib, runs, p = timed(lambda: h.panel(years=years, states=codes, **python), size.info_repeats)
    n_rows = len(p)
    spans = answer_spans(h)
    table = SpanTable(spans)
    raw = _panel_raw(h, table, codes, years)
    t_raw, _, cols = timed(raw, size.info_repeats)
    differ = _differing(dict(p.data), cols, _PANEL_COLUMNS)
    del p, cols
    rows.append(
        info_row(
            "panel",
            f"h.panel(engine='python'): {n_rows:,} dyad-years ({len(codes)} states x "
            f"{len(years)} years, {len(specs):,} events), pure Python",
            t_lib,
            "s",
            "raw per-dyad spans + bisect, 13 columns",
            t_raw,
            earlier="≤ 1.5x raw",
            note=f"{n_rows / t_lib:,.0f} rows/s; {_agreement(differ, n_rows)}",
            runs=runs,
        )
    )
    np, pd = optional("numpy"), optional("pandas")
    if np is None or pd is None:
        rows.append(
            info_row("panel", "numpy engine", None, "s", note="skipped: numpy/pandas missing")
        )
        return
    pandas_run = _panel_pandas(h, table, codes, years)
    if "engine" not in params:
        rows.append(info_row("panel", "numpy engine", None, "s", note="not available: no engine="))
        return

    def numpy_run() -> Any:  # noqa: ANN401 - a Panel
        return h.panel(years=years, states=codes, engine="numpy")

    t_first = _timed_once(numpy_run)  # builds the history's arrays: once per history
    pair = interleaved([numpy_run] * size.repeats, [pandas_run] * size.repeats)
    t_np, runs, p = pair.lib, pair.lib_runs, pair.lib_result
    t_pd, base_runs = pair.base, pair.base_runs
    frame = pandas_run()
    differ = _differing(dict(p.data), {c: frame[c] for c in _PANEL_COLUMNS}, _PANEL_COLUMNS)
    del p, frame
    rows.append(
        target_row(
            "panel",
            "h.panel(engine='numpy'): all 13 columns",
            t_np,
            "s",
            "pandas skeleton + merge_asof, the same 13 columns",
            t_pd,
            0.6,
            note=f"{_agreement(differ, n_rows)}; diplorel's first call (builds its arrays) "
            f"{t_first:.2f} s, not counted; the baseline's span table untimed too",
            runs=runs,
            baseline_runs=base_runs,
        )
    )
    mem_np = peak_memory(numpy_run)
    mem_pd = peak_memory(pandas_run)
    rows.append(
        info_row(
            "panel",
            "numpy engine peak memory (tracemalloc)",
            mem_np,
            "MB",
            "pandas",
            mem_pd,
            earlier="≤ pandas' peak",
        )
    )


# Files -----------------------------------------------------------------------------------------


def _per_line(path: Path, loads: Callable[[Any], Any]) -> Callable[[], list[Any]]:
    """The parse-only baseline: read the file, parse each line."""

    def run() -> list[Any]:
        raw = path.read_bytes()
        return [loads(line) for line in raw.splitlines() if line]

    return run


_LOAD_CHILD = """
import gc, json, statistics, sys, time
from pathlib import Path
path, repeats, clock = Path(sys.argv[1]), int(sys.argv[2]), getattr(time, sys.argv[3])
try:
    import orjson
    fast = orjson.loads
except ImportError:
    fast = None
import diplorel as dr
def per_line(loads):
    raw = path.read_bytes()
    return [loads(line) for line in raw.splitlines() if line]
def timed(fn):
    gc.collect()
    t = clock()
    result = fn()
    elapsed = clock() - t
    del result
    return elapsed
out = {"load": [], "orjson": [], "json": [], "orjson_found": fast is not None}
for _ in range(repeats):  # interleaved: whatever else loads the machine weighs on all alike
    out["load"].append(timed(lambda: dr.load(path)))
    if fast is not None:
        out["orjson"].append(timed(lambda: per_line(fast)))
    out["json"].append(timed(lambda: per_line(json.loads)))
h = dr.load(path)
out["events"] = len(h)
print(json.dumps(out))
"""


def w_load(data: Data, rows: list[Row]) -> None:
    """Load and parse in a fresh interpreter, as a program that loads a file does.

    The benchmark's own process holds the shared history and everything the other workloads
    left: its garbage-collector passes would weigh on the parse baselines, not on dr.load
    (which pauses the collector while it builds).
    """
    size, path = data.size, data.jsonl
    n = len(data.specs)
    out = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [
            sys.executable,
            "-c",
            _LOAD_CHILD,
            str(path),
            str(size.big_repeats),
            CLOCKS[_CLOCK[0]].__name__,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    m = json.loads(out.stdout)
    t_load = statistics.median(m["load"])
    check = "loaded history: " + (
        (
            "equals History(events)"
            if dr.load(path) == data.history
            else "DIFFERS FROM History(events)"
        )
        if n <= 200_000
        else f"{m['events']:,} events (compared with History(events) at the smaller sizes)"
    )
    fast = m["orjson_found"]
    base_runs = m["orjson"] if fast else m["json"]
    t_base = statistics.median(base_runs)
    rows.append(
        target_row(
            "load",
            f"dr.load({n:,}-event .jsonl), strict: parse, validate, duplicate keys, derive",
            t_load,
            "s",
            f"{'orjson' if fast else 'json (orjson missing)'}.loads of each line",
            t_base,
            4.0,
            note=f"{n / t_load:,.0f} events/s (earlier aim ≥ 450,000 events/s); {check}; "
            "fresh interpreter, interleaved",
            runs=m["load"],
            baseline_runs=base_runs,
        )
    )
    if fast:
        rows.append(
            info_row(
                "load",
                "same, against json.loads (the parser a plain install uses)",
                t_load,
                "s",
                "json.loads of each line",
                statistics.median(m["json"]),
            )
        )


def _as_list(value: tuple[Any, ...]) -> list[Any]:
    return [_plain(v) for v in value]


_PLAIN: dict[type, Callable[[Any], Any] | None] = {
    str: None,
    int: None,
    float: None,
    bool: None,
    type(None): None,
    tuple: _as_list,
    list: _as_list,
    dr.FuzzyDate: str,
}
"""How each type of value becomes JSON (None: as it is); enums and attrs classes are added as
they are met."""


def _plain(value: Any) -> Any:  # noqa: ANN401 - a JSON value
    kind = type(value)
    try:
        convert = _PLAIN[kind]
    except KeyError:
        if issubclass(kind, enum.Enum):
            convert = _PLAIN[kind] = _enum_value
        elif attrs.has(kind):
            convert = _PLAIN[kind] = _as_dict
        else:
            convert = _PLAIN[kind] = str
    return value if convert is None else convert(value)


def _enum_value(value: enum.Enum) -> Any:  # noqa: ANN401 - the enum's value
    return value.value


_TO_DICT: dict[type, Callable[[Any], dict[str, Any]]] = {}


def _field_code(tp: Any, var: str) -> str:  # noqa: ANN401 - a type; one per kind
    """The expression turning ``var``, of field type ``tp``, into its JSON value."""
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if tp in (str, int, float, bool, type(None)):
        return var
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        inner = _field_code(args[0], var) if len(args) == 1 else f"_plain({var})"
        return var if inner == var else f"(None if {var} is None else {inner})"
    if tp is dr.FuzzyDate:
        return f"str({var})"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return f"{var}.value"
    return f"_plain({var})"


def _to_dict_of(cls: type) -> Callable[[Any], dict[str, Any]]:
    """A class's to-dict function, straight-line field by field, as one writes it by hand.

    Written out once per class from its attrs fields (what a hand-written function for it
    holds: one read per field, the default left out, the value converted by its type).
    """
    attrs.resolve_types(cls)
    lines = ["def to_dict(o):", "    d = {}"]
    names: dict[str, Any] = {"_plain": _plain}
    for k, f in enumerate(a for a in attrs.fields(cls) if not a.name.startswith("_")):
        value = _field_code(f.type, "v")
        lines.append(f"    v = o.{f.name}")
        if f.default is attrs.NOTHING:
            lines.append(f"    d[{f.name!r}] = {value}")
        else:
            names[f"D{k}"] = f.default
            lines.append(f"    if not (v is D{k} or v == D{k}):")
            lines.append(f"        d[{f.name!r}] = {value}")
    tag = getattr(cls, "TAG", None)
    if tag is not None:
        lines.append(f"    d['type'] = {tag!r}")
    lines.append("    return d")
    exec("\n".join(lines), names)  # noqa: S102 - code written here, from the class's fields
    return names["to_dict"]  # type: ignore[no-any-return]


def _as_dict(obj: Any) -> dict[str, Any]:  # noqa: ANN401 - an attrs instance
    """An attrs object as a JSON-ready dict, field by field, defaults left out."""
    kind = type(obj)
    to_dict = _TO_DICT.get(kind)
    if to_dict is None:
        to_dict = _TO_DICT[kind] = _to_dict_of(kind)
    return to_dict(obj)


def baseline_save(items: Sequence[Any], path: Path) -> None:
    """The hand-written save: each item to a dict by field access, ``json.dumps`` per line."""
    dumps = json.dumps
    lines = [dumps({"format": "diplorel-history", "version": 2}, ensure_ascii=False)]
    lines.extend(dumps(_as_dict(item), ensure_ascii=False) for item in items)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _same_lines(ours: Path, theirs: Path, limit: int) -> tuple[int, int]:
    """How many of the first ``limit`` lines differ as JSON values, and how many were compared."""
    differ = compared = 0
    with ours.open(encoding="utf-8") as f, theirs.open(encoding="utf-8") as g:
        for x, y in zip(f, g, strict=False):
            compared += 1
            if json.loads(x) != json.loads(y):
                differ += 1
            if compared >= limit:
                break
    return differ, compared


def w_save(data: Data, rows: list[Row]) -> None:
    size, h = data.size, data.history
    n = len(h)
    items = list(h.items)
    with tempfile.TemporaryDirectory() as tmp:
        ours, theirs = Path(tmp) / "saved.jsonl", Path(tmp) / "baseline.jsonl"
        r = size.big_repeats
        pair = interleaved(
            [lambda: dr.dump(h, ours)] * r, [lambda: baseline_save(items, theirs)] * r
        )
        t_lib, runs, t_base, base_runs = pair.lib, pair.lib_runs, pair.base, pair.base_runs
        differ, compared = _same_lines(ours, theirs, 200_000)
        bytes_ours, bytes_theirs = ours.stat().st_size, theirs.stat().st_size
    rows.append(
        target_row(
            "save",
            f"dr.dump(history of {n:,} events, .jsonl)",
            t_lib,
            "s",
            "hand-written attrs-to-dict by field access + json.dumps per line, written",
            t_base,
            2.0,
            note=f"{n / t_lib:,.0f} events/s (earlier aim ≥ 1,000,000 events/s); "
            f"{_agreement(differ, compared)} (lines as JSON values); "
            f"{bytes_ours / 1e6:,.1f} MB and {bytes_theirs / 1e6:,.1f} MB; dr.dump writes "
            "atomically (temporary file, fsync, rename, lock), the baseline with write_text",
            runs=runs,
            baseline_runs=base_runs,
        )
    )
    t_text, runs, _ = timed(lambda: dr.dumps_jsonl(h), size.info_repeats)

    def text_only() -> str:
        dumps = json.dumps
        lines = [dumps({"format": "diplorel-history", "version": 2}, ensure_ascii=False)]
        lines.extend(dumps(_as_dict(item), ensure_ascii=False) for item in items)
        return "\n".join(lines) + "\n"

    t_base_text, _, _ = timed(text_only, size.info_repeats)
    rows.append(
        info_row(
            "save",
            "dr.dumps_jsonl(history): the text only, no file",
            t_text,
            "s",
            "the baseline's text only",
            t_base_text,
            runs=runs,
        )
    )


_MEMORY_CHILD = """
import gc, json, sys
from pathlib import Path
def rss():
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            k, v = line.split(":", 1)
            out[k] = int(v.split()[0]) * 1024
    return out
import diplorel as dr
gc.collect()
before = rss()["VmRSS"]
h = dr.load(sys.argv[1])
n = len(h)
gc.collect()
after = rss()
print(json.dumps({"before": before, "after": after["VmRSS"], "peak": after["VmHWM"], "n": n}))
"""


def w_memory(data: Data, rows: list[Row]) -> None:
    if not Path("/proc/self/status").exists():
        rows.append(info_row("memory", "RSS", None, "B/event", note="skipped: needs /proc"))
        return
    out = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", _MEMORY_CHILD, str(data.jsonl)],
        check=True,
        capture_output=True,
        text=True,
    )
    m = json.loads(out.stdout)
    per_event = (m["after"] - m["before"]) / m["n"]
    rows.append(
        Row(
            "memory",
            f"RSS held by a loaded, derived History of {m['n']:,} events",
            per_event,
            "B/event",
            "RSS before loading",
            None,
            target="≤ 300 B/event",
            passed=per_event <= 300,
            note=f"{(m['after'] - m['before']) / 1e6:,.0f} MB over {m['before'] / 1e6:,.0f} MB; "
            f"peak RSS while loading {m['peak'] / 1e6:,.0f} MB (fresh interpreter)",
        )
    )


_IMPORT_CHILD = """
import sys, time
t = time.{clock}()
{stmt}
print(time.{clock}() - t)
"""

_HEAVY_CHILD = """
import sys, datetime as dt
import diplorel as dr
h = dr.History([dr.RelationsEstablished(between=("CUB", "KOR"), on="1949")])
h.status("CUB", "KOR", on="1990-01-01")
h.status("CUB", "KOR", on=dt.date(1990, 1, 1)).explain()
h.panel(years=[1990], states=["CUB", "KOR", "USA"])
dr.loads_jsonl(dr.dumps_jsonl(h))
print(",".join(m for m in ("numpy", "pandas") if m in sys.modules))
"""

IMPORT_STMT = "import diplorel; diplorel.History"
IMPORT_BASE = "import attrs, cattrs, pendulum"


def _import_env() -> dict[str, str]:
    # Bytecode caches on, as an installed package has them (pip compiles at install time;
    # an editable install writes them at first import): PYTHONDONTWRITEBYTECODE would time
    # the compiler, not the import.
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def w_import(data: Data, rows: list[Row]) -> None:
    env = _import_env()

    def once(stmt: str) -> float:
        out = subprocess.run(  # noqa: S603 - this interpreter, fixed code
            [
                sys.executable,
                "-c",
                _IMPORT_CHILD.format(stmt=stmt, clock=CLOCKS[_CLOCK[0]].__name__),
            ],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        return float(out.stdout)

    once(IMPORT_STMT)  # warm-up: writes the bytecode caches where they are missing
    once(IMPORT_BASE)
    lib, base = [], []
    for _ in range(data.size.import_runs):  # interleaved, so drift hits both alike
        lib.append(once(IMPORT_STMT))
        base.append(once(IMPORT_BASE))
    t_lib, t_base = statistics.median(lib), statistics.median(base)
    rows.append(
        target_row(
            "import",
            f"`{IMPORT_STMT}` (fresh interpreter, median of {len(lib)})",
            t_lib * 1e3,
            "ms",
            f"`{IMPORT_BASE}`",
            t_base * 1e3,
            1.3,
            runs=[x * 1e3 for x in lib],
            baseline_runs=[x * 1e3 for x in base],
        )
    )
    heavy = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", _HEAVY_CHILD], check=True, capture_output=True, text=True, env=env
    ).stdout.strip()
    rows.append(
        info_row(
            "import",
            "numpy/pandas imported by import + status + explain + panel + load/save",
            float(len(heavy.split(",")) if heavy else 0),
            "modules",
            earlier="none",
            note=f"imported: {heavy}" if heavy else "",
        )
    )


WORKLOADS: dict[str, Callable[[Data, list[Row]], None]] = {
    "derive": w_derive,
    "point": w_point,
    "known": w_known,
    "growth": w_growth,
    "insert": w_insert,
    "bulk": w_bulk,
    "panel": w_panel,
    "load": w_load,
    "save": w_save,
    "memory": w_memory,
    "import": w_import,
}
ALIASES = {"files": ["load", "save"]}


# Profiles --------------------------------------------------------------------------------------


def _where(file: str, line: int, func: str) -> str:
    for marker in ("site-packages/", "/src/", "/lib/python3"):
        if marker in file:
            file = file.split(marker, 1)[1]
            break
    return f"{file}:{line}({func})" if line else func


def _profile_table(prof: cProfile.Profile, top: int) -> str:
    """Top functions by own time and, among diplorel's, by cumulative time, with shares."""
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in stats.values()) or 1.0
    lines = [f"total {total:.3f} s", "", "by own time:", "  own%   own s  cum s    calls  where"]
    own = sorted(stats.items(), key=lambda kv: -kv[1][2])[:top]
    for (file, line, func), (_, calls, tt, ct, _) in own:
        where = _where(file, line, func)
        lines.append(f"  {100 * tt / total:4.1f}  {tt:6.3f} {ct:6.3f} {calls:>8}  {where}")
    lines += ["", "diplorel functions by cumulative time:", "  cum%   cum s    calls  where"]
    ours = [kv for kv in stats.items() if "diplorel" in kv[0][0] and "benchmarks" not in kv[0][0]]
    for (file, line, func), (_, calls, _, ct, _) in sorted(ours, key=lambda kv: -kv[1][3])[:top]:
        lines.append(f"  {100 * ct / total:4.1f}  {ct:6.3f} {calls:>8}  {_where(file, line, func)}")
    return "\n".join(lines)


_IMPORT_PROFILE = """
import diplorel; diplorel.History
"""

_MEMORY_PROFILE = """
import gc, sys, tracemalloc
import diplorel as dr
tracemalloc.start(1)
h = dr.load(sys.argv[1])
gc.collect()
snap = tracemalloc.take_snapshot()
stats = snap.statistics("lineno")
total = sum(s.size for s in stats)
n = len(h)
print(f"held after load: {total / 1e6:,.1f} MB traced, {total / n:,.0f} B/event over {n:,} events")
print("  share   B/event  blocks    where")
for s in stats[:int(sys.argv[2])]:
    f = s.traceback[0]
    where = f.filename.split("site-packages/")[-1].split("/src/")[-1]
    print(f"  {100 * s.size / total:5.1f}  {s.size / n:8.1f}  {s.count:>8}  {where}:{f.lineno}")
"""


def _profile_import(top: int) -> str:
    subprocess.run([sys.executable, "-c", _IMPORT_PROFILE], check=True, env=_import_env())  # noqa: S603 - bytecode caches
    out = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-X", "importtime", "-c", _IMPORT_PROFILE],
        check=True,
        capture_output=True,
        text=True,
        env=_import_env(),
    ).stderr
    rows = []
    for line in out.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cum_us, name = line.removeprefix("import time:").split("|")
        rows.append((int(self_us), int(cum_us), name.rstrip()))
    total = sum(r[0] for r in rows) or 1
    lines = [f"total {total / 1e3:.1f} ms (-X importtime, one process)", "  self%  self ms  module"]
    lines += [
        f"  {100 * s / total:5.1f}  {s / 1e3:7.1f}  {name.strip()}"
        for s, _, name in sorted(rows, key=lambda r: -r[0])[:top]
    ]
    return "\n".join(lines)


def profile(data: Data, name: str, top: int) -> str:
    """A profile of one more run of a workload (cProfile; memory: tracemalloc; import: -X)."""
    if name == "import":
        return _profile_import(top)
    if name == "memory":
        return subprocess.run(  # noqa: S603 - this interpreter, fixed code
            [sys.executable, "-c", _MEMORY_PROFILE, str(data.jsonl), str(top)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    prof = cProfile.Profile()  # its own C timer: a Python-level clock would multiply the overhead
    rng = random.Random(7)
    h = data.history
    if name == "derive":
        prof.runcall(dr.History, data.items)
    elif name == "point":
        queries = _queries(rng, data.dyads, min(data.size.queries, 100_000))
        prof.runcall(_point_loop(h, queries))
    elif name == "known":  # first use on a fresh history: the knowledge index and the views
        queries = _known_queries(rng, data.dyads, data.size.known_queries)
        prof.runcall(_known_loop(dr.History(data.knowledge()), queries))
    elif name == "bulk":
        np = optional("numpy")
        q = _queries(rng, data.dyads, data.size.bulk_queries)
        a, b = np.array([x[0] for x in q]), np.array([x[1] for x in q])
        d = np.array([x[2] for x in q], dtype="datetime64[D]")
        h.bulk_status(a[:10], b[:10], d[:10], **_bulk_engine(h))  # the arrays, built once
        prof.runcall(h.bulk_status, a, b, d, **_bulk_engine(h))
    elif name == "panel":
        size = data.size
        specs, _ = generate.generate_specs(size.panel_events, states=size.panel_states, seed=2024)
        ph = dr.History(generate.build_events(specs))
        codes = generate.choose_states(size.panel_states)
        years = range(size.panel_years[0], size.panel_years[1] + 1)
        ph.panel(years=years, states=codes, engine="numpy")  # the arrays, built once
        prof.runcall(ph.panel, years=years, states=codes, engine="numpy")
    elif name == "load":
        prof.runcall(dr.load, data.jsonl)
    elif name == "save":
        with tempfile.TemporaryDirectory() as tmp:
            prof.runcall(dr.dump, h, Path(tmp) / "saved.jsonl")
    else:
        raise ValueError(name)
    return _profile_table(prof, top)


PROFILES = ("derive", "point", "known", "bulk", "panel", "load", "save", "memory", "import")


def _version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def _commit() -> str | None:
    """The checked-out commit, read from .git (no git command runs)."""
    git = HERE.parent / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if head.startswith("ref: "):
            ref = head.removeprefix("ref: ")
            loose = git / ref
            if loose.exists():
                return loose.read_text().strip()[:12]
            for line in (git / "packed-refs").read_text().splitlines():
                if line.endswith(" " + ref):
                    return line.split()[0][:12]
            return None
        return head[:12]
    except OSError:
        return None


def _loadavg() -> list[float] | None:
    """The system's 1, 5 and 15 minute load averages: other work competing for the CPUs."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _names(text: str, known: Sequence[str], parser: argparse.ArgumentParser) -> list[str]:
    out: list[str] = []
    for name in (w for w in text.split(",") if w):
        out.extend(ALIASES.get(name, [name]))
    unknown = set(out) - set(known)
    if unknown:
        parser.error(f"unknown name(s): {', '.join(sorted(unknown))}")
    return out


@dataclass
class Report:
    """The run's figures, written after every workload (a run cut short keeps what it has)."""

    args: argparse.Namespace
    size: Size
    out: Path
    events: int
    dyads: int
    started: float
    load_before: list[float] | None
    rows: list[Row] = field(default_factory=list)
    profiles: dict[str, str] = field(default_factory=dict)
    done: list[str] = field(default_factory=list)
    """Workloads finished (complete: every chosen one)."""

    def meta(self, *, complete: bool) -> dict[str, Any]:
        return {
            "size": self.args.size,
            "sizes": asdict(self.size),
            "events": self.events,
            "dyads": self.dyads,
            "seed": self.args.seed,
            "clock": self.args.clock,
            "complete": complete,
            "workloads": self.done,
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "commit": _commit(),
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "seconds": round(time.perf_counter() - self.started, 1),
            "loadavg": {"start": self.load_before, "now": _loadavg()},
            "versions": {
                m: _version(m) for m in ("attrs", "cattrs", "pendulum", "numpy", "pandas", "orjson")
            },
        }

    def write(self, *, complete: bool) -> tuple[str, str, str]:
        meta = self.meta(complete=complete)
        state = "" if complete else f"; PARTIAL: {', '.join(self.done) or 'no workload'} done"
        title = (
            f"## diplorel benchmarks: {self.args.size} ({self.events:,} events, "
            f"{self.dyads:,} dyads; {self.args.clock} time; Python {meta['python']}, "
            f"{meta['cpus']} CPUs, load average "
            f"{self.load_before} at the start, {meta['loadavg']['now']} at the end; "
            f"{meta['seconds']} s; commit {meta['commit']}{state})\n"
        )
        table = markdown(self.rows)
        profile_text = "".join(
            f"\n### profile: {name}\n\n```\n{text.strip()}\n```\n"
            for name, text in self.profiles.items()
        )
        out = self.out
        out.parent.mkdir(parents=True, exist_ok=True)
        doc = {"meta": meta, "rows": [asdict(r) | {"result": r.result} for r in self.rows]}
        out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        out.with_suffix(".md").write_text(title + "\n" + table + "\n", encoding="utf-8")
        if self.profiles:
            path = out.with_name(f"{out.stem}-profile.md")
            path.write_text(title + profile_text, encoding="utf-8")
        return title, table, profile_text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="medium")
    parser.add_argument("--out", type=Path, default=None, help="default: results/<size>.json")
    parser.add_argument("--only", default="", help=f"comma-separated subset of {list(WORKLOADS)}")
    parser.add_argument(
        "--profile",
        default="",
        help=f"comma-separated: {', '.join(PROFILES)}, or 'all'; written to <out>-profile.md",
    )
    parser.add_argument("--top", type=int, default=15, help="functions per profile")
    parser.add_argument("--seed", type=int, default=1816)
    parser.add_argument(
        "--clock",
        choices=sorted(CLOCKS),
        default="cpu",
        help="cpu: process CPU time (default; robust to other load), wall: elapsed time",
    )
    parser.add_argument("--fail-on-miss", action="store_true", help="exit 1 if a target is missed")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _CLOCK[0] = args.clock
    size = SIZES[args.size]
    out = args.out or HERE / "results" / f"{args.size}.json"
    chosen = _names(args.only, list(WORKLOADS), parser) or list(WORKLOADS)
    profiled = list(PROFILES) if args.profile == "all" else _names(args.profile, PROFILES, parser)

    started = time.perf_counter()
    load_before = _loadavg()
    print(f"generating {size.events:,} events ({args.size}) ...", file=sys.stderr)
    specs, dyads = generate.generate_specs(
        size.events, states=size.states, dyads=size.dyads, seed=args.seed
    )
    items = generate.build_events(specs)
    report = Report(args, size, out, len(specs), len(dyads), started, load_before)
    with tempfile.TemporaryDirectory(prefix="diplorel-bench-") as tmp:
        jsonl = generate.write_jsonl(specs, Path(tmp) / "history.jsonl")
        data = Data(size, specs, dyads, items, jsonl, random.Random(args.seed), seed=args.seed)
        for name in chosen:
            print(f"  {name} ...", file=sys.stderr)
            t = time.perf_counter()
            try:
                WORKLOADS[name](data, report.rows)
            except Exception as e:  # noqa: BLE001 - report it and go on with the others
                traceback.print_exc()
                report.rows.append(Row(name, "error", None, "", note=f"error: {e!r}"[:300]))
            report.done.append(name)
            report.write(complete=False)
            print(f"  {name}: {time.perf_counter() - t:.1f} s", file=sys.stderr)
        data.drop_spans()
        for name in profiled:
            print(f"  profile {name} ...", file=sys.stderr)
            try:
                report.profiles[name] = profile(data, name, args.top)
            except Exception as e:  # noqa: BLE001 - report it and go on with the others
                traceback.print_exc()
                report.profiles[name] = f"error: {e!r}"
    title, table, profile_text = report.write(complete=True)
    print(title)
    print(table)
    print(profile_text)
    print(f"\nwrote {out} and {out.with_suffix('.md')}", file=sys.stderr)
    rows = report.rows
    missed = [r for r in rows if r.passed is False]
    errors = [r for r in rows if r.measure == "error"]
    if errors:  # a workload that crashes is a bug, whatever the speed
        print(f"{len(errors)} workload(s) failed", file=sys.stderr)
        return 2
    return 1 if args.fail_on_miss and missed else 0


if __name__ == "__main__":
    sys.exit(main())
