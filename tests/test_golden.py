"""Golden output of every format: a small fixed input (tests/golden/input: a JSON Lines feed with
a safe and an unsafe rewrite, a clean record, a line that is not JSON and an info finding, and a
text file whose name holds a comma and a space) linted on a fixed date, compared byte for byte
with tests/golden/check.<format>.

When a format or a rule's wording changes on purpose, regenerate and review the diff:

    LOCLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

Paths are relative (the run starts in the project root); SARIF's SRCROOT, the one absolute
location, is written as file:///ROOT/.
"""
import os
from pathlib import Path

import pytest

from conftest import TODAY, runner

from loclint.cli import main
from loclint.reporters import REPORTERS

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
INPUT = "tests/golden/input"
EXTENSIONS = {"full": "txt", "concise": "txt", "json": "json", "jsonl": "jsonl", "sarif": "sarif",
              "github": "txt", "junit": "xml", "html": "html"}


def render(fmt: str, monkeypatch, *extra) -> tuple[int, str]:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    result = runner().invoke(main, ["check", "--format", fmt, "--date", TODAY.isoformat(), "--market", "DE",
                                    "--jobs", "1", "--no-cache", *extra, INPUT])
    assert result.exc_info is None or result.exc_info[0] is SystemExit, result.exc_info
    return result.exit_code, result.stdout.replace(ROOT.as_uri() + "/", "file:///ROOT/")


def test_every_format_has_a_golden_file():
    assert set(EXTENSIONS) == set(REPORTERS)


@pytest.mark.parametrize("fmt", sorted(EXTENSIONS))
def test_golden_output(fmt, monkeypatch):
    code, out = render(fmt, monkeypatch)
    assert code == 1  # errors and an unreadable line
    expected = GOLDEN / f"check.{fmt}.{EXTENSIONS[fmt]}"
    if os.environ.get("LOCLINT_UPDATE_GOLDEN"):
        expected.write_text(out, encoding="utf-8", newline="\n")
    assert expected.exists(), f"{expected} missing; run LOCLINT_UPDATE_GOLDEN=1 pytest tests/test_golden.py"
    assert out == expected.read_text(encoding="utf-8"), (
        f"--format {fmt} differs from {expected.relative_to(ROOT)}; if the change is intended, run "
        "LOCLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py and review the diff")
