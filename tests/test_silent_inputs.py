"""Inputs that used to fail silently (issue 20, part 2): a CSV quote left open swallowed the rows
below it, a UTF-16 XLIFF that says so in its declaration was refused, and a finding in a
multi-line plain YAML scalar was counted as fixable although --fix never writes it."""
import codecs
import json

import pytest

from conftest import runner
from loclint.cli import main
from loclint.model import ReadError, Record
from loclint.readers import read_file
from loclint.writeback import fix_file

MAKER = "Hersteller: Beispiel GmbH, Musterstr. 1, 10115 Berlin, info@beispiel.example"


def read(path, market=None):
    items = list(read_file(str(path), market))
    return [i for i in items if isinstance(i, Record)], [i for i in items if isinstance(i, ReadError)]


def descriptions(records):
    return {r.id: next((f.text for f in r.fields if f.path == "description"), None) for r in records}


# --- 1. CSV: a quote that is not closed on its line -----------------------------------------

SWALLOWING = ("id,title,description\n"
              'K-1,Kopfhörer,"Leicht und faltbar\n'
              "K-2,Lautsprecher,Klarer Klang\n"
              'K-3,Kabel,Zwei Meter lang"\n'
              "K-4,Stecker,Passt überall\n")


@pytest.mark.parametrize("delimiter, suffix", [(",", ".csv"), (";", ".csv"), ("\t", ".tsv")])
def test_a_quote_closed_only_rows_later_is_an_error_at_the_quote_and_the_rows_below_are_read(
        tmp_path, delimiter, suffix):
    path = tmp_path / f"feed{suffix}"
    path.write_text(SWALLOWING.replace(",", delimiter), encoding="utf-8")
    records, errors = read(path)
    # the csv module (and pandas) read K-1 with K-2 and K-3 inside its description, silently
    assert [r.id for r in records] == ["K-2", "K-3", "K-4"]
    assert descriptions(records)["K-2"] == "Klarer Klang"
    [error] = errors
    assert (error.path, error.line, error.whole_file) == (str(path), 2, False)
    assert error.message == ("not CSV: unclosed quote? the cell opened here (column 15) runs on over line 3, "
                             "which reads as a row of its own; record skipped, the rows below are read")


def test_a_quote_that_never_closes_costs_its_row_only(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text('id,title\nA-1,Topf\nA-2,"Deckel\nA-3,Pfanne\nA-4,Sieb\n', encoding="utf-8")
    records, errors = read(path)
    assert [r.id for r in records] == ["A-1", "A-3", "A-4"]
    assert [(e.line, e.message) for e in errors] == [
        (3, "not CSV: unclosed quote: the cell opened here never ends (column 5); record skipped")]


def test_an_open_quote_in_the_first_rows_is_found_too(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text('id,title,description\nB-1,"Topf,gut\nB-2,Pfanne,gut"\nB-3,Sieb,gut\n', encoding="utf-8")
    records, errors = read(path)
    assert [r.id for r in records] == ["B-2", "B-3"] and [e.line for e in errors] == [2]


@pytest.mark.parametrize("body", [
    # Shopify "Body (HTML)": lines of markup, with commas
    "<p>Leicht, faltbar, robust.</p>\n<ul>\n<li>Akku: 30 Stunden, USB-C</li>\n</ul>",
    # prose with as many commas as the header has columns: its first "cell" is not one word
    "Farben: rot, blau, grün\nMaße: 20 x 10 cm",
    # a blank line and a line break inside a quoted "" pair
    'Zeile eins\n\n""Zitat"" zwei,\ndrei',
])
def test_legitimate_multi_line_cells_are_read_whole(tmp_path, body):
    path = tmp_path / "feed.csv"
    cell = '"' + body + '"'
    path.write_text(f"id,title,description\nC-1,Kopfhörer,{cell}\nC-2,Kabel,kurz\n", encoding="utf-8")
    records, errors = read(path)
    assert errors == [] and [r.id for r in records] == ["C-1", "C-2"]


def test_an_open_quote_is_reported_by_the_command_line_and_the_run_goes_on(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text(SWALLOWING, encoding="utf-8")
    result = runner().invoke(main, ["check", "--no-cache", "--market", "DE", "--format", "json",
                                    "--fail-on", "never", str(path)])
    doc = json.loads(result.stdout)
    assert [(e["path"], e["line"]) for e in doc["errors"]] == [(str(path), 2)]
    assert doc["summary"]["records"] == 3


# --- 2. XLIFF that declares its encoding ----------------------------------------------------

XLIFF = ('<?xml version="1.0" encoding="{encoding}"?>\n'
         '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
         ' <file source-language="en" target-language="de-DE" datatype="plaintext" original="app">\n'
         '  <body>\n'
         '   <trans-unit id="size">\n'
         '    <source>Only 15 inches wide</source>\n'
         '    <target>Nur 15 inches breit, leicht wie 🪶 &amp; flach</target>\n'
         '   </trans-unit>\n'
         '  </body>\n'
         ' </file>\n'
         '</xliff>\n')

ENCODINGS = {
    "utf-16-le": ("UTF-16", codecs.BOM_UTF16_LE, "utf-16-le"),
    "utf-16-be": ("UTF-16", codecs.BOM_UTF16_BE, "utf-16-be"),
    "utf-8": ("UTF-8", b"", "utf-8"),
    "utf-8-bom": ("UTF-8", codecs.BOM_UTF8, "utf-8"),
}


def xliff_bytes(case, text=None):
    declared, bom, codec = ENCODINGS[case]
    return bom + (text or XLIFF.format(encoding=declared)).encode(codec)


@pytest.mark.parametrize("case", sorted(ENCODINGS))
def test_xliff_declaring_its_encoding_is_read_with_exact_positions(linter, tmp_path, case):
    path = tmp_path / "de.xlf"
    path.write_bytes(xliff_bytes(case))
    records, errors = read(path)
    assert errors == []
    [record] = records
    [target] = record.fields
    assert target.text == "Nur 15 inches breit, leicht wie 🪶 & flach"
    [finding] = [f for f in linter.market(record.market).lint(record) if f.rule == "MET001"]
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (7, 17, 7, 26)
    lines = XLIFF.format(encoding=ENCODINGS[case][0]).split("\n")
    assert lines[6][16:25] == "15 inches"
    # after the emoji (one character, two UTF-16 code units) and through the entity
    assert target.position(target.text.index("&")) == (7, lines[6].index("&amp;") + 1)
    assert target.position(target.text.index("flach")) == (7, lines[6].index("flach") + 1)


@pytest.mark.parametrize("case", sorted(ENCODINGS))
def test_fix_writes_back_in_the_file_s_own_encoding(linter, tmp_path, case):
    path = tmp_path / "de.xlf"
    path.write_bytes(xliff_bytes(case))
    result = fix_file(linter, str(path))
    assert (result.error, result.applied) == (None, 1)
    fixed = XLIFF.format(encoding=ENCODINGS[case][0]).replace("Nur 15 inches", "Nur 38,1 cm (15 inches)")
    assert path.read_bytes() == xliff_bytes(case, fixed)


@pytest.mark.parametrize("case", ["utf-16-le", "utf-16-be"])
def test_a_utf16_xliff_with_entity_declarations_is_still_refused(tmp_path, case):
    hostile = XLIFF.format(encoding="UTF-16").replace(
        "<xliff ", '<!DOCTYPE xliff [\n<!ENTITY secret SYSTEM "file:///etc/passwd">\n]>\n<xliff ').replace(
        "&amp;", "&secret;")
    path = tmp_path / "de.xlf"
    path.write_bytes(xliff_bytes(case, hostile))
    records, [error] = read(path)
    assert records == [] and error.whole_file and error.line == 3
    assert error.message.startswith("refused: the document declares the entity 'secret'")


# --- 3. multi-line plain YAML scalars -------------------------------------------------------

MULTI_LINE = ("id: Y-1\n"
              "market: DE\n"
              "title: Kopfhörer\n"
              "description: Ein leichter Kopfhörer, nur\n"
              "  15 inches breit.\n"
              f'manufacturer: "{MAKER}"\n')
ONE_LINE = MULTI_LINE.replace("nur\n  15", "nur 15")


def concise(path, *flags):
    result = runner().invoke(main, ["check", "--no-cache", "--format", "concise", "--fail-on", "never",
                                    *flags, str(path)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_rewrite_fix_cannot_write_is_not_counted_as_fixable(tmp_path):
    path = tmp_path / "listing.yaml"
    path.write_text(MULTI_LINE, encoding="utf-8")
    out = concise(path)
    assert "MET001" in out and "fixable:" not in out  # the rewrite is shown, not promised
    concise(path, "--fix")
    assert path.read_text(encoding="utf-8") == MULTI_LINE  # and --fix indeed leaves it

    result = runner().invoke(main, ["check", "--no-cache", "--format", "json", "--fail-on", "never", str(path)])
    assert json.loads(result.stdout)["summary"]["fixable"] == {"safe": 0, "unsafe": 0}


def test_the_same_finding_on_one_line_is_counted_and_fixed(tmp_path):
    path = tmp_path / "listing.yaml"
    path.write_text(ONE_LINE, encoding="utf-8")
    assert "fixable: 1 with --fix" in concise(path)
    concise(path, "--fix")
    assert path.read_text(encoding="utf-8") == ONE_LINE.replace("nur 15 inches", "nur 38,1 cm (15 inches)")


@pytest.mark.parametrize("description", [
    "nur 15 inches breit", "nur\n  15 inches breit", "nur 15 inches\n  breit",  # plain
    "'nur 15 inches breit'", "'nur\n  15 inches breit'",  # single-quoted
    '"nur 15 inches breit"', '"nur\n  15 inches breit"',  # double-quoted
    "|\n  nur 15 inches breit\n  zweite Zeile", ">\n  nur 15 inches breit\n  zweite Zeile",  # literal, folded
])
def test_in_every_yaml_scalar_style_the_count_is_what_fix_writes(linter, tmp_path, description):
    from loclint.model import Finding
    try:
        from loclint.summary import Summary  # where main keeps it since h-settings-merge
    except ImportError:
        from loclint.reporters.summary import Summary

    path = tmp_path / "listing.yaml"
    path.write_text(f"id: Y-1\nmarket: DE\ntitle: Kopfhörer\ndescription: {description}\n", encoding="utf-8")
    summary = Summary()
    for event in linter.lint_stream(read_file(str(path))):
        if isinstance(event, Finding) and event.rule == "MET001":
            summary.add_finding(event)
    assert summary.findings == 1
    assert fix_file(linter, str(path)).applied == summary.fixable_safe
