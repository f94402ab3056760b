"""JSON Lines records decoded the fast way (readers/json/listing.py: msgspec into a typed listing)
and the general way (parse.loads, then records.build_record) are the same records: the same
fields in the same order, the same positions through escapes, the same write-back encoding. A line
the fast way declines goes the general way, so a bad record keeps its message; the fast way must
never accept a line the general way refuses."""
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from loclint.model import Record
from loclint.readers import read_file
from loclint.readers.json import jsonl
from loclint.readers.json.jsonl import _parse_line_generally
from loclint.readers.json.listing import FeedShape, fast_record
from loclint.readers.records import MAX_DEPTH

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
FEEDS = [HERE / "data" / "escapes.jsonl", HERE / "data" / "bad-records.jsonl",
         HERE.parent / "fixtures" / "listings-de.jsonl"]


def both_ways(text: str, line: int = 3, index: int = 2, market=None, locale=None):
    kwargs = dict(line=line, index=index, market=market, locale=locale)
    fast = fast_record(text, path="feed.jsonl", **kwargs)
    general = _parse_line_generally("feed.jsonl", line, text, index, market, locale)
    return fast, general


def assert_same(fast: Record, general: Record) -> None:
    assert fast == general  # id, market, locale, attributes, price, path, line; each field's path, scope, text
    for a, b in zip(fast.fields, general.fields):
        assert a.source == b.source
        assert a.locate_end is None and b.locate_end is None
        for offset in range(len(a.text) + 1):
            assert a.position(offset) == b.position(offset), (a.path, offset)
        for replacement in ("", "sehr gut", 'a "quote" \\ \n\t 😀 \x1b é'):
            assert a.encode(replacement) == b.encode(replacement)
        assert getattr(a.encode, "whole", lambda _: None)("x") == b.encode.whole("x")  # writeback asks


def assert_agree(text: str, **kwargs) -> None:
    fast, general = both_ways(text, **kwargs)
    if fast is not None:
        assert isinstance(general, Record), f"the fast way accepted what the general way refuses: {general}"
        assert_same(fast, general)


@pytest.mark.parametrize("feed", FEEDS, ids=lambda p: p.name)
def test_fast_and_general_records_are_the_same_on_the_test_feeds(feed):
    fast_lines = 0
    for number, line in enumerate(feed.read_bytes().split(b"\n"), 1):
        try:
            text = line.decode("utf-8").rstrip("\r")
        except UnicodeDecodeError:
            continue
        if text.strip():
            assert_agree(text, line=number, market="DE", locale="de-DE")
            fast_lines += both_ways(text)[0] is not None
    assert fast_lines > 0


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not here")
@pytest.mark.parametrize("name", ["listings-real.jsonl", "listings-more.jsonl"])
def test_fast_and_general_records_are_the_same_on_the_corpus(name):
    declined = 0
    for number, text in enumerate((CORPUS / name).read_text(encoding="utf-8").split("\n"), 1):
        if text.strip():
            fast, general = both_ways(text, line=number)
            if fast is None:
                declined += 1
                continue
            assert fast == general
            assert [f.position(len(f.text) // 2) for f in fast.fields] == \
                   [f.position(len(f.text) // 2) for f in general.fields]
    assert declined == 0  # every real listing takes the fast way


@pytest.mark.parametrize("text", [
    '{"id": null, "title": "x"}',                                  # a null id is an error, an absent one is "#n"
    '{"id": true, "title": "x"}',
    '{"id": 1.5, "title": "x"}',
    '{"title": 3}',
    '{"title": "x", "title": 3}',                                  # the last of a repeated key counts
    '{"bullets": "one"}',
    '{"bullets": ["a", 2]}',
    '{"attributes": []}',
    '{"price": {"amount": "12"}}',
    '{"price": {"amount": null}}',
    '{"price": {"amount": true}}',
    '{"price": {"display": 12}}',
    '{"images": ["a.jpg"]}',
    '{"images": [{"alt": 1}]}',
    '{"images": [{"colors": "red"}]}',
    '{"_loclint": 5}',
    '{"_loclint": ["ok", 5]}',
    '{"market": 5}',
    '{"x": ' + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + '}',  # too deep in a key the listing ignores
    '{"images": [{"x": ' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + '}]}',  # ... in an image's
    '{"attributes": {"x": ' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + '}}',
    '{"price": {"x": ' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + '}}',
    '{"source": ' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + '}',
    '{"x": ' + "9" * 4400 + '}',                                    # more digits than Python reads
    '{"attributes": {"x": 1e400}}',                                 # json reads it as inf; msgspec refuses
    '{"x": NaN, "title": "x"}',
    '{"title": "\\ud800 lone"}',                                    # an escaped lone surrogate
    '{"title": "x\ty"}',                                            # a raw tab inside a string
    '{"title": "x"} trailing',
    '["title"]',
    '"title"',
])
def test_lines_the_fast_way_declines_go_the_general_way(text):
    fast, general = both_ways(text)
    assert fast is None
    assert isinstance(general, (Record, jsonl.UnreadableInput))


def test_a_lone_surrogate_in_the_text_itself_goes_the_general_way():
    # A UTF-16 feed with half a pair decodes to a str holding the surrogate; msgspec cannot
    # take it as UTF-8, json can.
    fast, general = both_ways('{"title": "Kissen \udce9 günstig"}')
    assert fast is None and general.fields[0].text == "Kissen \udce9 günstig"


@pytest.mark.parametrize("text", [
    '{"title": "x", "images": [{"colors": ""}]}',                # "" is no colours to build_record
    '{"id": 7, "title": "caf\\u00e9 \\"die\\" \\ud83d\\ude00 besten", "bullets": null}',
    '{"id": "r", "market": "", "locale": "", "title": "x"}',       # empty market: the feed's market
    '{"title": "a", "title": "b", "bullets": ["x"], "bullets": null}',
    '{"attributes": {"Colour": ["Rot", 3, "Blau", null], "n": 5, "s": "x", "o": {"k": "v"}}}',
    '{"price": {"amount": 12, "display": "12,00 €", "currency": "EUR"}, "_loclint": "loclint: ignore[DE001] -- ok"}',
    '{"_loclint": ["a", "b"], "source": {"title": "Original", "bullets": ["eins"]}, "title": "T", "bullets": ["one"]}',
    '{"images": [{"file": "a.jpg", "alt": "x", "colors": ["red"], "tags": ["t"], "extra": {"k": [1]}}]}',
    '{"id": 12345678901234567890123, "x": 123456789012345678901234567890}',
    '  {"title": "padded"}  ',
    '{"title": "x", "ignored": 1e400}',                            # inf to json, skipped by msgspec: no matter
])
def test_fast_and_general_ways_agree_on_odd_but_valid_lines(text):
    assert_agree(text, market="de", locale="de-DE")


# --- generated lines ---------------------------------------------------------------------------

TEXT = st.text(st.characters(codec="utf-8") | st.sampled_from('"\\\n\t\x1b😀\u2028é'), max_size=12)
SCALAR = st.none() | st.booleans() | st.integers(-10**25, 10**25) | st.floats(allow_nan=False) | TEXT
VALUE = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(TEXT, inner, max_size=3), max_leaves=8)
LISTING = st.fixed_dictionaries({}, optional={
    "id": st.none() | st.booleans() | st.integers() | TEXT,
    "market": st.none() | st.sampled_from(["DE", "in", ""]) | st.integers(),
    "locale": st.none() | st.sampled_from(["de-DE", ""]),
    "title": st.none() | TEXT | st.integers(),
    "description": st.none() | TEXT,
    "bullets": st.none() | st.lists(TEXT | st.integers(), max_size=3) | TEXT,
    "attributes": st.none() | st.dictionaries(TEXT, VALUE, max_size=4) | st.lists(TEXT, max_size=1),
    "price": st.none() | st.dictionaries(st.sampled_from(["amount", "display", "currency", "x"]), SCALAR, max_size=4),
    "images": st.none() | st.lists(st.fixed_dictionaries({}, optional={
        "file": st.none() | TEXT, "alt": TEXT | st.integers(), "colors": st.none() | st.lists(TEXT, max_size=2) | TEXT,
        "tags": st.lists(TEXT | st.none(), max_size=2), "other": VALUE}) | TEXT, max_size=3),
    "_loclint": st.none() | TEXT | st.lists(TEXT | st.integers(), max_size=2),
    "source": st.none() | VALUE,
    "other": VALUE,
})


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(LISTING, st.booleans(), st.booleans())
@example({"title": "x", "bullets": ["a"]}, True, False)
@example({"title": "", "images": [{"file": "", "colors": ["", "rot"], "tags": [""]}], "_loclint": [""]}, False, True)
def test_fast_and_general_ways_agree_on_generated_lines(listing, ascii_only, spaced):
    text = json.dumps(listing, ensure_ascii=ascii_only, separators=(", ", ": ") if spaced else (",", ":"))
    assert_agree(text, market="DE")


TRANSLATED = ('{"title": "T", "description": "D", "bullets": ["b0", "b1"], '
              '"attributes": {"Farbe": "rot", "Größen": ["S", 3, "M"], "n": 5}, "_loclint": ["a", "b"], '
              '"price": {"amount": 1, "display": "1,00 €", "currency": "EUR"}, '
              '"images": [{"file": "a.jpg", "alt": "x", "colors": ["rot"], "tags": ["t", "u"]}]}')


def test_every_kind_of_field_finds_its_original():
    """The fast way lists a record's fields first and then looks each one's original up by the
    key its locator holds (listing._key_of): every kind of field, in order, must find the same."""
    listing = json.loads(TRANSLATED)
    text = json.dumps({**listing, "source": listing})
    fast, general = both_ways(text)
    assert_same(fast, general)
    assert len(fast.fields) == 16 and all(field.source is not None for field in fast.fields)
    assert [field.source.text for field in fast.fields] == [field.text for field in fast.fields]


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(LISTING)
def test_fast_and_general_ways_agree_when_a_line_mirrors_its_source(listing):
    """A translated listing whose source mirrors its own keys: every field has an original."""
    mirrored = {key: value for key, value in listing.items() if key != "source"}
    assert_agree(json.dumps({**mirrored, "source": mirrored}), market="DE")


# --- the shallow shape first (listing._ShallowListing, FeedShape) -----------------------------

def full_shape() -> FeedShape:
    shape = FeedShape()
    shape.shallow = False
    return shape


@pytest.mark.parametrize("text", [
    '{"x": ' + "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2) + ', "title": "t"}',
    '{"images": [{"x": ' + "[" * (MAX_DEPTH - 4) + "]" * (MAX_DEPTH - 4) + ', "alt": "a"}]}',
    '{"attributes": {"x": {"y": ["z"]}, "s": "t"}}',
    '{"price": {"amount": 1, "x": [[1]], "display": "1 €"}}',
    '{"source": {"title": "o"}, "title": "t"}',
])
def test_a_line_of_the_full_shape_only_is_read_the_same_and_turns_the_feed_full(text):
    """Such a line (an ignored key, nesting where the listing allows it, a source) is refused by
    the shallow shape, read by the full one, and tells the feed's FeedShape so."""
    shape = FeedShape()
    record = fast_record(text, path="feed.jsonl", line=3, index=2, market="DE", locale=None, shape=shape)
    assert record is not None and not shape.shallow
    assert_agree(text, market="DE")
    shape = FeedShape()
    fast_record('{"title": "t", "attributes": {"a": ["b", 1, null]}}', path="feed.jsonl", line=3, index=2,
                market="DE", locale=None, shape=shape)
    assert shape.shallow  # a plain line keeps it


def test_a_broken_line_does_not_turn_the_feed_full():
    shape = FeedShape()
    assert fast_record('{"title": ', path="f", line=1, index=1, market=None, locale=None, shape=shape) is None
    assert shape.shallow


@settings(max_examples=200, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(LISTING, min_size=1, max_size=4))
def test_the_same_records_whichever_shape_is_tried_first(listings):
    """Lines read with one FeedShape through a feed, with the full shape only and with none at
    all are the same records (or all declined)."""
    shared = FeedShape()
    for number, listing in enumerate(listings, 1):
        text = json.dumps(listing)
        kwargs = dict(path="feed.jsonl", line=number, index=number, market="DE", locale=None)
        records = [fast_record(text, **kwargs, shape=shared), fast_record(text, **kwargs, shape=full_shape()),
                   fast_record(text, **kwargs)]
        if records[0] is None:
            assert records == [None, None, None]
            continue
        for other in records[1:]:
            assert other == records[0]
            for a, b in zip(records[0].fields, other.fields):
                assert a.source == b.source and a.encode is b.encode
                assert [a.position(i) for i in range(len(a.text) + 1)] == [b.position(i) for i in range(len(b.text) + 1)]


def test_the_reader_keeps_one_shape_for_a_feed(tmp_path, monkeypatch):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"title": "a"}\n{"title": "b", "sku": 1}\n{"title": "c"}\n', encoding="utf-8")
    seen = []
    real = jsonl.fast_record

    def spy(text, **kwargs):
        seen.append(kwargs["shape"].shallow)
        return real(text, **kwargs)

    monkeypatch.setattr(jsonl, "fast_record", spy)
    assert [record.fields[0].text for record in read_file(str(feed), "DE")] == ["a", "b", "c"]
    assert seen == [True, True, False]


# --- through the reader and the linter ---------------------------------------------------------

@pytest.mark.parametrize("feed", FEEDS, ids=lambda p: p.name)
def test_findings_are_the_same_with_the_fast_way_off(linter, feed, monkeypatch):
    def findings():
        out = []
        for item in read_file(str(feed), "DE"):
            if isinstance(item, Record):
                out.extend(f.to_dict() for f in linter.market(item.market).lint(item))
            else:
                out.append(item.to_dict())
        return out

    fast = findings()
    monkeypatch.setattr(jsonl, "fast_record", lambda *args, **kwargs: None)
    assert findings() == fast
    assert fast  # the feeds have findings to compare


def test_a_field_is_its_text_and_where_it_is():
    """Field is a Struct for its constructor's speed (model.py); it compares, hashes and prints
    as the dataclass did, whose callables and original were compare=False, repr=False."""
    import pickle

    from loclint.model import Field, Original

    located = Field("bullets[0]", "bullets", "Die besten", lambda offset: (1, offset + 1), str.upper,
                    lambda offset: (2, 1), Original("The best"))
    plain = Field("bullets[0]", "bullets", "Die besten")
    assert located == plain and hash(located) == hash(plain) and not located != plain
    assert repr(located) == repr(plain) == "Field(path='bullets[0]', scope='bullets', text='Die besten')"
    assert located != Field("bullets[1]", "bullets", "Die besten") and located != Field("bullets[0]", "title", "Die besten")
    assert located != Field("bullets[0]", "bullets", "Die beste") and located != ("bullets[0]", "bullets", "Die besten")
    assert located.source == Original("The best") and located.encode("x") == "X" and located.position(3) == (1, 4)
    assert located.end_position(3) == (2, 1) and plain.position(3) == (0, 0)
    with pytest.raises(AttributeError):
        located.text = "x"
    assert pickle.loads(pickle.dumps(plain)) == plain and {plain: 1}[located] == 1


def test_a_record_compares_every_attribute():
    import pickle

    from loclint.model import Field

    args = dict(id="r-1", market="DE", locale="de-DE", fields=(Field("title", "title", "x"),),
                attributes={"brand": "B"}, price={"amount": 3}, path="feed.jsonl", line=7)
    record = Record(**args)
    assert record.directives == () and record.partial is False
    assert record == Record(**args) and record != Record(**{**args, "line": 8})
    assert record != Record(**{**args, "attributes": {"brand": "C"}})
    with pytest.raises(AttributeError):
        record.id = "x"
    assert pickle.loads(pickle.dumps(record)) == record
