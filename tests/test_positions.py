"""Decoded offsets inside a JSON string literal map to raw offsets exactly, through every kind of
escape, and without walking the string once per finding."""
import json

from hypothesis import given, settings, strategies as st

from loclint.positions import json_string_offset


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.booleans(), st.text(alphabet=" \t\n,:[{", max_size=3))
def test_every_decoded_offset_maps_to_the_raw_offset_that_decodes_to_it(text, ascii_only, before):
    raw = before + json.dumps(text, ensure_ascii=ascii_only) + before
    quote = len(before)
    decoded = json.loads(raw[quote:len(raw) - len(before)])  # a \ud83d\ude00 pair is one character
    for k in range(len(decoded) + 1):
        assert json.loads(raw[quote:json_string_offset(raw, quote, k)] + '"') == decoded[:k]


def test_a_high_surrogate_escape_before_a_non_surrogate_escape_is_two_characters():
    raw = '"\\ud800\\u0041x"'
    assert [json_string_offset(raw, 0, k) for k in range(4)] == [1, 7, 13, 14]


def test_ten_thousand_lookups_in_one_long_field_do_not_rewalk_it():
    raw = json.dumps("é unschlagbar " * 10_000, ensure_ascii=True)
    # Linear: with one walk per lookup this is 10,000 x 140,000 steps (minutes); here milliseconds.
    offsets = [json_string_offset(raw, 0, k * 14) for k in range(10_000)]
    assert offsets[1] - offsets[0] == 19 and offsets[-1] == 1 + 9_999 * 19
