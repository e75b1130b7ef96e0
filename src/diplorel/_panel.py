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
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import combinations
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from diplorel._dates import When
from diplorel._engines import DEFAULT_ENGINE, Engine, chosen
from diplorel._knowledge import KnownOn, knowledge_day
from diplorel._membership import RULES, SYSTEMS, Rule, System
from diplorel._panel_rows import (
    COLUMNS,
    Cell,
    alive_on,
    day_of,
    level_of,
    missions_of,
    names_in,
    ties_of,
)
from diplorel._provenance import provenance, write_sidecar
from diplorel._save import write_atomic
from diplorel._status import Consular, Diplomatic
from diplorel.exceptions import InvalidDateError, InvalidQueryError, MissingExtraError

if TYPE_CHECKING:
    import pandas as pd

    from diplorel._view import HistoryView


@attrs.frozen
class Panel:
    """A dyad-year panel, held as columns (lists of equal length)."""

    data: Mapping[str, list[Cell]] = attrs.field(repr=False)
    directed: bool = False
    provenance: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)
    """What the panel was built from and how (see :mod:`diplorel._provenance`): cite it."""

    @property
    def columns(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(self.data)

    def __len__(self) -> int:
        """The number of rows."""
        return len(self.data["year"])

    def involving(self, focal: Callable[[str], bool] | None) -> Panel:
        """The rows with a ``focal`` state on either side (all rows for None)."""
        if focal is None:
            return self
        a, b = self.data["state_a"], self.data["state_b"]
        keep = [i for i in range(len(a)) if focal(str(a[i])) or focal(str(b[i]))]
        data = {c: [v[i] for i in keep] for c, v in self.data.items()}
        return Panel(data=data, directed=self.directed, provenance=self.provenance)

    def rows(self) -> Iterator[dict[str, Cell]]:
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
            raise MissingExtraError("Panel.to_pandas", extra="pandas", package="pandas") from None
        d: Mapping[str, Any] = self.data  # cells of many types: pandas checks each column
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

    def to_csv(self, path: str | os.PathLike[str], *, sidecar: bool = True) -> int:
        """Write the panel as CSV (atomically); return the number of rows.

        Beside it goes ``<path>.provenance.json`` (unless ``sidecar=False``): the diplorel
        and data versions, the rules, the COW conventions and the query, to cite it by.
        """
        count = write_csv(self, path)
        if sidecar and self.provenance:
            write_sidecar(path, self.provenance)
        return count


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


def _pairs(alive: list[str], focal: Callable[[str], bool] | None) -> Iterable[tuple[str, str]]:
    """The pairs of ``alive`` states (sorted), or only those with a ``focal`` member."""
    if focal is None:
        return combinations(alive, 2)
    here = [f for f in alive if focal(f)]
    return sorted({(min(f, o), max(f, o)) for f in here for o in alive if o != f})


def build_panel(
    history: HistoryView,
    *,
    years: Iterable[int],
    on: str = "12-31",
    directed: bool = False,
    states: Iterable[str] | None = None,
    engine: Engine = DEFAULT_ENGINE,
    known_on: KnownOn = None,
    involving: Iterable[str] | None = None,
    system: System = "all",
    membership: Rule = "last_day",
) -> Panel:
    """One row per dyad and year for the states that both exist on that year's ``on`` day.

    ``engine`` (see :mod:`diplorel._engines`): the numpy engine builds the columns with array
    look-ups; the values are identical. ``known_on`` (a day, or ``"same"``: each row as known
    on its own day) answers from what could be known then, in Python. ``involving`` keeps the
    dyads of which at least one of those states is a member (a focal-state panel), built
    without the others. ``system`` keeps the members of COW's state system (``"cow"``) or of
    Gleditsch and Ward's (``"gw"``) instead of every state existing on the day (``"all"``),
    a year partly inside a membership spell counting by ``membership`` (see
    :mod:`diplorel._membership`).
    """
    if system not in SYSTEMS:
        raise InvalidQueryError(system, f"system is one of {', '.join(SYSTEMS)}")
    if membership not in RULES:
        raise InvalidQueryError(membership, f"membership is one of {', '.join(RULES)}")
    reg = history.registry
    month, mday = _month_day(on)
    involving = None if involving is None else list(involving)
    codes = (
        sorted({reg.resolve(s, where="states") for s in states})
        if states is not None
        else sorted(s.code for s in reg)
    )
    focal: Callable[[str], bool] | None = None
    if involving is not None:  # a state and its lineage (RUS: the Soviet Union's rows too)
        filed = {history.filed_as(reg.resolve(s, where="involving")) for s in involving}
        focal = lambda code: history.filed_as(code) in filed  # noqa: E731 - a predicate
    n_focal = 0 if involving is None else len(set(involving))
    years = list(years)

    def cite() -> dict[str, Any]:
        query = {
            "table": "dyad-year panel",
            "years": years,
            "on": f"{month:02d}-{mday:02d}",
            "directed": directed,
            "states": None if states is None else codes,
            "involving": None if involving is None else sorted(set(involving)),
            "known_on": known_on,
            "system": system,
            "membership": membership,
        }
        return provenance(history, query)

    n = len(codes)
    rows = len(years) * (n * (n - 1) // 2 if focal is None else n_focal * n)
    # the numpy engine builds every dyad: a focal panel is faster in Python unless asked
    arrays = engine == "numpy" if focal is not None else chosen(engine, rows=rows) == "numpy"
    if known_on is None and arrays:
        from diplorel._panel_numpy import build_columns  # noqa: PLC0415 - optional numpy

        data = build_columns(
            history,
            codes,
            list(years),
            (month, mday),
            directed=directed,
            system=system,
            rule=membership,
        )
        return Panel(data=data, directed=directed, provenance=cite()).involving(focal)
    data = {c: [] for c in COLUMNS}
    for year in years:
        day = day_of(year, month, mday)
        when = When(day=day)
        known = knowledge_day(known_on, when)
        alive = alive_on(history, codes, day, system, membership)
        ccode = {c: reg.get(c).cow_code(day) for c in alive}
        for a, b in _pairs(alive, focal):
            key = history.key(a, b)
            state, certain = history.state_at_key(key, when, known)
            na, nb = names_in(state, a, b)
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
                data["missions_a"].append(missions_of(state, nx))
                data["missions_b"].append(missions_of(state, ny))
                data["economic_ties"].append(ties)
                data["certain"].append(certain)
    return Panel(data=data, directed=directed, provenance=cite())
