"""The analyst's loop, command by command: cold-process wall time on the shipped catalogue.

Each command runs as a fresh process (as a user runs it), `--runs` times; the table shows the
fastest run (the least disturbed by other work on the machine), the aim from the speed issue and
the ratio to it (<= 1 meets the aim). Seconds are this machine's; compare ratios across machines.

The last two rows time `report --watch` as an analyst meets it: from saving a file in a copy of
the project to the line saying the report was rewritten (the watcher polls every 0.5 s, so a
quarter of a second of that is waiting, on average). A save that changes only words (a claim
reworded) re-renders from the analyses kept from the last rendering; a save that changes a
number (an argument's strength) computes them all again.

    python benchmarks/bench_cli.py [--runs N] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# (name, arguments after `trilat-opt --project ROOT`, aim in seconds)
STEPS: list[tuple[str, list[str], float]] = [
    ("help", ["--help"], 0.3),
    ("validate", ["validate"], 0.5),
    ("optimize", ["optimize"], 0.8),
    ("report --quick", ["report", "--quick", "--out", "{tmp}/quick"], 1.5),
    ("report", ["report", "--out", "{tmp}/full"], 3.0),
    ("sensitivity", ["sensitivity"], 2.0),
    ("frontier", ["frontier"], 1.0),
    ("sensitivity --arguments", ["sensitivity", "--arguments"], 3.0),
    ("report --objective consensus", ["report", "--objective", "consensus", "--out", "{tmp}/consensus"], 10.0),
]


def run_once(args: list[str], tmp: str) -> float:
    exe = Path(sys.executable).with_name("trilat-opt")
    cmd = [str(exe), "--project", str(ROOT), *(a.format(tmp=tmp) for a in args)]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - start


WATCH = [
    # (name, option file, text to replace, replacement), edited in turn in one watch session
    ("report --watch, words changed", "options/advanced-batteries.yaml", "claim: ", "claim: (edited) "),
    ("report --watch, a number changed", "options/advanced-batteries.yaml", "strength: 0.3\n", "strength: 0.35\n"),
]
WATCH_AIM = 1.0


def watch_rerenders(tmp: str) -> list[tuple[str, float]]:
    """Seconds from each save in `WATCH` to the watcher's "wrote" line, in a copy of the project."""
    project = Path(tmp) / "watched"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", "reports", "__pycache__"))
    exe = Path(sys.executable).with_name("trilat-opt")
    cmd = [str(exe), "--project", str(project), "report", "--watch", "--out", str(Path(tmp) / "watch-out")]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    out = []
    try:
        _wait_for(proc, "watching")
        for name, file, old, new in WATCH:
            path = project / file
            path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
            start = time.perf_counter()
            _wait_for(proc, "wrote ")
            out.append((name, time.perf_counter() - start))
    finally:
        proc.terminate()
        proc.wait()
    return out


def _wait_for(proc: subprocess.Popen, text: str) -> None:
    for line in proc.stderr:
        if line.startswith(text):
            return
        if re.match(r"\S+\.yaml:\d+:\d+: ", line):  # the edit made the project invalid
            raise RuntimeError(f"the watcher refused the edit: {line.strip()}")
    raise RuntimeError(f"the watcher stopped before printing {text!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="step names to run (default: all)")
    opts = parser.parse_args()
    print(f"{'command':<34} {'seconds':>8} {'aim':>6} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, args, aim in STEPS:
            if opts.only and name not in opts.only:
                continue
            best = min(run_once(args, tmp) for _ in range(opts.runs))
            _row(name, best, aim)
        if not opts.only or any(name in opts.only for name, *_ in WATCH):
            runs = [watch_rerenders(tempfile.mkdtemp(dir=tmp)) for _ in range(opts.runs)]
            for k, (name, *_) in enumerate(WATCH):
                _row(name, min(r[k][1] for r in runs), WATCH_AIM)


def _row(name: str, best: float, aim: float) -> None:
    flag = "" if best <= aim else "  (over)"
    print(f"{name:<34} {best:>8.2f} {aim:>6.1f} {best / aim:>6.2f}{flag}", flush=True)


if __name__ == "__main__":
    main()
