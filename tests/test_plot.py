"""The timeline chart: SVG text drawn by diplorel itself."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import itertools
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import diplorel as dr
from diplorel import _plot
from diplorel.cli import main

SVG = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parent.parent
HAS_PNG = importlib.util.find_spec("resvg_py") is not None
needs_png = pytest.mark.skipif(not HAS_PNG, reason="the png extra (resvg-py) is not installed")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def history() -> dr.History:
    """The founding example, with a year-only date, an interval and a trade office."""
    return dr.History(
        [
            dr.RelationsEstablished(between=("CUB", "KOR"), on="1949"),
            dr.RelationsSevered(between=("CUB", "KOR"), on="1959/1960", by="CUB", consular=True),
            dr.MissionOpened(
                between=("CUB", "KOR"),
                sender="KOR",
                on="2005-10",
                kind=dr.MissionKind.TRADE_OFFICE,
                place="Havana",
            ),
            dr.CreditLineOpened(
                id="kor-cub-2005",
                lender="KOR",
                borrower="CUB",
                on="2005",
                limit=dr.Money("70000000", "USD"),
            ),
            dr.ExchangeOfNotes(
                id="x", between=("CUB", "KOR"), on="2024-02-14", tz="America/New_York"
            ),
            dr.MissionOpened(
                between=("CUB", "KOR"), sender="KOR", on="2025-01-17", kind=dr.MissionKind.EMBASSY
            ),
        ]
    )


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - diplorel's own output, not untrusted data


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def legend(root: ET.Element) -> ET.Element:
    found = [g for g in root.iter(f"{SVG}g") if g.get("class") == "legend"]
    assert len(found) == 1
    return found[0]


def tips(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}title")]


def png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height, read from its IHDR chunk."""
    assert data.startswith(PNG_SIGNATURE)
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def no_png_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``import resvg_py`` fail, as without the png extra."""
    monkeypatch.setitem(sys.modules, "resvg_py", None)


class TestPlotTimeline:
    def test_valid_svg(self, history: dr.History) -> None:
        """The chart is well-formed XML with an svg root, a size and a title."""
        root = parse(history.plot_timeline("CUB", "KOR"))
        assert root.tag == f"{SVG}svg"
        assert int(root.attrib["width"]) == 900
        assert root.find(f"{SVG}title") is not None

    def test_lanes(self, history: dr.History) -> None:
        """Every dimension has a lane, each direction its own, and every credit line one."""
        shown = texts(parse(history.plot_timeline("CUB", "KOR")))
        for lane in (
            "diplomatic relations",
            "consular relations",
            "CUB at post in KOR",
            "KOR at post in CUB",
            "CUB missions in KOR",
            "KOR missions in CUB",
            "trade offices",
            "credit line kor-cub-2005",
        ):
            assert lane in shown

    def test_order_follows_the_caller(self, history: dr.History) -> None:
        """The first state named is drawn first, whatever the dyad's sorted order."""
        shown = texts(parse(history.plot_timeline("South Korea", "Cuba")))
        assert shown.index("KOR at post in CUB") < shown.index("CUB at post in KOR")

    def test_statuses_and_imprecise_dates(self, history: dr.History) -> None:
        """Bars name their status and dates; imprecise dates are hatched spans."""
        svg = history.plot_timeline("CUB", "KOR")
        root = parse(svg)
        tips = [t.text or "" for t in root.iter(f"{SVG}title")]
        assert "established: 1949 .. 1959/1960" in tips
        assert "severed: 1959/1960 .. 2024-02-14" in tips
        assert "some day in 1959/1960" in tips
        assert 'id="imprecise"' in svg

    def test_axis_bounds(self, history: dr.History) -> None:
        """The start and end arguments bound the year axis."""
        root = parse(history.plot_timeline("CUB", "KOR", start=1950, end="2030-12-31"))
        shown = texts(root)
        assert "1950" in shown
        assert "2030" in shown
        assert "1945" not in shown

    def test_bad_bounds(self, history: dr.History) -> None:
        """An axis that ends before it starts is refused."""
        with pytest.raises(ValueError, match="must end after it starts"):
            history.plot_timeline("CUB", "KOR", start=2000, end=1990)

    def test_empty_dyad(self, history: dr.History) -> None:
        """A dyad without events has no record: nothing to draw, and the error says so."""
        with pytest.raises(dr.InvalidQueryError, match="no record"):
            history.plot_timeline("CUB", "PRK")

    def test_continuing_state(self) -> None:
        """A dyad filed under a continuing state (SUN, RUS) draws under the code it is filed."""
        root = parse(dr.default_history().plot_timeline("SUN", "USA"))
        assert "RUS at post in USA" in texts(root)


class TestCommandLine:
    def test_svg_option_writes_the_chart(self, tmp_path: Path) -> None:
        """``diplorel timeline A B --svg FILE`` writes the chart and says so."""
        out, err = io.StringIO(), io.StringIO()
        target = tmp_path / "cub-kor.svg"
        code = main(["timeline", "CUB", "KOR", "--svg", str(target)], stdout=out, stderr=err)
        assert code == 0
        assert parse(target.read_text(encoding="utf-8")).tag == f"{SVG}svg"
        assert str(target) in err.getvalue()
        assert out.getvalue() == ""

    def test_docs_images_are_up_to_date(self) -> None:
        """The pictures in docs/images are what the library draws today."""
        spec = importlib.util.spec_from_file_location("images", ROOT / "tools/build_docs_images.py")
        assert spec is not None
        assert spec.loader is not None
        tool = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(tool)
        stale = [p.name for p, svg in tool.build().items() if p.read_text(encoding="utf-8") != svg]
        assert stale == [], "run python tools/build_docs_images.py"


class TestNoRecord:
    def test_no_record_is_said(self) -> None:
        """A dyad the history has no act of gives a clear error, not an empty chart."""
        with pytest.raises(dr.InvalidQueryError, match="no record"):
            dr.default_history().plot_timeline("FRA", "DEU")


# Colour vision deficiency ---------------------------------------------------------------------

MACHADO_2009 = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
"""Machado, Oliveira and Fernandes's matrices for full (severity 1.0) dichromacy, applied to
linear RGB: G. M. Machado, M. M. Oliveira, L. A. F. Fernandes, "A Physiologically-based Model
for Simulation of Color Vision Deficiency", IEEE TVCG 15(6), 2009, pp. 1291-1298."""


def linear(colour: str) -> tuple[float, float, float]:
    """``#RRGGBB`` as linear-light sRGB (IEC 61966-2-1)."""
    c = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c)
    return r, g, b


def simulate(colour: str, matrix: tuple[tuple[float, ...], ...]) -> tuple[float, float, float]:
    rgb = linear(colour)
    r, g, b = (
        min(1.0, max(0.0, sum(m * v for m, v in zip(row, rgb, strict=True)))) for row in matrix
    )
    return r, g, b


def lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """Linear sRGB to CIELAB (D65)."""
    r, g, b = rgb
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: str, b: str, deficiency: str) -> float:
    """CIE 1976 colour difference of two colours as seen with ``deficiency``."""
    matrix = MACHADO_2009[deficiency]
    la, lb = lab(simulate(a, matrix)), lab(simulate(b, matrix))
    return float(sum((p - q) ** 2 for p, q in zip(la, lb, strict=True)) ** 0.5)


CATEGORIES = [
    *_plot.STATUS.values(),
    *_plot.RANK.values(),
    _plot.NOBODY,
    *_plot.MISSION.values(),
    _plot.PROTECTED,
    _plot.TRADE,
    _plot.CREDIT,
]


class TestPalette:
    def test_okabe_ito(self) -> None:
        """The palette is Okabe and Ito's, as published (jfly.iam.u-tokyo.ac.jp/color, 2002).

        Black, orange (230, 159, 0), sky blue (86, 180, 233), bluish green (0, 158, 115),
        yellow (240, 228, 66), blue (0, 114, 178), vermillion (213, 94, 0) and reddish purple
        (204, 121, 167); every colour a category is drawn in is one of them, or the grey of
        "nobody named".
        """
        assert _plot.OKABE_ITO == {
            "black": "#000000",
            "orange": "#E69F00",
            "sky blue": "#56B4E9",
            "bluish green": "#009E73",
            "yellow": "#F0E442",
            "blue": "#0072B2",
            "vermillion": "#D55E00",
            "reddish purple": "#CC79A7",
        }
        allowed = {*_plot.OKABE_ITO.values(), _plot.NEUTRAL}
        assert {k.fill for k in CATEGORIES} <= allowed

    @pytest.mark.parametrize("deficiency", sorted(MACHADO_2009))
    def test_categories_distinguishable(self, deficiency: str) -> None:
        """Within a legend line, two colours differ by 15 or more (CIE76 ΔE) to a dichromat.

        As seen with protanopia, deuteranopia or tritanopia, simulated with Machado et al.
        2009 (severity 1): see ``MACHADO_2009``.
        """
        for group in _plot.GROUPS:
            fills = sorted({k.fill for k in CATEGORIES if k.group == group})
            for a, b in itertools.combinations(fills, 2):
                assert delta_e(a, b, deficiency) >= 15, (group, a, b)

    @pytest.mark.parametrize("deficiency", ["protanopia", "deuteranopia"])
    def test_relations_not_red_against_green(self, deficiency: str) -> None:
        """Established against severed, the main encoding, stays far apart to a red-green dichromat.

        Unlike the dark green and red the chart used before (which the check catches).
        """
        established, severed = _plot.STATUS["established"].fill, _plot.STATUS["severed"].fill
        assert delta_e(established, severed, deficiency) >= 30
        assert delta_e("#2e7d32", "#c62828", deficiency) < 20  # the old pair: the test bites

    def test_simulation_is_sane(self) -> None:
        """The simulation keeps grey grey and merges pure red and green for a deuteranope."""
        assert delta_e("#777777", "#777777", "deuteranopia") == 0
        assert delta_e("#FF0000", "#00FF00", "deuteranopia") < delta_e(
            "#FF0000", "#0000FF", "deuteranopia"
        )


# The picture ---------------------------------------------------------------------------------


class TestLegend:
    def test_lists_only_categories_drawn(self, history: dr.History) -> None:
        """The legend names what the picture shows, and nothing it does not."""
        shown = texts(legend(parse(history.plot_timeline("CUB", "KOR", end=2026))))
        for used in ("established", "severed", "embassy", "trade office", "credit line"):
            assert used in shown
        assert "imprecise date" in shown
        for unused in ("suspended", "legation", "interests section", "minister", "third state"):
            assert unused not in shown

    def test_swatches_match_the_bars(self, history: dr.History) -> None:
        """Every colour of a bar has a swatch in the legend, and every swatch a bar."""
        root = parse(history.plot_timeline("CUB", "KOR", end=2026))
        bars = {
            r.get("fill")
            for r in root.iter(f"{SVG}rect")
            if r.find(f"{SVG}title") is not None and r not in set(legend(root).iter())
        }
        swatches = {r.get("fill") for r in legend(root).iter(f"{SVG}rect")}
        assert bars == swatches

    def test_grouped(self) -> None:
        """Each legend line is headed by its group, in the order of the lanes."""
        shown = texts(legend(parse(dr.default_history().plot_timeline("USA", "CUB", end=2026))))
        heads = [t for t in shown if t in _plot.GROUPS]
        assert heads == [
            "Relations",
            "Head of mission at post",
            "Missions",
            "Protecting power",
            "Marks",
        ]


class TestAxis:
    def test_runs_to_today_by_default(self, history: dr.History) -> None:
        """Without ``end`` the axis runs to today, not to the year after the last event."""
        root = parse(history.plot_timeline("CUB", "KOR"))
        this_year = dt.datetime.now(dt.UTC).year
        assert root.attrib["aria-label"].endswith(f"\u2013{this_year}")

    def test_usa_cub_runs_past_2016(self) -> None:
        """USA-CUB's last act is of 2017; the chart still runs to the query's end."""
        root = parse(dr.default_history().plot_timeline("USA", "CUB", start=1955, end=2026))
        assert root.attrib["aria-label"] == "United States and Cuba, 1955\u20132026"
        assert "2025" in texts(root)

    def test_a_later_event_extends_the_axis(self) -> None:
        """An act dated after today keeps the axis running to the end of its year."""
        h = dr.History([dr.RelationsEstablished(between=("CUB", "KOR"), on="2999-01-01")])
        root = parse(h.plot_timeline("CUB", "KOR"))
        assert root.attrib["aria-label"].endswith("\u20132999")

    def test_width(self, history: dr.History) -> None:
        """``width`` sets the picture's width; too narrow a picture is refused."""
        assert parse(history.plot_timeline("CUB", "KOR", width=1400)).attrib["width"] == "1400"
        with pytest.raises(ValueError, match="at least 320"):
            _plot.plot_timeline(history._derived, "CUB", "KOR", width=100)


class TestLanesForPaper:
    def test_protecting_powers_usa_cub(self) -> None:
        """USA-CUB: Switzerland protects the United States in Havana, 1961-2015 (so in 1980)."""
        h = dr.default_history()
        assert h.status("USA", "CUB", on="1980-06-01").protecting_powers["USA"] == "CHE"
        root = parse(h.plot_timeline("USA", "CUB", end=2026))
        shown = texts(root)
        assert "power protecting USA in CUB" in shown
        assert "power protecting CUB in USA" in shown
        spans = [t.split(": ")[1] for t in tips(root) if t.startswith("Switzerland (CHE): ")]
        years = [(int(s[:4]), int(s.split(" .. ")[1][:4])) for s in spans]
        assert any(start <= 1980 <= end for start, end in years)

    def test_no_protecting_power_no_lane(self, history: dr.History) -> None:
        """A dyad whose interests were never protected has no such lane."""
        assert not any(
            t.startswith("power protecting")
            for t in texts(parse(history.plot_timeline("CUB", "KOR", end=2026)))
        )

    def test_heads_of_mission_marked(self) -> None:
        """Each new head of mission is a mark whose tooltip names them."""
        root = parse(dr.default_history().plot_timeline("USA", "CUB", start=1955, end=2026))
        marks = [p.findtext(f"{SVG}title") or "" for p in root.iter(f"{SVG}polygon")]
        assert any("Philip Wilson Bonsal" in m for m in marks)
        assert any(m.startswith("ambassador José Ramón Cabañas Rodríguez") for m in marks)
        assert not any("Spruille Braden" in m for m in marks)  # 1942: before the axis

    def test_ink_contrasts(self) -> None:
        """Bar labels are black on light fills and white on dark ones."""
        assert _plot._ink(_plot.OKABE_ITO["yellow"]) == "#000000"
        assert _plot._ink(_plot.OKABE_ITO["blue"]) == "#FFFFFF"
        assert _plot._ink("url(#imprecise)") == "#000000"


class TestPng:
    @needs_png
    def test_renders_at_scale(self, history: dr.History) -> None:
        """format='png' gives a PNG ``scale`` times the SVG's size."""
        data = _plot.plot_timeline(
            history._derived, "CUB", "KOR", end=2026, width=800, format="png", scale=1.5
        )
        width, height = png_size(data)
        svg = parse(_plot.plot_timeline(history._derived, "CUB", "KOR", end=2026, width=800))
        assert width == 1200
        assert height == round(int(svg.attrib["height"]) * 1.5)

    def test_without_the_extra(self, history: dr.History, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without resvg-py, a PNG is refused with the extra to install."""
        no_png_extra(monkeypatch)
        with pytest.raises(dr.MissingExtraError) as caught:
            _plot.plot_timeline(history._derived, "CUB", "KOR", format="png")
        assert caught.value.extra == "png"
        assert caught.value.package == "resvg-py"
        assert "pip install 'diplorel[png]'" in str(caught.value)

    def test_bad_format_and_scale(self, history: dr.History) -> None:
        """An unknown format and a scale of 0 are refused."""
        with pytest.raises(ValueError, match="format must be"):
            _plot.plot_timeline(history._derived, "CUB", "KOR", format="pdf")  # type: ignore[call-overload]
        with pytest.raises(ValueError, match="scale must be"):
            _plot.png_renderer(0)


class TestCommandLineChart:
    def run(self, *argv: str, today: dt.date | None = None) -> tuple[int, str, str]:
        """``diplorel timeline ARGV``: the exit status, standard output and standard error."""
        out, err = io.StringIO(), io.StringIO()
        code = main(["timeline", *argv], stdout=out, stderr=err, today=today)
        return code, out.getvalue(), err.getvalue()

    def test_from_to_width(self, tmp_path: Path) -> None:
        """--from, --to and --width shape the chart."""
        target = tmp_path / "usa-cub.svg"
        code, _, _ = self.run("USA", "CUB", "--from", "1950", "--to", "1990", "--width", "1200",
                              "--svg", str(target))  # fmt: skip
        assert code == 0
        root = parse(target.read_text(encoding="utf-8"))
        assert root.attrib["width"] == "1200"
        assert root.attrib["aria-label"] == "United States and Cuba, 1950\u20131990"

    def test_to_defaults_to_today(self, tmp_path: Path) -> None:
        """Without --to the chart runs to the CLI's today."""
        target = tmp_path / "usa-cub.svg"
        code, _, _ = self.run("USA", "CUB", "--svg", str(target), today=dt.date(2031, 3, 1))
        assert code == 0
        assert parse(target.read_text(encoding="utf-8")).attrib["aria-label"].endswith("2031")

    @needs_png
    def test_png(self, tmp_path: Path) -> None:
        """--png writes a PNG (twice the chart's size by default, or --scale times)."""
        target = tmp_path / "usa-cub.png"
        code, out, err = self.run("USA", "CUB", "--png", str(target), "--width", "700")
        assert code == 0
        assert out == ""
        assert str(target) in err
        assert png_size(target.read_bytes())[0] == 1400
        code, _, _ = self.run("USA", "CUB", "--png", str(target), "--width", "700", "--scale", "1")
        assert png_size(target.read_bytes())[0] == 700

    def test_png_without_the_extra(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """--png without the extra exits 1, names the extra and writes nothing."""
        no_png_extra(monkeypatch)
        target = tmp_path / "usa-cub.png"
        code, _, err = self.run(
            "USA", "CUB", "--png", str(target), "--svg", str(tmp_path / "x.svg")
        )
        assert code == 1
        assert "pip install 'diplorel[png]'" in err
        assert not target.exists()
        assert not (tmp_path / "x.svg").exists()

    @pytest.mark.parametrize(
        ("argv", "said"),
        [
            (["--from", "1950"], "draws a chart"),
            (["--width", "800"], "draws a chart"),
            (["--svg", "-", "--from", "1990", "--to", "1950"], "after --to"),
            (["--svg", "-", "--from", "2999"], "the default --to is this year"),
            (["--svg", "-", "--width", "100"], "at least 320"),
            (["--png", "-"], "binary"),
            (["--png", "x.png", "--scale", "0"], "--scale"),
            (["--svg", "-", "--from", "19x"], "expected a year"),
        ],
    )
    def test_usage_errors(self, argv: list[str], said: str) -> None:
        """Chart options without a chart, or that cannot be drawn, are usage errors (exit 2)."""
        code, out, err = self.run("USA", "CUB", *argv)
        assert code == 2
        assert said in err
        assert out == ""


def test_a_state_and_its_continuation_are_no_chart() -> None:
    """SUN and RUS are one state: the chart is refused, saying why."""
    with pytest.raises(dr.InvalidQueryError, match="SUN and RUS name one state"):
        dr.default_history().plot_timeline("SUN", "RUS")
