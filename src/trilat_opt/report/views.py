"""Table views for the page: which columns each table shows, their labels, and where cells link.

Every number that comes from an option's evidence links to it: option values to the option's
argument map (`#opt-<id>`), criterion scores to the claim node (`#ev-<option>-<criterion>`), and
argument rows to the argument (`#arg-<id>`). The views format; they never compute.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from ..output import display_text
from .data import ReportData

__all__ = ["Cell", "Column", "TableView", "build_views", "fmt_num", "table_view"]


def fmt_num(value: Any) -> str:
    """A number as the page shows it: three decimals below 10, one below 100, none above.

    >>> fmt_num(0.12345), fmt_num(1.2), fmt_num(12.345), fmt_num(550), fmt_num(None), fmt_num(True)
    ('0.123', '1.2', '12.3', '550', '–', 'yes')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if not isinstance(value, (int, float)):
        return str(value)
    v = float(value)
    if float(v).is_integer() and abs(v) >= 1:
        return f"{int(v):,}"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


@dataclass(frozen=True)
class Column:
    """How one DataFrame column shows: its label, whether numeric, and where its cells link."""

    key: str
    label: str
    num: bool = False
    href: Callable[[str, pd.Series], str | None] | None = None
    fmt: Callable[[Any], str] | None = None
    title: str = ""


@dataclass(frozen=True)
class Cell:
    text: str
    sort: str | None
    href: str | None
    num: bool


@dataclass(frozen=True)
class TableView:
    id: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[dict[str, Any], ...]
    filter: bool
    csv: str = ""
    """The CSV file holding every row, named where a printed copy folds the table."""


def table_view(
    df: pd.DataFrame,
    view_id: str,
    caption: str,
    columns: list[Column],
    *,
    filter: bool = False,
    row_css: Callable[[str, pd.Series], str] | None = None,
) -> TableView:
    """A table's cells as text, sort keys and links; the template only lays them out."""
    rows = []
    for key, row in df.iterrows():
        cells = []
        for col in columns:
            value = key if col.key == "@index" else row.get(col.key)
            text = col.fmt(value) if col.fmt else (fmt_num(value) if col.num else display_text(value))
            sort = _sort_key(value) if col.num else None
            cells.append(Cell(text, sort, col.href(str(key), row) if col.href else None, col.num))
        rows.append({"id": None, "css": row_css(str(key), row) if row_css else "", "cells": cells})
    return TableView(view_id, caption, tuple(columns), tuple(rows), filter)


def _sort_key(value: Any) -> str | None:
    if value is None or isinstance(value, str) or (isinstance(value, float) and math.isnan(value)):
        return None
    return repr(float(value))


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


ViewMaker = Callable[[pd.DataFrame, "ReportData"], "TableView"]
"""Makes a table's view from the table and the report (the values of `VIEWS`)."""


def build_views(data: ReportData, registry: Mapping[str, tuple[str, ViewMaker]] | None = None) -> dict[str, TableView]:
    """One view per table that the page shows as a table (`registry`, by default `VIEWS`, says
    which and how; the roadmap section adds its own, `roadmap_view.ROADMAP_VIEWS`)."""
    t = data.tables
    return {
        key: replace(view(t[source], data), csv=f"{source}.csv")
        for key, (source, view) in (VIEWS if registry is None else registry).items()
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
