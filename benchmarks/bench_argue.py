"""Speed of the argumentation engine, measured in one run (not a test).

1. DF-QuAD on a random acyclic graph of 100,000 arguments: the vectorised evaluator (layer by
   layer with numpy, including preparing the graph's evaluation order) against the plain
   recursive evaluator. Aim: at most 1 s, at least 20 times faster. The two must agree.
2. Quadratic energy on a random graph of 10,000 arguments with cycles, integrated to a residual
   below 1e-9. Aim: at most 2 s.
3. For scale: 10,000 sampled criterion-score tables of the shipped catalogue.

Run: .venv/bin/python benchmarks/bench_argue.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import trilat_opt
from oracles.recursive import recursive_strengths  # the test oracle the engine is measured against
from trilat_opt.argue import QBAF, sample_scores

ROOT = Path(__file__).resolve().parents[1]


def random_graph(n: int, edges_per_arg: float, back: float, seed: int) -> QBAF:
    """Arguments a0..a{n-1}; each edge joins two random arguments and points to the lower index
    (so the graph is acyclic), except a share `back` of them, which point up and close cycles."""
    rng = np.random.default_rng(seed)
    g = QBAF()
    for i, w in enumerate(rng.random(n).tolist()):
        g.add_argument(f"a{i}", w)
    m = int(n * edges_per_arg)
    x, y = rng.integers(0, n, m), rng.integers(0, n, m)
    src, dst = np.maximum(x, y), np.minimum(x, y)
    up = rng.random(m) < back
    src[up], dst[up] = dst[up], src[up]
    attack = rng.random(m) < 0.5
    seen: set[tuple[int, int]] = set()
    for s, d, a in zip(src.tolist(), dst.tolist(), attack.tolist(), strict=True):
        if s != d and (s, d) not in seen:
            seen.add((s, d))
            (g.add_attack if a else g.add_support)(f"a{s}", f"a{d}")
    return g


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def bench_dfquad() -> None:
    warm = random_graph(1_000, 2.0, back=0.0, seed=0)  # first-call overheads of numpy and scipy
    warm.strengths("dfquad")
    recursive_strengths(warm, "dfquad")
    g, t_build = timed(lambda: random_graph(100_000, 2.0, back=0.0, seed=1))
    fast, t_first = timed(lambda: g.strengths("dfquad"))
    copies = [g.copy() for _ in range(2)]  # fresh graphs: each first call prepares its evaluation order
    t_first = min(t_first, *(timed(lambda c=c: c.strengths("dfquad"))[1] for c in copies))
    t_again = min(timed(lambda: g.strengths("dfquad"))[1] for _ in range(3))
    plain, t_plain = timed(lambda: recursive_strengths(g, "dfquad"))
    t_plain = min(t_plain, *(timed(lambda: recursive_strengths(g, "dfquad"))[1] for _ in range(2)))
    diff = max(abs(fast[k] - plain[k]) for k in fast)
    topo = g.topology
    print(f"DF-QuAD, {len(g):,} arguments, {len(g.edges()):,} edges, {len(topo.layers)} layers (acyclic)")
    print(f"  building the graph (add_argument/add_attack calls): {t_build:.2f} s")
    print(f"  vectorised, first call (incl. evaluation order, best of 3): {t_first:.3f} s")
    print(f"  vectorised, repeat call (best of 3):                        {t_again:.3f} s")
    print(f"  plain recursive evaluator (best of 3):                      {t_plain:.3f} s")
    print(
        f"  speed-up: {t_plain / t_first:.1f}x (first call), {t_plain / t_again:.1f}x (repeat); max |diff| {diff:.1e}"
    )


def bench_quadratic_energy(edges_per_arg: float, back: float) -> None:
    g = random_graph(10_000, edges_per_arg, back=back, seed=2)
    s, t = timed(lambda: g.strengths("quadratic-energy", tol=1e-9))
    on_cycles = sum(layer.stop - layer.mid for layer in g.topology.layers)
    # Residual check with the plain formula: every argument must be a fixed point.
    worst = 0.0
    h = lambda x: max(x, 0.0) ** 2 / (1 + max(x, 0.0) ** 2)  # noqa: E731
    energy = dict.fromkeys(g.ids, 0.0)
    for src, dst, kind in g.edges():
        energy[dst] += s[src] if kind == "support" else -s[src]
    for a in g.ids:
        e = energy[a]
        w = g.base(a)
        worst = max(worst, abs(w + (1 - w) * h(e) - w * h(-e) - s[a]))
    print(f"Quadratic energy, {len(g):,} arguments, {len(g.edges()):,} edges, {on_cycles:,} on cycles")
    print(f"  integrated to residual < 1e-9 in {t:.3f} s (incl. evaluation order); max residual {worst:.1e}")


def bench_sampling() -> None:
    cat = trilat_opt.load(ROOT)
    out, t = timed(lambda: sample_scores(cat, 10_000, seed=0))
    args = sum(len(o.arguments) for o in cat.options)
    print(f"Shipped catalogue: {len(cat.options)} options, {args} arguments")
    print(f"  10,000 sampled score tables {out.shape[1:]} (DF-QuAD): {t:.3f} s")


if __name__ == "__main__":
    bench_dfquad()
    print()
    bench_quadratic_energy(2.0, back=0.1)
    bench_quadratic_energy(4.0, back=0.5)
    print()
    bench_sampling()
