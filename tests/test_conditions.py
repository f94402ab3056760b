"""Record conditions (ruleset/conditions.py): what each target reads."""
import pytest

from loclint.readers.records import build_record
from loclint.ruleset.conditions import parse_condition
from loclint.context import RecordContext
from loclint.kinds.gate import Gate


def view(**obj):
    record = build_record({"id": "t", "market": "BR", **obj}, path="<test>", line=1, index=1)
    return RecordContext(record, None, Gate())


def test_a_title_condition_reads_the_title_only():
    condition = parse_condition({"title": r"^\W*capas?\b"})
    assert condition.holds(view(title="Capa de silicone para Galaxy", description="x"))
    # Not the description, not the category, not a word inside the title.
    assert not condition.holds(view(title="Fone Bluetooth", description="Capa inclusa",
                                     attributes={"category": "Capas"}))
    assert not condition.holds(view(title="Capacete de ciclismo"))
    assert not condition.holds(view(description="Capa de silicone"))


def test_a_title_condition_takes_no_other_key():
    with pytest.raises(ValueError):
        parse_condition({"title": "capa", "text": "x"})


def test_a_rule_applies_by_its_scope_and_its_conditions():
    import dataclasses

    from loclint.rulebook import load_rulebook

    rule = next(r for r in load_rulebook().all_rules() if not r.when and not r.unless)
    copy_rule = dataclasses.replace(rule, scope="copy")
    offer_rule = dataclasses.replace(rule, scope="offer")
    food = parse_condition({"category": "food"})
    fresh = parse_condition({"text": "fresh"})
    when_food = dataclasses.replace(rule, code="T1", when=(food,))
    unless_fresh = dataclasses.replace(rule, code="T2", unless=(fresh,))
    offer_when_food = dataclasses.replace(rule, code="T3", scope="offer", when=(food,))
    for is_offer in (True, False):
        for attributes, text, is_food, is_fresh in ((None, "x", False, False), ({"category": "food"}, "fresh", True, True)):
            ctx = view(description=text, **({"attributes": attributes} if attributes else {}))
            ctx.is_offer = is_offer
            for _ in range(2):  # a second ask answers alike (conditions are kept per record)
                assert ctx.applies(copy_rule)
                assert ctx.applies(offer_rule) is is_offer
                assert ctx.applies(when_food) is is_food
                assert ctx.applies(unless_fresh) is not is_fresh
                assert ctx.applies(offer_when_food) is (is_offer and is_food)
