"""A field that must come with a sibling: an image file without alt text, say.

For every field the rule covers (``fields: [images.file]``), the record must also carry a
non-blank field at the same place with the ``requires`` key (``images[2].file`` needs
``images[2].alt``). The finding points at the field that lacks its companion, so a reader can
jump to the image that needs a description.
"""
from __future__ import annotations

from typing import Iterator

from .base import CompileContext, Hit, Opt, RulesByScope

OPTIONS = {"requires": Opt((str,), required=True)}
MESSAGE_VALUES = ("match", "requires")  # what its findings fill into a message (ruleset/templates.py)
FIELD_SCOPED = True  # hits come only from fields its rules cover (kinds/__init__.py)


def validate(rule) -> list[str]:
    if not rule.options["requires"].isidentifier():
        return [f"key 'requires': expected a field key such as 'alt', not {rule.options['requires']!r}"]
    return []


class CompanionChecker:
    def __init__(self, rules, ctx: CompileContext):
        self.for_scope = RulesByScope(rules)

    def check(self, record_ctx) -> Iterator[Hit]:
        present = {f.path for f in record_ctx.fields if f.text.strip()}
        for field in record_ctx.fields:
            for rule in self.for_scope[field.scope]:
                owner = field.path.rsplit(".", 1)[0] if "." in field.path else ""
                sibling = f"{owner}.{rule.options['requires']}" if owner else rule.options["requires"]
                if sibling not in present:
                    yield Hit(rule, field, 0, len(field.text), vars={"match": field.text, "requires": rule.options["requires"]})


CHECKER = CompanionChecker
