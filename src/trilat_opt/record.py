"""The run record: one versioned shape for a run's result, whoever writes it and whoever reads it.

`optimize --format json`, a report's `results.json` and `diff` used to hold three shapes of the
same thing, and `"objective"` was a number in one and a name in another. They now share one
record, checked by one model (`RunRecord`, whose JSON Schema is `schema/run.schema.json`):

    kind             "trilat-opt run", so a reader knows what the file is
    version          1; a reader refuses versions it does not know
    objective        the objective's name (value, expected, robust, regret, consensus)
    objective_value  its value at the chosen portfolio (null when there is none)
    status           optimal, feasible, infeasible, ...
    selected         the chosen options' ids
    weights          the normalised criterion weights
    values           each option's value under those weights (the ranking is by value)
    settings         how the run was asked (profile, overrides, scenario, solver, limits, ...)
    stability        optional: weight intervals keeping the top option, ranking and portfolio

Writers add what they have beyond this (the optimizer's rule table, the report's manifest and
tables); readers ignore what they do not use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from .optimize import PortfolioResult

__all__ = ["RECORD_KIND", "RECORD_VERSION", "RunRecord", "result_record", "run_record"]

RECORD_KIND = "trilat-opt run"
RECORD_VERSION = 1


class RunRecord(BaseModel):
    """A run's result as `optimize --format json`, `results.json` and `diff` share it."""

    model_config = ConfigDict(extra="allow", title="trilat-opt run record")

    kind: Literal["trilat-opt run"] = Field(description="What the file is: always 'trilat-opt run'.")
    version: Literal[1] = Field(description="The record's format version; readers refuse versions they do not know.")
    objective: str = Field(description="The objective's name: value, expected, robust, regret or consensus.")
    objective_value: float | None = Field(description="The objective at the chosen portfolio; null when none.")
    status: str = Field(description="The solver's verdict: optimal, feasible, infeasible, ...")
    selected: list[str] = Field(description="The ids of the chosen options.")
    weights: dict[str, float] = Field(description="Normalised criterion weights, by criterion id.")
    values: dict[str, float | None] = Field(description="Each option's value under the weights, by option id.")
    settings: dict[str, Any] = Field(default_factory=dict, description="How the run was asked.")
    stability: list[dict[str, Any]] = Field(
        default_factory=list,
        description="Optional weight-stability rows: criterion, top_low/high, ranking_low/high, portfolio_low/high.",
    )


def run_record(
    *,
    objective: str,
    objective_value: float | None,
    status: str,
    selected: Sequence[str],
    weights: Mapping[str, float],
    values: Mapping[str, float | None],
    settings: Mapping[str, Any] | None = None,
    stability: Any = None,
) -> dict[str, Any]:
    """The record's fields as plain data, in the documented order (writers add theirs after).

    `stability` is a table (a DataFrame indexed by criterion) or rows; None leaves it out.

    >>> r = run_record(objective="value", objective_value=0.5, status="optimal", selected=["a"],
    ...                weights={"c": 1.0}, values={"a": 0.5})
    >>> list(r)[:4], RunRecord.model_validate(r).version
    (['kind', 'version', 'objective', 'objective_value'], 1)
    """
    out: dict[str, Any] = {
        "kind": RECORD_KIND,
        "version": RECORD_VERSION,
        "objective": objective,
        "objective_value": None if objective_value is None else float(objective_value),
        "status": status,
        "selected": list(selected),
        "weights": {str(k): float(v) for k, v in weights.items()},
        "values": {str(k): None if v is None else float(v) for k, v in values.items()},
        "settings": dict(settings or {}),
    }
    if stability is not None:
        rows = stability.reset_index().to_dict(orient="records") if hasattr(stability, "reset_index") else stability
        out["stability"] = list(rows)
    return out


def result_record(
    result: PortfolioResult, weights: Mapping[str, float], settings: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """What `optimize --format json` writes: the run record and the optimizer's tables (no
    timings, so the same inputs give the same bytes)."""
    d = result.diagnosis
    record = run_record(
        objective=result.objective,
        objective_value=result.objective_value,
        status=result.status,
        selected=result.selected,
        weights=weights,
        values=result.values.to_dict(),
        settings=settings,
    )
    return {
        **record,
        "proven_optimal": result.proven_optimal,
        "gap": result.gap,
        "solver": result.solver,
        "total_cost": result.total_cost,
        "outcomes": result.outcomes,
        "constraints": result.constraints,
        "exposure": result.exposure,
        "diagnosis": None
        if d is None
        else {"proven": d.proven, "note": d.note, "relaxations": [vars(r) for r in d.relaxations]},
    }
