"""The Correlates of War Diplomatic Exchange format, read into a history and written back.

The COW data (Bayer 2006) record, for each directed pair of states and observation year, the
level of representation: ``DR_at_1`` is the level of side 2's representative in side 1's
capital, ``DR_at_2`` the reverse; 0 none, 1 chargé d'affaires, 2 minister, 3 ambassador, 9 other
or unknown; ``DE`` is 1 when at least one side has a representative at the other.

COW codes the representative *present*, not the class agreed nor the legal status of
relations. Reading, a level is therefore an observation of presence, a
:class:`~diplorel.PresenceObserved`: never relations, never an agreed class. Writing, each level
comes from who is at post, by :func:`~diplorel.represent` under named
:class:`~diplorel.CowConventions`.

**Observation day.** A year's row describes the state of affairs on the day the conventions
name (``CowConventions.observation``): by default 31 December, bounded by the two states' joint
membership in that year (the GFR's 1990 row describes
2 October 1990). The reader dates observations with the same rule, so that reading a file and
writing it back gives the same rows. A change between two observations is dated with the
**interval** between them (0 in 1930, 3 in 1935: the change happened in 1930/1935), so queries
between observations are honestly uncertain.

**Level 9.** A 9 with ``DE = 1`` is :attr:`Rank.OTHER`, a representative below chargé level or
of unknown class, present; a 9 with ``DE = 0`` is :attr:`Rank.UNKNOWN`, not counted as
exchange. Both write back as 9. An interests section in a history of dated events is written as
9 without exchange when it is staffed by the protected state, as COW codes it (United
States-Cuba 1980-2005); a protecting power acting alone is 0 (the United States in Iran).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Iterator
from itertools import combinations
from pathlib import Path

import attrs
import pendulum

from diplorel._coverage import Coverage, Dimension, Record
from diplorel._dates import FuzzyDate, When
from diplorel._default_rules import default_rules
from diplorel._events import Event, PresenceObserved, Source
from diplorel._history import History
from diplorel._representation import DEFAULT_CONVENTIONS, CowConventions, cow_values, represent
from diplorel._rules import RuleSet
from diplorel._save import write_atomic
from diplorel._states import CowSpell, StateRegistry, default_registry
from diplorel._status import DyadState, Rank
from diplorel.exceptions import LoadError

__all__ = [
    "COLUMNS",
    "OBSERVATION_YEARS",
    "SOURCE",
    "CowRow",
    "cow_rules",
    "diplomatic_exchange_rows",
    "read_diplomatic_exchange",
    "read_rows",
    "write_diplomatic_exchange",
]

COLUMNS = ("ccode1", "ccode2", "year", "DR_at_1", "DR_at_2", "DE", "version")

OBSERVATION_YEARS: tuple[int, ...] = (
    1817,
    1824,
    1827,
    1832,
    1836,
    1840,
    *range(1844, 1915, 5),
    *range(1920, 1941, 5),
    *range(1950, 2006, 5),
)
"""The years COW v2006.1 observes."""

SOURCE = Source(
    publisher="Correlates of War Project",
    title='Bayer, Reşat. 2006. "Diplomatic Exchange Data set, v2006.1."',
    published_on="2006",
    url="https://correlatesofwar.org/data-sets/diplomatic-exchange/",
)
"""The citation of the COW Diplomatic Exchange data."""

_RANK_OF_CODE = {0: None, 1: Rank.CHARGE_D_AFFAIRES, 2: Rank.MINISTER, 3: Rank.AMBASSADOR}


@attrs.frozen
class CowRow:
    """One row of the Diplomatic Exchange data.

    A level or ``de`` is None only in a partial row (``partial=True``): the history has no
    record of that side.
    """

    ccode1: int
    ccode2: int
    year: int
    dr_at_1: int | None
    dr_at_2: int | None
    de: int | None
    version: str = "2006.1"


def _int(value: str, column: str, line: int, problems: list[str]) -> int:
    text = value.strip()
    try:
        return int(text)
    except ValueError:
        try:
            number = float(text)
        except ValueError:
            number = float("nan")
        if number.is_integer():
            return int(number)
        problems.append(f"{column}: expected a whole number, got {value!r} @ line {line}")
        return 0


def read_rows(path: str | os.PathLike[str]) -> list[CowRow]:
    """Read the rows of a Diplomatic Exchange CSV (quoted header, CR, LF or CRLF line ends).

    Raises :class:`~diplorel.LoadError` listing every malformed row.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise LoadError(str(p), [f"cannot read the file: {e}"]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    missing = [c for c in COLUMNS[:6] if c not in header]
    if missing:
        raise LoadError(str(p), [f"missing column(s) {', '.join(missing)} @ line 1"])
    index = {c: header.index(c) for c in COLUMNS if c in header}
    problems: list[str] = []
    rows = []
    for line, cells in enumerate(reader, start=2):
        if not cells or not "".join(cells).strip():
            continue
        if len(cells) < len(header):
            problems.append(f"expected {len(header)} fields, got {len(cells)} @ line {line}")
            continue
        values = {c: _int(cells[i], c, line, problems) for c, i in index.items() if c != "version"}
        problems.extend(
            f"{column}: expected 0, 1, 2, 3 or 9 @ line {line}"
            for column in ("DR_at_1", "DR_at_2")
            if values[column] not in {0, 1, 2, 3, 9}
        )
        if values["DE"] not in {0, 1}:
            problems.append(f"DE: expected 0 or 1 @ line {line}")
        version = cells[index["version"]].strip() if "version" in index else "2006.1"
        rows.append(
            CowRow(
                values["ccode1"],
                values["ccode2"],
                values["year"],
                values["DR_at_1"],
                values["DR_at_2"],
                values["DE"],
                version,
            )
        )
    if problems:
        raise LoadError(str(p), problems)
    return rows


def cow_rules(base: RuleSet | None = None) -> RuleSet:
    """The rule set that documents naming ``"rules": "cow"`` load with.

    Since schema version 2 a COW level is read as a :class:`~diplorel.PresenceObserved`,
    which the default rules accept with or without relations, so this is the default rule
    set (or ``base``) under the name ``cow``. Version 1 documents that name it are upcast.
    """
    return attrs.evolve(base or default_rules(), name="cow")


def _spell_on(spells: Iterable[CowSpell], year: int) -> CowSpell | None:
    """The spell of a ccode that covers part of ``year`` and lasts longest in it, if any."""
    start, end = pendulum.Date(year, 1, 1), pendulum.Date(year, 12, 31)
    found = None
    for s in spells:
        overlaps = s.start <= end and (s.end is None or s.end >= start)
        later = found is None or (found.end is not None and (s.end is None or s.end > found.end))
        if overlaps and later:
            found = s
    return found


def _observation_day(year: int, conventions: CowConventions, *spells: CowSpell) -> pendulum.Date:
    """The day a year's row describes, within the spells' joint membership."""
    first = max(s.start for s in spells)
    ends = [s.end for s in spells if s.end is not None]
    return conventions.observation_day(year, first=first, last=min(ends) if ends else None)


class _Spells:
    """COW membership spells by ccode, from the registry."""

    def __init__(self, registry: StateRegistry) -> None:
        self.by_ccode: dict[int, list[CowSpell]] = {}
        self.registry = registry
        for state in registry:
            for spell in state.cow:
                self.by_ccode.setdefault(spell.ccode, []).append(spell)

    def code(self, ccode: int, day: pendulum.Date) -> str:
        return self.registry.from_cow(ccode, day).code


def _read_value(value: int | None) -> int:
    """A value of a row read from a file (always there: only written rows may lack one)."""
    if value is None:
        msg = "a row read from a file has every value"
        raise ValueError(msg)
    return value


def _rank(code: int, de: int) -> Rank | None:
    if code == 9:  # noqa: PLR2004 - COW's "other"
        return Rank.OTHER if de == 1 else Rank.UNKNOWN
    return _RANK_OF_CODE[code]


def read_diplomatic_exchange(
    path: str | os.PathLike[str],
    *,
    registry: StateRegistry | None = None,
    strict: bool = True,
    conventions: CowConventions = DEFAULT_CONVENTIONS,
) -> History:
    """Build a history from a COW Diplomatic Exchange CSV.

    Each change of a directed level between two observations becomes a
    :class:`~diplorel.PresenceObserved` dated with the interval between them: presence, never
    relations or an agreed class. The history covers (:class:`~diplorel.Coverage`) the
    presence of each pair on the days the file observes it, so that a pair at 0 is a certain
    nobody there, and writing the history back gives exactly the rows read. Rows for a year
    in which a state was not a system member at all are skipped (they carry no level).
    ``conventions`` must be those the file will be written back with for the rows to come
    back unchanged.
    """
    reg = registry or default_registry()
    spells = _Spells(reg)
    # observations[(sender, receiver)] = {day: (rank, sender then, receiver then)}
    observations: dict[tuple[str, str], dict[pendulum.Date, tuple[Rank | None, str, str]]] = {}
    starts: dict[tuple[str, str], pendulum.Date] = {}
    problems: list[str] = []
    for row in read_rows(path):
        s1 = _spell_on(spells.by_ccode.get(row.ccode1, ()), row.year)
        s2 = _spell_on(spells.by_ccode.get(row.ccode2, ()), row.year)
        if s1 is None or s2 is None:
            continue
        day = _observation_day(row.year, conventions, s1, s2)
        try:
            a, b = spells.code(row.ccode1, day), spells.code(row.ccode2, day)
        except LookupError as e:
            problems.append(f"{e} @ {row}")
            continue
        de = _read_value(row.de)
        for sender, receiver, code in ((b, a, row.dr_at_1), (a, b, row.dr_at_2)):
            key = (reg.lineage(sender), reg.lineage(receiver))
            rank = _rank(_read_value(code), de)
            seen = observations.setdefault(key, {})
            if day in seen and seen[day][0] != rank:
                problems.append(f"{sender} at {receiver} in {row.year}: rows disagree @ {row}")
            seen[day] = (rank, sender, receiver)
            first = max(s1.start, s2.start)
            starts[key] = min(starts.get(key, first), first)
    if problems:
        raise LoadError(str(path), problems)
    events: list[Event] = []
    for (sender, receiver), seen in sorted(observations.items()):
        previous_day: pendulum.Date | None = None
        previous: Rank | None = None
        for day in sorted(seen):
            rank, sender_then, receiver_then = seen[day]
            if rank is not previous:
                begin = previous_day.add(days=1) if previous_day else starts[(sender, receiver)]
                events.append(
                    PresenceObserved(
                        between=(sender_then, receiver_then),
                        sender=sender_then,
                        rank=rank,
                        on=_span(begin, day),
                        sources=(SOURCE,),
                    )
                )
            previous, previous_day = rank, day
    coverage = [
        Coverage(
            state=a,
            partner=b,
            dimensions=(Dimension.PRESENCE,),
            days=sorted(seen),
            sources=(SOURCE,),
        )
        for (a, b), seen in sorted(observations.items())
        if a < b
    ]
    return History(events, registry=reg, strict=strict, coverage=coverage)


def _span(begin: pendulum.Date, end: pendulum.Date) -> FuzzyDate:
    """The days from ``begin`` to ``end``, as coarse as the bounds allow (1931/1935)."""
    begin = min(begin, end)
    if begin == end:
        return FuzzyDate.day(end)
    year_bounds = begin.month == 1 and begin.day == 1 and end.month == 12 and end.day == 31  # noqa: PLR2004
    if year_bounds:
        if begin.year == end.year:
            return FuzzyDate.year(end.year)
        return FuzzyDate.between(FuzzyDate.year(begin.year), FuzzyDate.year(end.year))
    return FuzzyDate.between(FuzzyDate.day(begin), FuzzyDate.day(end))


def diplomatic_exchange_rows(
    history: History,
    *,
    years: Iterable[int] = OBSERVATION_YEARS,
    states: Iterable[str] | None = None,
    involving: Iterable[str] | None = None,
    version: str = "2006.1",
    conventions: CowConventions = DEFAULT_CONVENTIONS,
    partial: bool = False,
) -> Iterator[CowRow]:
    """The COW rows of a history: both directions of every pair of system members, per year.

    ``states`` limits the pairs to those states, ``involving`` to pairs with at least one of
    those states (codes, names or aliases); by default every pair of COW members is written,
    as in the COW data, where the history has a record of the pair that year: a pair the
    history holds no act of, and does not cover (:class:`~diplorel.Coverage`), has no row
    (never a row of zeros). Each ccode has one row per pair and year. Levels are who is at
    post, coded by :func:`~diplorel.represent` under ``conventions``.

    Where the history records one side of a pair only (the State Department's records cover
    the US chiefs of mission, not the partners' envoys in Washington), the row is left out;
    with ``partial=True`` it is written with the unrecorded level as None (an empty cell),
    and ``de`` is 1 when the recorded side has a representative, else None.
    """
    reg = history.registry
    members = (
        sorted({reg.resolve(s) for s in states})
        if states is not None
        else sorted(s.code for s in reg if s.cow)
    )
    focus = {reg.resolve(s) for s in involving} if involving is not None else None
    spells_by_ccode: dict[int, list[tuple[str, CowSpell]]] = {}
    for code in members:
        for spell in reg.get(code).cow:
            spells_by_ccode.setdefault(spell.ccode, []).append((code, spell))
    for year in years:
        present = []
        for ccode in sorted(spells_by_ccode):
            found = _spell_on((s for _, s in spells_by_ccode[ccode]), year)
            if found is not None:
                code = next(c for c, s in spells_by_ccode[ccode] if s is found)
                present.append((code, found))
        for (a, sa), (b, sb) in combinations(present, 2):
            if reg.lineage(a) == reg.lineage(b):
                continue
            if focus is not None and a not in focus and b not in focus:
                continue
            day = _observation_day(year, conventions, sa, sb)
            values = _values(history, a, b, day, conventions, partial=partial)
            if values is None:
                continue  # no record of the pair (or of a side): no row, never zeros
            at_a, at_b, de = values
            yield CowRow(sa.ccode, sb.ccode, year, at_a, at_b, de, version)
            yield CowRow(sb.ccode, sa.ccode, year, at_b, at_a, de, version)


_UNKNOWN = (Record.NO_RECORD, Record.NOT_EXISTING)


def _values(
    history: History,
    a: str,
    b: str,
    day: pendulum.Date,
    conventions: CowConventions,
    *,
    partial: bool,
) -> tuple[int | None, int | None, int | None] | None:
    """A row's (level at a, level at b, DE) on ``day``; None where it is not written."""
    if history.record(a, b, on=When(day=day), dimension=Dimension.PRESENCE) in _UNKNOWN:
        return None
    state = history.status(a, b, on=When(day=day)).state
    reg = history.registry
    shown_a, shown_b = (_shown(state, reg, x) for x in (a, b))
    if state.presence_unknown:
        return _partial(state, shown_a, shown_b, day.year, conventions) if partial else None
    return cow_values(state, shown_a, shown_b, year=day.year, conventions=conventions)


def _partial(
    state: DyadState, first: str, second: str, year: int, conventions: CowConventions
) -> tuple[int | None, int | None, int | None]:
    """A row's values where one side is unrecorded: that level None, DE 1 or None."""
    reps = {
        x: represent(state, x, year=year, conventions=conventions)
        for x in (first, second)
        if state.presence_known_of(x)
    }
    at_first = reps[second].cow if second in reps else None
    at_second = reps[first].cow if first in reps else None
    return at_first, at_second, 1 if any(r.exchange for r in reps.values()) else None


def _shown(state: DyadState, reg: StateRegistry, code: str) -> str:
    """The code under which ``code``'s lineage appears in ``state`` (SUN for RUS in 1980)."""
    root = reg.lineage(code)
    return next((c for c in state.dyad if reg.lineage(c) == root), code)


def write_diplomatic_exchange(
    history: History,
    path: str | os.PathLike[str],
    *,
    years: Iterable[int] = OBSERVATION_YEARS,
    states: Iterable[str] | None = None,
    involving: Iterable[str] | None = None,
    version: str = "2006.1",
    conventions: CowConventions = DEFAULT_CONVENTIONS,
    partial: bool = False,
) -> int:
    """Write the COW Diplomatic Exchange CSV of a history (atomically); return the row count.

    See :func:`diplomatic_exchange_rows` for which rows are written; an unrecorded level of
    a partial row is an empty cell.
    """
    rows = list(
        diplomatic_exchange_rows(
            history,
            years=years,
            states=states,
            involving=involving,
            version=version,
            conventions=conventions,
            partial=partial,
        )
    )
    rows.sort(key=lambda r: (r.ccode1, r.ccode2, r.year))

    def text() -> str:
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        out.write(",".join(f'"{c}"' for c in COLUMNS) + "\n")
        w.writerows(
            (
                "" if v is None else v
                for v in (r.ccode1, r.ccode2, r.year, r.dr_at_1, r.dr_at_2, r.de, r.version)
            )
            for r in rows
        )
        return out.getvalue()

    write_atomic(path, text)
    return len(rows)
