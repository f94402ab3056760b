"""What a rule matches, in words, for its page: each kind's options read back as a short list
(trigger phrases, regular expressions, units, currencies, required facts ...) and the conditions
every rule may carry, so a reader sees a rule's reach without opening its YAML."""
from __future__ import annotations

import json
import re
from typing import Callable

from babel.numbers import format_currency, format_decimal

from .ruleset import Rulebook, Rule
from .ruleset.vocab import as_written

SHOWN_REWRITES = 8  # swap tables list every inflected form; the first few say enough

CHECKS = {
    ("directive", "malformed"): "Suppressions (`loclint: ignore[CODE] -- reason`) without a reason, with an unknown "
                                "code or in another form.",
    ("directive", "unused"): "Suppressions whose codes did not fire on the record (or file) they cover.",
    ("placeholders", "dropped"): "Placeholders of the source text (`%(count)s`, `%s`, `{name}`, `{{count}}`, "
                                 "`%{name}`, `<0>…</0>`, XLIFF inline codes) that the translation lacks.",
    ("placeholders", "unknown"): "Placeholders in the translation that its source text does not have.",
    ("money", "format"): "Amounts with a currency mark written otherwise than the market's CLDR format, e.g.",
    ("money", "foreign"): "Amounts marked with the sign or code of another currency than the market's:",
}


def what_it_matches(rulebook: Rulebook, rule: Rule, markets: list[str]) -> list[str]:
    """Markdown list items."""
    describe = _KINDS.get(rule.kind, _options)
    return describe(rulebook, rule, markets) + _filters(rule) + _conditions(rule)


def _terms(rulebook, rule, markets) -> list[str]:
    lines = ["- Phrases, in every inflected form (`*`: the word may go on):"]
    lines += [f"  - {lang}: {escaped(', '.join(phrases))}" for lang, phrases in rule.options["triggers"].items()]
    swaps = [escaped(f"{found} → {' / '.join(_listed(to))}") for found, to in rule.options["swap"].items()]
    if len(swaps) > SHOWN_REWRITES:
        swaps = swaps[:SHOWN_REWRITES] + [f"… {len(swaps) - SHOWN_REWRITES} more"]
    if swaps:
        lines.append(f"- Rewrites: {'; '.join(swaps)}")
    replacement = rule.options["replacement"]
    if replacement:
        label = "Rewrite of the other phrases" if swaps else "Rewrite"
        lines.append(f"- {label}: {escaped(' / '.join(_listed(replacement)))}")
    return lines


def _pattern(rulebook, rule, markets) -> list[str]:
    patterns = _listed(rule.options["pattern"])
    case = "case-sensitive" if rule.options["case_sensitive"] else "any case"
    case += ", also inside words" if rule.options["nonword"] else ", whole words"
    lines = [f"- Regular expression ({case}): {', '.join(_code(p) for p in patterns)}"]
    if rule.options.get("phone_numbers"):
        lines.append("- Phone numbers valid in the market, national formats included (libphonenumber)")
    if rule.options["skip_attributes"]:
        lines.append(f"- Not text that is part of the attribute {', '.join(rule.options['skip_attributes'])}")
    templates = rule.options["replacement"]
    if templates:  # \g<name> refers to the expression's groups
        lines.append(f"- Rewrite: {' / '.join(_code(t) for t in _listed(templates))}")
    return lines


def _units(rulebook, rule, markets) -> list[str]:
    lines = []
    for spec in rule.options["units"].values():
        readings = spec.get("readings") or [spec]
        into = " or ".join(_reading(reading) for reading in readings)
        lines.append(f"- {', '.join(_code(alias) for alias in spec['aliases'])} → {into}")
    metric = sorted({symbol for spec in rule.options["units"].values() for symbol in spec.get("metric", [])})
    if metric:
        lines.append(f"- Not when its metric value ({', '.join(metric)}) stands beside it: within "
                     f"{rule.options['window']} characters, no other number between, the same quantity "
                     "within 10 %")
    return lines


def _reading(reading: dict) -> str:
    offset = _number(reading.get("offset") or 0)
    shifted = f"(x {'−' if offset.startswith('-') else '+'} {offset.lstrip('-')}) " if offset != "0" else ""
    label = f", {reading['label']}" if reading.get("label") else ""
    return f"{reading['to']} ({shifted}× {_number(reading['factor'])}{label})"


def _number(value) -> str:
    """As the units kind reads it (float), six significant digits; as written if it is no number."""
    try:
        return f"{float(value):.6g}"
    except (TypeError, ValueError):
        return str(value)


def _money(rulebook, rule, markets) -> list[str]:
    check = rule.options["check"]
    lines = [f"- {CHECKS.get(('money', check), f'check: {check}')}"]
    currencies = rulebook.data["currencies"]
    if check == "format":
        for code in markets:
            market = rulebook.market(code)
            # A market's own words go after the amount, whatever side CLDR gives the sign.
            local = "".join(f" or {format_decimal(1234.5, format='#,##0.00', locale=market.babel_locale)} {word}"
                            for word in currencies.local_symbols(code))
            lines.append(f"  - {code}: {format_currency(1234.5, market.currency, locale=market.babel_locale)}{local}")
    elif check == "foreign":
        for currency, symbols in currencies.by_code.items():
            local = "".join(f" ({word} in {code})" for code in markets
                            for word, meant in currencies.local_symbols(code).items() if meant == currency)
            lines.append(f"  - {currency}: {' '.join(symbols)}{local}")
    return lines


def _language(rulebook, rule, markets) -> list[str]:
    languages = "; ".join(f"{code} {'/'.join(rulebook.market(code).languages)}" for code in markets)
    return [f"- Texts of {rule.options['min_letters']} letters or more whose language is guessed, with "
            f"{rule.options['min_confidence']:.0%} confidence or more, as none of the market's ({languages})"]


def _required(rulebook, rule, markets) -> list[str]:
    return ["- A listing where none of these holds:"] + [f"  - {_condition(c)}" for c in _parsed(rule.options["any_of"])]


def _companion(rulebook, rule, markets) -> list[str]:
    return [f"- A `{'`, `'.join(rule.fields)}` field without a non-blank `{rule.options['requires']}` beside it"]


def _by_check(rulebook, rule, markets) -> list[str]:
    check = rule.options["check"]
    return [f"- {CHECKS.get((rule.kind, check), f'check: {check}')}"]


def _options(rulebook, rule, markets) -> list[str]:
    """A kind without its own description: its options as given."""
    return [f"- {key}: {_code(json.dumps(value, ensure_ascii=False, default=str))}"
            for key, value in rule.options.items() if value not in (None, [], {})]


_KINDS: dict[str, Callable[[Rulebook, Rule, list], list[str]]] = {
    "terms": _terms, "pattern": _pattern, "units": _units, "money": _money, "language": _language,
    "required": _required, "companion": _companion, "directive": _by_check, "placeholders": _by_check,
}


def _filters(rule) -> list[str]:
    """The precision levers the text kinds share (kinds/base.py span_filters)."""
    options = rule.options
    lines = []
    if options.get("exceptions"):
        lines.append(f"- Not inside a match of {', '.join(_code(as_written(p)) for p in options['exceptions'])}")
    for context in rule.unless_in:
        lines.append(f"- Not inside the context `{context.name}` (defined, with its examples, in "
                     f"`rulesets/contexts/{context.name}.yml`)")
    for key, words in (("near", "Only with"), ("not_near", "Not with")):
        window = options.get(key)
        if window:
            patterns = ", ".join(_code(p) for p in window["patterns"])
            lines.append(f"- {words} {patterns} within {window.get('within', 80)} characters")
    if options.get("skip_quoted"):
        lines.append("- Not inside quotation marks (a quoted title is not a claim)")
    return lines


def _conditions(rule) -> list[str]:
    return [f"- Only when {_condition(c)}" for c in rule.when] + \
        [f"- Not when {_condition(c)}" for c in rule.unless]


def _parsed(items) -> list:
    from .ruleset.conditions import parse_condition

    return [parse_condition(item) for item in items]


def _condition(condition) -> str:
    if condition.target == "attribute":
        if condition.test in ("present", "missing"):
            return f"the attribute {condition.name} is {condition.test}"
        values = ", ".join(condition.values) if condition.values else _regex(condition)
        return f"the attribute {condition.name} {condition.test.replace('_', ' ')} {values}"
    if condition.target == "price":
        return f"a price is {condition.test}"
    if condition.target == "category":
        where = "the category (or the title)" if condition.or_title else "the category"
        return f"{where} matches {_regex(condition)}"
    if condition.target == "title":
        return f"the title matches {_regex(condition)}"
    return f"the text matches {_regex(condition)}"


def _regex(condition) -> str:
    words = " (also inside words)" if condition.nonword else " (whole words)"
    return _code(as_written(condition.written)) + words


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]


def escaped(text: str) -> str:
    """Text for Markdown: "<certifier>" or "<0>Hier</0>" would be read as HTML tags and vanish."""
    return re.sub(r"<(?=[A-Za-z0-9/!?])", r"\\<", text)


def _code(text: str) -> str:
    """A Markdown code span that survives backticks in the text."""
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"
