"""What `trilat-opt sensitivity` and `trilat-opt diff --weight` compute, as plain library calls.

`sensitivity` runs the chosen analyses of one project under one weight set and returns them
together; `diff_override` compares the project under its weights with the same project under a
weight override (the `diff --weight` question: "what if deterrence got 30%?").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from ..guards import check_sampling, require_options
from ..record import run_record
from ..weights import OutOfBounds, outside_bounds
from .core import CoreIndex
from .criticality import Criticality
from .diff import RunDiff, diff_runs
from .smaa import SMAAResult

if TYPE_CHECKING:
    from ..evaluation import Evaluation

__all__ = ["CHEAP", "Sensitivity", "diff_override", "sensitivity"]

Progress = Callable[[str, int, int], None]
"""Called before each step with (description, steps done, steps in all), as `report.build` calls it."""

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
    ev: Evaluation,
    analyses: tuple[str, ...] = CHEAP,
    *,
    samples: int | None = None,
    seed: int = 0,
    progress: Progress | None = None,
) -> Sensitivity:
    """Run `analyses` (any of stability, smaa, core, arguments) on one evaluation. `samples`
    defaults to `SMAA_SAMPLES` (2,000, as in the report) for SMAA and 1,000 for the core index."""

    require_options(ev.catalogue, "sensitivity")
    check_sampling(samples, seed)
    out: dict[str, object] = {"weights": ev.weights, "outside": tuple(outside_bounds(ev.catalogue, ev.weights))}
    steps = {
        "stability": ("weight stability", lambda: ev.stability()),
        "smaa": ("SMAA-2", lambda: ev.smaa(samples, seed)),
        "core": ("core index", lambda: ev.core_index(samples or 1_000, seed)),
        "arguments": ("argument criticality", lambda: ev.criticality()),
    }
    chosen = [name for name in steps if name in analyses]
    for done, name in enumerate(chosen):
        label, run = steps[name]
        if progress:
            progress(label, done, len(chosen))
        out[name] = run()
    return Sensitivity(**out)  # type: ignore[arg-type]


def diff_override(
    ev: Evaluation,
    overridden: Mapping[str, float],
    *,
    labels: tuple[str, str] = ("run A", "run B"),
    progress: Progress | None = None,
) -> RunDiff:
    """Run A: `ev`; run B: the same under the weights `overridden` (`ev`'s with an override).
    `labels` say what each is, for the reader.

    Run A carries its stability table (the portfolio interval only for the criteria whose weight
    was set), so the diff says which intervals the override crossed.
    """
    require_options(ev.catalogue, "diff")
    weights = ev.weights
    moved = [c for c in weights if abs(weights[c] - overridden[c]) > 1e-12]
    records = []
    for done, (run, with_table) in enumerate(((ev, True), (ev.with_(weights=overridden), False))):
        if progress:
            progress(labels[done], done, 2)
        result = run.result
        table = run.stability(criteria=moved) if with_table else None
        records.append(
            run_record(
                objective=run.setup.objective,
                objective_value=result.objective_value,
                status=result.status,
                selected=result.selected,
                weights=run.weights,
                values=result.values.to_dict(),
                stability=table,
            )
        )
    return diff_runs(*records, labels=labels)
