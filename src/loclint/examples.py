"""Turn a rule's YAML examples into records, so examples run as tests and render as docs."""
from __future__ import annotations

import copy
from typing import Any

from .model import Record
from .readers.records import build_record
from .ruleset.rule import Example


def every_rule(rulebook) -> tuple[str, ...]:
    """Selectors that switch on every rule, the off-by-default ones too: a rule's examples run
    (as tests, on its page) whether or not the rule is on by default."""
    return ("ALL", *sorted({rule.code for rule in rulebook.all_rules() if rule.off_by_default}))


def example_record(example: Example, market: str, text: str | None = None) -> Record:
    """A record with the example's text in its field, plus the example's extra keys."""
    obj: dict[str, Any] = copy.deepcopy(example.record)
    obj.setdefault("id", "example")
    obj.setdefault("market", market)
    body = example.text if text is None else text
    if body is not None:
        _place(obj, example.field, body)
    return build_record(obj, path="<example>", line=1, index=1)


def _place(obj: dict, field: str, text: str) -> None:
    if field in ("title", "description"):
        obj[field] = text
    elif field == "bullets":
        obj["bullets"] = [text]
    elif field.startswith("attributes."):
        obj.setdefault("attributes", {})[field.split(".", 1)[1]] = text
    elif field.startswith("price."):
        obj.setdefault("price", {})[field.split(".", 1)[1]] = text
    elif field.startswith("images."):
        key = field.split(".", 1)[1]
        obj["images"] = [{key: [text] if key in ("colors", "tags") else text}]
    else:
        raise ValueError(f"examples cannot place text in field {field!r}")


def field_text(record: Record, field: str) -> str:
    """The text of the example's field, for comparing with ``fixed``."""
    return next(f.text for f in record.fields if f.scope == field)
