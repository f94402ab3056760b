"""A safe fix can never corrupt a listing: the invariants (loclint.fixsafety), rounds that
cannot compound (loclint.fixrounds), context that is not a quantity, money fixes only on one
amount. Each case is a rewrite `--fix` once wrote, or would write, without these checks."""
import dataclasses
import json
from decimal import Decimal

import pytest
from conftest import TODAY, runner

import loclint
from loclint import fixsafety
from loclint.cli import main
from loclint.engine import Linter
from loclint.fixrounds import Ledger
from loclint.model import Applicability, Suggestion
from loclint.rulebook import load_rulebook
from loclint.writeback import fix_file


def _lint(title, market="DE", prefix="", **record):
    found = loclint.lint([{"id": "a", "market": market, "title": title, **record}], date=TODAY)
    return [f for f in found if f.rule.startswith(prefix)]


def _fix(linter, tmp_path, title, market="DE", **record):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "market": market, "title": title, **record}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    result = fix_file(linter, str(feed))
    assert result.error is None
    return json.loads(feed.read_text(encoding="utf-8"))["title"], result


# 1. The invariants

@pytest.mark.parametrize("text, start, end", [
    ("Ring 3-1/2 Zoll", 9, 15),  # "2 Zoll" out of the fraction "3-1/2"
    ("Preis 1.234,5 €", 8, 15),  # "234,5 €" out of "1.234,5"
    ("Kabel USB-C 3 ft", 10, 16),  # "C 3 ft" out of "USB-C"
    ("Typ AX15 inch", 6, 13),  # "15 inch" out of a model code
    ("Kabel 6 ft-Verlängerung", 6, 10),  # ends inside a compound
])
def test_a_span_that_splits_a_token_is_named(text, start, end):
    assert fixsafety.splits_token(text, start, end) is not None


@pytest.mark.parametrize("text, start, end", [
    ("Kabel, 6 ft lang", 7, 11),
    ("Screen: 15.6 in.", 8, 15),
    ("Preis:24.99 €", 6, 13),
    ("(8 inch x 10 inch)", 1, 17),
])
def test_a_span_on_token_boundaries_passes(text, start, end):
    assert fixsafety.splits_token(text, start, end) is None


def test_a_replacement_that_runs_into_its_neighbour_is_named():
    # "99 $" rewritten "$99" right before "39.95" would read "$9939.95"
    assert "run into" in fixsafety.disturbs_neighbours("$ 19 99 $39.95", 5, 9, "$99")
    assert fixsafety.disturbs_neighbours("Jetzt 24.99 € kaufen", 6, 13, "24,99 €") is None


def test_rounding_is_decimal_half_up():
    assert fixsafety.round_half_up(Decimal("2.5") * Decimal("2.54"), 1) == Decimal("6.4")  # float gives 6.3
    assert fixsafety.same_quantity(["6,3"], "de_DE", [Decimal("6.35")], [1]) == "“6,3” reads as 6.3, not 6.4"
    assert fixsafety.same_quantity(["6,4"], "de_DE", [Decimal("6.35")], [1]) is None


@pytest.mark.parametrize("title, replacement", [
    ("Rohr 2.5″ breit", "6,4 cm (2.5″)"),  # 6.35 half-up
    ("Schlauch 2.25 inch", "5,72 cm (2.25 inch)"),  # written to the hundredth: kept to it
    ("Hantel 12.75 lb", "5,783 kg (12.75 lb)"),  # four significant digits, not three
    ("Rohr 1.3779535 inch", "3,5 cm (1.3779535 inch)"),  # at most one decimal more than the rule's
])
def test_conversions_round_half_up_to_the_originals_precision(title, replacement):
    [finding] = _lint(title, prefix="MET")
    assert finding.suggestions[0].replacement == replacement
    assert finding.suggestions[0].applicability is Applicability.SAFE


@pytest.mark.parametrize("title", ["Kabel 1234567890123456789012345678901 inch", "Bei 99999999999999999999999999999°F"])
def test_an_absurdly_long_number_is_no_quantity_and_no_crash(title):
    assert _lint(title, prefix="MET") == []


def test_english_copy_in_a_german_market_gets_english_numbers():
    description = "A car radio with a nine inch touch screen, Bluetooth and two USB ports. It fits most cars."
    [finding] = _lint("9 inch car radio", description=description, prefix="MET")
    assert finding.suggestions[0].replacement == "22.9 cm (9 inch)"


def test_german_copy_keeps_the_german_decimal_comma():
    [finding] = _lint("Autoradio mit 9 Zoll Bildschirm", locale="de-DE", prefix="MET")
    assert finding.suggestions[0].replacement == "22,9 cm (9 Zoll)"


def test_a_fix_that_splits_a_token_is_demoted_with_the_reason_and_still_reported():
    [finding] = _lint("Kabel, 6 ft-Verlängerung", prefix="MET")
    assert finding.suggestions[0].applicability is Applicability.DISPLAY
    assert "Not fixed automatically: the rewrite would split “ft-Verlängerung”." in finding.message


# 3. Context that is not a quantity

@pytest.mark.parametrize("title, replacement", [
    ("Ring 3-1/2 Zoll", "8,9 cm (3-1/2 Zoll)"),  # was "3-1/5,1 cm (2 Zoll)"
    ("Schlauch 1/2 inch", "1,3 cm (1/2 inch)"),
    ("Schlauch 3 1/2 inch", "8,9 cm (3 1/2 inch)"),
    ("Größe 6-7 inches", "15,2–17,8 cm (6-7 inches)"),  # one conversion of the range
    ("Maße 15 x 10 x 40 inches", "38,1 × 25,4 × 101,6 cm (15 x 10 x 40 inches)"),
])
def test_fractions_ranges_and_dimensions_convert_as_one_quantity(title, replacement):
    [finding] = _lint(title, prefix="MET")
    assert finding.suggestions[0].replacement == replacement


@pytest.mark.parametrize("title", [
    "Domlur 100 Feet Road, Bangalore",  # was "30.48 m (100 Feet) Road"
    "Shop at 5 Feet Lane",
    "Modell X-15 inch Serie",  # a model code
    "Maßstab 1:12 inch Modell",  # a scale
    "Übersetzung 5.2:1 in Getriebe",
])
def test_names_codes_and_ratios_are_not_quantities(title):
    assert _lint(title, prefix="MET") == []


# 4. Money: one amount, or advice only

def test_a_garbled_price_gets_advice_naming_what_looks_wrong():
    [finding] = _lint("$ 19 99 $39.95", market="US", prefix="LOC001")
    assert finding.suggestions[0].applicability is Applicability.DISPLAY
    assert "“19 99 $39” holds more than one number" in finding.message


def test_a_price_beside_other_words_and_numbers_is_still_fixed():
    [finding] = _lint("Jetzt 24.99 € 3 Stück", prefix="LOC001")
    assert finding.suggestions[0].applicability is Applicability.SAFE


def test_the_garbled_price_is_never_written_into_a_larger_one(linter, tmp_path):
    fixed, result = _fix(linter, tmp_path, "$ 19 99 $39.95", market="US")
    assert fixed == "$ 19 99 $39.95"  # once "$ 19 $9,939.95"


@pytest.mark.parametrize("title, fixed", [
    ("Ring 3-1/2 Zoll", "Ring 8,9 cm (3-1/2 Zoll)"),
    ("Domlur 100 Feet Road", "Domlur 100 Feet Road"),
    ("Rohr 2.5″ breit", "Rohr 6,4 cm (2.5″) breit"),
])
def test_fix_writes_the_safe_rewrite_and_a_second_fix_changes_nothing(linter, tmp_path, title, fixed):
    assert _fix(linter, tmp_path, title)[0] == fixed
    again, result = _fix(linter, tmp_path, fixed)
    assert again == fixed and result.applied == 0


# 2. Rounds that cannot compound

GROWING = """\
rules:
  - code: TEAM001
    name: version-prefix
    kind: pattern
    severity: info
    fields: [text]
    message: "“{match}”: write “{replacement}”."
    why: a rule whose rewrite holds a new match of itself
    source: {title: Team style guide, url: "https://example.org/style", grade: K}
    fix: safe
    pattern: '\\bv(?P<n>\\d)\\b'
    replacement: 'v v\\g<n>'
    examples:
      invalid: ["Firmware v2"]
      valid: ["Firmware 2"]
"""


def test_a_later_round_never_rewrites_a_rules_own_rewrite_and_says_so(tmp_path):
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "growing.yml").write_text(GROWING, encoding="utf-8")
    linter = Linter(load_rulebook(extra=(tmp_path / "team",)), day=TODAY, select=["TEAM001"])
    fixed, result = _fix(linter, tmp_path, "Firmware v2")
    assert fixed == "Firmware v2"  # not ten rounds of "v v v v ... v2": the rewrite is undone
    assert result.converged and result.applied == 0
    assert result.refused == ["1:50: TEAM001 “v2” not fixed: its rewrite made TEAM001 fire again on its own "
                              "text, so it was undone"]


def _at(finding, start, end, rule="MET001"):
    return dataclasses.replace(finding, start=start, end=end, rule=rule,
                               suggestions=(Suggestion("x" * (end - start + 3), Applicability.SAFE),))


def test_the_ledger_follows_the_edits_and_keeps_later_rounds_inside_the_flagged_text():
    [finding] = _lint("Kabel, 6 ft lang", prefix="MET")
    ledger = Ledger()
    key = (0, "title")
    ledger.flag(key, [_at(finding, 10, 20)])
    ledger.started = True
    ledger.applied(key, [_at(finding, 12, 14)])  # 2 characters became 5: the flagged span is now 10-23
    assert ledger.refusal(key, _at(finding, 20, 23, rule="DE014")) is None
    assert ledger.refusal(key, _at(finding, 0, 5, rule="DE014")) == \
        "the text it would change was not flagged before --fix began"
    assert ledger.refusal(key, _at(finding, 12, 17)) == \
        "it would rewrite again what MET001 wrote in an earlier round"
    assert ledger.refusal(key, _at(finding, 12, 17, rule="DE014")) is None  # another rule's: fine


def test_fix_reports_what_it_refused_on_the_command_line(tmp_path, monkeypatch):
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "growing.yml").write_text(GROWING, encoding="utf-8")
    (tmp_path / "loclint.toml").write_text('rulesets = ["team"]\nselect = ["TEAM001"]\n', encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "market": "DE", "title": "Firmware v2"}\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner().invoke(main, ["check", "--fix", "--no-cache", "--date", TODAY.isoformat(), "--fail-on", "never",
                                    "feed.jsonl"])
    assert "feed.jsonl:1:50: TEAM001 “v2” not fixed: its rewrite made TEAM001 fire again" in result.stderr
    assert "loclint: fixed 0 finding(s)" in result.stderr
    assert feed.read_text(encoding="utf-8") == '{"id": "a", "market": "DE", "title": "Firmware v2"}\n'


@pytest.mark.parametrize("title", ["Bolster cover 30 inch (60 cm), cotton", "Kissenbezug 16 Zoll / 50 cm"])
def test_an_imperial_size_beside_a_metric_one_that_disagrees_is_not_fixed(title):
    # Two sizes that disagree are a question for a person: a third figure would not answer it.
    (finding,) = _lint(title, market="IN" if "cover" in title else "DE", prefix="MET001")
    assert [s.applicability for s in finding.suggestions] == [Applicability.DISPLAY]
    assert finding.message.endswith("Not fixed automatically: a metric figure beside it gives another value.")


def test_an_imperial_size_with_no_metric_figure_beside_it_stays_safe():
    (finding,) = _lint("Bolster cover 30 inch, cotton", market="IN", prefix="MET001")
    assert [s.applicability for s in finding.suggestions] == [Applicability.SAFE]


def _disturbs_over_whole_text(text, start, end, replacement):
    """disturbs_neighbours as first written: every token of the field compared."""
    tokens = fixsafety._TOKEN.findall
    prefix, suffix = text[:start], text[end:]
    return tokens(prefix + replacement + suffix) != tokens(prefix) + tokens(replacement) + tokens(suffix)


def test_disturbs_neighbours_compares_only_up_to_whitespace_as_the_whole_text_would():
    import random

    rng = random.Random(17)
    alphabet = "ab7 9.,:/'’-_x\u00a0\t\n3\u2009É"
    disturbed = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        replacement = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5)))
        expected = _disturbs_over_whole_text(text, start, end, replacement)
        assert (fixsafety.disturbs_neighbours(text, start, end, replacement) is not None) == expected, \
            (text, start, end, replacement)
        disturbed += expected
    assert 1000 < disturbed < 19000  # both answers were met often
