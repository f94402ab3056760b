"""LNT004 names the formatting its placeholder belongs to, not always Python's % formatting (issue 15)."""
import pytest

import loclint

FAMILIES = [
    ("You have %(count)s items", "Sie haben %(anzahl)s Artikel", "printf-style formatting"),
    ("Hello %{name}!", "Hallo %{Name}!", "Ruby on Rails"),
    ("{{count}} items selected", "{{anzahl}} Artikel ausgewählt", "i18next interpolation in double braces"),
    ("Hello {name}!", "Hallo {Name}!", "ICU MessageFormat and Python's str.format"),
    ("{count, plural, one {# item} other {# items}}", "{anzahl, plural, one {# Artikel} other {# Artikel}}",
     "ICU MessageFormat"),
    ("Click <0>here</0>", "<1>Hier</1> klicken", "react-i18next's Trans"),
]


@pytest.mark.parametrize("source, target, formatting", FAMILIES)
def test_an_unknown_placeholder_names_its_own_formatting(source, target, formatting):
    record = {"id": "S-1", "market": "DE", "description": target, "source": {"description": source}}
    (finding,) = [f for f in loclint.lint([record]).findings if f.rule == "LNT004"][:1]
    assert formatting in finding.message
    if "%(" not in source:
        assert "Python's %" not in finding.message
