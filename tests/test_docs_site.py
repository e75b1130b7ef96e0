"""The documentation site: every page in the navigation, every sub-command documented."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from diplorel.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    assert action.choices is not None
    return list(action.choices)


class TestCliReference:
    page = (DOCS / "reference/cli.md").read_text(encoding="utf-8")

    @pytest.mark.parametrize("command", _subcommands())
    def test_every_subcommand_is_documented(self, command: str) -> None:
        """Each sub-command has its section and its generated help on the CLI page."""
        assert f"## diplorel {command}\n" in self.page
        assert f"<!-- diplorel:help {command} -->" in self.page

    def test_help_is_generated(self) -> None:
        """The build replaces every marker with the parser's own help text."""
        hooks = _load("mkdocs_hooks")
        expanded = hooks.expand(self.page)
        assert "<!-- diplorel:" not in expanded
        assert "usage: diplorel timeline" in expanded
        assert "--svg FILE" in expanded

    def test_generated_tables(self) -> None:
        """The rule table and the event tags come from the code."""
        hooks = _load("mkdocs_hooks")
        assert "| `mutual_consent` | `ConsentEvent` | VCDR art. 2 |" in hooks.rule_table()
        assert "| `relations_severed` | `RelationsSevered` |" in hooks.event_tags()


class TestSite:
    def test_every_page_is_in_the_navigation(self) -> None:
        """No page is orphaned: every Markdown file under docs/ is in mkdocs.yml's nav."""
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        nav = set(re.findall(r":\s*([\w/.-]+\.md)\s*$", config, re.MULTILINE))
        pages = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
        assert pages - nav == set()
        assert nav - pages == set()

    def test_doctest_fences_for_the_api_pages(self) -> None:
        """Docstring doctests are shown as code, and Sphinx roles as code spans."""
        fence = _load("griffe_doctests")
        text = "Look:\n\n>>> 1 + 1\n2\n\nSee :class:`~diplorel.Anomaly`."
        out = fence.ROLE.sub(fence._role, fence.fence_doctests(text))
        assert out == "Look:\n\n```pycon\n>>> 1 + 1\n2\n```\n\nSee `Anomaly`."
