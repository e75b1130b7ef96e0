from __future__ import annotations

import itertools

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import diplorel as dr
from strategies import event_lists, query_days

SEVERED = dr.Diplomatic.SEVERED
EST = dr.Diplomatic.ESTABLISHED


def founding_example() -> dr.History:
    """DESIGN.md section 8, as a history."""
    return dr.History(
        [
            dr.RelationsEstablished(between=("CUB", "KOR"), on="1949"),
            dr.RelationsSevered(between=("CUB", "KOR"), on="1959/1960", by="CUB", consular=True),
            dr.RelationsEstablished(
                between=("CUB", "PRK"), on="1960-08-29", place="Havana", tz="America/Havana"
            ),
            dr.MissionOpened(
                between=("CUB", "KOR"),
                sender="KOR",
                on="2005",
                kind=dr.MissionKind.TRADE_OFFICE,
                place="Havana",
            ),
            dr.CreditLineOpened(
                id="kor-cub",
                lender="KOR",
                borrower="CUB",
                on="2006-01-01",
                limit=dr.Money("70000000", "USD"),
            ),
            dr.DiplomaticNote(
                id="kor-1",
                sender="KOR",
                recipient="CUB",
                on="2024-02-14",
                place="New York",
                tz="America/New_York",
                proposes=dr.Proposal.ESTABLISH_RELATIONS,
            ),
            dr.DiplomaticNote(
                id="cub-1",
                sender="CUB",
                recipient="KOR",
                on="2024-02-14",
                place="New York",
                tz="America/New_York",
                replies_to="kor-1",
                accepts=True,
            ),
            dr.MissionOpened(between=("CUB", "KOR"), sender="KOR", on="2025-01-17", place="Havana"),
        ]
    )


@pytest.fixture(scope="module")
def h() -> dr.History:
    """The founding example."""
    return founding_example()


class TestFoundingExample:
    """The expected answers of DESIGN.md section 8."""

    def test_1980(self, h: dr.History) -> None:
        """1980-06-01: severed, certainly, and no consular relations."""
        s = h.status("CUB", "KOR", on="1980-06-01")
        assert (s.diplomatic, s.certain, s.alternatives) == (SEVERED, True, ())
        assert s.consular is not dr.Consular.ESTABLISHED
        assert s.since == dr.parse_edtf("1959/1960")

    def test_1959_uncertain(self, h: dr.History) -> None:
        """1959-06-01: uncertain, established or severed."""
        s = h.status("CUB", "KOR", on="1959-06-01")
        assert s.certain is False
        assert s.diplomatic is EST
        assert [alt.diplomatic for alt in s.alternatives] == [SEVERED]

    def test_2010_economic_ties(self, h: dr.History) -> None:
        """2010-06-01: severed, but a trade office and a credit line."""
        s = h.status("CUB", "KOR", on="2010-06-01")
        assert (s.diplomatic, s.certain) == (SEVERED, True)
        assert s.economic_ties is True
        assert [m.kind for m in s.trade_offices["KOR"]] == [dr.MissionKind.TRADE_OFFICE]
        assert [line.id for line in s.credit_lines] == ["kor-cub"]

    def test_2024_02_14(self, h: dr.History) -> None:
        """2024-02-14: established with consular relations at ambassador level, by notes."""
        s = h.status("KOR", "CUB", on="2024-02-14")
        assert (s.diplomatic, s.consular, s.certain) == (EST, dr.Consular.ESTABLISHED, True)
        assert s.agreed == {"CUB": dr.Level.AMBASSADOR, "KOR": dr.Level.AMBASSADOR}
        assert s.representation["KOR"].cow == 0  # agreed, but nobody at post yet
        assert s.since == dr.parse_edtf("2024-02-14")
        assert s.explain().steps[-1].event.instrument == "kor-1+cub-1"

    def test_noon_in_seoul(self, h: dr.History) -> None:
        """2024-02-14T12:00+09:00: still the 13th in New York, so not yet established."""
        assert h.status("CUB", "KOR", on="2024-02-14T12:00+09:00").diplomatic is SEVERED
        late = pendulum.datetime(2024, 2, 15, 12, tz="Asia/Seoul")
        assert h.status("CUB", "KOR", on=late).diplomatic is EST

    def test_2024_06_no_embassy(self, h: dr.History) -> None:
        """2024-06-01: established with no embassy yet; 2025-02-01 with one."""
        s = h.status("CUB", "KOR", on="2024-06-01")
        assert s.diplomatic is EST
        assert all(not m.kind.is_diplomatic for ms in s.missions.values() for m in ms)
        later = h.status("CUB", "KOR", on="2025-02-01")
        assert dr.MissionKind.EMBASSY in [m.kind for m in later.missions["KOR"]]

    @pytest.mark.parametrize("on", ["1960-08-29", "1975-01-01", "2010-06-01", "2024-02-14"])
    def test_cuba_dprk_throughout(self, h: dr.History, on: str) -> None:
        """Cuba-DPRK stays established throughout, whatever happens with the ROK."""
        s = h.status("Cuba", "North Korea", on=on)
        assert (s.diplomatic, s.certain) == (EST, True)

    def test_no_anomalies(self, h: dr.History) -> None:
        """The two Koreas are not exclusive: nothing is flagged."""
        assert h.anomalies == ()

    def test_names_work(self, h: dr.History) -> None:
        """Names and aliases work where codes do."""
        a = h.status("Republic of Cuba", "ROK", on="1980-06-01")
        assert a.dyad == ("CUB", "KOR")
        assert a.state == h.status("CUB", "KOR", on="1980-06-01").state

    def test_before_anything(self, h: dr.History) -> None:
        """Before its first act the history has no record of the dyad: never a certain none."""
        s = h.status("CUB", "KOR", on="1948-12-31")
        assert (s.diplomatic, s.consular) == (dr.Diplomatic.NO_RECORD, dr.Consular.NO_RECORD)
        assert h.record("CUB", "KOR", on="1948-12-31") is dr.Record.NO_RECORD
        assert h.record("CUB", "KOR", on="1960-01-01") is dr.Record.RECORDED

    def test_not_existing(self, h: dr.History) -> None:
        """Before either state existed, the answer says so."""
        s = h.status("CUB", "KOR", on="1800-01-01")
        assert s.diplomatic is dr.Diplomatic.NOT_EXISTING
        assert "did not exist yet" in str(s)

    def test_covered_is_certain_none(self) -> None:
        """Where the history declares coverage, no act means a certain none."""
        cover = dr.Coverage(state="CUB", partner="KOR", since="1948-10")
        h = dr.History(
            [dr.RelationsEstablished(between=("CUB", "KOR"), on="1949")], coverage=[cover]
        )
        assert h.status("CUB", "KOR", on="1948-12-01").diplomatic is dr.Diplomatic.NONE
        assert h.status("CUB", "KOR", on="1948-09-01").diplomatic is dr.Diplomatic.NO_RECORD

    def test_coverage_per_direction(self) -> None:
        """A source of one side's missions covers that direction of presence only."""
        us_posts = dr.Coverage(
            state="USA", sender="USA", dimensions=(dr.Dimension.PRESENCE,), since="1778"
        )
        h = dr.History([], coverage=[us_posts])
        presence = dr.Dimension.PRESENCE
        assert h.record("USA", "FRA", on="1900-01-01", dimension=presence, sender="USA") is (
            dr.Record.COVERED
        )
        assert h.record("USA", "FRA", on="1900-01-01", dimension=presence, sender="FRA") is (
            dr.Record.NO_RECORD
        )
        assert h.record("USA", "FRA", on="1900-01-01", dimension=presence) is dr.Record.NO_RECORD
        assert h.status("USA", "FRA", on="1900-01-01").diplomatic is dr.Diplomatic.NO_RECORD

    def test_imprecise_coverage_bounds(self) -> None:
        """A coverage bound known only to a span vouches only where it is certain."""
        h = dr.History([], coverage=[dr.Coverage(state="FRA", partner="ITA", since="1950/1955")])
        assert h.status("FRA", "ITA", on="1950-01-01").diplomatic is dr.Diplomatic.NO_RECORD
        assert h.status("FRA", "ITA", on="1956-01-01").diplomatic is dr.Diplomatic.NONE

    def test_presence_and_relations_known_apart(self) -> None:
        """Who is there and whether relations stand are known apart.

        An observation of presence says nothing of relations, nor coverage of relations of
        who is at post.
        """
        seen = dr.PresenceObserved(
            between=("USA", "FRA"), sender="USA", rank=dr.Rank.AMBASSADOR, on="1950-06-01"
        )
        s = dr.History([seen]).status("USA", "FRA", on="1951-01-01")
        assert s.diplomatic is dr.Diplomatic.NO_RECORD
        assert s.exchange is True
        relations_only = dr.Coverage(
            state="USA", partner="ITA", dimensions=(dr.Dimension.RELATIONS,), since="1950"
        )
        h = dr.History([], coverage=[relations_only])
        s = h.status("USA", "ITA", on="1955-01-01")
        assert (s.diplomatic, s.representation, s.exchange) == (dr.Diplomatic.NONE, {}, None)
        for engine in ("python", "numpy"):
            (row,) = h.panel(years=[1955], states=["USA", "ITA"], engine=engine).rows()
            assert (row["diplomatic"], row["level_a"], row["economic_ties"]) == ("none", None, None)

    def test_bulk_answers_say_no_record(self) -> None:
        """Bulk answers give the same unknowns as status, on both engines."""
        h = dr.default_history()
        args = (["USA", "FRA", "CUB"], ["SSD", "DEU", "KOR"], ["2005-01-01"] * 3)
        for engine in ("python", "numpy"):
            bulk = h.bulk_status(*args, engine=engine)
            assert bulk.diplomatic == ["not_existing", "no_record", "severed"]
            assert bulk.level_a[:2] == [None, None]
            assert [
                h.status(a, b, on=d).diplomatic.value for a, b, d in zip(*args, strict=True)
            ] == (bulk.diplomatic)

    def test_coverage_checked(self) -> None:
        """A direction belongs to presence, and to one of the two states."""
        with pytest.raises(dr.InvalidEventError, match="presence only"):
            dr.Coverage(state="USA", sender="USA")
        with pytest.raises(dr.InvalidEventError, match="neither"):
            dr.Coverage(
                state="USA", partner="FRA", sender="GBR", dimensions=(dr.Dimension.PRESENCE,)
            )
        with pytest.raises(dr.InvalidTypeError, match=r"Coverage\.dimensions"):
            dr.Coverage(state="USA", dimensions=("presence",))  # type: ignore[arg-type]


class TestExplain:
    """Explanations name the events, rules and citations."""

    def test_rules_and_citations(self, h: dr.History) -> None:
        """Each step shows the rules that acted, with citations."""
        text = str(h.status("CUB", "KOR", on="2024-03-01").explain())
        assert text.startswith("CUB-KOR on 2024-03-01: diplomatic relations established")
        for words in ("mutual_consent [VCDR art. 2]", "consent_implies_consular [VCCR art. 2(2)]"):
            assert words in text
        assert "unilateral_break" in text
        # The break named consular relations: the rule that ends them speaks, not the one
        # that keeps them.
        assert "named_consular_break [customary international law (codified in VCCR" in text
        assert "break_keeps_consular" not in text
        assert "by instrument kor-1+cub-1" in text

    def test_treaties_cited_only_in_force(self, h: dr.History) -> None:
        """Before the VCDR entered into force (1964-04-24) the rule is customary law."""
        text = str(h.status("CUB", "KOR", on="2024-03-01").explain())
        assert (
            "mutual_consent [customary international law (codified in VCDR art. 2, in force "
            "1964-04-24)]" in text
        )
        assert "mutual_consent [VCDR art. 2]" in text

    def test_steps(self, h: dr.History) -> None:
        """The steps are the events that had happened, in order."""
        e = h.status("CUB", "KOR", on="1980-06-01").explain()
        assert [type(s.event).__name__ for s in e.steps] == [
            "RelationsEstablished",
            "RelationsSevered",
        ]
        assert e.certain is True
        assert e.steps[0].applied[0].rule == "no_acts_after_end"

    def test_uncertain(self, h: dr.History) -> None:
        """An uncertain explanation says so and lists the alternative."""
        e = h.status("CUB", "KOR", on="1959-06-01").explain()
        assert e.certain is False
        assert any("severed" in alt for alt in e.alternatives)
        text = str(e)
        assert "UNCERTAIN" in text
        assert "[may not have happened yet]" in text

    def test_empty(self) -> None:
        """With no events the explanation says so."""
        text = str(dr.History().status("CUB", "KOR", on="2000-01-01").explain())
        assert "no act between these states" in text

    def test_status_str(self, h: dr.History) -> None:
        """str(status) lists every dimension."""
        text = str(h.status("CUB", "KOR", on="2010-06-01"))
        assert "diplomatic relations  severed since 1959/1960" in text
        assert "trade office" in text
        assert "economic ties" in text


class TestTimeline:
    """The periods of a dyad's history."""

    def test_periods(self, h: dr.History) -> None:
        """One period per event, each ending where the next begins."""
        periods = h.timeline("CUB", "KOR")
        assert [p.state.diplomatic for p in periods] == [EST, SEVERED, SEVERED, EST, EST]
        assert [str(p.start) for p in periods] == [
            "1949", "1959/1960", "2005", "2024-02-14", "2025-01-17",
        ]  # fmt: skip
        assert all(a.end == b.start for a, b in itertools.pairwise(periods))
        assert periods[-1].end is None
        assert "1949 .. 1959/1960" in str(periods[0])

    def test_empty(self) -> None:
        """A dyad without events has no periods."""
        assert dr.History().timeline("CUB", "KOR") == ()


class TestAdd:
    """add() returns a new history equal to one built from scratch."""

    def test_add_keeps_original(self, h: dr.History) -> None:
        """The original history is not changed."""
        more = h.add(dr.RelationsSevered(between=("CUB", "PRK"), on="2030-01-01", by="CUB"))
        assert len(more) == len(h) + 1
        assert h.status("CUB", "PRK", on="2031-01-01").diplomatic is EST
        assert more.status("CUB", "PRK", on="2031-01-01").diplomatic is SEVERED

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(event_lists(max_size=8), st.integers(0, 8), st.lists(query_days, min_size=1, max_size=4))
    def test_add_equals_rebuild(self, events: list[dr.Event], cut: int, days: list) -> None:
        """History(a).add(*b) derives exactly what History(a + b) does (lenient mode)."""
        first, rest = events[:cut], events[cut:]
        added = dr.History(first, strict=False).add(*rest)
        fresh = dr.History(events, strict=False)
        assert added.dyads == fresh.dyads
        assert sorted(map(str, added.anomalies)) == sorted(map(str, fresh.anomalies))
        for a, b in fresh.dyads:
            assert added.timeline(a, b) == fresh.timeline(a, b)
            for day in days:
                x, y = added.status(a, b, on=day), fresh.status(a, b, on=day)
                assert (x.state, x.certain, x.alternatives) == (y.state, y.certain, y.alternatives)


class TestExistence:
    """Acts outside a party's existence are refused."""

    def test_strict(self) -> None:
        """Before KOR existed: StateNotInExistenceError naming state, date and span."""
        with pytest.raises(dr.StateNotInExistenceError) as info:
            dr.History([dr.RelationsEstablished(between=("CUB", "KOR"), on="1930")])
        e = info.value
        assert (e.state, e.on) == ("KOR", "1930")
        assert "1948-08-15" in e.existence
        assert isinstance(e, ValueError)

    def test_after_extinction(self) -> None:
        """DDR after 1990-10-03 did not exist."""
        with pytest.raises(dr.StateNotInExistenceError, match="DDR"):
            dr.History([dr.RelationsEstablished(between=("DDR", "CUB"), on="1995-01-01")])

    def test_lenient(self) -> None:
        """Lenient mode records an outside_existence anomaly and does not apply the event."""
        h = dr.History([dr.RelationsEstablished(between=("CUB", "KOR"), on="1930")], strict=False)
        (a,) = h.anomalies
        assert (a.kind, a.dyad) == ("outside_existence", ("CUB", "KOR"))
        assert h.status("CUB", "KOR", on="1960-01-01").diplomatic is dr.Diplomatic.NO_RECORD

    def test_span_overlapping_start(self) -> None:
        """An act dated to a span that reaches into a party's existence is accepted."""
        h = dr.History([dr.RelationsEstablished(between=("CUB", "KOR"), on="1948")])
        assert h.status("CUB", "KOR", on="1949-01-01").diplomatic is EST


class TestQueries:
    """Bad queries raise the documented errors."""

    def test_unknown_state(self, h: dr.History) -> None:
        """An unknown state is an UnknownStateError with suggestions, also a LookupError."""
        with pytest.raises(dr.UnknownStateError) as info:
            h.status("Koreaa", "CUB", on="2000-01-01")
        assert info.value.suggestions[:2] == ("KOR", "PRK")
        assert isinstance(info.value, LookupError)
        assert "did you mean KOR" in str(info.value)

    def test_same_state(self, h: dr.History) -> None:
        """A dyad needs two different states."""
        with pytest.raises(ValueError, match="two different states"):
            h.status("KOR", "South Korea", on="2000-01-01")

    def test_bad_date(self, h: dr.History) -> None:
        """A bad query date is an InvalidDateError."""
        with pytest.raises(dr.InvalidDateError):
            h.status("CUB", "KOR", on="2000-13-01")

    @pytest.mark.parametrize("strict", [True, False])
    def test_continuation_never_makes_a_self_dyad(self, strict: bool) -> None:
        """When one party continues the other, no dyad pairs a state with itself."""
        events = [
            dr.RelationsEstablished(between=("CUB", "MEX"), on="1960"),
            dr.StateContinued(old="CUB", new="MEX", on="1970"),
        ]
        try:
            h = dr.History(events, strict=strict)
        except dr.InvalidEventError:
            return
        assert all(a != b for a, b in h.dyads)

    def test_not_an_item(self) -> None:
        """A history holds events and instruments only."""
        with pytest.raises(TypeError, match="str"):
            dr.History(["RelationsEstablished"])  # type: ignore[list-item]

    def test_accessors(self, h: dr.History) -> None:
        """items, dyads, strict, rules, registry, events, repr."""
        assert len(h.items) == len(h) == len(list(h))
        assert ("CUB", "KOR") in h.dyads
        assert ("CUB", "PRK") in h.dyads
        assert h.strict is True
        assert "mutual_consent" in h.rules.names
        assert "CUB" in h.registry
        assert len(h.events("CUB", "PRK")) == 1
        assert repr(h).startswith(f"History({len(h)} items")


class TestEquality:
    def test_equal_items_equal_histories(self) -> None:
        """Histories built from equal items, mode and rules are equal; a load round trip too."""
        items = [dr.RelationsEstablished(between=("CUB", "KOR"), on="1949")]
        assert dr.History(items) == dr.History(list(items))
        assert dr.loads(dr.dumps(dr.History(items))) == dr.History(items)
        assert dr.History(items) != dr.History(items, strict=False)
        assert dr.History(items) != dr.History([])


class TestGarbageCollector:
    def test_setting_restored(self) -> None:
        """A large build pauses the cyclic collector and always restores it, even on error."""
        import gc  # noqa: PLC0415

        items = [
            dr.RelationsEstablished(between=("CUB", "KOR"), on="1949"),
            *[dr.Recognized(by="CUB", of="KOR", on="1950")] * 10_000,
            dr.RelationsEstablished(between=("CUB", "KOR"), on="1951"),  # refused: strict
        ]
        assert gc.isenabled()
        with pytest.raises(dr.InvalidTransitionError):
            dr.History(items)
        assert gc.isenabled()
        gc.disable()
        try:
            dr.History(items[:-1])
            assert not gc.isenabled()
        finally:
            gc.enable()


class TestEqualityAndRegistry:
    def test_a_different_registry_makes_a_different_history(self) -> None:
        """Histories of the same items under different registries are not equal."""
        import attrs  # noqa: PLC0415

        from diplorel._states import StateRegistry, default_registry  # noqa: PLC0415

        reg = default_registry()
        cuba = reg.get("CUB")
        renamed = [attrs.evolve(x, aliases=(*x.aliases, "Isla")) if x is cuba else x for x in reg]
        other = StateRegistry(tuple(renamed), reg.cow_periods)
        item = dr.RelationsEstablished(between=("CUB", "KOR"), on="1949")
        assert dr.History([item]) == dr.History([item], registry=reg)
        assert dr.History([item]) != dr.History([item], registry=other)


def korea_registry() -> dr.StateRegistry:
    """A registry of its own whose ``ROK`` the default registry reads as ``KOR``."""
    return dr.StateRegistry(
        [
            dr.State("CUB", "user-assigned", "Cuba", "Republic of Cuba"),
            dr.State("KOR", "user-assigned", "Korea", "Korean Empire"),
            dr.State("ROK", "user-assigned", "South Korea", "Republic of Korea"),
            dr.State("USA", "user-assigned", "United States", "United States of America"),
        ]
    )


class TestOwnRegistryResolvesWhatWasWritten:
    """A history with its own registry resolves the references as written.

    Not as the default registry read them when the item was made (docs/states.md, "Your own
    registry").
    """

    def test_an_item_holds_default_codes_and_keeps_the_text(self) -> None:
        """Outside a history the fields read as the default's codes; equality ignores the text."""
        written = dr.RelationsEstablished(between=("ROK", "Cuba"), on="1949")
        coded = dr.RelationsEstablished(between=("CUB", "KOR"), on="1949")
        assert written.between == ("CUB", "KOR")
        assert written == coded
        assert hash(written) == hash(coded)
        assert "ROK" not in repr(written)

    def test_a_default_alias_that_is_my_code_is_my_state(self) -> None:
        """ROK-CUB is filed under my ROK, not under my KOR (the default's reading of ROK)."""
        h = dr.History(
            [dr.RelationsEstablished(between=("ROK", "CUB"), on="1949-01-01")],
            registry=korea_registry(),
        )
        assert [e.between for e in h.events("ROK", "CUB")] == [("CUB", "ROK")]
        assert h.status("ROK", "CUB", on="1950-06-01").diplomatic is dr.Diplomatic.ESTABLISHED
        assert h.status("KOR", "CUB", on="1950-06-01").diplomatic is dr.Diplomatic.NO_RECORD

    def test_every_field_naming_a_state(self) -> None:
        """A party field (``by``) and a third state (``power``) are resolved as written too."""
        h = dr.History(
            [
                dr.RelationsEstablished(between=("ROK", "CUB"), on="1949-01-01"),
                dr.RelationsSevered(between=("ROK", "CUB"), by="CUB", on="1959-06-01"),
                dr.ProtectingPowerAppointed(
                    between=("CUB", "ROK"), protected="ROK", power="USA", on="1960-01-01"
                ),
            ],
            registry=korea_registry(),
        )
        severed, appointed = h.events("CUB", "ROK")[1:]
        assert severed.between == ("CUB", "ROK")
        assert appointed.protected == "ROK"  # type: ignore[attr-defined]

    def test_fields_are_checked_again_with_my_codes(self) -> None:
        """``by`` is a party under the default's reading (KOR), not under mine: refused."""
        event = dr.RelationsSevered(between=("ROK", "CUB"), by="KOR", on="1959-06-01")
        with pytest.raises(dr.InvalidEventError, match="not a party"):
            dr.History([event], registry=korea_registry())

    def test_a_file_loaded_with_my_registry(self) -> None:
        """The loader resolves a file's references with the registry it is given."""
        text = (
            '{"format": "diplorel-history", "version": 2, "items": ['
            '{"type": "relations_established", "on": "1949", "between": ["ROK", "CUB"]}]}'
        )
        h = dr.loads(text, registry=korea_registry())
        assert [e.between for e in h.events("CUB", "ROK")] == [("CUB", "ROK")]

    def test_the_text_survives_pickling(self) -> None:
        """A pickled item, in a worker process, still resolves as written."""
        import pickle  # noqa: PLC0415

        made = dr.RelationsEstablished(between=("ROK", "CUB"), on="1949")
        event = pickle.loads(pickle.dumps(made))  # noqa: S301 - our own bytes
        h = dr.History([event], registry=korea_registry())
        assert [e.between for e in h.events("CUB", "ROK")] == [("CUB", "ROK")]

    def test_coverage_and_notes(self) -> None:
        """Coverage declarations and diplomatic notes keep their texts as written too."""
        note = dr.DiplomaticNote(
            id="n1",
            sender="ROK",
            recipient="CUB",
            on="2024-02-14",
            proposes=dr.Proposal.ESTABLISH_RELATIONS,
        )
        reply = dr.DiplomaticNote(
            id="n2", sender="CUB", recipient="ROK", on="2024-02-14", replies_to="n1", accepts=True
        )
        coverage = dr.Coverage(state="ROK", partner="USA")
        h = dr.History([note, reply], registry=korea_registry(), coverage=[coverage])
        assert h.status("CUB", "ROK", on="2024-03-01").diplomatic is dr.Diplomatic.ESTABLISHED
        assert h.status("CUB", "KOR", on="2024-03-01").diplomatic is dr.Diplomatic.NO_RECORD
        assert h.status("USA", "ROK", on="2024-03-01").diplomatic is dr.Diplomatic.NONE
        assert h.status("USA", "KOR", on="2024-03-01").diplomatic is dr.Diplomatic.NO_RECORD

    def test_the_limit_two_texts_the_default_reads_as_one_state(self) -> None:
        """An item naming KOR and ROK is refused when made (loudly, never misfiled)."""
        with pytest.raises(dr.InvalidEventError, match="cannot relate to itself"):
            dr.RelationsEstablished(between=("KOR", "ROK"), on="1949")
