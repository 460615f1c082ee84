"""Argdown: the argument maps as text that the Argdown tools (VS Code extension, browser sandbox,
`@argdown/cli`) parse, map and export.

Layout, one section per option:

- the claim `[option/criterion]: <title> advances <criterion>.` lists its arguments, `+` for pro
  and `-` for con;
- each argument `<id>: claim #pro` carries its numbers as data, its rebuttals as outgoing
  relations (`->` attacks, `+>` supports), and is reconstructed as a premise-conclusion
  structure: the premises are its quotes, each with its citation as data (`source`, `paragraph`)
  and in the text, and the conclusion `[id]` is the argument's claim in our words.

Argdown transfers an argument's relations to its conclusion, so the map reads: quotes lead to the
argument's claim, which supports or attacks the option's claim on the criterion, or another
argument. Statements: one per claim, per quote and per argument's conclusion; arguments: one per
catalogue argument.
"""

from __future__ import annotations

import json
import re

from .graph import ArgumentMap, Claim, MapArgument, OptionMap

__all__ = ["escape", "to_argdown"]

_SPECIAL = re.compile(r"([\\\[\]<>{}#*_@/])")
"""Characters that start Argdown markup: titles, mentions, tags, data, emphasis and `//` comments."""


def escape(text: str) -> str:
    """Text safe inside an Argdown statement: one line, and no character that would start a
    title, mention, tag, data block, emphasis or comment (Argdown reads `\\x` as the character x).

    >>> print(escape("a [b] #c <d> {e} *f* _g_ @h http://x"))
    a \\[b\\] \\#c \\<d\\> \\{e\\} \\*f\\* \\_g\\_ \\@h http:\\/\\/x
    >>> escape("two\\nlines")
    'two lines'
    """
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _data(**values: object) -> str:
    """An Argdown data block: YAML flow mapping with JSON scalars (JSON is YAML)."""
    items = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in values.items() if v is not None]
    return "{" + ", ".join(items) + "}"


def to_argdown(amap: ArgumentMap, title: str = "Argument maps") -> str:
    """The map as one Argdown document: a front matter, then a section per option.

    Arguments of options outside the export that a rebuttal touches get a last section of their own.
    """
    present = {a.id for a in amap.arguments}
    lines = ["===", f"title: {json.dumps(title, ensure_ascii=False)}", "===", ""]
    for option in amap.options:
        lines += _section(option, present)
    if amap.outside:
        lines += ["# Rebuttals from other options", ""]
        for a in amap.outside:
            lines += _argument(a, present)
    return "\n".join(lines).rstrip("\n") + "\n"


def _section(option: OptionMap, present: set[str]) -> list[str]:
    data = _data(option=option.id, selected=option.selected)
    lines = [f"# {escape(option.title)} {data}", ""]
    for claim in option.claims:
        lines += _claim(claim)
    for a in option.arguments:
        lines += _argument(a, present)
    return lines


def _claim(claim: Claim) -> list[str]:
    data = _data(option=claim.option, criterion=claim.criterion, score=_round(claim.score))
    lines = [f"[{claim.id}]: {escape(claim.text)} {data}"]
    lines += [f"  {'+' if a.stance == 'pro' else '-'} <{a.id}>" for a in claim.arguments]
    return [*lines, ""]


def _argument(a: MapArgument, present: set[str]) -> list[str]:
    """The argument with its rebuttals of arguments in the map (`present`) and its reconstruction."""
    tags = f"#{a.stance}" + (" #inferred" if a.inferred else "")
    data = _data(option=a.option, criterion=a.criterion, stance=a.stance, base=_round(a.base), final=_round(a.final))
    lines = [f"<{a.id}>: {escape(a.claim)} {tags} {data}"]
    lines += [f"  -> <{t}>" for t in a.attacks if t in present]
    lines += [f"  +> <{t}>" for t in a.supports if t in present]
    lines.append("")
    for n, q in enumerate(a.quotes, start=1):
        cite = _data(source=q.source, paragraph=q.paragraph)
        lines.append(f"({n}) [{a.id}/{n}]: “{escape(q.text)}” ({escape(q.citation)}) {cite}")
    lines += ["----", f"({len(a.quotes) + 1}) [{a.id}]: {escape(a.claim)}", ""]
    return lines


def _round(x: float | None) -> float | None:
    return None if x is None else round(float(x), 6)
