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

from typing import Literal, NamedTuple

import attrs
import pendulum

from diplorel._status import DyadState, HeadOfMission, Level, Mission, MissionKind, Rank

Observation = Literal["year_start", "year_end", "by_period"]
Interim = Literal["mission_class", "agreed", "charge", "by_period"]
InterimRule = Literal["mission_class", "agreed", "charge"]
Unrecorded = Literal["mission_class", "charge", "none"]
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
    - ``interim``: what a chargé a.i., or a post with nobody named after its head left,
      counts as: ``"mission_class"`` (the class of the post: its last head's rank, else 3 for
      an embassy and 2 for a legation; COW's practice before 1941), ``"agreed"`` (the class
      agreed for that direction, so a chargé a.i. heading a downgraded mission is 1, one
      standing in for an ambassador 3), ``"charge"`` (always 1), or ``"by_period"``
      (``mission_class`` up to 1940, ``agreed`` from 1950).
    - ``early_period``: in 1950-1965 COW codes only 9 (a representative of any rank) or 0;
      True codes those years so.
    - ``non_resident``: a head of mission accredited from another capital counts at its rank
      (``"rank"``) or as nobody at post (``"none"``).
    - ``unrecorded``: what an open embassy or legation whose head the history does not record
      at all counts as (missing data, unlike a known vacancy): ``"mission_class"`` (COW's
      practice: a mission is coded by its class unless a lower head is known), ``"charge"``
      (1) or ``"none"`` (0).
    - ``long_interim``: after how many years (counted by calendar year) a post in interim
      hands (a chargé a.i., or nobody named, since its last head in their own right) stops
      counting as the post's class: a chargé a.i. then counts as a chargé (1), a post with
      nobody named as nobody (0); ``None``: never.
    - ``liaison_office``: the code of a liaison office with no accredited head (COW codes the
      United States-China liaison offices of 1973-1979 as 0).
    """

    observation: Observation = "year_end"
    interim: Interim = "mission_class"
    unrecorded: Unrecorded = "mission_class"
    long_interim: int | None = 5
    early_period: bool = True
    non_resident: NonResident = "rank"
    liaison_office: Literal[0, 9] = 0

    def observation_of(self, year: int) -> Literal["year_start", "year_end"]:
        """The observation day rule in force for ``year``."""
        if self.observation != "by_period":
            return self.observation
        return "year_start" if year <= _LAST_CLASS_YEAR else "year_end"

    def interim_of(self, year: int) -> InterimRule:
        """The interim rule in force for ``year``."""
        if self.interim != "by_period":
            return self.interim
        return "mission_class" if year <= _LAST_CLASS_YEAR else "agreed"

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
_CLASS_RANKS = {Rank.AMBASSADOR, Rank.MINISTER, Rank.CHARGE_D_AFFAIRES}
"""Ranks that code as themselves wherever they head; a lower head of an interests section or
liaison office codes as the section or office."""


class Coding(NamedTuple):
    """The year-free part of a direction's COW coding (see :func:`coding`)."""

    by_class: int
    """The code if a chargé a.i. or a vacancy counts as the class of the post."""
    by_agreed: int
    """... as the class agreed."""
    as_charge: int
    """... as a chargé (1)."""
    exchange: bool
    """Whether it counts as diplomatic exchange (COW's DE)."""
    interim_since: int = 0
    """For a chargé a.i. or a vacancy: the year it began (0: not an interim)."""
    long_code: int = 0
    """The code once the interim has lasted long (see ``CowConventions.long_interim``)."""

    def code(self, rule: InterimRule) -> int:
        """The code under an interim rule."""
        if rule == "mission_class":
            return self.by_class
        return self.by_agreed if rule == "agreed" else self.as_charge


def _fixed(code: int, *, exchange: bool) -> Coding:
    return Coding(code, code, code, exchange)


def coding(
    mission: Mission | None,
    head: HeadOfMission | None,
    agreed: Level,
    conventions: CowConventions,
) -> Coding:
    """The year-free part of the coding of one direction; :func:`code_in` picks a year's code.

    The variants differ only for a chargé a.i. or a vacancy at a post (see
    ``CowConventions.interim``). The class of a post is its last head's rank (the head away
    or gone), else its mission's class (3 an embassy, 2 a legation). The head of an interests
    section or liaison office below chargé rank codes as the section (9, or 0 when the
    protecting power staffs it) or the office (``conventions.liaison_office``).
    """
    if head is not None and not head.resident and conventions.non_resident == "none":
        head = None
    kind = mission.kind if mission is not None else None
    section = kind is MissionKind.INTERESTS_SECTION or kind is MissionKind.LIAISON_OFFICE
    if (head is not None and head.rank in _CLASS_RANKS) or (
        head is not None and head.rank in _RANK_CODE and not section
    ):
        code = _RANK_CODE[head.rank]
        return _fixed(code, exchange=code != 9 or head.rank is Rank.OTHER)  # noqa: PLR2004
    if mission is not None and kind is MissionKind.INTERESTS_SECTION:
        return _fixed(0 if mission.staffed_by_power else 9, exchange=False)
    if kind is MissionKind.LIAISON_OFFICE:
        return _fixed(conventions.liaison_office, exchange=False)
    if head is None and kind is None:
        return _fixed(0, exchange=False)
    post = _MISSION_CLASS.get(kind, 1) if kind is not None else 1
    if head is not None and head.titular is not None:
        post = _RANK_CODE.get(head.titular.rank, post)
        post = post if post in {1, 2, 3} else 1
    if agreed.cow in {1, 2, 3} and agreed.cow < post:
        post = agreed.cow  # a downgraded mission: its post is of the class now agreed
    if head is None:  # a mission with nobody recorded at all: missing data, not a vacancy
        code = {"mission_class": post, "charge": 1, "none": 0}[conventions.unrecorded]
        return _fixed(code, exchange=code > 0)
    by_agreed = agreed.cow if agreed.cow in {1, 2, 3} else post
    began = head.interim_since or head.since
    since = began.stated[0].year if began is not None else 0
    long_code = 0 if head.rank is Rank.VACANT else 1
    return Coding(post, by_agreed, 1, True, since, long_code)  # noqa: FBT003 - a named tuple


def code_in(coded: Coding, year: int, conventions: CowConventions = DEFAULT_CONVENTIONS) -> int:
    """The COW code for ``year`` of a :func:`coding`."""
    code = coded.code(conventions.interim_of(year))
    limit = conventions.long_interim
    if coded.interim_since and limit is not None and year - coded.interim_since > limit:
        code = coded.long_code
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
    coded = coding(mission, head, state.agreed.get(sender, Level.NONE), conventions)
    code = code_in(coded, year, conventions)
    return Representation(sender, mission, head, code, coded.exchange and code > 0)


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
