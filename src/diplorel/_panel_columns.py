"""A panel's columns: which there are, the state codes a panel may add, and each one's kind.

The code columns a panel adds on request (``codes=``) hold each side's code in another
system, named as the data sets researchers merge with name them, with ``_a`` and ``_b`` for
the two sides as the panel's other columns:

- ``gwcode``: the Gleditsch-Ward number on the row's day (the name of G-W's list and of R's
  ``peacesciencer``, ``states`` and ``isard``); it changes with the date (Germany 260 from
  1949, also after 1990 where COW has 255; unified Yemen 678 where COW has 679);
- ``gwc``: G-W's three letters on the row's day (``GFR``; R's ``states`` and ``countrycode``);
- ``iso2c``, ``iso3c``, ``iso3n``: ISO 3166-1 alpha-2, alpha-3 and numeric codes (ISO
  3166-3's former ones for withdrawn states: ``SU``, ``SUN``, 810), as ``countrycode`` names
  them; states with diplorel's own code (``XKX``) have none;
- ``m49``: the UN M49 number (``countrycode``'s ``un``);
- ``wb_name``: the World Bank's short name (``Korea, Rep.``).

Empty (None) where the system has no code for the state then (a state outside G-W's list).
The registry holds every code with its source (see ``docs/howto/codes.md``).

>>> import diplorel as dr
>>> p = dr.default_history().panel(years=[1980, 2000], states=["DEU", "YEM"],
...                                codes=["gwcode", "iso3c"])
>>> [(r["year"], r["ccode_a"], r["gwcode_a"], r["ccode_b"], r["gwcode_b"]) for r in p.rows()]
[(1980, 260, 260, 678, 678), (2000, 255, 260, 679, 678)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal, NamedTuple

import pendulum

from diplorel._coverage import Record
from diplorel._membership import Rule, System
from diplorel._panel_periods import LABELS, Unit
from diplorel._panel_rows import COLUMNS, Cell
from diplorel._states import State
from diplorel._status import Consular, Diplomatic
from diplorel.exceptions import InvalidQueryError


def _iso3c(state: State, _: pendulum.Date) -> str | None:
    return None if state.code_kind == "user-assigned" else state.code


CODES: Mapping[str, Callable[[State, pendulum.Date], Cell]] = {
    "gwcode": lambda state, day: state.gw_code(day),
    "gwc": lambda state, day: state.gw_letters(day),
    "iso2c": lambda state, _: state.iso2,
    "iso3c": _iso3c,
    "iso3n": lambda state, _: state.iso_numeric,
    "m49": lambda state, _: state.m49,
    "wb_name": lambda state, _: state.wb_name,
}
"""The codes a panel can add, each with how a state's code on a day is found."""


def code_names(codes: str | Iterable[str] | None) -> tuple[str, ...]:
    """The codes asked for, in order, each once; a name that is none of them is refused.

    One name may be given as a string (``"gwcode"``).
    """
    if codes is None:
        return ()
    names = (codes,) if isinstance(codes, str) else tuple(codes)
    for name in names:
        if name not in CODES:
            raise InvalidQueryError(name, f"codes are {', '.join(CODES)}")
    return tuple(dict.fromkeys(names))


def columns(codes: tuple[str, ...] = (), unit: Unit = "year") -> tuple[str, ...]:
    """A panel's columns: the period's labels first, the ``codes`` after the COW codes."""
    at = COLUMNS.index("ccode_b") + 1
    added = tuple(f"{code}_{side}" for code in codes for side in "ab")
    return (*LABELS[unit], *COLUMNS[1:at], *added, *COLUMNS[at:])


def state_codes(
    states: Iterable[State], day: pendulum.Date, codes: tuple[str, ...]
) -> dict[str, tuple[Cell, ...]]:
    """Each state's ``codes`` on ``day``, by its code."""
    found = [CODES[c] for c in codes]
    return {s.code: tuple(code(s, day) for code in found) for s in states}


class Shape(NamedTuple):
    """What a panel's rows are and which columns it has, as both engines take it."""

    unit: Unit
    """The periods (see :mod:`diplorel._panel_periods`)."""
    directed: bool
    """Each pair twice, (a, b) and (b, a)."""
    system: System
    """Which states' rows (see :mod:`diplorel._membership`)."""
    rule: Rule
    """How a period partly inside a membership spell counts."""
    codes: tuple[str, ...]
    """The codes added (:data:`CODES`)."""


class Kind(NamedTuple):
    """What a column holds, for typed tables (pandas, Arrow): its type and, if fixed, values.

    ``type`` is ``int`` (with its ``bits``), ``bool``, ``text`` (free text) or ``category``
    (few distinct values; ``categories`` when every possible one is known).
    """

    type: Literal["int", "bool", "text", "category"]
    bits: int = 0
    categories: tuple[str, ...] | None = None


_INTS = {
    "draw": 16,
    "year": 16,
    "month": 8,
    "day": 8,
    "ccode": 16,
    "gwcode": 16,
    "iso3n": 16,
    "m49": 16,
    "level": 8,
    "events": 32,
}
_FIXED = {
    "diplomatic": tuple(x.value for x in Diplomatic),
    "consular": tuple(x.value for x in Consular),
    "coverage": tuple(x.value for x in Record),
}


def kind_of(column: str) -> Kind:
    """The kind of a panel column (the two sides' columns alike)."""
    stem = column[:-2] if column.endswith(("_a", "_b")) else column
    if stem in _INTS:
        return Kind("int", _INTS[stem])
    if stem in _FIXED:
        return Kind("category", categories=_FIXED[stem])
    if stem in {"economic_ties", "certain"}:
        return Kind("bool")
    if stem == "missions":
        return Kind("text")
    return Kind("category")  # the states' codes and names


def pandas_column(pd: Any, column: str, values: list[Cell]) -> Any:  # noqa: ANN401 - pandas
    """A column as pandas holds it best (see :func:`kind_of`)."""
    kind = kind_of(column)
    if kind.type == "int":
        return pd.array(values, dtype=f"Int{kind.bits}")
    if kind.type == "bool":
        return pd.array(values, dtype="boolean")
    if kind.type == "text":
        return pd.array(values, dtype="string")
    return pd.Categorical(values, categories=kind.categories)
