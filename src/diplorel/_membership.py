"""State-system membership: which states a panel keeps in a year (COW's, G-W's, or all).

A state's membership spells come from the registry: COW's state system (``State.cow``) or
Gleditsch and Ward's list (``State.gw``; their data end on 2017-12-31, and a spell running
then counts as running on). A year partly inside a spell is decided by a rule, as in R's
``states`` package: ``first_day`` (a member on 1 January), ``last_day`` (on 31 December),
``any_day`` (on any day of the year) or ``majority`` (on more than half its days). A monthly
panel applies the rule to each month (a member on its first day, its last day, ...); in a
daily one every rule asks whether the state is a member on the day.

>>> import diplorel as dr
>>> from diplorel._membership import member_in
>>> ddr = dr.default_registry().get("DDR")
>>> member_in(ddr, "cow", 1990, "any_day"), member_in(ddr, "cow", 1990, "last_day")
(True, False)
"""

from __future__ import annotations

from typing import Literal, TypeAlias

import pendulum

from diplorel._states import State

System: TypeAlias = Literal["all", "cow", "gw"]
"""Which states a panel keeps: every state existing on the day, or a system's members."""

Rule: TypeAlias = Literal["first_day", "last_day", "any_day", "majority"]
"""How a year partly inside a membership spell counts (see the module's notes)."""

SYSTEMS: tuple[System, ...] = ("all", "cow", "gw")
RULES: tuple[Rule, ...] = ("first_day", "last_day", "any_day", "majority")


def member_in(state: State, system: System, year: int, rule: Rule) -> bool:
    """Whether ``state`` counts as a member of ``system`` in ``year`` under ``rule``."""
    return member_during(
        state, system, (pendulum.Date(year, 1, 1), pendulum.Date(year, 12, 31)), rule
    )


def member_during(
    state: State, system: System, period: tuple[pendulum.Date, pendulum.Date], rule: Rule
) -> bool:
    """Whether ``state`` counts as a member of ``system`` in ``period`` under ``rule``.

    ``period`` is its first and last day: a year, a month or a day.
    """
    if system == "all":
        return True
    first, last = period
    spells = [(s.start, s.end) for s in (state.cow if system == "cow" else state.gw)]
    if rule == "first_day":
        return any(start <= first and (end is None or first <= end) for start, end in spells)
    if rule == "last_day":
        return any(start <= last and (end is None or last <= end) for start, end in spells)
    days = 0
    for start, end in spells:
        lo, hi = max(start, first), min(end or last, last)
        if lo <= hi:
            days += (hi - lo).days + 1
    if rule == "any_day":
        return days > 0
    return 2 * days > (last - first).days + 1
