"""Quantitative bipolar argumentation: graphs, gradual semantics, bounds and attribution."""

from .attribution import ATTRIBUTION_METHODS, attribution
from .bounds import StrengthBounds, interval_strengths
from .engine import NonConvergenceError
from .graph import QBAF, GraphError
from .kernels import SEMANTICS
from .reference import recursive_strengths

__all__ = [
    "ATTRIBUTION_METHODS",
    "QBAF",
    "SEMANTICS",
    "GraphError",
    "NonConvergenceError",
    "StrengthBounds",
    "attribution",
    "interval_strengths",
    "recursive_strengths",
]
