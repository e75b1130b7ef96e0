"""Saving files: atomically, touching only the file asked for.

Every file diplorel writes (histories, panels, COW files, charts) goes through
:func:`write_atomic`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from diplorel.exceptions import DiplorelError, SaveError


def write_atomic(path: str | os.PathLike[str], produce: Callable[[], str]) -> None:
    """Write ``produce()``'s text to ``path`` atomically: the old file survives any failure.

    The text goes to a temporary file in the same folder, is flushed and fsynced, and only then
    renamed over ``path``.
    """
    p = Path(path)
    try:
        mode = p.stat().st_mode & 0o777  # keep the permissions of the file replaced
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask  # a new file gets what open() would give it
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(produce())
            f.flush()
            os.fchmod(f.fileno(), mode)
            os.fsync(f.fileno())
        Path(tmp).replace(p)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError | DiplorelError | ValueError | TypeError):
            raise SaveError(str(p), str(e)) from e
        raise
