"""Solve a roadmap and say what its timing is worth: `solve_roadmap` and `roadmap`.

Two analyses say what the timing of the plan is worth, each option in turn, the rest of the
plan unchanged (`moved`): the option waits, to its best start from a later period that keeps
every rule, or is dropped if none does and the plan holds without it.

- *lock in before <event>*: for each leadership event, the options the plan starts in the
  window before it (after the previous event), by the value lost if each waited until after it;
- *delays*: for every started option, the value lost if it starts one period later or later.

Holding the rest fixed answers the analyst's question ("what if this one slips?") and costs no
solve; a full re-plan could recover part of the loss by moving other options, so each figure is
the most the slip can cost.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from ..model import Catalogue
from .model import RoadmapModel
from .problem import RoadmapProblem, roadmap_problem
from .result import (
    BUDGET_COLUMNS,
    DELAY_COLUMNS,
    EVENT_COLUMNS,
    LOCK_COLUMNS,
    SCHEDULE_COLUMNS,
    RoadmapResult,
    budget_table,
    event_table,
    horizon_table,
    schedule_table,
    status_of,
)

__all__ = ["LOCK_IN_TOP", "roadmap", "solve_roadmap"]

LOCK_IN_TOP = 3
"""Options listed per event under "lock in before"."""


def solve_roadmap(
    rp: RoadmapProblem,
    objective: str = "value",
    solver: str = "cbc",
    gap: float = 0.0,
    time_limit: float | None = None,
    timing: bool = True,
) -> RoadmapResult:
    """The best roadmap of `rp`; with `timing`, also lock-in and one-period delay values.

    An infeasible problem is a normal result (status "infeasible", with a message); only a
    solver failure raises `SolverError`.
    """
    began = time.perf_counter()
    model = RoadmapModel(rp, objective, solver, gap, time_limit)
    sol = model.solve()
    if sol.starts is None:
        return _empty(model, status_of(sol), began)
    starts = sol.starts
    lock, delays = pd.DataFrame(columns=LOCK_COLUMNS), pd.DataFrame(columns=DELAY_COLUMNS)
    if timing:
        lock, delays = lock_in(model, starts), delay_values(model, starts)
    return RoadmapResult(
        status=status_of(sol),
        proven_optimal=sol.outcome.proven,
        gap=sol.outcome.gap,
        objective=objective,
        objective_value=sol.objective,
        solver=solver,
        seconds=time.perf_counter() - began,
        periods=rp.periods,
        starts={rp.options[k]: int(t) for k, t in zip(*np.nonzero(starts > 0.5), strict=True)},
        schedule=schedule_table(model, starts),
        budgets=budget_table(model, starts),
        horizon=horizon_table(model, starts),
        events=event_table(model, starts),
        lock_in=lock,
        delays=delays,
    )


def _empty(model: RoadmapModel, status: str, began: float) -> RoadmapResult:
    rp = model.rp
    if status == "infeasible":
        message = (
            "no roadmap satisfies every rule: check the horizon-wide rules with `trilat-opt optimize` "
            "(it names what to relax), then the per-period limits, lead times against the horizon "
            "(floors count options delivered by its end) and requires chains"
        )
    else:
        message = "no roadmap found within the time limit; raise --time-limit or allow a --gap"
    return RoadmapResult(
        status=status,
        proven_optimal=False,
        gap=None,
        objective=model.objective,
        objective_value=None,
        solver=model.solver,
        seconds=time.perf_counter() - began,
        periods=rp.periods,
        starts={},
        schedule=pd.DataFrame(columns=SCHEDULE_COLUMNS),
        budgets=pd.DataFrame(columns=BUDGET_COLUMNS),
        horizon=pd.DataFrame(columns=["name", "kind", "sense", "used", "limit", "slack"]),
        events=pd.DataFrame(columns=EVENT_COLUMNS),
        lock_in=pd.DataFrame(columns=LOCK_COLUMNS),
        delays=pd.DataFrame(columns=DELAY_COLUMNS),
        message=message,
    )


def moved(model: RoadmapModel, starts: np.ndarray, k: int, period: int) -> tuple[float, int | None]:
    """Value lost when option k may start only from `period` on, the rest of the plan unchanged:
    it moves to its best start from `period` that keeps every rule, or is dropped if none does
    and the plan holds without it. NaN when the plan cannot do without it (a floor, or options
    that require it), and the start it moves to (None: dropped or impossible)."""
    before = model.value_of(starts)
    trial = starts.copy()
    trial[k] = 0.0
    best: tuple[float, int | None] | None = None
    for t in range(period, starts.shape[1]):
        trial[k, t] = 1.0
        if model.terms.delivered[k, t] and not model.violations(trial):
            value = model.value_of(trial)
            if best is None or value > best[0] + 1e-12:
                best = (value, t)
        trial[k, t] = 0.0
    if best is None and not model.violations(trial):
        best = (model.value_of(trial), None)
    if best is None:
        return float("nan"), None
    return before - best[0], best[1]


def _where(labels: tuple[str, ...], period: int | None, lost: float) -> str:
    if period is not None:
        return labels[period]
    return "dropped" if lost == lost else "cannot wait"


def lock_in(model: RoadmapModel, starts: np.ndarray, top: int = LOCK_IN_TOP) -> pd.DataFrame:
    """Per event, the options the plan starts in the window before it (after the previous event)
    whose start there adds the most: the value lost if each waited until after the event."""
    rp, h = model.rp, model.rp.horizon
    rows, previous = [], -1.0
    for e in rp.events:
        after = next((t for t in range(len(h)) if t * h.length > e.months), len(h))
        found = []
        for k, t in zip(*np.nonzero(starts > 0.5), strict=True):
            if previous < t * h.length <= e.months:
                lost, to = moved(model, starts, int(k), after)
                if not lost <= 1e-12:  # NaN (cannot wait) is listed too
                    found.append(
                        {
                            "event": e.id,
                            "option": rp.options[k],
                            "start": h.labels[t],
                            "value_lost": lost,
                            "instead": _where(h.labels, to, lost),
                        }
                    )
        found.sort(key=lambda r: (-(r["value_lost"] if r["value_lost"] == r["value_lost"] else np.inf), r["option"]))
        rows += found[:top]
        previous = e.months
    return pd.DataFrame(rows, columns=LOCK_COLUMNS)


def delay_values(model: RoadmapModel, starts: np.ndarray) -> pd.DataFrame:
    """For every started option, the value lost if it starts one period later (or later still),
    the rest of the plan unchanged; largest first."""
    rp = model.rp
    rows, index = [], []
    for k, t in sorted(zip(*np.nonzero(starts > 0.5), strict=True), key=lambda kt: (kt[1], rp.options[kt[0]])):
        lost, new = moved(model, starts, int(k), int(t) + 1)
        index.append(rp.options[k])
        rows.append(
            {
                "start": rp.periods[t],
                "value_lost": lost,
                "new_start": _where(rp.periods, new, lost),
            }
        )
    table = pd.DataFrame(rows, index=pd.Index(index, name="option"), columns=DELAY_COLUMNS)
    key = table["value_lost"].fillna(np.inf)
    return table.loc[key.sort_values(ascending=False, kind="mergesort").index]


def roadmap(
    cat: Catalogue,
    scores: pd.DataFrame,
    weights: Mapping[str, float],
    *,
    horizon: str | None = None,
    periods: int | None = None,
    objective: str = "value",
    solver: str = "cbc",
    scenario: str | None = None,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    gap: float = 0.0,
    time_limit: float | None = None,
    timing: bool = True,
) -> RoadmapResult:
    """The roadmap of a catalogue under `weights`: criteria.yaml's `roadmap` frame, `horizon`
    ("2026H1-2030H2") and `periods` (their number) overriding it. See `solve_roadmap`."""
    rp = roadmap_problem(
        cat, scores, weights, horizon=horizon, periods=periods, scenario=scenario, include=include, exclude=exclude
    )
    return solve_roadmap(rp, objective, solver, gap, time_limit, timing)
