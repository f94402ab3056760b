"""The table of options is the one source: the command line, configuration files and the Python
API agree with it."""
import dataclasses
import inspect

import pytest

from loclint import api, engine
from loclint.cli import check, list_rules, show_config, show_rule
from loclint.config import Settings
from loclint.options import CONFIG_OPTIONS, OPTIONS
from loclint.session import Flags


def test_settings_and_flags_hold_exactly_the_options():
    settings = {f.name for f in dataclasses.fields(Settings)} - {"path"}
    assert settings == {o.name for o in CONFIG_OPTIONS.values()}
    assert {f.name for f in dataclasses.fields(Flags)} == {o.name for o in OPTIONS.values() if o.flags}


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
