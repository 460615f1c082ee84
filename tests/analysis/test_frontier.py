"""Risk-value frontier against the non-dominated set found by enumeration."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from trilat_opt.analysis.frontier import frontier


def nondominated(inst, option_values: np.ndarray) -> set[tuple[float, float]]:
    pts = {(round(inst.value(x, option_values), 9), round(inst.exposure(x), 9)) for x, _ in inst.feasible()}
    return {(v, e) for v, e in pts if not any((v2 >= v and e2 <= e) and (v2 > v or e2 < e) for v2, e2 in pts)}


@pytest.mark.parametrize("seed", [1, 5, 9])
def test_frontier_equals_enumerated_nondominated_set(instance, seed):
    inst = instance(seed, n=8)
    values = inst.net.to_numpy() @ np.full(3, 1 / 3)
    front = frontier(inst.problem(values))
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
