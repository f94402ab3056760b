"""gettext PO files: one record per translated entry; findings point at the raw character inside
msgstr, across continuation lines and through escapes; the market comes from the Language
header, then the path, with --market choosing only where the file leaves a choice; broken
files are one clear error and the run goes on."""
import json
import shutil
from pathlib import Path

import pytest

from conftest import runner
from loclint.cli import main
from loclint.model import ReadError, Record
from loclint.readers import read_file
from loclint.writeback import fix_file

DATA = Path(__file__).resolve().parent / "i18n"  # not in data/: test_json_contract lints that whole folder
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "translations"


def read(path, market=None):
    items = list(read_file(str(path), market))
    return [i for i in items if isinstance(i, Record)], [i for i in items if isinstance(i, ReadError)]


def lint(linter, path, market=None):
    records, errors = read(path, market)
    assert errors == []
    return [f for r in records for f in linter.market(r.market).lint(r)]


def check(*args):
    return runner().invoke(main, ["check", "--date", "2026-11-25", "--no-cache", *map(str, args)])


def test_translated_entries_become_records_with_their_msgid_as_source():
    records, errors = read(DATA / "de.po")
    assert errors == []
    # untranslated and obsolete (#~) entries and the header are not records; the fuzzy one is
    assert [r.id for r in records] == ["Best headphones", 'product description|Quote "%(name)s" and the best price',
                                       "The best lamp", "%(count)s item", "Screen 27 inches"]
    assert all(r.market == "DE" and r.partial for r in records)
    assert [r.line for r in records] == [9, 14, 22, 26, 32]  # msgctxt or msgid
    plural = records[3]
    assert [(f.path, f.text, f.source.text, f.source.one_number) for f in plural.fields] == [
        ("msgstr[0]", "Ein Artikel", "%(count)s item", True),  # German uses form 0 for n = 1 only
        ("msgstr[1]", "%(count)s Artikel, die besten", "%(count)s items", False)]
    assert records[4].attributes == {"flags": "fuzzy"}
    assert records[1].fields[0].text == 'Zitat "%(name)s"\tund die besten Preise\nfür \\ alle'


def test_positions_are_exact_across_continuation_lines_and_escapes(linter):
    lines = (DATA / "de.po").read_text(encoding="utf-8").split("\n")
    found = {(f.record, f.field, f.rule): (f.line, f.column, f.text) for f in lint(linter, DATA / "de.po")}
    assert found == {
        ("Best headphones", "msgstr", "DE001"): (10, 9, "Die besten"),
        ('product description|Quote "%(name)s" and the best price', "msgstr", "DE001"): (18, 2, "die besten"),
        ("%(count)s item", "msgstr[1]", "DE001"): (29, 31, "die besten"),
        ("Screen 27 inches", "msgstr", "MET001"): (33, 20, "27 Zoll"),  # fuzzy entries are linted
    }
    assert lines[17][1:11] == "die besten" and lines[28][30:40] == "die besten" and lines[32][19:26] == "27 Zoll"

    field = read(DATA / "de.po")[0][1].fields[0]
    text = field.text
    # after \" \" and \t on line 17; after \n (end of line 18) and \\ on line 19
    assert field.position(text.index("und")) == (17, lines[16].index("und") + 1) == (17, 22)
    assert field.position(text.index("für")) == (19, 2)
    assert field.position(text.index("alle")) == (19, lines[18].index("alle") + 1) == (19, 9)
    # a span ending at the end of a literal ends before its closing quote, not on the next line
    assert field.end_position(text.index("die")) == (17, len(lines[16]))
    assert field.end_position(len(text)) == (19, len(lines[18]))


def test_a_translator_comment_suppresses_with_its_position(linter):
    records, _ = read(DATA / "de.po")
    lamp = records[2]
    assert [(d.text, d.line, d.column) for d in lamp.directives] == [
        ("loclint: ignore[DE001] -- Testsieger laut Stiftung Warentest 05/2026", 21, 4)]
    assert linter.market("DE").lint(lamp) == []  # suppressed, and the suppression is used (no LNT002)
    # ordinary comments are not directives
    assert all(not r.directives for r in records if r is not lamp)


def test_record_level_rules_do_not_ask_a_translated_string_for_a_whole_listing(linter):
    # EU007 (no manufacturer) would fire on every entry of a catalogue otherwise
    assert not any(f.rule == "EU007" for f in lint(linter, DATA / "de.po"))


def test_fixes_are_written_into_the_literal_with_po_escapes(linter, tmp_path):
    path = tmp_path / "de.po"
    path.write_text('msgid ""\nmsgstr "Language: de\\n"\n\nmsgid "Size"\nmsgstr ""\n"Ma\\"ße\\":\\t"\n'
                    '"15 x 10 inches"\n\nmsgid "Weight"\nmsgstr "Gewicht \\\\ 5 lbs"\n', encoding="utf-8")
    result = fix_file(linter, str(path))
    assert result.error is None and result.applied == 2
    assert path.read_text(encoding="utf-8") == (
        'msgid ""\nmsgstr "Language: de\\n"\n\nmsgid "Size"\nmsgstr ""\n"Ma\\"ße\\":\\t"\n'
        '"38,1 × 25,4 cm (15 x 10 inches)"\n\nmsgid "Weight"\nmsgstr "Gewicht \\\\ 2,27 kg (5 lbs)"\n')
    assert fix_file(linter, str(path)).applied == 0


@pytest.mark.parametrize("name, header, market, expected", [
    ("shop.po", "Language: de_AT", None, "AT"),          # the header's region
    ("pt_BR.po", "Language: de", None, "DE"),            # the header beats the path
    ("pt_BR.po", "", None, "BR"),                        # file name
    ("django-oscar-4.2.1_pt_BR_django.po", "", None, "BR"),
    ("hi/LC_MESSAGES/django.po", "", None, "IN"),        # folder; hi's only market
    ("de_AT/LC_MESSAGES/django.po", "", "DE", "AT"),     # a stated region is not overridden
    ("de/LC_MESSAGES/django.po", "", "AT", "AT"),        # --market picks among de markets
    ("de/LC_MESSAGES/django.po", "", "IN", "DE"),        # ... but IN does not speak de
    ("messages.po", "", "BR", "BR"),                     # no locale: the flag fills in
])
def test_market_from_header_then_path_then_flag(tmp_path, name, header, market, expected):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'msgid ""\nmsgstr "{header}\\n"\n\nmsgid "Shoe"\nmsgstr "Schuh"\n', encoding="utf-8")
    records, errors = read(path, market)
    assert errors == [] and [r.market for r in records] == [expected]


@pytest.mark.parametrize("name, header, message", [
    ("messages.po", "", "no language found in the file or its name"),
    ("en.po", "", "language en (file path) is spoken in several markets (AE, GB, IN, SA, US); pass --market"),
    ("shop.po", "Language: pt_PT", "locale pt-PT (Language header) is for PT, a market loclint has no rules for"),
])
def test_no_market_is_one_clear_error_for_the_file(tmp_path, name, header, message):
    path = tmp_path / name
    path.write_text(f'msgid ""\nmsgstr "{header}\\n"\n\nmsgid "A"\nmsgstr "B"\n\nmsgid "C"\nmsgstr "D"\n',
                    encoding="utf-8")
    records, errors = read(path)
    assert records == [] and len(errors) == 1
    assert message in errors[0].message and errors[0].whole_file


def test_a_template_without_translations_is_read_without_a_market(tmp_path):
    path = tmp_path / "django.pot"
    path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=CHARSET\\n"\n\nmsgid "A"\nmsgstr ""\n',
                    encoding="utf-8")
    assert read(path) == ([], [])


@pytest.mark.parametrize("content, message, line", [
    (b'msgid "a"\nmsgstr "b\nmsgid "c"\n', "not a PO file: line 2: string not closed on its line", 2),
    (b'msgid "a"\nmsgstr "b"\nnonsense "c"\n', "not a PO file: Syntax error in po file", 3),
    (b'msgid "a"\nmsgstr "Gr\xf6\xdfe"\n', "not UTF-8: byte 0xf6 on line 2", 0),
])
def test_broken_files_are_one_error_naming_the_file_and_the_run_goes_on(tmp_path, content, message, line):
    bad = tmp_path / "de.po"
    bad.write_bytes(content)
    records, errors = read(bad)
    assert records == [] and len(errors) == 1
    assert message in errors[0].message and errors[0].whole_file
    assert errors[0].line == line

    good = tmp_path / "good.po"
    shutil.copy(DATA / "de.po", good)
    result = check("--format", "json", "--fail-on", "never", bad, good)
    assert result.exit_code == 2  # a whole file unreadable
    doc = json.loads(result.stdout)
    assert [e["path"] for e in doc["errors"]] == [str(bad)]
    assert doc["summary"]["records"] == 5 and "Traceback" not in result.stderr


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not checked out beside this repository")
@pytest.mark.parametrize("name, market, translated", [
    ("django-oscar-4.2.1_de_django.po", "DE", 1791), ("django-oscar-4.2.1_pt_BR_django.po", "BR", 1721),
    ("django-oscar-4.2.1_hi_django.po", "IN", 140)])
def test_real_catalogues_read_without_errors_and_every_field_has_a_position(name, market, translated):
    records, errors = read(CORPUS / name)
    assert errors == []
    assert len(records) == translated and {r.market for r in records} == {market}
    assert all(f.position(0) != (0, 0) and f.encode is not None for r in records for f in r.fields)


PLURALS = ('msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Plural-Forms: {forms}\\n"\n\n#, python-format\n'
           'msgid "One item"\nmsgid_plural "%(count)s items"\nmsgstr[0] "{one}"\nmsgstr[1] "{other}"\n')


@pytest.mark.parametrize("lang, forms, one, other, expected", [
    # German form 0 is n = 1 only: it may spell the number out
    ("de", "nplurals=2; plural=(n != 1);", "Ein Artikel", "%(count)s Artikel", set()),
    ("de", "nplurals=2; plural=(n != 1);", "Ein Artikel", "Artikel", {("msgstr[1]", "LNT003")}),
    ("de", "nplurals=2; plural=(n != 1);", "Ein Artikel", "%(anzahl)s Artikel", {("msgstr[1]", "LNT003"),
                                                                                   ("msgstr[1]", "LNT004")}),
    # Brazilian form 0 serves 0 and 1, so it keeps the count the singular msgid lacks
    ("pt_BR", "nplurals=2; plural=(n > 1);", "%(count)s item", "%(count)s itens", set()),
])
def test_plural_forms_keep_their_placeholders(linter, tmp_path, lang, forms, one, other, expected):
    path = tmp_path / "shop.po"
    path.write_text(PLURALS.format(lang=lang, forms=forms, one=one, other=other), encoding="utf-8")
    got = {(f.field, f.rule) for f in lint(linter, path) if f.rule.startswith("LNT")}
    assert got == expected


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not checked out beside this repository")
def test_a_real_altered_placeholder_in_django_oscar_pt_br(linter):
    # python-brace-format msgid "{order_number}" translated as "%{order_number}s": str.format fills
    # the braces and shows "%…s" around the number; the placeholder is misspelled, not dropped
    records, _ = read(CORPUS / "django-oscar-4.2.1_pt_BR_django.po")
    record = next(r for r in records if r.id == 'Order number starts with "{order_number}"')
    [finding] = linter.market("BR").lint(record)
    assert (finding.rule, finding.line, finding.column, finding.text) == ("LNT005", 3059, 44, "%{order_number}s")
    assert finding.message.startswith("The translation writes “order_number” (in braces) of its source in braces "
                                      "after %, with a stray “s” after it;")


def test_a_word_in_a_file_name_is_not_taken_for_a_language():
    from loclint.readers.translation.locales import locale_from_path

    assert locale_from_path("how_to_sell.po") is None  # "to" is Tongan, but here it is a word
    assert locale_from_path("help_de.po").language == "de"  # a market language stays a locale
    assert locale_from_path("po/to_TO.po") == locale_from_path("to_TO.po")  # with a region it counts
    assert locale_from_path("locale/pt_BR/LC_MESSAGES/django.po").region == "BR"
