"""--fix, --unsafe-fixes and --diff: only the bytes of changed values change, in every writable
format; a second run changes nothing; the diff applies with `patch`."""
import codecs
import os
import shutil
import stat
import subprocess

import pytest

from conftest import runner
from loclint.cli import main

DATE = ["--date", "2026-11-25"]


def _check(*args, cwd=None):
    return runner().invoke(main, ["check", *DATE, "--no-cache", *map(str, args)], catch_exceptions=False)


# Each case: file name, original bytes, bytes after `--fix` (safe fixes only).
CASES = {
    "jsonl-lf": ("feed.jsonl",
                 '{"id":"a","market":"DE","title":"Kabel, 6 ft lang","description":"Nur 24.99 € \\"jetzt\\""}\n'
                 '{"id":"b","market":"DE","title":"Ohne Befund"}\n',
                 '{"id":"a","market":"DE","title":"Kabel, 1,83 m (6 ft) lang","description":"Nur 24,99 € \\"jetzt\\""}\n'
                 '{"id":"b","market":"DE","title":"Ohne Befund"}\n'),
    "jsonl-crlf-bom-escapes": ("feed.jsonl",
                               '\ufeff{"market":"DE", "title": "Tisch \\u00e0 12 inches"}\r\n'
                               '{"market":"DE","title":"B"}\r\n',
                               '\ufeff{"market":"DE", "title": "Tisch \\u00e0 30,5 cm (12 inches)"}\r\n'
                               '{"market":"DE","title":"B"}\r\n'),
    "json-array": ("listings.json",
                   '[\n  {\n    "id": "x",\n    "market": "DE",\n    "bullets": ["Nur 9.99 €", "5 lbs schwer"]\n  }\n]',
                   '[\n  {\n    "id": "x",\n    "market": "DE",\n    "bullets": ["Nur 9,99 €", "2,27 kg (5 lbs) schwer"]\n  }\n]'),
    "yaml-styles": ("listings.yaml",
                    "# Katalog\n- id: y\n  market: DE  # Deutschland\n  title: Kabel, 6 ft lang\n"
                    "  description: 'Nur 24.99 €, it''s ok'\n  bullets:\n    - \"Gewicht 5 lbs\"\n",
                    "# Katalog\n- id: y\n  market: DE  # Deutschland\n  title: Kabel, 1,83 m (6 ft) lang\n"
                    "  description: 'Nur 24,99 €, it''s ok'\n  bullets:\n    - \"Gewicht 2,27 kg (5 lbs)\"\n"),
    "text-crlf": ("desc.txt", "Kabel, 6 ft lang.\r\nNur 24.99 €\r\n", "Kabel, 1,83 m (6 ft) lang.\r\nNur 24,99 €\r\n"),
    # Tags around a rewritten span stay where they were; entities outside it stay entities.
    "html": ("desc.html",
             "<p>Ma&szlig;e: <b>15 x 10 inches</b> &amp; mehr.</p>\n<p>Nur 24.99 &euro;</p>\n",
             "<p>Ma&szlig;e: <b>38,1 × 25,4 cm (15 x 10 inches)</b> &amp; mehr.</p>\n<p>Nur 24,99 €</p>\n"),
    "csv-shopify-html-cell": ("products.csv",
                              'Handle,Title,Body (HTML),Vendor\r\nh1,Rucksack,"<p>Breite <b>12 inches</b>, ""robust""</p>",ACME\r\n',
                              'Handle,Title,Body (HTML),Vendor\r\nh1,Rucksack,"<p>Breite <b>30,5 cm (12 inches)</b>, ""robust""</p>",ACME\r\n'),
}


def _write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_fix_changes_only_the_fixed_values_and_is_idempotent(tmp_path, case):
    name, before, after = CASES[case]
    path = _write(tmp_path / name, before)
    os.chmod(path, 0o640)
    extra = ["--market", "DE"] if name.endswith((".txt", ".html", ".csv")) else []
    result = _check("--fix", "--fail-on", "never", *extra, path)
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == after.encode("utf-8")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == [name]  # no temporary files left behind
    again = _check("--fix", "--fail-on", "never", *extra, path)
    assert path.read_bytes() == after.encode("utf-8")
    assert "fixed 0 finding(s)" in again.stderr


def test_utf16_files_stay_utf16(tmp_path):
    path = tmp_path / "desc.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Kabel, 6 ft lang.\r\n".encode("utf-16-le"))
    _check("--fix", "--market", "DE", "--fail-on", "never", path)
    assert path.read_bytes() == codecs.BOM_UTF16_LE + "Kabel, 1,83 m (6 ft) lang.\r\n".encode("utf-16-le")


def test_unsafe_fixes_need_their_flag(tmp_path):
    path = _write(tmp_path / "feed.jsonl", '{"market":"DE","title":"Unschlagbar günstige Kopfhörer"}\n')
    _check("--fix", "--fail-on", "never", path)
    assert "Unschlagbar" in path.read_text(encoding="utf-8")
    _check("--fix", "--unsafe-fixes", "--fail-on", "never", path)
    assert "Unschlagbar" not in path.read_text(encoding="utf-8")


def test_a_value_that_cannot_be_written_back_exactly_is_left_alone(tmp_path):
    # A folded scalar has no exact positions: its finding is reported, the file is not touched.
    text = "- market: DE\n  title: >\n    Kabel, 6 ft\n    lang\n"
    path = _write(tmp_path / "listings.yaml", text)
    result = _check("--fix", "--fail-on", "never", "--format", "concise", path)
    assert path.read_text(encoding="utf-8") == text
    assert "MET001" in result.stdout


def test_diff_writes_nothing_and_applies_with_patch(tmp_path, monkeypatch):
    if shutil.which("patch") is None:
        pytest.skip("patch is not installed")
    work = tmp_path / "work"
    work.mkdir()
    for case in ("jsonl-crlf-bom-escapes", "yaml-styles"):
        name, before, _ = CASES[case]
        _write(work / name, before)
    (work / "noeol.txt").write_bytes("Nur 24.99 €".encode("utf-8"))  # no newline at the end
    originals = {p.name: p.read_bytes() for p in work.iterdir()}
    monkeypatch.chdir(tmp_path)
    diff = runner().invoke(main, ["check", *DATE, "--diff", "--market", "DE", "work"])
    assert diff.exit_code == 1 and diff.stdout_bytes.startswith(b"--- a/work/")
    assert {p.name: p.read_bytes() for p in work.iterdir()} == originals
    patched = subprocess.run(["patch", "-p1", "--binary"], input=diff.stdout_bytes, cwd=work.parent,
                             capture_output=True)
    assert patched.returncode == 0, patched.stdout + patched.stderr
    patched_bytes = {p.name: p.read_bytes() for p in work.iterdir() if not p.name.endswith(".orig")}
    for name, data in originals.items():
        (work / name).write_bytes(data)
    _check("--fix", "--market", "DE", "--fail-on", "never", "work")
    assert {p.name: p.read_bytes() for p in work.iterdir()} == patched_bytes
    assert runner().invoke(main, ["check", *DATE, "--diff", "--market", "DE", "work"]).exit_code == 0


def test_config_is_found_from_the_file_upwards_and_flags_win(tmp_path, monkeypatch):
    (tmp_path / "loclint.toml").write_text('market = "DE"\nfail-on = "error"\nignore = ["DE013"]\n', encoding="utf-8")
    (tmp_path / "us").mkdir()
    (tmp_path / "us" / ".loclint.toml").write_text('market = "US"\n', encoding="utf-8")
    _write(tmp_path / "a.txt", "Gewicht 5 lbs.\n")
    _write(tmp_path / "us" / "b.txt", "Weight 5 lbs.\n")
    monkeypatch.chdir(tmp_path)
    only_units = ["check", *DATE, "--no-cache", "--format", "concise", "--select", "MET"]
    result = runner().invoke(main, [*only_units, "a.txt", "us/b.txt"])
    assert "a.txt:1:9: MET002" in result.stdout and "b.txt" not in result.stdout  # US does not flag pounds
    assert result.exit_code == 1  # MET002 is an error
    result = runner().invoke(main, [*only_units, "--market", "US", "a.txt"])
    assert "MET002" not in result.stdout
    (tmp_path / "loclint.toml").write_text('market = "DE"\n[severity]\nMET002 = "info"\n', encoding="utf-8")
    result = runner().invoke(main, [*only_units, "a.txt"])
    assert "MET002 [info]" in result.stdout and result.exit_code == 0


def test_per_file_ignores(tmp_path, monkeypatch):
    (tmp_path / "loclint.toml").write_text('market = "DE"\n[per-file-ignores]\n"legacy/*" = ["MET"]\n',
                                           encoding="utf-8")
    (tmp_path / "legacy").mkdir()
    _write(tmp_path / "legacy" / "a.txt", "Gewicht 5 lbs.\n")
    _write(tmp_path / "b.txt", "Gewicht 5 lbs.\n")
    monkeypatch.chdir(tmp_path)
    # --offers all: a text file has no price, and EU007 should judge it as an offer here
    result = runner().invoke(main, ["check", *DATE, "--no-cache", "--format", "concise", "--offers", "all", "."])
    assert "b.txt:1:9: MET002" in result.stdout and "legacy/a.txt:1:9: MET002" not in result.stdout
    assert "legacy/a.txt:1:1: EU007" in result.stdout  # other rules still apply there


def test_a_bad_config_is_a_clear_error(tmp_path, monkeypatch):
    (tmp_path / "loclint.toml").write_text('markt = "DE"\n', encoding="utf-8")
    _write(tmp_path / "a.txt", "x\n")
    monkeypatch.chdir(tmp_path)
    result = runner().invoke(main, ["check", *DATE, "a.txt"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"loclint: configuration error: {tmp_path / 'loclint.toml'}: key 'markt': "
                                     "unknown setting (known: baseline, channel, csv, exclude, extend-select, fail-on, "
                                     "format, ignore, jobs, language-detector, locale, market, offers, per-file-ignores, "
                                     "rulesets, select, severity)")


def test_baseline_on_the_command_line(tmp_path):
    feed = _write(tmp_path / "feed.jsonl", '{"id":"a","market":"DE","title":"Die besten Kopfhörer"}\n')
    base = tmp_path / "baseline.json"
    first = _check("--baseline", base, feed)
    assert first.exit_code == 1 and base.exists() and "recorded" in first.stderr
    second = _check("--baseline", base, "--format", "concise", feed)
    assert second.exit_code == 0 and "DE001" not in second.stdout and "not shown" in second.stderr
    _write(feed, '{"id":"b","market":"DE","title":"Kopfhörer"}\n{"id":"a","market":"DE","title":"Die besten Kopfhörer, unschlagbar günstig"}\n')
    third = _check("--baseline", base, "--format", "concise", feed)
    assert third.exit_code == 1 and "DE002" in third.stdout and "DE001" not in third.stdout
    _check("--baseline", base, "--update-baseline", feed)
    assert _check("--baseline", base, feed).exit_code == 0


def test_init_writes_a_config_that_loads(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert runner().invoke(main, ["init", "--market", "DE"]).exit_code == 0
    shown = runner().invoke(main, ["config"])
    assert '"market": "DE"' in shown.stdout
    assert runner().invoke(main, ["init"]).exit_code == 2  # it does not overwrite
