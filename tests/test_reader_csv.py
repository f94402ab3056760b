"""CSV and TSV feeds: cells to fields by presets and column maps, positions exact through doubled
quotes and multi-line cells, malformed rows reported with file and line while the run goes on."""
import codecs
import csv
import io

import pytest

from loclint.model import ReadError, Record
from loclint.readers import read_file
from loclint.readers.feeds.csvmap import check_target, detect_preset, normalize, resolve, PRESETS
from loclint.readers.feeds.csvscan import Row, SyntaxProblem, scan, sniff_delimiter
from loclint.readers.options import ReadOptions
from loclint.readers.feeds.prices import parse_amount, parse_price

MAKER = "Hersteller: Beispiel GmbH, Musterstr. 1, 10115 Berlin, info@beispiel.example"


def read(path, market=None, **options):
    items = list(read_file(str(path), market, None, ReadOptions(**options)))
    return [i for i in items if isinstance(i, Record)], [i for i in items if isinstance(i, ReadError)]


def fields(record):
    return {f.path: f for f in record.fields}


def where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the nth ``needle`` in the raw file text."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


# --- the scanner agrees with the csv module -------------------------------------------------

TRICKY = [
    'a,b,c\n1,2,3\n',
    'a,b\r\n"x, y","say ""hi"""\r\n',
    'a,b\n"multi\nline\r\ncell",z\n',
    'a;b\n"1;2";3\n\n\n4;5\n',
    'a\tb\n"t\tab"\tq"uote\n',
    'a,b\n,\n"",""\n',
    'only\n"no newline at end"',
    'a,b\n"""quoted start",x"y\n',
    'a,b\rc,d\r',
]


@pytest.mark.parametrize("text", TRICKY)
def test_scanner_reads_what_the_csv_module_reads_and_each_cell_starts_where_it_says(text):
    delimiter = sniff_delimiter(text)
    rows = list(scan(text, delimiter))
    assert all(isinstance(r, Row) for r in rows)
    expected = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if r]
    assert [[c.value for c in r.cells] for r in rows] == expected
    for row in rows:
        for cell in row.cells:
            for offset, char in enumerate(cell.value):
                assert text[cell.raw_index(offset)] == char


@pytest.mark.parametrize("text, delimiter", [
    ("id,title\n1,x\n", ","), ("id;title;price\n1;x;1,50\n", ";"), ("id\ttitle\n1\tx, y\n", "\t"),
    ('id|title\n1|"a,b,c,d"\n', "|"), ("single\nvalue\n", ","),
])
def test_delimiter_is_sniffed_from_the_first_lines_outside_quotes(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_an_unclosed_quote_and_a_junk_after_quote_row_are_skipped_and_the_rows_below_read():
    items = list(scan('a,b\n"x"y,1\n2,3\n"open,4\n5,6\n', ","))
    problems = [p for p in items if isinstance(p, SyntaxProblem)]
    assert [p.start for p in problems] == [7, 15]  # the junk after the quote, the quote never closed
    assert [[c.value for c in r.cells] for r in items if isinstance(r, Row)] == [["a", "b"], ["2", "3"], ["5", "6"]]


# --- positions in the file -------------------------------------------------------------------

def test_positions_through_doubled_quotes_multiline_cells_and_crlf(linter, tmp_path):
    text = (
        "id,market,title,description\r\n"
        'A-1,DE,"Set ""Profi"", 3-teilig: die besten Töpfe","Zeile eins,\r\n'
        f'zweite Zeile mit ""Zitat"": der beste Deckel.\r\n{MAKER}"\r\n'
        "A-2,DE,Nur ein Topf,Ohne Befund\r\n"
    )
    path = write(tmp_path, "feed.csv", text)
    records, errors = read(path)
    assert errors == [] and [(r.id, r.line) for r in records] == [("A-1", 2), ("A-2", 5)]
    first = fields(records[0])
    assert first["title"].text == 'Set "Profi", 3-teilig: die besten Töpfe'
    found = {f.field: f for f in linter.market("DE").lint(records[0]) if f.rule == "DE001"}
    assert (found["title"].text, found["title"].line, found["title"].column) == (
        "die besten", *where(text, "die besten"))
    assert (found["title"].line, found["title"].column) == (2, 34)
    assert (found["description"].text, found["description"].line, found["description"].column) == (
        "der beste", *where(text, "der beste"))
    assert (found["description"].line, found["description"].column) == (3, 29)


def test_every_character_of_every_value_maps_to_itself_in_the_file(tmp_path):
    text = ('id,title,bullets,attributes.color\n'
            'x1,"  Topf ""A""  ","eins\n  zwei ""2""\n\ndrei",  Lila \n')
    path = write(tmp_path, "all.csv", text)
    [record], errors = read(path)
    assert errors == []
    lines = text.split("\n")
    assert [f.path for f in record.fields] == ["title", "bullets[0]", "bullets[1]", "bullets[2]",
                                              "attributes.color"]
    assert [f.text for f in record.fields] == ['Topf "A"', "eins", 'zwei "2"', "drei", "Lila"]
    for f in record.fields:
        for offset, char in enumerate(f.text):
            line, column = f.position(offset)
            raw = lines[line - 1][column - 1]
            assert raw == char, (f.path, offset)
            if char == '"':
                assert lines[line - 1][column] == '"'  # a doubled quote: the first of the pair


def test_bom_utf16_and_semicolon_feeds_point_at_the_same_places(linter, tmp_path):
    text = "id;market;title;price\nB-1;DE;Set – die besten Töpfe;\"1.234,50 €\"\n"
    for name, data in [("bom.csv", codecs.BOM_UTF8 + text.encode()),
                       ("u16.csv", text.encode("utf-16"))]:
        [record], errors = read(write(tmp_path, name, data))
        assert errors == [] and record.price == {"amount": 1234.5, "currency": "EUR"}
        [f] = [f for f in linter.market("DE").lint(record) if f.rule == "DE001"]
        assert (f.line, f.column) == where(text, "die besten") == (2, 14)
        assert fields(record)["price.currency"].position(0) == where(text, "€")


def test_tsv_is_tab_separated_even_when_commas_dominate(tmp_path):
    text = "id\ttitle\tdescription\nT-1\tTopf, groß, rot\tEins, zwei, drei, vier\n"
    [record], errors = read(write(tmp_path, "feed.tsv", text))
    assert errors == [] and fields(record)["title"].text == "Topf, groß, rot"
    assert fields(record)["description"].position(6) == where(text, "zwei")


# --- mapping: canonical names, presets, overrides ---------------------------------------------

def test_canonical_columns_numbered_bullets_unknown_columns_become_attributes(tmp_path):
    text = ("ID,Title,Bullet 2,Bullet 1,Country of Origin,price,currency,image,alt,image colors,market\n"
            "c1,Topf,zweiter,erster,CN,\"24,99\",EUR,a.jpg,Ein Topf,\"purple, white\",de\n")
    [record], errors = read(write(tmp_path, "c.csv", text))
    assert errors == []
    assert record.market == "DE" and record.attributes == {"country_of_origin": "CN"}
    assert record.price == {"amount": 24.99, "currency": "EUR"}
    got = {f.path: f.text for f in record.fields}
    assert got == {"title": "Topf", "bullets[0]": "zweiter", "bullets[1]": "erster",
                   "attributes.country_of_origin": "CN", "price.currency": "EUR",
                   "images[0].file": "a.jpg", "images[0].alt": "Ein Topf",
                   "images[0].colors[0]": "purple", "images[0].colors[1]": "white"}
    assert fields(record)["images[0].colors[1]"].position(0) == where(text, "white")


def test_google_preset_is_detected_and_parses_price_with_currency(tmp_path):
    text = ("id,title,description,link,image_link,availability,price,brand,color,product_type,google_product_category\n"
            "g1,Kochtopf,Guter Topf,https://x,https://x/a.jpg,in stock,15.00 USD,Acme,Purple,Küche > Töpfe,Home\n")
    [record], errors = read(write(tmp_path, "google.csv", text))
    assert errors == []
    assert record.price == {"amount": 15.0, "currency": "USD"}
    assert record.attributes == {"brand": "Acme", "color": "Purple", "category": "Küche > Töpfe"}
    assert "images[0].file" not in fields(record)  # Google feeds have no alt text to check
    assert fields(record)["price.currency"].position(0) == where(text, "USD")


def test_shopify_continuation_rows_add_images_and_variant_options(linter, tmp_path):
    text = (
        "Handle,Title,Body (HTML),Vendor,Type,Option1 Name,Option1 Value,Variant Price,Variant SKU,Image Src,Image Alt Text\n"
        'schal,Seidenschal,"<p>Weich.</p>",Acme,Schal,Color,Purple,24.99,S-1,a.jpg,Lila Schal\n'
        "schal,,,,,,White,24.99,S-2,https://cdn.example/files/b.jpg?v=2,\n"
        "topf,Topf,Gut,Acme,Topf,Title,Default Title,10,T-1,,\n"
    )
    records, errors = read(write(tmp_path, "products_export.csv", text))
    assert errors == [] and [(r.id, r.line) for r in records] == [("schal", 2), ("topf", 4)]
    scarf = records[0]
    assert scarf.attributes == {"brand": "Acme", "category": "Schal", "color": ["Purple", "White"]}
    assert scarf.price == {"amount": 24.99}
    got = fields(scarf)
    assert (got["images[1].file"].text, got["images[1].file"].position(0)) == ("b.jpg", where(text, "b.jpg"))
    assert got["attributes.color[1]"].position(0) == where(text, "White")
    assert records[1].attributes == {"brand": "Acme", "category": "Topf"}
    # the second image has no alt text: AST001 points at its cell on line 3
    [missing_alt] = [f for f in linter.market("DE").lint(scarf) if f.rule == "AST001"]
    assert (missing_alt.field, missing_alt.line, missing_alt.column) == ("images[1].file", *where(text, "b.jpg"))


def test_amazon_flat_file_header_on_row_three(linter, tmp_path):
    text = (
        "TemplateType=fptcustom\tVersion=2023.1\tTemplateSignature=KITCHEN\n"
        "Seller SKU\tProduct Name\tProduct Description\tBullet Point\tBullet Point\tStandard Price\tCurrency\tMain Image URL\n"
        "item_sku\titem_name\tproduct_description\tbullet_point1\tbullet_point2\tstandard_price\tcurrency\tmain_image_url\n"
        f"AMZ-1\tTopf, unschlagbar günstig\t{MAKER}\tEdelstahl\tDer beste Deckel\t19.99\tEUR\thttps://x/a.jpg\n"
    )
    path = write(tmp_path, "amazon.tsv", text)
    [record], errors = read(path, "DE")
    assert errors == [] and (record.id, record.line, record.market) == ("AMZ-1", 4, "DE")
    assert record.price == {"amount": 19.99, "currency": "EUR"}
    assert [f.path for f in record.fields] == ["title", "description", "bullets[0]", "bullets[1]", "price.currency"]
    found = {f.field: f for f in linter.market("DE").lint(record) if f.rule == "DE001"}
    assert (found["bullets[1]"].line, found["bullets[1]"].column) == where(text, "Der beste")


def test_csv_map_overrides_the_preset_and_preset_can_be_forced(tmp_path):
    text = "Handle,Title,Notes\nh1,Topf,Spülmaschinenfest\n"
    path = write(tmp_path, "x.csv", text)
    [auto], _ = read(path)
    assert auto.id == "#1" and auto.attributes == {"handle": "h1", "notes": "Spülmaschinenfest"}  # canonical
    [forced], _ = read(path, csv_preset="shopify", csv_map=(("Notes", "description"),))
    assert forced.id == "h1" and fields(forced)["description"].text == "Spülmaschinenfest"
    [ignored], _ = read(path, csv_map=(("notes", "ignore"), ("HANDLE", "id")))
    assert ignored.id == "h1" and ignored.attributes == {}


def test_mapping_is_data_with_a_checked_grammar():
    assert normalize(" Body (HTML) ") == "body_(html)" and normalize("Bullet-Point 1") == "bullet_point_1"
    assert detect_preset(["Handle", "Title", "Body (HTML)"]).name == "shopify"
    assert detect_preset(["id", "title", "price"]).name == "canonical"
    assert resolve(["Variant Barcode", "Title", "Material"], PRESETS["shopify"]) == [
        "ignore", "title", "attributes.material"]
    for good in ("title", "attributes.fibre", "options[2].value", "bullets[]", "image.alt"):
        assert check_target(good) == good
    with pytest.raises(ValueError, match="unknown CSV field 'titel'"):
        check_target("titel")


@pytest.mark.parametrize("text, expected", [
    ("15.00 USD", (15.0, "USD", 6)), ("1.234,50", (1234.5, None, -1)), ("EUR 24,99", (24.99, "EUR", 0)),
    ("₹ 1,299", (1299.0, "INR", 0)), ("1,234.50", (1234.5, None, -1)), ("R$ 10,00", (10.0, "BRL", 0)),
    ("ab 12 EUR", None), ("12-15 EUR", None), ("", None), ("1.2.3,4,5", None),
])
def test_prices_written_as_text(text, expected):
    assert parse_price(text) == expected


def test_unparseable_price_is_kept_for_display_and_does_not_crash(tmp_path):
    text = "id,title,price,price.amount\np1,Topf,ab 12 EUR,\np2,Topf,,zwölf\n"
    records, errors = read(write(tmp_path, "p.csv", text))
    assert errors == [] and [r.price for r in records] == [{"display": "ab 12 EUR"}, {"display": "zwölf"}]
    assert parse_amount("1.234") == 1.234 and parse_amount("1,299") == 1299.0


# --- bad input: errors name file, line and record; the run goes on ------------------------------

def test_ragged_rows_are_errors_naming_line_and_record(tmp_path):
    text = "id,title,description\nr1,Topf,Gut\nr2,Topf\nr3,Topf,Gut,extra\nr4,Topf,Gut,,\nr5,Topf,Gut\n"
    path = write(tmp_path, "ragged.csv", text)
    records, errors = read(path)
    assert [r.id for r in records] == ["r1", "r4", "r5"]  # trailing empty cells are tolerated
    assert [(e.path, e.line, e.record, e.whole_file) for e in errors] == [
        (str(path), 3, "r2", False), (str(path), 4, "r3", False)]
    assert errors[0].message == "row has 2 cells, the header (line 1) has 3; record skipped"


def test_unclosed_quote_names_its_line_and_keeps_the_records_before_and_after(tmp_path):
    text = 'id,title\nq1,Topf\nq2,"Deckel, der nie\nendet\nq3,Pfanne\n'
    path = write(tmp_path, "open.csv", text)
    records, errors = read(path)
    assert [r.id for r in records] == ["q1", "q3"]
    assert [(e.line, e.whole_file) for e in errors] == [(3, False), (4, False)]  # "endet" alone is short
    assert errors[0].message == ("not CSV: unclosed quote: the cell opened here never ends (column 4); "
                                 "record skipped")


def test_text_after_a_closing_quote_skips_only_that_row(tmp_path):
    text = 'id,title\nj1,"Topf" extra\nj2,Pfanne\n'
    records, errors = read(write(tmp_path, "junk.csv", text))
    assert [r.id for r in records] == ["j2"]
    assert [(e.line, e.message.split(":")[0]) for e in errors] == [(2, "not CSV")]


@pytest.mark.parametrize("content, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL bytes), not text"),
    ("id,title\nx,Caf\u00e9\n".encode("latin-1"), "not UTF-8: byte 0xe9 on line 2"),
])
def test_binary_and_badly_encoded_csv_are_whole_file_errors(tmp_path, content, message):
    path = write(tmp_path, "bad.csv", content)
    [error] = list(read_file(str(path)))
    assert isinstance(error, ReadError) and error.whole_file and error.path == str(path)
    assert error.message.startswith(message)


def test_header_only_and_empty_files_have_no_records(tmp_path):
    assert read(write(tmp_path, "empty.csv", "")) == ([], [])
    assert read(write(tmp_path, "header.csv", "id,title\n")) == ([], [])


# --- write-back (--fix) ----------------------------------------------------------------------

def test_fixes_are_written_into_quoted_cells_and_refused_where_a_cell_would_break(linter, tmp_path):
    from loclint.writeback import fix_file

    text = ('id,market,title,description,attributes.dimensions\n'
            'A-1,DE,Topf,"<p>Maße: <b>15 x 10 inches</b></p>",15 x 10 inches\n'
            'A-2,DE,"Pfanne ""Profi""",ok,"30 in, ""rund"""\n')
    path = write(tmp_path, "fix.csv", text)
    result = fix_file(linter, str(path), market="DE")
    assert (result.error, result.applied) == (None, 3)
    # quoted cells: the rewrite is written with its quotes doubled, inside the HTML before its
    # closing tag; the unquoted cell needs quoting for "38,1", so the cell is quoted (RFC 4180)
    assert path.read_text(encoding="utf-8") == text.replace(
        '"30 in, ""rund"""', '"76,2 cm (30 in), ""rund"""').replace(
        "<b>15 x 10 inches</b>", "<b>38,1 × 25,4 cm (15 x 10 inches)</b>").replace(
        ",15 x 10 inches\n", ',"38,1 × 25,4 cm (15 x 10 inches)"\n')
    [a1, a2] = read(path)[0]
    assert fields(a2)["attributes.dimensions"].text == '76,2 cm (30 in), "rund"'
    assert fields(a1)["attributes.dimensions"].text == "38,1 × 25,4 cm (15 x 10 inches)"
    assert fix_file(linter, str(path), market="DE").applied == 0


def test_a_delimiter_can_be_given_instead_of_sniffed(tmp_path):
    text = "id|title;note\nx|Topf; groß\n"  # ';' and '|' tie: sniffing alone would take ';'
    [record], errors = read(write(tmp_path, "pipe.csv", text), csv_delimiter="|")
    assert errors == [] and (record.id, fields(record)["attributes.title;note"].text) == ("x", "Topf; groß")
