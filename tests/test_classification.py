"""Tests for ``alliances.models.classification``: the family of a 2x2 game.

Expected families come from hand-made ordinal examples (the reasoning is in the
comments) and from a reference classifier written here from the definitions in the
module's docstring, with its own dominance, equilibrium and Pareto checks; it is run on
all 24 x 24 pairs of strict rank orders. Hypothesis checks that the family does not
depend on how strategies or players are listed.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from alliances import Game, classify, summarise, symmetric_game
from alliances.models.classification import FAMILIES, Classification, family_of_payoffs

LABELS = ("Abstain", "Ally")

# ------------------------------------------------------------------ hand-made examples

# Symmetric games from (T, R, P, S); the family follows from the ordering.
SYMMETRIC = [
    ((4, 3, 2, 1), "Prisoner's Dilemma", "T > R > P > S"),
    ((3, 4, 2, 1), "Stag Hunt", "R > T > P > S"),
    ((4, 3, 1, 2), "Chicken", "T > R > S > P"),
    # T > P > R > S: Defect dominates (4 > 2, 3 > 1); (D, D) = (3, 3) is not beaten for
    # both by any cell, but is not each side's best (T = 4): Deadlock.
    ((4, 2, 3, 1), "Deadlock", "T > P > R > S"),
    # R > T > S > P: Cooperate dominates (4 > 3, 2 > 1) and (C, C) is everyone's best.
    ((3, 4, 1, 2), "Harmony", "R > T > S > P"),
    # R > P > S > T: (C, C) and (D, D) are both equilibria (4 > 1, 3 > 2), both prefer
    # (C, C); T = 1 < P = 3, so the "safe" strategy is not safe: Coordination.
    ((1, 4, 3, 2), "Coordination", "R > P > S > T"),
]


@pytest.mark.parametrize("payoffs, family, ordinal", SYMMETRIC)
def test_symmetric_families(payoffs, family, ordinal):
    result = classify(symmetric_game(*payoffs, labels=LABELS))
    assert isinstance(result, Classification)
    assert result.family == family
    assert result.families == (family,)
    assert not result.ties and not result.on_boundary
    assert result.symmetric
    assert result.ordinal == ordinal
    assert result.description == FAMILIES[family]


# Asymmetric games, A and B with four distinct ranks each.
ASYMMETRIC = {
    # Row: R1 dominates (4 > 2, 3 > 1). Column: C1 against R1 (4 > 1), C2 against R2
    # (3 > 2): no dominant strategy.
    "Asymmetric dominance": ([[4, 3], [2, 1]], [[4, 1], [2, 3]]),
    # Equilibria (R1, C1) = (4, 3) and (R2, C2) = (3, 4): ranked oppositely; the other
    # cells (2, 1) and (1, 2) are not better for both than anyone's worse equilibrium.
    "Battle of the Sexes": ([[4, 2], [1, 3]], [[3, 1], [2, 4]]),
    # Column's ranks are exactly the reverse of Row's; best replies cycle.
    "Matching Pennies": ([[4, 1], [2, 3]], [[1, 4], [3, 2]]),
    # The same cycle (Column: C2 against R1, C1 against R2) but Row and Column both rank
    # (R1, C1) above (R2, C2): not strictly opposed.
    "Cyclic": ([[4, 1], [2, 3]], [[2, 4], [3, 1]]),
    # Equilibria (R1, C1) = (4, 3) and (R2, C2) = (3, 1), both prefer (R1, C1); Row's
    # "safe" R2 pays 2 against C1, less than 3 at (R2, C2): Coordination, not Stag Hunt.
    "Coordination": ([[4, 1], [2, 3]], [[3, 2], [0, 1]]),
    # R2 and C2 dominate; (R2, C2) = (3, 3) is beaten for both by no cell, but Row's best
    # is (R2, C1) = 4 and Column's is (R1, C2) = 4.
    "Deadlock": ([[2, 1], [4, 3]], [[1, 4], [2, 3]]),
    # R1 and C1 dominate and (R1, C1) is the best cell for both.
    "Harmony": ([[4, 3], [2, 1]], [[4, 1], [3, 2]]),
}


@pytest.mark.parametrize("family", sorted(ASYMMETRIC))
def test_asymmetric_families(family):
    A, B = ASYMMETRIC[family]
    assert not np.array_equal(np.array(B), np.array(A).T)    # really asymmetric
    result = classify(Game(A, B))
    assert result.family == family
    assert not result.symmetric
    assert result.T is None and result.cooperate is None
    assert family_of_payoffs(A, B) == (family,)


def test_trps_and_cooperate_label():
    result = classify(symmetric_game(4, 3, 2, 1, labels=LABELS))
    assert (result.T, result.R, result.P, result.S) == (4, 3, 2, 1)
    assert (result.cooperate, result.defect) == ("Abstain", "Ally")


def test_trps_when_strategies_are_listed_the_other_way_round():
    # Both players list Ally first: the same prisoner's dilemma.
    base = symmetric_game(4, 3, 2, 1, labels=LABELS)
    game = Game(base.A[::-1, ::-1], base.B[::-1, ::-1], row_labels=LABELS[::-1],
                col_labels=LABELS[::-1])
    result = classify(game)
    assert result.family == "Prisoner's Dilemma"
    assert (result.T, result.R, result.P, result.S) == (4, 3, 2, 1)
    assert (result.cooperate, result.defect) == ("Abstain", "Ally")
    assert result.ordinal == "T > R > P > S"


def test_symmetric_game_with_the_columns_listed_the_other_way_round():
    # Only the column player lists Ally first: still the symmetric prisoner's dilemma,
    # with the same T, R, P, S and the same cooperative strategy.
    base = symmetric_game(4, 3, 2, 1, labels=LABELS)
    game = Game(base.A[:, ::-1], base.B[:, ::-1], row_labels=LABELS, col_labels=LABELS[::-1])
    result = classify(game)
    assert result.family == "Prisoner's Dilemma"
    assert result.symmetric
    assert (result.T, result.R, result.P, result.S) == (4, 3, 2, 1)
    assert result.cooperate == "Abstain"


def test_an_asymmetric_game_is_not_called_symmetric():
    # A = [[1, 3], [2, 4]], B = [[2, 1], [4, 3]]. Row: R2 dominates; Column: C1 dominates;
    # (R2, C1) = (2, 4) is efficient but Row's best is 4 at (R2, C2): Deadlock. No
    # relabelling makes it symmetric: Row's ranks of its cells are (R1C1 < R2C1 < R1C2 <
    # R2C2), Column's of the mirrored cells are different under every relabelling, so it
    # has no T, R, P, S.
    A, B = np.array([[1, 3], [2, 4]]), np.array([[2, 1], [4, 3]])
    for rows, cols in itertools.product([[0, 1], [1, 0]], repeat=2):
        a, b = A[np.ix_(rows, cols)], B[np.ix_(rows, cols)]
        assert not np.array_equal(b, a.T)                   # no relabelling is symmetric
    result = classify(Game(A, B))
    assert result.family == "Deadlock"
    assert not result.symmetric
    assert result.T is None


def test_cooperate_is_the_strategy_that_helps_the_other_side():
    # symmetric_game(T, R, P, S) lists Cooperate first. Per the documented rule,
    # strategy 0 plays cooperation iff R + T > S + P (or = and R >= P); otherwise the
    # roles swap and T, R, P, S are read from the other strategy: (S, P, R, T).
    for T, R, P, S in itertools.permutations([1, 2, 3, 4]):
        result = classify(symmetric_game(T, R, P, S))
        if R + T > S + P or (R + T == S + P and R >= P):
            assert (result.T, result.R, result.P, result.S) == (T, R, P, S)
            assert result.cooperate == "Cooperate"
        else:
            assert (result.T, result.R, result.P, result.S) == (S, P, R, T)
            assert result.cooperate == "Defect"


# ------------------------------------------------------------------------------- ties


def test_tie_between_t_and_r_is_a_boundary():
    result = classify(symmetric_game(4, 4, 2, 1))
    assert result.family == "Prisoner's Dilemma / Stag Hunt"
    assert result.families == ("Prisoner's Dilemma", "Stag Hunt")
    assert result.ties and result.on_boundary
    assert result.ordinal == "T = R > P > S"
    assert "boundary" in result.description
    assert "Prisoner's Dilemma" in result.description and "Stag Hunt" in result.description


def test_tie_between_p_and_s_is_a_boundary():
    # T > R > P = S: P > S gives a prisoner's dilemma, S > P gives chicken.
    result = classify(symmetric_game(4, 3, 1, 1))
    assert set(result.families) == {"Prisoner's Dilemma", "Chicken"}


def test_a_tie_that_does_not_matter():
    # B has ties (3 = 3, 4 = 4) but C2 pays more in every row however they are broken;
    # R2 dominates (4 > 3, 2 > 1). (R2, C2) = (2, 4): nothing is better for both (Column
    # cannot get more than 4), Row's best is elsewhere: Deadlock.
    result = classify(Game([[3, 1], [4, 2]], [[3, 4], [3, 4]]))
    assert result.families == ("Deadlock",)
    assert result.ties and not result.on_boundary
    assert "Ties do not change the family" in result.description


def test_family_of_payoffs_docstring_cases():
    assert family_of_payoffs([[3, 1], [3, 2]], [[3, 3], [1, 2]]) == (
        "Prisoner's Dilemma", "Stag Hunt")
    assert set(family_of_payoffs([[3, 1], [3, 2]], [[3, 4], [1, 2]])) == {
        "Prisoner's Dilemma", "Asymmetric dominance"}


def test_classify_accepts_matrices():
    assert classify([[3, 1], [4, 2]], [[3, 4], [1, 2]]).family == "Prisoner's Dilemma"


# --------------------------------------------------- a reference classifier, by brute force


CELLS = [(0, 0), (0, 1), (1, 0), (1, 1)]


def reference_family(A: np.ndarray, B: np.ndarray) -> str:
    """The family of a strict 2x2 game from the definitions in the module docstring."""
    def row_dominant():
        return [i for i in (0, 1) if A[i, 0] > A[1 - i, 0] and A[i, 1] > A[1 - i, 1]]

    def col_dominant():
        return [j for j in (0, 1) if B[0, j] > B[0, 1 - j] and B[1, j] > B[1, 1 - j]]

    equilibria = [(i, j) for i, j in CELLS
                  if A[i, j] == A[:, j].max() and B[i, j] == B[i, :].max()]
    assert len(equilibria) <= 2              # a strict 2x2 game has at most two
    rows, cols = row_dominant(), col_dominant()
    if rows and cols:
        (eq,) = equilibria
        assert eq == (rows[0], cols[0])
        if any(A[c] > A[eq] and B[c] > B[eq] for c in CELLS):
            return "Prisoner's Dilemma"
        if A[eq] == A.max() and B[eq] == B.max():
            return "Harmony"
        return "Deadlock"
    if rows or cols:
        assert len(equilibria) == 1
        return "Asymmetric dominance"
    if len(equilibria) == 2:
        first, second = equilibria
        row_prefers_first = A[first] > A[second]
        col_prefers_first = B[first] > B[second]
        if row_prefers_first == col_prefers_first:
            good, bad = (first, second) if row_prefers_first else (second, first)
            # T > P for each: playing the bad equilibrium's strategy pays more when the
            # other plays for the good one than when the other also plays it.
            row_t_over_p = A[bad[0], good[1]] > A[bad[0], bad[1]]
            col_t_over_p = B[good[0], bad[1]] > B[bad[0], bad[1]]
            return "Stag Hunt" if row_t_over_p and col_t_over_p else "Coordination"
        others = [c for c in CELLS if c not in equilibria]
        row_worse = min(A[first], A[second])
        col_worse = min(B[first], B[second])
        if any(A[c] > row_worse and B[c] > col_worse for c in others):
            return "Chicken"
        return "Battle of the Sexes"
    assert not equilibria
    # Strictly opposed interests: Column's ranking of the cells is Row's reversed.
    if all(B[c] == 3 - A[c] for c in CELLS):
        return "Matching Pennies"
    return "Cyclic"


STRICT_ORDERS = [np.array(p).reshape(2, 2) for p in itertools.permutations(range(4))]


def relabellings(A: np.ndarray, B: np.ndarray):
    """The 8 ways to list the same game: swap rows, columns and/or players."""
    for rows, cols in itertools.product([[0, 1], [1, 0]], repeat=2):
        a, b = A[np.ix_(rows, cols)], B[np.ix_(rows, cols)]
        yield a, b
        yield b.T, a.T


def test_reference_classifier_on_all_strict_games():
    counts: dict[str, int] = {}
    orbits = set()
    for A in STRICT_ORDERS:
        for B in STRICT_ORDERS:
            expected = reference_family(A, B)
            assert family_of_payoffs(A, B) == (expected,), (A.tolist(), B.tolist())
            counts[expected] = counts.get(expected, 0) + 1
            orbits.add(min((a.tobytes() + b.tobytes()) for a, b in relabellings(A, B)))
    assert set(counts) == set(FAMILIES)          # every family occurs
    assert sum(counts.values()) == 576
    # Rapoport and Guyer's 78 strict ordinal 2x2 games: a check on relabellings() itself.
    assert len(orbits) == 78


def test_reference_classifier_agrees_with_game_facts():
    # Facts about each family that the library's Game computes independently.
    for A in STRICT_ORDERS:
        for B in STRICT_ORDERS:
            family = family_of_payoffs(A, B)[0]
            game = Game(A, B)
            pure = game.pure_equilibria()
            if family in ("Prisoner's Dilemma", "Deadlock", "Harmony"):
                assert game.dominant_strategy("row") and game.dominant_strategy("column")
                assert len(pure) == 1
                efficient = game.is_pareto_efficient(*pure[0])
                assert efficient == (family != "Prisoner's Dilemma")
            elif family == "Asymmetric dominance":
                assert (game.dominant_strategy("row") is None) != (
                    game.dominant_strategy("column") is None)
            elif family in ("Matching Pennies", "Cyclic"):
                assert pure == []
            else:
                assert len(pure) == 2


# --------------------------------------------------------------------- invariances


def tied_games():
    small = arrays(np.int64, (2, 2), elements=st.integers(0, 3))
    symmetric = small.map(lambda a: (a, a.T))          # exercises the symmetric path
    return st.one_of(st.tuples(small, small), symmetric)


def doubly_symmetric(A: np.ndarray, B: np.ndarray) -> bool:
    """Symmetric both with the identity and with the swapped strategy correspondence;
    then which strategy "cooperates" is ambiguous."""
    return np.array_equal(B, A.T) and np.array_equal(B[:, ::-1], A[:, ::-1].T)


def transforms(A: np.ndarray, B: np.ndarray):
    rows, cols = LABELS, LABELS
    yield "rows", Game(A[::-1], B[::-1], row_labels=rows[::-1], col_labels=cols)
    yield "columns", Game(A[:, ::-1], B[:, ::-1], row_labels=rows, col_labels=cols[::-1])
    yield "both", Game(A[::-1, ::-1], B[::-1, ::-1], row_labels=rows[::-1],
                       col_labels=cols[::-1])
    yield "players", Game(B.T, A.T, row_labels=cols, col_labels=rows)


@settings(max_examples=300)
@given(tied_games())
def test_family_does_not_depend_on_how_the_game_is_listed(game):
    A, B = game
    original = classify(Game(A, B, row_labels=LABELS, col_labels=LABELS))
    for name, moved in transforms(A, B):
        result = classify(moved)
        assert result.families == original.families, name
        assert result.symmetric == original.symmetric, name
        assert result.ties == original.ties, name
        if original.symmetric and not doubly_symmetric(A, B):
            assert (result.T, result.R, result.P, result.S) == (
                original.T, original.R, original.P, original.S), name
            if np.array_equal(B, A.T):
                # Row strategy k corresponds to column strategy k, and both are labelled
                # alike, so the cooperative strategy keeps its name whichever way the game
                # is listed. (Otherwise the shared labels do not match the symmetry.)
                assert result.cooperate == original.cooperate, name


@settings(max_examples=100)
@given(st.permutations(range(4)), st.permutations(range(4)))
def test_strict_games_have_exactly_one_family(a, b):
    A, B = np.array(a).reshape(2, 2), np.array(b).reshape(2, 2)
    result = classify(A, B)
    assert len(result.families) == 1 and result.family in FAMILIES
    assert not result.ties and not result.on_boundary
    assert " / " not in result.family


@settings(max_examples=100)
@given(tied_games())
def test_boundary_families_are_listed_in_order_and_joined(game):
    A, B = game
    result = classify(A, B)
    order = list(FAMILIES)
    assert list(result.families) == sorted(result.families, key=order.index)
    assert result.family == " / ".join(result.families)
    assert result.on_boundary == (len(result.families) > 1)
    if not result.ties:
        assert len(result.families) == 1


@settings(max_examples=100)
@given(tied_games())
def test_classify_agrees_with_family_of_payoffs(game):
    A, B = game
    assert classify(Game(A, B)).families == family_of_payoffs(A, B)


@settings(max_examples=50)
@given(tied_games(), st.integers(1, 4), st.integers(-5, 5))
def test_family_depends_only_on_the_orderings(game, scale, shift):
    A, B = game
    assert family_of_payoffs(scale * A + shift, B) == family_of_payoffs(A, B)


# ---------------------------------------------------------------------------- summarise


def test_summarise_prisoners_dilemma():
    text = summarise(symmetric_game(4, 3, 2, 1, labels=LABELS))
    assert text.startswith("Prisoner's Dilemma: ")
    assert "only equilibrium is (Ally, Ally)" in text
    assert "worse for both than (Abstain, Abstain)" in text


def test_summarise_stag_hunt():
    text = summarise(symmetric_game(3, 4, 2, 1, labels=("Stag", "Hare")))
    assert text.startswith("Stag Hunt: ")
    assert "two pure equilibria" in text
    assert "(Stag, Stag)" in text and "(Hare, Hare)" in text and "mixed" in text
    assert "(Hare, Hare) is worse for both than (Stag, Stag)" in text


def test_summarise_without_pure_equilibrium():
    # Asymmetric matching pennies: the mix is (1/2, 1/2) against (1/3, 2/3).
    text = summarise(Game([[2, 0], [0, 1]], [[0, 1], [1, 0]]))
    assert "no equilibrium in pure strategies" in text
    assert "R1 1/2, R2 1/2" in text and "C1 1/3, C2 2/3" in text


def test_summarise_continuum():
    text = summarise(symmetric_game(4, 3, 1, 1, labels=LABELS))
    assert "infinitely many" in text and "indifferent" in text


def test_summarise_efficient_equilibria():
    text = summarise(symmetric_game(4, 3, 1, 2, labels=("Swerve", "Straight")))
    assert text.startswith("Chicken: ") and "none is worse for both" in text
    text = summarise(symmetric_game(3, 4, 1, 2))
    assert text.startswith("Harmony: ") and "no outcome is better for both" in text


@pytest.mark.parametrize("game", [
    Game([[1, 2, 3], [3, 2, 1], [0, 0, 0]], [[1, 0, 1], [0, 1, 0], [2, 2, 2]]),
    Game([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]),
    Game([[3, 0, 2], [0, 2, 1]], [[0, 3, 1], [2, 0, 1]]),
])
def test_summarise_larger_games_is_a_sentence(game):
    text = summarise(game)
    assert text[0].isupper(), text            # a sentence starts with a capital letter
    assert text.endswith("."), text


def test_deadlock_description_is_true_of_every_deadlock():
    # The old description said "each would gain if the other switched"; that is false for
    # 72 of the 576 strict games the classifier calls Deadlock, e.g. A = [[3, 2], [1, 0]],
    # B = [[2, 3], [0, 1]]: at (R1, C2) Column already has its best outcome. What holds for
    # all of them is that at least one side would gain if the other switched.
    description = FAMILIES["Deadlock"]
    both, one = [], []
    for A in STRICT_ORDERS:
        for B in STRICT_ORDERS:
            if family_of_payoffs(A, B) != ("Deadlock",):
                continue
            r = next(i for i in (0, 1) if all(A[i] > A[1 - i]))
            c = next(j for j in (0, 1) if all(B[:, j] > B[:, 1 - j]))
            row_gains, col_gains = A[r, 1 - c] > A[r, c], B[1 - r, c] > B[r, c]
            both.append(row_gains and col_gains)
            one.append(row_gains or col_gains)
    assert all(one)
    if "each would gain" in description:
        assert all(both), "the description claims more than is true"
    assert "at least one side would gain" in description
