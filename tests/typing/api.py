"""Type-checked (never run) use of the public API: mypy --strict must accept all of it."""

from __future__ import annotations

import pendulum

import diplorel as dr
from diplorel.rules import Rejected, RuleSet, default_rules, rule

h: dr.History = dr.History(
    [
        dr.RelationsEstablished(between=("CUB", "KOR"), on="1949"),
        dr.RelationsSevered(between=("CUB", "KOR"), on="1959/1960", by="CUB", consular=True),
        dr.DiplomaticNote(
            id="kor-1",
            sender="KOR",
            recipient="CUB",
            on="2024-02-14",
            tz="America/New_York",
            proposes=dr.Proposal.ESTABLISH_RELATIONS,
        ),
        dr.DiplomaticNote(
            id="cub-1",
            sender="CUB",
            recipient="KOR",
            on=pendulum.Date(2024, 2, 14),
            tz="America/New_York",
            replies_to="kor-1",
            accepts=True,
        ),
    ],
    strict=False,
)
s: dr.Status = h.status("KOR", "CUB", on="2024-03-01")
d: dr.Diplomatic = s.diplomatic
c: dr.Consular = s.consular
level: dr.Level = s.agreed["KOR"]
present: dr.Representation = s.representation["KOR"]
cow: int = present.cow
exchange: bool | None = s.exchange
head: dr.HeadOfMission | None = s.heads.get("KOR")
rank: dr.Rank | None = head.rank if head is not None else None
conventions = dr.CowConventions(observation="year_end", interim="charge")
coded: dr.Representation = dr.represent(s.state, "KOR", year=2024, conventions=conventions)
missions: tuple[dr.Mission, ...] = s.missions["KOR"]
since: dr.FuzzyDate | None = s.since
certain: bool = s.certain
alternatives: tuple[dr.DyadState, ...] = s.alternatives
explanation: dr.Explanation = s.explain()
periods: tuple[dr.Period, ...] = h.timeline("CUB", "KOR")
anomalies: tuple[dr.Anomaly, ...] = h.anomalies
at_instant: dr.Status = h.status(
    "CUB", "KOR", on=pendulum.datetime(2024, 2, 14, 12, tz="Asia/Seoul")
)
fuzzy: dr.FuzzyDate = dr.parse_edtf("1959/1960")
text: str = dr.format_edtf(fuzzy)
money: dr.Money = dr.Money("70000000", "USD") + dr.Money(1, "USD")


@rule(dr.RelationsSevered, citation="Project rule 1")
def needs_sources(state: dr.DyadState, event: dr.RelationsSevered) -> dr.DyadState:
    """Breaks must cite a source."""
    if not event.sources:
        raise Rejected("no source")
    return state


rules: RuleSet = default_rules().with_rule(needs_sources).without("break_keeps_consular")
h2: dr.History = h.add(dr.MissionOpened(between=("CUB", "KOR"), sender="KOR", on="2025-01-17"))

covered = dr.History(
    [],
    coverage=[
        dr.Coverage(state="USA", sender="USA", dimensions=(dr.Dimension.PRESENCE,), since="1778")
    ],
)
record: dr.Record = covered.record(
    "USA", "FRA", on="1900-01-01", dimension=dr.Dimension.PRESENCE, sender="USA"
)
declared: tuple[dr.Coverage, ...] = covered.coverage


def monthly_panel(path: str) -> int:
    """A monthly panel with codes, written as Parquet (not run: typing only)."""
    panel: dr.Panel = h.panel(
        years=range(1990, 1992), unit="month", on="15", codes=["gwcode", "iso3c"], system="gw"
    )
    cells: list[str | int | bool | None] = panel.data["coverage"]
    assert cells
    h.panel(years=[1990], unit="week")  # type: ignore[arg-type]
    return panel.to_parquet(path)


def save_unless_changed(path: str, token: dr.FileToken) -> None:
    """Save only if nobody changed the file since ``token`` was taken (not run: typing only)."""
    dr.dump(covered, path, expect=token)
    again: dr.FileToken = dr.file_token(path)
    assert again != token


def raise_errors() -> list[dr.DiplorelError]:
    """Errors take the offending value (and a reason) by position, their context by keyword."""
    return [
        dr.UnknownStateError("Koreaa", suggestions=("KOR", "PRK"), where="$.between[1]"),
        dr.StateNotInExistenceError("GDR", on="1995", existence="1949/1990", event="a note"),
        dr.InvalidTransitionError(
            dyad=("CUB", "KOR"), on="1950", event="e", met="m", rule="r", reason="why"
        ),
        dr.UnknownCurrencyError("USX", suggestions=("USD",)),
        dr.CurrencyMismatchError("USD", "EUR", operation="add"),
        dr.UnknownCreditLineError("x", known=("a",)),
        dr.InvalidTypeError("false", field="consular", expected="a bool"),
        dr.InvalidValueError("ambasador", allowed=("ambassador",)),
        dr.MissingExtraError("Panel.to_pandas", extra="pandas", package="pandas"),
        dr.UnknownStateError("Koreaa", ("KOR",)),  # type: ignore[call-arg]
    ]


def interval_table(h: dr.History) -> int:
    """The interval table: each dyad's answers as spans of days."""
    table: dr.Intervals = dr.intervals(h, states=["CUB", "KOR"])
    also: dr.Intervals = dr.intervals(h, dyads=[("CUB", "KOR")])
    written: int = table.to_csv("spans.csv") + also.to_parquet("spans.parquet")
    return written + len(table)
