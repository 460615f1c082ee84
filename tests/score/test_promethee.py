"""PROMETHEE II against published worked examples, pymcdm and a brute-force oracle."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymcdm.methods import PROMETHEE_II

from trilat_opt.errors import InputError
from trilat_opt.score import parse_function, promethee_ii
from trilat_opt.score import promethee as promethee_module
from trilat_opt.score.promethee import preference

# Brans, J.P. and Vincke, Ph. (1985). A preference ranking organisation method (The PROMETHEE
# method for multiple criteria decision-making). Management Science 31(6), 647-656: six options
# (a1..a6, rows) on six criteria, one of each preference-function type, equal weights.
# The paper writes type IV as (q, p) with the top step at q + p, and type V as (s, r) with full
# preference at s + r; our thresholds are absolute, so level q=1, p=1+5 and linear q=5, p=5+45.
BV_MATRIX = np.array(
    [
        [80, 65, 83, 40, 52, 94],
        [90, 58, 60, 80, 72, 96],
        [60, 20, 40, 100, 60, 70],
        [5.4, 9.7, 7.2, 7.5, 2.0, 3.6],
        [8, 1, 4, 7, 3, 5],
        [5, 1, 7, 10, 8, 6],
    ]
).T
BV_DIRECTIONS = ["min", "max", "min", "min", "min", "max"]
BV_FUNCTIONS = [
    {"type": "u-shape", "q": 10},
    {"type": "v-shape", "p": 30},
    {"type": "linear", "q": 5, "p": 50},
    {"type": "level", "q": 1, "p": 6},
    {"type": "usual"},
    {"type": "gaussian", "s": 5},
]
# The paper's valued outranking (preference index) table pi(a, b), three decimals.
BV_PI = [
    [0.000, 0.296, 0.250, 0.269, 0.100, 0.185],
    [0.463, 0.000, 0.389, 0.333, 0.296, 0.500],
    [0.235, 0.180, 0.000, 0.333, 0.056, 0.429],
    [0.399, 0.506, 0.305, 0.000, 0.224, 0.212],
    [0.444, 0.515, 0.487, 0.380, 0.000, 0.448],
    [0.287, 0.399, 0.250, 0.431, 0.133, 0.000],
]
# The paper's net flows are sums over the other options (not divided by n - 1 = 5).
BV_NET = [-0.728, 0.085, -0.447, -0.102, 1.466, -0.274]


def test_brans_vincke_1985_preference_index():
    signs = np.where(np.array(BV_DIRECTIONS) == "max", 1.0, -1.0)
    pi = sum(
        preference(signs[j] * (BV_MATRIX[:, j, None] - BV_MATRIX[None, :, j]), parse_function(f)) / 6
        for j, f in enumerate(BV_FUNCTIONS)
    )
    np.testing.assert_allclose(pi, BV_PI, atol=5e-4)  # the table is rounded to three decimals


def test_brans_vincke_1985_net_flows_and_ranking():
    got = promethee_ii(BV_MATRIX, [1] * 6, BV_DIRECTIONS, BV_FUNCTIONS)
    # The paper sums five three-decimal preference indices per flow, hence 3e-3.
    np.testing.assert_allclose(got.to_numpy() * 5, BV_NET, atol=3e-3)
    assert list(got.sort_values(ascending=False).index) == [4, 1, 3, 5, 2, 0]  # a5 a2 a4 a6 a3 a1


def test_zhao_peng_li_2013_usual_criterion():
    """Zhao, H., Peng, Y. and Li, W. (2013). Revised PROMETHEE II for improving efficiency in
    emergency response. Procedia Computer Science 17, 181-188 (also pymcdm's golden test)."""
    got = promethee_ii([[4, 3, 2], [3, 2, 4], [5, 1, 3]], [0.5, 0.3, 0.2], "max")
    np.testing.assert_allclose(got, [0.1, -0.3, 0.2], atol=1e-12)


PYMCDM_NAMES = {"usual": "usual", "u-shape": "ushape", "v-shape": "vshape", "level": "level", "linear": "vshape_2"}


def _random_problem(seed: int, kind: str) -> tuple[np.ndarray, np.ndarray, list[str], list[dict]]:
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(2, 25)), int(rng.integers(1, 6))
    matrix = rng.integers(0, 20, size=(n, m)).astype(float)  # integers: many ties and threshold hits
    if rng.random() < 0.5:
        matrix += rng.uniform(0, 1, size=(n, m))
    weights = rng.dirichlet(np.ones(m))
    directions = list(rng.choice(["max", "min"], size=m))
    q = rng.integers(0, 5, size=m).astype(float)
    p = q + rng.integers(1, 8, size=m)
    s = rng.uniform(0.5, 6, size=m)
    params = {"usual": (), "u-shape": ("q",), "v-shape": ("p",), "level": ("q", "p"), "linear": ("q", "p")}
    params["gaussian"] = ("s",)
    values = {"q": q, "p": p, "s": s}
    functions = [{"type": kind, **{k: float(values[k][j]) for k in params[kind]}} for j in range(m)]
    return matrix, weights, directions, functions


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), kind=st.sampled_from(list(PYMCDM_NAMES)))
def test_agrees_with_pymcdm_on_random_matrices(seed: int, kind: str):
    matrix, weights, directions, functions = _random_problem(seed, kind)
    q = [f.get("q", 0.0) for f in functions]
    p = [f.get("p", 1.0) for f in functions]
    reference = PROMETHEE_II(PYMCDM_NAMES[kind], p=p, q=q)
    types = np.where(np.array(directions) == "max", 1, -1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = reference(matrix, weights, types, validation=False)
    got = promethee_ii(matrix, weights, directions, functions)
    np.testing.assert_allclose(got.to_numpy(), want, rtol=0, atol=1e-9)


def _brute_force(matrix, weights, directions, functions) -> list[float]:
    """Net flows straight from the definitions, one pair and one criterion at a time."""

    def pref(d: float, f: dict) -> float:
        if d <= 0:
            return 0.0
        kind, q, p, s = f["type"], f.get("q", 0.0), f.get("p", 0.0), f.get("s", 0.0)
        if kind == "usual":
            return 1.0
        if kind == "u-shape":
            return 1.0 if d > q else 0.0
        if kind == "v-shape":
            return d / p if d <= p else 1.0
        if kind == "level":
            return 0.0 if d <= q else 0.5 if d <= p else 1.0
        if kind == "linear":
            return 0.0 if d <= q else (d - q) / (p - q) if d <= p else 1.0
        return 1.0 - math.exp(-(d * d) / (2 * s * s))

    n, total = len(matrix), sum(weights)
    net = []
    for a in range(n):
        flow = 0.0
        for b in range(n):
            for j, f in enumerate(functions):
                d = (matrix[a][j] - matrix[b][j]) * (1 if directions[j] == "max" else -1)
                flow += weights[j] / total * (pref(d, f) - pref(-d, f))
        net.append(flow / (n - 1))
    return net


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_mixed_functions_agree_with_brute_force(seed: int):
    rng = np.random.default_rng(seed)
    kinds = ["usual", "u-shape", "v-shape", "level", "linear", "gaussian"]
    parts = [_random_problem(seed, kind) for kind in kinds]
    matrix, weights, directions, _ = parts[0]
    # one randomly chosen type per criterion (with the thresholds drawn for that type's column 0)
    functions = [parts[k][3][0] for k in rng.integers(0, len(kinds), size=matrix.shape[1])]
    got = promethee_ii(matrix, weights, directions, functions)
    np.testing.assert_allclose(got.to_numpy(), _brute_force(matrix, weights, directions, functions), atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), kind=st.sampled_from(["usual", "level", "linear", "gaussian"]))
def test_net_flows_sum_to_zero_and_lie_in_range(seed: int, kind: str):
    matrix, weights, directions, functions = _random_problem(seed, kind)
    got = promethee_ii(matrix, weights, directions, functions)
    assert got.sum() == pytest.approx(0.0, abs=1e-12)
    assert (got.abs() <= 1 + 1e-12).all()


def test_blocked_computation_equals_one_block(monkeypatch):
    matrix, weights, directions, functions = _random_problem(7, "linear")
    whole = promethee_ii(matrix, weights, directions, functions)
    monkeypatch.setattr(promethee_module, "_BLOCK", 3)  # a few rows at a time
    np.testing.assert_array_equal(promethee_ii(matrix, weights, directions, functions), whole)


def test_single_option_has_zero_flow_without_dividing_by_zero():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert promethee_ii([[3.0, 1.0]], [1, 1]).tolist() == [0.0]


def test_functions_by_criterion_or_one_for_all():
    m = pd.DataFrame({"a": [0.1, 0.5, 0.9], "b": [0.4, 0.45, 0.2]}, index=["x", "y", "z"])
    linear = {"type": "linear", "q": 0.02, "p": 0.2}
    one = promethee_ii(m, [1, 1], None, linear)
    by_name = promethee_ii(m, [1, 1], None, {"b": linear, "a": linear})
    by_position = promethee_ii(m, [1, 1], None, [linear, linear])
    pd.testing.assert_series_equal(one, by_name)
    pd.testing.assert_series_equal(one, by_position)
    assert one.name == "promethee" and list(one.index) == ["x", "y", "z"]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"type": "gauss", "s": 1}, "unknown type 'gauss'; expected one of usual, u-shape, v-shape, level, linear"),
        ({"type": "linear", "q": 1}, "type 'linear' takes q, p (missing: ['p'], unexpected: -)"),
        ({"type": "usual", "q": 1}, "type 'usual' takes no thresholds (missing: -, unexpected: ['q'])"),
        ({"type": "level", "q": 5, "p": 5}, "a level function needs q < p, got q=5, p=5"),
        ({"type": "linear", "q": -1, "p": 5}, "threshold q=-1 must be a finite number >= 0"),
        ({"type": "v-shape", "p": 0}, "threshold p of a v-shape function must be > 0"),
        ({"type": "gaussian", "s": "wide"}, "threshold s='wide' must be a finite number >= 0"),
        ({"q": 1}, "expected a dict with a 'type'"),
    ],
)
def test_bad_preference_functions_are_input_errors(spec, message):
    with pytest.raises(InputError) as caught:
        promethee_ii([[1.0], [2.0]], [1], None, [spec])
    assert message in str(caught.value)
    assert "functions[0]" in str(caught.value)


def test_wrong_number_of_functions():
    with pytest.raises(InputError, match="functions: expected 2 values, one per criterion, got 1"):
        promethee_ii([[1.0, 2.0], [2.0, 1.0]], [1, 1], None, [{"type": "usual"}])
