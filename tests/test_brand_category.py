"""text.brand reads a category path's last two nodes by str.split on its separator characters
(category_brands), and searches an ASCII text for an ASCII brand without folding it first
(brand_spans): both must give what the regex split of every node and the folded substring test
gave, on the rule examples' records, the fixtures and generated paths."""
import functools
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from loclint.text import brand
from loclint.text.fold import folded

ROOT = Path(__file__).resolve().parent.parent
_NODE_SEPARATOR = re.compile(r"\s*(?:>>|>|›|»)\s*")


def _category_brands_by_regex(category: str, title: str) -> tuple[str, ...]:
    """category_brands as it was: every node split off by a regex and made single-spaced."""
    nodes = [_words(node) for node in _NODE_SEPARATOR.split(category.strip()) if node.strip()]
    title = _words(title)
    if len(nodes) < 2 or nodes[-1].casefold() == title.casefold():
        return ()
    parent, leaf = nodes[-2], nodes[-1]
    if not leaf.casefold().endswith(" " + parent.casefold()):
        return ()
    found = leaf[: -len(parent)].strip()
    return (found,) if title.casefold().startswith(found.casefold() + " ") else ()


def _words(text: str) -> str:
    return " ".join(text.split())


def _brand_spans_folding_first(text: str, brands: tuple[str, ...]) -> list[tuple[int, int]]:
    """brand_spans as it was: the folded substring test before every search."""
    spans = []
    low = folded(text)
    for name in brands:
        words = name.split()
        if words and folded(words[0]) not in low:
            continue
        if words and text.isascii() and name.isascii():
            spans += brand.ascii_spans(text, words)
        else:
            spans += [m.span() for m in brand._brand_regex(name).finditer(text)]
    return spans


_NODE = st.lists(st.sampled_from(["Sale", "Funda", "sale", "FUNDA", "Wrist", "Watches", "Straße", "STRASSE", "ß",
                                  "İz", "iz", "", " ", "  ", "\t", "\x1c", "\u00a0", "-"]), max_size=4).map(" ".join)
_SEPARATOR = st.sampled_from([">>", ">", " >> ", " > ", "›", " » ", "> >", ">>>", "  >  ", "\n>\n"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(_NODE, _SEPARATOR), max_size=5), _NODE, st.sampled_from(["", " ", "\t"]), st.data())
def test_category_brands_equal_the_regex_split_of_every_node(nodes, last, edge, data):
    category = edge + "".join(node + separator for node, separator in nodes) + last + edge
    title = data.draw(st.one_of(_NODE, st.sampled_from(["Sale Funda SF694 Watch", "sale  funda watch",
                                                        "Straße Wrist Watch", last, last + " x"])))
    assert brand.category_brands(category, title) == _category_brands_by_regex(category, title)


_WORD = st.sampled_from(["Sale", "sale", "Funda", "FUNDA", "Wrist", "Watches", "Straße", "STRASSE", "İz", "iz", "ß"])
_SPACES = st.sampled_from([" ", "  ", "\t", " \u00a0"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_WORD, min_size=1, max_size=2), st.lists(_WORD, min_size=1, max_size=2), _SEPARATOR, _SEPARATOR,
       _SPACES, st.sampled_from(["", " Watch", " SF694", "x"]), st.sampled_from([str.lower, str.upper, lambda s: s]))
def test_category_brands_equal_the_regex_split_where_the_leaf_names_a_brand(brand_words, parent_words, first, second,
                                                                              space, rest, case):
    # The leaf is "<brand> <parent>" and the title leads with the brand (in some case and
    # spacing), so the brand is found here, not only refused.
    name, parent = space.join(brand_words), " ".join(parent_words)
    category = f"Home{first}{parent}{second}{name}{space}{parent}"
    title = case(name) + rest
    assert brand.category_brands(category, title) == _category_brands_by_regex(category, title)


@given(st.text(alphabet=">›» ab\tß", max_size=30), st.text(alphabet=" ab\tß", max_size=12))
def test_category_brands_equal_the_regex_split_on_any_text(category, title):
    assert brand.category_brands(category, title) == _category_brands_by_regex(category, title)


def _records() -> list[dict]:
    """Every record the rule examples and the fixtures hold with a category or a brand."""
    from loclint.rulebook import load_rulebook

    found = []
    for rule in load_rulebook().all_rules():
        for example in (*rule.invalid, *rule.valid):
            if example.record:
                found.append({"title": example.text or "", **example.record})
    for path in sorted((ROOT / "fixtures").rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                found.append(json.loads(line))
            except ValueError:
                continue
    return [r for r in found if isinstance(r, dict)]


@functools.lru_cache(maxsize=1)
def _pairs() -> list[tuple[str, str, str]]:
    pairs = []
    for record in _records():
        attributes = record.get("attributes") if isinstance(record.get("attributes"), dict) else {}
        title = record.get("title") if isinstance(record.get("title"), str) else ""
        category = attributes.get("category", record.get("category"))
        texts = [v for v in record.values() if isinstance(v, str)]
        if isinstance(category, str):
            pairs.append((category, title, " ".join(texts)))
    return pairs


def test_the_fixtures_have_category_paths():
    assert len(_pairs()) >= 20


def test_category_brands_on_the_examples_and_fixtures():
    for category, title, _ in _pairs():
        assert brand.category_brands(category, title) == _category_brands_by_regex(category, title), category


def test_brand_spans_on_the_examples_and_fixtures():
    for category, title, text in _pairs():
        names = brand.category_brands(category, title) or tuple(title.split()[:2])
        for name in (names, (" ".join(names),), ("İz",), ("straße",)):
            assert brand.brand_spans(text, name) == _brand_spans_folding_first(text, name)


_PIECE = st.sampled_from(["Sale", "sale", "Funda", "FUNDA", " ", "  ", "\t", "-", "_", "x", "1", "é", "İ", "ß", "ss",
                          "straße", "STRASSE", "Hot Deal"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_PIECE, max_size=12), st.lists(st.lists(_PIECE, min_size=1, max_size=3), min_size=1, max_size=2))
def test_brand_spans_equal_the_folded_test_first(pieces, names):
    text = "".join(pieces)
    brands = tuple("".join(name) for name in names)
    assert brand.brand_spans(text, brands) == _brand_spans_folding_first(text, brands)


@pytest.mark.parametrize("category, title, expected", [
    ("Watches >> Wrist Watches >> Sale Funda Wrist Watches", "Sale Funda SF694 Analog Watch", ("Sale Funda",)),
    ("Home › Mugs › Best Buy Mugs", "Best Buy Ceramic Mug", ("Best Buy",)),
    ("Home » Mugs »  Best  Buy  Mugs »", "Best Buy Ceramic Mug", ("Best Buy",)),
    ("Mugs >> > Best Buy Mugs", "Best Buy Ceramic Mug", ("Best Buy",)),
    (">> Best Buy Mugs", "Best Buy Ceramic Mug", ()),
])
def test_written_category_paths(category, title, expected):
    assert brand.category_brands(category, title) == _category_brands_by_regex(category, title) == expected
