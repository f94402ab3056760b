"""Engine behaviour across rules: inflected triggers, quoted titles, metric values given, US units,
date-aware severity, rule selection, conditions on attributes, and the rewrites."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY

from loclint.cli import main
from loclint.engine import Linter
from loclint.model import Applicability, Finding, ReadError, Record, Severity
from loclint.readers import read_file
from loclint.readers.records import build_record

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
MAKER = "Hersteller: Beispiel GmbH, Musterstr. 1, 10115 Berlin, info@beispiel.example"


def record(market="DE", **obj):
    obj.setdefault("id", "t")
    obj["market"] = market
    return build_record(obj, path="<test>", line=1, index=1)


def lint(linter, market="DE", **obj):
    return linter.market(market).lint(record(market, **obj))


def spans(findings, rule):
    return [(f.field, f.start, f.end, f.text) for f in findings if f.rule == rule]


def fixture_findings(linter):
    out = []
    for path in sorted(FIXTURES.iterdir()):
        for item in linter.lint_stream(read_file(str(path), "DE")):
            if isinstance(item, Finding):
                out.append(item)
    return out


# --- inflection and quoting ------------------------------------------------------------------

@pytest.mark.parametrize("title, flagged", [
    ("Die besten Kopfhörer für unterwegs", "Die besten"),
    ("Das ist der beste Akku-Staubsauger", "der beste"),
    ("Das Beste für Ihr Kind", "Das Beste"),
    ("DIE BESTEN Töpfe", "DIE BESTEN"),
    ("Mit dem besten Klang", "dem besten"),
    # forms the trigger list does not spell out: found through the lemma tables / endings
    ("Die weltbesten Kopfhörer", "weltbesten"),
    ("Unsere meistverkauften Modelle", "meistverkauften"),
    ("Unübertroffene Qualität", "Unübertroffene"),
])
def test_superlative_fires_on_inflected_forms(linter, title, flagged):
    start = title.index(flagged)
    assert spans(lint(linter, title=title, description=MAKER), "DE001") == [
        ("title", start, start + len(flagged), flagged)]


@pytest.mark.parametrize("title", [
    "Roman „Mein bester Freund“ – Taschenbuch",
    "Roman „Die besten Jahre“ – Taschenbuch",
    "Roman »Die besten Jahre« – Taschenbuch",
    'Roman "Die besten Jahre" – Taschenbuch',
])
def test_quoted_titles_stay_quiet(linter, title):
    assert spans(lint(linter, title=title, description=MAKER), "DE001") == []


def test_quoting_keeps_only_the_quoted_words_quiet(linter):
    title = "Roman „Die besten Jahre“ – der beste Roman"
    unquoted = title.replace("„", "").replace("“", "")
    flagged = [s[3] for s in spans(lint(linter, title=unquoted, description=MAKER), "DE001")]
    assert flagged == ["Die besten", "der beste"]
    assert spans(lint(linter, title=title, description=MAKER), "DE001") == [
        ("title", title.index("der beste"), title.index("der beste") + 9, "der beste")]


# --- units -----------------------------------------------------------------------------------

MET_RULES = ("MET001", "MET002", "MET003", "MET004")


def test_imperial_with_its_metric_value_stays_quiet(linter):
    # A monitor is electrical equipment: the WEEE number keeps DE016 quiet too.
    weee = MAKER + " WEEE-Reg.-Nr. DE 12345678"
    assert [f.rule for f in lint(linter, title="Monitor 27 Zoll (68,6 cm), 4K UHD", description=weee)] == []
    assert spans(lint(linter, title="Monitor 27 Zoll, 4K UHD", description=MAKER), "MET001") == [
        ("title", 8, 15, "27 Zoll")]


def test_the_monitor_fixture_is_quiet_for_units_and_superlatives(linter):
    records = [r for r in read_file(str(FIXTURES / "listings-de.jsonl")) if isinstance(r, Record)]
    monitor = next(r for r in records if r.id == "DE-1006")
    assert [f.rule for f in linter.market("DE").lint(monitor)
            if f.rule.startswith("MET") or f.rule == "DE001"] == []


def test_a_metric_listing_is_quiet_for_unit_rules(linter):
    findings = lint(
        linter, title="Trinkflasche Edelstahl 750 ml, 0,75 l, 25 × 8 cm, 350 g",
        bullets=["Gewicht 1,2 kg", "Hält 12 Stunden bei 4 °C kalt", "Maße (B × T × H): 8 × 8 × 25 cm"],
        description=f"Fasst 750 ml. Kabel 1,5 m lang. {MAKER}",
        attributes={"dimensions": "8 × 8 × 25 cm", "weight": "350 g"})
    assert [f.rule for f in findings] == []


IMPERIAL = {
    "title": 'Standing Desk 47 x 24 x 30 inches, 12" monitor arm, 6 ft cable',
    "bullets": ["Holds 20 lbs per shelf", "Weighs 35 lb", "Bottle holds 24 fl oz", "Tank: 5 gallons",
                "Dishwasher safe up to 160 °F"],
    "description": "Made in USA. Ships in 2 boxes, 30 x 20 x 6 in.",
    "attributes": {"dimensions": "47 x 24 x 30 inches", "weight": "35 lbs", "country_of_origin": "US"},
}


def test_us_listings_keep_imperial_units(linter, rulebook):
    assert not [r.code for r in rulebook.rules_for("US") if r.code in MET_RULES]
    assert [f.rule for f in lint(linter, "US", **IMPERIAL)] == []
    # the same copy in Germany is flagged: the quiet US result is the market, not the text
    de_rules = {f.rule for f in lint(linter, "DE", **IMPERIAL)}
    assert {"MET001", "MET002"} <= de_rules


# --- dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize("day, severity", [
    ("2026-09-01", "warning"), ("2026-09-26", "warning"), ("2026-09-27", "error"), ("2026-10-01", "error"),
])
def test_green_claim_severity_follows_the_date(tmp_path, day, severity):
    path = tmp_path / "g.txt"
    path.write_text(f"Umweltfreundliche Trinkflasche\n{MAKER}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", "--market", "DE", "--date", day, str(path)])
    doc = json.loads(result.stdout)
    assert [(f["rule"], f["severity"], f["text"]) for f in doc["findings"]] == [
        ("EU001", severity, "Umweltfreundliche")]
    assert result.exit_code == 1  # a warning reaches the default --fail-on


def test_severity_on_the_rule_itself(rulebook):
    import datetime as dt

    rule = rulebook.find("EU001")
    assert rule.severity_on(dt.date(2026, 9, 26)) is Severity.WARNING
    assert rule.severity_on(dt.date(2026, 9, 27)) is Severity.ERROR


# --- selection -------------------------------------------------------------------------------

def test_select_a_prefix_keeps_only_those_rules(rulebook, linter):
    everything = {f.rule for f in fixture_findings(linter)}
    selected = {f.rule for f in fixture_findings(Linter(rulebook, day=TODAY, select=["DE"]))}
    assert selected == {code for code in everything if code.startswith("DE")}
    assert len(selected) >= 10


def test_ignore_a_prefix_drops_those_rules(rulebook, linter):
    everything = {f.rule for f in fixture_findings(linter)}
    kept = {f.rule for f in fixture_findings(Linter(rulebook, day=TODAY, ignore=["mp"]))}
    assert {"MP001", "MP004"} <= everything
    assert kept == {code for code in everything if not code.startswith("MP")}


def test_select_codes_and_names_through_the_cli():
    result = CliRunner().invoke(main, ["check", "--format", "json", "--date", TODAY.isoformat(),
                                       "--select", "DE001,MET001", "--select", "money-format", str(FIXTURES)])
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert rules == {"DE001", "MET001", "LOC001"}
    result = CliRunner().invoke(main, ["check", "--format", "json", "--date", TODAY.isoformat(),
                                       "--select", "DE", "--ignore", "DE001", str(FIXTURES)])
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert rules and all(r.startswith("DE") for r in rules) and "DE001" not in rules


# --- conditions on attributes ------------------------------------------------------------------

@pytest.mark.parametrize("attributes, fires", [
    ({"country_of_origin": "CN"}, True),
    ({"country_of_origin": "China"}, True),
    ({"country_of_origin": "DE"}, False),
    ({"country_of_origin": "Deutschland"}, False),
    ({}, False),
])
def test_made_in_germany_checks_the_origin(linter, attributes, fires):
    text = "Made in Germany – robustes Messer"
    findings = [f for f in lint(linter, description=f"{text}. {MAKER}", attributes=attributes) if f.rule == "DE004"]
    if not fires:
        assert findings == []
        return
    [f] = findings
    assert (f.field, f.start, f.end, f.text) == ("description", 0, 15, "Made in Germany")
    assert f.message == f"“Made in Germany”, but the listing's country of origin is {attributes['country_of_origin']}."
    assert [(s.replacement, s.applicability) for s in f.suggestions] == [("Designed in Germany", Applicability.UNSAFE)]


# --- rewrites --------------------------------------------------------------------------------

def test_money_format_rewrite(linter):
    findings = lint(linter, description=f"Jetzt nur 24.99 € inkl. MwSt. {MAKER}",
                    price={"amount": 24.99, "currency": "EUR", "display": "24.99 €"})
    rewrites = [(f.field, f.text, [(s.replacement, s.applicability) for s in f.suggestions])
                for f in findings if f.rule == "LOC001"]
    assert rewrites == [
        ("description", "24.99 €", [("24,99 €", Applicability.SAFE)]),
        ("price.display", "24.99 €", [("24,99 €", Applicability.SAFE)]),
    ]


def test_imperial_dimension_rewrite(linter):
    text = "Tischplatte 15 x 10 x 40 inches"
    [f] = [f for f in lint(linter, bullets=[text], description=MAKER) if f.rule == "MET001"]
    assert (f.field, f.start, f.end, f.text) == ("bullets[0]", 12, len(text), "15 x 10 x 40 inches")
    assert [(s.replacement, s.applicability) for s in f.suggestions] == [
        ("38,1 × 25,4 × 101,6 cm (15 x 10 x 40 inches)", Applicability.SAFE)]
    assert f.message == ("“15 x 10 x 40 inches” gives a size in imperial units only; put the metric value first: "
                         "“38,1 × 25,4 × 101,6 cm (15 x 10 x 40 inches)”.")


# --- the stream ------------------------------------------------------------------------------

def test_stream_yields_findings_then_their_record_and_errors_in_order(linter):
    items = [
        record(title="Die besten Töpfe", description=MAKER, id="a"),
        ReadError("<test>", 2, "not JSON"),
        build_record({"id": "b", "title": "x"}, path="<test>", line=3, index=3),  # no market
    ]
    out = list(linter.lint_stream(items))
    assert [type(i).__name__ for i in out] == ["Finding", "Record", "ReadError", "ReadError"]
    assert (out[0].rule, out[0].record, out[0].market) == ("DE001", "a", "DE")
    assert out[3].message == 'record b has no market; add "market" to it or pass --market'
    assert (out[3].line, out[3].record, out[3].whole_file) == (3, "b", False)


def test_record_level_finding_points_at_the_record(linter):
    [f] = [f for f in lint(linter, title="Kopfhörer", description="Kabellos, 30 Stunden Akku.",
                           price={"amount": 59.99, "currency": "EUR"}) if f.rule == "EU007"]
    assert (f.field, f.start, f.end, f.text, f.line, f.column) == (None, None, None, "", 1, 1)


# --- which checkers a record meets (MarketLinter._checkers_for) ---------------------------------

def test_a_field_scoped_checker_meets_only_records_with_a_field_it_covers(linter, monkeypatch):
    from loclint.kinds.companion import CompanionChecker
    from loclint.kinds.required import RequiredChecker

    market = linter.market("DE")
    met = []
    for cls in (CompanionChecker, RequiredChecker):
        monkeypatch.setattr(cls, "check", lambda self, ctx, _check=cls.check: met.append(type(self)) or _check(self, ctx))
    market.lint(record(title="Rucksack"))
    assert met == [RequiredChecker]  # no image, no companion; a record-level kind judges every record
    met.clear()
    assert not record(price={"amount": 10}).fields
    findings = market.lint(record(price={"amount": 10}))
    assert met == [RequiredChecker] and findings  # a record with no text still lacks what it must say
    met.clear()
    findings = market.lint(record(title="Rucksack", images=[{"file": "a.jpg"}]))
    assert set(met) == {CompanionChecker, RequiredChecker}
    assert "AST001" in {f.rule for f in findings}


def test_skipping_checkers_never_hides_a_finding(monkeypatch):
    """Every rule's examples, the fixtures and a sample of the corpus, with every checker asked."""
    from loclint.engine import MarketLinter
    from loclint.examples import example_record

    linter = Linter(day=TODAY)
    records = [example_record(example, example.market or linter.rulebook.example_market(rule))
               for rule in linter.rulebook.all_rules() for example in [*rule.invalid, *rule.valid]]
    for path in sorted(FIXTURES.iterdir()):
        records += [item for item in read_file(str(path), "DE") if isinstance(item, Record)]
    corpus = ROOT.parent / "shared" / "corpus" / "listings-real.jsonl"
    if corpus.exists():
        records += [item for i, item in enumerate(read_file(str(corpus))) if i % 5 == 0 and isinstance(item, Record)]

    def findings(linter):
        out = []
        for r in records:
            result = linter.lint_record(r)
            out.append([(f.rule, f.field, f.start, f.end, f.message) for f in result]
                       if isinstance(result, list) else result.message)
        return out

    skipping = findings(linter)
    skipped = sum(len(m.checkers) - len(m._checkers_for(r)) for r in records if r.market in linter._markets
                  for m in [linter._markets[r.market]])
    assert skipped > 1000 and sum(len(f) for f in skipping if isinstance(f, list)) > 1000
    monkeypatch.setattr(MarketLinter, "_checkers_for", lambda self, record: self.checkers)
    assert findings(Linter(day=TODAY)) == skipping
