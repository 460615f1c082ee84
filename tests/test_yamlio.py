"""Reading input files: special files are refused before they can block or exhaust memory.

Finding 11: a FIFO in options/ blocked validate forever, and a link to /dev/zero was read until
MemoryError because the size cap was checked (st_size 0) before reading, not while reading.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import trilat_opt
from factories import deadline, run_cli, write_project
from trilat_opt.yamlio import MAX_BYTES, read_capped

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (lambda p: os.mkfifo(p), "is a FIFO, not a regular file"),
        (lambda p: p.symlink_to("/dev/zero"), "is a device or socket, not a regular file"),
        (lambda p: p.mkdir(), "is a folder, not a regular file"),
    ],
    ids=["fifo", "dev-zero", "folder"],
)
def test_special_files_in_options_are_refused_at_once(tmp_path, capsys, make, what):
    root = write_project(tmp_path)
    make(root / "options" / "gamma.yaml")
    with deadline(20):
        code, _, err = run_cli(capsys, "--project", str(root), "validate")
    assert code == 2
    assert f"options/gamma.yaml: {what}" in err


def test_criteria_as_a_fifo_is_refused(tmp_path):
    root = write_project(tmp_path)
    (root / "criteria.yaml").unlink()
    os.mkfifo(root / "criteria.yaml")
    with deadline(20), pytest.raises(trilat_opt.InputError, match=r"criteria\.yaml: is a FIFO"):
        trilat_opt.load(root)


def test_the_cap_holds_while_reading(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_BYTES + 10))
    with pytest.raises(trilat_opt.InputError, match=f"file is {MAX_BYTES + 10:,} bytes; the limit is"):
        read_capped(big, "big.yaml", MAX_BYTES)
    assert read_capped(big, "big.yaml", MAX_BYTES + 10) == b"#" * (MAX_BYTES + 10)


def test_diff_refuses_a_fifo_and_dev_zero(tmp_path, capsys):
    fifo = tmp_path / "a.json"
    os.mkfifo(fifo)
    with deadline(20):
        code, _, err = run_cli(capsys, "diff", str(fifo), str(Path("/dev/zero")))
    assert code == 2 and "is a FIFO, not a regular file" in err
