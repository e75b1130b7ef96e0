"""A progress indication on stderr for work longer than a second, only on a terminal."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


@contextmanager
def progress(label: str, stream: TextIO, *, after: float = 1.0) -> Iterator[None]:
    """Show ``label`` and the elapsed seconds on ``stream`` while the block runs.

    Nothing is written when ``stream`` is not a terminal, or when the block ends within
    ``after`` seconds.
    """
    if not stream.isatty():
        yield
        return
    done = threading.Event()
    start = time.monotonic()
    shown = False

    def tick() -> None:
        nonlocal shown
        while not done.wait(0.25 if shown else after):
            shown = True
            stream.write(f"\rdiplorel: {label}... {time.monotonic() - start:.0f} s")
            stream.flush()

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        if shown:
            stream.write("\r\x1b[K")
            stream.flush()
