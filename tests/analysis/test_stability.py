"""Weight-stability intervals against brute-force weight sweeps."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from trilat_opt.analysis.stability import portfolio_interval, rescaled, stability
from trilat_opt.load import load
from trilat_opt.weights import resolve_weights

GRID = np.linspace(0.0, 1.0, 4001)


def sweep(net: pd.DataFrame, weights: dict[str, float], criterion: str, grid: np.ndarray = GRID):
    """For each grid weight t: the top option and the full ranking, computed from scratch with the
    override rule written out (t for the criterion, the rest scaled by (1 - t) / their sum)."""
    w = np.array([weights[c] for c in net.columns], dtype=float)
    w /= w.sum()
    k = list(net.columns).index(criterion)
    others = np.delete(np.arange(len(w)), k)
    W = np.zeros((len(grid), len(w)))
    W[:, k] = grid
    W[:, others] = np.outer(1 - grid, w[others] / w[others].sum())
    order = np.argsort(-(W @ net.to_numpy().T), axis=1, kind="stable")
    return order[:, 0], [tuple(r) for r in order]


def assert_matches_sweep(inside: np.ndarray, lo: float, hi: float, margin: float = 1e-9):
    """Grid points where the property holds are exactly those inside [lo, hi] (away from the ends)."""
    clear_in = (lo + margin < GRID) & (hi - margin > GRID)
    clear_out = (lo - margin > GRID) | (hi + margin < GRID)
    assert inside[clear_in].all()
    assert not inside[clear_out].any()


def check(net: pd.DataFrame, weights: dict[str, float]):
    table = stability(net, weights)
    w = np.array([weights[c] for c in net.columns])
    v0 = net.to_numpy() @ (w / w.sum())
    order0 = tuple(np.argsort(-v0, kind="stable"))
    for c in net.columns:
        tops, rankings = sweep(net, weights, c)
        row = table.loc[c]
        assert row.top_low <= row.weight <= row.top_high
        assert row.ranking_low >= row.top_low - 1e-12 and row.ranking_high <= row.top_high + 1e-12
        assert_matches_sweep(tops == order0[0], row.top_low, row.top_high)
        assert_matches_sweep(np.array([r == order0 for r in rankings]), row.ranking_low, row.ranking_high)
        # The named successor is the top just beyond each end.
        if row.top_high < 1 - 1e-6:
            (top,), _ = sweep(net, weights, c, np.array([row.top_high + 1e-7]))
            assert net.index[top] == row.top_above
        if row.top_low > 1e-6:
            (top,), _ = sweep(net, weights, c, np.array([row.top_low - 1e-7]))
            assert net.index[top] == row.top_below


def test_small_worked_case():
    # x = (0.4, -0.1), y = (0.1, 0.1), z = (0.0, 0.3). On criterion a (weight t, b = 1 - t):
    # V_x = 0.5 t - 0.1, V_y = 0.1, V_z = 0.3 - 0.3 t. x leads for t >= 0.5 (x = z at t = 0.5);
    # y overtakes z at t = 2/3 and x overtakes y at t = 0.4, so the ranking x > y > z holds on [2/3, 1].
    net = pd.DataFrame({"a": [0.4, 0.1, 0.0], "b": [-0.1, 0.1, 0.3]}, index=["x", "y", "z"])
    row = stability(net, {"a": 0.8, "b": 0.2}).loc["a"]
    assert row.top == "x"
    assert abs(row.top_low - 0.5) < 1e-12 and row.top_high == 1.0 and row.top_below == "z"
    assert abs(row.ranking_low - 2 / 3) < 1e-12 and row.ranking_high == 1.0
    assert row.ranking_below == "y>z"
    check(net, {"a": 0.8, "b": 0.2})


@settings(max_examples=40, deadline=None)
@given(
    arrays(np.float64, st.tuples(st.integers(2, 5), st.integers(2, 4)), elements=st.floats(-0.5, 0.5, width=16)),
    st.data(),
)
def test_intervals_match_brute_force_sweep(values, data):
    n, m = values.shape
    raw = data.draw(arrays(np.float64, m, elements=st.floats(0.05, 1.0)))
    net = pd.DataFrame(values, index=[f"o{i}" for i in range(n)], columns=[f"c{j}" for j in range(m)])
    weights = dict(zip(net.columns, raw / raw.sum(), strict=True))
    v0 = values @ (raw / raw.sum())
    gaps = np.abs(v0[:, None] - v0[None, :])[~np.eye(n, dtype=bool)]
    assume(gaps.min() > 1e-6)  # a tie at the current weights makes the ranking itself ambiguous
    check(net, weights)


def test_rescaling_is_the_same_as_a_weight_override(tmp_path):
    # The intervals are only meaningful if "others rescaled in proportion" is what --weight does.
    from tests.factories import write_project

    root = write_project(tmp_path)
    cat = load(root)
    base = resolve_weights(cat)
    for c in cat.criterion_ids:
        for t in (0.0, 0.13, 0.5, 0.97, 1.0):
            ours = rescaled(base, c, t)
            theirs = resolve_weights(cat, None, {c: t})
            assert ours.keys() == theirs.keys()
            assert all(abs(ours[k] - theirs[k]) < 1e-12 for k in ours)


def test_portfolio_interval_bisection_finds_the_ends():
    calls = []

    def same(t: float) -> bool:
        calls.append(t)
        return 0.2371 <= t <= 0.8125

    lo, hi = portfolio_interval(same, 0.5, tol=1e-4)
    assert 0.2371 <= lo < 0.2371 + 1e-4 and 0.8125 - 1e-4 < hi <= 0.8125
    assert len(calls) < 40
    assert portfolio_interval(lambda t: True, 0.3) == (0.0, 1.0)


@pytest.mark.parametrize("seed", [1, 6])
def test_portfolio_interval_matches_enumeration_sweep(instance, seed):
    from trilat_opt.analysis.stability import portfolio_stability
    from trilat_opt.values import ValueModel

    inst = instance(seed)
    weights = {"c0": 0.5, "c1": 0.3, "c2": 0.2}
    table = portfolio_stability(inst.problem(), ValueModel(inst.net), weights)
    chosen = table.attrs["portfolio"]
    grid = np.linspace(0.0, 1.0, 401)
    for c in inst.criteria:
        row = table.loc[c]
        same = []
        for t in grid:
            w = rescaled(weights, c, float(t))
            same.append(inst.best(inst.net.to_numpy() @ np.array([w[k] for k in inst.criteria])) == chosen)
        same = np.array(same)
        assert row.portfolio_low <= weights[c] <= row.portfolio_high
        inside = (grid > row.portfolio_low + 1e-4) & (grid < row.portfolio_high - 1e-4)
        outside = (grid < row.portfolio_low - 1e-4) | (grid > row.portfolio_high + 1e-4)
        assert same[inside].all() and not same[outside].any()


@pytest.mark.parametrize("seed", range(1, 13))
def test_linear_portfolio_interval_ends_are_exact(instance, seed):
    """For the value objective the ends are breakpoints, not bisection brackets: just inside an
    end the chosen portfolio is still best, just beyond it another portfolio is strictly better."""
    from trilat_opt.analysis.stability import portfolio_stability
    from trilat_opt.values import ValueModel

    inst = instance(seed)
    weights = {"c0": 0.5, "c1": 0.3, "c2": 0.2}
    table = portfolio_stability(inst.problem(), ValueModel(inst.net), weights)
    chosen = table.attrs["portfolio"]

    def best_at(c: str, t: float):
        w = rescaled(weights, c, t)
        return inst.best(inst.net.to_numpy() @ np.array([w[k] for k in inst.criteria]))

    for c in inst.criteria:
        lo, hi = table.loc[c, ["portfolio_low", "portfolio_high"]]
        for edge, inward in ((lo, 1.0), (hi, -1.0)):
            if 0.0 < edge < 1.0:
                assert best_at(c, edge + inward * 1e-6) == chosen
                assert best_at(c, edge - inward * 1e-6) != chosen
