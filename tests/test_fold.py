"""text.fold.folded: a text without a character its tables change is folded by casefold()
alone, which must give what the tables give."""
from hypothesis import given, settings, strategies as st

from loclint.text import fold
from loclint.text.fold import folded


def _by_the_tables(text: str) -> str:
    return text.translate(fold._BEFORE).casefold().translate(fold._AFTER)


def test_casefold_makes_no_character_the_tables_change_out_of_another():
    changed = {*fold._BEFORE, *fold._AFTER}
    made = [hex(c) for c in range(0x110000)
            if c not in changed and changed & set(map(ord, chr(c).casefold()))]
    assert made == []


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZß ÄöİIıi.") + ["\u0640", "\u064e", "\u093c", "\u0958", "क", "خ", "ﬃ"]),
               max_size=30))
def test_folded_equals_the_tables_on_any_text(text):
    assert folded(text) == _by_the_tables(text)


def test_folded_on_written_examples():
    assert folded("Größte Auswahl") == "grösste auswahl"  # no character of the tables: casefold alone
    assert folded("EN İYİ fiyat") == "en iyi fiyat"
    assert folded("خِنْزِير") == "خنزير"
    assert folded("डायबिटीज़") == "डायबिटीज"
