"""Property tests on random graphs: range, monotonicity, order independence, agreement with the
plain recursive evaluator on acyclic graphs and with an independent continuous-time model on cyclic
ones (dense, with self-loops), fixed points on cycles, and soundness and tightness of bounds."""

from __future__ import annotations

import contextlib
import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oracles.recursive import recursive_strengths
from oracles.rk4 import continuous_strengths, update_function
from trilat_opt.argue import QBAF, SEMANTICS, NonConvergenceError, interval_strengths

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EDGE = st.sampled_from([None, None, "attack", "support"])
BACK_EDGE = st.sampled_from([None, None, None, "attack", "support"])
SELF_LOOP = st.sampled_from([None, None, None, None, None, "attack", "support"])
DENSE_EDGE = st.sampled_from([None, "attack", "support"])


@st.composite
def graphs(draw, max_n: int = 9, cyclic: bool = False, dense: bool = False):
    """(bases, edges) with edges (i, j, kind); i < j unless `cyclic` allows back edges and
    self-loops too. `dense` draws an edge for about two pairs in three (self-loops included), which
    makes cycles whose plain iteration oscillates."""
    n = draw(st.integers(1, max_n))
    bases = draw(st.lists(st.floats(0.0, 1.0), min_size=n, max_size=n))
    edges = []
    for i, j in itertools.product(range(n), repeat=2):
        if dense and cyclic:
            kind = draw(DENSE_EDGE)
        elif i < j:
            kind = draw(EDGE)
        elif not cyclic:
            continue
        else:
            kind = draw(BACK_EDGE if i > j else SELF_LOOP)
        if kind:
            edges.append((i, j, kind))
    return bases, edges


def build(bases, edges, order=None, edge_order=None) -> QBAF:
    g = QBAF()
    for i in order if order is not None else range(len(bases)):
        g.add_argument(f"n{i}", bases[i])
    for k in edge_order if edge_order is not None else range(len(edges)):
        i, j, kind = edges[k]
        (g.add_attack if kind == "attack" else g.add_support)(f"n{i}", f"n{j}")
    return g


# Independent one-step formulas straight from the papers (a third implementation).
def step(semantics: str, w: float, att: list[float], sup: list[float]) -> float:
    if semantics == "dfquad":
        va = 1 - math.prod(1 - v for v in att)
        vs = 1 - math.prod(1 - v for v in sup)
        return w - w * (va - vs) if va >= vs else w + (1 - w) * (vs - va)
    e = sum(sup) - sum(att)
    if semantics == "euler":
        return 1 - (1 - w * w) / (1 + w * math.exp(e))

    def h(x):
        return max(x, 0) ** 2 / (1 + max(x, 0) ** 2)

    return w + (1 - w) * h(e) - w * h(-e)


@SETTINGS
@given(graphs())
def test_vectorised_equals_recursive_and_stays_in_unit_interval(case):
    g = build(*case)
    for semantics in SEMANTICS:
        fast = g.strengths(semantics)
        plain = recursive_strengths(g, semantics)
        assert all(0.0 <= v <= 1.0 for v in fast.values())
        for k in fast:
            assert fast[k] == pytest.approx(plain[k], abs=1e-12), (semantics, k)
            assert -1e-12 <= plain[k] <= 1 + 1e-12


@SETTINGS
@given(graphs(cyclic=True), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_insertion_order(case, rnd):
    bases, edges = case
    order = list(range(len(bases)))
    edge_order = list(range(len(edges)))
    rnd.shuffle(order)
    rnd.shuffle(edge_order)
    g1, g2 = build(bases, edges), build(bases, edges, order, edge_order)
    for semantics in SEMANTICS:
        try:
            s1 = g1.strengths(semantics, max_iter=300)
        except NonConvergenceError:
            with pytest.raises(NonConvergenceError):
                g2.strengths(semantics, max_iter=300)
            continue
        s2 = g2.strengths(semantics, max_iter=300)
        # Acyclic: equal up to the order of a sum (last bits); cyclic: both within tolerance of a fixed point.
        tol = 1e-12 if g1.is_acyclic() else 1e-6
        assert s2 == pytest.approx(s1, abs=tol)


@SETTINGS
@given(graphs(), st.data())
def test_adding_an_attacker_never_raises_and_a_supporter_never_lowers(case, data):
    bases, edges = case
    n = len(bases)
    target = data.draw(st.integers(0, n - 1))
    w = data.draw(st.floats(0.0, 1.0))
    for semantics in SEMANTICS:
        before = build(bases, edges).strengths(semantics)[f"n{target}"]
        for kind, sign in (("attack", -1), ("support", 1)):
            g = build(bases, edges)
            g.add_argument("new", w)
            (g.add_attack if kind == "attack" else g.add_support)("new", f"n{target}")
            after = g.strengths(semantics)[f"n{target}"]
            assert sign * (after - before) >= -1e-12, (semantics, kind)
        # An edge from an existing argument upstream (lower index, so no cycle), if there is none yet.
        if target > 0:
            src = data.draw(st.integers(0, target - 1))
            if not any((i, j) == (src, target) for i, j, _ in edges):
                for kind, sign in (("attack", -1), ("support", 1)):
                    after = build(bases, [*edges, (src, target, kind)]).strengths(semantics)[f"n{target}"]
                    assert sign * (after - before) >= -1e-12, (semantics, kind, "existing")


@SETTINGS
@given(graphs(), st.lists(st.floats(0.0, 1.0), min_size=27, max_size=27))
def test_batch_rows_equal_single_evaluations(case, flat):
    bases, edges = case
    g = build(bases, edges)
    batch = np.array(flat[: 3 * len(bases)]).reshape(-1, len(bases))[:3] if len(bases) <= 9 else None
    for semantics in SEMANTICS:
        out = g.evaluate(batch, semantics)
        for row, b in zip(out, batch, strict=True):
            for i, v in enumerate(b):
                g.set_base(f"n{i}", float(v))
            assert np.array_equal(row, np.array(list(g.strengths(semantics).values())))


@SETTINGS
@given(graphs(cyclic=True, max_n=6))
def test_cycles_give_fixed_points_or_name_a_real_cycle(case):
    _, edges = case
    g = build(*case)
    kinds = {(f"n{i}", f"n{j}"): k for i, j, k in edges}
    for semantics in SEMANTICS:
        try:
            s = g.strengths(semantics, max_iter=3000)
        except NonConvergenceError as err:
            assert len(err.cycle) >= 2 and err.cycle[0] == err.cycle[-1]
            assert all((a, b) in kinds for a, b in itertools.pairwise(err.cycle))
            continue
        for node in g.ids:
            att = [s[a] for a in g.attackers(node)]
            sup = [s[a] for a in g.supporters(node)]
            assert step(semantics, g.base(node), att, sup) == pytest.approx(s[node], abs=1e-7), (semantics, node)


@settings(max_examples=40, deadline=None)
@given(graphs(cyclic=True, dense=True, max_n=8))
def test_cycles_agree_with_an_independent_continuous_model(case):
    # Wherever our RK4 reference is sure of its equilibrium (and finds no other), the engine must
    # reach the same one, by whichever scheme, and say which; arguments off cycles are exact.
    # Elsewhere the engine's answer must still be a fixed point of the reference's update.
    g = build(*case)
    on_cycle = _on_cycle(case[1], len(case[0]))
    for semantics in SEMANTICS:
        reference = continuous_strengths(g, semantics)
        try:
            r = g.solve(semantics, tol=1e-12, max_iter=5000)
        except NonConvergenceError:
            assert reference is None, semantics
            continue
        s = np.array([[r.values[k]] for k in g.ids])
        assert np.abs(update_function(g, semantics)(s) - s).max(initial=0.0) < 1e-11, semantics
        if reference is None:
            continue
        assert max(abs(r.values[k] - reference[k]) for k in g.ids) < 1e-9, semantics
        allowed = {"continuous"} if semantics == "quadratic-energy" else {"iteration", "continuous"}
        for i, k in enumerate(g.ids):
            assert r.scheme[k] in allowed if on_cycle[i] else r.scheme[k] == "exact", (semantics, k)


def _on_cycle(edges, n: int) -> list[bool]:
    """Whether argument i reaches itself along edges (a plain transitive closure)."""
    reach = np.zeros((n, n), dtype=bool)
    for i, j, _ in edges:
        reach[i, j] = True
    for k in range(n):
        reach |= reach[:, [k]] & reach[[k], :]
    return np.diag(reach).tolist()


@settings(max_examples=30, deadline=None)
@given(graphs(cyclic=True, dense=True, max_n=6), st.lists(st.floats(0.0, 1.0), min_size=18, max_size=18))
def test_cyclic_batch_rows_do_not_depend_on_each_other(case, flat):
    # Each sample is iterated, handed to the continuous model, and stopped on its own.
    bases, edges = case
    batch = np.array(flat[: 3 * len(bases)]).reshape(3, len(bases))
    g = build(bases, edges)
    for semantics in SEMANTICS:
        try:
            out = g.evaluate(batch, semantics, max_iter=2000)
        except NonConvergenceError:
            continue
        for row, b in zip(out, batch, strict=True):
            assert np.array_equal(row, g.evaluate(b, semantics, max_iter=2000)), semantics


@settings(max_examples=40, deadline=None)
@given(graphs(max_n=7), st.data())
def test_bounds_are_sound_and_attained_where_exact(case, data):
    bases, edges = case
    g = build(bases, edges)
    n = len(bases)
    uncertain = data.draw(st.lists(st.integers(0, n - 1), max_size=4, unique=True))
    lower, upper = {}, {}
    for i in uncertain:
        a, b = sorted(data.draw(st.tuples(st.floats(0, 1), st.floats(0, 1))))
        lower[f"n{i}"], upper[f"n{i}"] = a, b
    for semantics in SEMANTICS:
        bounds = interval_strengths(g, lower, upper, semantics)
        vertices = []
        for corner in itertools.product(*[(lower[k], upper[k]) for k in lower]):
            vertices.append(_with_bases(g, dict(zip(lower, corner, strict=True)), semantics))
        rng = np.random.default_rng(0)
        inner = [_with_bases(g, {k: rng.uniform(lower[k], upper[k]) for k in lower}, semantics) for _ in range(10)]
        for node in g.ids:
            seen = [v[node] for v in vertices + inner]
            assert bounds.lower[node] - 1e-12 <= min(seen) and max(seen) <= bounds.upper[node] + 1e-12
            if bounds.exact[node]:
                assert min(v[node] for v in vertices) == pytest.approx(bounds.lower[node], abs=1e-12)
                assert max(v[node] for v in vertices) == pytest.approx(bounds.upper[node], abs=1e-12)


def _with_bases(g: QBAF, values: dict[str, float], semantics: str) -> dict[str, float]:
    old = {k: g.base(k) for k in values}
    for k, v in values.items():
        g.set_base(k, v)
    try:
        return g.strengths(semantics)
    finally:
        for k, v in old.items():
            g.set_base(k, v)


def test_bounds_on_a_tree_are_exact_and_loose_only_where_signs_mix():
    # x supports b and attacks c; b and c both support t: x reaches t with both signs.
    g = QBAF()
    for k, w in {"x": 0.5, "b": 0.5, "c": 0.5, "t": 0.5}.items():
        g.add_argument(k, w)
    g.add_support("x", "b")
    g.add_attack("x", "c")
    g.add_support("b", "t")
    g.add_support("c", "t")
    bounds = interval_strengths(g, {"x": 0.0}, {"x": 1.0}, "dfquad")
    assert bounds.exact == {"x": True, "b": True, "c": True, "t": False}
    assert (bounds.lower["b"], bounds.upper["b"]) == (0.5, 1.0)
    assert (bounds.lower["c"], bounds.upper["c"]) == (0.0, 0.5)


def test_cyclic_bounds_enclose_sampled_fixed_points():
    g = QBAF()
    for k, w in {"a": 0.6, "b": 0.5, "c": 0.7}.items():
        g.add_argument(k, w)
    g.add_attack("a", "b")
    g.add_attack("b", "a")
    g.add_support("c", "a")
    lower, upper = {"a": 0.3, "c": 0.2}, {"a": 0.9, "c": 0.9}
    for semantics in SEMANTICS:
        bounds = interval_strengths(g, lower, upper, semantics)
        assert not any(bounds.exact[k] for k in ("a", "b")) and bounds.exact["c"]
        samples = g.sample_strengths(lower, upper, 200, seed=1, semantics=semantics)
        for j, k in enumerate(g.ids):
            assert bounds.lower[k] - 1e-9 <= samples[:, j].min() and samples[:, j].max() <= bounds.upper[k] + 1e-9


@pytest.mark.parametrize("semantics", SEMANTICS)
def test_large_random_dag_matches_recursive(semantics):
    # Many layers, arguments with and without parents side by side: every branch of the layer code.
    rng = np.random.default_rng(11)
    n = 2000
    g = QBAF()
    for i, w in enumerate(rng.random(n).tolist()):
        g.add_argument(f"a{i}", w)
    for _ in range(3 * n):
        i, j = sorted(rng.integers(0, n, 2).tolist())
        # A pair drawn twice with different kinds is refused (ValueError); keep the first.
        if i != j:
            with contextlib.suppress(ValueError):
                (g.add_attack if rng.random() < 0.5 else g.add_support)(f"a{j}", f"a{i}")
    assert g.is_acyclic() and len(g.topology.layers) > 10
    fast, plain = g.strengths(semantics), recursive_strengths(g, semantics)
    assert max(abs(fast[k] - plain[k]) for k in fast) < 1e-12


@given(
    st.integers(1, 30).flatmap(
        lambda n: st.tuples(st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=80))
    )
)
@settings(max_examples=200, deadline=None)
def test_strong_components_agree_with_scipy(graph):
    """The plain-Python components used for catalogue-sized graphs partition nodes as SciPy does."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    from trilat_opt.argue.topology import strong_components

    n, edges = graph
    src = [a for a, _ in edges]
    dst = [b for _, b in edges]
    ours = strong_components(n, src, dst)
    _, theirs = connected_components(csr_matrix(([1.0] * len(src), (src, dst)), shape=(n, n)), connection="strong")
    same_ours = ours[:, None] == ours[None, :]
    same_theirs = theirs[:, None] == theirs[None, :]
    assert (same_ours == same_theirs).all()
