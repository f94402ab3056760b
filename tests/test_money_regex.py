"""The money kind's amount regex checks the character before a symbol after matching the
symbol (a literal-first branch is skipped in C), where it used to look back first. The two
forms must find the same amounts, with the same groups, in any text."""
import re

from hypothesis import given, settings, strategies as st

from loclint.kinds import money


def _lookbehind_first(symbols: list[str]) -> re.Pattern:
    """The amount regex as it was written before (the reference)."""
    parts = []
    for symbol in sorted(symbols, key=len, reverse=True):
        escaped = re.escape(symbol)
        if money._loose_case(symbol):
            escaped = f"(?i:{escaped})"
        if symbol[0].isalpha():
            escaped = rf"(?<![^\W\d_]){escaped}"
        else:
            escaped = rf"(?<![A-Za-z]){escaped}"
        if symbol[-1].isalpha():
            escaped = rf"{escaped}(?![^\W\d_])"
        parts.append(escaped)
    alternatives = "|".join(parts)
    firsts = {s[0] for s in symbols} | {c for s in symbols if money._loose_case(s)
                                        for c in (s[0].lower(), s[0].upper())}
    first = re.escape("".join(sorted(firsts)))
    return re.compile(
        rf"(?=[\d{first}])(?:(?P<pre>{alternatives})[ \u00a0]?(?P<n1>{money._NUMBER})"
        rf"|(?<![\d.,])(?P<n2>{money._NUMBER})[ \u00a0]?(?P<post>{alternatives}))"
    )


def _symbols(rulebook) -> list[str]:
    return rulebook.data["currencies"].symbols()


def _amounts(regex, text: str) -> list:
    return [(m.span(), m.groupdict()) for m in regex.finditer(text)]


def test_same_amounts_on_written_examples(rulebook):
    symbols = _symbols(rulebook)
    new, old = money._amount_regex(symbols), _lookbehind_first(symbols)
    texts = [f"{glue}{symbol}{space}{number}{after}"
             for symbol in symbols for glue in ("", " ", "x", "C", "1", ".", "é")
             for space in ("", " ", "\u00a0") for number in ("5", "1.234,56", "12,999.00", "0")
             for after in ("", " ", "a", "€")]
    texts += [f"{glue}{number}{space}{symbol}{after}"
              for symbol in symbols for glue in ("", " ", "x", "9", ",")
              for space in ("", " ") for number in ("5", "1.234,56", "1’299")
              for after in ("", " ", "s", "9", "ä")]
    texts += ["r$ 500 e R$500", "us$ 20 and US$20", "CAED 12", "NZ$ 5", "JP¥100", "£5£5", "Rs.499 Rs 499 ₹499"]
    for text in texts:
        assert _amounts(new, text) == _amounts(old, text), text


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_same_amounts_on_generated_text(rulebook, data):
    symbols = _symbols(rulebook)
    new, old = money._amount_regex(symbols), _lookbehind_first(symbols)
    pieces = st.sampled_from(symbols + [s.lower() for s in symbols] + list("0123456789.,’' \u00a0aZrRsSé_-") + ["\n"])
    text = "".join(data.draw(st.lists(pieces, max_size=30)))
    assert _amounts(new, text) == _amounts(old, text)
