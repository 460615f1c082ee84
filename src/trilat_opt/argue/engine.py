"""Vectorised evaluation: layer by layer, all samples at once.

State is an array of shape (arguments, samples) in evaluation order (see `topology`). Each layer's
off-cycle arguments are computed in one pass from earlier layers, exactly. Arguments on cycles are
solved to a tolerance on the residual ``max |f(s) - s|``: by fixed-point iteration ``s <- f(s)``
for DF-QuAD and Euler-based, and by integrating ``ds/dt = f(s) - s`` with classical Runge-Kutta
(RK4) for quadratic energy, as Potyka (KR 2018) defines it. A cycle that does not settle within
the iteration limit raises `NonConvergenceError` naming it, rather than returning a number that
is not a fixed point.

Two extras serve attribution and bounds. `keep` multiplies strengths after every update: a 0
removes an argument (a parent of strength 0 is neutral under all three semantics, so this equals
deleting it with its edges). `interval` treats the samples as pairs (lower, upper) and lets
attackers act with the opposite bound, which propagates exact intervals for monotone semantics.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

from ..errors import TrilatError
from .kernels import Kernel
from .topology import Edges, Topology

__all__ = ["NonConvergenceError", "evaluate"]


class NonConvergenceError(TrilatError):
    """A cycle's strengths did not settle within the iteration limit. `cycle` names it (first == last)."""

    def __init__(self, semantics: str, cycle: list[str], residual: float, iterations: int, tol: float):
        self.semantics = semantics
        self.cycle = cycle
        self.residual = residual
        self.iterations = iterations
        self.tol = tol
        super().__init__(
            f"{semantics} semantics did not converge on the cycle {' -> '.join(cycle)}: residual "
            f"{residual:.3g} > tolerance {tol:g} after {iterations} iterations. Try a larger max_iter, "
            "another semantics, or break the cycle of rebuttals."
        )


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
) -> np.ndarray:
    """Final strengths (positions x samples) from base scores (positions x samples)."""
    state = base * keep if keep is not None else base.copy()
    for layer in topo.layers:
        if layer.mid > layer.start:
            state[layer.start : layer.mid] = _update(topo, kernel, base, keep, interval, layer.start, layer.mid)(state)
        if layer.stop > layer.mid:
            f = _update(topo, kernel, base, keep, interval, layer.mid, layer.stop)
            _solve_cycles(topo, kernel, f, state, layer.mid, layer.stop, tol, max_iter, ids, interval)
    return state


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


def _solve_cycles(
    topo: Topology,
    kernel: Kernel,
    f: _Update,
    state: np.ndarray,
    a: int,
    b: int,
    tol: float,
    max_iter: int,
    ids: list[str],
    interval: bool,
) -> None:
    """Bring positions [a, b) to a fixed point in place, or raise `NonConvergenceError`."""
    if interval:
        _interval_fixpoint(f, state, a, b, tol, max_iter)
        return
    step = _rk4_step(topo, kernel, a, b) if kernel.continuous else None
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007 - `it` is reported on failure
        s0 = state[a:b].copy()
        k1 = f(state) - s0
        residual = np.abs(k1).max(axis=1) if k1.size else np.zeros(b - a)
        if residual.max(initial=0.0) < tol:
            if step is not None:
                np.clip(state[a:b], 0.0, 1.0, out=state[a:b])
            return
        if step is None:
            state[a:b] = s0 + k1
        else:
            state[a:b] = s0 + 0.5 * step * k1
            k2 = f(state) - state[a:b]
            state[a:b] = s0 + 0.5 * step * k2
            k3 = f(state) - state[a:b]
            state[a:b] = s0 + step * k3
            k4 = f(state) - state[a:b]
            state[a:b] = s0 + step / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
    worst = a + int(np.argmax(residual))
    raise NonConvergenceError(kernel.name, _cycle_through(topo, worst, ids), float(residual.max()), it, tol)


def _interval_fixpoint(f: _Update, state: np.ndarray, a: int, b: int, tol: float, max_iter: int) -> None:
    """Shrink [0, 1] to an enclosure of every fixed point; each iterate is already a sound one."""
    state[a:b, 0], state[a:b, 1] = 0.0, 1.0
    for _ in range(max_iter):
        new = f(state)
        change = np.abs(new - state[a:b]).max()
        state[a:b] = new
        if change < tol:
            return


def _rk4_step(topo: Topology, kernel: Kernel, a: int, b: int) -> float:
    """A step inside RK4's stability region: Gershgorin bounds the Jacobian of f by slope x in-degree."""
    indegree = np.diff(topo.att.ptr[a : b + 1]) + np.diff(topo.sup.ptr[a : b + 1])
    radius = kernel.slope * float(indegree.max(initial=0))
    return min(1.0, 2.5 / (1.0 + radius))


def _cycle_through(topo: Topology, pos: int, ids: list[str]) -> list[str]:
    """A shortest cycle through position `pos` inside its strongly connected component, by id."""
    comp = topo.component[pos]
    succ: dict[int, list[int]] = {}
    for edges in (topo.att, topo.sup):
        for dst in np.flatnonzero(topo.component == comp).tolist():
            for src in edges.src[edges.ptr[dst] : edges.ptr[dst + 1]].tolist():
                if topo.component[src] == comp:
                    succ.setdefault(src, []).append(dst)
    parent: dict[int, int] = {}
    queue = deque([pos])
    while queue:
        node = queue.popleft()
        for nxt in sorted(succ.get(node, ())):
            if nxt == pos:
                path = [node]
                while path[-1] != pos:
                    path.append(parent[path[-1]])
                return [ids[topo.order[p]] for p in [pos, *reversed(path[:-1]), pos]]
            if nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    return [ids[topo.order[pos]]]
