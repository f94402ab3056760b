"""The second opinion without numpy (text/langid_plain.py) must guess as py3langid does, from
the same cached model, and a missing or bad file must only send it back to py3langid."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from loclint.rulebook import load_rulebook
from loclint.text import langid_cache
from loclint.text.langid_model import load_identifier
from loclint.text.langid_plain import plain_identifier
from loclint.text.language import clean, second_opinion

CANDIDATES = load_rulebook().candidate_languages
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# py3langid sums float16 weights in float32, langid_plain in float64.
CLOSE = 1e-5


def _example_texts() -> list[str]:
    """Every rule example's text and the bundled fixtures' titles and descriptions: copy in
    each market's language, and in the wrong ones."""
    texts = {example.text for rule in load_rulebook().all_rules() for example in (*rule.invalid, *rule.valid)
             if example.text}
    for path in sorted(FIXTURES.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            record = json.loads(line) if line.strip() else None
            if isinstance(record, dict):
                texts.update(record[k] for k in ("title", "description") if isinstance(record.get(k), str))
    return sorted(texts)


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    directory = str(tmp_path_factory.mktemp("langid"))
    packaged = load_identifier(CANDIDATES, directory)  # writes the cached file
    plain = plain_identifier(CANDIDATES, directory)
    assert plain is not None
    return packaged, plain


def _agree(packaged, plain, text: str) -> None:
    expected_language, expected = packaged.classify(text)
    language, probability = plain.classify(text)
    assert language == expected_language, text
    assert abs(probability - expected) < CLOSE, text


def test_rule_examples_and_fixtures_are_guessed_as_py3langid_guesses_them(both):
    texts = _example_texts()
    assert len(texts) > 500
    for text in texts:
        _agree(*both, clean(text))


@pytest.mark.parametrize("text", [
    "", " ", "ABC DEF", "KABELLOSE KOPFHÖRER MIT GERÄUSCHUNTERDRÜCKUNG",  # uppercase is read lowered
    "Camiseta Nike Sportswear Club Fleece Crew Feminina", "सूती कपड़े से बनी आरामदायक कुर्ता",
    "ครีมรักษาสิวหายขาดใน 7 วัน", "سماعات لاسلكية مع خاصية إلغاء الضوضاء", "e\u0301te\u0301",  # NFC
    "\ud800 a lone surrogate",
])
def test_edge_texts_are_guessed_as_py3langid_guesses_them(both, text):
    _agree(*both, text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300))
def test_any_text_is_guessed_as_py3langid_guesses_it(both, text):
    _agree(*both, text)


def test_the_plain_reader_finds_the_file_the_numpy_writer_wrote(tmp_path):
    assert plain_identifier(CANDIDATES, str(tmp_path)) is None  # nothing cached yet
    load_identifier(CANDIDATES, str(tmp_path))
    (written,) = tmp_path.glob("py3langid-*.model")
    assert str(written) == langid_cache.cached_path(CANDIDATES, str(tmp_path))
    assert plain_identifier(CANDIDATES, str(tmp_path)) is not None


def test_the_model_file_is_where_py3langid_keeps_it():
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    assert langid_cache.model_file() == os.path.join(str(MODEL_DIR), MODEL_FILE)


@pytest.mark.parametrize("damage", [
    lambda data: b"not an array file",
    lambda data: data[: len(data) // 2],  # cut short
    lambda data: data.replace(b"'descr': '<f2'", b"'descr': '|O8'", 1),  # objects: never read
    lambda data: data.replace(b"'descr': '<f2'", b"'descr': '>f2'", 1),  # another byte order
    lambda data: data.replace(b"'fortran_order': False", b"'fortran_order': True ", 1),
    lambda data: data.replace(b"NUMPY", b"NUMPX", 1),
])
def test_a_file_that_does_not_read_back_is_not_used(tmp_path, damage):
    load_identifier(CANDIDATES, str(tmp_path))
    (written,) = tmp_path.glob("py3langid-*.model")
    written.write_bytes(damage(written.read_bytes()))
    assert plain_identifier(CANDIDATES, str(tmp_path)) is None


def test_a_value_out_of_range_hands_the_text_to_py3langid(monkeypatch, tmp_path):
    load_identifier(CANDIDATES, str(tmp_path))
    plain = plain_identifier(CANDIDATES, str(tmp_path))
    plain.output = memoryview(bytes(4 * len(plain.output))).cast("i")  # every state: feature 0 ...
    plain.ptc = memoryview(b"")  # ... which the weights no longer hold
    from loclint.text import langid_plain

    monkeypatch.setattr(langid_plain, "plain_identifier", lambda candidates: plain)
    classify = second_opinion(CANDIDATES)
    assert classify("Kabellose Kopfhörer mit aktiver Geräuschunterdrückung")[0] == "de"  # py3langid's answer
    assert classify("Wireless headphones with active noise cancelling")[0] == "en"


@pytest.mark.skipif(__import__("importlib").util.find_spec("pycld2") is None,
                    reason="without pycld2 py3langid is the detector itself")
def test_a_run_that_asks_the_second_opinion_imports_no_numpy_once_the_model_is_cached(tmp_path):
    # CLD2 reads this brand-heavy Portuguese title as English: the second opinion is asked.
    path = tmp_path / "doubted.jsonl"
    path.write_text(json.dumps({"id": "1", "market": "BR", "title": "x", "description":
                                "Camiseta Nike Sportswear Club Fleece Crew Feminina Camiseta Nike Sportswear"}) + "\n",
                    encoding="utf-8")
    script = ("import json, sys\nfrom loclint.cli import main\n"
              "from loclint.text import cld2\nasked = []\nbuild = cld2.cld2_classifier\n"
              "def spy(market, second, hint=False):\n"
              "    return build(market, lambda: asked.append(1) or second(), hint)\n"
              "cld2.cld2_classifier = spy\n"
              "try:\n    main(sys.argv[1:], prog_name='loclint')\nexcept SystemExit:\n    pass\n"
              "sys.stdout = sys.__stdout__\nprint(json.dumps([bool(asked), 'numpy' in sys.modules]))\n")
    env = {**os.environ, "LOCLINT_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-c", script, "check", "--no-cache", "--jobs", "1", "--fail-on", "never",
               "--format", "json", str(path)]
    first = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, check=True)
    second = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert json.loads(first.stdout.splitlines()[-1]) == [True, True]  # the first run writes the model
    assert json.loads(second.stdout.splitlines()[-1]) == [True, False]
