"""SMAA-2: how much of the plausible weight space (and of the argument-strength ranges) makes each
option rank first, second, ...

Lahdelma and Salminen (2001), "SMAA-2: Stochastic multicriteria acceptability analysis for group
decision making", Operations Research 49(3): 444-454. For an additive value model:

- rank acceptability b_i^r: the share of samples in which option i takes rank r;
- central weights w_i^c: the mean weight vector over the samples in which option i ranks first,
  the typical preferences of someone who would choose it;
- confidence factor p_i^c: the share of score samples in which option i ranks first when the
  weights are fixed at its own central weights (1 or 0 when the scores are certain).

Each comes with its Monte Carlo standard error. Sampling is vectorised over chunks of `chunk`
samples, so memory stays bounded for any sample count. Values that agree to within 2**-QBITS
(about 1.5e-11) of the largest absolute score count as tied and are ordered at random, so tied
options share the ranks they occupy.
An option that never ranks first has no central weight vector: its row is all zeros, its standard
errors NaN and its confidence 0.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .sampling import WeightSpace, weight_batches, weight_space, weight_space_of

if TYPE_CHECKING:
    from ..evaluation import Evaluation

__all__ = ["QBITS", "SMAAResult", "ScoreSampler", "evaluation_smaa", "smaa"]

QBITS = 36
ScoreSampler = Callable[[np.random.Generator, int], np.ndarray]
"""Draws `k` value matrices, shape (k, options, criteria), from a generator."""


@dataclass(frozen=True)
class SMAAResult:
    """SMAA-2 indices, each in [0, 1], with Monte Carlo standard errors."""

    acceptability: pd.DataFrame
    acceptability_se: pd.DataFrame
    central_weights: pd.DataFrame
    central_weights_se: pd.DataFrame
    confidence: pd.Series
    confidence_se: pd.Series
    samples: int
    seed: int
    method: str

    def summary(self) -> pd.DataFrame:
        """One row per option: first-rank acceptability, confidence and the holistic acceptability index.

        The holistic index weighs rank r by (n - r) / (n - 1) (Lahdelma and Salminen 2001, meta-weights).
        """
        n = self.acceptability.shape[1]
        meta = np.linspace(1.0, 0.0, n) if n > 1 else np.ones(1)
        out = pd.DataFrame(
            {
                "first": self.acceptability[1],
                "first_se": self.acceptability_se[1],
                "holistic": self.acceptability.to_numpy() @ meta,
                "confidence": self.confidence,
                "confidence_se": self.confidence_se,
            }
        )
        return out.sort_values(["holistic", "first"], ascending=False, kind="stable")


SAMPLE_CELLS = 5_000_000
"""Samples x argument-graph nodes drawn per batch of uncertain scores (about 40 MB per array; the
argument engine holds several): 10,000 samples for the shipped catalogue, a few hundred at
1,000 options, where one batch of 2,000 took 1.4 GB."""
CONFIDENCE_CELLS = 4_000_000
"""Samples x live options x options per batch of the confidence factors (32 MB per array)."""


def smaa(
    matrix: pd.DataFrame | np.ndarray,
    samples: int = 10_000,
    seed: int = 0,
    *,
    bounds: Mapping[str, tuple[float, float]] | None = None,
    order: Sequence[tuple[str, str]] = (),
    space: WeightSpace | None = None,
    sampler: ScoreSampler | None = None,
    chunk: int = 16_384,
    weights: np.ndarray | None = None,
) -> SMAAResult:
    """SMAA-2 on a value matrix (options x criteria, higher is better) under sampled weights.

        `bounds` (criterion -> normalised [low, high]) and `order` (pairs (a, b): w_a >= w_b) restrict
        the weights; `space` gives them ready-made. `sampler`, when given, draws the value matrices
        (uncertain scores) instead of using `matrix`, which then only names options and criteria.
    `weights` (samples x criteria), when given, are the weight samples to use instead of drawing them.

        >>> m = pd.DataFrame({"c1": [1.0, 0.0], "c2": [0.0, 1.0]}, index=["x", "y"])
        >>> r = smaa(m, samples=20_000, seed=0)
        >>> bool(abs(r.acceptability.loc["x", 1] - 0.5) < 4 * r.acceptability_se.loc["x", 1])
        True
    """
    frame = matrix if isinstance(matrix, pd.DataFrame) else pd.DataFrame(np.asarray(matrix, dtype=float))
    values = frame.to_numpy(dtype=float)
    n, m = values.shape
    space = space or weight_space([str(c) for c in frame.columns], bounds, order)
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(4)]
    w_rng, s_rng, t_rng, c_rng = streams
    rank_counts = np.zeros((n, n))
    first_w = np.zeros((n, m))
    first_w2 = np.zeros((n, m))
    if weights is not None:
        samples = len(weights)
        batches = (np.asarray(weights, dtype=float)[i : i + chunk] for i in range(0, samples, chunk))
    else:
        batches = weight_batches(space, w_rng, samples, chunk)
    fixed_scale = max(1.0, float(np.abs(values).max(initial=0.0)))
    fixed_ties = _has_equal_rows(values)
    values_t = np.ascontiguousarray(values.T)
    for w in batches:
        # einsum, not `@`: this product is too small for BLAS threads, which spin-wait and ran 2-3x
        # slower than einsum's own loop whenever the other core was busy (measured here).
        if sampler is None:
            v, scale, ties = np.einsum("kc,cn->kn", w, values_t), fixed_scale, fixed_ties
        else:
            v = np.einsum("knm,km->kn", sampler(s_rng, len(w)), w)
            scale, ties = max(1.0, float(np.abs(v).max(initial=0.0))), True
        order_ = _rank_order(v, t_rng, scale, ties)
        rank_counts += np.bincount((order_ * n + np.arange(n)).ravel(), minlength=n * n).reshape(n, n)
        cell = (order_[:, :1] * m + np.arange(m)).ravel()
        first_w += np.bincount(cell, weights=w.ravel(), minlength=n * m).reshape(n, m)
        first_w2 += np.bincount(cell, weights=(w * w).ravel(), minlength=n * m).reshape(n, m)
    firsts = rank_counts[:, 0]
    central, central_se = _central(first_w, first_w2, firsts)
    conf, conf_se = _confidence(values, central, firsts, sampler, c_rng, samples, chunk)
    p = rank_counts / max(samples, 1)
    opts, crits = frame.index, frame.columns
    ranks = pd.Index(range(1, n + 1), name="rank")
    return SMAAResult(
        acceptability=_frame(p, opts, ranks),
        acceptability_se=_frame(np.sqrt(p * (1 - p) / max(samples, 1)), opts, ranks),
        central_weights=_frame(central, opts, crits),
        central_weights_se=_frame(central_se, opts, crits),
        confidence=pd.Series(conf, index=opts, name="confidence"),
        confidence_se=pd.Series(conf_se, index=opts, name="confidence_se"),
        samples=samples,
        seed=seed,
        method=space.method + ("; scores sampled" if sampler is not None else "; scores fixed"),
    )


def _frame(data: np.ndarray, index: pd.Index, columns: pd.Index) -> pd.DataFrame:
    out = pd.DataFrame(data, index=index.copy(), columns=columns.copy())
    out.index.name = "option"
    return out


def _rank_order(v: np.ndarray, rng: np.random.Generator, scale: float, ties: bool = True) -> np.ndarray:
    """Options by decreasing value per row; ties broken uniformly at random.

    Values (|v| <= scale) are quantised to steps of `scale * 2**-QBITS` and packed with the option
    index into one int64 key, so a plain (SIMD) sort of the keys does the work of an argsort at a
    fraction of its cost. Values on the same step are ties; rows holding any are re-ordered at
    random within them. `ties=False` skips that check when ties cannot occur (distinct fixed rows).
    """
    n = v.shape[1]
    ibits = max(1, (n - 1).bit_length())
    q = ((scale - v) * (2.0**QBITS / scale)).astype(np.int64)
    keys = np.sort((q << ibits) | np.arange(n), axis=1)
    order = keys & ((1 << ibits) - 1)
    if ties and n > 1:
        level = keys >> ibits
        tied = np.flatnonzero((level[:, 1:] == level[:, :-1]).any(axis=1))
        if len(tied):
            shuffle = np.lexsort((rng.random((len(tied), n)), level[tied]), axis=-1)
            order[tied] = np.take_along_axis(order[tied], shuffle, axis=1)
    return order


def _has_equal_rows(values: np.ndarray) -> bool:
    """Whether two options have the same scores (to within the tie step), so they can tie under any weights."""
    if len(values) < 2:
        return False
    step = max(1.0, float(np.abs(values).max(initial=0.0))) * 2.0**-QBITS
    return len(np.unique(np.round(values / step), axis=0)) < len(values)


def _central(first_w: np.ndarray, first_w2: np.ndarray, firsts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean weight vector over each option's first-rank samples, and the standard error of that mean."""
    count = firsts[:, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(count > 0, first_w / count, 0.0)
        var = np.where(count > 1, (first_w2 - count * mean**2) / (count - 1), np.nan)
        se = np.sqrt(np.clip(var, 0.0, None) / count)
    se[firsts == 0] = np.nan
    return mean, se


def _confidence(
    values: np.ndarray,
    central: np.ndarray,
    firsts: np.ndarray,
    sampler: ScoreSampler | None,
    rng: np.random.Generator,
    samples: int,
    chunk: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Share of score samples in which each option is best (ties count) under its central weights."""
    n = len(values)
    live = firsts > 0
    if sampler is None:
        v = central @ values.T  # row i: every option's value under option i's central weights
        tol = max(1.0, float(np.abs(v).max(initial=0.0))) * 2.0**-QBITS
        hits = (np.diag(v) >= v.max(axis=1) - tol) & live
        return hits.astype(float), np.zeros(n)
    hits = np.zeros(n)
    # Only options that ranked first somewhere have central weights: at 1,000 options a few dozen,
    # so the value cube is samples x live x n, not samples x n x n (gigabytes at that size).
    rows = np.flatnonzero(live)
    step = max(1, min(chunk, CONFIDENCE_CELLS // max(len(rows) * n, 1)))
    done = 0
    while done < samples and len(rows):
        k = min(step, samples - done)
        drawn = sampler(rng, k)  # samples x options x criteria
        # One matrix product (samples x options, criteria) @ (criteria, live): v[s, j, i] is
        # option j's value in sample s under live option i's central weights. A single BLAS call,
        # where the equivalent einsum looped in numpy: 0.44 -> 0.02 s a chunk at 2,000 options.
        v = (drawn.reshape(-1, drawn.shape[-1]) @ central[rows].T).reshape(k, n, len(rows))
        tol = max(1.0, float(np.abs(v).max(initial=0.0))) * 2.0**-QBITS
        hits[rows] += (v[:, rows, np.arange(len(rows))] >= v.max(axis=1) - tol).sum(axis=0)
        done += k
    conf = np.where(live, hits / max(samples, 1), 0.0)
    return conf, np.sqrt(conf * (1 - conf) / max(samples, 1))


def evaluation_smaa(
    ev: Evaluation, samples: int = 10_000, seed: int = 0, *, uncertain: bool = True, chunk: int = 10_000
) -> SMAAResult:
    """SMAA-2 of an evaluation: its net criterion scores, weights within criteria.yaml's bounds and
    orderings, and (when `uncertain`) argument base strengths drawn within their ranges."""
    from ..argue.scoring import ScoreDraws

    cat, semantics, model = ev.catalogue, ev.setup.semantics, ev.values
    arguments = cat.arguments()
    nodes = len(arguments) + len(cat.options) * len(cat.criteria)
    chunk = min(chunk, max(256, SAMPLE_CELLS // max(nodes, 1)))  # score draws per batch, memory-bounded
    has_ranges = any(lo < hi for _, lo, hi in (cat.base_of(a) for _, a in arguments))
    sampler: ScoreSampler | None = None
    if uncertain and has_ranges:
        draws = ScoreDraws(cat, semantics)

        def sampler(rng: np.random.Generator, k: int) -> np.ndarray:
            return model.net_of(np.asarray(draws(k, int(rng.integers(2**31))), dtype=float))

    return smaa(model.net, samples, seed, space=weight_space_of(cat), sampler=sampler, chunk=chunk)
