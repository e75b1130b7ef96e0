"""What a history covers: where the absence of acts is a fact, and where it is only silence.

A history that holds no act between two states on a date does not know that they had no
relations: it has **no record**. Only where the history *declares* that it covers a dyad (a COW
import observes every pair of its rows on its observation days; a source that lists every act
of a state) is the absence of acts a certain "none". A declaration names a dimension
(relations, or presence: who is at post), the states it covers, and the period or the days.

>>> import diplorel as dr
>>> h = dr.History([])
>>> h.status("FRA", "DEU", on="1983-01-01").diplomatic
<Diplomatic.NO_RECORD: 'no_record'>
>>> covered = dr.History([], coverage=[dr.Coverage(state="FRA", partner="DEU", since="1950")])
>>> covered.status("FRA", "DEU", on="1983-01-01").diplomatic
<Diplomatic.NONE: 'none'>
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from diplorel._checks import NamesStates, keeping_written
from diplorel._dates import FuzzyDate, to_optional_fuzzy
from diplorel._events import (
    Event,
    PresenceObserved,
    Source,
    StateContinued,
    _sources,
    _state,
)
from diplorel.exceptions import InvalidEventError, InvalidTypeError

_WHAT = "coverage declaration"


class Dimension(enum.Enum):
    """What a coverage declaration vouches for."""

    RELATIONS = "relations"
    """Diplomatic and consular relations: no act means none."""
    PRESENCE = "presence"
    """Who is at post (COW's levels): no act means nobody."""


def _dimensions(value: Iterable[Dimension]) -> tuple[Dimension, ...]:
    out = tuple(value)
    for d in out:
        if not isinstance(d, Dimension):
            raise InvalidTypeError(d, field="Coverage.dimensions", expected="a Dimension")
    if not out:
        raise InvalidEventError(_WHAT, "dimensions: it must cover at least one dimension")
    return out


def _days(value: Iterable[pendulum.Date]) -> tuple[pendulum.Date, ...]:
    out = tuple(sorted(value))
    for d in out:
        if type(d) is not pendulum.Date:
            raise InvalidTypeError(d, field="Coverage.days", expected="a pendulum.Date")
    return out


def _covered(name: str) -> Any:  # noqa: ANN401 - an attrs.Converter
    def convert(value: str | None) -> str | None:
        return None if value is None and name != "state" else _state(value, f"Coverage.{name}")  # type: ignore[arg-type]

    return keeping_written(convert)


if TYPE_CHECKING:  # see diplorel._checks.to_code

    def _covered_state(value: str) -> str: ...
    def _covered_partner(value: str | None) -> str | None: ...
    def _covered_sender(value: str | None) -> str | None: ...

else:
    _covered_state = _covered("state")
    _covered_partner = _covered("partner")
    _covered_sender = _covered("sender")


@attrs.frozen(kw_only=True)
class Coverage(NamesStates):
    """A declaration that the history records every act of a kind for some dyads and dates.

    ``state`` and ``partner`` (None: every partner) name the dyads; ``dimensions`` what is
    covered; ``sender`` (presence only, None: both directions) the state whose representation
    at the other the declaration vouches for (the US State Department's records list every US
    chief of mission abroad, not the partners' envoys in Washington); ``since`` and ``until``
    (inclusive, None: open; an imprecise bound counts only where it is certain: ``since="1950"``
    covers from 1950-12-31, ``since="1950/1955"`` from 1955-12-31) bound the period, or
    ``days`` lists the only days covered (a COW import's observation days). Coverage is not
    subject to knowledge time: it says what the history's sources vouch for.
    """

    state: str = attrs.field(converter=_covered_state)
    partner: str | None = attrs.field(default=None, converter=_covered_partner)
    dimensions: tuple[Dimension, ...] = attrs.field(
        default=(Dimension.RELATIONS, Dimension.PRESENCE), converter=_dimensions
    )
    sender: str | None = attrs.field(default=None, converter=_covered_sender)
    since: FuzzyDate | None = attrs.field(default=None, converter=to_optional_fuzzy)
    until: FuzzyDate | None = attrs.field(default=None, converter=to_optional_fuzzy)
    days: tuple[pendulum.Date, ...] = attrs.field(default=(), converter=_days)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)

    def __attrs_post_init__(self) -> None:
        if self.partner == self.state:
            reason = f"partner {self.partner!r}: a dyad needs two different states"
            raise InvalidEventError(_WHAT, reason)
        if self.sender is not None:
            if self.dimensions != (Dimension.PRESENCE,):
                reason = (
                    f"sender {self.sender!r}: a direction applies to presence only; "
                    "give dimensions=(Dimension.PRESENCE,)"
                )
                raise InvalidEventError(_WHAT, reason)
            if self.partner is not None and self.sender not in (self.state, self.partner):
                reason = f"sender {self.sender!r} is neither {self.state!r} nor {self.partner!r}"
                raise InvalidEventError(_WHAT, reason)

    def covers(
        self,
        a: str,
        b: str,
        day: pendulum.Date,
        dimension: Dimension,
        sender: str | None = None,
    ) -> bool:
        """Whether the declaration covers the dyad ``a``-``b`` on ``day`` for ``dimension``.

        ``sender`` asks about one direction of presence (``sender``'s mission at the other);
        None asks about both, which a declaration for one direction does not cover.
        """
        if dimension not in self.dimensions:
            return False
        pair = {a, b}
        if self.state not in pair or (self.partner is not None and self.partner not in pair):
            return False
        if self.sender is not None and self.sender != sender:
            return False
        if self.days:
            return day in self.days
        # An imprecise bound vouches only where it is certain: from the last day a "since"
        # may mean, up to the first day an "until" may mean.
        if self.since is not None and day < self.since.stated[1]:
            return False
        return self.until is None or day <= self.until.stated[0]


class Record(enum.Enum):
    """How a history knows a dyad on a date, before any act of it applies."""

    RECORDED = "recorded"
    """Acts of the dyad apply: the status is derived from them."""
    COVERED = "covered"
    """No act, in a covered span: a certain "none"."""
    NO_RECORD = "no_record"
    """No act and no coverage: the history does not know."""
    NOT_EXISTING = "not_existing"
    """At least one of the two states did not exist yet."""


def record_of(
    coverage: Iterable[Coverage],
    names: Iterable[tuple[str, str]],
    day: pendulum.Date,
    *,
    exists: bool,
    dimension: Dimension = Dimension.RELATIONS,
    sender: str | None = None,
) -> Record:
    """The record of a dyad on ``day`` when no act of it applies.

    ``names`` are the dyad's pairs of codes (as filed and as named on the day: RUS and SUN);
    ``sender`` asks about one direction of presence.
    """
    if not exists:
        return Record.NOT_EXISTING
    pairs = tuple(names)
    if any(c.covers(a, b, day, dimension, sender) for c in coverage for a, b in pairs):
        return Record.COVERED
    return Record.NO_RECORD


NO_ACT, PRESENCE_ACT, RELATIONS_ACT = 0, 1, 2
"""What an act tells of its dyad, in increasing order (see :func:`act_kind`)."""


def act_kind(event: Event) -> int:
    """What an applied act makes known of its dyad.

    A state's continuation nothing (the registry's, which every dyad of the state carries); an
    observation of who is at post (a COW row) presence only; any other act of the dyad its
    relations and who is at post (a curated dyad is known from its first act).
    """
    if isinstance(event, StateContinued):
        return NO_ACT
    if isinstance(event, PresenceObserved):
        return PRESENCE_ACT
    return RELATIONS_ACT
