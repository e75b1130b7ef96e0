"""A dyad's history as a picture: a self-made SVG timeline, one lane per dimension.

No plotting library is needed: the chart is SVG text that browsers, MkDocs pages and most
editors show as it is. Spans whose start is known only to a year, a month or an interval are
hatched across the days on which the change may have happened.

>>> import diplorel as dr
>>> svg = dr.default_history().plot_timeline("CUB", "KOR")
>>> svg.startswith("<svg") and "diplomatic relations" in svg
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from html import escape as html_escape
from typing import TYPE_CHECKING, TypeAlias

import pendulum

from diplorel._credit import CreditLineCancelled, CreditStatus
from diplorel._dates import FuzzyDate, to_when
from diplorel._status import Consular, Diplomatic, DyadState, Level, MissionKind, Rank
from diplorel.exceptions import InvalidQueryError

if TYPE_CHECKING:
    from diplorel._view import HistoryView

DayLike: TypeAlias = "int | str | dt.date | None"
"""A chart bound: a year (``1949``), ISO day text, a date, or None (fit to the events)."""

Bar = tuple[str, str]
"""A bar's label and colour."""
Segment = tuple[str, str, FuzzyDate, FuzzyDate | None]
"""One bar: its label, its colour, when it began and when it ended (None: still running)."""
Lane = tuple[str, list[Segment]]
"""A lane's label and its bars."""


def escape(text: str) -> str:
    """Text for an SVG element's content: ``&``, ``<`` and ``>`` escaped (quotes need not be)."""
    return html_escape(text, quote=False)


_STATUS = {"established": "#2e7d32", "suspended": "#f9a825", "severed": "#c62828"}
_STATUS["ended"] = "#616161"
_LEVEL = {
    Level.AMBASSADOR: "#0d47a1",
    Level.MINISTER: "#1e88e5",
    Level.CHARGE_D_AFFAIRES: "#90caf9",
    Level.OTHER: "#b39ddb",
    Level.UNKNOWN: "#bdbdbd",
}
_MISSION = {
    MissionKind.EMBASSY: "#0d47a1",
    MissionKind.LEGATION: "#1e88e5",
    MissionKind.CONSULATE: "#00897b",
    MissionKind.INTERESTS_SECTION: "#8e24aa",
    MissionKind.LIAISON_OFFICE: "#ef6c00",
    MissionKind.TRADE_OFFICE: "#8d6e63",
}
_CREDIT = "#6d4c41"
_LIGHT = {"#f9a825", "#90caf9", "#b39ddb", "#bdbdbd"}
"""Fills light enough to need dark text."""
_LABEL_W, _LANE_H, _GAP, _TOP = 190, 20, 6, 44


def _day(value: DayLike, *, end: bool) -> pendulum.Date | None:
    if value is None:
        return None
    if isinstance(value, int):
        return pendulum.Date(value, 12, 31) if end else pendulum.Date(value, 1, 1)
    return to_when(value).day


def _text(value: str) -> str:
    return value.replace("charge_d_", "chargé d'").replace("_", " ")


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
        (*bar, start, runs[i + 1][0] if i + 1 < len(runs) else None)
        for i, (start, bar) in enumerate(runs)
        if bar is not None
    ]


def _status_bar(value: Diplomatic | Consular) -> Bar | None:
    colour = _STATUS.get(value.value)
    return None if colour is None else (value.value, colour)


_RANK_COLOUR = {
    Rank.AMBASSADOR: _LEVEL[Level.AMBASSADOR],
    Rank.MINISTER: _LEVEL[Level.MINISTER],
    Rank.CHARGE_D_AFFAIRES: _LEVEL[Level.CHARGE_D_AFFAIRES],
    Rank.CHARGE_AD_INTERIM: _LEVEL[Level.CHARGE_D_AFFAIRES],
    Rank.LOWER: _LEVEL[Level.OTHER],
    Rank.OTHER: _LEVEL[Level.OTHER],
}


def _presence_bar(state: DyadState, sender: str) -> Bar | None:
    """Who is at post for ``sender``: the head's rank, or the mission with nobody named."""
    head = state.heads.get(sender)
    if head is not None and head.rank in _RANK_COLOUR:
        return _text(head.rank.value), _RANK_COLOUR[head.rank]
    mission = state.mission(sender)
    if mission is not None and mission.kind is not MissionKind.INTERESTS_SECTION:
        return f"{_text(mission.kind.value)}, nobody named", _LEVEL[Level.UNKNOWN]
    return None


def _mission_bar(state: DyadState, sender: str) -> Bar | None:
    kinds = sorted({m.kind for m in state.missions.get(sender, ())}, key=list(_MISSION).index)
    if not kinds:
        return None
    return ", ".join(_text(k.value) for k in kinds), _MISSION[kinds[0]]


def _trade_bar(state: DyadState) -> Bar | None:
    senders = sorted(state.missions_of(MissionKind.TRADE_OFFICE))
    if not senders:
        return None
    return f"trade office of {', '.join(senders)}", _MISSION[MissionKind.TRADE_OFFICE]


def _credit_lanes(history: HistoryView, a: str, b: str, last: pendulum.Date) -> list[Lane]:
    out: list[Lane] = []
    for line in history.credit_lines(a, b, on=last):
        end = line.matures_on or line.available_until
        if line.status is CreditStatus.CANCELLED:
            end = next((e.on for e in line.events if isinstance(e, CreditLineCancelled)), end)
        text = f"{line.lender} lends {line.limit}"
        out.append((f"credit line {line.id}", [(text, _CREDIT, line.opened_on, end)]))
    return out


def _lanes(history: HistoryView, x: str, y: str, hi: pendulum.Date) -> list[Lane]:
    periods = [(p.start, p.state) for p in history.timeline(x, y)]

    def level(c: str) -> Callable[[DyadState], Bar | None]:
        return lambda s: _presence_bar(s, c)

    def missions(c: str) -> Callable[[DyadState], Bar | None]:
        return lambda s: _mission_bar(s, c)

    return [
        ("diplomatic relations", _lane(periods, lambda s: _status_bar(s.diplomatic))),
        ("consular relations", _lane(periods, lambda s: _status_bar(s.consular))),
        (f"{x} at post in {y}", _lane(periods, level(x))),
        (f"{y} at post in {x}", _lane(periods, level(y))),
        (f"{x} missions in {y}", _lane(periods, missions(x))),
        (f"{y} missions in {x}", _lane(periods, missions(y))),
        ("trade offices", _lane(periods, _trade_bar)),
        *_credit_lanes(history, x, y, hi),
    ]


def _bounds(
    history: HistoryView, x: str, y: str, start: DayLike, end: DayLike
) -> tuple[pendulum.Date, pendulum.Date]:
    dates = [p.start for p in history.timeline(x, y)] or [FuzzyDate.year(2000)]
    lo = _day(start, end=False) or pendulum.Date(min(d.stated[0] for d in dates).year, 1, 1)
    hi = _day(end, end=True) or pendulum.Date(max(d.stated[1] for d in dates).year + 1, 12, 31)
    if hi <= lo:
        msg = f"the chart must end after it starts, not {lo} .. {hi}"
        raise ValueError(msg)
    return lo, hi


def _order(history: HistoryView, a: str, b: str) -> tuple[str, str]:
    """The dyad's two codes (as filed: RUS for SUN) in the order the caller named them."""
    key = history.resolve(a, b)
    if history.registry.resolve(a) == key[1] or history.registry.resolve(b) == key[0]:
        return key[1], key[0]
    return key


def plot_timeline(
    history: HistoryView,
    a: str,
    b: str,
    *,
    start: DayLike = None,
    end: DayLike = None,
    width: int = 900,
) -> str:
    """The history of the dyad ``a``-``b`` as an SVG image (the text of an ``<svg>`` element).

    Lanes: diplomatic and consular relations (coloured by status), the class of representation
    each way, the missions each way, trade offices and credit lines. ``start`` and ``end``
    bound the time axis (a year, ISO day text or a date); by default it runs from the first
    event's year to the end of the year after the last one. Hatching marks the days on which a
    change dated imprecisely (``1949``, ``1959/1960``) may have happened. Hovering over a bar
    shows its dates.
    """
    first, second = _order(history, a, b)
    if not history.timeline(first, second):
        raise InvalidQueryError(
            (a, b), "the history has no record of these two states: there is nothing to draw"
        )
    lo, hi = _bounds(history, first, second, start, end)
    lanes = _lanes(history, first, second, hi)
    plot_w = width - _LABEL_W - 20
    days = (hi - lo).days + 1

    def px(d: pendulum.Date) -> float:
        return _LABEL_W + plot_w * min(max((d - lo).days, 0), days) / days

    bottom = _TOP + len(lanes) * (_LANE_H + _GAP)
    out: list[str] = []
    for row, (label, _) in enumerate(lanes):
        y = _TOP + row * (_LANE_H + _GAP)
        out.append(
            f'<text x="{_LABEL_W - 8}" y="{y + 14}" text-anchor="end">{escape(label)}</text>'
        )
        out.append(_rect(_LABEL_W, y, plot_w, "#eeeeee", ""))
    out.extend(_axis(lo, hi, px, bottom))
    for row, (_, segments) in enumerate(lanes):
        y = _TOP + row * (_LANE_H + _GAP)
        hatched = {e for s in segments for e in s[2:] if e is not None and not e.is_exact}
        for text, colour, begins, ends in segments:
            x0, x1 = px(begins.stated[0]), px(ends.stated[0] if ends else hi.add(days=1))
            out.append(_rect(x0, y, x1 - x0, colour, f"{text}: {begins} .. {ends or 'now'}"))
            x0 = max(x0, px(begins.stated[1].add(days=1)))
            if x1 - x0 > 6.5 * len(text) + 8:
                ink = "#212121" if colour in _LIGHT else "#ffffff"
                out.append(
                    f'<text x="{x0 + 4:.1f}" y="{y + 14}" fill="{ink}">{escape(text)}</text>'
                )
        for edge in sorted(hatched, key=FuzzyDate.sort_key):
            h0, h1 = px(edge.stated[0]), px(edge.stated[1].add(days=1))
            out.append(_rect(h0, y, max(h1 - h0, 1), "url(#imprecise)", f"some day in {edge}"))
    legend, height = _legend(width, bottom + 36)
    names = [history.registry.get(c).name if c in history.registry else c for c in (first, second)]
    title = escape(f"{names[0]} and {names[1]}, {lo.year}\u2013{hi.year}")
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{title}" '
        f'font-family="sans-serif" font-size="11"><title>{title}</title>'
        '<defs><pattern id="imprecise" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff" opacity="0.5"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#212121" stroke-width="2.5"/></pattern></defs>'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
        f'<text x="{_LABEL_W}" y="24" font-size="15" font-weight="bold">{title}</text>'
    )
    return "\n".join([head, *out, *legend, "</svg>"]) + "\n"


def _rect(x: float, y: int, w: float, fill: str, tip: str) -> str:
    shown = f"<title>{escape(tip)}</title>" if tip else ""
    return (
        f'<rect x="{x:.1f}" y="{y}" width="{max(w, 0.5):.1f}" height="{_LANE_H}" fill="{fill}">'
        f"{shown}</rect>"
    )


def _axis(
    lo: pendulum.Date, hi: pendulum.Date, px: Callable[[pendulum.Date], float], y: int
) -> list[str]:
    years = hi.year - lo.year + 1
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 1000) if years / s <= 16)  # noqa: PLR2004
    x0, x1 = px(lo), px(hi.add(days=1))
    out = [f'<line x1="{x0:.1f}" y1="{y}" x2="{x1:.1f}" y2="{y}" stroke="#424242"/>']
    for year in range((lo.year + step - 1) // step * step, hi.year + 1, step):
        x = px(pendulum.Date(year, 1, 1))
        out.append(f'<line x1="{x:.1f}" y1="{_TOP - 4}" x2="{x:.1f}" y2="{y + 4}" '
                   'stroke="#bdbdbd" stroke-dasharray="2,3"/>')  # fmt: skip
        out.append(f'<text x="{x:.1f}" y="{y + 16}" text-anchor="middle">{year}</text>')
    return out


def _legend(width: int, y: int) -> tuple[list[str], int]:
    items = list(_STATUS.items())
    items += [(_text(k.value), c) for k, c in _LEVEL.items()]
    items[4:6] = [("ambassador, embassy", _LEVEL[Level.AMBASSADOR]),
                  ("minister, legation", _LEVEL[Level.MINISTER])]  # fmt: skip
    items += [(_text(k.value), c) for k, c in list(_MISSION.items())[2:]]
    items += [("credit line", _CREDIT), ("date known only to a span", "url(#imprecise)")]
    out, x = [], 10
    for label, colour in items:
        w = 22 + 6.5 * len(label)
        if x + w > width:
            x, y = 10, y + 18
        out.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour}" '
                   'stroke="#9e9e9e" stroke-width="0.5"/>')  # fmt: skip
        out.append(f'<text x="{x + 16}" y="{y}">{escape(label)}</text>')
        x += int(w) + 8
    return out, y + 14
