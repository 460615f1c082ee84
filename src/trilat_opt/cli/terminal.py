"""User text on its way to a terminal: never markup, never control sequences.

Option titles, claims, bases and criterion names are typed by analysts or come from shared files,
and rich would otherwise read them as markup: "Summits [/]" raised a MarkupError, "[sic]"
vanished, "[link=...]" became a hyperlink and ":100:" an emoji. Control characters are worse: an
ESC in a title lets a file set the terminal's title, clear the screen or rewrite earlier output.
So every piece of user text becomes a `rich.text.Text` (which rich never parses) after `clean`
removes the C0 and C1 control characters (except newline and tab) and the bidirectional
overrides that can make a line read differently from what it says.

>>> clean("Summits \\x1b]0;owned\\x07\\x1b[2J[/] \\u202eevil")
'Summits ]0;owned[2J[/] evil'
>>> plain("[bold]x[/bold]").plain
'[bold]x[/bold]'
"""

from __future__ import annotations

import re
from typing import Any

from rich.text import Text

__all__ = ["clean", "plain"]

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(value: Any) -> str:
    """`value` as text without control characters or bidirectional overrides (newline, tab kept)."""
    return _UNSAFE.sub("", str(value))


def plain(value: Any, style: str = "") -> Text:
    """`value` as a rich Text that is shown literally: cleaned, never parsed as markup."""
    return Text(clean(value), style=style)
