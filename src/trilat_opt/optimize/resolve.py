"""Re-solve one portfolio problem many times with new option values, as fast as it goes.

The analyses (core index, portfolio stability, argument criticality, frontier) solve the same
programme hundreds of times, changing only the option values. `Resolver` builds it once with
`PortfolioModel`. For the linear objectives (`value`, `expected`) it then exports that model once
and keeps it loaded in HiGHS in-process, changing only the option variables' objective
coefficients between solves (about 10 ms a solve instead of 40-60 ms through PuLP's file
round-trip). Robust, regret and consensus re-solve in HiGHS in-process too, through their case
rows (`cases.py`). A machine without highspy re-solves through `PortfolioModel.solve`. The engine
used is named in `engine`.

The direct path skips `PortfolioModel`'s deterministic tie-breaking; ties between portfolios of
equal objective have probability zero under sampled weights, and `frontier` breaks them itself.
"""

from __future__ import annotations

import math
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import SolverError
from ..guards import NoPortfolio
from .highs import MIP_OPTIONS, highspy_solution, new_highs, run_choice
from .objectives import objective_of

__all__ = ["Resolver"]


class Resolver:
    """One portfolio programme, re-solved with new values; `selected(values)` returns the portfolio."""

    def __init__(self, problem, objective: str = "value", solver: str = "cbc", direct: bool = True):
        from .model import PortfolioModel

        self.problem, self.objective = problem, objective
        self.model = PortfolioModel(problem, objective, solver)
        self._highs = None
        self._known: list[np.ndarray] = []
        self.engine = f"PortfolioModel ({solver})"
        self._cases = None
        if direct and objective_of(objective).linear:
            self._load_direct()
        elif direct:
            self._load_cases()

    def _load_direct(self) -> None:
        try:
            import highspy
        except ImportError:
            return
        from .problem import var_name

        with tempfile.TemporaryDirectory(prefix="trilat-resolve-") as tmp:
            path = Path(tmp) / "model.mps"
            self.model.export(path)
            h = new_highs()
            h.setOptionValue("presolve", "off")
            h.setOptionValue("mip_rel_gap", 0.0)
            h.setOptionValue("mip_abs_gap", 1e-9)
            if h.readModel(str(path)) != highspy.HighsStatus.kOk:
                return
        for option, value in MIP_OPTIONS.items():
            h.setOptionValue(option, value)
        names = {h.getColName(i)[1]: i for i in range(h.getNumCol())}
        self.cols = np.array([names[var_name(o)] for o in self.problem.options], dtype=np.int32)
        _drop_idle_pair_rows(h, names)
        self._cost = np.asarray(h.getLp().col_cost_, dtype=float)  # the options' part changes per solve
        self._highs = h
        self.engine = "HiGHS in-process (model built once)"

    def _load_cases(self) -> None:
        """Robust, regret and consensus in HiGHS in-process (`cases.py`), when highspy is there."""
        try:
            import highspy  # noqa: F401
        except ImportError:
            return
        from .cases import CaseModels

        self._cases = CaseModels(self.problem, self.objective, MIP_OPTIONS)
        self.engine = "HiGHS in-process (one model per case set, built once)"

    @property
    def highs(self):
        """The loaded HiGHS model (None when re-solving through PortfolioModel)."""
        return self._highs

    def table(self, values: pd.Series | pd.DataFrame) -> pd.DataFrame:
        """The problem's value table with `values` put in (a Series replaces the objective's column)."""
        p = self.problem
        table = p.values.copy()
        if isinstance(values, pd.Series):
            table[p.value_column] = values.reindex(list(p.options)).to_numpy(dtype=float)
        else:
            for col in values.columns:
                table[col] = values[col].reindex(list(p.options)).to_numpy(dtype=float)
        return table

    def coefficients(self, values: pd.Series | pd.DataFrame) -> np.ndarray:
        """The option variables' objective coefficients under `values` (linear objectives)."""
        from .objectives import outcomes

        (f,) = outcomes(self.problem, self.objective, self.table(values)).values()
        return f.a

    def selected(self, values: pd.Series | pd.DataFrame) -> tuple[str, ...]:
        """The optimal portfolio under new option values (a Series: the objective's value column)."""
        if self._cases is not None:
            x = self._cases.selected(self.table(values))
            return tuple(o for o, v in zip(self.problem.options, x, strict=True) if v)
        if self._highs is None:
            return self._solved(values).selected
        x = self.solve_direct(self.coefficients(values))
        return tuple(o for o, v in zip(self.problem.options, x, strict=True) if v > 0.5)

    def solve_direct(self, coef: np.ndarray) -> np.ndarray:
        """Solve the loaded model with these option coefficients; the 0/1 choice per option.

        Each solve starts from the best, under the new coefficients, of the solutions this
        resolver has found since `forget` (HiGHS `setSolution`): 17 -> 13 ms a core-index
        re-solve on the shipped catalogue, the same portfolios (`benchmarks/bench_resolve.py`).
        """
        h, coef = self._highs, np.asarray(coef, dtype=float)
        h.changeColsCost(len(self.cols), self.cols, coef)
        if self._known:
            cost = self._cost.copy()  # the whole objective, without copying the model out of HiGHS
            cost[self.cols] = coef
            h.setSolution(highspy_solution(max(self._known, key=lambda v: float(cost @ v))))
        chosen = run_choice(h, self.cols)
        self._known.append(np.asarray(h.getSolution().col_value, dtype=float))
        return chosen

    def forget(self) -> None:
        """Forget the solutions found so far, so that what follows does not depend on what came
        before (each part of a core index sent to a worker starts afresh, whichever worker runs it)."""
        self._known = []

    def _solved(self, values: pd.Series | pd.DataFrame):
        """`PortfolioModel`'s answer under `values`; no portfolio raises as the direct paths do."""
        result = self.model.solve(values)
        if result.status == "infeasible":
            raise NoPortfolio()
        if not result.feasible:
            raise SolverError(f"re-solve found no portfolio (status: {result.status})")
        return result

    def optimum(self, values: pd.Series | pd.DataFrame) -> tuple[tuple[str, ...], float]:
        """The optimal portfolio and objective value under `values`."""
        if self._cases is not None:
            x, value = self._cases.solve(self.table(values))
            return tuple(o for o, v in zip(self.problem.options, x, strict=True) if v), value
        if self._highs is None:
            result = self._solved(values)
            return result.selected, float(result.objective_value)
        chosen = self.selected(values)
        return chosen, self.objective_of(chosen, values)

    def changed(self, before: Sequence[str], values: pd.Series | pd.DataFrame) -> bool:
        """Is the portfolio `before` no longer optimal under `values`?

        For the linear objectives this compares objective values, so a tie (another portfolio just
        as good) does not count as a change; otherwise it compares the portfolios.
        """
        chosen, best = self.optimum(values)
        if not objective_of(self.objective).linear:
            return tuple(chosen) != tuple(before)
        return self.objective_of(before, values) < best - 1e-9 * max(1.0, abs(best))

    def alternative(self, before: Sequence[str], values: pd.Series | pd.DataFrame, option: str) -> float:
        """The best objective value with `option` forced to the opposite of its state in `before`.

        For the linear objectives every portfolio that shares `option`'s state moves by the same
        amount when only `option`'s coefficient moves, so `before` (optimal in its class) stays
        optimal exactly while its value is at least this alternative's, shifted by that amount:
        one forced re-solve per option answers every change of that option's value. -inf when
        no portfolio with the opposite state is feasible. Needs the in-process HiGHS model.
        """
        state = 0.0 if option in set(before) else 1.0
        return self.best_with(values, {option: state})

    def best_with(self, values: pd.Series | pd.DataFrame, states: dict[str, float]) -> float:
        """The best objective value among portfolios with the options of `states` fixed (1 in, 0
        out); -inf when none satisfies the rules. Needs the in-process HiGHS model (linear objectives)."""
        import highspy

        h = self._highs
        picked = [self.problem.options.index(o) for o in states]
        cols = np.array([self.cols[k] for k in picked], dtype=np.int32)
        fixed = np.array([float(v) for v in states.values()])
        h.changeColsBounds(len(cols), cols, fixed, fixed)
        try:
            h.changeColsCost(len(self.cols), self.cols, self.coefficients(values))
            h.run()
            status = h.getModelStatus()
            if status == highspy.HighsModelStatus.kInfeasible:
                return -math.inf
            if status != highspy.HighsModelStatus.kOptimal:
                raise SolverError(f"forced re-solve failed (HiGHS: {h.modelStatusToString(status)})")
            x = np.asarray(h.getSolution().col_value)[self.cols] > 0.5
        finally:
            h.changeColsBounds(len(cols), cols, np.zeros(len(cols)), np.ones(len(cols)))
        return self.objective_of([o for o, v in zip(self.problem.options, x, strict=True) if v], values)

    def objective_of(self, selected: Sequence[str], values: pd.Series | pd.DataFrame) -> float:
        """The objective value of a given portfolio under `values` (linear objectives)."""
        from .objectives import objective_score, outcomes, pair_index

        x = np.array([1.0 if o in set(selected) else 0.0 for o in self.problem.options])
        terms = outcomes(self.problem, self.objective, self.table(values))
        at = {k: f.at(x, pair_index(self.problem)[:2]) for k, f in terms.items()}
        score = objective_score(self.objective, at, {}, {})
        return float(score) if math.isfinite(score) else math.nan


_PAIR_ROW = re.compile(r"pair_(\d+)_(a|b|both)")


def _drop_idle_pair_rows(h, columns: dict[str, int]) -> None:
    """Drop the half of each synergy's linearisation that the objective never presses against.

    y_k stands for x_i x_j through y <= x_i, y <= x_j and y >= x_i + x_j - 1 (`PortfolioModel`).
    Maximising with a positive coefficient on y pushes it up to min(x_i, x_j), so the last row
    never binds; a negative one pushes it down to max(0, x_i + x_j - 1), so the first two never
    bind. The re-solves change only the options' coefficients, never a pair's, so the idle rows
    can go for the life of the model: 141 -> 103 rows on the shipped catalogue, 24 -> 20 ms a solve,
    the same portfolios.
    """
    import highspy

    lp = h.getLp()
    if lp.sense_ != highspy.ObjSense.kMaximize:
        return
    cost = np.asarray(lp.col_cost_, dtype=float)
    idle = []
    for r in range(h.getNumRow()):
        found = _PAIR_ROW.fullmatch(h.getRowName(r)[1])
        if found is None or f"both_{found[1]}" not in columns:
            continue
        c = cost[columns[f"both_{found[1]}"]]
        if (c > 0 and found[2] == "both") or (c < 0 and found[2] != "both"):
            idle.append(r)
    if idle:
        h.deleteRows(len(idle), np.array(idle, dtype=np.int32))
