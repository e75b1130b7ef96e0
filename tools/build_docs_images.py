"""Draw the documentation's pictures with diplorel itself, from the default history.

    python tools/build_docs_images.py          # (re)write docs/images/*.svg
    python tools/build_docs_images.py --check  # exit 1 if a picture is out of date

Each timeline picture is the output of ``History.plot_timeline`` for one dyad, and the chart of
the United States' chiefs of mission is counted from the default history's statuses and drawn
by the small SVG writer below, so the pictures in the docs change exactly when the library's
drawing or the default history does.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import diplorel as dr
from diplorel._plot import FONTS, OKABE_ITO

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs/images"

END = 2026
"""The last year the docs' timelines show. A timeline's axis runs to today by default, so the
pictures pin it to keep them reproducible: move it on (and rerun this tool) each year."""
PICTURES = {
    "cub-kor.svg": ("CUB", "KOR", {"end": END}),
    "cub-usa.svg": ("CUB", "USA", {"start": 1955, "end": END}),
}
"""File name -> the dyad drawn and the keyword arguments of ``plot_timeline``."""

US_CHIEFS = "us-chiefs-by-rank.svg"
YEARS = range(1816, 2025)
RANKS = (
    ("ambassador", "ambassador", OKABE_ITO["bluish green"]),
    ("minister", "minister", OKABE_ITO["sky blue"]),
    ("charge_d_affaires", "chargé d'affaires (en pied)", OKABE_ITO["orange"]),
)
"""The ranks drawn: the rank's value, its label and its colour (the timeline chart's)."""
RECORDS_COMPLETE_TO = 2016
"""The last year before the chiefs-of-mission snapshot thins out (see the how-to)."""


def us_chiefs_by_rank(h: dr.History, years: range = YEARS) -> dict[int, Counter[str]]:
    """Per year, how many partners the US chief of mission at post on 31 December has each rank.

    The partners of a year are those of the directed panel (every state existing that day);
    the head is the person the US records put at the head of the US mission there.
    """
    counts: dict[int, Counter[str]] = {y: Counter() for y in years}
    for state in h.registry:
        if state.code == "USA":
            continue
        panel = h.panel(years=years, states=["USA", state.code], directed=True)
        for row in panel.rows():
            if row["state_a"] != "USA":
                continue
            head = h.status("USA", row["state_b"], on=f"{row['year']}-12-31").heads.get("USA")
            if head is not None:
                counts[row["year"]][head.rank.value] += 1
    return counts


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plot_us_chiefs(counts: dict[int, Counter[str]]) -> str:
    """A step chart of ``us_chiefs_by_rank``: one line per rank, the thin records shaded."""
    years = sorted(counts)
    width, height, left, right, top, bottom = 900, 380, 56, 20, 48, 64
    top_count = max(counts[y][r] for y in years for r, _, _ in RANKS)
    y_max = -(-top_count // 20) * 20
    first, last = years[0], years[-1] + 1
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(year: float) -> float:
        return left + (year - first) / (last - first) * plot_w

    def y(n: float) -> float:
        return top + plot_h - n / y_max * plot_h

    title = "US chiefs of mission at post on 31 December, by rank (partners counted)"
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{_esc(title)}" '
            f'font-family="{FONTS}" font-size="11">'
        ),
        f"<title>{_esc(title)}</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{left}" y="24" font-size="15" font-weight="bold">{_esc(title)}</text>',
    ]
    shade = x(RECORDS_COMPLETE_TO + 1)
    out.append(
        f'<rect x="{shade:.1f}" y="{top}" width="{x(last) - shade:.1f}" height="{plot_h}" '
        'fill="#eeeeee"><title>the chiefs-of-mission records thin out after '
        f"{RECORDS_COMPLETE_TO}</title></rect>"
    )
    out.append(
        f'<text x="{x(last) - 4:.1f}" y="{top + 14}" text-anchor="end" fill="#616161">'
        "records incomplete</text>"
    )
    for n in range(0, y_max + 1, 20):
        out.append(
            f'<line x1="{left}" y1="{y(n):.1f}" x2="{x(last):.1f}" y2="{y(n):.1f}" '
            'stroke="#e0e0e0"/>'
        )
        out.append(f'<text x="{left - 6}" y="{y(n) + 4:.1f}" text-anchor="end">{n}</text>')
    for year in range(1820, last, 20):
        out.append(
            f'<line x1="{x(year):.1f}" y1="{top + plot_h}" x2="{x(year):.1f}" '
            f'y2="{top + plot_h + 4}" stroke="#212121"/>'
        )
        out.append(
            f'<text x="{x(year):.1f}" y="{top + plot_h + 16}" text-anchor="middle">{year}</text>'
        )
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{x(last):.1f}" y2="{top + plot_h}" '
        'stroke="#212121"/>'
    )
    for rank, label, colour in RANKS:
        points = []
        for year in years:
            n = counts[year][rank]
            points += [f"{x(year):.1f},{y(n):.1f}", f"{x(year + 1):.1f},{y(n):.1f}"]
        out.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
            f'points="{" ".join(points)}"><title>{_esc(label)}</title></polyline>'
        )
    legend_y = height - 18
    lx = float(left)
    for _, label, colour in RANKS:
        out.append(
            f'<line x1="{lx:.1f}" y1="{legend_y - 4}" x2="{lx + 22:.1f}" y2="{legend_y - 4}" '
            f'stroke="{colour}" stroke-width="3"/>'
        )
        out.append(f'<text x="{lx + 28:.1f}" y="{legend_y}">{_esc(label)}</text>')
        lx += 40 + 7 * len(label)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def build() -> dict[Path, str]:
    """Every picture's path and SVG text."""
    h = dr.default_history()
    pictures = {IMAGES / name: h.plot_timeline(a, b, **kw) for name, (a, b, kw) in PICTURES.items()}
    pictures[IMAGES / US_CHIEFS] = plot_us_chiefs(us_chiefs_by_rank(h))
    return pictures


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
