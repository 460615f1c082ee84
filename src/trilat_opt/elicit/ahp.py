"""The analytic hierarchy process (Saaty 1980): weights from pairwise judgements, and how consistent
the judgements are.

The weights are the principal right eigenvector of the reciprocal judgement matrix A (a_ij says
how many times criterion i matters more than j), normalised to sum to 1. Its eigenvalue
lambda_max is n for perfectly consistent judgements (a_ij a_jk = a_ik) and grows with
inconsistency; the consistency index CI = (lambda_max - n) / (n - 1), divided by the mean CI of
random matrices of the same size (Saaty's random index RI), is the consistency ratio CR. Saaty
asks for CR <= 0.1.

Which judgements make it inconsistent. With e_ij = a_ij w_j / w_i (1 where the judgement agrees
with the weights), lambda_max = (1/n) sum_ij e_ij, so

    CI = sum over pairs i<j of (e_ij + 1/e_ij - 2) / (n (n - 1)),

an exact split of CI into one non-negative share per judgement. `revisions` names the judgements
with the largest shares and, for each, the value on the 1–9 scale that lowers CR most when only
that judgement changes, with the CR it would give.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .scale import SCALE

__all__ = ["ACCEPTABLE_CR", "RANDOM_INDEX", "Ahp", "Revision", "ahp", "consistency_ratio", "revisions"]

ACCEPTABLE_CR = 0.1
"""Saaty's threshold: judgements with a consistency ratio above it should be revisited."""

RANDOM_INDEX = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49,
                11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59}  # fmt: skip
"""Saaty's random indices (Saaty 1980, The Analytic Hierarchy Process, McGraw-Hill): the mean
consistency index of random reciprocal matrices on the 1–9 scale, by size. The values most AHP
tools and Saaty's own worked examples use."""

MAX_SIZE = max(RANDOM_INDEX)


@dataclass(frozen=True)
class Revision:
    """One judgement `more over less = given` that adds much to the inconsistency, and a way out."""

    more: str
    less: str
    given: float
    share: float
    """Its part of the consistency index, 0 to 1 (the shares of all judgements sum to 1)."""
    consistent: float
    """The value the current weights imply, w_more / w_less (Saaty's classic hint; `suggested` is better)."""
    suggested: float
    """The 1–9 scale value that lowers CR most when only this judgement changes."""
    cr_after: float
    """The consistency ratio with `suggested` in place of `given`."""


@dataclass(frozen=True)
class Ahp:
    """Weights and consistency of one judgement matrix."""

    criteria: tuple[str, ...]
    matrix: tuple[tuple[float, ...], ...]
    weights: dict[str, float]
    lambda_max: float
    ci: float
    random_index: float
    cr: float

    @property
    def acceptable(self) -> bool:
        return self.cr <= ACCEPTABLE_CR


def _eigen(a: np.ndarray) -> tuple[np.ndarray, float]:
    """The principal eigenvector (normalised to sum 1) and eigenvalue of a positive matrix.

    Perron-Frobenius: the eigenvalue of largest real part is real and simple, and its vector
    can be taken positive."""
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    w = np.abs(vectors[:, k].real)
    return w / w.sum(), float(values[k].real)


def _ci(lam: float, n: int) -> float:
    return max(lam - n, 0.0) / (n - 1) if n > 1 else 0.0


def consistency_ratio(matrix: Sequence[Sequence[float]]) -> float:
    """CR of a reciprocal matrix of at most `MAX_SIZE` criteria (0 for one or two).

    >>> consistency_ratio([[1, 2, 4], [1/2, 1, 2], [1/4, 1/2, 1]])
    0.0
    """
    a = np.asarray(matrix, dtype=float)
    n = len(a)
    if n <= 2:
        return 0.0
    _, lam = _eigen(a)
    return _ci(lam, n) / RANDOM_INDEX[n]


def ahp(criteria: Sequence[str], matrix: Sequence[Sequence[float]]) -> Ahp:
    """Principal-eigenvector weights and consistency of `matrix` (rows and columns in `criteria`'s order).

    The caller checks that the matrix is square, positive and reciprocal with at most `MAX_SIZE` rows.

    >>> r = ahp(["a", "b", "c"], [[1, 2, 4], [1/2, 1, 2], [1/4, 1/2, 1]])
    >>> {k: round(v, 4) for k, v in r.weights.items()}, round(r.cr, 12)
    ({'a': 0.5714, 'b': 0.2857, 'c': 0.1429}, 0.0)
    """
    a = np.asarray(matrix, dtype=float)
    n = len(a)
    w, lam = _eigen(a) if n > 1 else (np.ones(1), 1.0)
    ci = _ci(lam, n)
    ri = RANDOM_INDEX[n]
    return Ahp(
        criteria=tuple(criteria),
        matrix=tuple(tuple(float(x) for x in row) for row in a),
        weights={c: float(x) for c, x in zip(criteria, w, strict=True)},
        lambda_max=lam,
        ci=ci,
        random_index=ri,
        cr=ci / ri if ri else 0.0,
    )


def _shares(result: Ahp) -> list[tuple[float, int, int]]:
    """(share of CI, i, j) for every pair i < j, largest first (the split in the module docstring)."""
    a = np.asarray(result.matrix)
    w = np.array([result.weights[c] for c in result.criteria])
    e = a * w[None, :] / w[:, None]
    n = len(a)
    terms = [(float(e[i, j] + 1 / e[i, j] - 2), i, j) for i in range(n) for j in range(i + 1, n)]
    total = sum(t for t, _, _ in terms)
    if total <= 1e-12:
        return []
    return sorted(((t / total, i, j) for t, i, j in terms), key=lambda s: (-s[0], s[1], s[2]))


def _best_value(a: np.ndarray, i: int, j: int, given: float) -> tuple[float, float]:
    """The scale value for a_ij (a_ji its reciprocal) that gives the lowest CR, and that CR; ties go
    to the value nearest the given one, so a suggestion moves the judgement no further than needed."""
    best: tuple[float, float, float] | None = None
    for v in SCALE:
        b = a.copy()
        b[i, j], b[j, i] = v, 1 / v
        key = (round(consistency_ratio(b), 12), abs(np.log(v / given)), v)
        if best is None or key < best:
            best = key
    assert best is not None
    return best[2], best[0]


def revisions(result: Ahp, top: int = 3) -> tuple[Revision, ...]:
    """The `top` judgements that add most to the inconsistency, each with the value that would
    lower CR most (empty for perfectly consistent judgements). Each revision is of one judgement
    with the others unchanged."""
    a = np.asarray(result.matrix)
    out = []
    for share, i, j in _shares(result)[:top]:
        more, less, given = result.criteria[i], result.criteria[j], float(a[i, j])
        if given < 1:  # say it the way round the analyst reads it: the larger side first
            more, less, given, i, j = less, more, 1 / given, j, i
        suggested, cr_after = _best_value(a, i, j, given)
        consistent = result.weights[more] / result.weights[less]
        out.append(Revision(more, less, given, share, consistent, suggested, cr_after))
    return tuple(out)
