"""The articles behind the evidence: where they are, each quote's sentence, dates, the register.

The report shows every quote inside the sentence it comes from, so a reader sees at once what
the quote leaves out. That needs the articles, which live outside the project (`--sources`,
`$TRILAT_SOURCES` or `../shared/sources`). Without them the report still builds: it says the
folder was not found and shows the bare quotes. A folder named explicitly but unusable is bad
input, as for `sources check`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..quotes import InContext, quotes_in_context
from ..register import register_table
from ..sources import SourceLibrary, find_sources_dir, read_sources

if TYPE_CHECKING:
    from .run import Run

__all__ = ["contexts", "open_library", "read_articles", "recommendations"]


def open_library(
    project: str | os.PathLike[str], given: str | os.PathLike[str] | None
) -> tuple[SourceLibrary | None, str]:
    """The articles and '' , or None and why they are missing. Raises `InputError` for a bad `given` folder."""
    if given is not None:
        return read_sources(given), ""
    try:
        return read_sources(find_sources_dir(project)), ""
    except InputError as exc:
        reason = exc.errors[0].message if exc.errors else str(exc)
        return None, reason


def read_articles(run: Run) -> None:
    """Find the articles, put each quote's sentence on the run, and the sources' dates in the summary."""
    library, reason = open_library(run.cat.root, run.sources)
    run.library = library
    run.contexts = contexts(run, library)
    run.summary["sources_note"] = (
        ""
        if library is not None
        else f"The source articles were not found ({reason}), so quotes are shown without their sentences."
    )
    bib = run.cat.sources or (library.sources if library else ())
    dated = sorted((s for s in bib if s.date), key=lambda s: (s.date, s.key), reverse=True)
    run.summary["dates"] = [{"key": s.key, "date": s.date} for s in dated]
    run.summary["dates_partial"] = any(len(s.date) < len("2025-01-01") for s in dated)


def contexts(run: Run, library: SourceLibrary | None) -> dict[tuple[str, int], InContext | None]:
    """(argument id, evidence position) -> the quote's sentences; empty without the articles."""
    if library is None:
        return {}
    return {(q.argument, q.index): q.context for q in quotes_in_context(run.cat, library)}


def recommendations(run: Run) -> None:
    """The register as a table (with the run's portfolio) and as rows with option links for the page."""
    cat = run.cat
    run.summary["register"] = []
    if not cat.recommendations:
        return
    selected = set(run.selected)
    run.tables["recommendations"] = register_table(cat, selected)
    titles = {o.id: o.title for o in cat.options}
    dates = {d["key"]: d["date"] for d in run.summary.get("dates", [])}
    rows: list[dict[str, Any]] = []
    for rec, status in zip(cat.recommendations, run.tables["recommendations"]["status"], strict=True):
        rows.append(
            {
                "id": rec.id,
                "recommendation": rec.recommendation,
                "source": rec.source,
                "date": dates.get(rec.source, ""),
                "paragraph": rec.paragraph,
                "note": rec.note,
                "status": status,
                "options": [{"id": o, "title": titles.get(o, o), "chosen": o in selected} for o in rec.options],
            }
        )
    run.summary["register"] = rows
