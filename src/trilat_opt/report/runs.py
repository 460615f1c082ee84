"""`reports/index.html`: every run in the reports folder, with its settings, date and headline.

After a few weight tweaks an analyst has several run folders and no way to tell them apart but
their names. The index lists each run folder holding a `results.json` written by `report`, newest
first: its name (linked to its page), when it was generated, the settings that made it (and the
command that makes it again) and its headline numbers. It is rewritten after every report, from
the runs' own files, so it never lists a run that is gone.

The page is plain HTML with no script, under a Content-Security-Policy that allows nothing but
its own styles. It replaces only an index.html that trilat-opt wrote (its generator tag says
so); a file of the user's of that name is left alone.
"""

from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..output import atomic_write

__all__ = ["INDEX", "RunEntry", "index_html", "list_runs", "write_index"]

INDEX = "index.html"
GENERATOR = '<meta name="generator" content="trilat-opt report index">'
MAX_RESULTS_BYTES = 256 << 20
"""A results.json larger than this is listed by name only (it is not read to find its headline)."""


@dataclass(frozen=True)
class RunEntry:
    """One run as the index shows it."""

    name: str
    generated: str
    settings: str
    command: str
    headline: str


def list_runs(folder: str | os.PathLike[str]) -> list[RunEntry]:
    """The runs in `folder` (each a sub-folder with a results.json), newest first, then by name."""
    root = Path(folder)
    if not root.is_dir():
        return []
    entries = [
        _entry(p.name, p / "results.json")
        for p in root.iterdir()
        if not p.name.startswith(".") and p.is_dir() and (p / "results.json").is_file()
    ]
    entries.sort(key=lambda e: e.name)
    entries.sort(key=lambda e: e.generated, reverse=True)
    return entries


def _entry(name: str, results: Path) -> RunEntry:
    try:
        if results.stat().st_size > MAX_RESULTS_BYTES:
            raise ValueError("too large to read for the index")
        data = json.loads(results.read_text(encoding="utf-8"))
        manifest, summary = data.get("manifest") or {}, data.get("summary") or {}
    except (OSError, ValueError, AttributeError) as exc:
        return RunEntry(name, "", f"results.json not readable ({exc})", "", "")
    return RunEntry(
        name=name,
        generated=str(manifest.get("generated") or ""),
        settings=_settings(manifest),
        command=str(manifest.get("command") or ""),
        headline=_headline(summary),
    )


def _settings(m: dict[str, Any]) -> str:
    """The choices that make this run differ from another, in words.

    >>> _settings({"profile_name": "Tokyo profile", "overrides": {"deterrence": 0.3}, "objective": "value",
    ...            "scenario": None, "include": [], "exclude": ["x"], "full": False})
    'Tokyo profile; --weight deterrence=0.3; objective value; --exclude x; quick'
    """
    parts = [str(m.get("profile_name") or "criteria.yaml weights")]
    overrides = m.get("overrides") or {}
    if isinstance(overrides, dict) and overrides:
        parts.append(" ".join(f"--weight {k}={v:g}" for k, v in overrides.items() if isinstance(v, (int, float))))
    parts.append(f"objective {m.get('objective', '?')}")
    if m.get("scenario"):
        parts.append(f"scenario {m['scenario']}")
    for flag in ("include", "exclude"):
        if m.get(flag):
            parts.append(" ".join(f"--{flag} {o}" for o in m[flag]))
    if m.get("full") is False:
        parts.append("quick")
    return "; ".join(parts)


def _headline(summary: dict[str, Any]) -> str:
    """The run's headline numbers, or its first sentence when it has none (no portfolio).

    >>> _headline({"headline": [{"label": "options chosen of 49", "value": "16"}]})
    '16 options chosen of 49'
    """
    numbers = summary.get("headline") or []
    if numbers:
        return "; ".join(f"{h.get('value')} {h.get('label')}" for h in numbers if isinstance(h, dict))
    sentences = summary.get("sentences") or []
    return str(sentences[0]) if sentences else ""


def index_html(entries: list[RunEntry], title: str = "trilat-opt reports") -> str:
    """The index page: a table of `entries`, every text escaped, no script."""
    e = html.escape
    rows = "\n".join(
        f'<tr><td><a href="{e(r.name)}/index.html">{e(r.name)}</a></td><td>{e(r.generated)}</td>'
        f"<td>{e(r.settings)}<br><code>{e(r.command)}</code></td><td>{e(r.headline)}</td></tr>"
        for r in entries
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
{GENERATOR}
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 75rem; padding: 0 1rem; color: #1b1e23; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #ddd; padding: .4rem .6rem; text-align: left; vertical-align: top; }}
code {{ font-size: 85%; color: #555; }}
td:nth-child(2) {{ white-space: nowrap; }}
</style>
</head>
<body>
<h1>{e(title)}</h1>
<p>{len(entries)} run{"" if len(entries) == 1 else "s"} in this folder, newest first. Each name opens its
report; the command makes it again. Rewritten by every <code>trilat-opt report</code> into this folder.</p>
<table>
<thead><tr><th>run</th><th>generated (UTC)</th><th>settings</th><th>headline</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""


def write_index(folder: str | os.PathLike[str]) -> Path | None:
    """Rewrite `folder`/index.html from the runs there; None (nothing written) when an index.html
    there is not one trilat-opt wrote."""
    target = Path(folder) / INDEX
    if target.is_symlink() or (target.exists() and not _ours(target)):
        return None
    return atomic_write(target, index_html(list_runs(folder)))


def _ours(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            return GENERATOR in fh.read(2048)
    except OSError:
        return False
