"""Helpers for tests: small valid projects written per test (so tests never depend on the shipped
catalogue), copies of the shipped one, and the one way to run the CLI."""

from __future__ import annotations

import re
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


RANGED_CRITERIA = """\
kind: trilat-opt/criteria
version: 1
neutral_base: 0.5
criteria:
  - {id: deterrence, name: Deterrence, weight: 0.5, bounds: [0.2, 0.8]}
  - {id: resilience, name: Resilience, weight: 0.3}
  - {id: legitimacy, name: Legitimacy, weight: 0.2}
weight_order: [[deterrence, legitimacy]]
risks:
  - {id: history, name: History, countries: [JP, KR], likelihood: 0.3, cap: 1.0}
budgets:
  - {id: money, name: Money, limit: 6}
rules: {min_options: 1, max_options: 3}
"""

def _ranged_option(oid: str, cost: float, exposure: float, arguments: list[tuple[str, str, str, float, str]]) -> str:
    """An option file; each argument is (id, criterion, stance, strength, extra YAML such as a range)."""
    args = "".join(
        f"""  - id: {aid}
    criterion: {crit}
    stance: {stance}
    strength: {strength}
    claim: A claim.
    evidence: [{{source: art, paragraph: 1, quote: "a quote"}}]
{extra}"""
        for aid, crit, stance, strength, extra in arguments
    )
    return f"""\
kind: trilat-opt/option
version: 1
id: {oid}
title: Option {oid}
domain: security
summary: A test option.
countries: [US, JP]
costs: {{money: {{amount: {cost}}}}}
exposures: {{history: {{level: {exposure}}}}}
arguments:
{args}"""


def write_tiny_project(root: Path) -> Path:
    """Four options with distinct arguments (some with ranges, one rebuttal across options)."""
    (root / "options").mkdir(parents=True, exist_ok=True)
    (root / "criteria.yaml").write_text(RANGED_CRITERIA)
    (root / "sources.yaml").write_text(SOURCES)
    options = {
        "alpha": _ranged_option(
            "alpha",
            2,
            0.4,
            [("a-det", "deterrence", "pro", 0.7, "    range: [0.5, 0.9]\n"), ("a-res", "resilience", "con", 0.3, "")],
        ),
        "beta": _ranged_option(
            "beta",
            3,
            0.3,
            [("b-det", "deterrence", "pro", 0.5, ""), ("b-leg", "legitimacy", "pro", 0.8, "    range: [0.6, 0.9]\n")],
        ),
        "gamma": _ranged_option(
            "gamma",
            2,
            0.5,
            [("g-res", "resilience", "pro", 0.75, ""), ("g-det", "deterrence", "con", 0.2, "    attacks: [a-det]\n")],
        ),
        "delta": _ranged_option("delta", 1, 0.2, [("d-leg", "legitimacy", "pro", 0.4, "")]),
    }
    for oid, text in options.items():
        (root / "options" / f"{oid}.yaml").write_text(text)
    return root


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run the `trilat-opt` CLI in-process; return (exit code, stdout, stderr).

    The one way tests run a command: `main` exits through SystemExit for every code but 0, and
    the captured output is read (and cleared) here, so each call sees only its own output.
    """
    from trilat_opt.cli import main

    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


WIDTH = 80
"""The narrowest terminal the CLI supports (the `narrow` fixture of tests/cli sets it)."""
_LOCATED = re.compile(r"^\s*\S+\.(yaml|yml|json):\d+:\d+: ")
"""Lines led by file:line:col: are never wrapped, so editors can jump to them (`common.warn`)."""


def assert_fits(text: str, what: str) -> None:
    """`text` (a command's output) fits WIDTH columns and no table cell was cut to `…`."""
    assert "…" not in text, f"{what}: a cell was cut:\n{text}"
    long = [line for line in text.splitlines() if len(line.rstrip()) > WIDTH and not _LOCATED.match(line)]
    assert not long, f"{what}: lines wider than {WIDTH} columns:\n" + "\n".join(long)


def scaled_project(root: Path, n: int, template: Path | None = None) -> Path:
    """A project of `n` options under `root`: copies of the shipped options, each copy with its own
    ids (suffix ``-c<k>``) and references to options and arguments of the same copy.

    Large catalogues made this way keep the shipped frame, evidence and rebuttal structure, so
    they exercise every stage as real catalogues would (scale tests and `benchmarks/bench_scale.py`).
    """
    import shutil

    import yaml

    from trilat_opt.yamlio import read_yaml

    src = template or Path(__file__).resolve().parents[1]
    shipped = [read_yaml(p, p.name).data for p in sorted((src / "options").glob("*.yaml"))]
    (root / "options").mkdir(parents=True, exist_ok=True)
    for name in ("criteria.yaml", "sources.yaml"):
        shutil.copyfile(src / name, root / name)
    width = len(shipped)
    docs = [_suffixed(shipped[k % width], f"-c{k // width}" if k >= width else "") for k in range(n)]
    options = {d["id"] for d in docs}
    arguments = {a["id"] for d in docs for a in d.get("arguments", [])}
    for doc in docs:
        _drop_dangling(doc, options, arguments)
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=False)
        (root / "options" / f"{doc['id']}.yaml").write_text(text, encoding="utf-8")
    return root


def _perturb(doc: dict, sfx: str) -> None:
    """Make a copy a different option: strengths and costs scaled by factors drawn from its suffix.

    Exact copies would make the portfolio problem highly symmetric (24 identical twins of each
    option at 1,000 options), which no real catalogue is and which branch and bound handles badly.
    """
    import random

    rng = random.Random(sfx)
    for a in doc.get("arguments", []):
        f = rng.uniform(0.6, 1.0)
        a["strength"] = round(a["strength"] * f, 3)
        if "range" in a:
            lo, hi = a["range"]
            a["range"] = [min(round(lo * f, 3), a["strength"]), max(round(hi * f, 3), a["strength"])]
    for c in doc.get("costs", {}).values():
        c["amount"] = round(c["amount"] * rng.uniform(0.8, 1.25), 3)


def _drop_dangling(doc: dict, options: set[str], arguments: set[str]) -> None:
    """Drop references to options and arguments of a partial last copy that were not generated."""
    for rel in ("requires", "excludes"):
        doc[rel] = [i for i in doc.get(rel, []) if i in options]
    doc["synergies"] = [s for s in doc.get("synergies", []) if s["option"] in options]
    for a in doc.get("arguments", []):
        for rel in ("attacks", "supports"):
            a[rel] = [i for i in a.get(rel, []) if i in arguments]


def _suffixed(doc: dict, sfx: str) -> dict:
    """A deep copy of an option document with `sfx` appended to its own and its references' ids."""
    import copy

    out = copy.deepcopy(doc)
    if not sfx:
        return out
    _perturb(out, sfx)
    out["id"] += sfx
    for rel in ("requires", "excludes"):
        out[rel] = [i + sfx for i in out.get(rel, [])]
    for s in out.get("synergies", []):
        s["option"] += sfx
    for a in out.get("arguments", []):
        a["id"] += sfx
        for rel in ("attacks", "supports"):
            if rel in a:
                a[rel] = [i + sfx for i in a[rel]]
    return out


def shipped_copy(root: Path, edits: dict[str, tuple[str, str]] | None = None) -> Path:
    """A copy of the shipped project under `root`; `edits` maps a file (relative to the project)
    to (old, new) text replaced once, so a test starts from real files with one thing changed."""
    import shutil

    src = Path(__file__).resolve().parents[1]
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(src / "options", root / "options")
    for name in ("criteria.yaml", "sources.yaml"):
        shutil.copyfile(src / name, root / name)
    for rel, (old, new) in (edits or {}).items():
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{rel}: {old!r} not found"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def shipped_documents(ids: list[str]) -> dict[str, object]:
    """The shipped criteria, bibliography and the options `ids` as plain data (file -> document),
    with references to options and arguments outside `ids` dropped, so the subset validates."""
    from trilat_opt.yamlio import read_yaml

    src = Path(__file__).resolve().parents[1]
    docs: dict[str, object] = {name: read_yaml(src / name, name).data for name in ("criteria.yaml", "sources.yaml")}
    options = [read_yaml(src / "options" / f"{i}.yaml", f"{i}.yaml").data for i in ids]
    arguments = {a["id"] for o in options for a in o.get("arguments", [])}
    for doc in options:
        _drop_dangling(doc, set(ids), arguments)
        docs[f"options/{doc['id']}.yaml"] = doc
    return docs


def dump_documents(root: Path, docs: dict[str, object]) -> Path:
    """Write documents (file -> plain data, or raw text) as YAML files under `root`."""
    import yaml

    (root / "options").mkdir(parents=True, exist_ok=True)
    for rel, doc in docs.items():
        if isinstance(doc, str):
            text = doc
        else:
            text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=False)
        (root / rel).write_text(text, encoding="utf-8")
    return root
