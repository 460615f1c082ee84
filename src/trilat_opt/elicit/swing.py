"""Swing weights (von Winterfeldt and Edwards 1986): the analyst imagines every criterion at its worst,
ranks the swings from worst to best on each criterion, then rates each swing against the top
one (100). A criterion's weight is its rating over the sum of ratings.

Ranking first matters: it is the question analysts answer reliably, and the ratings must keep
its order (`answers` refuses a rating above that of a swing ranked higher).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

__all__ = ["TOP", "swing_weights"]

TOP = 100.0
"""The rating of the most valued swing, against which the others are rated."""


def swing_weights(ratings: Mapping[str, float]) -> dict[str, float]:
    """Weights from swing ratings (0 to 100, the top swing rated 100).

    >>> swing_weights({"deterrence": 100, "resilience": 60, "speed": 40})
    {'deterrence': 0.5, 'resilience': 0.3, 'speed': 0.2}
    """
    total = math.fsum(ratings.values())
    return {c: r / total for c, r in ratings.items()}
