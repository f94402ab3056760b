"""Finding.of builds a finding without the frozen dataclass's __init__: it must give the object
the constructor gives, and the engine must hand it every field."""
import dataclasses
import pickle

from conftest import TODAY

from loclint.engine import Linter
from loclint.model import Finding, Severity, Source, Suggestion, Applicability
from loclint.readers.records import build_record

_NAMES = [f.name for f in dataclasses.fields(Finding)]


def test_of_equals_the_constructor():
    values = dict(rule="X1", name="n", severity=Severity.WARNING, message="m", path="p", record="r", field="title",
                  start=1, end=3, line=2, column=4, text="ab", suggestions=(Suggestion("c", Applicability.SAFE),),
                  source=Source("t"), market="DE", before="x", after="y", end_line=2, end_column=6)
    quick, built = Finding.of(**values), Finding(**values)
    assert quick == built and hash(quick) == hash(built) and vars(quick) == vars(built)
    assert pickle.loads(pickle.dumps(quick)) == built
    try:
        quick.rule = "Y"
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a finding built by Finding.of must stay frozen")


def test_engine_findings_carry_every_field(rulebook):
    linter = Linter(rulebook, day=TODAY)
    record = build_record({"id": "t", "market": "DE", "title": "Bester Preis: 24.99 € – 7 Zoll Tablet",
                           "description": "Jetzt kaufen!!! Mehr unter www.example.com"}, path="<test>", line=1, index=1)
    findings = linter.market("DE").lint(record)
    assert findings
    for finding in findings:
        assert sorted(vars(finding)) == sorted(_NAMES)
        assert finding == Finding(**{name: getattr(finding, name) for name in _NAMES})
