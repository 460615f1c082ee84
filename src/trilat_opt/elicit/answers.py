"""Answers files: what analysts said, read with every mistake located, and written back.

One file holds one analyst's answers at the top level, or several analysts' under `analysts:`;
a workshop may also pass one file per analyst. The method's questions decide the keys:

```yaml
kind: trilat-opt/answers           # optional header, as in criteria.yaml
version: 1
method: ahp                        # rank | swing | ahp; must match the command
analyst: A. Analyst                # optional
comparisons:                       # ahp: a over b on Saaty's 1-9 scale; 1/3 means b over a
  deterrence: {economic-resilience: 2, speed-of-delivery: 5}
  economic-resilience: {speed-of-delivery: "3"}
order: [deterrence, [economic-resilience, speed-of-delivery]]   # rank: most important first
ratings: {deterrence: 100, economic-resilience: 70}             # swing: against the top swing
```

Every problem is reported at once, each naming the file, line, field and the answer given: a
judgement outside 1/9 to 9, a missing pair, two directions of a pair that disagree, an unknown
criterion, a criterion left out or ranked twice, ratings that break their own ranking.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import ErrorDetail, InputError
from ..ids import unknown
from ..yamlio import Parsed, format_path, read_yaml
from .ahp import MAX_SIZE
from .scale import parse_judgement, show
from .swing import TOP

__all__ = [
    "KIND",
    "METHODS",
    "AhpAnswer",
    "Analyst",
    "Answer",
    "AnswerSet",
    "RankAnswer",
    "SwingAnswer",
    "dump_answers",
    "read_answers",
]

KIND = "trilat-opt/answers"
METHODS = ("rank", "swing", "ahp")
RECIPROCAL_SLACK = 0.02
"""Both directions of a pair may be given if they agree: a_ab * a_ba within 2% of 1 (3 and 0.33 agree)."""


@dataclass(frozen=True)
class RankAnswer:
    order: tuple[tuple[str, ...], ...]
    """Most important first; a place with several criteria ranks them equal."""


@dataclass(frozen=True)
class SwingAnswer:
    ratings: dict[str, float]
    """Each criterion's swing rated against the top swing (100)."""


@dataclass(frozen=True)
class AhpAnswer:
    judgements: dict[tuple[str, str], float]
    """(a, b) -> how many times a matters more than b, one entry per pair, a before b in criterion order."""

    def matrix(self, criteria: Sequence[str]) -> list[list[float]]:
        """The reciprocal judgement matrix, rows and columns in `criteria`'s order."""
        at = {c: k for k, c in enumerate(criteria)}
        m = [[1.0] * len(criteria) for _ in criteria]
        for (a, b), v in self.judgements.items():
            m[at[a]][at[b]], m[at[b]][at[a]] = v, 1 / v
        return m


Answer = RankAnswer | SwingAnswer | AhpAnswer


@dataclass(frozen=True)
class Analyst:
    name: str
    answer: Answer


@dataclass(frozen=True)
class AnswerSet:
    """Every analyst's answers to one method's questions, and the files they came from."""

    method: str
    analysts: tuple[Analyst, ...]
    files: tuple[str, ...] = ()


_KEYS = {"rank": {"order"}, "swing": {"ratings", "order"}, "ahp": {"comparisons"}}
_REQUIRED = {"rank": "order", "swing": "ratings", "ahp": "comparisons"}
_COMMON = {"analyst", "note"}


class _Reader:
    """Checks one file's answers against the project's criteria, collecting located errors."""

    def __init__(self, doc: Parsed, method: str, criteria: Sequence[str], errors: list[ErrorDetail]):
        self.doc, self.method, self.criteria, self.errors = doc, method, list(criteria), errors

    def fail(self, path: tuple[str | int, ...], message: str, key: bool = False) -> None:
        self.errors.append(self.doc.error(path, message, key))

    def criterion(self, path: tuple[str | int, ...], value: Any, key: bool = False) -> str | None:
        """`value` if it names a criterion, else None after a located error."""
        if not isinstance(value, str):
            self.fail(path, f"{value!r} is not a criterion id", key)
            return None
        if value not in self.criteria:
            self.fail(path, unknown("criterion", value, self.criteria), key)
            return None
        return value

    def analysts(self) -> list[Analyst]:
        data = self.doc.data
        self._header(data)
        if "analysts" not in data:
            one = self._analyst((), {k: v for k, v in data.items() if k not in ("kind", "version", "method")}, 1)
            return [one] if one else []
        stray = sorted(set(data) - {"kind", "version", "method", "analysts", "note"})
        for k in stray:
            self.fail((k,), "with `analysts:`, each analyst's answers go inside their own entry", key=True)
        items = data["analysts"]
        if not isinstance(items, list) or not items:
            self.fail(("analysts",), "expected a list of analysts, each with their answers")
            return []
        found = [self._analyst(("analysts", k), item, k + 1) for k, item in enumerate(items)]
        return [a for a in found if a]

    def _header(self, data: dict[str, Any]) -> None:
        if data.get("kind", KIND) != KIND:
            self.fail(("kind",), f"expected {KIND!r}, got {data['kind']!r}")
        if data.get("version", 1) != 1:
            self.fail(("version",), f"this trilat-opt reads version 1 answers, not {data['version']!r}")
        given = data.get("method", self.method)
        if given != self.method:
            hint = f"; run trilat-opt elicit {given}" if given in METHODS else f" (known: {', '.join(METHODS)})"
            self.fail(("method",), f"this file answers {given!r} questions, not {self.method!r}{hint}")

    def _analyst(self, path: tuple[str | int, ...], item: Any, number: int) -> Analyst | None:
        if not isinstance(item, dict):
            self.fail(path, "expected a mapping of answers")
            return None
        allowed = _KEYS[self.method] | _COMMON
        for k in sorted(set(item) - allowed):
            other = next((m for m in METHODS if k in _KEYS[m]), None)
            why = f"{k!r} answers {other} questions" if other else f"unknown field {k!r}"
            self.fail((*path, k), f"{why}; {self.method} expects {', '.join(sorted(_KEYS[self.method]))}", key=True)
        need = _REQUIRED[self.method]
        if need not in item:
            self.fail(path, f"missing `{need}:`, the answers to the {self.method} questions")
            return None
        name = item.get("analyst", f"analyst {number}")
        if not isinstance(name, str) or not name.strip():
            self.fail((*path, "analyst"), "an analyst's name is text")
            name = f"analyst {number}"
        before = len(self.errors)
        answer = getattr(self, f"_{self.method}")(path, item)
        return Analyst(name.strip(), answer) if answer is not None and len(self.errors) == before else None

    # ---------------------------------------------------------------- one method each

    def _order(self, path: tuple[str | int, ...], value: Any) -> tuple[tuple[str, ...], ...] | None:
        """A ranking: every criterion once, most important first, equals grouped in a list."""
        if not isinstance(value, list):
            self.fail(path, "expected a list of criteria, most important first ([a, [b, c], d] ranks b and c equal)")
            return None
        places: list[tuple[str, ...]] = []
        seen: set[str] = set()
        for k, place in enumerate(value):
            names = place if isinstance(place, list) else [place]
            kept = []
            for j, name in enumerate(names):
                sub = (*path, k, j) if isinstance(place, list) else (*path, k)
                c = self.criterion(sub, name)
                if c in seen:
                    self.fail(sub, f"{c!r} is ranked twice; rank each criterion once")
                elif c is not None:
                    seen.add(c)
                    kept.append(c)
            if kept:
                places.append(tuple(kept))
        left = [c for c in self.criteria if c not in seen]
        if left:
            self.fail(path, f"the ranking leaves out {', '.join(left)}; rank every criterion (equals in one list)")
        return tuple(places)

    def _rank(self, path: tuple[str | int, ...], item: dict[str, Any]) -> RankAnswer | None:
        order = self._order((*path, "order"), item["order"])
        return RankAnswer(order) if order is not None else None

    def _swing(self, path: tuple[str | int, ...], item: dict[str, Any]) -> SwingAnswer | None:
        ratings = self._ratings((*path, "ratings"), item["ratings"])
        if ratings is None:
            return None
        if "order" in item:
            order = self._order((*path, "order"), item["order"])
            if order is not None:
                self._ratings_follow(path, order, ratings)
        return SwingAnswer({c: ratings[c] for c in self.criteria if c in ratings})

    def _ratings(self, path: tuple[str | int, ...], value: Any) -> dict[str, float] | None:
        if not isinstance(value, dict):
            self.fail(path, "expected criterion: rating pairs, each rating from 0 to 100")
            return None
        out: dict[str, float] = {}
        for name, rating in value.items():
            c = self.criterion((*path, name), name, key=True)
            if isinstance(rating, bool) or not isinstance(rating, int | float) or not 0 <= rating <= TOP:
                self.fail((*path, name), f"rating {rating!r}: expected a number from 0 to 100")
            elif c is not None:
                out[c] = float(rating)
        left = [c for c in self.criteria if c not in value]
        if left:
            self.fail(path, f"no rating for {', '.join(left)}; rate every criterion's swing (0 if it adds nothing)")
        if out and not left and max(out.values()) != TOP:
            top = max(out, key=out.__getitem__)
            self.fail((*path, top), f"the top swing is rated 100 and the others against it; the highest here "
                      f"is {top} at {out[top]:g}")  # fmt: skip
        return out

    def _ratings_follow(
        self, path: tuple[str | int, ...], order: tuple[tuple[str, ...], ...], ratings: dict[str, float]
    ) -> None:
        """Each swing is rated no higher than any swing ranked above it."""
        for upper, lower in itertools.pairwise(order):
            floor = min(upper, key=lambda c: ratings.get(c, TOP))
            for c in lower:
                if c in ratings and floor in ratings and ratings[c] > ratings[floor]:
                    self.fail(
                        (*path, "ratings", c),
                        f"rating {ratings[c]:g} is above the rating of {floor} ({ratings[floor]:g}), which `order` "
                        "ranks higher; change the rating or the ranking",
                    )

    def _ahp(self, path: tuple[str | int, ...], item: dict[str, Any]) -> AhpAnswer | None:
        value, path = item["comparisons"], (*path, "comparisons")
        if not isinstance(value, dict):
            self.fail(path, "expected criterion: {criterion: judgement} mappings, such as deterrence: {speed: 3}")
            return None
        if len(self.criteria) > MAX_SIZE:
            self.fail(path, f"AHP compares at most {MAX_SIZE} criteria (Saaty's random indices stop there); "
                      f"this project has {len(self.criteria)}: use swing or rank")  # fmt: skip
            return None
        at = {c: k for k, c in enumerate(self.criteria)}
        given: dict[tuple[str, str], tuple[float, tuple[str | int, ...]]] = {}
        mentioned: set[tuple[str, str]] = set()
        for a_name, row in value.items():
            a = self.criterion((*path, a_name), a_name, key=True)
            if not isinstance(row, dict):
                self.fail((*path, a_name), f"expected {a_name}: {{criterion: judgement, ...}}")
                continue
            for b_name, raw in row.items():
                sub = (*path, a_name, b_name)
                b = self.criterion(sub, b_name, key=True)
                if a is None or b is None:
                    continue
                if a == b:
                    self.fail(sub, f"{a} is compared with itself; compare it only with other criteria", key=True)
                    continue
                pair = (a, b) if at[a] < at[b] else (b, a)
                mentioned.add(pair)  # a bad judgement is named once, not again as a missing pair
                try:
                    v = parse_judgement(raw)
                except ValueError as exc:
                    self.fail(sub, str(exc))
                    continue
                v = v if pair == (a, b) else 1 / v
                if pair in given:
                    self._agree(sub, pair, given[pair], v)
                else:
                    given[pair] = (v, sub)
        missing = [
            (a, b) for i, a in enumerate(self.criteria) for b in self.criteria[i + 1 :] if (a, b) not in mentioned
        ]
        for a, b in missing:
            self.fail(path, f"missing comparison: {a} vs {b} (add {a}: {{{b}: judgement}})")
        return AhpAnswer({p: v for p, (v, _) in given.items()})

    def _agree(
        self, sub: tuple[str | int, ...], pair: tuple[str, str], first: tuple[float, tuple[str | int, ...]], v: float
    ) -> None:
        """Both directions of a pair: they must be reciprocals (within `RECIPROCAL_SLACK`)."""
        if abs(math.log(first[0] / v)) > RECIPROCAL_SLACK:
            a, b = pair
            self.fail(
                sub,
                f"disagrees with {format_path(first[1])}: {a} over {b} is {show(first[0])} there and {show(v)} "
                "here (a reciprocal); give each pair once",
            )


def read_answers(paths: Sequence[str | Path], method: str, criteria: Sequence[str]) -> AnswerSet:
    """Every analyst's answers in `paths`, checked against the project's `criteria`.

    Raises `InputError` listing every problem in every file, each with file, line and field."""
    errors: list[ErrorDetail] = []
    analysts: list[Analyst] = []
    for p in paths:
        try:
            doc = read_yaml(Path(p), str(p))
        except InputError as exc:
            errors.extend(exc.errors)
            continue
        analysts += _Reader(doc, method, criteria, errors).analysts()
    if errors:
        raise InputError(errors)
    return AnswerSet(method, tuple(analysts), tuple(str(p) for p in paths))


def dump_answers(answers: AnswerSet, criteria: Sequence[str], note: str = "") -> str:
    """`answers` as an answers file that `read_answers` reads back to the same answers."""
    head: dict[str, Any] = {"kind": KIND, "version": 1, "method": answers.method}
    if note:
        head["note"] = note
    entries = [_entry(a, criteria) for a in answers.analysts]
    body = entries[0] if len(entries) == 1 else {"analysts": entries}
    return yaml.safe_dump({**head, **body}, sort_keys=False, allow_unicode=True, width=100)


def _entry(analyst: Analyst, criteria: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"analyst": analyst.name}
    a = analyst.answer
    if isinstance(a, RankAnswer):
        out["order"] = [place[0] if len(place) == 1 else list(place) for place in a.order]
    elif isinstance(a, SwingAnswer):
        ranked = sorted(criteria, key=lambda c: -a.ratings[c])
        out["order"] = ranked
        out["ratings"] = {c: _number(a.ratings[c]) for c in ranked}
    else:
        rows: dict[str, dict[str, Any]] = {}
        for (x, y), v in a.judgements.items():
            rows.setdefault(x, {})[y] = _number(v) if v >= 1 else show(v)
        out["comparisons"] = {c: rows[c] for c in criteria if c in rows}
    return out


def _number(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v
