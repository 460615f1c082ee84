"""What a report holds: plain tables and plain data, computed once, rendered many ways.

`ReportData` is the contract between the pipeline (`build.py`) and the outputs (`render.py`,
`write.py`): the HTML page, `results.json` and the CSV files all read the same tables, so a
number in the page is the number in the CSV. The run name and the input hash come from the
inputs; the one figure from the clock is the generation time every report states, which
`SOURCE_DATE_EPOCH` fixes (the reproducible-builds convention), so reruns under it are
byte-identical.
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

__all__ = ["ReportData", "check_run_name", "generated_at", "input_hash", "run_name"]

MAX_NAME = 100
"""Longest run name: well inside any file system's limit once the hidden store's suffix is added."""


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
        """The content of `results.json`: the run record (`trilat_opt.record`), then the manifest,
        summary, every table and the missing sections, so `trilat-opt diff` compares two report
        folders directly."""
        from ..record import run_record

        m = self.manifest
        ranking, port, stab = self.table("ranking"), self.table("portfolio"), self.table("stability")
        record = run_record(
            objective=m.get("objective", ""),
            objective_value=self.summary.get("objective_value"),
            status=self.summary.get("status") or "",
            selected=list(port.index) if port is not None else [],
            weights=m.get("weights", {}),
            values=ranking["value"].to_dict() if ranking is not None else {},
            settings={k: m[k] for k in RECORD_SETTINGS if k in m},
            stability=stab.rename(columns={"low": "top_low", "high": "top_high"}) if stab is not None else [],
        )
        return {
            **record,
            "manifest": self.manifest,
            "summary": self.summary,
            "tables": dict(self.tables),
            "missing": dict(self.missing),
        }


RECORD_SETTINGS = (
    "profile",
    "overrides",
    "scenario",
    "solver",
    "semantics",
    "include",
    "exclude",
    "caps",
    "budgets",
    "samples",
    "seed",
    "full",
)
"""The manifest's entries that say how a report's run was asked (its run record's `settings`)."""


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


def run_name(
    profile: str | None,
    objective: str,
    weights: Mapping[str, float],
    extra: Mapping[str, Any],
    overrides: Mapping[str, float] | None = None,
) -> str:
    """A folder name from the run's settings: what a reader needs to tell runs apart (profile,
    objective, each --weight override, the scenario), then a hash of the weights and every
    setting, so that two runs differing elsewhere still get folders of their own.

    The same settings give the same name, so re-running overwrites the same report, and a weight
    tweak gets a folder of its own that can be compared with the first.

    >>> name = run_name("tokyo", "value", {"a": 0.5, "b": 0.5}, {"seed": 0})
    >>> name.startswith("tokyo-value-"), name == run_name("tokyo", "value", {"b": 0.5, "a": 0.5}, {"seed": 0})
    (True, True)
    >>> run_name(None, "value", {"a": 0.3, "b": 0.7}, {"scenario": "tariffs"}, {"a": 0.3})[:-9]
    'base-value-a-0.3-tariffs'
    """
    blob = json.dumps(
        {"weights": {k: round(float(v), 12) for k, v in sorted(weights.items())}, **extra},
        sort_keys=True,
        default=str,
    )
    digest = hashlib.sha256(blob.encode("utf-8")).hexdigest()[:8]
    parts = [profile or "base", objective, *(f"{k}-{v:g}" for k, v in (overrides or {}).items())]
    if extra.get("scenario"):
        parts.append(str(extra["scenario"]))
    slug = re.sub(r"[^a-z0-9.-]+", "-", "-".join(parts).lower()).strip("-.")
    return f"{slug[: MAX_NAME - 9].rstrip('-.')}-{digest}"


def check_run_name(name: str) -> str:
    """`name` if it can name a run folder under reports/, else `InputError` saying why.

    >>> check_run_name("tokyo-deterrence-up")
    'tokyo-deterrence-up'
    """
    from ..errors import InputError

    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name) or len(name) > MAX_NAME:
        raise InputError(
            f"--name {name!r}: use letters, digits, '.', '_' and '-', starting with a letter or digit, "
            f"at most {MAX_NAME} characters"
        )
    if name.lower().endswith(".html"):
        raise InputError(f"--name {name!r}: a run name cannot end in .html (reports/index.html lists the runs)")
    return name


def generated_at() -> str:
    """When the report was generated, in UTC to the second: `SOURCE_DATE_EPOCH` when set (so
    reruns are byte-identical), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), tz=UTC) if epoch.isdigit() else datetime.now(tz=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
