"""diplorel: what was the relationship between two states on a given date, and why?

>>> import diplorel as dr
>>> h = dr.default_history()
>>> print(h.status("CUB", "KOR", on="1980-06-01").diplomatic)
Diplomatic.SEVERED
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from diplorel.exceptions import (
    CreditLineError,
    CurrencyMismatchError,
    DiplorelError,
    FloatAmountError,
    InvalidAmountError,
    InvalidDateError,
    InvalidEventError,
    InvalidTransitionError,
    LoadError,
    MalformedNoteError,
    MissingExtraError,
    RuleError,
    SaveError,
    StateNotInExistenceError,
    UnknownCreditLineError,
    UnknownCurrencyError,
    UnknownStateError,
)

if TYPE_CHECKING:  # the names below load on first use (PEP 562), so import stays light
    from diplorel._answer import Explanation, Period, RuleApplication, Status, Step
    from diplorel._bulk import BulkStatus
    from diplorel._credit import (
        CreditLine,
        CreditLineCancelled,
        CreditLineDrawn,
        CreditLineLimitChanged,
        CreditLineOpened,
        CreditLineReinstated,
        CreditLineRepaid,
        CreditLineState,
        CreditLineSuspended,
        CreditStatus,
    )
    from diplorel._dates import (
        FuzzyDate,
        Precision,
        Qualifier,
        When,
        format_edtf,
        parse_edtf,
        to_when,
    )
    from diplorel._default_history import default_history
    from diplorel._engine import Anomaly
    from diplorel._events import (
        AmbassadorRecalled,
        AmbassadorReturned,
        ConsularRelationsEstablished,
        ConsularRelationsSevered,
        DyadEvent,
        Event,
        HeadOfMissionAccredited,
        MissionClosed,
        MissionOpened,
        ProtectingPowerAppointed,
        ProtectingPowerEnded,
        RecognitionWithdrawn,
        Recognized,
        RelationsEstablished,
        RelationsResumed,
        RelationsSevered,
        RelationsSuspended,
        RepresentationChanged,
        Source,
        StateContinued,
        StateExtinguished,
    )
    from diplorel._files import dump, dumps, dumps_jsonl, load, loads, loads_jsonl
    from diplorel._history import History
    from diplorel._money import Currency, Money, currency, format_money, parse_money
    from diplorel._notes import (
        DiplomaticNote,
        ExchangeOfNotes,
        JointCommunique,
        NoteKind,
        Notice,
        Pending,
        Proposal,
    )
    from diplorel._panel import Panel
    from diplorel._states import State, StateRegistry, default_registry, resolve_state
    from diplorel._status import (
        Consular,
        Diplomatic,
        DyadState,
        HeadOfMission,
        Level,
        Mission,
        MissionKind,
        Recognition,
    )

_LAZY: dict[str, str] = {
    "AmbassadorRecalled": "diplorel._events",
    "AmbassadorReturned": "diplorel._events",
    "Anomaly": "diplorel._engine",
    "BulkStatus": "diplorel._bulk",
    "Consular": "diplorel._status",
    "ConsularRelationsEstablished": "diplorel._events",
    "ConsularRelationsSevered": "diplorel._events",
    "CreditLine": "diplorel._credit",
    "CreditLineCancelled": "diplorel._credit",
    "CreditLineDrawn": "diplorel._credit",
    "CreditLineLimitChanged": "diplorel._credit",
    "CreditLineOpened": "diplorel._credit",
    "CreditLineReinstated": "diplorel._credit",
    "CreditLineRepaid": "diplorel._credit",
    "CreditLineState": "diplorel._credit",
    "CreditLineSuspended": "diplorel._credit",
    "CreditStatus": "diplorel._credit",
    "Currency": "diplorel._money",
    "Diplomatic": "diplorel._status",
    "DiplomaticNote": "diplorel._notes",
    "DyadEvent": "diplorel._events",
    "DyadState": "diplorel._status",
    "Event": "diplorel._events",
    "ExchangeOfNotes": "diplorel._notes",
    "Explanation": "diplorel._answer",
    "FuzzyDate": "diplorel._dates",
    "HeadOfMission": "diplorel._status",
    "HeadOfMissionAccredited": "diplorel._events",
    "History": "diplorel._history",
    "JointCommunique": "diplorel._notes",
    "Level": "diplorel._status",
    "Mission": "diplorel._status",
    "MissionClosed": "diplorel._events",
    "MissionKind": "diplorel._status",
    "MissionOpened": "diplorel._events",
    "Money": "diplorel._money",
    "NoteKind": "diplorel._notes",
    "Notice": "diplorel._notes",
    "Panel": "diplorel._panel",
    "Pending": "diplorel._notes",
    "Period": "diplorel._answer",
    "Precision": "diplorel._dates",
    "Proposal": "diplorel._notes",
    "ProtectingPowerAppointed": "diplorel._events",
    "ProtectingPowerEnded": "diplorel._events",
    "Qualifier": "diplorel._dates",
    "Recognition": "diplorel._status",
    "RecognitionWithdrawn": "diplorel._events",
    "Recognized": "diplorel._events",
    "RelationsEstablished": "diplorel._events",
    "RelationsResumed": "diplorel._events",
    "RelationsSevered": "diplorel._events",
    "RelationsSuspended": "diplorel._events",
    "RepresentationChanged": "diplorel._events",
    "RuleApplication": "diplorel._answer",
    "Source": "diplorel._events",
    "State": "diplorel._states",
    "StateContinued": "diplorel._events",
    "StateExtinguished": "diplorel._events",
    "StateRegistry": "diplorel._states",
    "Status": "diplorel._answer",
    "Step": "diplorel._answer",
    "When": "diplorel._dates",
    "currency": "diplorel._money",
    "default_history": "diplorel._default_history",
    "default_registry": "diplorel._states",
    "dump": "diplorel._files",
    "dumps": "diplorel._files",
    "dumps_jsonl": "diplorel._files",
    "format_edtf": "diplorel._dates",
    "format_money": "diplorel._money",
    "load": "diplorel._files",
    "loads": "diplorel._files",
    "loads_jsonl": "diplorel._files",
    "parse_edtf": "diplorel._dates",
    "parse_money": "diplorel._money",
    "resolve_state": "diplorel._states",
    "to_when": "diplorel._dates",
}
"""Public name -> the private module that defines it."""


def __getattr__(name: str) -> object:
    """Load a public name from its module on first use."""
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'diplorel' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names."""
    return sorted(__all__)


__all__ = [
    "AmbassadorRecalled",
    "AmbassadorReturned",
    "Anomaly",
    "BulkStatus",
    "Consular",
    "ConsularRelationsEstablished",
    "ConsularRelationsSevered",
    "CreditLine",
    "CreditLineCancelled",
    "CreditLineDrawn",
    "CreditLineError",
    "CreditLineLimitChanged",
    "CreditLineOpened",
    "CreditLineReinstated",
    "CreditLineRepaid",
    "CreditLineState",
    "CreditLineSuspended",
    "CreditStatus",
    "Currency",
    "CurrencyMismatchError",
    "Diplomatic",
    "DiplomaticNote",
    "DiplorelError",
    "DyadEvent",
    "DyadState",
    "Event",
    "ExchangeOfNotes",
    "Explanation",
    "FloatAmountError",
    "FuzzyDate",
    "HeadOfMission",
    "HeadOfMissionAccredited",
    "History",
    "InvalidAmountError",
    "InvalidDateError",
    "InvalidEventError",
    "InvalidTransitionError",
    "JointCommunique",
    "Level",
    "LoadError",
    "MalformedNoteError",
    "MissingExtraError",
    "Mission",
    "MissionClosed",
    "MissionKind",
    "MissionOpened",
    "Money",
    "NoteKind",
    "Notice",
    "Panel",
    "Pending",
    "Period",
    "Precision",
    "Proposal",
    "ProtectingPowerAppointed",
    "ProtectingPowerEnded",
    "Qualifier",
    "Recognition",
    "RecognitionWithdrawn",
    "Recognized",
    "RelationsEstablished",
    "RelationsResumed",
    "RelationsSevered",
    "RelationsSuspended",
    "RepresentationChanged",
    "RuleApplication",
    "RuleError",
    "SaveError",
    "Source",
    "State",
    "StateContinued",
    "StateExtinguished",
    "StateNotInExistenceError",
    "StateRegistry",
    "Status",
    "Step",
    "UnknownCreditLineError",
    "UnknownCurrencyError",
    "UnknownStateError",
    "When",
    "currency",
    "default_history",
    "default_registry",
    "dump",
    "dumps",
    "dumps_jsonl",
    "format_edtf",
    "format_money",
    "load",
    "loads",
    "loads_jsonl",
    "parse_edtf",
    "parse_money",
    "resolve_state",
    "to_when",
]
