"""Per-record state shared by every kind: tokens, quoted spans and language guesses are
computed once per field, however many rules look at them."""
from __future__ import annotations

from typing import Any, Callable, Optional

from .kinds.gate import Gate
from .model import Field, Record
from .ruleset.conditions import is_present, normalize_key
from .text.brand import brand_spans, record_brands
from .text.fold import folded
from .text.tokens import Token, norms, quoted_spans, tokenize


class RecordContext:
    def __init__(self, record: Record, detect: Callable[[str], tuple[str, float]], gate: Gate):
        self.record = record
        self.fields = record.fields
        self._detect = detect
        self._gate = gate
        self._open: dict[str, frozenset[int]] = {}
        self._tokens: dict[str, list[Token]] = {}
        self._norms: dict[str, list[str]] = {}
        self._quoted: dict[str, list[tuple[int, int]]] = {}
        self._brands: Optional[tuple[str, ...]] = None
        self._brand_spans: dict[str, list[tuple[int, int]]] = {}
        self._attributes: Optional[dict[str, Any]] = None
        self._present: Optional[frozenset[str]] = None
        self._joined: Optional[str] = None
        self._folded: Optional[str] = None
        self._applies: dict[str, bool] = {}
        self.is_offer = True  # the engine decides (engine.OFFERS): a record with a price, or every one

    def judges(self, rule) -> bool:
        """Whether ``rule`` judges this record: a rule about what an offer must disclose
        (``scope: offer``) judges offers only, a rule about wording every record."""
        return rule.scope != "offer" or self.is_offer

    def applies(self, rule) -> bool:
        """Whether ``rule`` judges this record and its ``when``/``unless`` conditions let it:
        a fact about the record, not about any hit, so a kind may ask before it searches (a
        pet-food rule's long pattern is then never run, or compiled, on a catalogue of kettles)."""
        if not rule.when and not rule.unless:  # most rules: no conditions to evaluate or keep
            return self.judges(rule)
        found = self._applies.get(rule.code)
        if found is None:
            found = self._applies[rule.code] = self.judges(rule) and all(
                c.holds(self) for c in rule.when) and not any(c.holds(self) for c in rule.unless)
        return found

    def tokens(self, field: Field) -> list[Token]:
        tokens = self._tokens.get(field.path)
        if tokens is None:
            tokens = self._tokens[field.path] = tokenize(field.text)
        return tokens

    def norms(self, field: Field) -> list[str]:
        """The field's token norms (text.tokens.norms): what term lookups need."""
        found = self._norms.get(field.path)
        if found is None:
            found = self._norms[field.path] = norms(field.text)
        return found

    def open_keys(self, field: Field) -> frozenset[int]:
        """The gate keys (kinds.gate) this field's text opens."""
        found = self._open.get(field.path)
        if found is None:
            found = self._open[field.path] = self._gate.open_keys(field.text)
        return found

    def quoted(self, field: Field) -> list[tuple[int, int]]:
        spans = self._quoted.get(field.path)
        if spans is None:
            spans = self._quoted[field.path] = quoted_spans(field.text)
        return spans

    def brand(self, field: Field) -> list[tuple[int, int]]:
        """Where the field names the record's brand (text.brand); `skip_brand` rules skip it."""
        if self._brands is None:
            self._brands = record_brands(self.attribute, self.title())
        if not self._brands:
            return []
        spans = self._brand_spans.get(field.path)
        if spans is None:
            spans = self._brand_spans[field.path] = brand_spans(field.text, self._brands)
        return spans

    def language(self, text: str) -> tuple[str, float]:
        return self._detect(text)

    # RecordView, for conditions
    def attribute(self, name: str) -> Optional[Any]:
        return self._normalised_attributes().get(name)

    def present_attributes(self) -> frozenset[str]:
        """The names (normalize_key) of the attributes whose value is given (conditions.is_present)."""
        if self._present is None:
            self._present = frozenset(name for name, value in self._normalised_attributes().items()
                                      if is_present(value))
        return self._present

    def _normalised_attributes(self) -> dict[str, Any]:
        if self._attributes is None:
            self._attributes = {normalize_key(k): v for k, v in self.record.attributes.items()}
        return self._attributes

    def joined_text(self) -> str:
        if self._joined is None:
            self._joined = "\n".join(f.text for f in self.fields)
        return self._joined

    def folded_text(self) -> str:
        if self._folded is None:
            self._folded = folded(self.joined_text())
        return self._folded

    def title(self) -> str:
        return next((f.text for f in self.fields if f.scope == "title"), "")

    def has_price(self) -> bool:
        return self.record.price.get("amount") is not None or bool(self.record.price.get("display"))
