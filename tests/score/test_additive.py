"""Additive value model against a brute-force sum, pymcdm's WSM and values.option_values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymcdm import normalizations
from pymcdm.methods import WSM

from trilat_opt.score import additive
from trilat_opt.values import option_values


def _random(seed: int):
    rng = np.random.default_rng(seed)
    n, m = rng.integers(1, 20), rng.integers(1, 8)
    return rng.uniform(0, 1, size=(n, m)), rng.uniform(0, 5, size=m), list(rng.choice(["max", "min"], size=m))


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_equals_brute_force_weighted_sum(seed: int):
    matrix, weights, directions = _random(seed)
    if weights.sum() == 0:
        return
    total = sum(weights)
    want = [
        sum(w / total * (x if d == "max" else -x) for x, w, d in zip(row, weights, directions, strict=True))
        for row in matrix
    ]
    np.testing.assert_allclose(additive(matrix, weights, directions), want, atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_agrees_with_pymcdm_wsm_on_a_sum_normalised_matrix(seed: int):
    """pymcdm's WSM normalises inside; fed the same sum-normalised matrix (benefit criteria) the
    weighted sums must agree."""
    matrix, weights, _ = _random(seed)
    matrix = matrix + 0.01
    weights = weights + 0.01
    normalised = matrix / matrix.sum(axis=0)
    want = WSM(normalizations.sum_normalization)(
        matrix, weights / weights.sum(), np.ones(len(weights)), validation=False
    )
    np.testing.assert_allclose(additive(normalised, weights), want, rtol=0, atol=1e-9)


def test_is_option_values_plus_the_neutral_base():
    """With weights summing to 1, sum w (s - base) = sum w s - base: values.py and additive agree."""
    scores = pd.DataFrame({"a": [0.8, 0.5, 0.2], "b": [0.4, 0.5, 0.9]}, index=["x", "y", "z"])
    weights = {"a": 0.7, "b": 0.3}
    pd.testing.assert_series_equal(
        additive(scores, weights) - 0.5, option_values(scores, weights, 0.5), check_names=False, atol=1e-12
    )


def test_weights_are_normalised():
    assert additive([[1.0, 0.0]], [3, 1]).tolist() == [pytest.approx(0.75)]
