"""Run the whole pipeline once and collect every table the report shows: `build(cat, ...)`.

The steps run in order (scores, ranking, portfolio, capitals, robustness, evidence) and each
adds named tables. A step whose pipeline module is not installed leaves a note instead of its
tables, so the report still renders and says plainly what is missing; any other error propagates.
Timings are measured for the progress display but enter the report only when asked for
(`timings=True`), because wall-clock figures would break byte-identical reruns.
"""

from __future__ import annotations

import importlib
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .. import __version__
from ..guards import SMAA_SAMPLES, check_sampling, require_options
from ..model import Catalogue
from ..optimize.problem import check_choices
from ..weights import find_profile, outside_bounds, resolve_weights
from . import articles, roadmap_step, steps
from .data import ReportData, check_run_name, generated_at, input_hash, run_name
from .evidence import evidence
from .headline import summarise

__all__ = ["DEFAULT_SAMPLES", "Progress", "Run", "build"]

DEFAULT_SAMPLES = SMAA_SAMPLES
"""SMAA weight samples by default, the same as `sensitivity`'s (`trilat_opt.guards.SMAA_SAMPLES`)."""

STEPS: list[tuple[str, Callable[..., None]]] = [
    ("reading the articles", articles.read_articles),
    ("reading the inputs", steps.frame_tables),
    ("scoring arguments", steps.scores),
    ("ranking options", steps.ranking),
    ("optimizing the portfolio", steps.portfolio),
    ("capitals and consensus", steps.capitals),
    ("weight stability", steps.stability),
    ("SMAA-2 rank acceptability", steps.smaa),
    ("scenario outcomes", steps.scenarios),
    ("risk-value frontier", steps.frontier),
    ("core index", steps.core),
    ("critical arguments", steps.criticality),
    ("roadmap across leadership windows", roadmap_step.roadmap),
    ("the recommendations register", articles.recommendations),
    ("collecting the evidence", evidence),
    ("writing the summary", summarise),
]

Progress = Callable[[str, int, int], None]
"""Called before each step with (description, step number from 0, number of steps)."""


@dataclass
class Run:
    """The state the steps share: inputs, settings, intermediate results and the growing output."""

    cat: Catalogue
    weights: dict[str, float]
    profile: str | None
    overrides: dict[str, float]
    objective: str
    scenario: str | None
    samples: int
    seed: int
    solver: str
    semantics: str
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    full: bool = True
    sources: str | None = None
    """The articles' folder as given (`--sources`); None looks in the usual places."""
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    manifest: dict[str, Any] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)
    """Intermediate results passed between steps (criterion scores, the optimal portfolio, ...)."""

    def api(self, path: str, sections: Iterable[str]) -> Any | None:
        """The public function `trilat_opt.<module>.<name>`, or None after noting on `sections`
        that this build lacks it (a pipeline stage not yet installed)."""
        module, _, name = path.rpartition(".")
        try:
            found = getattr(importlib.import_module(f"trilat_opt.{module}"), name, None)
        except ModuleNotFoundError as exc:
            if not (exc.name or "").startswith("trilat_opt."):
                raise
            found = None
        if found is None:
            for s in sections:
                self.missing.setdefault(s, f"this build has no trilat_opt.{path}, the pipeline stage it needs.")
        return found


def build(
    cat: Catalogue,
    *,
    profile: str | None = None,
    overrides: Mapping[str, float] | None = None,
    objective: str = "value",
    scenario: str | None = None,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    solver: str = "cbc",
    semantics: str = "dfquad",
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    command: str | None = None,
    timings: bool = False,
    full: bool = True,
    sources: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
    name: str | None = None,
) -> ReportData:
    """Every table of the report for `cat` under the given weights and settings.

    `profile` and `overrides` resolve the weights as `--profile` and `--weight` do. The same
    inputs and settings give an equal `ReportData` under the same `SOURCE_DATE_EPOCH` (else the
    generation time differs). `full=False` skips the
    expensive analyses (core index, risk-value frontier, critical arguments), each of which
    re-solves the portfolio many times.

    `name` names the run (its folder under reports/); by default the name says the profile,
    objective, overrides and scenario, then a hash of every setting (`run_name`).

    `sources` names the folder of source articles; by default it is found as `sources check`
    finds it, and when there is none the report says so and shows bare quotes. A folder named
    but unusable raises `InputError`.
    """
    require_options(cat, "report")
    check_sampling(samples, seed)
    profile = find_profile(cat, profile).id if profile is not None else None  # "Tokyo" is tokyo
    weights = resolve_weights(cat, profile, dict(overrides or {}))
    include, exclude = tuple(include), tuple(exclude)
    check_choices(cat, scenario, include, exclude)  # before the first step, not half-way through
    run = Run(
        cat=cat,
        weights=weights,
        profile=profile,
        overrides=dict(overrides or {}),
        objective=objective,
        scenario=scenario,
        samples=samples,
        seed=seed,
        solver=solver,
        semantics=semantics,
        include=tuple(include),
        exclude=tuple(exclude),
        full=full,
        sources=None if sources is None else os.fspath(sources),
    )
    spent: dict[str, float] = {}
    for i, (label, step) in enumerate(STEPS):
        if progress:
            progress(label, i, len(STEPS))
        start = time.perf_counter()
        step(run)
        spent[label] = time.perf_counter() - start
    if progress:
        progress("done", len(STEPS), len(STEPS))
    name = check_run_name(name) if name else run_name(profile, objective, weights, _settings(run), run.overrides)
    run.manifest = _manifest(run, name, command, spent if timings else None)
    return ReportData(
        title="US-Japan-ROK trilateral cooperation: options report",
        run_name=name,
        manifest=run.manifest,
        summary=run.summary,
        tables={k: _tidy(v) for k, v in run.tables.items()},
        options=tuple(run.state.get("option_views", ())),
        missing=dict(sorted(run.missing.items())),
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
        "full": run.full,
    }


def _manifest(run: Run, name: str, command: str | None, spent: dict[str, float] | None) -> dict[str, Any]:
    profiles = {p.id: p.name for p in run.cat.frame.profiles}
    return {
        "version": __version__,
        "run_name": name,
        "input_hash": input_hash(run.cat),
        "options": len(run.cat.options),
        "arguments": len(run.cat.arguments()),
        "profile": run.profile,
        "profile_name": f"{profiles.get(run.profile, run.profile)} profile" if run.profile else "criteria.yaml weights",
        "overrides": run.overrides,
        "weights": {k: round(v, 12) for k, v in run.weights.items()},
        "outside_bounds": [str(o) for o in outside_bounds(run.cat, run.weights)],
        "objective": run.objective,
        "objective_name": run.objective,
        "neutral_base": run.cat.frame.neutral_base,
        "inference_cap": run.cat.frame.inference_cap,
        "inferred": sum(a.inferred for _, a in run.cat.arguments()),
        "recommendations": len(run.cat.recommendations),
        "core_samples": run.state.get("core_samples"),
        "semantics_name": run.semantics,
        **_settings(run),
        "solver_detail": run.state.get("solver_detail"),
        "smaa_method": run.state.get("smaa_method"),
        "generated": generated_at(),
        "timings": {k: round(v, 3) for k, v in spent.items()} if spent else None,
        "command": command or _command(run),
    }


def _command(run: Run) -> str:
    parts = ["trilat-opt report"]
    if run.profile:
        parts.append(f"--profile {run.profile}")
    parts += [f"--weight {k}={v:g}" for k, v in run.overrides.items()]
    if run.objective != "value":
        parts.append(f"--objective {run.objective}")
    if run.scenario:
        parts.append(f"--scenario {run.scenario}")
    parts += [f"--include {o}" for o in run.include] + [f"--exclude {o}" for o in run.exclude]
    if run.samples != DEFAULT_SAMPLES:
        parts.append(f"--samples {run.samples}")
    if run.seed:
        parts.append(f"--seed {run.seed}")
    if not run.full:
        parts.append("--quick")
    return " ".join(parts)


def _tidy(df: pd.DataFrame) -> pd.DataFrame:
    """Plain column names and float values rounded to 12 digits, so CSV, JSON and page agree."""
    out = df.copy()
    out.columns = [str(c) for c in out.columns]
    floats = [c for c in out.columns if pd.api.types.is_float_dtype(out[c])]
    if floats:  # all at once: column by column fragments a 1,000-column table (rank acceptability)
        rounded = np.round(out[floats].to_numpy(dtype=float), 12) + 0.0
        out[floats] = rounded
    return out
