"""Bounds on strengths when base scores are known only as ranges.

All three semantics are monotone: a strength rises with its base score and its supporters'
strengths and falls with its attackers' strengths. So in an acyclic graph the lowest strength of
an argument comes from its lowest base, its supporters' lowest and its attackers' highest
strengths, and the other way round for the highest: one interval pass in topological order.

That pass is *exact* (both bounds are attained by one choice of bases) for every argument whose
uncertain ancestors each reach it with one sign only (an even or an odd number of attacks on every
path): then all its parents' extremes come from one and the same choice of bases. In a tree this
always holds. Where an uncertain base reaches an argument both ways, the pass is still a sound
enclosure but may be loose; `StrengthBounds.exact` says which is which.

On cycles the interval map is iterated from [0, 1] downwards. Every iterate encloses every fixed
point for every choice of bases in range, so the result is sound even if it stops early; it is
not claimed exact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .graph import DEFAULT_MAX_ITER, QBAF

__all__ = ["StrengthBounds", "interval_strengths"]


@dataclass(frozen=True)
class StrengthBounds:
    """Lower and upper strength per argument, and whether the pair is attained (exact)."""

    lower: dict[str, float]
    upper: dict[str, float]
    exact: dict[str, bool]


def interval_strengths(
    g: QBAF,
    lower: Mapping[str, float],
    upper: Mapping[str, float],
    semantics: str = "dfquad",
    *,
    tol: float = 1e-9,
    max_iter: int = DEFAULT_MAX_ITER,
) -> StrengthBounds:
    """Bounds on every strength of `g` for bases in [lower, upper] (arguments not named keep their base)."""
    lo, hi = g.base_ranges(lower, upper)
    both = g.evaluate(np.stack([lo, hi]), semantics, tol=tol, max_iter=max_iter, interval=True)
    exact = _sign_consistent(g, lo < hi)
    ids = g.ids
    return StrengthBounds(
        lower=dict(zip(ids, both[0].tolist(), strict=True)),
        upper=dict(zip(ids, both[1].tolist(), strict=True)),
        exact=dict(zip(ids, exact, strict=True)),
    )


def _sign_consistent(g: QBAF, uncertain: np.ndarray) -> list[bool]:
    """Per argument: acyclic upstream and no uncertain base reaching it through paths of both signs.

    Sets of (uncertain argument, sign) are carried along the edges in topological order as two
    bit masks per argument: bit i of `pos` when argument i reaches with an even number of attacks,
    of `neg` with an odd number. An argument is exact when pos & neg is empty.
    """
    topo = g.topology
    ids = g.ids
    bit = {i: 1 << k for k, i in enumerate(np.flatnonzero(uncertain).tolist())}
    pos = [0] * len(ids)
    neg = [0] * len(ids)
    tainted = [False] * len(ids)  # on or below a cycle
    cyclic_pos = {p for layer in topo.layers for p in range(layer.mid, layer.stop)}
    for p in range(topo.size):
        node = int(topo.order[p])
        if p in cyclic_pos:
            tainted[node] = True
        for edges, flip in ((topo.sup, False), (topo.att, True)):
            for q in edges.src[edges.ptr[p] : edges.ptr[p + 1]].tolist():
                parent = int(topo.order[q])
                own = bit.get(parent, 0)
                pp, pn = pos[parent] | own, neg[parent]
                if flip:
                    pp, pn = pn, pp
                pos[node] |= pp
                neg[node] |= pn
                tainted[node] = tainted[node] or tainted[parent]
    return [not tainted[i] and not (pos[i] & neg[i]) for i in range(len(ids))]
