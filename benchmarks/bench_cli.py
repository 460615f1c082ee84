"""The analyst's loop, command by command: cold-process wall time on the shipped catalogue.

Each command runs as a fresh process (as a user runs it), `--runs` times; the table shows the
fastest run (the least disturbed by other work on the machine), the aim from the speed issue and
the ratio to it (<= 1 meets the aim). Seconds are this machine's; compare ratios across machines.

    python benchmarks/bench_cli.py [--runs N] [--only NAME ...]
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="step names to run (default: all)")
    opts = parser.parse_args()
    print(f"{'command':<30} {'seconds':>8} {'aim':>6} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, args, aim in STEPS:
            if opts.only and name not in opts.only:
                continue
            best = min(run_once(args, tmp) for _ in range(opts.runs))
            flag = "" if best <= aim else "  (over)"
            print(f"{name:<30} {best:>8.2f} {aim:>6.1f} {best / aim:>6.2f}{flag}", flush=True)


if __name__ == "__main__":
    main()
