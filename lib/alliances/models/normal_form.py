"""The normal form of a game tree: every complete plan of each player and its payoffs.

A strategy of a player in a :class:`alliances.models.gametree.GameTree` is a complete plan:
an action at every node of the player, reached or not. :class:`NormalForm` lists the
strategies and the payoffs of every profile, tells whether a profile is a Nash
equilibrium, and gives the two-player :class:`alliances.Game` between any two players
with the others held fixed. Each subgame-perfect equilibrium is a Nash equilibrium of
the normal form, but not the other way round (incredible threats).

Examples
--------
>>> from alliances.models.gametree import Decision, GameTree, Leaf
>>> tree = GameTree(["Entrant", "Incumbent"], Decision("Entrant", {
...     "Out": Leaf((1, 3)),
...     "In": Decision("Incumbent", {"Fight": Leaf((0, 0)), "Yield": Leaf((2, 1))})}))
>>> NormalForm.from_tree(tree).pure_nash_equilibria()   # Fight is an incredible threat
[('Out', 'Fight'), ('In', 'Yield')]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import product

import numpy as np

from alliances._validation import short_repr, label_index
from alliances.i18n import _
from alliances.models.games import Game
from alliances.models.gametree import TIE_TOLERANCE, GameTree

__all__ = ["NormalForm"]

#: Largest number of pure-strategy profiles in a normal form.
_MAX_PROFILES = 4096


def _strategy_label(strategy: tuple[str, ...]) -> str:
    if not strategy:
        return "(no move)"     # a player who never moves has one, empty, plan
    return strategy[0] if len(strategy) == 1 else " / ".join(strategy)


@dataclass(frozen=True)
class NormalForm:
    """The normal form of a game tree: players' complete plans and the payoffs they give.

    Attributes
    ----------
    tree : GameTree
    players : tuple of str
    strategies : tuple of list of tuple
        For each player, its pure strategies (an action at each of its nodes, in the order
        of :meth:`GameTree.decision_paths`).
    labels : tuple of tuple of str
        A readable label per strategy: the action, or the actions joined by " / ".
    payoffs : numpy.ndarray
        Shape ``(n_1, ..., n_k, k)``: the payoffs of every profile of pure strategies.

    Examples
    --------
    >>> from alliances.models.crisis import crisis_game
    >>> normal = NormalForm.from_tree(crisis_game(0.5))
    >>> normal.players, normal.labels[0]
    (('Adversary', 'Protégé', 'Patron'), ('Not challenge', 'Challenge'))
    """

    tree: GameTree
    players: tuple[str, ...]
    strategies: tuple[list[tuple[str, ...]], ...]
    labels: tuple[tuple[str, ...], ...]
    payoffs: np.ndarray = field(repr=False)

    @classmethod
    def from_tree(cls, tree: GameTree) -> NormalForm:
        """Build the normal form of ``tree``.

        Examples
        --------
        >>> from alliances.models.crisis import crisis_game
        >>> NormalForm.from_tree(crisis_game(0.9)).labels[2]
        ('Support', 'Abandon')
        """
        if not isinstance(tree, GameTree):
            raise TypeError(_("tree must be a GameTree; got {kind}").format(
                              kind=type(tree).__name__))
        strategies = tuple(tree.strategies(p) for p in tree.players)
        counts = tuple(len(s) for s in strategies)
        if math.prod(counts) > _MAX_PROFILES:
            raise ValueError(_("the normal form would have {count} strategy profiles "
                               "(more than {max_profiles}); use backward induction "
                               "instead").format(
                               count=math.prod(counts), max_profiles=_MAX_PROFILES))
        payoffs = np.zeros((*counts, len(tree.players)))
        for index in product(*(range(n) for n in counts)):
            profile = {p: strategies[i][index[i]] for i, p in enumerate(tree.players)}
            payoffs[index] = tree.outcome(profile)[1].payoffs
        labels = []
        for player_strategies in strategies:
            names = [_strategy_label(s) for s in player_strategies]
            if len(set(names)) != len(names):      # action labels containing " / "
                names = [f"S{i + 1}: {n}" for i, n in enumerate(names)]
            labels.append(tuple(names))
        return cls(tree, tree.players, strategies, tuple(labels), payoffs)

    @property
    def shape(self) -> tuple[int, ...]:
        """The number of strategies of each player.

        Examples
        --------
        >>> from alliances.models.crisis import crisis_game
        >>> NormalForm.from_tree(crisis_game(0.9)).shape
        (2, 2, 2)
        """
        return self.payoffs.shape[:-1]

    def _index(self, profile: Mapping[str, object] | Sequence[object]) -> tuple[int, ...]:
        if isinstance(profile, Mapping):
            missing = [p for p in self.players if p not in profile]
            if missing:
                raise ValueError(_("profile has no strategy for {missing}").format(
                                   missing=missing))
            items = [profile[p] for p in self.players]
        elif isinstance(profile, Sequence) and not isinstance(profile, (str, bytes)):
            items = list(profile)
            if len(items) != len(self.players):
                raise ValueError(_("profile must give one strategy per player "
                                   "({players}); got {n_items}").format(
                                   players=list(self.players), n_items=len(items)))
        else:
            raise TypeError(_("profile must be a dict player -> strategy or a sequence "
                              "of strategies; got {kind}").format(kind=type(profile).__name__))
        index = []
        for i, item in enumerate(items):
            if isinstance(item, str):
                index.append(label_index(item, self.labels[i],
                                         f"profile: the strategy of {self.players[i]}"))
            elif isinstance(item, Sequence) and tuple(item) in self.strategies[i]:
                index.append(self.strategies[i].index(tuple(item)))
            else:
                raise ValueError(_("profile: the strategy of {player} must be one of "
                                   "{strategies}; got {item}").format(
                                   player=self.players[i], strategies=list(self.labels[i]),
                                   item=short_repr(item)))
        return tuple(index)

    def payoff(self, profile: Mapping[str, object] | Sequence[object]) -> tuple[float, ...]:
        """The payoffs of a profile of strategies (labels or action tuples).

        Examples
        --------
        >>> from alliances.models.crisis import crisis_game
        >>> NormalForm.from_tree(crisis_game(0.9)).payoff(["Not challenge", "Back down",
        ...                                                 "Abandon"])
        (-2.7, 2.7, 0.0)
        """
        return tuple(float(v) for v in self.payoffs[self._index(profile)])

    def is_nash(self, profile: Mapping[str, object] | Sequence[object]) -> bool:
        """Whether no player gains by changing its own strategy alone.

        Examples
        --------
        An incredible threat: at c = 0.2 the patron "would support", which deters the
        challenge; a Nash equilibrium, but not subgame-perfect.

        >>> from alliances.models.crisis import crisis_game
        >>> NormalForm.from_tree(crisis_game(0.2)).is_nash(["Not challenge", "Stand firm",
        ...                                                  "Support"])
        True
        """
        index = self._index(profile)
        for i in range(len(self.players)):
            current = self.payoffs[index][i]
            for alternative in range(self.shape[i]):
                other = list(index)
                other[i] = alternative
                if self.payoffs[tuple(other)][i] > current + TIE_TOLERANCE:
                    return False
        return True

    def pure_nash_equilibria(self) -> list[tuple[str, ...]]:
        """Every pure-strategy Nash equilibrium, as a tuple of strategy labels.

        Examples
        --------
        At c = 0.9 the subgame-perfect one, and one where the protégé backs down
        before a threat to abandon it that the patron would not carry out:

        >>> from alliances.models.crisis import crisis_game
        >>> NormalForm.from_tree(crisis_game(0.9)).pure_nash_equilibria()
        [('Challenge', 'Back down', 'Abandon'), ('Challenge', 'Stand firm', 'Support')]
        """
        profiles = (tuple(self.labels[i][k] for i, k in enumerate(index))
                    for index in product(*(range(n) for n in self.shape)))
        return [labels for labels in profiles if self.is_nash(labels)]

    def game(self, row: str, column: str,
             fixed: Mapping[str, object] | None = None) -> Game:
        """The two-player :class:`alliances.Game` between ``row`` and ``column``, the other
        players held at their strategies in ``fixed``.

        A profile is a Nash equilibrium of the normal form exactly when, for every pair of
        players with the rest held fixed, the pair's strategies are an equilibrium of this
        two-player game.

        Examples
        --------
        >>> from alliances.models.crisis import crisis_game
        >>> nf = NormalForm.from_tree(crisis_game(0.9))
        >>> game = nf.game("Protégé", "Patron", fixed={"Adversary": "Challenge"})
        >>> game.pure_equilibria()   # the second rests on an empty threat to abandon
        [('Back down', 'Abandon'), ('Stand firm', 'Support')]
        """
        i = label_index(row, self.players, "row")
        j = label_index(column, self.players, "column")
        if i == j:
            raise ValueError(_("row and column must be two different players; got {row} "
                               "twice").format(row=repr(row)))
        A, B = self._pair_payoffs(self._fixed_index(i, j, fixed), i, j)
        return Game(A, B, row_name=self.players[i], col_name=self.players[j],
                    row_labels=self.labels[i], col_labels=self.labels[j])

    def _fixed_index(self, i: int, j: int, fixed: object) -> list[int]:
        """A profile's index with every player but ``i`` and ``j`` at its ``fixed`` strategy."""
        if fixed is not None and not isinstance(fixed, Mapping):
            raise TypeError(_("fixed must map each other player to a strategy; got "
                              "{fixed}").format(fixed=short_repr(fixed)))
        fixed = dict(fixed or {})
        others = [p for k, p in enumerate(self.players) if k not in (i, j)]
        unknown = [p for p in fixed if p not in self.players]
        if unknown:
            raise ValueError(_("fixed names unknown players {unknown}; players are "
                               "{players}").format(unknown=unknown, players=list(self.players)))
        missing = [p for p in others if p not in fixed]
        if missing:
            raise ValueError(_("fixed must give the strategy of every other player; "
                               "missing {missing}").format(missing=missing))
        profile = [fixed[player] if player in others else self.labels[k][0]
                   for k, player in enumerate(self.players)]
        return list(self._index(profile))

    def _pair_payoffs(self, base: list[int], i: int, j: int) -> tuple[np.ndarray, np.ndarray]:
        """The payoff matrices of players ``i`` and ``j``, the others as in ``base``."""
        A = np.zeros((self.shape[i], self.shape[j]))
        B = np.zeros_like(A)
        for a in range(self.shape[i]):
            for b in range(self.shape[j]):
                index = list(base)
                index[i], index[j] = a, b
                A[a, b], B[a, b] = self.payoffs[tuple(index)][[i, j]]
        return A, B
