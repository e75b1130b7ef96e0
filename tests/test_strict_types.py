"""Every input is checked for its type; nothing is coerced (issue 12, part 2).

A JSON boolean, string, number, array or object is accepted only where that JSON type is
expected, ``null`` only where a field is optional, and the public constructors refuse a value
of the wrong type with an :class:`~diplorel.InvalidTypeError` naming ``Class.field``.

The legal conversions, and nothing else:

======================  ================================================================
a field of type         takes in a file (JSON)           takes in Python
======================  ================================================================
text (``str``)          a string                         a ``str``
state                   a string: code, name or alias    a ``str``: code, name or alias
``bool``                ``true`` or ``false``            ``True`` or ``False``
an enum                 the string of a member's value   the member only
date (``FuzzyDate``)    EDTF text                        EDTF text, a date (not a
                                                         datetime), a ``FuzzyDate``
time of day             ``"HH:MM"`` text                 ``"HH:MM"`` text, a naive time
a pair of states        an array of two strings          any iterable of two ``str``
sources                 an array of keys or objects      any iterable of ``Source`` (not
                                                         text or a mapping)
money                   ``{"amount", "currency"}``;      a ``Money``
                        the amount a decimal string or
                        a whole number (never a float,
                        never a boolean)
optional fields         also ``null``                    also ``None``
======================  ================================================================
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import diplorel as dr
from diplorel import _files
from diplorel._convert import ITEM, ITEM_TYPES, make_converter
from diplorel.exceptions import Problem

BETWEEN = ["CUB", "KOR"]
DYAD = {"on": "1960-01-01", "between": BETWEEN}
SOURCE = {"publisher": "AFP", "title": "A report", "published_on": "1960-01-02"}
MONEY = {"amount": "100", "currency": "USD"}

REQUIRED: dict[str, dict[str, Any]] = {
    "relations_established": DYAD,
    "relations_resumed": DYAD,
    "relations_suspended": DYAD,
    "relations_severed": DYAD,
    "consular_relations_established": DYAD,
    "consular_relations_severed": {**DYAD, "by": "CUB"},
    "intention_announced": DYAD,
    "representation_changed": {**DYAD, "sender": "CUB", "level": "minister"},
    "presence_observed": {**DYAD, "sender": "CUB"},
    "head_of_mission_accredited": {**DYAD, "sender": "CUB"},
    "head_of_mission_departed": {**DYAD, "sender": "CUB"},
    "ambassador_recalled": {**DYAD, "sender": "CUB"},
    "ambassador_returned": {**DYAD, "sender": "CUB"},
    "charge_recalled": {**DYAD, "sender": "CUB"},
    "persona_non_grata_declared": {**DYAD, "by": "CUB"},
    "mission_opened": {**DYAD, "sender": "CUB"},
    "mission_closed": {**DYAD, "sender": "CUB"},
    "mission_evacuated": {**DYAD, "sender": "CUB"},
    "protecting_power_appointed": {**DYAD, "protected": "CUB", "power": "CHE"},
    "protecting_power_ended": {**DYAD, "protected": "CUB"},
    "recognized": {"on": "1960", "by": "CUB", "of": "KOR"},
    "recognition_withdrawn": {"on": "1960", "by": "CUB", "of": "KOR"},
    "government_recognized": {"on": "1960", "by": "CUB", "of": "KOR", "government": "X"},
    "government_recognition_withdrawn": {"on": "1960", "by": "CUB", "of": "KOR", "government": "X"},
    "state_extinguished": {"on": "1990-10-03", "state": "DDR", "absorbed_by": "DEU"},
    "state_continued": {"on": "1991-12-26", "old": "SUN", "new": "RUS"},
    "credit_line_opened": {
        "on": "2005",
        "id": "l1",
        "lender": "KOR",
        "borrower": "CUB",
        "limit": MONEY,
    },
    "credit_line_drawn": {"on": "2006", "id": "l1", "amount": MONEY},
    "credit_line_repaid": {"on": "2007", "id": "l1", "amount": MONEY},
    "credit_line_limit_changed": {"on": "2007", "id": "l1", "limit": MONEY},
    "credit_line_suspended": {"on": "2008", "id": "l1"},
    "credit_line_reinstated": {"on": "2009", "id": "l1"},
    "credit_line_cancelled": {"on": "2010", "id": "l1"},
    "diplomatic_note": {
        "id": "n1",
        "sender": "KOR",
        "recipient": "CUB",
        "on": "2024-02-14",
        "proposes": "establish_relations",
    },
    "exchange_of_notes": {"id": "x1", "between": BETWEEN, "on": "1960"},
    "joint_communique": {"id": "j1", "between": BETWEEN, "signed_on": "1960"},
    "retraction": {"retracts": "j1", "on": "1961"},
}
"""The required fields of a valid item of each type (the converter fills in the others)."""

KINDS = ("bool", "int", "float", "str", "list", "object", "null")
"""The JSON types a field can be given."""

EXAMPLES: dict[str, object] = {
    "bool": False,
    "int": 2,
    "float": 7.5,
    "str": "false",
    "list": [],
    "object": {},
    "null": None,
}
"""One value of each JSON type (the mutations of the exhaustive test)."""

VALUES: dict[str, st.SearchStrategy[Any]] = {
    "bool": st.booleans(),
    "int": st.integers(),
    "float": st.floats(allow_nan=False, allow_infinity=False),
    "str": st.text(max_size=12),
    "list": st.lists(st.one_of(st.integers(), st.text(max_size=4)), max_size=3),
    "object": st.dictionaries(st.text(max_size=4), st.integers(), max_size=3),
    "null": st.none(),
}
"""Values of each JSON type, for hypothesis."""


def kinds_of(type_: Any) -> set[str]:  # noqa: ANN401 - any field type
    """The JSON types a field of ``type_`` takes: the legal conversions, and nothing else."""
    if typing.get_origin(type_) in {typing.Union, types.UnionType}:
        return set().union(*(kinds_of(a) for a in typing.get_args(type_)))
    if type_ is type(None):
        return {"null"}
    if type_ is bool:
        return {"bool"}
    if type_ is dr.Money:
        return {"object"}  # its own fields are mutated on their own (AMOUNT_FIELDS)
    if typing.get_origin(type_) is tuple:
        return {"list"}
    if type_ in {str, dr.FuzzyDate, pendulum.Date, dt.time} or issubclass(type_, enum.Enum):
        return {"str"}
    raise AssertionError(type_)


NESTED: dict[str, set[str]] = {
    "amount": {"str", "int"},  # a decimal string or a whole number: never a float or a bool
    "currency": {"str"},
}
"""The fields of an amount object and the JSON types they take."""


def full(tag: str) -> dict[str, Any]:
    """A valid item of type ``tag`` with every field written out, and one inline source."""
    converter = make_converter(omit_defaults=False)
    data = {"type": tag, **REQUIRED[tag], "sources": [SOURCE]}
    item = converter.unstructure(converter.structure(data, ITEM), ITEM)
    as_read: dict[str, Any] = json.loads(json.dumps(item))  # arrays, as read from a file
    return as_read


FULL = {tag: full(tag) for tag in REQUIRED}


def targets() -> list[tuple[str, tuple[str, ...], set[str]]]:
    """Every field of every item type (with those of its amounts and its source)."""
    out: list[tuple[str, tuple[str, ...], set[str]]] = []
    for cls in ITEM_TYPES:
        tag = cls.TAG  # type: ignore[attr-defined]
        hints = typing.get_type_hints(cls)
        for a in attrs.fields(cls):
            if not a.init:  # not part of the file format (what an item keeps as written)
                continue
            out.append((tag, (a.name,), kinds_of(hints[a.name])))
            if hints[a.name] is dr.Money:
                out.extend((tag, (a.name, n), k) for n, k in NESTED.items())
        source_hints = typing.get_type_hints(dr.Source)
        out.extend(
            (tag, ("sources", "0", f.name), kinds_of(source_hints[f.name]))
            for f in attrs.fields(dr.Source)
        )
    return out


TARGETS = targets()


def mutated(tag: str, path: tuple[str, ...], value: object) -> dict[str, Any]:
    """The full item of ``tag`` with the field at ``path`` set to ``value``."""
    item: dict[str, Any] = json.loads(json.dumps(FULL[tag]))
    node: Any = item
    for step in path[:-1]:
        node = node[int(step)] if isinstance(node, list) else node[step]
    node[path[-1]] = value
    return item


def json_path(path: tuple[str, ...]) -> str:
    return "".join(f"[{p}]" if p.isdigit() else f".{p}" for p in path)


def problems_of(item: dict[str, Any], *, jsonl: bool) -> tuple[Problem, ...]:
    header = {"format": "diplorel-history", "version": _files.VERSION}
    text = (
        f"{json.dumps(header)}\n{json.dumps(item)}\n"
        if jsonl
        else json.dumps({**header, "items": [item]})
    )
    with pytest.raises(dr.LoadError) as info:
        (dr.loads_jsonl if jsonl else dr.loads)(text, strict=False)
    return info.value.problems


def document(*items: dict[str, Any]) -> str:
    return json.dumps({"format": "diplorel-history", "version": _files.VERSION, "items": items})


class TestMutations:
    def test_every_item_type_has_a_valid_example(self) -> None:
        """The examples the mutations start from load, one of each item type."""
        assert {t.TAG for t in ITEM_TYPES} == set(FULL)  # type: ignore[attr-defined]
        for tag, item in FULL.items():
            # a retraction needs the record it withdraws: the communiqué it names comes first
            others = [FULL["joint_communique"]] if tag == "retraction" else []
            loaded = dr.loads(document(*others, item), strict=False).items[-1]
            assert tag == loaded.TAG

    def test_every_field_every_wrong_type(self) -> None:
        """Each field of each item type, given each wrong JSON type, is refused at its path."""
        missed = []
        for tag, path, legal in TARGETS:
            for kind in set(KINDS) - legal:
                found = problems_of(mutated(tag, path, EXAMPLES[kind]), jsonl=False)
                where = f"$.items[0]{json_path(path)}"
                if not any(p.path == where for p in found):
                    missed.append((tag, where, kind, [str(p) for p in found]))
        assert missed == []
        assert len(TARGETS) > 300

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.data())
    def test_mutations(self, data: st.DataObject) -> None:
        """Any value of a wrong JSON type in any field is a LoadError naming the item's path."""
        tag, path, legal = data.draw(st.sampled_from(TARGETS))
        kind = data.draw(st.sampled_from(sorted(set(KINDS) - legal)))
        value = data.draw(VALUES[kind])
        jsonl = data.draw(st.booleans())
        found = problems_of(mutated(tag, path, value), jsonl=jsonl)
        if jsonl:
            assert any(p.line == 2 and p.path == f"${json_path(path)}" for p in found), found
        else:
            assert any(p.path == f"$.items[0]{json_path(path)}" for p in found), found

    def test_legal_conversions_load(self) -> None:
        """What the table of legal conversions allows is read, and means what it says."""
        item = {
            **FULL["relations_severed"],
            "between": ["Cuba", "South Korea"],
            "by": "Republic of Cuba",
            "on": "1959/1960",
            "consular": True,
            "sources": [SOURCE],
        }
        (event,) = dr.loads(document(item), strict=False).items
        assert isinstance(event, dr.RelationsSevered)
        assert event.between == ("CUB", "KOR")
        assert event.by == "CUB"
        assert event.on == dr.parse_edtf("1959/1960")
        line = {**FULL["credit_line_opened"], "limit": {"amount": 70000000, "currency": "usd"}}
        (opened,) = dr.loads(document(line), strict=False).items
        assert opened.limit == dr.Money("70000000", "USD")  # type: ignore[union-attr]


class TestIssueExamples:
    """The examples of issue 12, each an error at its path now."""

    @pytest.mark.parametrize("value", ["false", "maybe", 2, "no", 0, None, "", 1, 1.0])
    def test_consular_is_a_boolean(self, value: object) -> None:
        """``consular`` takes true or false only: no text, number or null."""
        item = {**FULL["relations_severed"], "consular": value}
        (p,) = problems_of(item, jsonl=False)
        assert p.path == "$.items[0].consular"
        assert p.message.startswith("expected true or false, got ")

    def test_accepts_text_establishes_nothing(self) -> None:
        """A reply with ``"accepts": "false"`` is an error, not an acceptance."""
        note = REQUIRED["diplomatic_note"]
        reply = {
            **note,
            "type": "diplomatic_note",
            "id": "n2",
            "sender": "CUB",
            "recipient": "KOR",
            "proposes": None,
            "replies_to": "n1",
            "accepts": "false",
        }
        with pytest.raises(dr.LoadError) as info:
            dr.loads(document({"type": "diplomatic_note", **note}, reply))
        (p,) = info.value.problems
        assert (p.path, p.message) == (
            "$.items[1].accepts",
            "expected true or false, got the string 'false'",
        )

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("place", 123, "expected a string, got the number 123"),
            ("instrument", True, "expected a string, got the boolean true"),
            ("sources", {}, "expected an array, got an empty object"),
            ("sources", "", "expected an array, got the string ''"),
            ("between", "CUB", "expected an array of 2 items, got the string 'CUB'"),
            ("on", 1949, "expected EDTF date text"),
            ("level", "ambasador", "did you mean 'ambassador'?"),
        ],
    )
    def test_no_coercion(self, field: str, value: object, message: str) -> None:
        """A number is not made text, nor an object or text an empty list of sources."""
        item = {**REQUIRED["relations_established"], "type": "relations_established"}
        (p,) = problems_of({**item, field: value}, jsonl=False)
        assert p.path == f"$.items[0].{field}"
        assert message in p.message

    def test_id_true_is_not_text(self) -> None:
        """``"id": true`` is an error, not the id ``'True'``."""
        (p,) = problems_of({**FULL["credit_line_opened"], "id": True}, jsonl=False)
        assert (p.path, p.message) == ("$.items[0].id", "expected a string, got the boolean true")

    def test_type_tag_of_the_wrong_type(self) -> None:
        """A tag that is an array or an object is named, not a crash."""
        tags: list[object] = [[], {}, 5, None]
        for tag in tags:
            (p,) = problems_of({**FULL["relations_established"], "type": tag}, jsonl=False)
            assert p.path == "$.items[0].type"

    @pytest.mark.parametrize("amount", [7.5, True, None, [], "7.5e3", "1,000"])
    def test_amounts(self, amount: object) -> None:
        """An amount is a decimal string or a whole number: never a float, a bool or null."""
        item = {**FULL["credit_line_opened"], "limit": {"amount": amount, "currency": "USD"}}
        (p,) = problems_of(item, jsonl=False)
        assert p.path == "$.items[0].limit.amount"


class TestConstructors:
    """The public constructors check the types of their fields."""

    def test_consular_text(self) -> None:
        """``consular="false"`` is an InvalidTypeError naming the field, not a stored string."""
        with pytest.raises(dr.InvalidTypeError) as info:
            dr.RelationsSevered(between=("CUB", "KOR"), on="1959", consular="false")  # type: ignore[arg-type]
        e = info.value
        assert isinstance(e, TypeError)
        assert isinstance(e, dr.DiplorelError)
        assert (e.field, e.value) == ("RelationsSevered.consular", "false")
        assert str(e).startswith("RelationsSevered.consular: expected a bool")

    def test_enum_takes_the_member_only(self) -> None:
        """``level="ambassador"`` is refused at once, with the member to pass instead."""
        with pytest.raises(dr.InvalidTypeError, match=r"pass Level\.AMBASSADOR"):
            dr.RelationsEstablished(between=("CUB", "KOR"), on="1949", level="ambassador")  # type: ignore[arg-type]
        with pytest.raises(dr.InvalidTypeError, match=r"RepresentationChanged\.level"):
            dr.RepresentationChanged(between=("CUB", "KOR"), on="1949", sender="CUB", level=3)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"between": ("CUB", 5)}, "RelationsEstablished.between[1]"),
            ({"between": "CUBKOR"}, "RelationsEstablished.between"),
            ({"between": ("CUB", "KOR", "USA")}, "RelationsEstablished.between"),
            ({"between": {"CUB": 1, "KOR": 2}}, "RelationsEstablished.between"),
            ({"on": 1949}, "RelationsEstablished.on"),
            ({"on": dt.datetime(1949, 1, 1, tzinfo=dt.UTC)}, "RelationsEstablished.on"),
            ({"tz": 5}, "RelationsEstablished.tz"),
            ({"time": 2200}, "RelationsEstablished.time"),
            ({"place": 123}, "RelationsEstablished.place"),
            ({"sources": "AFP"}, "RelationsEstablished.sources"),
            ({"sources": {"publisher": "AFP"}}, "RelationsEstablished.sources"),
            ({"sources": ["AFP"]}, "RelationsEstablished.sources[0]"),
            ({"instrument": 1}, "RelationsEstablished.instrument"),
            ({"consular": None}, "RelationsEstablished.consular"),
        ],
    )
    def test_event_fields(self, kwargs: dict[str, Any], field: str) -> None:
        """Each field of an event refuses a value of the wrong type, naming itself."""
        base = {"between": ("CUB", "KOR"), "on": "1949"}
        with pytest.raises(dr.InvalidTypeError) as info:
            dr.RelationsEstablished(**{**base, **kwargs})
        assert info.value.field == field

    def test_every_field_of_every_item_type(self) -> None:
        """Each field of each item type, given a value of the wrong type, names Class.field."""
        converter = make_converter()
        wrong: list[object] = [True, 7, 1.5, "x", ["x"], {"a": 1}, None, b"x"]
        missed = []
        for cls in ITEM_TYPES:
            base = converter.structure(FULL[cls.TAG], ITEM)  # type: ignore[attr-defined]
            hints = typing.get_type_hints(cls)
            for a in attrs.fields(cls):
                if not a.init:  # what an item keeps as written: no argument
                    continue
                for value in wrong:
                    if _legal_in_python(hints[a.name], value):
                        continue
                    try:
                        attrs.evolve(base, **{a.name: value})
                    except dr.InvalidTypeError as e:
                        if not e.field.startswith(f"{cls.__name__}.{a.name}"):
                            missed.append((cls.__name__, a.name, value, e.field))
                    else:
                        missed.append((cls.__name__, a.name, value, "accepted"))
        assert missed == []

    def test_source_and_money(self) -> None:
        """A source and an amount check their types too."""
        with pytest.raises(dr.InvalidTypeError, match=r"Source\.title"):
            dr.Source(publisher="AFP", title=5)  # type: ignore[arg-type]
        with pytest.raises(dr.InvalidTypeError, match=r"Money\.amount"):
            dr.Money(amount=True, currency="USD")
        with pytest.raises(dr.InvalidTypeError, match=r"Money\.currency"):
            dr.Money("1", 840)  # type: ignore[arg-type]
        with pytest.raises(dr.InvalidTypeError, match=r"CreditLineOpened\.limit"):
            dr.CreditLineOpened(id="l1", lender="KOR", borrower="CUB", on="2005", limit="USD 5")  # type: ignore[arg-type]

    def test_legal_conversions(self) -> None:
        """Names, dates, time text and any iterable of sources are converted, as documented."""
        src = dr.Source(publisher="AFP", title="t", published_on=pendulum.Date(2024, 2, 14))
        e = dr.RelationsSevered(
            between=iter(["South Korea", "Cuba"]),
            on=dt.date(1960, 1, 2),
            time="22:00",
            by="Republic of Cuba",
            sources=[src],
        )
        assert (e.between, e.by, e.sources) == (("CUB", "KOR"), "CUB", (src,))
        assert (e.on, e.time) == (dr.FuzzyDate.day(pendulum.Date(1960, 1, 2)), dt.time(22))


def _legal_in_python(type_: Any, value: object) -> bool:  # noqa: ANN401 - any field type
    """Whether ``value`` is one of the legal Python inputs of a field of ``type_``."""
    args = typing.get_args(type_)
    if typing.get_origin(type_) in {typing.Union, types.UnionType}:
        return any(_legal_in_python(a, value) for a in args)
    if type_ is type(None):
        return value is None
    if type_ in {str, dr.FuzzyDate, dt.time}:
        return isinstance(value, str)  # "x" may still be a bad date or state: not a type error
    if type_ is bool:
        return isinstance(value, bool)
    return False
