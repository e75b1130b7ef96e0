"""Drawn panels for multiple imputation: each imprecise act happens on one day of its span."""

from __future__ import annotations

import random

import pytest

import diplorel as dr
from diplorel._draws import drawn_items


class TestFoundingExample:
    """Cuba broke with Korea in 1959/1960 (the founding example's sources give no day)."""

    def test_every_draw_is_a_possible_history(self) -> None:
        """1958 established, 1960 severed in every draw; 1959 either; every row certain."""
        p = dr.default_history().panel(
            years=[1958, 1959, 1960], states=["CUB", "KOR"], draws=8, seed=7
        )
        rows = list(p.rows())
        assert sorted({r["draw"] for r in rows}) == list(range(1, 9))
        by_year: dict[object, set[object]] = {}
        for r in rows:
            by_year.setdefault(r["year"], set()).add(r["diplomatic"])
            assert r["certain"] is True
        assert by_year[1958] == {"established"}
        assert by_year[1960] == {"severed"}
        assert by_year[1959] <= {"established", "severed"}

    def test_seeded(self) -> None:
        """The same seed gives the same panels; provenance records draws and seed."""
        h = dr.default_history()
        kw = {"years": [1959], "states": ["CUB", "KOR"], "draws": 3, "seed": 11}
        p = h.panel(**kw)  # type: ignore[arg-type]
        assert p.data == h.panel(**kw).data  # type: ignore[arg-type]
        assert p.provenance["query"]["draws"] == 3
        assert p.provenance["query"]["seed"] == 11

    def test_bad_draws(self) -> None:
        """Draws is a whole number, at least 1."""
        with pytest.raises(dr.InvalidQueryError, match="draws"):
            dr.default_history().panel(years=[1959], states=["CUB", "KOR"], draws=0)


class TestOrder:
    def test_never_before_the_act_it_follows(self) -> None:
        """Two acts with overlapping spans are drawn in their fold order."""
        items = [
            dr.RelationsEstablished(between=("CUB", "KOR"), on="1949"),
            dr.RelationsSevered(between=("CUB", "KOR"), on="1949/1950", by="CUB"),
        ]
        for seed in range(50):
            est, sev = drawn_items(items, random.Random(seed))  # noqa: S311 - a statistic
            assert isinstance(est, dr.Event)
            assert isinstance(sev, dr.Event)
            assert est.on.earliest == est.on.latest
            assert sev.on.earliest >= est.on.earliest
