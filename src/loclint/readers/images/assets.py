"""Images and their metadata: an image file is a record with one image, described by a sidecar.

The sidecar sits next to the image: ``shoe.jpg.json`` (or ``.yaml``/``.yml``), or ``shoe.json``
beside ``shoe.jpg``. Its ``alt``, ``colors`` and ``tags`` describe the image; its other keys
(``id``, ``market``, ``locale``, ``title``, ``attributes`` …) belong to the record, so that
``{attributes: {category: Wedding Sarees}}`` lets category rules see what the image is for:

    {"alt": "Weißer Brautsari", "tags": ["saree", "wedding"], "attributes": {"category": "Sarees"}}

Without ``colors`` (no sidecar, or a sidecar without the key) the image's dominant colours are
worked out with Pillow (readers.images.colors), so colour rules run on bare images too. A record with
a sidecar takes the sidecar's path, because that is where its text lives: positions, and a
later write-back, point into it. A bare image's fields have no line (0).
"""
from __future__ import annotations

import os
import warnings
from typing import Any, Iterator, Optional

import yaml

from ...positions import LineIndex, PathKey, json_string_offset, json_value_positions
from .colors import ImageError, dominant_colors
from ..base import READ_WHOLE_MAX_BYTES, Item, ReadContext, Reader, Source
from ..decoding import decode
from ..discovery import unreadable
from ..errors import UnreadableInput
from ..json.parse import loads
from ..records import record_or_error

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
SIDECAR_SUFFIXES = (".json", ".yaml", ".yml")
IMAGE_KEYS = ("alt", "colors", "tags")


class ImageReader(Reader):
    """Images, and their sidecars (which the walk leaves to the image when it is there)."""

    name = "image"
    suffixes = IMAGE_SUFFIXES + SIDECAR_SUFFIXES

    def sniff(self, source: Source) -> bool:
        return source.path.lower().endswith(IMAGE_SUFFIXES) or image_for(source.path) is not None

    def read(self, source: Source, ctx: ReadContext) -> Iterator[Item]:
        return read(source.path, ctx.market, ctx.locale)

    def companion_of(self, path: str) -> Optional[str]:
        return image_for(path)

    def sources(self, path: str) -> list[str]:
        return source_files(path)


def sidecar_for(image: str) -> Optional[str]:
    """The metadata file next to ``image``, if there is one."""
    stem = os.path.splitext(image)[0]
    for base in (image, stem):
        for suffix in SIDECAR_SUFFIXES:
            if os.path.isfile(base + suffix):
                return base + suffix
    return None


def image_for(sidecar: str) -> Optional[str]:
    """The image a metadata file describes: ``shoe.jpg.json`` always names one (existing or not);
    ``shoe.json`` only when ``shoe.jpg`` (or another image of that name) is there."""
    stem, suffix = os.path.splitext(sidecar)
    if suffix.lower() not in SIDECAR_SUFFIXES:
        return None
    if stem.lower().endswith(IMAGE_SUFFIXES):
        return stem
    return next((stem + s for s in (*IMAGE_SUFFIXES, *(x.upper() for x in IMAGE_SUFFIXES))
                 if os.path.isfile(stem + s)), None)


def image_and_sidecar(path: str) -> tuple[Optional[str], Optional[str]]:
    """The image and the metadata file read together for ``path``, either of them; each may be
    missing (a bare image, a sidecar whose image is not there)."""
    if path.lower().endswith(IMAGE_SUFFIXES):
        return path, sidecar_for(path)
    return image_for(path), path


def source_files(path: str) -> list[str]:
    """The files reading ``path`` consults, ``path`` first: the image's pixels decide its colours."""
    return [path] + [f for f in image_and_sidecar(path) if f is not None and f != path and os.path.isfile(f)]

def read(path: str, market: Optional[str], locale: Optional[str]) -> Iterator[Item]:
    """``path`` is an image or its sidecar; either way the record is the image with its metadata."""
    image, sidecar = image_and_sidecar(path)
    meta, locator_for = {}, _no_position
    if sidecar is not None:
        meta, locator_for = _load_sidecar(sidecar)
    if not isinstance(meta, dict):
        raise UnreadableInput("image metadata must be an object with alt, colors, tags", 1, path=sidecar)
    entry: dict[str, Any] = {"file": os.path.basename(image)}
    entry.update({key: meta[key] for key in IMAGE_KEYS if key in meta})
    if "colors" not in meta and os.path.isfile(image):
        entry["colors"] = _colors_of(image)
    record = {key: value for key, value in meta.items() if key not in IMAGE_KEYS}
    record.setdefault("id", os.path.basename(image))
    record["images"] = [entry]
    yield record_or_error(record, path=sidecar or image, line=1, index=1, market=market, locale=locale,
                          locator_for=locator_for)


def _colors_of(image: str) -> list[str]:
    """The image's dominant colours; UnreadableInput naming it when Pillow cannot read it or its
    header declares more pixels than Pillow's bound (Image.MAX_IMAGE_PIXELS, about 89 Mpx):
    Image.open checks that from the header, so a decompression bomb is refused undecoded."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)  # Pillow warns up to twice the bound
        try:
            return dominant_colors(image)
        except ImageError as exc:
            raise UnreadableInput(str(exc), path=image) from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise UnreadableInput(f"the image declares more than {Image.MAX_IMAGE_PIXELS:,} pixels, too many to "
                                  "decode (a decompression bomb?); give its colors in a sidecar", path=image) from None


def _no_position(key: PathKey):
    return None


def _sidecar_key(key: PathKey) -> PathKey:
    """Where a record value sits in the sidecar: images[0].alt is the sidecar's top-level alt."""
    if key[:2] == ("images", 0):
        return key[2:]
    return key


def _load_sidecar(path: str):
    """(metadata, locator_for); UnreadableInput naming the sidecar when it cannot be read."""
    problem = unreadable(path, READ_WHOLE_MAX_BYTES)  # a walk yields the image, so discovery never checked it
    if problem:
        raise UnreadableInput(problem, path=path)
    try:
        with open(path, "rb") as handle:
            text = decode(handle.read())
    except UnreadableInput as exc:
        exc.path = path
        raise
    lines = LineIndex(text)
    if path.lower().endswith(".json"):
        try:
            meta = loads(text)
        except UnreadableInput as exc:
            exc.path = path
            raise
        positions = json_value_positions(text, len(text) - len(text.lstrip())) if isinstance(meta, dict) else {}

        def json_locator(key: PathKey):
            quote = positions.get(_sidecar_key(key))
            if quote is None or text[quote] != '"':
                return None
            return lambda offset: lines.position(json_string_offset(text, quote, offset))

        return meta, json_locator
    from ..yaml.yamldoc import _Loader, _scalar_locator, _scalar_nodes, check_aliases, not_yaml  # one implementation

    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            check_aliases(node)
        meta = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as exc:
        error = not_yaml(exc)
        error.path = path
        raise error from None
    except UnreadableInput as exc:
        exc.path = path
        raise
    finally:
        loader.dispose()
    nodes = _scalar_nodes(node) if node is not None else {}
    raw_lines = text.split("\n")

    def yaml_locator(key: PathKey):
        scalar = nodes.get(_sidecar_key(key))
        return _scalar_locator(scalar, raw_lines) if scalar is not None else None

    return meta, yaml_locator
