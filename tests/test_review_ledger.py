"""The review ledger (review/README.md): the committed snapshot, ledger, seal and README precision
block agree with each other; where the corpus is present, the code's findings equal the
snapshot; and the tool's own logic, on small made-up data."""
from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REVIEW = ROOT / "review"
CORPORA = [ROOT.parent / "shared" / "corpus", Path("/work/shared/corpus")]
REDO = ("run, from the repository root: python review/ecosystem.py check (what changed), snapshot, "
        "sample (judge what it lists, then merge), prune, seal, precision; see review/README.md")


sys.path.insert(0, str(REVIEW))
import ledger as L  # noqa: E402  (review/ledger.py: plain data, no loclint)


def _ecosystem():
    """review/ecosystem.py (it lints with the loclint the suite imports)."""
    import ecosystem

    return ecosystem


def _lines(name: str) -> list[dict]:
    path = REVIEW / name
    return L.read_jsonl(path.read_text(encoding="utf-8")) if path.exists() else []


@pytest.fixture(scope="module")
def entries():
    return L.read_snapshot((REVIEW / "snapshot.tsv").read_text(encoding="utf-8"))[1]


@pytest.fixture(scope="module")
def ledger():
    return _lines("ledger.jsonl")


# The committed data ------------------------------------------------------------------------------

def test_the_ledger_is_well_formed_sorted_and_without_duplicates(ledger):
    assert ledger, "review/ledger.jsonl is empty"
    assert L.ledger_problems(ledger) == []


def test_the_misses_are_well_formed():
    assert L.misses_problems(_lines("misses.jsonl")) == []


def test_every_judgement_names_a_finding_of_the_snapshot_with_the_same_text(entries, ledger):
    stale = [p for p in L.coverage_problems(entries, ledger) if p.startswith("ledger line")]
    assert stale == [], f"judgements of findings that are gone or changed: {REDO}"


def test_every_rule_that_fires_has_its_judgements(entries, ledger):
    short = [p for p in L.coverage_problems(entries, ledger) if not p.startswith("ledger line")]
    assert short == [], f"rules short of judgements: {REDO}"


def test_the_snapshot_is_the_one_the_ledger_was_sealed_with():
    sealed = (REVIEW / "reviewed.sha256").read_text(encoding="utf-8").split()[0]
    actual = hashlib.sha256((REVIEW / "snapshot.tsv").read_bytes()).hexdigest()
    assert actual == sealed, f"review/snapshot.tsv changed since the ledger was sealed: {REDO}"


def test_the_readme_precision_block_is_what_the_ledger_says(entries, ledger):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    expected = L.precision_markdown(entries, ledger, _lines("misses.jsonl"))
    assert L.current_block(readme) == expected, "README's precision block is stale: python review/ecosystem.py precision"


# The code against the corpus ---------------------------------------------------------------------

def test_a_fresh_snapshot_of_the_code_equals_the_committed_one():
    corpus = next((c for c in CORPORA if (c / "listings-real.jsonl").exists()), None)
    if corpus is None:
        pytest.skip("no corpus at ../shared/corpus or /work/shared/corpus")
    ecosystem = _ecosystem()
    began = time.perf_counter()
    fresh = ecosystem.snapshot_text(corpus)
    took = time.perf_counter() - began
    committed = (REVIEW / "snapshot.tsv").read_text(encoding="utf-8")
    if fresh != committed:
        old = L.read_snapshot(committed)[1]
        new = L.read_snapshot(fresh)[1]
        counts = {rule: (len(L.by_rule(old).get(rule, [])), len(L.by_rule(new).get(rule, [])))
                  for rule in sorted(set(L.by_rule(old)) | set(L.by_rule(new)))}
        changed = {rule: f"{a} -> {b}" for rule, (a, b) in counts.items() if a != b}
        pytest.fail(f"the code's findings on the corpus differ from review/snapshot.tsv "
                    f"({len(set(new) - set(old))} new, {len(set(old) - set(new))} gone; counts {changed}): {REDO}")
    assert took < 120, f"the corpus run took {took:.0f} s; it is meant to take seconds"  # about 5 s


# The tool's logic, on made-up data --------------------------------------------------------------

def entry(rule="XX001", catalogue="a.jsonl", record="r1", field="title", span=(0, 4), text="Best"):
    return L.Entry(catalogue, record, rule, field, span, L.text_sha(text))


def test_text_sha_is_the_first_12_hex_digits_of_the_utf8_sha256():
    assert L.text_sha("") == "e3b0c44298fc"  # record-level findings flag no text
    assert L.text_sha("Größte") == hashlib.sha256("Größte".encode("utf-8")).hexdigest()[:12]


def test_the_sample_order_hashes_the_key_as_the_ledger_format_says():
    e = entry(span=(3, 9))
    key = json.dumps(["a.jsonl", "r1", "XX001", "title", [3, 9]])
    assert L.sample_order(e) == hashlib.sha256(("loclint-ledger-1|" + key).encode()).hexdigest()
    record_level = entry(field=None, span=None, text="")
    key = json.dumps(["a.jsonl", "r1", "XX001", None, None])
    assert L.sample_order(record_level) == hashlib.sha256(("loclint-ledger-1|" + key).encode()).hexdigest()


def test_the_sample_goes_round_robin_over_catalogues():
    found = [entry(catalogue="a.jsonl", record=f"a{i}") for i in range(8)] + [entry(catalogue="b.po", record="b0")]
    order = L.stratified(found)
    assert [e.catalogue for e in order[:3]] == ["a.jsonl", "b.po", "a.jsonl"]
    assert len(L.sample(found, size=4)["XX001"]) == 4
    assert len(L.sample(found[:3])["XX001"]) == 3  # all of them when fewer than 10


def test_the_sample_is_stable_when_other_findings_come_and_go():
    old = [entry(record=f"r{i}") for i in range(30)]
    new = old[5:] + [entry(record=f"n{i}") for i in range(30)] + [entry(rule="YY002")]
    kept = [e for e in L.stratified(new) if e in old]
    assert kept == [e for e in L.stratified(old) if e in new]
    assert L.sample(new)["XX001"] == L.stratified([e for e in new if e.rule == "XX001"])[:10]


def test_to_judge_is_the_sample_minus_the_judged_findings_with_the_same_text():
    found = [entry(record=f"r{i}") for i in range(12)]
    first, second = L.sample(found)["XX001"][:2]
    ledger = [L.ledger_line(first, "true", "fine"),
              {**L.ledger_line(second, "false", "other text"), "text_sha": "000000000000"}]
    wanted = L.to_judge(found, ledger)["XX001"]
    assert first not in wanted and second in wanted and len(wanted) == 9


def test_a_snapshot_survives_writing_and_reading(tmp_path):
    found = [entry(), entry(record=None, field=None, span=None, text=""),
             entry(rule="AB012", catalogue="translations/x.po", record='Say "hi"\tthere', field="msgstr")]
    text = L.write_snapshot(found, "2026-01-01")
    header, back = L.read_snapshot(text)
    assert sorted(back, key=L.entry_order) == sorted(found, key=L.entry_order)
    assert header["lint date"] == "2026-01-01" and header["XX001"] == "2" and header["AB012"] == "1"
    assert text == L.write_snapshot(reversed(found), "2026-01-01")  # the order is the file's, not the run's
    with pytest.raises(ValueError, match="counts"):
        L.read_snapshot(text.replace("# XX001\t2", "# XX001\t3"))


def test_misses_problems_are_named():
    miss = {"catalogue": "a.jsonl", "record": "r1", "field": None, "rule": "NEW:x", "reason": "y", "found_in": "random-20"}
    assert L.misses_problems([miss]) == []
    assert "found_in" in " ".join(L.misses_problems([{**miss, "found_in": "somewhere"}]))
    assert "strings or null" in " ".join(L.misses_problems([{**miss, "record": 7}]))
    assert "expected exactly" in " ".join(L.misses_problems([{**miss, "text": "corpus text"}]))
    assert "not sorted" in " ".join(L.misses_problems([{**miss, "record": "r2"}, miss]))


def test_ledger_problems_are_named():
    e, d = entry(), entry(record="r2")
    good = [L.ledger_line(e, "true", "a claim"), L.ledger_line(d, "doubtful", "unsettled", lean="false")]
    assert L.ledger_problems(good) == []
    assert "not sorted" in " ".join(L.ledger_problems(good[::-1]))
    assert "judged 2 times" in " ".join(L.ledger_problems([good[0], good[0]]))
    bad = {
        "lean goes only": {**good[0], "lean": "true"},
        "needs lean": {k: v for k, v in good[1].items() if k != "lean"},
        "verdict must": {**good[0], "verdict": "yes"},
        "kind is 'record'": {**good[0], "kind": "record"},
        "text_sha": {**good[0], "text_sha": "XYZ"},
        "fields": {**good[0], "text": "corpus text"},
        "reason": {**good[0], "reason": ""},
    }
    for problem, line in bad.items():
        assert problem in " ".join(L.ledger_problems([line])), problem


def test_coverage_wants_min_10_per_rule_and_no_judgement_outside_the_snapshot():
    many = [entry(record=f"r{i}") for i in range(15)]
    few = [entry(rule="YY002", record=f"r{i}") for i in range(3)]
    ledger = sorted([L.ledger_line(e, "true", "ok") for e in L.sample(many)["XX001"][:9]]
                    + [L.ledger_line(e, "false", "no") for e in few], key=L.line_order)
    assert L.coverage_problems(many + few, ledger) == ["XX001: 9 of 10 judged (15 findings)"]
    extra = [e for e in many if e not in L.sample(many)["XX001"]][0]  # outside the sample counts too
    assert L.coverage_problems(many + few, ledger + [L.ledger_line(extra, "true", "ok")]) == []
    gone = L.ledger_line(entry(record="gone"), "true", "ok")
    changed = {**L.ledger_line(many[0], "true", "ok"), "text_sha": "000000000000"}
    problems = L.coverage_problems(many, [gone, changed])
    assert any("gone" in p for p in problems) and any("changed" in p for p in problems)


def test_precision_is_true_over_true_plus_false_and_the_false_rate_false_over_judged():
    found = [entry(record=f"r{i}") for i in range(6)] + [entry(rule="YY002", record="x", field=None, span=None, text="")]
    verdicts = ["true", "true", "true", "false", "doubtful"]
    ledger = [L.ledger_line(e, v, "r", lean="true" if v == "doubtful" else None) for e, v in zip(found, verdicts)]
    ledger.append(L.ledger_line(found[-1], "false", "the record has it"))
    rules, kinds = L.tallies(found, ledger)
    assert (rules["XX001"].findings, rules["XX001"].judged, rules["XX001"].precision) == (6, 5, 0.75)
    assert kinds["wording"].false_rate == 0.2 and kinds["record"].false_rate == 1.0
    block = L.precision_markdown(found, ledger, [])
    assert "| XX001 | 6 | 5 | 3 | 1 | 1 | 75 % |" in block
    assert "| YY002 | 1 | 1 | 0 | 1 | 0 | 0 % |" in block
    assert "wording findings (a span of text): **20.0 %** (1 false, 1 doubtful of 5 judged" in block
    assert "| – |" in L.precision_markdown(found, [], [])  # nothing decided: no precision


def test_the_readme_block_is_replaced_between_its_markers():
    document = f"# Title\n\n{L.START}\nold\n{L.END}\n\nrest\n"
    replaced = L.replace_block(document, "new\n")
    assert replaced == f"# Title\n\n{L.START}\nnew\n{L.END}\n\nrest\n"
    assert L.current_block(replaced) == "new\n"
    with pytest.raises(ValueError):
        L.replace_block("no markers", "x")


def test_merge_seal_and_precision_work_on_files(tmp_path, monkeypatch, capsys):
    ecosystem = _ecosystem()
    paths = {name: tmp_path / file for name, file in (("SNAPSHOT", "snapshot.tsv"), ("LEDGER", "ledger.jsonl"),
             ("MISSES", "misses.jsonl"), ("SEAL", "reviewed.sha256"), ("README", "README.md"))}
    for name, path in paths.items():
        monkeypatch.setattr(ecosystem, name, path)
    monkeypatch.setattr(ecosystem, "ROOT", tmp_path)
    found = [entry(record=f"r{i}") for i in range(3)]
    paths["SNAPSHOT"].write_text(L.write_snapshot(found, "2026-01-01"), encoding="utf-8")
    paths["README"].write_text(f"intro\n{L.START}\n{L.END}\n", encoding="utf-8")
    judge1, judge2, misses = tmp_path / "j1.jsonl", tmp_path / "j2.jsonl", tmp_path / "m.jsonl"
    judge1.write_text(L.write_jsonl([L.ledger_line(found[2], "true", "a"), L.ledger_line(found[0], "true", "b")]))
    judge2.write_text(L.write_jsonl([L.ledger_line(found[0], "false", "c")]))
    misses.write_text(json.dumps({"catalogue": "a.jsonl", "record": "r9", "field": None, "rule": "NEW:thing",
                                  "reason": "missed", "found_in": "random-20"}) + "\n")

    assert ecosystem.main(["merge", "--ledger", str(judge1), str(judge2), "--misses", str(misses)]) == 1
    assert "judged true already" in capsys.readouterr().out  # the first judgement is kept, the clash told
    merged = L.read_jsonl(paths["LEDGER"].read_text())
    assert [line["record"] for line in merged] == ["r0", "r2"] and L.ledger_problems(merged) == []

    assert ecosystem.main(["seal"]) == 1 and not paths["SEAL"].exists()
    assert "XX001: 2 of 3 judged" in capsys.readouterr().err
    judge2.write_text(L.write_jsonl([L.ledger_line(found[1], "doubtful", "d", lean="false")]))
    assert ecosystem.main(["merge", "--ledger", str(judge2)]) == 0
    assert ecosystem.main(["seal"]) == 0
    assert paths["SEAL"].read_text().split()[0] == hashlib.sha256(paths["SNAPSHOT"].read_bytes()).hexdigest()

    changed = {**L.ledger_line(found[2], "false", "e"), "text_sha": "000000000000"}
    judge2.write_text(L.write_jsonl([changed]))  # a judgement of new text at a known key replaces the old
    assert ecosystem.main(["merge", "--ledger", str(judge2)]) == 0
    assert ecosystem.main(["seal"]) == 1  # ... and the snapshot does not have that text
    judge2.write_text(L.write_jsonl([L.ledger_line(found[2], "true", "a")]))
    assert ecosystem.main(["merge", "--ledger", str(judge2)]) == 0 and ecosystem.main(["seal"]) == 0

    assert ecosystem.main(["precision"]) == 0
    assert "| XX001 | 3 | 3 | 2 | 0 | 1 | 100 % |" in paths["README"].read_text()

    paths["SNAPSHOT"].write_text(L.write_snapshot(found[1:], "2026-01-01"), encoding="utf-8")
    assert ecosystem.main(["prune"]) == 0
    assert [line["record"] for line in L.read_jsonl(paths["LEDGER"].read_text())] == ["r1", "r2"]
