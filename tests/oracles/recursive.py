"""A plain evaluator, one argument at a time, straight from the papers' recursive definitions.

It shares no code with the vectorised engine (own formulas, own traversal), so the two check each
other: the tests compare them on random graphs and the benchmark measures the speed-up. It only
handles acyclic graphs, where the recursive definition is well founded.

>>> from trilat_opt.argue import QBAF
>>> g = QBAF()
>>> g.add_argument("a", 0.5); g.add_argument("b", 1.0); g.add_attack("b", "a")
>>> recursive_strengths(g, "quadratic-energy")["a"]  # E = -1, h(1) = 1/2: 0.5 - 0.5 * 0.5
0.25
"""

from __future__ import annotations

import math

from trilat_opt.argue.graph import QBAF, GraphError, check_semantics

__all__ = ["recursive_strengths"]


def _dfquad(w: float, att: list[float], sup: list[float]) -> float:
    va = 1.0 - math.prod(1.0 - v for v in att) if att else 0.0
    vs = 1.0 - math.prod(1.0 - v for v in sup) if sup else 0.0
    if va >= vs:
        return w - w * abs(vs - va)
    return w + (1.0 - w) * abs(vs - va)


def _h(x: float) -> float:
    x = max(x, 0.0)
    return x * x / (1.0 + x * x)


def _quadratic_energy(w: float, att: list[float], sup: list[float]) -> float:
    e = sum(sup) - sum(att)
    return w + (1.0 - w) * _h(e) - w * _h(-e)


def _euler(w: float, att: list[float], sup: list[float]) -> float:
    e = sum(sup) - sum(att)
    try:
        return 1.0 - (1.0 - w * w) / (1.0 + w * math.exp(e))
    except OverflowError:
        return 1.0


_FORMULAS = {"dfquad": _dfquad, "quadratic-energy": _quadratic_energy, "euler": _euler}


def recursive_strengths(g: QBAF, semantics: str = "dfquad") -> dict[str, float]:
    """Strengths of an acyclic graph: each argument from its base and its parents' strengths."""
    formula = _FORMULAS[check_semantics(semantics)]
    attackers: dict[str, list[str]] = {a: [] for a in g.ids}
    supporters: dict[str, list[str]] = {a: [] for a in g.ids}
    for src, dst, kind in g.edges():
        (attackers if kind == "attack" else supporters)[dst].append(src)
    done: dict[str, float] = {}
    for root in g.ids:
        # Depth-first, post-order, with an explicit stack so deep graphs do not hit the recursion limit.
        stack: list[tuple[str, bool]] = [(root, False)]
        active: set[str] = set()
        while stack:
            arg, expanded = stack.pop()
            if arg in done:
                continue
            if expanded:
                done[arg] = formula(g.base(arg), [done[p] for p in attackers[arg]], [done[p] for p in supporters[arg]])
                active.discard(arg)
                continue
            if arg in active:
                raise GraphError(f"the recursive evaluator needs an acyclic graph; {arg!r} lies on a cycle")
            active.add(arg)
            stack.append((arg, True))
            stack.extend((p, False) for p in attackers[arg] + supporters[arg] if p not in done)
    return {a: done[a] for a in g.ids}
