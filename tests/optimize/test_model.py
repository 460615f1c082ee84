"""The portfolio model: tie-breaking, honest status, re-solving, tables, export and input errors."""

from __future__ import annotations

from pathlib import Path

import highspy
import numpy as np
import pandas as pd
import pytest

from trilat_opt.errors import InputError
from trilat_opt.model import Rules
from trilat_opt.optimize import PortfolioModel, export_model, make_problem, optimize
from trilat_opt.optimize.problem import option_of, var_name

SOLVERS = ["cbc", "highs"]


# ---------------------------------------------------------------------------- ties


@pytest.mark.parametrize("solver", SOLVERS)
def test_ties_prefer_lower_total_cost(solver):
    p = make_problem(
        ["a", "b"], [1.0, 1.0], costs={"m": [2, 1], "n": [0, 0]}, limits={"m": 4, "n": 1}, rules=Rules(max_options=1)
    )
    r = optimize(p, solver=solver)
    assert r.selected == ("b",) and r.total_cost == pytest.approx(0.25)


@pytest.mark.parametrize("solver", SOLVERS)
def test_ties_then_prefer_first_id_whatever_the_input_order(solver):
    p = make_problem(["c", "b", "a"], [1.0, 1.0, 1.0], rules=Rules(max_options=1))
    assert optimize(p, solver=solver).selected == ("a",)


@pytest.mark.parametrize("solver", SOLVERS)
def test_ties_in_blocks_beyond_twenty_options(solver):
    rng = np.random.default_rng(7)
    ids = [f"opt-{k:02d}" for k in range(27)]
    shuffled = list(rng.permutation(ids))
    p = make_problem(shuffled, [1.0] * 27, costs={"m": [1] * 27}, limits={"m": 10})
    r = optimize(p, solver=solver)
    assert sorted(r.selected) == ids[:10] and r.objective_value == 10


@pytest.mark.parametrize("solver", SOLVERS)
def test_distinct_optimum_is_kept(solver):
    # no tie: the unique optimum must survive the tie-breaking solves
    p = make_problem(["a", "b", "c"], [3.0, 2.0, 1.5], costs={"m": [3, 2, 2]}, limits={"m": 4})
    assert optimize(p, solver=solver).selected == ("b", "c")


# ---------------------------------------------------------------------------- honest status


def hard_problem(n: int, seed: int = 3):
    """A random ten-constraint knapsack: values and weights uncorrelated, caps at 10% of totals."""
    rng = np.random.default_rng(seed)
    ids = [f"o{k:04d}" for k in range(n)]
    expo = {f"r{k}": rng.random(n).round(3) for k in range(10)}
    caps = {r: float(v.sum() * 0.1) for r, v in expo.items()}
    return make_problem(ids, rng.random(n).round(4), exposures=expo, caps=caps)


@pytest.mark.parametrize("solver", SOLVERS)
def test_time_limit_is_not_reported_as_optimal(solver):
    r = optimize(hard_problem(2000), solver=solver, time_limit=0.5)
    assert r.status in ("feasible", "not solved") and not r.proven_optimal
    if r.status == "feasible":
        assert r.gap is not None and r.gap > 0 and r.selected


@pytest.mark.parametrize("solver", SOLVERS)
def test_requested_gap_is_respected_and_reported(solver):
    r = optimize(hard_problem(300), solver=solver, gap=0.02, time_limit=20)
    assert r.status in ("feasible", "optimal") and r.gap is not None and r.gap <= 0.02 + 1e-6
    assert r.proven_optimal == (r.gap == 0.0)


# ---------------------------------------------------------------------------- re-solving with new values


@pytest.mark.parametrize("solver", SOLVERS)
def test_resolve_with_new_values_matches_a_fresh_problem(solver):
    base = dict(costs={"m": [2, 2, 1, 3]}, limits={"m": 4}, excludes=[("a", "d")])
    model = PortfolioModel(make_problem(list("abcd"), [1.0, 1.0, 1.0, 1.0], **base), solver=solver)
    for vals in ([1.0, 0.2, 0.5, 2.0], [0.1, 0.9, 0.8, 0.3], [-1.0, -1.0, 0.4, 0.0]):
        again = model.solve(pd.Series(vals, index=list("abcd")))
        fresh = optimize(make_problem(list("abcd"), vals, **base), solver=solver)
        assert again.selected == fresh.selected
        assert again.objective_value == pytest.approx(fresh.objective_value)
        assert list(again.values) == vals


def test_resolve_robust_needs_a_table_of_values():
    p = make_problem(["a", "b"], [1.0, 1.0], scenarios={"s1": ([1.0, 0.0], {}), "s2": ([0.0, 1.0], {})})
    model = PortfolioModel(p, "robust")
    with pytest.raises(InputError, match="DataFrame"):
        model.solve(pd.Series([1.0, 2.0], index=["a", "b"]))
    table = pd.DataFrame({"s1": [2.0, 1.0], "s2": [-1.0, 1.0]}, index=["a", "b"])
    r = model.solve(table)
    assert r.selected == ("b",) and r.objective_value == pytest.approx(1.0)


# ---------------------------------------------------------------------------- tables


def test_constraint_and_exposure_tables():
    p = make_problem(
        ["a", "b", "c"],
        [1.0, 1.0, -1.0],
        domains=["x", "y", "x"],
        costs={"m": [2, 3, 1]},
        limits={"m": 6},
        exposures={"hist": [0.5, 0.25, 1.0], "tariff": [0.0, 0.5, 0.0]},
        caps={"hist": 1.0},
        risk_countries={"hist": ["JP", "KR"], "tariff": ["US"]},
        rules=Rules(min_options=1, max_options=2, country_caps={"JP": 2.0}),
    )
    r = optimize(p)
    assert r.selected == ("a", "b")
    table = r.constraints.set_index("name")
    assert table.loc["budget m", ["used", "limit", "slack"]].tolist() == [5, 6, 1]
    assert table.loc["risk hist", ["used", "limit", "slack"]].tolist() == [0.75, 1.0, 0.25]
    assert table.loc["country JP", ["used", "slack"]].tolist() == [0.75, 1.25]
    assert table.loc["min options", ["used", "slack", "sense"]].tolist() == [2, 1, ">="]
    assert table.loc["max options", ["used", "slack"]].tolist() == [2, 0]
    assert set(table["kind"]) == {"budget", "risk", "country", "cardinality"}
    expo = r.exposure.set_index("name")
    assert expo.loc["tariff", "used"] == 0.5 and np.isinf(expo.loc["tariff", "cap"])
    assert expo.loc["US", "used"] == 0.5 and np.isnan(expo.loc["US", "cap"])
    assert expo.loc["KR", "used"] == 0.75 and expo.loc["JP", "cap"] == 2.0


def test_same_input_same_result():
    p = hard_problem(40, seed=11)
    a, b = optimize(p), optimize(p)
    assert a.selected == b.selected and a.objective_value == b.objective_value
    assert a.constraints.equals(b.constraints) and a.exposure.equals(b.exposure)


# ---------------------------------------------------------------------------- export


@pytest.mark.parametrize("suffix", [".lp", ".mps"])
@pytest.mark.parametrize("objective", ["value", "robust", "regret", "consensus"])
def test_exported_model_solves_to_the_same_optimum_in_highs(tmp_path, suffix, objective):
    p = make_problem(
        ["alpha-one", "beta", "gamma", "unused"],
        [1.0, 0.5, 0.75, 0.0],
        costs={"m": [2, 1, 2, 0]},
        limits={"m": 3},
        synergies=[("beta", "gamma", 0.5)],
        scenarios={"s1": ([1.0, 0.2, 0.5, 0.0], {}), "s2": ([0.1, 0.9, 0.8, 0.0], {})},
        profiles={"p1": [1.0, 0.0, 0.2, 0.0], "p2": [0.0, 1.0, 0.6, 0.0]},
    )
    model = PortfolioModel(p, objective)
    result = model.solve()
    path = model.export(tmp_path / f"model{suffix}")
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    assert h.readModel(str(path)) == highspy.HighsStatus.kOk
    h.run()
    names = [h.getLp().col_names_[k] for k in range(h.getNumCol())]
    assert {var_name(o) for o in p.options} <= set(names)
    assert h.getInfo().objective_function_value == pytest.approx(result.objective_value, abs=1e-6)
    assert [option_of(var_name(o), p.options) for o in p.options] == list(p.options)


def test_export_model_function_and_bad_suffix(tmp_path):
    p = make_problem(["a"], [1.0])
    assert export_model(p, "value", tmp_path / "m.lp").read_text().count("x_a") >= 2
    with pytest.raises(InputError, match=r"\.lp or \.mps"):
        export_model(p, "value", tmp_path / "m.txt")


# ---------------------------------------------------------------------------- errors


def test_bad_arguments_are_input_errors():
    p = make_problem(["a"], [1.0])
    with pytest.raises(InputError, match="objective"):
        optimize(p, "best")
    with pytest.raises(InputError, match="solver"):
        optimize(p, solver="gurobi")
    with pytest.raises(InputError, match="gap"):
        optimize(p, gap=-0.1)
    with pytest.raises(InputError, match="profiles"):
        optimize(p, "consensus")


def test_ids_that_collide_as_variables_are_refused():
    with pytest.raises(InputError, match="differ only"):
        make_problem(["a-b", "a_b"], [1.0, 1.0])


@pytest.mark.parametrize("objective", ["consensus", "regret"])
def test_own_bests_solved_apart_give_the_same_result(objective):
    """`solve(bests=...)` with each case's `own_best` solved beforehand (as the report does, side
    by side) equals the solve that makes them in turn; a case that is not one is refused."""
    import trilat_opt
    from trilat_opt.optimize.objectives import outcomes

    ev = trilat_opt.evaluate(Path(__file__).resolve().parents[2])
    model = PortfolioModel(ev.problem, objective)
    cases = outcomes(ev.problem, objective, ev.problem.values)
    bests = {k: PortfolioModel(ev.problem, objective).own_best(k) for k in cases}
    apart, together = model.solve(bests=bests), PortfolioModel(ev.problem, objective).solve()
    assert apart.selected == together.selected
    assert apart.objective_value == together.objective_value
    assert apart.outcomes.equals(together.outcomes)
    with pytest.raises(InputError, match="no case"):
        model.own_best("nowhere")
    with pytest.raises(InputError, match="no own optimum"):
        PortfolioModel(ev.problem, "value").own_best("base")
