"""Exports into the tools analysts already use: an Excel workbook of every report table, and the
argument maps as Argdown, AIF (the Argument Interchange Format of AIFdb and OVA) and Graphviz DOT.

Each format is a plain function over plain data: the workbook reads a report run (`ReportData`),
the graph formats read one typed `ArgumentMap`. The workbook's names load on first use, so that
importing this package imports no spreadsheet library (nor pandas).

>>> import trilat_opt, pathlib
>>> from trilat_opt.export import argument_map, to_argdown
>>> cat = trilat_opt.load(pathlib.Path(__file__).parents[3])
>>> to_argdown(argument_map(cat, options=["leader-summits"])).count("\\n# ")
2
"""

from typing import Any

from .aif import AifGraph, aif_graph, aif_problems, read_aif, to_aif
from .argdown import to_argdown
from .dot import dot_available, to_dot, to_svg
from .graph import ArgumentMap, Claim, MapArgument, OptionMap, Quote, argument_map, argument_map_of

__all__ = [
    "AifGraph",
    "ArgumentMap",
    "Claim",
    "MapArgument",
    "OptionMap",
    "Quote",
    "aif_graph",
    "aif_problems",
    "argument_map",
    "argument_map_of",
    "dot_available",
    "read_aif",
    "to_aif",
    "to_argdown",
    "to_dot",
    "to_svg",
    "workbook_bytes",
    "write_xlsx",
]


def __getattr__(name: str) -> Any:
    """`write_xlsx` and `workbook_bytes`, imported from `xlsx` when first asked for."""
    if name in ("write_xlsx", "workbook_bytes"):
        from . import xlsx

        return getattr(xlsx, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
