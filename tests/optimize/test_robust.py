"""The solver path never turns bad numbers or solver trouble into a wrong answer.

A feasible model is never reported infeasible, a solver crash is a `SolverError` with a message,
and numbers no solver can resolve are refused when the problem is built.
"""

from __future__ import annotations

import pulp
import pytest

from trilat_opt.errors import InputError, SolverError
from trilat_opt.optimize import make_problem, optimize
from trilat_opt.optimize import model as model_mod
from trilat_opt.optimize.solve import Outcome, run


def _problem(synergy: float = 0.05):
    return make_problem(
        ["a", "b", "c"], [0.3, 0.2, 0.1], synergies=[("a", "b", synergy)], costs={"m": [1, 1, 1]}, limits={"m": 2}
    )


@pytest.mark.parametrize("value", [-1e100, -1e15, float("nan"), float("inf")])
def test_problem_refuses_numbers_the_solvers_cannot_resolve(value):
    with pytest.raises(InputError, match="synergies must be finite numbers of magnitude at most"):
        _problem(value)


def test_problem_keeps_an_uncapped_risk():
    p = make_problem(["a"], [1.0], exposures={"r": [0.5]})  # no cap given: +inf
    assert optimize(p).selected == ("a",)


@pytest.mark.parametrize("solver", ["cbc", "highs"])
def test_a_feasible_model_is_never_reported_infeasible(solver, monkeypatch):
    """If a solver says "infeasible" while a portfolio satisfies every rule, the result must not say
    "no portfolio satisfies the rules" (finding 1: CBC on a synergy of -1e100)."""
    real = model_mod.run

    def lying(prob, *args, **kwargs):
        out = real(prob, *args, **kwargs)
        return Outcome("infeasible", True, None, None, out.seconds)

    monkeypatch.setattr(model_mod, "run", lying)
    with pytest.raises(SolverError, match="a portfolio satisfies every rule"):
        optimize(_problem(), solver=solver)


def test_a_truly_infeasible_model_still_gets_its_diagnosis():
    p = make_problem(["a", "b"], [1.0, 1.0], costs={"m": [3, 3]}, limits={"m": 2}, include=["a"])
    r = optimize(p)
    assert r.status == "infeasible" and r.diagnosis is not None and r.diagnosis.relaxations


def test_highs_refusing_a_model_is_a_solver_error_not_a_crash():
    """HiGHS takes |coefficients| >= 1e15 as infinite and returns no row values; PuLP then raised
    IndexError, which the CLI showed as an internal error."""
    prob = pulp.LpProblem("huge", pulp.LpMaximize)
    x = [prob.add_variable(f"x{k}", cat=pulp.LpBinary) for k in range(3)]
    expr = pulp.LpAffineExpression([(x[0], -1e15), (x[1], 1.0), (x[2], 1.0)])
    prob.setObjective(expr)
    prob.addConstraint(x[0] + x[1] + x[2] <= 2, "count")
    prob.addConstraint(expr >= 0.5, "tie")  # as the tie-breaking region writes the objective
    with pytest.raises(SolverError, match="HiGHS"):
        run(prob, "highs")
