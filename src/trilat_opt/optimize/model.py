"""The 0/1 portfolio programme in PuLP: build once, solve with any values, break ties, export.

Variables: one binary per option, named after its id (`var_name`), one continuous pair variable
per synergy pinned to the product x_i x_j (y <= x_i, y <= x_j, y >= x_i + x_j - 1), and for the
max-min and min-max objectives one level variable. The rules come from `rules.rules_of`.

Ties break deterministically when optimality is proven with gap 0 (a portfolio within a gap is
one of many anyway): among portfolios whose objective is within `TIE_TOL` (relative) of the
optimum, the lowest total cost (sum over budgets of the share used), then the one that selects the
first option, in id order, on which the tied portfolios differ. Each step is an extra solve over
the tie set, and a first solve checks whether any other optimal portfolio exists, so a unique
optimum costs one extra solve. That check asks for the best portfolio other than the optimum (the
objective's own model with one more row) and compares its objective: the same answer as asking
for any other portfolio within the tie region, in a third of the time (the tie region's row makes
the solver's relaxations degenerate: 81 against 26 ms a check in HiGHS on the shipped catalogue).
A solve over the tie set is about as hard as proving optimality again, so this is done for up to
`TIE_BREAK_MAX` options (catalogue-sized problems, where solves take milliseconds); beyond that
the solver's optimum stands (still the same for the same input).

`time_limit` is the wall-clock budget of the whole optimisation, shared by its solves.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pulp

from ..errors import InputError, SolverError
from ..output import atomic_write
from .diagnose import diagnose
from .objectives import Linear, consensus_scale, objective_of, outcomes, pair_index
from .problem import Problem, var_name
from .result import CONSTRAINT_COLUMNS, EXPOSURE_COLUMNS, OUTCOME_COLUMNS, PortfolioResult
from .rules import TABLE_KINDS, country_exposure, lp_names, rules_of
from .solve import Outcome, check_settings, run

__all__ = ["TIE_BREAK_MAX", "TIE_TOL", "OwnBest", "PortfolioModel", "export_model", "exposure_table", "optimize"]

OwnBest = tuple[Outcome, float | None]
"""A case's own optimum: the solver's outcome and the case's value at it (None without a solution)."""

TIE_TOL = 1e-7
TIE_BREAK_MAX = 60
_LEX_BLOCK = 20


class _Clock:
    def __init__(self, limit: float | None):
        self.limit, self.start = limit, time.perf_counter()

    def left(self, solves: int = 1) -> float | None:
        """Time for the next solve when `solves` (including it) still have to share the rest."""
        if self.limit is None:
            return None
        return max(self.limit - (time.perf_counter() - self.start), 0.0) / max(solves, 1)


class PortfolioModel:
    """A portfolio programme built once and solved many times with new option values.

    Three options and one budget of 5: a (value 3, cost 3), b (2, 3) and c (1, 2); {a, c} is best.

    >>> from trilat_opt.optimize import make_problem
    >>> tiny = make_problem(["a", "b", "c"], [3.0, 2.0, 1.0], costs={"money": [3, 3, 2]}, limits={"money": 5})
    >>> PortfolioModel(tiny).solve().selected
    ('a', 'c')
    """

    def __init__(
        self,
        problem: Problem,
        objective: str = "value",
        solver: str = "cbc",
        gap: float = 0.0,
        time_limit: float | None = None,
    ):
        self.goal = objective_of(objective)
        check_settings(solver, gap, time_limit)
        self.problem, self.objective, self.solver = problem, objective, solver
        self.gap, self.time_limit = gap, time_limit
        self.rules = rules_of(problem)
        self._pairs = pair_index(problem)
        self._build()
        self._main_lp: pulp.LpProblem | None = None

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        p = self.problem
        scratch = pulp.LpProblem("portfolio", pulp.LpMaximize)
        self._x = [scratch.add_variable(var_name(o), cat=pulp.LpBinary) for o in p.options]
        i, j, _ = self._pairs
        self._y = [scratch.add_variable(f"both_{k}", 0, 1) for k in range(len(i))]
        self._level = scratch.add_variable("objective_level")
        base: list[tuple[str, pulp.LpConstraint]] = []
        for k, (a, b) in enumerate(zip(i, j, strict=True)):
            y, xa, xb = self._y[k], self._x[a], self._x[b]
            base += [(f"pair_{k}_a", y <= xa), (f"pair_{k}_b", y <= xb), (f"pair_{k}_both", y >= xa + xb - 1)]
        for name, rule in zip(lp_names([r.name for r in self.rules]), self.rules, strict=True):
            expr = self._dot(rule.coef)
            base.append((name, expr <= rule.rhs if rule.sense == "<=" else expr >= rule.rhs))
        self._base = base

    def _dot(self, a: np.ndarray, b: np.ndarray | None = None) -> pulp.LpAffineExpression:
        terms = [(self._x[k], float(a[k])) for k in np.flatnonzero(a)]
        if b is not None:
            terms += [(self._y[k], float(b[k])) for k in np.flatnonzero(b)]
        return pulp.LpAffineExpression(terms)

    def _lp(self, objective: pulp.LpAffineExpression, maximise: bool, extra=()) -> pulp.LpProblem:
        lp = pulp.LpProblem("portfolio", pulp.LpMaximize if maximise else pulp.LpMinimize)
        for name, c in [*self._base, *extra]:
            lp.addConstraint(c, name)
        full = pulp.LpAffineExpression([(v, 0.0) for v in self._x])  # every option appears, even unused
        full.addInPlace(objective)
        lp.setObjective(full)
        return lp

    def _main(
        self, terms: dict[str, Linear], refs: dict[str, float], scales: dict[str, float], rows=()
    ) -> pulp.LpProblem:
        """The model of the objective itself (what `export` writes), with `rows` added."""
        goal = self.goal
        if goal.linear:
            (f,) = terms.values()
            return self._lp(self._dot(f.a, f.b), True, rows)
        t, extra = self._level, list(rows)
        for name, (k, f) in zip(lp_names(list(terms), "level_"), terms.items(), strict=True):
            expr = self._dot(f.a, f.b)
            if goal.combine == "worst":  # t <= every outcome
                extra.append((name, expr - t >= 0))
            elif goal.combine == "regret":  # t >= every shortfall
                extra.append((name, expr + t >= refs[k]))
            else:  # t <= every satisfaction
                extra.append((name, expr * (1.0 / scales[k]) - t >= refs[k] / scales[k] - 1.0))
        return self._lp(pulp.LpAffineExpression([(t, 1.0)]), goal.maximise, extra)

    # ------------------------------------------------------------------ solving

    def solve(
        self, values: pd.Series | pd.DataFrame | None = None, bests: Mapping[str, OwnBest] | None = None
    ) -> PortfolioResult:
        """Solve with the problem's values, or with new ones.

        `values`: a Series of option values replaces the problem's value column (enough for the
        `value` and `expected` objectives); a DataFrame replaces the columns it holds (robust and
        regret read one column per scenario, consensus one per profile).

        `bests`: each case's `own_best`, solved beforehand (for regret and consensus, whose cases'
        own optima are independent solves: the report runs them side by side); by default they
        are solved here, one after another.
        """
        start, clock = time.perf_counter(), _Clock(self.time_limit)
        table = self._values(values)
        terms = outcomes(self.problem, self.objective, table)
        refs, scales, proven = {}, {}, True
        if self.goal.needs_own_best:
            for n, (k, f) in enumerate(terms.items()):
                out, ref = bests[k] if bests is not None else self._own_best(f, clock.left(len(terms) + 1 - n))
                if not out.has_solution or ref is None:
                    return self._unsolved(out, table, start)
                refs[k], proven = ref, proven and out.proven
                scales[k] = consensus_scale(refs[k], f)
        lp = self._main(terms, refs, scales)
        self._main_lp = lp
        out = run(lp, self.solver, self.gap, clock.left())
        if not out.has_solution:
            return self._unsolved(out, table, start)
        x = self._solution()
        if out.proven and self.gap == 0 and len(x) <= TIE_BREAK_MAX:
            x = self._break_ties(x, terms, refs, scales, clock)
        return self._result(x, out, proven and out.proven, table, terms, refs, scales, start)

    def own_best(self, case: str, values: pd.Series | pd.DataFrame | None = None) -> OwnBest:
        """One case's own optimum (a scenario for regret, a profile for consensus): the solver's
        outcome and the case's value there (None when no portfolio was found), for `solve(bests=...)`."""
        if not self.goal.needs_own_best:
            raise InputError(f"objective {self.objective}: its cases have no own optimum to solve")
        terms = outcomes(self.problem, self.objective, self._values(values))
        if case not in terms:
            raise InputError(f"objective {self.objective}: no case {case!r} (cases: {', '.join(terms)})")
        return self._own_best(terms[case], self.time_limit)

    def _own_best(self, f: Linear, time_limit: float | None) -> OwnBest:
        out = run(self._lp(self._dot(f.a, f.b), True), self.solver, self.gap, time_limit)
        return out, (f.at(self._solution(), self._pairs[:2]) if out.has_solution else None)

    def _values(self, values: pd.Series | pd.DataFrame | None) -> pd.DataFrame:
        p, table = self.problem, self.problem.values
        if values is None:
            return table
        table = table.copy()
        if isinstance(values, pd.Series):
            if not self.goal.linear:
                raise InputError(
                    f"objective {self.objective}: pass a DataFrame of values with one column per scenario or profile"
                )
            table[p.value_column] = values.reindex(list(p.options)).astype(float).to_numpy()
            return table
        for col in values.columns:
            table[col] = values[col].reindex(list(p.options)).astype(float).to_numpy()
        if table.isna().any().any():
            raise InputError("values: every option needs a value in every column used")
        return table

    def _solution(self) -> np.ndarray:
        return np.array([1.0 if (v.varValue or 0.0) > 0.5 else 0.0 for v in self._x])

    # ------------------------------------------------------------------ ties

    def _tie_region(self, x, terms, refs, scales) -> list[tuple[str, pulp.LpConstraint]]:
        """Constraints keeping the objective within TIE_TOL of its value at `x`."""
        at = {k: f.at(x, self._pairs[:2]) for k, f in terms.items()}
        best = self.goal.score(at, refs, scales)
        tol = TIE_TOL * max(1.0, abs(best))
        out = []
        for n, (k, f) in enumerate(terms.items()):
            if self.goal.combine == "regret":  # shortfall at most best (+ tol)
                low = refs[k] - best - tol
            elif self.goal.combine == "satisfaction":  # satisfaction at least best (- tol)
                low = refs[k] - scales[k] * (1.0 - best + tol)
            else:  # the outcome (or each, for the worst) at least best (- tol)
                low = best - tol
            out.append((f"tie_{n}", self._dot(f.a, f.b) >= low))
        return out

    def _break_ties(self, x, terms, refs, scales, clock: _Clock) -> np.ndarray:
        if not self._tied(x, terms, refs, scales, clock):
            return x
        region = self._tie_region(x, terms, refs, scales)
        first = next(iter(terms.values()))
        guide = self._dot(first.a, first.b)  # an objective guides the search (pure feasibility can crawl)
        cost = self._cost_weights()
        if cost.any():
            out = run(self._lp(self._dot(cost), False, region), self.solver, 0.0, clock.left(2))
            if not out.has_solution:
                return x
            x = self._solution()
            c_star = float(cost @ x)
            region = [*region, ("tie_cost", self._dot(cost) <= c_star + TIE_TOL * max(1.0, c_star))]
            if len(x) > _LEX_BLOCK and not self._another(x, region, guide, clock):
                return x
        return self._lexicographic(x, region, clock)

    def _flip(self, x: np.ndarray) -> tuple[str, pulp.LpConstraint]:
        """The row that excludes exactly the portfolio `x` (at least one option changes)."""
        return ("tie_other", self._dot(np.where(x > 0.5, -1.0, 1.0)) >= 1.0 - float(x.sum()))

    def _tied(self, x, terms, refs, scales, clock: _Clock) -> bool:
        """Is another portfolio within TIE_TOL of `x`'s objective? The best other portfolio says.

        Its score is recomputed from its choice, as the tie region measures it, so the solver's
        tolerances do not decide a tie. A runner-up the time limit left unproven counts as no tie,
        as an unsolved check over the tie region did.
        """
        lp = self._main(terms, refs, scales, [self._flip(x)])
        out = run(lp, self.solver, 0.0, clock.left(2))
        if not out.has_solution:
            return False
        y = self._solution()
        best = self.goal.score({k: f.at(x, self._pairs[:2]) for k, f in terms.items()}, refs, scales)
        other = self.goal.score({k: f.at(y, self._pairs[:2]) for k, f in terms.items()}, refs, scales)
        tol = TIE_TOL * max(1.0, abs(best))
        return other >= best - tol if self.goal.maximise else other <= best + tol

    def _another(self, x, region, guide, clock: _Clock) -> bool:
        """Is there another portfolio in the tie region than `x`?"""
        out = run(self._lp(guide, True, [*region, self._flip(x)]), self.solver, 0.0, clock.left(2))
        return out.has_solution

    def _cost_weights(self) -> np.ndarray:
        p = self.problem
        shares = [p.costs[b].to_numpy(dtype=float) / lim for b, lim in p.limits.items() if lim > 0]
        return np.sum(shares, axis=0) if shares else np.zeros(len(p.options))

    def _lexicographic(self, x, region, clock: _Clock) -> np.ndarray:
        """Select the earliest ids possible, in blocks of options whose weights are exact powers of two."""
        order = sorted(range(len(self.problem.options)), key=lambda k: self.problem.options[k])
        fixed: list[tuple[str, pulp.LpConstraint]] = []
        blocks = [order[s : s + _LEX_BLOCK] for s in range(0, len(order), _LEX_BLOCK)]
        for n, block in enumerate(blocks):
            w = np.zeros(len(order))
            w[block] = [2.0 ** (len(block) - 1 - r) for r in range(len(block))]
            out = run(self._lp(self._dot(w), True, [*region, *fixed]), self.solver, 0.0, clock.left(len(blocks) - n))
            if not out.has_solution:
                return x
            x = self._solution()
            fixed += [(f"tie_fix_{k}", self._x[k] == x[k]) for k in block]
        return x

    # ------------------------------------------------------------------ results

    def _result(self, x, out: Outcome, proven, table, terms, refs, scales, start) -> PortfolioResult:
        p = self.problem
        at = {k: f.at(x, self._pairs[:2]) for k, f in terms.items()}
        rows = [
            {"name": r.name, "kind": r.kind, "sense": r.sense, "used": r.lhs(x), "limit": r.rhs, "slack": r.slack(x)}
            for r in self.rules
            if r.kind in TABLE_KINDS
        ]
        return PortfolioResult(
            status="optimal" if proven else "feasible",
            proven_optimal=proven,
            gap=out.gap,
            objective=self.objective,
            objective_value=self.goal.score(at, refs, scales),
            selected=tuple(o for o, v in zip(p.options, x, strict=True) if v > 0.5),
            values=table[p.value_column].rename("value"),
            outcomes=outcome_table(self.goal.name, at, refs, scales),
            constraints=pd.DataFrame(rows, columns=CONSTRAINT_COLUMNS),
            exposure=exposure_table(p, x),
            total_cost=float(self._cost_weights() @ x),
            diagnosis=None,
            solver=self.solver,
            seconds=time.perf_counter() - start,
        )

    def _unsolved(self, out: Outcome, table: pd.DataFrame, start: float) -> PortfolioResult:
        p = self.problem
        diagnosis = diagnose(p, self.rules, self.solver, self.time_limit) if out.status == "infeasible" else None
        if diagnosis is not None and diagnosis.proven and not diagnosis.relaxations:
            # The elastic model, which has no objective, found a portfolio that breaks no rule:
            # the solver's "infeasible" came from the objective's numbers, and saying "no
            # portfolio satisfies the rules" would be false.
            raise SolverError(
                f"{self.solver} reported the portfolio model infeasible, but a portfolio satisfies every rule; "
                "the objective's numbers defeated the solver. Try the other --solver, and please report this"
            )
        return PortfolioResult(
            status=out.status,
            proven_optimal=False,
            gap=None,
            objective=self.objective,
            objective_value=None,
            selected=(),
            values=table[p.value_column].rename("value"),
            outcomes=pd.DataFrame(columns=OUTCOME_COLUMNS),
            constraints=pd.DataFrame(columns=CONSTRAINT_COLUMNS),
            exposure=pd.DataFrame(columns=EXPOSURE_COLUMNS),
            total_cost=None,
            diagnosis=diagnosis,
            solver=self.solver,
            seconds=time.perf_counter() - start,
        )

    # ------------------------------------------------------------------ export

    def export(self, path: str | os.PathLike[str]) -> Path:
        """Write the model of the objective as last solved (.lp or .mps), atomically.

        For `regret` and `consensus` the model holds each scenario's or profile's own optimum as a
        constant, so those are solved first if `solve` has not run yet.
        """
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix not in (".lp", ".mps"):
            raise InputError(f"--export-model {target}: the file name must end in .lp or .mps")
        if self._main_lp is None:
            if self.goal.needs_own_best:
                self.solve()
            else:
                self._main_lp = self._main(outcomes(self.problem, self.objective, self.problem.values), {}, {})
        with tempfile.TemporaryDirectory(prefix="trilat-export-") as tmp:
            scratch = Path(tmp) / f"model{suffix}"
            if suffix == ".lp":
                self._main_lp.writeLP(str(scratch))
            else:
                self._main_lp.writeMPS(str(scratch), with_objsense=True)
            return atomic_write(target, scratch.read_bytes())


def outcome_table(objective: str, at: dict, refs: dict, scales: dict) -> pd.DataFrame:
    """Each case's value, its own best (regret, consensus) and its term of the objective."""
    goal, rows = objective_of(objective), []
    for k, v in at.items():
        best = refs.get(k, float("nan"))
        rows.append({"case": k, "value": v, "own_best": best, "score": goal.term(v, best, scales.get(k, 1.0))})
    return pd.DataFrame(rows, columns=OUTCOME_COLUMNS)


def exposure_table(p: Problem, x: np.ndarray) -> pd.DataFrame:
    """Summed exposure of the portfolio by risk, then by country, with caps (NaN: no cap)."""
    rows = [
        {"name": r, "kind": "risk", "used": float(p.exposures[r].to_numpy(dtype=float) @ x), "cap": float(p.caps[r])}
        for r in p.exposures.columns
    ]
    caps = p.rules.country_caps
    rows += [
        {"name": c, "kind": "country", "used": float(v @ x), "cap": float(caps[c]) if c in caps else float("nan")}
        for c, v in country_exposure(p).items()
    ]
    return pd.DataFrame(rows, columns=EXPOSURE_COLUMNS)


def optimize(
    problem: Problem,
    objective: str = "value",
    solver: str = "cbc",
    gap: float = 0.0,
    time_limit: float | None = None,
) -> PortfolioResult:
    """The best portfolio of `problem` under `objective` (see `trilat_opt.optimize.objectives`).

    An infeasible problem is a normal result (status "infeasible" with a diagnosis); only a solver
    failure raises `SolverError`.
    """
    return PortfolioModel(problem, objective, solver, gap, time_limit).solve()


def export_model(problem: Problem, objective: str, path: str | os.PathLike[str], solver: str = "cbc") -> Path:
    """Write the model of `objective` to an .lp or .mps file, one variable per option (`var_name`)."""
    return PortfolioModel(problem, objective, solver).export(path)
