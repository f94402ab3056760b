"""Rule kinds: a small fixed set that carries every rule. Each module has OPTIONS, an optional
validate(rule) and one checker class compiled once per market for all rules of that kind
(CHECKERS). `directive` has none: its rules (LNT001, LNT002) are data the suppressions module
reads to report on suppressions."""
from . import companion, directive, language, money, pattern, placeholders, required, terms, units

KINDS = {
    "terms": terms,
    "pattern": pattern,
    "units": units,
    "money": money,
    "required": required,
    "language": language,
    "companion": companion,
    "directive": directive,
    "placeholders": placeholders,
}

CHECKERS = {
    "terms": terms.TermsChecker,
    "pattern": pattern.PatternChecker,
    "units": units.UnitsChecker,
    "money": money.MoneyChecker,
    "required": required.RequiredChecker,
    "language": language.LanguageChecker,
    "companion": companion.CompanionChecker,
    "placeholders": placeholders.PlaceholdersChecker,
}
