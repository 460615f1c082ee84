"""CLI tests for sensitivity, frontier and diff: exit codes, messages, formats, determinism, help."""

from __future__ import annotations

import json

import pytest

from factories import BOUNDED_CRITERIA, weighted_project
from factories import run_cli as run


@pytest.fixture
def p(tiny_project):
    return ["--project", str(tiny_project)]


def test_sensitivity_json_is_deterministic_and_complete(capsys, p, tmp_path):
    args = [*p, "sensitivity", "--smaa", "--core", "--arguments", "--samples", "150", "--seed", "3", "--format", "json"]
    code, first, _ = run(capsys, *args)
    assert code == 0
    code, second, _ = run(capsys, *args)
    assert code == 0 and first == second
    data = json.loads(first)
    assert set(data) == {"weights", "outside_bounds", "smaa", "core", "arguments"}
    assert data["smaa"]["samples"] == 150 and len(data["smaa"]["acceptability"]) == 4
    assert {r["class"] for r in data["core"]["options"]} <= {"core", "borderline", "exterior"}
    assert data["arguments"]["hinges"] == [r["argument"] for r in data["arguments"]["table"] if r["critical"]]


def test_sensitivity_default_runs_the_cheap_analyses(capsys, p):
    code, out, _ = run(capsys, *p, "sensitivity", "--samples", "200", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"weights", "outside_bounds", "stability", "portfolio", "smaa"}
    rows = {r["criterion"]: r for r in data["stability"]}
    assert rows["deterrence"]["top_low"] <= 0.5 <= rows["deterrence"]["top_high"]


def test_sensitivity_csv_needs_one_analysis(capsys, p):
    code, out, err = run(capsys, *p, "sensitivity", "--format", "csv")
    assert code == 2 and out == ""
    assert "--format csv holds one table: name exactly one of --stability, --smaa, --core, --arguments" in err
    code, out, _ = run(capsys, *p, "sensitivity", "--stability", "--format", "csv")
    assert code == 0 and out.startswith("criterion,weight,top,top_low,top_high")


def test_sensitivity_bad_weight_is_exit_2(capsys, p):
    code, _, err = run(capsys, *p, "sensitivity", "--weight", "nope=0.3")
    assert code == 2 and "unknown criterion" in err


def test_sensitivity_reports_the_rule_beside_its_samples(tmp_path, capsys):
    bounded = weighted_project(tmp_path, BOUNDED_CRITERIA)
    args = ["--project", str(bounded), "sensitivity", "--smaa", "--samples", "50", "--weight", "deterrence=0.9"]
    code, out, err = run(capsys, *args, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["outside_bounds"][0].startswith("deterrence weighs 0.900")
    code, out, _ = run(capsys, *args)
    assert "note: this run's weights for deterrence, resilience lie outside the bounds" in out


def test_frontier_formats(capsys, p, tmp_path):
    code, out, _ = run(capsys, *p, "frontier", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0] == "point,value,exposure,size,selected,entering,leaving"
    target = tmp_path / "front.json"
    code, out, err = run(capsys, *p, "frontier", "--format", "json", "--out", str(target))
    assert code == 0 and out == "" and f"wrote {target}" in err
    data = json.loads(target.read_text())
    values = [pt["value"] for pt in data["points"]]
    assert values == sorted(values, reverse=True) and data["complete"] is True
    code, _, err = run(capsys, *p, "frontier", "--objective", "robust")
    assert code == 2 and "the frontier trades value or expected value" in err


def test_diff_of_two_optimize_results(capsys, p, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert run(capsys, *p, "optimize", "--format", "json", "--out", str(a))[0] == 0
    assert run(capsys, *p, "optimize", "--weight", "resilience=0.7", "--format", "json", "--out", str(b))[0] == 0
    code, out, _ = run(capsys, *p, "diff", str(a), str(b), "--format", "json")
    assert code == 0
    d = json.loads(out)
    sel_a, sel_b = json.loads(a.read_text())["selected"], json.loads(b.read_text())["selected"]
    assert d["entering"] == [o for o in sel_b if o not in sel_a]
    assert d["leaving"] == [o for o in sel_a if o not in sel_b]
    assert {w["criterion"]: w["b"] for w in d["weights"]}["resilience"] == pytest.approx(0.7)


def test_diff_against_a_weight_override(capsys, p):
    code, out, _ = run(capsys, *p, "diff", "--weight", "deterrence=0.8", "--format", "json")
    assert code == 0
    d = json.loads(out)
    crossed = {r["criterion"]: r for r in d["crossed"]}
    assert list(crossed) == ["deterrence"]
    # Crossing the ranking interval and an observed ranking change must agree.
    assert crossed["deterrence"]["crossed_ranking"] == d["changed"]["ranking"]
    assert crossed["deterrence"]["crossed_portfolio"] == d["changed"]["portfolio"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff"], "diff: give two result files A B, or --weight ID=VALUE"),
        (["diff", "only-one.json"], "diff: expected two result files A B, got 1"),
        (["diff", "a.json", "b.json", "--weight", "deterrence=0.3"], "diff: give either two result files or --weight"),
        (["diff", "missing-a.json", "missing-b.json"], "no such file"),
    ],
)
def test_diff_usage_errors(capsys, p, args, message):
    code, out, err = run(capsys, *p, *args)
    assert code == 2 and out == "" and message in err
