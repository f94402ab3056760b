"""A time bound for a team's regular expressions at run time.

The load-time check (regex_guard.py) refuses the nested-quantifier shapes regexploit recognises,
but no check sees every slow expression (a polynomial "(.*a){20}x", backreferences). A team
rule's expressions therefore run on the `regex` module, which takes a timeout and also survives
shapes that hang `re` ("(a|a)*b"); past the timeout the search stops with RegexTimeout, which
the engine reports as an error naming the record and the rule. Built-in rules keep `re`: their
behaviour and speed do not change.
"""
from __future__ import annotations

import re
from typing import Optional, Union

import msgspec

TIMEOUT = 1.0  # seconds for one search (or one field's matches) of one expression


class RegexTimeout(Exception):
    """A team rule's expression ran past TIMEOUT; the message names the rule and its file."""


class BoundedPattern:
    """The part of re.Pattern the kinds use (search, finditer, pattern, flags), on `regex` with
    a timeout. ``flags`` are re's."""

    def __init__(self, source: str, flags: int, owner: str):
        self.pattern = source
        self.flags = flags
        self.owner = owner  # "rule TEAM001 (team/rules.yml:3)"
        import regex  # here, not at the top: only a team's rules need it

        from ..pattern_cache import compile_regex

        self._compiled = compile_regex(source, regex_flags(flags) | regex.VERSION0)  # VERSION0: re's syntax

    def search(self, text: str, pos: int = 0, endpos: Optional[int] = None):
        try:
            return self._compiled.search(text, pos, endpos, timeout=TIMEOUT)
        except TimeoutError:
            raise self._timeout() from None

    def finditer(self, text: str, pos: int = 0, endpos: Optional[int] = None):
        try:
            yield from self._compiled.finditer(text, pos, endpos, timeout=TIMEOUT)
        except TimeoutError:
            raise self._timeout() from None

    def _timeout(self) -> RegexTimeout:
        return RegexTimeout(f"{self.owner}: its regular expression {self.pattern[:60]!r} ran longer than "
                            f"{TIMEOUT:g} s and was stopped")


def regex_flags(flags: int) -> int:
    """re's flags as regex's: most share a value, but re.ASCII is regex.VERSION1."""
    import regex

    return sum(getattr(regex, name) for name in _FLAG_NAMES if flags & getattr(re, name))


_FLAG_NAMES = ("IGNORECASE", "MULTILINE", "DOTALL", "UNICODE", "VERBOSE", "ASCII", "LOCALE")


def compile_for(rule, source: str, flags: int = 0, words: bool = False) -> Union["LazyPattern", BoundedPattern]:
    """``source`` compiled for ``rule``: for a built-in rule on its first use (text.lazy_regex),
    with `re` (with `regex` when ``words`` says it carries text.words edges, which `re` is slow to
    compile); bounded for a team's."""
    from ..text.lazy_regex import LazyPattern
    from ..text.words import compile_words
    from .loader import is_team

    if not is_team(rule):
        return LazyPattern(source, flags, compile_words if words else re.compile)
    return BoundedPattern(source, flags, owner_of(rule))


def compile_whole_words_for(rule, body: str, flags: int = 0) -> Union["WholeWords", BoundedPattern]:
    """``body`` as text.words.whole_words bounds it, compiled for ``rule`` as compile_for does:
    a built-in rule's searches the bare body first (text.words.WholeWords)."""
    from ..text.words import WholeWords, whole_words
    from .loader import is_team

    if not is_team(rule):
        return WholeWords(body, flags)
    return BoundedPattern(whole_words(body), flags, owner_of(rule))


def bounded_conditions(rule, conditions: tuple) -> tuple:
    """``conditions`` (when, unless, any_of) with a team rule's patterns bounded."""
    from .loader import is_team

    if not is_team(rule):
        return conditions
    return tuple(c if c.pattern is None else
                 msgspec.structs.replace(c, pattern=BoundedPattern(c.pattern.pattern, c.pattern.flags, owner_of(rule)))
                 for c in conditions)


def owner_of(rule) -> str:
    return f"rule {rule.code} ({rule.file}:{rule.line})"
