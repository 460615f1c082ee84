"""Write elicited weights into criteria.yaml, keeping every comment, or refuse and write nothing.

criteria.yaml is hand-written and annotated: every profile and bound cites the article that
justifies it. The edit therefore goes through ruamel.yaml's round-trip parser (imported only
here, when a file is written; it is pure Python, about 0.3 s on the shipped file), which gives
back the file byte for byte where nothing changed. What changes:

- a profile (`save_profile`): its `weights` and an `elicited:` record (method, date, answers
  files, analysts, consistency ratio); its id, name, country and `basis` stay as they were. A
  new profile is appended to `profiles:`.
- `weight_order` (`order`): replaced by the orderings of the ranking.
- each criterion's `bounds` (`bounds`): set from the spread between analysts.

ruamel hangs a comment on the node before it, so a comment that introduces the next entry
belongs to the last key of the entry before. Appending after that key would put the comment
above the new key; `_move_tail` hands the comment to the new last key instead.

The new text is checked by the same loader as every input before it replaces the file, in one
atomic rename: a write that would not load again is refused with exit code 2.
"""

from __future__ import annotations

import io
import math
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ErrorDetail, InputError
from ..load import CRITERIA_FILE, load_frame
from ..output import atomic_write

if TYPE_CHECKING:
    from .result import Elicited

__all__ = [
    "DECIMALS",
    "FrameEdit",
    "PreparedEdit",
    "apply_edit",
    "elicitation_record",
    "prepare_edit",
    "rounded",
    "shown_path",
    "today",
    "write_edit",
]

DECIMALS = 3
"""Written weights have 3 decimals and sum to exactly 1 (largest remainders get the last thousandths)."""


@dataclass(frozen=True)
class FrameEdit:
    """What to change in criteria.yaml; None leaves a part alone."""

    profile: str | None = None
    profile_name: str | None = None
    weights: Mapping[str, float] | None = None
    elicited: Mapping[str, Any] | None = None
    order: Sequence[tuple[str, str]] | None = None
    bounds: Mapping[str, tuple[float, float]] | None = None


def rounded(weights: Mapping[str, float], decimals: int = DECIMALS) -> dict[str, float]:
    """Weights rounded to `decimals` so that they still sum to exactly 1 (largest remainder method).

    >>> rounded({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3})
    {'a': 0.334, 'b': 0.333, 'c': 0.333}
    """
    unit = 10**decimals
    total = math.fsum(weights.values())
    exact = {k: v / total * unit for k, v in weights.items()}
    floors = {k: math.floor(v) for k, v in exact.items()}
    short = unit - sum(floors.values())
    for k in sorted(exact, key=lambda k: (-(exact[k] - floors[k]), list(exact).index(k)))[:short]:
        floors[k] += 1
    return {k: round(v / unit, decimals) for k, v in floors.items()}


def today() -> str:
    """The date an elicitation is recorded under, YYYY-MM-DD in UTC: `SOURCE_DATE_EPOCH` when set
    (so that reruns give the same file, as reports do), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), tz=UTC) if epoch.isdigit() else datetime.now(tz=UTC)
    return moment.strftime("%Y-%m-%d")


def shown_path(path: str | os.PathLike[str], project: str | os.PathLike[str]) -> str:
    """`path` as criteria.yaml records it: relative to the project when inside it, else absolute."""
    full, root = Path(path).resolve(), Path(project).resolve()
    return full.relative_to(root).as_posix() if full.is_relative_to(root) else full.as_posix()


def elicitation_record(result: Elicited, project: str | os.PathLike[str], files: Sequence[str] = ()) -> dict[str, Any]:
    """The `elicited:` record of a profile: method, date, answers files, analysts and, for AHP, CR.

    `files` are the answers files (default: those `result` was read from)."""
    record: dict[str, Any] = {
        "method": result.method,
        "date": today(),
        "answers": [shown_path(f, project) for f in (files or result.files)],
        "analysts": len(result.analysts),
    }
    if result.consistency is not None:
        record["consistency_ratio"] = round(result.consistency.cr, 3)
    return record


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML()
    y.preserve_quotes = True
    y.width = 4096  # never fold a long line the analyst wrote on one
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _flow(items: Sequence[Any]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _last(node: Any) -> Any:
    return next(reversed(node)) if isinstance(node, Mapping) else len(node) - 1


def _take_tail(node: Any) -> Any:
    """Remove and return the comment hanging after the deepest last entry of `node` (or None)."""
    while isinstance(node, Mapping | list) and len(node) and hasattr(node, "ca"):
        key = _last(node)
        slots = node.ca.items.get(key)
        slot = 2 if isinstance(node, Mapping) else 0
        if slots and len(slots) > slot and slots[slot] is not None:
            token, slots[slot] = slots[slot], None
            return token
        node = node[key]
    return None


def _put_tail(node: Any, token: Any) -> None:
    """Hang `token` after the deepest last entry of `node`."""
    if token is None:
        return
    while True:
        key = _last(node)
        child = node[key]
        if isinstance(child, Mapping | list) and len(child) and not getattr(child.fa, "_flow_style", False):
            node = child
            continue
        if isinstance(node, Mapping):
            node.ca.items[key] = [None, None, token, None]
        else:
            node.ca.items[key] = [token, None]
        return


def _append(node: Any, key: Any, value: Any) -> None:
    """Add `key: value` to a mapping (or `value` to a sequence when key is None) after its last
    entry, handing that entry's trailing comment to the new one (module docstring)."""
    tail = _take_tail(node)
    if key is None:
        node.append(value)
    else:
        node[key] = value
    _put_tail(node, tail)


def _set(node: Any, key: str, value: Any) -> None:
    if key in node:
        node[key] = value
    else:
        _append(node, key, value)


def _profile(data: Any, edit: FrameEdit, criteria: Sequence[str]) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    weights = rounded(edit.weights or {})
    profiles = data.get("profiles") or []
    found = next((p for p in profiles if p.get("id") == edit.profile), None)
    if found is None:
        found = CommentedMap(id=edit.profile, name=edit.profile_name or str(edit.profile).replace("-", " ").title())
        found["weights"] = CommentedMap()
        if "profiles" in data and data["profiles"] is not None:
            _append(data["profiles"], None, found)
        else:
            _set(data, "profiles", CommentedSeq([found]))
    table = found["weights"]
    for c in [k for k in table if k not in weights]:
        del table[c]
    for c in criteria:
        _set(table, c, weights[c])
    if edit.elicited is not None:
        record = CommentedMap((k, _flow(v) if isinstance(v, list) else v) for k, v in edit.elicited.items())
        if "elicited" in found:
            tail = _take_tail(found)
            found["elicited"] = record
            _put_tail(found, tail)
        else:
            _append(found, "elicited", record)


def _order(data: Any, order: Sequence[tuple[str, str]]) -> None:
    pairs = [_flow(list(p)) for p in order]
    if "weight_order" not in data:
        _append(data, "weight_order", pairs)
        return
    seq = data["weight_order"]
    tail = _take_tail(seq)
    del seq[:]
    seq.extend(pairs)
    _put_tail(seq, tail)


def _bounds(data: Any, bounds: Mapping[str, tuple[float, float]]) -> None:
    for item in data["criteria"]:
        if item.get("id") not in bounds:
            continue
        low, high = bounds[item["id"]]
        if "bounds" in item and isinstance(item["bounds"], list) and len(item["bounds"]) == 2:
            item["bounds"][0], item["bounds"][1] = low, high  # in place: comments hang on the list
        else:
            _set(item, "bounds", _flow([low, high]))


def apply_edit(text: str, edit: FrameEdit, criteria: Sequence[str]) -> str:
    """The text of criteria.yaml with `edit` made; every other line as it was."""
    y = _yaml()
    data = y.load(text)
    if edit.profile is not None:
        _profile(data, edit, criteria)
    if edit.order is not None:
        _order(data, edit.order)
    if edit.bounds is not None:
        _bounds(data, edit.bounds)
    out = io.StringIO()
    y.dump(data, out)
    return out.getvalue()


@dataclass(frozen=True)
class PreparedEdit:
    """An edit of criteria.yaml, made and checked but not yet written."""

    path: Path
    text: str

    def write(self) -> Path:
        """Replace criteria.yaml in one atomic rename."""
        return atomic_write(self.path, self.text)


def prepare_edit(project: str | os.PathLike[str], edit: FrameEdit, criteria: Sequence[str]) -> PreparedEdit:
    """Make `edit` in the text of the project's criteria.yaml and check that the result loads.

    Raises `InputError` (nothing written) when the edited file would not load. A caller with
    several files to write prepares each first, so one refusal leaves all of them untouched."""
    path = Path(project) / CRITERIA_FILE
    new = apply_edit(path.read_text(encoding="utf-8"), edit, criteria)
    with tempfile.TemporaryDirectory(prefix=".trilat-elicit.") as tmp:
        trial = Path(tmp) / CRITERIA_FILE
        trial.write_text(new, encoding="utf-8")
        try:
            load_frame(trial)
        except InputError as exc:
            why = "(in the edited file, which was therefore not written)"
            raise InputError(
                [ErrorDetail(CRITERIA_FILE, e.line, e.column, e.field, f"{e.message} {why}") for e in exc.errors]
            ) from None
    return PreparedEdit(path, new)


def write_edit(project: str | os.PathLike[str], edit: FrameEdit, criteria: Sequence[str]) -> Path:
    """Make `edit` in the project's criteria.yaml: checked by the loader first, then one atomic rename."""
    return prepare_edit(project, edit, criteria).write()
