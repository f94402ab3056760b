"""The examples in examples/ (a Shopify export, an HTML description) lint as the README shows."""
import json
from pathlib import Path

from conftest import runner

from loclint.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_examples_findings_point_at_the_flagged_text():
    result = runner().invoke(main, ["check", "--market", "DE", "--format", "json", "--date", "2026-11-25",
                                    "--no-cache", str(EXAMPLES)])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["errors"] == [] and doc["summary"]["records"] == 3
    got = [(Path(f["path"]).name, f["rule"], f["record"], f["field"], f["text"], f["line"], f["column"])
           for f in doc["findings"]]
    assert got == [
        ("beschreibung-de.html", "DE001", "beschreibung-de.html", "description", "Der beste", 6, 4),
        ("beschreibung-de.html", "MET001", "beschreibung-de.html", "description", "8 inches", 6, 74),
        ("shopify-de.csv", "AST001", "seidenschal-lila", "images[1].file", "schal-2.jpg", 4, 70),
        ("shopify-de.csv", "DE003", "kochtopf-set", "title", "Testsieger", 5, 40),
        ("shopify-de.csv", "DE001", "kochtopf-set", "description", "Die besten", 5, 57),
        ("shopify-de.csv", "MET001", "kochtopf-set", "description", "8 inches", 5, 117),
    ]
    raw = {p.name: p.read_text(encoding="utf-8").split("\n") for p in EXAMPLES.iterdir()}
    for name, _, _, _, text, line, column in got:
        first_word = text.split()[0]  # "Der <strong>beste": the markup sits between the words
        assert raw[name][line - 1][column - 1:].startswith(first_word)
