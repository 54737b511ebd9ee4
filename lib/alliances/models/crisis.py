"""Small games in extensive form, the crisis game and the two-ally game (our formalizations).

**Game trees.** A :class:`GameTree` of perfect information is made of :class:`Decision`
nodes (a player and labelled actions) and :class:`Leaf` nodes (a payoff for each player).
:func:`backward_induction` finds *every* subgame-perfect equilibrium (SPE): when a player
is indifferent between actions, each choice gives its own equilibrium, and the analysis
says where the ties are, never silently picking one. :meth:`GameTree.normal_form` turns a
tree into its normal form (a strategy is a complete plan: an action at every node of the
player, reached or not), so that each SPE can be checked to be a Nash equilibrium of the
normal form, with :class:`alliances.Game` for any two players. :class:`TreePlot` draws a
tree with the equilibrium path in thick solid lines.

**The crisis game** (:func:`crisis_game`, our formalization of Snyder's entrapment and
abandonment, not a model from his article): an adversary challenges a protégé or not; the
protégé stands firm or backs down; the patron supports or abandons it. The patron's
commitment ``c`` makes abandoning costly (reputation), and emboldens the protégé, who
presses its claims in peacetime (moral hazard). With the default payoffs a weak commitment
invites the challenge, a middling one deters it, and a strong one provokes a challenge
that the protégé meets firmly and the patron must join: entrapment.

**The two-ally game** (:func:`two_ally_game`, our formalization): a major and a minor ally
each choose to Support or Withhold; each side's dependence on the other sets how much it
fears abandonment, against the cost of being drawn into the other's quarrels.

Examples
--------
>>> solve = backward_induction(crisis_game(commitment=0.2))
>>> solve.equilibria[0].path
('Challenge', 'Back down')
>>> backward_induction(crisis_game(commitment=0.9)).equilibria[0].path
('Challenge', 'Stand firm', 'Support')
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import product

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from alliances._validation import _show, check_labels, check_name, check_real, label_index
from alliances.models.games import Game
from alliances.views.style import PALETTE

__all__ = ["Leaf", "Decision", "GameTree", "SubgamePerfectEquilibrium", "BackwardInduction",
           "backward_induction", "NormalForm", "TreePlot", "plot_game_tree", "crisis_game",
           "crisis_thresholds", "crisis_story", "CRISIS_PLAYERS", "two_ally_game",
           "ally_fears", "AllyFears", "ALLIES", "index_to_labels", "MAX_NODES",
           "MAX_EQUILIBRIA", "MAX_PROFILES"]

#: Largest tree accepted (decision nodes plus leaves): a teaching library.
MAX_NODES = 200
#: Largest number of subgame-perfect equilibria enumerated (ties multiply them).
MAX_EQUILIBRIA = 512
#: Largest number of pure-strategy profiles in a normal form.
MAX_PROFILES = 4096
#: Payoffs closer than this count as equal (a tie).
TIE_TOLERANCE = 1e-12

Path = tuple[str, ...]


# --------------------------------------------------------------------------- nodes
@dataclass(frozen=True)
class Leaf:
    """An end of the game: a payoff for each player, in the order of the tree's players.

    Examples
    --------
    >>> Leaf((1, -1), "Status quo").payoffs
    (1.0, -1.0)
    """

    payoffs: tuple[float, ...]
    label: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.payoffs, (str, bytes)) or not isinstance(self.payoffs, Sequence):
            raise TypeError(f"payoffs must be a sequence of numbers, one per player; got "
                            f"{type(self.payoffs).__name__} {_show(self.payoffs)}")
        values = tuple(check_real(v, f"payoffs[{i}]") + 0.0   # + 0.0 turns -0.0 into 0.0
                       for i, v in enumerate(self.payoffs))
        if not values:
            raise ValueError("payoffs must hold one number per player; got none")
        if not isinstance(self.label, str):
            raise TypeError(f"label must be a string; got {type(self.label).__name__}")
        object.__setattr__(self, "payoffs", values)


@dataclass(frozen=True)
class Decision:
    """A decision node: ``player`` chooses one of the labelled ``actions``.

    Parameters
    ----------
    player : str
        The name of the player who moves here.
    actions : mapping or sequence of pairs
        Action label -> the node it leads to (a :class:`Decision` or a :class:`Leaf`), in
        the order they are drawn (left to right).
    label : str
        An optional name for the node.

    Examples
    --------
    >>> node = Decision("Patron", {"Support": Leaf((0, 1)), "Abandon": Leaf((1, 0))})
    >>> [action for action, _ in node.actions]
    ['Support', 'Abandon']
    """

    player: str
    actions: tuple[tuple[str, Decision | Leaf], ...]
    label: str = ""

    def __post_init__(self) -> None:
        check_name(self.player, "player")
        actions = self.actions
        if isinstance(actions, Mapping):
            pairs = list(actions.items())
        elif isinstance(actions, Sequence) and not isinstance(actions, (str, bytes)):
            pairs = list(actions)
            if not all(isinstance(p, (tuple, list)) and len(p) == 2 for p in pairs):
                raise TypeError(f"actions of {self.player}'s node must be a dict or a list of "
                                f"(label, node) pairs; got {_show(actions)}")
        else:
            raise TypeError(f"actions of {self.player}'s node must be a dict of label -> node; "
                            f"got {type(actions).__name__} {_show(actions)}")
        if len(pairs) < 2:
            raise ValueError(f"a decision node needs at least two actions (a player with one "
                             f"action has no choice); {self.player}'s node has {len(pairs)}")
        labels = check_labels([label for label, _ in pairs], len(pairs),
                              f"actions of {self.player}'s node")
        for label, child in pairs:
            if not isinstance(child, (Decision, Leaf)):
                raise TypeError(f"actions of {self.player}'s node: {label!r} must lead to a "
                                f"Decision or a Leaf; got {type(child).__name__}")
        if not isinstance(self.label, str):
            raise TypeError(f"label must be a string; got {type(self.label).__name__}")
        object.__setattr__(self, "actions", tuple(zip(labels, (c for _, c in pairs))))

    def child(self, action: str) -> Decision | Leaf:
        """The node that ``action`` leads to (label in any case).

        Examples
        --------
        >>> Decision("A", {"L": Leaf((1,)), "R": Leaf((2,))}).child("r").payoffs
        (2.0,)
        """
        index = label_index(action, [a for a, _ in self.actions], "action")
        return self.actions[index][1]


def _describe_path(path: Path) -> str:
    return "at the start" if not path else "after " + ", ".join(map(str, path))


def _path_key(path: object, name: str = "path") -> Path:
    """``path`` as a tuple of action labels, or a TypeError naming ``name``."""
    if isinstance(path, (str, bytes)) or not isinstance(path, Sequence) or not all(
            isinstance(action, str) for action in path):
        raise TypeError(f"{name} must be a sequence of action labels (strings); got "
                        f"{_show(path)}")
    return tuple(path)


class GameTree:
    """A finite game of perfect information in extensive form.

    Parameters
    ----------
    players : sequence of str
        The players' names; every leaf gives one payoff per player, in this order.
    root : Decision
        The first move.

    Raises
    ------
    ValueError, TypeError
        If a node's player is not one of ``players``, a leaf has the wrong number of
        payoffs, the tree is too large, or the root is not a decision node; the message
        says where in the tree the problem is.

    Examples
    --------
    >>> tree = GameTree(["Row", "Column"], Decision("Row", {
    ...     "Left": Leaf((2, 1)),
    ...     "Right": Decision("Column", {"Up": Leaf((3, 0)), "Down": Leaf((0, 2))})}))
    >>> tree.decision_paths()
    [(), ('Right',)]
    >>> tree.subgame_perfect_equilibria()[0].path
    ('Left',)
    """

    def __init__(self, players: Sequence[str], root: Decision) -> None:
        if isinstance(players, (str, bytes)) or not isinstance(players, Sequence):
            raise TypeError(f"players must be a list of names; got {type(players).__name__} "
                            f"{_show(players)}")
        self.players = check_labels(list(players), len(players), "players")
        if not self.players:
            raise ValueError("players must name at least one player")
        if not isinstance(root, Decision):
            raise TypeError(f"root must be a Decision node (the first move); got "
                            f"{type(root).__name__}")
        self.root = root
        self._nodes: dict[Path, Decision | Leaf] = {}
        self._walk(root, ())

    def _walk(self, node: Decision | Leaf, path: Path) -> None:
        if len(self._nodes) >= MAX_NODES:
            raise ValueError(f"the tree has more than {MAX_NODES} nodes; this library is for "
                             "small teaching games")
        self._nodes[path] = node
        if isinstance(node, Leaf):
            if len(node.payoffs) != len(self.players):
                raise ValueError(f"the leaf {_describe_path(path)} must have "
                                 f"{len(self.players)} payoffs, one for each of the "
                                 f"players {list(self.players)}; got {len(node.payoffs)}: "
                                 f"{node.payoffs}")
            return
        if node.player not in self.players:
            raise ValueError(f"the node {_describe_path(path)} belongs to {node.player!r}, "
                             f"who is not one of the players {list(self.players)}")
        for action, child in node.actions:
            self._walk(child, path + (action,))

    # ------------------------------------------------------------- structure
    def node(self, path: Sequence[str]) -> Decision | Leaf:
        """The node reached by the actions in ``path`` from the root.

        Examples
        --------
        >>> crisis_game(0.5).node(("Challenge",)).player
        'Protégé'
        """
        key = _path_key(path)
        if key not in self._nodes:
            raise ValueError(f"path must be a sequence of actions from the root; no node "
                             f"{_describe_path(key)}")
        return self._nodes[key]

    def decision_paths(self, player: str | None = None) -> list[Path]:
        """The paths of the decision nodes (of ``player`` if given), root first, in
        depth-first order (the order of a strategy's entries).

        Examples
        --------
        >>> crisis_game(0.5).decision_paths("Patron")
        [('Challenge', 'Stand firm')]
        """
        if player is not None:
            player = self.players[label_index(player, self.players, "player")]
        return [p for p, n in self._nodes.items()
                if isinstance(n, Decision) and (player is None or n.player == player)]

    def leaf_paths(self) -> list[Path]:
        """The paths of the leaves, left to right.

        Examples
        --------
        >>> len(crisis_game(0.5).leaf_paths())
        4
        """
        return [p for p, n in self._nodes.items() if isinstance(n, Leaf)]

    def structure(self) -> tuple:
        """What a figure of the tree depends on besides payoffs (players, paths, movers).

        Examples
        --------
        >>> crisis_game(0.2).structure() == crisis_game(0.9).structure()
        True
        """
        return (self.players, tuple((p, n.player if isinstance(n, Decision) else None)
                                    for p, n in self._nodes.items()))

    def strategies(self, player: str) -> list[tuple[str, ...]]:
        """Every pure strategy of ``player``: one action at each of its nodes.

        Examples
        --------
        >>> tree = GameTree(["A", "B"], Decision("A", {
        ...     "L": Decision("B", {"x": Leaf((1, 1)), "y": Leaf((0, 0))}),
        ...     "R": Decision("B", {"x": Leaf((2, 0)), "y": Leaf((0, 2))})}))
        >>> tree.strategies("B")
        [('x', 'x'), ('x', 'y'), ('y', 'x'), ('y', 'y')]
        """
        paths = self.decision_paths(player)
        choices = [[a for a, _ in self._nodes[p].actions] for p in paths]
        return list(product(*choices))

    def outcome(self, profile: Mapping[str, Sequence[str]]) -> tuple[Path, Leaf]:
        """The path and leaf reached when each player follows its strategy in ``profile``.

        Examples
        --------
        >>> tree = crisis_game(0.9)
        >>> tree.outcome({"Adversary": ("Challenge",), "Protégé": ("Stand firm",),
        ...               "Patron": ("Abandon",)})[1].label
        'Protégé fights alone'
        """
        plans = self._plans(profile)
        node, path = self.root, ()
        while isinstance(node, Decision):
            action = plans[path]
            path = path + (action,)
            node = self._nodes[path]
        return path, node

    def _plans(self, profile: Mapping[str, Sequence[str]]) -> dict[Path, str]:
        if not isinstance(profile, Mapping):
            raise TypeError(f"profile must map each player to a strategy (a tuple of actions);"
                            f" got {type(profile).__name__}")
        plans: dict[Path, str] = {}
        for player in self.players:
            if player not in profile:
                raise ValueError(f"profile has no strategy for {player!r}")
            paths = self.decision_paths(player)
            strategy = profile[player]
            if isinstance(strategy, str):
                strategy = (strategy,)
            if not isinstance(strategy, Sequence):
                raise TypeError(f"profile must map {player!r} to a tuple of actions; got "
                                f"{_show(strategy)}")
            if len(strategy) != len(paths):
                raise ValueError(f"the strategy of {player} must give one action for each of its "
                                 f"{len(paths)} nodes; got {_show(strategy)}")
            for path, action in zip(paths, strategy):
                node = self._nodes[path]
                index = label_index(action, [a for a, _ in node.actions],
                                    f"profile: the action of {player} "
                                    f"{_describe_path(path)}")
                plans[path] = node.actions[index][0]
        return plans

    # --------------------------------------------------------------- solving
    def subgame_perfect_equilibria(self) -> list[SubgamePerfectEquilibrium]:
        """Every subgame-perfect equilibrium (see :func:`backward_induction`).

        Examples
        --------
        >>> [e.path for e in crisis_game(0.5).subgame_perfect_equilibria()]
        [('Not challenge',), ('Challenge', 'Back down')]
        """
        return backward_induction(self).equilibria

    def normal_form(self) -> NormalForm:
        """The normal form: every combination of complete plans and its payoffs.

        Examples
        --------
        >>> crisis_game(0.5).normal_form().shape
        (2, 2, 2)
        """
        return NormalForm.from_tree(self)

    def __repr__(self) -> str:
        return (f"GameTree(players={list(self.players)}, decision nodes="
                f"{len(self.decision_paths())}, leaves={len(self.leaf_paths())})")


# ------------------------------------------------------------- backward induction
@dataclass(frozen=True)
class SubgamePerfectEquilibrium:
    """One subgame-perfect equilibrium of a :class:`GameTree`.

    Attributes
    ----------
    plan : tuple of (path, action)
        The action chosen at every decision node, reached or not.
    strategies : dict
        Player -> its strategy (actions at its nodes, in depth-first order).
    path : tuple of str
        The actions actually played (the equilibrium path).
    moves : tuple of (player, action)
        The same path with who moved.
    outcome : str
        The label of the leaf reached.
    payoffs : tuple of float
        The payoffs at that leaf, in the order of the tree's players.
    """

    plan: tuple[tuple[Path, str], ...]
    strategies: dict[str, tuple[str, ...]] = field(compare=False)
    path: Path
    moves: tuple[tuple[str, str], ...]
    outcome: str
    payoffs: tuple[float, ...]

    def action_at(self, path: Sequence[str]) -> str:
        """The action this equilibrium chooses at the node reached by ``path``.

        Examples
        --------
        >>> spe = crisis_game(0.2).subgame_perfect_equilibria()[0]
        >>> spe.action_at(("Challenge", "Stand firm"))   # off the path: abandon
        'Abandon'
        """
        plan = dict(self.plan)
        key = _path_key(path)
        if key not in plan:
            raise ValueError(f"path must lead to a decision node; no decision node "
                             f"{_describe_path(key)}")
        return plan[key]

    def describe(self) -> str:
        """The equilibrium path in words.

        Examples
        --------
        >>> print(crisis_game(0.9).subgame_perfect_equilibria()[0].describe())
        Adversary: Challenge; Protégé: Stand firm; Patron: Support -> War, patron fights.
        """
        moves = "; ".join(f"{player}: {action}" for player, action in self.moves)
        return f"{moves} -> {self.outcome or 'the end'}."


@dataclass(frozen=True)
class BackwardInduction:
    """All subgame-perfect equilibria of a tree and where ties made several.

    Attributes
    ----------
    tree : GameTree
    equilibria : list of SubgamePerfectEquilibrium
        Every SPE, in the order of the actions (leftmost choices first).
    ties : list of (path, player, actions)
        Decision nodes at which the mover is indifferent between several best actions (in
        at least one equilibrium continuation).
    """

    tree: GameTree
    equilibria: list[SubgamePerfectEquilibrium]
    ties: list[tuple[Path, str, tuple[str, ...]]]

    @property
    def unique(self) -> bool:
        """Whether there is exactly one subgame-perfect equilibrium.

        Examples
        --------
        >>> backward_induction(crisis_game(0.9)).unique
        True
        """
        return len(self.equilibria) == 1

    @property
    def paths(self) -> list[Path]:
        """The distinct equilibrium paths.

        Examples
        --------
        >>> backward_induction(crisis_game(0.5)).paths
        [('Not challenge',), ('Challenge', 'Back down')]
        """
        seen: list[Path] = []
        for equilibrium in self.equilibria:
            if equilibrium.path not in seen:
                seen.append(equilibrium.path)
        return seen

    def describe(self) -> list[str]:
        """Plain sentences: the equilibrium, or every one and the ties that make them.

        Examples
        --------
        >>> for sentence in backward_induction(crisis_game(0.5)).describe():
        ...     print(sentence)
        Ties make 2 subgame-perfect equilibria; none is singled out.
        Patron is indifferent between Support and Abandon after Challenge, Stand firm.
        Equilibrium 1: Adversary: Not challenge -> Status quo.
        Equilibrium 2: Adversary: Challenge; Protégé: Back down -> Protégé backs down.
        """
        if self.unique:
            return ["One subgame-perfect equilibrium: " + self.equilibria[0].describe()]
        lines = [f"Ties make {len(self.equilibria)} subgame-perfect equilibria; none is "
                 "singled out."]
        for path, player, actions in self.ties:
            lines.append(f"{player} is indifferent between {' and '.join(actions)} "
                         f"{_describe_path(path)}.")
        lines += [f"Equilibrium {i}: {e.describe()}" for i, e in enumerate(self.equilibria, 1)]
        return lines


def backward_induction(tree: GameTree) -> BackwardInduction:
    """Every subgame-perfect equilibrium of a perfect-information tree.

    At each decision node, working up from the leaves, the mover picks an action that
    maximises its payoff given the equilibrium play that follows. **Ties:** when several
    actions are equally good, each gives its own equilibrium (and the choice can change
    what players above do), so all of them are returned and the ties are listed; none is
    silently picked. Payoffs within 1e-12 of each other count as tied.

    Parameters
    ----------
    tree : GameTree

    Returns
    -------
    BackwardInduction

    Raises
    ------
    ValueError
        If ties make more than ``MAX_EQUILIBRIA`` equilibria.

    Examples
    --------
    A tie at the last move gives two equilibria with different paths above it.

    >>> tree = GameTree(["A", "B"], Decision("A", {
    ...     "Out": Leaf((1, 1)),
    ...     "In": Decision("B", {"Fight": Leaf((0, 0)), "Yield": Leaf((2, 0))})}))
    >>> [e.path for e in backward_induction(tree).equilibria]
    [('Out',), ('In', 'Yield')]
    """
    if not isinstance(tree, GameTree):
        raise TypeError(f"tree must be a GameTree; got {type(tree).__name__}")
    ties: dict[Path, tuple[str, tuple[str, ...]]] = {}

    def solve(node: Decision | Leaf, path: Path) -> list[tuple[dict[Path, str], tuple]]:
        if isinstance(node, Leaf):
            return [({}, node.payoffs)]
        mover = tree.players.index(node.player)
        branches = [solve(child, path + (action,)) for action, child in node.actions]
        results: list[tuple[dict[Path, str], tuple]] = []
        for combination in product(*branches):
            values = [payoffs[mover] for _, payoffs in combination]
            best = max(values)
            chosen = [k for k, v in enumerate(values) if v >= best - TIE_TOLERANCE]
            if len(chosen) > 1:
                old = ties.get(path, (node.player, ()))[1]
                names = tuple(a for k, (a, _) in enumerate(node.actions)
                              if k in chosen or a in old)
                ties[path] = (node.player, names)
            merged: dict[Path, str] = {}
            for plan, _ in combination:
                merged.update(plan)
            for k in chosen:
                plan = dict(merged)
                plan[path] = node.actions[k][0]
                results.append((plan, combination[k][1]))
                if len(results) > MAX_EQUILIBRIA:
                    raise ValueError(f"ties make more than {MAX_EQUILIBRIA} subgame-perfect "
                                     "equilibria; break some ties in the payoffs")
        return results

    order = tree.decision_paths()
    equilibria = []
    for plan, payoffs in solve(tree.root, ()):
        strategies = {player: tuple(plan[p] for p in tree.decision_paths(player))
                      for player in tree.players}
        path, leaf = tree.outcome(strategies)
        moves = tuple((tree.node(path[:i]).player, path[i]) for i in range(len(path)))
        equilibria.append(SubgamePerfectEquilibrium(
            plan=tuple((p, plan[p]) for p in order), strategies=strategies, path=path,
            moves=moves, outcome=leaf.label, payoffs=payoffs))
    tie_list = [(p, player, actions) for p, (player, actions) in
                sorted(ties.items(), key=lambda item: order.index(item[0]))]
    return BackwardInduction(tree, equilibria, tie_list)


# ------------------------------------------------------------------- normal form
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
        >>> NormalForm.from_tree(crisis_game(0.9)).labels[2]
        ('Support', 'Abandon')
        """
        if not isinstance(tree, GameTree):
            raise TypeError(f"tree must be a GameTree; got {type(tree).__name__}")
        strategies = tuple(tree.strategies(p) for p in tree.players)
        counts = tuple(len(s) for s in strategies)
        if math.prod(counts) > MAX_PROFILES:
            raise ValueError(f"the normal form would have {math.prod(counts)} strategy profiles "
                             f"(more than {MAX_PROFILES}); use backward induction instead")
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
        """The number of strategies of each player."""
        return self.payoffs.shape[:-1]

    def _index(self, profile: Mapping[str, object] | Sequence[object]) -> tuple[int, ...]:
        if isinstance(profile, Mapping):
            missing = [p for p in self.players if p not in profile]
            if missing:
                raise ValueError(f"profile has no strategy for {missing}")
            items = [profile[p] for p in self.players]
        elif isinstance(profile, Sequence) and not isinstance(profile, (str, bytes)):
            items = list(profile)
            if len(items) != len(self.players):
                raise ValueError(f"profile must give one strategy per player "
                                 f"({list(self.players)}); got {len(items)}")
        else:
            raise TypeError(f"profile must be a dict player -> strategy or a sequence of "
                            f"strategies; got {type(profile).__name__}")
        index = []
        for i, item in enumerate(items):
            if isinstance(item, str):
                index.append(label_index(item, self.labels[i],
                                         f"profile: the strategy of {self.players[i]}"))
            elif isinstance(item, Sequence) and tuple(item) in self.strategies[i]:
                index.append(self.strategies[i].index(tuple(item)))
            else:
                raise ValueError(f"profile: the strategy of {self.players[i]} must be one of "
                                 f"{list(self.labels[i])}; got {_show(item)}")
        return tuple(index)

    def payoff(self, profile: Mapping[str, object] | Sequence[object]) -> tuple[float, ...]:
        """The payoffs of a profile of strategies (labels or action tuples).

        Examples
        --------
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

        >>> NormalForm.from_tree(crisis_game(0.9)).pure_nash_equilibria()
        [('Challenge', 'Back down', 'Abandon'), ('Challenge', 'Stand firm', 'Support')]
        """
        return [tuple(self.labels[i][k] for i, k in enumerate(index))
                for index in product(*(range(n) for n in self.shape))
                if self.is_nash(index_to_labels(self, index))]

    def game(self, row: str, column: str,
             fixed: Mapping[str, object] | None = None) -> Game:
        """The two-player :class:`alliances.Game` between ``row`` and ``column``, the other
        players held at their strategies in ``fixed``.

        A profile is a Nash equilibrium of the normal form exactly when, for every pair of
        players with the rest held fixed, the pair's strategies are an equilibrium of this
        two-player game.

        Examples
        --------
        >>> nf = NormalForm.from_tree(crisis_game(0.9))
        >>> game = nf.game("Protégé", "Patron", fixed={"Adversary": "Challenge"})
        >>> game.pure_equilibria()   # the second rests on an empty threat to abandon
        [('Back down', 'Abandon'), ('Stand firm', 'Support')]
        """
        i = label_index(row, self.players, "row")
        j = label_index(column, self.players, "column")
        if i == j:
            raise ValueError(f"row and column must be two different players; got {row!r} twice")
        if fixed is not None and not isinstance(fixed, Mapping):
            raise TypeError(f"fixed must map each other player to a strategy; got "
                            f"{_show(fixed)}")
        fixed = dict(fixed or {})
        others = [p for k, p in enumerate(self.players) if k not in (i, j)]
        unknown = [p for p in fixed if p not in self.players]
        if unknown:
            raise ValueError(f"fixed names unknown players {unknown}; players are "
                             f"{list(self.players)}")
        missing = [p for p in others if p not in fixed]
        if missing:
            raise ValueError(f"fixed must give the strategy of every other player; missing "
                             f"{missing}")
        profile: list[object] = []
        for k, player in enumerate(self.players):
            profile.append(fixed[player] if player in others else self.labels[k][0])
        base = list(self._index(profile))
        A = np.zeros((self.shape[i], self.shape[j]))
        B = np.zeros_like(A)
        for a in range(self.shape[i]):
            for b in range(self.shape[j]):
                index = list(base)
                index[i], index[j] = a, b
                A[a, b], B[a, b] = self.payoffs[tuple(index)][[i, j]]
        return Game(A, B, row_name=self.players[i], col_name=self.players[j],
                    row_labels=self.labels[i], col_labels=self.labels[j])


def index_to_labels(normal_form: NormalForm, index: Sequence[int]) -> tuple[str, ...]:
    """The strategy labels of a profile given by indices.

    Examples
    --------
    >>> index_to_labels(NormalForm.from_tree(crisis_game(0.5)), (0, 1, 1))
    ('Not challenge', 'Stand firm', 'Abandon')
    """
    if not isinstance(normal_form, NormalForm):
        raise TypeError(f"normal_form must be a NormalForm; got {type(normal_form).__name__}")
    if isinstance(index, (str, bytes)) or not isinstance(index, Sequence) or \
            len(index) != len(normal_form.players) or not all(
                isinstance(k, (int, np.integer)) and not isinstance(k, bool)
                and 0 <= k < n for k, n in zip(index, normal_form.shape)):
        raise ValueError(f"index must give one strategy number per player, within "
                         f"{normal_form.shape}; got {_show(index)}")
    return tuple(normal_form.labels[i][k] for i, k in enumerate(index))


# ---------------------------------------------------------------------- drawing
_PLAYER_MARKERS = ("o", "s", "D", "^", "v", "P")
_PLAYER_COLOURS = (PALETTE["vermillion"], PALETTE["blue"], PALETTE["green"],
                   PALETTE["purple"], PALETTE["orange"], PALETTE["black"])


def _layout(tree: GameTree) -> dict[Path, tuple[float, float]]:
    """x = leaf order (decision nodes centred over their children), y = -depth."""
    positions: dict[Path, tuple[float, float]] = {}
    count = 0

    def place(path: Path) -> float:
        nonlocal count
        node = tree.node(path)
        if isinstance(node, Leaf):
            x = float(count)
            count += 1
        else:
            xs = [place(path + (a,)) for a, _ in node.actions]
            x = (xs[0] + xs[-1]) / 2
        positions[path] = (x, -float(len(path)))
        return x

    place(())
    return positions


class TreePlot:
    """A game tree with its subgame-perfect equilibria, updatable for new payoffs.

    Edges on the equilibrium path are thick and solid; the other equilibrium choices
    (off the path) are dashed; actions no equilibrium takes are thin and dotted. Line width
    and style carry the meaning, not colour alone. When ties make several equilibria,
    every one of them is drawn this way and the title says so.

    Parameters
    ----------
    tree : GameTree
    ax : Axes, optional
        Where to draw; by default a new figure outside pyplot.
    title : str, optional
        Fixed title; by default it states the equilibrium outcome.
    payoff_format : str
        Format of each payoff, default ``"{:g}"``.

    Examples
    --------
    >>> plot = TreePlot(crisis_game(0.2))
    >>> plot.path_edges()
    [('Challenge',), ('Challenge', 'Back down')]
    >>> plot.update(crisis_game(0.9))
    >>> plot.path_edges()[-1]
    ('Challenge', 'Stand firm', 'Support')
    """

    def __init__(self, tree: GameTree, ax: Axes | None = None, *, title: str | None = None,
                 payoff_format: str = "{:.3g}") -> None:
        if not isinstance(tree, GameTree):
            raise TypeError(f"tree must be a GameTree; got {type(tree).__name__}")
        if ax is not None and not isinstance(ax, Axes):
            raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__}")
        try:
            payoff_format.format(1.5)
        except (AttributeError, ValueError, TypeError, IndexError, KeyError):
            raise ValueError(f"payoff_format must be a format string for one number, such "
                             f"as '{{:.3g}}'; got {payoff_format!r}") from None
        if not isinstance(payoff_format, str):
            raise TypeError(f"payoff_format must be a string; got {payoff_format!r}")
        if ax is None:
            ax = Figure(figsize=(7.0, 4.6), dpi=100, layout="constrained").add_subplot()
        self.ax = ax
        self._structure = tree.structure()
        self._format = payoff_format
        positions = _layout(tree)
        self.positions = positions
        depth = max(-y for _, y in positions.values())
        width = max(x for x, _ in positions.values())
        ax.set_xlim(-0.75, width + 0.75)
        ax.set_ylim(-depth - 0.95, 0.45)
        ax.axis("off")
        self.edges: dict[Path, Line2D] = {}
        self.action_texts = {}
        for path, (x, y) in positions.items():
            if not path:
                continue
            px, py = positions[path[:-1]]
            (line,) = ax.plot([px, x], [py, y], color=PALETTE["grey"], lw=1, ls=":",
                              solid_capstyle="round", zorder=1)
            self.edges[path] = line
            self.action_texts[path] = ax.text(
                (px + x) / 2, (py + y) / 2, path[-1], ha="center", va="center", fontsize=9,
                zorder=3, bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="none"))
        colour = {p: _PLAYER_COLOURS[i % 6] for i, p in enumerate(tree.players)}
        marker = {p: _PLAYER_MARKERS[i % 6] for i, p in enumerate(tree.players)}
        self.leaf_texts = {}
        self.markers: list[Line2D] = []
        for path, (x, y) in positions.items():
            node = tree.node(path)
            if isinstance(node, Decision):
                self.markers += ax.plot([x], [y], marker=marker[node.player], ms=13,
                                        color=colour[node.player], mec="black", zorder=4)
                ax.text(x + 0.12, y + 0.12, node.player, ha="left", va="bottom", fontsize=10,
                        fontweight="bold", color=colour[node.player], zorder=5)
            else:
                self.markers += ax.plot([x], [y], marker="s", ms=6, color="black", zorder=4)
                self.leaf_texts[path] = ax.text(x, y - 0.1, "", ha="center", va="top",
                                                fontsize=9, zorder=5)
        handles = [Line2D([], [], color="black", lw=4, label="equilibrium path"),
                   Line2D([], [], color=PALETTE["orange"], lw=2.2, ls="--",
                          label="equilibrium choice off the path"),
                   Line2D([], [], color=PALETTE["grey"], lw=1, ls=":", label="not chosen")]
        ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, -0.02), ncols=3,
                  fontsize=8, frameon=False)
        self.payoff_note = ax.text(0.0, 1.0, "payoffs: (" + ", ".join(tree.players) + ")",
                                   transform=ax.transAxes, ha="left", va="top", fontsize=8,
                                   color=PALETTE["black"])
        self.title = ax.set_title("", fontsize=12)
        self._fixed_title = title
        self.update(tree)

    def update(self, tree: GameTree) -> None:
        """Show ``tree`` (same structure, new payoffs): restyle edges, rewrite payoffs."""
        if not isinstance(tree, GameTree):
            raise TypeError(f"tree must be a GameTree; got {type(tree).__name__}")
        if tree.structure() != self._structure:
            raise ValueError("tree must have the same players, nodes and actions as the tree "
                             "this figure was made for")
        analysis = backward_induction(tree)
        on_path: set[Path] = set()
        chosen: set[Path] = set()
        for equilibrium in analysis.equilibria:
            on_path.update(equilibrium.path[:i] for i in range(1, len(equilibrium.path) + 1))
            chosen.update(p + (a,) for p, a in equilibrium.plan)
        for path, line in self.edges.items():
            if path in on_path:
                line.set(color="black", lw=4.0, ls="-", zorder=2)
            elif path in chosen:
                line.set(color=PALETTE["orange"], lw=2.2, ls="--", zorder=2)
            else:
                line.set(color=PALETTE["grey"], lw=1.0, ls=":", zorder=1)
            self.action_texts[path].set_fontweight("bold" if path in on_path else "normal")
        for path, text in self.leaf_texts.items():
            leaf = tree.node(path)
            numbers = ", ".join(self._format.format(v) for v in leaf.payoffs)
            text.set_text(f"{leaf.label}\n({numbers})" if leaf.label else f"({numbers})")
            text.set_fontweight("bold" if path in on_path else "normal")
        self._on_path = sorted(on_path, key=len)
        self.analysis = analysis
        if self._fixed_title is not None:
            self.title.set_text(self._fixed_title)
        elif analysis.unique:
            self.title.set_text("Subgame-perfect outcome: " + analysis.equilibria[0].outcome)
        else:
            self.title.set_text(f"Ties: {len(analysis.equilibria)} subgame-perfect equilibria")

    def dynamic_artists(self) -> list:
        """The artists that :meth:`update` changes (for layered rendering in widgets)."""
        return [*self.edges.values(), *self.action_texts.values(), *self.leaf_texts.values(),
                *self.markers, self.title]

    def path_edges(self) -> list[Path]:
        """The edges drawn as the equilibrium path (every equilibrium's, if several)."""
        return list(self._on_path)


def plot_game_tree(tree: GameTree, ax: Axes | None = None, *,
                   title: str | None = None) -> Axes:
    """Draw a game tree with the subgame-perfect equilibrium path highlighted.

    Parameters
    ----------
    tree : GameTree
    ax : Axes, optional
        Where to draw; a new pyplot figure is made if omitted.
    title : str, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> plot_game_tree(crisis_game(0.9)).get_title()
    'Subgame-perfect outcome: War, patron fights'
    """
    if ax is None:
        import matplotlib.pyplot as plt
        ax = plt.figure(figsize=(7.0, 4.6), dpi=100, layout="constrained").add_subplot()
    return TreePlot(tree, ax, title=title).ax


# ----------------------------------------------------------------- crisis game
#: The players of :func:`crisis_game`, in payoff order.
CRISIS_PLAYERS = ("Adversary", "Protégé", "Patron")


def _crisis_parameters(commitment: float, patron_war_cost: float, patron_defeat_loss: float,
                       reputation_cost: float, provocation: float,
                       adversary_war_cost: float) -> tuple[float, ...]:
    c = check_real(commitment, "commitment", minimum=0, maximum=1)
    return (c, check_real(patron_war_cost, "patron_war_cost", minimum=0),
            check_real(patron_defeat_loss, "patron_defeat_loss", minimum=0),
            check_real(reputation_cost, "reputation_cost", minimum=0),
            check_real(provocation, "provocation", minimum=0),
            check_real(adversary_war_cost, "adversary_war_cost", minimum=0))


def crisis_game(commitment: float = 0.5, *, patron_war_cost: float = 4.0,
                patron_defeat_loss: float = 2.0, reputation_cost: float = 4.0,
                provocation: float = 3.0, adversary_war_cost: float = 2.0) -> GameTree:
    """The crisis game: adversary, protégé and patron (our formalization).

    The adversary challenges the protégé or not; if challenged, the protégé stands firm or
    backs down; if it stands firm, the patron supports it (war) or abandons it (the
    protégé fights alone and loses). Payoffs (Adversary, Protégé, Patron), with ``c`` the
    patron's commitment:

    ========================  ===========================  ============
    outcome                   adversary, protégé           patron
    ========================  ===========================  ============
    Status quo                -M c, M c                    0
    Protégé backs down        1, -1                        -1
    War, patron fights        -adversary_war_cost, 0       -W
    Protégé fights alone      2, -3                        -D - R c
    ========================  ===========================  ============

    ``W`` = ``patron_war_cost`` (the price of entrapment), ``D`` = ``patron_defeat_loss``
    (the interest the patron shares with the protégé), ``R`` = ``reputation_cost`` (what
    breaking a full commitment costs) and ``M`` = ``provocation`` (moral hazard: a
    protégé sure of its patron presses its claims in peacetime, at the adversary's
    expense). The numbers are illustrative ordinal choices, not estimates.

    Parameters
    ----------
    commitment : float
        The patron's commitment c in [0, 1].
    patron_war_cost, patron_defeat_loss, reputation_cost, provocation, adversary_war_cost
        : float, >= 0

    Returns
    -------
    GameTree

    Examples
    --------
    >>> tree = crisis_game(0.6)
    >>> tree.node(("Challenge", "Stand firm", "Abandon")).payoffs
    (2.0, -3.0, -4.4)
    >>> tree.subgame_perfect_equilibria()[0].outcome   # deterrence
    'Status quo'
    """
    c, w, d, r, m, a = _crisis_parameters(commitment, patron_war_cost, patron_defeat_loss,
                                          reputation_cost, provocation, adversary_war_cost)
    patron = Decision("Patron", {
        "Support": Leaf((-a, 0.0, -w), "War, patron fights"),
        "Abandon": Leaf((2.0, -3.0, -d - r * c), "Protégé fights alone"),
    })
    protege = Decision("Protégé", {
        "Back down": Leaf((1.0, -1.0, -1.0), "Protégé backs down"),
        "Stand firm": patron,
    })
    root = Decision("Adversary", {
        "Not challenge": Leaf((-m * c, m * c, 0.0), "Status quo"),
        "Challenge": protege,
    })
    return GameTree(CRISIS_PLAYERS, root)


def crisis_thresholds(*, patron_war_cost: float = 4.0, patron_defeat_loss: float = 2.0,
                      reputation_cost: float = 4.0, provocation: float = 3.0,
                      adversary_war_cost: float = 2.0) -> dict[str, float]:
    """The commitment levels at which the crisis game's equilibrium changes.

    * ``"support"``: above ``(W - D) / R`` the patron would support a firm protégé (its
      commitment makes abandoning cost more than fighting); below it, it would abandon.
      ``-inf`` if it always supports, ``inf`` if it never does.
    * ``"challenge"``: above ``adversary_war_cost / M`` the adversary prefers war with a
      supported protégé to a status quo eroded by the emboldened protégé. ``inf`` if
      ``M = 0``.

    At a threshold the player is indifferent, and there are two equilibria.

    Examples
    --------
    >>> crisis_thresholds()
    {'support': 0.5, 'challenge': 0.666...}
    """
    _, w, d, r, m, a = _crisis_parameters(0.0, patron_war_cost, patron_defeat_loss,
                                          reputation_cost, provocation, adversary_war_cost)
    if r > 0:
        support = (w - d) / r
    else:
        support = -math.inf if w < d else math.inf
    challenge = a / m if m > 0 else math.inf
    return {"support": support, "challenge": challenge}


_STORIES = {
    ("Not challenge",): "deterrence: the adversary does not challenge, because the protégé "
                        "would stand firm and the patron would fight",
    ("Challenge", "Back down"): "the weak commitment invites a challenge: the protégé, "
                                "expecting to be abandoned, backs down",
    ("Challenge", "Stand firm", "Support"): "entrapment: the emboldened protégé stands firm "
                                            "and the patron, bound by its commitment, fights "
                                            "a war over the protégé's quarrel",
    ("Challenge", "Stand firm", "Abandon"): "abandonment: the patron leaves the protégé to "
                                            "fight alone",
}


def crisis_story(analysis: BackwardInduction) -> str:
    """What the crisis game's subgame-perfect outcome means, in one sentence.

    Parameters
    ----------
    analysis : BackwardInduction
        Of a tree built by :func:`crisis_game`.

    Examples
    --------
    >>> print(crisis_story(backward_induction(crisis_game(0.9))))
    Entrapment: the emboldened protégé stands firm and the patron, bound by its commitment,
    fights a war over the protégé's quarrel.
    >>> print(crisis_story(backward_induction(crisis_game(0.5))))
    A tie: 2 subgame-perfect equilibria. Either deterrence: ...
    Or the weak commitment invites a challenge: ...
    """
    if not isinstance(analysis, BackwardInduction):
        raise TypeError(f"analysis must be a BackwardInduction; got {type(analysis).__name__}")
    if analysis.tree.structure() != crisis_game(0.0).structure():
        raise ValueError("analysis must be of a tree built by crisis_game")
    stories = [_STORIES[path] for path in analysis.paths]
    if len(stories) == 1:
        text = stories[0]
        return text[0].upper() + text[1:] + "."
    return (f"A tie: {len(analysis.equilibria)} subgame-perfect equilibria. "
            + " ".join(("Either " if i == 0 else "Or ") + s + "." for i, s in enumerate(stories)))


# --------------------------------------------------------------- two-ally game
@dataclass(frozen=True)
class AllyFears:
    """Each ally's two fears in :func:`two_ally_game` and which one drives its choice.

    Attributes
    ----------
    abandonment : dict
        Ally -> a d: the expected loss from the other's walking away if it withholds.
    entrapment : dict
        Ally -> e: the cost of being drawn into the other's quarrel if it supports.
    dominant : dict
        Ally -> "abandonment", "entrapment" or "balanced" (then it is indifferent).
    """

    abandonment: dict[str, float]
    entrapment: dict[str, float]
    dominant: dict[str, str]

    def sentence(self, ally: str) -> str:
        """Why ``ally`` supports or withholds, in words.

        Examples
        --------
        >>> print(ally_fears(0.3, 0.8).sentence("Minor ally"))
        Minor ally supports: its fear of abandonment (0.4) outweighs its fear of entrapment (0.3).
        """
        if not isinstance(ally, str) or ally not in self.dominant:
            raise ValueError(f"ally must be one of {list(self.dominant)}; got {ally!r}")
        a, e = self.abandonment[ally], self.entrapment[ally]
        if self.dominant[ally] == "abandonment":
            return (f"{ally} supports: its fear of abandonment ({a:.3g}) outweighs its fear of "
                    f"entrapment ({e:.3g}).")
        if self.dominant[ally] == "entrapment":
            return (f"{ally} withholds: its fear of entrapment ({e:.3g}) outweighs its fear of "
                    f"abandonment ({a:.3g}).")
        return (f"{ally} is indifferent: its fears of abandonment and entrapment are equal "
                f"({a:.3g}), so any mix of Support and Withhold is a best reply.")


ALLIES = ("Major ally", "Minor ally")


def _ally_parameters(major_dependence: float, minor_dependence: float, entrapment_cost: float,
                     realignment: float) -> tuple[float, float, float, float]:
    return (check_real(major_dependence, "major_dependence", minimum=0, maximum=1),
            check_real(minor_dependence, "minor_dependence", minimum=0, maximum=1),
            check_real(entrapment_cost, "entrapment_cost", minimum=0),
            check_real(realignment, "realignment", minimum=0, maximum=1))


def two_ally_game(major_dependence: float = 0.3, minor_dependence: float = 0.8, *,
                  entrapment_cost: float = 0.3, realignment: float = 0.5) -> Game:
    """The alliance game of a major and a minor ally: Support or Withhold (our formalization).

    Ally i, with dependence d_i on the alliance, gets

        u_i = d_i [the other supports] - e [i supports] - a d_i [i withholds]

    where d_i is what the other's support is worth to i, e (``entrapment_cost``) is the
    cost of being drawn into the other's quarrel by supporting it, and a
    (``realignment``) is the chance that an ally let down walks away or realigns: an
    expected loss a d_i, the fear of abandonment. Supporting is i's best reply, whatever
    the other does, exactly when a d_i > e; at a d_i = e it is indifferent (a tie, and
    infinitely many equilibria). ``realignment`` is high in a multipolar system, where
    allies have somewhere else to go, and low in a bipolar one.

    Parameters
    ----------
    major_dependence, minor_dependence : float in [0, 1]
    entrapment_cost : float >= 0
    realignment : float in [0, 1]

    Returns
    -------
    Game
        Row: the major ally; column: the minor ally; strategies ("Support", "Withhold").

    Examples
    --------
    >>> game = two_ally_game(0.3, 0.8)
    >>> game.pure_equilibria()
    [('Withhold', 'Support')]
    >>> game.payoffs("Withhold", "Support")   # (0.3 - 0.15, -0.3)
    (0.15, -0.3)
    """
    d_major, d_minor, e, a = _ally_parameters(major_dependence, minor_dependence,
                                              entrapment_cost, realignment)

    def payoff(d: float, mine: int, theirs: int) -> float:   # 0 = Support, 1 = Withhold
        return d * (theirs == 0) - e * (mine == 0) - a * d * (mine == 1)

    A = [[payoff(d_major, i, j) for j in range(2)] for i in range(2)]
    B = [[payoff(d_minor, j, i) for j in range(2)] for i in range(2)]
    return Game(A, B, row_name=ALLIES[0], col_name=ALLIES[1],
                row_labels=("Support", "Withhold"), col_labels=("Support", "Withhold"))


def ally_fears(major_dependence: float = 0.3, minor_dependence: float = 0.8, *,
               entrapment_cost: float = 0.3, realignment: float = 0.5) -> AllyFears:
    """Each ally's fear of abandonment (a d_i) and of entrapment (e) in :func:`two_ally_game`.

    Examples
    --------
    >>> fears = ally_fears(0.3, 0.8)
    >>> fears.dominant
    {'Major ally': 'entrapment', 'Minor ally': 'abandonment'}
    """
    d_major, d_minor, e, a = _ally_parameters(major_dependence, minor_dependence,
                                              entrapment_cost, realignment)
    abandonment = {ALLIES[0]: a * d_major, ALLIES[1]: a * d_minor}
    entrapment = {ALLIES[0]: e, ALLIES[1]: e}
    dominant = {}
    for ally in ALLIES:
        gap = abandonment[ally] - entrapment[ally]
        dominant[ally] = ("balanced" if abs(gap) <= TIE_TOLERANCE else
                          "abandonment" if gap > 0 else "entrapment")
    return AllyFears(abandonment, entrapment, dominant)
