"""Dyad-year panels: one row per pair of states and year, built as columns.

>>> import diplorel as dr
>>> p = dr.default_history().panel(years=[1980, 2010], states=["CUB", "KOR", "PRK"])
>>> len(p), p.columns[:5]
(6, ('year', 'state_a', 'state_b', 'ccode_a', 'ccode_b'))
>>> [row["diplomatic"] for row in p.rows() if row["state_b"] == "KOR"]
['severed', 'severed']
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Iterator, Mapping
from itertools import combinations
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from diplorel._dates import When
from diplorel._representation import represent
from diplorel._save import write_atomic
from diplorel._status import Consular, Diplomatic, DyadState, MissionKind
from diplorel.exceptions import InvalidDateError, MissingExtraError

if TYPE_CHECKING:
    import pandas as pd

    from diplorel._history import History

COLUMNS = (
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
"""The panel's columns. ``level_a`` is the COW level of ``state_a``'s representative at
``state_b``: who is there, not the class agreed (see :func:`~diplorel.represent`), empty
(None) where the history has no record of the dyad (``diplomatic`` is then ``no_record``:
missing data never becomes 0); ``missions_a`` the kinds of mission ``state_a`` keeps there."""


@attrs.frozen
class Panel:
    """A dyad-year panel, held as columns (lists of equal length)."""

    data: Mapping[str, list[Any]] = attrs.field(repr=False)
    directed: bool = False

    @property
    def columns(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(self.data)

    def __len__(self) -> int:
        """The number of rows."""
        return len(self.data["year"])

    def rows(self) -> Iterator[dict[str, Any]]:
        """The rows, as dicts."""
        names = self.columns
        for values in zip(*(self.data[c] for c in names), strict=True):
            yield dict(zip(names, values, strict=True))

    def to_pandas(self) -> pd.DataFrame:
        """A pandas DataFrame with proper dtypes (needs the extra ``diplorel[pandas]``).

        Statuses are categoricals with every possible value, COW codes and levels nullable
        integers, flags booleans.
        """
        try:
            import pandas as pd  # noqa: PLC0415 - optional dependency
        except ImportError:  # pragma: no cover - exercised without pandas installed
            raise MissingExtraError("Panel.to_pandas", "pandas", "pandas") from None
        d = self.data
        return pd.DataFrame(
            {
                "year": pd.array(d["year"], dtype="Int16"),
                "state_a": pd.Categorical(d["state_a"]),
                "state_b": pd.Categorical(d["state_b"]),
                "ccode_a": pd.array(d["ccode_a"], dtype="Int16"),
                "ccode_b": pd.array(d["ccode_b"], dtype="Int16"),
                "diplomatic": pd.Categorical(
                    d["diplomatic"], categories=[x.value for x in Diplomatic]
                ),
                "consular": pd.Categorical(d["consular"], categories=[x.value for x in Consular]),
                "level_a": pd.array(d["level_a"], dtype="Int8"),
                "level_b": pd.array(d["level_b"], dtype="Int8"),
                "missions_a": pd.array(d["missions_a"], dtype="string"),
                "missions_b": pd.array(d["missions_b"], dtype="string"),
                "economic_ties": pd.array(d["economic_ties"], dtype="boolean"),
                "certain": pd.array(d["certain"], dtype="boolean"),
            }
        )

    def to_csv(self, path: str | os.PathLike[str]) -> int:
        """Write the panel as CSV (atomically); return the number of rows."""
        return write_csv(self, path)


def write_csv(rows: Panel | Iterable[Mapping[str, Any]], path: str | os.PathLike[str]) -> int:
    """Write a panel (or any rows of dicts with the same keys) as CSV, atomically.

    Booleans are written as ``true``/``false``, missing values as empty cells.
    """
    items = rows.rows() if isinstance(rows, Panel) else iter(rows)
    first = next(items, None)
    count = 0

    def text() -> str:
        nonlocal count
        out = io.StringIO()
        if first is None:
            if isinstance(rows, Panel):
                out.write(",".join(rows.columns) + "\n")
            return out.getvalue()
        w = csv.DictWriter(out, fieldnames=list(first), lineterminator="\n")
        w.writeheader()
        for row in (first, *items):
            w.writerow({k: _cell(v) for k, v in row.items()})
            count += 1
        return out.getvalue()

    write_atomic(path, text)
    return count


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _month_day(on: str) -> tuple[int, int]:
    try:
        month, day = (int(x) for x in on.split("-"))
        pendulum.Date(2000, month, day)  # a leap year: 02-29 is allowed
    except ValueError:
        raise InvalidDateError(on, "expected the day in each year as MM-DD, e.g. 12-31") from None
    return month, day


def _day(year: int, month: int, day: int) -> pendulum.Date:
    try:
        return pendulum.Date(year, month, day)
    except ValueError:  # 29 February in a common year: the last day of February
        return pendulum.Date(year, month, 28)


def _missions(state: DyadState, sender: str) -> str | None:
    if not state.presence_known_of(sender):
        return None
    missions = state.missions.get(sender)
    if not missions:
        return ""
    return ";".join(sorted({m.kind.value for m in missions}))


def _names(state: DyadState, a: str, b: str) -> tuple[str, str]:
    """The names ``a`` and ``b`` have in ``state`` (SUN for RUS in 1980)."""
    x, y = state.dyad
    if a in (x, y):
        return a, (y if a == x else x) if b not in (x, y) else b
    if b in (x, y):
        return (y if b == x else x), b
    return (x, y) if a < b else (y, x)


def _alive(history: History, codes: list[str], day: pendulum.Date) -> list[str]:
    """The states that exist on ``day``, each continuing state under its name of the day."""
    reg = history.registry
    alive = [c for c in codes if reg.get(c).exists_on(day)]
    by_lineage: dict[str, list[str]] = {}
    for c in alive:
        by_lineage.setdefault(history.filed_as(c), []).append(c)
    keep = set()
    for root, members in by_lineage.items():
        older = [m for m in members if m != root]
        keep.add(older[0] if older else root)
    return [c for c in alive if c in keep]


def ties_of(
    history: History,
    key: tuple[str, str],
    state: DyadState,
    pair: tuple[str, str],
    when: When,
) -> bool | None:
    """A panel's economic ties: a trade office or an active credit line; None if no record."""
    if state.missions_of(MissionKind.TRADE_OFFICE):
        return True
    if history.has_credit_lines(key):
        return history.status(*pair, on=when).economic_ties
    return False if state.presence_known and not state.presence_unknown else None


def level_of(state: DyadState, sender: str, year: int) -> int | None:
    """A panel's COW level of ``sender``: None where the history has no record of it."""
    if not state.presence_known_of(sender):
        return None
    return represent(state, sender, year=year).cow


def build_panel(
    history: History,
    *,
    years: Iterable[int],
    on: str = "12-31",
    directed: bool = False,
    states: Iterable[str] | None = None,
    engine: str = "python",
) -> Panel:
    """One row per dyad and year for the states that both exist on that year's ``on`` day.

    ``engine="numpy"`` builds the columns with array look-ups (identical values).
    """
    reg = history.registry
    month, mday = _month_day(on)
    codes = (
        sorted({reg.resolve(s) for s in states})
        if states is not None
        else sorted(s.code for s in reg)
    )
    if engine == "numpy":
        from diplorel._panel_numpy import build_columns  # noqa: PLC0415 - optional numpy

        data = build_columns(history, codes, list(years), (month, mday), directed=directed)
        return Panel(data=data, directed=directed)
    if engine != "python":
        msg = f"engine must be 'python' or 'numpy', not {engine!r}"
        raise ValueError(msg)
    data = {c: [] for c in COLUMNS}
    for year in years:
        day = _day(year, month, mday)
        when = When(day=day)
        alive = _alive(history, codes, day)
        ccode = {c: reg.get(c).cow_code(day) for c in alive}
        for a, b in combinations(alive, 2):
            key = history.key(a, b)
            state, certain = history.state_at_key(key, when)
            na, nb = _names(state, a, b)
            ties = ties_of(history, key, state, (a, b), when)
            rep = {n: level_of(state, n, year) for n in (na, nb)}
            for x, y, nx, ny in ((a, b, na, nb), (b, a, nb, na)) if directed else ((a, b, na, nb),):
                data["year"].append(year)
                data["state_a"].append(nx)
                data["state_b"].append(ny)
                data["ccode_a"].append(ccode[x])
                data["ccode_b"].append(ccode[y])
                data["diplomatic"].append(state.diplomatic.value)
                data["consular"].append(state.consular.value)
                data["level_a"].append(rep[nx])
                data["level_b"].append(rep[ny])
                data["missions_a"].append(_missions(state, nx))
                data["missions_b"].append(_missions(state, ny))
                data["economic_ties"].append(ties)
                data["certain"].append(certain)
    return Panel(data=data, directed=directed)
