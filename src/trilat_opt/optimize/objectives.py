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

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import InputError
from ..names import OBJECTIVES
from .problem import BASE, Problem

__all__ = [
    "OBJECTIVES",
    "Linear",
    "Objective",
    "consensus_scale",
    "objective_of",
    "objective_score",
    "outcomes",
    "pair_index",
]


@dataclass(frozen=True)
class Objective:
    """What the rest of the code needs to know about an objective, so that it asks, not compares names.

    `cases` names what one outcome is ("value column", "scenario", "profile"); `combine` how the
    outcomes make the objective: "one" (the single outcome), "worst" (the least outcome),
    "regret" (the largest shortfall from each case's own best) or "satisfaction" (the least
    normalised satisfaction, see the module doc).
    """

    name: str
    maximise: bool
    combine: str
    cases: str
    survival: bool
    """Whether an outcome counts each option's survival chance (value x survival)."""
    aim: str
    """What the optimizer does, in a sentence's words (the report's method section)."""
    total: str
    """The name of the objective's value (the report's summary reports this one figure)."""
    meaning: str
    """What that value counts."""

    @property
    def linear(self) -> bool:
        """One linear outcome: a weight change moves only the options' objective coefficients, so
        one model re-solves with new coefficients (the what-if page, in-process HiGHS, exact
        criticality thresholds and the frontier all rely on this)."""
        return self.combine == "one"

    @property
    def needs_own_best(self) -> bool:
        """Each case's own optimum is solved first (it is a constant of the objective)."""
        return self.combine in ("regret", "satisfaction")

    @property
    def per_case(self) -> bool:
        """The objective is built from several cases, one row each in `PortfolioResult.outcomes`."""
        return not self.linear

    def term(self, value: float, own_best: float, scale: float) -> float:
        """One case's term of the objective: its value, shortfall or satisfaction."""
        if self.combine == "regret":
            return own_best - value
        if self.combine == "satisfaction":
            return 1.0 - (own_best - value) / scale
        return value

    def score(self, at: Mapping[str, float], refs: Mapping[str, float], scales: Mapping[str, float]) -> float:
        """The objective's value from the cases' values `at` (own bests and scales where needed)."""
        terms = [self.term(v, refs.get(k, math.nan), scales.get(k, 1.0)) for k, v in at.items()]
        if self.combine == "one":
            return terms[0]
        return max(terms) if self.combine == "regret" else min(terms)


OBJECTIVE_RECORDS: dict[str, Objective] = {
    o.name: o
    for o in (
        Objective(
            "value",
            True,
            "one",
            "value column",
            False,
            "maximise the sum of the chosen options' values (plus synergies)",
            "portfolio value",
            "the chosen options' weighted net value over the neutral base, plus synergies between them",
        ),
        Objective(
            "expected",
            True,
            "one",
            "value column",
            True,
            "maximise expected value: each option's value times its chance of surviving its political risks",
            "expected portfolio value",
            "each chosen option's weighted net value times its chance of surviving its political risks, plus synergies",
        ),
        Objective(
            "robust",
            True,
            "worst",
            "scenario",
            True,
            "maximise the worst expected value over the named scenarios",
            "worst-scenario value",
            "the portfolio's expected value in the scenario where it does worst",
        ),
        Objective(
            "regret",
            False,
            "regret",
            "scenario",
            True,
            "minimise the largest regret over the named scenarios",
            "largest regret",
            "the most the portfolio falls short of any scenario's own best portfolio",
        ),
        Objective(
            "consensus",
            True,
            "satisfaction",
            "profile",
            False,
            "maximise the value of the least-satisfied capital, each capital's value normalised by its best",
            "least capital satisfaction",
            "the share of its own best value that the least-satisfied capital gets (1 = its own best)",
        ),
    )
}
"""Every objective, in the order of `names.OBJECTIVES` (a test keeps the two the same)."""


def objective_of(name: str) -> Objective:
    """The record of objective `name`; an unknown name is an `InputError` listing the known ones."""
    try:
        return OBJECTIVE_RECORDS[name]
    except KeyError:
        raise InputError(f"--objective {name!r}: expected one of {', '.join(OBJECTIVES)}") from None


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
    obj = objective_of(objective)
    pairs = pair_index(p)

    def outcome(col: str) -> Linear:
        if obj.survival:
            return _expected(p, values, col, pairs)
        return Linear(values[col].to_numpy(dtype=float), pairs[2])

    if obj.cases == "value column":
        return {p.value_column: outcome(p.value_column)}
    if obj.cases == "scenario":
        return {s: outcome(s) for s in (p.scenarios or (BASE,))}
    if not p.profiles:
        raise InputError(f"--objective {obj.name} needs profiles in criteria.yaml; none are defined")
    return {q: outcome(q) for q in p.profiles}


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
    return objective_of(objective).score(at, refs, scales)
