"""JSON-ready views of answers (status, explanation, timeline) for ``--json`` and services.

Built with the one converter of :mod:`diplorel._convert`, extended with hooks for the answer
types; the result is plain dicts, lists, strings, numbers and booleans.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from cattrs.preconf.json import JsonConverter

from diplorel._answer import Explanation, Period, Status
from diplorel._convert import ITEM, make_converter
from diplorel._credit import CreditLine
from diplorel._dates import When
from diplorel._events import Event
from diplorel._frozen import FrozenMap
from diplorel._representation import represent
from diplorel._status import DyadState, HeadOfMission, Mission

_RELATIONS_FACTS = ("agreed", "protecting_powers", "recognition", "governments")
"""What is unknown (null) where there is no record of the relations."""
_PRESENCE_FACTS = ("heads", "missions")
"""What is unknown (null) where there is no record of who is at post."""


@cache
def _converter() -> JsonConverter:
    c = make_converter(omit_defaults=False)
    c.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, FrozenMap),
        lambda m: {k: c.unstructure(v) for k, v in m.items()},
    )
    c.register_unstructure_hook(When, str)
    c.register_unstructure_hook_func(lambda t: t is Event, lambda e: c.unstructure(e, ITEM))
    return c


def _state(state: DyadState, year: int) -> dict[str, Any]:
    """A state as JSON-ready data; where there is no record, every dimension is null."""
    c = _converter()
    data: dict[str, Any] = c.unstructure(state)
    data["dyad"] = list(state.dyad)
    data["presence_unknown"] = sorted(state.presence_unknown)
    if not state.known:
        for k in _RELATIONS_FACTS:
            data[k] = None
    if not state.presence_known:
        for k in _PRESENCE_FACTS:
            data[k] = None
        data["representation"] = data["exchange"] = None
        return data
    reps = {s: represent(state, s, year=year) for s in state.dyad if state.presence_known_of(s)}
    for s in state.presence_unknown:  # one side not recorded: its facts unknown
        for k in (*_PRESENCE_FACTS, "agreed"):
            if isinstance(data[k], dict):
                data[k][s] = None
    data["representation"] = {
        s: {
            "mission": c.unstructure(r.mission, Mission | None),
            "head": c.unstructure(r.head, HeadOfMission | None),
            "cow": r.cow,
            "exchange": r.exchange,
        }
        for s, r in reps.items()
    }
    data["representation"].update(dict.fromkeys(state.presence_unknown))
    exchange = any(r.exchange for r in reps.values())
    data["exchange"] = True if exchange else (None if state.presence_unknown else False)
    return data


def status_to_json(status: Status) -> dict[str, Any]:
    """A status as JSON-ready data: every dimension, certainty, alternatives and pending acts."""
    c = _converter()
    year = status.on.day.year
    return {
        "on": str(status.on),
        "known_on": None if status.known_on is None else str(status.known_on),
        **_state(status.state, year),
        "certain": status.certain,
        "alternatives": [_state(a, year) for a in status.alternatives],
        "pending": [c.unstructure(p) for p in status.pending],
        "anomalies": [c.unstructure(a) for a in status.anomalies],
        "economic_ties": status.economic_ties,
        "credit_lines": [c.unstructure(line) for line in status.credit_lines],
    }


def explanation_to_json(explanation: Explanation) -> dict[str, Any]:
    """An explanation as JSON-ready data."""
    return _converter().unstructure(explanation)  # type: ignore[no-any-return]


def period_to_json(period: Period) -> dict[str, Any]:
    """A timeline period as JSON-ready data."""
    data: dict[str, Any] = _converter().unstructure(period)
    data["state"] = _state(period.state, period.start.earliest.year)
    return data


def credit_line_to_json(line: CreditLine) -> dict[str, Any]:
    """A credit line on a date as JSON-ready data (amounts as decimal strings)."""
    return _converter().unstructure(line)  # type: ignore[no-any-return]
