"""Option values from criterion scores: net benefit over the neutral base.

A claim with no evidence sits at the neutral base (`criteria.yaml: neutral_base`). Summing raw
scores would reward options merely for existing, so an option's value on a criterion is its score
minus the neutral base: zero means "no gain", and only options the evidence favours can pay for
their cost and risk. Scenario multipliers scale these net values per criterion.

A criterion with `direction: min` counts against an option ("advances C" is bad news for C):
its net value is reflected about the neutral base, `base - score`. Every stage that turns scores
into values (ranking, optimizer, analyses, report) goes through `net_matrix` with the catalogue's
`direction_signs`, so they all agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .model import Catalogue, Scenario

__all__ = ["ValueModel", "catalogue_net", "direction_signs", "net_matrix", "option_values"]


def direction_signs(cat: Catalogue) -> pd.Series:
    """+1 for each "max" criterion, -1 for each "min" one, in catalogue order."""
    return pd.Series({c.id: 1.0 if c.direction == "max" else -1.0 for c in cat.criteria}, dtype=float)


def net_matrix(
    scores: pd.DataFrame,
    neutral_base: float,
    scenario: Scenario | None = None,
    signs: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Scores (options x criteria, in [0, 1]) minus the neutral base, signed by direction
    (`signs`, default all +1) and scaled by a scenario's criterion multipliers."""
    net = scores - neutral_base
    if signs is not None:
        net = net * pd.Series(signs, dtype=float).reindex(net.columns).fillna(1.0)
    if scenario is not None and scenario.criteria:
        factors = pd.Series({c: scenario.criteria.get(c, 1.0) for c in net.columns})
        net = net * factors
    return net


def catalogue_net(cat: Catalogue, scores: pd.DataFrame, scenario: Scenario | None = None) -> pd.DataFrame:
    """Net matrix of a project in catalogue order; cells without a score count as the neutral base."""
    base = cat.frame.neutral_base
    table = scores.reindex(index=cat.option_ids, columns=cat.criterion_ids).fillna(base)
    return net_matrix(table, base, scenario, direction_signs(cat))


def option_values(
    scores: pd.DataFrame,
    weights: Mapping[str, float],
    neutral_base: float,
    scenario: Scenario | None = None,
    signs: Mapping[str, float] | None = None,
) -> pd.Series:
    """Weighted net value of each option: sum over criteria of weight x (score - neutral base),
    signed by criterion direction (`signs`).

    >>> s = pd.DataFrame({"a": [0.8, 0.5], "b": [0.4, 0.5]}, index=["x", "y"])
    >>> option_values(s, {"a": 0.5, "b": 0.5}, 0.5).round(3).to_dict()
    {'x': 0.1, 'y': 0.0}
    """
    w = pd.Series(weights, dtype=float).reindex(scores.columns).fillna(0.0).to_numpy()
    net = net_matrix(scores, neutral_base, scenario, signs)
    # The product as `ValueModel.values` computes it, so every stage agrees to the last bit.
    return pd.Series(net.to_numpy(dtype=float) @ w, index=net.index, name="value")


class ValueModel:
    """Option values of every value column as a linear function of the criterion weights.

    Column "base" is net scores @ w; a scenario column is (net scores x its criterion multipliers)
    @ w; other columns (capital profiles, which carry their own weights) stay as in the problem.
    """

    def __init__(self, net: pd.DataFrame, factors: Mapping[str, Mapping[str, float]] | None = None):
        self.net = net
        self.factors = {"base": np.ones(net.shape[1])}
        for sid, mult in (factors or {}).items():
            self.factors[sid] = np.array([float(mult.get(c, 1.0)) for c in net.columns])
        self.columns = {k: net.to_numpy(dtype=float) * f for k, f in self.factors.items()}
        self.neutral, self.signs = 0.0, np.ones(net.shape[1])

    @classmethod
    def of(cls, cat: Catalogue, scores: pd.DataFrame) -> ValueModel:
        """From criterion scores (options x criteria): net of the neutral base, scenario multipliers."""
        model = cls(catalogue_net(cat, scores), {s.id: s.criteria for s in cat.frame.scenarios})
        model.neutral = cat.frame.neutral_base
        model.signs = direction_signs(cat).reindex(model.net.columns).to_numpy(dtype=float)
        return model

    def column_of(self, scores: np.ndarray, w: np.ndarray, column: str) -> np.ndarray:
        """One value column for other criterion scores (options x criteria, this model's order).

        The same arithmetic as `of` then `values`, on bare arrays: the analyses that move one
        argument at a time call it thousands of times.
        """
        return (self.net_of(scores) * self.factors[column]) @ w

    def net_of(self, scores: np.ndarray) -> np.ndarray:
        """Net values of other criterion scores (criteria on the last axis, this model's order):
        the neutral base taken off and directions applied, as `catalogue_net` does to a table.
        Works on a stack of score tables at once (SMAA draws thousands)."""
        return (np.where(np.isnan(scores), self.neutral, scores) - self.neutral) * self.signs

    def vector(self, weights: Mapping[str, float]) -> np.ndarray:
        """Weights by criterion id as a vector in this model's criterion order (missing: 0)."""
        return np.array([float(weights.get(c, 0.0)) for c in self.net.columns])

    def values(self, w: Sequence[float] | np.ndarray) -> pd.DataFrame:
        """Every column's option values under weights `w` (in the net matrix's criterion order)."""
        w = np.asarray(w, dtype=float)
        return pd.DataFrame({k: m @ w for k, m in self.columns.items()}, index=self.net.index)
