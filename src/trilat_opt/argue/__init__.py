"""Quantitative bipolar argumentation: graphs, gradual semantics, bounds, attribution, and the
bridge from a catalogue of cited arguments to criterion scores (`scoring`) and to each option's
tree of arguments with their contributions (`tree`).

>>> from trilat_opt.argue import QBAF
>>> g = QBAF()
>>> g.add_argument("a", base=0.5)
>>> g.add_argument("b", base=0.8)
>>> g.add_attack("b", "a")
>>> {k: round(v, 6) for k, v in g.strengths(semantics="dfquad").items()}
{'a': 0.1, 'b': 0.8}
"""

from .attribution import ATTRIBUTION_METHODS, attribution
from .bounds import StrengthBounds, interval_strengths
from .cycles import SCHEMES, NonConvergenceError
from .graph import QBAF, GraphError, Strengths
from .kernels import SEMANTICS
from .scoring import CriterionScores, build_graph, claim_id, criterion_scores, sample_scores
from .tree import ArgumentNode, ClaimNode, OptionTree, Quote, argument_tree, tree_rows

__all__ = [
    "ATTRIBUTION_METHODS",
    "QBAF",
    "SCHEMES",
    "SEMANTICS",
    "ArgumentNode",
    "ClaimNode",
    "CriterionScores",
    "GraphError",
    "NonConvergenceError",
    "OptionTree",
    "Quote",
    "StrengthBounds",
    "Strengths",
    "argument_tree",
    "attribution",
    "build_graph",
    "claim_id",
    "criterion_scores",
    "interval_strengths",
    "sample_scores",
    "tree_rows",
]
