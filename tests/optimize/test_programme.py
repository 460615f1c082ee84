"""The programme exported for the page: the same rows, pairs and values as the Python model."""

from __future__ import annotations

import json

import numpy as np
import pytest

import trilat_opt
from trilat_opt.argue import criterion_scores
from trilat_opt.optimize import problem_from_catalogue
from trilat_opt.optimize.objectives import outcomes
from trilat_opt.optimize.programme import programme
from trilat_opt.optimize.rules import rules_of
from trilat_opt.values import ValueModel


@pytest.fixture(scope="module")
def exported(project_root):
    cat = trilat_opt.load(project_root)
    scores = criterion_scores(cat).scores.reindex(index=cat.option_ids, columns=cat.criterion_ids)
    scores = scores.fillna(cat.frame.neutral_base)
    problem = problem_from_catalogue(cat, scores, cat.weights(), scenario="tariff-escalation")
    vm = ValueModel.of(cat, scores)
    return cat, problem, programme(problem, vm.net, vm.factors)


def _values(prog: dict, column: str, w: list[float]) -> np.ndarray:
    """What the page computes: sum_j net[i][j] * factor[j] * w[j]."""
    return np.array(prog["net"]) * np.array(prog["factors"][column]) @ np.array(w)


def test_values_are_the_problems_value_columns_as_functions_of_the_weights(exported):
    cat, problem, prog = exported
    w = [cat.weights()[c] for c in prog["criteria"]]
    for column in ["base", *problem.scenarios]:
        assert _values(prog, column, w) == pytest.approx(problem.values[column].to_numpy(), abs=1e-15)
        assert prog["survival"][column] == problem.survival[column].tolist()


def test_rows_and_pairs_are_the_models_rules(exported):
    _, problem, prog = exported
    rules = rules_of(problem)
    assert [r["name"] for r in prog["rows"]] == [r.name for r in rules]
    for row, rule in zip(prog["rows"], rules, strict=True):
        dense = np.zeros(len(problem.options))
        dense[row["cols"]] = row["coef"]
        assert np.array_equal(dense, rule.coef) and row["sense"] == rule.sense and row["rhs"] == rule.rhs
    expected = outcomes(problem, "value", problem.values)[problem.value_column]
    assert [p[2] for p in prog["pairs"]] == expected.b.tolist()
    assert prog["tie"] == {"tol": 1e-7, "max": 60, "block": 20}


def test_the_programme_is_plain_json_that_reads_back_to_the_same_numbers(exported):
    prog = exported[2]
    assert json.loads(json.dumps(prog)) == prog
