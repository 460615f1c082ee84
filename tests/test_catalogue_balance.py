"""The shipped catalogue is an honest evaluation, not advocacy (issue 4), and argues only what
the articles say (issue 11).

Every article is drawn on, every criterion argued across the menu, objections carry real weight,
and every political risk lands on several options. The re-read of issue 11 dropped arguments the
articles do not support (cons from silence, "adds little" coded as harm, evidence moved from one
thing to another, cons that only restate a risk the exposures already price), so the targets are
what the articles bear: a criterion on a fifth of the menu (technological edge is argued on a
fifth), cons where an article raises a present harm, contest or fragility (about one argument in
eight, on a third of the options), and future political risks priced as exposures, not as cons.
The figures are counted here directly from the loaded models, independently of
`trilat_opt.sources.coverage`, which must agree with them.
Every quote must be verbatim in the paragraph it cites, checked against the real articles.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import trilat_opt
from trilat_opt.model import Catalogue
from trilat_opt.sources import check_quotes, coverage, read_sources


@pytest.fixture(scope="module")
def cat(project_root: Path) -> Catalogue:
    return trilat_opt.load(project_root)


def test_every_article_is_cited_at_least_8_times(cat: Catalogue) -> None:
    cited = Counter(ev.source for _, a in cat.arguments() for ev in a.evidence)
    keys = [s.key for s in cat.sources]
    assert len(keys) == 5
    assert {k: cited[k] for k in keys if cited[k] < 8} == {}


def test_every_criterion_is_argued_on_at_least_a_fifth_of_the_options(cat: Catalogue) -> None:
    argued = {c: {o.id for o, a in cat.arguments() if a.criterion == c} for c in cat.criterion_ids}
    short = {c: len(opts) for c, opts in argued.items() if 5 * len(opts) < len(cat.options)}
    assert short == {}, f"criteria argued on fewer than {len(cat.options) / 5:.1f} options"


def test_con_arguments_are_at_least_a_tenth(cat: Catalogue) -> None:
    stances = Counter(a.stance for _, a in cat.arguments())
    assert 10 * stances["con"] >= stances["pro"] + stances["con"], stances


def test_every_risk_is_carried_by_at_least_3_options(cat: Catalogue) -> None:
    carried = {r.id: [o.id for o in cat.options if o.exposure(r.id) > 0] for r in cat.frame.risks}
    assert {r: len(opts) for r, opts in carried.items() if len(opts) < 3} == {}


def test_coverage_report_agrees_and_finds_no_shortfall(cat: Catalogue) -> None:
    rep = coverage(cat)
    assert rep.balance_problems() == []
    assert rep.arguments == len(cat.arguments())
    assert rep.articles["citations"].sum() == sum(len(a.evidence) for _, a in cat.arguments())


def test_menu_is_large_and_every_option_is_argued(cat: Catalogue) -> None:
    assert len(cat.options) >= 40
    thin = {o.id: len(o.arguments) for o in cat.options if len(o.arguments) < 2}
    assert thin == {}, "options with fewer than two arguments"
    with_cons = sum(any(a.stance == "con" for a in o.arguments) for o in cat.options)
    assert 4 * with_cons >= len(cat.options), "a quarter of the options should carry a cost the articles raise"


def test_quotes_are_short(cat: Catalogue) -> None:
    long = [(o.id, a.id) for o, a in cat.arguments() for ev in a.evidence if len(ev.quote.split()) > 40]
    assert long == []


def test_every_cost_and_exposure_says_why(cat: Catalogue) -> None:
    bare = [(o.id, "cost", b) for o in cat.options for b, c in o.costs.items() if not c.basis.strip()]
    bare += [(o.id, "exposure", r) for o in cat.options for r, e in o.exposures.items() if not e.basis.strip()]
    assert bare == []


def test_at_least_5_arguments_rebut_or_reinforce_others(cat: Catalogue) -> None:
    """Rebuttals record where one article answers another (a newer one a pre-election concern)."""
    linked = [a.id for _, a in cat.arguments() if a.attacks or a.supports]
    assert len(linked) >= 5, linked


def test_every_shipped_quote_is_verbatim(cat: Catalogue, sources_dir: Path) -> None:
    report = check_quotes(cat, read_sources(sources_dir))
    assert report.checked == sum(len(a.evidence) for _, a in cat.arguments())
    assert report.failures == (), "\n" + str(report.error())
