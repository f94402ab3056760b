"""Rule expressions compile on their first use (text.lazy_regex): building a market compiles
none of them, and a lazily compiled expression finds what the compiled one finds."""
import pickle
import re

from conftest import TODAY

from loclint.engine import Linter
from loclint.kinds.pattern import PatternChecker
from loclint.readers.records import build_record
from loclint.text.lazy_regex import LazyPattern
from loclint.text.words import compile_words, whole_words


def test_a_lazy_pattern_compiles_on_first_use_and_matches_as_compiled():
    lazy = LazyPattern(r"(?P<n>\d+) ?cm", re.IGNORECASE)
    assert "_compiled" not in vars(lazy)
    text = "30 CM x 40cm"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in re.finditer(lazy.pattern, text, re.I)]
    assert "_compiled" in vars(lazy)
    assert lazy.search(text).group("n") == "30" and lazy.sub("x", text) == "x x x"
    assert lazy.groupindex == {"n": 1} and lazy.groups == 1


def test_a_lazy_pattern_takes_its_compiler_and_survives_pickling():
    lazy = LazyPattern(whole_words("tisch"), re.IGNORECASE, compile_words)
    assert lazy.search("Esstisch") is None and lazy.search("ein Tisch").span() == (4, 9)
    copy = pickle.loads(pickle.dumps(lazy))
    assert "_compiled" not in vars(copy)  # the source travels, the compiled pattern does not
    assert copy.search("ein Tisch").span() == (4, 9)


def _pattern_regexes(market):
    return [regex for checker in market.checkers if isinstance(checker, PatternChecker)
            for _, regex, *_ in checker.compiled]


def _compiled(regex) -> bool:
    """Whether the rule's expression compiled; a word-edged one (text.words.WholeWords) first
    compiles its bare body."""
    return "_compiled" in vars(getattr(regex, "_bare", regex))


def test_building_a_market_compiles_no_rule_expression_and_linting_compiles_what_it_uses():
    market = Linter(day=TODAY).market("DE")
    regexes = _pattern_regexes(market)
    assert regexes and not any(_compiled(r) for r in regexes)
    record = build_record({"id": "r", "market": "DE", "title": "Leave a 5 star review!!!"},
                          path="<test>", line=1, index=1)
    findings = market.lint(record)
    assert findings
    compiled = [r for r in regexes if _compiled(r)]
    # Only the rules whose gate key the title opens were compiled.
    assert 0 < len(compiled) < len(regexes)


def test_one_source_compiles_once_in_a_process():
    first, second = LazyPattern(r"\bsame source\b", re.IGNORECASE), LazyPattern(r"\bsame source\b", re.IGNORECASE)
    assert first.compiled() is second.compiled()
    assert LazyPattern(r"\bsame source\b").compiled() is not first.compiled()  # other flags


def _rule_regex(market, code):
    return next(regex for checker in market.checkers if isinstance(checker, PatternChecker)
                for rule, regex, *_ in checker.compiled if rule.code == code)


def test_a_rule_whose_conditions_fail_is_not_searched_nor_compiled():
    # EU012 (pet food claiming to cure) has a long pattern behind a pet-food condition: a
    # cream's "heilt" opens its gate key, but the record is no pet food, so the engine would
    # drop any hit; the pattern kind asks first and never compiles the expression.
    market = Linter(day=TODAY).market("DE")
    eu012 = _rule_regex(market, "EU012")
    cream = build_record({"id": "c", "market": "DE", "title": "Hautcreme heilt Allergien",
                          "category": "Kosmetik"}, path="<test>", line=1, index=1)
    assert "EU012" not in {f.rule for f in market.lint(cream)}
    assert not _compiled(eu012)
    food = build_record({"id": "f", "market": "DE", "title": "Katzenfutter heilt Allergien",
                         "category": "Katzenfutter"}, path="<test>", line=2, index=2)
    assert "EU012" in {f.rule for f in market.lint(food)}
    assert _compiled(eu012)
