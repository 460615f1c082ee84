"""Degenerate but valid projects: every stage answers with a plain message or an empty result.

Each case validates (exit 0, with a warning where the project says little); later commands exit
0 with an empty or trivial result, or 2 with one sentence naming what is missing, never 1.
"""

from __future__ import annotations

import json

import pytest

from factories import CRITERIA, option_text, run_cli, write_project


def _cli(capsys, root, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--project", str(root), *args)


def test_options_without_arguments_get_a_report(tmp_path, capsys):
    """Finding 5: every option with `arguments: []` gave KeyError 'argument' in report/evidence.py."""
    root = write_project(tmp_path / "p", {"alpha": option_text("alpha", []), "beta": option_text("beta", [])})
    code, _, err = _cli(capsys, root, "validate")
    assert code == 0 and "has no arguments" in err
    for extra in ([], ["--quick"]):
        code, _, err = _cli(capsys, root, "report", "--samples", "20", "--out", str(tmp_path / "r"), *extra)
        assert code == 0, err
    results = json.loads((tmp_path / "r" / "results.json").read_text())
    assert results["tables"]["arguments"] == [] and results["selected"] == []


def test_max_options_zero_gets_a_report_that_recommends_nothing(tmp_path, capsys):
    """Finding 5: `max_options: 0` gave KeyError 'value' in report/headline.py."""
    root = write_project(tmp_path / "p", criteria=CRITERIA.replace("max_options: 5", "max_options: 0"))
    for args in (["optimize"], ["report", "--quick", "--samples", "20", "--out", str(tmp_path / "r")]):
        code, _, err = _cli(capsys, root, *args)
        assert code == 0, err
    results = json.loads((tmp_path / "r" / "results.json").read_text())
    assert results["selected"] == []
    assert any("recommends none of the 2 options" in s for s in results["summary"]["sentences"])


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["validate"], 0),
        (["options", "list"], 0),
        (["rank"], 0),
        (["optimize"], 0),
        (["sensitivity"], 2),
        (["frontier"], 2),
        (["diff", "--weight", "deterrence=0.5"], 2),
        (["report", "--quick"], 2),
    ],
)
def test_a_project_without_options(tmp_path, capsys, args, code):
    """Finding 5: an empty options/ gave IndexError in sensitivity and report."""
    root = write_project(tmp_path / "p", {})
    got, _, err = _cli(capsys, root, *args)
    assert got == code, err
    if code == 2:
        assert f"options: holds no option files; {args[0]} needs at least one option" in err
    if args == ["validate"]:
        assert "warning: options/ holds no option files" in err
    assert not (root / "reports").exists()


def test_rules_that_admit_no_portfolio(tmp_path, capsys):
    """Valid rules that no portfolio meets: optimize diagnoses them and exits 1 (issue 17: no
    success without a portfolio), the analyses say there is nothing to analyse (exit 2; the
    re-solves raised SolverError, and frontier an IndexError), and the report is written with the
    diagnosis before it exits 1."""
    root = write_project(tmp_path / "p", criteria=CRITERIA.replace("min_options: 0", "min_options: 3"))
    code, _, err = _cli(capsys, root, "validate")
    assert code == 0 and "rules.min_options is 3 but there are 2 options: no portfolio is possible" in err
    code, out, err = _cli(capsys, root, "optimize")
    assert code == 1 and "lower the minimum of 3 options by 1" in out + err
    for args in (
        ["frontier"],
        ["sensitivity"],
        ["sensitivity", "--core", "--samples", "20"],
        ["diff", "--weight", "deterrence=0.5"],
    ):
        code, _, err = _cli(capsys, root, *args)
        assert code == 2, (args, err)
        assert "no portfolio satisfies every rule, so there is none to analyse" in err
    code, _, err = _cli(capsys, root, "report", "--samples", "20", "--out", str(tmp_path / "r"))
    assert code == 1, err
    results = json.loads((tmp_path / "r" / "results.json").read_text())
    assert results["selected"] == [] and "No portfolio satisfies every rule" in results["summary"]["sentences"][0]
    assert "no portfolio satisfies every rule" in results["missing"]["core"]
