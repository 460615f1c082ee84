"""`elicit rank | swing | ahp`: weights from an analyst's (or a workshop's) judgements."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Group, RenderableType
from rich.text import Text

from ..errors import InputError, TrilatError
from ..output import atomic_write, check_file_target, dumps_json
from .common import OUT, Format, State, catalogue_of, console_err, emit, rich_table
from .terminal import clean, plain

__all__ = ["register"]

elicit_app = typer.Typer(help="Derive criterion weights from rankings, swing ratings or AHP pairwise comparisons.")


class ElicitFormat(StrEnum):
    table = "table"
    json = "json"
    flags = "flags"


ANSWERS = typer.Option(
    None,
    "--answers",
    "-a",
    metavar="FILE",
    help="An answers file (YAML): one analyst, or several under `analysts:`. Repeatable, one file per analyst "
    "of a workshop. Without it, the questions are asked here, one at a time.",
)
ANALYST = typer.Option(None, "--analyst", metavar="NAME", help="Your name, for an interactive session's record.")
SAVE_ANSWERS = typer.Option(
    None,
    "--save-answers",
    metavar="FILE",
    help="Keep an interactive session's answers in this file (an answers file, to rerun or audit).",
)
SAVE_PROFILE = typer.Option(
    None,
    "--save-profile",
    metavar="ID",
    help="Write the weights into criteria.yaml as this profile (new or replaced), with an `elicited:` record "
    "of method, date and answers files. Every comment is kept.",
)
PROFILE_NAME = typer.Option(None, "--profile-name", metavar="NAME", help="Display name of a new profile.")
WRITE_BOUNDS = typer.Option(
    False,
    "--write-bounds",
    metavar="",
    help="Set each criterion's SMAA `bounds` in criteria.yaml to the range the analysts span (two or more).",
)
FORMAT = typer.Option(
    ElicitFormat.table,
    "--format",
    "-f",
    help="table (weights and diagnostics), json, or flags (--weight options for other commands).",
    case_sensitive=False,
)


def register(app: typer.Typer) -> None:
    """Add the `elicit` group to `app`."""
    app.add_typer(elicit_app, name="elicit", no_args_is_help=True)


@elicit_app.command("rank")
def rank_cmd(
    ctx: typer.Context,
    answers: list[Path] | None = ANSWERS,
    analyst: str | None = ANALYST,
    save_answers: Path | None = SAVE_ANSWERS,
    save_profile: str | None = SAVE_PROFILE,
    profile_name: str | None = PROFILE_NAME,
    write_order: bool = typer.Option(
        False,
        "--write-order",
        metavar="",
        help="Write the ranking into criteria.yaml as `weight_order`, so SMAA samples only weights that keep it "
        "(for a group: the orderings every analyst agrees on). Needs no numbers at all.",
    ),
    write_bounds: bool = WRITE_BOUNDS,
    fmt: ElicitFormat = FORMAT,
    out: Path | None = OUT,
) -> None:
    """Rank the criteria; rank-order centroid weights, or orderings for SMAA.

    Rank-order centroid (ROC) weights are the centre of all weights that keep the ranking (Barron
    and Barrett 1996); --write-order instead hands SMAA the ranking itself. Criteria ranked equal
    (written [a, b] in an answers file) share their places' mean weight.

    Answers file: `method: rank` and `order: [deterrence, [economic-resilience, technological-edge], ...]`,
    most important first.

    Example:

        trilat-opt elicit rank
        trilat-opt elicit rank --answers answers/seoul-rank.yaml --write-order
        trilat-opt elicit rank --answers a.yaml --answers b.yaml --format flags
    """
    _run(ctx, "rank", answers, analyst, save_answers, save_profile, profile_name, write_order, write_bounds, fmt, out)


@elicit_app.command("swing")
def swing_cmd(
    ctx: typer.Context,
    answers: list[Path] | None = ANSWERS,
    analyst: str | None = ANALYST,
    save_answers: Path | None = SAVE_ANSWERS,
    save_profile: str | None = SAVE_PROFILE,
    profile_name: str | None = PROFILE_NAME,
    write_bounds: bool = WRITE_BOUNDS,
    fmt: ElicitFormat = FORMAT,
    out: Path | None = OUT,
) -> None:
    """Swing weighting: rank the swings from worst to best, rate each against the top one.

    Imagine an option at its worst on every criterion; which one criterion would you raise to its
    best first? After ranking those swings, rate each against the first (100). A weight is its
    rating over the sum of ratings; a group's weights are the analysts' mean, with their spread.

    Answers file: `method: swing`, `ratings: {deterrence: 100, economic-resilience: 70, ...}` and,
    optionally, the ranking as `order:` (the ratings must keep it).

    Example:

        trilat-opt elicit swing --save-answers answers/tokyo-swing.yaml --save-profile tokyo
        trilat-opt elicit swing --answers workshop.yaml --write-bounds --format json
    """
    _run(ctx, "swing", answers, analyst, save_answers, save_profile, profile_name, False, write_bounds, fmt, out)


@elicit_app.command("ahp")
def ahp_cmd(
    ctx: typer.Context,
    answers: list[Path] | None = ANSWERS,
    analyst: str | None = ANALYST,
    save_answers: Path | None = SAVE_ANSWERS,
    save_profile: str | None = SAVE_PROFILE,
    profile_name: str | None = PROFILE_NAME,
    write_bounds: bool = WRITE_BOUNDS,
    fmt: ElicitFormat = FORMAT,
    out: Path | None = OUT,
) -> None:
    """AHP: compare the criteria two at a time on Saaty's 1-9 scale; weights and consistency.

    The weights are the principal eigenvector of the judgements; the consistency ratio (CR, with
    Saaty's random indices) says whether they hang together. Above 0.1, the judgements that add
    most to the inconsistency are named, each with the value that would lower CR most. A group's
    judgements are combined by their geometric mean.

    Answers file: `method: ahp` and `comparisons: {deterrence: {economic-resilience: 3, ...}, ...}`,
    one judgement per pair: 3 means the first matters moderately more, 1/3 the second.

    Example:

        trilat-opt elicit ahp --analyst "J. Kim" --save-answers answers/kim.yaml
        trilat-opt elicit ahp --answers answers/kim.yaml --answers answers/sato.yaml --save-profile tokyo
    """
    _run(ctx, "ahp", answers, analyst, save_answers, save_profile, profile_name, False, write_bounds, fmt, out)


def _run(
    ctx: typer.Context,
    method: str,
    answers: list[Path] | None,
    analyst: str | None,
    save_answers: Path | None,
    save_profile: str | None,
    profile_name: str | None,
    write_order: bool,
    write_bounds: bool,
    fmt: ElicitFormat,
    out: Path | None,
) -> None:
    """Read or ask the answers, compute, check every write, then write and show."""
    from ..elicit import FrameEdit, dump_answers, elicit, elicitation_record, interview, prepare_edit, read_answers

    state: State = ctx.obj
    cat = catalogue_of(ctx)
    criteria = cat.criterion_ids
    _check_flags(answers, save_answers, save_profile)
    if answers:
        given = read_answers(answers, method, criteria)
    else:
        given = _ask(method, criteria, analyst or "analyst 1", interview)
    result = elicit(given, criteria)
    _check_group(result, write_order, write_bounds)
    files = [str(save_answers)] if save_answers else list(given.files)
    edit = FrameEdit(
        profile=save_profile,
        profile_name=profile_name,
        weights=result.weights if save_profile else None,
        elicited=elicitation_record(result, state.project, files) if save_profile else None,
        order=result.order if write_order else None,
        bounds=result.bounds() if write_bounds else None,
    )
    prepared = prepare_edit(state.project, edit, criteria) if _edits(edit) else None
    if save_answers:
        atomic_write(save_answers, dump_answers(given, criteria))
        console_err.print(f"wrote {clean(save_answers)}", markup=False)
    if prepared is not None:
        prepared.write()
        console_err.print(f"wrote {clean(prepared.path)}: {_what(edit)}", markup=False, soft_wrap=True)
    _show(result, fmt, out)


def _check_flags(answers: list[Path] | None, save_answers: Path | None, save_profile: str | None) -> None:
    """Refuse contradictory or unusable flags before any question is asked (exit 2)."""
    from ..model import Profile

    if answers and save_answers:
        raise InputError(
            "--save-answers keeps an interactive session's answers; with --answers the files are the record"
        )
    if save_answers:
        check_file_target(save_answers, "--save-answers")
    if save_profile is not None:
        try:
            Profile(id=save_profile, name="x", weights={})
        except ValueError:
            raise InputError(
                f"--save-profile {save_profile!r}: a profile id is lower-case letters, digits and '-', such as tokyo"
            ) from None


def _ask(method: str, criteria: list[str], analyst: str, interview: Callable[..., Any]) -> Any:
    """An interactive session on the terminal (stderr), one question at a time."""
    from ..elicit import Abandoned

    def ask(prompt: str) -> str:
        return console_err.input(Text.assemble((clean(prompt), "cyan"), "> "))

    def say(text: str) -> None:
        console_err.print(plain(text, "bold" if text.rstrip().endswith("?") else ""), soft_wrap=True)

    try:
        return interview(method, criteria, ask, say, analyst=analyst)
    except Abandoned as exc:
        if "input ended" in str(exc):
            hint = "give --answers FILE to answer from a file"
            raise InputError(f"elicit {method}: {exc}; nothing was written ({hint})") from None
        raise TrilatError(f"elicit {method}: {exc}; nothing was written") from None


def _check_group(result: Any, write_order: bool, write_bounds: bool) -> None:
    if write_bounds and len(result.analysts) < 2:
        raise InputError(
            "--write-bounds sets SMAA bounds from the spread between analysts, and these answers are one analyst's; "
            "give several analysts' answers"
        )
    if write_order and not result.order:
        raise InputError(
            "--write-order: the answers imply no ordering every analyst shares (or rank every criterion equal); "
            "nothing to write"
        )


def _edits(edit: Any) -> bool:
    return edit.profile is not None or edit.order is not None or edit.bounds is not None


def _what(edit: Any) -> str:
    parts = []
    if edit.profile is not None:
        parts.append(f"profile {edit.profile} (weights and elicited)")
    if edit.order is not None:
        parts.append(f"weight_order ({len(edit.order)} pairs)")
    if edit.bounds is not None:
        parts.append("bounds of every criterion")
    return ", ".join(parts)


def _show(result: Any, fmt: ElicitFormat, out: Path | None) -> None:
    from ..elicit import rounded

    if fmt == ElicitFormat.json:
        text = dumps_json(result.as_data())
    elif fmt == ElicitFormat.flags:
        text = " ".join(f"--weight {c}={w:g}" for c, w in rounded(result.weights).items()) + "\n"
    else:
        emit(None, Format.table, out, table=_table(result))
        return
    if out is None:
        sys.stdout.write(text)
    else:
        atomic_write(out, text)
        console_err.print(f"wrote {clean(out)}", markup=False)


def _table(result: Any) -> RenderableType:
    """The weights table and the method's diagnostics, as the terminal shows them."""
    from ..elicit import METHOD_NAMES

    n = len(result.analysts)
    who = f"{n} analysts" if n > 1 else result.analysts[0].name
    title = f"Weights by {METHOD_NAMES[result.method]} ({who})"
    parts: list[RenderableType] = [rich_table(result.table(), title, decimals=dict.fromkeys(result.table(), 3))]
    for line in _diagnostics(result):
        parts.append(plain(line))
    return Group(*parts)


def _diagnostics(result: Any) -> list[str]:
    """Plain lines under the table: consistency, what to revisit, spread, orderings."""
    from ..elicit import ACCEPTABLE_CR
    from ..elicit.scale import show

    lines = []
    c = result.consistency
    if c is not None:
        verdict = "acceptable" if c.acceptable else "above 0.1: the judgements do not hang together"
        whose = "of the group's geometric-mean judgements" if len(result.analysts) > 1 else ""
        lines.append(
            f"Consistency ratio {whose + ' ' if whose else ''}{c.cr:.3f} "
            f"(lambda_max {c.lambda_max:.3f}, CI {c.ci:.3f}, RI {c.random_index:.2f}): {verdict}."
        )
        if len(result.analysts) > 1:
            own = [f"{a.name} {a.consistency.cr:.3f}" for a in result.analysts]
            high = [a.name for a in result.analysts if a.consistency.cr > ACCEPTABLE_CR]
            lines.append("Each analyst's CR: " + ", ".join(own) + (f" (above 0.1: {', '.join(high)})" if high else ""))
    for k, r in enumerate(result.revisions, 1):
        lines.append(
            f"  {k}. {r.more} over {r.less} = {show(r.given)} adds {r.share:.0%} of the inconsistency; "
            f"{show(r.suggested)} would give CR {r.cr_after:.3f}"
        )
    if result.revisions and min(r.cr_after for r in result.revisions) > ACCEPTABLE_CR:
        lines.append("  No one of these alone brings CR to 0.1: revise the first, then look again.")
    if len(result.analysts) > 1:
        widest = max(result.criteria, key=lambda k: result.spread[k].high - result.spread[k].low)
        s = result.spread[widest]
        lines.append(
            f"The analysts differ most on {widest} ({s.low:.3f} to {s.high:.3f}); "
            "--write-bounds makes these ranges the SMAA bounds."
        )
    if result.order:
        lines.append("As orderings for SMAA (--write-order): " + ", ".join(f"{a} >= {b}" for a, b in result.order))
    return lines
