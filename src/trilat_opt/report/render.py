"""Render `ReportData` into one self-contained HTML page.

Everything the page needs is inline: CSS, the Vega runtime (once) with every chart as a JSON
spec (`charts.py` says why), the small script for sorting and filtering, and the what-if panel
(`whatif.py`: the portfolio programme, HiGHS as WebAssembly and the panel's script). A
Content-Security-Policy in the page forbids every network request and allows only the page's own
scripts, identified by their SHA-256 hashes; on top of jinja2's autoescaping, this means that
option text containing HTML or script cannot run, even if an escape were missed. Vega evaluates
chart expressions with its interpreter, so the policy needs no 'unsafe-eval'; the what-if solver
is WebAssembly, which needs 'wasm-unsafe-eval' and nothing broader.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from importlib import resources

import jinja2

from .data import ReportData
from .method import manifest_items, method_blocks
from .views import VIEWS, build_views, fmt_num

__all__ = ["render_html", "warm", "watch_script"]


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


def warm() -> None:
    """Load what rendering a page needs: altair (for the chart specs), the compiled templates and
    the inline assets.

    About 0.5 s that `render_html` would otherwise spend after the report is built. The report
    command runs it in a thread while the report is built, which mostly waits for its workers and
    solvers, so the page is ready to render when the tables are.
    """
    from . import charts  # noqa: F401

    env = _env()
    for name in env.list_templates():
        env.get_template(name)
    for name in ("vega-bundle.js", "report.js", "report.css"):
        _asset(name)


def _csp(*scripts: str, wasm: bool = False, more: tuple[str, ...] = ()) -> str:
    """The page's policy: only its own scripts, by hash; WebAssembly compilation for the what-if
    solver when `wasm` (nothing broader); `more` adds sources (watch mode: 'self')."""
    sources = [f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts]
    sources += ["'wasm-unsafe-eval'"] if wasm else []
    sources += list(more)
    return (
        "default-src 'none'; "
        f"script-src {' '.join(sources)}; "
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
    from .charts import build_charts  # altair: imported when a page is rendered, not before
    from .roadmap_view import ROADMAP_CHARTS, ROADMAP_VIEWS
    from .whatif import page_assets

    js = _asset("vega-bundle.js") + "\n;\n" + _asset("report.js")
    solver = page_assets() if data.whatif else None
    views = _Lookup(build_views(data, {**VIEWS, **ROADMAP_VIEWS}))
    charts = _Lookup(build_charts(data, ROADMAP_CHARTS))
    page = (
        _env()
        .get_template("index.html.j2")
        .render(
            data=data,
            views=views,
            charts=charts,
            whatif=data.whatif,
            solver=solver,
            method=method_blocks(data),
            manifest_items=manifest_items(data),
            css=_asset("report.css"),
            js=js + (WATCH_JS if watch else ""),
            csp=_csp(
                js + (WATCH_JS if watch else ""),
                *((solver["solver"], solver["panel"]) if solver else ()),
                wasm=solver is not None,
                more=("'self'",) if watch else (),
            ),
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
