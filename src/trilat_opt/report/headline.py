"""The summary step: the recommendation in plain sentences, headline numbers and its hinges.

It runs last and only reads the tables the other steps made, so every figure in the summary is
one the reader can find again, with its arguments, further down the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from ..optimize.objectives import objective_of
from .views import fmt_num

if TYPE_CHECKING:
    from .run import Run

__all__ = ["summarise"]


def _join(items: list[str]) -> str:
    """English list: 'a', 'a and b', 'a, b and c'.

    >>> _join(["a"]), _join(["a", "b"]), _join(["a", "b", "c"])
    ('a', 'a and b', 'a, b and c')
    """
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def summarise(run: Run) -> None:
    """Fill `run.summary` with sentences, headline numbers and hinges."""
    t = run.tables
    sentences: list[str] = []
    headline: list[dict[str, str]] = []
    result = run.result
    if not result.feasible:
        sentences.append(f"No portfolio satisfies every rule (solver status: {result.status}).")
        if result.diagnosis:
            sentences += [f"To make one possible: {m}" for m in result.diagnosis.messages]
    else:
        sentences += _portfolio_sentences(run, t)
        headline += _portfolio_numbers(run, t)
    sentences += _robustness_sentences(run, t)
    headline += _robustness_numbers(t)
    run.summary["sentences"] = sentences
    run.summary["headline"] = headline
    run.summary["hinges"] = _hinges(run, t)
    run.summary.setdefault("stability_subject", run.stability_subject)


def _portfolio_sentences(run: Run, t: dict[str, pd.DataFrame]) -> list[str]:
    port, cat = t["portfolio"], run.cat
    result = run.result
    if port.empty:
        return [
            f"Under the '{run.objective}' objective the optimizer recommends none of the {len(cat.options)} options: "
            "the portfolio rules allow no option (see the rules below), or no option adds value over the neutral base."
        ]
    weights = f"the {run.profile} profile's weights" if run.profile else "the weights in criteria.yaml"
    # One figure, the objective's own value (named by its record): a sum of option values beside a
    # differently defined objective value left the reader to guess which to use.
    goal = objective_of(run.objective)
    label, meaning = goal.total, goal.meaning
    out = [
        f"Under {weights} and the '{run.objective}' objective, the optimizer recommends {len(port)} of the "
        f"{len(cat.options)} options. Its {label} is {fmt_num(result.objective_value)}: {meaning}."
    ]
    for domain, titles in port.groupby("domain", sort=True)["title"]:
        out.append(f"{domain} ({len(titles)}): {_join(titles.tolist())}.")
    cons = t.get("constraints")
    if cons is not None and not cons.empty:
        caps = cons[cons["kind"].isin(["budget", "risk", "country"]) & (cons["limit"] > 0)]
        share = (caps["used"] / caps["limit"]).sort_values(ascending=False, kind="mergesort")
        tight = [f"{caps.loc[i, 'label']} ({100 * share[i]:.0f}% used)" for i in share.index[:3]]
        if tight:
            out.append(f"The tightest limits are {_join(tight)}.")
    weakest = port["survival"].idxmin()
    out.append(
        f"The option most at risk is {port.loc[weakest, 'title']}, with a {100 * port.loc[weakest, 'survival']:.0f}% "
        "chance of surviving its political risks."
    )
    proof = "proved optimal" if result.proven_optimal else f"found (optimality not proven, gap {fmt_num(result.gap)})"
    out.append(f"The portfolio was {proof} by {result.solver.upper()}.")
    return out


def _portfolio_numbers(run: Run, t: dict[str, pd.DataFrame]) -> list[dict[str, str]]:
    port = t["portfolio"]
    out = [
        {"label": f"options chosen of {len(run.cat.options)}", "value": str(len(port))},
        {
            "label": objective_of(run.objective).total,
            "value": fmt_num(run.result.objective_value),
        },
        {"label": "mean survival chance", "value": f"{100 * port['survival'].mean():.0f}%" if len(port) else "–"},
    ]
    cons = t.get("constraints")
    if cons is not None:
        budgets = cons[cons["kind"] == "budget"]
        out.append(
            {
                "label": f"budgets at their limit of {len(budgets)}",
                "value": str(int((budgets["slack"].abs() <= 1e-9).sum())),
            }
        )
    return out


def _robustness_sentences(run: Run, t: dict[str, pd.DataFrame]) -> list[str]:
    out = []
    smaa = t.get("smaa")
    if smaa is not None and not smaa.empty:
        top = smaa["first"].idxmax()
        out.append(
            f"Across {run.samples} sampled weightings, {smaa.loc[top, 'title']} ranks first most often "
            f"({100 * smaa.loc[top, 'first']:.0f}% of samples)."
        )
    caps = t.get("capitals")
    if caps is not None and "consensus" in caps.index:
        sat = caps.loc["consensus", "satisfaction"]
        if pd.notna(sat):
            out.append(
                f"A consensus portfolio gives every capital at least {100 * sat:.0f}% of the value it could get alone."
            )
    return out


def _robustness_numbers(t: dict[str, pd.DataFrame]) -> list[dict[str, Any]]:
    out = []
    core = t.get("core")
    if core is not None and "selected" in core:
        chosen = core[core["selected"]]
        if len(chosen):
            out.append(
                {
                    "label": "chosen options with core index ≥ 90%",
                    "value": f"{int((chosen['core'] >= 0.9).sum())} of {len(chosen)}",
                }
            )
    caps = t.get("capitals")
    if caps is not None and "consensus" in caps.index and pd.notna(caps.loc["consensus", "satisfaction"]):
        out.append(
            {
                "label": "least-satisfied capital (consensus)",
                "value": f"{100 * caps.loc['consensus', 'satisfaction']:.0f}%",
            }
        )
    return out


def _hinges(run: Run, t: dict[str, pd.DataFrame]) -> list[dict[str, str]]:
    """The three weights closest to changing the recommendation (from the stability table).

    The recommendation is the portfolio, so its intervals come first; a report without them
    (`--quick`) falls back to the intervals that keep the top-ranked option.
    """
    stab = t.get("stability")
    if stab is None or stab.empty:
        return []
    subject = "portfolio" if "portfolio_low" in stab.columns else "top"
    low, high = ("portfolio_low", "portfolio_high") if subject == "portfolio" else ("low", "high")
    rows = []
    for c, r in stab.iterrows():
        ends = [(r["weight"] - r[low], "low", r[low]), (r[high] - r["weight"], "high", r[high])]
        ends = [e for e in ends if (e[1] == "low" and e[2] > 1e-9) or (e[1] == "high" and e[2] < 1 - 1e-9)]
        if ends:
            rows.append((min(ends)[0], c, r, min(ends)))
    rows.sort(key=lambda x: (x[0], x[1]))
    describe = _portfolio_change if subject == "portfolio" else _top_change
    return [
        {
            "label": f"the weight on {r['name']}",
            "detail": f"now {fmt_num(r['weight'])}; if it {'falls below' if side == 'low' else 'rises above'} "
            f"{fmt_num(edge)}, {describe(r, side, t)}",
            "href": "#t-stability",
        }
        for _, _c, r, (_, side, edge) in rows[:3]
    ]


def _portfolio_change(r: pd.Series, side: str, t: dict[str, pd.DataFrame]) -> str:
    titles = t["options"]["title"]
    parts = []
    for key, verb in (("enters", "enter"), ("leaves", "leave")):
        ids = [i for i in str(r.get(f"portfolio_{side}_{key}", "") or "").split(", ") if i]
        if ids:
            parts.append(f"{_join([titles.get(i, i) for i in ids])} {verb}{'s' if len(ids) == 1 else ''}")
    return "the recommended portfolio changes" + (": " + "; ".join(parts) if parts else "") + "."


def _top_change(r: pd.Series, side: str, t: dict[str, pd.DataFrame]) -> str:
    titles = t["options"]["title"]
    other = r.get(f"top_{'below' if side == 'low' else 'above'}", "")
    return (
        f"{titles.get(other, other) or 'another option'} overtakes {titles.get(r['top'], r['top'])} "
        "at the top of the additive ranking."
    )
