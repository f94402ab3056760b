"""Language of the text: a field long enough to judge, written in none of the market's languages.

Names are not a language: a product named as it is named everywhere ("Eau de Parfum", "Cantuccini",
"Chai Latte", the rule's ``names``) and the record's brand (text.brand) are taken out before the
text is judged, and what is left must still be long enough. A title made of such names is not a
switch of language; a description written in English still is.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..text.letters import letters
from ..text.literals import required_literals
from .base import CompileContext, Hit, Opt, RulesByScope, compile_patterns, regex_problems
from .gate import is_open

OPTIONS = {
    "min_letters": Opt((int,), 40),  # shorter texts are guessed too unreliably to flag
    "min_confidence": Opt((float, int), 0.9),
    "names": Opt((list,), []),  # regexes: names used in every language, left out before judging
}
MESSAGE_VALUES = ("detected", "expected", "confidence")  # what its findings fill into a message (ruleset/templates.py)
FIELD_SCOPED = True  # hits come only from fields its rules cover (kinds/__init__.py)


def validate(rule) -> list[str]:
    return regex_problems(rule, "names")


class LanguageChecker:
    def __init__(self, rules, ctx: CompileContext):
        self.rules = rules
        self.expected = ctx.market.languages
        self.shortest = min((rule.options["min_letters"] for rule in rules), default=0)
        # Names are a shared vocabulary, whose entries carry word edges (text.words): `re` took
        # 37 ms to compile the built-in one, `regex` 6 ms, and it finds the same spans.
        self.names = {rule.code: compile_patterns(rule.options["names"], rule, words=True) for rule in rules}
        # Most texts name no international product: the gate says which could, so the names'
        # alternation runs only there.
        self.names_key = {rule.code: ctx.gate.key(required_literals(rule.options["names"], re.IGNORECASE),
                                                  self.names[rule.code].pattern, self.names[rule.code].flags)
                          for rule in rules if rule.options["names"]}
        # What check() reads of each rule, read once: the options' dict lookups for every field
        # were a measurable part of the kind.
        self.judges = RulesByScope([(rule, rule.options["min_letters"], rule.options["min_confidence"],
                                     self.names[rule.code], self.names_key.get(rule.code)) for rule in rules],
                                   lambda values: values[0])

    def check(self, record_ctx) -> Iterator[Hit]:
        shortest, judges = self.shortest, self.judges
        for field in record_ctx.fields:
            text = field.text
            # Most fields are too short for any rule (attribute values, empty descriptions: 26k
            # of the real catalogue's 40k), told by their length before their scope's rules.
            if len(text) < shortest:
                continue
            for rule, least, confident, names, names_key in judges[field.scope]:
                if len(text) < least or letters(text, least) < least:
                    continue
                if names is not None and not is_open(names_key, record_ctx.open_keys(field)):
                    names = None
                judged = _without_names(text, names, record_ctx.brand(field))
                if judged is not text and letters(judged, least) < least:  # the same text counted enough
                    continue  # mostly names and brands: nothing left to judge
                lang, confidence = record_ctx.language(judged)
                if lang in self.expected or confidence < confident:
                    continue
                yield Hit(rule, field, 0, len(text), (), {
                    "detected": lang, "expected": "/".join(self.expected),
                    "confidence": f"{confidence:.0%}",
                })


def _without_names(text: str, names, brand_spans: list[tuple[int, int]]) -> str:
    """``text`` with its international product names and the record's brand blanked out."""
    spans = brand_spans
    if names is not None:
        spans = spans + [m.span() for m in names.finditer(text)]
    if not spans:
        return text
    # The text between the spans is sliced, not copied a character at a time into a list: most
    # judged fields name the brand, and the list took 6.1 ms for the real catalogue's 3,226,
    # slices 1.9 (the same text: tests/test_language_names.py). Overlapping spans blank their union.
    pieces, at = [], 0
    for start, end in sorted(spans):
        if end <= at:
            continue
        start = max(start, at)
        pieces += (text[at:start], " " * (end - start))
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


CHECKER = LanguageChecker
