"""AIF: the export is a well-formed I/RA/CA graph in AIFdb's JSON, it says what the catalogue says
(quotes ground each argument's claim, which supports or attacks the option's claim, rebuttals
attack or support other arguments), and it reads back as the same graph."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from trilat_opt.errors import InputError
from trilat_opt.export import argument_map
from trilat_opt.export.aif import SCHEME_TEXT, aif_graph, aif_problems, read_aif, to_aif


@pytest.fixture(scope="module")
def doc(shipped) -> dict:
    return json.loads(json.dumps(to_aif(argument_map(shipped), "2026-01-01 00:00:00")))


def test_the_document_is_aifdb_json(doc):
    assert set(doc) == {"nodes", "edges", "locutions"} and doc["locutions"] == []
    assert all(set(n) == {"nodeID", "text", "type", "timestamp"} for n in doc["nodes"])
    assert all(set(e) == {"edgeID", "fromID", "toID", "formEdgeID"} for e in doc["edges"])
    assert all(isinstance(n["nodeID"], str) and n["timestamp"] == "2026-01-01 00:00:00" for n in doc["nodes"])
    assert len({e["edgeID"] for e in doc["edges"]}) == len(doc["edges"])
    assert aif_problems(doc) == []


def test_node_counts_match_the_catalogue(shipped, doc):
    args = [a for _, a in shipped.arguments()]
    claims = {(o.id, a.criterion) for o, a in shipped.arguments()}
    quotes = sum(len(a.evidence) for a in args)
    attacks, supports = sum(len(a.attacks) for a in args), sum(len(a.supports) for a in args)
    kinds = defaultdict(int)
    for n in doc["nodes"]:
        kinds[n["type"]] += 1
    assert kinds["I"] == len(claims) + len(args) + quotes
    assert kinds["RA"] == len(args) + sum(a.stance == "pro" for a in args) + supports
    assert kinds["CA"] == sum(a.stance == "con" for a in args) + attacks
    assert len(doc["edges"]) == quotes + len(args) + 2 * len(args) + 2 * (attacks + supports)


def _walk(doc: dict):
    """I-node texts, and for each scheme node (kind, premise texts, conclusion text)."""
    nodes = {n["nodeID"]: n for n in doc["nodes"]}
    ins, outs = defaultdict(list), {}
    for e in doc["edges"]:
        if nodes[e["toID"]]["type"] != "I":
            ins[e["toID"]].append(nodes[e["fromID"]]["text"])
        else:
            outs[e["fromID"]] = nodes[e["toID"]]["text"]
    return [(n["type"], tuple(ins[i]), outs[i]) for i, n in nodes.items() if n["type"] != "I"]


def test_every_argument_is_grounded_in_its_quotes_and_bears_on_its_claim(shipped, doc):
    """Read back from the JSON by text alone, independent of how the exporter numbers its nodes."""
    schemes = set(_walk(doc))
    for o, a in shipped.arguments():
        quotes = tuple(f"“{e.quote}” ({e.source} ¶{e.paragraph})" for e in a.evidence)
        assert ("RA", quotes, a.claim) in schemes, a.id
        criterion = next(c.name for c in shipped.criteria if c.id == a.criterion)
        claim = f"{o.title} advances {criterion.lower()}."
        assert ("RA" if a.stance == "pro" else "CA", (a.claim,), claim) in schemes, a.id
    claims = {a.id: a.claim for _, a in shipped.arguments()}
    for _, a in shipped.arguments():
        for t in a.attacks:
            assert ("CA", (a.claim,), claims[t]) in schemes, (a.id, t)
        for t in a.supports:
            assert ("RA", (a.claim,), claims[t]) in schemes, (a.id, t)


def test_it_reads_back_as_the_same_graph(shipped, hostile, doc):
    assert read_aif(doc) == aif_graph(argument_map(shipped))
    amap = argument_map(hostile)
    text = json.dumps(to_aif(amap), ensure_ascii=False)
    assert read_aif(json.loads(text)) == aif_graph(amap)
    one = argument_map(shipped, options=["leader-summits"])
    assert read_aif(json.loads(json.dumps(to_aif(one)))) == aif_graph(one)
    assert aif_problems(to_aif(one)) == []


def _doc(nodes: list[tuple[str, str]], edges: list[tuple[str, str]]) -> dict:
    return {
        "nodes": [{"nodeID": i, "text": SCHEME_TEXT.get(t, f"claim {i}"), "type": t} for i, t in nodes],
        "edges": [{"edgeID": str(k), "fromID": f, "toID": t} for k, (f, t) in enumerate(edges)],
    }


@pytest.mark.parametrize(
    ("doc", "problem"),
    [
        (_doc([("1", "I"), ("2", "I")], [("1", "2")]), "edge 1->2: joins I to I"),
        (_doc([("1", "I"), ("2", "RA")], [("1", "2")]), "RA node 2: has 0 conclusions"),
        (_doc([("1", "I"), ("2", "I"), ("3", "CA"), ("4", "I")], [("1", "3"), ("2", "3"), ("3", "4")]), "CA node 3"),
        (_doc([("1", "I"), ("2", "RA")], [("1", "9")]), "edge 1->9: no node 9"),
        (_doc([("1", "I"), ("1", "I")], []), "node 1: nodeID used twice"),
        (_doc([("1", "XX")], []), "type 'XX' is not I, RA or CA"),
        ({"nodes": {}}, "not an AIF document"),
    ],
)
def test_the_structure_check_finds_what_is_wrong(doc, problem):
    assert any(problem in p for p in aif_problems(doc)), aif_problems(doc)
    with pytest.raises(InputError, match=r"in\.aif"):
        read_aif(doc, "in.aif")
