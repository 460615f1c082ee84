"""What a roadmap returns: plain, frozen data that the CLI and the report render as is."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .model import RoadmapModel, Solution

__all__ = [
    "BUDGET_COLUMNS",
    "EVENT_COLUMNS",
    "LOCK_COLUMNS",
    "SCHEDULE_COLUMNS",
    "RoadmapResult",
    "budget_table",
    "event_table",
    "schedule_table",
]

SCHEDULE_COLUMNS = [
    "start", "start_period", "delivery", "delivery_period", "lead_months", "durability",
    "value", "survival", "expected", "at_risk", "start_date", "delivery_date",
]  # fmt: skip
BUDGET_COLUMNS = ["period", "rule", "kind", "used", "limit", "slack"]
EVENT_COLUMNS = ["name", "date", "period", "country", "reversal", "at_risk", "value_at_risk"]
LOCK_COLUMNS = ["event", "option", "start", "value_lost", "instead"]
DELAY_COLUMNS = ["start", "value_lost", "new_start"]


@dataclass(frozen=True, eq=False)
class RoadmapResult:
    """The outcome of one roadmap.

    - status, proven_optimal, gap, objective, objective_value, solver, seconds: as for
      `PortfolioResult` (status "optimal", "feasible", "infeasible" or "not solved").
    - periods: the period labels; starts: option -> period index of its start.
    - schedule: one row per started option (SCHEDULE_COLUMNS), in start order: start and delivery
      as period labels and months, durability, value, survival of the leadership events it is
      under way at, expected delivered value (its term of the objective), the events at risk,
      and the start and delivery days (ISO dates, for charts).
    - budgets: per period and per-period rule (budget or cap on new initiatives): used, limit, slack.
    - horizon: the horizon-wide rules (envelopes, risk caps, counts) with use and slack.
    - events: per leadership event, the options under way at it and the value it puts at risk.
    - lock_in: per event, the options started in the window before it whose start there adds the
      most (the value lost if each waited until after the event, the rest of the plan unchanged).
    - delays: per started option, the value lost if it starts one period later (rest unchanged).
    - message: for a plan that could not be made, what to relax or try.
    """

    status: str
    proven_optimal: bool
    gap: float | None
    objective: str
    objective_value: float | None
    solver: str
    seconds: float
    periods: tuple[str, ...]
    starts: dict[str, int]
    schedule: pd.DataFrame
    budgets: pd.DataFrame
    horizon: pd.DataFrame
    events: pd.DataFrame
    lock_in: pd.DataFrame
    delays: pd.DataFrame
    message: str = ""

    @property
    def feasible(self) -> bool:
        return self.status in ("optimal", "feasible")


def status_of(sol: Solution) -> str:
    return sol.outcome.status


def schedule_table(model: RoadmapModel, starts: np.ndarray) -> pd.DataFrame:
    """One row per started option, in start order (then id)."""
    rp, terms, h = model.rp, model.terms, model.rp.horizon
    values = rp.base.values[rp.base.value_column].to_numpy(dtype=float)
    rows, index = [], []
    for k, t in sorted(zip(*np.nonzero(starts > 0.5), strict=True), key=lambda kt: (kt[1], rp.options[kt[0]])):
        d = float(terms.delivery[k, t])
        hit = [e.id for e, risk in zip(rp.events, terms.at_risk, strict=True) if risk[k, t]]
        index.append(rp.options[k])
        rows.append(
            {
                "start": h.labels[t],
                "start_period": int(t),
                "delivery": h.when(max(d - 1e-6, float(terms.start[k, t]))),  # the month it completes in
                "delivery_period": h.labels[min(int(d // h.length), len(h) - 1)],
                "lead_months": float(rp.lead[k]),
                "durability": float(rp.durability[k]),
                "value": float(values[k]),
                "survival": float(terms.survival[k, t]),
                "expected": float(terms.coef[k, t]),
                "at_risk": ", ".join(hit),
                "start_date": h.date(float(terms.start[k, t])).isoformat(),
                "delivery_date": h.date(d).isoformat(),
            }
        )
    return pd.DataFrame(rows, index=pd.Index(index, name="option"), columns=SCHEDULE_COLUMNS)


def budget_table(model: RoadmapModel, starts: np.ndarray) -> pd.DataFrame:
    """Use of every per-period budget and cap on new initiatives, period by period."""
    rp, shares = model.rp, model.terms.shares
    spend = np.einsum("ks,kst->kt", starts, shares)
    rows = []
    for t, label in enumerate(rp.periods):
        for b in rp.limits.columns:
            used = float(rp.base.costs[b].to_numpy(dtype=float) @ spend[:, t])
            rows.append(_row(label, b, "budget", used, float(rp.limits[b].iloc[t])))
        for c in rp.initiatives.columns:
            used = float(sum(starts[k, t] for k, cs in enumerate(rp.countries) if c in cs))
            rows.append(_row(label, f"new initiatives {c}", "initiatives", used, float(rp.initiatives[c].iloc[t])))
    return pd.DataFrame(rows, columns=BUDGET_COLUMNS)


def _row(period: str, rule: str, kind: str, used: float, limit: float) -> dict:
    return {"period": period, "rule": rule, "kind": kind, "used": used, "limit": limit, "slack": limit - used}


def horizon_table(model: RoadmapModel, starts: np.ndarray) -> pd.DataFrame:
    """The horizon-wide rules with their use (every started option delivers within the horizon)."""
    x = starts.sum(axis=1)
    rows = []
    for r in model.rules:
        if r.kind not in ("budget", "risk", "country", "cardinality", "domain"):
            continue
        used = r.lhs(x)
        slack = r.rhs - used if r.sense == "<=" else used - r.rhs
        rows.append({"name": r.name, "kind": r.kind, "sense": r.sense, "used": used, "limit": r.rhs, "slack": slack})
    return pd.DataFrame(rows, columns=["name", "kind", "sense", "used", "limit", "slack"])


def event_table(model: RoadmapModel, starts: np.ndarray) -> pd.DataFrame:
    """Each leadership event, the options under way at it, and the value it puts at risk:
    sum over them of value x lateness discount x other events' survival x reversal x (1 - durability)."""
    rp, terms, h = model.rp, model.terms, model.rp.horizon
    values = rp.base.values[rp.base.value_column].to_numpy(dtype=float)
    late = terms.late
    rows, index = [], []
    for e, risk in zip(rp.events, terms.at_risk, strict=True):
        hit = risk & (starts > 0.5)
        loss = 0.0
        for k, t in zip(*np.nonzero(hit), strict=True):
            bite = e.reversal * (1.0 - rp.durability[k])
            others = np.prod(
                [
                    1.0 - f.reversal * (1.0 - rp.durability[k])
                    for f, r in zip(rp.events, terms.at_risk, strict=True)
                    if r[k, t] and f is not e
                ]
            )
            loss += values[k] * late[k, t] * others * bite
        under = sorted({rp.options[k] for k in np.nonzero(hit)[0]})
        index.append(e.id)
        rows.append(
            {
                "name": e.name,
                "date": e.date,
                "period": h.labels[h.period_of(e.months)],
                "country": e.country,
                "reversal": e.reversal,
                "at_risk": ", ".join(under),
                "value_at_risk": float(loss),
            }
        )
    return pd.DataFrame(rows, index=pd.Index(index, name="event"), columns=EVENT_COLUMNS)
