"""The rules every portfolio must satisfy, as linear rows over the option variables.

One list of `Rule`s feeds three consumers, so they cannot drift apart: the PuLP model (hard
constraints), the elastic model of the infeasibility diagnosis (one slack per rule), and the
result's table of use and slack per budget, risk cap, country cap and count rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .problem import Problem

__all__ = ["TABLE_KINDS", "Rule", "country_exposure", "lp_names", "rules_of"]

TABLE_KINDS = ("budget", "risk", "country", "cardinality", "domain")


@dataclass(frozen=True, eq=False)
class Rule:
    """`coef @ x  (<= | >=)  rhs` over the options' 0/1 variables.

    `kind` is budget, risk, country, cardinality, domain, requires, excludes, include or exclude;
    `ref` the id it is about (budget, risk, country, domain, option or "a>b" pair).
    """

    name: str
    kind: str
    ref: str
    coef: np.ndarray
    sense: str
    rhs: float

    def lhs(self, x: np.ndarray) -> float:
        return float(self.coef @ x)

    def slack(self, x: np.ndarray) -> float:
        """Room left: positive when satisfied with a margin, negative when violated."""
        used = self.lhs(x)
        return self.rhs - used if self.sense == "<=" else used - self.rhs

    @property
    def worst_violation(self) -> float:
        """The largest violation any 0/1 choice could cause: the most a slack ever needs."""
        if self.sense == "<=":
            return float(self.coef[self.coef > 0].sum() - self.rhs)
        return float(self.rhs - self.coef[self.coef < 0].sum())


def country_exposure(p: Problem) -> dict[str, np.ndarray]:
    """Each option's summed exposure to the risks living in each country."""
    countries = sorted({c for cs in p.risk_countries.values() for c in cs} | set(p.rules.country_caps))
    expo = p.exposures
    return {
        c: expo[[r for r in expo.columns if c in p.risk_countries.get(r, ())]].sum(axis=1).to_numpy(dtype=float)
        for c in countries
    }


def rules_of(p: Problem) -> list[Rule]:
    """Every rule of the problem, resource rules first, then counts, then logical rules."""
    n, idx = len(p.options), {o: i for i, o in enumerate(p.options)}
    rules = [
        Rule(f"budget {b}", "budget", b, p.costs[b].to_numpy(dtype=float), "<=", float(p.limits[b]))
        for b in p.limits.index
    ]
    rules += [
        Rule(f"risk {r}", "risk", r, p.exposures[r].to_numpy(dtype=float), "<=", float(cap))
        for r, cap in p.caps.items()
        if np.isfinite(cap)
    ]
    by_country = country_exposure(p)
    rules += [
        Rule(f"country {c}", "country", c, by_country[c], "<=", float(cap)) for c, cap in p.rules.country_caps.items()
    ]
    ones = np.ones(n)
    if p.rules.min_options > 0:
        rules.append(Rule("min options", "cardinality", "min", ones, ">=", p.rules.min_options))
    if p.rules.max_options is not None:
        rules.append(Rule("max options", "cardinality", "max", ones, "<=", p.rules.max_options))
    dom = np.array(p.domains, dtype=object)
    for d, rule in p.rules.domains.items():
        member = (dom == d).astype(float)
        if rule.min > 0:
            rules.append(Rule(f"domain {d} min", "domain", d, member, ">=", rule.min))
        if rule.max is not None:
            rules.append(Rule(f"domain {d} max", "domain", d, member, "<=", rule.max))
    rules += [_pair(f"{a} requires {b}", "requires", idx[a], idx[b], 1.0, -1.0, 0.0, n) for a, b in p.requires]
    rules += [_pair(f"{a} excludes {b}", "excludes", idx[a], idx[b], 1.0, 1.0, 1.0, n) for a, b in p.excludes]
    rules += [Rule(f"include {o}", "include", o, _unit(n, idx[o]), ">=", 1.0) for o in p.include]
    rules += [Rule(f"exclude {o}", "exclude", o, _unit(n, idx[o]), "<=", 0.0) for o in p.exclude]
    return rules


def _unit(n: int, i: int) -> np.ndarray:
    v = np.zeros(n)
    v[i] = 1.0
    return v


def _pair(name: str, kind: str, i: int, j: int, ci: float, cj: float, rhs: float, n: int) -> Rule:
    v = np.zeros(n)
    v[i] += ci
    v[j] += cj
    return Rule(name, kind, name.replace(f" {kind} ", ">"), v, "<=", rhs)


def lp_names(labels: list[str], prefix: str = "") -> list[str]:
    """Solver-safe, unique names for human labels ('budget jp-investment' -> 'budget_jp_investment')."""
    out: list[str] = []
    seen: set[str] = set()
    for label in labels:
        base = prefix + re.sub(r"[^A-Za-z0-9_]", "_", label)
        name, k = base, 2
        while name in seen:
            name, k = f"{base}_{k}", k + 1
        seen.add(name)
        out.append(name)
    return out
