"""Shared vocabularies: rulesets/vocab/<name>.yml, a list of regular expressions that several
rules use (the products a symbol must not be printed on, for IN001 and IN002).

A rule names one inside any of its regular expressions as ``{vocab:name}``, which stands for the
list as one group, ``(?:door ?mats?|slippers?|…)``: the list is kept in one place, and a rule
may still add its own alternatives around it (``'{vocab:degrading_products}|cushions?'``).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

_REFERENCE = re.compile(r"\{vocab:([^{}]*)\}")


def load_vocabularies(directory: Path, read: Callable[[Path], Any], problems: list[str]) -> dict[str, str]:
    """Vocabulary name (the file's stem) -> its alternatives as one regular expression group."""
    vocabularies = {}
    for path in sorted(directory.glob("*.yml")):
        items = read(path)
        if not isinstance(items, list) or not items or not all(isinstance(i, str) and i for i in items):
            problems.append(f"{path}: expected a list of regular expressions")
            continue
        for item in items:
            try:
                re.compile(item)
            except re.error as exc:
                problems.append(f"{path}: bad regular expression {item!r}: {exc}")
        vocabularies[path.stem] = "(?:" + "|".join(items) + ")"
    return vocabularies


def expand(rule: dict, vocabularies: dict[str, str], where: str, problems: list[str]) -> dict:
    """``rule`` (as read from YAML) with each ``{vocab:name}`` replaced; an unknown name is a
    problem naming the rule (``where``: file and rule) and the key it is written in."""

    def walk(value: Any, key: str) -> Any:
        if isinstance(value, str):
            return _REFERENCE.sub(lambda m: replace(m, key), value)
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
        return vocabularies[name]

    return {key: walk(value, key) for key, value in rule.items()}
