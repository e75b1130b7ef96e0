"""The command line shared by the generators of this folder: write their JSON, or check it."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def render(document: dict[str, Any]) -> str:
    """The JSON text a generator writes: sorted keys, one space of indent, UTF-8 as is."""
    return json.dumps(document, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def run(
    description: str,
    build: Callable[[], tuple[dict[str, Any], list[str]]],
    output: Path,
    argv: list[str] | None = None,
) -> int:
    """Build the document and write it to ``output`` (``--check``: exit 1 if it differs)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="exit 1 if the JSON is out of date")
    args = parser.parse_args(argv)
    document, lines = build()
    text = render(document)
    if args.check:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            print(f"{output.name} is out of date", file=sys.stderr)
            return 1
        print(f"{output.name} is up to date")
        return 0
    output.write_text(text, encoding="utf-8", newline="\n")
    print("\n".join(lines))
    print(f"wrote {output.relative_to(output.parent.parent.parent)}")
    return 0
