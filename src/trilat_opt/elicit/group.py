"""A group's weights from several analysts' answers, and how far the analysts are apart.

AHP combines the judgements, not the weights: the geometric mean of each judgement over the
analysts (Aczél and Saaty 1983) is the only mean that keeps the matrix reciprocal, so the
group matrix is itself a set of judgements with its own consistency ratio. Swing and rank-order
weights are averaged. The spread (least and greatest weight any analyst gives, and the standard
deviation) says where the group disagrees, and can bound SMAA's sampling (`bounds_from_spread`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["Spread", "bounds_from_spread", "geometric_mean", "mean_weights", "shared_pairs", "spread"]


@dataclass(frozen=True)
class Spread:
    """How one criterion's weight varies over the analysts."""

    low: float
    high: float
    sd: float
    """Population standard deviation (0 for one analyst)."""


def geometric_mean(matrices: Sequence[np.ndarray]) -> np.ndarray:
    """Element-wise geometric mean of judgement matrices (reciprocal when each of them is).

    >>> geometric_mean([np.array([[1, 4], [1/4, 1]]), np.array([[1, 1], [1, 1]])]).tolist()
    [[1.0, 2.0], [0.5, 1.0]]
    """
    return np.exp(np.mean(np.log(np.stack(matrices)), axis=0))


def mean_weights(weights: Sequence[Mapping[str, float]], criteria: Sequence[str]) -> dict[str, float]:
    """The mean of several weight vectors (each sums to 1, so the mean does too)."""
    return {c: math.fsum(w[c] for w in weights) / len(weights) for c in criteria}


def spread(weights: Sequence[Mapping[str, float]], criteria: Sequence[str]) -> dict[str, Spread]:
    """Least, greatest and standard deviation of each criterion's weight over the analysts."""
    out = {}
    for c in criteria:
        xs = np.array([w[c] for w in weights])
        out[c] = Spread(float(xs.min()), float(xs.max()), float(xs.std()))
    return out


def bounds_from_spread(
    weights: Mapping[str, float], spreads: Mapping[str, Spread], decimals: int = 2
) -> dict[str, tuple[float, float]]:
    """SMAA bounds [low, high] per criterion: the range the analysts span (and the group weight,
    should it lie outside), rounded outward to `decimals`.

    Rounding outward keeps every analyst's weights and the group's inside; and since each
    analyst's weights sum to 1, the lows sum to at most 1 and the highs to at least 1, so the
    bounds always leave weight vectors to sample.

    >>> bounds_from_spread({"a": 0.5, "b": 0.5}, {"a": Spread(0.42, 0.587, 0.1), "b": Spread(0.413, 0.58, 0.1)})
    {'a': (0.42, 0.59), 'b': (0.41, 0.58)}
    """
    scale = 10**decimals
    out = {}
    for c, s in spreads.items():
        low, high = min(s.low, weights[c]), max(s.high, weights[c])
        out[c] = (math.floor(round(low * scale, 9)) / scale, min(math.ceil(round(high * scale, 9)) / scale, 1.0))
    return out


def shared_pairs(pairs: Sequence[Sequence[tuple[str, str]]], criteria: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """The orderings every analyst's ranking implies (by transitivity), reduced to the pairs not
    implied by others, in the order of `criteria` (the group's ranking reads best).

    >>> shared_pairs([[("a", "b"), ("b", "c")], [("a", "c"), ("c", "b")]], ["a", "b", "c"])
    (('a', 'b'), ('a', 'c'))
    """
    closures = [_closure(p, criteria) for p in pairs]
    common = set.intersection(*closures) if closures else set()
    index = {c: k for k, c in enumerate(criteria)}
    kept = [
        (a, b) for a, b in common if not any((a, m) in common and (m, b) in common for m in criteria if m not in (a, b))
    ]
    return tuple(sorted(kept, key=lambda p: (index[p[0]], index[p[1]])))


def _closure(pairs: Sequence[tuple[str, str]], criteria: Sequence[str]) -> set[tuple[str, str]]:
    """Every (a, b) that follows from `pairs` by transitivity."""
    out = set(pairs)
    for m in criteria:  # Floyd-Warshall on the relation
        out |= {(a, b) for a, x in out if x == m for y, b in out if y == m}
    return out
