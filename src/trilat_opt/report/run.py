"""What the report's steps share: one evaluation, the report's own settings, and what they produce.

A `Run` is built once by `build.build` and handed to each step in turn (`steps.py`,
`articles.py`, `evidence.py`, `whatif.py`, `headline.py`). The question (catalogue, weights,
objective, ...) and its stages (scores, problem, optimal portfolio) live in the `Evaluation`, so
no step recomputes them; each field below is written by one step and read by later ones, and says
which.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from ..evaluation import Evaluation
    from ..model import Catalogue
    from ..optimize import PortfolioResult
    from ..quotes import InContext
    from ..sources import SourceLibrary
    from ..workers import Job, Jobs
    from .memo import Memo

__all__ = ["Run"]


@dataclass
class Run:
    """One report in the making: the evaluation it reports on, its settings and its growing output."""

    ev: Evaluation
    samples: int
    seed: int
    full: bool = True
    sources: str | None = None
    """The articles' folder as given (`--sources`); None looks in the usual places."""
    yaml_limits: dict[tuple[str, str], float] = field(default_factory=dict)
    """Budget limits and risk caps as criteria.yaml sets them, before --cap/--budget (what-if sliders)."""

    # The report's output, filled by the steps.
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    """Section -> why it is empty (a skipped analysis, no portfolio, nothing defined)."""
    manifest: dict[str, Any] = field(default_factory=dict)

    # Written by one step, read by later ones.
    library: SourceLibrary | None = None
    """The source articles (articles.read_articles), None when none were found."""
    contexts: dict[tuple[str, int], InContext | None] = field(default_factory=dict)
    """Each quote's sentence in its article, by (argument id, quote index) (articles.read_articles)."""
    stability_subject: str = "result"
    """What the stability intervals keep (steps.stability), for the summary."""
    core_samples: int | None = None
    smaa_method: str | None = None
    option_views: tuple[dict[str, Any], ...] = ()
    """Each option's evidence, argument by argument (evidence.evidence)."""
    whatif: dict[str, Any] | None = None
    """The what-if panel's programme and controls (whatif.whatif)."""
    jobs: Jobs | None = None
    """The slow analyses, started early in worker processes (build.build, `trilat_opt.workers`)."""
    memo: Memo | None = None
    """Analysis results kept from the previous rendering of a watch session (`memo.py`)."""

    def job(self, name: str, compute: Job) -> Any:
        """`compute(self)`: kept from the previous rendering when nothing it reads changed (`memo`),
        else from the worker that started it early under `name`, else computed now."""
        if self.memo is not None and name in self.memo:
            return self.memo.get(name)
        value = self.jobs.result(name) if self.jobs is not None and name in self.jobs else compute(self)
        if self.memo is not None:
            self.memo.put(name, value)
        return value

    # The evaluation's settings, by the names the steps use.

    @property
    def cat(self) -> Catalogue:
        return self.ev.catalogue

    @property
    def weights(self) -> dict[str, float]:
        return self.ev.weights

    @property
    def objective(self) -> str:
        return self.ev.setup.objective

    @property
    def scenario(self) -> str | None:
        return self.ev.setup.scenario

    @property
    def solver(self) -> str:
        return self.ev.setup.solver

    @property
    def semantics(self) -> str:
        return self.ev.setup.semantics

    @property
    def profile(self) -> str | None:
        return self.ev.setup.profile

    @property
    def overrides(self) -> dict[str, float]:
        return dict(self.ev.setup.overrides)

    @property
    def include(self) -> tuple[str, ...]:
        return self.ev.setup.include

    @property
    def exclude(self) -> tuple[str, ...]:
        return self.ev.setup.exclude

    @property
    def caps(self) -> dict[str, float]:
        return dict(self.ev.setup.caps)

    @property
    def budgets(self) -> dict[str, float]:
        return dict(self.ev.setup.budgets)

    @property
    def result(self) -> PortfolioResult:
        """The optimal portfolio (computed by the portfolio step, kept by the evaluation)."""
        return self.ev.result

    @property
    def selected(self) -> list[str]:
        """The chosen options' ids; empty when no portfolio satisfies the rules."""
        return list(self.ev.portfolio)
