"""JSON translation resources (i18next/Medusa nested keys, flat keys, ARB): told apart from
listing records by their shape; each string is a record whose findings point at the raw
character; the market comes from @@locale, then the path."""
import json
from pathlib import Path

import pytest

from loclint.model import ReadError, Record
from loclint.readers import read_file
from loclint.readers.translation.i18njson import is_resource
from loclint.writeback import fix_file

DATA = Path(__file__).resolve().parent / "i18n"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "translations"


def read(path, market=None):
    items = list(read_file(str(path), market))
    return [i for i in items if isinstance(i, Record)], [i for i in items if isinstance(i, ReadError)]


def found(linter, path, market=None):
    records, errors = read(path, market)
    assert errors == []
    return {(f.record, f.rule): (f.line, f.column, f.text) for r in records for f in linter.market(r.market).lint(r)}


@pytest.mark.parametrize("doc, resource", [
    ({"general": {"save": "Speichern"}}, True),                 # nested keys
    ({"save": "Speichern", "cancel": "Abbrechen"}, True),       # flat keys
    ({"@@locale": "de", "title": "Titel"}, True),               # ARB, even with a record key
    ({"title": "Shop", "cart": {"empty": "Leer"}}, True),       # nests what no record has
    ({"title": "Kochtopf", "description": "Edelstahl"}, False),  # a record
    ({"id": "1", "title": "Topf", "attributes": {"color": "rot"}}, False),
    ({"title": "Topf", "price": {"amount": 5}}, False),
    ({"name": "x", "count": 3}, False),                         # not all strings: some other JSON
    ([{"title": "Topf"}], False),
    ({}, False),
])
def test_resources_are_told_from_records_by_shape(doc, resource):
    assert is_resource(doc) is resource


def test_nested_keys_positions_through_escapes_and_lists(linter):
    path = DATA / "locales" / "de" / "translation.json"
    lines = path.read_text(encoding="utf-8").split("\n")
    assert '\\"Klassiker\\"\\tfür \\u00fcberall: die besten' in lines[5]
    assert found(linter, path) == {
        ("general.items_other", "DE001"): (5, lines[4].index("die besten") + 1, "die besten"),
        ("general.quote", "DE001"): (6, lines[5].index("die besten") + 1, "die besten"),
        ("product.title", "DE001"): (9, 15, "Die beste"),
        ("product.sizes[1]", "MET001"): (10, lines[9].index("27 Zoll") + 1, "27 Zoll"),
    }
    assert lines[5].index("die besten") + 1 == 52  # raw: \" \" \t \u00fc count as their characters
    records, _ = read(path)
    # $schema is not a string to lint; a product.title key is linted as a listing title
    assert [(r.id, r.fields[0].scope, r.market) for r in records][:1] == [("general.items_one", "description", "DE")]
    assert next(r for r in records if r.id == "product.title").fields[0].scope == "title"
    assert all(r.partial and r.fields[0].source is None for r in records)


def test_arb_locale_metadata_and_suppressions_in_descriptions(linter):
    path = DATA / "app_de.arb"
    lines = path.read_text(encoding="utf-8").split("\n")
    records, errors = read(path)
    assert errors == [] and [r.id for r in records] == ["greeting", "lamp"]  # @keys are metadata
    assert [(d.text, d.line, d.column) for d in records[0].directives] == [
        ("loclint: ignore[DE001] -- Beleg: Testbericht 2026", 5, lines[4].index("loclint") + 1)]
    assert records[1].directives == ()  # a plain description is a note for translators
    assert found(linter, path) == {("lamp", "DE001"): (8, 12, "Die beste")}  # greeting's DE001 suppressed


@pytest.mark.parametrize("name, doc, market, expected", [
    ("strings.json", {"@@locale": "de_AT", "a": "Schuh"}, None, "AT"),
    ("pt-BR.json", {"a": "Sapato"}, None, "BR"),
    ("medusajs-dashboard-2.21.2_ptBR.json", {"a": "Sapato"}, None, "BR"),
    ("de.json", {"a": "Schuh"}, "CH", "CH"),   # --market picks among the markets speaking de
    ("strings.json", {"a": "Schuh"}, "DE", "DE"),
])
def test_market_from_locale_metadata_then_path_then_flag(tmp_path, name, doc, market, expected):
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    records, errors = read(path, market)
    assert errors == [] and [r.market for r in records] == [expected]


def test_a_resource_without_a_market_is_one_error(tmp_path):
    path = tmp_path / "strings.json"
    path.write_text(json.dumps({"a": "Schuh", "b": {"c": "Hut"}}), encoding="utf-8")
    records, errors = read(path)
    assert records == [] and len(errors) == 1 and errors[0].whole_file
    assert "no language found in the file or its name" in errors[0].message


def test_a_broken_arb_file_is_named(tmp_path):
    path = tmp_path / "app_de.arb"
    path.write_text('{"a": "Schuh",}', encoding="utf-8")
    records, errors = read(path)
    assert records == [] and errors[0].whole_file and errors[0].message.startswith("not JSON:")


def test_fixes_are_written_back_as_json_escapes(linter, tmp_path):
    path = tmp_path / "de.json"
    path.write_text('{\n  "size": "Gr\\u00f6\\u00dfe: \\"27 Zoll\\""\n}\n', encoding="utf-8")
    result = fix_file(linter, str(path))
    assert result.error is None and result.applied == 1
    assert path.read_text(encoding="utf-8") == '{\n  "size": "Gr\\u00f6\\u00dfe: \\"68,6 cm (27 Zoll)\\""\n}\n'


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not checked out beside this repository")
@pytest.mark.parametrize("name, market", [("medusajs-dashboard-2.21.2_de.json", "DE"),
                                          ("medusajs-dashboard-2.21.2_ptBR.json", "BR")])
def test_real_resources_read_as_resources_without_errors(name, market):
    records, errors = read(CORPUS / name)
    assert errors == [] and len(records) > 2000 and {r.market for r in records} == {market}
    assert all(r.fields[0].position(0) != (0, 0) for r in records)
