"""What every rule must carry (a source with a grade and a URL, examples both ways, a unique
code, a severity, a message whose placeholders all resolve) and how markets compose rulesets."""
import re
import string
from collections import Counter
from pathlib import Path

import pytest
import yaml

from loclint.examples import example_record
from loclint.model import Severity
from loclint.rulebook import load_rulebook
from loclint.ruleset.loader import CONTEXTS_DIR, VOCAB_DIR

ROOT = Path(__file__).resolve().parent.parent
RULESETS = ROOT / "rulesets"

_BOOK = load_rulebook()
RULES = _BOOK.all_rules()
GRADES = {"L", "C", "P", "K", "W"}


def by_code(rules):
    return pytest.mark.parametrize("rule", rules, ids=[r.code for r in rules])


def test_there_are_rules_in_every_ruleset_directory(rulebook):
    directories = {p.name for p in RULESETS.iterdir() if p.is_dir()} - {VOCAB_DIR, CONTEXTS_DIR}  # shared lists and contexts, no rules
    assert set(rulebook.rules) == directories
    assert len(rulebook.all_rules()) == len(RULES) >= 60


def test_codes_are_unique_and_well_formed(rulebook):
    codes = [r.code for r in rulebook.all_rules()]
    assert [c for c, n in Counter(codes).items() if n > 1] == []
    assert [c for c in codes if not re.fullmatch(r"[A-Z]{2,4}\d{3}", c)] == []


def test_a_ruleset_uses_one_code_prefix(rulebook):
    prefixes = {name: {re.match(r"[A-Z]+", r.code).group() for r in rules} for name, rules in rulebook.rules.items()}
    assert {name: len(p) for name, p in prefixes.items()} == {name: 1 for name in prefixes}
    # and no two rulesets share a prefix, so --select DE means one ruleset
    assert len({p for ps in prefixes.values() for p in ps}) == len(prefixes)


def test_rule_names_are_unique_within_each_market(rulebook):
    for market in rulebook.markets:
        names = Counter(r.name for r in rulebook.rules_for(market))
        assert [n for n, k in names.items() if k > 1] == [], market


@by_code(RULES)
def test_rule_has_a_graded_source_with_a_url(rule):
    assert rule.source.title.strip(), rule.code
    assert rule.source.grade in GRADES, rule.code
    # Only a convention (grade K) could do without a URL; every rule has one today.
    assert rule.source.url.startswith("https://"), f"{rule.code}: {rule.source.url!r}"
    assert " " not in rule.source.url


@by_code(RULES)
def test_rule_has_severity_why_and_examples_both_ways(rule):
    assert isinstance(rule.severity, Severity) and str(rule.severity) in {"error", "warning", "info"}
    assert rule.name and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule.name), rule.name
    assert rule.why.strip() and rule.message.strip()
    assert len(rule.invalid) >= 1, f"{rule.code} needs an example that fires"
    assert len(rule.valid) >= 1, f"{rule.code} needs an example that must stay quiet"


@by_code([r for r in RULES if r.effective_from or r.severity_before])
def test_date_aware_rules_name_both_the_date_and_the_earlier_severity(rule):
    assert rule.effective_from is not None
    if rule.severity_before is not None:
        assert rule.severity_before < rule.severity
        assert rule.severity_on(rule.effective_from) is rule.severity


def test_rule_cross_references_resolve(rulebook):
    codes = {r.code for r in rulebook.all_rules()}
    for rule in rulebook.all_rules():
        assert set(rule.replaces) <= codes, rule.code
        assert set(rule.markets) <= set(rulebook.markets), rule.code
        # every rule is in force somewhere
        assert any(rule in rulebook.rules_for(m) for m in rulebook.markets), rule.code


@by_code(RULES)
def test_message_placeholders_are_simple_names(rule):
    names = [name for _, name, _, _ in string.Formatter().parse(rule.message) if name is not None]
    assert all(re.fullmatch(r"[a-z_]+", n) for n in names), (rule.code, names)


@by_code(RULES)
def test_message_placeholders_resolve_on_the_invalid_examples(rule, every_rule_linter):
    linter = every_rule_linter  # the off-by-default rules' messages too
    names = {name for _, name, _, _ in string.Formatter().parse(rule.message) if name}
    findings = []
    for example in rule.invalid:
        market = example.market or _BOOK.example_market(rule)
        record = example_record(example, market)
        findings += [f for f in linter.market(market).lint(record) if f.rule == rule.code]
    assert findings, f"{rule.code}: no invalid example fires"
    for f in findings:
        assert "{" not in f.message and "}" not in f.message, f"{rule.code}: {f.message}"
        assert not any(f"{{{n}}}" in f.message for n in names)
        assert f.message != rule.message or not names


# --- markets --------------------------------------------------------------------------------

MARKETS = yaml.safe_load((RULESETS / "markets.yml").read_text(encoding="utf-8"))["markets"]


def test_markets_compose_only_existing_rulesets():
    directories = {p.name for p in RULESETS.iterdir() if p.is_dir() and list(p.glob("*.yml"))}
    for code, market in MARKETS.items():
        assert market["rulesets"], code
        assert set(market["rulesets"]) <= directories, (code, set(market["rulesets"]) - directories)
        assert len(set(market["rulesets"])) == len(market["rulesets"]), code


def test_markets_loaded_as_written(rulebook):
    assert set(rulebook.markets) == set(MARKETS)
    for code, market in MARKETS.items():
        assert rulebook.market(code).rulesets == tuple(market["rulesets"])
        assert market["currency"] in rulebook.data["currencies"], code
        assert re.fullmatch(r"[a-z]{2}-[A-Z]{2}", market["locale"]) and market["locale"].endswith(code)


def test_switzerland_is_outside_the_eu(rulebook):
    assert "eu" not in MARKETS["CH"]["rulesets"]
    assert not [r.code for r in rulebook.rules_for("CH") if r.ruleset == "eu"]
    assert "eu" in MARKETS["DE"]["rulesets"]


def test_every_market_composes_the_locale_rules():
    assert [code for code, m in MARKETS.items() if "locale" not in m["rulesets"]] == []


def test_a_note_on_weak_evidence_is_off_by_default():
    # An info finding graded W asks for nothing a reviewer would act on: it runs only when a
    # team selects it by name (README, Off-by-default rules). A W rule that asks for a change
    # (a warning with a rewrite, GCC006) stays on.
    notes = [r.code for r in RULES if r.source.grade == "W" and r.severity == Severity.INFO]
    assert notes and [code for code in notes if not _BOOK.find(code).off_by_default] == []


@by_code([r for r in RULES if r.scope == "offer"])
def test_an_offer_rules_quiet_examples_are_offers(rule):
    # An offer rule judges only records with a price, so a quiet example without one shows the
    # scope, not the rule's own test: one such example is enough, the rest must carry a price.
    copy_only = [e.record.get("title") for e in rule.valid if not (e.record or {}).get("price")]
    assert len(copy_only) <= 1, f"{rule.code}: quiet examples without a price test nothing: {copy_only}"


def test_no_trigger_phrase_was_split_at_a_decimal_comma(rulebook):
    """In a YAML flow list `[tötet 99,9 %]` is two phrases, "tötet 99" and "9 %": quote them."""
    for rule in rulebook.all_rules():
        for lang, phrases in (rule.options.get("triggers") or {}).items():
            for before, after in zip(phrases, phrases[1:]):
                assert not (re.search(r"\d$", before) and re.match(r"\d", after)), \
                    f"{rule.code} {lang}: {before!r}, {after!r} look like one phrase split at its comma: quote it"
