"""The names users type for objectives and solvers, in a module that imports nothing.

The command line needs these names to build its options (`--objective`, `--solver`) before any
command runs; keeping them here lets `trilat-opt --help` and `validate` start without loading
PuLP, pandas or the solvers. The modules that implement them import the names from here.
"""

from __future__ import annotations

__all__ = ["OBJECTIVES", "SOLVERS"]

OBJECTIVES = ("value", "expected", "robust", "regret", "consensus")
"""Portfolio objectives (`trilat_opt.optimize.objectives`)."""

SOLVERS = ("cbc", "highs")
"""MILP solvers (`trilat_opt.optimize.solve`)."""
