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

from collections.abc import Mapping

import pandas as pd

from .model import Catalogue, Scenario

__all__ = ["catalogue_net", "direction_signs", "net_matrix", "option_values"]


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
    w = pd.Series(weights, dtype=float).reindex(scores.columns).fillna(0.0)
    values = net_matrix(scores, neutral_base, scenario, signs).mul(w, axis=1).sum(axis=1)
    values.name = "value"
    return values
