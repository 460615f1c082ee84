"""Publishing a report folder: only trilat-opt's own files are ever replaced, the name always leads
to one whole report, interrupted writes are cleaned up, concurrent writers take turns.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from factories import run_cli
from trilat_opt.errors import InputError
from trilat_opt.report.publish import MANIFEST, publish


def _generation(n: int, size: int = 1) -> dict[str, bytes]:
    """A fake report whose every file says which write made it."""
    body = (f"generation {n}\n" * size).encode()
    return {"index.html": body, "results.json": body, **{f"t{k}.csv": body for k in range(12)}}


def _whole(target: Path) -> set[bytes]:
    """The set of contents of every file under `target`: one element when the report is whole."""
    listed = json.loads((target / MANIFEST).read_text())["files"]
    assert sorted(p.name for p in target.iterdir() if p.name != MANIFEST) == listed
    return {(target / name).read_bytes() for name in listed}


def _leftovers(parent: Path, name: str) -> list[str]:
    keep = os.readlink(parent / name) if (parent / name).is_symlink() else None
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(f".{name}.") and p.name != keep)


# ---------------------------------------------------------------------------- finding 2: never wipe a folder


def test_report_out_refuses_a_folder_holding_other_files(project_root, tmp_path, capsys):
    """Finding 2: with index.html and results.json present, every other file in --out was deleted."""
    out = tmp_path / "thesis"
    (out / "photos").mkdir(parents=True)
    (out / "photos" / "p1.jpg").write_bytes(b"jpeg")
    for name, text in (("index.html", "<p>mine</p>"), ("results.json", "{}"), ("thesis.docx", "chapter 1")):
        (out / name).write_text(text)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    code, _, err = run_cli(capsys, "--project", str(project_root), "report", "--quick", "--out", str(out))
    assert code == 2, err
    assert "not a report folder written by trilat-opt" in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis"]


def test_report_out_replaces_its_own_report(project_root, tmp_path, capsys):
    out = tmp_path / "r"
    for _ in range(2):
        code, stdout, err = run_cli(capsys, "--project", str(project_root), "report", "--quick", "--out", str(out))
        assert code == 0, err
    assert stdout.strip() == str(out / "index.html")
    assert out.is_symlink() and (out / "index.html").is_file()
    assert _leftovers(tmp_path, "r") == []


def test_a_report_folder_is_replaced_but_files_added_to_it_are_not_lost(tmp_path):
    target = tmp_path / "run"
    publish(target, _generation(1))
    publish(target, _generation(2))
    assert _whole(target) == {b"generation 2\n"}
    assert _leftovers(tmp_path, "run") == []
    (target / "notes.txt").write_text("my notes")
    with pytest.raises(InputError, match=r"holds files trilat-opt did not write \(notes.txt\)"):
        publish(target, _generation(3))
    assert (target / "notes.txt").read_text() == "my notes"


@pytest.mark.parametrize("kind", ["file", "foreign-link", "link-to-a-user-folder"])
def test_refuses_what_it_did_not_write(tmp_path, kind):
    target = tmp_path / "run"
    other = tmp_path / "mine"
    other.mkdir()
    (other / "index.html").write_text("mine")
    if kind == "file":
        target.write_text("a file")
    elif kind == "foreign-link":
        target.symlink_to(other)
    else:
        target.symlink_to(".run.abcd1234.report")
        (tmp_path / ".run.abcd1234.report").mkdir()
        (tmp_path / ".run.abcd1234.report" / "index.html").write_text("mine")
    with pytest.raises(InputError):
        publish(target, _generation(1))
    assert (other / "index.html").read_text() == "mine"


def test_an_empty_folder_and_a_report_folder_of_the_old_layout_are_adopted(tmp_path):
    empty, legacy = tmp_path / "empty", tmp_path / "legacy"
    empty.mkdir()
    legacy.mkdir()
    for name in ("index.html", "results.json", "ranking.csv"):
        (legacy / name).write_text("old")
    publish(empty, _generation(1))
    publish(legacy, _generation(1))
    assert _whole(empty) == _whole(legacy) == {b"generation 1\n"}
    assert _leftovers(tmp_path, "empty") == _leftovers(tmp_path, "legacy") == []
