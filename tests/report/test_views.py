"""The page's table views (report/views.py): which tables show, their labels, how numbers read, and
where cells link (an option's value to its argument map, a score to its claim, an argument to
itself). Checked on the rendered rows of the four-option project's report (`small`)."""

from __future__ import annotations

import pytest

from trilat_opt.report import build
from trilat_opt.report.views import VIEWS, build_views, fmt_num


@pytest.fixture(scope="module")
def views(small):
    return build_views(small)


def cells(view, row: int) -> dict[str, object]:
    """Row `row` of a view as {column label: cell}; repeated labels ("rank") keep the last."""
    return {c.label: cell for c, cell in zip(view.columns, view.rows[row]["cells"], strict=True)}


def column(view, label: str) -> list[object]:
    i = [c.label for c in view.columns].index(label)
    return [r["cells"][i] for r in view.rows]


def test_a_view_shows_for_every_computed_table_and_names_its_csv(small, views):
    assert set(views) == {key for key, (source, _) in VIEWS.items() if source in small.tables}
    assert set(views) == set(VIEWS)  # a full report of this project computes every table
    for key, view in views.items():
        assert view.csv == f"{VIEWS[key][0]}.csv"
        assert len(view.rows) == len(small.tables[VIEWS[key][0]]), key
    assert views["weights"].csv == "criteria.csv"


def test_a_quick_report_has_no_view_for_what_it_skipped(small_cat):
    quick = build_views(build(small_cat, samples=50, seed=1, full=False))
    assert not {"frontier", "core", "criticality"} & set(quick)
    assert [c.label for c in quick["stability"].columns] == ["criterion", "weight", "top option: lowest", "highest"]


def test_portfolio_rows_link_each_option_and_format_its_numbers(small, views):
    port, view = small.tables["portfolio"], views["portfolio"]
    assert (view.id, view.caption) == ("t-portfolio", "Chosen options")
    assert [c.label for c in view.columns] == ["option", "domain", "countries", "value", "survival chance", "money"]
    for i, (oid, row) in enumerate(port.iterrows()):
        got = cells(view, i)
        assert (got["option"].text, got["option"].href) == (row["title"], f"#opt-{oid}")
        value = got["value"]
        assert (value.text, value.sort, value.href, value.num) == (
            fmt_num(row["value"]),
            repr(float(row["value"])),
            f"#opt-{oid}",
            True,
        )
        assert got["survival chance"].text == f"{100 * row['survival']:.1f}%"
        assert got["money"].text == fmt_num(row["cost:money"]) and got["money"].href is None
        assert got["domain"].sort is None  # text columns sort as text


def test_ranking_rows_of_chosen_options_are_marked(small, views):
    ranking, view = small.tables["ranking"], views["ranking"]
    assert [r["css"] for r in view.rows] == ["chosen" if s else "" for s in ranking["selected"]]
    labels = [c.label for c in view.columns]
    assert labels[:3] == ["option", "domain", "additive value"] and labels[-1] == "in portfolio"
    assert [c.text for c in column(view, "in portfolio")] == [fmt_num(bool(s)) for s in ranking["selected"]]
    assert [c.href for c in column(view, "additive value")] == [f"#opt-{o}" for o in ranking.index]


def test_argument_rows_link_the_argument_its_option_and_its_claim(small, views):
    args, view = small.tables["arguments"], views["arguments"]
    for i, (aid, row) in enumerate(args.iterrows()):
        got = cells(view, i)
        assert (got["argument"].text, got["argument"].href) == (aid, f"#arg-{aid}")
        assert got["option"].href == f"#opt-{row['option']}"
        assert got["criterion"].href == f"#ev-{row['option']}-{row['criterion']}"
        assert got["base"].href == got["final"].href == f"#arg-{aid}"
        assert got["final"].text == fmt_num(row["final"])


def test_shares_read_as_percentages_and_flags_as_marks(small, views):
    smaa = small.tables["smaa"]
    assert [c.text for c in column(views["smaa"], "rank-1 acceptability")] == [f"{100 * v:.1f}%" for v in smaa["first"]]
    scen = cells(views["scenarios"], 0)
    assert scen["probability"].text == "20.0%" and scen["scenario"].text == "Crisis"
    flags = small.tables["capital_portfolios"]
    marks = [c.text for c in column(views["capital_portfolios"], "Tokyo")]
    assert marks == ["●" if v else "" for v in flags["Tokyo"]]
    consensus = cells(views["capitals"], len(small.tables["capitals"]) - 1)
    assert consensus["own best value"].text == "–"  # the consensus row has no value of its own


def test_core_and_frontier_rows_mark_the_chosen_portfolio(small, views):
    core = small.tables["core"]
    assert [r["css"] for r in views["core"].rows] == ["chosen" if s else "" for s in core["selected"]]
    frontier = small.tables["frontier"]
    assert [r["css"] for r in views["frontier"].rows] == ["chosen" if c else "" for c in frontier["chosen"]]


def test_the_weights_view_shows_criterion_ids_and_both_weight_sets(small, views):
    crit, view = small.tables["criteria"], views["weights"]
    assert [c.text for c in column(view, "criterion id")] == list(crit.index)
    assert [c.text for c in column(view, "criteria.yaml")] == [fmt_num(v) for v in crit["base_weight"]]
    assert [c.text for c in column(view, "this run")] == [fmt_num(v) for v in crit["weight"]]
