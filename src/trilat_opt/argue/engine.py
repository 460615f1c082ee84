"""Vectorised evaluation: layer by layer, all samples at once.

State is an array of shape (arguments, samples) in evaluation order (see `topology`). Each layer's
off-cycle arguments are computed in one pass from earlier layers, exactly. Arguments on cycles
(self-loops included) are solved to a tolerance on the residual ``max |f(s) - s|`` by fixed-point
iteration or the continuous-time model; `cycles` says which is used when, what the residual does
and does not guarantee, and when `NonConvergenceError` is raised instead. Every result carries the
scheme that produced it.

Two extras serve attribution and bounds. `keep` multiplies strengths after every update: a 0
removes an argument (a parent of strength 0 is neutral under all three semantics, so this equals
deleting it with its edges). `interval` treats the samples as pairs (lower, upper) and lets
attackers act with the opposite bound, which propagates exact intervals for monotone semantics.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .cycles import EXACT, ITERATION, interval_fixpoint, solve_cycles
from .kernels import Kernel
from .topology import Edges, Topology

__all__ = ["Solved", "evaluate"]


@dataclass(frozen=True)
class Solved:
    """Final strengths and how each was obtained, all (positions x samples) in evaluation order.

    `scheme` holds codes into `cycles.SCHEMES` (exact, iteration, continuous); `residual` is the
    largest ``|f(s) - s|`` left on any cycle (0.0 without cycles).
    """

    state: np.ndarray
    scheme: np.ndarray
    residual: float


@dataclass(frozen=True)
class _Segment:
    """Incoming edges of positions [a, b): gathered sources and where each target's run starts."""

    count: int
    src: np.ndarray
    starts: np.ndarray
    nonempty: np.ndarray | None  # None when every target has at least one parent


def _segment(edges: Edges, a: int, b: int) -> _Segment:
    lo, hi = int(edges.ptr[a]), int(edges.ptr[b])
    nonempty = np.diff(edges.ptr[a : b + 1]) > 0
    starts = edges.ptr[a:b][nonempty] - lo
    return _Segment(b - a, edges.src[lo:hi], starts, None if nonempty.all() else nonempty)


def _reduce(seg: _Segment, state: np.ndarray, product: bool) -> np.ndarray:
    """Per target: ``prod(1 - parent)`` (1 if none) or ``sum(parent)`` (0 if none)."""
    if seg.src.size == 0:
        return np.full((seg.count, state.shape[1]), 1.0 if product else 0.0)
    vals = state[seg.src]
    if product:
        np.subtract(1.0, vals, out=vals)
        red = np.multiply.reduceat(vals, seg.starts, axis=0)
    else:
        red = np.add.reduceat(vals, seg.starts, axis=0)
    if seg.nonempty is None:
        return red
    out = np.full((seg.count, state.shape[1]), 1.0 if product else 0.0)
    out[seg.nonempty] = red
    return out


@dataclass(frozen=True)
class _Update:
    """The update function of positions [a, b) given the whole state."""

    kernel: Kernel
    base: np.ndarray
    att: _Segment
    sup: _Segment
    keep: np.ndarray | None
    interval: bool

    def __call__(self, state: np.ndarray) -> np.ndarray:
        att_from = state[:, ::-1] if self.interval else state
        out = self.kernel.combine(
            self.base, _reduce(self.att, att_from, self.kernel.product), _reduce(self.sup, state, self.kernel.product)
        )
        return out * self.keep if self.keep is not None else out

    def columns(self, cols: np.ndarray) -> _Update:
        """The same update for the samples selected by `cols` (not for intervals, whose samples pair up)."""
        return replace(self, base=self.base[:, cols], keep=None if self.keep is None else self.keep[:, cols])


def evaluate(
    topo: Topology,
    kernel: Kernel,
    base: np.ndarray,
    *,
    tol: float,
    max_iter: int,
    ids: list[str],
    keep: np.ndarray | None = None,
    interval: bool = False,
) -> Solved:
    """Final strengths (positions x samples) from base scores (positions x samples)."""
    state = base * keep if keep is not None else base.copy()
    scheme = np.full(state.shape, EXACT, dtype=np.int8)
    residual = 0.0
    for layer in topo.layers:
        if layer.mid > layer.start:
            state[layer.start : layer.mid] = _update(topo, kernel, base, keep, interval, layer.start, layer.mid)(state)
        if layer.stop > layer.mid:
            f = _update(topo, kernel, base, keep, interval, layer.mid, layer.stop)
            if interval:
                interval_fixpoint(f, state, layer.mid, layer.stop, tol, max_iter)
                scheme[layer.mid : layer.stop] = ITERATION
                continue
            used, left = solve_cycles(
                topo, kernel, f, state, layer.mid, layer.stop, tol=tol, max_iter=max_iter, ids=ids
            )
            scheme[layer.mid : layer.stop] = used
            residual = max(residual, left)
    return Solved(state, scheme, residual)


def _update(
    topo: Topology, kernel: Kernel, base: np.ndarray, keep: np.ndarray | None, interval: bool, a: int, b: int
) -> _Update:
    return _Update(
        kernel,
        base[a:b],
        _segment(topo.att, a, b),
        _segment(topo.sup, a, b),
        keep[a:b] if keep is not None else None,
        interval,
    )
