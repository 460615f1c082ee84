"""The number types of the input files: each bounded to a documented range, each strict.

Why bounds. Every number an analyst types ends up in floating-point sums, products and solver
rows. Unbounded, a legal-looking 1e308 overflows a sum, and 1e15 is infinity to HiGHS (1e30 to
CBC), which can make a feasible model look infeasible. Each range below is wide enough for any
real study and narrow enough that nothing downstream can overflow or lose the solver's precision:

======================  ================  ==================================================
type                    range             used for
======================  ================  ==================================================
`Unit`                  0 to 1            strengths, likelihoods, exposures, probabilities
`Weight`                0 to 1,000,000    criterion and profile weights (normalised later)
`Amount`                0 to 1e12         costs and budget limits, in the budget's unit
`Cap`                   0 to 1,000,000    caps on summed exposure (each exposure is <= 1)
`Multiplier`            0 to 1,000        scenario multipliers on likelihoods and scores
`Months`                0 to 1,200        lead times (a century)
`SynergyValue`          -1 to 1           value of a pair, in option-value units
`Count`                 0 to 100,000      portfolio cardinality and domain rules
`Paragraph`             1 to 100,000      paragraph numbers of a source
======================  ================  ==================================================

Why strict. YAML already tells numbers from text: `strength: "0.6"` is a quoted string and
`limit: true` a boolean, each most likely a slip, which pydantic's lax mode would silently turn
into 0.6 and 1.0. Strict types refuse them, naming the field. An integer where a real number
belongs (`weight: 1`) is fine; a real number where a count belongs (`max_options: 2.5`) is not.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, Strict

__all__ = ["Amount", "Cap", "Count", "Months", "Multiplier", "Paragraph", "SynergyValue", "Unit", "Weight"]

MAX_WEIGHT = 1e6
MAX_AMOUNT = 1e12
MAX_CAP = 1e6
MAX_MULTIPLIER = 1e3
MAX_MONTHS = 1200.0
MAX_COUNT = 100_000


def _real(low: float, high: float, what: str) -> object:
    return Field(ge=low, le=high, allow_inf_nan=False, description=what)


Unit = Annotated[float, Strict(), _real(0.0, 1.0, "a number from 0 to 1")]
Weight = Annotated[float, Strict(), _real(0.0, MAX_WEIGHT, "a relative weight from 0 to 1,000,000")]
Amount = Annotated[float, Strict(), _real(0.0, MAX_AMOUNT, "an amount from 0 to 1e12, in the budget's unit")]
Cap = Annotated[float, Strict(), _real(0.0, MAX_CAP, "a cap on summed exposure, from 0 to 1,000,000")]
Multiplier = Annotated[float, Strict(), _real(0.0, MAX_MULTIPLIER, "a multiplier from 0 to 1,000")]
Months = Annotated[float, Strict(), _real(0.0, MAX_MONTHS, "months, from 0 to 1,200")]
SynergyValue = Annotated[float, Strict(), _real(-1.0, 1.0, "a value from -1 to 1, in option-value units")]
Count = Annotated[int, Strict(), Field(ge=0, le=MAX_COUNT, description="a count from 0 to 100,000")]
Paragraph = Annotated[int, Strict(), Field(ge=1, le=MAX_COUNT, description="a paragraph number from 1 to 100,000")]
