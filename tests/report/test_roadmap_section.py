"""The report's roadmap section: built by a full report, skipped (and said so) by --quick."""

from __future__ import annotations

import trilat_opt
from factories import CRITERIA, option_text, write_project
from trilat_opt.report import build
from trilat_opt.report.charts import build_charts
from trilat_opt.report.method import method_blocks
from trilat_opt.report.render import render_html
from trilat_opt.report.roadmap_view import ROADMAP_CHARTS
from trilat_opt.report.steps import FULL_ONLY


def test_a_full_report_has_the_roadmap_tables_charts_and_section(report_data, shipped):
    t = report_data.tables
    plan = t["roadmap"]
    assert len(plan) > 0 and (plan["start_date"] < plan["delivery_date"]).all()
    assert set(t["roadmap_events"].index) == {e.id for e in shipped.frame.roadmap.events}
    assert (t["roadmap_budgets"]["slack"] >= -1e-7).all()
    assert set(t["roadmap_delays"].index) == set(plan.index)
    charts = build_charts(report_data, ROADMAP_CHARTS)
    assert {"gantt", "period_use", "delays"} <= set(charts)
    gantt = charts["gantt"].spec
    assert len(gantt["layer"]) == 3, "bars, event rules and event labels"
    html = render_html(report_data)
    for part in ('id="roadmap"', 'id="fig-gantt"', 'id="t-roadmap-events"', 'id="t-roadmap-delays"', "Whose timing"):
        assert part in html
    (block,) = [b for b in method_blocks(report_data) if b["title"].startswith("When to start")]
    periods = report_data.summary["roadmap"]["periods"]
    assert f"{periods[0]} to {periods[-1]}, {len(periods)} periods" in block["paragraphs"][0]


def test_quick_skips_the_roadmap_and_says_so(tmp_path):
    cat = trilat_opt.load(write_project(tmp_path / "p", {o: option_text(o) for o in ("alpha", "beta")}, CRITERIA))
    data = build(cat, full=False, samples=50)
    assert data.missing["roadmap"] == FULL_ONLY
    assert not any(k.startswith("roadmap") for k in data.tables)
    assert not any(b["title"].startswith("When to start") for b in method_blocks(data))
    assert "Roadmap: when to start each option" in render_html(data) and FULL_ONLY[:30] in render_html(data)
