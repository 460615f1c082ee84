"""Checks that need more than one file: references, duplicate ids, dependency cycles.

They run after every file validated on its own, over the files that did, and append located
errors so that `load` reports everything in one go.
"""

from __future__ import annotations

from .contradictions import check_arguments, check_weight_space, degenerate_warnings
from .errors import ErrorDetail
from .horizon import check_roadmap
from .ids import unknown_ref as _unknown
from .model import Argument, Frame, Option, Register, Source
from .yamlio import Parsed

__all__ = ["check_register", "cross_check", "inference_warnings", "requires_cycle"]

MIN_REASONING_WORDS = 5
"""An inference shorter than this names a conclusion, not the reasoning that reaches it."""


def cross_check(
    frame: Frame,
    frame_doc: Parsed,
    options: list[tuple[Option, Parsed]],
    sources: tuple[Source, ...] | None,
    errors: list[ErrorDetail],
    register: tuple[Register, Parsed] | None = None,
) -> list[str]:
    """Append cross-file errors to `errors`; return warnings (plain sentences, located where it helps)."""
    criteria = {c.id for c in frame.criteria}
    _check_frame(frame, frame_doc, criteria, errors)
    risks = {r.id for r in frame.risks}
    budgets = {b.id for b in frame.budgets}
    source_keys = {s.key for s in sources} if sources is not None else None
    option_ids: dict[str, Parsed] = {}
    arg_ids: dict[str, Parsed] = {}
    for opt, doc in options:
        if opt.id in option_ids:
            errors.append(doc.error(("id",), f"option id {opt.id!r} is also used in {option_ids[opt.id].file}"))
        option_ids.setdefault(opt.id, doc)
        for i, arg in enumerate(opt.arguments):
            if arg.id in arg_ids:
                errors.append(
                    doc.error(("arguments", i, "id"), f"argument id {arg.id!r} is also used in {arg_ids[arg.id].file}")
                )
            arg_ids.setdefault(arg.id, doc)
    for opt, doc in options:
        _check_option(opt, doc, criteria, risks, budgets, source_keys, set(option_ids), set(arg_ids), errors)
    _check_requires_cycles(options, errors)
    check_weight_space(frame, frame_doc, errors)
    check_arguments(options, errors)
    plain_options = [o for o, _ in options]
    warnings = _warnings(frame, plain_options) + degenerate_warnings(frame, plain_options)
    warnings += inference_warnings(frame, options)
    warnings += check_roadmap(frame, frame_doc, options, source_keys, errors)
    if register is not None:
        warnings += check_register(*register, set(option_ids), source_keys, errors)
    return warnings


def _check_frame(frame: Frame, doc: Parsed, criteria: set[str], errors: list[ErrorDetail]) -> None:
    ids: dict[str, str] = {}
    for section in ("criteria", "profiles", "risks", "scenarios", "budgets"):
        for i, item in enumerate(getattr(frame, section)):
            if item.id in ids:
                errors.append(doc.error((section, i, "id"), f"id {item.id!r} is already used in {ids[item.id]}"))
            ids.setdefault(item.id, section)
    for i, p in enumerate(frame.profiles):
        for cid, _w in p.weights.items():
            if cid not in criteria:
                errors.append(
                    doc.error(("profiles", i, "weights", cid), _unknown("criterion", cid, criteria), key=True)
                )
        if not any(w > 0 for w in p.weights.values()):
            errors.append(doc.error(("profiles", i, "weights"), "all weights are zero; at least one must be positive"))
    for i, pair in enumerate(frame.weight_order):
        for j, cid in enumerate(pair):
            if cid not in criteria:
                errors.append(doc.error(("weight_order", i, j), _unknown("criterion", cid, criteria)))
    risk_ids = {r.id for r in frame.risks}
    for i, s in enumerate(frame.scenarios):
        for rid in s.risks:
            if rid not in risk_ids:
                errors.append(doc.error(("scenarios", i, "risks", rid), _unknown("risk", rid, risk_ids), key=True))
        for cid in s.criteria:
            if cid not in criteria:
                errors.append(
                    doc.error(("scenarios", i, "criteria", cid), _unknown("criterion", cid, criteria), key=True)
                )


def _check_option(
    opt: Option,
    doc: Parsed,
    criteria: set[str],
    risks: set[str],
    budgets: set[str],
    source_keys: set[str] | None,
    option_ids: set[str],
    arg_ids: set[str],
    errors: list[ErrorDetail],
) -> None:
    for b in opt.costs:
        if b not in budgets:
            errors.append(doc.error(("costs", b), _unknown("budget", b, budgets), key=True))
    for r in opt.exposures:
        if r not in risks:
            errors.append(doc.error(("exposures", r), _unknown("risk", r, risks), key=True))
    for field in ("requires", "excludes"):
        for i, other in enumerate(getattr(opt, field)):
            if other == opt.id:
                errors.append(doc.error((field, i), f"an option cannot {field[:-1]} itself"))
            elif other not in option_ids:
                errors.append(doc.error((field, i), _unknown("option", other, option_ids)))
    for other in set(opt.requires) & set(opt.excludes):
        errors.append(doc.error(("excludes", opt.excludes.index(other)), f"{other!r} is both required and excluded"))
    for i, syn in enumerate(opt.synergies):
        if syn.option == opt.id or syn.option not in option_ids:
            msg = (
                "an option cannot have a synergy with itself"
                if syn.option == opt.id
                else _unknown("option", syn.option, option_ids)
            )
            errors.append(doc.error(("synergies", i, "option"), msg))
    for i, arg in enumerate(opt.arguments):
        here = ("arguments", i)
        if arg.criterion not in criteria:
            errors.append(doc.error((*here, "criterion"), _unknown("criterion", arg.criterion, criteria)))
        for field in ("attacks", "supports"):
            for j, target in enumerate(getattr(arg, field)):
                if target not in arg_ids:
                    errors.append(doc.error((*here, field, j), _unknown("argument", target, arg_ids)))
        if source_keys is not None:
            for j, ev in enumerate(arg.evidence):
                if ev.source not in source_keys:
                    errors.append(
                        doc.error((*here, "evidence", j, "source"), _unknown("source", ev.source, source_keys))
                    )


def requires_cycle(requires: dict[str, tuple[str, ...]]) -> list[str] | None:
    """Return one cycle in the `requires` graph as a list of ids (first == last), or None.

    Depth-first with an explicit stack, so a chain of thousands of options cannot exhaust
    Python's recursion limit (a chain of 985 did).

    >>> requires_cycle({"a": ("b",), "b": ("c",), "c": ("a",)})
    ['a', 'b', 'c', 'a']
    >>> requires_cycle({f"o{k}": (f"o{k + 1}",) for k in range(5000)}) is None
    True
    """
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(requires):
        if start in state:
            continue
        path = [start]
        todo = [iter(sorted(requires.get(start, ())))]
        state[start] = 1
        while todo:
            nxt = next(todo[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                todo.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            elif nxt not in state and nxt in requires:
                state[nxt] = 1
                path.append(nxt)
                todo.append(iter(sorted(requires.get(nxt, ()))))
    return None


def _check_requires_cycles(options: list[tuple[Option, Parsed]], errors: list[ErrorDetail]) -> None:
    docs = {o.id: d for o, d in options}
    cycle = requires_cycle({o.id: o.requires for o, _ in options})
    if cycle:
        first = cycle[0]
        errors.append(docs[first].error(("requires",), "requires cycle: " + " -> ".join(cycle)))


def _warnings(frame: Frame, options: list[Option]) -> list[str]:
    out = [_self_loop(o, a, field) for o in options for a in o.arguments for field in ("attacks", "supports")]
    out = [w for w in out if w]
    if not options:
        out.append("options/ holds no option files; optimize selects nothing; sensitivity, frontier, report need one")
    argued = {a.criterion for o in options for a in o.arguments}
    for c in frame.criteria:
        if c.id not in argued:
            out.append(f"criterion {c.id!r} has no argument in any option")
    for o in options:
        if not o.arguments:
            out.append(f"option {o.id!r} has no arguments; it sits at the neutral base on every criterion")
    domains = {o.domain for o in options}
    for d, _rule in frame.rules.domains.items():
        if d not in domains:
            out.append(f"rules.domains names {d!r}, which no option belongs to")
    return out


def inference_warnings(frame: Frame, options: list[tuple[Option, Parsed]]) -> list[str]:
    """Located warnings on inferred arguments: a stated strength above the cap, reasoning too thin.

    Warnings, not errors: the cap is applied anyway when arguments are evaluated, so the file
    only misleads its reader; the warning says what the evaluation will use.
    """
    cap = frame.inference_cap
    out = []
    for opt, doc in options:
        for i, arg in enumerate(opt.arguments):
            if not arg.inferred:
                continue
            strength, lo, hi = arg.capped(cap)
            if arg.strength > cap:
                msg = f"inferred argument {arg.id!r} states strength {arg.strength:g} above inference_cap {cap:g}"
                out.append(str(doc.error(("arguments", i, "strength"), f"{msg}; it is evaluated at {strength:g}")))
            elif arg.range is not None and arg.range[1] > cap:
                msg = f"inferred argument {arg.id!r} states range up to {arg.range[1]:g}, above inference_cap {cap:g}"
                out.append(str(doc.error(("arguments", i, "range"), f"{msg}; it is evaluated as [{lo:g}, {hi:g}]")))
            words = len(arg.inference.split())
            if words < MIN_REASONING_WORDS or arg.inference.casefold() == arg.claim.casefold():
                out.append(
                    str(
                        doc.error(
                            ("arguments", i, "inference"),
                            f"inference of {arg.id!r} should say why the claim follows from the quotes "
                            f"(a sentence of at least {MIN_REASONING_WORDS} words that is not the claim itself)",
                        )
                    )
                )
    return out


def check_register(
    register: Register,
    doc: Parsed,
    option_ids: set[str],
    source_keys: set[str] | None,
    errors: list[ErrorDetail],
) -> list[str]:
    """Append the register's errors (duplicate ids, unknown options or sources); return its warnings.

    An entry that no option carries is a warning, not an error: the register records what the
    articles recommend whether or not the menu has caught up, and the gap should show, not block.
    Whether the paragraph exists needs the articles, so `sources check` tests that (see `register`).
    """
    seen: dict[str, int] = {}
    warnings = []
    for i, rec in enumerate(register.recommendations):
        here = ("recommendations", i)
        if rec.id in seen:
            errors.append(
                doc.error((*here, "id"), f"recommendation id {rec.id!r} is already used by entry {seen[rec.id]}")
            )
        seen.setdefault(rec.id, i)
        if source_keys is not None and rec.source not in source_keys:
            errors.append(doc.error((*here, "source"), _unknown("source", rec.source, source_keys)))
        for j, oid in enumerate(rec.options):
            if oid not in option_ids:
                errors.append(doc.error((*here, "options", j), _unknown("option", oid, option_ids)))
            elif oid in rec.options[:j]:
                errors.append(doc.error((*here, "options", j), f"option {oid!r} is listed twice"))
        if not rec.options:
            msg = f"recommendation {rec.id!r} ({rec.source} ¶{rec.paragraph}) is carried by no option"
            warnings.append(str(doc.error((*here, "options"), msg)))
    return warnings


def _self_loop(opt: Option, arg: Argument, field: str) -> str | None:
    """A warning, not an error: a self-loop is a valid graph (a cycle of one, solved to its fixed
    point like any cycle of rebuttals), but in a catalogue it is more often a slip for another id."""
    if arg.id not in getattr(arg, field):
        return None
    way = "below" if field == "attacks" else "above"
    return (
        f"argument {arg.id!r} of option {opt.id!r} {field[:-1]}s itself: it is evaluated as a cycle of one "
        f"argument, whose strength settles at or {way} its base; if it should rebut another argument, name that one"
    )
