"""End-to-end checks of the core contract: CLI exit codes, the JSON document, bad input, exact
positions, ruleset validation, and the rule meta-requirements."""
import json
import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from loclint.cli import main
from loclint.rulebook import load_rulebook

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
FINDING_KEYS = {"rule", "severity", "message", "path", "record", "field", "start", "end", "line",
                "column", "text", "suggestions", "source"}


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def run_json(*args):
    result = run("check", "--format", "json", "--date", "2026-11-25", *args)
    return result.exit_code, json.loads(result.stdout)


def test_fixtures_follow_the_json_contract():
    code, doc = run_json("--market", "DE", FIXTURES)
    assert code == 1
    assert set(doc) == {"version", "findings", "errors", "summary"} and doc["version"] == 1
    assert doc["errors"] == []
    assert doc["summary"]["records"] == 9 and doc["summary"]["findings"] == len(doc["findings"])
    assert {f["rule"][:2] for f in doc["findings"]} >= {"DE", "EU", "ME", "MP", "LO"}
    raw = {p.name: p.read_text(encoding="utf-8").splitlines() for p in FIXTURES.glob("*.jsonl")}
    for f in doc["findings"]:
        assert FINDING_KEYS <= set(f)
        assert f["severity"] in ("error", "warning", "info")
        assert f["source"]["title"]
        assert all("replacement" in s for s in f["suggestions"])
        if f["field"] is None:  # record-level: required information missing
            assert f["start"] is None and f["text"] == ""
        elif Path(f["path"]).name in raw:
            # line/column point at the flagged text in the raw JSON line (no escapes in fixtures)
            line = raw[Path(f["path"]).name][f["line"] - 1]
            assert line[f["column"] - 1:].startswith(f["text"]), f


def test_rewrites_from_the_brief():
    _, doc = run_json("--market", "DE", FIXTURES)
    rewrites = {(f["rule"], f["text"]): f["suggestions"][0]["replacement"] for f in doc["findings"] if f["suggestions"]}
    assert rewrites[("MET001", "15 x 10 x 40 inches")] == "38,1 × 25,4 × 101,6 cm (15 x 10 x 40 inches)"
    assert rewrites[("LOC001", "24.99 €")] == "24,99 €"
    assert rewrites[("DE002", "Unschlagbar günstige")] == "Preiswerte"


def test_bad_records_are_reported_and_the_run_goes_on(tmp_path):
    good = {"id": "ok", "market": "DE", "title": "Die besten Kopfhörer"}
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b"\n".join([
        b'{"id": "a", "market": "DE", "title": "x"',  # not JSON
        json.dumps({"id": "b", "market": "DE", "bullets": 5}).encode(),  # wrong shape
        b'{"id": "c", "market": "DE", "title": "caf\xe9"}',  # not UTF-8
        json.dumps(good).encode(),
    ]) + b"\n")
    code, doc = run_json(feed)
    assert code == 1
    errors = {e["line"]: e for e in doc["errors"]}
    assert set(errors) == {1, 2, 3}
    assert "not JSON" in errors[1]["message"]
    assert errors[2]["record"] == "b" and "'bullets' must be a list" in errors[2]["message"]
    assert "not UTF-8" in errors[3]["message"]
    assert all(e["path"] == str(feed) for e in doc["errors"])
    assert [(f["record"], f["rule"]) for f in doc["findings"] if f["field"] == "title"] == [("ok", "DE001")]


def test_unreadable_file_exits_2_and_other_files_still_lint(tmp_path):
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Die besten Kopfhörer", encoding="utf-8")
    code, doc = run_json("--market", "DE", tmp_path)
    assert code == 2
    assert doc["errors"][0]["path"].endswith("broken.json")
    assert any(f["rule"] == "DE001" for f in doc["findings"])


def test_record_without_market_names_the_flag(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "x", "title": "Hallo"}) + "\n", encoding="utf-8")
    code, doc = run_json(feed)
    assert code == 1 and "--market" in doc["errors"][0]["message"]


@pytest.mark.parametrize("args, expected", [
    (["--fail-on", "never"], 0),
    (["--fail-on", "error"], 1),
    (["--select", "DE013"], 0),  # nothing of DE013 in the text
    (["--select", "DE001", "--fail-on", "info"], 1),
    (["--date", "not-a-date"], 2),
    (["--format", "xml"], 2),
    (["--market", "XX"], 2),
])
def test_exit_codes(tmp_path, args, expected):
    text = tmp_path / "a.txt"
    text.write_text("Die besten Kopfhörer. Hersteller: X GmbH, Weg 1, 10115 Berlin, x@example.com", encoding="utf-8")
    market = [] if "--market" in args else ["--market", "DE"]
    assert run("check", *market, *args, text).exit_code == expected


def test_positions_follow_json_escapes_and_yaml_styles(tmp_path):
    line = '{"id": "e", "market": "DE", "title": "Caf\\u00e9 \\"Bar\\" 😀 \\u00fcber die besten T\\u00f6pfe"}'
    (tmp_path / "e.jsonl").write_text(line + "\n", encoding="utf-8")
    (tmp_path / "y.yaml").write_text(textwrap.dedent("""\
        id: y
        market: DE
        title: Die besten Töpfe
        bullets:
          - "Klar: die besten Pfannen"
        description: |
          Erste Zeile.
          Zweite Zeile mit die besten Messern.
        """), encoding="utf-8")
    _, doc = run_json("--select", "DE001", tmp_path)
    where = {(Path(f["path"]).name, f["field"]): (f["line"], f["column"]) for f in doc["findings"]}
    assert where[("e.jsonl", "title")] == (1, line.index("die besten") + 1)
    assert where[("y.yaml", "title")] == (3, 8)
    assert where[("y.yaml", "bullets[0]")] == (5, 12)
    assert where[("y.yaml", "description")] == (8, 20)


def test_bom_and_utf16_inputs_read(tmp_path):
    record = json.dumps({"id": "b", "market": "DE", "title": "Die besten Töpfe"}, ensure_ascii=False) + "\n"
    (tmp_path / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + record.encode("utf-8"))
    (tmp_path / "u16.jsonl").write_bytes(record.encode("utf-16"))
    _, doc = run_json("--select", "DE001", tmp_path)
    assert doc["errors"] == [] and len(doc["findings"]) == 2
    assert all(f["column"] == record.index("Die besten") + 1 for f in doc["findings"])


def test_green_claim_severity_depends_on_the_date(tmp_path):
    text = tmp_path / "g.txt"
    text.write_text("Umweltfreundliche Trinkflasche", encoding="utf-8")
    severities = {}
    for day in ("2026-09-01", "2026-10-01"):
        out = run("check", "--format", "json", "--market", "DE", "--select", "EU001", "--date", day, text).stdout
        severities[day] = json.loads(out)["findings"][0]["severity"]
    assert severities == {"2026-09-01": "warning", "2026-10-01": "error"}


def test_us_listing_keeps_its_inches(tmp_path):
    text = tmp_path / "us.txt"
    text.write_text("Desk, 47 x 24 x 30 inches, 20 lbs", encoding="utf-8")
    _, doc = run_json("--market", "US", text)
    assert not [f for f in doc["findings"] if f["rule"].startswith("MET")]


def test_ruleset_errors_name_file_rule_and_key(tmp_path):
    rules = tmp_path / "rules"
    for name in ("markets.yml", "languages.yml", "currencies.yml"):
        (tmp_path / name).write_bytes((ROOT / "rulesets" / name).read_bytes())
    (tmp_path / "markets.yml").write_text(
        "markets:\n  DE: {name: Germany, locale: de-DE, currency: EUR, languages: [de], rulesets: [rules]}\n",
        encoding="utf-8")
    rules.mkdir()
    (rules / "bad.yml").write_text(textwrap.dedent("""\
        rules:
          - code: XX001
            name: bad
            kind: terms
            severity: error
            message: m
            why: w
            triggers: {en: [foo]}
            colour: red
            examples: {invalid: [foo], valid: [bar]}
        """), encoding="utf-8")
    result = run("check", "--rulesets", tmp_path, "--market", "DE", FIXTURES / "listings-de.yaml")
    assert result.exit_code == 2
    assert "bad.yml: rule XX001: key 'source': required" in result.output


def test_every_rule_meets_the_meta_requirements():
    book = load_rulebook()
    codes = [r.code for r in book.all_rules()]
    assert len(codes) == len(set(codes))
    for rule in book.all_rules():
        assert rule.source.title and rule.source.url.startswith("https://"), rule.code
        assert rule.source.grade in {"L", "C", "P", "K", "W"}, rule.code
        assert rule.invalid and rule.valid, f"{rule.code} needs examples that fire and that must not"
        assert re.fullmatch(r"[A-Z]{2,4}\d{3}", rule.code)
    assert "eu" not in book.market("CH").rulesets and "metric" not in book.market("US").rulesets


def test_rule_pages_and_lists():
    assert "UWG" in run("rule", "DE002").output
    listing = run("rules", "--market", "CH").output
    assert "EU001" not in listing and "MET001" in listing
    assert run("rule", "NOPE1").exit_code == 2


def test_own_store_channel_drops_marketplace_policy(tmp_path):
    text = tmp_path / "t.jsonl"
    text.write_text(json.dumps({"id": "c", "market": "DE", "title": "Kopfhörer FREE SHIPPING!!!"}) + "\n",
                    encoding="utf-8")
    _, market_doc = run_json(text)
    _, shop_doc = run_json("--channel", "own-store", text)
    assert {"MP001", "MP002"} <= {f["rule"] for f in market_doc["findings"]}
    assert not [f for f in shop_doc["findings"] if f["rule"].startswith("MP")]


def test_a_market_rule_can_replace_a_generic_one():
    book = load_rulebook()
    brazil = {r.code for r in book.rules_for("BR")}
    assert "BR001" in brazil and "LOC003" not in brazil
    assert "LOC003" in {r.code for r in book.rules_for("DE")}
