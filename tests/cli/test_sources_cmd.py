"""`trilat-opt sources check` and `sources coverage`: exit codes, message text, formats, help.

Each test writes a tiny sources folder (invented text) and a project citing it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factories import argument, locate, option_text, quoting_project, run_cli, write_project

TEXT = (
    "Title line\n\nThe plan needs “steady funding” from all three.\nLeaders met in Tokyo. They agreed to meet again.\n"
)
LIBRARY = "sources:\n  - {key: art, file: art.txt, title: An article}\n"


def option(quote: str, paragraph: int, source: str = "art") -> str:
    """Option `opt`: a pro argument quoting `quote` at `paragraph` of `source`, and a con quoting ¶3."""
    pro = argument("opt-pro", evidence=[(source, paragraph, quote)])
    con = argument(
        "opt-con", "resilience", "con", 0.4, claim="It costs.", evidence=[("art", 3, "Leaders met in Tokyo.")]
    )
    return option_text("opt", [pro, con], costs={})


def setup(tmp_path: Path, quote: str = 'needs "steady funding"', paragraph: int = 2) -> tuple[Path, Path]:
    sources = tmp_path / "library"
    sources.mkdir()
    (sources / "sources.yaml").write_text(LIBRARY, encoding="utf-8")
    (sources / "art.txt").write_text(TEXT, encoding="utf-8")
    root = write_project(tmp_path / "proj", {"opt": option(quote, paragraph)})
    return root, sources


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRILAT_SOURCES", raising=False)


def test_check_passes_with_verbatim_quotes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, sources = setup(tmp_path)
    code, out, err = run_cli(capsys, "--project", str(root), "sources", "check", "--sources", str(sources))
    assert (code, out, err) == (0, "2 quotes checked, all verbatim\n", "")


def test_check_reads_the_folder_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, sources = setup(tmp_path)
    monkeypatch.setenv("TRILAT_SOURCES", str(sources))
    assert run_cli(capsys, "--project", str(root), "sources", "check")[:2] == (0, "2 quotes checked, all verbatim\n")


def test_check_defaults_to_shared_sources_beside_the_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, sources = setup(tmp_path)
    (tmp_path / "shared").mkdir()
    sources.rename(tmp_path / "shared" / "sources")  # ../shared/sources seen from the project folder
    assert run_cli(capsys, "--project", str(root), "sources", "check")[0] == 0


def test_check_without_a_sources_folder_says_how_to_give_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, _ = setup(tmp_path)
    code, out, err = run_cli(capsys, "--project", str(root), "sources", "check")
    assert (code, out) == (2, "")
    assert "no sources folder found; pass --sources DIR or set TRILAT_SOURCES" in err
    assert "Traceback" not in err


def test_misquote_exits_2_naming_file_line_and_closest_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, sources = setup(tmp_path, quote='needs "regular funding"')
    code, out, err = run_cli(capsys, "--project", str(root), "sources", "check", "-s", str(sources))
    assert (code, out) == (2, "")
    line, column = locate((root / "options" / "opt.yaml").read_text(encoding="utf-8"), '"needs')
    lines = err.splitlines()
    assert lines[0] == "1 of 2 quotes failed:"
    assert lines[1] == f"options/opt.yaml:{line}:{column}: arguments[0].evidence[0].quote: not found in art ¶2"
    assert lines[2] == (
        "    closest sentence (¶2, 80% of the quote's words): The plan needs “steady funding” from all three."
    )


def test_wrong_paragraph_names_the_right_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, sources = setup(tmp_path, quote="They agreed to meet again.", paragraph=2)
    code, _, err = run_cli(capsys, "--project", str(root), "sources", "check", "-s", str(sources))
    assert code == 2
    assert "quote: not found in art ¶2; found in paragraph 3, cited as 2" in err


def test_unknown_source_key_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, sources = setup(tmp_path)
    (root / "sources.yaml").unlink()  # the project bibliography would already refuse the key
    text = (root / "options" / "opt.yaml").read_text(encoding="utf-8")
    (root / "options" / "opt.yaml").write_text(text.replace("source: art", "source: artt", 1), encoding="utf-8")
    line, column = locate(text, "art,")  # the first evidence item's source, now artt
    code, _, err = run_cli(capsys, "--project", str(root), "sources", "check", "-s", str(sources))
    assert code == 2
    assert f"options/opt.yaml:{line}:{column}: arguments[0].evidence[0].source: unknown source key 'artt'" in err
    assert "did you mean 'art'?" in err


def test_check_json_lists_failures_and_still_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, sources = setup(tmp_path, quote="steady money")
    line, _ = locate((root / "options" / "opt.yaml").read_text(encoding="utf-8"), '"steady money"')
    code, out, _ = run_cli(capsys, "--project", str(root), "sources", "check", "-s", str(sources), "-f", "json")
    data = json.loads(out)
    assert code == 2
    assert data["checked"] == 2
    assert [(f["argument"], f["quote"], f["line"]) for f in data["failures"]] == [("opt-pro", "steady money", line)]


def test_coverage_json_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, _ = setup(tmp_path)
    (root / "sources.yaml").write_text(LIBRARY, encoding="utf-8")
    code, out, _ = run_cli(capsys, "--project", str(root), "sources", "coverage", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["articles"] == [{"source": "art", "title": "An article", "citations": 2, "paragraphs": [2, 3]}]
    assert {c["criterion"]: c["options"] for c in data["criteria"]} == {"deterrence": 1, "resilience": 1}
    assert (data["arguments"], data["con"], data["con_share"]) == (2, 1, 0.5)
    assert data["risks"] == [{"risk": "history", "options": 1}]
    assert "article 'art' is cited 2 times; target at least 8" in data["balance_problems"]


def test_coverage_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, _ = setup(tmp_path)
    (root / "sources.yaml").write_text(LIBRARY, encoding="utf-8")
    code, out, _ = run_cli(capsys, "--project", str(root), "sources", "coverage")
    assert code == 0
    for text in ("Citations per article", "art", "2-3", "deterrence", "history", "con arguments: 1 of 2 (50%)"):
        assert text in out
    assert "risk 'history' is carried by 1 options; target at least 3" in out


def test_coverage_refuses_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, _ = setup(tmp_path)
    code, out, err = run_cli(capsys, "--project", str(root), "sources", "coverage", "-f", "csv")
    assert (code, out) == (2, "")
    assert "Invalid value" in err and "'csv'" in err


def test_cited_paragraphs_are_shown_as_ranges() -> None:
    from trilat_opt.cli.sources_cmd import _ranges

    assert _ranges([1, 3, 4, 5, 9, 11, 12]) == "1, 3-5, 9, 11-12"
    assert _ranges([]) == ""


def test_coverage_shows_the_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, _ = setup(tmp_path)
    (root / "sources.yaml").write_text(LIBRARY, encoding="utf-8")
    register = "kind: trilat-opt/recommendations\nversion: 1\nrecommendations:\n"
    register += "  - {id: r1, source: art, paragraph: 2, recommendation: Fund it steadily., options: [opt]}\n"
    register += "  - {id: r2, source: art, paragraph: 3, recommendation: Meet again., options: []}\n"
    (root / "recommendations.yaml").write_text(register, encoding="utf-8")
    code, out, _ = run_cli(capsys, "--project", str(root), "sources", "coverage")
    assert code == 0
    assert "What the articles recommend" in out and "Fund it steadily." in out
    assert "register: 2 recommendations, 1 carried by no option" in out
    code, out, _ = run_cli(capsys, "--project", str(root), "sources", "coverage", "--format", "json")
    rows = json.loads(out)["recommendations"]
    assert [(r["id"], r["options"], r["status"]) for r in rows] == [
        ("r1", "opt", "carried"),
        ("r2", "", "no option carries it"),
    ]


# ---------------------------------------------------------------------------- quotes in context (tests/test_quotes.py)


def test_sources_check_warns_without_changing_the_exit_code(tmp_path, capsys):
    root, library = quoting_project(
        tmp_path,
        alpha=[("pro", 2, "the council fails"), ("pro", 3, "costs rise", "the plan works despite the cost")],
        beta=[("con", 3, "the plan works")],
    )
    code, out, err = run_cli(capsys, "--project", str(root), "sources", "check", "-s", str(library))
    assert code == 0
    lines = err.splitlines()
    assert lines[0].startswith("warning: options/alpha.yaml:15:9: arguments[0].evidence[0]: alpha-a0: quote clipped")
    assert any(line.startswith("warning: options/beta.yaml:15:9: ") and "beta-a0 (con)" in line for line in lines)
    assert "3 quotes checked, all verbatim" in out
    assert "1 reviewed exceptions:" in out
    line, column = locate((root / "options" / "alpha.yaml").read_text(), "{source: art, paragraph: 3")
    where = f"options/alpha.yaml:{line}:{column}: arguments[1].evidence[0]"
    assert f"{where}: alpha-a1 (clipped-clause, opposite-stance)" in out
    code, out, _ = run_cli(capsys, "--project", str(root), "sources", "check", "-s", str(library), "-f", "json")
    data = json.loads(out)
    assert code == 0 and [w["argument"] for w in data["warnings"]] == ["alpha-a0", "beta-a0"]
    assert [r["argument"] for r in data["reviewed"]] == ["alpha-a1"]


def test_sources_check_refuses_a_register_paragraph_past_the_end(tmp_path, capsys):
    root, library = quoting_project(tmp_path, alpha=[("pro", 3, "the plan works")])
    register = "kind: trilat-opt/recommendations\nversion: 1\nrecommendations:\n"
    register += "  - {id: r1, source: art, paragraph: 9, recommendation: Do it., options: [alpha]}\n"
    (root / "recommendations.yaml").write_text(register, encoding="utf-8")
    code, out, err = run_cli(capsys, "--project", str(root), "sources", "check", "-s", str(library))
    assert (code, out) == (2, "")
    assert "recommendations.yaml:4:38: recommendations[0].paragraph: paragraph 9 is out of range" in err
