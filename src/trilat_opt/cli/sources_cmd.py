"""`sources check` and `sources coverage`: are the quotes verbatim, and is the catalogue balanced?"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..output import jsonable
from ..sources import CoverageReport, check_quotes, coverage, find_sources_dir, read_sources
from .common import FORMAT, OUT, Format, State, catalogue_of, console_err, console_out, emit

__all__ = ["register"]

sources_app = typer.Typer(help="Verify quotes against the source articles; show how evenly they are used.")

SOURCES = typer.Option(
    None,
    "--sources",
    "-s",
    metavar="DIR",
    help="Folder with sources.yaml and the article texts (default: $TRILAT_SOURCES, else ../shared/sources).",
    show_default=False,
)


class CoverageFormat(StrEnum):
    """Coverage has several tables, so no CSV form."""

    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    """Add the `sources` group to `app`."""
    app.add_typer(sources_app, name="sources", no_args_is_help=True)


@sources_app.command("check")
def check(ctx: typer.Context, sources: Path | None = SOURCES, fmt: Format = FORMAT) -> None:
    """Check that every quote appears in the paragraph it cites; exit 2 listing each misquote.

    Only whitespace, typographic quotes, dashes and case may differ from the article.

    A paragraph is a line with visible text in the article's file, counted from 1.

    A failure names the option file, line and field, and any other paragraph holding the quote.

    It also shows the article's closest sentence and the share of the quote's words it contains.

    Example:

        trilat-opt sources check --sources ../shared/sources
        TRILAT_SOURCES=~/articles trilat-opt sources check --format csv > misquotes.csv
    """
    state: State = ctx.obj
    cat = catalogue_of(ctx)
    report = check_quotes(cat, read_sources(find_sources_dir(state.project, sources)))
    if fmt != Format.table:
        emit(report if fmt == Format.json else report.table(), fmt)
    if report.failures:
        console_err.print(f"{len(report.failures)} of {report.checked} quotes failed:", markup=False)
        raise report.error()
    if fmt == Format.table:
        console_out.print(f"{report.checked} quotes checked, all verbatim", markup=False)


@sources_app.command("coverage")
def coverage_cmd(
    ctx: typer.Context,
    fmt: CoverageFormat = typer.Option(
        CoverageFormat.table, "--format", "-f", help="Output format.", case_sensitive=False
    ),
    out: Path | None = OUT,
) -> None:
    """Show citations per article, options argued per criterion, con share and options per risk.

    Figures below the balance targets are listed at the end; they do not change the exit code.

    Targets: articles cited 8 times, criteria argued on 1/3 of options, 1/4 of arguments con, risks on 3 options.

    Example:

        trilat-opt sources coverage
        trilat-opt sources coverage --format json --out coverage.json
    """
    report = coverage(catalogue_of(ctx))
    problems = report.balance_problems()
    if fmt == CoverageFormat.json:
        data = {**jsonable(report), "con_share": report.con_share, "balance_problems": problems}
        emit(data, Format.json, out)
        return
    emit(None, Format.table, out, table=_tables(report, problems))


def _tables(report: CoverageReport, problems: list[str]) -> Group:
    articles = Table(title="Citations per article", header_style="bold")
    for col, justify in (("source", "left"), ("citations", "right"), ("paragraphs cited", "left")):
        articles.add_column(col, justify=justify)  # type: ignore[arg-type]
    for key, row in zip(report.articles.index, report.articles.itertuples(index=False), strict=True):
        articles.add_row(str(key), str(row.citations), _ranges(row.paragraphs))
    criteria = Table(title=f"Arguments per criterion ({report.options} options)", header_style="bold")
    for col in ("criterion", "options", "share", "pro", "con"):
        criteria.add_column(col, justify="left" if col == "criterion" else "right")
    for cid, row in zip(report.criteria.index, report.criteria.itertuples(index=False), strict=True):
        criteria.add_row(str(cid), str(row.options), f"{row.share:.0%}", str(row.pro), str(row.con))
    risks = Table(title="Options carrying each risk", header_style="bold")
    risks.add_column("risk")
    risks.add_column("options", justify="right")
    for rid, n in report.risks["options"].items():
        risks.add_row(str(rid), str(n))
    lines = [f"con arguments: {report.con} of {report.arguments} ({report.con_share:.0%})"]
    lines += (
        ["balance: all targets met"] if not problems else ["balance: below target:", *(f"  - {p}" for p in problems)]
    )
    return Group(articles, criteria, risks, *(Text(line) for line in lines))


def _ranges(numbers: list[int]) -> str:
    """'1, 3-5, 9' from [1, 3, 4, 5, 9]."""
    out: list[str] = []
    for n in numbers:
        if out and out[-1].split("-")[-1] == str(n - 1):
            out[-1] = f"{out[-1].split('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)
