"""Inferred arguments: the field makes them, the cap bounds their base, validate counts and warns.

An argument with `inference:` rests on the analyst's reasoning beyond its quotes. It must enter
every evaluation (scores, bounds, samples) at no more than criteria.yaml's `inference_cap`, and
`validate` must say where a file states more. The small project: one option with two pro
arguments on c1 under a neutral base of 0.4.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

import trilat_opt
from factories import argument, option_text, run_cli, write_project
from trilat_opt.argue import argument_tree, criterion_scores, sample_scores
from trilat_opt.checks import MIN_REASONING_WORDS
from trilat_opt.model import Argument

REASONING = "the quote covers Japan only; we extend it to Korea, whose ports face the same threat"

CRITERIA = """\
kind: trilat-opt/criteria
version: 1
neutral_base: 0.4
{cap}criteria:
  - {{id: c1, name: First, weight: 0.5}}
  - {{id: c2, name: Second, weight: 0.5}}
"""


def write(root, *, strength=0.9, cap="", **more):
    """Option alpha: a sourced pro argument (0.6) and an argument of `strength` with `more` fields."""
    sourced = argument("alpha-sourced", "c1", "pro", 0.6, claim="The source says so.", evidence=[("art", 3, "a quote")])
    second = argument("alpha-inferred", "c1", "pro", strength, claim="We reason that it follows.",
                      evidence=[("art", 4, "another quote")], **more)  # fmt: skip
    text = option_text("alpha", [sourced, second], countries=["US"], costs={}, exposures={})
    return write_project(root, {"alpha": text}, CRITERIA.format(cap=cap))


def inferred(reasoning: str = REASONING) -> dict[str, str]:
    return {"inference": reasoning}


def test_the_stripped_field_is_what_makes_an_argument_inferred():
    base = {"id": "a", "criterion": "c", "stance": "pro", "strength": 0.9, "claim": "x"}
    base["evidence"] = [{"source": "s", "paragraph": 1, "quote": "q"}]
    assert not Argument(**base).inferred
    assert not Argument(**base, inference="   \n ").inferred  # blank marks nothing, so it is not capped
    assert Argument(**base, inference="   \n ").capped(0.5) == (0.9, 0.9, 0.9)
    assert Argument(**base, inference=REASONING).inferred
    assert Argument(**base, inference=REASONING).capped(0.5) == (0.5, 0.5, 0.5)


def test_inferred_strength_is_capped_when_arguments_are_evaluated(tmp_path):
    capped = criterion_scores(trilat_opt.load(write(tmp_path / "a", **inferred())))
    plain_at_cap = criterion_scores(trilat_opt.load(write(tmp_path / "b", strength=0.5)))
    uncapped = criterion_scores(trilat_opt.load(write(tmp_path / "c")))
    assert capped.arguments.loc["alpha-inferred", "base"] == 0.5
    assert capped.arguments.loc["alpha-sourced", "base"] == 0.6  # the sourced argument keeps its strength
    # DF-QuAD by hand: supporters 0.6 and 0.5 combine to 1 - 0.4 * 0.5 = 0.8; 0.4 + 0.6 * 0.8 = 0.88
    assert capped.scores.loc["alpha", "c1"] == pytest.approx(0.88)
    assert capped.scores.loc["alpha", "c1"] == pytest.approx(plain_at_cap.scores.loc["alpha", "c1"])
    assert uncapped.scores.loc["alpha", "c1"] > capped.scores.loc["alpha", "c1"]


def test_range_ends_are_capped_too(tmp_path):
    cat = trilat_opt.load(write(tmp_path, strength=0.7, range=[0.3, 0.95], **inferred()))
    row = criterion_scores(cat).arguments.loc["alpha-inferred"]
    assert (row["base"], row["low"], row["high"]) == (0.5, 0.3, 0.5)
    (claim,) = argument_tree(cat, "alpha", "c1").claims
    plain = trilat_opt.load(write(tmp_path / "plain", strength=0.5, range=[0.3, 0.5]))
    assert claim.high == pytest.approx(argument_tree(plain, "alpha", "c1").claims[0].high)
    draws = sample_scores(cat, 200, seed=1)[:, 0, 0]
    assert draws.max() <= claim.high + 1e-12 and np.ptp(draws) > 0


def test_criteria_yaml_sets_the_cap(tmp_path):
    cat = trilat_opt.load(write(tmp_path, **inferred(), cap="inference_cap: 0.25\n"))
    assert cat.frame.inference_cap == 0.25
    assert criterion_scores(cat).arguments.loc["alpha-inferred", "base"] == 0.25


def test_a_strength_under_the_cap_is_left_alone(tmp_path):
    cat = trilat_opt.load(write(tmp_path, strength=0.3, **inferred()))
    assert criterion_scores(cat).arguments.loc["alpha-inferred", "base"] == 0.3
    assert not [w for w in cat.warnings if "inference_cap" in w]


def test_validate_warns_naming_file_and_line_of_a_stated_strength_above_the_cap(tmp_path, capsys):
    root = write(tmp_path, **inferred())
    line = (root / "options" / "alpha.yaml").read_text().splitlines().index("    strength: 0.9") + 1
    code, _, err = run_cli(capsys, "--project", str(root), "validate")
    assert code == 0
    assert f"warning: options/alpha.yaml:{line}:15: arguments[1].strength: inferred argument 'alpha-inferred'" in err
    assert "above inference_cap 0.5; it is evaluated at 0.5" in err


def test_validate_warns_on_a_range_above_the_cap(tmp_path):
    cat = trilat_opt.load(write(tmp_path, strength=0.4, range=[0.3, 0.8], **inferred()))
    assert [w for w in cat.warnings if "range up to 0.8, above inference_cap 0.5" in w]
    assert [w for w in cat.warnings if "evaluated as [0.3, 0.5]" in w]


def test_validate_counts_inferred_arguments(tmp_path, capsys):
    code, out, _ = run_cli(capsys, "--project", str(write(tmp_path, **inferred())), "validate", "--format", "json")
    assert code == 0 and json.loads(out)["inferred"] == 1 and json.loads(out)["arguments"] == 2
    code, out, _ = run_cli(capsys, "--project", str(tmp_path), "validate")
    assert "inferred" in out


@pytest.mark.parametrize("reasoning", ["obvious", "We reason that it follows."])
def test_reasoning_must_say_why(tmp_path, reasoning):
    """A word or two, or the claim again, is a conclusion, not the reasoning that reaches it."""
    cat = trilat_opt.load(write(tmp_path, strength=0.3, **inferred(reasoning)))
    assert [w for w in cat.warnings if "arguments[1].inference" in w and "should say why" in w]


def test_shipped_inferred_arguments_carry_reasoning_and_are_capped(project_root):
    cat = trilat_opt.load(project_root)
    thin = [w for w in cat.warnings if "should say why" in w]
    assert thin == [], "inferred arguments must say why the claim follows:\n" + "\n".join(thin)
    args = criterion_scores(cat).arguments
    cap = cat.frame.inference_cap
    for _, a in cat.arguments():
        if a.inferred:
            assert len(a.inference.split()) >= MIN_REASONING_WORDS
            # The base and its range are capped; supports may still lift the final strength.
            assert max(args.loc[a.id, "base"], *cat.base_of(a)) <= cap, a.id


def test_options_show_marks_an_inferred_argument_with_its_reasoning(tmp_path, capsys):
    code, out, _ = run_cli(capsys, "--project", str(write(tmp_path, **inferred())), "options", "show", "alpha")
    assert code == 0 and f"inferred (counts 0.5): {REASONING}" in " ".join(out.split())
