"""Plain tables describing a loaded catalogue, for `validate`, `options list` and the report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .horizon import Horizon
from .model import Catalogue, Option
from .weights import WeightSet, outside_bounds, weight_sets

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ValidationSummary", "option_detail", "options_table", "validation_summary"]


@dataclass(frozen=True)
class ValidationSummary:
    criteria: int
    profiles: int
    risks: int
    scenarios: int
    budgets: int
    options: int
    arguments: int
    inferred: int
    """Arguments whose claim rests on the analyst's reasoning beyond the quotes (`inference:`)."""
    rebuttals: int
    recommendations: int
    """Entries of the recommendations register (0 when the project has none)."""
    warnings: tuple[str, ...]
    weights: tuple[WeightSet, ...] = ()
    """The criteria's and each profile's weights, as stated and as used (normalised to sum 1)."""
    periods: int = 0
    """Periods of the roadmap's horizon (criteria.yaml `roadmap:`; 0 without one)."""
    events: int = 0
    """Leadership events the roadmap plans around."""


def validation_summary(cat: Catalogue) -> ValidationSummary:
    """Counts, warnings and weight sets of a loaded catalogue. A weight set that puts a criterion
    outside its bounds gets a warning (the bounds rule of `trilat_opt.weights`)."""
    f = cat.frame
    args = [a for _, a in cat.arguments()]
    sets = tuple(weight_sets(cat))
    bounds = [f"{s.name}: {o}" for s in sets for o in outside_bounds(cat, s.effective)]
    return ValidationSummary(
        criteria=len(f.criteria),
        profiles=len(f.profiles),
        risks=len(f.risks),
        scenarios=len(f.scenarios),
        budgets=len(f.budgets),
        options=len(cat.options),
        arguments=len(args),
        inferred=sum(a.inferred for a in args),
        rebuttals=sum(1 for a in args if a.attacks or a.supports),
        recommendations=len(cat.recommendations),
        warnings=(*cat.warnings, *bounds),
        weights=sets,
        periods=len(Horizon.parse(f.roadmap.start, f.roadmap.end, f.roadmap.period_months)) if f.roadmap else 0,
        events=len(f.roadmap.events) if f.roadmap else 0,
    )


def options_table(cat: Catalogue) -> pd.DataFrame:
    """One row per option: id, title, domain, countries, cost per budget, argument counts."""
    budgets = [b.id for b in cat.frame.budgets]
    rows = []
    for o in cat.options:
        row = {
            "id": o.id,
            "title": o.title,
            "domain": o.domain,
            "countries": "/".join(o.countries),
        }
        row.update({f"cost:{b}": o.cost(b) for b in budgets})
        row["arguments"] = len(o.arguments)
        row["con"] = sum(1 for a in o.arguments if a.stance == "con")
        rows.append(row)
    columns = ["id", "title", "domain", "countries", *[f"cost:{b}" for b in budgets], "arguments", "con"]
    import pandas as pd

    return pd.DataFrame(rows, columns=columns).set_index("id")


def option_detail(opt: Option) -> dict:
    """Everything about one option, as plain data."""
    return opt.model_dump(mode="json")
