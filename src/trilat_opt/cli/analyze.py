"""`sensitivity`, `frontier` and `diff`: how robust is the choice, and what changed between runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import typer
from rich.console import Group, RenderableType

from ..analysis.diff import RunDiff, diff_runs, load_run, run_label
from ..analysis.sensitivity import CHEAP, Sensitivity, diff_override, sensitivity
from ..analysis.smaa import SMAAResult
from ..errors import InputError
from ..guards import NoPortfolio
from ..optimize.objectives import objective_of
from .common import (
    FORMAT,
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
    console_err,
    console_out,
    emit,
    evaluation_of,
    rich_table,
    samples_option,
    seed_option,
    step_progress,
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
    samples: int | None = samples_option(
        None, "Samples, at most 1,000,000 (default 2,000 for SMAA, as in the report; 1,000 for --core)."
    ),
    seed: int = seed_option("Random seed, 0 to 2**32-1; the same seed gives the same output."),
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
    ev = evaluation_of(
        ctx, profile, weight, objective=objective.value, solver=solver.value, scenario=scenario, semantics=semantics
    )
    with step_progress("sensitivity") as progress:
        result = sensitivity(ev, chosen, samples=samples, seed=seed, progress=progress)
    if fmt == Format.json:
        emit(_sensitivity_json(result), fmt, out)
    elif fmt == Format.csv:
        emit(_sensitivity_tables(result)[0][1], fmt, out)
    else:
        emit(None, fmt, out, table=Group(*_display(result)))


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


def _pm(p: float, e: float) -> str:
    """An estimate and its standard error as one token, so it never wraps apart."""
    return f"{p:.3f}±{e:.3f}"


def _display(r: Sensitivity) -> list[RenderableType]:
    """Compact tables for the terminal: intervals as low-high, estimates with their standard errors."""
    parts: list[RenderableType] = []
    if r.stability is not None:
        parts += _stability_display(r.stability)
    if r.smaa is not None:
        parts += _smaa_display(r.smaa)
    if r.outside and (r.smaa is not None or r.core is not None):
        names = ", ".join(o.criterion for o in r.outside)
        parts.append(plain(f"note: this run's weights for {names} lie outside the bounds the samples stay within"))
    if r.core is not None:
        c = r.core
        view = pd.DataFrame(
            {"share ±se": [_pm(p, e) for p, e in zip(c.table["share"], c.table["se"], strict=True)]},
            index=c.table.index,
        ).assign(**{"class": c.table["class"]})
        title = f"Core index, {c.samples:,} weight samples ({c.engine}, {c.workers} worker(s))"
        note = "share: of sampled weights under which the option is in the optimal portfolio (a probability)"
        parts.append(rich_table(view, title, note=note))
    if r.arguments is not None:
        a = r.arguments
        lead = a.hinges.head(_LEAD)
        title = (
            f"Arguments the decision hinges on: the {len(lead)} nearest tipping points of {len(a.hinges)} critical "
            f"arguments ({len(a.table)} in all; top option {a.top}; --format json lists every one)"
        )
        view = lead[["option", "criterion", "stance", "base", "top_shift", "new_top", "portfolio_shift"]]
        headers = {"top_shift": "top shift", "portfolio_shift": "portfolio shift", "new_top": "new top"}
        note = (
            "A shift is the change of the argument's strength that tips the top option (to the new top) or "
            f"the portfolio. Portfolio changes by {a.method or 'top option only'}."
        )
        parts.append(rich_table(view, title, headers=headers, decimals={"base": 2}, note=note, stacked=True))
    return parts


def _stability_display(s: pd.DataFrame) -> list[RenderableType]:
    """Intervals as one table of numbers, then who takes the top outside each interval."""
    view = pd.DataFrame(
        {
            "weight": s["weight"],
            "top kept": [_span(a, b) for a, b in zip(s["top_low"], s["top_high"], strict=True)],
            "ranking kept": [_span(a, b) for a, b in zip(s["ranking_low"], s["ranking_high"], strict=True)],
        },
        index=s.index,
    )
    if "portfolio_low" in s:
        view["portfolio kept"] = [_span(a, b) for a, b in zip(s["portfolio_low"], s["portfolio_high"], strict=True)]
    top = s["top"].iloc[0] if len(s) else ""
    title = f"Weight stability (top option {top}; each weight moved, others rescaled)"
    note = "Each interval holds the normalised weights of that criterion that keep the result."
    outside = pd.Series(
        [
            "\n".join(f"{side}: {who}" for side, who in (("below", lo), ("above", hi)) if who)
            for lo, hi in zip(s["top_below"], s["top_above"], strict=True)
        ],
        index=s.index,
        name="option taking the top outside the interval",
    )
    return [
        rich_table(view, title, decimals={"weight": 3}, note=note),
        rich_table(outside[outside != ""].to_frame(), None),
    ]


def _smaa_display(m: SMAAResult) -> list[RenderableType]:
    acc = m.acceptability
    summary = m.summary()
    view = pd.DataFrame(
        {
            "holistic": summary["holistic"],
            "first ±se": [_pm(p, e) for p, e in zip(acc[1], m.acceptability_se[1], strict=True)],
            "confidence ±se": [_pm(p, e) for p, e in zip(m.confidence, m.confidence_se, strict=True)],
        },
        index=acc.index,
    ).loc[summary.index]
    for k in list(acc.columns)[1 : min(5, acc.shape[1])]:
        view[f"rank {k}"] = acc.loc[summary.index, k]
    title = f"SMAA-2 rank acceptability, {m.samples:,} samples; by holistic acceptability"
    note = f"Each figure is a share of samples (a probability). Weights: {m.method}."
    central = m.central_weights.round(12)
    never = central.index[(central == 0).all(axis=1)]
    shown = central.drop(index=never)
    note_w = None
    if len(never):
        note_w = f"{len(never)} options never rank first and have no central weights: {', '.join(never)}."
    return [
        rich_table(view, title, decimals=dict.fromkeys(view.columns, 3), note=note),
        rich_table(shown, "SMAA-2 central weights (normalised)", decimals=dict.fromkeys(shown.columns, 3), note=note_w),
    ]


def _sensitivity_json(r: Sensitivity) -> dict[str, Any]:
    out: dict[str, Any] = {"weights": r.weights, "outside_bounds": [str(o) for o in r.outside]}
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


def _frontier_view(points: pd.DataFrame, title: str) -> RenderableType:
    """One row per point: its numbers, then the options entering (+) and leaving (-), one a line."""
    changes = [
        "\n".join([*(f"+{o}" for o in _ids(e)), *(f"-{o}" for o in _ids(lv))])
        for e, lv in zip(points["entering"], points["leaving"], strict=True)
    ]
    view = points.drop(columns=["selected", "entering", "leaving"]).assign(changes=changes)
    headers = {"exposure": "exposure (summed)", "size": "options", "changes": "entering (+), leaving (-)"}
    return rich_table(view, title, headers=headers, decimals={"value": 3, "exposure": 2})


def _ids(cell: Any) -> list[str]:
    """Option ids from a frontier cell: a list, or text separated by commas."""
    if isinstance(cell, (list, tuple)):
        return [str(o) for o in cell]
    return [o.strip() for o in str(cell or "").split(",") if o.strip()]


# ---------------------------------------------------------------------------- frontier


def frontier_command(
    ctx: typer.Context,
    profile: str | None = PROFILE,
    weight: list[str] | None = WEIGHT,
    objective: str = typer.Option(
        "value", "--objective", metavar="NAME", help="value or expected (the value traded against risk)."
    ),
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
    if not objective_of(objective).linear:
        raise InputError(f"--objective {objective!r}: the frontier trades value or expected value; use one of those")
    ev = evaluation_of(
        ctx, profile, weight, objective=objective, solver=solver.value, scenario=scenario, semantics=semantics
    )
    with step_progress("frontier") as progress:
        progress("scoring and solving the Pareto-optimal portfolios", 0, 1)
        front = ev.frontier()
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
            emit(None, fmt, out, table=_frontier_view(front.points, title))
        else:
            emit(front.points, fmt, out, title=title)


# ---------------------------------------------------------------------------- diff


def diff_command(
    ctx: typer.Context,
    run_a: Path | None = typer.Argument(None, metavar="A", help="Run A, before: a result JSON file or a run folder."),
    run_b: Path | None = typer.Argument(None, metavar="B", help="Run B, after: a result JSON file or a run folder."),
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

        trilat-opt optimize --format json --out before.json
        trilat-opt optimize --weight deterrence=0.35 --format json --out after.json
        trilat-opt diff before.json after.json
        trilat-opt diff --weight deterrence=0.35
        trilat-opt diff --profile seoul --weight public-legitimacy=0.3 --format json
    """
    paths = [p for p in (run_a, run_b) if p is not None]
    if paths and weight:
        raise InputError("diff: give either two result files or --weight, not both")
    if paths:
        if len(paths) != 2:
            raise InputError(f"diff: expected two result files A B, got {len(paths)}")
        a, b = load_run(paths[0]), load_run(paths[1])
        result = diff_runs(a, b, labels=(run_label(a, str(paths[0])), run_label(b, str(paths[1]))))
    elif weight:
        settings = {"objective": objective.value, "solver": solver.value, "scenario": scenario, "semantics": semantics}
        base = evaluation_of(ctx, profile, None, **settings)
        changed = evaluation_of(ctx, profile, weight, **settings).weights
        source = f"the {profile} profile's weights" if profile else "the weights of criteria.yaml"
        labels = (f"this project with {source}", f"the same with {' '.join(f'--weight {w}' for w in weight)}")
        with step_progress("diff") as progress:
            result = diff_override(base, changed, labels=labels, progress=progress)
    else:
        raise InputError("diff: give two result files A B, or --weight ID=VALUE to compare against an override")
    if fmt == Format.json:
        emit(result, fmt, out)
    elif fmt == Format.csv:
        emit(result.ranks, fmt, out)
    else:
        emit(None, fmt, out, table=_diff_rich(result))


def _diff_rich(d: RunDiff) -> Group:
    lines = [f"A: {d.label_a}", f"B: {d.label_b}"]
    if d.objective_change is not None:
        lines.append(
            f"objective {d.objective or ''}: A {d.objective_a:.3f} -> B {d.objective_b:.3f} ({d.objective_change:+.3f})"
        )
    lines.append("entering (in B, not A): " + (", ".join(d.entering) or "none"))
    lines.append("leaving (in A, not B):  " + (", ".join(d.leaving) or "none"))
    lines.append("changed:  " + ", ".join(f"{k} {'yes' if v else 'no'}" for k, v in d.changed.items()))
    parts: list[Any] = [plain("\n".join(lines))]
    if not d.weights.empty:
        headers = {"a": "A", "b": "B", "change": "change"}
        parts.append(rich_table(d.weights, "Weights (normalised)", headers=headers, decimals=dict.fromkeys(headers, 3)))
    moved = d.ranks[d.ranks["move"].fillna(1) != 0]
    headers = {"rank_a": "rank A", "rank_b": "rank B", "move": "move", "value_a": "value A", "value_b": "value B"}
    title = f"Rank moves ({len(moved)} of {len(d.ranks)} options; move > 0: up in B)"
    parts.append(rich_table(moved, title, headers=headers, decimals={"value_a": 3, "value_b": 3}))
    if not d.crossed.empty:
        headers = {
            "weight_a": "weight A",
            "weight_b": "weight B",
            "crossed_top": "top",
            "crossed_ranking": "ranking",
            "crossed_portfolio": "portfolio",
        }
        note = "yes: B's weight lies outside the interval of A's weights keeping the top option, ranking or portfolio"
        parts.append(rich_table(d.crossed, "Stability intervals crossed", headers=headers, note=note))
    parts += [plain(f"note: {n}") for n in d.notes]
    return Group(*parts)
