"""Rank-order centroid weights (Barron and Barrett 1996), and the same ranking as orderings.

An analyst who can only say "deterrence matters more than resilience, which matters more than
speed" has said that the weights lie in the region w_1 >= w_2 >= ... >= w_n of the simplex.
Rank-order centroid (ROC) weights are the centre of mass of that region: the mean of its
vertices (1, 0, ..., 0), (1/2, 1/2, 0, ...), ..., (1/n, ..., 1/n). Criteria ranked equal share
the mean of the weights of the places they hold.

The same ranking can instead go to SMAA as orderings (`weight_order` in criteria.yaml), which
samples every weight vector consistent with it rather than its centre: no numbers needed at all.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

__all__ = ["order_pairs", "roc_weights"]

Order = Sequence[Sequence[str]]
"""A ranking, most important first; each place holds one criterion or several ranked equal."""


def _centroid(n: int) -> np.ndarray:
    """The mean of the n vertices of {w_1 >= ... >= w_n >= 0, sum w = 1}: vertex k puts 1/k on the first k."""
    vertices = np.tril(np.ones((n, n))) / np.arange(1, n + 1)[:, None]
    return vertices.mean(axis=0)


def roc_weights(order: Order) -> dict[str, float]:
    """ROC weights of a ranking (most important first), in the ranking's order.

    >>> {k: round(v, 4) for k, v in roc_weights([["a"], ["b"], ["c"]]).items()}
    {'a': 0.6111, 'b': 0.2778, 'c': 0.1111}
    >>> {k: round(v, 4) for k, v in roc_weights([["a"], ["b", "c"]]).items()}
    {'a': 0.6111, 'b': 0.1944, 'c': 0.1944}
    """
    n = sum(len(place) for place in order)
    w = _centroid(n)
    out: dict[str, float] = {}
    at = 0
    for place in order:
        shared = float(w[at : at + len(place)].mean())
        out.update(dict.fromkeys(place, shared))
        at += len(place)
    return out


def order_pairs(order: Order) -> tuple[tuple[str, str], ...]:
    """The ranking as `weight_order` pairs [a, b] meaning weight(a) >= weight(b): each criterion over
    every criterion of the next place (the rest follow by transitivity). Criteria ranked equal get
    no pair between them, since SMAA cannot sample a region of zero volume.

    >>> order_pairs([["a"], ["b", "c"], ["d"]])
    (('a', 'b'), ('a', 'c'), ('b', 'd'), ('c', 'd'))
    """
    return tuple((a, b) for upper, lower in itertools.pairwise(order) for a in upper for b in lower)
