"""The report in real headless Chromium: offline load, sections, sorting, inert text (what-if: test_whatif_browser)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

import trilat_opt
from trilat_opt.report import build, write

from .conftest import Loaded

pytestmark = pytest.mark.browser

SECTIONS = ["summary", "portfolio", "whatif", "rankings", "robustness", "evidence", "method", "manifest"]


def test_page_loads_offline_without_errors_and_has_every_section(loaded, report_dir, tmp_path_factory):
    assert loaded.errors == []
    assert loaded.external_requests == []
    page = loaded.page
    for sid in SECTIONS:
        assert page.locator(f"section#{sid} h2").count() == 1, sid
    assert [page.locator(f"section#{sid}").bounding_box()["y"] for sid in SECTIONS] == sorted(
        page.locator(f"section#{sid}").bounding_box()["y"] for sid in SECTIONS
    )
    charts = page.locator("div.vega")
    assert charts.count() >= 5
    assert page.locator("div.vega[data-rendered='true'] svg").count() == charts.count()
    shot = tmp_path_factory.mktemp("shots") / "report.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000


def _column(page, n: int) -> list[float]:
    cells = page.locator(f"#t-ranking tbody td:nth-child({n})")
    return [float(v) for v in cells.evaluate_all("els => els.map(e => e.dataset.v)")]


def test_tables_sort_by_a_clicked_column_best_first(loaded):
    """The first click on a score column puts the best first (highest); on a rank column, rank 1."""
    page = loaded.page
    header = page.locator("#t-ranking thead th", has_text="additive value")
    header.click()
    assert _column(page, 3) == sorted(_column(page, 3), reverse=True)
    assert header.get_attribute("aria-sort") == "descending"
    header.click()
    assert _column(page, 3) == sorted(_column(page, 3))
    rank = page.locator("#t-ranking thead th[data-best=low]").first
    rank.click()
    n = 1 + page.locator("#t-ranking thead th").evaluate_all("els => els.map(e => e.dataset.best)").index("low")
    assert _column(page, n) == sorted(_column(page, n))


def test_a_filter_says_what_it_filters_and_when_nothing_matches(loaded):
    page = loaded.page
    box = page.locator("input[data-filter-for=t-ranking]")
    label = page.locator("label", has=box).text_content()
    assert "Show only the rows of" in label and "Ranking by aggregation method" in label
    note = page.locator("#t-ranking").locator("xpath=../preceding-sibling::p[1]").locator(".filter-empty")
    box.fill("no such option anywhere")
    assert note.is_visible() and "No row contains" in note.text_content()
    box.fill("")
    assert not note.is_visible()


def test_the_printed_report_is_under_30_a4_pages(browser, report_dir):
    """Long tables fold to 15 rows with a pointer to their CSV, interactive parts are hidden, and
    only the chosen options' arguments are printed."""
    page = Loaded(browser, report_dir / "index.html").page
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    pdf = page.pdf(format="A4")
    page.close()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    print(f"printed pages: {pages}")
    assert 5 < pages < 30, pages


XSS_TITLE = '<script>window.__xss = "title"</script>Hostile <b>title</b>'
XSS_QUOTE = '"><img src=x onerror="window.__xss = \'quote\'"> a hostile quote'
XSS_CLAIM = "<svg onload=\"window.__xss='claim'\"></svg> claim"


@pytest.fixture(scope="module")
def hostile_report(project_root: Path, tmp_path_factory) -> Path:
    """The shipped project with HTML and script in one option's title, summary, claim and quote."""
    root = tmp_path_factory.mktemp("hostile")
    shutil.copy(project_root / "criteria.yaml", root / "criteria.yaml")
    if (project_root / "sources.yaml").exists():
        shutil.copy(project_root / "sources.yaml", root / "sources.yaml")
    shutil.copytree(project_root / "options", root / "options")
    target = root / "options" / "trilateral-economic-security-council.yaml"
    doc = yaml.safe_load(target.read_text(encoding="utf-8"))
    doc["title"] = XSS_TITLE
    doc["summary"] = XSS_CLAIM
    doc["arguments"][0]["claim"] = XSS_CLAIM
    doc["arguments"][0]["evidence"][0]["quote"] = XSS_QUOTE
    target.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    cat = trilat_opt.load(root)
    assert cat.option("trilateral-economic-security-council").title == XSS_TITLE
    return write(build(cat, samples=50, seed=1), root / "report")


def test_html_and_script_in_option_text_stay_inert(browser, hostile_report):
    loaded = Loaded(browser, hostile_report)
    page = loaded.page
    try:
        assert page.evaluate("() => window.__xss === undefined")
        assert loaded.dialogs == []
        assert page.locator("main img").count() == 0
        assert page.locator("main b", has_text="title").count() == 0
        # The hostile text is shown as text, in the evidence section and in the tables.
        opt = page.locator("#opt-trilateral-economic-security-council > summary")
        assert XSS_TITLE in opt.text_content()
        assert page.get_by_text(XSS_QUOTE.split(" a hostile")[0], exact=False).count() >= 1
        assert loaded.errors == []
        assert loaded.external_requests == []
    finally:
        page.close()


def test_csv_matches_what_the_page_shows(loaded, report_dir):
    """Portfolio rows in the page are the rows of portfolio.csv, in order."""
    csv = pd.read_csv(report_dir / "portfolio.csv")
    shown = loaded.page.locator("#t-portfolio tbody tr td:first-child").all_text_contents()
    assert [s.strip() for s in shown] == csv["title"].tolist()
