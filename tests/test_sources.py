"""Quote verification and coverage, on tiny articles and projects that each test writes itself.

The texts below are invented for the tests (no article text is copied). Each check that a quote
passes is paired with a near miss that must fail: one word changed, the right quote cited at the
wrong paragraph, an unknown source key, a paragraph past the end.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trilat_opt
from factories import CRITERIA, argument, locate, option_text, write_project
from trilat_opt import sources as S
from trilat_opt.errors import InputError
from trilat_opt.sources import (
    BalanceTargets,
    check_quotes,
    coverage,
    find_sources_dir,
    normalise,
    paragraphs,
    read_sources,
    sentences,
)

ALPHA = """\
Alpha Report
By A. Writer

The council meets twice a year. It coordinates “industrial policy” across three capitals—Tokyo, Seoul and Washington.
\u00a0\t
Tariffs raised costs for allies. Leaders should resist the urge to extract more investment.
Public support remains fickle in both countries.
"""
# paragraphs: 1 title, 2 byline, 3 council, 4 tariffs, 5 public support (the NBSP/tab line is blank)

BETA = "Beta Note\nJapan’s ministers met their counterparts in Seoul.\n"

LIBRARY_YAML = """\
sources:
  - key: alpha
    file: alpha.txt
    title: Alpha Report
  - key: beta
    file: beta.txt
    title: Beta Note
"""

COUNCIL = "It coordinates “industrial policy” across three capitals—Tokyo, Seoul and Washington."
TARIFFS = "Leaders should resist the urge to extract more investment."


def write_sources(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources.yaml").write_text(LIBRARY_YAML, encoding="utf-8")
    (folder / "alpha.txt").write_text(ALPHA, encoding="utf-8")
    (folder / "beta.txt").write_text(BETA, encoding="utf-8")
    return folder


def option_yaml(
    oid: str, evidence: list[tuple[str, int, str]], exposure: float | None = None, cons: tuple[int, ...] = ()
) -> str:
    """An option with one argument per (source, paragraph, quote), on deterrence, resilience,
    deterrence, ... in turn; pro but for the arguments numbered in `cons`."""
    args = [
        argument(f"{oid}-a{i}", ("deterrence", "resilience")[i % 2], "con" if i in cons else "pro", 0.6,
                 claim=f"Claim {i}.", evidence=[e])
        for i, e in enumerate(evidence)
    ]  # fmt: skip
    return option_text(oid, args, costs={}, exposures={} if exposure is None else {"history": exposure})


def project(tmp_path: Path, options: dict[str, list[tuple[str, int, str]]]) -> trilat_opt.Catalogue:
    """Load a project whose options carry exactly `options` evidence (no project bibliography)."""
    root = write_project(tmp_path / "proj", {oid: option_yaml(oid, ev) for oid, ev in options.items()})
    (root / "sources.yaml").unlink()  # so the loader does not vet the keys; check_quotes must
    return trilat_opt.load(root)


@pytest.fixture
def library(tmp_path: Path) -> S.SourceLibrary:
    return read_sources(write_sources(tmp_path / "sources"))


def check(tmp_path: Path, library: S.SourceLibrary, *evidence: tuple[str, int, str]) -> S.QuoteReport:
    return check_quotes(project(tmp_path, {"opt": list(evidence)}), library)


# ---------------------------------------------------------------------------- conventions


def test_paragraphs_are_the_lines_with_visible_text() -> None:
    paras = paragraphs(ALPHA)
    assert len(paras) == 5
    assert paras[0] == "Alpha Report"
    assert paras[2].startswith("The council meets")
    assert paras[3].startswith("Tariffs raised")  # the NBSP+tab line does not count
    assert paras[4] == "Public support remains fickle in both countries."


def test_library_holds_each_source_s_paragraphs(library: S.SourceLibrary) -> None:
    assert library.keys == ["alpha", "beta"]
    assert library.paragraph("alpha", 3).endswith("Seoul and Washington.")
    assert library.paragraph("beta", 2).startswith("Japan’s ministers")
    with pytest.raises(IndexError):
        library.paragraph("alpha", 6)
    with pytest.raises(IndexError):
        library.paragraph("alpha", 0)


@pytest.mark.parametrize(
    ("variant", "original"),
    [
        ("Japan's", "Japan’s"),
        ("'policy'", "‘policy’"),
        ("a ‚low‛ tone", "a 'low' tone"),
        ('"policy"', "“policy”"),
        ("„policy‟", '"policy"'),
        ("5′ and 6″", "5' and 6\""),
        ("capitals-Tokyo", "capitals—Tokyo"),
        ("2024-2025", "2024–2025"),
        ("-3", "\u22123"),
        ("one-on-one", "one\u2011on\u2011one"),
        ("three capitals", "three \u00a0\n\t capitals"),
        ("THE COUNCIL", "the council"),
        ("ﬁnance", "finance"),  # NFKC ligature
        ("  padded  ", "padded"),
    ],
)
def test_normalise_forgives_typography_whitespace_and_case(variant: str, original: str) -> None:
    assert normalise(variant) == normalise(original)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tokyo, Seoul", "Tokyo Seoul"),  # punctuation counts
        ("industrial policy", "industrial-policy"),
        ("the council", "the councils"),
        ("one-on-one", "one on one"),
        ("policy.", "policy"),
        ("Japan's", "Japans"),
    ],
)
def test_normalise_keeps_words_and_punctuation(a: str, b: str) -> None:
    assert normalise(a) != normalise(b)


_TYPO = {"'": "‘’‚‛′'", '"': '“”„‟″"', "-": "–—−\u2011-", " ": [" ", "  ", "\u00a0", "\n", " \t "]}


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="abcXYZ '\"-,.", max_size=40), st.randoms(use_true_random=False))
def test_typographic_variants_normalise_alike(text: str, rnd: random.Random) -> None:
    variant = "".join(
        rnd.choice(_TYPO[ch]) if ch in _TYPO else (ch.upper() if rnd.random() < 0.5 else ch.lower()) for ch in text
    )
    assert normalise(variant) == normalise(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_normalise_is_a_canonical_form(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


def test_sentences_split_at_terminal_punctuation_before_a_capital() -> None:
    assert sentences(paragraphs(ALPHA)[2]) == ["The council meets twice a year.", COUNCIL]
    assert sentences("See the U.S. plan. It works.") == ["See the U.S. plan.", "It works."]


# ---------------------------------------------------------------------------- check_quotes


def test_exact_quotes_pass(tmp_path: Path, library: S.SourceLibrary) -> None:
    report = check(tmp_path, library, ("alpha", 3, COUNCIL), ("alpha", 4, TARIFFS), ("beta", 2, "ministers met"))
    assert report.ok and report.failures == ()
    assert report.checked == 3
    assert report.table().empty


@pytest.mark.parametrize(
    "quote",
    [
        'It coordinates "industrial policy" across three capitals-Tokyo, Seoul and Washington.',
        "it coordinates “INDUSTRIAL POLICY” across three capitals—tokyo, seoul and washington.",
        "coordinates “industrial policy” across three\n   capitals–Tokyo,\u00a0Seoul",
        "across  three  capitals\u2014Tokyo",
    ],
)
def test_quotes_differing_only_in_typography_whitespace_or_case_pass(
    tmp_path: Path, library: S.SourceLibrary, quote: str
) -> None:
    assert check(tmp_path, library, ("alpha", 3, quote)).ok


def test_quote_with_one_word_changed_fails_and_shows_closest_sentence(tmp_path: Path, library: S.SourceLibrary) -> None:
    quote = COUNCIL.replace("industrial", "trade")
    (f,) = check(tmp_path, library, ("alpha", 3, quote)).failures
    assert f.reason == "not found in alpha ¶3"
    assert f.found_in == ()
    assert (f.closest, f.closest_paragraph) == (COUNCIL, 3)
    # 17 words and marks in the quote (normalised tokens), all but the changed word shared in order
    tokens = len(S._tokens(quote))
    assert f.similarity == pytest.approx(round((tokens - 1) / tokens, 4))
    assert (f.option, f.argument, f.source, f.paragraph, f.quote) == ("opt", "opt-a0", "alpha", 3, quote)


def test_dropped_comma_fails(tmp_path: Path, library: S.SourceLibrary) -> None:
    (f,) = check(tmp_path, library, ("alpha", 3, "capitals—Tokyo Seoul and Washington")).failures
    assert f.reason == "not found in alpha ¶3"


def test_right_quote_at_wrong_paragraph_fails_and_names_the_right_one(tmp_path: Path, library: S.SourceLibrary) -> None:
    (f,) = check(tmp_path, library, ("alpha", 3, TARIFFS)).failures
    assert f.reason == "not found in alpha ¶3; found in paragraph 4, cited as 3"
    assert f.found_in == (4,)
    assert (f.closest, f.closest_paragraph, f.similarity) == (TARIFFS, 4, 1.0)


def test_quote_from_another_source_is_not_accepted(tmp_path: Path, library: S.SourceLibrary) -> None:
    (f,) = check(tmp_path, library, ("alpha", 2, "ministers met their counterparts")).failures
    assert f.reason == "not found in alpha ¶2"


def test_unknown_source_key_fails_with_a_hint(tmp_path: Path, library: S.SourceLibrary) -> None:
    (f,) = check(tmp_path, library, ("alpah", 3, COUNCIL)).failures
    assert f.reason.startswith("unknown source key 'alpah'")
    assert f.reason.endswith("did you mean 'alpha'?")
    assert f.field == "arguments[0].evidence[0].source"
    assert f.closest == ""


def test_paragraph_out_of_range_fails_and_says_where_the_quote_is(tmp_path: Path, library: S.SourceLibrary) -> None:
    (f,) = check(tmp_path, library, ("alpha", 6, TARIFFS)).failures
    assert f.reason == (
        "paragraph 6 is out of range: alpha has 5 paragraphs (non-empty lines); found in paragraph 4, cited as 6"
    )
    assert f.field == "arguments[0].evidence[0].paragraph"


def test_failure_is_located_at_the_quote_line_of_its_option_file(tmp_path: Path, library: S.SourceLibrary) -> None:
    good, bad = ("alpha", 3, COUNCIL), ("alpha", 5, "Public support remains strong")
    cat = project(tmp_path, {"first": [good, good], "second": [good, good, bad]})
    (f,) = check_quotes(cat, library).failures
    text = (Path(cat.root) / "options" / "second.yaml").read_text(encoding="utf-8")
    line, column = locate(text, json.dumps(bad[2]))  # where the quoted text starts
    assert (f.file, f.line, f.column) == ("options/second.yaml", line, column)
    assert f.field == "arguments[2].evidence[0].quote"
    assert str(f.detail()).startswith(
        f"options/second.yaml:{line}:{column}: arguments[2].evidence[0].quote: not found in alpha ¶5\n"
    )


def test_every_failure_is_reported_in_one_error(tmp_path: Path, library: S.SourceLibrary) -> None:
    cat = project(tmp_path, {"a": [("alpha", 3, "nope")], "b": [("beta", 1, "nada"), ("beta", 2, "Japan’s")]})
    report = check_quotes(cat, library)
    assert report.checked == 3
    assert [(f.option, f.quote) for f in report.failures] == [("a", "nope"), ("b", "nada")]
    err = report.error()
    assert isinstance(err, InputError) and err.exit_code == 2
    assert [e.file for e in err.errors] == ["options/a.yaml", "options/b.yaml"]
    assert list(report.table()["quote"]) == ["nope", "nada"]


def test_passing_quotes_do_not_reread_option_files(
    tmp_path: Path, library: S.SourceLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    cat = project(tmp_path, {"opt": [("alpha", 3, COUNCIL)]})

    def boom(*_: object) -> None:
        raise AssertionError("option file re-read although every quote passed")

    monkeypatch.setattr(S, "option_doc", boom)
    assert check_quotes(cat, library).ok


# ---------------------------------------------------------------------------- reading the folder


def test_missing_sources_folder_says_how_to_point_at_one(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        read_sources(tmp_path / "nowhere")
    assert "sources folder does not exist; pass --sources DIR or set TRILAT_SOURCES" in str(exc.value)


def test_missing_bibliography_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"sources\.yaml is missing in .*; pass --sources DIR or set TRILAT_SOURCES"):
        read_sources(tmp_path)


def test_missing_text_file_is_located_in_the_bibliography(tmp_path: Path) -> None:
    folder = write_sources(tmp_path / "sources")
    (folder / "beta.txt").unlink()
    with pytest.raises(InputError) as exc:
        read_sources(folder)
    (detail,) = exc.value.errors
    assert (detail.line, detail.field) == (6, "sources[1].file")  # line 6 of LIBRARY_YAML: "file: beta.txt"
    assert detail.message.startswith("source 'beta': text file 'beta.txt' not found in ")


def test_text_file_outside_the_folder_is_refused(tmp_path: Path) -> None:
    folder = write_sources(tmp_path / "sources")
    (tmp_path / "secret.txt").write_text("x\n", encoding="utf-8")
    (folder / "sources.yaml").write_text(LIBRARY_YAML.replace("beta.txt", "../secret.txt"), encoding="utf-8")
    with pytest.raises(InputError, match="must be a path inside the sources folder"):
        read_sources(folder)


def test_sources_dir_given_then_environment_then_beside_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    proj = tmp_path / "proj"
    proj.mkdir()
    monkeypatch.delenv("TRILAT_SOURCES", raising=False)
    with pytest.raises(InputError, match="no sources folder found; pass --sources DIR or set TRILAT_SOURCES"):
        find_sources_dir(proj)
    shared = tmp_path / "shared" / "sources"
    shared.mkdir(parents=True)
    assert find_sources_dir(proj) == shared
    monkeypatch.setenv("TRILAT_SOURCES", str(tmp_path / "env"))
    assert find_sources_dir(proj) == tmp_path / "env"
    assert find_sources_dir(proj, tmp_path / "given") == tmp_path / "given"


# ---------------------------------------------------------------------------- coverage and balance

CRITERIA_3 = CRITERIA.replace("criteria:\n", "criteria:\n  - {id: speed, name: Speed, weight: 0.1}\n", 1)


def coverage_project(tmp_path: Path) -> trilat_opt.Catalogue:
    """Three options; counted by hand below. Arguments alternate deterrence, resilience, ...

    Option three lists the risk at level 0, which does not count as carrying it.
    """
    opts = {
        "one": option_yaml("one", [("alpha", 3, "x"), ("alpha", 4, "x"), ("beta", 2, "x")], 0.5),
        "two": option_yaml("two", [("alpha", 3, "x")], 0.5),
        "three": option_yaml("three", [("alpha", 1, "x"), ("beta", 2, "x")], 0, cons=(1,)),
    }
    root = write_project(tmp_path / "proj", opts, criteria=CRITERIA_3)
    (root / "sources.yaml").write_text(LIBRARY_YAML + "  - {key: gamma, title: Never cited}\n", encoding="utf-8")
    return trilat_opt.load(root)


def test_coverage_counts_citations_criteria_stances_and_risks(tmp_path: Path) -> None:
    rep = coverage(coverage_project(tmp_path))
    assert rep.articles.to_dict("index") == {
        "alpha": {"title": "Alpha Report", "citations": 4, "paragraphs": [1, 3, 4]},
        "beta": {"title": "Beta Note", "citations": 2, "paragraphs": [2]},
        "gamma": {"title": "Never cited", "citations": 0, "paragraphs": []},
    }
    # deterrence: one(a0, a2), two(a0), three(a0) -> 3 options; resilience: one(a1), three(a1, con) -> 2
    assert rep.criteria.loc["deterrence", ["options", "arguments", "pro", "con"]].tolist() == [3, 4, 4, 0]
    assert rep.criteria.loc["resilience", ["options", "arguments", "pro", "con"]].tolist() == [2, 2, 1, 1]
    assert rep.criteria.loc["speed", ["options", "arguments"]].tolist() == [0, 0]
    assert rep.criteria.loc["resilience", "share"] == pytest.approx(2 / 3)
    assert (rep.options, rep.arguments, rep.con) == (3, 6, 1)
    assert rep.con_share == pytest.approx(1 / 6)
    assert rep.risks["options"].to_dict() == {"history": 2}


def test_balance_problems_name_every_shortfall(tmp_path: Path) -> None:
    rep = coverage(coverage_project(tmp_path))
    assert rep.balance_problems() == [
        "article 'alpha' is cited 4 times; target at least 8",
        "article 'beta' is cited 2 times; target at least 8",
        "article 'gamma' is cited 0 times; target at least 8",
        "criterion 'speed' is argued on 0 of 3 options (0%); target at least 20%",
        "risk 'history' is carried by 2 options; target at least 3",
    ]
    lenient = BalanceTargets(citations_per_article=0, criterion_share=0, con_share=1 / 6, options_per_risk=2)
    assert rep.balance_problems(lenient) == []
    # a criterion argued on exactly a third of the options meets a one-third target
    assert not [p for p in rep.balance_problems(BalanceTargets(criterion_share=2 / 3)) if "resilience" in p]


def test_closest_sentence_prefers_the_cited_paragraph_on_ties() -> None:
    paras = ("Key point: the plan needs funding.", "Other text here.", "Key point: the plan needs funding.")
    assert S._closest("the plan needs money", paras, cited=3)[1] == 3
    assert S._closest("the plan needs money", paras, cited=1)[1] == 1
    assert S._closest("other text there", paras, cited=1)[:2] == ("Other text here.", 2)
