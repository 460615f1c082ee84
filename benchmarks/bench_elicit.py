"""Elicitation benchmarks: what an analyst waits for between the last answer and the result.

    python benchmarks/bench_elicit.py

Prints seconds and ratios measured in this one run: AHP weights, consistency and the three
suggested revisions for 7 criteria (the shipped project) and for 15 (the most Saaty's random
indices cover); writing a profile into the shipped criteria.yaml through ruamel's round trip,
checked by the loader, against reading the file with the loader alone. Aim (none in the issue;
ours): every step well under the half second an analyst notices.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np

from timing import best_of
from trilat_opt.elicit import FrameEdit, ahp, prepare_edit, revisions
from trilat_opt.elicit.scale import SCALE
from trilat_opt.load import load_frame

ROOT = Path(__file__).resolve().parents[1]


def random_judgements(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    m = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            v = SCALE[rng.integers(len(SCALE))]
            m[i, j], m[j, i] = v, 1 / v
    return m


def main() -> None:
    for n in (7, 15):
        m = random_judgements(n, seed=n)
        names = [f"c{k}" for k in range(n)]
        t = best_of(lambda m=m, names=names: revisions(ahp(names, m)))
        print(f"AHP, {n} criteria, weights + CR + 3 revisions: {t * 1000:.1f} ms")
    frame = load_frame(ROOT / "criteria.yaml")
    ids = [c.id for c in frame.criteria]
    edit = FrameEdit(profile="tokyo", weights={c: 1 / len(ids) for c in ids}, elicited=None)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "criteria.yaml").write_bytes((ROOT / "criteria.yaml").read_bytes())
        write = best_of(lambda: prepare_edit(tmp, edit, ids))
    read = best_of(lambda: load_frame(ROOT / "criteria.yaml"))
    print(f"profile into criteria.yaml (ruamel round trip + loader check): {write:.3f} s")
    print(f"criteria.yaml through the loader alone: {read:.3f} s; the write costs {write / read:.1f}x a read")


if __name__ == "__main__":
    main()
