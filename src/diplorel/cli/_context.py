"""What every sub-command gets: its streams, today's date, its limits, and small helpers."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

import attrs

from diplorel.cli._progress import progress
from diplorel.cli._streams import DEFAULT_MAX_SIZE, Input, load_history, read_input

if TYPE_CHECKING:
    from diplorel._history import History


@attrs.frozen
class Context:
    """The streams a command reads and writes, the date it takes for "today", its input limit.

    ``stdin`` is None for the process's standard input, read only when a command is given ``-``.
    """

    out: TextIO
    err: TextIO
    today: dt.date
    stdin: BinaryIO | None = None
    max_size: int = DEFAULT_MAX_SIZE

    def read(self, path: str) -> Input:
        """The bytes of an input file (``-`` for standard input), within the size limit."""
        return read_input(path, self.stdin, self.max_size)

    def history(self, args: argparse.Namespace, *, dyad: tuple[str, str] | None = None) -> History:
        """The history named by ``--history`` (``-`` for standard input), else the default.

        A command about one ``dyad`` gets, by default, the curated dyads and that dyad's US
        records only: the same answers, a faster start.
        """
        path = getattr(args, "history", None)
        if path is None:
            with progress("loading the history", self.err):
                from diplorel._default_history import (  # noqa: PLC0415 - loaded on demand
                    default_history,
                    default_history_of,
                )

                return default_history() if dyad is None else default_history_of(*dyad)
        source = self.read(path)
        with progress(f"loading {source.name}", self.err):
            return load_history(source)

    def on(self, args: argparse.Namespace) -> str:
        """The ``--on`` date, defaulting to today (the only place a clock is read)."""
        return str(args.on) if args.on is not None else self.today.isoformat()

    def dump(self, data: Any) -> None:  # noqa: ANN401 - any JSON value
        """Write JSON output."""
        json.dump(data, self.out, indent=2, ensure_ascii=False)
        self.out.write("\n")

    def table(self, rows: Sequence[tuple[str, ...]]) -> None:
        """Write rows as an aligned table (the last column is not padded)."""
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
        for row in rows:
            cells = [c.ljust(w) for c, w in zip(row, widths, strict=False)]
            self.out.write("  ".join([*cells, row[-1]]).rstrip() + "\n")
