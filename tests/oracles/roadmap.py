"""Brute-force oracle for roadmaps: every start (or none) of every option, enumerated.

Written from the specification (issue 18), not from `trilat_opt.roadmap`: it reads the raw
parameters of a timed instance and computes, itself, each plan's delivery times, survival of the
leadership events, lateness discount, spending per period, caps on new initiatives and requires
in time. The static rules and outcomes (budgets' totals, risk caps, counts, exclusions, values
with risk survival and synergies) come from the optimizer's own brute-force oracle, which is just
as independent of the optimizer.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from oracles.portfolio import FEAS, Instance, feasible, outcome, survival
from trilat_opt.horizon import Horizon
from trilat_opt.roadmap import EventSpec, make_roadmap


@dataclass
class Timed:
    """A static instance plus time: T periods of L months, lead times, countries, durability."""

    inst: Instance
    T: int
    L: int
    lead: list[float]
    countries: list[list[str]]
    durability: list[float]
    profiles: list[list[float] | None] = field(default_factory=list)
    parallel: list[tuple[str, str]] = field(default_factory=list)
    limits: dict[str, list[float]] = field(default_factory=dict)
    initiatives: dict[str, list[float]] = field(default_factory=dict)
    events: list[tuple[float, str, float]] = field(default_factory=list)  # (months, country, reversal)
    discount: float = 0.0

    def roadmap(self):
        return make_roadmap(
            self.inst.problem(),
            Horizon(2026, 1, self.L, self.T),
            self.lead,
            countries=self.countries,
            durability=self.durability,
            profiles=self.profiles or None,
            parallel=self.parallel,
            limits=self.limits,
            initiatives=self.initiatives,
            events=[EventSpec(f"e{k}", f"E{k}", m, c, p) for k, (m, c, p) in enumerate(self.events)],
            discount=self.discount,
        )


def shares(tm: Timed, i: int, s: int) -> list[float]:
    """Share of option i's costs falling in each period when it starts in period s."""
    out = [0.0] * tm.T
    lead = tm.lead[i]
    if lead == 0:
        out[s] = 1.0
        return out
    parts = (tm.profiles[i] if tm.profiles and tm.profiles[i] else None) or [1.0]
    piece = lead / len(parts)
    for k, w in enumerate(parts):
        a = s * tm.L + k * piece
        b = a + piece
        for t in range(tm.T):
            lo, hi = max(a, t * tm.L), min(b, (t + 1) * tm.L)
            if hi > lo:
                out[t] += w * (hi - lo) / piece
    return out


def plan_factor(tm: Timed, i: int, s: int, expected: bool) -> float:
    """Lateness discount, times the survival of the events the option is under way at (expected)."""
    begin, end = s * tm.L, s * tm.L + tm.lead[i]
    factor = (1.0 - tm.discount) ** (end / 12.0)
    if expected:
        for months, country, p in tm.events:
            if country in tm.countries[i] and begin <= months < end:
                factor *= 1.0 - p * (1.0 - tm.durability[i])
    return factor


def valid(tm: Timed, plan: tuple[int, ...], table: dict | None = None) -> bool:
    """The timed rules: deliveries within the horizon, per-period limits, caps, requires in time.
    `table` caches `shares` by (option, start)."""
    table = {} if table is None else table
    opts = tm.inst.options
    pos = {o: k for k, o in enumerate(opts)}
    for i, s in enumerate(plan):
        if s >= 0 and s * tm.L + tm.lead[i] > tm.T * tm.L + 1e-9:
            return False
    for b, per in tm.limits.items():
        use = [0.0] * tm.T
        for i, s in enumerate(plan):
            if s >= 0:
                if (i, s) not in table:
                    table[i, s] = shares(tm, i, s)
                for t, w in enumerate(table[i, s]):
                    use[t] += w * tm.inst.costs[b][i]
        if any(u > lim + FEAS for u, lim in zip(use, per, strict=True)):
            return False
    for c, per in tm.initiatives.items():
        for t in range(tm.T):
            if sum(1 for i, s in enumerate(plan) if s == t and c in tm.countries[i]) > per[t]:
                return False
    for a, b in tm.inst.requires:
        sa, sb = plan[pos[a]], plan[pos[b]]
        if sa < 0:
            continue
        if sb < 0:
            return False
        if (a, b) in tm.parallel:
            if sb > sa:
                return False
        elif sb * tm.L + tm.lead[pos[b]] > sa * tm.L + 1e-9:
            return False
    return True


def brute_force(tm: Timed, objective: str) -> tuple[float, tuple[int, ...]] | None:
    """The best objective and one best plan (start period per option, -1 = not started)."""
    n = len(tm.inst.options)
    plans = list(itertools.product(range(-1, tm.T), repeat=n))
    X = np.array([[1.0 if s >= 0 else 0.0 for s in p] for p in plans])
    ok = feasible(tm.inst, X)
    expected = objective == "expected"
    vals, mult = tm.inst.scenarios[tm.inst.scenario] if tm.inst.scenario else (tm.inst.values, {})
    q = survival(tm.inst, mult) if expected else np.ones(n)
    syn = outcome(tm.inst, X, [0.0] * n, q if expected else None)  # synergies alone
    best, table = None, {}
    for k, p in enumerate(plans):
        if not ok[k] or not valid(tm, p, table):
            continue
        total = syn[k] + sum(vals[i] * q[i] * plan_factor(tm, i, s, expected) for i, s in enumerate(p) if s >= 0)
        if best is None or total > best[0] + 1e-12:
            best = (float(total), p)
    return best
