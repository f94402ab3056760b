"""Arabic trigger forms (rulesets/languages.yml `ar`, text/lemmas.py) against a light stemmer
library (tashaphyne's ArabicLightStemmer, when installed): which finds the forms a Gulf listing
writes, and which also takes words that only look like a trigger.

    python benchmarks/arabic_forms.py

loclint expands each trigger once (article and proclitics in front, common suffixes behind) and
looks text words up; a stemmer strips each text word and compares stems. The word lists were
written for this benchmark from the Gulf rules' triggers.
"""
from __future__ import annotations

import yaml

from loclint.ruleset import default_rulesets_dir
from loclint.text.language_data import LanguageData
from loclint.text.lemmas import inflections

MUST = {"خنزير": ["الخنزير", "بالخنزير", "والخنزير", "للخنزير", "خنزيري"],
        "جيلاتين": ["الجيلاتين", "بالجيلاتين", "جيلاتينية"],
        "كحول": ["الكحول", "بالكحول", "كحولية", "كحولي"],
        "حلال": ["الحلال", "والحلال"], "بيرة": ["البيرة", "والبيرة"], "نبيذ": ["بالنبيذ", "النبيذ"]}
MUST_NOT = {"بيرة": ["كبيرة", "بيروت"], "جيلاتين": ["جيلاتي"], "خمر": ["خمري", "الخميرة"],
            "حلال": ["حلا", "حلاوة"], "خنزير": ["خيزران"]}


def score(name: str, matches) -> None:
    found = sum(matches(t, w) for t, words in MUST.items() for w in words)
    total = sum(len(words) for words in MUST.values())
    false = [(t, w) for t, words in MUST_NOT.items() for w in words if matches(t, w)]
    missed = [(t, w) for t, words in MUST.items() for w in words if not matches(t, w)]
    print(f"{name}: forms found {found}/{total}, look-alikes taken {len(false)} {false or ''}")
    if missed:
        print(f"  missed: {missed}")


def main() -> None:
    data = yaml.safe_load((default_rulesets_dir() / "languages.yml").read_text(encoding="utf-8"))["ar"]
    arabic = LanguageData.from_yaml(data)
    score("loclint trigger forms", lambda trigger, word: word in inflections(trigger, "ar", arabic))
    try:
        from tashaphyne.stemming import ArabicLightStemmer
    except ImportError:
        print("tashaphyne: not installed, skipped")
        return
    stemmer = ArabicLightStemmer()

    def stem(word):
        stemmer.light_stem(word)
        return stemmer.get_stem()

    score("tashaphyne light stem", lambda trigger, word: stem(word) == stem(trigger))


if __name__ == "__main__":
    main()
