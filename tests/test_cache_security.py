"""The caches cannot run code, cannot lie, and `loclint clean` removes only what loclint wrote.

A results-cache entry is trusted only when it is checked JSON of the current format, stored
under the very key asked for, with a payload matching its digest and of the declared shape;
anything else is a miss and the file is linted again. The key covers every file a record is read
from and the configuration and rulesets in force.
"""
import hashlib
import json
import os
import pickle
import textwrap

import pytest

from conftest import TODAY, runner, team_rule
from loclint import cache_entry, run
from loclint.cachedir import TAG_NAME, default_directory
from loclint.cli import main
from loclint.model import Applicability, Finding, ReadError, Severity, Source, Suggestion
from loclint.results_cache import ResultCache
from loclint.rulebook import load_rulebook
from loclint.text import lemmas
from loclint.text.langid_model import load_identifier
from loclint.text import langid_model
from loclint.text.language import clean

FORMATS = ("full", "concise", "json", "jsonl", "sarif", "github", "junit")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = [os.path.join(ROOT, "fixtures"), os.path.join(ROOT, "tests", "data"), os.path.join(ROOT, "tests", "i18n")]


class _Planted:
    """Unpickling this creates ``path``: proof that a pickle was loaded."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A fresh LOCLINT_CACHE_DIR; the expanded trigger forms stay warm where they are (3 s cold)."""
    monkeypatch.setattr(lemmas, "default_directory", lambda warm=default_directory(): warm)
    monkeypatch.setenv("LOCLINT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def linted(monkeypatch):
    """The files each run lints itself (the others came from the cache)."""
    paths = []
    original = run._lint_here
    monkeypatch.setattr(run, "_lint_here", lambda path, plan: paths.append(path) or original(path, plan))
    return paths


def check(*args):
    return runner().invoke(main, ["check", "--date", TODAY.isoformat(), "--jobs", "1", "--fail-on", "never", *args])


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _entries(cache_dir):
    return sorted((cache_dir / "results").glob("*.json"))


# Entries: round trip, and every way an entry can be untrustworthy ---------------------------------

FINDING = Finding(
    rule="DE001", name="unproven-superlative", severity=Severity.WARNING, message="“besten” claims a lead",
    path="shop/feed.jsonl", record="S-1", field="bullets[0]", start=4, end=11, line=3, column=17,
    text="besten", suggestions=(Suggestion("guten", Applicability.UNSAFE, raw="guten"),
                                Suggestion("", Applicability.DISPLAY)),
    source=Source("UWG §5", "https://example.org/uwg", "L"), market="DE", before="Die ", after=" Töpfe\n",
    end_line=3, end_column=24)
RECORD_LEVEL = Finding(
    rule="EU007", name="missing-manufacturer", severity=Severity.INFO, message="no manufacturer", path="shop/feed.jsonl",
    record="#2", field=None, start=None, end=None, line=0, column=0, text="", suggestions=(), source=Source("GPSR"))
ERROR = ReadError("shop/feed.jsonl", 7, "not JSON: Expecting value", record="S-7")


def test_findings_and_read_errors_round_trip_field_for_field(tmp_path):
    cache = ResultCache(str(tmp_path))
    cache.store("k" * 64, "shop/feed.jsonl", [FINDING, ERROR, RECORD_LEVEL], 12)
    items, records = cache.load("k" * 64, "shop/feed.jsonl")
    assert items == [FINDING, ERROR, RECORD_LEVEL] and records == 12
    assert [type(i.severity) for i in items if isinstance(i, Finding)] == [Severity, Severity]
    assert items[0].suggestions[0].applicability is Applicability.UNSAFE


def _stored(tmp_path, cache_dir, linted):
    """A dirty and a clean feed, linted once: (dirty feed, clean feed, dirty's JSON output)."""
    dirty = _write(tmp_path / "dirty.jsonl", '{"id": "S-1", "market": "DE", "title": "Die besten Töpfe"}\n')
    spotless = _write(tmp_path / "clean.jsonl", '{"id": "S-2", "market": "DE", "title": "Töpfe aus Stahl", '
                      '"attributes": {"manufacturer": "Topf GmbH, Hauptstr. 1, 10115 Berlin, info@topf.example"}}\n')
    first = check("--format", "json", str(dirty), str(spotless)).stdout
    assert len(_entries(cache_dir)) == 2
    linted.clear()
    return dirty, spotless, first


def _entry_for(cache_dir, path):
    """The results entry of the dirty feed ``path``: of the two feeds' entries, the one with a finding
    (entries store no path)."""
    (entry,) = [e for e in _entries(cache_dir) if '"DE001"' in e.read_text(encoding="utf-8")]
    return entry


def test_a_planted_pickle_never_runs(tmp_path, cache_dir, linted):
    dirty, spotless, first = _stored(tmp_path, cache_dir, linted)
    proof = tmp_path / "pwned"
    planted = pickle.dumps(_Planted(str(proof)))
    entry = _entry_for(cache_dir, dirty)
    entry.write_bytes(planted)
    entry.with_suffix(".pickle").write_bytes(planted)  # where entries were pickles
    again = check("--format", "json", str(dirty), str(spotless))
    assert not proof.exists() and linted == [str(dirty)] and again.stdout == first
    inflections = tmp_path / "inflections"
    inflections.mkdir()
    for suffix in (".json", ".pickle"):
        (inflections / f"{lemmas.InflectionCache(str(inflections)).key}{suffix}").write_bytes(planted)
    assert lemmas.InflectionCache(str(inflections)).stored() == {} and not proof.exists()


def test_an_entry_copied_under_another_files_name_is_a_miss(tmp_path, cache_dir, linted):
    dirty, spotless, first = _stored(tmp_path, cache_dir, linted)
    dirty_entry = _entry_for(cache_dir, dirty)
    (clean_entry,) = [e for e in _entries(cache_dir) if e != dirty_entry]
    dirty_entry.write_bytes(clean_entry.read_bytes())  # the forgery: "this feed is clean"
    again = check("--format", "json", str(dirty), str(spotless))
    assert linted == [str(dirty)]
    assert again.stdout == first and "DE001" in again.stdout


def _rewrite(entry, change):
    envelope = json.loads(entry.read_bytes())
    change(envelope)
    entry.write_text(json.dumps(envelope), encoding="utf-8")


def _with_digest(payload):
    """Change the payload and give it a matching digest: only its shape can give it away."""
    def change(envelope):
        raw = json.dumps(payload(envelope["payload"])).encode("utf-8")
        envelope["payload"], envelope["sha256"] = json.loads(raw), hashlib.sha256(raw).hexdigest()
    return change


def _finding_with(**values):
    return _with_digest(lambda p: dict(p, items=[{"finding": dict(p["items"][0]["finding"], **values)}]))


TAMPERED = {
    "payload edited, digest not": lambda e: e["payload"].update(items=[]),
    "another format": lambda e: e.update(format=cache_entry.FORMAT + 1),
    "no key": lambda e: e.pop("key"),
    "unknown envelope field": lambda e: e.update(note="hi"),
    "payload a list": _with_digest(lambda p: [p["records"], p["items"]]),
    "records negative": _with_digest(lambda p: dict(p, records=-1)),
    "item neither finding nor error": _with_digest(lambda p: dict(p, items=[{}])),
    "item both": _with_digest(lambda p: dict(p, items=[{"finding": p["items"][0]["finding"],
                                                        "error": {"path": "x", "line": 1, "message": "m"}}])),
    "line a string": _finding_with(line="1"),
    "severity unknown": _finding_with(severity=7),
    "applicability unknown": _finding_with(suggestions=[{"replacement": "x", "applicability": "always"}]),
    "source missing": _with_digest(lambda p: dict(p, items=[{"finding": {
        k: v for k, v in p["items"][0]["finding"].items() if k != "source"}}])),
}


def test_an_entry_rewritten_with_a_matching_digest_is_still_a_hit(tmp_path, cache_dir, linted):
    # The control for the cases below: rewriting alone does not make a miss, their shapes do.
    dirty, spotless, first = _stored(tmp_path, cache_dir, linted)
    _rewrite(_entry_for(cache_dir, dirty), _with_digest(lambda payload: payload))
    assert check("--format", "json", str(dirty), str(spotless)).stdout == first and linted == []


@pytest.mark.parametrize("how", TAMPERED)
def test_a_tampered_or_wrongly_shaped_entry_is_a_miss(how, tmp_path, cache_dir, linted):
    dirty, spotless, first = _stored(tmp_path, cache_dir, linted)
    entry = _entry_for(cache_dir, dirty)
    _rewrite(entry, TAMPERED[how])
    again = check("--format", "json", str(dirty), str(spotless))
    assert again.exit_code == 0 and linted == [str(dirty)]
    assert again.stdout == first


@pytest.mark.parametrize("content", [b"", b"\xff\xfe not JSON", b"[]", b"null", b'{"format": 1}', b"{" * 100_000])
def test_an_unreadable_entry_is_a_miss(content, tmp_path, cache_dir, linted):
    dirty, spotless, first = _stored(tmp_path, cache_dir, linted)
    _entry_for(cache_dir, dirty).write_bytes(content)
    again = check("--format", "json", str(dirty), str(spotless))
    assert again.exit_code == 0 and linted == [str(dirty)] and again.stdout == first


def test_an_entry_path_that_is_a_directory_is_a_miss(tmp_path):
    cache = ResultCache(str(tmp_path))
    os.makedirs(cache._file("a" * 64))
    assert cache.load("a" * 64, FINDING.path) is None
    cache.store("a" * 64, FINDING.path, [FINDING], 1)  # cannot be written: only costs time
    assert cache.load("a" * 64, FINDING.path) is None


def test_a_cached_rerun_prints_byte_identical_output_in_every_format(cache_dir, linted):
    for fmt in FORMATS:
        uncached = check("--no-cache", "--format", fmt, *FIXTURES)
        first = check("--format", fmt, *FIXTURES)
        linted.clear()
        cached = check("--format", fmt, *FIXTURES)
        assert linted == [], fmt  # every file came from the cache
        assert cached.stdout_bytes == first.stdout_bytes == uncached.stdout_bytes, fmt
        assert cached.stderr_bytes == uncached.stderr_bytes, fmt
        assert cached.exit_code == uncached.exit_code, fmt
    assert "DE001" in cached.stdout and "<error" in cached.stdout  # findings and read errors both


# The key: every file read, the configuration and the rulesets in force -----------------------------

def test_editing_an_images_sidecar_is_a_miss(tmp_path, cache_dir, linted):
    image = tmp_path / "shop" / "pot.png"
    image.parent.mkdir()
    image.write_bytes(b"not decoded: the sidecar names the colours")
    sidecar = _write(tmp_path / "shop" / "pot.png.json",
                     '{"market": "DE", "alt": "Der beste Topf", "colors": ["red"]}\n')

    def de001(path):
        return [f["rule"] for f in json.loads(check("--format", "json", str(path)).stdout)["findings"]].count("DE001")

    assert de001(image) == 1
    sidecar.write_text('{"market": "DE", "alt": "Ein Topf aus Stahl", "colors": ["red"]}\n', encoding="utf-8")
    linted.clear()
    assert de001(image) == 0 and linted == [str(image)]
    assert de001(image.parent) == 0  # the directory walk reads the image with its sidecar, from the cache




def test_editing_a_team_ruleset_or_the_configuration_is_a_miss(tmp_path, cache_dir, linted):
    _write(tmp_path / "loclint.toml", 'market = "DE"\nrulesets = ["team"]\n')
    rules = _write(tmp_path / "team" / "style.yml", team_rule(severity="info"))
    feed = _write(tmp_path / "feed.txt", "Neue Headphones, die besten der Welt.\n")

    def team_findings():
        linted.clear()
        doc = json.loads(check("--format", "json", str(feed)).stdout)
        return sorted((f["rule"], f["severity"]) for f in doc["findings"] if f["rule"] in ("TEAM001", "DE001"))

    assert team_findings() == [("DE001", "error"), ("TEAM001", "info")] and linted == [str(feed)]
    assert team_findings() == [("DE001", "error"), ("TEAM001", "info")] and linted == []
    rules.write_text(team_rule(severity="warning"), encoding="utf-8")
    assert team_findings() == [("DE001", "error"), ("TEAM001", "warning")] and linted == [str(feed)]
    _write(tmp_path / "loclint.toml", 'market = "DE"\nrulesets = ["team"]\n[severity]\nDE001 = "info"\n')
    assert team_findings() == [("DE001", "info"), ("TEAM001", "warning")] and linted == [str(feed)]
    _write(tmp_path / "loclint.toml", 'market = "DE"\nrulesets = ["team"]\nignore = ["DE001"]\n')
    assert team_findings() == [("TEAM001", "warning")] and linted == [str(feed)]
    _write(tmp_path / "loclint.toml", 'market = "DE"\n')
    assert team_findings() == [("DE001", "error")] and linted == [str(feed)]


# clean: only loclint's own entries, only in a directory loclint tagged ------------------------------

def test_clean_refuses_a_directory_loclint_did_not_tag(tmp_path, monkeypatch):
    work = tmp_path / "work"
    _write(work / "notes.txt", "mine\n")
    _write(work / "results" / "draft.json", "{}\n")
    _write(work / "inflections-mine.json", "{}\n")  # a name like loclint's, but the directory is not its cache
    monkeypatch.setattr(lemmas, "default_directory", lambda warm=default_directory(): warm)
    monkeypatch.setenv("LOCLINT_CACHE_DIR", str(work))
    before = sorted(p.relative_to(work) for p in work.rglob("*"))
    result = runner().invoke(main, ["clean"])
    assert result.exit_code == 2
    assert str(work) in result.stderr and TAG_NAME in result.stderr and "nothing removed" in result.stderr
    assert sorted(p.relative_to(work) for p in work.rglob("*")) == before
    # Caching into it does not make it loclint's: a directory of the user's files is never tagged.
    feed = _write(tmp_path / "feed.txt", "Die besten Töpfe.\n")
    assert check("--market", "DE", str(feed)).exit_code == 0 and _entries(work)
    assert not (work / TAG_NAME).exists()
    assert runner().invoke(main, ["clean"]).exit_code == 2 and (work / "notes.txt").exists()


def test_clean_removes_loclints_entries_and_keeps_the_users_files(tmp_path, cache_dir, linted):
    feed = _write(tmp_path / "feed.jsonl", '{"id": "S-1", "market": "DE", "title": "Die besten Töpfe"}\n')
    check(str(feed))
    inflections = lemmas.InflectionCache(str(cache_dir))
    inflections("Pfannkuchen", "de", load_rulebook().languages["de"])  # a team's word: built-in ones are shipped
    inflections.save()
    load_identifier(("de", "en"), str(cache_dir))
    assert (cache_dir / TAG_NAME).read_bytes().startswith(b"Signature: 8a477f597d28d172789f06886806bc55")
    assert list(cache_dir.glob("inflections-*.json")) and list(cache_dir.glob("py3langid-*.model"))
    _write(cache_dir / "mine.txt", "mine\n")
    _write(cache_dir / "results" / "notes.md", "mine too\n")
    outside = _write(tmp_path / "outside" / "keep.json", "{}\n")
    os.symlink(outside, cache_dir / "inflections-link.json")  # a link loclint never made: not followed
    os.symlink(outside.parent, cache_dir / "results" / ("b" * 64 + ".json"))
    result = runner().invoke(main, ["clean"])
    assert result.exit_code == 0, result.output
    assert "removed" in result.stdout and "kept what loclint did not write" in result.stdout
    left = sorted(str(p.relative_to(cache_dir)) for p in cache_dir.rglob("*"))
    assert left == ["inflections-link.json", "mine.txt", "results", "results/" + "b" * 64 + ".json",
                    "results/notes.md"]
    assert outside.read_text() == "{}\n"


def test_clean_removes_a_whole_cache_and_its_directory(tmp_path, cache_dir):
    feed = _write(tmp_path / "feed.jsonl", '{"id": "S-1", "market": "DE", "title": "Die besten Töpfe"}\n')
    check(str(feed))
    assert (cache_dir / TAG_NAME).exists() and _entries(cache_dir)
    result = runner().invoke(main, ["clean"])
    assert result.exit_code == 0 and not cache_dir.exists()
    assert runner().invoke(main, ["clean"]).exit_code == 0  # nothing there: nothing to do


def test_a_cache_from_before_tags_is_tagged_on_the_next_write_and_cleaned_whole(tmp_path, cache_dir):
    _write(cache_dir / "results" / ("c" * 64 + ".pickle"), "old entry")
    _write(cache_dir / "inflections-1.0.5.pickle", "old forms")
    _write(cache_dir / ".loclint-x1y2.tmp", "left by a crash")
    assert runner().invoke(main, ["clean"]).exit_code == 2  # not tagged yet
    feed = _write(tmp_path / "feed.jsonl", '{"id": "S-1", "market": "DE", "title": "Die besten Töpfe"}\n')
    check(str(feed))
    assert (cache_dir / TAG_NAME).exists()
    assert runner().invoke(main, ["clean"]).exit_code == 0 and not cache_dir.exists()


# The other caches --------------------------------------------------------------------------------

def test_the_inflection_cache_reads_back_what_it_wrote_and_misses_on_a_wrong_shape(tmp_path):
    german = load_rulebook().languages["de"]
    written = lemmas.InflectionCache(str(tmp_path))
    forms = written("Pfannkuchen", "de", german)  # a team's word: the built-in rulesets' are shipped, not cached
    written.save()
    read_back = lemmas.InflectionCache(str(tmp_path))
    assert read_back.stored() == {("de", "pfannkuchen", german): forms}
    _rewrite(tmp_path / (written.key + ".json"),
             _with_digest(lambda payload: [[row[0], row[1], row[2], "not a list of forms"] for row in payload]))
    assert lemmas.InflectionCache(str(tmp_path)).stored() == {}


def test_a_planted_or_broken_language_model_is_rebuilt_not_loaded(tmp_path):
    import numpy as np

    load_identifier(("de", "en"), str(tmp_path))
    (cached,) = tmp_path.glob("py3langid-*.model")
    proof = tmp_path / "pwned"
    whole = cached.read_bytes()
    arrays = {name: array.copy() for name, array in langid_model._mapped(str(cached)).items()}
    past_the_states = arrays["nextmove"].copy()
    past_the_states[5] = len(arrays["output"])  # well formed, but the automaton leads nowhere
    planted = [lambda h: np.savez(h, ptc=np.array([_Planted(str(proof))], dtype=object)),
               lambda h: np.lib.format.write_array(h, np.array([_Planted(str(proof))], dtype=object)),
               lambda h: h.write(b""),
               lambda h: h.write(whole[:len(whole) // 2]),
               lambda h: langid_model._write(h, {**arrays, "nextmove": past_the_states}),
               lambda h: langid_model._write(h, {**arrays, "pc": arrays["pc"][:3]}),
               lambda h: h.write(whole.replace(b"'shape': (2,), }", b"'shape': (-1,),}", 1)),  # -1: "the rest"
               lambda h: np.savez(h, ptc=np.zeros(3), pc=np.zeros(3), classes=np.array(["de"]),
                                  nextmove=np.zeros(3, dtype="u2"), row=np.zeros(3, dtype="u2"),
                                  output=np.zeros(3, dtype=np.int32))]
    for plant in planted:
        with open(cached, "wb") as handle:
            plant(handle)
        identifier = load_identifier(("de", "en"), str(tmp_path))
        assert identifier.classify(clean("Kabellose Kopfhörer mit langer Akkulaufzeit"))[0] == "de"
        assert not proof.exists() and cached.read_bytes() == whole  # rebuilt
