"""Instalment offers ("10x sem juros") read against the record's structured price.

A rule's ``pattern`` finds an offer; its group ``count`` is the number of instalments ("10x",
"10 vezes") and its group ``value``, when it matched, the instalment amount the offer states.
Whether the offer is free of interest is read around it (``free_of_interest``, unless
``interest`` says otherwise). ``report`` says which offers the rule reports:

- ``undisclosed``: the buyer cannot work out the price: the record has no price in the market's
  currency, or the offer does not say it is free of interest (so the total is unknown);
- ``value``: the price is known and the offer is free of interest, so cash price and total are
  the price, but the instalment amount is not stated; the rewrite states it, computed from the
  price and written the market's way (Babel, CLDR).
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Iterator, Optional

from babel.numbers import format_currency, get_currency_precision

from ..ruleset.bounded import compile_whole_words_for
from .base import CompileContext, Hit, Opt, RulesByScope, Window, regex_problems, window_problems

OPTIONS = {
    "pattern": Opt((str, list), required=True),
    "report": Opt((str,), required=True),  # undisclosed | value
    "free_of_interest": Opt((dict,), required=True),  # {patterns: [...], within: N} around the offer
    "interest": Opt((dict,), None),  # interest charged: overrides free_of_interest
}
MESSAGE_VALUES = ("match", "replacement", "count", "value", "price")
FIELD_SCOPED = True  # hits come only from fields its rules cover (kinds/__init__.py)
REPORTS = ("undisclosed", "value")


def validate(rule) -> list[str]:
    problems = regex_problems(rule, "pattern") + window_problems(rule, "free_of_interest") + \
        window_problems(rule, "interest")
    if rule.options["report"] not in REPORTS:
        problems.append(f"key 'report': expected {' or '.join(REPORTS)}")
    if not problems:
        for pattern in _listed(rule.options["pattern"]):
            if "count" not in re.compile(pattern).groupindex:
                problems.append(f"key 'pattern': {pattern!r} needs a group (?P<count>...) for the number of instalments")
    return problems


class InstalmentsChecker:
    def __init__(self, rules, ctx: CompileContext):
        self.market = ctx.market
        self.compiled = [(rule, [compile_whole_words_for(rule, p, re.IGNORECASE) for p in _listed(rule.options["pattern"])],
                          Window(rule.options["free_of_interest"], rule), Window(rule.options["interest"], rule))
                         for rule in rules]
        self.for_scope = RulesByScope(self.compiled, lambda item: item[0])

    def check(self, record_ctx) -> Iterator[Hit]:
        price = self._price(record_ctx.record.price)
        for field in record_ctx.fields:
            for rule, regexes, free, charged in self.for_scope[field.scope]:
                for start, end, m in _offers(regexes, field.text):
                    interest_free = free.around(field.text, start, end) and not (
                        charged.pattern is not None and charged.around(field.text, start, end))
                    hit = self._judge(rule, field, m, price, interest_free)
                    if hit is not None:
                        yield hit

    def _judge(self, rule, field, m: re.Match, price: Optional[Decimal], interest_free: bool) -> Optional[Hit]:
        known = price is not None and interest_free
        if rule.options["report"] == "undisclosed":
            return None if known else Hit(rule, field, m.start(), m.end(), (), self._vars(m, price, "", ""))
        stated = "value" in m.re.groupindex and m.group("value")
        if not known or stated:
            return None
        count = int(re.sub(r"\D", "", m.group("count")) or 0)
        if count < 2:
            return None
        value = self._money(price / count)
        text = m.group()
        insert = m.end("count") - m.start()
        rewrite = f"{text[:insert]} de {value}{text[insert:]}"
        return Hit(rule, field, m.start(), m.end(), (rewrite,), self._vars(m, price, value, rewrite))

    def _price(self, price: dict) -> Optional[Decimal]:
        """The structured price in the market's currency (a price in another currency says
        nothing about the amounts the copy should show)."""
        currency = str(price.get("currency") or self.market.currency).upper()
        if currency != self.market.currency or price.get("amount") is None:
            return None
        try:
            amount = Decimal(str(price["amount"]))
        except (InvalidOperation, ValueError):
            return None
        return amount if amount.is_finite() and amount > 0 else None

    def _money(self, amount: Decimal) -> str:
        places = Decimal(1).scaleb(-get_currency_precision(self.market.currency))
        rounded = amount.quantize(places, rounding=ROUND_HALF_UP)
        return format_currency(rounded, self.market.currency, locale=self.market.babel_locale).replace("\u00a0", " ")

    def _vars(self, m: re.Match, price: Optional[Decimal], value: str, rewrite: str) -> dict:
        return {"match": m.group(), "replacement": rewrite, "count": m.group("count"), "value": value,
                "price": self._money(price) if price is not None else ""}


def _offers(regexes, text: str):
    """Each offer once: the leftmost, longest match of any of the rule's patterns."""
    found = sorted(((m.start(), -m.end(), i, m) for i, regex in enumerate(regexes) for m in regex.finditer(text)
                    if m.end() > m.start()), key=lambda item: item[:3])
    taken = -1
    for start, neg_end, _, m in found:
        if start >= taken:
            taken = -neg_end
            yield start, -neg_end, m


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]


CHECKER = InstalmentsChecker
