"""Strengths of the arguments on cycles: two schemes that look for a fixed point, and the error
raised when neither finds one.

On a cycle, strengths are a fixed point ``s = f(s)`` of the update function, looked for from the
base scores by one of two schemes, each sample on its own:

- *iteration*, ``s <- f(s)``: how DF-QuAD and Euler-based semantics are defined on cycles. It
  settles where f contracts, but can oscillate for ever: in a mutual attack of two arguments of
  base 1 it swaps 0 and 1, and in dense cycles of rebuttals the linearised update at the fixed
  point can have complex eigenvalues of modulus just above 1.
- *continuous*: the continuous-time model ``ds/dt = f(s) - s`` (Potyka, KR 2018), integrated by
  classical Runge-Kutta (RK4). Same fixed points; it settles wherever the linearised update's
  eigenvalues have real part below 1, which takes in every modulus below 1. Quadratic energy is
  defined by it. DF-QuAD and Euler fall back to it for a sample whose iteration stalls (its
  residual has not fallen over `WINDOW` steps) or runs out of steps, starting again from the base
  scores (where Uncertainpy's continuous models start). Each strength records its scheme.

Cycles are solved in the order of the condensation, each from its bases once the cycles upstream
have settled. Where a cycle has more than one stable fixed point, which one is reached depends on
that convention and on the scheme: iteration and the continuous model, both from the bases, can
settle at different ones (each is a true fixed point, and the result names its scheme), and so can
a model that integrates the whole graph at once.

Both stop at a residual ``max |f(s) - s|`` below `tol`. That bounds the distance to the fixed point
only as far as the cycle contracts, roughly ``residual / (1 - rate)``: where the linearised update
has an eigenvalue at or near 1 (a near-neutral cycle, which settles slowly rather than
geometrically) the error can exceed `tol` by orders of magnitude. Where it matters, solve again
with a tighter `tol` and compare.

Where neither scheme settles within `max_iter` steps each, `NonConvergenceError` names a cycle
through the argument with the largest residual, rather than return a number that is not a fixed
point.
"""

from __future__ import annotations

from collections import deque
from typing import Protocol

import numpy as np

from ..errors import TrilatError
from .kernels import Kernel
from .topology import Topology

__all__ = [
    "CONTINUOUS",
    "EXACT",
    "ITERATION",
    "SCHEMES",
    "WINDOW",
    "NonConvergenceError",
    "cycle_through",
    "interval_fixpoint",
    "solve_cycles",
]

SCHEMES = ("exact", "iteration", "continuous")  # indexed by the codes below
EXACT, ITERATION, CONTINUOUS = 0, 1, 2
WINDOW = 100  # iteration steps over which a sample's residual must fall, or it is handed to RK4


class NonConvergenceError(TrilatError):
    """No scheme brought a cycle's strengths to a fixed point. `cycle` names it (first == last);
    `schemes` lists the schemes tried, each for `iterations` steps."""

    def __init__(
        self,
        semantics: str,
        cycle: list[str],
        residual: float,
        iterations: int,
        tol: float,
        schemes: tuple[str, ...],
    ):
        self.semantics = semantics
        self.cycle = cycle
        self.residual = residual
        self.iterations = iterations
        self.tol = tol
        self.schemes = schemes
        what = (
            "neither fixed-point iteration nor the continuous-time model (RK4) settled"
            if len(schemes) > 1
            else f"{_NAMES[schemes[0]]} did not settle"
        )
        super().__init__(
            f"{semantics} semantics did not converge on the cycle {' -> '.join(cycle)}: {what} within "
            f"{iterations} steps (residual {residual:.3g} > tolerance {tol:g}). Try a larger max_iter, another "
            "semantics, or break the cycle of rebuttals."
        )


_NAMES = {"iteration": "fixed-point iteration", "continuous": "the continuous-time model (RK4)"}


class Update(Protocol):
    """The update function of positions [a, b) given the whole state (positions x samples)."""

    def __call__(self, state: np.ndarray) -> np.ndarray: ...

    def columns(self, cols: np.ndarray) -> Update:
        """The same function on the samples selected by `cols` only."""
        ...


def solve_cycles(
    topo: Topology,
    kernel: Kernel,
    f: Update,
    state: np.ndarray,
    a: int,
    b: int,
    *,
    tol: float,
    max_iter: int,
    ids: list[str],
) -> tuple[np.ndarray, float]:
    """Bring positions [a, b) to a fixed point in place; return each sample's scheme and the largest residual.

    Raises `NonConvergenceError` if some sample settles under neither scheme.
    """
    start = state[a:b].copy()
    scheme = np.full(state.shape[1], CONTINUOUS, dtype=np.int8)
    gap = np.zeros_like(start)
    todo = np.ones(state.shape[1], dtype=bool)
    if not kernel.continuous:
        gap = _iterate(f, state, a, b, tol, max_iter)
        todo = gap.max(axis=0, initial=0.0) >= tol
        scheme[~todo] = ITERATION
        state[a:b, todo] = start[:, todo]
    if todo.any():
        step = _rk4_step(topo, kernel, a, b)
        if todo.all():
            gap = _integrate(f, state, a, b, step, tol, max_iter)
        else:
            sub = state[:, todo]
            gap[:, todo] = _integrate(f.columns(todo), sub, a, b, step, tol, max_iter)
            state[a:b, todo] = sub[a:b]
    worst = gap.max(axis=1, initial=0.0)
    if worst.max(initial=0.0) >= tol:
        tried = ("continuous",) if kernel.continuous else ("iteration", "continuous")
        pos = a + int(np.argmax(worst))
        raise NonConvergenceError(kernel.name, cycle_through(topo, pos, ids), float(worst.max()), max_iter, tol, tried)
    return scheme, float(worst.max(initial=0.0))


def _iterate(f: Update, state: np.ndarray, a: int, b: int, tol: float, max_iter: int) -> np.ndarray:
    """``s <- f(s)`` per sample until its residual is below `tol` or has not fallen over `WINDOW`
    steps; returns ``|f(s) - s|``. A sample stops moving once it stops, so its result does not
    depend on the other samples in the batch."""
    active = np.ones(state.shape[1], dtype=bool)
    last = np.full(state.shape[1], np.inf)
    gap = np.zeros((b - a, state.shape[1]))
    for it in range(1, max_iter + 1):
        new = f(state)
        np.abs(new - state[a:b], out=gap)
        residual = gap.max(axis=0, initial=0.0)
        active &= residual >= tol
        if it % WINDOW == 0:
            active &= residual < last
            last = residual
        if not active.any() or it == max_iter:
            break
        state[a:b, active] = new[:, active]
    return gap


def _integrate(f: Update, state: np.ndarray, a: int, b: int, step: float, tol: float, max_iter: int) -> np.ndarray:
    """RK4 on ``ds/dt = f(s) - s`` per sample until its residual is below `tol` (at most `max_iter`
    steps); returns ``|f(s) - s|``. Strengths are clipped to [0, 1] against rounding at the end."""
    active = np.ones(state.shape[1], dtype=bool)
    for it in range(max_iter + 1):
        s0 = state[a:b].copy()
        k1 = f(state) - s0
        gap = np.abs(k1)
        active &= gap.max(axis=0, initial=0.0) >= tol
        if it == max_iter or not active.any():
            break
        k2 = _slope(f, state, a, b, s0 + 0.5 * step * k1)
        k3 = _slope(f, state, a, b, s0 + 0.5 * step * k2)
        k4 = _slope(f, state, a, b, s0 + step * k3)
        state[a:b] = np.where(active, s0 + step / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4), s0)
    np.clip(state[a:b], 0.0, 1.0, out=state[a:b])
    return gap


def _slope(f: Update, state: np.ndarray, a: int, b: int, at: np.ndarray) -> np.ndarray:
    """``f(s) - s`` with positions [a, b) set to `at` (left there: the caller overwrites them)."""
    state[a:b] = at
    return f(state) - at


def interval_fixpoint(f: Update, state: np.ndarray, a: int, b: int, tol: float, max_iter: int) -> None:
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


def cycle_through(topo: Topology, pos: int, ids: list[str]) -> list[str]:
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
