"""Language of the text: a field long enough to judge, written in none of the market's languages."""
from __future__ import annotations

import unicodedata
from typing import Iterator

from .base import CompileContext, Hit, Opt, RulesByScope

OPTIONS = {
    "min_letters": Opt((int,), 40),  # shorter texts are guessed too unreliably to flag
    "min_confidence": Opt((float, int), 0.9),
}
MESSAGE_VALUES = ("detected", "expected", "confidence")  # what its findings fill into a message (ruleset/templates.py)


class LanguageChecker:
    def __init__(self, rules, ctx: CompileContext):
        self.rules = rules
        self.expected = ctx.market.languages
        self.for_scope = RulesByScope(rules)

    def check(self, record_ctx) -> Iterator[Hit]:
        for field in record_ctx.fields:
            for rule in self.for_scope(field.scope):
                if len(field.text) < rule.options["min_letters"] or \
                        _letters(field.text, rule.options["min_letters"]) < rule.options["min_letters"]:
                    continue
                lang, confidence = record_ctx.language(field.text)
                if lang in self.expected or confidence < rule.options["min_confidence"]:
                    continue
                yield Hit(rule, field, 0, len(field.text), (), {
                    "detected": lang, "expected": "/".join(self.expected),
                    "confidence": f"{confidence:.0%}",
                })


# Vowel signs of Indic scripts are marks, not letters, for str.isalpha: a 78-character Hindi
# sentence counted 38 letters and was never judged. Marks are counted only when the letters alone
# fall short (the slow path is rare).
def _letters(text: str, minimum: int) -> int:
    count = sum(map(str.isalpha, text))
    if count >= minimum:
        return count
    return count + sum(1 for c in text if unicodedata.category(c)[0] == "M")


CHECKER = LanguageChecker
