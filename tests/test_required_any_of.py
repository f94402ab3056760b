"""The required kind's shortcuts (kinds/required.py) give the answer of the plain reading: a rule
that judges the record (RecordContext.applies) is reported when none of its ``any_of``
conditions holds, each asked in its written order (Condition.holds)."""
import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from loclint.context import RecordContext
from loclint.kinds.required import RequiredChecker, _any_of
from loclint.readers.records import build_record
from loclint.ruleset.conditions import is_present, parse_condition

MARKETS = ("IN", "DE", "BR", "FR", "GB")


def _checker(market):
    return next(c for c in market.checkers if isinstance(c, RequiredChecker))


def _context(market, obj: dict) -> RecordContext:
    record = build_record({"id": "t", **obj}, path="<test>", line=1, index=1)
    ctx = RecordContext(record, market.detect, market.gate)
    ctx.is_offer = ctx.has_price()  # engine.OFFERS' default: a record with a price
    return ctx


def _plainly_missing(market, obj: dict) -> list[str]:
    ctx = _context(market, obj)
    return [rule.code for rule, _ in _checker(market).compiled
            if ctx.applies(rule) and not any(parse_condition(c).holds(ctx) for c in rule.options["any_of"])]


def _reported(market, obj: dict) -> list[str]:
    if obj.get("partial"):
        return []
    return [hit.rule.code for hit in _checker(market).check(_context(market, obj))]


def test_the_rule_examples_are_answered_as_the_plain_reading(linter):
    asked = 0
    for code in MARKETS:
        market = linter.market(code)
        for rule, _ in _checker(market).compiled:
            for example in (*rule.invalid, *rule.valid):
                if example.record is None:
                    continue
                obj = {"market": code, **example.record}
                assert _reported(market, obj) == _plainly_missing(market, obj), (rule.code, obj)
                asked += 1
    assert asked > 50


# Attribute names the built-in rules ask about, as feeds spell them, and some they do not.
_NAMES = ("mrp", "MRP", "Maximum Retail Price", "country_of_origin", "Country of Origin", "made-in",
          "net_quantity", "Net Qty", "quantity", "weight", "pack_of", "manufacturer", "Importer Details",
          "customer_care", "Consumer Care Details", "weee_reg_no", "WEEE", "anatel", "colour", "brand")
_VALUES = st.sampled_from([None, "", " ", [], {}, [""], {"a": 1}, 0, 0.0, False, True, "India", "500 g", ["x"]])
_PHRASES = ("incl. of all taxes", "inclusive of all taxes", "Country of Origin: India", "made in India",
            "Made in Polyester", "Net Qty: 500 g", "250 ml", "pack of 3", "Manufactured by ACME, Pune",
            "Importer: X", "customer care: 1800 123 4567", "toll free", "WEEE-Reg.-Nr. DE 12345678",
            "Hersteller: ACME GmbH, Berlin", "sales package: 1 bottle", "2 pcs", "Steel bottle", "\n")


@st.composite
def _records(draw):
    obj = {"market": draw(st.sampled_from(MARKETS)),
           "title": " ".join(draw(st.lists(st.sampled_from(_PHRASES), max_size=2))) or "Steel bottle",
           "description": " ".join(draw(st.lists(st.sampled_from(_PHRASES), max_size=4))),
           "attributes": draw(st.dictionaries(st.sampled_from(_NAMES), _VALUES, max_size=6))}
    if draw(st.booleans()):
        obj["price"] = {"amount": 499, "currency": "INR"}
    return obj


@settings(max_examples=400, deadline=None)
@given(obj=_records())
def test_generated_records_are_answered_as_the_plain_reading(linter, obj):
    market = linter.market(obj["market"])
    assert _reported(market, obj) == _plainly_missing(market, obj)


@settings(max_examples=200, deadline=None)
@given(attributes=st.dictionaries(st.sampled_from(_NAMES), _VALUES, max_size=8))
def test_present_attributes_are_those_a_present_condition_finds(linter, attributes):
    ctx = _context(linter.market("IN"), {"market": "IN", "title": "t", "attributes": attributes})
    present = ctx.present_attributes()
    for name in attributes:
        condition = parse_condition({"attribute": name, "present": True})
        assert (condition.name in present) == condition.holds(ctx) == is_present(ctx.attribute(condition.name))


def test_a_team_rule_asks_its_conditions_in_their_written_order(linter):
    """A team's regex may stop with RegexTimeout (ruleset.bounded): an attribute written after it
    must not skip it."""
    rule = next(r for r, _ in _checker(linter.market("IN")).compiled if r.code == "IN007")
    team = dataclasses.replace(rule, ruleset="extra1:team")
    present, conditions = _any_of(team)
    assert present == frozenset()
    assert [c.written or c.name for c in conditions] == \
        [parse_condition(c).written or parse_condition(c).name for c in rule.options["any_of"]]
    built_in_present, rest = _any_of(rule)
    assert "net_quantity" in built_in_present and all(c.target != "attribute" or c.test != "present" for c in rest)


def test_a_copy_rule_judges_records_that_are_no_offer(tmp_path):
    """Records without a price skip the offer rules only (RequiredChecker.for_non_offers)."""
    from conftest import TODAY

    from loclint.engine import Linter
    from loclint.rulebook import load_rulebook

    team = tmp_path / "team"
    team.mkdir()
    (team / "rules.yml").write_text(
        "rules:\n"
        "  - code: TM001\n    name: x\n    kind: required\n    scope: copy\n    severity: info\n"
        "    fields: [all]\n    message: m\n    why: w\n    source: {title: t, grade: K}\n"
        "    any_of: [{attribute: care, present: true}, {text: 'hand wash'}]\n"
        "    examples: {invalid: [], valid: []}\n", encoding="utf-8")
    market = Linter(load_rulebook(extra=(team,)), day=TODAY).market("IN")
    for obj in ({"title": "Shirt"}, {"title": "Shirt", "attributes": {"care": "cold"}},
                {"title": "Shirt, hand wash"}, {"title": "Shirt", "price": {"amount": 1, "currency": "INR"}}):
        obj = {"market": "IN", **obj}
        assert _reported(market, obj) == _plainly_missing(market, obj)
    assert _reported(market, {"market": "IN", "title": "Shirt"}) == ["TM001"]
