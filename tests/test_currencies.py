"""One currency table (rulesets/currencies.yml) for the feed readers and the money rules, and how
a symbol several currencies write (¥: yen and yuan) is read."""
from pathlib import Path

import pytest

import loclint
from loclint.readers.feeds.prices import parse_price
from loclint.ruleset import Currencies, builtin_currencies

TABLE = Currencies({"EUR": ("€", "EUR"), "CNY": ("¥", "CNY", "RMB"), "JPY": ("¥", "JPY")})


@pytest.mark.parametrize("symbol, market_currency, locale, expected", [
    ("€", "INR", None, ("EUR",)),  # one currency writes it
    ("¥", "EUR", None, ("CNY", "JPY")),  # nothing decides: every candidate, in the table's order
    ("¥", "EUR", "ja-JP", ("JPY",)),  # the record's locale decides
    ("¥", "EUR", "zh_CN", ("CNY",)),
    ("¥", "JPY", "zh-CN", ("JPY",)),  # the market's own currency first
    ("¥", "EUR", "de-DE", ("CNY", "JPY")),  # a locale whose currency is neither
    ("¥", "EUR", "xx-not-a-locale", ("CNY", "JPY")),
    ("RMB", "EUR", None, ("CNY",)),
    ("£", "EUR", None, ()),  # not in this table
])
def test_a_symbol_is_read_by_market_and_locale(symbol, market_currency, locale, expected):
    assert TABLE.reading(symbol, market_currency, locale) == expected


def test_the_builtin_table_is_the_ruleset_file_and_both_currencies_write_yen():
    table = builtin_currencies()
    assert table.codes_for("¥") == ("CNY", "JPY")
    assert "INR" in table and "₹" in table.symbols()


def test_a_bad_table_names_the_file_and_the_currency(tmp_path):
    problems = []
    Currencies.from_yaml({"currencies": {"EURO": ["€"], "GBP": "£"}}, Path("c.yml"), problems)
    assert problems == ["c.yml: currency 'EURO': expected an ISO 4217 code such as EUR",
                        "c.yml: currency GBP: expected a list of symbols"]


@pytest.mark.parametrize("text, expected", [
    ("1.299 zł", (1299.0, "PLN", 6)),  # the reader's own symbols are in the table now
    ("RMB 100", (100.0, "CNY", 0)),  # a symbol written in capitals is still its currency
    ("SEK 100", (100.0, "SEK", 0)),  # an ISO code the table lacks stands for itself
    ("$15.00", (15.0, "USD", 0)),  # as the money rules read "$" (it was dropped before)
    ("¥ 1000", None),  # yen or yuan: left to the money rules, which know the record
    ("1000 円", (1000.0, "JPY", 5)),
])
def test_feed_prices_read_currencies_from_the_table(text, expected):
    assert parse_price(text) == expected


def foreign(record):
    return [f.message for f in loclint.lint([{"id": "1", "market": "DE", **record}]) if f.rule == "LOC002"]


def test_yen_sign_in_a_listing_names_both_currencies_unless_the_locale_says():
    assert foreign({"description": "Nur ¥ 1.000 im Shop"}) == [
        "“¥ 1.000” is a price in CNY or JPY; buyers in DE pay in EUR."]
    assert foreign({"description": "Only ¥ 1,000 in the shop", "locale": "ja-JP"}) == [
        "“¥ 1,000” is a price in JPY; buyers in DE pay in EUR."]


def test_a_yen_price_cell_in_a_feed_is_judged_with_the_record(tmp_path):
    feed = tmp_path / "feed.csv"
    feed.write_text("id,title,price,locale\n1,Topf,¥ 1000,zh-CN\n2,Topf,¥ 1000,\n", encoding="utf-8")
    report = loclint.lint_file(str(feed), market="DE")
    assert [(f.record, f.field, f.message) for f in report.findings if f.rule == "LOC002"] == [
        ("1", "price.display", "“¥ 1000” is a price in CNY; buyers in DE pay in EUR."),
        ("2", "price.display", "“¥ 1000” is a price in CNY or JPY; buyers in DE pay in EUR."),
    ]
