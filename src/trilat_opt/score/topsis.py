"""TOPSIS: relative closeness to the ideal option (Hwang and Yoon 1981).

Each column is normalised, weighted, and every option is measured by its Euclidean distance to
the ideal point (the best weighted value on every criterion) and to the anti-ideal point (the
worst). Closeness D- / (D+ + D-) lies in [0, 1]; 1 means the option is the ideal.

Two normalisations: "vector" (x / ||x||, the original method) and "minmax"
((x - min) / (max - min)). A column whose norm or range is zero cannot be normalised; it is set to
zero, which is exact here, because a criterion on which all options are equal adds nothing to
any distance. If every option is equal on every weighted criterion, closeness is 0/0: all options
tie, and each gets 0.5 with a `ScoreWarning`.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ..errors import InputError
from ._matrix import Directions, Matrix, ScoreWarning, Weights, prepare

__all__ = ["NORMALIZATIONS", "closeness", "normalize", "topsis"]

NORMALIZATIONS = ("vector", "minmax")


def normalize(values: np.ndarray, normalization: str) -> np.ndarray:
    """Column-wise normalisation; a zero-norm or zero-range column becomes all zeros."""
    if normalization == "vector":
        shift, scale = 0.0, np.sqrt(np.einsum("ij,ij->j", values, values))
    else:
        shift, scale = values.min(axis=0), np.ptp(values, axis=0)
    out = np.zeros_like(values)
    return np.divide(values - shift, scale, out=out, where=scale > 0)


def closeness(values: np.ndarray, weights: np.ndarray, maximise: np.ndarray, normalization: str) -> np.ndarray:
    """Kernel: relative closeness of each row to the ideal; 0.5 for all rows if they all coincide."""
    v = normalize(values, normalization) * weights
    top, bottom = v.max(axis=0), v.min(axis=0)
    ideal = np.where(maximise, top, bottom)
    anti = np.where(maximise, bottom, top)
    d_plus = np.sqrt(np.square(v - ideal).sum(axis=1))
    d_minus = np.sqrt(np.square(v - anti).sum(axis=1))
    total = d_plus + d_minus
    return np.divide(d_minus, total, out=np.full(len(v), 0.5), where=total > 0)


def topsis(matrix: Matrix, weights: Weights, directions: Directions = None, normalization: str = "vector") -> pd.Series:
    """Relative closeness to the ideal per option, in [0, 1]; higher is better.

    Tzeng and Huang (2011), Multiple Attribute Decision Making, the car example:

    >>> m = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]
    >>> topsis(m, [0.3, 0.4, 0.3]).round(4).tolist()
    [0.5037, 0.6581, 0.7482, 0.334]
    """
    if normalization not in NORMALIZATIONS:
        raise InputError(
            f"topsis: normalization {normalization!r} unknown; expected one of {', '.join(NORMALIZATIONS)}"
        )
    p = prepare(matrix, weights, directions)
    _warn_constant(p.constant_criteria(), p.criteria, p.weights, len(p.options))
    return p.series(closeness(p.values, p.weights, p.maximise, normalization), "topsis")


def _warn_constant(constant: list[str], criteria: pd.Index, weights: np.ndarray, n_options: int) -> None:
    """Say when a weighted criterion cannot separate options, or when no criterion can (a full tie)."""
    weighted = [str(c) for c, w in zip(criteria, weights, strict=True) if w > 0]
    names = [c for c in weighted if c in constant]
    if n_options < 2 or not names:
        return
    if len(names) == len(weighted):
        message = "topsis: all options are equal on every weighted criterion; each gets closeness 0.5"
    else:
        message = f"topsis: criterion {', '.join(names)} has the same value for every option; it cannot separate them"
    warnings.warn(message, ScoreWarning, stacklevel=4)
