"""Weight sets: from criteria.yaml, from a capital's profile, or with command-line overrides.

An override `deterrence=0.3` fixes that criterion's normalised weight at 0.3 and rescales the
others in proportion so the set still sums to 1, which is what users mean by "give deterrence
30%".
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from .errors import InputError
from .model import Catalogue

__all__ = ["normalise", "parse_overrides", "resolve_weights"]


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
    """Normalised weights in criterion order: base or profile weights, then overrides."""
    ids = catalogue.criterion_ids
    if profile is None:
        base = {c.id: c.weight for c in catalogue.criteria}
    else:
        found = [p for p in catalogue.frame.profiles if p.id == profile]
        if not found:
            known = ", ".join(p.id for p in catalogue.frame.profiles) or "none defined"
            raise InputError(f"--profile {profile!r}: unknown profile (known: {known})")
        base = {c: found[0].weights.get(c, 0.0) for c in ids}
    weights = normalise(base)
    if not overrides:
        return weights
    for name, value in overrides.items():
        if name not in weights:
            raise InputError(f"--weight {name}: unknown criterion (known: {', '.join(ids)})")
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
