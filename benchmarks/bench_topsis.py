"""TOPSIS on 10,000 options x 20 criteria: trilat_opt.score.topsis versus pymcdm.

Run: python benchmarks/bench_topsis.py. Prints the best of several timed runs for each, and the
ratio ours / pymcdm (the aim is at most 2). Ours is timed both end to end (validation, labels,
Series) and as the bare numpy kernel; pymcdm with its input validation off, as it would be used
in a loop, and on.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd
from pymcdm import normalizations
from pymcdm.methods import TOPSIS

from trilat_opt.score import topsis
from trilat_opt.score.topsis import closeness

N_OPTIONS, N_CRITERIA, REPEATS = 10_000, 20, 15


def best_ms(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    rng = np.random.default_rng(20261101)
    matrix = rng.uniform(1, 100, size=(N_OPTIONS, N_CRITERIA))
    weights = rng.dirichlet(np.ones(N_CRITERIA))
    directions = list(rng.choice(["max", "min"], size=N_CRITERIA))
    types = np.where(np.array(directions) == "max", 1, -1)
    maximise = types == 1
    frame = pd.DataFrame(
        matrix, index=[f"o{i}" for i in range(N_OPTIONS)], columns=[f"c{j}" for j in range(N_CRITERIA)]
    )
    reference = TOPSIS(normalizations.vector_normalization)

    ours = topsis(frame, weights, directions).to_numpy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = reference(matrix, weights, types, validation=False)
        t_ref_checked = best_ms(lambda: reference(matrix, weights, types), repeats=3)
    t_ref = best_ms(lambda: reference(matrix, weights, types, validation=False))
    t_ours = best_ms(lambda: topsis(frame, weights, directions))
    t_array = best_ms(lambda: topsis(matrix, weights, directions))
    t_kernel = best_ms(lambda: closeness(matrix, weights, maximise, "vector"))

    print(f"TOPSIS, vector normalisation, {N_OPTIONS:,} options x {N_CRITERIA} criteria (best of {REPEATS})")
    print(f"  max |ours - pymcdm|                 {np.abs(ours - theirs).max():.1e}")
    print(f"  pymcdm TOPSIS (validation off)      {t_ref:8.2f} ms")
    print(f"  pymcdm TOPSIS (validation on)       {t_ref_checked:8.2f} ms")
    print(f"  trilat_opt topsis(DataFrame)        {t_ours:8.2f} ms   ratio to pymcdm {t_ours / t_ref:5.2f}x")
    print(f"  trilat_opt topsis(ndarray)          {t_array:8.2f} ms   ratio to pymcdm {t_array / t_ref:5.2f}x")
    print(f"  trilat_opt closeness (bare kernel)  {t_kernel:8.2f} ms   ratio to pymcdm {t_kernel / t_ref:5.2f}x")
    verdict = "within" if t_ours <= 2 * t_ref else "OUTSIDE"
    print(f"  end to end is {verdict} the 2x aim")


if __name__ == "__main__":
    main()
