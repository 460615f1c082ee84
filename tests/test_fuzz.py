"""Fuzzing the whole command line with mutated projects: bad input is exit 2, never a crash or a hang.

Each example starts from a subset of the shipped project (eleven options that refer to each
other), applies one or two mutations, writes the files, and runs `validate`, then (when the
project is valid) `optimize` and `report --quick`, in-process through the CLI. Every run must
exit 0 or 2, print no "internal error" and no traceback, and finish within `HANG_SECONDS`.

Mutations: a value replaced by another type, an extreme number, text with control characters,
rich markup, spreadsheet formulas or odd unicode; a key dropped; a list item or a key duplicated;
references redirected (to themselves, to unknown ids, into requires/excludes cycles); and files
replaced by special files (a FIFO, a link to /dev/zero, a folder, bytes that are not UTF-8).
Rebuttal cycles are not generated: one that makes DF-QuAD oscillate is a known issue handled in
the argue engine.

Profiles. CI runs a short derandomised profile (40 examples, the same every run, about 30 s).
For a longer local hunt set `TRILAT_FUZZ=long` (1,000 examples, random, with hypothesis's
example database replaying earlier failures), or `TRILAT_FUZZ_EXAMPLES=N` for N examples:

    TRILAT_FUZZ=long .venv/bin/python -m pytest tests/test_fuzz.py -x
"""

from __future__ import annotations

import copy
import math
import os
import signal
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from factories import deadline, dump_documents, run_cli, shipped_documents

OPTIONS = [
    "leader-summits",
    "routine-ministerials",
    "coordination-secretariat",
    "missile-warning-sharing",
    "multi-domain-exercises",
    "tabletop-working-groups",
    "command-control-coordination",
    "critical-minerals-processing",
    "supply-chain-early-warning",
    "anti-coercion-response",
    "trilateral-economic-security-council",
]
HANG_SECONDS = 60
LONG = os.environ.get("TRILAT_FUZZ", "").lower() == "long"
EXAMPLES = int(os.environ.get("TRILAT_FUZZ_EXAMPLES", "1000" if LONG else "40"))
PROFILE = settings(
    max_examples=EXAMPLES,
    derandomize=not LONG,
    database=None if not LONG else settings.default.database,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)

EXTREME = [0, -1, -0.0, 1e308, -1e308, 1e15, -1e100, 1e-320, math.nan, math.inf, -math.inf, 2**63, 10**30, 0.5, 7]
TEXT = [
    "",
    " ",
    "x" * 3000,
    "Summits [/]",
    "[bold]bold[/bold] [sic]",
    "[link=http://evil.example]x[/link]",
    "line :100: emoji",
    '=HYPERLINK("http://evil.example","x")',
    "@SUM(1+1)",
    "+cmd|' /C calc'!A0",
    "\x1b]0;owned\x07\x1b[2J",
    "\u202eevil\u2066",
    "nul\x00byte",
    "tab\tand\r\nnewline",
    "💯 ünïcödé 漢字 \u0301",
    "{{ 7 * 7 }} <script>alert(1)</script>",
    "../../etc/passwd",
    "2025",
    "0.6",
    "true",
]
TYPES: list[Any] = [None, True, False, [], {}, [1, "a"], {"a": 1}, "text"]
EDGE = [0, 1, 0.0, 1.0, 1e-12, 0.999999, 1000, 1_000_000, 1e12, 100_000, -1e-12]
"""Numbers at and just beyond the documented ranges' ends (numbers.py)."""
FREE_TEXT = {"title", "summary", "claim", "basis", "name", "description", "note", "unit", "inference", "quote"}
KINDS = ["text"] * 5 + ["edge"] * 2 + ["set", "set", "drop", "duplicate", "reference", "cycle", "special"]
"""Mutation kinds, weighted: text and edge mutations mostly keep a project valid, so the later
stages (optimize, report) see hostile text and boundary numbers too."""
SPECIAL = ["fifo", "dev-zero", "folder", "not-utf8", "empty", "top-level-list"]


_BASE: dict[str, Any] = {}


def base_documents() -> dict[str, Any]:
    """The unmutated subset, read once (parsing the shipped YAML costs about a second)."""
    if not _BASE:
        _BASE.update(shipped_documents(OPTIONS))
    return copy.deepcopy(_BASE)


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every position in a document: dict keys and list indices, depth first."""
    out: list[tuple] = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for k, v in items:
        out.append((*prefix, k))
        out.extend(paths(v, (*prefix, k)))
    return out


def _parent(doc: Any, path: tuple) -> Any:
    for k in path[:-1]:
        doc = doc[k]
    return doc


# ---------------------------------------------------------------------------- mutations


def mutate(data: st.DataObject, docs: dict[str, Any], special: dict[str, str]) -> str:
    """Apply one mutation to `docs` (or schedule a special file); return a label for the report."""
    kind = data.draw(st.sampled_from(KINDS))
    rel = data.draw(st.sampled_from(sorted(k for k, v in docs.items() if not isinstance(v, str))))
    doc = docs[rel]
    if kind == "special":
        special[rel] = data.draw(st.sampled_from(SPECIAL))
        return f"{rel}: special {special[rel]}"
    if kind == "cycle":
        return _cycle(data, docs)
    if kind == "reference":
        return _reference(data, docs, rel)
    where = paths(doc)
    if kind in ("text", "edge"):
        wanted = (lambda k, v: k in FREE_TEXT and isinstance(v, str)) if kind == "text" else _is_number_leaf
        where = [p for p in where if wanted(p[-1], _parent(doc, p)[p[-1]])]
    if not where:
        return "nothing to mutate"
    path = data.draw(st.sampled_from(where))
    if kind in ("text", "edge"):
        pool = TEXT if kind == "text" else EDGE
        _parent(doc, path)[path[-1]] = data.draw(st.one_of(st.sampled_from(pool), st.text(max_size=30)))
        return f"{rel}: {kind} {path}"
    parent = _parent(doc, path)
    if kind == "drop":
        del parent[path[-1]]
    elif kind == "duplicate":
        if isinstance(parent, list):
            parent.insert(path[-1], copy.deepcopy(parent[path[-1]]))
        else:  # a duplicated key can only be written as text
            docs[rel] = _with_duplicate_key(doc, str(path[0]))
    else:
        parent[path[-1]] = data.draw(
            st.one_of(st.sampled_from(EXTREME), st.sampled_from(TEXT), st.sampled_from(TYPES), st.text(max_size=20))
        )
    return f"{rel}: {kind} {path}"


def _is_number_leaf(key: Any, value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _with_duplicate_key(doc: dict, key: str) -> str:
    import yaml

    dump = lambda d: yaml.safe_dump(d, allow_unicode=True, sort_keys=False)  # noqa: E731
    return dump(doc) + dump({key: doc.get(key, "again")})


def _option_docs(docs: dict[str, Any]) -> list[dict]:
    return [d for r, d in docs.items() if r.startswith("options/") and isinstance(d, dict) and "id" in d]


def _reference(data: st.DataObject, docs: dict[str, Any], rel: str) -> str:
    """Point a reference somewhere odd: itself, an unknown id, another option or argument."""
    opts = _option_docs(docs)
    if not opts:
        return "no options"
    doc = data.draw(st.sampled_from(opts))
    ids = [str(o.get("id")) for o in opts] + ["nowhere", str(doc.get("id"))]
    args = [a for a in doc.get("arguments", []) if isinstance(a, dict)]
    field = data.draw(st.sampled_from(["requires", "excludes", "synergies", "attacks-self", "supports-unknown"]))
    target = data.draw(st.sampled_from(ids))
    if field in ("requires", "excludes"):
        doc[field] = [*doc.get(field, []), target] if isinstance(doc.get(field, []), list) else [target]
    elif field == "synergies":
        doc["synergies"] = [{"option": target, "value": data.draw(st.sampled_from([0.01, -1.0, 1.0, 2.0]))}]
    elif args and field == "attacks-self":
        args[0]["attacks"] = [args[0].get("id")]
    elif args:
        args[0]["supports"] = ["no-such-argument"]
    return f"{doc.get('id')}: {field} -> {target}"


def _cycle(data: st.DataObject, docs: dict[str, Any]) -> str:
    """A requires chain that closes on itself (or, half the time, one also excluded)."""
    opts = _option_docs(docs)
    if len(opts) < 2:
        return "too few options"
    n = data.draw(st.integers(2, min(4, len(opts))))
    chain = opts[:n]
    for a, b in zip(chain, chain[1:] + chain[:1], strict=True):
        a["requires"] = [b["id"]]
    if data.draw(st.booleans()):
        chain[0]["excludes"] = [chain[-1]["id"]]
    return "requires cycle " + " -> ".join(str(o["id"]) for o in chain)


def _make_special(path: Path, kind: str) -> None:
    path.unlink(missing_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    elif kind == "not-utf8":
        path.write_bytes(b"id: \xff\xfe\x00broken\n")
    elif kind == "empty":
        path.write_bytes(b"")
    else:
        path.write_text("- a\n- b\n")


def _shallow(fn, *args):
    """`fn(*args)` in a fresh thread, whose frame stack starts empty.

    Under hypothesis and pytest the stack is deep, and CPython 3.11 then maps and unmaps a frame
    chunk each time a hot recursive function (the YAML composer) crosses a chunk boundary: about
    800,000 mmap calls for six examples, half the test's time in the kernel. The alarm still
    fires in the main thread, which waits here.
    """
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn(*args)
        except BaseException as exc:  # handed back to the caller below
            box["error"] = exc

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.05)
    if "error" in box:
        raise box["error"]
    return box["value"]


# ---------------------------------------------------------------------------- the property


def _check(capsys, root: Path, *args: str) -> int:
    with deadline(HANG_SECONDS):
        code, _, err = _shallow(run_cli, capsys, "--project", str(root), *args)
    assert code in (0, 2), f"{' '.join(args)} exited {code}:\n{err}"
    assert "internal error" not in err and "Traceback" not in err, err
    return code


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not hasattr(signal, "SIGALRM"), reason="needs POSIX")
@PROFILE
@given(data=st.data())
def test_mutated_projects_exit_0_or_2(capsys, data):
    docs = base_documents()
    special: dict[str, str] = {}
    labels = [mutate(data, docs, special) for _ in range(data.draw(st.integers(1, 2), label="mutations"))]
    data.draw(st.just(labels), label="applied")
    with tempfile.TemporaryDirectory(prefix="trilat-fuzz-") as tmp:
        root = dump_documents(Path(tmp) / "project", docs)
        for rel, kind in special.items():
            _make_special(root / rel, kind)
        valid = _check(capsys, root, "validate") == 0
        event("valid after mutation" if valid else "refused by validate")
        if not valid:
            return
        _check(capsys, root, "optimize")
        _check(capsys, root, "report", "--quick", "--samples", "100", "--out", str(Path(tmp) / "report"))
