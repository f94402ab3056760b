"""The reader registry: one place that chooses a reader, lists the suffixes and derives the
readers' options; adding a format is its module, one registration and its tests."""
import ast
import dataclasses
import json
import shutil
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import runner

from loclint.cli import main
from loclint.config import ConfigError, load
from loclint.readers import expand_paths, read_file
from loclint.readers.base import Reader, Source
from loclint.readers.errors import UnreadableInput
from loclint.options import all_options
from loclint.readers.optionspec import option, specs_of
from loclint.readers.options import ReadOptions
from loclint.readers.records import build_record
from loclint.readers.registry import REGISTRY, LazyReader
from loclint.ruleset import default_rulesets_dir
from loclint.schema import schema
from loclint.starter import starter

SRC = Path(__file__).resolve().parent.parent / "src" / "loclint"


@dataclass(frozen=True)
class TinyOptions:
    marker: str = field(default="!", metadata=option("Lines starting with this are bad records."))


class TinyReader(Reader):
    """A throw-away format: one description a line; a line starting with the marker is a bad
    record, a line that is only the marker twice ends what can be read."""

    name = "tiny"
    suffixes = (".tiny",)
    options = TinyOptions

    def read(self, source, ctx):
        for number, line in enumerate(source.text().split("\n"), 1):
            if line == ctx.options.marker * 2:
                raise UnreadableInput("the rest cannot be read", number)
            if line.startswith(ctx.options.marker):
                yield UnreadableInput("a bad line; record skipped", number, f"L{number}")
            elif line.strip():
                yield build_record({"id": f"L{number}", "description": line}, path=source.path, line=number,
                                   index=number, market=ctx.market, locale=ctx.locale,
                                   locator_for=lambda key, n=number: lambda offset: (n, offset + 1))


@pytest.fixture
def tiny():
    reader = REGISTRY.register(TinyReader())
    try:
        yield reader
    finally:
        REGISTRY.unregister(reader)


def check_json(*args):
    result = runner().invoke(main, ["check", "--format", "json", "--date", "2026-11-25", *map(str, args)])
    assert result.exc_info is None or result.exc_info[0] is SystemExit, result.exc_info
    return result.exit_code, json.loads(result.stdout)


def test_a_registered_reader_is_linted_like_any_format_and_gone_when_unregistered(tiny, tmp_path):
    path = tmp_path / "copy.tiny"
    path.write_text("Ein schöner Topf.\n!kaputt\nDie besten Töpfe der Welt.\n!!\nnie gelesen\n", encoding="utf-8")
    assert ".tiny" in REGISTRY.suffixes() and list(expand_paths([str(tmp_path)])) == [str(path)]

    code, doc = check_json("--market", "DE", "--fail-on", "never", path)

    assert code == 2  # a raised error costs the rest of the file: an unreadable file
    found = {(f["record"], f["line"]) for f in doc["findings"]}
    assert ("L3", 3) in found and found <= {("L1", 1), ("L3", 3)}  # nothing after the unreadable line
    assert [(e["line"], e["record"], e["message"]) for e in doc["errors"]] == [
        (2, "L2", "a bad line; record skipped"), (4, None, "the rest cannot be read")]
    REGISTRY.unregister(tiny)
    try:
        [error] = list(expand_paths([str(path)]))
        assert error.message.startswith("unsupported file type") and ".tiny" not in error.message
    finally:
        REGISTRY.register(tiny)


def test_a_readers_options_reach_it_and_get_their_flag_and_config_section_from_the_declaration(tiny, tmp_path):
    [spec] = [s for s in REGISTRY.option_specs() if s.section == "tiny"]
    assert (spec.flag_name, spec.key, spec.default) == ("--tiny-marker", "tiny_marker", "!")
    path = tmp_path / "copy.tiny"
    path.write_text("#kaputt\n!nicht kaputt\n", encoding="utf-8")
    records = [r for r in read_file(str(path), "DE", options=ReadOptions(tiny_marker="#")) if hasattr(r, "fields")]
    assert [r.id for r in records] == ["L2"]

    config = tmp_path / "loclint.toml"
    config.write_text('[tiny]\nmarker = "#"\n', encoding="utf-8")
    assert load(config).reader_options == {"tiny_marker": "#"}
    # the table of options takes it from the registry: flag, key, schema and starter, no change to options.py
    assert (all_options()["tiny_marker"].flags, all_options()["tiny_marker"].key) == (("--tiny-marker",), "tiny.marker")
    assert "marker" in schema()["properties"]["tiny"]["properties"] and "\n# [tiny]\n" in starter([])
    config.write_text('[tiny]\ncolour = "#"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"key 'tiny': unknown key 'colour' \(known: marker\)"):
        load(config)


def test_a_reader_option_of_a_type_no_setting_has_is_refused_naming_the_field():
    @dataclass(frozen=True)
    class SwitchOptions:
        strict: bool = field(default=False, metadata=option("Strict"))

    with pytest.raises(TypeError, match=r"SwitchOptions.strict: a reader option is str, int, .*not <class 'bool'>"):
        specs_of("switch", SwitchOptions)


def test_registering_a_second_reader_of_one_name_is_refused(tiny):
    with pytest.raises(ValueError, match="already registered"):
        REGISTRY.register(TinyReader())


@pytest.mark.parametrize("table, message", [
    ('preset = "ebay"', "key 'csv.preset': expected one of auto, canonical, google, shopify, amazon"),
    ('map = { Farbe = "colour" }', "key 'csv.map': 'Farbe': unknown CSV field 'colour'"),
    ('delimiter = ";;"', "key 'csv.delimiter': expected one character"),
])
def test_a_bad_csv_setting_is_a_config_error_not_a_crash_when_reading(tmp_path, table, message):
    config = tmp_path / "loclint.toml"
    config.write_text(f"[csv]\n{table}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as excinfo:
        load(config)
    assert str(excinfo.value).startswith(f"{config}: ") and message in str(excinfo.value)


def test_csv_flags_and_configuration_merge_flags_last(tmp_path):
    feed = tmp_path / "feed.csv"
    feed.write_text("Name;Notiz\nA-1;Die besten Töpfe\n", encoding="utf-8")
    (tmp_path / "loclint.toml").write_text('market = "DE"\n[csv]\ndelimiter = ";"\nmap = { Name = "id", Notiz = "title" }\n',
                                           encoding="utf-8")
    code, doc = check_json("--fail-on", "never", "--csv-map", "Notiz=description", feed)
    assert doc["errors"] == [] and {f["field"] for f in doc["findings"] if f["field"]} == {"description"}
    result = runner().invoke(main, ["check", "--csv-map", "Notiz", str(feed)])
    assert result.exit_code == 2 and "Invalid value for --csv-map: 'Notiz' is not COLUMN=FIELD" in result.output


def test_translation_files_take_their_markets_from_the_rulesets_in_use(tmp_path):
    rulesets = tmp_path / "rules"
    shutil.copytree(default_rulesets_dir(), rulesets)
    markets = rulesets / "markets.yml"
    markets.write_text(markets.read_text(encoding="utf-8").replace("\nmarkets:\n", "\nmarkets:\n" + textwrap.indent(
        "AO: {name: Angola, locale: pt-AO, currency: AOA, languages: [pt], rulesets: [lint, locale]}\n", "  "), 1),
        encoding="utf-8")
    po = tmp_path / "pt.po"
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Pot"\nmsgstr "Panela"\n', encoding="utf-8")

    assert check_json(po)[1]["errors"] == []  # built in, pt is Brazil's alone
    _, doc = check_json("--rulesets", rulesets, po)
    [error] = doc["errors"]
    assert "language pt (file path) is spoken in several markets (AO, BR); pass --market" in error["message"]


def test_rule_kinds_do_not_import_readers():
    """Kinds sit below readers: what both need (the inline-code mark) lives in loclint.text."""
    for module in (SRC / "kinds").glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert "readers" not in (node.module or ""), f"{module.name} imports {node.module}"


def test_every_registered_reader_fills_in_the_protocol():
    for entry in REGISTRY.readers:
        reader = entry.load() if isinstance(entry, LazyReader) else entry
        assert reader.name and reader.suffixes and all(s == s.lower() and s.startswith(".") for s in reader.suffixes)
        assert reader.options is None or dataclasses.is_dataclass(reader.options)
        assert type(reader).read is not Reader.read
        # what the registry states before importing a reader is what its class says
        assert (entry.name, entry.suffixes, entry.options) == (reader.name, reader.suffixes, reader.options)


def test_a_lazily_registered_reader_is_imported_only_when_a_file_of_its_suffix_is_read(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "one.jsonl"
    path.write_text('{"id": "1", "title": "Ein Topf"}\n', encoding="utf-8")
    script = ("import sys; from loclint.readers import read_file; list(read_file(sys.argv[1], 'DE')); "
              "print(' '.join(sorted(m for m in sys.modules if m.startswith('loclint.readers.'))))")
    loaded = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True,
                            check=True).stdout.split()
    assert "loclint.readers.json.jsonl" in loaded
    assert not {"loclint.readers.feeds.csvfeed", "loclint.readers.translation.po",
                "loclint.readers.translation.xliff", "loclint.readers.yaml.yamldoc"} & set(loaded)


class SplitTinyReader(TinyReader):
    """The tiny format, read in pieces of lines by parallel workers."""

    name = "split-tiny"
    suffixes = (".stiny",)

    def split(self, path, size):
        count = len(Path(path).read_text(encoding="utf-8").split("\n"))
        return [(start, min(start + 2, count)) for start in range(0, count, 2)]

    def read_piece(self, path, piece, ctx):
        start, end = piece
        return (item for item in self.read(Source(path), ctx) if start < item.line <= end)


def test_parallel_workers_read_the_pieces_a_reader_splits_its_files_into(monkeypatch, tmp_path):
    from loclint import parallel
    from loclint.api import make_linter

    path = tmp_path / "copy.stiny"
    path.write_text("Ein Topf.\nDie besten Töpfe.\nEin Deckel.\n", encoding="utf-8")
    reader = REGISTRY.register(SplitTinyReader())
    try:
        monkeypatch.setattr(parallel, "SLICE_BYTES", 1)
        units = parallel.units(str(path), "DE", None)
        assert [u.slice for u in units] == [(0, 2), (2, 4)]
        pieces = [[r.id for r in read_file(str(path), "DE", piece=u.slice)] for u in units]
        assert pieces == [["L1", "L2"], ["L3"]]
        if parallel.available():
            results = list(parallel.lint_units([make_linter(date="2026-11-25")], units, 2))
            assert [r.records for r in results] == [2, 1]
    finally:
        REGISTRY.unregister(reader)
