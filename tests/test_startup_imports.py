"""What a small run imports: only what it uses. A regression test, not a timed one: each module
named here cost start-up tens of milliseconds, or seconds (spaCy), for nothing."""
import importlib.util
import json
import os
import subprocess
import sys

import pytest

# Run `loclint check` in a fresh interpreter and list the modules it ended with.
_SCRIPT = """
import json, sys
from loclint.cli import main
try:
    main(sys.argv[1:], prog_name="loclint")
except SystemExit:
    pass
sys.stdout = sys.__stdout__
print(json.dumps(sorted(sys.modules)))
"""

# Not needed to lint a small file whose copy no rule finds anything in.
NEVER = {
    "spacy", "numpy", "langdetect", "py3langid",  # language and lemma models
    "yaml",  # the built-in rulesets are read from their shipped form (ruleset/shipped.py)
    "multiprocessing", "concurrent.futures",  # one job
    "logging",  # only to silence the readers' notices (--quiet) or to give one
    "polib", "xml.etree.ElementTree", "loclint.readers.feeds.csvfeed", "loclint.readers.translation.po",
    "loclint.readers.translation.xliff", "loclint.readers.yaml.yamldoc",  # readers of other formats
    "loclint.results_cache",  # --no-cache
    "pythainlp",  # Thai word segmentation: only for Thai text
    # Only on a rare path: a cache file, baseline or standard input's copy written (tempfile and
    # shutil, 3.4 ms), the progress line drawn (shutil), a selector matching nothing (difflib), a
    # fix written into HTML (html), a translation file read (its locales).
    "tempfile", "shutil", "difflib", "html", "loclint.readers.translation.locales",
}


def modules_after(tmp_path, *args) -> set:
    # Run where no configuration file is found (the repository's pyproject.toml would be read).
    done = subprocess.run([sys.executable, "-c", _SCRIPT, "check", "--no-cache", "--jobs", "1", "--format", "json",
                           "--fail-on", "never", *map(str, args)],
                          cwd=tmp_path, capture_output=True, text=True, check=True)
    *_, listed = done.stdout.strip().splitlines()
    return set(json.loads(listed))


@pytest.mark.parametrize("name, text, args", [
    ("one.jsonl", '{"id": "1", "market": "DE", "title": "Topf aus Gusseisen"}\n', ()),
    ("one.txt", "Ein Topf aus Gusseisen.\n", ("--market", "DE")),
])
def test_a_warm_small_run_imports_nothing_it_does_not_use(tmp_path, name, text, args):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")

    modules_after(tmp_path, *args, path)  # a first run may expand new trigger words with spaCy, once
    loaded = modules_after(tmp_path, *args, path)

    assert "loclint.engine" in loaded  # it did lint
    assert not NEVER & loaded, sorted(NEVER & loaded)


def test_thai_text_loads_the_thai_segmenter_and_english_text_in_thailand_does_not(tmp_path):
    thai = tmp_path / "thai.jsonl"
    thai.write_text('{"id": "1", "market": "TH", "title": "ครีมรักษาสิวหายขาดใน 7 วัน"}\n', encoding="utf-8")
    english = tmp_path / "english.jsonl"
    english.write_text('{"id": "1", "market": "TH", "title": "Cast iron pot"}\n', encoding="utf-8")

    assert "pythainlp" in modules_after(tmp_path, thai)
    assert "pythainlp" not in modules_after(tmp_path, english)


@pytest.mark.skipif(importlib.util.find_spec("pycld2") is None, reason="without pycld2 py3langid guesses alone")
def test_a_long_text_in_the_markets_language_is_judged_without_the_second_opinion(tmp_path):
    # CLD2 reads it as German: py3langid's model (and numpy) is loaded only for a text CLD2
    # finds in another language.
    path = tmp_path / "long.jsonl"
    path.write_text('{"id": "1", "market": "DE", "title": "Topf aus Gusseisen", "description": "Ein schwerer '
                    'Topf aus Gusseisen, der die Wärme lange hält und sich für jeden Herd eignet."}\n', encoding="utf-8")

    modules_after(tmp_path, path)
    loaded = modules_after(tmp_path, path)

    assert "pycld2" in loaded  # the language rule did judge it
    assert not NEVER & loaded, sorted(NEVER & loaded)


def test_the_modules_checked_exist(tmp_path):
    """A name misspelt in NEVER would pass for ever: each must be importable."""
    import importlib.util

    for name in NEVER:
        assert importlib.util.find_spec(name) is not None, name


def test_version_is_printed_as_clicks_version_option_prints_it():
    # --version looks the version up only when asked (cli._show_version), in click's format.
    import loclint
    from conftest import runner
    from loclint.cli import main

    result = runner().invoke(main, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"loclint, version {loclint.__version__}\n")
    assert "--version   Show the version and exit." in runner().invoke(main, ["--help"]).stdout


def test_the_command_line_keeps_numpy_blas_to_one_thread_unless_the_user_says_otherwise():
    # OpenBLAS worker threads spin between the language model's small products: the CLI, a
    # process of its own, asks for one; a value already in the environment wins.
    probe = "import os, loclint.cli; print(os.environ.get('OPENBLAS_NUM_THREADS'))"
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    assert subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True,
                          check=True).stdout.strip() == "1"
    env["OPENBLAS_NUM_THREADS"] = "4"
    assert subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True,
                          check=True).stdout.strip() == "4"
    probe_api = "import os, loclint.api; print(os.environ.get('OPENBLAS_NUM_THREADS'))"
    env.pop("OPENBLAS_NUM_THREADS")
    assert subprocess.run([sys.executable, "-c", probe_api], env=env, capture_output=True, text=True,
                          check=True).stdout.strip() == "None"


def test_a_small_run_with_several_jobs_imports_no_worker_machinery(tmp_path):
    # --jobs defaults to the number of cores, so every run asks whether workers are worth it;
    # for a small input the answer must not cost multiprocessing's imports (13 ms).
    path = tmp_path / "one.txt"
    path.write_text("Ein Topf aus Gusseisen.\n", encoding="utf-8")
    loaded = modules_after(tmp_path, "--market", "DE", "--jobs", "2", path)  # the last --jobs wins
    assert "loclint.parallel" in loaded  # it did ask
    assert not {"multiprocessing", "concurrent.futures", "ctypes"} & loaded
