"""Option values from criterion scores: net benefit over the neutral base.

A claim with no evidence sits at the neutral base (`criteria.yaml: neutral_base`). Summing raw
scores would reward options merely for existing, so an option's value on a criterion is its score
minus the neutral base: zero means "no gain", and only options the evidence favours can pay for
their cost and risk. Scenario multipliers scale these net values per criterion.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .model import Scenario

__all__ = ["net_matrix", "option_values"]


def net_matrix(scores: pd.DataFrame, neutral_base: float, scenario: Scenario | None = None) -> pd.DataFrame:
    """Scores (options x criteria, in [0, 1]) minus the neutral base, scaled by a scenario."""
    net = scores - neutral_base
    if scenario is not None and scenario.criteria:
        factors = pd.Series({c: scenario.criteria.get(c, 1.0) for c in net.columns})
        net = net * factors
    return net


def option_values(
    scores: pd.DataFrame,
    weights: Mapping[str, float],
    neutral_base: float,
    scenario: Scenario | None = None,
) -> pd.Series:
    """Weighted net value of each option: sum over criteria of weight x (score - neutral base).

    >>> s = pd.DataFrame({"a": [0.8, 0.5], "b": [0.4, 0.5]}, index=["x", "y"])
    >>> option_values(s, {"a": 0.5, "b": 0.5}, 0.5).round(3).to_dict()
    {'x': 0.1, 'y': 0.0}
    """
    w = pd.Series(weights, dtype=float).reindex(scores.columns).fillna(0.0)
    values = net_matrix(scores, neutral_base, scenario).mul(w, axis=1).sum(axis=1)
    values.name = "value"
    return values
