"""Portfolio optimisation: which options to pursue together under budgets, risk caps and rules.

A `Problem` (plain data) is built from a catalogue and criterion scores by
`problem_from_catalogue`, or from arrays by `make_problem`. `optimize` solves it with CBC (default)
or HiGHS under one of `OBJECTIVES` and returns a `PortfolioResult`; `PortfolioModel` builds the
programme once and re-solves it with new values (for sampling). An infeasible problem comes back
with a `Diagnosis` naming the fewest rules to relax. `export_model` writes the programme as .lp or
.mps for any other solver.
"""

from .build import make_problem
from .model import TIE_TOL, PortfolioModel, export_model, exposure_table, optimize
from .objectives import OBJECTIVES
from .problem import (
    BASE,
    Problem,
    check_choices,
    option_of,
    problem_from_catalogue,
    survival_table,
    value_table,
    var_name,
)
from .result import Diagnosis, PortfolioResult, Relaxation
from .solve import SOLVERS

__all__ = [
    "BASE",
    "OBJECTIVES",
    "SOLVERS",
    "TIE_TOL",
    "Diagnosis",
    "PortfolioModel",
    "PortfolioResult",
    "Problem",
    "Relaxation",
    "check_choices",
    "export_model",
    "exposure_table",
    "make_problem",
    "optimize",
    "option_of",
    "problem_from_catalogue",
    "survival_table",
    "value_table",
    "var_name",
]
