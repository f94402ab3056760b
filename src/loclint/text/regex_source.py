"""Reading a regular expression's source as text: its characters outside escapes and classes.

What a character means there depends on where it stands: "{" or "(" inside "[...]" or after a
backslash is a literal, outside them it opens a repeat or a group. text.literals asks which
braces `re` and `regex` read alike; ruleset.vocab finds where a group ends.
"""
from __future__ import annotations

from typing import Iterator


def outside_classes(pattern: str, start: int = 0) -> Iterator[tuple[int, str]]:
    """(index, character) of each character of ``pattern`` from ``start`` that is neither
    escaped, nor an escape's backslash, nor inside a character class (a "]" right after "[" or
    "[^" is a member, not the class's end), nor a class's brackets."""
    index, size = start, len(pattern)
    while index < size:
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index += 1 + pattern.startswith("^", index + 1)
            if pattern.startswith("]", index):
                index += 1
            while index < size and pattern[index] != "]":
                index += 2 if pattern[index] == "\\" else 1
            index += 1
            continue
        yield index, char
        index += 1
