"""The multi-period 0/1 programme in PuLP: when to start each option.

Variables: start[o, s] in {0, 1} for every option o and period s, and one pair variable per
synergy (as in `optimize`). With x_o = sum_s start[o, s] (1 when o is started in the horizon):

- each option starts at most once: x_o <= 1;
- an option must deliver within the horizon: a start too late for that has no variable, so
  floors (the least number of options, in all and per domain) are met by the horizon's end;
- the rules of `optimize` (every budget's total, risk caps, country caps, cardinality and domain
  rules, exclusions, --include/--exclude) apply to x over the whole horizon, built by the same
  `rules_of`;
- per-period limits pace the spending: sum over (o, s) of start[o, s] x cost_o x share of it spent in period t
  is at most the period's limit; per-period caps on new initiatives per capital;
- o requires r: start[o, t] <= sum of start[r, u] over the u whose delivery is no later than
  period t begins (over u <= t when o may run in `parallel` with r);
- objective: sum of coef[o, s] start[o, s] (`terms.Terms`) plus the synergies of started pairs.

Ties: each start costs `EARLY` x (its period + 1) in the objective, so among plans of equal
value the solver returns the one that starts the fewest options, earliest: a plan never waits
for nothing, and the same inputs give the same plan.
"""

from __future__ import annotations

import numpy as np
import pulp

from ..errors import InputError
from ..optimize.objectives import pair_index
from ..optimize.problem import var_name
from ..optimize.rules import Rule, lp_names, rules_of
from ..optimize.solve import Outcome, check_settings, run
from .problem import RoadmapProblem
from .terms import TIME_TOL, Terms, terms_of

__all__ = ["EARLY", "ROADMAP_OBJECTIVES", "RoadmapModel", "Solution"]

ROADMAP_OBJECTIVES = ("value", "expected")
_ZERO = None
"""Stands for a start that cannot deliver within the horizon (no variable)."""
EARLY = 1e-8
"""Objective cost of each period an option waits (and of starting at all): ties go to the plan
that starts fewest options, earliest. Ten times the solvers' absolute gap (1e-9), so they see
it; a plan's reported value leaves it out, and it can cost at most EARLY x sum of (start + 1)
over the started options (1.7e-6 on the shipped catalogue) against the best plan."""


class Solution:
    """One solve: the outcome and the 0/1 start matrix (n x T), or None without a plan."""

    def __init__(self, outcome: Outcome, starts: np.ndarray | None, objective: float | None):
        self.outcome, self.starts, self.objective = outcome, starts, objective


class RoadmapModel:
    """The programme of one roadmap problem, built once and solved with extra rows as needed."""

    def __init__(
        self,
        rp: RoadmapProblem,
        objective: str = "value",
        solver: str = "cbc",
        gap: float = 0.0,
        time_limit: float | None = None,
    ):
        if objective not in ROADMAP_OBJECTIVES:
            raise InputError(f"--objective {objective!r}: the roadmap offers {', '.join(ROADMAP_OBJECTIVES)}")
        check_settings(solver, gap, time_limit)
        self.rp, self.objective, self.solver, self.gap, self.time_limit = rp, objective, solver, gap, time_limit
        self.terms: Terms = terms_of(rp, objective)
        self.rules = [r for r in rules_of(rp.base) if not _replaced(r, rp)]
        self._build()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        rp, n, T = self.rp, len(self.rp.options), len(self.rp.horizon)
        scratch = pulp.LpProblem("roadmap", pulp.LpMaximize)
        # an option must deliver within the horizon: starts too late to do so have no variable
        ok = self.terms.delivered
        self.s = [
            [scratch.add_variable(f"s{t}_{var_name(o)}", cat=pulp.LpBinary) if ok[k, t] else _ZERO for t in range(T)]
            for k, o in enumerate(rp.options)
        ]
        i, j, _syn = pair_index(rp.base)
        self.y = [scratch.add_variable(f"both_{k}", 0, 1) for k in range(len(i))]
        # x_o, an explicit binary (started at all), gives the solver the static portfolio's
        # structure to branch and cut on; it is the sum of the option's starts
        x = [scratch.add_variable(var_name(o), cat=pulp.LpBinary) for o in rp.options]
        rows: list[tuple[str, pulp.LpConstraint]] = [
            (f"once_{k}", x[k] == self._expr([(k, t, 1.0) for t in range(T)])) for k in range(n)
        ]
        for k, (a, b) in enumerate(zip(i, j, strict=True)):
            rows += [(f"pair_{k}_a", self.y[k] <= x[a]), (f"pair_{k}_b", self.y[k] <= x[b])]
            rows.append((f"pair_{k}_both", self.y[k] >= x[a] + x[b] - 1))
        for name, r in zip(lp_names([r.name for r in self.rules]), self.rules, strict=True):
            expr = pulp.lpSum(float(c) * x[k] for k, c in enumerate(r.coef) if c)
            rows.append((name, expr <= r.rhs if r.sense == "<=" else expr >= r.rhs))
        rows += self._period_rows() + self._requires_rows()
        self.base_rows = rows
        self.x = x
        syn_coef = self.terms.outcome.b
        early = [(k, t, float(self.terms.coef[k, t]) - EARLY * (t + 1)) for k in range(n) for t in range(T)]
        self.objective_expr = pulp.lpSum(
            [
                self._expr(early),
                *(float(syn_coef[k]) * self.y[k] for k in range(len(self.y)) if syn_coef[k]),
            ]
        )

    def _expr(self, terms: list[tuple[int, int, float]]) -> pulp.LpAffineExpression:
        return pulp.LpAffineExpression([(self.s[k][t], c) for k, t, c in terms if c and self.s[k][t] is not _ZERO])

    @property
    def variables(self) -> list[pulp.LpVariable]:
        return [v for row in self.s for v in row if v is not _ZERO]

    def _period_rows(self) -> list[tuple[str, pulp.LpConstraint]]:
        rp, shares = self.rp, self.terms.shares
        n, T = shares.shape[:2]
        rows = []
        for b in rp.limits.columns:
            cost = rp.base.costs[b].to_numpy(dtype=float)
            for t, limit in enumerate(rp.limits[b].to_numpy(dtype=float)):
                if not np.isfinite(limit):
                    continue
                use = cost[:, None] * shares[:, :, t]
                expr = self._expr([(k, s, float(use[k, s])) for k in range(n) for s in range(T) if use[k, s] > 0])
                rows.append((f"period_{t}_{b}", expr <= limit))
        for c in rp.initiatives.columns:
            carriers = [k for k, cs in enumerate(rp.countries) if c in cs]
            for t, cap in enumerate(rp.initiatives[c].to_numpy(dtype=float)):
                if np.isfinite(cap):
                    rows.append((f"period_{t}_new_{c}", self._expr([(k, t, 1.0) for k in carriers]) <= cap))
        return [(name, row) for name, row in zip(lp_names([r[0] for r in rows]), (r[1] for r in rows), strict=True)]

    def _requires_rows(self) -> list[tuple[str, pulp.LpConstraint]]:
        rp, T = self.rp, len(self.rp.horizon)
        idx = {o: k for k, o in enumerate(rp.options)}
        start, delivery = self.terms.start, self.terms.delivery
        rows = []
        for a, b in dict.fromkeys(rp.base.requires):
            ka, kb = idx[a], idx[b]
            parallel = (a, b) in rp.parallel
            for t in range(T):
                ready = [u for u in range(T) if (u <= t if parallel else delivery[kb, u] <= start[ka, t] + TIME_TOL)]
                if self.s[ka][t] is not _ZERO:
                    rows.append((f"req_{ka}_{kb}_{t}", self.s[ka][t] <= self._expr([(kb, u, 1.0) for u in ready])))
        return rows

    # ------------------------------------------------------------------ solving

    def lp(self, extra: list[tuple[str, pulp.LpConstraint]] = (), objective=None, maximise: bool = True):
        prob = pulp.LpProblem("roadmap", pulp.LpMaximize if maximise else pulp.LpMinimize)
        for name, row in [*self.base_rows, *extra]:
            prob.addConstraint(row, name)
        full = pulp.LpAffineExpression([(v, 0.0) for v in [*self.x, *self.variables]])
        full.addInPlace(self.objective_expr if objective is None else objective)
        prob.setObjective(full)
        return prob

    def solve(self, extra: list[tuple[str, pulp.LpConstraint]] = (), time_limit: float | None = None) -> Solution:
        """The best plan (under `extra` rows), as early as possible on ties (`EARLY`); its objective
        is the plan's own value (`value_of`), without the tie-breaking terms."""
        limit = self.time_limit if time_limit is None else time_limit
        out = run(self.lp(extra), self.solver, self.gap, limit)
        if not out.has_solution:
            return Solution(out, None, None)
        starts, value = self._starts(), self.value_of(self._starts())
        return Solution(out, starts, value)

    def _starts(self) -> np.ndarray:
        return np.array([[1.0 if v is not _ZERO and (v.varValue or 0.0) > 0.5 else 0.0 for v in row] for row in self.s])

    def value_of(self, starts: np.ndarray) -> float:
        """The objective of a start matrix, synergies included."""
        i, j, _ = pair_index(self.rp.base)
        x = starts.sum(axis=1)
        b = self.terms.outcome.b
        return float((self.terms.coef * starts).sum() + (b @ (x[i] * x[j]) if len(i) else 0.0))

    def violations(self, starts: np.ndarray, tol: float = 1e-7) -> list[str]:
        """The rules a start matrix breaks (empty: a valid plan), evaluated without the solver."""
        rp, terms = self.rp, self.terms
        out = []
        if (starts.sum(axis=1) > 1 + tol).any() or (starts[~terms.delivered] > tol).any():
            out.append("an option starts twice, or too late to deliver within the horizon")
        x = starts.sum(axis=1)
        out += [r.name for r in self.rules if r.slack(x) < -tol * max(1.0, abs(r.rhs))]
        spend = np.einsum("ks,kst->kt", starts, terms.shares)
        for b in rp.limits.columns:
            used = rp.base.costs[b].to_numpy(dtype=float) @ spend
            limit = rp.limits[b].to_numpy(dtype=float)
            out += [f"{b} in {rp.periods[t]}" for t in np.nonzero(used > limit + tol * np.maximum(1.0, limit))[0]]
        for c in rp.initiatives.columns:
            carriers = np.array([c in cs for cs in rp.countries], dtype=float)
            used = carriers @ starts
            out += [
                f"new initiatives {c} in {rp.periods[t]}"
                for t in np.nonzero(used > rp.initiatives[c].to_numpy() + tol)[0]
            ]
        idx = {o: k for k, o in enumerate(rp.options)}
        for a, b in rp.base.requires:
            for t in np.nonzero(starts[idx[a]] > 0.5)[0]:
                u = np.nonzero(starts[idx[b]] > 0.5)[0]
                ok = len(u) and (
                    u[0] <= t
                    if (a, b) in rp.parallel
                    else terms.delivery[idx[b], u[0]] <= terms.start[idx[a], t] + TIME_TOL
                )
                if not ok:
                    out.append(f"{a} requires {b}")
        return out


def _replaced(rule: Rule, rp: RoadmapProblem) -> bool:
    """Static rules the roadmap replaces with timed ones: requires."""
    return rule.kind == "requires"
