"""Infeasibility diagnosis: constructed conflicts are named, with the right amount to relax."""

from __future__ import annotations

import pytest

from trilat_opt.model import DomainRule, Rules
from trilat_opt.optimize import make_problem, optimize

SOLVERS = ["cbc", "highs"]


def diagnosis(problem, solver):
    result = optimize(problem, "value", solver=solver)
    assert result.status == "infeasible" and result.selected == () and result.objective_value is None
    assert result.diagnosis is not None and result.diagnosis.proven
    return result.diagnosis


@pytest.mark.parametrize("solver", SOLVERS)
def test_forced_option_over_budget_names_the_shortfall(solver):
    p = make_problem(
        ["big", "small"],
        [1.0, 1.0],
        costs={"jp-investment": [590, 10]},
        limits={"jp-investment": 550},
        include=["big"],
    )
    d = diagnosis(p, solver)
    assert [(r.rule, r.relax_by) for r in d.relaxations] == [("budget jp-investment", pytest.approx(40))]
    assert d.messages == ("budget jp-investment short by 40 (limit 550, needs 590)",)


@pytest.mark.parametrize("solver", SOLVERS)
def test_domain_minimum_without_enough_options(solver):
    energy = make_problem(
        ["a", "b"], [1.0, 1.0], domains=["energy", "security"], rules=Rules(domains={"energy": DomainRule(min=2)})
    )
    d = diagnosis(energy, solver)
    assert d.messages == ("lower the minimum of 2 energy options by 1 (to 1)",)
    none = make_problem(["a"], [1.0], domains=["security"], rules=Rules(domains={"energy": DomainRule(min=2)}))
    d = diagnosis(none, solver)
    assert d.messages == ("drop the minimum of 2 energy options",) and d.relaxations[0].relax_by == 2


@pytest.mark.parametrize("solver", SOLVERS)
def test_cardinality_against_exclusions(solver):
    # three options, each pair excludes the other: at most one fits, but four are required
    p = make_problem(
        ["a", "b", "c"],
        [1.0, 1.0, 1.0],
        excludes=[("a", "b"), ("a", "c"), ("b", "c")],
        rules=Rules(min_options=2),
    )
    d = diagnosis(p, solver)
    # relaxing the minimum by one (one rule) beats dropping two exclusions
    assert d.messages == ("lower the minimum of 2 options by 1 (to 1)",)


@pytest.mark.parametrize("solver", SOLVERS)
def test_forced_in_and_out(solver):
    p = make_problem(["a", "b"], [1.0, 1.0], include=["a"], exclude=["a"])
    d = diagnosis(p, solver)
    assert len(d.relaxations) == 1 and d.messages[0] in ("drop --include a", "drop --exclude a")


@pytest.mark.parametrize("solver", SOLVERS)
def test_requirement_conflicts_with_exclusion(solver):
    p = make_problem(["a", "b"], [1.0, 1.0], requires=[("a", "b")], excludes=[("a", "b")], include=["a"])
    d = diagnosis(p, solver)
    # the forced choice is the question asked: one of the catalogue's two rules must give
    assert len(d.relaxations) == 1
    assert d.messages[0] in ("drop the rule that a requires b", "drop the rule that a excludes b")


@pytest.mark.parametrize("solver", SOLVERS)
def test_two_independent_conflicts_both_reported(solver):
    p = make_problem(
        ["a", "b", "c"],
        [1.0, 1.0, 1.0],
        exposures={"history": [0.8, 0.5, 0.0]},
        caps={"history": 1.0},
        costs={"money": [1, 1, 3]},
        limits={"money": 2},
        include=["a", "b", "c"],
    )
    d = diagnosis(p, solver)
    # dropping --include a would fix both with two rules too, but forced choices are relaxed last
    found = {r.rule: r.relax_by for r in d.relaxations}
    assert found == {"budget money": pytest.approx(3), "risk history": pytest.approx(0.3)}
    assert "risk cap history too tight by 0.3 (cap 1, needs 1.3)" in d.messages


@pytest.mark.parametrize("solver", SOLVERS)
def test_country_cap_and_maximum(solver):
    p = make_problem(
        ["a", "b", "c"],
        [1.0, 1.0, 1.0],
        exposures={"seoul": [0.5, 0.5, 0.5]},
        risk_countries={"seoul": ["KR"]},
        rules=Rules(min_options=3, max_options=3, country_caps={"KR": 1.0}),
    )
    d = diagnosis(p, solver)
    # raising KR's cap by 0.5 uses all of its possible relaxation (0.5 of 0.5); lowering the minimum by
    # one uses a third of its (1 of 3): both are one rule, the second is the smaller relaxation
    assert d.messages == ("lower the minimum of 3 options by 1 (to 2)",)


def test_diagnosis_text_lists_every_change():
    p = make_problem(["a"], [1.0], costs={"money": [5]}, limits={"money": 2}, include=["a"])
    text = str(optimize(p).diagnosis)
    assert text.startswith("no portfolio satisfies every rule") and "budget money short by 3" in text
