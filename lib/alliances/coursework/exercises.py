"""Feedback on exercises in two modes: self-study and graded assignments.

**Self-study** (the default; the notebooks as they are): ``check(question_id, answer)``
says at once whether an answer is right and, if not, what to reconsider. Each question's
right answer is *computed* by the library from the model the notebook uses, never typed in.
Feedback recognises common misconceptions, accepts equivalent answers (fractions or
decimals within a tolerance, labels in any case, outcomes in several spellings) and never
states the answer.

**Graded assignments** (what ``tools/make_nbgrader_source.py`` generates): the released
notebook calls :func:`graded_mode` in a locked cell. From then on, in that kernel,
``check`` only says whether an answer can be *read* (a number, one of the labels) and
explains the format (:func:`check_form`); it never says whether the answer is right, and
``Question.answer`` refuses to compute. The right values live only in nbgrader's hidden
tests of the instructor's source, written there by the tool, and are compared by
:func:`grade`, which takes the expected value as an argument. Setting the environment
variable ``ALLIANCES_EXERCISES=graded`` (for example on a hub used for an exam) starts
every kernel in graded mode. There is no public way back to self-study in a kernel.

What stays possible, and is documented for lecturers: a student can recompute an answer
with the library's models (that is the exercise, done by hand or in code), and a student
who reads the library's private code can find the default parameters' answers. A variant
(:class:`Variants`, ``--seed`` of the tool) closes the second route: its parameters exist
only in the question text and its answers only in the hidden tests.

Examples
--------
>>> check("00-best-response", "abstain").correct
False
>>> check("00-best-response", "ALLY").correct
True
>>> check_form("00-best-response", "ALLY").correct is None      # says nothing about it
True
>>> grade("03-interior-cstar", 0.7, expected="7/10").correct
True
"""

from __future__ import annotations

import html
import importlib
import math
import os
import pkgutil
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from alliances._validation import InputError, check_real, short_repr
from alliances.coursework.bank import variants_of
from alliances.i18n import _, N_
from alliances.coursework._answers import (normalise_label, parse_number, parse_outcome,
                                           parse_outcomes, show_number)

__all__ = ["Question", "Feedback", "Variants", "AnswerUnavailableError", "QUESTIONS",
           "all_questions", "check", "check_form", "grade", "graded_mode", "in_graded_mode",
           "variants_of"]

#: The mode of this kernel; graded mode is one-way (see :func:`graded_mode`).
_STATE = {"graded": os.environ.get("ALLIANCES_EXERCISES", "").strip().casefold() == "graded"}


def graded_mode() -> None:
    """Switch this kernel to graded mode, for good (a graded assignment's first cells do it).

    From then on :func:`check` only checks the form of an answer, like :func:`check_form`,
    and the bank's answers cannot be computed through ``Question.answer`` or
    :meth:`Variants.answer`. There is no public way back; restart the kernel without it.

    Examples
    --------
    The switch is not run here: it cannot be undone, and it would put every later example
    of this process in graded mode.

    >>> in_graded_mode()
    False
    >>> graded_mode()                                            # doctest: +SKIP
    >>> check("00-best-response", "Ally").correct is None        # doctest: +SKIP
    True
    """
    _STATE["graded"] = True


def in_graded_mode() -> bool:
    """Whether this kernel is in graded mode.

    Examples
    --------
    >>> in_graded_mode() in (True, False)
    True
    """
    return _STATE["graded"]


class AnswerUnavailableError(RuntimeError):
    """Raised when a graded assignment asks the library for a question's answer.

    Examples
    --------
    In self-study (the default) a question's answer is computed:

    >>> all_questions()["00-chicken-mixed"].answer()
    Fraction(1, 3)

    After :func:`graded_mode` the same call raises this error (not run here: graded mode
    cannot be left, and would hold for every later example of this process):

    >>> all_questions()["00-chicken-mixed"].answer()              # doctest: +SKIP
    Traceback (most recent call last):
    ...
    alliances.coursework.exercises.AnswerUnavailableError: The answer of '00-chicken-mixed' is ...
    """


def _refuse(question_id: str) -> None:
    if _STATE["graded"]:
        raise AnswerUnavailableError(
            _("The answer of {question_id} is not available in a graded assignment: the "
              "answers are marked after you hand in. You can still compute with the library's "
              "models yourself.").format(question_id=repr(question_id)))


class _SealedAnswer:
    """A question's answer function that refuses to run in graded mode."""

    __slots__ = ("_compute", "_id")

    def __init__(self, question_id: str, compute: Callable[..., object]) -> None:
        self._id, self._compute = question_id, compute

    def __call__(self, *args: object) -> object:
        _refuse(self._id)
        return self._compute(*args)

    def __repr__(self) -> str:
        return f"<answer of {self._id!r}>"

KINDS = ("number", "label", "outcome", "outcomes", "choice")


def _require(ok: bool, name: str, what: str, value: object) -> None:
    if not ok:
        raise InputError(f"{name} must be {what}; got {short_repr(value)}")


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

    Examples
    --------
    >>> question = all_questions()["00-best-response"]
    >>> question.kind, question.options
    ('label', ('Abstain', 'Ally'))

    >>> Question("99-share", "number", lambda: 0.25, "Divide the part by the whole.").kind
    'number'
    """

    id: str
    kind: str
    answer: Callable[[], object]
    advice: str
    hints: dict[str, str] = field(default_factory=dict)
    options: tuple[str, ...] = ()
    tolerance: float = 0.005

    def __post_init__(self) -> None:
        _require(all(isinstance(v, str) and v.strip() for v in (self.id, self.advice)),
                 "id and advice", "non-empty strings", (self.id, self.advice))
        _require(self.kind in KINDS, "kind", f"one of {KINDS}", self.kind)
        _require(callable(self.answer), "answer", "a function of no arguments", self.answer)
        _require(isinstance(self.hints, Mapping) and all(isinstance(x, str) for pair in
                 self.hints.items() for x in pair), "hints", "a dict of str to str", self.hints)
        _require(isinstance(self.options, tuple) and all(isinstance(o, str) for o in
                 self.options), "options", "a tuple of strings", self.options)
        object.__setattr__(self, "tolerance", check_real(self.tolerance, "tolerance", minimum=0))
        answer = self.answer
        if not isinstance(answer, _SealedAnswer):
            object.__setattr__(self, "answer", _SealedAnswer(self.id, answer))


@dataclass(frozen=True)
class Feedback:
    """The result of :func:`check`, :func:`check_form` or :func:`grade`.

    ``correct`` is True or False, or None when the answer's correctness is not revealed
    (:func:`check_form`); ``answered`` is False for the placeholder; ``readable`` says
    whether the answer could be read at all.

    Examples
    --------
    >>> feedback = check("00-chicken-mixed", "1/3")
    >>> feedback.correct, feedback.readable
    (True, True)
    >>> print(feedback)
    Correct. Well done.
    """

    correct: bool | None
    message: str
    answered: bool = True
    readable: bool = True

    def _mark(self) -> tuple[str, str]:
        if not self.answered:
            return "#0072B2", "\u2026 " + _("Not answered yet.")
        if self.correct is None:
            return ("#0072B2", "\u2139 " + _("Answer recorded.")) if self.readable else (
                "#D55E00", "\u2718 " + _("Cannot be read."))
        return (("#009E73", "\u2714 " + _("Correct.")) if self.correct else
                ("#D55E00", "\u2718 " + _("Not yet.")))

    def _repr_html_(self) -> str:
        colour, mark = self._mark()
        return (f"<div role='status' style='border-left:4px solid {colour};padding:4px 8px'>"
                f"<b>{mark}</b> {html.escape(self.message)}</div>")

    def __str__(self) -> str:
        return f"{self._mark()[1][2:]} {self.message}"

    __repr__ = __str__


def _canonical(question: Question, value: object) -> object:
    if question.kind == "number":
        return parse_number(value)
    if question.kind in ("label", "choice"):
        if not isinstance(value, str):
            raise TypeError(_("a word is expected, one of {options}; got {given}").format(
                options=list(question.options), given=repr(value)))
        label = normalise_label(value)
        allowed = [normalise_label(o) for o in question.options]
        if allowed and label not in allowed:
            raise TypeError(_("the answer must be one of {options}; got {given}").format(
                options=list(question.options), given=repr(value)))
        return label
    if question.kind == "outcome":
        return parse_outcome(value)
    return parse_outcomes(value)


def _key(question: Question, value: object) -> str:
    """A normalised text key for looking up targeted hints."""
    if question.kind == "number":
        return str(Fraction(value).limit_denominator(100))
    if question.kind == "outcome":
        return f"({value[0]}, {value[1]})"
    if question.kind == "outcomes":
        return "; ".join(f"({a}, {b})" for a, b in sorted(value))
    return str(value)


def _expected_answer(question_id: str) -> object:
    """The computed right answer of a question, canonical (for the tool and the tests).

    Private on purpose: a graded assignment's students must not find it in the public API.

    Examples
    --------
    >>> _expected_answer("00-chicken-mixed")
    Fraction(1, 3)
    """
    question = _question(question_id)
    return _canonical(question, question.answer._compute())


def _show(question: Question, value: object) -> str:
    """A canonical answer written for a student (labels in the options' spelling)."""
    if question.kind == "number":
        return show_number(value, question.tolerance)
    spelled = {normalise_label(o): o for o in question.options}
    if question.kind in ("label", "choice"):
        return repr(spelled.get(value, value))
    if question.kind == "outcome":
        return "({}, {})".format(*value)
    return ", ".join("({}, {})".format(*pair) for pair in sorted(value)) or _("none")


@lru_cache(maxsize=1)
def all_questions() -> dict[str, Question]:
    """Every question of the course by id, from every module of the exercise bank.

    Examples
    --------
    >>> "00-best-response" in all_questions()
    True
    """
    from alliances.coursework import bank as exercise_bank

    found: dict[str, Question] = {}
    for module_info in sorted(pkgutil.iter_modules(exercise_bank.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{exercise_bank.__name__}.{module_info.name}")
        for question in getattr(module, "QUESTIONS", ()):
            if question.id in found:
                raise RuntimeError(f"duplicate question id {question.id!r} in {module.__name__}")
            found[question.id] = question
    return found


@lru_cache(maxsize=None)
def _bank_questions(notebook: str) -> dict[str, Question]:
    """The questions of one notebook's bank module (so that a check loads only its models)."""
    try:
        module = importlib.import_module(f"alliances.coursework.bank.nb{notebook}")
    except ModuleNotFoundError:
        return {}
    return {question.id: question for question in getattr(module, "QUESTIONS", ())}


def __getattr__(name: str) -> object:
    # ``QUESTIONS`` is built on first use, after the exercise bank can import this module.
    if name == "QUESTIONS":
        return all_questions()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _question(question_id: object) -> Question:
    if not isinstance(question_id, str):
        raise TypeError(_("question_id must be a string such as {example}; got {kind} {given}"
                          ).format(example="'00-best-response'", kind=type(question_id).__name__,
                                   given=repr(question_id)))
    questions = _bank_questions(question_id[:2]) if question_id[:2].isdigit() else {}
    if question_id not in questions:
        questions = all_questions()
    if question_id not in questions:
        raise ValueError(_("question_id {given} is unknown; known ids: {known}").format(
            given=repr(question_id), known=sorted(questions)))
    return questions[question_id]


def _matches(question: Question, given: object, right: object) -> bool:
    if question.kind == "number":
        return abs(float(given) - float(right)) <= (
            0 if isinstance(given, Fraction) and given == right else question.tolerance)
    return given == right


def check(question_id: str, answer: object) -> Feedback:
    """Check a student's answer and explain, without giving the answer away.

    In graded mode (see :func:`graded_mode`) this is :func:`check_form`: it says whether
    the answer can be read, not whether it is right.

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
        Shown as a coloured note in the notebook; ``.correct`` is True or False
        (None in graded mode).

    Examples
    --------
    >>> check("00-chicken-mixed", "1/3").correct, check("00-chicken-mixed", 0.333).correct
    (True, True)
    >>> print(check("00-chicken-mixed", "2/3"))
    Not yet. That is the probability of backing down, not of standing firm. ...
    """
    if _STATE["graded"]:
        return check_form(question_id, answer)
    question = _question(question_id)
    if answer is None or answer is Ellipsis:
        return Feedback(False, _("Replace the placeholder with your answer and run the cell "
                                 "again."), answered=False, readable=False)
    try:
        given = _canonical(question, answer)
    except TypeError as error:
        return Feedback(False, _("I could not read that answer: {error}.").format(error=error),
                        readable=False)
    if _matches(question, given, _canonical(question, question.answer._compute())):
        return Feedback(True, _("Well done."))
    hint = question.hints.get(_key(question, given), "")
    return Feedback(False, (_(hint) + " " if hint else "") + _(question.advice))


#: How each kind of answer is written (the bank's questions translate it where shown).
_FORMS = {
    "number": N_("a number, such as 0.5, '1/2' or '50%'"),
    "label": N_("one of the labels {options}"),
    "choice": N_("one of {options}"),
    "outcome": N_("an outcome naming two strategies, the row player's first, such as "
                  "('A', 'B')"),
    "outcomes": N_("a list of outcomes such as [('A', 'B'), ('B', 'A')], or 'none'"),
}


def check_form(question_id: str, answer: object) -> Feedback:
    """Say whether an answer can be read, and how it was read, but not whether it is right.

    What a graded assignment shows the student: ``.correct`` is always None; ``.readable``
    says whether the marker will be able to read the answer.

    Examples
    --------
    >>> print(check_form("03-interior-cstar", "5/8"))
    Answer recorded. It reads as the number 5/8 (0.625). It is marked after you hand in; ...
    >>> print(check_form("03-crisis-path", "support"))
    Cannot be read. I could not read that answer: the answer must be one of ...
    >>> check_form("03-interior-cstar", ...).answered
    False
    """
    question = _question(question_id)
    form = _(_FORMS[question.kind]).format(options=list(question.options))
    if answer is None or answer is Ellipsis:
        return Feedback(None, _("Replace the placeholder with your answer ({form}) and run the "
                                "cell again.").format(form=form),
                        answered=False, readable=False)
    try:
        given = _canonical(question, answer)
    except TypeError as error:
        return Feedback(None, _("I could not read that answer: {error}. Expected: {form}."
                                ).format(error=error, form=form), readable=False)
    reads = (_("It reads as the number {answer}. It is marked after you hand in; this check "
               "does not say whether it is right.") if question.kind == "number" else
             _("It reads as {answer}. It is marked after you hand in; this check does not say "
               "whether it is right."))
    return Feedback(None, reads.format(answer=_show(question, given)))


def grade(question_id: str, answer: object, expected: object) -> Feedback:
    """Mark an answer against an expected value given by the caller (nbgrader's hidden tests).

    The expected value is an argument, written into the instructor's hidden test by
    ``tools/make_nbgrader_source.py`` from the library's models, so this function reveals
    nothing a student does not already have. Wrong answers are told the expected value
    (the student sees it in the feedback, after marking).

    Examples
    --------
    >>> grade("03-interior-cstar", 0.625, expected="5/8").correct
    True
    >>> print(grade("03-interior-cstar", "1/2", expected="5/8"))
    Not yet. Expected 5/8 (0.625); your answer reads as 1/2 (0.5). ...
    >>> print(grade("03-crisis-path", "garbage", expected="no challenge"))
    Not yet. I could not read that answer: the answer must be one of ...
    """
    question = _question(question_id)
    try:
        right = _canonical(question, expected)
    except TypeError as error:
        raise TypeError(f"expected must be a right answer to {question_id!r}: {error}") from None
    if answer is None or answer is Ellipsis:
        return Feedback(False, _("Not answered; expected {expected}.").format(
            expected=_show(question, right)), answered=False, readable=False)
    try:
        given = _canonical(question, answer)
    except TypeError as error:
        return Feedback(False, _("I could not read that answer: {error}. Expected {expected}."
                                 ).format(error=error, expected=_show(question, right)),
                        readable=False)
    if _matches(question, given, right):
        return Feedback(True, _("{expected} is right.").format(expected=_show(question, right)))
    return Feedback(False, _("Expected {expected}; your answer reads as {given}. {advice}"
                             ).format(expected=_show(question, right),
                                      given=_show(question, given), advice=_(question.advice)))


# ----------------------------------------------------------------- variants
@dataclass(frozen=True)
class Variants:
    """How a notebook's auto-checked questions follow from their parameters.

    A bank module defines ``VARIANTS`` when some of its questions have natural parameters.
    ``tools/make_nbgrader_source.py --seed N`` draws a variant, rewrites each question's
    sentence that states the parameters (``texts``), and writes the answers computed from
    the same parameters (``answers``) into the hidden tests.

    Attributes
    ----------
    defaults : mapping
        The parameters as the notebook states them.
    draw : callable
        ``draw(rng)`` returns new parameters (a dict) from a ``random.Random``.
    answers : mapping
        Question id to ``f(parameters)``, the right answer computed by the library.
    texts : mapping
        Question id to ``f(parameters)``, the sentence of the question that states them
        (with the defaults, exactly as in the notebook, up to line breaks).
    problem : callable
        ``problem(parameters)`` is None or says why the parameters make no good question.

    Examples
    --------
    >>> three = variants_of("03")
    >>> three.defaults["W"], sorted(three.answers)[-1]
    (5.0, '03-two-ally-equilibrium')

    >>> Variants({"c": 0.4}, lambda rng: {"c": rng.random()}, {"99-net": lambda p: 1 - p["c"]},
    ...          {"99-net": lambda p: f"It costs {p['c']}."}).parameters(seed=None)
    {'c': 0.4}
    """

    defaults: Mapping[str, float]
    draw: Callable[[random.Random], dict]
    answers: Mapping[str, Callable[[Mapping[str, float]], object]]
    texts: Mapping[str, Callable[[Mapping[str, float]], str]]
    problem: Callable[[Mapping[str, float]], str | None] = lambda parameters: None

    def __post_init__(self) -> None:
        _require(isinstance(self.defaults, Mapping) and bool(self.defaults) and all(
            isinstance(k, str) for k in self.defaults), "defaults", "a dict of names to "
            "numbers", self.defaults)
        _require(callable(self.draw) and callable(self.problem), "draw and problem",
                 "functions", (self.draw, self.problem))
        for name, value in (("answers", self.answers), ("texts", self.texts)):
            _require(isinstance(value, Mapping) and all(isinstance(k, str) and callable(f)
                     for k, f in value.items()), name, "a dict of ids to functions", value)
        try:
            self._checked(dict(self.defaults), sorted(self.defaults))
        except (TypeError, ValueError) as error:
            raise InputError(f"defaults: {error}") from None
        sealed = {question_id: function if isinstance(function, _SealedAnswer)
                  else _SealedAnswer(question_id, function)
                  for question_id, function in self.answers.items()}
        object.__setattr__(self, "answers", sealed)

    def parameters(self, seed: int | None = None, **overrides: float) -> dict[str, float]:
        """The defaults, or a variant drawn from ``seed``, with ``overrides`` on top.

        Raises
        ------
        ValueError
            If an override names an unknown parameter, or the parameters make a bad question.

        Examples
        --------
        >>> variants_of("03").parameters(seed=None, c=0.4)["c"]
        0.4
        """
        unknown = sorted(set(overrides) - set(self.defaults))
        if unknown:
            raise ValueError(f"unknown parameter(s) {unknown}; this notebook's parameters: "
                             f"{sorted(self.defaults)}")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise TypeError(f"seed must be an integer or None; got {seed!r}")
        values = dict(self.defaults) if seed is None else dict(self.draw(random.Random(seed)))
        values.update(overrides)
        return self._checked(values, sorted(overrides))

    def _checked(self, values: dict, names: list[str]) -> dict:
        """``values`` if every one is a finite number and they make a good question."""
        for name in names:
            value = values[name]
            if isinstance(value, bool) or not isinstance(value, (int, float, Fraction)):
                raise TypeError(f"parameter {name} must be a real number; got {value!r}")
            if not math.isfinite(value):
                raise ValueError(f"parameter {name} must be a finite number; got {value!r}")
        try:
            problem = self.problem(values)
        except (TypeError, ValueError) as error:
            raise type(error)(f"parameter(s) {', '.join(names)}: {error}") from None
        if problem:
            raise ValueError(f"parameters {values} do not make a good question: {problem}")
        return values

    def answer(self, question_id: str, parameters: Mapping[str, float]) -> object:
        """The canonical right answer for these parameters (refused in graded mode).

        Examples
        --------
        >>> three = variants_of("03")
        >>> three.answer("03-support-threshold", three.parameters(None, W=5, D=2, R=6))   # (W-D)/R
        0.5
        """
        question = _question(question_id)
        if question_id not in self.answers:
            raise ValueError(f"question_id {question_id!r} has no variant; these have: "
                             f"{sorted(self.answers)}")
        if not isinstance(parameters, Mapping) or set(parameters) != set(self.defaults):
            raise TypeError(f"parameters must map {sorted(self.defaults)} to numbers (see "
                            f"Variants.parameters); got {parameters!r}")
        values = self._checked(dict(parameters), sorted(self.defaults))
        return _canonical(question, self.answers[question_id](values))
