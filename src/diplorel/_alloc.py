"""Bulk allocation: pausing the cyclic garbage collector while large histories are built.

Building a history makes a few long-lived objects per event (states, maps, missions, and in a
load the events themselves) and no reference cycles. With the collector running, each full
collection walks every object made so far, again and again as the heap grows; paused, it walks
them once, at its first full collection after the build. Measured on the benchmark's medium
size (100,000 events; CPU time, the collection after the build included), building with the
collector running took 1.13x the time for ``History(events)`` and 1.33x for ``load``, so the
pause stays for builds of at least :data:`GC_PAUSE_FROM` items.

It is the only place diplorel touches the collector, and it leaves it as it found it: a
collector disabled before a build stays disabled, and builds that overlap (nested, or in
several threads) pause it once, from the first start to the last end. diplorel never calls
:func:`gc.freeze`: a long-running process that keeps a large history can call it once the
history is built, so that later collections skip the history's objects (a point query then
costs less), at the price of never freeing them.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

GC_PAUSE_FROM = 10_000
"""Builds of at least this many items pause the collector."""


class _Pause:
    """The builds under way, and whether the first of them paused the collector."""

    __slots__ = ("builds", "lock", "paused")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.builds = 0
        self.paused = False


_PAUSE = _Pause()


@contextmanager
def bulk_allocation(size: int) -> Iterator[None]:
    """Pause the cyclic garbage collector while a large history is derived or loaded.

    Reference counting still frees everything. The collector is paused only if it was
    running when the first of the overlapping builds began, and runs again when the last
    one ends, however it ends.
    """
    if size < GC_PAUSE_FROM:
        yield
        return
    pause = _PAUSE
    with pause.lock:
        if pause.builds == 0 and gc.isenabled():
            gc.disable()
            pause.paused = True
        pause.builds += 1
    try:
        yield
    finally:
        with pause.lock:
            pause.builds -= 1
            if pause.builds == 0 and pause.paused:
                pause.paused = False
                gc.enable()
