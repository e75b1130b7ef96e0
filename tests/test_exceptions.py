"""Exception constructors: the offending value (and a reason) by position, the rest by keyword.

Each exported exception class is walked, so a new one is held to the same shape, and each must
survive pickling (as between the processes of a pool) with all its attributes.
"""

from __future__ import annotations

import copy
import inspect
import pickle

import pytest

import diplorel as dr
from diplorel import exceptions
from diplorel.exceptions import Problem

CLASSES: tuple[type[dr.DiplorelError], ...] = tuple(
    c
    for c in (getattr(exceptions, name) for name in exceptions.__all__)
    if isinstance(c, type) and issubclass(c, dr.DiplorelError)
)
SPECIFIC = tuple(c for c in CLASSES if c is not dr.DiplorelError)

POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)

TWO_VALUES: dict[type[dr.DiplorelError], tuple[str, str]] = {
    dr.CurrencyMismatchError: ("left", "right"),
    dr.LoadError: ("source", "problems"),
}
"""The errors whose offending value is two values (and so take no reason by position)."""

SAMPLES: dict[type[dr.DiplorelError], dr.DiplorelError] = {
    dr.DiplorelError: dr.DiplorelError("something went wrong"),
    dr.UnknownStateError: dr.UnknownStateError(
        "Koreaa", suggestions=("KOR", "PRK"), where="$.items[0].between[1]"
    ),
    dr.StateNotInExistenceError: dr.StateNotInExistenceError(
        "GDR", on="1995", existence="1949-10-07/1990-10-03", event="RelationsEstablished"
    ),
    dr.InvalidDateError: dr.InvalidDateError("1990-13", "no month 13", where="$.on"),
    dr.InvalidEventError: dr.InvalidEventError("MissionOpened", "the sender is not in the dyad"),
    dr.MalformedNoteError: dr.MalformedNoteError("n1", "it replies to itself"),
    dr.InvalidTransitionError: dr.InvalidTransitionError(
        dyad=("CUB", "KOR"),
        on="1950",
        event="RelationsSevered CUB-KOR by CUB on 1950",
        met="diplomatic relations none",
        rule="unilateral_break",
        reason="there were no relations to break",
    ),
    dr.CreditLineError: dr.CreditLineError(
        line_id="kor-cub-2005",
        dyad=("CUB", "KOR"),
        on="2011-01-01",
        event="CreditLineDrawn kor-cub-2005",
        met="credit line kor-cub-2005",
        rule="drawing_within_available",
        reason="beyond the available",
        amount="USD 60,000,000.00",
        available="USD 57,499,999.50",
    ),
    dr.RuleError: dr.RuleError(["duplicate rule name 'a'", "rule 'b' is for no event type"]),
    dr.UnknownCurrencyError: dr.UnknownCurrencyError("USX", suggestions=("USD",)),
    dr.CurrencyMismatchError: dr.CurrencyMismatchError("USD", "EUR", operation="add"),
    dr.InvalidAmountError: dr.InvalidAmountError("1.234", "USD has 2 minor units"),
    dr.FloatAmountError: dr.FloatAmountError(1.5),
    dr.UnknownCreditLineError: dr.UnknownCreditLineError("x", known=("a", "b")),
    dr.LoadError: dr.LoadError("h.json", [Problem("y", path="$.on", line=2, column=3)]),
    dr.SaveError: dr.SaveError(
        "h.json", "the disk is full", target="real/h.json", kept_previous=True, lost_update=True
    ),
    dr.MissingExtraError: dr.MissingExtraError("Panel.to_pandas", extra="pandas", package="pandas"),
    dr.InvalidTypeError: dr.InvalidTypeError(
        "false", field="consular", expected="a bool", hint="pass False"
    ),
    dr.InvalidValueError: dr.InvalidValueError(
        "ambasador", allowed=("ambassador", "minister"), suggestions=("ambassador",)
    ),
    dr.InvalidQueryError: dr.InvalidQueryError(("KOR", "KOR"), "the same state twice"),
}


def _positional(cls: type) -> list[inspect.Parameter]:
    params = inspect.signature(cls).parameters.values()
    assert all(p.kind is not inspect.Parameter.VAR_POSITIONAL for p in params), cls
    return [p for p in params if p.kind in POSITIONAL]


def test_every_exception_is_exported() -> None:
    """The walk below sees every exception the package exports."""
    exported = {
        name
        for name in dr.__all__
        if isinstance(getattr(dr, name), type) and issubclass(getattr(dr, name), BaseException)
    }
    assert exported <= {c.__name__ for c in CLASSES}
    assert len(SPECIFIC) >= 19


@pytest.mark.parametrize("cls", SPECIFIC, ids=lambda c: c.__name__)
def test_value_and_reason_positional_rest_keyword_only(cls: type[dr.DiplorelError]) -> None:
    """At most two parameters by position: the offending value and a reason (or two values)."""
    assert "__init__" in vars(cls), f"{cls.__name__} should state its own constructor"
    names = tuple(p.name for p in _positional(cls))
    assert len(names) <= 2, f"{cls.__name__}{inspect.signature(cls)}: context must be keyword-only"
    if len(names) == 2:
        assert names[1] == "reason" or TWO_VALUES.get(cls) == names, (
            f"{cls.__name__}{inspect.signature(cls)}: the second positional parameter must be "
            "the reason"
        )


def test_context_cannot_be_given_by_position() -> None:
    """Context given by position is refused, not taken for something else."""
    with pytest.raises(TypeError):
        dr.UnknownStateError("Koreaa", ("KOR",))  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        dr.StateNotInExistenceError("GDR", "1995", "1949/1990")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        dr.CurrencyMismatchError("USD", "EUR", "add")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        dr.InvalidTypeError("consular", "false", "a bool")  # type: ignore[call-arg]


def test_messages() -> None:
    """The keyword-only context still makes the same sentences."""
    assert str(SAMPLES[dr.UnknownStateError]) == (
        "unknown state 'Koreaa' (in $.items[0].between[1]); did you mean KOR, PRK?"
    )
    assert str(SAMPLES[dr.StateNotInExistenceError]) == (
        "GDR did not exist on the RelationsEstablished on 1995: it existed 1949-10-07/1990-10-03"
    )
    assert str(SAMPLES[dr.InvalidTransitionError]) == (
        "CUB-KOR on 1950: RelationsSevered CUB-KOR by CUB on 1950 is not allowed when diplomatic "
        "relations none (rule unilateral_break: there were no relations to break)"
    )
    assert str(SAMPLES[dr.CurrencyMismatchError]) == (
        "cannot add USD and EUR: amounts are in different currencies"
    )
    assert (
        str(SAMPLES[dr.InvalidTypeError])
        == "consular: expected a bool, got str 'false'; pass False"
    )
    assert str(dr.InvalidTypeError(1, expected="a string")) == "expected a string, got int 1"
    assert str(SAMPLES[dr.UnknownCreditLineError]) == "unknown credit line 'x'; known lines: a, b"
    assert str(dr.UnknownCreditLineError("x", reason="it was not yet opened on 2004")) == (
        "no credit line 'x': it was not yet opened on 2004"
    )
    assert str(SAMPLES[dr.MissingExtraError]) == (
        "Panel.to_pandas needs pandas: install it with pip install 'diplorel[pandas]'"
    )
    assert str(SAMPLES[dr.InvalidValueError]) == (
        "'ambasador' is not one of 'ambassador' or 'minister'; did you mean 'ambassador'?"
    )


def test_every_class_has_a_sample() -> None:
    """Each exception class is pickled below: a new one needs a sample here."""
    assert set(SAMPLES) == set(CLASSES)
    assert all(type(e) is cls for cls, e in SAMPLES.items())


def _same(back: BaseException, e: BaseException) -> None:
    assert type(back) is type(e)
    assert str(back) == str(e)
    assert back.args == e.args
    assert vars(back) == vars(e)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_pickles_with_its_attributes(cls: type[dr.DiplorelError]) -> None:
    """Each error survives pickling (as between processes) and copying, attributes and all."""
    e = SAMPLES[cls]
    back = pickle.loads(pickle.dumps(e))  # noqa: S301 - our own data
    _same(back, e)
    _same(copy.copy(e), e)
    _same(copy.deepcopy(e), e)


def test_pickle_keeps_places_notes_and_import_name() -> None:
    """Problems keep their place, notes are kept, a missing extra still names its package."""
    e = SAMPLES[dr.LoadError]
    assert isinstance(e, dr.LoadError)
    back = pickle.loads(pickle.dumps(e))  # noqa: S301 - our own data
    (p,) = back.problems
    assert (p.path, p.line, p.column) == ("$.on", 2, 3)
    noted = dr.UnknownStateError("Koreaa")
    noted.add_note("while reading row 4")
    assert pickle.loads(pickle.dumps(noted)).__notes__ == ["while reading row 4"]  # noqa: S301
    missing = pickle.loads(pickle.dumps(SAMPLES[dr.MissingExtraError]))  # noqa: S301
    assert missing.name == "pandas"
    saved = pickle.loads(pickle.dumps(SAMPLES[dr.SaveError]))  # noqa: S301
    assert (saved.target, saved.kept_previous, saved.lost_update) == ("real/h.json", True, True)


def test_a_subclass_of_ones_own_pickles() -> None:
    """A caller's subclass with a constructor of its own still pickles the usual way."""
    back = pickle.loads(pickle.dumps(_Own("not mine")))  # noqa: S301 - our own data
    assert (type(back), str(back)) == (_Own, "not mine")


class _Own(dr.DiplorelError):
    def __init__(self, text: str) -> None:
        super().__init__(text)
