"""The pre-commit hooks, for real: a throw-away git repository whose .pre-commit-config.yaml is
the README's snippet (read from README.md, so that it stays true), pointed at this checkout (at
its HEAD commit: pre-commit clones the repository, so the hook manifest and the code it tests
are the committed ones), runs `pre-commit run --all-files` and fails on a bad listing, passes on
a clean one, and with the README's alternative hook rewrites what it safely can.

pre-commit installs loclint into its own environment (spaCy and all, from the package index),
which takes a minute or two the first time for each commit. The environments live in
.pytest_cache/pre-commit (PRE_COMMIT_HOME), reused while HEAD stays the same; older ones are
garbage-collected. `-m "not slow"` skips this test.
"""
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import TODAY

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
MAKER = "Hersteller: Beispiel GmbH, Musterstr. 1, 10115 Berlin, info@beispiel.example"
CLEAN = {"id": "OK-1", "market": "DE", "title": "Kochtopf aus Edelstahl, 24 cm", "description": MAKER,
         "price": {"amount": 39.9, "currency": "EUR", "display": "39,90 €"}}
BAD = dict(CLEAN, id="BAD-1", title="Die besten Töpfe aus Edelstahl")
FIXABLE = dict(CLEAN, id="FIX-1", title="Kochtopf aus Edelstahl, 10 inches")


def hook_suffixes(hook: dict) -> set[str]:
    match = re.fullmatch(r"\(\?i\)\\\.\(([a-z|]+)\)\$", hook["files"])
    assert match, hook["files"]
    return {"." + s for s in match.group(1).split("|")}


def test_hook_manifest_covers_the_text_formats_loclint_reads():
    """When a reader is added (PO, XLIFF …), add its suffixes to `files` in .pre-commit-hooks.yaml."""
    from loclint.readers.images.assets import IMAGE_SUFFIXES
    from loclint.readers.registry import REGISTRY

    hooks = {hook["id"]: hook for hook in yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))}
    assert set(hooks) == {"loclint", "loclint-fix"}
    assert hooks["loclint"]["entry"] == "loclint check"
    assert hooks["loclint-fix"]["entry"] == "loclint check --fix"
    text_formats = set(REGISTRY.suffixes()) - set(IMAGE_SUFFIXES)  # images: slow and rarely listings
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["require_serial"] is True
        assert hook["exclude"] == r"(^|/)\."  # hidden files, as a directory walk skips them
        assert re.search(hook["exclude"], ".pre-commit-config.yaml") and re.search(hook["exclude"], "a/.github/x.yml")
        assert not re.search(hook["exclude"], "listings/feed.v2.jsonl")
        assert hook_suffixes(hook) == text_formats, "keep .pre-commit-hooks.yaml `files` in step with the registry"


def readme_snippet() -> dict:
    """The .pre-commit-config.yaml the README shows, parsed."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", readme, re.S)
    assert match, "README.md: the pre-commit snippet (```yaml # .pre-commit-config.yaml) is missing"
    return yaml.safe_load(match.group(1))


def test_the_readme_snippet_has_a_rev_to_fill_in_and_one_hook():
    [repo] = readme_snippet()["repos"]
    assert repo["rev"] == "REV"  # no made-up tag: the README tells the user to fill it in
    assert [hook["id"] for hook in repo["hooks"]] == ["loclint"]  # both hooks print every finding twice


def _git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


@pytest.mark.slow
def test_pre_commit_runs_the_hooks_from_this_checkout(tmp_path):
    pytest.importorskip("pre_commit", reason="pre-commit is in the test extra: pip install '.[test]'")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    rev = _git("rev-parse", "HEAD", cwd=ROOT)
    try:
        _git("cat-file", "-e", f"{rev}:.pre-commit-hooks.yaml", cwd=ROOT)
    except subprocess.CalledProcessError:
        pytest.fail("commit .pre-commit-hooks.yaml first: pre-commit clones the repository at its HEAD commit")
    home = ROOT / ".pytest_cache" / "pre-commit"
    project = home / "project"  # a stable path, so that `gc` keeps this configuration's environment
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "LOCLINT_CACHE_DIR": str(tmp_path / "cache"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PYTHONIOENCODING": "utf-8"}
    env.pop("GITHUB_ACTIONS", None)
    env.pop("LOCLINT_DEBUG", None)
    _git("init", "-q", cwd=project)
    snippet = readme_snippet()
    [repo] = snippet["repos"]
    repo.update(repo=str(ROOT), rev=rev)  # the two values the README asks the user to fill in
    [hook] = repo["hooks"]
    hook["args"] = [*hook.get("args", []), "--date", TODAY.isoformat()]  # findings that do not age

    def use_hook(hook_id: str) -> None:
        hook["id"] = hook_id
        (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(snippet), encoding="utf-8")

    use_hook("loclint")
    listing = project / "listings" / "feed.jsonl"
    listing.parent.mkdir()

    def run_hooks(*records) -> subprocess.CompletedProcess:
        listing.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        _git("add", "-A", cwd=project)
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
                              cwd=project, env=env, capture_output=True, text=True, encoding="utf-8", timeout=1200)

    subprocess.run([sys.executable, "-m", "pre_commit", "gc"], cwd=project, env=env, capture_output=True)

    bad = run_hooks(CLEAN, BAD)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "listings/feed.jsonl:2:" in bad.stdout and "DE001 error" in bad.stdout, bad.stdout
    assert bad.stdout.count("DE001 error") == 1, bad.stdout  # one hook: each finding once
    assert re.search(r"^loclint\.+Failed$", bad.stdout, re.M), bad.stdout

    clean = run_hooks(CLEAN)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert re.search(r"^loclint\.+Passed$", clean.stdout, re.M), clean.stdout

    use_hook("loclint-fix")  # the README's alternative
    fixable = run_hooks(CLEAN, FIXABLE)
    assert fixable.returncode == 1, fixable.stdout  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in fixable.stdout
    assert re.search(r"^loclint \(fix\)\.+Failed$", fixable.stdout, re.M), fixable.stdout
    fixed = [json.loads(line) for line in listing.read_text(encoding="utf-8").splitlines()]
    assert fixed[1]["title"] == "Kochtopf aus Edelstahl, 25,4 cm (10 inches)"
    _git("add", "-A", cwd=project)
    again = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
                           cwd=project, env=env, capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert again.returncode == 0, again.stdout + again.stderr
    assert re.search(r"^loclint \(fix\)\.+Passed$", again.stdout, re.M), again.stdout
