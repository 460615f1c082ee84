"""Build a `Problem` from plain arrays, for tests, benchmarks and notebooks without a catalogue."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ..model import Rules, Scenario
from .problem import BASE, Problem, survival_table

__all__ = ["make_problem"]


def make_problem(
    options: Sequence[str],
    values: Sequence[float],
    *,
    domains: Sequence[str] | None = None,
    costs: Mapping[str, Sequence[float]] | None = None,
    limits: Mapping[str, float] | None = None,
    exposures: Mapping[str, Sequence[float]] | None = None,
    caps: Mapping[str, float] | None = None,
    risk_countries: Mapping[str, Sequence[str]] | None = None,
    likelihoods: Mapping[str, float] | None = None,
    scenarios: Mapping[str, tuple[Sequence[float], Mapping[str, float]]] | None = None,
    profiles: Mapping[str, Sequence[float]] | None = None,
    requires: Sequence[tuple[str, str]] = (),
    excludes: Sequence[tuple[str, str]] = (),
    synergies: Sequence[tuple[str, str, float]] = (),
    rules: Rules | None = None,
    scenario: str | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> Problem:
    """A problem from arrays aligned with `options`.

    `scenarios` maps a scenario id to (its option values, its risk-likelihood multipliers);
    `profiles` maps a profile id to its option values. Risks default to no cap, likelihood 0 and
    no country; domains default to "all".
    """
    opts = list(options)
    costs, limits = dict(costs or {}), dict(limits or {})
    exposures, caps = dict(exposures or {}), dict(caps or {})
    likelihoods = {r: float((likelihoods or {}).get(r, 0.0)) for r in exposures}
    cols = {BASE: list(values)}
    cols.update({s: list(v) for s, (v, _) in (scenarios or {}).items()})
    cols.update({q: list(v) for q, v in (profiles or {}).items()})
    expo = pd.DataFrame({r: list(v) for r, v in exposures.items()}, index=opts, columns=list(exposures), dtype=float)
    scen = [Scenario(id=s, name=s, risks=dict(m)) for s, (_, m) in (scenarios or {}).items()]
    return Problem(
        options=tuple(opts),
        domains=tuple(domains) if domains is not None else ("all",) * len(opts),
        values=pd.DataFrame(cols, index=opts, dtype=float),
        costs=pd.DataFrame({b: list(v) for b, v in costs.items()}, index=opts, columns=list(costs), dtype=float),
        limits=pd.Series(limits, index=list(costs), dtype=float),
        exposures=expo,
        caps=pd.Series({r: caps.get(r, np.inf) for r in exposures}, index=list(exposures), dtype=float),
        risk_countries={r: tuple((risk_countries or {}).get(r, ())) for r in exposures},
        survival=survival_table(expo, likelihoods, scen),
        requires=tuple(requires),
        excludes=tuple(excludes),
        synergies=tuple(synergies),
        rules=rules or Rules(),
        scenarios=tuple(s.id for s in scen),
        profiles=tuple(profiles or ()),
        scenario=scenario,
        include=tuple(include),
        exclude=tuple(exclude),
        likelihoods=likelihoods,
    )
