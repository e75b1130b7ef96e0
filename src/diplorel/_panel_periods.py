"""A panel's periods: years, months or days, and the day on which each is observed.

A panel has one row per pair of states and period (``unit``): a year (the default), a month or
a day. Each period is observed on one day of it (``on``): in a yearly panel a day of the year
(``"MM-DD"``, default ``"12-31"``), in a monthly one a day of the month (``"DD"``, default its
last day; a day past the month's end is its last day, as ``"02-29"`` is 28 February in a common
year), in a daily one the day itself. The acts a row counts (``events``) are those of its
period up to the observed day, from the day after the period before was observed (with the
default days: the calendar year, month or day). System membership is decided over the calendar
period (see :mod:`diplorel._membership`).

>>> [(p.labels, str(p.first), str(p.day)) for p in periods([2024], "month", None)][1]
((2024, 2), '2024-02-01', '2024-02-29')
>>> [(p.labels, str(p.first), str(p.day)) for p in periods([2023], "year", "06-30")]
[((2023,), '2022-07-01', '2023-06-30')]
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from typing import Literal, NamedTuple, TypeAlias

import pendulum

from diplorel.exceptions import InvalidDateError, InvalidQueryError

Unit: TypeAlias = Literal["year", "month", "day"]
"""A panel's period."""

UNITS: tuple[Unit, ...] = ("year", "month", "day")

LABELS: dict[Unit, tuple[str, ...]] = {
    "year": ("year",),
    "month": ("year", "month"),
    "day": ("year", "month", "day"),
}
"""The columns that name a row's period."""

_FIRST_DAY = pendulum.Date(1, 1, 1)


class Period(NamedTuple):
    """One period of a panel: its labels, the days its acts are counted over, its calendar span.

    ``labels`` fill the columns of :data:`LABELS` (``(2024, 2)``); ``first`` to ``day`` (the
    observed day) is what ``events`` counts; ``start`` to ``end`` the calendar year, month or
    day, over which system membership is decided.
    """

    labels: tuple[int, ...]
    first: pendulum.Date
    day: pendulum.Date
    start: pendulum.Date
    end: pendulum.Date


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_day(on: str) -> tuple[int, int]:
    try:
        month, day = (int(x) for x in on.split("-"))
        pendulum.Date(2000, month, day)  # a leap year: 02-29 is allowed
    except ValueError:
        raise InvalidDateError(on, "expected the day in each year as MM-DD, e.g. 12-31") from None
    return month, day


def _day_of_month(on: str) -> int:
    text = on.strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 31:  # noqa: PLR2004
        raise InvalidDateError(on, "expected the day in each month as DD, e.g. 15 (or 31)")
    return int(text)


def observed(unit: Unit, on: str | None) -> str | None:
    """``on`` checked for ``unit``, written as the panel's provenance gives it.

    Raises :class:`~diplorel.InvalidQueryError` for an unknown unit or an ``on`` a daily
    panel cannot take, :class:`~diplorel.InvalidDateError` for a day not of the unit's form.
    """
    if unit not in UNITS:
        raise InvalidQueryError(unit, f"unit is one of {', '.join(UNITS)}")
    if unit == "day":
        if on is not None:
            raise InvalidQueryError(on, "a daily panel observes every day: leave on out")
        return None
    if unit == "year":
        month, day = _month_day("12-31" if on is None else on)
        return f"{month:02d}-{day:02d}"
    return None if on is None else f"{_day_of_month(on):02d}"


def _clipped(year: int, month: int, day: int) -> pendulum.Date:
    """The day, or the month's last day if the month is shorter (29 February, 31 April)."""
    return pendulum.Date(year, month, min(day, _last_day(year, month)))


def periods(years: Iterable[int], unit: Unit, on: str | None) -> list[Period]:
    """The periods of ``years`` by ``unit``, each observed on its ``on`` day (see the module)."""
    on = observed(unit, on)
    out: list[Period] = []
    for year in years:
        if unit == "year":
            month, day = _month_day(on or "12-31")
            last = _clipped(year, month, day)
            before = _clipped(year - 1, month, day) if year > 1 else None
            start, end = pendulum.Date(year, 1, 1), pendulum.Date(year, 12, 31)
            out.append(Period((year,), _after(before), last, start, end))
            continue
        for month in range(1, 13):
            start = pendulum.Date(year, month, 1)
            end = pendulum.Date(year, month, _last_day(year, month))
            if unit == "day":
                out.extend(
                    Period((year, month, d.day), d, d, d, d)
                    for d in (start.add(days=i) for i in range(end.day))
                )
                continue
            day = 31 if on is None else int(on)
            last = _clipped(year, month, day)
            y, m = (year, month - 1) if month > 1 else (year - 1, 12)
            before = _clipped(y, m, day) if y > 0 else None
            out.append(Period((year, month), _after(before), last, start, end))
    return out


def _after(day: pendulum.Date | None) -> pendulum.Date:
    return _FIRST_DAY if day is None else day.add(days=1)
