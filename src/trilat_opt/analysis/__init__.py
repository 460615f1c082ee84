"""Robustness analysis: weight stability, SMAA-2, portfolio core index, risk-value frontier,
argument criticality and the diff of two runs. Each is a function returning DataFrames or frozen
dataclasses; the CLI (`trilat-opt sensitivity`, `frontier`, `diff`) only formats them."""

from .core import CoreIndex, catalogue_core_index, core_index
from .criticality import Criticality, criticality
from .diff import RunDiff, diff_runs, load_run, run_record
from .frontier import Frontier, catalogue_frontier, frontier
from .resolve import Resolver, ValueModel
from .sampling import WeightSpace, sample_weights, weight_space, weight_space_of
from .sensitivity import Sensitivity, diff_override, sensitivity
from .smaa import SMAAResult, catalogue_smaa, smaa
from .stability import catalogue_stability, portfolio_stability, rescaled, stability

__all__ = [
    "CoreIndex",
    "Criticality",
    "Frontier",
    "Resolver",
    "RunDiff",
    "SMAAResult",
    "Sensitivity",
    "ValueModel",
    "WeightSpace",
    "catalogue_core_index",
    "catalogue_frontier",
    "catalogue_smaa",
    "catalogue_stability",
    "core_index",
    "criticality",
    "diff_override",
    "diff_runs",
    "frontier",
    "load_run",
    "portfolio_stability",
    "rescaled",
    "run_record",
    "sample_weights",
    "sensitivity",
    "smaa",
    "stability",
    "weight_space",
    "weight_space_of",
]
