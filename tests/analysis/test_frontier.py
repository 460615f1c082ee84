"""Risk-value frontier against the non-dominated set found by enumeration."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from trilat_opt.analysis.frontier import frontier


def nondominated(inst, option_values: np.ndarray) -> set[tuple[float, float]]:
    pts = {(round(inst.value(x, option_values), 9), round(inst.exposure(x), 9)) for x, _ in inst.feasible()}
    return {(v, e) for v, e in pts if not any((v2 >= v and e2 <= e) and (v2 > v or e2 < e) for v2, e2 in pts)}


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("seed", [1, 5, 9, 13, 21])
def test_frontier_equals_enumerated_nondominated_set(instance, seed, workers):
    """One walk, or two walks over halves of the exposure range: the same non-dominated set."""
    inst = instance(seed, n=8)
    values = inst.net.to_numpy() @ np.full(3, 1 / 3)
    front = frontier(inst.problem(values), workers=workers)
    found = {(round(v, 9), round(e, 9)) for v, e in zip(front.points["value"], front.points["exposure"], strict=True)}
    assert found == nondominated(inst, values)
    assert front.complete
    # Walking down the frontier, value and exposure both fall.
    assert front.points["value"].is_monotonic_decreasing and front.points["exposure"].is_monotonic_decreasing


def test_entering_and_leaving_follow_the_selections(instance):
    inst = instance(2, n=8)
    front = frontier(inst.problem(inst.net.to_numpy() @ np.full(3, 1 / 3)))
    rows = front.points.to_dict(orient="records")
    for before, after in itertools.pairwise(rows):
        a, b = set(before["selected"].split(", ")) - {""}, set(after["selected"].split(", ")) - {""}
        assert set(filter(None, after["entering"].split(", "))) == b - a
        assert set(filter(None, after["leaving"].split(", "))) == a - b


def test_two_walks_give_the_one_walk_s_points_on_the_shipped_catalogue(shipped_problem):
    """Split at the middle of the exposure range, the halves join into the single walk's table."""
    one, two = frontier(shipped_problem, workers=1), frontier(shipped_problem, workers=2)
    assert len(one.points) > 20
    assert two.points.equals(one.points)
    assert one.complete and two.complete


@pytest.mark.parametrize("cap", [1, 5, 30])
def test_max_points_cuts_both_ways_alike(shipped_problem, cap):
    one = frontier(shipped_problem, max_points=cap, workers=1)
    two = frontier(shipped_problem, max_points=cap, workers=2)
    assert len(one.points) == len(two.points) == cap and not one.complete and not two.complete
    assert two.points[["value", "exposure"]].iloc[:-1].equals(one.points[["value", "exposure"]].iloc[:-1])


@pytest.fixture(scope="module")
def shipped_problem(project_root):
    import trilat_opt

    return trilat_opt.evaluate(project_root).problem


@pytest.mark.parametrize("boost", [0.0, 0.3])  # o0 and o1 worth choosing, so their pair matters
@pytest.mark.parametrize("synergy", [-0.3, -0.05, 0.0, 0.05, 0.3])
@pytest.mark.parametrize("seed", [3, 7, 11])
def test_resolver_without_idle_pair_rows_still_finds_the_best_portfolio(instance, seed, synergy, boost):
    """The re-solver drops the pair rows its objective never presses against (which ones depends on
    the synergy's sign); the optimum, against every feasible portfolio, must not move."""
    import pandas as pd

    from trilat_opt.optimize.resolve import Resolver

    inst = instance(seed, n=8)
    inst.synergy = ("o0", "o1", synergy)
    values = inst.net.to_numpy() @ np.full(3, 1 / 3)
    values[:2] += boost
    resolver = Resolver(inst.problem(values))
    assert resolver.highs is not None
    chosen = resolver.selected(pd.Series(values, index=inst.options))
    best = max(inst.value(x, values) for x, _ in inst.feasible())
    x = np.array([o in chosen for o in inst.options], dtype=float)
    assert inst.value(x, values) == pytest.approx(best, abs=1e-9)
