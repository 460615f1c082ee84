"""The report's pipeline steps. Each reads `run` (inputs, settings, earlier results) and adds tables.

Steps call the public functions of the pipeline modules and reshape what they return into the
report's tables; the few numbers computed here (a portfolio's value in each scenario, the
weighted contributions per criterion) are evaluations of those modules' own formulas, never a
second implementation of a method.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..analysis.core import core_portfolios, core_summary
from ..analysis.frontier import frontier as pareto
from ..analysis.sampling import sample_weights, weight_space_of
from ..analysis.stability import affine_weights, portfolio_stability
from ..analysis.stability import stability as top_stability
from ..optimize.model import OwnBest, PortfolioModel
from ..optimize.objectives import objective_of, outcomes, pair_index
from ..optimize.resolve import Resolver
from ..weights import resolve_weights

if TYPE_CHECKING:
    from ..analysis.criticality import Criticality
    from ..analysis.smaa import SMAAResult
    from ..optimize import PortfolioResult
    from ..workers import Job
    from .run import Run

__all__ = [
    "capital_jobs",
    "capitals",
    "core",
    "criticality",
    "frame_tables",
    "frontier",
    "portfolio",
    "ranking",
    "scenarios",
    "scores",
    "smaa",
    "stability",
    "start_jobs",
]


def start_jobs(run: Run) -> None:
    """Start the slow analyses in worker processes (`trilat_opt.workers`); their steps collect the
    results. They start before the report's own portfolio is solved, which runs meanwhile.

    Ordered for two workers: the capitals' own optima first (the consensus, solved in the report's
    process, waits for them), the roadmap's large programme, then the capitals alone and the
    analyses in the order of their steps, the core index's short parts last so that both workers
    finish together.
    """
    from ..workers import Jobs
    from . import roadmap_step
    from .memo import fingerprint

    capitals = capital_jobs(run) if run.cat.frame.profiles else {}
    todo: dict[str, Job] = {name: job for name, job in capitals.items() if name.startswith("consensus")}
    if run.full:
        todo["roadmap"] = roadmap_step.plan
    todo.update(capitals)
    if run.full:
        # Started before the portfolio is solved, which the jobs do not need: when no portfolio
        # satisfies the rules their steps say so and never collect them.
        todo.update({"portfolio stability": portfolio_intervals, "frontier": frontier_points, **core_jobs(run)})
        todo["criticality"] = critical_arguments
    if run.memo is not None:
        run.memo.start(fingerprint(run))
        todo = {name: job for name, job in todo.items() if name not in run.memo}
    run.ev.problem  # noqa: B018 - made before the fork, so that every worker inherits it
    run.jobs = Jobs(run, todo)


def frame_tables(run: Run) -> None:
    """Criteria, options and bibliography: what the inputs say, before any computation."""
    cat = run.cat
    base = cat.weights()
    run.tables["criteria"] = pd.DataFrame(
        {
            "name": [c.name for c in cat.criteria],
            "group": [c.group or "" for c in cat.criteria],
            "direction": [c.direction for c in cat.criteria],
            "base_weight": [base[c.id] for c in cat.criteria],
            "weight": [run.weights[c.id] for c in cat.criteria],
            # The bounds SMAA samples within; the run's own weight may lie outside (weights.py).
            "low": [c.bounds[0] if c.bounds else 0.0 for c in cat.criteria],
            "high": [c.bounds[1] if c.bounds else 1.0 for c in cat.criteria],
        },
        index=pd.Index(cat.criterion_ids, name="criterion"),
    )
    run.tables["options"] = pd.DataFrame(
        {
            "title": [o.title for o in cat.options],
            "domain": [o.domain for o in cat.options],
            "countries": ["/".join(o.countries) for o in cat.options],
            "lead_time_months": [o.lead_time.months if o.lead_time else np.nan for o in cat.options],
            "arguments": [len(o.arguments) for o in cat.options],
        },
        index=pd.Index(cat.option_ids, name="option"),
    )
    cited: dict[str, int] = {}
    for _, a in cat.arguments():
        for e in a.evidence:
            cited[e.source] = cited.get(e.source, 0) + 1
    sources = cat.sources or (run.library.sources if run.library is not None else ())
    run.summary["bibliography"] = [
        {
            **s.model_dump(mode="json", include={"key", "title", "author", "publisher", "date", "note"}),
            "citations": cited.get(s.key, 0),
        }
        for s in sources
    ]
    run.summary["budget_units"] = {b.id: b.unit for b in cat.frame.budgets}


def scores(run: Run) -> None:
    """Criterion scores from the argument graph, and every argument's base and final strength."""
    cat, ev = run.cat, run.ev
    run.tables["scores"] = ev.scores.rename_axis("option")
    run.tables["net"] = ev.net.rename_axis("option")
    w = pd.Series(run.weights).reindex(cat.criterion_ids).fillna(0.0)
    run.tables["contributions"] = ev.net.mul(w, axis=1).rename_axis("option")


def ranking(run: Run) -> None:
    """Each option's value and rank under the additive model, TOPSIS and PROMETHEE II."""
    run.tables["ranking"] = run.ev.ranking("all").rename_axis("option")


def portfolio(run: Run) -> None:
    """The optimal portfolio under the run's weights and objective, with every rule's use and slack."""
    cat, problem, result = run.cat, run.ev.problem, run.result
    selected = run.selected
    budgets = [b.id for b in cat.frame.budgets]
    names = _rule_labels(cat)
    rows = []
    for o in selected:
        opt_ = cat.option(o)
        row = {
            "title": opt_.title,
            "domain": opt_.domain,
            "countries": "/".join(opt_.countries),
            "value": float(result.values[o]),
            "survival": float(
                problem.survival[problem.value_column if problem.value_column in problem.survival else "base"][o]
            ),
        }
        row.update({f"cost:{b}": opt_.cost(b) for b in budgets})
        rows.append(row)
    columns = ["title", "domain", "countries", "value", "survival", *(f"cost:{b}" for b in budgets)]
    run.tables["portfolio"] = pd.DataFrame(rows, index=pd.Index(selected, name="option"), columns=columns)
    cons = result.constraints.copy()
    cons.insert(0, "label", [names.get(n, n) for n in cons["name"]])
    run.tables["constraints"] = cons.reset_index(drop=True).rename_axis("row")
    exp = result.exposure.copy()
    exp.insert(0, "label", [names.get(n, n) for n in exp["name"]])
    run.tables["exposure"] = exp.reset_index(drop=True).rename_axis("row")
    for name in ("options", "ranking"):
        if name in run.tables:
            run.tables[name]["selected"] = run.tables[name].index.isin(selected)
    run.summary["status"] = result.status
    run.summary["objective_value"] = result.objective_value
    run.summary["diagnosis"] = str(result.diagnosis) if result.diagnosis else None


NO_PORTFOLIO = "no portfolio satisfies every rule (the portfolio section names the rules to relax); nothing to analyse."


def _feasible(run: Run, section: str) -> bool:
    """Whether the run found a portfolio; if not, note why `section` is empty (its analysis re-solves)."""
    if run.result.feasible:
        return True
    run.missing.setdefault(section, NO_PORTFOLIO)
    return False


def _rule_labels(cat) -> dict[str, str]:
    """Readable names for the optimizer's rule names ("budget <id>", "risk <id>", "country <c>")."""
    out = {f"budget {b.id}": b.name for b in cat.frame.budgets}
    out.update({f"risk {r.id}": r.name for r in cat.frame.risks})
    out.update({r.id: r.name for r in cat.frame.risks})
    out.update({f"country {c}": f"all risks living in {c}" for c in ("US", "JP", "KR")})
    out.update({c: f"all risks living in {c}" for c in ("US", "JP", "KR")})
    return out


def capitals(run: Run) -> None:
    """Each capital's own portfolio and the consensus portfolio (max-min normalised satisfaction)."""
    if not run.cat.frame.profiles:
        run.missing.setdefault("capitals", "criteria.yaml defines no capital profiles.")
        return

    cat = run.cat
    weights = pd.DataFrame({p.id: resolve_weights(cat, p.id) for p in cat.frame.profiles})
    weights["this run"] = pd.Series(run.weights)
    run.tables["profile_weights"] = weights.reindex(cat.criterion_ids).rename_axis("criterion")
    jobs = capital_jobs(run)
    results = [run.job(f"capital {p.id}", jobs[f"capital {p.id}"]) for p in cat.frame.profiles]
    cons = run.job("consensus", consensus_result)
    picks: dict[str, tuple[str, ...]] = {}
    rows = []
    for p, res in zip(cat.frame.profiles, results, strict=True):
        picks[p.name] = res.selected
        rows.append({"name": p.name, "size": len(res.selected), "value": res.objective_value, "satisfaction": 1.0})
    picks["consensus"] = cons.selected
    outcome = cons.outcomes.set_index("case") if "case" in cons.outcomes else cons.outcomes
    for row, p in zip(rows, cat.frame.profiles, strict=True):
        row["consensus_value"] = float(outcome["value"].get(p.id, np.nan))
        row["satisfaction"] = float(outcome["score"].get(p.id, np.nan))
    rows.append(
        {"name": "consensus", "size": len(cons.selected), "value": np.nan, "satisfaction": cons.objective_value}
    )
    index = pd.Index([p.id for p in cat.frame.profiles] + ["consensus"], name="profile")
    run.tables["capitals"] = pd.DataFrame(rows, index=index)
    chosen = run.selected
    flags = {name: [o in sel for o in cat.option_ids] for name, sel in picks.items()}
    flags["this run"] = [o in chosen for o in cat.option_ids]
    table = pd.DataFrame(
        {"title": [o.title for o in cat.options], **flags}, index=pd.Index(cat.option_ids, name="option")
    )
    run.tables["capital_portfolios"] = table[table.drop(columns="title").any(axis=1)]


def capital_jobs(run: Run) -> dict[str, Job]:
    """One job per capital's own optimum under the consensus rules (what the consensus measures
    satisfaction against), then one per capital's portfolio alone (its own profile, the value
    objective, no forced options)."""
    profiles = [p.id for p in run.cat.frame.profiles]
    jobs: dict[str, Job] = {f"consensus best {p}": partial(_consensus_best, profile=p) for p in profiles}
    jobs.update({f"capital {p}": partial(_capital_alone, profile=p) for p in profiles})
    return jobs


def _capital_alone(run: Run, profile: str) -> PortfolioResult:
    return run.ev.with_(profile=profile, overrides={}, objective="value", include=(), exclude=()).result


def _consensus_best(run: Run, profile: str) -> OwnBest:
    return PortfolioModel(run.ev.problem, "consensus", run.solver).own_best(profile)


def consensus_result(run: Run) -> PortfolioResult:
    """The consensus portfolio, from the capitals' own optima solved side by side (jobs); the same
    result as `Evaluation.result` under the consensus objective, whose solve makes them in turn."""
    jobs = capital_jobs(run)
    bests = {p.id: run.job(f"consensus best {p.id}", jobs[f"consensus best {p.id}"]) for p in run.cat.frame.profiles}
    return PortfolioModel(run.ev.problem, "consensus", run.solver).solve(bests=bests)


def stability(run: Run) -> None:
    """Exact weight intervals (one criterion moves, the others in proportion) keeping the top option."""

    table = top_stability(run.tables["net"], run.weights)
    if run.full and _feasible(run, "stability"):
        table = table.join(run.job("portfolio stability", portfolio_intervals))
    names = run.tables["criteria"]["name"]
    out = table.rename(columns={"top_low": "low", "top_high": "high"})
    out.insert(0, "name", names.reindex(out.index))
    run.tables["stability"] = out.rename_axis("criterion")
    run.stability_subject = "top-ranked option under the additive model"


PORTFOLIO_TOL = 1e-3
"""Weight resolution of the portfolio intervals in a report (the CLI's `sensitivity` uses 1e-4)."""


def portfolio_intervals(run: Run) -> pd.DataFrame:
    """Weight intervals keeping the chosen portfolio optimal, and what changes just beyond each end.

    The summary's hinges come from here: the recommendation is the portfolio, so the weights
    that matter most are those closest to changing it, not the top of the ranking.
    """
    problem, values = run.ev.problem, run.ev.values
    table = portfolio_stability(
        problem, values, run.weights, objective=run.objective, solver=run.solver, tol=PORTFOLIO_TOL
    )
    chosen = set(table.attrs.get("portfolio", ()))
    resolver = Resolver(problem, run.objective, run.solver)
    columns = [c for c in values.columns if c in problem.values.columns]
    crits = list(values.net.columns)
    w = np.array([run.weights.get(c, 0.0) for c in crits])
    for side, sign in (("low", -1.0), ("high", 1.0)):
        enters, leaves = [], []
        for c, edge in table[f"portfolio_{side}"].items():
            beyond = edge + sign * 2 * PORTFOLIO_TOL
            if not 0.0 <= beyond <= 1.0:
                enters.append(""), leaves.append("")
                continue
            a, b = affine_weights(w, crits.index(c))
            new = set(resolver.optimum(values.values(a + beyond * b)[columns])[0])
            enters.append(", ".join(sorted(new - chosen))), leaves.append(", ".join(sorted(chosen - new)))
        table[f"portfolio_{side}_enters"], table[f"portfolio_{side}_leaves"] = enters, leaves
    return table


def smaa(run: Run) -> None:
    """SMAA-2 rank acceptability over weights and argument-strength ranges."""
    res = run.job("smaa", smaa_result)
    titles = run.tables["options"]["title"]
    summary = res.summary()
    summary.insert(0, "title", titles.reindex(summary.index))
    run.tables["smaa"] = summary.rename_axis("option")
    acc = res.acceptability.loc[summary.index]
    acc.columns = [str(c) for c in acc.columns]
    run.tables["acceptability"] = acc.rename_axis("option")
    run.tables["central_weights"] = res.central_weights.loc[summary.index].rename_axis("option")
    run.smaa_method = res.method


def smaa_result(run: Run) -> SMAAResult:
    """The SMAA-2 analysis of the run (computed in the report's own process while the workers solve)."""
    return run.ev.smaa(run.samples, run.seed)


def scenarios(run: Run) -> None:
    """The chosen portfolio's value, survival and expected value in each named scenario."""
    problem, result = run.ev.problem, run.result
    if not result.feasible:
        return

    frame = run.cat.frame
    if not frame.scenarios:
        run.missing.setdefault("scenarios", "criteria.yaml defines no scenarios.")
        return
    x = np.array([o in result.selected for o in problem.options], dtype=float)
    i, j, _ = pair_index(problem)
    expected = outcomes(problem, "robust", problem.values)
    rows = []
    for s in frame.scenarios:
        value = float(problem.values[s.id].to_numpy() @ x + _synergy(problem, x, i, j))
        surv = problem.survival[s.id].to_numpy()[x > 0]
        rows.append(
            {
                "name": s.name,
                "probability": s.probability,
                "value": value,
                "survival": float(surv.mean()) if len(surv) else np.nan,
                "expected": expected[s.id].at(x, (i, j)) if s.id in expected else np.nan,
            }
        )
    run.tables["scenarios"] = pd.DataFrame(rows, index=pd.Index([s.id for s in frame.scenarios], name="scenario"))


def _synergy(problem: Any, x: np.ndarray, i: np.ndarray, j: np.ndarray) -> float:
    if not len(i):
        return 0.0
    values = np.array([v for *_, v in problem.synergies], dtype=float)
    return float(values @ (x[i] * x[j]))


FULL_ONLY = "skipped by --quick; run trilat-opt report without --quick to include it (a few seconds more)."
CORE_SAMPLES = 200
"""Weight samples for the core index in a report: one MILP re-solve each (about 10 ms in-process)."""
CORE_SAMPLES_SLOW = 50
"""The same for robust, regret and consensus, whose re-solves each solve several models (~150 ms)."""


def frontier(run: Run) -> None:
    """Pareto-optimal portfolios of value against summed political-risk exposure (skipped by --quick)."""
    if not run.full:
        run.missing.setdefault("frontier", FULL_ONLY)
        return
    if not _feasible(run, "frontier"):
        return

    points = run.job("frontier", frontier_points).rename(columns={"exposure": "risk"})
    result = run.result
    points["chosen"] = points["selected"] == ", ".join(result.selected)
    run.tables["frontier"] = points


def frontier_points(run: Run) -> pd.DataFrame:
    """The value frontier whatever the run's objective: value against exposure is the trade-off shown."""
    return pareto(run.ev.problem, "value", run.solver, workers=1).points  # already in a worker of its own


def core(run: Run) -> None:
    """Share of sampled weight vectors under which each option is in the optimal portfolio (skipped by --quick)."""
    if not run.full:
        run.missing.setdefault("core", FULL_ONLY)
        return
    if not _feasible(run, "core"):
        return
    n = core_samples(run)
    parts = [run.job(name, job) for name, job in core_jobs(run).items()]
    portfolios = [p for part, _ in parts for p in part]
    res = core_summary(run.ev.problem.options, portfolios, seed=run.seed, engine=parts[0][1])
    table = res.table.rename(columns={"share": "core"})
    table.insert(0, "title", run.tables["options"]["title"].reindex(table.index))
    table["selected"] = table.index.isin(run.selected)
    run.tables["core"] = table.sort_values(["core", "title"], ascending=[False, True], kind="mergesort")
    run.core_samples = n


CORE_PART = 40
"""Core index samples per job: small enough for the jobs to share the workers evenly."""


def core_samples(run: Run) -> int:
    """Weight samples for the run's core index."""
    return min(run.samples, CORE_SAMPLES if objective_of(run.objective).linear else CORE_SAMPLES_SLOW)


def core_jobs(run: Run) -> dict[str, Job]:
    """The core index in parts of `CORE_PART` samples: each job's portfolios, in sample order."""
    n = core_samples(run)
    return {f"core {k + 1}": partial(_core_part, start=k) for k in range(0, n, CORE_PART)}


def _core_part(run: Run, start: int) -> tuple[list[tuple[str, ...]], str]:
    weights = sample_weights(weight_space_of(run.cat), core_samples(run), run.seed)[start : start + CORE_PART]
    return core_portfolios(run.ev.problem, run.ev.values, weights, objective=run.objective, solver=run.solver)


def critical_arguments(run: Run) -> Criticality:
    """Arguments whose base strength, moved, changes the top-ranked option."""
    return run.ev.criticality(portfolio=False)


def criticality(run: Run) -> None:
    """Arguments whose base strength, moved, changes the top-ranked option (skipped by --quick)."""
    if not run.full:
        run.missing.setdefault("criticality", FULL_ONLY)
        return
    res = run.job("criticality", critical_arguments)
    keep = ["option", "criterion", "stance", "base", "top_shift", "new_top"]
    inferred = {a.id for _, a in run.cat.arguments() if a.inferred}
    table = res.hinges[keep].head(25)
    run.tables["criticality"] = table.assign(inferred=table.index.isin(inferred))
