"""The table of options is the one source: the command line, configuration files, the Python API,
the starter configuration and the JSON Schema all agree with it."""
import dataclasses
import inspect
import json
import re
from pathlib import Path

import jsonschema
import pytest

from loclint import api, engine
from loclint.cli import check, list_rules, show_config, show_rule
from loclint.config import Settings
from loclint.options import all_options, config_options, reader_options
from loclint.readers.registry import REGISTRY
from loclint.schema import main as write_schema, schema, text
from loclint.session import Flags
from loclint.starter import starter

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "loclint-toml.schema.json"


OPTIONS = all_options()


def test_settings_and_flags_hold_exactly_the_options():
    """Each has a field per option, except the readers' options: those are in reader_options."""
    settings = {f.name for f in dataclasses.fields(Settings)} - {"path", "reader_options"}
    assert settings == {o.name for o in config_options().values() if not o.reader}
    flags = set(Flags.__struct_fields__) - {"reader_options"}  # a msgspec Struct
    assert flags == {o.name for o in OPTIONS.values() if o.flags and not o.reader}


def test_the_readers_options_are_the_registrys_declarations():
    specs = REGISTRY.option_specs()
    assert [(o.name, o.key, o.flags, o.default) for o in reader_options()] == [
        (s.key, f"{s.section}.{s.name}", (s.flag_name,) if s.flag else (), s.default) for s in specs]
    csv = {o.key: o for o in reader_options() if o.reader == "csv"}
    assert (csv["csv.preset"].kind, csv["csv.map"].kind, csv["csv.delimiter"].kind) == ("string", "table", "string")
    assert csv["csv.map"].adds and csv["csv.preset"].allowed[0] == "auto" and not csv["csv.delimiter"].flags


@pytest.mark.parametrize("option", [o for o in OPTIONS.values() if o.flags], ids=lambda o: o.name)
def test_check_has_every_flag_as_the_table_says(option):
    param = next(p for p in check.params if p.name == option.name)
    assert tuple(param.opts + param.secondary_opts) == option.flags
    assert param.help.startswith(option.help)
    assert param.default is None  # "not given": the configuration file or the table's default decides
    if option.allowed:
        assert tuple(param.type.choices) == option.allowed
    if option.minimum is not None:
        assert param.type.min == option.minimum


@pytest.mark.parametrize("command", [list_rules, show_rule, show_config], ids=lambda c: c.name)
def test_the_other_commands_take_the_same_configuration_flags(command):
    assert {"config"} <= {p.name for p in command.params}
    config = next(p for p in command.params if p.name == "config")
    assert config.help == OPTIONS["config"].help


def test_the_api_and_the_engine_default_to_the_table():
    make = inspect.signature(api.make_linter).parameters
    linter = inspect.signature(engine.Linter).parameters
    assert make["channel"].default == linter["channel"].default == OPTIONS["channel"].default
    assert make["language_detector"].default == linter["detector_name"].default == OPTIONS["language_detector"].default


def test_defaults_are_allowed_values():
    for option in OPTIONS.values():
        if option.allowed and option.kind == "string" and option.default is not None:
            assert option.default in option.allowed, option.name


# --- the JSON Schema -------------------------------------------------------------------------------

def test_the_committed_schema_is_up_to_date():
    assert SCHEMA.read_text(encoding="utf-8") == text(), "regenerate with: python -m loclint.schema"


def test_the_schema_check_command_says_when_it_is_stale(tmp_path, capsys):
    target = tmp_path / "schema.json"
    assert write_schema(["--check", "--output", str(target)]) == 1
    assert "out of date" in capsys.readouterr().out
    assert write_schema(["--output", str(target)]) == 0
    assert write_schema(["--check", "--output", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == schema()


def _uncommented_starter() -> dict:
    import tomllib

    setting = re.compile(r'# ("?[\w.*/-]+"? = |\[[\w-]+\]$)')
    text = "\n".join(line[2:] if setting.match(line) else line for line in starter(["DE"]).splitlines())
    return tomllib.loads(text)


def test_the_schema_accepts_every_setting_of_the_starter():
    validator = jsonschema.Draft202012Validator(schema())
    validator.check_schema(schema())
    table = _uncommented_starter()
    assert set(table) == {key.split(".")[0] for key in config_options()}
    assert list(validator.iter_errors(table)) == []


@pytest.mark.parametrize("bad", [
    {"colour": "red"}, {"channel": "shop"}, {"jobs": 0}, {"select": "DE"}, {"severity": {"DE001": "fatal"}},
    {"per-file-ignores": {"x/*": "DE001"}}, {"csv": {"preset": "ebay"}}, {"csv": {"columns": 3}},
    {"language-detector": "cld3"}, {"format": "xml"}, {"fail-on": "sometimes"},
])
def test_the_schema_rejects_what_loading_rejects(bad):
    assert list(jsonschema.Draft202012Validator(schema()).iter_errors(bad))
