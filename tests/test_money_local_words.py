"""A market's own words for its currency ("TL" in Turkey, "บาท" in Thailand): read as money in
that market only, never inside a lamp's or a model's name, their amounts written after the
number, and digits judged by their value."""
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from loclint.kinds import money
from loclint.model import Applicability
from loclint.readers.records import build_record
from loclint.ruleset import Currencies, builtin_currencies


def money_findings(linter, market, text, locale=None, field="description"):
    record = build_record({"id": "t", "market": market, "locale": locale, field: text},
                          path="<test>", line=1, index=1)
    return [(f.rule, f.text, f.suggestions[0].replacement if f.suggestions else None,
             f.suggestions[0].applicability if f.suggestions else None)
            for f in linter.market(market).lint(record) if f.rule in ("LOC001", "LOC002")]


SAFE = Applicability.SAFE


@pytest.mark.parametrize("text, found", [
    ("Fiyat: 1,299.90 TL", [("LOC001", "1,299.90 TL", "1.299,90 TL", SAFE)]),
    ("Sadece TL 1299.90", [("LOC001", "TL 1299.90", "1.299,90 TL", SAFE)]),
    ("Kargo 29.90 TL", [("LOC001", "29.90 TL", "29,90 TL", SAFE)]),
    ("Fiyat: 12999 TL", [("LOC001", "12999 TL", "12.999 TL", SAFE)]),
    # A case suffix after an apostrophe joins "TL'den" into one token for the fix checks
    # (fixsafety): found, and the rewrite is advice.
    ("Fiyat 12999 TL'den başlayan", [("LOC001", "12999 TL", "12.999 TL", Applicability.DISPLAY)]),
    # A foreign currency is still foreign in Turkey.
    ("Sadece $24.99", [("LOC002", "$24.99", None, None)]),
])
def test_lira_amounts_in_turkey(linter, text, found):
    assert money_findings(linter, "TR", text, "tr-TR") == found


@pytest.mark.parametrize("text", [
    "Fiyat: 1.299,90 TL",
    "Fiyat: ₺1.299,90",  # CLDR's and the central bank's form
    "Fiyat: 1.299,90\u00a0TL",
    "100 TL'lik hediye çeki",  # a suffix after an apostrophe is Turkish grammar, not a new word
    "Fiyat: 1299 TL",  # four digits may go ungrouped
    "Sadece 49,99TL",
])
def test_right_lira_amounts_are_quiet(linter, text):
    assert money_findings(linter, "TR", text, "tr-TR") == []


@pytest.mark.parametrize("text", [
    "LED TL 18W floresan tüp",
    "TL-Serie lamba",
    "2 TL-D 18W tüp",  # a number before a hyphenated name
    "TL5 tüp, 2 adet",
    "Thai TL",
    "Model TL1200",
    "Model TL 1200",  # before a number only with decimals or grouping
    "T8 TL tüp",  # the number of a tube's name, glued to its letter
    "TL 5 lamba",
    "TP-Link TL-WN722N kablosuz USB adaptör",
    "Ürün kodu: 12 TLX",
])
def test_lamps_and_models_named_tl_are_not_lira(linter, text):
    assert money_findings(linter, "TR", text, "tr-TR") == []


@pytest.mark.parametrize("market", ["DE", "GB", "TH", "US"])
def test_tl_is_never_money_outside_turkey(linter, market):
    # Not LOC002 either: "TL" is a word there, not a foreign currency.
    assert money_findings(linter, market, "Ersatzröhre für 2 TL Leuchten, nur 1.299,90 TL") == []


def test_baht_is_money_in_thailand_only(linter):
    assert money_findings(linter, "DE", "Preis 1.290 บาท") == []
    assert money_findings(linter, "TH", "ราคา 1.290 บาท", "th-TH") == [
        ("LOC001", "1.290 บาท", "1,290 บาท", SAFE)]


@pytest.mark.parametrize("text, found", [
    ("ราคา 1.290,00 บาท", [("LOC001", "1.290,00 บาท", "1,290.00 บาท", SAFE)]),
    ("ราคา บาท 1,290", [("LOC001", "บาท 1,290", "1,290 บาท", SAFE)]),
    ("ราคา 1,290.5 บาท", [("LOC001", "1,290.5 บาท", "1,290.50 บาท", SAFE)]),
    # Thai writes the next word against "บาท": still money, but a rewrite there could split a
    # word as the fix checks see it, so it is advice.
    ("ราคา 12900บาทต่อเดือน", [("LOC001", "12900บาท", "12,900 บาท", Applicability.DISPLAY)]),
])
def test_baht_amounts_in_thailand(linter, text, found):
    assert money_findings(linter, "TH", text, "th-TH") == found


@pytest.mark.parametrize("text", [
    "ราคา 1,299 บาท",
    "ราคา ฿1,299",
    "ราคา 990 บาทเท่านั้น",
    "บาทหลวง 3 คน",  # "priest" starts with the same letters, and no number stands before it
    "รุ่น A12 บาท",  # a model's number
    "ราคาพิเศษ฿1,290",  # Thai letters may touch the sign
])
def test_right_baht_amounts_and_other_words_are_quiet(linter, text):
    assert money_findings(linter, "TH", text, "th-TH") == []


def test_a_sign_glued_to_a_latin_word_is_not_money(linter):
    assert money_findings(linter, "TH", "Logo x฿1 sticker", "th-TH") == []
    assert money_findings(linter, "DE", "Logo x฿1 Aufkleber") == []


def test_digits_are_judged_by_value(linter):
    # "฿๑,๒๙๐" was read as 1.290 and "fixed" to "฿1.29", a safe fix to another amount.
    assert money_findings(linter, "TH", "ราคา ฿๑,๒๙๐", "th-TH") == []
    # A rewrite writes CLDR's digits, as for Devanagari ones (tests/test_scripts.py).
    assert money_findings(linter, "TH", "ราคา ๑๒๙๐๐ บาท", "th-TH") == [
        ("LOC001", "๑๒๙๐๐ บาท", "12,900 บาท", SAFE)]
    # Arabic-Indic digits in Arabic copy were rewritten into Western ones.
    assert money_findings(linter, "SA", "السعر ٣٩٩ ر.س", "ar-SA") == []


def test_a_price_cell_with_tl_is_judged(linter):
    record = build_record({"id": "t", "market": "TR", "price": {"display": "1,299.90 TL"}},
                          path="<test>", line=1, index=1)
    assert [(f.rule, f.field, f.suggestions[0].replacement) for f in linter.market("TR").lint(record)
            if f.rule.startswith("LOC")] == [("LOC001", "price.display", "1.299,90 TL")]


def test_a_rewrite_that_does_not_read_back_as_the_amount_is_not_safe(linter, monkeypatch):
    # The guard, not trusted formatting: a number written that reads as another amount (a
    # formatting slip of ten) leaves the fix as advice, with the reason.
    money._rewrite.cache_clear()
    monkeypatch.setattr(money, "format_decimal", lambda value, format, locale: "12.999,00")
    try:
        record = build_record({"id": "t", "market": "TR", "locale": "tr-TR", "description": "Kargo 1299.90 TL"},
                              path="<test>", line=1, index=1)
        [finding] = [f for f in linter.market("TR").lint(record) if f.rule == "LOC001"]
    finally:
        money._rewrite.cache_clear()
    assert finding.suggestions[0].applicability is Applicability.DISPLAY
    assert finding.suggestions[0].replacement == "12.999,00 TL"
    assert "“12.999,00” reads as 12999.00, not 1299.90" in finding.message


def test_the_table_reads_local_words_by_market():
    table = builtin_currencies()
    assert table.local_symbols("TR") == {"TL": "TRY"}
    assert table.local_symbols("TH") == {"บาท": "THB"}
    assert table.local_symbols("DE") == {}
    assert "TL" not in table.symbols()  # never read in every market


def test_a_bad_local_table_names_the_file_and_the_entry():
    problems = []
    Currencies.from_yaml({"currencies": {"TRY": ["₺"]},
                          "local": {"Turkey": {"TRY": ["TL"]}, "TR": {"XXX": ["TL"]}, "TH": ["บาท"],
                                    "PL": {"TRY": "zł"}}}, Path("c.yml"), problems)
    assert problems == [
        "c.yml: local symbols of Turkey: expected a market code such as TR",
        "c.yml: local symbols of TR: currency 'XXX' is not in the 'currencies' table",
        "c.yml: local symbols of TH: expected a mapping of currency -> symbols",
        "c.yml: local symbols of PL: currency TRY: expected a list of symbols",
    ]


def test_local_words_of_an_unknown_market_are_a_ruleset_error(tmp_path):
    import shutil

    from loclint.rulebook import load_rulebook
    from loclint.ruleset import RulesetError, default_rulesets_dir

    rulesets = tmp_path / "rulesets"
    shutil.copytree(default_rulesets_dir(), rulesets)
    table = rulesets / "currencies.yml"
    table.write_text(table.read_text(encoding="utf-8") + "  XX: {TRY: [\"TL\"]}\n", encoding="utf-8")
    with pytest.raises(RulesetError, match="local symbols of XX: no such market in markets.yml"):
        load_rulebook(rulesets)


# The amount regex with a market's words must find every other amount as before, and its look
# ahead for a word's first letter only skips positions where no word can follow the digits.

def _local_branches_without_look_ahead(words):
    """kinds.money._local_branches as first written (the reference for its look ahead)."""
    import re

    after, before = [], []
    for word in sorted(words, key=len, reverse=True):
        escaped = re.escape(word)
        edge_after = rf"(?!{money._SPACED_LETTER}|\d|[-‐‑][^\W_])" if word[-1].isalpha() else ""
        after.append(f"{escaped}{edge_after}")
        before.append(rf"{escaped}(?<![\d_]{escaped})(?<!{money._SPACED_LETTER}{escaped})")
    return (rf"|(?<![\d.,_])(?<!{money._SPACED_LETTER})(?P<n3>{money._NUMBER})[ \u00a0]?(?P<after>{'|'.join(after)})"
            rf"|(?P<before>{'|'.join(before)})[ \u00a0](?P<n4>{money._MARKED_NUMBER})(?!{money._SPACED_LETTER})")


def _amounts(regex, text):
    return [(m.span(), m.groupdict()) for m in regex.finditer(text)]


def _global_amounts(regex, text):
    return [(m.span(), {k: v for k, v in m.groupdict().items() if k in ("pre", "n1", "n2", "post")})
            for m in regex.finditer(text) if m.group("pre") or m.group("post")]


PIECES = ["TL", "บาท", "฿", "₺", "€", "$", "T", "L", "บ", "-", "'", "x", "ราคา", "5", "1.299,90", "12,900",
          "1,290.5", "0", "9", ".", ",", " ", "\u00a0", "D", "8"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25))
def test_local_words_leave_other_amounts_alone_and_the_look_ahead_only_skips(pieces):
    import re

    text = "".join(pieces)
    symbols = builtin_currencies().symbols()
    base = money._amount_regex(symbols)
    for words in (["TL"], ["บาท"]):
        with_words = money._amount_regex(symbols, words)
        reference = re.compile(with_words.pattern.replace(money._local_branches(words),
                                                          _local_branches_without_look_ahead(words)))
        assert _amounts(with_words, text) == _amounts(reference, text)
        # Where no local word is matched, every amount is the one the market without words finds.
        if not any(m.group("after") or m.group("before") for m in with_words.finditer(text)):
            assert _global_amounts(with_words, text) == _global_amounts(base, text)
