"""Publish a report folder so that its name always leads to one whole report, old or new.

Layout. The name the user asked for (`reports/<run>` or `--out DIR`) is a symbolic link to a
hidden sibling, `.<name>.<random>.report/`, that holds the files and a manifest listing them. A
new report is written completely into a fresh sibling; then a new link is renamed over the name.
rename(2) replaces a link atomically, so at every instant the name leads to the old or the new
complete report, never to a half-written one or to nothing. The old sibling is removed last.

Why a link: a folder cannot be renamed over a non-empty folder, so swapping folders takes two
renames, and a kill between them leaves no report under the name and the old one stranded under
a temporary name. A link swap needs one rename and works on every POSIX file system.

Ownership. Only what this module wrote is ever replaced or removed: a folder is removed file by
file from its manifest, and a name that leads anywhere else (a folder of the user's, a link to
something else) is refused. Two exceptions are safe: an empty folder, and a report folder written
by trilat-opt before this layout (only `index.html`, `results.json` and CSV files), which is
adopted once.

Leftovers and concurrency. Writers take an exclusive lock (flock) on the parent folder, which the
kernel releases when a process dies, so a kill -9 never leaves a stale lock. Under the lock each
writer first sweeps the siblings of earlier, interrupted writes.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import secrets
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

from ..errors import InputError, OutputError
from ..output import file_mode, probe_folder

__all__ = ["LOCK_TIMEOUT", "MANIFEST", "check_target", "publish"]

MANIFEST = ".trilat-report.json"
"""The manifest inside each stored report: the generator and the files it wrote."""
GENERATOR = "trilat-opt report"
LOCK_TIMEOUT = 120.0
"""Seconds to wait for another writer of the same folder before giving up."""
_SUFFIXES = ("report", "link", "tmp", "old")
_LEGACY = re.compile(r"^(index\.html|results\.json|[A-Za-z0-9_.-]+\.csv)$")


def check_target(target: Path) -> None:
    """Refuse, before any computation, a target this module must not or cannot replace.

    Raises `InputError` naming the folder: a folder or file of the user's, a link to something
    trilat-opt did not write, a name too long for the file system, or a location not writable.
    """
    if target.is_symlink():
        store = _storage_of(target)
        if store is None:
            raise InputError(
                f"--out {target}: is a link to {os.readlink(target)!r}, which trilat-opt did not write; "
                "choose a new or empty folder"
            )
        foreign = _foreign(store)
        if foreign:
            raise InputError(
                f"--out {target}: holds files trilat-opt did not write ({', '.join(foreign[:5])}); "
                "move them elsewhere, or choose another folder"
            )
    elif target.is_dir():
        if any(target.iterdir()) and not _is_legacy(target):
            raise InputError(
                f"--out {target}: exists and is not a report folder written by trilat-opt (it holds other "
                "files); choose a new or empty folder"
            )
    elif target.exists():
        raise InputError(f"--out {target}: exists and is not a folder; choose a new or empty folder")
    probe_folder(target.parent, f".{target.name}.XXXXXXXX.report", "--out", target)


def publish(target: str | os.PathLike[str], files: Mapping[str, bytes]) -> Path:
    """Write `files` (name -> bytes) as the report at `target` and return `target`.

    Atomic for readers, safe against kill -9 at any point, serialised against other writers.
    """
    target = Path(target)
    check_target(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _locked(target.parent):
            check_target(target)  # another writer may have changed it while we waited
            current = _storage_of(target) if target.is_symlink() else None
            _sweep(target, keep=current)
            store = _store(target, files)
            retired = _swap(target, store)
            for old in (current, retired):
                if old is not None:
                    _remove_store(old)
    except OSError as exc:
        raise OutputError(
            f"cannot write the report to {target}: {exc.strerror or exc}; the previous report, if any, is unchanged"
        ) from None
    return target


# ---------------------------------------------------------------------------- steps


def _store(target: Path, files: Mapping[str, bytes]) -> Path:
    """A complete hidden copy of the report beside `target`; its manifest is written first, so an
    interrupted copy can be removed by the next writer knowing exactly which files are its own."""
    store = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".report", dir=target.parent))
    try:
        store.chmod(file_mode(0o777))
        manifest = {"generator": GENERATOR, "files": sorted(files)}
        _write(store / MANIFEST, (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode("utf-8"))
        for name, raw in files.items():
            _write(store / name, raw)
    except BaseException:
        _remove_store(store)
        raise
    return store


def _write(path: Path, raw: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, file_mode(0o666))
    with os.fdopen(fd, "wb") as fh:
        fh.write(raw)


def _swap(target: Path, store: Path) -> Path | None:
    """Point `target` at `store` with one rename (see the module doc); return a folder it retired."""
    link = _sibling(target, "link")
    os.symlink(store.name, link)  # relative: the parent folder can move with its reports
    retired = None
    try:
        if target.is_dir() and not target.is_symlink():
            retired = _retire_folder(target)
        os.replace(link, target)
    except BaseException:
        link.unlink(missing_ok=True)
        _remove_store(store)
        raise
    return retired


def _sibling(target: Path, suffix: str) -> Path:
    """An unused hidden name `.<name>.<8 random characters>.<suffix>` beside `target` (under the lock)."""
    while True:
        path = target.parent / f".{target.name}.{secrets.token_hex(4)}.{suffix}"
        if not os.path.lexists(path):
            return path


def _retire_folder(target: Path) -> Path | None:
    """Move an empty or pre-link report folder out of the way: the one moment the name is absent,
    once per folder, when a report written before the link layout is first replaced."""
    names = sorted(p.name for p in target.iterdir())
    if not names:
        target.rmdir()
        return None
    _write(target / MANIFEST, json.dumps({"generator": GENERATOR, "files": names}).encode("utf-8"))
    retired = _sibling(target, "report")
    os.rename(target, retired)
    return retired


def _sweep(target: Path, keep: Path | None) -> None:
    """Remove what interrupted writes of `target` left behind: stray links and stores."""
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.[A-Za-z0-9_]{{8}}\.({'|'.join(_SUFFIXES)})$")
    for entry in target.parent.iterdir():
        if not pattern.match(entry.name) or (keep is not None and entry.name == keep.name):
            continue
        if entry.is_symlink():
            entry.unlink(missing_ok=True)
        elif entry.is_dir():
            _remove_store(entry)


def _remove_store(store: Path) -> None:
    """Remove a stored report: the files its manifest lists, the manifest, then the folder if empty.

    A store without a manifest (the layout before manifests, or killed before writing it) is
    removed only if it holds nothing but report files."""
    try:
        listed = json.loads((store / MANIFEST).read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        listed = [p.name for p in store.iterdir()] if _is_legacy(store, allow_empty=True) else []
    for name in [*listed, MANIFEST]:
        if "/" not in name and name not in ("", ".", ".."):
            with contextlib.suppress(OSError):
                (store / name).unlink()
    with contextlib.suppress(OSError):
        store.rmdir()


# ---------------------------------------------------------------------------- ownership


def _storage_of(link: Path) -> Path | None:
    """The store `link` points to if it is one of ours (a sibling named for the link), else None."""
    text = os.readlink(link)
    pattern = rf"^\.{re.escape(link.name)}\.[A-Za-z0-9_]{{8}}\.report$"
    if "/" in text or not re.match(pattern, text):
        return None
    store = link.parent / text
    if store.is_dir() and not _owned(store) and not _empty(store):
        return None
    return store


def _empty(folder: Path) -> bool:
    """Whether `folder` holds nothing (or is gone). A writer removing an old store deletes its
    manifest last and then the folder: a concurrent writer's check may see it empty, which is
    nothing of anyone's to protect, not a folder trilat-opt did not write."""
    try:
        return not any(folder.iterdir())
    except OSError:
        return True


def _owned(store: Path) -> bool:
    try:
        manifest = json.loads((store / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get("generator") == GENERATOR


def _foreign(store: Path) -> list[str]:
    """Entries of a stored report that its manifest does not list (added by someone else)."""
    if not store.is_dir():
        return []
    try:
        listed = set(json.loads((store / MANIFEST).read_text(encoding="utf-8")).get("files", []))
        entries = [p.name for p in store.iterdir()]
    except (OSError, ValueError, AttributeError):  # gone, or going: another writer replaced it
        return []
    return sorted(name for name in entries if name not in listed and name != MANIFEST)


def _is_legacy(folder: Path, allow_empty: bool = False) -> bool:
    """A report folder as trilat-opt wrote it before the link layout: report files only."""
    entries = list(folder.iterdir())
    names = {p.name for p in entries}
    if not entries:
        return allow_empty
    only_reports = all(p.is_file() and not p.is_symlink() and _LEGACY.match(p.name) for p in entries)
    return only_reports and (allow_empty or {"index.html", "results.json"} <= names)


# ---------------------------------------------------------------------------- the lock


@contextlib.contextmanager
def _locked(folder: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """An exclusive lock on `folder` shared by every trilat-opt writer; freed when the process ends."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN) or time.monotonic() > deadline:
                    raise OutputError(
                        f"another trilat-opt is still writing into {folder} after {timeout:.0f} s; try again"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)
