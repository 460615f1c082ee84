"""Risk-value frontier: every Pareto-optimal portfolio trading value against total political-risk
exposure (the sum over selected options and risks of their exposure levels).

Exact epsilon-constraint method for a bi-objective 0/1 programme: maximise value; among the
portfolios of that value, minimise exposure (so the point is non-dominated, not merely weakly so);
then demand exposure at most that minimum less `STEP` and repeat until no portfolio satisfies the
rules. Every non-dominated (value, exposure) pair is found once, in order of falling value; two
portfolios whose exposures differ by less than `STEP` count as equally exposed.

The programme is `PortfolioModel`'s, built once and kept in HiGHS (`resolve.Resolver`) with two
extra rows: exposure <= epsilon and value >= the level being held.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import SolverError
from ..optimize.objectives import objective_of
from ..optimize.resolve import Resolver

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


def frontier(problem, objective: str = "value", solver: str = "cbc", max_points: int = 1000) -> Frontier:
    """The value / total-exposure Pareto frontier of `problem` (objective `value` or `expected`)."""
    if not objective_of(objective).linear:
        raise SolverError(f"frontier: objective {objective!r} is not linear; use value or expected")
    resolver = Resolver(problem, objective, solver)
    h = resolver.highs
    if h is None:
        raise SolverError("frontier needs HiGHS in-process: pip install highspy")
    import highspy

    h.setOptionValue("primal_feasibility_tolerance", 1e-9)
    h.setOptionValue("mip_feasibility_tolerance", 1e-9)
    cols = resolver.cols
    n_all = h.getNumCol()
    lp_cost = np.asarray(h.getLp().col_cost_, dtype=float)  # value coefficients (options and synergy pairs)
    value_cost = lp_cost.copy()
    value_cost[cols] = resolver.coefficients(problem.values[problem.value_column])
    expo = np.zeros(n_all)
    expo[cols] = problem.exposures.to_numpy(dtype=float).sum(axis=1)
    everything = np.arange(n_all, dtype=np.int32)
    h.addRow(-_INF, _INF, n_all, everything, expo)
    h.addRow(-_INF, _INF, n_all, everything, value_cost)
    r_expo, r_value = h.getNumRow() - 2, h.getNumRow() - 1

    def run(cost: np.ndarray) -> np.ndarray | None:
        h.changeColsCost(n_all, everything, cost)
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return np.asarray(h.getSolution().col_value)

    points, epsilon = [], _INF
    while len(points) < max_points:
        h.changeRowBounds(r_expo, -_INF, epsilon)
        h.changeRowBounds(r_value, -_INF, _INF)
        best = run(value_cost)
        if best is None:
            break
        level = float(value_cost @ best)
        h.changeRowBounds(r_value, level - 1e-9 * max(1.0, abs(level)), _INF)
        lean = run(-expo)
        sol = lean if lean is not None else best
        x = sol[cols] > 0.5
        exposure = float(expo[cols] @ x)
        points.append((resolver.objective_of(_chosen(problem, x), problem.values), exposure, _chosen(problem, x)))
        epsilon = exposure - STEP
    return Frontier(_table(points), objective, complete=len(points) < max_points)


def _chosen(problem, x: np.ndarray) -> tuple[str, ...]:
    return tuple(o for o, v in zip(problem.options, x, strict=True) if v)


def _table(points: list[tuple[float, float, tuple[str, ...]]]) -> pd.DataFrame:
    rows, previous = [], None
    for value, exposure, sel in points:
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
