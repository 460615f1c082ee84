"""AHP weights and consistency against Saaty's published examples, ahpy, and properties that must hold.

Golden values:
- Saaty, T.L. (1990). How to make a decision: the analytic hierarchy process. European Journal of
  Operational Research 48(1), 9-26. The house example: the matrix of the eight criteria (size of
  house, transportation, neighbourhood, age, yard space, modern facilities, general condition,
  financing), and the three houses compared on size and on yard space.
- Saaty, T.L. (2008). Decision making with the analytic hierarchy process. International Journal of
  Services Sciences 1(1), 83-98. Relative consumption of drinks in the US (coffee, wine, tea, beer,
  sodas, milk, water).
Both papers print weights, lambda_max, CI and CR to three decimals, so each value must agree to
within half a unit of the third decimal (0.0005).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trilat_opt.elicit.ahp import RANDOM_INDEX, ahp, consistency_ratio, revisions
from trilat_opt.elicit.scale import SCALE

PRINTED = 0.0005
"""Half a unit of the third decimal: the precision the sources print."""


def matrix(rows: list[str]) -> list[list[float]]:
    return [[float(Fraction(x)) for x in row.split()] for row in rows]


def names(n: int) -> list[str]:
    return [f"c{k}" for k in range(n)]


SAATY_1990_HOUSE_CRITERIA = (
    matrix([
        "1   5   3   7   6   6   1/3 1/4",
        "1/5 1   1/3 5   3   3   1/5 1/7",
        "1/3 3   1   6   3   4   6   1/5",
        "1/7 1/5 1/6 1   1/3 1/4 1/7 1/8",
        "1/6 1/3 1/3 3   1   1/2 1/5 1/6",
        "1/6 1/3 1/4 4   2   1   1/5 1/6",
        "3   5   1/6 7   5   5   1   1/2",
        "4   7   5   8   6   6   2   1",
    ]),
    [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333],
    (9.669, 0.238, 0.169),
)  # fmt: skip
SAATY_1990_HOUSE_SIZE = (matrix(["1 6 8", "1/6 1 4", "1/8 1/4 1"]), [0.754, 0.181, 0.065], (3.136, 0.068, 0.117))
SAATY_1990_HOUSE_YARD = (matrix(["1 5 4", "1/5 1 1/3", "1/4 3 1"]), [0.674, 0.101, 0.226], (3.086, 0.043, 0.074))
SAATY_2008_DRINKS = (
    matrix([
        "1   9 5   2   1   1   1/2",
        "1/9 1 1/3 1/9 1/9 1/9 1/9",
        "1/5 3 1   1/3 1/4 1/3 1/9",
        "1/2 9 3   1   1/2 1   1/3",
        "1   9 4   2   1   2   1/2",
        "1   9 3   1   1/2 1   1/3",
        "2   9 9   3   2   3   1",
    ]),
    [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327],
    None,  # the paper prints CR = 0.022 only
)  # fmt: skip


@pytest.mark.parametrize(
    "example",
    [SAATY_1990_HOUSE_CRITERIA, SAATY_1990_HOUSE_SIZE, SAATY_1990_HOUSE_YARD, SAATY_2008_DRINKS],
    ids=["saaty1990-criteria", "saaty1990-size", "saaty1990-yard", "saaty2008-drinks"],
)
def test_saatys_worked_examples_give_his_weights_and_consistency(example):
    m, weights, printed = example
    r = ahp(names(len(m)), m)
    assert list(r.weights.values()) == pytest.approx(weights, abs=PRINTED)
    if printed is not None:
        lam, ci, cr = printed
        assert (r.lambda_max, r.ci, r.cr) == pytest.approx((lam, ci, cr), abs=PRINTED)


def test_saaty_2008_drinks_consistency_ratio():
    assert ahp(names(7), SAATY_2008_DRINKS[0]).cr == pytest.approx(0.022, abs=PRINTED)


def test_saatys_random_indices_are_his_published_table():
    """Saaty (1980), as used in the 1990 example above (CR 0.169 = CI 0.238 / RI 1.41)."""
    assert [RANDOM_INDEX[n] for n in range(3, 11)] == [0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]


# ---------------------------------------------------------------- ahpy as an independent oracle

ahpy = pytest.importorskip("ahpy", reason="ahpy (test extra) is the independent AHP oracle")
AHPY_SAATY_RI = {3: 0.52, 4: 0.89, 5: 1.11, 6: 1.25, 7: 1.35, 8: 1.40, 9: 1.45}
"""ahpy's random_index='saaty' table (Saaty 2005); we compare CI = CR x RI, the quantity both define alike."""


def _ahpy(m: np.ndarray):
    n = len(m)
    comparisons = {(f"c{i}", f"c{j}"): float(m[i, j]) for i in range(n) for j in range(i + 1, n)}
    return ahpy.Compare("x", comparisons, precision=10, random_index="saaty")


@st.composite
def judgements(draw, consistent: bool):
    n = draw(st.integers(3, 9))
    if consistent:
        w = np.array(draw(st.lists(st.floats(0.05, 1.0), min_size=n, max_size=n)))
        return w[:, None] / w[None, :]
    m = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            v = draw(st.sampled_from(SCALE))
            m[i, j], m[j, i] = v, 1 / v
    return m


@pytest.mark.parametrize("consistent", [True, False], ids=["consistent", "random"])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_weights_and_consistency_agree_with_ahpy(consistent, data):
    m = data.draw(judgements(consistent))
    ours, theirs = ahp(names(len(m)), m), _ahpy(m)
    for c, w in ours.weights.items():
        assert w == pytest.approx(theirs.local_weights[c], abs=1e-8)
    assert ours.ci == pytest.approx(theirs.consistency_ratio * AHPY_SAATY_RI[len(m)], abs=1e-8)


# ---------------------------------------------------------------- properties


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0.01, 1.0), min_size=1, max_size=15))
def test_a_consistent_matrix_has_cr_zero_and_gives_back_its_weights(raw):
    w = np.array(raw) / sum(raw)
    r = ahp(names(len(w)), w[:, None] / w[None, :])
    assert r.cr == pytest.approx(0, abs=1e-9)
    assert list(r.weights.values()) == pytest.approx(list(w), abs=1e-9)
    assert revisions(r) == ()


@st.composite
def twins(draw):
    """A matrix in which criteria 0 and 1 are judged alike against every other criterion, and a
    judgement of 0 over 1 other than 1."""
    m = draw(judgements(consistent=False))
    m[1, 2:], m[2:, 1] = m[0, 2:], m[2:, 0]
    v = draw(st.sampled_from([s for s in SCALE if s != 1]))
    m[0, 1], m[1, 0] = v, 1 / v
    return m


@settings(max_examples=200, deadline=None)
@given(twins())
def test_reversing_a_judgement_reverses_the_order_of_its_two_weights(m):
    """Where nothing else tells the two criteria apart, the judgement between them decides their
    order, and reversing it swaps their weights exactly.

    (Reversed in isolation, a judgement need not reverse the order in general: the other
    judgements can outvote it, as in about 40% of random matrices. What holds in general is the
    monotonicity below.)"""
    before = ahp(names(len(m)), m).weights
    m2 = m.copy()
    m2[0, 1], m2[1, 0] = m[1, 0], m[0, 1]
    after = ahp(names(len(m)), m2).weights
    assert (before["c0"] > before["c1"]) == (m[0, 1] > 1)
    assert (after["c0"] > after["c1"]) == (m[0, 1] < 1)
    assert (after["c0"], after["c1"]) == pytest.approx((before["c1"], before["c0"]), rel=1e-9)


@settings(max_examples=200, deadline=None)
@given(judgements(consistent=False), st.data())
def test_raising_a_judgement_never_lowers_the_ratio_of_its_two_weights(m, data):
    n = len(m)
    i, j = data.draw(st.sampled_from([(i, j) for i in range(n) for j in range(n) if i != j]))
    up = data.draw(st.sampled_from([s for s in SCALE if s > m[i, j]] or [m[i, j]]))
    m2 = m.copy()
    m2[i, j], m2[j, i] = up, 1 / up
    w, w2 = ahp(names(n), m).weights, ahp(names(n), m2).weights
    assert w2[f"c{i}"] / w2[f"c{j}"] >= w[f"c{i}"] / w[f"c{j}"] * (1 - 1e-12)


# ---------------------------------------------------------------- naming the inconsistency


def test_the_inconsistent_judgement_is_named_with_the_value_that_restores_consistency():
    """A consistent 5 x 5 matrix with one judgement turned round: that judgement is named first,
    and the value suggested for it restores a consistency ratio within 0.1."""
    w = np.array([0.4, 0.25, 0.15, 0.12, 0.08])
    m = w[:, None] / w[None, :]
    m = np.vectorize(lambda x: min(SCALE, key=lambda s: abs(math.log(s / x))))(m)  # on the scale
    m[0, 4], m[4, 0] = 1 / m[0, 4], m[0, 4]  # c0 over c4 was 5; now c4 over c0 is 5
    r = ahp(names(5), m)
    assert r.cr > 0.1
    first = revisions(r)[0]
    assert (first.more, first.less, first.given) == ("c4", "c0", 5)  # said the way round it was given
    assert first.suggested < 1 and first.cr_after <= 0.1
    assert first.consistent == pytest.approx(r.weights["c4"] / r.weights["c0"])
    assert sum(x.share for x in revisions(r, top=10)) == pytest.approx(1)


def test_the_shares_of_the_inconsistency_add_up_to_the_consistency_index():
    """CI = sum over pairs of (e + 1/e - 2) / (n (n - 1)), e = a_ij w_j / w_i: the split is exact."""
    m = np.array(SAATY_1990_HOUSE_CRITERIA[0])
    r = ahp(names(8), m)
    w = np.array(list(r.weights.values()))
    e = m * w[None, :] / w[:, None]
    total = sum(e[i, j] + 1 / e[i, j] - 2 for i in range(8) for j in range(i + 1, 8)) / (8 * 7)
    assert total == pytest.approx(r.ci, rel=1e-9)


def test_consistency_ratio_of_small_matrices_is_zero():
    assert consistency_ratio([[1]]) == 0 and consistency_ratio([[1, 3], [1 / 3, 1]]) == 0
