"""Group rules: geometric mean of judgements, spread, SMAA bounds from it, orderings all analysts share."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trilat_opt.elicit.answers import AhpAnswer, Analyst, AnswerSet, RankAnswer, SwingAnswer
from trilat_opt.elicit.group import bounds_from_spread, geometric_mean, shared_pairs, spread
from trilat_opt.elicit.result import elicit
from trilat_opt.elicit.scale import SCALE
from trilat_opt.weights import TOLERANCE

C = ["a", "b", "c", "d"]


def reciprocal(n: int, values: list[float]) -> np.ndarray:
    m = np.ones((n, n))
    it = iter(values)
    for i in range(n):
        for j in range(i + 1, n):
            v = next(it)
            m[i, j], m[j, i] = v, 1 / v
    return m


@settings(max_examples=100)
@given(st.lists(st.lists(st.sampled_from(SCALE), min_size=6, max_size=6), min_size=1, max_size=5))
def test_the_geometric_mean_of_reciprocal_matrices_is_reciprocal(rows):
    g = geometric_mean([reciprocal(4, r) for r in rows])
    assert np.allclose(g * g.T, 1)
    assert g[0, 1] == pytest.approx(math.prod(r[0] for r in rows) ** (1 / len(rows)))


weight_vectors = st.lists(st.floats(0.0, 1.0), min_size=4, max_size=4).filter(lambda w: sum(w) > 0.01)


@settings(max_examples=200)
@given(st.lists(weight_vectors, min_size=2, max_size=6))
def test_bounds_from_spread_hold_every_analyst_and_leave_weights_to_sample(raw):
    ws = [{c: x / sum(w) for c, x in zip(C, w, strict=True)} for w in raw]
    group = {c: sum(w[c] for w in ws) / len(ws) for c in C}
    bounds = bounds_from_spread(group, spread(ws, C))
    for w in [*ws, group]:
        assert all(bounds[c][0] - TOLERANCE <= w[c] <= bounds[c][1] + TOLERANCE for c in C)  # the bounds rule's
    assert sum(lo for lo, _ in bounds.values()) <= 1 + 1e-9 <= sum(hi for _, hi in bounds.values()) + 2e-9


@given(st.lists(st.permutations(C), min_size=1, max_size=4))
def test_shared_pairs_are_exactly_the_orderings_every_analyst_implies(orders):
    pairs = [list(itertools.pairwise(o)) for o in orders]
    got = set(shared_pairs(pairs, C))
    everyone = {(a, b) for a in C for b in C if a != b and all(o.index(a) < o.index(b) for o in orders)}
    implied = {(a, b) for a, b in everyone for m in C if (a, m) in everyone and (m, b) in everyone}
    assert got == everyone - implied


def test_group_ahp_combines_judgements_and_swing_averages_weights():
    one = AhpAnswer({(a, b): 4.0 for a, b in itertools.combinations(C, 2)})
    two = AhpAnswer({(a, b): 1.0 for a, b in itertools.combinations(C, 2)})
    res = elicit(AnswerSet("ahp", (Analyst("x", one), Analyst("y", two))), C)
    assert res.consistency is not None and res.consistency.matrix[0][1] == pytest.approx(2.0)
    assert res.weights == pytest.approx(elicit(AnswerSet("ahp", (Analyst("g", AhpAnswer(
        {p: 2.0 for p in one.judgements})),)), C).weights)  # fmt: skip
    s1, s2 = SwingAnswer(dict(zip(C, [100, 50, 50, 0], strict=True))), SwingAnswer(dict.fromkeys(C, 100.0))
    res = elicit(AnswerSet("swing", (Analyst("x", s1), Analyst("y", s2))), C)
    assert res.weights == pytest.approx({"a": 0.375, "b": 0.25, "c": 0.25, "d": 0.125})
    assert (res.spread["a"].low, res.spread["a"].high) == pytest.approx((0.25, 0.5))


def test_a_group_ranking_averages_roc_and_keeps_only_shared_orderings():
    r1, r2 = RankAnswer((("a",), ("b",), ("c",), ("d",))), RankAnswer((("b",), ("a",), ("c",), ("d",)))
    res = elicit(AnswerSet("rank", (Analyst("x", r1), Analyst("y", r2))), C)
    assert res.weights["a"] == res.weights["b"] and res.order == (("a", "c"), ("b", "c"), ("c", "d"))
