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
Lines), as one :class:`~diplorel.LoadError`; nothing is half-loaded. Each problem is a
:class:`~diplorel.exceptions.Problem`: text that carries its ``path`` and ``line`` as data.
Types are checked and nothing is coerced (see :mod:`diplorel._convert`), a duplicate key is an
error, the size and nesting depth of what is read are capped (``max_size``, ``max_depth``), and
:func:`load` reads only regular files.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from diplorel._alloc import bulk_allocation
from diplorel._convert import ITEM
from diplorel._coverage import Coverage
from diplorel._dates import parse_edtf
from diplorel._default_rules import default_rules
from diplorel._describe import describe_errors, describe_json
from diplorel._events import Source
from diplorel._history import History, Item
from diplorel._loading import build, sources_table, structure_items, structure_one
from diplorel._loading import converter as _converter
from diplorel._loading import expand_sources as _expand_sources
from diplorel._reading import (
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_SIZE,
    WALK_ALL_BELOW,
    JsonParser,
    check_limits,
    depth_problem,
    key_path,
    problem_at,
    read_regular_file,
    size_problem,
)
from diplorel._rules import RuleSet
from diplorel._save import FileToken, write_atomic
from diplorel._states import StateRegistry
from diplorel.exceptions import DiplorelError, InvalidTypeError, LoadError, Problem
from diplorel.io.cow import cow_rules

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
    level = item.get("level")
    rank = _RANK_OF_V1_LEVEL.get(level) if isinstance(level, str) else None
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


def _later_closures(items: list[Any]) -> dict[int, bool]:
    """For each break (by position): is a closure of its dyad's embassy or legation stated later?

    Later means after the break and before relations are next established or resumed.

    One pass over the items filed by dyad, then per dyad in date order: linear in the items
    (a 100,000-item version 1 file upcasts in well under a second).
    """
    by_dyad: dict[frozenset[str], list[tuple[Any, int, Any]]] = {}
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        dyad, when = _dyad_of(item), _earliest(item)
        if dyad is not None and when is not None:
            kind = item.get("type")
            by_dyad.setdefault(dyad, []).append((when, i, kind if isinstance(kind, str) else None))
    out: dict[int, bool] = {}
    for acts in by_dyad.values():
        acts.sort(key=lambda a: (a[0], a[1]))
        # scan backwards: the first consent and the first closure strictly after each day
        nearest: Any = None
        close: Any = None
        j = len(acts)
        for k in range(len(acts) - 1, -1, -1):
            when, i, kind = acts[k]
            while j > 0 and acts[j - 1][0] > when:
                j -= 1
                later_when, later_i, later_kind = acts[j]
                if later_kind in _CONSENTS:
                    nearest = later_when
                if later_kind == "mission_closed" and _closes_post(items[later_i]):
                    close = later_when
            if kind in _BREAKS:
                out[i] = close is not None and (nearest is None or close < nearest)
    return out


def _closes_post(item: dict[str, Any]) -> bool:
    kind = item.get("kind", "embassy")
    return isinstance(kind, str) and kind in {"embassy", "legation"}


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
    closed = _later_closures(items)
    out = []
    for i, item in enumerate(items):
        if isinstance(item, dict) and "missions_stay_open" not in item and closed.get(i, False):
            item = {**item, "missions_stay_open": True}  # noqa: PLW2901 - replaced in place
        out.append(item)
    return header, out


UPCASTERS: dict[int, Upcaster] = {1: upcast_v1_v2}
"""``UPCASTERS[n]`` turns a version ``n`` document into version ``n + 1``."""


def _header_problems(header: object, where: str) -> list[Problem]:
    if type(header) is not dict:
        got = describe_json(header)
        return [problem_at(f"expected a JSON object with format and version, got {got}", where)]
    problems = []
    if header.get("format") != FORMAT:
        message = (
            f"expected the format {FORMAT!r}, got {describe_json(header['format'])}"
            if "format" in header
            else f"the required field 'format' is missing (it is {FORMAT!r})"
        )
        problems.append(problem_at(message, f"{where}.format"))
    version = header.get("version")
    if type(version) is not int or version < 1:
        message = (
            "expected the schema version as a whole number of at least 1, "
            f"got {describe_json(version)}"
            if "version" in header
            else "the required field 'version' (the schema version) is missing"
        )
        problems.append(problem_at(message, f"{where}.version"))
    elif version > VERSION:
        message = (
            f"the file has schema version {version}, newer than this diplorel reads "
            f"({VERSION}); upgrade diplorel"
        )
        problems.append(problem_at(message, f"{where}.version"))
    return problems


def named_rules(name: str) -> RuleSet:
    """The rule set a document names in its ``rules`` header field."""
    if name == "default":
        return default_rules()
    if name == "cow":
        return cow_rules()
    msg = f"unknown rule set {name!r} (known: default, cow)"
    raise KeyError(msg)


def _rules_of(
    header: dict[str, Any], given: RuleSet | None, where: str, problems: list[str]
) -> RuleSet | None:
    if given is not None or "rules" not in header:
        return given
    name = header["rules"]
    if type(name) is not str:
        got = describe_json(name)
        message = f"expected the name of a rule set (default or cow), got {got}"
        problems.append(problem_at(message, f"{where}.rules"))
        return None
    try:
        return named_rules(name)
    except KeyError as e:
        problems.append(problem_at(e.args[0], f"{where}.rules"))
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
    table = sources_table(header, where, problems)
    rules = _rules_of(header, rules, where, problems)
    for name in sorted(set(header) - {"format", "version", "rules", "sources", "coverage", *body}):
        message = f"unknown field {name!r} in the header"
        problems.append(problem_at(message, key_path(where, name)))
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
            out.append(structure_one(expanded, Coverage))
        except Exception as e:  # noqa: BLE001 - cattrs wraps errors in groups of its own
            problems.extend(describe_errors(e, place))
    return out


def _check_arguments(strict: object, max_size: int, max_depth: int) -> None:
    if type(strict) is not bool:
        raise InvalidTypeError(strict, field="strict", expected="a bool")
    check_limits(max_size, max_depth)


def _text(text: str | bytes, source: str, max_size: int, *, document: bool) -> str:
    """The text of ``text`` (bytes are UTF-8; a JSON document may also be UTF-16 or -32)."""
    if not isinstance(text, str | bytes):
        raise InvalidTypeError(text, field="text", expected="JSON text (a str or bytes)")
    too_large = size_problem(text, max_size)
    if too_large is not None:
        raise LoadError(source, [too_large])
    if isinstance(text, str):
        return text
    encoding = json.detect_encoding(text) if document else "utf-8"
    try:
        return text.decode(encoding, "surrogatepass" if document else "strict")
    except UnicodeDecodeError as e:
        line = text.count(b"\n", 0, e.start) + 1 if encoding == "utf-8" else None
        message = (
            f"not valid JSON: the text is not {encoding.upper()} ({e.reason} at byte {e.start})"
        )
        raise LoadError(source, [Problem(message, line=line)]) from None


def loads(
    text: str | bytes,
    *,
    strict: bool = True,
    rules: RuleSet | None = None,
    registry: StateRegistry | None = None,
    source: str = "<string>",
    max_size: int = DEFAULT_MAX_SIZE,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> History:
    """Load a history from the text of a JSON document.

    A document larger than ``max_size`` bytes (default 1 GiB) or nested deeper than
    ``max_depth`` levels (default 100; a history nests 5) is refused with a
    :class:`~diplorel.LoadError` naming the limit; so is a duplicate key in any object.
    """
    _check_arguments(strict, max_size, max_depth)
    header, raw = _document(_text(text, source, max_size, document=True), source, max_depth)
    problems, table, rules = _read_header(header, "$", rules, {"items"})
    coverage = _coverage_of(header, table, "$", problems)
    with bulk_allocation(len(raw)):
        located = structure_items(
            ((f"$.items[{i}]", x) for i, x in enumerate(raw)),
            table,
            problems,
            max_depth=max_depth,
            depth=3,
            registry=registry,
        )
        return build(
            located,
            problems,
            source,
            strict=strict,
            rules=rules,
            registry=registry,
            coverage=coverage,
        )


_BYTES_PER_VALUE = 100
"""About how many bytes of a history's JSON make one container (for the collector's pause)."""


def _document(text: str, source: str, max_depth: int) -> tuple[dict[str, Any], list[Any]]:
    """The (upgraded) header and the raw items of a JSON document, or its LoadError."""
    with bulk_allocation(len(text) // _BYTES_PER_VALUE):  # parsing allocates much, no cycles
        doc, bad = JsonParser(max_depth=max_depth).parse(text)
    if bad:
        raise LoadError(source, bad)
    if max_depth < WALK_ALL_BELOW:
        too_deep = depth_problem(doc, max_depth=max_depth, where="$")
        if too_deep is not None:
            raise LoadError(source, [too_deep])
    header_problems = _header_problems(doc, "$")
    if header_problems:
        raise LoadError(source, header_problems)
    raw = doc.get("items")
    if type(raw) is not list:
        message = (
            f"expected the list of items (an array), got {describe_json(raw)}"
            if "items" in doc
            else "the required field 'items' (the list of items) is missing"
        )
        raise LoadError(source, [problem_at(message, "$.items")])
    header = {k: v for k, v in doc.items() if k != "items"}
    for k, v in header.items():  # each item is walked only if it fails to load
        too_deep = depth_problem(v, max_depth=max_depth, where=key_path("$", k), depth=2)
        if too_deep is not None:
            raise LoadError(source, [too_deep])
    return upcast(header, raw)


def parts(
    header: dict[str, Any], raw: Iterable[tuple[str, Any]], source: str
) -> tuple[list[Item], list[Coverage]]:
    """The items and coverage of an (upgraded) header and its located raw items.

    For data that were checked when they were written (the shipped default history): the
    items are built and type-checked, a problem is a :class:`~diplorel.LoadError`, but the
    caller derives them (no anomaly check here).
    """
    problems, table, _ = _read_header(header, "$", None, {"items"})
    coverage = _coverage_of(header, table, "$", problems)
    located = structure_items(raw, table, problems, max_depth=DEFAULT_MAX_DEPTH, depth=1)
    if problems:
        raise LoadError(source, problems)
    return [item for _, item in located], coverage


def document(text: str, source: str) -> tuple[dict[str, Any], list[Any]]:
    """The (upgraded) header and raw items of a JSON document, or its LoadError."""
    return _document(text, source, DEFAULT_MAX_DEPTH)


def _jsonl_lines(
    text: str, parser: JsonParser, problems: list[str], *, walk: bool
) -> Iterator[tuple[str, Any]]:
    # Only "\n" ends a line: str.splitlines would also split inside JSON strings that hold
    # U+0085, U+2028 or U+2029, which json.dumps(ensure_ascii=False) writes as they are.
    for n, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if not line.strip():
            continue
        value, found = parser.parse(line, line=n)
        if not found and walk:
            too_deep = depth_problem(value, max_depth=parser.max_depth, where=f"line {n} $")
            found = [too_deep] if too_deep is not None else []
        if found:
            problems.extend(found)
            continue
        yield f"line {n} $", value


def loads_jsonl(
    text: str | bytes,
    *,
    strict: bool = True,
    rules: RuleSet | None = None,
    registry: StateRegistry | None = None,
    source: str = "<string>",
    max_size: int = DEFAULT_MAX_SIZE,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> History:
    """Load a history from JSON Lines text: a header line, then one item per line.

    The limits are those of :func:`loads`; ``max_depth`` counts the levels of each line.
    """
    _check_arguments(strict, max_size, max_depth)
    text = _text(text, source, max_size, document=False)
    with bulk_allocation(text.count("\n")):  # parsing allocates as much as building
        return _load_lines(
            text, source, strict=strict, rules=rules, registry=registry, max_depth=max_depth
        )


def _load_lines(
    text: str,
    source: str,
    *,
    strict: bool,
    rules: RuleSet | None,
    registry: StateRegistry | None,
    max_depth: int,
) -> History:
    problems: list[str] = []
    parser = JsonParser(max_depth=max_depth)
    lines = _jsonl_lines(text, parser, problems, walk=max_depth < WALK_ALL_BELOW)
    first = next(lines, None)
    if first is None:
        raise LoadError(source, [*problems, Problem("expected a header line", line=1)])
    bad_header = _header_problems(first[1], first[0])
    too_deep = depth_problem(first[1], max_depth=max_depth, where=first[0])
    if bad_header or too_deep:
        raise LoadError(source, [*problems, *bad_header, *([too_deep] if too_deep else [])])
    rest = list(lines)
    header, raw = upcast(first[1], [data for _, data in rest])
    header_problems, table, rules = _read_header(header, first[0], rules, set())
    problems.extend(header_problems)
    coverage = _coverage_of(header, table, first[0], problems)
    located = structure_items(
        ((where, data) for (where, _), data in zip(rest, raw, strict=True)),
        table,
        problems,
        max_depth=max_depth,
        depth=1,
        registry=registry,
    )
    return build(
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
    max_size: int = DEFAULT_MAX_SIZE,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> History:
    """Load a history file: JSON Lines if it ends in ``.jsonl``, else a JSON document.

    Only a regular file is read: a directory, a device (``/dev/zero``), a pipe or a socket is
    refused with a :class:`~diplorel.LoadError` before anything is read, as is a file larger
    than ``max_size`` bytes. The limits are those of :func:`loads`.
    """
    if not isinstance(path, str | os.PathLike):
        raise InvalidTypeError(path, field="path", expected="a path (a str or os.PathLike)")
    _check_arguments(strict, max_size, max_depth)
    p = Path(path)
    data = read_regular_file(p, max_size)
    if isinstance(data, Problem):
        raise LoadError(str(p), [data])
    reader = loads_jsonl if p.suffix == ".jsonl" else loads
    return reader(
        data,
        strict=strict,
        rules=rules,
        registry=registry,
        source=str(p),
        max_size=max_size,
        max_depth=max_depth,
    )


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
