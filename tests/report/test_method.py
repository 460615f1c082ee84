"""The method section says where each profile's weights come from."""

from __future__ import annotations

from types import SimpleNamespace

from trilat_opt.report.method import method_blocks


def block(manifest: dict) -> list[str]:
    blocks = method_blocks(SimpleNamespace(manifest=manifest, summary={}))
    return next(b["paragraphs"] for b in blocks if b["title"] == "Where the weights come from")


def test_a_stated_and_an_elicited_profile():
    elicited = {"method": "ahp", "date": "2026-01-01", "answers": ["answers/kim.yaml", "answers/sato.yaml"],
                "analysts": 2, "consistency_ratio": 0.041}  # fmt: skip
    stated = {"id": "washington", "name": "Washington", "basis": "Economic security (capistrano-2025 ¶23)."}
    text = block({"profiles": [{**stated, "elicited": None}, {"id": "tokyo", "name": "Tokyo", "elicited": elicited}]})
    assert text[1] == "Washington: stated directly in criteria.yaml. Basis: Economic security (capistrano-2025 ¶23)."
    assert text[2].startswith("Tokyo: elicited on 2026-01-01 by AHP")
    assert "2 analysts, their judgements combined by geometric mean" in text[2]
    assert "answers: answers/kim.yaml, answers/sato.yaml" in text[2]
    assert "consistency ratio 0.041, within Saaty's threshold of 0.1" in text[2]


def test_an_unsaved_session_and_a_swing_profile():
    e = {"method": "swing", "date": "2026-02-03", "answers": [], "analysts": 1, "consistency_ratio": None}
    (line,) = block({"profiles": [{"id": "seoul", "name": "Seoul", "basis": "", "elicited": e}]})[1:]
    assert "swing weighting" in line and "one analyst" in line and "interactive session not saved" in line
    assert "consistency" not in line


def test_the_shipped_reports_manifest_carries_every_profile(report_data, shipped):
    assert [p["id"] for p in report_data.manifest["profiles"]] == [p.id for p in shipped.frame.profiles]
