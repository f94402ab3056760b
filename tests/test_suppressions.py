"""Suppressions with a reason: they silence exactly what they name, and say when they cannot
be read or no longer do anything."""
import json

from conftest import runner
from loclint.cli import main

DATE = ["--date", "2026-11-25", "--no-cache", "--format", "concise", "--fail-on", "never"]


def _run(*args):
    return runner().invoke(main, ["check", *DATE, *map(str, args)])


def _jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_a_record_suppression_silences_only_what_it_names(tmp_path):
    feed = _jsonl(tmp_path / "feed.jsonl", [
        {"id": "a", "market": "DE", "title": "Die besten Kopfhörer, 12 inches",
         "_loclint": "loclint: ignore[DE001] -- Marktführer laut GfK-Studie 2026, Beleg verlinkt"},
        {"id": "b", "market": "DE", "title": "Die besten Kopfhörer"},
    ])
    out = _run("--select", "DE001,MET,LNT", feed).stdout
    assert out.count(": DE001 [") == 1 and "(b:title)" in out  # b is not covered
    assert ": MET001 [" in out and ": LNT" not in out


def test_malformed_and_unknown_suppressions_are_findings(tmp_path):
    feed = _jsonl(tmp_path / "feed.jsonl", [
        {"id": "a", "market": "DE", "title": "Die besten Kopfhörer", "_loclint": "loclint: ignore[DE001]"},
        {"id": "b", "market": "DE", "title": "Kopfhörer", "_loclint": ["loclint: ignore[ZZ123] -- weil"]},
    ])
    out = _run("--select", "DE001,LNT", feed).stdout
    assert "feed.jsonl:1:" in out and "LNT001" in out and "the reason is required" in out
    assert "a:title" in out  # the malformed one suppresses nothing
    assert "ZZ123: no such rule" in out and "(b:_loclint[0])" in out


def test_an_unused_suppression_is_reported_and_fix_removes_it(tmp_path):
    feed = _jsonl(tmp_path / "feed.jsonl", [
        {"id": "a", "market": "DE", "title": "Kopfhörer mit gutem Klang",
         "_loclint": "loclint: ignore[DE001] -- Beleg auf der Produktseite"},
    ])
    out = _run("--select", "DE001,LNT", feed).stdout
    assert "LNT002" in out and "DE001 did not fire" in out
    _run("--select", "DE001,LNT", "--fix", feed)
    assert json.loads(feed.read_text(encoding="utf-8"))["_loclint"] == ""
    assert ": LNT" not in _run("--select", "DE001,LNT", feed).stdout


def test_file_level_suppressions(tmp_path):
    doc = tmp_path / "listings.yaml"
    doc.write_text(
        "- id: a\n  market: DE\n  title: Die besten Kopfhörer\n"
        "  _loclint: 'loclint: ignore-file[DE001, MP003] -- Markenclaim, geprüft von der Rechtsabteilung'\n"
        "- id: b\n  market: DE\n  title: Die beste Wahl\n"
        "- id: c\n  market: DE\n  title: Kopfhörer\n  _loclint: 'loclint: ignore-file[EU007] -- zu spät'\n",
        encoding="utf-8")
    out = _run("--select", "DE001,MP003,EU007,LNT", doc).stdout
    assert ": DE001 [" not in out  # a and b both covered
    assert "LNT001" in out and "belongs in the file's first record" in out
    assert "LNT002" in out and "MP003 did not fire" in out
    feed = _jsonl(tmp_path / "feed.jsonl", [
        {"id": "a", "market": "DE", "title": "Die besten Kopfhörer",
         "_loclint": "loclint: ignore-file[DE001] -- Marktführer"}])
    out = _run("--select", "DE001,LNT", feed).stdout
    assert "JSON Lines feed; use per-file-ignores" in out and ": DE001 [" in out


def test_suppressions_in_a_csv_column(tmp_path):
    feed = tmp_path / "feed.csv"
    feed.write_text("id,market,title,_loclint\n"
                    "a,DE,Die besten Kopfhörer,loclint: ignore[DE001] -- Marktführer laut GfK-Studie\n",
                    encoding="utf-8")
    out = _run("--select", "DE001,LNT", feed).stdout
    assert ": DE001 [" not in out and ": LNT" not in out


def test_suppression_rules_can_be_switched_off(tmp_path):
    feed = _jsonl(tmp_path / "feed.jsonl", [
        {"id": "a", "market": "DE", "title": "Kopfhörer", "_loclint": "nonsense"}])
    assert "LNT001" in _run("--select", "LNT", feed).stdout
    assert ": LNT001 [" not in _run("--ignore", "LNT", feed).stdout


def test_suppressions_in_html_and_markdown_comments(tmp_path):
    page = tmp_path / "desc.html"
    page.write_text("<!-- loclint: ignore[DE001] -- Marktführer laut GfK-Studie 2026 -->\n"
                    "<p>Die besten Kopfhörer</p>\n<!-- loclint: ignore[MET] -- test -->\n", encoding="utf-8")
    out = _run("--market", "DE", "--select", "DE001,MET,LNT", page).stdout
    assert ": DE001 [" not in out
    assert "desc.html:3:6: LNT002" in out and "MET did not fire" in out
    note = tmp_path / "desc.md"
    note.write_text("Die besten Kopfhörer <!-- loclint: ignore[DE001] -->\n", encoding="utf-8")
    out = _run("--market", "DE", "--select", "DE001,LNT", note).stdout
    assert "desc.md:1:27: LNT001" in out and ": DE001 [" in out  # no reason: it suppresses nothing
