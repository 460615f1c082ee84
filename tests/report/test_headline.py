"""The summary (report/headline.py): each sentence and headline number states what the tables say.

Checked on the four-option project of conftest.py (`small`), whose tables test_steps.py checks by
hand; here the expected sentences are written out from those tables.
"""

from __future__ import annotations

import re

import pytest

from trilat_opt.optimize.objectives import OBJECTIVE_RECORDS
from trilat_opt.report import build
from trilat_opt.report.views import fmt_num

from .conftest import SMALL_CRITERIA, write_small


def test_the_recommendation_says_how_many_options_under_which_weights_and_their_total(small):
    port = small.tables["portfolio"]
    label, meaning = (OBJECTIVE_RECORDS["value"].total, OBJECTIVE_RECORDS["value"].meaning)
    assert small.summary["sentences"][0] == (
        f"Under the weights in criteria.yaml and the 'value' objective, the optimizer recommends {len(port)} of "
        f"the 4 options. Its {label} is {fmt_num(small.summary['objective_value'])}: {meaning}."
    )
    assert small.summary["sentences"][1] == "security (3): Option alpha, Option beta and Option delta."


def test_the_tightest_limits_the_weakest_option_and_the_proof_are_read_from_the_tables(small):
    sentences = small.summary["sentences"]
    cons = small.tables["constraints"].set_index("label")
    risk = cons.loc["History flare-up", "used"] / cons.loc["History flare-up", "limit"]
    money = cons.loc["Money", "used"] / cons.loc["Money", "limit"]
    assert risk > money  # so the risk cap comes first; the cardinality rule is not a limit here
    assert (
        f"The tightest limits are History flare-up ({100 * risk:.0f}% used) and Money ({100 * money:.0f}% used)."
        in (sentences)
    )
    port = small.tables["portfolio"]
    weakest = port["survival"].idxmin()
    assert weakest == "alpha"  # the most exposed of the chosen options
    assert (
        f"The option most at risk is Option alpha, with a {100 * port.loc[weakest, 'survival']:.0f}% chance "
        "of surviving its political risks." in sentences
    )
    assert "The portfolio was proved optimal by CBC." in sentences


def test_robustness_sentences_name_the_smaa_leader_and_the_consensus_share(small):
    smaa, caps = small.tables["smaa"], small.tables["capitals"]
    leader = smaa["first"].idxmax()
    assert (
        f"Across 200 sampled weightings, Option {leader} ranks first most often "
        f"({100 * smaa.loc[leader, 'first']:.0f}% of samples)." in small.summary["sentences"]
    )
    (sentence,) = [s for s in small.summary["sentences"] if s.startswith("A consensus portfolio")]
    found = re.fullmatch(
        r"A consensus portfolio gives every capital at least (\d+)% of the value it could get alone\.", sentence
    )
    # Here the share is 0.725 (seoul gets 0.25 of 0.32, tokyo 0.435 of 0.6): either rounding may show.
    assert found and int(found[1]) == pytest.approx(100 * caps.loc["consensus", "satisfaction"], abs=0.5 + 1e-9)


def test_headline_numbers_match_the_tables(small):
    port, core = small.tables["portfolio"], small.tables["core"]
    chosen = core[core["selected"]]
    share = small.tables["capitals"].loc["consensus", "satisfaction"]
    *numbers, (label, least) = [(h["label"], h["value"]) for h in small.summary["headline"]]
    assert (label, int(least.rstrip("%"))) == (
        "least-satisfied capital (consensus)",
        pytest.approx(100 * share, abs=0.5 + 1e-9),
    )
    assert [{"label": k, "value": v} for k, v in numbers] == [
        {"label": "options chosen of 4", "value": str(len(port))},
        {"label": "portfolio value", "value": fmt_num(small.summary["objective_value"])},
        {"label": "mean survival chance", "value": f"{100 * port['survival'].mean():.0f}%"},
        {"label": "budgets at their limit of 1", "value": "0"},  # money: 8 of 10 used
        {"label": "chosen options with core index ≥ 90%", "value": f"{(chosen['core'] >= 0.9).sum()} of {len(chosen)}"},
    ]


def test_hinges_are_the_nearest_ends_of_the_portfolio_intervals_and_say_what_changes(small):
    stab = small.tables["stability"]
    titles = small.tables["options"]["title"]
    ends = []
    for c, r in stab.iterrows():
        if r["portfolio_low"] > 1e-9:
            ends.append((r["weight"] - r["portfolio_low"], c, "low"))
        if r["portfolio_high"] < 1 - 1e-9:
            ends.append((r["portfolio_high"] - r["weight"], c, "high"))
    expected = []
    for _, c, side in sorted(ends)[:3]:
        r = stab.loc[c]
        verb = "falls below" if side == "low" else "rises above"
        parts = []
        for key, word in (("enters", "enter"), ("leaves", "leave")):
            ids = [i for i in r[f"portfolio_{side}_{key}"].split(", ") if i]
            if ids:
                names = " and ".join(titles[i] for i in ids)  # one or two options here
                parts.append(f"{names} {word}{'s' if len(ids) == 1 else ''}")
        change = "the recommended portfolio changes" + (": " + "; ".join(parts) if parts else "") + "."
        detail = f"now {fmt_num(r['weight'])}; if it {verb} {fmt_num(r[f'portfolio_{side}'])}, {change}"
        expected.append({"label": f"the weight on {r['name']}", "detail": detail, "href": "#t-stability"})
    assert len(expected) >= 2
    assert small.summary["hinges"] == expected


def test_a_quick_report_hinges_on_the_top_option_instead(small_cat):
    quick = build(small_cat, samples=50, seed=1, full=False)
    stab, titles = quick.tables["stability"], quick.tables["options"]["title"]
    assert quick.summary["hinges"], "the small project has finite top-option intervals"
    for hinge in quick.summary["hinges"]:
        row = stab.set_index("name").loc[hinge["label"].removeprefix("the weight on ")]
        side = "low" if "falls below" in hinge["detail"] else "high"
        other = row["top_below" if side == "low" else "top_above"]
        assert hinge["detail"] == (
            f"now {fmt_num(row['weight'])}; if it {'falls below' if side == 'low' else 'rises above'} "
            f"{fmt_num(row[side])}, {titles[other]} overtakes {titles[row['top']]} at the top of the additive ranking."
        )


def test_a_profile_run_names_the_profile_and_the_objective_its_total(small_cat):
    data = build(small_cat, profile="Tokyo", objective="expected", samples=50, seed=1, full=False)
    label, meaning = (OBJECTIVE_RECORDS["expected"].total, OBJECTIVE_RECORDS["expected"].meaning)
    first = data.summary["sentences"][0]
    assert first.startswith("Under the tokyo profile's weights and the 'expected' objective, the optimizer recommends")
    assert f"Its {label} is {fmt_num(data.summary['objective_value'])}: {meaning}." in first
    assert {"label": label, "value": fmt_num(data.summary["objective_value"])} in data.summary["headline"]


def test_no_portfolio_says_so_and_what_to_relax(small_cat):
    forced = build(small_cat, samples=50, seed=1, include=sorted(o.id for o in small_cat.options), full=False)
    sentences = forced.summary["sentences"]
    assert sentences[0] == "No portfolio satisfies every rule (solver status: infeasible)."
    assert sentences[1].startswith("To make one possible: ") and "money" in sentences[1].lower()
    assert forced.summary["headline"] == []  # no portfolio, no consensus, no core index: no numbers


def test_an_empty_portfolio_recommends_none_and_says_why(tmp_path):
    import trilat_opt

    none_allowed = SMALL_CRITERIA.replace("max_options: 5", "max_options: 0")
    data = build(trilat_opt.load(write_small(tmp_path, none_allowed)), samples=50, full=False)
    assert data.summary["sentences"][0] == (
        "Under the 'value' objective the optimizer recommends none of the 4 options: the portfolio rules "
        "allow no option (see the rules below), or no option adds value over the neutral base."
    )
    assert {"label": "mean survival chance", "value": "–"} in data.summary["headline"]


@pytest.mark.parametrize("objective", list(OBJECTIVE_RECORDS))
def test_every_objective_total_is_the_one_figure_stated(small_cat, objective):
    data = build(small_cat, objective=objective, samples=50, seed=1, full=False)
    label, _ = (OBJECTIVE_RECORDS[objective].total, OBJECTIVE_RECORDS[objective].meaning)
    stated = [h for h in data.summary["headline"] if h["label"] == label]
    assert stated == [{"label": label, "value": fmt_num(data.summary["objective_value"])}]
    assert data.summary["sentences"][0].count(f"Its {label} is ") == 1
