"""The one cattrs converter: domain objects to JSON-ready data and back.

Every item type has an explicit, stable tag (``"type": "relations_severed"``): renaming a class
never breaks stored data. Dates travel as EDTF text, money as ``{"amount": "70000000.00",
"currency": "USD"}``; unknown fields are errors.

>>> import diplorel as dr
>>> from diplorel._convert import ITEM, make_converter
>>> c = make_converter()
>>> data = c.unstructure(dr.RelationsEstablished(between=("CUB", "KOR"), on="1949"), ITEM)
>>> data
{'on': '1949', 'between': ('CUB', 'KOR'), 'type': 'relations_established'}
>>> c.structure(data, ITEM) == dr.RelationsEstablished(between=("KOR", "CUB"), on="1949")
True
"""

from __future__ import annotations

import datetime as dt
import decimal
from difflib import get_close_matches
from typing import Any, Union

import cattrs
import pendulum
from cattrs.preconf.json import JsonConverter
from cattrs.preconf.json import make_converter as _json_converter
from cattrs.strategies import configure_tagged_union

from diplorel._credit import CREDIT_EVENT_TYPES
from diplorel._dates import (
    FuzzyDate,
    format_edtf,
    format_time_of_day,
    parse_edtf,
    parse_time_of_day,
)
from diplorel._events import EVENT_TYPES
from diplorel._money import Money
from diplorel._notes import DiplomaticNote, ExchangeOfNotes, JointCommunique
from diplorel.exceptions import InvalidAmountError, InvalidDateError

ITEM_TYPES: tuple[type, ...] = (
    *EVENT_TYPES,
    *CREDIT_EVENT_TYPES,
    DiplomaticNote,
    ExchangeOfNotes,
    JointCommunique,
)
"""Every type a history document can hold, each with its ``TAG``."""


ITEM: Any = Union[ITEM_TYPES]  # noqa: UP007
"""The tagged union of every item type (for ``converter.structure(data, ITEM)``)."""


def _structure_fuzzy(value: object, _: type) -> FuzzyDate:
    if not isinstance(value, str):
        raise InvalidDateError(value, "expected EDTF text such as 2024-02-14, 1949 or 1959/1960")
    return parse_edtf(value)


def _structure_date(value: object, _: type) -> pendulum.Date:
    if not isinstance(value, str):
        raise InvalidDateError(value, "expected an ISO date such as 2024-02-14")
    d = parse_edtf(value)
    if not d.is_exact:
        raise InvalidDateError(value, "expected a single day")
    return d.earliest


def _structure_time(value: object, _: type) -> dt.time:
    if not isinstance(value, str):
        raise InvalidDateError(value, "expected a local time of day such as 22:00")
    return parse_time_of_day(value)


def _structure_money(value: object, _: type) -> Money:
    if not isinstance(value, dict) or set(value) != {"amount", "currency"}:
        raise InvalidAmountError(value, 'expected {"amount": "70000000.00", "currency": "USD"}')
    amount = value["amount"]
    if not isinstance(amount, str | int):
        raise InvalidAmountError(amount, "expected the amount as a decimal string")
    return Money(amount, value["currency"])


def _unstructure_money(m: Money) -> dict[str, str]:
    return {"amount": str(m.amount), "currency": m.currency}


def make_converter(*, omit_defaults: bool = True, detailed: bool = True) -> JsonConverter:
    """A fresh converter for history documents (no global state is touched).

    ``omit_defaults`` leaves fields at their default value out of the output (documents stay
    small); answers for machines keep every field. ``detailed=False`` gives a faster converter
    whose errors do not say where they are (loading uses it first, then the detailed one for
    the items that fail).
    """
    c = _json_converter(
        forbid_extra_keys=True, omit_if_default=omit_defaults, detailed_validation=detailed
    )
    c.register_structure_hook(FuzzyDate, _structure_fuzzy)
    c.register_unstructure_hook(FuzzyDate, format_edtf)
    c.register_structure_hook(pendulum.Date, _structure_date)
    c.register_unstructure_hook(pendulum.Date, lambda d: d.isoformat())
    c.register_structure_hook(dt.time, _structure_time)
    c.register_unstructure_hook(dt.time, format_time_of_day)
    c.register_structure_hook(Money, _structure_money)
    c.register_unstructure_hook(Money, _unstructure_money)
    c.register_structure_hook(decimal.Decimal, _refuse_float_decimal)
    configure_tagged_union(
        ITEM,
        c,
        tag_generator=lambda cls: cls.TAG,  # type: ignore[attr-defined]
        tag_name="type",
    )
    return c


def _refuse_float_decimal(value: object, _: type) -> decimal.Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InvalidAmountError(value, "expected a decimal string, never a float")
    return decimal.Decimal(value)


def describe_errors(error: Exception, where: str) -> list[str]:
    """Every leaf problem of a (cattrs) error, each with its place in the document."""
    if isinstance(error, cattrs.BaseValidationError):
        return list(cattrs.transform_error(error, path=where, format_exception=_format))
    return [f"{error} @ {where}"]


TAGS: dict[str, type] = {t.TAG: t for t in ITEM_TYPES}  # type: ignore[attr-defined]
"""Item type by tag."""


def tag_problem(data: object, where: str) -> str | None:
    """Why ``data`` cannot be an item (not an object, no or unknown ``type``), or None."""
    if not isinstance(data, dict):
        return f"expected an item object, got {type(data).__name__} @ {where}"
    tag = data.get("type")
    if tag is None:
        return f"missing 'type' (the item's tag) @ {where}"
    if tag not in TAGS:
        close = get_close_matches(str(tag), TAGS, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        return f"unknown item type {tag!r}{hint} @ {where}.type"
    return None


_TYPE_NAMES: dict[object, str] = {
    FuzzyDate: "an EDTF date",
    pendulum.Date: "an ISO date",
    dt.time: "a time of day (HH:MM)",
}


def _format(exc: BaseException, type_: type | None) -> str:
    if isinstance(exc, KeyError) and type_ is None:
        return f"required field missing ({exc})"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown field(s): {', '.join(sorted(exc.extra_fields))}"
    name = _TYPE_NAMES.get(type_, getattr(type_, "__name__", str(type_))) if type_ else ""
    if isinstance(exc, ValueError | TypeError | LookupError) and str(exc):
        return f"{exc}" + (f" (expected {name})" if name and name not in str(exc) else "")
    return cattrs.v.format_exception(exc, type_)
