from __future__ import annotations

from typing import Any

import attrs
import pytest

import diplorel as dr
from diplorel._notes import resolve_instruments

P = dr.Proposal
EST = dr.Diplomatic.ESTABLISHED
NONE = dr.Diplomatic.NONE
NO_RECORD = dr.Diplomatic.NO_RECORD  # before any act applies: the history does not know


def proposal(**kw: object) -> dr.DiplomaticNote:
    """KOR proposes to CUB to establish relations on 2024-02-10 (fields overridable)."""
    fields: dict[str, object] = {
        "id": "kor-1",
        "sender": "KOR",
        "recipient": "CUB",
        "on": "2024-02-10",
        "proposes": P.ESTABLISH_RELATIONS,
    }
    return dr.DiplomaticNote(**(fields | kw))  # type: ignore[arg-type]


def reply(**kw: object) -> dr.DiplomaticNote:
    """CUB accepts kor-1 on 2024-02-14 (fields overridable)."""
    fields: dict[str, object] = {
        "id": "cub-1",
        "sender": "CUB",
        "recipient": "KOR",
        "on": "2024-02-14",
        "replies_to": "kor-1",
        "accepts": True,
    }
    return dr.DiplomaticNote(**(fields | kw))  # type: ignore[arg-type]


class TestDiplomaticNote:
    """A note proposes, replies or notifies: exactly one thing."""

    def test_fields(self) -> None:
        """Defaults: a note verbale, ambassador level, Vienna default for consular."""
        n = proposal()
        assert n.kind is dr.NoteKind.NOTE_VERBALE
        assert (n.level, n.consular, n.tz) == (dr.Level.AMBASSADOR, None, "UTC")
        assert n.dyad == ("CUB", "KOR")

    def test_describe(self) -> None:
        """describe() says who sent what to whom, and what it does."""
        assert proposal().describe() == (
            "note kor-1 KOR to CUB on 2024-02-10: proposes establish relations"
        )
        assert reply().describe() == "note cub-1 CUB to KOR on 2024-02-14: accepts kor-1"
        assert reply(accepts=False).describe().endswith("rejects kor-1")

    def test_frozen(self) -> None:
        """Notes are immutable."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            proposal().id = "x"  # type: ignore[misc]

    @pytest.mark.parametrize(
        ("fields", "match"),
        [
            ({"recipient": "South Korea"}, "oneself"),
            ({"notifies": dr.Notice.SEVER_RELATIONS}, "exactly one"),
            ({"proposes": None}, "exactly one"),
            ({"replies_to": "x", "accepts": True}, "exactly one"),
            ({"accepts": True}, "accepts="),
            ({"id": ""}, "non-empty id"),
        ],
    )
    def test_malformed(self, fields: dict[str, Any], match: str) -> None:
        """A note to oneself, doing two or no things, or a stray accepts= is malformed."""
        with pytest.raises(dr.MalformedNoteError, match=match) as info:
            proposal(**fields)
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, dr.DiplorelError)

    def test_reply_without_accepts(self) -> None:
        """A reply must say whether it accepts."""
        with pytest.raises(dr.MalformedNoteError, match="accepts="):
            reply(accepts=None)

    def test_reply_to_itself(self) -> None:
        """A note cannot reply to itself."""
        with pytest.raises(dr.MalformedNoteError, match="itself") as info:
            reply(replies_to="cub-1")
        assert info.value.note_id == "cub-1"


class TestExchangeOfNotes:
    """A proposal and its accepting reply make an agreement."""

    def test_takes_effect_on_reply_date(self) -> None:
        """Without effective_on, relations start on the reply's date."""
        h = dr.History([proposal(), reply()])
        assert h.status("CUB", "KOR", on="2024-02-13").diplomatic is NO_RECORD
        s = h.status("CUB", "KOR", on="2024-02-14")
        assert s.diplomatic is EST
        assert s.consular is dr.Consular.ESTABLISHED
        assert s.since == dr.parse_edtf("2024-02-14")

    def test_event_made(self) -> None:
        """The agreed event cites both notes and carries the reply's time zone and place."""
        resolved = resolve_instruments([proposal(), reply(tz="America/New_York", place="New York")])
        (event,) = resolved.events
        assert isinstance(event, dr.RelationsEstablished)
        assert event.instrument == "kor-1+cub-1"
        assert (event.tz, event.place) == ("America/New_York", "New York")

    def test_time_zone_carried(self) -> None:
        """Notes exchanged in New York are not yet in force at noon in Seoul that day."""
        h = dr.History([proposal(tz="America/New_York"), reply(tz="America/New_York")])
        assert h.status("CUB", "KOR", on="2024-02-14T12:00+09:00").diplomatic is NO_RECORD
        assert h.status("CUB", "KOR", on="2024-02-15T12:00+09:00").diplomatic is EST

    def test_effective_on_later(self) -> None:
        """An agreed later date holds: until then nothing changes, and it shows as pending."""
        h = dr.History([proposal(effective_on="2024-03-01"), reply()])
        s = h.status("CUB", "KOR", on="2024-02-20")
        assert s.diplomatic is NO_RECORD
        assert [p.instrument for p in s.pending] == ["kor-1+cub-1"]
        assert "effective on 2024-03-01" in str(s.pending[0])
        after = h.status("CUB", "KOR", on="2024-03-01")
        assert after.diplomatic is EST
        assert after.pending == ()

    def test_reply_effective_on_wins(self) -> None:
        """The reply's effective_on takes precedence over the proposal's."""
        h = dr.History([proposal(effective_on="2024-03-01"), reply(effective_on="2024-04-01")])
        assert h.status("CUB", "KOR", on="2024-03-15").diplomatic is NO_RECORD
        assert h.status("CUB", "KOR", on="2024-04-01").diplomatic is EST

    def test_level_and_consular_from_proposal(self) -> None:
        """The proposal's level and consular choice carry into the agreement."""
        h = dr.History([proposal(level=dr.Level.MINISTER, consular=False), reply()])
        s = h.status("CUB", "KOR", on="2024-03-01")
        assert s.agreed == {"CUB": dr.Level.MINISTER, "KOR": dr.Level.MINISTER}
        assert s.consular is dr.Consular.NONE

    def test_consular_proposal(self) -> None:
        """A proposal for consular relations makes consular relations only."""
        h = dr.History([proposal(proposes=P.ESTABLISH_CONSULAR_RELATIONS), reply()])
        s = h.status("CUB", "KOR", on="2024-03-01")
        assert (s.diplomatic, s.consular) == (NONE, dr.Consular.ESTABLISHED)

    def test_resume(self) -> None:
        """An accepted proposal to resume resumes severed relations."""
        h = dr.History(
            [
                dr.RelationsEstablished(between=("CUB", "KOR"), on="1950-01-01"),
                dr.RelationsSevered(between=("CUB", "KOR"), on="1959-01-01", by="CUB"),
                proposal(proposes=P.RESUME_RELATIONS),
                reply(),
            ]
        )
        assert h.status("CUB", "KOR", on="2024-03-01").diplomatic is EST


class TestPending:
    """Unanswered and rejected proposals change nothing but stay visible."""

    def test_unanswered(self) -> None:
        """An unanswered proposal is pending from its date on and changes no status."""
        h = dr.History([proposal()])
        assert h.status("CUB", "KOR", on="2024-02-09").pending == ()
        s = h.status("CUB", "KOR", on="2030-01-01")
        assert s.diplomatic is NO_RECORD
        (p,) = s.pending
        assert (p.instrument, p.until, p.state) == ("kor-1", None, "awaiting reply")
        assert h.pending("CUB", "KOR") == s.pending

    def test_rejected(self) -> None:
        """A rejected proposal is pending until the rejection, then nothing."""
        h = dr.History([proposal(), reply(accepts=False)])
        assert [p.instrument for p in h.status("CUB", "KOR", on="2024-02-12").pending] == ["kor-1"]
        later = h.status("CUB", "KOR", on="2024-02-14")
        assert later.pending == ()
        assert later.diplomatic is NO_RECORD
        assert h.events() == ()


class TestMalformedHistories:
    """Notes that do not fit together are refused when the history is built."""

    @pytest.mark.parametrize(
        ("notes", "bad", "match"),
        [
            ([reply()], "cub-1", "not known"),
            ([proposal(), reply(), reply(id="cub-2", replies_to="cub-1")], "cub-2", "nothing"),
            ([proposal(), reply(sender="USA", recipient="KOR")], "cub-1", "must go from CUB"),
            ([proposal(), reply(sender="KOR", recipient="CUB")], "cub-1", "must go from CUB"),
            ([proposal(), proposal()], "kor-1", "duplicate"),
            ([proposal(), reply(), reply(id="cub-2")], "cub-2", "already answered"),
            ([proposal(), reply(on="2024-01-01")], "cub-1", "before"),
        ],
        ids=["missing", "reply-to-reply", "third-state", "wrong-way", "dup", "twice", "early"],
    )
    def test_malformed(self, notes: list[dr.DiplomaticNote], bad: str, match: str) -> None:
        """Each raises MalformedNoteError naming the offending note."""
        with pytest.raises(dr.MalformedNoteError, match=match) as info:
            dr.History(notes)
        assert info.value.note_id == bad
        assert repr(bad) in str(info.value)

    def test_duplicate_across_instrument_kinds(self) -> None:
        """Ids are unique across notes, exchanges and communiqués."""
        x = dr.ExchangeOfNotes(id="kor-1", between=("CUB", "KOR"), on="2024-02-14")
        with pytest.raises(dr.MalformedNoteError, match="duplicate"):
            dr.History([proposal(), x])


class TestNotifiedActs:
    """A note may notify a unilateral act."""

    def test_sever(self) -> None:
        """A note notifying a break makes a severance by its sender."""
        h = dr.History(
            [
                dr.RelationsEstablished(between=("CUB", "USA"), on="1950-01-01"),
                dr.DiplomaticNote(
                    id="us-1",
                    sender="USA",
                    recipient="CUB",
                    on="1961-01-03",
                    notifies=dr.Notice.SEVER_RELATIONS,
                    consular=True,
                ),
            ]
        )
        brk = h.events("CUB", "USA")[-1]
        assert isinstance(brk, dr.RelationsSevered)
        assert (brk.by, brk.consular, brk.instrument) == ("USA", True, "us-1")
        s = h.status("CUB", "USA", on="1961-01-03")
        assert (s.diplomatic, s.consular) == (dr.Diplomatic.SEVERED, dr.Consular.SEVERED)

    @pytest.mark.parametrize(
        ("notice", "cls"),
        [
            (dr.Notice.SUSPEND_RELATIONS, dr.RelationsSuspended),
            (dr.Notice.SEVER_CONSULAR_RELATIONS, dr.ConsularRelationsSevered),
        ],
    )
    def test_other_notices(self, notice: dr.Notice, cls: type[dr.Event]) -> None:
        """Suspension and consular severance notices make their events, dated effective_on."""
        note = dr.DiplomaticNote(
            id="n", sender="CUB", recipient="KOR", on="2000-01-01", notifies=notice,
            effective_on="2000-02-01",
        )  # fmt: skip
        (event,) = resolve_instruments([note]).events
        assert type(event) is cls
        assert event.on == dr.parse_edtf("2000-02-01")


class TestAgreements:
    """Joint communiqués and recorded exchanges of notes."""

    def test_joint_communique_effective_later(self) -> None:
        """A communiqué effective after signing changes nothing until then, and is pending."""
        jc = dr.JointCommunique(
            id="jc",
            between=("CHN", "USA"),
            signed_on="1978-12-15",
            released_on="1978-12-16",
            effective_on="1979-01-01",
        )
        h = dr.History([jc])
        s = h.status("CHN", "USA", on="1978-12-20")
        assert s.diplomatic is NO_RECORD
        assert [p.instrument for p in s.pending] == ["jc"]
        after = h.status("CHN", "USA", on="1979-01-01")
        assert after.diplomatic is EST
        assert after.pending == ()
        assert jc.on == jc.signed_on
        assert "joint communique jc CHN-USA" in jc.describe()

    def test_joint_communique_effective_before_release(self) -> None:
        """The effective date may precede the announcement."""
        jc = dr.JointCommunique(
            id="jc",
            between=("CUB", "KOR"),
            signed_on="2000-01-10",
            released_on="2000-01-20",
            effective_on="2000-01-01",
        )
        h = dr.History([jc])
        assert h.status("CUB", "KOR", on="2000-01-05").diplomatic is EST

    def test_joint_communique_default_signing_date(self) -> None:
        """Without effective_on, it takes effect on signing."""
        jc = dr.JointCommunique(id="jc", between=("CUB", "KOR"), signed_on="2000-01-10")
        h = dr.History([jc])
        assert h.status("CUB", "KOR", on="2000-01-09").diplomatic is NO_RECORD
        assert h.status("CUB", "KOR", on="2000-01-10").diplomatic is EST

    def test_exchange_of_notes_effective_later(self) -> None:
        """An exchange of notes effective later is pending until then."""
        x = dr.ExchangeOfNotes(
            id="x", between=("CUB", "KOR"), on="2024-02-14", effective_on="2024-03-01"
        )
        h = dr.History([x])
        s = h.status("CUB", "KOR", on="2024-02-20")
        assert s.diplomatic is NO_RECORD
        assert [p.instrument for p in s.pending] == ["x"]
        assert h.status("CUB", "KOR", on="2024-03-01").diplomatic is EST
        assert "exchange of notes x CUB-KOR" in x.describe()

    def test_exchange_of_notes_consular_only(self) -> None:
        """An exchange of notes can establish consular relations only."""
        x = dr.ExchangeOfNotes(
            id="x",
            between=("CUB", "KOR"),
            on="2024-02-14",
            establishes=P.ESTABLISH_CONSULAR_RELATIONS,
        )
        s = dr.History([x]).status("CUB", "KOR", on="2024-03-01")
        assert (s.diplomatic, s.consular) == (NONE, dr.Consular.ESTABLISHED)
