"""The report's evidence in context: quotes inside their sentences, dates, inferred arguments, the register.

A tiny project (factories) and a tiny invented article, built quickly (`full=False`, few samples)
and rendered; the shipped report (built once in conftest) must mark every quote.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import trilat_opt
from factories import option_text, run_cli, write_project
from trilat_opt.report import build
from trilat_opt.report.render import render_html

# The factory's two options argue alike, so TOPSIS says it cannot separate them; that is expected here.
pytestmark = pytest.mark.filterwarnings("ignore::trilat_opt.score._matrix.ScoreWarning")

ARTICLE = "Even if a quote is short, it matters. Next one.\nHere is another quote in a sentence.\n"
LIBRARY = "sources:\n  - {key: art, file: art.txt, title: An article, date: 2025-05}\n"
REASONING = "the article speaks of Japan only; the same logic holds for Korea's ports"
REGISTER = """\
kind: trilat-opt/recommendations
version: 1
recommendations:
  - {id: r-alpha, source: art, paragraph: 1, recommendation: Keep quotes short., options: [alpha, beta]}
  - {id: r-none, source: art, paragraph: 2, recommendation: Say more., options: []}
"""


def project(tmp_path: Path, *, inferred: bool = False, register: bool = False) -> Path:
    alpha = option_text("alpha")
    if inferred:
        alpha = alpha.replace("    strength: 0.7\n", f"    strength: 0.7\n    inference: {json.dumps(REASONING)}\n", 1)
    root = write_project(tmp_path / "proj", {"alpha": alpha, "beta": option_text("beta")})
    (root / "sources.yaml").write_text(LIBRARY, encoding="utf-8")
    if register:
        (root / "recommendations.yaml").write_text(REGISTER, encoding="utf-8")
    return root


def library(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    (folder / "sources.yaml").write_text(LIBRARY, encoding="utf-8")
    (folder / "art.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def page(root: Path, sources: Path | None = None) -> tuple[object, str]:
    data = build(trilat_opt.load(root), samples=40, full=False, sources=sources)
    return data, render_html(data)


def quotes_of(html: str) -> list[str]:
    return re.findall(r"<blockquote.*?</blockquote>", html, flags=re.S)


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRILAT_SOURCES", raising=False)


def test_each_quote_is_shown_in_its_sentence_with_the_quoted_part_marked(tmp_path):
    data, html = page(project(tmp_path), library(tmp_path))
    first, second = quotes_of(html)[:2]
    assert first.startswith('<blockquote class="in-context">“Even if <mark>a quote</mark> is short, it matters.”')
    assert "Next one." not in first  # the sentence, not the paragraph
    assert "“Here is <mark>another quote</mark> in a sentence.”" in second
    assert data.summary["sources_note"] == ""
    sentences = data.tables["evidence"]["sentence"].tolist()
    assert sentences[:2] == ["Even if a quote is short, it matters.", "Here is another quote in a sentence."]


def test_without_the_articles_the_report_builds_says_so_and_shows_bare_quotes(tmp_path):
    data, html = page(project(tmp_path))
    assert "The source articles were not found" in data.summary["sources_note"]
    assert "The source articles were not found" in html
    assert quotes_of(html)[0].startswith("<blockquote>“a quote”")
    assert not any("<mark>" in q for q in quotes_of(html))
    assert "not found in ¶" not in html  # nothing could be looked up, so nothing is called missing


def test_a_quote_missing_from_its_paragraph_is_flagged_not_hidden(tmp_path):
    folder = library(tmp_path)
    (folder / "art.txt").write_text("Nothing relevant here.\nHere is another quote in a sentence.\n")
    _, html = page(project(tmp_path), folder)
    assert "<blockquote>“a quote” " in html and "not found in ¶1" in html


def test_a_named_sources_folder_that_is_missing_is_bad_input(tmp_path, capsys):
    root = project(tmp_path)
    with pytest.raises(trilat_opt.InputError, match="sources folder does not exist"):
        build(trilat_opt.load(root), samples=40, full=False, sources=tmp_path / "nowhere")
    out = tmp_path / "report"
    code, _, err = run_cli(
        capsys, "--project", str(root), "report", "--quick", "--sources", str(tmp_path / "nowhere"), "--out", str(out)
    )
    assert code == 2 and "sources folder does not exist" in err and not out.exists()


def test_dates_stand_beside_citations_with_a_legend(tmp_path):
    data, html = page(project(tmp_path), library(tmp_path))
    assert data.summary["dates"] == [{"key": "art", "date": "2025-05"}]
    assert '<a href="#src-art">art</a> (2025-05), ¶1</cite>' in html
    assert "Dates of the articles" in html and "the newer one is current" in html


def test_inferred_arguments_show_a_badge_their_reasoning_and_the_cap(tmp_path):
    data, html = page(project(tmp_path, inferred=True), library(tmp_path))
    article = html[html.index('id="arg-alpha-pro"') : html.index('id="arg-alpha-con"')]
    assert '<span class="badge inferred">inferred</span>' in article
    assert f"<strong>Inference:</strong> {REASONING}".replace("'", "&#39;") in article
    assert "base 0.5 (stated 0.7; capped at 0.5 as inferred)" in article
    row = data.tables["arguments"].loc["alpha-pro"]
    assert (row["base"], row["stated"], row["inferred"]) == (0.5, 0.7, True)
    assert 'class="badge inferred"' not in html[html.index('id="arg-beta-pro"') :].split("</article>")[0]


def test_the_register_says_which_options_carry_each_entry_and_whether_chosen(tmp_path):
    data, html = page(project(tmp_path, register=True), library(tmp_path))
    table = data.tables["recommendations"]
    chosen = set(data.tables["portfolio"].index)
    assert table.loc["r-alpha", "options"] == "alpha; beta"
    assert table.loc["r-alpha", "chosen"] == "; ".join(o for o in ("alpha", "beta") if o in chosen)
    assert table.loc["r-none", "status"] == "no option carries it"
    register = html[html.index('id="t-register"') : html.index('id="bibliography"')]
    assert '<tr id="rec-r-none"><td>Say more.</td>' in register and "no option carries it" in register
    assert '<a href="#opt-alpha">Option alpha</a>' in register
    assert 'href="#rec-r-alpha">Keep quotes short.</a>' in html  # from the option's own view


def test_without_a_register_the_page_says_there_is_none(tmp_path):
    data, html = page(project(tmp_path), library(tmp_path))
    assert "recommendations" not in data.tables
    assert "This project has no recommendations register" in html


def test_method_section_explains_supported_inferred_and_the_register(tmp_path):
    _, html = page(project(tmp_path), library(tmp_path))
    method = html[html.index('id="method"') : html.index('id="manifest"')]
    for phrase in ("supported when", "inferred when", "count at most 0.5", "recommendations register (0 entries)"):
        assert phrase in method


def test_shipped_report_marks_every_quote_in_its_sentence(report_dir, shipped, sources_dir):
    html = (report_dir / "index.html").read_text(encoding="utf-8")
    quotes = sum(len(a.evidence) for _, a in shipped.arguments())
    in_context = [q for q in quotes_of(html) if q.startswith('<blockquote class="in-context">')]
    assert len(in_context) == quotes
    assert all(q.count("<mark>") == 1 for q in in_context)
    assert "not found in ¶" not in html


def test_argument_tables_say_which_arguments_are_inferred(report_data, shipped):
    inferred = {a.id for _, a in shipped.arguments() if a.inferred}
    for name in ("arguments", "criticality"):
        table = report_data.tables[name]
        assert set(table.index[table["inferred"].astype(bool)]) == inferred & set(table.index), name
