"""Unknown ids get a way out: a "did you mean", ignoring case, and every known id (issue 17, item 6)."""

from __future__ import annotations

from trilat_opt.ids import did_you_mean, unknown


def test_the_hint_ignores_case_and_the_list_is_never_cut():
    known = [f"option-{i:02d}" for i in range(30)]
    message = unknown("option", "OPTION-07", known, "--include")
    assert message.startswith("--include 'OPTION-07': unknown option; did you mean 'option-07'?")
    assert message.endswith(f"(known: {', '.join(known)})")
    assert did_you_mean("zzz", known) is None
