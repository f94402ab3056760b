"""One number parser (text.numbers) for readers and rule kinds: each reading and its reason."""
from decimal import Decimal

import pytest

import loclint
from loclint.readers.feeds.prices import parse_amount, parse_price
from loclint.text.numbers import parse_number


def value(text, locale=None, max_decimals=None):
    number = parse_number(text, locale, max_decimals)
    return None if number is None else number.value


@pytest.mark.parametrize("text, locale, expected", [
    ("1.234", "de_DE", Decimal("1234")),  # German: the dot groups thousands
    ("1.234", "de-DE", Decimal("1234")),  # BCP 47 tags work as well
    ("1.234", "en_US", Decimal("1.234")),  # English: the dot is the decimal sign
    ("1,234", "en_US", Decimal("1234")),
    ("1,234", "de_DE", Decimal("1.234")),
    ("1.234,56", "de_DE", Decimal("1234.56")),
    ("1,234.56", "en_GB", Decimal("1234.56")),
    ("12,34,567", "en_IN", Decimal("1234567")),  # Indian grouping: twos above the thousands
    ("1 234,5", "fr_FR", Decimal("1234.5")),  # French groups with a (narrow no-break) space
    ("1\u202f234,5", "fr_FR", Decimal("1234.5")),
    ("1'234.50", "de_CH", Decimal("1234.50")),  # Swiss apostrophe
])
def test_a_known_locale_reads_the_number_its_own_way(text, locale, expected):
    assert value(text, locale) == expected


@pytest.mark.parametrize("text, expected", [
    ("1.234,56", Decimal("1234.56")),  # both marks: the last one is decimal
    ("1,234.56", Decimal("1234.56")),
    ("12,34,567", Decimal("1234567")),  # a repeated mark groups
    ("1.234.567", Decimal("1234567")),
    ("24,99", Decimal("24.99")),  # once, not before three digits: decimal
    ("15.5", Decimal("15.5")),
    ("0,750", Decimal("0.750")),  # a leading zero never starts a group
    ("12345,678", Decimal("12345.678")),  # five digits are too many for a leading group
    ("-5,5", Decimal("-5.5")),
    ("1234", Decimal("1234")),
])
def test_without_a_locale_the_marks_decide(text, expected):
    assert value(text) == expected


def test_the_ambiguous_mark_before_three_digits():
    # Without a locale: ',' groups and '.' is decimal, as English copy and feeds write them.
    assert value("1,234") == Decimal("1234") and value("1.234") == Decimal("1.234")
    # An amount that cannot have three decimals (money with cents) groups either way.
    assert value("1.234", max_decimals=2) == Decimal("1234")
    assert value("1.234", "en_US", max_decimals=2) == Decimal("1234")
    # A currency with three decimals (the Kuwaiti dinar) keeps the decimal reading.
    assert value("1.234", max_decimals=3) == Decimal("1.234")


def test_text_not_in_the_locale_style_falls_back_to_the_marks():
    assert value("24.99", "de_DE") == Decimal("24.99")  # "24.99 €" in a German listing
    assert value("1,5", "en_US") == Decimal("1.5")
    assert value("1.234", "xx_XX") == Decimal("1.234")  # a locale Babel does not know: no locale


@pytest.mark.parametrize("text", ["1.2.3", "1,2.5", "1.234.56", "1,234,5", "1.2.3,4,5", "", "abc", "12a"])
def test_implausible_grouping_is_not_a_number(text):
    assert parse_number(text) is None


def test_decimals_count_what_is_written():
    assert parse_number("24,90", "de_DE").decimals == 2
    assert parse_number("1.234", "de_DE").decimals == 0
    assert parse_number("1.234", max_decimals=2).decimals == 0


def test_readers_and_kinds_share_the_reading():
    assert parse_amount("12,34,567") == 1234567.0  # the feed reader once refused Indian grouping
    assert parse_amount("1.2.3") is None  # and read this as 123
    assert parse_price("1.299 €")[0] == 1299.0  # euros have cents, no third decimal (was 1.299)
    # units read their numbers without a locale, through the same parser
    [unit] = [f for f in loclint.lint([{"id": "1", "market": "DE", "title": "Rohr, 0,750 inch"}]) if f.rule.startswith("MET")]
    # 0.75 inch, not 750 inch; written finer than whole millimetres, so converted to 0.1 mm
    assert unit.suggestions[0].replacement == "1,91 cm (0,750 inch)"


def test_money_offers_no_rewrite_for_digits_grouped_in_no_known_way():
    findings = loclint.lint([{"id": "1", "market": "DE", "description": "Preis 1.234.56 € oder 24.99 €"}])
    # It used to offer "123.456 €" for the first; the second is a plain decimal-point price.
    assert [(f.text, f.suggestions[0].replacement) for f in findings if f.rule == "LOC001"] == [("24.99 €", "24,99 €")]
