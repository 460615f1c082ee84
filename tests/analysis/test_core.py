"""Core index against enumeration over the same weight samples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from trilat_opt.analysis.core import classify, core_index
from trilat_opt.analysis.sampling import sample_weights, weight_space
from trilat_opt.optimize.resolve import Resolver
from trilat_opt.values import ValueModel


def oracle_shares(inst, weights: np.ndarray) -> pd.Series:
    counts = pd.Series(0.0, index=inst.options)
    for w in weights:
        for o in inst.best(inst.net.to_numpy() @ w):
            counts[o] += 1
    return counts / len(weights)


@pytest.mark.parametrize("seed", [1, 2])
def test_core_index_equals_enumeration(instance, seed):
    inst = instance(seed)
    weights = sample_weights(weight_space(inst.criteria), 60, seed=seed)
    result = core_index(inst.problem(), ValueModel(inst.net), weights, workers=1)
    expected = oracle_shares(inst, weights)
    pd.testing.assert_series_equal(
        result.table["share"].reindex(inst.options), expected, check_names=False, check_exact=True
    )
    for o, s in expected.items():
        assert result.table.loc[o, "class"] == classify(s)
    assert result.portfolios["samples"].sum() == 60


def test_parallel_workers_give_the_same_result(instance):
    inst = instance(3)
    weights = sample_weights(weight_space(inst.criteria), 80, seed=0)
    one = core_index(inst.problem(), ValueModel(inst.net), weights, workers=1)
    two = core_index(inst.problem(), ValueModel(inst.net), weights, workers=2)
    assert two.workers == 2
    pd.testing.assert_frame_equal(one.table, two.table)
    pd.testing.assert_frame_equal(one.portfolios, two.portfolios)


def test_direct_engine_matches_portfolio_model(instance):
    # The in-process HiGHS path and PortfolioModel (CBC) must pick the same portfolio.
    inst = instance(4)
    problem = inst.problem()
    fast, slow = Resolver(problem), Resolver(problem, direct=False)
    assert "HiGHS" in fast.engine and "PortfolioModel" in slow.engine
    for w in sample_weights(weight_space(inst.criteria), 8, seed=1):
        values = ValueModel(inst.net).values(w)["base"]
        assert fast.selected(values) == slow.selected(values) == inst.best(values.to_numpy())


def test_classes():
    assert classify(1.0) == "core" and classify(0.0) == "exterior" and classify(0.4) == "borderline"


def test_warm_starts_leave_every_portfolio_as_a_cold_solve_finds_it(project_root):
    """Each re-solve starts from the best solution found so far; the portfolios must be those
    that a resolver with no history finds, sample by sample (on the shipped catalogue, where the
    optimum moves with almost every sample)."""
    import trilat_opt
    from trilat_opt.analysis.sampling import weight_space_of

    ev = trilat_opt.evaluate(project_root)
    weights = sample_weights(weight_space_of(ev.catalogue), 40, seed=5)
    warm = Resolver(ev.problem)
    for w in weights:
        values = ev.values.values(w)["base"]
        cold = Resolver(ev.problem)
        assert warm.selected(values) == cold.selected(values)
    assert len(warm._known) == 40
    warm.forget()
    assert warm._known == []
