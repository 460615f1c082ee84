"""The ranking pipeline: criterion scores from the arguments, aggregated by one or more methods.

`rank` joins the options' titles and domains to the score of each requested method and its rank:

- additive: `value`, the weighted net value over the neutral base (see `values.py`): zero means
  "no gain", so an option the evidence does not favour never outranks one it does merely for
  existing. Ranking by it is the same as ranking by the weighted sum of raw scores.
- topsis: closeness to the ideal option, vector normalisation (`TOPSIS_NORMALIZATION`).
- promethee: PROMETHEE II net flow with `DEFAULT_PREFERENCE` on every criterion.

Ranks are competition ranks (1, 2, 2, 4): options whose scores differ by less than
`TIE_TOLERANCE` share a rank, so rounding noise never decides an order. Rows are sorted by the
first method's rank, ties by option id, which keeps the output byte-identical from run to run.

A criterion with `direction: min` counts against an option: for TOPSIS and PROMETHEE through the
methods' own directions, and for the net value by reflecting its scores about the neutral base.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .errors import InputError
from .model import Catalogue
from .score import METHODS, prepare, promethee_ii, topsis
from .values import option_values

__all__ = ["DEFAULT_PREFERENCE", "TIE_TOLERANCE", "TOPSIS_NORMALIZATION", "competition_rank", "rank"]

# PROMETHEE preference function for argument-derived scores in [0, 1]. A difference of 0.02 or
# less is noise (base strengths are set by hand, in steps of about 0.05, and the semantics blend
# them), so it earns no preference; a difference of 0.2, about what one strong unrebutted
# argument moves a claim, is a full preference; in between preference grows linearly, so the
# size of an advantage counts and not only its sign (as it would with the "usual" function).
DEFAULT_PREFERENCE: dict[str, float | str] = {"type": "linear", "q": 0.02, "p": 0.2}

# TOPSIS normalisation for the ranking: "vector", the original method of Hwang and Yoon (1981).
TOPSIS_NORMALIZATION = "vector"

# Scores closer than this tie: far above float rounding (1e-16), far below any real difference.
TIE_TOLERANCE = 1e-9


def rank(
    cat: Catalogue,
    weights: Mapping[str, float],
    method: str = "all",
    semantics: str = "dfquad",
    scores: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per option (index: option id) with title, domain and each method's score and rank.

    `method` is a key of `trilat_opt.score.METHODS` or "all". `scores` (options x criteria, in
    [0, 1]) defaults to the argumentation engine's criterion scores under `semantics`.
    Criteria missing from `weights` weigh 0; weights are normalised to sum to 1.
    """
    methods = _methods(method)
    base = pd.DataFrame(
        {"title": [o.title for o in cat.options], "domain": [o.domain for o in cat.options]},
        index=pd.Index(cat.option_ids, name="option"),
    )
    if not cat.options:
        return base.assign(**{c: pd.Series(dtype=float) for c in _columns(methods)})
    if scores is None:
        from .argue import criterion_scores

        scores = criterion_scores(cat, semantics=semantics).scores
    table = _aligned(cat, scores)
    w = _weights(cat, weights)
    directions = [c.direction for c in cat.criteria]
    problem = prepare(table, w, directions)  # validates once: NaN scores, weights, directions
    normalised = dict(zip(table.columns, problem.weights, strict=True))
    for name in methods:
        score_col, rank_col = _COLUMNS[name]
        values = _SCORERS[name](table, normalised, directions, cat.frame.neutral_base)
        base[score_col] = values.to_numpy()
        base[rank_col] = competition_rank(values).to_numpy()
    first = _COLUMNS[methods[0]][1]
    return base.reset_index().sort_values([first, "option"], kind="stable").set_index("option")


def competition_rank(values: pd.Series, tolerance: float = TIE_TOLERANCE) -> pd.Series:
    """Rank 1 for the highest value; values within `tolerance` share the better rank (1, 2, 2, 4).

    >>> competition_rank(pd.Series([0.2, 0.5, 0.2, 0.9], index=list("abcd"))).tolist()
    [3, 2, 3, 1]
    """
    v = values.to_numpy(dtype=float)
    ascending = np.sort(v)
    better = len(v) - np.searchsorted(ascending, v + tolerance, side="right")
    return pd.Series(better + 1, index=values.index, name="rank", dtype=int)


_COLUMNS = {
    "additive": ("value", "rank_additive"),
    "topsis": ("topsis", "rank_topsis"),
    "promethee": ("promethee", "rank_promethee"),
}


def _net_value(table: pd.DataFrame, w: dict, directions: list[str], neutral: float) -> pd.Series:
    """Additive value over the neutral base; a criterion to minimise is reflected about the base."""
    signs = {c: 1.0 if d == "max" else -1.0 for c, d in zip(table.columns, directions, strict=True)}
    return option_values(table, w, neutral, signs=signs)


def _topsis(table: pd.DataFrame, w: dict, directions: list[str], neutral: float) -> pd.Series:
    return topsis(table, w, directions, normalization=TOPSIS_NORMALIZATION)


def _promethee(table: pd.DataFrame, w: dict, directions: list[str], neutral: float) -> pd.Series:
    return promethee_ii(table, w, directions, DEFAULT_PREFERENCE)


_SCORERS = {"additive": _net_value, "topsis": _topsis, "promethee": _promethee}


def _methods(method: str) -> list[str]:
    if method == "all":
        return list(METHODS)
    if method not in METHODS:
        raise InputError(f"--method {method!r}: expected one of {', '.join([*METHODS, 'all'])}")
    return [method]


def _columns(methods: list[str]) -> list[str]:
    return [col for name in methods for col in _COLUMNS[name]]


def _aligned(cat: Catalogue, scores: pd.DataFrame) -> pd.DataFrame:
    """The score table in catalogue order; every option and criterion present, nothing else."""
    problems = []
    for axis, want, have in (
        ("option", cat.option_ids, list(scores.index)),
        ("criterion", cat.criterion_ids, list(scores.columns)),
    ):
        missing = [x for x in want if x not in have]
        unknown = [str(x) for x in have if x not in want]
        if missing:
            problems.append(f"no scores for {axis} {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown {axis} {', '.join(unknown)}")
    if problems:
        raise InputError(f"scores: {'; '.join(problems)}")
    return scores.loc[cat.option_ids, cat.criterion_ids]


def _weights(cat: Catalogue, weights: Mapping[str, float]) -> dict[str, float]:
    unknown = [str(k) for k in weights if k not in cat.criterion_ids]
    if unknown:
        raise InputError(f"weights: unknown criterion {', '.join(unknown)} (known: {', '.join(cat.criterion_ids)})")
    return {c: weights.get(c, 0.0) for c in cat.criterion_ids}
