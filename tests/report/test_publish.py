"""Publishing a report folder: only trilat-opt's own files are ever replaced, the name always leads
to one whole report, interrupted writes are cleaned up, concurrent writers take turns.
"""

from __future__ import annotations

import errno
import importlib
import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factories import run_cli
from trilat_opt.errors import InputError, OutputError
from trilat_opt.report.publish import MANIFEST, check_target, publish

publish_mod = importlib.import_module("trilat_opt.report.publish")


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


# ---------------------------------------------------------------------------- finding 12: faults

CHILD = """
import sys, time
from pathlib import Path
from trilat_opt.report import publish as pub

real = pub._write
def slow(path, raw):  # widen every window between the steps of a write
    real(path, raw)
    time.sleep(0.002)
pub._write = slow
target, start = Path(sys.argv[1]), int(sys.argv[2])
n = start
while True:
    body = (f"generation {n}\\n" * 2000).encode()
    pub.publish(target, {"index.html": body, "results.json": body, **{f"t{k}.csv": body for k in range(12)}})
    print(n, flush=True)
    n += 1
"""


def _spawn(target: Path, start: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(target), str(start)], stdout=subprocess.PIPE, text=True)


def test_kill_9_at_random_points_never_leaves_a_partial_report(tmp_path):
    """Finding 12: kill -9 left hidden .run.*.tmp folders, and a kill between two renames left no
    report under the name. Now the name always leads to one whole report, and the next write
    removes whatever the killed one left."""
    target = tmp_path / "run"
    rng = random.Random(12)
    for round_ in range(8):
        child = _spawn(target, 1000 * round_)
        if round_:  # round 0 is killed while starting; later rounds once a write has completed
            ready, _, _ = select.select([child.stdout], [], [], 120)
            assert ready, "the writer never finished a write"
            child.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.25))  # a write (14 slowed files) takes about 0.05 s
        child.send_signal(signal.SIGKILL)
        child.wait()
        if round_:
            contents = _whole(target)
            assert len(contents) == 1, f"round {round_}: a mix of generations"
        else:
            assert not os.path.lexists(target) or len(_whole(target)) == 1
    publish(target, _generation(1))
    assert _whole(target) == {b"generation 1\n"}
    assert _leftovers(tmp_path, "run") == []


def test_concurrent_writers_take_turns(tmp_path):
    """Finding 12: of two writers to one run folder, the loser exited 1 (ENOTEMPTY)."""
    target = tmp_path / "run"
    script = (
        "import sys\nfrom pathlib import Path\nfrom trilat_opt.report.publish import publish\n"
        "for n in range(15):\n"
        "    body = f'writer {sys.argv[2]} generation {n}\\n'.encode()\n"
        "    publish(Path(sys.argv[1]), {'index.html': body, 'results.json': body, 'a.csv': body})\n"
    )
    writers = [subprocess.Popen([sys.executable, "-c", script, str(target), str(k)]) for k in range(4)]
    assert [w.wait(timeout=120) for w in writers] == [0, 0, 0, 0]
    assert len(_whole(target)) == 1
    assert _leftovers(tmp_path, "run") == []


def test_a_store_another_writer_is_removing_is_not_taken_for_a_foreign_folder(tmp_path):
    """Seen once under load: a writer's check, made before it takes the lock, read the old store
    while the writer holding the lock removed it (files and manifest gone, folder not yet), took
    it for a folder trilat-opt did not write and exited 2."""
    target = tmp_path / "run"
    publish(target, {"index.html": b"one", "results.json": b"one"})
    store = target.parent / os.readlink(target)
    for entry in store.iterdir():  # the moment between the manifest's removal and the folder's
        entry.unlink()
    check_target(target)  # no InputError
    publish(target, {"index.html": b"two", "results.json": b"two"})
    assert _whole(target) == {b"two"} and _leftovers(tmp_path, "run") == []


def test_two_concurrent_report_commands_both_succeed(project_root, tmp_path):
    out = tmp_path / "r"
    exe = Path(sys.executable).with_name("trilat-opt")
    cmd = [str(exe), "--project", str(project_root), "report", "--quick", "--samples", "50", "--out", str(out)]
    runs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(r.wait(timeout=300), r.stderr.read()) for r in runs]
    assert [code for code, _ in results] == [0, 0], results
    assert (out / "index.html").is_file() and len(_whole(out)) > 1  # a real report: files differ
    assert _leftovers(tmp_path, "r") == []


@pytest.mark.skipif(os.geteuid() == 0, reason="permission bits do not stop the superuser")
def test_read_only_folder_is_refused_before_computing(project_root, tmp_path, capsys):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        code, _, err = run_cli(capsys, "--project", str(project_root), "report", "--quick", "--out", str(ro / "r"))
    finally:
        ro.chmod(0o755)
    assert code == 2 and "cannot write there (Permission denied)" in err


def test_read_only_file_system_is_refused_before_computing(project_root, tmp_path, capsys, monkeypatch):
    """A read-only mount (simulated: every new entry under the folder fails with EROFS, as the kernel
    does for the superuser too) is found by the probe, before the pipeline runs."""
    ro = tmp_path / "ro"
    ro.mkdir()
    real_mkdir = os.mkdir

    def refuse(path, *args, **kwargs):
        if str(path).startswith(str(ro)):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_mkdir(path, *args, **kwargs)

    def never(*args, **kwargs):
        raise AssertionError("the pipeline ran although the output cannot be written")

    monkeypatch.setattr(os, "mkdir", refuse)
    monkeypatch.setattr("trilat_opt.cli.report_cmd.build", never)
    code, _, err = run_cli(capsys, "--project", str(project_root), "report", "--quick", "--out", str(ro / "r"))
    assert code == 2, err
    assert f"--out {ro / 'r'}: cannot write there (Read-only file system)" in err
    for args in (["optimize", "--out", str(ro / "p.json")], ["optimize", "--export-model", str(ro / "m.lp")]):
        code, _, err = run_cli(capsys, "--project", str(project_root), *args)
        assert code == 2 and "cannot write there (Read-only file system)" in err
    assert list(ro.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "gist"),
    [
        (["optimize", "--out", "{tmp}"], "is a folder; give a file name"),
        (["rank", "--out", "{tmp}/" + "x" * 250 + ".csv"], "the name is too long for this file system"),
        (["report", "--quick", "--out", "{tmp}/" + "y" * 250], "the name is too long for this file system"),
    ],
)
def test_unusable_out_paths_are_input_errors(project_root, tmp_path, capsys, args, gist):
    """Finding 12: these gave 'internal error: OSError' after the whole computation."""
    code, _, err = run_cli(capsys, "--project", str(project_root), *(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert code == 2 and gist in err and "internal error" not in err


def test_a_full_disk_keeps_the_previous_report(tmp_path, monkeypatch):
    target = tmp_path / "run"
    publish(target, _generation(1))
    real = publish_mod._write
    calls = {"n": 0}

    def full(path, raw):
        calls["n"] += 1
        if calls["n"] > 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, raw)

    monkeypatch.setattr(publish_mod, "_write", full)
    with pytest.raises(OutputError, match="No space left on device; the previous report, if any, is unchanged"):
        publish(target, _generation(2))
    assert _whole(target) == {b"generation 1\n"}
    assert _leftovers(tmp_path, "run") == []
