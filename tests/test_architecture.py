"""The package's structure holds: no import circle, function-level imports kept few.

The import graph is read from the source with ``ast``: every import of a ``diplorel`` module,
at module level, under ``TYPE_CHECKING`` or inside a function, is an arrow.
"""

from __future__ import annotations

import ast
from pathlib import Path

import attrs
import pytest

import diplorel as dr
from diplorel._history import derived

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "diplorel"

FUNCTION_LEVEL_LIMIT = 5
"""Function-level imports of the package's own modules outside ``cli/``, at most (one today:
the numpy panel engine, which needs numpy to be imported)."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(path: Path, known: set[str]) -> list[tuple[str, bool]]:
    """(imported package module, inside a function) for each import of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                names = [f"{child.module}.{a.name}" for a in child.names]
                targets = [n for n in names if n in known] or [child.module]
                found.extend((t, inside) for t in targets if t in known)
            elif isinstance(child, ast.Import):
                found.extend((a.name, inside) for a in child.names if a.name in known)
            visit(child, inside)

    visit(tree, in_function=False)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for target, _ in _imports(path, known):
            if target != name and not name.startswith(target + "."):  # a package's own parts
                graph[name].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:  # noqa: C901 - Tarjan, kept whole
    """Every strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return groups


class TestImportGraph:
    def test_no_circle(self) -> None:
        """No group of modules imports itself round, counting every import."""
        graph = _graph()
        assert "diplorel._history" in graph
        assert _cycles(graph) == []

    def test_the_finder_finds_a_circle(self) -> None:
        """The check itself works: a made-up circle is found."""
        assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]

    def test_few_function_level_imports(self) -> None:
        """Imports inside functions (outside the CLI) stay few: they hide the structure."""
        modules = _modules()
        known = set(modules)
        inside = [
            (name, target)
            for name, path in modules.items()
            if not name.startswith("diplorel.cli")
            for target, in_function in _imports(path, known)
            if in_function
        ]
        assert len(inside) <= FUNCTION_LEVEL_LIMIT, inside


FACADE_LIMIT = 20
"""At most this many public members on ``History``: new jobs get their own modules."""


class TestFacade:
    """``History`` stays a small facade: each member one a user needs."""

    def test_at_most_twenty_public_members(self) -> None:
        """Counted from the class: methods and properties not starting with an underscore."""
        members = sorted(n for n in vars(dr.History) if not n.startswith("_"))
        assert len(members) <= FACADE_LIMIT, members

    def test_no_member_exists_only_for_the_package(self) -> None:
        """The per-key helpers the package's own modules use live on the derived index."""
        internal = {"key", "state_at_key", "recorded_at", "timeline_of", "bulk_arrays"}
        assert not internal & set(vars(dr.History))

    def test_nothing_returned_changes_a_cached_history(self) -> None:
        """A timeline is immutable: what a caller gets back cannot change later answers."""
        h = dr.History([dr.RelationsEstablished(between=("CUB", "KOR"), on="1949-07-12")])
        timeline = derived(h).timeline_of(("CUB", "KOR"))
        with pytest.raises((TypeError, AttributeError)):
            timeline.states[-1] = timeline.initial  # type: ignore[index]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            timeline.states = ()  # type: ignore[misc]
        assert h.status("CUB", "KOR", on="1980-01-01").diplomatic is dr.Diplomatic.ESTABLISHED
