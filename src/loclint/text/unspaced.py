"""Words in Thai, which is written without spaces between them: PyThaiNLP's dictionary segmenter.

A terms rule looks its triggers up token by token (kinds/terms.py), and a run of Thai letters
is one sentence, not one word, so text.tokens cuts each run into words here. The engine is
PyThaiNLP's ``newmm`` (maximal matching over its CC0 word list, ~62k words): it needs no model
and no download, and is pinned so a PyThaiNLP default change cannot bring one in. It was chosen
over nlpo3 (the same algorithm in Rust, 4-14x faster, but shipping no word list) and ICU's break
iterator (cuts loanwords into syllables, 166 MB): benchmarks/thai_segmenters.py.

Trigger words join the dictionary (``add_words``): a trigger the word list lacks ("ขาวถาวร",
permanently white) would otherwise be cut across ("ผิวขาว|ถาวร") and never match. PyThaiNLP is
imported, and its dictionary built (0.7-1.6 s on a shared machine), on the first Thai text only.
"""
from __future__ import annotations

import functools
import os
import re
from typing import Iterable

# Thai letters, vowel signs and tone marks; not Thai digits (๐-๙), which are read as numbers.
THAI_RUN = re.compile(r"[\u0e01-\u0e4e]+")

_extra: set[str] = set()  # trigger words added to the dictionary


def add_words(words: Iterable[str]) -> None:
    """Make ``words`` (Thai trigger words) dictionary words, so segmentation keeps them whole."""
    new = {w for w in words if THAI_RUN.fullmatch(w)} - _extra
    if new:
        _extra.update(new)
        _trie.cache_clear()


def segment(run: str) -> list[str]:
    """A run of Thai letters cut into words (their concatenation is ``run``)."""
    try:
        trie = _trie()  # first: it quiets PyThaiNLP before the import
        from pythainlp.tokenize import word_tokenize
    except ImportError:  # a broken install: the run stays one token, as before segmentation
        return [run]
    return word_tokenize(run, custom_dict=trie, engine="newmm", keep_whitespace=False)


@functools.lru_cache(maxsize=1)
def _trie():
    _quiet_pythainlp()
    from pythainlp.corpus import thai_words
    from pythainlp.util import Trie

    return Trie(set(thai_words()) | _extra)


def _quiet_pythainlp() -> None:
    """No ~/pythainlp-data directory and no background download: loclint needs neither, and a
    linter writes nothing the user did not ask for. Left alone when the user set either."""
    if "PYTHAINLP_READ_ONLY" not in os.environ and "PYTHAINLP_READ_MODE" not in os.environ:
        os.environ["PYTHAINLP_READ_ONLY"] = "1"
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
