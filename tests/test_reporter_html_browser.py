"""`--format html` in a real browser: Debian's chromium, driven by selenium through chromedriver
(both from apt: `apt-get install chromium chromium-driver`; .ci/run installs them). The page
opens under its own Content-Security-Policy, shows the run's totals, the text filter and the
selects change the rows shown, the summary's links filter the table, the table pages, and
hostile finding text is shown as text without running anything. Skipped when no chromium or
chromedriver is found."""
import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import TODAY, runner
from test_reporter_html import HOSTILE, HOSTILE_TAG, finding, hostile_findings, render

from loclint.cli import main

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                                reason="no chromium and chromedriver (apt-get install chromium chromium-driver)")


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def open_page(browser, path: Path, fragment: str = ""):
    browser.get(path.as_uri() + fragment)
    WebDriverWait(browser, 20).until(
        lambda b: b.execute_script("return document.documentElement.getAttribute('data-ready')") == "true")
    return browser


def shown(browser) -> int:
    return int(browser.find_element(By.ID, "findings-status").get_attribute("data-shown"))


def wait_shown(browser, changed_from: int) -> int:
    WebDriverWait(browser, 10).until(lambda b: shown(b) != changed_from)
    return shown(browser)


def rule_cells(browser) -> list[str]:
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('#findings-body tr td:nth-child(2)')).map(td => td.textContent)")


@pytest.fixture(scope="module")
def fixtures_report(tmp_path_factory):
    """The report of fixtures/ for DE, and the json format's document of the same run."""
    report = tmp_path_factory.mktemp("html") / "report.html"
    args = ["--date", TODAY.isoformat(), "--jobs", "1", "--no-cache", "--market", "DE", str(ROOT / "fixtures")]
    result = runner().invoke(main, ["check", "--format", "html", "-o", str(report), *args])
    assert result.exit_code == 1, result.output
    document = json.loads(runner().invoke(main, ["check", "--format", "json", *args]).stdout)
    return report, document


def test_the_page_shows_the_runs_totals(browser, fixtures_report):
    report, document = fixtures_report
    open_page(browser, report)
    cards = browser.execute_script(
        "const out = {}; document.querySelectorAll('[data-count]').forEach("
        "  c => out[c.dataset.count] = Number(c.querySelector('.value').textContent.replace(/,/g, '')));"
        "return out;")
    summary = document["summary"]
    assert cards["findings"] == summary["findings"] > 20
    assert {s: cards[s] for s in ("error", "warning", "info")} == summary["by_severity"]
    assert (cards["fix-safe"], cards["fix-unsafe"]) == (summary["fixable"]["safe"], summary["fixable"]["unsafe"])
    assert shown(browser) == summary["findings"]
    assert len(rule_cells(browser)) == summary["findings"]  # under a page: every row
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []  # no CSP or script error


def test_typing_a_rule_code_filters_the_rows(browser, fixtures_report):
    report, document = fixtures_report
    open_page(browser, report)
    total = shown(browser)
    expected = sum(f["rule"] == "DE002" for f in document["findings"])
    assert 0 < expected < total
    browser.find_element(By.ID, "f-q").send_keys("DE002")
    assert wait_shown(browser, total) == expected
    assert set(rule_cells(browser)) == {"DE002"}
    assert "#q=DE002" in browser.current_url  # the filtered view has an address
    browser.find_element(By.ID, "f-q").clear()
    browser.execute_script("document.getElementById('f-q').dispatchEvent(new Event('input'))")
    assert wait_shown(browser, expected) == total

    Select(browser.find_element(By.ID, "f-severity")).select_by_value("warning")
    assert wait_shown(browser, total) == document["summary"]["by_severity"]["warning"]
    assert set(browser.execute_script("return Array.from(document.querySelectorAll('#findings-body .sev'))"
                                      ".map(s => s.textContent)")) == {"warning"}


def test_the_summarys_links_open_the_table_filtered(browser, fixtures_report):
    report, document = fixtures_report
    open_page(browser, report)
    total = shown(browser)
    link = browser.find_element(By.CSS_SELECTOR, "#top-rules tbody tr a[href^='#rule=']")
    code = link.get_attribute("href").rsplit("=", 1)[1]
    link.click()
    assert wait_shown(browser, total) == sum(f["rule"] == code for f in document["findings"])
    assert set(rule_cells(browser)) == {code}
    assert Select(browser.find_element(By.ID, "f-rule")).first_selected_option.get_attribute("value") == code
    # a report opened at a filtered address shows that view at once
    open_page(browser, report, "#market=DE&severity=info")
    assert shown(browser) == document["summary"]["by_severity"]["info"]


def test_a_large_report_shows_a_page_at_a_time(browser, tmp_path):
    findings = [finding(record=f"R-{i}", line=i) for i in range(1, 251)]
    report = tmp_path / "large.html"
    report.write_text(render(findings), encoding="utf-8")
    open_page(browser, report)
    status = browser.find_element(By.ID, "findings-status")
    assert status.text.startswith("Findings 1–100 of 250 shown") and len(rule_cells(browser)) == 100
    browser.find_element(By.ID, "page-next").click()
    assert status.text.startswith("Findings 101–200 of 250")
    browser.find_element(By.ID, "page-next").click()
    assert status.text.startswith("Findings 201–250 of 250") and len(rule_cells(browser)) == 50
    assert browser.find_element(By.ID, "page-next").get_attribute("disabled") == "true"


def test_hostile_text_is_shown_and_never_run(browser, tmp_path):
    report = tmp_path / "hostile.html"
    report.write_text(render(hostile_findings()), encoding="utf-8")
    open_page(browser, report)
    assert browser.execute_script("return window.pwned") is None
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    first = browser.find_element(By.CSS_SELECTOR, "#findings-body tr")
    excerpt = first.find_element(By.CSS_SELECTOR, "td.excerpt").get_attribute("textContent")
    assert excerpt == HOSTILE_TAG + HOSTILE + "\\u202e\\x1b[2J"  # as text; bidi override and ESC as escapes
    assert browser.find_elements(By.CSS_SELECTOR, "#findings-body img, #findings-body script") == []
    # the source's javascript: address is not a link
    assert first.find_elements(By.CSS_SELECTOR, "td:last-child a") == []
    second = browser.find_elements(By.CSS_SELECTOR, "#findings-body tr")[1]
    assert "surrogate \\ud800 line" in second.find_element(By.CSS_SELECTOR, "td.excerpt").get_attribute("textContent")
    assert browser.execute_script("return window.pwned") is None
