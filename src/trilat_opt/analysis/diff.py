"""Compare two runs: weight changes, rank moves, options entering and leaving the portfolio, the
objective change, and which weight-stability intervals the change crossed.

A run is a run record (`trilat_opt.record`): what `trilat-opt optimize --format json --out`
writes, a run folder's `results.json`, or `record.run_record`. `diff` reads its `weights`,
`values` (the ranking is by value; or an explicit `ranking`), `selected`, `objective`,
`objective_value` and `stability`, and ignores the rest. A record of a version this trilat-opt
does not know is refused. Files written before records were versioned (no `kind`) are still read:
their objective's value sat in "objective" (name in "objective_name") and their weights under
"settings" (`_from_unversioned`).

Without `weights` no weight change is reported; without a `stability` table in run A the crossed
intervals are reported only as observed (did the top option, the ranking or the portfolio
change?). A stability interval is one-dimensional (one weight moves, the others in proportion),
so "crossed" is exact when one weight was overridden and indicative when several moved.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError
from ..record import RECORD_KIND, RECORD_VERSION
from ..yamlio import read_capped

__all__ = ["RunDiff", "diff_runs", "load_run", "ranking_of", "run_label"]

_TOL = 1e-12
_INTERVALS = ("top", "ranking", "portfolio")


@dataclass(frozen=True)
class RunDiff:
    """What changed from run A to run B (see the module doc)."""

    weights: pd.DataFrame  # criterion -> a, b, change
    ranks: pd.DataFrame  # option -> rank_a, rank_b, move (positive = up), value_a, value_b
    entering: tuple[str, ...]
    leaving: tuple[str, ...]
    kept: tuple[str, ...]
    objective: str | None
    objective_a: float | None
    objective_b: float | None
    objective_change: float | None
    changed: dict[str, bool]  # observed: top, ranking, portfolio
    crossed: pd.DataFrame  # criterion -> weight_a, weight_b, crossed_top, crossed_ranking, crossed_portfolio
    notes: tuple[str, ...]
    label_a: str = "run A"
    """What run A is: a file and its settings, or the project's own weights."""
    label_b: str = "run B"


MAX_RUN_BYTES = 1 << 30
"""Largest result file `diff` reads (a report of thousands of options is tens of megabytes)."""


def load_run(path: str | Path) -> dict[str, Any]:
    """Read a run's JSON file; a folder means its results.json."""
    p = Path(path)
    if p.is_dir():
        p = p / "results.json"
    if not p.exists():
        raise InputError(f"diff: {p}: no such file (expected a result JSON or a run folder)")
    raw = read_capped(p, f"diff: {p}", MAX_RUN_BYTES)  # a FIFO or /dev/zero is refused, not read
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise InputError(f"diff: {p}: not readable as JSON ({exc})") from None
    return _normalised(data, str(p))


def _normalised(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise InputError(f"diff: {where}: expected a JSON object, a run record with at least 'selected'")
    run = dict(data)
    if "kind" in run or "version" in run:
        if run.get("kind") != RECORD_KIND:
            kind = run.get("kind")
            raise InputError(f"diff: {where}: 'kind' is {kind!r}, not {RECORD_KIND!r}; is this a run record?")
        if run.get("version") != RECORD_VERSION:
            raise InputError(
                f"diff: {where}: run record version {run.get('version')!r}; this trilat-opt reads version "
                f"{RECORD_VERSION}: re-run the command that wrote it"
            )
    else:
        run = _from_unversioned(run)
    if not isinstance(run.get("selected"), list):
        raise InputError(f"diff: {where}: no 'selected' list of option ids; is this a result JSON?")
    _check_record(run, where)
    return run


def _from_unversioned(run: dict[str, Any]) -> dict[str, Any]:
    """A record written before records were versioned, in today's shape."""
    for key in ("portfolio", "result"):
        if isinstance(run.get(key), dict):
            run = {**run[key], **{k: v for k, v in run.items() if k != key}}
    if isinstance(run.get("objective"), (int, float)) and "objective_value" not in run:
        run["objective_value"] = run["objective"]
        run["objective"] = run.get("objective_name")
    settings = run.get("settings")
    if "weights" not in run and isinstance(settings, dict) and isinstance(settings.get("weights"), dict):
        run["weights"] = settings["weights"]
    return run


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _check_record(run: Mapping[str, Any], where: str) -> None:
    """Refuse, with the key and position, values of the wrong type in a run record (a hand-edited or
    foreign file): they would otherwise fail deep inside pandas as a TypeError."""
    bad = [i for i, o in enumerate(run["selected"]) if not isinstance(o, str)]
    if bad:
        raise InputError(
            f"diff: {where}: 'selected' must list option ids as text; item {bad[0]} is {run['selected'][bad[0]]!r}"
        )
    for key, nullable in (("weights", False), ("values", True)):
        table = run.get(key)
        if table is None and key not in run:
            continue
        if not isinstance(table, dict):
            raise InputError(f"diff: {where}: '{key}' must be an object of id -> number")
        wrong = [k for k, v in table.items() if not (_is_number(v) or (nullable and v is None))]
        if wrong:
            raise InputError(f"diff: {where}: '{key}.{wrong[0]}' must be a number, not {table[wrong[0]]!r}")
    if run.get("objective") is not None and not isinstance(run["objective"], str):
        raise InputError(f"diff: {where}: 'objective' must be the objective's name")
    ranking = run.get("ranking")
    if ranking is not None:
        rows = ranking if isinstance(ranking, list) else None
        ok = rows is not None and all(
            isinstance(r, str) or (isinstance(r, dict) and all(_is_number(r[k]) for k in ("rank", "value") if k in r))
            for r in rows
        )
        if not ok:
            raise InputError(f"diff: {where}: 'ranking' must list option ids, or rows with numeric rank and value")


def ranking_of(run: Mapping[str, Any]) -> pd.DataFrame:
    """Rank (1 = best, ties share the better rank) and value of each option in a run."""
    values = pd.Series({str(k): float(v) for k, v in (run.get("values") or {}).items() if v is not None}, dtype=float)
    ranking = run.get("ranking")
    if isinstance(ranking, list) and ranking:
        if all(isinstance(r, str) for r in ranking):
            ranks = pd.Series({o: i + 1 for i, o in enumerate(ranking)}, dtype=float)
        else:
            rows = [r for r in ranking if isinstance(r, dict)]
            key = "option" if rows and "option" in rows[0] else "id"
            ranks = pd.Series({str(r[key]): float(r["rank"]) for r in rows if key in r and "rank" in r}, dtype=float)
            if values.empty:
                values = pd.Series({str(r[key]): float(r["value"]) for r in rows if "value" in r}, dtype=float)
    else:
        ranks = values.rank(ascending=False, method="min")
    return pd.DataFrame({"rank": ranks, "value": values.reindex(ranks.index)})


def run_label(run: Mapping[str, Any], where: str) -> str:
    """`where` (a file or folder) with the settings its record names: run name, weights, objective.

    >>> run_label({"manifest": {"run_name": "tokyo-x", "profile_name": "Tokyo profile",
    ...     "overrides": {"deterrence": 0.3}, "objective": "value"}}, "reports/tokyo-x")
    'reports/tokyo-x: run tokyo-x, Tokyo profile, --weight deterrence=0.3, objective value'
    >>> run_label({"selected": [], "objective_name": "robust"}, "a.json")
    'a.json: objective robust'
    """
    manifest = run.get("manifest") if isinstance(run.get("manifest"), dict) else {}
    parts = []
    if manifest.get("run_name"):
        parts.append(f"run {manifest['run_name']}")
    if manifest.get("profile_name"):
        parts.append(str(manifest["profile_name"]))
    overrides = manifest.get("overrides")
    if isinstance(overrides, dict) and overrides:
        parts.append(" ".join(f"--weight {k}={v:g}" for k, v in overrides.items() if _is_number(v)))
    objective = manifest.get("objective") or run.get("objective_name") or run.get("objective")
    if isinstance(objective, str):
        parts.append(f"objective {objective}")
    if manifest.get("generated"):
        parts.append(f"generated {manifest['generated']}")
    return f"{where}: {', '.join(parts)}" if parts else where


def diff_runs(a: Mapping[str, Any], b: Mapping[str, Any], labels: tuple[str, str] = ("run A", "run B")) -> RunDiff:
    """Compare run `a` (before) with run `b` (after); `labels` say what each run is."""
    a, b = _normalised(dict(a), "run A"), _normalised(dict(b), "run B")
    notes: list[str] = []
    weights = _weights(a, b, notes)
    ranks = _ranks(a, b)
    sel_a, sel_b = list(a["selected"]), list(b["selected"])
    entering = tuple(o for o in sel_b if o not in sel_a)
    leaving = tuple(o for o in sel_a if o not in sel_b)
    kept = tuple(o for o in sel_a if o in sel_b)
    obj_a, obj_b = _number(a.get("objective_value")), _number(b.get("objective_value"))
    if a.get("objective") and b.get("objective") and a["objective"] != b["objective"]:
        notes.append(f"the runs optimise different objectives ({a['objective']} vs {b['objective']})")
    top_a = ranks.index[ranks["rank_a"] == 1].tolist() if not ranks.empty else []
    top_b = ranks.index[ranks["rank_b"] == 1].tolist() if not ranks.empty else []
    changed = {
        "top": set(top_a) != set(top_b),
        "ranking": bool((ranks["rank_a"] != ranks["rank_b"]).any()) if not ranks.empty else False,
        "portfolio": bool(entering or leaving),
    }
    return RunDiff(
        weights=weights,
        ranks=ranks,
        entering=entering,
        leaving=leaving,
        kept=kept,
        objective=b.get("objective") or a.get("objective"),
        objective_a=obj_a,
        objective_b=obj_b,
        objective_change=None if obj_a is None or obj_b is None else obj_b - obj_a,
        changed=changed,
        crossed=_crossed(a, weights, notes),
        notes=tuple(notes),
        label_a=labels[0],
        label_b=labels[1],
    )


def _number(x: Any) -> float | None:
    return float(x) if isinstance(x, (int, float)) and math.isfinite(x) else None


def _weights(a: Mapping[str, Any], b: Mapping[str, Any], notes: list[str]) -> pd.DataFrame:
    wa, wb = a.get("weights") or {}, b.get("weights") or {}
    if not wa or not wb:
        notes.append("weights: missing in " + ("both runs" if not wa and not wb else "run A" if not wa else "run B"))
    ids = list(dict.fromkeys([*wa, *wb]))
    out = pd.DataFrame(
        {"a": [wa.get(c, math.nan) for c in ids], "b": [wb.get(c, math.nan) for c in ids]},
        index=pd.Index(ids, name="criterion"),
        dtype=float,
    )
    out["change"] = out["b"] - out["a"]
    return out


def _ranks(a: Mapping[str, Any], b: Mapping[str, Any]) -> pd.DataFrame:
    ra, rb = ranking_of(a), ranking_of(b)
    ids = list(dict.fromkeys([*ra.index, *rb.index]))
    out = pd.DataFrame(
        {
            "rank_a": ra["rank"].reindex(ids),
            "rank_b": rb["rank"].reindex(ids),
            "value_a": ra["value"].reindex(ids),
            "value_b": rb["value"].reindex(ids),
        },
        index=pd.Index(ids, name="option"),
    )
    out.insert(2, "move", out["rank_a"] - out["rank_b"])
    return out.sort_values(["rank_b", "rank_a"], kind="stable")


def _crossed(a: Mapping[str, Any], weights: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """Per criterion whose weight moved: is the new weight outside run A's stability intervals?"""
    columns = ["weight_a", "weight_b", *(f"crossed_{k}" for k in _INTERVALS)]
    moved = weights[(weights["change"].abs() > 1e-9).fillna(False)]
    table = a.get("stability")
    if moved.empty:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="criterion"))
    if not isinstance(table, list) or not table:
        notes.append("run A holds no stability table; crossed intervals are shown only as observed changes")
        return pd.DataFrame(columns=columns, index=pd.Index([], name="criterion"))
    single = _overridden(weights)
    if single:
        moved = moved.loc[[c for c in moved.index if c in single]]
    elif len(moved) > 1:
        notes.append(
            f"{len(moved)} weights moved; stability intervals move one weight at a time, so 'crossed' is indicative"
        )
    rows = {str(r.get("criterion")): r for r in table if isinstance(r, dict)}
    out = []
    for c, w in moved.iterrows():
        row = rows.get(str(c), {})
        rec: dict[str, Any] = {"criterion": c, "weight_a": w["a"], "weight_b": w["b"]}
        for k in _INTERVALS:
            lo, hi = _number(row.get(f"{k}_low")), _number(row.get(f"{k}_high"))
            rec[f"crossed_{k}"] = None if lo is None or hi is None else not (lo - _TOL <= w["b"] <= hi + _TOL)
        out.append(rec)
    return pd.DataFrame(out, columns=["criterion", *columns]).set_index("criterion")


def _overridden(weights: pd.DataFrame) -> list[str]:
    """The criteria c for which run B's weights are run A's with c set and the rest rescaled."""
    from .stability import rescaled

    if weights[["a", "b"]].isna().any().any():
        return []
    wa, wb = weights["a"].to_dict(), weights["b"].to_dict()
    out = []
    for c in weights.index:
        if abs(wb[c] - wa[c]) > 1e-9:
            path = rescaled(wa, c, wb[c])
            if all(abs(path[k] - wb[k]) <= 1e-9 for k in wb):
                out.append(c)
    return out
