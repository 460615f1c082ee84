"""Building the problem from a catalogue: values, survival, rules, and bad ids."""

from __future__ import annotations

import pandas as pd
import pytest

from factories import option_text, write_project
from trilat_opt import load
from trilat_opt.errors import InputError
from trilat_opt.optimize import optimize, problem_from_catalogue
from trilat_opt.optimize.problem import BASE

SYNERGY = """\
excludes: [beta]
synergies:
  - {option: beta, value: 0.2}
"""
SYNERGY_BACK = """\
excludes: [alpha]
synergies:
  - {option: alpha, value: 0.4}
"""


@pytest.fixture
def cat(tmp_path):
    root = write_project(
        tmp_path,
        {
            "alpha": option_text("alpha", extra=SYNERGY),
            "beta": option_text("beta", extra=SYNERGY_BACK),
            "gamma": option_text("gamma"),
        },
    )
    return load(root)


def scores():
    # options x criteria claim strengths; neutral base 0.5 in the factory project
    return pd.DataFrame(
        {"deterrence": [0.9, 0.5, 0.3], "resilience": [0.5, 0.7, 0.5]}, index=["alpha", "beta", "gamma"]
    )


def test_values_are_net_of_the_neutral_base(cat):
    p = problem_from_catalogue(cat, scores(), {"deterrence": 0.6, "resilience": 0.4})
    # alpha: 0.6 * 0.4 + 0.4 * 0 = 0.24; beta: 0.4 * 0.2 = 0.08; gamma: 0.6 * -0.2 = -0.12
    assert p.values[BASE].round(10).tolist() == [0.24, 0.08, -0.12]
    # Tokyo's profile weights deterrence 0.7, resilience 0.3
    assert p.values["tokyo"].round(10).tolist() == [0.28, 0.06, -0.14]
    assert p.values["crisis"].round(10).tolist() == [0.24, 0.08, -0.12]  # the scenario scales no criterion


def test_survival_uses_likelihoods_and_scenario_multipliers(cat):
    p = problem_from_catalogue(cat, scores(), cat.weights())
    # every option has exposure 0.4 to `history` (likelihood 0.3; doubled in `crisis`)
    assert p.survival[BASE].round(10).tolist() == [0.88] * 3
    assert p.survival["crisis"].round(10).tolist() == [0.76] * 3


def test_rules_pairs_and_synergies(cat):
    p = problem_from_catalogue(cat, scores(), cat.weights(), include=["gamma"])
    assert p.excludes == (("alpha", "beta"),)  # declared on both sides, one rule
    assert p.synergies == (("alpha", "beta", pytest.approx(0.3)),)  # the mean of 0.2 and 0.4
    assert p.include == ("gamma",) and p.rules.max_options == 5
    assert p.limits.to_dict() == {"money": 10.0} and p.costs["money"].tolist() == [2.0, 2.0, 2.0]
    r = optimize(p)
    assert r.selected == ("alpha", "gamma")  # gamma forced in despite its negative value


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"include": ["delta"]}, "--include 'delta': unknown option; did you mean 'beta'?"),
        ({"exclude": ["delta"]}, "--exclude 'delta': unknown option"),
        ({"scenario": "war"}, "--scenario 'war': unknown scenario (known: crisis)"),
    ],
)
def test_unknown_ids_are_input_errors(cat, kwargs, message):
    with pytest.raises(InputError) as info:
        problem_from_catalogue(cat, scores(), cat.weights(), **kwargs)
    assert message in str(info.value)


def test_scenario_selects_the_value_and_survival_columns(cat):
    p = problem_from_catalogue(cat, scores(), cat.weights(), scenario="crisis")
    r = optimize(p, "expected")
    # alpha alone: value 0.24 x survival 0.76 (beta excluded by alpha, gamma negative)
    assert r.selected == ("alpha",) and r.objective_value == pytest.approx(0.6 * 0.4 * 0.76)
