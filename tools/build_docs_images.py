"""Draw the documentation's pictures with diplorel itself, from the default history.

    python tools/build_docs_images.py          # (re)write docs/images/*.svg
    python tools/build_docs_images.py --check  # exit 1 if a picture is out of date

Each picture is the output of ``History.plot_timeline`` for one dyad, so the pictures in the
docs change exactly when the library's drawing or the default history does.
"""

from __future__ import annotations

import sys
from pathlib import Path

import diplorel as dr

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs/images"

PICTURES = {
    "cub-kor.svg": ("CUB", "KOR", {}),
    "cub-usa.svg": ("CUB", "USA", {"start": 1955}),
}
"""File name -> the dyad drawn and the keyword arguments of ``plot_timeline``."""


def build() -> dict[Path, str]:
    """Every picture's path and SVG text."""
    h = dr.default_history()
    return {IMAGES / name: h.plot_timeline(a, b, **kw) for name, (a, b, kw) in PICTURES.items()}


def main() -> int:
    """Write the pictures, or with ``--check`` report the stale ones (exit 1)."""
    pictures = build()
    if "--check" in sys.argv:
        stale = [p for p, svg in pictures.items() if not p.exists() or p.read_text() != svg]
        for p in stale:
            print(f"{p.relative_to(ROOT)} is out of date: run python tools/build_docs_images.py")
        return 1 if stale else 0
    IMAGES.mkdir(parents=True, exist_ok=True)
    for p, svg in pictures.items():
        p.write_text(svg, encoding="utf-8")
        print(f"wrote {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
