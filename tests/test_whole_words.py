"""A word-edged pattern searches its bare body first (text.words.WholeWords): it finds exactly what
the edged pattern alone finds, and a text the body misses never runs, or compiles, the edges."""
import datetime as dt
import pickle
import re
from pathlib import Path

import pytest

from loclint.engine import Linter
from loclint.readers import read_file
from loclint.readers.records import build_record
from loclint.text.words import WholeWords, compile_words, whole_words

TEXTS = [
    "",
    "Bettertainment Stereo Headphones",  # the body occurs only inside a word
    "Bett 140 x 200, Bettwäsche, ein Bett.",  # inside a word and as a word
    "Table, oak; tables; TABLE",
    "高仿 Tisch-Lampe 60cm Esstisch",  # unspaced script, compounds, a digit beside the edge
    "table\nbett\ttable",
]
BODIES = ["bett|table", "bett(?:en)?|tables?", "tisch", "60(?:cm)?", "(?s)bett.table", "^table|bett$"]


@pytest.mark.parametrize("body", BODIES)
def test_it_finds_what_the_edged_pattern_finds(body):
    edged = compile_words(whole_words(body), re.IGNORECASE)
    pattern = WholeWords(body, re.IGNORECASE)
    for text in TEXTS:
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in edged.finditer(text)], text
        for pos in range(len(text) + 1):
            expected = edged.search(text, pos)
            found = pattern.search(text, pos)
            assert (found and found.span()) == (expected and expected.span()), (text, pos)


def test_a_text_the_body_misses_compiles_no_edges():
    pattern = WholeWords("never-seen-body", re.IGNORECASE)
    assert pattern.search("a text without it") is None and list(pattern.finditer("nor here")) == []
    assert "_compiled" in vars(pattern._bare) and "_compiled" not in vars(pattern._edged)
    assert pattern.pattern == whole_words("never-seen-body") and pattern.flags == re.IGNORECASE


def test_it_survives_pickling_as_a_worker_receives_it():
    copy = pickle.loads(pickle.dumps(WholeWords("tisch", re.IGNORECASE)))
    assert copy.search("Esstisch") is None and copy.search("ein Tisch").span() == (4, 9)


def _edged_only(monkeypatch):
    """The path before WholeWords: every search runs the edged pattern."""
    monkeypatch.setattr(WholeWords, "search", lambda self, text, *args: self._edged.search(text, *args))
    monkeypatch.setattr(WholeWords, "finditer", lambda self, text, *args: self._edged.finditer(text, *args))


def _findings(records) -> list:
    linter = Linter(day=dt.date(2026, 11, 29))
    return [repr(item) for item in linter.lint_stream(records)]


def _records():
    feed = str(Path(__file__).resolve().parent.parent / "fixtures" / "listings-de.jsonl")
    own = [
        {"id": "in-1", "market": "IN", "title": "Herbal powder that cures diabetes and controls sugar",
         "description": "Only 3 left! Inspired by Chanel. Reduces the risk of cancer. Manufactured by ACME."},
        {"id": "in-2", "market": "IN", "title": "Curesome Diabetico tea", "description": "Treatments, prevented."},
        {"id": "br-1", "market": "BR", "title": "Tênis em até 10x sem juros", "price": {"amount": 199.9, "currency": "BRL"}},
        {"id": "de-1", "market": "DE", "title": "Bettertainment Kopfhörer, Bett 140 x 200, nur heute"},
    ]
    return [*read_file(feed, "DE"),
            *(build_record(data, path="<test>", line=n, index=n) for n, data in enumerate(own, 1))]


def test_the_linter_gives_the_findings_of_the_edged_patterns_alone(monkeypatch):
    fast = _findings(_records())
    assert fast
    _edged_only(monkeypatch)
    assert _findings(_records()) == fast
