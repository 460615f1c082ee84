"""Scale: `validate`, `optimize` and `report --quick` on generated catalogues of 200 to 2,000 options.

Each project is made by `factories.scaled_project`: copies of the shipped options with their own
ids, their references kept within the copy, and strengths and costs perturbed per copy (exact
twins would make the portfolio problem far more symmetric than any real catalogue). Every command
runs as a fresh `trilat-opt` process, as a user would run it; the script prints its wall time,
its peak memory (maximum resident set size, from wait4) and its exit code; for `optimize`, the
status and gap its run record states (a large catalogue may stop at the time limit with a proven
gap, which is reported, not hidden). Not a test: it takes minutes. Aims at 2,000 options (issue
15): validate <= 2 s, optimize <= 5 s, report --quick <= 15 s, memory <= 1 GiB.

    python benchmarks/bench_scale.py                 # 200, 1,000 and 2,000 options
    python benchmarks/bench_scale.py 200 1000 5000   # any sizes
    python benchmarks/bench_scale.py --timeout 1200 5000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from factories import scaled_project

COMMANDS = {
    "validate": ["validate"],
    "optimize": ["optimize", "--format", "json"],
    "report --quick": ["report", "--quick", "--out", "{out}"],
}
AIMS = {"validate": 2.0, "optimize": 5.0, "report --quick": 15.0}
AIM_SIZE = 2000
AIM_MEMORY_MB = 1024.0


def run(cmd: list[str], timeout: float, stdout=subprocess.DEVNULL) -> tuple[float, float, int | str]:
    """Wall seconds, peak resident memory in MB and exit code (or 'timeout') of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return time.perf_counter() - start, usage.ru_maxrss / 1024.0, proc.returncode
        if time.perf_counter() > deadline:
            proc.kill()
            _, _, usage = os.wait4(proc.pid, 0)
            return timeout, usage.ru_maxrss / 1024.0, "timeout"
        time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[200, 1000, AIM_SIZE])
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per command")
    args = parser.parse_args()
    exe = str(Path(sys.executable).with_name("trilat-opt"))
    print(f"{'options':>8}  {'command':<15} {'seconds':>8} {'peak MB':>8}  exit  aim")
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-scale-{n}-") as tmp:
            start = time.perf_counter()
            root = scaled_project(Path(tmp) / "project", n)
            print(f"{n:>8,}  {'(generate)':<15} {time.perf_counter() - start:8.1f}")
            for name, tail in COMMANDS.items():
                cmd = [exe, "--project", str(root), *(t.format(out=Path(tmp) / "report") for t in tail)]
                with tempfile.TemporaryFile() as out:
                    seconds, peak, code = run(cmd, args.timeout, out)
                    out.seek(0)
                    record = out.read()
                aim = AIMS.get(name)
                notes = [f"<= {aim:g} s" + (" met" if seconds <= aim else " missed")] if aim and n == AIM_SIZE else []
                if name == "optimize" and code == 0:
                    notes.append(_solved(record))
                if peak > AIM_MEMORY_MB:
                    notes.append(f"memory over {AIM_MEMORY_MB:.0f} MB")
                print(f"{n:>8,}  {name:<15} {seconds:8.1f} {peak:8.0f}  {code!s:>4}  {'; '.join(notes)}", flush=True)


def _solved(record: bytes) -> str:
    """The status and gap an optimize run record states."""
    data = json.loads(record)
    gap = data.get("gap")
    return f"{data.get('status')}, gap {'n/a' if gap is None else f'{gap:.2%}'}"


if __name__ == "__main__":
    main()
