"""Terms and phrases, inflection-aware: one token-level index per market for all term rules.

Trigger words expand at compile time to their inflected forms (spaCy lookup tables), so matching
a record is a dictionary lookup per token: "besten", "beste", "bester" all hit the entry "beste".
A trailing ``*`` makes a word a prefix ("Tiefstpreis*" also hits "Tiefstpreisgarantie").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional, Union

from ..text import unspaced
from ..text.brand import beside
from ..text.tokens import inside, tokenize
from .base import CompileContext, Hit, Opt, passes_filters, regex_problems, span_filters, window_problems
from . import phrase_store
from .gate import opens_as_word

OPTIONS = {
    "triggers": Opt((dict,), required=True),  # language -> list of phrases
    "swap": Opt((dict,), {}),  # phrase or matched form -> replacement (or list of them)
    "replacement": Opt((str, list), None),  # for every trigger without a swap
    "exceptions": Opt((list,), []),  # regexes: a hit inside one of their matches is dropped
    "skip_quoted": Opt((bool,), True),  # quoted titles („Mein bester Freund“) are not claims
    "skip_brand": Opt((bool,), False),  # a trigger inside the record's brand names it (text.brand)
    # A trigger with the record's own brand this many characters beside it is about the brand's own
    # product ("réplica LEGO®" on LEGO's own listing is LEGO's model, not a copy of LEGO).
    "not_near_brand": Opt((int,), 0),
    "near": Opt((dict,), None),  # fire only with one of these patterns nearby
    "not_near": Opt((dict,), None),  # evidence nearby silences the hit
}
MESSAGE_VALUES = ("match", "replacement")  # what its findings fill into a message (ruleset/templates.py)
FIELD_SCOPED = True  # hits come only from fields its rules cover (kinds/__init__.py)

_PREFIX_KEY = 4  # prefix triggers are indexed by their first four letters


def validate(rule) -> list[str]:
    problems = regex_problems(rule, "exceptions") + window_problems(rule, "near") + window_problems(rule, "not_near")
    problems += _rewrite_problems("replacement", rule.options["replacement"])
    for phrase, value in rule.options["swap"].items():
        if not isinstance(phrase, str):
            problems.append(f"key 'swap': {phrase!r}: expected a phrase (text)")
        problems += _rewrite_problems(f"swap: {phrase}", value)
    for lang, phrases in rule.options["triggers"].items():
        if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
            problems.append(f"key 'triggers': {lang}: expected a list of phrases")
            continue
        for phrase in phrases:
            if phrase.endswith("*") and len(phrase.rstrip("*").split()[-1]) < _PREFIX_KEY:
                problems.append(f"key 'triggers': prefix {phrase!r} needs at least {_PREFIX_KEY} letters")
    return problems


_GROUP_REFERENCE = re.compile(r"\\(?:\d|g<)")


def _rewrite_problems(key: str, value) -> list[str]:
    """A terms rewrite is written as is: it must be text, and a group reference (\\1, \\g<name>)
    would land in the listing literally (only pattern rules have groups)."""
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) for v in values):
        return [f"key '{key}': expected a rewrite text or a list of them"]
    return [f"key '{key}': {v!r}: a terms rule has no groups to refer to; write the rewrite as plain text"
            for v in values if _GROUP_REFERENCE.search(v)]


@dataclass(frozen=True)
class _Prefix:
    text: str


_Step = Union[frozenset, _Prefix]


@dataclass(frozen=True)
class _Entry:
    rule_index: int
    trigger: str
    rest: tuple[_Step, ...]


class TermsChecker:
    def __init__(self, rules, ctx: CompileContext):
        self.rules = rules
        self.filters = [span_filters(rule) for rule in rules]
        self.swaps = [{k.casefold(): v for k, v in rule.options["swap"].items()} for rule in rules]
        self.exact: dict[str, list[_Entry]] = {}
        self.prefix: dict[str, list[tuple[str, _Entry]]] = {}
        self._scopes: dict[str, tuple[bool, ...]] = {}
        anchor_words: set[str] = set()
        anchor_prefixes: set[str] = set()
        for index, rule in enumerate(rules):
            for lang, phrases in rule.options["triggers"].items():
                data = ctx.languages.get(lang)
                for phrase in phrases:
                    # A phrase's steps are the same in every market (markets share most rules) and
                    # in every run of the same rules and code (kinds.phrase_store).
                    steps, anchor = ctx.shared.of(("terms", lang, phrase), phrase_store.compiled, phrase, lang,
                                                  data, ctx.inflect, _compiled)
                    if steps:
                        self._add(_Entry(index, phrase, steps[1:]), steps[0])
                        if isinstance(anchor, _Prefix):
                            anchor_prefixes.add(anchor.text)
                        else:
                            anchor_words.update(anchor)
        # Every word of a trigger must occur for it to match, so one word per trigger opens the
        # gate: its longest, not its first ("la mejor", "que la competencia" would otherwise
        # open every Spanish field on "la" and "que").
        self.gate_key = ctx.gate.word_key(anchor_words, anchor_prefixes)

    def _add(self, entry: _Entry, first: _Step) -> None:
        if isinstance(first, _Prefix):
            self.prefix.setdefault(first.text[:_PREFIX_KEY], []).append((first.text, entry))
        else:
            for form in first:
                self.exact.setdefault(form, []).append(entry)

    def _applies(self, scope: str) -> tuple[bool, ...]:
        """Which rules apply to ``scope``, by index; empty where none does."""
        flags = tuple(rule.applies_to(scope) for rule in self.rules)
        flags = self._scopes[scope] = flags if any(flags) else ()
        return flags

    def check(self, record_ctx) -> Iterator[Hit]:
        # The scope's flags are read from the dict here, not through a method with an any() of
        # them: 40k fields a corpus run, most of them in no rule's scope.
        scopes, gate_key = self._scopes, self.gate_key
        for field in record_ctx.fields:
            applies = scopes.get(field.scope)
            if applies is None:
                applies = self._applies(field.scope)
            if not applies or gate_key not in record_ctx.open_keys(field):
                continue
            norms = record_ctx.norms(field)
            found: dict[int, list[tuple[int, int, str]]] = {}
            for i in self._starts(norms):
                norm = norms[i]
                for entry in self._candidates(norm):
                    if not applies[entry.rule_index]:
                        continue
                    last = _match_rest(norms, i + 1, entry.rest)
                    if last is not None:
                        tokens = record_ctx.tokens(field)  # offsets, only for a match
                        found.setdefault(entry.rule_index, []).append(
                            (tokens[i].start, tokens[last].end, entry.trigger)
                        )
            for rule_index, spans in found.items():
                yield from self._hits(record_ctx, field, rule_index, spans)

    def _starts(self, norms: list[str]) -> list[int]:
        """Where a trigger may start: the tokens that begin one. Most tokens begin none (93k
        tokens, 5k starts in a corpus run), and most markets have no prefix trigger, so that
        test is left out where it cannot pass."""
        exact, prefix = self.exact, self.prefix
        if prefix:
            return [i for i, norm in enumerate(norms) if norm in exact or norm[:_PREFIX_KEY] in prefix]
        return [i for i, norm in enumerate(norms) if norm in exact]

    def _candidates(self, norm: str):
        yield from self.exact.get(norm, ())
        for text, entry in self.prefix.get(norm[:_PREFIX_KEY], ()):
            if norm.startswith(text):
                yield entry

    def _hits(self, record_ctx, field, rule_index, spans) -> Iterator[Hit]:
        rule = self.rules[rule_index]
        quoted = record_ctx.quoted(field) if rule.options["skip_quoted"] else []
        taken_until = -1
        # Leftmost, then longest; overlapping matches of one rule report once.
        for start, end, trigger in sorted(spans, key=lambda s: (s[0], -s[1])):
            if start < taken_until:
                continue
            if quoted and inside(quoted, start, end):
                continue
            if rule.options["skip_brand"] and inside(record_ctx.brand(field), start, end):
                continue
            within = rule.options["not_near_brand"]
            if within and beside(record_ctx.brand(field), start, end, within):
                continue
            if not passes_filters(self.filters[rule_index], field.text, start, end):
                continue
            taken_until = end
            matched = field.text[start:end]
            replacements = _replacements(rule, self.swaps[rule_index], trigger, matched, field.text, start)
            yield Hit(rule, field, start, end, replacements,
                      {"match": matched, "replacement": replacements[0] if replacements else ""})


def _compiled(phrase: str, lang: str, data, inflect) -> tuple[tuple[_Step, ...], Optional[_Step]]:
    """The phrase's steps and the one of them that opens the gate (None: no steps)."""
    steps = _steps(phrase, lang, data, inflect)
    return steps, _anchor(steps) if steps else None


def _steps(phrase: str, lang: str, data, inflect) -> tuple[_Step, ...]:
    steps: list[_Step] = []
    previous = ""
    # A Thai trigger word joins the segmenter's dictionary and stays one token, so the text's
    # words are cut where the trigger's are (text.unspaced).
    unspaced.add_words(phrase.split())
    for token in tokenize(phrase, segment=False):
        if token.norm == "*" and steps and isinstance(steps[-1], frozenset):
            steps[-1] = _Prefix(previous)
        elif data is not None:
            steps.append(inflect(token.norm, lang, data))
        else:
            steps.append(frozenset({token.norm}))
        previous = token.norm
    return tuple(steps)


def _anchor(steps: tuple[_Step, ...]) -> _Step:
    """The step whose shortest form is longest (the first of equals): the rarest word, as near
    as length tells, of a trigger whose every step must match a token. A step the gate cannot
    see as a word ("#" in "#1", "%" in "% off": kinds.gate.opens_as_word) comes last."""
    return max(steps, key=_rank)


def _rank(step: _Step) -> int:
    forms = (step.text,) if isinstance(step, _Prefix) else step
    if not forms or not all(map(opens_as_word, forms)):
        return -1
    return min(map(len, forms))


def _match_rest(norms: list[str], i: int, rest: tuple[_Step, ...]):
    """Index of the last token if ``rest`` matches from ``i`` on, else None."""
    last = i - 1
    for step in rest:
        if i >= len(norms):
            return None
        norm = norms[i]
        if isinstance(step, _Prefix):
            if not norm.startswith(step.text):
                return None
        elif norm not in step:
            return None
        last, i = i, i + 1
    return last


_SENTENCE_START = re.compile(r"(?:^|[.!?:•\n]\s*)$")


def _replacements(rule, swap: dict, trigger: str, matched: str, text: str, start: int) -> tuple[str, ...]:
    value = swap.get(matched.casefold()) or swap.get(trigger.casefold()) or rule.options["replacement"]
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    at_start = bool(_SENTENCE_START.search(text[:start]))
    return tuple(v[:1].upper() + v[1:] if at_start and v else v for v in values)


CHECKER = TermsChecker
