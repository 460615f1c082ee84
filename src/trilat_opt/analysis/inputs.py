"""The argumentation stage as the analyses call it: criterion scores and sampled scores.

`trilat_opt.argue` exports `criterion_scores` and `sample_scores`; until its package `__init__`
does, they are read from `trilat_opt.argue.catalogue`, where they live.
"""

from __future__ import annotations

try:
    from ..argue import criterion_scores, sample_scores  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the argue package's exports
    from ..argue.catalogue import criterion_scores, sample_scores

__all__ = ["criterion_scores", "sample_scores"]
