"""Interactive sessions, driven by a list of replies: the same answers as a file, undo, revision, quitting."""

from __future__ import annotations

import pytest

from trilat_opt.elicit.session import Abandoned, interview

C = ["deterrence", "resilience", "speed", "legitimacy"]


class Script:
    """Replies in order; records every prompt and every line said."""

    def __init__(self, *replies: str):
        self.replies = list(replies)
        self.said: list[str] = []
        self.prompts: list[str] = []

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if not self.replies:
            raise EOFError
        return self.replies.pop(0)

    def say(self, text: str) -> None:
        self.said.append(text)

    def run(self, method: str, criteria: list[str] = C):
        return interview(method, criteria, self.ask, self.say, analyst="Kim")


def test_rank_by_number_or_id_with_undo():
    s = Script("3", "u", "speed", "nonsense", "1", "resilience", "y")
    got = s.run("rank").analysts[0]
    assert got.name == "Kim"
    assert got.answer.order == (("speed",), ("deterrence",), ("resilience",), ("legitimacy",))
    assert "undone: speed ranked" in s.said
    assert any("'nonsense' is not one of the listed criteria" in t for t in s.said)
    assert not s.replies


def test_swing_ranks_then_rates_each_against_the_top_and_keeps_the_ranking():
    s = Script("2", "1", "1", "80", "90", "50", "u", "u", "70", "0", "y")
    # ranking: resilience, deterrence, speed, legitimacy; rate deterrence 80, speed 90 refused (above 80),
    # speed 50 then undone twice (speed, deterrence), deterrence 70, speed 0 ... legitimacy left
    with pytest.raises(Abandoned):
        s.run("swing")
    assert any("type a number from 0 to 80" in t for t in s.said)
    s = Script("2", "1", "1", "80", "50", "20", "y")
    got = s.run("swing").analysts[0].answer
    assert got.ratings == {"deterrence": 80, "resilience": 100, "speed": 50, "legitimacy": 20}


def test_ahp_asks_every_pair_once_and_accepts_consistent_judgements():
    s = Script("3", "5", "7", "2", "3", "1/2")
    with pytest.raises(Abandoned):  # (end of input at the confirmation)
        s.run("ahp", C)
    assert s.prompts == ["1/9 to 9"] * 6 + ["accept? (y)"]
    s = Script("3", "5", "7", "2", "3", "2", "y")
    got = s.run("ahp", C).analysts[0].answer
    assert len(got.judgements) == 6 and got.judgements[("deterrence", "resilience")] == 3
    assert "  (deterrence matters moderately more than resilience)" in s.said
    assert "  (speed matters equally to moderately more than legitimacy)" in s.said
    assert any("Consistency ratio" in t and "acceptable" in t for t in s.said)


def test_ahp_names_the_worst_judgement_and_asks_it_again():
    # deterrence > resilience > speed, but speed over deterrence 9: CR far above 0.1
    s = Script("5", "1/9", "5", "1")
    with pytest.raises(Abandoned):
        s.run("ahp", C[:3])
    confirm = next(t for t in s.said if "Consistency ratio" in t)
    assert "is above 0.1" in confirm
    assert "1. speed over deterrence = 9:" in confirm  # said the way round the larger side reads
    assert s.said[-1] == "deterrence vs speed (now 1/9): which matters more, and how much?"
    s = Script("5", "1/9", "5", "1", "9", "y")  # revise listed judgement 1 to 9: deterrence over speed
    got = s.run("ahp", C[:3]).analysts[0].answer
    assert got.judgements[("deterrence", "speed")] == 9
    assert any("now 1/9" in t for t in s.said)


def test_a_bad_judgement_is_asked_again_and_the_answer_explained():
    s = Script("12", "1/3", "y")
    got = s.run("ahp", C[:2]).analysts[0].answer
    assert got.judgements == {("deterrence", "resilience"): 1 / 3}
    assert "  (resilience matters moderately more than deterrence)" in s.said
    assert any("outside Saaty's scale" in t for t in s.said)


def test_quit_and_end_of_input_abandon_the_session():
    with pytest.raises(Abandoned, match="quit"):
        Script("1", "q").run("rank")
    with pytest.raises(Abandoned, match="input ended"):
        Script("1").run("rank")


def test_undo_with_nothing_to_undo_says_so():
    s = Script("u", "1", "1", "1", "y")
    s.run("rank")
    assert "nothing to undo yet" in s.said
