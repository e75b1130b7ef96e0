"""The curated, sourced default history that ships inside the package.

It is built at first use (never at import) from two files, every event in them citing its
sources:

- ``diplorel/data/default_history.json``: the curated dyads;
- ``diplorel/data/us_records.jsonl``: the United States' relations with every state, from the
  Office of the Historian's records (``tools/usdos/``), filed by dyad, with
  ``us_records.index.json`` giving the header's length and each dyad's byte ranges.

:func:`default_history` builds the whole; :func:`default_history_of` builds the curated dyads
and the US records of one dyad only, which answers that dyad's questions exactly as the whole
would (derivation is per dyad) at a fraction of the start-up cost: the command line uses it.

>>> import diplorel as dr
>>> dr.default_history().status("CUB", "KOR", on="2010-06-01").diplomatic
<Diplomatic.SEVERED: 'severed'>
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from diplorel._coverage import Coverage
from diplorel._files import document, parts
from diplorel._history import History, Item, derived
from diplorel._provenance import DATA_VERSION, data_version
from diplorel._reading import DEFAULT_MAX_DEPTH, JsonParser
from diplorel._states import default_registry
from diplorel.exceptions import LoadError

CURATED = "data/default_history.json"
US_RECORDS = "data/us_records.jsonl"
US_INDEX = "data/us_records.index.json"

Parts = tuple[tuple[Item, ...], tuple[Coverage, ...]]


def _read(name: str) -> str:
    return files("diplorel").joinpath(name).read_text(encoding="utf-8")


@cache
def _curated() -> Parts:
    source = f"diplorel/{CURATED}"
    header, raw = document(_read(CURATED), source)
    items, coverage = parts(header, ((f"$.items[{i}]", x) for i, x in enumerate(raw)), source)
    return tuple(items), tuple(coverage)


@cache
def _us_index() -> dict[str, Any]:
    index: dict[str, Any] = json.loads(_read(US_INDEX))
    return index


@cache
def _us_header() -> dict[str, Any]:
    with files("diplorel").joinpath(US_RECORDS).open("rb") as f:
        line = f.read(_us_index()["header"]).decode("utf-8")
    header, bad = JsonParser(max_depth=DEFAULT_MAX_DEPTH).parse(line, line=1)
    if bad:
        raise LoadError(f"diplorel/{US_RECORDS}", bad)
    return dict(header)


def _us_parts(key: str | None) -> Parts:
    """The items of the dyad ``key`` (all when None), with the coverage of their dyads.

    The index gives each dyad's byte ranges: only those are read and built.
    """
    source = f"diplorel/{US_RECORDS}"
    header = _us_header()
    if key is None:  # every item: from the line after the header to the end
        ranges: list[tuple[int, int | None]] = [(_us_index()["header"] + 1, None)]
    else:
        spans = _us_index()["dyads"].get(key, [])
        ranges = list(zip(spans[::2], spans[1::2], strict=True))
        cover = [c for c in header.get("coverage", []) if _cover_key(c) == key]
        header = {**header, "coverage": cover}
    parser = JsonParser(max_depth=DEFAULT_MAX_DEPTH)
    raw: list[tuple[str, Any]] = []
    bad = []
    with files("diplorel").joinpath(US_RECORDS).open("rb") as f:
        for start, end in ranges:
            f.seek(start)
            chunk = f.read() if end is None else f.read(end - start)
            for text in chunk.decode("utf-8").split("\n"):
                if text.strip():
                    data, found = parser.parse(text)
                    bad += found
                    raw.append(("$", data))
    if bad:
        raise LoadError(source, bad)
    items, coverage = parts(header, raw, source)
    return tuple(items), tuple(coverage)


def _cover_key(c: dict[str, Any]) -> str:
    reg = default_registry()
    return " ".join(sorted(reg.lineage(reg.resolve(x)) for x in (c["state"], c["partner"])))


def _history(curated: Parts, us: Parts) -> History:
    h = History([*curated[0], *us[0]], coverage=[*curated[1], *us[1]])
    derived(h).memo[DATA_VERSION] = _data_version  # what exported tables cite, hashed if asked
    return h


@cache
def _data_version() -> str:
    """The version of the shipped history data: a digest of its files."""
    root = files("diplorel")
    return data_version([root.joinpath(name).read_bytes() for name in (CURATED, US_RECORDS)])


@cache
def default_history() -> History:
    """The default history (strict mode): the curated dyads and the US records, loaded once."""
    return _history(_curated(), _us_parts(None))


@cache
def default_history_of(a: str, b: str) -> History:
    """The curated dyads and the US records of the dyad ``a``-``b`` (codes or names).

    Its answers for that dyad are those of :func:`default_history`; it holds no US record of
    any other dyad.
    """
    reg = default_registry()
    key = " ".join(sorted(reg.lineage(reg.resolve(x)) for x in (a, b)))
    return _history(_curated(), _us_parts(key))
