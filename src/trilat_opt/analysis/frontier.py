"""Risk-value frontier: every Pareto-optimal portfolio trading value against total political-risk
exposure (the sum over selected options and risks of their exposure levels).

Exact epsilon-constraint method for a bi-objective 0/1 programme: maximise value under exposure
at most epsilon; set epsilon to that portfolio's exposure less `STEP` and repeat until no portfolio
satisfies the rules. When the next portfolio has the same value (within the solver's tolerance)
it replaces the last point, being as good and less exposed, so each point ends as the least
exposed portfolio of its value: non-dominated, not merely weakly so. Every non-dominated
(value, exposure) pair is found once, in order of falling value; two portfolios whose exposures
differ by less than `STEP` count as equally exposed, and where several portfolios share a pair
the one shown is the solver's. This asks one solve per point and one per tie, where first
maximising value and then minimising exposure at that value asked two per point (the shipped
catalogue's 63 points: 1.5 -> 1.1 s, the same points).

The programme is `PortfolioModel`'s, built once and kept in HiGHS (`resolve.Resolver`) with one
extra row: exposure <= epsilon. With two cores or more the walk is split into bands of the
exposure range (two solves find it, one more begins each band), walked in worker processes
(`trilat_opt.workers`): 1.6 -> 1.1 s for the `frontier` command on the shipped catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

from ..errors import SolverError
from ..optimize.objectives import objective_of, outcomes, pair_index
from ..optimize.resolve import Resolver
from ..workers import Jobs, available

__all__ = ["STEP", "Frontier", "frontier"]

STEP = 1e-6
_INF = 1e30


@dataclass(frozen=True)
class Frontier:
    """Pareto-optimal portfolios from the highest value down to the lowest exposure.

    `points`: index point (1 = highest value): value, exposure, size, selected, entering and
    leaving (options that enter and leave relative to the previous point)."""

    points: pd.DataFrame
    objective: str
    complete: bool  # False when `max_points` stopped the walk early


def frontier(
    problem, objective: str = "value", solver: str = "cbc", max_points: int = 1000, workers: int | None = None
) -> Frontier:
    """The value / total-exposure Pareto frontier of `problem` (objective `value` or `expected`).

    With two workers or more (`trilat_opt.workers`; default: one per core), walks over bands of
    the exposure range share the work, two bands a worker. The points are those of one walk; where
    several portfolios share a (value, exposure) pair, the one shown can differ with the number of
    workers.
    """
    if not objective_of(objective).linear:
        raise SolverError(f"frontier: objective {objective!r} is not linear; use value or expected")
    walk = _Walk(problem, objective, solver)
    n = available(workers, 2)
    points = walk(_INF, -_INF, max_points) if n < 2 else _banded(walk, n, max_points)
    return Frontier(_table(points), objective, complete=len(points) < max_points)


def _banded(walk: _Walk, workers: int, max_points: int) -> list[Point]:
    """The walk over bands of the exposure range, two per worker so that the workers stay busy
    to the end, joined into the one walk's points."""
    top, floor = walk.first(), walk.least_exposure()
    if top is None or floor is None:
        return []
    bands = 2 * workers
    cuts = [top[1] - (top[1] - floor) * k / bands for k in range(1, bands)]
    parts = {
        f"band {k}": partial(_Walk.__call__, epsilon=high, floor=low, max_points=max_points)
        for k, (high, low) in enumerate(zip([_INF, *cuts], [*cuts, -_INF], strict=True))
    }
    with Jobs(walk, parts, workers=workers) as started:
        walks = [started.result(name) for name in parts]
    points: list[Point] = []
    for band in walks:
        if points and band and _same(points[-1][3], band[0][3]):
            points.pop()  # the lower band ended that value level at its least exposed portfolio
        points.extend(band)
    return points[:max_points]


Point = tuple[float, float, tuple[str, ...], float]
"""(value, exposure, selected options, the solver's value of the level)."""


class _Walk:
    """The portfolio programme in HiGHS with one extra row, exposure <= epsilon, walked downward."""

    def __init__(self, problem, objective: str, solver: str):
        resolver = Resolver(problem, objective, solver)
        h = resolver.highs
        if h is None:
            raise SolverError("frontier needs HiGHS in-process: pip install highspy")
        h.setOptionValue("primal_feasibility_tolerance", 1e-9)
        h.setOptionValue("mip_feasibility_tolerance", 1e-9)
        self.problem, self.h, self.cols = problem, h, resolver.cols
        n_all = h.getNumCol()
        lp_cost = np.asarray(h.getLp().col_cost_, dtype=float)  # value coefficients (options and synergy pairs)
        self.value_cost = lp_cost.copy()
        self.value_cost[self.cols] = resolver.coefficients(problem.values[problem.value_column])
        self.expo = np.zeros(n_all)
        self.expo[self.cols] = problem.exposures.to_numpy(dtype=float).sum(axis=1)
        self.everything = np.arange(n_all, dtype=np.int32)
        h.addRow(-_INF, _INF, n_all, self.everything, self.expo)
        self.row = h.getNumRow() - 1
        self.value_of = _valuer(problem, objective)

    def solve(self, cost: np.ndarray, epsilon: float) -> np.ndarray | None:
        """The optimal columns under `cost` (maximised) with exposure at most `epsilon`, or None."""
        import highspy

        self.h.changeRowBounds(self.row, -_INF, epsilon)
        self.h.changeColsCost(len(self.everything), self.everything, cost)
        self.h.run()
        if self.h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return np.asarray(self.h.getSolution().col_value)

    def point(self, best: np.ndarray) -> Point:
        x = best[self.cols] > 0.5
        return (
            self.value_of(x),
            float(self.expo[self.cols] @ x),
            _chosen(self.problem, x),
            float(self.value_cost @ best),
        )

    def first(self) -> Point | None:
        """The highest-value portfolio (the walk's first solve)."""
        best = self.solve(self.value_cost, _INF)
        return None if best is None else self.point(best)

    def least_exposure(self) -> float | None:
        """The least total exposure any portfolio satisfying the rules has."""
        best = self.solve(-self.expo, _INF)
        return None if best is None else float(self.expo[self.cols] @ (best[self.cols] > 0.5))

    def __call__(self, epsilon: float, floor: float, max_points: int) -> list[Point]:
        """The frontier's points from exposure bound `epsilon` down, until one is exposed `floor` or less."""
        points: list[Point] = []
        while len(points) < max_points:
            best = self.solve(self.value_cost, epsilon)
            if best is None:
                break
            point = self.point(best)
            if point[1] <= floor:
                break
            if not points or not _same(point[3], points[-1][3]):
                # A new value level: the highest value within the exposure bound. Is it also the
                # least exposed portfolio of that value? Only a second solve can say, so it comes
                # only when needed: the next step (exposure bound just below) finds a portfolio of
                # the same value if there is one, and then replaces this point instead of adding one.
                points.append(point)
            else:
                points[-1] = point
            epsilon = points[-1][1] - STEP
        return points


def _same(a: float, b: float) -> bool:
    """Equal values within the solver's tolerance (the level a second solve would have kept)."""
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def _valuer(problem, objective: str):
    """A portfolio's objective value from its 0/1 choice: `Resolver.objective_of`'s arithmetic, with
    the objective's terms made once rather than from the value table at every point."""
    (f,) = outcomes(problem, objective, problem.values).values()
    ij = pair_index(problem)[:2]
    return lambda x: f.at(np.asarray(x, dtype=float), ij)


def _chosen(problem, x: np.ndarray) -> tuple[str, ...]:
    return tuple(o for o, v in zip(problem.options, x, strict=True) if v)


def _table(points: list[Point]) -> pd.DataFrame:
    rows, previous = [], None
    for value, exposure, sel, _ in points:
        rows.append(
            {
                "value": value,
                "exposure": exposure,
                "size": len(sel),
                "selected": ", ".join(sel),
                "entering": "" if previous is None else ", ".join(o for o in sel if o not in previous),
                "leaving": "" if previous is None else ", ".join(o for o in previous if o not in sel),
            }
        )
        previous = sel
    columns = ["value", "exposure", "size", "selected", "entering", "leaving"]
    return pd.DataFrame(rows, columns=columns, index=pd.RangeIndex(1, len(rows) + 1, name="point"))
