"""The loader's error corpus: each malformed input is reported with file, line and a plain message.

Every case writes a small valid project, breaks one thing, and asserts where and what the loader
reports. The CLI half asserts exit code 2, the message on stderr and that nothing was written.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import trilat_opt
from factories import CRITERIA, option_text, run_cli, write_project
from trilat_opt.yamlio import MAX_BYTES

ALPHA = option_text("alpha")


def _opt(old: str, new: str, text: str = ALPHA) -> dict[str, str]:
    assert old in text, old
    return {"alpha": text.replace(old, new, 1), "beta": option_text("beta")}


def _crit(old: str, new: str) -> str:
    assert old in CRITERIA, old
    return CRITERIA.replace(old, new, 1)


# (case id, options or None, criteria text or None, file, line, gist of the message)
CASES = [
    ("yaml-syntax", _opt("title: Option alpha", "title: [unclosed"), None, "options/alpha.yaml", 5, "YAML syntax"),
    (
        "duplicate-key",
        _opt("domain: security", "domain: security\ndomain: other"),
        None,
        "options/alpha.yaml",
        6,
        "duplicate key 'domain'",
    ),
    ("empty-file", {"alpha": "", "beta": option_text("beta")}, None, "options/alpha.yaml", 1, "file is empty"),
    (
        "comments-only",
        {"alpha": "# nothing\n", "beta": option_text("beta")},
        None,
        "options/alpha.yaml",
        1,
        "file is empty",
    ),
    (
        "top-level-list",
        {"alpha": "- a\n- b\n", "beta": option_text("beta")},
        None,
        "options/alpha.yaml",
        1,
        "top level must be a mapping",
    ),
    ("missing-field", _opt("summary: A test option.\n", ""), None, "options/alpha.yaml", 1, "summary"),
    ("wrong-type", _opt("countries: [US, JP]", "countries: 3"), None, "options/alpha.yaml", 7, "countries"),
    ("unknown-field-hint", _opt("summary:", "sumary:"), None, "options/alpha.yaml", 6, "did you mean 'summary'"),
    (
        "unknown-nested-field",
        _opt("    stance: pro", "    stanse: pro"),
        None,
        "options/alpha.yaml",
        15,
        "did you mean 'stance'",
    ),
    ("negative-weight", None, _crit("weight: 0.6", "weight: -0.6"), "criteria.yaml", 7, "greater than or equal to 0"),
    ("nan-weight", None, _crit("weight: 0.6", "weight: .nan"), "criteria.yaml", 7, "finite number"),
    (
        "all-weights-zero",
        None,
        _crit("weight: 0.6", "weight: 0").replace("weight: 0.4", "weight: 0"),
        "criteria.yaml",
        5,
        "all criterion weights are zero",
    ),
    (
        "strength-above-one",
        _opt("strength: 0.7", "strength: 1.7"),
        None,
        "options/alpha.yaml",
        16,
        "less than or equal to 1",
    ),
    (
        "exposure-negative",
        _opt("level: 0.4", "level: -0.4"),
        None,
        "options/alpha.yaml",
        11,
        "greater than or equal to 0",
    ),
    ("negative-cost", _opt("amount: 2", "amount: -2"), None, "options/alpha.yaml", 9, "greater than or equal to 0"),
    ("negative-budget", None, _crit("limit: 10", "limit: -10"), "criteria.yaml", 30, "greater than or equal to 0"),
    (
        "unknown-criterion",
        _opt("criterion: deterrence", "criterion: deterence"),
        None,
        "options/alpha.yaml",
        14,
        "did you mean 'deterrence'",
    ),
    ("unknown-risk", _opt("  history:", "  histry:"), None, "options/alpha.yaml", 11, "unknown risk 'histry'"),
    ("unknown-budget", _opt("  money:", "  mony:"), None, "options/alpha.yaml", 9, "unknown budget 'mony'"),
    (
        "unknown-source",
        _opt("source: art, paragraph: 1", "source: nope, paragraph: 1"),
        None,
        "options/alpha.yaml",
        19,
        "unknown source 'nope'",
    ),
    (
        "unknown-required-option",
        _opt("arguments:", "requires: [gamma]\narguments:"),
        None,
        "options/alpha.yaml",
        12,
        "unknown option 'gamma'",
    ),
    (
        "unknown-attack-target",
        _opt("    claim: It deters.", "    claim: It deters.\n    attacks: [beta-pr]"),
        None,
        "options/alpha.yaml",
        18,
        "did you mean 'beta-pro'",
    ),
    (
        "duplicate-argument-id",
        {"alpha": ALPHA, "beta": option_text("beta", arg_prefix="alpha")},
        None,
        "options/beta.yaml",
        13,
        "also used in options/alpha.yaml",
    ),
    (
        "file-name-differs",
        {"alpha": option_text("gamma"), "beta": option_text("beta")},
        None,
        "options/alpha.yaml",
        3,
        "differs from file name",
    ),
    (
        "requires-cycle",
        {
            "alpha": option_text("alpha", extra="requires: [beta]\n"),
            "beta": option_text("beta", extra="requires: [alpha]\n"),
        },
        None,
        "options/alpha.yaml",
        27,
        "requires cycle: alpha -> beta -> alpha",
    ),
    (
        "requires-and-excludes",
        {"alpha": option_text("alpha", extra="requires: [beta]\nexcludes: [beta]\n"), "beta": option_text("beta")},
        None,
        "options/alpha.yaml",
        28,
        "both required and excluded",
    ),
    (
        "alias-bomb",
        {"alpha": 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n', "beta": option_text("beta")},
        None,
        "options/alpha.yaml",
        2,
        "aliases",
    ),
    (
        "custom-tag",
        {"alpha": "id: !!python/object:os.system x\n", "beta": option_text("beta")},
        None,
        "options/alpha.yaml",
        1,
        "custom tag",
    ),
    (
        "local-tag",
        _opt("title: Option alpha", "title: !evil Option alpha"),
        None,
        "options/alpha.yaml",
        4,
        "custom tag",
    ),
    ("non-utf8", {"alpha": None, "beta": option_text("beta")}, None, "options/alpha.yaml", 4, "not valid UTF-8"),
    (
        "unknown-profile-criterion",
        None,
        _crit("weights: {deterrence: 0.7", "weights: {deterence: 0.7"),
        "criteria.yaml",
        15,
        "unknown criterion 'deterence'",
    ),
    (
        "unknown-scenario-risk",
        None,
        _crit("risks: {history: 2.0}", "risks: {hist: 2.0}"),
        "criteria.yaml",
        26,
        "unknown risk 'hist'",
    ),
    (
        "bad-country",
        _opt("countries: [US, JP]", "countries: [US, CN]"),
        None,
        "options/alpha.yaml",
        7,
        "'US', 'JP' or 'KR'",
    ),
    (
        "strength-outside-range",
        _opt("strength: 0.7", "strength: 0.7\n    range: [0.1, 0.3]"),
        None,
        "options/alpha.yaml",
        13,
        "outside its range",
    ),
    (
        "long-quote",
        _opt('quote: "a quote"', 'quote: "' + " ".join(["word"] * 41) + '"'),
        None,
        "options/alpha.yaml",
        19,
        "41 words",
    ),
    ("unsupported-version", _opt("version: 1", "version: 9"), None, "options/alpha.yaml", 2, "unsupported version"),
    ("id-pattern", _opt("  - id: alpha-pro", "  - id: Alpha Pro"), None, "options/alpha.yaml", 13, "pattern"),
]


def _write_case(root: Path, options: dict[str, str | None] | None, criteria: str | None) -> Path:
    opts = dict(options) if options is not None else {"alpha": ALPHA, "beta": option_text("beta")}
    raw = {k: v for k, v in opts.items() if v is None}
    write_project(root, {k: v for k, v in opts.items() if v is not None}, criteria or CRITERIA)
    for name in raw:
        (root / "options" / f"{name}.yaml").write_bytes(
            ALPHA.encode().replace(b"Option alpha", b"Option \xff\xfe alpha")
        )
    return root


@pytest.mark.parametrize(("case", "options", "criteria", "file", "line", "gist"), CASES, ids=[c[0] for c in CASES])
def test_malformed_input_is_located(tmp_path, case, options, criteria, file, line, gist):
    root = _write_case(tmp_path, options, criteria)
    with pytest.raises(trilat_opt.InputError) as info:
        trilat_opt.load(root)
    errors = info.value.errors
    hits = [e for e in errors if e.file == file and gist in str(e)]
    assert hits, f"{case}: expected {file}: ...{gist}... in\n{info.value}"
    assert hits[0].line == line, f"{case}: line {hits[0].line}, expected {line}: {hits[0]}"


def test_corpus_is_large_enough():
    assert len(CASES) >= 25


def test_every_problem_is_reported_not_only_the_first(tmp_path):
    """One broken file must not hide another file's problems, nor a second problem in the same file."""
    options = {
        "alpha": ALPHA.replace("summary:", "sumary:").replace("strength: 0.7", "strength: 2"),
        "beta": option_text("beta").replace("criterion: deterrence", "criterion: nope"),
        "gamma": "key: [broken\n",
    }
    write_project(tmp_path, options)
    with pytest.raises(trilat_opt.InputError) as info:
        trilat_opt.load(tmp_path)
    text = str(info.value)
    assert "options/alpha.yaml:6:1: sumary: unknown field" in text
    assert "strength" in text and "less than or equal to 1" in text
    assert "options/gamma.yaml" in text and "YAML syntax" in text
    # beta's dangling criterion is still found although alpha and gamma failed to parse
    assert "options/beta.yaml:14" in text and "unknown criterion 'nope'" in text


def test_alias_bomb_is_rejected_quickly(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    write_project(tmp_path, {"alpha": "\n".join(lines) + "\n"})
    start = time.perf_counter()
    with pytest.raises(trilat_opt.InputError, match="aliases"):
        trilat_opt.load(tmp_path)
    assert time.perf_counter() - start < 2.0


def test_oversized_file_is_rejected_with_its_size(tmp_path):
    write_project(tmp_path, {"alpha": ALPHA + "#" + "x" * MAX_BYTES + "\n"})
    with pytest.raises(trilat_opt.InputError, match="the limit is"):
        trilat_opt.load(tmp_path)


def test_missing_project_pieces(tmp_path):
    with pytest.raises(trilat_opt.InputError, match=r"^criteria\.yaml: file is missing"):
        trilat_opt.load(tmp_path)
    with pytest.raises(trilat_opt.InputError, match="project folder does not exist"):
        trilat_opt.load(tmp_path / "nowhere")


def test_loaded_catalogue_is_immutable_and_sorted(tmp_path):
    write_project(tmp_path, {"beta": option_text("beta"), "alpha": ALPHA})
    cat = trilat_opt.load(tmp_path)
    assert cat.option_ids == ["alpha", "beta"]
    with pytest.raises(Exception, match="frozen"):
        cat.options[0].title = "changed"  # type: ignore[misc]
    assert cat.weights() == pytest.approx({"deterrence": 0.6, "resilience": 0.4})


@pytest.mark.parametrize(
    ("case", "options", "criteria", "file", "line", "gist"), CASES[:8], ids=[c[0] for c in CASES[:8]]
)
def test_cli_reports_bad_input_with_exit_2_and_writes_nothing(
    tmp_path, capsys, case, options, criteria, file, line, gist
):
    root = _write_case(tmp_path / "p", options, criteria)
    before = sorted(p for p in tmp_path.rglob("*"))
    out = tmp_path / "p" / "list.csv"
    code, _, err = run_cli(capsys, "--project", str(root), "options", "list", "--format", "csv", "--out", str(out))
    assert code == 2
    assert f"{file}:{line}:" in err and gist in err
    assert "Traceback" not in err
    assert sorted(p for p in tmp_path.rglob("*")) == before


# ---------------------------------------------------------------------------- the libyaml reader


def _read(tmp_path: Path, text: str):
    from trilat_opt.yamlio import read_yaml

    f = tmp_path / "t.yaml"
    f.write_text(text, encoding="utf-8")
    return read_yaml(f, "t.yaml")


def test_plain_scalars_follow_the_yaml_1_2_core_schema(tmp_path):
    """`yes`, `on` and dates stay text (YAML 1.1 would make them booleans and dates)."""
    data = _read(
        tmp_path, "a: yes\nb: on\nc: 2025-11-16\nd: 0x1F\ne: 550_000\nf: .inf\ng: ~\nh: 'true'\ni: true\n"
    ).data
    assert data == {
        "a": "yes",
        "b": "on",
        "c": "2025-11-16",
        "d": 31,
        "e": 550000,
        "f": float("inf"),
        "g": None,
        "h": "true",
        "i": True,
    }


def test_positions_of_keys_and_items(tmp_path):
    parsed = _read(tmp_path, "top:\n  list:\n    - x\n    -   y\n")
    assert parsed.keys[("top", "list")] == (2, 3)
    assert parsed.values[("top", "list", 1)] == (4, 9)


@pytest.mark.parametrize(
    ("text", "line", "gist"),
    [
        ("a: 1\nb: !!int nope\n", 2, "not a valid !!int"),
        ("a: 1\n? [x, y]\n: 2\n", 2, "keys must be plain text"),
        ("a: &x 1\nb: 2\nc: *x\n", 3, "aliases"),
        ("a: 1\n  b: 2\n", 2, "YAML syntax"),
    ],
)
def test_reader_refusals_are_located(tmp_path, text, line, gist):
    with pytest.raises(trilat_opt.InputError) as info:
        _read(tmp_path, text)
    err = info.value.errors[0]
    assert (err.line, gist in err.message) == (line, True), err


def test_anchor_without_alias_is_harmless(tmp_path):
    assert _read(tmp_path, "a: &x 1\nb: '*not an alias*'\n").data == {"a": 1, "b": "*not an alias*"}
