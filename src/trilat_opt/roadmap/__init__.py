"""Roadmap: when to start each option, across the leadership windows of the three capitals.

`roadmap(cat, scores, weights)` reads criteria.yaml's `roadmap` frame (periods, per-period
limits, leadership events), builds a `RoadmapProblem` around the portfolio problem of
`trilat_opt.optimize`, solves the multi-period 0/1 programme (`RoadmapModel`) and returns a
`RoadmapResult`: start and delivery per option, budget use per period, what each event puts at
risk, what to lock in before each event, and the value lost by a one-period delay. With one
period and no events it is today's `optimize`.
"""

from .model import ROADMAP_OBJECTIVES, RoadmapModel
from .plan import LOCK_IN_TOP, roadmap, solve_roadmap
from .problem import EventSpec, RoadmapProblem, make_roadmap, roadmap_problem
from .result import RoadmapResult
from .terms import Terms, terms_of

__all__ = [
    "LOCK_IN_TOP",
    "ROADMAP_OBJECTIVES",
    "EventSpec",
    "RoadmapModel",
    "RoadmapProblem",
    "RoadmapResult",
    "Terms",
    "make_roadmap",
    "roadmap",
    "roadmap_problem",
    "solve_roadmap",
    "terms_of",
]
