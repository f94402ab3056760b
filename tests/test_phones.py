"""Phone numbers as each market writes them (text/phones.py), for MP005."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loclint.text import phones
from loclint.text.phones import phone_spans


@pytest.mark.parametrize("market, text, number", [
    ("US", "Bulk orders: 602-454-6445", "602-454-6445"),
    ("US", "Call (602) 454-6445", "(602) 454-6445"),
    ("DE", "Telefon (030) 1234567", "(030) 1234567"),
    ("DE", "Ruf an: +49 30 1234567", "+49 30 1234567"),
    ("IN", "WhatsApp 98765 43210", "98765 43210"),
    ("IN", "contact 09876543210", "09876543210"),
    ("BR", "Ligue (11) 98765-4321", "(11) 98765-4321"),
    ("FR", "Appelez le +33 1 23 45 67 89", "+33 1 23 45 67 89"),
])
def test_a_number_in_the_markets_own_format_is_found(market, text, number):
    assert [text[s:e] for s, e in phone_spans(text, market)] == [number]


@pytest.mark.parametrize("market, text", [
    ("IN", "Model 000914 914, 3 containers"),
    ("IN", "Dimensions 120 x 60 x 75 cm, 12.5 kg, made on 12/05/2016"),
    ("IN", "Price Rs. 1,24,999 for 2 pcs, 10000 mAh"),
    ("IN", "Indiranagar, Bengaluru 560038"),
    ("BR", "registros 003900/2020, 003901/2020 e 003899/2020"),
    ("BR", "R$ 1.299,00 em 10x de R$ 129,90"),
    ("DE", "EAN 4006381333931, Art.-Nr. 12345678, Modell 2024-11-05"),
    ("US", "Dimensions 24 x 18 x 6 in, 3.5 lbs, item 123456789012"),
])
def test_digits_that_are_no_valid_number_are_not_one(market, text):
    assert phone_spans(text, market) == []


def test_a_market_libphonenumber_does_not_know_finds_only_international_numbers():
    text = "Call 602-454-6445 or +49 30 1234567"
    assert [text[s:e] for s, e in phone_spans(text, "EU")] == ["+49 30 1234567"]


# The digit count that answers most texts before the search must give the search's answer.
# Texts like the corpus's: product codes, dimensions, dates, numbers in other scripts.
LIKE_THE_CORPUS = [
    "", "Style Code 1128503", "R8851116001", "CAU1116.BA0858", "Model 000914 914", "12/05/2016",
    "Call 602-454-6445", "१२३४५६७ हिंदी अंक", "٠١٢٣٤٥٦ أرقام", "1 2 3 4 5 6", "1 2 3 4 5 6 7",
    "1,24,999", "12345 6", "123456", "1234567", "Ｔｅｌ １２３４５６７", "ab1cd2ef3gh4ij5kl6mn7",
    "1\u00a02\u00a03\u00a04\u00a05\u00a06\u00a07",
]


def _by_search(text: str) -> bool:
    return phones._ENOUGH_DIGITS.search(text) is not None


@pytest.mark.parametrize("text", LIKE_THE_CORPUS)
def test_the_digit_count_answers_as_the_search_does(text):
    assert phones._may_hold_a_number(text) == _by_search(text)


@given(st.text(alphabet=st.sampled_from("0123456789 -./()+xX#aZ\u0660\u0966\uff11\u00e9\n"), max_size=40))
@settings(max_examples=3000, deadline=None)
def test_the_digit_count_answers_as_the_search_does_on_generated_text(text):
    assert phones._may_hold_a_number(text) == _by_search(text)


@given(st.text(max_size=60))
@settings(max_examples=1000, deadline=None)
def test_the_digit_count_answers_as_the_search_does_on_any_text(text):
    assert phones._may_hold_a_number(text) == _by_search(text)
