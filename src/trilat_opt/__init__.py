"""trilat-opt: evaluate US-Japan-ROK trilateral cooperation options from cited arguments.

The pipeline is a chain of plain functions: `load` a project into a `Catalogue`, turn arguments
into criterion scores (`trilat_opt.argue`), aggregate them (`trilat_opt.score`), select a
portfolio (`trilat_opt.optimize`), test its robustness (`trilat_opt.analysis`) and write a report
(`trilat_opt.report`).
"""

from .errors import ErrorDetail, InputError, SolverError, TrilatError
from .load import load
from .model import Catalogue

__version__ = "0.1.0"

__all__ = [
    "Catalogue",
    "ErrorDetail",
    "InputError",
    "SolverError",
    "TrilatError",
    "__version__",
    "load",
]
