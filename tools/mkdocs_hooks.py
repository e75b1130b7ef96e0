"""MkDocs hooks: pages that the code itself writes at build time, so that they cannot drift.

A page asks for generated text with an HTML comment on a line of its own (invisible in the raw
Markdown, and to the doctests):

- ``<!-- diplorel:help -->`` and ``<!-- diplorel:help COMMAND -->``: the ``--help`` text of the
  ``diplorel`` tool or of one sub-command, from ``diplorel.cli.build_parser()``;
- ``<!-- diplorel:rule-table -->``: the default rule table with its citations;
- ``<!-- diplorel:event-tags -->``: every item type of a history file, its tag and its fields.
"""

from __future__ import annotations

import argparse
import os
import re
from typing import Any

import attrs

MARKER = re.compile(r"^<!-- diplorel:([a-z-]+)(?: ([a-z]+))? -->$", re.MULTILINE)


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # noqa: SLF001 - argparse has no public accessor
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return dict(action.choices)
    return {}


def cli_help(command: str | None) -> str:
    """The help text of the tool (``command=None``) or of one sub-command, as a text block."""
    from diplorel.cli import build_parser

    os.environ["COLUMNS"] = "100"  # argparse wraps to the terminal width
    parser = build_parser()
    if command is not None:
        parser = _subparsers(parser)[command]
    return f"```text\n{parser.format_help().rstrip()}\n```"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rule_table() -> str:
    """The default rules as a Markdown table, in the order the engine applies them."""
    from diplorel.rules import default_rules

    rules = default_rules()
    lines = ["| rule | applies to | citation | what it says |", "|---|---|---|---|"]
    lines.extend(
        f"| `{r.name}` | {', '.join(f'`{t.__name__}`' for t in r.applies_to)} "
        f"| {_cell(r.citation)} | {_cell(r.description)} |"
        for r in rules
    )
    lines.extend(
        f"| `{x.name}` | (all dyads) | {_cell(x.citation)} "
        f"| flags overlapping relations with both {' and '.join(x.states)} |"
        for x in rules.exclusive
    )
    return "\n".join(lines)


def event_tags() -> str:
    """Every item type a history file holds: its tag, its class and its fields."""
    from diplorel._convert import ITEM_TYPES

    lines = ["| `type` tag | class | fields (**required** in bold) |", "|---|---|---|"]
    for cls in sorted(ITEM_TYPES, key=lambda c: c.TAG):
        fields = ", ".join(
            f"**`{f.alias or f.name}`**" if f.default is attrs.NOTHING else f"`{f.alias or f.name}`"
            for f in attrs.fields(cls)
            if f.init
        )
        lines.append(f"| `{cls.TAG}` | `{cls.__name__}` | {fields} |")
    return "\n".join(lines)


def expand(markdown: str) -> str:
    """The page with every marker replaced by its generated text."""

    def replace(match: re.Match[str]) -> str:
        kind, arg = match.group(1), match.group(2)
        if kind == "help":
            return cli_help(arg)
        if kind == "rule-table":
            return rule_table()
        if kind == "event-tags":
            return event_tags()
        msg = f"unknown diplorel marker {match.group(0)!r}"
        raise ValueError(msg)

    return MARKER.sub(replace, markdown)


def on_page_markdown(markdown: str, **_: Any) -> str:  # noqa: ANN401 - MkDocs passes its objects
    """MkDocs event: expand the markers of each page."""
    return expand(markdown)
