"""Robustness analysis: weight stability, SMAA-2, portfolio core index, risk-value frontier,
argument criticality and the diff of two runs. Each is a function returning DataFrames or frozen
dataclasses; the CLI (`trilat-opt sensitivity`, `frontier`, `diff`) only formats them."""

from .sampling import WeightSpace, sample_weights, weight_space, weight_space_of
from .smaa import SMAAResult, catalogue_smaa, smaa

__all__ = [
    "SMAAResult",
    "WeightSpace",
    "catalogue_smaa",
    "sample_weights",
    "smaa",
    "weight_space",
    "weight_space_of",
]
