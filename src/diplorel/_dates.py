"""Dates that keep their precision: EDTF text in, EDTF text out.

Sources often give a year ("established in 1949") or a range ("1959 or 1960"). A
:class:`FuzzyDate` keeps that: it is the span of days in which the act happened, plus the
precision it was stated with, so that ``"1949"`` never silently becomes 1 January 1949.

>>> from diplorel import parse_edtf, format_edtf
>>> d = parse_edtf("1949")
>>> d.earliest, d.latest, d.precision
(Date(1949, 1, 1), Date(1949, 12, 31), <Precision.YEAR: 'year'>)
>>> format_edtf(d)
'1949'
>>> format_edtf(parse_edtf("1959/1960"))
'1959/1960'
>>> parse_edtf("2024-02-14").is_exact
True
>>> parse_edtf("../1973-06-24").latest, format_edtf(parse_edtf("1973/.."))
(Date(1973, 6, 24), '1973/..')
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from functools import lru_cache
from itertools import islice
from typing import TypeAlias

import attrs
import pendulum

from diplorel.exceptions import InvalidDateError, InvalidTypeError


class Precision(enum.Enum):
    """How finely a date point was stated."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Qualifier(enum.Enum):
    """EDTF qualification of a date: as stated, uncertain (``?``), approximate (``~``) or both."""

    NONE = ""
    UNCERTAIN = "?"
    APPROXIMATE = "~"
    UNCERTAIN_APPROXIMATE = "%"


_OPEN_START = pendulum.Date(1, 1, 1)
"""``earliest`` of a date with an open start (``../1973``): no earlier day is ruled out."""
_OPEN_END = pendulum.Date(9999, 12, 31)
"""``latest`` of a date with an open end (``1973/..``): no later day is ruled out."""


def _end_of(start: pendulum.Date, precision: Precision) -> pendulum.Date:
    if precision is Precision.DAY:
        return start
    if precision is Precision.MONTH:
        return start.end_of("month")
    return pendulum.Date(start.year, 12, 31)


def _format_point(d: pendulum.Date, precision: Precision) -> str:
    if precision is Precision.DAY:
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    if precision is Precision.MONTH:
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def _check_date(value: object) -> pendulum.Date:
    # pendulum.DateTime subclasses pendulum.Date: a calendar field takes exactly a Date.
    if type(value) is pendulum.Date:
        return value
    if isinstance(value, dt.datetime):
        msg = f"expected a calendar date, got the datetime {value!r}"
        raise TypeError(msg)
    if isinstance(value, dt.date):
        return pendulum.Date(value.year, value.month, value.day)
    msg = f"expected a pendulum.Date, got {type(value).__name__} {value!r}"
    raise TypeError(msg)


@attrs.frozen(order=False)
class FuzzyDate:
    """A calendar date known to a day, a month, a year, or only as an interval.

    ``earliest`` and ``latest`` bound the days on which the act may have happened (both
    inclusive); ``precision`` is how the (first) point was stated and ``end_precision`` how
    the end of an interval was stated (``None`` for a single point). An interval may be open
    at one end (EDTF ``..``): ``open_start`` (``../1973``, "by 1973": ``earliest`` is then
    0001-01-01) or ``open_end`` (``1973/..``, "from 1973 on": ``latest`` is then 9999-12-31);
    both precisions are then the stated point's. A history bounds such an act by the dyad's
    neighbouring acts (see "Open-ended dates" in the docs on dates). Build one with
    :func:`parse_edtf` or the named constructors :meth:`day`, :meth:`month`, :meth:`year`,
    :meth:`between`, :meth:`not_after` and :meth:`not_before`.

    >>> FuzzyDate.month(1959, 2)
    FuzzyDate('1959-02')
    >>> FuzzyDate.month(1959, 2).latest
    Date(1959, 2, 28)
    """

    earliest: pendulum.Date = attrs.field(converter=_check_date)
    latest: pendulum.Date = attrs.field(converter=_check_date)
    precision: Precision = Precision.DAY
    end_precision: Precision | None = None
    qualifier: Qualifier = Qualifier.NONE
    open_start: bool = False
    """``../end``: some day up to ``latest``, the start unknown."""
    open_end: bool = False
    """``start/..``: some day from ``earliest`` on, the end unknown."""

    def __attrs_post_init__(self) -> None:
        """Check that the bounds agree with the stated precision."""
        if self.open_start or self.open_end:
            self._check_open()
        if self.end_precision is None:
            start = self.earliest
            ok = (
                self.latest == _end_of(start, self.precision)
                and _start_of(start, self.precision) == start
            )
        else:
            ok = (
                self.earliest < self.latest
                and _start_of(self.earliest, self.precision) == self.earliest
                and _end_of(self.latest, self.end_precision) == self.latest
            )
            if self.qualifier is not Qualifier.NONE:  # EDTF text could not carry it
                raise InvalidDateError(
                    (self.earliest, self.latest), "qualifiers on an interval are not supported"
                )
        if not ok:
            raise InvalidDateError(
                (self.earliest, self.latest),
                f"bounds do not match {self.precision.value} precision",
            )

    def _check_open(self) -> None:
        bounds = (self.earliest, self.latest)
        if self.open_start and self.open_end:
            raise InvalidDateError(bounds, "an interval cannot be open at both ends")
        if self.end_precision is None:
            raise InvalidDateError(bounds, "an open date is an interval (give end_precision)")
        if self.precision is not self.end_precision:
            raise InvalidDateError(bounds, "an open interval has one precision, its point's")
        if self.open_start and self.earliest != _OPEN_START:
            raise InvalidDateError(bounds, f"an open start has earliest {_OPEN_START}")
        if self.open_end and self.latest != _OPEN_END:
            raise InvalidDateError(bounds, f"an open end has latest {_OPEN_END}")

    # Named constructors -------------------------------------------------------------------

    @classmethod
    def day(cls, value: pendulum.Date | dt.date) -> FuzzyDate:
        """A date known to the day."""
        d = _check_date(value)
        return cls(earliest=d, latest=d)

    @classmethod
    def month(cls, year: int, month: int) -> FuzzyDate:
        """A date known only to the month."""
        start = _point(year, month, 1, f"{year}-{month}")
        return cls(
            earliest=start, latest=_end_of(start, Precision.MONTH), precision=Precision.MONTH
        )

    @classmethod
    def year(cls, year: int) -> FuzzyDate:
        """A date known only to the year."""
        start = _point(year, 1, 1, str(year))
        return cls(earliest=start, latest=_end_of(start, Precision.YEAR), precision=Precision.YEAR)

    @classmethod
    def between(cls, start: FuzzyDate, end: FuzzyDate) -> FuzzyDate:
        """Some day from ``start`` to ``end`` (EDTF ``start/end``)."""
        if start.end_precision is not None or end.end_precision is not None:
            raise InvalidDateError(f"{start}/{end}", "an interval's ends must be single points")
        return cls(
            earliest=start.earliest,
            latest=end.latest,
            precision=start.precision,
            end_precision=end.precision,
        )

    @classmethod
    def not_after(cls, end: FuzzyDate) -> FuzzyDate:
        """Some day up to the end of ``end`` (EDTF ``../end``: "relations existed by 1973").

        >>> FuzzyDate.not_after(FuzzyDate.year(1973))
        FuzzyDate('../1973')
        """
        _check_open_point(end, f"../{end}", no_room=end.latest == _OPEN_START)
        p = end.precision
        return cls(_OPEN_START, end.latest, p, end_precision=p, open_start=True)

    @classmethod
    def not_before(cls, start: FuzzyDate) -> FuzzyDate:
        """Some day from the start of ``start`` on (EDTF ``start/..``: "from 1973 on")."""
        _check_open_point(start, f"{start}/..", no_room=start.earliest == _OPEN_END)
        p = start.precision
        return cls(start.earliest, _OPEN_END, p, end_precision=p, open_end=True)

    # Queries ------------------------------------------------------------------------------

    @property
    def is_exact(self) -> bool:
        """True when the date is known to the day."""
        return self.earliest == self.latest

    @property
    def is_open(self) -> bool:
        """True for an interval open at one end (``../1973``, ``1973/..``)."""
        return self.open_start or self.open_end

    def has_happened(self, on: pendulum.Date) -> bool | None:
        """Whether an act on this date had certainly happened by ``on`` (None: unknown).

        On its own, an open end never certainly happened (a history bounds it by the next act).

        >>> import pendulum
        >>> d = parse_edtf("1959/1960")
        >>> d.has_happened(pendulum.Date(1958, 12, 31)), d.has_happened(pendulum.Date(1959, 6, 1))
        (False, None)
        >>> d.has_happened(pendulum.Date(1960, 12, 31))
        True
        """
        if on < self.earliest:
            return False
        if on >= self.latest and not self.open_end:
            return True
        return None

    @property
    def stated(self) -> tuple[pendulum.Date, pendulum.Date]:
        """The first and last day of the points as stated: an open side is left out.

        ``../1973`` covers 1973 and ``1973/..`` 1973 (a chart can draw them; an engine bounds
        the open side with the dyad's other acts instead).
        """
        if self.open_start:
            return (_start_of(self.latest, self.end_precision or self.precision), self.latest)
        if self.open_end:
            return (self.earliest, _end_of(self.earliest, self.precision))
        return (self.earliest, self.latest)

    def sort_key(self) -> tuple[pendulum.Date, pendulum.Date]:
        """The key that orders acts in time: earliest day, then latest day.

        An open start (``../1973``) has no earliest day and sorts as the day (or month, year)
        it is known by: ``../1973`` as ``1973``, so that among acts of that span the kind of act
        decides (relations that stood by 1973 come before an ambassador who arrived in 1973).
        """
        if self.open_start:
            return self.stated
        return (self.earliest, self.latest)

    def __str__(self) -> str:
        """The EDTF text of this date."""
        return format_edtf(self)

    def __repr__(self) -> str:
        """``FuzzyDate('1959/1960')``."""
        return f"FuzzyDate({format_edtf(self)!r})"


def _check_open_point(point: FuzzyDate, text: str, *, no_room: bool) -> None:
    if point.end_precision is not None or point.qualifier is not Qualifier.NONE:
        raise InvalidDateError(text, "an open interval's end must be a single, unqualified point")
    if no_room:  # ../0001-01-01, 9999-12-31/..
        raise InvalidDateError(text, "no day lies beyond its point to leave open")


def _start_of(d: pendulum.Date, precision: Precision) -> pendulum.Date:
    if precision is Precision.DAY:
        return d
    if precision is Precision.MONTH:
        return pendulum.Date(d.year, d.month, 1)
    return pendulum.Date(d.year, 1, 1)


def _point(year: int, month: int, day: int, text: str) -> pendulum.Date:
    if not 1 <= year <= 9999:  # noqa: PLR2004 - the four-digit years of EDTF level 0
        raise InvalidDateError(text, "the year must have four digits (0001-9999)")
    try:
        return pendulum.Date(year, month, day)
    except ValueError as e:
        raise InvalidDateError(text, str(e)) from None


_POINT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_QUALIFIERS = {q.value: q for q in Qualifier if q.value}


def _parse_point(text: str, original: str) -> FuzzyDate:
    m = _POINT.fullmatch(text)
    if m is None:
        raise InvalidDateError(
            original,
            "expected EDTF such as 2024-02-14, 1959-02, 1949, 1959/1960 or 1949?",
        )
    year, month, day = m.groups()
    if day is not None:
        return FuzzyDate.day(_point(int(year), int(month), int(day), original))
    _point(int(year), int(month or 1), 1, original)  # errors name the text as given
    if month is not None:
        return FuzzyDate.month(int(year), int(month))
    return FuzzyDate.year(int(year))


# Room for the date texts of a large history: a million acts over 1816-2024 use about 77,000
# (65,536 made a load of it parse 2.5 times as many); the dates are shared by its events.
@lru_cache(maxsize=1 << 17)
def parse_edtf(text: str) -> FuzzyDate:
    """Parse an EDTF (ISO 8601-2) date: a day, a month, a year or an interval.

    Supported: ``2024-02-14``, ``1959-02``, ``1949``, intervals ``1959/1960`` and
    ``1959-02/1959-05``, intervals open at one end ``../1973-06-24`` ("by") and ``1973/..``
    ("from ... on"), and a qualifier on a single point: ``1949?`` (uncertain), ``1949~``
    (approximate), ``1949%`` (both). Raises :class:`InvalidDateError` otherwise.

    >>> parse_edtf("1949?").qualifier
    <Qualifier.UNCERTAIN: '?'>
    >>> parse_edtf("1949-13")
    Traceback (most recent call last):
    ...
    diplorel.exceptions.InvalidDateError: invalid date '1949-13': month must be in 1..12
    """
    if not isinstance(text, str):
        msg = f"expected EDTF text, got {type(text).__name__} {text!r}"
        raise TypeError(msg)
    s = text.strip()
    if "/" in s:
        return _parse_interval(s, text)
    qualifier = Qualifier.NONE
    if s and s[-1] in _QUALIFIERS:
        qualifier = _QUALIFIERS[s[-1]]
        s = s[:-1]
    point = _parse_point(s, text)
    if qualifier is Qualifier.NONE:
        return point
    return attrs.evolve(point, qualifier=qualifier)


def _parse_interval(s: str, text: str) -> FuzzyDate:
    start, _, end = s.partition("/")
    if "/" in end:
        raise InvalidDateError(text, "an interval has two ends, not more")
    if start == end == "..":
        raise InvalidDateError(text, "an interval cannot be open at both ends")
    if not start or not end:
        raise InvalidDateError(text, "unknown interval ends are not supported (.. is open)")
    if start[-1] in _QUALIFIERS or end[-1] in _QUALIFIERS:
        raise InvalidDateError(text, "qualifiers inside an interval are not supported")
    try:
        if start == "..":
            return FuzzyDate.not_after(_parse_point(end, text))
        if end == "..":
            return FuzzyDate.not_before(_parse_point(start, text))
    except InvalidDateError as e:  # name the text as given
        raise InvalidDateError(text, e.reason) from None
    lo, hi = _parse_point(start, text), _parse_point(end, text)
    if hi.latest <= lo.earliest or hi.earliest < lo.earliest:
        raise InvalidDateError(text, "the interval ends before it starts")
    return FuzzyDate.between(lo, hi)


def format_edtf(value: FuzzyDate) -> str:
    """Format a :class:`FuzzyDate` as EDTF text; the inverse of :func:`parse_edtf`."""
    if value.open_start:
        return f"../{_format_point(value.latest, value.precision)}"
    lo = _format_point(value.earliest, value.precision)
    if value.end_precision is None:
        return lo + value.qualifier.value
    if value.open_end:
        return f"{lo}/.."
    return f"{lo}/{_format_point(value.latest, value.end_precision)}"


DateLike: TypeAlias = "str | pendulum.Date | dt.date | FuzzyDate"
"""What ``on=`` accepts: EDTF text, a calendar date, or a :class:`FuzzyDate`."""


def to_fuzzy(value: DateLike, *, where: str = "") -> FuzzyDate:
    """Turn anything ``on=`` accepts into a :class:`FuzzyDate`."""
    if isinstance(value, FuzzyDate):
        return value
    if isinstance(value, str):
        try:
            return parse_edtf(value)
        except InvalidDateError as e:
            if where:
                raise InvalidDateError(value, e.reason, where=where) from None
            raise
    if isinstance(value, dt.datetime):
        msg = f"{where or 'on'}: expected a date, got the datetime {value!r}; pass .date()"
        raise TypeError(msg)
    if isinstance(value, dt.date):
        return FuzzyDate.day(value)
    msg = f"{where or 'on'}: expected EDTF text, a date or a FuzzyDate, got {type(value).__name__}"
    raise TypeError(msg)


def to_optional_fuzzy(value: DateLike | None) -> FuzzyDate | None:
    """Like :func:`to_fuzzy`, passing ``None`` through (an attrs converter)."""
    return None if value is None else to_fuzzy(value)


# Time zones ----------------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def check_tz(name: str) -> str:
    """Return ``name`` if it is an IANA time zone, else raise :class:`InvalidDateError`."""
    if not isinstance(name, str):
        msg = f"expected an IANA time zone name, got {type(name).__name__} {name!r}"
        raise TypeError(msg)
    try:
        pendulum.timezone(name)
    except Exception:  # noqa: BLE001 - pendulum raises several kinds for unknown names
        raise InvalidDateError(name, "not an IANA time zone name (e.g. America/New_York)") from None
    return name


@lru_cache(maxsize=1024)
def _zone(name: str) -> pendulum.Timezone | pendulum.FixedTimezone:
    return pendulum.timezone(name)


# Times of day --------------------------------------------------------------------------------

_TIME = re.compile(r"(\d{2}):(\d{2})(?::(\d{2}))?")


def parse_time_of_day(text: str) -> dt.time:
    """Parse an act's local time of day, ``HH:MM`` or ``HH:MM:SS`` (no zone: see ``tz``).

    >>> parse_time_of_day("22:00")
    datetime.time(22, 0)
    """
    if not isinstance(text, str):
        msg = f"expected a time of day such as 22:00, got {type(text).__name__} {text!r}"
        raise TypeError(msg)
    m = _TIME.fullmatch(text.strip())
    if m is None:
        raise InvalidDateError(text, "expected a local time of day such as 22:00 or 22:00:30")
    hour, minute, second = m.groups()
    try:
        return dt.time(int(hour), int(minute), int(second or 0))
    except ValueError as e:
        raise InvalidDateError(text, str(e)) from None


def format_time_of_day(value: dt.time) -> str:
    """``HH:MM``, or ``HH:MM:SS`` when there are seconds; the inverse of parse_time_of_day."""
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def to_optional_time(value: str | dt.time | None) -> dt.time | None:
    """An act's time of day from ``HH:MM`` text or a naive ``datetime.time`` (None passes).

    The time is local to the act's place, its ``tz``: a time with a zone of its own, or with
    fractions of a second, is refused.
    """
    if value is None:
        return None
    if isinstance(value, str):
        return parse_time_of_day(value)
    if not isinstance(value, dt.time):
        msg = f"expected a time of day (datetime.time or HH:MM), got {type(value).__name__}"
        raise TypeError(msg)
    if value.tzinfo is not None:
        raise InvalidDateError(value, "a time of day is local to the event's tz; drop its zone")
    if value.microsecond:
        raise InvalidDateError(value, "a time of day is given to the minute or the second")
    return value


def check_act_time(on: FuzzyDate, time: dt.time | None) -> None:
    """Refuse a time of day on an act that is not dated to the day."""
    if time is not None and not on.is_exact:
        raise InvalidDateError(
            f"{on} {format_time_of_day(time)}", "a time of day needs an act dated to the day"
        )


def act_instant(day: pendulum.Date, time: dt.time, tz: str) -> pendulum.DateTime:
    """The instant of an act on ``day`` at ``time`` in the zone ``tz``."""
    return pendulum.datetime(
        day.year, day.month, day.day, time.hour, time.minute, time.second, tz=_zone(tz)
    )


# Query dates ---------------------------------------------------------------------------------

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_REDUCED = re.compile(r"\d{4}(?:-\d{2})?")


@attrs.frozen
class When:
    """A query date: a calendar day, or an instant compared in each act's own time zone.

    Library functions never read a clock; pass the day you mean.
    """

    day: pendulum.Date
    instant: pendulum.DateTime | None = None

    def local_day(self, tz: str) -> pendulum.Date:
        """The calendar day of this query in the time zone ``tz``."""
        if self.instant is None:
            return self.day
        local = self.instant.in_timezone(_zone(tz))
        return pendulum.Date(local.year, local.month, local.day)

    def __str__(self) -> str:
        """ISO text of the query."""
        return self.instant.isoformat() if self.instant is not None else self.day.isoformat()


QueryLike: TypeAlias = "str | pendulum.Date | dt.date | dt.datetime | When"
"""What a query's ``on=`` accepts: ISO day text, an aware datetime, a date."""


def _parse_query_text(text: str) -> When:
    if _ISO_DAY.fullmatch(text):
        return When(day=_point(int(text[:4]), int(text[5:7]), int(text[8:]), text))
    if _REDUCED.fullmatch(text):  # pendulum would read "1949" as 1 January 1949
        raise InvalidDateError(
            text, "a query needs a single day (e.g. 1949-06-01), not a year or month"
        )
    try:
        # tz=None keeps a datetime without an offset naive, so that it is refused below
        parsed = pendulum.parse(text, exact=True, tz=None)
    except Exception:  # noqa: BLE001 - pendulum's parser raises several kinds
        raise InvalidDateError(
            text, "expected a day (2024-02-14) or an aware datetime (2024-02-14T12:00+09:00)"
        ) from None
    return _when_from(parsed, text)


def _when_from(value: object, text: object) -> When:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidDateError(text, "a datetime query needs a time zone (e.g. +09:00)")
        instant = pendulum.instance(value)
        utc = instant.in_timezone("UTC")
        return When(day=pendulum.Date(utc.year, utc.month, utc.day), instant=instant)
    if isinstance(value, dt.date):
        return When(day=_check_date(value))
    raise InvalidDateError(text, "expected a single day or an instant, not a duration or a time")


_QUERIES: dict[object, When] = {}
"""Query dates already converted: calendar days and ISO text (their answers never change)."""
_QUERIES_SIZE = 1 << 17
"""Room for every day from 1816 to 2026 (77,067 days) and more: a random workload over those
days no longer thrashes. An entry holds about 160 bytes (the :class:`When` and its date) and
its key (a date, or the text): 12 MB for all those days, 21 MB when full. When full, the
oldest quarter goes, never the whole cache: a workload asking for more days still finds most."""
_QUERIES_DROPPED = _QUERIES_SIZE // 4


def _forget_oldest_queries() -> None:
    """Drop the oldest quarter of the query dates (a dict keeps the order they came in)."""
    for old in list(islice(_QUERIES, _QUERIES_DROPPED)):
        _QUERIES.pop(old, None)  # another thread may have dropped it already


def to_when(value: QueryLike) -> When:
    """Turn anything a query's ``on=`` accepts into a :class:`When`.

    >>> to_when("2024-02-14T12:00:00+09:00").local_day("America/New_York")
    Date(2024, 2, 13)
    """
    kind = type(value)
    if kind is pendulum.Date or kind is dt.date or kind is str:  # the fast path: seen before
        found = _QUERIES.get(value)
        if found is None:
            if len(_QUERIES) >= _QUERIES_SIZE:
                _forget_oldest_queries()
            if kind is str:
                found = _parse_query_text(value.strip())  # type: ignore[union-attr]
            else:
                found = When(day=_check_date(value))
            _QUERIES[value] = found
        return found
    if isinstance(value, When):
        return value
    if isinstance(value, str):
        return _parse_query_text(value.strip())
    if isinstance(value, (dt.date, dt.datetime)):
        return _when_from(value, value)
    raise InvalidTypeError(value, field="on", expected="a date, an aware datetime or ISO text")
