"""Roadmap benchmark: the shipped catalogue over 10 half-years, and 200 options over 10 periods.

Prints, from one run (in-process, after loading and scoring, which `bench_cli.py` times):
1. The shipped catalogue over its 10 periods (2026H1-2030H2), each objective with CBC and HiGHS:
   the seconds to proven optimality (median of 3, the earliest-start tie-break solve included)
   against the aim of 2 s, as a ratio.
2. 200 options (`factories.scaled_project`) over the same 10 periods, each solver asked to stop
   at a 1% gap within 10 s: status, the gap the solver's own bound proves (not the gap asked
   for), seconds, and whether the aim (gap <= 1% in 10 s) is met.

The timing analyses (lock-in, delays) evaluate moves without the solver and are timed apart.

What makes the programme hard is the pacing: per-period limits on costs spread over each build
let the LP relaxation split an option's start across periods, so the bound closes slowly (on
the 200-option catalogue, dropping the per-period limits takes HiGHS below a 0.5% gap in under
2 s; dropping the caps on new initiatives or the events changes little).

Run: python benchmarks/bench_roadmap.py [--quick]   (--quick: one repeat, HiGHS only at 200)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import trilat_opt  # noqa: E402
from factories import scaled_project  # noqa: E402
from trilat_opt.argue import criterion_scores  # noqa: E402
from trilat_opt.roadmap import RoadmapModel, roadmap_problem, solve_roadmap  # noqa: E402
from trilat_opt.roadmap.plan import delay_values, lock_in  # noqa: E402
from trilat_opt.weights import resolve_weights  # noqa: E402

AIM_SHIPPED = 2.0
AIM_GAP, AIM_SECONDS = 0.01, 10.0


def problem_of(root: Path):
    cat = trilat_opt.load(root)
    return roadmap_problem(cat, criterion_scores(cat).scores, resolve_weights(cat))


def shipped(repeats: int) -> None:
    rp = problem_of(ROOT)
    n = sum(int(v) for v in RoadmapModel(rp).terms.delivered.ravel())
    print(f"1. shipped catalogue: {len(rp.options)} options x {len(rp.periods)} periods ({n} start variables)")
    for objective in ("value", "expected"):
        for solver in ("cbc", "highs"):
            times, result = [], None
            for _ in range(repeats):
                start = time.perf_counter()
                result = solve_roadmap(rp, objective, solver, timing=False)
                times.append(time.perf_counter() - start)
            t = statistics.median(times)
            print(
                f"   {objective:8s} {solver:5s} {result.status:8s} proven={result.proven_optimal} "
                f"value={result.objective_value:.4f} {t:6.2f} s  aim {AIM_SHIPPED:.0f} s  ratio {t / AIM_SHIPPED:.2f}"
            )
    model = RoadmapModel(rp, "expected", "highs")
    sol = model.solve()
    start = time.perf_counter()
    lock_in(model, sol.starts), delay_values(model, sol.starts)
    print(f"   timing analyses (lock-in and delays, no solver): {time.perf_counter() - start:.2f} s")


def scaled(solvers: tuple[str, ...]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        rp = problem_of(scaled_project(Path(tmp) / "p", 200))
    size = f"{len(rp.options)} options x {len(rp.periods)} periods"
    print(f"2. {size}, stop at gap {AIM_GAP:.0%} within {AIM_SECONDS:.0f} s")
    for objective in ("value", "expected"):
        for solver in solvers:
            start = time.perf_counter()
            r = solve_roadmap(rp, objective, solver, gap=AIM_GAP, time_limit=AIM_SECONDS, timing=False)
            t = time.perf_counter() - start
            gap = "unknown" if r.gap is None else f"{r.gap:.4%}"
            met = r.gap is not None and r.gap <= AIM_GAP + 1e-12 and t <= AIM_SECONDS + 1.0
            value = "-" if r.objective_value is None else f"{r.objective_value:.4f}"
            print(
                f"   {objective:8s} {solver:5s} {r.status:10s} proven gap {gap:>9s} value {value} "
                f"{t:6.2f} s  {len(r.starts)} started  aim met: {'yes' if met else 'NO'}"
            )


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    shipped(1 if quick else 3)
    scaled(("highs",) if quick else ("cbc", "highs"))
