"""A continuous-time reference evaluator for cyclic graphs, written apart from the engine.

Potyka (KR 2018) gives every modular semantics a continuous-time model ``ds/dt = f(s) - s`` whose
equilibria are the fixed points ``s = f(s)``; Uncertainpy integrates it with classical RK4 from
the base scores. This module does the same with its own update functions (dense adjacency
matrices, the papers' formulas), its own fixed step and its own stopping rule. It reads a graph
only through `ids`, `bases()` and `edges()`.

It reports a result only when it is sure of it to first order: the residual is below `tol` *and*
the linearised error ``|(I - J)^-1 (f(s) - s)|`` (J the Jacobian of f, by central differences) is
below `certain`. Near a neutral cycle (an eigenvalue of J at 1) neither scheme can vouch for its
answer from the residual, so there the reference abstains (returns None).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from trilat_opt.argue import QBAF

Update = Callable[[np.ndarray], np.ndarray]


def update_function(g: QBAF, semantics: str) -> Update:
    """``f(s)``: every argument's new strength from its base and its parents' strengths ``s``."""
    index = {k: i for i, k in enumerate(g.ids)}
    n = len(index)
    att, sup = np.zeros((n, n), dtype=bool), np.zeros((n, n), dtype=bool)
    for src, dst, kind in g.edges():
        (att if kind == "attack" else sup)[index[dst], index[src]] = True
    w = g.bases()

    def dfquad(s: np.ndarray) -> np.ndarray:
        va = 1.0 - np.prod(np.where(att, 1.0 - s, 1.0), axis=1)  # 0 with no attackers
        vs = 1.0 - np.prod(np.where(sup, 1.0 - s, 1.0), axis=1)
        return np.where(va >= vs, w - w * (va - vs), w + (1.0 - w) * (vs - va))

    def energy(s: np.ndarray) -> np.ndarray:
        return sup.astype(float) @ s - att.astype(float) @ s

    def quadratic_energy(s: np.ndarray) -> np.ndarray:
        e = energy(s)
        h = np.maximum(e, 0.0) ** 2 / (1.0 + np.maximum(e, 0.0) ** 2)
        h_neg = np.maximum(-e, 0.0) ** 2 / (1.0 + np.maximum(-e, 0.0) ** 2)
        return w + (1.0 - w) * h - w * h_neg

    def euler(s: np.ndarray) -> np.ndarray:
        return 1.0 - (1.0 - w * w) / (1.0 + w * np.exp(energy(s)))

    return {"dfquad": dfquad, "quadratic-energy": quadratic_energy, "euler": euler}[semantics]


def continuous_strengths(
    g: QBAF, semantics: str, *, tol: float = 1e-12, certain: float = 1e-10, max_steps: int = 5_000
) -> dict[str, float] | None:
    """Equilibrium of ``ds/dt = f(s) - s`` reached from the bases by RK4, or None if not certain."""
    f = update_function(g, semantics)
    indegree = max((sum(1 for e in g.edges() if e[1] == k) for k in g.ids), default=0)
    # |d f_i / d s_j| <= 1, so by Gershgorin h |eigenvalue of J - I| <= 1: inside RK4's stability
    # region wherever the equilibrium itself is stable.
    h = 1.0 / (1.0 + indegree)
    s = g.bases()
    for _ in range(max_steps):
        k1 = f(s) - s
        if np.abs(k1).max(initial=0.0) < tol:
            break
        k2 = f(s + h / 2 * k1) - (s + h / 2 * k1)
        k3 = f(s + h / 2 * k2) - (s + h / 2 * k2)
        k4 = f(s + h * k3) - (s + h * k3)
        s = s + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    else:
        return None
    if linearised_error(f, s) >= certain:
        return None
    return dict(zip(g.ids, s.tolist(), strict=True))


def linearised_error(f: Update, s: np.ndarray) -> float:
    """First-order distance from `s` to the nearby fixed point: ``|(I - J)^-1 (f(s) - s)|_max``."""
    n = len(s)
    eps = 1e-6
    jac = np.empty((n, n))
    for j in range(n):
        d = np.zeros(n)
        d[j] = eps
        jac[:, j] = (f(s + d) - f(s - d)) / (2 * eps)
    try:
        step = np.linalg.solve(np.eye(n) - jac, f(s) - s)
    except np.linalg.LinAlgError:
        return np.inf
    return float(np.abs(step).max(initial=0.0))


def spectral_radius(g: QBAF, semantics: str, at: dict[str, float]) -> float:
    """Largest |eigenvalue| of the Jacobian of f at `at`: above 1, plain iteration cannot settle there."""
    f = update_function(g, semantics)
    s = np.array([at[k] for k in g.ids])
    eps = 1e-7
    jac = np.column_stack([(f(s + eps * e) - f(s - eps * e)) / (2 * eps) for e in np.eye(len(s))])
    return float(np.abs(np.linalg.eigvals(jac)).max())
