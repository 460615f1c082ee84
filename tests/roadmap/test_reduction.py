"""With one period and no leadership events the roadmap is today's `optimize`.

One period spanning the horizon, every lead time within it, no events and no lateness discount
leave each option one start worth its static value: the programme is the portfolio programme
with x_o renamed. The two must agree on the objective, and on the portfolio where it is unique.
One period has no "after", so a requirement is read as `parallel` (the required option started
too), which is what `optimize` asks; in time it would ask the required option to deliver on the
horizon's first day.
"""

from __future__ import annotations

import dataclasses
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oracles.instances import instances
from trilat_opt.horizon import Horizon
from trilat_opt.optimize import optimize, problem_from_catalogue
from trilat_opt.roadmap import make_roadmap, roadmap_problem, solve_roadmap

SETTINGS = settings(
    max_examples=int(os.environ.get("ROADMAP_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def shipped():
    import trilat_opt
    from trilat_opt.argue import criterion_scores

    cat = trilat_opt.load(os.path.join(os.path.dirname(__file__), "..", ".."))
    return cat, criterion_scores(cat).scores


@pytest.mark.parametrize("objective", ["value", "expected"])
@pytest.mark.parametrize("profile", [None, "seoul"])
def test_one_period_no_events_is_optimize_on_the_shipped_catalogue(shipped, objective, profile):
    from trilat_opt.weights import resolve_weights

    cat, scores = shipped
    weights = resolve_weights(cat, profile)
    rp = roadmap_problem(cat, scores, weights, periods=1)
    assert len(rp.periods) == 1 and rp.events, "the shipped frame has events; the test removes them"
    rp = dataclasses.replace(rp, events=(), discount=0.0, parallel=frozenset(rp.base.requires))
    plan = solve_roadmap(rp, objective, "highs", timing=False)
    static = optimize(problem_from_catalogue(cat, scores, weights), objective, solver="highs")
    assert plan.proven_optimal and static.proven_optimal
    assert plan.objective_value == pytest.approx(static.objective_value, abs=1e-7)
    assert sorted(plan.starts) == sorted(static.selected)
    assert set(plan.starts.values()) == {0}


@pytest.mark.parametrize("objective", ["value", "expected"])
@pytest.mark.parametrize("solver", ["cbc", "highs"])
@SETTINGS
@given(inst=instances(max_options=10, with_profiles=False), data=st.data())
def test_one_period_no_events_is_optimize_on_random_problems(inst, objective, solver, data):
    n = len(inst.options)
    lead = data.draw(st.lists(st.sampled_from([0.0, 1.0, 6.0, 11.0, 12.0]), min_size=n, max_size=n))
    rp = make_roadmap(inst.problem(), Horizon(2026, 1, 12, 1), lead, durability=[0.0] * n, parallel=inst.requires)
    plan = solve_roadmap(rp, objective, solver, timing=False)
    static = optimize(inst.problem(), objective, solver=solver)
    assert plan.status == static.status
    if static.feasible:
        assert plan.objective_value == pytest.approx(static.objective_value, abs=1e-6)
