"""Benchmark: does `--format html` open fast with 100,000 findings? Numbers printed, never asserted.

    python benchmarks/html_report.py [FEED ...] [--findings N] [--runs R] [--keep FILE] [--screenshot PNG]

The findings are real: loclint's own findings on FEED (default: both listing feeds of
../shared/corpus), repeated with the record id marked "~copy k" until there are N (default
100,000), so the page holds the real mix of markets, rules, messages and excerpts at scale. They
go through HtmlReporter as a run feeds it; printed:

  write      wall and CPU time to write the page, and the reporter's peak Python memory
             (tracemalloc, a second run), beside the json format's for the same findings
  size       the page's size, and what of it is the findings' data
  open       in headless chromium (Debian's, through selenium and chromedriver), R fresh browser
             sessions, medians: navigation start to DOMContentLoaded, to the load event, and to
             the report's "loclint-ready" mark (data parsed, selects filled, first page of the
             table shown); then the time to filter by a rule (the rule select) and by text
             (typing a rule code; "cold" straight after the page shows, when the search index
             may still be building in the background, "warm" a second later; the input's 120 ms
             debounce is left out), each until the table shows the new rows

--screenshot writes a PNG of the page of a real `loclint check --format html` run on FEED (run
from beside the checkout, so paths read shared/corpus/...), the one in docs/images/html-report.png. Timings on a shared machine are noisy: compare medians.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FEEDS = [CORPUS / "listings-real.jsonl", CORPUS / "listings-more.jsonl"]


def corpus_findings(feeds) -> list:
    import loclint

    findings = []
    for feed in feeds:
        findings += loclint.lint_file(str(feed)).findings
    return findings


def repeated(findings: list, count: int) -> list:
    out = []
    copy = 0
    while len(out) < count:
        out += [dataclasses.replace(f, record=f"{f.record}~copy {copy}") if copy else f
                for f in findings[:count - len(out)]]
        copy += 1
    return out


def write(reporter_class, findings: list, path: Path) -> tuple[float, float, int]:
    """Wall s and CPU s of feeding ``findings`` to a reporter writing ``path``, and the peak
    traced bytes of a second run with tracemalloc on (which slows it, so it is not timed)."""
    from loclint.summary import Summary

    summary = Summary(files=1, records=len({f.record for f in findings}))
    for f in findings:
        summary.add_finding(f)

    def run():
        with path.open("w", encoding="utf-8") as out:
            reporter = reporter_class(out)
            for f in findings:
                reporter.finding(f)
            reporter.finish(summary)

    wall, cpu = time.perf_counter(), time.process_time()
    run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return wall, cpu, peak


def browser(width: int = 1400, height: int = 1000):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    driver = shutil.which("chromedriver")
    if not (chromium and driver):
        sys.exit("no chromium and chromedriver: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(driver), options=options)


def ready(driver) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 120, poll_frequency=0.05).until(
        lambda d: d.execute_script("return document.documentElement.getAttribute('data-ready')") == "true")


# Runs in the page: changes a filter and resolves with the milliseconds until the table's count changes.
FILTER_TIME = """
const [id, value, done] = arguments;
const status = document.getElementById('findings-status');
const before = status.getAttribute('data-shown');
const control = document.getElementById(id);
const debounce = control.tagName === 'SELECT' ? 0 : 120;
const start = performance.now();
control.value = value;
control.dispatchEvent(new Event(control.tagName === 'SELECT' ? 'change' : 'input'));
(function wait() {
  if (status.getAttribute('data-shown') !== before) done(performance.now() - start - debounce);
  else setTimeout(wait, 1);
})();
"""


def open_times(path: Path, rule: str) -> dict:
    driver = browser()
    try:
        driver.set_script_timeout(60)
        driver.get(path.as_uri())
        ready(driver)
        timing = driver.execute_script(
            "const n = performance.getEntriesByType('navigation')[0];"
            "return [n.domContentLoadedEventEnd, n.loadEventEnd,"
            "        performance.getEntriesByName('loclint-ready')[0].startTime];")
        cold = driver.execute_async_script(FILTER_TIME, "f-q", rule.lower())
        driver.execute_async_script(FILTER_TIME, "f-q", "")
        by_rule = driver.execute_async_script(FILTER_TIME, "f-rule", rule)
        driver.execute_async_script(FILTER_TIME, "f-rule", "")
        time.sleep(1)
        warm = driver.execute_async_script(FILTER_TIME, "f-q", rule.lower())
        return {"DOMContentLoaded": timing[0], "load": timing[1], "ready": timing[2],
                "filter by rule": by_rule, "filter by text, cold": cold, "filter by text, warm": warm}
    finally:
        driver.quit()


def screenshot(feeds, target: Path) -> None:
    """The page of a real `loclint check --format html` run on the feeds."""
    import subprocess

    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder, "report.html")
        subprocess.run([sys.executable, "-m", "loclint", "check", "--format", "html", "--no-cache", "--fail-on", "never",
                        "-o", str(page), *(os.path.relpath(f.resolve(), ROOT.parent) for f in feeds)],
                       check=True, cwd=ROOT.parent)
        driver = browser(1400, 1700)
        try:
            driver.get(page.as_uri())
            ready(driver)
            target.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(target))
        finally:
            driver.quit()
    print(f"screenshot: {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("feeds", nargs="*", type=Path, default=FEEDS)
    parser.add_argument("--findings", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the large page here")
    parser.add_argument("--screenshot", type=Path, help="write a PNG of the corpus's page here")
    args = parser.parse_args()

    from loclint.reporters.html import HtmlReporter
    from loclint.reporters.json import JsonReporter

    base = corpus_findings(args.feeds)
    print(f"corpus: {len(base):,} findings in {', '.join(f.name for f in args.feeds)}")
    if args.screenshot:
        screenshot(args.feeds, args.screenshot)
    findings = repeated(base, args.findings)
    rule = max({f.rule for f in base}, key=lambda code: (sum(f.rule == code for f in base), code))

    target = args.keep or Path(tempfile.mkdtemp()) / "report.html"
    json_wall, json_cpu, json_peak = write(JsonReporter, findings, target.with_suffix(".json"))
    target.with_suffix(".json").unlink()
    wall, cpu, peak = write(HtmlReporter, findings, target)
    text = target.read_text(encoding="utf-8")
    start = text.index('id="loclint-findings">')
    data = text.index("</script>", start) - start
    print(f"write   html: {wall:.2f} s wall, {cpu:.2f} s CPU, peak {peak / 2**20:.1f} MiB traced; "
          f"json: {json_wall:.2f} s wall, {json_cpu:.2f} s CPU, peak {json_peak / 2**20:.1f} MiB traced "
          f"({len(findings):,} findings)")
    print(f"size    {os.path.getsize(target) / 2**20:.1f} MiB, of which the findings' data "
          f"{len(text[start:start + data].encode('utf-8')) / 2**20:.1f} MiB "
          f"({os.path.getsize(target) / len(findings):.0f} bytes a finding)")

    runs = [open_times(target, rule) for _ in range(args.runs)]
    for key in runs[0]:
        values = [run[key] for run in runs]
        print(f"open    {key}: median {statistics.median(values):.0f} ms "
              f"(runs: {', '.join(f'{v:.0f}' for v in values)})")
    print(f"        (filter by rule {rule}; the text filter typed {rule.lower()!r})")
    if not args.keep:
        shutil.rmtree(target.parent)


if __name__ == "__main__":
    main()
