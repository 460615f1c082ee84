"""Table views for the page: which columns each table shows, their labels, and where cells link.

Every number that comes from an option's evidence links to it: option values to the option's
argument map (`#opt-<id>`), criterion scores to the claim node (`#ev-<option>-<criterion>`), and
argument rows to the argument (`#arg-<id>`). The views format; they never compute.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pandas as pd

from .data import ReportData
from .render import Column, TableView, fmt_num, table_view
from .roadmap_view import ROADMAP_VIEWS

__all__ = ["build_views", "live_view"]


def _opt(key: str, row: pd.Series) -> str:
    return f"#opt-{key}"


def _opt_col(field: str):
    return lambda key, row: f"#opt-{row[field]}" if isinstance(row.get(field), str) and row[field] else None


def _arg(key: str, row: pd.Series) -> str:
    return f"#arg-{key}"


def _chosen(key: str, row: pd.Series) -> str:
    return "chosen" if bool(row.get("selected", False)) else ""


def _pct(v: Any) -> str:
    return "–" if v is None or pd.isna(v) else f"{100 * float(v):.1f}%"


def build_views(data: ReportData) -> dict[str, TableView]:
    """One view per table that the page shows as a table (`VIEWS` says which and how)."""
    t = data.tables
    return {
        key: replace(view(t[source], data), csv=f"{source}.csv")
        for key, (source, view) in {**VIEWS, **ROADMAP_VIEWS}.items()
        if source in t
    }


def _constraints(df: pd.DataFrame, data: ReportData) -> TableView:
    cols = [
        Column("label", "rule"),
        Column("kind", "kind"),
        Column("used", "used", num=True),
        Column("limit", "limit", num=True),
        Column("slack", "slack", num=True, title="limit minus use; 0 = binding"),
    ]
    return table_view(df, "t-constraints", "Budgets, caps and rules", cols, filter=True)


def _exposure(df: pd.DataFrame, data: ReportData) -> TableView:
    cols = [
        Column("label", "risk or country"),
        Column("kind", "kind"),
        Column("used", "summed exposure", num=True),
        Column("cap", "cap", num=True),
    ]
    return table_view(df, "t-exposure", "Exposure by risk and by country", cols)


def _capitals(df: pd.DataFrame, data: ReportData) -> TableView:
    cols = [
        Column("name", "weights"),
        Column("size", "options", num=True),
        Column("value", "own best value", num=True, title="value of the capital's own optimal portfolio"),
        Column("consensus_value", "value in consensus", num=True),
        Column("satisfaction", "satisfaction", num=True, fmt=_pct, title="consensus value / own best"),
    ]
    return table_view(df, "t-capitals", "Portfolio of each capital and the consensus", cols)


def _capital_portfolios(df: pd.DataFrame, data: ReportData) -> TableView:
    cols = [Column("title", "option", href=_opt)] + [
        Column(c, c, fmt=lambda v: "●" if v else "") for c in df.columns if c != "title"
    ]
    return table_view(df, "t-capital-portfolios", "Who picks which option", cols, filter=True)


def _stability(df: pd.DataFrame, data: ReportData) -> TableView:
    cols = [
        Column("name", "criterion"),
        Column("weight", "weight", num=True),
        Column("low", "top option: lowest", num=True),
        Column("high", "highest", num=True),
    ]
    if "portfolio_low" in df.columns:
        cols += [Column("portfolio_low", "portfolio: lowest", num=True), Column("portfolio_high", "highest", num=True)]
    return table_view(df, "t-stability", "Weight stability intervals", cols)


def _smaa(df: pd.DataFrame, data: ReportData) -> TableView:
    cols = [
        Column("title", "option", href=_opt),
        Column("first", "rank-1 acceptability", num=True, fmt=_pct),
        Column("holistic", "holistic index", num=True),
        Column("confidence", "confidence", num=True, fmt=_pct),
    ]
    return table_view(df, "t-smaa", "SMAA-2 summary", cols, filter=True)


def _core(df: pd.DataFrame, data: ReportData) -> TableView:
    cols = [
        Column("title", "option", href=_opt),
        Column("core", "core index", num=True, fmt=_pct),
        Column("class", "class"),
    ]
    return table_view(df, "t-core", "Core index", cols, row_css=_chosen, filter=True)


def _frontier(df: pd.DataFrame, data: ReportData) -> TableView:
    cols = [
        Column("risk", "summed exposure", num=True),
        Column("value", "value", num=True),
        Column("size", "options", num=True),
        Column("entering", "enters"),
        Column("leaving", "leaves"),
        Column("chosen", "chosen"),
    ]
    return table_view(df, "t-frontier", "Pareto-optimal portfolios", cols, row_css=_chosen_point)


def _chosen_point(key: str, row: pd.Series) -> str:
    return "chosen" if row.get("chosen") else ""


def _weights(df: pd.DataFrame, data: ReportData) -> TableView:
    cols = [
        Column("@index", "criterion id"),
        Column("name", "criterion"),
        Column("group", "group"),
        Column("base_weight", "criteria.yaml", num=True),
        Column("weight", "this run", num=True),
    ]
    return table_view(df, "t-weights", "Weights used in this run", cols)


def _portfolio(df: pd.DataFrame, data: ReportData) -> TableView:
    cost_cols = [c for c in df.columns if c.startswith("cost:")]
    cols = [
        Column("title", "option", href=_opt),
        Column("domain", "domain"),
        Column("countries", "countries"),
        Column("value", "value", num=True, href=_opt),
        Column("survival", "survival chance", num=True, fmt=_pct),
        *[
            # Budget ids keep the header narrow; units are in the budgets table below.
            Column(c, c.removeprefix("cost:"), num=True)
            for c in cost_cols
        ],
    ]
    return table_view(df, "t-portfolio", "Chosen options", cols, filter=True)


def _ranking(df: pd.DataFrame, data: ReportData) -> TableView:
    cols = [Column("title", "option", href=_opt), Column("domain", "domain")]
    for key, label in [
        ("value", "additive value"),
        ("rank_additive", "rank"),
        ("topsis", "TOPSIS closeness"),
        ("rank_topsis", "rank"),
        ("promethee", "PROMETHEE net flow"),
        ("rank_promethee", "rank"),
    ]:
        if key in df:
            cols.append(Column(key, label, num=True, href=_opt if key == "value" else None))
    if "selected" in df:
        cols.append(Column("selected", "in portfolio"))
    return table_view(df, "t-ranking", "Ranking by aggregation method", cols, row_css=_chosen, filter=True)


def _scenarios(df: pd.DataFrame, data: ReportData) -> TableView:
    cols = [Column("name", "scenario"), Column("probability", "probability", num=True, fmt=_pct)]
    cols += [Column("value", "portfolio value", num=True)]
    if "survival" in df:
        cols.append(Column("survival", "mean survival", num=True, fmt=_pct))
    if "expected" in df:
        cols.append(Column("expected", "expected value", num=True))
    if "feasible" in df:
        cols.append(Column("feasible", "within risk caps"))
    return table_view(df, "t-scenarios", "Scenario outcomes of the chosen portfolio", cols)


def _criticality(df: pd.DataFrame, data: ReportData) -> TableView:
    cols = [Column("@index", "argument", href=_arg)]
    for key, label in [("option", "option"), ("criterion", "criterion"), ("stance", "stance")]:
        if key in df:
            cols.append(Column(key, label, href=_opt_col("option") if key == "option" else None))
    cols += [
        Column(c, c.replace("_", " "), num=True)
        for c in df.columns
        if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
    ]
    if "changes_portfolio" in df:
        cols.append(Column("changes_portfolio", "changes portfolio"))
    if "inferred" in df:
        cols.append(Column("inferred", "inferred", title="rests on the analyst's reasoning beyond the quotes"))
    return table_view(df, "t-criticality", "Critical arguments", cols, filter=True)


def _arguments(df: pd.DataFrame, data: ReportData) -> TableView:
    cols = [
        Column("@index", "argument", href=_arg),
        Column("option", "option", href=_opt_col("option")),
        Column("criterion", "criterion", href=lambda k, r: f"#ev-{r['option']}-{r['criterion']}"),
        Column("stance", "stance"),
        Column("base", "base", num=True, href=_arg),
        Column("final", "final", num=True, href=_arg),
        Column("assumption", "assumption"),
        Column("inferred", "inferred", title="rests on the analyst's reasoning beyond the quotes; base capped"),
    ]
    return table_view(
        df, "t-arguments", "All arguments", [c for c in cols if c.key in df or c.key == "@index"], filter=True
    )


def live_view(data: ReportData) -> dict[str, Any] | None:
    """Data for the weight sliders: net scores per option and the run's weights.

    The page computes value = sum_c w_c / sum(w) x net_c, exactly the additive model of
    `trilat_opt.values.option_values`, and orders by value, ties by option id.
    """
    net = data.table("net")
    crit = data.table("criteria")
    opts = data.table("options")
    if net is None or crit is None or opts is None:
        return None
    weights = crit["weight"]
    values = net.mul(weights.reindex(net.columns), axis=1).sum(axis=1)
    order = sorted(net.index, key=lambda o: (-round(float(values[o]), 12), o))
    criteria = [
        {
            "id": c,
            "name": str(crit.loc[c, "name"]),
            "weight": round(float(weights[c]), 12),
            "low": float(crit.loc[c, "low"]) if "low" in crit else 0.0,
            "high": float(crit.loc[c, "high"]) if "high" in crit else 1.0,
        }
        for c in net.columns
    ]
    options = [
        {
            "id": o,
            "title": str(opts.loc[o, "title"]),
            "value": float(values[o]),
            "rank": i + 1,
            "net": [round(float(x), 12) for x in net.loc[o]],
        }
        for i, o in enumerate(order)
    ]
    command = data.manifest.get("command", "trilat-opt report")
    payload = {"criteria": criteria, "options": [{k: o[k] for k in ("id", "net", "rank")} for o in options]}
    payload["command"] = command
    return {"criteria": criteria, "options": options, "command": command, "json": payload, "fmt": fmt_num}


VIEWS: dict[str, tuple[str, Callable[[pd.DataFrame, ReportData], TableView]]] = {
    "portfolio": ("portfolio", _portfolio),
    "constraints": ("constraints", _constraints),
    "exposure": ("exposure", _exposure),
    "ranking": ("ranking", _ranking),
    "capitals": ("capitals", _capitals),
    "capital_portfolios": ("capital_portfolios", _capital_portfolios),
    "stability": ("stability", _stability),
    "smaa": ("smaa", _smaa),
    "core": ("core", _core),
    "frontier": ("frontier", _frontier),
    "scenarios": ("scenarios", _scenarios),
    "criticality": ("criticality", _criticality),
    "arguments": ("arguments", _arguments),
    "weights": ("criteria", _weights),
}
"""Page view -> (source table, builder). A view is shown only when its table was computed."""
