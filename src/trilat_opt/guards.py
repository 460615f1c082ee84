"""Preconditions that valid but degenerate projects can miss, checked where a stage starts.

A project with no option files validates (with a warning), lists and ranks nothing, and gets an
empty portfolio; but an analysis of how robust a choice is, or a report about it, has nothing
to say about no options. Those stages call `require_options` first, so the user reads one plain
sentence (exit 2) instead of an index error from deep inside numpy.
"""

from __future__ import annotations

from .errors import ErrorDetail, InputError
from .model import Catalogue

__all__ = ["require_options"]


def require_options(cat: Catalogue, what: str) -> None:
    """Raise `InputError` when `cat` has no options, saying that `what` needs at least one."""
    if not cat.options:
        raise InputError(ErrorDetail("options", 0, 0, "", f"holds no option files; {what} needs at least one option"))
