"""The portfolio problem as plain data: what the optimizer needs, and nothing of PuLP.

A `Problem` is built from a catalogue and a table of criterion scores by `problem_from_catalogue`,
or by hand in tests and notebooks. Keeping it free of solver objects lets the same problem be
solved by CBC or HiGHS, re-solved with new values (SMAA, core index), enumerated by brute force,
or written out for another solver.

Value columns. `values` has one column per way of valuing an option:
- ``"base"``: weighted net benefit over the neutral base, no scenario multipliers;
- one per scenario id: the same under that scenario's criterion multipliers;
- one per profile id: the capital's own weights (under `scenario`'s multipliers if one is chosen),
  used by the consensus objective.

Survival. `survival[s][i]` is the chance that option *i* survives the political risks in scenario
*s* (column ``"base"`` for base likelihoods): prod over risks *r* of (1 - min(1, L_r m_sr) e_ir),
treating risks as independent and an exposure as the chance that a materialised risk derails the
option.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import InputError
from ..ids import unknown
from ..model import Catalogue, Rules, Scenario
from ..values import ValueModel
from ..weights import resolve_weights

__all__ = [
    "BASE",
    "MAX_MAGNITUDE",
    "Problem",
    "check_choices",
    "option_of",
    "problem_from_catalogue",
    "survival_table",
    "value_table",
    "var_name",
]

BASE = "base"
_VALID_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def var_name(option_id: str) -> str:
    """The solver variable of an option: ``x_`` + the id with '-' written as '_'.

    >>> var_name("missile-warning-sharing")
    'x_missile_warning_sharing'
    >>> option_of("x_missile_warning_sharing", ["missile-warning-sharing"])
    'missile-warning-sharing'
    """
    return "x_" + option_id.replace("-", "_")


def option_of(name: str, options: Iterable[str]) -> str:
    """The option id whose variable is `name` (the inverse of `var_name` over `options`)."""
    for o in options:
        if var_name(o) == name:
            return o
    raise KeyError(name)


@dataclass(frozen=True, eq=False)
class Problem:
    """Everything a portfolio optimisation needs, aligned on `options`.

    Fields:
    - options: option ids; every table below is indexed by them, in this order.
    - domains: the domain of each option (same order).
    - values: options x value columns ("base", scenario ids, profile ids), see the module doc.
    - costs: options x budgets, limits: budget -> limit (sum of selected costs <= limit).
    - exposures: options x risks in [0, 1], caps: risk -> cap on the summed exposure.
    - risk_countries: risk -> countries it lives in (for `rules.country_caps`).
    - survival: options x ("base" + scenario ids).
    - likelihoods: risk -> base likelihood (kept for reports; survival already uses it).
    - requires (i needs j), excludes (not both), synergies (i, j, value added when both chosen).
    - rules: cardinality, per-domain min/max and per-country exposure caps.
    - scenarios, profiles: ids of the scenario and profile value columns.
    - scenario: the scenario the `value` and `expected` objectives use (None = base).
    - include, exclude: options forced in or out (what-if questions).
    """

    options: tuple[str, ...]
    domains: tuple[str, ...]
    values: pd.DataFrame
    costs: pd.DataFrame
    limits: pd.Series
    exposures: pd.DataFrame
    caps: pd.Series
    risk_countries: Mapping[str, tuple[str, ...]]
    survival: pd.DataFrame
    requires: tuple[tuple[str, str], ...] = ()
    excludes: tuple[tuple[str, str], ...] = ()
    synergies: tuple[tuple[str, str, float], ...] = ()
    rules: Rules = field(default_factory=Rules)
    scenarios: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    scenario: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    likelihoods: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check(self)

    @property
    def value_column(self) -> str:
        """The value column of the `value` and `expected` objectives."""
        return self.scenario or BASE

    def index(self, option_id: str) -> int:
        return self.options.index(option_id)


def _check(p: Problem) -> None:
    """Catch misaligned hand-built problems early, with a message that says what is wrong."""
    opts = list(p.options)
    if len(set(opts)) != len(opts):
        raise InputError("problem: option ids must be unique")
    bad = [o for o in opts if not _VALID_ID.match(o)]
    if bad:
        raise InputError(f"problem: option ids must be letters, digits, '-' or '_': {bad[:3]}")
    names = [var_name(o) for o in opts]
    if len(set(names)) != len(names):
        raise InputError("problem: two option ids differ only by '-' versus '_'; rename one")
    if len(p.domains) != len(opts):
        raise InputError("problem: one domain per option is needed")
    for label, table in (("values", p.values), ("costs", p.costs), ("exposures", p.exposures)):
        if list(table.index) != opts:
            raise InputError(f"problem: {label} must be indexed by the options, in order")
    if list(p.survival.index) != opts:
        raise InputError("problem: survival must be indexed by the options, in order")
    if set(p.costs.columns) != set(p.limits.index) or set(p.exposures.columns) != set(p.caps.index):
        raise InputError("problem: costs/limits or exposures/caps name different budgets or risks")
    needed = {BASE, *p.scenarios, *p.profiles} | ({p.scenario} if p.scenario else set())
    missing = needed - set(p.values.columns)
    if missing:
        raise InputError(f"problem: values lack columns {sorted(missing)}")
    missing = ({BASE, *p.scenarios}) - set(p.survival.columns)
    if missing:
        raise InputError(f"problem: survival lacks columns {sorted(missing)}")
    _check_numbers(p)
    known = set(opts)
    refs = [*(a for pair in p.requires for a in pair), *(a for pair in p.excludes for a in pair)]
    refs += [a for s in p.synergies for a in s[:2]] + list(p.include) + list(p.exclude)
    unknown = sorted({r for r in refs if r not in known})
    if unknown:
        raise InputError(f"problem: unknown option ids {unknown}")


MAX_MAGNITUDE = 1e12
"""Largest magnitude of any number in a problem. Validated catalogues stay far below it; beyond it
the solvers' own limits come close (HiGHS takes 1e15 as infinite, CBC 1e30), and a coefficient
they read as infinite can make a feasible model look infeasible."""


def _check_numbers(p: Problem) -> None:
    """Refuse NaN, infinities (except a risk cap, where +inf means no cap) and huge magnitudes."""
    tables = {"values": p.values, "costs": p.costs, "exposures": p.exposures, "survival": p.survival}
    arrays = {k: t.to_numpy(dtype=float) for k, t in tables.items()}
    arrays["limits"] = p.limits.to_numpy(dtype=float)
    caps = p.caps.to_numpy(dtype=float)
    arrays["caps"] = caps[~np.isposinf(caps)]
    arrays["synergies"] = np.array([v for *_, v in p.synergies], dtype=float)
    for label, a in arrays.items():
        if a.size and not (np.isfinite(a).all() and np.abs(a).max() <= MAX_MAGNITUDE):
            raise InputError(f"problem: {label} must be finite numbers of magnitude at most {MAX_MAGNITUDE:g}")


# ---------------------------------------------------------------------------- from a catalogue


def survival_table(
    exposures: pd.DataFrame, likelihoods: Mapping[str, float], scenarios: Iterable[Scenario] = ()
) -> pd.DataFrame:
    """Chance of each option surviving the risks: base column, then one per scenario.

    >>> e = pd.DataFrame({"r": [0.5, 0.0]}, index=["a", "b"])
    >>> survival_table(e, {"r": 0.4}, [Scenario(id="s", name="S", risks={"r": 5.0})]).to_dict()
    {'base': {'a': 0.8, 'b': 1.0}, 's': {'a': 0.5, 'b': 1.0}}
    """
    out = {}
    for sid, mult in [(BASE, {}), *((s.id, s.risks) for s in scenarios)]:
        p = np.array([min(1.0, likelihoods[r] * mult.get(r, 1.0)) for r in exposures.columns])
        out[sid] = np.prod(1.0 - exposures.to_numpy(dtype=float) * p, axis=1) if len(p) else 1.0
    return pd.DataFrame(out, index=exposures.index)


def value_table(
    cat: Catalogue,
    scores: pd.DataFrame,
    weights: Mapping[str, float],
    scenario: str | None = None,
    profiles: bool = True,
) -> pd.DataFrame:
    """Option values: "base", one column per scenario, and (if `profiles`) one per profile.

    `scores` is options x criteria claim strengths in [0, 1]; missing cells count as the neutral
    base (no evidence, no gain). Profile columns use the profile's own weights under `scenario`.
    """
    model = ValueModel.of(cat, scores)
    table = model.values(model.vector(weights))
    if profiles:
        column = scenario if scenario in model.factors else BASE
        for p in cat.frame.profiles:
            table[p.id] = model.values(model.vector(resolve_weights(cat, p.id)))[column]
    return table


def problem_from_catalogue(
    cat: Catalogue,
    scores: pd.DataFrame,
    weights: Mapping[str, float],
    *,
    scenario: str | None = None,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> Problem:
    """The portfolio problem of a catalogue under `weights` (normalised criterion weights).

    Unknown ids in `scenario`, `include` or `exclude` raise `InputError` naming the known ones.
    """
    frame, ids = cat.frame, cat.option_ids
    scen_ids = [s.id for s in frame.scenarios]
    include, exclude = tuple(dict.fromkeys(include)), tuple(dict.fromkeys(exclude))
    check_choices(cat, scenario, include, exclude)
    clash = {p.id for p in frame.profiles} & ({BASE, *scen_ids})
    if clash:
        raise InputError(f"criteria.yaml: profile ids {sorted(clash)} clash with scenario ids or 'base'; rename them")
    budgets, risks = [b.id for b in frame.budgets], [r.id for r in frame.risks]
    costs = pd.DataFrame([[o.cost(b) for b in budgets] for o in cat.options], index=ids, columns=budgets, dtype=float)
    expo = pd.DataFrame([[o.exposure(r) for r in risks] for o in cat.options], index=ids, columns=risks, dtype=float)
    likelihoods = {r.id: r.likelihood for r in frame.risks}
    return Problem(
        options=tuple(ids),
        domains=tuple(o.domain for o in cat.options),
        values=value_table(cat, scores, weights, scenario),
        costs=costs,
        limits=pd.Series({b.id: b.limit for b in frame.budgets}, index=budgets, dtype=float),
        exposures=expo,
        caps=pd.Series({r.id: r.cap for r in frame.risks}, index=risks, dtype=float),
        risk_countries={r.id: tuple(r.countries) for r in frame.risks},
        survival=survival_table(expo, likelihoods, frame.scenarios),
        requires=tuple(dict.fromkeys((o.id, j) for o in cat.options for j in o.requires)),
        excludes=_pairs((o.id, j) for o in cat.options for j in o.excludes),
        synergies=_synergies(cat),
        rules=frame.rules,
        scenarios=tuple(scen_ids),
        profiles=tuple(p.id for p in frame.profiles),
        scenario=scenario,
        include=include,
        exclude=exclude,
        likelihoods=likelihoods,
    )


def check_choices(
    cat: Catalogue, scenario: str | None = None, include: Iterable[str] = (), exclude: Iterable[str] = ()
) -> None:
    """Refuse, before any computation, an unknown scenario or option, or an option both forced in
    and forced out (a contradiction in the question, not in the catalogue's rules)."""
    _known("--scenario", "scenario", [scenario] if scenario else [], [s.id for s in cat.frame.scenarios])
    include, exclude = list(include), list(exclude)
    _known("--include", "option", include, cat.option_ids)
    _known("--exclude", "option", exclude, cat.option_ids)
    both = [o for o in dict.fromkeys(include) if o in exclude]
    if both:
        raise InputError(
            f"--include {both[0]} and --exclude {both[0]}: an option cannot be forced both in and out; drop one"
        )


def _known(flag: str, kind: str, given: Iterable[str], known: list[str]) -> None:
    bad = [g for g in given if g not in known]
    if bad:
        raise InputError(unknown(kind, bad[0], known, flag, "options/" if kind == "option" else "criteria.yaml"))


def _pairs(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Unordered pairs, each once (an exclusion declared on both sides is one rule)."""
    seen: dict[tuple[str, str], None] = {}
    for a, b in pairs:
        seen.setdefault((min(a, b), max(a, b)), None)
    return tuple(seen)


def _synergies(cat: Catalogue) -> tuple[tuple[str, str, float], ...]:
    """Synergy pairs, each once; a pair declared on both options takes the mean of the two values."""
    found: dict[tuple[str, str], list[float]] = {}
    for o in cat.options:
        for s in (s for s in o.synergies if s.option != o.id):
            found.setdefault((min(o.id, s.option), max(o.id, s.option)), []).append(s.value)
    return tuple((a, b, math.fsum(v) / len(v)) for (a, b), v in found.items())
