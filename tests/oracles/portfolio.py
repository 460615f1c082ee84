"""Brute-force oracle: enumerate every 0/1 portfolio of a small instance and pick the best.

Written from the specification (issue 6), not from the optimizer's code: it reads the instance's
raw parameters (values, costs, exposures, likelihoods, multipliers), computes survival chances and
objectives itself, and applies the tie rule (objective within 1e-7 relative, then lowest total
budget share within 1e-7, then the portfolio selecting the first option in id order on which the
tied portfolios differ).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from trilat_opt.model import DomainRule, Rules
from trilat_opt.optimize import make_problem

TOL = 1e-7
FEAS = 1e-9


@dataclass
class Instance:
    """Raw parameters of a random portfolio instance (arrays aligned with `options`)."""

    options: list[str]
    values: list[float]
    domains: list[str]
    costs: dict[str, list[float]] = field(default_factory=dict)
    limits: dict[str, float] = field(default_factory=dict)
    exposures: dict[str, list[float]] = field(default_factory=dict)
    caps: dict[str, float] = field(default_factory=dict)
    countries: dict[str, list[str]] = field(default_factory=dict)
    likelihoods: dict[str, float] = field(default_factory=dict)
    scenarios: dict[str, tuple[list[float], dict[str, float]]] = field(default_factory=dict)
    profiles: dict[str, list[float]] = field(default_factory=dict)
    requires: list[tuple[str, str]] = field(default_factory=list)
    excludes: list[tuple[str, str]] = field(default_factory=list)
    synergies: list[tuple[str, str, float]] = field(default_factory=list)
    min_options: int = 0
    max_options: int | None = None
    domain_rules: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    country_caps: dict[str, float] = field(default_factory=dict)
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    scenario: str | None = None

    def problem(self):
        rules = Rules(
            min_options=self.min_options,
            max_options=self.max_options,
            domains={d: DomainRule(min=lo, max=hi) for d, (lo, hi) in self.domain_rules.items()},
            country_caps=self.country_caps,
        )
        return make_problem(
            self.options,
            self.values,
            domains=self.domains,
            costs=self.costs,
            limits=self.limits,
            exposures=self.exposures,
            caps=self.caps,
            risk_countries=self.countries,
            likelihoods=self.likelihoods,
            scenarios=self.scenarios,
            profiles=self.profiles,
            requires=self.requires,
            excludes=self.excludes,
            synergies=self.synergies,
            rules=rules,
            scenario=self.scenario,
            include=self.include,
            exclude=self.exclude,
        )


def all_portfolios(n: int) -> np.ndarray:
    masks = np.arange(2**n, dtype=np.int64)
    return ((masks[:, None] >> np.arange(n)) & 1).astype(float)


def feasible(inst: Instance, X: np.ndarray) -> np.ndarray:
    pos = {o: k for k, o in enumerate(inst.options)}
    ok = np.ones(len(X), dtype=bool)
    for b, c in inst.costs.items():
        ok &= X @ np.array(c) <= inst.limits[b] + FEAS
    for r, e in inst.exposures.items():
        if r in inst.caps:
            ok &= X @ np.array(e) <= inst.caps[r] + FEAS
    for c, cap in inst.country_caps.items():
        total = sum(
            (np.array(e) for r, e in inst.exposures.items() if c in inst.countries.get(r, [])),
            np.zeros(len(inst.options)),
        )
        ok &= X @ total <= cap + FEAS
    count = X.sum(axis=1)
    ok &= count >= inst.min_options
    if inst.max_options is not None:
        ok &= count <= inst.max_options
    for d, (lo, hi) in inst.domain_rules.items():
        member = np.array([dd == d for dd in inst.domains], dtype=float)
        ok &= X @ member >= lo
        if hi is not None:
            ok &= X @ member <= hi
    for a, b in inst.requires:
        ok &= X[:, pos[a]] <= X[:, pos[b]]
    for a, b in inst.excludes:
        ok &= X[:, pos[a]] + X[:, pos[b]] <= 1
    for a in inst.include:
        ok &= X[:, pos[a]] == 1
    for a in inst.exclude:
        ok &= X[:, pos[a]] == 0
    return ok


def survival(inst: Instance, multipliers: dict[str, float]) -> np.ndarray:
    q = np.ones(len(inst.options))
    for r, e in inst.exposures.items():
        p = min(1.0, inst.likelihoods.get(r, 0.0) * multipliers.get(r, 1.0))
        q *= 1.0 - p * np.array(e)
    return q


def outcome(inst: Instance, X: np.ndarray, values: list[float], q: np.ndarray | None) -> np.ndarray:
    pos = {o: k for k, o in enumerate(inst.options)}
    q = np.ones(len(inst.options)) if q is None else q
    out = X @ (np.array(values) * q)
    for a, b, v in inst.synergies:
        i, j = pos[a], pos[b]
        out = out + v * q[i] * q[j] * X[:, i] * X[:, j]
    return out


def scores(inst: Instance, objective: str, X: np.ndarray, ok: np.ndarray) -> np.ndarray:
    """The objective of every portfolio (meaningful where `ok`); regret is negated, so larger is better."""
    chosen = inst.scenario
    if objective == "value":
        return outcome(inst, X, inst.scenarios[chosen][0] if chosen else inst.values, None)
    if objective == "expected":
        vals, mult = inst.scenarios[chosen] if chosen else (inst.values, {})
        return outcome(inst, X, vals, survival(inst, mult))
    if objective in ("robust", "regret"):
        cases = list(inst.scenarios.values()) or [(inst.values, {})]
        per = np.array([outcome(inst, X, v, survival(inst, m)) for v, m in cases])
        if objective == "robust":
            return per.min(axis=0)
        best = per[:, ok].max(axis=1)
        return -(best[:, None] - per).max(axis=0)
    sats = []
    for vals in inst.profiles.values():
        f = outcome(inst, X, vals, None)
        best = f[ok].max()
        scale = abs(best) if abs(best) > 1e-9 else (max(abs(v) for v in vals) or 1.0)
        if scale <= 1e-12:
            scale = 1.0
        sats.append(1.0 - (best - f) / scale)
    return np.min(sats, axis=0)


def brute_force(inst: Instance, objective: str) -> tuple[tuple[str, ...], float] | None:
    """The best portfolio and its objective (regret as a positive number); None if none is feasible."""
    n = len(inst.options)
    X = all_portfolios(n)
    ok = feasible(inst, X)
    if not ok.any():
        return None
    s = scores(inst, objective, X, ok)
    best = s[ok].max()
    tied = ok & (s >= best - TOL * max(1.0, abs(best)))
    share = np.zeros(n)
    for b, c in inst.costs.items():
        if inst.limits[b] > 0:
            share += np.array(c) / inst.limits[b]
    cost = X @ share
    low = cost[tied].min()
    tied &= cost <= low + TOL * max(1.0, low)
    order = sorted(range(n), key=lambda k: inst.options[k])
    key = sum(X[:, k].astype(np.int64) << (n - 1 - r) for r, k in enumerate(order))
    pick = int(np.flatnonzero(tied)[np.argmax(key[tied])])
    selected = tuple(o for o, v in zip(inst.options, X[pick], strict=True) if v)
    value = float(s[pick])
    return selected, (-value if objective == "regret" else value)


def is_feasible(inst: Instance, selected: tuple[str, ...]) -> bool:
    x = np.array([[1.0 if o in selected else 0.0 for o in inst.options]])
    return bool(feasible(inst, x)[0])
