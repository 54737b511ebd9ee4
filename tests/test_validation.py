"""Bad input to every public function and class raises ValueError or TypeError naming it.

The convention (CONTRIBUTING.md, "The library"): validate at the boundary, and let the
message name the argument, so that a student sees "sigma_r must sum to 1" rather than a
stack trace from inside numpy. A hypothesis test then throws junk of many types at the
main entry points: they either work or raise ValueError/TypeError, never anything else.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays, scalar_dtypes

from alliances import (
    Game,
    alliance_formation_game,
    check,
    classify,
    format_probability,
    summarise,
    symmetric_game,
)
from alliances._validation import (
    InputError,
    check_labels,
    check_name,
    check_payoff_matrix,
    check_probability_vector,
    check_real,
    label_index,
)
from alliances.data import load
from alliances.models.classification import family_of_payoffs
from alliances.models.equilibria import analyse
from alliances.coursework.exercises import _expected_answer as expected_answer  # private since issue 19
from alliances.views.payoff_matrix import PayoffMatrixPlot, plot_payoff_matrix
from alliances.views.style import figure_png, freeze_layout, new_axes
from alliances import PayoffEditor

PD = symmetric_game(4, 3, 2, 1, labels=("Abstain", "Ally"))
GOOD = [[3, 1], [4, 2]]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# Bad payoff matrices: (value, expected exception).
BAD_MATRICES = {
    "ragged": ([[1, 2], [3]], ValueError),
    "ragged_deep": ([[1, [2]], [3, 4]], ValueError),
    "string": ("[[1, 2], [3, 4]]", TypeError),
    "strings_inside": ([["1", "2"], ["3", "4"]], TypeError),
    "mixed_inside": ([[1, "a"], [3, 4]], TypeError),
    "none": (None, TypeError),
    "none_inside": ([[1, None], [3, 4]], TypeError),
    "dict": ({"a": 1}, TypeError),
    "nan": ([[1, float("nan")], [3, 4]], ValueError),
    "inf": ([[1, 2], [float("-inf"), 4]], ValueError),
    "empty": ([], ValueError),
    "empty_rows": ([[], []], ValueError),
    "one_dimensional": ([1, 2, 3], ValueError),
    "scalar": (5, ValueError),
    "three_dimensional": (np.zeros((2, 2, 2)), ValueError),
    "bool": (np.array([[True, False], [False, True]]), TypeError),
    "bool_list": ([[True, False], [False, True]], TypeError),
    "complex": (np.array([[1 + 2j, 0], [0, 1]]), TypeError),
    "too_large": (np.zeros((9, 2)), ValueError),
    "too_many_columns": (np.zeros((2, 9)), ValueError),
    "huge_int": ([[10 ** 400, 0], [0, 0]], ValueError),
    "huge_fraction": ([[Fraction(10 ** 400, 3), 0], [0, 0]], ValueError),
    "decimal_nan": ([[Decimal("NaN"), 0], [0, 0]], (ValueError, TypeError)),
    "dates": (np.array([["2020-01-01", "2020-01-02"]], dtype="datetime64[D]"), TypeError),
}


@pytest.mark.parametrize("case", sorted(BAD_MATRICES))
def test_game_rejects_bad_payoff_matrices(case):
    value, error = BAD_MATRICES[case]
    with pytest.raises(error, match=r"\bA\b"):
        Game(value, GOOD)
    if value is not None:                    # Game(A) with B = None is a zero-sum game
        with pytest.raises(error, match=r"\bB\b"):
            Game(GOOD, value)
    with pytest.raises(error, match=r"\bA\b"):
        analyse(value, GOOD)
    with pytest.raises(error, match=r"\bB\b"):
        analyse(GOOD, value)
    with pytest.raises(error, match=r"\bA\b"):
        family_of_payoffs(value, GOOD)


@pytest.mark.parametrize("call", [
    lambda: Game(GOOD, [[1, 2, 3], [4, 5, 6]]),
    lambda: analyse(GOOD, [[1, 2]]),
    lambda: family_of_payoffs(np.zeros((2, 3)), np.zeros((2, 3))),
])
def test_mismatched_or_wrong_shapes_name_both_matrices(call):
    with pytest.raises(ValueError) as caught:
        call()
    assert "A" in str(caught.value) and "B" in str(caught.value)


def test_messages_say_what_was_given():
    with pytest.raises(ValueError) as caught:
        Game([[1, 2], [3]])
    assert "[2, 1]" in str(caught.value)          # the row lengths
    with pytest.raises(ValueError) as caught:
        Game(np.zeros((9, 9)))
    assert "(9, 9)" in str(caught.value)


# (call, expected exception, the argument name the message must contain)
CASES = [
    # Game: names and labels
    (lambda: Game(GOOD, row_name=3), TypeError, "row_name"),
    (lambda: Game(GOOD, row_name="  "), TypeError, "row_name"),
    (lambda: Game(GOOD, col_name=None), TypeError, "col_name"),
    (lambda: Game(GOOD, row_name="Same", col_name="Same"), ValueError, "row_name"),
    (lambda: Game(GOOD, row_labels="AB"), TypeError, "row_labels"),
    (lambda: Game(GOOD, row_labels=["A"]), ValueError, "row_labels"),
    (lambda: Game(GOOD, row_labels=["A", "A"]), ValueError, "row_labels"),
    (lambda: Game(GOOD, row_labels=[1, 2]), TypeError, "row_labels"),
    (lambda: Game(GOOD, col_labels=["A", ""]), TypeError, "col_labels"),
    (lambda: Game(GOOD, col_labels=["A", "B", "C"]), ValueError, "col_labels"),
    (lambda: Game(GOOD, col_labels=5), TypeError, "col_labels"),
    # symmetric_game and alliance_formation_game
    (lambda: symmetric_game("4", 3, 2, 1), TypeError, "T"),
    (lambda: symmetric_game(4, float("nan"), 2, 1), ValueError, "R"),
    (lambda: symmetric_game(4, 3, float("inf"), 1), ValueError, "P"),
    (lambda: symmetric_game(4, 3, 2, None), TypeError, "S"),
    (lambda: symmetric_game(True, 3, 2, 1), TypeError, "T"),
    (lambda: symmetric_game(4, 3, 2, 1 + 1j), TypeError, "S"),
    (lambda: symmetric_game(4, 3, 2, 1, labels="AB"), TypeError, "labels"),
    (lambda: symmetric_game(4, 3, 2, 1, labels=("Ally",)), ValueError, "labels"),
    (lambda: symmetric_game(4, 3, 2, 1, row_name=1), TypeError, "row_name"),
    (lambda: alliance_formation_game(T=Decimal("4")), TypeError, "T"),
    (lambda: alliance_formation_game(S=float("nan")), ValueError, "S"),
    (lambda: alliance_formation_game(col_name=""), TypeError, "col_name"),
    # format_probability
    (lambda: format_probability("half"), TypeError, "value"),
    (lambda: format_probability(None), TypeError, "value"),
    (lambda: format_probability(float("nan")), ValueError, "value"),
    (lambda: format_probability(0.5, max_denominator="12"), TypeError, "max_denominator"),
    (lambda: format_probability(0.5, max_denominator=0), ValueError, "max_denominator"),
    # payoffs by label
    (lambda: PD.payoffs("Defect", "Ally"), ValueError, "row_strategy"),
    (lambda: PD.payoffs("Ally", 1), TypeError, "col_strategy"),
    (lambda: PD.payoffs(["Ally"], "Ally"), TypeError, "row_strategy"),
    # probability vectors
    (lambda: PD.expected_payoffs([0.5, 0.6], "Ally"), ValueError, "sigma_r"),
    (lambda: PD.expected_payoffs([1, 0, 0], "Ally"), ValueError, "sigma_r"),
    (lambda: PD.expected_payoffs([1.5, -0.5], "Ally"), ValueError, "sigma_r"),
    (lambda: PD.expected_payoffs([float("nan"), 1], "Ally"), ValueError, "sigma_r"),
    (lambda: PD.expected_payoffs([[0.5, 0.5]], "Ally"), ValueError, "sigma_r"),
    (lambda: PD.expected_payoffs([True, False], "Ally"), TypeError, "sigma_r"),
    (lambda: PD.expected_payoffs(["a", "b"], "Ally"), TypeError, "sigma_r"),
    (lambda: PD.expected_payoffs(None, "Ally"), TypeError, "sigma_r"),
    (lambda: PD.expected_payoffs({"Ally": 1}, "Ally"), TypeError, "sigma_r"),
    (lambda: PD.expected_payoffs([[1], [0, 1]], "Ally"), ValueError, "sigma_r"),
    (lambda: PD.expected_payoffs([10 ** 400, 0], "Ally"), ValueError, "sigma_r"),
    (lambda: PD.expected_payoffs("Ally", "Defect"), ValueError, "sigma_c"),
    (lambda: PD.expected_payoffs("Ally", [0.2, 0.2]), ValueError, "sigma_c"),
    (lambda: PD.expected_payoffs("Ally", []), ValueError, "sigma_c"),
    (lambda: PD.is_best_response([0.1, 0.1], "Ally"), ValueError, "sigma_r"),
    (lambda: PD.is_best_response("Ally", "Nope"), ValueError, "sigma_c"),
    (lambda: PD.is_pareto_efficient("Ally", [2, -1]), ValueError, "sigma_c"),
    (lambda: PD.describe_strategy([0.5], "row"), ValueError, "sigma"),
    # players
    (lambda: PD.best_responses("middle", "Ally"), ValueError, "player"),
    (lambda: PD.best_responses(0, "Ally"), TypeError, "player"),
    (lambda: PD.best_responses("row", [2, -1]), ValueError, "against"),
    (lambda: PD.best_responses("column", "Nope"), ValueError, "against"),
    (lambda: PD.strictly_dominated_strategies("nobody"), ValueError, "player"),
    (lambda: PD.weakly_dominated_strategies(None), TypeError, "player"),
    (lambda: PD.dominant_strategy(["row"]), TypeError, "player"),
    (lambda: PD.describe_strategy("Ally", "referee"), ValueError, "player"),
    # classification
    (lambda: classify([[1, 2], [3]]), ValueError, "game"),
    (lambda: classify("abc"), TypeError, "game"),
    (lambda: classify(Game(np.zeros((3, 3)))), ValueError, "game"),
    (lambda: classify(PD, GOOD), TypeError, "B"),
    (lambda: classify(GOOD, [[1, 2]]), ValueError, "B"),
    (lambda: summarise("a game"), TypeError, "game"),
    (lambda: summarise(GOOD), TypeError, "game"),
    # plots
    (lambda: PayoffMatrixPlot("a game"), TypeError, "game"),
    (lambda: PayoffMatrixPlot(PD, ax="axes"), TypeError, "ax"),
    (lambda: PayoffMatrixPlot(PD).update(GOOD), TypeError, "game"),
    (lambda: PayoffMatrixPlot(PD).update(Game(np.zeros((3, 2)))), ValueError, "game"),
    (lambda: plot_payoff_matrix("a game"), TypeError, "game"),
    (lambda: plot_payoff_matrix(GOOD), TypeError, "game"),
    (lambda: plot_payoff_matrix(PD, ax="axes"), TypeError, "ax"),
    (lambda: figure_png("a figure"), TypeError, "figure"),
    (lambda: figure_png(None), TypeError, "figure"),
    (lambda: freeze_layout(3), TypeError, "figure"),
    (lambda: new_axes(0, 3, pyplot=False), ValueError, "width"),
    (lambda: new_axes("wide", pyplot=False), TypeError, "width"),
    (lambda: new_axes(5, float("inf"), pyplot=False), ValueError, "height"),
    (lambda: new_axes(5, -1, pyplot=False), ValueError, "height"),
    # widgets
    (lambda: PayoffEditor(preset="Snowdrift"), ValueError, "preset"),
    (lambda: PayoffEditor(game="PD"), TypeError, "game"),
    (lambda: PayoffEditor(game=Game(np.zeros((2, 3)))), ValueError, "game"),
    (lambda: PayoffEditor(minimum=[0]), TypeError, "minimum"),
    (lambda: PayoffEditor(maximum="10"), TypeError, "maximum"),
    (lambda: PayoffEditor(step=float("nan")), ValueError, "step"),
    (lambda: PayoffEditor(on_change=42), TypeError, "on_change"),
    (lambda: PayoffEditor().set_game(Game(np.zeros((3, 3)))), ValueError, "game"),
    # exercises
    (lambda: check(7, "Ally"), TypeError, "question_id"),
    (lambda: check("no-such-id", "Ally"), ValueError, "question_id"),
    (lambda: expected_answer(None), TypeError, "question_id"),
]


@pytest.mark.parametrize("call, error, name", CASES,
                         ids=[f"{i:02d}-{name}" for i, (_, _, name) in enumerate(CASES)])
def test_bad_input_names_the_argument(call, error, name):
    with pytest.raises(error) as caught:
        call()
    assert name in str(caught.value), str(caught.value)


def test_good_input_still_works():
    # The boundary accepts what the docstrings promise: numpy arrays, tuples, Fractions,
    # numpy scalars, labels in any case.
    game = Game(np.array(GOOD), ((3, 4), (1, 2)), row_labels=("a", "b"))
    assert game.expected_payoffs((Fraction(1, 2), Fraction(1, 2)), "C2") == (1.5, 3.0)
    assert game.expected_payoffs(np.array([0.5, 0.5]), "c2") == (1.5, 3.0)
    assert symmetric_game(np.float64(4), np.int64(3), Fraction(2), 1).A[0, 0] == 3
    assert format_probability(Fraction(1, 3)) == "1/3"


# --------------------------------------------------------------------- junk, at random


def junk_values():
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(), st.complex_numbers(),
        st.text(max_size=4), st.binary(max_size=4), st.fractions(), st.decimals(),
        st.just(Ellipsis), st.just(object()), st.sampled_from(["row", "column", "C1", "R2"]))
    containers = st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=4), st.tuples(children, children),
            st.dictionaries(st.text(max_size=2), children, max_size=2),
            st.frozensets(st.integers(-3, 3), max_size=3)),
        max_leaves=10)
    numeric_tables = st.lists(st.lists(st.one_of(st.integers(-5, 5), st.floats()), min_size=0,
                                       max_size=3), min_size=0, max_size=3)
    numpy_arrays = arrays(scalar_dtypes(), array_shapes(min_dims=0, max_dims=3, min_side=0,
                                                        max_side=3))
    return st.one_of(containers, numeric_tables, numpy_arrays)


JUNK = junk_values()
ALLOWED = (ValueError, TypeError)


def works_or_rejects(function, *args, **kwargs) -> None:
    try:
        function(*args, **kwargs)
    except ALLOWED:
        pass


@pytest.mark.slow  # a sweep (every state, corner or junk input): not in the quick subset
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(JUNK, JUNK)
def test_game_and_classify_take_junk_calmly(first, second):
    works_or_rejects(Game, first)
    works_or_rejects(Game, first, second)
    works_or_rejects(Game, GOOD, second)
    works_or_rejects(classify, first)
    works_or_rejects(classify, first, second)
    works_or_rejects(analyse, first, second)


@pytest.mark.slow  # a sweep (every state, corner or junk input): not in the quick subset
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(JUNK, JUNK)
def test_methods_take_junk_calmly(first, second):
    works_or_rejects(PD.expected_payoffs, first, second)
    works_or_rejects(PD.expected_payoffs, "Ally", second)
    works_or_rejects(PD.best_responses, first, second)
    works_or_rejects(PD.best_responses, "row", second)
    works_or_rejects(PD.is_best_response, first, "Ally")
    works_or_rejects(PD.payoffs, first, second)
    works_or_rejects(PD.dominant_strategy, first)


@pytest.mark.slow  # a sweep (every state, corner or junk input): not in the quick subset
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(JUNK, JUNK, JUNK, JUNK)
def test_symmetric_game_takes_junk_calmly(t, r, p, s):
    works_or_rejects(symmetric_game, t, r, p, s)
    works_or_rejects(symmetric_game, 4, 3, 2, 1, labels=t)
    works_or_rejects(symmetric_game, 4, 3, 2, 1, row_name=r)
    works_or_rejects(format_probability, p)


@pytest.mark.slow  # a sweep (every state, corner or junk input): not in the quick subset
@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(JUNK)
def test_check_never_raises_for_any_answer(answer):
    from alliances.coursework.exercises import all_questions

    for question_id in all_questions():
        feedback = check(question_id, answer)
        assert isinstance(feedback.correct, bool)


@pytest.mark.parametrize(
    ("check", "bad"),
    [
        (lambda v: check_real(v, "x"), "3"),                       # wrong type
        (lambda v: check_real(v, "x", minimum=0), -1),              # out of range
        (lambda v: check_payoff_matrix(v, "A"), [[1, 2], [3]]),     # ragged
        (lambda v: check_payoff_matrix(v, "A"), None),              # not a table
        (lambda v: check_labels(v, 2, "labels"), ["a", "a"]),       # repeated
        (lambda v: check_name(v, "row_name"), 3),                   # not a string
        (lambda v: label_index(v, ("Abstain", "Ally"), "s"), "x"),  # unknown label
        (lambda v: check_probability_vector(v, ("A", "B"), "p"), [0.5, 0.6]),
        (lambda v: load(v), "no_such_data_set"),                    # a student's call
    ],
)
def test_every_boundary_check_raises_the_one_error_type(check, bad) -> None:
    """One clear error type at the student's boundary, still a ValueError and a TypeError."""
    with pytest.raises(InputError) as info:
        check(bad)
    assert isinstance(info.value, ValueError) and isinstance(info.value, TypeError)
