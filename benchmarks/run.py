"""diplorel benchmark suite: every workload, each with its baseline measured in the same run.

    python benchmarks/run.py [--size smoke|medium|full] [--out benchmarks/results/<size>.json]

Prints a Markdown table and writes the same figures as JSON. Each figure is the median of
several runs; each ratio is against a baseline measured in the same process, on the same data.
numpy, pandas and orjson are optional: a workload whose baseline needs a missing package is
reported as skipped, and one whose diplorel API does not exist yet as "not available".
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import gc
import importlib.metadata
import inspect
import io
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
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from itertools import combinations
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402 - the generator sits next to this script

import diplorel as dr  # noqa: E402
from diplorel import _engine  # noqa: E402 - baselines fold with diplorel's own rules
from diplorel._events import Event  # noqa: E402
from diplorel._rules import RuleSet, rule  # noqa: E402


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


SIZES = {
    "smoke": Size(
        states=20,
        dyads=None,
        events=4_000,
        queries=4_000,
        refold_queries=400,
        growth_dyads=10,
        bulk_queries=4_000,
        panel_states=20,
        panel_events=2_000,
        panel_years=(1816, 2024),
        repeats=3,
        big_repeats=1,
        import_runs=3,
        known_queries=1_000,
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
    ),
    "full": Size(
        states=223,  # the registry has too few long-lived states for 19,900 dyads of 200
        dyads=19_900,
        events=1_000_000,
        queries=1_000_000,
        refold_queries=20_000,
        growth_dyads=2_000,
        bulk_queries=1_000_000,
        panel_states=223,
        panel_events=200_000,
        panel_years=(1816, 2024),
        repeats=3,
        big_repeats=3,
        import_runs=11,
        known_queries=50_000,
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

    @property
    def result(self) -> str:
        if self.value is None:
            return "skipped" if "missing" in self.note else "n/a"
        if self.passed is None:
            return "info"
        return "pass" if self.passed else "MISS"


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


def timed_fresh(
    loops: Sequence[Callable[[], Any]],
) -> tuple[float, list[float], Any]:
    """Like :func:`timed`, one run of each loop: each runs on its own, fresh data.

    Point queries run on a new set of queries each time, so that no run is answered from a
    cache filled by an earlier one.
    """
    runs = []
    result = None
    for fn in loops:
        result = None
        gc.collect()
        t = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs), runs, result


def timed(fn: Callable[[], Any], repeats: int) -> tuple[float, list[float], Any]:
    """The median wall time of ``repeats`` calls, every time, and the last result."""
    runs = []
    result = None
    for _ in range(repeats):
        result = None
        gc.collect()
        t = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs), runs, result


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


def status_file() -> dict[str, int]:
    """VmRSS and VmHWM of this process in bytes (Linux), or ru_maxrss only."""
    out = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                name, value = line.split(":", 1)
                out[name] = int(value.split()[0]) * 1024
    except OSError:
        import resource  # noqa: PLC0415 - fallback only

        out["VmHWM"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return out


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

    @property
    def history(self) -> dr.History:
        if self.derived is None:
            self.derived = dr.History(self.items)
        return self.derived

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


def _plain(d: dt.date) -> dt.date:
    return dt.date(d.year, d.month, d.day)


def raw_index(history: dr.History) -> dict[tuple[str, str], tuple[list[dt.date], list[Any]]]:
    """Per dyad: plain sorted earliest days and the state after each event (for baselines)."""
    out = {}
    for key in history.dyads:
        periods = history.timeline(*key)
        out[key] = ([_plain(p.start.earliest) for p in periods], [p.state for p in periods])
    return out


# Workloads -------------------------------------------------------------------------------------


def baseline_index_build(items: Sequence[dr.Event]) -> dict[tuple[str, str], tuple]:
    """The plain per-dyad timeline + bisect index: group, sort, earliest and settled days."""
    by_dyad: dict[tuple[str, str], list[dr.Event]] = {}
    for e in items:
        by_dyad.setdefault(e.parties, []).append(e)
    index = {}
    for key, evs in by_dyad.items():
        evs.sort(key=lambda e: (e.on.earliest, e.on.latest, e.ORDER, e.TAG))
        earliest = [e.on.earliest for e in evs]
        settled = []
        s = None
        for e in evs:
            latest = e.on.latest
            s = latest if s is None or latest > s else s
            settled.append(s)
        index[key] = (evs, earliest, settled)
    return index


def w_derive(data: Data, rows: list[Row]) -> None:
    size, items = data.size, data.items
    n = len(items)
    t, runs, h = timed(lambda: dr.History(items), size.big_repeats)
    data.derived = h
    rows.append(
        Row(
            "derive",
            f"History() of {n:,} events, {len(h.dyads):,} dyads, full rules",
            n / t,
            "events/s",
            target="≥ 500,000 events/s",
            passed=n / t >= 500_000,
            runs=runs,
        )
    )
    empty = RuleSet([_NOTHING])  # one rule that changes nothing: the fold's own cost
    t_lib, runs, _ = timed(lambda: dr.History(items, rules=empty), size.big_repeats)
    t_base, _, _ = timed(lambda: baseline_index_build(items), size.repeats)
    rows.append(
        Row(
            "derive",
            "index build (History() with an empty rule set)",
            t_lib,
            "s",
            "per-dyad sort + bisect arrays",
            t_base,
            t_lib / t_base,
            "≤ 1.2x baseline",
            t_lib / t_base <= 1.2,
            runs=runs,
        )
    )


def _point_loop(h: dr.History, queries: Sequence[tuple]) -> Callable[[], None]:
    status = h.status

    def run() -> None:
        for a, b, d in queries:
            status(a, b, on=d)

    return run


def _raw_loop(index: dict, queries: Sequence[tuple]) -> Callable[[], None]:
    def run() -> None:
        for a, b, d in queries:
            earliest, states = index[(a, b) if a < b else (b, a)]
            i = bisect_right(earliest, d)
            _ = states[i - 1] if i else None

    return run


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
    t_date, runs, _ = timed_fresh([_point_loop(h, q) for q in sets])
    us = t_date / n * 1e6
    index = raw_index(h)
    t_raw, _, _ = timed_fresh([_raw_loop(index, q) for q in sets])
    raw_us = t_raw / n * 1e6
    sample = queries[: size.refold_queries]
    t_refold, _, _ = timed(_refold_loop(h, sample), size.repeats)
    refold_us = t_refold / len(sample) * 1e6
    rows.append(
        Row(
            "point queries",
            f"h.status(a, b, on=date) x {n:,} (date objects)",
            us,
            "µs",
            "refold per query",
            refold_us,
            refold_us / us,
            "≥ 6x faster than refold",
            refold_us / us >= 6,
            note=f"refold timed on {len(sample):,} of the queries",
            runs=runs,
        )
    )
    rows.append(
        Row(
            "point queries",
            "same, against the raw timeline + bisect",
            us,
            "µs",
            "raw timeline + bisect",
            raw_us,
            us / raw_us,
            "≤ 1.5x raw (≈ 2 µs/query)",
            us / raw_us <= 1.5,
        )
    )
    iso = [[(a, b, d.isoformat()) for a, b, d in q] for q in sets]
    t_iso, runs, _ = timed_fresh([_point_loop(h, q) for q in iso])
    rows.append(
        Row(
            "point queries",
            "ISO-string dates",
            t_iso / n * 1e6,
            "µs",
            "date objects",
            us,
            t_iso / t_date,
            "≤ 1.3x date objects",
            t_iso / t_date <= 1.3,
            runs=runs,
        )
    )
    one = [queries[0]] * n
    t_one, runs, _ = timed(_point_loop(h, one), size.repeats)
    rows.append(
        Row(
            "point queries",
            "one query repeated (same dyad and date)",
            t_one / n * 1e6,
            "µs",
            target="≤ 0.5 µs",
            passed=t_one / n * 1e6 <= 0.5,
            runs=runs,
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


def _timed_once(fn: Callable[[], Any]) -> float:
    gc.collect()
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


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
        Row(
            "knowledge time",
            f"h.status(a, b, on=D, known_on=K) x {n:,}, first use (views folded as asked)",
            t_known / n * 1e6,
            "µs",
            "h.status(a, b, on=D), same questions",
            t_plain / n * 1e6,
            t_known / t_plain,
            "≤ 2x plain query",
            t_known / t_plain <= 2.0,
            note=f"{history}; {len(groups[0]):,} dyads per run; knowledge index built by the "
            f"first known_on query: {t_views * 1e3:,.0f} ms, not counted",
            runs=known,
        )
    )
    rows.append(
        Row(
            "knowledge time",
            "same questions a day earlier, views warm (every view they need folded)",
            t_known_w / n * 1e6,
            "µs",
            "h.status(a, b, on=D), same questions",
            t_plain_w / n * 1e6,
            t_known_w / t_plain_w,
            "≤ 2x plain query",
            t_known_w / t_plain_w <= 2.0,
            runs=known_warm,
        )
    )


def w_growth(data: Data, rows: list[Row]) -> None:
    size, rng = data.size, data.rng
    per_query = []
    n_events = []
    n = min(size.queries, 200_000)
    for per_dyad in (50, 500):
        specs, dyads = generate.generate_specs(
            size.growth_dyads * per_dyad, states=223, per_dyad=per_dyad, seed=per_dyad
        )
        h = dr.History(generate.build_events(specs))
        n_events.append(len(specs))
        sets = [_queries(rng, dyads, n) for _ in range(size.repeats)]
        t, _, _ = timed_fresh([_point_loop(h, q) for q in sets])
        per_query.append(t / n * 1e6)
    rows.append(
        Row(
            "growth",
            f"h.status at 500 vs 50 events per dyad ({size.growth_dyads:,} dyads, "
            f"{n_events[1]:,} vs {n_events[0]:,} events)",
            per_query[1],
            "µs",
            "50 events per dyad",
            per_query[0],
            per_query[1] / per_query[0],
            "≤ 1.3x",
            per_query[1] / per_query[0] <= 1.3,
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
            t = time.perf_counter()
            h.add(new)
            runs.append(time.perf_counter() - t)
        inserts.append(new)
        if not 1 <= folds[0] <= later + 1:
            folds_ok = False
        detail = f"last: folded {folds[0]} events, {later + 1} from the insert point on"
    t_add = statistics.median(runs)
    t_full, _, _ = timed(lambda: dr.History([*data.items, inserts[-1]]), min(size.big_repeats, 2))
    rows.append(
        Row(
            "back-dated insert",
            "h.add(event dated early in one dyad)",
            t_add * 1e3,
            "ms",
            "full re-derivation",
            t_full * 1e3,
            t_add / t_full,
            "re-derives only that dyad, from the insert point",
            folds_ok,
            note=detail,
            runs=runs,
        )
    )


def w_bulk(data: Data, rows: list[Row]) -> None:
    size, h, rng = data.size, data.history, data.rng
    np, pd = optional("numpy"), optional("pandas")
    queries = _queries(rng, data.dyads, size.bulk_queries)
    n = len(queries)
    keys = [(a, b) if a < b else (b, a) for a, b, _ in queries]
    dates = [d for _, _, d in queries]
    available = hasattr(h, "bulk_status")
    fresh = [queries, *(_queries(rng, data.dyads, n) for _ in range(size.repeats - 1))]
    fresh_keys = [[(a, b) if a < b else (b, a) for a, b, _ in q] for q in fresh]
    fresh_dates = [[d for _, _, d in q] for q in fresh]
    t_loop, _, _ = timed_fresh([_point_loop(h, q) for q in fresh])
    t_pd = None
    if np is not None and pd is not None:
        dyad_id = {k: i for i, k in enumerate(h.dyads)}
        codes = {v: i for i, v in enumerate(x.value for x in dr.Diplomatic)}
        t_ids, t_days, t_levels = [], [], []
        for key in h.dyads:
            for p in h.timeline(*key):
                t_ids.append(dyad_id[key])
                t_days.append(_plain(p.start.earliest))
                t_levels.append(codes[p.state.diplomatic.value])
        trans = pd.DataFrame(
            {
                "dyad": np.array(t_ids, dtype=np.int32),
                "date": np.array(t_days, dtype="datetime64[D]").astype("datetime64[s]"),
                "level": np.array(t_levels, dtype=np.int8),
            }
        ).sort_values("date", kind="stable")
        q_dyad = np.array([dyad_id[k] for k in keys], dtype=np.int32)
        q_date = np.array(dates, dtype="datetime64[D]").astype("datetime64[s]")

        def pandas_asof() -> Any:  # noqa: ANN401 - a numpy array
            q = pd.DataFrame({"dyad": q_dyad, "date": q_date, "order": np.arange(n)})
            q = q.sort_values("date", kind="stable")
            m = pd.merge_asof(q, trans, on="date", by="dyad", direction="backward")
            return m.sort_values("order")["level"].to_numpy()

        t_pd, _, _ = timed(pandas_asof, size.repeats)
    if not available:
        rows.append(
            Row(
                "bulk as-of",
                f"h.bulk_status(a, b, on) x {n:,}, pure Python",
                None,
                "s",
                "loop of h.status",
                t_loop,
                target="never slower than the loop",
                note="not available: History.bulk_status is missing",
            )
        )
        rows.append(
            Row(
                "bulk as-of",
                "numpy path (dates as datetime64[D])",
                None,
                "s",
                "pandas merge_asof (level only)",
                t_pd,
                target="≥ 1.5x faster than pandas",
                note="not available: History.bulk_status is missing"
                if t_pd is not None
                else "skipped: numpy/pandas missing",
            )
        )
        return
    try:
        t_pure, runs, out = timed_fresh(
            [
                partial(h.bulk_status, [a for a, _ in k], [b for _, b in k], d, engine="python")
                for k, d in zip(fresh_keys, fresh_dates, strict=True)
            ]
        )
        ok = len(out) == n
        rows.append(
            Row(
                "bulk as-of",
                f"h.bulk_status(a, b, on) x {n:,}, pure Python",
                t_pure,
                "s",
                "loop of h.status",
                t_loop,
                t_pure / t_loop,
                "never slower than the loop (≤ 1x)",
                t_pure <= t_loop and ok,
                note="" if ok else f"returned {len(out)} results for {n} queries",
                runs=runs,
            )
        )
    except TypeError as e:
        rows.append(Row("bulk as-of", "pure Python", None, "s", note=f"not available: {e}"))
    if np is None or pd is None:
        rows.append(
            Row("bulk as-of", "numpy path", None, "s", note="skipped: numpy/pandas missing")
        )
        return
    try:
        t_np, runs, out = timed_fresh(
            [
                partial(
                    h.bulk_status,
                    np.array([a for a, _ in k]),
                    np.array([b for _, b in k]),
                    np.array(d, dtype="datetime64[D]"),
                    engine="numpy",
                )
                for k, d in zip(fresh_keys, fresh_dates, strict=True)
            ]
        )
        rows.append(
            Row(
                "bulk as-of",
                "numpy path (dates as datetime64[D])",
                t_np,
                "s",
                "pandas merge_asof (level only)",
                t_pd,
                t_np / t_pd,
                "≥ 1.5x faster than pandas (ratio ≤ 0.67)",
                t_np * 1.5 <= t_pd,
                runs=runs,
            )
        )
    except TypeError as e:
        rows.append(Row("bulk as-of", "numpy path", None, "s", note=f"not available: {e}"))


def _panel_baseline(h: dr.History, codes: list[str], years: range) -> Callable[[], dict]:
    """The panel's 13 columns from a raw per-dyad timeline + bisect (pure Python)."""
    reg = h.registry
    index: dict[tuple[str, str], tuple[list[dt.date], list[tuple]]] = {}
    for key in h.dyads:
        periods = h.timeline(*key)
        rows = []
        for p in periods:
            s = p.state
            a, b = s.dyad
            rows.append(
                (
                    s.diplomatic.value,
                    s.consular.value,
                    dr.represent(s, a, year=p.start.stated[0].year).cow,
                    dr.represent(s, b, year=p.start.stated[0].year).cow,
                    ";".join(sorted({m.kind.value for m in s.missions.get(a, ())})),
                    ";".join(sorted({m.kind.value for m in s.missions.get(b, ())})),
                    bool(s.missions_of(dr.MissionKind.TRADE_OFFICE)),
                )
            )
        index[key] = ([_plain(p.start.earliest) for p in periods], rows)
    empty = ("none", "none", 0, 0, "", "", False)
    states = {c: reg.get(c) for c in codes}

    def run() -> dict:
        cols: dict[str, list] = {
            c: [] for c in ("year", "a", "b", "ca", "cb", *"dcxyzwt", "certain")
        }
        year_, a_, b_, ca_, cb_ = cols["year"], cols["a"], cols["b"], cols["ca"], cols["cb"]
        dip, con, la, lb, ma, mb, ti = (cols[c] for c in "dcxyzwt")
        cert = cols["certain"]
        for year in years:
            day = dt.date(year, 12, 31)
            alive = [c for c in codes if states[c].exists_on(day)]
            ccode = {c: states[c].cow_code(day) for c in alive}
            for a, b in combinations(alive, 2):
                found = index.get((a, b))
                row = empty
                if found is not None:
                    i = bisect_right(found[0], day)
                    if i:
                        row = found[1][i - 1]
                year_.append(year)
                a_.append(a)
                b_.append(b)
                ca_.append(ccode[a])
                cb_.append(ccode[b])
                dip.append(row[0])
                con.append(row[1])
                la.append(row[2])
                lb.append(row[3])
                ma.append(row[4])
                mb.append(row[5])
                ti.append(row[6])
                cert.append(True)
        return cols

    return run


def _panel_pandas(h: dr.History, codes: list[str], years: range) -> Callable[[], Any]:
    np, pd = optional("numpy"), optional("pandas")
    reg = h.registry
    pairs = list(combinations(codes, 2))
    dyad_id = {k: i for i, k in enumerate(pairs)}
    t_ids, t_days, cols = [], [], {c: [] for c in ("dip", "con", "la", "lb")}
    for key in h.dyads:
        if key not in dyad_id:
            continue
        for p in h.timeline(*key):
            s = p.state
            t_ids.append(dyad_id[key])
            t_days.append(_plain(p.start.earliest))
            cols["dip"].append(s.diplomatic.value)
            cols["con"].append(s.consular.value)
            year = p.start.stated[0].year
            cols["la"].append(dr.represent(s, key[0], year=year).cow)
            cols["lb"].append(dr.represent(s, key[1], year=year).cow)
    far = np.datetime64("9999-12-31")
    begins = np.array([np.datetime64(reg.get(c).begins_on or dt.date(1, 1, 1), "D") for c in codes])
    ends = np.array(
        [np.datetime64(reg.get(c).ends_on, "D") if reg.get(c).ends_on else far for c in codes]
    )
    pa = np.array([codes.index(a) for a, _ in pairs])
    pb = np.array([codes.index(b) for _, b in pairs])

    def run() -> Any:  # noqa: ANN401 - a DataFrame
        trans = pd.DataFrame(
            {
                "dyad": np.array(t_ids, dtype=np.int32),
                "date": np.array(t_days, dtype="datetime64[D]").astype("datetime64[s]"),
                "diplomatic": pd.Categorical(cols["dip"]),
                "consular": pd.Categorical(cols["con"]),
                "level_a": np.array(cols["la"], dtype=np.int8),
                "level_b": np.array(cols["lb"], dtype=np.int8),
            }
        ).sort_values("date", kind="stable")
        ys = np.arange(years.start, years.stop)
        days = np.array([np.datetime64(f"{y}-12-31") for y in ys])
        dyad = np.tile(np.arange(len(pairs)), len(ys))
        day = np.repeat(days, len(pairs))
        alive = (
            (begins[pa][dyad] <= day)
            & (day < ends[pa][dyad])
            & (begins[pb][dyad] <= day)
            & (day < ends[pb][dyad])
        )
        q = pd.DataFrame(
            {"dyad": dyad[alive].astype(np.int32), "date": day[alive].astype("datetime64[s]")}
        )
        q["order"] = np.arange(len(q))
        m = pd.merge_asof(
            q.sort_values("date", kind="stable"), trans, on="date", by="dyad"
        ).sort_values("order")
        m["year"] = m["date"].dt.year
        return m

    return run


def w_panel(data: Data, rows: list[Row]) -> None:
    size = data.size
    specs, _ = generate.generate_specs(size.panel_events, states=size.panel_states, seed=2024)
    h = dr.History(generate.build_events(specs))
    codes = generate.choose_states(size.panel_states)
    years = range(size.panel_years[0], size.panel_years[1] + 1)
    t_lib, runs, p = timed(lambda: h.panel(years=years, states=codes), size.repeats)
    n_rows = len(p)
    del p
    base = _panel_baseline(h, codes, years)
    t_raw, _, cols = timed(base, size.repeats)
    raw_rows = len(cols["year"])
    del cols
    mem_lib = peak_memory(lambda: h.panel(years=years, states=codes))
    rows.append(
        Row(
            "panel",
            f"h.panel(): {n_rows:,} dyad-years ({len(codes)} states x {len(years)} years, "
            f"{len(specs):,} events), pure Python",
            t_lib,
            "s",
            "raw per-dyad bisect",
            t_raw,
            t_lib / t_raw,
            "≤ 1.5x raw",
            t_lib / t_raw <= 1.5,
            note=f"{n_rows / t_lib:,.0f} rows/s; peak {mem_lib:,.0f} MB; "
            f"baseline rows {raw_rows:,}",
            runs=runs,
        )
    )
    np, pd = optional("numpy"), optional("pandas")
    if np is None or pd is None:
        rows.append(Row("panel", "numpy path", None, "s", note="skipped: numpy/pandas missing"))
        return
    pandas_run = _panel_pandas(h, codes, years)
    t_pd, _, frame = timed(pandas_run, size.repeats)
    pd_rows = len(frame)
    del frame
    mem_pd = peak_memory(pandas_run)
    params = inspect.signature(h.panel).parameters
    if "engine" not in params:
        rows.append(
            Row(
                "panel",
                "numpy path: h.panel(..., engine='numpy')",
                None,
                "s",
                "pandas merge_asof",
                t_pd,
                target="≤ pandas time; peak memory ≤ pandas'",
                note=f"not available: no engine= parameter; pandas {pd_rows:,} rows, "
                f"peak {mem_pd:,.0f} MB",
            )
        )
        return
    t_np, runs, _ = timed(lambda: h.panel(years=years, states=codes, engine="numpy"), size.repeats)
    mem_np = peak_memory(lambda: h.panel(years=years, states=codes, engine="numpy"))
    rows.append(
        Row(
            "panel",
            "numpy path: h.panel(..., engine='numpy')",
            t_np,
            "s",
            "pandas merge_asof",
            t_pd,
            t_np / t_pd,
            "≤ 1x pandas time",
            t_np <= t_pd,
            runs=runs,
        )
    )
    rows.append(
        Row(
            "panel",
            "numpy path peak memory (tracemalloc)",
            mem_np,
            "MB",
            "pandas merge_asof",
            mem_pd,
            mem_np / mem_pd,
            "≤ pandas' peak",
            mem_np <= mem_pd,
        )
    )


def w_files(data: Data, rows: list[Row]) -> None:
    size, path = data.size, data.jsonl
    n = len(data.specs)
    t_load, runs, _ = timed(lambda: dr.load(path), size.big_repeats)
    orjson = optional("orjson")
    t_base = None
    if orjson is not None:

        def baseline() -> list:
            raw = path.read_bytes()
            return [orjson.loads(line) for line in raw.splitlines() if line]

        t_base, _, _ = timed(baseline, size.repeats)
    rows.append(
        Row(
            "load + save",
            f"dr.load({n:,}-event .jsonl), strict (full validation)",
            n / t_load,
            "events/s",
            "orjson.loads per line" if t_base else "",
            n / t_base if t_base else None,
            t_load / t_base if t_base else None,
            "≥ 450,000 events/s",
            n / t_load >= 450_000,
            note="" if t_base else "baseline skipped: orjson missing",
            runs=runs,
        )
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "saved.jsonl"
        t_save, runs, _ = timed(lambda: dr.dump(data.history, out), size.big_repeats)
    rows.append(
        Row(
            "load + save",
            "dr.dump(history, .jsonl)",
            n / t_save,
            "events/s",
            target="≥ 1,000,000 events/s",
            passed=n / t_save >= 1_000_000,
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
        rows.append(Row("memory", "RSS", None, "B/event", note="skipped: needs /proc"))
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
            target="≤ 250 B/event",
            passed=per_event <= 250,
            note=f"{(m['after'] - m['before']) / 1e6:,.0f} MB over {m['before'] / 1e6:,.0f} MB; "
            f"peak RSS while loading {m['peak'] / 1e6:,.0f} MB",
        )
    )


_IMPORT_CHILD = """
import sys, time
t = time.perf_counter()
{stmt}
print(time.perf_counter() - t)
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


def w_import(data: Data, rows: list[Row]) -> None:
    # Bytecode caches on, as an installed package has them (pip compiles at install time;
    # an editable install writes them at first import): PYTHONDONTWRITEBYTECODE would time
    # the compiler, not the import.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def once(stmt: str) -> float:
        out = subprocess.run(  # noqa: S603 - this interpreter, fixed code
            [sys.executable, "-c", _IMPORT_CHILD.format(stmt=stmt)],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        return float(out.stdout)

    once("import diplorel")  # warm-up: writes the bytecode caches
    lib, base = [], []
    for _ in range(data.size.import_runs):  # interleaved, so drift hits both alike
        lib.append(once("import diplorel"))
        base.append(once("import attrs, cattrs, pendulum"))
    t_lib, t_base = statistics.median(lib), statistics.median(base)
    rows.append(
        Row(
            "import",
            "import diplorel (fresh interpreter)",
            t_lib * 1e3,
            "ms",
            "import attrs, cattrs, pendulum",
            t_base * 1e3,
            t_lib / t_base,
            "≤ 1.3x",
            t_lib / t_base <= 1.3,
            runs=lib,
        )
    )
    heavy = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", _HEAVY_CHILD], check=True, capture_output=True, text=True
    ).stdout.strip()
    rows.append(
        Row(
            "import",
            "numpy/pandas imported by import + status + explain + panel + load/save",
            float(len(heavy.split(",")) if heavy else 0),
            "modules",
            target="none",
            passed=not heavy,
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
    "files": w_files,
    "memory": w_memory,
    "import": w_import,
}


def profile(data: Data, name: str, top: int) -> str:
    """cProfile of one more run of a workload, top functions by internal time."""
    prof = cProfile.Profile()
    if name == "derive":
        prof.runcall(dr.History, data.items)
    elif name == "point":
        queries = _queries(random.Random(7), data.dyads, min(data.size.queries, 100_000))
        prof.runcall(_point_loop(data.history, queries))
    elif name == "known":  # first use on a fresh history: the knowledge index and the views
        queries = _known_queries(random.Random(7), data.dyads, data.size.known_queries)
        prof.runcall(_known_loop(dr.History(data.knowledge()), queries))
    else:
        raise ValueError(name)
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="medium")
    parser.add_argument("--out", type=Path, default=None, help="default: results/<size>.json")
    parser.add_argument("--only", default="", help=f"comma-separated subset of {list(WORKLOADS)}")
    parser.add_argument("--profile", default="", help="comma-separated: derive, point, known")
    parser.add_argument("--seed", type=int, default=1816)
    parser.add_argument("--fail-on-miss", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)
    size = SIZES[args.size]
    out = args.out or HERE / "results" / f"{args.size}.json"
    chosen = [w for w in args.only.split(",") if w] or list(WORKLOADS)
    unknown = set(chosen) - set(WORKLOADS)
    if unknown:
        parser.error(f"unknown workload(s): {', '.join(sorted(unknown))}")

    started = time.perf_counter()
    print(f"generating {size.events:,} events ({args.size}) ...", file=sys.stderr)
    specs, dyads = generate.generate_specs(
        size.events, states=size.states, dyads=size.dyads, seed=args.seed
    )
    items = generate.build_events(specs)
    with tempfile.TemporaryDirectory(prefix="diplorel-bench-") as tmp:
        jsonl = generate.write_jsonl(specs, Path(tmp) / "history.jsonl")
        data = Data(size, specs, dyads, items, jsonl, random.Random(args.seed), seed=args.seed)
        rows: list[Row] = []
        for name in chosen:
            print(f"  {name} ...", file=sys.stderr)
            t = time.perf_counter()
            try:
                WORKLOADS[name](data, rows)
            except Exception as e:  # noqa: BLE001 - report it and go on with the others
                traceback.print_exc()
                rows.append(Row(name, "error", None, "", note=f"error: {e!r}"[:300]))
            print(f"  {name}: {time.perf_counter() - t:.1f} s", file=sys.stderr)
        profiles = {p: profile(data, p, 15) for p in args.profile.split(",") if p}
    table = markdown(rows)
    meta = {
        "size": args.size,
        "sizes": asdict(size),
        "events": len(specs),
        "dyads": len(dyads),
        "seed": args.seed,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "commit": _commit(),
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 1),
        "versions": {
            m: _version(m) for m in ("attrs", "cattrs", "pendulum", "numpy", "pandas", "orjson")
        },
    }
    print(
        f"## diplorel benchmarks: {args.size} ({len(specs):,} events, {len(dyads):,} dyads; "
        f"Python {meta['python']}, {meta['cpus']} CPUs, {meta['seconds']} s)\n"
    )
    print(table)
    for name, text in profiles.items():
        print(f"\n### profile: {name}\n\n```\n{text.strip()}\n```")
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = {"meta": meta, "rows": [asdict(r) | {"result": r.result} for r in rows]}
    out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    out.with_suffix(".md").write_text(table + "\n", encoding="utf-8")
    print(f"\nwrote {out} and {out.with_suffix('.md')}", file=sys.stderr)
    missed = [r for r in rows if r.passed is False]
    errors = [r for r in rows if r.measure == "error"]
    if errors:  # a workload that crashes is a bug, whatever the speed
        print(f"{len(errors)} workload(s) failed", file=sys.stderr)
        return 2
    return 1 if args.fail_on_miss and missed else 0


if __name__ == "__main__":
    sys.exit(main())
