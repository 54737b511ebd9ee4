"""Instant feedback on exercises: ``check(question_id, answer)``.

Each question's right answer is *computed* by the library from the model the notebook
uses, never typed in. Feedback explains what to reconsider, recognises common
misconceptions, accepts equivalent answers (fractions or decimals within a tolerance,
labels in any case, outcomes in several spellings) and never reveals the answer.

Examples
--------
>>> check("00-best-response", "abstain").correct
False
>>> check("00-best-response", "ALLY").correct
True
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
import importlib
import pkgutil
from fractions import Fraction
from functools import lru_cache

__all__ = ["Question", "Feedback", "QUESTIONS", "all_questions", "check", "expected_answer"]

KINDS = ("number", "label", "outcome", "outcomes", "choice")


@dataclass(frozen=True)
class Question:
    """An auto-checked question.

    Attributes
    ----------
    id : str
        Notebook number and a slug, for example "00-best-response".
    kind : str
        One of "number", "label", "outcome", "outcomes", "choice".
    answer : callable
        Computes the right answer from the library.
    advice : str
        What to reconsider after a wrong answer (must not give the answer away).
    hints : dict
        Normalised wrong answers mapped to targeted explanations.
    options : tuple of str
        The allowed answers for "label" and "choice" questions.
    tolerance : float
        Absolute tolerance for "number" questions.
    """

    id: str
    kind: str
    answer: Callable[[], object]
    advice: str
    hints: dict[str, str] = field(default_factory=dict)
    options: tuple[str, ...] = ()
    tolerance: float = 0.005


@dataclass(frozen=True)
class Feedback:
    """The result of :func:`check`: whether the answer is right, and why."""

    correct: bool
    message: str
    answered: bool = True

    def _repr_html_(self) -> str:
        colour = "#009E73" if self.correct else ("#0072B2" if not self.answered else "#D55E00")
        mark = "\u2714 Correct." if self.correct else (
            "\u2026 Not answered yet." if not self.answered else "\u2718 Not yet.")
        return (f"<div role='status' style='border-left:4px solid {colour};padding:4px 8px'>"
                f"<b>{mark}</b> {html.escape(self.message)}</div>")

    def __str__(self) -> str:
        mark = "Correct." if self.correct else (
            "Not answered yet." if not self.answered else "Not yet.")
        return f"{mark} {self.message}"

    __repr__ = __str__


# ----------------------------------------------------------------- normalising answers
def _norm_label(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().casefold())


def _parse_number(answer: object) -> Fraction | float:
    value = _read_number(answer)
    try:
        finite = math.isfinite(float(value))
    except OverflowError:
        finite = False
    if not finite:
        raise TypeError(f"a finite number is expected (for example 0.5 or '1/2'); got "
                        f"{answer!r}")
    return value


def _read_number(answer: object) -> Fraction | float:
    if isinstance(answer, bool):
        raise TypeError("a number is expected (for example 0.5 or '1/2'), not True/False")
    if isinstance(answer, (int, Fraction)):
        return Fraction(answer)
    if isinstance(answer, float):
        return answer
    if isinstance(answer, str):
        text = answer.strip().replace(" ", "")
        try:
            if text.endswith("%"):
                return float(text[:-1]) / 100
            return Fraction(text)
        except (ValueError, ZeroDivisionError):
            pass
    try:
        return float(answer)  # numpy scalars
    except (TypeError, ValueError):
        raise TypeError(f"a number is expected (for example 0.5 or '1/2'); got "
                        f"{answer!r}") from None


def _parse_outcome(answer: object) -> tuple[str, str]:
    if isinstance(answer, str):
        parts = [p for p in re.split(r"[(),/;]|\band\b", answer) if p.strip()]
    elif isinstance(answer, (tuple, list)):
        parts = list(answer)
    else:
        raise TypeError(f"an outcome is expected, such as ('Ally', 'Ally'); got {answer!r}")
    if len(parts) != 2 or not all(isinstance(p, str) for p in parts):
        raise TypeError(f"an outcome names two strategies, the row player's first, such as "
                        f"('Ally', 'Ally'); got {answer!r}")
    # Quotes are spelling, not part of a label: "[('Stag', 'Stag')]" as text.
    first, second = (part.strip().strip("'\"") for part in parts)
    return _norm_label(first), _norm_label(second)


#: Text that is a whole outcome rather than one label, e.g. "(Stag, Stag)" or "Stag, Stag".
_OUTCOME_TEXT = re.compile(r"[(),/;]|\band\b")


def _parse_outcomes(answer: object) -> frozenset[tuple[str, str]]:
    if isinstance(answer, str):
        if _norm_label(answer) in ("", "none", "no equilibrium", "[]"):
            return frozenset()
        found = re.findall(r"\(([^()]*)\)", answer)
        if not found:
            raise TypeError("write outcomes in brackets, such as '(Stag, Stag), (Hare, Hare)', "
                            "or as a list of pairs")
        return frozenset(_parse_outcome(f) for f in found)
    if isinstance(answer, (list, tuple, set, frozenset)):
        items = list(answer)
        if len(items) == 2 and all(isinstance(i, str) and not _OUTCOME_TEXT.search(i)
                                   for i in items):
            items = [tuple(items)]   # a single outcome given as a pair
        return frozenset(_parse_outcome(item) for item in items)
    raise TypeError(f"a list of outcomes is expected, such as [('Stag', 'Stag')]; got "
                    f"{answer!r}")


def _canonical(question: Question, value: object) -> object:
    if question.kind == "number":
        return _parse_number(value)
    if question.kind in ("label", "choice"):
        if not isinstance(value, str):
            raise TypeError(f"a word is expected, one of {list(question.options)}; got "
                            f"{value!r}")
        label = _norm_label(value)
        allowed = [_norm_label(o) for o in question.options]
        if allowed and label not in allowed:
            raise TypeError(f"the answer must be one of {list(question.options)}; got "
                            f"{value!r}")
        return label
    if question.kind == "outcome":
        return _parse_outcome(value)
    return _parse_outcomes(value)


def _key(question: Question, value: object) -> str:
    """A normalised text key for looking up targeted hints."""
    if question.kind == "number":
        return str(Fraction(value).limit_denominator(100))
    if question.kind == "outcome":
        return f"({value[0]}, {value[1]})"
    if question.kind == "outcomes":
        return "; ".join(f"({a}, {b})" for a, b in sorted(value))
    return str(value)


def expected_answer(question_id: str) -> object:
    """The computed right answer of a question (for tests and instructors).

    Examples
    --------
    >>> expected_answer("00-chicken-mixed")
    Fraction(1, 3)
    """
    return _canonical(_question(question_id), _question(question_id).answer())


@lru_cache(maxsize=1)
def all_questions() -> dict[str, Question]:
    """Every question of the course by id, from every module of the exercise bank.

    Examples
    --------
    >>> "00-best-response" in all_questions()
    True
    """
    from . import exercise_bank

    found: dict[str, Question] = {}
    for module_info in sorted(pkgutil.iter_modules(exercise_bank.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{exercise_bank.__name__}.{module_info.name}")
        for question in getattr(module, "QUESTIONS", ()):
            if question.id in found:
                raise RuntimeError(f"duplicate question id {question.id!r} in {module.__name__}")
            found[question.id] = question
    return found


def __getattr__(name: str) -> object:
    # ``QUESTIONS`` is built on first use, after the exercise bank can import this module.
    if name == "QUESTIONS":
        return all_questions()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _question(question_id: object) -> Question:
    if not isinstance(question_id, str):
        raise TypeError(f"question_id must be a string such as '00-best-response'; got "
                        f"{type(question_id).__name__} {question_id!r}")
    questions = all_questions()
    if question_id not in questions:
        raise ValueError(f"question_id {question_id!r} is unknown; known ids: "
                         f"{sorted(questions)}")
    return questions[question_id]


def check(question_id: str, answer: object) -> Feedback:
    """Check a student's answer and explain, without giving the answer away.

    Parameters
    ----------
    question_id : str
        The id printed next to the exercise, for example "00-best-response".
    answer : object
        A number (0.5, "1/2", "50%"), a strategy label, an outcome such as
        ("Ally", "Ally") or "(Ally, Ally)", or a list of outcomes; ``None`` or ``...``
        means not answered yet.

    Returns
    -------
    Feedback
        Shown as a coloured note in the notebook; ``.correct`` is True or False.

    Examples
    --------
    >>> check("00-chicken-mixed", "1/3").correct, check("00-chicken-mixed", 0.333).correct
    (True, True)
    >>> print(check("00-chicken-mixed", "2/3"))
    Not yet. That is the probability of backing down, not of standing firm. ...
    """
    question = _question(question_id)
    if answer is None or answer is Ellipsis:
        return Feedback(False, "Replace the placeholder with your answer and run the cell "
                        "again.", answered=False)
    try:
        given = _canonical(question, answer)
    except TypeError as error:
        return Feedback(False, f"I could not read that answer: {error}.")
    right = _canonical(question, question.answer())
    if question.kind == "number":
        correct = abs(float(given) - float(right)) <= (
            0 if isinstance(given, Fraction) and given == right else question.tolerance)
    else:
        correct = given == right
    if correct:
        return Feedback(True, "Well done.")
    hint = question.hints.get(_key(question, given), "")
    return Feedback(False, (hint + " " if hint else "") + question.advice)


