"""The ranking pipeline: columns, values against hand sums, ordering, ties, validation, wiring."""

from __future__ import annotations

import types

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trilat_opt
import trilat_opt.argue
from factories import CRITERIA, option_text, write_project
from trilat_opt.errors import InputError
from trilat_opt.ranking import DEFAULT_PREFERENCE, competition_rank, rank
from trilat_opt.score import promethee_ii, topsis

IDS = ["alpha", "beta", "gamma"]
WEIGHTS = {"deterrence": 0.6, "resilience": 0.4}  # criteria of factories.CRITERIA, neutral base 0.5


def catalogue(tmp_path, ids=IDS, criteria=CRITERIA):
    return trilat_opt.load(write_project(tmp_path, {i: option_text(i) for i in ids}, criteria))


def table(rows: dict[str, tuple[float, float]]) -> pd.DataFrame:
    return pd.DataFrame.from_dict(rows, orient="index", columns=["deterrence", "resilience"])


SCORES = table({"alpha": (0.9, 0.5), "beta": (0.5, 0.5), "gamma": (0.2, 0.8)})


def test_all_methods_columns_and_net_values(tmp_path):
    got = rank(catalogue(tmp_path), WEIGHTS, scores=SCORES)
    assert list(got.columns) == [
        "title",
        "domain",
        "value",
        "rank_additive",
        "topsis",
        "rank_topsis",
        "promethee",
        "rank_promethee",
    ]
    assert got.index.name == "option"
    assert list(got.index) == ["alpha", "beta", "gamma"]
    # value = sum of weight x (score - 0.5), by hand: 0.6*0.4; 0; 0.6*(-0.3) + 0.4*0.3
    assert got["value"].to_dict() == pytest.approx({"alpha": 0.24, "beta": 0.0, "gamma": -0.06})
    assert got["rank_additive"].tolist() == [1, 2, 3]
    assert got.loc["alpha", "title"] == "Option alpha" and got.loc["alpha", "domain"] == "security"


def test_promethee_column_by_hand(tmp_path):
    """Linear preference q=0.02, p=0.2; flows over n - 1 = 2 other options.
    alpha-beta: det 0.4 -> 1; alpha-gamma: det 0.7 -> 1, res -0.3 -> gamma 1; beta-gamma: det 0.3
    -> 1 for beta, res 0.3 -> 1 for gamma. Net: alpha (0.6 + 0.6 - 0.4) / 2 = 0.4,
    beta (-0.6 + 0.6 - 0.4) / 2 = -0.2, gamma (-0.6 + 0.4 - 0.6 + 0.4) / 2 = -0.2."""
    got = rank(catalogue(tmp_path), WEIGHTS, method="promethee", scores=SCORES)
    assert got["promethee"].to_dict() == pytest.approx({"alpha": 0.4, "beta": -0.2, "gamma": -0.2})
    assert got["rank_promethee"].to_dict() == {"alpha": 1, "beta": 2, "gamma": 2}
    assert list(got.columns) == ["title", "domain", "promethee", "rank_promethee"]


def test_methods_match_the_library_functions(tmp_path):
    got = rank(catalogue(tmp_path), WEIGHTS, scores=SCORES)
    pd.testing.assert_series_equal(got["topsis"], topsis(SCORES, WEIGHTS), check_names=False, check_index_type=False)
    want = promethee_ii(SCORES, WEIGHTS, None, DEFAULT_PREFERENCE)
    pd.testing.assert_series_equal(got["promethee"], want, check_names=False, check_index_type=False)


def test_sorted_by_first_method_then_option_id(tmp_path):
    ids = ["delta", "alpha", "charlie", "bravo"]
    scores = table({"delta": (0.7, 0.5), "alpha": (0.5, 0.5), "charlie": (0.5, 0.5), "bravo": (0.9, 0.9)})
    got = rank(catalogue(tmp_path, ids), WEIGHTS, method="topsis", scores=scores)
    assert list(got.index) == ["bravo", "delta", "alpha", "charlie"]
    assert got["rank_topsis"].tolist() == [1, 2, 3, 3]
    assert list(got.columns) == ["title", "domain", "topsis", "rank_topsis"]
    again = rank(catalogue(tmp_path, ids), WEIGHTS, method="topsis", scores=scores.iloc[::-1])
    pd.testing.assert_frame_equal(got, again)


def test_direction_min_counts_against_the_option(tmp_path):
    criteria = CRITERIA.replace("    name: Resilience\n", "    name: Resilience\n    direction: min\n")
    got = rank(catalogue(tmp_path, criteria=criteria), WEIGHTS, scores=SCORES)
    # resilience now counts as 0.4 x (0.5 - score): gamma 0.6*(-0.3) + 0.4*(-0.3)
    assert got["value"].to_dict() == pytest.approx({"alpha": 0.24, "beta": 0.0, "gamma": -0.3})
    pd.testing.assert_series_equal(
        got["topsis"], topsis(SCORES, WEIGHTS, {"resilience": "min"}), check_names=False, check_index_type=False
    )


def test_weights_are_normalised_and_missing_criteria_weigh_zero(tmp_path):
    cat = catalogue(tmp_path)
    doubled = rank(cat, {"deterrence": 1.2, "resilience": 0.8}, scores=SCORES)
    pd.testing.assert_frame_equal(doubled, rank(cat, WEIGHTS, scores=SCORES))
    only = rank(cat, {"deterrence": 0.5}, method="additive", scores=SCORES)
    assert only["value"].to_dict() == pytest.approx({"alpha": 0.4, "beta": 0.0, "gamma": -0.3})


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "electre"}, "--method 'electre': expected one of additive, topsis, promethee, all"),
        ({"weights": {"deterrence": 1, "speed": 1}}, "weights: unknown criterion speed"),
        ({"weights": {"deterrence": 0, "resilience": 0}}, "all weights are zero"),
        ({"scores": SCORES.drop(index="beta")}, "scores: no scores for option beta"),
        ({"scores": SCORES.assign(extra=0.5)}, "scores: unknown criterion extra"),
        ({"scores": SCORES.assign(resilience=[0.5, np.nan, 0.5])}, "option beta, criterion resilience"),
    ],
)
def test_bad_input_is_an_input_error(tmp_path, kwargs, message):
    args = {"weights": WEIGHTS, "scores": SCORES} | kwargs
    with pytest.raises(InputError) as caught:
        rank(catalogue(tmp_path), **args)
    assert message in str(caught.value)


def test_default_scores_come_from_the_argumentation_engine(tmp_path, monkeypatch):
    cat = catalogue(tmp_path)
    calls = []

    def fake(c, *, semantics):
        calls.append((c, semantics))
        return types.SimpleNamespace(scores=SCORES)

    monkeypatch.setattr(trilat_opt.argue, "criterion_scores", fake, raising=False)
    got = rank(cat, WEIGHTS, method="additive", semantics="euler")
    assert calls == [(cat, "euler")]
    assert got["value"].to_dict() == pytest.approx({"alpha": 0.24, "beta": 0.0, "gamma": -0.06})


def test_no_options_gives_an_empty_table(tmp_path):
    got = rank(catalogue(tmp_path, []), WEIGHTS, method="topsis", scores=SCORES.iloc[:0])
    assert got.empty and list(got.columns) == ["title", "domain", "topsis", "rank_topsis"]


@settings(max_examples=40, deadline=None)
@given(values=st.lists(st.sampled_from([0.0, 0.1, 0.25, 0.5, 1.0, -2.0]), min_size=1, max_size=12))
def test_competition_rank_matches_counting_better_values(values):
    got = competition_rank(pd.Series(values)).tolist()
    assert got == [1 + sum(w > v for w in values) for v in values]


def test_competition_rank_ignores_rounding_noise():
    assert competition_rank(pd.Series([0.3, 0.1 + 0.2, 0.2])).tolist() == [1, 1, 3]


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_additive_rank_is_the_rank_of_the_raw_weighted_sum(tmp_path_factory, seed):
    """Net value differs from the plain weighted sum of scores by the constant neutral base."""
    rng = np.random.default_rng(seed)
    ids = [f"o{i}" for i in range(int(rng.integers(2, 8)))]
    scores = table({i: tuple(rng.choice([0.2, 0.5, 0.7, 0.9], size=2)) for i in ids})
    w = dict(zip(WEIGHTS, rng.dirichlet([1, 1]), strict=True))
    got = rank(catalogue(tmp_path_factory.mktemp("p"), ids), w, method="additive", scores=scores)
    raw = scores["deterrence"] * w["deterrence"] + scores["resilience"] * w["resilience"]
    want = {i: 1 + sum(raw[j] > raw[i] + 1e-9 for j in ids) for i in ids}
    assert got["rank_additive"].to_dict() == want
