"""Weight sampling: uniform on the simplex or on the polytope cut by bounds and orderings."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from trilat_opt.analysis.sampling import sample_weights, weight_batches, weight_space
from trilat_opt.errors import InputError


def test_unconstrained_marginal_is_beta_1_m_minus_1():
    # On the 4-criterion simplex each weight is Beta(1, 3) distributed (Dirichlet(1,1,1,1) marginal).
    w = sample_weights(weight_space(list("abcd")), 20_000, seed=3)
    assert np.allclose(w.sum(axis=1), 1.0)
    assert stats.kstest(w[:, 0], stats.beta(1, 3).cdf).pvalue > 1e-3


def test_bounds_and_order_are_respected_and_uniform():
    space = weight_space(list("abc"), {"a": (0.2, 0.5), "b": (0.1, 0.9)}, [("b", "c")])
    w = sample_weights(space, 20_000, seed=5)
    assert np.all(w[:, 0] >= 0.2 - 1e-12) and np.all(w[:, 0] <= 0.5 + 1e-12)
    assert np.all(w[:, 1] >= 0.1 - 1e-12) and np.all(w[:, 1] >= w[:, 2] - 1e-12)
    # Uniform on the polytope = the uniform simplex conditioned on the constraints: compare a
    # marginal with plain rejection from an unconstrained sample (an independent construction).
    raw = sample_weights(weight_space(list("abc")), 400_000, seed=11)
    keep = (raw[:, 0] >= 0.2) & (raw[:, 0] <= 0.5) & (raw[:, 1] >= 0.1) & (raw[:, 1] <= 0.9) & (raw[:, 1] >= raw[:, 2])
    assert stats.ks_2samp(w[:, 0], raw[keep, 0]).pvalue > 1e-3
    assert stats.ks_2samp(w[:, 2], raw[keep, 2]).pvalue > 1e-3


def test_batches_do_not_depend_on_chunk_size():
    space = weight_space(list("abc"), {"a": (0.1, 0.4)}, [("a", "c")])
    small = np.concatenate(list(weight_batches(space, np.random.default_rng(9), 5000, 700)))
    large = np.concatenate(list(weight_batches(space, np.random.default_rng(9), 5000, 5000)))
    assert small.shape == (5000, 3)
    np.testing.assert_array_equal(small, large)


@pytest.mark.parametrize(
    ("bounds", "order"),
    [
        ({"a": (0.6, 1.0), "b": (0.6, 1.0)}, []),
        ({"a": (0.0, 0.2), "b": (0.0, 0.2), "c": (0.0, 0.2)}, []),
        ({"a": (0.0, 0.2), "b": (0.5, 1.0)}, [("a", "b")]),
    ],
)
def test_empty_weight_space_is_an_input_error(bounds, order):
    with pytest.raises(InputError, match="leave no weight vector"):
        weight_space(list("abc"), bounds, order)


def test_unknown_criterion_and_bad_bounds():
    with pytest.raises(InputError, match="unknown criteria z"):
        weight_space(list("ab"), {"z": (0.0, 1.0)})
    with pytest.raises(InputError, match="expected 0 <= low <= high <= 1"):
        weight_space(list("ab"), {"a": (0.7, 0.2)})
