"""The argument map every graph export draws: claims, arguments, quotes and rebuttals, per option.

Argdown, AIF and DOT all say the same thing in different notations, so they read one typed map
instead of each walking the catalogue: for each option, one claim "option advances criterion"
per criterion it is argued on; the pro and con arguments on that claim, each with its quotes
(source key, paragraph, verbatim text); and the rebuttals (an argument attacking or supporting
another, possibly another option's). Numbers from a run (final strengths, claim scores, the
chosen portfolio) are optional: the map of the catalogue alone is the same map without them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..errors import InputError
from ..ids import unknown
from ..model import Catalogue

if TYPE_CHECKING:
    from ..report import ReportData

__all__ = ["ArgumentMap", "Claim", "MapArgument", "OptionMap", "Quote", "argument_map", "argument_map_of"]


@dataclass(frozen=True)
class Quote:
    """One piece of evidence: the verbatim quote and where it stands."""

    source: str
    paragraph: int
    text: str

    @property
    def citation(self) -> str:
        """`kim-2025 ¶8`, as the report cites."""
        return f"{self.source} ¶{self.paragraph}"


@dataclass(frozen=True)
class MapArgument:
    """A pro or con argument on one claim, with its quotes and the arguments it rebuts or backs."""

    id: str
    option: str
    criterion: str
    stance: Literal["pro", "con"]
    claim: str
    base: float
    quotes: tuple[Quote, ...]
    attacks: tuple[str, ...] = ()
    supports: tuple[str, ...] = ()
    inferred: bool = False
    final: float | None = None


@dataclass(frozen=True)
class Claim:
    """The claim node "option advances criterion" and the arguments bearing on it, in file order."""

    option: str
    criterion: str
    criterion_name: str
    text: str
    arguments: tuple[MapArgument, ...]
    score: float | None = None

    @property
    def id(self) -> str:
        return f"{self.option}/{self.criterion}"


@dataclass(frozen=True)
class OptionMap:
    """One option's argument map: its claims, each with its arguments."""

    id: str
    title: str
    claims: tuple[Claim, ...]
    selected: bool | None = None

    @property
    def arguments(self) -> tuple[MapArgument, ...]:
        return tuple(a for c in self.claims for a in c.arguments)


@dataclass(frozen=True)
class ArgumentMap:
    """The maps of some options, and the other options' arguments their rebuttals touch (`outside`).

    An argument of an option left out of the export that attacks or supports one inside it (or is
    attacked or supported by one) is kept in `outside`, so no rebuttal points at nothing.
    """

    options: tuple[OptionMap, ...]
    outside: tuple[MapArgument, ...] = ()
    neutral_base: float = 0.5

    @property
    def arguments(self) -> tuple[MapArgument, ...]:
        """Every argument of the map, the options' first, then those outside."""
        return tuple(a for o in self.options for a in o.arguments) + self.outside

    def rebuttals(self) -> list[tuple[str, str, Literal["attack", "support"]]]:
        """Every (from, to, kind) rebuttal between arguments of the map, in a fixed order."""
        present = {a.id for a in self.arguments}
        out: list[tuple[str, str, Literal["attack", "support"]]] = []
        for a in self.arguments:
            out += [(a.id, t, "attack") for t in a.attacks if t in present]
            out += [(a.id, t, "support") for t in a.supports if t in present]
        return out


def argument_map(
    cat: Catalogue,
    *,
    options: Iterable[str] | None = None,
    strengths: Mapping[str, float] | None = None,
    scores: Mapping[tuple[str, str], float] | None = None,
    selected: Iterable[str] | None = None,
) -> ArgumentMap:
    """The argument map of `options` (default: every option) of `cat`.

    `strengths` (argument id -> final strength), `scores` ((option, criterion) -> claim score) and
    `selected` (the chosen portfolio) add a run's numbers; without them the map is the catalogue's.
    An unknown option id raises `InputError`.
    """
    wanted = _check_options(cat, options)
    strengths, scores = strengths or {}, scores or {}
    chosen = None if selected is None else set(selected)
    maps = []
    for o in cat.options:
        if o.id not in wanted:
            continue
        claims = []
        for c in cat.criteria:
            args = tuple(_argument(cat, o.id, a, strengths) for a in o.arguments if a.criterion == c.id)
            if args:
                text = f"{o.title} advances {c.name.lower()}."
                claims.append(Claim(o.id, c.id, c.name, text, args, scores.get((o.id, c.id))))
        maps.append(OptionMap(o.id, o.title, tuple(claims), None if chosen is None else o.id in chosen))
    return ArgumentMap(tuple(maps), _outside(cat, wanted, strengths), cat.frame.neutral_base)


def argument_map_of(cat: Catalogue, data: ReportData, options: Iterable[str] | None = None) -> ArgumentMap:
    """The argument map with the numbers of a report run: final strengths, claim scores, portfolio."""
    args, table, port = data.table("arguments"), data.table("scores"), data.table("portfolio")
    strengths = {} if args is None else {k: float(v) for k, v in args["final"].dropna().items()}
    scores = {} if table is None else {(o, c): float(table.at[o, c]) for o in table.index for c in table.columns}
    return argument_map(
        cat,
        options=options,
        strengths=strengths,
        scores=scores,
        selected=None if port is None else list(port.index),
    )


def _argument(cat: Catalogue, option: str, a, strengths: Mapping[str, float]) -> MapArgument:
    base, _, _ = cat.base_of(a)
    return MapArgument(
        id=a.id,
        option=option,
        criterion=a.criterion,
        stance=a.stance,
        claim=a.claim,
        base=base,
        quotes=tuple(Quote(e.source, e.paragraph, e.quote) for e in a.evidence),
        attacks=tuple(a.attacks),
        supports=tuple(a.supports),
        inferred=a.inferred,
        final=strengths.get(a.id),
    )


def _outside(cat: Catalogue, wanted: set[str], strengths: Mapping[str, float]) -> tuple[MapArgument, ...]:
    """Arguments of options left out that rebut, back, or are rebutted or backed by one kept in."""
    inside = {a.id for o, a in cat.arguments() if o.id in wanted}
    touched = {t for o, a in cat.arguments() if o.id in wanted for t in (*a.attacks, *a.supports)}
    return tuple(
        _argument(cat, o.id, a, strengths)
        for o, a in cat.arguments()
        if o.id not in wanted and (a.id in touched or inside & {*a.attacks, *a.supports})
    )


def _check_options(cat: Catalogue, options: Iterable[str] | None) -> set[str]:
    known = cat.option_ids
    if options is None:
        return set(known)
    wanted = list(options)
    bad = [o for o in wanted if o not in known]
    if bad:
        raise InputError(unknown("option", bad[0], known, "--option", "options/"))
    return set(wanted)
