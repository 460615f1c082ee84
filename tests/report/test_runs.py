"""Run names and reports/index.html (issue 17, item 4); the `report` command's runs are tested in
tests/cli/test_report_cmd.py."""

from __future__ import annotations

import json

from trilat_opt.report.data import run_name
from trilat_opt.report.runs import index_html, list_runs, write_index


def test_default_names_say_the_profile_objective_and_weights():
    name = run_name("seoul", "robust", {"a": 0.35, "b": 0.65}, {"scenario": None}, {"a": 0.35})
    assert name.startswith("seoul-robust-a-0.35-") and len(name.rsplit("-", 1)[1]) == 8


def test_the_index_escapes_text_and_leaves_a_foreign_index_alone(tmp_path):
    (tmp_path / "index.html").write_text("<p>mine</p>", encoding="utf-8")
    assert write_index(tmp_path) is None
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "<p>mine</p>"
    run = tmp_path / "r"
    run.mkdir()
    manifest = {"profile_name": "<b>x</b>", "objective": "value", "generated": "2026-01-02T00:00:00Z"}
    (run / "results.json").write_text(json.dumps({"manifest": manifest, "summary": {}}), encoding="utf-8")
    page = index_html(list_runs(tmp_path))
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page and "<script" not in page
