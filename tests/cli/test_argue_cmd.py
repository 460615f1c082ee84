"""CLI tests for `trilat-opt argue` (cli/argue_cmd.py): exit codes, the tree's content, JSON and CSV
forms, help text. The library it wraps is tested in tests/argue/."""

from __future__ import annotations

import json

import pytest

from factories import argument, option_text, write_project
from factories import run_cli as run

CRITERIA = """\
kind: trilat-opt/criteria
version: 1
neutral_base: 0.5
criteria:
  - {id: c1, name: First criterion, weight: 0.5}
  - {id: c2, name: Second criterion, weight: 0.5}
"""


def option(oid: str, strength: float = 0.6, *more: dict, **fields) -> str:
    """Option `oid` with one pro argument on c1 (`fields` add to it, such as attacks), then `more`."""
    pro = argument(f"{oid}-pro", "c1", "pro", strength, claim=f"It helps {oid}.",
                   evidence=[("art", 4, f"a short quote for {oid}")], **fields)  # fmt: skip
    return option_text(oid, [pro, *more], countries=["US"], costs={}, exposures={})


def rebuttal(strength: float = 0.5) -> dict:
    """Beta's con on c1 that attacks alpha-pro."""
    return argument("beta-rebut", "c1", "con", strength, claim="Beta doubts alpha.", evidence=[("art", 7, "a doubt")],
                    attacks=["alpha-pro"])  # fmt: skip


@pytest.fixture
def project(tmp_path):
    return str(write_project(tmp_path, {"alpha": option("alpha"), "beta": option("beta", 0.6, rebuttal())}, CRITERIA))


def test_tree_shows_arguments_rebuttals_quotes_and_no_evidence(capsys, project, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = run(capsys, "--project", project, "argue", "alpha")
    assert code == 0
    assert "Option alpha" in out and "First criterion" in out
    # DF-QuAD: alpha-pro = 0.6 (1 - 0.5) = 0.3; the claim 0.5 + 0.5 * 0.3 = 0.65.
    assert "score 0.650" in out and "alpha-pro (pro)  base 0.60 -> 0.300" in out
    assert "beta-rebut (con, beta)" in out and "attacks" in out
    assert "\u201ca short quote for alpha\u201d  [art \u00b64]" in out and "It helps alpha." in out
    second = out[out.index("Second criterion") :]
    assert "no evidence" in second.splitlines()[0]


def test_json_tree(capsys, project):
    code, out, _ = run(capsys, "--project", project, "argue", "alpha", "-c", "c1", "-s", "euler", "-f", "json")
    assert code == 0
    tree = json.loads(out)
    assert tree["option"] == "alpha" and tree["semantics"] == "euler" and tree["method"] == "removal"
    (claim,) = tree["claims"]
    (pro,) = claim["arguments"]
    assert pro["id"] == "alpha-pro" and pro["relation"] == "supports"
    assert pro["evidence"] == [{"source": "art", "paragraph": 4, "quote": "a short quote for alpha"}]
    (rebut,) = pro["children"]
    assert rebut["id"] == "beta-rebut" and rebut["relation"] == "attacks" and rebut["option"] == "beta"
    assert rebut["contribution"] < 0  # it weakens the pro argument, so it lowers the claim
    assert claim["score"] - claim["base"] == pytest.approx(pro["contribution"], abs=1e-9)


def test_csv_rows(capsys, project):
    code, out, _ = run(capsys, "--project", project, "argue", "alpha", "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("criterion,depth,argument,parent,relation")
    assert lines[1].startswith("c1,1,alpha-pro,alpha::c1,supports") and lines[2].startswith("c1,2,beta-rebut,alpha-pro")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["argue", "gamma"], "unknown option 'gamma'"),
        (["argue", "alpha", "--criterion", "c9"], "unknown criterion 'c9'"),
        (["argue", "alpha", "--semantics", "qe"], "unknown semantics 'qe'"),
        (["argue", "alpha", "--method", "lime"], "unknown attribution method 'lime'"),
    ],
)
def test_bad_input_exits_2(capsys, project, args, message):
    code, out, err = run(capsys, "--project", project, *args)
    assert code == 2 and message in err and out == ""


@pytest.fixture
def cyclic_project(tmp_path):
    """alpha-pro and beta-rebut, both of strength 1, rebut each other: iteration swaps 0 and 1."""
    options = {"alpha": option("alpha", 1.0, attacks=["beta-rebut"]), "beta": option("beta", 0.6, rebuttal(1.0))}
    return str(write_project(tmp_path, options, CRITERIA))


def test_tree_marks_strengths_on_cycles_and_states_their_limit(capsys, cyclic_project, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")
    code, out, _ = run(capsys, "--project", cyclic_project, "argue", "alpha", "-c", "c1")
    assert code == 0
    # The continuous-time model settles at 0.5 / 0.5, so the claim is 0.5 + 0.5 * 0.5.
    assert "score 0.750" in out
    assert "alpha-pro (pro)  base 1.00 -> 0.500  contribution +0.250  on a cycle: continuous-time model" in out
    assert "fixed points found to a residual below 1e-09" in out and "near a neutral cycle" in out
    code, out, _ = run(capsys, "--project", cyclic_project, "argue", "alpha", "-c", "c1", "-f", "json")
    tree = json.loads(out)
    assert tree["tolerance"] == 1e-9 and 0.0 <= tree["residual"] < 1e-9
    (pro,) = tree["claims"][0]["arguments"]
    assert pro["scheme"] == "continuous" and pro["children"][0]["scheme"] == "continuous"
    code, out, _ = run(capsys, "--project", cyclic_project, "argue", "alpha", "-c", "c1", "-f", "csv")
    header, first = out.splitlines()[:2]
    assert ",contribution,scheme,repeated," in header and ",continuous,False," in first


def test_acyclic_tree_has_no_cycle_note(capsys, project):
    code, out, _ = run(capsys, "--project", project, "argue", "alpha")
    assert code == 0 and "on a cycle" not in out and "residual" not in out
