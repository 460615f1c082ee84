"""Aggregation: from a matrix of criterion values (options x criteria) to one score per option.

Three methods share one call, `method(matrix, weights, directions, ...) -> pd.Series` (higher is
better), and are listed in `METHODS` for the CLI and the report:

- `additive`: weighted sum, the default value model;
- `topsis`: closeness to the ideal option (Hwang and Yoon 1981);
- `promethee_ii`: net outranking flows (Brans and Vincke 1985).

Each validates its input once (`prepare`) and then runs a plain numpy kernel.

>>> import pandas as pd
>>> m = pd.DataFrame({"cost": [3.0, 1.0, 2.0], "gain": [2.0, 1.0, 3.0]}, index=["x", "y", "z"])
>>> {name: method(m, [1, 1], ["min", "max"]).round(3).tolist() for name, method in METHODS.items()}
{'additive': [-0.5, 0.0, 0.5], 'topsis': [0.309, 0.5, 0.691], 'promethee': [-0.5, 0.0, 0.5]}
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ._matrix import DecisionMatrix, ScoreWarning, prepare
from .additive import additive
from .promethee import PARAMETERS, Preference, parse_function, promethee_ii
from .topsis import NORMALIZATIONS, topsis

__all__ = [
    "METHODS",
    "NORMALIZATIONS",
    "PARAMETERS",
    "DecisionMatrix",
    "Preference",
    "ScoreWarning",
    "additive",
    "parse_function",
    "prepare",
    "promethee_ii",
    "topsis",
]

METHODS: dict[str, Callable[..., pd.Series]] = {
    "additive": additive,
    "topsis": topsis,
    "promethee": promethee_ii,
}
