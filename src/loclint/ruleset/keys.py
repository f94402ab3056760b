"""The keys every rule has, whatever its kind, declared once.

The loader validates a rule with this table and `ruleset/schema.py` turns the same table into the
JSON Schema editors check rulesets with, so the two cannot drift apart. Each key carries its
JSON Schema fragment (what an editor checks as you type, and the hover text) and a parse function
(what the loader builds from the YAML value: a Severity, a date, conditions ...). A parse function
reports each problem through ``report`` and returns what it could parse; the loader drops a rule
when any key reported one, after collecting every key's problems.

Kind-specific keys (``triggers``, ``pattern``, ``units`` ...) are declared by each kind module's
OPTIONS (kinds/base.py ``Opt``).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable

import msgspec

from ..model import Applicability, Severity, Source
from .conditions import parse_condition
from .rule import SCOPE_GROUPS, Example

Report = Callable[[str], None]

CODE_PATTERN = r"^[A-Z][A-Z0-9]*[0-9]{3}$"
ALIAS_PATTERN = r"^[A-Za-z]+[0-9]{3}$"  # a former code, in any case
SEVERITIES = ("error", "warning", "info")
FIXES = tuple(a.value for a in Applicability)
SOURCE_GRADES = {"L": "statute", "C": "case law", "P": "platform policy", "K": "documented convention",
                 "W": "weak evidence"}

_STRINGS = {"type": "array", "items": {"type": "string"}}
_SCALAR = {"type": ["string", "number", "boolean"]}
_NONWORD = {"type": "boolean", "description": "true: a match may begin or end inside a word (text/words.py); "
                                              "by default it may not."}

# Shared sub-schemas, referenced as {"$ref": "#/$defs/<name>"}.
DEFINITIONS: dict[str, dict] = {
    "condition": {
        "description": "One test on the record (ruleset/conditions.py): an attribute, the category, "
                       "the title, any text, or the price.",
        "oneOf": [
            {"type": "object", "required": ["text"], "additionalProperties": False,
             "properties": {"text": {"type": "string", "description": "A regular expression any text field matches "
                                                                       "(whole words)."},
                            "nonword": _NONWORD}},
            {"type": "object", "required": ["category"], "additionalProperties": False,
             "properties": {"category": {"type": "string",
                                         "description": "A regular expression the record's taxonomy (category, "
                                                        "product_type, google_product_category, breadcrumbs) "
                                                        "matches, in whole words."},
                            "or_title": {"type": "boolean", "description": "The title counts too: for rules "
                                                                          "where a title names the product type."},
                            "nonword": _NONWORD}},
            {"type": "object", "required": ["title"], "additionalProperties": False,
             "properties": {"title": {"type": "string", "description": "A regular expression the title matches, "
                                                                      "in whole words."},
                            "nonword": _NONWORD}},
            {"type": "object", "required": ["price"], "additionalProperties": False,
             "properties": {"price": {"enum": ["present", "missing"]}}},
            {"type": "object", "required": ["attribute"], "additionalProperties": False,
             "properties": {
                 "attribute": {"type": "string", "description": "Attribute name (compared loosely)."},
                 "in": {"anyOf": [_SCALAR, {"type": "array", "items": _SCALAR}]},
                 "not_in": {"anyOf": [_SCALAR, {"type": "array", "items": _SCALAR}]},
                 "matches": {"type": "string"},
                 "nonword": _NONWORD,
                 "present": {"const": True},
                 "missing": {"const": True},
             },
             "oneOf": [{"required": [test]} for test in ("in", "not_in", "matches", "present", "missing")]},
        ],
    },
    "example": {
        "description": "A text (in the rule's first field) or a mapping; it runs as a test.",
        "anyOf": [
            {"type": "string"},
            {"type": "object", "additionalProperties": False,
             "anyOf": [{"required": ["text"]}, {"required": ["record"]}, {"required": ["attributes"]}],
             "properties": {
                 "text": {"type": "string", "description": "The text placed in `field`."},
                 "field": {"type": "string", "description": "Where the text goes (default: the rule's first text field)."},
                 "fixed": {"type": "string", "description": "The text after the rule's fix (invalid examples)."},
                 "count": {"type": "integer", "description": "Exactly this many findings."},
                 "market": {"type": "string", "description": "Lint as this market (default: the first that loads the rule)."},
                 "record": {"type": "object", "description": "Other record keys (attributes, price, images, source)."},
                 "attributes": {"type": "object", "description": "The record's attributes."},
             }},
        ],
    },
}
EXAMPLE_KEYS = frozenset(DEFINITIONS["example"]["anyOf"][1]["properties"])


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class RuleKey(msgspec.Struct, frozen=True):
    name: str
    doc: str
    schema: dict
    parse: Callable[[Any, Report], Any]
    required: bool = False
    default: Any = None


def _typed(kind: type, described: str, convert: Callable = lambda v: v):
    def parse(value, report):
        if not isinstance(value, kind):
            report(f"expected {described}, got {type(value).__name__}")
            return None
        return convert(value)
    return parse


def _strings(convert: Callable[[str], str] = str):
    def parse(value, report):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            report("expected a list of strings")
            return ()
        return tuple(convert(v) for v in value)
    return parse


def _code(value, report):
    if not isinstance(value, str) or not re.fullmatch(CODE_PATTERN, value):
        report("use a market prefix in capitals and three digits, e.g. DE001")
    return str(value)


def _aliases(value, report):
    """Former codes of a renumbered rule, so selectors, suppressions and baselines naming them
    keep working."""
    if not isinstance(value, list) or not all(isinstance(a, str) and re.fullmatch(ALIAS_PATTERN, a) for a in value):
        report("expected a list of former rule codes, e.g. [DE099]")
        return ()
    return tuple(a.upper() for a in value)


def _severity(value, report):
    if value not in SEVERITIES:
        report("expected error, warning or info")
        return None
    return Severity.parse(value)


def _fix(value, report):
    if value not in FIXES:
        report("expected safe, unsafe or display")
        return None
    return Applicability(value)


def _fields(value, report):
    if not isinstance(value, list) or not all(isinstance(f, str) for f in value):
        report("expected a list of field scopes")
        return ()
    return tuple(value)


def _date(value, report):
    if isinstance(value, str):  # quoted in YAML, as the JSON Schema (and an editor) sees it
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    report("expected a date, e.g. 2026-09-27")
    return None


def _source(value, report):
    if not isinstance(value, dict) or not value.get("title"):
        report("expected a mapping with title, url and grade")
        return Source("")
    grade = str(value.get("grade", ""))
    if grade not in SOURCE_GRADES:
        report(f"grade must be one of {sorted(SOURCE_GRADES)} (L statute, C case law, P platform policy, "
               "K convention, W weak)")
    return Source(str(value["title"]).strip(), str(value.get("url", "")), grade)


SCOPES = ("copy", "offer")


def _scope(value, report):
    if value not in SCOPES:
        report("expected copy or offer")
        return "copy"
    return value


def _conditions(value, report):
    if not isinstance(value, list):
        report("expected a list of conditions")
        return ()
    parsed = []
    for item in value:
        try:
            parsed.append(parse_condition(item))
        except ValueError as exc:
            report(str(exc))
    return tuple(parsed)


def _examples(value, report):
    """(invalid, valid), each example as Example's keyword arguments: one that names no field
    gets it from the rule's fields, another key (`examples_in`)."""
    if not isinstance(value, dict):
        report("expected a mapping with 'invalid' and 'valid' lists")
        return (), ()
    groups = []
    for group in ("invalid", "valid"):
        items = value.get(group) or []
        groups.append(tuple(e for e in (_example(item, group, report) for item in items) if e is not None))
    if not value.keys() <= {"invalid", "valid"}:
        report(f"unknown key(s) {sorted(set(value) - {'invalid', 'valid'})}")
    return tuple(groups)


def _example(item, group: str, report):
    if isinstance(item, str):  # most examples (987 of the built-in 1,701): a text alone
        return {"text": item, "field": None, "record": {}, "fixed": None, "count": None, "market": None}
    if not isinstance(item, dict):
        report(f"{group} example must be text or a mapping: {item!r}")
        return None
    if not item.keys() <= EXAMPLE_KEYS:
        report(f"unknown example key(s) {sorted(set(item) - EXAMPLE_KEYS)}")
        return None
    record = dict(item.get("record") or {})
    if "attributes" in item:
        record["attributes"] = item["attributes"]
    if item.get("text") is None and not record:
        report(f"{group} example needs text or record")
        return None
    return {"text": item.get("text"), "field": item.get("field"), "record": record, "fixed": item.get("fixed"),
            "count": item.get("count"), "market": item.get("market")}


class UnbuiltExamples:
    """A checked built-in rule's `examples` as read, built into Example objects when Rule.invalid
    or Rule.valid is first read (rule.Examples). The test suite checked them (ruleset/shipped.py):
    a problem here means the shipped form is not what it claims, and is raised, not dropped."""

    def __init__(self, value, fields):
        self.value, self.fields, self._built = value, fields, None

    def groups(self) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
        if self._built is None:
            problems: list[str] = []
            invalid, valid = _examples(self.value, problems.append)
            if problems:
                raise ValueError(f"examples of a checked rule: {'; '.join(problems)}")
            self._built = examples_in(invalid, self.fields), examples_in(valid, self.fields)
        return self._built


def default_field(fields) -> str:
    """The field an example's text goes into when it names none."""
    concrete = []
    for scope in fields:
        concrete.extend(SCOPE_GROUPS.get(scope, (scope,)))
    if "description" in concrete:
        return "description"
    return next((s for s in concrete if s not in ("all", "attributes", "images", "price")), "description")


def examples_in(group: tuple[dict, ...], fields) -> tuple[Example, ...]:
    default = default_field(fields)
    return tuple(Example(example["text"], example["field"] or default, example["record"], example["fixed"],
                         example["count"], example["market"]) for example in group)


_TEXT = {"type": "string"}
_SEVERITY = {"enum": list(SEVERITIES)}
_CONDITIONS = {"type": "array", "items": {"$ref": "#/$defs/condition"}}

# In the order problems are reported and keys are documented.
RULE_KEYS: tuple[RuleKey, ...] = (
    RuleKey("code", "Market prefix in capitals and three digits, e.g. DE001.",
            {"type": "string", "pattern": CODE_PATTERN}, _code, required=True),
    RuleKey("name", "The pattern the rule flags, in kebab-case (reads as “allow <name>”).",
            _TEXT, _typed(str, "a string"), required=True),
    RuleKey("kind", "How the rule matches; decides which other keys it takes.", {"type": "string"},
            _typed(str, "a string"), required=True),  # the loader looks the kind up itself
    RuleKey("severity", "error = legal risk, warning = cultural or commercial risk, info = style.",
            _SEVERITY, _severity, required=True),
    RuleKey("fields", "Field scopes the rule reads: text (title, bullets, description), copy, all, title, "
            "attributes.NAME, images.alt ...", _STRINGS, _fields, default=("text",)),
    RuleKey("message", "The finding's message; {match}, {replacement}, {field}, {attr_NAME} and the kind's "
            "values are filled in.", _TEXT, _typed(str, "a string", str.strip), required=True),
    RuleKey("why", "Why it matters in this market, for the rule page.", _TEXT,
            _typed(str, "a string", str.strip), required=True),
    RuleKey("source", "The law, case, policy or convention behind the rule, graded L (statute), C (case law), "
            "P (platform policy), K (convention) or W (weak evidence).",
            {"type": "object", "required": ["title", "grade"],
             "properties": {"title": {"type": "string", "minLength": 1}, "url": {"type": "string"},
                            "grade": {"enum": sorted(SOURCE_GRADES)}}},
            _source, required=True),
    RuleKey("fix", "How safe the rewrite is: safe (keeps the claim), unsafe (changes it), display (advice only).",
            {"enum": list(FIXES)}, _fix),
    RuleKey("suggestion", "Advice in words, shown when no rewrite can be computed.", _TEXT,
            _typed(str, "a string", str.strip), default=""),
    RuleKey("effective_from", "The date the rule comes into force (YYYY-MM-DD).",
            {"type": "string", "format": "date"}, _date),
    RuleKey("severity_before", "The severity before effective_from (none: not checked before).", _SEVERITY,
            _severity),
    RuleKey("when", "Conditions that must all hold for the rule to apply.", _CONDITIONS, _conditions, default=()),
    RuleKey("unless", "Evidence that silences the rule (any condition holding).", _CONDITIONS, _conditions,
            default=()),
    RuleKey("unless_in", "Named contexts (rulesets/contexts: advice_to_buyer, statutory_declaration, model_number, "
            "postal_address ...): a match inside one is not flagged. For the kinds that flag a span (terms, pattern).",
            {"type": "array", "items": {"type": "string", "pattern": r"^[a-z][a-z0-9_]*$"}}, _strings(), default=()),
    RuleKey("tags", "Selectable names for groups of rules (--select claims).", _STRINGS, _strings(), default=()),
    RuleKey("markets", "Only these of the markets that load the ruleset (ISO 3166 codes).", _STRINGS,
            _strings(str.upper), default=()),
    RuleKey("scope", "What the rule judges: copy (any record's wording, the default) or offer (what an offer for "
            "sale must disclose: only records with a price, or every record where the configuration says "
            "`offers = \"all\"`).", {"enum": list(SCOPES)}, _scope, default="copy"),
    RuleKey("replaces", "Codes this rule stands in for where both apply.", _STRINGS, _strings(str.upper),
            default=()),
    RuleKey("off_by_default", "The rule runs only when a selector names it by code, name or former code "
            "(`--select IN003`, `extend-select`); a prefix, glob, tag or ALL does not switch it on. For notes "
            "that ask for nothing, such as a claim kept visible with its weak evidence.",
            {"type": "boolean"}, _typed(bool, "true or false"), default=False),
    RuleKey("aliases", "Former codes of a renumbered rule: selectors, suppressions and baselines naming them "
            "still work.", {"type": "array", "items": {"type": "string", "pattern": ALIAS_PATTERN}},
            _aliases, default=()),
    RuleKey("extends", "The code of a rule to match like (ruleset/extends.py): every key this rule does not give "
            "is taken from it, except what the rule is and rests on (code, name, message, why, source, suggestion, "
            "dates, examples ...); its `triggers` and `exceptions` add to the base's. For the same prohibition under "
            "another market's law.",
            {"type": "string", "pattern": CODE_PATTERN}, _typed(str, "a rule code"), default=""),
    RuleKey("examples", "Texts the rule must flag (invalid, with `fixed` when it rewrites) and must not flag "
            "(valid); they run as tests and fill the rule page.",
            {"type": "object", "additionalProperties": False,
             "properties": {group: {"type": "array", "items": {"$ref": "#/$defs/example"}}
                            for group in ("invalid", "valid")}},
            _examples, required=True),
)
RULE_KEYS_BY_NAME = {key.name: key for key in RULE_KEYS}
