"""The rule reference in docs/rules/ is generated from the rulesets and must match them: a page
per rule, the text `loclint rule CODE` prints, and an index. When a rule changes (other work
adds rules all the time), regenerate and commit:

    python -m loclint.docs            # writes docs/rules/
"""
from pathlib import Path

from conftest import runner

from loclint.cli import main
from loclint.docs import main as docs_main, reference, stale_reference, write_reference

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
    write_reference(rulebook, tmp_path)
    assert stale_reference(rulebook, tmp_path) == []
    (tmp_path / "DE001.md").write_text("edited by hand\n", encoding="utf-8")
    (tmp_path / "XX999.md").write_text("a rule that is gone\n", encoding="utf-8")
    assert docs_main(["--output", str(tmp_path), "--check"]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path}/DE001.md is out of date" in out and f"{tmp_path}/XX999.md is out of date" in out
    assert "regenerate with: python -m loclint.docs" in out
    assert write_reference(rulebook, tmp_path) == ["DE001.md", "XX999.md"]
    assert not (tmp_path / "XX999.md").exists()
    assert docs_main(["--output", str(tmp_path), "--check"]) == 0
