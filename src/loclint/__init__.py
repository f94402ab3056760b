"""loclint: a localization and copy-compliance linter for cross-border e-commerce listings.

The Python API (api.py) and the data it returns (model.py) load on first use, so that
`import loclint` and the command line's start-up stay cheap:

    import loclint
    report = loclint.lint(records, market="DE")   # report.findings, report.errors, report.summary
"""
from typing import TYPE_CHECKING

_LAZY = {
    "lint": "api", "lint_file": "api", "fix": "api", "make_linter": "api", "Report": "api",
    "Finding": "model", "Suggestion": "model", "Applicability": "model", "Severity": "model",
    "Record": "model", "ReadError": "model", "Source": "model",
}
__all__ = ["__version__", *_LAZY]

if TYPE_CHECKING:  # type checkers see the real signatures; at run time they load on first use
    __version__: str
    from .api import Report as Report, fix as fix, lint as lint, lint_file as lint_file, make_linter as make_linter
    from .model import (Applicability as Applicability, Finding as Finding, ReadError as ReadError, Record as Record,
                        Severity as Severity, Source as Source, Suggestion as Suggestion)


def __getattr__(name: str):
    if name == "__version__":
        value = globals()[name] = _installed_version()
        return value
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'loclint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)


def _installed_version() -> str:
    """The version pyproject.toml gives, as installed: the one place it is written."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("loclint")
    except PackageNotFoundError:  # a source tree on sys.path that was never installed
        return "0+unknown"
