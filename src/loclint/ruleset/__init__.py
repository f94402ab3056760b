"""Rulesets are YAML data: loading, validation, market composition."""
from .loader import Rulebook, RulesetError, default_rulesets_dir, load_rulebook
from .rule import MarketConfig, Rule

__all__ = ["Rulebook", "RulesetError", "MarketConfig", "Rule", "default_rulesets_dir", "load_rulebook"]
