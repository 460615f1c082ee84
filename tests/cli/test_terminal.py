"""User text reaches the terminal literally: no rich markup, no emoji codes, no control sequences.

Findings 8 and 9: a title "Summits [/]" made `options list` and `options show` exit 1
(MarkupError), "[sic]" vanished, "[link=...]" became a hyperlink, an error on line 100 printed as
an emoji, and ESC sequences in a title reached the terminal verbatim.
"""

from __future__ import annotations

import pytest

from factories import run_cli, shipped_copy

TITLE = r'"Summits [/] [link=http://evil.example]x[/link] \e]0;owned\a\e[2J :100: \u202eevil"'
CLAIM = r'"[sic] [bold]A yearly\e[31m summit\x9b2J"'
LS = "options/leader-summits.yaml"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    shipped_copy(root, {LS: ("title: Regular leader-level summits", f"title: {TITLE}")})
    lines = (root / LS).read_text().splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("    claim: "))
    lines[first] = f"    claim: {CLAIM}"  # the first argument's claim, whatever the catalogue says
    (root / LS).write_text("\n".join(lines) + "\n")
    return root


def _assert_literal(out: str) -> None:
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out and "\u202e" not in out
    assert "💯" not in out


@pytest.mark.parametrize(
    "args",
    [["options", "show", "leader-summits"], ["options", "list"], ["argue", "leader-summits"], ["rank"]],
)
def test_markup_and_control_characters_in_option_text_are_shown_literally(hostile, capsys, args):
    code, out, err = run_cli(capsys, "--project", str(hostile), *args)
    assert code == 0, err
    _assert_literal(out + err)
    if args[0] in ("options", "argue") and args[-1] == "leader-summits":
        flat = " ".join(out.split())
        assert "Summits [/] [link=http://evil.example]x[/link] ]0;owned[2J :100: evil" in flat
    if args[0] == "argue":
        assert "[sic] [bold]A yearly[31m summit2J" in " ".join(out.split())


def test_options_list_keeps_brackets_in_titles(hostile, capsys):
    code, out, _ = run_cli(capsys, "--project", str(hostile), "options", "list", "--format", "json")
    assert code == 0 and "Summits [/]" in out  # JSON keeps the text (with its escapes) for machines
    code, out, _ = run_cli(capsys, "--project", str(hostile), "options", "list")
    assert code == 0 and "[/]" in out


def test_an_error_on_line_100_is_not_an_emoji(tmp_path, capsys):
    root = shipped_copy(tmp_path)
    lines = (root / "criteria.yaml").read_text().splitlines(keepends=True)
    # The first profile weight; comment lines above it move it to line 100 whatever the file holds.
    at = next(k for k, ln in enumerate(lines) if ln.startswith("      deterrence: "))
    lines[at : at + 1] = ["# padding\n"] * (99 - at) + ["      deterrence: -1\n"]
    (root / "criteria.yaml").write_text("".join(lines))
    code, _, err = run_cli(capsys, "--project", str(root), "validate")
    assert code == 2
    assert "criteria.yaml:100:19: profiles[0].weights.deterrence: input should be" in err
    _assert_literal(err)


def test_control_characters_in_error_messages_are_removed(tmp_path, capsys):
    root = shipped_copy(tmp_path, {LS: ("  - option: routine-ministerials\n", '  - option: "evil\\e[2J"\n')})
    code, _, err = run_cli(capsys, "--project", str(root), "validate")
    assert code == 2 and "synergies[0].option" in err
    _assert_literal(err)
