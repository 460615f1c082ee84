"""The evidence step: every argument with its strengths, quotes and rebuttals, per option.

The nested view (option -> criterion claim -> arguments -> quotes) is what section 5 renders;
the flat `arguments` and `evidence` tables carry the same content for CSV and JSON readers.
Values whose basis starts with "assumption" are flagged, so the page can mark them; so are
inferred arguments, with their reasoning and the strength the file states when the cap lowers
it. Each quote comes with its whole sentence when the articles are at hand (`articles.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..model import Argument, Catalogue, Evidence, Option

if TYPE_CHECKING:
    from .run import Run

__all__ = ["evidence", "is_assumption"]

ARGUMENT_COLUMNS = [
    "argument",
    "option",
    "criterion",
    "stance",
    "base",
    "low",
    "high",
    "stated",
    "final",
    "claim",
    "basis",
    "assumption",
    "inferred",
    "inference",
    "attacks",
    "supports",
]
EVIDENCE_COLUMNS = ["argument", "n", "option", "source", "paragraph", "quote", "sentence", "reviewed"]


def is_assumption(basis: str) -> bool:
    """True when a basis says the number is a judgement rather than a figure from a source.

    >>> is_assumption("assumption: a small secretariat"), is_assumption("capistrano-2025 ¶18")
    (True, False)
    """
    return basis.strip().lower().startswith("assumption")


def evidence(run: Run) -> None:
    """Add the `arguments` and `evidence` tables and the nested per-option view."""
    cat = run.cat
    final = run.ev.criterion_scores.arguments["strength"]
    attacked_by, supported_by = _inverse(cat)
    rows, quotes = [], []
    for o, a in cat.arguments():
        base, lo, hi = cat.base_of(a)
        rows.append(
            {
                "argument": a.id,
                "option": o.id,
                "criterion": a.criterion,
                "stance": a.stance,
                "base": base,
                "low": lo,
                "high": hi,
                "stated": a.strength,
                "final": float(final.get(a.id, np.nan)),
                "claim": a.claim,
                "basis": a.basis,
                "assumption": is_assumption(a.basis),
                "inferred": a.inferred,
                "inference": a.inference,
                "attacks": ";".join(a.attacks),
                "supports": ";".join(a.supports),
            }
        )
        for k, e in enumerate(a.evidence):
            ctx = run.contexts.get((a.id, k))
            quotes.append(
                {
                    "argument": a.id,
                    "n": k + 1,
                    "option": o.id,
                    "source": e.source,
                    "paragraph": e.paragraph,
                    "quote": e.quote,
                    "sentence": ctx.text if ctx else "",
                    "reviewed": e.reviewed,
                }
            )
    # explicit columns: a project without arguments gets empty tables, not a KeyError
    run.tables["arguments"] = pd.DataFrame(rows, columns=ARGUMENT_COLUMNS).set_index("argument")
    run.tables["evidence"] = pd.DataFrame(quotes, columns=EVIDENCE_COLUMNS).set_index(["argument", "n"])
    run.option_views = tuple(_option_view(run, o, final, attacked_by, supported_by) for o in cat.options)


def _inverse(cat: Catalogue) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    attacked: dict[str, list[str]] = {}
    supported: dict[str, list[str]] = {}
    for _, a in cat.arguments():
        for t in a.attacks:
            attacked.setdefault(t, []).append(a.id)
        for t in a.supports:
            supported.setdefault(t, []).append(a.id)
    return attacked, supported


def _option_view(
    run: Run,
    o: Option,
    final: pd.Series,
    attacked_by: dict[str, list[str]],
    supported_by: dict[str, list[str]],
) -> dict[str, Any]:
    cat = run.cat
    scores = run.ev.scores
    selected = set(run.selected)
    values = run.tables.get("ranking")
    criteria = []
    for c in cat.criteria:
        args = [a for a in o.arguments if a.criterion == c.id]
        if not args:
            continue
        score = float(scores.loc[o.id, c.id])
        criteria.append(
            {
                "id": c.id,
                "name": c.name,
                "score": score,
                "net": None if score is None else score - cat.frame.neutral_base,
                "weight": run.weights.get(c.id),
                "arguments": [_argument_view(run, a, final, attacked_by, supported_by) for a in args],
            }
        )
    argued = {c["id"] for c in criteria}
    return {
        "id": o.id,
        "title": o.title,
        "domain": o.domain,
        "countries": "/".join(o.countries),
        "summary": o.summary,
        "selected": o.id in selected,
        "value": float(values.loc[o.id, "value"]) if values is not None and "value" in values else None,
        "facts": _facts(cat, o),
        "relations": _relations(cat, o),
        "criteria": criteria,
        "unargued": [c.name for c in cat.criteria if c.id not in argued],
        "recommendations": [
            {"id": r.id, "recommendation": r.recommendation, "source": r.source, "paragraph": r.paragraph}
            for r in cat.recommendations
            if o.id in r.options
        ],
    }


def _argument_view(
    run: Run, a: Argument, final: pd.Series, attacked_by: dict[str, list[str]], supported_by: dict[str, list[str]]
) -> dict[str, Any]:
    """One argument as section 5 shows it: strengths as evaluated, inference, rebuttals, quotes in context."""
    base, lo, hi = run.cat.base_of(a)
    return {
        "id": a.id,
        "stance": a.stance,
        "claim": a.claim,
        "base": base,
        "low": lo,
        "high": hi,
        "capped": (base, lo, hi) != (a.strength, *a.bounds),
        "stated": a.strength,
        "stated_range": list(a.range) if a.range is not None else None,
        "final": None if pd.isna(final.get(a.id, np.nan)) else float(final[a.id]),
        "basis": a.basis,
        "assumption": is_assumption(a.basis),
        "inferred": a.inferred,
        "inference": a.inference,
        "attacks": list(a.attacks),
        "supports": list(a.supports),
        "attacked_by": attacked_by.get(a.id, []),
        "supported_by": supported_by.get(a.id, []),
        "evidence": [_quote_view(run, a.id, k, e) for k, e in enumerate(a.evidence)],
    }


def _quote_view(run: Run, argument: str, k: int, e: Evidence) -> dict[str, Any]:
    """A quote with its source's date and, when the articles are at hand, its sentence split around it."""
    ctx = run.contexts.get((argument, k))
    dates = {d["key"]: d["date"] for d in run.summary.get("dates", [])}
    return {
        "source": e.source,
        "date": dates.get(e.source, ""),
        "paragraph": e.paragraph,
        "quote": e.quote,
        "reviewed": e.reviewed,
        "context": None if ctx is None else {"before": ctx.before, "quoted": ctx.quoted, "after": ctx.after},
        "located": ctx is not None or run.library is None,
    }


def _facts(cat: Catalogue, o: Option) -> list[dict[str, Any]]:
    budgets = {b.id: b for b in cat.frame.budgets}
    risks = {r.id: r for r in cat.frame.risks}
    facts = []
    for bid, cost in o.costs.items():
        b = budgets.get(bid)
        facts.append(
            {
                "label": f"cost: {b.name if b else bid}",
                "value": cost.amount,
                "unit": b.unit if b else "",
                "basis": cost.basis,
                "assumption": is_assumption(cost.basis),
            }
        )
    if o.lead_time:
        lt = o.lead_time
        facts.append(
            {
                "label": "lead time",
                "value": lt.months,
                "unit": "months",
                "basis": lt.basis,
                "assumption": is_assumption(lt.basis),
            }
        )
    for rid, e in o.exposures.items():
        r = risks.get(rid)
        facts.append(
            {
                "label": f"exposure: {r.name if r else rid}",
                "value": e.level,
                "unit": "",
                "basis": e.basis,
                "assumption": is_assumption(e.basis),
            }
        )
    return facts


def _relations(cat: Catalogue, o: Option) -> list[dict[str, Any]]:
    titles = {x.id: x.title for x in cat.options}
    out = []
    for label, ids in (("Requires", o.requires), ("Excludes", o.excludes)):
        if ids:
            out.append({"label": label, "targets": [{"id": i, "title": titles.get(i, i), "note": ""} for i in ids]})
    if o.synergies:
        out.append(
            {
                "label": "Synergies",
                "targets": [
                    {"id": s.option, "title": titles.get(s.option, s.option), "note": f"+{s.value:g} value together"}
                    for s in o.synergies
                ],
            }
        )
    return out
