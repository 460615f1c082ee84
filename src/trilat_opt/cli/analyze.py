"""`sensitivity`, `frontier` and `diff`: how robust is the choice, and what changed between runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import typer
from rich.console import Group

from ..analysis.diff import RunDiff, diff_runs, load_run
from ..analysis.frontier import catalogue_frontier
from ..analysis.sensitivity import CHEAP, Sensitivity, diff_override, sensitivity
from ..errors import InputError
from ..guards import NoPortfolio
from ..weights import parse_overrides, resolve_weights
from .common import (
    FORMAT,
    MAX_SAMPLES,
    MAX_SEED,
    OBJECTIVE,
    OUT,
    PROFILE,
    SCENARIO,
    SEMANTICS,
    SOLVER,
    WEIGHT,
    Format,
    Objective,
    Solver,
    catalogue_of,
    console_err,
    console_out,
    emit,
    rich_table,
    weights_of,
)
from .terminal import plain

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add `sensitivity`, `frontier` and `diff` to `app`."""
    app.command("sensitivity")(sensitivity_command)
    app.command("frontier")(frontier_command)
    app.command("diff")(diff_command)


# ---------------------------------------------------------------------------- sensitivity


def sensitivity_command(
    ctx: typer.Context,
    stability: bool = typer.Option(
        False, "--stability", help="Weight intervals keeping the top option, ranking, portfolio."
    ),
    smaa: bool = typer.Option(False, "--smaa", help="SMAA-2 rank acceptability, central weights, confidence."),
    core: bool = typer.Option(False, "--core", help="Portfolio core index over sampled weights (re-solves)."),
    arguments: bool = typer.Option(
        False, "--arguments", help="Arguments whose rebuttal or confirmation tips the choice."
    ),
    samples: int | None = typer.Option(
        None,
        "--samples",
        min=1,
        max=MAX_SAMPLES,
        help="Samples, at most 1,000,000 (default 10,000 for SMAA, 1,000 for --core).",
    ),
    seed: int = typer.Option(
        0, "--seed", min=0, max=MAX_SEED, help="Random seed, 0 to 2**32-1; the same seed gives the same output."
    ),
    profile: str | None = PROFILE,
    weight: list[str] | None = WEIGHT,
    objective: Objective = OBJECTIVE,
    solver: Solver = SOLVER,
    scenario: str | None = SCENARIO,
    semantics: str = SEMANTICS,
    fmt: Format = FORMAT,
    out: Path | None = OUT,
) -> None:
    """How robust is the choice? Weight stability, SMAA-2, core index and argument criticality.

    With no analysis named, runs the cheap ones (--stability and --smaa). CSV holds one table,
    so name exactly one analysis with --format csv.

    Example:

        trilat-opt sensitivity
        trilat-opt sensitivity --core --samples 1000 --seed 7
        trilat-opt sensitivity --arguments --profile seoul --format json --out hinges.json
        trilat-opt sensitivity --smaa --format csv --out acceptability.csv
    """
    chosen = tuple(
        n for n, on in (("stability", stability), ("smaa", smaa), ("core", core), ("arguments", arguments)) if on
    )
    chosen = chosen or CHEAP
    if fmt == Format.csv and len(chosen) != 1:
        raise InputError("--format csv holds one table: name exactly one of --stability, --smaa, --core, --arguments")
    cat = catalogue_of(ctx)
    weights = weights_of(ctx, profile, weight)
    result = sensitivity(
        cat,
        weights,
        chosen,
        samples=samples,
        seed=seed,
        objective=objective.value,
        solver=solver.value,
        scenario=scenario,
        semantics=semantics,
        progress=out is not None or fmt == Format.table,
    )
    if fmt == Format.json:
        emit(_sensitivity_json(result), fmt, out)
    elif fmt == Format.csv:
        emit(_sensitivity_tables(result)[0][1], fmt, out)
    else:
        parts = [rich_table(df, title) for title, df in _display_tables(result)]
        emit(None, fmt, out, table=Group(*parts))


def _sensitivity_tables(r: Sensitivity) -> list[tuple[str, pd.DataFrame]]:
    """The main table of each analysis that ran, titled."""
    tables = []
    if r.stability is not None:
        title = (
            "Weight stability: intervals of each weight (others rescaled) keeping the top option, ranking, portfolio"
        )
        tables.append((title, r.stability))
    if r.smaa is not None:
        acc = r.smaa.acceptability.rename(columns=lambda k: f"rank_{k}")
        table = r.smaa.summary().join(acc.iloc[:, : min(5, acc.shape[1])])
        tables.append((f"SMAA-2, {r.smaa.samples:,} samples ({r.smaa.method})", table))
        tables.append(("SMAA-2 central weights", r.smaa.central_weights))
    if r.core is not None:
        title = f"Core index, {r.core.samples:,} weight samples ({r.core.engine}, {r.core.workers} worker(s))"
        tables.append((title, r.core.table))
    if r.arguments is not None:
        title = f"Argument criticality (top option {r.arguments.top}; {r.arguments.method}); critical arguments first"
        tables.append((title, r.arguments.table))
    return tables


_LEAD = 15  # critical arguments shown in the terminal


def _span(lo: float, hi: float) -> str:
    return f"{lo:.3f}-{hi:.3f}"


def _display_tables(r: Sensitivity) -> list[tuple[str, pd.DataFrame]]:
    """Compact tables for the terminal: intervals as low-high, estimates with their standard errors."""
    tables = []
    if r.stability is not None:
        s = r.stability
        view = pd.DataFrame(
            {
                "weight": s["weight"].map("{:.3f}".format),
                "top kept": [_span(a, b) for a, b in zip(s["top_low"], s["top_high"], strict=True)],
                "top below": s["top_below"],
                "top above": s["top_above"],
                "ranking kept": [_span(a, b) for a, b in zip(s["ranking_low"], s["ranking_high"], strict=True)],
            },
            index=s.index,
        )
        if "portfolio_low" in s:
            view["portfolio kept"] = [_span(a, b) for a, b in zip(s["portfolio_low"], s["portfolio_high"], strict=True)]
        top = s["top"].iloc[0] if len(s) else ""
        tables.append((f"Weight stability (top option {top}; each weight moved, others rescaled)", view))
    if r.smaa is not None:
        m = r.smaa
        acc = m.acceptability
        view = pd.DataFrame(
            {
                "first": [f"{p:.3f} ± {e:.3f}" for p, e in zip(acc[1], m.acceptability_se[1], strict=True)],
                "confidence": [f"{p:.3f} ± {e:.3f}" for p, e in zip(m.confidence, m.confidence_se, strict=True)],
            },
            index=acc.index,
        )
        for k in list(acc.columns)[1 : min(5, acc.shape[1])]:
            view[f"rank {k}"] = acc[k].map("{:.3f}".format)
        summary = m.summary()
        view.insert(0, "holistic", summary["holistic"].map("{:.3f}".format))
        view = view.loc[summary.index]
        title = f"SMAA-2 rank acceptability, {m.samples:,} samples ({m.method}); by holistic acceptability"
        tables.append((title, view))
        tables.append(("SMAA-2 central weights (zero row: never ranks first)", m.central_weights.round(3)))
    if r.core is not None:
        c = r.core
        view = c.table.assign(
            share=[f"{p:.3f} ± {e:.3f}" for p, e in zip(c.table["share"], c.table["se"], strict=True)]
        )
        tables.append(
            (f"Core index, {c.samples:,} weight samples ({c.engine}, {c.workers} worker(s))", view.drop(columns="se"))
        )
    if r.arguments is not None:
        a = r.arguments
        cols = ["option", "criterion", "stance", "base", "top_shift", "portfolio_shift", "new_top"]
        lead = a.hinges.head(_LEAD)
        title = (
            f"Arguments the decision hinges on: the {len(lead)} nearest tipping points of {len(a.hinges)} critical "
            f"arguments ({len(a.table)} in all; top option {a.top}; --format json lists every one). "
            f"Portfolio changes by {a.method or 'top option only'}"
        )
        tables.append((title, lead[cols].round(3)))
    return tables


def _sensitivity_json(r: Sensitivity) -> dict[str, Any]:
    out: dict[str, Any] = {"weights": r.weights}
    if r.stability is not None:
        out["stability"] = r.stability
        out["portfolio"] = list(r.stability.attrs.get("portfolio", ()))
    if r.smaa is not None:
        out["smaa"] = {
            "samples": r.smaa.samples,
            "seed": r.smaa.seed,
            "method": r.smaa.method,
            "acceptability": r.smaa.acceptability.rename(columns=str),
            "acceptability_se": r.smaa.acceptability_se.rename(columns=str),
            "central_weights": r.smaa.central_weights,
            "central_weights_se": r.smaa.central_weights_se,
            "confidence": r.smaa.confidence,
            "confidence_se": r.smaa.confidence_se,
        }
    if r.core is not None:
        c = r.core
        out["core"] = {
            "samples": c.samples,
            "seed": c.seed,
            "method": c.method,
            "options": c.table,
            "portfolios": c.portfolios,
        }
    if r.arguments is not None:
        a = r.arguments
        out["arguments"] = {
            "top": a.top,
            "portfolio": list(a.portfolio),
            "method": a.method,
            "hinges": list(a.hinges.index),
            "table": a.table,
        }
    return out


def _rounded(df: pd.DataFrame) -> pd.DataFrame:
    return df.round(4)


# ---------------------------------------------------------------------------- frontier


def frontier_command(
    ctx: typer.Context,
    profile: str | None = PROFILE,
    weight: list[str] | None = WEIGHT,
    objective: str = typer.Option("value", "--objective", help="value or expected (the value traded against risk)."),
    solver: Solver = SOLVER,
    scenario: str | None = SCENARIO,
    semantics: str = SEMANTICS,
    fmt: Format = FORMAT,
    out: Path | None = OUT,
) -> None:
    """Every Pareto-optimal portfolio trading value against total political-risk exposure.

    Exact (epsilon-constraint): from the highest-value portfolio down to the least exposed one,
    with the options that enter and leave at each step.

    Example:

        trilat-opt frontier
        trilat-opt frontier --profile tokyo --format csv --out frontier.csv
    """
    if objective not in ("value", "expected"):
        raise InputError(f"--objective {objective!r}: the frontier trades value or expected value; use one of those")
    cat = catalogue_of(ctx)
    front = catalogue_frontier(
        cat,
        weights_of(ctx, profile, weight),
        objective=objective,
        solver=solver.value,
        scenario=scenario,
        semantics=semantics,
    )
    if front.points.empty:
        raise NoPortfolio()
    if not front.complete:
        console_err.print("warning: stopped after the first 1000 frontier points", markup=False)
    if fmt == Format.json:
        emit({"objective": front.objective, "complete": front.complete, "points": front.points}, fmt, out)
    else:
        title = f"Risk-value frontier ({len(front.points)} Pareto-optimal portfolios, objective {objective})"
        if fmt == Format.table:
            # The terminal shows the first portfolio in full, then only what changes along the frontier.
            console_out.print(plain(f"highest-value portfolio: {front.points['selected'].iloc[0]}"))
            emit(_rounded(front.points.drop(columns="selected")), fmt, out, title=title)
        else:
            emit(front.points, fmt, out, title=title)


# ---------------------------------------------------------------------------- diff


def diff_command(
    ctx: typer.Context,
    runs: list[Path] | None = typer.Argument(None, metavar="[A B]", help="Two result JSON files or run folders."),
    profile: str | None = PROFILE,
    weight: list[str] | None = WEIGHT,
    objective: Objective = OBJECTIVE,
    solver: Solver = SOLVER,
    scenario: str | None = SCENARIO,
    semantics: str = SEMANTICS,
    fmt: Format = FORMAT,
    out: Path | None = OUT,
) -> None:
    """Compare two runs: weight changes, rank moves, options entering and leaving, objective change.

    Either two result files (written by 'optimize --format json --out', or run folders holding
    results.json), or the current project against a --weight override. With --weight the diff
    also says which weight-stability intervals the override crossed.

    Example:

        trilat-opt diff before.json after.json
        trilat-opt diff --weight deterrence=0.35
        trilat-opt diff --profile seoul --weight public-legitimacy=0.3 --format json
    """
    paths = list(runs or [])
    if paths and weight:
        raise InputError("diff: give either two result files or --weight, not both")
    if paths:
        if len(paths) != 2:
            raise InputError(f"diff: expected two result files A B, got {len(paths)}")
        result = diff_runs(load_run(paths[0]), load_run(paths[1]))
    elif weight:
        cat = catalogue_of(ctx)
        base = resolve_weights(cat, profile)
        changed = resolve_weights(cat, profile, parse_overrides(weight))
        result = diff_override(
            cat, base, changed, objective=objective.value, solver=solver.value, scenario=scenario, semantics=semantics
        )
    else:
        raise InputError("diff: give two result files A B, or --weight ID=VALUE to compare against an override")
    if fmt == Format.json:
        emit(result, fmt, out)
    elif fmt == Format.csv:
        emit(result.ranks, fmt, out)
    else:
        emit(None, fmt, out, table=_diff_rich(result))


def _diff_rich(d: RunDiff) -> Group:
    lines = []
    if d.objective_change is not None:
        lines.append(
            f"objective {d.objective or ''}: {d.objective_a:.6g} -> {d.objective_b:.6g} ({d.objective_change:+.6g})"
        )
    lines.append("entering: " + (", ".join(d.entering) or "none"))
    lines.append("leaving:  " + (", ".join(d.leaving) or "none"))
    lines.append("changed:  " + ", ".join(f"{k} {'yes' if v else 'no'}" for k, v in d.changed.items()))
    parts: list[Any] = [plain("\n".join(lines))]
    if not d.weights.empty:
        parts.append(rich_table(_rounded(d.weights), "Weights"))
    moved = d.ranks[d.ranks["move"].fillna(1) != 0]
    parts.append(rich_table(_rounded(moved), f"Rank moves ({len(moved)} of {len(d.ranks)} options)"))
    if not d.crossed.empty:
        parts.append(rich_table(d.crossed, "Stability intervals crossed"))
    parts += [plain(f"note: {n}") for n in d.notes]
    return Group(*parts)
