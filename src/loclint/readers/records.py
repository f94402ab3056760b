"""The canonical listing record: validate a decoded object and list its text fields.

A reader decodes its format into plain Python values and supplies ``locator_for``, which turns a
value's path (``("bullets", 0)``) into a function from character offsets to file positions.
"""
from __future__ import annotations

import functools
from typing import Any, Callable, Iterator, Optional, Union

from ..model import Field, Locator, Original, Record
from ..positions import PathKey
from .errors import UnreadableInput

LocatorFor = Callable[[PathKey], Optional[Locator]]
# A value's path to the function that writes a replacement in the file's syntax (or None).
EncoderFor = Callable[[PathKey], Optional[Callable[[str], Optional[str]]]]


# How deep a record may nest: a listing needs 4 levels (record, images, one image, its colours;
# the corpus has at most 3) and a platform export rarely 7. 32 is room for any real catalogue
# and far below Python's recursion limit (about 1,000), so no code that walks a value recursively
# (a rule, repr, a format's own walker) can fail on a record that passed.
MAX_DEPTH = 32

# Python refuses to turn longer digit strings into int (int_max_str_digits, CVE-2020-10735).
MAX_DIGITS = 4300


class RecordShapeError(ValueError):
    """The record decoded but does not have the canonical shape."""


class OversizedNumber:
    """An integer literal longer than MAX_DIGITS, kept as its text: the JSON and YAML readers
    decode it into this instead of failing the whole file, and build_record rejects the record
    that holds it."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    @property
    def digits(self) -> int:
        return sum(ch.isdigit() for ch in self.text)

    def __repr__(self) -> str:
        return f"<a number of {self.digits} digits>"


def int_or_oversized(text: str):
    """``parse_int`` for json.loads (and YAML's int constructor): an int, or OversizedNumber."""
    try:
        return int(text)
    except ValueError:
        if sum(ch.isdigit() for ch in text) <= MAX_DIGITS:
            raise
        return OversizedNumber(text)


def _no_locator(_: PathKey) -> Optional[Locator]:
    return None


def build_record(
    obj: Any,
    *,
    path: str,
    line: int,
    index: int,
    market: Optional[str] = None,
    locale: Optional[str] = None,
    locator_for: LocatorFor = _no_locator,
    encoder_for: Optional[EncoderFor] = None,
    end_locator_for: Optional[LocatorFor] = None,
) -> Record:
    """Validate ``obj`` and build a Record; raise RecordShapeError naming the bad key."""
    if not isinstance(obj, dict):
        raise RecordShapeError(f"a record must be an object, not {_kind(obj)}")
    _check_values(obj)
    record_id = obj.get("id", f"#{index}")
    if not isinstance(record_id, (str, int)) or isinstance(record_id, bool):
        raise RecordShapeError(f"'id' must be a string or number, not {_kind(record_id)}")
    fields = tuple(_fields(obj, locator_for, encoder_for, end_locator_for))
    attributes = _expect(obj, "attributes", dict, {})
    price = _expect(obj, "price", dict, {})
    if "amount" in price and not _is_number(price["amount"]):
        raise RecordShapeError(f"'price.amount' must be a number, not {_kind(price['amount'])}")
    rec_market = _expect(obj, "market", str, None) or market
    rec_locale = _expect(obj, "locale", str, None) or locale
    return Record(
        id=str(record_id),
        market=rec_market.upper() if rec_market else None,
        locale=rec_locale,
        fields=fields,
        attributes=attributes,
        price=price,
        path=path,
        line=line,
    )


def record_or_error(obj: Any, *, path: str, line: int, **kwargs) -> Union[Record, UnreadableInput]:
    """build_record, with a wrong shape turned into the error naming line and record."""
    try:
        return build_record(obj, path=path, line=line, **kwargs)
    except RecordShapeError as exc:
        record = obj.get("id") if isinstance(obj, dict) else None
        return UnreadableInput(f"{exc}; record skipped", line, None if record is None else str(record))


def _check_values(obj: dict) -> None:
    """RecordShapeError for a record nested deeper than MAX_DEPTH or holding an OversizedNumber.
    Iterative, and it stops at MAX_DEPTH, so neither depth nor a cycle (a YAML alias) can trap it.
    Every record passes here: the common case only counts levels, and what went wrong is worked
    out (with the value's path) only when something did."""
    stack = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        for item in value.values() if isinstance(value, dict) else value:
            if isinstance(item, (dict, list)):
                if depth >= MAX_DEPTH:
                    raise RecordShapeError(f"'{_path_name(_too_deep(obj))}' is nested deeper than {MAX_DEPTH} levels")
                stack.append((item, depth + 1))
            elif isinstance(item, OversizedNumber):
                key = _path_to(obj, item)
                raise RecordShapeError(f"'{_path_name(key)}' is a number of {item.digits} digits "
                                       f"(at most {MAX_DIGITS} are read)")


def _too_deep(obj: dict) -> PathKey:
    """The top-level key under which ``obj`` nests deeper than MAX_DEPTH."""
    return next((key,) for key, value in obj.items()
                if isinstance(value, (dict, list)) and _nests_deeper(value, MAX_DEPTH - 1))


def _nests_deeper(value: Any, levels: int) -> bool:
    stack = [(value, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > levels:
            return True
        items = value.values() if isinstance(value, dict) else value
        stack.extend((item, depth + 1) for item in items if isinstance(item, (dict, list)))
    return False


def _path_to(obj: dict, target: Any) -> PathKey:
    """The path of ``target`` (found by identity) in a record already known to be shallow."""
    stack: list[tuple[PathKey, Any]] = [((), obj)]
    while stack:
        key, value = stack.pop()
        if value is target:
            return key
        if isinstance(value, (dict, list)):
            stack.extend((key + (part,), item) for part, item in (value.items() if isinstance(value, dict)
                                                                  else enumerate(value)))
    return ()


def _fields(obj: dict, locator_for: LocatorFor, encoder_for: Optional[EncoderFor],
            end_locator_for: Optional[LocatorFor]) -> Iterator[Field]:
    originals = obj.get("source")  # a translated listing's original texts, rarely given

    def text_field(key: PathKey, scope: str, value: Any) -> Field:
        if not isinstance(value, str):
            raise RecordShapeError(f"'{_path_name(key)}' must be a string, not {_kind(value)}")
        encode = _LazyEncoder(encoder_for, key) if encoder_for is not None else None
        end = _Lazy(end_locator_for, key) if end_locator_for is not None else None
        source = _source_of(originals, key) if originals is not None else None
        return Field(_path_name(key), scope, value, _Lazy(locator_for, key), encode, end, source)

    for name in ("title", "description"):
        if obj.get(name) is not None:
            yield text_field((name,), name, obj[name])
    for i, bullet in enumerate(_expect(obj, "bullets", list, [])):
        yield text_field(("bullets", i), "bullets", bullet)
    for key, value in _expect(obj, "attributes", dict, {}).items():
        if isinstance(value, str):
            yield text_field(("attributes", key), f"attributes.{key}", value)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield text_field(("attributes", key, i), f"attributes.{key}", item)
    price = _expect(obj, "price", dict, {})
    directives = obj.get("_loclint")  # suppressions: a string or a list of them
    for i, value in enumerate(directives if isinstance(directives, list) else [directives] if directives is not None else []):
        yield text_field(("_loclint", i) if isinstance(directives, list) else ("_loclint",), "_loclint", value)
    for key in ("display", "currency"):
        if price.get(key) is not None:
            yield text_field(("price", key), f"price.{key}", price[key])
    for i, image in enumerate(_expect(obj, "images", list, [])):
        if not isinstance(image, dict):
            raise RecordShapeError(f"'images[{i}]' must be an object, not {_kind(image)}")
        for key in ("file", "alt"):
            if image.get(key) is not None:
                yield text_field(("images", i, key), f"images.{key}", image[key])
        for key in ("colors", "tags"):
            values = image.get(key) or []
            if not isinstance(values, list):
                raise RecordShapeError(f"'images[{i}].{key}' must be a list, not {_kind(values)}")
            for j, value in enumerate(values):
                yield text_field(("images", i, key, j), f"images.{key}", value)


def _source_of(originals: Any, key: PathKey) -> Optional[Original]:
    """A translated listing may carry its original: ``"source": {"title": "…", "bullets": […]}``
    mirrors the record's text keys, for checks across the pair (kinds.placeholders)."""
    value: Any = originals
    for part in key:
        if isinstance(value, dict) and isinstance(part, str):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return None
    return Original(value) if isinstance(value, str) else None


class _Lazy:
    """A locator built on first use: most fields never need one."""

    __slots__ = ("_factory", "_key", "_fn")

    def __init__(self, factory: LocatorFor, key: PathKey):
        self._factory, self._key, self._fn = factory, key, None

    def __call__(self, offset: int) -> tuple[int, int]:
        if self._fn is None:
            self._fn = self._factory(self._key) or (lambda _offset: (0, 0))
        return self._fn(offset)


class _LazyEncoder:
    """An encoder looked up on first use: only fields with a fix ever need one."""

    __slots__ = ("_factory", "_key", "_fn", "_resolved")

    def __init__(self, factory: EncoderFor, key: PathKey):
        self._factory, self._key, self._fn, self._resolved = factory, key, None, False

    def __call__(self, text: str) -> Optional[str]:
        return self._resolve()(text) if self._resolve() is not None else None

    def whole(self, value: str) -> Optional[str]:
        """The field's whole new value as the file writes it, where writing it whole is needed
        (an unquoted CSV cell that must take quotes); None: write each fix in its span."""
        whole = getattr(self._resolve(), "whole", None)
        return whole(value) if whole is not None else None

    def _resolve(self):
        if not self._resolved:
            self._fn, self._resolved = self._factory(self._key), True
        return self._fn


@functools.lru_cache(maxsize=4096)  # every record repeats the same few paths
def _path_name(key: PathKey) -> str:
    out = ""
    for part in key:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def _expect(obj: dict, key: str, kind: type, default: Any) -> Any:
    value = obj.get(key)
    if value is None:
        return default
    if not isinstance(value, kind):
        raise RecordShapeError(f"'{key}' must be {_article(kind)}, not {_kind(value)}")
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_KIND_NAMES = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}


def _article(kind: type) -> str:
    return _KIND_NAMES.get(kind, kind.__name__)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"
    return _KIND_NAMES.get(type(value), type(value).__name__)
