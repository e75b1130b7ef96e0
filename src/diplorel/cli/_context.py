"""What every sub-command gets: its arguments' streams and today's date, and small helpers."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Sequence
from typing import Any, TextIO

import attrs

from diplorel._history import History
from diplorel.cli._progress import progress


@attrs.frozen
class Context:
    """The streams a command writes to and the date it takes for "today"."""

    out: TextIO
    err: TextIO
    today: dt.date

    def history(self, args: argparse.Namespace) -> History:
        """The history named by ``--history``, else the built-in default history."""
        path = getattr(args, "history", None)
        with progress("loading the history", self.err):
            if path is None:
                from diplorel._default_history import default_history  # noqa: PLC0415

                return default_history()
            from diplorel._files import load  # noqa: PLC0415 - only when a file is given

            return load(path)

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
