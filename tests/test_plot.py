"""The timeline chart: SVG text drawn by diplorel itself."""

from __future__ import annotations

import importlib.util
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import diplorel as dr
from diplorel.cli import main

SVG = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parent.parent


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
