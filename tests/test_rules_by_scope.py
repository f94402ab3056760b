"""kinds.base.RulesByScope is a dict filled on first use of a scope: read by subscript or by
call, it must give each scope the items whose rule applies to it, in order, every time."""
from loclint.kinds.base import RulesByScope


class _Rule:
    def __init__(self, name, scopes):
        self.name, self.scopes = name, scopes

    def applies_to(self, scope):
        return scope in self.scopes


def test_each_scope_gets_its_rules_in_order():
    rules = [_Rule("a", {"title", "description"}), _Rule("b", {"bullets"}), _Rule("c", {"title"})]
    for_scope = RulesByScope(rules)
    assert not for_scope  # nothing worked out yet; the checkers never test it for truth
    for _ in range(2):
        assert [r.name for r in for_scope["title"]] == ["a", "c"]
        assert [r.name for r in for_scope("description")] == ["a"]
        assert for_scope["price.currency"] == []
    assert set(for_scope) == {"title", "description", "price.currency"}


def test_items_with_their_rule():
    items = [(_Rule("a", {"title"}), 1), (_Rule("b", {"bullets"}), 2)]
    for_scope = RulesByScope(items, lambda item: item[0])
    assert [n for _, n in for_scope["bullets"]] == [2]
    assert for_scope["bullets"] is for_scope("bullets")
