"""The rule reference in docs/rules/ is generated from the rulesets and must match them: a page
per rule, the text `loclint rule CODE` prints, and an index. When a rule changes (other work
adds rules all the time), regenerate and commit:

    python -m loclint.docs            # writes docs/rules/ and schemas/

A page shows the message the rule's first must-fire example really gets, what the rule matches,
the examples as Don't / Do and where the rule's YAML is (rule_page.py, rule_matches.py).
"""
import dataclasses
import re
from pathlib import Path

import pytest
from conftest import runner

from loclint.cli import main
from loclint.docs import main as docs_main, reference, stale_reference, write_reference, write_schema
from loclint.rule_page import ExampleLinter, defined_in, rule_page

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "rules"
REGENERATE = "docs/rules/ is out of date with rulesets/: run `python -m loclint.docs` and commit docs/rules/"


def test_checked_in_reference_matches_the_rulesets(rulebook, tmp_path):
    write_reference(rulebook, tmp_path)
    generated = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.md")}
    checked_in = {p.name: p.read_text(encoding="utf-8") for p in DOCS.glob("*.md")}
    missing, extra = sorted(set(generated) - set(checked_in)), sorted(set(checked_in) - set(generated))
    assert not missing and not extra, f"{REGENERATE} (missing: {missing}, left over: {extra})"
    differ = sorted(name for name in generated if generated[name] != checked_in[name])
    assert not differ, f"{REGENERATE} (changed: {differ})"


def test_every_rule_has_a_page_equal_to_loclint_rule(rulebook):
    pages = reference(rulebook)
    codes = {rule.code for rule in rulebook.all_rules()}
    assert set(pages) == {f"{code}.md" for code in codes} | {"README.md"}
    for code in ("DE002", "MET001", sorted(codes)[-1]):
        shown = runner().invoke(main, ["rule", code]).stdout
        assert shown == pages[f"{code}.md"]
    index = pages["README.md"]
    assert all(f"[{code}]({code}.md)" in index for code in codes)
    assert "python -m loclint.docs" in index


def test_check_mode_names_stale_pages_and_writing_removes_left_overs(rulebook, tmp_path, capsys):
    schema = tmp_path / "schema" / "ruleset.json"
    write_reference(rulebook, tmp_path)
    write_schema(schema)
    assert stale_reference(rulebook, tmp_path) == []
    (tmp_path / "DE001.md").write_text("edited by hand\n", encoding="utf-8")
    (tmp_path / "XX999.md").write_text("a rule that is gone\n", encoding="utf-8")
    assert docs_main(["--output", str(tmp_path), "--schema", str(schema), "--check"]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path}/DE001.md is out of date" in out and f"{tmp_path}/XX999.md is out of date" in out
    assert "regenerate with: python -m loclint.docs" in out
    assert write_reference(rulebook, tmp_path) == ["DE001.md", "XX999.md"]
    assert not (tmp_path / "XX999.md").exists()
    assert docs_main(["--output", str(tmp_path), "--schema", str(schema), "--check"]) == 0


# --- what a page says ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pages(rulebook):
    return reference(rulebook)


def _section(page: str, heading: str) -> str:
    return page.split(f"## {heading}\n\n", 1)[1].split("\n## ", 1)[0]


def test_the_message_is_the_one_the_first_example_really_gets(rulebook, pages):
    page = pages["DE002.md"]
    assert "{match}" not in page and "{replacement}" not in page
    assert _section(page, "What it does") == (
        "On “Unschlagbar günstige Kopfhörer” in DE, it reports:\n\n"
        "> “Unschlagbar günstige” claims a price advantage that must be provable; write “Preiswerte” instead.\n")
    examples = ExampleLinter(rulebook)
    for code, page in pages.items():
        if code == "README.md":
            continue
        rule = rulebook.find(code[:-3])
        message = examples.findings(rule, rule.invalid[0])[0].message
        assert f"it reports:\n\n> {message}\n" in page, code


def test_a_rule_whose_example_stays_quiet_shows_its_template(rulebook):
    rule = rulebook.find("DE002")
    quiet = dataclasses.replace(rule, invalid=rule.valid[:1])
    assert _section(rule_page(rulebook, quiet), "What it does").startswith("It reports:\n\n> “{match}” claims")


@pytest.mark.parametrize("code, shown", [
    ("DE002", ["  - de: billigste, günstigster Preis", "Tiefstpreis*", "  - en: cheapest",
               "- Rewrites: unschlagbar günstig → preiswert;", "- Not inside quotation marks"]),
    ("MET001", ["- `inches`, `inch`, `Zoll`", "→ cm (× 2.54)", "stands beside it: within 40 characters"]),
    ("MET003", ["→ g (× 28.3495, weight) or ml (× 29.5735, US fl oz)"]),
    ("MET004", ["→ °C ((x − 32) × 0.555556)"]),
    ("LOC001", ["  - DE: 1.234,50\u00a0€", "  - US: $1,234.50"]),
    ("LOC002", ["  - USD: US$ $ USD"]),
    ("LOC003", ["- Texts of 40 letters or more", "90% confidence or more", "DE de"]),
    ("DE015", ["- A listing where none of these holds:", "  - the attribute unit_price is present",
               "- Only when a price is present"]),
    ("AST001", ["- A `images.file` field without a non-blank `alt` beside it"]),
    ("LNT001", ["- Suppressions (`loclint: ignore[CODE] -- reason`) without a reason"]),
    ("LNT003", ["- Placeholders of the source text"]),
])
def test_a_page_shows_what_the_rule_matches(pages, code, shown):
    matches = _section(pages[f"{code}.md"], "What it matches")
    missing = [text for text in shown if text not in matches]
    assert not missing, matches


def test_a_pattern_rule_shows_its_regular_expression(rulebook, pages):
    rule = next(r for r in rulebook.all_rules() if r.kind == "pattern")
    patterns = rule.options["pattern"] if isinstance(rule.options["pattern"], list) else [rule.options["pattern"]]
    assert all(p in _section(pages[f"{rule.code}.md"], "What it matches") for p in patterns)


def test_examples_are_shown_as_dont_with_the_fix_and_do(pages):
    examples = _section(pages["DE002.md"], "Examples")
    dont, do = examples.split("Do (not flagged):")
    assert dont.startswith("Don't (flagged")
    assert "- “Unschlagbar günstige Kopfhörer” → “Preiswerte Kopfhörer”" in dont
    assert "- “Günstiger als der Vorgänger”" in do and "Günstiger als" not in dont
    # an example in another field than the rule's first says which
    assert "- attributes.dimensions: “15 x 10 inches” → “38,1 × 25,4 cm (15 x 10 inches)”" in pages["MET001.md"]


def test_a_page_names_the_file_and_line_of_the_rule(rulebook, pages):
    rule = rulebook.find("DE002")
    lines = (Path(__file__).resolve().parent.parent / "rulesets" / "de" / "claims.yml").read_text(
        encoding="utf-8").splitlines()
    assert lines[rule.line - 1].strip() == "- code: DE002"
    assert f"Defined in `rulesets/de/claims.yml:{rule.line}`." in pages["DE002.md"]
    team = dataclasses.replace(rule, file="/somewhere/team/rules.yml", line=7)
    assert defined_in(team) == "/somewhere/team/rules.yml:7"


def test_every_page_keeps_ruffs_order_of_sections(pages):
    order = ["What it does", "What it matches", "Why is this bad?", "Examples", "Fix safety", "Source"]
    for name, page in pages.items():
        if name != "README.md":
            assert re.findall(r"^## (.+)$", page, re.MULTILINE) == order, name


def test_a_rule_no_market_loads_still_gets_its_page(tmp_path):
    import shutil

    root = tmp_path / "rulesets"
    shutil.copytree(Path(__file__).resolve().parent.parent / "rulesets", root)
    (root / "zz").mkdir()
    (root / "zz" / "draft.yml").write_text(
        "rules:\n"
        "  - code: ZZ001\n    name: draft-word\n    kind: terms\n    severity: info\n"
        "    message: \"“{match}” is a draft word.\"\n    why: Not loaded by any market yet.\n"
        "    source: {title: Draft, url: 'https://example.org', grade: W}\n"
        "    triggers: {en: [draftword]}\n"
        "    examples: {invalid: [draftword, {text: draftword, market: XX}], valid: [fine]}\n",
        encoding="utf-8")
    result = runner().invoke(main, ["rule", "ZZ001", "--rulesets", str(root)])
    assert result.exit_code == 0, result.stderr
    assert "markets: none" in result.stdout
    assert "## What it does\n\nIt reports:\n\n> “{match}” is a draft word.\n" in result.stdout
    assert f"Defined in `{root / 'zz' / 'draft.yml'}:2`." in result.stdout


def test_readme_ruleset_table_is_generated_from_the_rulesets(rulebook):
    from loclint.docs import ruleset_table, stale_readme

    assert not stale_readme(rulebook, ROOT / "README.md"), \
        "README.md's ruleset table is out of date with rulesets/: run `python -m loclint.docs` and commit README.md"
    table = ruleset_table(rulebook)
    for ruleset, about in rulebook.about.items():
        assert f"| `{ruleset}` |" in table and about.replace("|", "/") in table
    # Which markets load a ruleset comes from markets.yml, not from prose.
    assert "| `gb` | GB | GB |" in table and "| `eu` | EU | DE, AT, FR, ES, IT, NL, PL |" in table


def test_a_ruleset_without_about_is_described_by_its_rules_names(rulesets):
    from loclint.docs import ruleset_table
    from loclint.rulebook import load_rulebook

    path = rulesets / "us" / "claims.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("about:")] + text[text.index("rules:"):], encoding="utf-8")
    table = ruleset_table(load_rulebook(rulesets))
    assert "| `us` | US | US | pesticidal claim; fda approval claim;" in table


def test_a_bad_about_names_its_file(rulesets):
    from loclint.rulebook import load_rulebook
    from loclint.ruleset import RulesetError

    path = rulesets / "gb" / "claims.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text("about: [1, 2]\n" + text[text.index("rules:"):], encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_rulebook(rulesets)
    assert caught.value.problems == [f"{path}: key 'about': expected a phrase saying what the file's rules cover"]
