"""Saaty's 1–9 scale: reading a judgement as an analyst types it, and saying it back in words.

A judgement `a over b = 3` says that criterion a matters moderately more than b; `1/3` says the
reverse. Values between the integers (2.5) are allowed, as Saaty allows them; values outside
1/9 to 9 are not, because the random indices that give the consistency ratio were computed on
that range.

>>> parse_judgement("1/3"), parse_judgement(5), show(1 / 7), show(2.5)
(0.3333333333333333, 5.0, '1/7', '2.5')
"""

from __future__ import annotations

import math
from fractions import Fraction

__all__ = ["HIGH", "LOW", "SCALE", "WORDS", "in_words", "parse_judgement", "show"]

HIGH = 9.0
LOW = 1 / 9
SCALE: tuple[float, ...] = (*(1 / k for k in range(9, 1, -1)), *(float(k) for k in range(1, 10)))
"""The 17 values a suggestion may take: 1/9, 1/8, ..., 1/2, 1, 2, ..., 9."""

WORDS = {
    1: "equally",
    2: "equally to moderately",
    3: "moderately",
    4: "moderately to strongly",
    5: "strongly",
    6: "strongly to very strongly",
    7: "very strongly",
    8: "very to extremely strongly",
    9: "extremely",
}
"""Saaty's verbal scale: 'a matters <word> more than b'."""

_SLACK = 1e-3
"""A typed 0.111 is 1/9: values this close outside the scale's ends count as its ends."""


def parse_judgement(value: object) -> float:
    """A judgement as a number: `3`, `2.5`, `"1/3"` or `"0.2"`. Raises `ValueError` saying what is
    expected when the value is not a number or lies outside 1/9 to 9."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a judgement; expected a number from 1/9 to 9, such as 3 or 1/3")
    try:
        number = float(Fraction(value.strip())) if isinstance(value, str) else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, ZeroDivisionError):
        raise ValueError(f"{value!r} is not a judgement; expected a number from 1/9 to 9, such as 3 or 1/3") from None
    if not math.isfinite(number) or not LOW - _SLACK <= number <= HIGH + _SLACK:
        raise ValueError(f"{value!r} lies outside Saaty's scale; expected a number from 1/9 to 9, such as 3 or 1/3")
    return min(max(number, LOW), HIGH)


def show(value: float) -> str:
    """A judgement as an analyst writes it: `3`, `1/3`, `2.5`, `1/2.5`."""
    if value >= 1:
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return "1/" + show(1 / value)


def in_words(more: str, less: str, value: float) -> str:
    """'deterrence matters moderately more than speed' for `more over less = value` (>= 1 or not)."""
    if value < 1:
        more, less, value = less, more, 1 / value
    if abs(value - 1) < 1e-9:
        return f"{more} and {less} matter equally"
    word = WORDS.get(round(value)) if abs(value - round(value)) < 1e-9 else None
    return f"{more} matters {word or show(value) + ' times'} more than {less}"
