"""System membership: panels of COW's or Gleditsch and Ward's members, partial years by a rule.

Spells from the registry's data: COW State System Membership v2024 (``cow_spells.csv``) and
Gleditsch and Ward's list of independent states (``gw_spells.csv``), both cited in the data.
"""

from __future__ import annotations

import pytest

import diplorel as dr
from diplorel._membership import member_in

REG = dr.default_registry()


class TestRules:
    """East Germany: a COW member 1954-03-25 to 1990-10-02, so 1990 is a partial year."""

    @pytest.mark.parametrize(
        ("rule", "expected"),
        [("first_day", True), ("last_day", False), ("any_day", True), ("majority", True)],
    )
    def test_partial_year(self, rule: str, expected: bool) -> None:
        """275 days of 365 in 1990: a member on 1 January and on most days, not on 31 December."""
        assert member_in(REG.get("DDR"), "cow", 1990, rule) is expected  # type: ignore[arg-type]

    def test_before_and_after(self) -> None:
        """Not a COW member in 1953 (entry 1954), a G-W member from 1949."""
        assert not member_in(REG.get("DDR"), "cow", 1953, "any_day")
        assert member_in(REG.get("DDR"), "gw", 1953, "any_day")


class TestPanels:
    def test_cow_members_only(self) -> None:
        """Andorra enters COW's system on 1993-07-28: no row in 1992, one in 1993 and after."""
        h = dr.default_history()
        for year, rows in ((1992, 0), (1993, 1), (1994, 1)):
            p = h.panel(years=[year], states=["AND", "FRA"], system="cow")
            assert len(p) == rows, year
        assert len(h.panel(years=[1992], states=["AND", "FRA"])) == 1  # every state existing
        assert len(h.panel(years=[1993], states=["AND", "FRA"], system="cow",
                           membership="first_day")) == 0  # fmt: skip

    def test_gw_leaves_out_microstates(self) -> None:
        """G-W's main list has no Andorra (their microstates list is apart, not shipped)."""
        p = dr.default_history().panel(years=[2000], states=["AND", "FRA"], system="gw")
        assert len(p) == 0

    @pytest.mark.parametrize("system", ["cow", "gw"])
    def test_engines_agree(self, system: str) -> None:
        """The numpy engine keeps the same states as the Python one."""
        h = dr.default_history()
        kw = {"years": [1990, 2000], "system": system, "membership": "any_day"}
        assert h.panel(engine="python", **kw).data == h.panel(engine="numpy", **kw).data  # type: ignore[arg-type]

    def test_bad_system(self) -> None:
        """An unknown system is a clear error naming the choices."""
        with pytest.raises(dr.InvalidQueryError, match="cow"):
            dr.default_history().panel(years=[2000], system="un")  # type: ignore[arg-type]
