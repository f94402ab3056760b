"""Whether a metric figure beside an imperial one states the same quantity: "72 in (183 cm)",
"183 cm / 72 in", "27 Zoll (68,6 cm)".

Some metric unit somewhere in a field is not the imperial figure's counterpart: in "Yogamatte
6 ft x 2 ft, 5 mm dick" the millimetres are the mat's thickness, and its size is still given in
feet only. A counterpart stands beside the imperial figure (before or after it, with no other
number in between, within the units rule's ``window`` of characters) and its value is close to the
converted one (within 10 %, or within one unit of its own last digit, for coarse roundings
such as "1/2 inch (1 cm)"). A metric symbol whose dimension is not known here is trusted on
its place alone. Symbols are read in any case: listings shout sizes ("39,6 CM (15,6")").
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable, Iterator

from ..pattern_cache import compile_re
from .numbers import parse_number

# Symbol -> (dimension, size in the dimension's base unit).
SCALES: dict[str, tuple[str, Decimal]] = {
    "mm": ("length", Decimal("0.001")), "cm": ("length", Decimal("0.01")), "m": ("length", Decimal(1)),
    "km": ("length", Decimal(1000)),
    "mg": ("mass", Decimal("0.000001")), "g": ("mass", Decimal("0.001")), "kg": ("mass", Decimal(1)),
    "ml": ("volume", Decimal("0.001")), "cl": ("volume", Decimal("0.01")), "dl": ("volume", Decimal("0.1")),
    "l": ("volume", Decimal(1)),
    "°C": ("temperature", Decimal(1)), "° C": ("temperature", Decimal(1)), "ºC": ("temperature", Decimal(1)),
}
TOLERANCE = Decimal("0.1")
SAME_VALUE = Decimal("0.02")  # a metric figure away from the imperial one: the same value, rounded
_NUMBER = r"\d+(?:[.,]\d+)*"
_SIGNED = rf"(?:[-−–](?=\d))?{_NUMBER}"  # "-3,9 °C", "-9,4 × -12,2 °C"
_JOIN = r"\s*(?:[x×X*]|-|–|to|bis)\s*"
# In a figure, a minus sign that starts it or follows a space or a times sign makes its number
# negative; one between two numbers ("10-15 cm") is a range.
_TOKEN = re.compile(rf"(?<![^\s×xX*])(?P<minus>[-−–])?(?P<number>{_NUMBER})|(?P<plain>{_NUMBER})")


def _figures(symbols: Iterable[str]) -> re.Pattern:
    unit = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))
    # A chain or range of numbers with one metric unit ("38 × 25 × 100 cm", "15-18 cm").
    # A unit inside the chain ends at a word's end: else "76 mm" reads as "76 m" and "m".
    # Built from its code when an earlier run compiled it (pattern_cache): each market's units
    # compile theirs, 7 figures' expressions and 5 ms a corpus run.
    return compile_re(rf"(?<![\w.,])(?P<nums>{_SIGNED}(?:\s?(?:{unit})(?!\w))?(?:{_JOIN}{_SIGNED}(?:\s?(?:{unit})(?!\w))?){{0,3}})"
                      rf"\s?(?P<unit>{unit})(?!\w)", re.IGNORECASE)


class Counterparts:
    """The metric figures of one unit table entry (its ``metric`` symbols)."""

    def __init__(self, symbols: Iterable[str]):
        self.symbols = tuple(symbols)
        self.regex = _figures(self.symbols)
        self._symbol = {s.casefold(): s for s in self.symbols}  # "CM" is written for "cm"

    def found(self, text: str, start: int, end: int, converted: Iterable[tuple[list[Decimal], str]],
              gap: int) -> bool:
        """Whether a metric figure at most ``gap`` characters beside ``text[start:end]`` states its
        value; ``converted`` holds, for each reading of the imperial unit, its numbers in that
        reading's unit."""
        readings = list(converted)
        for values, symbol in self._beside(text, start, end, gap):
            if any(_close(imperial, to, values, symbol) for imperial, to in readings):
                return True
        # Or the same quantity stated in metric elsewhere in the field, as a spec block does
        # ("Glass Diameter 76 mm ... Glass: Dia 3""): held to a tighter tolerance, since
        # away from the imperial figure only its value says it is the same one.
        for values, symbol in self._beside(text, start, end, len(text), any_gap=True):
            if any(_close(imperial, to, values, symbol, far=True) for imperial, to in readings):
                return True
        return False

    def contradicted(self, text: str, start: int, end: int, to: str, gap: int) -> bool:
        """Whether a metric figure of the same dimension stands beside ``text[start:end]`` (it
        was not its value, or ``found`` would have said so): the listing gives two sizes that
        disagree, and adding a third is no fix a machine should make."""
        dimension = SCALES.get(to, (None,))[0]
        return any(SCALES.get(symbol, (None,))[0] == dimension
                   for _, symbol in self._beside(text, start, end, gap, paired=True))

    def _beside(self, text: str, start: int, end: int, most: int,
                paired: bool = False, any_gap: bool = False) -> Iterator[tuple[list[Decimal], str]]:
        """The metric figures beside the span; ``paired``: only those written as its pair, in
        brackets or after a slash ("30 inch (60 cm)", "16 Zoll / 50 cm"), not the next item of
        a list ("6 ft x 2 ft, 5 mm dick")."""
        lo, hi = max(0, start - most - 40), min(len(text), end + most + 40)  # 40: room for the figure
        for m in self.regex.finditer(text, lo, hi):
            gap = text[end:m.start()] if m.start() >= end else text[m.end():start] if m.end() <= start else None
            if gap is None or (not any_gap and (len(gap) > most or any(c.isdigit() for c in gap))):
                continue
            if paired and not _PAIRING.fullmatch(gap):
                continue
            tokens = list(_TOKEN.finditer(m.group("nums")))
            numbers = [t.group("number") or t.group("plain") for t in tokens]
            for values in _readings(numbers):
                symbol = self._symbol.get(m.group("unit").casefold(), m.group("unit"))
                yield [-v if t.group("minus") else v for v, t in zip(values, tokens)], symbol


_PAIRING = re.compile(r"[\s()\[\]/=]*")


def _readings(numbers: list[str]) -> Iterator[list[Decimal]]:
    """The figure's numbers as text.numbers reads them, and, where one mark stands before three
    digits ("5,783 kg"), also with that mark as the decimal sign: the metric figure is written
    for the market's locale, which the imperial one's reading does not tell."""
    parsed = [parse_number(n) for n in numbers]
    if not all(parsed):
        return
    yield [p.value for p in parsed]
    if any(_AMBIGUOUS.fullmatch(n) for n in numbers):
        yield [Decimal(n.replace(",", ".")) if _AMBIGUOUS.fullmatch(n) else p.value for n, p in zip(numbers, parsed)]


_AMBIGUOUS = re.compile(r"\d+[.,]\d{3}")


def _close(imperial: list[Decimal], to: str, metric: list[Decimal], symbol: str, far: bool = False) -> bool:
    """Whether the metric figure states the imperial value. ``far``: it stands away from the
    imperial figure, so its value is the only evidence: an unknown unit does not count, and only
    SAME_VALUE's rounding is allowed, not TOLERANCE or the figure's last digit."""
    target, source = SCALES.get(to), SCALES.get(symbol)
    if target is None or source is None:
        return not far  # a unit this table does not know: beside the figure, its place is the evidence
    if target[0] != source[0]:
        return False
    want = max(imperial) * target[1]
    have = max(metric) * source[1]
    if far:
        return abs(want - have) <= abs(want) * SAME_VALUE
    resolution = _resolution(max(metric)) * source[1]
    return abs(want - have) <= max(abs(want) * TOLERANCE, resolution)


def _resolution(value: Decimal) -> Decimal:
    exponent = value.normalize().as_tuple().exponent
    return Decimal(1).scaleb(min(int(exponent), 0)) if isinstance(exponent, int) else Decimal(1)
