"""Provenance: what a researcher cites an exported table by.

Every panel carries it (:attr:`diplorel.Panel.provenance`), and ``Panel.to_csv`` writes it
beside the CSV as ``<file>.provenance.json``: the diplorel version, the version of the shipped
data when the history is the default one, the rule set, the COW conventions, and the query
(years, day, states, focal states, direction, knowledge day).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from importlib import metadata
from typing import TYPE_CHECKING, Any

import attrs

from diplorel._representation import DEFAULT_CONVENTIONS, CowConventions
from diplorel._save import write_atomic

if TYPE_CHECKING:
    from diplorel._view import HistoryView

DATA_VERSION = "data version"
"""The key under which the default history's derived index holds the shipped data's version
(or the function that works it out, so that loading the history hashes no file)."""

SIDECAR = ".provenance.json"
"""What a table's provenance file adds to the table's name."""


def data_version(contents: list[bytes]) -> str:
    """The version of shipped data files: the start of the SHA-256 of their bytes, in order."""
    digest = hashlib.sha256()
    for blob in contents:
        digest.update(hashlib.sha256(blob).digest())
    return f"sha256:{digest.hexdigest()[:16]}"


def _version() -> str:
    try:
        return metadata.version("diplorel")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
        return "unknown"


def provenance(
    history: HistoryView,
    query: Mapping[str, Any],
    *,
    conventions: CowConventions = DEFAULT_CONVENTIONS,
) -> dict[str, Any]:
    """The provenance of a table built from ``history`` by ``query`` (JSON-ready)."""
    data = history.memo.get(DATA_VERSION)
    if callable(data):  # the default history's data version, worked out on first use
        data = data()
    rules = history.rules
    return {
        "created_by": f"diplorel {_version()}",
        "history": {
            "data": data if isinstance(data, str) else None,
            "default": isinstance(data, str),
            "dyads": len(history.dyads),
            "strict": history.strict,
            "coverage_declarations": len(history.coverage),
        },
        "rules": rules.name or "custom",
        "rule_names": list(rules.names),
        "cow_conventions": {
            k: v if isinstance(v, str | int | bool | None) else str(v)
            for k, v in attrs.asdict(conventions, recurse=False).items()
        },
        "query": {k: _plain(v) for k, v in query.items()},
    }


def _plain(value: Any) -> Any:  # noqa: ANN401 - a query's values
    if value is None or isinstance(value, str | int | bool):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items) if isinstance(value, set | frozenset) else items
    return str(value)


def write_sidecar(table: str | os.PathLike[str], data: Mapping[str, Any]) -> str:
    """Write ``data`` as ``<table>.provenance.json`` (atomically); return its path."""
    path = os.fspath(table) + SIDECAR
    write_atomic(path, lambda: json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return path
