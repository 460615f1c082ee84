"""The report's slow analyses, started side by side in worker processes.

A full report's analyses (core index, risk-value frontier, portfolio stability, roadmap, the
capitals' portfolios, critical arguments) each re-solve a portfolio programme tens to hundreds
of times, and each depends only on the evaluation, not on the others. One after another they took
about 7 of a full report's 8.6 s on two cores, one core at a time for most of it. `Jobs` starts
them all at once in forked worker processes, one per core, as soon as the portfolio is known; the
steps then run in their usual order and collect each result when they come to it, while the
steps that need no solver go on in the report's own process.

Forking (where the platform has it) lets the workers inherit the run, its scores, problem and
portfolio: the jobs are named, never pickled, and only their results travel back. A job computes
exactly what the step would compute itself, so a report is byte-identical with or without
workers. A job that fails in a worker, or a worker that dies, is run again in the report's own
process when its step asks, so its error is raised there as it would be without workers. With
one core, or no fork, every job simply runs when its step asks for it.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .run import Run

__all__ = ["Job", "Jobs"]

Job = Callable[["Run"], Any]
"""A computation on a run whose result a step needs; it must not change the run."""

_SHARED: dict[str, Any] = {}
"""The run and its jobs, set before the workers are forked so that each inherits them."""


def _call(name: str) -> tuple[bool, Any]:
    """In a worker: run one job; (False, None) when it fails, so the report's process runs it again."""
    try:
        return True, _SHARED["jobs"][name](_SHARED["run"])
    except BaseException:  # any failure is retried, and so raised, in the report's process
        return False, None


def cores() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class Jobs:
    """Named jobs on a run, started in worker processes when that helps; `result(name)` waits for one.

    Use as a context manager: leaving it stops the workers (cancelling what no step collected).
    """

    def __init__(self, run: Run, jobs: Mapping[str, Job], workers: int | None = None):
        self.run, self.jobs = run, dict(jobs)
        self._futures: dict[str, Future] = {}
        self._pool: ProcessPoolExecutor | None = None
        n = min(workers if workers is not None else cores(), len(self.jobs))
        self.workers = 0
        """Worker processes started (0: every job runs in this process when its step asks)."""
        if n >= 2 and "fork" in mp.get_all_start_methods():
            _SHARED.update(run=run, jobs=self.jobs)
            self._pool = ProcessPoolExecutor(n, mp_context=mp.get_context("fork"))
            self._futures = {name: self._pool.submit(_call, name) for name in self.jobs}
            self.workers = n

    def __contains__(self, name: str) -> bool:
        return name in self.jobs

    def result(self, name: str) -> Any:
        """The job's result: from its worker, or computed now when it has none or it failed there."""
        future = self._futures.pop(name, None)
        if future is not None:
            try:
                done, value = future.result()
            except Exception:  # a worker died or its result could not travel back: compute it here
                done, value = False, None
            if done:
                return value
        return self.jobs[name](self.run)

    def close(self) -> None:
        """Stop the workers; jobs no step collected are cancelled."""
        if self._pool is not None:
            self._pool.shutdown(wait=not self._futures, cancel_futures=True)
            self._pool = None
        self._futures.clear()
        _SHARED.clear()

    def __enter__(self) -> Jobs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
