"""loclint: a localization and copy-compliance linter for cross-border e-commerce listings.

The Python API (api.py) and the data it returns (model.py) load on first use, so that
`import loclint` and the command line's start-up stay cheap:

    import loclint
    findings = loclint.lint(records, market="DE")
"""
__version__ = "0.1.0"

_LAZY = {
    "lint": "api", "lint_file": "api", "fix": "api", "make_linter": "api", "Report": "api",
    "Finding": "model", "Suggestion": "model", "Applicability": "model", "Severity": "model",
    "Record": "model", "ReadError": "model", "Source": "model",
}
__all__ = ["__version__", *_LAZY]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'loclint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
