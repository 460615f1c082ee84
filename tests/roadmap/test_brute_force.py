"""The roadmap programme against brute force on small instances (up to 6 options x 4 periods).

Every plan (each option started in one period or not at all) is enumerated by an oracle written
from the specification; the MILP's optimum must equal the best of them, and its plan must keep
every rule and be worth what the MILP says.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from oracles.portfolio import feasible
from oracles.roadmap import brute_force, plan_factor, valid
from oracles.timed import timed
from trilat_opt.roadmap import solve_roadmap

SETTINGS = settings(
    max_examples=int(os.environ.get("ROADMAP_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def plan_of(tm, result) -> tuple[int, ...]:
    return tuple(result.starts.get(o, -1) for o in tm.inst.options)


@pytest.mark.parametrize("objective", ["value", "expected"])
@pytest.mark.parametrize("solver", ["cbc", "highs"])
@SETTINGS
@given(tm=timed())
def test_matches_brute_force(tm, objective, solver):
    expected = brute_force(tm, objective)
    result = solve_roadmap(tm.roadmap(), objective, solver, timing=False)
    if expected is None:
        assert result.status == "infeasible" and result.message
        return
    assert result.status == "optimal" and result.proven_optimal
    assert result.objective_value == pytest.approx(expected[0], abs=1e-6)
    plan = plan_of(tm, result)
    x = np.array([[1.0 if s >= 0 else 0.0 for s in plan]])
    assert feasible(tm.inst, x)[0] and valid(tm, plan)


def test_the_oracle_discounts_and_survives_as_specified():
    """A hand-checked case of the oracle's own arithmetic: lead 12 months, discount 0.1 a year,
    one event at month 6 with reversal 0.5 on an option of durability 0.2: 0.9 x (1 - 0.5 x 0.8)."""
    from oracles.portfolio import Instance
    from oracles.roadmap import Timed

    tm = Timed(Instance(["a"], [1.0], ["d"]), T=2, L=6, lead=[12.0], countries=[["US"]], durability=[0.2],
               events=[(6.0, "US", 0.5)], discount=0.1)  # fmt: skip
    assert plan_factor(tm, 0, 0, expected=True) == pytest.approx(0.9 * 0.6)
    assert plan_factor(tm, 0, 0, expected=False) == pytest.approx(0.9)
    assert brute_force(tm, "expected") == (pytest.approx(0.54), (0,))
