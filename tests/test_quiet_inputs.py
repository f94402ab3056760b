"""Inputs that went quiet (issue 15, the inputs part): a NUL byte on one line of a feed, CSV
columns nobody mapped, directory runs over files that are not listings, and the README's
pre-commit snippet (tested in test_pre_commit.py)."""
import json

import pytest

from conftest import runner
from loclint.cli import main
from loclint.model import ReadError, Record
from loclint.readers import read_file
from loclint.readers.feeds import csvmap


def read(path, market=None):
    items = list(read_file(str(path), market))
    return [i for i in items if isinstance(i, Record)], [i for i in items if isinstance(i, ReadError)]


# --- 2. a broken line is a broken line -------------------------------------------------------

def test_a_nul_byte_on_one_jsonl_line_is_that_lines_error_and_the_other_lines_are_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"id": "A-1", "title": "Tasse"}\n'
                     b'{"id": "A-2", "title": "Te\x00ller"}\n'
                     b'{"id": "A-3", "title": "Schale"}\n')
    records, errors = read(path, "DE")
    assert [r.id for r in records] == ["A-1", "A-3"]
    assert [(e.line, e.message) for e in errors] == [(2, "binary bytes (NUL) at column 27; record skipped")]
    assert not errors[0].whole_file


def test_a_nul_byte_in_one_csv_row_is_that_rows_error_and_the_other_rows_are_read(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_bytes(b"id,title\nA-1,Tasse\nA-2,Tel\x00ler\nA-3,Schale\n")
    records, errors = read(path, "DE")
    assert [r.id for r in records] == ["A-1", "A-3"]
    assert [(e.line, e.message, e.record) for e in errors] == [
        (3, "binary bytes (NUL) at column 8; record skipped", "A-2")]


@pytest.mark.parametrize("name", ["photo.jsonl", "photo.csv"])
def test_a_file_binary_throughout_stays_one_error_for_the_file(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\n\x08\x06\x00\x00\x00\x1f\xf3\xffa\n")
    records, errors = read(path, "DE")
    assert records == []
    assert [(e.line, e.message, e.whole_file) for e in errors] == [(0, "binary file (NUL bytes), not text", True)]


# --- 1. CSV headers in the markets' languages and common exports -------------------------------

@pytest.mark.parametrize("language, headers", [
    ("de", ["Produktname", "Beschreibung", "Herkunftsland", "Marke", "Hersteller", "Preis", "Kategorie"]),
    ("de", ["Produkttitel", "Produktbeschreibung", "Ursprungsland", "Marke", "Hersteller", "Preis", "Kategorie"]),
    ("fr", ["Nom du produit", "Description", "Pays d'origine", "Marque", "Fabricant", "Prix", "Catégorie"]),
    ("fr", ["Titre", "Description", "Pays d’origine", "Marque", "Fabricant", "Prix", "Categorie"]),
    ("pt", ["Nome do produto", "Descrição", "País de origem", "Marca", "Fabricante", "Preço", "Categoria"]),
    ("es", ["Título", "Descripción", "País de origen", "Marca", "Fabricante", "Precio", "Categoría"]),
    ("tr", ["Ürün adı", "Açıklama", "Menşei", "Marka", "Üretici", "Fiyat", "Kategori"]),
    ("export", ["Product Name", "About Product", "Country of Origin", "brand", "manufacturer", "Selling Price",
                "category"]),
    ("export", ["product", "description", "origin", "Brand", "Manufacturer", "sale_price", "Category"]),
])
def test_headers_in_the_markets_languages_and_common_exports_are_mapped(language, headers):
    assert csvmap.resolve(headers, csvmap.CANONICAL) == [
        "title", "description", "attributes.country_of_origin", "attributes.brand", "attributes.manufacturer",
        "price", "attributes.category"]


def test_platform_presets_keep_their_own_columns_before_the_synonyms():
    # Google's sale_price is a second price the preset ignores, not the price.
    assert csvmap.resolve(["title", "price", "sale_price"], csvmap.GOOGLE) == ["title", "price", "ignore"]
    assert csvmap.resolve(["product", "sale_price", "market_price"], csvmap.CANONICAL) == [
        "title", "price", "attributes.market_price"]


def test_an_origin_column_in_german_reaches_the_origin_rule(tmp_path):
    feed = tmp_path / "feed.csv"
    feed.write_text("Produktname;Beschreibung;Herkunftsland\nMesser;Made in Germany – robustes Messer;CN\n",
                    encoding="utf-8")
    result = runner().invoke(main, ["check", "--market", "DE", "--no-cache", "--format", "json", str(feed)])
    assert "DE004" in {f["rule"] for f in json.loads(result.stdout)["findings"]}


def test_verbose_shows_each_feeds_column_to_field_table_on_stderr(tmp_path):
    feed = tmp_path / "feed.csv"
    feed.write_text("Produktname,Lager,Preis\nTasse,3,4.99 EUR\n", encoding="utf-8")
    result = runner().invoke(main, ["check", "-v", "--market", "DE", "--no-cache", "--format", "json",
                                    "--csv-map", "Lager=ignore", str(feed)])
    json.loads(result.stdout)  # stdout stays the report
    assert result.stderr.splitlines()[:4] == [
        f"loclint: {feed}: columns (canonical preset):",
        "  Produktname  -> title",
        "  Lager        -> (ignored)",
        "  Preis        -> price"]


def test_a_feed_with_no_copy_column_is_a_warning_naming_the_headers_it_saw(tmp_path):
    feed = tmp_path / "feed.csv"
    feed.write_text("sku,Bestand,Lagerort\nA-1,3,Halle 2\n", encoding="utf-8")
    result = runner().invoke(main, ["check", "--market", "DE", "--no-cache", str(feed)])
    assert (f"loclint: {feed}: warning: no copy column (title, description, bullets) among the headers "
            "'sku', 'Bestand', 'Lagerort'") in result.stderr
    named = feed.with_name("named.csv")
    named.write_text("Produktname,Bestand\nTasse,3\n", encoding="utf-8")
    quiet = runner().invoke(main, ["check", "--market", "DE", "--no-cache", str(named)])
    assert "warning" not in quiet.stderr


def test_loclint_config_shows_the_configured_column_map(tmp_path):
    (tmp_path / "loclint.toml").write_text('[csv.map]\n"Bezeichnung" = "title"\n', encoding="utf-8")
    result = runner().invoke(main, ["config", str(tmp_path)])
    shown = json.loads(result.stdout.split("\n", 1)[1])
    assert shown["csv"]["map"] == {"Bezeichnung": "title"}


# --- 3. directory runs read listings, not the project's own files --------------------------------

# An offer (it has a price): EU007 finds no manufacturer, so a linted feed shows up in the findings.
LISTING = '{"id": "T-1", "title": "Tasse aus Steingut", "price": {"amount": 12.9, "currency": "EUR"}}\n'


def _project(tmp_path):
    (tmp_path / "listings").mkdir()
    (tmp_path / "listings" / "feed.jsonl").write_text(LISTING, encoding="utf-8")
    (tmp_path / "README.md").write_text("# Our shop\nDie besten Tassen, Made in Germany, 100% organic!\n",
                                        encoding="utf-8")
    (tmp_path / "CHANGELOG.md").write_text("- better titles\n", encoding="utf-8")
    (tmp_path / "LICENSE.txt").write_text("All rights reserved.\n", encoding="utf-8")
    (tmp_path / "package-lock.json").write_text('{"name": "shop", "lockfileVersion": 3}\n', encoding="utf-8")
    (tmp_path / "pnpm-lock.yaml").write_text("lockfileVersion: '9.0'\n", encoding="utf-8")
    return tmp_path


def test_a_directory_run_skips_readmes_changelogs_licences_and_lockfiles_and_says_so_with_v(tmp_path, monkeypatch):
    monkeypatch.chdir(_project(tmp_path))
    result = runner().invoke(main, ["check", "-v", "--market", "DE", "--no-cache", "--format", "json", "."])
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} == {"./listings/feed.jsonl"}
    for name, what in [("CHANGELOG.md", "CHANGELOG"), ("LICENSE.txt", "LICENSE"), ("README.md", "README"),
                       ("package-lock.json", "lockfile"), ("pnpm-lock.yaml", "lockfile")]:
        assert f"loclint: skipped ./{name} (not a listing ({what}))" in result.stderr
    assert "skipped 5 files: 5 not a listing" in result.stderr


def test_a_project_file_named_explicitly_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(_project(tmp_path))
    result = runner().invoke(main, ["check", "--market", "DE", "--no-cache", "--format", "json", "README.md"])
    assert "README.md" in {f["path"] for f in json.loads(result.stdout)["findings"]}


def test_the_configured_baseline_is_not_linted_by_a_directory_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "feed.jsonl").write_text('{"id": "T-1", "title": "Made in Germany", '
                                         '"attributes": {"country_of_origin": "CN"}}\n', encoding="utf-8")
    (tmp_path / "loclint.toml").write_text('market = "DE"\nbaseline = "known.json"\n', encoding="utf-8")
    first = runner().invoke(main, ["check", "--no-cache", "--format", "json", "."])
    assert (tmp_path / "known.json").exists(), first.stderr
    again = runner().invoke(main, ["check", "-v", "--no-cache", "--format", "json", "."])
    doc = json.loads(again.stdout)
    assert doc["findings"] == [] and doc["errors"] == []
    assert "loclint: skipped ./known.json (not a listing (loclint's baseline))" in again.stderr


def test_exclude_in_the_configuration_skips_like_the_flag(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "feed.jsonl").write_text('{"id": "D-1", "title": "100% bio"}\n', encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(LISTING, encoding="utf-8")
    (tmp_path / "loclint.toml").write_text('market = "DE"\nexclude = ["drafts/"]\n', encoding="utf-8")
    result = runner().invoke(main, ["check", "-v", "--no-cache", "--format", "json", "."])
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} == {"./feed.jsonl"}
    assert "loclint: skipped ./drafts/ (excluded by --exclude)" in result.stderr
    shown = runner().invoke(main, ["config"])
    assert json.loads(shown.stdout.split("\n", 1)[1])["exclude"] == ["drafts/"]


def test_a_large_binary_file_is_not_cut_into_slices_whose_lines_would_each_be_an_error(tmp_path):
    from loclint.readers.json import jsonl

    path = tmp_path / "photo.jsonl"
    path.write_bytes((b"\x00\x01\x02\xff\xfe image data \x00\n") * 2000)
    assert jsonl.slices(str(path), 1000) == []  # read whole, refused whole
    text = tmp_path / "feed.jsonl"
    text.write_bytes(b'{"id": "A-1", "title": "Tasse"}\n' * 200 + b'{"id": "A-2", "title": "Te\x00ller"}\n')
    assert len(jsonl.slices(str(text), 1000)) > 1
