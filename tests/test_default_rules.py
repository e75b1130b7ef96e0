from __future__ import annotations

import pytest

import diplorel as dr
from diplorel.rules import default_rules

CK = ("CUB", "KOR")
EST = dr.Diplomatic.ESTABLISHED
IS = dr.MissionKind.INTERESTS_SECTION


def est(on: str = "1950-01-01", *, between: tuple[str, str] = CK, **kw: object) -> dr.Event:
    """Relations established between ``between`` on ``on``."""
    return dr.RelationsEstablished(between=between, on=on, **kw)  # type: ignore[arg-type]


def sever(on: str = "1960-01-01", **kw: object) -> dr.Event:
    """CUB severs relations with KOR."""
    return dr.RelationsSevered(between=CK, on=on, by="CUB", **kw)  # type: ignore[arg-type]


def rep(level: dr.Level, on: str = "1955-01-01") -> dr.Event:
    """KOR changes the class of its head of mission in CUB."""
    return dr.RepresentationChanged(between=CK, on=on, sender="KOR", level=level)


def mission(kind: dr.MissionKind = dr.MissionKind.EMBASSY, on: str = "1955-01-01", **kw: object):  # noqa: ANN201
    """KOR opens a mission in CUB."""
    return dr.MissionOpened(between=CK, on=on, sender="KOR", kind=kind, **kw)  # type: ignore[arg-type]


def recall(cls: type[dr.Event] = dr.AmbassadorRecalled, on: str = "1955-01-01") -> dr.Event:
    """KOR recalls (or sends back) its ambassador."""
    return cls(between=CK, on=on, sender="KOR")  # type: ignore[call-arg]


# (rule, events before, the event the rule refuses, expected words of the reason)
REFUSALS = [
    ("no_acts_after_end", [est(), dr.StateExtinguished(state="CUB", on="1970-01-01")],
     sever("1971-01-01"), "ended"),
    ("mutual_consent", [est()], est("1955-01-01"), "already established"),
    ("mutual_consent", [], dr.RelationsResumed(between=CK, on="1955-01-01"), "never established"),
    ("unilateral_break", [], sever(), "no relations to break"),
    ("unilateral_break", [est(), sever()], sever("1961-01-01"), "no relations to break"),
    ("consular_consent", [], dr.ConsularRelationsSevered(between=CK, on="1960-01-01", by="CUB"),
     "no consular relations"),
    ("consular_consent", [est()], dr.ConsularRelationsEstablished(between=CK, on="1955-01-01"),
     "already established"),
    ("agreed_class", [], rep(dr.Level.MINISTER), "needs relations"),
    ("agreed_class", [est()], rep(dr.Level.AMBASSADOR), "already agreed ambassador"),
    ("recall_is_not_a_break", [], recall(), "no head of mission"),
    ("recall_is_not_a_break", [est(), recall()], recall(on="1956-01-01"), "already recalled"),
    ("recall_is_not_a_break", [est()], recall(dr.AmbassadorReturned), "had not been recalled"),
    ("missions_need_consent", [], mission(), "needs diplomatic relations"),
    ("missions_need_consent",
     [dr.ProtectingPowerAppointed(between=CK, on="1954-01-01", protected="KOR", power="CHE")],
     mission(IS, protecting_power="ITA"), "the power protecting KOR is CHE, not ITA"),
    ("missions_need_consent", [est(), mission()], mission(on="1956-01-01"), "already had"),
    ("missions_are_separate", [], dr.MissionClosed(between=CK, on="1955-01-01", sender="KOR"),
     "no open embassy"),
    ("missions_are_separate", [est(consular=False)],
     dr.MissionClosed(between=CK, on="1955-01-01", sender="KOR", kind=dr.MissionKind.CONSULATE),
     "no open consulate"),
    ("protecting_power", [],
     dr.ProtectingPowerEnded(between=CK, on="1956-01-01", protected="KOR"),
     "no power protected"),
    ("protecting_power", [], dr.ProtectingPowerEnded(between=CK, on="1955-01-01", protected="KOR"),
     "no power protected"),
    ("recognition_is_separate", [], dr.RecognitionWithdrawn(by="CUB", of="KOR", on="1955-01-01"),
     "did not recognise"),
    ("recognition_is_separate", [est()],
     dr.RecognitionWithdrawn(by="CUB", of="KOR", on="1955-01-01"), "relations imply recognition"),
    ("credentials_take_up_post", [],
     dr.HeadOfMissionAccredited(between=CK, on="1955-01-01", sender="KOR"), "needs relations"),
    ("charge_recalled", [est()], dr.ChargeRecalled(between=CK, on="1955-01-01", sender="KOR"),
     "nobody at post"),
    ("persona_non_grata", [], dr.PersonaNonGrataDeclared(between=CK, on="1955-01-01", by="CUB"),
     "no head of mission"),
]  # fmt: skip


class TestRefusals:
    """Each refusing rule: strict raises a specific error, lenient records an anomaly."""

    @pytest.mark.parametrize(("name", "before", "event", "reason"), REFUSALS)
    def test_strict(self, name: str, before: list[dr.Event], event: dr.Event, reason: str) -> None:
        """InvalidTransitionError names the dyad, date, event, status met and rule."""
        dr.History(before)  # the lead-up itself is valid
        with pytest.raises(dr.InvalidTransitionError) as info:
            dr.History([*before, event])
        e = info.value
        assert isinstance(e, ValueError)
        assert e.dyad == CK
        assert e.on == str(event.on)
        assert e.event == event.describe()
        assert e.rule == name
        assert reason in e.reason
        assert e.met.startswith("diplomatic relations")
        for part in ("CUB-KOR", str(event.on), event.describe(), name, e.met):
            assert part in str(e)

    @pytest.mark.parametrize(("name", "before", "event", "reason"), REFUSALS)
    def test_lenient(self, name: str, before: list[dr.Event], event: dr.Event, reason: str) -> None:
        """The anomaly is recorded and the status stays as it was."""
        h = dr.History([*before, event], strict=False)
        (anomaly,) = h.anomalies
        assert (anomaly.kind, anomaly.rule, anomaly.dyad) == ("invalid_transition", name, CK)
        assert anomaly.event == event
        assert reason in anomaly.message
        on = event.on.latest.add(days=1).isoformat()
        after = h.status("CUB", "KOR", on=on)
        assert after.state == dr.History(before).status("CUB", "KOR", on=on).state
        assert after.anomalies == (anomaly,)
        assert h.timeline("CUB", "KOR")[-1].anomaly == anomaly
        assert "REFUSED" in str(after.explain())


def state_after(*events: dr.Event, on: str = "2000-01-01") -> dr.Status:
    """The CUB-KOR status on ``on`` after ``events``."""
    return dr.History(events).status("CUB", "KOR", on=on)


class TestPresence:
    """Who is at post: heads, missions, closures, sections, as the rules move them."""

    def test_break_closes_embassies_and_says_so(self) -> None:
        """A break closes the embassies on its date, and the explanation names the rule."""
        s = state_after(est(), mission(), sever(), on="1961-01-01")
        assert s.missions["KOR"] == ()
        assert "break_closes_missions" in str(s.explain())

    def test_section_only_where_an_act_opens_it(self) -> None:
        """A protecting power acting alone is no interests section: nobody at post (COW 0)."""
        pp = dr.ProtectingPowerAppointed(between=CK, on="1961-01-01", protected="KOR", power="CHE")
        s = state_after(est(), sever(), pp)
        assert s.missions["KOR"] == ()
        assert s.representation["KOR"].cow == 0
        section = mission(IS, on="1962-01-01")
        s = state_after(est(), sever(), pp, section)
        assert s.missions["KOR"][0].protecting_power == "CHE"  # the power in force
        assert s.representation["KOR"].cow == 9

    def test_new_power_takes_over_the_section(self) -> None:
        """A new protecting power takes over the interests section it protects."""
        pp = dr.ProtectingPowerAppointed(between=CK, on="1961-01-01", protected="KOR", power="CHE")
        new = dr.ProtectingPowerAppointed(between=CK, on="1970-01-01", protected="KOR", power="SWE")
        s = state_after(est(), sever(), pp, mission(IS, on="1962-01-01"), new)
        assert s.missions["KOR"][0].protecting_power == "SWE"

    def test_resumption_ends_sections_and_same_day_end_is_done(self) -> None:
        """A resumption ends sections and protection; a same-day end of protection is done."""
        pp = dr.ProtectingPowerAppointed(between=CK, on="1961-01-01", protected="KOR", power="CHE")
        back = dr.RelationsResumed(between=CK, on="1980-01-01")
        end = dr.ProtectingPowerEnded(between=CK, on="1980-01-01", protected="KOR")
        s = state_after(est(), sever(), pp, mission(IS, on="1962-01-01"), back, end)
        assert (s.missions["KOR"], s.protecting_powers) == ((), {})

    def test_upgrade_replaces_the_mission(self) -> None:
        """An embassy replaces the sender's legation or liaison office."""
        legation = mission(dr.MissionKind.LEGATION)
        s = state_after(est(), legation, mission(on="1960-01-01"))
        assert [m.kind for m in s.missions["KOR"]] == [dr.MissionKind.EMBASSY]

    def test_departure_leaves_a_vacant_post_of_its_class(self) -> None:
        """A head's departure leaves the post vacant, of the departed head's class."""
        head = dr.HeadOfMissionAccredited(
            between=CK, on="1951-01-01", sender="KOR", rank=dr.Rank.MINISTER, name="X"
        )
        gone = dr.HeadOfMissionDeparted(between=CK, on="1952-01-01", sender="KOR", name="X")
        s = state_after(est(), head, gone)
        assert s.heads["KOR"].rank is dr.Rank.VACANT
        assert dr.represent(s.state, "KOR", year=1930).cow == 2  # a minister's post
        charge = dr.CowConventions(interim="charge")
        assert dr.represent(s.state, "KOR", year=1930, conventions=charge).cow == 1

    def test_expulsion_and_charge_recall(self) -> None:
        """Expelling the head leaves the post vacant; recalling the chargé leaves a lower rank."""
        head = dr.HeadOfMissionAccredited(between=CK, on="1951-01-01", sender="KOR")
        png = dr.PersonaNonGrataDeclared(between=CK, on="1952-01-01", by="CUB")
        s = state_after(est(), mission(), head, png)
        assert s.heads["KOR"].rank is dr.Rank.VACANT
        chg = dr.HeadOfMissionAccredited(
            between=CK, on="1953-01-01", sender="KOR", rank=dr.Rank.CHARGE_AD_INTERIM
        )
        out = dr.ChargeRecalled(between=CK, on="1954-01-01", sender="KOR")
        s = state_after(est(), mission(), head, png, chg, out)
        assert s.heads["KOR"].rank is dr.Rank.LOWER
        assert s.representation["KOR"].cow == 9

    def test_intention_is_pending(self) -> None:
        """An announced intention changes nothing and is pending until relations come."""
        intent = dr.IntentionAnnounced(between=CK, on="1949-06-01", by="KOR")
        s = state_after(intent, est(), on="1949-07-01")
        assert s.diplomatic is dr.Diplomatic.NONE
        assert [p.proposes for p in s.pending] == [dr.Proposal.ESTABLISH_RELATIONS]
        assert state_after(intent, est(), on="1951-01-01").pending == ()

    def test_government_recognition(self) -> None:
        """Recognising a government is its own act; China's must be one the registry knows."""
        chn = ("CHN", "USA")
        gov = dr.GovernmentRecognized(by="USA", of="CHN", on="1913-05-02", government="roc")
        h = dr.History([dr.RelationsEstablished(between=chn, on="1844-06-16"), gov])
        assert h.status("USA", "CHN", on="1920-01-01").governments == {"USA": "roc"}
        bad = dr.GovernmentRecognized(by="USA", of="CHN", on="1913-05-02", government="xyz")
        with pytest.raises(dr.InvalidEventError, match="xyz"):
            dr.History([bad])
        lenient = dr.History([bad], strict=False)
        assert [a.kind for a in lenient.anomalies] == ["unknown_government"]


class TestAcceptedTransitions:
    """The positive case of each rule."""

    def test_mutual_consent(self) -> None:
        """Establishing sets relations, since and the agreed class both ways."""
        s = state_after(est(level=dr.Level.MINISTER))
        assert (s.diplomatic, s.since) == (EST, dr.parse_edtf("1950-01-01"))
        assert s.agreed == {"CUB": dr.Level.MINISTER, "KOR": dr.Level.MINISTER}
        assert s.heads == {}

    def test_consent_implies_consular(self) -> None:
        """VCCR art. 2(2): consular relations come with diplomatic ones unless excluded."""
        assert state_after(est()).consular is dr.Consular.ESTABLISHED
        assert state_after(est(consular=False)).consular is dr.Consular.NONE

    def test_relations_imply_recognition(self) -> None:
        """Establishing relations is mutual recognition."""
        s = state_after(est())
        assert set(s.recognition.values()) == {dr.Recognition.RECOGNIZED}

    def test_protection_ends_with_relations(self) -> None:
        """A protecting power's role ends when relations are resumed."""
        pp = dr.ProtectingPowerAppointed(between=CK, on="1961-01-01", protected="KOR", power="CHE")
        assert state_after(est(), sever(), pp).protecting_powers == {"KOR": "CHE"}
        resumed = dr.RelationsResumed(between=CK, on="1970-01-01")
        assert state_after(est(), sever(), pp, resumed).protecting_powers == {}

    def test_unilateral_break_and_resume(self) -> None:
        """A break by one state severs; resuming re-establishes; suspended can be severed."""
        assert state_after(est(), sever()).diplomatic is dr.Diplomatic.SEVERED
        sus = dr.RelationsSuspended(between=CK, on="1960-01-01", by="KOR")
        assert state_after(est(), sus).diplomatic is dr.Diplomatic.SUSPENDED
        assert state_after(est(), sus, sever("1961-01-01")).diplomatic is dr.Diplomatic.SEVERED
        resumed = dr.RelationsResumed(between=CK, on="1970-01-01")
        assert state_after(est(), sus, resumed).diplomatic is EST

    def test_break_keeps_consular(self) -> None:
        """VCCR art. 2(3): a break ends consular relations only when it names them."""
        assert state_after(est(), sever()).consular is dr.Consular.ESTABLISHED
        assert state_after(est(), sever(consular=True)).consular is dr.Consular.SEVERED

    def test_algeria_morocco(self) -> None:
        """Algeria's 2021 break kept consular relations running."""
        h = dr.History(
            [
                est("1962-07-05", between=("DZA", "MAR")),
                dr.RelationsSevered(between=("DZA", "MAR"), on="2021-08-24", by="DZA"),
            ]
        )
        s = h.status("Algeria", "Morocco", on="2022-01-01")
        assert (s.diplomatic, s.consular) == (dr.Diplomatic.SEVERED, dr.Consular.ESTABLISHED)

    def test_consular_consent(self) -> None:
        """Consular relations alone can be established and severed."""
        c = dr.ConsularRelationsEstablished(between=CK, on="1950-01-01")
        s = state_after(c)
        assert (s.diplomatic, s.consular) == (dr.Diplomatic.NONE, dr.Consular.ESTABLISHED)
        cs = dr.ConsularRelationsSevered(between=CK, on="1960-01-01", by="KOR")
        assert state_after(c, cs).consular is dr.Consular.SEVERED

    def test_agreed_class(self) -> None:
        """Levels are per direction: a downgrade by one side leaves the other's."""
        s = state_after(est(), rep(dr.Level.CHARGE_D_AFFAIRES))
        assert s.agreed == {"CUB": dr.Level.AMBASSADOR, "KOR": dr.Level.CHARGE_D_AFFAIRES}
        assert s.agreed["KOR"].cow == 1
        assert s.diplomatic is EST

    def test_credentials(self) -> None:
        """An accredited head of mission is in post."""
        h = dr.HeadOfMissionAccredited(between=CK, on="1955-01-01", sender="KOR", name="X")
        s = state_after(est(), h)
        assert s.heads == {
            "KOR": dr.HeadOfMission(dr.Rank.AMBASSADOR, name="X", since=dr.parse_edtf("1955-01-01"))
        }
        assert s.missions["KOR"] == ()  # a head needs no recorded mission

    def test_recall_is_not_a_break(self) -> None:
        """Recalling an ambassador leaves a chargé a.i. and relations intact."""
        s = state_after(est(), recall())
        assert s.diplomatic is EST
        assert s.heads["KOR"].rank is dr.Rank.CHARGE_AD_INTERIM
        assert s.heads["KOR"].titular == dr.HeadOfMission(dr.Rank.AMBASSADOR)
        assert s.agreed["KOR"] is dr.Level.AMBASSADOR
        back = state_after(est(), recall(), recall(dr.AmbassadorReturned, on="1956-01-01"))
        assert back.heads["KOR"].rank is dr.Rank.AMBASSADOR

    def test_embassy_needs_relations(self) -> None:
        """An embassy opens under relations; a trade office needs none."""
        assert [m.kind for m in state_after(est(), mission()).missions["KOR"]] == [
            dr.MissionKind.EMBASSY
        ]
        trade = state_after(mission(dr.MissionKind.TRADE_OFFICE))
        assert trade.diplomatic is dr.Diplomatic.NONE
        assert trade.missions["KOR"][0].kind is dr.MissionKind.TRADE_OFFICE

    def test_consulate_gives_consular_relations(self) -> None:
        """Consent to a consulate is consent to consular relations (VCCR art. 4)."""
        assert state_after(mission(dr.MissionKind.CONSULATE)).consular is dr.Consular.ESTABLISHED

    def test_interests_section(self) -> None:
        """An interests section under a protecting power: no relations, a protecting power."""
        s = state_after(est(), sever(), mission(IS, on="1970-01-01", protecting_power="CHE"))
        assert s.diplomatic is dr.Diplomatic.SEVERED
        assert s.missions["KOR"][0].protecting_power == "CHE"
        assert s.protecting_powers == {"KOR": "CHE"}

    def test_embassy_closed_is_not_severed(self) -> None:
        """Closing an embassy changes missions only, and nobody is left at post."""
        closed = dr.MissionClosed(between=CK, on="1957-01-01", sender="KOR")
        head = dr.HeadOfMissionAccredited(between=CK, on="1956-01-01", sender="KOR")
        s = state_after(est(), mission(), head, closed)
        assert (s.diplomatic, s.missions["KOR"], s.heads) == (EST, (), {})

    def test_break_closes_embassies_unless_stated(self) -> None:
        """A break closes embassies and legations, unless a later closure is stated."""
        assert state_after(est(), mission(), sever()).missions["KOR"] == ()
        kept = dr.RelationsSevered(between=CK, on="1960-01-01", by="CUB", missions_stay_open=True)
        assert len(state_after(est(), mission(), kept).missions["KOR"]) == 1

    def test_protecting_power(self) -> None:
        """A protecting power is appointed and its role ended."""
        pp = dr.ProtectingPowerAppointed(between=CK, on="1961-01-01", protected="KOR", power="CHE")
        end = dr.ProtectingPowerEnded(between=CK, on="1965-01-01", protected="KOR")
        assert state_after(est(), sever(), pp, end).protecting_powers == {}

    def test_recognition_survives_a_break(self) -> None:
        """A break never withdraws recognition; a withdrawal does, for one side only."""
        s = state_after(est(), sever())
        assert set(s.recognition.values()) == {dr.Recognition.RECOGNIZED}
        w = dr.RecognitionWithdrawn(by="CUB", of="KOR", on="1961-01-01")
        assert state_after(est(), sever(), w).recognition == {
            "CUB": dr.Recognition.WITHDRAWN,
            "KOR": dr.Recognition.RECOGNIZED,
        }
        r = dr.Recognized(by="KOR", of="CUB", on="1949-01-01")
        assert state_after(r).recognition["KOR"] is dr.Recognition.RECOGNIZED


class TestLifecycle:
    """Extinction ends dyads; continuity carries them over."""

    def test_extinction_from_registry(self) -> None:
        """DDR's dyads end on 1990-10-03 from the registry alone."""
        h = dr.History([est("1960-01-12", between=("DDR", "CUB"))])
        assert h.status("DDR", "CUB", on="1990-10-02").diplomatic is EST
        s = h.status("DDR", "CUB", on="1990-10-03")
        assert (s.diplomatic, s.consular) == (dr.Diplomatic.ENDED, dr.Consular.ENDED)
        assert s.since == dr.parse_edtf("1990-10-03")

    @pytest.mark.parametrize("partner", ["FRA", "USA", "PRK"])
    def test_extinction_without_any_event(self, partner: str) -> None:
        """Even an empty history knows DDR's dyads ended."""
        assert (
            dr.History().status("DDR", partner, on="1995-01-01").diplomatic is dr.Diplomatic.ENDED
        )

    def test_stated_extinction(self) -> None:
        """A stated extinction ends the dyad: ENDED, not SEVERED, and no missions remain."""
        h = dr.History([est(), mission(), dr.StateExtinguished(state="CUB", on="1970-01-01")])
        s = h.status("CUB", "KOR", on="1980-01-01")
        assert s.diplomatic is dr.Diplomatic.ENDED
        assert s.missions == {"CUB": (), "KOR": ()}

    def test_continuity(self) -> None:
        """Relations established with SUN in 1933 are ESTABLISHED for RUS in 2000."""
        h = dr.History([est("1933-11-16", between=("SUN", "USA"))])
        assert h.status("RUS", "USA", on="2000-01-01").diplomatic is EST
        assert h.status("SUN", "USA", on="1980-01-01").diplomatic is EST
        assert h.status("Soviet Union", "USA", on="2000-01-01").since == dr.parse_edtf("1933-11-16")

    def test_continuity_rule_changes_nothing(self) -> None:
        """The continuity rule carries the state over unchanged; only the name changes."""
        h = dr.History([est("1933-11-16", between=("SUN", "USA"))])
        before = h.status("RUS", "USA", on="1991-12-25")
        after = h.status("RUS", "USA", on="1991-12-26")
        assert (before.dyad, after.dyad) == (("SUN", "USA"), ("RUS", "USA"))
        assert after.state == before.state.renamed({"SUN": "RUS"})


class TestExclusivity:
    """PRC/ROC overlaps are flagged; the two Koreas are not exclusive."""

    def test_china_overlap_flagged(self) -> None:
        """A third state with relations with both CHN and TWN gets two anomalies."""
        h = dr.History(
            [
                est("1950-01-01", between=("FRA", "TWN")),
                est("1964-01-27", between=("FRA", "CHN")),
            ]
        )
        found = [a for a in h.anomalies if a.kind == "exclusivity_overlap"]
        assert {a.dyad for a in found} == {("CHN", "FRA"), ("FRA", "TWN")}
        assert {a.rule for a in found} == {"one_china"}
        assert all(a.on == dr.parse_edtf("1964-01-27") for a in found)
        assert "FRA had relations with both CHN and TWN" in found[0].message

    def test_no_overlap_after_break(self) -> None:
        """Breaking with TWN before recognising the PRC is not flagged."""
        h = dr.History(
            [
                est("1950-01-01", between=("FRA", "TWN")),
                dr.RelationsSevered(between=("FRA", "TWN"), on="1964-01-01", by="FRA"),
                est("1964-01-27", between=("FRA", "CHN")),
            ]
        )
        assert h.anomalies == ()

    def test_koreas_not_exclusive(self) -> None:
        """Cuba with both Koreas is no anomaly."""
        h = dr.History([est("1960-08-29", between=("CUB", "PRK")), est("2024-02-14")])
        assert h.anomalies == ()
        assert h.status("CUB", "PRK", on="2024-06-01").diplomatic is EST

    def test_overlap_flagged_in_strict_mode(self) -> None:
        """Overlaps are flagged, not raised, even in strict mode."""
        h = dr.History(
            [est("1950-01-01", between=("FRA", "TWN")), est("1964-01-27", between=("FRA", "CHN"))],
            strict=True,
        )
        assert len(h.anomalies) == 2

    def test_without_exclusivity(self) -> None:
        """Removing the check removes the flag."""
        rules = default_rules().without("one_china")
        h = dr.History(
            [est("1950-01-01", between=("FRA", "TWN")), est("1964-01-27", between=("FRA", "CHN"))],
            rules=rules,
        )
        assert h.anomalies == ()


class TestBothPartiesEnd:
    def test_second_extinction_changes_nothing(self) -> None:
        """A dyad whose two states both cease to exist ends once, at the first end."""
        h = dr.History([dr.RelationsEstablished(between=("CSK", "DDR"), on="1949-10-18")])
        s = h.status("CSK", "DDR", on="1995-01-01")
        assert s.diplomatic is dr.Diplomatic.ENDED
        assert str(s.since) == "1990-10-03"
