"""Net values: zero means no gain, and a criterion to minimise counts the same way in every stage."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import trilat_opt
from factories import CRITERIA, option_text, write_project
from trilat_opt.argue import criterion_scores
from trilat_opt.optimize import problem_from_catalogue
from trilat_opt.ranking import rank
from trilat_opt.values import ValueModel, direction_signs, net_matrix, option_values


def test_no_evidence_is_worth_zero():
    scores = pd.DataFrame({"a": [0.5, 0.9], "b": [0.5, 0.2]}, index=["none", "some"])
    values = option_values(scores, {"a": 0.5, "b": 0.5}, 0.5)
    assert values["none"] == 0.0
    assert values["some"] == pytest.approx(0.5 * 0.4 + 0.5 * -0.3)


def test_min_direction_reflects_about_the_base():
    scores = pd.DataFrame({"a": [0.8], "b": [0.8]}, index=["x"])
    net = net_matrix(scores, 0.5, signs={"a": 1.0, "b": -1.0})
    assert net.loc["x", "a"] == pytest.approx(0.3) and net.loc["x", "b"] == pytest.approx(-0.3)


@pytest.fixture
def min_project(tmp_path):
    criteria = CRITERIA.replace("    name: Resilience\n", "    name: Resilience\n    direction: min\n")
    options = {o: option_text(o) for o in ("alpha", "beta")}
    options["beta"] = options["beta"].replace("strength: 0.4", "strength: 0.9")
    return trilat_opt.load(write_project(tmp_path, options, criteria))


def test_every_stage_signs_a_min_criterion_alike(min_project):
    cat = min_project
    assert direction_signs(cat).to_dict() == {"deterrence": 1.0, "resilience": -1.0}
    scores = criterion_scores(cat).scores
    weights = cat.weights()
    by_hand = sum(weights[c] * (scores[c] - cat.frame.neutral_base) * (1 if c == "deterrence" else -1) for c in weights)
    ranked = rank(cat, weights, method="additive", scores=scores)["value"]
    optimizer = problem_from_catalogue(cat, scores, weights).values["base"]
    analyses = ValueModel.of(cat, scores).values(np.array([weights[c] for c in cat.criterion_ids]))["base"]
    for series in (ranked, optimizer, analyses):
        assert series.reindex(by_hand.index).to_numpy() == pytest.approx(by_hand.to_numpy())
    # the con argument on the min criterion lowers resilience's score, which *raises* the value
    assert by_hand["beta"] > by_hand["alpha"]
