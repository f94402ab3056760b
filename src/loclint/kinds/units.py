"""Imperial quantities in a metric market: convert, format for the locale (Babel), metric first.

The unit table is data in the rule (aliases, target symbol, factor, rounding), so a ruleset can
add a unit without code. A quantity whose metric value stands beside it ("27 Zoll (68,6 cm)",
"183 cm / 72 in") is left alone; a metric figure of another quantity is not its value ("6 ft x 2 ft,
5 mm dick": text.counterpart). Units with several readings (``oz``: weight or US/UK
fluid ounce) are flagged with each reading as advice instead of a guess.

What is not a quantity is left alone: a street ("100 Feet Road"), a model code ("X-15 inch"
reads "X-15"), a ratio or scale ("1:12"); a fraction is one number ("3-1/2 Zoll" is 3.5 inches)
and a range one conversion ("6-7 inches" → "15,2–17,8 cm").

Rounding is decimal half-up (fixsafety.round_half_up), to a precision that matches the
original's: the reading's ``decimals`` (or ``significant`` digits), one more when the original
is finer than that. The original's resolution is one unit of its last written digit (a
fraction's: one over its denominator); the metric value gets the decimals that keep that
resolution once converted: "2.25 inch" (±0.01 in = ±0.0254 cm) is "5,72 cm", "2.5 inch" is
"6,4 cm"; significant digits likewise ("12.75 lb" → "5,783 kg"). Never more than one more: a
machine's back-conversion ("1.3779535 inch", which was 3.5 cm) is not worth seven decimals.

The metric value is written for the language of the text: the record's locale, or, when the
text reads (confidently) as another language than that, the detected language's ("9 inch car
radio" in an English listing in Germany is "22.9 cm", not "22,9 cm").
"""
from __future__ import annotations

import functools
import math
import re
from decimal import Decimal
from typing import Iterator, Optional

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from ..fixsafety import round_half_up, same_quantity
from ..text.counterpart import Counterparts
from ..text.locale_numbers import number_locale
from ..text.numbers import parse_number
from ..ruleset.bounded import compile_for
from ..ruleset.loader import is_team
from ..ruleset.regex_guard import regex_problem
from .base import CompileContext, Hit, Opt
from .gate import OpenedByScope

OPTIONS = {
    "units": Opt((dict,), required=True),
    "window": Opt((int,), 40),  # the most characters between a quantity and its metric value
}
MESSAGE_VALUES = ("match", "unit", "replacement", "metric")  # what its findings fill into a message (ruleset/templates.py)
FIELD_SCOPED = True  # hits come only from fields its rules cover (kinds/__init__.py)

# A mixed fraction ("3-1/2", "3 1/2") and a fraction ("1/2") are one number each, tried first
# so that "3-1/2" is never read as the range 3 to 1, or "1/2" as a 2.
_NUMBER = r"\d+[- ]\d+/[1-9]\d*|\d+/[1-9]\d*|\d+(?:[.,]\d+)?"
_NUMBER_RE = re.compile(_NUMBER)
_DIGIT = re.compile(r"\d")
# Dimension chains ("15 x 10 x 40") and ranges ("36 to 42", "36-42") share one unit.
_JOIN = r"\s*(?:[x×X*]|-|–|to|bis)\s*"
_RANGE_WORDS = ("-", "–", "to", "bis")
# Not a quantity's start: inside a word or number, after a ratio's colon or a fraction's slash
# ("1:12", "3-1/2"), or after a model code's hyphen ("X-15"; a label's is fine: "Chest-42 Inch").
_NOT_AFTER = r"(?<![\w.,/:])(?<!(?-i:[A-Z0-9])[-‐‑])"
# A number and unit followed by one of these is a name: "100 Feet Road", "5 Feet Lane".
_STREET = re.compile(
    r"[ \u00a0]+(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Marg|Nagar|Drive|Boulevard|Blvd|Highway|Hwy"
    r"|Straße|Strasse|Weg|Allee|Gasse|Platz)\b"
)
# A hyphen that joins a number and a unit word into a compound ("7-Zoll-Tablet").
_COMPOUND = "[-‐‑]"
_IN_COMPOUND = re.compile(rf"\d{_COMPOUND}\D")
# Closing quotation marks that are also inch signs, with the opening mark that pairs with each;
# a straight quote pairs with itself.
_QUOTES = {'"': '"', "”": "“"}
# A minus sign right before a quantity that follows no word or number ("bis -4 °F", "(-4 °F)").
_NEGATIVE = re.compile(r"(?:^|[^\w.,])[-−–]")
# A longer number is an identifier (an EAN, an order number), not a measurement.
_MOST_DIGITS = 15
# Detected languages below this confidence say too little about short copy.
_LANGUAGE_CONFIDENCE = 0.5


def validate(rule) -> list[str]:
    problems = []
    for name, unit in rule.options["units"].items():
        if not isinstance(unit, dict) or not isinstance(unit.get("aliases"), list):
            problems.append(f"key 'units': {name}: expected aliases: [...]")
            continue
        readings = unit.get("readings") or [unit]
        for reading in readings:
            if not {"to", "factor"} <= set(reading):
                problems.append(f"key 'units': {name}: each reading needs 'to' and 'factor'")
        if not isinstance(unit.get("metric", []), list):
            problems.append(f"key 'units': {name}: 'metric' must be a list of unit symbols")
        if "guard" in unit:
            problem = regex_problem(unit["guard"], untrusted=is_team(rule))
            if problem:
                problems.append(f"key 'units': {name}: guard: {problem}")
    return problems


class _Unit:
    def __init__(self, name: str, spec: dict, rule):
        self.name = name
        self.readings = spec.get("readings") or [spec]
        self.metric = Counterparts(spec["metric"]) if spec.get("metric") else None
        aliases = sorted(spec["aliases"], key=len, reverse=True)
        guard = spec.get("guard", "")
        # Words ("inches") may follow a space and need a boundary; symbols (″, ") attach to the number.
        # A word may also be a compound's first part: "7-Zoll-Tablet", "15-inch laptop".
        words = "|".join(re.escape(a) for a in aliases if a[-1].isalnum())
        symbols = "|".join(re.escape(a) for a in aliases if not a[-1].isalnum())
        unit_re = "|".join(filter(None, [words and rf"(?:[ \u00a0]|{_COMPOUND})?(?:{words})(?!\w)",
                                         symbols and f"(?:{symbols})"]))
        # Each number in a chain may repeat the unit ("8 inch x 10 inch"). A quantity starts
        # with a digit: saying so first lets `re` pass other positions with one test instead of
        # the lookbehinds (a quarter less scanning; the same matches).
        self.regex = compile_for(  # bounded for a team's rule: its guard is the team's regex
            rule, rf"(?=\d){_NOT_AFTER}(?P<nums>(?:{_NUMBER})(?:(?:{unit_re})?{_JOIN}(?:{_NUMBER})){{0,3}})(?:{unit_re}){guard}",
            re.IGNORECASE,
        )


class UnitsChecker:
    def __init__(self, rules, ctx: CompileContext):
        self.locale = ctx.market.babel_locale
        # Each unit's names are a gate key of their own: a field that names no unit skips the
        # rule, and one that says "inch" runs only the inch regex.
        self.compiled = [
            (rule, [(u := _Unit(n, s, rule), ctx.gate.key(s["aliases"], u.regex.pattern, u.regex.flags))
                    for n, s in rule.options["units"].items()])
            for rule in rules
        ]
        # (rule, unit) pairs in rule order, each visited only when its names open its key.
        self.for_scope = OpenedByScope(((rule, unit, key) for rule, units in self.compiled for unit, key in units),
                                       _rule_of, _key_of)

    def check(self, record_ctx) -> Iterator[Hit]:
        for field in record_ctx.fields:
            opened = self.for_scope(field.scope)
            if not opened or not _DIGIT.search(field.text):  # no number, no quantity
                continue
            current = None
            for rule, unit, _ in opened(record_ctx.open_keys(field)):
                if rule is not current:  # a rule's quantities do not overlap one another
                    current, taken = rule, []
                for m in unit.regex.finditer(field.text):
                    start, end = m.span()
                    if any(s < end and start < e for s, e in taken):
                        continue
                    if _closes_quotation(m.group(), field.text, start):
                        continue  # the closing quote of a quotation, not an inch sign
                    if self._has_metric_value(unit, m, field.text, rule.options["window"]):
                        continue
                    if _STREET.match(field.text, end):
                        continue  # a street's name, not a length
                    hit = self._hit(rule, field, unit, m, record_ctx)
                    if hit is not None:
                        taken.append((start, end))
                        yield hit

    @staticmethod
    def _has_metric_value(unit: _Unit, m: re.Match, text: str, window: int) -> bool:
        """Whether the metric figure beside the quantity states its value (text.counterpart)."""
        if unit.metric is None:
            return False
        numbers = [_Quantity.of(n.group()) for n in _NUMBER_RE.finditer(m.group("nums"))]
        if not all(numbers):
            return False
        values = [q.value for q in numbers]
        if _NEGATIVE.fullmatch(text, max(0, m.start() - 2), m.start()):  # "(-4 °F)": the match starts after it
            values[0] = -values[0]
        converted = []
        for reading in unit.readings:
            factor, offset = Decimal(str(reading["factor"])), Decimal(str(reading.get("offset", 0)))
            converted.append(([(v + offset) * factor for v in values], reading["to"]))
        return unit.metric.found(text, m.start(), m.end(), converted, window)

    def _hit(self, rule, field, unit: _Unit, m: re.Match, record_ctx) -> Optional[Hit]:
        numbers = [_Quantity.of(n.group()) for n in _NUMBER_RE.finditer(m.group("nums"))]
        if not all(numbers) or not any(q.value for q in numbers):
            return None  # "0 inch" is a placeholder in feeds, not a measurement
        gaps = re.split(_NUMBER, m.group("nums"))[1:-1]  # what joins the numbers: " x ", "-", " to "
        is_range = any(g.strip().lower().endswith(_RANGE_WORDS) for g in gaps)
        original = m.group()
        locale = self._text_locale(record_ctx, field)
        converted = [_Conversion(numbers, reading, locale) for reading in unit.readings]
        texts = [c.text(is_range) for c in converted]
        if len(unit.readings) == 1:
            replacements = (f"{texts[0]} ({original})",)
        else:  # ambiguous unit: every reading is advice, none is applied
            replacements = tuple(
                f"{text} ({original}, {reading.get('label', reading['to'])})"
                for text, reading in zip(texts, unit.readings)
            )
        # "17,8 cm (7-Zoll)-Tablet" is no sentence: a compound is reworded by a person.
        compound = "the size is part of a compound word" if _IN_COMPOUND.search(original) else None
        contradicted = unit.metric is not None and unit.metric.contradicted(
            field.text, m.start(), m.end(), unit.readings[0]["to"], rule.options["window"])
        disagreeing = "a metric figure beside it gives another value" if contradicted else None
        return Hit(rule, field, m.start(), m.end(), replacements, {
            "match": original, "unit": unit.name, "replacement": replacements[0],
            "metric": texts[0],
        }, not_safe=compound or disagreeing or converted[0].misread())

    def _text_locale(self, record_ctx, field) -> str:
        """The locale the metric value is written for (module docstring)."""
        base = _babel_locale(record_ctx.record.locale) or self.locale
        base_language = base.split("_")[0]
        for text in (field.text, record_ctx.joined_text()):
            language, confidence = record_ctx.language(text)
            if confidence >= _LANGUAGE_CONFIDENCE:
                if language != base_language and _babel_locale(language):
                    return language
                return base
        return base


def _rule_of(item):
    return item[0]


def _key_of(item) -> int:
    return item[2]


class _Quantity:
    """One number of the original and its resolution (one unit of its last written digit)."""

    def __init__(self, value: Decimal, resolution: Decimal, significant: int):
        self.value, self.resolution, self.significant = value, resolution, significant

    @classmethod
    def of(cls, text: str) -> Optional["_Quantity"]:
        # Read without a locale: English copy is common in every market, so the market's
        # locale says little about how this text writes its numbers (text.numbers).
        if "/" in text:
            whole, _, fraction = text.replace("-", " ").rpartition(" ")
            numerator, denominator = (Decimal(p) for p in fraction.split("/"))
            value = Decimal(whole or 0) + numerator / denominator
            return cls(value, 1 / denominator, len(str(int(value))) + 1)
        number = parse_number(text)
        if number is None or len(number.value.as_tuple().digits) > _MOST_DIGITS:
            return None
        digits = str(number.value).replace(".", "").lstrip("0-") or "0"
        significant = len(digits) if number.decimals else len(digits.rstrip("0")) or 1
        return cls(number.value, Decimal(1).scaleb(-number.decimals), significant)


class _Conversion:
    """The original's numbers in one reading's metric unit, rounded and written for a locale."""

    def __init__(self, numbers: list[_Quantity], reading: dict, locale: str):
        self.reading, self.locale = reading, locale
        factor, offset = Decimal(str(reading["factor"])), Decimal(str(reading.get("offset", 0)))
        self.values = [(q.value + offset) * factor for q in numbers]
        self.decimals = [self._decimals(q, v, factor) for q, v in zip(numbers, self.values)]
        self.written = [self._format(v, d) for v, d in zip(self.values, self.decimals)]

    def text(self, is_range: bool) -> str:
        return ("–" if is_range else " × ").join(self.written) + f" {self.reading['to']}"

    def misread(self) -> Optional[str]:
        return same_quantity(self.written, self.locale, self.values, self.decimals)

    def _decimals(self, quantity: _Quantity, value: Decimal, factor: Decimal) -> int:
        if "significant" in self.reading:
            if not value:
                return 0
            least = int(self.reading["significant"])
            significant = min(max(least, quantity.significant), least + 1)
            return significant - 1 - _magnitude(abs(value))
        # As many decimals as keep the original's resolution, converted (module docstring).
        finest = -_magnitude(quantity.resolution * factor)
        least = int(self.reading.get("decimals", 1))
        return min(max(least, finest), least + 1)

    def _format(self, value: Decimal, decimals: int) -> str:
        return _formatted(str(round_half_up(value, decimals)), decimals, self.locale)


# Decimal.log10 is exact to 28 digits and costs ~35 us; the resolutions a feed converts are few
# (8 values for the 336 conversions of the real catalogue), so each is worked out once.
@functools.lru_cache(maxsize=1024)
def _magnitude(value: Decimal) -> int:
    """The power of ten of ``value``'s leading digit (positive values): floor(log10(value))."""
    return math.floor(value.log10())


# A feed repeats its sizes ("6 inch" on every variant) and Babel takes ~60 us to format one;
# the number goes in as its exact decimal string, so a hit is the same call's answer.
@functools.lru_cache(maxsize=4096)
def _formatted(number: str, decimals: int, locale: str) -> str:
    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
    return format_decimal(Decimal(number), format=pattern, locale=number_locale(locale))


def _closes_quotation(match: str, text: str, start: int) -> bool:
    """Whether the quote sign ending ``match`` closes a quotation opened before it ("Ich nehme 2",
    “take 2”), and so is no inch sign."""
    opening = _QUOTES.get(match[-1])
    if opening is None:
        return False
    if opening == match[-1]:
        return text.count(opening, 0, start) % 2 == 1
    return text.count(opening, 0, start) > text.count(match[-1], 0, start)


@functools.lru_cache(maxsize=256)  # a feed names a few locales; Locale.parse costs ~20 us a call
def _babel_locale(tag: Optional[str]) -> Optional[str]:
    """A Babel locale name for a BCP 47 tag, else for its language alone ("en-SA": "en")."""
    if not tag:
        return None
    for candidate in (tag.replace("-", "_"), tag.replace("-", "_").split("_")[0]):
        try:
            Locale.parse(candidate)
            return candidate
        except (ValueError, TypeError, UnknownLocaleError):
            continue
    return None


CHECKER = UnitsChecker
