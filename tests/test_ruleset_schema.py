"""schemas/loclint-ruleset.schema.json is generated from the loader's own tables (ruleset/keys.py,
each kind's OPTIONS) and must match them: it is up to date, every shipped ruleset passes it, and
the loader and the schema agree on what a broken rule is. When it is stale:

    python -m loclint.docs            # writes docs/rules/ and schemas/
"""
import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from loclint.docs import SCHEMA, main as docs_main, stale_schema, write_schema
from loclint.kinds import KINDS
from loclint.rulebook import load_rulebook
from loclint.ruleset import RulesetError
from loclint.ruleset.loader import CONTEXTS_DIR, VOCAB_DIR
from loclint.ruleset.schema import ruleset_schema

ROOT = Path(__file__).resolve().parent.parent
# Rule files: rulesets/vocab/ holds shared lists rules name, not rules.
RULESET_FILES = sorted(p for p in (ROOT / "rulesets").glob("*/*.yml") if p.parent.name not in (VOCAB_DIR, CONTEXTS_DIR))
VALIDATOR = jsonschema.Draft202012Validator(ruleset_schema(KINDS),
                                            format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def as_an_editor_sees_it(document):
    """YAML as JSON: dates are strings to a JSON Schema (and to the VS Code YAML extension)."""
    return json.loads(json.dumps(document, default=str))


def test_checked_in_schema_is_up_to_date():
    assert not stale_schema(ROOT / SCHEMA), \
        f"{SCHEMA} is out of date with the loader: run `python -m loclint.docs` and commit it"


def test_the_schema_is_a_valid_draft_2020_12_schema():
    schema = json.loads((ROOT / SCHEMA).read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert set(schema["$defs"]["rule"]["properties"]["kind"]["enum"]) == set(KINDS)


@pytest.mark.parametrize("path", RULESET_FILES, ids=[f"{p.parent.name}/{p.name}" for p in RULESET_FILES])
def test_every_shipped_ruleset_passes_the_schema(path):
    document = as_an_editor_sees_it(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(document)]
    assert errors == []


GOOD = {
    "code": "TEAM001", "name": "team-word", "kind": "terms", "severity": "warning",
    "message": "“{match}” is not our word.", "why": "House style.",
    "source": {"title": "Team style guide", "url": "https://example.org/style", "grade": "K"},
    "triggers": {"en": ["synergy"]},
    "when": [{"attribute": "brand", "present": True}],
    "examples": {"invalid": ["synergy", {"text": "Synergy", "field": "title"}], "valid": ["fine"]},
}
BROKEN = {
    "unknown key": {"colour": "red"},
    "another kind's key": {"pattern": "synergy"},
    "unknown kind": {"kind": "magic"},
    "bad severity": {"severity": "fatal"},
    "bad fix": {"fix": "maybe"},
    "bad grade": {"source": {"title": "T", "url": "https://example.org", "grade": "X"}},
    "source without title": {"source": {"url": "https://example.org", "grade": "K"}},
    "code in lower case": {"code": "team001"},
    "triggers as a list": {"triggers": ["synergy"]},
    "tags as text": {"tags": "claims"},
    "markets with a number": {"markets": [1]},
    "message as a number": {"message": 42},
    "not a date": {"effective_from": "next year"},
    "condition with two tests": {"when": [{"attribute": "brand", "present": True, "missing": True}]},
    "condition of no kind": {"unless": [{"colour": "red"}]},
    "example with an unknown key": {"examples": {"invalid": [{"txt": "synergy"}], "valid": ["fine"]}},
    "example without text or record": {"examples": {"invalid": [{"field": "title"}], "valid": ["fine"]}},
    "examples with another group": {"examples": {"invalid": ["synergy"], "valid": ["fine"], "maybe": ["x"]}},
    "missing source": {"source": None},
    "missing examples": {"examples": None},
    "missing trigger table": {"triggers": None},
}


def _rulebook_with(tmp_path, rule: dict):
    folder = tmp_path / "team"
    folder.mkdir(exist_ok=True)
    (folder / "rules.yml").write_text(yaml.safe_dump({"rules": [rule]}, allow_unicode=True), encoding="utf-8")
    return load_rulebook(extra=(folder,))


def _with(change: dict) -> dict:
    rule = copy.deepcopy(GOOD)
    for key, value in change.items():
        if value is None:
            del rule[key]
        else:
            rule[key] = value
    return rule


def test_loader_and_schema_accept_the_good_rule(tmp_path):
    assert _rulebook_with(tmp_path, GOOD).find("TEAM001") is not None
    assert list(VALIDATOR.iter_errors({"rules": [GOOD]})) == []


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_loader_and_schema_reject_the_same_broken_rule(tmp_path, case):
    rule = _with(BROKEN[case])
    assert list(VALIDATOR.iter_errors(as_an_editor_sees_it({"rules": [rule]}))), f"the schema accepts {case}"
    with pytest.raises(RulesetError):
        _rulebook_with(tmp_path, rule)


@pytest.mark.parametrize("case", ["unknown key", "another kind's key", "bad severity", "missing source"])
def test_an_editor_that_knows_only_draft_7_still_flags_the_mistake(case):
    """The VS Code YAML extension validates draft-7 keywords only (it ignores 2020-12's
    unevaluatedProperties), so unknown keys are caught with draft-7 keywords."""
    draft7 = jsonschema.Draft7Validator(json.loads((ROOT / SCHEMA).read_text(encoding="utf-8")))
    assert list(draft7.iter_errors({"rules": [GOOD]})) == []
    assert list(draft7.iter_errors({"rules": [_with(BROKEN[case])]}))


def test_docs_check_names_a_stale_schema_and_writing_fixes_it(tmp_path, capsys):
    schema = tmp_path / "schemas" / "ruleset.json"
    docs = tmp_path / "rules"
    assert docs_main(["--output", str(docs), "--schema", str(schema)]) == 0
    assert "written" in capsys.readouterr().out
    assert docs_main(["--output", str(docs), "--schema", str(schema), "--check"]) == 0
    schema.write_text("{}\n", encoding="utf-8")
    assert docs_main(["--output", str(docs), "--schema", str(schema), "--check"]) == 1
    assert f"{schema} is out of date" in capsys.readouterr().out
    assert write_schema(schema) is True and write_schema(schema) is False
