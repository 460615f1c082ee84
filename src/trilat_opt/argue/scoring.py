"""From a catalogue of cited arguments to criterion scores.

For every option and criterion there is a claim node "this option advances this criterion" with
the neutral base score of `criteria.yaml`. An option's pro arguments on that criterion support
its claim, its con arguments attack it, and an argument's `attacks:` / `supports:` lists add
edges to other arguments, across options too. The criterion score of an option is its claim's
final strength; an option with no argument on a criterion keeps the neutral base and is flagged
as having no evidence there.

An inferred argument (one with `inference:`, the analyst's reasoning beyond the quotes) enters
the graph with its base strength and range ends lowered to criteria.yaml's `inference_cap`
(`Catalogue.base_of`), so reasoning never weighs as much as a source can.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import InputError
from ..ids import unknown
from ..model import Catalogue
from .bounds import interval_strengths
from .graph import QBAF, check_semantics

__all__ = [
    "CriterionScores",
    "ScoreDraws",
    "argument_ranges",
    "build_graph",
    "claim_id",
    "criterion_scores",
    "sample_scores",
]

_CHUNK = 8192  # samples evaluated per batch in `sample_scores`


@dataclass(frozen=True)
class CriterionScores:
    """Claim strengths per option and criterion, which of them rest on evidence, and every argument."""

    scores: pd.DataFrame  # options x criteria, claim strengths in [0, 1]
    evidence: pd.DataFrame  # options x criteria, True where at least one argument bears on the claim
    arguments: pd.DataFrame  # index argument id: option, criterion, stance, base, strength, low, high, scheme
    semantics: str


def claim_id(option_id: str, criterion_id: str) -> str:
    """Id of the claim node "option advances criterion" (argument ids cannot contain '::')."""
    return f"{option_id}::{criterion_id}"


def build_graph(cat: Catalogue, base: Mapping[str, float] | None = None) -> QBAF:
    """The catalogue's argumentation graph; `base` overrides base scores by argument (or claim) id."""
    g = QBAF()
    for opt in cat.options:
        for cid in cat.criterion_ids:
            g.add_argument(claim_id(opt.id, cid), cat.frame.neutral_base)
    for _, arg in cat.arguments():
        g.add_argument(arg.id, cat.base_of(arg)[0])
    for opt, arg in cat.arguments():
        claim = claim_id(opt.id, arg.criterion)
        (g.add_support if arg.stance == "pro" else g.add_attack)(arg.id, claim)
        for target in arg.attacks:
            g.add_attack(arg.id, target)
        for target in arg.supports:
            g.add_support(arg.id, target)
    for key, value in (base or {}).items():
        if key not in g:
            raise InputError(f"base override names unknown argument {key!r}")
        g.set_base(key, value)
    return g


def argument_ranges(
    cat: Catalogue, base: Mapping[str, float] | None = None
) -> tuple[dict[str, float], dict[str, float]]:
    """Lower and upper base scores of the arguments that have a range (an override pins it to a point).

    Ranges are as evaluated: an inferred argument's ends are capped (see `Catalogue.base_of`).
    """
    lower, upper = {}, {}
    for _, arg in cat.arguments():
        if arg.range is not None and arg.id not in (base or {}):
            _, lower[arg.id], upper[arg.id] = cat.base_of(arg)
    return lower, upper


def criterion_scores(
    cat: Catalogue, semantics: str = "dfquad", base: Mapping[str, float] | None = None
) -> CriterionScores:
    """Scores of every option on every criterion, with strength bounds of every argument and the
    scheme that found its strength (exact off cycles; iteration or continuous on them)."""
    check_semantics(semantics)
    g = build_graph(cat, base)
    solved = g.solve(semantics)
    strength = solved.values
    lower, upper = argument_ranges(cat, base)
    bounds = interval_strengths(g, lower, upper, semantics)
    rows = [
        {
            "argument": arg.id,
            "option": opt.id,
            "criterion": arg.criterion,
            "stance": arg.stance,
            "base": g.base(arg.id),
            "strength": strength[arg.id],
            "low": bounds.lower[arg.id],
            "high": bounds.upper[arg.id],
            "scheme": solved.scheme[arg.id],
        }
        for opt, arg in cat.arguments()
    ]
    columns = ["argument", "option", "criterion", "stance", "base", "strength", "low", "high", "scheme"]
    return CriterionScores(
        scores=_claims_frame(cat, strength),
        evidence=_evidence_frame(cat),
        arguments=pd.DataFrame(rows, columns=columns).set_index("argument"),
        semantics=semantics,
    )


def sample_scores(
    cat: Catalogue, samples: int, seed: int | np.random.Generator, semantics: str = "dfquad"
) -> np.ndarray:
    """Scores for `samples` draws of argument bases, uniform within their ranges: (samples, options, criteria).

    Arguments without a range keep their base. All draws of a batch are evaluated at once, layer
    by layer; the result depends only on the catalogue, `samples` and `seed`.
    """
    return ScoreDraws(cat, semantics)(samples, seed)


class ScoreDraws:
    """`sample_scores` for one catalogue, called many times: the graph and ranges are built once.

    SMAA draws scores in memory-bounded batches; rebuilding the graph for each batch cost 9 of the
    16 s of a 2,000-option SMAA (80 batches).
    """

    def __init__(self, cat: Catalogue, semantics: str = "dfquad"):
        check_semantics(semantics)
        self.semantics = semantics
        self.graph = build_graph(cat)
        self.lo, self.hi = self.graph.base_ranges(*argument_ranges(cat))
        self.shape = (len(cat.options), len(cat.criteria))

    def __call__(self, samples: int, seed: int | np.random.Generator) -> np.ndarray:
        g, lo, hi = self.graph, self.lo, self.hi
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        n_claims = self.shape[0] * self.shape[1]  # claims come first in the graph
        out = np.empty((samples, n_claims))
        for a in range(0, samples, _CHUNK):
            count = min(_CHUNK, samples - a)
            draws = lo + (hi - lo) * rng.random((count, len(g)))
            out[a : a + count] = g.evaluate(draws, self.semantics)[:, :n_claims]
        return out.reshape(samples, *self.shape)


def _criteria_of(cat: Catalogue, option_id: str, criterion_id: str | None) -> list[str]:
    if option_id not in cat.option_ids:
        raise InputError(_unknown("option", option_id, cat.option_ids))
    if criterion_id is None:
        return cat.criterion_ids
    if criterion_id not in cat.criterion_ids:
        raise InputError(_unknown("criterion", criterion_id, cat.criterion_ids))
    return [criterion_id]


def _unknown(kind: str, name: str, known: list[str]) -> str:
    return unknown(kind, name, known, where="options/" if kind == "option" else "criteria.yaml")


def _claims_frame(cat: Catalogue, values: Mapping[str, float]) -> pd.DataFrame:
    data = [[values[claim_id(o, c)] for c in cat.criterion_ids] for o in cat.option_ids]
    return _frame(cat, data)


def _evidence_frame(cat: Catalogue) -> pd.DataFrame:
    argued = {(opt.id, arg.criterion) for opt, arg in cat.arguments()}
    data = [[(o, c) in argued for c in cat.criterion_ids] for o in cat.option_ids]
    return _frame(cat, data).astype(bool)


def _frame(cat: Catalogue, data: list[list]) -> pd.DataFrame:
    return pd.DataFrame(
        data,
        index=pd.Index(cat.option_ids, name="option"),
        columns=pd.Index(cat.criterion_ids, name="criterion"),
    )
