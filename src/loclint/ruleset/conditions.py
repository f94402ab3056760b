"""Conditions on a record: ``when`` (all must hold) and ``unless`` (evidence that silences a rule).

YAML forms, each one target and one test:
  {attribute: country_of_origin, not_in: [DE]}   # not_in/in need the attribute to be present
  {attribute: category, matches: 'lebensmittel|food'}
  {attribute: manufacturer, present: true}        # or missing: true
  {category: 'doormat|fußmatte'}                  # the record's taxonomy (TAXONOMY attributes)
  {category: 'doormat', or_title: true}           # ... or its title, where a title names the type
  {title: '^\\W*(?:capa|película)\\b'}             # the title alone: what the product is
  {text: 'inkl\\. MwSt'}                          # any text field of the record
  {price: present}                                # structured price given

A regular expression matches whole words: no match begins or ends inside a word (text.words),
unless the condition says ``nonword: true`` ("gefrier" then also finds "Gefrierschrank").
"""
from __future__ import annotations

import functools
import re
from typing import Any, Optional, Protocol

import msgspec

from ..text.literals import required_literals
from ..text.lazy_regex import LazyPattern
from ..text.words import WholeWords, compile_words
from .regex_guard import regex_problem


class RecordView(Protocol):
    def attribute(self, name: str) -> Optional[Any]: ...
    def joined_text(self) -> str: ...
    def folded_text(self) -> str: ...  # joined_text() as text.fold.folded gives it
    def title(self) -> str: ...
    def has_price(self) -> bool: ...


# Attributes that place a product in a taxonomy (shop categories, Google's product category,
# breadcrumbs): what a `category` condition reads.
TAXONOMY = ("category", "categories", "product_type", "google_product_category", "breadcrumbs", "breadcrumb")


def taxonomy_text(view: RecordView) -> str:
    parts = []
    for name in TAXONOMY:
        value = view.attribute(name)
        values = value if isinstance(value, list) else [value]
        parts += [str(v) for v in values if isinstance(v, (str, int, float)) and str(v).strip()]
    return "\n".join(parts)


# Every record names its attributes again, with a few dozen names across a feed.
@functools.lru_cache(maxsize=4096)
def normalize_key(name: str) -> str:
    """Attribute keys compare loosely: 'Country of Origin' == 'country_of_origin'."""
    return re.sub(r"[\s\-]+", "_", name.strip()).casefold()


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class Condition(msgspec.Struct, frozen=True):
    target: str  # attribute | category | title | text | price
    name: str
    test: str  # in | not_in | matches | present | missing
    values: tuple[str, ...] = ()
    pattern: Optional[re.Pattern] = None
    # For text conditions: strings one of which every match contains (text.literals), so a
    # record without any of them is answered by substring tests instead of the regex.
    literals: Optional[tuple[str, ...]] = None
    or_title: bool = False  # category conditions: the title counts too
    written: str = ""  # the regular expression as the rule writes it (``pattern`` adds word edges)
    nonword: bool = False

    def holds(self, view: RecordView) -> bool:
        if self.target == "price":
            return view.has_price() == (self.test == "present")
        if self.target == "text":
            if self.literals is not None:
                folded = view.folded_text()
                for literal in self.literals:  # a loop, not any() over a generator: 1.9 -> 1.4 us for six
                    if literal in folded:
                        break
                else:
                    return False
            return bool(self.pattern.search(view.joined_text()))
        if self.target == "title":
            return bool(self.pattern.search(view.title()))
        if self.target == "category":
            if self.pattern.search(taxonomy_text(view)):
                return True
            return self.or_title and bool(self.pattern.search(view.title()))
        value = view.attribute(self.name)
        present = is_present(value)
        if self.test == "present":
            return present
        if self.test == "missing":
            return not present
        if not present:
            return False
        text = str(value).strip().casefold()
        if self.test == "in":
            return text in self.values
        if self.test == "not_in":
            return text not in self.values
        return bool(self.pattern.search(str(value)))


def is_present(value: Any) -> bool:
    """Whether an attribute's value counts as given (``present: true``): not absent or empty."""
    return value not in (None, "", [], {})


def parse_condition(data: Any) -> Condition:
    """Build a Condition from YAML; raise ValueError with a readable reason."""
    if not isinstance(data, dict):
        raise ValueError(f"a condition must be a mapping, not {data!r}")
    nonword = data.get("nonword", False)
    if not isinstance(nonword, bool):
        raise ValueError(f"nonword: must be true or false, not {nonword!r}")
    if "text" in data:
        _only(data, {"text", "nonword"})
        pattern = _regex(data["text"], nonword)
        return Condition("text", "", "matches", pattern=pattern, written=data["text"], nonword=nonword,
                         literals=required_literals([data["text"]], pattern.flags))
    if "category" in data:
        _only(data, {"category", "or_title", "nonword"})
        or_title = data.get("or_title", False)
        if not isinstance(or_title, bool):
            raise ValueError(f"or_title: must be true or false, not {or_title!r}")
        return Condition("category", "category", "matches", pattern=_regex(data["category"], nonword),
                         or_title=or_title, written=data["category"], nonword=nonword)
    if "title" in data:
        _only(data, {"title", "nonword"})
        return Condition("title", "title", "matches", pattern=_regex(data["title"], nonword),
                         written=data["title"], nonword=nonword)
    if "price" in data:
        _only(data, {"price"})
        if data["price"] not in ("present", "missing"):
            raise ValueError("price: must be 'present' or 'missing'")
        return Condition("price", "", data["price"])
    if "attribute" not in data:
        raise ValueError(f"a condition needs one of attribute, category, title, text, price: {data!r}")
    name = normalize_key(str(data["attribute"]))
    tests = set(data) - {"attribute", "nonword"}
    if len(tests) != 1:
        raise ValueError(f"attribute condition needs exactly one of in, not_in, matches, present, missing: {data!r}")
    test = tests.pop()
    value = data[test]
    if test in ("in", "not_in"):
        values = value if isinstance(value, list) else [value]
        return Condition("attribute", name, test, values=tuple(str(v).casefold() for v in values))
    if test == "matches":
        return Condition("attribute", name, test, pattern=_regex(value, nonword), written=value, nonword=nonword)
    if test in ("present", "missing") and value is True:
        return Condition("attribute", name, test)
    raise ValueError(f"unknown attribute test {test!r} (use in, not_in, matches, present: true, missing: true)")


def _only(data: dict, allowed: set) -> None:
    extra = set(data) - allowed
    if extra:
        raise ValueError(f"unexpected key(s) {sorted(extra)} in condition {data!r}")


def _regex(pattern: Any, nonword: bool = False) -> re.Pattern:
    if not isinstance(pattern, str):
        raise ValueError(f"expected a regular expression string, not {pattern!r}")
    problem = regex_problem(pattern)
    if problem:
        raise ValueError(problem)
    return LazyPattern(pattern, re.IGNORECASE, compile_words) if nonword else WholeWords(pattern, re.IGNORECASE)
