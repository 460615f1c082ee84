"""PROMETHEE II: net outranking flows (Brans and Vincke 1985).

Every pair of options is compared on every criterion. The advantage d of a over b on a criterion
(its difference, sign-flipped for criteria to minimise) goes through a preference function P(d)
in [0, 1], which says how strongly a is preferred to b on that criterion. The weighted sum over
criteria is the preference index pi(a, b); the net flow of a is

    phi(a) = 1 / (n - 1) * sum over b of [pi(a, b) - pi(b, a)],

in [-1, 1]; higher is better. The six standard preference functions (thresholds in the
criterion's own units):

    {"type": "usual"}                     P = 1 if d > 0
    {"type": "u-shape", "q": q}           P = 1 if d > q                      (quasi-criterion)
    {"type": "v-shape", "p": p}           P = d / p up to p, then 1
    {"type": "level", "q": q, "p": p}     P = 0 up to q, 1/2 up to p, then 1
    {"type": "linear", "q": q, "p": p}    P = 0 up to q, (d - q) / (p - q) up to p, then 1
    {"type": "gaussian", "s": s}          P = 1 - exp(-d^2 / (2 s^2)) for d > 0

In every case P(d) = 0 for d <= 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, TypeAlias

import numpy as np
import pandas as pd

from ..errors import InputError
from ._matrix import Directions, Matrix, Weights, per_criterion, prepare

__all__ = ["PARAMETERS", "Functions", "Preference", "flows", "parse_function", "preference", "promethee_ii"]

PARAMETERS: dict[str, tuple[str, ...]] = {
    "usual": (),
    "u-shape": ("q",),
    "v-shape": ("p",),
    "level": ("q", "p"),
    "linear": ("q", "p"),
    "gaussian": ("s",),
}

Functions: TypeAlias = Mapping[Any, Any] | Sequence[Mapping[str, Any]] | None

_BLOCK = 2_000_000  # pairwise cells held in memory at once: keeps n = 10,000 options under ~50 MB


class Preference(NamedTuple):
    """A validated preference function: its type and thresholds (0 where unused)."""

    type: str
    q: float = 0.0
    p: float = 0.0
    s: float = 0.0


def preference(d: np.ndarray, f: Preference) -> np.ndarray:
    """P(d) for an array of advantages d; 0 wherever d <= 0."""
    if f.type == "usual":
        return (d > 0).astype(float)
    if f.type == "u-shape":
        return (d > f.q).astype(float)
    if f.type == "v-shape":
        return np.clip(d / f.p, 0.0, 1.0)
    if f.type == "level":
        return np.where(d > f.p, 1.0, np.where(d > f.q, 0.5, 0.0))
    if f.type == "linear":
        return np.clip((d - f.q) / (f.p - f.q), 0.0, 1.0)
    return np.where(d > 0, -np.expm1(-np.square(d) / (2.0 * f.s * f.s)), 0.0)


def flows(
    values: np.ndarray, weights: np.ndarray, maximise: np.ndarray, functions: Sequence[Preference]
) -> tuple[np.ndarray, np.ndarray]:
    """Kernel: leaving and entering flows (phi+, phi-), each divided by n - 1.

    Works on blocks of rows so that memory stays at a few million pairs whatever n is.
    """
    n = len(values)
    plus, minus = np.zeros(n), np.zeros(n)
    block = max(1, _BLOCK // max(n, 1))
    for start in range(0, n, block):
        rows = slice(start, min(start + block, n))
        for j, f in enumerate(functions):
            if weights[j] == 0:
                continue
            col = values[:, j] if maximise[j] else -values[:, j]
            d = col[rows, None] - col[None, :]
            plus[rows] += weights[j] * preference(d, f).sum(axis=1)
            minus[rows] += weights[j] * preference(-d, f).sum(axis=1)
    scale = 1.0 / max(n - 1, 1)
    return plus * scale, minus * scale


def promethee_ii(
    matrix: Matrix, weights: Weights, directions: Directions = None, functions: Functions = None
) -> pd.Series:
    """Net outranking flow per option, in [-1, 1]; higher is better.

    `functions` gives one preference function per criterion: a list of dicts in column order, a
    mapping from criterion to dict, or one dict for all criteria; None means "usual" everywhere.
    Example from Zhao, Peng and Li (2013), Procedia Computer Science 17, 181-188:

    >>> promethee_ii([[4, 3, 2], [3, 2, 4], [5, 1, 3]], [0.5, 0.3, 0.2]).round(2).tolist()
    [0.1, -0.3, 0.2]
    """
    p = prepare(matrix, weights, directions)
    specs = _functions(functions, p.criteria)
    plus, minus = flows(p.values, p.weights, p.maximise, specs)
    return p.series(plus - minus, "promethee")


def _functions(functions: Functions, criteria: pd.Index) -> list[Preference]:
    if functions is None:
        return [Preference("usual")] * len(criteria)
    if isinstance(functions, Mapping) and "type" in functions:
        return [parse_function(functions, str(c)) for c in criteria]
    given = per_criterion(functions, criteria, "functions")
    return [parse_function(f, str(c)) for f, c in zip(given, criteria, strict=True)]


def parse_function(spec: Mapping[str, Any], criterion: str = "") -> Preference:
    """Validate one preference-function dict, for example {"type": "linear", "q": 0.02, "p": 0.2}.

    >>> parse_function({"type": "level", "q": 10, "p": 60})
    Preference(type='level', q=10.0, p=60.0, s=0.0)
    """
    where = f"functions[{criterion}]" if criterion else "functions"
    if not isinstance(spec, Mapping) or "type" not in spec:
        raise InputError(f"{where}: expected a dict with a 'type', for example {{'type': 'usual'}}, got {spec!r}")
    kind = spec["type"]
    if kind not in PARAMETERS:
        raise InputError(f"{where}: unknown type {kind!r}; expected one of {', '.join(PARAMETERS)}")
    needed = PARAMETERS[kind]
    given = {k: v for k, v in spec.items() if k != "type"}
    extra = sorted(set(given) - set(needed))
    missing = [k for k in needed if k not in given]
    if extra or missing:
        wants = ", ".join(needed) or "no thresholds"
        raise InputError(
            f"{where}: type {kind!r} takes {wants} (missing: {missing or '-'}, unexpected: {extra or '-'})"
        )
    nums = {}
    for k, v in given.items():
        try:
            nums[k] = float(v)
        except (TypeError, ValueError):
            nums[k] = math.nan
        if not math.isfinite(nums[k]) or nums[k] < 0:
            raise InputError(f"{where}: threshold {k}={v!r} must be a finite number >= 0")
    f = Preference(kind, **nums)
    if kind in ("v-shape", "gaussian") and (f.p if kind == "v-shape" else f.s) <= 0:
        raise InputError(f"{where}: threshold {needed[0]} of a {kind} function must be > 0")
    if kind in ("level", "linear") and not f.q < f.p:
        raise InputError(f"{where}: a {kind} function needs q < p, got q={f.q:g}, p={f.p:g}")
    return f
