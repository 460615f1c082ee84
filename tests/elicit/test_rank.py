"""Rank-order centroid weights: the closed form, Barron and Barrett's values, and the centroid itself.

Barron, F.H. and Barrett, B.E. (1996). Decision quality using ranked attribute weights.
Management Science 42(11), 1515-1523: w_i = (1/n) sum_{k=i}^{n} 1/k.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from trilat_opt.elicit.rank import order_pairs, roc_weights


def closed_form(n: int) -> list[float]:
    return [sum(1 / k for k in range(i, n + 1)) / n for i in range(1, n + 1)]


@pytest.mark.parametrize("n", range(1, 21))
def test_roc_matches_its_closed_form(n):
    got = roc_weights([[f"c{k}"] for k in range(n)])
    assert list(got.values()) == pytest.approx(closed_form(n), abs=1e-15)


def test_roc_values_printed_by_barron_and_barrett():
    assert list(roc_weights([["a"], ["b"], ["c"], ["d"]]).values()) == pytest.approx(
        [0.5208, 0.2708, 0.1458, 0.0625], abs=5e-5
    )


def test_roc_is_the_mean_of_weights_drawn_uniformly_under_the_ranking():
    """The centre of mass, estimated independently: uniform weights on the simplex, sorted."""
    rng = np.random.default_rng(0)
    draws = -np.sort(-rng.dirichlet(np.ones(5), size=200_000), axis=1)
    assert list(roc_weights([[c] for c in "abcde"]).values()) == pytest.approx(draws.mean(axis=0), abs=2e-3)


@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 5))
def test_criteria_ranked_equal_share_the_weights_of_their_places(before, tied, after):
    order = [[f"a{k}"] for k in range(before)] + [[f"t{k}" for k in range(tied)]] + [[f"z{k}"] for k in range(after)]
    got = roc_weights(order)
    full = closed_form(before + tied + after)
    assert sum(got.values()) == pytest.approx(1)
    for k in range(tied):
        assert got[f"t{k}"] == pytest.approx(np.mean(full[before : before + tied]))
    assert [got[f"a{k}"] for k in range(before)] == pytest.approx(full[:before])


def test_order_pairs_chain_the_places_and_leave_equals_unordered():
    assert order_pairs([["a"], ["b", "c"], ["d"]]) == (("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"))
    assert order_pairs([["a", "b"]]) == ()
