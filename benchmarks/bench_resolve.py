"""Warm starts and skipped solves for the core index's re-solves: what each saves.

The speed issue asked that re-solves start from the best portfolio known so far and skip a solve
when the known portfolio is provably still optimal. This script measures both on the shipped
catalogue, over the report's core-index weight samples:

- warm start: each solve is handed the best of the portfolios found so far (HiGHS
  `setSolution`), as `Resolver.solve_direct` does, against a cold solve of the same model. It
  is used: most of a solve is the root node (cuts, probing), which an incumbent shortens a little.
- skipped solves: the set of weights under which a portfolio is optimal is convex (the objective
  is linear in the weights), so a sample inside the convex hull of earlier samples that chose the
  same portfolio needs no solve. The share of samples such a test could spare at most is printed
  (it is given each sample's true optimum, which a real test would have to guess): the
  portfolio changes with almost every sample, so there is rarely a hull to be inside, and the
  test is not used.

Both print as ratios and milliseconds from one run, on this machine.

    python benchmarks/bench_resolve.py [--samples N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from scipy.optimize import linprog

import trilat_opt
from trilat_opt.analysis.sampling import sample_weights, weight_space_of
from trilat_opt.optimize.resolve import Resolver

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=200)
    opts = parser.parse_args()
    ev = trilat_opt.evaluate(ROOT)
    problem, values = ev.problem, ev.values
    weights = sample_weights(weight_space_of(ev.catalogue), opts.samples, 0)
    columns = [c for c in values.values(weights[0]).columns if c in problem.values.columns]
    costs = [Resolver(problem).coefficients(values.values(w)[columns]) for w in weights]

    cold, chosen = _solves(problem, costs, warm=False)
    warm, again = _solves(problem, costs, warm=True)
    assert chosen == again, "a warm start changed a portfolio"
    print(f"re-solve, cold start     {1000 * cold:6.1f} ms")
    print(f"re-solve, warm start     {1000 * warm:6.1f} ms   warm / cold {warm / cold:.2f}")
    spared = _inside_hulls(weights, chosen)
    print(f"distinct optimal portfolios {len(set(chosen))} in {len(chosen)} samples")
    print(f"samples a hull test could spare, at most {spared} ({spared / len(chosen):.0%})")


def _solves(problem, costs: list[np.ndarray], warm: bool) -> tuple[float, list[tuple[int, ...]]]:
    """Mean seconds a solve and each sample's portfolio, through `Resolver.solve_direct`, which
    starts each solve from the best solution found so far; `warm=False` forgets them every time."""
    resolver = Resolver(problem)
    chosen = []
    start = time.perf_counter()
    for c in costs:
        if not warm:
            resolver.forget()
        chosen.append(tuple(np.flatnonzero(resolver.solve_direct(c))))
    return (time.perf_counter() - start) / len(costs), chosen


def _inside_hulls(weights: np.ndarray, chosen: list[tuple[int, ...]]) -> int:
    """Samples inside the convex hull of earlier samples that chose the same portfolio."""
    spared = 0
    for k in range(1, len(weights)):
        same = weights[[i for i in range(k) if chosen[i] == chosen[k]]]
        if len(same) < 2:
            continue
        a_eq = np.vstack([same.T, np.ones(len(same))])
        fit = linprog(np.zeros(len(same)), A_eq=a_eq, b_eq=np.append(weights[k], 1.0), bounds=(0, None))
        spared += fit.status == 0
    return spared


if __name__ == "__main__":
    main()
