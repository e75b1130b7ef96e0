"""When a state's name becomes its code: an item holds references, its history resolves them.

An item (event, instrument, coverage declaration) holds each state as a code: the default
registry's code where that registry knows the reference, else the reference as written (see
:func:`~diplorel._states.code_of`); making an item never refuses a state it does not know. A
:class:`~diplorel.History` resolves every reference with its own registry when it is built,
and reports one its registry does not know as an :class:`~diplorel.UnknownStateError` naming
the item and the field (the file loader reports each at its item's place). The fields that
name states are those whose converter is marked by :func:`~diplorel._checks.names_states`.
"""

from __future__ import annotations

import copy
from typing import Any, TypeVar

import attrs

from diplorel._checks import STATE_CONVERTERS, written
from diplorel._states import StateRegistry
from diplorel.exceptions import InvalidEventError, UnknownStateError

T = TypeVar("T")

_FIELDS: dict[type, tuple[str, ...]] = {}


def state_fields(cls: type) -> tuple[str, ...]:
    """The names of the fields of an item type that name a state or a pair of states."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple(
            f.name for f in attrs.fields(cls) if f.converter in STATE_CONVERTERS
        )
    return found


def _what(item: object) -> str:
    describe = getattr(item, "describe", None)
    if callable(describe):
        return str(describe())
    name = getattr(item, "id", None)
    return f"{type(item).__name__} {name}" if name else type(item).__name__


def unknown_states(item: object, registry: StateRegistry) -> list[tuple[str, UnknownStateError]]:
    """Every reference of ``item`` that ``registry`` does not know: its field, and the error.

    The error names the reference and its suggestions, not the place (the loader names it).
    """
    return [
        (name, UnknownStateError(ref, suggestions=registry.suggest(ref)))
        for name in state_fields(type(item))
        for ref in _references(written(item, name))
        if registry.find(ref) is None
    ]


def _references(value: str | tuple[str, ...] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)


def resolved(item: T, registry: StateRegistry) -> T:
    """``item`` with every state it names as ``registry``'s code (the same item if all are).

    Raises :class:`~diplorel.UnknownStateError` for a reference the registry does not know,
    naming the field and the item.
    """
    changes: dict[str, Any] = {}
    for name in state_fields(type(item)):
        value = written(item, name)
        if value is None:
            continue
        if isinstance(value, tuple):
            codes = tuple(sorted(_code(ref, registry, name, item) for ref in value))
            if len(set(codes)) < len(codes):
                raise InvalidEventError(
                    _what(item), f"{name}={value!r} names one state twice ({codes[0]})"
                )
            if codes != getattr(item, name):
                changes[name] = codes
        else:
            code = _code(value, registry, name, item)
            if code != getattr(item, name):
                changes[name] = code
    if not changes:
        return item
    # set the codes as they are: making the item again would read them with the default
    # registry's converters (a custom code that is a default alias would change); then check
    # the item again, as its constructor did, with the codes of this registry
    new = copy.copy(item)
    for name, value in changes.items():
        object.__setattr__(new, name, value)
    attrs.validate(new)  # type: ignore[arg-type]
    check = getattr(new, "__attrs_post_init__", None)
    if check is not None:
        check()
    return new


def _code(ref: str, registry: StateRegistry, name: str, item: object) -> str:
    state = registry.find(ref)
    if state is None:
        raise unknown_state_error(ref, registry, name, item)
    return state.code


def unknown_state_error(
    ref: str, registry: StateRegistry, name: str, item: object
) -> UnknownStateError:
    """The error for a reference ``registry`` does not know, in field ``name`` of ``item``."""
    return UnknownStateError(
        ref, suggestions=registry.suggest(ref), where=f"{name} of {_what(item)}"
    )
