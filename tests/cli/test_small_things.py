"""Finding 13: small things that crashed or misbehaved at the edges of the command line."""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import pytest

from factories import run_cli, write_project
from trilat_opt.optimize import make_problem, optimize
from trilat_opt.optimize import solve as solve_mod


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return write_project(tmp_path_factory.mktemp("p"))


@pytest.mark.parametrize(
    "args",
    [
        ["sensitivity", "--seed", "-1"],
        ["report", "--seed", "-1"],
        ["sensitivity", "--samples", "1000001"],
        ["report", "--samples", "99999999999"],
        ["sensitivity", "--seed", str(2**32)],
    ],
)
def test_seed_and_samples_are_bounded(project, capsys, args):
    """`--seed -1` gave exit 1 (ValueError from numpy); `--samples` had no upper bound."""
    code, _, err = run_cli(capsys, "--project", str(project), *args)
    assert code == 2 and "internal error" not in err
    assert "--seed" in err or "--samples" in err


def test_the_library_checks_seed_and_samples_too(project):
    import trilat_opt
    from trilat_opt.errors import InputError
    from trilat_opt.report import build

    cat = trilat_opt.load(project)
    with pytest.raises(InputError, match="--seed -1: expected an integer from 0 to"):
        build(cat, seed=-1)
    with pytest.raises(InputError, match="--samples 0: expected an integer from 1 to 1,000,000"):
        build(cat, samples=0)


@pytest.mark.parametrize(
    ("record", "gist"),
    [
        ({"selected": [1, 2, None]}, "'selected' must list option ids as text; item 0 is 1"),
        ({"selected": ["a"], "values": {"a": "high"}}, "'values.a' must be a number"),
        ({"selected": ["a"], "weights": {"c": True}}, "'weights.c' must be a number"),
        ({"selected": ["a"], "ranking": [{"option": "a", "rank": None}]}, "'ranking' must list option ids"),
        ({"selected": ["a"], "objective": 3, "objective_value": None}, "'objective' must be the objective's name"),
    ],
)
def test_diff_refuses_records_of_the_wrong_types(tmp_path, capsys, record, gist):
    """`diff` on a record with "selected": [1, 2, null] gave exit 1 (TypeError)."""
    a = tmp_path / "a.json"
    a.write_text(json.dumps(record))
    b = tmp_path / "b.json"
    b.write_text(json.dumps({"selected": ["a"]}))
    code, _, err = run_cli(capsys, "diff", str(a), str(b))
    assert code == 2 and gist in err, err


def test_time_limit_stops_a_hung_cbc(tmp_path, monkeypatch):
    """`--time-limit` did not stop a CBC that ignores its own limit: PuLP waited forever."""
    hung = tmp_path / "cbc"
    hung.write_text("#!/bin/sh\nexec sleep 120\n")
    hung.chmod(0o755)
    monkeypatch.setattr(solve_mod, "_cbc_path", lambda: str(hung))
    start = time.perf_counter()
    result = optimize(make_problem(["a", "b"], [1.0, 2.0]), time_limit=0.5)
    assert time.perf_counter() - start < 0.5 + solve_mod.GRACE + 3
    assert result.status == "not solved" and result.selected == ()


def test_time_limit_leaves_a_healthy_cbc_alone():
    result = optimize(make_problem(["a", "b"], [1.0, 2.0]), time_limit=30)
    assert result.status == "optimal" and result.selected == ("a", "b")


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_outputs_respect_the_umask(project, tmp_path, capsys, umask):
    """Files from --out and --export-model were 0600 whatever the umask (mkstemp's mode)."""
    old = os.umask(umask)
    try:
        out, lp = tmp_path / "r.json", tmp_path / "m.lp"
        code, _, err = run_cli(capsys, "--project", str(project), "optimize", "--format", "json", "--out", str(out),
                               "--export-model", str(lp))  # fmt: skip
        assert code == 0, err
        report = tmp_path / "rep"
        code, _, err = run_cli(capsys, "--project", str(project), "report", "--quick", "--samples", "20",
                               "--out", str(report))  # fmt: skip
        assert code == 0, err
    finally:
        os.umask(old)
    expected = 0o666 & ~umask
    for path in (out, lp, report / "index.html", report / "results.json"):
        assert stat.S_IMODE(path.stat().st_mode) == expected, path
    assert stat.S_IMODE(report.resolve().stat().st_mode) == 0o777 & ~umask
