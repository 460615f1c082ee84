"""Quotes in context: whole sentences for every quote, clipped clauses, opposite stances, reviews.

The article below is invented for the tests. Each warning is paired with a near miss that must
stay silent: the whole sentence quoted, the main clause quoted to its end, a word that only
starts like a connective, the same stance twice, neighbouring sentences.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import trilat_opt
from factories import QUOTED_ARTICLE, quoting_project
from trilat_opt.quotes import CONNECTIVES, clipped_opening, faithfulness, in_context, quotes_in_context
from trilat_opt.sources import read_sources


def check(tmp_path: Path, **options: list[tuple]) -> tuple[trilat_opt.Catalogue, object]:
    """Load a project of `factories.quoting_option`s and check its quotes against QUOTED_ARTICLE."""
    root, library = quoting_project(tmp_path, **options)
    cat = trilat_opt.load(root)
    return cat, faithfulness(cat, read_sources(library))


# ---------------------------------------------------------------------------- sentences


def test_the_whole_sentence_is_found_and_the_quote_kept_as_the_article_spells_it():
    ctx = in_context("Talks began. Japan’s  ministers met in Seoul. They left.", "japan's ministers met")
    assert ctx.sentences == ("Japan’s  ministers met in Seoul.",)
    assert (ctx.before, ctx.quoted, ctx.after) == ("", "Japan’s  ministers met", " in Seoul.")
    assert ctx.text == ctx.sentences[0]


def test_a_quote_spanning_sentences_gets_all_of_them():
    ctx = in_context(QUOTED_ARTICLE.splitlines()[2], "trade will grow. The U.S. Secretary")
    assert ctx.sentences == ("Even if the council fails, trade will grow.", "The U.S. Secretary of State agreed.")
    assert ctx.before == "Even if the council fails, " and ctx.after == " of State agreed."


def test_initials_do_not_end_a_sentence():
    assert in_context(QUOTED_ARTICLE.splitlines()[2], "Secretary of State").sentences == (
        "The U.S. Secretary of State agreed.",
    )


def test_a_quote_not_in_the_paragraph_has_no_context():
    assert in_context("One. Two.", "Three") is None
    assert in_context("One. Two.", "") is None


def test_every_shipped_quote_has_its_sentence(project_root, sources_dir):
    cat = trilat_opt.load(project_root)
    found = quotes_in_context(cat, read_sources(sources_dir))
    assert len(found) == sum(len(a.evidence) for _, a in cat.arguments())
    missing = [(q.argument, q.quote) for q in found if q.context is None]
    assert missing == []
    for q in found:
        assert q.context.sentences and q.context.quoted.strip()
        assert q.context.text == " ".join(q.context.sentences) or len(q.context.sentences) > 1


# ---------------------------------------------------------------------------- clipped clauses


@pytest.mark.parametrize(
    ("quote", "opening"),
    [
        ("the council fails", "Even if"),  # the concession, quoted as if asserted
        ("council fails, trade", "Even if"),
        ("Even if the council fails", None),  # includes the opening
        ("Even if the council fails, trade will grow.", None),  # the whole sentence
        ("trade will grow", None),  # the main clause, to the sentence's end
        ("trade will grow. The U.S.", None),  # runs on into the next sentence
        ("Secretary of State", None),  # a sentence with no connective
    ],
)
def test_a_clause_clipped_from_a_concessive_sentence_is_flagged(quote, opening):
    assert clipped_opening(in_context(QUOTED_ARTICLE.splitlines()[2], quote)) == opening


@pytest.mark.parametrize("connective", CONNECTIVES)
def test_every_connective_opens_a_clipped_clause(connective):
    sentence = f"{connective.capitalize()} the costs rise, the plan still works."
    assert clipped_opening(in_context(sentence, "the costs rise")) == connective.capitalize()
    assert clipped_opening(in_context(f"“{sentence}", "the costs rise")) == connective.capitalize()


@pytest.mark.parametrize("quote", ["spread costs", "prices fell"])
def test_words_that_only_start_like_a_connective_are_not_flagged(quote):
    assert clipped_opening(in_context(QUOTED_ARTICLE.splitlines()[3], quote)) is None


def test_clipped_clause_warning_names_file_line_argument_and_sentence(tmp_path):
    _, report = check(tmp_path, alpha=[("pro", 2, "the council fails"), ("pro", 3, "the plan works")])
    assert [w.kind for w in report.warnings] == ["clipped-clause"]
    w = report.warnings[0]
    assert (w.file, w.line, w.field, w.argument) == ("options/alpha.yaml", 15, "arguments[0].evidence[0]", "alpha-a0")
    assert w.sentence == "Even if the council fails, trade will grow."
    assert str(w).startswith("options/alpha.yaml:15:9: arguments[0].evidence[0]: alpha-a0: quote clipped")
    assert "'Even if'" in str(w) and "“Even if the council fails, trade will grow.”" in str(w)


# ---------------------------------------------------------------------------- opposite stances


def test_a_sentence_cited_pro_and_con_warns_on_both_items(tmp_path):
    _, report = check(
        tmp_path,
        alpha=[("pro", 2, "The U.S. Secretary of State agreed")],
        beta=[("con", 2, "Secretary of State agreed."), ("pro", 2, "Ports matter")],
    )
    stance = [w for w in report.warnings if w.kind == "opposite-stance"]
    assert [(w.file, w.argument) for w in stance] == [
        ("options/alpha.yaml", "alpha-a0"),
        ("options/beta.yaml", "beta-a0"),
    ]
    assert "alpha-a0 (pro) cites a sentence that beta-a0 (con) also cites" in stance[0].message
    assert "beta-a0 (con) cites a sentence that alpha-a0 (pro) also cites" in stance[1].message
    assert {w.sentence for w in stance} == {"The U.S. Secretary of State agreed."}


def test_same_stance_or_neighbouring_sentences_do_not_warn(tmp_path):
    _, report = check(
        tmp_path,
        alpha=[("pro", 2, "Secretary of State agreed"), ("con", 2, "Ports matter")],
        beta=[("pro", 2, "The U.S. Secretary")],
    )
    assert report.warnings == ()


# ---------------------------------------------------------------------------- reviewed exceptions


def test_a_review_silences_its_own_item_only_and_is_listed(tmp_path):
    why = "the article grants the premise; the option argues from it"
    _, report = check(
        tmp_path,
        alpha=[("pro", 2, "Ports matter", why), ("pro", 3, "costs rise", "both clauses say the cost rises")],
        beta=[("con", 2, "Ports matter.")],
    )
    assert [(w.argument, w.kind) for w in report.warnings] == [("beta-a0", "opposite-stance")]
    assert [(r.argument, r.kinds, r.reason) for r in report.reviewed] == [
        ("alpha-a0", ("opposite-stance",), why),
        ("alpha-a1", ("clipped-clause",), "both clauses say the cost rises"),
    ]
    assert str(report.reviewed[0]).startswith("options/alpha.yaml:15:9: arguments[0].evidence[0]: alpha-a0")


def test_a_review_where_nothing_is_flagged_is_listed_apart(tmp_path):
    _, report = check(tmp_path, alpha=[("pro", 3, "the plan works", "checked")])
    assert report.warnings == () and report.reviewed == ()
    assert [r.argument for r in report.unneeded] == ["alpha-a0"]
