"""The one validation step in front of every aggregation method.

Methods are plain numpy kernels that trust their inputs; everything a user can get wrong is
checked here, once: the shape of the matrix, NaN and infinite cells, duplicate labels, weights
(finite, non-negative, not all zero; normalised to sum 1) and directions ("max" or "min").
Problems raise `InputError` naming the option and criterion, so a bad score table never turns
into a silent NaN ranking or a division by zero further down.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from ..errors import InputError

__all__ = ["DecisionMatrix", "Directions", "Matrix", "ScoreWarning", "Weights", "per_criterion", "prepare"]

Matrix: TypeAlias = pd.DataFrame | np.ndarray | Sequence[Sequence[float]]
Weights: TypeAlias = Mapping[Any, float] | pd.Series | np.ndarray | Sequence[float]
Directions: TypeAlias = str | Mapping[Any, str] | Sequence[str] | None

_SHOWN = 5  # how many bad cells an error message lists before "and N more"


class ScoreWarning(UserWarning):
    """Something in the data weakens a ranking without making it wrong (a constant criterion, a full tie)."""


@dataclass(frozen=True)
class DecisionMatrix:
    """A validated decision problem: plain arrays plus the labels to put back on results.

    `values` is options x criteria (float64), `weights` sums to 1, `maximise[j]` is True where
    more is better on criterion j.
    """

    values: np.ndarray
    weights: np.ndarray
    maximise: np.ndarray
    options: pd.Index
    criteria: pd.Index

    def constant_criteria(self) -> list[str]:
        """Criteria on which every option has the same value: they cannot separate options."""
        if len(self.values) == 0:
            return []
        same = np.all(self.values == self.values[0], axis=0)
        return [str(c) for c, s in zip(self.criteria, same, strict=True) if s]

    def series(self, data: np.ndarray, name: str) -> pd.Series:
        """One result per option, labelled like the input rows."""
        return pd.Series(data, index=self.options.copy(), name=name, dtype=float)


def prepare(matrix: Matrix, weights: Weights, directions: Directions = None) -> DecisionMatrix:
    """Validate a decision matrix with its weights and directions; return arrays and labels.

    `matrix` is a DataFrame (rows options, columns criteria) or anything numpy reads as a 2-D
    array (its rows and columns are then labelled 0, 1, ...). `weights` and `directions` are
    given per column, either positionally or as a mapping keyed by column label.

    >>> p = prepare(pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]}), {"a": 3, "b": 1}, {"b": "min"})
    >>> p.weights.tolist(), p.maximise.tolist()
    ([0.75, 0.25], [True, False])
    >>> prepare([[1.0, float("nan")]], [1, 1])
    Traceback (most recent call last):
    ...
    trilat_opt.errors.InputError: matrix: missing or non-finite value at option 0, criterion 1
    """
    values, options, criteria = _table(matrix)
    return DecisionMatrix(
        values=values,
        weights=_weights(weights, criteria),
        maximise=_directions(directions, criteria),
        options=options,
        criteria=criteria,
    )


def _table(matrix: Matrix) -> tuple[np.ndarray, pd.Index, pd.Index]:
    """Float values with their row and column labels (0, 1, ... for plain arrays)."""
    if isinstance(matrix, pd.DataFrame):
        bad = [str(c) for c in matrix.columns if not pd.api.types.is_numeric_dtype(matrix[c])]
        if bad:
            raise InputError(f"matrix: criterion column(s) {', '.join(bad)} are not numeric")
        values, options, criteria = matrix.to_numpy(dtype=float, na_value=np.nan), matrix.index, matrix.columns
    else:
        try:
            values = np.asarray(matrix, dtype=float)
        except (TypeError, ValueError) as exc:
            raise InputError(f"matrix: expected numbers in rows and columns ({exc})") from None
        if values.ndim != 2:
            raise InputError(f"matrix: expected a 2-D table (options x criteria), got {values.ndim} dimension(s)")
        options, criteria = pd.RangeIndex(values.shape[0]), pd.RangeIndex(values.shape[1])
    if values.shape[0] == 0 or values.shape[1] == 0:
        raise InputError(f"matrix: needs at least one option and one criterion, got shape {values.shape}")
    for axis, labels in (("option", options), ("criterion", criteria)):
        dupes = labels[labels.duplicated()].unique().tolist()
        if dupes:
            raise InputError(f"matrix: duplicate {axis} label(s) {', '.join(map(str, dupes))}")
    rows, cols = np.nonzero(~np.isfinite(values))
    if len(rows):
        cells = [f"option {options[r]}, criterion {criteria[c]}" for r, c in zip(rows, cols, strict=True)]
        more = f" and {len(cells) - _SHOWN} more" if len(cells) > _SHOWN else ""
        raise InputError(f"matrix: missing or non-finite value at {'; '.join(cells[:_SHOWN])}{more}")
    # Column-major: every method works criterion by criterion (norms, ideals, pairwise differences).
    return np.asfortranarray(values), options, criteria


def per_criterion(given: Any, criteria: pd.Index, what: str, default: Any = None) -> list[Any]:
    """Spread a mapping (keyed by criterion) or a sequence (by position) over the criteria.

    A mapping may leave criteria out only when there is a `default` for them.
    """
    if isinstance(given, (Mapping, pd.Series)):
        keys = list(given.keys())
        unknown = [str(k) for k in keys if k not in criteria]
        if unknown:
            raise InputError(f"{what}: unknown criterion {', '.join(unknown)} (known: {', '.join(map(str, criteria))})")
        missing = [str(c) for c in criteria if c not in keys]
        if missing and default is None:
            raise InputError(f"{what}: none given for criterion {', '.join(missing)}")
        return [given[c] if c in keys else default for c in criteria]
    items = list(np.ravel(np.asarray(given, dtype=object)))
    if len(items) != len(criteria):
        raise InputError(f"{what}: expected {len(criteria)} values, one per criterion, got {len(items)}")
    return items


def _weights(weights: Weights, criteria: pd.Index) -> np.ndarray:
    raw = per_criterion(weights, criteria, "weights")
    try:
        w = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        raise InputError(f"weights: expected numbers, got {raw!r}") from None
    bad = [f"{c}={v}" for c, v in zip(criteria, w, strict=True) if not (np.isfinite(v) and v >= 0)]
    if bad:
        raise InputError(f"weights: each weight must be a finite number >= 0 ({', '.join(bad)})")
    total = w.sum()
    if not total > 0:
        raise InputError("weights: all weights are zero; at least one must be positive")
    return w / total


def _directions(directions: Directions, criteria: pd.Index) -> np.ndarray:
    if directions is None:
        return np.ones(len(criteria), dtype=bool)
    if isinstance(directions, str):
        directions = [directions] * len(criteria)
    raw = per_criterion(directions, criteria, "directions", default="max")
    bad = [f"{c}={d!r}" for c, d in zip(criteria, raw, strict=True) if d not in ("max", "min")]
    if bad:
        raise InputError(f"directions: expected 'max' or 'min' ({', '.join(bad)})")
    return np.array([d == "max" for d in raw], dtype=bool)
