"""A continuous-time reference evaluator for cyclic graphs, written apart from the engine.

Potyka (KR 2018) gives every modular semantics a continuous-time model ``ds/dt = f(s) - s`` whose
equilibria are the fixed points ``s = f(s)``; Uncertainpy integrates it with classical RK4 from
the base scores. This module does the same with its own update functions (dense adjacency
matrices, the papers' formulas), its own fixed step and its own stopping rule. It reads a graph
only through `ids`, `bases()` and `edges()`.

It reports a result only when it is sure of it, and abstains (returns None) otherwise:

- to first order: the residual is below `tol` *and* the linearised error ``|(I - J)^-1 (f(s) - s)|``
  (J the Jacobian of f, by central differences) is below `certain`. Near a neutral cycle (an
  eigenvalue of J at 1) no scheme can vouch for its answer from the residual.
- as the only answer: integrated from a few other starting points (all 0, all 1, one random
  point), the model settles at the same equilibrium or not at all. Where a cycle has several
  stable fixed points, which one is reached depends on the scheme and the start (iteration and
  the continuous model, both from the bases, can part ways), so no single answer is right.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from trilat_opt.argue import QBAF

Update = Callable[[np.ndarray], np.ndarray]  # strengths (arguments x starts) -> the same shape


def update_function(g: QBAF, semantics: str) -> Update:
    """``f(s)``: every argument's new strength from its base and its parents' strengths ``s``, for
    a column of strengths per starting point (arguments x starts)."""
    index = {k: i for i, k in enumerate(g.ids)}
    n = len(index)
    att, sup = np.zeros((n, n)), np.zeros((n, n))  # [target, source] = 1 where the edge exists
    for src, dst, kind in g.edges():
        (att if kind == "attack" else sup)[index[dst], index[src]] = 1.0
    w = g.bases()[:, None]

    def dfquad(s: np.ndarray) -> np.ndarray:
        # 1 - prod over attackers of (1 - v): the factor is (1 - v) on an edge and 1 elsewhere.
        va = 1.0 - np.prod(1.0 - att[:, :, None] * s[None, :, :], axis=1)
        vs = 1.0 - np.prod(1.0 - sup[:, :, None] * s[None, :, :], axis=1)
        return np.where(va >= vs, w - w * (va - vs), w + (1.0 - w) * (vs - va))

    def quadratic_energy(s: np.ndarray) -> np.ndarray:
        e = sup @ s - att @ s
        h = np.maximum(e, 0.0) ** 2 / (1.0 + np.maximum(e, 0.0) ** 2)
        h_neg = np.maximum(-e, 0.0) ** 2 / (1.0 + np.maximum(-e, 0.0) ** 2)
        return w + (1.0 - w) * h - w * h_neg

    def euler(s: np.ndarray) -> np.ndarray:
        return 1.0 - (1.0 - w * w) / (1.0 + w * np.exp(sup @ s - att @ s))

    return {"dfquad": dfquad, "quadratic-energy": quadratic_energy, "euler": euler}[semantics]


def continuous_strengths(
    g: QBAF, semantics: str, *, tol: float = 1e-12, certain: float = 1e-10, max_steps: int = 5_000
) -> dict[str, float] | None:
    """Equilibrium of ``ds/dt = f(s) - s`` reached from the bases by RK4, or None if not certain."""
    f = update_function(g, semantics)
    n = len(g)
    indegree = max((sum(1 for e in g.edges() if e[1] == k) for k in g.ids), default=0)
    # |d f_i / d s_j| <= 1, so by Gershgorin h |eigenvalue of J - I| <= 1: inside RK4's stability
    # region wherever the equilibrium itself is stable.
    h = 1.0 / (1.0 + indegree)
    starts = np.column_stack([g.bases(), np.zeros(n), np.ones(n), np.random.default_rng(0).random(n)])
    s, settled = _settle(f, starts, h, tol, max_steps)
    if not settled[0] or linearised_error(f, s[:, 0]) >= certain:
        return None
    if (np.abs(s[:, settled] - s[:, [0]]).max(initial=0.0)) > 1e-6:
        return None  # another equilibrium attracts too
    return dict(zip(g.ids, s[:, 0].tolist(), strict=True))


def _settle(f: Update, s: np.ndarray, h: float, tol: float, max_steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Classical RK4 with step `h` from each column of `s`, each until its residual is below `tol`;
    returns the end points and which columns settled."""
    moving = np.ones(s.shape[1], dtype=bool)
    for _ in range(max_steps):
        k1 = f(s) - s
        moving &= np.abs(k1).max(axis=0, initial=0.0) >= tol
        if not moving.any():
            break
        k2 = f(s + h / 2 * k1) - (s + h / 2 * k1)
        k3 = f(s + h / 2 * k2) - (s + h / 2 * k2)
        k4 = f(s + h * k3) - (s + h * k3)
        s = np.where(moving, s + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4), s)
    return s, ~moving


def linearised_error(f: Update, s: np.ndarray) -> float:
    """First-order distance from `s` to the nearby fixed point: ``|(I - J)^-1 (f(s) - s)|_max``."""
    jac = jacobian(f, s)
    try:
        step = np.linalg.solve(np.eye(len(s)) - jac, f(s[:, None])[:, 0] - s)
    except np.linalg.LinAlgError:
        return np.inf
    return float(np.abs(step).max(initial=0.0))


def jacobian(f: Update, s: np.ndarray, eps: float = 1e-7) -> np.ndarray:
    """``d f_i / d s_j`` at `s` by central differences, all columns in one call of f."""
    eye = np.eye(len(s))
    return (f(s[:, None] + eps * eye) - f(s[:, None] - eps * eye)) / (2 * eps)


def spectral_radius(g: QBAF, semantics: str, at: dict[str, float]) -> float:
    """Largest |eigenvalue| of the Jacobian of f at `at`: above 1, plain iteration cannot settle there."""
    s = np.array([at[k] for k in g.ids])
    return float(np.abs(np.linalg.eigvals(jacobian(update_function(g, semantics), s))).max())
