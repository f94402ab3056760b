"""A whole file that is one listing description (text, Markdown, HTML): one record, its market
from the flags, its id the file name."""
from __future__ import annotations

import os
from typing import Callable, Optional

import msgspec

from ...model import Record
from ..encoders import Encoder
from ..records import build_record

Locate = Callable[[int], tuple[int, int]]


def description_record(path: str, description: str, market, locale, *, locate: Locate, encoder: Encoder,
                       locate_end: Optional[Locate] = None, directives: tuple = ()) -> Record:
    """``locate`` maps an offset in ``description`` to the file's (line, column); ``locate_end``
    an end offset, where the end of a span maps differently (markup after the text)."""
    record = build_record(
        {"id": os.path.basename(path), "description": description},
        path=path, line=1, index=1, market=market, locale=locale,
        locator_for=lambda key: locate,
        end_locator_for=(lambda key: locate_end) if locate_end else None,
        encoder_for=lambda key: encoder,
    )
    return msgspec.structs.replace(record, directives=directives) if directives else record
