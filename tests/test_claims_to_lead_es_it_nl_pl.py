"""ES001, IT001, NL001, PL001: claims to lead in Spain, Italy, the Netherlands and Poland (issue 16).

The rules' YAML examples run in test_ruleset_examples.py; these tests check what examples cannot
say one line at a time: every inflected form of a Polish or Spanish superlative fires, each rule
loads in its own market only, and the classes of text the rules must leave alone stay quiet in
every form (the Omnibus reference price, "as ... as possible", greetings, a size "No. 1").
"""
import pytest

from loclint.api import lint

RULE_OF = {"ES": "ES001", "IT": "IT001", "NL": "NL001", "PL": "PL001"}


def _spans(text, market, field="description"):
    rule = RULE_OF[market]
    return [text[f.start:f.end] for f in lint({field: text}, market=market).findings if f.rule == rule]


# Polish declines "najlepszy" for case, gender and number; one prefix trigger must find them all.
@pytest.mark.parametrize("form", ["najlepszy", "najlepsza", "najlepsze", "najlepszego", "najlepszej", "najlepszemu",
                                  "najlepszym", "najlepszą", "najlepszych", "najlepszymi"])
def test_every_case_of_the_polish_superlative_fires(form):
    assert _spans(f"To jest {form} odkurzacz", "PL") == [form]


@pytest.mark.parametrize("text, span", [
    ("Najlżejszej lodówki turystycznej nie znajdziesz", "Najlżejszej"),
    ("Wybierz najcichszą suszarkę", "najcichszą"),
    ("Ekspres najlepiej sprzedający się w tym roku", "najlepiej sprzedający"),
    ("Liderem rynku od 2010 roku", "Liderem rynku"),
    ("Bestsellerem w kategorii AGD", "Bestsellerem"),
])
def test_polish_forms_of_the_other_triggers_fire(text, span):
    assert _spans(text, "PL") == [span]


# Spanish triggers inflect through rulesets/languages.yml: gender and number of "más vendido".
@pytest.mark.parametrize("text, span", [
    ("La cafetera más vendida", "más vendida"),
    ("Los auriculares más vendidos", "más vendidos"),
    ("Las sartenes más vendidas", "más vendidas"),
    ("Las batidoras más potentes del mercado", "más potentes del mercado"),
])
def test_spanish_inflected_forms_fire(text, span):
    assert _spans(text, "ES") == [span]


@pytest.mark.parametrize("market, text", [
    ("ES", "La mejor freidora de aire del mercado"),
    ("IT", "La migliore friggitrice ad aria del mercato"),
    ("NL", "De beste airfryer van Nederland"),
    ("PL", "Najlepsza frytkownica na rynku"),
])
def test_each_rule_loads_in_its_own_market_only(market, text):
    own = RULE_OF[market]
    found = {f.rule for f in lint({"description": text}, market=market).findings}
    assert own in found
    elsewhere = {f.rule for m in ("DE", "FR", "GB", *RULE_OF) if m != market
                 for f in lint({"description": text}, market=m).findings}
    assert own not in elsewhere


@pytest.mark.parametrize("market", sorted(RULE_OF))
def test_english_copy_in_the_market_is_read_too(market):
    assert _spans("Best-selling air fryer, number one in Europe", market) == ["Best-selling", "number one"]


# Text every claim rule here must leave alone, in each language.
@pytest.mark.parametrize("market, text", [
    # The reference price the Omnibus rule requires is not a claim to the lowest price.
    ("ES", "Precio más bajo de los últimos 30 días: 34,99 €"),
    ("IT", "Prezzo più basso degli ultimi 30 giorni: 34,99 €"),
    ("NL", "Laagste prijs van de afgelopen 30 dagen: € 34,99"),
    ("PL", "Najniższa cena z 30 dni przed obniżką: 129,99 zł"),
    ("PL", "Najniższej ceny z ostatnich 30 dni szukaj obok"),
    # A size or pattern numbered 1.
    ("ES", "Tetina talla nº 1 para recién nacidos"),
    ("IT", "Tettarella misura n. 1 per neonati"),
    ("NL", "Speen maat nr. 1 voor pasgeborenen"),
    ("PL", "Smoczek rozmiar nr 1 dla noworodków"),
    # Greetings and wishes.
    ("NL", "Met beste groeten, uw webwinkel"),
    ("IT", "Con i migliori auguri dal nostro negozio"),
    ("PL", "Z najlepszymi życzeniami świątecznymi"),
    # "as ... as possible" and plain praise.
    ("PL", "Plamy należy usunąć jak najszybciej, najlepiej wilgotną ściereczką."),
    ("IT", "Ottimo prodotto, bellissimo e comodissimo"),
    ("ES", "Calidad excelente y un diseño precioso"),
])
def test_text_that_is_no_claim_stays_quiet(market, text):
    assert _spans(text, market) == []


def test_a_stated_source_and_year_silences_the_claim():
    claim = "Nº 1 en ventas de freidoras en España"
    assert _spans(claim, "ES") == ["Nº 1"]
    assert _spans(claim + " (fuente: Circana, 2025)", "ES") == []
