"""Portfolio optimisation: which options to pursue together under budgets, risk caps and rules.

A `Problem` (plain data) is built from a catalogue and criterion scores by
`problem_from_catalogue`, or from arrays by `make_problem`. `optimize` solves it with CBC (default)
or HiGHS under one of `OBJECTIVES` and returns a `PortfolioResult`; `PortfolioModel` builds the
programme once and re-solves it with new values (for sampling). An infeasible problem comes back
with a `Diagnosis` naming the fewest rules to relax. `export_model` writes the programme as .lp or
.mps for any other solver.
"""

from .build import make_problem
from .model import PortfolioModel, export_model, optimize
from .objectives import OBJECTIVES
from .problem import Problem, problem_from_catalogue
from .result import Diagnosis, PortfolioResult, Relaxation
from .solve import SOLVERS

__all__ = [
    "OBJECTIVES",
    "SOLVERS",
    "Diagnosis",
    "PortfolioModel",
    "PortfolioResult",
    "Problem",
    "Relaxation",
    "export_model",
    "make_problem",
    "optimize",
    "problem_from_catalogue",
]
