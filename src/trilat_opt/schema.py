"""JSON Schema for the input files and the run record, generated from the pydantic models so they never drift.

Editors that speak the YAML language server read the `# yaml-language-server: $schema=...` line
at the top of each shipped file and validate as you type.
"""

from __future__ import annotations

from typing import Any

from .model import Bibliography, Frame, Option, Register
from .record import RunRecord

__all__ = ["INPUTS", "SCHEMAS", "json_schema"]

SCHEMAS = {
    "criteria": Frame,
    "option": Option,
    "sources": Bibliography,
    "recommendations": Register,
    "run": RunRecord,
}
"""Schema name -> model. File names are `<name>.schema.json`; "run" is the output record
(`optimize --format json`, `results.json`), the others are input files."""

INPUTS = ("criteria", "option", "sources", "recommendations")
"""The schemas of files people write (editors validate them as they type)."""


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one file kind: a key of `SCHEMAS`."""
    schema = SCHEMAS[name].model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "trilat-opt run record" if name == "run" else f"trilat-opt {name} file"
    return schema
