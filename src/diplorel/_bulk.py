"""Bulk as-of queries: many (dyad, day) questions in one call.

The pure-Python path answers each question from the dyad's timeline by binary search. The
optional numpy path (used when numpy is installed) lays every timeline end to end in sorted
arrays once per history and answers all questions with two ``searchsorted`` calls; questions
inside an imprecise span fall back to the exact Python path, so both give identical answers.

>>> import diplorel as dr
>>> h = dr.default_history()
>>> r = h.bulk_status(["CUB", "CUB"], ["KOR", "KOR"], ["1980-06-01", "2024-03-01"])
>>> r.diplomatic, r.level_b, r.certain
(['severed', 'established'], [0, 0], [True, True])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from diplorel._coverage import NO_ACT, PRESENCE_ACT, RELATIONS_ACT, act_kind
from diplorel._dates import to_when
from diplorel._engine import DyadTimeline
from diplorel._keys import DAY_BITS, packed
from diplorel._knowledge import KnownOn, knowledge_day
from diplorel._lineage import not_a_dyad
from diplorel._representation import DEFAULT_CONVENTIONS as DEFAULT
from diplorel._representation import Coding, code_in, coding
from diplorel._status import Consular, Diplomatic, DyadState, Level
from diplorel.exceptions import MissingExtraError

if TYPE_CHECKING:
    import pandas as pd

    from diplorel._view import HistoryView

_DIPLOMATIC = list(Diplomatic)
_CONSULAR = list(Consular)
_DIPLOMATIC_CODE = {d: i for i, d in enumerate(_DIPLOMATIC)}
_DIPLOMATIC_VALUES = [d.value for d in _DIPLOMATIC]
_CONSULAR_VALUES = [c.value for c in _CONSULAR]
_CONSULAR_CODE = {c: i for i, c in enumerate(_CONSULAR)}


@attrs.frozen
class BulkStatus:
    """The answers to many (a, b, day) questions, as columns in the order asked.

    ``level_a`` is the COW level of the representative ``a`` has at ``b`` (who is there, not
    the class agreed; see :func:`~diplorel.represent`); None where the history has no record
    of who is there (``diplomatic`` is then ``no_record`` or ``not_existing``).
    """

    diplomatic: list[str]
    consular: list[str]
    level_a: list[int | None]
    level_b: list[int | None]
    certain: list[bool]
    engine: str
    """``numpy`` or ``python``: which path answered."""

    def __len__(self) -> int:
        """How many questions."""
        return len(self.certain)

    def to_pandas(self) -> pd.DataFrame:
        """A DataFrame with categorical statuses and small integer levels."""
        try:
            import pandas as pd  # noqa: PLC0415 - optional dependency
        except ImportError:  # pragma: no cover - exercised without pandas
            raise MissingExtraError(
                "BulkStatus.to_pandas", extra="pandas", package="pandas"
            ) from None
        return pd.DataFrame(
            {
                "diplomatic": pd.Categorical(
                    self.diplomatic, categories=[d.value for d in Diplomatic]
                ),
                "consular": pd.Categorical(self.consular, categories=[c.value for c in Consular]),
                "level_a": pd.array(self.level_a, dtype="Int8"),
                "level_b": pd.array(self.level_b, dtype="Int8"),
                "certain": pd.array(self.certain, dtype="boolean"),
            }
        )


_WIDTH = 5
"""Per direction in a row: the three interim variants, the interim's first year, its long code."""


def _row(state: DyadState) -> tuple[int, ...]:
    """Status codes and the year-free COW codings of both directions, in the key's order."""
    codings = (
        coding(state.mission(x), state.heads.get(x), state.agreed.get(x, Level.NONE), DEFAULT)
        for x in state.dyad
    )
    codes = [c for coded in codings for c in (*coded[:3], coded.interim_since, coded.long_code)]
    return (_DIPLOMATIC_CODE[state.diplomatic], _CONSULAR_CODE[state.consular], *codes)


def _coded(row: Sequence[int], side: int) -> Coding:
    """The coding of side 0 or 1 of a row."""
    a = 2 + _WIDTH * side
    return Coding(row[a], row[a + 1], row[a + 2], False, row[a + 3], row[a + 4])  # noqa: FBT003


def _levels(row: tuple[int, ...], year: int, *, swapped: bool) -> tuple[int, int]:
    la, lb = (code_in(_coded(row, side), year) for side in (0, 1))
    return (lb, la) if swapped else (la, lb)


def _check(a: Sequence[str], b: Sequence[str], on: Sequence[Any]) -> None:
    if not len(a) == len(b) == len(on):
        msg = f"a, b and on must have the same length, got {len(a)}, {len(b)} and {len(on)}"
        raise ValueError(msg)


def _dyad(history: HistoryView, a: str, b: str) -> tuple[str, str]:
    """The dyad key of a question, as :meth:`~diplorel.History.status` takes it.

    Raises :class:`~diplorel.InvalidQueryError` for a state and its own continuation (SUN
    and RUS): one state, no dyad.
    """
    key = history.resolve(a, b)
    if key[0] == key[1]:
        registry = history.registry
        codes = (registry.resolve(a), registry.resolve(b))
        raise not_a_dyad(a, b, codes, key[0])
    return key


def bulk_python(
    history: HistoryView,
    a: Sequence[str],
    b: Sequence[str],
    on: Sequence[Any],
    known_on: KnownOn = None,
) -> BulkStatus:
    """Answer each question from its dyad's timeline (binary search), in pure Python.

    ``known_on``: answer from what could be known on that day, or each question on its own
    day (``"same"``).
    """
    _check(a, b, on)
    keys: dict[tuple[str, str], tuple[tuple[str, str], bool]] = {}
    diplomatic: list[str] = []
    consular: list[str] = []
    levels_a: list[int | None] = []
    levels_b: list[int | None] = []
    certainty: list[bool] = []
    for x, y, day in zip(a, b, on, strict=True):
        found = keys.get((x, y))
        if found is None:
            key = _dyad(history, x, y)
            found = keys[x, y] = (key, history.filed_as(x) != key[0])
        key, swapped = found
        when = to_when(day)
        state, certain = history.recorded_at(key, when, knowledge_day(known_on, when))
        diplomatic.append(state.diplomatic.value)
        consular.append(state.consular.value)
        if state.presence_known:
            la, lb = _levels(_row(state), when.day.year, swapped=swapped)
            ka, kb = (key[1], key[0]) if swapped else key
            levels_a.append(la if state.presence_known_of(ka) else None)
            levels_b.append(lb if state.presence_known_of(kb) else None)
        else:
            levels_a.append(None)
            levels_b.append(None)
        certainty.append(certain)
    return BulkStatus(diplomatic, consular, levels_a, levels_b, certainty, engine="python")


def _factorize(a: Sequence[str], b: Sequence[str], np: Any) -> tuple[list[tuple[str, str]], Any]:  # noqa: ANN401
    """The distinct (a, b) pairs and, for each question, the index of its pair.

    numpy string arrays are factorized without a Python loop over the questions.
    """
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        joined = np.char.add(np.char.add(a.astype(str), "\x1f"), b.astype(str))
        unique, inverse = np.unique(joined, return_inverse=True)
        pairs = [tuple(str(u).split("\x1f", 1)) for u in unique.tolist()]
        return pairs, inverse.astype(np.int64)  # type: ignore[return-value]
    ids: dict[tuple[str, str], int] = {}
    of = [ids.setdefault(p, len(ids)) for p in zip(a, b, strict=True)]
    return list(ids), np.asarray(of, dtype=np.int64)


def _ordinals(on: Sequence[Any], np: Any) -> Any:  # noqa: ANN401 - numpy module and array
    """Proleptic Gregorian ordinals of the query days; -1 for instants (aware datetimes).

    A numpy ``datetime64`` array is converted without a Python loop.
    """
    if isinstance(on, np.ndarray) and np.issubdtype(on.dtype, np.datetime64):
        days = on.astype("datetime64[D]").astype(np.int64)
        return days + 719163  # 1970-01-01 is ordinal 719163
    out = np.empty(len(on), dtype=np.int64)
    cache: dict[Any, int] = {}
    for i, day in enumerate(on):
        found = cache.get(day)
        if found is None:
            when = to_when(day)
            found = cache[day] = -1 if when.instant is not None else when.day.toordinal()
        out[i] = found
    return out


def _years(ordinal: Any, np: Any) -> Any:  # noqa: ANN401 - numpy module and arrays
    """The calendar year of each ordinal (instants, -1, get year 1: they go the Python way)."""
    days = np.maximum(ordinal, 1) - 719163
    return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


class BulkArrays:
    """Every timeline of a history end to end, as sorted numpy arrays (built once)."""

    def __init__(self, history: HistoryView) -> None:
        import numpy as np  # noqa: PLC0415 - optional dependency

        self.derived: dict[str, Any] = {}
        """Tables other engines derive from these arrays, built once (the panel's rows)."""

        self.dyad_id: dict[tuple[str, str], int] = {}
        earliest: list[int] = []
        settled: list[int] = []
        codes: list[tuple[int, ...]] = []
        self.first: list[int] = []  # index of each dyad's initial-state row
        acted: list[int] = []  # what the acts up to each row make known (act_kind)
        self.states: list[DyadState] = []  # the state of every row
        for key in sorted(history.dyads):
            timeline: DyadTimeline = history.timeline_of(key)
            # one direction covered: each side's presence is decided by the Python path
            cap = PRESENCE_ACT if history.is_directional(key) else RELATIONS_ACT
            n = len(self.dyad_id)
            self.dyad_id[key] = n
            self.first.append(len(codes))
            earliest.append(packed(n, 0))  # the initial state sorts first within its dyad
            settled.append(packed(n, 0))
            codes.append(_row(timeline.initial))
            self.states.append(timeline.initial)
            acted.append(NO_ACT)
            kind = NO_ACT
            rows = zip(timeline.earliest, timeline.settled, timeline.states, strict=True)
            for i, (e, s, st) in enumerate(rows):
                earliest.append(packed(n, e.toordinal()))
                settled.append(packed(n, s.toordinal()))
                codes.append(_row(st))
                self.states.append(st)
                if i not in timeline.rejected:
                    kind = max(kind, act_kind(timeline.events[i]))
                acted.append(min(kind, cap))
        # A last row for dyads without events: nothing at all (sorts after every dyad).
        self.none_row = len(codes)
        end = packed(len(self.dyad_id) + 1, 0)
        earliest.append(end)
        settled.append(end)
        codes.append((0,) * (2 + 2 * _WIDTH))
        self.states.append(DyadState.initial(("", " ")))
        acted.append(NO_ACT)
        self.acted = np.asarray(acted, dtype=np.int8)
        """Per row, what the acts up to it make known (:func:`~diplorel._coverage.act_kind`):
        below ``RELATIONS_ACT`` the answer depends on the history's coverage."""
        self.earliest = np.asarray(earliest, dtype=np.int64)
        self.settled = np.asarray(settled, dtype=np.int64)
        self.codes = np.asarray(codes, dtype=np.int16).reshape(-1, 2 + 2 * _WIDTH)

    def levels(self, pos: Any, years: Any) -> tuple[Any, Any]:  # noqa: ANN401 - numpy arrays
        """The COW levels of both directions (key order) at rows ``pos`` in ``years``."""
        import numpy as np  # noqa: PLC0415 - optional dependency

        rows = self.codes[pos].astype(np.int64)
        l1 = np.zeros(len(pos), dtype=np.int64)
        l2 = np.zeros(len(pos), dtype=np.int64)
        for year in np.unique(years).tolist():
            sel = np.flatnonzero(years == year)
            # Few distinct codings: code each once (one definition: code_in), then spread.
            for out, side in ((l1, 0), (l2, 1)):
                a = 2 + _WIDTH * side
                block = rows[sel, a : a + _WIDTH]
                distinct, inverse = np.unique(block, axis=0, return_inverse=True)
                coded = [code_in(_coded([0, 0, *d, *d], 0), int(year)) for d in distinct.tolist()]
                out[sel] = np.asarray(coded, dtype=np.int64)[inverse.reshape(-1)]
        return l1, l2


def arrays_of(history: HistoryView) -> BulkArrays:
    """The history's timelines as sorted arrays, built once per history (numpy needed)."""
    found = history.memo.get("bulk arrays")
    if not isinstance(found, BulkArrays):
        found = history.memo["bulk arrays"] = BulkArrays(history)
    return found


def bulk_numpy(
    history: HistoryView, a: Sequence[str], b: Sequence[str], on: Sequence[Any]
) -> BulkStatus:
    """Answer all questions with two ``searchsorted`` calls over every timeline at once.

    Questions on dyads without events, and questions inside an imprecise span, are answered
    by the Python path, so the answers are identical.
    """
    import numpy as np  # noqa: PLC0415 - optional dependency

    _check(a, b, on)
    arrays = arrays_of(history)
    n = len(a)
    pairs, index = _factorize(a, b, np)
    pair_dyad = np.empty(len(pairs), dtype=np.int64)
    pair_swap = np.empty(len(pairs), dtype=bool)
    for i, (x, y) in enumerate(pairs):
        key = _dyad(history, x, y)
        pair_dyad[i] = arrays.dyad_id.get(key, -1)
        pair_swap[i] = history.filed_as(x) != key[0]
    dyad = pair_dyad[index]
    swap = pair_swap[index]
    ordinal = _ordinals(on, np)
    dyad[ordinal < 0] = -1  # instants compare in each act's zone: the Python path
    query = (np.maximum(dyad, 0) << DAY_BITS) | ordinal
    possible = np.searchsorted(arrays.earliest, query, side="right") - 1
    settled = np.searchsorted(arrays.settled, query, side="right") - 1
    # Rows without an act on relations: no record, or coverage decides: the Python path.
    exact = (dyad >= 0) & (possible == settled) & (arrays.acted[possible] >= RELATIONS_ACT)
    rows = arrays.codes[possible]
    years = _years(ordinal, np)
    l1, l2 = arrays.levels(possible, years)
    la = np.where(swap, l2, l1)
    lb = np.where(swap, l1, l2)
    diplomatic = np.asarray(_DIPLOMATIC_VALUES, dtype=object)[rows[:, 0]].tolist()
    consular = np.asarray(_CONSULAR_VALUES, dtype=object)[rows[:, 1]].tolist()
    levels_a, levels_b = la.tolist(), lb.tolist()
    certain = [True] * n
    rest = np.flatnonzero(~exact).tolist()
    if rest:
        if isinstance(on, np.ndarray):  # datetime64 days: back to calendar days
            asked: list[Any] = [pendulum.Date.fromordinal(int(ordinal[i])) for i in rest]
        else:
            asked = [on[i] for i in rest]
        slow = bulk_python(history, [str(a[i]) for i in rest], [str(b[i]) for i in rest], asked)
        for j, i in enumerate(rest):
            diplomatic[i] = slow.diplomatic[j]
            consular[i] = slow.consular[j]
            levels_a[i] = slow.level_a[j]
            levels_b[i] = slow.level_b[j]
            certain[i] = slow.certain[j]
    return BulkStatus(diplomatic, consular, levels_a, levels_b, certain, engine="numpy")
