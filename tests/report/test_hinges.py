"""The summary's hinges must be true: beyond each stated weight, the optimizer (called through its
public API, not the report's re-solver) picks a different portfolio, with exactly the options
the summary says enter and leave; inside the interval it keeps the recommended one."""

from __future__ import annotations

from trilat_opt.argue import criterion_scores
from trilat_opt.optimize import optimize, problem_from_catalogue
from trilat_opt.report.steps import PORTFOLIO_TOL
from trilat_opt.weights import resolve_weights


def _portfolio(cat, scores, criterion, weight):
    weights = resolve_weights(cat, None, {criterion: weight})
    return set(optimize(problem_from_catalogue(cat, scores, weights)).selected)


def test_hinges_name_the_portfolio_change_the_optimizer_makes(shipped, report_data):
    stab = report_data.tables["stability"]
    chosen = set(report_data.tables["portfolio"].index)
    scores = criterion_scores(shipped).scores
    hinges = report_data.summary["hinges"]
    assert len(hinges) == 3
    names = dict(zip(stab["name"], stab.index, strict=True))
    for hinge in hinges:
        criterion = names[hinge["label"].removeprefix("the weight on ")]
        row = stab.loc[criterion]
        side = "low" if "falls below" in hinge["detail"] else "high"
        edge = row[f"portfolio_{side}"]
        sign = -1 if side == "low" else 1
        inside = _portfolio(shipped, scores, criterion, edge - sign * 2 * PORTFOLIO_TOL)
        beyond = _portfolio(shipped, scores, criterion, edge + sign * 2 * PORTFOLIO_TOL)
        assert inside == chosen
        assert beyond != chosen
        assert sorted(beyond - chosen) == [i for i in row[f"portfolio_{side}_enters"].split(", ") if i]
        assert sorted(chosen - beyond) == [i for i in row[f"portfolio_{side}_leaves"].split(", ") if i]


def test_hinges_are_the_nearest_breakpoints(report_data):
    stab = report_data.tables["stability"]
    gaps = sorted(
        min(
            w - lo if lo > 1e-9 else float("inf"),
            hi - w if hi < 1 - 1e-9 else float("inf"),
        )
        for w, lo, hi in zip(stab["weight"], stab["portfolio_low"], stab["portfolio_high"], strict=True)
    )
    labels = [h["label"].removeprefix("the weight on ") for h in report_data.summary["hinges"]]
    picked = stab.set_index("name").loc[labels]
    picked_gaps = sorted(
        min(w - lo if lo > 1e-9 else float("inf"), hi - w if hi < 1 - 1e-9 else float("inf"))
        for w, lo, hi in zip(picked["weight"], picked["portfolio_low"], picked["portfolio_high"], strict=True)
    )
    assert picked_gaps == gaps[:3]
