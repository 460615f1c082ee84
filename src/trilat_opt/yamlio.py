"""Safe YAML reading that remembers where every value came from.

libyaml (through PyYAML's C binding) composes a node tree with the line and column of every key
and item, which lets each validation error point at the exact line, about 30 times faster than
ruamel's pure-Python round-trip parser (ruamel stays where YAML is written back with comments).
Plain scalars are typed by the YAML 1.2 core schema, as ruamel typed them. Hostile input is
refused before it can cost anything: files above `MAX_BYTES`, non-UTF-8 bytes, aliases (the
vehicle of "billion laughs" bombs), custom tags (which could otherwise construct arbitrary
objects) and duplicate keys.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ErrorDetail, InputError

__all__ = ["MAX_BYTES", "Parsed", "read_capped", "read_yaml"]

MAX_BYTES = 1_000_000
"""Largest input file accepted. A hand-written option file is a few kilobytes."""

Path_ = tuple[str | int, ...]
_YAML = "tag:yaml.org,2002:"
_STANDARD_TAGS = {_YAML + t for t in ("map", "seq", "str", "int", "float", "bool", "null")}
_STR = _YAML + "str"


_COLLECTION_TAGS = {yaml.MappingNode: _YAML + "map", yaml.SequenceNode: _YAML + "seq"}
_TYPED_FIRST = frozenset("tTfF-+0123456789.~nN")
"""First characters with which a plain scalar can be other than a string in the core schema."""


class _CoreResolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core-schema typing of plain scalars, as editors and ruamel read them.

    PyYAML's own resolver follows YAML 1.1, where `yes`, `no`, `on` and `off` are booleans and
    `2025-11-16` a date; here they stay strings, so a country code or a title never changes type.
    """

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        """`BaseResolver.resolve`, answering at once where the answer cannot depend on the patterns
        (there are no path resolvers): a mapping or a sequence, or a plain scalar whose first
        character no core-schema pattern starts with, a string (most scalars of a catalogue are
        words). The lookup took a sixth of loading 2,000 options."""
        if kind is not yaml.ScalarNode:
            return _COLLECTION_TAGS[kind]
        if implicit[0] and value and value[0] not in _TYPED_FIRST:
            return _STR
        return super().resolve(kind, value, implicit)


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9][0-9_]*|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    _CoreResolver.add_implicit_resolver(_YAML + _tag, re.compile(_pattern), list(_first))


try:
    from yaml.cyaml import CParser as _Parser
except ImportError:  # a PyYAML built without libyaml: same nodes, pure Python, slower

    class _Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer):  # type: ignore[no-redef]
        def __init__(self, text: str) -> None:
            yaml.reader.Reader.__init__(self, text)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)


class _Loader(_Parser, _CoreResolver):  # type: ignore[misc, valid-type]
    """libyaml's C parser and composer (about 30x ruamel's pure-Python round trip), core-schema tags."""

    def __init__(self, text: str) -> None:
        _Parser.__init__(self, text)
        _CoreResolver.__init__(self)


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


def _at(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


_BASES = {"0o": 8, "0x": 16, "0b": 2}


def _scalar(node: yaml.ScalarNode, shown: str) -> Any:
    """The value of a scalar node whose tag the core resolver (or an explicit !!tag) chose.

    Underscores between digits (`550_000`) are accepted, as ruamel and YAML 1.1 accept them.
    """
    tag, text = node.tag[len(_YAML) :], node.value
    try:
        if tag == "str":
            return text
        if tag == "null":
            return None
        if tag == "bool":
            return {"true": True, "false": False}[text.lower()]
        digits = text.replace("_", "")
        if tag == "int":
            base = _BASES.get(digits[:2], 10)
            return int(digits[2:] if base != 10 else digits, base)
        return float(digits.lower().replace(".inf", "inf").replace(".nan", "nan"))
    except (KeyError, ValueError):
        raise _located(shown, node.start_mark, f"{text!r} is not a valid !!{tag}") from None


def _plain(node: yaml.Node, path: Path_, parsed: Parsed, shown: str) -> Any:
    """Turn libyaml's node tree into dicts, lists and scalars, recording every position.

    Refuses what the project's files never need and hostile files use: custom tags (which could
    otherwise construct objects) and duplicate keys (the second silently wins in most parsers).
    Written for speed (a 1,000-option catalogue has about 200,000 nodes): class identity instead
    of isinstance, scalars and positions handled inline rather than by a call per node.
    """
    if node.tag not in _STANDARD_TAGS:
        raise _located(shown, node.start_mark, f"custom tag {node.tag!r} is not allowed")
    kind = node.__class__
    if kind is yaml.ScalarNode:
        return _scalar(node, shown)
    keys, values = parsed.keys, parsed.values
    if kind is yaml.MappingNode:
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            if knode.__class__ is not yaml.ScalarNode:
                raise _located(shown, knode.start_mark, "keys must be plain text, not lists or mappings")
            if knode.tag not in _STANDARD_TAGS:
                raise _located(shown, knode.start_mark, f"custom tag {knode.tag!r} is not allowed")
            key = knode.value if knode.tag == _STR else str(_scalar(knode, shown))
            if key in out:
                raise _located(shown, knode.start_mark, f"duplicate key {key!r}")
            sub = (*path, key)
            km, vm = knode.start_mark, vnode.start_mark
            keys[sub] = (km.line + 1, km.column + 1)
            values[sub] = (vm.line + 1, vm.column + 1)
            out[key] = (
                _scalar(vnode, shown)
                if vnode.__class__ is yaml.ScalarNode and vnode.tag in _STANDARD_TAGS
                else _plain(vnode, sub, parsed, shown)
            )
        return out
    items = []
    for i, item in enumerate(node.value):
        sub = (*path, i)
        im = item.start_mark
        values[sub] = (im.line + 1, im.column + 1)
        items.append(_plain(item, sub, parsed, shown))
    return items


def _located(shown: str, mark: Any, message: str) -> InputError:
    line, col = _at(mark) if mark is not None else (0, 0)
    return InputError(ErrorDetail(shown, line, col, "", message))


def _refuse_aliases(text: str, shown: str) -> None:
    """Aliases (*name) are the vehicle of "billion laughs" expansion bombs: refuse the first one.

    libyaml resolves an alias to the anchored node while composing, leaving no trace of it, so
    the events are scanned first; only files that contain a `*` at all pay for that.
    """
    if "*" not in text:
        return
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise _located(shown, event.start_mark, "aliases (*name) are not allowed in trilat-opt files")


def _compose(text: str, shown: str) -> Any:
    try:
        _refuse_aliases(text, shown)
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise _located(shown, mark, f"YAML syntax: {problem}") from None
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        raise InputError(ErrorDetail(shown, 0, 0, "", f"YAML syntax: {exc}")) from None


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
    node = _compose(text, shown)
    parsed = Parsed(shown, None)
    parsed.values[()] = (1, 1)
    try:
        data = _plain(node, (), parsed, shown)
    except RecursionError:
        raise InputError(ErrorDetail(shown, 0, 0, "", "YAML nests too deeply")) from None
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a {type(data).__name__}"
        raise InputError(ErrorDetail(shown, 1, 1, "", f"top level must be a mapping, not {kind}"))
    parsed.data = data
    return parsed
