"""Loading generated option files: full `trilat_opt.load` against bare libyaml composing.

Prints, for N generated option files, the time of `trilat_opt.load` (parse, position tracking,
validation, cross-file checks), of `read_yaml` alone, of bare `yaml.compose` with libyaml (the
floor for any loader that keeps line numbers), and, when ruamel.yaml is installed, of ruamel's
pure-Python round-trip parser that the loader used before. Aims: load / bare compose <= 3;
read_yaml at least 10x faster than the round-trip parse.

    python benchmarks/bench_load.py [N]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import trilat_opt
from factories import option_text, write_project
from timing import best_of
from trilat_opt.yamlio import read_yaml


def _ruamel_parse(files: list[Path]) -> float | None:
    try:
        from ruamel.yaml import YAML
    except ImportError:
        return None
    rt = YAML(typ="rt")
    return best_of(lambda: [rt.load(f.read_text(encoding="utf-8")) for f in files], repeat=3)


def main(n: int = 2000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        names = [f"opt-{i:05d}" for i in range(n)]
        write_project(root, {name: option_text(name) for name in names})
        files = sorted((root / "options").glob("*.yaml"))
        t_load = best_of(lambda: trilat_opt.load(root), repeat=3)
        t_read = best_of(lambda: [read_yaml(f, f.name) for f in files], repeat=3)
        t_bare = best_of(
            lambda: [yaml.compose(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for f in files], repeat=3
        )
        t_rt = _ruamel_parse(files)
    print(f"options: {n}")
    print(f"trilat_opt.load:               {t_load:.3f} s")
    print(f"read_yaml (libyaml, positions): {t_read:.3f} s")
    print(f"bare yaml.compose (libyaml):    {t_bare:.3f} s")
    print(f"ratio load / bare compose: {t_load / t_bare:.2f}  (aim <= 3)")
    if t_rt is not None:
        print(f"ruamel round-trip parse:        {t_rt:.3f} s")
        print(f"ratio round-trip / read_yaml:  {t_rt / t_read:.1f}x  (aim >= 10)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
