"""Robust, regret and consensus re-solved in HiGHS in-process, for the analyses that sample weights.

These objectives combine several cases (scenarios or capitals): the worst case, the largest
shortfall from each case's own best, or the least normalised satisfaction. `PortfolioModel` solves
them through PuLP, which for CBC means a process, a model file and a solution file per solve, and
for regret and consensus one solve per case first: about half a second a sample, which made the
core index of a consensus report take most of a minute.

`CaseModels` loads the portfolio's rules once into two HiGHS models (`resolve.py` says why
in-process): one maximises a single case's outcome (each case's own best), the other is the
objective's max-min (or min-max) programme, with one row per case whose coefficients are
rewritten for each sample:

    worst:        a_k . x + b_k . y - t >= 0              maximise t
    regret:       a_k . x + b_k . y + t >= f_k*           minimise t
    satisfaction: (a_k . x + b_k . y) / s_k - t >= f_k* / s_k - 1   maximise t

(y are the synergy pair variables, f_k* each case's own best and s_k its scale, as in
`objectives`). The answers are `PortfolioModel`'s, without its tie-breaking: ties between
portfolios have probability zero under sampled weights (the linear path does the same).
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import SolverError
from .highs import new_highs, run_choice
from .model import PortfolioModel
from .objectives import Linear, consensus_scale, objective_of, outcomes, pair_index
from .problem import Problem, var_name

__all__ = ["CaseModels"]

_INF = math.inf


class CaseModels:
    """One objective over several cases, loaded into HiGHS once; `selected(table)` re-solves it."""

    def __init__(self, problem: Problem, objective: str, options: dict[str, object]):
        import highspy

        self.problem, self.goal = problem, objective_of(objective)
        self.pairs = pair_index(problem)[:2]
        self.best, self.x, self.y = self._load(options)  # one case's outcome at a time: the own bests
        self.main, _, _ = self._load(options)
        h = self.main
        n = h.getNumCol()
        h.changeColsCost(n, np.arange(n, dtype=np.int32), np.zeros(n))
        h.addCol(1.0, -_INF, _INF, 0, np.array([], dtype=np.int32), np.array([], dtype=float))
        self.level = n
        h.changeObjectiveSense(highspy.ObjSense.kMaximize if self.goal.maximise else highspy.ObjSense.kMinimize)
        self.rows: dict[str, int] = {}
        self.cases = list(outcomes(problem, objective, problem.values))
        sign = 1.0 if self.goal.combine == "regret" else -1.0  # the level's coefficient in each row
        for k in self.cases:
            self.rows[k] = h.getNumRow()
            h.addRow(-_INF, _INF, 1, np.array([self.level], dtype=np.int32), np.array([sign]))

    def _load(self, options: dict[str, object]) -> tuple[object, np.ndarray, np.ndarray]:
        """The portfolio's rules and pair rows (the `value` model as exported), and where x and y are."""
        import highspy

        with tempfile.TemporaryDirectory(prefix="trilat-cases-") as tmp:
            path = Path(tmp) / "model.mps"
            PortfolioModel(self.problem, "value", "cbc").export(path)
            h = new_highs()
            h.setOptionValue("presolve", "off")
            h.setOptionValue("mip_rel_gap", 0.0)
            h.setOptionValue("mip_abs_gap", 1e-9)
            if h.readModel(str(path)) != highspy.HighsStatus.kOk:
                raise SolverError("HiGHS could not read the portfolio model")
        for option, value in options.items():
            h.setOptionValue(option, value)
        names = {h.getColName(i)[1]: i for i in range(h.getNumCol())}
        x = np.array([names[var_name(o)] for o in self.problem.options], dtype=np.int32)
        y = np.array([names[f"both_{k}"] for k in range(len(self.pairs[0]))], dtype=np.int32)
        return h, x, y

    def selected(self, table: pd.DataFrame) -> np.ndarray:
        """The optimal 0/1 choice per option under the value table `table` (the problem's columns)."""
        return self.solve(table)[0]

    def solve(self, table: pd.DataFrame) -> tuple[np.ndarray, float]:
        """The optimal 0/1 choice per option under `table`, and the objective's value there."""
        terms = outcomes(self.problem, self.goal.name, table)
        refs, scales = self._own_bests(terms) if self.goal.needs_own_best else ({}, {})
        h = self.main
        for k, f in terms.items():
            row, a, b = self.rows[k], f.a, f.b
            if self.goal.combine == "worst":
                low = 0.0
            elif self.goal.combine == "regret":
                low = refs[k]
            else:
                a, b, low = a / scales[k], b / scales[k], refs[k] / scales[k] - 1.0
            for col, value in zip(self.x, a, strict=True):
                h.changeCoeff(row, int(col), float(value))
            for col, value in zip(self.y, b, strict=True):
                h.changeCoeff(row, int(col), float(value))
            h.changeRowBounds(row, low, _INF)
        x = run_choice(h, self.x)
        at = {k: f.at(x.astype(float), self.pairs) for k, f in terms.items()}
        return x, self.goal.score(at, refs, scales)

    def _own_bests(self, terms: dict[str, Linear]) -> tuple[dict[str, float], dict[str, float]]:
        """Each case's best outcome over every portfolio the rules allow, and its scale."""
        h, refs, scales = self.best, {}, {}
        for k, f in terms.items():
            h.changeColsCost(len(self.x), self.x, f.a)
            if len(self.y):
                h.changeColsCost(len(self.y), self.y, f.b)
            x = run_choice(h, self.x).astype(float)
            refs[k] = f.at(x, self.pairs)
            scales[k] = consensus_scale(refs[k], f)
        return refs, scales
