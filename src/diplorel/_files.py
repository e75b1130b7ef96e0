"""History files: JSON documents and JSON Lines, loaded whole or not at all, saved atomically.

A JSON document::

    {"format": "diplorel-history", "version": 1,
     "sources": {"afp-2024": {"publisher": "AFP", "title": "..."}},
     "items": [{"type": "relations_established", "between": ["CUB", "KOR"], "on": "1949",
                "sources": ["afp-2024"]}, ...]}

An optional ``"rules"`` field names the rule set the items assume; without it the default rules
apply. An optional ``"coverage"`` field lists the history's coverage declarations (where no act
means a certain "none"; a COW import declares the days it observes). A JSON Lines file has the
same header (without ``items``) on its first line and one item per line after it. An item's
``sources`` may hold source objects or keys of the ``sources`` table.

Loading reports every problem at once, each with its place (JSON path, and line number for JSON
Lines), as one :class:`~diplorel.LoadError`; nothing is half-loaded.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from cattrs.preconf.json import JsonConverter

from diplorel._alloc import bulk_allocation
from diplorel._convert import ITEM, describe_errors, make_converter, tag_problem
from diplorel._coverage import Coverage
from diplorel._dates import parse_edtf
from diplorel._events import Source
from diplorel._history import History, Item
from diplorel._rules import RuleSet
from diplorel._save import FileToken, write_atomic
from diplorel._states import StateRegistry
from diplorel.exceptions import DiplorelError, LoadError

FORMAT = "diplorel-history"
VERSION = 2
"""The schema version this diplorel writes. History of versions: 1 (diplorel 0.1): first;
2 (diplorel 0.2): presence apart from the agreed class (see :func:`upcast_v1_v2`), and
the optional ``coverage`` header field (see :class:`~diplorel.Coverage`)."""

Upcaster = Callable[[dict[str, Any], list[Any]], tuple[dict[str, Any], list[Any]]]
"""Takes a document's header and its raw items; returns both at the next version.

An upcaster changes items in place of each other: it never adds or drops one, so that every
problem still names the item's place in the file as written."""

_RANK_OF_V1_LEVEL = {
    "charge_d_affaires": "charge_d_affaires",
    "minister": "minister",
    "ambassador": "ambassador",
    "other": "other",
    "unknown": "unknown",
}
_BREAKS = {"relations_severed", "relations_suspended"}
_CONSENTS = {"relations_established", "relations_resumed"}


def _v1_presence(item: Any) -> Any:  # noqa: ANN401 - JSON
    """A v1 ``representation_changed`` of a COW document: an observation of presence."""
    if not isinstance(item, dict) or item.get("type") != "representation_changed":
        return item
    out = {k: v for k, v in item.items() if k != "level"}
    out["type"] = "presence_observed"
    rank = _RANK_OF_V1_LEVEL.get(item.get("level"))  # type: ignore[arg-type]
    if rank is not None:
        out["rank"] = rank
    elif item.get("level") != "none":
        out["rank"] = item.get("level")  # not a v1 level: the load reports it
    return out


def _dyad_of(item: dict[str, Any]) -> frozenset[str] | None:
    between = item.get("between")
    if isinstance(between, list) and all(isinstance(x, str) for x in between):
        return frozenset(between)
    return None


def _earliest(item: dict[str, Any]) -> Any:  # noqa: ANN401 - a date, or None
    try:
        return parse_edtf(item["on"]).earliest
    except (KeyError, TypeError, DiplorelError):
        return None


def _later_closure(items: list[Any], brk: dict[str, Any]) -> bool:
    """True when a closure of an embassy or legation of the break's dyad is stated later."""
    dyad, day = _dyad_of(brk), _earliest(brk)
    if dyad is None or day is None:
        return False
    nearest: Any = None
    closes: list[Any] = []
    for other in items:
        if not isinstance(other, dict) or _dyad_of(other) != dyad:
            continue
        when = _earliest(other)
        if when is None or when <= day:
            continue
        if other.get("type") in _CONSENTS and (nearest is None or when < nearest):
            nearest = when
        if other.get("type") == "mission_closed" and other.get("kind", "embassy") in {
            "embassy",
            "legation",
        }:
            closes.append(when)
    return any(nearest is None or c < nearest for c in closes)


def upcast_v1_v2(header: dict[str, Any], items: list[Any]) -> tuple[dict[str, Any], list[Any]]:
    """Version 1 to 2: the agreed class and who is at post became separate dimensions.

    - A document of COW data (``"rules": "cow"``): each ``representation_changed`` was a level
      observed, so it becomes a ``presence_observed`` (``level`` -> ``rank``; ``none`` -> no
      rank); the ``rules`` field goes (the default rules accept observations).
    - Otherwise ``representation_changed`` keeps its meaning, the agreed class.
    - A break now closes the dyad's embassies and legations: a break followed by a stated
      closure of one (before relations resume) gets ``missions_stay_open: true``, so the
      closure keeps its date.
    """
    header = {**header, "version": 2}
    if header.get("rules") == "cow":
        del header["rules"]
        return header, [_v1_presence(item) for item in items]
    out = []
    for item in items:
        if (
            isinstance(item, dict)
            and item.get("type") in _BREAKS
            and "missions_stay_open" not in item
            and _later_closure(items, item)
        ):
            item = {**item, "missions_stay_open": True}  # noqa: PLW2901 - replaced in place
        out.append(item)
    return header, out


UPCASTERS: dict[int, Upcaster] = {1: upcast_v1_v2}
"""``UPCASTERS[n]`` turns a version ``n`` document into version ``n + 1``."""


@cache
def _fast_converter() -> JsonConverter:
    """The converter for items that are right: no error bookkeeping."""
    return make_converter(detailed=False)


@cache
def _converter() -> JsonConverter:
    """The document converter, built at first use (not at import)."""
    return make_converter()


def _header_problems(header: object, where: str) -> list[str]:
    if not isinstance(header, dict):
        return [f"expected a JSON object with format and version @ {where}"]
    problems = []
    if header.get("format") != FORMAT:
        problems.append(f"expected {FORMAT!r}, got {header.get('format')!r} @ {where}.format")
    version = header.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.append(f"expected a whole number >= 1, got {version!r} @ {where}.version")
    elif version > VERSION:
        problems.append(
            f"the file has schema version {version}, newer than this diplorel reads "
            f"({VERSION}); upgrade diplorel @ {where}.version"
        )
    return problems


def named_rules(name: str) -> RuleSet:
    """The rule set a document names in its ``rules`` header field."""
    if name == "default":
        from diplorel._default_rules import default_rules  # noqa: PLC0415

        return default_rules()
    if name == "cow":
        from diplorel.io.cow import cow_rules  # noqa: PLC0415 - io.cow imports this module

        return cow_rules()
    msg = f"unknown rule set {name!r} (known: default, cow)"
    raise KeyError(msg)


def _rules_of(
    header: dict[str, Any], given: RuleSet | None, where: str, problems: list[str]
) -> RuleSet | None:
    if given is not None or "rules" not in header:
        return given
    try:
        return named_rules(str(header["rules"]))
    except KeyError as e:
        problems.append(f"{e.args[0]} @ {where}.rules")
        return None


def upcast(header: dict[str, Any], items: list[Any]) -> tuple[dict[str, Any], list[Any]]:
    """Upgrade an older document (header and raw items) step by step to the current version."""
    version = int(header["version"])
    while version < VERSION:
        header, items = UPCASTERS[version](header, items)
        version = int(header["version"])
    return header, items


def _read_header(
    header: Any,  # noqa: ANN401 - JSON
    where: str,
    rules: RuleSet | None,
    body: set[str],
) -> tuple[list[str], dict[str, Any], RuleSet | None]:
    """Check an (upgraded) document header; its problems, sources table and rule set."""
    problems: list[str] = []
    table = _sources_table(header, where, problems)
    rules = _rules_of(header, rules, where, problems)
    extra = set(header) - {"format", "version", "rules", "sources", "coverage", *body}
    if extra:
        problems.append(f"unknown field(s): {', '.join(sorted(extra))} @ {where}")
    return problems, table, rules


def _coverage_of(
    header: dict[str, Any], table: dict[str, Any], where: str, problems: list[str]
) -> list[Coverage]:
    """The header's coverage declarations (see :class:`~diplorel.Coverage`)."""
    raw = header.get("coverage", [])
    if not isinstance(raw, list):
        problems.append(f"expected a list of coverage declarations @ {where}.coverage")
        return []
    out = []
    for i, data in enumerate(raw):
        place = f"{where}.coverage[{i}]"
        expanded = _expand_sources(data, table, place, problems)
        try:
            out.append(_converter().structure(expanded, Coverage))
        except Exception as e:  # noqa: BLE001 - cattrs wraps errors in groups of its own
            problems.extend(describe_errors(e, place))
    return out


def _sources_table(header: dict[str, Any], where: str, problems: list[str]) -> dict[str, Any]:
    table = header.get("sources", {})
    if not isinstance(table, dict):
        problems.append(f"expected an object of sources by key @ {where}.sources")
        return {}
    return table


def _expand_sources(item: Any, table: dict[str, Any], where: str, problems: list[str]) -> Any:  # noqa: ANN401 - JSON
    if not isinstance(item, dict) or "sources" not in item:
        return item
    sources = item["sources"]
    if not isinstance(sources, list):
        return item
    out = []
    for i, s in enumerate(sources):
        if isinstance(s, str):
            if s not in table:
                problems.append(f"unknown source key {s!r} @ {where}.sources[{i}]")
                continue
            out.append(table[s])
        else:
            out.append(s)
    return {**item, "sources": out}


def _structure_items(
    raw: Iterable[tuple[str, Any]], table: dict[str, Any], problems: list[str]
) -> list[tuple[str, Item]]:
    items = []
    for where, data in raw:
        bad_tag = tag_problem(data, where)
        if bad_tag is not None:
            problems.append(bad_tag)
            continue
        expanded = _expand_sources(data, table, where, problems)
        try:
            try:
                item = _fast_converter().structure(expanded, ITEM)
            except Exception:  # noqa: BLE001 - structured again below, to say what and where
                item = _converter().structure(expanded, ITEM)
            items.append((where, item))
        except (DiplorelError, ValueError, TypeError, KeyError) as e:
            problems.extend(describe_errors(e, where))
        except Exception as e:  # noqa: BLE001 - cattrs wraps errors in groups of its own
            problems.extend(describe_errors(e, where))
    return items


def _build(
    located: list[tuple[str, Item]],
    problems: list[str],
    source: str,
    *,
    strict: bool,
    rules: RuleSet | None,
    registry: StateRegistry | None,
    coverage: list[Coverage],
) -> History:
    if problems:
        raise LoadError(source, problems)
    items = [item for _, item in located]
    where_of = {id(item): where for where, item in located}
    try:
        lenient = History(items, strict=False, rules=rules, registry=registry, coverage=coverage)
    except DiplorelError as e:
        raise LoadError(source, [str(e)]) from None
    if strict:
        found = [
            f"{a} @ {where_of.get(id(a.event), 'an item made by an instrument')}"
            for a in lenient.anomalies
            if a.kind != "exclusivity_overlap"
        ]
        if found:
            raise LoadError(source, found)
        # Nothing was refused, so the strict derivation is the lenient one: keep it.
        return lenient.as_strict()
    return lenient


def loads(
    text: str | bytes,
    *,
    strict: bool = True,
    rules: RuleSet | None = None,
    registry: StateRegistry | None = None,
    source: str = "<string>",
) -> History:
    """Load a history from the text of a JSON document."""
    try:
        doc = json.loads(text)
    except (ValueError, UnicodeDecodeError) as e:
        raise LoadError(source, [f"not valid JSON: {e}"]) from None
    header_problems = _header_problems(doc, "$")
    if header_problems:
        raise LoadError(source, header_problems)
    raw = doc.get("items")
    if not isinstance(raw, list):
        raise LoadError(source, ["expected a list of items @ $.items"])
    doc, raw = upcast({k: v for k, v in doc.items() if k != "items"}, raw)
    problems, table, rules = _read_header(doc, "$", rules, {"items"})
    coverage = _coverage_of(doc, table, "$", problems)
    with bulk_allocation(len(raw)):
        located = _structure_items(
            ((f"$.items[{i}]", x) for i, x in enumerate(raw)), table, problems
        )
        return _build(
            located,
            problems,
            source,
            strict=strict,
            rules=rules,
            registry=registry,
            coverage=coverage,
        )


def _jsonl_lines(text: str, problems: list[str]) -> Iterator[tuple[str, Any]]:
    # Only "\n" ends a line: str.splitlines would also split inside JSON strings that hold
    # U+0085, U+2028 or U+2029, which json.dumps(ensure_ascii=False) writes as they are.
    for n, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if not line.strip():
            continue
        try:
            yield f"line {n} $", json.loads(line)
        except ValueError as e:
            problems.append(f"not valid JSON: {e} @ line {n}")


def loads_jsonl(
    text: str | bytes,
    *,
    strict: bool = True,
    rules: RuleSet | None = None,
    registry: StateRegistry | None = None,
    source: str = "<string>",
) -> History:
    """Load a history from JSON Lines text: a header line, then one item per line."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as e:
            raise LoadError(source, [f"not UTF-8 text: {e}"]) from None
    problems: list[str] = []
    lines = _jsonl_lines(text, problems)
    first = next(lines, None)
    if first is None:
        raise LoadError(source, [*problems, "expected a header line @ line 1"])
    bad_header = _header_problems(first[1], first[0])
    if bad_header:
        raise LoadError(source, [*problems, *bad_header])
    rest = list(lines)
    header, raw = upcast(first[1], [data for _, data in rest])
    header_problems, table, rules = _read_header(header, first[0], rules, set())
    problems.extend(header_problems)
    coverage = _coverage_of(header, table, first[0], problems)
    with bulk_allocation(text.count("\n")):
        located = _structure_items(
            ((where, data) for (where, _), data in zip(rest, raw, strict=True)), table, problems
        )
        return _build(
            located,
            problems,
            source,
            strict=strict,
            rules=rules,
            registry=registry,
            coverage=coverage,
        )


def load(
    path: str | os.PathLike[str],
    *,
    strict: bool = True,
    rules: RuleSet | None = None,
    registry: StateRegistry | None = None,
) -> History:
    """Load a history file: JSON Lines if it ends in ``.jsonl``, else a JSON document."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise LoadError(str(p), [f"cannot read the file: {e.strerror or e}"]) from None
    reader = loads_jsonl if p.suffix == ".jsonl" else loads
    return reader(data, strict=strict, rules=rules, registry=registry, source=str(p))


def _source_key(source: Source, keys: dict[Source, str]) -> str:
    key = keys.get(source)
    if key is None:
        key = f"s{len(keys) + 1}"
        keys[source] = key
    return key


def _document_parts(history: History) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    keys: dict[Source, str] = {}
    items = []
    for item in history.items:
        data = _converter().unstructure(item, ITEM)
        sources = getattr(item, "sources", ())
        if sources:
            data["sources"] = [_source_key(s, keys) for s in sources]
        items.append(data)
    coverage = []
    for declared in history.coverage:
        data = _converter().unstructure(declared)
        if declared.sources:
            data["sources"] = [_source_key(s, keys) for s in declared.sources]
        coverage.append(data)
    table = {key: _converter().unstructure(s) for s, key in keys.items()}
    header: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    if history.rules.name not in {None, "default"}:
        header["rules"] = history.rules.name
    if table:
        header["sources"] = table
    if coverage:
        header["coverage"] = coverage
    return header, items


def dumps(history: History) -> str:
    """The JSON document text of a history."""
    header, items = _document_parts(history)
    return json.dumps({**header, "items": items}, indent=1, ensure_ascii=False) + "\n"


def dumps_jsonl(history: History) -> str:
    """The JSON Lines text of a history: a header line, then one item per line."""
    header, items = _document_parts(history)
    lines = [json.dumps(header, ensure_ascii=False)]
    lines.extend(json.dumps(item, ensure_ascii=False) for item in items)
    return "\n".join(lines) + "\n"


def dump(
    history: History, path: str | os.PathLike[str], *, expect: FileToken | None = None
) -> None:
    """Save a history atomically: JSON Lines if the path ends in ``.jsonl``, else JSON.

    The save touches only the file asked for: through a symbolic link it writes the file the
    link leads to (keeping its permissions), it refuses pipes, devices, folders and the name
    ``-``, and it waits for another diplorel process saving the same file. With ``expect``, a
    :class:`FileToken` taken (by :func:`file_token`) before the file was loaded, it refuses to
    overwrite the file if someone else changed it since. Every failure is a
    :class:`~diplorel.SaveError` naming the file; the previous file is then left as it was.

    >>> import pathlib, tempfile
    >>> import diplorel as dr
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "h.json"
    >>> dr.dump(dr.History([dr.RelationsEstablished(between=("CUB", "KOR"), on="1949")]), path)
    >>> token = dr.file_token(path)
    >>> h = dr.load(path)
    >>> dr.dump(dr.History(), path)  # someone else saves in between
    >>> try:
    ...     dr.dump(h, path, expect=token)
    ... except dr.SaveError as e:
    ...     print(e.lost_update)
    True
    """
    writer = dumps_jsonl if Path(path).suffix == ".jsonl" else dumps
    write_atomic(path, lambda: writer(history), expect=expect)
