"""kinds.language._without_names blanks the brand's and the international names' spans by
slicing the text between them: it must give what blanking a list of characters gave, for
overlapping, nested, repeated and empty spans, on the rule examples and on generated text."""
from hypothesis import given, settings, strategies as st

from loclint.kinds import language
from loclint.rulebook import load_rulebook
from loclint.kinds.base import compile_patterns


def _by_characters(text: str, names, brand_spans: list[tuple[int, int]]) -> str:
    """_without_names as it was: each span blanked in a list of the text's characters."""
    spans = list(brand_spans)
    if names is not None:
        spans += [m.span() for m in names.finditer(text)]
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ab é\tİ", max_size=40), st.data())
def test_slicing_equals_blanking_characters(text, data):
    point = st.integers(min_value=0, max_value=len(text))
    spans = [tuple(sorted(pair)) for pair in data.draw(st.lists(st.tuples(point, point), max_size=6))]
    assert language._without_names(text, None, spans) == _by_characters(text, None, spans)


def test_an_unchanged_text_is_the_same_object():
    text = "A jacket that keeps you warm in winter and dry in the rain"
    assert language._without_names(text, None, []) is text


def _names_patterns():
    rules = [r for r in load_rulebook().all_rules() if r.kind == "language" and r.options["names"]]
    assert rules
    return [compile_patterns(r.options["names"], words=True) for r in rules]


def test_slicing_equals_blanking_characters_on_the_rule_examples():
    patterns = _names_patterns()
    texts = [e.text for r in load_rulebook().all_rules() for e in (*r.invalid, *r.valid) if e.text]
    assert len(texts) > 500
    assert sum(1 for text in texts if list(patterns[0].finditer(text))) >= 10  # names to blank, overlapping the brand's
    for names in patterns:
        for text in texts:
            words = text.split()
            brand_spans = [(0, len(words[0]))] if words else []  # the first word read as the brand
            for spans in ([], brand_spans):
                assert language._without_names(text, names, spans) == _by_characters(text, names, spans), text
