"""The summary states one total, the objective's, and says what it counts (issue 17, item 7)."""

from __future__ import annotations

from trilat_opt.optimize.objectives import OBJECTIVE_RECORDS
from trilat_opt.report.views import fmt_num


def test_the_summary_states_one_total(report_data):
    value = report_data.summary["objective_value"]
    first = report_data.summary["sentences"][0]
    label, meaning = OBJECTIVE_RECORDS["value"].total, OBJECTIVE_RECORDS["value"].meaning
    assert f"Its {label} is {fmt_num(value)}: {meaning}." in first
    assert "worth" not in first and first.count(fmt_num(value)) == 1
    totals = [h for h in report_data.summary["headline"] if "value" in h["label"]]
    assert totals == [{"label": "portfolio value", "value": fmt_num(value)}]


def test_every_objective_has_one_record_in_the_order_the_command_line_offers():
    from trilat_opt.names import OBJECTIVES

    assert list(OBJECTIVE_RECORDS) == list(OBJECTIVES)
    assert all(r.total and r.meaning and r.aim for r in OBJECTIVE_RECORDS.values())
