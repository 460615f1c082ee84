"""The one place that makes HiGHS instances, so that every instance in a process agrees.

HiGHS starts a global task scheduler on an instance's first run and fixes its thread count for
the life of the process: a later instance that asks for another count fails to run (its status
stays "Not Set"). And a process forked while scheduler threads run, as the core index's workers
are, can deadlock. trilat-opt therefore runs HiGHS with `THREADS` everywhere (its branch and bound
is largely sequential; parallelism comes from the workers). The first instance also prints a
banner on stdout, which would corrupt `--format json`; it is made with stdout closed.
"""

from __future__ import annotations

import os
import sys
from typing import Any

__all__ = ["MIP_OPTIONS", "SMALL", "THREADS", "highspy_solution", "new_highs", "run_choice"]

THREADS = 1

# MIP heuristics that cost more than they save on portfolio programmes (measured: about a third
# of a re-solve on the shipped catalogue, and 2.2 -> 0.9 s to a 1e-3 gap at 1,000 options, the
# same optima); and a solution pool of one, since only the optimum is read: HiGHS's default pool
# of 10,000 improving solutions cost another 30% a re-solve (38 against 27 ms, the same optima
# at 40 sampled weights).
MIP_OPTIONS = {
    "mip_heuristic_run_feasibility_jump": False,
    "mip_heuristic_run_rins": False,
    "mip_heuristic_run_rens": False,
    "mip_pool_soft_limit": 1,
}

SMALL = 60
"""Options up to which HiGHS runs without presolve: on catalogue-sized programmes presolve costs
more than it saves (a value solve with its tie check: 76 against 52 ms on the shipped catalogue),
while at 1,000 options it can halve the time to a given gap."""


def new_highs() -> Any:
    """A silent, single-threaded `highspy.Highs` instance (ImportError when highspy is absent)."""
    import highspy

    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no real stdout (some notebook kernels): nothing to protect
        h = highspy.Highs()
    else:
        try:
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), 1)
                h = highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", THREADS)
    return h


def run_choice(h: Any, cols: Any) -> Any:
    """Solve the loaded model `h`; the 0/1 choice of the columns `cols` (a boolean array).

    No portfolio satisfying the rules raises `NoPortfolio`; any other status short of a proven
    optimum raises `SolverError`, since the analyses that re-solve need the optimum itself.
    """
    import highspy
    import numpy as np

    from ..errors import SolverError
    from ..guards import NoPortfolio

    h.run()
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        raise NoPortfolio()
    if status != highspy.HighsModelStatus.kOptimal:
        raise SolverError(f"re-solve found no optimal portfolio (HiGHS: {h.modelStatusToString(status)})")
    return np.asarray(h.getSolution().col_value)[cols] > 0.5


def highspy_solution(col_value: Any) -> Any:
    """A `highspy.HighsSolution` holding these column values (a start for `Highs.setSolution`)."""
    import highspy

    solution = highspy.HighsSolution()
    solution.col_value = list(col_value)
    solution.value_valid = True
    return solution
