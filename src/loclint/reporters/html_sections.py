"""The parts of the HTML report written as markup at the end of the run (html.py streams the
findings themselves): totals, fixes, the market × rule chart, the top rules and their pages,
the table's frame and the read errors. Everything taken from input or rulesets goes through
``esc`` (html.escape after text.escapes.visible: controls and bidi overrides shown as escapes,
as in the other formats for people); only http(s) addresses become links."""
from __future__ import annotations

import html
from collections import Counter
from typing import Callable
from urllib.parse import urlencode

from ..model import Finding, ReadError
from ..text.escapes import visible
from .tally import TOP_RULES

CHART_RULES = 8  # rules with their own colour in the chart; the others share one
SEVERITIES = ("error", "warning", "info")
FIXES = {
    "safe": "--fix writes them: only the form changes (units, number format)",
    "unsafe": "--fix --unsafe-fixes writes them: the rewrite changes the claim",
    "display": "advice shown with the finding, never written",
    "none": "no rewrite: a person decides",
}


class Tally:
    """The counts the page shows, kept as findings stream past (never the findings)."""

    def __init__(self):
        self.by_severity: Counter = Counter()
        self.by_rule: Counter = Counter()
        self.by_market: Counter = Counter()
        self.by_market_rule: Counter = Counter()
        self.fixes: Counter = Counter()
        self.fixable_by_rule: Counter = Counter()
        self.rules: dict[str, tuple[str, dict]] = {}  # code -> (name, source) of its first finding
        self.severity: dict[str, str] = {}  # code -> severity of its first finding
        self.errors = 0

    def add(self, f: Finding, fix: str) -> None:
        self.by_severity[str(f.severity)] += 1
        self.by_rule[f.rule] += 1
        self.by_market[f.market] += 1
        self.by_market_rule[f.market, f.rule] += 1
        self.fixes[fix] += 1
        if fix in ("safe", "unsafe"):
            self.fixable_by_rule[f.rule] += 1
        if f.rule not in self.rules:
            self.rules[f.rule] = (f.name, {"title": f.source.title, "url": f.source.url, "grade": f.source.grade})
            self.severity[f.rule] = str(f.severity)

    def ranked_rules(self) -> list[str]:
        return [code for code, _ in sorted(self.by_rule.items(), key=lambda item: (-item[1], item[0]))]


def esc(text) -> str:
    return html.escape(visible(str(text)), quote=True)


def link(url: str, text: str) -> str:
    """A link for an http(s) address; other schemes (javascript:, data:) stay text."""
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(text)}</a>'
    return esc(text)


def filter_link(text: str, **filters: str) -> str:
    return f'<a href="#{esc(urlencode(filters))}">{text}</a>'


def page(summary, tally: Tally, errors: list[ReadError], rulebook: Callable) -> str:
    """Everything after the data islands, up to the script. ``rulebook`` gives the run's rulebook
    when the top rules' pages are written (not at all for a clean run)."""
    top = tally.ranked_rules()[:TOP_RULES]
    pages = rule_pages(rulebook(), top) if top else {}
    return "\n".join([
        header(summary, tally),
        totals(summary, tally),
        fixes(tally),
        chart(tally),
        top_rules(tally, top, pages),
        findings_frame(),
        read_errors(tally, errors),
        rule_page_section(tally, pages),
    ]) + "\n"


def header(summary, tally: Tally) -> str:
    from .. import __version__

    line = f"{summary.files:,} file(s), {summary.records:,} record(s), {summary.findings:,} finding(s)"
    if tally.errors:
        line += f', <a href="#errors">{tally.errors:,} unreadable input(s)</a>'
    return f"<header>\n<h1>loclint report</h1>\n<p class=\"muted\">{line} · loclint {esc(__version__)}</p>\n</header>"


def _card(label: str, value: int, kind: str = "", note: str = "") -> str:
    title = f' title="{esc(note)}"' if note else ""
    return (f'<div class="card {kind}"{title} data-count="{kind or label}"><div class="value">{value:,}</div>'
            f'<div class="muted">{esc(label)}</div></div>')


def totals(summary, tally: Tally) -> str:
    cards = [_card("findings", summary.findings, "findings")]
    for severity in SEVERITIES:
        cards.append(_card(severity, tally.by_severity.get(severity, 0), severity))
    cards.append(_card("unreadable inputs", tally.errors, "errors"))
    return '<section id="totals">\n<h2>Totals</h2>\n<div class="cards">' + "".join(cards) + "</div>\n</section>"


def fixes(tally: Tally) -> str:
    cards = [_card(f"{kind}: {note}", tally.fixes.get(kind, 0), f"fix-{kind}") for kind, note in FIXES.items()]
    return '<section id="fixes">\n<h2>Fixes</h2>\n<div class="cards">' + "".join(cards) + "</div>\n</section>"


def chart(tally: Tally) -> str:
    """A bar per market, as long as its findings, in segments by rule: the most frequent rules of
    the run each have a colour, the rest share one. Each segment opens the table filtered."""
    if not tally.by_rule:
        return '<section id="chart">\n<h2>Findings by market and rule</h2>\n<p>No findings.</p>\n</section>'
    coloured = tally.ranked_rules()[:CHART_RULES]
    colour = {code: f"c{i}" for i, code in enumerate(coloured)}
    widest = max(tally.by_market.values())
    markets = sorted(tally.by_market, key=lambda m: (-tally.by_market[m], m))
    lines = []
    for market in markets:
        total = tally.by_market[market]
        segments = []
        for code in coloured:
            n = tally.by_market_rule.get((market, code), 0)
            if n:
                segments.append(_segment(n, widest, colour[code], f"{market or '(none)'} · {code}: {n:,}",
                                         market=market, rule=code))
        other = total - sum(tally.by_market_rule.get((market, code), 0) for code in coloured)
        if other:
            segments.append(_segment(other, widest, "cother", f"{market or '(none)'} · other rules: {other:,}",
                                     market=market))
        lines.append(f'<div class="code">{esc(market or "(none)")}</div><div class="bar">{"".join(segments)}</div>'
                     f'<div class="num">{total:,}</div>')
    legend = "".join(f'<span><span class="swatch {colour[code]}"></span>{esc(code)} {esc(tally.rules[code][0])}</span>'
                     for code in coloured)
    if len(tally.by_rule) > len(coloured):
        legend += f'<span><span class="swatch cother"></span>{len(tally.by_rule) - len(coloured)} other rule(s)</span>'
    return ('<section id="chart">\n<h2>Findings by market and rule</h2>\n'
            f'<div class="legend">{legend}</div>\n<div class="chart">{"".join(lines)}</div>\n'
            f"{counts_table(tally, markets)}\n</section>")


def _segment(n: int, widest: int, colour: str, title: str, **filters: str) -> str:
    width = 100 * n / widest
    return (f'<a class="{colour}" style="width:{width:.3f}%" title="{esc(title)}" '
            f'href="#{esc(urlencode(filters))}"></a>')


def counts_table(tally: Tally, markets: list[str]) -> str:
    """The chart's numbers: a row per rule, a column per market."""
    head = "".join(f'<th class="num">{esc(m or "(none)")}</th>' for m in markets)
    rows = []
    for code in tally.ranked_rules():
        cells = "".join(f'<td class="num">{tally.by_market_rule.get((m, code), 0) or ""}</td>' for m in markets)
        rows.append(f'<tr><td class="code">{filter_link(esc(code), rule=code)}</td>{cells}'
                    f'<td class="num">{tally.by_rule[code]:,}</td></tr>')
    return (f'<details><summary>Counts by market and rule</summary>\n<table id="market-rule">'
            f'<thead><tr><th>rule</th>{head}<th class="num">all</th></tr></thead>\n'
            f'<tbody>{"".join(rows)}</tbody></table></details>')


def top_rules(tally: Tally, top: list[str], pages: dict[str, str]) -> str:
    if not top:
        return ""
    total = max(sum(tally.by_rule.values()), 1)
    most = tally.by_rule[top[0]]
    rows = []
    for code in top:
        name, source = tally.rules[code]
        n = tally.by_rule[code]
        code_cell = f'<a href="#page-{esc(code)}">{esc(code)}</a>' if code in pages else esc(code)
        severity = tally.severity[code]
        rows.append(
            f'<tr><td class="code">{code_cell}</td><td>{esc(name)}</td>'
            f'<td><span class="sev sev-{esc(severity)}">{esc(severity)}</span></td>'
            f'<td class="num">{n:,}</td><td class="nowrap"><span class="share" style="width:{80 * n / most:.1f}px"></span> '
            f'{100 * n / total:.1f}%</td><td class="num">{tally.fixable_by_rule.get(code, 0):,}</td>'
            f'<td>{link(source["url"], source["title"] or source["url"])}</td>'
            f'<td class="nowrap">{filter_link("show findings", rule=code)}</td></tr>')
    return ('<section id="top-rules">\n<h2>Top rules</h2>\n<table><thead><tr><th>rule</th><th>name</th>'
            '<th>severity</th><th class="num">findings</th><th>share</th><th class="num">fixable</th>'
            f'<th>source</th><th></th></tr></thead>\n<tbody>{"".join(rows)}</tbody></table>\n</section>')


def findings_frame() -> str:
    """The table's filters and an empty body; the script fills both from the data island."""
    selects = "".join(f'<label>{label}<select id="f-{name}"><option value="">all</option></select></label>'
                      for name, label in (("market", "market"), ("rule", "rule"), ("severity", "severity"),
                                          ("fix", "fix")))
    inputs = "".join(f'<label>{label}<input id="f-{name}" type="{kind}" placeholder="{hint}"></label>'
                     for name, label, kind, hint in (("path", "file", "text", "part of the path"),
                                                     ("record", "record", "text", "part of the id"),
                                                     ("q", "text", "search", "rule, words, record …")))
    head = "".join(f"<th>{c}</th>" for c in ("severity", "rule", "market", "where", "excerpt", "message",
                                             "rewrite", "source"))
    return ('<section id="findings-section">\n<h2>Findings</h2>\n'
            f'<div class="filters">{selects}{inputs}</div>\n'
            '<noscript><p>The table needs JavaScript; the findings are in the page as JSON '
            '(<code>#loclint-findings</code>).</p></noscript>\n'
            '<div class="pager"><button id="page-prev" type="button">← previous</button>'
            '<span id="findings-status" class="muted">Loading…</span>'
            '<button id="page-next" type="button">next →</button></div>\n'
            f'<table id="findings"><thead><tr>{head}</tr></thead><tbody id="findings-body"></tbody></table>\n'
            "</section>")


def read_errors(tally: Tally, errors: list[ReadError]) -> str:
    if not tally.errors:
        return '<section id="errors">\n<h2>Read errors</h2>\n<p>None: every input was read.</p>\n</section>'
    rows = "".join(f'<tr><td class="code">{esc(e.path)}</td><td class="num">{e.line or ""}</td>'
                   f'<td>{esc(e.record or "")}</td><td>{esc(e.message)}</td></tr>' for e in errors)
    more = tally.errors - len(errors)
    note = f"<p>{more:,} more not listed here (<code>--format json</code> lists every one).</p>" if more > 0 else ""
    return (f'<section id="errors">\n<h2>Read errors ({tally.errors:,})</h2>\n<table><thead><tr><th>file</th>'
            '<th class="num">line</th><th>record</th><th>message</th></tr></thead>\n'
            f"<tbody>{rows}</tbody></table>\n{note}</section>")


def rule_pages(rulebook, codes: list[str]) -> dict[str, str]:
    """Each code's page (`loclint rule CODE`), for the codes the rulebook knows."""
    from ..rule_page import rule_page

    pages = {}
    for code in codes:
        rule = rulebook.find(code)
        if rule is not None:
            pages[code] = rule_page(rulebook, rule)
    return pages


def rule_page_section(tally: Tally, pages: dict[str, str]) -> str:
    if not pages:
        return ""
    items = "".join(f'<details class="page" id="page-{esc(code)}"><summary>{esc(code)} {esc(tally.rules[code][0])}'
                    f"</summary><pre>{esc(text)}</pre></details>\n" for code, text in pages.items())
    return ('<section id="rule-pages">\n<h2>Rule pages</h2>\n<p class="muted">As <code>loclint rule CODE</code> '
            f"prints them (docs/rules/CODE.md).</p>\n{items}</section>")
