"""Inputs that are each valid but contradict one another, found at validate with their location.

Without these checks such a project validated, and a later command stopped with a message that
named no file or line: weight bounds that no weights summing to 1 can meet (SMAA, the core index
and the report sample such weights), or an argument that both attacks and supports the same
argument (the argument graph refuses such an edge).

Weight bounds and `weight_order` (w_a >= w_b) describe the set {low <= w <= high, orderings,
sum w = 1}. Raising each low to the largest low below it in the ordering, and lowering each high
to the smallest high above it, gives bounds low' and high' that respect the orderings themselves;
the set is non-empty exactly when low' <= high' and sum(low') <= 1 <= sum(high') (the set is
convex and holds low' and high', so every total in between is reached). No solver needed.
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import ErrorDetail
from .model import Frame, Option
from .yamlio import Parsed

__all__ = ["check_arguments", "check_weight_space", "degenerate_warnings", "weight_space_gap"]

_TOL = 1e-9


def check_weight_space(frame: Frame, doc: Parsed, errors: list[ErrorDetail]) -> None:
    """Append an error when the weight bounds and orderings leave no weights that sum to 1."""
    low = {c.id: c.bounds[0] if c.bounds else 0.0 for c in frame.criteria}
    high = {c.id: c.bounds[1] if c.bounds else 1.0 for c in frame.criteria}
    gap = weight_space_gap(low, high, frame.weight_order)
    if gap is None:
        return
    bounded = [i for i, c in enumerate(frame.criteria) if c.bounds is not None]
    where = ("criteria", bounded[0], "bounds") if bounded else ("criteria",)
    errors.append(doc.error(("weight_order",) if gap.startswith("weight_order") else where, gap))


def weight_space_gap(
    low: dict[str, float], high: dict[str, float], order: Iterable[tuple[str, str]] = ()
) -> str | None:
    """Why no weights summing to 1 meet these bounds and orderings, or None when some do.

    The closed form of the module doc, shared by `validate` and the samplers (which would
    otherwise need a linear programme, and SciPy's import, to ask the same question).
    """
    low, high = dict(low), dict(high)
    pairs = [(a, b) for a, b in order if a in low and b in low]
    for _ in low:  # propagate along chains of orderings; len(ids) rounds reach every chain's end
        for a, b in pairs:
            low[a], high[b] = max(low[a], low[b]), min(high[b], high[a])
    squeezed = [c for c in low if low[c] > high[c] + _TOL]
    if squeezed:
        return (
            f"weight_order and the weight bounds contradict: {squeezed[0]!r} would need a weight of at least "
            f"{low[squeezed[0]]:g} and at most {high[squeezed[0]]:g}"
        )
    lows, highs = sum(low.values()), sum(high.values())
    via = " with weight_order" if pairs else ""
    if lows > 1 + _TOL:
        return f"the lower weight bounds{via} sum to {lows:g}, more than 1: no weights that sum to 1 meet them"
    if highs < 1 - _TOL:
        return f"the upper weight bounds{via} sum to {highs:g}, less than 1: no weights that sum to 1 meet them"
    return None


def check_arguments(options: list[tuple[Option, Parsed]], errors: list[ErrorDetail]) -> None:
    """Append an error for each argument that both attacks and supports the same argument."""
    for opt, doc in options:
        for i, arg in enumerate(opt.arguments):
            for j, target in enumerate(arg.supports):
                if target in arg.attacks:
                    errors.append(
                        doc.error(
                            ("arguments", i, "supports", j),
                            f"argument {arg.id!r} both attacks and supports {target!r}; keep one of the two",
                        )
                    )


def degenerate_warnings(frame: Frame, options: list[Option]) -> list[str]:
    """Sentences for rules that are valid but leave nothing to choose: every portfolio empty, or
    none possible (optimize then reports the rules to relax, and the analyses have no subject)."""
    out = []
    rules = frame.rules
    if rules.max_options == 0 and options:
        out.append("rules.max_options is 0: every portfolio is empty")
    if rules.min_options > len(options):
        out.append(
            f"rules.min_options is {rules.min_options} but there are {len(options)} options: no portfolio is possible"
        )
    for domain, rule in rules.domains.items():
        have = sum(1 for o in options if o.domain == domain)
        if rule.min > have:
            out.append(
                f"rules.domains.{domain}.min is {rule.min} but {have} options belong to it: no portfolio is possible"
            )
    return out
