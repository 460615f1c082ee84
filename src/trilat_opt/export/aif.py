"""AIF: the argument maps in the Argument Interchange Format, as the JSON that AIFdb and OVA read.

The AIF graph has information nodes (I: a claim or a quote) and scheme nodes between them (RA: a
rule application, that is, support; CA: a conflict application, that is, attack); edges run
premise -> scheme -> conclusion, and I-nodes never link directly. Here:

- each argument's quotes (I, text `“quote” (source ¶paragraph)`) -> one RA -> the argument's claim (I);
- a pro argument's claim -> RA -> the option's claim on the criterion (I); a con's -> CA -> it;
- a rebuttal: the rebutting argument's claim -> CA (attack) or RA (support) -> the other's claim.

The JSON is AIFdb's: `nodes` (nodeID, text, type, timestamp), `edges` (edgeID, fromID, toID,
formEdgeID), `locutions` (none: these are analyses of articles, not dialogues). `read_aif` reads
such a document back into the same `AifGraph`, checking the structure on the way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import ErrorDetail, InputError
from .graph import ArgumentMap, MapArgument

__all__ = ["AifGraph", "AifNode", "aif_graph", "aif_problems", "read_aif", "to_aif"]

NodeType = Literal["I", "RA", "CA"]
SCHEME_TEXT = {"RA": "Default Inference", "CA": "Default Conflict"}
"""AIFdb's text for a scheme node that names no particular argumentation scheme."""


@dataclass(frozen=True)
class AifNode:
    id: str
    type: NodeType
    text: str


@dataclass(frozen=True)
class AifGraph:
    """Nodes and directed edges (from id, to id), both in a fixed order."""

    nodes: tuple[AifNode, ...]
    edges: tuple[tuple[str, str], ...]

    def count(self, kind: NodeType) -> int:
        return sum(n.type == kind for n in self.nodes)


@dataclass
class _Builder:
    nodes: list[AifNode] = field(default_factory=list)
    edges: list[tuple[str, str]] = field(default_factory=list)

    def node(self, kind: NodeType, text: str) -> str:
        nid = str(len(self.nodes) + 1)
        self.nodes.append(AifNode(nid, kind, text))
        return nid

    def link(self, premises: list[str], kind: Literal["RA", "CA"], conclusion: str) -> None:
        scheme = self.node(kind, SCHEME_TEXT[kind])
        self.edges += [(p, scheme) for p in premises] + [(scheme, conclusion)]


def aif_graph(amap: ArgumentMap) -> AifGraph:
    """The AIF graph of an argument map (ids count from 1 in the map's order)."""
    b = _Builder()
    claim_of: dict[str, str] = {}  # argument id -> I-node of its claim

    def argument(a: MapArgument) -> str:
        quotes = [b.node("I", f"“{q.text}” ({q.citation})") for q in a.quotes]
        claim_of[a.id] = b.node("I", a.claim)
        b.link(quotes, "RA", claim_of[a.id])
        return claim_of[a.id]

    for option in amap.options:
        for claim in option.claims:
            target = b.node("I", claim.text)
            for a in claim.arguments:
                b.link([argument(a)], "RA" if a.stance == "pro" else "CA", target)
    for a in amap.outside:
        argument(a)
    for source, target, kind in amap.rebuttals():
        b.link([claim_of[source]], "CA" if kind == "attack" else "RA", claim_of[target])
    return AifGraph(tuple(b.nodes), tuple(b.edges))


def to_aif(amap: ArgumentMap | AifGraph, timestamp: str = "1970-01-01 00:00:00") -> dict[str, Any]:
    """The AIFdb JSON document (a plain dict; `json.dumps` it) of a map or an AIF graph.

    `timestamp` ("YYYY-MM-DD HH:MM:SS", AIFdb's form) stamps every node; a fixed one keeps the
    file byte-identical across reruns.
    """
    graph = amap if isinstance(amap, AifGraph) else aif_graph(amap)
    return {
        "nodes": [{"nodeID": n.id, "text": n.text, "type": n.type, "timestamp": timestamp} for n in graph.nodes],
        "edges": [
            {"edgeID": str(k), "fromID": f, "toID": t, "formEdgeID": None} for k, (f, t) in enumerate(graph.edges, 1)
        ],
        "locutions": [],
    }


def read_aif(doc: Mapping[str, Any], name: str = "AIF") -> AifGraph:
    """The graph of an AIF JSON document (as `json.load` gives it); `InputError` listing every
    structural problem (`aif_problems`) when it is not a well-formed I/RA/CA graph."""
    problems = aif_problems(doc)
    if problems:
        raise InputError([ErrorDetail(name, 0, 0, "", p) for p in problems])
    nodes = tuple(AifNode(str(n["nodeID"]), n["type"], n["text"]) for n in doc["nodes"])
    edges = tuple((str(e["fromID"]), str(e["toID"])) for e in doc["edges"])
    return AifGraph(nodes, edges)


def aif_problems(doc: Mapping[str, Any]) -> list[str]:
    """What keeps `doc` from being a well-formed AIF argument graph of I, RA and CA nodes.

    The rules of the AIF core ontology as AIFdb applies them: every node has an id, a text and a
    type; ids are unique; edges join existing nodes; an edge joins an I-node and a scheme node,
    never two I-nodes; a scheme node has at least one premise and exactly one conclusion, and a
    conflict (CA) exactly one premise.
    """
    if not isinstance(doc, Mapping) or not isinstance(doc.get("nodes"), list) or not isinstance(doc.get("edges"), list):
        return ["not an AIF document: expected an object with 'nodes' and 'edges' lists"]
    problems: list[str] = []
    types: dict[str, str] = {}
    for k, n in enumerate(doc["nodes"]):
        if not isinstance(n, Mapping) or not {"nodeID", "text", "type"} <= set(n):
            problems.append(f"node {k + 1}: needs nodeID, text and type")
            continue
        nid = str(n["nodeID"])
        if nid in types:
            problems.append(f"node {nid}: nodeID used twice")
        if n["type"] not in ("I", "RA", "CA"):
            problems.append(f"node {nid}: type {n['type']!r} is not I, RA or CA")
        if n["type"] == "I" and not str(n["text"]).strip():
            problems.append(f"node {nid}: an I-node needs a text")
        types[nid] = n["type"]
    ins: Counter[str] = Counter()
    outs: Counter[str] = Counter()
    for k, e in enumerate(doc["edges"]):
        if not isinstance(e, Mapping) or not {"fromID", "toID"} <= set(e):
            problems.append(f"edge {k + 1}: needs fromID and toID")
            continue
        f, t = str(e["fromID"]), str(e["toID"])
        missing = [x for x in (f, t) if x not in types]
        if missing:
            problems.append(f"edge {f}->{t}: no node {missing[0]}")
            continue
        if (types[f] == "I") == (types[t] == "I"):
            problems.append(f"edge {f}->{t}: joins {types[f]} to {types[t]}; an edge joins an I-node and a scheme")
        outs[f] += 1
        ins[t] += 1
    for nid, kind in types.items():
        if kind == "I":
            continue
        if outs[nid] != 1:
            problems.append(f"{kind} node {nid}: has {outs[nid]} conclusions, needs exactly one")
        if ins[nid] < 1 or (kind == "CA" and ins[nid] != 1):
            need = "one" if kind == "CA" else "one or more"
            problems.append(f"{kind} node {nid}: has {ins[nid]} premises, needs {need}")
    return problems
