"""The money kind tells a whole amount written as the locale writes it ("Rs. 499", "1299 €",
"₹22,646") without Babel (money._written_as_the_locale_writes). The shortcut must give what
Babel's parse and format give: compared on the money rules' examples and on generated amounts
in every shipped market's locale and others, and its premise checked in every locale Babel knows.
_placeholder_zero, which no longer parses an amount with a digit 1-9, is compared with parsing."""
from decimal import Decimal

from babel import Locale
from babel.localedata import locale_identifiers
from babel.numbers import NumberFormatError, format_decimal, get_group_symbol, parse_decimal, parse_pattern
from hypothesis import given, settings, strategies as st

from loclint.kinds import money
from loclint.text import numbers
from loclint.rule_page import ExampleLinter


def _never(digits, fmt) -> bool:
    return False


def _slow(*args):
    """_rewrite's answer through Babel alone (uncached)."""
    shortcut, money._written_as_the_locale_writes = money._written_as_the_locale_writes, _never
    try:
        return money._rewrite.__wrapped__(*args)
    finally:
        money._written_as_the_locale_writes = shortcut


def _fast(*args):
    return money._rewrite.__wrapped__(*args)


def _market_locales(rulebook) -> list[str]:
    markets = [rulebook.market(code) for code in rulebook.markets]
    return sorted({m.babel_locale for m in markets} | {f"en_{m.code}" for m in markets if money._known_locale(f"en_{m.code}")}
                  | {"en", "hi_IN", "ar_SA", "th_TH"})


# Locales of other scripts, digits and signs than the markets' (kept in the cache directory's
# store of number data like the markets' own, so not every locale Babel knows: see
# test_every_babel_locale_that_says_so_writes_a_whole_amount_as_written).
_OTHER_LOCALES = ["ar_EG", "fa_IR", "bn_IN", "mr_IN", "ne_NP", "my_MM", "he_IL", "ja_JP", "zh_Hans_CN", "ru_RU",
                  "de_CH", "fr_CH", "pl_PL", "sv_SE", "es_419", "pt_PT", "tr_TR", "ur_PK", "ps_AF", "tok", "eo_001"]


def test_same_findings_on_the_money_rules_examples(rulebook, monkeypatch):
    rules = [rule for rule in rulebook.all_rules() if rule.kind == "money"]
    examples = ExampleLinter(rulebook)

    def findings():
        money._rewrite.cache_clear()
        return [examples.findings(rule, example) for rule in rules for example in (*rule.invalid, *rule.valid)]

    with_shortcut = findings()
    monkeypatch.setattr(money, "_written_as_the_locale_writes", _never)
    assert findings() == with_shortcut
    money._rewrite.cache_clear()
    assert any(with_shortcut), "the examples hold findings to compare"


_NUMBERS = ["1", "9", "10", "99", "100", "499", "999", "1000", "1199", "1299", "9999", "10000", "0", "00", "0499",
            "1,299", "1.299", "12,999", "22,646", "1,00,000", "12,34,567", "1,234,567", "1.234.567", "123,456",
            "1,2345", "12,34", "1,234.567", "1.234,56", "499.00", "499,00", "1 299", "1’299", "๑๒๙๐", "१२४९९", "٤٩٩"]


def test_same_rewrite_for_chosen_amounts(rulebook):
    taken = 0
    for locale in _market_locales(rulebook) + _OTHER_LOCALES:
        fmt = money._LocaleFormat(locale)
        for number in _NUMBERS:
            for symbol_first in (True, False):
                for as_written in (True, False):
                    for after in (None, "TL"):
                        for code in ("EUR", "INR", "JPY", "KWD"):
                            args = (number, symbol_first, code, fmt, as_written, after)
                            assert _fast(*args) == _slow(*args), (locale, args)
            taken += money._written_as_the_locale_writes(money._western_digits(number), fmt)
    assert taken > 300  # the shortcut was taken, not only passed by


def _written(value: int, group: str, indian: bool) -> str:
    digits = str(value)
    if not indian or len(digits) <= 3:
        return f"{value:,}".replace(",", group)
    head, tail = digits[:-3], digits[-3:]
    pairs = []
    while len(head) > 2:
        head, pairs = head[:-2], [head[-2:]] + pairs
    return group.join([head, *pairs, tail])


_AMOUNTS = st.one_of(
    st.integers(0, 99999).map(str),
    st.from_regex(r"[0-9]{1,3}([.,][0-9]{1,4}){0,4}", fullmatch=True),
    st.builds(_written, st.integers(1, 10**13), st.sampled_from([",", "."]), st.booleans()),
)


@settings(max_examples=400, deadline=None)
@given(data=st.data(), number=_AMOUNTS, symbol_first=st.booleans(), as_written=st.booleans(),
       after=st.sampled_from([None, "TL"]), code=st.sampled_from(["EUR", "INR", "JPY", "USD", "BHD"]))
def test_same_rewrite_for_generated_amounts(rulebook, data, number, symbol_first, as_written, after, code):
    locale = data.draw(st.sampled_from(_market_locales(rulebook) + _OTHER_LOCALES))
    fmt = money._LocaleFormat(locale)
    args = (number, symbol_first, code, fmt, as_written, after)
    assert _fast(*args) == _slow(*args)


@settings(max_examples=300, deadline=None)
@given(value=st.integers(0, 10**15), grouping=st.sampled_from([(3, 3), (3, 2), (4, 4), (3, 4)]),
       group=st.sampled_from([",", ".", "\u202f"]))
def test_grouped_as_babel_groups(value, grouping, group):
    pattern = {(3, 3): "#,##0", (3, 2): "#,##,##0", (4, 4): "#,###0", (3, 4): "#,####,##0"}[grouping]
    assert parse_pattern(pattern).grouping == grouping
    locale = Locale.parse({",": "en", ".": "de", "\u202f": "fr"}[group])
    assert get_group_symbol(locale) == group
    assert money._grouped(str(value), grouping, group) == format_decimal(Decimal(value), format=pattern, locale=locale)


def _read(text: str, locale: Locale, most: int) -> tuple:
    """text.numbers.parse_number's reading, with Babel's own locale data."""
    try:
        number = numbers._number(parse_decimal(text, locale=locale, strict=True))
        if number.decimals <= most:
            return number.value, number.decimals
    except NumberFormatError:
        pass
    number = numbers._by_the_marks(text, most)
    return number.value, number.decimals


def test_every_babel_locale_that_says_so_writes_a_whole_amount_as_written():
    """The shortcut's premise, in every locale Babel knows (its own data, not the store's): an
    amount written as the locale's whole pattern writes it reads as itself, and Babel writes it
    back so (four digits may stay ungrouped: money._ungrouped_four_digits)."""
    plain = set()
    for name in locale_identifiers():
        locale = Locale.parse(name)
        pattern = locale.currency_formats["standard"].pattern.split(";")[0]
        whole = pattern.replace("¤", "").strip(money._BIDI_AND_SPACE).replace(".00", "")
        number_pattern = parse_pattern(whole)
        group = get_group_symbol(locale)
        for value in (7, 42, 499, 1000, 1299, 9999, 22646, 1234567, 100000000):
            if not money._writes_plain_whole(number_pattern):
                continue
            plain.add(name)
            texts = [str(value)] if value < 10000 else []
            if group in money._MARKS:
                texts.append(money._grouped(str(value), number_pattern.grouping, group))
            for text in texts:
                for most in (0, 2, 3):  # as parse_number reads it for a currency of that many decimals
                    assert _read(text, locale, most) == (value, 0), (name, text, most)
                written = format_decimal(Decimal(value), format=whole, locale=locale)
                if money._ungrouped_four_digits(text, written, locale):
                    written = written.replace(group, "", 1)
                assert money._normal(written) == text, (name, text, written)
    assert {"en_IN", "de_DE", "ar_EG", "th_TH", "pt_BR"} <= plain and "tok" not in plain


def _placeholder_zero_by_parsing(number_text: str, price: dict) -> bool:
    """money._placeholder_zero as it was, every amount parsed (the reference)."""
    number = numbers.parse_number(money._western_digits(number_text))
    amount = price.get("amount")
    return number is not None and number.value == 0 and isinstance(amount, (int, float)) and amount > 0


@settings(max_examples=500, deadline=None)
@given(number=st.one_of(_AMOUNTS, st.from_regex(r"[0-9๐-๙०-९.,’' ]{1,8}", fullmatch=True)),
       amount=st.one_of(st.none(), st.integers(-5, 5), st.floats(-2, 2), st.just("12")))
def test_placeholder_zero_without_parsing_equals_parsing(number, amount):
    price = {} if amount is None else {"amount": amount}
    assert money._placeholder_zero(number, price) == _placeholder_zero_by_parsing(number, price)


def test_placeholder_zero_on_chosen_amounts():
    for number in ["0", "0.0", "0,00", "00", "0.5", "10", "๐", "๑", "०.००", "1.234", "0 000", "0’000", "0.01"]:
        for price in ({}, {"amount": 1975}, {"amount": 0}, {"amount": 0.5}, {"amount": "1975"}):
            assert money._placeholder_zero(number, price) == _placeholder_zero_by_parsing(number, price), (number, price)
    assert money._placeholder_zero("0.0", {"amount": 1975}) and not money._placeholder_zero("0.5", {"amount": 1975})
