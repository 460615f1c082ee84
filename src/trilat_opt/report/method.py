"""The method section and the run manifest, in words a policy analyst can follow.

The text states the settings this run used (semantics, neutral base, samples, seed, solver,
objective), read from the manifest, so the page never describes a method it did not apply.
"""

from __future__ import annotations

from typing import Any

from ..optimize.objectives import OBJECTIVE_RECORDS
from .data import ReportData

__all__ = ["manifest_items", "method_blocks"]

SEMANTICS = {
    "dfquad": "DF-QuAD (Rago et al. 2016): supporters raise a claim towards 1 and attackers lower it towards 0, "
    "each side combined as 1 − Π(1 − strength)",
    "quadratic_energy": "quadratic energy semantics (Potyka 2018), a smooth update that never saturates",
    "euler": "Euler-based semantics (Amgoud and Ben-Naim 2017)",
}


def method_blocks(data: ReportData) -> list[dict[str, Any]]:
    """Titled paragraphs for section 6, filled with this run's settings."""
    m = data.manifest
    core = m.get("core_samples") or "a sample of"
    sem = SEMANTICS.get(m.get("semantics", ""), m.get("semantics", ""))
    obj = OBJECTIVE_RECORDS[m["objective"]].aim if m.get("objective") in OBJECTIVE_RECORDS else m.get("objective", "")
    base = m.get("neutral_base")
    return [
        {
            "title": "From quotes to criterion scores",
            "paragraphs": [
                "Every option carries arguments, each bearing on one criterion, each backed by a short quote from one "
                "of the source articles. An argument's base strength (0 to 1) is an analyst's judgement of how "
                "strongly the quoted evidence supports it; judgements the articles do not give are marked as "
                "assumptions.",
                f"For each option and criterion there is a claim, 'this option advances the criterion', which starts "
                f"at a neutral base of {base}. Pro arguments support the claim, con arguments attack it, and "
                f"arguments can rebut or reinforce each other, also across options. The claim's final strength under "
                f"{sem} is the option's score on that criterion.",
            ],
        },
        _evidence_block(m),
        _profiles_block(m),
        *_roadmap_block(data),
        {
            "title": "From scores to value: what zero means",
            "paragraphs": [
                f"An option's value on a criterion is its score minus the neutral base ({base}), so an option "
                "without evidence on a criterion gains nothing there, and only options the evidence favours can pay "
                "for their cost and risk. The additive value is the weighted sum of these net scores, with weights "
                "normalised to sum to 1. It is the value the optimizer maximises.",
                "TOPSIS (closeness to an ideal option) and PROMETHEE II (net outranking flow) rank the same scores "
                "differently; they are shown for comparison, to reveal where the ranking depends on the "
                "aggregation rule rather than the evidence.",
            ],
        },
        {
            "title": "Choosing the portfolio",
            "paragraphs": [
                f"A 0/1 programme (PuLP, solver {m.get('solver', '')}) chooses the options to {obj}. Every "
                "portfolio must respect every budget (investment envelopes, public funding, each capital's "
                "political capital), the cap on summed exposure to each political risk and to the risks living in "
                "each country, the number of options and domain rules, and the requires/excludes relations "
                "between options.",
                "An option's survival chance is the probability that none of its political risks derails it, "
                "treating risks as independent and an exposure level as the chance that a materialised risk "
                "derails the option.",
            ],
        },
        {
            "title": "Testing robustness",
            "paragraphs": [
                "Weight stability: for each criterion, the exact range of its weight (the others rescaled in "
                "proportion) within which the top-ranked option stays the same and, found by re-solving (exactly for "
                "the value and expected objectives), the range within which the recommended portfolio stays optimal.",
                f"SMAA-2 (Lahdelma and Salminen 2001): {m.get('samples')} weight vectors are drawn uniformly within "
                "the bounds and orderings of criteria.yaml and, where arguments give a range, argument strengths "
                f"within it (seed {m.get('seed')}). Rank acceptability is the share of draws giving each option "
                f"each rank. The core index re-solves the portfolio for {core} weight vectors drawn the same way and "
                "gives the share under which each option is in the optimal portfolio: core (always), exterior "
                "(never) or borderline.",
                "The risk-value frontier lists the portfolios that no other portfolio beats on both value and "
                "political-risk exposure. Scenarios scale risk likelihoods and criterion values to show how the "
                "chosen portfolio fares in each named future.",
            ],
        },
        {
            "title": "Reading the page",
            "paragraphs": [
                "Every value links to the option's argument map, and every score to its claim, arguments and quotes. "
                "The what-if panel re-optimises the portfolio in the browser for the value and expected objectives, "
                "exactly: this run's programme and rules, solved by HiGHS compiled to WebAssembly (the solver of "
                "--solver highs), with the same tie-breaking as trilat-opt (least total budget share, then the "
                "earliest option ids). A weight slider keeps its share within the bounds of criteria.yaml and "
                "rescales the others in proportion, as --weight does. Robust, regret and consensus need one solve "
                "per scenario or capital first; for those the panel shows this run's result and the command to "
                "re-run. The address of the page keeps the what-if, and the panel gives the trilat-opt report "
                "command that reproduces it.",
            ],
        },
    ]


def _evidence_block(m: dict[str, Any]) -> dict[str, Any]:
    """What 'supported', 'inferred' and the register mean, with this run's cap and counts."""
    cap = m.get("inference_cap", 0.5)
    inferred = m.get("inferred") or 0
    entries = m.get("recommendations") or 0
    return {
        "title": "Supported, inferred, and what the articles recommend",
        "paragraphs": [
            "An argument is supported when its claim says no more than its quotes. Each quote is shown inside "
            "the whole sentence it comes from, the quoted words highlighted, so a reader sees what it leaves "
            "out. Verbatim is not enough: 'trilat-opt sources check' warns where a quote is a clause clipped "
            "from a sentence that opens with 'Even if', 'Although', 'However' or the like, and where one "
            "sentence is cited for an option in one place and against one in another. A reviewed exception "
            "says on the quote itself why it is faithful; exceptions are counted and listed, never silenced "
            "in bulk.",
            f"An argument is inferred when its claim rests on the analyst's reasoning beyond the quotes; the "
            f"page marks it and shows the reasoning. Its base strength and both ends of its range count at most "
            f"{cap:g} (inference_cap in criteria.yaml), so reasoning never weighs as much as a source can. "
            f"This run has {inferred} inferred argument{'' if inferred == 1 else 's'}.",
            "A con records a harm, a contest or a fragility that an article describes now (publics wary of a "
            "kind of cooperation, a format new leaders can drop at little cost); 'adds little' is not a con, "
            "since a con pushes a score below the neutral base. A political risk that could derail an option "
            "later (a tariff escalation, an election, a history flare-up) is an exposure, priced by the "
            "optimizer, and is not counted again as a con.",
            f"The recommendations register ({entries} entr{'y' if entries == 1 else 'ies'}) lists every concrete "
            "recommendation of the articles in our words, with the paragraph that makes it and the options "
            "that carry it, and shows whether this run's portfolio chooses them. An entry no option carries is "
            "advice the menu does not offer yet. Where the articles disagree, the newer one is current; each "
            "citation shows its article's date.",
        ],
    }


ELICITED = {
    "rank": "the rank-order centroid of a ranking of the criteria (the centre of all weights that keep it)",
    "swing": "swing weighting: the swings from worst to best on each criterion were ranked, then each was rated "
    "against the top one (100)",
    "ahp": "AHP: the criteria were compared two at a time on Saaty's 1–9 scale, and the weights are the principal "
    "eigenvector of the judgements",
}
GROUPED = {"ahp": "their judgements combined by geometric mean", "rank": "their weights averaged"}


def _roadmap_block(data: ReportData) -> list[dict[str, Any]]:
    """How the roadmap is planned, when this run has one (a full report; --quick skips it)."""
    plan = data.summary.get("roadmap")
    if not plan:
        return []
    periods = plan.get("periods") or []
    span = f"{periods[0]} to {periods[-1]}, {len(periods)} periods" if periods else "criteria.yaml's horizon"
    solved = "proved optimal" if plan.get("status") == "optimal" else f"found with status {plan.get('status')}"
    return [
        {
            "title": "When to start each option: the roadmap",
            "paragraphs": [
                f"A second 0/1 programme chooses, for each option, the period in which to start it ({span}), "
                f"maximising {plan.get('objective')} value delivered within the horizon. Each period has its own "
                "limits on spending and political capital and a cap on new initiatives per capital; an option "
                "delivers after its lead time, and an option it requires must deliver before it starts unless the "
                "two may run in parallel.",
                "An option still under way when a leadership event occurs in a capital it depends on survives "
                "with probability 1 - p(1 - d): p is the event's chance of reversing unfinished cooperation and "
                "d the option's institutional-durability score from the arguments, so durable options are safer "
                "to start before a transition. The events' dates and chances are assumptions unless a source is "
                "cited in criteria.yaml. Value lost by a one-period delay and the lock-in before each event hold "
                f"the rest of the plan fixed. This plan was {solved}.",
            ],
        }
    ]


def _profiles_block(m: dict[str, Any]) -> dict[str, Any]:
    """How each capital's weights were obtained: typed into criteria.yaml, or elicited (`trilat-opt elicit`)."""
    paragraphs = [
        "Weights are relative: each counts divided by the sum of its set. Each capital's profile and the "
        "reason it gives:"
    ]
    for p in m.get("profiles") or []:
        how = _elicited(p["elicited"]) if p.get("elicited") else "stated directly in criteria.yaml"
        basis = f" Basis: {p['basis']}" if p.get("basis") else ""
        paragraphs.append(f"{p['name']}: {how}.{basis}")
    return {"title": "Where the weights come from", "paragraphs": paragraphs}


def _elicited(e: dict[str, Any]) -> str:
    n = e.get("analysts", 1)
    who = f"{n} analysts, {GROUPED.get(e['method'], 'their weights averaged')}" if n > 1 else "one analyst"
    files = ", ".join(e.get("answers") or []) or "an interactive session not saved to a file"
    text = f"elicited on {e['date']} by {ELICITED[e['method']]} ({who}; answers: {files})"
    if e.get("consistency_ratio") is not None:
        verdict = "within" if e["consistency_ratio"] <= 0.1 else "above"
        text += f"; consistency ratio {e['consistency_ratio']:.3f}, {verdict} Saaty's threshold of 0.1"
    return text


def manifest_items(data: ReportData) -> list[dict[str, str]]:
    """Label/value rows for section 7, in a fixed order."""
    m = data.manifest
    weights = m.get("weights", {})
    rows = [
        ("trilat-opt version", m.get("version")),
        ("run name", data.run_name),
        ("input hash (SHA-256)", m.get("input_hash")),
        ("options / arguments", f"{m.get('options')} / {m.get('arguments')}"),
        ("weights", m.get("profile_name")),
        ("weight overrides", ", ".join(f"{k}={v:g}" for k, v in m.get("overrides", {}).items()) or "none"),
        ("normalised weights", ", ".join(f"{k} {v:.3f}" for k, v in weights.items())),
        ("weights outside their bounds", "; ".join(m.get("outside_bounds") or []) or "none"),
        ("objective", m.get("objective")),
        ("scenario", m.get("scenario") or "none (base likelihoods)"),
        ("argument semantics", m.get("semantics")),
        ("solver", m.get("solver_detail") or m.get("solver")),
        ("samples", m.get("samples")),
        ("seed", m.get("seed")),
        ("generated", f"{m.get('generated')} (UTC; SOURCE_DATE_EPOCH fixes it, for byte-identical reruns)"),
        ("timings", _timings(m.get("timings"))),
        ("command", m.get("command")),
    ]
    return [{"label": k, "value": str(v)} for k, v in rows]


def _timings(t: dict[str, float] | None) -> str:
    if not t:
        return (
            "not recorded in the files, so that reruns are byte-identical (printed on stderr; --timings records them)"
        )
    return ", ".join(f"{k} {v:.2f} s" for k, v in t.items())
