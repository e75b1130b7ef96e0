"""The curated, sourced default history that ships inside the package.

It is built from ``diplorel/data/default_history.json`` at first use (never at import), and
every event in it cites its sources.

>>> import diplorel as dr
>>> dr.default_history().status("CUB", "KOR", on="2010-06-01").diplomatic
<Diplomatic.SEVERED: 'severed'>
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from diplorel._history import History


@cache
def default_history() -> History:
    """The curated default history (strict mode), loaded once from the package data."""
    from diplorel._files import loads  # noqa: PLC0415 - load the converter only when needed

    data = files("diplorel").joinpath("data/default_history.json").read_bytes()
    return loads(data, source="diplorel/data/default_history.json")
