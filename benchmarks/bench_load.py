"""Loading 2,000 generated option files: full `trilat_opt.load` versus bare YAML parsing.

Prints the load time and its ratio to parsing the same files with the same YAML parser
(ruamel.yaml round-trip, which keeps line numbers) and, for reference, with ruamel's C-based
safe loader. Aim: load / bare round-trip parse <= 2.

    python benchmarks/bench_load.py [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import trilat_opt
from factories import option_text, write_project


def _best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(n: int = 2000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        names = [f"opt-{i:05d}" for i in range(n)]
        write_project(root, {name: option_text(name) for name in names})
        files = sorted((root / "options").glob("*.yaml"))
        rt, safe = YAML(typ="rt"), YAML(typ="safe", pure=False)

        def parse_rt() -> None:
            for f in files:
                rt.load(f.read_text(encoding="utf-8"))

        def parse_safe() -> None:
            for f in files:
                safe.load(f.read_text(encoding="utf-8"))

        t_load = _best(lambda: trilat_opt.load(root))
        t_rt = _best(parse_rt)
        t_safe = _best(parse_safe)
    print(f"options: {n}")
    print(f"trilat_opt.load:            {t_load:.3f} s")
    print(f"bare round-trip YAML parse: {t_rt:.3f} s")
    print(f"bare C safe YAML parse:     {t_safe:.3f} s")
    print(f"ratio load / round-trip parse: {t_load / t_rt:.2f}  (aim <= 2)")
    print(f"ratio load / C safe parse:     {t_load / t_safe:.2f}  (for reference)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
