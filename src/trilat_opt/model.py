"""Input models: the evaluation frame (`criteria.yaml`) and the policy options (`options/*.yaml`).

Each model checks only what one value can tell on its own (types, ranges, ids). Checks that need
several files (dangling references, cycles) live in `checks.py` and run after every file parsed,
so one bad file never hides the problems of the others. Models are frozen after load.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic import Strict as StrictNumber

from .numbers import Amount, Cap, Count, Months, Multiplier, Paragraph, SynergyValue, Unit, Weight

__all__ = [
    "Argument",
    "Bibliography",
    "Budget",
    "Catalogue",
    "Cost",
    "Country",
    "Criterion",
    "DomainRule",
    "Elicitation",
    "Event",
    "Evidence",
    "Exposure",
    "Frame",
    "LeadTime",
    "Option",
    "PeriodOverride",
    "Profile",
    "Recommendation",
    "Register",
    "Risk",
    "RoadmapFrame",
    "Rules",
    "Scenario",
    "Source",
    "Synergy",
]

SCHEMA_VERSION = 1

Id = Annotated[
    str,
    Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80, description="lower-case id: a-z, 0-9, -"),
]
Country = Literal["US", "JP", "KR"]
Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """Base for every input model: unknown fields are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# ---------------------------------------------------------------------------- the frame


class Criterion(Strict):
    id: Id
    name: Text
    description: str = ""
    weight: Weight = Field(description="relative importance, 0 to 1,000,000; weights are normalised to sum 1")
    group: Id | None = Field(None, description="optional parent group (a two-level tree)")
    direction: Literal["max", "min"] = "max"
    bounds: tuple[Unit, Unit] | None = Field(
        None, description="normalised weight bounds [low, high] used by SMAA sampling"
    )
    basis: str = ""

    @model_validator(mode="after")
    def _bounds_ordered(self) -> Criterion:
        if self.bounds and self.bounds[0] > self.bounds[1]:
            raise ValueError("bounds must be [low, high] with low <= high")
        return self


class Elicitation(Strict):
    """How a profile's weights were obtained from analysts' judgements (written by `trilat-opt elicit`)."""

    method: Literal["rank", "swing", "ahp"] = Field(
        description="rank: rank-order centroid of a ranking; swing: swing weighting; ahp: AHP pairwise comparisons"
    )
    date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="when the answers became weights, YYYY-MM-DD")
    answers: tuple[str, ...] = Field(
        (), description="the answers files, relative to the project; empty: answered in a session not saved"
    )
    analysts: Annotated[int, StrictNumber(), Field(ge=1, le=100_000)] = Field(
        1, description="how many analysts answered (their judgements or weights combined), 1 to 100,000"
    )
    consistency_ratio: Annotated[float, StrictNumber(), Field(ge=0, le=100, allow_inf_nan=False)] | None = Field(
        None, description="AHP only: the consistency ratio of the judgements the weights come from, 0 to 100"
    )


class Profile(Strict):
    """A named weight set, one per capital."""

    id: Id
    name: Text
    country: Country | None = None
    weights: dict[str, Weight] = Field(description="criterion id -> relative weight, 0 to 1,000,000")
    basis: str = ""
    elicited: Elicitation | None = Field(None, description="how the weights were elicited, when they were")


class Risk(Strict):
    id: Id
    name: Text
    countries: tuple[Country, ...] = Field(min_length=1)
    likelihood: Unit = Field(description="base probability that the risk materialises, 0 to 1")
    cap: Cap = Field(description="cap on the portfolio's summed exposure to this risk, 0 to 1,000,000")
    basis: str = ""


class Scenario(Strict):
    id: Id
    name: Text
    description: str = ""
    probability: Unit | None = Field(None, description="probability of the scenario, 0 to 1")
    risks: dict[str, Multiplier] = Field(
        default_factory=dict,
        description="risk id -> multiplier on its likelihood, 0 to 1,000 (capped at 1)",
    )
    criteria: dict[str, Multiplier] = Field(
        default_factory=dict, description="criterion id -> multiplier on options' net scores, 0 to 1,000"
    )
    basis: str = ""


class Budget(Strict):
    id: Id
    name: Text
    unit: str = ""
    limit: Amount = Field(description="the budget's limit, 0 to 1e12, in its unit")
    country: Country | None = None
    basis: str = ""


class DomainRule(Strict):
    min: Count = Field(0, description="least number of options of the domain, 0 to 100,000")
    max: Count | None = Field(None, description="most options of the domain, 0 to 100,000")

    @model_validator(mode="after")
    def _ordered(self) -> DomainRule:
        if self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is larger than max ({self.max})")
        return self


class Rules(Strict):
    """Portfolio rules that every selected portfolio must satisfy."""

    min_options: Count = Field(0, description="least number of options in a portfolio, 0 to 100,000")
    max_options: Count | None = Field(None, description="most options in a portfolio, 0 to 100,000")
    domains: dict[str, DomainRule] = Field(default_factory=dict)
    country_caps: dict[Country, Cap] = Field(
        default_factory=dict,
        description="cap on summed exposure to the risks that live in each country, 0 to 1,000,000",
    )

    @model_validator(mode="after")
    def _ordered(self) -> Rules:
        if self.max_options is not None and self.min_options > self.max_options:
            raise ValueError(f"min_options ({self.min_options}) is larger than max_options ({self.max_options})")
        return self


PERIOD_LABEL = re.compile(r"^(\d{4})(?:H([12])|Q([1-4])|-(0[1-9]|1[0-2]))?$")
"""A period label: a year (2026), a half-year (2026H1), a quarter (2026Q3) or a month (2026-07)."""


def _label(v: object) -> object:
    """A bare year (YAML reads `2026` as a number) is a label like any other."""
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v)
    return v


def _check_label(label: str) -> str:
    if not PERIOD_LABEL.match(label):
        raise ValueError(f"{label!r} is not a period: write 2026H1, 2026Q3, 2026-07 or 2026")
    return label


class Event(Strict):
    """A leadership event: an election or a change of government in one capital.

    An option still under way when the event occurs, in a capital it depends on, survives with
    probability 1 - reversal x (1 - durability), durability being its institutional-durability score.
    """

    id: Id
    name: Text
    date: str = Field(
        description="the day of the event, YYYY-MM-DD (the first of the month when only the month is known)"
    )
    country: Country
    reversal: Unit = Field(description="chance that the new government reverses unfinished cooperation, 0 to 1")
    source: Id | None = Field(None, description="source key of the article that names the event, if one does")
    paragraph: Paragraph | None = None
    basis: str = Field("", description="why this date and probability; mark what no article says 'assumption: ...'")

    @field_validator("date", mode="before")
    @classmethod
    def _iso(cls, v: object) -> object:
        if not isinstance(v, str):
            raise ValueError("write the date as text, YYYY-MM-DD")
        try:
            datetime.date.fromisoformat(v.strip())
        except ValueError:
            raise ValueError(f"{v!r} is not a date: write YYYY-MM-DD") from None
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v.strip()):
            raise ValueError(f"{v!r} is not a date: write YYYY-MM-DD")
        return v

    @model_validator(mode="after")
    def _cited(self) -> Event:
        if (self.source is None) != (self.paragraph is None):
            raise ValueError("give both `source` and `paragraph`, or neither")
        if self.source is None and "assumption" not in self.basis.lower():
            raise ValueError("an event no article names needs a `basis` that says 'assumption: ...'")
        return self

    @property
    def day(self) -> datetime.date:
        return datetime.date.fromisoformat(self.date)


class PeriodOverride(Strict):
    """Limits of one period that differ from the roadmap's per-period defaults."""

    period: str
    limits: dict[str, Amount] = Field(default_factory=dict, description="budget id -> limit in this period")
    new_initiatives: dict[Country, Count] = Field(
        default_factory=dict, description="country -> most options started in this period that it carries"
    )
    basis: str = ""

    @field_validator("period", mode="before")
    @classmethod
    def _year(cls, v: object) -> object:
        return _label(v)

    @field_validator("period")
    @classmethod
    def _valid(cls, v: str) -> str:
        return _check_label(v)


class RoadmapFrame(Strict):
    """The time frame of `trilat-opt roadmap`: periods, per-period limits, leadership events.

    `limits` pace spending: the most of a budget spent in one period of `period_months` months.
    Every budget's own `limit` still caps its total over the whole horizon, as in `optimize`.
    """

    start: str = Field("2026H1", description="first period of the horizon, e.g. 2026H1")
    end: str = Field("2030H2", description="last period of the horizon (included), e.g. 2030H2")
    period_months: Literal[1, 2, 3, 4, 6, 12] = Field(
        6, description="length of a period in months; 6 = half-years", json_schema_extra={"minimum": 1, "maximum": 12}
    )
    durability: Id = Field(
        "institutional-durability",
        description="criterion whose score is an option's durability against leadership change",
    )
    discount: Unit = Field(0.0, description="share of value lost per year of waiting for delivery, 0 to 1")
    limits: dict[str, Amount] = Field(default_factory=dict, description="budget id -> most spent in one period")
    new_initiatives: dict[Country, Count] = Field(
        default_factory=dict, description="country -> most new options it carries started in one period"
    )
    periods: tuple[PeriodOverride, ...] = ()
    events: tuple[Event, ...] = ()
    basis: str = ""

    @field_validator("start", "end", mode="before")
    @classmethod
    def _year(cls, v: object) -> object:
        return _label(v)

    @field_validator("start", "end")
    @classmethod
    def _valid(cls, v: str) -> str:
        return _check_label(v)


class Frame(Strict):
    """Contents of `criteria.yaml`."""

    kind: Literal["trilat-opt/criteria"] = "trilat-opt/criteria"
    version: Literal[1] = SCHEMA_VERSION
    neutral_base: Unit = Field(0.5, description="base score of every claim 'option advances C', 0 to 1")
    inference_cap: Unit = Field(
        0.5,
        description="highest base strength an inferred argument (one with `inference:`) may carry; "
        "higher strengths and range ends are lowered to it when arguments are evaluated",
    )
    criteria: tuple[Criterion, ...] = Field(min_length=1)
    weight_order: tuple[tuple[str, str], ...] = Field(
        default=(), description="pairs [a, b] meaning weight(a) >= weight(b), for SMAA sampling"
    )
    profiles: tuple[Profile, ...] = ()
    risks: tuple[Risk, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    budgets: tuple[Budget, ...] = ()
    rules: Rules = Field(default_factory=Rules)
    roadmap: RoadmapFrame | None = Field(None, description="periods, per-period limits and leadership events")

    @field_validator("criteria")
    @classmethod
    def _some_weight(cls, criteria: tuple[Criterion, ...]) -> tuple[Criterion, ...]:
        if criteria and not any(c.weight > 0 for c in criteria):
            raise ValueError("all criterion weights are zero; at least one must be positive")
        return criteria


# ---------------------------------------------------------------------------- options


class Evidence(Strict):
    source: Id = Field(description="source key from the bibliography")
    paragraph: Paragraph = Field(description="non-empty lines of the source file, counted from 1 (at most 100,000)")
    quote: Text = Field(description="short verbatim quote, a sentence or less")
    reviewed: str = Field(
        "",
        description="a reviewed exception: why this quote is faithful although `sources check` flags it "
        "(clipped from a concessive or contrastive sentence, or the sentence is cited with the other stance)",
    )

    @field_validator("quote")
    @classmethod
    def _short(cls, quote: str) -> str:
        words = len(quote.split())
        if words > 40:
            raise ValueError(f"quote has {words} words; keep quotes to 40 words or fewer")
        return quote


class Argument(Strict):
    id: Id
    criterion: Id
    stance: Literal["pro", "con"]
    strength: Unit = Field(description="base strength in [0, 1]")
    range: tuple[Unit, Unit] | None = Field(None, description="uncertainty range [low, high] around the base strength")
    basis: str = Field("", description="why this strength; mark judgement as 'assumption: ...'")
    inference: str = Field(
        "",
        description="the analyst's reasoning where the claim goes beyond what the quotes say; an argument "
        "with an inference is 'inferred' and its strength is capped by criteria.yaml's inference_cap",
    )
    claim: Text
    evidence: tuple[Evidence, ...] = Field(min_length=1)
    attacks: tuple[Id, ...] = Field((), description="ids of arguments this one rebuts")
    supports: tuple[Id, ...] = Field((), description="ids of arguments this one reinforces")

    @model_validator(mode="after")
    def _range_holds_strength(self) -> Argument:
        if self.range is not None:
            lo, hi = self.range
            if lo > hi:
                raise ValueError("range must be [low, high] with low <= high")
            if not lo <= self.strength <= hi:
                raise ValueError(f"strength {self.strength} lies outside its range [{lo}, {hi}]")
        return self

    @property
    def bounds(self) -> tuple[float, float]:
        """The base-strength range, a point range when none is given."""
        return self.range if self.range is not None else (self.strength, self.strength)

    @property
    def inferred(self) -> bool:
        """True when the claim rests on the analyst's reasoning beyond the quotes (`inference:` says why).

        The field, stripped, being non-empty is the whole rule: a blank `inference:` marks nothing.
        """
        return bool(self.inference.strip())

    def capped(self, cap: float) -> tuple[float, float, float]:
        """(strength, low, high) as evaluated: an inferred argument's are lowered to `cap`.

        Reasoning beyond the quotes may move a score, but never as far as the sources themselves,
        so the cap applies to the base and both range ends alike.

        >>> a = Argument(id="a", criterion="c", stance="pro", strength=0.7, range=(0.4, 0.8),
        ...              inference="the quote covers Japan; we extend it to Korea", claim="x",
        ...              evidence=[{"source": "s", "paragraph": 1, "quote": "q"}])
        >>> a.capped(0.5)
        (0.5, 0.4, 0.5)
        """
        lo, hi = self.bounds
        if not self.inferred:
            return self.strength, lo, hi
        return min(self.strength, cap), min(lo, cap), min(hi, cap)


class Cost(Strict):
    amount: Amount = Field(description="cost, 0 to 1e12, in the budget's unit")
    basis: str = ""


class LeadTime(Strict):
    months: Months = Field(description="months until the option delivers, 0 to 1,200")
    basis: str = ""


class Exposure(Strict):
    level: Unit = Field(description="chance that the risk, if it materialises, derails the option, 0 to 1")
    basis: str = ""


class Synergy(Strict):
    option: Id
    value: SynergyValue = Field(
        description="value added when both are selected, from -1 to 1: the units of an option's weighted net value, "
        "which never leaves [-1, 1]",
    )
    basis: str = ""


class Option(Strict):
    kind: Literal["trilat-opt/option"] = "trilat-opt/option"
    version: Literal[1] = SCHEMA_VERSION
    id: Id
    title: Text
    domain: Id
    summary: Text
    countries: tuple[Country, ...] = Field(min_length=1)
    costs: dict[str, Cost] = Field(default_factory=dict, description="budget id -> cost")
    lead_time: LeadTime | None = None
    requires: tuple[Id, ...] = ()
    parallel: tuple[Id, ...] = Field(
        (),
        description="required options this one may start alongside (once they have started) rather than "
        "after their delivery (roadmap)",
    )
    excludes: tuple[Id, ...] = ()
    synergies: tuple[Synergy, ...] = ()
    cost_profile: tuple[Unit, ...] | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="shares of each cost spent in equal parts of the build (lead time), summing to 1; "
        "default: spread evenly (roadmap)",
    )
    exposures: dict[str, Exposure] = Field(default_factory=dict, description="risk id -> exposure")
    arguments: tuple[Argument, ...] = ()

    @model_validator(mode="after")
    def _profile_sums_to_one(self) -> Option:
        if self.cost_profile is not None and abs(math.fsum(self.cost_profile) - 1.0) > 1e-6:
            raise ValueError(f"cost_profile sums to {math.fsum(self.cost_profile):g}; its shares must sum to 1")
        return self

    def cost(self, budget: str) -> float:
        c = self.costs.get(budget)
        return c.amount if c else 0.0

    def exposure(self, risk: str) -> float:
        e = self.exposures.get(risk)
        return e.level if e else 0.0


# ---------------------------------------------------------------------------- bibliography


class Source(Strict):
    key: Id
    file: str = ""
    title: Text
    author: str = ""
    publisher: str = ""
    date: str = Field(
        "",
        description="publication date as YYYY-MM-DD, YYYY-MM or a year from 1000 to 9999 (kept as text)",
        json_schema_extra={"type": ["string", "integer"], "minimum": 1000, "maximum": 9999},
    )
    note: str = ""

    @field_validator("date", mode="before")
    @classmethod
    def _date_text(cls, v: object) -> object:
        """A bare year (YAML reads `2025` as a number) is text like any other date; other numbers
        and booleans are slips (`date: .inf`), refused rather than turned into text."""
        if isinstance(v, int) and not isinstance(v, bool):
            if not 1000 <= v <= 9999:
                raise ValueError(f"a year has four digits, not {v}")
            return str(v)
        if v is not None and not isinstance(v, str):
            raise ValueError("write the date as text (YYYY-MM-DD or YYYY-MM) or as a year")
        return v


class Bibliography(Strict):
    sources: tuple[Source, ...] = ()


# ---------------------------------------------------------------------------- recommendations register


class Recommendation(Strict):
    """One concrete recommendation of an article, in our words, and the options that carry it."""

    id: Id
    source: Id = Field(description="source key from the bibliography")
    paragraph: Paragraph = Field(description="non-empty lines of the source file, counted from 1 (at most 100,000)")
    recommendation: Text = Field(description="what the article recommends, one line in our own words")
    options: tuple[Id, ...] = Field((), description="ids of the options that carry it; empty: none yet (a warning)")
    note: str = ""

    @field_validator("recommendation")
    @classmethod
    def _one_line(cls, text: str) -> str:
        if "\n" in text:
            raise ValueError("keep a recommendation to one line; put detail in `note`")
        return text


class Register(Strict):
    """Contents of `recommendations.yaml`: every concrete recommendation of every article."""

    kind: Literal["trilat-opt/recommendations"] = "trilat-opt/recommendations"
    version: Literal[1] = SCHEMA_VERSION
    recommendations: tuple[Recommendation, ...] = ()


# ---------------------------------------------------------------------------- the whole


class Catalogue(Strict):
    """Everything `load` read: the frame, the options (sorted by id), the bibliography and the register."""

    root: str
    frame: Frame
    options: tuple[Option, ...]
    sources: tuple[Source, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return self.frame.criteria

    @property
    def criterion_ids(self) -> list[str]:
        return [c.id for c in self.frame.criteria]

    @property
    def option_ids(self) -> list[str]:
        return [o.id for o in self.options]

    def option(self, option_id: str) -> Option:
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(option_id)

    def arguments(self) -> list[tuple[Option, Argument]]:
        return [(o, a) for o in self.options for a in o.arguments]

    def base_of(self, arg: Argument) -> tuple[float, float, float]:
        """An argument's (strength, low, high) as evaluated, under criteria.yaml's `inference_cap`."""
        return arg.capped(self.frame.inference_cap)

    def weights(self) -> dict[str, float]:
        """Criterion weights from criteria.yaml, normalised to sum to 1."""
        total = math.fsum(c.weight for c in self.frame.criteria)
        return {c.id: c.weight / total for c in self.frame.criteria}
