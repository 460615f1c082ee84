"""The roadmap problem as plain data: the portfolio `Problem` plus time.

A `RoadmapProblem` wraps the static portfolio problem of `trilat_opt.optimize` (values, costs,
risk caps, rules, synergies) and adds what a schedule needs: the horizon's periods, each option's
lead time, countries, durability and cost profile, the per-period limits and caps on new
initiatives, and the leadership events. Like `Problem` it holds no solver objects, so the same
problem is solved by the MILP, enumerated by brute force in the tests, or re-solved with one
option held back (the timing analyses).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import InputError
from ..horizon import Horizon, parse_horizon
from ..model import Catalogue, RoadmapFrame
from ..optimize.problem import Problem, problem_from_catalogue

__all__ = ["EventSpec", "RoadmapProblem", "make_roadmap", "roadmap_problem"]


@dataclass(frozen=True)
class EventSpec:
    """A leadership event at `months` from the start of the horizon, in `country`."""

    id: str
    name: str
    months: float
    country: str
    reversal: float
    date: str = ""


@dataclass(frozen=True, eq=False)
class RoadmapProblem:
    """Everything a roadmap needs, aligned on `base.options`.

    - base: the static portfolio problem (values, costs, horizon-wide limits, risk caps, rules).
    - horizon: the periods.
    - lead: months from start to delivery, per option.
    - countries: the capitals each option depends on (its `countries`).
    - durability: each option's durability score in [0, 1].
    - profiles: per option, shares of its costs in equal parts of its build, or None (even).
    - parallel: (a, b) requires pairs where a may start once b has started.
    - limits: periods x budgets, the most spent per period (each budget's total over the
      horizon is `base.limits`, as in `optimize`).
    - initiatives: periods x countries, the most new options carrying a country per period.
    - events: the leadership events, in date order.
    - discount: share of value lost per year between the horizon's start and delivery.
    """

    base: Problem
    horizon: Horizon
    lead: np.ndarray
    countries: tuple[tuple[str, ...], ...]
    durability: np.ndarray
    profiles: tuple[tuple[float, ...] | None, ...] = ()
    parallel: frozenset[tuple[str, str]] = frozenset()
    limits: pd.DataFrame = field(default_factory=pd.DataFrame)
    initiatives: pd.DataFrame = field(default_factory=pd.DataFrame)
    events: tuple[EventSpec, ...] = ()
    discount: float = 0.0

    def __post_init__(self) -> None:
        n = len(self.base.options)
        if len(self.lead) != n or len(self.countries) != n or len(self.durability) != n:
            raise InputError("roadmap: one lead time, country list and durability per option is needed")
        if self.profiles and len(self.profiles) != n:
            raise InputError("roadmap: one cost profile (or None) per option is needed")
        for table, label in ((self.limits, "limits"), (self.initiatives, "initiatives")):
            if len(table.columns) and len(table) != len(self.horizon):
                raise InputError(f"roadmap: {label} need one row per period")
        unknown = set(self.limits.columns) - set(self.base.limits.index)
        if unknown:
            raise InputError(f"roadmap: per-period limits name unknown budgets {sorted(unknown)}")

    @property
    def options(self) -> tuple[str, ...]:
        return self.base.options

    @property
    def periods(self) -> tuple[str, ...]:
        return self.horizon.labels

    def profile(self, k: int) -> tuple[float, ...] | None:
        return self.profiles[k] if self.profiles else None


def make_roadmap(
    base: Problem,
    horizon: Horizon,
    lead: Sequence[float],
    *,
    countries: Sequence[Sequence[str]] | None = None,
    durability: Sequence[float] | None = None,
    profiles: Sequence[Sequence[float] | None] | None = None,
    parallel: Iterable[tuple[str, str]] = (),
    limits: Mapping[str, Sequence[float]] | None = None,
    initiatives: Mapping[str, Sequence[int]] | None = None,
    events: Sequence[EventSpec] = (),
    discount: float = 0.0,
) -> RoadmapProblem:
    """A roadmap problem from arrays (tests, benchmarks, notebooks). Countries default to all
    three, durability to 0 (every event bites in full), limits and caps to none."""
    n, periods = len(base.options), horizon.labels
    return RoadmapProblem(
        base=base,
        horizon=horizon,
        lead=np.asarray(lead, dtype=float),
        countries=tuple(tuple(c) for c in countries) if countries is not None else (("US", "JP", "KR"),) * n,
        durability=np.asarray(durability if durability is not None else [0.0] * n, dtype=float),
        profiles=tuple(tuple(p) if p is not None else None for p in profiles) if profiles is not None else (),
        parallel=frozenset(parallel),
        limits=pd.DataFrame(dict(limits or {}), index=list(periods), dtype=float),
        initiatives=pd.DataFrame(dict(initiatives or {}), index=list(periods), dtype=float),
        events=tuple(sorted(events, key=lambda e: (e.months, e.id))),
        discount=discount,
    )


# ---------------------------------------------------------------------------- from a catalogue


def roadmap_problem(
    cat: Catalogue,
    scores: pd.DataFrame,
    weights: Mapping[str, float],
    *,
    horizon: str | None = None,
    periods: int | None = None,
    scenario: str | None = None,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> RoadmapProblem:
    """The roadmap problem of a catalogue: criteria.yaml's `roadmap` frame (or its defaults).

    `horizon` ("2026H1-2030H2") and `periods` (their number) override the frame's. Per-period
    limits are stated per period of the frame's `period_months`; when `periods` changes the
    length of a period they scale with it (a cap on new initiatives is rounded down).
    """
    frame = cat.frame.roadmap or RoadmapFrame()
    start, end = parse_horizon(horizon) if horizon else (frame.start, frame.end)
    try:
        span = Horizon.parse(start, end, frame.period_months if not periods else 1)
        span = span.resized(periods) if periods else span
    except ValueError as exc:
        flag = "--periods" if periods else "--horizon"
        raise InputError(f"{flag}: {exc}") from None
    base = problem_from_catalogue(cat, scores, weights, scenario=scenario, include=include, exclude=exclude)
    crit = frame.durability if frame.durability in scores.columns else None
    neutral = cat.frame.neutral_base
    durability = [float(scores.at[o, crit]) if crit and o in scores.index else neutral for o in base.options]
    opts = {o.id: o for o in cat.options}
    return RoadmapProblem(
        base=base,
        horizon=span,
        lead=np.array([opts[o].lead_time.months if opts[o].lead_time else 0.0 for o in base.options], dtype=float),
        countries=tuple(tuple(opts[o].countries) for o in base.options),
        durability=np.clip(np.array(durability, dtype=float), 0.0, 1.0),
        profiles=tuple(opts[o].cost_profile for o in base.options),
        parallel=frozenset((o.id, b) for o in cat.options for b in o.parallel),
        limits=_period_table(frame, span, "limits", list(frame.limits)),
        initiatives=_period_table(frame, span, "new_initiatives", list(frame.new_initiatives)),
        events=_events(frame, span),
        discount=frame.discount,
    )


def _period_table(frame: RoadmapFrame, span: Horizon, field_: str, keys: list[str]) -> pd.DataFrame:
    """Per-period values of `limits` or `new_initiatives`, overrides applied. A period of another
    length than the frame's gets the native periods' values in proportion to the months it
    shares with each (a cap on new initiatives is then rounded down); a key with no value is
    unlimited."""
    overrides = {p.period: getattr(p, field_) for p in frame.periods}
    keys = list(dict.fromkeys([*keys, *(k for o in overrides.values() for k in o)]))
    n = frame.period_months
    native = Horizon(span.year, span.month, n, span.months // n) if span.months % n == 0 else None
    rows = []
    for k in range(len(span)):
        lo, hi = k * span.length, (k + 1) * span.length
        row = {}
        for key in keys:
            default = getattr(frame, field_).get(key, math.inf)
            if native is None:
                row[key] = default * span.length / n
                continue
            total = 0.0
            for c in range(lo // n, -(-hi // n)):
                share = (min(hi, (c + 1) * n) - max(lo, c * n)) / n
                total += share * overrides.get(native.labels[c], {}).get(key, default)
            row[key] = total
        rows.append(row)
    table = pd.DataFrame(rows, index=list(span.labels), columns=keys, dtype=float)
    return np.floor(table + 1e-9) if field_ == "new_initiatives" else table


def _events(frame: RoadmapFrame, span: Horizon) -> tuple[EventSpec, ...]:
    out = [
        EventSpec(e.id, e.name, span.offset(e.day), e.country, e.reversal, e.date)
        for e in frame.events
        if span.period_of(span.offset(e.day)) is not None
    ]
    return tuple(sorted(out, key=lambda e: (e.months, e.id)))
