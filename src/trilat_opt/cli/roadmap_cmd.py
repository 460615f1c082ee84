"""`roadmap`: when to start each option, across the leadership windows of the three capitals."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Group
from rich.text import Text

from .common import (
    EXCLUDE,
    FORMAT,
    GAP,
    INCLUDE,
    OUT,
    PROFILE,
    SCENARIO,
    SEMANTICS,
    SOLVER,
    TIME_LIMIT,
    WEIGHT,
    Format,
    Solver,
    console_err,
    emit,
    evaluation_of,
    in_range,
    rich_table,
)
from .terminal import plain

if TYPE_CHECKING:
    import pandas as pd

    from ..roadmap import RoadmapResult

__all__ = ["register", "roadmap_long_table", "roadmap_report"]

RoadmapObjective = StrEnum("RoadmapObjective", {o: o for o in ("value", "expected")})


def register(app: typer.Typer) -> None:
    """Add `roadmap` to `app`."""
    app.command("roadmap")(roadmap_command)


def roadmap_command(
    ctx: typer.Context,
    horizon: str | None = typer.Option(
        None, "--horizon", metavar="FIRST-LAST", help="Periods to plan, e.g. 2026H1-2030H2 (default: criteria.yaml)."
    ),
    periods: int | None = typer.Option(
        None,
        "--periods",
        metavar="N",
        callback=in_range("--periods", 1, 1200),
        help="Split the horizon into N equal periods (default: criteria.yaml's period_months, half-years).",
    ),
    objective: RoadmapObjective = typer.Option(
        "expected",
        "--objective",
        metavar="NAME",
        help="expected (value that survives political risks and leadership events) | value (ignores them).",
        case_sensitive=False,
    ),
    profile: str | None = PROFILE,
    weight: list[str] | None = WEIGHT,
    scenario: str | None = SCENARIO,
    solver: Solver = SOLVER,
    gap: float = GAP,
    time_limit: float | None = TIME_LIMIT,
    include: list[str] | None = INCLUDE,
    exclude: list[str] | None = EXCLUDE,
    semantics: str = SEMANTICS,
    fmt: Format = FORMAT,
    out: Path | None = OUT,
) -> None:
    """When to start each option, across the leadership windows of the three capitals.

    Plans starts period by period within each period's political capital, public funding and
    caps on new initiatives, so that requirements deliver first and as much value as possible
    survives the leadership events in criteria.yaml (an option under way at an event in a
    capital it depends on survives with 1 - reversal x (1 - durability)). Prints start and
    delivery per option, budget use per period, what each event puts at risk, and what to lock
    in before each event. With one period, no events and no discount it is `optimize`.

    Example:

        trilat-opt roadmap
        trilat-opt roadmap --objective value --periods 5 --format json
        trilat-opt roadmap --horizon 2027H1-2029H2 --profile seoul --solver highs
        trilat-opt roadmap --format csv --out roadmap.csv
    """
    ev = evaluation_of(
        ctx,
        profile,
        weight,
        objective=objective.value,
        solver=solver.value,
        scenario=scenario,
        semantics=semantics,
        include=include or (),
        exclude=exclude or (),
    )
    weights = ev.weights
    result = ev.roadmap(horizon=horizon, periods=periods, gap=gap, time_limit=time_limit)
    console_err.print(f"{result.solver}: {result.status} in {result.seconds:.2f} s", markup=False)
    settings = {
        "weights": weights,
        "semantics": semantics,
        "horizon": horizon,
        "periods": periods,
        "scenario": scenario,
    }
    if fmt == Format.json:
        emit(roadmap_report(result, settings), fmt, out)
    elif fmt == Format.csv:
        emit(roadmap_long_table(result), fmt, out)
    else:
        emit(None, fmt, out, table=_rich(result))
    if not result.feasible:
        from ..errors import NoPortfolioError

        raise NoPortfolioError(result.message)


def roadmap_report(result: RoadmapResult, settings: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON form of a roadmap (no timings, so the same inputs give the same bytes). Named as
    the run record names them (`trilat_opt.record`): `objective` the name, `objective_value` its value."""
    return {
        "kind": "trilat-opt roadmap",
        "version": 1,
        "status": result.status,
        "proven_optimal": result.proven_optimal,
        "gap": result.gap,
        "solver": result.solver,
        "objective": result.objective,
        "objective_value": result.objective_value,
        "periods": list(result.periods),
        "schedule": result.schedule,
        "budgets": result.budgets,
        "horizon_rules": result.horizon,
        "events": result.events,
        "lock_in": result.lock_in,
        "delays": result.delays,
        "message": result.message,
        "settings": settings or {},
    }


def roadmap_long_table(result: RoadmapResult) -> pd.DataFrame:
    """One CSV table: a row per started option, per period and budget, per event and per lock-in."""
    import pandas as pd

    rows: list[dict[str, Any]] = [
        {"section": "objective", "name": result.objective, "kind": result.status, "value": result.objective_value}
    ]
    rows += [
        {
            "section": "start",
            "name": o,
            "period": r.start,
            "kind": r.delivery,
            "value": r.expected,
            "used": r.lead_months,
        }
        for o, r in result.schedule.iterrows()
    ]
    rows += [
        {"section": "budget", "name": r.rule, "period": r.period, "kind": r.kind, "used": r.used, "limit": r.limit}
        for r in result.budgets.itertuples()
    ]
    rows += [
        {"section": "event", "name": e, "period": r.period, "kind": r.at_risk, "value": r.value_at_risk}
        for e, r in result.events.iterrows()
    ]
    rows += [
        {"section": "lock-in", "name": r.option, "period": r.start, "kind": r.event, "value": r.value_lost}
        for r in result.lock_in.itertuples()
    ]
    return pd.DataFrame(rows, columns=["section", "name", "period", "kind", "value", "used", "limit"])


def _rich(result: RoadmapResult) -> Group:
    head = f"roadmap, objective {result.objective}: {result.status}"
    if result.objective_value is not None:
        head += f", value {result.objective_value:.3f}"
    if result.gap is not None:
        head += f", gap {result.gap:.3g}" + (
            " (optimality proven)" if result.proven_optimal else " (not proven optimal)"
        )
    parts: list[Any] = [Text(f"{head}, solver {result.solver}, {len(result.periods)} periods")]
    if not result.feasible:
        parts.append(plain(result.message))
        return Group(*parts)
    sched = result.schedule[["start", "delivery", "lead_months", "durability", "expected", "at_risk"]]
    parts.append(
        rich_table(
            sched,
            f"Start and delivery ({len(sched)} options)",
            headers={"lead_months": "lead (months)", "expected": "value delivered", "at_risk": "under way at"},
            note="value delivered: the option's term of the objective (value x survival x lateness discount)",
        )
    )
    parts.append(rich_table(_budget_grid(result.budgets), "Budget use per period (used / limit)"))
    events = result.events[["date", "country", "reversal", "at_risk", "value_at_risk"]]
    parts.append(
        rich_table(
            events,
            "What each leadership event puts at risk",
            headers={"at_risk": "under way", "value_at_risk": "value at risk"},
        )
    )
    parts.append(_lock_in(result))
    return Group(*parts)


def _budget_grid(budgets: pd.DataFrame) -> pd.DataFrame:
    """Rules down, periods across, each cell `used/limit`."""
    cells = budgets.assign(
        cell=[f"{u:.3g}/{lim:.3g}" for u, lim in zip(budgets["used"], budgets["limit"], strict=True)]
    )
    grid = cells.pivot(index="rule", columns="period", values="cell")
    order = list(dict.fromkeys(budgets["period"]))
    return grid.reindex(index=list(dict.fromkeys(budgets["rule"])), columns=order).rename_axis(None, axis=1)


def _lock_in(result: RoadmapResult) -> Text:
    if result.lock_in.empty:
        return Text("Lock in before an event: nothing the plan starts loses value by waiting.")
    names = result.events["name"].to_dict()
    lines = ["Lock in before each event (value lost if it waited until after, the rest of the plan unchanged):"]
    for event, group in result.lock_in.groupby("event", sort=False):
        date = result.events.loc[event, "date"]
        items = []
        for r in group.itertuples():
            lost = "cannot wait" if r.value_lost != r.value_lost else f"{r.value_lost:.3f}"
            items.append(f"{r.option} (start {r.start}, {lost})")
        lines.append(f"  lock in before {names.get(event, event)} ({date}): " + "; ".join(items))
    return plain("\n".join(lines))
