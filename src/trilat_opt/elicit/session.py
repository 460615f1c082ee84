"""Interactive elicitation: one question at a time, with undo, through an injected prompt.

`interview(method, criteria, ask, say)` asks the method's questions and returns the same
answers an answers file holds, so both routes go through the same checks and computation. The
caller supplies `ask(prompt) -> reply` and `say(text)`: the command line passes rich's prompt
on the terminal, tests pass a list of replies. At any question, `u` undoes the last answer and
`q` abandons the session (nothing is written).

Each method is a plan: from the answers so far it gives the next question, or None when done.
The answers are a stack, so undo is a pop, whatever the question was. Every plan ends with the
resulting weights and asks for confirmation; for AHP with a consistency ratio above 0.1 that
question lists the judgements to revisit and accepts a number to answer one of them again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..ids import did_you_mean
from .ahp import ACCEPTABLE_CR, ahp, revisions
from .answers import AhpAnswer, Analyst, Answer, AnswerSet, RankAnswer, SwingAnswer
from .scale import WORDS, in_words, parse_judgement, show
from .swing import TOP, swing_weights

__all__ = ["Abandoned", "Question", "interview"]

UNDO = ("u", "undo")
QUIT = ("q", "quit")
YES = ("y", "yes")

Step = tuple[str, Any]
"""One answer on the stack: (kind, value), such as ("pick", "deterrence") or ("pair", (a, b, 3.0))."""


class Abandoned(Exception):
    """The analyst quit the session (`q`), or the input ended before the last question."""


@dataclass(frozen=True)
class Question:
    text: str
    """What to show before the prompt (the question and its choices)."""
    prompt: str
    parse: Callable[[str], Step]
    """Turns a reply into a step; raises `ValueError` with a message saying what is expected."""


def interview(
    method: str,
    criteria: Sequence[str],
    ask: Callable[[str], str],
    say: Callable[[str], None],
    analyst: str = "analyst 1",
) -> AnswerSet:
    """Ask `method`'s questions about `criteria` until the analyst confirms; return their answers.

    Raises `Abandoned` on `q` or at the end of input (`EOFError` from `ask`).

    >>> replies = iter(["2", "u", "1", "1", "y"])
    >>> got = interview("rank", ["speed", "deterrence", "trade"], lambda p: next(replies), lambda t: None)
    >>> got.analysts[0].answer.order
    (('speed',), ('deterrence',), ('trade',))
    """
    plan = PLANS[method](list(criteria))
    steps: list[Step] = []
    say(f"{plan.intro} Type u to undo the last answer, q to quit without saving.")
    while (question := plan.next(steps)) is not None:
        say(question.text)
        try:
            reply = ask(question.prompt).strip()
        except EOFError:
            raise Abandoned("the input ended before the last question") from None
        if reply.casefold() in QUIT:
            raise Abandoned("quit at the analyst's request")
        if reply.casefold() in UNDO:
            say(f"undone: {plan.describe(steps.pop())}" if steps else "nothing to undo yet")
            continue
        try:
            steps.append(question.parse(reply))
        except ValueError as exc:
            say(f"  {exc}")
            continue
        if echo := plan.echo(steps[-1]):
            say(f"  ({echo})")
    return AnswerSet(method, (Analyst(analyst, plan.answer(steps)),))


def _pick(remaining: list[str], reply: str) -> str:
    """A criterion chosen by its number in the list or by its id."""
    if reply.isdigit() and 1 <= int(reply) <= len(remaining):
        return remaining[int(reply) - 1]
    if reply in remaining:
        return reply
    hint = did_you_mean(reply, remaining)
    raise ValueError(
        f"{reply!r} is not one of the listed criteria; type its number (1 to {len(remaining)})"
        + (f" or its id (did you mean {hint!r}?)" if hint else " or its id")
    )


def _confirm(weights: dict[str, float], extra: str = "", revise: int = 0) -> Question:
    lines = [f"  {c:<28} {w:6.3f}" for c, w in weights.items()]
    more = f", or 1 to {revise} to answer that judgement again" if revise else ""

    def parse(reply: str) -> Step:
        if reply.casefold() in YES:
            return ("done", True)
        if revise and reply.isdigit() and 1 <= int(reply) <= revise:
            return ("revise", int(reply) - 1)
        raise ValueError(f"type y to accept, u to undo{more}")

    return Question("Weights from your answers:\n" + "\n".join(lines) + extra, f"accept? (y{more})", parse)


class _Rank:
    """Which of the remaining criteria matters most? until one is left."""

    intro = "Rank the criteria, most important first."
    prompt_head = "Of these, which matters most?"

    def __init__(self, criteria: list[str]):
        self.criteria = criteria

    def echo(self, step: Step) -> str | None:
        """The answer said back in words, to catch a judgement given the wrong way round."""
        return None

    def picked(self, steps: list[Step]) -> list[str]:
        return [v for k, v in steps if k == "pick"]

    def describe(self, step: Step) -> str:
        return f"{step[1]} ranked" if step[0] == "pick" else "confirmation"

    def order(self, steps: list[Step]) -> list[str]:
        picked = self.picked(steps)
        return picked + [c for c in self.criteria if c not in picked]

    def next(self, steps: list[Step]) -> Question | None:
        if steps and steps[-1][0] == "done":
            return None
        remaining = [c for c in self.criteria if c not in self.picked(steps)]
        if len(remaining) > 1:
            listed = "\n".join(f"  {k}. {c}" for k, c in enumerate(remaining, 1))
            place = len(self.criteria) - len(remaining) + 1
            return Question(
                f"{self.prompt_head} (place {place} of {len(self.criteria)})\n{listed}",
                "number or id",
                lambda reply: ("pick", _pick(remaining, reply)),
            )
        return self.confirm(steps)

    def confirm(self, steps: list[Step]) -> Question:
        from .rank import roc_weights

        return _confirm(roc_weights([[c] for c in self.order(steps)]))

    def answer(self, steps: list[Step]) -> Answer:
        return RankAnswer(tuple((c,) for c in self.order(steps)))


class _Swing(_Rank):
    """Rank the swings, then rate each against the top one."""

    intro = (
        "Imagine an option at its worst on every criterion. You may raise it to its best on one criterion: "
        "first rank those swings, then rate each against the one you chose first (100)."
    )
    prompt_head = "Which swing from worst to best would you choose first?"

    def describe(self, step: Step) -> str:
        return f"{step[1][0]} rated {step[1][1]:g}" if step[0] == "rate" else super().describe(step)

    def ratings(self, steps: list[Step]) -> dict[str, float]:
        return dict(v for k, v in steps if k == "rate")

    def next(self, steps: list[Step]) -> Question | None:
        if len(self.picked(steps)) < len(self.criteria) - 1 or (steps and steps[-1][0] == "done"):
            return super().next(steps)
        order, rated = self.order(steps), self.ratings(steps)
        todo = [c for c in order[1:] if c not in rated]
        if not todo:
            return self.confirm(steps)
        c = todo[0]
        above = order[order.index(c) - 1]
        ceiling = rated.get(above, TOP)

        def parse(reply: str) -> Step:
            try:
                value = float(reply)
            except ValueError:
                value = -1.0
            if not 0 <= value <= ceiling:
                raise ValueError(f"type a number from 0 to {ceiling:g} (no more than {above}, ranked above it)")
            return ("rate", (c, value))

        return Question(
            f"The swing on {order[0]} is worth 100. How much is the swing on {c} worth?", f"0 to {ceiling:g}", parse
        )

    def confirm(self, steps: list[Step]) -> Question:
        return _confirm(swing_weights(self._all_ratings(steps)))

    def _all_ratings(self, steps: list[Step]) -> dict[str, float]:
        order = self.order(steps)
        return {c: TOP if c == order[0] else self.ratings(steps)[c] for c in self.criteria}

    def answer(self, steps: list[Step]) -> Answer:
        return SwingAnswer(self._all_ratings(steps))


class _Ahp:
    """Every pair once, then the consistency check, with a way back to the worst judgements."""

    intro = (
        "Compare the criteria two at a time on Saaty's scale: "
        + ", ".join(f"{k} {w}" for k, w in WORDS.items() if k % 2)
        + " more important (2, 4, 6, 8 in between). Type 3 if the first matters moderately more, "
        "1/3 if the second does."
    )

    def __init__(self, criteria: list[str]):
        self.criteria = criteria
        self.pairs = [(a, b) for i, a in enumerate(criteria) for b in criteria[i + 1 :]]

    def describe(self, step: Step) -> str:
        if step[0] == "pair":
            a, b, v = step[1]
            return f"{a} vs {b} = {show(v)}"
        return "choice to revise" if step[0] == "revise" else "confirmation"

    def echo(self, step: Step) -> str | None:
        return in_words(*step[1]) if step[0] == "pair" else None

    def judgements(self, steps: list[Step]) -> dict[tuple[str, str], float]:
        return {(a, b): v for k, (a, b, v) in ((k, v) for k, v in steps if k == "pair")}

    def next(self, steps: list[Step]) -> Question | None:
        if steps and steps[-1][0] == "done":
            return None
        given = self.judgements(steps)
        if steps and steps[-1][0] == "revise":
            a, b = self._revisable(steps)[steps[-1][1]]
            return self._pair(a, b, f" (now {show(given[(a, b)])})")
        todo = [p for p in self.pairs if p not in given]
        if todo:
            return self._pair(*todo[0], f" ({len(given) + 1} of {len(self.pairs)})")
        result = ahp(self.criteria, AhpAnswer(given).matrix(self.criteria))
        extra = f"\nConsistency ratio {result.cr:.3f}"
        if result.cr <= ACCEPTABLE_CR:
            return _confirm(result.weights, extra + " (acceptable: at most 0.1)")
        listed = [
            f"  {k}. {r.more} over {r.less} = {show(r.given)}: {r.share:.0%} of the inconsistency; "
            f"{show(r.suggested)} would give CR {r.cr_after:.3f}"
            for k, r in enumerate(revisions(result), 1)
        ]
        extra += " is above 0.1: the judgements do not hang together. These add most to it:\n" + "\n".join(listed)
        return _confirm(result.weights, extra, revise=len(listed))

    def _revisable(self, steps: list[Step]) -> list[tuple[str, str]]:
        """The pairs the confirmation listed, in the criterion order the judgements are kept in."""
        given = self.judgements(steps)
        result = ahp(self.criteria, AhpAnswer(given).matrix(self.criteria))
        return [(r.more, r.less) if (r.more, r.less) in given else (r.less, r.more) for r in revisions(result)]

    def _pair(self, a: str, b: str, note: str) -> Question:
        def parse(reply: str) -> Step:
            return ("pair", (a, b, parse_judgement(reply)))

        return Question(f"{a} vs {b}{note}: which matters more, and how much?", "1/9 to 9", parse)

    def answer(self, steps: list[Step]) -> Answer:
        return AhpAnswer(self.judgements(steps))


PLANS: dict[str, Callable[[list[str]], Any]] = {"rank": _Rank, "swing": _Swing, "ahp": _Ahp}
