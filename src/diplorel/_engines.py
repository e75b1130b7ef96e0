"""Which engine answers bulk questions and builds panels: one definition of the names.

``"python"`` folds and searches dyad by dyad; ``"numpy"`` searches sorted arrays (numpy, an
optional dependency, needed); ``"auto"``, the default everywhere, takes numpy when it is
installed and the work is large enough for arrays to pay (:data:`ARRAYS_PAY_FROM` rows).
Both give identical answers.

>>> chosen("python")
'python'
"""

from __future__ import annotations

from typing import Literal, TypeAlias

Engine: TypeAlias = Literal["auto", "python", "numpy"]
"""An engine's name."""

DEFAULT_ENGINE: Engine = "auto"
"""The engine when none is named."""

ARRAYS_PAY_FROM = 5_000
"""Rows (questions, dyad-years) from which ``"auto"`` takes the numpy engine: below it the
arrays' set-up costs more than it saves (a panel of one state's partners is faster in Python)."""


def chosen(engine: object, rows: int | None = None) -> Literal["python", "numpy"]:
    """The engine that answers ``rows`` questions (None: many); ``"auto"`` resolved.

    Any other name than the three is a ``ValueError``.
    """
    if engine == "auto":
        if rows is not None and rows < ARRAYS_PAY_FROM:
            return "python"
        try:
            import numpy  # noqa: F401, ICN001, PLC0415 - only to know whether it is there
        except ImportError:  # pragma: no cover - numpy is installed in the test env
            return "python"
        return "numpy"
    if engine == "python" or engine == "numpy":  # noqa: PLR1714 - narrows the Literal
        return engine
    msg = f"engine must be 'auto', 'numpy' or 'python', not {engine!r}"
    raise ValueError(msg)
