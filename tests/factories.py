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


def elicit_project(root: Path) -> Path:
    """A small project with four criteria (enough for a consistency ratio) and comments to keep."""
    criteria = CRITERIA.replace(
        "criteria:\n",
        "criteria:\n  # a comment that must survive every write\n",
    ).replace(
        "    weight: 0.4\n",
        "    weight: 0.4\n  - id: speed\n    name: Speed\n    weight: 0.1\n"
        "  # another comment\n  - id: legitimacy\n    name: Legitimacy\n    weight: 0.1\n",
    )
    return write_project(root, criteria=criteria)


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


EPOCH = "1767225600"
"""A SOURCE_DATE_EPOCH for runs compared byte for byte (2026-01-01T00:00:00Z)."""

# Text hostile to every export format: spreadsheet formulas, Argdown markup, DOT quoting.
HOSTILE_TITLE = '=HYPERLINK("http://evil.example","click")'
HOSTILE_CRITERION = "@SUM(1+1) [bracketed] #tag"
HOSTILE_CLAIM = 'It deters: [x] <y> #z {w} *a* _b_ @c back\\slash, "quoted", see http://evil.example/*x*/'
HOSTILE_QUOTE = '-3 dB + "quotes" \\ and <angle> [square] {curly} #hash'


def _yaml_text(text: str) -> str:
    """A YAML double-quoted scalar holding `text`."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hostile_project(root: Path) -> Path:
    """Two options; alpha's title, claim and quote and a criterion's name carry hostile text, and
    beta's pro argument rebuts alpha's con (a rebuttal across options)."""
    alpha = (
        option_text("alpha")
        .replace("title: Option alpha", f"title: {_yaml_text(HOSTILE_TITLE)}")
        .replace("claim: It deters.", f"claim: {_yaml_text(HOSTILE_CLAIM)}")
        .replace('quote: "a quote"', f"quote: {_yaml_text(HOSTILE_QUOTE)}")
    )
    beta = option_text("beta").replace("claim: It deters.", "claim: It deters.\n    attacks: [alpha-con]")
    criteria = CRITERIA.replace("name: Deterrence", f"name: {_yaml_text(HOSTILE_CRITERION)}")
    return write_project(root, {"alpha": alpha, "beta": beta}, criteria)
