"""How each report column reads in a spreadsheet: its number format (with its unit) and its width.

Kept apart from the workbook writer so that the choices are plain data a test can read: a share
is a percentage, a cost carries its budget's unit, a rank is a whole number, and a limit or a use
in the constraints table takes the unit of the budget on its row.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

__all__ = ["PERCENT", "ROW_UNIT_COLUMNS", "TEXT_WIDTH", "column_format", "column_width", "row_units", "unit_format"]

PERCENT = frozenset(
    {"survival", "probability", "first", "first_se", "confidence", "confidence_se", "core", "se", "satisfaction"}
)
"""Columns holding a share in [0, 1]: shown as percentages (the value stays the fraction)."""
WHOLE = frozenset({"size", "arguments", "paragraph", "n", "rank_additive", "rank_topsis", "rank_promethee"})
WHOLE_UNITS = {"lead_time_months": "months"}
SHARE_TABLES = frozenset({"acceptability"})
"""Tables whose every number is a share (rank acceptability: the chance of each rank)."""
DECIMALS = "0.000"
TEXT_WIDTH = 60
"""Widest text column, in characters; longer text wraps."""


def unit_format(base: str, unit: str) -> str:
    """A number format with its unit as literal text: `0.00" USD bn"` (quotes in the unit dropped).

    >>> unit_format("0.00", "USD bn"), unit_format("0", "")
    ('0.00" USD bn"', '0')
    """
    unit = unit.replace('"', "").strip()
    return f'{base}" {unit}"' if unit else base


def column_format(table: str, column: str, units: Mapping[str, str], whole: bool = False) -> str:
    """The number format of numeric `column` of report table `table` (`whole`: it holds integers).

    `units` maps a budget id to its unit (`criteria.yaml`), for the `cost:<budget>` columns.

    >>> column_format("portfolio", "cost:jp", {"jp": "USD bn"}), column_format("smaa", "first", {})
    ('0.00" USD bn"', '0.0%')
    """
    if table in SHARE_TABLES or column in PERCENT:
        return "0.0%"
    if column in WHOLE or (whole and column not in WHOLE_UNITS):
        return "0"
    if column in WHOLE_UNITS:
        return unit_format("0", WHOLE_UNITS[column])
    if column.startswith("cost:"):
        return unit_format("0.00", units.get(column.removeprefix("cost:"), ""))
    return DECIMALS


ROW_UNIT_COLUMNS = frozenset({"used", "limit", "slack"})
"""The constraints table's columns whose unit is the unit of the rule on the row."""


def row_units(table: str, frame: pd.DataFrame, units: Mapping[str, str]) -> list[str | None]:
    """Per row of the constraints table, the number format of its `ROW_UNIT_COLUMNS`: a budget's
    unit, exposure for a risk cap, a count of options for a portfolio rule; None for other tables."""
    if table != "constraints" or "name" not in frame or "kind" not in frame:
        return [None] * len(frame)
    out: list[str | None] = []
    for name, kind in zip(frame["name"], frame["kind"], strict=True):
        if kind == "budget":
            out.append(unit_format("0.00", units.get(str(name).removeprefix("budget "), "")))
        elif kind in ("cardinality", "domain"):
            out.append(unit_format("0", "options"))
        else:
            out.append("0.00")
    return out


def column_width(header: str, values: pd.Series, fmt: str | None) -> tuple[float, bool]:
    """Width in characters that fits the header and the widest cell, and whether the column wraps
    (text wider than `TEXT_WIDTH`)."""
    if pd.api.types.is_bool_dtype(values):
        widest = 5
    elif pd.api.types.is_numeric_dtype(values):
        unit = fmt.split('"')[1] if fmt and '"' in fmt else ""
        shown = [f"{v:.3f}" for v in values.dropna().tolist()] or [""]
        widest = max(map(len, shown)) + len(unit)
    else:
        widest = max((len(str(v)) for v in values.dropna().tolist()), default=0)
    width = max(len(str(header)) + 3, widest + 2, 6)  # + 3: room for the autofilter's arrow
    return float(min(width, TEXT_WIDTH)), widest > TEXT_WIDTH
