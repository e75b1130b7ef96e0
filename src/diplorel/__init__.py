"""diplorel: what was the relationship between two states on a given date, and why?

>>> import diplorel as dr
>>> h = dr.default_history()
>>> print(h.status("CUB", "KOR", on="1980-06-01").diplomatic)
Diplomatic.SEVERED
"""

import inspect as _inspect

from diplorel._answer import Explanation, Period, RuleApplication, Status, Step
from diplorel._bulk import BulkStatus
from diplorel._corrections import Retraction
from diplorel._coverage import Coverage, Dimension, Record
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
from diplorel._credit_ledger import CreditLedger
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
from diplorel._engine import Anomaly, AnomalyKind
from diplorel._events import (
    AmbassadorRecalled,
    AmbassadorReturned,
    ChargeRecalled,
    ConsularRelationsEstablished,
    ConsularRelationsSevered,
    DyadEvent,
    Event,
    GovernmentRecognitionWithdrawn,
    GovernmentRecognized,
    HeadOfMissionAccredited,
    HeadOfMissionDeparted,
    Intention,
    IntentionAnnounced,
    MissionClosed,
    MissionEvacuated,
    MissionOpened,
    PersonaNonGrataDeclared,
    PresenceObserved,
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
from diplorel._intervals import Intervals, intervals
from diplorel._money import Currency, Money, currency, format_money, parse_money
from diplorel._network import Edge, Network
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
from diplorel._representation import CowConventions, Representation, represent
from diplorel._save import FileToken, file_token
from diplorel._states import State, StateRegistry, default_registry, resolve_state
from diplorel._status import (
    Consular,
    Diplomatic,
    DyadState,
    HeadOfMission,
    Level,
    Mission,
    MissionKind,
    Rank,
    Recognition,
)
from diplorel.exceptions import (
    CreditLineError,
    CurrencyMismatchError,
    DiplorelError,
    FloatAmountError,
    InvalidAmountError,
    InvalidDateError,
    InvalidEventError,
    InvalidQueryError,
    InvalidTransitionError,
    InvalidTypeError,
    InvalidValueError,
    LoadError,
    MalformedNoteError,
    MissingExtraError,
    Problem,
    RuleError,
    SaveError,
    StateNotInExistenceError,
    UnknownCreditLineError,
    UnknownCurrencyError,
    UnknownStateError,
)

__all__ = [
    "AmbassadorRecalled",
    "AmbassadorReturned",
    "Anomaly",
    "AnomalyKind",
    "BulkStatus",
    "ChargeRecalled",
    "Consular",
    "ConsularRelationsEstablished",
    "ConsularRelationsSevered",
    "Coverage",
    "CowConventions",
    "CreditLedger",
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
    "Dimension",
    "Diplomatic",
    "DiplomaticNote",
    "DiplorelError",
    "DyadEvent",
    "DyadState",
    "Edge",
    "Event",
    "ExchangeOfNotes",
    "Explanation",
    "FileToken",
    "FloatAmountError",
    "FuzzyDate",
    "GovernmentRecognitionWithdrawn",
    "GovernmentRecognized",
    "HeadOfMission",
    "HeadOfMissionAccredited",
    "HeadOfMissionDeparted",
    "History",
    "Intention",
    "IntentionAnnounced",
    "Intervals",
    "InvalidAmountError",
    "InvalidDateError",
    "InvalidEventError",
    "InvalidQueryError",
    "InvalidTransitionError",
    "InvalidTypeError",
    "InvalidValueError",
    "JointCommunique",
    "Level",
    "LoadError",
    "MalformedNoteError",
    "MissingExtraError",
    "Mission",
    "MissionClosed",
    "MissionEvacuated",
    "MissionKind",
    "MissionOpened",
    "Money",
    "Network",
    "NoteKind",
    "Notice",
    "Panel",
    "Pending",
    "Period",
    "PersonaNonGrataDeclared",
    "Precision",
    "PresenceObserved",
    "Problem",
    "Proposal",
    "ProtectingPowerAppointed",
    "ProtectingPowerEnded",
    "Qualifier",
    "Rank",
    "Recognition",
    "RecognitionWithdrawn",
    "Recognized",
    "Record",
    "RelationsEstablished",
    "RelationsResumed",
    "RelationsSevered",
    "RelationsSuspended",
    "Representation",
    "RepresentationChanged",
    "Retraction",
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
    "file_token",
    "format_edtf",
    "format_money",
    "intervals",
    "load",
    "loads",
    "loads_jsonl",
    "parse_edtf",
    "parse_money",
    "represent",
    "resolve_state",
    "to_when",
]


def _show_as_public(obj: object) -> None:
    """Make ``obj`` (a class: with the methods its body defines) say it is ``diplorel``'s.

    As in svcs: ``repr``, ``help`` and pickles then name ``diplorel.History``, the name users
    import. Two things look a name up in the module that ``__module__`` names, and are kept
    working: ``typing.get_type_hints`` (so cattrs) evaluates a class's string annotations there,
    so they are evaluated first, where they were written; and doctest collects a docstring's
    examples with that module, so a class's methods go along with it.
    """
    if isinstance(obj, type):
        if "__annotations__" in vars(obj):
            obj.__annotations__ = _inspect.get_annotations(obj, eval_str=True)
        for member in vars(obj).values():
            function = getattr(member, "__func__", member)  # staticmethod, classmethod
            if callable(function) and getattr(function, "__qualname__", "").startswith(
                f"{obj.__qualname__}."
            ):
                function.__module__ = "diplorel"
    obj.__module__ = "diplorel"


for _name in __all__:  # the exceptions keep their public module, diplorel.exceptions
    if globals()[_name].__module__.startswith("diplorel._"):
        _show_as_public(globals()[_name])
del _name, _show_as_public
