"""Robustness-analysis benchmarks: SMAA-2 speed and memory, core index and frontier on the shipped
catalogue. Prints figures and ratios measured in this one run.

    python benchmarks/bench_analysis.py            # everything
    python benchmarks/bench_analysis.py smaa       # one part: smaa, core, frontier

Aims (issue 7): SMAA-2 with 100,000 samples on 40 x 8 in <= 0.25 s and >= 50x a per-sample Python
loop; peak memory of SMAA at 1,000,000 samples under 1 GiB; core index with 1,000 samples on the
shipped catalogue in <= 10 s; frontier on the shipped catalogue in <= 5 s.
"""

from __future__ import annotations

import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

from timing import best_of
from trilat_opt.analysis import smaa

ROOT = Path(__file__).resolve().parents[1]


def python_loop(matrix: np.ndarray, samples: int, seed: int) -> list[list[int]]:
    """The baseline the aim names: SMAA-2 one sample at a time in plain Python, as JSMAA's step does."""
    rng = random.Random(seed)
    rows = matrix.tolist()
    n, m = len(rows), len(rows[0])
    counts = [[0] * n for _ in range(n)]
    central = [[0.0] * m for _ in range(n)]
    for _ in range(samples):
        w = [rng.expovariate(1.0) for _ in range(m)]
        total = sum(w)
        w = [x / total for x in w]
        utility = [sum(wc * x for wc, x in zip(w, row, strict=True)) for row in rows]
        order = sorted(range(n), key=utility.__getitem__, reverse=True)
        for rank, option in enumerate(order):
            counts[option][rank] += 1
        best = central[order[0]]
        for c in range(m):
            best[c] += w[c]
    return counts


def numpy_loop(matrix: np.ndarray, samples: int, seed: int) -> np.ndarray:
    """A stronger baseline: still one sample at a time, but numpy does each sample's arithmetic."""
    rng = np.random.default_rng(seed)
    n, m = matrix.shape
    counts = np.zeros((n, n))
    central = np.zeros((n, m))
    for _ in range(samples):
        w = rng.standard_exponential(m)
        w /= w.sum()
        order = np.argsort(-(matrix @ w))
        counts[order, np.arange(n)] += 1
        central[order[0]] += w
    return counts


def bench_smaa() -> None:
    matrix = np.random.default_rng(0).random((40, 8))
    start = time.perf_counter()
    smaa(matrix, samples=100_000, seed=0)
    cold = time.perf_counter() - start
    warm = best_of(lambda: smaa(matrix, samples=100_000, seed=0))
    loop_n = 5_000
    loop = best_of(lambda: python_loop(matrix, loop_n, 0), repeat=2) * (100_000 / loop_n)
    nloop = best_of(lambda: numpy_loop(matrix, loop_n, 0), repeat=2) * (100_000 / loop_n)
    print("SMAA-2, 40 options x 8 criteria, 100,000 samples")
    scaled = f"(timed on {loop_n:,}, scaled)"
    print(f"  vectorised, chunked:           {warm:.3f} s warm (best of 5), {cold:.3f} s first call  [aim <= 0.25 s]")
    print(f"  per-sample plain-Python loop:  {loop:.2f} s {scaled}: {loop / warm:.0f}x  [aim >= 50x]")
    print(f"  per-sample loop, numpy body:   {nloop:.2f} s {scaled}: {nloop / warm:.0f}x")

    tracemalloc.start()
    start = time.perf_counter()
    smaa(matrix, samples=1_000_000, seed=0)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("SMAA-2, 40 x 8, 1,000,000 samples")
    print(f"  time: {elapsed:.2f} s (under tracemalloc)")
    print(f"  peak traced allocations: {peak / 2**20:.1f} MiB  [aim < 1024 MiB]")
    print(f"  process peak RSS so far (interpreter, pandas, numpy included): {rss:.0f} MiB")


def bench_core() -> None:
    from trilat_opt import evaluate

    ev = evaluate(ROOT)
    cat = ev.catalogue
    start = time.perf_counter()
    core = ev.core_index(1_000, seed=0)
    elapsed = time.perf_counter() - start
    counts = core.table["class"].value_counts().to_dict()
    print(f"Core index, shipped catalogue ({len(cat.options)} options), 1,000 weight samples")
    print(f"  {elapsed:.2f} s on {core.workers} worker(s)  [aim <= 10 s]; classes: {counts}")


def bench_frontier() -> None:
    from trilat_opt import evaluate

    ev = evaluate(ROOT)
    cat = ev.catalogue
    start = time.perf_counter()
    front = ev.frontier()
    elapsed = time.perf_counter() - start
    print(f"Risk-value frontier, shipped catalogue ({len(cat.options)} options)")
    print(f"  {elapsed:.2f} s, {len(front.points)} Pareto-optimal portfolios  [aim <= 5 s]")


PARTS = {"smaa": bench_smaa, "core": bench_core, "frontier": bench_frontier}

if __name__ == "__main__":
    for name in sys.argv[1:] or list(PARTS):
        PARTS[name]()
