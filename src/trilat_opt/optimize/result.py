"""What an optimisation returns: plain, frozen data that the CLI and the report render as is."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["CONSTRAINT_COLUMNS", "EXPOSURE_COLUMNS", "OUTCOME_COLUMNS", "Diagnosis", "PortfolioResult", "Relaxation"]

CONSTRAINT_COLUMNS = ["name", "kind", "sense", "used", "limit", "slack"]
EXPOSURE_COLUMNS = ["name", "kind", "used", "cap"]
OUTCOME_COLUMNS = ["case", "value", "own_best", "score"]


@dataclass(frozen=True)
class Relaxation:
    """One rule to relax: `rule` as named in the constraint table, `relax_by` in the rule's units
    (budget units, exposure, number of options; 1 for a logical rule dropped), and a sentence."""

    rule: str
    kind: str
    relax_by: float
    message: str


@dataclass(frozen=True)
class Diagnosis:
    """Why no portfolio satisfies the rules: the fewest rules whose relaxation restores
    feasibility (and, among such sets, the smallest relaxation), from an elastic model.

    `proven` says whether the solver proved the set minimal; `note` explains anything unusual.
    """

    relaxations: tuple[Relaxation, ...]
    proven: bool = True
    note: str = ""

    @property
    def messages(self) -> tuple[str, ...]:
        return tuple(r.message for r in self.relaxations)

    def __str__(self) -> str:
        head = "no portfolio satisfies every rule; the fewest changes that would allow one:"
        lines = [head, *(f"  - {m}" for m in self.messages)]
        if self.note:
            lines.append(f"  ({self.note})")
        return "\n".join(lines)


@dataclass(frozen=True, eq=False)
class PortfolioResult:
    """The outcome of one optimisation.

    - status: "optimal" (proven, gap 0), "feasible" (a portfolio, optimality not proven: stopped by
      the time limit or a requested gap), "infeasible" (see `diagnosis`), or "not solved" (no
      portfolio found within the time limit).
    - proven_optimal: True only when every solve behind the result proved optimality.
    - gap: relative gap |bound - objective| / |objective| of the main solve (None if unknown).
    - objective, objective_value: the objective's name and value (regret: the largest regret;
      consensus: the least satisfaction, 1 = every capital gets its own best).
    - selected: chosen option ids, in problem order.
    - values: each option's value under the weights used (the value column of the objective).
    - outcomes: one row per case the objective combines (a scenario for robust and regret, a
      profile for consensus, else the one value column), columns OUTCOME_COLUMNS: `value` of the
      portfolio, `own_best` (that case's optimum alone; regret and consensus, else NaN) and
      `score`, the case's term of the objective (value, regret, or satisfaction).
    - constraints: name, kind (budget|risk|country|cardinality|domain), sense, used, limit, slack.
    - exposure: summed exposure by risk and by country: name, kind (risk|country), used, cap.
    - total_cost: sum over budgets of the share of the budget used (the first tie-breaker).
    - diagnosis: for an infeasible problem, the rules to relax.
    - solver, seconds: which solver ran and the wall time of the whole optimisation.
    """

    status: str
    proven_optimal: bool
    gap: float | None
    objective: str
    objective_value: float | None
    selected: tuple[str, ...]
    values: pd.Series
    outcomes: pd.DataFrame
    constraints: pd.DataFrame
    exposure: pd.DataFrame
    total_cost: float | None
    diagnosis: Diagnosis | None
    solver: str
    seconds: float

    @property
    def feasible(self) -> bool:
        return self.status in ("optimal", "feasible")
