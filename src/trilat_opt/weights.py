"""Weight sets: from criteria.yaml, from a capital's profile, or with command-line overrides.

One meaning for a weight: every computation uses effective weights, which sum to 1.

- In criteria.yaml and in a profile, weights are relative: each counts divided by the sum of its
  set, so deterrence 0.30 among weights summing to 1.08 counts 0.278. `validate` shows the
  effective weights of every set that does not sum to 1 (`weight_sets`).
- `--weight deterrence=0.3` sets the effective weight itself: deterrence counts exactly 0.30 and
  the others are rescaled in proportion, which is what users mean by "give deterrence 30%".

The bounds rule. A criterion's `bounds: [low, high]` are the effective weights the analysis
treats as plausible: SMAA-2 and the core index sample only inside them. A run's own weights
(criteria.yaml, a profile, `--weight`, or the report's sliders) may lie outside: the run goes
ahead, and a warning names each criterion outside its bounds with its effective weight and the
bounds (`outside_bounds`). Refusing would stop the what-if questions `--weight` is for ("what if
Seoul cared twice as much about deterrence?"); the warning says that the run has left the space
its own robustness analysis samples. The check is on effective weights after rescaling, so an
override that pushes another criterion below its lower bound is named too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .errors import InputError
from .ids import unknown
from .model import Catalogue, Profile

__all__ = [
    "OutOfBounds",
    "WeightSet",
    "find_profile",
    "normalise",
    "outside_bounds",
    "parse_overrides",
    "resolve_weights",
    "weight_sets",
]

TOLERANCE = 1e-9
"""A weight this close to a bound, or a set this close to summing to 1, counts as on it."""


@dataclass(frozen=True)
class WeightSet:
    """The weights as stated in criteria.yaml (the criteria, or one profile) and as used."""

    name: str
    stated: dict[str, float]
    effective: dict[str, float]

    @property
    def total(self) -> float:
        return math.fsum(self.stated.values())

    @property
    def sums_to_one(self) -> bool:
        return abs(self.total - 1) <= TOLERANCE


@dataclass(frozen=True)
class OutOfBounds:
    """A criterion whose effective weight lies outside its `bounds` in criteria.yaml."""

    criterion: str
    weight: float
    low: float
    high: float

    def __str__(self) -> str:
        side = "below" if self.weight < self.low else "above"
        return (
            f"{self.criterion} weighs {self.weight:.3f}, {side} its bounds [{self.low:g}, {self.high:g}] in "
            "criteria.yaml; the run goes ahead, but SMAA and the core index sample only within the bounds"
        )


def weight_sets(catalogue: Catalogue) -> list[WeightSet]:
    """The criteria's weights and each profile's, as stated and as used (in criterion order)."""
    ids = catalogue.criterion_ids
    sets = [WeightSet("criteria", {c.id: c.weight for c in catalogue.criteria}, resolve_weights(catalogue))]
    for p in catalogue.frame.profiles:
        stated = {c: p.weights.get(c, 0.0) for c in ids}
        sets.append(WeightSet(f"profile {p.id}", stated, resolve_weights(catalogue, p.id)))
    return sets


def outside_bounds(catalogue: Catalogue, weights: Mapping[str, float]) -> list[OutOfBounds]:
    """The criteria whose effective weight in `weights` lies outside their bounds (the bounds rule)."""
    out = []
    for c in catalogue.criteria:
        if c.bounds is None or c.id not in weights:
            continue
        w, (lo, hi) = float(weights[c.id]), c.bounds
        if w < lo - TOLERANCE or w > hi + TOLERANCE:
            out.append(OutOfBounds(c.id, w, lo, hi))
    return out


def find_profile(catalogue: Catalogue, name: str) -> Profile:
    """The profile `name` names: its id, or its id or display name in any case.

    Raises `InputError` with a "did you mean" and every profile id when none matches."""
    profiles = catalogue.frame.profiles
    for match in (
        lambda p: p.id == name,
        lambda p: p.id.casefold() == name.casefold(),
        lambda p: p.name.casefold() == name.strip().casefold(),
    ):
        found = [p for p in profiles if match(p)]
        if found:
            return found[0]
    raise InputError(unknown("profile", name, [p.id for p in profiles], "--profile"))


def normalise(weights: dict[str, float]) -> dict[str, float]:
    total = math.fsum(weights.values())
    if not total > 0:
        raise InputError("weights: all weights are zero; at least one must be positive")
    return {k: v / total for k, v in weights.items()}


def parse_overrides(items: Iterable[str]) -> dict[str, float]:
    """Parse `id=value` strings from the command line."""
    out: dict[str, float] = {}
    for item in items:
        name, sep, value = item.partition("=")
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not sep or not name.strip() or not math.isfinite(number):
            raise InputError(f"--weight {item!r}: expected criterion=value, for example deterrence=0.3")
        if name.strip() in out:
            raise InputError(f"--weight {name.strip()}: given twice; give each criterion once")
        out[name.strip()] = number
    return out


def resolve_weights(
    catalogue: Catalogue, profile: str | None = None, overrides: dict[str, float] | None = None
) -> dict[str, float]:
    """Normalised weights in criterion order: base or profile weights, then overrides.

    `profile` is a profile's id or name, in any case (`find_profile`)."""
    ids = catalogue.criterion_ids
    if profile is None:
        base = {c.id: c.weight for c in catalogue.criteria}
    else:
        found = find_profile(catalogue, profile)
        base = {c: found.weights.get(c, 0.0) for c in ids}
    weights = normalise(base)
    if not overrides:
        return weights
    for name, value in overrides.items():
        if name not in weights:
            raise InputError(unknown("criterion", name, ids, "--weight"))
        if not 0 <= value <= 1:
            raise InputError(f"--weight {name}={value}: a weight must lie in [0, 1]")
    fixed = math.fsum(overrides.values())
    if fixed > 1 + 1e-12:
        raise InputError(f"--weight: overrides sum to {fixed:g}, more than 1")
    rest = [c for c in ids if c not in overrides]
    if not rest and abs(fixed - 1) > 1e-9:
        raise InputError(
            f"--weight: every criterion is overridden, so the overrides must sum to 1 (they sum to {fixed:g})"
        )
    rest_total = math.fsum(weights[c] for c in rest)
    out = {}
    for c in ids:
        if c in overrides:
            out[c] = overrides[c]
        elif rest_total > 0:
            out[c] = weights[c] * (1 - fixed) / rest_total
        else:
            out[c] = (1 - fixed) / len(rest)
    return normalise(out)
