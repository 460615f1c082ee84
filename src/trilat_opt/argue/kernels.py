"""The three gradual semantics as vectorised update functions.

Each semantics is a *modular* semantics (Mossakowski and Neuhaus 2018): an aggregation of the
attackers' and supporters' strengths, then an influence function that moves the base score. The
kernels below take the aggregates already reduced per argument and return new strengths; the
engine does the reducing. Every array has shape (arguments, samples).

- DF-QuAD (Rago, Toni, Aurisicchio and Baroni, KR 2016): attackers and supporters are each
  aggregated as ``F(v1..vn) = 1 - prod(1 - vi)`` (0 when there are none), and combined with the
  base score ``v0`` as ``v0 - v0*|vs - va|`` when ``va >= vs``, else ``v0 + (1 - v0)*|vs - va|``.
  The engine passes ``prod(1 - vi)`` so that the product is taken once, exactly.
- Quadratic energy (Potyka, KR 2018): energy ``E = sum(supporters) - sum(attackers)``,
  ``h(x) = max(x, 0)^2 / (1 + max(x, 0)^2)``, strength ``w + (1 - w) h(E) - w h(-E)``.
- Euler-based (Amgoud and Ben-Naim, IJCAI 2018): same energy, strength
  ``1 - (1 - w^2) / (1 + w e^E)``.

The formulas are the papers' own, so an argument whose net input is zero (no parents, or attack
and support that cancel exactly) keeps its base score to the last bit, and each result stays in
[0, 1] without clipping (the tests check this against a plain evaluator).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

__all__ = ["KERNELS", "SEMANTICS", "Kernel"]

SEMANTICS = ("dfquad", "quadratic-energy", "euler")


class _Combine(Protocol):
    def __call__(self, base: np.ndarray, att: np.ndarray, sup: np.ndarray) -> np.ndarray: ...


@dataclass(frozen=True)
class Kernel:
    """How one semantics reduces parents and combines the result with the base score.

    `product`: parents are reduced as ``prod(1 - v)`` (identity 1) instead of ``sum(v)`` (identity 0).
    `continuous`: cycles are solved by integrating ``ds/dt = f(s) - s`` only, as the semantics is
    defined; otherwise by iterating ``s <- f(s)`` first, with the integration as fallback (`cycles`).
    `slope`: an upper bound on ``|d strength / d parent|``, used to pick a stable integration step.
    """

    name: str
    combine: _Combine
    product: bool
    continuous: bool
    slope: float


def _dfquad(base: np.ndarray, att: np.ndarray, sup: np.ndarray) -> np.ndarray:
    # att = prod(1 - attackers) = 1 - va, sup = prod(1 - supporters) = 1 - vs, so vs - va = att - sup.
    d = att - sup
    return np.where(d <= 0.0, base + base * d, base + (1.0 - base) * d)


def _h(x: np.ndarray) -> np.ndarray:
    p = np.maximum(x, 0.0) ** 2
    return p / (1.0 + p)


def _quadratic_energy(base: np.ndarray, att: np.ndarray, sup: np.ndarray) -> np.ndarray:
    e = sup - att
    return base + (1.0 - base) * _h(e) - base * _h(-e)


def _euler(base: np.ndarray, att: np.ndarray, sup: np.ndarray) -> np.ndarray:
    # 1 - (1 - w^2) / (1 + w e^E) rewritten as w (e^E + w) / (1 + w e^E), which is more accurate near
    # w = 0 but still rounds w (1 + w) / (1 + w) off by an ulp for about one base in ten: so E = 0
    # returns w itself. exp is capped at e^700 (finite), beyond which the result is 1 to the last bit.
    e = sup - att
    x = np.exp(np.minimum(e, 700.0))
    return np.where(e == 0.0, base, base * (x + base) / (1.0 + base * x))


# Largest slope of h: h'(x) = 2x / (1 + x^2)^2 peaks at x = 1/sqrt(3) with 3*sqrt(3)/8.
_H_SLOPE = 3.0 * np.sqrt(3.0) / 8.0

KERNELS: dict[str, Kernel] = {
    "dfquad": Kernel("dfquad", _dfquad, product=True, continuous=False, slope=1.0),
    "quadratic-energy": Kernel("quadratic-energy", _quadratic_energy, product=False, continuous=True, slope=_H_SLOPE),
    "euler": Kernel("euler", _euler, product=False, continuous=False, slope=0.25),
}
