"""Regular expressions over a field, with an optional replacement template (``\\g<name>``)."""
from __future__ import annotations

import re
from typing import Iterator

from ..text.tokens import inside
from .gate import is_open
from ..text.literals import required_literals
from .base import CompileContext, Hit, Opt, RulesByScope, passes_filters, regex_problems, span_filters, window_problems

OPTIONS = {
    "pattern": Opt((str, list), required=True),
    "replacement": Opt((str, list), None),
    "case_sensitive": Opt((bool,), False),
    "exceptions": Opt((list,), []),
    "skip_quoted": Opt((bool,), False),
    "near": Opt((dict,), None),
    "not_near": Opt((dict,), None),
    # Matches inside these attributes' values are fine (a brand written in capitals).
    "skip_attributes": Opt((list,), []),
}


def validate(rule) -> list[str]:
    return regex_problems(rule, "pattern") + regex_problems(rule, "exceptions") + \
        window_problems(rule, "near") + window_problems(rule, "not_near")


class PatternChecker:
    def __init__(self, rules, ctx: CompileContext):
        self.compiled = []
        for rule in rules:
            patterns = rule.options["pattern"]
            patterns = patterns if isinstance(patterns, list) else [patterns]
            flags = 0 if rule.options["case_sensitive"] else re.IGNORECASE
            regex = re.compile("|".join(f"(?:{p})" for p in patterns), flags)
            gate_key = ctx.gate.key(required_literals(patterns, flags))
            self.compiled.append((rule, regex, span_filters(rule), gate_key))
        self.for_scope = RulesByScope(self.compiled, lambda item: item[0])

    def check(self, record_ctx) -> Iterator[Hit]:
        for field in record_ctx.fields:
            compiled = self.for_scope(field.scope)
            if not compiled:
                continue
            open_keys = record_ctx.open_keys(field)
            for rule, regex, filters, gate_key in compiled:
                if not is_open(gate_key, open_keys):
                    continue
                for m in regex.finditer(field.text):
                    start, end = m.span()
                    if start == end:
                        continue
                    if rule.options["skip_quoted"] and inside(record_ctx.quoted(field), start, end):
                        continue
                    if not passes_filters(filters, field.text, start, end):
                        continue
                    if _in_attributes(record_ctx, rule.options["skip_attributes"], m.group()):
                        continue
                    replacements = _expand(rule.options["replacement"], m)
                    yield Hit(rule, field, start, end, replacements,
                              {"match": m.group(), "replacement": replacements[0] if replacements else ""})


def _in_attributes(record_ctx, names: list, matched: str) -> bool:
    wanted = matched.casefold()
    for name in names:
        value = record_ctx.attribute(name)
        if isinstance(value, str) and wanted in value.casefold():
            return True
    return False


def _expand(template, match: re.Match) -> tuple[str, ...]:
    if template is None:
        return ()
    templates = template if isinstance(template, list) else [template]
    return tuple(match.expand(t) for t in templates)


CHECKER = PatternChecker
