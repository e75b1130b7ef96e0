from __future__ import annotations

import attrs
import pytest

import diplorel as dr
from diplorel._events import EVENT_TYPES
from diplorel.rules import (
    CHINA_EXCLUSIVITY,
    Exclusivity,
    Rejected,
    Rule,
    RuleSet,
    default_rules,
    rule,
)

CK = ("CUB", "KOR")
EST = dr.Diplomatic.ESTABLISHED


def est(on: str = "1950-01-01") -> dr.Event:
    """CUB and KOR establish relations."""
    return dr.RelationsEstablished(between=CK, on=on)


def sever(on: str = "1960-01-01") -> dr.Event:
    """CUB severs relations with KOR."""
    return dr.RelationsSevered(between=CK, on=on, by="CUB")


def _noop(state: dr.DyadState, _event: dr.Event) -> dr.DyadState:
    return state


class TestRuleSet:
    """The rule set is data: inspect, add, replace, remove."""

    def test_default_names(self) -> None:
        """The default rules, in order, all cited."""
        rules = default_rules()
        assert rules.names[:2] == ("no_acts_after_end", "mutual_consent")
        assert len(rules) == len(set(rules.names))
        core = {"unilateral_break", "break_keeps_consular", "extinction_ends", "continuity"}
        assert core <= set(rules.names)
        assert all(r.citation for r in rules)
        assert rules["break_keeps_consular"].citation == "VCCR art. 2(3)"
        assert rules.exclusive == (CHINA_EXCLUSIVITY,)

    def test_unknown_name(self) -> None:
        """Looking up an unknown rule is a KeyError listing the known ones."""
        with pytest.raises(KeyError, match="mutual_consent"):
            default_rules()["nope"]
        with pytest.raises(KeyError):
            default_rules().without("nope")

    def test_with_rule_positions(self) -> None:
        """with_rule adds at the end, or before/after a named rule, and returns a copy."""
        new = Rule("mine", (dr.RelationsSevered,), _noop, "ours")
        base = default_rules()
        assert base.with_rule(new).names[-1] == "mine"
        before = base.with_rule(new, before="mutual_consent").names
        assert before.index("mine") == before.index("mutual_consent") - 1
        after = base.with_rule(new, after="mutual_consent").names
        assert after.index("mine") == after.index("mutual_consent") + 1
        assert "mine" not in base.names

    def test_replace_and_without(self) -> None:
        """Replace keeps the place; without drops the rule."""
        new = Rule("lax_break", (dr.RelationsSevered, dr.RelationsSuspended), _noop, "ours")
        replaced = default_rules().replace("unilateral_break", new)
        i = default_rules().names.index("unilateral_break")
        assert replaced.names[i] == "lax_break"
        assert "break_keeps_consular" not in default_rules().without("break_keeps_consular").names

    def test_for_event_includes_base_classes(self) -> None:
        """Rules for Event and ConsentEvent apply to RelationsEstablished."""
        names = [r.name for r in default_rules().for_event(dr.RelationsEstablished)]
        assert names[:3] == ["no_acts_after_end", "mutual_consent", "consent_implies_consular"]

    def test_table(self) -> None:
        """The table lists every rule with its event types and citation."""
        table = default_rules().table()
        assert table.splitlines()[0].split()[:2] == ["rule", "applies"]
        for r in default_rules():
            assert r.name in table
            assert r.citation in table
        assert "one_china" in table

    def test_every_problem_reported(self) -> None:
        """Duplicate names, no event type and no citation are all listed at once."""
        a = Rule("dup", (dr.RelationsSevered,), _noop, "x")
        b = Rule("dup", (), _noop, "")
        c = Rule("odd", (int,), _noop, "x")  # type: ignore[arg-type]
        with pytest.raises(dr.RuleError) as info:
            RuleSet([a, b, c, "nope"])  # type: ignore[list-item]
        problems = info.value.problems
        uncovered = [p for p in problems if p.startswith("no rule applies to ")]
        assert len(problems) - len(uncovered) == 5  # the five definition errors
        assert len(uncovered) == len(EVENT_TYPES) - 1  # all but RelationsSevered
        text = str(info.value)
        for words in ("appears twice", "applies to no event type", "no citation", "not an Event"):
            assert words in text
        assert "is not a Rule" in text
        assert isinstance(info.value, ValueError)

    def test_an_event_type_without_a_rule_is_refused(self) -> None:
        """Removing the only rule of an event type is an error naming it, not a silent no-op."""
        with pytest.raises(dr.RuleError, match="no rule applies to HeadOfMissionAccredited"):
            default_rules().without("credentials_take_up_post")

    def test_a_consequence_is_not_the_rule_of_its_type(self) -> None:
        """Without mutual_consent, only consequences of consent are left: refused, not silent."""
        with pytest.raises(dr.RuleError) as info:
            default_rules().without("mutual_consent")
        assert [p.split(" (")[0] for p in info.value.problems] == [
            "no rule applies to RelationsEstablished",
            "no rule applies to RelationsResumed",
        ]
        consequences = {r.name for r in default_rules() if r.consequence}
        assert {"consent_implies_consular", "break_closes_missions"} <= consequences

    def test_ignoring_is_explicit_and_surfaces_as_notices(self) -> None:
        """An ignored type changes nothing and each of its events is a notice; strict accepts."""
        rules = default_rules().ignoring(dr.HeadOfMissionAccredited)
        h = dr.History(
            [
                dr.RelationsEstablished(between=("CUB", "KOR"), on="1949"),
                dr.HeadOfMissionAccredited(between=("CUB", "KOR"), on="1950", sender="KOR"),
            ],
            rules=rules,
        )
        assert [a.kind for a in h.anomalies] == ["ignored"]
        assert "KOR" not in h.status("CUB", "KOR", on="1951-01-01").heads

    def test_exclusivity_name_clash(self) -> None:
        """An exclusivity check cannot share a rule's name."""
        clash = Exclusivity(name="mutual_consent", states=("CHN", "TWN"))
        with pytest.raises(dr.RuleError, match="appears twice"):
            default_rules().with_exclusivity(clash)

    def test_user_rule_changes_derivation(self) -> None:
        """A user rule that refuses breaks without sources changes what the engine derives."""

        @rule(dr.RelationsSevered, citation="Project coding rule 4")
        def breaks_need_a_source(state: dr.DyadState, event: dr.RelationsSevered) -> dr.DyadState:
            """A break must cite a source."""
            if not event.sources:
                raise Rejected("a break without a source")
            return state

        assert breaks_need_a_source.description == "A break must cite a source."
        rules = default_rules().with_rule(breaks_need_a_source, before="unilateral_break")
        events = [est(), sever()]
        assert dr.History(events).status("CUB", "KOR", on="1970-01-01").diplomatic is (
            dr.Diplomatic.SEVERED
        )
        with pytest.raises(dr.InvalidTransitionError, match="breaks_need_a_source"):
            dr.History(events, rules=rules)
        h = dr.History(events, rules=rules, strict=False)
        assert h.status("CUB", "KOR", on="1970-01-01").diplomatic is EST
        sourced = attrs.evolve(sever(), sources=(dr.Source(publisher="AFP", title="t"),))
        ok = dr.History([est(), sourced], rules=rules)
        assert ok.status("CUB", "KOR", on="1970-01-01").diplomatic is dr.Diplomatic.SEVERED
        assert "breaks_need_a_source" in ok.rules.table()

    def test_user_rule_that_changes_state(self) -> None:
        """Replacing a rule replaces what it does: breaks that keep relations at chargé level."""

        @rule(dr.RelationsSevered, dr.RelationsSuspended, citation="A counterfactual")
        def downgrade_only(
            state: dr.DyadState, event: dr.RelationsSevered | dr.RelationsSuspended
        ) -> dr.DyadState:
            """Treat a break as a downgrade."""
            agreed = state.agreed.set(event.by, dr.Level.CHARGE_D_AFFAIRES)
            return attrs.evolve(state, agreed=agreed)

        rules = default_rules().replace("unilateral_break", downgrade_only)
        s = dr.History([est(), sever()], rules=rules).status("CUB", "KOR", on="1970-01-01")
        assert s.diplomatic is EST
        assert s.agreed["CUB"] is dr.Level.CHARGE_D_AFFAIRES
