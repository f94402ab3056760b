"""Money written the record's language's way: the locale fallback, four-digit grouping, loose
symbols, and why a rewrite into another script is never a safe fix."""
from conftest import TODAY

from loclint.engine import Linter
from loclint.model import Applicability
from loclint.readers.records import build_record


def money_findings(linter, market, locale, **fields):
    record = build_record({"id": "t", "market": market, "locale": locale, **fields}, path="<test>", line=1, index=1)
    return [f for f in linter.market(market).lint(record) if f.rule in ("LOC001", "LOC002")]


def rewrites(findings):
    return [(f.rule, f.text, f.suggestions[0].replacement if f.suggestions else None,
             f.suggestions[0].applicability if f.suggestions else None) for f in findings]


def test_english_saudi_listing_keeps_the_english_form(linter):
    # CLDR has no en-SA: the English format with the riyal, not the Arabic one.
    assert money_findings(linter, "SA", "en-SA", price={"display": "SAR 939.00"}) == []
    assert money_findings(linter, "SA", "en-SA", description="Now SAR 1,939.00 only") == []


def test_english_saudi_rewrite_stays_in_latin_script_and_is_safe(linter):
    found = money_findings(linter, "SA", "en-SA", description="Now 939.00 SAR only")
    assert rewrites(found) == [("LOC001", "939.00 SAR", "SAR 939.00", Applicability.SAFE)]


def test_rewrite_into_another_script_is_not_safe(linter):
    # An Arabic listing's format brings Arabic letters into a field written in Latin script.
    found = money_findings(linter, "SA", "ar-SA", description="Price SAR 939.00")
    assert [(f.text, f.suggestions[0].applicability) for f in found] == [("SAR 939.00", Applicability.DISPLAY)]


def test_four_digits_may_go_ungrouped_five_may_not(linter):
    assert money_findings(linter, "IN", "en-IN", description="Offer price Rs. 1199 today") == []
    assert money_findings(linter, "DE", "de-DE", description="Nur 4599 € statt 4999 €") == []
    found = money_findings(linter, "IN", "en-IN", description="Offer price Rs. 11999 today")
    assert rewrites(found) == [("LOC001", "Rs. 11999", "₹11,999", Applicability.SAFE)]


def test_a_letter_before_the_dollar_sign_is_another_currency(linter):
    found = money_findings(linter, "BR", "pt-BR", description="Economize r$500 no Pix")
    assert rewrites(found) == [("LOC001", "r$500", "R$ 500", Applicability.SAFE)]
    assert money_findings(linter, "BR", "pt-BR", description="Preço no Canadá: C$20") == []
    assert [f.text for f in money_findings(linter, "BR", "pt-BR", description="Frete us$ 15")] == ["us$ 15"]


def test_a_locale_babel_does_not_know_falls_back_to_the_market(rulebook):
    linter = Linter(rulebook, day=TODAY)
    found = money_findings(linter, "DE", "xx-DE", description="Nur 24.99 €")
    assert rewrites(found) == [("LOC001", "24.99 €", "24,99 €", Applicability.SAFE)]
