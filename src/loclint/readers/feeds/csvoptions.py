"""The CSV reader's options (--csv-preset, --csv-map, [csv]), apart from the reader: the table of
options and the command line's flags read them at start-up, and a run over other formats need
not import the CSV reader for them (readers.registry).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from . import csvmap
from ..optionspec import option


def _one_character(value: object) -> str:
    if not (isinstance(value, str) and len(value) == 1):
        raise ValueError("expected one character, e.g. \";\"")
    return value


@dataclass(frozen=True)
class CsvOptions:
    """--csv-preset, --csv-map and the configuration's [csv] table (readers.optionspec)."""

    preset: str = field(default="auto", metadata=option(
        "Column layout of CSV/TSV feeds; auto detects Google, Shopify and Amazon from the headers",
        choices=csvmap.PRESET_CHOICES))
    map: tuple[tuple[str, str], ...] = field(default=(), metadata=option(
        "Read a CSV column as this field (title, description, bullets[], attributes.NAME, price, image.alt, "
        "ignore, ...); overrides the preset",
        metavar="COLUMN=FIELD", from_flag=csvmap.column_pair, from_config=csvmap.column_table,
        example={"Produktname": "title"}))
    delimiter: Optional[str] = field(default=None, metadata=option(
        "Cell delimiter, one character (comma, semicolon, tab and | are sniffed)",
        from_config=_one_character, flag=False, default_doc="sniffed; tab for .tsv", example=";"))
