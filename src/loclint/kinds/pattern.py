"""Regular expressions over a field, with an optional replacement template (``\\g<name>``).

A match may not begin or end inside a word (text.words) unless the rule says ``nonword: true``."""
from __future__ import annotations

import re
from typing import Iterator, Optional

from ..ruleset.bounded import compile_for, compile_whole_words_for
from ..text.tokens import inside
from .gate import OpenedByScope, is_open
from ..text.literals import required_literals
from ..text.phones import phone_spans
from .base import CompileContext, Hit, Opt, passes_filters, regex_problems, span_filters, window_problems

OPTIONS = {
    "pattern": Opt((str, list), required=True),
    "replacement": Opt((str, list), None),
    "case_sensitive": Opt((bool,), False),
    "exceptions": Opt((list,), []),
    "skip_quoted": Opt((bool,), False),
    "skip_brand": Opt((bool,), False),  # a match inside the record's brand names it (text.brand)
    "near": Opt((dict,), None),
    "not_near": Opt((dict,), None),
    # Matches inside these attributes' values are fine (a brand written in capitals).
    "skip_attributes": Opt((list,), []),
    # Also flag phone numbers as the record's market writes them (text/phones.py, libphonenumber):
    # a national format has no literal a regular expression could key on without matching dates.
    "phone_numbers": Opt((bool,), False),
    "nonword": Opt((bool,), False),  # true: a match may begin or end inside a word
}
MESSAGE_VALUES = ("match", "replacement")  # what its findings fill into a message (ruleset/templates.py)
FIELD_SCOPED = True  # hits come only from fields its rules cover (kinds/__init__.py)


def validate(rule) -> list[str]:
    problems = regex_problems(rule, "pattern")
    if not problems:
        problems = _replacement_problems(rule)
    return problems + regex_problems(rule, "exceptions") + \
        window_problems(rule, "near") + window_problems(rule, "not_near")


def _joined(patterns) -> str:
    """The rule's patterns as the one alternation the checker compiles (groups number across it)."""
    patterns = patterns if isinstance(patterns, list) else [patterns]
    return "|".join(f"(?:{p})" for p in patterns)


def _replacement_problems(rule) -> list[str]:
    """The patterns must combine into the one alternation the checker compiles, and each rewrite
    template must expand against its groups: a group the pattern lacks (\\3, \\g<name>) or a
    bad escape raised in the middle of a run."""
    template = rule.options["replacement"]
    templates = template if isinstance(template, list) else [] if template is None else [template]
    try:
        regex = re.compile(_joined(rule.options["pattern"]))
    except re.error as exc:  # each compiles alone, not together: a group name used twice
        return [f"key 'pattern': the patterns do not combine into one: {exc}"]
    problems = []
    for text in templates:
        if not isinstance(text, str):
            problems.append(f"key 'replacement': expected a string, got {type(text).__name__}")
            continue
        try:
            regex.sub(text, "")  # parses the template against the pattern's groups
        except (re.error, IndexError) as exc:
            problems.append(f"key 'replacement': {text!r}: {exc}")
    return problems


class PatternChecker:
    def __init__(self, rules, ctx: CompileContext):
        self.market = ctx.market.code  # the region phone numbers are read in
        self.compiled = []
        for rule in rules:
            patterns = rule.options["pattern"]
            patterns = patterns if isinstance(patterns, list) else [patterns]
            flags = 0 if rule.options["case_sensitive"] else re.IGNORECASE
            source = _joined(patterns)
            nonword = rule.options["nonword"]
            regex = compile_for(rule, source, flags) if nonword else compile_whole_words_for(rule, source, flags)
            gate_key = ctx.gate.key(required_literals(patterns, flags), regex.pattern, flags)
            self.compiled.append((rule, regex, span_filters(rule), gate_key))
        # A rule that also reads phone numbers runs on every field: a number has no literal.
        self.for_scope = OpenedByScope(self.compiled, _rule_of, _key_unless_phones)

    def check(self, record_ctx) -> Iterator[Hit]:
        for field in record_ctx.fields:
            if not field.text:
                continue  # no match but an empty one (skipped below), no phone number: 8,001 of the corpus's fields
            opened = self.for_scope(field.scope)
            if not opened:
                continue
            open_keys = record_ctx.open_keys(field)
            for rule, regex, filters, gate_key in opened(open_keys):
                if not record_ctx.applies(rule):
                    continue  # its hits would be dropped: skip the search (and the compile)
                taken: list[tuple[int, int]] = []
                if is_open(gate_key, open_keys):
                    for m in regex.finditer(field.text):
                        start, end = m.span()
                        if start == end or not self._passes(record_ctx, field, rule, filters, start, end):
                            continue
                        taken.append((start, end))
                        replacements = _expand(rule.options["replacement"], m)
                        yield Hit(rule, field, start, end, replacements,
                                  {"match": m.group(), "replacement": replacements[0] if replacements else ""})
                if rule.options["phone_numbers"]:
                    for start, end in phone_spans(field.text, self.market):
                        if any(s < end and start < e for s, e in taken):
                            continue  # the rule's own pattern already flagged it
                        if self._passes(record_ctx, field, rule, filters, start, end):
                            yield Hit(rule, field, start, end, (), {"match": field.text[start:end], "replacement": ""})

    @staticmethod
    def _passes(record_ctx, field, rule, filters, start: int, end: int) -> bool:
        if rule.options["skip_quoted"] and inside(record_ctx.quoted(field), start, end):
            return False
        if rule.options["skip_brand"] and inside(record_ctx.brand(field), start, end):
            return False
        if not passes_filters(filters, field.text, start, end):
            return False
        return not _in_attributes(record_ctx, rule.options["skip_attributes"], field.text[start:end])


def _rule_of(item) -> object:
    return item[0]


def _key_unless_phones(item) -> Optional[int]:
    rule, _, _, gate_key = item
    return None if rule.options["phone_numbers"] else gate_key


def _in_attributes(record_ctx, names: list, matched: str) -> bool:
    """The match is part of the attribute's value, or is the value and one more word: a brand
    followed by its product line ("LEGO DOTS", "SONY BRAVIA") is the brand's own styling."""
    wanted = matched.casefold()
    for name in names:
        value = record_ctx.attribute(name)
        if not isinstance(value, str) or not value.strip():
            continue
        value = value.casefold().strip()
        if wanted in value or (wanted.startswith(value) and len(wanted[len(value):].split()) <= 1):
            return True
    return False


def _expand(template, match: re.Match) -> tuple[str, ...]:
    if template is None:
        return ()
    templates = template if isinstance(template, list) else [template]
    return tuple(match.expand(t) for t in templates)


CHECKER = PatternChecker
