"""Load a project folder into a `Catalogue`, collecting every problem with its file and line.

Each file is parsed and validated on its own first; cross-file checks (`checks.py`) run only on
the files that passed, so one broken file never hides the problems of the others.
"""

from __future__ import annotations

import difflib
import gc
import os
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .checks import cross_check
from .errors import ErrorDetail, InputError
from .model import Bibliography, Catalogue, Frame, Option, Register
from .yamlio import Parsed, read_yaml

__all__ = [
    "find_project",
    "load",
    "load_frame",
    "load_option",
    "option_doc",
    "read_bibliography",
    "read_located",
]

CRITERIA_FILE = "criteria.yaml"
OPTIONS_DIR = "options"
SOURCES_FILE = "sources.yaml"
REGISTER_FILE = "recommendations.yaml"


def load(project: str | os.PathLike[str] = ".") -> Catalogue:
    """Read `criteria.yaml`, `sources.yaml` and `recommendations.yaml` (both optional) and `options/*.yaml`.

    Raises `InputError` listing every problem found, each with file, line, column and field.

    >>> import trilat_opt, pathlib
    >>> cat = trilat_opt.load(pathlib.Path(__file__).parents[2])
    >>> len(cat.criteria) >= 6
    True
    """
    root = Path(project)
    if not root.is_dir():
        raise InputError(ErrorDetail(str(root), 0, 0, "", "project folder does not exist"))
    with _collection_paused():
        return _load(root)


@contextmanager
def _collection_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the files are read.

    Parsing allocates hundreds of thousands of small containers (nodes, positions, models) that all
    stay alive, and every automatic collection rescans the growing heap for cycles it cannot
    find: 0.9 of the 1.9 s that loading 2,000 options took. Nothing is lost: whatever cycles the
    load leaves are collected once the collector resumes.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _load(root: Path) -> Catalogue:
    errors: list[ErrorDetail] = []
    frame, frame_doc = _load_one(root, CRITERIA_FILE, Frame, errors)
    bib, _ = _load_one(root, SOURCES_FILE, Bibliography, errors, optional=True)
    register, register_doc = _load_one(root, REGISTER_FILE, Register, errors, optional=True)
    options: list[tuple[Option, Parsed]] = []
    opt_dir = root / OPTIONS_DIR
    if not opt_dir.is_dir():
        errors.append(ErrorDetail(OPTIONS_DIR, 0, 0, "", "folder of option files is missing"))
        files: list[Path] = []
    else:
        files = sorted(p for p in opt_dir.iterdir() if p.suffix in (".yaml", ".yml"))
    for f in files:
        opt, doc = _load_one(root, f"{OPTIONS_DIR}/{f.name}", Option, errors)
        if opt is not None and doc is not None:
            if opt.id != f.stem:
                errors.append(doc.error(("id",), f"option id {opt.id!r} differs from file name {f.stem!r}"))
            options.append((opt, doc))
    if frame is None or frame_doc is None:
        raise InputError(errors)
    located = (register, register_doc) if register is not None and register_doc is not None else None
    warnings = cross_check(frame, frame_doc, options, bib.sources if bib else None, errors, located)
    if errors:
        raise InputError(errors)
    options.sort(key=lambda od: od[0].id)
    return Catalogue(
        root=str(root),
        frame=frame,
        options=tuple(o for o, _ in options),
        sources=bib.sources if bib else (),
        recommendations=register.recommendations if register is not None else (),
        warnings=tuple(warnings),
    )


def find_project(given: str | os.PathLike[str] | None = None, start: str | os.PathLike[str] | None = None) -> Path:
    """The project folder: `given` as is, else the nearest folder from `start` (the working folder)
    upward that holds criteria.yaml, as git finds its repository. Relative to `start` when found
    below it (".", "..", "../.."), so printed paths stay short.

    Raises `InputError` naming the full path looked in, and how to name a project instead.
    """
    if given is not None and str(given) != "":
        root = Path(given)
        if not (root / CRITERIA_FILE).is_file():
            where = root.resolve()
            what = "folder does not exist" if not root.is_dir() else f"holds no {CRITERIA_FILE}"
            raise InputError(
                f"project {where}: {what} (named by --project or TRILAT_PROJECT); "
                "name the folder that holds criteria.yaml and options/"
            )
        return root
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CRITERIA_FILE).is_file():
            return Path(os.path.relpath(folder, here))
    raise InputError(
        f"no {CRITERIA_FILE} in {here} or in any folder above it; run trilat-opt inside a project "
        "folder, or name one with --project DIR or the environment variable TRILAT_PROJECT=DIR"
    )


def load_frame(path: str | os.PathLike[str]) -> Frame:
    """Read one `criteria.yaml` on its own (no cross-file checks)."""
    return _load_file(Path(path), Frame)


def load_option(path: str | os.PathLike[str]) -> Option:
    """Read one option file on its own (no cross-file checks)."""
    return _load_file(Path(path), Option)


def read_bibliography(path: str | os.PathLike[str]) -> Bibliography:
    """Read a `sources.yaml` bibliography (the project's or the shared sources folder's)."""
    return _load_file(Path(path), Bibliography)


def option_doc(root: str | os.PathLike[str], option_id: str) -> Parsed:
    """An option file with the position of every value, for located messages after `load`.

    Empty (no data, so every position reads as unknown) when the file cannot be found or read.
    """
    for suffix in (".yaml", ".yml"):
        path = Path(root) / OPTIONS_DIR / f"{option_id}{suffix}"
        if path.is_file():
            return read_located(path, f"{OPTIONS_DIR}/{path.name}")
    return Parsed(f"{OPTIONS_DIR}/{option_id}.yaml", None)


def read_located(path: Path, shown: str) -> Parsed:
    """A project file with positions, or an empty `Parsed` when it cannot be read (it loaded before)."""
    try:
        return read_yaml(path, shown)
    except InputError:
        return Parsed(shown, None)


def _load_file(path: Path, model: type[BaseModel]) -> Any:
    errors: list[ErrorDetail] = []
    result, _ = _load_one(path.parent, path.name, model, errors)
    if errors:
        raise InputError(errors)
    return result


def _load_one(
    root: Path, rel: str, model: type[BaseModel], errors: list[ErrorDetail], optional: bool = False
) -> tuple[Any, Parsed | None]:
    path = root / rel
    if not path.exists():
        if not optional:
            errors.append(ErrorDetail(rel, 0, 0, "", "file is missing"))
        return None, None
    try:
        doc = read_yaml(path, rel)
    except InputError as exc:
        errors.extend(exc.errors)
        return None, None
    try:
        return model.model_validate(doc.data), doc
    except ValidationError as exc:
        errors.extend(_located(exc, doc, model))
        return None, None


def _located(exc: ValidationError, doc: Parsed, model: type[BaseModel]) -> list[ErrorDetail]:
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not _is_validator_tag(p))
        kind = err["type"]
        if kind == "extra_forbidden":
            name = str(loc[-1])
            hint = difflib.get_close_matches(name, _fields_at(model, loc[:-1]), n=1)
            msg = f"unknown field {name!r}" + (f"; did you mean {hint[0]!r}?" if hint else "")
            out.append(doc.error(loc, msg, key=True))
        elif kind == "missing":
            out.append(doc.error(loc, "required field is missing"))
        else:
            msg = err["msg"]
            msg = msg.removeprefix("Value error, ")
            msg = msg[0].lower() + msg[1:] if msg else msg
            if kind == "literal_error" and loc and loc[-1] in ("kind", "version"):
                msg = f"unsupported {loc[-1]}: {msg}"
            out.append(doc.error(loc, msg))
    return out


def _is_validator_tag(part: object) -> bool:
    """pydantic puts union branches and validator names in `loc`; they are not user fields."""
    return isinstance(part, str) and ("[" in part or part in ("function-after", "tagged-union"))


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Names of the fields allowed at `loc`, for the "did you mean" hint."""
    current: Any = model
    in_dict = False
    for part in loc:
        if isinstance(part, int) or in_dict:
            in_dict = False
            continue
        field = current.model_fields.get(str(part)) if current is not None else None
        if field is None:
            return []
        in_dict = typing.get_origin(field.annotation) is dict
        current = _inner_model(field.annotation)
    return list(current.model_fields) if current is not None else []


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation such as `tuple[Argument, ...]` or `dict[str, Cost]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
