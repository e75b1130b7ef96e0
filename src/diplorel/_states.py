"""The state registry: codes, names, COW and G-W membership, the lifecycle and governments.

A state is identified by an ISO 3166-1 alpha-3 code, an ISO 3166-3 code for withdrawn countries
(``SUN``, ``DDR``), or a project-own code in the ISO user-assigned range (``XKX`` Kosovo, ``XBV``
Bavaria). Names and aliases resolve to codes; an unknown one gets the closest suggestions. Some
states are listed with their governments (China's Qing, Republic and People's Republic), for
acts that recognise a government rather than a state.

>>> resolve_state("Republic of Korea")
'KOR'
>>> reg = default_registry()
>>> reg.from_cow(365, pendulum.Date(1980, 1, 1)).code
'SUN'
>>> reg.lineage("YUG")
'SRB'
>>> reg.government_on("CHN", pendulum.Date(1930, 1, 1)).id
'roc'
>>> reg.by_gw(260, pendulum.Date(2000, 1, 1)).code, reg.by_iso2("kr").wb_name
('DEU', 'Korea, Rep.')
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
import re
import unicodedata
from importlib import resources
from typing import TYPE_CHECKING

import attrs
import pendulum

from diplorel.exceptions import InvalidEventError, UnknownStateError

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

#: COW's first observation day; a state that starts on it may well be older.
OPEN_START = pendulum.Date(1816, 1, 1)
_CODE_KINDS = frozenset({"iso3166-1", "iso3166-3", "user-assigned"})
_MIN_SCORE = 0.6
_NUMBER = re.compile(r"\s*(\d{1,4})\s*")
_WORD = re.compile(r"[^\w]+")


def _date(text: str) -> pendulum.Date:
    year, month, day = text.split("-")
    return pendulum.Date(int(year), int(month), int(day))


def _opt_date(text: str) -> pendulum.Date | None:
    return _date(text) if text else None


def _opt_int(text: str) -> int | None:
    return int(text) if text else None


def _number(value: int | str, system: str) -> int:
    """A code number given as an int or as text (``"2"``, ``" 2 "``); else UnknownStateError."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        msg = f"a {system} code is an int or its text, not {type(value).__name__}"
        raise TypeError(msg)
    if isinstance(value, int):
        return value
    found = _NUMBER.fullmatch(value)
    if found is None:
        raise UnknownStateError(value[:80], where=f"{system} codes")
    return int(found.group(1))


def _words(key: str) -> tuple[str, ...]:
    return tuple(w for w in _WORD.split(key) if w)


def _key(text: str) -> str:
    """Return the lookup form of a name: no accents, one kind of apostrophe, casefolded."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


@attrs.frozen
class CowSpell:
    """One spell of membership in the COW state system (both ends inclusive).

    Attributes:
        ccode: the COW country code.
        abbreviation: COW's ``stateabb`` (``UKG``, ``GMY``), not an ISO code.
        start: the first day in the system.
        end: the last day in the system, or None if the spell is still running.
    """

    ccode: int
    abbreviation: str
    start: pendulum.Date
    end: pendulum.Date | None

    def contains(self, on: pendulum.Date) -> bool:
        """Whether ``on`` falls within the spell."""
        return self.start <= on and (self.end is None or on <= self.end)


@attrs.frozen
class GwSpell:
    """One spell in Gleditsch & Ward's list of independent states (both ends inclusive).

    Attributes:
        gwcode: the Gleditsch-Ward number (not always COW's: Germany since 1990 is GW 260).
        letters: G-W's three-letter code (``GFR``, ``DRV``), neither COW's nor ISO's.
        start: the first day in the list.
        end: the last day, or None if the spell runs to the end of the data (2017-12-31).
    """

    gwcode: int
    letters: str
    start: pendulum.Date
    end: pendulum.Date | None

    def contains(self, on: pendulum.Date) -> bool:
        """Whether ``on`` falls within the spell."""
        return self.start <= on and (self.end is None or on <= self.end)


@attrs.frozen
class State:
    """A sovereign state, as the registry knows it.

    Attributes:
        code: the diplorel code (``KOR``, ``SUN``, ``XKX``).
        code_kind: ``iso3166-1``, ``iso3166-3`` or ``user-assigned``.
        name: the short English name.
        official_name: the formal name (the last one, for states that changed it).
        aliases: other names and abbreviations that resolve to this state.
        cow: the COW membership spells under this code, clipped to the code's periods.
        begins_on: the first day of existence, or None if open-ended (before 1816 or unknown).
        ends_on: the first day the state no longer exists, or None if it still exists.
        continued_by: the code that carries on this state's relations from ``ends_on``.
        absorbed_by: the code of the state that absorbed this one on ``ends_on``.
        note: provenance of own codes and other remarks.
        iso2: the ISO 3166-1 alpha-2 code (3166-3's former one for withdrawn states), or None.
        iso_numeric: the ISO 3166-1 numeric code (3166-3's former one), or None.
        m49: the UN M49 code (ISO's numeric code, for the states M49 lists), or None.
        wb_name: the World Bank's short name (``Korea, Rep.``), or None.
        gw: the Gleditsch-Ward spells under this code, clipped to the code's periods.
    """

    code: str
    code_kind: str
    name: str
    official_name: str
    aliases: tuple[str, ...] = ()
    cow: tuple[CowSpell, ...] = ()
    begins_on: pendulum.Date | None = None
    ends_on: pendulum.Date | None = None
    continued_by: str | None = None
    absorbed_by: str | None = None
    note: str = ""
    iso2: str | None = None
    iso_numeric: int | None = None
    m49: int | None = None
    wb_name: str | None = None
    gw: tuple[GwSpell, ...] = ()

    def exists_on(self, date: pendulum.Date) -> bool:
        """Whether the state existed on ``date``; gaps between COW spells (occupation) count.

        >>> import pendulum
        >>> ddr = default_registry().get("DDR")
        >>> ddr.exists_on(pendulum.Date(1990, 10, 2)), ddr.exists_on(pendulum.Date(1990, 10, 3))
        (True, False)
        """
        return (self.begins_on is None or self.begins_on <= date) and (
            self.ends_on is None or date < self.ends_on
        )

    def cow_code(self, on: pendulum.Date) -> int | None:
        """The COW ccode under which the state was a system member on ``on``, if it was one.

        >>> import pendulum
        >>> default_registry().get("DEU").cow_code(pendulum.Date(1970, 1, 1))
        260
        """
        return next((s.ccode for s in self.cow if s.contains(on)), None)

    def gw_code(self, on: pendulum.Date) -> int | None:
        """The Gleditsch-Ward number of the state on ``on``, if G-W list it then.

        >>> import pendulum
        >>> default_registry().get("DEU").gw_code(pendulum.Date(2000, 1, 1))
        260
        """
        return next((s.gwcode for s in self.gw if s.contains(on)), None)

    def gw_letters(self, on: pendulum.Date) -> str | None:
        """G-W's three-letter code of the state on ``on`` (``GFR``), if G-W list it then."""
        return next((s.letters for s in self.gw if s.contains(on)), None)


@attrs.frozen
class CowCodePeriod:
    """The diplorel code that a COW ccode stands for from ``start`` to ``end``.

    Both ends are inclusive; None means open.
    """

    ccode: int
    code: str
    start: pendulum.Date | None = None
    end: pendulum.Date | None = None

    def contains(self, on: pendulum.Date) -> bool:
        """Whether ``on`` falls within the period."""
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@attrs.frozen
class GwCodePeriod:
    """The diplorel code that Gleditsch-Ward number ``gwcode`` stands for (inclusive ends)."""

    gwcode: int
    code: str
    start: pendulum.Date | None = None
    end: pendulum.Date | None = None

    def contains(self, on: pendulum.Date) -> bool:
        """Whether ``on`` falls within the period."""
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@attrs.frozen
class Continuation:
    """From ``on``, state ``new`` continues state ``old`` and carries over all its relations."""

    old: str
    new: str
    on: pendulum.Date
    source: str


@attrs.frozen
class Extinction:
    """State ``state`` ceased to exist on ``on``, absorbed by ``absorbed_by`` if not None."""

    state: str
    on: pendulum.Date
    absorbed_by: str | None
    source: str


@attrs.frozen
class Government:
    """A government of a state, for acts that recognise a government rather than the state.

    Attributes:
        state: the code it is filed under (the lineage's code: RUS for the USSR's governments).
        id: the stable id that acts name (``qing``, ``roc``, ``prc``, ``soviet``).
        name: an English name.
        begins_on: the first day in office, or None if open (before 1816).
        ends_on: the first day no longer in office (exclusive), or None if still in office.
        sources: the citation of ``begins_on`` and of ``ends_on`` ("" for an open end).
    """

    state: str
    id: str
    name: str
    begins_on: pendulum.Date | None = None
    ends_on: pendulum.Date | None = None
    sources: tuple[str, str] = ("", "")

    def in_office_on(self, day: pendulum.Date) -> bool:
        """Whether the government held office on ``day``."""
        return (self.begins_on is None or self.begins_on <= day) and (
            self.ends_on is None or day < self.ends_on
        )


def _government_problems(
    by_code: dict[str, State], governments: tuple[Government, ...]
) -> list[str]:
    """Governments of unknown states, repeated ids, empty periods and dates without sources."""
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for g in governments:
        what = f"government {g.state} {g.id}"
        if g.state not in by_code:
            problems.append(f"{what}: unknown state {g.state}")
        if (g.state, g.id) in seen:
            problems.append(f"{what}: listed twice")
        seen.add((g.state, g.id))
        if g.begins_on is not None and g.ends_on is not None and g.ends_on <= g.begins_on:
            problems.append(f"{what}: ends before it begins")
        if (g.begins_on is not None and not g.sources[0]) or (
            g.ends_on is not None and not g.sources[1]
        ):
            problems.append(f"{what}: a date without a source")
    return problems


def _drop_covered(spells: list[CowSpell]) -> tuple[CowSpell, ...]:
    """Leave out spells inside another (COW lets 345 YUG and SRB overlap on 2006-06-03)."""

    def inside(s: CowSpell, t: CowSpell) -> bool:
        return t.start <= s.start and (t.end is None or (s.end is not None and s.end <= t.end))

    return tuple(s for s in spells if not any(t is not s and inside(s, t) for t in spells))


_Spells = dict[int, list[tuple[str, pendulum.Date, pendulum.Date]]]
_Clipped = dict[str, list[tuple[int, str, pendulum.Date, pendulum.Date | None]]]


def _read_spells(text: str, number: str, letters: str) -> _Spells:
    """The spells of a membership list (``cow_spells.csv``, ``gw_spells.csv``) by number."""
    spells: _Spells = {}
    for row in csv.DictReader(io.StringIO(text)):
        entry = (row[letters], _date(row["start"]), _date(row["end"]))
        spells.setdefault(int(row[number]), []).append(entry)
    return spells


def _clip(
    spells: _Spells, periods: list[tuple[int, str, pendulum.Date | None, pendulum.Date | None]]
) -> _Clipped:
    """Each code's spells, clipped to its numbers' periods; a spell to the data's end is open."""
    last_day = max((end for rows in spells.values() for _, _, end in rows), default=None)
    clipped: _Clipped = {}
    for number, code, first, last in periods:
        for letters, start, end in spells.get(number, []):
            lo = max(start, first) if first else start
            hi = min(end, last) if last else end
            if lo <= hi:
                entry = (number, letters, lo, None if hi == last_day else hi)
                clipped.setdefault(code, []).append(entry)
    return clipped


def _reference_problems(
    by_code: dict[str, State],
    periods: tuple[CowCodePeriod, ...],
    gw_periods: tuple[GwCodePeriod, ...] = (),
) -> list[str]:
    """Codes that are referred to but unknown, and continuation cycles."""
    problems = [f"COW {p.ccode}: unknown code {p.code}" for p in periods if p.code not in by_code]
    problems += [
        f"G-W {p.gwcode}: unknown code {p.code}" for p in gw_periods if p.code not in by_code
    ]
    for state in by_code.values():
        problems += [
            f"{state.code}: unknown successor {ref}"
            for ref in (state.continued_by, state.absorbed_by)
            if ref is not None and ref not in by_code
        ]
        seen, nxt = {state.code}, state.continued_by
        while nxt is not None and nxt in by_code and nxt not in seen:
            seen.add(nxt)
            nxt = by_code[nxt].continued_by
        if nxt is not None and nxt in seen:
            problems.append(f"continuation cycle through {state.code}")
    return problems


@attrs.frozen(eq=False)
class StateRegistry:
    """An immutable set of states with lookups by code, name, alias, COW, G-W and ISO number.

    Build one with :meth:`from_csv`, or use :func:`default_registry` for the packaged data.
    Construction checks the data and raises ``ValueError`` listing every problem. Names resolve
    by code, name, official name and alias (each must name one state), and also by ISO alpha-2
    code, World Bank name and G-W letters where these name one state and no other state's name.
    """

    states: tuple[State, ...]
    cow_periods: tuple[CowCodePeriod, ...] = ()
    _continuations: tuple[Continuation, ...] = ()
    _extinctions: tuple[Extinction, ...] = ()
    _governments: tuple[Government, ...] = ()
    _gw_periods: tuple[GwCodePeriod, ...] = ()
    _by_code: dict[str, State] = attrs.field(init=False, factory=dict)
    _index: dict[str, str] = attrs.field(init=False, factory=dict)
    _by_ccode: dict[int, tuple[CowCodePeriod, ...]] = attrs.field(init=False, factory=dict)
    _by_gw: dict[int, tuple[GwCodePeriod, ...]] = attrs.field(init=False, factory=dict)
    _by_iso: dict[str | int, tuple[str, ...]] = attrs.field(init=False, factory=dict)

    def _data(self) -> tuple[object, ...]:
        return (
            self.states,
            self.cow_periods,
            self._continuations,
            self._extinctions,
            self._governments,
            self._gw_periods,
        )

    def __eq__(self, other: object) -> bool:
        """Equal when they hold the same states, COW periods, successions and governments."""
        if not isinstance(other, StateRegistry):
            return NotImplemented
        return self is other or self._data() == other._data()

    def __hash__(self) -> int:
        """Consistent with equality."""
        return hash(self._data())

    def __attrs_post_init__(self) -> None:
        """Index the states and check that the data hang together."""
        problems: list[str] = []
        for state in self.states:
            if state.code in self._by_code:
                problems.append(f"duplicate code {state.code}")
            if state.code_kind not in _CODE_KINDS:
                problems.append(f"{state.code}: unknown code kind {state.code_kind!r}")
            self._by_code[state.code] = state
        for state in self.states:
            for text in (state.code, state.name, state.official_name, *state.aliases):
                owner = self._index.setdefault(_key(text), state.code)
                if owner != state.code:
                    problems.append(f"{text!r} names both {owner} and {state.code}")
        self._index_secondary()
        by_ccode: dict[int, list[CowCodePeriod]] = {}
        for period in self.cow_periods:
            by_ccode.setdefault(period.ccode, []).append(period)
        self._by_ccode.update((c, tuple(ps)) for c, ps in by_ccode.items())
        by_gw: dict[int, list[GwCodePeriod]] = {}
        for gw in self._gw_periods:
            by_gw.setdefault(gw.gwcode, []).append(gw)
        self._by_gw.update((c, tuple(ps)) for c, ps in by_gw.items())
        problems += _reference_problems(self._by_code, self.cow_periods, self._gw_periods)
        problems += _government_problems(self._by_code, self._governments)
        if problems:
            raise ValueError("invalid state registry: " + "; ".join(problems))

    def _index_secondary(self) -> None:
        """Add ISO alpha-2 codes, World Bank names and G-W letters that name one state only."""
        owners: dict[str, set[str]] = {}
        by_iso: dict[str | int, list[str]] = {}
        for state in self.states:
            for text in (state.iso2, state.wb_name, *(s.letters for s in state.gw)):
                if text:
                    owners.setdefault(_key(text), set()).add(state.code)
            for iso in (state.iso2, state.iso_numeric):
                if iso is not None:
                    by_iso.setdefault(iso, []).append(state.code)
        for key, codes in owners.items():
            if len(codes) == 1 and key not in self._index:
                self._index[key] = next(iter(codes))
        self._by_iso.update((k, tuple(v)) for k, v in by_iso.items())

    @classmethod
    def from_csv(
        cls,
        *,
        states: str,
        cow_spells: str,
        cow_codes: str,
        lifecycle: str,
        governments: str = "",
        gw_spells: str = "",
        gw_codes: str = "",
        codes: str = "",
    ) -> StateRegistry:
        """Build a registry from the texts of the CSV files in ``diplorel/data``.

        ``gw_spells``, ``gw_codes`` (G-W membership) and ``codes`` (ISO, M49, World Bank) are
        optional: without them no state has those codes.
        """
        periods = [
            CowCodePeriod(int(r["ccode"]), r["code"], _opt_date(r["from"]), _opt_date(r["to"]))
            for r in csv.DictReader(io.StringIO(cow_codes))
        ]
        clipped = _clip(
            _read_spells(cow_spells, "ccode", "stateabb"),
            [(p.ccode, p.code, p.start, p.end) for p in periods],
        )
        gw_periods = [
            GwCodePeriod(int(r["gwcode"]), r["code"], _opt_date(r["from"]), _opt_date(r["to"]))
            for r in csv.DictReader(io.StringIO(gw_codes))
        ]
        gw_clipped = _clip(
            _read_spells(gw_spells, "gwcode", "gwabb"),
            [(p.gwcode, p.code, p.start, p.end) for p in gw_periods],
        )
        extra = {r["code"]: r for r in csv.DictReader(io.StringIO(codes))}
        continuations: list[Continuation] = []
        extinctions: list[Extinction] = []
        for r in csv.DictReader(io.StringIO(lifecycle)):
            on, other = _date(r["on"]), r["other"] or None
            if r["event"] == "continued" and other is not None:
                continuations.append(Continuation(r["code"], other, on, r["source"]))
            elif r["event"] == "extinct":
                extinctions.append(Extinction(r["code"], on, other, r["source"]))
            else:
                msg = f"invalid lifecycle row for {r['code']}: {r['event']!r} {other!r}"
                raise ValueError(msg)
        ends = {c.old: c.on for c in continuations} | {e.state: e.on for e in extinctions}
        continued_by = {c.old: c.new for c in continuations}
        absorbed_by = {e.state: e.absorbed_by for e in extinctions}

        def build(r: dict[str, str]) -> State:
            code = r["code"]
            spells = [CowSpell(*s) for s in clipped.get(code, [])]
            cow = _drop_covered(sorted(spells, key=lambda s: s.start))
            gw = tuple(
                sorted((GwSpell(*s) for s in gw_clipped.get(code, [])), key=lambda s: s.start)
            )
            more = extra.get(code, {})
            begins = _opt_date(r["independent_on"]) or (cow[0].start if cow else None)
            return State(
                code=code,
                code_kind=r["code_kind"],
                name=r["name"],
                official_name=r["official_name"],
                aliases=tuple(a for a in r["aliases"].split("|") if a),
                cow=cow,
                begins_on=None if begins == OPEN_START else begins,
                ends_on=ends.get(code),
                continued_by=continued_by.get(code),
                absorbed_by=absorbed_by.get(code),
                note=r["note"],
                iso2=more.get("iso2") or None,
                iso_numeric=_opt_int(more.get("iso_numeric", "")),
                m49=_opt_int(more.get("m49", "")),
                wb_name=more.get("wb_name") or None,
                gw=gw,
            )

        rows = csv.DictReader(io.StringIO(states))
        built = tuple(build(r) for r in rows)
        unknown = sorted(set(extra) - {s.code for s in built})
        if unknown:
            raise ValueError(
                "invalid state registry: codes of unknown states " + ", ".join(unknown)
            )
        govs = tuple(
            Government(
                state=r["state"],
                id=r["government"],
                name=r["name"],
                begins_on=_opt_date(r["from"]),
                ends_on=_opt_date(r["to"]),
                sources=(r["from_source"], r["to_source"]),
            )
            for r in csv.DictReader(io.StringIO(governments))
        )
        return cls(
            built,
            tuple(periods),
            tuple(continuations),
            tuple(extinctions),
            govs,
            tuple(gw_periods),
        )

    def __iter__(self) -> Iterator[State]:
        """The states, in code order as loaded."""
        return iter(self.states)

    def __len__(self) -> int:
        """The number of states."""
        return len(self.states)

    def __contains__(self, query: object) -> bool:
        """Whether ``query`` is a code, name or alias of a state."""
        return isinstance(query, str) and (query in self._by_code or _key(query) in self._index)

    def get(self, query: str, *, where: str = "") -> State:
        """The state with code, name or alias ``query`` (case and accents do not matter).

        Raises:
            UnknownStateError: nothing is called ``query``; carries up to 5 suggested codes.

        >>> default_registry().get("rok").name
        'South Korea'
        """
        found = self._by_code.get(query)  # the fast path: an exact code
        if found is not None:
            return found
        code = self._index.get(_key(query))
        if code is None:
            raise UnknownStateError(query, suggestions=self.suggest(query), where=where)
        return self._by_code[code]

    def find(self, query: str) -> State | None:
        """The state with code, name or alias ``query``, or None (no suggestions worked out)."""
        found = self._by_code.get(query)
        if found is None:
            code = self._index.get(_key(query))
            found = None if code is None else self._by_code[code]
        return found

    def resolve(self, query: str, *, where: str = "") -> str:
        """The code of the state with code, name or alias ``query``; see :meth:`get`."""
        return self.get(query, where=where).code

    def suggest(self, query: str, limit: int = 5) -> tuple[str, ...]:
        """Up to ``limit`` codes whose code, names or aliases look most like ``query``.

        Ties go to states that still exist, then to the code in alphabetical order.

        >>> default_registry().suggest("Koreaa")[:2]
        ('KOR', 'PRK')
        """
        scores = self._scores(_key(query))
        ranked = sorted(scores, key=lambda c: (-scores[c], self._by_code[c].ends_on is not None, c))
        return tuple(ranked[:limit])

    def _scores(self, query: str) -> dict[str, float]:
        best: dict[str, float] = {}
        if not query:
            return best
        matcher = difflib.SequenceMatcher(a=query)
        for key, code in self._index.items():
            parts = [key, *(w for w in re.split(r"[^\w]+", key) if w and w != key)]
            for i, part in enumerate(parts):
                matcher.set_seq2(part)
                if matcher.real_quick_ratio() < _MIN_SCORE or matcher.quick_ratio() < _MIN_SCORE:
                    continue
                score = round(matcher.ratio() * (1.0 if i == 0 else 0.95), 4)
                if score >= _MIN_SCORE and score > best.get(code, 0.0):
                    best[code] = score
        return best

    def search(self, text: str) -> list[State]:
        """The states ``text`` names: exactly, else by whole words; [] if neither (see suggest).

        A code, name or alias (``germany``) finds that state alone; other text finds every state
        with a name, alias or code that holds its words as whole words (``korea`` finds North
        and South Korea and the Korean Empire, whose alias is ``Korea (1887-1905)``), existing
        states first, then by code. A misspelling finds nothing: :meth:`suggest` has near misses.

        >>> [s.code for s in default_registry().search("germany")]
        ['DEU']
        >>> [s.code for s in default_registry().search("yemen arab")]
        ['YEM']
        >>> [s.code for s in default_registry().search("congo")]
        ['COD', 'COG', 'XCF']
        """
        query = _key(text)
        if not query:
            return []
        if query in self._index:
            return [self._by_code[self._index[query]]]
        words = _words(query)
        n = len(words)
        found = {
            code
            for key, code in self._index.items()
            if words
            and any(w[i : i + n] == words for w in [_words(key)] for i in range(len(w) - n + 1))
        }
        ranked = sorted(found, key=lambda c: (self._by_code[c].ends_on is not None, c))
        return [self._by_code[c] for c in ranked]

    def _by_number(
        self,
        periods: Sequence[CowCodePeriod | GwCodePeriod],
        on: pendulum.Date | None,
        value: int | str,
        system: str,
    ) -> State:
        if on is None:
            found = next((p for p in reversed(periods) if p.end is None), None)
        else:
            found = next((p for p in periods if p.contains(on)), None)
        if found is None:
            where = system if on is None else f"{system} on {on.isoformat()}"
            raise UnknownStateError(str(value).strip()[:80], where=where)
        return self._by_code[found.code]

    def from_cow(self, ccode: int | str, on: pendulum.Date | None = None) -> State:
        """The state that COW ccode ``ccode`` stands for on ``on`` (default: today's code).

        The ccode may be given as text, as CSV files hold it (``"2"``, ``" 2 "``).

        Raises:
            UnknownStateError: the ccode is not in the data, or maps to nothing on ``on``.
            TypeError: ``ccode`` is neither an int nor a str.

        >>> import pendulum
        >>> default_registry().from_cow(345, pendulum.Date(2010, 1, 1)).code
        'SRB'
        >>> default_registry().from_cow(" 2 ").code
        'USA'
        """
        number = _number(ccode, "COW ccodes")
        return self._by_number(self._by_ccode.get(number, ()), on, ccode, "COW ccodes")

    def by_gw(self, gwcode: int | str, on: pendulum.Date | None = None) -> State:
        """The state that Gleditsch-Ward number ``gwcode`` stands for on ``on`` (default: today).

        G-W numbers are not COW's: 260 is Germany since 1949 (COW's 260 ends in 1990 and Germany
        is COW 255 again), 678 is Yemen since 1918 (COW: 679 from 1990), 340 is Serbia since 2006.

        Raises:
            UnknownStateError: the number is not in the data, or maps to nothing on ``on``.
            TypeError: ``gwcode`` is neither an int nor a str.

        >>> import pendulum
        >>> reg = default_registry()
        >>> reg.by_gw(678, pendulum.Date(2000, 1, 1)).code, reg.by_gw("816").code
        ('YEM', 'VNM')
        """
        number = _number(gwcode, "G-W codes")
        return self._by_number(self._by_gw.get(number, ()), on, gwcode, "G-W codes")

    def _by_iso_code(
        self, key: str | int, on: pendulum.Date | None, value: str, where: str
    ) -> State:
        codes = self._by_iso.get(key, ())
        if len(codes) > 1 and on is not None:
            codes = tuple(c for c in codes if self._by_code[c].exists_on(on))
        if len(codes) != 1:
            where = where if on is None else f"{where} on {on.isoformat()}"
            raise UnknownStateError(value[:80], suggestions=codes, where=where)
        return self._by_code[codes[0]]

    def by_iso2(self, iso2: str, on: pendulum.Date | None = None) -> State:
        """The state with ISO 3166 alpha-2 code ``iso2`` (any case; 3166-3's former codes too).

        ISO reused ``CS`` (Czechoslovakia to 1993, Serbia and Montenegro 2003-2006): give ``on``.

        Raises:
            UnknownStateError: no state has the code, or several do (and ``on`` tells none apart).

        >>> import pendulum
        >>> reg = default_registry()
        >>> reg.by_iso2("DE").code, reg.by_iso2("dd").code
        ('DEU', 'DDR')
        >>> reg.by_iso2("CS", pendulum.Date(1980, 1, 1)).code
        'CSK'
        """
        return self._by_iso_code(iso2.strip().upper(), on, iso2, "ISO 3166 alpha-2 codes")

    def by_iso_numeric(self, number: int | str, on: pendulum.Date | None = None) -> State:
        """The state with ISO 3166 numeric code ``number`` (``410`` or ``"410"``); see by_iso2.

        >>> default_registry().by_iso_numeric("076").code
        'BRA'
        """
        found = _number(number, "ISO 3166 numeric codes")
        return self._by_iso_code(found, on, str(number), "ISO 3166 numeric codes")

    def lineage(self, code: str) -> str:
        """The code at the end of ``code``'s continuation chain (``SUN`` -> ``RUS``).

        >>> default_registry().lineage("SUN"), default_registry().lineage("CUB")
        ('RUS', 'CUB')
        """
        state = self.get(code)
        while state.continued_by is not None:
            state = self._by_code[state.continued_by]
        return state.code

    def continuations(self) -> tuple[Continuation, ...]:
        """Every continuation in the data (``SUN`` continued by ``RUS`` from 1991-12-26, ...)."""
        return self._continuations

    def extinctions(self) -> tuple[Extinction, ...]:
        """Every extinction in the data (``DDR`` absorbed by ``DEU`` on 1990-10-03, ...)."""
        return self._extinctions

    def governments(self, code: str) -> tuple[Government, ...]:
        """The governments of a state (code or name) and its lineage, in order of taking office.

        ``SUN`` and ``RUS`` share theirs (filed under ``RUS``); most states list none.

        >>> [g.id for g in default_registry().governments("USSR")]
        ['russian_empire', 'provisional_government', 'soviet', 'russian_federation']
        """
        root = self.lineage(code)
        found = [g for g in self._governments if self.lineage(g.state) == root]
        return tuple(sorted(found, key=lambda g: (g.begins_on or OPEN_START, g.id)))

    def governments_on(self, code: str, day: pendulum.Date) -> tuple[Government, ...]:
        """The governments of a state in office on ``day``: several while rivals overlap.

        Nothing for a day on which the state did not exist.
        """
        if not self.get(code).exists_on(day):
            return ()
        return tuple(g for g in self.governments(code) if g.in_office_on(day))

    def government_on(self, code: str, day: pendulum.Date) -> Government | None:
        """The government of a state on ``day``, or None if the registry lists none then.

        While two overlap (the Qing court and the provisional Republic in January 1912), the
        one in office first: it held office until displaced. :meth:`governments_on` lists all.

        >>> import pendulum
        >>> default_registry().government_on("CHN", pendulum.Date(1950, 1, 1)).id
        'prc'
        """
        found = self.governments_on(code, day)
        return found[0] if found else None

    def government(self, code: str, government: str, *, event: str = "") -> Government:
        """The government with id ``government`` of a state (or of its lineage).

        For acts that name a government (``GovernmentRecognized``): ``event`` describes the act
        for the error message.

        Raises:
            UnknownStateError: ``code`` names no state.
            InvalidEventError: the state has no such government; the message lists the known ids.

        >>> default_registry().government("SUN", "soviet").begins_on
        Date(1917, 11, 7)
        """
        state = self.get(code)
        known = self.governments(state.code)
        found = next((g for g in known if g.id == government), None)
        if found is not None:
            return found
        ids = ", ".join(dict.fromkeys(g.id for g in known)) or "none recorded"
        reason = f"{state.code} has no government {government!r}; known governments of {state.code}"
        raise InvalidEventError(event or f"naming a government of {state.code}", f"{reason}: {ids}")


@functools.cache
def default_registry() -> StateRegistry:
    """The registry of the data shipped with diplorel, loaded once at first use.

    >>> len(default_registry()) > 200
    True
    """
    data = resources.files("diplorel") / "data"
    texts = {
        name: (data / f"{name}.csv").read_text(encoding="utf-8")
        for name in (
            "states",
            "cow_spells",
            "cow_codes",
            "lifecycle",
            "governments",
            "gw_spells",
            "gw_codes",
            "codes",
        )
    }
    return StateRegistry.from_csv(**texts)


def resolve_state(query: str) -> str:
    """The code of the state with code, name or alias ``query``, in the default registry.

    Raises:
        UnknownStateError: nothing is called ``query``; carries up to 5 suggested codes.

    >>> resolve_state("South Korea"), resolve_state("ROK"), resolve_state("kor")
    ('KOR', 'KOR', 'KOR')
    """
    found = _RESOLVED.get(query)
    if found is None:
        found = default_registry().resolve(query)
        if len(_RESOLVED) < _RESOLVED_SIZE:
            _RESOLVED[query] = found
    return found


def code_of(reference: str) -> str:
    """What an item holds for a state reference: the default registry's code, where it knows it.

    A reference the default registry does not know is kept as written (never refused here):
    the history that holds the item resolves it with its own registry, and reports an unknown
    one there, naming the item (see :mod:`diplorel._naming`).

    >>> code_of("South Korea"), code_of("Freedonia")
    ('KOR', 'Freedonia')
    """
    found = _RESOLVED.get(reference)
    if found is None:
        registry = default_registry()
        state = registry.find(reference)
        if state is None:
            return reference
        found = state.code
        if len(_RESOLVED) < _RESOLVED_SIZE:
            _RESOLVED[reference] = found
    return found


_RESOLVED: dict[str, str] = {}
"""Every reference already resolved in the default registry (it never changes)."""
_RESOLVED_SIZE = 1 << 16
