"""The in-process re-solve of robust, regret and consensus (`optimize.cases`) against brute force.

On random instances every portfolio it picks satisfies the rules and scores, under the objective,
within 1e-6 of the best of all 2^n portfolios (ties may go either way: the direct path does not
break them); on the shipped catalogue it picks what `PortfolioModel` picks at sampled weights.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

import trilat_opt
from oracles.instances import instances
from oracles.portfolio import all_portfolios, brute_force, feasible, is_feasible, scores
from trilat_opt.analysis.sampling import sample_weights, weight_space_of
from trilat_opt.guards import NoPortfolio
from trilat_opt.optimize.resolve import Resolver

CASE_OBJECTIVES = ("robust", "regret", "consensus")
SETTINGS = settings(
    max_examples=int(os.environ.get("OPT_EXAMPLES", "30")), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.mark.parametrize("objective", CASE_OBJECTIVES)
@SETTINGS
@given(inst=instances())
def test_the_direct_path_finds_an_optimum(inst, objective):
    if objective == "consensus" and not inst.profiles:
        return
    problem = inst.problem()
    resolver = Resolver(problem, objective)
    assert resolver.engine.startswith("HiGHS in-process")
    expected = brute_force(inst, objective)
    if expected is None:
        with pytest.raises(NoPortfolio):
            resolver.selected(problem.values)
        return
    chosen = resolver.selected(problem.values)
    assert is_feasible(inst, chosen)
    X = all_portfolios(len(inst.options))
    ok = feasible(inst, X)
    every = scores(inst, objective, X, ok)  # larger is better (regret negated)
    row = np.array([1.0 if o in chosen else 0.0 for o in inst.options])
    mine = every[np.flatnonzero((row == X).all(axis=1))[0]]
    assert mine == pytest.approx(every[ok].max(), abs=1e-6), (chosen, expected)


@pytest.mark.parametrize("objective", CASE_OBJECTIVES)
def test_the_direct_path_agrees_with_portfolio_model_on_the_shipped_catalogue(project_root, objective):
    ev = trilat_opt.evaluate(project_root)
    direct, model = Resolver(ev.problem, objective), Resolver(ev.problem, objective, direct=False)
    columns = [c for c in ev.values.columns if c in ev.problem.values.columns]
    for w in sample_weights(weight_space_of(ev.catalogue), 5, 11):
        values = ev.values.values(w)[columns]
        assert direct.selected(values) == model.selected(values)


@pytest.mark.parametrize("objective", CASE_OBJECTIVES)
def test_the_direct_optimum_has_portfolio_models_value(project_root, objective):
    """`Resolver.optimum` (the stability intervals' re-solve) scores as `PortfolioModel` does."""
    ev = trilat_opt.evaluate(project_root)
    direct, model = Resolver(ev.problem, objective), Resolver(ev.problem, objective, direct=False)
    columns = [c for c in ev.values.columns if c in ev.problem.values.columns]
    for w in sample_weights(weight_space_of(ev.catalogue), 3, 5):
        values = ev.values.values(w)[columns]
        (mine, value), (theirs, expected) = direct.optimum(values), model.optimum(values)
        assert mine == theirs and value == pytest.approx(expected, rel=1e-9, abs=1e-12)
