"""A dyad's history as a picture: a self-made SVG timeline, one lane per dimension.

No plotting library is needed: the chart is SVG text that browsers, MkDocs pages and most
editors show as it is, drawn for print: a title, a year axis, a legend of the categories the
picture uses and nothing else, and the Okabe-Ito colours, which readers with any common form
of colour blindness tell apart. Spans whose start is known only to a year, a month or an
interval are hatched across the days on which the change may have happened. A PNG of the same
picture needs the ``png`` extra (``pip install 'diplorel[png]'``, which brings ``resvg-py``).

>>> import diplorel as dr
>>> svg = dr.default_history().plot_timeline("CUB", "KOR", end=2025)
>>> svg.startswith("<svg") and "diplomatic relations" in svg
True
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape as html_escape
from typing import TYPE_CHECKING, Final, Literal, NamedTuple, TypeAlias, overload

import pendulum

from diplorel._credit import CreditLineCancelled, CreditStatus
from diplorel._dates import FuzzyDate, to_when
from diplorel._status import (
    Consular,
    Diplomatic,
    DyadState,
    HeadOfMission,
    MissionKind,
    Rank,
)
from diplorel.exceptions import InvalidQueryError, MissingExtraError

if TYPE_CHECKING:
    from diplorel._view import HistoryView

DayLike: TypeAlias = "int | str | dt.date | None"
"""A chart bound: a year (``1949``), ISO day text, a date, or None (the default)."""

OKABE_ITO: Final = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}
"""The eight colours of Okabe and Ito's colour-universal-design palette, which readers with
protanopia, deuteranopia or tritanopia can tell apart (M. Okabe and K. Ito, *Color Universal
Design (CUD): how to make figures and presentations that are friendly to colorblind people*,
J*FLY, 2002/2008). Every category colour of the chart is one of them."""
NEUTRAL: Final = "#CCCCCC"
"""The grey of "a mission with nobody named": an absence, not a category of its own."""
PNG_EXTRA: Final = "png"
PNG_PACKAGE: Final = "resvg-py"
FONTS: Final = "Helvetica, Arial, 'DejaVu Sans', 'Liberation Sans', sans-serif"
"""The font list: common sans-serif faces first, so the PNG renderer finds one on any system."""


class Key(NamedTuple):
    """A category of the legend: its group (a legend line), its label and its fill."""

    group: str
    label: str
    fill: str


RELATIONS, AT_POST, MISSIONS = "Relations", "Head of mission at post", "Missions"
PROTECTION, ECONOMIC, DATES = "Protecting power", "Economic ties", "Marks"
GROUPS: Final = (RELATIONS, AT_POST, MISSIONS, PROTECTION, ECONOMIC, DATES)
"""The legend's lines, in order."""

_C = OKABE_ITO
STATUS: Final = {
    "established": Key(RELATIONS, "established", _C["blue"]),
    "suspended": Key(RELATIONS, "suspended", _C["yellow"]),
    "severed": Key(RELATIONS, "severed", _C["vermillion"]),
    "ended": Key(RELATIONS, "ended (a state ceased to exist)", _C["black"]),
}
"""Relations by status: blue against vermillion, never red against green."""
RANK: Final = {
    Rank.AMBASSADOR: Key(AT_POST, "ambassador", _C["bluish green"]),
    Rank.MINISTER: Key(AT_POST, "minister", _C["sky blue"]),
    Rank.CHARGE_D_AFFAIRES: Key(AT_POST, "chargé d'affaires", _C["orange"]),
    Rank.CHARGE_AD_INTERIM: Key(AT_POST, "chargé d'affaires", _C["orange"]),
    Rank.LOWER: Key(AT_POST, "lower or other rank", _C["reddish purple"]),
    Rank.OTHER: Key(AT_POST, "lower or other rank", _C["reddish purple"]),
}
NOBODY: Final = Key(AT_POST, "nobody named", NEUTRAL)
MISSION: Final = {
    MissionKind.EMBASSY: Key(MISSIONS, "embassy", _C["bluish green"]),
    MissionKind.LEGATION: Key(MISSIONS, "legation", _C["sky blue"]),
    MissionKind.CONSULATE: Key(MISSIONS, "consulate", _C["yellow"]),
    MissionKind.INTERESTS_SECTION: Key(MISSIONS, "interests section", _C["reddish purple"]),
    MissionKind.LIAISON_OFFICE: Key(MISSIONS, "liaison office", _C["orange"]),
}
PROTECTED: Final = Key(PROTECTION, "third state (named)", _C["reddish purple"])
TRADE: Final = Key(ECONOMIC, "trade office", _C["blue"])
CREDIT: Final = Key(ECONOMIC, "credit line", _C["orange"])
IMPRECISE: Final = Key(DATES, "imprecise date", "url(#imprecise)")
UNRECORDED: Final = Key(DATES, "not recorded", "url(#unrecorded)")
NEW_HEAD: Final = Key(DATES, "new head of mission", "#000000")
"""Drawn as a small triangle above the lane, not as a bar."""


class Segment(NamedTuple):
    """One bar: its texts (the longest that fits is shown), category, start and end."""

    texts: tuple[str, ...]
    key: Key
    begins: FuzzyDate
    ends: FuzzyDate | None
    """None: still running at the end of the chart."""


Bar: TypeAlias = "tuple[tuple[str, ...], Key]"
"""What a state shows in one lane: the bar's texts and category."""


class Lane(NamedTuple):
    """A row of the chart: its label, its bars and its marks (a date and a tooltip each)."""

    label: str
    segments: list[Segment]
    marks: tuple[tuple[FuzzyDate, str], ...] = ()


_LANE_H, _GAP, _TOP, _MARGIN, _RIGHT = 20, 8, 48, 10, 24
_CHAR = 6.6
"""The width of an average character at 11 px, a little generous for Helvetica."""


def _width(text: str, size: float = 11) -> float:
    return len(text) * _CHAR * size / 11


def escape(text: str) -> str:
    """Text for an SVG element's content: ``&``, ``<`` and ``>`` escaped (quotes need not be)."""
    return html_escape(text, quote=False)


def _day(value: DayLike, *, end: bool) -> pendulum.Date | None:
    if value is None:
        return None
    if isinstance(value, int):
        return pendulum.Date(value, 12, 31) if end else pendulum.Date(value, 1, 1)
    return to_when(value).day


def _text(value: str) -> str:
    return (
        value.replace("charge_d_", "chargé d'")
        .replace("charge_ad_", "chargé ad ")
        .replace("_", " ")
    )


def _lane(
    periods: Sequence[tuple[FuzzyDate, DyadState]], show: Callable[[DyadState], Bar | None]
) -> list[Segment]:
    """Merge consecutive periods that look the same into bars (nothing drawn for None)."""
    runs: list[tuple[FuzzyDate, Bar | None]] = []
    for start, state in periods:
        bar = show(state)
        if not runs or runs[-1][1] != bar:
            runs.append((start, bar))
    return [
        Segment(*bar, start, runs[i + 1][0] if i + 1 < len(runs) else None)
        for i, (start, bar) in enumerate(runs)
        if bar is not None
    ]


def _status_bar(value: Diplomatic | Consular) -> Bar | None:
    if value.value == "no_record":
        return ("not recorded",), UNRECORDED
    key = STATUS.get(value.value)
    return None if key is None else ((value.value,), key)


def _presence_bar(state: DyadState, sender: str) -> Bar | None:
    """Who is at post for ``sender``: the head's rank, or the mission with nobody named."""
    if not state.presence_known_of(sender):
        return ("not recorded",), UNRECORDED
    head = state.heads.get(sender)
    if head is not None and head.rank in RANK:
        return (_text(head.rank.value),), RANK[head.rank]
    mission = state.mission(sender)
    if mission is not None and mission.kind is not MissionKind.INTERESTS_SECTION:
        return (f"{_text(mission.kind.value)}, nobody named", "nobody named"), NOBODY
    return None


def _mission_bar(state: DyadState, sender: str) -> Bar | None:
    kinds = sorted(
        {m.kind for m in state.missions.get(sender, ()) if m.kind in MISSION},
        key=list(MISSION).index,
    )
    if not kinds:
        return None
    text = ", ".join(_text(k.value) for k in kinds)
    return (text, _text(kinds[0].value)), MISSION[kinds[0]]


def _protecting_bar(state: DyadState, sender: str, name: Callable[[str], str]) -> Bar | None:
    power = state.protecting_powers.get(sender)
    if power is None:
        return None
    return (f"{name(power)} ({power})", power), PROTECTED


def _trade_bar(state: DyadState) -> Bar | None:
    senders = sorted(state.missions_of(MissionKind.TRADE_OFFICE))
    if not senders:
        return None
    return (f"trade office of {', '.join(senders)}", ", ".join(senders)), TRADE


def _credit_lanes(history: HistoryView, a: str, b: str, last: pendulum.Date) -> list[Lane]:
    out: list[Lane] = []
    for line in history.credit_lines(a, b, on=last):
        end = line.matures_on or line.available_until
        if line.status is CreditStatus.CANCELLED:
            end = next((e.on for e in line.events if isinstance(e, CreditLineCancelled)), end)
        short = f"{line.lender} lends {line.limit.currency} {_compact(line.limit.amount)}"
        texts = (f"{line.lender} lends {line.limit}", short, f"{line.lender} lends")
        out.append(Lane(f"credit line {line.id}", [Segment(texts, CREDIT, line.opened_on, end)]))
    return out


def _compact(amount: Decimal) -> str:
    """``70m``, ``1.5bn``, ``250k``: an amount to three significant figures."""
    value = float(amount)
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


def _head_marks(
    periods: Sequence[tuple[FuzzyDate, DyadState]], sender: str
) -> tuple[tuple[FuzzyDate, str], ...]:
    """The days a new named head of ``sender``'s mission took charge, with who it was."""
    marks: list[tuple[FuzzyDate, str]] = []
    before: HeadOfMission | None = None
    for start, state in periods:
        head = state.heads.get(sender)
        if head is not None and head.name and head.rank in RANK:
            if before is None or (before.name, before.rank) != (head.name, head.rank):
                marks.append((start, str(head)))
            before = head
        else:
            before = None
    return tuple(marks)


def _lanes(history: HistoryView, x: str, y: str, hi: pendulum.Date) -> list[Lane]:
    periods = [(p.start, p.state) for p in history.timeline(x, y)]

    def name(code: str) -> str:
        return history.registry.get(code).name if code in history.registry else code

    def level(c: str) -> Callable[[DyadState], Bar | None]:
        return lambda s: _presence_bar(s, c)

    def missions(c: str) -> Callable[[DyadState], Bar | None]:
        return lambda s: _mission_bar(s, c)

    def protected(c: str) -> Callable[[DyadState], Bar | None]:
        return lambda s: _protecting_bar(s, c, name)

    lanes = [
        Lane("diplomatic relations", _lane(periods, lambda s: _status_bar(s.diplomatic))),
        Lane("consular relations", _lane(periods, lambda s: _status_bar(s.consular))),
        Lane(f"{x} at post in {y}", _lane(periods, level(x)), _head_marks(periods, x)),
        Lane(f"{y} at post in {x}", _lane(periods, level(y)), _head_marks(periods, y)),
        Lane(f"{x} missions in {y}", _lane(periods, missions(x))),
        Lane(f"{y} missions in {x}", _lane(periods, missions(y))),
    ]
    optional = [
        Lane(f"power protecting {x} in {y}", _lane(periods, protected(x))),
        Lane(f"power protecting {y} in {x}", _lane(periods, protected(y))),
        Lane("trade offices", _lane(periods, _trade_bar)),
    ]
    return [
        *lanes,
        *(lane for lane in optional if lane.segments),
        *_credit_lanes(history, x, y, hi),
    ]


def _bounds(
    history: HistoryView, x: str, y: str, start: DayLike, end: DayLike
) -> tuple[pendulum.Date, pendulum.Date]:
    """The axis: from ``start`` (the first event's year) to ``end`` (today, or a later event)."""
    dates = [p.start for p in history.timeline(x, y)]
    lo = _day(start, end=False) or pendulum.Date(min(d.stated[0] for d in dates).year, 1, 1)
    hi = _day(end, end=True)
    if hi is None:
        today = pendulum.today().date()
        latest = max(d.stated[1] for d in dates)
        hi = today if latest <= today else pendulum.Date(latest.year, 12, 31)
    if hi <= lo:
        msg = f"the chart must end after it starts, not {lo} .. {hi}"
        raise ValueError(msg)
    return lo, hi


def _order(history: HistoryView, a: str, b: str) -> tuple[str, str]:
    """The dyad's two codes (as filed: RUS for SUN) in the order the caller named them."""
    key = history.dyad(a, b)
    if history.registry.resolve(a) == key[1] or history.registry.resolve(b) == key[0]:
        return key[1], key[0]
    return key


@overload
def plot_timeline(
    history: HistoryView,
    a: str,
    b: str,
    *,
    start: DayLike = None,
    end: DayLike = None,
    width: int = 900,
    format: Literal["svg"] = "svg",
    scale: float = 2.0,
) -> str: ...
@overload
def plot_timeline(
    history: HistoryView,
    a: str,
    b: str,
    *,
    start: DayLike = None,
    end: DayLike = None,
    width: int = 900,
    format: Literal["png"],
    scale: float = 2.0,
) -> bytes: ...
def plot_timeline(
    history: HistoryView,
    a: str,
    b: str,
    *,
    start: DayLike = None,
    end: DayLike = None,
    width: int = 900,
    format: Literal["svg", "png"] = "svg",  # noqa: A002 - the word every plotting library uses
    scale: float = 2.0,
) -> str | bytes:
    """The history of the dyad ``a``-``b`` as a picture: SVG text, or PNG bytes.

    Lanes: diplomatic and consular relations (coloured by status), who heads the mission each
    way (by rank, a triangle where a new head arrives), the missions each way, the third states
    protecting each side's interests (where any did), trade offices and credit lines. ``start``
    and ``end`` bound the time axis (a year, ISO day text or a date): by default it runs from
    the first event's year to today (to the end of the year of the last event, if that is
    later). ``width`` is the picture's width in pixels. Hatching marks the days on which a
    change dated imprecisely (``1949``, ``1959/1960``) may have happened; the legend lists only
    the categories drawn. Hovering over a bar of the SVG shows its dates.

    ``format="png"`` returns a PNG, ``scale`` times the SVG's size (2: sharp in print), drawn
    by resvg: it needs the ``png`` extra (``pip install 'diplorel[png]'``) and a sans-serif
    font on the system (Helvetica, Arial, DejaVu Sans or Liberation Sans); without the extra it
    raises :class:`~diplorel.MissingExtraError`.
    """
    if format not in ("svg", "png"):
        msg = f"format must be 'svg' or 'png', not {format!r}"
        raise ValueError(msg)
    if isinstance(width, bool) or not isinstance(width, int) or width < 320:  # noqa: PLR2004
        msg = f"width must be a whole number of pixels, at least 320, not {width!r}"
        raise ValueError(msg)
    render = png_renderer(scale) if format == "png" else None  # before the drawing: fail early
    svg = _draw(history, a, b, start=start, end=end, width=width)
    return svg if render is None else render(svg)


def png_renderer(scale: float = 2.0) -> Callable[[str], bytes]:
    """A function from SVG text to PNG bytes, ``scale`` times the SVG's size, drawn by resvg.

    Raises :class:`~diplorel.MissingExtraError` when the ``png`` extra (``resvg-py``) is not
    installed, and ValueError for a scale not above 0 and at most 10.
    """
    if isinstance(scale, bool) or not isinstance(scale, int | float) or not 0 < scale <= 10:  # noqa: PLR2004
        msg = f"scale must be a number above 0 and at most 10, not {scale!r}"
        raise ValueError(msg)
    try:
        resvg = importlib.import_module("resvg_py")
    except ImportError:
        raise MissingExtraError(
            "a PNG timeline (plot_timeline format='png')", extra=PNG_EXTRA, package=PNG_PACKAGE
        ) from None

    def render(svg: str) -> bytes:
        return bytes(resvg.svg_to_bytes(svg_string=svg, zoom=float(scale), background="#ffffff"))

    return render


def _draw(history: HistoryView, a: str, b: str, *, start: DayLike, end: DayLike, width: int) -> str:
    first, second = _order(history, a, b)
    if not history.timeline(first, second):
        raise InvalidQueryError(
            (a, b), "the history has no record of these two states: there is nothing to draw"
        )
    lo, hi = _bounds(history, first, second, start, end)
    lanes = _lanes(history, first, second, hi)
    label_w = _MARGIN + 8 + max(_width(lane.label) for lane in lanes)
    plot_w = width - label_w - _RIGHT
    days = (hi - lo).days + 1

    def px(d: pendulum.Date) -> float:
        return label_w + plot_w * min(max((d - lo).days, 0), days) / days

    used: set[Key] = set()
    bottom = _TOP + len(lanes) * (_LANE_H + _GAP) - _GAP
    out: list[str] = []
    for row, lane in enumerate(lanes):
        y = _TOP + row * (_LANE_H + _GAP)
        out.append(
            f'<text x="{label_w - 8:.1f}" y="{y + 14}" text-anchor="end">{escape(lane.label)}'
            "</text>"
        )
        out.append(_rect(label_w, y, plot_w, "#F2F2F2", ""))
    out.extend(_axis(lo, hi, px, bottom, plot_w))
    for row, lane in enumerate(lanes):
        y = _TOP + row * (_LANE_H + _GAP)
        out.extend(_bars(lane, y, px, (lo, hi), used))
    legend, height = _legend(sorted(used, key=_legend_order), width, bottom + 44)
    names = [history.registry.get(c).name if c in history.registry else c for c in (first, second)]
    title = escape(f"{names[0]} and {names[1]}, {lo.year}\u2013{hi.year}")
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{title}" '
        f'font-family="{FONTS}" font-size="11"><title>{title}</title>'
        "<defs>"
        '<pattern id="imprecise" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#FFFFFF" opacity="0.6"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#000000" stroke-width="2"/></pattern>'
        '<pattern id="unrecorded" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<rect width="5" height="5" fill="#FFFFFF"/>'
        '<circle cx="2.5" cy="2.5" r="1" fill="#777777"/></pattern>'
        "</defs>"
        f'<rect width="{width}" height="{height}" fill="#FFFFFF"/>'
        f'<text x="{_MARGIN}" y="26" font-size="16" font-weight="bold">{title}</text>'
    )
    legend = ['<g class="legend">', *legend, "</g>"]
    return "\n".join([head, *out, *legend, "</svg>"]) + "\n"


def _bars(
    lane: Lane,
    y: int,
    px: Callable[[pendulum.Date], float],
    bounds: tuple[pendulum.Date, pendulum.Date],
    used: set[Key],
) -> list[str]:
    """A lane's bars, their texts where they fit, hatched imprecise edges and head marks."""
    lo, hi = bounds
    out: list[str] = []
    hatched = {e for s in lane.segments for e in (s.begins, s.ends) if e and not e.is_exact}
    for texts, key, begins, ends in lane.segments:
        x0, x1 = px(begins.stated[0]), px(ends.stated[0] if ends else hi.add(days=1))
        if x1 - x0 < 0.5:  # noqa: PLR2004 - a bar outside the axis, or too short to see
            continue
        used.add(key)
        out.append(_rect(x0, y, x1 - x0, key.fill, f"{texts[0]}: {begins} .. {ends or 'now'}"))
        x0 = max(x0, px(begins.stated[1].add(days=1)))
        shown = next((t for t in texts if x1 - x0 > _width(t) + 8), None)
        if shown is not None:
            ink = _ink(key.fill)
            out.append(f'<text x="{x0 + 4:.1f}" y="{y + 14}" fill="{ink}">{escape(shown)}</text>')
    for edge in sorted(hatched, key=FuzzyDate.sort_key):
        h0, h1 = px(edge.stated[0]), px(edge.stated[1].add(days=1))
        if h1 > h0:
            used.add(IMPRECISE)
            out.append(_rect(h0, y, max(h1 - h0, 1), IMPRECISE.fill, f"some day in {edge}"))
    for on, tip in lane.marks:
        if lo <= on.stated[0] <= hi:
            used.add(NEW_HEAD)
            out.append(_mark(px(on.stated[0]), y, tip))
    return out


def _mark(x: float, y: int, tip: str) -> str:
    points = f"{x - 3.5:.1f},{y - 6} {x + 3.5:.1f},{y - 6} {x:.1f},{y - 1}"
    shown = f"<title>{escape(tip)}</title>" if tip else ""
    return f'<polygon points="{points}" fill="#000000">{shown}</polygon>'


def _luminance(colour: str) -> float:
    """The WCAG relative luminance of ``#RRGGBB``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)  # noqa: PLR2004
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _ink(fill: str) -> str:
    """Black or white text, whichever contrasts more with ``fill`` (black on patterns)."""
    if not fill.startswith("#"):
        return "#000000"
    lum = _luminance(fill)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#FFFFFF"


def _rect(x: float, y: int, w: float, fill: str, tip: str) -> str:
    shown = f"<title>{escape(tip)}</title>" if tip else ""
    return (
        f'<rect x="{x:.1f}" y="{y}" width="{max(w, 0.5):.1f}" height="{_LANE_H}" fill="{fill}">'
        f"{shown}</rect>"
    )


def _axis(
    lo: pendulum.Date,
    hi: pendulum.Date,
    px: Callable[[pendulum.Date], float],
    y: int,
    plot_w: float,
) -> list[str]:
    years = hi.year - lo.year + 1
    most = max(2, int(plot_w // 44))
    steps = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
    step = next((s for s in steps if years / s <= most), 1000)
    x0, x1 = px(lo), px(hi.add(days=1))
    out = [f'<line x1="{x0:.1f}" y1="{y + 4}" x2="{x1:.1f}" y2="{y + 4}" stroke="#000000"/>']
    for year in range((lo.year + step - 1) // step * step, hi.year + 1, step):
        x = px(pendulum.Date(year, 1, 1))
        out.append(f'<line x1="{x:.1f}" y1="{_TOP - 8}" x2="{x:.1f}" y2="{y + 4}" '
                   'stroke="#9E9E9E" stroke-width="0.6" stroke-dasharray="2,3"/>')  # fmt: skip
        out.append(f'<line x1="{x:.1f}" y1="{y + 4}" x2="{x:.1f}" y2="{y + 9}" stroke="#000000"/>')
        out.append(f'<text x="{x:.1f}" y="{y + 22}" text-anchor="middle">{year}</text>')
    return out


def _legend_order(key: Key) -> tuple[int, int]:
    order = [*STATUS.values(), *RANK.values(), NOBODY, *MISSION.values(), PROTECTED, TRADE]
    order += [CREDIT, IMPRECISE, UNRECORDED, NEW_HEAD]
    return GROUPS.index(key.group), order.index(key)


def _legend(keys: Sequence[Key], width: int, y: int) -> tuple[list[str], int]:
    """One line per group of the categories drawn, in aligned columns; the height used."""
    out: list[str] = []
    indent = _MARGIN + max(_width(k.group) * 1.1 for k in keys) + 12 if keys else _MARGIN
    column = max((22 + _width(k.label) for k in keys), default=0) + 12
    columns = max(1, int((width - _MARGIN - indent) // column)) if column else 1
    group, at = None, 0
    for key in keys:
        if key.group != group:
            y += 18 if group is not None else 0
            group, at = key.group, 0
            out.append(f'<text x="{_MARGIN}" y="{y}" font-weight="bold">{escape(group)}</text>')
        elif at == columns:
            y, at = y + 18, 0
        x = indent + at * column
        at += 1
        if key == NEW_HEAD:
            out.append(_mark(x + 6, y - 2, ""))
        else:
            out.append(f'<rect x="{x:.1f}" y="{y - 10}" width="12" height="12" '
                       f'fill="{key.fill}" stroke="#616161" stroke-width="0.5"/>')  # fmt: skip
        out.append(f'<text x="{x + 16:.1f}" y="{y}">{escape(key.label)}</text>')
    return out, y + 14
