"""The what-if panel in real Chromium, checked against the Python optimizer as an oracle.

One browser and one built report (conftest), one page for the panel's tests. The page publishes
its live result on the panel (`data-live-portfolio`, `data-live-weights`, `data-live-status`,
`data-live-objective`); the oracle re-solves the same settings with Python's HiGHS, exactly (gap 0).
A page portfolio passes when its objective is within 1e-9 (relative) of Python's optimum, it
satisfies every rule, and it is Python's portfolio unless the two are tied.
"""

from __future__ import annotations

import json
import math
import shlex
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from factories import run_cli
from oracles.instances import instances
from oracles.portfolio import brute_force
from trilat_opt.analysis.sampling import sample_weights, weight_space_of
from trilat_opt.limits import override_limits
from trilat_opt.optimize import optimize, problem_from_catalogue
from trilat_opt.optimize.resolve import Resolver
from trilat_opt.optimize.rules import rules_of
from trilat_opt.report import build, write
from trilat_opt.values import ValueModel, option_values
from trilat_opt.weights import resolve_weights

from .conftest import Loaded

pytestmark = pytest.mark.browser

UNIT = 1_000_000
AXE = Path(__file__).parent / "vendor" / "axe.min.js"

BATCH = """async (fragments) => {
  const out = [];
  for (const f of fragments) {
    await window.trilatWhatIf.apply(f);
    const p = document.getElementById("whatif-panel");
    out.push({
      status: p.dataset.liveStatus,
      portfolio: JSON.parse(p.dataset.livePortfolio),
      weights: JSON.parse(p.dataset.liveWeights),
      objective: p.dataset.liveObjective === "" ? null : Number(p.dataset.liveObjective),
      diagnosis: [...document.querySelectorAll("#wi-diagnosis-list li")].map((li) => li.textContent),
    });
  }
  return out;
}"""


@pytest.fixture(scope="module")
def panel(browser, report_dir):
    loaded = Loaded(browser, report_dir / "index.html")
    loaded.page.evaluate("() => window.trilatWhatIf.ready")
    yield loaded
    loaded.page.close()


@pytest.fixture(scope="module")
def oracle(shipped, report_data):
    return Oracle(shipped, report_data)


class Oracle:
    """Python's answer for the settings the page shows."""

    def __init__(self, cat, data):
        self.cat, self.data = cat, data
        self.scores = data.tables["scores"]
        self.values = ValueModel.of(cat, self.scores)
        self.crits = list(self.values.net.columns)
        self.resolvers: dict = {}

    def problem(self, weights, scenario=None, caps=None, budgets=None):
        cat = override_limits(self.cat, caps, budgets)
        return problem_from_catalogue(cat, self.scores, weights, scenario=scenario)

    def expect(self, weights: dict, objective="value", scenario=None, caps=None, budgets=None) -> dict:
        """Python's optimum for these settings: its portfolio and value, or its diagnosis."""
        problem = self.problem(weights, scenario, caps, budgets)
        key = (objective, scenario, json.dumps(caps, sort_keys=True), json.dumps(budgets, sort_keys=True))
        if key not in self.resolvers:
            result = optimize(problem, objective, solver="highs")
            if result.status == "infeasible":
                self.resolvers[key] = result
            else:
                self.resolvers[key] = Resolver(problem, objective, "highs")
        found = self.resolvers[key]
        if not isinstance(found, Resolver):
            return {"status": "infeasible", "diagnosis": found.diagnosis}
        column = self.values.values(np.array([weights[c] for c in self.crits]))[problem.value_column]
        chosen, best = found.optimum(column)
        return {
            "status": "optimal",
            "problem": problem,
            "resolver": found,
            "column": column,
            "chosen": chosen,
            "best": best,
        }

    def check(self, shown: dict, expected: dict) -> None:
        """Assert that the page's portfolio is an optimum of Python's programme for the same settings."""
        assert shown["status"] == expected["status"], shown
        if shown["status"] == "infeasible":
            assert len(shown["diagnosis"]) == len(expected["diagnosis"].relaxations), (shown, expected)
            return
        resolver, column, best = expected["resolver"], expected["column"], expected["best"]
        page = resolver.objective_of(shown["portfolio"], column)
        assert math.isclose(shown["objective"], best, rel_tol=1e-9, abs_tol=1e-12), (shown["objective"], best)
        assert math.isclose(page, best, rel_tol=1e-9, abs_tol=1e-12), (page, best)
        x = np.array([o in set(shown["portfolio"]) for o in expected["problem"].options], dtype=float)
        assert all(r.slack(x) >= -1e-9 * max(1.0, abs(r.rhs)) for r in rules_of(expected["problem"]))
        tied = math.isclose(resolver.objective_of(expected["chosen"], column), page, rel_tol=1e-9)
        assert tuple(shown["portfolio"]) == tuple(expected["chosen"]) or tied


def solve_in_page(page, fragments: list[str], meanwhile):
    """Have the page solve every fragment while Python computes `meanwhile()`; both results."""
    page.evaluate(f"(f) => {{ window.__batch = ({BATCH})(f); }}", fragments)
    expected = meanwhile()
    return page.evaluate("() => window.__batch"), expected


def units_within_bounds(w: np.ndarray, bounds: list[tuple[float, float]]) -> list[int]:
    """Whole millionths summing to 1,000,000 within the bounds: floors, then the largest remainders."""
    lo = [math.ceil(b[0] * UNIT - 1e-6) for b in bounds]
    hi = [math.floor(b[1] * UNIT + 1e-6) for b in bounds]
    u = [min(h, max(lw, math.floor(v * UNIT))) for v, lw, h in zip(w, lo, hi, strict=True)]
    for j in sorted(range(len(w)), key=lambda j: u[j] - w[j] * UNIT):
        if sum(u) < UNIT and u[j] < hi[j]:
            u[j] += 1
    assert sum(u) == UNIT
    return u


def test_panel_opens_on_the_reports_own_portfolio(panel, report_data):
    page, root = panel.page, panel.page.locator("#whatif-panel")
    assert root.get_attribute("data-live-status") == "optimal"
    assert json.loads(root.get_attribute("data-live-portfolio")) == list(report_data.tables["portfolio"].index)
    weights = json.loads(root.get_attribute("data-live-weights"))
    assert weights == pytest.approx(report_data.manifest["weights"], abs=1e-12)
    assert float(root.get_attribute("data-live-objective")) == pytest.approx(
        report_data.summary["objective_value"], rel=1e-9
    )
    assert page.locator("#wi-cmd").text_content() == report_data.manifest["command"]
    assert page.locator("#wi-portfolio li").count() == len(report_data.tables["portfolio"])
    assert panel.errors == [] and panel.external_requests == []


def test_100_random_weight_vectors_agree_with_python(panel, oracle, shipped):
    space = weight_space_of(shipped)
    bounds = [c.bounds or (0.0, 1.0) for c in shipped.criteria]
    units = [units_within_bounds(w, bounds) for w in sample_weights(space, 100, 2026)]
    given = [{c.id: v / UNIT for c, v in zip(shipped.criteria, u, strict=True)} for u in units]
    weights = [resolve_weights(shipped, None, g) for g in given]
    fragments = ["#whatif&w=" + ".".join(map(str, u)) for u in units]
    shown, expected = solve_in_page(panel.page, fragments, lambda: [oracle.expect(w) for w in weights])
    for w, s, e in zip(weights, shown, expected, strict=True):
        assert s["weights"] == w, "the page's shares are --weight's, to the bit"
        oracle.check(s, e)


def test_20_random_cap_and_budget_settings_agree_with_python(panel, oracle, report_data, shipped):
    rng = np.random.default_rng(16)
    limits = report_data.whatif["limits"]
    scenarios = [None, *(s.id for s in shipped.frame.scenarios)]
    cases, fragments = [], []
    for _ in range(20):
        caps, budgets, parts = {}, {}, []
        for k in rng.choice(len(limits), size=int(rng.integers(1, 5)), replace=False):
            s = limits[int(k)]
            value = round(float(rng.uniform(0.4 * s["yaml"], s["max"])) / s["step"]) * s["step"]
            (caps if s["kind"] == "risk" else budgets)[s["id"]] = float(f"{value:.10g}")
        objective = str(rng.choice(["value", "expected"]))
        scenario = scenarios[int(rng.integers(len(scenarios)))]
        parts += ["cap=" + ",".join(f"{k}:{v}" for k, v in caps.items())] if caps else []
        parts += ["budget=" + ",".join(f"{k}:{v}" for k, v in budgets.items())] if budgets else []
        parts += [f"o={objective}", f"s={scenario or 'base'}"]
        cases.append((objective, scenario, caps, budgets))
        fragments.append("#whatif&" + "&".join(parts))
    weights = report_data.manifest["weights"]
    shown, expected = solve_in_page(panel.page, fragments, lambda: [oracle.expect(weights, *c) for c in cases])
    for s, e in zip(shown, expected, strict=True):
        oracle.check(s, e)
    assert {s["status"] for s in shown} <= {"optimal", "infeasible"}


def test_infeasible_settings_name_the_fewest_rules_to_relax(panel, oracle, report_data, shipped):
    limits = report_data.whatif["limits"]
    caps = {s["id"]: 0.0 for s in limits if s["kind"] == "risk"}
    fragment = "#whatif&cap=" + ",".join(f"{k}:0" for k in caps)
    (shown,) = panel.page.evaluate(BATCH, [fragment])
    assert shown["status"] == "infeasible" and shown["portfolio"] is None
    assert panel.page.locator("#wi-diagnosis").is_visible()
    result = optimize(oracle.problem(report_data.manifest["weights"], caps=caps), solver="highs")
    assert sorted(shown["diagnosis"]) == sorted(result.diagnosis.messages)


def test_a_weight_slider_rescales_the_others_as_weight_does_within_the_bounds(panel, shipped, report_data):
    page = panel.page
    page.evaluate("() => window.trilatWhatIf.apply('')")
    slider = page.locator("#whatif-panel").get_by_label("Deterrence")
    slider.focus()
    page.keyboard.press("End")
    page.evaluate("() => window.trilatWhatIf.idle()")
    shown = json.loads(page.locator("#whatif-panel").get_attribute("data-live-weights"))
    assert shown["deterrence"] == 0.45, "stops at its upper bound in criteria.yaml"
    expected = resolve_weights(shipped, None, {**report_data.manifest["overrides"], "deterrence": 0.45})
    assert shown == pytest.approx(expected, abs=1e-6)
    assert page.locator("#wi-wo-deterrence").text_content() == "45.0%"
    assert slider.get_attribute("aria-valuetext") == "45.0%"
    page.locator("#whatif-panel").get_by_label("Public legitimacy").focus()
    page.keyboard.press("End")
    page.evaluate("() => window.trilatWhatIf.idle()")
    shown = json.loads(page.locator("#whatif-panel").get_attribute("data-live-weights"))
    lows = {c.id: (c.bounds or (0.0, 1.0))[0] for c in shipped.criteria}
    assert shown["public-legitimacy"] == pytest.approx(1 - sum(lows.values()), abs=1e-12)
    assert all(shown[c] == pytest.approx(lows[c], abs=1e-12) for c in lows if c != "public-legitimacy")
    assert math.fsum(shown.values()) == pytest.approx(1.0, abs=1e-12)


def test_the_fragment_reopens_the_same_what_if(panel, browser):
    page = panel.page
    page.evaluate(
        "() => window.trilatWhatIf.apply('#whatif&w=p:tokyo&o=expected&s=history-crisis&cap=fickle-public:1.5')"
    )
    url = page.url
    assert "#whatif&" in url
    again = browser.new_page()
    try:
        again.goto(url)
        again.evaluate("() => window.trilatWhatIf.ready")
        for attr in ("data-live-portfolio", "data-live-weights", "data-live-objective"):
            assert again.locator("#whatif-panel").get_attribute(attr) == page.locator("#whatif-panel").get_attribute(
                attr
            )
        assert again.locator("#wi-objective").input_value() == "expected"
        assert again.locator("#wi-scenario").input_value() == "history-crisis"
        assert again.locator("button[data-preset='p:tokyo']").get_attribute("aria-pressed") == "true"
        assert again.locator("#wi-l-10").input_value() == "1.5"
    finally:
        again.close()


def test_the_copied_command_reproduces_the_pages_portfolio(panel, project_root, tmp_path, capsys):
    page = panel.page
    page.evaluate("() => window.trilatWhatIf.apply('')")
    page.locator("#whatif-panel").get_by_label("Institutional durability").fill("0.3")
    page.select_option("#wi-objective", "expected")
    page.select_option("#wi-scenario", "tariff-escalation")
    page.locator("#wi-l-2").fill("30")
    page.evaluate("() => window.trilatWhatIf.idle()")
    root = page.locator("#whatif-panel")
    command = page.locator("#wi-cmd").text_content()
    args = shlex.split(command)
    assert args[:2] == ["trilat-opt", "report"]
    assert len([a for a in args if a == "--weight"]) == 7 and "--budget" in args and "--objective" in args
    out = tmp_path / "again"
    code, _, err = run_cli(capsys, "--project", str(project_root), *args[1:], "--quick", "--out", str(out))
    assert code == 0, err
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert results["selected"] == json.loads(root.get_attribute("data-live-portfolio"))
    assert results["objective_value"] == pytest.approx(float(root.get_attribute("data-live-objective")), rel=1e-9)
    assert results["weights"] == pytest.approx(json.loads(root.get_attribute("data-live-weights")), abs=1e-12)


def test_objectives_the_page_cannot_solve_say_so_and_give_the_command(panel):
    page = panel.page
    page.evaluate("() => window.trilatWhatIf.apply('#whatif&o=consensus')")
    root = page.locator("#whatif-panel")
    assert root.get_attribute("data-live-status") == "unsupported"
    assert root.get_attribute("data-live-portfolio") == "null"
    assert page.locator("#wi-limits").is_visible()
    assert "re-solves the value and expected objectives only" in page.locator("#wi-limits-text").text_content()
    assert "--objective consensus" in page.locator("#wi-cmd").text_content()


def test_the_ranking_follows_the_additive_model_and_marks_the_live_portfolio(panel, report_data, shipped):
    page = panel.page
    chosen = page.evaluate("() => window.trilatWhatIf.apply('#whatif&w=p:seoul')")
    weights = json.loads(page.locator("#whatif-panel").get_attribute("data-live-weights"))
    v = option_values(report_data.tables["scores"], weights, shipped.frame.neutral_base)
    order = page.locator("#live-ranking li").evaluate_all("els => els.map(e => e.dataset.option)")
    assert order == sorted(v.index, key=lambda o: (-round(float(v[o]), 12), o))
    marked = page.locator("#live-ranking li.chosen").evaluate_all("els => els.map(e => e.dataset.option)")
    assert sorted(marked) == sorted(chosen)
    assert page.locator("#live-ranking li.chosen .in").first.text_content() == "in portfolio"


# ---------------------------------------------------------------------------- usable by everyone


def test_keyboard_users_reach_the_what_if_controls_in_two_tabs(panel):
    page = panel.page
    # Start where a keyboard user starts: at the top of the page, nothing focused.
    page.evaluate("() => { const b = document.body; b.tabIndex = -1; b.focus(); b.removeAttribute('tabindex'); }")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to the what-if controls"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('#whatif-controls') !== null")
    controls = page.locator("#whatif-panel input, #whatif-panel select").evaluate_all(
        "els => els.filter(e => !e.labels || e.labels.length === 0).map(e => e.id)"
    )
    assert controls == [], "every slider and select has a label"


@pytest.fixture(scope="module")
def phone(browser, report_dir):
    """The report at 390 px wide, with every section open, CSP bypassed so that axe-core can run."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = context.new_page()
    page.goto((report_dir / "index.html").resolve().as_uri())
    page.wait_for_selector("div.vega:not([data-rendered])", state="detached", timeout=30_000)
    page.evaluate("() => window.trilatWhatIf.ready")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    yield page
    context.close()


def test_no_horizontal_scroll_at_390_px(phone):
    wide = phone.evaluate(
        """() => [...document.querySelectorAll('body *')]
             .filter(e => !e.closest('.table-wrap') && e.getBoundingClientRect().right > window.innerWidth + 1)
             .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className)"""
    )
    assert wide == []
    assert phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_axe_finds_no_serious_or_critical_violation(phone):
    phone.add_script_tag(path=str(AXE))
    found = phone.evaluate(
        """async () => (await axe.run(document, { resultTypes: ["violations"] })).violations
             .filter(v => v.impact === "serious" || v.impact === "critical")
             .map(v => v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | "))"""
    )
    assert found == []


def test_con_badges_are_readable_small_text(phone):
    ratio = phone.evaluate(
        """() => {
          const lum = (c) => {
            const [r, g, b] = c.match(/\\d+/g).slice(0, 3).map((v) => Number(v) / 255)
              .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          const badge = document.querySelector(".badge.con");
          const fg = lum(getComputedStyle(badge).color), bg = lum("rgb(255, 255, 255)");
          return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        }"""
    )
    assert ratio >= 4.5


def test_no_error_in_the_console_after_every_what_if_above(panel):
    """Infeasible settings, warm starts that no longer fit, objectives the page cannot solve: no error."""
    assert panel.errors == [] and panel.external_requests == []


def _programme_of(problem) -> dict:
    """A fixed-value problem as a programme: each value column is a criterion of its own, picked
    out by its factors, so weights of 1 give the problem's values exactly."""
    import pandas as pd

    from trilat_opt.optimize.programme import programme

    columns = ["base", *problem.scenarios]
    net = pd.DataFrame({c: problem.values[c] for c in columns}, index=list(problem.options))
    factors = {c: np.eye(len(columns))[k] for k, c in enumerate(columns)}
    return programme(problem, net, factors)


def _solve_in_page(panel, problem, objective="value", column="base") -> dict:
    prog = _programme_of(problem)
    settings_ = {"objective": objective, "column": column, "weights": [1.0] * len(prog["criteria"])}
    return panel.page.evaluate("([p, s]) => window.trilatWhatIf.solveProgramme(p, s)", [prog, settings_])


def test_ties_break_as_in_python_by_cost_then_first_id_also_beyond_twenty_options(panel):
    """tests/optimize/test_model.py's tie cases, solved in the page."""
    from trilat_opt.model import Rules
    from trilat_opt.optimize import make_problem

    cheaper = make_problem(
        ["a", "b"], [1.0, 1.0], costs={"m": [2, 1], "n": [0, 0]}, limits={"m": 4, "n": 1}, rules=Rules(max_options=1)
    )
    assert _solve_in_page(panel, cheaper)["selected"] == ["b"]
    first = make_problem(["c", "b", "a"], [1.0, 1.0, 1.0], rules=Rules(max_options=1))
    assert _solve_in_page(panel, first)["selected"] == ["a"]
    ids = [f"opt-{k:02d}" for k in range(27)]
    shuffled = list(np.random.default_rng(7).permutation(ids))
    blocks = make_problem(shuffled, [1.0] * 27, costs={"m": [1] * 27}, limits={"m": 10})
    got = _solve_in_page(panel, blocks)
    assert sorted(got["selected"]) == ids[:10] and got["objective"] == 10
    distinct = make_problem(["a", "b", "c"], [3.0, 2.0, 1.5], costs={"m": [3, 2, 2]}, limits={"m": 4})
    assert _solve_in_page(panel, distinct)["selected"] == ["b", "c"]


@pytest.mark.parametrize("objective", ["value", "expected"])
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(inst=instances(max_options=12, with_profiles=False))
def test_random_small_instances_match_brute_force(panel, objective, inst):
    """Random instances on coarse grids, where exact ties are frequent: the page picks the portfolio
    the specification's brute force picks (least total budget share, then the first id)."""
    got = _solve_in_page(panel, inst.problem(), objective, inst.scenario or "base")
    expected = brute_force(inst, objective)
    if expected is None:
        assert got["status"] == "infeasible"
        return
    assert got["status"] == "optimal"
    assert tuple(got["selected"]) == expected[0]
    assert got["objective"] == pytest.approx(expected[1], abs=1e-6)


def test_a_run_weight_outside_its_bounds_is_used_and_marked(browser, shipped, tmp_path):
    """The bounds rule of weights.py: --weight deterrence=0.6 (bounds 5-45%) is used and said to be outside."""
    data = build(shipped, samples=20, seed=1, full=False, overrides={"deterrence": 0.6})
    loaded = Loaded(browser, write(data, tmp_path / "run"))
    page = loaded.page
    page.evaluate("() => window.trilatWhatIf.ready")
    weights = json.loads(page.locator("#whatif-panel").get_attribute("data-live-weights"))
    assert weights["deterrence"] == pytest.approx(0.6)
    assert page.locator("#wi-wo-deterrence").text_content() == "60.0% *"
    note = page.locator("#wi-bounds")
    assert note.is_visible() and "Deterrence 60.0% (bounds 5.0%\u201345.0%)" in note.text_content()
    page.locator("#wi-w-public-legitimacy").fill("0.2")  # any move brings every share within bounds
    assert not note.is_visible() and not page.locator("#wi-wo-deterrence").text_content().endswith("*")
    loaded.page.close()
