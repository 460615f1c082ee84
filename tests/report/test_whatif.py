"""The what-if panel's data and page parts (no browser): the programme, the sliders, the command, the CSP."""

from __future__ import annotations

import html
import json
import re

import numpy as np
import pytest

from trilat_opt.report import build, render_html
from trilat_opt.report.whatif import slider
from trilat_opt.values import option_values


def test_panel_data_describes_this_runs_programme_and_answer(report_data, shipped):
    w = report_data.whatif
    assert w["programme"]["options"] == shipped.option_ids
    assert w["titles"] == [o.title for o in shipped.options]
    assert w["run"]["selected"] == list(report_data.tables["portfolio"].index)
    assert w["run"]["objective_value"] == report_data.summary["objective_value"]
    assert {c["id"]: c["weight"] for c in w["criteria"]} == pytest.approx(report_data.manifest["weights"], abs=1e-12)
    bounds = {c.id: c.bounds or (0.0, 1.0) for c in shipped.criteria}
    assert {c["id"]: (c["low"], c["high"]) for c in w["criteria"]} == bounds
    assert [p["id"] for p in w["profiles"]] == ["washington", "tokyo", "seoul"]
    assert w["live_objectives"] == ["value", "expected"]


def test_page_values_under_the_run_weights_are_the_additive_values(report_data, shipped):
    """The page ranks by sum_j net * factor * w: values.option_values on the same scores."""
    w = report_data.whatif
    prog = w["programme"]
    weights = [c["weight"] for c in w["criteria"]]
    page = np.array(prog["net"]) * np.array(prog["factors"]["base"]) @ np.array(weights)
    scores = report_data.tables["scores"]
    expected = option_values(scores, report_data.manifest["weights"], shipped.frame.neutral_base)
    assert page == pytest.approx(expected.reindex(prog["options"]).to_numpy(), abs=1e-12)


def test_one_slider_per_budget_and_risk_cap_moving_its_own_row(report_data, shipped):
    limits = report_data.whatif["limits"]
    rows = report_data.whatif["programme"]["rows"]
    assert [(s["kind"], s["id"]) for s in limits] == [("budget", b.id) for b in shipped.frame.budgets] + [
        ("risk", r.id) for r in shipped.frame.risks
    ]
    for s in limits:
        assert (rows[s["row"]]["kind"], rows[s["row"]]["ref"]) == (s["kind"], s["id"])
        assert rows[s["row"]]["rhs"] == s["value"] == s["yaml"]
        assert s["min"] == 0 and s["value"] <= s["max"]
        k = s["value"] / s["step"]
        assert k == pytest.approx(round(k), abs=1e-9), "the YAML value lies on the slider's grid"


@pytest.mark.parametrize(
    ("value", "total", "step", "high"),
    [(550.0, 1234.5, 1.0, 1250.0), (2.5, 9.0, 0.01, 9.0), (7.0, 21.0, 0.1, 25.0), (40.0, 12.0, 0.1, 40.0)],
)
def test_slider_steps_hit_the_value_and_span_the_menu(value, total, step, high):
    s = slider("budget", "b", "B", "", value, total, value)
    assert (s["step"], s["max"]) == (step, high)


def test_caps_and_budgets_change_the_programme_the_command_and_the_run_name(shipped, report_data):
    data = build(shipped, samples=20, seed=1, full=False, caps={"china-coercion": 1.5}, budgets={"public-funding": 30})
    assert data.manifest["command"] == (
        "trilat-opt report --cap china-coercion=1.5 --budget public-funding=30 --samples 20 --seed 1 --quick"
    )
    plain = build(shipped, samples=20, seed=1, full=False)
    assert plain.run_name != data.run_name
    limits = {s["id"]: s for s in data.whatif["limits"]}
    assert (limits["china-coercion"]["value"], limits["china-coercion"]["yaml"]) == (1.5, 3.0)
    assert (limits["public-funding"]["value"], limits["public-funding"]["yaml"]) == (30, 40)
    cons = data.tables["constraints"].set_index("name")
    assert cons.loc["budget public-funding", "limit"] == 30 and cons.loc["risk china-coercion", "limit"] == 1.5
    assert data.whatif["run"]["tail_args"] == ["--samples 20", "--seed 1", "--quick"]


def test_forced_options_are_rows_of_the_page_programme_and_flags_of_its_command(shipped):
    """--include/--exclude hold in the page too, so the copied command must carry them."""
    ids = shipped.option_ids
    data = build(shipped, samples=20, seed=1, full=False, include=(ids[-1],), exclude=(ids[0],))
    rows = {(r["kind"], r["ref"]) for r in data.whatif["programme"]["rows"]}
    assert ("include", ids[-1]) in rows and ("exclude", ids[0]) in rows
    assert data.whatif["run"]["tail_args"][:2] == [f"--include {ids[-1]}", f"--exclude {ids[0]}"]
    assert ids[-1] in data.whatif["run"]["selected"] and ids[0] not in data.whatif["run"]["selected"]


def test_the_programme_stays_out_of_results_json(report_dir):
    text = (report_dir / "results.json").read_text(encoding="utf-8")
    assert '"programme"' not in text and "whatif" not in json.loads(text)


def test_the_page_allows_webassembly_and_its_own_three_scripts_only(report_data):
    page = render_html(report_data)
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    script_src = re.search(r"script-src ([^;]+);", csp).group(1).split()
    assert len([s for s in script_src if s.startswith("'sha256-")]) == 3
    assert "'wasm-unsafe-eval'" in script_src and "'unsafe-eval'" not in script_src
    assert "connect-src 'none'" in csp and "default-src 'none'" in csp
    assert "Copyright (c) 2026 HiGHS" in page and "Permission is hereby granted" in page


def test_a_page_without_a_portfolio_carries_no_solver(report_data):
    from dataclasses import replace

    page = render_html(replace(report_data, whatif=None))
    assert "highs-wasm" not in page and "'wasm-unsafe-eval'" not in page
