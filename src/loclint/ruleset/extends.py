"""A rule that matches like another: `extends: DE001`.

Austria and Switzerland forbid the same unproven superlatives and unsourced test seals as
Germany, under their own statutes. Their rules must cite their own law, so they cannot be
Germany's rules loaded in another market; but their trigger lists and the exceptions learnt from
real copy should be kept once. A rule that names another in `extends` takes every key it does
not give itself from that rule, except the keys that say what the rule is and why (its code,
message, reasons, source, dates, examples ...): those it must state. Its `triggers` add to the
base's, language by language, so a market adds its own words ("Österreichs Nr. 1") to the shared
list; its `exceptions` add to the base's too.

Resolved on the rules as read from YAML, before they are parsed, so the parsed rule (and the
shipped trigger forms, the rule page, the gate) sees one ordinary rule.
"""
from __future__ import annotations

from typing import Any

# Keys a rule states for itself: what it is, the law it rests on (and that law's dates), and the
# tests of it.
OWN_KEYS = frozenset({"code", "name", "message", "why", "source", "suggestion", "examples", "aliases",
                      "replaces", "markets", "tags", "off_by_default", "extends", "effective_from", "severity_before"})
# Lists a rule adds to rather than replaces: its own trigger phrases (by language) and its own
# exceptions (the false positives the base learnt stay learnt).
ADDITIVE_KEYS = frozenset({"triggers", "exceptions"})


def resolve(rules: list[tuple[str, Any]], problems: list[str]) -> list[Any]:
    """``rules``: (where, the rule as read) in load order, ``where`` naming file and rule for
    problems. Returns the rules with each `extends` filled in from its base; a base that is
    unknown or itself extends another is a problem naming the rule and the key."""
    by_code = {data["code"]: data for _, data in rules if isinstance(data, dict) and isinstance(data.get("code"), str)}
    resolved = []
    for where, data in rules:
        if not isinstance(data, dict) or "extends" not in data:
            resolved.append(data)
            continue
        base_code = data["extends"]
        base = by_code.get(base_code) if isinstance(base_code, str) else None
        if base is None:
            problems.append(f"{where}: key 'extends': no rule {base_code!r} to extend")
            resolved.append(None)
        elif "extends" in base:
            problems.append(f"{where}: key 'extends': {base_code} itself extends {base['extends']}; "
                            "extend the rule that states the triggers")
            resolved.append(None)
        else:
            resolved.append(merged(base, data))
    return resolved


def merged(base: dict, rule: dict) -> dict:
    """``rule`` with the keys it does not give taken from ``base`` (OWN_KEYS never are), and
    its triggers added to the base's."""
    out = {key: value for key, value in base.items() if key not in OWN_KEYS}
    for key, value in rule.items():
        if key in ADDITIVE_KEYS and isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = list(dict.fromkeys([*out[key], *value]))
        elif key in ADDITIVE_KEYS and isinstance(value, dict) and isinstance(out.get(key), dict):
            combined = {lang: list(phrases) for lang, phrases in out[key].items()}
            for lang, phrases in value.items():
                # A malformed list is left as written, for the kind's check to report.
                combined[lang] = list(dict.fromkeys([*combined.get(lang, []), *phrases])) \
                    if isinstance(phrases, list) else phrases
            out[key] = combined
        else:
            out[key] = value
    return out
