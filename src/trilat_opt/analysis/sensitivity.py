"""What `trilat-opt sensitivity` and `trilat-opt diff --weight` compute, as plain library calls.

`sensitivity` runs the chosen analyses of one project under one weight set and returns them
together; `diff_override` compares the project under its weights with the same project under a
weight override (the `diff --weight` question: "what if deterrence got 30%?").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ..guards import SMAA_SAMPLES, check_sampling, require_options
from ..model import Catalogue
from ..weights import OutOfBounds, outside_bounds
from .core import CoreIndex, catalogue_core_index
from .criticality import Criticality, criticality
from .diff import RunDiff, diff_runs, run_record
from .smaa import SMAAResult, catalogue_smaa
from .stability import catalogue_stability

__all__ = ["CHEAP", "Sensitivity", "diff_override", "sensitivity"]

CHEAP = ("stability", "smaa")
"""The analyses run when none is named: each takes seconds on the shipped catalogue."""


@dataclass(frozen=True)
class Sensitivity:
    """The analyses that were run (None for those that were not)."""

    weights: dict[str, float]
    outside: tuple[OutOfBounds, ...] = ()
    """Criteria whose run weight lies outside the bounds SMAA and the core index sample within."""
    stability: pd.DataFrame | None = None
    smaa: SMAAResult | None = None
    core: CoreIndex | None = None
    arguments: Criticality | None = None


def sensitivity(
    cat: Catalogue,
    weights: Mapping[str, float],
    analyses: tuple[str, ...] = CHEAP,
    *,
    samples: int | None = None,
    seed: int = 0,
    objective: str = "value",
    solver: str = "cbc",
    scenario: str | None = None,
    semantics: str = "dfquad",
    progress: bool = False,
) -> Sensitivity:
    """Run `analyses` (any of stability, smaa, core, arguments). `samples` defaults to
    `SMAA_SAMPLES` (2,000, as in the report) for SMAA and 1,000 for the core index."""
    require_options(cat, "sensitivity")
    check_sampling(samples, seed)
    common = {"objective": objective, "solver": solver, "scenario": scenario, "semantics": semantics}
    out: dict[str, object] = {"weights": dict(weights), "outside": tuple(outside_bounds(cat, weights))}
    if "stability" in analyses:
        out["stability"] = catalogue_stability(cat, weights, **common)
    if "smaa" in analyses:
        out["smaa"] = catalogue_smaa(cat, samples or SMAA_SAMPLES, seed, semantics=semantics)
    if "core" in analyses:
        out["core"] = catalogue_core_index(cat, samples or 1_000, seed, progress=progress, **common)
    if "arguments" in analyses:
        out["arguments"] = criticality(cat, weights, **common)
    return Sensitivity(**out)  # type: ignore[arg-type]


def diff_override(
    cat: Catalogue,
    weights: Mapping[str, float],
    overridden: Mapping[str, float],
    *,
    objective: str = "value",
    solver: str = "cbc",
    scenario: str | None = None,
    semantics: str = "dfquad",
    labels: tuple[str, str] = ("run A", "run B"),
) -> RunDiff:
    """Run A: the project under `weights`; run B: under `overridden` (the same with an override).
    `labels` say what each is, for the reader.

    Run A carries its stability table (the portfolio interval only for the criteria whose weight
    was set), so the diff says which intervals the override crossed.
    """
    from ..argue import criterion_scores
    from ..optimize import optimize, problem_from_catalogue

    require_options(cat, "diff")
    scores = criterion_scores(cat, semantics=semantics).scores
    moved = [c for c in weights if abs(weights[c] - overridden[c]) > 1e-12]
    records = []
    for w, with_table in ((weights, True), (overridden, False)):
        result = optimize(problem_from_catalogue(cat, scores, w, scenario=scenario), objective, solver)
        table = (
            catalogue_stability(
                cat, w, objective=objective, solver=solver, scenario=scenario, semantics=semantics, criteria=moved
            )
            if with_table
            else None
        )
        records.append(run_record(w, result.values, result.selected, objective, result.objective_value, table))
    return diff_runs(*records, labels=labels)
