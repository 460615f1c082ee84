"""CLI tests for validate, options list/show and schema: exit codes, output and help text; what validate
says of weights, inferred arguments and the recommendations register."""

from __future__ import annotations

import json

import pytest

import trilat_opt
from factories import (
    BOUNDED_CRITERIA,
    INFERENCE_REASONING,
    inference_project,
    option_text,
    register_entry,
    register_project,
    weighted_project,
    write_project,
)
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


def test_validate_shows_effective_weights_when_a_set_does_not_sum_to_one(tmp_path, capsys):
    root = str(weighted_project(tmp_path))
    code, out, _ = run(capsys, "--project", root, "validate")
    assert code == 0
    assert "Weights as stated and as used" in out and "criteria sum to 4" in out
    row = next(line for line in out.splitlines() if line.startswith("deterrence"))
    assert row.split()[1:3] == ["2", "0.500"], row
    code, out, _ = run(capsys, "--project", root, "validate", "--format", "json")
    sets = json.loads(out)["weights"]
    assert sets[0]["name"] == "criteria" and sets[0]["effective"]["deterrence"] == 0.5


def test_validate_says_nothing_of_weights_that_sum_to_one(project_root, capsys):
    code, out, _ = run(capsys, "--project", str(project_root), "validate")
    assert code == 0 and "as used" not in out


def test_validate_warns_of_a_profile_outside_the_bounds(tmp_path, capsys):
    text = BOUNDED_CRITERIA.replace(
        "weights: {deterrence: 1, legitimacy: 3}", "weights: {deterrence: 1, legitimacy: 9}"
    )
    root = weighted_project(tmp_path / "p", text)
    code, _, err = run(capsys, "--project", str(root), "validate")
    assert code == 0 and "warning: profile tokyo: deterrence weighs 0.100, below its bounds [0.2, 0.6]" in err


def test_validate_warns_naming_file_and_line_of_a_stated_strength_above_the_cap(tmp_path, capsys):
    root = inference_project(tmp_path, inference=INFERENCE_REASONING)
    line = (root / "options" / "alpha.yaml").read_text().splitlines().index("    strength: 0.9") + 1
    code, _, err = run(capsys, "--project", str(root), "validate")
    assert code == 0
    assert f"warning: options/alpha.yaml:{line}:15: arguments[1].strength: inferred argument 'alpha-inferred'" in err
    assert "above inference_cap 0.5; it is evaluated at 0.5" in err


def test_validate_counts_inferred_arguments(tmp_path, capsys):
    root = inference_project(tmp_path, inference=INFERENCE_REASONING)
    code, out, _ = run(capsys, "--project", str(root), "validate", "--format", "json")
    assert code == 0 and json.loads(out)["inferred"] == 1 and json.loads(out)["arguments"] == 2
    code, out, _ = run(capsys, "--project", str(tmp_path), "validate")
    assert "inferred" in out


def test_an_entry_no_option_carries_is_a_located_warning_not_an_error(tmp_path, capsys):
    root = register_project(tmp_path / "proj", register_entry("r1"), register_entry("r2", "[]"))
    cat = trilat_opt.load(root)
    assert cat.warnings[-1] == (
        "recommendations.yaml:13:14: recommendations[1].options: recommendation 'r2' (art ¶2) is carried by no option"
    )
    code, out, err = run(capsys, "--project", str(root), "validate")
    assert code == 0 and "warning: recommendations.yaml:13:14:" in err
    code, out, _ = run(capsys, "--project", str(root), "validate", "--format", "json")
    assert json.loads(out)["recommendations"] == 2


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


def test_cli_exits_2_on_a_bad_register_and_writes_nothing(tmp_path, capsys):
    root = register_project(tmp_path / "proj", register_entry("r1", "[nope]"))
    out = tmp_path / "list.csv"
    code, _, err = run(capsys, "--project", str(root), "options", "list", "--format", "csv", "--out", str(out))
    assert code == 2 and "recommendations.yaml:8:15: recommendations[0].options[0]: unknown option 'nope'" in err
    assert not out.exists() and "Traceback" not in err


def test_options_show_unknown_id_exits_2(capsys, project):
    code, _, err = run(capsys, "--project", str(project), "options", "show", "gamma")
    assert code == 2 and "unknown option 'gamma'" in err


def test_options_show_json_round_trips(capsys, project):
    code, out, _ = run(capsys, "--project", str(project), "options", "show", "alpha", "--format", "json")
    assert code == 0 and json.loads(out)["arguments"][0]["id"] == "alpha-pro"


def test_options_show_marks_an_inferred_argument_with_its_reasoning(tmp_path, capsys):
    root = inference_project(tmp_path, inference=INFERENCE_REASONING)
    code, out, _ = run(capsys, "--project", str(root), "options", "show", "alpha")
    assert code == 0 and f"inferred (counts 0.5): {INFERENCE_REASONING}" in " ".join(out.split())


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


def test_validate_counts_the_roadmaps_periods_and_events(project_root, capsys, tmp_path):
    code, out, _ = run(capsys, "--project", str(project_root), "validate", "--format", "json")
    summary = json.loads(out)
    assert code == 0 and summary["periods"] == 10 and summary["events"] >= 1
    code, out, _ = run(capsys, "--project", str(project_root), "validate")
    assert "roadmap periods" in out and "leadership events" in out
    bare = write_project(tmp_path / "p")  # no roadmap: nothing to count, no rows
    code, out, _ = run(capsys, "--project", str(bare), "validate")
    assert code == 0 and "roadmap periods" not in out
