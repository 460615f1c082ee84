"""Terminal tables that fit the screen and never cut a number or an id.

Rich shrinks a table that is wider than the terminal by cutting cells to `0.…` and headers to
`ra…`, which hides exactly what the reader came for. Here every cell is text first: numbers get
a fixed number of decimals per column (so a column lines up and reads at a glance), ids and
numbers are single tokens that never wrap, and prose wraps only between words. Then the table
is laid out in the first of three ways that fits the width:

1. one table, compact (no outer border, two spaces between columns);
2. pages: the first column (the row's id) repeated with as many further columns as fit, page
   after page, so a wide table of numbers stays a table;
3. stacked: one block per row, its id on a line and each `header value` pair below, for tables
   whose columns are too wide even one at a time (long option ids side by side).

Whether a layout fits is measured by rich itself (`Measurement`), whose minimum width of a cell
is its longest word: if the minimum fits, rich wraps and never truncates.

>>> cols = [Column("option", ("a", "bb")), Column("value", ("0.100", "2.000"), numeric=True)]
>>> Console(width=40, highlight=False).print(fit(cols, width=40))
option  value
─────────────
a       0.100
bb      2.000
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.table import Table

from ..output import display_text
from .terminal import plain

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Column", "columns_of", "fit", "fixed", "frame_table", "header_lines"]

MAX_DECIMALS = 3
"""Decimals a column of fractions shows unless its values need fewer (0.5, 12.25) or it says otherwise."""

_MEASURE = Console(width=10_000, highlight=False, markup=False, emoji=False)


@dataclass(frozen=True)
class Column:
    """One column as the terminal shows it: a short header (with its unit) and its cells as text."""

    header: str
    cells: tuple[str, ...]
    numeric: bool = False


def fixed(values: Sequence[Any], decimals: int | None = None) -> tuple[str, ...]:
    """Numbers as text with the same number of decimals down the column.

    `decimals` defaults to the fewest (at most `MAX_DECIMALS`) that show every value exactly.
    Missing values are blank; integers get thousands separators.

    >>> fixed([0.5, 0.25, None]), fixed([550.0, 13.85]), fixed([0.16666, 1]), fixed([1200, 3])
    (('0.50', '0.25', ''), ('550.00', '13.85'), ('0.167', '1.000'), ('1,200', '3'))
    """
    present = [float(v) for v in values if _is_number(v)]
    if decimals is None:
        decimals = next(
            (d for d in range(MAX_DECIMALS + 1) if all(abs(v * 10**d - round(v * 10**d)) < 1e-6 for v in present)),
            MAX_DECIMALS,
        )
    return tuple(_number(v, decimals) if _is_number(v) else "" for v in values)


def _is_number(v: Any) -> bool:
    if isinstance(v, bool) or v is None:
        return False
    try:
        return math.isfinite(float(v))
    except (TypeError, ValueError):
        return False


def _number(v: Any, decimals: int) -> str:
    text = f"{float(v):,.{decimals}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text


def header_lines(label: str, width: int) -> str:
    """`label` broken after spaces, hyphens and underscores into lines of at most `width` (or its
    longest part), so a narrow column of numbers needs no wide header.

    >>> header_lines("institutional-durability", 6), header_lines("rank_topsis", 5), header_lines("value", 2)
    ('institutional-\\ndurability', 'rank\\ntopsis', 'value')
    """
    parts = [p for p in re.split(r"(?<=[-\s_])", label) if p]
    width = max([width, *(len(p.rstrip(" _")) for p in parts)])
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1] + part.rstrip(" _")) <= width:
            lines[-1] += part
        else:
            lines.append(part)
    return "\n".join(line.replace("_", " ").rstrip() for line in lines)


def columns_of(
    df: pd.DataFrame,
    headers: Mapping[str, str] | None = None,
    decimals: Mapping[str, int] | None = None,
) -> list[Column]:
    """The frame's index (when named) and columns as display columns, numbers at fixed decimals."""
    import pandas as pd

    frame = df.reset_index() if df.index.name else df
    headers, decimals = dict(headers or {}), dict(decimals or {})
    out = []
    for key in frame.columns:
        series = frame[key]
        numeric = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
        cells = fixed(series.tolist(), decimals.get(str(key))) if numeric else tuple(map(display_text, series))
        out.append(Column(headers.get(str(key), str(key)), cells, numeric))
    return out


def frame_table(
    df: pd.DataFrame,
    title: str | None = None,
    *,
    headers: Mapping[str, str] | None = None,
    decimals: Mapping[str, int] | None = None,
    note: str | None = None,
    width: int = 80,
    stacked: bool = False,
) -> RenderableType:
    """`df` laid out to fit `width` columns (see the module doc), `note` below it."""
    return fit(columns_of(df, headers, decimals), title, width, note, stacked)


def fit(
    columns: Sequence[Column],
    title: str | None = None,
    width: int = 80,
    note: str | None = None,
    stacked: bool = False,
) -> RenderableType:
    """One table, pages of columns, or stacked rows: the first layout that fits `width`; `note`
    (what the headers mean, say) follows it. `stacked` asks for stacked rows whenever one table
    does not fit, for rows that read badly split across pages."""
    whole = _table(columns)
    if _width(whole) <= width or len(columns) < 2:
        return _framed(title, [whole], note)
    pages = None if stacked else _pages(columns[0], columns[1:], width)
    if pages is None:
        return _framed(title, [_stacked(columns, width)], note)
    n = len(pages)
    parts: list[RenderableType] = []
    for i, page in enumerate(pages, 1):
        parts += [plain(f"part {i} of {n}", "dim"), _table([columns[0], *page])]
    return _framed(title, parts, note)


def _framed(title: str | None, body: list[RenderableType], note: str | None) -> RenderableType:
    """The title above (wrapped at the terminal's width, not the table's), the note below, and a
    blank line after a titled table to set it off from the next."""
    head = [plain(title, "bold")] if title else []
    tail = [plain(note, "dim")] if note else []
    return Group(*head, *body, *tail, *([plain("")] if title else []))


def _table(columns: Sequence[Column]) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
        header_style="bold",
    )
    for col in columns:
        longest = max((len(c) for c in col.cells), default=0)
        table.add_column(
            plain(header_lines(col.header, longest if col.numeric else max(longest, 12))),
            justify="right" if col.numeric else "left",
            no_wrap=col.numeric,
        )
    for row in zip(*(col.cells for col in columns), strict=True):
        table.add_row(*(plain(cell) for cell in row))
    return table


def _width(table: Table) -> int:
    """The narrowest width at which `table` shows every cell whole (words never split)."""
    return Measurement.get(_MEASURE, _MEASURE.options, table).minimum


def _pages(key: Column, rest: Sequence[Column], width: int) -> list[list[Column]] | None:
    """Columns packed greedily, in order, into pages that fit beside `key`; None when one cannot."""
    pages: list[list[Column]] = []
    for col in rest:
        if pages and _width(_table([key, *pages[-1], col])) <= width:
            pages[-1].append(col)
        elif _width(_table([key, col])) <= width:
            pages.append([col])
        else:
            return None
    return pages


def _stacked(columns: Sequence[Column], width: int) -> RenderableType:
    """One block per row: the first cell in bold, then `header: value` pairs packed into lines,
    never breaking inside a pair that fits on a line."""
    parts: list[RenderableType] = []
    key, rest = columns[0], columns[1:]
    for i, name in enumerate(key.cells):
        parts.append(plain(name, "bold"))
        pairs = [
            f"{' '.join(col.header.split())}: {'; '.join(col.cells[i].splitlines())}" for col in rest if col.cells[i]
        ]
        body = Table.grid()
        body.add_column(width=2)
        body.add_column()  # a pair longer than a line wraps here, indented under its row's id
        for line in _packed(pairs, width - 2):
            body.add_row("", plain(line))
        parts.append(body)
    return Group(*parts)


def _packed(items: Sequence[str], width: int) -> list[str]:
    """`items` joined by two spaces into lines of at most `width` where each item fits.

    >>> _packed(["a: 1", "bb: 2", "c: 3"], 11)
    ['a: 1  bb: 2', 'c: 3']
    """
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + 2 + len(item) <= width:
            lines[-1] += "  " + item
        else:
            lines.append(item)
    return lines
