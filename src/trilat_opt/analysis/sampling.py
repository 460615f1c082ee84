"""Weight vectors drawn uniformly from the weight simplex, or from the part of it that the
analyst's bounds and orderings allow.

Method (exact, no Markov chain): lower bounds are met by construction, drawing
`w = low + (1 - sum(low)) * u` with `u` uniform on the simplex (an affine map keeps uniformity);
upper bounds and orderings `w_a >= w_b` are then met by rejection. Every kept vector is an
independent draw from the uniform distribution on the allowed polytope, so Monte Carlo standard
errors computed as for independent samples are valid (hit-and-run would give correlated draws).

Proposals are drawn in fixed blocks, so the sequence of kept vectors depends on the seed only,
not on how a caller slices it into chunks.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from ..model import Catalogue

__all__ = ["WeightSpace", "sample_weights", "weight_batches", "weight_space", "weight_space_of"]

BLOCK = 16_384
MAX_EMPTY_BLOCKS = 200


@dataclass(frozen=True)
class WeightSpace:
    """The set of normalised weight vectors SMAA samples from: bounds per criterion and orderings."""

    criteria: tuple[str, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    order: tuple[tuple[int, int], ...] = ()

    @property
    def constrained(self) -> bool:
        return bool(self.order) or any(lo > 0 for lo in self.low) or any(hi < 1 for hi in self.high)

    @property
    def method(self) -> str:
        if not self.constrained:
            return "uniform on the weight simplex"
        return "uniform within bounds and orderings (lower bounds by construction, the rest by exact rejection)"

    def contains(self, w: np.ndarray, tol: float = 1e-12) -> np.ndarray:
        """Which rows of `w` (k x m) satisfy the upper bounds and orderings (lower bounds hold by construction)."""
        ok = np.all(w <= np.asarray(self.high) + tol, axis=1)
        for a, b in self.order:
            ok &= w[:, a] >= w[:, b] - tol
        return ok


def weight_space(
    criteria: Sequence[str],
    bounds: Mapping[str, tuple[float, float]] | None = None,
    order: Sequence[tuple[str, str]] = (),
) -> WeightSpace:
    """Check bounds and orderings once and return the space to sample.

    >>> weight_space(["a", "b"], {"a": (0.2, 0.6)}).low
    (0.2, 0.0)
    """
    ids = list(criteria)
    bounds = dict(bounds or {})
    unknown = sorted(set(bounds) - set(ids)) + sorted({x for pair in order for x in pair} - set(ids))
    if unknown:
        raise InputError(f"weight space: unknown criteria {', '.join(unknown)} (known: {', '.join(ids)})")
    low = tuple(float(bounds.get(c, (0.0, 1.0))[0]) for c in ids)
    high = tuple(float(bounds.get(c, (0.0, 1.0))[1]) for c in ids)
    bad = [c for c, lo, hi in zip(ids, low, high, strict=True) if not 0.0 <= lo <= hi <= 1.0]
    if bad:
        raise InputError(f"weight bounds of {', '.join(bad)}: expected 0 <= low <= high <= 1")
    pairs = tuple((ids.index(a), ids.index(b)) for a, b in order)
    space = WeightSpace(tuple(ids), low, high, pairs)
    if space.constrained:
        _check_feasible(space)
    return space


def weight_space_of(cat: Catalogue) -> WeightSpace:
    """The weight space declared in criteria.yaml: `bounds` per criterion and `weight_order`."""
    bounds = {c.id: c.bounds for c in cat.criteria if c.bounds is not None}
    return weight_space(cat.criterion_ids, bounds, cat.frame.weight_order)


def _check_feasible(space: WeightSpace) -> None:
    """An empty space is an input error; say so before sampling forever."""
    from ..contradictions import weight_space_gap

    ids = space.criteria
    gap = weight_space_gap(
        dict(zip(ids, space.low, strict=True)),
        dict(zip(ids, space.high, strict=True)),
        [(ids[a], ids[b]) for a, b in space.order],
    )
    if gap is not None:
        raise InputError(
            f"weight bounds and weight_order leave no weight vector that sums to 1 ({gap}); "
            "widen the bounds in criteria.yaml or drop an ordering"
        )


def weight_batches(space: WeightSpace, rng: np.random.Generator, total: int, chunk: int) -> Iterator[np.ndarray]:
    """Yield `total` weight vectors (rows) in batches of at most `chunk`, memory bounded by the chunk."""
    low = np.asarray(space.low)
    slack = 1.0 - low.sum()
    pending: list[np.ndarray] = []
    held = 0
    produced = 0
    empty = 0
    while produced < total:
        while held < min(chunk, total - produced):
            u = rng.standard_exponential((BLOCK, len(low)))
            w = u / u.sum(axis=1, keepdims=True)
            if space.constrained:
                w = low + slack * w
                w = w[space.contains(w)]
            if len(w) == 0:
                empty += 1
                if empty >= MAX_EMPTY_BLOCKS and produced + held == 0:
                    raise InputError(
                        f"weight bounds and weight_order keep fewer than 1 in {BLOCK * empty:,} uniform draws; "
                        "widen the bounds in criteria.yaml"
                    )
                continue
            pending.append(w)
            held += len(w)
        stock = np.concatenate(pending) if len(pending) > 1 else pending[0]
        take = min(chunk, total - produced)
        yield stock[:take]
        rest = stock[take:]
        pending, held = ([rest], len(rest)) if len(rest) else ([], 0)
        produced += take


def sample_weights(space: WeightSpace, samples: int, seed: int | np.random.Generator = 0) -> np.ndarray:
    """All `samples` weight vectors at once (samples x criteria); for small sample counts.

    >>> w = sample_weights(weight_space(["a", "b", "c"]), 5, seed=1)
    >>> w.shape, bool(np.allclose(w.sum(axis=1), 1))
    ((5, 3), True)
    """
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    parts = list(weight_batches(space, rng, samples, max(samples, 1)))
    return np.concatenate(parts) if parts else np.zeros((0, len(space.criteria)))
