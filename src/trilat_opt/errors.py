"""One error root for the whole package, so the CLI can catch it once.

`InputError` (exit code 2) carries every problem found in the inputs, each located by file, line,
column and field path, so a user can fix them all in one pass instead of one per run.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ErrorDetail", "InputError", "NoPortfolioError", "OutputError", "SolverError", "TrilatError"]


class TrilatError(Exception):
    """Root of every error the package raises on purpose."""

    exit_code = 1


@dataclass(frozen=True, order=True)
class ErrorDetail:
    """One located problem in an input file. `line` and `column` count from 1; 0 means unknown."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        """`file:line:col: field: message`, leaving out what is unknown (a command-line value has
        no file; a missing file has no line)."""
        where = self.file if self.line <= 0 else f"{self.file}:{self.line}:{self.column}"
        parts = [p for p in (where, self.field, self.message) if p]
        return ": ".join(parts)


class InputError(TrilatError):
    """Bad input: a file, a field or a command-line value. Exit code 2, nothing written."""

    exit_code = 2

    def __init__(self, errors: list[ErrorDetail] | ErrorDetail | str):
        if isinstance(errors, str):
            errors = [ErrorDetail("", 0, 0, "", errors)]
        elif isinstance(errors, ErrorDetail):
            errors = [errors]
        self.errors: list[ErrorDetail] = sorted(set(errors))
        super().__init__("\n".join(str(e) for e in self.errors))


class NoPortfolioError(TrilatError):
    """No portfolio satisfies the rules (or none was found in time). Exit code 1: the inputs are
    valid, and the message carries the diagnosis of what to relax. Raised by the command line
    after its output is written, since the output explains the diagnosis too."""


class SolverError(TrilatError):
    """The solver failed to run (not an infeasible model, which is a normal outcome)."""


class OutputError(TrilatError):
    """An output could not be written (disk full, a writer that holds the folder too long). The
    previous output, if any, is unchanged. Problems visible before the computation (a folder that
    is not writable or not ours, a name too long) are `InputError`s instead."""
