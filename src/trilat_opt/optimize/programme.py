"""The portfolio programme as plain JSON-ready data, for a solver outside Python (the report page).

`programme(problem, values)` writes out what `PortfolioModel` builds for the `value` and
`expected` objectives, minus PuLP: one 0/1 column per option, the synergy pairs, and every rule of
`rules.rules_of` as a sparse row. Option values are not numbers but linear functions of the
criterion weights, as in `analysis.resolve.ValueModel`: value column ``c`` of option ``i`` is
``sum_j net[i][j] * factors[c][j] * w[j]``, so a reader re-weights and re-solves without Python.

Nothing is rounded: JSON writes each float as the shortest text that reads back to the same
double, so the page computes with exactly the numbers Python does.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .model import _LEX_BLOCK, TIE_BREAK_MAX, TIE_TOL
from .problem import BASE, Problem
from .rules import rules_of

__all__ = ["programme"]


def programme(problem: Problem, net: Any, factors: dict[str, np.ndarray]) -> dict[str, Any]:
    """The programme of `problem` with option values as functions of the weights.

    `net` is options x criteria (a DataFrame, the problem's option order), `factors` maps each value
    column ("base" and scenario ids) to its per-criterion multipliers (`ValueModel.factors`).
    """
    columns = [BASE, *problem.scenarios]
    i, j, syn = _pairs(problem)
    return {
        "options": list(problem.options),
        "criteria": [str(c) for c in net.columns],
        "net": [[float(v) for v in row] for row in net.reindex(list(problem.options)).to_numpy(dtype=float)],
        "factors": {c: [float(v) for v in factors[c]] for c in columns},
        "survival": {c: [float(v) for v in problem.survival[c].to_numpy(dtype=float)] for c in columns},
        "pairs": [[int(a), int(b), float(v)] for a, b, v in zip(i, j, syn, strict=True)],
        "rows": [_row(r) for r in rules_of(problem)],
        "tie": {"tol": TIE_TOL, "max": TIE_BREAK_MAX, "block": _LEX_BLOCK},
    }


def _pairs(p: Problem) -> tuple[list[int], list[int], list[float]]:
    idx = {o: k for k, o in enumerate(p.options)}
    return [idx[a] for a, _, _ in p.synergies], [idx[b] for _, b, _ in p.synergies], [v for *_, v in p.synergies]


def _row(rule) -> dict[str, Any]:
    """One rule as a sparse row: the columns it touches and their coefficients."""
    cols = np.flatnonzero(rule.coef)
    return {
        "name": rule.name,
        "kind": rule.kind,
        "ref": rule.ref,
        "sense": rule.sense,
        "rhs": float(rule.rhs),
        "cols": [int(c) for c in cols],
        "coef": [float(rule.coef[c]) for c in cols],
    }
