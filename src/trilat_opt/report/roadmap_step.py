"""The report's roadmap step: when to start each option across the leadership windows.

A step of its own (not in `steps.py`), reading the run like the others and adding the tables
`roadmap` (start and delivery of each option), `roadmap_budgets` (use per period),
`roadmap_events` (what each leadership event puts at risk), `roadmap_delays` (value lost by a
one-period delay) and `roadmap_lock_in`. It solves a second, larger programme (about as long as
the rest of the report on the shipped catalogue), so `report --quick` skips it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .steps import FULL_ONLY

if TYPE_CHECKING:
    from ..roadmap import RoadmapResult
    from .run import Run

__all__ = ["ROADMAP_TIME_LIMIT", "plan", "roadmap"]

ROADMAP_TIME_LIMIT = 60.0
"""Seconds the report gives the roadmap's solver; a plan not proven optimal by then says so."""


def _objective(run: Run) -> str:
    """The roadmap's objectives are value and expected value; the others plan for expected value."""
    return "value" if run.objective == "value" else "expected"


def plan(run: Run) -> RoadmapResult:
    """The roadmap under the run's weights (a job: `trilat_opt.workers`)."""
    return run.ev.with_(objective=_objective(run)).roadmap(time_limit=ROADMAP_TIME_LIMIT)


def roadmap(run: Run) -> None:
    """The roadmap under the run's weights: `expected` unless the run's objective is `value`."""
    if not run.full:
        run.missing.setdefault("roadmap", FULL_ONLY)
        return
    objective = _objective(run)
    result = run.job("roadmap", plan)
    if not result.feasible:
        run.missing.setdefault("roadmap", result.message)
        return
    titles = {o.id: o.title for o in run.cat.options}
    schedule = result.schedule.copy()
    schedule.insert(0, "title", [titles.get(o, o) for o in schedule.index])
    run.tables["roadmap"] = schedule
    run.tables["roadmap_budgets"] = result.budgets.rename_axis("row")
    run.tables["roadmap_events"] = result.events
    delays = result.delays.copy()
    delays.insert(0, "title", [titles.get(o, o) for o in delays.index])
    run.tables["roadmap_delays"] = delays
    run.tables["roadmap_lock_in"] = result.lock_in.rename_axis("row")
    run.summary["roadmap"] = {
        "objective": objective,
        "status": result.status,
        "gap": result.gap,
        "value": result.objective_value,
        "periods": list(result.periods),
    }
