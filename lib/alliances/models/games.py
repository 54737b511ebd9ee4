"""Two-player normal-form games with named players and labelled strategies.

:class:`Game` is a thin layer over :class:`nashpy.Game`: it keeps the players' names and
strategy labels ("Abstain", "Ally"), validates every input, and finds *all* equilibria
with :mod:`alliances.models.equilibria`, which unlike support enumeration is exact on degenerate
games (ties), the rule rather than the exception in ordinal IR games.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cached_property

import numpy as np

from alliances.i18n import _, N_, number
from alliances.models import equilibria as _eq
from alliances._validation import (check_labels, check_name, check_payoff_matrix,
                          check_probability_vector, check_real, label_index)

__all__ = ["Game", "symmetric_game", "alliance_formation_game", "PRESETS",
           "format_probability", "MIXING_TOLERANCE"]

#: How close two expected payoffs against a *mixed* strategy must be to count as a tie.
#: Pure payoffs are compared exactly, as the equilibria are computed exactly; but a mixed
#: strategy typed as floats (``[1/3, 2/3]``) is never exact, and without this slack a
#: player would have no tie, hence no reason to mix, against an exact equilibrium
#: strategy. ``tests/test_games.py`` checks that every equilibrium's support is a best
#: response under it.
MIXING_TOLERANCE = 1e-12

#: Named symmetric 2x2 games as (T, R, P, S): temptation, reward, punishment, sucker.
#: Ordinal payoffs, 4 = best. Strategy 0 is "cooperate", strategy 1 is "defect".
PRESETS: dict[str, tuple[int, int, int, int]] = {
    "Prisoner's Dilemma": (4, 3, 2, 1),
    "Stag Hunt": (3, 4, 2, 1),
    "Chicken": (4, 3, 1, 2),
    "Deadlock": (4, 2, 3, 1),
    "Harmony": (3, 4, 1, 2),
}


def format_probability(value: float | Fraction, max_denominator: int = 12) -> str:
    """Write a probability as a short fraction when it is one, else as a decimal.

    Examples
    --------
    >>> format_probability(Fraction(2, 3))
    '2/3'
    >>> format_probability(1.0)
    '1'
    >>> format_probability(0.123456)
    '0.123'
    """
    check_real(value, "value")
    if isinstance(max_denominator, bool) or not isinstance(max_denominator, int):
        raise TypeError(_("max_denominator must be an integer; got {kind} {value}").format(
            kind=type(max_denominator).__name__, value=repr(max_denominator)))
    if max_denominator < 1:
        raise ValueError(_("max_denominator must be at least 1; got {value}").format(
            value=max_denominator))
    fraction = Fraction(value).limit_denominator(1000)
    if fraction.denominator <= max_denominator and abs(float(fraction) - float(value)) < 1e-9:
        return str(fraction)
    return number(float(value), ".3g")


def symmetric_game(T: float, R: float, P: float, S: float, *,
                   labels: tuple[str, str] = (N_("Cooperate"), N_("Defect")),
                   row_name: str = N_("Row"), col_name: str = N_("Column")) -> Game:
    """Build the symmetric 2x2 game with temptation T, reward R, punishment P, sucker S.

    The first strategy is cooperation, the second defection: mutual cooperation pays R
    to both, mutual defection P, and a defector facing a cooperator gets T while the
    cooperator gets S.

    Examples
    --------
    Snyder's alliance-formation game: abstaining is cooperating, allying is defecting.

    >>> game = symmetric_game(4, 3, 2, 1, labels=("Abstain", "Ally"))
    >>> game.A.tolist()
    [[3.0, 1.0], [4.0, 2.0]]
    >>> game.pure_equilibria()
    [('Ally', 'Ally')]
    """
    values = [check_real(v, name) for v, name in ((T, "T"), (R, "R"), (P, "P"), (S, "S"))]
    labels = check_labels(labels, 2, "labels")
    t, r, p, s = values
    a = np.array([[r, s], [t, p]])
    return Game(a, a.T, row_name=row_name, col_name=col_name, row_labels=labels,
                col_labels=labels)


def alliance_formation_game(T: float = 4, R: float = 3, P: float = 2, S: float = 1, *,
                            row_name: str = N_("State A"), col_name: str = N_("State B")) -> Game:
    """Snyder's primary alliance dilemma as a symmetric 2x2 game (our formalization).

    Snyder (1984) likens alliance formation among states that cannot know each other's
    intentions to a prisoner's dilemma: abstaining is cooperating, allying is defecting.
    The ordinal payoffs are our formalization of that verbal argument, not a table from
    the article: T, ally while the other abstains; R, both abstain; P, two rival blocs;
    S, abstain while the other allies.

    Examples
    --------
    >>> game = alliance_formation_game()
    >>> game.pure_equilibria(), game.dominant_strategy("row")
    ([('Ally', 'Ally')], 'Ally')
    """
    return symmetric_game(T, R, P, S, labels=("Abstain", "Ally"), row_name=row_name,
                          col_name=col_name)


class Game:
    """A two-player normal-form game with named players and labelled strategies.

    Parameters
    ----------
    A : array_like
        The row player's payoffs, shape (m, n), at most 8 x 8 (the largest size whose
        equilibria were all found within the solver's one-second time budget in
        ``benchmarks/published/solver_timing.md``).
    B : array_like, optional
        The column player's payoffs, same shape. If omitted the game is zero-sum (B = -A).
    row_name, col_name : str
        The players' names, used in every description.
    row_labels, col_labels : sequence of str, optional
        Strategy labels; default "R1", "R2", ... and "C1", "C2", ...

    Examples
    --------
    >>> game = Game([[3, 1], [4, 2]], [[3, 4], [1, 2]], row_name="France",
    ...             col_name="Russia", row_labels=["Abstain", "Ally"],
    ...             col_labels=["Abstain", "Ally"])
    >>> game.pure_equilibria()
    [('Ally', 'Ally')]
    >>> game.strictly_dominated_strategies("row")
    ['Abstain']
    >>> game.pareto_optimal_outcomes()
    [('Abstain', 'Abstain'), ('Abstain', 'Ally'), ('Ally', 'Abstain')]
    """

    def __init__(self, A: object, B: object = None, *, row_name: str = N_("Row"),
                 col_name: str = N_("Column"), row_labels: object = None,
                 col_labels: object = None) -> None:
        a = check_payoff_matrix(A, "A")
        b = -a if B is None else check_payoff_matrix(B, "B")
        if a.shape != b.shape:
            raise ValueError(_("A and B must have the same shape (one payoff for each player "
                               "in every cell); got A {a_shape} and B {b_shape}").format(
                                   a_shape=a.shape, b_shape=b.shape))
        m, n = a.shape
        self.A = a
        self.B = b
        self.row_name = check_name(row_name, "row_name")
        self.col_name = check_name(col_name, "col_name")
        if self.row_name == self.col_name:
            raise ValueError(_("row_name and col_name must differ; both are {name}").format(
                name=repr(row_name)))
        self.row_labels = check_labels(
            [f"R{i + 1}" for i in range(m)] if row_labels is None else row_labels, m,
            "row_labels")
        self.col_labels = check_labels(
            [f"C{j + 1}" for j in range(n)] if col_labels is None else col_labels, n,
            "col_labels")
        self.A.setflags(write=False)
        self.B.setflags(write=False)

    # ------------------------------------------------------------------ basics
    @property
    def shape(self) -> tuple[int, int]:
        """The number of strategies of the row and the column player."""
        return self.A.shape

    @cached_property
    def nashpy(self) -> nashpy.Game:
        """The same game as a :class:`nashpy.Game`, for nashpy's own algorithms."""
        import nashpy  # here, not at the top: a notebook that never asks saves the import

        return nashpy.Game(self.A, self.B)

    def __repr__(self) -> str:
        return (f"Game(A={self.A.tolist()}, B={self.B.tolist()}, row_name={self.row_name!r}, "
                f"col_name={self.col_name!r}, row_labels={list(self.row_labels)!r}, "
                f"col_labels={list(self.col_labels)!r})")

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Game) and np.array_equal(self.A, other.A)
                and np.array_equal(self.B, other.B) and self.row_labels == other.row_labels
                and self.col_labels == other.col_labels and self.row_name == other.row_name
                and self.col_name == other.col_name)

    __hash__ = None  # mutable-looking container semantics: not hashable

    def _player(self, player: object) -> int:
        if not isinstance(player, str):
            raise TypeError(_("player must be 'row' or 'column' (or a player's name); got "
                              "{kind} {value}").format(kind=type(player).__name__,
                                                       value=repr(player)))
        key = player.strip().casefold()
        if key in ("row", "r", self.row_name.casefold()):
            return 0
        if key in ("column", "col", "c", self.col_name.casefold()):
            return 1
        raise ValueError(_("player must be 'row', 'column', {row} or {column}; got {value}")
                         .format(row=repr(self.row_name), column=repr(self.col_name),
                                 value=repr(player)))

    def payoffs(self, row_strategy: str, col_strategy: str) -> tuple[float, float]:
        """The two players' payoffs in one cell, by strategy labels.

        Examples
        --------
        >>> symmetric_game(4, 3, 2, 1).payoffs("Defect", "Cooperate")
        (4.0, 1.0)
        """
        i = label_index(row_strategy, self.row_labels, "row_strategy")
        j = label_index(col_strategy, self.col_labels, "col_strategy")
        return float(self.A[i, j]), float(self.B[i, j])

    def expected_payoffs(self, sigma_r: object, sigma_c: object) -> tuple[float, float]:
        """Expected payoffs of a strategy profile.

        Parameters
        ----------
        sigma_r, sigma_c : str or array_like
            A strategy label (pure strategy) or one probability per strategy.

        Examples
        --------
        >>> game = symmetric_game(4, 3, 2, 1)
        >>> game.expected_payoffs([0.5, 0.5], "Defect")
        (1.5, 3.0)
        """
        x = check_probability_vector(sigma_r, self.row_labels, "sigma_r")
        y = check_probability_vector(sigma_c, self.col_labels, "sigma_c")
        return float(x @ self.A @ y), float(x @ self.B @ y)

    # ---------------------------------------------------------- best responses
    def best_responses(self, player: str, against: object) -> list[str]:
        """The pure best responses of ``player`` to the other player's strategy.

        Against a pure strategy the payoffs are compared exactly, as in the equilibria;
        against a mixed one, expected payoffs within :data:`MIXING_TOLERANCE` are tied.

        Parameters
        ----------
        player : {"row", "column"} or a player's name
        against : str or array_like
            The other player's strategy: a label or one probability per strategy.

        Examples
        --------
        >>> game = symmetric_game(3, 4, 2, 1, labels=("Stag", "Hare"))
        >>> game.best_responses("row", "Stag")
        ['Stag']
        >>> game.best_responses("column", [0.25, 0.75])
        ['Hare']
        >>> game.best_responses("column", [0.5, 0.5])   # indifferent: a tie
        ['Stag', 'Hare']
        """
        if self._player(player) == 0:
            mix = check_probability_vector(against, self.col_labels, "against")
            values, labels = self.A @ mix, self.row_labels
        else:
            mix = check_probability_vector(against, self.row_labels, "against")
            values, labels = mix @ self.B, self.col_labels
        slack = MIXING_TOLERANCE if np.count_nonzero(mix) > 1 else 0.0   # pure: exact
        best = values.max()
        return [label for label, v in zip(labels, values) if v >= best - slack]

    def is_best_response(self, sigma_r: object, sigma_c: object) -> tuple[bool, bool]:
        """Whether each player's strategy is a best response to the other's.

        Examples
        --------
        >>> symmetric_game(4, 3, 2, 1).is_best_response("Defect", "Cooperate")
        (True, False)
        """
        x = check_probability_vector(sigma_r, self.row_labels, "sigma_r")
        y = check_probability_vector(sigma_c, self.col_labels, "sigma_c")
        row_values, col_values = self.A @ y, x @ self.B
        row_ok = float(x @ row_values) >= row_values.max() - 1e-9
        col_ok = float(col_values @ y) >= col_values.max() - 1e-9
        return bool(row_ok), bool(col_ok)

    # --------------------------------------------------------------- dominance
    def _dominated(self, player: str, strict: bool) -> list[str]:
        index = self._player(player)
        payoff = self.A if index == 0 else self.B.T   # rows = this player's strategies
        labels = self.row_labels if index == 0 else self.col_labels
        return [labels[k] for k in range(payoff.shape[0])
                if _is_dominated(payoff, k, strict)]

    def strictly_dominated_strategies(self, player: str) -> list[str]:
        """Strategies of ``player`` strictly dominated by another pure or mixed strategy.

        Examples
        --------
        >>> symmetric_game(4, 3, 2, 1).strictly_dominated_strategies("column")
        ['Cooperate']
        """
        return self._dominated(player, strict=True)

    def weakly_dominated_strategies(self, player: str) -> list[str]:
        """Strategies of ``player`` weakly dominated (never better, sometimes worse).

        Examples
        --------
        >>> symmetric_game(4, 3, 1, 1).weakly_dominated_strategies("row")
        ['Cooperate']
        >>> symmetric_game(4, 3, 1, 1).strictly_dominated_strategies("row")
        []
        """
        return self._dominated(player, strict=False)

    def dominant_strategy(self, player: str, strict: bool = True) -> str | None:
        """The strategy of ``player`` that dominates all others, if there is one.

        Examples
        --------
        >>> symmetric_game(4, 3, 2, 1, labels=("Abstain", "Ally")).dominant_strategy("row")
        'Ally'
        >>> symmetric_game(3, 4, 2, 1).dominant_strategy("row") is None
        True
        """
        index = self._player(player)
        if not isinstance(strict, (bool, np.bool_)):
            raise TypeError(_("strict must be True or False; got {value}").format(
                value=repr(strict)))
        payoff = self.A if index == 0 else self.B.T
        labels = self.row_labels if index == 0 else self.col_labels
        for k in range(payoff.shape[0]):
            others = np.delete(payoff, k, axis=0)
            if others.size == 0:
                return labels[k]
            diff = payoff[k] - others
            if (strict and np.all(diff > 0)) or (
                    not strict and np.all(diff >= 0) and np.all(np.any(diff > 0, axis=1))):
                return labels[k]
        return None

    # ----------------------------------------------------------------- Pareto
    def pareto_optimal_outcomes(self) -> list[tuple[str, str]]:
        """Pure outcomes that no other pure outcome Pareto-dominates.

        Examples
        --------
        >>> symmetric_game(4, 3, 2, 1).pareto_optimal_outcomes()
        [('Cooperate', 'Cooperate'), ('Cooperate', 'Defect'), ('Defect', 'Cooperate')]
        """
        m, n = self.shape
        return [(self.row_labels[i], self.col_labels[j]) for i in range(m) for j in range(n)
                if not self._pareto_dominated(self.A[i, j], self.B[i, j])]

    def _pareto_dominated(self, u_r: float, u_c: float) -> bool:
        # Pure payoffs are compared as they are, exactly, like the equilibria.
        better = (self.A >= u_r) & (self.B >= u_c)
        strictly = (self.A > u_r) | (self.B > u_c)
        return bool(np.any(better & strictly))

    def is_pareto_efficient(self, sigma_r: object, sigma_c: object) -> bool:
        """Whether no pure outcome gives both players at least as much and one more.

        Examples
        --------
        >>> game = symmetric_game(4, 3, 2, 1)
        >>> game.is_pareto_efficient("Defect", "Defect")
        False
        """
        return not self._pareto_dominated(*self.expected_payoffs(sigma_r, sigma_c))

    # -------------------------------------------------------------- equilibria
    @cached_property
    def _analysis(self) -> _eq.EquilibriumAnalysis:
        return _eq.analyse(self.A, self.B)

    def equilibria(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Every extreme Nash equilibrium as a ``(sigma_r, sigma_c)`` pair of arrays.

        Exact on degenerate games: all extreme equilibria are found, and every equilibrium
        of the game is a mix of them within one of :meth:`equilibrium_sets`. When there are
        infinitely many, :meth:`describe_equilibria` says so in words. Listing does not
        wait for the grouping into sets, which is computed only when asked for. A game
        that takes longer than the time budget (one second) raises
        :class:`~alliances.models.equilibria.EquilibriumSearchStopped`, whose message says how
        many equilibria it has at least.

        Examples
        --------
        Chicken has two pure equilibria and one mixed one.

        >>> game = symmetric_game(4, 3, 1, 2, labels=("Swerve", "Straight"))
        >>> [(x.tolist(), y.tolist()) for x, y in game.equilibria()]
        [([1.0, 0.0], [0.0, 1.0]), ([0.0, 1.0], [1.0, 0.0]), ([0.5, 0.5], [0.5, 0.5])]
        """
        return [(np.array(x, dtype=float), np.array(y, dtype=float))
                for x, y in self._analysis.extreme]

    def equilibria_exact(self) -> list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
        """The extreme equilibria as exact fractions (payoffs read as exact binary floats).

        Examples
        --------
        >>> game = symmetric_game(4, 3, 1, 2)
        >>> [str(p) for p in game.equilibria_exact()[-1][0]]
        ['1/2', '1/2']
        """
        return list(self._analysis.extreme)

    def equilibrium_sets(self) -> list[tuple[list[np.ndarray], list[np.ndarray]]]:
        """The maximal Nash subsets as (row vertices, column vertices).

        Any mix of the row vertices together with any mix of the column vertices is a Nash
        equilibrium; a side with one vertex is a single strategy.

        Examples
        --------
        >>> game = symmetric_game(4, 3, 1, 1, labels=("Abstain", "Ally"))
        >>> [(len(xs), len(ys)) for xs, ys in game.equilibrium_sets()]
        [(2, 1), (1, 2)]
        """
        return [([np.array(x, dtype=float) for x in xs], [np.array(y, dtype=float) for y in ys])
                for xs, ys in self._analysis.components]

    @property
    def is_degenerate(self) -> bool:
        """Whether some mixed strategy with k strategies in its support has more than k pure
        best responses (ties); then support enumeration can miss equilibria.

        Examples
        --------
        >>> symmetric_game(4, 3, 2, 1).is_degenerate, symmetric_game(4, 3, 1, 1).is_degenerate
        (False, True)
        """
        return self._analysis.degenerate

    @property
    def has_infinitely_many_equilibria(self) -> bool:
        """Whether the game has a continuum of equilibria.

        Examples
        --------
        >>> symmetric_game(4, 3, 1, 1).has_infinitely_many_equilibria
        True
        """
        return self._analysis.infinitely_many

    def pure_equilibria(self) -> list[tuple[str, str]]:
        """The pure-strategy Nash equilibria as (row label, column label) pairs.

        Examples
        --------
        >>> symmetric_game(3, 4, 2, 1, labels=("Stag", "Hare")).pure_equilibria()
        [('Stag', 'Stag'), ('Hare', 'Hare')]
        """
        m, n = self.shape
        cells = [(i, j) for i in range(m) for j in range(n)
                 if self.A[i, j] >= self.A[:, j].max() and self.B[i, j] >= self.B[i, :].max()]
        cells.sort(key=lambda c: (c[0] != c[1], c))
        return [(self.row_labels[i], self.col_labels[j]) for i, j in cells]

    def describe_strategy(self, sigma: object, player: str) -> str:
        """Describe a (mixed) strategy in words, for example "Abstain 1/3, Ally 2/3".

        Examples
        --------
        >>> symmetric_game(4, 3, 1, 2).describe_strategy([0.5, 0.5], "row")
        'Cooperate 1/2, Defect 1/2'
        """
        labels = self.row_labels if self._player(player) == 0 else self.col_labels
        vector = check_probability_vector(sigma, labels, "sigma")
        parts = [(label, p) for label, p in zip(labels, vector) if p > MIXING_TOLERANCE]
        if len(parts) == 1:
            return _(parts[0][0])
        return ", ".join(f"{_(label)} {format_probability(p)}" for label, p in parts)

    def describe_equilibria(self) -> list[str]:
        """One plain sentence per maximal set of equilibria.

        Examples
        --------
        >>> game = symmetric_game(4, 3, 1, 1, labels=("Abstain", "Ally"))
        >>> for sentence in game.describe_equilibria():
        ...     print(sentence)
        Row is indifferent: any mix of Abstain and Ally against Column's Ally is an equilibrium (infinitely many).
        Column is indifferent: any mix of Abstain and Ally against Row's Ally is an equilibrium (infinitely many).
        """
        sentences = []
        for xs, ys in self._analysis.components:
            row_text = self._describe_side(xs, "row")
            col_text = self._describe_side(ys, "column")
            if len(xs) == 1 and len(ys) == 1:
                if _is_pure(xs[0]) and _is_pure(ys[0]):
                    text = _("({row_text}, {col_text}) is an equilibrium.")
                else:
                    text = _("{row} plays {row_text} and {column} plays {col_text}: a mixed "
                             "equilibrium.")
            elif len(ys) == 1:
                text = _("{row} is indifferent: {row_text} against {column}'s {col_text} is an "
                         "equilibrium (infinitely many).")
            elif len(xs) == 1:
                text = _("{column} is indifferent: {col_text} against {row}'s {row_text} is an "
                         "equilibrium (infinitely many).")
            else:
                text = _("Both are indifferent: {row_text} by {row} with {col_text} by {column} "
                         "is an equilibrium (infinitely many).")
            sentences.append(text.format(row=_(self.row_name), column=_(self.col_name),
                                         row_text=row_text, col_text=col_text))
        return sentences

    def _describe_side(self, vertices: tuple, player: str) -> str:
        """A single strategy, or the phrase for a segment or polygon of strategies."""
        words = [self.describe_strategy([float(v) for v in vertex], player)
                 for vertex in vertices]
        if len(words) == 1:
            return words[0]
        if all(_is_pure(vertex) for vertex in vertices):
            return _("any mix of {strategies} and {last}").format(
                strategies=", ".join(words[:-1]), last=words[-1])
        return _("any strategy between {strategies} and {last}").format(
            strategies=", ".join(f"[{w}]" for w in words[:-1]), last=f"[{words[-1]}]")


def _is_pure(vector: tuple) -> bool:
    return sum(1 for v in vector if v > 0) == 1


def _is_dominated(payoff: np.ndarray, k: int, strict: bool) -> bool:
    """Whether row ``k`` of ``payoff`` is dominated by a mix of the other rows."""
    others = np.delete(payoff, k, axis=0)
    if others.shape[0] == 0:
        return False
    target = payoff[k]
    # Pure dominance first: exact and cheap, and enough for most teaching games.
    diff = others - target
    if strict and np.any(np.all(diff > 0, axis=1)):
        return True
    if not strict and np.any(np.all(diff >= 0, axis=1) & np.any(diff > 0, axis=1)):
        return True
    if others.shape[0] < 2:
        return False
    # Mixed dominance: maximise the smallest margin eps over mixes p of the other rows,
    # p @ others >= target + eps.
    from scipy.optimize import linprog  # only here: most games never get this far

    count, width = others.shape
    c = np.zeros(count + 1)
    c[-1] = -1.0
    a_ub = np.hstack([-others.T, np.ones((width, 1))])
    a_eq = np.hstack([np.ones((1, count)), np.zeros((1, 1))])
    bounds = [(0, None)] * count + [(None, None)]
    result = linprog(c, A_ub=a_ub, b_ub=-target, A_eq=a_eq, b_eq=[1.0], bounds=bounds,
                     method="highs")
    if not result.success:
        return False
    margin = -result.fun
    if strict:
        return margin > 1e-9
    if margin < -1e-9:
        return False
    # Weak dominance: some mix is never worse; check it is somewhere strictly better by
    # maximising the total gain subject to never being worse.
    result = linprog(-others.sum(axis=1), A_ub=-others.T, b_ub=-target, A_eq=a_eq[:, :-1],
                     b_eq=[1.0], bounds=[(0, None)] * count, method="highs")
    return bool(result.success and -result.fun > target.sum() + 1e-9)
