from __future__ import annotations

import operator
import pickle
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diplorel._money import (
    Currency,
    Money,
    _table,
    currencies,
    currency,
    format_money,
    parse_money,
)
from diplorel.exceptions import (
    CurrencyMismatchError,
    DiplorelError,
    FloatAmountError,
    InvalidAmountError,
    UnknownCurrencyError,
)

CODES = ("USD", "EUR", "JPY", "BHD", "CLF", "XAU")


def amounts(code: str) -> st.SearchStrategy[Decimal]:
    """Decimals that fit ``code``'s minor units (up to 6 places where it has none)."""
    places = currency(code).minor_unit
    places = 6 if places is None else places
    return st.integers(-(10**15), 10**15).map(lambda n: Decimal(n).scaleb(-places))


def moneys(code: str) -> st.SearchStrategy[Money]:
    """Money in ``code``."""
    return amounts(code).map(lambda a: Money(a, code))


any_money = st.sampled_from(CODES).flatmap(moneys)
same_currency_pair = st.sampled_from(CODES).flatmap(lambda c: st.tuples(moneys(c), moneys(c)))
same_currency_triple = st.sampled_from(CODES).flatmap(
    lambda c: st.tuples(moneys(c), moneys(c), moneys(c))
)
two_codes = st.lists(st.sampled_from(CODES), min_size=2, max_size=2, unique=True)


class TestCurrency:
    """Currency lookup and the ISO 4217 table."""

    def test_minor_units(self) -> None:
        """JPY has 0 minor units, USD 2, BHD and KWD 3, CLF and UYW 4."""
        units = {c: currency(c).minor_unit for c in ("JPY", "USD", "BHD", "KWD", "CLF", "UYW")}
        assert units == {"JPY": 0, "USD": 2, "BHD": 3, "KWD": 3, "CLF": 4, "UYW": 4}

    def test_no_fixed_minor_unit(self) -> None:
        """Gold, SDR and the testing code have no fixed minor unit (None)."""
        assert [currency(c).minor_unit for c in ("XAU", "XDR", "XTS")] == [None] * 3

    def test_fields(self) -> None:
        """A currency has its code, three-digit numeric code and name from list one."""
        assert currency("ALL") == Currency("ALL", "008", 2, "Lek")

    def test_any_case(self) -> None:
        """Codes are accepted in any case and normalised to upper case."""
        assert currency("usd") is currency("USD")
        assert Money(1, "uSd").currency == "USD"

    def test_unknown_suggests_close_codes(self) -> None:
        """An unknown code raises UnknownCurrencyError suggesting close codes."""
        with pytest.raises(UnknownCurrencyError) as info:
            currency("USDD")
        assert info.value.code == "USDD"
        assert "USD" in info.value.suggestions
        assert isinstance(info.value, LookupError | ValueError)

    def test_unknown_suggests_by_name(self) -> None:
        """A currency name given as a code suggests that currency's code first."""
        with pytest.raises(UnknownCurrencyError) as info:
            currency("yen")
        assert info.value.suggestions[0] == "JPY"

    def test_historic_codes_unknown(self) -> None:
        """Withdrawn codes (CUC, HRK, SLL) are not active currencies."""
        for code in ("CUC", "HRK", "SLL"):
            with pytest.raises(UnknownCurrencyError):
                currency(code)

    def test_non_str_code(self) -> None:
        """A code that is not a str is a TypeError."""
        with pytest.raises(TypeError):
            currency(840)  # type: ignore[arg-type]

    def test_table_sorted_and_complete(self) -> None:
        """The table lists every active code once, sorted, each with a 3-digit numeric code."""
        codes = [c.code for c in currencies()]
        assert codes == sorted(set(codes))
        assert len(codes) > 150
        assert all(len(c.numeric) == 3 and c.numeric.isdigit() for c in currencies())

    def test_loaded_lazily_once(self) -> None:
        """The table is read at first use and then cached."""
        assert _table() is _table()


class TestConstruction:
    """What Money accepts and how it stores it."""

    def test_positional_and_keyword(self) -> None:
        """Money takes amount and currency positionally or by keyword."""
        assert Money("70000000", "USD") == Money(amount=70_000_000, currency="USD")

    def test_value_equality_and_hash(self) -> None:
        """Equal amounts written differently are equal and hash alike."""
        a, b = Money("1.0", "USD"), Money(Decimal(1), "USD")
        assert a == b
        assert hash(a) == hash(b)
        assert len({a, b, Money("1.000", "USD")}) == 1

    def test_stored_with_minor_units(self) -> None:
        """The amount is a Decimal with exactly the currency's minor units."""
        assert Money(5, "BHD").amount.as_tuple().exponent == -3
        assert str(Money("5", "JPY").amount) == "5"

    def test_trailing_zeros_accepted(self) -> None:
        """Zeros past the minor units do not change the value and are accepted."""
        assert Money("1.500", "USD") == Money("1.5", "USD")

    def test_no_minor_unit_keeps_digits(self) -> None:
        """A currency without a fixed minor unit keeps every digit, less trailing zeros."""
        assert Money("0.123450", "XAU").amount == Decimal("0.12345")
        assert repr(Money(Decimal("1E+3"), "XAU")) == "Money('1000', 'XAU')"

    def test_negative_zero_is_zero(self) -> None:
        """-0 is stored and shown as 0."""
        assert repr(Money("-0", "USD")) == "Money('0.00', 'USD')"

    @pytest.mark.parametrize(
        ("amount", "code"), [("1.5", "JPY"), ("1.005", "USD"), ("0.0001", "KWD")]
    )
    def test_too_many_places(self, amount: str, code: str) -> None:
        """More places than the currency's minor units raise InvalidAmountError naming them."""
        with pytest.raises(InvalidAmountError, match=rf"{code} has \d minor units"):
            Money(amount, code)

    def test_float_refused(self) -> None:
        """A float raises FloatAmountError, which is a TypeError and a DiplorelError."""
        with pytest.raises(FloatAmountError) as info:
            Money(0.1, "USD")  # type: ignore[arg-type]
        assert isinstance(info.value, TypeError)
        assert isinstance(info.value, DiplorelError)
        assert info.value.value == 0.1

    def test_bool_refused(self) -> None:
        """A bool amount is a TypeError, not 0 or 1."""
        with pytest.raises(TypeError):
            Money(True, "USD")  # noqa: FBT003

    def test_other_types_refused(self) -> None:
        """Amounts other than str, int and Decimal are a TypeError."""
        with pytest.raises(TypeError):
            Money([1], "USD")  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "amount", ["NaN", "Infinity", "-inf", Decimal("NaN"), Decimal("-Infinity")]
    )
    def test_not_finite(self, amount: str | Decimal) -> None:
        """NaN and infinities raise InvalidAmountError."""
        with pytest.raises(InvalidAmountError):
            Money(amount, "USD")

    @pytest.mark.parametrize("text", ["1e3", " 1", "1.", ".5", "1_000", "", "٣", "+-1"])
    def test_only_plain_decimal_strings(self, text: str) -> None:
        """A str amount must be a plain decimal number."""
        with pytest.raises(InvalidAmountError, match="plain decimal"):
            Money(text, "USD")

    def test_thousands_separators_point_to_parse_money(self) -> None:
        """Formatted text is refused with a pointer to parse_money."""
        with pytest.raises(InvalidAmountError, match="parse_money"):
            Money("70,000,000.00", "USD")

    def test_huge_amount_refused(self) -> None:
        """An amount with more than MAX_DIGITS significant digits raises InvalidAmountError."""
        with pytest.raises(InvalidAmountError, match="significant digits"):
            Money(Decimal("1E+200"), "USD")

    def test_rounded(self) -> None:
        """Money.rounded rounds half to even to the minor units, or by the given mode."""
        assert Money.rounded("0.125", "USD") == Money("0.12", "USD")
        assert Money.rounded("0.125", "USD", "ROUND_HALF_UP") == Money("0.13", "USD")

    def test_zero(self) -> None:
        """Money.zero is zero in the currency."""
        assert Money.zero("jpy") == Money(0, "JPY")
        assert Money.zero("JPY").is_zero()

    def test_frozen(self) -> None:
        """Money is immutable."""
        m = Money(1, "USD")
        with pytest.raises(AttributeError):
            m.amount = Decimal(2)  # type: ignore[misc]

    def test_pickle(self) -> None:
        """Money survives pickling."""
        m = Money("12.34", "EUR")
        assert pickle.loads(pickle.dumps(m)) == m  # noqa: S301

    def test_no_truthiness(self) -> None:
        """bool(money) raises TypeError; is_zero and is_negative say what is meant."""
        with pytest.raises(TypeError, match="is_zero"):
            bool(Money(0, "USD"))
        assert Money("-1", "USD").is_negative()
        assert not Money(0, "USD").is_negative()


class TestArithmetic:
    """Arithmetic within one currency, refused across currencies."""

    def test_decimal_tenths_sum_exactly(self) -> None:
        """Thirty times Decimal('0.1') sums to exactly 3.0, as Decimal and as Money."""
        assert sum([Decimal("0.1")] * 30, Decimal(0)) == Decimal("3.0")
        total = sum([Money(Decimal("0.1"), "USD")] * 30, Money.zero("USD"))
        assert total == Money("3", "USD")
        assert repr(total) == "Money('3.00', 'USD')"

    def test_sum_without_start(self) -> None:
        """sum() of a non-empty list starts from 0 and works."""
        assert sum([Money(1, "USD"), Money(2, "USD")]) == Money(3, "USD")

    def test_only_zero_on_the_left(self) -> None:
        """Only the int 0 may be added to Money (for sum); other numbers are a TypeError."""
        with pytest.raises(TypeError):
            _ = 1 + Money(1, "USD")
        with pytest.raises(TypeError):
            _ = Money(1, "USD") + 0  # type: ignore[operator]

    def test_sign_ops(self) -> None:
        """Unary minus, plus and abs keep the currency."""
        m = Money("-2.50", "USD")
        assert (-m, +m, abs(m)) == (Money("2.5", "USD"), m, Money("2.5", "USD"))

    def test_multiply(self) -> None:
        """Money times an int or Decimal, either side, is exact."""
        assert Money("1.25", "USD") * 3 == 3 * Money("1.25", "USD") == Money("3.75", "USD")
        assert Money("10", "USD") * Decimal("0.125") == Money("1.25", "USD")

    def test_multiply_must_fit(self) -> None:
        """A product with more places than the minor units raises InvalidAmountError."""
        with pytest.raises(InvalidAmountError, match=r"Money\.rounded"):
            _ = Money("1", "USD") * Decimal("0.125")

    def test_multiply_refuses_float_and_bool(self) -> None:
        """A float factor raises FloatAmountError; bool, Money and str factors a TypeError."""
        with pytest.raises(FloatAmountError):
            _ = Money(1, "USD") * 1.5  # type: ignore[operator]
        for bad in (True, Money(1, "USD"), "2"):
            with pytest.raises(TypeError):
                _ = Money(1, "USD") * bad  # type: ignore[operator]

    def test_no_division(self) -> None:
        """Division is not defined: splitting money needs an explicit rounding rule."""
        with pytest.raises(TypeError):
            _ = Money(1, "USD") / 2  # type: ignore[operator]

    def test_result_ignores_decimal_context(self) -> None:
        """Results are exact whatever the thread's decimal context precision."""
        import decimal  # noqa: PLC0415

        with decimal.localcontext(prec=3):
            assert (Money("123456.78", "USD") + Money("0.01", "USD")).amount == Decimal("123456.79")

    def test_mixed_currencies_raise(self) -> None:
        """+, - and < across currencies raise CurrencyMismatchError naming both and the op."""
        usd, eur = Money(1, "USD"), Money(1, "EUR")
        for op, name in [
            (operator.add, "add"),
            (operator.sub, "subtract"),
            (operator.lt, "compare"),
        ]:
            with pytest.raises(CurrencyMismatchError) as info:
                op(usd, eur)
            assert (info.value.left, info.value.right, info.value.operation) == ("USD", "EUR", name)

    def test_equality_across_currencies_is_false(self) -> None:
        """== across currencies is False rather than an error, so Money can go in sets."""
        assert Money(1, "USD") != Money(1, "EUR")

    def test_comparisons(self) -> None:
        """All orderings work within a currency; Money does not compare with numbers."""
        a, b = Money(1, "USD"), Money(2, "USD")
        assert a < b and a <= b and b > a and b >= a and a <= a  # noqa: PT018, PLR0124
        with pytest.raises(TypeError):
            _ = a < 2  # type: ignore[operator]


class TestText:
    """Formatting with format_money, parsing with parse_money and repr."""

    @pytest.mark.parametrize(
        ("money", "text"),
        [
            (Money("70000000", "USD"), "USD 70,000,000.00"),
            (Money("-1234.5", "USD"), "USD -1,234.50"),
            (Money("1200", "JPY"), "JPY 1,200"),
            (Money("1", "BHD"), "BHD 1.000"),
            (Money("0.5", "XAU"), "XAU 0.5"),
            (Money(Decimal("1E-20"), "XAU"), "XAU 0.00000000000000000001"),
        ],
    )
    def test_format(self, money: Money, text: str) -> None:
        """format_money and str show the code and the amount with the minor units."""
        assert format_money(money) == str(money) == f"{money}" == text
        assert parse_money(text) == money

    def test_parse_without_separators(self) -> None:
        """parse_money accepts amounts without thousands separators and codes in any case."""
        assert parse_money("usd 70000000") == Money("70000000", "USD")

    @pytest.mark.parametrize("text", ["USD", "70 USD", "USD 1,00", "USD 1,0000", "USD1", "USD 1e3"])
    def test_parse_malformed(self, text: str) -> None:
        """Text that is not '<code> <amount>' raises InvalidAmountError."""
        with pytest.raises(InvalidAmountError):
            parse_money(text)

    def test_parse_errors(self) -> None:
        """An unknown code or too many places is reported for the text parsed."""
        with pytest.raises(UnknownCurrencyError):
            parse_money("ABC 1")
        with pytest.raises(InvalidAmountError) as info:
            parse_money("JPY 1.5")
        assert info.value.value == "JPY 1.5"

    def test_repr_evaluates(self) -> None:
        """The repr is canonical and evaluates back to an equal Money."""
        m = Money("-1234.5", "BHD")
        assert repr(m) == "Money('-1234.500', 'BHD')"
        assert eval(repr(m)) == m  # noqa: S307


class TestProperties:
    """Hypothesis properties over a few currencies."""

    @given(any_money)
    def test_format_parse_round_trip(self, m: Money) -> None:
        """Parsing the formatted text gives back m: parse_money(format_money(m)) == m."""
        assert parse_money(format_money(m)) == m

    @given(any_money)
    def test_repr_round_trip(self, m: Money) -> None:
        """Evaluating repr(m) gives back m."""
        assert eval(repr(m)) == m  # noqa: S307

    @given(same_currency_pair)
    def test_addition_commutes(self, pair: tuple[Money, Money]) -> None:
        """Addition commutes: a + b == b + a."""
        a, b = pair
        assert a + b == b + a

    @given(same_currency_triple)
    def test_addition_associates(self, triple: tuple[Money, Money, Money]) -> None:
        """Addition associates exactly: (a + b) + c == a + (b + c)."""
        a, b, c = triple
        assert (a + b) + c == a + (b + c)

    @given(same_currency_pair)
    def test_subtraction_undone(self, pair: tuple[Money, Money]) -> None:
        """Subtraction is undone by addition: a - b + b == a."""
        a, b = pair
        assert a - b + b == a

    @given(same_currency_pair)
    def test_order_matches_amounts(self, pair: tuple[Money, Money]) -> None:
        """Money orders as its amounts do."""
        a, b = pair
        assert (a < b) == (a.amount < b.amount)

    @given(two_codes.flatmap(lambda cs: st.tuples(moneys(cs[0]), moneys(cs[1]))))
    def test_mixed_currencies_always_raise(self, pair: tuple[Money, Money]) -> None:
        """Adding, subtracting or comparing different currencies always raises."""
        a, b = pair
        with pytest.raises(CurrencyMismatchError):
            _ = a + b
        with pytest.raises(CurrencyMismatchError):
            _ = a - b
        with pytest.raises(CurrencyMismatchError):
            _ = a < b
