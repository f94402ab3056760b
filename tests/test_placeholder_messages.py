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


MISSPELLED = [
    ('Orders starting with "{order_number}"', 'Pedidos começando com "%{order_number}s"', "%{order_number}s",
     "writes “order_number” (in braces) of its source in braces after %, with a stray “s” after it;"),
    ("You have %(count)s items", "Sie haben {count} Artikel", "{count}", "writes “%(count)s” of its source in braces;"),
    ("You have %(count)s items", "Sie haben %(count) Artikel", "%(count)", "of its source without its “s”;"),
    ("{{count}} items selected", "{count} Artikel ausgewählt", "{count}", "(in double braces) of its source in braces;"),
    ("Hello {name}!", "Hallo {{name}}!", "{{name}}", "“name” (in braces) of its source in double braces;"),
]


@pytest.mark.parametrize("source, target, spelled, said", MISSPELLED)
def test_a_misspelled_placeholder_is_reported_where_it_is_not_as_dropped(source, target, spelled, said):
    record = {"id": "S-1", "market": "DE", "description": target, "source": {"description": source}}
    found = [f for f in loclint.lint([record]).findings if f.rule.startswith("LNT")]
    assert [(f.rule, f.text) for f in found] == [("LNT005", spelled)]
    assert target[found[0].start:found[0].end] == spelled
    assert said in found[0].message


def test_a_placeholder_really_dropped_is_still_dropped():
    record = {"id": "S-1", "market": "DE", "description": "Sie haben Artikel", "source": {"description": "You have %(count)s items"}}
    assert [f.rule for f in loclint.lint([record]).findings if f.rule.startswith("LNT")] == ["LNT003"]
