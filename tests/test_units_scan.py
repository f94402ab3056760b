"""A unit's regex says up front that a quantity starts with a digit (kinds/units.py), which `re`
tests once per position instead of the lookbehinds: the same matches as without it."""
import re

from loclint.kinds.units import _Unit
from loclint.rulebook import load_rulebook

TEXTS = ["Screen 15.6 inch, 8 in x 10 in, 3-1/2\" pipe, X-15 in stock, 1:12 in scale",
         "Chest-42 Inch, 100 Feet Road, 5 ft 2 in, (-4 °F) bis -4 °F, 7-Zoll-Tablet, ½ inch",
         "١٢ inch, 2 gallons, 16 oz, 6 yards, 32°F, sizes 36 to 42 in"]


def test_the_leading_digit_test_keeps_every_match():
    book = load_rulebook()
    units = [(rule, _Unit(name, spec, rule)) for rule in book.all_rules() if rule.kind == "units"
             for name, spec in rule.options["units"].items()]
    assert units
    for rule, unit in units:
        source, flags = unit.regex.pattern, unit.regex.flags
        assert source.startswith(r"(?=\d)")
        without = re.compile(source[len(r"(?=\d)"):], flags)
        texts = TEXTS + [example.text for group in (rule.invalid, rule.valid) for example in group if example.text]
        for text in texts:
            assert [m.span() for m in unit.regex.finditer(text)] == [m.span() for m in without.finditer(text)], text
