"""The shape of a graph, prepared once for fast evaluation.

Arguments are put in *evaluation order*: by layer of the condensation (the graph whose nodes are
the strongly connected components), and within a layer first the arguments outside any cycle,
then those on cycles. An argument's parents then all sit in earlier layers, or in its own layer
when they share a cycle. A self-loop (an argument attacking or supporting itself) is a cycle of
one: its strength is a fixed point like any other cycle's, not a one-pass value.

Edges are stored by target (CSR), sorted by (target, source) position, so a layer's incoming edges
are one contiguous slice and every sum or product is taken in the same order whatever order the
arguments were added in: results are bit-for-bit independent of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Edges", "Layer", "Topology", "compile_topology", "ranges"]


@dataclass(frozen=True)
class Edges:
    """Edges of one kind by target position: parents of position p are ``src[ptr[p]:ptr[p + 1]]``."""

    src: np.ndarray
    ptr: np.ndarray


@dataclass(frozen=True)
class Layer:
    """Positions [start, mid) are off-cycle and evaluated in one pass; [mid, stop) lie on cycles."""

    start: int
    mid: int
    stop: int


@dataclass(frozen=True)
class Topology:
    """Evaluation order and edges of a graph. `order[p]` is the node index at position p."""

    order: np.ndarray
    position: np.ndarray
    att: Edges
    sup: Edges
    layers: tuple[Layer, ...]
    component: np.ndarray  # strongly connected component label per position
    acyclic: bool

    @property
    def size(self) -> int:
        return len(self.order)


def ranges(starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """Concatenate ``arange(starts[i], stops[i])`` for all i, without a Python loop."""
    lens = stops - starts
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts - np.cumsum(lens) + lens, lens)
    return offsets + np.arange(total, dtype=np.int64)


def compile_topology(n: int, att: tuple[np.ndarray, np.ndarray], sup: tuple[np.ndarray, np.ndarray]) -> Topology:
    """Build the evaluation order of `n` arguments; `att` and `sup` are (source, target) index arrays."""
    src = np.concatenate([att[0], sup[0]]).astype(np.int64)
    dst = np.concatenate([att[1], sup[1]]).astype(np.int64)
    depth = _kahn_depth(n, src, dst)
    if (depth >= 0).all() and not (src == dst).any():  # acyclic: every argument is its own component
        label, on_cycle = np.arange(n), np.zeros(n, dtype=bool)
    else:
        label, on_cycle = _components(n, src, dst)
        depth = _kahn_depth(int(label.max()) + 1, label[src], label[dst])[label]
    order = np.lexsort((on_cycle, depth))
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    return Topology(
        order=order,
        position=position,
        att=_by_target(n, position[att[0]], position[att[1]]),
        sup=_by_target(n, position[sup[0]], position[sup[1]]),
        layers=_layers(depth[order], on_cycle[order]),
        component=label[order],
        acyclic=not bool(on_cycle.any()),
    )


SMALL_GRAPH = 20_000
"""Up to this many arguments, strong components are found in plain Python (well under 10 ms for a
catalogue); beyond it SciPy's compiled routine pays for its import (about 0.2 s)."""


def _components(n: int, src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Strong-component label per node, and whether the node lies on a cycle (self-loops count)."""
    if len(src) == 0:
        return np.arange(n), np.zeros(n, dtype=bool)
    if n <= SMALL_GRAPH:
        label = strong_components(n, src.tolist(), dst.tolist())
    else:
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import connected_components

        graph = csr_matrix((np.ones(len(src)), (src, dst)), shape=(n, n))
        _, label = connected_components(graph, directed=True, connection="strong")
    on_cycle = np.bincount(label, minlength=label.max() + 1)[label] > 1
    on_cycle[src[src == dst]] = True
    return label, on_cycle


def strong_components(n: int, src: list[int], dst: list[int]) -> np.ndarray:
    """Strong-component label of each of `n` nodes (Kosaraju, iterative, so deep chains do not
    recurse). Labels are 0..k-1; two nodes share one exactly when each reaches the other."""
    out: list[list[int]] = [[] for _ in range(n)]
    back: list[list[int]] = [[] for _ in range(n)]
    for a, b in zip(src, dst, strict=True):
        out[a].append(b)
        back[b].append(a)
    seen = [False] * n
    finished: list[int] = []
    for root in range(n):
        if seen[root]:
            continue
        seen[root] = True
        stack = [(root, 0)]
        while stack:
            node, i = stack.pop()
            if i < len(out[node]):
                stack.append((node, i + 1))
                nxt = out[node][i]
                if not seen[nxt]:
                    seen[nxt] = True
                    stack.append((nxt, 0))
            else:
                finished.append(node)
    label = [-1] * n
    k = 0
    for root in reversed(finished):
        if label[root] >= 0:
            continue
        label[root] = k
        stack2 = [root]
        while stack2:
            node = stack2.pop()
            for prev in back[node]:
                if label[prev] < 0:
                    label[prev] = k
                    stack2.append(prev)
        k += 1
    return np.array(label, dtype=np.int64)


def _kahn_depth(count: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Longest-path depth of each node (Kahn's algorithm, a layer at a time); -1 on or below a cycle.

    Self-edges are ignored, because on a condensation they stand for edges inside one component.
    So a self-loop is *not* reported here: the caller must count it as a cycle of its own.
    """
    keep = src != dst
    src, dst = src[keep], dst[keep]
    by_src = np.argsort(src)
    src, dst = src[by_src], dst[by_src]
    ptr = _pointers(src, count)
    indegree = np.bincount(dst, minlength=count)
    depth = np.full(count, -1, dtype=np.int64)
    frontier = np.flatnonzero(indegree == 0)
    level = 0
    while frontier.size:
        depth[frontier] = level
        targets = dst[ranges(ptr[frontier], ptr[frontier + 1])]
        if targets.size == 0:
            break
        touched, hits = np.unique(targets, return_counts=True)
        indegree[touched] -= hits
        frontier = touched[indegree[touched] == 0]
        level += 1
    return depth


def _by_target(n: int, src: np.ndarray, dst: np.ndarray) -> Edges:
    order = np.argsort(dst * max(n, 1) + src)
    return Edges(src=src[order].astype(np.int64), ptr=_pointers(dst, n))


def _pointers(keys: np.ndarray, count: int) -> np.ndarray:
    """CSR row pointers: where each key's run starts once `keys` is sorted."""
    ptr = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=count), out=ptr[1:])
    return ptr


def _layers(depth: np.ndarray, on_cycle: np.ndarray) -> tuple[Layer, ...]:
    if len(depth) == 0:
        return ()
    bounds = np.flatnonzero(np.diff(depth)) + 1
    starts = np.concatenate([[0], bounds])
    stops = np.concatenate([bounds, [len(depth)]])
    out = []
    for a, b in zip(starts.tolist(), stops.tolist(), strict=True):
        cyc = np.flatnonzero(on_cycle[a:b])
        out.append(Layer(a, a + int(cyc[0]) if cyc.size else b, b))
    return tuple(out)
