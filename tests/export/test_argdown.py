"""Argdown: the reference parser (npm @argdown/cli, installed by .ci/run into .ci/node) reads the
export without errors, and finds the catalogue's statements, arguments, relations and citations."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from factories import HOSTILE_CLAIM, HOSTILE_CRITERION, HOSTILE_QUOTE, HOSTILE_TITLE
from trilat_opt.export import argument_map
from trilat_opt.export.argdown import to_argdown

ROOT = Path(__file__).resolve().parents[2]
LOCAL = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "argdown"


def _parser() -> list[str]:
    """The command that runs the Argdown CLI, or a skip saying what is missing."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed; the Argdown parser needs it (node 20 is on these machines)")
    found = os.environ.get("ARGDOWN") or (str(LOCAL) if LOCAL.exists() else shutil.which("argdown"))
    if not found:
        pytest.skip(f"the Argdown parser is not installed: npm install --prefix .ci/node @argdown/cli ({LOCAL})")
    return [found]


def parse(text: str, tmp_path: Path) -> dict:
    """The parser's JSON model of `text`; fails on any syntax error the parser reports."""
    path = tmp_path / "maps.argdown"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [*_parser(), "json", str(path), "--stdout"], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stderr.lower(), done.stderr
    model, _ = json.JSONDecoder().raw_decode(done.stdout)  # the CLI prints a success line after the JSON
    return model


def _counts(cat) -> dict[str, int]:
    args = [a for _, a in cat.arguments()]
    claims = {(o.id, a.criterion) for o, a in cat.arguments()}
    return {
        "claims": len(claims),
        "arguments": len(args),
        "quotes": sum(len(a.evidence) for a in args),
        "pro": sum(a.stance == "pro" for a in args),
        "con": sum(a.stance == "con" for a in args),
        "attacks": sum(len(a.attacks) for a in args),
        "supports": sum(len(a.supports) for a in args),
    }


def test_the_catalogue_parses_and_counts_match(shipped, tmp_path):
    model = parse(to_argdown(argument_map(shipped)), tmp_path)
    n = _counts(shipped)
    assert len(model["arguments"]) == n["arguments"]
    assert len(model["statements"]) == n["claims"] + n["quotes"] + n["arguments"]
    kinds = Counter((r["relationType"], r["toType"]) for r in model["relations"])
    # an argument's relations pass to its conclusion: claim relations end at a statement,
    # rebuttals at the rebutted argument
    assert kinds == {
        ("support", "equivalence-class"): n["pro"],
        ("attack", "equivalence-class"): n["con"],
        ("attack", "argument"): n["attacks"],
        ("support", "argument"): n["supports"],
    }
    assert {s["title"] for s in model["sections"]} >= {o.title for o in shipped.options}


def test_quotes_are_premises_cited_by_source_and_paragraph(shipped, tmp_path):
    model = parse(to_argdown(argument_map(shipped)), tmp_path)
    for _, a in shipped.arguments():
        pcs = model["arguments"][a.id]["pcs"]
        premises, conclusion = pcs[:-1], pcs[-1]
        cited = [(p["data"]["source"], p["data"]["paragraph"]) for p in premises]
        assert cited == [(e.source, e.paragraph) for e in a.evidence], a.id
        assert all(e.quote in p["text"] for e, p in zip(a.evidence, premises, strict=True)), a.id
        assert conclusion["role"] == "main-conclusion" and conclusion["title"] == a.id


def test_rebuttals_are_attacks_between_arguments(shipped, tmp_path):
    model = parse(to_argdown(argument_map(shipped)), tmp_path)
    found = {(r["from"], r["to"]) for r in model["relations"] if r["toType"] == "argument"}
    expected = {(a.id, t) for _, a in shipped.arguments() for t in (*a.attacks, *a.supports)}
    assert found == expected  # `from` is the rebutting argument's conclusion, titled as the argument


def test_markup_in_the_text_reaches_the_parser_as_text(hostile, tmp_path):
    model = parse(to_argdown(argument_map(hostile)), tmp_path)
    texts = {m["text"].strip() for s in model["statements"].values() for m in s["members"] if m.get("text")}
    assert HOSTILE_CLAIM in texts
    assert any(HOSTILE_QUOTE in t for t in texts)
    assert any(HOSTILE_CRITERION.lower() in t for t in texts)
    assert any(HOSTILE_TITLE in s["title"] for s in model["sections"])
    assert [s.get("data", {}).get("option") for s in model["sections"]] == ["alpha", "beta"]
    assert model["tags"] == {} or set(model["tags"]) <= {"pro", "con", "inferred"}


def test_one_option_keeps_the_arguments_its_rebuttals_touch(shipped, tmp_path):
    amap = argument_map(shipped, options=["leader-summits"])
    model = parse(to_argdown(amap), tmp_path)
    outside = {a.id for a in amap.outside}
    assert outside and set(model["arguments"]) == {a.id for a in shipped.option("leader-summits").arguments} | outside
