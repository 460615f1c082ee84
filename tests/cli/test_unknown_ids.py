"""Every command that takes an id answers an unknown one with a "did you mean" and the full list
of known ids, and matches profile names in any case (issue 17, item 6). The hint itself is tested
in tests/test_ids.py."""

from __future__ import annotations

import pytest

import trilat_opt
from factories import run_cli


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (
            ["optimize", "--include", "leader-summit"],
            "--include 'leader-summit': unknown option; did you mean 'leader-summits'?",
        ),
        (
            ["optimize", "--exclude", "Leader-Summits"],
            "--exclude 'Leader-Summits': unknown option; did you mean 'leader-summits'?",
        ),
        (
            ["optimize", "--scenario", "tarrif-escalation"],
            "--scenario 'tarrif-escalation': unknown scenario; did you mean 'tariff-escalation'?",
        ),
        (["rank", "--profile", "tokio"], "--profile 'tokio': unknown profile; did you mean 'tokyo'?"),
        (["rank", "--weight", "deterence=0.3"], "--weight 'deterence': unknown criterion; did you mean 'deterrence'?"),
        (["argue", "leader-summit"], "unknown option 'leader-summit'; did you mean 'leader-summits'?"),
        (["argue", "leader-summits", "-c", "Deterence"], "unknown criterion 'Deterence'; did you mean 'deterrence'?"),
        (["options", "show", "leader-summit"], "options show: unknown option 'leader-summit'; did you mean"),
        (["report", "--quick", "--scenario", "history"], "--scenario 'history': unknown scenario"),
    ],
)
def test_every_unknown_id_gets_a_hint_and_the_full_list(project_root, capsys, args, start):
    code, out, err = run_cli(capsys, "--project", str(project_root), *args)
    assert code == 2 and out == "", err
    assert err.startswith(start), err
    cat = trilat_opt.load(project_root)
    kind = start.split("unknown ")[1].split()[0].strip("';")
    known = {
        "option": cat.option_ids,
        "criterion": cat.criterion_ids,
        "profile": [p.id for p in cat.frame.profiles],
        "scenario": [s.id for s in cat.frame.scenarios],
    }[kind]
    assert f"(known: {', '.join(known)})" in err


def test_profile_names_match_in_any_case(project_root, capsys):
    _, lower, _ = run_cli(capsys, "--project", str(project_root), "rank", "--profile", "tokyo", "--format", "csv")
    _, upper, _ = run_cli(capsys, "--project", str(project_root), "rank", "--profile", "TOKYO", "--format", "csv")
    assert lower == upper and lower
