from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import diplorel as dr
from diplorel._dates import (
    act_instant,
    check_act_time,
    check_tz,
    format_time_of_day,
    parse_time_of_day,
    to_fuzzy,
    to_optional_time,
)
from strategies import edtf_texts, fuzzy_dates, pendulum_dates

D = pendulum.Date


class TestParseFormat:
    """EDTF text in, EDTF text out, nothing lost."""

    @given(fuzzy_dates)
    def test_round_trip_value(self, d: dr.FuzzyDate) -> None:
        """parse_edtf(format_edtf(d)) == d for every date."""
        assert dr.parse_edtf(dr.format_edtf(d)) == d

    @given(edtf_texts)
    def test_round_trip_text(self, text: str) -> None:
        """format_edtf(parse_edtf(t)) == t for every canonical EDTF text."""
        assert dr.format_edtf(dr.parse_edtf(text)) == text

    @given(fuzzy_dates)
    def test_str_and_repr(self, d: dr.FuzzyDate) -> None:
        """str() is the EDTF text and repr() shows it."""
        assert str(d) == dr.format_edtf(d)
        assert repr(d) == f"FuzzyDate({dr.format_edtf(d)!r})"

    @pytest.mark.parametrize(
        ("text", "earliest", "latest", "precision"),
        [
            ("2024-02-14", D(2024, 2, 14), D(2024, 2, 14), dr.Precision.DAY),
            ("1959-02", D(1959, 2, 1), D(1959, 2, 28), dr.Precision.MONTH),
            ("1960-02", D(1960, 2, 1), D(1960, 2, 29), dr.Precision.MONTH),
            ("1949", D(1949, 1, 1), D(1949, 12, 31), dr.Precision.YEAR),
            ("1959/1960", D(1959, 1, 1), D(1960, 12, 31), dr.Precision.YEAR),
            ("1959-02/1959-05-03", D(1959, 2, 1), D(1959, 5, 3), dr.Precision.MONTH),
        ],
    )
    def test_bounds(self, text: str, earliest: D, latest: D, precision: dr.Precision) -> None:
        """Each form gives the span of days it stands for."""
        d = dr.parse_edtf(text)
        assert (d.earliest, d.latest, d.precision) == (earliest, latest, precision)

    def test_year_is_not_first_of_january(self) -> None:
        """'1949' keeps year precision and never becomes 1 January 1949."""
        d = dr.parse_edtf("1949")
        assert d != dr.FuzzyDate.day(D(1949, 1, 1))
        assert not d.is_exact
        assert d.precision is dr.Precision.YEAR
        assert dr.format_edtf(d) == "1949"

    @pytest.mark.parametrize(
        ("text", "qualifier"),
        [
            ("1949?", dr.Qualifier.UNCERTAIN),
            ("1949~", dr.Qualifier.APPROXIMATE),
            ("1949-02%", dr.Qualifier.UNCERTAIN_APPROXIMATE),
            ("1949", dr.Qualifier.NONE),
        ],
    )
    def test_qualifiers(self, text: str, qualifier: dr.Qualifier) -> None:
        """Qualifiers are kept and written back."""
        d = dr.parse_edtf(text)
        assert d.qualifier is qualifier
        assert dr.format_edtf(d) == text

    def test_whitespace_stripped(self) -> None:
        """Surrounding whitespace is ignored."""
        assert dr.parse_edtf(" 1949 ") == dr.FuzzyDate.year(1949)

    def test_named_constructors(self) -> None:
        """day/month/year/between agree with the parser."""
        assert dr.FuzzyDate.day(D(2024, 2, 14)) == dr.parse_edtf("2024-02-14")
        assert dr.FuzzyDate.day(dt.date(2024, 2, 14)) == dr.parse_edtf("2024-02-14")
        assert dr.FuzzyDate.month(1959, 2) == dr.parse_edtf("1959-02")
        assert dr.FuzzyDate.year(1949) == dr.parse_edtf("1949")
        between = dr.FuzzyDate.between(dr.FuzzyDate.year(1959), dr.FuzzyDate.year(1960))
        assert between == dr.parse_edtf("1959/1960")

    def test_between_refuses_nested_intervals(self) -> None:
        """An interval's ends must be single points."""
        with pytest.raises(dr.InvalidDateError):
            dr.FuzzyDate.between(dr.parse_edtf("1959/1960"), dr.FuzzyDate.year(1961))

    def test_qualified_interval_refused(self) -> None:
        """A qualifier on an interval cannot be written as EDTF, so it is refused."""
        with pytest.raises(dr.InvalidDateError, match="qualifiers"):
            dr.FuzzyDate(
                earliest=D(1959, 1, 1),
                latest=D(1960, 12, 31),
                precision=dr.Precision.YEAR,
                end_precision=dr.Precision.YEAR,
                qualifier=dr.Qualifier.UNCERTAIN,
            )

    def test_bounds_must_match_precision(self) -> None:
        """A year whose bounds are not 1 Jan-31 Dec is refused."""
        with pytest.raises(dr.InvalidDateError, match="precision"):
            dr.FuzzyDate(
                earliest=D(1949, 3, 1), latest=D(1949, 12, 31), precision=dr.Precision.YEAR
            )


class TestInvalidDates:
    """Bad input raises InvalidDateError naming the value."""

    @pytest.mark.parametrize(
        "text",
        [
            *("", "abc", "49", "1949-13", "1949-00", "1949-02-30", "0000", "1960/1959"),
            *("1949?/1950", "2024-02-14T00:00", "1949??", "1949/", "/1950"),
            *("../..", "1973/../..", "../1973/1974", "..", "../1973?", "1973~/.."),
            *("../0001-01-01", "9999-12-31/..", "../1973-13", "1973-02-30/.."),
        ],
    )
    def test_invalid(self, text: str) -> None:
        """The error is a ValueError and a DiplorelError and names the offending text."""
        with pytest.raises(dr.InvalidDateError) as info:
            dr.parse_edtf(text)
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, dr.DiplorelError)
        assert info.value.value == text
        assert repr(text) in str(info.value)

    def test_event_date_error_names_value(self) -> None:
        """An invalid on= on an event names the text."""
        with pytest.raises(dr.InvalidDateError, match="'1949-02-30'"):
            dr.RelationsEstablished(between=("CUB", "KOR"), on="1949-02-30")

    def test_where_is_reported(self) -> None:
        """to_fuzzy(where=...) puts the place into the message."""
        with pytest.raises(dr.InvalidDateError, match=r"in \$\.on"):
            to_fuzzy("nope", where="$.on")

    @pytest.mark.parametrize("value", [1949, 1949.0, None, b"1949"])
    def test_wrong_type(self, value: object) -> None:
        """A non-string to parse_edtf is a TypeError."""
        with pytest.raises(TypeError):
            dr.parse_edtf(value)  # type: ignore[arg-type]

    def test_datetime_where_date_expected(self) -> None:
        """A pendulum.DateTime (a Date subclass) as a calendar date is a TypeError."""
        moment = pendulum.datetime(2024, 2, 14)
        with pytest.raises(TypeError, match="datetime"):
            dr.FuzzyDate.day(moment)
        with pytest.raises(TypeError, match="datetime"):
            dr.RelationsEstablished(between=("CUB", "KOR"), on=moment)
        with pytest.raises(TypeError, match="datetime"):
            dr.FuzzyDate(earliest=moment, latest=moment)

    def test_unknown_time_zone(self) -> None:
        """tz= must be an IANA time zone."""
        with pytest.raises(dr.InvalidDateError, match="Mars/Olympus"):
            check_tz("Mars/Olympus")
        with pytest.raises(dr.InvalidDateError):
            dr.RelationsEstablished(between=("CUB", "KOR"), on="1949", tz="Mars/Olympus")


class TestOpenIntervals:
    """EDTF intervals open at one end: "by 1973" (``../1973``) and "from 1973 on" (``1973/..``)."""

    @pytest.mark.parametrize(
        "text", ["../1973-06-24", "1973/..", "../1973", "1973-06/..", "../9999", "0001/.."]
    )
    def test_round_trip(self, text: str) -> None:
        """format_edtf(parse_edtf(t)) == t, and str() and repr() show the same text."""
        d = dr.parse_edtf(text)
        assert dr.format_edtf(d) == text
        assert dr.parse_edtf(dr.format_edtf(d)) == d
        assert str(d) == text
        assert repr(d) == f"FuzzyDate({text!r})"

    @pytest.mark.parametrize(
        ("text", "earliest", "latest", "precision"),
        [
            ("../1973-06-24", D(1, 1, 1), D(1973, 6, 24), dr.Precision.DAY),
            ("../1973", D(1, 1, 1), D(1973, 12, 31), dr.Precision.YEAR),
            ("1973/..", D(1973, 1, 1), D(9999, 12, 31), dr.Precision.YEAR),
            ("1973-06/..", D(1973, 6, 1), D(9999, 12, 31), dr.Precision.MONTH),
        ],
    )
    def test_bounds(self, text: str, earliest: D, latest: D, precision: dr.Precision) -> None:
        """The open side reaches the first or last representable day; both precisions match."""
        d = dr.parse_edtf(text)
        assert (d.earliest, d.latest) == (earliest, latest)
        assert d.precision is d.end_precision is precision
        assert d.is_open
        assert not d.is_exact

    def test_flags(self) -> None:
        """open_start and open_end say which side is open."""
        assert dr.parse_edtf("../1973").open_start
        assert not dr.parse_edtf("../1973").open_end
        assert dr.parse_edtf("1973/..").open_end
        assert not dr.parse_edtf("1973/..").open_start
        assert not dr.parse_edtf("1959/1960").is_open

    def test_differs_from_a_closed_interval(self) -> None:
        """../1973 is not 0001/1973, though their days are the same."""
        assert dr.parse_edtf("../1973") != dr.parse_edtf("0001/1973")
        assert dr.format_edtf(dr.parse_edtf("0001/1973")) == "0001/1973"

    def test_named_constructors(self) -> None:
        """not_after and not_before agree with the parser."""
        assert dr.FuzzyDate.not_after(dr.FuzzyDate.year(1973)) == dr.parse_edtf("../1973")
        day = dr.FuzzyDate.day(D(1973, 6, 24))
        assert dr.FuzzyDate.not_after(day) == dr.parse_edtf("../1973-06-24")
        assert dr.FuzzyDate.not_before(dr.FuzzyDate.month(1973, 6)) == dr.parse_edtf("1973-06/..")

    @pytest.mark.parametrize(
        "point", [dr.parse_edtf("1959/1960"), dr.parse_edtf("1973?"), dr.parse_edtf("1973/..")]
    )
    def test_constructors_need_a_plain_point(self, point: dr.FuzzyDate) -> None:
        """An open interval's stated end is a single, unqualified point."""
        with pytest.raises(dr.InvalidDateError, match="single, unqualified point"):
            dr.FuzzyDate.not_after(point)
        with pytest.raises(dr.InvalidDateError, match="single, unqualified point"):
            dr.FuzzyDate.not_before(point)

    @pytest.mark.parametrize(
        ("fields", "reason"),
        [
            ({"open_start": True, "open_end": True}, "both ends"),
            ({"open_start": True, "end_precision": None}, "is an interval"),
            ({"open_start": True, "precision": dr.Precision.DAY}, "one precision"),
            ({"open_end": True, "earliest": D(1973, 1, 1)}, "open end has latest"),
            ({"open_start": True, "earliest": D(1900, 1, 1)}, "open start has earliest"),
        ],
    )
    def test_inconsistent_fields_refused(self, fields: dict[str, object], reason: str) -> None:
        """Fields that contradict each other raise InvalidDateError."""
        base: dict[str, object] = {
            "earliest": D(1, 1, 1),
            "latest": D(1973, 12, 31),
            "precision": dr.Precision.YEAR,
            "end_precision": dr.Precision.YEAR,
        }
        with pytest.raises(dr.InvalidDateError, match=reason):
            dr.FuzzyDate(**{**base, **fields})  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("../..", "open at both ends"),
            ("1973/../..", "two ends"),
            ("/1973", "unknown interval ends"),
            ("../1973?", "qualifiers"),
            ("../0001-01-01", "no day lies beyond"),
        ],
    )
    def test_invalid_forms_say_why(self, text: str, reason: str) -> None:
        """Each refused open form names the text and gives the reason."""
        with pytest.raises(dr.InvalidDateError, match=reason) as info:
            dr.parse_edtf(text)
        assert info.value.value == text

    def test_has_happened_open_start(self) -> None:
        """By 1973: unknown on any day before its end, then certain."""
        d = dr.parse_edtf("../1973")
        assert d.has_happened(D(1800, 1, 1)) is None
        assert d.has_happened(D(1973, 12, 30)) is None
        assert d.has_happened(D(1973, 12, 31)) is True

    def test_has_happened_open_end(self) -> None:
        """From 1973 on: not before 1973, and on its own never certainly after."""
        d = dr.parse_edtf("1973/..")
        assert d.has_happened(D(1972, 12, 31)) is False
        assert d.has_happened(D(1973, 1, 1)) is None
        assert d.has_happened(D(9999, 12, 31)) is None

    def test_sort_key(self) -> None:
        """An open start sorts as its end point (../1973 as 1973); an open end by its start."""
        assert dr.parse_edtf("../1973").sort_key() == dr.parse_edtf("1973").sort_key()
        assert dr.parse_edtf("1973/..").sort_key() == (D(1973, 1, 1), D(9999, 12, 31))
        keys = sorted(dr.parse_edtf(t).sort_key() for t in ["1974", "../1973", "1973/.."])
        assert keys == [
            dr.parse_edtf("../1973").sort_key(),
            dr.parse_edtf("1973/..").sort_key(),
            dr.parse_edtf("1974").sort_key(),
        ]


class TestTimeOfDay:
    """An act's local time of day: text HH:MM in files, a datetime.time in Python."""

    @pytest.mark.parametrize(
        ("text", "time"),
        [("22:00", dt.time(22)), ("00:00", dt.time()), ("23:59:30", dt.time(23, 59, 30))],
    )
    def test_round_trip(self, text: str, time: dt.time) -> None:
        """parse_time_of_day and format_time_of_day are inverses."""
        assert parse_time_of_day(text) == time
        assert format_time_of_day(time) == text

    @pytest.mark.parametrize("text", ["24:00", "22", "22h00", "10:00 PM", "22:00+01:00", "2:00"])
    def test_invalid_text(self, text: str) -> None:
        """Unreadable times raise InvalidDateError naming the text."""
        with pytest.raises(dr.InvalidDateError) as info:
            parse_time_of_day(text)
        assert info.value.value == text
        assert repr(text) in str(info.value)

    def test_to_optional_time(self) -> None:
        """None passes, text is parsed, a naive time is kept."""
        assert to_optional_time(None) is None
        assert to_optional_time("22:00") == dt.time(22)
        assert to_optional_time(dt.time(22, 15)) == dt.time(22, 15)

    def test_zone_and_fractions_refused(self) -> None:
        """A time with its own zone, or with microseconds, is refused: the event's tz says where."""
        with pytest.raises(dr.InvalidDateError, match="tz"):
            to_optional_time(dt.time(22, tzinfo=dt.UTC))
        with pytest.raises(dr.InvalidDateError, match="second"):
            to_optional_time(dt.time(22, 0, 0, 5))

    @pytest.mark.parametrize("value", [22, 22.0, dt.datetime(2024, 4, 5, 22, tzinfo=dt.UTC)])
    def test_wrong_type(self, value: object) -> None:
        """Anything else is a TypeError."""
        with pytest.raises(TypeError):
            to_optional_time(value)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            parse_time_of_day(value)  # type: ignore[arg-type]

    @pytest.mark.parametrize("text", ["2024", "2024-04", "2024-04-04/2024-04-05", "2024/.."])
    def test_time_needs_a_day(self, text: str) -> None:
        """A time of day on an act not dated to the day is refused."""
        with pytest.raises(dr.InvalidDateError, match="dated to the day"):
            check_act_time(dr.parse_edtf(text), dt.time(22))
        check_act_time(dr.parse_edtf(text), None)
        check_act_time(dr.parse_edtf("2024-04-05"), dt.time(22))

    def test_act_instant(self) -> None:
        """22:00 on 5 April 2024 in Mexico City is 04:00 UTC on the 6th."""
        instant = act_instant(D(2024, 4, 5), dt.time(22), "America/Mexico_City")
        assert instant == pendulum.datetime(2024, 4, 6, 4, tz="UTC")


class TestHasHappened:
    """Whether an act had certainly happened by a day."""

    def test_exact(self) -> None:
        """A day is known: before it False, from it True."""
        d = dr.parse_edtf("2024-02-14")
        assert d.has_happened(D(2024, 2, 13)) is False
        assert d.has_happened(D(2024, 2, 14)) is True

    def test_year(self) -> None:
        """Inside a year the answer is unknown; on its last day it is True."""
        d = dr.parse_edtf("1949")
        assert d.has_happened(D(1948, 12, 31)) is False
        assert d.has_happened(D(1949, 1, 1)) is None
        assert d.has_happened(D(1949, 12, 30)) is None
        assert d.has_happened(D(1949, 12, 31)) is True

    @given(fuzzy_dates, pendulum_dates)
    def test_matches_span(self, d: dr.FuzzyDate, on: D) -> None:
        """None exactly when earliest <= on < latest."""
        result = d.has_happened(on)
        if on >= d.latest:
            assert result is True
        elif on < d.earliest:
            assert result is False
        else:
            assert result is None

    @given(fuzzy_dates, fuzzy_dates)
    def test_sort_key(self, a: dr.FuzzyDate, b: dr.FuzzyDate) -> None:
        """Acts are ordered by earliest day, then latest day."""
        assert (a.sort_key() < b.sort_key()) == ((a.earliest, a.latest) < (b.earliest, b.latest))


class TestToWhen:
    """Query dates: plain days compare calendar dates, instants each act's local day."""

    def test_day_text(self) -> None:
        """ISO day text is a plain day with no instant."""
        w = dr.to_when("2024-02-14")
        assert (w.day, w.instant) == (D(2024, 2, 14), None)
        assert w.local_day("Asia/Seoul") == D(2024, 2, 14)
        assert str(w) == "2024-02-14"

    def test_aware_text_in_new_york(self) -> None:
        """2024-02-14T12:00+09:00 is still 13 February in New York."""
        w = dr.to_when("2024-02-14T12:00+09:00")
        assert w.local_day("America/New_York") == D(2024, 2, 13)
        assert w.local_day("Asia/Seoul") == D(2024, 2, 14)
        assert w.day == D(2024, 2, 14)

    def test_aware_pendulum_datetime(self) -> None:
        """An aware pendulum DateTime works like aware text."""
        w = dr.to_when(pendulum.datetime(2024, 2, 14, 12, tz="Asia/Seoul"))
        assert w.local_day("America/New_York") == D(2024, 2, 13)

    def test_aware_stdlib_datetime(self) -> None:
        """An aware stdlib datetime is accepted."""
        tz = dt.timezone(dt.timedelta(hours=9))
        w = dr.to_when(dt.datetime(2024, 2, 14, 12, tzinfo=tz))
        assert w.local_day("America/New_York") == D(2024, 2, 13)

    @pytest.mark.parametrize("value", [D(2024, 2, 14), dt.date(2024, 2, 14)])
    def test_date(self, value: dt.date) -> None:
        """A date is a plain day."""
        assert dr.to_when(value) == dr.When(day=D(2024, 2, 14))

    def test_when_passes_through(self) -> None:
        """A When is returned as is."""
        w = dr.When(day=D(2024, 2, 14))
        assert dr.to_when(w) is w

    @pytest.mark.parametrize(
        "value",
        [
            dt.datetime(2024, 2, 14, 12),  # noqa: DTZ001 - the point of the test
            pendulum.naive(2024, 2, 14, 12),
            "2024-02-14T12:00",
        ],
    )
    def test_naive_datetime_refused(self, value: object) -> None:
        """A datetime without a time zone is refused: no hidden local zone."""
        with pytest.raises(dr.InvalidDateError, match="time zone"):
            dr.to_when(value)  # type: ignore[arg-type]

    @pytest.mark.parametrize("text", ["1949", "2024-02"])
    def test_reduced_precision_query_refused(self, text: str) -> None:
        """A year or month is not a query day (it would silently become the 1st)."""
        with pytest.raises(dr.InvalidDateError, match=repr(text)):
            dr.to_when(text)

    @pytest.mark.parametrize("text", ["hello", "P1D", "12:00", "2024-02-30"])
    def test_invalid_text(self, text: str) -> None:
        """Unreadable query text is an InvalidDateError naming it."""
        with pytest.raises(dr.InvalidDateError, match=repr(text)):
            dr.to_when(text)

    @pytest.mark.parametrize("value", [20240214, None, 1.5])
    def test_wrong_type(self, value: object) -> None:
        """Anything else is a TypeError."""
        with pytest.raises(TypeError):
            dr.to_when(value)  # type: ignore[arg-type]

    @given(pendulum_dates, st.sampled_from(["UTC", "Asia/Seoul", "America/New_York"]))
    def test_day_is_the_same_everywhere(self, day: D, tz: str) -> None:
        """A plain day query has the same local day in every zone."""
        assert dr.to_when(day).local_day(tz) == day
