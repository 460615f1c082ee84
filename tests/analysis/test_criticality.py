"""Argument criticality against dense sweeps with the promised scoring API and enumerated portfolios."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from trilat_opt import Evaluation
from trilat_opt.analysis.criticality import TOL, ArgumentScorer, criticality
from trilat_opt.argue import criterion_scores
from trilat_opt.load import load
from trilat_opt.values import option_values
from trilat_opt.weights import resolve_weights

SWEEP = np.linspace(0.0, 1.0, 81)


def outcome(cat, weights, arg: str, b: float):
    """Top option and value of every feasible portfolio, from scratch: criterion_scores + enumeration.

    Tiny project rules: money <= 6, history exposure <= 1.0, 1 to 3 options.
    """
    scores = criterion_scores(cat, base={arg: b}).scores
    values = option_values(scores, weights, cat.frame.neutral_base)
    top = values.idxmax()
    portfolios = {}
    for r in range(1, 4):
        for combo in itertools.combinations(cat.option_ids, r):
            opts = [cat.option(o) for o in combo]
            if sum(o.cost("money") for o in opts) <= 6 + 1e-9 and sum(o.exposure("history") for o in opts) <= 1 + 1e-9:
                portfolios[combo] = float(values[list(combo)].sum())
    return top, portfolios


@pytest.fixture
def setup(tiny_project):
    cat = load(tiny_project)
    weights = resolve_weights(cat)
    return cat, weights, criticality(Evaluation(cat, weights=weights))


def test_batch_scorer_equals_criterion_scores(tiny_project):
    cat = load(tiny_project)
    scorer = ArgumentScorer(cat)
    for arg, b in [("a-det", 0.0), ("g-det", 0.9), ("b-leg", 0.33)]:
        ours = scorer.scores([(arg, b)])[0]
        theirs = criterion_scores(cat, base={arg: b}).scores.reindex(index=cat.option_ids, columns=cat.criterion_ids)
        np.testing.assert_allclose(ours, theirs.to_numpy(), atol=1e-12)


def test_endpoints_and_smallest_changes_match_a_sweep(setup):
    cat, weights, result = setup
    top0, port0 = outcome(cat, weights, "a-det", cat.option("alpha").arguments[0].strength)
    best0 = max(port0, key=port0.get)
    assert result.top == top0 and set(result.portfolio) == set(best0)
    for arg_id, row in result.table.iterrows():
        tops, moved = [], []
        for b in SWEEP:
            top, portfolios = outcome(cat, weights, arg_id, float(b))
            tops.append(top != top0)
            moved.append(portfolios[best0] < max(portfolios.values()) - 1e-9)
        tops, moved = np.array(tops), np.array(moved)
        assert row.rebut_top == tops[0] and row.confirm_top == tops[-1]
        assert row.rebut_portfolio == moved[0] and row.confirm_portfolio == moved[-1]
        assert row.critical == bool(tops[0] or tops[-1] or moved[0] or moved[-1])
        for shift, flags in ((row.top_shift, tops), (row.portfolio_shift, moved)):
            distance = np.abs(SWEEP - row.base)
            if np.isnan(shift):
                assert not (flags[0] or flags[-1])
                continue
            # No sweep point clearly nearer than the reported shift changes the outcome, and the
            # reported point itself lies within one sweep step (plus tolerance) of a change.
            assert not flags[distance < abs(shift) - TOL - 1e-9].any()
            near = flags & (np.abs(SWEEP - (row.base + shift)) <= SWEEP[1] + TOL)
            assert near.any()


def test_table_leads_with_critical_arguments(setup):
    _, _, result = setup
    flags = result.table["critical"].tolist()
    assert flags == sorted(flags, reverse=True)
    assert set(result.hinges.index) == set(result.table.index[result.table["critical"]])
    nearest = np.fmin(result.hinges["top_shift"].abs(), result.hinges["portfolio_shift"].abs()).tolist()
    assert nearest == sorted(nearest)


@pytest.mark.parametrize("seed", range(4))
def test_exact_thresholds_agree_with_resolving_at_every_step(tiny_project, seed):
    """The threshold path (no solve per step) gives the same table as a re-solve at every step."""
    cat = load(tiny_project)
    rng = np.random.default_rng(seed)
    weights = dict(zip(cat.criterion_ids, rng.dirichlet(np.ones(len(cat.criterion_ids))), strict=True))
    for objective in ("value", "expected"):
        ev = Evaluation(cat, weights=weights, objective=objective)
        exact = criticality(ev)
        resolved = criticality(ev, exact=False)
        assert exact.method.startswith("exact") and resolved.method.startswith("bisection")
        pd.testing.assert_frame_equal(exact.table, resolved.table)


def test_exact_thresholds_agree_on_the_shipped_catalogue(project_root):
    cat = load(project_root)
    weights = resolve_weights(cat)
    ev = Evaluation(cat, weights=weights)
    exact, resolved = ev.criticality(), ev.criticality(exact=False)
    # One per option moved alone, 2^m - 1 per set of m options a rebuttal moves together.
    assert 0 < exact.forced_solves <= 2 * len(cat.options)
    pd.testing.assert_frame_equal(exact.table, resolved.table)


def test_nonlinear_objectives_say_they_resolve(tiny_project):
    cat = load(tiny_project)
    result = criticality(Evaluation(cat, objective="robust"))
    assert result.method.startswith("bisection") and result.forced_solves == 0


@pytest.mark.parametrize("seed", [2, 4, 6, 8])
def test_best_with_fixed_options_is_the_best_of_that_class(instance, seed):
    """The forced re-solve behind the exact thresholds, against every feasible portfolio."""
    from trilat_opt.optimize.resolve import Resolver

    inst = instance(seed, n=8)
    rng = np.random.default_rng(seed)
    values = inst.net.to_numpy() @ rng.dirichlet(np.ones(3))
    resolver = Resolver(inst.problem(values))
    column = pd.Series(values, index=inst.options)
    for picked in itertools.combinations(range(len(inst.options)), 2):
        for states in itertools.product((0.0, 1.0), repeat=2):
            fixed = {inst.options[k]: s for k, s in zip(picked, states, strict=True)}
            same = [x for x, _ in inst.feasible() if all(x[k] == s for k, s in zip(picked, states, strict=True))]
            expected = max((inst.value(x, values) for x in same), default=-np.inf)
            assert resolver.best_with(column, fixed) == pytest.approx(expected, abs=1e-9)
