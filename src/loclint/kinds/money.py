"""Money in text: amounts in a foreign currency, and amounts not written the market's way.

Currency symbols come from rulesets/currencies.yml (ruleset.currencies); a symbol several
currencies write (¥) is read by the market and the record's locale, else named with every
candidate ("CNY or JPY"), which is foreign all the same. The expected form is Babel's (CLDR) format
for the market's locale: "24.99 €" in de-DE becomes "24,99 €". What is judged is the number
(decimal sign, grouping) and which side the currency stands on; which of the currency's
symbols is used ("Rs." or "₹", "€" or "EUR") is the seller's choice, and a whole-number price
may drop its decimals ("1.234 €").

A market's own words for its currency ("TL" in Turkey, "บาท" in Thailand: ruleset.currencies'
``local``) are read in that market only, and their amounts are written after the number whatever
side CLDR gives the sign: "1.299,90 TL" and "₺1.299,90" are both Turkish, "TL 49,99" is not.
Digits are judged by their value, not their shape: "฿๑,๒๙๐" is written right in Thai digits; a
rewrite writes CLDR's digits ("Rs.१२४९९" becomes "₹12,499").
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Iterator, Optional

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency, format_decimal, get_decimal_symbol, get_group_symbol, parse_pattern

from ..fixsafety import same_quantity
from ..pattern_cache import compile_re
from ..text.locale_numbers import currency_precision, number_locale
from ..text.numbers import parse_number
from .base import CompileContext, Hit, Opt, RulesByScope

OPTIONS = {"check": Opt((str,), required=True)}  # foreign | format
MESSAGE_VALUES = ("match", "currency", "expected", "market", "replacement")  # what its findings fill into a message (ruleset/templates.py)
FIELD_SCOPED = True  # hits come only from fields its rules cover (kinds/__init__.py)

_GROUPED_NUMBER = r"\d{1,3}(?:[.,’'\u00a0\u202f]\d{2,3})+(?:[.,]\d{1,2})?(?!\d)"
_NUMBER = rf"{_GROUPED_NUMBER}|\d+(?:[.,]\d{{1,2}})?(?!\d)"
# A letter of a script written with spaces: Thai letters may touch a number or a word (Thai
# writes "ราคา 990 บาทเท่านั้น"). text.words.LETTER says the same for every unspaced script,
# but `re` expands its CJK ranges at each use (10 ms a compile); Thai is the one that matters
# next to a market's own words.
_SPACED_LETTER = r"[^\W\d_\u0e00-\u0e7f]"
# A local word before the amount ("TL 49,99") counts only before a number with decimals or
# grouping: "TL 5", "TL 1200" name lamps.
_MARKED_NUMBER = rf"{_GROUPED_NUMBER}|\d+[.,]\d{{1,2}}(?!\d)"
_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u061c"), None)
_BIDI_AND_SPACE = " \u00a0\u200e\u200f\u061c"


def validate(rule) -> list[str]:
    if rule.options["check"] not in ("foreign", "format"):
        return ["key 'check': expected foreign or format"]
    return []


class MoneyChecker:
    def __init__(self, rules, ctx: CompileContext):
        self.rules = rules
        self.market = ctx.market
        self.currencies = ctx.data["currencies"]
        symbols = self.currencies.symbols()
        self.local = self.currencies.local_symbols(self.market.code)
        self.regex = _amount_regex(symbols, list(self.local))
        # "r$" is "R$" written loosely (the regex reads letter-and-sign symbols in any case)
        self.canonical = {symbol.casefold(): symbol for symbol in symbols if _loose_case(symbol)}
        # Most fields name no currency at all: the market's gate rules them out.
        self.gate_key = ctx.gate.key(symbols + list(self.local))
        self._readings: dict[tuple[str, Optional[str]], str] = {}
        self._formats: dict[str, Optional[_LocaleFormat]] = {}
        self.for_scope = RulesByScope(self.rules)

    def check(self, record_ctx) -> Iterator[Hit]:
        for field in record_ctx.fields:
            rules = self.for_scope[field.scope]
            if not rules:
                continue
            if field.scope == "price.currency":
                code = field.text.strip().upper()
                for rule in rules:
                    if rule.options["check"] == "foreign" and code and code != self.market.currency:
                        yield Hit(rule, field, 0, len(field.text), (), self._vars(field.text, code))
                continue
            if self.gate_key not in record_ctx.open_keys(field):
                continue
            for m in self.regex.finditer(field.text):
                amount = _Amount.of(m)
                if amount.local:
                    code = self.local[amount.symbol]
                else:
                    code = self._reading(self.canonical.get(amount.symbol.casefold(), amount.symbol),
                                         record_ctx.record.locale)
                if _placeholder_zero(amount.number, record_ctx.record.price):
                    continue
                for rule in rules:
                    hit = self._judge(rule, field, m, amount, code, record_ctx.record.locale)
                    if hit is not None:
                        yield hit

    def _reading(self, symbol: str, locale: Optional[str]) -> str:
        """The currency a symbol means in this record ("CNY or JPY" when nothing decides:
        ruleset.currencies); a shared symbol is the market's own currency where it is one."""
        key = (symbol, locale)
        if key not in self._readings:
            self._readings[key] = " or ".join(self.currencies.reading(symbol, self.market.currency, locale))
        return self._readings[key]

    def _format_for(self, record_locale: Optional[str]) -> "_LocaleFormat":
        """The record's language's format in the market (see _LocaleFormat.of): an English
        listing in Dubai writes "AED 12", not "12 د.إ."."""
        key = record_locale or ""
        if key not in self._formats:
            self._formats[key] = _LocaleFormat.of(record_locale, self.market)
        return self._formats[key]

    def _judge(self, rule, field, m: re.Match, amount: "_Amount", code: str, locale: Optional[str]) -> Optional[Hit]:
        original = m.group()
        if rule.options["check"] == "foreign":
            if code == self.market.currency:
                return None
            return Hit(rule, field, m.start(), m.end(), (), self._vars(original, code))
        if code != self.market.currency:
            return None
        rewrite = _rewrite(amount.number, amount.symbol_first, code, self._format_for(locale),
                           amount.local or self._as_written(amount.symbol),
                           amount.symbol if amount.local else None)
        if rewrite is None:
            return None
        replacement, misread = rewrite
        return Hit(rule, field, m.start(), m.end(), (replacement,),
                   {**self._vars(original, code), "replacement": replacement},
                   not_safe=misread or _not_one_amount(field.text, m.start(), m.end(), amount.symbol_first)
                   or _new_script(field.text, replacement))

    def _as_written(self, symbol: str) -> bool:
        """Whether ``symbol`` is written as the table writes it ("R$", not "r$")."""
        return self.canonical.get(symbol.casefold(), symbol) == symbol

    def _vars(self, original: str, code: str) -> dict:
        return {"match": original, "currency": code, "expected": self.market.currency,
                "market": self.market.code}


class _Amount:
    """What the amount regex found: the symbol, the number, which comes first, and whether the
    symbol is one of the market's own words (written after the amount)."""
    __slots__ = ("symbol", "number", "symbol_first", "local")

    def __init__(self, symbol: str, number: str, symbol_first: bool, local: bool):
        self.symbol, self.number, self.symbol_first, self.local = symbol, number, symbol_first, local

    @classmethod
    def of(cls, m: re.Match) -> "_Amount":
        pre = m.group("pre")
        if pre:
            return cls(pre, m.group("n1"), True, False)
        post = m.group("post")
        if post:
            return cls(post, m.group("n2"), False, False)
        # Only a market with local words has these groups (_amount_regex).
        after = m.group("after")
        if after:
            return cls(after, m.group("n3"), False, True)
        return cls(m.group("before"), m.group("n4"), True, True)


class _LocaleFormat:
    """CLDR's standard currency pattern for one locale, split into what money rules judge."""

    def __init__(self, locale: str):
        self.babel = number_locale(locale)  # Babel's Locale, its number data kept across runs
        pattern = self.babel.currency_formats["standard"].pattern.split(";")[0]
        self.locale = locale
        self.symbol_first = pattern.strip(_BIDI_AND_SPACE).startswith("¤")
        self.number_pattern = pattern.replace("¤", "").strip(_BIDI_AND_SPACE)
        self.whole_pattern = pattern.replace(".00", "")
        whole = parse_pattern(self.number_pattern.replace(".00", ""))
        self.plain_whole = _writes_plain_whole(whole)
        self.grouping, self.group = whole.grouping, get_group_symbol(self.babel)

    @classmethod
    def of(cls, record_locale: Optional[str], market) -> "_LocaleFormat":
        """The record's language in the market's territory (en_AE in the UAE); where CLDR has
        no such locale (en-SA), the language's own (en); else, or with no record locale, the
        market's."""
        language = _language_of(record_locale) if record_locale else None
        if language:
            for candidate in (f"{language}_{market.code}", language):
                if _known_locale(candidate):
                    return cls(candidate)
        return cls(market.babel_locale)


def _language_of(locale: str) -> Optional[str]:
    language = re.split(r"[-_]", locale.strip(), maxsplit=1)[0].lower()
    return language if language.isalpha() else None


@functools.lru_cache(maxsize=64)
def _known_locale(name: str) -> bool:
    try:
        Locale.parse(name)
    except (ValueError, TypeError, UnknownLocaleError):
        return False
    return True


@functools.lru_cache(maxsize=4096)
def _rewrite(number: str, symbol_first: bool, code: str, fmt: "_LocaleFormat",
             symbol_as_written: bool = True, written_after: Optional[str] = None
             ) -> Optional[tuple[str, Optional[str]]]:
    """The amount as the locale writes it, and why that rewrite is not safe (or None), or None
    when the amount already is written so. Cached: a feed repeats its prices ("Rs. 499"), and
    Babel takes about 70 µs to format one. ``symbol_as_written`` is False for a symbol in a
    case not its own ("r$ 500"), which is rewritten even when the number is right;
    ``written_after`` is a market's own word for the currency ("TL"), which goes after the
    number whatever side CLDR gives the sign."""
    digits = _western_digits(number)
    symbol_goes_first = fmt.symbol_first and written_after is None
    if symbol_first == symbol_goes_first and symbol_as_written and _written_as_the_locale_writes(digits, fmt):
        return None
    # A currency with cents has no third decimal: "1.234 €" is 1234 euros in every locale.
    parsed = parse_number(digits, fmt.locale, max_decimals=currency_precision(code))
    if parsed is None:
        return None  # grouped in no known way ("1.234.56 €"): no rewrite to offer
    value, whole = parsed.value, parsed.decimals == 0
    number_pattern = fmt.number_pattern.replace(".00", "") if whole else fmt.number_pattern
    expected = grouped = format_decimal(value, format=number_pattern, locale=fmt.babel)
    if _ungrouped_four_digits(digits, expected, fmt.babel):
        expected = expected.replace(get_group_symbol(fmt.babel), "", 1)
    if _normal(digits) == _normal(expected) and symbol_first == symbol_goes_first and symbol_as_written:
        return None
    # A rewrite writes the locale's whole form, grouped, as format_currency does.
    if written_after is not None:
        formatted = f"{grouped} {written_after}"
    else:
        formatted = format_currency(value, code, format=fmt.whole_pattern if whole else None,
                                    locale=fmt.babel, currency_digits=not whole)
    # A safe fix's number must read back, in the locale, as the amount it was read as (fixsafety).
    decimal = get_decimal_symbol(fmt.babel)
    places = len(grouped.rsplit(decimal, 1)[1]) if decimal in grouped else 0
    misread = same_quantity([grouped], fmt.locale, [value], [places])
    # CLDR's currencySpacing, which Babel does not apply: a code in Latin letters is set apart
    # from the digits ("SAR 939.00", not "SAR939.00"); "100元" keeps its CJK sign close.
    replacement = _LETTER_TOUCHING_DIGIT.sub(" ", _plain_spaces(formatted))
    return replacement, misread


def _written_as_the_locale_writes(digits: str, fmt: "_LocaleFormat") -> bool:
    """Whether the whole amount ``digits`` is written as ``fmt`` writes it, told without Babel's
    parse and format (45 us an amount): "499", "1299" (four digits may stay ungrouped:
    _ungrouped_four_digits) and "22,646" in en_IN, 365 of the 392 amounts the corpus's money
    rules judge. Such an amount reads as its digits in its locale, and a locale whose whole
    pattern groups by three or more, pads to no width and adds nothing around the number
    (_writes_plain_whole: 1,141 of Babel's 1,147; not Toki Pona's "#,#0", nor Esperanto's and
    Venetian's, which end in a narrow space) writes it back so; False says only "ask Babel"
    (tests/test_money_plain.py compares both)."""
    if not fmt.plain_whole:
        return False
    if _PLAIN_WHOLE.fullmatch(digits):
        return True
    group = fmt.group
    if group not in _MARKS or group not in digits or not _GROUPED_WHOLE.fullmatch(digits):
        return False
    plain = digits.replace(group, "")
    return plain.isdigit() and _grouped(plain, fmt.grouping, group) == digits


_PLAIN_WHOLE = re.compile(r"[1-9][0-9]{0,3}")
_MARKS = (",", ".")  # group signs the amount regex reads and parse_number keeps (not spaces, apostrophes)
_GROUPED_WHOLE = re.compile(r"[1-9][0-9]{0,2}(?:[.,][0-9]{2,3}){1,4}")


def _writes_plain_whole(number) -> bool:
    """Whether Babel writes a whole number with this NumberPattern (the whole of a currency
    pattern's number) as its digits and group signs alone (see _written_as_the_locale_writes)."""
    return (number.grouping[0] >= 3 and number.int_prec[0] <= 1 and number.frac_prec[0] == 0
            and number.exp_prec is None and number.scale == 0
            and number.prefix[0] == number.suffix[0] == "")


def _grouped(digits: str, grouping: tuple[int, int], group: str) -> str:
    """``digits`` grouped as Babel's NumberPattern groups a whole number."""
    size, grouped = grouping[0], ""
    while len(digits) > size:
        grouped = group + digits[-size:] + grouped
        digits, size = digits[:-size], grouping[1]
    return digits + grouped


def _western_digits(number: str) -> str:
    """``number`` in the digits 0-9 ("๑,๒๙๐" is "1,290"): the value is judged, not the digits' shape."""
    if number.isascii():
        return number
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in number)


_LETTER_TOUCHING_DIGIT = re.compile(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")


_NONZERO_DIGIT = re.compile("[1-9]")


def _placeholder_zero(number_text: str, price: dict) -> bool:
    """A zero amount in the copy of an offer whose price is not zero ("only for Rs. 0.0" on a
    ring priced 1,975 INR) is a template's placeholder or garbled data: its format is not what
    is wrong, and a rewrite would polish a price the offer contradicts."""
    if _NONZERO_DIGIT.search(number_text):  # no reading of it is zero: 885 of the corpus's 903 amounts
        return False
    number = parse_number(_western_digits(number_text))
    amount = price.get("amount")
    return number is not None and number.value == 0 and isinstance(amount, (int, float)) and amount > 0


def _ungrouped_four_digits(number: str, expected: str, locale: Locale) -> bool:
    """Four whole digits written without a group mark ("1199", "1299,00"). Everyday writing
    and style guides leave them ungrouped (Indian "Rs. 1199", German "1299 €"), so only the
    grouping of five digits and more is judged. CLDR agrees for some languages only (its
    minimumGroupingDigits is 2 for es and pl, 1 for en, hi, de), and Babel does not expose it:
    a missing mark on four digits is a style choice, not a wrong price, in every market."""
    whole = re.split(r"[.,]\d{1,2}$", number)[0]
    return len(whole) == 4 and whole.isdigit() and expected.count(get_group_symbol(locale)) == 1


def _new_script(text: str, replacement: str) -> Optional[str]:
    """Why a rewrite that brings letters of a script the field does not use ("ر.س." into
    English copy) is not safe, or None."""
    before, after = _scripts(text), _scripts(replacement)
    if after - before:
        return f"the rewrite “{replacement}” writes the currency in another script; check the copy's language"
    return None


def _scripts(text: str) -> set[str]:
    return {unicodedata.name(c, "?").split()[0] for c in text if c.isalpha()}


def _not_one_amount(text: str, start: int, end: int, symbol_first: bool) -> Optional[str]:
    """Why the amount at [start, end) may be a piece of a larger or garbled one, or None.
    A number beside its digits ("$ 19 99"), or touching its symbol ("99 $39.95"), may be its
    cents, its thousands or another price written into it; only a person can tell which."""
    # Digits stand at one edge of the match and the symbol at the other; on the symbol's side
    # only a number touching it counts ("24,99 € 3 Stück" is two things).
    before = (_TOUCHING_BEFORE if symbol_first else _SPACED_BEFORE).search(text, 0, start)
    after = (_SPACED_AFTER if symbol_first else _TOUCHING_AFTER).match(text, end)
    if before or after:
        around = text[before.start() if before else start:after.end() if after else end]
        return f"“{around.strip()}” holds more than one number; check which amount is meant"
    # Another currency sign right outside the match ("€ 3 €", "€ € 3"): the number, or the
    # sign, may belong to its neighbour.
    outside = text[:start].rstrip(" \u00a0")[-1:] + text[end:].lstrip(" \u00a0")[:1]
    if any(unicodedata.category(c) == "Sc" for c in outside):
        return f"“{text[start:end].strip()}” stands beside another currency sign; check which amount is meant"
    return None


_SPACED_BEFORE = re.compile(r"\d+[ \u00a0]*$")
_TOUCHING_BEFORE = re.compile(r"\d+$")
_SPACED_AFTER = re.compile(r"[ \u00a0]*\d+")
_TOUCHING_AFTER = re.compile(r"\d+")


def _loose_case(symbol: str) -> bool:
    """A dollar-like symbol with letters ("R$", "US$"), which sellers also write in lower case
    ("r$500"); read in any case, so the letters still say which currency it is."""
    return symbol.endswith("$") and symbol[:-1].isalpha()


def _amount_regex(symbols: list[str], local: list[str] = ()) -> re.Pattern:
    """Amounts written with ``symbols`` (any side, groups pre/n1 and n2/post) and with a
    market's ``local`` words (after the number: n3/after; before a number with decimals or
    grouping: before/n4)."""
    parts = []
    for symbol in sorted(symbols, key=len, reverse=True):
        escaped = re.escape(symbol)
        if _loose_case(symbol):
            escaped = f"(?i:{escaped})"
        # Not glued to a letter before it: a word's end ("AED" in "CAED"), and for a sign a
        # Latin letter, which makes another currency's symbol: "r$", "C$", "NZ$", "JP¥" are
        # not dollars or yen of their own. The symbol is matched first and the character
        # before it checked after, from its end: a branch that starts with a literal is skipped
        # in C wherever its first character is not there, where a leading lookbehind ran for
        # every symbol at every candidate position (the scan was four times slower; the same
        # matches, tests/test_money_regex.py).
        before = r"[^\W\d_]" if symbol[0].isalpha() else "[A-Za-z]"
        escaped = rf"{escaped}(?<!{before}{escaped})"
        if symbol[-1].isalpha():
            escaped = rf"{escaped}(?![^\W\d_])"
        parts.append(escaped)
    alternatives = "|".join(parts)
    # Every amount starts with a digit or a symbol's first character (in either case where the
    # symbol is read in any case). Saying so up front lets `re` reject most positions with one
    # set test instead of trying each symbol and the lookbehinds there: the scan is eight times
    # faster, and finds the same matches.
    firsts = {s[0] for s in symbols} | {c for s in symbols if _loose_case(s) for c in (s[0].lower(), s[0].upper())}
    firsts |= {s[0] for s in local}
    first = re.escape("".join(sorted(firsts)))
    # Built from its code when an earlier run compiled it (pattern_cache): 2-3 ms a run.
    return compile_re(
        rf"(?=[\d{first}])(?:(?P<pre>{alternatives})[ \u00a0]?(?P<n1>{_NUMBER})"
        rf"|(?<![\d.,])(?P<n2>{_NUMBER})[ \u00a0]?(?P<post>{alternatives})"
        + (_local_branches(local) if local else "") + ")"
    )


def _local_branches(words: list[str]) -> str:
    """The amount regex's branches for a market's own words ("TL", "บาท"): a word, not part of
    one ("TL-Serie", "TL5", "LED TL 18W" are lamps; the number of "T8 TL" is a tube's). A
    letter of a script written without spaces (Thai) may touch the number or the word: Thai
    writes "ราคา 990 บาทเท่านั้น"."""
    after, before = [], []
    for word in sorted(words, key=len, reverse=True):
        escaped = re.escape(word)
        # Not a letter, digit or hyphenated word right after the word ("TL5", "TL-D").
        edge_after = rf"(?!{_SPACED_LETTER}|\d|[-‐‑][^\W_])" if word[-1].isalpha() else ""
        after.append(f"{escaped}{edge_after}")
        before.append(rf"{escaped}(?<![\d_]{escaped})(?<!{_SPACED_LETTER}{escaped})")
    # The digits are scanned once more only where a local word's first letter follows them:
    # without that look ahead the branch read every number of the text a second time (a third
    # slower scan in TR and TH).
    firsts = re.escape("".join(sorted({word[0] for word in words})))
    return (rf"|(?=[\d.,’'\u00a0\u202f ]+[{firsts}])(?<![\d.,_])(?<!{_SPACED_LETTER})"
            rf"(?P<n3>{_NUMBER})[ \u00a0]?(?P<after>{'|'.join(after)})"
            rf"|(?P<before>{'|'.join(before)})[ \u00a0](?P<n4>{_MARKED_NUMBER})(?!{_SPACED_LETTER})")


def _plain_spaces(text: str) -> str:
    # Feeds and spreadsheets mangle no-break spaces; a plain space reads the same.
    return text.translate(_INVISIBLE).replace("\u00a0", " ").replace("\u202f", " ")


_SPACES = re.compile(r"\s+")


def _normal(text: str) -> str:
    return _SPACES.sub(" ", _plain_spaces(text)).strip()


CHECKER = MoneyChecker
