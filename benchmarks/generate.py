"""Deterministic synthetic diplomatic histories for the benchmarks.

States come from the real registry (``diplorel.default_registry()``). Only 28 of its states
exist over the whole of 1816-2024, so every dyad gets events only inside the span in which both
of its states existed; the dyads are the pairs that coexisted longest. Each dyad's events are a
valid sequence under the default rules (strict mode accepts them): relations established,
representation changed, heads of mission accredited, recalled and returned, missions opened and
closed, relations suspended or severed, interests sections under protecting powers, relations
resumed, consular relations, recognition. Dates mix day, month and year precision and a few
intervals (``1950``, ``1950-03``, ``1950-03-14``, ``1950/1951``), and some acts carry a time
zone. Every dyad's dates strictly increase in their earliest day, so the engine's time order is
the order they were generated in.

As a script it writes a JSON Lines history file::

    python benchmarks/generate.py --events 100000 --dyads 2016 --out /tmp/history.jsonl

``--knowledge`` writes the same history made realistic for knowledge time (late announcements,
corrections, retractions: :func:`with_knowledge`).

The same seed always gives the same history.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import diplorel as dr

FIRST = dt.date(1816, 1, 1)
LAST = dt.date(2024, 12, 31)
FIRST_ORD = FIRST.toordinal()
LAST_ORD = LAST.toordinal()

ZONES = (
    "Europe/Paris",
    "America/New_York",
    "Asia/Tokyo",
    "Africa/Cairo",
    "America/Havana",
    "Asia/Seoul",
    "Europe/Moscow",
    "Australia/Sydney",
    "Pacific/Auckland",
)
"""Zones given to about a quarter of the acts (the rest are UTC, the default)."""

CITIES = ("Capital", "Port", "North", "South", "Coast")
"""Consulate places (a sending state may keep several consulates, one per place)."""

LEVELS = ("ambassador", "minister", "charge_d_affaires")

Spec = dict[str, Any]
"""One item in the history-file format: ``{"type": ..., "on": ..., "between": [a, b], ...}``."""


@dataclass(frozen=True)
class Dyad:
    """A pair of registry codes and the days (ordinals, inclusive) on which both existed."""

    a: str
    b: str
    first: int
    last: int

    @property
    def key(self) -> tuple[str, str]:
        return (self.a, self.b)


def _spans(registry: dr.StateRegistry) -> dict[str, tuple[int, int]]:
    """Each usable state's existence within 1816-2024, as ordinals (inclusive)."""
    predecessors = {c.old for c in registry.continuations()}
    spans = {}
    for state in registry:
        if state.code in predecessors:  # its dyads are filed under its successor's code
            continue
        first = max(state.begins_on.toordinal() if state.begins_on else FIRST_ORD, FIRST_ORD)
        last = min(state.ends_on.toordinal() - 1 if state.ends_on else LAST_ORD, LAST_ORD)
        if last - first > 366:
            spans[state.code] = (first, last)
    return spans


def choose_states(n_states: int, registry: dr.StateRegistry | None = None) -> list[str]:
    """The ``n_states`` states that existed longest in 1816-2024 (ties by code), sorted."""
    spans = _spans(registry or dr.default_registry())
    ranked = sorted(spans, key=lambda c: (-(spans[c][1] - spans[c][0]), c))
    return sorted(ranked[:n_states])


def choose_dyads(
    n_states: int, n_dyads: int | None = None, registry: dr.StateRegistry | None = None
) -> list[Dyad]:
    """The pairs of the chosen states that coexisted at least a year, longest first.

    ``n_dyads`` keeps only that many (the longest-coexisting); default: all of them.
    """
    registry = registry or dr.default_registry()
    spans = _spans(registry)
    codes = choose_states(n_states, registry)
    # A dyad both of whose states the registry extinguishes gets two StateExtinguished acts,
    # and strict mode refuses the second (no_acts_after_end): leave such dyads out.
    extinct = {x.state for x in registry.extinctions()}
    out = []
    for a, b in combinations(codes, 2):
        first = max(spans[a][0], spans[b][0])
        last = min(spans[a][1], spans[b][1])
        if last - first >= 366 and not (a in extinct and b in extinct):
            out.append(Dyad(a, b, first, last))
    out.sort(key=lambda d: (-(d.last - d.first), d.a, d.b))
    return out if n_dyads is None else out[:n_dyads]


def protecting_powers(registry: dr.StateRegistry | None = None) -> list[str]:
    """States that existed over the whole of 1816-2024 (a protecting power must exist)."""
    spans = _spans(registry or dr.default_registry())
    return sorted(c for c, (f, la) in spans.items() if f == FIRST_ORD and la == LAST_ORD)


# Dates -----------------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _date_text(rng: random.Random, day: dt.date, previous: int, last: int) -> tuple[str, int]:
    """EDTF text for an act on or around ``day`` and its earliest day (ordinal).

    The text's earliest day must come after ``previous`` (the last act's earliest day) and its
    latest day not after ``last``; a coarser precision that would break either falls back to a
    finer one, down to the day itself.
    """
    p = rng.random()
    y, m = day.year, day.month
    candidates: list[tuple[str, dt.date, dt.date]] = []
    if p >= 0.95:  # an interval: a year or two, or a few months
        if rng.random() < 0.5:
            candidates.append((f"{y:04d}/{y + 1:04d}", dt.date(y, 1, 1), dt.date(y + 1, 12, 31)))
        elif m <= 10:
            candidates.append(
                (f"{y:04d}-{m:02d}/{y:04d}-{m + 2:02d}", dt.date(y, m, 1), _month_end(y, m + 2))
            )
    if p >= 0.80:
        candidates.append((f"{y:04d}", dt.date(y, 1, 1), dt.date(y, 12, 31)))
    if p >= 0.60:
        candidates.append((f"{y:04d}-{m:02d}", dt.date(y, m, 1), _month_end(y, m)))
    for text, earliest, latest in candidates:
        e = earliest.toordinal()
        if e > previous and latest.toordinal() <= last:
            return text, e
    return day.isoformat(), day.toordinal()


# The per-dyad state machine ------------------------------------------------------------------


class _Sim:
    """Just enough of a dyad's state to choose acts the default rules accept."""

    def __init__(self, a: str, b: str) -> None:
        self.a, self.b = a, b
        self.dip = "none"  # none, established, suspended, severed
        self.cons = "none"  # none, established, severed
        self.rep = {a: "none", b: "none"}
        self.heads: dict[str, str] = {}
        self.missions: dict[str, list[tuple[str, str | None]]] = {a: [], b: []}
        self.powers: dict[str, str] = {}
        self.recog = {a: "not", b: "not"}

    def moves(self) -> list[tuple[float, str]]:  # noqa: C901, PLR0912 - one branch per act
        a, b = self.a, self.b
        out: list[tuple[float, str]] = [(0.4, "recognized")]
        if self.dip != "established" and any(self.recog[s] == "rec" for s in (a, b)):
            out.append((0.1, "recognition_withdrawn"))  # relations imply recognition
        if any(self.missions[s] for s in (a, b)):
            out.append((1.5 if self.dip in {"severed", "suspended"} else 0.8, "mission_closed"))
        out.append((0.6, "consulate_opened"))
        if any(not self._has(s, "trade_office") for s in (a, b)):
            out.append((0.4, "trade_office_opened"))
        if self.cons == "established":
            out.append((0.2, "consular_relations_severed"))
        else:
            out.append((0.4 if self.dip == "none" else 0.3, "consular_relations_established"))
        if self.dip == "none":
            out.append((6.0, "relations_established"))
        elif self.dip == "established":
            out += [
                (3.0, "representation_changed"),
                (3.0, "head_of_mission_accredited"),
                (1.2, "relations_severed"),
                (0.8, "relations_suspended"),
            ]
            if any(self.heads.get(s) != "cai" for s in (a, b)):
                out.append((1.5, "ambassador_recalled"))
            if any(self.heads.get(s) == "cai" for s in (a, b)):
                out.append((2.5, "ambassador_returned"))
            if any(not self._has(s, "embassy") for s in (a, b)):
                out.append((3.0, "embassy_opened"))
        else:
            out += [(3.5, "relations_resumed"), (1.0, "protecting_power_appointed")]
            if self.dip == "suspended":
                out.append((0.8, "relations_severed"))
            if any(not self._has(s, "interests_section") for s in (a, b)):
                out.append((2.0, "interests_section_opened"))
            if self.powers:
                out.append((0.8, "protecting_power_ended"))
        return out

    def _has(self, sender: str, kind: str) -> bool:
        return any(k == kind for k, _ in self.missions[sender])

    def act(self, rng: random.Random, move: str, powers: Sequence[str]) -> Spec:  # noqa: C901, PLR0912, PLR0915 - one branch per act
        a, b = self.a, self.b
        side = a if rng.random() < 0.5 else b
        spec: Spec = {"between": [a, b]}
        if move in {"relations_established", "relations_resumed"}:
            level = rng.choices(LEVELS, (0.6, 0.25, 0.15))[0]
            consular = rng.random() < 0.85
            spec |= {"type": move}
            if level != "ambassador":
                spec["level"] = level
            if not consular:
                spec["consular"] = False
            self.dip = "established"
            self.rep = {a: level, b: level}
            self.heads = {}
            self.powers = {}
            self.recog = {a: "rec", b: "rec"}
            for s_ in (a, b):  # a resumption ends the interests sections
                self.missions[s_] = [m for m in self.missions[s_] if m[0] != "interests_section"]
            if consular:
                self.cons = "established"
        elif move in {"relations_severed", "relations_suspended"}:
            consular = rng.random() < 0.3
            spec |= {"type": move, "by": side}
            if consular:
                spec["consular"] = True
                if self.cons == "established":
                    self.cons = "severed"
            self.dip = "severed" if move == "relations_severed" else "suspended"
            self.rep = {a: "none", b: "none"}
            self.heads = {}
            for s_ in (a, b):  # a break closes the embassies and legations
                self.missions[s_] = [
                    m for m in self.missions[s_] if m[0] not in {"embassy", "legation"}
                ]
        elif move == "representation_changed":
            level = rng.choice([lv for lv in LEVELS if lv != self.rep[side]])
            spec |= {"type": move, "sender": side, "level": level}
            self.rep[side] = level
        elif move == "head_of_mission_accredited":
            spec |= {"type": move, "sender": side}
            if rng.random() < 0.3:
                spec["name"] = f"Envoy {rng.randrange(10_000)}"
            self.heads[side] = "in_post"
        elif move == "ambassador_recalled":
            side = side if self.heads.get(side) != "cai" else self.other(side)
            spec |= {"type": move, "sender": side}
            self.heads[side] = "cai"
        elif move == "ambassador_returned":
            side = side if self.heads.get(side) == "cai" else self.other(side)
            spec |= {"type": move, "sender": side}
            self.heads[side] = "in_post"
        elif move in {"embassy_opened", "trade_office_opened", "interests_section_opened"}:
            kind = move.removesuffix("_opened")
            if self._has(side, kind):
                side = self.other(side)
            if kind == "embassy" and rng.random() < 0.2:
                kind = "legation" if not self._has(side, "legation") else kind
            spec |= {"type": "mission_opened", "sender": side, "kind": kind}
            if kind == "interests_section":  # under the power in force, if any
                power = self.powers.get(side) or rng.choice([p for p in powers if p not in (a, b)])
                spec["protecting_power"] = power
                self.powers.setdefault(side, power)
            if kind == "embassy":  # an upgrade replaces the legation, office or section
                replaced = {"legation", "liaison_office", "interests_section"}
                if any(m[0] == "interests_section" for m in self.missions[side]):
                    self.powers.pop(side, None)
                self.missions[side] = [m for m in self.missions[side] if m[0] not in replaced]
            self.missions[side].append((kind, None))
        elif move == "consulate_opened":
            taken = {p for k, p in self.missions[side] if k == "consulate"}
            free = [c for c in CITIES if c not in taken]
            if not free:
                side = self.other(side)
                taken = {p for k, p in self.missions[side] if k == "consulate"}
                free = [c for c in CITIES if c not in taken] or [f"City {rng.randrange(10**6)}"]
            place = rng.choice(free)
            spec |= {"type": "mission_opened", "sender": side, "kind": "consulate", "place": place}
            self.missions[side].append(("consulate", place))
            self.cons = "established"
        elif move == "mission_closed":
            if not self.missions[side]:
                side = self.other(side)
            kind, place = self.missions[side].pop(rng.randrange(len(self.missions[side])))
            spec |= {"type": move, "sender": side, "kind": kind}
            if place is not None:
                spec["place"] = place
            representing = {"embassy", "legation", "liaison_office", "interests_section"}
            if kind in representing and not any(m[0] in representing for m in self.missions[side]):
                self.heads.pop(side, None)  # with the last mission, nobody stays at post
        elif move == "consular_relations_established":
            spec |= {"type": move}
            self.cons = "established"
        elif move == "consular_relations_severed":
            spec |= {"type": move, "by": side}
            self.cons = "severed"
        elif move == "protecting_power_appointed":
            power = rng.choice([p for p in powers if p not in (a, b)])
            spec |= {"type": move, "protected": side, "power": power}
            self.powers[side] = power
        elif move == "protecting_power_ended":
            side = side if side in self.powers else self.other(side)
            spec |= {"type": move, "protected": side}
            del self.powers[side]
        elif move == "recognized":
            del spec["between"]
            spec |= {"type": move, "by": side, "of": self.other(side)}
            self.recog[side] = "rec"
        elif move == "recognition_withdrawn":
            side = side if self.recog[side] == "rec" else self.other(side)
            del spec["between"]
            spec |= {"type": move, "by": side, "of": self.other(side)}
            self.recog[side] = "wd"
        else:  # pragma: no cover - the moves above are exhaustive
            raise ValueError(move)
        return spec

    def other(self, side: str) -> str:
        return self.b if side == self.a else self.a


def dyad_specs(rng: random.Random, dyad: Dyad, count: int, powers: Sequence[str]) -> list[Spec]:
    """``count`` valid acts for one dyad (fewer if the dyad coexisted fewer days)."""
    first, last = dyad.first, dyad.last
    count = min(count, last - first + 1)
    days = sorted(rng.sample(range(first, last + 1), count))
    sim = _Sim(dyad.a, dyad.b)
    out = []
    previous = first - 1
    for ordinal in days:
        moves = sim.moves()
        move = rng.choices([m for _, m in moves], [w for w, _ in moves])[0]
        spec = sim.act(rng, move, powers)
        text, previous = _date_text(rng, dt.date.fromordinal(ordinal), previous, last)
        spec["on"] = text
        if rng.random() < 0.25:
            spec["tz"] = rng.choice(ZONES)
        out.append(spec)
    return out


def _split(total: int, weights: Sequence[int]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainders; deterministic)."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    rest = total - sum(counts)
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - shares[i], i))
    for i in order[:rest]:
        counts[i] += 1
    return counts


def generate_specs(
    events: int,
    *,
    states: int = 200,
    dyads: int | None = None,
    per_dyad: int | None = None,
    seed: int = 1816,
    shuffle: bool = True,
) -> tuple[list[Spec], list[Dyad]]:
    """A synthetic history as file items, and the dyads it covers.

    ``events`` acts spread over the dyads in proportion to how long each coexisted (or exactly
    ``per_dyad`` per dyad, over as many dyads as ``events / per_dyad``). The items come in a
    seeded random order (``shuffle=False``: dyad by dyad, in time order).
    """
    rng = random.Random(seed)
    registry = dr.default_registry()
    chosen = choose_dyads(states, dyads, registry)
    powers = protecting_powers(registry)
    if per_dyad is not None:
        chosen = chosen[: max(1, events // per_dyad)]
        counts = [per_dyad] * len(chosen)
    else:
        counts = _split(events, [d.last - d.first for d in chosen])
    specs: list[Spec] = []
    for dyad, count in zip(chosen, counts, strict=True):
        if count:
            specs.extend(dyad_specs(rng, dyad, count, powers))
    if shuffle:
        rng.shuffle(specs)
    return specs, [d for d, c in zip(chosen, counts, strict=True) if c]


# Knowledge time ------------------------------------------------------------------------------


def _day_span(text: str) -> tuple[int, int]:
    """The earliest and latest day (ordinals) of a date text the generator writes."""
    first, _, last = text.partition("/")
    start = [int(x) for x in first.split("-")]
    end = [int(x) for x in (last or first).split("-")]
    begins = dt.date(*[*start, 1, 1][:3])
    if len(end) == 1:
        ends = dt.date(end[0], 12, 31)
    elif len(end) == 2:  # year and month
        ends = _month_end(end[0], end[1])
    else:
        ends = dt.date(end[0], end[1], end[2])
    return begins.toordinal(), ends.toordinal()


def _dyad_of(spec: Spec) -> tuple[str, str]:
    a, b = spec["between"] if "between" in spec else (spec["by"], spec["of"])
    return (a, b) if a < b else (b, a)


def with_knowledge(
    specs: Sequence[Spec],
    *,
    seed: int = 1816,
    late: float = 0.2,
    max_delay: int = 30,
    corrections: float = 0.01,
    recorrected: float = 0.2,
    retractions: float = 0.05,
) -> list[Spec]:
    """``specs`` made realistic for knowledge time (new items; ``specs`` is left alone).

    - ``late``: the share of acts announced 1 to ``max_delay`` days after the end of their
      date's span (``announced_on``); the rest are known from their date.
    - ``corrections``: the share of acts that get a ``uid`` and a later correction
      (``supersedes=``) that re-dates them to a day, published (``announced_on``) a month to
      five years after the act; ``recorrected`` of those get a second correction later still.
      The corrected day stays between the dyad's previous and next acts (within 30 days of the
      original span), so the current view remains valid under the default rules in strict mode.
    - ``retractions``: the share of recognitions withdrawn by a :class:`~diplorel.Retraction`
      published a day to two years after them; only recognitions that no later withdrawal of
      recognition in the dyad depends on (the current view stays valid in strict mode).

    The corrections and retractions come last, after the shuffled acts; the same seed gives the
    same items.
    """
    rng = random.Random(seed)
    out: list[Spec] = [dict(s) for s in specs]
    spans = [_day_span(s["on"]) for s in out]
    by_dyad: dict[tuple[str, str], list[int]] = {}
    for i, s in enumerate(out):
        by_dyad.setdefault(_dyad_of(s), []).append(i)
    for s, (_, last) in zip(out, spans, strict=True):
        if rng.random() < late:
            s["announced_on"] = _iso(last + rng.randint(1, max_delay))
    extra: list[Spec] = []
    for key in sorted(by_dyad):
        acts = sorted(by_dyad[key], key=lambda i: spans[i][0])
        for pos in range(len(acts) - 1, -1, -1):  # backwards: "later" is what was seen
            i = acts[pos]
            spec, (first, last) = out[i], spans[i]
            announced = spec.get("announced_on")
            published = dt.date.fromisoformat(announced).toordinal() if announced else last
            if spec["type"] == "recognized" and rng.random() < retractions:
                withdrawn = any(out[j]["type"] == "recognition_withdrawn" for j in acts[pos:])
                if not withdrawn:
                    spec["uid"] = f"act-{len(extra) + 1}"
                    day = published + rng.randint(1, 730)
                    extra.append({"type": "retraction", "retracts": spec["uid"], "on": _iso(day)})
                continue
            if rng.random() >= corrections:
                continue
            low = first if pos == 0 else max(spans[acts[pos - 1]][0] + 1, first - 30)
            high = last if pos == len(acts) - 1 else min(spans[acts[pos + 1]][0] - 1, last + 30)
            spec["uid"] = uid = f"act-{len(extra) + 1}"
            for _ in range(2 if rng.random() < recorrected else 1):
                published += rng.randint(30, 5 * 365)
                fixed = {k: v for k, v in spec.items() if k != "uid"}
                on = _iso(rng.randint(low, high))
                extra.append(fixed | {"on": on, "supersedes": uid, "announced_on": _iso(published)})
    return out + extra


def _iso(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


# From file items to events -------------------------------------------------------------------


def _event_types() -> dict[str, type[dr.Event]]:
    # The converter's own tag table: walking Event.__subclasses__() would also find the
    # pre-slots class objects attrs leaves behind, which the converter does not know.
    from diplorel._convert import TAGS  # noqa: PLC0415 - private, only here

    return {tag: cls for tag, cls in TAGS.items() if issubclass(cls, dr.Event)}


def build_events(specs: Iterable[Spec]) -> list[Any]:
    """The event objects for file items (what loading the file would give).

    Retractions (``"type": "retraction"``, from :func:`with_knowledge`) become
    :class:`~diplorel.Retraction` items.
    """
    types: dict[str, type] = {**_event_types(), "retraction": dr.Retraction}
    kind_of = {k.value: k for k in dr.MissionKind}
    level_of = {lv.value: lv for lv in dr.Level}
    out = []
    for spec in specs:
        kw = dict(spec)
        cls = types[kw.pop("type")]
        if "between" in kw:
            kw["between"] = tuple(kw["between"])
        if "kind" in kw:
            kw["kind"] = kind_of[kw["kind"]]
        if "level" in kw:
            kw["level"] = level_of[kw["level"]]
        out.append(cls(**kw))
    return out


FILE_VERSION = 2
"""The history-file version written: the current one, so that loading it upcasts nothing (the
items are already what version 2 means: :func:`build_events` builds them without upcasting)."""


def jsonl_text(specs: Iterable[Spec]) -> str:
    """The JSON Lines text of a history file holding ``specs`` (the current file version)."""
    lines = [json.dumps({"format": "diplorel-history", "version": FILE_VERSION})]
    lines.extend(json.dumps(s, separators=(", ", ": ")) for s in specs)
    return "\n".join(lines) + "\n"


def write_jsonl(specs: Iterable[Spec], path: str | Path) -> Path:
    """Write a JSON Lines history file (the documented format; see ``diplorel._files``)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(jsonl_text(specs), encoding="utf-8")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--dyads", type=int, default=None, help="default: every coexisting pair")
    parser.add_argument("--states", type=int, default=200)
    parser.add_argument("--per-dyad", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1816)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/history.jsonl"))
    parser.add_argument("--knowledge", action="store_true", help="add late announcements etc.")
    parser.add_argument("--check", action="store_true", help="load the file back, strictly")
    args = parser.parse_args(argv)
    t = time.perf_counter()
    specs, dyads = generate_specs(
        args.events,
        states=args.states,
        dyads=args.dyads,
        per_dyad=args.per_dyad,
        seed=args.seed,
    )
    if args.knowledge:
        specs = with_knowledge(specs, seed=args.seed)
    write_jsonl(specs, args.out)
    print(
        f"{len(specs):,} events over {len(dyads):,} dyads -> {args.out} "
        f"({time.perf_counter() - t:.1f} s)"
    )
    if args.check:
        h = dr.load(args.out)
        print(f"loaded strictly: {h!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
