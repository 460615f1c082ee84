"""Graphviz DOT: one digraph per option's argument map, and SVG from it where Graphviz is installed.

Read from left to right: quotes (notes, with their citation) feed the argument they ground;
arguments (green for pro, red for con, dashed when inferred) point at the option's claim on a
criterion, a plain arrow for support and a flat-ended one for attack; the claims point at the
option. Rebuttals link arguments, also to an argument of another option, drawn grey with its
option's id. Numbers from the run (final strength, claim score) are in the labels when known.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap

from ..errors import TrilatError
from .graph import ArgumentMap, MapArgument, OptionMap

__all__ = ["dot_available", "dot_quote", "to_dot", "to_svg"]

PRO, CON, OTHER = "#1b7837", "#b2182b", "#777777"
WRAP = 42


def dot_quote(text: str) -> str:
    """A DOT double-quoted string whose lines are left-justified (`\\l`); backslashes and
    quotes escaped, so no text can end the string or inject an attribute.

    >>> dot_quote('say "hi"\\\\now')
    '"say \\\\"hi\\\\"\\\\\\\\now\\\\l"'
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    lines = escaped.split("\n")
    return '"' + "".join(line + "\\l" for line in lines) + '"'


def _wrap(text: str, width: int = WRAP) -> str:
    """Lines of at most `width` characters, broken at spaces only (ids and "-3" stay whole)."""
    lines = textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False, break_long_words=False)
    return "\n".join(lines) or " "


def _num(label: str, x: float | None) -> str:
    return "" if x is None else f"\n{label} {x:.2f}"


def to_dot(amap: ArgumentMap, option: str) -> str:
    """The argument map of `option` (an id of `amap.options`) as a DOT digraph."""
    om = next((o for o in amap.options if o.id == option), None)
    if om is None:
        raise KeyError(option)
    own = {a.id for a in om.arguments}
    others = {a.id: a for a in amap.arguments if a.id not in own}
    rebuttals = [(f, t, k) for f, t, k in amap.rebuttals() if f in own or t in own]
    lines = [
        f"digraph {_id(om.id)} {{",
        '  graph [rankdir=LR, fontname="Helvetica", nodesep=0.25, ranksep=0.6];',
        '  node [fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9];',
        *_option_nodes(om),
    ]
    shown = sorted({x for f, t, _ in rebuttals for x in (f, t) if x in others})
    for aid in shown:
        a = others[aid]
        label = f"{a.option}:\n{_wrap(a.claim)}{_num('final', a.final)}"
        style = f'shape=box, style="rounded,dashed", color="{OTHER}"'
        lines.append(f"  {_id(aid)} [{style}, label={dot_quote(label)}];")
    for f, t, kind in rebuttals:
        head = "tee" if kind == "attack" else "normal"
        colour = CON if kind == "attack" else PRO
        lines.append(f'  {_id(f)} -> {_id(t)} [color="{colour}", arrowhead={head}, style=bold, label="{kind}s"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _option_nodes(om: OptionMap) -> list[str]:
    title = _wrap(om.title, 30) + ("\n(in the portfolio)" if om.selected else "")
    lines = [f'  option [shape=box, style="bold,filled", fillcolor="#f0f0f0", label={dot_quote(title)}];']
    for claim in om.claims:
        cid = _id(claim.id)
        label = f"{claim.criterion_name}{_num('score', claim.score)}"
        lines.append(f"  {cid} [shape=box, style=rounded, label={dot_quote(label)}];")
        lines.append(f'  {cid} -> option [color="#999999"];')
        for a in claim.arguments:
            lines += _argument(a, cid)
    return lines


def _argument(a: MapArgument, claim: str) -> list[str]:
    colour = PRO if a.stance == "pro" else CON
    style = "rounded,dashed" if a.inferred else "rounded"
    label = f"{a.stance}: {_wrap(a.claim)}\nbase {a.base:.2f}{_num('final', a.final)}"
    lines = [f'  {_id(a.id)} [shape=box, style="{style}", color="{colour}", label={dot_quote(label)}];']
    head = "normal" if a.stance == "pro" else "tee"
    lines.append(f'  {_id(a.id)} -> {claim} [color="{colour}", arrowhead={head}];')
    for n, q in enumerate(a.quotes, 1):
        qid = _id(f"{a.id}/{n}")
        text = f"“{_wrap(q.text, 48)}”\n— {q.citation}"
        lines.append(f'  {qid} [shape=note, fontsize=9, color="#aaaaaa", label={dot_quote(text)}];')
        lines.append(f'  {qid} -> {_id(a.id)} [color="#aaaaaa", arrowhead=none, style=dotted];')
    return lines


def _id(key: str) -> str:
    """A node id: the catalogue id quoted (ids are a-z, 0-9, '-' and our '/')."""
    return f'"{key}"'


def dot_available() -> bool:
    """Whether Graphviz's `dot` is on PATH (Debian: apt-get install graphviz)."""
    return shutil.which("dot") is not None


def to_svg(dot_text: str, timeout: float = 60.0) -> str:
    """SVG drawn by Graphviz's `dot` from `dot_text`; `TrilatError` when Graphviz is missing or fails."""
    exe = shutil.which("dot")
    if exe is None:
        raise TrilatError("Graphviz is not installed (apt-get install graphviz); no SVG drawn")
    done = subprocess.run(
        [exe, "-Tsvg"], input=dot_text.encode("utf-8"), capture_output=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise TrilatError(f"Graphviz dot failed: {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout.decode("utf-8")
