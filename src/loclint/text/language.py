"""Guess the language of a text. py3langid is the default (about 24x faster than langdetect on
listing text, see README); langdetect, the user's original choice, stays available."""
from __future__ import annotations

import functools
import re
from typing import Callable

DETECTORS = ("py3langid", "langdetect")

_NOISE = re.compile(r"https?://\S+|\S+@\S+|[\d_]+|[^\w\s]")


def clean(text: str) -> str:
    """Numbers, URLs and symbols only confuse detectors."""
    return _NOISE.sub(" ", text)


@functools.lru_cache(maxsize=None)
def detector(name: str = "py3langid") -> Callable[[str], tuple[str, float]]:
    """A function text -> (ISO 639-1 code, probability). Imported lazily: both load models."""
    if name == "py3langid":
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

        def classify(text: str) -> tuple[str, float]:
            lang, prob = identifier.classify(clean(text))
            return lang, float(prob)

        return classify
    if name == "langdetect":
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException

        DetectorFactory.seed = 0  # deterministic results

        def classify(text: str) -> tuple[str, float]:
            try:
                best = detect_langs(clean(text))[0]
            except LangDetectException:
                return "und", 0.0
            return best.lang.split("-")[0], float(best.prob)

        return classify
    raise ValueError(f"unknown language detector {name!r} (choose from {', '.join(DETECTORS)})")
