"""From answers to weights: one function for every method, one record for every result.

`elicit(answers, criteria)` computes each analyst's weights by the method's own rule, combines
them into the group's (`group.py` says how), and keeps what an analyst needs to judge the
result: AHP's consistency, the judgements to revisit, the spread between analysts and the
orderings every analyst agrees on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from .ahp import Ahp, Revision, ahp, revisions
from .answers import AhpAnswer, AnswerSet, RankAnswer, SwingAnswer
from .group import Spread, bounds_from_spread, geometric_mean, mean_weights, shared_pairs, spread
from .rank import order_pairs, roc_weights
from .swing import swing_weights

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["METHOD_NAMES", "AnalystWeights", "Elicited", "elicit"]

METHOD_NAMES = {
    "rank": "rank-order centroid of a ranking",
    "swing": "swing weighting",
    "ahp": "AHP pairwise comparisons (principal eigenvector)",
}


@dataclass(frozen=True)
class AnalystWeights:
    """One analyst's weights, with the consistency of their judgements for AHP."""

    name: str
    weights: dict[str, float]
    consistency: Ahp | None = None


@dataclass(frozen=True)
class Elicited:
    """The weights a method gives from the answers, and its diagnostics.

    `weights` are the group's (one analyst's when there is one), in criterion order, summing to 1.
    For AHP, `consistency` is that of the matrix the weights come from (the group's geometric-mean
    matrix for several analysts) and `revisions` the judgements of that matrix to revisit when its
    CR exceeds 0.1. `order` holds the orderings w(a) >= w(b) that every analyst's ranking implies.
    """

    method: str
    criteria: tuple[str, ...]
    weights: dict[str, float]
    analysts: tuple[AnalystWeights, ...]
    spread: dict[str, Spread]
    files: tuple[str, ...] = ()
    consistency: Ahp | None = None
    revisions: tuple[Revision, ...] = ()
    order: tuple[tuple[str, str], ...] = field(default=())

    def bounds(self, decimals: int = 2) -> dict[str, tuple[float, float]]:
        """SMAA weight bounds from the spread between analysts (`group.bounds_from_spread`)."""
        return bounds_from_spread(self.weights, self.spread, decimals)

    def table(self) -> pd.DataFrame:
        """The weights table: the group's weight per criterion, each analyst's when there are
        several, and the spread (least, greatest, standard deviation)."""
        import pandas as pd

        df = pd.DataFrame({"weight": self.weights}, index=pd.Index(self.criteria, name="criterion"))
        if len(self.analysts) > 1:
            for a in self.analysts:
                df[a.name] = [a.weights[c] for c in self.criteria]
            df["low"] = [self.spread[c].low for c in self.criteria]
            df["high"] = [self.spread[c].high for c in self.criteria]
            df["sd"] = [self.spread[c].sd for c in self.criteria]
        return df

    def as_data(self) -> dict[str, Any]:
        """Plain data for JSON: weights, each analyst's, the spread and the diagnostics."""
        return {
            "method": self.method,
            "criteria": list(self.criteria),
            "weights": self.weights,
            "files": list(self.files),
            "analysts": [{"name": a.name, "weights": a.weights, **_consistency(a.consistency)} for a in self.analysts],
            "spread": {c: {"low": s.low, "high": s.high, "sd": s.sd} for c, s in self.spread.items()},
            **_consistency(self.consistency),
            "revisions": [r.__dict__ for r in self.revisions],
            "order": [list(p) for p in self.order],
        }


def _consistency(result: Ahp | None) -> dict[str, Any]:
    if result is None:
        return {}
    return {"lambda_max": result.lambda_max, "ci": result.ci, "random_index": result.random_index, "cr": result.cr}


def elicit(answers: AnswerSet, criteria: Sequence[str]) -> Elicited:
    """Weights from checked answers (`read_answers` or an interactive session).

    >>> from trilat_opt.elicit.answers import Analyst, AnswerSet, RankAnswer
    >>> one = AnswerSet("rank", (Analyst("a", RankAnswer((("x",), ("y",)))),))
    >>> elicit(one, ["x", "y"]).weights
    {'x': 0.75, 'y': 0.25}
    """
    criteria = tuple(criteria)
    per = [_ANALYST[answers.method](a.name, a.answer, criteria) for a in answers.analysts]
    weights_list = [p.weights for p in per]
    matrices = [np.asarray(p.consistency.matrix) for p in per if p.consistency is not None]
    pairs = [order_pairs(a.answer.order) for a in answers.analysts] if answers.method == "rank" else []
    weights_list = [p.weights for p in per]
    consistency = ahp(criteria, geometric_mean(matrices)) if matrices else None
    weights = consistency.weights if consistency else mean_weights(weights_list, criteria)
    return Elicited(
        method=answers.method,
        criteria=criteria,
        weights=weights,
        analysts=tuple(per),
        spread=spread(weights_list, criteria),
        files=answers.files,
        consistency=consistency,
        revisions=revisions(consistency) if consistency and not consistency.acceptable else (),
        order=shared_pairs(pairs, sorted(criteria, key=lambda c: -weights[c])) if pairs else (),
    )


def _rank(name: str, answer: RankAnswer, criteria: tuple[str, ...]) -> AnalystWeights:
    return AnalystWeights(name, _ordered(roc_weights(answer.order), criteria))


def _swing(name: str, answer: SwingAnswer, criteria: tuple[str, ...]) -> AnalystWeights:
    return AnalystWeights(name, _ordered(swing_weights(answer.ratings), criteria))


def _ahp(name: str, answer: AhpAnswer, criteria: tuple[str, ...]) -> AnalystWeights:
    own = ahp(criteria, answer.matrix(criteria))
    return AnalystWeights(name, own.weights, own)


_ANALYST: dict[str, Callable[[str, Any, tuple[str, ...]], AnalystWeights]] = {
    "rank": _rank,
    "swing": _swing,
    "ahp": _ahp,
}
"""One analyst's weights by each method's own rule."""


def _ordered(weights: dict[str, float], criteria: Sequence[str]) -> dict[str, float]:
    return {c: weights[c] for c in criteria}
