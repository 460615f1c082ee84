"""`sources check` and `sources coverage`: are the quotes verbatim, and is the catalogue balanced?"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import pandas as pd
import typer
from rich.console import Group, RenderableType
from rich.text import Text

from ..errors import InputError
from ..output import jsonable
from ..quotes import FaithfulnessReport, faithfulness
from ..register import check_register_paragraphs
from ..sources import CoverageReport, check_quotes, coverage, find_sources_dir, read_sources
from .common import FORMAT, OUT, Format, State, catalogue_of, console_err, console_out, emit, rich_table, warn

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

    Each paragraph of recommendations.yaml must exist in its article too.

    Warnings (the exit code stays 0) flag quotes that may read against their sentence: a clause
    clipped from a sentence opening with "Even if", "Although", "However", "But" and the like
    that goes on past the quote, and a sentence cited pro in one place and con in another. An
    evidence item's `reviewed: "why it is faithful"` answers its warning; such reviewed
    exceptions are counted and listed.

    Example:

        trilat-opt sources check --sources ../shared/sources
        TRILAT_SOURCES=../shared/sources trilat-opt sources check --format csv > misquotes.csv
    """
    state: State = ctx.obj
    cat = catalogue_of(ctx)
    library = read_sources(find_sources_dir(state.project, sources))
    report = check_quotes(cat, library)
    register_errors = check_register_paragraphs(cat, library)
    faith = faithfulness(cat, library)
    if fmt == Format.json:
        emit({**jsonable(report), "register_failures": register_errors, **jsonable(faith)}, fmt)
    elif fmt == Format.csv:
        emit(report.table(), fmt)
    for w in faith.warnings:
        warn(str(w))
    if report.failures or register_errors:
        if report.failures:
            console_err.print(f"{len(report.failures)} of {report.checked} quotes failed:", markup=False)
        raise InputError([*report.error().errors, *register_errors])
    if fmt == Format.table:
        _check_summary(report.checked, len(cat.recommendations), faith)


def _check_summary(checked: int, register: int, faith: FaithfulnessReport) -> None:
    """What passed, how many warnings, and every reviewed exception with its reason."""
    console_out.print(f"{checked} quotes checked, all verbatim", markup=False)
    if register:
        console_out.print(f"{register} register paragraphs found", markup=False)
    if faith.warnings:
        console_out.print(f"{len(faith.warnings)} warnings on quotes in context (on stderr)", markup=False)
    if faith.reviewed:
        console_out.print(f"{len(faith.reviewed)} reviewed exceptions:", markup=False)
        for r in faith.reviewed:
            console_out.print(f"  {r}", markup=False, soft_wrap=True)
    if faith.unneeded:
        console_out.print(f"{len(faith.unneeded)} reviewed notes on quotes nothing flags:", markup=False)
        for r in faith.unneeded:
            console_out.print(f"  {r}", markup=False, soft_wrap=True)


@sources_app.command("coverage")
def coverage_cmd(
    ctx: typer.Context,
    fmt: CoverageFormat = typer.Option(
        CoverageFormat.table, "--format", "-f", help="Output format.", case_sensitive=False
    ),
    out: Path | None = OUT,
) -> None:
    """Show citations per article, options argued per criterion, con share, options per risk and
    the recommendations register (what the articles recommend and which options carry it).

    Figures below the balance targets are listed at the end; they do not change the exit code.

    Whether the optimal portfolio chooses a recommendation's options is in the report.

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
    articles = pd.DataFrame(
        {
            "citations": report.articles["citations"],
            "paragraphs cited": [_ranges(p) for p in report.articles["paragraphs"]],
        },
        index=report.articles.index.rename("source"),
    )
    criteria = report.criteria[["options", "share", "pro", "con"]].assign(
        share=[f"{x:.0%}" for x in report.criteria["share"]]
    )
    risks = report.risks[["options"]]
    lines = [f"con arguments: {report.con} of {report.arguments} ({report.con_share:.0%})"]
    lines += (
        ["balance: all targets met"] if not problems else ["balance: below target:", *(f"  - {p}" for p in problems)]
    )
    return Group(
        rich_table(articles, "Citations per article"),
        rich_table(
            criteria, f"Arguments per criterion ({report.options} options)", headers={"share": "share of options"}
        ),
        rich_table(risks, "Options carrying each risk"),
        *_register(report.recommendations),
        *(Text(line) for line in lines),
    )


def _register(table: pd.DataFrame) -> list[RenderableType]:
    """The register, one block per recommendation, and a count of what no option carries; nothing
    when there is no register."""
    if table.empty:
        return []
    where = [
        f"{s} ¶{p}" + (f" ({d})" if d else "")
        for s, p, d in zip(table["source"], table["paragraph"], table["date"], strict=True)
    ]
    view = pd.DataFrame(
        {
            "source": where,
            "recommends": table["recommendation"].astype(str),
            "options": [str(o).replace(";", ",") or "none" for o in table["options"]],
        },
        index=table.index.rename("id"),
    )
    bare = int((table["options"] == "").sum())
    title = "What the articles recommend, and the options that carry it"
    return [
        rich_table(view, title, stacked=True),
        Text(f"register: {len(table)} recommendations, {bare} carried by no option"),
    ]


def _ranges(numbers: list[int]) -> str:
    """'1, 3-5, 9' from [1, 3, 4, 5, 9]."""
    out: list[str] = []
    for n in numbers:
        if out and out[-1].split("-")[-1] == str(n - 1):
            out[-1] = f"{out[-1].split('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)
