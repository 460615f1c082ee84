"""The Excel workbook of a report run: a front sheet with the settings and the command that makes
it again, then one sheet per report table, holding what that table's CSV holds.

XlsxWriter writes it (imported here, when a workbook is made, never at start-up): it imports in
about 40 ms and writes the 23 tables of the shipped catalogue in about 60 ms, against 170 ms and
150 ms for openpyxl, and it never turns a string into a formula (`write_string` always writes
text). Cells hold values, never formulas; text that a spreadsheet would read as a formula is
written as text and marked with Excel's quote prefix, so editing the cell keeps it text.

Each sheet: a bold header row that stays in view, an autofilter, columns as wide as their
content (long text wraps), number formats with units (`cells.py`), and the stance of an argument
as a cell style, green for pro and red for con.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import pandas as pd

from ..output import atomic_write, safe_cell
from ..report.data import ReportData
from ..report.write import flat_table
from .cells import ROW_UNIT_COLUMNS, column_format, column_width, row_units

__all__ = ["SHEETS", "sheet_order", "workbook_bytes", "write_xlsx"]

SHEETS: dict[str, str] = {
    "portfolio": "the chosen options, their value, survival chance and costs",
    "constraints": "every budget, risk cap and portfolio rule: use, limit and slack",
    "exposure": "summed exposure of the portfolio to each political risk and country",
    "ranking": "each option's additive value, TOPSIS closeness and PROMETHEE net flow, with ranks",
    "scores": "criterion scores: the final strength of each claim 'option advances criterion'",
    "net": "scores net of the neutral base, signed by the criterion's direction",
    "contributions": "net scores times the run's weights: what each criterion adds to an option's value",
    "arguments": "every argument: stance, base and final strength, claim, basis, rebuttals",
    "evidence": "every quote with its source key, paragraph and sentence",
    "stability": "weight intervals within which the top option and the portfolio stay the same",
    "smaa": "SMAA-2: rank-1 acceptability, holistic index and confidence",
    "acceptability": "SMAA-2: the chance of each option taking each rank",
    "central_weights": "SMAA-2: the typical weights that make each option first",
    "core": "core index: share of sampled weights under which each option is in the portfolio",
    "frontier": "Pareto-optimal portfolios of value against summed political-risk exposure",
    "criticality": "arguments whose strength, moved, changes the top option",
    "scenarios": "the portfolio's value and survival in each scenario",
    "capitals": "each capital's own best portfolio and the consensus",
    "capital_portfolios": "which capital's portfolio picks which option",
    "profile_weights": "each capital's weights and this run's",
    "criteria": "the criteria, their weights and sampling bounds",
    "options": "the policy options",
    "recommendations": "the register of the articles' recommendations and whether the portfolio carries them",
    "roadmap": "when each option starts and delivers, across the leadership windows",
    "roadmap_budgets": "budget and political-capital use per period of the roadmap",
    "roadmap_delays": "the value lost if each option starts one period later",
    "roadmap_events": "what each leadership event puts at risk",
    "roadmap_lock_in": "the options to start before each leadership event",
}
"""Sheet order and the front sheet's line on each; a table not listed follows, in name order."""
FRONT = "about"
STANCE = {
    "pro": {"bg_color": "#e6f4ea", "font_color": "#1b5e20"},
    "con": {"bg_color": "#fdecea", "font_color": "#b71c1c"},
}
"""Cell styles of an argument's stance: green for pro, red for con (the report's colours)."""


def sheet_order(tables: Mapping[str, Any]) -> list[str]:
    """The tables of a run in the workbook's order (`SHEETS`, then the rest by name)."""
    return [t for t in SHEETS if t in tables] + sorted(t for t in tables if t not in SHEETS)


def write_xlsx(data: ReportData, path: str | os.PathLike[str], command: str | None = None) -> Path:
    """Write the workbook of `data` to `path` atomically; `command` is shown as the one that made it."""
    return atomic_write(path, workbook_bytes(data, command))


def workbook_bytes(data: ReportData, command: str | None = None) -> bytes:
    """The workbook as bytes. The same run gives the same bytes: the document's creation time is
    the report's generation time (fixed by SOURCE_DATE_EPOCH), and nothing else reads the clock."""
    import xlsxwriter

    buf = BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    wb = xlsxwriter.Workbook(buf, options)
    wb.set_properties({"title": data.title, "created": _created(data.manifest.get("generated"))})
    styles = _Styles(wb)
    units = data.summary.get("budget_units", {})
    order = sheet_order(data.tables)
    _front(wb.add_worksheet(FRONT), styles, data, order, command)
    for name in order:
        _sheet(wb.add_worksheet(name[:31]), styles, name, data.tables[name], units)
    wb.close()
    return buf.getvalue()


class _Styles:
    """XlsxWriter formats, one per distinct set of properties (a workbook should not hold thousands)."""

    def __init__(self, wb: Any):
        self._wb = wb
        self._made: dict[tuple, Any] = {}

    def get(self, **props: Any) -> Any:
        key = tuple(sorted((k, v) for k, v in props.items() if v is not None))
        if key not in self._made:
            self._made[key] = self._wb.add_format(dict(key))
        return self._made[key]


def _created(generated: str | None) -> datetime:
    if generated:
        try:
            return datetime.strptime(generated, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        except ValueError:
            pass
    return datetime(1980, 1, 1, tzinfo=UTC)


def _sheet(ws: Any, styles: _Styles, name: str, table: pd.DataFrame, units: Mapping[str, str]) -> None:
    """One report table: the CSV's columns and rows, with header, filter, widths and formats."""
    had_index = any(n is not None for n in table.index.names)
    df = flat_table(table)
    per_row = row_units(name, df, units)
    for j, col in enumerate(df.columns):
        ws.write_string(0, j, str(col), styles.get(bold=True, bottom=1, bg_color="#f2f2f2", quote_prefix=_risky(col)))
        whole = pd.api.types.is_integer_dtype(df[col])
        fmt = column_format(name, str(col), units, whole) if _numeric(df[col]) else None
        width, wrap = column_width(str(col), df[col], fmt)
        ws.set_column(j, j, width)
        rows = per_row if col in ROW_UNIT_COLUMNS else [None] * len(df)
        for i, value in enumerate(df[col].tolist(), start=1):
            _cell(ws, styles, i, j, value, rows[i - 1] or fmt, wrap, str(col) == "stance")
    ws.freeze_panes(1, 1 if had_index and len(df.columns) > 1 else 0)
    ws.autofilter(0, 0, max(len(df), 1), max(len(df.columns) - 1, 0))


def _numeric(col: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col)


def _risky(value: Any) -> bool | None:
    """True when text would be read as a formula (`output.safe_cell` would prefix it)."""
    return True if isinstance(value, str) and safe_cell(value) != value else None


def _cell(ws: Any, styles: _Styles, i: int, j: int, value: Any, fmt: str | None, wrap: bool, stance: bool) -> None:
    """One value as the CSV writes it: a number, a boolean, text, or nothing for a missing value."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return  # a blank cell, as the CSV's empty field reads
    if isinstance(value, bool):
        ws.write_boolean(i, j, value, styles.get(valign="top"))
    elif isinstance(value, int | float):
        if math.isinf(value):
            ws.write_string(i, j, str(value), styles.get(valign="top", quote_prefix=value < 0 or None))
        else:
            ws.write_number(i, j, value, styles.get(num_format=fmt, valign="top"))
    else:
        text = str(value)
        look = STANCE.get(text, {}) if stance else {}
        ws.write_string(i, j, text, styles.get(text_wrap=wrap or None, valign="top", quote_prefix=_risky(text), **look))


def _front(ws: Any, styles: _Styles, data: ReportData, order: list[str], command: str | None) -> None:
    """The settings of the run, the command that makes this workbook again, the headline and a
    linked list of the sheets."""
    m = data.manifest
    bold, wrap = styles.get(bold=True, valign="top"), styles.get(text_wrap=True, valign="top")
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 100)
    ws.write_string(0, 0, data.title, styles.get(bold=True, font_size=14))
    rows: list[tuple[str, str]] = [
        ("Run", str(m.get("run_name", ""))),
        ("Generated (UTC)", str(m.get("generated", ""))),
        ("Made again by", command or str(m.get("command", ""))),
        ("trilat-opt version", str(m.get("version", ""))),
        ("Input hash (SHA-256)", str(m.get("input_hash", ""))),
        ("Weights", str(m.get("profile_name", ""))),
        ("Weight overrides", ", ".join(f"{k}={v:g}" for k, v in m.get("overrides", {}).items()) or "none"),
        ("Objective", str(m.get("objective", ""))),
        ("Scenario", str(m.get("scenario") or "none (base likelihoods)")),
        ("Forced in", ", ".join(m.get("include", [])) or "none"),
        ("Forced out", ", ".join(m.get("exclude", [])) or "none"),
        ("Semantics", str(m.get("semantics", ""))),
        ("Solver", str(m.get("solver_detail") or m.get("solver", ""))),
        ("SMAA samples, seed", f"{m.get('samples', '')}, {m.get('seed', '')}"),
        ("Analyses", "all" if m.get("full", True) else "quick: core index, frontier and critical arguments skipped"),
    ]
    r = 2
    for label, value in rows:
        ws.write_string(r, 0, label, bold)
        ws.write_string(r, 1, value, styles.get(text_wrap=True, valign="top", quote_prefix=_risky(value)))
        r += 1
    r = _pairs(ws, styles, r + 1, "Effective weights", list(m.get("weights", {}).items()), "0.0%")
    headline = [(h["label"], h["value"]) for h in data.summary.get("headline", [])]
    r = _pairs(ws, styles, r + 1, "Headline", headline, None)
    ws.write_string(r + 1, 0, "Sheets", bold)
    r += 2
    for name in order:
        ws.write_url(r, 0, f"internal:'{name[:31]}'!A1", string=name)
        ws.write_string(r, 1, SHEETS.get(name) or f"the report's {name} table", wrap)
        r += 1
    for section, why in data.missing.items():
        ws.write_string(r + 1, 0, f"not in this run: {section}", bold)
        # The reason can quote input text (a roadmap's infeasibility names rules), so it is guarded too.
        ws.write_string(r + 1, 1, why, styles.get(text_wrap=True, quote_prefix=_risky(why)))
        r += 1


def _pairs(ws: Any, styles: _Styles, r: int, title: str, items: list[tuple[str, Any]], fmt: str | None) -> int:
    """A titled block of label-value rows from row `r`; the next free row."""
    ws.write_string(r, 0, title, styles.get(bold=True))
    for k, (label, value) in enumerate(items, start=r + 1):
        ws.write_string(k, 0, str(label), styles.get(quote_prefix=_risky(str(label))))
        if isinstance(value, int | float) and not isinstance(value, bool):
            ws.write_number(k, 1, value, styles.get(num_format=fmt, align="left"))
        else:
            ws.write_string(k, 1, str(value), styles.get(quote_prefix=_risky(str(value)), align="left"))
    return r + len(items) + 1
