"""Graphviz DOT: one digraph per option with every claim, argument, quote and rebuttal, quoted so
that no text breaks the file; drawn as SVG by Graphviz where it is installed."""

from __future__ import annotations

import html
import re
import shutil

import pytest

from factories import HOSTILE_CLAIM, HOSTILE_QUOTE
from trilat_opt.export import argument_map
from trilat_opt.export.dot import CON, PRO, to_dot, to_svg

EDGE = re.compile(r'^\s*("[^"]+"|\w+) -> ("[^"]+"|\w+) \[(.*)\];$')


def _edges(dot: str) -> list[tuple[str, str, str]]:
    return [(m[1].strip('"'), m[2].strip('"'), m[3]) for m in map(EDGE.match, dot.splitlines()) if m]


def test_each_option_has_its_claims_arguments_quotes_and_rebuttals(shipped):
    amap = argument_map(shipped)
    for o in shipped.options:
        edges = _edges(to_dot(amap, o.id))
        claims = {f"{o.id}/{a.criterion}" for a in o.arguments}
        assert {(f, t) for f, t, _ in edges if t == "option"} == {(c, "option") for c in claims}
        for a in o.arguments:
            to_claim = [s for f, t, s in edges if f == a.id and t == f"{o.id}/{a.criterion}"]
            colour, head = (PRO, "normal") if a.stance == "pro" else (CON, "tee")
            assert to_claim == [f'color="{colour}", arrowhead={head}'], a.id
            assert {f for f, t, _ in edges if t == a.id and f.startswith(f"{a.id}/")} == {
                f"{a.id}/{n}" for n in range(1, len(a.evidence) + 1)
            }
        rebuttals = {(f, t) for f, t, s in edges if "label=" in s}
        own = {a.id for a in o.arguments}
        expected = {(a.id, t) for _, a in shipped.arguments() for t in (*a.attacks, *a.supports)}
        assert rebuttals == {(f, t) for f, t in expected if f in own or t in own}, o.id


def test_an_unknown_option_is_a_key_error(shipped):
    with pytest.raises(KeyError):
        to_dot(argument_map(shipped, options=["leader-summits"]), "trusted-cloud")


@pytest.fixture(scope="module")
def graphviz():
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed (apt-get install graphviz); no SVG to check")


def test_graphviz_reads_hostile_text_as_text(hostile, graphviz):
    """Quotes and backslashes in a label neither break the file nor change the text drawn."""
    amap = argument_map(hostile)
    svg = to_svg(to_dot(amap, "alpha"))
    drawn = " ".join(html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    assert HOSTILE_CLAIM in drawn and HOSTILE_QUOTE in drawn
    arguments = hostile.option("alpha").arguments
    rebutters = [a for a in amap.arguments if "alpha-con" in a.attacks]
    assert svg.count('class="node"') == 1 + 2 + len(arguments) + sum(len(a.evidence) for a in arguments) + len(
        rebutters
    )


def test_the_svg_draws_every_node(shipped, graphviz):
    amap = argument_map(shipped, options=["leader-summits"])
    dot = to_dot(amap, "leader-summits")
    svg = to_svg(dot)
    declared = {line.split(" [")[0].strip() for line in dot.splitlines() if line.startswith("  ") and " [" in line}
    declared -= {"graph", "node", "edge"} | {e for e in declared if " -> " in e}
    assert svg.lstrip().startswith("<?xml") and "</svg>" in svg
    assert svg.count('class="node"') == len(declared)
