"""The human formats show a record's wording findings first and what an offer fails to disclose
after them, two or more of those as one group; the machine formats keep one finding per rule."""
import json

from click.testing import CliRunner

from loclint.cli import main

# An Indian offer with one wording finding (false urgency) and five missing declarations, then
# a German offer that lacks only the manufacturer (EU007, shown as itself).
FEED = [
    {"id": "g1", "market": "IN", "title": "Peanut butter", "description": "Only 2 left in stock - order now!",
     "price": {"amount": 199, "currency": "INR"}},
    {"id": "g2", "market": "DE", "title": "Tasse aus Steingut", "price": {"amount": 12.9, "currency": "EUR"}},
]


def _check(tmp_path, *args):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in FEED) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--date", "2026-11-25", "--no-cache", *args, str(feed)])
    assert "Traceback" not in result.output
    return result.stdout


def test_concise_puts_wording_first_and_groups_the_missing_disclosures(tmp_path):
    lines = [line for line in _check(tmp_path, "--format", "concise").splitlines() if "feed.jsonl:" in line]
    first = [line for line in lines if "(g1" in line]
    assert "IN015" in first[0]
    assert "IN005,IN006,IN007,IN008,IN009 [error] 5 disclosures missing: missing-mrp-inclusive-of-taxes" in first[1]
    assert len(first) == 2
    # A single record-level finding is shown as itself.
    [second] = [line for line in lines if "(g2" in line]
    assert "EU007 [error] The offer does not give the manufacturer's name" in second


def test_full_groups_the_missing_disclosures_after_the_wording(tmp_path):
    out = _check(tmp_path, "--format", "full")
    assert out.index("IN015 warning false-urgency") < out.index("5 disclosures missing")
    assert "missing-mrp-inclusive-of-taxes, missing-country-of-origin, missing-net-quantity" in out


def test_json_keeps_one_finding_per_rule(tmp_path):
    doc = json.loads(_check(tmp_path, "--format", "json"))
    rules = [f["rule"] for f in doc["findings"] if f["record"] == "g1"]
    assert sorted(rules) == ["IN005", "IN006", "IN007", "IN008", "IN009", "IN015"]
