"""Render `ReportData` into one self-contained HTML page.

Everything the page needs is inline: CSS, the Vega runtime (once) with every chart as a JSON
spec (`charts.py` says why), and the small script for sorting, filtering and the live weight
sliders. A Content-Security-Policy in the page forbids every network request and allows only the
page's own script, identified by its SHA-256 hash; on top of jinja2's autoescaping, this means
that option text containing HTML or script cannot run, even if an escape were missed. Vega
evaluates chart expressions with its interpreter, so the policy needs no 'unsafe-eval'.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import jinja2
import pandas as pd

from ..output import display_text
from .data import ReportData
from .method import manifest_items, method_blocks

if TYPE_CHECKING:
    from . import charts as ch


class _Charts:
    """`charts` imported on first use: altair costs ~0.13 s to import, which every other CLI
    command would pay because the CLI registers `report` at start-up."""

    def __getattr__(self, name: str) -> Any:
        from . import charts

        return getattr(charts, name)


ch = _Charts()  # the runtime stand-in for the module named under TYPE_CHECKING

__all__ = ["Cell", "Column", "TableView", "fmt_num", "render_html", "table_view"]


def fmt_num(value: Any) -> str:
    """A number as the page shows it: three decimals below 10, one below 100, none above.

    >>> fmt_num(0.12345), fmt_num(1.2), fmt_num(12.345), fmt_num(550), fmt_num(None), fmt_num(True)
    ('0.123', '1.2', '12.3', '550', '–', 'yes')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if not isinstance(value, (int, float)):
        return str(value)
    v = float(value)
    if float(v).is_integer() and abs(v) >= 1:
        return f"{int(v):,}"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


@dataclass(frozen=True)
class Column:
    """How one DataFrame column shows: its label, whether numeric, and where its cells link."""

    key: str
    label: str
    num: bool = False
    href: Callable[[str, pd.Series], str | None] | None = None
    fmt: Callable[[Any], str] | None = None
    title: str = ""


@dataclass(frozen=True)
class Cell:
    text: str
    sort: str | None
    href: str | None
    num: bool


@dataclass(frozen=True)
class TableView:
    id: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[dict[str, Any], ...]
    filter: bool
    csv: str = ""
    """The CSV file holding every row, named where a printed copy folds the table."""


def table_view(
    df: pd.DataFrame,
    view_id: str,
    caption: str,
    columns: list[Column],
    *,
    filter: bool = False,
    row_css: Callable[[str, pd.Series], str] | None = None,
) -> TableView:
    """A table's cells as text, sort keys and links; the template only lays them out."""
    rows = []
    for key, row in df.iterrows():
        cells = []
        for col in columns:
            value = key if col.key == "@index" else row.get(col.key)
            text = col.fmt(value) if col.fmt else (fmt_num(value) if col.num else display_text(value))
            sort = _sort_key(value) if col.num else None
            cells.append(Cell(text, sort, col.href(str(key), row) if col.href else None, col.num))
        rows.append({"id": None, "css": row_css(str(key), row) if row_css else "", "cells": cells})
    return TableView(view_id, caption, tuple(columns), tuple(rows), filter)


def _sort_key(value: Any) -> str | None:
    if value is None or isinstance(value, str) or (isinstance(value, float) and math.isnan(value)):
        return None
    return repr(float(value))


# ---------------------------------------------------------------------------- assets and page


@cache
def _asset(name: str) -> str:
    return resources.files("trilat_opt.report").joinpath("assets", name).read_text(encoding="utf-8")


@cache
def _env() -> jinja2.Environment:
    folder = resources.files("trilat_opt.report").joinpath("templates")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = fmt_num
    env.filters["unprefix"] = lambda text: re.sub(r"(?i)^\s*assumption\s*:\s*", "", text)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def _csp(script: str, *more: str) -> str:
    """The page's policy: only its own scripts, by hash; `more` adds sources (watch mode: 'self')."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    sources = " ".join([f"'sha256-{digest}'", *more])
    return (
        "default-src 'none'; "
        f"script-src {sources}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; "
        "connect-src 'none'; form-action 'none'; base-uri 'none'"
    )


class _Lookup(dict):
    """A dict whose missing keys read as None, so the template can test `views.x` safely."""

    def __missing__(self, key: str) -> None:
        return None


def render_html(data: ReportData, watch: tuple[str, str] | None = None) -> str:
    """The report page as one string of HTML; byte-identical for identical `data`.

    `watch` (report --watch) is the stamp of this rendering and the name of the report folder:
    the page then polls that folder's `watch.js` and reloads itself when the stamp there differs
    (`WATCH_JS` says why the folder is named)."""
    from .views import build_views, live_view

    js = _asset("vega-bundle.js") + "\n;\n" + _asset("report.js")
    views = _Lookup(build_views(data))
    charts = _Lookup(build_charts(data))
    page = (
        _env()
        .get_template("index.html.j2")
        .render(
            data=data,
            views=views,
            charts=charts,
            live=live_view(data),
            method=method_blocks(data),
            manifest_items=manifest_items(data),
            css=_asset("report.css"),
            js=js + (WATCH_JS if watch else ""),
            csp=_csp(js + (WATCH_JS if watch else ""), *(["'self'"] if watch else [])),
            watch=watch,
            specs={k: c.spec for k, c in charts.items()},
        )
    )
    return page


WATCH_JS = """
;(function () {
  /* report --watch: reload when trilat-opt has re-rendered this folder. A file:// page may not
     fetch files, but it may load a script: the folder's watch.js calls back with its stamp.
     The folder is a link to a hidden store (publish.py) and Chromium shows a page under the
     store's own path, which a re-rendering removes; so both the script and the reload go
     through the link, by name: ../<folder>/ is the link from the store and from the link alike. */
  var root = document.documentElement;
  var own = root.getAttribute("data-watch");
  var base = "../" + encodeURIComponent(root.getAttribute("data-watch-folder")) + "/";
  window.trilatWatch = function (stamp) {
    if (stamp !== own) { window.location.replace(base + "index.html" + window.location.hash); }
  };
  window.setInterval(function () {
    var s = document.createElement("script");
    s.src = base + "watch.js?t=" + Date.now();
    s.onload = s.onerror = function () { s.remove(); };
    document.head.appendChild(s);
  }, 1000);
})();
"""


def watch_script(stamp: str) -> str:
    """The content of watch.js for the rendering stamped `stamp`."""
    return f'window.trilatWatch && window.trilatWatch("{stamp}");\n'


# ---------------------------------------------------------------------------- charts


def build_charts(data: ReportData) -> dict[str, ch.Chart]:
    """Every chart whose table exists, as a Vega-Lite spec with its alt text."""
    from .roadmap_view import ROADMAP_CHARTS

    out: dict[str, ch.Chart] = {}
    titles = _titles(data)
    names = _criterion_names(data)
    for key, make in {**_CHARTS, **ROADMAP_CHARTS}.items():
        made = make(data, titles, names)
        if made is not None:
            title, chart, alt = made
            out[key] = ch.Chart(key, title, ch.to_spec(chart), alt)
    return out


def _titles(data: ReportData) -> dict[str, str]:
    opts = data.table("options")
    return {} if opts is None else opts["title"].to_dict()


def _criterion_names(data: ReportData) -> dict[str, str]:
    crit = data.table("criteria")
    return {} if crit is None else crit["name"].to_dict()


CHART_OPTIONS = 50
"""Most options a per-option chart draws: the best ones by the chart's own measure. Beyond about
50 bars a chart is unreadable and its data grows the page (the full tables are beside it, and in
the CSV files); the title says when a chart shows only the leaders."""
HEATMAP_SIZE = 30
"""Options and ranks the acceptability heatmap draws (options x ranks cells, 900 at most)."""


def _top(title: str, shown: int, total: int) -> str:
    return title if shown >= total else f"{title} (the {shown} leading of {total:,} options)"


def _chart_contributions(data, titles, names):
    contrib = data.table("contributions")
    if contrib is None or contrib.empty:
        return None
    total = contrib.sum(axis=1).sort_values(ascending=False, kind="mergesort")
    alt = (
        f"Stacked bars of {len(contrib)} options' weighted net contributions by criterion. "
        f"Highest total: {titles.get(total.index[0], total.index[0])} ({fmt_num(total.iloc[0])}); "
        f"lowest: {titles.get(total.index[-1], total.index[-1])} ({fmt_num(total.iloc[-1])})."
    )
    shown = contrib.loc[total.index[:CHART_OPTIONS]]
    title = _top("Criterion contributions per option", len(shown), len(contrib))
    return title, ch.contributions_chart(shown, titles, names), alt


def _chart_methods(data, titles, names):
    ranking = data.table("ranking")
    if ranking is None or ranking.empty:
        return None
    agree = int((ranking.filter(like="rank_").nunique(axis=1) == 1).sum())
    alt = f"Ranks of each option under each aggregation method; the methods agree exactly on {agree} of {len(ranking)}."
    first = next((c for c in ("rank_additive", "rank_topsis", "rank_promethee") if c in ranking), None)
    shown = ranking.sort_values(first, kind="mergesort").head(CHART_OPTIONS) if first else ranking.head(CHART_OPTIONS)
    return _top("Rank by aggregation method", len(shown), len(ranking)), ch.method_ranks_chart(shown), alt


def _chart_capitals(data, titles, names):
    pw = data.table("profile_weights")
    if pw is None or pw.empty:
        return None
    tops = {p: names.get(pw[p].idxmax(), pw[p].idxmax()) for p in pw.columns}
    alt = "Normalised criterion weights of each profile. Heaviest criterion: " + "; ".join(
        f"{p}: {c}" for p, c in tops.items()
    )
    return "Weights of the three capitals and this run", ch.capital_weights(pw, names), alt


def _chart_tornado(data, titles, names):
    stab = data.table("stability")
    if stab is None or stab.empty:
        return None
    df = stab.assign(width=stab["high"] - stab["low"]).sort_values("width", kind="mergesort")
    first = df.iloc[0]
    alt = (
        f"Tornado chart of the weight interval per criterion within which the result holds. Narrowest: "
        f"{first['name']} from {fmt_num(first['low'])} to {fmt_num(first['high'])} around {fmt_num(first['weight'])}."
    )
    return "Weight stability intervals", ch.tornado_chart(stab), alt


def _chart_acceptability(data, titles, names):
    acc = data.table("acceptability")
    if acc is None or acc.empty:
        return None
    best = acc.iloc[:, 0].idxmax()
    alt = (
        f"Heatmap of rank acceptability for {len(acc)} options over {acc.shape[1]} ranks. "
        f"{titles.get(best, best)} ranks first most often ({fmt_num(acc.iloc[:, 0].max())} of samples)."
    )
    shown = acc.iloc[:HEATMAP_SIZE, :HEATMAP_SIZE]  # rows come by holistic acceptability
    title = _top("SMAA-2 rank acceptability", len(shown), len(acc))
    return title, ch.acceptability_heatmap(shown, titles), alt


def _chart_core(data, titles, names):
    core = data.table("core")
    if core is None or core.empty:
        return None
    robust = int((core["core"] >= 0.9).sum())
    alt = f"Core index of each option: {robust} options are in the optimal portfolio in at least 90% of samples."
    shown = core.head(CHART_OPTIONS)  # rows come by core index
    chart = ch.core_index_chart(shown.assign(href="#opt-" + shown.index.to_series()))
    return _top("Core index", len(shown), len(core)), chart, alt


def _chart_frontier(data, titles, names):
    front = data.table("frontier")
    if front is None or front.empty:
        return None
    alt = (
        f"Risk-value frontier with {len(front)} Pareto-optimal portfolios, value from {fmt_num(front['value'].min())} "
        f"to {fmt_num(front['value'].max())}; the chosen portfolio is marked."
    )
    return "Risk-value frontier", ch.frontier_chart(front), alt


def _chart_scenarios(data, titles, names):
    scen = data.table("scenarios")
    if scen is None or scen.empty:
        return None
    worst = scen["value"].idxmin()
    alt = f"Value of the chosen portfolio in {len(scen)} scenarios; lowest in {scen.loc[worst, 'name']}."
    return "Scenario outcomes", ch.scenario_chart(scen), alt


def _chart_usage(data, titles, names, kinds=("budget",), key="usage", title="Budget use"):
    cons = data.table("constraints")
    if cons is None or cons.empty:
        return None
    df = cons[cons["kind"].isin(kinds) & (cons["limit"] > 0)]
    if df.empty:
        return None
    df = df.assign(label=df["label"] if "label" in df else df["name"])
    binding = df[df["slack"] <= 1e-9]["label"].tolist()
    alt = f"Share of each {', '.join(kinds)} limit used. At the limit: " + (", ".join(binding) or "none") + "."
    return title, ch.usage_chart(df), alt


def _chart_exposure(data, titles, names):
    exp = data.table("exposure")
    if exp is None or exp.empty:
        return None
    df = exp.rename(columns={"cap": "limit"}).assign(slack=lambda d: d["limit"] - d["used"])
    df = df[df["limit"] > 0].assign(label=lambda d: d["label"] if "label" in d else d["name"])
    binding = df[df["slack"] <= 1e-9]["label"].tolist()
    alt = (
        "Share of each risk and country cap used by the portfolio. At the cap: " + (", ".join(binding) or "none") + "."
    )
    return "Exposure against caps", ch.usage_chart(df), alt


_CHARTS = {
    "usage": _chart_usage,
    "exposure": _chart_exposure,
    "methods": _chart_methods,
    "contributions": _chart_contributions,
    "capitals": _chart_capitals,
    "tornado": _chart_tornado,
    "acceptability": _chart_acceptability,
    "core": _chart_core,
    "frontier": _chart_frontier,
    "scenarios": _chart_scenarios,
}
