"""Argument criticality: which arguments does the decision hinge on?

For every argument: does rebutting it (base score to 0) or confirming it (base to 1) change the
top option or the optimal portfolio, and what is the smallest change of its base score that does?
The smallest change is found by scanning from the current base towards 0 and towards 1 in
`GRID` steps, then bisecting the first step that changes the outcome to within `TOL`. (Option
values move monotonically with one argument's base under the gradual semantics, so the first
change seen on the scan is the nearest one unless two crossings fall inside one step.)

Whether the portfolio changed needs no solve at each step for the linear objectives (value,
expected): an argument moves only its own option's objective coefficient, and one forced re-solve
per option gives the exact coefficient at which today's portfolio stops being optimal
(`_KeepTest`), so the scan and bisection run on the argumentation graph alone: about 40 solves
instead of about 900. A rebuttal across options moves a few options at once; 2^m - 1 forced
re-solves per set of m options moved answer it the same way (up to `MOVED_MAX` options). The
other objectives re-solve at each step through one built model (`resolve.Resolver`);
`Criticality.method` says which ran. The table leads with the critical
arguments, nearest tipping point first.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..argue.scoring import build_graph
from ..model import Catalogue
from ..optimize.objectives import objective_of
from ..optimize.resolve import Resolver
from ..values import ValueModel

if TYPE_CHECKING:
    from ..evaluation import Evaluation

__all__ = ["GRID", "TOL", "ArgumentScorer", "Criticality", "criticality"]

GRID = 8
TOL = 1e-3
MOVED_MAX = 3
"""Options moved together up to which the exact test applies (2^m - 1 forced re-solves each)."""
COLUMNS = [
    "option",
    "criterion",
    "stance",
    "base",
    "critical",
    "rebut_top",
    "rebut_portfolio",
    "confirm_top",
    "confirm_portfolio",
    "top_shift",
    "portfolio_shift",
    "new_top",
]


@dataclass(frozen=True)
class Criticality:
    """`table`: one row per argument (see COLUMNS), critical ones first; `top` and `portfolio` at the current bases.

    top_shift / portfolio_shift: the signed smallest change of the base score that changes the
    top option / the portfolio (negative: weakening), NaN when no change in [0, 1] does.
    """

    table: pd.DataFrame
    top: str
    portfolio: tuple[str, ...]
    engine: str
    method: str = ""
    forced_solves: int = 0

    @property
    def hinges(self) -> pd.DataFrame:
        """The arguments on which the decision hinges: critical ones, nearest tipping point first."""
        return self.table[self.table["critical"].astype(bool)]  # an empty object column would select columns


class ArgumentScorer:
    """Criterion scores (samples x options x criteria) for argument base overrides, in batches."""

    def __init__(self, cat: Catalogue, semantics: str = "dfquad"):

        self.cat, self.semantics = cat, semantics
        self.graph = build_graph(cat)
        self.base = self.graph.bases()
        self.position = {a: k for k, a in enumerate(self.graph.ids)}
        self.shape = (len(cat.options), len(cat.criteria))

    def baseline(self) -> np.ndarray:
        """Criterion scores at the catalogue's own bases, by the same evaluation as `scores`."""
        n_claims = self.shape[0] * self.shape[1]
        return self.graph.evaluate(self.base[None, :], self.semantics)[0, :n_claims].reshape(self.shape)

    def scores(self, overrides: list[tuple[str, float]]) -> np.ndarray:
        """One score matrix per (argument, base) override."""
        bases = np.tile(self.base, (len(overrides), 1))
        for row, (arg, b) in enumerate(overrides):
            bases[row, self.position[arg]] = b
        n_claims = self.shape[0] * self.shape[1]  # claim nodes come first in the graph
        out = self.graph.evaluate(bases, self.semantics)[:, :n_claims]
        return out.reshape(len(overrides), *self.shape)


def criticality(ev: Evaluation, *, portfolio: bool = True, exact: bool = True) -> Criticality:
    """Criticality of every argument of `ev`'s catalogue under its weights and objective (see the module doc).

    `exact=False` forces the re-solve at every step even where thresholds apply (for tests).
    """
    cat, objective, weights = ev.catalogue, ev.setup.objective, ev.setup.weights
    scores, problem = ev.scores, ev.problem
    resolver = Resolver(problem, objective, ev.setup.solver) if portfolio else None
    w = np.array([weights[c] for c in cat.criterion_ids], dtype=float)
    scorer = ArgumentScorer(cat, ev.setup.semantics)
    column = problem.value_column
    model = ev.values
    keep: _KeepTest | None = None

    def values_of(score: np.ndarray) -> pd.DataFrame:
        values = ValueModel.of(cat, pd.DataFrame(score, index=cat.option_ids, columns=cat.criterion_ids)).values(w)
        return values[[c for c in values.columns if c in problem.values.columns]]

    def outcome(score: np.ndarray, need_portfolio: bool) -> tuple[str, bool]:
        """The top option and whether the current portfolio stopped being optimal."""
        v = model.column_of(score, w, column)
        top = cat.option_ids[int(np.argmax(v))]
        if not need_portfolio or resolver is None:
            return top, False
        if keep is not None:
            moved = keep.changed(v)
            if moved is not None:
                return top, moved
        return top, resolver.changed(port0, values_of(score))

    top0 = cat.option_ids[int(np.argmax(model.column_of(scores.to_numpy(), w, column)))]
    port0: tuple[str, ...] = ()
    method = ""
    if resolver is not None:
        port0 = resolver.optimum(problem.values)[0]
        if exact and objective_of(objective).linear and resolver.highs is not None:
            base = scorer.baseline()
            keep = _KeepTest(resolver, port0, values_of(base), model.column_of(base, w, column))
            method = "exact thresholds: forced re-solves per option moved, then the argument graph alone"
        else:
            method = "bisection with a portfolio re-solve at every step"
    rows = [_row(opt.id, arg, scorer, outcome, top0, resolver is not None) for opt, arg in cat.arguments()]
    table = pd.DataFrame(rows, columns=["argument", *COLUMNS]).set_index("argument")
    nearest = np.fmin(table["top_shift"].abs(), table["portfolio_shift"].abs())
    table = table.assign(_near=nearest.fillna(np.inf)).sort_values(
        ["critical", "_near"], ascending=[False, True], kind="stable"
    )
    engine = resolver.engine if resolver else ""
    return Criticality(table.drop(columns="_near"), top0, port0, engine, method, keep.solves if keep else 0)


class _KeepTest:
    """Exact test of "the portfolio stopped being optimal" for the linear objectives, without solving.

    When some options' objective coefficients move by d (one option for most arguments, a few
    for a rebuttal across options), the portfolios fall into classes by those options' states,
    and every portfolio of a class moves by the same amount, d . states. `port0` stays best in its
    own class, so it is beaten exactly when the best portfolio of another class is better:
    obj(port0) + d . port0_S < best_c + d . c for some class c. Each best_c is one forced re-solve
    (`Resolver.best_with`), made once per set of moved options and class: 2^m - 1 solves for m
    options moved together, whatever the number of steps. More than `MOVED_MAX` options moved
    returns None, and the caller re-solves.
    """

    def __init__(self, resolver: Resolver, port0: tuple[str, ...], values0: pd.DataFrame, column0: np.ndarray):
        self.resolver, self.port0, self.values0, self.column0 = resolver, port0, values0, column0
        self.options = list(resolver.problem.options)
        self.inside = np.array([o in set(port0) for o in self.options])
        self.value0 = resolver.objective_of(port0, values0)
        # The coefficients are linear in the value column (`expected` scales it by survival):
        # their slope, read off the objective itself, saves rebuilding them at every step.
        coef0 = resolver.coefficients(values0)
        bumped = values0.copy()
        bumped[resolver.problem.value_column] += 1.0
        self.slope = resolver.coefficients(bumped) - coef0
        self.best: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}
        self.solves = 0

    def changed(self, column: np.ndarray) -> bool | None:
        """Did `port0` stop being optimal, for the objective's value column `column`? None: re-solve."""
        delta = self.slope * (column - self.column0)
        moved = tuple(int(k) for k in np.flatnonzero(np.abs(delta) > 1e-12 * (1.0 + np.abs(self.column0))))
        if not moved:
            return False
        if len(moved) > MOVED_MAX:
            return None
        d = delta[list(moved)]
        own = tuple(int(self.inside[k]) for k in moved)
        mine = self.value0 + float(d @ np.array(own, dtype=float))
        best = mine
        for states in itertools.product((0, 1), repeat=len(moved)):
            if states != own:
                best = max(best, self._best(moved, states) + float(d @ np.array(states, dtype=float)))
        return mine < best - 1e-9 * max(1.0, abs(best))

    def _best(self, moved: tuple[int, ...], states: tuple[int, ...]) -> float:
        if (moved, states) not in self.best:
            fixed = {self.options[k]: float(v) for k, v in zip(moved, states, strict=True)}
            self.best[moved, states] = self.resolver.best_with(self.values0, fixed)
            self.solves += 1
        return self.best[moved, states]


def _row(option_id, arg, scorer: ArgumentScorer, outcome, top0, with_portfolio: bool) -> dict:
    b0 = scorer.base[scorer.position[arg.id]]
    ends = {}
    for name, b in (("rebut", 0.0), ("confirm", 1.0)):
        if abs(b - b0) < 1e-12:
            ends[name] = (False, False)
            continue
        top, moved = outcome(scorer.scores([(arg.id, b)])[0], with_portfolio)
        ends[name] = (top != top0, moved)
    top_shift = _nearest(arg.id, b0, scorer, lambda s: outcome(s, False)[0] != top0, ends, 0)
    port_shift = _nearest(arg.id, b0, scorer, lambda s: outcome(s, True)[1], ends, 1) if with_portfolio else np.nan
    new_top = ""
    if np.isfinite(top_shift):
        new_top = outcome(scorer.scores([(arg.id, b0 + top_shift)])[0], False)[0]
    return {
        "argument": arg.id,
        "option": option_id,
        "criterion": arg.criterion,
        "stance": arg.stance,
        "base": float(b0),
        "critical": any(ends["rebut"]) or any(ends["confirm"]),
        "rebut_top": ends["rebut"][0],
        "rebut_portfolio": ends["rebut"][1],
        "confirm_top": ends["confirm"][0],
        "confirm_portfolio": ends["confirm"][1],
        "top_shift": top_shift,
        "portfolio_shift": port_shift,
        "new_top": new_top,
    }


def _nearest(arg: str, b0: float, scorer: ArgumentScorer, changed, ends: dict, which: int) -> float:
    """Signed smallest base change that makes `changed(scores)` true, scanning both directions."""
    best = np.nan
    for name, end in (("rebut", 0.0), ("confirm", 1.0)):
        if not ends[name][which]:
            continue
        inside, found = b0, None
        for step in range(1, GRID + 1):
            b = b0 + (end - b0) * step / GRID
            if changed(scorer.scores([(arg, b)])[0]):
                found = b
                break
            inside = b
        if found is None:
            continue
        while abs(found - inside) > TOL:
            mid = 0.5 * (inside + found)
            inside, found = (inside, mid) if changed(scorer.scores([(arg, mid)])[0]) else (mid, found)
        shift = found - b0
        if not np.isfinite(best) or abs(shift) < abs(best):
            best = shift
    return float(best)
