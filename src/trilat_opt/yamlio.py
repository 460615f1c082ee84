"""Safe YAML reading that remembers where every value came from.

ruamel.yaml's round-trip parser keeps line and column of every key and item, which lets each
validation error point at the exact line. Hostile input is refused before it can cost anything:
files above `MAX_BYTES`, non-UTF-8 bytes, aliases (the vehicle of "billion laughs" bombs) and
custom tags (which could otherwise construct arbitrary objects).
"""

from __future__ import annotations

import datetime as _dt
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, ComposerError
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

from .errors import ErrorDetail, InputError

__all__ = ["MAX_BYTES", "Parsed", "read_capped", "read_yaml"]

MAX_BYTES = 1_000_000
"""Largest input file accepted. A hand-written option file is a few kilobytes."""

Path_ = tuple[str | int, ...]
_STANDARD_TAGS = {"tag:yaml.org,2002:" + t for t in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")}


class _NoAliasComposer(Composer):
    """Refuses aliases outright: anchors are harmless, aliases make expansion bombs possible."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            event = self.parser.peek_event()
            raise ComposerError(None, None, "aliases (*name) are not allowed in trilat-opt files", event.start_mark)
        node = super().compose_node(parent, index)
        tag = getattr(node.tag, "value", node.tag)
        if tag and tag not in _STANDARD_TAGS:
            raise ComposerError(None, None, f"custom tag {tag!r} is not allowed", node.start_mark)
        return node


def _parser() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Composer = _NoAliasComposer
    yaml.allow_duplicate_keys = False
    return yaml


@dataclass
class Parsed:
    """Plain data from one YAML file plus the position of every key and value in it."""

    file: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Line and column (from 1) of `path`, or of its nearest located ancestor."""
        table = self.keys if key else self.values
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if not key and p in self.keys:
                return self.keys[p]
            p = p[:-1]
        return self.values.get((), (1, 1))

    def error(self, path: Path_, message: str, key: bool = False) -> ErrorDetail:
        line, col = self.where(path, key)
        return ErrorDetail(self.file, line, col, format_path(path), message)


def format_path(path: Path_) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _plain(node: Any, path: Path_, parsed: Parsed) -> Any:
    """Copy ruamel's commented containers into dicts and lists, recording positions."""
    if isinstance(node, dict):
        out = {}
        lc = getattr(node, "lc", None)
        for k in node:
            sub = (*path, str(k))
            if lc is not None:
                kl, kc = lc.key(k)
                vl, vc = lc.value(k)
                parsed.keys[sub] = (kl + 1, kc + 1)
                parsed.values[sub] = (vl + 1, vc + 1)
            out[str(k)] = _plain(node[k], sub, parsed)
        return out
    if isinstance(node, list):
        lc = getattr(node, "lc", None)
        out_list = []
        for i, item in enumerate(node):
            sub = (*path, i)
            if lc is not None:
                il, ic = lc.item(i)
                parsed.values[sub] = (il + 1, ic + 1)
            out_list.append(_plain(item, sub, parsed))
        return out_list
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, (_dt.date, _dt.datetime)):
        return node.isoformat()
    return str(node)


def _line_of_offset(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    return line, offset - (before.rfind(b"\n") + 1) + 1


def read_capped(path: Path, shown: str, limit: int) -> bytes:
    """The bytes of the regular file `path`, refusing anything else before it can cost anything.

    A FIFO would block `read` forever and a device (a link to /dev/zero) never ends, while both
    report a size of 0; so the file is opened without blocking, must be a regular file by `fstat`
    of the open descriptor (no race with a swap after a check), and at most `limit` + 1 bytes are
    read, whatever the size it claims. Raises `InputError` naming `shown`.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise InputError(ErrorDetail(shown, 0, 0, "", f"cannot read file: {exc.strerror or exc}")) from None
    kind = os.fstat(fd).st_mode
    if not stat.S_ISREG(kind):
        os.close(fd)
        what = "a folder" if stat.S_ISDIR(kind) else "a FIFO" if stat.S_ISFIFO(kind) else "a device or socket"
        raise InputError(ErrorDetail(shown, 0, 0, "", f"is {what}, not a regular file"))
    with os.fdopen(fd, "rb") as fh:
        try:
            raw = fh.read(limit + 1)
        except OSError as exc:
            raise InputError(ErrorDetail(shown, 0, 0, "", f"cannot read file: {exc.strerror or exc}")) from None
    if len(raw) > limit:
        size = max(os.stat(path).st_size, len(raw)) if path.exists() else len(raw)
        raise InputError(ErrorDetail(shown, 1, 1, "", f"file is {size:,} bytes; the limit is {limit:,}"))
    return raw


def read_yaml(path: Path, shown: str) -> Parsed:
    """Parse one YAML file into plain data with positions; raise `InputError` when it is unusable.

    `shown` is the name used in messages (relative to the project, as users type it).
    """
    raw = read_capped(path, shown, MAX_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_of_offset(raw, exc.start)
        raise InputError(ErrorDetail(shown, line, col, "", "file is not valid UTF-8 text")) from None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise InputError(ErrorDetail(shown, 1, 1, "", "file is empty"))
    try:
        node = _parser().load(text)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        key = (exc.problem or "").split('"')[1] if '"' in (exc.problem or "") else ""
        msg = f"duplicate key {key!r}" if key else "duplicate key"
        raise InputError(ErrorDetail(shown, mark.line + 1, mark.column + 1, "", msg)) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(ErrorDetail(shown, line, col, "", f"YAML syntax: {problem}")) from None
    except (YAMLError, RecursionError, ValueError) as exc:
        raise InputError(ErrorDetail(shown, 0, 0, "", f"YAML syntax: {exc}")) from None
    parsed = Parsed(shown, None)
    parsed.values[()] = (1, 1)
    if not isinstance(node, dict):
        kind = "a list" if isinstance(node, list) else f"a {type(node).__name__}"
        raise InputError(ErrorDetail(shown, 1, 1, "", f"top level must be a mapping, not {kind}"))
    parsed.data = _plain(node, (), parsed)
    return parsed
