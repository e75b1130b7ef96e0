"""Credit lines: events, rules, balances at a date, economic ties without relations."""

from __future__ import annotations

from decimal import Decimal

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import diplorel as dr

USD = "USD"


def usd(amount: str | int) -> dr.Money:
    return dr.Money(amount, USD)


def opened(**kw: object) -> dr.CreditLineOpened:
    fields: dict[str, object] = {
        "id": "l1",
        "lender": "KOR",
        "borrower": "CUB",
        "on": "2005-01-10",
        "limit": usd(1000),
    }
    fields.update(kw)
    return dr.CreditLineOpened(**fields)  # type: ignore[arg-type]


def history(*events: dr.Event, strict: bool = True) -> dr.History:
    return dr.History([opened(), *events], strict=strict)


class TestEvents:
    def test_opened_resolves_states(self) -> None:
        """Lender and borrower take names and aliases like every state field."""
        e = opened(lender="South Korea", borrower="Cuba")
        assert (e.lender, e.borrower, e.parties) == ("KOR", "CUB", ("CUB", "KOR"))

    def test_year_precision_is_kept(self) -> None:
        """A line "extended in 2005" keeps year precision."""
        e = opened(on="2005")
        assert e.on.precision is dr.Precision.YEAR
        assert str(e.on) == "2005"

    def test_amount_must_be_money(self) -> None:
        """A bare number is a TypeError: amounts carry their currency."""
        with pytest.raises(TypeError):
            dr.CreditLineDrawn(id="l1", on="2006-01-01", amount=Decimal(5))  # type: ignore[arg-type]

    def test_amount_must_be_positive(self) -> None:
        """A zero or negative drawing is an InvalidEventError."""
        with pytest.raises(dr.InvalidEventError, match="positive"):
            dr.CreditLineDrawn(id="l1", on="2006-01-01", amount=usd(0))

    def test_lender_is_not_borrower(self) -> None:
        """A state cannot lend to itself."""
        with pytest.raises(dr.InvalidEventError, match="itself"):
            opened(borrower="KOR")


class TestBalances:
    def test_balances(self) -> None:
        """Drawn, repaid, outstanding and available follow the events."""
        h = history(
            dr.CreditLineDrawn(id="l1", on="2006-01-01", amount=usd(400)),
            dr.CreditLineRepaid(id="l1", on="2007-01-01", amount=usd("150.25")),
        )
        line = h.credit.line("l1", on="2008-01-01")
        assert line.drawn == usd(400)
        assert line.repaid == usd("150.25")
        assert line.outstanding == usd("249.75")
        assert line.available == usd(600)
        assert line.status is dr.CreditStatus.ACTIVE
        assert [type(e) for e in line.events] == [
            dr.CreditLineOpened,
            dr.CreditLineDrawn,
            dr.CreditLineRepaid,
        ]

    def test_fully_drawn(self) -> None:
        """Drawing the whole limit makes the line FULLY_DRAWN."""
        h = history(dr.CreditLineDrawn(id="l1", on="2006-01-01", amount=usd(1000)))
        assert h.credit.line("l1", on="2006-01-02").status is dr.CreditStatus.FULLY_DRAWN

    def test_limit_change(self) -> None:
        """A raised limit raises what is available."""
        h = history(dr.CreditLineLimitChanged(id="l1", on="2006-01-01", limit=usd(5000)))
        assert h.credit.line("l1", on="2006-06-01").available == usd(5000)

    def test_suspend_reinstate_cancel(self) -> None:
        """Suspension and cancellation stop drawings; status follows."""
        h = history(
            dr.CreditLineSuspended(id="l1", on="2006-01-01"),
            dr.CreditLineReinstated(id="l1", on="2007-01-01"),
            dr.CreditLineCancelled(id="l1", on="2008-01-01"),
        )
        assert h.credit.line("l1", on="2006-06-01").status is dr.CreditStatus.SUSPENDED
        assert h.credit.line("l1", on="2006-06-01").available == usd(0)
        assert h.credit.line("l1", on="2007-06-01").status is dr.CreditStatus.ACTIVE
        assert h.credit.line("l1", on="2008-06-01").status is dr.CreditStatus.CANCELLED

    def test_expired_and_matured(self) -> None:
        """Past available_until a line is EXPIRED; past maturity MATURED."""
        h = dr.History([opened(available_until="2006-12-31", matures_on="2010")])
        assert h.credit.line("l1", on="2007-01-01").status is dr.CreditStatus.EXPIRED
        assert h.credit.line("l1", on="2007-01-01").available == usd(0)
        assert h.credit.line("l1", on="2010-12-31").status is dr.CreditStatus.MATURED

    def test_uncertain_drawing(self) -> None:
        """A drawing dated to a year makes balances in that year uncertain, with alternatives."""
        h = history(dr.CreditLineDrawn(id="l1", on="2006", amount=usd(100)))
        line = h.credit.line("l1", on="2006-06-01")
        assert not line.certain
        assert line.drawn == usd(0)
        assert [alt.drawn for alt in line.alternatives] == [usd(100)]
        assert h.credit.line("l1", on="2007-01-01").certain

    def test_not_yet_opened(self) -> None:
        """Asking for a line before it was opened names the line and the reason."""
        h = history()
        with pytest.raises(dr.UnknownCreditLineError, match="not yet opened"):
            h.credit.line("l1", on="2004-01-01")

    def test_unknown_line(self) -> None:
        """An unknown id lists the known lines (a LookupError)."""
        with pytest.raises(LookupError, match="l1"):
            history().credit.line("nope", on="2010-01-01")


class TestRules:
    @pytest.mark.parametrize(
        ("event", "reason"),
        [
            (
                dr.CreditLineDrawn(id="l1", on="2006-01-01", amount=usd(1001)),
                "beyond the available",
            ),
            (
                dr.CreditLineDrawn(id="l1", on="2006-01-01", amount=dr.Money(5, "EUR")),
                "another currency",
            ),
            (dr.CreditLineDrawn(id="l1", on="2004-01-01", amount=usd(5)), "not been opened"),
            (
                dr.CreditLineRepaid(id="l1", on="2006-01-01", amount=usd(5)),
                "beyond the outstanding",
            ),
            (dr.CreditLineReinstated(id="l1", on="2006-01-01"), "not suspended"),
        ],
    )
    def test_strict_refusals(self, event: dr.Event, reason: str) -> None:
        """Each invalid operation raises CreditLineError naming line, date, amount, availability."""
        with pytest.raises(dr.CreditLineError, match=reason) as info:
            history(event)
        err = info.value
        assert err.line_id == "l1"
        assert err.on == str(event.on)
        assert isinstance(err, dr.InvalidTransitionError)
        assert isinstance(err, dr.DiplorelError)

    def test_drawing_after_cancellation(self) -> None:
        """Drawing on a cancelled line is refused."""
        with pytest.raises(dr.CreditLineError, match="cancelled"):
            history(
                dr.CreditLineCancelled(id="l1", on="2006-01-01"),
                dr.CreditLineDrawn(id="l1", on="2006-02-01", amount=usd(1)),
            )

    def test_drawing_after_availability(self) -> None:
        """Drawing after available_until is refused."""
        with pytest.raises(dr.CreditLineError, match="drawings ended"):
            dr.History(
                [
                    opened(available_until="2005-12-31"),
                    dr.CreditLineDrawn(id="l1", on="2006-02-01", amount=usd(1)),
                ]
            )

    def test_lenient_records_anomaly(self) -> None:
        """In lenient mode the overdraw is an anomaly and balances are unchanged."""
        h = history(dr.CreditLineDrawn(id="l1", on="2006-01-01", amount=usd(5000)), strict=False)
        assert [a.rule for a in h.anomalies] == ["drawing_within_available"]
        assert h.credit.line("l1", on="2007-01-01").drawn == usd(0)

    def test_rules_are_replaceable(self) -> None:
        """Removing the limit rule lets an overdraw through (rules are data)."""
        rules = dr.History([]).rules.without("drawing_within_available")
        h = dr.History(
            [opened(), dr.CreditLineDrawn(id="l1", on="2006-01-01", amount=usd(5000))], rules=rules
        )
        assert h.credit.line("l1", on="2007-01-01").drawn == usd(0)


class TestEconomicTies:
    def test_ties_without_relations(self) -> None:
        """A trade office and a credit line are economic ties while relations are severed."""
        h = dr.History(
            [
                dr.RelationsEstablished(between=("CUB", "KOR"), on="1949"),
                dr.RelationsSevered(between=("CUB", "KOR"), on="1960", by="CUB", consular=True),
                dr.MissionOpened(
                    between=("CUB", "KOR"),
                    sender="KOR",
                    kind=dr.MissionKind.TRADE_OFFICE,
                    on="2005-10",
                ),
                opened(on="2005"),
            ]
        )
        s = h.status("CUB", "KOR", on="2010-06-01")
        assert s.diplomatic is dr.Diplomatic.SEVERED
        assert s.economic_ties
        assert [m.kind for m in s.trade_offices["KOR"]] == [dr.MissionKind.TRADE_OFFICE]
        assert [line.id for line in s.credit_lines] == ["l1"]
        assert "credit line l1" in str(s.explain())

    def test_relations_do_not_imply_ties(self) -> None:
        """Established relations alone are no economic tie."""
        h = dr.History([dr.RelationsEstablished(between=("CUB", "KOR"), on="2024-02-14")])
        assert not h.status("CUB", "KOR", on="2024-06-01").economic_ties

    def test_lender_filter_and_totals(self) -> None:
        """Lines are listed either way unless a lender is given; totals stay per currency."""
        h = dr.History(
            [
                opened(),
                opened(id="l2", lender="CUB", borrower="KOR", limit=dr.Money(100, "EUR")),
                dr.CreditLineDrawn(id="l1", on="2006-01-01", amount=usd(10)),
                dr.CreditLineDrawn(id="l2", on="2006-01-01", amount=dr.Money(20, "EUR")),
            ]
        )
        on = "2007-01-01"
        assert [x.id for x in h.credit.between("KOR", "CUB", on=on)] == ["l1", "l2"]
        assert [x.id for x in h.credit.between("KOR", "CUB", on=on, lender="Cuba")] == ["l2"]
        assert h.credit.outstanding(on=on) == {"EUR": dr.Money(20, "EUR"), "USD": usd(10)}
        assert h.credit.outstanding(on=on, borrower="CUB") == {"USD": usd(10)}


amounts = st.integers(min_value=1, max_value=500).map(usd)
ops = st.lists(
    st.tuples(st.sampled_from(["draw", "repay"]), amounts, st.integers(0, 3000)), max_size=25
)


def _events(spec: list[tuple[str, dr.Money, int]]) -> list[dr.Event]:
    start = pendulum.Date(2006, 1, 1)
    kinds = {"draw": dr.CreditLineDrawn, "repay": dr.CreditLineRepaid}
    return [kinds[k](id="l1", on=start.add(days=d), amount=m) for k, m, d in spec]


class TestProperties:
    @given(ops)
    @settings(max_examples=60, deadline=None)
    def test_balance_identities(self, spec: list[tuple[str, dr.Money, int]]) -> None:
        """Outstanding = drawn - repaid, never negative, never above the limit (lenient run)."""
        h = history(*_events(spec), strict=False)
        for day in ("2006-01-01", "2007-06-01", "2020-01-01"):
            line = h.credit.line("l1", on=day)
            assert line.outstanding == line.drawn - line.repaid
            assert not line.outstanding.is_negative()
            assert line.drawn <= line.limit

    @given(ops, st.integers(0, 3000))
    @settings(max_examples=60, deadline=None)
    def test_balance_depends_only_on_the_past(
        self, spec: list[tuple[str, dr.Money, int]], cut: int
    ) -> None:
        """The balance on D is the same without the events after D."""
        day = pendulum.Date(2006, 1, 1).add(days=cut)
        events = _events(spec)
        full = history(*events, strict=False).credit.line("l1", on=day)
        past = history(*[e for e in events if e.on.earliest <= day], strict=False)
        cut_line = past.credit.line("l1", on=day)
        assert _balances(full) == _balances(cut_line)


def _balances(line: dr.CreditLine) -> tuple[object, ...]:
    return (line.drawn, line.repaid, line.outstanding, line.available, line.status, line.certain)


class TestMoneyInCredit:
    def test_point_one_thirty_times(self) -> None:
        """Thirty drawings of 0.10 add up to exactly 3.00: no float anywhere."""
        h = history(*[dr.CreditLineDrawn(id="l1", on="2006-01-01", amount=usd("0.1"))] * 30)
        assert h.credit.line("l1", on="2006-01-02").drawn.amount == Decimal("3.0")

    def test_mixed_currency_totals_never_sum(self) -> None:
        """Adding amounts in two currencies raises CurrencyMismatchError."""
        with pytest.raises(dr.CurrencyMismatchError):
            _ = usd(1) + dr.Money(1, "EUR")
