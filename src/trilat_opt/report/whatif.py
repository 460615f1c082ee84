"""The what-if panel: the portfolio programme and its controls, as data the page re-solves.

The report step `whatif` exports, once, everything the page needs to re-optimise as an analyst
moves a slider: the programme (`optimize.programme`: rows, pairs, option values as linear
functions of the weights), the criteria with their weight bounds, the capitals' profiles, one
slider per budget and risk cap (range and step), and the report's own answer to compare with.
The page (`assets/whatif.js`) only re-weights and re-solves; it never rebuilds the model.

`page_assets` gives what the page carries to solve: HiGHS compiled to WebAssembly (npm `highs`,
vendored with its licence in assets/), its loader script, and the panel's scripts. Why HiGHS and
not a pure-JavaScript solver is measured in `benchmarks/bench_whatif.py`.
"""

from __future__ import annotations

import base64
import math
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..optimize.objectives import OBJECTIVE_RECORDS
from ..optimize.programme import programme
from .command import tail_args, weight_args

if TYPE_CHECKING:
    from .run import Run

__all__ = ["LIVE_OBJECTIVES", "page_assets", "slider", "whatif"]

LIVE_OBJECTIVES = tuple(o.name for o in OBJECTIVE_RECORDS.values() if o.linear)
"""Objectives the page re-solves: one linear programme each. Robust, regret and consensus need one
solve per scenario or capital first, so the page shows the report's result and the command."""

_MAX_POSITIONS = 2000


def whatif(run: Run) -> None:
    """Export the programme and the controls of the what-if panel into `run.whatif`."""
    cat, problem, result, values = run.cat, run.ev.problem, run.result, run.ev.values
    prog = programme(problem, values.net, values.factors)
    run.whatif = {
        "programme": prog,
        "titles": [o.title for o in cat.options],
        "criteria": [_criterion(c, run.weights[c.id]) for c in cat.criteria],
        "profiles": [{"id": p.id, "name": p.name, "weights": _profile(run, p.id)} for p in cat.frame.profiles],
        "limits": _limits(run, problem, prog["rows"]),
        "scenarios": [{"id": s.id, "name": s.name} for s in cat.frame.scenarios],
        "objectives": list(OBJECTIVE_RECORDS),
        "live_objectives": list(LIVE_OBJECTIVES),
        "run": {
            "objective": run.objective,
            "scenario": run.scenario,
            "status": result.status,
            "selected": list(result.selected),
            "objective_value": result.objective_value,
            "weight_args": weight_args(run),
            "tail_args": tail_args(run),
        },
    }


def _criterion(c, weight: float) -> dict[str, Any]:
    low, high = c.bounds if c.bounds else (0.0, 1.0)
    return {"id": c.id, "name": c.name, "low": low, "high": high, "weight": weight}


def _profile(run: Run, profile: str) -> list[float]:
    from ..weights import resolve_weights

    w = resolve_weights(run.cat, profile)
    return [w[c] for c in run.cat.criterion_ids]


def _limits(run: Run, problem, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One slider per budget and per risk cap: the row it moves, its range, step and YAML value."""
    index = {(r["kind"], r["ref"]): k for k, r in enumerate(rows)}
    yaml = run.yaml_limits
    out = []
    for b in run.cat.frame.budgets:
        total = float(problem.costs[b.id].sum())
        out.append(slider("budget", b.id, b.name, b.unit, b.limit, total, yaml.get(("budget", b.id), b.limit)))
        out[-1]["row"] = index[("budget", b.id)]
    for r in run.cat.frame.risks:
        total = float(problem.exposures[r.id].sum())
        out.append(slider("risk", r.id, r.name, "summed exposure", r.cap, total, yaml.get(("risk", r.id), r.cap)))
        out[-1]["row"] = index[("risk", r.id)]
    return out


def slider(kind: str, ref: str, name: str, unit: str, value: float, total: float, yaml: float) -> dict[str, Any]:
    """A slider from 0 to past the most the whole menu could use, in steps that hit `value` exactly.

    >>> s = slider("budget", "b", "B", "USD bn", 550.0, 1234.5, 550.0)
    >>> s["max"], s["step"]
    (1250.0, 1.0)
    >>> slider("risk", "r", "R", "", 2.5, 9.0, 2.5)["step"]
    0.01
    """
    top = max(value, total, yaml, 1e-9)
    step = 10.0 ** math.floor(math.log10(top / _MAX_POSITIONS) + 1)
    while step > 1e-6 and not (_multiple(value, step) and _multiple(yaml, step)):
        step /= 10
    step = float(f"{step:.0e}")
    high = math.ceil(top / (50 * step) - 1e-9) * 50 * step
    return {
        "kind": kind,
        "id": ref,
        "name": name,
        "unit": unit,
        "value": value,
        "yaml": yaml,
        "min": 0.0,
        "max": float(f"{high:.12g}"),
        "step": step,
    }


def _multiple(value: float, step: float) -> bool:
    k = value / step
    return abs(k - round(k)) < 1e-9 * max(1.0, abs(k))


# ---------------------------------------------------------------------------- page assets


@cache
def _text(name: str) -> str:
    return resources.files("trilat_opt.report").joinpath("assets", name).read_text(encoding="utf-8")


@cache
def page_assets() -> dict[str, str]:
    """The solver and the panel's scripts, and the gzipped WebAssembly as base64 text.

    The licence of the vendored solver travels with it, as a comment at the head of its script.
    """
    wasm = resources.files("trilat_opt.report").joinpath("assets", "highs.wasm.gz").read_bytes()
    notice = "/* " + _text("HIGHS-LICENSE.txt").replace("*/", "* /") + " */\n"
    return {
        "solver": notice + _text("highs.js"),
        "panel": "\n;\n".join(_text(f) for f in ("whatif-solve.js", "whatif-weights.js", "whatif.js")),
        "wasm": base64.b64encode(wasm).decode("ascii"),
    }
