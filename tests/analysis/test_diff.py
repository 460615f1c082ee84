"""Diff of two runs: weight changes, rank moves, portfolio changes, crossed stability intervals."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from trilat_opt.analysis.diff import diff_runs, load_run, ranking_of
from trilat_opt.analysis.stability import rescaled, stability
from trilat_opt.errors import InputError
from trilat_opt.record import run_record

A = {
    "weights": {"c1": 0.5, "c2": 0.5},
    "values": {"x": 0.3, "y": 0.2, "z": 0.1, "w": 0.0},
    "selected": ["x", "y"],
    "objective": "value",
    "objective_value": 0.5,
    "status": "optimal",
}
B = {
    "weights": {"c1": 0.7, "c2": 0.3},
    "values": {"x": 0.1, "y": 0.25, "z": 0.3, "w": 0.0},
    "selected": ["y", "z"],
    "objective": "value",
    "objective_value": 0.55,
}


def test_changes_between_two_runs():
    d = diff_runs(A, B)
    assert d.entering == ("z",) and d.leaving == ("x",) and d.kept == ("y",)
    assert d.objective_change == pytest.approx(0.05)
    assert d.weights.loc["c1", "change"] == pytest.approx(0.2)
    assert d.ranks.loc["z", "move"] == 2  # 3rd -> 1st
    assert d.ranks.loc["x", "move"] == -2  # 1st -> 3rd
    assert d.ranks.loc["w", "move"] == 0
    assert d.changed == {"top": True, "ranking": True, "portfolio": True}
    assert list(d.ranks.index) == ["z", "y", "x", "w"]  # in B's order


def test_identical_runs_have_no_changes():
    d = diff_runs(A, A)
    assert d.entering == d.leaving == ()
    assert d.changed == {"top": False, "ranking": False, "portfolio": False}
    assert d.objective_change == 0
    assert d.crossed.empty


def test_reads_the_optimizer_json_and_run_folders(tmp_path):
    # `optimize --format json` writes the PortfolioResult as JSON: selected, objective, values, ...
    result = {
        "status": "optimal",
        "objective": "value",
        "objective_value": 0.5,
        "selected": ["x", "y"],
        "values": A["values"],
        "constraints": [],
        "solver": "cbc",
    }
    (tmp_path / "a.json").write_text(json.dumps(result))
    run_dir = tmp_path / "run-1"
    run_dir.mkdir()
    (run_dir / "results.json").write_text(json.dumps({"portfolio": B, "weights": B["weights"]}))
    d = diff_runs(load_run(tmp_path / "a.json"), load_run(run_dir))
    assert d.entering == ("z",) and d.leaving == ("x",)
    assert any("weights: missing in run A" in n for n in d.notes)


@pytest.mark.parametrize(
    ("text", "message"),
    [("{not json", "not readable as JSON"), ("[1, 2]", "expected a JSON object"), ('{"values": {}}', "no 'selected'")],
)
def test_bad_run_files_are_input_errors(tmp_path, text, message):
    f = tmp_path / "bad.json"
    f.write_text(text)
    with pytest.raises(InputError, match=message):
        load_run(f)
    with pytest.raises(InputError, match="no such file"):
        load_run(tmp_path / "missing.json")


def test_ranking_rows_and_lists():
    assert ranking_of({"selected": [], "ranking": ["b", "a"]})["rank"].to_dict() == {"b": 1, "a": 2}
    rows = [{"option": "a", "rank": 2, "value": 0.1}, {"option": "b", "rank": 1, "value": 0.4}]
    r = ranking_of({"selected": [], "ranking": rows})
    assert r.loc["b", "rank"] == 1 and r.loc["a", "value"] == 0.1
    ties = ranking_of({"selected": [], "values": {"a": 0.2, "b": 0.2, "c": 0.1}})
    assert ties["rank"].to_dict() == {"a": 1, "b": 1, "c": 3}


def test_crossed_intervals_agree_with_recomputed_outcomes():
    # Oracle: recompute the top option and ranking at the new weight from scratch; "crossed" must
    # say exactly whether they changed (one weight overridden, the others rescaled).
    rng = np.random.default_rng(3)
    net = pd.DataFrame(rng.normal(size=(5, 3)), index=list("pqrst"), columns=["a", "b", "c"])
    w0 = {"a": 0.5, "b": 0.3, "c": 0.2}
    table = stability(net, w0)

    def outcome(w):
        v = net.to_numpy() @ np.array([w[c] for c in net.columns])
        order = np.argsort(-v, kind="stable")
        return net.index[order[0]], tuple(order)

    top0, rank0 = outcome(w0)
    for c in net.columns:
        for t in np.linspace(0.0, 1.0, 41):
            w1 = rescaled(w0, c, float(t))
            if abs(t - w0[c]) < 1e-9:
                continue
            values = lambda w: pd.Series(net.to_numpy() @ np.array([w[k] for k in net.columns]), index=net.index)  # noqa: E731
            a = _record(w0, values(w0), table)
            b = _record(w1, values(w1))
            d = diff_runs(a, b)
            top1, rank1 = outcome(w1)
            assert list(d.crossed.index) == [c]  # one weight set, the others only rescaled
            assert d.crossed.loc[c, "crossed_top"] == (top1 != top0)
            assert d.crossed.loc[c, "crossed_ranking"] == (rank1 != rank0)
            assert d.changed["top"] == (top1 != top0)


def _record(weights, values, stability=None) -> dict:
    return run_record(
        objective="value",
        objective_value=0.0,
        status="optimal",
        selected=[],
        weights=weights,
        values=values.to_dict(),
        stability=stability,
    )


def test_reads_what_optimize_writes(tiny_project, tmp_path):
    # Compatibility with the real `optimize --format json` output, produced by its own function.
    from trilat_opt.argue import criterion_scores
    from trilat_opt.load import load
    from trilat_opt.optimize import optimize, problem_from_catalogue
    from trilat_opt.output import dumps_json
    from trilat_opt.record import result_record
    from trilat_opt.weights import resolve_weights

    cat = load(tiny_project)
    scores = criterion_scores(cat).scores
    runs = []
    for name, override in (("a.json", {}), ("b.json", {"legitimacy": 0.9})):
        w = resolve_weights(cat, None, override)
        result = optimize(problem_from_catalogue(cat, scores, w))
        (tmp_path / name).write_text(dumps_json(result_record(result, w)))
        runs.append((w, result))
    d = diff_runs(load_run(tmp_path / "a.json"), load_run(tmp_path / "b.json"))
    (_, ra), (_, rb) = runs
    assert d.objective_a == pytest.approx(ra.objective_value) and d.objective_b == pytest.approx(rb.objective_value)
    assert set(d.entering) == set(rb.selected) - set(ra.selected)
    assert set(d.leaving) == set(ra.selected) - set(rb.selected)
    assert d.weights.loc["legitimacy", "b"] == pytest.approx(0.9)
    assert d.objective == "value"
