"""Rule selectors: the one grammar for naming rules, wherever rules are named.

`--select`/`--ignore`, the configuration's `select`/`extend-select`/`ignore` and
`per-file-ignores`, suppressions (`loclint: ignore[...] -- reason`) and the Python API
(`select=`, `ignore=`) all take the same selectors:

    DE001               a rule code
    DE, DE0             a code prefix
    DE00?, *001         a glob (fnmatch: * ? [...])
    price-superlative   a rule name
    claims              a tag
    OLD001              an alias: a former code of a renumbered rule (`aliases:` in its YAML)
    ALL                 every rule (but the off-by-default ones: those only by code, name or alias)

Case never matters. When a selector could mean several things (a team's tag "de" and the
prefix DE), the first of code, name, tag, alias that matches any rule decides, as sqlfluff
resolves its handles: "DE" always means the DE codes. A selector is parsed once (a malformed
one is an error naming where it was written) and resolved against the rulebook to the codes it
covers; one that covers no rule is an error too (ruff's "unknown rule selector"), with the
closest handle as a did-you-mean when one is close ("'DE0O1' matches no rule; did you mean DE001?").
"""
from __future__ import annotations

import fnmatch
import functools
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Union

ALL = "ALL"
_SYNTAX = re.compile(r"[A-Za-z0-9_.*?\[\]!-]+")
_GLOB = re.compile(r"[*?\[]")
HELP = "a rule code (DE001), prefix (DE), glob (DE00?), name, tag or ALL; see README, Rule selectors"


class SelectorError(ValueError):
    """A selector that is malformed or covers no rule. ``str()`` names where it was written;
    ``problem`` is the complaint alone (for callers that name the place themselves)."""

    def __init__(self, origin: str, problem: str):
        self.origin, self.problem = origin, problem
        super().__init__(f"{origin}: {problem}" if origin else problem)


@dataclass(frozen=True)
class Selector:
    text: str  # as written, trimmed
    origin: str = ""  # where it was written: "--select", "loclint.toml: key 'ignore'", ...

    @classmethod
    def parse(cls, text: str, origin: str = "") -> "Selector":
        text = text.strip()
        if not _SYNTAX.fullmatch(text):
            raise SelectorError(origin, f"{text!r} is not a rule selector ({HELP})")
        return cls(text, origin)

    @property
    def key(self) -> str:
        """The form every comparison uses: case never matters."""
        return self.text.upper()


Selectable = Union[str, Selector]


def parse_all(items: Iterable[Selectable], origin: str) -> tuple[Selector, ...]:
    return tuple(item if isinstance(item, Selector) else Selector.parse(item, origin) for item in items)


def _code_like(pattern: str, value: str) -> bool:
    """Codes and aliases: exact, a prefix, or a glob."""
    return fnmatch.fnmatchcase(value, pattern) if _GLOB.search(pattern) else value.startswith(pattern)


def _word_like(pattern: str, value: str) -> bool:
    """Names and tags: the whole word, or a glob."""
    value = value.upper()
    return fnmatch.fnmatchcase(value, pattern) if _GLOB.search(pattern) else value == pattern


# The handles of a rule, in the order that decides what an ambiguous selector means.
_HANDLES: tuple[Callable[[str, object], bool], ...] = (
    lambda p, rule: _code_like(p, rule.code),
    lambda p, rule: _word_like(p, rule.name),
    lambda p, rule: any(_word_like(p, tag) for tag in rule.tags),
    lambda p, rule: any(_code_like(p, alias) for alias in rule.aliases),
)


class RuleIndex:
    """The rules selectors choose from (a rulebook's, every market's), and the codes each
    selector resolves to (worked out once per selector text)."""

    def __init__(self, rules: Iterable):
        self._rules = list(rules)
        self._codes: dict[str, frozenset[str]] = {}

    def codes(self, selector: Selector) -> frozenset[str]:
        """The codes ``selector`` covers; empty when it covers no rule."""
        found = self._codes.get(selector.key)
        if found is None:
            found = self._codes[selector.key] = self._resolve(selector.key)
        return found

    def covered(self, selectors: Iterable[Selector]) -> frozenset[str]:
        """Every code the selectors cover; a selector that covers none is an error."""
        out: set[str] = set()
        for selector in selectors:
            codes = self.codes(selector)
            if not codes:
                raise SelectorError(selector.origin, f"{selector.text!r} matches no rule{self.hint(selector.text)}")
            out |= codes
        return frozenset(out)

    def named(self, selectors: Iterable[Selector]) -> frozenset[str]:
        """The codes the selectors name one by one: a rule's code, name or former code written
        out whole (what switches on an off-by-default rule; a prefix, glob, tag or ALL does not)."""
        keys = {selector.key for selector in selectors}
        return frozenset(rule.code for rule in self._rules
                         if keys & {rule.code, rule.name.upper(), *rule.aliases})

    def hint(self, text: str) -> str:
        """What to say after "matches no rule": the closest handle of a rule, or where to look."""
        import difflib  # here: only a selector that matches nothing needs it (0.9 ms an import)

        wanted = text.upper()
        # difflib's similarity (as get_close_matches, cutoff 0.6); of equally similar handles, the
        # one that differs in fewest places (DE0O1: DE001, not DE018), then the first in order.
        score, _, best = min((-difflib.SequenceMatcher(None, wanted, handle).ratio(),
                              -sum(a == b for a, b in zip(wanted, handle)), handle) for handle in self._handles)
        if -score < 0.6:
            return " (`loclint rules` lists them)"
        return f"; did you mean {self._handles[best]}?"

    @functools.cached_property
    def _handles(self) -> dict[str, str]:
        """Every word that names rules (codes, their letter prefixes, names, tags, aliases), by
        its comparison form (upper case) and as the rules write it."""
        handles: dict[str, str] = {}
        for rule in self._rules:
            prefix = rule.code.rstrip("0123456789")
            for handle in (rule.code, prefix, rule.name, *rule.tags, *rule.aliases):
                handles.setdefault(handle.upper(), handle)
        return handles

    def _resolve(self, pattern: str) -> frozenset[str]:
        if pattern == ALL:
            return frozenset(rule.code for rule in self._rules)
        for handle in _HANDLES:
            codes = frozenset(rule.code for rule in self._rules if handle(pattern, rule))
            if codes:
                return codes
        return frozenset()


class Selection:
    """What `select` and `ignore` leave switched on: the selected rules (all without a
    `select`) less the ignored ones. Ignoring wins, whatever the order.

    An off-by-default rule (`off_by_default: true`, a note that asks for nothing) runs only
    when a selector names it (RuleIndex.named), as flake8's off-by-default plugin checks and
    ruff's preview rules wait to be asked for: `--select DE,IN003`, `extend-select = ["IN003"]`."""

    def __init__(self, index: RuleIndex, select: Iterable[Selector] = (), ignore: Iterable[Selector] = ()):
        select, ignore = tuple(select), tuple(ignore)
        self.selected = index.covered(select) if select else None  # None: every rule
        self.named = index.named(select)
        self.ignored = index.covered(ignore)

    def matches(self, rule) -> bool:
        if rule.code in self.ignored:
            return False
        if rule.off_by_default:
            return rule.code in self.named
        return self.selected is None or rule.code in self.selected
