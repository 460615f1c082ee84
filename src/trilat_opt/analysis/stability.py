"""Weight stability: how far one criterion's weight can move, the others rescaled in proportion,
before the top option, the whole ranking or the optimal portfolio changes.

Setting criterion k's normalised weight to t and rescaling the others in proportion (exactly as
`trilat_opt.weights.resolve_weights` does for `--weight k=t`) makes every weight affine in t:
w_j(t) = w_j (1 - t) / (1 - w_k) for j != k. With the additive model every option's value is then
affine in t too, V_i(t) = A_i + t B_i, so "i stays above j" is one linear inequality in t and the
set of t keeping an order is an interval whose ends are computed exactly (closed form), with the
option or pair that takes over beyond each end.

For the portfolio the set of t keeping the optimal portfolio is also an interval (the optimum is the
maximum of affine functions of t, so it is convex). For the linear objectives its ends are found
exactly by parametric re-solving (`crossing_edge`: each re-solve either confirms the end or yields a
rival portfolio whose line crosses the chosen one's, usually within two or three re-solves); for
the others by bisection to a tolerance (`portfolio_interval`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from ..optimize.objectives import objective_of
from ..optimize.resolve import Resolver

__all__ = [
    "STABILITY_COLUMNS",
    "affine_weights",
    "crossing_edge",
    "order_interval",
    "portfolio_interval",
    "portfolio_stability",
    "rescaled",
    "stability",
]

STABILITY_COLUMNS = [
    "weight",
    "top",
    "top_low",
    "top_high",
    "top_below",
    "top_above",
    "ranking_low",
    "ranking_high",
    "ranking_below",
    "ranking_above",
]
_EPS = 1e-12


def rescaled(weights: Mapping[str, float], criterion: str, t: float) -> dict[str, float]:
    """Set `criterion`'s normalised weight to `t` and rescale the others in proportion.

    >>> {c: round(w, 12) for c, w in rescaled({"a": 0.5, "b": 0.3, "c": 0.2}, "a", 0.8).items()}
    {'a': 0.8, 'b': 0.12, 'c': 0.08}
    """
    ids = list(weights)
    a, b = affine_weights([weights[c] for c in ids], ids.index(criterion))
    return {c: float(x) for c, x in zip(ids, a + t * b, strict=True)}


def affine_weights(weights: Sequence[float], k: int) -> tuple[np.ndarray, np.ndarray]:
    """(a, b) with w(t) = a + t b the weights after setting weight k to t (others in proportion)."""
    w = np.asarray(weights, dtype=float)
    w = w / math.fsum(w)
    m = len(w)
    a, b = np.zeros(m), np.zeros(m)
    rest = math.fsum(np.delete(w, k))
    if m == 1:
        return np.ones(1), np.zeros(1)
    share = w / rest if rest > 0 else np.full(m, 1.0 / (m - 1))
    a[:], b[:] = share, -share
    a[k], b[k] = 0.0, 1.0
    return a, b


def order_interval(
    A: np.ndarray, B: np.ndarray, pairs: Sequence[tuple[int, int]] | tuple[np.ndarray, np.ndarray], t0: float
) -> tuple[float, float, tuple[int, int] | None, tuple[int, int] | None]:
    """The interval of t in [0, 1] around t0 where V_p(t) >= V_q(t) for every (p, q) in `pairs`,
    with V = A + t B, and the pair that breaks first below and above it (None at 0 or 1).

    `pairs`: (p, q) tuples, or the two index arrays p and q (a whole ranking of n options has
    n(n-1)/2 pairs: two million at 2,000 options, too many to hold as tuples)."""
    if isinstance(pairs, tuple) and len(pairs) == 2 and isinstance(pairs[0], np.ndarray):
        p, q = pairs
    else:
        p, q = np.array(pairs, dtype=int).reshape(-1, 2).T
    if not len(p):
        return 0.0, 1.0, None, None
    alpha, beta = A[p] - A[q], B[p] - B[q]
    lo, hi, below, above = 0.0, 1.0, None, None
    with np.errstate(divide="ignore", invalid="ignore"):
        root = -alpha / beta
    rising = np.flatnonzero(beta > _EPS)  # constraint t >= root
    falling = np.flatnonzero(beta < -_EPS)  # constraint t <= root
    # The binding pair: the latest root below (the earliest above); among equal roots the steepest,
    # then the first listed (what a stable lexsort would pick, without sorting millions of pairs).
    if len(rising):
        ties = rising[root[rising] == root[rising].max()]
        k = ties[np.argmax(beta[ties])]
        if root[k] > lo:
            lo, below = min(float(root[k]), t0), (int(p[k]), int(q[k]))
    if len(falling):
        ties = falling[root[falling] == root[falling].min()]
        k = ties[np.argmin(beta[ties])]
        if root[k] < hi:
            hi, above = max(float(root[k]), t0), (int(p[k]), int(q[k]))
    return float(lo), float(hi), below, above


def stability(net: pd.DataFrame, weights: Mapping[str, float]) -> pd.DataFrame:
    """Per criterion: the exact weight intervals keeping the top option and the whole ranking.

    `net` is options x criteria (net scores; any additive value matrix), `weights` the normalised
    weights in use. `top_below`/`top_above` name the option that becomes top just beyond each end;
    `ranking_below`/`ranking_above` the pair ("a>b", a above b now) that swaps there. Empty text
    where the interval reaches 0 or 1.

    >>> net = pd.DataFrame({"a": [0.4, 0.1], "b": [-0.1, 0.1]}, index=["x", "y"])
    >>> s = stability(net, {"a": 0.5, "b": 0.5}).loc["a"]
    >>> s.top, round(float(s.top_low), 12), float(s.top_high), s.top_below
    ('x', 0.4, 1.0, 'y')
    """
    crits = list(net.columns)
    w = np.array([float(weights.get(c, 0.0)) for c in crits])
    w = w / math.fsum(w)
    values = net.to_numpy(dtype=float)
    opts = [str(o) for o in net.index]
    v0 = values @ w
    order = np.argsort(-v0, kind="stable")
    top = int(order[0])
    others = np.delete(np.arange(len(opts)), top)
    beats = (np.full(len(others), top), others)
    upper, lower = np.triu_indices(len(order), 1)  # every pair, the higher-ranked first, row by row
    ranked = (order[upper], order[lower])
    rows = []
    for k, c in enumerate(crits):
        a, b = affine_weights(w, k)
        A, B = values @ a, values @ b
        t_lo, t_hi, t_below, t_above = order_interval(A, B, beats, w[k])
        r_lo, r_hi, r_below, r_above = order_interval(A, B, ranked, w[k])
        rows.append(
            {
                "criterion": c,
                "weight": float(w[k]),
                "top": opts[top],
                "top_low": t_lo,
                "top_high": t_hi,
                "top_below": opts[t_below[1]] if t_below else "",
                "top_above": opts[t_above[1]] if t_above else "",
                "ranking_low": r_lo,
                "ranking_high": r_hi,
                "ranking_below": f"{opts[r_below[0]]}>{opts[r_below[1]]}" if r_below else "",
                "ranking_above": f"{opts[r_above[0]]}>{opts[r_above[1]]}" if r_above else "",
            }
        )
    return pd.DataFrame(rows, columns=["criterion", *STABILITY_COLUMNS]).set_index("criterion")


def portfolio_interval(same_at: Callable[[float], bool], t0: float, tol: float = 1e-4) -> tuple[float, float]:
    """The interval around t0 where `same_at(t)` holds, each end located to within `tol` by bisection.

    `same_at` re-solves the portfolio at weight t and says whether the optimum is unchanged; the
    set where it holds is an interval (see the module doc), so one bisection per side finds its ends.
    """

    def edge(inside: float, outside: float) -> float:
        if same_at(outside):
            return outside
        while abs(outside - inside) > tol:
            mid = 0.5 * (inside + outside)
            inside, outside = (mid, outside) if same_at(mid) else (inside, mid)
        return inside

    return edge(t0, 0.0), edge(t0, 1.0)


def crossing_edge(
    line_of: Callable[[Sequence[str]], Callable[[float], float]],
    optimum_at: Callable[[float], tuple[Sequence[str], float]],
    chosen: Sequence[str],
    inside: float,
    outside: float,
    max_steps: int = 200,
) -> float:
    """Exact end, towards `outside`, of the interval where portfolio `chosen` stays optimal.

    `line_of(P)` gives portfolio P's objective as a function of t (affine for the linear
    objectives); `optimum_at(t)` re-solves. If a rival Q beats `chosen` at the trial point, the
    end lies where their lines cross, which becomes the next trial point: the trial points move
    monotonically towards `inside`, and each re-solve confirms the end or finds a better rival.
    """
    mine = line_of(chosen)
    t = outside
    for _ in range(max_steps):
        rival, best = optimum_at(t)
        if mine(t) >= best - 1e-9 * max(1.0, abs(best)):
            return t
        theirs = line_of(rival)
        gap_in, gap_out = theirs(inside) - mine(inside), best - mine(t)
        t = inside + (t - inside) * (-gap_in) / (gap_out - gap_in)
    raise RuntimeError("crossing_edge did not converge; the objective may not be affine in the weight")


def portfolio_stability(
    problem,
    values,
    weights: Mapping[str, float],
    *,
    objective: str = "value",
    solver: str = "cbc",
    tol: float = 1e-4,
    criteria: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Per criterion (all, or `criteria`): the weight interval keeping the current optimal portfolio
    optimal: exact for the linear objectives (value, expected), to `tol` for the others.

    `values` (a `resolve.ValueModel`) turns weights into the problem's value columns. A tie (another
    portfolio exactly as good) does not end the interval for the linear objectives.
    """

    crits = list(values.net.columns)
    w = np.array([float(weights.get(c, 0.0)) for c in crits])
    w = w / math.fsum(w)
    resolver = Resolver(problem, objective, solver)
    columns = [c for c in values.values(w).columns if c in problem.values.columns]
    chosen = resolver.optimum(values.values(w)[columns])[0]
    rows = []
    for k, c in enumerate(crits):
        if criteria is not None and c not in criteria:
            continue
        a, b = affine_weights(w, k)

        def table_at(t: float, a=a, b=b) -> pd.DataFrame:
            return values.values(a + t * b)[columns]

        if objective_of(objective).linear:
            lo, hi = (
                crossing_edge(
                    lambda p, table_at=table_at: lambda t: resolver.objective_of(p, table_at(t)),
                    lambda t, table_at=table_at: resolver.optimum(table_at(t)),
                    chosen,
                    float(w[k]),
                    end,
                )
                for end in (0.0, 1.0)
            )
        else:
            lo, hi = portfolio_interval(
                lambda t, table_at=table_at: not resolver.changed(chosen, table_at(t)), float(w[k]), tol
            )
        rows.append({"criterion": c, "portfolio_low": lo, "portfolio_high": hi})
    out = pd.DataFrame(rows, columns=["criterion", "portfolio_low", "portfolio_high"]).set_index("criterion")
    out.attrs["portfolio"] = tuple(chosen)
    out.attrs["engine"] = resolver.engine
    return out
