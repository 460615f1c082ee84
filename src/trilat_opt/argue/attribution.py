"""Which arguments move a target's strength, and by how much.

Three contribution functions from the argument-attribution literature (Yin, Potyka and Toni,
"Argument attribution explanations in quantitative bipolar argumentation frameworks", ECAI 2023;
Kampik, Potyka, Yin, Čyras and Toni, "Contribution functions for quantitative bipolar
argumentation graphs: a principle-based analysis", 2024), for a topic ``t`` and contributor ``y``:

- removal: ``σ(t) - σ'(t)`` where ``σ'`` is evaluated on the graph without ``y`` (and its edges).
  The default, because it answers "what if this argument were rebutted away" and, unlike the
  gradient, is not zero for an argument that matters but is saturated.
- gradient: ``∂σ(t) / ∂τ(y)``, the sensitivity to ``y``'s base score, by a forward difference
  (backward at a base of 1), as in the reference implementation QBAF-Py.
- shapley: the Shapley value of ``y`` in the game whose players are the other arguments and whose
  value of a coalition ``S`` is ``σ(t)`` on the graph restricted to ``S ∪ {t}``. Exact up to
  `EXACT_SHAPLEY_LIMIT` players, else estimated from `samples` random orders (Castro et al. 2009);
  either way the contributions add up to ``σ(t) - σ_{t alone}(t)``.

Only ancestors of ``t`` can contribute (every other argument is a null player and scores 0 under
all three), so each function works on the ancestor subgraph and returns only ancestors. Removing
an argument is done by holding its strength at 0, which under all three semantics is the same as
deleting it, and lets all coalitions be evaluated as one vectorised batch.
"""

from __future__ import annotations

import math

import numpy as np

from .graph import DEFAULT_MAX_ITER, QBAF, GraphError

__all__ = ["ATTRIBUTION_METHODS", "EXACT_SHAPLEY_LIMIT", "attribution"]

ATTRIBUTION_METHODS = ("removal", "gradient", "shapley")
EXACT_SHAPLEY_LIMIT = 12
_STEP = 1.4901161193847656e-08  # sqrt(machine epsilon), as in QBAF-Py
_BATCH = 4096


def attribution(
    g: QBAF,
    target: str,
    method: str = "removal",
    semantics: str = "dfquad",
    *,
    samples: int = 2000,
    seed: int | np.random.Generator = 0,
    tol: float = 1e-9,
    max_iter: int = DEFAULT_MAX_ITER,
    exact_limit: int = EXACT_SHAPLEY_LIMIT,
) -> dict[str, float]:
    """Contribution of each ancestor of `target` to its final strength, keyed by id in sorted order."""
    if method not in ATTRIBUTION_METHODS:
        raise GraphError(f"unknown attribution method {method!r}; expected one of {', '.join(ATTRIBUTION_METHODS)}")
    players = sorted(g.ancestors(target))
    if not players:
        return {}
    sub = g.subgraph([target, *players])
    t = sub.ids.index(target)
    cols = [sub.ids.index(p) for p in players]
    kw = {"semantics": semantics, "tol": tol, "max_iter": max_iter}
    if method == "removal":
        values = _removal(sub, t, cols, kw)
    elif method == "gradient":
        values = _gradient(sub, t, cols, kw)
    elif len(players) <= exact_limit:
        values = _shapley_exact(sub, t, cols, kw)
    else:
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        values = _shapley_sampled(sub, t, cols, kw, samples, rng)
    return dict(zip(players, values.tolist(), strict=True))


def _removal(sub: QBAF, t: int, cols: list[int], kw: dict) -> np.ndarray:
    keep = np.ones((len(cols) + 1, len(sub)))
    keep[np.arange(1, len(cols) + 1), cols] = 0.0
    out = sub.evaluate(np.tile(sub.bases(), (len(cols) + 1, 1)), keep=keep, **kw)[:, t]
    return out[0] - out[1:]


def _gradient(sub: QBAF, t: int, cols: list[int], kw: dict) -> np.ndarray:
    base = sub.bases()
    if not sub.is_acyclic():
        # A fixed point is only known to within tol, so the difference quotient needs a wider
        # step and a tighter solve to stay meaningful.
        kw = {**kw, "tol": min(kw["tol"], 1e-13)}
    step = _STEP if sub.is_acyclic() else 1e-5
    batch = np.tile(base, (len(cols) + 1, 1))
    up = base[cols] + step <= 1.0
    rows = np.arange(1, len(cols) + 1)
    batch[rows, cols] = np.where(up, base[cols] + step, base[cols] - step)
    out = sub.evaluate(batch, **kw)[:, t]
    return np.where(up, out[1:] - out[0], out[0] - out[1:]) / step


def _coalition_values(sub: QBAF, t: int, cols: list[int], members: np.ndarray, kw: dict) -> np.ndarray:
    """σ(t) for each row of `members` (coalitions x players, bool), in batches."""
    base = sub.bases()
    out = np.empty(len(members))
    for a in range(0, len(members), _BATCH):
        chunk = members[a : a + _BATCH]
        keep = np.zeros((len(chunk), len(sub)))
        keep[:, t] = 1.0
        keep[:, cols] = chunk
        out[a : a + _BATCH] = sub.evaluate(np.tile(base, (len(chunk), 1)), keep=keep, **kw)[:, t]
    return out


def _shapley_exact(sub: QBAF, t: int, cols: list[int], kw: dict) -> np.ndarray:
    k = len(cols)
    masks = np.arange(1 << k)
    members = (masks[:, None] >> np.arange(k)) & 1
    value = _coalition_values(sub, t, cols, members.astype(float), kw)
    size = members.sum(axis=1)
    weight = np.array([math.factorial(s) * math.factorial(k - s - 1) / math.factorial(k) for s in range(k)])
    phi = np.empty(k)
    for i in range(k):
        without = masks[members[:, i] == 0]
        phi[i] = float(np.sum(weight[size[without]] * (value[without | (1 << i)] - value[without])))
    return phi


def _shapley_sampled(
    sub: QBAF, t: int, cols: list[int], kw: dict, samples: int, rng: np.random.Generator
) -> np.ndarray:
    k = len(cols)
    perms = np.argsort(rng.random((samples, k)), axis=1)
    phi = np.zeros(k)
    step = max(1, _BATCH // (k + 1))
    for a in range(0, samples, step):
        block = perms[a : a + step]
        rank = np.empty_like(block)
        rank[np.arange(len(block))[:, None], block] = np.arange(k)
        # Prefix j of a permutation holds its first j players: k + 1 coalitions per permutation.
        prefix = (rank[:, None, :] < np.arange(k + 1)[None, :, None]).astype(float)
        value = _coalition_values(sub, t, cols, prefix.reshape(-1, k), kw).reshape(len(block), k + 1)
        np.add.at(phi, block.ravel(), np.diff(value, axis=1).ravel())
    return phi / samples
