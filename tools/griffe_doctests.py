"""A griffe extension for the docs build: show docstring doctests as Python code blocks.

diplorel's docstrings hold bare doctests (``>>> ...`` and the expected output, as pytest runs
them). Markdown would render them as running text (and read ``['YEM', 'YMD']`` as a link), so
each run of doctest lines is wrapped in a ``pycon`` code fence before rendering. The docstrings
themselves are not changed. Sphinx roles (``:class:`~diplorel.Anomaly```) become code spans.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

ROLE = re.compile(r":(?:class|func|meth|attr|mod|data|exc|obj):`(~?)([^`]+)`")


def _role(match: re.Match[str]) -> str:
    target = match.group(2)
    return f"`{target.rsplit('.', 1)[-1] if match.group(1) else target}`"


def fence_doctests(text: str) -> str:
    """Wrap every block of doctest lines (a ``>>>`` line up to a blank line) in a fence."""
    out: list[str] = []
    in_block = False
    in_fence = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            in_fence = not in_fence
        if not in_fence and not in_block and stripped.startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}```pycon")
            in_block = True
        elif in_block and not stripped:
            out.append(f"{indent}```")
            in_block = False
        out.append(line)
    if in_block:
        out.append(f"{indent}```")
    return "\n".join(out)


class FenceDoctests(griffe.Extension):
    """Fence the doctests of every docstring griffe loads."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:  # noqa: ANN401, ARG002
        """Rewrite the object's docstring text before it is parsed."""
        if obj.docstring is not None:
            obj.docstring.value = ROLE.sub(_role, fence_doctests(obj.docstring.value))
