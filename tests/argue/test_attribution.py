"""Attribution: reference values and brute-force oracles.

Reference values come from QBAF-Py's counterexample notebook for Kampik, Potyka, Yin, Čyras and
Toni, "Contribution functions for quantitative bipolar argumentation graphs: a principle-based
analysis" (github.com/TimKam/Quantitative-Bipolar-Argumentation,
analysis/contribution_functions_analysis.ipynb), and from the symbolic derivatives of Čyras's QDT
notebook (github.com/kcyras/QDT, exampleQDT.ipynb, Example 4.1). QBAF-Py's gradients are forward
differences with step 1.49e-8, so they agree with exact derivatives to about 1e-8.
"""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trilat_opt.argue import QBAF, GraphError, attribution

SQUARE = {"attacks": [("c", "b"), ("c", "a"), ("d", "b"), ("d", "c")], "supports": [("b", "a")]}
PENTAGON = {
    "attacks": [("e", "a"), ("c", "e")],
    "supports": [("b", "a"), ("c", "b"), ("d", "b"), ("d", "c"), ("d", "e")],
}


def two_full_attackers(graph, w=0.5):
    return graph({"a": w, "b": 1.0, "c": 1.0}, attacks=[("b", "a"), ("c", "a")])


@pytest.mark.parametrize(
    ("semantics", "removal", "gradient"),
    [
        ("quadratic-energy", -0.15000000000000002, -0.07999999821186066),
        ("dfquad", 0.0, None),
        ("euler", -0.06898759887294448, -0.04452154040336609),
    ],
)
def test_two_full_attackers_qbaf_py(graph, semantics, removal, gradient):
    g = two_full_attackers(graph)
    r = attribution(g, "a", "removal", semantics)
    assert r == pytest.approx({"b": removal, "c": removal}, abs=1e-12)
    if gradient is not None:
        assert attribution(g, "a", "gradient", semantics) == pytest.approx({"b": gradient, "c": gradient}, abs=1e-6)


def test_dfquad_saturated_attackers_have_zero_gradient_but_matter(graph):
    # QBAF-Py: base 0.1 attacked by two arguments of strength 1; DF-QuAD sends a to 0 and neither
    # attacker alone changes that, so removal and gradient are both 0 while Shapley splits the drop.
    g = two_full_attackers(graph, 0.1)
    assert attribution(g, "a", "gradient", "dfquad") == {"b": 0.0, "c": 0.0}
    shapley = attribution(g, "a", "shapley", "dfquad")
    assert shapley == pytest.approx({"b": -0.05, "c": -0.05}, abs=1e-12)


def test_square_example_removal_and_gradient(graph):
    qe = graph({"a": 1.0, "b": 0.7, "c": 0.6, "d": 0.4}, **SQUARE)
    assert attribution(qe, "a", "removal", "quadratic-energy")["d"] == pytest.approx(-0.01122225976433966, abs=1e-12)
    assert attribution(qe, "a", "gradient", "quadratic-energy")["d"] == pytest.approx(0.029868774116039276, abs=1e-6)
    df = graph({"a": 1.0, "b": 0.7, "c": 0.6, "d": 0.8}, **SQUARE)
    assert attribution(df, "a", "removal", "dfquad")["d"] == pytest.approx(0.31999999999999995, abs=1e-12)
    assert attribution(df, "a", "gradient", "dfquad")["d"] == pytest.approx(0.0, abs=1e-6)


def test_pentagon_euler_removal_and_gradient(graph):
    g = graph({"a": 0.3, "b": 0.8, "c": 0.1, "d": 0.65, "e": 0.1}, **PENTAGON)
    assert attribution(g, "a", "removal", "euler")["d"] == pytest.approx(0.0016079568186256887, abs=1e-12)
    assert attribution(g, "a", "gradient", "euler")["d"] == pytest.approx(-0.0020039379596710205, abs=1e-6)


def test_shapley_reference_values(graph):
    qe = graph({"a": 1.0, "b": 0.65, "c": 0.68, "d": 0.26}, **SQUARE)
    assert attribution(qe, "a", "shapley", "quadratic-energy")["d"] == pytest.approx(-0.0015950547092396699, abs=1e-12)
    eb = graph({"a": 0.3, "b": 0.8, "c": 0.1, "d": 0.75, "e": 0.1}, **PENTAGON)
    assert attribution(eb, "a", "shapley", "euler")["d"] == pytest.approx(0.0007178118670143618, abs=1e-12)
    df = graph(
        {"a": 0.5, "b": 0.0, "c": 0.0, "d": 0.0, "e": 0.5},
        attacks=[("b", "e"), ("c", "e")],
        supports=[("a", "b"), ("a", "c"), ("a", "d"), ("d", "e")],
    )
    assert attribution(df, "e", "shapley", "dfquad")["a"] == pytest.approx(-1 / 12, abs=1e-12)
    assert attribution(df, "e", "gradient", "dfquad")["a"] == pytest.approx(0.0, abs=1e-6)


def test_gradient_matches_symbolic_derivatives_qdt(graph):
    g = graph(
        {"a": 0.5, "b": 0.2, "c": 0.85, "d": 0.65, "e": 0.4, "f": 1.0},
        attacks=[("c", "a"), ("e", "b"), ("f", "c")],
        supports=[("b", "a"), ("d", "a"), ("e", "c")],
    )
    expected = {
        "b": 0.157656414249191,
        "c": -0.134471647447839,
        "d": 0.182881440529061,
        "e": -0.122599447896113,
        "f": 0.100853735585879,  # base 1: a backward difference
    }
    assert attribution(g, "a", "gradient", "quadratic-energy") == pytest.approx(expected, abs=1e-6)


# ---------------------------------------------------------------- oracles on random graphs


@st.composite
def small_graphs(draw, cyclic: bool = False):
    n = draw(st.integers(2, 6))
    g = QBAF()
    for i in range(n):
        g.add_argument(f"n{i}", draw(st.floats(0.0, 1.0)))
    for i, j in itertools.permutations(range(n), 2):
        if (i < j or cyclic) and draw(st.booleans()):
            (g.add_attack if draw(st.booleans()) else g.add_support)(f"n{i}", f"n{j}")
    return g


def _sigma(g: QBAF, keep: set[str], target: str, semantics: str) -> float:
    return g.subgraph(keep | {target}).strengths(semantics)[target]


@settings(max_examples=40, deadline=None)
@given(small_graphs(), st.sampled_from(["dfquad", "quadratic-energy", "euler"]))
def test_removal_and_shapley_equal_brute_force_on_explicit_subgraphs(g, semantics):
    target = g.ids[-1]
    players = sorted(g.ancestors(target))
    removal = attribution(g, target, "removal", semantics)
    shapley = attribution(g, target, "shapley", semantics)
    assert sorted(removal) == players == sorted(shapley)
    full = g.strengths(semantics)[target]
    everyone = set(g.ids) - {target}
    k = len(players)
    for p in players:
        assert removal[p] == pytest.approx(full - _sigma(g, everyone - {p}, target, semantics), abs=1e-12)
        # Shapley by its textbook formula over explicit restrictions (players: ancestors only).
        others = [q for q in players if q != p]
        phi = 0.0
        for size in range(len(others) + 1):
            w = math.factorial(size) * math.factorial(k - size - 1) / math.factorial(k)
            for coalition in itertools.combinations(others, size):
                s = set(coalition)
                phi += w * (_sigma(g, s | {p}, target, semantics) - _sigma(g, s, target, semantics))
        assert shapley[p] == pytest.approx(phi, abs=1e-12)
    # Efficiency: contributions add up to the move away from the target's standing alone.
    assert sum(shapley.values()) == pytest.approx(full - g.base(target), abs=1e-12)


@settings(max_examples=30, deadline=None)
@given(small_graphs(), st.sampled_from(["dfquad", "quadratic-energy", "euler"]))
def test_gradient_is_a_difference_quotient_of_the_base(g, semantics):
    target = g.ids[-1]
    grad = attribution(g, target, "gradient", semantics)
    h = 1e-6
    for p, value in grad.items():
        w = g.base(p)
        lo, hi = max(w - h, 0.0), min(w + h, 1.0)
        g.set_base(p, hi)
        up = g.strengths(semantics)[target]
        g.set_base(p, lo)
        down = g.strengths(semantics)[target]
        g.set_base(p, w)
        # Kinks (DF-QuAD at va = vs, quadratic energy at E = 0) make one-sided slopes differ, so
        # compare with the slopes on either side.
        left = (g.strengths(semantics)[target] - down) / (w - lo) if w > lo else None
        right = (up - g.strengths(semantics)[target]) / (hi - w) if hi > w else None
        slopes = [s for s in (left, right, (up - down) / (hi - lo)) if s is not None]
        assert min(slopes) - 1e-4 <= value <= max(slopes) + 1e-4


def test_sampled_shapley_estimates_exact_shapley_and_is_efficient(graph):
    g = graph(
        {"t": 0.5, "a": 0.7, "b": 0.4, "c": 0.9, "d": 0.3, "e": 0.6},
        attacks=[("a", "t"), ("c", "b"), ("e", "d")],
        supports=[("b", "t"), ("d", "t"), ("c", "a")],
    )
    exact = attribution(g, "t", "shapley", "quadratic-energy")
    sampled = attribution(g, "t", "shapley", "quadratic-energy", samples=4000, seed=7, exact_limit=2)
    assert sum(sampled.values()) == pytest.approx(g.strengths("quadratic-energy")["t"] - 0.5, abs=1e-12)
    assert sampled == pytest.approx(exact, abs=0.01)
    assert sampled == attribution(g, "t", "shapley", "quadratic-energy", samples=4000, seed=7, exact_limit=2)


def test_attribution_on_a_cycle_equals_explicit_removal(graph):
    g = graph({"t": 0.5, "a": 0.8, "b": 0.6, "c": 0.4}, attacks=[("a", "b"), ("b", "a"), ("b", "t")])
    g.add_support("c", "a")
    g.add_support("a", "t")
    r = attribution(g, "t", "removal", "quadratic-energy")
    full = g.strengths("quadratic-energy")["t"]
    for p in ("a", "b", "c"):
        rest = g.subgraph([q for q in g.ids if q != p]).strengths("quadratic-energy")["t"]
        assert r[p] == pytest.approx(full - rest, abs=1e-8)


def test_non_ancestors_are_left_out_and_bad_method_rejected(graph):
    g = graph({"t": 0.5, "a": 0.8, "x": 0.3}, attacks=[("a", "t"), ("t", "x")])
    assert set(attribution(g, "t")) == {"a"}
    assert attribution(g, "a") == {}
    with pytest.raises(GraphError, match="unknown attribution method"):
        attribution(g, "t", method="lime")
