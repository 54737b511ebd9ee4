"""Tests for ``alliances.models.equilibria``: all equilibria of small games, degenerate ones included.

Every expected value is either worked out by hand (the working is in the comments next to
the game) or computed by a method independent of the code under test:

* **support LPs** (the key test). For every pair of supports (I, J), nonempty and of any
  sizes, a linear program (scipy's HiGHS) decides whether an equilibrium with *exactly*
  these supports exists. The library's maximal Nash subsets must produce exactly the same
  set of support pairs: none missing (the complaint about support enumeration on games
  with ties) and none extra.
* **exact best responses**: every extreme equilibrium is checked in rational arithmetic.
* **nashpy's support enumeration** on nondegenerate games.
* **degeneracy** decided directly from its definition, again with LPs.
* **invariances** that every Nash equilibrium set has: relabelling strategies, swapping the
  players, and positive affine changes of a player's payoffs.
* **Gambit** (pygambit's ``enummixed_solve(..., rational=True, cliques=True)``, a
  test-only dependency): the same extreme equilibria and the same maximal Nash subsets on
  a fixed list of seeded degenerate games up to the size limit, and on von Stengel's
  6 x 6 game with 75 equilibria.
* **brute force** for the graph step: the maximal bicliques of small random bipartite
  graphs, found by trying every subset of one side.
"""

from __future__ import annotations

import itertools
import json
import warnings
from collections import OrderedDict
from fractions import Fraction
from pathlib import Path

import nashpy
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from nashpy.algorithms.support_enumeration import indifference_strategies
from scipy.optimize import linprog

from alliances.models import equilibria
from alliances.models.equilibria import (EquilibriumAnalysis, EquilibriumSearchStopped, _Clock,
                                  _maximal_bicliques, analyse)

# --------------------------------------------------------------------------- helpers


def fr(*values: object) -> tuple[Fraction, ...]:
    """A probability vector written by hand, e.g. fr("2/5", "3/5")."""
    return tuple(Fraction(v) for v in values)


def extreme_set(result: EquilibriumAnalysis) -> set:
    return {(tuple(x), tuple(y)) for x, y in result.extreme}


def component_set(result: EquilibriumAnalysis) -> set:
    return {(frozenset(xs), frozenset(ys)) for xs, ys in result.components}


def support(vector) -> frozenset[int]:
    return frozenset(k for k, v in enumerate(vector) if v > 0)


def nonempty_subsets(count: int) -> list[frozenset[int]]:
    return [frozenset(c) for k in range(1, count + 1)
            for c in itertools.combinations(range(count), k)]


def exact_matrix(matrix) -> list[list[Fraction]]:
    return [[Fraction(float(v)) for v in row] for row in np.asarray(matrix)]


def is_equilibrium_exact(A, B, x, y) -> bool:
    """Mutual best responses, checked in rational arithmetic (no tolerance)."""
    a, b = exact_matrix(A), exact_matrix(B)
    m, n = len(a), len(a[0])
    x, y = [Fraction(v) for v in x], [Fraction(v) for v in y]
    assert len(x) == m and len(y) == n
    assert all(v >= 0 for v in x + y) and sum(x) == 1 and sum(y) == 1
    row_values = [sum(a[i][j] * y[j] for j in range(n)) for i in range(m)]
    col_values = [sum(x[i] * b[i][j] for i in range(m)) for j in range(n)]
    row_payoff = sum(x[i] * row_values[i] for i in range(m))
    col_payoff = sum(y[j] * col_values[j] for j in range(n))
    return row_payoff == max(row_values) and col_payoff == max(col_values)


def exact_support_exists(M: np.ndarray, strategy_support: frozenset[int],
                         replies: frozenset[int]) -> bool:
    """Whether a mixed strategy z with support *exactly* ``strategy_support`` makes every
    reply in ``replies`` (rows of ``M``) a best reply, and no other reply better.

    LP over (z, u, t): sum z = 1; z_k = 0 off the support; z_k >= t on it;
    (M z)_r = u for r in ``replies``; (M z)_r <= u for the other rows; maximise t
    (t <= 1 keeps it bounded). Such a z exists iff the optimum t* > 0 (1e-7 here: with
    payoffs 0..3 in games up to 3x3 every vertex has small denominators, so a positive
    optimum is far above that).
    """
    rows, width = M.shape
    count = width + 2                      # z_0..z_{d-1}, u, t
    a_eq, b_eq, a_ub, b_ub = [], [], [], []
    total = np.zeros(count)
    total[:width] = 1
    a_eq.append(total)
    b_eq.append(1.0)
    for k in range(width):
        row = np.zeros(count)
        if k in strategy_support:
            row[k], row[-1] = -1.0, 1.0    # t - z_k <= 0
            a_ub.append(row)
            b_ub.append(0.0)
        else:
            row[k] = 1.0                   # z_k = 0
            a_eq.append(row)
            b_eq.append(0.0)
    for r in range(rows):
        row = np.zeros(count)
        row[:width] = M[r]
        row[width] = -1.0                  # (M z)_r - u  (= 0 or <= 0)
        if r in replies:
            a_eq.append(row)
            b_eq.append(0.0)
        else:
            a_ub.append(row)
            b_ub.append(0.0)
    cost = np.zeros(count)
    cost[-1] = -1.0
    result = linprog(cost, A_ub=np.array(a_ub) if a_ub else None, b_ub=b_ub or None,
                     A_eq=np.array(a_eq), b_eq=b_eq,
                     bounds=[(0, None)] * width + [(None, None), (None, 1)], method="highs")
    return result.status == 0 and -result.fun > 1e-7


def lp_support_pairs(A: np.ndarray, B: np.ndarray) -> set:
    """Every (I, J) such that an equilibrium with supports exactly I and J exists.

    The conditions on x (support I, every column in J a best reply) and on
    y (support J, makes every row in I a best reply) share no variables, so one LP per side
    is the same as the joint LP with a common t: the joint optimum is the smaller of the two.
    """
    m, n = A.shape
    found = set()
    for rows in nonempty_subsets(m):
        for cols in nonempty_subsets(n):
            if (exact_support_exists(B.T, rows, cols)
                    and exact_support_exists(A, cols, rows)):
                found.add((rows, cols))
    return found


def library_support_pairs(result: EquilibriumAnalysis) -> set:
    """Support pairs of the equilibria inside the library's maximal Nash subsets.

    A strictly positive mix of a set S of one side's vertices has support equal to the
    union of their supports; every equilibrium in the subset is such a mix on each side.
    """
    found = set()
    for xs, ys in result.components:
        rows = {frozenset().union(*(support(x) for x in chosen))
                for k in range(1, len(xs) + 1) for chosen in itertools.combinations(xs, k)}
        cols = {frozenset().union(*(support(y) for y in chosen))
                for k in range(1, len(ys) + 1) for chosen in itertools.combinations(ys, k)}
        found |= {(r, c) for r in rows for c in cols}
    return found


def lp_degenerate(A: np.ndarray, B: np.ndarray) -> bool:
    """Degeneracy from its definition: some mixed strategy with support size k has at least
    k + 1 pure best responses. For every support I of size k and every set of k + 1 of the
    other player's strategies, an LP decides whether some strategy with support exactly I
    makes all of them best responses (the same LP as above)."""
    for M in (B.T, A):                     # the row player's strategies, then the column's
        replies, width = M.shape
        for strategy_support in nonempty_subsets(width):
            for chosen in itertools.combinations(range(replies), len(strategy_support) + 1):
                if exact_support_exists(M, strategy_support, frozenset(chosen)):
                    return True
    return False


SMALL_PAYOFFS = st.integers(min_value=0, max_value=3)


@st.composite
def small_games(draw, shapes=((2, 2), (2, 3), (3, 2), (3, 3))):
    m, n = draw(st.sampled_from(shapes))
    A = draw(arrays(np.int64, (m, n), elements=SMALL_PAYOFFS))
    B = draw(arrays(np.int64, (m, n), elements=SMALL_PAYOFFS))
    return A, B


# ------------------------------------------------------------------- hand-worked games

# Each case: A, B, the extreme equilibria worked out by hand, the maximal Nash subsets,
# and whether the game is degenerate.
HAND_WORKED = {
    # Prisoner's dilemma: Defect (row/column 1) strictly dominates, one pure equilibrium.
    "prisoners_dilemma": (
        [[3, 0], [5, 1]], [[3, 5], [0, 1]],
        {(fr(0, 1), fr(0, 1))},
        {(frozenset({fr(0, 1)}), frozenset({fr(0, 1)}))},
        False),
    # Stag hunt, asymmetric payoffs so that the two mixes differ.
    # A = [[5, 0], [4, 2]]: column plays Stag with q: Stag pays 5q, Hare 4q + 2(1 - q)
    #   = 2 + 2q; equal at q = 2/3.  B = [[6, 4], [0, 3]]: row plays Stag with p: column's
    #   Stag pays 6p, Hare 4p + 3(1 - p) = 3 + p; equal at p = 3/5.
    "stag_hunt": (
        [[5, 0], [4, 2]], [[6, 4], [0, 3]],
        {(fr(1, 0), fr(1, 0)), (fr(0, 1), fr(0, 1)), (fr("3/5", "2/5"), fr("2/3", "1/3"))},
        {(frozenset({fr(1, 0)}), frozenset({fr(1, 0)})),
         (frozenset({fr(0, 1)}), frozenset({fr(0, 1)})),
         (frozenset({fr("3/5", "2/5")}), frozenset({fr("2/3", "1/3")}))},
        False),
    # Chicken (Swerve, Straight), A = [[2, 1], [4, 0]], B = A^T. Column goes Straight with
    # q: Swerve pays 2(1 - q) + q = 2 - q, Straight 4(1 - q); equal at q = 2/3. Symmetric.
    "chicken": (
        [[2, 1], [4, 0]], [[2, 4], [1, 0]],
        {(fr(1, 0), fr(0, 1)), (fr(0, 1), fr(1, 0)),
         (fr("1/3", "2/3"), fr("1/3", "2/3"))},
        {(frozenset({fr(1, 0)}), frozenset({fr(0, 1)})),
         (frozenset({fr(0, 1)}), frozenset({fr(1, 0)})),
         (frozenset({fr("1/3", "2/3")}), frozenset({fr("1/3", "2/3")}))},
        False),
    # Asymmetric matching pennies, A = [[2, 0], [0, 1]], B = [[0, 1], [1, 0]]. Row is
    # indifferent when 2q = 1 - q, q = 1/3; column when 1 - p = p, p = 1/2. No pure one.
    "matching_pennies": (
        [[2, 0], [0, 1]], [[0, 1], [1, 0]],
        {(fr("1/2", "1/2"), fr("1/3", "2/3"))},
        {(frozenset({fr("1/2", "1/2")}), frozenset({fr("1/3", "2/3")}))},
        False),
    # Rock-paper-scissors (zero-sum): the unique equilibrium is uniform.
    "rock_paper_scissors": (
        [[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
        {(fr("1/3", "1/3", "1/3"), fr("1/3", "1/3", "1/3"))},
        {(frozenset({fr("1/3", "1/3", "1/3")}), frozenset({fr("1/3", "1/3", "1/3")}))},
        False),
    # 2x3: A = [[3, 0, 2], [0, 2, 1]], B = [[0, 3, 1], [2, 0, 1]]. No cell is a mutual best
    # response. With x = (p, 1 - p) the columns pay 2 - 2p, 3p, 1. {C1, C2}: p = 2/5, both
    # pay 6/5 > 1 = C3. {C1, C3}: p = 1/2 but C2 pays 3/2 > 1. {C2, C3}: p = 1/3 but C1
    # pays 4/3 > 1. For {C1, C2} the row is indifferent when 3 y1 = 2 y2: y = (2/5, 3/5, 0).
    "two_by_three": (
        [[3, 0, 2], [0, 2, 1]], [[0, 3, 1], [2, 0, 1]],
        {(fr("2/5", "3/5"), fr("2/5", "3/5", 0))},
        {(frozenset({fr("2/5", "3/5")}), frozenset({fr("2/5", "3/5", 0)}))},
        False),
    # Weak prisoner's dilemma (Abstain, Ally), A = [[3, 1], [4, 1]], B = A^T. Against Ally
    # each side is indifferent (1 = 1), and Ally is a best reply to any x (4 x1 >= 3 x1):
    # (any x, Ally) and (Ally, any y) are equilibria; a y with y1 > 0 makes Ally strictly
    # better for Row. Two continua meeting at (Ally, Ally).
    "two_continua": (
        [[3, 1], [4, 1]], [[3, 4], [1, 1]],
        {(fr(1, 0), fr(0, 1)), (fr(0, 1), fr(1, 0)), (fr(0, 1), fr(0, 1))},
        {(frozenset({fr(1, 0), fr(0, 1)}), frozenset({fr(0, 1)})),
         (frozenset({fr(0, 1)}), frozenset({fr(1, 0), fr(0, 1)}))},
        True),
    # Row's payoffs tie against C1: A = [[1, 0], [1, 2]], B = [[2, 0], [0, 1]]. R2 is a best
    # reply to every y and the only one unless y = C1. (R2, C2) is an equilibrium. With
    # y = C1 any x is a best reply for Row, and C1 is a best reply to x = (p, 1 - p) iff
    # 2p >= 1 - p, p >= 1/3: a segment from (1, 0) to (1/3, 2/3) against C1.
    "row_of_ties": (
        [[1, 0], [1, 2]], [[2, 0], [0, 1]],
        {(fr(1, 0), fr(1, 0)), (fr("1/3", "2/3"), fr(1, 0)), (fr(0, 1), fr(0, 1))},
        {(frozenset({fr(1, 0), fr("1/3", "2/3")}), frozenset({fr(1, 0)})),
         (frozenset({fr(0, 1)}), frozenset({fr(0, 1)}))},
        True),
    # A row player's own payoffs tied along a row is *not* a degeneracy: A = [[2, 2],
    # [1, 3]], B = [[1, 0], [0, 1]]. Pure (R1, C1) and (R2, C2); mixed: 2 = q + 3(1 - q)
    # gives q = 1/2, and p = 1 - p gives p = 1/2.
    "own_row_tied": (
        [[2, 2], [1, 3]], [[1, 0], [0, 1]],
        {(fr(1, 0), fr(1, 0)), (fr(0, 1), fr(0, 1)), (fr("1/2", "1/2"), fr("1/2", "1/2"))},
        {(frozenset({fr(1, 0)}), frozenset({fr(1, 0)})),
         (frozenset({fr(0, 1)}), frozenset({fr(0, 1)})),
         (frozenset({fr("1/2", "1/2")}), frozenset({fr("1/2", "1/2")}))},
        False),
    # All payoffs zero: every profile is an equilibrium; one subset with every vertex.
    "all_zero_2x2": (
        [[0, 0], [0, 0]], [[0, 0], [0, 0]],
        {(x, y) for x in (fr(1, 0), fr(0, 1)) for y in (fr(1, 0), fr(0, 1))},
        {(frozenset({fr(1, 0), fr(0, 1)}), frozenset({fr(1, 0), fr(0, 1)}))},
        True),
    "all_zero_3x3": (
        np.zeros((3, 3)), np.zeros((3, 3)),
        {(x, y) for x in (fr(1, 0, 0), fr(0, 1, 0), fr(0, 0, 1))
         for y in (fr(1, 0, 0), fr(0, 1, 0), fr(0, 0, 1))},
        {(frozenset({fr(1, 0, 0), fr(0, 1, 0), fr(0, 0, 1)}),
          frozenset({fr(1, 0, 0), fr(0, 1, 0), fr(0, 0, 1)}))},
        True),
    # One row: Row has nothing to choose; Column is indifferent between C1 and C2 (3 = 3)
    # and both beat C3, so any mix of C1 and C2 is an equilibrium.
    "one_row": (
        [[1, 2, 3]], [[3, 3, 1]],
        {(fr(1), fr(1, 0, 0)), (fr(1), fr(0, 1, 0))},
        {(frozenset({fr(1)}), frozenset({fr(1, 0, 0), fr(0, 1, 0)}))},
        True),
}


@pytest.mark.parametrize("name", sorted(HAND_WORKED))
def test_hand_worked_extreme_equilibria(name):
    A, B, extreme, _, _ = HAND_WORKED[name]
    assert extreme_set(analyse(A, B)) == extreme


@pytest.mark.parametrize("name", sorted(HAND_WORKED))
def test_hand_worked_maximal_nash_subsets(name):
    A, B, _, components, _ = HAND_WORKED[name]
    result = analyse(A, B)
    assert component_set(result) == components
    assert len(result.components) == len(components)   # no duplicates


@pytest.mark.parametrize("name", sorted(HAND_WORKED))
def test_hand_worked_degeneracy_and_continua(name):
    A, B, _, components, degenerate = HAND_WORKED[name]
    result = analyse(A, B)
    assert result.degenerate is degenerate
    continuum = any(len(xs) > 1 or len(ys) > 1 for xs, ys in components)
    assert result.infinitely_many is continuum


@pytest.mark.parametrize("name", sorted(HAND_WORKED))
def test_hand_worked_results_are_exact_fractions(name):
    A, B, _, _, _ = HAND_WORKED[name]
    for x, y in analyse(A, B).extreme:
        assert all(isinstance(v, Fraction) for v in (*x, *y))
        assert sum(x) == 1 and sum(y) == 1


def test_pure_equilibria_listed_before_mixed_ones():
    A, B, *_ = HAND_WORKED["stag_hunt"]
    sizes = [len(support(x)) + len(support(y)) for x, y in analyse(A, B).extreme]
    assert sizes == sorted(sizes) and sizes[-1] == 4


def test_continuum_members_are_equilibria_and_outsiders_are_not():
    # In "two_continua" (Abstain, Ally): every x against y = Ally is an equilibrium, but a
    # mix by both players is not (Row would then strictly prefer Ally).
    A, B, *_ = HAND_WORKED["two_continua"]
    for p in (Fraction(0), Fraction(1, 7), Fraction(1, 2), Fraction(1)):
        assert is_equilibrium_exact(A, B, (p, 1 - p), (0, 1))
        assert is_equilibrium_exact(A, B, (0, 1), (p, 1 - p))
    assert not is_equilibrium_exact(A, B, (Fraction(1, 2), Fraction(1, 2)),
                                    (Fraction(1, 2), Fraction(1, 2)))


def test_float_payoffs_are_read_exactly():
    # 0.5 and 0.25 are exact binary floats. Row is indifferent when 0.5 q = 0.25 (1 - q),
    # q = 1/3 exactly; column when 1 - p = p, p = 1/2.
    A = [[0.5, 0.0], [0.0, 0.25]]
    B = [[0.0, 1.0], [1.0, 0.0]]
    (x, y), = analyse(A, B).extreme
    assert y == fr("1/3", "2/3") and x == fr("1/2", "1/2")


def test_analyse_accepts_numpy_and_lists_alike():
    A, B, *_ = HAND_WORKED["chicken"]
    assert analyse(np.array(A), np.array(B)) == analyse(A, B)


# --------------------------------------------------------- the independent cross-checks


@settings(max_examples=150)
@given(small_games())
@pytest.mark.slow  # not in the quick subset
def test_support_pairs_agree_with_support_lps(game):
    """The key test: no equilibrium support is missed, and none is invented."""
    A, B = game
    assert library_support_pairs(analyse(A, B)) == lp_support_pairs(A, B)


@settings(max_examples=150)
@given(small_games(shapes=((1, 1), (1, 3), (3, 1), (2, 2), (2, 3), (3, 2), (3, 3))))
def test_every_reported_equilibrium_is_a_mutual_best_response(game):
    A, B = game
    result = analyse(A, B)
    assert result.extreme, "every finite game has an equilibrium"
    for x, y in result.extreme:
        assert is_equilibrium_exact(A, B, x, y)
    vertices = extreme_set(result)
    for xs, ys in result.components:
        # Every pairing of vertices in a maximal Nash subset is an extreme equilibrium,
        # and so is the barycentre of the whole subset.
        assert {(x, y) for x in xs for y in ys} <= vertices
        centre_x = tuple(sum(v) / len(xs) for v in zip(*xs))
        centre_y = tuple(sum(v) / len(ys) for v in zip(*ys))
        assert is_equilibrium_exact(A, B, centre_x, centre_y)
    # Every extreme equilibrium lies in some maximal Nash subset.
    assert vertices == {(x, y) for xs, ys in result.components for x in xs for y in ys}


def _close(first, second) -> bool:
    return np.allclose(first, second, atol=1e-9, rtol=0)


@settings(max_examples=150)
@given(small_games())
def test_nondegenerate_games_agree_with_nashpy_support_enumeration(game):
    """On nondegenerate games support enumeration is complete, so the two must agree.

    nashpy 0.0.43 decides "is a best response" with exact float equality (``is_ne``), so
    rounding in its linear solve makes it drop genuine equilibria, e.g. for A = [[3, 0, 0],
    [0, 2, 1]], B = [[0, 0, 3], [2, 0, 1]] it returns nothing. We therefore take nashpy's
    candidates (the strategies that solve the indifference equations on supports of equal
    size) and apply the best-response test with a 1e-9 tolerance ourselves; and nashpy's
    own output must still be a subset of ours.
    """
    A, B = game
    result = analyse(A, B)
    ours = [(np.array(x, dtype=float), np.array(y, dtype=float)) for x, y in result.extreme]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        strict_nashpy = list(nashpy.Game(A, B).support_enumeration())
    for s1, s2 in strict_nashpy:     # whatever nashpy finds, degenerate or not, we find
        assert any(_close(s1, x) and _close(s2, y) for x, y in ours) or result.degenerate
    if result.degenerate:
        return
    theirs = []
    for s1, s2, _, _ in indifference_strategies(A, B):
        row_values, col_values = A @ s2, s1 @ B
        if (s1 @ row_values >= row_values.max() - 1e-9
                and col_values @ s2 >= col_values.max() - 1e-9):
            theirs.append((s1, s2))
    assert len(theirs) == len(ours)
    for x, y in ours:
        assert any(_close(s1, x) and _close(s2, y) for s1, s2 in theirs)


@settings(max_examples=150)
@given(small_games(shapes=((1, 2), (2, 1), (2, 2), (2, 3), (3, 2), (3, 3))))
def test_is_degenerate_agrees_with_its_definition(game):
    A, B = game
    assert analyse(A, B).degenerate is lp_degenerate(A, B)


def test_degeneracy_examples_by_hand():
    # Row's payoffs tie against C1, so C1 (support 1) has two best responses.
    assert analyse([[1, 0], [1, 2]], [[2, 0], [0, 1]]).degenerate
    # A mixed strategy with three best responses: x = (1/2, 1/2) against B below makes all
    # three columns pay 1/2 (support 2, three best replies); no pure strategy has a tie.
    A = [[0, 1, 2], [2, 3, 0]]
    B = [[1, 0, 2], [0, 1, -1]]
    assert lp_degenerate(np.array(A), np.array(B))
    assert analyse(A, B).degenerate
    # Without the mixed tie (C3 now pays (2, -2)): nondegenerate.
    B = [[1, 0, 2], [0, 1, -2]]
    assert not lp_degenerate(np.array(A), np.array(B))
    assert not analyse(A, B).degenerate


# -------------------------------------------------------------------------- invariances


@st.composite
def games_with_permutations(draw):
    A, B = draw(small_games())
    m, n = A.shape
    rows = draw(st.permutations(range(m)))
    cols = draw(st.permutations(range(n)))
    return A, B, list(rows), list(cols)


@settings(max_examples=100)
@given(games_with_permutations())
def test_relabelling_strategies_permutes_the_equilibria(case):
    A, B, rows, cols = case
    # New row r is old row rows[r]: an old strategy x becomes x[rows].
    moved = analyse(A[np.ix_(rows, cols)], B[np.ix_(rows, cols)])
    original = analyse(A, B)

    def move(x, order):
        return tuple(x[k] for k in order)

    assert extreme_set(moved) == {(move(x, rows), move(y, cols)) for x, y in original.extreme}
    assert component_set(moved) == {
        (frozenset(move(x, rows) for x in xs), frozenset(move(y, cols) for y in ys))
        for xs, ys in original.components}
    assert moved.degenerate is original.degenerate


@settings(max_examples=100)
@given(small_games())
def test_swapping_the_players_swaps_the_equilibria(game):
    A, B = game
    swapped = analyse(B.T, A.T)
    original = analyse(A, B)
    assert extreme_set(swapped) == {(y, x) for x, y in original.extreme}
    assert component_set(swapped) == {(ys, xs) for xs, ys in component_set(original)}
    assert swapped.degenerate is original.degenerate


@settings(max_examples=100)
@given(small_games(), st.integers(1, 5), st.integers(-7, 7), st.integers(1, 5),
       st.integers(-7, 7))
def test_positive_affine_payoff_changes_leave_equilibria_unchanged(game, a, b, c, d):
    A, B = game
    assert analyse(a * A + b, c * B + d) == analyse(A, B)


def test_exact_copies_give_equal_analyses():
    # The result is a value: equal games give equal (and hashable) analyses.
    A, B, *_ = HAND_WORKED["two_continua"]
    first, second = analyse(A, B), analyse([row[:] for row in A], [row[:] for row in B])
    assert first == second
    assert hash(first) == hash(second)


# ------------------------------------------------- maximal Nash subsets: the graph step


def brute_force_bicliques(neighbours: list[int], right_count: int) -> set:
    """Maximal bicliques by trying every subset of the left side (exponential: the test's
    independent definition, for graphs of at most 8 left vertices)."""
    found = set()
    back = [sum(1 << a for a, mask in enumerate(neighbours) if mask >> y & 1)
            for y in range(right_count)]
    for size in range(1, len(neighbours) + 1):
        for chosen in itertools.combinations(range(len(neighbours)), size):
            common = (1 << right_count) - 1
            for a in chosen:
                common &= neighbours[a]
            if not common:
                continue
            closed = (1 << len(neighbours)) - 1
            for y in range(right_count):
                if common >> y & 1:
                    closed &= back[y]
            found.add((closed, common))
    return found


@settings(max_examples=200)
@given(st.integers(1, 8).flatmap(lambda left: st.integers(1, 8).flatmap(
    lambda right: st.lists(st.integers(1, 2 ** right - 1), min_size=left,
                           max_size=left).map(lambda masks: (masks, right)))))
def test_close_by_one_finds_exactly_the_maximal_bicliques(graph):
    neighbours, right_count = graph
    found = _maximal_bicliques(neighbours, right_count, _Clock(None))
    assert len(found) == len(set(found)), "each maximal biclique is reported once"
    assert set(found) == brute_force_bicliques(neighbours, right_count)


def test_close_by_one_work_grows_with_the_output_not_with_the_subsets():
    # A perfect matching on 60 + 60 vertices: 2^60 subsets of a side, 60 maximal
    # bicliques. The old search over subsets could never finish; this one is immediate.
    neighbours = [1 << k for k in range(60)]
    found = _maximal_bicliques(neighbours, 60, _Clock(None))
    assert sorted(found) == [(1 << k, 1 << k) for k in range(60)]


# ------------------------------------------------------------- the time budget


def test_a_zero_budget_stops_listing_with_a_clear_message():
    # Budget 0 stops at the first check, whatever the machine: deterministic. A game
    # that no other test solves, so that no cached result answers.
    A = [[7, 0, 0], [0, 7, 0], [0, 0, 7]]
    with pytest.raises(EquilibriumSearchStopped) as caught:
        analyse(A, A, time_budget=0)
    assert isinstance(caught.value, ValueError)      # a widget shows it as refused input
    assert caught.value.stage == "listing"
    # The three pure equilibria are counted before any search: "at least 3".
    assert str(caught.value).startswith(
        "this game has at least 3 equilibria; listing stopped after 0 s")


def test_a_zero_budget_stops_grouping_with_a_clear_message():
    A = [[6, 0, 0], [0, 6, 0], [0, 0, 6]]
    complete = analyse(A, A, time_budget=None)
    assert len(complete.extreme) == 7                  # 2^3 - 1 coordination equilibria
    late = EquilibriumAnalysis(complete.extreme, complete.degenerate, 0)
    assert late == complete                           # the budget is not part of the value
    with pytest.raises(EquilibriumSearchStopped) as caught:
        late.components
    assert caught.value.stage == "grouping"
    assert str(caught.value).startswith("this game has 7 extreme equilibria; grouping "
                                        "them into sets of equilibria stopped after 0 s")
    # Listing and grouping share one budget: listing that used all of it leaves none.
    spent = EquilibriumAnalysis(complete.extreme, complete.degenerate, 1.0, 1.0)
    with pytest.raises(EquilibriumSearchStopped):
        spent.components
    assert len(EquilibriumAnalysis(complete.extreme, complete.degenerate, 1.0,
                                   0.0).components) == 7


def test_listing_does_not_wait_for_the_grouping(monkeypatch):
    # Game.equilibria() needs the extreme equilibria only: with the grouping step
    # made to fail, listing still works and the grouping is never run.
    from alliances import Game

    def no_grouping(*args, **kwargs):
        raise AssertionError("the maximal Nash subsets were computed")

    monkeypatch.setattr(equilibria, "_maximal_bicliques", no_grouping)
    monkeypatch.setattr(equilibria, "_CACHE", OrderedDict())
    game = Game([[8, 0], [0, 8]], [[8, 0], [0, 8]])
    assert len(game.equilibria()) == 3
    assert not game.has_infinitely_many_equilibria
    with pytest.raises(AssertionError):
        game.equilibrium_sets()


def test_other_tests_list_without_the_wall_clock_budget():
    """tests/conftest.py lifts the budget for every test not marked ``time_budget``."""
    assert equilibria.TIME_BUDGET is None
    assert analyse([[4, 3], [3, 3], [3, 1]], [[4, 3], [3, 3], [3, 1]]).time_budget is None


def test_the_payoff_editor_shows_the_stop_message(monkeypatch):
    from alliances.widgets.payoff_editor import PayoffEditor

    monkeypatch.setattr(equilibria, "TIME_BUDGET", 0.0)
    monkeypatch.setattr(equilibria, "_CACHE", OrderedDict())
    editor = PayoffEditor()
    assert "listing stopped after 0 s" in editor.error.value
    assert "role='alert'" in editor.error.value


def test_infinitely_many_agrees_with_the_maximal_nash_subsets():
    rng = np.random.default_rng(17)
    for _ in range(40):
        A, B = rng.integers(0, 2, (4, 4)), rng.integers(0, 2, (4, 4))
        result = analyse(A, B)
        assert result.infinitely_many is any(len(xs) > 1 or len(ys) > 1
                                             for xs, ys in result.components)


# ----------------------------------------- von Stengel's 6 x 6 game with 75 equilibria

# von Stengel, B. (1999). New maximal numbers of equilibria in bimatrix games. Discrete &
# Computational Geometry 21, 557-568: the 6 x 6 game with 75 equilibria, as stored in the
# Gambit project's catalog; the file (shared with benchmarks/bench_solver.py) cites it, and
# the test below checks the numbers against pygambit's copy when it is installed.
_VON_STENGEL = json.loads((Path(__file__).resolve().parents[1] / "benchmarks" / "games"
                           / "von_stengel_6x6.json").read_text(encoding="utf-8"))
VON_STENGEL_A, VON_STENGEL_B = _VON_STENGEL["A"], _VON_STENGEL["B"]


@pytest.mark.slow  # not in the quick subset
@pytest.mark.time_budget
def test_von_stengel_6x6_has_75_equilibria_found_within_the_time_budget(monkeypatch):
    monkeypatch.setattr(equilibria, "_CACHE", OrderedDict())     # really solve it
    result = analyse(VON_STENGEL_A, VON_STENGEL_B)               # the default 1 s budget
    assert result.time_budget == equilibria.TIME_BUDGET == 1.0   # kept: marked time_budget
    assert len(result.extreme) == 75
    assert len(set(result.extreme)) == 75
    for x, y in result.extreme:
        assert is_equilibrium_exact(np.array(VON_STENGEL_A), np.array(VON_STENGEL_B), x, y)
    # Nondegenerate: every equilibrium is isolated, each its own maximal Nash subset.
    assert not result.degenerate and not result.infinitely_many
    assert len(result.components) == 75


# --------------------------------------------- the oracle: Gambit's enummixed_solve


def gambit_solution(A: np.ndarray, B: np.ndarray) -> tuple[set, set]:
    """Gambit's extreme equilibria and maximal Nash subsets, in exact rationals."""
    gbt = pytest.importorskip("pygambit")
    game = gbt.StrategicGame.from_arrays(A, B)
    players = list(game.players)
    result = gbt.nash.enummixed_solve(game, rational=True, cliques=True)

    def vectors(profile):
        return tuple(tuple(Fraction(str(value)) for _, value in profile[player])
                     for player in players)

    extreme = {vectors(profile) for profile in result.equilibria}
    cliques = set()
    for clique in result.cliques:
        pairs = [vectors(profile) for profile in clique]
        cliques.add((frozenset(x for x, _ in pairs), frozenset(y for _, y in pairs)))
    return extreme, cliques


@pytest.mark.slow  # not in the quick subset
def test_von_stengel_6x6_matches_gambit_and_its_catalog():
    gbt = pytest.importorskip("pygambit")
    catalog = gbt.catalog.load("journals/dcg/vonstengel1999/6x6_game_with_75_eq")
    A, B = (np.array([[int(v) for v in row] for row in M]) for M in catalog.to_arrays())
    assert A.tolist() == VON_STENGEL_A and B.tolist() == VON_STENGEL_B
    extreme, cliques = gambit_solution(A, B)
    result = analyse(A, B)
    assert len(extreme) == 75
    assert extreme_set(result) == extreme
    assert component_set(result) == cliques


def oracle_games() -> list[tuple[str, np.ndarray, np.ndarray]]:
    """Seeded degenerate games up to the size limit: a fixed list, the same every run."""
    rng = np.random.default_rng(20261206)
    shapes = [(2, 2), (2, 5), (5, 2), (3, 3), (3, 6), (4, 4), (5, 5), (6, 6), (7, 4),
              (4, 7), (7, 7), (8, 5), (8, 8)]
    games = []
    for m, n in shapes:
        for high in (2, 4):                    # payoffs 0-1 and 0-3: ties everywhere
            for k in range(3):
                games.append((f"{m}x{n} payoffs 0-{high - 1} #{k}",
                              rng.integers(0, high, (m, n)), rng.integers(0, high, (m, n))))
    return games


@pytest.mark.slow  # not in the quick subset
@pytest.mark.parametrize("name, A, B", oracle_games(), ids=[g[0] for g in oracle_games()])
def test_agrees_with_gambit_on_degenerate_games(name, A, B):
    extreme, cliques = gambit_solution(A, B)
    result = analyse(A, B, time_budget=None)
    for x, y in result.extreme:                     # nothing that is not an equilibrium
        assert is_equilibrium_exact(A, B, x, y)
    assert extreme_set(result) == extreme           # and every extreme one
    assert component_set(result) == cliques


def test_oracle_games_reach_the_size_limit():
    from alliances._validation import MAX_STRATEGIES

    assert max(max(A.shape) for _, A, _ in oracle_games()) == MAX_STRATEGIES


def test_size_limit_is_the_one_the_published_timing_supports():
    """MAX_STRATEGIES and the figure in its refusal message come from the published
    report of benchmarks/bench_solver.py."""
    import re
    from pathlib import Path

    from alliances import Game
    from alliances import _validation

    report = (Path(__file__).resolve().parents[1] / "benchmarks" / "published"
              / "solver_timing.md").read_text()
    largest = re.search(r"finished within it: \*\*(\d+)x\1\*\*", report)
    assert int(largest.group(1)) == _validation.MAX_STRATEGIES
    slowest = re.search(r"The slowest (\d+)x\1 game \(.*\) took ([\d.]+) s", report)
    assert int(slowest.group(1)) == _validation.MAX_STRATEGIES + 1
    assert float(slowest.group(2)) == _validation.SLOWEST_OVER_LIMIT_SECONDS
    rows = [line.split("|") for line in report.splitlines() if line.startswith("| 8x8")]
    assert rows and all(float(row[-2]) < 1.0 for row in rows)   # max seconds per family
    big = _validation.MAX_STRATEGIES + 1
    with pytest.raises(ValueError) as caught:
        Game(np.eye(big))
    message = str(caught.value)
    assert f"at most {_validation.MAX_STRATEGIES} strategies" in message
    assert f"{big} x {big} game we timed took {float(slowest.group(2)):g} s" in message
    assert Game(np.eye(_validation.MAX_STRATEGIES)).shape == (8, 8)
