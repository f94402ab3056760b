"""The built-in rulesets' trigger words ship expanded (src/loclint/data/inflections.json), so no run
of the built-in rules loads spaCy's lemma tables, the first one after installing included; a
team's new trigger word is expanded with spaCy once and kept in the user's cache. When a rule's
triggers change, regenerate and commit the file:

    python -m loclint.inflections_build
"""
import datetime as dt
import json
import os
import subprocess
import sys
import textwrap

import msgspec
import pytest
from conftest import team_project, team_rule

from loclint.examples import every_rule
from loclint.rulebook import load_rulebook
from loclint.text import lemmas
from loclint.inflections_build import generate, main as build_main, trigger_words
from loclint.text.language_data import LanguageData
from loclint.text.shipped_inflections import PATH, REGENERATE, ShippedFile, ShippedForms, read

STALE = f"src/loclint/data/inflections.json is out of date with rulesets/: run `{REGENERATE}` and commit it"


def _stale_words(rulebook, shipped) -> list[str]:
    """What the shipped file lacks or holds beyond the rulebook's trigger words, as 'lang:word'."""
    wanted = {(lang, word) for lang, words in trigger_words(rulebook).items() for word in words}
    held = {(lang, word) for lang, forms in shipped.forms.items() for word in forms}
    return sorted(f"{sign}{lang}:{word}" for sign, pairs in (("missing ", wanted - held), ("left over ", held - wanted))
                  for lang, word in pairs)


# --- the shipped file is current --------------------------------------------------------------------

def test_the_shipped_file_holds_every_built_in_trigger_word(rulebook):
    shipped = read(PATH)
    assert shipped is not None, f"{PATH} is missing or unreadable: run `{REGENERATE}`"
    assert shipped.languages == rulebook.languages, f"{STALE} (rulesets/languages.yml changed)"
    stale = _stale_words(rulebook, shipped)
    assert not stale, f"{STALE} ({', '.join(stale[:10])})"


def test_a_changed_trigger_word_makes_the_file_stale(rulesets):
    claims = rulesets / "de" / "claims.yml"
    text = claims.read_text(encoding="utf-8")
    assert "triggers:\n      de: [" in text
    claims.write_text(text.replace("triggers:\n      de: [", "triggers:\n      de: [Pfannkuchenpreis, ", 1),
                      encoding="utf-8")
    assert _stale_words(load_rulebook(rulesets), read(PATH)) == ["missing de:pfannkuchenpreis"]


def test_the_shipped_forms_are_what_spacy_expands_today(rulebook):
    """Every word (3 s: the lemma tables load): a run with the shipped forms finds what a run
    expanding through spaCy finds."""
    shipped = read(PATH)
    assert shipped.spacy_lookups_data == lemmas.tables_version(), f"{STALE} (another spacy-lookups-data)"
    differ = [f"{lang}:{word}" for lang, forms in shipped.forms.items() for word, listed in forms.items()
              if frozenset(listed) != lemmas.inflections(word, lang, rulebook.languages[lang])]
    assert not differ, f"{STALE} (forms differ: {', '.join(differ[:10])})"
    assert msgspec.json.decode(generate(rulebook), type=ShippedFile) == shipped, STALE


def test_the_build_command_writes_the_file_and_check_names_a_stale_one(tmp_path, capsys):
    target = tmp_path / "inflections.json"
    assert build_main(["--output", str(target), "--check"]) == 1
    assert f"{target} is out of date\nregenerate with: {REGENERATE}" in capsys.readouterr().out
    assert build_main(["--output", str(target)]) == 0
    assert read(target) == read(PATH)
    assert build_main(["--output", str(target), "--check"]) == 0


# --- where a run takes the forms from -----------------------------------------------------------------

def _shipped_file(path, forms: dict, languages: dict) -> ShippedForms:
    path.write_text(json.dumps({"about": "test", "spacy_lookups_data": "1.0.5", "forms": forms,
                                "languages": {lang: vars(data) for lang, data in languages.items()}}),
                    encoding="utf-8")
    return ShippedForms(path)


def test_a_shipped_word_comes_from_the_file_and_is_not_cached(tmp_path, rulebook):
    german = rulebook.languages["de"]
    shipped = _shipped_file(tmp_path / "shipped.json", {"de": {"beste": ["beste", "bestes"]}}, {"de": german})
    cache = lemmas.InflectionCache(str(tmp_path / "cache"), shipped)
    assert cache("Beste", "de", german) == frozenset({"beste", "bestes"})  # the file's, not spaCy's
    cache.save()
    assert not (tmp_path / "cache").exists()


def test_another_languages_data_or_word_is_expanded_with_spacy(tmp_path, rulebook):
    german = rulebook.languages["de"]
    shipped = _shipped_file(tmp_path / "shipped.json", {"de": {"beste": ["beste"]}}, {"de": german})
    cache = lemmas.InflectionCache(str(tmp_path / "cache"), shipped)
    other = LanguageData(strip=("en",), endings=("en",))
    assert cache("beste", "de", other) == lemmas.inflections("beste", "de", other) != frozenset({"beste"})
    assert cache("Pfannkuchen", "de", german) == lemmas.inflections("pfannkuchen", "de", german)
    cache.save()
    assert set(lemmas.InflectionCache(str(tmp_path / "cache"), shipped).stored()) == {
        ("de", "beste", other), ("de", "pfannkuchen", german)}


@pytest.mark.parametrize("content", [None, b"{not json", b'{"about": "x"}', b"\x80\x04K\x01."])
def test_a_missing_or_damaged_shipped_file_costs_time_not_forms(tmp_path, rulebook, content):
    path = tmp_path / "inflections.json"
    if content is not None:
        path.write_bytes(content)
    german = rulebook.languages["de"]
    cache = lemmas.InflectionCache(str(tmp_path / "cache"), ShippedForms(path))
    assert ShippedForms(path)("beste", "de", german) is None
    assert cache("beste", "de", german) == frozenset(read(PATH).forms["de"]["beste"])


# --- whole runs, each in a fresh process with an empty cache directory ---------------------------------

def _fresh_run(tmp_path, code: str, cwd=None) -> dict:
    """Run ``code`` in a new interpreter with an empty cache; it prints JSON, to which this adds
    whether spaCy was imported and what the cache directory holds."""
    cache = tmp_path / "cache"
    script = textwrap.dedent(code) + textwrap.dedent(f"""
        import json as _json, os as _os, sys as _sys
        _cache = {str(cache)!r}
        print(_json.dumps({{"spacy": "spacy" in _sys.modules, "result": result,
                           "cached": sorted(_os.listdir(_cache)) if _os.path.isdir(_cache) else []}}))
        """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "LOCLINT_CACHE_DIR": str(cache)}, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_compiling_every_built_in_rule_in_every_market_loads_no_spacy(tmp_path, rulebook):
    """Every rule, the off-by-default and the not-yet-effective ones too, in every market."""
    ran = _fresh_run(tmp_path, f"""
        import datetime
        from loclint.engine import Linter
        from loclint.rulebook import load_rulebook
        book = load_rulebook()
        linter = Linter(book, day=datetime.date(2100, 1, 1), select={list(every_rule(rulebook))!r})
        result = sorted(code for code in book.markets if linter.market(code).rules)
        """)
    assert ran["result"] == sorted(rulebook.markets)
    assert not ran["spacy"] and not any(name.startswith("inflections-") for name in ran["cached"])


def _check_code(feed) -> str:
    return f"""
        from click.testing import CliRunner
        from loclint.cli import main
        out = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache", "--jobs", "1", "--fail-on", "never",
                                        "--date", "2026-11-25", {str(feed)!r}])
        result = sorted(f["rule"] for f in __import__("json").loads(out.stdout)["findings"])
        """


def test_a_first_run_of_the_built_in_rules_loads_no_spacy(tmp_path):
    feed = tmp_path / "feed.jsonl"
    records = [{"id": "de", "market": "DE", "title": "Die besten Pfannen, unschlagbar günstig"},
               {"id": "us", "market": "US", "title": "The best eco-friendly pans, 30 in"},
               {"id": "br", "market": "BR", "title": "As melhores panelas ecológicas"}]
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    ran = _fresh_run(tmp_path, _check_code(feed))
    assert "DE001" in ran["result"]  # "besten": an inflected form of the trigger "beste"
    assert not ran["spacy"] and not any(name.startswith("inflections-") for name in ran["cached"])


@pytest.mark.parametrize("word, expanded", [("Headphones", True), ("beste", False)])
def test_a_team_rules_new_trigger_word_loads_spacy_once(tmp_path, word, expanded):
    """Only a trigger word neither shipped nor cached loads the lemma tables; the next run finds it cached."""
    rule = team_rule().replace("de: [Headphones]", f"de: [{word}]").replace('"Neue Headphones"', f'"Neue {word}"')
    feed = team_project(tmp_path, rule, f"Neue {word}")
    first = _fresh_run(tmp_path, _check_code(feed), cwd=tmp_path)
    assert "TEAM001" in first["result"]
    assert first["spacy"] is expanded
    assert any(name.startswith("inflections-") for name in first["cached"]) is expanded
    again = _fresh_run(tmp_path, _check_code(feed), cwd=tmp_path)
    assert again["result"] == first["result"] and not again["spacy"]


def test_a_shipped_word_never_reads_the_users_cache(rulebook, monkeypatch):
    def unread(*args):
        raise AssertionError("the user's cache was read for a shipped word")

    monkeypatch.setattr(lemmas.cache_entry, "read", unread)
    german = rulebook.languages["de"]
    cache = lemmas.InflectionCache("/nonexistent/loclint-cache")
    assert cache("Besten", "de", german) == frozenset(read(PATH).forms["de"]["besten"])
    cache.save()  # nothing new: nothing written
