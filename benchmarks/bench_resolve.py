"""Warm starts and skipped solves for the core index's re-solves: measured, and why neither is used.

The speed issue asked that re-solves start from the best portfolio known so far and skip a solve
when the known portfolio is provably still optimal. This script measures both on the shipped
catalogue, over the report's core-index weight samples:

- warm start: each solve is handed the best of the portfolios found so far (HiGHS
  `setSolution`), against a cold solve of the same model. HiGHS spends most of a solve at the
  root node (cuts, probing, its own heuristics), which a known incumbent does not shorten.
- skipped solves: the set of weights under which a portfolio is optimal is convex (the objective
  is linear in the weights), so a sample inside the convex hull of earlier samples that chose the
  same portfolio needs no solve. The share of samples such a test could spare at most is printed
  (it is given each sample's true optimum, which a real test would have to guess): the
  portfolio changes with almost every sample, so there is rarely a hull to be inside.

Both print as ratios and milliseconds from one run, on this machine.

    python benchmarks/bench_resolve.py [--samples N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import highspy
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
    """Mean seconds a solve and each sample's portfolio; `warm` hands each solve the best earlier one."""
    resolver = Resolver(problem)
    h, cols = resolver.highs, resolver.cols
    known: list[np.ndarray] = []
    chosen = []
    start = time.perf_counter()
    for c in costs:
        h.changeColsCost(len(cols), cols, c)
        if warm and known:
            full = np.asarray(h.getLp().col_cost_)
            sol = highspy.HighsSolution()
            sol.col_value = list(max(known, key=lambda v: full @ v))
            sol.value_valid = True
            h.setSolution(sol)
        h.run()
        x = np.asarray(h.getSolution().col_value)
        known.append(x.copy())
        chosen.append(tuple(np.flatnonzero(x[cols] > 0.5)))
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
