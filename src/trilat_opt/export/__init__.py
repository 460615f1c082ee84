"""Exports into the tools analysts already use: an Excel workbook of every report table, and the
argument maps as Argdown, AIF (the Argument Interchange Format of AIFdb and OVA) and Graphviz DOT.

Each format is a plain function over plain data: the workbook reads a report run (`ReportData`),
the graph formats read one typed `ArgumentMap`. Nothing here imports a spreadsheet library until
a workbook is written.
"""

from .graph import ArgumentMap, Claim, MapArgument, OptionMap, Quote, argument_map, argument_map_of

__all__ = [
    "ArgumentMap",
    "Claim",
    "MapArgument",
    "OptionMap",
    "Quote",
    "argument_map",
    "argument_map_of",
]
