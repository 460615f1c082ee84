"""TOPSIS against published worked examples and against pymcdm on random matrices."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymcdm import normalizations
from pymcdm.methods import TOPSIS

from trilat_opt.errors import InputError
from trilat_opt.score import ScoreWarning, topsis


def test_hwang_yoon_1981_fighter_aircraft():
    """Hwang, C.-L. and Yoon, K. (1981). Multiple Attribute Decision Making: Methods and
    Applications. Springer, pp. 133-134: four fighter aircraft, six attributes (max speed, ferry
    range, payload, cost [to minimise], reliability, manoeuvrability), vector normalisation.
    Published relative closeness C* = 0.643, 0.268, 0.613, 0.312, computed in the book from
    distances rounded to four decimals (A3: 0.0920 / (0.0580 + 0.0920) = 0.613 against the exact
    0.6135), hence the tolerance of 1e-3."""
    matrix = [
        [2.0, 1500, 20000, 5.5, 5, 9],
        [2.5, 2700, 18000, 6.5, 3, 5],
        [1.8, 2000, 21000, 4.5, 7, 7],
        [2.2, 1800, 20000, 5.0, 5, 5],
    ]
    weights = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3]
    directions = ["max", "max", "max", "min", "max", "max"]
    got = topsis(matrix, weights, directions)
    assert got.to_numpy() == pytest.approx([0.643, 0.268, 0.613, 0.312], abs=1e-3)
    assert list(got.sort_values(ascending=False).index) == [0, 2, 3, 1]


def test_tzeng_huang_2011_example():
    """Tzeng, G.-H. and Huang, J.-J. (2011). Multiple Attribute Decision Making: Methods and
    Applications. CRC Press; the same data and figures are scikit-criteria's golden test
    (tests/agg/test_topsis.py::test_TOPSIS_tzeng2011multiple). Vector normalisation."""
    matrix = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]
    got = topsis(matrix, [0.3, 0.4, 0.3], ["max", "max", "max"])
    assert got.to_numpy() == pytest.approx([0.5037, 0.6581, 0.7482, 0.3340], abs=1e-4)


def _random_problem(seed: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    rng = np.random.default_rng(seed)
    n, m = rng.integers(2, 30), rng.integers(1, 8)
    matrix = rng.uniform(1, 100, size=(n, m))
    weights = rng.dirichlet(np.ones(m))
    directions = list(rng.choice(["max", "min"], size=m))
    return matrix, weights, directions


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), normalization=st.sampled_from(["vector", "minmax"]))
def test_agrees_with_pymcdm_on_random_matrices(seed: int, normalization: str):
    """pymcdm flips cost columns (1 - r) instead of taking the minimum as the ideal; the two are
    reflections of each other, so every distance, and so every closeness, is the same."""
    matrix, weights, directions = _random_problem(seed)
    func = {"vector": normalizations.vector_normalization, "minmax": normalizations.minmax_normalization}
    types = np.where(np.array(directions) == "max", 1, -1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pymcdm warns about dominated options; a constant column warns here
        want = TOPSIS(func[normalization])(matrix, weights, types, validation=False)
        got = topsis(matrix, weights, directions, normalization=normalization)
    np.testing.assert_allclose(got.to_numpy(), want, rtol=0, atol=1e-9)


def test_ideal_option_scores_one_and_anti_ideal_zero():
    m = pd.DataFrame({"gain": [1.0, 5.0, 3.0], "cost": [9.0, 2.0, 4.0]}, index=["worst", "best", "mid"])
    got = topsis(m, {"gain": 1, "cost": 2}, {"cost": "min"})
    assert got["best"] == pytest.approx(1.0)
    assert got["worst"] == pytest.approx(0.0)
    assert 0 < got["mid"] < 1
    assert got.name == "topsis"
    assert list(got.index) == ["worst", "best", "mid"]


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), factor=st.floats(0.01, 100))
def test_invariant_to_weight_scale_and_column_units(seed: int, factor: float):
    matrix, weights, directions = _random_problem(seed)
    base = topsis(matrix, weights, directions)
    rescaled = matrix.copy()
    rescaled[:, 0] *= factor  # a change of units on one criterion
    np.testing.assert_allclose(topsis(rescaled, weights * factor, directions), base, atol=1e-12)


@pytest.mark.parametrize("normalization", ["vector", "minmax"])
def test_constant_criterion_warns_and_equals_dropping_it(normalization: str):
    m = pd.DataFrame({"a": [1.0, 4.0, 2.0], "flat": [3.0, 3.0, 3.0], "b": [5.0, 1.0, 2.0]})
    with pytest.warns(ScoreWarning, match="criterion flat has the same value"):
        got = topsis(m, [0.3, 0.4, 0.3], normalization=normalization)
    want = topsis(m[["a", "b"]], [0.3, 0.3], normalization=normalization)
    np.testing.assert_allclose(got, want, atol=1e-12)


@pytest.mark.parametrize("normalization", ["vector", "minmax"])
def test_all_options_equal_is_a_tie_not_a_division_by_zero(normalization: str):
    m = np.array([[0.0, 2.0], [0.0, 2.0], [0.0, 2.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.warns(ScoreWarning, match="all options are equal"):
            got = topsis(m, [1, 1], normalization=normalization)
    assert got.tolist() == [0.5, 0.5, 0.5]


def test_zero_weight_constant_column_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = topsis([[1.0, 7.0], [2.0, 7.0]], [1, 0])
    assert got.tolist() == [0.0, 1.0]


def test_unknown_normalization_is_an_input_error():
    with pytest.raises(InputError, match="normalization 'sum' unknown; expected one of vector, minmax"):
        topsis([[1.0], [2.0]], [1], normalization="sum")
