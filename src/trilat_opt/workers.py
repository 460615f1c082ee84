"""Named jobs on one shared object, started side by side in forked worker processes.

The report's slow analyses (core index, risk-value frontier, portfolio stability, roadmap, the
capitals' portfolios, critical arguments) each re-solve a portfolio programme tens to hundreds
of times, and each depends only on the evaluation, not on the others; the frontier's walk splits
into walks over bands of the exposure range. One after another they use one core at a
time. `Jobs` starts them all at once in worker processes, one per core; the caller then collects
each result when it needs it, doing other work meanwhile.

Forking (where the platform has it) lets the workers inherit the shared object (a report's run,
with its scores and problem): the jobs are named, never pickled, and only their
results travel back. A job computes exactly what the caller would compute itself, so results are
byte-identical with or without workers. A job that fails in a worker, or a worker that dies, is
run again in the caller's process when its result is asked for, so its error is raised there as
it would be without workers. With one core, or no fork, every job simply runs when asked for.
One `Jobs` at a time per process: the shared object is held in a module global for the fork.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

__all__ = ["Job", "Jobs", "available", "cores"]

Job = Callable[[Any], Any]
"""A computation on the shared object whose result is needed later; it must not change the object."""

_SHARED: dict[str, Any] = {}
"""The shared object and the jobs, set before the workers are forked so that each inherits them."""


def _call(name: str) -> tuple[bool, Any]:
    """In a worker: run one job; (False, None) when it fails, so the caller's process runs it again."""
    try:
        return True, _SHARED["jobs"][name](_SHARED["shared"])
    except BaseException:  # any failure is retried, and so raised, in the caller's process
        return False, None


def cores() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def available(workers: int | None, jobs: int) -> int:
    """The worker processes `Jobs` would start for `jobs` jobs (0: it runs them when asked for)."""
    n = min(workers if workers is not None else cores(), jobs)
    return n if n >= 2 and "fork" in mp.get_all_start_methods() else 0


class Jobs:
    """Named jobs on `shared`, started in worker processes when that helps; `result(name)` waits for one.

    `workers`: at most this many processes (default: the cores available); fewer than two means
    none. Use as a context manager: leaving it stops the workers, cancelling what was not collected.
    """

    def __init__(self, shared: Any, jobs: Mapping[str, Job], workers: int | None = None):
        self.shared, self.jobs = shared, dict(jobs)
        self._futures: dict[str, Future] = {}
        self._pool: ProcessPoolExecutor | None = None
        n = available(workers, len(self.jobs))
        self.workers = 0
        """Worker processes started (0: every job runs in this process when asked for)."""
        if n:
            _SHARED.update(shared=shared, jobs=self.jobs)
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
        return self.jobs[name](self.shared)

    def close(self) -> None:
        """Stop the workers. Jobs not collected (the caller failed, was interrupted, or did not
        need them) are stopped, not waited for: Ctrl-C during a report ends it at once."""
        if self._pool is not None:
            if any(not f.done() for f in self._futures.values()):
                _terminate(self._pool)
            self._pool.shutdown(wait=not self._futures, cancel_futures=True)
            self._pool = None
            _SHARED.clear()
        self._futures.clear()

    def __enter__(self) -> Jobs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _terminate(pool: ProcessPoolExecutor) -> None:
    """End the pool's worker processes now, with the work they hold: `terminate_workers` from
    Python 3.14, the processes themselves before it (the executor has no public way until then)."""
    stop = getattr(pool, "terminate_workers", None)
    if stop is not None:
        stop()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
