"""Where a field names the record's brand: a trigger word inside the brand ("Sale Funda" watches,
a "Best Choice" toy) is the brand's name, not a claim about the product.

The brand is the record's `brand` attribute or, where the feed has none, what its category path
names: marketplaces such as Flipkart file a brand's products under a leaf "<brand> <parent node>"
("Watches >> Wrist Watches >> Sale Funda Wrist Watches"), and titles lead with the brand. So a
leaf read that way names a brand only when the title starts with it ("Furniture >> Pet Furniture"
over "Lal Pet Products … Pet Bed" is a kind of furniture) and the leaf is not the title itself
("Loafers >> CSBS Sale Perforated front Loafers" is the product, not its brand).
"""
from __future__ import annotations

import functools
import re
from typing import Any, Callable, Optional

from .fold import folded


def record_brands(attribute: Callable[[str], Optional[Any]], title: str) -> tuple[str, ...]:
    """The record's brand names: the `brand` attribute, else those its category path names."""
    brand = attribute("brand")
    if isinstance(brand, str) and brand.strip():
        return (brand.strip(),)
    category = attribute("category")
    return category_brands(category, title) if isinstance(category, str) else ()


def category_brands(category: str, title: str) -> tuple[str, ...]:
    """The brand a category path's leaf names as "<brand> <parent node>", if the title starts with it."""
    parent, leaf = _last_two_nodes(category)
    # Most leaves name the product, not "<brand> <parent>": that test needs no title, so the
    # title is read only for the few that pass it.
    if not leaf or not leaf.casefold().endswith(" " + parent.casefold()):
        return ()
    title = _words(title)
    if leaf.casefold() == title.casefold():
        return ()
    brand = leaf[: -len(parent)].strip()
    return (brand,) if title.casefold().startswith(brand.casefold() + " ") else ()


def _last_two_nodes(category: str) -> tuple[str, str]:
    """The category path's last two nodes that hold a word, each with its spaces made single:
    (parent, leaf), or ("", "") below two. The nodes are separated by ">", ">>", "›" or "»"
    with any spaces around: every one of those characters ends a node, the spaces are made
    single anyway. Split by str.split, and only those two nodes made single: with a regex
    split and every node made single, category_brands took 10.5 ms for the 2,486 paths of the
    real catalogue it reads, now 4.2 (tests/test_brand_category.py compares the two)."""
    if "›" in category or "»" in category:
        category = category.replace("›", ">").replace("»", ">")
    found: list[str] = []
    for node in reversed(category.split(">")):
        if node.strip():
            found.append(_words(node))
            if len(found) == 2:
                return found[1], found[0]
    return "", ""


def _words(text: str) -> str:
    return " ".join(text.split())


def brand_spans(text: str, brands: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where ``text`` names one of ``brands``: whole words, any case, any run of spaces between."""
    spans = []
    low = None
    for brand in brands:
        words = brand.split()
        if words and text.isascii() and brand.isascii():
            # ascii_spans' own search of the lowered text is the substring test below.
            spans += ascii_spans(text, words)
            continue
        # Most fields do not name the brand: a folded substring test (text.fold.folded keeps
        # every case-insensitive match) spares them the regex, and its compile.
        if low is None:
            low = folded(text)
        if words and folded(words[0]) not in low:
            continue
        spans += [m.span() for m in _brand_regex(brand).finditer(text)]
    return spans


def ascii_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """What ``_brand_regex`` of the brand ``words`` finds in ``text``, both ASCII, without
    compiling it: a feed names a brand on a few records each, and the compile (56 us) cost more
    than the search. On ASCII, IGNORECASE is ``lower()``, \\s is ``isspace()`` and \\w is
    ``isalnum()`` or "_"; a word starts with no space, so \\s+ takes every space and never gives
    one back. Leftmost matches, not overlapping, as ``finditer`` gives them
    (tests/test_brand_ascii.py compares the two)."""
    low = text.lower()
    words = [word.lower() for word in words]
    first, size, spans = words[0], len(low), []
    at = low.find(first)
    while at != -1:
        end = -1 if at and _in_word(low[at - 1]) else _words_end(low, at + len(first), words[1:], size)
        if end != -1:
            spans.append((at, end))
            at = low.find(first, end)
        else:
            at = low.find(first, at + 1)
    return spans


def _words_end(low: str, at: int, rest: list[str], size: int) -> int:
    """Where the brand's ``rest`` of words, each after a run of spaces, ends from ``at`` when
    no word character follows it; -1 if it does not stand there."""
    for word in rest:
        start = at
        while at < size and low[at].isspace():
            at += 1
        if at == start or not low.startswith(word, at):
            return -1
        at += len(word)
    return -1 if at < size and _in_word(low[at]) else at


def _in_word(char: str) -> bool:
    return char.isalnum() or char == "_"


# A feed names thousands of brands, each on a few records: compiled through re's own cache
# (512 entries), they pushed out every other pattern there, which then compiled again.
@functools.lru_cache(maxsize=1024)
def _brand_regex(brand: str) -> re.Pattern:
    words = r"\s+".join(re.escape(word) for word in brand.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


def beside(spans: list[tuple[int, int]], start: int, end: int, within: int) -> bool:
    """Whether one of ``spans`` (a brand's, from ``brand_spans``) lies at most ``within``
    characters before ``start`` or after ``end``."""
    return any(s < end + within and e > start - within for s, e in spans)
