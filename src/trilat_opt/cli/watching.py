"""What `report --watch` watches, and how it tells one moment's files from the next.

A snapshot is the modification time and size of every input file. It is taken before a
rendering starts, never after it ends: a save made while the pipeline runs then differs from the
snapshot and triggers the next rendering, where a snapshot taken after the rendering would
already include it and the save would be lost.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path

__all__ = ["Snapshot", "changes", "snapshot", "watched_files"]

Snapshot = Mapping[Path, tuple[int, int]]
"""Input file -> (modification time in ns, size in bytes)."""


def watched_files(project: str | os.PathLike[str]) -> Iterator[Path]:
    """The inputs a report depends on: criteria.yaml, sources.yaml, recommendations.yaml and options/*.yaml."""
    root = Path(project)
    for name in ("criteria.yaml", "sources.yaml", "recommendations.yaml"):
        if (root / name).exists():
            yield root / name
    if (root / "options").is_dir():
        yield from sorted(p for p in (root / "options").iterdir() if p.suffix in (".yaml", ".yml"))


def snapshot(project: str | os.PathLike[str]) -> dict[Path, tuple[int, int]]:
    """The state of every watched file now (a file that vanishes meanwhile is left out)."""
    out = {}
    for p in watched_files(project):
        try:
            st = p.stat()
        except OSError:
            continue
        out[p] = (st.st_mtime_ns, st.st_size)
    return out


def changes(before: Snapshot, after: Snapshot, project: str | os.PathLike[str] = ".") -> list[str]:
    """What differs, in words, relative to the project: 'criteria.yaml changed', 'options/x.yaml added'.

    >>> a, b = Path("p/criteria.yaml"), Path("p/options/x.yaml")
    >>> changes({a: (1, 5)}, {a: (2, 5), b: (1, 1)}, "p")
    ['criteria.yaml changed', 'options/x.yaml added']
    """

    def shown(p: Path) -> str:
        try:
            return p.relative_to(project).as_posix()
        except ValueError:
            return str(p)

    out = [f"{shown(p)} changed" for p in after if p in before and after[p] != before[p]]
    out += [f"{shown(p)} added" for p in after if p not in before]
    out += [f"{shown(p)} removed" for p in before if p not in after]
    return sorted(out)
