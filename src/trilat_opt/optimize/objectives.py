"""What each objective measures, as linear outcomes of the 0/1 choice.

Every objective is built from one or more *outcomes* f_k(x) = a_k . x + sum over synergy pairs of
b_k,ij x_i x_j (the product is linearised in the model by a pair variable):

- ``value``: one outcome, the options' values in the chosen value column plus synergies.
- ``expected``: one outcome, value x survival chance (synergies x both survival chances) under
  the chosen scenario, or base likelihoods when none is chosen.
- ``robust``: one expected-value outcome per scenario; maximise the worst (min over k).
- ``regret``: the same outcomes; minimise the largest shortfall f_k* - f_k(x) against each
  scenario's own optimum f_k* (solved first, under the same rules).
- ``consensus``: one value outcome per capital profile; maximise the least satisfaction, with
  satisfaction_p = 1 - (f_p* - f_p(x)) / |f_p*|. When the profile's own best f_p* is positive this
  is exactly f_p(x) / f_p*. When f_p* <= 0 no feasible portfolio gains that capital anything, and
  the ratio would reward losses; the formula instead scores the relative shortfall from the best
  it can get (1 at its best, falling as its loss grows). When f_p* = 0 the shortfall is measured
  in units of the profile's largest option value (or 1 if all are zero).

With no scenarios defined, ``robust`` and ``regret`` use the base column as the only scenario
(so ``robust`` equals ``expected`` and the least regret is 0).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import InputError
from ..names import OBJECTIVES
from .problem import BASE, Problem

__all__ = ["MAXIMISE", "OBJECTIVES", "Linear", "consensus_scale", "objective_score", "outcomes", "pair_index"]

MAXIMISE = {"value": True, "expected": True, "robust": True, "regret": False, "consensus": True}


@dataclass(frozen=True, eq=False)
class Linear:
    """f(x) = a . x + b . (x_i x_j over the synergy pairs)."""

    a: np.ndarray
    b: np.ndarray

    def at(self, x: np.ndarray, pairs: tuple[np.ndarray, np.ndarray]) -> float:
        i, j = pairs
        return float(self.a @ x + (self.b @ (x[i] * x[j]) if len(i) else 0.0))


def pair_index(p: Problem) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions (i, j) and values of the synergy pairs."""
    idx = {o: k for k, o in enumerate(p.options)}
    i = np.array([idx[a] for a, _, _ in p.synergies], dtype=int)
    j = np.array([idx[b] for _, b, _ in p.synergies], dtype=int)
    return i, j, np.array([v for *_, v in p.synergies], dtype=float)


def _expected(p: Problem, values: pd.DataFrame, col: str, pairs) -> Linear:
    i, j, syn = pairs
    q = p.survival[col if col in p.survival.columns else BASE].to_numpy(dtype=float)
    return Linear(values[col].to_numpy(dtype=float) * q, syn * q[i] * q[j])


def outcomes(p: Problem, objective: str, values: pd.DataFrame) -> dict[str, Linear]:
    """The named outcomes an objective is built from (see the module doc)."""
    pairs = pair_index(p)
    syn = pairs[2]
    if objective == "value":
        return {p.value_column: Linear(values[p.value_column].to_numpy(dtype=float), syn)}
    if objective == "expected":
        return {p.value_column: _expected(p, values, p.value_column, pairs)}
    if objective in ("robust", "regret"):
        return {s: _expected(p, values, s, pairs) for s in (p.scenarios or (BASE,))}
    if objective == "consensus":
        if not p.profiles:
            raise InputError("--objective consensus needs profiles in criteria.yaml; none are defined")
        return {q: Linear(values[q].to_numpy(dtype=float), syn) for q in p.profiles}
    raise InputError(f"--objective {objective!r}: expected one of {', '.join(OBJECTIVES)}")


def consensus_scale(best: float, f: Linear) -> float:
    """The divisor of a profile's shortfall: |f*|, or its largest option value when f* = 0."""
    if abs(best) > 1e-9:
        return abs(best)
    top = float(np.max(np.abs(f.a))) if len(f.a) else 0.0
    return top if top > 1e-12 else 1.0


def objective_score(
    objective: str, at: Mapping[str, float], refs: Mapping[str, float], scales: Mapping[str, float]
) -> float:
    """The objective's value from the outcomes' values `at` (refs and scales for regret/consensus)."""
    if objective in ("value", "expected"):
        return next(iter(at.values()))
    if objective == "robust":
        return min(at.values())
    if objective == "regret":
        return max(refs[k] - v for k, v in at.items())
    return min(1.0 - (refs[k] - v) / scales[k] for k, v in at.items())
