"""The run record: one shape written by optimize and report, read by diff, described by its schema."""

from __future__ import annotations

import json

import pytest

from factories import run_cli, write_project
from trilat_opt import InputError
from trilat_opt.analysis import diff_runs, load_run
from trilat_opt.record import RECORD_KIND, RECORD_VERSION, RunRecord, run_record
from trilat_opt.schema import json_schema


def _record(**changes) -> dict:
    base = run_record(
        objective="value",
        objective_value=0.25,
        status="optimal",
        selected=["a"],
        weights={"c": 1.0},
        values={"a": 0.25, "b": 0.1},
    )
    return {**base, **changes}


def test_optimize_and_report_write_the_same_record(tmp_path, capsys):
    root = str(write_project(tmp_path / "p"))
    code, out, _ = run_cli(capsys, "--project", root, "optimize", "--format", "json")
    assert code == 0
    optimized = json.loads(out)
    out_dir = str(tmp_path / "r")
    code, _, _ = run_cli(capsys, "--project", root, "report", "--quick", "--samples", "20", "--out", out_dir)
    assert code == 0
    reported = json.loads((tmp_path / "r" / "results.json").read_text())
    fields = [f for f, info in RunRecord.model_fields.items() if info.is_required()]
    for record in (optimized, reported):
        RunRecord.model_validate(record)
        assert (record["kind"], record["version"]) == (RECORD_KIND, RECORD_VERSION)
    same = ("objective", "objective_value", "status", "selected", "weights", "values")
    assert {k: optimized[k] for k in same} == {k: reported[k] for k in same}
    assert set(fields) <= set(optimized) and set(fields) <= set(reported)
    assert optimized["settings"]["solver"] == reported["settings"]["solver"] == "cbc"


def test_diff_reads_records_and_refuses_versions_it_does_not_know(tmp_path):
    a, b = _record(), _record(selected=["b"], objective_value=0.1)
    d = diff_runs(a, b)
    assert d.entering == ("b",) and d.leaving == ("a",) and d.objective_change == pytest.approx(-0.15)
    (tmp_path / "new.json").write_text(json.dumps(_record(version=2)))
    with pytest.raises(InputError, match="run record version 2; this trilat-opt reads version 1"):
        load_run(tmp_path / "new.json")
    (tmp_path / "other.json").write_text(json.dumps(_record(kind="something else")))
    with pytest.raises(InputError, match="is this a run record"):
        load_run(tmp_path / "other.json")


def test_files_written_before_records_were_versioned_still_read(tmp_path):
    old = {"objective": 0.25, "objective_name": "value", "selected": ["a"], "values": {"a": 0.25}}
    old["settings"] = {"weights": {"c": 1.0}}
    (tmp_path / "old.json").write_text(json.dumps(old))
    run = load_run(tmp_path / "old.json")
    assert (run["objective"], run["objective_value"], run["weights"]) == ("value", 0.25, {"c": 1.0})


def test_the_shipped_schema_describes_the_record(project_root):
    shipped = json.loads((project_root / "schema" / "run.schema.json").read_text())
    assert shipped == json_schema("run")
    assert {"kind", "version", "objective", "objective_value", "selected"} <= set(shipped["required"])
