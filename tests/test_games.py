"""Tests for ``alliances.models.games``: the Game class and the symmetric-game builders.

Expected values are worked out by hand in the comments, or recomputed by brute force from
the definitions (best response, dominance, Pareto optimality, pure equilibrium) with
plain loops that share no code with the library.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import nashpy
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from alliances import PRESETS, Game, alliance_formation_game, format_probability, symmetric_game

LABELS = ("Abstain", "Ally")


def snyder() -> Game:
    """Snyder's alliance game, T > R > P > S = 4, 3, 2, 1 (a prisoner's dilemma)."""
    return symmetric_game(4, 3, 2, 1, labels=LABELS, row_name="France", col_name="Russia")


@st.composite
def small_games(draw, max_side=3):
    m = draw(st.integers(1, max_side))
    n = draw(st.integers(1, max_side))
    A = draw(arrays(np.int64, (m, n), elements=st.integers(0, 3)))
    B = draw(arrays(np.int64, (m, n), elements=st.integers(0, 3)))
    return Game(A, B)


# ------------------------------------------------------------------------- construction


def test_construction_defaults():
    game = Game([[1, 2, 3], [4, 5, 6]], [[6, 5, 4], [3, 2, 1]])
    assert game.shape == (2, 3)
    assert game.row_labels == ("R1", "R2")
    assert game.col_labels == ("C1", "C2", "C3")
    assert (game.row_name, game.col_name) == ("Row", "Column")
    assert game.A.dtype == float and game.B.dtype == float
    assert game.A.tolist() == [[1, 2, 3], [4, 5, 6]]


def test_zero_sum_by_default():
    game = Game([[1, -2], [0, 3]])
    assert game.B.tolist() == [[-1, 2], [0, -3]]


def test_payoff_matrices_are_read_only_copies():
    A = np.array([[3.0, 1.0], [4.0, 2.0]])
    game = Game(A, A.T)
    A[0, 0] = 99.0                     # the caller's array is not the game's
    assert game.A[0, 0] == 3.0
    with pytest.raises(ValueError):
        game.A[0, 0] = 5.0             # and the game's arrays cannot be changed
    assert A.flags.writeable


def test_labels_and_names_are_kept():
    game = snyder()
    assert game.row_labels == LABELS and game.col_labels == LABELS
    assert (game.row_name, game.col_name) == ("France", "Russia")


def test_symmetric_game_layout():
    # Cooperate is strategy 0: (C, C) pays R, (C, D) pays S to Row, (D, C) pays T, (D, D) P.
    game = symmetric_game(7, 5, 2, 0)
    assert game.A.tolist() == [[5, 0], [7, 2]]
    assert game.B.tolist() == [[5, 7], [0, 2]]
    assert game.row_labels == game.col_labels == ("Cooperate", "Defect")


def test_alliance_formation_game_defaults():
    game = alliance_formation_game()
    assert (game.row_name, game.col_name) == ("State A", "State B")
    assert game.row_labels == LABELS
    assert game.A.tolist() == [[3, 1], [4, 2]]


def test_presets_are_the_documented_orderings():
    # (T, R, P, S) for each named game, checked against the textbook orderings.
    orders = {"Prisoner's Dilemma": "TRPS", "Stag Hunt": "RTPS", "Chicken": "TRSP",
              "Deadlock": "TPRS", "Harmony": "RTSP"}
    assert set(PRESETS) == set(orders)
    for name, (T, R, P, S) in PRESETS.items():
        values = {"T": T, "R": R, "P": P, "S": S}
        ranked = "".join(sorted(values, key=values.get, reverse=True))
        assert ranked == orders[name], name


# --------------------------------------------------------------------- payoffs and mixes


def test_payoffs_by_label_any_case():
    game = snyder()
    assert game.payoffs("Ally", "Abstain") == (4.0, 1.0)
    assert game.payoffs(" abstain ", "ALLY") == (1.0, 4.0)
    assert game.payoffs("Ally", "Ally") == (2.0, 2.0)


def test_expected_payoffs_by_hand():
    # A = [[3, 1], [4, 2]], B = A^T; x = (1/4, 3/4), y = (1/2, 1/2).
    # Row: 1/4 (3/2 + 1/2) + 3/4 (2 + 1) = 1/2 + 9/4 = 2.75.
    # Column: 1/4 (3/2 + 2) + 3/4 (1/2 + 1) = 7/8 + 9/8 = 2.0.
    game = snyder()
    assert game.expected_payoffs([0.25, 0.75], [0.5, 0.5]) == pytest.approx((2.75, 2.0))
    assert game.expected_payoffs("Abstain", "Ally") == (1.0, 4.0)
    # A label for one player and a mix for the other: (1/2)(1) + (1/2)(2) = 1.5 for Row.
    assert game.expected_payoffs([0.5, 0.5], "Ally") == pytest.approx((1.5, 3.0))
    assert game.expected_payoffs([Fraction(1, 4), Fraction(3, 4)],
                                 (Fraction(1, 2), Fraction(1, 2))) == pytest.approx((2.75, 2))


@settings(max_examples=60)
@given(small_games(), st.data())
def test_expected_payoffs_is_the_double_sum(game, data):
    m, n = game.shape
    x = np.array(data.draw(st.lists(st.integers(0, 5), min_size=m, max_size=m).filter(any)),
                 dtype=float)
    y = np.array(data.draw(st.lists(st.integers(0, 5), min_size=n, max_size=n).filter(any)),
                 dtype=float)
    x, y = x / x.sum(), y / y.sum()
    row = sum(x[i] * y[j] * game.A[i, j] for i in range(m) for j in range(n))
    col = sum(x[i] * y[j] * game.B[i, j] for i in range(m) for j in range(n))
    assert game.expected_payoffs(x, y) == pytest.approx((row, col), abs=1e-12)


# ----------------------------------------------------------------------- best responses


@settings(max_examples=150, deadline=None)
@given(small_games())
def test_every_equilibrium_support_is_a_best_response(game):
    """best_responses (floats, MIXING_TOLERANCE) agrees with the exact equilibria: against
    each extreme equilibrium's strategy, as the floats a reader would type, every strategy
    the other player mixes is a best response, and no strategy outside the best responses
    is used. Pure outcomes agree exactly (no slack is needed without mixing)."""
    for x, y in game.equilibria_exact():
        x_float, y_float = [float(p) for p in x], [float(p) for p in y]
        row_best = set(game.best_responses("row", y_float))
        col_best = set(game.best_responses("column", x_float))
        assert {game.row_labels[i] for i, p in enumerate(x) if p > 0} <= row_best
        assert {game.col_labels[j] for j, q in enumerate(y) if q > 0} <= col_best
    pure = {(r, c) for r in game.row_labels for c in game.col_labels
            if r in game.best_responses("row", c) and c in game.best_responses("column", r)}
    assert pure == set(game.pure_equilibria())


def test_a_near_tie_of_pure_payoffs_is_not_a_tie():
    """Pure payoffs are exact: 0.1 + 0.2 is more than 0.3, in the equilibria, in the best
    responses and in the Pareto comparison alike."""
    game = Game([[0.1 + 0.2, 0.0], [0.3, 0.0]], [[1.0, 0.0], [1.0, 0.0]])
    assert game.best_responses("row", game.col_labels[0]) == [game.row_labels[0]]
    assert game.pure_equilibria()[0][0] == game.row_labels[0]
    assert (game.row_labels[1], game.col_labels[0]) not in game.pareto_optimal_outcomes()


def test_best_responses_pure_and_mixed():
    game = symmetric_game(3, 4, 2, 1, labels=("Stag", "Hare"))   # A = [[4, 1], [3, 2]]
    assert game.best_responses("row", "Stag") == ["Stag"]
    assert game.best_responses("row", "Hare") == ["Hare"]
    # Against (1/4, 3/4): Stag pays 1 + 3/4 = 1.75, Hare 3/4 + 3/2 = 2.25.
    assert game.best_responses("column", [0.25, 0.75]) == ["Hare"]
    # Against (1/2, 1/2): Stag 2.5 = Hare 2.5, a tie: both, in label order.
    assert game.best_responses("column", [0.5, 0.5]) == ["Stag", "Hare"]
    assert game.best_responses("row", [0.5, 0.5]) == ["Stag", "Hare"]


def test_best_responses_accepts_player_names_and_abbreviations():
    game = snyder()
    for player in ("row", "ROW", " r ", "France", "france"):
        assert game.best_responses(player, "Abstain") == ["Ally"]
    for player in ("column", "col", "c", "Russia"):
        assert game.best_responses(player, "Abstain") == ["Ally"]


def test_best_responses_all_tied():
    game = Game([[1, 1], [1, 1]], [[0, 0], [0, 0]])
    assert game.best_responses("row", "C1") == ["R1", "R2"]
    assert game.best_responses("column", [0.3, 0.7]) == ["C1", "C2"]


@settings(max_examples=80)
@given(small_games())
def test_best_responses_to_pure_strategies_by_brute_force(game):
    m, n = game.shape
    for j, label in enumerate(game.col_labels):
        column = [game.A[i, j] for i in range(m)]
        expected = [game.row_labels[i] for i in range(m) if column[i] == max(column)]
        assert game.best_responses("row", label) == expected
    for i, label in enumerate(game.row_labels):
        row = [game.B[i, j] for j in range(n)]
        expected = [game.col_labels[j] for j in range(n) if row[j] == max(row)]
        assert game.best_responses("column", label) == expected


def test_is_best_response():
    game = snyder()
    assert game.is_best_response("Ally", "Ally") == (True, True)
    assert game.is_best_response("Ally", "Abstain") == (True, False)
    assert game.is_best_response("Abstain", "Ally") == (False, True)
    stag = symmetric_game(3, 4, 2, 1)
    assert stag.is_best_response([0.5, 0.5], [0.5, 0.5]) == (True, True)
    assert stag.is_best_response([0.5, 0.5], [0.6, 0.4]) == (False, True)


# ---------------------------------------------------------------------------- dominance


def test_strict_dominance_in_the_prisoners_dilemma():
    game = snyder()
    assert game.strictly_dominated_strategies("row") == ["Abstain"]
    assert game.strictly_dominated_strategies("column") == ["Abstain"]
    assert game.weakly_dominated_strategies("Russia") == ["Abstain"]
    assert game.dominant_strategy("row") == "Ally"
    assert game.dominant_strategy("column", strict=False) == "Ally"


def test_weak_but_not_strict_dominance():
    # P = S = 1: Abstain pays (3, 1), Ally (4, 1): never worse, once better.
    game = symmetric_game(4, 3, 1, 1, labels=LABELS)
    assert game.strictly_dominated_strategies("row") == []
    assert game.weakly_dominated_strategies("row") == ["Abstain"]
    assert game.dominant_strategy("row") is None
    assert game.dominant_strategy("row", strict=False) == "Ally"


def test_no_dominance_in_stag_hunt():
    game = symmetric_game(3, 4, 2, 1)
    assert game.strictly_dominated_strategies("row") == []
    assert game.weakly_dominated_strategies("column") == []
    assert game.dominant_strategy("row") is None
    assert game.dominant_strategy("column", strict=False) is None


def test_strict_dominance_by_a_mix_only():
    # R3 = (1, 1) is beaten by no pure row (R1 = (3, 0), R2 = (0, 3)), but the even mix
    # of R1 and R2 pays (1.5, 1.5) > (1, 1).
    game = Game([[3, 0], [0, 3], [1, 1]], np.zeros((3, 2)))
    assert game.strictly_dominated_strategies("row") == ["R3"]
    assert game.weakly_dominated_strategies("row") == ["R3"]
    # The same for the column player (the transposed game).
    swapped = Game(np.zeros((2, 3)), [[3, 0, 1], [0, 3, 1]])
    assert swapped.strictly_dominated_strategies("column") == ["C3"]


def test_weak_dominance_by_a_mix_only():
    # R3 = (1, 1, 0.5). The even mix of R1 and R2 pays (1, 1, 1): never worse and better in
    # C3; no mix is strictly better in C1 and C2 at once (2p > 1 and 2(1 - p) > 1).
    game = Game([[2, 0, 1], [0, 2, 1], [1, 1, 0.5]], np.zeros((3, 3)))
    assert game.strictly_dominated_strategies("row") == []
    assert game.weakly_dominated_strategies("row") == ["R3"]


def test_a_mix_equal_to_a_strategy_does_not_dominate_it():
    # R3 = (1, 1) equals the even mix of R1 and R2 everywhere: not even weakly dominated.
    game = Game([[2, 0], [0, 2], [1, 1]], np.zeros((3, 2)))
    assert game.weakly_dominated_strategies("row") == []
    # Identical rows do not dominate each other either.
    twins = Game([[1, 2], [1, 2]], np.zeros((2, 2)))
    assert twins.weakly_dominated_strategies("row") == []
    assert twins.dominant_strategy("row", strict=False) is None


def test_dominant_strategy_in_a_three_by_three_game():
    game = Game([[1, 1, 1], [2, 3, 4], [0, 2, 3]], np.zeros((3, 3)))
    assert game.dominant_strategy("row") == "R2"
    assert sorted(game.strictly_dominated_strategies("row")) == ["R1", "R3"]


def test_single_strategy_is_dominant_and_not_dominated():
    game = Game([[1, 2]], [[0, 0]])
    assert game.dominant_strategy("row") == "R1"
    assert game.strictly_dominated_strategies("row") == []


@settings(max_examples=80)
@given(small_games())
def test_pure_strict_dominance_is_found(game):
    # Whatever a brute-force search over pure strategies finds must be reported (mixed
    # dominance can only add to it).
    m, _ = game.shape
    reported = game.strictly_dominated_strategies("row")
    for k in range(m):
        if any(all(game.A[other] > game.A[k]) for other in range(m) if other != k):
            assert game.row_labels[k] in reported


# ------------------------------------------------------------------------------- Pareto


def test_pareto_optimal_outcomes_of_the_prisoners_dilemma():
    assert snyder().pareto_optimal_outcomes() == [("Abstain", "Abstain"), ("Abstain", "Ally"),
                                                  ("Ally", "Abstain")]


def test_pareto_with_ties():
    # (R1, C1) = (2, 2) and (R2, C2) = (2, 2): equal outcomes do not dominate each other;
    # (R1, C2) = (1, 2) is dominated by (2, 2); (R2, C1) = (3, 0) is optimal.
    game = Game([[2, 1], [3, 2]], [[2, 2], [0, 2]])
    assert game.pareto_optimal_outcomes() == [("R1", "C1"), ("R2", "C1"), ("R2", "C2")]


@settings(max_examples=80)
@given(small_games())
def test_pareto_optimal_outcomes_by_brute_force(game):
    m, n = game.shape
    cells = list(itertools.product(range(m), range(n)))

    def dominated(c):
        return any(game.A[d] >= game.A[c] and game.B[d] >= game.B[c]
                   and (game.A[d] > game.A[c] or game.B[d] > game.B[c]) for d in cells)

    expected = [(game.row_labels[i], game.col_labels[j]) for i, j in cells
                if not dominated((i, j))]
    assert game.pareto_optimal_outcomes() == expected


def test_is_pareto_efficient():
    game = snyder()
    assert not game.is_pareto_efficient("Ally", "Ally")
    assert game.is_pareto_efficient("Abstain", "Abstain")
    assert game.is_pareto_efficient("Ally", "Abstain")
    # The even mix by both pays (2.5, 2.5), beaten by (Abstain, Abstain) = (3, 3).
    assert not game.is_pareto_efficient([0.5, 0.5], [0.5, 0.5])
    # (3/4, 1/4) x (Abstain): Row 3/4 * 3 + 1/4 * 4 = 3.25, Column 3/4 * 3 + 1/4 * 1 = 2.5;
    # no pure outcome gives at least (3.25, 2.5) with one more.
    assert game.is_pareto_efficient([0.75, 0.25], "Abstain")


# --------------------------------------------------------------------------- equilibria


@settings(max_examples=80)
@given(small_games())
def test_pure_equilibria_by_brute_force(game):
    m, n = game.shape
    expected = {(game.row_labels[i], game.col_labels[j])
                for i in range(m) for j in range(n)
                if all(game.A[i, j] >= game.A[k, j] for k in range(m))
                and all(game.B[i, j] >= game.B[i, k] for k in range(n))}
    found = game.pure_equilibria()
    assert set(found) == expected and len(found) == len(expected)
    # Every pure equilibrium is an extreme equilibrium of the full analysis.
    extremes = {(tuple(x), tuple(y)) for x, y in game.equilibria_exact()}
    for r, c in found:
        x = tuple(Fraction(int(label == r)) for label in game.row_labels)
        y = tuple(Fraction(int(label == c)) for label in game.col_labels)
        assert (x, y) in extremes


def test_equilibria_of_chicken_by_hand():
    # A = [[3, 2], [4, 1]]: Straight with q makes Swerve pay 3 - q and Straight 4 - 3q,
    # equal at q = 1/2.
    game = symmetric_game(4, 3, 1, 2, labels=("Swerve", "Straight"))
    found = {(tuple(x), tuple(y)) for x, y in game.equilibria()}
    assert found == {((1.0, 0.0), (0.0, 1.0)), ((0.0, 1.0), (1.0, 0.0)),
                     ((0.5, 0.5), (0.5, 0.5))}
    assert all(isinstance(x, np.ndarray) for pair in game.equilibria() for x in pair)
    assert not game.is_degenerate and not game.has_infinitely_many_equilibria


def test_equilibrium_sets_of_a_continuum():
    # A = [[3, 1], [4, 1]], B = A^T: (any x, Ally) and (Ally, any y), worked out in
    # test_equilibria.py.
    game = symmetric_game(4, 3, 1, 1, labels=LABELS)
    sets = {(frozenset(map(tuple, xs)), frozenset(map(tuple, ys)))
            for xs, ys in game.equilibrium_sets()}
    ally, abstain = (0.0, 1.0), (1.0, 0.0)
    assert sets == {(frozenset({abstain, ally}), frozenset({ally})),
                    (frozenset({ally}), frozenset({abstain, ally}))}
    assert game.is_degenerate and game.has_infinitely_many_equilibria


def test_describe_equilibria_for_a_continuum():
    game = symmetric_game(4, 3, 1, 1, labels=LABELS)
    sentences = game.describe_equilibria()
    assert len(sentences) == 2
    row_sentence = next(s for s in sentences if s.startswith("Row"))
    col_sentence = next(s for s in sentences if s.startswith("Column"))
    for sentence, other in ((row_sentence, "Column's Ally"), (col_sentence, "Row's Ally")):
        assert "indifferent" in sentence
        assert "infinitely many" in sentence
        assert "any mix of Abstain and Ally" in sentence
        assert other in sentence


def test_describe_equilibria_uses_player_names():
    game = symmetric_game(4, 3, 1, 1, labels=LABELS, row_name="France", col_name="Russia")
    text = " ".join(game.describe_equilibria())
    assert "France is indifferent" in text and "Russia's Ally" in text


def test_describe_equilibria_pure_and_mixed():
    chicken = symmetric_game(4, 3, 1, 2, labels=("Swerve", "Straight"))
    sentences = chicken.describe_equilibria()
    assert "(Swerve, Straight) is an equilibrium." in sentences
    assert "(Straight, Swerve) is an equilibrium." in sentences
    mixed = [s for s in sentences if "mixed" in s]
    assert mixed == ["Row plays Swerve 1/2, Straight 1/2 and Column plays Swerve 1/2, "
                     "Straight 1/2: a mixed equilibrium."]
    assert not any("infinitely" in s for s in sentences)


def test_describe_equilibria_when_both_are_indifferent():
    game = Game(np.zeros((2, 2)), np.zeros((2, 2)), row_labels=["Up", "Down"],
                col_labels=["Left", "Right"])
    (sentence,) = game.describe_equilibria()
    assert sentence.startswith("Both are indifferent")
    assert "Up and Down" in sentence and "Left and Right" in sentence
    assert "infinitely many" in sentence


def test_describe_equilibria_for_a_mixed_segment():
    # Row's payoffs tie against C1; the equilibria (x, C1) with x = (p, 1 - p), p >= 1/3,
    # form a segment between (1, 0) and (1/3, 2/3) (worked out in test_equilibria.py).
    game = Game([[1, 0], [1, 2]], [[2, 0], [0, 1]])
    segment = next(s for s in game.describe_equilibria() if "infinitely" in s)
    assert "R1 1/3, R2 2/3" in segment and "R1" in segment and "C1" in segment


def test_describe_strategy():
    game = snyder()
    assert game.describe_strategy("Ally", "row") == "Ally"
    assert game.describe_strategy([1, 0], "column") == "Abstain"
    assert game.describe_strategy([0.25, 0.75], "row") == "Abstain 1/4, Ally 3/4"
    assert game.describe_strategy([1 / 3, 2 / 3], "row") == "Abstain 1/3, Ally 2/3"


def test_format_probability():
    assert format_probability(Fraction(2, 3)) == "2/3"
    assert format_probability(0.5) == "1/2"
    assert format_probability(1.0) == "1"
    assert format_probability(0) == "0"
    assert format_probability(1 / 7) == "1/7"
    assert format_probability(1 / 13) == "0.0769"          # denominator above 12
    assert format_probability(0.123456) == "0.123"
    assert format_probability(1 / 13, max_denominator=13) == "1/13"


# ------------------------------------------------------------------ equality, repr, nashpy


def test_equality():
    assert snyder() == snyder()
    other_names = symmetric_game(4, 3, 2, 1, labels=LABELS)
    assert snyder() != other_names
    assert symmetric_game(4, 3, 2, 1) != symmetric_game(4, 3, 1, 2)
    assert symmetric_game(4, 3, 2, 1) != symmetric_game(4, 3, 2, 1, labels=LABELS)
    assert snyder() != "a game"
    assert Game([[1, 2]], [[0, 0]]) != Game([[1, 2]], [[0, 1]])


def test_not_hashable():
    with pytest.raises(TypeError):
        hash(snyder())


def test_repr_round_trips():
    game = snyder()
    text = repr(game)
    assert text.startswith("Game(") and "France" in text and "Abstain" in text
    assert eval(text, {"Game": Game}) == game   # noqa: S307 - our own repr


def test_nashpy_property():
    game = snyder()
    assert isinstance(game.nashpy, nashpy.Game)
    A, B = game.nashpy.payoff_matrices
    assert np.array_equal(A, game.A) and np.array_equal(B, game.B)
    assert game.nashpy is game.nashpy        # made once
    # nashpy agrees on this nondegenerate game.
    (x, y), = game.nashpy.support_enumeration()
    assert x.tolist() == [0.0, 1.0] and y.tolist() == [0.0, 1.0]
