"""Fixtures shared by the report tests: one report of the shipped project, built and written once;
one of a four-option project small enough to check every table by hand (`small`); and a
headless Chromium page factory (skipped with a reason when no Chromium can be had)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import trilat_opt
from factories import CRITERIA, argument, option_text, write_project
from trilat_opt.report import build, write

SAMPLES = 300
EPOCH = "1767225600"
"""SOURCE_DATE_EPOCH of the shared report: 2026-01-01T00:00:00Z, so reruns can be compared byte for byte."""
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def shipped(project_root: Path) -> trilat_opt.Catalogue:
    return trilat_opt.load(project_root)


@pytest.fixture(scope="session")
def report_data(shipped):
    """The shipped project's report data (few SMAA samples to keep the suite fast)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return build(shipped, samples=SAMPLES, seed=7)


@pytest.fixture(scope="session")
def report_dir(report_data, tmp_path_factory) -> Path:
    return write(report_data, tmp_path_factory.mktemp("report") / "run").parent


SMALL_CRITERIA = CRITERIA.replace(
    "    weight: 0.4\n",
    "    weight: 0.4\n  - id: burden\n    name: Administrative burden\n    weight: 0.2\n    direction: min\n",
).replace(
    "    weights: {deterrence: 0.7, resilience: 0.3}\n",
    "    weights: {deterrence: 0.7, resilience: 0.3}\n"
    "  - id: seoul\n    name: Seoul\n    country: KR\n    weights: {resilience: 0.8, burden: 0.2}\n",
)
"""factories.CRITERIA (neutral base 0.5; risk history, likelihood 0.3, cap 1; scenario crisis
doubling it; budget money of 10) plus a criterion to minimise and a second capital."""

SMALL_OPTIONS = {
    # option: (cost, exposure to history, [(argument, criterion, stance, strength)])
    "alpha": (4, 0.5, [("a-det", "deterrence", "pro", 0.9), ("a-res", "resilience", "con", 0.2)]),
    "beta": (3, 0.4, [("b-det", "deterrence", "pro", 0.6)]),
    "gamma": (5, 0.2, [("g-res", "resilience", "pro", 0.8)]),
    "delta": (1, 0.0, [("d-bur", "burden", "pro", 0.7), ("d-det", "deterrence", "pro", 0.3)]),
}
"""No argument attacks another, so each claim's DF-QuAD score is the neutral base moved toward 1
by its supporter's strength or toward 0 by its attacker's: 0.5 + 0.5 * s, or 0.5 - 0.5 * s."""


def write_small(root: Path, criteria: str = SMALL_CRITERIA) -> Path:
    options = {
        oid: option_text(
            oid,
            [argument(a, c, stance, s) for a, c, stance, s in args],
            costs={"money": cost},
            exposures={"history": level} if level else {},
        )
        for oid, (cost, level, args) in SMALL_OPTIONS.items()
    }
    return write_project(root, options, criteria)


@pytest.fixture(scope="session")
def small_cat(tmp_path_factory) -> trilat_opt.Catalogue:
    return trilat_opt.load(write_small(tmp_path_factory.mktemp("small")))


@pytest.fixture(scope="session")
def small(small_cat):
    """The small project's full report under criteria.yaml's weights."""
    return build(small_cat, samples=200, seed=1)


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium driven by Playwright, or a skip saying why there is none."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}; install Debian's 'chromium' package to run browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


class Loaded:
    """A page opened from file://, with every console message and network request it made."""

    def __init__(self, browser, index: Path):
        self.url = index.resolve().as_uri()
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.console: list[tuple[str, str]] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.console.append(("pageerror", str(e))))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(self.url)
        # Charts draw asynchronously; each chart div gets data-rendered when done (or failed).
        self.page.wait_for_selector("div.vega:not([data-rendered])", state="detached", timeout=30_000)

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [m for m in self.console if m[0] in ("error", "pageerror")]

    @property
    def external_requests(self) -> list[str]:
        return [u for u in self.requests if u != self.url]


@pytest.fixture(scope="module")
def loaded(browser, report_dir):
    page = Loaded(browser, report_dir / "index.html")
    yield page
    page.page.close()
