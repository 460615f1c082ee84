"""Portfolio core index: under how much of the plausible weight space is each option in the
optimal portfolio?

Following Robust Portfolio Modelling (Liesiö, Mild and Salo 2007, "Preference programming for
robust portfolio modeling and project selection", EJOR 181: 1488-1505), options are classified as
core (selected under every sampled weight vector), exterior (under none) or borderline (the rest),
here over weight vectors sampled uniformly within criteria.yaml's bounds and orderings
(`sampling.py`) rather than over the extreme points of the weight set. The core index of an option
is its share of samples, with the binomial standard error.

Each sample re-solves one programme built once per worker (`resolve.Resolver`); samples are
spread over the available cores in order, so the result does not depend on the worker count.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..optimize.resolve import Resolver
from ..values import ValueModel
from ..workers import cores

__all__ = ["CoreIndex", "classify", "core_index", "core_portfolios", "core_summary"]

_TASK = 20  # samples per task sent to a worker


@dataclass(frozen=True)
class CoreIndex:
    """Per option: share of samples selected, its standard error and class; and the portfolios seen."""

    table: pd.DataFrame  # option -> share, se, class
    portfolios: pd.DataFrame  # one row per distinct optimal portfolio: options, samples, share
    samples: int
    seed: int | None
    workers: int
    engine: str
    method: str


def classify(share: float) -> str:
    """core (always selected), exterior (never) or borderline."""
    return "core" if share >= 1.0 else "exterior" if share <= 0.0 else "borderline"


def core_index(
    problem,
    values: ValueModel,
    weights: np.ndarray,
    *,
    objective: str = "value",
    solver: str = "cbc",
    workers: int | None = None,
    progress: bool = False,
    seed: int | None = None,
    method: str = "given weight samples",
) -> CoreIndex:
    """Core index of every option of `problem` over the weight samples `weights` (k x criteria).

    `values` turns a weight vector into the problem's value columns. `workers` defaults to the
    cores available; with one worker (or few samples) everything runs in this process.
    """
    weights = np.asarray(weights, dtype=float)
    workers = _workers(workers, len(weights))
    portfolios: list[tuple[str, ...]] = []
    engine = ""
    with _progress(progress, len(weights)) as advance:
        for chunk_result, chunk_engine in _solve_all(problem, values, weights, objective, solver, workers):
            portfolios.extend(chunk_result)
            engine = chunk_engine
            advance(len(chunk_result))
    return core_summary(problem.options, portfolios, seed=seed, workers=workers, engine=engine, method=method)


def core_portfolios(
    problem, values: ValueModel, weights: np.ndarray, *, objective: str = "value", solver: str = "cbc"
) -> tuple[list[tuple[str, ...]], str]:
    """The optimal portfolio under each weight vector, solved in this process, and the engine used.

    For callers that spread the samples over workers of their own (the report's `jobs`); the
    portfolios of all parts, in sample order, make `core_summary`'s input.
    """
    _init(problem, values, objective, solver)
    try:
        return _solve_chunk(np.asarray(weights, dtype=float))
    finally:
        _STATE.clear()


# ---------------------------------------------------------------------------- solving


def _workers(requested: int | None, samples: int) -> int:
    n = requested if requested is not None else cores()
    return max(1, min(n, math.ceil(samples / _TASK)))


_STATE: dict[str, object] = {}


def _init(problem, values: ValueModel, objective: str, solver: str) -> None:
    _STATE["resolver"] = Resolver(problem, objective, solver)
    _STATE["values"] = values


def _solve_chunk(weights: np.ndarray) -> tuple[list[tuple[str, ...]], str]:
    resolver: Resolver = _STATE["resolver"]  # type: ignore[assignment]
    values: ValueModel = _STATE["values"]  # type: ignore[assignment]
    resolver.forget()  # warm starts from this chunk's own solves: the same result in any worker
    return [resolver.selected(values.values(w)) for w in weights], resolver.engine


def _solve_all(problem, values, weights, objective, solver, workers) -> Iterator[tuple[list[tuple[str, ...]], str]]:
    chunks = [weights[i : i + _TASK] for i in range(0, len(weights), _TASK)]
    if workers == 1:
        _init(problem, values, objective, solver)
        try:
            yield from (_solve_chunk(c) for c in chunks)
        finally:
            _STATE.clear()
        return
    import multiprocessing as mp

    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    with mp.get_context(method).Pool(workers, _init, (problem, values, objective, solver)) as pool:
        yield from pool.imap(_solve_chunk, chunks)


def _progress(enabled: bool, total: int):
    """A context yielding `advance(n)`: a rich progress bar on stderr, or nothing."""
    from contextlib import contextmanager

    @contextmanager
    def bar():
        if not enabled:
            yield lambda n: None
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        columns = (TextColumn("core index"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=Console(stderr=True), transient=True) as prog:
            task = prog.add_task("solve", total=total)
            yield lambda n: prog.advance(task, n)

    return bar()


def core_summary(
    options, portfolios: list[tuple[str, ...]], *, seed=None, workers=1, engine="", method="given weight samples"
) -> CoreIndex:
    """The core index from the optimal portfolio of each sample."""
    k = len(portfolios)
    counts = Counter(o for p in portfolios for o in p)
    share = np.array([counts.get(o, 0) / k if k else 0.0 for o in options])
    table = pd.DataFrame(
        {"share": share, "se": np.sqrt(share * (1 - share) / max(k, 1)), "class": [classify(s) for s in share]},
        index=pd.Index(list(options), name="option"),
    )
    table = table.sort_values("share", ascending=False, kind="stable")
    seen = Counter(portfolios)
    rows = [{"options": ", ".join(p), "size": len(p), "samples": c, "share": c / k} for p, c in seen.items()]
    frame = pd.DataFrame(rows, columns=["options", "size", "samples", "share"])
    frame = frame.sort_values(["samples", "options"], ascending=[False, True], kind="stable")
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="rank")
    return CoreIndex(table, frame, k, seed, workers, engine, method)
