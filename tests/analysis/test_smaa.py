"""SMAA-2 against closed-form acceptabilities and a published example."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from trilat_opt.analysis import smaa
from trilat_opt.analysis.smaa import SMAAResult


def within(result: float, expected: float, se: float, k: float = 4.0) -> bool:
    return abs(result - expected) <= k * se + 1e-12


# Two options, two criteria: A = (0.9, 0.2), B = (0.3, 0.6). A beats B iff 0.6 w1 - 0.4 w2 > 0,
# i.e. w1 > 0.4, and w1 is uniform on [0, 1] on the 2-simplex. So b_A^1 = 0.6, the central weight
# of A is E[w1 | w1 > 0.4] = 0.7 and that of B is E[w1 | w1 < 0.4] = 0.2.
TWO = pd.DataFrame({"c1": [0.9, 0.3], "c2": [0.2, 0.6]}, index=["A", "B"])


@pytest.mark.parametrize(
    ("bounds", "order", "p_a", "cw_a", "cw_b"),
    [
        (None, (), 0.6, 0.7, 0.2),
        # w1 in [0.3, 0.8] -> w1 ~ U(0.3, 0.8): P(w1 > 0.4) = 0.8, E[w1 | A] = 0.6, E[w1 | B] = 0.35
        ({"c1": (0.3, 0.8)}, (), 0.8, 0.6, 0.35),
        # w2 >= w1 -> w1 ~ U(0, 0.5): P(w1 > 0.4) = 0.2, E[w1 | A] = 0.45, E[w1 | B] = 0.2
        (None, (("c2", "c1"),), 0.2, 0.45, 0.2),
    ],
)
def test_two_by_two_closed_form(bounds, order, p_a, cw_a, cw_b):
    r = smaa(TWO, samples=40_000, seed=1, bounds=bounds, order=order)
    acc, se = r.acceptability, r.acceptability_se
    assert within(acc.loc["A", 1], p_a, se.loc["A", 1])
    assert within(acc.loc["B", 1], 1 - p_a, se.loc["B", 1])
    assert within(r.central_weights.loc["A", "c1"], cw_a, r.central_weights_se.loc["A", "c1"])
    assert within(r.central_weights.loc["B", "c1"], cw_b, r.central_weights_se.loc["B", "c1"])
    # Certain scores: each option wins under its own central weights.
    assert r.confidence.to_dict() == {"A": 1.0, "B": 1.0}


def test_three_criteria_identity_matches_dirichlet_order_statistics():
    # Option i scores 1 on criterion i only, so it ranks r-th iff w_i is the r-th largest weight:
    # every rank has acceptability 1/3. Its central weight on its own criterion is E[max of a
    # uniform 3-simplex point] = (1/3)(1 + 1/2 + 1/3) = 11/18; the others share the rest, 7/36 each.
    m = pd.DataFrame(np.eye(3), index=["x", "y", "z"], columns=["a", "b", "c"])
    r = smaa(m, samples=30_000, seed=2)
    for opt in m.index:
        for rank in (1, 2, 3):
            assert within(r.acceptability.loc[opt, rank], 1 / 3, r.acceptability_se.loc[opt, rank])
    for opt, own in zip(m.index, m.columns, strict=True):
        for c in m.columns:
            expected = 11 / 18 if c == own else 7 / 36
            assert within(r.central_weights.loc[opt, c], expected, r.central_weights_se.loc[opt, c])


def test_tied_options_share_their_ranks():
    # x and y are identical and always beat z: each takes rank 1 and 2 half the time.
    m = pd.DataFrame({"a": [0.8, 0.8, 0.1], "b": [0.6, 0.6, 0.2]}, index=["x", "y", "z"])
    r = smaa(m, samples=20_000, seed=4)
    for opt in ("x", "y"):
        assert within(r.acceptability.loc[opt, 1], 0.5, r.acceptability_se.loc[opt, 1])
        assert within(r.acceptability.loc[opt, 2], 0.5, r.acceptability_se.loc[opt, 2])
    assert r.acceptability.loc["z", 3] == 1.0
    assert r.central_weights.loc["z"].eq(0).all() and r.central_weights_se.loc["z"].isna().all()
    assert r.confidence["z"] == 0.0


def test_confidence_factor_with_uncertain_scores():
    # A scores (X, X) with X ~ U(0, 1); B scores (0.5, 0.5). Weights do not matter: A is first iff
    # X > 0.5, so b_A^1 = 0.5, and under either central weight vector each wins half the time.
    def sampler(rng: np.random.Generator, k: int) -> np.ndarray:
        x = rng.random(k)
        out = np.full((k, 2, 2), 0.5)
        out[:, 0, :] = x[:, None]
        return out

    r = smaa(TWO, samples=20_000, seed=6, sampler=sampler)
    assert within(r.acceptability.loc["A", 1], 0.5, r.acceptability_se.loc["A", 1])
    for opt in ("A", "B"):
        assert within(r.confidence[opt], 0.5, r.confidence_se[opt])
        # Weights are irrelevant here, so the central weights are the simplex mean (0.5, 0.5).
        assert within(r.central_weights.loc[opt, "c1"], 0.5, r.central_weights_se.loc[opt, "c1"])


# ---------------------------------------------------------------------------- published example
#
# Antidepressant benefit-risk model of Tervonen, van Valkenhoef, Buskens, Hillege and Postmus
# (2011), "A stochastic multicriteria model for evidence-based decision making in drug benefit-risk
# analysis", Statistics in Medicine 30(12): 1419-1428. Expected values and tolerances (0.02 for
# rank acceptabilities and central weights, 0.03 for confidence factors) as JSMAA checks them in
# SMAA2SimulationTest.testCorrectResultsWithBRModel (github.com/tommite/jsmaa). Efficacy is a
# log-normal odds ratio (higher is better); the adverse events are normal percentages (lower is
# better). Partial values are linear over each criterion's scale, the union of the options' 95%
# intervals, as JSMAA sets them, and extend linearly beyond it.

BR_OPTIONS = ["paroxetine", "fluoxetine", "sertraline", "venlafaxine"]
BR_CRITERIA = ["efficacy", "diarrhea", "dizziness", "headache", "insomnia", "nausea"]
BR_MEAN = np.array(
    [
        [0.086, 9.2, 10.6, 21.2, 14.3, 18.3],
        [0.0, 11.7, 7.2, 16.6, 13.7, 18.6],
        [0.095, 15.4, 7.5, 20.2, 15.0, 19.5],
        [0.113, 5.5, 15.7, 12.8, 11.2, 31.0],
    ]
)
BR_SD = np.array(
    [
        [0.056, 1.86, 1.58, 5.15, 2.93, 3.7],
        [0.0, 2.5, 1.45, 3.27, 1.89, 1.79],
        [0.044, 2.65, 1.48, 3.78, 3.21, 2.6],
        [0.048, 2.32, 4.44, 2.45, 3.98, 1.68],
    ]
)
BR_ACCEPTABILITY = {
    "fluoxetine": [0.20, 0.28, 0.30, 0.22],
    "paroxetine": [0.25, 0.29, 0.27, 0.19],
    "sertraline": [0.17, 0.25, 0.29, 0.30],
    "venlafaxine": [0.39, 0.18, 0.15, 0.29],
}
BR_CENTRAL = {
    "fluoxetine": [0.08, 0.14, 0.23, 0.18, 0.16, 0.22],
    "paroxetine": [0.18, 0.17, 0.15, 0.13, 0.15, 0.22],
    "sertraline": [0.21, 0.10, 0.22, 0.13, 0.15, 0.20],
    "venlafaxine": [0.18, 0.21, 0.12, 0.21, 0.19, 0.09],
}
BR_CONFIDENCE = {"fluoxetine": 0.48, "paroxetine": 0.44, "sertraline": 0.34, "venlafaxine": 0.74}


def _br_sampler():
    lo, hi = BR_MEAN - 1.96 * BR_SD, BR_MEAN + 1.96 * BR_SD
    lo[:, 0], hi[:, 0] = np.exp(lo[:, 0]), np.exp(hi[:, 0])
    start, end = lo.min(axis=0), hi.max(axis=0)
    ascending = np.array([True, False, False, False, False, False])

    def sampler(rng: np.random.Generator, k: int) -> np.ndarray:
        x = BR_MEAN + BR_SD * rng.standard_normal((k, *BR_MEAN.shape))
        x[:, :, 0] = np.exp(x[:, :, 0])
        up = (x - start) / (end - start)
        return np.where(ascending, up, 1.0 - up)

    return sampler


def test_published_antidepressant_example():
    m = pd.DataFrame(np.zeros((4, 6)), index=BR_OPTIONS, columns=BR_CRITERIA)
    r = smaa(m, samples=20_000, seed=2011, sampler=_br_sampler())
    for opt, row in BR_ACCEPTABILITY.items():
        np.testing.assert_allclose(r.acceptability.loc[opt].to_numpy(), row, atol=0.02)
    for opt, row in BR_CENTRAL.items():
        np.testing.assert_allclose(r.central_weights.loc[opt].to_numpy(), row, atol=0.02)
    for opt, value in BR_CONFIDENCE.items():
        assert abs(r.confidence[opt] - value) <= 0.03


# ---------------------------------------------------------------------------- properties


@settings(max_examples=25, deadline=None)
@given(
    arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 4)), elements=st.floats(0, 1)),
    st.integers(0, 2**16),
)
def test_indices_are_probabilities(matrix, seed):
    r = smaa(matrix, samples=500, seed=seed, chunk=128)
    acc = r.acceptability.to_numpy()
    np.testing.assert_allclose(acc.sum(axis=0), 1.0)  # every rank is taken by someone
    np.testing.assert_allclose(acc.sum(axis=1), 1.0)  # every option takes some rank
    for table in (acc, r.central_weights.to_numpy(), r.confidence.to_numpy()):
        assert np.all((table >= 0) & (table <= 1))
    cw = r.central_weights.to_numpy()
    has = acc[:, 0] > 0
    np.testing.assert_allclose(cw[has].sum(axis=1), 1.0)


def test_same_seed_same_result_and_chunking_does_not_matter():
    m = np.random.default_rng(0).random((7, 3))
    a = smaa(m, samples=3000, seed=5, chunk=3000)
    b = smaa(m, samples=3000, seed=5, chunk=256)
    pd.testing.assert_frame_equal(a.acceptability, b.acceptability)
    pd.testing.assert_frame_equal(a.central_weights, b.central_weights, rtol=1e-12)
    c = smaa(m, samples=3000, seed=6)
    assert not a.acceptability.equals(c.acceptability)


def test_memory_stays_bounded_by_the_chunk():
    m = np.random.default_rng(0).random((20, 5))
    tracemalloc.start()
    smaa(m, samples=100_000, seed=0, chunk=2000)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # A chunk of 2,000 needs a few MB; holding all 100,000 samples would need well over 20 MB.
    assert peak < 8 * 2**20


def test_result_type_and_labels():
    r = smaa(TWO, samples=100, seed=0)
    assert isinstance(r, SMAAResult)
    assert list(r.acceptability.columns) == [1, 2]
    assert list(r.central_weights.columns) == ["c1", "c2"]
    assert list(r.confidence.index) == ["A", "B"]


def test_vectorised_counts_equal_a_per_sample_loop_on_the_same_weights():
    # Oracle: rank every sample one at a time with Python's sorted(); distinct random scores have no ties.
    rng = np.random.default_rng(8)
    m = rng.random((9, 4))
    w = rng.dirichlet(np.ones(4), size=3000)
    r = smaa(m, seed=0, weights=w, chunk=700)
    counts = np.zeros((9, 9))
    central = np.zeros((9, 4))
    for wk in w:
        v = m @ wk
        order = sorted(range(9), key=lambda i: -v[i])
        for rank, opt in enumerate(order):
            counts[opt, rank] += 1
        central[order[0]] += wk
    np.testing.assert_array_equal(np.rint(r.acceptability.to_numpy() * 3000), counts)
    firsts = counts[:, 0]
    expected = np.divide(central, firsts[:, None], out=np.zeros_like(central), where=firsts[:, None] > 0)
    np.testing.assert_allclose(r.central_weights.to_numpy(), expected, atol=1e-12)


def test_evaluation_smaa_samples_argument_ranges(tiny_project):
    from trilat_opt import Evaluation
    from trilat_opt.argue import criterion_scores
    from trilat_opt.load import load

    cat = load(tiny_project)
    r = Evaluation(cat).smaa(3000, seed=1)
    assert "scores sampled" in r.method and "bounds and orderings" in r.method
    np.testing.assert_allclose(r.acceptability.sum(axis=1), 1.0)
    # Central weights respect criteria.yaml: deterrence in [0.2, 0.8] and w_deterrence >= w_legitimacy.
    cw = r.central_weights[r.acceptability[1] > 0]
    assert ((cw["deterrence"] >= 0.2 - 1e-9) & (cw["deterrence"] <= 0.8 + 1e-9)).all()
    assert (cw["deterrence"] >= cw["legitimacy"] - 1e-9).all()
    # With ranges switched off it is SMAA on the fixed net scores.
    fixed = Evaluation(cat).smaa(3000, seed=1, uncertain=False)
    net = criterion_scores(cat).scores.reindex(columns=cat.criterion_ids) - cat.frame.neutral_base
    from trilat_opt.analysis import weight_space_of

    direct = smaa(net, samples=3000, seed=1, space=weight_space_of(cat))
    pd.testing.assert_frame_equal(fixed.acceptability, direct.acceptability)
