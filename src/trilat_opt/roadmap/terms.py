"""Every term of the roadmap programme, precomputed per (option, start period).

Because an option starts at most once, anything that depends on *when* it starts (when it
delivers, which leadership events catch it under way, how much of its value survives them, how
much of each budget it spends in each period) is a constant of the pair (option, start) and
multiplies the 0/1 variable start[o, s]. The programme stays linear, and the brute-force oracle
of the tests evaluates the very same arrays.

Timing. An option started in period s starts on the period's first day, at s x L months (L the
period length), and delivers `lead` months later. It is *under way* at an event at time e when
start <= e < delivery; an option of lead time 0 is never under way. Its costs are spread evenly
over [start, delivery] (or by its `cost_profile`, shares of equal parts of that span), each period
taking the share that falls in it; an option of lead time 0 spends everything in its start
period. A start is allowed only where the option delivers within the horizon (`delivered`), so
all of its spending falls inside the horizon.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..optimize.objectives import Linear, objective_of, outcomes
from .problem import RoadmapProblem

__all__ = ["TIME_TOL", "Terms", "spend_shares", "terms_of"]

TIME_TOL = 1e-9
"""Months within which two times count as equal (delivery on the day of an event is before it)."""


@dataclass(frozen=True, eq=False)
class Terms:
    """Arrays over (option, start period), n x T, and the objective's static outcome.

    - start, delivery: months from the horizon's start.
    - survival: chance of surviving every leadership event the option is under way at.
    - late: the lateness discount, (1 - discount) ** (delivery in years).
    - factor: what multiplies the option's static coefficient: survival (objective expected)
      times the lateness discount.
    - coef: the objective coefficient of start[o, s]: static coefficient x factor.
    - at_risk: events x n x T, True where the option started in s is under way at the event.
    - delivered: True where the option delivers by the end of the horizon.
    - shares: n x T x T, the share of the option's costs spent in each period (last axis).
    - outcome: the static objective (value, or value x political-risk survival) with synergies.
    """

    start: np.ndarray
    delivery: np.ndarray
    survival: np.ndarray
    late: np.ndarray
    factor: np.ndarray
    coef: np.ndarray
    at_risk: np.ndarray
    delivered: np.ndarray
    shares: np.ndarray
    outcome: Linear


def terms_of(rp: RoadmapProblem, objective: str = "value") -> Terms:
    """The terms of `rp` under `objective` ("value" or "expected")."""
    p, h = rp.base, rp.horizon
    n, T = len(p.options), len(h)
    start = np.broadcast_to(np.arange(T, dtype=float) * h.length, (n, T)).copy()
    delivery = start + rp.lead[:, None]
    at_risk = np.zeros((len(rp.events), n, T), dtype=bool)
    survival = np.ones((n, T))
    for k, e in enumerate(rp.events):
        hit = np.array([e.country in cs for cs in rp.countries])[:, None]
        under_way = (start <= e.months + TIME_TOL) & (e.months < delivery - TIME_TOL)
        at_risk[k] = hit & under_way
        survival *= np.where(at_risk[k], 1.0 - e.reversal * (1.0 - rp.durability)[:, None], 1.0)
    late = (1.0 - rp.discount) ** (delivery / 12.0) if rp.discount > 0 else np.ones((n, T))
    factor = late * (survival if objective_of(objective).survival else 1.0)
    outcome = next(iter(outcomes(p, objective, p.values).values()))
    return Terms(
        start=start,
        delivery=delivery,
        survival=survival,
        late=late,
        factor=factor,
        coef=outcome.a[:, None] * factor,
        at_risk=at_risk,
        delivered=delivery <= h.months + TIME_TOL,
        shares=spend_shares(rp),
        outcome=outcome,
    )


def spend_shares(rp: RoadmapProblem) -> np.ndarray:
    """n x T (start) x T (period): the share of each option's costs spent in each period."""
    h = rp.horizon
    n, T, L = len(rp.options), len(h), float(h.length)
    out = np.zeros((n, T, T))
    edges = np.arange(T + 1) * L
    for i in range(n):
        lead = float(rp.lead[i])
        parts = rp.profile(i) or (1.0,)
        for s in range(T):
            t0 = s * L
            if lead <= TIME_TOL:
                out[i, s, s] = 1.0
                continue
            width = lead / len(parts)
            for k, share in enumerate(parts):
                a, b = t0 + k * width, t0 + (k + 1) * width
                overlap = np.clip(np.minimum(edges[1:], b) - np.maximum(edges[:-1], a), 0.0, None)
                out[i, s] += share * overlap / width
    return out
