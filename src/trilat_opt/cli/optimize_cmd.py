"""`optimize`: the best portfolio under budgets, risk caps and portfolio rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import typer
from rich.console import Group
from rich.text import Text

from ..errors import InputError
from ..limits import parse_limits
from ..model import Catalogue
from ..optimize import PortfolioModel, PortfolioResult
from ..optimize.objectives import objective_of
from ..output import check_file_target
from ..record import result_record
from .common import (
    BUDGET,
    CAP,
    EXCLUDE,
    FORMAT,
    GAP,
    INCLUDE,
    OBJECTIVE,
    OUT,
    PROFILE,
    SCENARIO,
    SEMANTICS,
    SOLVER,
    TIME_LIMIT,
    WEIGHT,
    Format,
    Objective,
    Solver,
    console_err,
    emit,
    evaluation_of,
    no_portfolio,
    rich_table,
)
from .terminal import plain

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add `optimize` to `app`."""
    app.command("optimize")(optimize_command)


def optimize_command(
    ctx: typer.Context,
    objective: Objective = OBJECTIVE,
    profile: str | None = PROFILE,
    weight: list[str] | None = WEIGHT,
    scenario: str | None = SCENARIO,
    cap: list[str] | None = CAP,
    budget: list[str] | None = BUDGET,
    solver: Solver = SOLVER,
    gap: float = GAP,
    time_limit: float | None = TIME_LIMIT,
    include: list[str] | None = INCLUDE,
    exclude: list[str] | None = EXCLUDE,
    semantics: str = SEMANTICS,
    fmt: Format = FORMAT,
    out: Path | None = OUT,
    export_model: Path | None = typer.Option(
        None,
        "--export-model",
        metavar="FILE.lp|FILE.mps",
        help="Also write the model solved, for another solver to check.",
        callback=lambda v: check_file_target(v, "--export-model") if v is not None else v,
    ),
) -> None:
    """Choose the best portfolio of options under budgets, risk caps and portfolio rules.

    Prints the chosen options, the objective, every budget and risk cap with its use and slack,
    and the exposure per country. When no portfolio satisfies the rules it names the fewest rules
    to relax, and by how much, and exits with code 1. Optimality is proven unless --gap or --time-limit stop the solver
    first; the output says which.

    Example:

        trilat-opt optimize
        trilat-opt optimize --objective robust --solver highs --format json
        trilat-opt optimize --objective expected --scenario tariff-escalation --include leader-summits
        trilat-opt optimize --profile seoul --export-model portfolio.lp
        trilat-opt optimize --cap china-coercion=2 --budget public-funding=60
    """
    if export_model is not None and export_model.suffix.lower() not in (".lp", ".mps"):
        raise InputError(f"--export-model {export_model}: the file name must end in .lp or .mps")
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
        caps=parse_limits(cap or [], "--cap"),
        budgets=parse_limits(budget or [], "--budget"),
    )
    model = PortfolioModel(ev.problem, objective.value, solver.value, gap, time_limit)
    result = model.solve()
    console_err.print(f"{result.solver}: {result.status} in {result.seconds:.2f} s", markup=False)
    if export_model is not None:
        model.export(export_model)
        console_err.print(f"wrote {export_model}", markup=False)
    settings = {k: v for k, v in ev.setup.as_dict().items() if k != "weights"}
    settings.update(gap=gap, time_limit=time_limit)
    if fmt == Format.json:
        emit(result_record(result, ev.weights, settings), fmt, out)
    elif fmt == Format.csv:
        emit(long_table(result), fmt, out)
    else:
        emit(None, fmt, out, table=_rich(result, ev.catalogue))
    no_portfolio(result, shown=fmt == Format.table and out is None)


def long_table(result: PortfolioResult) -> pd.DataFrame:
    """One CSV table: a row per option, per rule, per exposure and for the objective."""
    rows: list[dict[str, Any]] = [
        {"section": "objective", "name": result.objective, "kind": result.status, "value": result.objective_value}
    ]
    rows += [
        {"section": "option", "name": o, "kind": "selected" if o in result.selected else "", "value": v}
        for o, v in result.values.items()
    ]
    rows += [
        {"section": "constraint", "name": r.name, "kind": r.kind, "used": r.used, "limit": r.limit, "slack": r.slack}
        for r in result.constraints.itertuples()
    ]
    rows += [
        {"section": "exposure", "name": r.name, "kind": r.kind, "used": r.used, "limit": r.cap}
        for r in result.exposure.itertuples()
    ]
    if result.diagnosis is not None:
        rows += [
            {"section": "relax", "name": r.rule, "kind": r.kind, "value": r.relax_by}
            for r in result.diagnosis.relaxations
        ]
    return pd.DataFrame(rows, columns=["section", "name", "kind", "value", "used", "limit", "slack"])


def _rich(result: PortfolioResult, cat: Catalogue) -> Group:
    head = f"objective {result.objective}: {result.status}"
    if result.objective_value is not None:
        head += f", value {result.objective_value:.3f}"
    if result.gap is not None:
        head += f", gap {result.gap:.3g}" + (
            " (optimality proven)" if result.proven_optimal else " (not proven optimal)"
        )
    parts: list[Any] = [Text(f"{head}, solver {result.solver}")]
    if result.diagnosis is not None:
        parts.append(plain(result.diagnosis))
        return Group(*parts)
    if not result.feasible:
        parts.append(Text("no portfolio found within the time limit; raise --time-limit or allow a --gap"))
        return Group(*parts)
    domains = {o.id: o.domain for o in cat.options}
    chosen = pd.DataFrame(
        [(o, domains.get(o, ""), result.values[o]) for o in result.selected], columns=["option", "domain", "value"]
    )
    parts.append(rich_table(chosen, f"Selected options ({len(result.selected)})"))
    goal = objective_of(result.objective)
    if goal.per_case:
        score = {"regret": "regret", "satisfaction": "satisfaction"}.get(goal.combine, "score")
        frame = result.outcomes.rename(columns={"own_best": "own best", "score": score})
        if not goal.needs_own_best:
            frame = frame.drop(columns=["own best", score])
        parts.append(rich_table(frame, "Per scenario or profile"))
    parts.append(rich_table(rules_view(result.constraints, cat), "Budgets, risk caps and rules"))
    exposure = result.exposure.rename(columns={"kind": "of"})
    parts.append(rich_table(exposure, "Exposure by risk and by country (summed exposure levels)"))
    return Group(*parts)


def rules_view(constraints: pd.DataFrame, cat: Catalogue) -> pd.DataFrame:
    """The constraints table for a terminal: each rule with its unit (a budget's own, exposure for
    risk and country caps, options for counts), its kind implied by its name."""
    units = {f"budget {b.id}": b.unit for b in cat.frame.budgets}
    by_kind = {"risk": "exposure", "country": "exposure", "cardinality": "options", "domain": "options"}
    unit = [units.get(n) or by_kind.get(k, "") for n, k in zip(constraints["name"], constraints["kind"], strict=True)]
    return constraints.drop(columns="kind").assign(unit=unit)[["name", "unit", "sense", "used", "limit", "slack"]]
