"""`argue`: the argument tree behind an option's criterion scores."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Group, RenderableType
from rich.text import Text
from rich.tree import Tree

from ..argue import ATTRIBUTION_METHODS, SEMANTICS, ArgumentNode, OptionTree, argument_tree, tree_rows
from .common import FORMAT, OUT, Format, catalogue_of, emit
from .terminal import clean, plain

__all__ = ["register"]

_SCHEME = {"iteration": "iteration", "continuous": "continuous-time model"}


def register(app: typer.Typer) -> None:
    """Add this group's commands to `app`."""
    app.command()(argue)


def argue(
    ctx: typer.Context,
    option_id: str = typer.Argument(..., metavar="OPTION", help="Option id (see 'trilat-opt options list')."),
    criterion: str | None = typer.Option(None, "--criterion", "-c", metavar="ID", help="Show one criterion only."),
    semantics: str = typer.Option(
        "dfquad",
        "--semantics",
        "-s",
        metavar="NAME",
        help=f"Gradual semantics: {', '.join(SEMANTICS)}.",
        show_default=True,
    ),
    method: str = typer.Option(
        "removal",
        "--method",
        "-m",
        metavar="NAME",
        help=f"Contribution of each argument to the claim: {', '.join(ATTRIBUTION_METHODS)}.",
        show_default=True,
    ),
    fmt: Format = FORMAT,
    out: Path | None = OUT,
) -> None:
    """Show why an option scores as it does, argument by argument.

    For each criterion: the claim "OPTION advances it", the pro and con arguments on it, and the
    rebuttals above them, each with its stance, base and final strength, contribution to the
    claim, claim text and quotes with source and paragraph.

    With the default removal method, a contribution is how much the claim's score would fall
    without that argument (rise, if negative); gradient and shapley are the alternatives. JSON
    gives the same tree; CSV gives one row per argument.

    Arguments on a cycle of rebuttals are marked with the scheme that found their strength: fixed-
    point iteration, or the continuous-time model where iteration does not settle. Such a strength
    is a fixed point to a residual of 1e-9, which bounds its error only where the cycle settles
    quickly; the output says so whenever a cycle is shown.

    Example:

        trilat-opt argue trilateral-economic-security-council
        trilat-opt argue trilateral-economic-security-council -c institutional-durability -s euler
        trilat-opt argue trilateral-economic-security-council --format json > tree.json
    """
    tree = argument_tree(catalogue_of(ctx), option_id, criterion, semantics=semantics, method=method)
    if fmt == Format.json:
        emit(tree, fmt, out)
    elif fmt == Format.csv:
        emit(tree_rows(tree), fmt, out)
    else:
        emit(None, fmt, out, table=render(tree))


def render(tree: OptionTree) -> RenderableType:
    """A rich Tree: option, then one branch per criterion claim, then arguments and their rebuttals;
    below it, when some strength lies on a cycle, what its tolerance does and does not promise."""
    root = Tree(
        Text.assemble(plain(tree.title, "bold"), f"  ({tree.option}; {tree.semantics}, contributions by {tree.method})")
    )
    for claim in tree.claims:
        label = Text.assemble(
            plain(claim.name, "bold"),
            f"  score {claim.score:.3f}  (base {claim.base:.2f}",
            f", range {claim.low:.3f}-{claim.high:.3f})" if claim.high > claim.low else ")",
        )
        if not claim.evidence:
            label.append("  no evidence", style="yellow")
        _add(root.add(label), claim.arguments, tree.option)
    if not tree.has_cycles:
        return root
    return Group(root, Text(cycle_note(tree), style="dim"))


def cycle_note(tree: OptionTree) -> str:
    """The limit of strengths on cycles, in the words an analyst needs before comparing them."""
    return (
        f"Strengths marked 'on a cycle' are fixed points found to a residual below {tree.tolerance:g} "
        f"(largest left: {tree.residual:.1g}), by iteration or, where iteration does not settle, by the "
        "continuous-time model. The residual bounds the error only where the cycle settles quickly; "
        "near a neutral cycle such a strength, and a score resting on it, can be off by far more, so read "
        "small differences with care."
    )


def _add(branch: Tree, nodes: tuple[ArgumentNode, ...], option: str) -> None:
    for n in nodes:
        colour = "green" if n.relation == "supports" else "red"
        whose = n.stance if n.option == option else f"{n.stance}, {n.option}"
        head = Text.assemble(
            (n.relation, colour),
            " ",
            (n.id, "bold"),
            f" ({whose})  base {n.base:.2f} -> {n.strength:.3f}  contribution {n.contribution:+.3f}",
        )
        if n.scheme != "exact":
            head.append(f"  on a cycle: {_SCHEME[n.scheme]}", style="dim")
        if n.repeated:
            head.append("  (cycle: shown above)", style="dim")
        body = plain(n.claim)
        for q in n.evidence:
            body.append(clean(f"\n\u201c{q.quote}\u201d  [{q.source} \u00b6{q.paragraph}]"), style="dim")
        _add(branch.add(Text.assemble(head, "\n", body)), n.children, option)
