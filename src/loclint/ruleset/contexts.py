"""Named contexts: rulesets/contexts/<name>.yml, a kind of text around a match that makes the match
mean something else ("the best" inside advice to the buyer, an e-mail inside a statutory
declaration block, digits inside a model number).

A rule lists them as ``unless_in: [advice_to_buyer, statutory_declaration]``: a hit that lies
inside a span one of the context's patterns matches is dropped. A context is defined once, with
examples that must and must not be covered, so every rule naming it gets the same, tested
definition instead of a string exception of its own. Patterns may name vocabularies
(``{vocab:consumer_care_contact}``), which is how a context and a ``required`` rule share one
definition (IN009 accepts the consumer-care line MP005 leaves alone).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

import msgspec

from .vocab import expand as expand_vocabularies

_KEYS = {"description", "source", "patterns", "examples"}


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class ContextExample(msgspec.Struct, frozen=True):
    text: str
    span: Optional[str]  # the part that must (not) be covered; None: the whole text (nothing of it)


@dataclass(frozen=True)
class Context:
    name: str
    description: str
    source: str
    patterns: tuple[str, ...]
    covers: tuple[ContextExample, ...] = ()
    not_covers: tuple[ContextExample, ...] = ()

    @property
    def regex(self) -> str:
        return "|".join(f"(?:{p})" for p in self.patterns)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Every span a pattern matches, pattern by pattern: one pattern's short match must not
        hide another's longer one that would contain the hit."""
        return sorted(m.span() for p in self.compiled for m in p.finditer(text) if m.end() > m.start())

    @functools.cached_property
    def compiled(self) -> tuple[re.Pattern, ...]:
        # Built from their code when an earlier run compiled them (pattern_cache): the corpus's
        # 13 context patterns took 11 ms to compile, every run.
        from ..pattern_cache import compile_re

        return tuple(compile_re(p, re.IGNORECASE | re.MULTILINE) for p in self.patterns)


def load_contexts(directory: Path, read: Callable[[Path], Any], vocabularies: dict[str, str],
                  problems: list[str], check: bool = True) -> dict[str, Context]:
    """Context name (the file's stem) -> Context; each problem names the file and the key.
    ``check=False`` skips compiling the patterns (for the shipped contexts the test suite
    checked: ruleset/shipped.py); they compile on first use."""
    contexts = {}
    for path in sorted(directory.glob("*.yml")):
        data = read(path)
        if not isinstance(data, dict):
            problems.append(f"{path}: expected a mapping with description, source, patterns and examples")
            continue
        data = expand_vocabularies(data, vocabularies, str(path), problems)
        context = _parse(path, data, problems, check)
        if context is not None:
            contexts[context.name] = context
    return contexts


def _parse(path: Path, data: dict, problems: list[str], check: bool = True) -> Optional[Context]:
    found: list[str] = []
    unknown = set(data) - _KEYS
    if unknown:
        found.append(f"{path}: unknown key(s) {sorted(unknown)}")
    for key in ("description", "source"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            found.append(f"{path}: key '{key}': required text")
    patterns = data.get("patterns")
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) and p for p in patterns):
        found.append(f"{path}: key 'patterns': expected a list of regular expressions")
        patterns = []
    for pattern in patterns if check else ():
        try:
            re.compile(pattern)
        except re.error as exc:
            found.append(f"{path}: key 'patterns': bad regular expression {pattern!r}: {exc}")
    examples = data.get("examples")
    groups = {}
    if not isinstance(examples, dict) or set(examples) != {"covers", "not_covers"}:
        found.append(f"{path}: key 'examples': expected a mapping with 'covers' and 'not_covers' lists")
    else:
        for group in ("covers", "not_covers"):
            groups[group] = tuple(_example(path, group, item, found) for item in examples[group] or [])
            if not groups[group]:
                found.append(f"{path}: key 'examples': '{group}' needs at least one example")
    problems.extend(found)
    if found:
        return None
    return Context(path.stem, data["description"].strip(), data["source"].strip(), tuple(patterns),
                   groups["covers"], groups["not_covers"])


def _example(path: Path, group: str, item, found: list[str]) -> ContextExample:
    if isinstance(item, str):
        return ContextExample(item, None)
    if isinstance(item, dict) and isinstance(item.get("text"), str) and set(item) <= {"text", "span"}:
        span = item.get("span")
        if span is None or (isinstance(span, str) and span in item["text"]):
            return ContextExample(item["text"], span)
    found.append(f"{path}: key 'examples': {group} example must be text or {{text, span}} with span "
                 f"inside text: {item!r}")
    return ContextExample("", None)


def example_problem(context: Context, example: ContextExample, covered: bool) -> Optional[str]:
    """Why the example does not hold (None when it does): ``covered`` says which group it is in.
    A `not_covers` example with a span holds when no context span contains it (a hit there still
    fires); without one, when the context matches nowhere in the text."""
    spans = context.spans(example.text)
    if example.span is None:
        start, end = 0, len(example.text)
    else:
        start = example.text.index(example.span)
        end = start + len(example.span)
    if covered and not any(s <= start and end <= e for s, e in spans):
        return f"{context.name}: {example.span or example.text!r} is not covered in {example.text!r}"
    if not covered:
        inside = any(s <= start and end <= e for s, e in spans) if example.span is not None else bool(spans)
        if inside:
            return f"{context.name}: {example.span or example.text!r} is covered in {example.text!r} " \
                   f"({[example.text[s:e] for s, e in spans]})"
    return None
