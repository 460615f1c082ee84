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
extra row: exposure <= epsilon.
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
    r_expo = h.getNumRow() - 1

    def run(cost: np.ndarray) -> np.ndarray | None:
        h.changeColsCost(n_all, everything, cost)
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return np.asarray(h.getSolution().col_value)

    points: list[tuple[float, float, tuple[str, ...]]] = []
    epsilon, level = _INF, None
    while len(points) < max_points:
        h.changeRowBounds(r_expo, -_INF, epsilon)
        best = run(value_cost)
        if best is None:
            break
        value = float(value_cost @ best)
        if level is None or not _same(value, level):
            # A new value level: the highest value within the exposure bound. Is it also the
            # least exposed portfolio of that value? Only a second solve can say, so it comes
            # only when needed: the next step (exposure bound just below) finds a portfolio of the
            # same value if there is one, and then replaces this point instead of adding one.
            level = value
            points.append(_point(resolver, problem, best[cols] > 0.5, expo, cols))
        else:
            points[-1] = _point(resolver, problem, best[cols] > 0.5, expo, cols)
        epsilon = points[-1][1] - STEP
    return Frontier(_table(points), objective, complete=len(points) < max_points)


def _same(a: float, b: float) -> bool:
    """Equal values within the solver's tolerance (the level a second solve would have kept)."""
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def _point(
    resolver, problem, x: np.ndarray, expo: np.ndarray, cols: np.ndarray
) -> tuple[float, float, tuple[str, ...]]:
    chosen = _chosen(problem, x)
    return resolver.objective_of(chosen, problem.values), float(expo[cols] @ x), chosen


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
