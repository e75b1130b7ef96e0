"""From raw JSON items to a history: sources, items built one by one, and the history itself.

Each item is built by the fast converter, and only a failing one again by the converter that
says where; every problem is collected with its place, then the history is derived once.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from cattrs.preconf.json import JsonConverter

from diplorel._convert import ITEM, make_converter, tag_problem
from diplorel._coverage import Coverage
from diplorel._describe import describe_errors, describe_json
from diplorel._engine import NOTICES
from diplorel._events import Source
from diplorel._history import History, Item
from diplorel._naming import unknown_states
from diplorel._notes import (
    DiplomaticNote,
    ExchangeOfNotes,
    JointCommunique,
    instrument_problems,
)
from diplorel._reading import depth_problem, key_path, problem_at
from diplorel._rules import RuleSet
from diplorel._states import StateRegistry, default_registry
from diplorel.exceptions import DiplorelError, LoadError, Problem


@cache
def fast_converter() -> JsonConverter:
    """The converter for items that are right: no error bookkeeping."""
    return make_converter(detailed=False)


@cache
def converter() -> JsonConverter:
    """The document converter, built at first use (not at import)."""
    return make_converter()


def sources_table(header: dict[str, Any], where: str, problems: list[str]) -> dict[str, Any]:
    """The header's sources by key, each checked and built once (None: a bad one, reported)."""
    raw = header.get("sources", {})
    if type(raw) is not dict:
        got = describe_json(raw)
        message = f"expected an object of sources by key, got {got}"
        problems.append(problem_at(message, f"{where}.sources"))
        return {}
    table: dict[str, Source | None] = {}
    for key, data in raw.items():
        try:
            table[key] = structure_one(data, Source)
        except Exception as e:  # noqa: BLE001 - cattrs wraps errors in groups of its own
            problems.extend(describe_errors(e, key_path(f"{where}.sources", key)))
            table[key] = None
    return table


def expand_sources(item: Any, table: dict[str, Any], where: str, problems: list[str]) -> Any:  # noqa: ANN401 - JSON
    """``item`` with the keys in its ``sources`` replaced by the table's sources."""
    if type(item) is not dict or "sources" not in item:
        return item
    sources = item["sources"]
    if type(sources) is not list:
        return item  # the converter names the wrong type
    out = []
    for i, s in enumerate(sources):
        if type(s) is dict:
            out.append(s)
        elif type(s) is not str:
            message = (
                "expected a key of the header's sources table or a source object, "
                f"got {describe_json(s)}"
            )
            problems.append(problem_at(message, f"{where}.sources[{i}]"))
        elif s not in table:
            message = f"unknown source key {s!r}: the header's sources table has none"
            problems.append(problem_at(message, f"{where}.sources[{i}]"))
        elif table[s] is not None:  # a bad source is reported once, in the table
            out.append(table[s])
    return {**item, "sources": out}


def structure_one(data: object, type_: Any) -> Any:  # noqa: ANN401 - what cattrs builds
    """``data`` as a ``type_``: first by the fast converter, then by the one that says where."""
    try:
        return fast_converter().structure(data, type_)
    except Exception:  # noqa: BLE001 - structured again below, to say what and where
        return converter().structure(data, type_)


def structure_items(
    raw: Iterable[tuple[str, Any]],
    table: dict[str, Any],
    problems: list[str],
    *,
    max_depth: int,
    depth: int,
    registry: StateRegistry | None = None,
) -> list[tuple[str, Item]]:
    """Each item built, with its place; the problems of the others added to ``problems``.

    An item that loads nests no deeper than the schema allows, so only the others are
    walked for their depth (``depth`` is an item's own level in the document). A state the
    ``registry`` (default: the default registry) does not know is a problem at its field.
    """
    names = registry if registry is not None else default_registry()
    items = []
    fast = fast_converter().get_structure_hook(ITEM)  # once: hashing the union is not free
    for where, data in raw:
        found: list[str] = []
        bad_tag = tag_problem(data, where)
        if bad_tag is None:
            expanded = expand_sources(data, table, where, found)
            try:
                try:
                    item = fast(expanded, ITEM)
                except Exception:  # noqa: BLE001 - structured again below, to say what and where
                    item = converter().structure(expanded, ITEM)
            except Exception as e:  # noqa: BLE001 - cattrs wraps errors in groups of its own
                found.extend(describe_errors(e, where))
            else:
                found.extend(
                    problem_at(str(e), key_path(where, field))
                    for field, e in unknown_states(item, names)
                )
                items.append((where, item))
                problems.extend(found)
                continue
        else:
            found.append(bad_tag)
        too_deep = depth_problem(data, max_depth=max_depth, where=where, depth=depth)
        problems.extend([too_deep] if too_deep is not None else found)
    return items


_INSTRUMENTS = (DiplomaticNote, JointCommunique, ExchangeOfNotes)


def build(
    located: list[tuple[str, Item]],
    problems: list[str],
    source: str,
    *,
    strict: bool,
    rules: RuleSet | None,
    registry: StateRegistry | None,
    coverage: list[Coverage],
) -> History:
    """The history of the built items, or a LoadError with every problem found, in order.

    The instruments' problems (duplicate ids, replies that fit no proposal) are all added at
    their items' places; in strict mode, so is every refused event.
    """
    where_of = {id(item): where for where, item in located}
    instruments = [item for _, item in located if isinstance(item, _INSTRUMENTS)]
    for instrument, error in instrument_problems(instruments):
        problems.append(problem_at(str(error), where_of[id(instrument)]))
    if problems:
        raise LoadError(source, problems)
    items = [item for _, item in located]
    try:
        lenient = History(items, strict=False, rules=rules, registry=registry, coverage=coverage)
    except DiplorelError as e:
        raise LoadError(source, [str(e)]) from None
    if strict:
        by_id = {item.id: where for where, item in located if isinstance(item, _INSTRUMENTS)}
        found = [
            _anomaly_problem(a, where_of, by_id) for a in lenient.anomalies if a.kind not in NOTICES
        ]
        if found:
            raise LoadError(source, found)
        # Nothing was refused, so the strict derivation is the lenient one: keep it.
        return lenient.as_strict()
    return lenient


def _anomaly_problem(anomaly: Any, where_of: dict[int, str], by_id: dict[str, str]) -> Problem:  # noqa: ANN401 - an Anomaly
    """A refused event at its item's place, or at the instrument that made it."""
    where = where_of.get(id(anomaly.event))
    made_by = getattr(anomaly.event, "instrument", None)
    if where is None and made_by is not None:
        where = by_id.get(made_by) or by_id.get(made_by.rpartition("+")[2])
    if where is None:
        return Problem(str(anomaly))
    return problem_at(str(anomaly), where)
