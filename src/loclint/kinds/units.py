"""Imperial quantities in a metric market: convert, format for the locale (Babel), metric first.

The unit table is data in the rule (aliases, target symbol, factor, rounding), so a ruleset can
add a unit without code. A quantity that already carries a metric value of the same dimension
nearby ("27 Zoll (68,6 cm)") is left alone. Units with several readings (``oz``: weight or US/UK
fluid ounce) are flagged with each reading as advice instead of a guess.
"""
from __future__ import annotations

import math
import re
from typing import Iterator, Optional

from babel.numbers import format_decimal

from ..text.numbers import parse_number
from ..ruleset.bounded import compile_for
from ..ruleset.loader import is_team
from ..ruleset.regex_guard import regex_problem
from .base import CompileContext, Hit, Opt, RulesByScope

OPTIONS = {
    "units": Opt((dict,), required=True),
    "window": Opt((int,), 40),  # characters around a quantity searched for its metric value
}
MESSAGE_VALUES = ("match", "unit", "replacement", "metric")  # what its findings fill into a message (ruleset/templates.py)

_NUMBER = r"\d+(?:[.,]\d+)?"
_DIGIT = re.compile(r"\d")
# Dimension chains ("15 x 10 x 40") and ranges ("36 to 42", "36-42") share one unit.
_JOIN = r"\s*(?:[x×X*]|-|–|to|bis)\s*"
_RANGE_WORDS = ("-", "–", "to", "bis")


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
        self.metric = re.compile(
            rf"\d\s?(?:{'|'.join(re.escape(m) for m in spec.get('metric', []))})(?!\w)"
        ) if spec.get("metric") else None
        aliases = sorted(spec["aliases"], key=len, reverse=True)
        guard = spec.get("guard", "")
        # Words ("inches") may follow a space and need a boundary; symbols (″, ") attach to the number.
        words = "|".join(re.escape(a) for a in aliases if a[-1].isalnum())
        symbols = "|".join(re.escape(a) for a in aliases if not a[-1].isalnum())
        unit_re = "|".join(filter(None, [words and rf"[ \u00a0]?(?:{words})(?!\w)", symbols and f"(?:{symbols})"]))
        # Each number in a chain may repeat the unit ("8 inch x 10 inch").
        self.regex = compile_for(  # bounded for a team's rule: its guard is the team's regex
            rule, rf"(?<![\w.,])(?P<nums>{_NUMBER}(?:(?:{unit_re})?{_JOIN}{_NUMBER}){{0,3}})(?:{unit_re}){guard}",
            re.IGNORECASE,
        )


class UnitsChecker:
    def __init__(self, rules, ctx: CompileContext):
        self.locale = ctx.market.babel_locale
        # Each unit's names are a gate key of their own: a field that names no unit skips the
        # rule, and one that says "inch" runs only the inch regex.
        self.compiled = [
            (rule, [(_Unit(n, s, rule), ctx.gate.key(s["aliases"])) for n, s in rule.options["units"].items()])
            for rule in rules
        ]
        self.for_scope = RulesByScope(self.compiled, lambda item: item[0])

    def check(self, record_ctx) -> Iterator[Hit]:
        for field in record_ctx.fields:
            compiled = self.for_scope(field.scope)
            if not compiled or not _DIGIT.search(field.text):  # no number, no quantity
                continue
            open_keys = record_ctx.open_keys(field)
            for rule, units in compiled:
                taken: list[tuple[int, int]] = []
                for unit, gate_key in units:
                    if gate_key not in open_keys:  # the unit is not named
                        continue
                    for m in unit.regex.finditer(field.text):
                        start, end = m.span()
                        if any(s < end and start < e for s, e in taken):
                            continue
                        if m.group().endswith('"') and field.text.count('"', 0, start) % 2:
                            continue  # the closing quote of a quotation, not an inch sign
                        if self._metric_nearby(unit, field.text, start, end, rule.options["window"]):
                            continue
                        hit = self._hit(rule, field, unit, m)
                        if hit is not None:
                            taken.append((start, end))
                            yield hit

    @staticmethod
    def _metric_nearby(unit: _Unit, text: str, start: int, end: int, window: int) -> bool:
        if unit.metric is None:
            return False
        return bool(unit.metric.search(text, max(0, start - window), min(len(text), end + window)))

    def _hit(self, rule, field, unit: _Unit, m: re.Match) -> Optional[Hit]:
        # Read without a locale: English copy is common in every market, so the market's
        # locale says little about how this text writes its numbers (text.numbers).
        numbers = [float(parse_number(n).value) for n in re.findall(_NUMBER, m.group("nums"))]
        joins = [j.strip().lower() for j in re.findall(r"\d\D+?(?=\d)", m.group("nums"))]
        if not any(numbers):
            return None  # "0 inch" is a placeholder in feeds, not a measurement
        original = m.group()
        is_range = any(j.endswith(_RANGE_WORDS) for j in joins)
        converted = [self._convert(numbers, reading, is_range) for reading in unit.readings]
        if len(unit.readings) == 1:
            replacements = (f"{converted[0]} ({original})",)
        else:  # ambiguous unit: every reading is advice, none is applied
            replacements = tuple(
                f"{text} ({original}, {reading.get('label', reading['to'])})"
                for text, reading in zip(converted, unit.readings)
            )
        return Hit(rule, field, m.start(), m.end(), replacements, {
            "match": original, "unit": unit.name, "replacement": replacements[0],
            "metric": converted[0],
        })

    def _convert(self, numbers: list[float], reading: dict, is_range: bool) -> str:
        factor, offset = float(reading["factor"]), float(reading.get("offset", 0))
        values = [(n + offset) * factor for n in numbers]
        formatted = [self._format(v, reading) for v in values]
        return ("–" if is_range else " × ").join(formatted) + f" {reading['to']}"

    def _format(self, value: float, reading: dict) -> str:
        if "significant" in reading and value:
            digits = int(reading["significant"]) - 1 - math.floor(math.log10(abs(value)))
            decimals = max(0, digits)
            value = round(value, digits)
        else:
            decimals = int(reading.get("decimals", 1))
            value = round(value, decimals)
        pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=self.locale)


CHECKER = UnitsChecker
