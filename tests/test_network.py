"""Network snapshots: who represents whom on a date."""

from __future__ import annotations

import pytest

import diplorel as dr


class TestRealCases:
    def test_interests_sections_under_protecting_powers(self) -> None:
        """USA-CUB, 1980: no relations, interests sections both ways (Office of the Historian).

        The US Interests Section in Havana opened on 1 September 1977 under the Swiss embassy;
        Cuba's in Washington under Czechoslovakia's (both cited by the default history).
        """
        net = dr.default_history().network(on="1980-12-31", states=["CUB", "USA"])
        edges = {(e.sender, e.receiver): e for e in net.edges}
        assert set(edges) == {("CUB", "USA"), ("USA", "CUB")}
        assert edges["USA", "CUB"].protecting_power == "CHE"
        assert edges["CUB", "USA"].protecting_power == "CSK"
        for e in edges.values():
            assert e.mission == "interests_section"
            assert e.level == 9
            assert e.diplomatic == "severed"

    def test_embassies_after_2024(self) -> None:
        """CUB-KOR, end of 2025: embassies both ways (the founding example's 2025 openings)."""
        net = dr.default_history().network(on="2025-12-31", states=["CUB", "KOR"])
        assert {(e.sender, e.receiver, e.mission) for e in net.edges} == {
            ("CUB", "KOR", "embassy"),
            ("KOR", "CUB", "embassy"),
        }
        before = dr.default_history().network(on="1990-12-31", states=["CUB", "KOR"])
        assert before.edges == ()

    def test_names_on_the_day(self) -> None:
        """Nodes and edges are named as on the day: the Soviet Union in 1980."""
        net = dr.default_history().network(on="1980-12-31", states=["RUS", "SUN", "USA"])
        assert "SUN" in net.nodes
        assert "RUS" not in net.nodes


class TestRecords:
    def _history(self) -> dr.History:
        return dr.History(
            [
                dr.RelationsEstablished(between=("CUB", "KOR"), on="1949-07-12"),
                dr.HeadOfMissionAccredited(
                    between=("CUB", "KOR"), sender="KOR", on="1970-03-01", rank=dr.Rank.AMBASSADOR
                ),
            ],
            coverage=[
                dr.Coverage(
                    state="KOR", sender="KOR", since="1949", dimensions=(dr.Dimension.PRESENCE,)
                )
            ],
        )

    def test_unknown_side_is_not_an_edge_nor_an_absence(self) -> None:
        """Korea's envoys are covered, Cuba's are not: Cuba's direction is unknown."""
        net = self._history().network(on="1971-01-01")
        assert [(e.sender, e.receiver, e.level) for e in net.edges] == [("KOR", "CUB", 3)]
        assert net.unknown == (("CUB", "KOR"),)
        assert net.in_degree()["CUB"] == 1
        assert net.out_degree()["CUB"] == 0

    def test_known_on(self) -> None:
        """As known before the act was announced, there is no edge."""
        h = dr.History(
            [
                dr.RelationsEstablished(between=("CUB", "KOR"), on="1949-07-12"),
                dr.MissionOpened(
                    between=("CUB", "KOR"),
                    sender="KOR",
                    kind=dr.MissionKind.EMBASSY,
                    on="1950-03-01",
                    announced_on="1950-06-01",
                ),
            ]
        )
        assert h.network(on="1950-04-01", known_on="1950-04-01").edges == ()
        assert len(h.network(on="1950-04-01").edges) == 1

    def test_to_pandas_and_networkx(self) -> None:
        """One row per edge; a DiGraph with the edges' fields as attributes."""
        pytest.importorskip("pandas")
        nx = pytest.importorskip("networkx")
        net = self._history().network(on="1971-01-01")
        frame = net.to_pandas()
        assert list(frame.columns[:3]) == ["sender", "receiver", "level"]
        assert len(frame) == len(net.edges)
        g = net.to_networkx()
        assert isinstance(g, nx.DiGraph)
        assert g.edges["KOR", "CUB"]["level"] == 3
        assert set(g.nodes) == set(net.nodes)
