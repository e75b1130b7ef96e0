"""The one cattrs converter: domain objects to JSON-ready data and back.

Every item type has an explicit, stable tag (``"type": "relations_severed"``): renaming a class
never breaks stored data. Dates travel as EDTF text, money as ``{"amount": "70000000.00",
"currency": "USD"}``; unknown fields are errors.

Types are checked, nothing is coerced: a JSON boolean, string, number, array or object is
accepted only where that JSON type is expected (``"consular": "false"`` is an error, not
``True``), and ``null`` only where a field is optional. The only conversions are these:

- EDTF text to a date (``"1949"``, ``"1959/1960"``); ISO text to a day (coverage ``days``);
  ``"HH:MM"`` text to a time of day;
- text to a state code (a code, name or alias, resolved by the registry);
- a string to the enum member whose value it is (``"ambassador"`` to ``Level.AMBASSADOR``);
- an amount's decimal text or whole number (never a float, never a boolean) to a Decimal;
- an array to a tuple.

>>> import diplorel as dr
>>> from diplorel._convert import ITEM, make_converter
>>> c = make_converter()
>>> data = c.unstructure(dr.RelationsEstablished(between=("CUB", "KOR"), on="1949"), ITEM)
>>> data
{'on': '1949', 'between': ('CUB', 'KOR'), 'type': 'relations_established'}
>>> c.structure(data | {"between": ["KOR", "CUB"]}, ITEM) == dr.RelationsEstablished(
...     between=("KOR", "CUB"), on="1949")
True
>>> c.structure(data | {"between": ["KOR", "CUB"], "consular": "false"}, ITEM)
Traceback (most recent call last):
...
cattrs.errors.ClassValidationError: While structuring RelationsEstablished (1 sub-exception)
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import types
from collections.abc import Callable
from difflib import get_close_matches
from typing import Any, Union, get_origin

import attrs
import pendulum
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.preconf.json import JsonConverter
from cattrs.preconf.json import make_converter as _json_converter
from cattrs.strategies import configure_tagged_union

from diplorel._corrections import Retraction
from diplorel._credit import CREDIT_EVENT_TYPES
from diplorel._dates import (
    FuzzyDate,
    format_edtf,
    format_time_of_day,
    parse_edtf,
    parse_time_of_day,
)
from diplorel._describe import (
    DECIMAL_TEXT,
    EDTF_TEXT,
    ISO_DAY,
    MONEY_OBJECT,
    TIME_TEXT,
    describe_json,
    expected_of,
    quoted,
)
from diplorel._events import EVENT_TYPES
from diplorel._money import Money, currency
from diplorel._notes import DiplomaticNote, ExchangeOfNotes, JointCommunique
from diplorel._reading import problem_at
from diplorel.exceptions import (
    DiplorelError,
    InvalidAmountError,
    InvalidDateError,
    InvalidTypeError,
    InvalidValueError,
    Problem,
)

ITEM_TYPES: tuple[type, ...] = (
    *EVENT_TYPES,
    *CREDIT_EVENT_TYPES,
    DiplomaticNote,
    ExchangeOfNotes,
    JointCommunique,
    Retraction,
)
"""Every type a history document can hold, each with its ``TAG``."""


ITEM: Any = Union[ITEM_TYPES]  # noqa: UP007
"""The tagged union of every item type (for ``converter.structure(data, ITEM)``)."""

Hook = Callable[[Any, Any], Any]

# Strict hooks: one JSON type each --------------------------------------------------------------


def _text(value: object, _: type) -> str:
    if type(value) is str:
        return value
    raise InvalidTypeError(value, expected="a string")


def _boolean(value: object, _: type) -> bool:
    if value is True or value is False:
        return value
    raise InvalidTypeError(value, expected="true or false")


def _whole(value: object, _: type) -> int:
    if type(value) is int:
        return value
    raise InvalidTypeError(value, expected="a whole number")


def _number(value: object, _: type) -> float:
    if type(value) is float or type(value) is int:
        return float(value)
    raise InvalidTypeError(value, expected="a number")


def _enum_hook(cls: type[enum.Enum]) -> Hook:
    members = {m.value: m for m in cls}
    allowed = [m.value for m in cls]
    expected = f"one of {quoted(allowed)}"

    def structure(value: object, _: type) -> enum.Enum:
        if type(value) is str:
            found = members.get(value)
            if found is not None:
                return found
            raise InvalidValueError(
                value, allowed=allowed, suggestions=get_close_matches(value, allowed, n=3)
            )
        raise InvalidTypeError(value, expected=expected)

    return structure


def _array_hook(converter: JsonConverter, type_: Any) -> Hook:  # noqa: ANN401 - any array type
    """A JSON array as a tuple (or list) of its elements, each structured by its own hook."""
    args = getattr(type_, "__args__", ())
    fixed = get_origin(type_) is tuple and Ellipsis not in args
    elements = list(args) if fixed else [args[0] if args else Any]
    hooks = [converter.get_structure_hook(t) for t in elements]
    make = tuple if get_origin(type_) is tuple else list
    expected = expected_of(type_)
    detailed = converter.detailed_validation

    def structure(value: object, _: type) -> object:
        if type(value) is not list:
            raise InvalidTypeError(value, expected=expected)
        if fixed and len(value) != len(elements):
            raise InvalidTypeError(value, expected=f"an array of exactly {len(elements)} items")
        pairs = (
            zip(hooks, elements, value, strict=True)
            if fixed
            else ((hooks[0], elements[0], v) for v in value)
        )
        if not detailed:
            return make([h(v, t) for h, t, v in pairs])
        out, errors = [], []
        for i, (h, t, v) in enumerate(pairs):
            try:
                out.append(h(v, t))
            except Exception as e:  # noqa: BLE001 - collected with its index, as cattrs does
                e.__notes__ = [*getattr(e, "__notes__", []), IterableValidationNote("", i, t)]
                errors.append(e)
        if errors:
            raise IterableValidationError("while structuring an array", errors, type_)
        return make(out)

    return structure


def _object_hook(converter: JsonConverter, cls: type) -> Hook:
    """A JSON object as an attrs class, through cattrs' generated function."""
    inner: Hook = converter.gen_structure_attrs_fromdict(cls)
    expected = expected_of(cls)

    def structure(value: object, _: type) -> object:
        if type(value) is dict:
            return inner(value, cls)
        if type(value) is cls:  # built already, from the sources table: JSON never gives one
            return value
        raise InvalidTypeError(value, expected=expected)

    return structure


def _structure_fuzzy(value: object, _: type) -> FuzzyDate:
    if type(value) is not str:
        raise InvalidTypeError(value, expected=EDTF_TEXT)
    return parse_edtf(value)


def _structure_date(value: object, _: type) -> pendulum.Date:
    if type(value) is not str:
        raise InvalidTypeError(value, expected=ISO_DAY)
    d = parse_edtf(value)
    if not d.is_exact:
        raise InvalidDateError(value, "expected a single day")
    return d.earliest


def _structure_time(value: object, _: type) -> dt.time:
    if type(value) is not str:
        raise InvalidTypeError(value, expected=TIME_TEXT)
    return parse_time_of_day(value)


def _structure_decimal(value: object, _: type) -> decimal.Decimal:
    if type(value) is str or type(value) is int:
        try:
            return decimal.Decimal(value)
        except decimal.InvalidOperation:
            raise InvalidAmountError(value, "not a decimal number") from None
    if type(value) is float:
        raise InvalidAmountError(value, "a float cannot hold decimal money exactly; quote it")
    raise InvalidTypeError(value, expected=DECIMAL_TEXT)


def _noted(error: Exception, name: str, type_: Any) -> Exception:  # noqa: ANN401 - a field type
    error.__notes__ = [*getattr(error, "__notes__", []), AttributeValidationNote("", name, type_)]
    return error


def _money_errors(value: dict[str, Any]) -> list[Exception]:
    """What is wrong with the fields of an amount object, each noted with its field."""
    errors: list[Exception] = []
    extra = set(value) - {"amount", "currency"}
    if extra:
        errors.append(ForbiddenExtraKeysError(None, Money, extra))
    errors.extend(_noted(KeyError(n), n, str) for n in ("amount", "currency") if n not in value)
    code = value.get("currency", "")
    if type(code) is not str:
        errors.append(_noted(InvalidTypeError(code, expected="a currency code"), "currency", str))
    amount = value.get("amount", "")
    if type(amount) is not str and type(amount) is not int:
        why = (
            InvalidAmountError(amount, "a float cannot hold decimal money exactly; quote it")
            if type(amount) is float
            else InvalidTypeError(amount, expected=DECIMAL_TEXT)
        )
        errors.append(_noted(why, "amount", decimal.Decimal))
    return errors


def _structure_money(value: object, _: type) -> Money:
    if type(value) is not dict:
        raise InvalidTypeError(value, expected=MONEY_OBJECT)
    errors = _money_errors(value)
    if not errors:
        try:
            unit = currency(value["currency"])
        except DiplorelError as e:
            errors.append(_noted(e, "currency", str))
        else:
            try:
                return Money(value["amount"], unit)
            except DiplorelError as e:
                errors.append(_noted(e, "amount", decimal.Decimal))
    raise ClassValidationError("while structuring an amount", errors, Money)


def _unstructure_money(m: Money) -> dict[str, str]:
    return {"amount": str(m.amount), "currency": m.currency}


def _optional_hook(converter: JsonConverter, type_: Any) -> Hook:  # noqa: ANN401 - X | None
    """``null``, or a value of the other type (its hook found once, not at every value)."""
    other = next(a for a in type_.__args__ if a is not type(None))
    inner = converter.get_structure_hook(other)

    def structure(value: object, _: type) -> object:
        return None if value is None else inner(value, other)

    return structure


def _is_optional(type_: Any) -> bool:  # noqa: ANN401 - any type
    args = getattr(type_, "__args__", ())
    union = get_origin(type_) is Union or isinstance(type_, types.UnionType)
    return union and len(args) == 2 and type(None) in args  # noqa: PLR2004 - X | None


def _is_enum(type_: Any) -> bool:  # noqa: ANN401 - any type
    return isinstance(type_, type) and issubclass(type_, enum.Enum)


def _is_array(type_: Any) -> bool:  # noqa: ANN401 - any type
    return get_origin(type_) in {tuple, list}


def make_converter(*, omit_defaults: bool = True, detailed: bool = True) -> JsonConverter:
    """A fresh converter for history documents (no global state is touched).

    ``omit_defaults`` leaves fields at their default value out of the output (documents stay
    small); answers for machines keep every field. ``detailed=False`` gives a faster converter
    whose errors do not say where they are (loading uses it first, then the detailed one for
    the items that fail). Its hooks accept each JSON type only where it is expected (see the
    module's docstring for the conversions that stay legal).
    """
    c = _json_converter(
        forbid_extra_keys=True, omit_if_default=omit_defaults, detailed_validation=detailed
    )
    for cls, hook in ((str, _text), (bool, _boolean), (int, _whole), (float, _number)):
        c.register_structure_hook(cls, hook)
    c.register_structure_hook_factory(_is_enum, _enum_hook)
    c.register_structure_hook_factory(_is_array, lambda t: _array_hook(c, t))
    c.register_structure_hook_factory(attrs.has, lambda t: _object_hook(c, t))
    c.register_structure_hook_factory(_is_optional, lambda t: _optional_hook(c, t))
    c.register_structure_hook(FuzzyDate, _structure_fuzzy)
    c.register_unstructure_hook(FuzzyDate, format_edtf)
    c.register_structure_hook(pendulum.Date, _structure_date)
    c.register_unstructure_hook(pendulum.Date, lambda d: d.isoformat())
    c.register_structure_hook(dt.time, _structure_time)
    c.register_unstructure_hook(dt.time, format_time_of_day)
    c.register_structure_hook(Money, _structure_money)
    c.register_unstructure_hook(Money, _unstructure_money)
    c.register_structure_hook(decimal.Decimal, _structure_decimal)
    configure_tagged_union(
        ITEM,
        c,
        tag_generator=lambda cls: cls.TAG,  # type: ignore[attr-defined]
        tag_name="type",
    )
    return c


TAGS: dict[str, type] = {t.TAG: t for t in ITEM_TYPES}  # type: ignore[attr-defined]
"""Item type by tag."""


def tag_problem(data: object, where: str) -> Problem | None:
    """Why ``data`` cannot be an item (not an object, no or unknown ``type``), or None."""
    if type(data) is not dict:
        return problem_at(f"expected an item object, got {describe_json(data)}", where)
    if "type" not in data:
        return problem_at("the required field 'type' (the item's tag) is missing", where)
    tag = data["type"]
    if type(tag) is not str:
        message = f"expected the item's tag as a string, got {describe_json(tag)}"
        return problem_at(message, f"{where}.type")
    if tag not in TAGS:
        close = get_close_matches(tag, TAGS, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        return problem_at(f"unknown item type {tag!r}{hint}", f"{where}.type")
    return None
