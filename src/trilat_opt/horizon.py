"""Periods of a roadmap horizon, and the checks of `criteria.yaml: roadmap` that need other files.

Pure arithmetic on months, so that `validate` can check a roadmap without pandas or PuLP. A time
is a number of months since the first day of the horizon: the first period starts at 0, an event
on 3 November 2026 in a horizon from January 2026 lies at 10 + 2/30 months.

>>> h = Horizon.parse("2026H1", "2030H2", 6)
>>> len(h), h.labels[:3], h.months
(10, ('2026H1', '2026H2', '2027H1'), 60)
>>> round(h.offset(datetime.date(2026, 11, 3)), 3), h.period_of(10.07)
(10.067, 1)
>>> h.resized(1).labels, h.resized(5).labels[:2]
(('2026-01..2030-12',), ('2026', '2027'))
"""

from __future__ import annotations

import calendar
import datetime
import math
import re
from dataclasses import dataclass

from .errors import ErrorDetail, InputError
from .ids import unknown_ref as _unknown
from .model import PERIOD_LABEL, Frame, Option, RoadmapFrame
from .yamlio import Parsed

__all__ = ["Horizon", "check_roadmap", "label_start", "parse_horizon"]


def label_start(label: str) -> tuple[int, int, int]:
    """(year, first month, length in months) of a period label.

    >>> label_start("2026H2"), label_start("2027Q4"), label_start("2028"), label_start("2029-03")
    ((2026, 7, 6), (2027, 10, 3), (2028, 1, 12), (2029, 3, 1))
    """
    m = PERIOD_LABEL.match(str(label).strip())
    if not m:
        raise ValueError(f"{label!r} is not a period: write 2026H1, 2026Q3, 2026-07 or 2026")
    year, half, quarter, month = m.groups()
    if half:
        return int(year), 1 + 6 * (int(half) - 1), 6
    if quarter:
        return int(year), 1 + 3 * (int(quarter) - 1), 3
    if month:
        return int(year), int(month), 1
    return int(year), 1, 12


def _month_label(year: int, month: int, length: int) -> str:
    """The natural label of a period of `length` months starting at (year, month)."""
    if length == 12 and month == 1:
        return str(year)
    if length == 6 and month in (1, 7):
        return f"{year}H{1 + month // 7}"
    if length == 3 and month % 3 == 1:
        return f"{year}Q{1 + month // 3}"
    return f"{year}-{month:02d}"


@dataclass(frozen=True)
class Horizon:
    """`count` periods of `length` months each, from (year, month)."""

    year: int
    month: int
    length: int
    count: int

    @classmethod
    def parse(cls, start: str, end: str, length: int) -> Horizon:
        """The horizon from the first month of `start` to the last month of `end`, in periods of
        `length` months; raises ValueError when it is empty or does not divide into whole periods."""
        y0, m0, _ = label_start(start)
        y1, m1, n1 = label_start(end)
        months = (y1 - y0) * 12 + (m1 - m0) + n1
        if months <= 0:
            raise ValueError(f"the horizon {start}-{end} ends before it starts")
        if months % length:
            raise ValueError(
                f"the horizon {start}-{end} ({months} months) is not a whole number of {length}-month periods"
            )
        return cls(y0, m0, length, months // length)

    def __len__(self) -> int:
        return self.count

    @property
    def months(self) -> int:
        return self.length * self.count

    def resized(self, count: int) -> Horizon:
        """The same span in `count` equal periods (a whole number of months each)."""
        if count < 1 or self.months % count:
            raise ValueError(f"{self.months} months do not divide into {count} whole-month periods")
        return Horizon(self.year, self.month, self.months // count, count)

    def _at(self, months: int) -> tuple[int, int]:
        total = self.year * 12 + self.month - 1 + months
        return total // 12, total % 12 + 1

    @property
    def labels(self) -> tuple[str, ...]:
        """One label per period: 2026H1, 2026Q3, 2026-07 or 2026 where the period is one such
        unit, else its first and last month (2026-01..2030-12)."""
        out = []
        for k in range(self.count):
            y, m = self._at(k * self.length)
            label = _month_label(y, m, self.length)
            if self.length not in (1, 3, 6, 12) or label_start(label)[2] != self.length:
                ye, me = self._at((k + 1) * self.length - 1)
                label = f"{y}-{m:02d}..{ye}-{me:02d}"
            out.append(label)
        return tuple(out)

    def offset(self, day: datetime.date) -> float:
        """Months from the start of the horizon to `day` (fractions by the day of the month)."""
        days = calendar.monthrange(day.year, day.month)[1]
        return (day.year - self.year) * 12 + (day.month - self.month) + (day.day - 1) / days

    def period_of(self, months: float) -> int | None:
        """The period holding time `months`, or None outside the horizon."""
        if months < 0 or months >= self.months:
            return None
        return math.floor(months / self.length)

    def index(self, label: str) -> int | None:
        """The period a label of the frame names (a label of any length names the period holding its first month)."""
        y, m, _ = label_start(label)
        return self.period_of((y - self.year) * 12 + (m - self.month))

    def date(self, months: float) -> datetime.date:
        """The day at time `months` (fractions of a month by its days)."""
        whole = math.floor(months + 1e-9)
        y, m = self._at(whole)
        days = calendar.monthrange(y, m)[1]
        return datetime.date(y, m, 1) + datetime.timedelta(days=round((months - whole) * days))

    def when(self, months: float) -> str:
        """A time as a month, e.g. 'Jul 2028'."""
        whole = math.floor(months + 1e-9)
        y, m = self._at(whole)
        return f"{calendar.month_abbr[m]} {y}"


def parse_horizon(text: str) -> tuple[str, str]:
    """`--horizon 2026H1-2030H2` (or `2026H1:2030H2`, `2026-2030`) as (start, end) labels."""
    parts = re.split(r"\s*(?::|\.\.|(?<=[0-9HQ]\d)-(?=\d{4}))\s*", text.strip())
    if len(parts) != 2:
        raise InputError(f"--horizon {text!r}: write FIRST-LAST, for example 2026H1-2030H2")
    for p in parts:
        if not PERIOD_LABEL.match(p):
            raise InputError(f"--horizon {text!r}: {p!r} is not a period (2026H1, 2026Q3, 2026-07 or 2026)")
    return parts[0], parts[1]


# ---------------------------------------------------------------------------- checks


def check_roadmap(
    frame: Frame,
    doc: Parsed,
    options: list[tuple[Option, Parsed]],
    source_keys: set[str] | None,
    errors: list[ErrorDetail],
) -> list[str]:
    """Append located errors for the roadmap frame and the options' roadmap fields; return warnings."""
    for opt, odoc in options:
        for i, other in enumerate(opt.parallel):
            if other not in opt.requires:
                errors.append(
                    odoc.error(
                        ("parallel", i), f"{other!r} is not in `requires`; only a required option can run in parallel"
                    )
                )
    rm = frame.roadmap
    if rm is None:
        return []
    here = ("roadmap",)
    try:
        horizon = Horizon.parse(rm.start, rm.end, rm.period_months)
    except ValueError as exc:
        errors.append(doc.error((*here, "end"), str(exc)))
        return []
    _check_ids(frame, rm, doc, source_keys, errors)
    seen: dict[int, int] = {}
    for i, p in enumerate(rm.periods):
        k = horizon.index(p.period)
        _, _, n = label_start(p.period)
        if k is None:
            errors.append(
                doc.error((*here, "periods", i, "period"), f"{p.period} lies outside the horizon {rm.start}-{rm.end}")
            )
        elif n != rm.period_months:
            errors.append(
                doc.error((*here, "periods", i, "period"), f"{p.period} is not a {rm.period_months}-month period label")
            )
        elif k in seen:
            errors.append(
                doc.error((*here, "periods", i, "period"), f"{p.period} is already given (periods[{seen[k]}])")
            )
        else:
            seen[k] = i
    warnings = []
    if rm.durability not in {c.id for c in frame.criteria}:
        warnings.append(
            f"criteria.yaml: roadmap: no criterion {rm.durability!r}; every option counts the neutral base "
            f"({frame.neutral_base:g}) as its durability against leadership events; name one with `durability:`"
        )
    for i, e in enumerate(rm.events):
        if horizon.period_of(horizon.offset(e.day)) is None:
            warnings.append(
                f"criteria.yaml: roadmap.events[{i}] {e.id} ({e.date}) lies outside the horizon; it changes nothing"
            )
    return warnings


def _check_ids(
    frame: Frame, rm: RoadmapFrame, doc: Parsed, source_keys: set[str] | None, errors: list[ErrorDetail]
) -> None:
    here = ("roadmap",)
    budgets = {b.id for b in frame.budgets}
    criteria = {c.id for c in frame.criteria}
    if rm.durability not in criteria and "durability" in rm.model_fields_set:
        errors.append(doc.error((*here, "durability"), _unknown("criterion", rm.durability, criteria)))
    for b in rm.limits:
        if b not in budgets:
            errors.append(doc.error((*here, "limits", b), _unknown("budget", b, budgets), key=True))
    for i, p in enumerate(rm.periods):
        for b in p.limits:
            if b not in budgets:
                errors.append(doc.error((*here, "periods", i, "limits", b), _unknown("budget", b, budgets), key=True))
    ids: dict[str, int] = {}
    for i, e in enumerate(rm.events):
        if e.id in ids:
            errors.append(
                doc.error((*here, "events", i, "id"), f"event id {e.id!r} is already used (events[{ids[e.id]}])")
            )
        ids.setdefault(e.id, i)
        if e.source is not None and source_keys is not None and e.source not in source_keys:
            errors.append(doc.error((*here, "events", i, "source"), _unknown("source", e.source, source_keys)))
