"""Ids a user types on the command line, and the way out when one is wrong.

Every unknown id (option, criterion, profile, scenario, risk) gets the same message: what was
given, the closest known id when there is one ("did you mean"), and every known id, never a list
cut short, because the id the user wants is often not the closest spelling. Matching for the
hint ignores case, so `Tokyo` finds `tokyo`; a profile is also found by its name in any case.

>>> unknown("profile", "tokio", ["washington", "tokyo", "seoul"], "--profile")
"--profile 'tokio': unknown profile; did you mean 'tokyo'? (known: washington, tokyo, seoul)"
>>> unknown("scenario", "x", [], "--scenario")
"--scenario 'x': unknown scenario; none is defined in criteria.yaml"
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

__all__ = ["did_you_mean", "unknown", "unknown_ref"]


def did_you_mean(given: str, known: Sequence[str]) -> str | None:
    """The known id closest to `given`, ignoring case, or None when none is close.

    >>> did_you_mean("Deterence", ["deterrence", "resilience"]), did_you_mean("zzz", ["deterrence"])
    ('deterrence', None)
    """
    folded = {k.casefold(): k for k in known}
    hit = difflib.get_close_matches(given.casefold(), list(folded), n=1)
    return folded[hit[0]] if hit else None


def unknown(kind: str, given: str, known: Sequence[str], flag: str | None = None, where: str = "criteria.yaml") -> str:
    """The message for an unknown id: the hint, then all known ids (or that `where` defines none)."""
    head = f"{flag} {given!r}: unknown {kind}" if flag else f"unknown {kind} {given!r}"
    if not known:
        return f"{head}; none is defined in {where}"
    hint = did_you_mean(given, known)
    return head + (f"; did you mean {hint!r}?" if hint else "") + f" (known: {', '.join(known)})"


def unknown_ref(kind: str, name: str, known: Sequence[str] | set[str]) -> str:
    """The message for an unknown reference inside a file: the hint alone, since a file's
    references (arguments, options) can number thousands.

    >>> unknown_ref("budget", "monie", {"money", "time"})
    "unknown budget 'monie'; did you mean 'money'?"
    """
    hint = did_you_mean(name, sorted(known))
    return f"unknown {kind} {name!r}" + (f"; did you mean {hint!r}?" if hint else "")
