"""Preconditions that valid but degenerate projects can miss, checked where a stage starts.

A project with no option files validates (with a warning), lists and ranks nothing, and gets an
empty portfolio; but an analysis of how robust a choice is, or a report about it, has nothing
to say about no options. Those stages call `require_options` first, so the user reads one plain
sentence (exit 2) instead of an index error from deep inside numpy.
"""

from __future__ import annotations

from .errors import ErrorDetail, InputError
from .model import Catalogue

__all__ = ["MAX_SAMPLES", "MAX_SEED", "SMAA_SAMPLES", "NoPortfolio", "check_sampling", "require_options"]

MAX_SEED = 2**32 - 1
"""Largest seed: numpy takes any non-negative integer; 32 bits are plenty and easy to type."""
MAX_SAMPLES = 1_000_000
"""Largest sample count: SMAA-2 with a million draws already takes minutes on a large catalogue."""
SMAA_SAMPLES = 2_000
"""SMAA weight samples by default, in `report` and `sensitivity` alike, so the two agree: the
standard error of a share is at most 0.011, and the samples take well under a second."""


def require_options(cat: Catalogue, what: str) -> None:
    """Raise `InputError` when `cat` has no options, saying that `what` needs at least one."""
    if not cat.options:
        raise InputError(ErrorDetail("options", 0, 0, "", f"holds no option files; {what} needs at least one option"))


def check_sampling(samples: int | None, seed: int) -> None:
    """Raise `InputError` for a seed numpy refuses (negative) or a sample count out of range."""
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise InputError(f"--seed {seed!r}: expected an integer from 0 to {MAX_SEED}")
    if samples is not None and (
        isinstance(samples, bool) or not isinstance(samples, int) or not 1 <= samples <= MAX_SAMPLES
    ):
        raise InputError(f"--samples {samples!r}: expected an integer from 1 to {MAX_SAMPLES:,}")


class NoPortfolio(InputError):
    """The portfolio rules admit no portfolio, so an analysis of the chosen portfolio has no subject.

    Valid input (each rule is fine on its own), and `optimize` reports it as a result with the
    rules to relax; the analyses that re-solve (stability intervals, core index, frontier,
    argument criticality, diff) say so in one sentence instead of failing in the solver.
    """

    def __init__(self) -> None:
        super().__init__(
            "no portfolio satisfies every rule, so there is none to analyse; "
            "'trilat-opt optimize' names the fewest rules to relax"
        )
