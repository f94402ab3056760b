"""Counting letters to decide whether a text is long enough to judge its language.

Vowel signs of Indic scripts are marks, not letters, for str.isalpha: a 78-character Hindi
sentence counted 38 letters and was never judged, so marks count as letters too. The count is
a threshold test, so it stops being exact once it reaches ``enough``: the letters alone settle
most texts (str.isalpha through map, no per-character Python), and marks, which need
unicodedata per character, are counted only when they fall short. No character is both a
letter and a mark, so the two counts add up.
"""
from __future__ import annotations

import unicodedata


def letters(text: str, enough: int) -> int:
    """The letters and marks in ``text``: exact below ``enough``, else some number >= ``enough``."""
    head = text[:enough * 2]  # copy is mostly letters: a long description is settled by its start
    count = sum(map(str.isalpha, head))
    if count < enough and len(text) > len(head):
        count += sum(map(str.isalpha, text[len(head):]))
    if count >= enough or text.isascii():  # ASCII holds no marks
        return count
    return count + sum(1 for c in text if unicodedata.category(c)[0] == "M")
