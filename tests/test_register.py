"""The recommendations register: optional, located errors, warnings for uncarried entries, its table.

Each test writes a tiny project (factories) and, where paragraphs matter, a tiny article. The
shipped register is checked against the real options and, when they are present, the articles.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import trilat_opt
from factories import register_entry as entry
from factories import register_project, write_project
from trilat_opt.register import REGISTER_COLUMNS, check_register_paragraphs, register_table
from trilat_opt.sources import read_sources


def errors_of(root: Path) -> list[str]:
    with pytest.raises(trilat_opt.InputError) as info:
        trilat_opt.load(root)
    assert info.value.exit_code == 2
    return [str(e) for e in info.value.errors]


def test_a_project_without_a_register_loads(tmp_path):
    cat = trilat_opt.load(write_project(tmp_path))
    assert cat.recommendations == ()
    assert register_table(cat).empty and list(register_table(cat).columns) == REGISTER_COLUMNS


def test_entries_load_in_order(tmp_path):
    cat = trilat_opt.load(
        register_project(tmp_path / "proj", entry("r1"), entry("r2", "[alpha, beta]", extra="    note: both\n"))
    )
    assert [r.id for r in cat.recommendations] == ["r1", "r2"]
    assert cat.recommendations[1].options == ("alpha", "beta") and cat.recommendations[1].note == "both"


@pytest.mark.parametrize(
    ("entries", "located"),
    [
        ((entry("r1"), entry("r1")), "recommendations.yaml:9:9: recommendations[1].id: recommendation id 'r1' is"),
        ((entry("r1", "[alpah]"),), "recommendations.yaml:8:15: recommendations[0].options[0]: unknown option "),
        ((entry("r1", source="nope"),), "recommendations.yaml:5:13: recommendations[0].source: unknown source 'nope'"),
        ((entry("r1", "[alpha, alpha]"),), "recommendations[0].options[1]: option 'alpha' is listed twice"),
        ((entry("r1", paragraph=0),), "recommendations.yaml:6:16: recommendations[0].paragraph: input should be"),
        ((entry("r1").replace("    options", "    option"),), "recommendations[0].option: unknown field 'option'"),
        (
            (entry("r1").replace("  - id: r1\n", "  -\n"),),
            "recommendations.yaml:5:5: recommendations[0].id: required field is missing",
        ),
    ],
)
def test_bad_entries_are_located_errors(tmp_path, entries, located):
    found = errors_of(register_project(tmp_path / "proj", *entries))
    assert [e for e in found if located in e], "\n".join(found)


def test_unknown_option_gets_a_did_you_mean(tmp_path):
    assert any(
        "did you mean 'alpha'?" in e for e in errors_of(register_project(tmp_path / "proj", entry("r1", "[alpah]")))
    )


def test_a_recommendation_is_one_line(tmp_path):
    bad = entry("r1").replace("recommendation: Do the thing r1 asks for.", 'recommendation: "Do this.\\nAnd that."')
    assert any(
        "recommendations[0].recommendation: keep a recommendation to one line" in e
        for e in errors_of(register_project(tmp_path / "proj", bad))
    )


def test_wrong_kind_is_refused(tmp_path):
    root = register_project(tmp_path / "proj", entry("r1"))
    text = (root / "recommendations.yaml").read_text().replace("recommendations\n", "register\n", 1)
    (root / "recommendations.yaml").write_text(text)
    assert any("recommendations.yaml:1:7: kind: unsupported kind" in e for e in errors_of(root))


def test_table_says_which_options_carry_each_entry_and_which_are_chosen(tmp_path):
    cat = trilat_opt.load(
        register_project(tmp_path / "proj", entry("r1", "[alpha, beta]"), entry("r2", "[beta]"), entry("r3", "[]"))
    )
    plain = register_table(cat)
    assert list(plain["status"]) == ["carried", "carried", "no option carries it"]
    assert list(plain["chosen"]) == ["", "", ""]
    chosen = register_table(cat, selected={"alpha"})
    assert list(chosen["options"]) == ["alpha; beta", "beta", ""]
    assert list(chosen["chosen"]) == ["alpha", "", ""]
    assert list(chosen["status"]) == ["chosen", "carried, not chosen", "no option carries it"]


def test_paragraphs_are_checked_against_the_articles(tmp_path):
    sources = tmp_path / "library"
    sources.mkdir()
    (sources / "sources.yaml").write_text("sources:\n  - {key: art, file: art.txt, title: An article}\n")
    (sources / "art.txt").write_text("Title\n\nFirst paragraph.\nSecond paragraph.\n")
    library = read_sources(sources)
    cat = trilat_opt.load(register_project(tmp_path / "proj", entry("r1", paragraph=3), entry("r2", paragraph=4)))
    assert [str(e) for e in check_register_paragraphs(cat, library)] == [
        "recommendations.yaml:11:16: recommendations[1].paragraph: paragraph 4 is out of range: art has 3 paragraphs"
    ]


# ---------------------------------------------------------------------------- the shipped register


def test_shipped_register_names_real_options_and_its_schema(project_root):
    cat = trilat_opt.load(project_root)
    assert len(cat.recommendations) >= 8
    options = set(cat.option_ids)
    assert {o for r in cat.recommendations for o in r.options} <= options
    first = (project_root / "recommendations.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema/recommendations.schema.json"


def test_shipped_register_points_at_real_paragraphs(project_root, sources_dir):
    cat = trilat_opt.load(project_root)
    library = read_sources(sources_dir)
    assert check_register_paragraphs(cat, library) == []
    for r in cat.recommendations:
        assert library.paragraph(r.source, r.paragraph).strip(), r.id
