"""Panels as Arrow tables and Parquet files, with their provenance in the schema's metadata.

Needs the ``arrow`` extra (``pip install 'diplorel[arrow]'``, which brings ``pyarrow``); without
it, :class:`~diplorel.MissingExtraError` names the extra. Each column gets the Arrow type of its
kind (:func:`~diplorel._panel_columns.kind_of`): small integers, booleans, text, and dictionary
(categorical) columns, those of the statuses and ``coverage`` with every possible value. The
panel's provenance (:mod:`diplorel._provenance`) is the schema's metadata under
:data:`METADATA_KEY`, as JSON: a Parquet file carries it inside, where a CSV has a sidecar.
"""

from __future__ import annotations

import importlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from diplorel._panel_columns import kind_of
from diplorel._panel_rows import Cell
from diplorel.exceptions import MissingExtraError, SaveError

ARROW_EXTRA = "arrow"
ARROW_PACKAGE = "pyarrow"
METADATA_KEY = b"diplorel.provenance"
"""The schema metadata key of a panel's provenance (JSON, UTF-8)."""


def arrow(feature: str) -> Any:  # noqa: ANN401 - pyarrow has no type information
    """The ``pyarrow`` module, or :class:`~diplorel.MissingExtraError` naming ``feature``."""
    try:
        return importlib.import_module(ARROW_PACKAGE)
    except ImportError:
        raise MissingExtraError(feature, extra=ARROW_EXTRA, package=ARROW_PACKAGE) from None


def _column(pa: Any, name: str, values: list[Cell]) -> Any:  # noqa: ANN401 - pyarrow
    kind = kind_of(name)
    if kind.type == "int":
        return pa.array(values, type=getattr(pa, f"int{kind.bits}")())
    if kind.type == "bool":
        return pa.array(values, type=pa.bool_())
    if kind.type == "text":
        return pa.array(values, type=pa.string())
    if kind.categories is None:
        return pa.array(values, type=pa.string()).dictionary_encode()
    at = {c: i for i, c in enumerate(kind.categories)}
    indices = pa.array([at[v] if isinstance(v, str) else None for v in values], type=pa.int8())
    return pa.DictionaryArray.from_arrays(indices, pa.array(kind.categories, type=pa.string()))


def to_arrow(data: Mapping[str, list[Cell]], provenance: Mapping[str, Any]) -> Any:  # noqa: ANN401
    """The columns ``data`` as a ``pyarrow.Table``, ``provenance`` in its schema's metadata."""
    pa = arrow("Panel.to_arrow")
    table = pa.table({name: _column(pa, name, values) for name, values in data.items()})
    text = json.dumps(dict(provenance), ensure_ascii=False, sort_keys=True)
    return table.replace_schema_metadata({METADATA_KEY: text.encode()})


def write_parquet(table: Any, path: str | os.PathLike[str]) -> None:  # noqa: ANN401 - pyarrow
    """Write ``table`` as Parquet to ``path``, atomically: a failure leaves no partial file.

    Written beside the target under a temporary name, then renamed over it; a failure is a
    :class:`~diplorel.SaveError` and leaves a previous file as it was.
    """
    parquet = importlib.import_module("pyarrow.parquet")
    target = Path(path)
    existed = target.exists()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise SaveError(str(path), e.strerror or str(e), kept_previous=existed) from e
    os.close(fd)
    try:
        parquet.write_table(table, tmp)
        Path(tmp).replace(target)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise SaveError(str(path), e.strerror or str(e), kept_previous=existed) from e
        raise
