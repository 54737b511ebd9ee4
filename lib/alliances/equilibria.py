"""All Nash equilibria of a small bimatrix game, degenerate games included.

nashpy's support enumeration assumes a *nondegenerate* game: it pairs supports of equal
size and so misses equilibria when payoffs tie, which they do in almost every ordinal
game of International Relations. This module enumerates equilibria exactly, in rational
arithmetic, with the method of Avis, Rosenberg, Savani and von Stengel (2010):

1. Shift both payoff matrices so that every payoff is positive and form the best-response
   polytopes ``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 : A y <= 1}``.
2. Enumerate every vertex of each polytope (every set of tight constraints of full rank).
   A vertex of ``P`` is *labelled* by the row strategies it does not play and the column
   strategies that are best responses to it; likewise for ``Q``.
3. A pair of vertices is an *extreme equilibrium* when together they carry every label.
4. Extreme equilibria form a bipartite graph; its maximal bicliques are the *maximal Nash
   subsets*. Every equilibrium is a convex combination inside one of them, so a subset
   with more than one vertex on a side means infinitely many equilibria.

A game is degenerate exactly when some vertex carries more labels than its dimension
(a mixed strategy with support size k has more than k pure best responses).

References
----------
Avis, D., Rosenberg, G. D., Savani, R., and von Stengel, B. (2010). Enumeration of Nash
equilibria for two-player games. *Economic Theory* 42(1), 9-37.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from itertools import combinations

import nashpy
import numpy as np

from ._validation import check_payoff_matrix

Vector = tuple[Fraction, ...]


@dataclass(frozen=True)
class EquilibriumAnalysis:
    """Everything the enumeration found about a game's equilibria.

    Attributes
    ----------
    extreme : tuple of (Vector, Vector)
        Every extreme equilibrium ``(sigma_r, sigma_c)`` as exact fractions.
    components : tuple of (tuple of Vector, tuple of Vector)
        The maximal Nash subsets: any mix of the row vertices combined with any mix of the
        column vertices is an equilibrium.
    degenerate : bool
        Whether some mixed strategy has more pure best responses than its support size.
    """

    extreme: tuple[tuple[Vector, Vector], ...]
    components: tuple[tuple[tuple[Vector, ...], tuple[Vector, ...]], ...]
    degenerate: bool

    @property
    def infinitely_many(self) -> bool:
        """Whether some maximal Nash subset is a continuum (more than one vertex)."""
        return any(len(xs) > 1 or len(ys) > 1 for xs, ys in self.components)


def _to_fractions(matrix: np.ndarray) -> tuple[tuple[Fraction, ...], ...]:
    return tuple(tuple(Fraction(float(value)) for value in row) for row in matrix)


def _solve(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """Solve a square linear system exactly; return None if it is singular."""
    size = len(rows)
    matrix = [list(row) + [value] for row, value in zip(rows, rhs)]
    for column in range(size):
        pivot = next((r for r in range(column, size) if matrix[r][column] != 0), None)
        if pivot is None:
            return None
        matrix[column], matrix[pivot] = matrix[pivot], matrix[column]
        pivot_value = matrix[column][column]
        matrix[column] = [value / pivot_value for value in matrix[column]]
        for r in range(size):
            factor = matrix[r][column]
            if r != column and factor != 0:
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[column])]
    return [matrix[r][size] for r in range(size)]


def _vertices(payoff: tuple[tuple[Fraction, ...], ...]) -> list[tuple[Vector, frozenset[int],
                                                                          frozenset[int]]]:
    """Vertices of ``{z >= 0 : M z <= 1}`` for a positive matrix ``M`` (k x d).

    Returns each nonzero vertex with the set of coordinates that are zero and the set of
    rows of ``M`` that are tight.
    """
    k, d = len(payoff), len(payoff[0])
    # Constraint c < d is z_c >= 0; constraint d + r is (M z)_r <= 1.
    constraints = [([Fraction(int(c == j)) for j in range(d)], Fraction(0)) for c in range(d)]
    constraints += [(list(payoff[r]), Fraction(1)) for r in range(k)]
    found: dict[Vector, tuple[frozenset[int], frozenset[int]]] = {}
    for chosen in combinations(range(len(constraints)), d):
        solution = _solve([constraints[c][0] for c in chosen], [constraints[c][1] for c in chosen])
        if solution is None or any(value < 0 for value in solution):
            continue
        values = [sum(a * b for a, b in zip(payoff[r], solution)) for r in range(k)]
        if any(value > 1 for value in values) or all(value == 0 for value in solution):
            continue
        vertex = tuple(solution)
        if vertex not in found:
            zeros = frozenset(j for j in range(d) if solution[j] == 0)
            tight = frozenset(r for r in range(k) if values[r] == 1)
            found[vertex] = (zeros, tight)
    return [(vertex, zeros, tight) for vertex, (zeros, tight) in found.items()]


def _normalise(vector: Vector) -> Vector:
    total = sum(vector)
    return tuple(value / total for value in vector)


def _maximal_bicliques(edges: set[tuple[int, int]]) -> list[tuple[frozenset[int],
                                                                 frozenset[int]]]:
    """Maximal bicliques of a small bipartite graph given by its edge set."""
    left = sorted({a for a, _ in edges})
    neighbours = {a: frozenset(b for x, b in edges if x == a) for a in left}
    right = sorted({b for _, b in edges})
    back = {b: frozenset(a for a, y in edges if y == b) for b in right}
    found: set[tuple[frozenset[int], frozenset[int]]] = set()
    # Closed sets: start from every subset of the smaller side, take common neighbours,
    # then close. The sides are tiny for teaching games (a handful of vertices).
    side, other_side, adjacency, reverse = left, right, neighbours, back
    if len(right) < len(left):
        side, other_side, adjacency, reverse = right, left, back, neighbours
    for size in range(1, len(side) + 1):
        for subset in combinations(side, size):
            common = frozenset.intersection(*(adjacency[s] for s in subset))
            if not common:
                continue
            closure = frozenset.intersection(*(reverse[c] for c in common))
            found.add((closure, common) if side is left else (common, closure))
    return sorted(found, key=lambda pair: (sorted(pair[0]), sorted(pair[1])))


@lru_cache(maxsize=4096)
def _analyse(a_key: tuple[tuple[Fraction, ...], ...],
             b_key: tuple[tuple[Fraction, ...], ...]) -> EquilibriumAnalysis:
    m, n = len(a_key), len(a_key[0])
    shift_a = 1 - min(min(row) for row in a_key)
    shift_b = 1 - min(min(row) for row in b_key)
    a_pos = tuple(tuple(v + shift_a for v in row) for row in a_key)
    # P = {x >= 0 : B^T x <= 1}: rows of B^T are indexed by column strategies.
    bt_pos = tuple(tuple(b_key[i][j] + shift_b for i in range(m)) for j in range(n))
    p_vertices = _vertices(bt_pos)   # x in R^m; zeros = unplayed rows, tight = col replies
    q_vertices = _vertices(a_pos)    # y in R^n; zeros = unplayed cols, tight = row replies
    degenerate = (any(len(z) + len(t) > m for _, z, t in p_vertices)
                  or any(len(z) + len(t) > n for _, z, t in q_vertices))
    everything = set(range(m + n))
    edges: set[tuple[int, int]] = set()
    for p_index, (_, x_zeros, x_tight) in enumerate(p_vertices):
        x_labels = set(x_zeros) | {m + j for j in x_tight}
        for q_index, (_, y_zeros, y_tight) in enumerate(q_vertices):
            if x_labels | set(y_tight) | {m + j for j in y_zeros} == everything:
                edges.add((p_index, q_index))
    xs = {p: _normalise(p_vertices[p][0]) for p, _ in edges}
    ys = {q: _normalise(q_vertices[q][0]) for _, q in edges}
    extreme = tuple(sorted(((xs[p], ys[q]) for p, q in edges), key=_profile_order))
    components = []
    for left, right in _maximal_bicliques(edges):
        row_side = tuple(sorted((xs[p] for p in left), key=_vector_order))
        col_side = tuple(sorted((ys[q] for q in right), key=_vector_order))
        components.append((row_side, col_side))
    components.sort(key=lambda comp: _profile_order((comp[0][0], comp[1][0])))
    return EquilibriumAnalysis(extreme, tuple(components), degenerate)


def _vector_order(vector: Vector) -> tuple:
    # Pure strategies first, then by descending weight on the first strategies.
    return (sum(1 for v in vector if v > 0), tuple(-v for v in vector))


def _profile_order(profile: tuple[Vector, Vector]) -> tuple:
    return (_vector_order(profile[0])[0] + _vector_order(profile[1])[0],
            _vector_order(profile[0]), _vector_order(profile[1]))


def nashpy_support_enumeration(A: object, B: object) -> list[tuple[np.ndarray, np.ndarray]]:
    """nashpy's support enumeration, for comparison (it can miss equilibria under ties).

    nashpy warns when the number of equilibria it finds is even, a sign of degeneracy;
    the warning is silenced here because :func:`analyse` reports degeneracy itself.

    Examples
    --------
    Here Column is indifferent when Row plays its second strategy, and support
    enumeration misses the extreme equilibrium in which Column mixes half and half:

    >>> A, B = [[1, 3], [3, 1]], [[1, 0], [2, 2]]
    >>> len(nashpy_support_enumeration(A, B)), len(analyse(A, B).extreme)
    (1, 2)
    """
    a = check_payoff_matrix(A, "A")
    b = check_payoff_matrix(B, "B")
    if a.shape != b.shape:
        raise ValueError(f"A and B must have the same shape; got A {a.shape} and B {b.shape}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return list(nashpy.Game(a, b).support_enumeration())


def analyse(A: object, B: object) -> EquilibriumAnalysis:
    """Enumerate all extreme Nash equilibria and the maximal Nash subsets of a game.

    Parameters
    ----------
    A, B : array_like
        Payoff matrices of the row and the column player, of the same shape (m, n),
        at most 6 x 6.

    Returns
    -------
    EquilibriumAnalysis
        Extreme equilibria (exact fractions), maximal Nash subsets and degeneracy.

    Examples
    --------
    A weak prisoner's dilemma (P = S = 1): against Ally the other side is indifferent, so
    there are two continua of equilibria that meet at (Ally, Ally).

    >>> result = analyse([[3, 1], [4, 1]], [[3, 4], [1, 1]])
    >>> result.degenerate, result.infinitely_many
    (True, True)
    >>> [(tuple(map(str, x)), tuple(map(str, y))) for x, y in result.extreme]
    [(('1', '0'), ('0', '1')), (('0', '1'), ('1', '0')), (('0', '1'), ('0', '1'))]
    >>> len(result.components)
    2
    """
    a = check_payoff_matrix(A, "A")
    b = check_payoff_matrix(B, "B")
    if a.shape != b.shape:
        raise ValueError(f"A and B must have the same shape (one payoff for each player in "
                         f"every cell); got A {a.shape} and B {b.shape}")
    return _analyse(_to_fractions(a), _to_fractions(b))
