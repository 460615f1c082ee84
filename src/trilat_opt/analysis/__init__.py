"""Robustness analysis: weight stability, SMAA-2, portfolio core index, risk-value frontier,
argument criticality and the diff of two runs. Each is a function returning DataFrames or frozen
dataclasses; the CLI (`trilat-opt sensitivity`, `frontier`, `diff`) only formats them.

On a project, ask an `trilat_opt.Evaluation` (`ev.stability()`, `ev.smaa()`, `ev.core_index()`,
`ev.frontier()`, `ev.criticality()`), which computes the scores and the portfolio once for all of
them. The functions here take plain tables and problems, for callers who bring their own numbers.
"""

from .core import CoreIndex, core_index
from .criticality import Criticality, criticality
from .diff import RunDiff, diff_runs, load_run
from .frontier import Frontier, frontier
from .sampling import WeightSpace, sample_weights, weight_space_of
from .sensitivity import Sensitivity, diff_override, sensitivity
from .smaa import SMAAResult, smaa
from .stability import portfolio_stability, stability

__all__ = [
    "CoreIndex",
    "Criticality",
    "Frontier",
    "RunDiff",
    "SMAAResult",
    "Sensitivity",
    "WeightSpace",
    "core_index",
    "criticality",
    "diff_override",
    "diff_runs",
    "frontier",
    "load_run",
    "portfolio_stability",
    "sample_weights",
    "sensitivity",
    "smaa",
    "stability",
    "weight_space_of",
]
