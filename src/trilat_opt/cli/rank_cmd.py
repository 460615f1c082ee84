"""`rank`: order the options by additive net value, TOPSIS and PROMETHEE II."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from ..score import METHODS
from .common import (
    FORMAT,
    OUT,
    PROFILE,
    SEMANTICS,
    WEIGHT,
    Format,
    emit,
    evaluation_of,
    rich_table,
    score_warnings,
)

__all__ = ["register"]

Method = StrEnum("Method", {name: name for name in [*METHODS, "all"]})


def register(app: typer.Typer) -> None:
    """Add `rank` to `app`."""
    app.command("rank")(rank_command)


def rank_command(
    ctx: typer.Context,
    method: Method = typer.Option(
        "all", "--method", "-m", help="Aggregation method, or all of them side by side.", case_sensitive=False
    ),
    profile: str | None = PROFILE,
    weight: list[str] | None = WEIGHT,
    semantics: str = SEMANTICS,
    fmt: Format = FORMAT,
    out: Path | None = OUT,
) -> None:
    """Rank the options: net value over the neutral base (additive), TOPSIS and PROMETHEE II.

    Scores come from the arguments under --semantics; weights from criteria.yaml, --profile or --weight.

    Rows are sorted by the first method's rank; equal scores share a rank.

    Example:

        trilat-opt rank
        trilat-opt rank --method topsis --profile tokyo --format csv --out ranking.csv
        trilat-opt rank --weight deterrence=0.3 --semantics euler --format json
    """
    ev = evaluation_of(ctx, profile, weight, semantics=semantics)
    with score_warnings():
        table = ev.ranking(method.value)
    source = f"{profile or 'criteria.yaml'} weights{' with --weight overrides' if weight else ''}"
    title = f"Ranking ({source}, {semantics} semantics)"
    if fmt != Format.table:
        emit(table, fmt, out, title=title)
        return
    # Option ids already read as names; titles and domains are in JSON/CSV and 'options list'.
    shown = table.drop(columns=["title", "domain"], errors="ignore")
    legend = "; ".join(text for col, text in _LEGEND.items() if col in shown.columns)
    emit(None, fmt, out, table=rich_table(shown, title, headers=_HEADERS, note=legend))


_HEADERS = {
    "value": "value",
    "rank_additive": "rank",
    "topsis": "TOPSIS",
    "rank_topsis": "rank",
    "promethee": "flow",
    "rank_promethee": "rank",
}
_LEGEND = {
    "value": "value: weighted net value over the neutral base",
    "topsis": "TOPSIS: closeness to the ideal",
    "promethee": "flow: PROMETHEE II net flow",
}
