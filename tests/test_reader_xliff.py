"""XLIFF 1.2 and 2.0: a record per unit with a target; inline codes are not text; positions are
exact through entities, character references and inline markup; hostile XML (external entities,
entity expansion) is refused with an error naming the file, never resolved."""
import json
from pathlib import Path

import pytest

from conftest import runner
from loclint.cli import main
from loclint.model import ReadError, Record
from loclint.readers import read_file
from loclint.readers.translation.xmlscan import OBJECT
from loclint.writeback import fix_file

DATA = Path(__file__).resolve().parent / "i18n"


def read(path, market=None):
    items = list(read_file(str(path), market))
    return [i for i in items if isinstance(i, Record)], [i for i in items if isinstance(i, ReadError)]


def found(linter, path):
    records, errors = read(path)
    assert errors == []
    return {(f.record, f.field, f.rule): (f.line, f.column, f.end_line, f.end_column, f.text)
            for r in records for f in linter.market(r.market).lint(r)}


def test_xliff_12_units_targets_sources_and_notes():
    records, errors = read(DATA / "shop.de.xlf")
    assert errors == []
    # t4 is translate="no", t5 has no target; alt-trans suggestions are not the translation
    assert [(r.id, r.market, r.line) for r in records] == [("t1", "DE", 5), ("t2", "DE", 9), ("t3", "DE", 14)]
    t2, t3 = records[1].fields[0], records[2].fields[0]
    assert t2.text == f"Tom & Jerrys é der beste Topf{OBJECT}, 12 inches"  # <g> text kept, <x/> a code
    assert t2.source.text == f"Tom & Jerry's best pot{OBJECT}, 12 inches"
    assert t3.text == f"Lampe mit {OBJECT} Licht, die beste"  # the native code inside <ph> is not text
    assert [(d.text, d.line, d.column) for d in records[1].directives] == [
        ("loclint: ignore[MET001] -- Maß steht in der Tabelle darunter", 12, 15)]


def test_positions_through_entities_references_and_inline_markup(linter):
    lines = (DATA / "shop.de.xlf").read_text(encoding="utf-8").split("\n")
    assert found(linter, DATA / "shop.de.xlf") == {
        ("t1", "target", "DE001"): (7, 17, 7, 27, "Die besten"),
        # after &amp; and &#xE9;, and across <g id="1">: the span ends after "beste" inside it
        ("t2", "target", "DE001"): (11, lines[10].index("der <g") + 1, 11, lines[10].index("</g>") + 1, "der beste"),
        # after a <ph> holding escaped native markup (its "the best" is not linted)
        ("t3", "target", "DE001"): (16, lines[15].index("die beste") + 1, 16, lines[15].index("</target>") + 1,
                                    "die beste"),
    }  # t2's MET001 is suppressed by its note
    assert lines[10].index("der <g") + 1 == 41


def test_xliff_20_segments_and_the_target_language():
    records, errors = read(DATA / "shop.xliff")
    assert errors == [] and len(records) == 1
    unit = records[0]
    assert (unit.id, unit.market, unit.locale) == ("u1", "BR", "pt-BR")
    assert [(f.path, f.text, f.source.text) for f in unit.fields] == [
        ("target[1]", "Tela de 27 inches.", "Screen of 27 inches."),
        ("target[2]", "Pague com cartão de crédito.", f"Pay with credit card{OBJECT}."),  # <pc> wraps text
    ]
    assert unit.directives == ()  # a note for translators is not a directive


def test_positions_in_xliff_20(linter):
    lines = (DATA / "shop.xliff").read_text(encoding="utf-8").split("\n")
    got = found(linter, DATA / "shop.xliff")
    assert got[("u1", "target[1]", "MET001")][:2] == (8, lines[7].index("27 inches") + 1)
    assert got[("u1", "target[2]", "BR003")][:2] == (13, lines[12].index("cartão") + 1)


def test_plain_targets_take_fixes_with_xml_escapes_and_marked_up_ones_are_left(linter, tmp_path):
    path = tmp_path / "de.xlf"
    template = ('<xliff version="1.2"><file target-language="de" source-language="en"><body>'
                '<trans-unit id="a"><source>x</source><target>Tom &amp; Jerry: {a}</target></trans-unit>'
                '<trans-unit id="b"><source>y</source><target>Breite<x id="1"/> 12 inches</target></trans-unit>'
                '</body></file></xliff>\n')
    path.write_text(template.format(a="12 inches"), encoding="utf-8")
    result = fix_file(linter, str(path))
    assert result.error is None and result.applied == 1
    assert path.read_text(encoding="utf-8") == template.format(a="30,5 cm (12 inches)")


HOSTILE = {
    "xxe": ('<?xml version="1.0"?>\n<!DOCTYPE xliff [\n<!ENTITY secret SYSTEM "file:///etc/passwd">\n]>\n'
            '<xliff version="1.2"><file target-language="de"><body><trans-unit id="1"><source>a</source>'
            '<target>&secret;</target></trans-unit></body></file></xliff>',
            "refused: the document declares the entity 'secret' (SYSTEM file:///etc/passwd); "
            "loclint never expands or fetches XML entities", 3),
    "billion-laughs": ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
                       ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
                       ' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n'
                       '<xliff version="1.2"><file target-language="de"><body><trans-unit id="1"><source>a</source>'
                       '<target>&lol3;</target></trans-unit></body></file></xliff>',
                       "refused: the document declares the entity 'lol'", 3),
    "broken": ('<xliff version="1.2">\n<file target-language="de"><body>\n<trans-unit id="1"><source>a</source>'
               '<target>b</trans-unit>\n</body></file></xliff>', "not XML: mismatched tag at column", 3),
    "not-utf8": (b'<xliff version="1.2"><file target-language="de"><target>Gr\xf6\xdfe</target></file></xliff>',
                 "not UTF-8: byte 0xf6 on line 1", 0),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_and_broken_xml_is_one_error_naming_the_file(tmp_path, case):
    content, message, line = HOSTILE[case]
    bad = tmp_path / "de.xlf"
    bad.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    records, errors = read(bad)
    assert records == [] and len(errors) == 1
    assert message in errors[0].message and errors[0].whole_file and errors[0].line == line

    result = runner().invoke(main, ["check", "--no-cache", "--format", "json", "--fail-on", "never",
                                    str(bad), str(DATA / "shop.xliff")])
    assert result.exit_code == 2 and "Traceback" not in (result.stderr or "")
    doc = json.loads(result.stdout)
    assert [(e["path"], e["line"]) for e in doc["errors"]] == [(str(bad), line)]
    assert doc["summary"]["records"] == 1  # the good file is still linted
    assert "root:" not in json.dumps(doc)  # nothing of /etc/passwd anywhere


def test_a_unit_language_without_a_market_is_one_error(tmp_path):
    path = tmp_path / "strings.xlf"
    path.write_text('<xliff version="1.2"><file target-language="ja"><body>'
                    '<trans-unit id="1"><source>a</source><target>b</target></trans-unit>'
                    '<trans-unit id="2"><source>c</source><target>d</target></trans-unit></body></file></xliff>',
                    encoding="utf-8")
    records, errors = read(path)
    assert records == [] and [e.message for e in errors] == [
        "language ja (target language) is not spoken in any market loclint has rules for; pass --market; file skipped"]
    assert [r.market for r in read(path, "DE")[0]] == ["DE", "DE"]  # the flag fills in


def test_an_inline_code_the_target_drops_is_a_placeholder_finding(linter):
    records, _ = read(DATA / "shop.xliff")
    lines = (DATA / "shop.xliff").read_text(encoding="utf-8").split("\n")
    dropped = [f for f in linter.market("BR").lint(records[0]) if f.rule == "LNT003"]
    assert [(f.field, f.line, f.column, f.text) for f in dropped] == [
        ("target[2]", 13, lines[12].index("Pague") + 1, "Pague com cartão de crédito.")]
    assert "drops the inline code <ph id=\"2\"/> of its source" in dropped[0].message


def test_a_dropped_inline_code_is_named_by_its_id_and_what_it_stands_for(linter, tmp_path):
    path = tmp_path / "checkout.de.xlf"
    path.write_text('<xliff version="1.2"><file target-language="de"><body>'
                    '<trans-unit id="a"><source>Fast<x id="7" equiv-text="&lt;br/&gt;"/>delivery</source>'
                    '<target>Schnelle Lieferung</target></trans-unit>'
                    '<trans-unit id="b"><source>Pay <ph id="1">&lt;b&gt;</ph>now<ph id="2">&lt;/b&gt;</ph></source>'
                    '<target>Jetzt <ph id="1">&lt;b&gt;</ph>zahlen</target></trans-unit>'
                    '<trans-unit id="c"><source>Hi <ph id="3" equiv-text="{name}"/></source>'
                    '<target>Hallo</target></trans-unit></body></file></xliff>', encoding="utf-8")
    records, _ = read(path)
    messages = [f.message for r in records for f in linter.market("DE").lint(r) if f.rule == "LNT003"]
    assert [m.split(" of its source")[0] for m in messages] == [
        "The translation drops the inline code <x id=\"7\"/> (“<br/>”)",
        "The translation drops the inline code <ph id=\"2\"/> (“</b>”)",  # not id 1, which the target kept
        "The translation drops the inline code <ph id=\"3\"/>"]  # an equiv-text in braces is not shown
