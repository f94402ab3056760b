"""The language server's parts without a client: position conversion, edits, settings,
suppression insertion, naming buffers, and the seam it lints through (stdin.lint_as)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from loclint.model import Applicability, Finding, Severity, Source, Suggestion
from loclint.server import settings
from loclint.server.fixes import quick_fixes, replacing
from loclint.server.linting import Linted, document_name, lint_buffer
from loclint.server.positions import Lines
from loclint.server.suppress import suppression_edit
from loclint.session import Flags, Session
from loclint.stdin import lint_as


def finding(line, column, end_line, end_column, text, rule="DE001", suggestions=()):
    return Finding(rule, "name", Severity.ERROR, "message", "x.md", "x", "description", 0, len(text), line, column,
                   text, tuple(suggestions), Source("a source"), "DE", end_line=end_line, end_column=end_column)


def at(position: types.Position) -> tuple[int, int]:
    return position.line, position.character


# --- positions --------------------------------------------------------------------------------

def test_columns_become_utf16_code_units_by_default():
    lines = Lines("ab\n😀x\nनमस्ते y\n")
    assert at(lines.to_client(2, 2)) == (1, 2)  # after the emoji: two UTF-16 units
    assert at(lines.to_client(3, 7)) == (2, 6)  # after नमस्ते: six code points, six units
    assert lines.from_client(types.Position(1, 2)) == (2, 2)


@pytest.mark.parametrize("encoding, expected", [
    (types.PositionEncodingKind.Utf8, 4), (types.PositionEncodingKind.Utf16, 2), (types.PositionEncodingKind.Utf32, 1)])
def test_the_negotiated_encoding_decides_the_units(encoding, expected):
    assert at(Lines("😀x", PositionCodec(encoding)).to_client(1, 2)) == (0, expected)


def test_a_carriage_return_ends_no_column_and_positions_clamp_into_the_text():
    lines = Lines("ab\r\ncd")
    assert at(lines.to_client(2, 2)) == (1, 1)
    assert at(lines.to_client(9, 9)) == (1, 2)
    assert lines.offset(2, 2) == 5 and at(lines.position_at(5)) == (1, 1)


def test_a_finding_without_an_end_spans_its_text_and_one_without_a_place_the_first_line():
    lines = Lines("Die 😀 besten\nzwei\n")
    area = lines.finding_range(finding(1, 7, 0, 0, "besten"))
    assert (at(area.start), at(area.end)) == ((0, 7), (0, 13))
    area = lines.finding_range(finding(0, 0, 0, 0, ""))
    assert (at(area.start), at(area.end)) == ((0, 0), (0, 13))


# --- edits ------------------------------------------------------------------------------------

def test_replacing_edits_only_what_changed():
    old, new = "eins\nzwei 😀 drei\nvier\n", "eins\nzwei 😀 DREI!\nvier\n"
    edit = replacing(old, new, Lines(old))
    assert (at(edit.range.start), at(edit.range.end), edit.new_text) == ((1, 8), (1, 12), "DREI!")


@pytest.mark.parametrize("old, new", [("a\r\nb", "a\r\nx\r\nb"), ("a\r\nb\r\n", "a\r\nb\r\nc\r\n"),
                                      ("x\r\ny", "x\r\n\r\ny")])
def test_replacing_never_splits_a_crlf(old, new):
    lines = Lines(old)
    edit = replacing(old, new, lines)
    start = lines.offset(*lines.from_client(edit.range.start))
    end = lines.offset(*lines.from_client(edit.range.end))
    assert old[:start] + edit.new_text + old[end:] == new
    assert not old[:start].endswith("\r") and not old[end:].startswith("\n")


def test_quick_fixes_use_the_raw_form_and_skip_advice():
    safe = Suggestion("x “y”", Applicability.SAFE, raw='x \\"y\\"')
    advice = Suggestion("say why", Applicability.DISPLAY, raw="say why")
    unwritable = Suggestion("z", Applicability.UNSAFE, raw=None)
    fixes = quick_fixes(finding(1, 2, 1, 4, "ab", suggestions=(safe, advice, unwritable)), Lines("xab\n"))
    assert [(f.edit.new_text, f.preferred) for f in fixes] == [('x \\"y\\"', True)]
    assert quick_fixes(finding(1, 2, 0, 0, "ab", suggestions=(safe,)), Lines("xab\n")) == []  # no known end


# --- settings ---------------------------------------------------------------------------------

def test_options_become_flags_and_bad_ones_are_named_and_left_out():
    parsed = settings.parse({"market": "DE", "select": ["DE", "MET001"], "date": "2026-09-27", "debounceMs": 50,
                             "channel": "nowhere", "ignore": "DE001", "colour": "red"})
    assert parsed.flags.market == "DE" and parsed.flags.select == ("DE", "MET001")
    assert str(parsed.flags.day) == "2026-09-27" and parsed.debounce_ms == 50
    assert parsed.flags.channel is None and parsed.flags.ignore == ()
    problems = " | ".join(parsed.problems)
    assert "'channel'" in problems and "'ignore'" in problems and "'colour': unknown option" in problems


def test_options_may_come_wrapped_in_a_loclint_object_and_may_be_absent():
    assert settings.parse({"loclint": {"market": "FR"}}).flags.market == "FR"
    assert settings.parse(None) == settings.ServerSettings()
    assert settings.parse(["DE"]).problems
    assert settings.parse({"ruleDocsUrl": "https://example.org/rules"}).problems  # no {code} in it


# --- suppressions -----------------------------------------------------------------------------

def suppressed(reader, name, text, spot):
    lines = Lines(text)
    edit = suppression_edit(reader, name, spot, lines)
    if edit is None:
        return None
    start = lines.offset(*lines.from_client(edit.range.start))
    return text[:start] + edit.new_text + text[start:]


def test_html_suppression_goes_before_the_tag_a_span_is_in():
    text = '<p>Hallo</p>\n<img src="a.jpg"\n     alt="Die besten Töpfe">\n'
    result = suppressed("html", "x.html", text, finding(3, 11, 3, 21, "Die besten"))
    assert result == '<p>Hallo</p>\n<!-- loclint: ignore[DE001] -- -->\n<img src="a.jpg"\n     alt="Die besten Töpfe">\n'


def test_json_document_suppression_is_a_key_of_the_record_it_belongs_to():
    text = '[\n  {\n    "id": "1",\n    "title": "Topf"\n  },\n  {\n    "id": "2",\n    "title": "Die besten"\n  }\n]\n'
    result = suppressed("json", "x.json", text, finding(8, 15, 8, 25, "Die besten"))
    records = json.loads(result)
    assert records[1] == {"_loclint": "loclint: ignore[DE001] -- ", "id": "2", "title": "Die besten"}
    assert '  {\n    "_loclint": "loclint: ignore[DE001] -- ",\n    "id": "2"' in result
    already = '{"id": "1", "_loclint": "loclint: ignore[MET] -- x", "title": "Die besten"}'
    assert suppressed("json", "x.json", already, finding(1, 56, 1, 66, "Die besten")) is None


def test_formats_without_a_place_for_suppressions_get_no_action():
    assert suppressed("text", "x.txt", "Die besten\n", finding(1, 1, 1, 11, "Die besten")) is None
    assert suppressed("csv", "x.csv", "title\nDie besten\n", finding(2, 1, 2, 11, "Die besten")) is None


# --- naming and linting buffers ---------------------------------------------------------------

def test_a_buffer_is_named_by_its_file_else_by_its_language(tmp_path):
    assert document_name(str(tmp_path / "a.po"), "po", None) == str(tmp_path / "a.po")
    assert document_name(None, "markdown", str(tmp_path)) == str(tmp_path / "untitled.md")
    assert document_name(str(tmp_path / "main.py"), "python", None) is None
    assert document_name(str(tmp_path / "config.xml"), "xml", None) is None  # a file's own type decides
    assert document_name(str(tmp_path / "README.md"), "markdown", None) is None  # not a listing
    assert document_name(None, "python", str(tmp_path)) is None


def test_lint_as_reads_the_buffer_as_the_named_file_with_its_configuration(tmp_path):
    (tmp_path / "loclint.toml").write_text('market = "DE"\n[per-file-ignores]\n"quiet.md" = ["DE001"]\n',
                                           encoding="utf-8")
    (tmp_path / "copy.md").write_text("Ein Topf.\n", encoding="utf-8")  # on disk: nothing to find
    session = Session(Flags())
    linted = lint_buffer(lambda: session, "Die besten Töpfe\n", str(tmp_path / "copy.md"))
    assert [(f.rule, f.path) for f in linted.findings] == [("DE001", str(tmp_path / "copy.md"))]
    quiet = lint_buffer(lambda: session, "Die besten Töpfe\n", str(tmp_path / "quiet.md"))
    assert quiet.findings == [] and quiet.errors == []  # its per-file ignore applies


def test_a_configuration_that_cannot_be_used_is_the_documents_problem(tmp_path):
    (tmp_path / "loclint.toml").write_text('market = 7\n', encoding="utf-8")

    def session():
        return Session(Flags())

    linted = lint_buffer(session, "Die besten\n", str(tmp_path / "a.md"))
    assert linted.problem.startswith("loclint configuration error:") and "market" in linted.problem


def test_lint_as_leaves_no_copy_behind(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    collected = Linted(None, "", "")

    class Keep:
        def finding(self, f): collected.findings.append(f)
        def error(self, e): collected.errors.append(e)
        def finish(self, summary): pass

    lint_as(Session(Flags(market="DE")), "Die besten\n".encode(), str(tmp_path / "b.md"), Keep())
    assert [f.rule for f in collected.findings] == ["DE001"]
    assert list(tmp_path.iterdir()) == []


def test_check_does_not_import_the_server(tmp_path):
    from test_startup_imports import modules_after

    (tmp_path / "one.txt").write_text("Ein Topf aus Gusseisen.\n", encoding="utf-8")
    loaded = modules_after(tmp_path, "--market", "DE", tmp_path / "one.txt")
    assert "loclint.engine" in loaded
    assert not {"pygls", "lsprotocol", "cattrs", "loclint.server"} & loaded


XLIFF_12 = (Path(__file__).resolve().parent / "i18n" / "shop.de.xlf").read_text(encoding="utf-8")
XLIFF_20 = '''<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="de-DE">
  <file id="f1">
    <unit id="u1">
      <segment id="s1">
        <source>The best pans</source>
        <target>Die besten Pfannen</target>
      </segment>
    </unit>
    <unit id="u2">
      <notes><note>Shown on the product page.</note></notes>
      <segment id="s1">
        <source>The best pots</source>
        <target>Die besten Töpfe</target>
      </segment>
    </unit>
  </file>
</xliff>
'''


@pytest.mark.parametrize("name, text", [("shop.de.xlf", XLIFF_12), ("shop.xlf", XLIFF_20)])
def test_xliff_suppression_is_a_note_the_reader_finds(tmp_path, name, text):
    session = Session(Flags())
    path = str(tmp_path / name)
    before = [f for f in lint_buffer(lambda: session, text, path).findings if f.rule == "DE001"]
    assert before
    for spot in before:  # each unit's finding, one at a time, with the reason written in
        result = suppressed("xliff", path, text, spot).replace("-- </note>", "-- Testsieger 2026</note>")
        after = lint_buffer(lambda: session, result, path)
        assert after.errors == []
        assert not [f for f in after.findings if f.rule in ("LNT001", "LNT002")]
        left = [f for f in after.findings if f.rule == "DE001"]
        assert len(left) == len(before) - 1 and spot.record not in {f.record for f in left}


YAML = """# three records
- id: yaml-1
  title: Ein Topf
- id: yaml-2
  bullets:
    - die besten Töpfe
- {id: yaml-3, title: Die besten Pfannen}
"""


def test_yaml_suppression_is_a_key_of_the_record_in_its_own_style(tmp_path):
    import yaml

    session = Session(Flags(market="DE"))
    path = str(tmp_path / "shop.yaml")
    before = [f for f in lint_buffer(lambda: session, YAML, path).findings if f.rule == "DE001"]
    assert {f.record for f in before} == {"yaml-2", "yaml-3"}
    for spot in before:
        result = suppressed("yaml", path, YAML, spot)
        records = yaml.safe_load(result)
        assert [r["id"] for r in records] == ["yaml-1", "yaml-2", "yaml-3"]
        (marked,) = [r for r in records if "_loclint" in r]
        assert marked["id"] == spot.record and marked["_loclint"] == "loclint: ignore[DE001] -- "
        reasoned = result.replace("ignore[DE001] -- ", "ignore[DE001] -- Testsieger 2026")
        left = [f for f in lint_buffer(lambda: session, reasoned, path).findings if f.rule in ("DE001", "LNT001")]
        assert [f.record for f in left] == [f.record for f in before if f is not spot]
