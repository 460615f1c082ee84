"""Helpers for tests: small valid projects written per test (so tests never depend on the shipped
catalogue), copies of the shipped one, and the one way to run the CLI."""

from __future__ import annotations

import json
import re
import signal
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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


Evidence = tuple  # (source, paragraph, quote) or (source, paragraph, quote, reviewed note)


def argument(
    aid: str,
    criterion: str = "deterrence",
    stance: str = "pro",
    strength: float = 0.7,
    *,
    claim: str = "It deters.",
    evidence: Sequence[Evidence] = (("art", 1, "a quote"),),
    **more: Any,
) -> dict[str, Any]:
    """One argument of an option file; `more` adds fields such as range, attacks, supports, inference."""
    return {"id": aid, "criterion": criterion, "stance": stance, "strength": strength, "claim": claim,
            "evidence": list(evidence), **more}  # fmt: skip


def pro_and_con(prefix: str) -> list[dict[str, Any]]:
    """An option's default arguments: <prefix>-pro on deterrence (0.7), <prefix>-con on resilience (0.4)."""
    con = argument(f"{prefix}-con", "resilience", "con", 0.4, claim="It costs resilience.",
                   evidence=[("art", 2, "another quote")])  # fmt: skip
    return [argument(f"{prefix}-pro"), con]


def option_text(
    oid: str,
    arguments: Sequence[Mapping[str, Any]] | None = None,
    *,
    countries: Sequence[str] = ("US", "JP"),
    costs: Mapping[str, float] | None = None,
    exposures: Mapping[str, float] | None = None,
    extra: str = "",
    arg_prefix: str | None = None,
) -> str:
    """A valid option file, the one way tests write one; by default two arguments, one pro and one con.

    `costs` (budget -> amount) defaults to {"money": 2} and `exposures` (risk -> level) to
    {"history": 0.4}, which factories.CRITERIA defines; {} leaves the section out. `extra` is
    YAML appended at the end (top-level fields such as requires). The layout is fixed, so a test
    can say where the loader must report a field (the defaults give 26 lines)::

        kind: trilat-opt/option                          line 1
        version: 1
        id: <oid>
        title: Option <oid>
        domain: security
        summary: A test option.
        countries: [US, JP]                              line 7
        costs:                                           one line per budget
          money: {amount: 2, basis: "assumption: test"}
        exposures:                                       one line per risk
          history: {level: 0.4, basis: "assumption: test"}
        arguments:
          - id: <oid>-pro                                id, criterion, stance, strength
            criterion: deterrence                        and claim: one line each
            stance: pro
            strength: 0.7
            claim: It deters.
            evidence:
              - {source: art, paragraph: 1, quote: "a quote"}      one line per item, column 9
            range: [0.5, 0.9]                            other fields follow the evidence
        <extra>
    """
    if arguments is None:
        arguments = pro_and_con(arg_prefix or oid)
    costs = {"money": 2} if costs is None else costs
    exposures = {"history": 0.4} if exposures is None else exposures
    lines = [
        "kind: trilat-opt/option",
        "version: 1",
        f"id: {oid}",
        f"title: Option {oid}",
        "domain: security",
        "summary: A test option.",
        f"countries: {_flow(list(countries))}",
    ]
    for section, key, items in (("costs", "amount", costs), ("exposures", "level", exposures)):
        if items:
            lines.append(f"{section}:")
            lines += [f"  {k}: {_flow({key: v, 'basis': 'assumption: test'})}" for k, v in items.items()]
    lines.append("arguments:" if arguments else "arguments: []")
    for arg in arguments:
        lines += _argument_lines(arg)
    return "\n".join(lines) + "\n" + extra


_FIRST = ("id", "criterion", "stance", "strength", "claim")


def _argument_lines(arg: Mapping[str, Any]) -> list[str]:
    out = [f"  - id: {_flow(arg['id'])}"]
    out += [f"    {k}: {_flow(arg[k])}" for k in _FIRST[1:] if k in arg]
    out.append("    evidence:")
    for item in arg.get("evidence", ()):
        source, paragraph, quote, *reviewed = item
        fields = {"source": source, "paragraph": paragraph, "quote": _Quoted(quote)}
        if reviewed:
            fields["reviewed"] = _Quoted(reviewed[0])
        out.append(f"      - {_flow(fields)}")
    out += [f"    {k}: {_flow(v)}" for k, v in arg.items() if k not in (*_FIRST, "evidence")]
    return out


class _Quoted(str):
    """Text written in double quotes whatever it holds (quotes, so a test can find them verbatim)."""


def _flow(value: Any) -> str:
    """A value in YAML flow style: plain where YAML reads it back as the same text, else quoted."""
    import yaml

    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    plain = not isinstance(value, _Quoted) and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 .'-]*", text)
    return text if plain and yaml.safe_load(text) == text else json.dumps(text, ensure_ascii=False)


def locate(text: str, needle: str) -> tuple[int, int]:
    """(line, column), both from 1, of the first `needle` in `text`, as the loader reports positions."""
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


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


def write_tiny_project(root: Path) -> Path:
    """Four options with distinct arguments (some with ranges, one rebuttal across options)."""
    det, res, leg = "deterrence", "resilience", "legitimacy"
    options = {
        "alpha": (2, 0.4, [argument("a-det", det, "pro", 0.7, range=[0.5, 0.9]), argument("a-res", res, "con", 0.3)]),
        "beta": (3, 0.3, [argument("b-det", det, "pro", 0.5), argument("b-leg", leg, "pro", 0.8, range=[0.6, 0.9])]),
        "gamma": (2, 0.5, [argument("g-res", res, "pro", 0.75), argument("g-det", det, "con", 0.2, attacks=["a-det"])]),
        "delta": (1, 0.2, [argument("d-leg", leg, "pro", 0.4)]),
    }
    texts = {
        oid: option_text(oid, args, costs={"money": cost}, exposures={"history": level})
        for oid, (cost, level, args) in options.items()
    }
    return write_project(root, texts, RANGED_CRITERIA)


# ---------------------------------------------------------------------------- weights (tests/test_weights.py)

WEIGHTED_CRITERIA = """\
kind: trilat-opt/criteria
version: 1
criteria:
  - {id: deterrence, name: Deterrence, weight: 2}
  - {id: resilience, name: Resilience, weight: 1}
  - {id: legitimacy, name: Legitimacy, weight: 1}
profiles:
  - id: tokyo
    name: Tokyo
    weights: {deterrence: 1, legitimacy: 3}
  - id: seoul
    name: Seoul
    weights: {deterrence: 1, resilience: 1, legitimacy: 2}
risks:
  - {id: history, name: History flare-up, countries: [JP, KR], likelihood: 0.3, cap: 1.0}
budgets:
  - {id: money, name: Money, limit: 10}
"""
"""Stated weights 2:1:1 that sum to 4, not 1, and two profiles that leave criteria out."""

BOUNDED_CRITERIA = WEIGHTED_CRITERIA.replace(
    "  - {id: deterrence, name: Deterrence, weight: 2}",
    "  - {id: deterrence, name: Deterrence, weight: 2, bounds: [0.2, 0.6]}",
).replace(
    "  - {id: resilience, name: Resilience, weight: 1}",
    "  - {id: resilience, name: Resilience, weight: 1, bounds: [0.1, 0.5]}",
)
"""WEIGHTED_CRITERIA with bounds on deterrence [0.2, 0.6] and resilience [0.1, 0.5]."""


def weighted_project(root: Path, criteria: str = WEIGHTED_CRITERIA) -> Path:
    """One option, alpha, arguing on all three criteria of WEIGHTED_CRITERIA (or `criteria`)."""
    legitimacy = argument("alpha-legitimacy", "legitimacy", strength=0.5, claim="It helps.")
    return write_project(root, {"alpha": option_text("alpha", [*pro_and_con("alpha"), legitimacy])}, criteria)


# ---------------------------------------------------------------------------- inferred arguments (tests/argue)

INFERENCE_REASONING = "the quote covers Japan only; we extend it to Korea, whose ports face the same threat"
"""Reasoning long enough, and distinct enough from the claim, to pass the `inference:` checks."""

_INFERENCE_CRITERIA = """\
kind: trilat-opt/criteria
version: 1
neutral_base: 0.4
{cap}criteria:
  - {{id: c1, name: First, weight: 0.5}}
  - {{id: c2, name: Second, weight: 0.5}}
"""


def inference_project(root: Path, *, strength: float = 0.9, cap: str = "", **more: Any) -> Path:
    """Option alpha under a neutral base of 0.4: a sourced pro argument on c1 (0.6), and a second,
    alpha-inferred, of `strength` with `more` fields (inference, range). `cap` is a line of
    criteria.yaml such as "inference_cap: 0.25\\n" (the default cap is 0.5)."""
    sourced = argument("alpha-sourced", "c1", "pro", 0.6, claim="The source says so.", evidence=[("art", 3, "a quote")])
    second = argument("alpha-inferred", "c1", "pro", strength, claim="We reason that it follows.",
                      evidence=[("art", 4, "another quote")], **more)  # fmt: skip
    text = option_text("alpha", [sourced, second], countries=["US"], costs={}, exposures={})
    return write_project(root, {"alpha": text}, _INFERENCE_CRITERIA.format(cap=cap))


# ---------------------------------------------------------------------------- quotes in context (tests/test_quotes.py)

QUOTED_ARTICLE = """\
A Test Article

Even if the council fails, trade will grow. The U.S. Secretary of State agreed. Ports matter.
Although costs rise, the plan works. Evenly spread costs help. Butter prices fell, said the report.
"""
"""An invented article: paragraph 2 is "Even if ..." (three sentences); paragraph 3 is "Although
...", "Evenly ..." and "Butter ..." (a connective, and two words that only start like one)."""

_QUOTED_LIBRARY = "sources:\n  - {key: art, file: art.txt, title: A Test Article, date: 2025-05-01}\n"


def quoting_option(oid: str, *items: tuple[str, int, str] | tuple[str, int, str, str]) -> str:
    """An option with one argument on deterrence per (stance, paragraph, quote[, reviewed]).

    Its first evidence item is on line 15 at column 9 (`option_text` fixes the layout)."""
    args = [
        argument(f"{oid}-a{i}", "deterrence", stance, 0.5, claim=f"Claim {i}.", evidence=[("art", paragraph, *rest)])
        for i, (stance, paragraph, *rest) in enumerate(items)
    ]
    return option_text(oid, args, countries=["US"], costs={}, exposures={})


def quoting_project(folder: Path, **options: list[tuple]) -> tuple[Path, Path]:
    """A project (folder/proj) with one `quoting_option` per keyword, and the sources folder
    (folder/library) holding QUOTED_ARTICLE; return both."""
    root = write_project(folder / "proj", {oid: quoting_option(oid, *items) for oid, items in options.items()})
    (root / "sources.yaml").write_text(_QUOTED_LIBRARY, encoding="utf-8")
    library = folder / "library"
    library.mkdir(exist_ok=True)
    (library / "sources.yaml").write_text(_QUOTED_LIBRARY, encoding="utf-8")
    (library / "art.txt").write_text(QUOTED_ARTICLE, encoding="utf-8")
    return root, library


# ---------------------------------------------------------------------------- the register (tests/test_register.py)


def register_entry(rid: str, options: str = "[alpha]", source: str = "art", paragraph: int = 2, extra: str = "") -> str:
    """One entry of recommendations.yaml, five lines (`extra` adds lines such as a note)."""
    return f"""\
  - id: {rid}
    source: {source}
    paragraph: {paragraph}
    recommendation: Do the thing {rid} asks for.
    options: {options}
{extra}"""


def register_project(root: Path, *entries: str) -> Path:
    """The default project (alpha, beta) with a recommendations.yaml of `entries`, the first on line 4."""
    write_project(root)
    header = "kind: trilat-opt/recommendations\nversion: 1\nrecommendations:\n"
    (root / "recommendations.yaml").write_text(header + "".join(entries), encoding="utf-8")
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


class Hang(BaseException):
    """Raised by `deadline`; a BaseException so the CLI's own error handler cannot swallow it."""


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail instead of hanging (POSIX SIGALRM): a regression that blocks would stop the suite."""

    def ring(signum: int, frame: Any) -> None:
        raise Hang(f"no answer after {seconds} s")

    old = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


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
