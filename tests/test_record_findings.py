"""Record-level findings (kind `required`) are built from values worked out once per rule
(MarketLinter._record_finding): each must still be exactly the finding the general path makes,
and point at its own record."""
import dataclasses

from loclint.kinds.base import Hit
from loclint.model import Finding
from loclint.readers.records import build_record


def _record(id, line, path="<test>", **attributes):
    return build_record({"id": id, "market": "DE", "title": "Kopfhörer", "attributes": attributes},
                        path=path, line=line, index=line)


def _rule(linter, code="EU007", **changes):
    [rule] = [r for r in linter.market("DE").rules if r.code == code]
    return dataclasses.replace(rule, **changes)


def test_a_record_level_finding_is_the_whole_finding(linter):
    market = linter.market("DE")
    rule = _rule(linter, message="{field} lacks it; {unknown} stays.")
    first = market._finding(_record("a", 3, "one.jsonl"), Hit(rule, None))
    assert first == Finding(
        rule=rule.code, name=rule.name, severity=rule.severity_on(market.day),
        message="record lacks it; {unknown} stays.", path="one.jsonl", record="a", field=None,
        start=None, end=None, line=3, column=1, text="", suggestions=(), source=rule.source,
        market="DE", before="", after="", end_line=0, end_column=0)
    second = market._finding(_record("b", 7, "two.jsonl"), Hit(rule, None))
    assert (second.path, second.record, second.line) == ("two.jsonl", "b", 7)
    assert (first.path, first.record, first.line) == ("one.jsonl", "a", 3)  # not shared
    assert dataclasses.replace(second, path="one.jsonl", record="a", line=3) == first


def test_a_message_naming_an_attribute_is_filled_per_record(linter):
    market = linter.market("DE")
    rule = _rule(linter, message="brand {attr_brand}")
    messages = [market._finding(_record(brand, 1, brand=brand), Hit(rule, None)).message
                for brand in ("Acme", "Beispiel")]
    assert messages == ["brand Acme", "brand Beispiel"]


def test_a_hit_with_values_is_not_memoised(linter):
    market = linter.market("DE")
    rule = _rule(linter, message="needs {what}")
    found = [market._finding(_record("r", 1), Hit(rule, None, vars={"what": what})).message
             for what in ("a manufacturer", "a unit price")]
    assert found == ["needs a manufacturer", "needs a unit price"]
