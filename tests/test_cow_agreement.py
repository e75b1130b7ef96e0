"""The COW agreement report is current, and every disagreement in it is classified."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import diplorel as dr

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs/data/cow-agreement.md"


def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compare_cow", ROOT / "tools/compare_cow.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["compare_cow"] = module
    spec.loader.exec_module(module)
    return module


class TestReport:
    def test_report_is_current(self) -> None:
        """docs/data/cow-agreement.md is what tools/compare_cow.py writes today."""
        assert tool().main(["--check", str(REPORT)]) == 0

    def test_every_disagreement_is_classified(self) -> None:
        """Each disagreement is ours, COW's convention, or a COW error; none is unexplained."""
        text = REPORT.read_text(encoding="utf-8")
        assert "| unexplained |" not in text
        assert "Disagreements by reason:" in text

    def test_figures(self) -> None:
        """The agreement the issue measured at 35% for both levels is far higher now."""
        module = tool()
        h = dr.default_history()
        states = module.partners(h)
        ccodes = {s.ccode for c in states for s in h.registry.get(c).cow}
        theirs = {k: v for k, v in module.cow_rows().items() if k[0] in ccodes}
        agreement = module.agreement(module.derived_rows(h, states, dr.CowConventions()), theirs)
        written = module.derived_rows(h, states, dr.CowConventions())
        assert agreement["all"]["rows"] == len([k for k in theirs if k in written])
        assert agreement["all"]["DE"] > 0.9
        assert agreement["all"]["exact"] > 0.75


class TestEveryPartner:
    """The comparison over all of COW's US rows (the State Department's records)."""

    def test_figures(self) -> None:
        """The US level and DE agree on most rows (the issue's goal: 93% and 96%)."""
        module = tool()
        h = dr.default_history()
        ours = module.side_rows(h, dr.CowConventions())
        assert len(ours) == 2756  # every COW US row
        a = module.side_agreement(ours, module.cow_rows(), us_side_de=True)["all"]
        assert a["DR_at_2"] > 0.89  # measured 89.6%
        assert a["DE"] > 0.945  # measured 95.1%

    def test_every_cow_error_cites_a_source(self) -> None:
        """A row blamed on COW names the record that shows it (or the curated research)."""
        section = REPORT.read_text(encoding="utf-8").split("## The United States and every state")[
            1
        ]
        for line in section.splitlines():
            cells = [c.strip() for c in line.split("|")]
            if len(cells) > 7 and cells[5] == "cow":  # a table row
                assert cells[7] or "research" in cells[6], line
