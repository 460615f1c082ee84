"""One evaluation of a project: its settings, fixed once, and every stage computed once, on demand.

Every analysis, report step and command answers a question about the same thing: a catalogue
under one set of settings (weights, objective, scenario, solver, argumentation semantics, options
forced in or out, overridden limits). Threading those settings through each function by hand let
stages drift apart and made each start again from the catalogue, so scores were recomputed up to
four times per report. An `Evaluation` holds the settings, checked once, and computes each stage
the first time it is asked for, then keeps it:

    criterion scores -> value model (net of the neutral base, signed, per scenario) -> portfolio
    problem -> optimal portfolio; and from these the analyses (ranking, stability, SMAA, core
    index, frontier, argument criticality).

In a notebook:

>>> import trilat_opt, pathlib
>>> ev = trilat_opt.evaluate(pathlib.Path(__file__).parents[2], profile="tokyo")
>>> ev.setup.profile, ev.goal.name, len(ev.portfolio) > 0
('tokyo', 'value', True)
>>> ev.scores.shape == (len(ev.catalogue.options), len(ev.catalogue.criteria))
True

Its imports of the pipeline are made where each stage is computed: `import trilat_opt` (and so
`validate` and `--help`) must not load pandas, PuLP or SciPy.

`with_` asks the same question with some settings changed, reusing the stages those settings do
not touch (a new weight keeps the argument scores). The functions of `trilat_opt.analysis` that
take plain tables (`stability(net, weights)`, `frontier(problem)`, ...) stay as they are, for
callers who bring their own numbers.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .model import Catalogue
from .names import SOLVERS

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from .analysis import CoreIndex, Criticality, Frontier, SMAAResult
    from .argue import CriterionScores
    from .optimize import PortfolioResult, Problem
    from .optimize.objectives import Objective
    from .roadmap import RoadmapResult
    from .values import ValueModel

__all__ = ["Evaluation", "Setup", "evaluate"]


@dataclass(frozen=True)
class Setup:
    """The settings of one evaluation, as checked: what every stage reads, and nothing else.

    `weights` are the resolved, normalised criterion weights (profile, then `--weight` overrides);
    `profile` and `overrides` say where they came from. `caps` and `budgets` are the limits
    overridden for this evaluation (`--cap`, `--budget`); the catalogue already carries them.
    """

    weights: Mapping[str, float]
    profile: str | None = None
    overrides: Mapping[str, float] = field(default_factory=dict)
    objective: str = "value"
    scenario: str | None = None
    solver: str = "cbc"
    semantics: str = "dfquad"
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    caps: Mapping[str, float] = field(default_factory=dict)
    budgets: Mapping[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for a run record: lists and dicts only."""
        return {
            "weights": dict(self.weights),
            "profile": self.profile,
            "overrides": dict(self.overrides),
            "objective": self.objective,
            "scenario": self.scenario,
            "solver": self.solver,
            "semantics": self.semantics,
            "include": list(self.include),
            "exclude": list(self.exclude),
            "caps": dict(self.caps),
            "budgets": dict(self.budgets),
        }


# Settings whose change leaves stages valid, so `with_` carries the stages over: the scores and the
# value model depend on the catalogue and the semantics only; the problem on everything but these.
_KEEP_SCORES = frozenset({"profile", "overrides", "weights", "objective", "scenario", "solver", "include", "exclude"})
_KEEP_PROBLEM = frozenset({"objective", "solver"})


class Evaluation:
    """A catalogue under one `Setup`, with each stage computed on first use and then kept.

    Build one with `evaluate(project, ...)` or `Evaluation(catalogue, ...)`. Every setting is
    checked here, before any computation: an unknown profile, criterion, scenario, option, risk or
    budget, or an objective or solver that does not exist, raises `InputError` naming it.
    """

    def __init__(
        self,
        catalogue: Catalogue,
        *,
        profile: str | None = None,
        overrides: Mapping[str, float] | None = None,
        weights: Mapping[str, float] | None = None,
        objective: str = "value",
        scenario: str | None = None,
        solver: str = "cbc",
        semantics: str = "dfquad",
        include: Iterable[str] = (),
        exclude: Iterable[str] = (),
        caps: Mapping[str, float] | None = None,
        budgets: Mapping[str, float] | None = None,
    ):
        from .argue.graph import check_semantics
        from .errors import InputError
        from .limits import override_limits
        from .optimize.objectives import objective_of
        from .optimize.problem import check_choices
        from .weights import find_profile, normalise, resolve_weights

        objective_of(objective)
        if solver not in SOLVERS:
            raise InputError(f"--solver {solver!r}: expected one of {', '.join(SOLVERS)}")
        check_semantics(semantics)
        include, exclude = tuple(include), tuple(exclude)
        check_choices(catalogue, scenario, include, exclude)
        self.catalogue = override_limits(catalogue, caps, budgets)
        if profile is not None:
            profile = find_profile(catalogue, profile).id  # "Tokyo" is tokyo
        if weights is not None:
            _check_weights(catalogue, weights)
            given = {c: float(weights.get(c, 0.0)) for c in catalogue.criterion_ids}
            # Weights that already sum to 1 are kept to the bit (re-dividing by a sum of
            # 0.9999999999999999 would move them), so `with_` asks exactly the same question.
            resolved = given if abs(math.fsum(given.values()) - 1.0) <= 1e-12 else normalise(given)
        else:
            resolved = resolve_weights(catalogue, profile, dict(overrides or {}))
        self.setup = Setup(
            weights=resolved,
            profile=profile,
            overrides=dict(overrides or {}),
            objective=objective,
            scenario=scenario,
            solver=solver,
            semantics=semantics,
            include=include,
            exclude=exclude,
            caps=dict(caps or {}),
            budgets=dict(budgets or {}),
        )
        self.given = catalogue
        """The catalogue as given, before --cap/--budget replaced limits (`catalogue` has them)."""

    def __repr__(self) -> str:
        s = self.setup
        return (
            f"Evaluation({len(self.catalogue.options)} options, objective={s.objective!r}, "
            f"profile={s.profile!r}, scenario={s.scenario!r}, solver={s.solver!r})"
        )

    # ------------------------------------------------------------------ settings

    @property
    def weights(self) -> dict[str, float]:
        """The criterion weights in use (normalised), by criterion id."""
        return dict(self.setup.weights)

    @cached_property
    def goal(self) -> Objective:
        """The objective's record (`trilat_opt.optimize.objectives.Objective`)."""
        from .optimize.objectives import objective_of

        return objective_of(self.setup.objective)

    def with_(self, **changes: Any) -> Evaluation:
        """The same question with some settings changed (the keyword arguments of `Evaluation`).

        Stages the change cannot affect are carried over: new weights, objective, scenario,
        solver or forced options keep the argument scores; a new semantics recomputes them.
        Giving `profile` or `overrides` without `weights` resolves the weights again.
        """
        s = self.setup
        current: dict[str, Any] = {
            "profile": s.profile,
            "overrides": s.overrides,
            "objective": s.objective,
            "scenario": s.scenario,
            "solver": s.solver,
            "semantics": s.semantics,
            "include": s.include,
            "exclude": s.exclude,
            "caps": s.caps,
            "budgets": s.budgets,
        }
        if not ({"profile", "overrides"} & changes.keys()):
            current["weights"] = s.weights
        new = Evaluation(self.given, **{**current, **changes})
        keep = ("criterion_scores", "scores", "values") if set(changes) <= _KEEP_SCORES else ()
        if set(changes) <= _KEEP_PROBLEM:
            keep += ("problem",)
        for stage in keep:
            if stage in self.__dict__:
                new.__dict__[stage] = self.__dict__[stage]
        return new

    # ------------------------------------------------------------------ stages

    @cached_property
    def criterion_scores(self) -> CriterionScores:
        """Every claim's strength and every argument's base and final strength (`trilat_opt.argue`)."""
        from .argue import criterion_scores

        return criterion_scores(self.catalogue, semantics=self.setup.semantics)

    @cached_property
    def scores(self) -> pd.DataFrame:
        """Options x criteria claim strengths in catalogue order; no evidence counts as the neutral base."""
        cat = self.catalogue
        table = self.criterion_scores.scores.reindex(index=cat.option_ids, columns=cat.criterion_ids)
        return table.fillna(cat.frame.neutral_base)

    @cached_property
    def values(self) -> ValueModel:
        """Option values as a linear function of the weights, per value column (`trilat_opt.values`)."""
        from .values import ValueModel

        return ValueModel.of(self.catalogue, self.scores)

    @property
    def net(self) -> pd.DataFrame:
        """Net scores: over the neutral base, signed by direction (options x criteria)."""
        return self.values.net

    @cached_property
    def option_values(self) -> pd.Series:
        """Each option's weighted net value under this evaluation's weights (and scenario)."""
        column = self.setup.scenario or "base"
        return self.values.values(self.weight_vector)[column].rename("value")

    @property
    def weight_vector(self) -> np.ndarray:
        """The weights as a vector in criterion order (the value model's)."""
        return self.values.vector(self.setup.weights)

    @cached_property
    def problem(self) -> Problem:
        """The portfolio programme's data: values, costs, exposures, survival chances and rules."""
        from .optimize import problem_from_catalogue

        s = self.setup
        return problem_from_catalogue(
            self.catalogue, self.scores, s.weights, scenario=s.scenario, include=s.include, exclude=s.exclude
        )

    @cached_property
    def result(self) -> PortfolioResult:
        """The optimal portfolio under the objective, with every rule's use and slack."""
        from .optimize import optimize

        return optimize(self.problem, objective=self.setup.objective, solver=self.setup.solver)

    @property
    def portfolio(self) -> tuple[str, ...]:
        """The ids of the chosen options (empty when no portfolio satisfies the rules)."""
        return tuple(self.result.selected)

    # ------------------------------------------------------------------ analyses

    def ranking(self, method: str = "all") -> pd.DataFrame:
        """Each option's value and rank: additive, TOPSIS, PROMETHEE II (`trilat_opt.ranking`)."""
        from .ranking import rank

        s = self.setup
        return rank(self.catalogue, s.weights, method=method, semantics=s.semantics, scores=self.scores)

    def stability(self, *, portfolio: bool = True, criteria: Iterable[str] | None = None) -> pd.DataFrame:
        """Weight intervals keeping the top option and (when `portfolio`) the chosen portfolio.

        The top option's intervals are closed-form on the net scores of the scenario in use; the
        portfolio's re-solve the programme (all criteria, or those in `criteria`).
        """
        import pandas as pd

        from .analysis.stability import portfolio_stability, stability

        values = self.values
        net = values.net
        if self.setup.scenario is not None:
            net = pd.DataFrame(values.columns[self.setup.scenario], index=net.index, columns=net.columns)
        table = stability(net, self.setup.weights)
        if portfolio:
            s = self.setup
            chosen = list(criteria) if criteria is not None else None
            extra = portfolio_stability(
                self.problem, values, s.weights, objective=s.objective, solver=s.solver, criteria=chosen
            )
            table = table.join(extra)
            table.attrs.update(extra.attrs)
        return table

    def smaa(self, samples: int | None = None, seed: int = 0, *, uncertain: bool = True) -> SMAAResult:
        """SMAA-2 rank acceptability over weights within criteria.yaml's bounds and orderings and,
        when `uncertain`, argument base strengths drawn within their ranges."""
        from .analysis.smaa import evaluation_smaa
        from .guards import SMAA_SAMPLES, check_sampling

        check_sampling(samples, seed)
        return evaluation_smaa(self, samples or SMAA_SAMPLES, seed, uncertain=uncertain)

    def core_index(
        self,
        samples: int = 1_000,
        seed: int = 0,
        *,
        weights: np.ndarray | None = None,
        workers: int | None = None,
        progress: bool = False,
    ) -> CoreIndex:
        """Share of weight vectors (sampled within the bounds, or `weights`) under which each option
        is in the optimal portfolio (`trilat_opt.analysis.core`)."""
        from .analysis.core import core_index
        from .analysis.sampling import sample_weights, weight_space_of
        from .guards import check_sampling

        check_sampling(samples, seed)
        space = weight_space_of(self.catalogue)
        drawn = weights if weights is not None else sample_weights(space, samples, seed)
        s = self.setup
        return core_index(
            self.problem,
            self.values,
            drawn,
            objective=s.objective,
            solver=s.solver,
            workers=workers,
            progress=progress,
            seed=seed,
            method=space.method if weights is None else "given weight samples",
        )

    def frontier(self, max_points: int = 1000, workers: int | None = None) -> Frontier:
        """Every Pareto-optimal portfolio of value (or expected value) against total exposure
        (`workers`: processes sharing the walk, by default two when two cores are free)."""
        from .analysis.frontier import frontier
        from .guards import require_options

        require_options(self.catalogue, "frontier")
        return frontier(self.problem, self.setup.objective, self.setup.solver, max_points=max_points, workers=workers)

    def criticality(self, *, portfolio: bool = True, exact: bool = True) -> Criticality:
        """How far each argument's base strength must move to change the top option or the portfolio."""
        from .analysis.criticality import criticality

        return criticality(self, portfolio=portfolio, exact=exact)

    def roadmap(self, **options: Any) -> RoadmapResult:
        """When to start each option across the leadership windows (`trilat_opt.roadmap`).

        `options` are `roadmap`'s own: horizon, periods, gap, time_limit, timing.
        """
        from .roadmap import roadmap

        s = self.setup
        return roadmap(
            self.catalogue,
            self.scores,
            s.weights,
            objective=s.objective,
            solver=s.solver,
            scenario=s.scenario,
            include=s.include,
            exclude=s.exclude,
            **options,
        )


def evaluate(project: str | os.PathLike[str] = ".", **settings: Any) -> Evaluation:
    """Load the project at `project` and evaluate it under `settings` (the keywords of `Evaluation`).

    >>> import trilat_opt, pathlib
    >>> ev = trilat_opt.evaluate(pathlib.Path(__file__).parents[2], overrides={"deterrence": 0.3})
    >>> round(ev.weights["deterrence"], 12)
    0.3
    """
    from .load import load

    return Evaluation(load(project), **settings)


def _check_weights(catalogue: Catalogue, weights: Mapping[str, float]) -> None:
    """Explicit weights name known criteria and are finite and non-negative (`weights=` of `Evaluation`)."""
    from .errors import InputError
    from .ids import unknown

    for name, value in weights.items():
        if name not in catalogue.criterion_ids:
            raise InputError(unknown("criterion", name, catalogue.criterion_ids, "weights"))
        if not (math.isfinite(value) and value >= 0):
            raise InputError(f"weights {name}={value}: a weight must be a finite number of at least 0")
