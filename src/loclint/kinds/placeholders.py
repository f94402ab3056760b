"""Placeholders across a translation pair: what the app fills in must survive translation.

A field that carries its source (``Field.source``: a PO msgid, an XLIFF ``<source>``, a record's
``source`` key) is compared with it, family by family: printf (``%s``, ``%(count)s``, ``%1$d``),
Ruby/Rails ``%{name}``, i18next ``{{count}}``, ICU and Python brace (``{name}``, ``{0}``,
``{count, plural, …}``), react-i18next components (``<0>…</0>``, ``<1/>``) and XLIFF inline
codes (U+FFFC, readers.translation.xliff). Only families the source uses are compared, so "100%ige
Baumwolle" in a target whose source has no printf placeholder is text, not a stray ``%i``.

- ``check: dropped``: the source has a placeholder the target lacks (the value never shows,
  or a plural form loses its count). A plural form used for one number only (German "ein
  Artikel", Original.one_number) may drop one, as gettext's msgfmt allows.
- ``check: malformed``: a placeholder the target lacks is there under another spelling: its
  name in the brackets of another family, with stray characters ("%{order_number}s" for the
  brace ``{order_number}``, ``{count}`` for ``%(count)s``, ``%(count)`` without its conversion).
  The app then shows stray characters or the raw name, or fails; ``dropped`` leaves these to it.
- ``check: unknown``: the target has one the source does not (``%(nmae)s``, ``{Name}``): the
  app does not fill it in, and what then happens depends on the family (``format``: printf
  formatting raises, Rails raises, i18next and ICU leave it unfilled …). The other plural
  source form's placeholders (Original.others) are allowed.

Rewrites by other rules must keep placeholders too; they rewrite words and numbers, which a
placeholder never is, and writeback.py re-reads every fixed file.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from ..text.inline import OBJECT
from .base import CompileContext, Hit, Opt, RulesByScope

OPTIONS = {"check": Opt((str,), required=True)}
MESSAGE_VALUES = ("match", "placeholders", "format", "spelling")  # what its findings fill into a message (ruleset/templates.py)
FIELD_SCOPED = True  # hits come only from fields its rules cover (kinds/__init__.py)
CHECKS = ("dropped", "malformed", "unknown")

_FAMILIES = {
    "i18next": r"\{\{-?\s*[\w.$-]+\s*(?:,[^{}]*)?\}\}",
    "ruby": r"%\{\w+\}",
    "printf": r"%(?:\(\w+\)|\d+\$)?[-+#0]*(?:\d+|\*)?(?:\.\d+)?[sdifeEgGxXocru]",
    "icu": r"\{\s*\w+\s*,\s*(?:plural|select|selectordinal|number|date|time)\b",
    "brace": r"\{\w*(?:[!:][^{}]*)?\}",
    "component": r"</?\d+>|<\d+\s*/>",
    "code": re.escape(OBJECT),
}
# What fills each family in, and what it does with a name it was not given: the ``format`` of an
# unknown placeholder's message. No braces: messages mark unresolved names with them.
_FORMATTERS = {
    "i18next": "i18next interpolation in double braces has no value for it and shows it raw",
    "ruby": "Ruby on Rails' %-and-braces interpolation raises on it",
    "printf": "printf-style formatting (Python's %, gettext's c-format) fails on it",
    "brace": "ICU MessageFormat and Python's str.format have no argument of that name (str.format raises)",
    "component": "react-i18next's Trans has no component at that index",
    "code": "XLIFF tools have no native code to put back for an inline code the source lacks",
}
_PLACEHOLDER = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _FAMILIES.items()))


def validate(rule) -> list[str]:
    if rule.options["check"] not in CHECKS:
        return [f"key 'check': expected one of {', '.join(CHECKS)}"]
    return []


def placeholders(text: str) -> list[tuple[str, str, int, int]]:
    """(family, normalised token, start, end) of every placeholder in ``text``."""
    found = []
    for match in _PLACEHOLDER.finditer(text):
        family = match.lastgroup
        token = match.group(0)
        if family == "icu":
            family, token = "brace", "{" + token[1:].split(",")[0].strip() + "}"
        found.append((family, re.sub(r"\s+", "", token), match.start(), match.end()))
    return found


class PlaceholdersChecker:
    def __init__(self, rules, ctx: CompileContext):
        self.for_scope = RulesByScope(rules)

    def check(self, record_ctx) -> Iterator[Hit]:
        for field in record_ctx.fields:
            if field.source is None:
                continue
            rules = self.for_scope[field.scope]
            if not rules:
                continue
            source = placeholders(field.source.text)
            if not source:
                continue
            families = {family for family, *_ in source}
            target = [p for p in placeholders(field.text) if p[0] in families]
            wanted = Counter(token for _, token, *_ in source)
            have = Counter(token for _, token, *_ in target)
            allowed = wanted | Counter(t for other in field.source.others for _, t, *_ in placeholders(other))
            missing_all = list((wanted - have).elements())
            malformed = _misspelled(field.text, missing_all)
            for rule in rules:
                if rule.options["check"] == "malformed":
                    for token, (start, end) in malformed.items():
                        spelled = field.text[start:end]
                        yield Hit(rule, field, start, end, vars={
                            "match": spelled, "placeholders": _shown(token), "spelling": _spelling(spelled, token)})
                elif rule.options["check"] == "dropped":
                    missing = [token for token in missing_all if token not in malformed]
                    if missing and not (field.source.one_number and len(missing) == 1):
                        shown = ", ".join(_shown(t) for t in missing if t != OBJECT)
                        shown = ", ".join(filter(None, [shown, _lost_codes(field.source, missing.count(OBJECT))]))
                        yield Hit(rule, field, 0, len(field.text), vars={"match": shown, "placeholders": shown})
                else:
                    seen: Counter = Counter()
                    for family, token, start, end in target:
                        seen[token] += 1
                        if seen[token] > allowed[token]:
                            yield Hit(rule, field, start, end,
                                      vars={"match": _shown(token), "format": _FORMATTERS[family]})


_NAMED = re.compile(r"^(?:%\(|%\{|\{\{-?|\{)\s*([\w.$-]+)")  # the name of %(n)s, %{n}, {{n}}, {n}


def _misspelled(text: str, missing: list[str]) -> dict[str, tuple[int, int]]:
    """Each missing named placeholder that ``text`` spells another way: its name between
    brackets of any family, with the family's marks around it (a stray % before, a conversion
    letter after), once per placeholder. Unnamed ones (%s, {}, <0>) cannot be told apart so."""
    found: dict[str, tuple[int, int]] = {}
    for token in dict.fromkeys(missing):
        named = _NAMED.match(token)
        if named is None:
            continue
        spelled = re.compile(r"[%$]?(?:\(|\{\{?)-?\s*" + re.escape(named.group(1)) +
                             r"\s*(?:\)|\}\}?)(?:[sdifeEgGxXocru](?!\w))?")
        match = spelled.search(text)
        if match:
            found[token] = match.span()
    return found


def _spelling(spelled: str, token: str) -> str:
    """How ``spelled`` differs from the source's ``token``, in words (messages keep no braces):
    "in braces after %, with a stray “s” after it", "without its “s”"."""
    shape, wanted = _brackets(spelled), _brackets(token)
    tail, wanted_tail = spelled[max(spelled.rfind(")"), spelled.rfind("}")) + 1:], \
        token[max(token.rfind(")"), token.rfind("}")) + 1:]
    if shape == wanted:
        return f"without its “{wanted_tail}”" if tail != wanted_tail and wanted_tail else "with stray marks"
    return f"in {shape}" + (f", with a stray “{tail}” after it" if tail and tail != wanted_tail else "")


def _brackets(token: str) -> str:
    for opening, words in (("%(", "parentheses after %"), ("%{", "braces after %"), ("{{", "double braces"),
                           ("{", "braces"), ("(", "parentheses")):
        if opening in token:
            return words
    return "another form"


def _lost_codes(source, count: int) -> str:
    """The ``count`` inline codes the translation lost, by name where the reader named them
    (readers.translation.xliff): the source's codes the target does not have."""
    if not count:
        return ""
    left = Counter(source.target_codes)
    named = []
    for name in source.codes:
        if left[name]:
            left[name] -= 1
        elif name:
            named.append(name)
    if len(named) != count:  # unnamed codes, or renamed ones: the count alone is what is sure
        return "an inline code" if count == 1 else f"{count} inline codes"
    return ("the inline code " if count == 1 else "the inline codes ") + ", ".join(named)


def _shown(token: str) -> str:
    """A token for a message: braces are how messages mark unresolved names (and the tests
    check none is left), so braced placeholders are named in words."""
    if token == OBJECT:
        return "an inline code"
    if token.startswith("{{"):
        return f"“{token[2:-2]}” (in double braces)"
    if token.startswith("%{"):
        return f"“{token[2:-1]}” (after %, in braces)"
    if token.startswith("{"):
        return f"“{token[1:-1]}” (in braces)" if token != "{}" else "a pair of empty braces"
    return f"“{token}”"


CHECKER = PlaceholdersChecker
