"""The validation step every method shares: clear errors for bad input, never a NaN result."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from trilat_opt.errors import InputError
from trilat_opt.score import METHODS, prepare

GOOD = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [0.5, 0.1, 0.9]}, index=["x", "y", "z"])


@pytest.mark.parametrize(
    ("matrix", "weights", "directions", "message"),
    [
        (GOOD.assign(b=[0.5, math.nan, 0.9]), [1, 1], None, "missing or non-finite value at option y, criterion b"),
        (GOOD.assign(a=[1.0, math.inf, 3.0]), [1, 1], None, "missing or non-finite value at option y, criterion a"),
        (GOOD.assign(b=["hi", "lo", "mid"]), [1, 1], None, "criterion column(s) b are not numeric"),
        ([1.0, 2.0], [1], None, "expected a 2-D table (options x criteria), got 1 dimension(s)"),
        (np.zeros((0, 2)), [1, 1], None, "needs at least one option and one criterion, got shape (0, 2)"),
        (GOOD.set_axis(["x", "x", "z"]), [1, 1], None, "duplicate option label(s) x"),
        ([["a", "b"]], [1, 1], None, "expected numbers in rows and columns"),
        (GOOD, [1, 1, 1], None, "weights: expected 2 values, one per criterion, got 3"),
        (GOOD, [1, -1], None, "each weight must be a finite number >= 0 (b=-1.0)"),
        (GOOD, [1, math.nan], None, "each weight must be a finite number >= 0 (b=nan)"),
        (GOOD, [0, 0], None, "all weights are zero; at least one must be positive"),
        (GOOD, {"a": 1, "c": 1}, None, "weights: unknown criterion c (known: a, b)"),
        (GOOD, {"a": 1}, None, "weights: none given for criterion b"),
        (GOOD, [1, 1], ["max", "up"], "directions: expected 'max' or 'min' (b='up')"),
        (GOOD, [1, 1], {"c": "min"}, "directions: unknown criterion c"),
    ],
)
def test_bad_input_is_a_clear_input_error(matrix, weights, directions, message):
    with pytest.raises(InputError) as caught:
        prepare(matrix, weights, directions)
    assert message in str(caught.value)


def test_many_bad_cells_are_summarised():
    with pytest.raises(InputError, match="and 2 more"):
        prepare(np.full((7, 1), math.nan), [1])


@pytest.mark.parametrize("name", sorted(METHODS))
def test_every_method_refuses_nan_instead_of_returning_it(name):
    with pytest.raises(InputError, match="option z, criterion a"):
        METHODS[name](GOOD.assign(a=[1.0, 2.0, math.nan]), [1, 1])


def test_directions_default_to_max_and_weights_are_normalised():
    p = prepare(GOOD, pd.Series({"b": 1.0, "a": 3.0}), {"b": "min"})
    assert p.weights.tolist() == [0.75, 0.25]
    assert p.maximise.tolist() == [True, False]
    assert list(p.options) == ["x", "y", "z"] and list(p.criteria) == ["a", "b"]


@pytest.mark.parametrize("name", sorted(METHODS))
def test_a_zero_weight_criterion_has_no_influence(name):
    """Zero weights are allowed (a profile may ignore a criterion); such a column must not matter."""
    changed = GOOD.assign(b=[9.0, -4.0, 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pd.testing.assert_series_equal(METHODS[name](GOOD, [1, 0]), METHODS[name](changed, [1, 0]))


@pytest.mark.parametrize("name", sorted(METHODS))
def test_every_method_keeps_labels_and_signature(name):
    got = METHODS[name](GOOD, {"a": 1, "b": 1}, {"a": "max", "b": "min"})
    assert list(got.index) == ["x", "y", "z"]
    assert got.dtype == float
    assert got.notna().all()
