"""Release hygiene: one version (pyproject.toml's, read from the installed metadata), typed
public signatures (py.typed; mypy checks the API and a user's script against it), a changelog,
and an sdist and a wheel that install into a clean virtual environment and run.

The build test installs loclint's dependencies into a fresh environment from the package index,
which takes minutes; it is marked slow (`-m "not slow"` skips it), like the pre-commit test.
"""
import json
import os
import re
import subprocess
import sys
import tarfile
import textwrap
import zipfile
from pathlib import Path

import pytest

from conftest import TODAY, runner

import loclint
from loclint.cli import main

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_the_version_is_pyprojects_as_installed():
    assert loclint.__version__ == VERSION
    # Written nowhere else: the package reports whatever the installed metadata says.
    code = ("import importlib.metadata as m; m.version = lambda name: '9.9.9'; import loclint; print(loclint.__version__);"
            " from loclint.cli import main; main(['--version'])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.splitlines() == ["9.9.9", "loclint, version 9.9.9"]


def test_the_changelog_says_what_changed_since_the_last_release():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "keepachangelog.com" in text
    headings = re.findall(r"^## \[([^\]]+)\]", text, re.M)
    assert headings[0] == "Unreleased" and VERSION in headings
    unreleased = text.split("## [Unreleased]", 1)[1].split("\n## [", 1)[0]
    assert set(re.findall(r"^### (\w+)", unreleased, re.M)) <= {"Added", "Changed", "Deprecated", "Removed",
                                                                   "Fixed", "Security"}
    assert unreleased.count("\n- ") >= 10


def _mypy(*args, cwd) -> subprocess.CompletedProcess:
    pytest.importorskip("mypy", reason="mypy is in the test extra: pip install '.[test]'")
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent",
                           "--ignore-missing-imports", "--cache-dir", str(cwd / ".mypy_cache"), *args],
                          cwd=cwd, capture_output=True, text=True)


def test_the_public_signatures_type_check(tmp_path):
    result = _mypy(str(ROOT / "src/loclint/api.py"), str(ROOT / "src/loclint/model.py"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_users_script_is_checked_against_the_real_signatures(tmp_path):
    """`import loclint` loads the API lazily; type checkers still see its signatures (py.typed)."""
    (tmp_path / "pipeline.py").write_text(textwrap.dedent("""\
        import loclint

        report: loclint.Report = loclint.lint([{"id": "a", "market": "DE", "title": "x"}], select=["DE001"])
        rows: list[dict[str, object]] = [f.to_dict() for f in report.findings]
        count: str = report.summary.records
        loclint.lint_file("feed.jsonl", errors="skip")
        """), encoding="utf-8")
    result = _mypy("pipeline.py", cwd=tmp_path)
    assert re.findall(r"^pipeline\.py:(\d+): error", result.stdout, re.M) == ["5", "6"], result.stdout
    assert 'expected "Literal[\'collect\', \'raise\']"' in result.stdout


def _run(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=1800, **kwargs)


@pytest.mark.slow
def test_the_sdist_and_the_wheel_install_into_a_clean_environment_and_run(tmp_path):
    pytest.importorskip("build", reason="build is in the test extra: pip install '.[test]'")
    dist = tmp_path / "dist"
    built = _run(sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", dist, ROOT)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    [wheel] = dist.glob("loclint-*.whl")
    [sdist] = dist.glob("loclint-*.tar.gz")
    assert wheel.name.startswith(f"loclint-{VERSION}-") and sdist.name == f"loclint-{VERSION}.tar.gz"
    names = zipfile.ZipFile(wheel).namelist()
    assert "loclint/py.typed" in names and "loclint/rulesets/markets.yml" in names
    assert "loclint/ruleset/shipped_rulesets.json" in names  # the built-in rulesets' precomputed form
    assert "loclint/data/inflections.json" in names  # the built-in trigger words, expanded
    assert "loclint/reporters/html_assets/report.js" in names  # --format html's inline script and CSS
    with tarfile.open(sdist) as archive:
        shipped = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"src/loclint/py.typed", "src/loclint/data/inflections.json", "CHANGELOG.md", "README.md",
            "tests/test_release.py"} <= shipped

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv).check_returncode()
    python = venv / "bin" / "python"
    loclint_bin = venv / "bin" / "loclint"
    args = ["check", "--format", "json", "--no-cache", "--fail-on", "never", "--date", TODAY.isoformat(),
            ROOT / "fixtures"]
    expected = json.loads(runner().invoke(main, [str(a) for a in args]).stdout)
    env = {**os.environ, "LOCLINT_CACHE_DIR": str(tmp_path / "cache")}
    for package, extra in ((wheel, []), (sdist, ["--force-reinstall", "--no-deps"])):
        installed = _run(python, "-m", "pip", "install", "--quiet", *extra, package)
        assert installed.returncode == 0, installed.stderr[-3000:]
        version = _run(loclint_bin, "--version", cwd=tmp_path, env=env)
        assert version.stdout.strip() == f"loclint, version {VERSION}", version.stderr
        linted = _run(loclint_bin, *args, cwd=tmp_path, env=env)  # not the checkout: the installed package
        assert linted.returncode == 0, linted.stderr
        assert json.loads(linted.stdout) == expected, package.name
        # The installed package's own expanded forms served the built-in rules: nothing was expanded into the cache.
        assert not list((tmp_path / "cache").glob("inflections-*")), package.name
        where = _run(python, "-c", "import loclint; print(loclint.__file__)", cwd=tmp_path)
        assert str(venv) in where.stdout
