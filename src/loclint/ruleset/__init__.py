"""Rulesets are YAML data: the rule format, validation, market composition. Loading them with
the rule kinds' own keys is loclint.rulebook's job (kinds sit above this layer)."""
from .loader import Rulebook, RulesetError, default_rulesets_dir, read_rulebook
from .rule import MarketConfig, Rule

__all__ = ["Rulebook", "RulesetError", "MarketConfig", "Rule", "default_rulesets_dir", "read_rulebook"]
