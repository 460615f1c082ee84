"""What a report holds: plain tables and plain data, computed once, rendered many ways.

`ReportData` is the contract between the pipeline (`build.py`) and the outputs (`render.py`,
`write.py`): the HTML page, `results.json` and the CSV files all read the same tables, so a
number in the page is the number in the CSV. Nothing here depends on the clock: the run name and
the input hash come from the inputs, and a timestamp appears only when `SOURCE_DATE_EPOCH` sets
one (the reproducible-builds convention).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from ..model import Catalogue

__all__ = ["ReportData", "generated_at", "input_hash", "run_name"]


@dataclass(frozen=True)
class ReportData:
    """Everything the report shows. The template renders it and never recomputes.

    - `manifest`: version, input hash, seed, samples, solver, objective, weights, settings;
    - `summary`: the recommendation in plain data (headline numbers, sentences, hinges);
    - `tables`: every table by name, each written as `<name>.csv` and into `results.json`;
    - `options`: per option, the nested evidence view (arguments, quotes, facts with their basis);
    - `missing`: section id -> why that section has no data (a pipeline stage not available);
    - `whatif`: the portfolio programme and the controls the page re-solves (`whatif.py`), kept
      out of results.json, which records the run and not the page's machinery.
    """

    title: str
    run_name: str
    manifest: dict[str, Any]
    summary: dict[str, Any]
    tables: Mapping[str, pd.DataFrame]
    options: tuple[dict[str, Any], ...] = ()
    missing: Mapping[str, str] = field(default_factory=dict)
    whatif: Mapping[str, Any] | None = None

    def table(self, name: str) -> pd.DataFrame | None:
        """The table `name`, or None when its stage did not run."""
        return self.tables.get(name)

    def results(self) -> dict[str, Any]:
        """The content of `results.json`: manifest, summary, every table and the missing sections.

        The top-level `weights`, `values`, `selected`, `objective`, `objective_value` and
        `stability` keys are the run record that `trilat-opt diff` reads, so two report folders
        can be compared directly.
        """
        ranking, port, stab = self.table("ranking"), self.table("portfolio"), self.table("stability")
        return {
            "weights": self.manifest.get("weights", {}),
            "values": ranking["value"] if ranking is not None else {},
            "selected": list(port.index) if port is not None else [],
            "objective": self.manifest.get("objective"),
            "objective_value": self.summary.get("objective_value"),
            "stability": stab.rename(columns={"low": "top_low", "high": "top_high"}) if stab is not None else [],
            "manifest": self.manifest,
            "summary": self.summary,
            "tables": dict(self.tables),
            "missing": dict(self.missing),
        }


def input_hash(cat: Catalogue) -> str:
    """SHA-256 of the loaded inputs (frame, options, bibliography), independent of where they live.

    Hashing the validated models rather than the files means that a comment or a reformatted
    YAML file does not change the hash, while any value the computation reads does.

    >>> import trilat_opt, pathlib
    >>> cat = trilat_opt.load(pathlib.Path(__file__).parents[3])
    >>> len(input_hash(cat)), input_hash(cat) == input_hash(cat.model_copy(update={"root": "/elsewhere"}))
    (64, True)
    """
    payload = cat.model_dump(mode="json", exclude={"root", "warnings"})
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def run_name(profile: str | None, objective: str, weights: Mapping[str, float], extra: Mapping[str, Any]) -> str:
    """A folder name from the run's settings: `<profile>-<objective>-<hash of weights and settings>`.

    The same settings give the same name, so re-running overwrites the same report, and a weight
    tweak gets a folder of its own that can be compared with the first.

    >>> name = run_name("tokyo", "value", {"a": 0.5, "b": 0.5}, {"seed": 0})
    >>> name.startswith("tokyo-value-"), name == run_name("tokyo", "value", {"b": 0.5, "a": 0.5}, {"seed": 0})
    (True, True)
    """
    blob = json.dumps(
        {"weights": {k: round(float(v), 12) for k, v in sorted(weights.items())}, **extra},
        sort_keys=True,
        default=str,
    )
    digest = hashlib.sha256(blob.encode("utf-8")).hexdigest()[:8]
    slug = re.sub(r"[^a-z0-9-]+", "-", f"{profile or 'base'}-{objective}".lower()).strip("-")
    return f"{slug}-{digest}"


def generated_at() -> str | None:
    """ISO timestamp from `SOURCE_DATE_EPOCH`, or None: the report carries no wall-clock time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
