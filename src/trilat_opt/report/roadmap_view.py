"""The roadmap section of the page: its charts and tables, kept apart from the other sections'.

`ROADMAP_CHARTS` and `ROADMAP_VIEWS` plug into `charts.build_charts` and `views.build_views`
like their own registries; they format what `roadmap_step` put in the tables and never compute.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from . import charts as ch
from .data import ReportData
from .views import Column, TableView, fmt_num, table_view

__all__ = ["ROADMAP_CHARTS", "ROADMAP_VIEWS"]


def _gantt(data: ReportData, titles: dict, names: dict) -> tuple[str, Any, str] | None:
    plan, events = data.table("roadmap"), data.table("roadmap_events")
    if plan is None or plan.empty or events is None:
        return None
    first = plan.sort_values("start_date", kind="mergesort")
    alt = (
        f"Gantt chart of {len(plan)} options from start to delivery, {len(events)} leadership events as dashed "
        f"lines. First to start: {first['title'].iloc[0]} ({first['start'].iloc[0]}); last to deliver: "
        f"{plan.sort_values('delivery_date', kind='mergesort')['title'].iloc[-1]}."
    )
    return "When each option starts and delivers", ch.gantt_chart(plan, events), alt


def _period_use(data: ReportData, titles: dict, names: dict) -> tuple[str, Any, str] | None:
    use = data.table("roadmap_budgets")
    if use is None or use.empty:
        return None
    full = use[(use["limit"] > 0) & (use["slack"] <= 1e-9)]
    where = ", ".join(f"{r.rule} in {r.period}" for r in full.itertuples()) or "none"
    alt = f"Share of each per-period limit used in each of {use['period'].nunique()} periods. At the limit: {where}."
    return "Budget use per period", ch.period_use_chart(use), alt


def _delays(data: ReportData, titles: dict, names: dict) -> tuple[str, Any, str] | None:
    delays = data.table("roadmap_delays")
    if delays is None or delays.dropna(subset=["value_lost"]).empty:
        return None
    top = delays.dropna(subset=["value_lost"]).iloc[0]
    alt = (
        f"Value lost if each option starts one period later, the rest of the plan unchanged. Most: {top['title']} "
        f"({fmt_num(top['value_lost'])})."
    )
    return "Whose timing matters most", ch.delay_chart(delays), alt


ROADMAP_CHARTS: dict[str, Callable[..., tuple[str, Any, str] | None]] = {
    "gantt": _gantt,
    "period_use": _period_use,
    "delays": _delays,
}


def _opt(key: str, row: pd.Series) -> str:
    return f"#opt-{key}"


def _schedule(df: pd.DataFrame, data: ReportData) -> TableView:
    cols = [
        Column("title", "option", href=_opt),
        Column("start", "start"),
        Column("delivery", "delivers"),
        Column("lead_months", "lead (months)", num=True),
        Column("durability", "durability", num=True, title="institutional-durability score from the arguments"),
        Column("survival", "survives events", num=True, title="chance of surviving the events it is under way at"),
        Column("expected", "value delivered", num=True, title="value x survival x lateness discount"),
        Column("at_risk", "under way at"),
    ]
    return table_view(df, "t-roadmap", "Start and delivery of each option", cols, filter=True)


def _events(df: pd.DataFrame, data: ReportData) -> TableView:
    cols = [
        Column("name", "leadership event"),
        Column("date", "date"),
        Column("country", "capital"),
        Column("reversal", "reversal chance", num=True),
        Column("at_risk", "options under way"),
        Column("value_at_risk", "value at risk", num=True, title="value x reversal x (1 - durability), summed"),
    ]
    return table_view(df, "t-roadmap-events", "What each leadership event puts at risk", cols)


def _delay_table(df: pd.DataFrame, data: ReportData) -> TableView:
    cols = [
        Column("title", "option", href=_opt),
        Column("start", "planned start"),
        Column("value_lost", "value lost", num=True, title="the rest of the plan unchanged"),
        Column("new_start", "then starts"),
    ]
    return table_view(df, "t-roadmap-delays", "Value lost by a one-period delay", cols)


def _lock_in(df: pd.DataFrame, data: ReportData) -> TableView:
    cols = [
        Column("event", "lock in before"),
        Column("option", "option", href=lambda k, r: f"#opt-{r['option']}"),
        Column("start", "start"),
        Column("value_lost", "value lost by waiting", num=True),
        Column("instead", "waiting, it starts"),
    ]
    return table_view(df, "t-roadmap-lock-in", "Lock in before each event", cols)


ROADMAP_VIEWS: dict[str, tuple[str, Callable[[pd.DataFrame, ReportData], TableView]]] = {
    "roadmap": ("roadmap", _schedule),
    "roadmap_events": ("roadmap_events", _events),
    "roadmap_delays": ("roadmap_delays", _delay_table),
    "roadmap_lock_in": ("roadmap_lock_in", _lock_in),
}
