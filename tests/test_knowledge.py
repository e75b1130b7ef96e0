"""Knowledge time: the status of two states as it could be known on a date.

Real cases, each with its sources; then properties on generated histories.
"""

from __future__ import annotations

import datetime as dt
import io

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests import strategies as sts

import diplorel as dr
from diplorel.cli import main

EST, SEV = dr.Diplomatic.ESTABLISHED, dr.Diplomatic.SEVERED


class TestCostaRicaChina:
    """Costa Rica and the PRC, 2007: effective on 1 June, announced on 6 June.

    People's Daily (Xinhua), 7 June 2007: the joint communiqué "signed on June 1 ... agree to
    establish diplomatic ties at ambassadorial level beginning June 1, 2007". US Embassy San
    Jose, cable 07SANJOSE1106: "On June 6, Costa Rica announced normalized relations with
    China". Both are cited by the default history.
    """

    def test_not_known_before_the_announcement(self) -> None:
        """On 3 June, as known on 3 June: relations were not known to exist."""
        s = dr.default_history().status("CRI", "CHN", on="2007-06-03", known_on="2007-06-03")
        assert s.diplomatic is dr.Diplomatic.NO_RECORD  # no act of the dyad known yet
        assert s.known_on is not None
        assert str(s.known_on) == "2007-06-03"

    def test_known_from_the_announcement(self) -> None:
        """As known on 10 June: established since 1 June."""
        s = dr.default_history().status("CRI", "CHN", on="2007-06-03", known_on="2007-06-10")
        assert s.diplomatic is EST
        assert str(s.state.since) == "2007-06-01"
        known_on_the_day = dr.default_history().status(
            "CRI", "CHN", on="2007-06-03", known_on="2007-06-06"
        )
        assert known_on_the_day.diplomatic is EST

    def test_hindsight_answer_unchanged(self) -> None:
        """Without known_on: established on 3 June, as every dataset says with hindsight."""
        assert dr.default_history().status("CRI", "CHN", on="2007-06-03").diplomatic is EST

    def test_explain_names_what_was_not_yet_known(self) -> None:
        """The explanation lists the act not yet known, with its announcement."""
        s = dr.default_history().status("CRI", "CHN", on="2007-06-03", known_on="2007-06-03")
        explanation = s.explain()
        unknown = {type(e): e for e in explanation.not_yet_known}
        assert set(unknown) == {dr.RelationsEstablished, dr.Recognized}
        assert str(unknown[dr.RelationsEstablished].announced_on) == "2007-06-06"
        assert "not yet known on 2007-06-03" in str(explanation)

    def test_cli(self) -> None:
        """``diplorel status CRI CHN --on 2007-06-03 --known-on 2007-06-03``."""
        run = ["status", "CRI", "CHN", "--on", "2007-06-03", "--known-on"]
        before, after = io.StringIO(), io.StringIO()
        assert main([*run, "2007-06-03"], stdout=before, stderr=io.StringIO()) == 0
        assert main([*run, "2007-06-10"], stdout=after, stderr=io.StringIO()) == 0
        assert "as known on 2007-06-03" in before.getvalue()
        assert "diplomatic relations  no record" in before.getvalue()
        assert "not yet known on 2007-06-03" in before.getvalue()
        assert "diplomatic relations  established since 2007-06-01" in after.getvalue()


class TestFoundingExample:
    """Cuba and Korea, 2024: notes exchanged in New York on 14 February, reported that day.

    Xinhua, 14 February 2024: "SEOUL, Feb. 14 (Xinhua) -- South Korea established diplomatic
    relations with Cuba by exchanging official letters in New York". The Chosun Ilbo's "on
    Feb.15" is its publication date in Seoul, not the act.
    """

    def test_known_the_same_day(self) -> None:
        """As known on the 14th, relations were established that day."""
        h = dr.default_history()
        assert h.status("CUB", "KOR", on="2024-02-14", known_on="2024-02-14").diplomatic is EST
        assert h.status("CUB", "KOR", on="2024-02-14", known_on="2024-02-13").diplomatic is SEV


def _malawi() -> dr.History:
    """Malawi and the PRC: a communiqué effective 28 December 2007, announced 14 January 2008.

    Chinese embassy (Lithuania) page of 14 January 2008: "On December 28, 2007 ... signed a
    joint communique ... establish diplomatic relations ... as from Dec. 28, 2007." BuaNews:
    "the Chinese Foreign Ministry announced in Beijing on Monday, 14 January 2008."
    """
    return dr.History(
        [
            dr.JointCommunique(
                id="chn-mwi-2007",
                between=("CHN", "MWI"),
                signed_on="2007-12-28",
                effective_on="2007-12-28",
                released_on="2008-01-14",
            )
        ]
    )


class TestCommuniqueReleasedLater:
    """A joint communiqué released after it took effect: known from its release."""

    def test_before_the_release(self) -> None:
        """On 1 January, as known on 10 January: no act was known yet."""
        s = _malawi().status("MWI", "CHN", on="2008-01-01", known_on="2008-01-10")
        assert s.diplomatic is dr.Diplomatic.NO_RECORD

    def test_from_the_release(self) -> None:
        """As known on 14 January: established since 28 December."""
        s = _malawi().status("MWI", "CHN", on="2008-01-01", known_on="2008-01-14")
        assert s.diplomatic is EST
        assert str(s.state.since) == "2007-12-28"

    def test_a_panel_without_hindsight(self) -> None:
        """``known_on="same"``: the 2007 row knows nothing of the communiqué released in 2008."""
        panel = _malawi().panel(years=[2007, 2008], states=["CHN", "MWI"], known_on="same")
        assert panel.data["diplomatic"] == ["no_record", "established"]
        hindsight = _malawi().panel(years=[2007, 2008], states=["CHN", "MWI"])
        assert hindsight.data["diplomatic"] == ["established", "established"]

    def test_bulk(self) -> None:
        """Bulk answers take ``known_on`` too."""
        h = _malawi()
        got = h.bulk_status(["MWI"] * 2, ["CHN"] * 2, ["2008-01-01"] * 2, known_on="2008-01-10")
        assert got.diplomatic == ["no_record", "no_record"]
        same = h.bulk_status(["MWI"], ["CHN"], ["2008-02-01"], known_on="same")
        assert same.diplomatic == ["established"]


def _corrected() -> dr.History:
    """Cuba and Korea, a record dated from the Chosun Ilbo, corrected later.

    Chosun Ilbo (English), published 15 February 2024: "South Korea established diplomatic
    relations with Cuba ... on Feb.15." Korea Herald (Yonhap), 28 April 2024: "On Feb. 14
    (Seoul time), South Korea and Cuba made the surprise announcement on the establishment of
    diplomatic relations". A dataset that first took the Chosun's date corrects it from then.
    """
    return dr.History(
        [
            dr.RelationsEstablished(between=("CUB", "KOR"), on="1949"),
            dr.RelationsSevered(between=("CUB", "KOR"), on="1959/1960", by="CUB"),
            dr.RelationsEstablished(
                between=("CUB", "KOR"),
                on="2024-02-15",
                announced_on="2024-02-15",
                uid="chosun-2024-02-15",
            ),
            dr.RelationsEstablished(
                between=("CUB", "KOR"),
                on="2024-02-14",
                announced_on="2024-04-28",
                uid="herald-2024-04-28",
                supersedes="chosun-2024-02-15",
            ),
        ]
    )


class TestCorrectedDate:
    """A corrected date: the history keeps both records; each view uses what it knew."""

    def test_before_the_correction(self) -> None:
        """As known in March, relations were re-established on the 15th, not the 14th."""
        h = _corrected()
        assert h.status("CUB", "KOR", on="2024-02-14", known_on="2024-03-01").diplomatic is SEV
        assert h.status("CUB", "KOR", on="2024-02-15", known_on="2024-03-01").diplomatic is EST

    def test_after_the_correction(self) -> None:
        """As known in May, and now: established on the 14th."""
        h = _corrected()
        assert h.status("CUB", "KOR", on="2024-02-14", known_on="2024-05-01").diplomatic is EST
        now = h.status("CUB", "KOR", on="2024-02-14")
        assert now.diplomatic is EST
        assert str(now.state.since) == "2024-02-14"

    def test_nothing_deleted(self) -> None:
        """Both records stay in the history (and in its file)."""
        h = _corrected()
        assert len(h.items) == 4
        assert dr.loads(dr.dumps(h)) == h

    def test_a_correction_needs_its_publication(self) -> None:
        """A correction without ``announced_on`` would leak hindsight: refused."""
        with pytest.raises(dr.InvalidEventError, match="needs announced_on"):
            dr.RelationsEstablished(between=("CUB", "KOR"), on="2024-02-14", supersedes="x")

    def test_a_correction_of_nothing_is_refused(self) -> None:
        """A correction naming no record is an error, never ignored."""
        stray = dr.RelationsEstablished(
            between=("CUB", "KOR"), on="2024-02-14", announced_on="2024-04-28", supersedes="nope"
        )
        with pytest.raises(dr.InvalidEventError, match="which no record has"):
            dr.History([stray])


def _vanuatu() -> dr.History:
    """Vanuatu and Taiwan, 2004: a communiqué signed and announced, then revoked.

    Taipei Times, 4 November 2004: Prime Minister Serge Vohor and Taiwan's foreign minister
    "signed a Joint Communique ... in Taipei at 9:30am yesterday. Fifteen minutes later [they]
    announced the news". Taipei Times, 16 December 2004 (Ham Lini, "yesterday"): "The
    government of Vanuatu has revoked all agreements signed by Mr. Serge Vohor with Taiwan on
    3rd November": the government held that the communiqué never bound Vanuatu.
    """
    return dr.History(
        [
            dr.RelationsEstablished(
                between=("TWN", "VUT"),
                on="2004-11-03",
                announced_on="2004-11-03",
                uid="vut-twn-2004-11-03",
            ),
            dr.Retraction(
                retracts="vut-twn-2004-11-03",
                on="2004-12-15",
                reason="revoked by the Council of Ministers: signed without its approval",
            ),
        ]
    )


class TestRetraction:
    """A retracted record counts until the retraction is published, never after."""

    def test_before_the_retraction(self) -> None:
        """As known on 20 November 2004, relations were established."""
        s = _vanuatu().status("TWN", "VUT", on="2004-11-20", known_on="2004-11-20")
        assert s.diplomatic is EST

    def test_after_the_retraction(self) -> None:
        """As known in late December, and now: nothing on record."""
        h = _vanuatu()
        late = h.status("TWN", "VUT", on="2004-11-20", known_on="2004-12-20")
        assert late.diplomatic is dr.Diplomatic.NO_RECORD
        assert h.status("TWN", "VUT", on="2004-11-20").diplomatic is dr.Diplomatic.NO_RECORD

    def test_kept_and_saved(self) -> None:
        """The retraction is an item: saved and loaded like any other."""
        h = _vanuatu()
        assert dr.loads(dr.dumps(h)) == h
        assert dr.loads_jsonl(dr.dumps_jsonl(h)) == h


# Properties --------------------------------------------------------------------------------

LAST_DAY = pendulum.Date(sts.MAX_YEAR, 12, 31)


@st.composite
def announced(draw: sts.Draw) -> list[dr.Event]:
    """Events of one dyad, some announced up to two years after their date."""
    events: list[dr.Event] = draw(sts.event_lists(max_size=8))
    out = []
    for e in events:
        lag = draw(st.one_of(st.none(), st.integers(0, 730)))
        if lag is None:
            out.append(e)
            continue
        day = e.on.latest + dt.timedelta(days=lag)
        out.append(attrs.evolve(e, announced_on=day.isoformat()))
    return out


def _answer(h: dr.History, on: pendulum.Date, known: pendulum.Date | None) -> list[object]:
    out: list[object] = []
    for a, b in h.dyads:
        s = h.status(a, b, on=on, known_on=known)
        out.append((s.state, s.certain, s.alternatives))
    return out


class TestProperties:
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(announced(), sts.pendulum_dates)
    def test_known_after_everything_equals_the_plain_query(
        self, events: list[dr.Event], on: pendulum.Date
    ) -> None:
        """With known_on at or after every known-from day, answers equal the plain query."""
        h = dr.History(events, strict=False)
        assert _answer(h, on, LAST_DAY + dt.timedelta(days=800)) == _answer(h, on, None)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(announced(), announced(), sts.pendulum_dates, sts.pendulum_dates)
    def test_answers_never_depend_on_later_records(
        self,
        events: list[dr.Event],
        more: list[dr.Event],
        on: pendulum.Date,
        known: pendulum.Date,
    ) -> None:
        """Records known only after known_on change nothing of what was known then."""
        from diplorel._knowledge import known_from  # noqa: PLC0415 - the definition tested

        later = [e for e in more if known_from(e) > known]
        h = dr.History(events, strict=False)
        bigger = dr.History([*events, *later], strict=False)
        for a, b in h.dyads:
            x = h.status(a, b, on=on, known_on=known)
            y = bigger.status(a, b, on=on, known_on=known)
            assert (x.state, x.certain, x.alternatives) == (y.state, y.certain, y.alternatives)

    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(announced(), sts.pendulum_dates, sts.pendulum_dates)
    def test_equals_the_history_of_what_was_known(
        self, events: list[dr.Event], on: pendulum.Date, known: pendulum.Date
    ) -> None:
        """Without corrections, a view of day K is the history of the records known by K."""
        from diplorel._knowledge import known_from  # noqa: PLC0415 - the definition tested

        h = dr.History(events, strict=False)
        then = dr.History([e for e in events if known_from(e) <= known], strict=False)
        for a, b in h.dyads:
            x = h.status(a, b, on=on, known_on=known)
            y = then.status(a, b, on=on)
            assert (x.state, x.certain, x.alternatives) == (y.state, y.certain, y.alternatives)


class TestOutsideKnowledgeTime:
    """A state's end and credit-line events take no announcement: refused, never ignored."""

    def test_lifecycle(self) -> None:
        """StateExtinguished with announced_on is refused, naming why."""
        end = dr.StateExtinguished(state="CUB", on="2000-01-01", announced_on="2030-01-01")
        with pytest.raises(dr.InvalidEventError, match="state's end or continuation"):
            dr.History([end], strict=False)

    def test_credit(self) -> None:
        """A credit line opened with announced_on is refused, naming why."""
        opened = dr.CreditLineOpened(
            id="l1",
            lender="KOR",
            borrower="CUB",
            limit=dr.Money("100", "USD"),
            on="2005",
            announced_on="2006",
        )
        with pytest.raises(dr.InvalidEventError, match="credit-line events"):
            dr.History([opened])
