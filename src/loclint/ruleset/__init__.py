"""Rulesets are YAML data: the rule format, validation, market composition. Loading them with
the rule kinds' own keys is loclint.rulebook's job (kinds sit above this layer)."""
from .currencies import Currencies
from .loader import Rulebook, RulesetError, builtin_currencies, default_rulesets_dir, read_rulebook
from .rule import MarketConfig, Rule

__all__ = ["Currencies", "Rulebook", "RulesetError", "MarketConfig", "Rule", "builtin_currencies",
           "default_rulesets_dir", "read_rulebook"]
