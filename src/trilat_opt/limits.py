"""Overrides of risk caps and budget limits: what-if questions asked from the command line.

`--cap china-coercion=2` and `--budget public-funding=60` change one number of criteria.yaml for
one run, as `--weight` changes a weight. The override is a new `Catalogue` (the loaded one is
frozen and stays as read), and each new value passes the same check as the YAML value it replaces
(`numbers.Cap`, `numbers.Amount`), so a cap of -1 or a budget of 1e13 is refused with the same
words in both places.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from pydantic import ValidationError

from .errors import InputError
from .ids import unknown
from .model import Budget, Catalogue, Risk

__all__ = ["override_limits", "parse_limits"]


def parse_limits(items: Iterable[str], flag: str) -> dict[str, float]:
    """Parse `id=value` strings of `flag` (--cap or --budget), each id at most once.

    >>> parse_limits(["china-coercion=2", "us-bilateralism=2.75"], "--cap")
    {'china-coercion': 2.0, 'us-bilateralism': 2.75}
    """
    out: dict[str, float] = {}
    example = "china-coercion=2" if flag == "--cap" else "public-funding=60"
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not sep or not name or math.isnan(number):
            raise InputError(f"{flag} {item!r}: expected id=value, for example {example}")
        if name in out:
            raise InputError(f"{flag} {name}: given twice; give each id once")
        out[name] = number
    return out


def override_limits(
    cat: Catalogue, caps: Mapping[str, float] | None = None, budgets: Mapping[str, float] | None = None
) -> Catalogue:
    """`cat` with some risk caps and budget limits replaced; `cat` itself is unchanged.

    Unknown ids and values outside the YAML's bounds raise `InputError` naming the flag.

    >>> import trilat_opt, pathlib
    >>> cat = trilat_opt.load(pathlib.Path(__file__).parents[2])
    >>> new = override_limits(cat, caps={"china-coercion": 2}, budgets={"public-funding": 60})
    >>> [r.cap for r in new.frame.risks if r.id == "china-coercion"], [r.cap for r in cat.frame.risks][-1]
    ([2.0], 3.0)
    """
    caps, budgets = dict(caps or {}), dict(budgets or {})
    if not caps and not budgets:
        return cat
    frame = cat.frame
    _known("--cap", "political risk", caps, [r.id for r in frame.risks])
    _known("--budget", "budget", budgets, [b.id for b in frame.budgets])
    risks = tuple(_replace(r, "cap", caps, "--cap") if r.id in caps else r for r in frame.risks)
    limits = tuple(_replace(b, "limit", budgets, "--budget") if b.id in budgets else b for b in frame.budgets)
    return cat.model_copy(update={"frame": frame.model_copy(update={"risks": risks, "budgets": limits})})


def _known(flag: str, kind: str, given: Mapping[str, float], known: list[str]) -> None:
    bad = [k for k in given if k not in known]
    if bad:
        raise InputError(unknown(kind, bad[0], known, flag))


def _replace(item: Risk | Budget, field: str, values: Mapping[str, float], flag: str) -> Risk | Budget:
    """`item` with `field` set to its new value, checked as criteria.yaml's value is checked."""
    value = values[item.id]
    try:
        return type(item).model_validate({**item.model_dump(), field: value})
    except ValidationError as exc:
        reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
        raise InputError(f"{flag} {item.id}={value:g}: {reason[:1].lower()}{reason[1:]}") from None
