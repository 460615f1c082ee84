"""The `trilat-opt report` command that makes a run again, in the parts the page needs.

The manifest shows the whole command; the what-if panel rebuilds it from its parts when the
reader moves the weights, caps or budgets, so the parts are defined once, here, in the command's
order: weights, objective and scenario, limits, then the flags the page has no control for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..guards import SMAA_SAMPLES

if TYPE_CHECKING:
    from .run import Run

__all__ = ["command_of", "number_arg", "tail_args", "weight_args"]


def number_arg(value: float) -> str:
    """A number for a command line: the shortest text that reads back as the same float.

    >>> number_arg(0.3), number_arg(550.0), number_arg(0.1 + 0.2), number_arg(1e-7)
    ('0.3', '550', '0.30000000000000004', '1e-07')
    """
    text = repr(float(value))
    return text.removesuffix(".0")


def weight_args(run: Run) -> list[str]:
    """The run's own weight flags: what the page's 'this run's weights' button reproduces."""
    args = [f"--profile {run.profile}"] if run.profile else []
    return args + [f"--weight {k}={number_arg(v)}" for k, v in run.overrides.items()]


def tail_args(run: Run) -> list[str]:
    """The run's flags the page has no control for, kept as they were.

    --include/--exclude are rows of the page's programme, so they hold there too and the command
    must carry them; the others do not move the portfolio but keep the new report comparable.
    """
    args = [f"--include {o}" for o in run.include] + [f"--exclude {o}" for o in run.exclude]
    args += [f"--solver {run.solver}"] if run.solver != "cbc" else []
    args += [f"--samples {run.samples}"] if run.samples != SMAA_SAMPLES else []
    args += [f"--seed {run.seed}"] if run.seed else []
    return args + ([] if run.full else ["--quick"])


def command_of(run: Run, head: str = "trilat-opt report") -> str:
    """The whole command that writes this run's report again (`head`: another command taking the
    same options, such as `trilat-opt export --to xlsx --out FILE`)."""
    parts = [head, *weight_args(run)]
    parts += [f"--objective {run.objective}"] if run.objective != "value" else []
    parts += [f"--scenario {run.scenario}"] if run.scenario else []
    parts += [f"--cap {k}={number_arg(v)}" for k, v in run.caps.items()]
    parts += [f"--budget {k}={number_arg(v)}" for k, v in run.budgets.items()]
    return " ".join(parts + tail_args(run))
