"""How a language inflects, for expanding its trigger words: rulesets/languages.yml, one entry
per language. Its own module so that both the spaCy expansion (lemmas.py) and the shipped forms
(shipped_inflections.py) can name it without importing each other."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LanguageData:
    """How one language inflects, for expanding its trigger words (rulesets/languages.yml)."""

    strip: tuple[str, ...] = ()  # inflectional endings removed to find a word's stem
    endings: tuple[str, ...] = ()  # endings added to the stem for words the lemma table lacks
    min_stem: int = 3
    min_inflect: int = 4  # shorter words ("der", "#1") match only as written
    # Proclitics written onto a word (Arabic "ال", "بال", "و"): every form also matches with each
    # of ``prefixes`` in front, and with each of ``clitics`` when the word has ``min_clitic``
    # letters or more. Single-letter clitics on a short word make other words: "ك" + "بيرة"
    # (beer) is "كبيرة" (big).
    prefixes: tuple[str, ...] = ()
    clitics: tuple[str, ...] = ()
    min_clitic: int = 5

    @classmethod
    def from_yaml(cls, data: dict) -> "LanguageData":
        return cls(
            strip=tuple(data.get("strip", ())),
            endings=tuple(data.get("endings", ())),
            min_stem=int(data.get("min_stem", 3)),
            min_inflect=int(data.get("min_inflect", 4)),
            prefixes=tuple(data.get("prefixes", ())),
            clitics=tuple(data.get("clitics", ())),
            min_clitic=int(data.get("min_clitic", 5)),
        )
