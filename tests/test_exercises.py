"""Tests for ``alliances.coursework.exercises``: instant feedback on the auto-checked questions.

The tests run over every question of the exercise bank, so a new question is covered as
soon as it is added: its computed answer must pass, equivalent spellings must pass, wrong
answers must fail without revealing the answer, and unreadable answers must get a helpful
message rather than an exception. A monkeypatched model shows that the answers are
computed from the model, not typed in.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

import numpy as np
import pytest

import alliances.coursework.bank.nb00 as nb00
from alliances import check, symmetric_game
from alliances.coursework.exercises import QUESTIONS, Feedback, Question, all_questions
from alliances.coursework.exercises import _expected_answer as expected_answer  # private: tests only

IDS = sorted(all_questions())


def by_kind(*kinds: str) -> list[str]:
    return [q for q in IDS if QUESTIONS[q].kind in kinds]


def raw_answer(question_id: str) -> object:
    """The right answer in the form the model returns it (labels in their own case)."""
    return QUESTIONS[question_id].answer()


def outcome_spellings(outcomes: list[tuple[str, str]]) -> list[object]:
    text = ", ".join(f"({a}, {b})" for a, b in outcomes)
    return [
        list(outcomes),
        list(reversed(outcomes)),
        set(outcomes),
        tuple(outcomes),
        [list(o) for o in outcomes],
        text,
        text.upper(),
        " and ".join(f"( {a.lower()} ,{b.lower()} )" for a, b in reversed(outcomes)),
        "; ".join(f"({a}/{b})" for a, b in outcomes),
        [f"({a}, {b})" for a, b in outcomes],          # a list of outcome strings
        repr(list(outcomes)),                           # a Python list written as text
    ]


def spellings(question_id: str) -> list[object]:
    """Answers equivalent to the right one, written the ways students write them."""
    question, right = QUESTIONS[question_id], raw_answer(question_id)
    if question.kind in ("label", "choice"):
        return [right, right.upper(), right.lower(), f"  {right} ", right.swapcase(),
                re.sub(" ", "  ", right)]
    if question.kind == "number":
        value = Fraction(right)
        tol = question.tolerance
        return [value, str(value), f" {value.numerator} / {value.denominator} ",
                float(value), np.float64(value), round(float(value), 3),
                float(value) + tol / 2, float(value) - tol / 2,
                f"{float(value) * 100:.1f}%", f"{float(value):.4f}"]
    if question.kind == "outcome":
        a, b = right
        return [(a, b), [a, b], f"({a}, {b})", f"{a.upper()}, {b.lower()}", f"{a} / {b}"]
    return outcome_spellings(list(right))


def wrong_answers(question_id: str) -> list[object]:
    question, right = QUESTIONS[question_id], expected_answer(question_id)
    if question.kind in ("label", "choice"):
        return [o for o in question.options if o.casefold() != right]
    if question.kind == "number":
        value = float(right)
        candidates = [value + 0.1, value - 0.05, 1 - value, Fraction(right) * 2, 2 * value + 1]
        return [str(c) if isinstance(c, Fraction) else c for c in candidates
                if abs(float(c) - value) > 2 * question.tolerance]
    game_labels = sorted({label for pair in right for label in pair}) if question.kind == (
        "outcomes") else sorted(set(right))
    cells = [(a, b) for a in game_labels for b in game_labels]
    if question.kind == "outcome":
        return [c for c in cells if c != right]
    wrong = [[c] for c in cells if frozenset([c]) != right]
    wrong.append([c for c in cells if c not in right])
    wrong.append("none")
    return wrong


def reveals(message: str, question_id: str, given: object) -> bool:
    """Whether a wrong-answer message gives away the right answer."""
    question, right = QUESTIONS[question_id], expected_answer(question_id)
    text = message.casefold()
    if question.kind in ("label", "choice"):
        # "no other outcome" is the definition of Pareto efficiency, not the answer "no".
        text = text.replace("no other", "")
        return re.search(rf"\b{re.escape(right)}\b", text) is not None
    if question.kind == "number":
        value = Fraction(right)
        forms = {str(value), f"{float(value):.2f}", f"{float(value) * 100:.0f}%"}
        return any(form in text.replace(" ", "") for form in forms)
    outcomes = [right] if question.kind == "outcome" else list(right)
    given_text = str(given).casefold()
    for a, b in outcomes:
        pattern = rf"\(\s*{re.escape(a)}\s*,\s*{re.escape(b)}\s*\)"
        if re.search(pattern, text) and not re.search(pattern, given_text):
            return True          # names a right outcome the student has not given
    return False


def test_the_bank_is_not_empty_and_well_formed():
    assert IDS, "no questions found"
    for question_id in IDS:
        question = QUESTIONS[question_id]
        assert isinstance(question, Question) and question.id == question_id
        assert re.fullmatch(r"\d\d-[a-z0-9-]+", question_id)
        assert question.kind in ("number", "label", "outcome", "outcomes", "choice")
        assert question.advice.strip()
        if question.kind in ("label", "choice"):
            assert question.options


@pytest.mark.parametrize("question_id", IDS)
def test_the_computed_answer_passes(question_id):
    feedback = check(question_id, raw_answer(question_id))
    assert isinstance(feedback, Feedback)
    assert feedback.correct and feedback.answered
    assert str(feedback).startswith("Correct.")


@pytest.mark.slow  # a sweep over every question (or a kernel): not in the quick subset
@pytest.mark.parametrize("question_id", IDS)
def test_equivalent_spellings_pass(question_id):
    for answer in spellings(question_id):
        feedback = check(question_id, answer)
        assert feedback.correct, (answer, feedback.message)


@pytest.mark.slow  # a sweep over every question (or a kernel): not in the quick subset
@pytest.mark.parametrize("question_id", IDS)
def test_wrong_answers_fail_without_revealing_the_answer(question_id):
    answers = wrong_answers(question_id)
    assert answers
    for answer in answers:
        feedback = check(question_id, answer)
        assert not feedback.correct and feedback.answered, answer
        assert feedback.message.strip()
        assert not reveals(feedback.message, question_id, answer), (answer, feedback.message)
        assert "could not read" not in feedback.message, (answer, feedback.message)


@pytest.mark.parametrize("question_id", IDS)
@pytest.mark.parametrize("placeholder", [None, ...])
def test_placeholder_is_not_answered(question_id, placeholder):
    feedback = check(question_id, placeholder)
    assert not feedback.correct and not feedback.answered
    assert "Replace the placeholder" in feedback.message
    assert "Not answered yet" in str(feedback)


UNREADABLE = {
    "number": ["abc", "", "%", "abc%", "1/0", [0.3, 0.3], {"p": 0.3}, object(), True,
               float("nan"), float("inf"), "nan", "-inf", "1e400", 10 ** 400],
    "label": [3, ["Ally"], None.__class__, "Maybe", "", b"Ally"],
    "choice": [3, ["yes"], "perhaps", b"no", True],
    "outcome": [3, "Stag", ("a", "b", "c"), [1, 2]],
    "outcomes": [3, "Stag Stag, Hare Hare", [("a", "b", "c")], [1, 2], {"a": "b"}],
}


@pytest.mark.parametrize("question_id", IDS)
def test_unreadable_answers_get_a_helpful_message(question_id):
    for answer in UNREADABLE[QUESTIONS[question_id].kind]:
        feedback = check(question_id, answer)        # must not raise
        assert not feedback.correct, answer
        assert feedback.message.startswith("I could not read that answer"), (
            answer, feedback.message)
        assert len(feedback.message) > len("I could not read that answer: ") + 10


def test_targeted_hints():
    message = check("00-chicken-mixed", "2/3").message
    assert "backing down" in message
    message = check("00-best-response", "abstain").message
    assert "own payoff" in message
    message = check("00-stag-hunt-equilibria", [("Stag", "Stag")]).message
    assert "one of them" in message


def test_feedback_html_is_escaped_and_accessible():
    page = Feedback(False, "a < b", True)._repr_html_()
    assert "a &lt; b" in page and "role='status'" in page
    assert "\u2714" in check("00-best-response", "Ally")._repr_html_()


def test_unknown_or_malformed_question_id():
    with pytest.raises(ValueError, match="question_id"):
        check("99-no-such-question", "Ally")
    with pytest.raises(ValueError, match="question_id"):
        expected_answer("")
    for bad in (None, 0, ["00-best-response"], b"00-best-response"):
        with pytest.raises(TypeError, match="question_id"):
            check(bad, "Ally")
        with pytest.raises(TypeError, match="question_id"):
            expected_answer(bad)


# ---------------------------------------------------- answers are computed from the model


def test_expected_answers_by_hand():
    # Snyder's game A = [[3, 1], [4, 2]] (Abstain, Ally): against Abstain, Ally pays 4 > 3;
    # Abstain is strictly dominated; (Ally, Ally) = (2, 2) < (3, 3): not efficient.
    # Chicken A = [[3, 2], [4, 0]]: Firm with q makes Back down pay 3 - q and Firm 4 - 4q,
    # equal at q = 1/3. Stag hunt A = [[4, 1], [3, 2]]: both diagonal cells.
    assert expected_answer("00-best-response") == "ally"
    assert expected_answer("00-dominated") == "abstain"
    assert expected_answer("00-pareto") == "no"
    assert expected_answer("00-chicken-mixed") == Fraction(1, 3)
    assert expected_answer("00-stag-hunt-equilibria") == frozenset(
        {("stag", "stag"), ("hare", "hare")})


def test_answers_follow_the_model(monkeypatch):
    # Harmony (T, R, P, S) = (3, 4, 1, 2): Abstain is best against Abstain, Ally is
    # dominated, (Ally, Ally) = (1, 1) is still inefficient.
    monkeypatch.setattr(nb00, "_snyder", lambda: symmetric_game(
        3, 4, 1, 2, labels=("Abstain", "Ally"), row_name="State A", col_name="State B"))
    assert expected_answer("00-best-response") == "abstain"
    assert check("00-best-response", "Abstain").correct
    assert not check("00-best-response", "Ally").correct
    assert expected_answer("00-dominated") == "ally"
    # (T, R, P, S) = (1, 2, 3, 0): (Ally, Ally) = (3, 3) is the best cell for both.
    monkeypatch.setattr(nb00, "_snyder", lambda: symmetric_game(
        1, 2, 3, 0, labels=("Abstain", "Ally")))
    assert expected_answer("00-pareto") == "yes"
    # Chicken (4, 3, 0, 1): A = [[3, 1], [4, 0]]; Back down pays 3 - 2q, Firm 4 - 4q,
    # equal at q = 1/2.
    monkeypatch.setattr(nb00, "_chicken", lambda: symmetric_game(
        4, 3, 0, 1, labels=("Back down", "Stand firm")))
    assert expected_answer("00-chicken-mixed") == Fraction(1, 2)
    assert check("00-chicken-mixed", 0.5).correct
    assert not check("00-chicken-mixed", "1/3").correct


def test_stag_hunt_answer_follows_the_model(monkeypatch):
    # Harmony labelled Stag/Hare: (Stag, Stag) is the only equilibrium.
    monkeypatch.setattr(nb00, "_stag", lambda: symmetric_game(
        3, 4, 1, 2, labels=("Stag", "Hare")))
    assert expected_answer("00-stag-hunt-equilibria") == frozenset({("stag", "stag")})


def test_number_tolerance():
    question = QUESTIONS["00-chicken-mixed"]
    right = float(expected_answer("00-chicken-mixed"))
    assert check("00-chicken-mixed", right + 0.9 * question.tolerance).correct
    assert not check("00-chicken-mixed", right + 1.5 * question.tolerance).correct
    assert math.isclose(question.tolerance, 0.005)


# ---------------------------------------------------- graded mode (issue 19)
import alliances.coursework.exercises as exercises  # noqa: E402
from alliances.coursework.exercises import (AnswerUnavailableError, check_form, grade,  # noqa: E402
                                 variants_of)


@pytest.fixture
def graded(monkeypatch):
    """Graded mode for one test (the public switch is one-way)."""
    monkeypatch.setitem(exercises._STATE, "graded", True)


def test_no_public_function_returns_an_answer_by_id():
    public = set(exercises.__all__)
    assert "expected_answer" not in public and not hasattr(exercises, "expected_answer")
    import alliances
    assert not hasattr(alliances, "expected_answer")


@pytest.mark.parametrize("question_id", IDS)
def test_graded_mode_reveals_nothing(graded, question_id):
    right, wrong = expected_answer(question_id), wrong_answers(question_id)[0]
    for answer in (right, wrong):
        for feedback in (check(question_id, answer), check_form(question_id, answer)):
            assert feedback.correct is None and feedback.readable, feedback
            assert "right" in feedback.message and "Well done" not in feedback.message
    # The two answers get the same words, apart from how each was read.
    assert check(question_id, wrong).message.split(". It is")[1] == check(
        question_id, right).message.split(". It is")[1]
    with pytest.raises(AnswerUnavailableError, match="graded"):
        QUESTIONS[question_id].answer()
    with pytest.raises(AnswerUnavailableError):
        all_questions()[question_id].answer()


def test_graded_mode_still_explains_the_form(graded):
    feedback = check("03-crisis-path", "support")
    assert not feedback.readable and "one of" in feedback.message
    assert "Cannot be read" in str(feedback)
    feedback = check("03-interior-cstar", ...)
    assert not feedback.answered and "a number" in feedback.message
    assert "\u2139" in check("03-interior-cstar", 0.3)._repr_html_()


def test_variant_answers_are_refused_in_graded_mode(graded):
    variants = variants_of("03")
    with pytest.raises(AnswerUnavailableError):
        variants.answer("03-interior-cstar", variants.defaults)
    for notebook in ("01", "03"):
        variants = variants_of(notebook)
        for function in variants.answers.values():
            with pytest.raises(AnswerUnavailableError):
                function(variants.defaults)


@pytest.mark.slow  # a sweep over every question (or a kernel): not in the quick subset
def test_the_environment_variable_starts_a_kernel_in_graded_mode(tmp_path):
    import os
    import subprocess
    import sys
    code = ("from alliances import check\n"
            "print(check('00-best-response', 'Ally').correct)\n"
            "from alliances.coursework.exercises import QUESTIONS\n"
            "try:\n    QUESTIONS['00-best-response'].answer()\n"
            "except RuntimeError as e:\n    print('refused')\n")
    env = dict(os.environ, ALLIANCES_EXERCISES="graded")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.stdout.split() == ["None", "refused"], result.stderr


def test_graded_mode_switch_is_one_way(monkeypatch):
    monkeypatch.setitem(exercises._STATE, "graded", False)
    exercises.graded_mode()
    assert exercises.in_graded_mode() and check("00-best-response", "Ally").correct is None
    assert not [name for name in exercises.__all__ if "self" in name or "ungrade" in name]


@pytest.mark.parametrize("question_id", IDS)
def test_grade_marks_against_the_given_value(question_id):
    right = raw_answer(question_id)
    assert grade(question_id, right, expected=right).correct
    for answer in wrong_answers(question_id)[:2]:
        feedback = grade(question_id, answer, expected=right)
        assert feedback.correct is False and "Expected" in feedback.message
    assert grade(question_id, "\u2603 garbage", expected=right).correct is False
    assert grade(question_id, ..., expected=right).answered is False


def test_grade_shows_expected_values_without_float_noise():
    message = grade("01-efficient-total", 1, expected=0.5555555555555554).message
    assert "5/9 (0.556)" in message and "0.5555" not in message
    assert "0.2734;" in grade("05-share-poland-2009", 1, expected=0.273412).message
    assert "Expected 3;" in grade("02-buffers", 2, expected=3).message


# ---------------------------------------------------- variants (issue 19)
def test_variants_exist_where_documented():
    assert sorted(variants_of("01").answers) == [
        "01-corner-income", "01-efficient-total", "01-nash-contribution"]
    assert sorted(variants_of("03").answers) == [
        "03-crisis-path", "03-interior-cstar", "03-support-threshold",
        "03-two-ally-equilibrium"]
    assert all(variants_of(n) is None for n in ("00", "02", "04", "05", "06", "07"))


@pytest.mark.parametrize("notebook", ["01", "03"])
def test_variant_defaults_are_the_notebooks_questions(notebook):
    variants = variants_of(notebook)
    for question_id in variants.answers:
        assert variants.answer(question_id, variants.defaults) == expected_answer(question_id)


@pytest.mark.parametrize("seed", range(6))
def test_variant_answers_follow_the_closed_forms(seed):
    # Closed forms by hand: x2 = (Y2 - (1 - a) Y1) / (2 - a); corner (1 - a) Y1; efficient
    # a (Y1 + Y2); c* = (2 L_A p_A - k) / (2 L_A p_A + 2 L_E p_E (1 - r0)); (W - D) / R.
    one = variants_of("01")
    p = one.parameters(seed)
    a, y1, y2 = p["alpha"], p["Y1"], p["Y2"]
    assert p != one.defaults
    assert float(one.answer("01-nash-contribution", p)) == pytest.approx((y2 - (1 - a) * y1)
                                                                         / (2 - a))
    assert float(one.answer("01-corner-income", p)) == pytest.approx((1 - a) * y1)
    assert float(one.answer("01-efficient-total", p)) == pytest.approx(a * (y1 + y2))
    three = variants_of("03")
    q = three.parameters(seed)
    assert q != three.defaults
    top = 2 * q["L_A"] * q["p_A"] - q["k"]
    c_star = top / (top + q["k"] + 2 * q["L_E"] * q["p_E"] * (1 - q["r0"]))
    assert float(three.answer("03-interior-cstar", q)) == pytest.approx(c_star)
    assert float(three.answer("03-support-threshold", q)) == pytest.approx(
        (q["W"] - q["D"]) / q["R"])


def test_variant_parameters_are_checked():
    three = variants_of("03")
    assert three.parameters(c=0.4)["c"] == 0.4
    assert three.parameters(3) == three.parameters(3)          # a seed is reproducible
    with pytest.raises(ValueError, match="unknown parameter"):
        three.parameters(L_X=3)
    with pytest.raises(ValueError, match="interior"):
        three.parameters(k=100)
    with pytest.raises(ValueError, match="two-digit"):
        variants_of("x3")


@pytest.mark.parametrize("question", [q for q in all_questions().values()
                                      if q.kind in ("choice", "outcome", "outcomes") and q.hints],
                         ids=lambda q: q.id)
def test_every_targeted_hint_can_be_reached(question):
    """Answers are compared case-folded, so a hint keyed "Reassure" would never be shown
    (as the hint of 06-best-policy was not, until this test)."""
    unreachable = [key for key in question.hints if key != key.casefold()]
    assert not unreachable, f"{question.id}: hints keyed {unreachable} are never looked up"


def test_the_hint_of_a_wrong_choice_is_shown():
    feedback = check("06-best-policy", "Reassure")
    assert not feedback.correct
    assert "-0.35 × 4 = -1.4" in str(feedback)
