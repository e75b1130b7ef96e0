"""The curated default history: valid in strict mode, every event sourced, the founding example."""

from __future__ import annotations

from importlib.resources import files

import pytest

import diplorel as dr
from diplorel._files import loads


@pytest.fixture(scope="module")
def h() -> dr.History:
    return dr.default_history()


class TestFile:
    def test_whole_file_strict(self) -> None:
        """The packaged data file loads in strict mode with no refused event."""
        data = files("diplorel").joinpath("data/default_history.json").read_bytes()
        history = loads(data, strict=True)
        assert not [a for a in history.anomalies if a.kind != "exclusivity_overlap"]

    def test_every_item_cites_a_source(self, h: dr.History) -> None:
        """Every item cites at least one source with a publisher, a title and a date or URL."""
        for item in h.items:
            assert item.sources, item
            for s in item.sources:
                assert s.publisher
                assert s.title
                assert s.published_on is not None or s.url

    def test_coverage(self, h: dr.History) -> None:
        """Besides the founding example, at least 40 dyads."""
        others = [d for d in h.dyads if d != ("CUB", "KOR")]
        assert len(others) >= 40

    def test_built_at_first_use(self) -> None:
        """Importing diplorel does not load the default history."""
        import subprocess  # noqa: PLC0415
        import sys  # noqa: PLC0415

        code = (
            "import diplorel, diplorel._default_history as d; "
            "print(d.default_history.cache_info().currsize)"
        )
        out = subprocess.run(  # noqa: S603 - our own interpreter
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == "0"


class TestFoundingExample:
    """DESIGN.md section 8: the expected answers."""

    def test_1980_severed(self, h: dr.History) -> None:
        """1980-06-01: severed (certain), no consular relations."""
        s = h.status("CUB", "KOR", on="1980-06-01")
        assert s.diplomatic is dr.Diplomatic.SEVERED
        assert s.certain
        assert s.consular is not dr.Consular.ESTABLISHED

    def test_1959_uncertain(self, h: dr.History) -> None:
        """1959-06-01: uncertain, established or severed."""
        s = h.status("CUB", "KOR", on="1959-06-01")
        assert not s.certain
        states = {s.diplomatic, *(a.diplomatic for a in s.alternatives)}
        assert states == {dr.Diplomatic.ESTABLISHED, dr.Diplomatic.SEVERED}

    def test_2010_economic_ties(self, h: dr.History) -> None:
        """2010-06-01: severed, but a trade office and a credit line."""
        s = h.status("CUB", "KOR", on="2010-06-01")
        assert s.diplomatic is dr.Diplomatic.SEVERED
        assert s.economic_ties
        assert s.trade_offices["KOR"]
        assert s.credit_lines

    def test_2024_exchange_of_notes(self, h: dr.History) -> None:
        """2024-02-14: established, consular too, ambassador level, by exchange of notes."""
        s = h.status("CUB", "KOR", on="2024-02-14")
        assert s.diplomatic is dr.Diplomatic.ESTABLISHED
        assert s.consular is dr.Consular.ESTABLISHED
        assert s.agreed["KOR"] is s.agreed["CUB"] is dr.Level.AMBASSADOR
        step = s.explain().steps[-1]
        assert step.event.instrument is not None
        assert "notes" in step.event.instrument

    def test_seoul_noon_not_yet(self, h: dr.History) -> None:
        """2024-02-14T12:00+09:00: not yet established (still the 13th in New York)."""
        s = h.status("CUB", "KOR", on="2024-02-14T12:00:00+09:00")
        assert s.diplomatic is dr.Diplomatic.SEVERED

    def test_2024_no_embassy(self, h: dr.History) -> None:
        """2024-06-01: established, with no embassy yet."""
        s = h.status("CUB", "KOR", on="2024-06-01")
        assert s.diplomatic is dr.Diplomatic.ESTABLISHED
        assert not any(m.kind is dr.MissionKind.EMBASSY for ms in s.missions.values() for m in ms)

    def test_2025_embassy(self, h: dr.History) -> None:
        """2025-02-01: the ROK embassy in Havana is open."""
        s = h.status("CUB", "KOR", on="2025-02-01")
        assert any(m.kind is dr.MissionKind.EMBASSY for m in s.missions["KOR"])

    @pytest.mark.parametrize("on", ["1961-01-01", "1990-01-01", "2010-06-01", "2025-01-01"])
    def test_cuba_dprk(self, h: dr.History, on: str) -> None:
        """Cuba-DPRK is established throughout: no exclusivity between the two Koreas."""
        assert h.status("CUB", "PRK", on=on).diplomatic is dr.Diplomatic.ESTABLISHED
        assert not [a for a in h.anomalies if "PRK" in a.dyad]


class TestBuild:
    """The shipped data file is what the build script makes from the research notes."""

    def test_data_file_is_current(self) -> None:
        """tools/build_default_history.py --check passes (the data and its page are current)."""
        import subprocess  # noqa: PLC0415 - only this test runs a process
        import sys  # noqa: PLC0415
        from pathlib import Path  # noqa: PLC0415

        root = Path(__file__).resolve().parent.parent
        done = subprocess.run(  # noqa: S603 - our own script, our interpreter
            [sys.executable, str(root / "tools/build_default_history.py"), "--check"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
