"""Click options from the one table of settings (options.py): each setting's flag, help, allowed
values and parsing, so the command line cannot drift from the configuration file and the API."""
from __future__ import annotations

import click

from .options import Option, all_options, reader_options


def split_commas(values: tuple[str, ...]) -> list[str]:
    """Every comma-separated item of "DE,EU" and of repeated flags alike, stripped."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


# How the command line reads an option's value, where click's own types do not say it all
# (a reader's option says it itself: Option.from_flag).
_PARSE = {"select": split_commas, "ignore": split_commas}
_PATHS = {"config": click.Path(dir_okay=False), "baseline": click.Path(dir_okay=False),
          "rulesets_dir": click.Path(file_okay=False), "output_file": click.Path(dir_okay=False)}


def _click_option(option: Option):
    """The click option of a setting, from the table of options: flag, help, allowed values."""
    kwargs: dict = {"help": option.help, "default": None, "metavar": option.metavar}
    if option.kind == "boolean":
        kwargs.update(is_flag=True, metavar=None)
    elif option.allowed:
        kwargs["type"] = click.Choice(option.allowed)
    elif option.kind == "integer":
        kwargs["type"] = click.IntRange(min=option.minimum)
    elif option.name in _PATHS:
        kwargs["type"] = _PATHS[option.name]
    if option.kind in ("array", "table"):
        kwargs["multiple"] = True
        kwargs["help"] = option.help + (" Comma-separated; repeatable." if option.name in ("select", "ignore")
                                         else " Repeatable.")
    if option.name in _PARSE:
        parse = _PARSE[option.name]
        kwargs["callback"] = lambda ctx, param, value: tuple(parse(value))
    elif option.from_flag:
        kwargs["callback"] = _parsed_with(option)
    return click.option(*option.flags, option.name, **kwargs)


def _parsed_with(option: Option):
    def parse(ctx, param, value):
        try:
            if param.multiple:
                return tuple(option.from_flag(v) for v in value)
            return None if value is None else option.from_flag(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint=option.flags[0])
    return parse


def settings_options(*names: str):
    """Decorate a command with the click options of these settings, in this order."""
    def decorate(command):
        for name in reversed(names):
            command = _click_option(all_options()[name])(command)
        return command
    return decorate


def reader_flags(command):
    """The readers' own flags (--csv-preset, --csv-map …): every reader option with a flag."""
    return settings_options(*(option.name for option in reader_options() if option.flags))(command)
