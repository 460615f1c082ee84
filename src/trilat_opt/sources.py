"""The source articles, and checks that the catalogue quotes them faithfully and evenly.

Every number an analyst shows must trace back to an argument, and every argument to a sentence
in an article. `check_quotes` makes that chain mechanical: each evidence quote must appear in the
paragraph it cites, forgiving only what copy-and-paste changes (whitespace, typographic quotes,
dashes, case; see `normalise`). `coverage` shows how evenly the catalogue draws on the articles
and the criteria, so that it stays an evaluation and not advocacy.

The articles themselves never enter the project: they live in a sources folder
(`--sources DIR`, `$TRILAT_SOURCES`, or `../shared/sources` beside the project) with a
`sources.yaml` bibliography naming each article's text file.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import ErrorDetail, InputError
from .load import option_doc, read_bibliography
from .model import Catalogue, Source
from .register import REGISTER_COLUMNS, register_table
from .yamlio import Parsed, format_path, read_yaml

__all__ = [
    "BALANCE_TARGETS",
    "BalanceTargets",
    "CoverageReport",
    "QuoteFailure",
    "QuoteReport",
    "SourceLibrary",
    "check_quotes",
    "coverage",
    "find_sources_dir",
    "locate",
    "normalise",
    "paragraphs",
    "read_sources",
    "sentence_spans",
    "sentences",
]

SOURCES_FILE = "sources.yaml"
ENV_VAR = "TRILAT_SOURCES"
_HINT = f"pass --sources DIR or set {ENV_VAR}"

# ---------------------------------------------------------------------------- text conventions

_SINGLE = "\u2018\u2019\u201a\u201b\u2032"  # ‘ ’ ‚ ‛ ′
_DOUBLE = "\u201c\u201d\u201e\u201f\u2033"  # “ ” „ ‟ ″
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # hyphen, non-breaking hyphen, figure/en/em dash, bar, minus
_TYPOGRAPHY = str.maketrans(
    {**dict.fromkeys(_SINGLE, "'"), **dict.fromkeys(_DOUBLE, '"'), **dict.fromkeys(_DASHES, "-")}
)
_SPACE = re.compile(r"\s+")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of an article: its lines with visible text, in order.

    This is the project's citation convention: a citation's `paragraph: N` is item N-1 of this
    list, i.e. the N-th non-empty line of the text file (as sources.yaml in the shared folder
    says). Blank and whitespace-only lines do not count, so reflowing blank lines never shifts a
    citation.

    >>> paragraphs("Title\\n\\n  \\nFirst paragraph.\\nSecond one.\\n")
    ['Title', 'First paragraph.', 'Second one.']
    """
    return [line for line in text.splitlines() if line.strip()]


def normalise(text: str) -> str:
    """Text reduced to what a quote must match: the words and punctuation, nothing else.

    Forgiven, because copy-and-paste and editors change them: Unicode compatibility forms (NFKC),
    typographic single quotes and primes (‘ ’ ‚ ‛ ′ -> '), double quotes (“ ” „ ‟ ″ -> "), dashes,
    hyphens and the minus sign (-> -), runs of whitespace including non-breaking spaces (-> one
    space), and case. Any other difference, a word or a comma, is a misquote.

    >>> normalise("  The \\u201cTrilateral\\u201d\\u00a0Council \\u2014 Japan\\u2019s   ")
    'the "trilateral" council - japan\\'s'
    """
    # casefold between two NFKC passes (as Unicode's NFKC_Casefold does), so the result is stable
    text = unicodedata.normalize("NFKC", text.translate(_TYPOGRAPHY)).casefold()
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    return _SPACE.sub(" ", text).strip()


_SENTENCE_END = re.compile(
    r"(?:(?<=[.!?\u2026])|(?<=[.!?\u2026][\"'\u201d\u2019)\]]))\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])"
)


_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Adm|Sen|Rep|Gov|St|Jr|Sr|No|vs)\.)$")
"""Text ending like this does not end a sentence: 'U.S. Secretary', 'Dr. Kim' (initials and titles)."""


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `paragraph`, without the whitespace around it.

    A sentence ends at ., ! or ? (maybe followed by a closing quote or bracket) before whitespace
    and a capital or digit, except after initials or a title ('U.S. Secretary', 'Dr. Kim').
    A rule of thumb, not a parser: it serves to show a quote's whole sentence and to find the
    sentence a quote was clipped from.

    >>> text = "The U.S. Secretary met them. Talks went well."
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['The U.S. Secretary met them.', 'Talks went well.']
    """
    cuts, start = [], 0
    for m in _SENTENCE_END.finditer(paragraph):
        if not _ABBREVIATION.search(paragraph[start : m.start()]):
            cuts.append((start, m.start()))
            start = m.end()
    cuts.append((start, len(paragraph)))
    spans = []
    for a, b in cuts:
        piece = paragraph[a:b]
        lo, hi = a + len(piece) - len(piece.lstrip()), a + len(piece.rstrip())
        if lo < hi:
            spans.append((lo, hi))
    return spans


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences (see `sentence_spans` for the rule).

    >>> sentences("One thing. “Two,” she said. U.S. and Japan agree!")
    ['One thing.', '“Two,” she said.', 'U.S. and Japan agree!']
    """
    return [paragraph[a:b] for a, b in sentence_spans(paragraph)]


def locate(paragraph: str, quote: str) -> tuple[int, int] | None:
    r"""Where `quote` first occurs in `paragraph` under `normalise`'s forgiveness: (start, end), or None.

    The positions are in the paragraph as written, so the caller can show the article's own
    spelling of the quoted words.

    >>> text = "Leaders met in  Tokyo’s “new” hall."
    >>> a, b = locate(text, 'MET in Tokyo\'s "new"')
    >>> text[a:b]
    'met in  Tokyo’s “new”'
    """
    norm, where = _normalised_positions(paragraph)
    wanted = _normalised_positions(quote)[0]
    k = norm.find(wanted) if wanted else -1
    if k < 0:
        return None
    return where[k], where[k + len(wanted) - 1] + 1


@functools.lru_cache(maxsize=1024)
def _normalised_positions(text: str) -> tuple[str, list[int]]:
    """`normalise` applied character by character, with the index in `text` each output character came from.

    Cached: a paragraph holds several quotes, and the report locates every one (the callers only
    read the result).

    Per character, so that positions survive; it agrees with `normalise` except inside combining
    sequences, which the source articles do not use.
    """
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        piece = " " if ch.isspace() else normalise_char(ch)
        for c in piece:
            if c.isspace() and (not chars or chars[-1] == " "):
                continue
            chars.append(" " if c.isspace() else c)
            where.append(i)
    while chars and chars[-1] == " ":
        chars.pop()
        where.pop()
    return "".join(chars), where


@functools.cache
def normalise_char(ch: str) -> str:
    """One character as `normalise` reduces it (it may become several, as 'ﬁ' becomes 'fi').

    Cached: an article has a few hundred distinct characters and tens of thousands of them."""
    ch = unicodedata.normalize("NFKC", ch.translate(_TYPOGRAPHY)).casefold()
    return unicodedata.normalize("NFKC", ch).translate(_TYPOGRAPHY)


# ---------------------------------------------------------------------------- the library


@dataclass(frozen=True)
class SourceLibrary:
    """The articles of a sources folder: bibliography entries and their paragraphs, by key."""

    folder: str
    sources: tuple[Source, ...]
    texts: dict[str, tuple[str, ...]] = field(repr=False)
    """source key -> paragraphs (see `paragraphs`)."""

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.sources]

    def paragraph(self, key: str, number: int) -> str:
        """Paragraph `number` (from 1) of source `key`; KeyError or IndexError when absent."""
        if number < 1:
            raise IndexError(number)
        return self.texts[key][number - 1]


def find_sources_dir(project: str | os.PathLike[str] = ".", given: str | os.PathLike[str] | None = None) -> Path:
    """Where the articles are: `given`, else `$TRILAT_SOURCES`, else `../shared/sources` beside the project.

    Raises `InputError` when none is given and the default folder does not exist.
    """
    if given:
        return Path(given)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    default = Path(project).resolve().parent / "shared" / "sources"
    if default.is_dir():
        return default
    raise InputError(ErrorDetail(str(default), 0, 0, "", f"no sources folder found; {_HINT}"))


def read_sources(folder: str | os.PathLike[str]) -> SourceLibrary:
    """Read a sources folder: its `sources.yaml` bibliography and every text file it names.

    Raises `InputError` when the folder, the bibliography or a text file is missing or unreadable.
    """
    root = Path(folder)
    if not root.is_dir():
        raise InputError(ErrorDetail(str(root), 0, 0, "", f"sources folder does not exist; {_HINT}"))
    bib_path = root / SOURCES_FILE
    if not bib_path.is_file():
        raise InputError(ErrorDetail(str(bib_path), 0, 0, "", f"{SOURCES_FILE} is missing in {root}; {_HINT}"))
    bib = read_bibliography(bib_path)
    texts: dict[str, tuple[str, ...]] = {}
    errors: list[ErrorDetail] = []
    for i, src in enumerate(bib.sources):
        problem = _unreadable(root, src.file)
        if problem:
            doc = read_yaml(bib_path, str(bib_path))
            errors.append(doc.error(("sources", i, "file"), f"source {src.key!r}: {problem}"))
            continue
        texts[src.key] = tuple(paragraphs((root / src.file).read_text(encoding="utf-8")))
    if errors:
        raise InputError(errors)
    return SourceLibrary(folder=str(root), sources=bib.sources, texts=texts)


def _unreadable(root: Path, name: str) -> str | None:
    """Why the text file `name` in `root` cannot be used, or None when it can."""
    if not name:
        return "no text file given"
    path = root / name
    if root.resolve() not in path.resolve().parents:
        return f"text file {name!r} must be a path inside the sources folder"
    if not path.is_file():
        return f"text file {name!r} not found in {root}; {_HINT}"
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return f"text file {name!r} is not valid UTF-8"
    except OSError as exc:
        return f"cannot read text file {name!r}: {exc.strerror}"
    return None


# ---------------------------------------------------------------------------- quote check


@dataclass(frozen=True)
class QuoteFailure:
    """One quote that is not verbatim in its cited paragraph, located in its option file."""

    file: str
    line: int
    column: int
    field: str
    option: str
    argument: str
    source: str
    paragraph: int
    quote: str
    reason: str
    found_in: tuple[int, ...] = ()
    """Other paragraphs of the same source that do contain the quote."""
    closest: str = ""
    """The source's sentence most like the quote ('' when the source is unknown)."""
    closest_paragraph: int = 0
    similarity: float = 0.0
    """Share of the quote's words and punctuation marks found, in order, in `closest` (difflib)."""

    def detail(self) -> ErrorDetail:
        """This failure as a located error line, with the closest sentence on the next line."""
        message = self.reason
        if self.closest:
            message += (
                f"\n    closest sentence (¶{self.closest_paragraph}, {self.similarity:.0%} of the quote's words): "
                f"{self.closest}"
            )
        return ErrorDetail(self.file, self.line, self.column, self.field, message)


@dataclass(frozen=True)
class QuoteReport:
    """The outcome of `check_quotes`: how many quotes were checked and which ones failed."""

    checked: int
    failures: tuple[QuoteFailure, ...]
    folder: str = ""

    @property
    def ok(self) -> bool:
        return not self.failures

    def table(self) -> pd.DataFrame:
        """One row per failure (empty, with the same columns, when all quotes are verbatim)."""
        columns = list(QuoteFailure.__dataclass_fields__)
        rows = [
            {**{c: getattr(f, c) for c in columns}, "found_in": ", ".join(map(str, f.found_in))} for f in self.failures
        ]
        return pd.DataFrame(rows, columns=columns)

    def error(self) -> InputError:
        """All failures as one `InputError` (exit code 2), each with file, line and field."""
        return InputError([f.detail() for f in self.failures])


def check_quotes(cat: Catalogue, library: SourceLibrary) -> QuoteReport:
    """Check every evidence quote of `cat` against its cited paragraph in `library`.

    A quote passes when `normalise(quote)` is a substring of `normalise(paragraph)`. A failure
    says why (unknown source, paragraph out of range, quote not in the paragraph), names other
    paragraphs that do hold the quote, and shows the closest sentence of the source. Option files
    are re-read for line numbers only when something failed.
    """
    normal = {key: tuple(normalise(p) for p in paras) for key, paras in library.texts.items()}
    failures: list[QuoteFailure] = []
    docs: dict[str, Parsed] = {}
    checked = 0
    for opt in cat.options:
        for i, arg in enumerate(opt.arguments):
            for j, ev in enumerate(arg.evidence):
                checked += 1
                problem = _problem(ev.source, ev.paragraph, ev.quote, library, normal)
                if problem is None:
                    continue
                reason, at, found_in = problem
                path = ("arguments", i, "evidence", j, at)
                if opt.id not in docs:
                    docs[opt.id] = option_doc(cat.root, opt.id)
                doc = docs[opt.id]
                line, col = doc.where(path) if doc.data is not None else (0, 0)
                closest, para, ratio = _closest(ev.quote, library.texts.get(ev.source, ()), ev.paragraph)
                failures.append(
                    QuoteFailure(
                        doc.file, line, col, format_path(path), opt.id, arg.id, ev.source, ev.paragraph,
                        ev.quote, reason, found_in, closest, para, ratio,
                    )
                )  # fmt: skip
    return QuoteReport(checked=checked, failures=tuple(failures), folder=library.folder)


def _problem(
    key: str, number: int, quote: str, library: SourceLibrary, normal: dict[str, tuple[str, ...]]
) -> tuple[str, str, tuple[int, ...]] | None:
    """(reason, field at fault, other paragraphs holding the quote), or None when the quote is verbatim."""
    if key not in normal:
        hint = difflib.get_close_matches(key, library.keys, n=1)
        known = f"did you mean {hint[0]!r}?" if hint else "known: " + ", ".join(library.keys)
        return f"unknown source key {key!r} in {library.folder}; {known}", "source", ()
    paras = normal[key]
    q = normalise(quote)
    found = tuple(n for n, p in enumerate(paras, 1) if q in p)
    if not 1 <= number <= len(paras):
        reason = f"paragraph {number} is out of range: {key} has {len(paras)} paragraphs (non-empty lines)"
        return reason + _found(found, number), "paragraph", found
    if q in paras[number - 1]:
        return None
    return f"not found in {key} ¶{number}" + _found(found, number), "quote", found


def _found(found: tuple[int, ...], cited: int) -> str:
    if not found:
        return ""
    where = ", ".join(str(n) for n in found)
    return f"; found in paragraph{'s' if len(found) > 1 else ''} {where}, cited as {cited}"


def _tokens(text: str) -> list[str]:
    """Words and punctuation marks of the normalised text, so that 'competition.' matches 'competition'."""
    return _TOKEN.findall(normalise(text))


_TOKEN = re.compile(r"\w+|[^\w\s]")


def _closest(quote: str, paras: tuple[str, ...], cited: int = 0) -> tuple[str, int, float]:
    """The sentence of `paras` sharing most of the quote's words in order: (sentence, paragraph, share).

    Ties (an article that repeats a sentence, say in its key takeaways) go to the cited paragraph.
    """
    words = _tokens(quote)
    if not words:
        return "", 0, 0.0
    best: tuple[float, float, bool, str, int] = (-1.0, -1.0, False, "", 0)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(words)
    for n, para in enumerate(paras, 1):
        for sentence in sentences(para):
            matcher.set_seq1(_tokens(sentence))
            shared = sum(b.size for b in matcher.get_matching_blocks())
            key = (shared / len(words), matcher.ratio(), n == cited, sentence, n)
            if key[:3] > best[:3]:
                best = key
    return best[3], best[4], round(max(best[0], 0.0), 4)


# ---------------------------------------------------------------------------- coverage and balance


@dataclass(frozen=True)
class BalanceTargets:
    """What an honest catalogue should reach (issue 4): evenly sourced, argued both ways."""

    citations_per_article: int = 8
    criterion_share: float = 1 / 5
    """Share of options with at least one argument on each criterion (what the articles bear)."""
    con_share: float = 1 / 10
    """Share of all arguments that are con (cons only where an article raises a present cost;
    future political risks are priced as exposures)."""
    options_per_risk: int = 3
    """Options exposed (level > 0) to each risk."""


BALANCE_TARGETS = BalanceTargets()


@dataclass(frozen=True, eq=False)
class CoverageReport:
    """How the catalogue draws on the articles and spreads its arguments.

    `articles`: index `source`, columns title, citations, paragraphs (sorted distinct numbers).
    `criteria`: index `criterion`, columns options (argued on it), share (of all options),
    arguments, pro, con. `risks`: index `risk`, column options (exposed to it).
    `recommendations`: the register (see `register.register_table`), without a portfolio.
    """

    articles: pd.DataFrame
    criteria: pd.DataFrame
    risks: pd.DataFrame
    options: int
    arguments: int
    con: int
    recommendations: pd.DataFrame = field(default_factory=lambda: _empty_register())

    @property
    def con_share(self) -> float:
        return self.con / self.arguments if self.arguments else 0.0

    def balance_problems(self, minimums: BalanceTargets = BALANCE_TARGETS) -> list[str]:
        """Plain sentences naming every figure below its target; empty when the catalogue is balanced."""
        out = [
            f"article {key!r} is cited {n} times; target at least {minimums.citations_per_article}"
            for key, n in self.articles["citations"].items()
            if n < minimums.citations_per_article
        ]
        out += [
            f"criterion {row.Index!r} is argued on {row.options} of {self.options} options ({row.share:.0%}); "
            f"target at least {minimums.criterion_share:.0%}"
            for row in self.criteria.itertuples()
            if row.share < minimums.criterion_share - 1e-12
        ]
        if self.con_share < minimums.con_share - 1e-12:
            out.append(
                f"con arguments are {self.con} of {self.arguments} ({self.con_share:.0%}); "
                f"target at least {minimums.con_share:.0%}"
            )
        out += [
            f"risk {rid!r} is carried by {n} options; target at least {minimums.options_per_risk}"
            for rid, n in self.risks["options"].items()
            if n < minimums.options_per_risk
        ]
        return out


def _empty_register() -> pd.DataFrame:
    """An empty register table, for a `CoverageReport` built by hand."""
    return pd.DataFrame(columns=["id", *REGISTER_COLUMNS]).set_index("id")


def coverage(cat: Catalogue) -> CoverageReport:
    """Citations per article, options argued per criterion, con share, options per risk, the register.

    Articles are those of the project's bibliography plus any other key cited; criteria and
    risks are those of criteria.yaml, so an article, criterion or risk nobody uses shows as 0.
    """
    cited: dict[str, list[int]] = {s.key: [] for s in cat.sources}
    for _, arg in cat.arguments():
        for ev in arg.evidence:
            cited.setdefault(ev.source, []).append(ev.paragraph)
    titles = {s.key: s.title for s in cat.sources}
    articles = pd.DataFrame(
        [(k, titles.get(k, ""), len(ps), sorted(set(ps))) for k, ps in cited.items()],
        columns=["source", "title", "citations", "paragraphs"],
    ).set_index("source")
    n_options = len(cat.options)
    rows = []
    for c in cat.criteria:
        args = [a for _, a in cat.arguments() if a.criterion == c.id]
        argued = len({o.id for o, a in cat.arguments() if a.criterion == c.id})
        pro = sum(a.stance == "pro" for a in args)
        share = argued / n_options if n_options else 0.0
        rows.append((c.id, argued, share, len(args), pro, len(args) - pro))
    criteria = pd.DataFrame(rows, columns=["criterion", "options", "share", "arguments", "pro", "con"])
    exposed = Counter(r for o in cat.options for r, e in o.exposures.items() if e.level > 0)
    risks = pd.DataFrame(
        [(r.id, exposed.get(r.id, 0)) for r in cat.frame.risks], columns=["risk", "options"]
    ).set_index("risk")
    args = [a for _, a in cat.arguments()]
    return CoverageReport(
        articles=articles,
        criteria=criteria.set_index("criterion"),
        risks=risks,
        options=n_options,
        arguments=len(args),
        con=sum(a.stance == "con" for a in args),
        recommendations=register_table(cat),
    )
