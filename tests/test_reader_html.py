"""HTML and Markdown: rules read the text, not the markup, and findings point at the exact
character in the file through tags, entities, Markdown code and links, and CSV cells."""
import codecs

import pytest

from loclint.model import ReadError, Record
from loclint.readers import read_file
from loclint.readers.markup.htmltext import html_text, looks_like_html
from loclint.readers.markup.markdowntext import markdown_text

MAKER = "Hersteller: Beispiel GmbH, Musterstr. 1, 10115 Berlin, info@beispiel.example"


def where(text: str, needle: str) -> tuple[int, int]:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def lint(linter, path, market="DE", rule=None):
    items = list(read_file(str(path), market))
    assert [i for i in items if isinstance(i, ReadError)] == []
    [record] = [i for i in items if isinstance(i, Record)]
    found = [f for f in linter.market(record.market).lint(record) if rule is None or f.rule == rule]
    return record, found


# --- HTML to text ------------------------------------------------------------------------------

def test_text_is_what_a_buyer_reads_and_each_character_maps_back():
    raw = ('<div class="x"><p>Gr&uuml;ne <b>Un</b>schlagbar &amp; gut</p><script>var s = "<p>die besten";</script>'
           '<ul><li>eins</li><li>zwei&#252;&#x263a;&nbsp;&foo; &uuml ende</li></ul><!-- die besten --></div>')
    page = html_text(raw)
    assert page.text == "\n\nGrüne Unschlagbar & gut\n\n\neins\n\nzweiü☺\xa0&foo; ü ende\n\n\n"
    references = {"ü": ("&uuml;", "&#252;", "&uuml"), "&": ("&amp;",), "☺": ("&#x263a;",), "\xa0": ("&nbsp;",)}
    for i, char in enumerate(page.text):
        start, end = page.raw_offset(i), page.raw_end(i + 1)
        if char == "\n":
            assert raw[start] == "<"  # a block tag
        elif raw[start:end] != char:
            assert raw[start:end] in references[char]


def test_a_span_of_text_is_a_span_of_markup_for_write_back():
    raw = "<p>Der <b>Un</b>schlagbar g&uuml;nstige Topf</p>"
    page = html_text(raw)
    start = page.text.index("Unschlagbar")
    end = page.text.index(" Topf")
    assert raw[page.raw_offset(start):page.raw_end(end)] == "Un</b>schlagbar g&uuml;nstige"
    assert page.raw_end(page.text.index("Un") + 2) == raw.index("</b>")  # ends right after "Un", not after the tag


@pytest.mark.parametrize("text, expected", [
    ("<p>Topf</p>", True), ("Topf<br/>Deckel", True), ("Topf &amp; Deckel", True), ("Kabel <3 m>", False),
    ("a < b > c", False), ("Tom & Jerry", False), ("<Marke>", False),
])
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


# --- .html files -------------------------------------------------------------------------------

def test_html_file_findings_point_into_the_markup(linter, tmp_path):
    raw = ("<!DOCTYPE html>\n<html><head><title>Die besten Töpfe</title>\n<style>.x{}</style></head>\n<body>\n"
           "<h1>T&ouml;pfe &ndash; <em>die</em> besten</h1>\n"
           "<p>Unser Deckel ist <a href=\"/der-beste\" title=\"der beste\">der beste</a>.</p>\n"
           "<script>const claim = 'das Beste';</script>\n"
           f"<p>{MAKER}</p>\n</body></html>\n")
    path = tmp_path / "beschreibung.html"
    path.write_text(raw, encoding="utf-8")
    record, found = lint(linter, path, rule="DE001")
    assert record.id == "beschreibung.html" and "<" not in record.fields[0].text
    assert sorted((f.text, f.line, f.column) for f in found) == [
        ("der beste", *where(raw, "der beste</a>")),
        ("die besten", *where(raw, "die</em> besten")),
    ]
    assert where(raw, "die</em> besten") == (5, 28)


@pytest.mark.parametrize("encode", [lambda s: codecs.BOM_UTF8 + s.encode(), lambda s: s.encode("utf-16")])
def test_html_with_bom_or_utf16(linter, tmp_path, encode):
    raw = f"<p>Set &ndash; die besten T&ouml;pfe</p>\n<p>{MAKER}</p>\n"
    path = tmp_path / "bom.htm"
    path.write_bytes(encode(raw))
    _, [f] = lint(linter, path, rule="DE001")
    assert (f.line, f.column) == where(raw, "die besten") == (1, 16)


def test_binary_html_is_a_whole_file_error(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b"\x00\x00\x00 GIF89a")
    [error] = list(read_file(str(path), "DE"))
    assert error.whole_file and error.message == "binary file (NUL bytes), not text"


# --- HTML inside CSV cells ---------------------------------------------------------------------

def test_shopify_body_html_positions_through_entities_tags_doubled_quotes_and_lines(linter, tmp_path):
    text = (
        "Handle,Title,Body (HTML),Vendor\n"
        'topf,Kochtopf,"<p class=""lead"">Gr&uuml;n &amp; robust.</p>\n'
        '<ul><li>Deckel: <strong>der</strong> beste</li><li>'
        f'{MAKER}</li></ul>",Acme\n'
    )
    path = tmp_path / "products_export_1.csv"
    path.write_text(text, encoding="utf-8")
    record, found = lint(linter, path, rule="DE001")
    description = {f.path: f for f in record.fields}["description"]
    assert description.text == f"\nGrün & robust.\n\n\n\nDeckel: der beste\n\n{MAKER}\n\n"
    [f] = found
    assert (f.field, f.text, f.line, f.column) == ("description", "der beste", *where(text, "der</strong> beste"))
    assert (f.line, f.column) == (3, 25)
    assert description.position(description.text.index("robust")) == where(text, "robust")


# --- Markdown ------------------------------------------------------------------------------------

def test_markdown_blanks_code_links_and_urls_and_keeps_offsets():
    raw = ("**Neu:** [die besten Töpfe](https://x.example/die-besten \"die besten\") und `der beste` Code\n"
           "```\nder beste\n```\n<https://die-besten.example> www.die-besten.example <!-- der beste -->\n"
           "[ref]: https://x.example/der-beste\n![der beste Hund](img/der-beste.png)\n")
    text = markdown_text(raw)
    assert len(text) == len(raw) and text.count("\n") == raw.count("\n")
    assert [" ".join(line.split()) for line in text.split("\n")] == [
        "**Neu:** [die besten Töpfe] und Code", "", "", "", "", "", "![der beste Hund]", ""]


def test_markdown_file_flags_link_text_not_code_or_urls(linter, tmp_path):
    raw = ("# Topf\n\nSiehe `der beste` und https://x.example/die-besten.\n\n"
           "```text\nDer beste Code\n```\n\n"
           "Mehr: [unser Topf ist der beste](https://x.example/das-beste).\n\n"
           f"{MAKER}\n")
    path = tmp_path / "listing.md"
    path.write_text(raw, encoding="utf-8")
    _, found = lint(linter, path, rule="DE001")
    assert [(f.text, f.line, f.column) for f in found] == [("der beste", *where(raw, "der beste]("))]
    assert where(raw, "der beste](") == (9, 23)
