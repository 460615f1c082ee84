"""Additive value model: the weighted sum of criterion values.

The simplest compensatory model and the project's default: a gain on one criterion can make up
for a loss on another at the rate the weights set. It takes values as they are, without
rescaling, because the argument scores it is meant for already share one scale ([0, 1], or net
of the neutral base); rescale raw data first if its columns have different units. A criterion to
minimise counts with a negative sign.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._matrix import Directions, Matrix, Weights, prepare

__all__ = ["additive", "weighted_sum"]


def weighted_sum(values: np.ndarray, weights: np.ndarray, maximise: np.ndarray) -> np.ndarray:
    """Kernel: sum over criteria of weight x value, with minimised criteria negated."""
    sign = np.where(maximise, 1.0, -1.0)
    return values @ (weights * sign)


def additive(matrix: Matrix, weights: Weights, directions: Directions = None) -> pd.Series:
    """Weighted sum per option (weights normalised to sum 1); higher is better.

    >>> m = pd.DataFrame({"a": [0.8, 0.5], "b": [0.4, 0.5]}, index=["x", "y"])
    >>> additive(m, {"a": 1, "b": 1}).round(3).to_dict()
    {'x': 0.6, 'y': 0.5}
    >>> additive(m, [1, 1], ["max", "min"]).round(3).to_dict()
    {'x': 0.2, 'y': 0.0}
    """
    p = prepare(matrix, weights, directions)
    return p.series(weighted_sum(p.values, p.weights, p.maximise), "additive")
