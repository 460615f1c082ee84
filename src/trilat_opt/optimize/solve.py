"""Run CBC or HiGHS on a PuLP problem and say honestly what came back.

PuLP's `LpStatus` reads "Optimal" whenever the solver returned a solution, also when a time limit
or a gap tolerance stopped it. This module reads the solution status and the solver's own bound:
CBC's log (the bundled binary prints its final bound) and HiGHS's info record, so a result is
"optimal" only when the solver says so and its bound lies within `PROOF_TOL` (relative, at least
absolute) of the objective. Both solvers ask for a zero gap (`gapAbs=ABS_TOL`), but their bounds
carry the solver's own tolerances: HiGHS prunes a node whose bound is within its
mip_feasibility_tolerance (1e-6) of the incumbent, so it can end a proved max-min model with its
bound 1e-6 (plus rounding) away, and a stricter test would call such proofs "feasible".
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pulp

from ..errors import InputError, SolverError
from ..names import SOLVERS
from .highs import MIP_OPTIONS, SMALL, THREADS, new_highs

__all__ = ["ABS_TOL", "SOLVERS", "Outcome", "check_settings", "run"]

ABS_TOL = 1e-9
PROOF_TOL = 2e-6
_BOUND = re.compile(r"^(?:Upper|Lower) bound:\s+(\S+)", re.M)


@dataclass(frozen=True)
class Outcome:
    """One solver run. `status`: optimal, feasible (solution, optimality not proven), infeasible,
    not solved (no solution, e.g. the time ran out). `gap`: |bound - objective| / |objective|."""

    status: str
    proven: bool
    gap: float | None
    objective: float | None
    seconds: float

    @property
    def has_solution(self) -> bool:
        return self.status in ("optimal", "feasible")


def check_settings(solver: str, gap: float, time_limit: float | None) -> None:
    """Refuse an unknown solver, a gap outside [0, 1) or a time limit that is not positive."""
    if solver not in SOLVERS:
        raise InputError(f"--solver {solver!r}: expected one of {', '.join(SOLVERS)}")
    if not (0.0 <= gap < 1.0):
        raise InputError(f"--gap {gap}: expected a relative gap in [0, 1), for example 0.001")
    if time_limit is not None and not time_limit > 0:
        raise InputError(f"--time-limit {time_limit}: expected a positive number of seconds")


def run(prob: pulp.LpProblem, solver: str, gap: float = 0.0, time_limit: float | None = None) -> Outcome:
    """Solve `prob` in place (variable values are set) and report the outcome."""
    if solver not in SOLVERS:
        raise InputError(f"--solver {solver!r}: expected one of {', '.join(SOLVERS)}")
    if time_limit is not None:
        time_limit = max(time_limit, 0.01)
    start = time.perf_counter()
    bound = _run_highs(prob, gap, time_limit) if solver == "highs" else _run_cbc(prob, gap, time_limit)
    seconds = time.perf_counter() - start
    return _outcome(prob, bound, seconds)


def _outcome(prob: pulp.LpProblem, bound: float | None, seconds: float) -> Outcome:
    sol = prob.sol_status
    if sol == pulp.LpSolutionInfeasible or prob.status == pulp.LpStatusInfeasible:
        return Outcome("infeasible", True, None, None, seconds)
    if sol == pulp.LpSolutionUnbounded:
        raise SolverError("the solver reports an unbounded model, which a 0/1 portfolio cannot be; please report this")
    if sol not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
        return Outcome("not solved", False, None, None, seconds)
    obj = float(pulp.value(prob.objective) or 0.0)
    if bound is None:
        proven = sol == pulp.LpSolutionOptimal
        return Outcome("optimal" if proven else "feasible", proven, 0.0 if proven else None, obj, seconds)
    diff = abs(bound - obj)
    rel = diff / abs(obj) if abs(obj) > 1e-12 else (0.0 if diff <= ABS_TOL else float("inf"))
    proven = sol == pulp.LpSolutionOptimal and diff <= PROOF_TOL * max(1.0, abs(obj))
    return Outcome("optimal" if proven else "feasible", proven, 0.0 if proven else rel, obj, seconds)


# ---------------------------------------------------------------------------- CBC


def _cbc_path() -> str:
    from pulp.apis.coin_api import pulp_cbc_path

    if os.path.exists(pulp_cbc_path):
        return pulp_cbc_path
    found = shutil.which("cbc")
    if not found:
        raise SolverError("CBC was not found (PuLP's bundled binary is missing); reinstall pulp or use --solver highs")
    return found


GRACE = 2.0
"""Seconds CBC gets beyond its time limit to stop by itself and write its solution."""


class _Hung(Exception):
    """CBC outlived its time limit and grace, and was killed."""


class _DeadlinePopen(subprocess.Popen):
    """A Popen whose `wait` kills the process at the deadline (set by `_cbc_deadline`)."""

    deadline: float | None = None

    def wait(self, timeout: float | None = None) -> int:
        if timeout is not None or self.deadline is None:
            return super().wait(timeout)
        try:
            return super().wait(max(self.deadline - time.monotonic(), 0.0))
        except subprocess.TimeoutExpired:
            self.kill()
            super().wait()
            raise _Hung from None


class _Subprocess:
    """The `subprocess` module as PuLP's CBC driver sees it, with `Popen` replaced."""

    Popen = _DeadlinePopen

    def __getattr__(self, name: str) -> object:
        return getattr(subprocess, name)


@contextlib.contextmanager
def _cbc_deadline(time_limit: float | None) -> Iterator[None]:
    """Kill CBC if it runs `GRACE` seconds past `time_limit`.

    CBC checks its `-sec` limit only between steps, so a long presolve or cut round, or a hung
    binary, can outlive it; PuLP then waits forever. PuLP starts CBC through its module's
    `subprocess.Popen` and offers no hook, so the module reference is swapped for the duration of
    one solve. Not thread-safe: solves with a time limit run one at a time in a process (the core
    index's workers are processes; the report's threads solve without a time limit).
    """
    if time_limit is None:
        yield
        return
    from pulp.apis import coin_api

    real = coin_api.subprocess
    coin_api.subprocess = _Subprocess()  # type: ignore[assignment]
    _DeadlinePopen.deadline = time.monotonic() + time_limit + GRACE
    try:
        yield
    finally:
        coin_api.subprocess = real
        _DeadlinePopen.deadline = None


def _run_cbc(prob: pulp.LpProblem, gap: float, time_limit: float | None) -> float | None:
    """Run the bundled CBC; return its final bound when it stopped short of proven optimality.

    A CBC that outlives `time_limit` (plus `GRACE`) is killed, leaving the problem unsolved."""
    with tempfile.TemporaryDirectory(prefix="trilat-cbc-") as tmp:
        log = Path(tmp) / "cbc.log"
        cmd = pulp.COIN_CMD(
            path=_cbc_path(), msg=False, gapRel=gap, timeLimit=time_limit, logPath=str(log), keepFiles=False
        )
        cmd.tmpDir = tmp
        try:
            with _cbc_deadline(time_limit):
                prob.solve(cmd)
        except _Hung:
            return None
        except pulp.PulpSolverError as exc:
            raise SolverError(f"CBC failed to run ({exc}); try --solver highs, or reinstall pulp") from None
        text = log.read_text(errors="replace") if log.exists() else ""
    found = _BOUND.search(text)
    if found is None:
        return None
    try:
        return float(found.group(1))
    except ValueError:
        return None


# ---------------------------------------------------------------------------- HiGHS


@cache
def _silence_banner() -> None:
    """HiGHS prints a banner on stdout when its first instance is made: make that one silenced, once."""
    new_highs()


def _run_highs(prob: pulp.LpProblem, gap: float, time_limit: float | None) -> float | None:
    try:
        import highspy  # noqa: F401
    except ImportError:
        raise SolverError("HiGHS is not installed: pip install highspy, or use --solver cbc") from None
    _silence_banner()
    small = sum(v.cat == pulp.LpInteger for v in prob.variables()) <= SMALL
    options = dict(MIP_OPTIONS, **({"presolve": "off"} if small else {}))
    cmd = pulp.HiGHS(msg=False, gapRel=gap, gapAbs=ABS_TOL, timeLimit=time_limit, threads=THREADS, **options)
    try:
        prob.solve(cmd)
    except pulp.PulpSolverError as exc:
        raise SolverError(f"HiGHS failed ({exc}); try --solver cbc") from None
    except (IndexError, KeyError) as exc:
        # PuLP reads row values that HiGHS never produced when it refused the model (e.g. a
        # coefficient it takes as infinite); that is a solver failure, not a result.
        raise SolverError(f"HiGHS returned no solution to read ({type(exc).__name__}); try --solver cbc") from None
    info = prob.solverModel.getInfo()
    dual = getattr(info, "mip_dual_bound", None)
    if dual is None or not abs(dual) < 1e300:
        return None
    return -dual if prob.sense == pulp.LpMaximize else dual
