"""trilat-opt: evaluate US-Japan-ROK trilateral cooperation options from cited arguments.

`evaluate(project, profile=..., objective=...)` loads a project and returns an `Evaluation`: the
settings, checked once, and every stage computed on first use and kept (`ev.scores`,
`ev.portfolio`, `ev.ranking()`, `ev.smaa()`, ...). Underneath, the pipeline is a chain of plain
functions: `load` a project into a `Catalogue`, turn arguments into criterion scores
(`trilat_opt.argue`), into option values (`trilat_opt.values`), select a portfolio
(`trilat_opt.optimize`), test its robustness (`trilat_opt.analysis`) and write a report
(`trilat_opt.report`).
"""

from .errors import ErrorDetail, InputError, SolverError, TrilatError
from .evaluation import Evaluation, Setup, evaluate
from .load import load
from .model import Catalogue

__version__ = "0.1.0"

__all__ = [
    "Catalogue",
    "ErrorDetail",
    "Evaluation",
    "InputError",
    "Setup",
    "SolverError",
    "TrilatError",
    "__version__",
    "evaluate",
    "load",
]
