"""The units kind caches Babel's formatting of a converted number and the Babel locale a tag
names: each cached answer must be the uncached call's, on varied numbers, precisions and locales."""
from decimal import Decimal

from babel.numbers import format_decimal

from loclint.fixsafety import round_half_up
from loclint.kinds import units

_VALUES = ["0", "0.5", "15.24", "22.86", "1234.5678", "-17.7778", "1000000", "2.5E+3", "0.00049", "99.95", "5.0000"]
_LOCALES = ["de_DE", "en_IN", "hi_IN", "pt_BR", "ar_SA", "en", "fr_FR", "de_CH", "ar_EG"]


def test_formatted_equals_babel():
    for _ in range(2):  # the second round answers from the cache
        for value in _VALUES:
            for decimals in (0, 1, 2, 3):
                rounded = round_half_up(Decimal(value), decimals)
                pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
                for locale in _LOCALES:
                    assert units._formatted(str(rounded), decimals, locale) == \
                        format_decimal(rounded, format=pattern, locale=locale), (value, decimals, locale)


def test_babel_locale_cached_equals_uncached():
    for _ in range(2):
        for tag in ["de-DE", "en-SA", "en-IN", "pt_BR", "xx-YY", "zz", "", None, "de", "sr-Latn-RS", "EN-us"]:
            assert units._babel_locale(tag) == units._babel_locale.__wrapped__(tag), tag
