"""Which CSV column feeds which record field: the target grammar and the feed presets, as data.

A mapping is a plain ``{column header: target}`` dict, so ``--csv-map`` and a config file pass the
same thing. Headers compare loosely: case, spaces, hyphens and underscores do not matter
("Body (HTML)" == "body_(html)", "Bullet Point 1" == "bullet_point_1").

Targets:

- ``id``, ``title``, ``description``, ``market``, ``locale``
- ``bullets``: one bullet per line of the cell; ``bullets[]``: the column is the next bullet
  (``bullet_point1`` … ``bullet_point5``, in column order)
- ``attributes.NAME``
- ``price``: a price with or without currency ("15.00 USD", "24,99 €", "1.234,50"), parsed into
  amount and currency; kept as ``price.display`` when it cannot be parsed. ``price.amount``,
  ``price.currency``, ``price.display`` set one part.
- ``image.file``, ``image.alt``, ``image.tags``, ``image.colors``: the row's image (tags and colours
  comma-separated); every row adds at most one image to its record
- ``options[N].name`` / ``options[N].value``: Shopify's variant options; the value becomes the
  attribute the name says (Option1 Name "Color", Option1 Value "Purple" → ``attributes.color``)
- ``ignore``

Resolution, first hit wins: ``--csv-map`` → the preset's columns → the preset's ignore globs →
header synonyms (SYNONYMS: the markets' languages and common exports, "Produktname", "Pays
d'origine", "Selling Price"; compared without accents too) → canonical names (the targets above used as headers, ``bullet_N``, ``currency``) → any other
column becomes ``attributes.<header>``, so ``when`` conditions such as
``{attribute: country_of_origin}`` see it. Platform presets ignore their technical columns
(URLs, stock, flags, barcodes) so that they are not linted as copy.
"""
from __future__ import annotations

import fnmatch
import re
import unicodedata
from typing import Iterable, Mapping, Optional

import msgspec

_SIMPLE = {"id", "title", "description", "market", "locale", "bullets", "bullets[]", "price",
           "price.amount", "price.currency", "price.display", "image.file", "image.alt", "image.tags",
           "image.colors", "ignore", "_loclint"}  # _loclint: suppressions (loclint.suppressions)
_PATTERNS = re.compile(r"attributes\.[^\s.][^\s]*|options\[[1-9]\]\.(?:name|value)")
_BULLET_N = re.compile(r"bullet(?:_?point)?_?\d+")


def normalize(header: str) -> str:
    return re.sub(r"[\s\-_]+", "_", header.strip()).casefold()


def check_target(target: str) -> str:
    """The target if the grammar allows it; ValueError naming the allowed forms otherwise."""
    if target in _SIMPLE or _PATTERNS.fullmatch(target):
        return target
    raise ValueError(f"unknown CSV field {target!r} (use one of {', '.join(sorted(_SIMPLE))}, "
                     "attributes.NAME, options[N].name, options[N].value)")


def column_pair(text: str) -> tuple[str, str]:
    """``COLUMN=FIELD`` (a --csv-map value) as (column, target); ValueError naming the problem."""
    column, sep, target = text.partition("=")
    if not sep or not column.strip():
        raise ValueError(f"{text!r} is not COLUMN=FIELD")
    return column.strip(), check_target(target.strip())


def column_table(table: object) -> tuple[tuple[str, str], ...]:
    """A configuration's ``map = { column = field }`` as (column, target) pairs."""
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise ValueError("expected a table of column = field")
    pairs, problems = [], []
    for column, target in table.items():
        try:
            pairs.append((column, check_target(target)))
        except ValueError as exc:  # every bad column at once, each named
            problems.append(f"{column!r}: {exc}")
    if problems:
        raise ValueError("; ".join(problems))
    return tuple(pairs)


# Headers that name a field in the markets' languages (de, fr, pt, es, it, tr) and in common
# platform and marketplace exports. Data, not code: add a header here and it is mapped.
SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "title": ("Produktname", "Produkttitel", "Artikelname", "Titel", "Nom du produit", "Titre", "Nome do produto",
              "Título", "Nombre del producto", "Nome prodotto", "Titolo", "Ürün adı", "Product Name",
              "Product Title", "product"),
    "description": ("Beschreibung", "Produktbeschreibung", "Artikelbeschreibung", "Description du produit",
                    "Descrição", "Descripción", "Descrizione", "Açıklama", "Ürün açıklaması", "About Product",
                    "Product Description"),
    "attributes.country_of_origin": ("origin", "Herkunftsland", "Ursprungsland", "Herkunft", "Pays d'origine",
                                     "País de origem", "País de origen", "Paese di origine", "Country of Origin",
                                     "Menşei", "Menşe ülkesi"),
    "attributes.brand": ("brand", "Marke", "Marque", "Marca", "Marchio", "Marka", "Brand Name"),
    "attributes.manufacturer": ("manufacturer", "Hersteller", "Fabricant", "Fabricante", "Produttore", "Üretici"),
    "price": ("Preis", "Verkaufspreis", "Prix", "Preço", "Precio", "Prezzo", "Fiyat", "Selling Price",
              "sale_price"),
    "attributes.category": ("category", "Kategorie", "Catégorie", "Categoria", "Categoría", "Kategori",
                            "Product Category"),
}
COPY_TARGETS = ("title", "description", "bullets", "bullets[]")  # what the copy rules read


def _folded(key: str) -> str:
    """A normalised header without accents or typographic apostrophes: exports write "Categorie"
    for "Catégorie" and "Pays d’origine" for "Pays d'origine"."""
    decomposed = unicodedata.normalize("NFKD", key.replace("\u2019", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_SYNONYM_TARGETS = {_folded(normalize(header)): target for target, headers in SYNONYMS.items()
                    for header in headers}


def synonym(header: str) -> Optional[str]:
    """The target a header names in some language or export ("Herkunftsland"), or None."""
    return _SYNONYM_TARGETS.get(_folded(normalize(header)))


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class Preset(msgspec.Struct, frozen=True):
    name: str
    columns: Mapping[str, str] = msgspec.field(default_factory=dict)  # normalised header -> target
    ignore: tuple[str, ...] = ()  # globs over normalised headers
    signature: frozenset = frozenset()  # headers that identify the format (two are enough)


CANONICAL = Preset("canonical")

GOOGLE = Preset(
    "google",
    columns={
        "id": "id", "title": "title", "description": "description", "price": "price",
        "product_highlight": "bullets[]", "brand": "attributes.brand", "color": "attributes.color",
        "material": "attributes.material", "size": "attributes.size", "pattern": "attributes.pattern",
        # product_type is the merchant's own path and says more than Google's numeric-or-path id.
        "product_type": "attributes.category", "google_product_category": "attributes.category",
    },
    # Google feeds have no alt text, so image links are not images to check.
    ignore=("link", "mobile_link", "image_link", "additional_image_link", "lifestyle_image_link",
            "availability*", "condition", "gtin", "mpn", "identifier_exists", "item_group_id",
            "sale_price*", "shipping*", "tax*", "adult", "custom_label*", "ads_*", "expiration_date",
            "unit_pricing*", "multipack", "is_bundle", "max_handling_time", "min_handling_time",
            "excluded_destination", "included_destination", "product_detail"),
    signature=frozenset({"image_link", "google_product_category", "availability", "link", "gtin",
                         "item_group_id", "mpn", "identifier_exists"}),
)

SHOPIFY = Preset(
    "shopify",
    columns={
        "handle": "id", "title": "title", "body_(html)": "description", "vendor": "attributes.brand",
        "product_category": "attributes.category", "type": "attributes.category", "tags": "attributes.tags",
        "variant_price": "price.amount", "image_src": "image.file", "image_alt_text": "image.alt",
        "seo_title": "attributes.seo_title", "seo_description": "attributes.seo_description",
        **{f"option{n}_{part}": f"options[{n}].{part}" for n in (1, 2, 3) for part in ("name", "value")},
    },
    ignore=("published", "option*_linked_to", "variant_*", "image_position", "gift_card", "cost_per_item",
            "status", "google_shopping*", "price_/_*", "compare_at_price*", "included_/_*", "url"),
    signature=frozenset({"handle", "body_(html)", "variant_price", "image_src", "variant_sku", "vendor",
                         "option1_name"}),
)

AMAZON = Preset(
    "amazon",
    columns={
        "item_sku": "id", "item_name": "title", "product_description": "description",
        "brand_name": "attributes.brand", "manufacturer": "attributes.manufacturer",
        "color_name": "attributes.color", "size_name": "attributes.size", "material_type": "attributes.material",
        "standard_price": "price.amount", "currency": "price.currency", "generic_keywords": "attributes.keywords",
        "item_type": "attributes.category", "item_type_keyword": "attributes.category",
        "country_of_origin": "attributes.country_of_origin",
    },
    # Amazon flat files have image URLs but no alt text.
    ignore=("feed_product_type", "external_product_id*", "update_delete", "parent_child", "parent_sku",
            "relationship_type", "variation_theme", "quantity", "*image_url*", "recommended_browse_nodes",
            "item_package_quantity", "fulfillment_latency", "condition_type", "product_tax_code",
            "merchant_shipping_group_name", "list_price", "sale_price", "sale_from_date", "sale_end_date",
            "color_map", "size_map"),
    signature=frozenset({"item_sku", "item_name", "feed_product_type", "bullet_point1", "standard_price",
                         "external_product_id", "brand_name"}),
)

PRESETS = {preset.name: preset for preset in (CANONICAL, GOOGLE, SHOPIFY, AMAZON)}
PRESET_CHOICES = ("auto", *PRESETS)


def known_header(header: str) -> bool:
    """Whether some preset or the canonical names know this header (to find the header row)."""
    key = normalize(header)
    return (any(key in preset.columns for preset in PRESETS.values())
            or _canonical(key) is not None or synonym(key) is not None)


def detect_preset(headers: Iterable[str]) -> Preset:
    """The platform preset whose signature columns the headers show most (two at least), else canonical."""
    keys = {normalize(h) for h in headers}
    scored = [(len(preset.signature & keys), preset) for preset in (SHOPIFY, AMAZON, GOOGLE)]
    score, best = max(scored, key=lambda pair: pair[0])
    return best if score >= 2 else CANONICAL


def resolve(headers: list[str], preset: Preset, overrides: Optional[Mapping[str, str]] = None) -> list[str]:
    """The target of every column, in column order."""
    wanted = {normalize(column): check_target(target) for column, target in (overrides or {}).items()}
    return [_target(header, preset, wanted) for header in headers]


def _target(header: str, preset: Preset, wanted: Mapping[str, str]) -> str:
    key = normalize(header)
    if not key:
        return "ignore"
    if key in wanted:
        return wanted[key]
    if key in preset.columns:
        return preset.columns[key]
    if any(fnmatch.fnmatchcase(key, glob) for glob in preset.ignore):
        return "ignore"
    return synonym(key) or _canonical(key) or f"attributes.{key}"


def _canonical(key: str) -> Optional[str]:
    if key in _SIMPLE and key != "ignore":
        return key
    if _PATTERNS.fullmatch(key):
        return key
    if key.startswith("image_") and f"image.{key[6:]}" in _SIMPLE:  # image_alt, image_colors
        return f"image.{key[6:]}"
    if _BULLET_N.fullmatch(key):
        return "bullets[]"
    return {"currency": "price.currency", "image": "image.file", "alt": "image.alt"}.get(key)
