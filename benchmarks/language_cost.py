"""What language detection costs: the second opinion's start-up and the guesses themselves.

    python benchmarks/language_cost.py [--runs N] [FILE]

Prints, each the median of N fresh interpreters (CPU seconds, user + system): importing numpy
(py3langid's dependency), opening py3langid's restricted model from a warm cache directory, and
building that cache from the packaged model (the first run after an install). Then, in this
process, CLD2 with its second opinion over the titles and descriptions of FILE (by default the
real catalogue in ../shared/corpus), each with its record's market: texts, seconds, and how many
asked the second opinion. Timings on a shared machine are noisy: compare paired medians.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "listings-real.jsonl"

_OPEN = """
import resource, sys
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
from loclint.rulebook import load_rulebook
candidates = load_rulebook().candidate_languages
start = cpu()
import numpy
numpy_done = cpu()
from loclint.text.langid_model import load_identifier
load_identifier(candidates, sys.argv[1])
print(numpy_done - start, cpu() - numpy_done)
"""


def _fresh(directory: str) -> tuple[float, float]:
    done = subprocess.run([sys.executable, "-c", _OPEN, directory], capture_output=True, text=True, check=True)
    numpy_cpu, model_cpu = done.stdout.split()
    return float(numpy_cpu), float(model_cpu)


def _guesses(path: Path) -> tuple[int, float, int]:
    from loclint.rulebook import load_rulebook
    from loclint.text import language

    rulebook = load_rulebook()
    asked = []
    second_opinion = language.detector

    def counting(name="cld2", candidates=(), hint=()):
        found = second_opinion(name, candidates, hint)
        return (lambda text: asked.append(text) or found(text)) if name == "py3langid" else found

    texts = []
    for line in path.open(encoding="utf-8"):
        record = json.loads(line)
        market = rulebook.markets.get(str(record.get("market", "")).upper())
        for key in ("title", "description"):
            if market is not None and isinstance(record.get(key), str):
                texts.append((market.languages, record[key]))
    language.detector = counting  # the CLD2 classifier looks its second opinion up here
    try:
        start = time.process_time()
        for languages, text in texts:
            counting("cld2", rulebook.candidate_languages, languages)(text)
        spent = time.process_time() - start
    finally:
        language.detector = second_opinion
    return len(texts), spent, len(asked)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("file", nargs="?", type=Path, default=CORPUS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as warm:
        _fresh(warm)  # builds the cache
        opened = [_fresh(warm) for _ in range(args.runs)]
    built = []
    for _ in range(max(1, args.runs // 2)):
        with tempfile.TemporaryDirectory() as empty:
            built.append(_fresh(empty)[1])
    print(f"numpy import: {statistics.median(n for n, _ in opened):.3f} s CPU")
    print(f"model, warm cache: {statistics.median(m for _, m in opened):.3f} s CPU")
    print(f"model, first run (cache built): {statistics.median(built):.3f} s CPU")
    if args.file.is_file():
        texts, spent, asked = _guesses(args.file)
        print(f"guesses: {texts} texts in {spent:.3f} s CPU ({spent / texts * 1e6:.0f} µs a text, "
              f"model start-up included); {asked} asked the second opinion")
    return 0


if __name__ == "__main__":
    sys.exit(main())
