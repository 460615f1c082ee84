"""Quotes in context: the whole sentences each quote comes from, and whether the quote is faithful to them.

Verbatim is not faithful. A clause lifted from "Even if X, Y" reads as the author asserting X; a
sentence cited for an option in one place and against it in another is read two ways. Both can
be legitimate, so they are warnings for a reader to judge, not errors. A judged case is recorded
on the evidence item itself (`reviewed: "why it is faithful"`), which silences that item's
warning and is listed as a reviewed exception, so that no judgement is ever hidden or global.

The sentences are computed from the articles every time (`sources check`, the report), never
typed into the YAML, so they cannot drift from the source.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from .errors import ErrorDetail
from .load import option_doc
from .model import Catalogue
from .sources import SourceLibrary, locate, sentence_spans
from .yamlio import Parsed, format_path

__all__ = [
    "CONNECTIVES",
    "FaithfulnessReport",
    "InContext",
    "QuoteInContext",
    "QuoteWarning",
    "ReviewedException",
    "clipped_opening",
    "faithfulness",
    "in_context",
    "quotes_in_context",
]

CONNECTIVES = (
    "even if",
    "even though",
    "although",
    "though",
    "whereas",
    "while",
    "despite",
    "in spite of",
    "however",
    "but",
    "yet",
    "nevertheless",
    "nonetheless",
)
"""Concessive and contrastive openings: what follows them in the same sentence answers them."""

_OPENING = re.compile(
    r"^[\s\"'“‘(\[]*(" + "|".join(c.replace(" ", r"\s+") for c in sorted(CONNECTIVES, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w")

CLIPPED = "clipped-clause"
OPPOSITE = "opposite-stance"


@dataclass(frozen=True)
class InContext:
    """A quote inside the sentences that hold it: `before + quoted + after` is their whole text.

    `quoted` is the article's own spelling of the quoted words (its typography and spacing).
    """

    before: str
    quoted: str
    after: str
    sentences: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    """(start, end) of each sentence in the paragraph: the sentences' identity within it."""

    @property
    def text(self) -> str:
        return self.before + self.quoted + self.after


def in_context(paragraph: str, quote: str) -> InContext | None:
    """The sentences of `paragraph` that hold `quote` (all of them, when it spans several), or None.

    >>> c = in_context("Talks began. Even if the council fails, trade will grow. Fine.", "the council fails")
    >>> c.before, c.quoted, c.after
    ('Even if ', 'the council fails', ', trade will grow.')
    >>> in_context("One. Two three. Four.", "One. Two").sentences
    ('One.', 'Two three.')
    """
    found = locate(paragraph, quote)
    if found is None:
        return None
    start, end = found
    spans = tuple((a, b) for a, b in sentence_spans(paragraph) if a < end and b > start) or ((start, end),)
    first, last = spans[0][0], spans[-1][1]
    start, end = max(start, first), min(end, last)
    return InContext(
        before=paragraph[first:start],
        quoted=paragraph[start:end],
        after=paragraph[end:last],
        sentences=tuple(paragraph[a:b] for a, b in spans),
        spans=spans,
    )


def clipped_opening(ctx: InContext) -> str | None:
    """The connective a quote leaves behind when it is a clause quoted against its sentence, else None.

    That is: the quote lies within one sentence, the sentence opens with a concessive or
    contrastive connective (`CONNECTIVES`), the quote does not include that opening, and the
    sentence goes on past the quote.

    >>> clipped_opening(in_context("Even if the council fails, trade will grow.", "the council fails"))
    'Even if'
    >>> clipped_opening(in_context("Even if the council fails, trade will grow.", "Even if the council fails"))
    >>> clipped_opening(in_context("However, trade will grow.", "trade will grow"))
    """
    if len(ctx.sentences) != 1:
        return None
    m = _OPENING.match(ctx.sentences[0])
    if m is None or len(ctx.before) <= m.start(1) or not _WORD.search(ctx.after):
        return None
    return m.group(1)


# ---------------------------------------------------------------------------- the catalogue


@dataclass(frozen=True)
class QuoteInContext:
    """One evidence item of the catalogue and, when its quote is in its paragraph, its sentences."""

    option: str
    argument: str
    index: int
    """Position of the item in its argument's `evidence`, from 0."""
    position: int
    """Position of the argument in its option file's `arguments`, from 0."""
    stance: str
    source: str
    paragraph: int
    quote: str
    reviewed: str
    context: InContext | None

    @property
    def path(self) -> tuple[str | int, ...]:
        """Where the item sits in its option file."""
        return ("arguments", self.position, "evidence", self.index)


def quotes_in_context(cat: Catalogue, library: SourceLibrary) -> tuple[QuoteInContext, ...]:
    """Every evidence item of `cat` with its sentences; `context` is None where the quote is not in its paragraph."""
    out = []
    for opt in cat.options:
        for i, arg in enumerate(opt.arguments):
            for j, ev in enumerate(arg.evidence):
                try:
                    paragraph = library.paragraph(ev.source, ev.paragraph)
                except (KeyError, IndexError):
                    ctx = None
                else:
                    ctx = in_context(paragraph, ev.quote)
                out.append(
                    QuoteInContext(
                        opt.id, arg.id, j, i, arg.stance, ev.source, ev.paragraph, ev.quote, ev.reviewed, ctx
                    )
                )
    return tuple(out)


@dataclass(frozen=True)
class QuoteWarning:
    """A quote that may be unfaithful to its sentence, located at its evidence item."""

    file: str
    line: int
    column: int
    field: str
    option: str
    argument: str
    kind: str
    """'clipped-clause' or 'opposite-stance'."""
    sentence: str
    message: str

    def detail(self) -> ErrorDetail:
        return ErrorDetail(self.file, self.line, self.column, self.field, self.message)

    def __str__(self) -> str:
        return str(self.detail())


@dataclass(frozen=True)
class ReviewedException:
    """An evidence item whose `reviewed:` note answers a warning; listed, never hidden."""

    file: str
    line: int
    column: int
    field: str
    option: str
    argument: str
    kinds: tuple[str, ...]
    """The warnings the note silences; empty when nothing flags the item (the note can go)."""
    reason: str

    def __str__(self) -> str:
        what = ", ".join(self.kinds) or "nothing flagged"
        return str(
            ErrorDetail(self.file, self.line, self.column, self.field, f"{self.argument} ({what}): {self.reason}")
        )


@dataclass(frozen=True)
class FaithfulnessReport:
    """Warnings on quotes that may misread their sentence, and the reviewed exceptions."""

    warnings: tuple[QuoteWarning, ...]
    reviewed: tuple[ReviewedException, ...]
    """Reviewed notes that silence a warning."""
    unneeded: tuple[ReviewedException, ...] = ()
    """Reviewed notes on items that nothing flags."""

    def table(self) -> pd.DataFrame:
        """One row per warning."""
        columns = list(QuoteWarning.__dataclass_fields__)
        return pd.DataFrame([{c: getattr(w, c) for c in columns} for w in self.warnings], columns=columns)


def faithfulness(cat: Catalogue, library: SourceLibrary) -> FaithfulnessReport:
    """Clipped-clause and opposite-stance warnings for every quote of `cat` found in its paragraph.

    Option files are re-read for line numbers only when an item is flagged or reviewed.
    """
    items = [q for q in quotes_in_context(cat, library) if q.context is not None]
    flags: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for k, q in enumerate(items):
        opening = clipped_opening(q.context)
        if opening:
            flags[k].append((CLIPPED, q.context.text, _clipped_message(q, opening)))
    for k, kind, sentence, message in _opposite_stances(items):
        flags[k].append((kind, sentence, message))
    docs: dict[str, Parsed] = {}
    warnings, reviewed, unneeded = [], [], []
    for k, q in enumerate(items):
        if not flags.get(k) and not q.reviewed:
            continue
        doc = docs.setdefault(q.option, option_doc(cat.root, q.option))
        line, col = doc.where(q.path) if doc.data is not None else (0, 0)
        where = (doc.file, line, col, format_path(q.path), q.option, q.argument)
        if q.reviewed:
            note = ReviewedException(*where, tuple(kind for kind, _, _ in flags.get(k, ())), q.reviewed)
            (reviewed if note.kinds else unneeded).append(note)
            continue
        warnings += [QuoteWarning(*where, kind, sentence, message) for kind, sentence, message in flags[k]]
    return FaithfulnessReport(tuple(warnings), tuple(reviewed), tuple(unneeded))


def _clipped_message(q: QuoteInContext, opening: str) -> str:
    text = q.context.text if q.context else q.quote
    return (
        f"{q.argument}: quote clipped from a sentence that opens with {opening!r} and goes on past it, "
        f"so it may read against its sentence: “{text}” "
        "(quote the sentence's point, or say in `reviewed:` why the clause is faithful)"
    )


def _opposite_stances(items: list[QuoteInContext]) -> list[tuple[int, str, str, str]]:
    """(item, kind, sentence, message) for every item citing a sentence that others cite with the other stance."""
    citing: dict[tuple[str, int, tuple[int, int]], list[int]] = defaultdict(list)
    for k, q in enumerate(items):
        for span in q.context.spans:
            citing[(q.source, q.paragraph, span)].append(k)
    out = []
    seen: set[tuple[int, tuple[int, int]]] = set()
    for (_, _, span), ks in citing.items():
        for k in ks:
            q = items[k]
            others = sorted({items[o].argument for o in ks if items[o].stance != q.stance})
            if not others or (k, span) in seen:
                continue
            seen.add((k, span))
            sentence = q.context.sentences[q.context.spans.index(span)]
            message = (
                f"{q.argument} ({q.stance}) cites a sentence that {', '.join(others)} "
                f"({'con' if q.stance == 'pro' else 'pro'}) also cite{'s' if len(others) == 1 else ''}: "
                f"“{sentence}” (check that both readings hold; say in `reviewed:` why they do)"
            )
            out.append((k, OPPOSITE, sentence, message))
    return out
