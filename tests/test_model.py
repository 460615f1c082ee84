"""Input models at the edges: documented number ranges, strict types and contradictions.

Each case starts from the shipped project or a small factory project, breaks one value, and
asserts that `validate` names file, line, column and field and exits 2 (never 0, never 1).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trilat_opt
from factories import CRITERIA, option_text, run_cli, shipped_copy, write_project

ACR = "options/anti-coercion-response.yaml"


@pytest.mark.parametrize("value", ["-1e100", "-1e15", "1.5"])
def test_synergy_beyond_one_is_refused_at_validate(tmp_path, capsys, value):
    """Finding 1: a synergy of -1e100 reached the solver, which called a feasible model infeasible."""
    root = shipped_copy(tmp_path, {ACR: ("    value: 0.02\n", f"    value: {value}\n")})
    for command in (["validate"], ["optimize"], ["optimize", "--solver", "highs"]):
        code, out, err = run_cli(capsys, "--project", str(root), *command)
        assert code == 2, err
        assert f"{ACR}:22:12: synergies[0].value: input should be" in err
        assert "internal error" not in err and "infeasible" not in out


# ---------------------------------------------------------------------------- finding 4: documented ranges


def test_huge_costs_are_refused_at_validate(tmp_path, capsys):
    """Finding 4: costs of 1e308 validated, then optimize failed with a PulpError (infinite bound)."""
    root = shipped_copy(tmp_path, {ACR: ("{amount: 2,", "{amount: 1e308,")})
    for command in ("validate", "optimize"):
        code, _, err = run_cli(capsys, "--project", str(root), command)
        assert code == 2, err
        assert (
            f"{ACR}:14:" in err
            and "costs.public-funding.amount: input should be less than or equal to 1000000000000" in err
        )


def test_huge_weights_are_refused_at_validate(tmp_path, capsys):
    """Finding 4: two weights of 1e308 overflowed math.fsum when weights were normalised."""
    root = write_project(
        tmp_path, criteria=CRITERIA.replace("weight: 0.6", "weight: 1e308").replace("weight: 0.4", "weight: 1e308")
    )
    code, _, err = run_cli(capsys, "--project", str(root), "rank")
    assert code == 2, err
    assert "criteria.yaml:7:13: criteria[0].weight: input should be less than or equal to 1000000" in err


def test_a_requires_chain_of_a_thousand_options_validates(tmp_path):
    """Finding 4: a `requires` chain of 985 or more options was a RecursionError in validate."""
    n = 1000
    options = {}
    for k in range(n):
        text = option_text(f"o{k:04d}")
        if k + 1 < n:
            text = text.replace("arguments:", f"requires: [o{k + 1:04d}]\narguments:", 1)
        options[f"o{k:04d}"] = text
    cat = trilat_opt.load(write_project(tmp_path, options))
    assert len(cat.options) == n


# (file, old, new, field): each number one step beyond its documented range
BEYOND = [
    ("criteria.yaml", "weight: 0.6", "weight: 1000001", "criteria[0].weight"),
    ("criteria.yaml", "neutral_base: 0.5", "neutral_base: 1.5", "neutral_base"),
    ("criteria.yaml", "likelihood: 0.3", "likelihood: -0.1", "risks[0].likelihood"),
    ("criteria.yaml", "cap: 1.0", "cap: 1e7", "risks[0].cap"),
    ("criteria.yaml", "probability: 0.2", "probability: 2", "scenarios[0].probability"),
    ("criteria.yaml", "risks: {history: 2.0}", "risks: {history: 1001}", "scenarios[0].risks.history"),
    ("criteria.yaml", "limit: 10", "limit: 1.1e12", "budgets[0].limit"),
    ("criteria.yaml", "max_options: 5", "max_options: 100001", "rules.max_options"),
    ("criteria.yaml", "weights: {deterrence: 0.7,", "weights: {deterrence: 1e9,", "profiles[0].weights.deterrence"),
    ("options/alpha.yaml", "{amount: 2,", "{amount: -1,", "costs.money.amount"),
    ("options/alpha.yaml", "{level: 0.4,", "{level: 1.01,", "exposures.history.level"),
    ("options/alpha.yaml", "strength: 0.7", "strength: 1e308", "arguments[0].strength"),
    ("options/alpha.yaml", "paragraph: 1,", "paragraph: 100001,", "arguments[0].evidence[0].paragraph"),
    ("options/alpha.yaml", "arguments:", "lead_time: {months: 1201}\narguments:", "lead_time.months"),
]


@pytest.mark.parametrize(("file", "old", "new", "field"), BEYOND, ids=[b[3] for b in BEYOND])
def test_every_number_is_bounded_and_located(tmp_path, file, old, new, field):
    options = {"alpha": option_text("alpha"), "beta": option_text("beta")}
    criteria = CRITERIA
    if file == "criteria.yaml":
        assert old in criteria
        criteria = criteria.replace(old, new, 1)
    else:
        assert old in options["alpha"]
        options["alpha"] = options["alpha"].replace(old, new, 1)
    with pytest.raises(trilat_opt.InputError) as info:
        trilat_opt.load(write_project(tmp_path, options, criteria))
    hits = [e for e in info.value.errors if e.file == file and e.field == field]
    assert hits and hits[0].line > 0 and hits[0].column > 0, str(info.value)
    assert "than or equal to" in hits[0].message


def test_the_schema_carries_every_range():
    """Each number in an input file's schema has a minimum and a maximum (editors flag out-of-range values)."""
    from trilat_opt.schema import INPUTS, json_schema

    def numbers(node, path=""):
        if isinstance(node, dict):
            if node.get("type") in ("number", "integer"):
                yield path, node
            for k, v in node.items():
                yield from numbers(v, f"{path}/{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from numbers(v, f"{path}/{i}")

    found = [(name, p, n) for name in INPUTS for p, n in numbers(json_schema(name))]
    assert len(found) > 20
    unbounded = [
        f"{name}{p}" for name, p, n in found if "const" not in n and ("minimum" not in n or "maximum" not in n)
    ]
    assert unbounded == []


# ---------------------------------------------------------------------------- finding 6: contradictions


def test_weight_bounds_that_cannot_sum_to_one_are_located_at_validate(tmp_path, capsys):
    """Finding 6: validate exited 0, sensitivity and report then exited 2 naming no file or line."""
    edits = {"criteria.yaml": ("bounds: [0.05, 0.40]", "bounds: [0.2, 0.40]")}
    root = shipped_copy(tmp_path, edits)
    for old in ("bounds: [0.05, 0.45]\n", "bounds: [0.05, 0.45]\n"):
        text = (root / "criteria.yaml").read_text()
        (root / "criteria.yaml").write_text(text.replace(old, "bounds: [0.45, 0.9]\n", 1))
    line = (root / "criteria.yaml").read_text().splitlines().index("    bounds: [0.45, 0.9]") + 1
    for command in ("validate", "sensitivity"):
        code, _, err = run_cli(capsys, "--project", str(root), command)
        assert code == 2, err
        assert (
            f"criteria.yaml:{line}:13: criteria[0].bounds: the lower weight bounds with weight_order sum to 1.1" in err
        )


@pytest.mark.parametrize(
    ("bounds", "order", "gist"),
    [
        ({"deterrence": "[0, 0.3]", "resilience": "[0, 0.3]"}, "", "the upper weight bounds sum to 0.6"),
        ({"deterrence": "[0, 0.2]", "resilience": "[0.5, 1]"}, "[[deterrence, resilience]]", "'deterrence' would need"),
        ({"deterrence": "[0.6, 1]", "resilience": "[0.5, 1]"}, "", "the lower weight bounds sum to 1.1"),
    ],
)
def test_contradictory_weight_bounds_and_orderings(tmp_path, bounds, order, gist):
    criteria = CRITERIA
    for cid, b in bounds.items():
        criteria = criteria.replace(f"id: {cid}\n", f"id: {cid}\n    bounds: {b}\n", 1)
    if order:
        criteria = criteria.replace("profiles:", f"weight_order: {order}\nprofiles:", 1)
    with pytest.raises(trilat_opt.InputError) as info:
        trilat_opt.load(write_project(tmp_path, criteria=criteria))
    assert gist in str(info.value) and info.value.errors[0].line > 0


@given(
    st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=2, max_size=5),
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), max_size=4),
)
@settings(max_examples=150, deadline=None)
def test_weight_space_check_agrees_with_the_linear_programme(raw, order):
    """The closed form in contradictions.py says "empty" exactly when the sampler's LP does."""
    from trilat_opt.analysis.sampling import weight_space
    from trilat_opt.contradictions import check_weight_space
    from trilat_opt.model import Criterion, Frame
    from trilat_opt.yamlio import Parsed

    bounds = [(round(min(a, b), 3), round(max(a, b), 3)) for a, b in raw]
    ids = [f"c{k}" for k in range(len(bounds))]
    pairs = [(ids[a], ids[b]) for a, b in order if a < len(ids) and b < len(ids) and a != b]
    crits = [Criterion(id=i, name=i, weight=1.0, bounds=b) for i, b in zip(ids, bounds, strict=True)]
    errors: list = []
    check_weight_space(Frame(criteria=tuple(crits), weight_order=tuple(pairs)), Parsed("c", {}), errors)
    try:
        weight_space(ids, dict(zip(ids, bounds, strict=True)), pairs)
        lp_empty = False
    except trilat_opt.InputError:
        lp_empty = True
    assert bool(errors) == lp_empty, (bounds, pairs, errors)


def test_an_argument_cannot_both_attack_and_support_one_target(tmp_path, capsys):
    """Finding 6: validate exited 0; argue, rank and report then exited 2 naming no file or line."""
    root = shipped_copy(tmp_path)
    path = root / "options/leader-summits.yaml"
    lines = path.read_text().splitlines()
    claim = next(i for i, line in enumerate(lines) if line.startswith("    claim: "))
    lines[claim + 1 : claim + 1] = [
        "    attacks: [routine-ministerials-layering]",
        "    supports: [routine-ministerials-layering]",
    ]
    path.write_text("\n".join(lines) + "\n")
    for command in (["validate"], ["argue", "leader-summits"]):
        code, _, err = run_cli(capsys, "--project", str(root), *command)
        assert code == 2, err
        assert (
            f"options/leader-summits.yaml:{claim + 3}:16: arguments[0].supports[0]: argument "
            "'leader-summits-integral-venues' both attacks and supports 'routine-ministerials-layering'"
        ) in err


# ---------------------------------------------------------------------------- finding 7: strict numbers


STRICT = [
    ("options/alpha.yaml", "strength: 0.7", 'strength: "0.6"', "arguments[0].strength", "valid number"),
    ("criteria.yaml", "limit: 10", "limit: true", "budgets[0].limit", "valid number"),
    ("criteria.yaml", "weight: 0.6", 'weight: "0.6"', "criteria[0].weight", "valid number"),
    ("criteria.yaml", "max_options: 5", "max_options: 2.5", "rules.max_options", "valid integer"),
    ("criteria.yaml", "max_options: 5", "max_options: false", "rules.max_options", "valid integer"),
    ("options/alpha.yaml", "paragraph: 1,", 'paragraph: "1",', "arguments[0].evidence[0].paragraph", "valid integer"),
    ("options/alpha.yaml", "{level: 0.4,", "{level: yes,", "exposures.history.level", "valid number"),
    (
        "sources.yaml",
        "title: An article",
        "title: An article\n    date: .inf",
        "sources[0].date",
        "write the date as text",
    ),
    (
        "sources.yaml",
        "title: An article",
        "title: An article\n    date: true",
        "sources[0].date",
        "write the date as text",
    ),
    (
        "sources.yaml",
        "title: An article",
        "title: An article\n    date: 20251",
        "sources[0].date",
        "a year has four digits",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "field", "gist"), STRICT, ids=[f"{s[3]}={s[2]}" for s in STRICT])
def test_strings_and_booleans_are_refused_where_numbers_belong(tmp_path, file, old, new, field, gist):
    """Finding 7: `strength: "0.6"`, `limit: true` and `date: .inf` were accepted (pydantic lax mode)."""
    root = write_project(tmp_path)
    path = root / file
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))
    with pytest.raises(trilat_opt.InputError) as info:
        trilat_opt.load(root)
    hits = [e for e in info.value.errors if e.file == file and e.field == field]
    assert hits and gist in hits[0].message and hits[0].line > 0, str(info.value)


def test_integers_stay_welcome_where_real_numbers_belong_and_a_bare_year_is_a_date(tmp_path):
    root = write_project(
        tmp_path, criteria=CRITERIA.replace("weight: 0.6", "weight: 3").replace("weight: 0.4", "weight: 2")
    )
    text = (root / "sources.yaml").read_text()
    (root / "sources.yaml").write_text(text.replace("title: An article", "title: An article\n    date: 2025", 1))
    cat = trilat_opt.load(root)
    assert cat.weights() == pytest.approx({"deterrence": 0.6, "resilience": 0.4})
    assert cat.sources[0].date == "2025"


def test_shipped_files_satisfy_the_shipped_schemas(project_root):
    """Finding 7: the shipped sources.yaml (`date: 2025`) failed schema/sources.schema.json."""
    import json

    from trilat_opt.yamlio import read_yaml  # YAML 1.2 core, as editors read it: dates are text

    jsonschema = pytest.importorskip("jsonschema")
    files = {
        "criteria": [project_root / "criteria.yaml"],
        "sources": [project_root / "sources.yaml"],
        "recommendations": [project_root / "recommendations.yaml"],
        "option": sorted((project_root / "options").glob("*.yaml")),
    }
    for name, paths in files.items():
        schema = json.loads((project_root / "schema" / f"{name}.schema.json").read_text())
        for path in paths:
            jsonschema.validate(read_yaml(path, path.name).data, schema)
