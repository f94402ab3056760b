"""Record conditions (ruleset/conditions.py): what each target reads."""
import pytest

from loclint.readers.records import build_record
from loclint.ruleset.conditions import parse_condition
from loclint.context import RecordContext
from loclint.kinds.gate import Gate


def view(**obj):
    record = build_record({"id": "t", "market": "BR", **obj}, path="<test>", line=1, index=1)
    return RecordContext(record, None, Gate())


def test_a_title_condition_reads_the_title_only():
    condition = parse_condition({"title": r"^\W*capas?\b"})
    assert condition.holds(view(title="Capa de silicone para Galaxy", description="x"))
    # Not the description, not the category, not a word inside the title.
    assert not condition.holds(view(title="Fone Bluetooth", description="Capa inclusa",
                                     attributes={"category": "Capas"}))
    assert not condition.holds(view(title="Capacete de ciclismo"))
    assert not condition.holds(view(description="Capa de silicone"))


def test_a_title_condition_takes_no_other_key():
    with pytest.raises(ValueError):
        parse_condition({"title": "capa", "text": "x"})
