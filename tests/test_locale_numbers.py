"""text.locale_numbers: a Babel locale whose number data is kept across runs answers every
number and currency question as Babel answers it for the locale's name, from a fresh read of
CLDR and from the kept file alike; what it does not keep is CLDR's."""
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest
from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import (NumberFormatError, format_currency, format_decimal, get_decimal_symbol,
                           get_group_symbol, parse_decimal)
from hypothesis import given, settings
from hypothesis import strategies as st

from loclint.pattern_cache import Store
from loclint.text import locale_numbers
from loclint.text.locale_numbers import number_locale

# The markets' locales, the record locales money reads (en_AE, en_IN), and others whose
# symbols differ: a narrow no-break group (fr), an apostrophe (de_CH), Arabic signs (ar_EG,
# fa_IR), Indian grouping (hi_IN, bn_BD), a minus sign of its own (sv_SE).
LOCALES = ["en_IN", "hi_IN", "de_DE", "en_US", "pt_BR", "es_ES", "fr_FR", "it_IT", "nl_NL", "pl_PL", "tr_TR",
           "th_TH", "en_AE", "ar_AE", "ar_SA", "ar_EG", "fa_IR", "de_CH", "de_AT", "en_GB", "sv_SE", "bn_BD",
           "ja_JP", "zh_CN", "en", "de"]
CODES = ["INR", "EUR", "USD", "BRL", "TRY", "THB", "AED", "SAR", "JPY", "CHF", "PLN", "GBP", "KWD", "XYZ"]
PATTERNS = [None, "#,##0", "#,##0.00", "#,##,##0.00", "#,##0.#", "#,##0.###", "0.00"]


def kept_from_file(tmp_path, name):
    """The locale as a later run builds it: its parts saved by one Store, loaded by another."""
    parsed = Locale.parse(name)  # zh_CN is zh_Hans_CN
    first = Store(locale_numbers.engine(), str(tmp_path))
    first.compiled(str(parsed), 0)
    first.save()
    again = Store(locale_numbers.engine(), str(tmp_path))
    again.compiled(str(parsed), 0)
    assert (str(parsed), 0) in again.used  # read from the file, not from CLDR
    return locale_numbers._KeptLocale(parsed, again)


@pytest.fixture(scope="module")
def kept(tmp_path_factory):
    directory = tmp_path_factory.mktemp("kept")
    return {name: kept_from_file(directory, name) for name in LOCALES}


def answers(locale, value: Decimal, text: str):
    """What money and units ask Babel, answered for ``locale`` (a Locale or a name)."""
    def attempt(call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except (NumberFormatError, ValueError) as error:
            return type(error).__name__
    found = [get_decimal_symbol(locale), get_group_symbol(locale)]
    found += [format_decimal(value, format=pattern, locale=locale) for pattern in PATTERNS]
    found += [attempt(format_currency, value, code, format=pattern, locale=locale, currency_digits=digits)
              for code in CODES for pattern in (None, "¤#,##0", "#,##0 ¤") for digits in (True, False)]
    found += [attempt(parse_decimal, text, locale=locale, strict=strict) for strict in (True, False)]
    return found


def test_a_kept_locale_is_read_from_the_file_and_answers_as_babel(kept):
    for name, locale in kept.items():
        assert str(locale) == str(Locale.parse(name)) and isinstance(locale, Locale)
        for value in ("0", "0.5", "1234.5", "-1234.5", "1234567.891", "12345678", "99.95", "1000"):
            for text in ("1,234.56", "1.234,56", "12,34,567", "1 234,5", "1234", "1,23", "abc", "1.234.567"):
                assert answers(locale, Decimal(value), text) == answers(name, Decimal(value), text), (name, value, text)


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(LOCALES),
       value=st.decimals(min_value=-10**9, max_value=10**9, places=3, allow_nan=False, allow_infinity=False),
       text=st.from_regex(r"-?\d{1,3}([.,\u00a0\u202f ']\d{2,3}){0,3}([.,]\d{1,3})?", fullmatch=True))
def test_generated_amounts_are_answered_as_babel(kept, name, value, text):
    assert answers(kept[name], value, text) == answers(name, value, text)


def test_what_is_not_kept_is_cldrs(kept):
    locale = kept["de_DE"]
    assert format_date(date(2026, 11, 29), locale=locale) == format_date(date(2026, 11, 29), locale="de_DE")
    assert locale.date_formats["short"].pattern == Locale.parse("de_DE").date_formats["short"].pattern
    assert locale.territories["IN"] == Locale.parse("de_DE").territories["IN"]
    assert locale.number_symbols["arab"]["decimal"] == Locale.parse("de_DE").number_symbols["arab"]["decimal"]
    assert locale.plural_form(1) == "one" and locale.plural_form(2) == "other"


def test_number_locale_raises_as_babel_and_falls_back_to_it(tmp_path, monkeypatch):
    with pytest.raises(UnknownLocaleError):
        number_locale("xx_YY")

    def unshaped(name):
        raise KeyError("number_symbols")
    monkeypatch.setattr(locale_numbers, "plain_parts", unshaped)
    monkeypatch.setattr(locale_numbers, "_store", lambda: Store(locale_numbers.engine(), str(tmp_path)))
    fallen = number_locale.__wrapped__("ta_IN")
    assert type(fallen) is Locale  # Babel's own, read from CLDR
    assert answers(fallen, Decimal("1234567.5"), "12,34,567.5") == answers("ta_IN", Decimal("1234567.5"), "12,34,567.5")


def test_a_warm_run_formats_money_without_loading_locale_data(tmp_path):
    """The point of keeping: a later process formats and parses without CLDR's locale data
    (whose pickles import babel.dates) or Babel's global data."""
    script = ("import sys\n"
              "from decimal import Decimal\n"
              "from babel import localedata\n"
              "from loclint.kinds import money\n"
              "fmt = money._LocaleFormat('en_IN')\n"
              "print(money._rewrite('1234', True, 'INR', fmt), money._rewrite('12,34,567', False, 'INR', fmt))\n"
              "import babel.core\n"
              "print(sorted(localedata._cache), 'babel.dates' in sys.modules, babel.core._global_data is None)\n")
    env = {**os.environ, "LOCLINT_CACHE_DIR": str(tmp_path)}
    cold, warm = (subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout
                  for _ in range(2))
    assert cold.splitlines()[0] == warm.splitlines()[0]
    assert "en_IN" in cold.splitlines()[1]
    # Nor Babel's global data: whole amounts are formatted with their decimals dropped, and
    # format_currency reads a currency's digits there only for an amount with decimals.
    assert warm.splitlines()[1] == "[] False True"


def test_clean_knows_the_kept_file(tmp_path):
    import re

    from loclint import cachedir

    kept_from_file(tmp_path, "en_IN")
    names = [name for name in os.listdir(tmp_path) if name != cachedir.TAG_NAME]
    assert names and all(re.fullmatch(cachedir._OWN_FILES, name) for name in names), names


def test_currency_precision_is_babels_from_cldr_and_from_the_file(tmp_path, monkeypatch):
    from babel.numbers import get_currency_precision, list_currencies

    codes = sorted(list_currencies()) + ["XYZ", "DEFAULT", ""]
    for _ in range(2):  # the first store reads Babel's global data and saves; the second reads the file
        store = Store(locale_numbers.engine(), str(tmp_path))
        monkeypatch.setattr(locale_numbers, "_store", lambda: store)
        assert [locale_numbers.currency_precision.__wrapped__(code) for code in codes] == \
            [get_currency_precision(code) for code in codes]
        store.save()
    assert (locale_numbers._GLOBAL, 0) in store.used
