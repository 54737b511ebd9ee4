"""All Nash equilibria of a small bimatrix game, degenerate games included.

nashpy's support enumeration assumes a *nondegenerate* game: it pairs supports of equal
size and so misses equilibria when payoffs tie, which they do in almost every ordinal
game of International Relations. This module enumerates equilibria exactly, in integer
and rational arithmetic, with the method of Avis, Rosenberg, Savani and von Stengel (2010):

1. Scale both payoff matrices to integers, shift them so that every payoff is positive,
   and form the best-response polytopes ``P = {x >= 0 : B^T x <= 1}`` and
   ``Q = {y >= 0 : A y <= 1}``.
2. Enumerate every vertex of each polytope by walking from the origin along its edges:
   simplex pivots with the lexicographic ratio test, in exact integer arithmetic. The
   walk visits the feasible bases of the lexicographically perturbed (nondegenerate)
   polytope, whose graph is connected, and every vertex of the real polytope is the
   solution of one of them; the work grows with the number of vertices, not with the
   number of ways to choose constraints. A vertex of ``P`` is *labelled* by the row
   strategies it does not play and the column strategies that are best responses to it;
   likewise for ``Q``.
3. A pair of vertices is an *extreme equilibrium* when together they carry every label.
4. Extreme equilibria form a bipartite graph (row vertices, column vertices); its maximal
   bicliques are the *maximal Nash subsets*. They are enumerated by a depth-first search
   over candidate vertices with a canonicity test (Close-by-One, from formal concept
   analysis: a Bron-Kerbosch-style search like the paper's CliqueAlgorithm): each
   maximal biclique is found once, with polynomial work per biclique, so the cost grows
   with the output rather than with the 2^n subsets of one side. Every equilibrium is a convex
   combination inside one of them, so a subset with more than one vertex on a side means
   infinitely many equilibria. They are computed only when asked for.

A game is degenerate exactly when some vertex carries more labels than its dimension
(a mixed strategy with support size k has more than k pure best responses).

Everything a notebook cell or a widget calls runs under a time budget
(:data:`TIME_BUDGET`, one second): a game that needs longer stops with
:class:`EquilibriumSearchStopped`, whose message says how many equilibria were found,
instead of blocking the kernel.

References
----------
Avis, D., Rosenberg, G. D., Savani, R., and von Stengel, B. (2010). Enumeration of Nash
equilibria for two-player games. *Economic Theory* 42(1), 9-37.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from math import gcd, lcm

import numpy as np

from alliances._validation import check_payoff_matrix, check_real
from alliances.i18n import _, number

__all__ = ["EquilibriumAnalysis", "EquilibriumSearchStopped", "TIME_BUDGET", "analyse"]

_Vector = tuple[Fraction, ...]

#: Seconds that :func:`analyse` (and so every :class:`~alliances.models.games.Game` method, every
#: widget and every notebook cell) may spend on one game before it stops with
#: :class:`EquilibriumSearchStopped`. ``analyse(A, B, time_budget=None)`` waits as long
#: as the game needs.
TIME_BUDGET = 1.0

_DEFAULT = object()     # "use TIME_BUDGET as it is when the call is made"


class EquilibriumSearchStopped(ValueError):
    """The search for equilibria stopped because it went past its time budget.

    It is a ``ValueError`` (the game is too large for the budget), so a widget shows its
    message like any other refused input.

    Attributes
    ----------
    found : int
        Equilibria found before the search stopped: the game has at least this many.
    seconds : float
        The time budget that was exhausted, in seconds.
    stage : str
        ``"listing"`` (the extreme equilibria) or ``"grouping"`` (the maximal Nash
        subsets of equilibria that were all listed).

    Examples
    --------
    >>> print(EquilibriumSearchStopped(75, 1.0))
    this game has at least 75 equilibria; listing stopped after 1 s (the time budget ...
    """

    def __init__(self, found: int, seconds: float, stage: str = "listing") -> None:
        self.found, self.seconds, self.stage = found, seconds, stage
        if stage == "grouping":
            text = (_("this game has {found} extreme equilibrium; grouping them into sets of "
                      "equilibria stopped after {seconds} s") if found == 1 else
                    _("this game has {found} extreme equilibria; grouping them into sets of "
                      "equilibria stopped after {seconds} s"))
        else:
            text = (_("this game has at least {found} equilibrium; listing stopped after "
                      "{seconds} s") if found == 1 else
                    _("this game has at least {found} equilibria; listing stopped after "
                      "{seconds} s"))
        super().__init__(_("{text} (the time budget for one game). Try a game with fewer "
                           "strategies, or call alliances.models.equilibria.analyse(A, B, "
                           "time_budget=None) to wait as long as it takes.").format(
                               text=text.format(found=found, seconds=number(seconds, "g"))))


class _OutOfTime(Exception):
    """Raised inside the search; turned into :class:`EquilibriumSearchStopped`."""


class _Clock:
    """Elapsed time against a budget (``None``: no budget)."""

    def __init__(self, budget: float | None) -> None:
        self.budget = budget
        self.start = time.perf_counter()

    def check(self) -> None:
        if self.budget is not None and time.perf_counter() - self.start >= self.budget:
            raise _OutOfTime


@dataclass(frozen=True)
class EquilibriumAnalysis:
    """Everything the enumeration found about a game's equilibria.

    Attributes
    ----------
    extreme : tuple of (tuple of Fraction, tuple of Fraction)
        Every extreme equilibrium ``(sigma_r, sigma_c)`` as exact fractions.
    degenerate : bool
        Whether some mixed strategy has more pure best responses than its support size.
    time_budget : float or None
        Seconds allowed for solving the game: listing took ``listing_seconds`` of them,
        and computing :attr:`components`, when it is first asked for, may take the rest.
    listing_seconds : float
        Seconds that listing the extreme equilibria took.
    components : tuple of (tuple of vectors, tuple of vectors)
        The maximal Nash subsets: any mix of the row vertices combined with any mix of the
        column vertices is an equilibrium. Computed (from :attr:`extreme` alone) the
        first time it is asked for.

    Examples
    --------
    A stag hunt: two pure equilibria and one mixed, and no ties.

    >>> analysis = analyse([[4, 1], [3, 2]], [[4, 3], [1, 2]])
    >>> len(analysis.extreme), analysis.degenerate
    (3, False)

    Made by hand (as :func:`analyse` makes it): one pure equilibrium, a single point.

    >>> from fractions import Fraction
    >>> top = ((Fraction(1), Fraction(0)), (Fraction(1), Fraction(0)))
    >>> EquilibriumAnalysis((top,), False).infinitely_many
    False
    """

    extreme: tuple[tuple[_Vector, _Vector], ...]
    degenerate: bool
    time_budget: float | None = field(default=None, compare=False, repr=False)
    listing_seconds: float = field(default=0.0, compare=False, repr=False)

    @property
    def infinitely_many(self) -> bool:
        """Whether some maximal Nash subset is a continuum (more than one vertex).

        That is the case exactly when some row vertex is an equilibrium with two column
        vertices or the other way round, so it needs no biclique search.
        """
        xs = [x for x, _y in self.extreme]
        ys = [y for _x, y in self.extreme]
        return len(set(xs)) < len(xs) or len(set(ys)) < len(ys)

    @cached_property
    def components(self) -> tuple[tuple[tuple[_Vector, ...], tuple[_Vector, ...]], ...]:
        """The maximal Nash subsets, found from :attr:`extreme` the first time they are
        asked for, within what the time budget has left.

        Examples
        --------
        >>> [(len(xs), len(ys)) for xs, ys in analyse([[1, 1]], [[2, 2]]).components]
        [(1, 2)]
        """
        xs = sorted({x for x, _y in self.extreme}, key=_vector_order)
        ys = sorted({y for _x, y in self.extreme}, key=_vector_order)
        x_index = {x: k for k, x in enumerate(xs)}
        y_index = {y: k for k, y in enumerate(ys)}
        neighbours = [0] * len(xs)
        for x, y in self.extreme:
            neighbours[x_index[x]] |= 1 << y_index[y]
        try:
            left = (None if self.time_budget is None
                    else max(0.0, self.time_budget - self.listing_seconds))
            bicliques = _maximal_bicliques(neighbours, len(ys), _Clock(left))
        except _OutOfTime:
            raise EquilibriumSearchStopped(len(self.extreme), self.time_budget,
                                           "grouping") from None
        components = [(tuple(xs[k] for k in _bits(left)), tuple(ys[k] for k in _bits(right)))
                      for left, right in bicliques]
        components.sort(key=lambda comp: _profile_order((comp[0][0], comp[1][0])))
        return tuple(components)


def _bits(mask: int) -> list[int]:
    """The positions of the set bits of ``mask``, lowest first."""
    positions = []
    while mask:
        low = mask & -mask
        positions.append(low.bit_length() - 1)
        mask ^= low
    return positions


def _integer_matrix(matrix: np.ndarray) -> list[list[int]]:
    """The payoffs (exact binary floats) scaled to integers and shifted to be >= 1.

    A positive scale and a shift leave best responses, hence equilibria, unchanged.
    """
    fractions = [[Fraction(float(value)) for value in row] for row in matrix]
    scale = lcm(*(value.denominator for row in fractions for value in row))
    integers = [[int(value * scale) for value in row] for row in fractions]
    shift = 1 - min(min(row) for row in integers)
    return [[value + shift for value in row] for row in integers]


def _pivot(tableau: list[list[int]], row: int, column: int, det: int) -> list[list[int]]:
    """Integer (fraction-free) pivot: every entry stays ``det`` times its true value."""
    pivot_row = tableau[row]
    pivot = pivot_row[column]
    new = []
    for r, entries in enumerate(tableau):
        if r == row:
            new.append(pivot_row)
            continue
        factor = entries[column]
        new.append([(a * pivot - factor * b) // det for a, b in zip(entries, pivot_row)])
    return new


def _leaving_row(tableau: list[list[int]], column: int, width: int) -> int | None:
    """The lexicographic minimum-ratio row for ``column`` entering (None if unbounded).

    Rows are compared on (right-hand side, slack columns) divided by the entry in
    ``column``: the ratio test of the perturbed right-hand side ``1 + (eps, eps^2, ...)``,
    which never ties, so each basis has exactly one neighbour per entering variable.
    Entries are compared by cross-multiplication (all the divisors are positive).
    """
    ties: list[int] = []
    best_p = best_rhs = 0
    for r, entries in enumerate(tableau):
        p = entries[column]
        if p <= 0:
            continue
        if not ties:
            ties, best_p, best_rhs = [r], p, entries[-1]
            continue
        difference = entries[-1] * best_p - best_rhs * p
        if difference < 0:
            ties, best_p, best_rhs = [r], p, entries[-1]
        elif difference == 0:
            ties.append(r)
    if len(ties) <= 1:
        return ties[0] if ties else None
    best = ties[0]
    for r in ties[1:]:
        p, q = tableau[r][column], tableau[best][column]
        for k in range(width, len(tableau[r]) - 1):
            left, right = tableau[r][k] * q, tableau[best][k] * p
            if left != right:
                if left < right:
                    best = r
                break
    return best


def _vertices(payoff: list[list[int]], clock: _Clock) -> dict[tuple, tuple[int, int]]:
    """Vertices of ``{z >= 0 : M z <= 1}`` for a positive integer matrix ``M`` (k x d).

    Returns a dict from each vertex, as (integer numerators, common denominator) in
    lowest terms, to two bit masks: the coordinates that are zero and the rows of ``M``
    that are tight. The origin is included.
    """
    k, d = len(payoff), len(payoff[0])
    # Row r of the tableau: sum_j M[r][j] z_j + s_r = 1; variables z_0..z_{d-1} are
    # columns 0..d-1, slacks s_0..s_{k-1} columns d..d+k-1, the right-hand side last.
    tableau = [list(payoff[r]) + [int(r == c) for c in range(k)] + [1] for r in range(k)]
    basis = tuple(range(d, d + k))
    seen = {frozenset(basis)}
    stack = [(basis, tableau, 1)]
    found: dict[tuple, tuple[int, int]] = {}
    while stack:
        clock.check()
        basis, tableau, det = stack.pop()
        numerators = [0] * d
        tight = (1 << k) - 1
        for r, variable in enumerate(basis):
            value = tableau[r][-1]
            if variable < d:
                numerators[variable] = value
            elif value:
                tight &= ~(1 << (variable - d))
        divisor = gcd(det, *numerators)
        key = (tuple(v // divisor for v in numerators), det // divisor)
        if key not in found:
            zeros = sum(1 << j for j in range(d) if numerators[j] == 0)
            found[key] = (zeros, tight)
        for column in range(d + k):
            if column in basis:
                continue
            row = _leaving_row(tableau, column, d)
            if row is None:
                continue
            new_basis = basis[:row] + (column,) + basis[row + 1:]
            new_key = frozenset(new_basis)
            if new_key in seen:
                continue
            seen.add(new_key)
            stack.append((new_basis, _pivot(tableau, row, column, det), tableau[row][column]))
    return found


def _maximal_bicliques(neighbours: list[int], right_count: int,
                       clock: _Clock) -> list[tuple[int, int]]:
    """Maximal bicliques (both sides nonempty) of a bipartite graph, as bit-mask pairs.

    ``neighbours[a]`` is the bit mask of the right vertices adjacent to left vertex ``a``.
    A maximal biclique is a pair (X, Y) with Y the common neighbours of X and X every left
    vertex adjacent to all of Y. Close-by-One: from (X, Y), add each left vertex ``a``
    after the last one added that has a neighbour in Y, close the result, and keep it
    only if the closure adds no vertex before ``a`` (otherwise it is reached from another
    branch). Each maximal biclique is reached exactly once, with a number of mask
    operations per biclique that is polynomial in the size of the graph.

    Examples
    --------
    Left 0 is adjacent to right {0, 1}, left 1 to right {1}: two maximal bicliques.

    >>> sorted(_maximal_bicliques([0b11, 0b10], 2, _Clock(None)))
    [(1, 3), (3, 2)]
    """
    back = [0] * right_count                      # left neighbours of each right vertex
    for a, mask in enumerate(neighbours):
        for y in _bits(mask):
            back[y] |= 1 << a
    everyone = (1 << len(neighbours)) - 1

    def closure(right: int) -> int:               # left vertices adjacent to all of right
        left = everyone
        for y in _bits(right):
            left &= back[y]
        return left

    found = []
    stack = [(closure((1 << right_count) - 1), (1 << right_count) - 1, 0)]
    while stack:
        clock.check()
        left, right, start = stack.pop()
        if left:
            found.append((left, right))
        reachable = 0
        for y in _bits(right):
            reachable |= back[y]
        for a in _bits((reachable & ~left) >> start << start):
            common = right & neighbours[a]
            grown = closure(common)
            earlier = (1 << a) - 1
            if grown & earlier == left & earlier:
                stack.append((grown, common, a + 1))
    return found


def _equilibria(p_vertices: dict, q_vertices: dict, m: int, n: int,
                found: list, clock: _Clock) -> None:
    """Append to ``found`` every completely labelled pair (x, y) of nonzero vertices."""
    rows, cols = (1 << m) - 1, (1 << n) - 1
    q_list = [(key, zeros, tight) for key, (zeros, tight) in q_vertices.items() if zeros != cols]
    y_zeros = np.array([zeros for _v, zeros, _t in q_list], dtype=np.int64)
    y_tight = np.array([tight for _v, _z, tight in q_list], dtype=np.int64)
    for x_key, (x_zeros, x_tight) in p_vertices.items():
        clock.check()
        if x_zeros == rows:
            continue
        rows_needed, cols_needed = rows & ~x_zeros, cols & ~x_tight
        matches = np.flatnonzero(((y_tight & rows_needed) == rows_needed)
                                 & ((y_zeros & cols_needed) == cols_needed))
        found.extend((x_key, q_list[k][0]) for k in matches)


def _normalise(key: tuple) -> _Vector:
    numerators, _unused = key
    total = sum(numerators)
    return tuple(Fraction(v, total) for v in numerators)


def _pure_equilibrium_count(a: list[list[int]], b: list[list[int]]) -> int:
    m, n = len(a), len(a[0])
    return sum(1 for i in range(m) for j in range(n)
               if a[i][j] == max(a[r][j] for r in range(m)) and b[i][j] == max(b[i]))


_CACHE: OrderedDict = OrderedDict()
_CACHE_SIZE = 4096


def _analyse(a: list[list[int]], b: list[list[int]],
             budget: float | None) -> EquilibriumAnalysis:
    m, n = len(a), len(a[0])
    clock = _Clock(budget)
    found: list = []
    try:
        # P = {x >= 0 : B^T x <= 1}: rows of B^T are indexed by column strategies.
        p_vertices = _vertices([[b[i][j] for i in range(m)] for j in range(n)], clock)
        q_vertices = _vertices(a, clock)
        _equilibria(p_vertices, q_vertices, m, n, found, clock)
    except _OutOfTime:
        count = max(len(found), _pure_equilibrium_count(a, b))
        raise EquilibriumSearchStopped(count, budget) from None
    degenerate = (any(zeros.bit_count() + tight.bit_count() > m
                      for zeros, tight in p_vertices.values())
                  or any(zeros.bit_count() + tight.bit_count() > n
                         for zeros, tight in q_vertices.values()))
    extreme = tuple(sorted(((_normalise(x), _normalise(y)) for x, y in found),
                           key=_profile_order))
    return EquilibriumAnalysis(extreme, degenerate, budget, time.perf_counter() - clock.start)


def _vector_order(vector: _Vector) -> tuple:
    # Pure strategies first, then by descending weight on the first strategies.
    return (sum(1 for v in vector if v > 0), tuple(-v for v in vector))


def _profile_order(profile: tuple[_Vector, _Vector]) -> tuple:
    return (_vector_order(profile[0])[0] + _vector_order(profile[1])[0],
            _vector_order(profile[0]), _vector_order(profile[1]))


def analyse(A: object, B: object, *,
            time_budget: float | None | object = _DEFAULT) -> EquilibriumAnalysis:
    """Enumerate all extreme Nash equilibria and the maximal Nash subsets of a game.

    Parameters
    ----------
    A, B : array_like
        Payoff matrices of the row and the column player, of the same shape (m, n), at
        most ``MAX_STRATEGIES`` strategies a player (see :mod:`alliances._validation`).
    time_budget : float or None, optional
        Seconds the search may take; by default :data:`TIME_BUDGET`. ``None`` waits as
        long as the game needs. Listing the extreme equilibria and grouping them into
        maximal Nash subsets (``components``, computed when first asked for) share it.

    Returns
    -------
    EquilibriumAnalysis
        Extreme equilibria (exact fractions) and degeneracy; the maximal Nash subsets
        are computed when first asked for.

    Raises
    ------
    EquilibriumSearchStopped
        If the search takes longer than ``time_budget``; its message says how many
        equilibria the game has at least.

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

    A game too large for the budget stops with a message instead of blocking (a budget
    of 0 s stops every game that has not been solved before):

    >>> coordination = [[5, 0, 0], [0, 5, 0], [0, 0, 5]]
    >>> try:
    ...     analyse(coordination, coordination, time_budget=0)
    ... except EquilibriumSearchStopped as stop:
    ...     print(str(stop).split(" (")[0])
    this game has at least 3 equilibria; listing stopped after 0 s
    """
    a = check_payoff_matrix(A, "A")
    b = check_payoff_matrix(B, "B")
    if a.shape != b.shape:
        raise ValueError(_("A and B must have the same shape (one payoff for each player in "
                           "every cell); got A {a_shape} and B {b_shape}").format(
                               a_shape=a.shape, b_shape=b.shape))
    budget = TIME_BUDGET if time_budget is _DEFAULT else time_budget
    if budget is not None:
        budget = check_real(budget, "time_budget", minimum=0)
    a_int, b_int = _integer_matrix(a), _integer_matrix(b)
    key = (tuple(map(tuple, a_int)), tuple(map(tuple, b_int)))
    if key in _CACHE:
        _CACHE.move_to_end(key)
        cached = _CACHE[key]
        if cached.time_budget == budget:
            return cached
        return EquilibriumAnalysis(cached.extreme, cached.degenerate, budget,
                                   cached.listing_seconds)
    result = _analyse(a_int, b_int, budget)
    _CACHE[key] = result
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result
