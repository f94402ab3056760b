"""`--format html`: the page's totals and fix counts are the run's, the data island holds every
finding's contract fields and reads back exactly, finding text cannot close its script element
or add markup anywhere in the page, nothing is fetched from the network, and the reporter keeps
counts, not findings. The browser side (the table renders, the filter works) is in
test_reporter_html_browser.py."""
import base64
import hashlib
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import TODAY, runner

from loclint.cli import main
from loclint.model import Applicability, Finding, ReadError, Severity, Source, Suggestion
from loclint.reporters import REPORTERS, make
from loclint.reporters.html import COLUMNS, ERRORS_SHOWN, HtmlReporter, fix_class
from loclint.summary import Summary

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = '</script><script>window.pwned=1</script><!--<script>'
HOSTILE_TAG = '<img src=x onerror="window.pwned=1">'


def finding(**changes) -> Finding:
    base = dict(rule="DE001", name="unproven-superlative", severity=Severity.ERROR, message="“x” is wrong",
                path="feed.jsonl", record="R-1", field="title", start=0, end=1, line=1, column=2, text="x",
                suggestions=(), source=Source("UWG §5", "https://example.org/uwg", "L"), market="DE",
                before="a ", after=" b", end_line=1, end_column=3)
    base.update(changes)
    return Finding(**base)


def render(findings, errors=(), rulebook=None, files=1, records=None) -> str:
    out = io.StringIO()
    reporter = HtmlReporter(out, rulebook=rulebook)
    summary = Summary(files=files, records=records if records is not None else len(findings))
    for f in findings:
        summary.add_finding(f)
        reporter.finding(f)
    for e in errors:
        summary.add_error(e)
        reporter.error(e)
    reporter.finish(summary)
    return out.getvalue()


def island(page: str, name: str):
    """The JSON of a data island, cut at the first </script> after it opens, as a browser does."""
    start = page.index(f'<script type="application/json" id="{name}">') + len(f'<script type="application/json" id="{name}">')
    return json.loads(page[start:page.index("</script>", start)])


def rows(page: str) -> list[dict]:
    data = island(page, "loclint-findings")
    assert data["version"] == 1 and data["columns"] == list(COLUMNS)
    shared = ("path", "message")  # a number: the index of the text in "strings"
    return [{key: data["strings"][value] if key in shared and isinstance(value, int) else value
             for key, value in zip(data["columns"], row)} for row in data["rows"]]


def counts(page: str) -> dict[str, int]:
    """The numbers on the page's cards, by their data-count key."""
    return {key: int(value.replace(",", "")) for key, value in
            re.findall(r'data-count="([^"]+)"><div class="value">([\d,]+)</div>', page)}


class Markup(HTMLParser):
    """Every element and attribute of a page, as a browser's tokenizer sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def markup(page: str) -> Markup:
    parser = Markup()
    parser.feed(page)
    parser.close()
    return parser


def hostile_findings() -> list[Finding]:
    source = Source(f"Title {HOSTILE_TAG}", "javascript:window.pwned=1", "L")
    return [
        finding(text=HOSTILE, before=HOSTILE_TAG, after="\u202e\x1b[2J", message=f"msg {HOSTILE} {HOSTILE_TAG}",
                record=f"R{HOSTILE_TAG}", path=f"{HOSTILE_TAG}.jsonl", name=f"name{HOSTILE_TAG}\u202e\x1b[2J", source=source,
                rule="DE001", market=f"D{HOSTILE_TAG}",
                suggestions=(Suggestion(HOSTILE, Applicability.UNSAFE, HOSTILE),)),
        finding(rule="X<b>1", name=HOSTILE, text="surrogate \ud800 line\u2028sep", source=source),
    ]


# --- totals and fixes ---------------------------------------------------------------------------

def test_totals_and_fix_counts_are_the_runs():
    safe = Suggestion("24,99 €", Applicability.SAFE, "24,99 €")
    findings = [finding(severity=Severity.ERROR, suggestions=(safe,)),
                finding(severity=Severity.ERROR, suggestions=(Suggestion("b", Applicability.UNSAFE, "b"),)),
                finding(severity=Severity.WARNING, suggestions=(Suggestion("c", Applicability.DISPLAY),)),
                finding(severity=Severity.WARNING, suggestions=(Suggestion("d", Applicability.SAFE, None),)),
                finding(severity=Severity.INFO, rule="DE013", market="AT")]
    page = render(findings, errors=[ReadError("bad.jsonl", 3, "not JSON")])
    assert counts(page) == {"findings": 5, "error": 2, "warning": 2, "info": 1, "errors": 1,
                            "fix-safe": 1, "fix-unsafe": 1, "fix-display": 2, "fix-none": 1}
    assert [fix_class(f) for f in findings] == ["safe", "unsafe", "display", "display", "none"]
    assert [r["fix"] for r in rows(page)] == ["safe", "unsafe", "display", "display", "none"]


def test_fix_counts_agree_with_the_summary_on_a_real_run(tmp_path, monkeypatch):
    """safe and unsafe are what the summary's "fixable" counts: what --fix would write."""
    monkeypatch.chdir(ROOT)
    report = tmp_path / "report.html"
    result = runner().invoke(main, ["check", "--format", "html", "-o", str(report), "--date", TODAY.isoformat(),
                                    "--jobs", "1", "--no-cache", "fixtures/", "--market", "DE"])
    assert result.exit_code == 1, result.output
    as_json = runner().invoke(main, ["check", "--format", "json", "--date", TODAY.isoformat(), "--jobs", "1",
                                     "--no-cache", "fixtures/", "--market", "DE"])
    document = json.loads(as_json.stdout)
    summary = document["summary"]
    page = report.read_text(encoding="utf-8")
    shown = counts(page)
    assert summary["findings"] > 20
    assert shown["findings"] == summary["findings"]
    assert {s: shown[s] for s in ("error", "warning", "info")} == summary["by_severity"]
    assert (shown["fix-safe"], shown["fix-unsafe"]) == (summary["fixable"]["safe"], summary["fixable"]["unsafe"])
    assert f"{summary['files']} file(s), {summary['records']} record(s), {summary['findings']} finding(s)" in page
    # the table's data is the json format's findings, field for field
    expected = [{key: f[key] for key in COLUMNS if key != "fix"} for f in document["findings"]]
    assert [{key: r[key] for key in COLUMNS if key != "fix"} for r in rows(page)] == expected
    rules = island(page, "loclint-rules")
    assert {f["rule"]: {"name": f["name"], "source": f["source"]} for f in document["findings"]} == rules


def test_clean_run_is_a_whole_page_with_no_rows():
    page = render([], files=2, records=7)
    assert rows(page) == []
    assert counts(page)["findings"] == 0
    assert "No findings." in page and "None: every input was read." in page
    assert page.rstrip().endswith("</html>")
    assert "Rule pages" not in page  # no rulebook loaded for a clean run


# --- the data island ------------------------------------------------------------------------------

def test_data_island_round_trips_every_contract_field():
    findings = [finding(record=f"R-{i}", line=i, suggestions=(Suggestion("y", Applicability.SAFE, "y"),))
                for i in range(1, 4)] + [finding(field=None, start=None, end=None, rule="EU007",
                                                 name="missing-manufacturer-information", text="")]
    findings += hostile_findings()
    page = render(findings)
    for row, f in zip(rows(page), findings, strict=True):
        contract = f.to_dict()
        assert {key: row[key] for key in COLUMNS if key != "fix"} == {key: contract[key] for key in COLUMNS
                                                                       if key != "fix"}
        assert row["fix"] == fix_class(f)
    rules = island(page, "loclint-rules")
    for f in findings:
        assert rules[f.rule] == {"name": f.name, "source": f.to_dict()["source"]} or f.rule == "DE001"
    assert rules["DE001"]["name"] == "unproven-superlative"  # the first finding of a code names it


def test_paths_and_messages_are_written_once_up_to_a_bound(monkeypatch):
    from loclint.reporters import html

    monkeypatch.setattr(html, "STRINGS_SHARED", 3)
    findings = [finding(record=f"R-{i}", message=f"message {i % 5}") for i in range(12)]
    page = render(findings)
    data = island(page, "loclint-findings")
    assert data["strings"] == ["feed.jsonl", "message 0", "message 1"]  # the first three texts, once each
    paths = [r[COLUMNS.index("path")] for r in data["rows"]]
    messages = [r[COLUMNS.index("message")] for r in data["rows"]]
    assert paths == [0] * 12 and messages[:2] == [1, 2] and messages[2] == "message 2" and messages[5] == 1
    assert [(r["path"], r["message"]) for r in rows(page)] == [(f.path, f.message) for f in findings]


def test_finding_text_cannot_close_the_script_element():
    page = render(hostile_findings())
    start = page.index('id="loclint-findings">')
    end = page.index("</script>", start)
    data = page[start:end]
    assert "</" not in data and "<!--" not in data and "<script" not in data.lower()
    assert "\\u003c/script>" in data  # escaped, and read back as the original
    assert rows(page)[0]["text"] == HOSTILE
    assert "\u2028" in rows(page)[1]["text"] and "\ud800" in rows(page)[1]["text"]
    page.encode("utf-8")  # the lone surrogate is a JSON escape, the page is valid UTF-8


# --- no markup from input, nothing from the network -----------------------------------------------

ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "script", "header", "h1", "h2", "p", "section",
                "div", "span", "a", "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "pre",
                "label", "select", "option", "input", "button", "noscript", "code"}


def test_hostile_text_adds_no_element_attribute_or_link(rulebook):
    page = render(hostile_findings(), errors=[ReadError(f"{HOSTILE_TAG}.jsonl", 2, f"bad {HOSTILE}",
                                                        record=HOSTILE_TAG)], rulebook=rulebook)
    parsed = markup(page)
    assert {tag for tag, _ in parsed.tags} <= ALLOWED_TAGS
    assert not [(tag, name) for tag, attrs in parsed.tags for name in attrs if name.startswith("on")]
    hrefs = [attrs["href"] for tag, attrs in parsed.tags if "href" in attrs]
    assert hrefs and all(h.startswith(("#", "https://")) for h in hrefs), hrefs  # never javascript:
    # the two data islands and the report's own script, and no other script
    assert [attrs.get("id") for tag, attrs in parsed.tags if tag == "script"] == [
        "loclint-findings", "loclint-rules", None]
    # shown as text: escaped where it is markup, controls and bidi overrides as escapes
    assert "&lt;img src=x onerror=&quot;window.pwned=1&quot;&gt;" in page
    shown = page[page.index("<header>"):]  # the markup after the data islands, which keep text exact
    assert "\u202e" not in shown and "\x1b" not in shown and "\\u202e\\x1b[2J" in shown


def test_the_page_fetches_nothing_and_runs_only_its_own_script():
    page = render([finding()])
    parsed = markup(page)
    assert not [attrs for _, attrs in parsed.tags if "src" in attrs or attrs.get("rel") == "stylesheet"]
    assert "<link" not in page and "@import" not in page and "url(" not in page
    policy = next(attrs["content"] for tag, attrs in parsed.tags
                  if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy
    code = parsed.scripts[-1]
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy  # the script as written, and only it, may run


# --- top rules, chart, read errors ----------------------------------------------------------------

def test_top_rules_link_to_their_pages_and_the_filtered_table(rulebook):
    findings = [finding(rule="DE002", name="price-superlative")] * 3 + [finding()] * 2 + [
        finding(rule="TEAM001", name="team-rule", market="AT")]
    page = render(findings, rulebook=rulebook)
    top = page[page.index('id="top-rules"'):page.index('id="findings-section"')]
    assert top.index("DE002") < top.index("DE001") < top.index("TEAM001")  # most findings first
    assert '<a href="#page-DE002">DE002</a>' in top and '<a href="#rule=DE002">show findings</a>' in top
    assert 'href="#page-TEAM001"' not in top  # not in the rulebook: no page, no crash
    pages = page[page.index('id="rule-pages"'):]
    assert '<details class="page" id="page-DE002">' in pages and "## What it does" in pages
    assert "## Fix safety" in pages[pages.index('id="page-DE001"'):]


def test_chart_has_a_bar_per_market_with_segments_that_filter():
    findings = [finding(market="DE")] * 4 + [finding(market="AT", rule="DE002", name="price-superlative")] * 2
    page = render(findings)
    chart = page[page.index('id="chart"'):page.index('id="top-rules"') if 'id="top-rules"' in page else None]
    assert chart.index('<div class="code">DE</div>') < chart.index('<div class="code">AT</div>')
    assert 'href="#market=DE&amp;rule=DE001"' in chart and 'href="#market=AT&amp;rule=DE002"' in chart
    assert 'style="width:100.000%"' in chart and 'style="width:50.000%"' in chart  # AT is half DE's length
    table = chart[chart.index('id="market-rule"'):]
    assert re.search(r'DE001</a></td><td class="num">4</td><td class="num"></td><td class="num">4</td>', table)


def test_read_errors_are_listed_up_to_a_limit_and_counted():
    errors = [ReadError("feed.jsonl", i, f"line {i}: not JSON") for i in range(1, ERRORS_SHOWN + 6)]
    page = render([], errors=errors)
    section = page[page.index('id="errors"'):]
    assert f"Read errors ({ERRORS_SHOWN + 5:,})" in section
    assert "line 1: not JSON" in section and f"line {ERRORS_SHOWN}: not JSON" in section
    assert f"line {ERRORS_SHOWN + 1}: not JSON" not in section and "5 more not listed here" in section
    assert counts(page)["errors"] == ERRORS_SHOWN + 5


# --- streaming ------------------------------------------------------------------------------------

def test_findings_are_written_as_they_arrive_and_not_kept():
    out = io.StringIO()
    reporter = HtmlReporter(out)
    for i in range(200):
        reporter.finding(finding(record=f"R-{i}"))
        assert f'"R-{i}"' in out.getvalue()[-400:]  # written now, not at the end
    kept = [value for value in vars(reporter).values() if isinstance(value, (list, dict)) and len(value) >= 200]
    assert kept == []  # counts only: memory does not grow with the findings


# --- registry and command line --------------------------------------------------------------------

def test_registered_lazily_and_given_the_rulebook(rulebook):
    assert "html" in REPORTERS
    reporter = make("html", rulebook=rulebook, out=io.StringIO())
    assert isinstance(reporter, HtmlReporter) and reporter.rulebook is rulebook


def test_cli_writes_the_report_to_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    report = tmp_path / "report.html"
    result = runner().invoke(main, ["check", "--format", "html", "-o", str(report), "fixtures/", "--market", "DE",
                                    "--date", TODAY.isoformat(), "--no-cache"])
    assert result.exit_code == 1 and result.stdout == ""  # findings: exit 1; the report is in the file
    assert "Traceback" not in result.output
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert {r["path"] for r in rows(page)} == {"fixtures/listings-de.jsonl", "fixtures/listings-de.yaml"}
    assert "DE002" in island(page, "loclint-rules")


@pytest.mark.parametrize("flag", ["--statistics", "--show-fixes"])
def test_flags_for_other_formats_are_refused(flag, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner().invoke(main, ["check", "--format", "html", flag, "fixtures/", "--market", "DE"])
    assert result.exit_code == 2 and "html" in result.output
