"""Fuzz every reader (issue 20): arbitrary bytes under each suffix, and generated documents of
each format that are nearly right (odd scalars, quotes, escapes, entities, inline codes, lone
surrogates, control characters). Each file goes through read_file, the linter (lint_stream) and
every reporter; nothing may raise (unreadable input is a ReadError), JSON and SARIF must parse
(and SARIF validate), JUnit must parse as XML, and the human formats must show no raw control
character.

Bounded for CI: the "fuzz-ci" profile is derandomized (the same examples every run) and keeps no
example database, so the whole module runs in well under a minute. For a longer hunt:
``LOCLINT_FUZZ=fuzz-long pytest tests/test_fuzz_readers.py`` (random, many more examples). A crash
the fuzzer finds is fixed and stays below as an ``@example``, as do the inputs of issue 20's fixes.

Generated documents nest below 50 levels and hold integers below 100 digits, so that most of
them reach the rules; the deep, huge and alias-bomb inputs of issue 20 run as explicit
``@example``s (JSON, JSON Lines, YAML).
"""
import codecs
import io
import json
import os
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings, strategies as st

from loclint.model import Finding, ReadError, Record
from loclint.readers import read_file
from loclint.readers.registry import REGISTRY
from loclint.reporters import HUMAN, REPORTERS, WITH_RULEBOOK
try:
    from loclint.summary import Summary  # where main keeps it since h-settings-merge
except ImportError:
    from loclint.reporters.summary import Summary
from loclint.writeback import fix_file
from test_hostile_output import RAW_CONTROL, SARIF_SCHEMA

settings.register_profile("fuzz-ci", max_examples=30, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                 HealthCheck.filter_too_much])
settings.register_profile("fuzz-long", parent=settings.get_profile("fuzz-ci"), max_examples=500,
                          derandomize=False)
FUZZ = settings.get_profile(os.environ.get("LOCLINT_FUZZ", "fuzz-ci"))
BYTES = settings(FUZZ, max_examples=max(1, FUZZ.max_examples // 3))  # per suffix: ~20 of them

MAX_DIGITS = 100  # see the module docstring: big integers are another change's subject
MAX_LEAVES = 12  # st.recursive nests no deeper than its leaves: far below the cap of 50


# --- the pipeline every generated file goes through -----------------------------------------

_SARIF = jsonschema.Draft7Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


def lint_everywhere(linter, path: str, market: str = "DE") -> None:
    items = list(read_file(path, market))
    assert all(isinstance(item, (Record, ReadError)) for item in items)
    events = list(linter.lint_stream(items))
    assert all(isinstance(event, (Finding, ReadError, Record)) for event in events)
    for name in REPORTERS:
        check_output(name, report(name, linter, path, events))
    fix_twice(linter, path, market)


def fix_twice(linter, path: str, market: str) -> None:
    """--fix --unsafe-fixes never raises, and a second run has nothing left to write."""
    first = fix_file(linter, path, market=market, unsafe=True)
    if first.error is None and first.converged:
        second = fix_file(linter, path, market=market, unsafe=True)
        assert (second.error, second.applied) == (None, 0), (first.original, first.fixed, second.error)


def report(name: str, linter, path: str, events: list) -> str:
    """What reporter ``name`` writes for one file's events (as run.lint_paths feeds it)."""
    out = io.StringIO()
    reporter = (REPORTERS[name](out=out, rulebook=linter.rulebook) if name in WITH_RULEBOOK
                else REPORTERS[name](out=out))
    summary = Summary(files=1, records=sum(isinstance(e, Record) for e in events))
    if hasattr(reporter, "file"):
        reporter.file(path)
    if hasattr(reporter, "records"):
        reporter.records(summary.records)
    for event in events:
        if isinstance(event, Finding):
            summary.add_finding(event)
            reporter.finding(event)
        elif isinstance(event, ReadError):
            summary.add_error(event)
            reporter.error(event)
    reporter.finish(summary)
    return out.getvalue()


def check_output(name: str, text: str) -> None:
    text.encode("utf-8")  # no lone surrogate reaches the output
    if name in ("json", "sarif"):
        doc = json.loads(text)
        if name == "sarif":
            _SARIF.validate(doc)
    elif name == "jsonl":
        for line in text.split("\n")[:-1]:  # JSON Lines split at "\n" only: U+2028 may stay in a string
            json.loads(line)
    elif name == "junit":
        ET.fromstring(text.encode("utf-8"))
    elif name == "html":  # its data island parses, cut where a browser ends the script element
        start = text.index('id="loclint-findings">') + len('id="loclint-findings">')
        json.loads(text[start:text.index("</script>", start)])
    else:
        assert name in HUMAN + ("github",)
        assert not RAW_CONTROL.search(text), repr(RAW_CONTROL.search(text).group())


def lint_file(linter, name: str, data: bytes, extra: dict = None) -> None:
    """Write ``data`` as ``name`` (and ``extra`` files beside it) in a fresh folder and lint it."""
    with tempfile.TemporaryDirectory(prefix="loclint-fuzz-") as folder:
        for other, content in (extra or {}).items():
            Path(folder, other).write_bytes(content)
        path = os.path.join(folder, name)
        Path(path).write_bytes(data)
        lint_everywhere(linter, path)


# --- building blocks ---------------------------------------------------------------------------

# Words the rules react to, markup and escapes the readers decode, and characters that break
# things: controls, bidi overrides, line and paragraph separators, a BOM.
WORDS = ["die besten", "der beste", "Marktführer", "15 inches", "10 x 20 inch", "24,99 €", "$19.99",
         "1.234,50 EUR", "umweltfreundlich", "klimaneutral", "Farbe: lila", " ", "\n", "\t", "\r\n",
         "\x1b[2J", "\x7f", "\x9b", "\u202e", "\u2028", "\ufeff", "🪶",
         "&", "&amp;", "<", ">", '"', "'", "\\", "%s", "%(count)s", "{name}", "{{count}}", "<0>", "</0>",
         "loclint: ignore[DE001] -- belegt", "loclint: ignore-file[MET] -- ok", "loclint: ignore[",
         "#", ": ", "- ", ",", ";", "|", "---", "...", "*", "`"]

# Text a file can hold (no NUL: that is a binary file, which the bytes test covers) ...
clean_texts = st.lists(st.one_of(st.sampled_from(WORDS), st.text(st.characters(blacklist_characters="\x00"),
                                                                   max_size=6)), max_size=8).map("".join)
# ... and text with lone surrogates, which JSON writes as "\ud800" escapes.
texts = st.lists(st.one_of(clean_texts, st.sampled_from(["\ud800", "\udfff", "\udce9"])), max_size=3).map("".join)
markets = st.sampled_from(["DE", "de", "AT", "FR", "US", "BR", "IN", "JP", "XX", "", "D\u0130"])
numbers = st.one_of(st.integers(-10 ** MAX_DIGITS + 1, 10 ** MAX_DIGITS - 1), st.floats(),
                    st.sampled_from([0, -1, 1e308, 24.99]))


def json_values(texts):
    scalars = st.one_of(st.none(), st.booleans(), numbers, texts)
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(texts, inner, max_size=3)), max_leaves=MAX_LEAVES)


values = json_values(texts)


def maybe(strategy, anything=values):
    """Mostly the field's usual type, sometimes anything else (a record of the wrong shape)."""
    return st.one_of(*[strategy] * 5, anything)


def listing_records(texts):
    anything = json_values(texts)

    def _maybe(strategy):
        return maybe(strategy, anything)

    return st.fixed_dictionaries({}, optional={
        "id": _maybe(texts), "market": _maybe(markets), "locale": _maybe(st.sampled_from(["de-DE", "pt_BR", "x", ""])),
        "title": _maybe(texts), "description": _maybe(texts), "bullets": _maybe(st.lists(texts, max_size=3)),
        "attributes": _maybe(st.dictionaries(st.sampled_from(["color", "dimensions", "category", "material"]) | texts,
                                             _maybe(texts), max_size=3)),
        "price": _maybe(st.fixed_dictionaries({}, optional={"amount": _maybe(numbers), "currency": _maybe(texts),
                                                            "display": _maybe(texts)})),
        "images": _maybe(st.lists(st.fixed_dictionaries({}, optional={
            "file": _maybe(texts), "alt": _maybe(texts), "colors": _maybe(st.lists(texts, max_size=2)),
            "tags": _maybe(st.lists(texts, max_size=2))}), max_size=2)),
        "_loclint": _maybe(st.one_of(texts, st.lists(texts, max_size=2))),
        "source": _maybe(st.fixed_dictionaries({}, optional={"description": _maybe(texts)})),
    })


records = listing_records(texts)
clean_records = listing_records(clean_texts)

# A file's encoding: as loclint reads it (UTF-8 with or without BOM, UTF-16 with BOM), with lone
# surrogates written through so that some files are broken in the middle.
ENCODINGS = {"utf-8": (b"", "utf-8"), "utf-8-bom": (codecs.BOM_UTF8, "utf-8"),
             "utf-16-le": (codecs.BOM_UTF16_LE, "utf-16-le"), "utf-16-be": (codecs.BOM_UTF16_BE, "utf-16-be")}
encodings = st.sampled_from(sorted(ENCODINGS))


def encoded(text: str, encoding: str) -> bytes:
    bom, codec = ENCODINGS[encoding]
    return bom + text.encode(codec, "surrogatepass")


# JSON with lone surrogates written raw is not UTF-8: an error path worth one file in four.
ascii_only = st.sampled_from([True, True, True, False])


def json_text(value, ascii_only: bool) -> str:
    return json.dumps(value, ensure_ascii=ascii_only)


# --- the formats ----------------------------------------------------------------------------------

@st.composite
def json_documents(draw):
    doc = draw(st.one_of(records, st.lists(records, max_size=3), values))
    return draw(encodings), json_text(doc, draw(ascii_only))


@st.composite
def jsonl_documents(draw):
    lines = draw(st.lists(st.one_of(records.map(lambda r: json_text(r, True)),
                                    records.map(lambda r: json_text(r, False)),
                                    values.map(lambda v: json_text(v, True)), texts), max_size=4))
    return draw(encodings), draw(st.sampled_from(["\n", "\r\n"])).join(lines)


ODD_YAML = ["yes", "no", "~", "null", "0o17", "0x1F", "1_000", ".nan", "-.inf", "1e400", "2026-11-29",
            "!!str 12", '"\\u00e9\\x41\\N"', "'it''s'", "|\n  eins\n  zwei", ">-\n  gefaltet\n  Text",
            "|2-\n   eingerückt", "Zeile\n  weiter unten", "15 inches\n  breit", "[a, {b: c}]", "{}", "@x",
            "- a\n  - b", "'offen", '"\\ud800"', "!!binary aGFsbG8=", "? komplex\n: Schlüssel"]


@st.composite
def yaml_documents(draw):
    if draw(st.booleans()):  # a valid document, dumped in a random style
        docs = draw(st.lists(st.one_of(clean_records, st.lists(clean_records, max_size=2)), min_size=1, max_size=2))
        style = draw(st.sampled_from([None, '"', "'", "|", ">"]))
        text = yaml.safe_dump_all(docs, default_style=style, allow_unicode=draw(st.booleans()))
    else:  # keys with odd scalars, written by hand
        lines = []
        for _ in range(draw(st.integers(1, 4))):
            key = draw(st.sampled_from(["id", "market", "title", "description", "bullets", "price", "x"]))
            value = draw(st.one_of(st.sampled_from(ODD_YAML), clean_texts))
            lines.append(f"{key}: {value}")
        text = draw(st.sampled_from(["", "---\n", "%YAML 1.1\n---\n"])) + "\n".join(lines) + "\n"
        text += draw(st.sampled_from(["", "---\n" + text, "...\n"]))
    return draw(encodings), text


CSV_HEADERS = ["id", "title", "description", "market", "bullets", "bullets[]", "price", "attributes.color",
               "Handle", "Title", "Body (HTML)", "Image Src", "Image Alt Text", "item_sku", "item_name",
               "bullet_point1", "standard_price", "currency", "_loclint", "image.tags", "ignore"]


@st.composite
def csv_documents(draw):
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    width = draw(st.integers(1, 5))
    header = draw(st.lists(st.sampled_from(CSV_HEADERS) | clean_texts, min_size=width, max_size=width))

    def cell(value: str) -> str:
        style = draw(st.sampled_from(["quoted"] * 5 + ["raw"] * 4 + ["open"]))
        if style == "quoted":
            return '"' + value.replace('"', '""') + '"'
        return '"' + value if style == "open" else value  # "raw" may break the row: that is the point

    rows = [header] + draw(st.lists(st.lists(clean_texts, min_size=width - 1, max_size=width + 1), max_size=4))
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(delimiter.join(cell(v) for v in row) for row in rows)
    return draw(encodings), text, draw(st.sampled_from([".csv", ".tsv"]))


def po_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    for char, escape in (("\n", "\\n"), ("\t", "\\t"), ("\r", "\\r")):
        escaped = escaped.replace(char, escape)
    return '"' + escaped + '"'


PO_JUNK = ['"\\x41"', '"\\u00e9"', '"\\', '"unterminated', '"a" "b"', '""\n"continued"', "msgstr[9] \"x\""]


@st.composite
def po_documents(draw):
    entries = ['msgid ""\nmsgstr ""\n' + po_string(draw(st.sampled_from(
        ["Language: de\\n", "Language: pt_BR\n", "Language: xx\n", "Plural-Forms: nplurals=2;\n", ""])))]
    for _ in range(draw(st.integers(0, 4))):
        lines = draw(st.lists(st.sampled_from(["#, fuzzy", "# loclint: ignore[DE001] -- belegt",
                                               "#. product.title", "#: app.py:1", "#| msgid \"old\""]), max_size=2))
        if draw(st.booleans()):
            lines.append("msgctxt " + po_string(draw(st.sampled_from(["product.title", "bullets", ""]) | clean_texts)))
        lines.append("msgid " + po_string(draw(clean_texts)))
        if draw(st.booleans()):
            lines.append("msgid_plural " + po_string(draw(clean_texts)))
            lines += [f"msgstr[{n}] " + po_string(draw(clean_texts)) for n in range(draw(st.integers(1, 3)))]
        else:
            lines.append("msgstr " + po_string(draw(clean_texts)))
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(PO_JUNK)))
        entry = "\n".join(lines)
        if draw(st.integers(0, 5)) == 0:
            entry = "\n".join("#~ " + line for line in entry.split("\n"))  # obsolete
        entries.append(entry)
    return draw(encodings), "\n\n".join(entries) + "\n"


INLINE_12 = ['<x id="1"/>', '<ph id="2">&lt;br/&gt;</ph>', '<bpt id="3">&lt;b&gt;</bpt>', '<ept id="3">&lt;/b&gt;</ept>',
             '<g id="4">die besten</g>', '<mrk mtype="x">15 inches</mrk>', '<it pos="open">x</it>']
INLINE_20 = ['<ph id="1"/>', '<sc id="2"/>', '<ec startRef="2"/>', '<pc id="3">die besten</pc>',
             '<mrk id="m" translate="no">15 inches</mrk>', '<sm id="s"/>', '<em startRef="s"/>']
XML_BITS = ["&amp;", "&lt;", "&gt;", "&quot;", "&#xE9;", "&#128512;", "&#x1F600;", "<![CDATA[15 inches & <b>]]>",
            "<![CDATA[]]>", "\r\n", "\t", "<?pi data?>", "<!-- note -->"]
XML_BROKEN = ["&nbsp;", "&#0;", "&#xD800;", "<b>", "]]>", "\x01", "\ufffe", "</target>"]  # errors to report
xml_texts = clean_texts.map(lambda t: xml_escape("".join(c for c in t if c in "\t\n\r" or " " <= c < "\ufffe")))


@st.composite
def xliff_documents(draw):
    two = draw(st.booleans())
    inline = INLINE_20 if two else INLINE_12

    def content():
        parts = draw(st.lists(st.one_of(xml_texts, st.sampled_from(inline + XML_BITS)), max_size=5))
        if draw(st.integers(0, 15)) == 0:
            parts.append(draw(st.sampled_from(XML_BROKEN)))
        return "".join(parts)

    units = []
    for n in range(draw(st.integers(0, 3))):
        note = f"<note>{xml_escape(draw(st.sampled_from(WORDS[:40])))}</note>" if draw(st.booleans()) else ""
        attrs = draw(st.sampled_from(["", ' translate="no"', ' resname="r"']))
        if two:
            segments = "".join(f"<segment><source>{content()}</source><target>{content()}</target></segment>"
                               for _ in range(draw(st.integers(1, 2))))
            units.append(f'<unit id="u{n}"{attrs}><notes>{note}</notes>{segments}</unit>')
        else:
            alt = "<alt-trans><target>die besten</target></alt-trans>" if draw(st.booleans()) else ""
            units.append(f'<trans-unit id="u{n}"{attrs}><source>{content()}</source>'
                         f'<target>{content()}</target>{note}{alt}</trans-unit>')
    language = draw(st.sampled_from(["de", "de-DE", "de-AT", "pt-BR", "hi", "en", "xx", ""]))
    if two:
        body = (f'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" '
                f'trgLang="{language}"><file id="f">{"".join(units)}</file></xliff>')
    else:
        body = (f'<xliff version="1.2"><file source-language="en" target-language="{language}" '
                f'datatype="plaintext" original="x"><body>{"".join(units)}</body></file></xliff>')
    encoding = draw(encodings)
    declared = "UTF-16" if encoding.startswith("utf-16") else "UTF-8"
    prolog = draw(st.sampled_from([f'<?xml version="1.0" encoding="{declared}"?>\n', '<?xml version="1.0"?>\n', ""]))
    return encoding, prolog + body


HTML_BITS = ["<p>", "</p>", "<br>", "<b>", "</b>", "<li>", "<ul>", "</ul>", "<script>die besten</script>",
             "<style>p{}</style>", "<!-- loclint: ignore[DE001] -- belegt -->", "<!--", "-->", "&amp;",
             "&nbsp;", "&#x1F600;", "&#0;", "&#xD800;", "&bogus;", "&", "<img alt='15 inches'>", "<div\n>",
             "<![CDATA[x]]>", "<?php ?>", "</", "<"]
MARKDOWN_BITS = ["# ", "## ", "`code 15 inches`", "```\ndie besten\n```", "[link](http://x/15-inches)",
                 "<https://x.example>", "* ", "> ", "<!-- loclint: ignore[MET001] -- ok -->", "\n\n", "    ",
                 "~~~", "**", "_", "![alt](i.png)"]


@st.composite
def markup_documents(draw):
    suffix = draw(st.sampled_from([".html", ".htm", ".md", ".txt"]))
    bits = HTML_BITS if suffix.startswith(".htm") else MARKDOWN_BITS
    text = "".join(draw(st.lists(st.one_of(clean_texts, st.sampled_from(bits)), max_size=10)))
    return draw(encodings), text, suffix


string_trees = st.recursive(texts, lambda inner: st.dictionaries(texts, inner, min_size=1, max_size=3),
                            max_leaves=MAX_LEAVES)


@st.composite
def resource_documents(draw):
    """i18next/Medusa nested keys, flat key files and Flutter ARB (@@locale, @key descriptions)."""
    tree = draw(st.dictionaries(texts, string_trees, min_size=1, max_size=4))
    name = draw(st.sampled_from(["de.json", "pt-BR.json", "ptBR.json", "locales/de/app.json", "app_de.arb",
                                 "intl_xx.arb", "strings.json"]))
    if name.endswith(".arb"):
        tree["@@locale"] = draw(st.sampled_from(["de", "pt_BR", "xx", ""]))
        for key in list(tree)[:2]:
            tree["@" + key] = draw(st.one_of(
                st.fixed_dictionaries({"description": texts}), values))
    return draw(encodings), json_text(tree, draw(ascii_only)), name


@st.composite
def image_documents(draw):
    """A small image and its sidecar (another change hardens the image reader; see the docstring)."""
    from PIL import Image

    suffix = draw(st.sampled_from([".png", ".jpg", ".webp"]))
    size = (draw(st.integers(1, 8)), draw(st.integers(1, 8)))
    color = tuple(draw(st.integers(0, 255)) for _ in range(3))
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format={".png": "PNG", ".jpg": "JPEG", ".webp": "WEBP"}[suffix])
    sidecar = draw(st.fixed_dictionaries({}, optional={
        "alt": maybe(texts), "colors": maybe(st.lists(texts, max_size=2)), "tags": maybe(st.lists(texts, max_size=2)),
        "market": maybe(markets), "attributes": maybe(st.dictionaries(texts, texts, max_size=2)),
        "title": maybe(texts)}))
    sidecar_name = draw(st.sampled_from(["shoe{s}.json", "shoe.json", "shoe{s}.yaml"])).format(s=suffix)
    if sidecar_name.endswith(".yaml"):
        data = yaml.safe_dump(json.loads(json_text(sidecar, True)), allow_unicode=True).encode("utf-8", "surrogatepass")
    else:
        data = json_text(sidecar, True).encode("utf-8")
    return "shoe" + suffix, buffer.getvalue(), {sidecar_name: data}


@st.composite
def mutated(draw, documents, name: str):
    """A document of the format with a few bytes flipped, dropped or inserted: nearly valid,
    wrong in one place (a broken escape, a half character, a lost quote)."""
    encoding, text = draw(documents)[:2]
    data = bytearray(encoded(text, encoding))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["flip", "drop", "insert"]))
        if edit == "insert" or not data[at:at + 1]:
            data[at:at] = draw(st.binary(min_size=1, max_size=3) | st.sampled_from([b'"', b"<", b"&", b"\\", b"\n"]))
        elif edit == "drop":
            del data[at]
        else:
            data[at] ^= 1 << draw(st.integers(0, 7))
    return name, bytes(data)


# --- the tests ----------------------------------------------------------------------------------

FORMATS = ("image", "jsonl", "json-resource", "json", "yaml", "csv", "text", "html", "po", "xliff")


def test_every_registered_reader_is_fuzzed():
    """A new reader gets a strategy here, and its suffixes get the bytes test."""
    assert sorted(FORMATS) == sorted(reader.name for reader in REGISTRY.readers)


@pytest.mark.parametrize("suffix", REGISTRY.suffixes())
@BYTES
@given(data=st.one_of(st.binary(max_size=300),
                      st.tuples(st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE,
                                                 codecs.BOM_UTF32_LE, b"\x00", b"\xff"]),
                                st.binary(max_size=200)).map(b"".join),
                      texts.map(lambda t: t.encode("utf-8", "surrogatepass"))))
@example(data=b"\xff\xfe\x00\x00")  # a UTF-32 BOM starts like UTF-16's
@example(data=b'"\n')
def test_arbitrary_bytes(linter, suffix, data):
    lint_file(linter, "de" + suffix, data)


@FUZZ
@given(doc=st.one_of(mutated(json_documents(), "listing.json"), mutated(jsonl_documents(), "feed.jsonl"),
                     mutated(yaml_documents(), "listing.yaml"), mutated(csv_documents(), "feed.csv"),
                     mutated(po_documents(), "de.po"), mutated(xliff_documents(), "de.xlf"),
                     mutated(markup_documents(), "page.html"), mutated(resource_documents(), "de.json")))
def test_mutated_documents(linter, doc):
    name, data = doc
    lint_file(linter, name, data)


DEEP = '{"id": "d", "market": "DE", "title": "x", "attributes": ' + "[" * 2000 + "]" * 2000 + "}"
HUGE = '{"id": "h", "market": "DE", "title": "x", "attributes": {"weight": ' + "9" * 5000 + "}}"


@FUZZ
@given(doc=json_documents())
@example(doc=("utf-8", DEEP))  # issue 20: nesting deeper than the parser goes
@example(doc=("utf-8", HUGE))  # issue 20: an integer of more digits than Python reads
def test_json(linter, doc):
    encoding, text = doc
    lint_file(linter, "listing.json", encoded(text, encoding))


@FUZZ
@given(doc=jsonl_documents())
@example(doc=("utf-8", DEEP + "\n" + HUGE + '\n{"id": "ok", "market": "DE", "title": "Die besten"}\n'))
def test_json_lines(linter, doc):
    encoding, text = doc
    lint_file(linter, "feed.jsonl", encoded(text, encoding))


@FUZZ
@given(doc=yaml_documents())
@example(doc=("utf-8", "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(  # issue 20: an alias bomb
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))))
def test_yaml(linter, doc):
    encoding, text = doc
    lint_file(linter, "listing.yaml", encoded(text, encoding))


@FUZZ
@given(doc=csv_documents())
@example(doc=("utf-8", 'id,title\nA,"open\nB,x\n', ".csv"))  # issue 20: a quote left open
def test_csv(linter, doc):
    encoding, text, suffix = doc
    lint_file(linter, "feed" + suffix, encoded(text, encoding))


@FUZZ
@given(doc=po_documents())
def test_po(linter, doc):
    encoding, text = doc
    lint_file(linter, "de.po", encoded(text, encoding))


@FUZZ
@given(doc=xliff_documents())
@example(doc=("utf-16-le", '<?xml version="1.0" encoding="UTF-16"?>'  # issue 20: it says UTF-16
              '\n<xliff version="1.2"><file '
              'target-language="de"><body><trans-unit id="a"><source>x</source><target>die besten</target>'
              '</trans-unit></body></file></xliff>'))
def test_xliff(linter, doc):
    encoding, text = doc
    lint_file(linter, "de.xlf", encoded(text, encoding))


@FUZZ
@given(doc=markup_documents())
def test_html_markdown_and_text(linter, doc):
    encoding, text, suffix = doc
    lint_file(linter, "page" + suffix, encoded(text, encoding))


@FUZZ
@given(doc=resource_documents())
def test_json_resources_and_arb(linter, doc):
    encoding, text, name = doc
    folder, _, base = name.rpartition("/")
    if folder:  # a path convention (locales/de/app.json) names the market
        with tempfile.TemporaryDirectory(prefix="loclint-fuzz-") as root:
            os.makedirs(os.path.join(root, folder))
            path = os.path.join(root, folder, base)
            Path(path).write_bytes(encoded(text, encoding))
            lint_everywhere(linter, path)
    else:
        lint_file(linter, name, encoded(text, encoding))


@FUZZ
@given(doc=image_documents())
def test_images_and_sidecars(linter, doc):
    name, image, sidecar = doc
    lint_file(linter, name, image, sidecar)
