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


# libphonenumber's expressions come from loclint's pattern cache while it runs (phones._compiled_from_the_cache).
_NUMBERS = ["Bulk orders: 602-454-6445", "Ruf an: +49 30 1234567 oder (030) 1234567", "WhatsApp 98765 43210",
            "contact 09876543210, +91-22-2345 6789 ext. 12", "Ligue (11) 98765-4321", "+33 1 23 45 67 89",
            "1-800-FLOWERS or +44 20 7946 0958", "Model 000914 914, 12/05/2016 10:30", "Tel. 0049 30 1234567"]


def _matched_without_the_cache(text: str, market: str) -> list[tuple[int, int]]:
    from phonenumbers import SUPPORTED_REGIONS, Leniency, PhoneNumberMatcher

    region = market if market in SUPPORTED_REGIONS else "ZZ"
    return [(m.start, m.end) for m in PhoneNumberMatcher(text, region, leniency=Leniency.VALID)]


def test_every_expression_libphonenumber_compiles_is_re_compiles(monkeypatch):
    asked = []
    real = phones._compiled.__wrapped__
    monkeypatch.setattr(phones, "_compiled", lambda source, flags: asked.append((source, flags)) or real(source, flags))
    for market in ("US", "DE", "IN", "BR", "FR", "GB", "EU"):
        for text in _NUMBERS:
            phone_spans(text, market)
    assert len(asked) > 50  # the metadata patterns of seven regions, at least
    for source, flags in asked:
        built, fresh = real(source, flags), phones._RE_COMPILE(source, flags)
        assert built == fresh and built.groups == fresh.groups and built.groupindex == fresh.groupindex, source


@pytest.mark.parametrize("market", ["US", "DE", "IN", "BR", "FR", "EU"])
def test_the_numbers_found_are_those_libphonenumber_finds_alone(market):
    for text in _NUMBERS:
        if phones._may_hold_a_number(text):
            assert phone_spans(text, market) == _matched_without_the_cache(text, market), text


@given(st.text(alphabet=st.sampled_from("0123456789 -./()+xX#aZ\u0660\u0966\uff11\u00e9\n"), min_size=7, max_size=40),
       st.sampled_from(["US", "DE", "IN", "BR", "EU"]))
@settings(max_examples=500, deadline=None)
def test_generated_numbers_are_found_as_libphonenumber_finds_them(text, market):
    expected = _matched_without_the_cache(text, market) if phones._may_hold_a_number(text) else []
    assert phone_spans(text, market) == expected


def test_re_compile_is_the_standard_librarys_again_after_a_search(monkeypatch):
    import re

    phone_spans("Call 602-454-6445", "US")
    assert re.compile is phones._RE_COMPILE
    import phonenumbers

    def broken(*args, **kwargs):
        raise RuntimeError("matcher failed")

    monkeypatch.setattr(phonenumbers, "PhoneNumberMatcher", broken)
    with pytest.raises(RuntimeError):
        phone_spans("Call 602-454-6445", "US")
    assert re.compile is phones._RE_COMPILE


def test_what_the_cache_does_not_build_goes_to_re_compile():
    import re

    assert phones._cached_compile(b"a+b") == re.compile(b"a+b")
    compiled = re.compile("x+")
    assert phones._cached_compile(compiled) is compiled
    assert phones._cached_compile("(?i)caf\u00e9", re.UNICODE) == re.compile("(?i)caf\u00e9", re.UNICODE)
    with pytest.raises(re.error):
        phones._cached_compile("(unclosed")


def test_a_programs_own_re_compile_is_put_back_after_a_search(monkeypatch):
    import re

    def wrapper(pattern, flags=0):  # a program that wraps re.compile (instrumentation, say)
        return phones._RE_COMPILE(pattern, flags)

    monkeypatch.setattr(re, "compile", wrapper)
    assert phone_spans("Call 602-454-6445", "US") == [(5, 17)]
    assert re.compile is wrapper


def test_threads_searching_at_once_leave_re_compile_as_it_was():
    import re
    import threading

    texts = [f"Call 602-454-{6400 + n}" for n in range(40)]
    found: list = []

    def search(chunk):
        found.extend(phone_spans(text, "US") for text in chunk)

    threads = [threading.Thread(target=search, args=(texts[n::4],)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 40 and all(spans == [(5, 17)] for spans in found)
    assert re.compile is phones._RE_COMPILE
