"""Shared vocabularies: rulesets/vocab/<name>.yml, the words for a class of products (furniture,
electrical equipment, food ...) or a list several rules use.

A rule names one inside any of its regular expressions as ``{vocab:name}``, which stands for the
vocabulary as one group: the list is kept in one place, and a rule may still add its own
alternatives around it (``'{vocab:degrading_products}|cushions?'``).

A vocabulary is either a plain list of regular expressions (used as written), or a mapping of
words per language with examples that run as tests::

    about: Furniture, bought by its size.
    words:
      de: [möbel, tisch(?:e|en)?]        # German: a whole word or a compound's head (text.words)
      en: [furniture, tables?]           # other languages: whole words
    not: ['gefrierschr[aä]nke?']          # words that look like the class and are not (at a word's start)
    examples:
      match: ["Möbel > Esstische"]
      no_match: ["Tischtennisball", "Tablet stand"]
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

import msgspec

from ..text.regex_source import outside_classes
from ..text.words import COMPOUNDING, bare_words, compound_head

_REFERENCE = re.compile(r"\{vocab:([^{}]*)\}")
_OPENING = "{vocab:"  # what every reference starts with
_KEYS = {"about", "words", "not", "examples"}


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class Vocabulary(msgspec.Struct, frozen=True):
    name: str
    regex: str  # one group, as ``{vocab:name}`` expands
    match: tuple[str, ...] = ()  # examples it must find
    no_match: tuple[str, ...] = ()  # examples it must not


def load_vocabularies(directory: Path, read: Callable[[Path], Any], problems: list[str],
                      check: bool = True) -> dict[str, Vocabulary]:
    """Vocabulary name (the file's stem) -> the vocabulary. ``check=False`` skips compiling each
    word (for the shipped vocabularies the test suite checked: ruleset/shipped.py)."""
    compiles = _compiles if check else lambda path, items, problems: True
    vocabularies = {}
    for path in sorted(directory.glob("*.yml")):
        data = read(path)
        found = _listed(path, data, problems, compiles) if isinstance(data, list) else \
            _by_language(path, data, problems, compiles)
        if found is not None:
            vocabularies[path.stem] = found
    return vocabularies


def _listed(path: Path, items: list, problems: list[str], compiles) -> Vocabulary | None:
    if not items or not all(isinstance(i, str) and i for i in items):
        problems.append(f"{path}: expected a list of regular expressions")
        return None
    if not compiles(path, items, problems):
        return None
    return Vocabulary(path.stem, "(?:" + "|".join(items) + ")")


def _by_language(path: Path, data: Any, problems: list[str], compiles) -> Vocabulary | None:
    words = data.get("words") if isinstance(data, dict) else None
    if not isinstance(words, dict) or not words:
        problems.append(f"{path}: expected a list of regular expressions, or a mapping with words: {{language: [...]}}")
        return None
    extra = set(data) - _KEYS
    if extra:
        problems.append(f"{path}: unexpected key(s) {sorted(extra)} (a vocabulary has {', '.join(sorted(_KEYS))})")
    branches = []
    for lang, items in words.items():
        if not isinstance(items, list) or not items or not all(isinstance(i, str) and i for i in items):
            problems.append(f"{path}: words: {lang}: expected a list of regular expressions")
            return None
        if not compiles(path, items, problems):
            return None
        alternatives = "|".join(items)
        branches.append(compound_head(alternatives) if lang in COMPOUNDING else bare_words(alternatives))
    regex = "|".join(branches)
    excluded = data.get("not") or []
    if excluded:
        if not isinstance(excluded, list) or not compiles(path, excluded, problems):
            problems.append(f"{path}: not: expected a list of regular expressions")
            return None
        regex = f"(?!{'|'.join(excluded)})(?:{regex})"
    examples = data.get("examples") or {}
    if not isinstance(examples, dict) or set(examples) - {"match", "no_match"} or \
            not all(isinstance(v, list) and all(isinstance(t, str) for t in v) for v in examples.values()):
        problems.append(f"{path}: examples: expected {{match: [texts], no_match: [texts]}}")
        return None
    return Vocabulary(path.stem, f"(?:{regex})", tuple(examples.get("match", ())), tuple(examples.get("no_match", ())))


def _compiles(path: Path, items: list, problems: list[str]) -> bool:
    good = True
    for item in items:
        try:
            re.compile(item)
        except re.error as exc:
            problems.append(f"{path}: bad regular expression {item!r}: {exc}")
            good = False
    return good


def expand(rule: dict, vocabularies: dict[str, Vocabulary], where: str, problems: list[str]) -> dict:
    """``rule`` (as read from YAML) with each ``{vocab:name}`` replaced; an unknown name is a
    problem naming the rule (``where``: file and rule) and the key it is written in."""
    if not _may_refer(rule):
        return dict(rule)

    def walk(value: Any, key: str) -> Any:
        if isinstance(value, str):
            return _REFERENCE.sub(lambda m: replace(m, key), value) if _OPENING in value else value
        if isinstance(value, list):
            return [walk(item, key) for item in value]
        if isinstance(value, dict):
            return {name: walk(item, key) for name, item in value.items()}
        return value

    def replace(match: re.Match, key: str) -> str:
        name = match.group(1)
        if name not in vocabularies:
            known = ", ".join(sorted(vocabularies)) or "none"
            problems.append(f"{where}: key '{key}': unknown vocabulary {name!r} (rulesets/vocab has: {known})")
            return match.group()
        return f"(?:(?#vocab:{name}){vocabularies[name].regex})"

    return {key: walk(value, key) if _may_refer(value) else value for key, value in rule.items()}


def _may_refer(value: Any) -> bool:
    """Whether any string in ``value`` (a rule, or one key's value) may hold a reference. 27 of
    the 140 built-in rules do, mostly in one key; walking the others' strings in Python was 8 of
    the 9 ms expand() took for all of them, where msgspec writes a value out in C (keys and
    strings as they are: only quotes, backslashes and control characters are escaped) for one
    search."""
    try:
        return _OPENING.encode() in msgspec.json.encode(value)
    except (TypeError, msgspec.EncodeError):  # a key or value JSON has no form for: walk it all
        return True


_MARK = re.compile(r"\(\?:\(\?#vocab:([^()]*)\)")


def as_written(regex: str) -> str:
    """``regex`` with each expanded vocabulary (marked by a regex comment) folded back into its
    ``{vocab:name}``: a rule page shows the reference, not hundreds of alternatives."""
    out, pos = [], 0
    for mark in _MARK.finditer(regex):
        if mark.start() < pos:  # inside a vocabulary already folded
            continue
        out.append(regex[pos:mark.start()] + "{vocab:" + mark.group(1) + "}")
        pos = _group_end(regex, mark.start())
    return "".join(out) + regex[pos:]


def _group_end(regex: str, start: int) -> int:
    """The index after the group that opens at ``start`` (escapes and character classes skipped)."""
    depth = 0
    for index, char in outside_classes(regex, start):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(regex)
