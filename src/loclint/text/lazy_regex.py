"""A regular expression compiled on its first use.

A market holds hundreds of rule expressions (patterns, unit names, exceptions, near/not_near
windows, conditions, language names) and a feed meets few of them: most fields never open a
rule's gate key (kinds.gate). Compiling all of them when a market's checkers are built was a
third of a short run; compiling each on its first search costs a run only what it uses.
"""
from __future__ import annotations

import functools
import re
from typing import Callable

# What callers ask a pattern for; once compiled, each is the compiled pattern's own method,
# set on the instance, so a hot loop pays no extra call.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


# Markets share rules (eu's in de, fr, it ...) and two rules may share a vocabulary: one
# compile per source in a process. Compiled patterns are immutable, so sharing them is safe.
@functools.lru_cache(maxsize=2048)
def _compiled(compile: Callable, pattern: str, flags: int):
    if compile is re.compile:  # an expression an earlier run compiled is built from its code
        from ..pattern_cache import compile_re

        return compile_re(pattern, flags)
    return compile(pattern, flags)


def _on_first_use(name: str):
    def method(self, *args, **kwargs):
        return getattr(self.compiled(), name)(*args, **kwargs)

    method.__name__ = name
    return method


class LazyPattern:
    """``pattern`` and ``flags`` as ``compile`` (re.compile, or text.words.compile_words for
    word edges) builds them, built on first use. Reads like the compiled pattern."""

    def __init__(self, pattern: str, flags: int = 0, compile: Callable = re.compile):
        self.pattern, self.flags, self._compile = pattern, flags, compile

    def compiled(self):
        found = self.__dict__.get("_compiled")
        if found is None:
            found = _compiled(self._compile, self.pattern, self.flags)
            self.__dict__.update({"_compiled": found, **{name: getattr(found, name) for name in _METHODS}})
        return found

    search = _on_first_use("search")
    match = _on_first_use("match")
    fullmatch = _on_first_use("fullmatch")
    finditer = _on_first_use("finditer")
    findall = _on_first_use("findall")
    sub = _on_first_use("sub")
    subn = _on_first_use("subn")
    split = _on_first_use("split")

    @property
    def groupindex(self):
        return self.compiled().groupindex

    @property
    def groups(self) -> int:
        return self.compiled().groups

    def __reduce__(self):  # a worker process gets the source, and compiles on its own first use
        return LazyPattern, (self.pattern, self.flags, self._compile)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"
