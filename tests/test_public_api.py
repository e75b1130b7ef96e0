"""The public API is one list, ``diplorel.__all__``; each name in it is shown as ``diplorel.X``.

``diplorel/__init__.py`` imports its names eagerly and sets ``__module__ = "diplorel"`` on what
the private modules define (the exceptions keep their public module, ``diplorel.exceptions``).
These tests keep the list, the namespace and the names in step, and check what the renaming
could break: pickles (found by ``__module__`` and ``__qualname__``) and annotations (looked up
in the module ``__module__`` names, by ``typing.get_type_hints`` and so by cattrs).
"""

from __future__ import annotations

import doctest
import enum
import importlib
import inspect
import pickle
import types
import typing
from collections.abc import Iterator

import attrs
import pendulum
import pytest

import diplorel as dr
from diplorel import exceptions

EXPORTED = [getattr(dr, name) for name in dr.__all__]
CLASSES_AND_FUNCTIONS = [obj for obj in EXPORTED if inspect.isclass(obj) or callable(obj)]


def _label(obj: object) -> str:
    return getattr(obj, "__qualname__", repr(obj))


class TestAll:
    def test_no_duplicates(self) -> None:
        """Each name is listed once (the list is kept sorted)."""
        assert len(dr.__all__) == len(set(dr.__all__))
        assert dr.__all__ == sorted(dr.__all__)

    def test_every_listed_name_exists(self) -> None:
        """``from diplorel import *`` cannot fail."""
        missing = [name for name in dr.__all__ if not hasattr(dr, name)]
        assert not missing

    def test_no_unlisted_public_name(self) -> None:
        """Every public attribute of the package is listed, or is one of its subpackages."""
        unlisted = [
            name
            for name, value in vars(dr).items()
            if not name.startswith("_")
            and name not in dr.__all__
            and not (isinstance(value, types.ModuleType) and value.__name__ == f"diplorel.{name}")
        ]
        assert not unlisted, f"public but not in diplorel.__all__: {unlisted}"

    def test_dir_shows_the_api(self) -> None:
        """``dir()`` (and so tab completion) offers every public name."""
        assert set(dr.__all__) <= set(dir(dr))

    def test_the_exceptions_are_all_exported(self) -> None:
        """What ``diplorel.exceptions`` makes public is also importable from ``diplorel``."""
        assert set(exceptions.__all__) <= set(dr.__all__)


class TestNames:
    @pytest.mark.parametrize("obj", CLASSES_AND_FUNCTIONS, ids=_label)
    def test_shown_from_a_public_module(self, obj: typing.Any) -> None:  # noqa: ANN401
        """A private module's class or function is shown as ``diplorel.X``; errors keep theirs."""
        expected = "diplorel.exceptions" if obj.__name__ in exceptions.__all__ else "diplorel"
        assert obj.__module__ == expected
        assert getattr(importlib.import_module(obj.__module__), obj.__qualname__) is obj

    def test_reprs(self) -> None:
        """What a user sees names the public path."""
        assert repr(dr.History) == "<class 'diplorel.History'>"
        assert repr(dr.Diplomatic) == "<enum 'Diplomatic'>"
        assert f"{dr.Money.__module__}.{dr.Money.__qualname__}" == "diplorel.Money"
        assert dr.load.__module__ == "diplorel"
        assert dr.default_history.__module__ == "diplorel"  # an lru_cache wrapper
        assert repr(dr.LoadError) == "<class 'diplorel.exceptions.LoadError'>"

    def test_methods_go_with_their_class(self) -> None:
        """The examples in the methods' docstrings are still found (under ``diplorel``)."""
        found = {test.name for test in doctest.DocTestFinder().find(dr) if test.examples}
        expected = {
            f"diplorel.{member.__qualname__}"
            for cls in CLASSES_AND_FUNCTIONS
            if inspect.isclass(cls) and cls.__module__ == "diplorel"
            for member in vars(cls).values()
            if inspect.isfunction(member) and ">>>" in (member.__doc__ or "")
        }
        assert expected, "the sample has methods with examples"
        assert expected <= found
        assert all(  # what attrs shares between classes (frozen __setattr__) stays in attr
            member.__module__ == "diplorel"
            for cls in CLASSES_AND_FUNCTIONS
            if inspect.isclass(cls) and cls.__module__ == "diplorel"
            for member in vars(cls).values()
            if inspect.isfunction(member) and member.__qualname__.startswith(f"{cls.__qualname__}.")
        )


def _classes_below(cls: type) -> Iterator[type]:
    """The class and its subclasses, however deep."""
    yield cls
    subclasses: list[type] = type.__subclasses__(cls)
    for sub in subclasses:
        yield from _classes_below(sub)


def _path(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


OWN_CLASSES: list[type] = sorted(
    {
        sub
        for cls in EXPORTED
        if inspect.isclass(cls)
        for sub in _classes_below(cls)
        if sub.__module__.startswith("diplorel")
    },
    key=_path,
)
"""The exported classes and the package's subclasses of them (private ones too)."""


class TestAnnotations:
    """Annotations still resolve (they were written in the private modules)."""

    @pytest.mark.parametrize("cls", OWN_CLASSES, ids=_path)
    def test_get_type_hints(self, cls: type) -> None:
        """Every exported class and its subclasses (private ones too): cattrs needs them."""
        hints = typing.get_type_hints(cls)
        if attrs.has(cls):
            assert {f.name for f in attrs.fields(cls)} <= set(hints)

    def test_a_new_subclass_resolves(self) -> None:
        """A class defined after the renaming, on an exported base, resolves its annotations."""

        @attrs.frozen
        class Mine(dr.State):
            note: str = ""

        hints = typing.get_type_hints(Mine)
        assert hints["begins_on"] == pendulum.Date | None  # pendulum: not a name in diplorel
        assert hints["note"] is str

    def test_files_round_trip(self) -> None:
        """The files (cattrs) still read and write the renamed classes: events, money, dates."""
        history = dr.History(
            [
                dr.RelationsEstablished(between=("CUB", "KOR"), on="1960-08~"),
                dr.RelationsSevered(between=("CUB", "KOR"), on="1963", by="KOR", consular=True),
                dr.CreditLineOpened(
                    id="l1",
                    lender="KOR",
                    borrower="CUB",
                    on="2005-01-10",
                    limit=dr.Money("1000", "USD"),
                ),
                dr.CreditLineDrawn(id="l1", on="2006-01-01", amount=dr.Money("400.50", "USD")),
            ]
        )
        again = dr.loads(dr.dumps(history))
        assert list(again) == list(history)
        assert dr.loads_jsonl(dr.dumps_jsonl(history)) == again


def _dyad_state() -> dr.DyadState:
    history = dr.History(
        [
            dr.RelationsEstablished(between=("CUB", "KOR"), on="1960-08-29"),
            dr.RepresentationChanged(
                between=("CUB", "KOR"), on="1961", sender="KOR", level=dr.Level.CHARGE_D_AFFAIRES
            ),
            dr.MissionOpened(between=("CUB", "KOR"), on="1961-03", sender="KOR"),
        ]
    )
    state = history.status("CUB", "KOR", on="1962-01-01").state
    assert state.missions  # the sample has something in its mappings
    return state


def _values() -> list[object]:
    """One value of each kind that crosses process boundaries."""
    usd = dr.Money("1000.25", "USD")
    return [
        dr.parse_edtf("1980-06~"),
        dr.parse_edtf("1959/1960"),
        dr.to_when("1980-06-01"),
        usd,
        dr.currency("JPY"),
        dr.Diplomatic.SEVERED,
        dr.Level.CHARGE_D_AFFAIRES,
        next(iter(dr.AnomalyKind)),
        dr.Source(publisher="US Department of State", title="Guide", url="https://history.gov"),
        dr.RelationsSevered(between=("CUB", "KOR"), on="1963-01?", by="KOR", consular=True),
        dr.MissionOpened(
            between=("CUB", "USA"),
            on="1977-09-01",
            sender="USA",
            kind=dr.MissionKind.INTERESTS_SECTION,
            protecting_power="CHE",
        ),
        dr.Recognized(by="CUB", of="KOR", on="1960"),
        dr.StateContinued(old="SUN", new="RUS", on="1991-12-26"),
        dr.CreditLineOpened(
            id="l1", lender="KOR", borrower="CUB", on="2005-01-10", limit=dr.Money(1000, "USD")
        ),
        dr.CreditLineDrawn(id="l1", on="2006", amount=usd),
        _dyad_state(),
        dr.resolve_state("KOR"),
        dr.UnknownStateError("Koreaa", suggestions=["KOR", "PRK"], where="$.between[0]"),
        dr.InvalidDateError("1980-13", "no month 13", where="$.on"),
        dr.LoadError("h.json", [exceptions.Problem("bad", path="$.items[0]", line=3)]),
        dr.FloatAmountError(1.5),
        dr.CurrencyMismatchError("USD", "EUR", operation="+"),
        dr.MissingExtraError("Panel.to_pandas", extra="pandas", package="pandas"),
    ]


class TestPickle:
    @pytest.mark.parametrize("value", _values(), ids=lambda v: type(v).__qualname__)
    @pytest.mark.parametrize("protocol", [2, pickle.HIGHEST_PROTOCOL])
    def test_round_trip(self, value: object, protocol: int) -> None:
        """Values pickle (as between processes) and come back equal, of the same class."""
        again = pickle.loads(pickle.dumps(value, protocol=protocol))  # noqa: S301 - our own bytes
        assert type(again) is type(value)
        if isinstance(value, Exception):
            assert str(again) == str(value)
            assert vars(again) == vars(value)
        else:
            assert again == value
        if isinstance(value, enum.Enum):
            assert again is value

    def test_pickles_name_the_public_path(self) -> None:
        """A pickle refers to ``diplorel.Money``, not to the module that defines it."""
        data = pickle.dumps(dr.Money("1", "USD"))
        assert b"diplorel" in data
        assert b"diplorel._" not in data

    def test_old_pickles_still_load(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A pickle written before the renaming (``diplorel._money.Money``) still loads."""
        monkeypatch.setattr(dr.Money, "__module__", "diplorel._money")
        data = pickle.dumps(dr.Money("1", "USD"))
        monkeypatch.undo()
        assert b"diplorel._money" in data
        assert pickle.loads(data) == dr.Money("1", "USD")  # noqa: S301 - our own bytes

    @pytest.mark.parametrize(
        "obj", [dr.load, dr.default_history, dr.parse_edtf, dr.History], ids=_label
    )
    def test_functions_and_classes_by_reference(self, obj: object) -> None:
        """Functions (lru_cache wrappers too) and classes pickle by their public name."""
        assert pickle.loads(pickle.dumps(obj)) is obj  # noqa: S301 - our own bytes


def _public_callables() -> Iterator[tuple[str, object]]:
    """Every public function, method and property of the package's public modules."""
    import diplorel.io.cow  # noqa: PLC0415
    import diplorel.io.usdos  # noqa: PLC0415
    import diplorel.io.wikidata  # noqa: PLC0415
    import diplorel.rules  # noqa: PLC0415

    modules: list[types.ModuleType] = [dr, diplorel.rules, diplorel.io.cow, diplorel.io.usdos]
    modules.append(diplorel.io.wikidata)
    for module in modules:
        for name in getattr(module, "__all__", [n for n in vars(module) if not n.startswith("_")]):
            obj = getattr(module, name)
            if inspect.isclass(obj):
                for member, value in vars(obj).items():
                    if member.startswith("_"):
                        continue
                    found = value.fget if isinstance(value, property) else value
                    found = getattr(found, "__func__", found)
                    if inspect.isfunction(found):
                        yield f"{module.__name__}.{name}.{member}", found
            elif inspect.isfunction(obj):
                yield f"{module.__name__}.{name}", obj


class TestTypedSurface:
    def test_no_any_in_public_returns(self) -> None:
        """No public function, method or property is annotated to return ``Any``."""
        untyped = [
            f"{name} -> {returns}"
            for name, fn in _public_callables()
            if isinstance(returns := fn.__annotations__.get("return"), str)
            and "Any" in returns.replace("[", " ").replace("]", " ").replace(",", " ").split()
        ]
        assert untyped == []

    def test_the_walk_finds_the_api(self) -> None:
        """The walk above sees the facade's methods and the network's conversions."""
        names = {name for name, _ in _public_callables()}
        assert {"diplorel.History.status", "diplorel.Network.to_networkx"} <= names
