"""Small valid projects written per test, so tests never depend on the shipped catalogue."""

from __future__ import annotations

from pathlib import Path

CRITERIA = """\
kind: trilat-opt/criteria
version: 1
neutral_base: 0.5
criteria:
  - id: deterrence
    name: Deterrence
    weight: 0.6
  - id: resilience
    name: Resilience
    weight: 0.4
profiles:
  - id: tokyo
    name: Tokyo
    country: JP
    weights: {deterrence: 0.7, resilience: 0.3}
risks:
  - id: history
    name: History flare-up
    countries: [JP, KR]
    likelihood: 0.3
    cap: 1.0
scenarios:
  - id: crisis
    name: Crisis
    probability: 0.2
    risks: {history: 2.0}
budgets:
  - id: money
    name: Money
    limit: 10
rules:
  min_options: 0
  max_options: 5
"""

SOURCES = """\
sources:
  - key: art
    file: art.txt
    title: An article
"""


def option_text(oid: str, *, extra: str = "", arg_prefix: str | None = None) -> str:
    """A valid option file with two arguments (one pro, one con)."""
    p = arg_prefix or oid
    return f"""\
kind: trilat-opt/option
version: 1
id: {oid}
title: Option {oid}
domain: security
summary: A test option.
countries: [US, JP]
costs:
  money: {{amount: 2, basis: "assumption: test"}}
exposures:
  history: {{level: 0.4, basis: "assumption: test"}}
arguments:
  - id: {p}-pro
    criterion: deterrence
    stance: pro
    strength: 0.7
    claim: It deters.
    evidence:
      - {{source: art, paragraph: 1, quote: "a quote"}}
  - id: {p}-con
    criterion: resilience
    stance: con
    strength: 0.4
    claim: It costs resilience.
    evidence:
      - {{source: art, paragraph: 2, quote: "another quote"}}
{extra}"""


def write_project(root: Path, options: dict[str, str] | None = None, criteria: str = CRITERIA) -> Path:
    """Write criteria.yaml, sources.yaml and option files under `root`; return `root`."""
    (root / "options").mkdir(parents=True, exist_ok=True)
    (root / "criteria.yaml").write_text(criteria, encoding="utf-8")
    (root / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    if options is None:
        options = {"alpha": option_text("alpha"), "beta": option_text("beta")}
    for oid, text in options.items():
        (root / "options" / f"{oid}.yaml").write_text(text, encoding="utf-8")
    return root


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run the `trilat-opt` CLI in-process; return (exit code, stdout, stderr)."""
    from trilat_opt.cli import main

    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err
