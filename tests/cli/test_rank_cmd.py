"""`trilat-opt rank`: JSON, CSV and table output, profiles and overrides, usage errors.

The criterion scores are fixed (SCORES below), whatever the semantics asked for, so each test
checks what the command does with them; `tests/test_ranking.py` checks the ranking itself.
"""

from __future__ import annotations

import json
import types

import pandas as pd
import pytest

import trilat_opt
import trilat_opt.argue
from factories import BOUNDED_CRITERIA, option_text, weighted_project, write_project
from factories import run_cli as run

IDS = ["alpha", "beta", "gamma"]
SCORES = pd.DataFrame(
    {"deterrence": [0.9, 0.5, 0.2], "resilience": [0.5, 0.5, 0.8]}, index=IDS
)  # as tests/test_ranking.py's SCORES


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A three-option project whose criterion scores are SCORES, whatever the semantics."""
    root = write_project(tmp_path, {i: option_text(i) for i in IDS})
    seen = []

    def fake(cat, *, semantics):
        seen.append(semantics)
        return types.SimpleNamespace(scores=SCORES)

    monkeypatch.setattr(trilat_opt.argue, "criterion_scores", fake, raising=False)
    return types.SimpleNamespace(root=str(root), semantics=seen)


def test_cli_json_lists_options_by_rank(capsys, project):
    code, out, _ = run(capsys, "--project", project.root, "rank", "--format", "json", "--semantics", "euler")
    assert code == 0
    rows = json.loads(out)
    assert [r["option"] for r in rows] == ["alpha", "beta", "gamma"]
    # criteria.yaml weights 0.6 / 0.4: as in test_all_methods_columns_and_net_values
    assert [r["value"] for r in rows] == pytest.approx([0.24, 0.0, -0.06])
    assert set(rows[0]) == {"option", "title", "domain", "value", "rank_additive", "topsis", "rank_topsis"} | {
        "promethee",
        "rank_promethee",
    }
    assert project.semantics == ["euler"]


def test_cli_profile_and_weight_override(capsys, project):
    code, out, _ = run(capsys, "--project", project.root, "rank", "-m", "additive", "--profile", "tokyo", "-f", "json")
    assert code == 0
    assert json.loads(out)[0]["value"] == pytest.approx(0.7 * 0.4)  # tokyo: deterrence 0.7
    code, out, _ = run(
        capsys, "--project", project.root, "rank", "-m", "additive", "-w", "deterrence=0.3", "-f", "json"
    )
    assert code == 0
    assert json.loads(out)[0]["value"] == pytest.approx(0.3 * 0.4)


def test_cli_csv_to_file(capsys, project, tmp_path):
    target = tmp_path / "out" / "ranking.csv"
    code, out, err = run(capsys, "--project", project.root, "rank", "-m", "topsis", "-f", "csv", "--out", str(target))
    assert code == 0 and out == ""
    assert f"wrote {target}" in err
    lines = target.read_text().splitlines()
    assert lines[0] == "option,title,domain,topsis,rank_topsis"
    assert lines[1].startswith("alpha,Option alpha,security,")


def test_cli_table_prints_constant_criterion_warning(capsys, project, monkeypatch):
    flat = SCORES.assign(resilience=0.5)
    monkeypatch.setattr(
        trilat_opt.argue, "criterion_scores", lambda c, *, semantics: types.SimpleNamespace(scores=flat)
    )
    code, out, err = run(capsys, "--project", project.root, "rank", "-m", "topsis")
    assert code == 0
    assert "alpha" in out and "TOPSIS" in out and "rank" in out
    assert "warning: topsis: criterion resilience has the same value for every option; it cannot separate them" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--weight", "speed=0.3"], "--weight 'speed': unknown criterion (known: deterrence, resilience)"),
        (["--profile", "paris"], "--profile 'paris': unknown profile (known: tokyo)"),
        (["--weight", "deterrence"], "expected criterion=value"),
    ],
)
def test_cli_bad_weights_exit_2_with_message(capsys, project, args, message):
    code, out, err = run(capsys, "--project", project.root, "rank", *args)
    assert code == 2 and out == ""
    assert message in err


def test_cli_unknown_method_is_a_usage_error(capsys, project):
    code, out, _ = run(capsys, "--project", project.root, "rank", "--method", "electre")
    assert code == 2 and out == ""


def test_the_cli_uses_a_weight_outside_its_bounds_and_warns(tmp_path, capsys):
    """On a project of its own, with real scores: the warning depends on the weights alone."""
    bounded = weighted_project(tmp_path, BOUNDED_CRITERIA)
    code, out, err = run(capsys, "--project", str(bounded), "rank", "--weight", "deterrence=0.9")
    assert code == 0 and "alpha" in out
    assert "warning: deterrence weighs 0.900, above its bounds" in err
    assert "warning: resilience weighs 0.050, below its bounds" in err
