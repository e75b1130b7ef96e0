"""Every public name has a docstring: the API reference is generated from them."""

from __future__ import annotations

import enum
import importlib
import inspect
from collections.abc import Iterator

import diplorel
import diplorel.rules
from diplorel.rules import Rule

PUBLIC_MODULES = (
    "diplorel",
    "diplorel.rules",
    "diplorel.exceptions",
    "diplorel.io",
    "diplorel.io.cow",
    "diplorel.io.wikidata",
    "diplorel.cli",
)
"""The modules whose ``__all__`` is the public API (``diplorel.io.*`` included)."""


def _own_doc(obj: object) -> str:
    return (getattr(obj, "__doc__", None) or "").strip()


def _members(cls: type) -> Iterator[tuple[str, object]]:
    """Public methods and properties a class defines or inherits from diplorel's own classes."""
    seen: set[str] = set()
    for klass in cls.__mro__:
        if not klass.__module__.startswith("diplorel") or issubclass(klass, enum.Enum):
            continue
        for name, value in vars(klass).items():
            if name.startswith("_") or name in seen:
                continue
            seen.add(name)
            if isinstance(value, staticmethod | classmethod):
                yield name, value.__func__
            elif isinstance(value, property) or inspect.isfunction(value):
                yield name, value


def undocumented() -> list[str]:
    """Every public name (and public method or property) without a docstring."""
    missing: list[str] = []
    done: set[int] = set()
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        if not _own_doc(module):
            missing.append(module_name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            where = f"{module_name}.{name}"
            if isinstance(obj, Rule):
                if not obj.description:
                    missing.append(f"{where} (rule description)")
                continue
            if not (inspect.isclass(obj) or inspect.isfunction(obj)) or id(obj) in done:
                continue
            done.add(id(obj))
            if obj.__doc__ is None or not obj.__doc__.strip():
                missing.append(where)
            if inspect.isclass(obj):
                missing.extend(
                    f"{where}.{member}" for member, value in _members(obj) if not _own_doc(value)
                )
    return missing


def test_every_public_name_has_a_docstring() -> None:
    """Public classes, functions, methods and properties all say what they do."""
    missing = undocumented()
    assert not missing, "no docstring:\n" + "\n".join(missing)


def test_the_check_sees_the_whole_api() -> None:
    """The walk reaches the top-level API, the rules and the importers."""
    assert {"History", "Money"} <= set(diplorel.__all__)
    assert "rule" in diplorel.rules.__all__
    assert importlib.import_module("diplorel.io.cow").__all__
