"""Published worked examples and reference-implementation outputs for the three semantics.

Sources (each test names its own):
- Rago, Toni, Aurisicchio, Baroni, "Discontinuity-free decision support with quantitative
  argumentation debates", KR 2016: the e-democracy example, as encoded in Uncertainpy
  (github.com/nicopotyka/Uncertainpy, bags/RagoEtAlEDemocracy.bag) with the strengths printed by
  its forward-propagation run in examples/gradual/gradual_argumentation_examples.ipynb.
- Potyka, "Continuous dynamical systems for weighted bipolar argumentation", KR 2018: quadratic
  energy. Example 4.1 of Čyras's QDT notebook (github.com/kcyras/QDT, exampleQDT.ipynb), computed
  symbolically with sympy; and Uncertainpy's cyclic "stock" and "cycles" examples (RK4).
- Amgoud and Ben-Naim, "Weighted bipolar argumentation graphs: axioms and semantics", IJCAI 2018:
  Euler-based semantics, values from QBAF-Py (github.com/TimKam/Quantitative-Bipolar-Argumentation,
  analysis/contribution_functions_analysis.ipynb) and Uncertainpy's ContinuousEulerBasedModel.

Uncertainpy's notebook stops at a derivative below 1e-3; the "tight" values were produced by the
same Uncertainpy code (commit 0f7e500, RK4, step 0.1) with epsilon 1e-13, and agree with the
notebook to its own tolerance.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from oracles.recursive import recursive_strengths
from oracles.rk4 import continuous_strengths, spectral_radius
from trilat_opt.argue import SEMANTICS, GraphError, NonConvergenceError
from trilat_opt.errors import TrilatError


@pytest.fixture
def e_democracy(graph):
    """Rago et al. (KR 2016) e-democracy example."""
    return graph(
        {"A1": 0.5, "A2": 0.5, "P1": 0.7, "P2": 0.5, "P3": 0.9, "C1": 0.2, "C2": 0.2, "C3": 0.6, "C4": 0.5},
        attacks=[("C1", "A2"), ("C2", "P2"), ("C3", "P2"), ("C4", "P2")],
        supports=[("P1", "A1"), ("P2", "A1"), ("P3", "A2")],
    )


@pytest.fixture
def stock(graph):
    """Uncertainpy's bags/stock_example.bag: Buy and Sell attack each other (a cycle)."""
    return graph(
        {"Buy": 0.5, "Sell": 0.5, "1": 0.8, "2": 0.7, "3": 0.3, "4": 0.9, "5": 0.9},
        attacks=[("Buy", "Sell"), ("Sell", "Buy"), ("2", "1"), ("3", "2"), ("4", "3"), ("5", "1")],
        supports=[("1", "Sell"), ("2", "Buy"), ("4", "2"), ("5", "Buy")],
    )


def test_dfquad_e_democracy(e_democracy):
    s = e_democracy.strengths("dfquad")
    expected = {"A1": 0.862, "A2": 0.85, "P1": 0.7, "P2": 0.08, "P3": 0.9, "C1": 0.2}
    for k, v in expected.items():
        assert s[k] == pytest.approx(v, abs=1e-9), k
    assert recursive_strengths(e_democracy, "dfquad")["A1"] == pytest.approx(0.862, abs=1e-9)


def test_quadratic_energy_qdt_example_4_1(graph):
    g = graph(
        {"a": 0.5, "b": 0.2, "c": 0.85, "d": 0.65, "e": 0.4, "f": 1.0},
        attacks=[("c", "a"), ("e", "b"), ("f", "c")],
        supports=[("b", "a"), ("d", "a"), ("e", "c")],
    )
    s = g.strengths("quadratic-energy")
    assert s["a"] == pytest.approx(0.51875517241626, abs=1e-9)
    assert s["b"] == pytest.approx(0.172413793103448, abs=1e-9)
    assert s["c"] == pytest.approx(0.625, abs=1e-12)
    assert (s["d"], s["e"], s["f"]) == (0.65, 0.4, 1.0)


def test_quadratic_energy_stock_example_cycle(stock):
    assert not stock.is_acyclic()
    s = stock.strengths("quadratic-energy", tol=1e-12)
    tight = {
        "Buy": 0.8216464428950775,
        "Sell": 0.3621696942362631,
        "1": 0.20474426059097797,
        "2": 0.8050845827364704,
        "3": 0.1657458563535913,
    }
    for k, v in tight.items():
        assert s[k] == pytest.approx(v, abs=1e-6), k
    notebook = {"Buy": 0.8208178793031596, "Sell": 0.36345378093100583, "1": 0.20494963930535626}
    for k, v in notebook.items():
        assert s[k] == pytest.approx(v, abs=2e-3), k


def test_quadratic_energy_uncertainpy_cycles_example(graph):
    n = 10
    bases = {"A": 1.0} | {f"B{i}": 0.0 for i in range(n)} | {f"C{i}": 0.0 for i in range(n)}
    supports = [("A", f"B{i}") for i in range(n)] + [(f"B{i}", f"C{j}") for i in range(n) for j in range(n)]
    attacks = [(f"C{i}", "A") for i in range(n)]
    s = graph(bases, attacks, supports).strengths("quadratic-energy")
    assert s["A"] == pytest.approx(0.22408766025519, abs=1e-6)
    assert s["B3"] == pytest.approx(0.04781427242567899, abs=1e-6)
    assert s["C7"] == pytest.approx(0.18607899780044135, abs=1e-6)


def test_cyclic_fixed_points_match_uncertainpy_for_dfquad_and_euler(stock):
    # Uncertainpy integrates ds/dt = f(s) - s; where our fixed-point iteration converges, the
    # fixed point is the same.
    dfquad = {"Buy": 0.99636, "Sell": 0.00338, "1": 0.00312, "2": 0.961, "3": 0.03}
    euler = {
        "Buy": 0.7171409027387118,
        "Sell": 0.4948894201813227,
        "1": 0.6863174705138871,
        "2": 0.7897186477102653,
        "3": 0.18892726924979666,
    }
    for semantics, expected in (("dfquad", dfquad), ("euler", euler)):
        s = stock.strengths(semantics)
        for k, v in expected.items():
            assert s[k] == pytest.approx(v, abs=1e-6), (semantics, k)


def test_euler_two_full_attackers_qbaf_py(graph):
    g = graph({"a": 0.5, "b": 1.0, "c": 1.0}, attacks=[("b", "a"), ("c", "a")])
    assert g.strengths("euler")["a"] - 0.5 == pytest.approx(-0.20246579625022176, abs=1e-12)
    # The same by the closed form: E = -2.
    assert g.strengths("euler")["a"] == pytest.approx(1 - 0.75 / (1 + 0.5 * math.exp(-2)), abs=1e-15)


def test_mutual_attack_quadratic_energy_is_the_real_root_of_a_cubic(graph):
    # With base 1, s = 1 - h(s) gives s^3 + s - 1 = 0 at the symmetric equilibrium.
    g = graph({"a": 1.0, "b": 1.0}, attacks=[("a", "b"), ("b", "a")])
    root = np.real(next(r for r in np.roots([1, 0, 1, -1]) if abs(r.imag) < 1e-12))
    s = g.strengths("quadratic-energy")
    assert s["a"] == pytest.approx(root, abs=1e-8) and s["b"] == pytest.approx(root, abs=1e-8)


def test_dfquad_mutual_attack_qbaf_py_cycle(graph):
    # QBAF-Py tests/test_cycles.py: a (1.0) and b (0.5) attack each other; DF-QuAD settles at a=1, b=0.
    s = graph({"a": 1.0, "b": 0.5}, attacks=[("a", "b"), ("b", "a")]).strengths("dfquad")
    assert s["a"] == pytest.approx(1.0, abs=1e-8) and s["b"] == pytest.approx(0.0, abs=1e-8)


def test_mutual_attack_of_full_bases_falls_back_to_the_continuous_model(graph):
    # Base 1 on both sides: s_a = 1 - s_b and s_b = 1 - s_a swap 0 and 1 forever under iteration.
    # Every point of a + b = 1 is a fixed point; ds/dt = f(s) - s keeps a - b = 0 and reaches
    # 0.5 / 0.5, as Uncertainpy's continuous DF-QuAD model does.
    g = graph({"x": 0.0, "a": 1.0, "b": 1.0, "z": 0.5}, attacks=[("a", "b"), ("b", "a"), ("x", "a")])
    g.add_support("a", "z")
    r = g.solve("dfquad", tol=1e-12)
    assert r.values["a"] == pytest.approx(0.5, abs=1e-11) and r.values["b"] == pytest.approx(0.5, abs=1e-11)
    assert r.values["z"] == pytest.approx(0.75, abs=1e-11)
    assert r.scheme == {"x": "exact", "a": "continuous", "b": "continuous", "z": "exact"}
    assert r.on_cycles == ["a", "b"] and r.residual < 1e-12 and r.tol == 1e-12


# 12 arguments, 32 edges, drawn at random: plain iteration oscillates (the linearised update at
# the fixed point has complex eigenvalues of modulus ~1.008) and used to raise after 20,000 steps.
DENSE_BASES = [0.31, 0.88, 0.24, 0.21, 0.85, 0.14, 0.31, 0.14, 0.53, 0.93, 0.53, 0.27]
DENSE_ATTACKS = [(1, 8), (3, 10), (4, 5), (6, 2), (7, 6), (7, 8), (8, 10), (8, 11), (9, 3), (10, 1), (10, 3), (10, 6),
                 (11, 1), (11, 4), (11, 9)]  # fmt: skip
DENSE_SUPPORTS = [(0, 6), (1, 5), (2, 0), (2, 11), (3, 0), (5, 8), (5, 10), (6, 5), (7, 0), (7, 10), (8, 5), (9, 1),
                  (9, 4), (9, 5), (9, 7), (10, 5), (10, 11)]  # fmt: skip


def test_dense_cycle_where_iteration_oscillates_uses_the_continuous_model(graph):
    g = graph(
        {f"n{i}": w for i, w in enumerate(DENSE_BASES)},
        attacks=[(f"n{i}", f"n{j}") for i, j in DENSE_ATTACKS],
        supports=[(f"n{i}", f"n{j}") for i, j in DENSE_SUPPORTS],
    )
    r = g.solve("dfquad", tol=1e-12)
    assert set(r.scheme.values()) == {"continuous"}
    reference = continuous_strengths(g, "dfquad")
    assert reference is not None
    assert max(abs(r.values[k] - reference[k]) for k in g.ids) < 1e-9
    assert spectral_radius(g, "dfquad", r.values) > 1.0  # why iteration cannot settle there
    for k in g.ids:  # a fixed point of the papers' update
        att, sup = [r.values[p] for p in g.attackers(k)], [r.values[p] for p in g.supporters(k)]
        assert recursive_step("dfquad", g.base(k), att, sup) == pytest.approx(r.values[k], abs=1e-11)


def test_where_a_cycle_has_two_stable_fixed_points_the_scheme_decides(graph):
    # Found by the property tests. n4 (base 1) attacks itself and settles at 1/2 by the continuous
    # model; then from the bases, iteration on the cycle n0-n1-n2 reaches (1, 1, 0), while the
    # continuous model reaches (8/67, 83/134, 89/134). Both are fixed points; the engine iterates
    # first and says so, and our reference, finding two attractors, abstains.
    g = graph(
        {"n0": 0.125, "n1": 1.0, "n2": 0.625, "n4": 1.0},
        attacks=[("n0", "n2"), ("n2", "n0"), ("n4", "n1"), ("n4", "n2"), ("n4", "n4")],
        supports=[("n0", "n1"), ("n1", "n0"), ("n2", "n2")],
    )
    r = g.solve("dfquad", tol=1e-12)
    assert r.scheme == {"n0": "iteration", "n1": "iteration", "n2": "iteration", "n4": "continuous"}
    assert [r.values[k] for k in ("n0", "n1", "n2", "n4")] == pytest.approx([1, 1, 0, 0.5], abs=1e-10)
    other = {"n0": 8 / 67, "n1": 83 / 134, "n2": 89 / 134, "n4": 0.5}
    assert recursive_step("dfquad", 0.125, [other["n2"]], [other["n1"]]) == pytest.approx(other["n0"], abs=1e-15)
    assert recursive_step("dfquad", 1.0, [0.5], [other["n0"]]) == pytest.approx(other["n1"], abs=1e-15)
    assert recursive_step("dfquad", 0.625, [other["n0"], 0.5], [other["n2"]]) == pytest.approx(other["n2"], abs=1e-15)
    assert continuous_strengths(g, "dfquad") is None


def test_iteration_that_settles_is_kept_and_recorded(stock):
    r = stock.solve("dfquad")
    assert r.scheme["Buy"] == r.scheme["Sell"] == "iteration" and r.scheme["5"] == "exact"
    assert set(stock.solve("quadratic-energy").scheme.values()) == {"exact", "continuous"}


def test_non_convergence_names_the_cycle(graph):
    # Neither scheme settles within 3 steps: the error names the cycle and gives the residual.
    g = graph({"x": 0.0, "a": 1.0, "b": 1.0, "z": 0.5}, attacks=[("a", "b"), ("b", "a"), ("x", "a")])
    g.add_support("a", "z")
    with pytest.raises(NonConvergenceError) as info:
        g.strengths("dfquad", max_iter=3)
    err = info.value
    assert isinstance(err, TrilatError)
    assert err.cycle in (["a", "b", "a"], ["b", "a", "b"]) and err.schemes == ("iteration", "continuous")
    assert " -> ".join(err.cycle) in str(err) and err.iterations == 3 and err.residual > 1e-3
    assert "neither fixed-point iteration nor the continuous-time model (RK4) settled within 3 steps" in str(err)
    with pytest.raises(NonConvergenceError, match="the continuous-time model \\(RK4\\) did not settle") as info:
        g.strengths("quadratic-energy", max_iter=3)
    assert info.value.schemes == ("continuous",)


def test_residual_does_not_bound_the_error_near_a_neutral_cycle(graph):
    # The documented limit: DF-QuAD self-support at base 0.01 iterates s <- 0.01 + 0.99 s towards
    # 1 at rate 0.99, so the distance to the fixed point is 100 times the residual |f(s) - s|.
    r = graph({"a": 0.01}, supports=[("a", "a")]).solve("dfquad", tol=1e-9)
    assert r.residual < 1e-9 and r.scheme["a"] == "iteration"
    assert 1e-9 < 1.0 - r.values["a"] == pytest.approx(100 * r.residual, rel=1e-6)


def test_acyclic_graphs_need_no_iterations(e_democracy):
    # One pass in topological order: even max_iter=1 gives the exact answer.
    assert e_democracy.strengths("quadratic-energy", max_iter=1) == recursive_strengths(e_democracy, "quadratic-energy")


def test_bad_input_is_rejected(graph):
    g = graph({"a": 0.5})
    with pytest.raises(GraphError, match="unknown argument 'c'"):
        g.add_support("c", "a")
    with pytest.raises(GraphError, match="already exists"):
        g.add_argument("a", 0.2)
    with pytest.raises(GraphError, match=r"\[0, 1\]"):
        g.add_argument("b", 1.2)
    with pytest.raises(GraphError, match="unknown semantics"):
        g.strengths("dfquad2")
    g.add_argument("b", 0.2)
    g.add_attack("b", "a")
    with pytest.raises(GraphError, match="both attack and support"):
        g.add_support("b", "a")
    assert isinstance(GraphError("x"), ValueError)


@pytest.mark.parametrize("semantics", SEMANTICS)
def test_no_parents_keeps_the_base(graph, semantics):
    assert graph({"a": 0.37}).strengths(semantics) == {"a": 0.37}


def test_empty_graph(graph):
    assert graph({}).strengths() == {}


# A self-loop is a cycle of one argument. Expected values are the fixed points, checked against
# Uncertainpy's continuous-time models (RK4) by the issue that reported the one-pass answer.
SELF_ATTACK = {"dfquad": 1 / 3, "quadratic-energy": 0.42385379907, "euler": 0.43357490209}


@pytest.mark.parametrize("semantics", SEMANTICS)
def test_self_attack_is_a_cycle_solved_to_its_fixed_point(graph, semantics):
    g = graph({"a": 0.5}, attacks=[("a", "a")])
    assert not g.is_acyclic()
    s = g.strengths(semantics, tol=1e-13)["a"]
    assert s == pytest.approx(SELF_ATTACK[semantics], abs=1e-10)
    # The fixed-point equation itself, by the papers' one-step formula.
    assert recursive_step(semantics, 0.5, [s], []) == pytest.approx(s, abs=1e-12)


@pytest.mark.parametrize("semantics", SEMANTICS)
def test_self_loop_result_does_not_depend_on_unrelated_cycles(graph, semantics):
    alone = graph({"a": 0.5}, attacks=[("a", "a")]).strengths(semantics, tol=1e-13)
    beside = graph({"a": 0.5, "b": 0.5, "c": 0.5}, attacks=[("a", "a"), ("b", "c"), ("c", "b")])
    assert beside.strengths(semantics, tol=1e-13)["a"] == pytest.approx(alone["a"], abs=1e-12)


def test_self_support_reaches_its_fixed_point(graph):
    # DF-QuAD: s = 0.5 + 0.5 s has the single fixed point 1; one pass would stop at 0.75.
    assert graph({"a": 0.5}, supports=[("a", "a")]).strengths("dfquad", tol=1e-13)["a"] == pytest.approx(1.0)


def test_self_loop_engine_and_recursive_evaluator_agree_that_it_is_a_cycle(graph):
    g = graph({"a": 0.5, "b": 0.2}, attacks=[("a", "a"), ("b", "a")])
    with pytest.raises(GraphError, match="'a' lies on a cycle"):
        recursive_strengths(g)
    assert not g.is_acyclic() and g.topology.layers[-1].mid < g.topology.layers[-1].stop


def test_self_loop_non_convergence_names_the_loop(graph):
    with pytest.raises(NonConvergenceError) as info:
        graph({"a": 0.5}, attacks=[("a", "a")]).strengths("dfquad", max_iter=3)
    assert info.value.cycle == ["a", "a"] and "a -> a" in str(info.value)


def recursive_step(semantics: str, w: float, att: list[float], sup: list[float]) -> float:
    """One application of the papers' formula (the recursive evaluator's, on a one-argument graph)."""
    from trilat_opt.argue import QBAF

    g = QBAF()
    g.add_argument("t", w)
    for i, v in enumerate(att):
        g.add_argument(f"x{i}", v)
        g.add_attack(f"x{i}", "t")
    for i, v in enumerate(sup):
        g.add_argument(f"y{i}", v)
        g.add_support(f"y{i}", "t")
    return recursive_strengths(g, semantics)["t"]


@pytest.mark.parametrize("semantics", SEMANTICS)
def test_zero_net_input_returns_the_base_to_the_last_bit(graph, semantics):
    # Euler's w (1 + w) / (1 + w) used to round to 0.39999999999999997 for w = 0.4 (and ~10% of bases).
    for w in [0.4, *np.linspace(0.0, 1.0, 1001).tolist()]:
        assert graph({"a": w}).strengths(semantics)["a"] == w
        # An attacker and a supporter of equal strength cancel: E = 0 (and va = vs for DF-QuAD).
        g = graph({"a": w, "b": 0.3, "c": 0.3}, attacks=[("b", "a")], supports=[("c", "a")])
        assert g.strengths(semantics)["a"] == w, w
