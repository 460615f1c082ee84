"""The argument tree behind an option's criterion scores, as plain data for `trilat-opt argue`.

Each claim "option advances criterion" lists the arguments on it; each argument lists the
arguments that attack or support it (rebuttals, possibly from other options), and so on up. An
argument met again on the same branch (a cycle of rebuttals) is shown once more, marked
`repeated`, without children. Every node carries its base and final strength, the bounds of its
strength under the catalogue's ranges, its contribution to the claim, its claim text and quotes,
and the scheme that found its strength: "exact" off cycles, else "iteration" or "continuous" (see
`cycles`), to within the tree's `tolerance` on the residual.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..model import Argument, Catalogue
from .attribution import attribution
from .bounds import interval_strengths
from .graph import QBAF, Strengths, check_semantics
from .scoring import _criteria_of, argument_ranges, build_graph, claim_id

__all__ = ["ArgumentNode", "ClaimNode", "OptionTree", "Quote", "argument_tree", "tree_rows"]


@dataclass(frozen=True)
class Quote:
    source: str
    paragraph: int
    quote: str


@dataclass(frozen=True)
class ArgumentNode:
    id: str
    option: str
    criterion: str
    stance: str  # the argument's own stance on its option's claim: pro or con
    relation: str  # what it does to its parent in the tree: supports or attacks
    base: float
    strength: float
    low: float
    high: float
    contribution: float  # to the claim at the root of this branch
    claim: str
    evidence: tuple[Quote, ...]
    children: tuple[ArgumentNode, ...]
    scheme: str  # exact, or on a cycle: iteration or continuous
    repeated: bool = False


@dataclass(frozen=True)
class ClaimNode:
    criterion: str
    name: str
    base: float
    score: float
    low: float
    high: float
    evidence: bool
    arguments: tuple[ArgumentNode, ...]


@dataclass(frozen=True)
class OptionTree:
    option: str
    title: str
    semantics: str
    method: str
    claims: tuple[ClaimNode, ...]
    tolerance: float  # on the residual |f(s) - s| of strengths on cycles
    residual: float  # the largest residual left on any cycle of the catalogue (0.0 without cycles)

    @property
    def has_cycles(self) -> bool:
        """Whether some strength shown is a fixed point found to a tolerance (see `cycles` for the limits)."""

        def any_cyclic(nodes: tuple[ArgumentNode, ...]) -> bool:
            return any(n.scheme != "exact" or any_cyclic(n.children) for n in nodes)

        return any(any_cyclic(c.arguments) for c in self.claims)


@dataclass(frozen=True)
class _Context:
    g: QBAF
    args: dict[str, tuple[str, Argument]]
    solved: Strengths
    low: dict[str, float]
    high: dict[str, float]


def argument_tree(
    cat: Catalogue,
    option_id: str,
    criterion_id: str | None = None,
    semantics: str = "dfquad",
    method: str = "removal",
) -> OptionTree:
    """The tree of arguments behind `option_id`'s claims (all criteria, or one)."""
    check_semantics(semantics)
    criteria = _criteria_of(cat, option_id, criterion_id)
    g = build_graph(cat)
    bounds = interval_strengths(g, *argument_ranges(cat), semantics)
    solved = g.solve(semantics)
    ctx = _Context(g, {a.id: (o.id, a) for o, a in cat.arguments()}, solved, bounds.lower, bounds.upper)
    names = {c.id: c.name for c in cat.criteria}
    claims = []
    for cid in criteria:
        claim = claim_id(option_id, cid)
        contribution = attribution(g, claim, method, semantics)
        children = _children(ctx, claim, contribution, (claim,))
        claims.append(
            ClaimNode(
                cid,
                names[cid],
                g.base(claim),
                ctx.solved.values[claim],
                ctx.low[claim],
                ctx.high[claim],
                bool(children),
                children,
            )
        )
    opt = cat.option(option_id)
    return OptionTree(opt.id, opt.title, semantics, method, tuple(claims), solved.tol, solved.residual)


def _children(
    ctx: _Context, node: str, contribution: dict[str, float], path: tuple[str, ...]
) -> tuple[ArgumentNode, ...]:
    kids = [(p, "supports") for p in ctx.g.supporters(node)] + [(p, "attacks") for p in ctx.g.attackers(node)]
    kids.sort(key=lambda k: (-abs(contribution.get(k[0], 0.0)), k[0]))
    out = []
    for aid, relation in kids:
        opt, arg = ctx.args[aid]
        repeated = aid in path
        out.append(
            ArgumentNode(
                id=aid,
                option=opt,
                criterion=arg.criterion,
                stance=arg.stance,
                relation=relation,
                base=ctx.g.base(aid),
                strength=ctx.solved.values[aid],
                low=ctx.low[aid],
                high=ctx.high[aid],
                contribution=contribution.get(aid, 0.0),
                claim=arg.claim,
                evidence=tuple(Quote(e.source, e.paragraph, e.quote) for e in arg.evidence),
                children=() if repeated else _children(ctx, aid, contribution, (*path, aid)),
                scheme=ctx.solved.scheme[aid],
                repeated=repeated,
            )
        )
    return tuple(out)


def tree_rows(tree: OptionTree) -> pd.DataFrame:
    """The tree flattened, one row per node in display order, for CSV output."""
    rows: list[dict] = []

    def walk(criterion: str, nodes: tuple[ArgumentNode, ...], parent: str, depth: int) -> None:
        for n in nodes:
            rows.append(
                {
                    "criterion": criterion,
                    "depth": depth,
                    "argument": n.id,
                    "parent": parent,
                    "relation": n.relation,
                    "option": n.option,
                    "stance": n.stance,
                    "base": n.base,
                    "strength": n.strength,
                    "low": n.low,
                    "high": n.high,
                    "contribution": n.contribution,
                    "scheme": n.scheme,
                    "repeated": n.repeated,
                    "claim": n.claim,
                    "evidence": " | ".join(f"{q.source} ¶{q.paragraph}: {q.quote}" for q in n.evidence),
                }
            )
            walk(criterion, n.children, n.id, depth + 1)

    for c in tree.claims:
        walk(c.criterion, c.arguments, claim_id(tree.option, c.criterion), 1)
    columns = ["criterion", "depth", "argument", "parent", "relation", "option", "stance", "base", "strength",
               "low", "high", "contribution", "scheme", "repeated", "claim", "evidence"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)
