"""py3langid's restricted model is cached in a fast-loading form; the cached model must guess
exactly as the packaged one does, and a bad cache must never break a run."""
import os

import pytest
from hypothesis import given, settings, strategies as st

from loclint.text.langid_model import load_identifier
from loclint.rulebook import load_rulebook
from loclint.text.language import clean

CANDIDATES = load_rulebook().candidate_languages

SAMPLES = [
    "Kabellose Kopfhörer mit aktiver Geräuschunterdrückung und 30 Stunden Akkulaufzeit",
    "Wireless headphones with active noise cancelling and a thirty hour battery",
    "Fones de ouvido sem fio com cancelamento de ruído e bateria de longa duração",
    "Casque sans fil avec réduction de bruit active et autonomie de trente heures",
    "सूती कपड़े से बनी आरामदायक कुर्ता, हाथ से सिली हुई",
    "سماعات لاسلكية مع خاصية إلغاء الضوضاء",
]


def _guesses(identifier):
    return [identifier.classify(clean(text)) for text in SAMPLES]


def test_the_cached_model_guesses_as_the_packaged_one(tmp_path):
    built = load_identifier(CANDIDATES, str(tmp_path))
    cached_files = list(tmp_path.glob("py3langid-*.model"))
    assert len(cached_files) == 1
    loaded = load_identifier(CANDIDATES, str(tmp_path))
    assert [lang for lang, _ in _guesses(built)] == ["de", "en", "pt", "fr", "hi", "ar"]
    assert _guesses(loaded) == _guesses(built)
    assert loaded.nb_classes == built.nb_classes


def test_another_candidate_list_is_another_cache_entry(tmp_path):
    load_identifier(CANDIDATES, str(tmp_path))
    load_identifier(("de", "en"), str(tmp_path))
    assert len(list(tmp_path.glob("py3langid-*.model"))) == 2


def test_a_damaged_cache_file_is_rebuilt(tmp_path):
    load_identifier(CANDIDATES, str(tmp_path))
    (cached,) = tmp_path.glob("py3langid-*.model")
    cached.write_bytes(b"not an archive")
    identifier = load_identifier(CANDIDATES, str(tmp_path))
    assert identifier.classify(clean(SAMPLES[0]))[0] == "de"
    assert cached.stat().st_size > 1000


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_an_unwritable_cache_directory_only_costs_time(tmp_path):
    tmp_path.chmod(0o500)
    try:
        identifier = load_identifier(CANDIDATES, str(tmp_path / "sub"))
    finally:
        tmp_path.chmod(0o700)
    assert identifier.classify(clean(SAMPLES[1]))[0] == "en"


def test_a_cache_path_that_is_a_file_only_costs_time(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache directory should be")
    identifier = load_identifier(CANDIDATES, str(blocker))
    assert identifier.classify(clean(SAMPLES[1]))[0] == "en"


@pytest.fixture(scope="module")
def packaged_and_mapped(tmp_path_factory):
    directory = str(tmp_path_factory.mktemp("langid"))
    return load_identifier(CANDIDATES, directory), load_identifier(CANDIDATES, directory)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200))
def test_the_mapped_model_gives_the_same_probabilities_on_any_text(packaged_and_mapped, text):
    # Any text walks other paths of the byte automaton: every one must lead to the same scores.
    packaged, mapped = packaged_and_mapped
    assert mapped.classify(text) == packaged.classify(text)
    assert mapped.rank(text) == packaged.rank(text)


def test_the_cached_model_is_mapped_not_read(tmp_path):
    # The automaton is 39 MB, of which a run touches a few pages: it must stay in the file.
    load_identifier(CANDIDATES, str(tmp_path))
    mapped = load_identifier(CANDIDATES, str(tmp_path))
    assert isinstance(mapped.tk_nextmove, memoryview) and mapped.tk_nextmove.readonly
    assert not mapped.nb_ptc.flags.writeable  # a view of the read-only map
