"""The README stays true: its Python example runs, and its commands name real commands and flags."""

from __future__ import annotations

import re

from factories import run_cli


def _blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, flags=re.S)


def test_python_example_runs(project_root, monkeypatch):
    monkeypatch.chdir(project_root)
    blocks = _blocks((project_root / "README.md").read_text(), "python")
    assert blocks
    for code in blocks:
        namespace: dict = {}
        exec(compile(code, "README.md", "exec"), namespace)
        ev = namespace["ev"]
        assert ev.scores.shape == (len(ev.catalogue.options), len(ev.catalogue.criteria))
        assert set(namespace["data"].tables["portfolio"].index) == set(namespace["seoul"].portfolio)


def test_first_two_commands_are_install_run_and_test(project_root):
    first, second = _blocks((project_root / "README.md").read_text(), "bash")[:2]
    assert "pip install" in first and "trilat-opt report" in first
    assert "[test,dev]" in second and "pytest" in second
    assert second.strip() in (project_root / ".ci" / "run").read_text()


def test_every_listed_command_exists(project_root, capsys):
    text = (project_root / "README.md").read_text()
    table = text.split("trilat-opt [--project DIR] [--debug] COMMAND", 1)[1].split("```", 1)[0]
    for line in table.strip().splitlines():
        words = line.split()
        if not words or not words[0][0].isalpha():
            continue
        code, out, _ = run_cli(capsys, words[0], "--help")
        assert code == 0 and "Usage" in out, f"README lists '{words[0]}', which has no --help"
