"""Who represents a state in another, and the Correlates of War code of it: one definition.

The class two states *agreed* (VCDR art. 14-15) is not evidence that anyone is there. The
Correlates of War (COW) Diplomatic Exchange data code the representative *present*: 3 an
ambassador, 2 a minister, 1 a chargé d'affaires, 9 an interests section staffed by the
protected state's own diplomats (or a representative of other or unknown rank), 0 nobody.
:func:`represent` derives that from a :class:`~diplorel.DyadState`; status, panels, bulk
answers, timelines and the COW writer all call it.

COW's coding has conventions its codebook leaves implicit. Each is a named field of
:class:`CowConventions`, with a default measured against COW's own rows for the United States
(see the COW how-to):

>>> import diplorel as dr
>>> h = dr.default_history()
>>> s = h.status("CUB", "KOR", on="2024-06-01")
>>> s.agreed["KOR"], s.representation["KOR"].cow, s.exchange
(<Level.AMBASSADOR: 'ambassador'>, 0, False)
"""

from __future__ import annotations

from typing import Literal

import attrs
import pendulum

from diplorel._status import DyadState, HeadOfMission, Mission, MissionKind, Rank

Observation = Literal["year_start", "year_end", "by_period"]
Interim = Literal["mission_class", "charge", "by_period"]
NonResident = Literal["rank", "none"]

EARLY_PERIOD = (1950, 1965)
"""The years in which COW codes only 9 (some representative) or 0 (none)."""

_LAST_CLASS_YEAR = 1940
"""By period, the last year coded as of the year's start and by the mission's class."""


@attrs.frozen(kw_only=True)
class CowConventions:
    """How a state of affairs becomes a COW Diplomatic Exchange code.

    - ``observation``: the day of the year a row describes: ``"year_start"`` (1 January, or
      the first day both states were members), ``"year_end"`` (31 December, or the last such
      day), or ``"by_period"``: the start of the year up to 1940, its end from 1950.
    - ``interim``: what a chargé a.i., or a post with nobody named, at an open embassy or
      legation counts as: ``"mission_class"`` (3 for an embassy, 2 for a legation: COW's
      practice before 1941), ``"charge"`` (1: closer to the person present, COW's practice in
      1970-2005), or ``"by_period"`` (the first up to 1940, the second from 1950).
    - ``early_period``: in 1950-1965 COW codes only 9 (a representative of any rank) or 0;
      True codes those years so.
    - ``non_resident``: a head of mission accredited from another capital counts at its rank
      (``"rank"``) or as nobody at post (``"none"``).
    - ``liaison_office``: the code of a liaison office with no accredited head (COW codes the
      United States-China liaison offices of 1973-1979 as 0).
    """

    observation: Observation = "by_period"
    interim: Interim = "by_period"
    early_period: bool = True
    non_resident: NonResident = "rank"
    liaison_office: Literal[0, 9] = 0

    def observation_of(self, year: int) -> Literal["year_start", "year_end"]:
        """The observation day rule in force for ``year``."""
        if self.observation != "by_period":
            return self.observation
        return "year_start" if year <= _LAST_CLASS_YEAR else "year_end"

    def interim_of(self, year: int) -> Literal["mission_class", "charge"]:
        """The interim rule in force for ``year``."""
        if self.interim != "by_period":
            return self.interim
        return "mission_class" if year <= _LAST_CLASS_YEAR else "charge"

    def observation_day(
        self,
        year: int,
        *,
        first: pendulum.Date | None = None,
        last: pendulum.Date | None = None,
    ) -> pendulum.Date:
        """The day a year's row describes, within ``first``..``last`` (the joint membership)."""
        if self.observation_of(year) == "year_start":
            day = pendulum.Date(year, 1, 1)
            return first if first is not None and first > day else day
        day = pendulum.Date(year, 12, 31)
        return last if last is not None and last < day else day


DEFAULT_CONVENTIONS = CowConventions()
"""The conventions used unless told otherwise."""


@attrs.frozen
class Representation:
    """How ``sender`` is represented in the other state on a date: who is there, and its code.

    ``mission`` is the mission that represents it (embassy, legation, liaison office or
    interests section), ``head`` who heads it (None: nobody named), ``cow`` the COW level and
    ``exchange`` whether it counts as diplomatic exchange (COW's DE).
    """

    sender: str
    mission: Mission | None
    head: HeadOfMission | None
    cow: int
    exchange: bool

    @property
    def present(self) -> bool:
        """True when a representative is at post (COW 1-3, or 9 with exchange)."""
        return self.exchange

    def __str__(self) -> str:
        """``embassy in Havana, ambassador Lee since 2025-04 (COW 3)``."""
        parts = []
        if self.mission is not None:
            parts.append(str(self.mission))
        if self.head is not None:
            parts.append(f"headed by {self.head}")
        if not parts:
            parts.append("nobody at post")
        return f"{', '.join(parts)} (COW {self.cow})"


_RANK_CODE = {
    Rank.AMBASSADOR: 3,
    Rank.MINISTER: 2,
    Rank.CHARGE_D_AFFAIRES: 1,
    Rank.LOWER: 9,
    Rank.OTHER: 9,
    Rank.UNKNOWN: 9,
}
_MISSION_CLASS = {MissionKind.EMBASSY: 3, MissionKind.LEGATION: 2}


def coding(
    mission: Mission | None, head: HeadOfMission | None, conventions: CowConventions
) -> tuple[int, int, bool]:
    """The year-free part of the coding: ``(code by mission class, code as chargé, exchange)``.

    The two codes differ only for a chargé a.i. or a vacancy at an open post (see
    ``CowConventions.interim``); :func:`code_in` picks one for a year. A post whose mission is
    not recorded (a head took it up; the records name no mission) has the class of the head
    whose post it is.
    """
    if head is not None and not head.resident and conventions.non_resident == "none":
        head = None
    if head is not None and head.rank in _RANK_CODE:
        code = _RANK_CODE[head.rank]
        exchange = code != 9 or head.rank is Rank.OTHER  # noqa: PLR2004 - COW's "other"
        return code, code, exchange
    if mission is not None:
        kind = mission.kind
        if kind.is_diplomatic:
            return _MISSION_CLASS[kind], 1, True
        if kind is MissionKind.INTERESTS_SECTION:
            return (0, 0, False) if mission.staffed_by_power else (9, 9, False)
        return conventions.liaison_office, conventions.liaison_office, False
    if head is not None:  # a chargé a.i. or a vacancy at a post with no mission recorded
        code = _RANK_CODE.get(head.titular.rank, 1) if head.titular is not None else 1
        return (code if code in {1, 2, 3} else 1), 1, True
    return 0, 0, False


def code_in(
    by_class: int, as_charge: int, year: int, conventions: CowConventions = DEFAULT_CONVENTIONS
) -> int:
    """The COW code for ``year`` from the two variants :func:`coding` gives."""
    code = by_class if conventions.interim_of(year) == "mission_class" else as_charge
    if conventions.early_period and EARLY_PERIOD[0] <= year <= EARLY_PERIOD[1] and code:
        return 9
    return code


def represent(
    state: DyadState,
    sender: str,
    *,
    year: int,
    conventions: CowConventions = DEFAULT_CONVENTIONS,
) -> Representation:
    """How ``sender`` is represented in the other state of ``state``, coded as COW would.

    The code comes from who is there: the rank of the head of mission at post; for an open
    embassy or legation with a chargé a.i. or nobody named, ``conventions.interim``; 9 for
    an interests section (staffed by the protected state); 0 with no mission and no head. A
    protecting power acting alone is 0 for the protected state. In 1950-1965 (with
    ``conventions.early_period``) every code above 0 is 9.
    """
    mission = state.mission(sender)
    head = state.heads.get(sender)
    by_class, as_charge, exchange = coding(mission, head, conventions)
    code = code_in(by_class, as_charge, year, conventions)
    return Representation(sender, mission, head, code, exchange)


def cow_values(
    state: DyadState,
    first: str,
    second: str,
    *,
    year: int,
    conventions: CowConventions = DEFAULT_CONVENTIONS,
) -> tuple[int, int, int]:
    """``(DR_at_1, DR_at_2, DE)`` for ``first`` as side 1 and ``second`` as side 2.

    ``DR_at_1`` is the level of ``second``'s representative at ``first``; ``DE`` is 1 when
    either side has a representative at the other.
    """
    at_first = represent(state, second, year=year, conventions=conventions)
    at_second = represent(state, first, year=year, conventions=conventions)
    return at_first.cow, at_second.cow, int(at_first.exchange or at_second.exchange)
