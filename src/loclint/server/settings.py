"""What the editor passes in ``initializationOptions`` (and later in
workspace/didChangeConfiguration): the `loclint check` flags it overrides the configuration
files with, and the server's own options. A value that cannot be used is reported, by name, and
left out; the rest still apply."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Optional

from ..session import Flags

# Option name in initializationOptions -> the Flags field it sets, as the `check` flag would.
FLAG_KEYS = {"market": "market", "locale": "locale", "select": "select", "ignore": "ignore",
             "channel": "channel", "offers": "offers", "date": "day", "languageDetector": "language_detector",
             "config": "config", "rulesets": "rulesets_dir"}
DEFAULT_DEBOUNCE_MS = 300


@dataclass(frozen=True)
class ServerSettings:
    flags: Flags = field(default_factory=Flags)
    debounce_ms: int = DEFAULT_DEBOUNCE_MS  # quiet time after a change before the buffer is linted
    rule_docs_url: Optional[str] = None  # "https://…/{code}.md": where rule pages are published
    problems: tuple[str, ...] = ()  # options that were left out, and why


def parse(options: Any) -> ServerSettings:
    """ServerSettings from the client's options (a JSON object, or null)."""
    if options is None:
        return ServerSettings()
    if not isinstance(options, dict):
        return ServerSettings(problems=(f"initializationOptions: expected an object, got {options!r}",))
    options = options.get("loclint", options) if isinstance(options.get("loclint"), dict) else options
    flags: dict[str, Any] = {}
    problems: list[str] = []
    debounce, docs_url = DEFAULT_DEBOUNCE_MS, None
    for name, value in options.items():
        if value is None:
            continue
        try:
            if name in FLAG_KEYS:
                flags[FLAG_KEYS[name]] = _flag_value(FLAG_KEYS[name], value)
            elif name == "debounceMs":
                debounce = _whole_number(value)
            elif name == "ruleDocsUrl":
                docs_url = _docs_url(value)
            else:
                known = ", ".join(sorted([*FLAG_KEYS, "debounceMs", "ruleDocsUrl"]))
                raise ValueError(f"unknown option (known: {known})")
        except ValueError as exc:
            problems.append(f"loclint option {name!r}: {exc}; left out")
    return ServerSettings(Flags(**flags), debounce, docs_url, tuple(problems))


def _flag_value(field_name: str, value: Any) -> Any:
    from ..config import check_option

    if field_name in ("select", "ignore"):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValueError(f"expected a list of rule selectors, got {value!r}")
        return tuple(value)
    if field_name == "day":
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise ValueError(f"expected a date like 2026-09-27, got {value!r}") from None
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {value!r}")
    if field_name in ("channel", "offers", "language_detector"):
        check_option(field_name, value)
    return value


def _whole_number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected milliseconds (a whole number, 0 or more), got {value!r}")
    return value


def _docs_url(value: Any) -> str:
    if not isinstance(value, str) or "{code}" not in value:
        raise ValueError(f"expected a URL with {{code}} where the rule code goes, got {value!r}")
    return value
