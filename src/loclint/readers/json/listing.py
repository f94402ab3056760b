"""A JSON Lines record decoded straight into its declared shape, the fast way.

msgspec decodes a line and checks every type of the listing in C; the fields are then listed
without re-checking them. A line it cannot vouch for (any decode or type error, a number it
refuses, nesting that could pass MAX_DEPTH) is left to the general way (parse.loads, then
records.build_record), which names what is wrong exactly as before. For every line this
accepts, both ways build the same Record (tests/test_jsonl_fast_path.py holds them to it).
"""
from __future__ import annotations

import re
from types import MethodType
from typing import Any, Optional, Union

import msgspec

from ...model import Field, Record
from ...positions import PathKey, json_string_offset, json_value_positions
from ..encoders import json_string
from ..records import MAX_DEPTH, MAX_DIGITS, _source_of


class _Image(msgspec.Struct):
    file: Optional[str] = None
    alt: Optional[str] = None
    colors: Optional[list[str]] = None
    tags: Optional[list[str]] = None


class _Listing(msgspec.Struct):
    """The keys a Record reads, with the types build_record accepts; other keys are skipped.
    ``id`` is UNSET when absent: a null id is an error, an absent one takes the default."""

    id: Union[str, int, msgspec.UnsetType] = msgspec.UNSET
    market: Optional[str] = None
    locale: Optional[str] = None
    title: Optional[str] = None
    description: Optional[str] = None
    bullets: Optional[list[str]] = None
    attributes: Optional[dict[str, Any]] = None
    price: Optional[dict[str, Any]] = None
    images: Optional[list[_Image]] = None
    directives: Union[str, list[str], None] = msgspec.field(default=None, name="_loclint")
    source: Any = None  # a translated listing's original texts, looked up per field


_Scalar = Union[str, int, float, bool, None]


class _ShallowImage(_Image, forbid_unknown_fields=True):
    pass


class _ShallowListing(_Listing, forbid_unknown_fields=True):
    """A listing whose shape bounds its depth: no key it does not read (in its images either),
    attributes and price holding scalars (or lists of them), no source. It nests at most 4 levels
    (an image's colours), so a line that decodes to it needs no bracket count; every line of the
    corpus does."""

    images: Optional[list[_ShallowImage]] = None
    attributes: Optional[dict[str, Union[_Scalar, list[_Scalar]]]] = None
    price: Optional[dict[str, _Scalar]] = None
    source: None = None


_DECODER = msgspec.json.Decoder(_Listing)
_SHALLOW_DECODER = msgspec.json.Decoder(_ShallowListing)
_LONG_DIGITS = re.compile(f"[0-9]{{{MAX_DIGITS + 1}}}")


class FeedShape:
    """What the lines of one feed have shown of their shape. A feed's lines usually share one:
    once a line needs the full _Listing (a key a listing does not read, nested attributes, a
    source), the feed's later lines are decoded that way directly instead of being tried as a
    _ShallowListing first (a refused try cost 8k instructions a line where the odd key came
    last)."""

    __slots__ = ("shallow",)

    def __init__(self) -> None:
        self.shallow = True


def fast_record(text: str, *, path: str, line: int, index: int, market: Optional[str],
                locale: Optional[str], shape: Optional[FeedShape] = None) -> Optional[Record]:
    """The Record of one JSON line, or None: read it the general way. ``shape``: the feed's
    lines so far (without it, each line is tried as a _ShallowListing first)."""
    # msgspec skips the keys a listing ignores without reading their numbers, so an integer
    # build_record would refuse can hide there (a run of digits in a string declines too).
    if len(text) > MAX_DIGITS and _LONG_DIGITS.search(text):
        return None
    listing = _listing(text, shape)
    if listing is None:
        return None
    price = listing.price or {}
    if price and not _price_is_valid(price):
        return None
    rec_market = listing.market or market
    return Record(
        id=f"#{index}" if listing.id is msgspec.UNSET else str(listing.id),
        market=rec_market.upper() if rec_market else None,
        locale=listing.locale or locale,
        fields=tuple(_fields(listing, price, _LinePlaces(text, line))),
        attributes=listing.attributes or {},
        price=price,
        path=path,
        line=line,
    )


def _listing(text: str, shape: Optional[FeedShape]) -> Optional[_Listing]:
    # Counting the brackets (_any_listing) took 5k instructions a line, as str.count reads every
    # character twice: 45 M on the corpus, whose lines all decode to a _ShallowListing, which
    # cannot nest too deep.
    if shape is not None and not shape.shallow:
        return _any_listing(text)
    try:
        return _SHALLOW_DECODER.decode(text)
    except (msgspec.DecodeError, UnicodeEncodeError):
        pass
    listing = _any_listing(text)
    if listing is not None and shape is not None:
        shape.shallow = False
    return listing


def _any_listing(text: str) -> Optional[_Listing]:
    """Any line's listing, or None: read it the general way."""
    # Fewer brackets than MAX_DEPTH cannot nest deeper; more may, and only build_record can tell.
    if text.count("{") + text.count("[") > MAX_DEPTH:
        return None
    try:
        return _DECODER.decode(text)
    # DecodeError: also a wrong type (ValidationError) or an integer Python refuses;
    # UnicodeEncodeError: a lone surrogate in the text (a UTF-16 feed's broken pair).
    except (msgspec.DecodeError, UnicodeEncodeError):
        return None


def _price_is_valid(price: dict) -> bool:
    amount = price.get("amount", 0)
    if not isinstance(amount, (int, float)) or isinstance(amount, bool):
        return False
    return all(price.get(key) is None or isinstance(price[key], str) for key in ("display", "currency"))


class _LinePlaces:
    """Where a field's characters stand in its line, found when a finding first asks: most
    records have none. One per record, shared by its fields."""

    __slots__ = ("_text", "_line", "_quotes")

    def __init__(self, text: str, line: int):
        self._text, self._line = text, line
        self._quotes: Optional[dict[PathKey, int]] = None

    def locate(self, key: PathKey, offset: int) -> tuple[int, int]:
        if self._quotes is None:
            self._quotes = json_value_positions(self._text)
        return (self._line, json_string_offset(self._text, self._quotes[key], offset) + 1)


def _fields(listing: _Listing, price: dict, places: _LinePlaces) -> list[Field]:
    """The text fields in records._fields' order (its checks have been made by the decoder).
    Every value is a JSON string here, so each writes back through json_string.

    A field's path is _path_name(key), written out; its locator is _locate bound to its place
    (the record's places, then the field's key). Each Field is built where its value is found:
    listing (place, path, scope, text) tuples first and building the 40k Fields of a corpus run in
    a second loop cost 36 M instructions more (fast_record over the corpus 421 -> 385 M). Built
    by map and zip instead, in C, they cost more still: 3.11 calls a type from map through
    tp_call, and str.format is slower than an f-string (fast_record 513 M)."""
    fields: list[Field] = []
    add = fields.append
    for name in ("title", "description"):
        value = getattr(listing, name)
        if value is not None:
            add(Field(name, name, value, MethodType(_locate, (places, name)), json_string))
    for i, bullet in enumerate(listing.bullets or ()):
        add(Field(f"bullets[{i}]", "bullets", bullet, MethodType(_locate, (places, "bullets", i)), json_string))
    for key, value in (listing.attributes or {}).items():
        if isinstance(value, str):
            scope = f"attributes.{key}"
            add(Field(scope, scope, value, MethodType(_locate, (places, "attributes", key)), json_string))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    add(_field(f"attributes.{key}[{i}]", f"attributes.{key}", item, (places, "attributes", key, i)))
    directives = listing.directives
    if isinstance(directives, list):
        for i, value in enumerate(directives):
            add(_field(f"_loclint[{i}]", "_loclint", value, (places, "_loclint", i)))
    elif directives is not None:
        add(_field("_loclint", "_loclint", directives, (places, "_loclint")))
    for key in ("display", "currency"):
        if price.get(key) is not None:
            add(_field(f"price.{key}", f"price.{key}", price[key], (places, "price", key)))
    for i, image in enumerate(listing.images or ()):
        for key in ("file", "alt"):
            value = getattr(image, key)
            if value is not None:
                add(_field(f"images[{i}].{key}", f"images.{key}", value, (places, "images", i, key)))
        for key in ("colors", "tags"):
            for j, value in enumerate(getattr(image, key) or ()):
                add(_field(f"images[{i}].{key}[{j}]", f"images.{key}", value, (places, "images", i, key, j)))
    originals = listing.source
    if originals is None:
        return fields
    return [msgspec.structs.replace(field, source=_source_of(originals, _key_of(field))) for field in fields]


def _field(path: str, scope: str, text: str, place: tuple) -> Field:
    """A field of the rarer kinds (the hot ones are built inline: a call costs as much again)."""
    return Field(path, scope, text, MethodType(_locate, place), json_string)


def _key_of(field: Field) -> PathKey:
    """The key a field of this module stands at in its record, as its locator holds it."""
    return field.locate.__self__[1:]  # type: ignore[union-attr]


# A field's locator is _locate bound to its place, (the record's _LinePlaces, *the field's key):
# a bound method is made in 0.10 us where partial(places.locate, key) took 0.36 us, and a
# corpus run makes one for each of its 40k fields. Such a locator does not pickle (a bound method
# pickles as getattr(its self, its name)); nothing pickles records, which workers read themselves.
def _locate(place: tuple, offset: int) -> tuple[int, int]:
    return place[0].locate(place[1:], offset)
