"""The Correlates of War Diplomatic Exchange format, read into a history and written back.

The COW data (Bayer 2006) record, for each directed pair of states and observation year, the
level of representation: ``DR_at_1`` is the level of side 2's representative in side 1's
capital, ``DR_at_2`` the reverse; 0 none, 1 chargé d'affaires, 2 minister, 3 ambassador, 9 other
or unknown; ``DE`` is 1 when at least one side has a representative at the other.

**Observation-date convention.** A year's row describes the state of affairs on 31 December of
that year, or on the last day of the year on which both states were system members under those
COW codes, when one of them left during the year (the GFR's 1990 row describes 2 October 1990).
A change between two observations becomes a :class:`~diplorel.RepresentationChanged` event dated
with the **interval** between them (level 0 in 1930, 3 in 1935: the change happened in
1931/1935), so queries between observations are honestly uncertain.

**Level 9.** A 9 with ``DE = 1`` (and no other representative) is :attr:`Level.OTHER`, a
representative below chargé level or of unknown class; a 9 with ``DE = 0`` is
:attr:`Level.UNKNOWN`, nothing known. Both write back as 9. Interests sections in a history of
dated events are written as 9 without exchange, as COW codes them (United States-Cuba 1980-2005).

COW codes only representation, not the legal status of relations, so an imported history uses
:func:`cow_rules`, which accepts a level without relations.
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

from diplorel._dates import FuzzyDate, When
from diplorel._default_rules import default_rules
from diplorel._events import Event, RepresentationChanged, Source
from diplorel._files import write_atomic
from diplorel._history import History
from diplorel._rules import RuleSet, rule
from diplorel._states import CowSpell, StateRegistry, default_registry
from diplorel._status import DyadState, Level, MissionKind
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

_LEVEL_OF_CODE = {0: Level.NONE, 1: Level.CHARGE_D_AFFAIRES, 2: Level.MINISTER, 3: Level.AMBASSADOR}


@attrs.frozen
class CowRow:
    """One row of the Diplomatic Exchange data."""

    ccode1: int
    ccode2: int
    year: int
    dr_at_1: int
    dr_at_2: int
    de: int
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


@rule(RepresentationChanged, citation="COW Diplomatic Exchange coding: levels as observed")
def observed_class(state: DyadState, event: RepresentationChanged) -> DyadState:
    """An observed level of representation stands, with or without formal relations."""
    return attrs.evolve(state, representation=state.representation.set(event.sender, event.level))


def cow_rules(base: RuleSet | None = None) -> RuleSet:
    """The default rules with :func:`observed_class` in place of ``agreed_class``.

    Its name, ``cow``, is recorded in saved documents so that they load with it.
    """
    changed = (base or default_rules()).replace("agreed_class", observed_class)
    return attrs.evolve(changed, name="cow") if base is None else changed


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


def _observation_day(year: int, *spells: CowSpell) -> pendulum.Date:
    day = pendulum.Date(year, 12, 31)
    for s in spells:
        if s.end is not None and s.end < day:
            day = s.end
    return day


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


def _level(code: int, de: int) -> Level:
    if code == 9:  # noqa: PLR2004 - COW's "other"
        return Level.OTHER if de == 1 else Level.UNKNOWN
    return _LEVEL_OF_CODE[code]


def read_diplomatic_exchange(
    path: str | os.PathLike[str],
    *,
    registry: StateRegistry | None = None,
    strict: bool = True,
) -> History:
    """Build a history from a COW Diplomatic Exchange CSV.

    Each change of a directed level between two observations becomes a
    :class:`~diplorel.RepresentationChanged` dated with the interval between them. Rows for a
    year in which a state was not a system member at all are skipped (they carry no level).
    """
    reg = registry or default_registry()
    spells = _Spells(reg)
    # observations[(sender, receiver)] = [(day, level, first_possible_day)], by diplorel code
    observations: dict[tuple[str, str], dict[pendulum.Date, tuple[Level, str, str]]] = {}
    starts: dict[tuple[str, str], pendulum.Date] = {}
    problems: list[str] = []
    for row in read_rows(path):
        s1 = _spell_on(spells.by_ccode.get(row.ccode1, ()), row.year)
        s2 = _spell_on(spells.by_ccode.get(row.ccode2, ()), row.year)
        if s1 is None or s2 is None:
            continue
        day = _observation_day(row.year, s1, s2)
        try:
            a, b = spells.code(row.ccode1, day), spells.code(row.ccode2, day)
        except LookupError as e:
            problems.append(f"{e} @ {row}")
            continue
        de = row.de
        for sender, receiver, code in ((b, a, row.dr_at_1), (a, b, row.dr_at_2)):
            key = (reg.lineage(sender), reg.lineage(receiver))
            level = _level(code, de)
            seen = observations.setdefault(key, {})
            if day in seen and seen[day][0] != level:
                problems.append(f"{sender} at {receiver} in {row.year}: rows disagree @ {row}")
            seen[day] = (level, sender, receiver)
            first = max(s1.start, s2.start)
            starts[key] = min(starts.get(key, first), first)
    if problems:
        raise LoadError(str(path), problems)
    events: list[Event] = []
    for (sender, receiver), seen in sorted(observations.items()):
        previous_day: pendulum.Date | None = None
        previous = Level.NONE
        for day in sorted(seen):
            level, sender_then, receiver_then = seen[day]
            if level is not previous:
                begin = previous_day.add(days=1) if previous_day else starts[(sender, receiver)]
                events.append(
                    RepresentationChanged(
                        between=(sender_then, receiver_then),
                        sender=sender_then,
                        level=level,
                        on=_span(begin, day),
                        sources=(SOURCE,),
                    )
                )
            previous, previous_day = level, day
    return History(events, rules=cow_rules(), registry=reg, strict=strict)


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


def _code(state: DyadState, sender: str) -> int:
    level = state.representation.get(sender, Level.NONE)
    if level is Level.NONE and any(
        m.kind is MissionKind.INTERESTS_SECTION for m in state.missions.get(sender, ())
    ):
        return 9
    return level.cow


def diplomatic_exchange_rows(
    history: History,
    *,
    years: Iterable[int] = OBSERVATION_YEARS,
    states: Iterable[str] | None = None,
    involving: Iterable[str] | None = None,
    version: str = "2006.1",
) -> Iterator[CowRow]:
    """The COW rows of a history: both directions of every pair of system members, per year.

    ``states`` limits the pairs to those states, ``involving`` to pairs with at least one of
    those states (codes, names or aliases); by default every pair of COW members is written,
    as in the COW data. Each ccode has one row per pair and year.
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
            day = _observation_day(year, sa, sb)
            state = history.status(a, b, on=When(day=day)).state
            shown_a, shown_b = (_shown(state, reg, x) for x in (a, b))
            at_a, at_b = _code(state, shown_b), _code(state, shown_a)
            present_a = state.representation.get(shown_a, Level.NONE).is_present
            present_b = state.representation.get(shown_b, Level.NONE).is_present
            de = int(present_a or present_b)
            yield CowRow(sa.ccode, sb.ccode, year, at_a, at_b, de, version)
            yield CowRow(sb.ccode, sa.ccode, year, at_b, at_a, de, version)


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
) -> int:
    """Write the COW Diplomatic Exchange CSV of a history (atomically); return the row count.

    See :func:`diplomatic_exchange_rows` for which rows are written.
    """
    rows = list(
        diplomatic_exchange_rows(
            history, years=years, states=states, involving=involving, version=version
        )
    )
    rows.sort(key=lambda r: (r.ccode1, r.ccode2, r.year))

    def text() -> str:
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        out.write(",".join(f'"{c}"' for c in COLUMNS) + "\n")
        w.writerows(
            (r.ccode1, r.ccode2, r.year, r.dr_at_1, r.dr_at_2, r.de, r.version) for r in rows
        )
        return out.getvalue()

    write_atomic(path, text)
    return len(rows)
