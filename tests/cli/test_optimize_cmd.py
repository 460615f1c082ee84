"""`trilat-opt optimize`: formats, exit codes, messages, export and determinism."""

from __future__ import annotations

import json

import pytest

from factories import option_text, write_project
from factories import run_cli as run
from trilat_opt.record import RunRecord


@pytest.fixture
def project(tmp_path):
    # three equal options, each with exposure 0.4 to `history` (cap 1.0): two fit, a tie
    options = {o: option_text(o) for o in ("gamma", "alpha", "beta")}
    return str(write_project(tmp_path / "p", options))


def test_json_holds_the_promised_fields(capsys, project):
    code, out, err = run(capsys, "--project", project, "optimize", "--format", "json")
    assert code == 0 and "cbc: optimal" in err
    data = json.loads(out)
    assert {"selected", "objective", "values", "status", "solver", "constraints", "weights"} <= set(data)
    assert (data["kind"], data["version"], data["objective"]) == ("trilat-opt run", 1, "value")
    RunRecord.model_validate(data)  # the run record's own model (schema/run.schema.json)
    assert data["selected"] == ["alpha", "beta"]  # the tie goes to the first ids
    assert data["status"] == "optimal" and data["proven_optimal"] and data["gap"] == 0
    assert data["objective_value"] == pytest.approx(sum(data["values"][o] for o in data["selected"]))
    assert set(data["values"]) == {"alpha", "beta", "gamma"}
    risk = next(c for c in data["constraints"] if c["name"] == "risk history")
    assert risk["used"] == pytest.approx(0.8) and risk["limit"] == 1.0 and risk["slack"] == pytest.approx(0.2)
    assert {e["name"] for e in data["exposure"] if e["kind"] == "country"} == {"JP", "KR"}


def test_output_is_byte_identical_across_runs_and_solvers_agree(capsys, project):
    first = run(capsys, "--project", project, "optimize", "-f", "json")[1]
    again = run(capsys, "--project", project, "optimize", "-f", "json")[1]
    assert first == again
    highs = json.loads(run(capsys, "--project", project, "optimize", "-f", "json", "--solver", "highs")[1])
    assert highs["selected"] == json.loads(first)["selected"] and highs["solver"] == "highs"


def test_table_and_csv(capsys, project):
    code, out, _ = run(capsys, "--project", project, "optimize", "--objective", "consensus")
    assert code == 0 and "Selected options (2)" in out and "risk history" in out and "satisfaction" in out
    code, out, _ = run(capsys, "--project", project, "optimize", "-f", "csv")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "section,name,kind,value,used,limit,slack"
    assert "option,alpha,selected," in out and "option,gamma,," in out and "constraint,risk history,risk" in out


def test_infeasible_what_if_gets_a_diagnosis_and_exit_1(capsys, project):
    """No portfolio is not success: exit 1 (issue 17), the diagnosis printed either way."""
    forced = ["--include", "alpha", "--include", "beta", "--include", "gamma"]
    code, out, err = run(capsys, "--project", project, "optimize", *forced)
    assert code == 1
    assert "infeasible" in out and "risk cap history too tight by 0.2 (cap 1, needs 1.2)" in out
    assert "no portfolio satisfies every rule; the diagnosis above says what to relax" in err
    code, out, err = run(capsys, "--project", project, "optimize", *forced, "--format", "json")
    assert code == 1 and json.loads(out)["status"] == "infeasible"
    assert "risk cap history too tight by 0.2 (cap 1, needs 1.2)" in err


def test_include_and_exclude_of_one_option_is_a_usage_error(capsys, project):
    code, out, err = run(capsys, "--project", project, "optimize", "--include", "alpha", "--exclude", "alpha")
    assert code == 2 and out == ""
    assert "--include alpha and --exclude alpha: an option cannot be forced both in and out; drop one" in err
    code, out, _ = run(
        capsys,
        "--project",
        project,
        "optimize",
        "-f",
        "json",
        "--exclude",
        "alpha",
        "--exclude",
        "beta",
        "--exclude",
        "gamma",
        "--objective",
        "robust",
    )
    assert code == 0 and json.loads(out)["status"] == "optimal" and json.loads(out)["selected"] == []


def test_caps_and_budgets_change_for_one_run(capsys, project):
    code, out, _ = run(capsys, "--project", project, "optimize", "-f", "json", "--cap", "history=1.2")
    data = json.loads(out)
    assert code == 0 and data["selected"] == ["alpha", "beta", "gamma"] and data["settings"]["caps"] == {"history": 1.2}
    risk = next(c for c in data["constraints"] if c["name"] == "risk history")
    assert risk["limit"] == 1.2
    code, out, _ = run(capsys, "--project", project, "optimize", "--cap", "history=0", "--include", "alpha")
    assert code == 1 and "risk cap history too tight by 0.4 (cap 0, needs 0.4)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--include", "delta"], "--include 'delta': unknown option; did you mean 'beta'? (known: alpha, beta, gamma)"),
        (["--exclude", "delta"], "--exclude 'delta': unknown option"),
        (["--scenario", "war"], "--scenario 'war': unknown scenario (known: crisis)"),
        (["--cap", "history=-0.5"], "--cap history=-0.5: input should be greater than or equal to 0"),
        (["--budget", "treasure=1"], "--budget 'treasure': unknown budget (known: money)"),
        (["--export-model", "model.txt"], "--export-model model.txt: the file name must end in .lp or .mps"),
        (["--gap", "2"], "--gap 2.0: expected a relative gap in [0, 1)"),
    ],
)
def test_bad_input_exits_2_with_a_message(capsys, project, args, message):
    code, out, err = run(capsys, "--project", project, "optimize", *args)
    assert code == 2 and message in err and out == ""


def test_export_model(capsys, project, tmp_path):
    target = tmp_path / "portfolio.lp"
    code, out, err = run(capsys, "--project", project, "optimize", "--export-model", str(target), "-f", "json")
    assert code == 0 and f"wrote {target}" in err and json.loads(out)["selected"]
    text = target.read_text()
    assert all(f"x_{o}" in text for o in ("alpha", "beta", "gamma")) and "risk_history" in text
