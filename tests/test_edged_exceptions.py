"""An exception or near/not_near window that names a vocabulary carries text.words edges, and
compiles with `regex` as the vocabulary's other uses do (`re` took 50 ms for MP006's): the same
spans on every built-in rule's examples as `re` finds."""
import re

from loclint.kinds.base import compile_patterns
from loclint.rulebook import load_rulebook
from loclint.text.words import carries_edges, compile_words, whole_words

_BOOK = load_rulebook()


def _edged_filters():
    for rule in _BOOK.all_rules():
        lists = [rule.options.get("exceptions") or []]
        lists += [(rule.options.get(key) or {}).get("patterns") or [] for key in ("near", "not_near")]
        for patterns in lists:
            if patterns and carries_edges("|".join(patterns)):
                yield rule, patterns


def test_a_vocabulary_in_an_exception_compiles_with_regex():
    found = list(_edged_filters())
    assert any(rule.code == "MP006" for rule, _ in found)
    for rule, patterns in found:
        assert compile_patterns(patterns, rule)._compile is compile_words, rule.code
    assert compile_patterns([r"\bplain\b"])._compile is re.compile  # no edges: `re` as before
    assert carries_edges(whole_words("x")) and not carries_edges(r"\bx\b")


def test_regex_finds_the_spans_re_finds_on_the_examples():
    for rule, patterns in _edged_filters():
        source = "|".join(f"(?:{p})" for p in patterns)
        by_re, by_regex = re.compile(source, re.IGNORECASE), compile_words(source, re.IGNORECASE)
        texts = [example.text for group in (rule.invalid, rule.valid) for example in group if example.text]
        assert texts, rule.code
        for text in texts:
            assert [m.span() for m in by_regex.finditer(text)] == [m.span() for m in by_re.finditer(text)], (rule.code, text)
