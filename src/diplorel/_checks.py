"""Type checks of the public constructors: a wrong type is an error naming the field and value.

Each field of an event, instrument or source has one validator; a value of the wrong type
raises :class:`~diplorel.InvalidTypeError` (a ``DiplorelError`` and a ``TypeError``) naming
``Class.field``. The converters here do only the documented conversions (EDTF text or a
date to a :class:`~diplorel.FuzzyDate`; a code, name or alias to a state code; ``HH:MM`` to
a time of day; any iterable but text or a mapping to a tuple) and leave every other value as
it is for the validator to name. An enum field takes the member only, not its string value:

>>> import diplorel as dr
>>> dr.RelationsEstablished(between=("CUB", "KOR"), on="1949", level="ambassador")
Traceback (most recent call last):
...
diplorel.exceptions.InvalidTypeError: RelationsEstablished.level: expected a Level, got str 'ambassador'; pass Level.AMBASSADOR
>>> dr.RelationsSevered(between=("CUB", "KOR"), on="1959", consular="false")
Traceback (most recent call last):
...
diplorel.exceptions.InvalidTypeError: RelationsSevered.consular: expected a bool (True or False), got str 'false'
"""  # noqa: E501 - a doctest's output is one line

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from diplorel._dates import DateLike, FuzzyDate, to_fuzzy, to_optional_time
from diplorel._states import code_of
from diplorel.exceptions import InvalidEventError, InvalidTypeError

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
T = TypeVar("T")


def field_name(instance: object, attribute: attrs.Attribute[Any]) -> str:
    """``Class.field``, how errors name a field."""
    return f"{type(instance).__name__}.{attribute.name}"


def _hint(value: object, kind: type | tuple[type, ...]) -> str:
    if isinstance(kind, type) and issubclass(kind, enum.Enum) and isinstance(value, str):
        member = next((m for m in kind if m.value == value), None)
        if member is not None:
            return f"pass {kind.__name__}.{member.name}"
    if isinstance(value, dt.datetime) and kind is FuzzyDate:
        return "a datetime is not a calendar date: pass its .date()"
    return ""


def instance_of(kind: type | tuple[type, ...], expected: str) -> Validator:
    """A validator: the value is a ``kind``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            name = field_name(instance, attribute)
            raise InvalidTypeError(value, field=name, expected=expected, hint=_hint(value, kind))

    return check


def optional_instance_of(kind: type | tuple[type, ...], expected: str) -> Validator:
    """A validator: the value is a ``kind`` or None."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, kind):
            name = field_name(instance, attribute)
            raise InvalidTypeError(
                value, field=name, expected=f"{expected} or None", hint=_hint(value, kind)
            )

    return check


def member_of(cls: type[enum.Enum], *, optional: bool = False) -> Validator:
    """A validator: the value is a member of ``cls`` (or None when optional)."""
    article = "an" if cls.__name__[0] in "AEIOU" else "a"
    make = optional_instance_of if optional else instance_of
    return make(cls, f"{article} {cls.__name__}")


def tuple_of(kind: type, expected: str) -> Validator:
    """A validator: the value is a tuple of ``kind``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple:
            raise InvalidTypeError(
                value, field=field_name(instance, attribute), expected=f"a tuple of {expected}"
            )
        for i, v in enumerate(value):
            if not isinstance(v, kind):
                raise InvalidTypeError(
                    v, field=f"{field_name(instance, attribute)}[{i}]", expected=expected
                )

    return check


TEXT = instance_of(str, "a str")
OPTIONAL_TEXT = optional_instance_of(str, "a str")
FLAG = instance_of(bool, "a bool (True or False)")
OPTIONAL_FLAG = optional_instance_of(bool, "a bool (True or False)")
STATE = instance_of(str, "a state code or name (a str)")
OPTIONAL_STATE = optional_instance_of(str, "a state code or name (a str)")
DATE = instance_of(FuzzyDate, "EDTF text, a date or a FuzzyDate")
OPTIONAL_DATE = optional_instance_of(FuzzyDate, "EDTF text, a date or a FuzzyDate")
TIME = optional_instance_of(dt.time, "a time of day (a datetime.time or HH:MM text)")


def between(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A validator: the value is a pair of state codes (see :func:`to_pair`)."""
    name = field_name(instance, attribute)
    if type(value) is not tuple:
        raise InvalidTypeError(
            value, field=name, expected="a pair of states such as ('CUB', 'KOR')"
        )
    if len(value) != 2:  # noqa: PLR2004 - a dyad is a pair
        raise InvalidTypeError(value, field=name, expected=f"exactly two states, not {len(value)}")
    for i, v in enumerate(value):
        if not isinstance(v, str):
            raise InvalidTypeError(v, field=f"{name}[{i}]", expected="a state code or name (a str)")


# Converters: the legal conversions; any other value is left for the validator to name.


STATE_CONVERTERS: set[object] = set()
"""The converters of fields that name states (:func:`names_states` adds them)."""


def names_states(*converters: object) -> None:
    """Mark converters as those of fields naming a state, or a pair of states.

    A history resolves the values of such fields with its registry (see
    :mod:`diplorel._naming`). (A call, not a decorator: mypy's attrs plugin reads converters
    only as plain functions.)
    """
    STATE_CONVERTERS.update(converters)


@attrs.frozen(kw_only=True)
class NamesStates:
    """Base of the items that name states: each keeps a reference as written, where it differs.

    A field naming a state holds the default registry's code for the reference (see
    :func:`~diplorel._states.code_of`); where that differs from the text given, the item also
    keeps the text (not shown, not compared, not saved), so that a history with a registry of
    its own resolves what was written, not what the default registry read (``ROK`` may be a
    custom registry's own state though the default registry reads it as ``KOR``).
    """

    _written: dict[str, str | tuple[str, ...]] | None = attrs.field(
        init=False, default=None, eq=False, repr=False
    )


def written(item: object, name: str) -> Any:  # noqa: ANN401 - the field's own type
    """The value of field ``name`` of ``item`` as it was written (see :class:`NamesStates`)."""
    kept = getattr(item, "_written", None)
    if kept is not None and name in kept:
        return kept[name]
    return getattr(item, name)


def as_written(item: T) -> T:
    """``item`` holding its references exactly as written.

    For items made from codes a history's registry resolved already (the events its
    instruments make), which the default registry must not read again. Only for an item just
    made, before anything else sees it.
    """
    kept = getattr(item, "_written", None)
    if kept:
        for name, value in kept.items():
            object.__setattr__(item, name, tuple(sorted(value)) if type(value) is tuple else value)
        object.__setattr__(item, "_written", None)
    return item


def keeping_written(convert: Callable[[Any], Any]) -> Any:  # noqa: ANN401 - an attrs.Converter
    """A converter of a field naming states: ``convert``, keeping the value as written.

    Where ``convert`` changes a reference (a name or alias read as a code), the item keeps the
    text too (see :class:`NamesStates`). Any iterable but text is read once, as a tuple.
    """

    def run(value: Any, instance: object, attribute: attrs.Attribute[Any]) -> Any:  # noqa: ANN401
        if _iterable(value) and type(value) is not tuple:
            value = tuple(value)
        out = convert(value)
        if out != value and (isinstance(value, str) or type(value) is tuple):
            kept = getattr(instance, "_written", None)
            if kept is None:
                object.__setattr__(instance, "_written", {attribute.name: value})
            else:
                kept[attribute.name] = value
        return out

    converter = attrs.Converter(run, takes_self=True, takes_field=True)
    names_states(converter)
    return converter


def code(value: str) -> str:
    """A state's code from its code, name or alias (see :func:`~diplorel._states.code_of`)."""
    return code_of(value) if isinstance(value, str) else value


def optional_code(value: str | None) -> str | None:
    """Like :func:`code`, passing None through."""
    return code_of(value) if isinstance(value, str) else value


def _iterable(value: object) -> bool:
    return isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping)


def sorted_pair(value: Iterable[str]) -> tuple[str, str]:
    """Two states (codes, names or aliases, in any order) as their sorted codes.

    Raises :class:`~diplorel.InvalidEventError` for a state paired with itself; any value that
    is not two texts is left as it is for the validator to name.
    """
    if not _iterable(value):
        return cast("tuple[str, str]", value)
    items = tuple(value)
    if len(items) != 2 or type(items[0]) is not str or type(items[1]) is not str:  # noqa: PLR2004
        return cast("tuple[str, str]", items)
    a, b = code_of(items[0]), code_of(items[1])
    if a == b:
        raise InvalidEventError(f"between={value!r}", f"a state cannot relate to itself ({a})")
    return (a, b) if a < b else (b, a)


# The converters of the fields naming states. mypy's attrs plugin reads a converter only as a
# plain function, so it sees these signatures; at run time they are attrs.Converter objects.
if TYPE_CHECKING:

    def to_code(value: str) -> str:
        """A state's code from its code, name or alias, keeping the text as written."""

    def to_optional_code(value: str | None) -> str | None:
        """Like :func:`to_code`, passing None through."""

    def to_pair(value: Iterable[str]) -> tuple[str, str]:
        """Two states as their sorted codes, keeping the texts as written."""

else:
    to_code = keeping_written(code)
    to_optional_code = keeping_written(optional_code)
    to_pair = keeping_written(sorted_pair)


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Any iterable but text or a mapping (whose iteration is never meant) as a tuple."""
    if type(value) is tuple:
        return value
    return tuple(value) if _iterable(value) else cast("tuple[Any, ...]", value)


def to_date(value: DateLike) -> FuzzyDate:
    """EDTF text, a calendar date (not a datetime) or a FuzzyDate as a FuzzyDate."""
    if type(value) is FuzzyDate:
        return value
    if isinstance(value, str | FuzzyDate) or (
        isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    ):
        return to_fuzzy(value)
    return cast("FuzzyDate", value)


def to_optional_date(value: DateLike | None) -> FuzzyDate | None:
    """Like :func:`to_date`, passing None through."""
    return None if value is None else to_date(value)


def to_time(value: str | dt.time | None) -> dt.time | None:
    """``HH:MM`` text or a naive ``datetime.time`` as a time of day (None passes)."""
    if isinstance(value, str | dt.time):
        return to_optional_time(value)
    return value
