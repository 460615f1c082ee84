"""CLI tests for validate, options list/show and schema: exit codes, output and help text."""

from __future__ import annotations

import json

import pytest

from factories import option_text, write_project
from factories import run_cli as run
from trilat_opt.schema import SCHEMAS, json_schema


@pytest.fixture
def project(tmp_path):
    return write_project(tmp_path)


def test_validate_prints_counts(capsys, project):
    code, out, _ = run(capsys, "--project", str(project), "validate", "--format", "json")
    assert code == 0
    summary = json.loads(out)
    assert summary["options"] == 2 and summary["arguments"] == 4 and summary["criteria"] == 2


def test_validate_accepts_a_self_attack_with_a_warning(capsys, tmp_path, monkeypatch):
    # The engine solves a self-loop as a cycle of one, so validate accepts it; it warns because a
    # rebuttal naming its own argument is usually a slip for another id.
    monkeypatch.setenv("COLUMNS", "300")
    con = "    criterion: resilience"
    text = option_text("alpha").replace(con, f"{con}\n    attacks: [alpha-con]")
    project = write_project(tmp_path, {"alpha": text, "beta": option_text("beta")})
    code, _, err = run(capsys, "--project", str(project), "validate")
    assert code == 0
    assert "warning: argument 'alpha-con' of option 'alpha' attacks itself: it is evaluated as a cycle" in err


def test_options_list_formats(capsys, project):
    code, out, _ = run(capsys, "--project", str(project), "options", "list", "--format", "csv")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].startswith("id,title,domain,countries,cost:money,arguments,con")
    assert lines[1].startswith("alpha,Option alpha,security,US/JP,2")
    code, out, _ = run(capsys, "--project", str(project), "options", "list", "--format", "json")
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ["alpha", "beta"] and rows[0]["arguments"] == 2


def test_options_list_out_file_is_written_atomically(capsys, project, tmp_path):
    target = tmp_path / "out" / "options.csv"
    code, _, err = run(capsys, "--project", str(project), "options", "list", "-f", "csv", "--out", str(target))
    assert code == 0 and target.read_text().startswith("id,") and "wrote" in err
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_options_show_unknown_id_exits_2(capsys, project):
    code, _, err = run(capsys, "--project", str(project), "options", "show", "gamma")
    assert code == 2 and "unknown option 'gamma'" in err


def test_options_show_json_round_trips(capsys, project):
    code, out, _ = run(capsys, "--project", str(project), "options", "show", "alpha", "--format", "json")
    assert code == 0 and json.loads(out)["arguments"][0]["id"] == "alpha-pro"


def test_internal_error_is_one_line_with_debug_hint(capsys, project, monkeypatch):
    import trilat_opt.cli.catalogue as catalogue

    def boom(_cat):
        raise RuntimeError("kaput")

    monkeypatch.setattr(catalogue, "options_table", boom)
    code, _, err = run(capsys, "--project", str(project), "options", "list")
    assert code == 1 and "internal error: RuntimeError: kaput" in err and "--debug" in err
    assert "Traceback" not in err
    code, _, err = run(capsys, "--project", str(project), "--debug", "options", "list")
    assert code == 1 and "Traceback" in err


def test_bad_usage_exits_2(capsys, project):
    code, _, _ = run(capsys, "--project", str(project), "options", "list", "--format", "xml")
    assert code == 2


def test_shipped_schema_files_match_the_models(project_root):
    for name in SCHEMAS:
        shipped = json.loads((project_root / "schema" / f"{name}.schema.json").read_text())
        assert shipped == json_schema(name), f"schema/{name}.schema.json is stale: run 'trilat-opt schema --out schema'"


def test_shipped_yaml_files_point_at_the_schema(project_root):
    assert "$schema=schema/criteria.schema.json" in (project_root / "criteria.yaml").read_text().splitlines()[0]
    for f in sorted((project_root / "options").glob("*.yaml")):
        assert "$schema=../schema/option.schema.json" in f.read_text().splitlines()[0], f.name


def test_schema_rejects_what_the_loader_rejects():
    schema = json_schema("option")
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) >= {"id", "title", "domain", "summary", "countries"}


def test_unknown_weight_override_is_a_usage_error(tmp_path):
    from trilat_opt import InputError, load
    from trilat_opt.weights import parse_overrides, resolve_weights

    cat = load(write_project(tmp_path, {"alpha": option_text("alpha")}))
    with pytest.raises(InputError, match="unknown criterion"):
        resolve_weights(cat, None, parse_overrides(["nope=0.2"]))
