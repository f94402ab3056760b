"""loclint: a localization and copy-compliance linter for cross-border e-commerce listings."""
__version__ = "0.1.0"
