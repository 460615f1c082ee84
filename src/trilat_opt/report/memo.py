"""The slow analyses' results kept across the renderings of one `report --watch` session.

Most saves while watching change words, not numbers: a claim reworded, a quote corrected, a
summary rewritten. The analyses (core index, frontier, stability, roadmap, capitals, critical
arguments, SMAA) then give exactly what they gave before, so a `Memo` keeps their results under a
fingerprint of everything they read, and the next rendering with the same fingerprint takes them
from there: a text edit re-renders in about a second instead of redoing five seconds of solves.

The fingerprint is built from the inputs, not from the outputs: the whole of criteria.yaml as
loaded, every option field except its title, summary and arguments, each argument's numbers as
the argument graph reads them (criterion, stance, base score and range after the inference cap,
attacks, supports), and the run's settings. A change to any of these computes everything again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .run import Run

__all__ = ["Memo", "fingerprint"]

_WORDS = {"title", "summary", "arguments"}
"""Option fields no analysis reads (the arguments' numbers enter the fingerprint one by one)."""


def fingerprint(run: Run) -> str:
    """A digest of everything the report's analyses read."""
    cat = run.cat
    arguments = [
        (opt.id, a.id, a.criterion, a.stance, cat.base_of(a), a.attacks, a.supports) for opt, a in cat.arguments()
    ]
    options = [o.model_dump(mode="json", exclude=_WORDS) for o in cat.options]
    settings = {**asdict(run.ev.setup), "samples": run.samples, "seed": run.seed, "full": run.full}
    blob = json.dumps([cat.frame.model_dump(mode="json"), options, arguments, settings], sort_keys=True, default=repr)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class Memo:
    """Analysis results by name, for one fingerprint at a time (a new fingerprint forgets the old)."""

    def __init__(self) -> None:
        self.key: str | None = None
        self.results: dict[str, Any] = {}
        self.reused: list[str] = []
        """The names the last rendering took from the memo."""

    def start(self, key: str) -> None:
        """Begin a rendering whose analyses have the fingerprint `key`."""
        if key != self.key:
            self.key, self.results = key, {}
        self.reused = []

    def __contains__(self, name: str) -> bool:
        return name in self.results

    def get(self, name: str) -> Any:
        self.reused.append(name)
        return self.results[name]

    def put(self, name: str, value: Any) -> None:
        self.results[name] = value
