"""`QBAF`: a quantitative bipolar argumentation framework you build argument by argument.

>>> g = QBAF()
>>> g.add_argument("a", base=0.5)
>>> g.add_argument("b", base=0.8)
>>> g.add_argument("c", base=0.4)
>>> g.add_attack("b", "a")
>>> g.add_support("c", "a")
>>> s = g.strengths()
>>> round(s["a"], 6)  # DF-QuAD: va = 0.8, vs = 0.4, so 0.5 - 0.5 * 0.4
0.3
"""

from __future__ import annotations

import difflib
import math
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from .cycles import EXACT, SCHEMES
from .engine import Solved, evaluate
from .kernels import KERNELS, SEMANTICS
from .topology import Topology, compile_topology

__all__ = ["DEFAULT_MAX_ITER", "QBAF", "GraphError", "Strengths", "check_semantics"]

DEFAULT_MAX_ITER = 20_000


class GraphError(InputError, ValueError):
    """A graph was built wrongly: unknown or duplicate argument, base score outside [0, 1]."""


@dataclass(frozen=True)
class Strengths:
    """Final strengths under one semantics, and how each was obtained.

    `scheme[id]` is "exact" (one pass: the argument lies on no cycle), "iteration" (fixed-point
    iteration on its cycle) or "continuous" (the continuous-time model, integrated by RK4: always
    for quadratic energy, and for DF-QuAD and Euler where iteration did not settle). A strength on
    a cycle is a fixed point to within `tol` on the residual; `residual` is the largest left. Near
    a neutral cycle that residual says little about the error: see `cycles`.
    """

    semantics: str
    values: dict[str, float]
    scheme: dict[str, str]
    residual: float
    tol: float

    @property
    def on_cycles(self) -> list[str]:
        """Ids whose strength is a fixed point found to a tolerance, not an exact one-pass value."""
        return [k for k, v in self.scheme.items() if v != "exact"]


def check_semantics(semantics: str) -> str:
    if semantics not in KERNELS:
        raise GraphError(f"unknown semantics {semantics!r}; expected one of {', '.join(SEMANTICS)}")
    return semantics


class QBAF:
    """Arguments with base scores in [0, 1], and attack and support edges between them.

    Strengths are computed on demand; the graph's evaluation order is prepared once and reused
    until the graph changes.
    """

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._index: dict[str, int] = {}
        self._base = array("d")
        self._edges: dict[tuple[int, int], int] = {}  # (src, dst) -> +1 support, -1 attack
        self._edge_lists = (array("q"), array("q"), array("q"))  # src, dst, sign: cheap to turn into numpy
        self._topology: Topology | None = None

    # ------------------------------------------------------------------ building

    def add_argument(self, id: str, base: float) -> None:
        """Add an argument with base score `base` in [0, 1]."""
        if id in self._index:
            raise GraphError(f"argument {id!r} already exists")
        value = _unit(id, base)
        self._ids.append(id)
        self._index[id] = len(self._ids) - 1
        self._base.append(value)
        self._topology = None

    def set_base(self, id: str, base: float) -> None:
        """Change an argument's base score."""
        self._base[self._idx(id)] = _unit(id, base)

    def add_attack(self, src: str, dst: str) -> None:
        """`src` attacks `dst`; both must exist. Adding the same attack twice has no effect."""
        self._add_edge(src, dst, -1)

    def add_support(self, src: str, dst: str) -> None:
        """`src` supports `dst`; both must exist. Adding the same support twice has no effect."""
        self._add_edge(src, dst, +1)

    def _add_edge(self, src: str, dst: str, sign: int) -> None:
        key = (self._idx(src), self._idx(dst))
        old = self._edges.get(key)
        if old is not None:
            if old != sign:
                raise GraphError(f"{src!r} cannot both attack and support {dst!r}")
            return
        self._edges[key] = sign
        for lst, v in zip(self._edge_lists, (*key, sign), strict=True):
            lst.append(v)
        self._topology = None

    def _idx(self, id: str) -> int:
        try:
            return self._index[id]
        except KeyError:
            hint = difflib.get_close_matches(id, self._ids, n=1)
            more = f"; did you mean {hint[0]!r}?" if hint else "; add it with add_argument first"
            raise GraphError(f"unknown argument {id!r}{more}") from None

    # ------------------------------------------------------------------ reading

    @property
    def ids(self) -> list[str]:
        """Argument ids in the order they were added (the order of every array this class returns)."""
        return list(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, id: object) -> bool:
        return id in self._index

    def base(self, id: str) -> float:
        return self._base[self._idx(id)]

    def bases(self) -> np.ndarray:
        return np.frombuffer(self._base, dtype=float).copy() if self._base else np.zeros(0)

    def attackers(self, id: str) -> list[str]:
        return self._parents(id, -1)

    def supporters(self, id: str) -> list[str]:
        return self._parents(id, +1)

    def _parents(self, id: str, sign: int) -> list[str]:
        i = self._idx(id)
        return sorted(self._ids[s] for (s, d), k in self._edges.items() if d == i and k == sign)

    def edges(self) -> list[tuple[str, str, str]]:
        """All edges as (source, target, "attack" | "support"), sorted."""
        kind = {-1: "attack", 1: "support"}
        return sorted((self._ids[s], self._ids[d], kind[k]) for (s, d), k in self._edges.items())

    @property
    def topology(self) -> Topology:
        if self._topology is None:
            src, dst, sign = (np.frombuffer(lst, dtype=np.int64).copy() for lst in self._edge_lists)
            att, sup = sign < 0, sign > 0
            self._topology = compile_topology(len(self._ids), (src[att], dst[att]), (src[sup], dst[sup]))
        return self._topology

    def is_acyclic(self) -> bool:
        return self.topology.acyclic

    def ancestors(self, id: str) -> set[str]:
        """Every argument with a path of edges to `id` (the only ones that can move its strength)."""
        parents: dict[int, list[int]] = {}
        for s, d in self._edges:
            parents.setdefault(d, []).append(s)
        start = self._idx(id)
        seen: set[int] = set()
        stack = [start]
        while stack:
            for p in parents.get(stack.pop(), ()):
                if p not in seen:
                    seen.add(p)
                    stack.append(p)
        seen.discard(start)
        return {self._ids[i] for i in seen}

    def copy(self) -> QBAF:
        """An independent copy (its evaluation order is prepared afresh when first needed)."""
        out = QBAF()
        out._ids, out._index, out._base = list(self._ids), dict(self._index), array("d", self._base)
        out._edges = dict(self._edges)
        out._edge_lists = tuple(array("q", lst) for lst in self._edge_lists)
        return out

    def subgraph(self, keep: Iterable[str]) -> QBAF:
        """The restriction to the arguments in `keep` and the edges between them."""
        out = QBAF()
        wanted = {self._idx(k) for k in keep}
        for i in sorted(wanted):
            out.add_argument(self._ids[i], self._base[i])
        for (s, d), k in self._edges.items():
            if s in wanted and d in wanted:
                out._add_edge(self._ids[s], self._ids[d], k)
        return out

    # ------------------------------------------------------------------ evaluating

    def evaluate(
        self,
        bases: np.ndarray | None = None,
        semantics: str = "dfquad",
        *,
        tol: float = 1e-9,
        max_iter: int = DEFAULT_MAX_ITER,
        keep: np.ndarray | None = None,
        interval: bool = False,
    ) -> np.ndarray:
        """Final strengths for one base vector (shape (n,)) or a batch (shape (samples, n)), in `ids` order.

        `keep` (same shape, 0 or 1) removes arguments per sample; see `engine`. The whole batch
        is evaluated layer by layer at once, which is what makes sampling and attribution fast.
        Each sample is solved on its own, so a row equals evaluating its bases alone.
        """
        solved = self._solve(bases, semantics, tol, max_iter, keep, interval)
        out = np.empty_like(solved.state)
        out[self.topology.order] = solved.state
        return out.T[0] if bases is None or np.ndim(bases) == 1 else out.T

    def _solve(
        self,
        bases: np.ndarray | None,
        semantics: str,
        tol: float,
        max_iter: int,
        keep: np.ndarray | None = None,
        interval: bool = False,
    ) -> Solved:
        """The engine's result in evaluation order (positions x samples)."""
        kernel = KERNELS[check_semantics(semantics)]
        b = self.bases() if bases is None else np.asarray(bases, dtype=float)
        batch = np.atleast_2d(b)
        topo = self.topology
        if batch.shape[1] != len(self._ids):
            raise GraphError(f"bases have {batch.shape[1]} columns for {len(self._ids)} arguments")
        base_pos = np.ascontiguousarray(batch.T[topo.order])
        keep_pos = None if keep is None else np.ascontiguousarray(np.atleast_2d(keep).T[topo.order]).astype(float)
        return evaluate(
            topo, kernel, base_pos, tol=tol, max_iter=max_iter, ids=self._ids, keep=keep_pos, interval=interval
        )

    def solve(self, semantics: str = "dfquad", tol: float = 1e-9, max_iter: int = DEFAULT_MAX_ITER) -> Strengths:
        """Final strength of every argument under `semantics`, with the scheme that produced each.

        Acyclic graphs are exact in one pass. On cycles (self-loops included) the result is a fixed
        point to within `tol` on the residual, found by iteration or by the continuous-time model,
        or `NonConvergenceError` names the cycle that settled under neither.
        """
        solved = self._solve(None, semantics, tol, max_iter)
        order = self.topology.order
        values = np.empty(len(order))
        values[order] = solved.state[:, 0]
        scheme = dict.fromkeys(self._ids, SCHEMES[EXACT])
        for p in np.flatnonzero(solved.scheme[:, 0] != EXACT).tolist():  # only arguments on cycles
            scheme[self._ids[order[p]]] = SCHEMES[solved.scheme[p, 0]]
        return Strengths(semantics, dict(zip(self._ids, values.tolist(), strict=True)), scheme, solved.residual, tol)

    def strengths(
        self, semantics: str = "dfquad", tol: float = 1e-9, max_iter: int = DEFAULT_MAX_ITER
    ) -> dict[str, float]:
        """Final strength of every argument under `semantics` (one of `SEMANTICS`): `solve`'s values."""
        return self.solve(semantics, tol, max_iter).values

    def sample_strengths(
        self,
        lower: Mapping[str, float],
        upper: Mapping[str, float],
        samples: int,
        seed: int | np.random.Generator,
        semantics: str = "dfquad",
        *,
        tol: float = 1e-9,
        max_iter: int = DEFAULT_MAX_ITER,
    ) -> np.ndarray:
        """Strengths for `samples` base vectors drawn uniformly in [lower, upper] (point bases elsewhere).

        Returns an array (samples, n) in `ids` order; the draws depend only on `seed`.
        """
        lo, hi = self.base_ranges(lower, upper)
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        draws = lo + (hi - lo) * rng.random((samples, len(self._ids)))
        return self.evaluate(draws, semantics, tol=tol, max_iter=max_iter)

    def base_ranges(self, lower: Mapping[str, float], upper: Mapping[str, float]) -> tuple[np.ndarray, np.ndarray]:
        """Arrays of lower and upper base scores; arguments not named keep their point base."""
        lo, hi = self.bases(), self.bases()
        for name, bound, arr in (("lower", lower, lo), ("upper", upper, hi)):
            for k, v in bound.items():
                arr[self._idx(k)] = _unit(f"{name} bound of {k}", v)
        bad = [self._ids[i] for i in np.flatnonzero(lo > hi)]
        if bad:
            raise GraphError(f"lower bound above upper bound for {', '.join(bad)}")
        return lo, hi

    def __repr__(self) -> str:
        return f"QBAF({len(self._ids)} arguments, {len(self._edges)} edges)"


def _unit(what: str, value: float) -> float:
    v = float(value)
    if not (math.isfinite(v) and 0.0 <= v <= 1.0):
        raise GraphError(f"base score of {what!r} must lie in [0, 1], got {value!r}")
    return v
