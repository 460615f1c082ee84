"""The recommendations register: what the articles recommend, and which options carry it.

Arguments say what the articles *support*; the register says what they *recommend*. Keeping
the two apart shows a gap an argument count cannot: a recommendation no option carries is a
piece of the articles' advice the menu ignores, and one whose options the optimizer leaves out
is advice the portfolio does not take. `recommendations.yaml` is optional; the loader checks ids,
options and source keys (`checks.check_register`), and `sources check` checks each paragraph
against the articles (`check_register_paragraphs`).
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .errors import ErrorDetail
from .load import REGISTER_FILE, read_located
from .model import Catalogue

if TYPE_CHECKING:
    from .sources import SourceLibrary

__all__ = ["REGISTER_COLUMNS", "check_register_paragraphs", "register_table"]

REGISTER_COLUMNS = ["recommendation", "source", "date", "paragraph", "options", "chosen", "status"]


def register_table(cat: Catalogue, selected: Collection[str] | None = None) -> pd.DataFrame:
    """One row per recommendation: what, where (source, its date, paragraph), which options, whether chosen.

    `options` and `chosen` join option ids with "; " so the table reads the same in CSV. Without
    `selected` (no portfolio, as in `sources coverage`) `chosen` is empty and `status` says only
    whether some option carries the recommendation.

    >>> import trilat_opt, pathlib
    >>> cat = trilat_opt.load(pathlib.Path(__file__).parents[2])
    >>> list(register_table(cat).columns) == REGISTER_COLUMNS
    True
    """
    dates = {s.key: s.date for s in cat.sources}
    rows = []
    for rec in cat.recommendations:
        chosen = [o for o in rec.options if selected is not None and o in selected]
        rows.append(
            {
                "id": rec.id,
                "recommendation": rec.recommendation,
                "source": rec.source,
                "date": dates.get(rec.source, ""),
                "paragraph": rec.paragraph,
                "options": "; ".join(rec.options),
                "chosen": "; ".join(chosen),
                "status": _status(bool(rec.options), bool(chosen), selected is not None),
            }
        )
    return pd.DataFrame(rows, columns=["id", *REGISTER_COLUMNS]).set_index("id")


def _status(carried: bool, chosen: bool, have_portfolio: bool) -> str:
    if not carried:
        return "no option carries it"
    if not have_portfolio:
        return "carried"
    return "chosen" if chosen else "carried, not chosen"


def check_register_paragraphs(cat: Catalogue, library: SourceLibrary) -> list[ErrorDetail]:
    """Located errors for register entries whose source is not in `library` or whose paragraph it lacks.

    The register file is re-read for line numbers only when something is wrong.
    """
    problems: list[tuple[int, str, str]] = []
    for i, rec in enumerate(cat.recommendations):
        paras = library.texts.get(rec.source)
        if paras is None:
            problems.append((i, "source", f"source {rec.source!r} is not in {library.folder}"))
        elif rec.paragraph > len(paras):
            msg = f"paragraph {rec.paragraph} is out of range: {rec.source} has {len(paras)} paragraphs"
            problems.append((i, "paragraph", msg))
    if not problems:
        return []
    doc = read_located(Path(cat.root) / REGISTER_FILE, REGISTER_FILE)
    return [doc.error(("recommendations", i, field), msg) for i, field, msg in problems]
