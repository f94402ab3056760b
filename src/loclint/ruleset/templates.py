"""A rule's message is a str.format template the engine fills with one finding's values
(engine.py ``_Vars``): the values the rule's kind gives (its MESSAGE_VALUES), ``{field}``, and
``{attr_NAME}`` for a record attribute. Anything else raised in the middle of a run (``{0}``,
``{}``, ``{x.y}``), printed a placeholder as if it were text (an unknown ``{name}``) or could
allocate without bound (``{match:>999999999}``), so it is refused at load.
"""
from __future__ import annotations

from string import Formatter
from typing import Iterable, Optional

ALWAYS = ("field",)  # engine.py _Vars sets it for every finding
ATTRIBUTE_PREFIX = "attr_"  # engine.py _Vars: {attr_country_of_origin}


def message_problems(template: str, provided: Optional[Iterable[str]]) -> list[str]:
    """What is wrong with a message template; ``provided`` None: the kind does not say which
    values it gives, so only the form is checked."""
    fields, problem = _fields(template)
    if problem:
        return [problem]
    known = None if provided is None else {*provided, *ALWAYS}
    problems = []
    for name, spec, conversion in fields:
        shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if name == "" or name.isdigit():
            problems.append(f"positional placeholder {shown}: name the value, e.g. {{match}}")
        elif "." in name or "[" in name:
            problems.append(f"placeholder {shown}: attribute and index access are not supported")
        elif spec or conversion:
            problems.append(f"placeholder {shown}: conversions and format specs are not supported; write {{{name}}}")
        elif known is not None and name not in known and not _attribute(name):
            problems.append(f"unknown placeholder {shown} (this kind fills in "
                            f"{', '.join('{' + k + '}' for k in sorted(known))} and {{attr_NAME}})")
    return problems


def literal_problems(text: str) -> list[str]:
    """A text shown as written (a suggestion): a placeholder in it would never be filled in."""
    fields, problem = _fields(text)
    if problem:
        return [problem]
    names = ", ".join("{" + name + "}" for name, _, _ in fields)
    return [f"{names}: shown as written, placeholders are not filled in here"] if names else []


def _attribute(name: str) -> bool:
    return name.startswith(ATTRIBUTE_PREFIX) and len(name) > len(ATTRIBUTE_PREFIX)


def _fields(template: str) -> tuple[list[tuple[str, str, Optional[str]]], Optional[str]]:
    """(name, format spec, conversion) of each placeholder, or the template's syntax error."""
    try:
        parsed = list(Formatter().parse(template))
    except ValueError as exc:
        return [], f"not a valid template: {exc} (write {{{{ and }}}} for a literal brace)"
    return [(name, spec or "", conversion) for _, name, spec, conversion in parsed if name is not None], None
