"""Weights from judgements: ranking, swing weighting and AHP, for one analyst or a group.

Analysts rarely know a weight; they can say which criterion matters more, how much a swing from
worst to best is worth against another, or how many times one criterion outweighs another.
Each method turns such answers into weights (`elicit`), from an answers file (`read_answers`)
or an interactive session (`interview`), and `write_edit` records them in criteria.yaml as a
profile whose `elicited:` says how they were obtained.

>>> from trilat_opt.elicit import roc_weights
>>> [round(w, 3) for w in roc_weights([["a"], ["b"], ["c"], ["d"]]).values()]
[0.521, 0.271, 0.146, 0.062]
"""

from .ahp import ACCEPTABLE_CR, RANDOM_INDEX, Ahp, Revision, ahp, consistency_ratio, revisions
from .answers import METHODS, AnswerSet, dump_answers, read_answers
from .frame_edit import FrameEdit, PreparedEdit, apply_edit, elicitation_record, prepare_edit, rounded, write_edit
from .group import Spread, bounds_from_spread, geometric_mean
from .rank import order_pairs, roc_weights
from .result import METHOD_NAMES, AnalystWeights, Elicited, elicit
from .session import Abandoned, interview
from .swing import swing_weights

__all__ = [
    "ACCEPTABLE_CR",
    "METHODS",
    "METHOD_NAMES",
    "RANDOM_INDEX",
    "Abandoned",
    "Ahp",
    "AnalystWeights",
    "AnswerSet",
    "Elicited",
    "FrameEdit",
    "PreparedEdit",
    "Revision",
    "Spread",
    "ahp",
    "apply_edit",
    "bounds_from_spread",
    "consistency_ratio",
    "dump_answers",
    "elicit",
    "elicitation_record",
    "geometric_mean",
    "interview",
    "order_pairs",
    "prepare_edit",
    "read_answers",
    "revisions",
    "roc_weights",
    "rounded",
    "swing_weights",
    "write_edit",
]
