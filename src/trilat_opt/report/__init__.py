"""The HTML report: run the whole pipeline once (`build`) and write the page, JSON and CSVs (`write`).

>>> import trilat_opt.report as r
>>> sorted(r.__all__)[:3]
['DEFAULT_SAMPLES', 'ReportData', 'build']
"""

from .build import DEFAULT_SAMPLES, build
from .data import ReportData, input_hash, run_name
from .render import render_html
from .write import write

__all__ = ["DEFAULT_SAMPLES", "ReportData", "build", "input_hash", "render_html", "run_name", "write"]
