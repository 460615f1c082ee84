"""Run the whole pipeline once and collect every table the report shows: `build(cat, ...)`.

The question is an `Evaluation` (scores, problem and portfolio computed once for every step); the
steps run in order (scores, ranking, portfolio, capitals, robustness, evidence) over a `Run`
(`run.py`), each adding named tables. Once the scores are known, the slow analyses start side
by side in worker processes (`trilat_opt.workers`), and their steps collect the results in turn. A
step that has nothing to show (no scenarios defined, a skipped analysis, no portfolio) leaves a
note instead of its tables, so the report still renders and says why. Timings are measured for
the progress display but enter the report only when asked for (`timings=True`), because
wall-clock figures would break byte-identical reruns.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from .. import __version__
from ..evaluation import Evaluation
from ..guards import SMAA_SAMPLES, check_sampling, require_options
from ..model import Catalogue
from ..weights import outside_bounds
from . import articles, roadmap_step, steps
from .command import command_of
from .data import ReportData, check_run_name, generated_at, input_hash, run_name
from .evidence import evidence
from .headline import summarise
from .memo import Memo
from .run import Run
from .whatif import whatif

__all__ = ["DEFAULT_SAMPLES", "Progress", "build"]

DEFAULT_SAMPLES = SMAA_SAMPLES
"""SMAA weight samples by default, the same as `sensitivity`'s (`trilat_opt.guards.SMAA_SAMPLES`)."""

STEPS: list[tuple[str, Callable[..., None]]] = [
    ("reading the articles", articles.read_articles),
    ("reading the inputs", steps.frame_tables),
    ("scoring arguments", steps.scores),
    ("ranking options", steps.ranking),
    ("starting the analyses", steps.start_jobs),
    ("optimizing the portfolio", steps.portfolio),
    ("SMAA-2 rank acceptability", steps.smaa),
    ("scenario outcomes", steps.scenarios),
    ("capitals and consensus", steps.capitals),
    ("weight stability", steps.stability),
    ("risk-value frontier", steps.frontier),
    ("core index", steps.core),
    ("critical arguments", steps.criticality),
    ("the what-if programme", whatif),
    ("roadmap across leadership windows", roadmap_step.roadmap),
    ("the recommendations register", articles.recommendations),
    ("collecting the evidence", evidence),
    ("writing the summary", summarise),
]

Progress = Callable[[str, int, int], None]
"""Called before each step with (description, step number from 0, number of steps)."""


def build(
    source: Catalogue | Evaluation,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    full: bool = True,
    sources: str | os.PathLike[str] | None = None,
    name: str | None = None,
    command: str | None = None,
    command_head: str = "trilat-opt report",
    timings: bool = False,
    progress: Progress | None = None,
    memo: Memo | None = None,
    **settings: Any,
) -> ReportData:
    """Every table of the report on an evaluation, or on a catalogue under `settings`.

    `settings` are the keywords of `Evaluation` (profile, overrides, objective, scenario, solver,
    semantics, include, exclude, caps, budgets), checked before the first step; give them or an
    `Evaluation`, not both. The same inputs and settings give an equal `ReportData` under the
    same `SOURCE_DATE_EPOCH` (else the generation time differs). `full=False` skips the expensive
    analyses (core index, risk-value frontier, critical arguments), each of which re-solves the
    portfolio many times.

    `command` is the command line recorded as the one that makes the run again; by default it is
    `command_head` followed by the options that give these settings.

    `name` names the run (its folder under reports/); by default the name says the profile,
    objective, overrides and scenario, then a hash of every setting (`run_name`).

    `memo` keeps the slow analyses' results from one call to the next (`report --watch`): a call
    whose analyses read the same inputs as the previous one takes their results from it.

    `sources` names the folder of source articles; by default it is found as `sources check`
    finds it, and when there is none the report says so and shows bare quotes. A folder named
    but unusable raises `InputError`.
    """
    check_sampling(samples, seed)
    if isinstance(source, Evaluation):
        if settings:
            raise TypeError(f"build: settings {sorted(settings)} given with an Evaluation, which has its own")
        ev = source
    else:
        require_options(source, "report")
        ev = Evaluation(source, **settings)
    require_options(ev.catalogue, "report")
    original = ev.given.frame  # criteria.yaml's limits, before --cap/--budget
    yaml_limits = {("budget", b.id): b.limit for b in original.budgets}
    yaml_limits.update({("risk", r.id): r.cap for r in original.risks})
    run = Run(
        ev=ev,
        samples=samples,
        seed=seed,
        full=full,
        sources=None if sources is None else os.fspath(sources),
        yaml_limits=yaml_limits,
        memo=memo,
    )
    spent: dict[str, float] = {}
    try:
        for i, (label, step) in enumerate(STEPS):
            if progress:
                progress(label, i, len(STEPS))
            start = time.perf_counter()
            step(run)
            spent[label] = time.perf_counter() - start
    finally:
        if run.jobs is not None:
            run.jobs.close()
    if progress:
        progress("done", len(STEPS), len(STEPS))
    name = (
        check_run_name(name)
        if name
        else run_name(run.profile, run.objective, run.weights, _settings(run), run.overrides)
    )
    run.manifest = _manifest(run, name, command or command_of(run, command_head), spent if timings else None)
    return ReportData(
        title="US-Japan-ROK trilateral cooperation: options report",
        run_name=name,
        manifest=run.manifest,
        summary=run.summary,
        tables={k: _tidy(v) for k, v in run.tables.items()},
        options=run.option_views,
        missing=dict(sorted(run.missing.items())),
        whatif=run.whatif,
    )


def _settings(run: Run) -> dict[str, Any]:
    return {
        "scenario": run.scenario,
        "samples": run.samples,
        "seed": run.seed,
        "solver": run.solver,
        "semantics": run.semantics,
        "include": list(run.include),
        "exclude": list(run.exclude),
        **({"caps": run.caps} if run.caps else {}),
        **({"budgets": run.budgets} if run.budgets else {}),
        "full": run.full,
    }


def _manifest(run: Run, name: str, command: str, spent: dict[str, float] | None) -> dict[str, Any]:
    profiles = {p.id: p.name for p in run.cat.frame.profiles}
    return {
        "version": __version__,
        "run_name": name,
        "input_hash": input_hash(run.cat),
        "options": len(run.cat.options),
        "arguments": len(run.cat.arguments()),
        "profile": run.profile,
        "profile_name": f"{profiles.get(run.profile, run.profile)} profile" if run.profile else "criteria.yaml weights",
        "profiles": [
            {"id": p.id, "name": p.name, "basis": p.basis, "elicited": p.elicited.model_dump() if p.elicited else None}
            for p in run.cat.frame.profiles
        ],
        "overrides": run.overrides,
        "weights": {k: round(v, 12) for k, v in run.weights.items()},
        "outside_bounds": [str(o) for o in outside_bounds(run.cat, run.weights)],
        "objective": run.objective,
        "objective_name": run.objective,
        "neutral_base": run.cat.frame.neutral_base,
        "inference_cap": run.cat.frame.inference_cap,
        "inferred": sum(a.inferred for _, a in run.cat.arguments()),
        "recommendations": len(run.cat.recommendations),
        "core_samples": run.core_samples,
        "semantics_name": run.semantics,
        **_settings(run),
        "solver_detail": f"{run.result.solver} ({run.result.status})",
        "smaa_method": run.smaa_method,
        "generated": generated_at(),
        "timings": {k: round(v, 3) for k, v in spent.items()} if spent else None,
        "command": command,
    }


def _tidy(df: pd.DataFrame) -> pd.DataFrame:
    """Plain column names and float values rounded to 12 digits, so CSV, JSON and page agree."""
    out = df.copy()
    out.columns = [str(c) for c in out.columns]
    floats = [c for c in out.columns if pd.api.types.is_float_dtype(out[c])]
    if floats:  # in place, all at once: setting them as new columns fragments a 1,000-column table
        out.loc[:, floats] = np.round(out[floats].to_numpy(dtype=float), 12) + 0.0
    return out
