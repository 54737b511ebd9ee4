"""Finite games of perfect information in extensive form, solved by backward induction.

A :class:`GameTree` is made of :class:`Decision` nodes (a player and labelled actions) and
:class:`Leaf` nodes (a payoff for each player). :func:`backward_induction` finds *every*
subgame-perfect equilibrium (SPE): when a player is indifferent between actions, each
choice gives its own equilibrium, and the analysis says where the ties are, never silently
picking one. :meth:`GameTree.normal_form` turns a tree into its normal form
(:class:`alliances.models.normal_form.NormalForm`), so that each SPE can be checked to be a
Nash equilibrium. Pure: the figure of a tree is :mod:`alliances.views.gametree`.

Examples
--------
The entry game: the incumbent's threat to fight is not credible.

>>> tree = GameTree(["Entrant", "Incumbent"], Decision("Entrant", {
...     "Out": Leaf((1, 3), "out"),
...     "In": Decision("Incumbent", {"Fight": Leaf((0, 0)), "Yield": Leaf((2, 1))})}))
>>> backward_induction(tree).equilibria[0].path
('In', 'Yield')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import product
from typing import TYPE_CHECKING

from alliances._validation import short_repr, check_labels, check_name, check_real, label_index
from alliances.i18n import _

if TYPE_CHECKING:
    from alliances.models.normal_form import NormalForm

__all__ = ["Leaf", "Decision", "GameTree", "SubgamePerfectEquilibrium", "BackwardInduction",
           "backward_induction", "Path", "TIE_TOLERANCE"]

#: Largest tree accepted (decision nodes plus leaves): a teaching library.
_MAX_NODES = 200
#: Largest number of subgame-perfect equilibria enumerated (ties multiply them).
_MAX_EQUILIBRIA = 512
#: Payoffs closer than this count as equal (a tie).
TIE_TOLERANCE = 1e-12

#: The actions that lead from the root to a node (the root's path is empty).
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
            raise TypeError(_("payoffs must be a sequence of numbers, one per player; "
                              "got {kind} {payoffs}").format(
                              kind=type(self.payoffs).__name__, payoffs=short_repr(self.payoffs)))
        values = tuple(check_real(v, f"payoffs[{i}]") + 0.0   # + 0.0 turns -0.0 into 0.0
                       for i, v in enumerate(self.payoffs))
        if not values:
            raise ValueError(_("payoffs must hold one number per player; got none"))
        if not isinstance(self.label, str):
            raise TypeError(_("label must be a string; got {kind}").format(
                              kind=type(self.label).__name__))
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
                raise TypeError(_("actions of {player}'s node must be a dict or a list "
                                  "of (label, node) pairs; got {actions}").format(
                                  player=self.player, actions=short_repr(actions)))
        else:
            raise TypeError(_("actions of {player}'s node must be a dict of label -> "
                              "node; got {kind} {actions}").format(
                              player=self.player, kind=type(actions).__name__,
                              actions=short_repr(actions)))
        if len(pairs) < 2:
            raise ValueError(_("a decision node needs at least two actions (a player "
                               "with one action has no choice); {player}'s node has "
                               "{n_pairs}").format(player=self.player, n_pairs=len(pairs)))
        labels = check_labels([label for label, _node in pairs], len(pairs),
                              f"actions of {self.player}'s node")
        for label, child in pairs:
            if not isinstance(child, (Decision, Leaf)):
                raise TypeError(_("actions of {player}'s node: {label} must lead to a "
                                  "Decision or a Leaf; got {kind}").format(
                                  player=self.player, label=repr(label),
                                  kind=type(child).__name__))
        if not isinstance(self.label, str):
            raise TypeError(_("label must be a string; got {kind}").format(
                              kind=type(self.label).__name__))
        object.__setattr__(self, "actions", tuple(zip(labels, (c for _label, c in pairs))))

    def child(self, action: str) -> Decision | Leaf:
        """The node that ``action`` leads to (label in any case).

        Examples
        --------
        >>> Decision("A", {"L": Leaf((1,)), "R": Leaf((2,))}).child("r").payoffs
        (2.0,)
        """
        index = label_index(action, [a for a, _node in self.actions], "action")
        return self.actions[index][1]


def _describe_path(path: Path) -> str:
    return _("at the start") if not path else _("after {path}").format(
        path=", ".join(_(str(action)) for action in path))


def _path_key(path: object, name: str = "path") -> Path:
    """``path`` as a tuple of action labels, or a TypeError naming ``name``."""
    if isinstance(path, (str, bytes)) or not isinstance(path, Sequence) or not all(
            isinstance(action, str) for action in path):
        raise TypeError(_("{name} must be a sequence of action labels (strings); got "
                          "{path}").format(name=name, path=short_repr(path)))
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
            raise TypeError(_("players must be a list of names; got {kind} {players}").format(
                              kind=type(players).__name__, players=short_repr(players)))
        self.players = check_labels(list(players), len(players), "players")
        if not self.players:
            raise ValueError(_("players must name at least one player"))
        if not isinstance(root, Decision):
            raise TypeError(_("root must be a Decision node (the first move); got {kind}").format(
                              kind=type(root).__name__))
        self.root = root
        self._nodes: dict[Path, Decision | Leaf] = {}
        self._walk(root, ())

    def _walk(self, node: Decision | Leaf, path: Path) -> None:
        if len(self._nodes) >= _MAX_NODES:
            raise ValueError(_("the tree has more than {max_nodes} nodes; this library "
                               "is for small teaching games").format(max_nodes=_MAX_NODES))
        self._nodes[path] = node
        if isinstance(node, Leaf):
            if len(node.payoffs) != len(self.players):
                raise ValueError(_("the leaf {path} must have {n_players} payoffs, one "
                                   "for each of the players {players}; got {n_payoffs}: "
                                   "{payoffs}").format(
                                   path=_describe_path(path), n_players=len(self.players),
                                   players=list(self.players), n_payoffs=len(node.payoffs),
                                   payoffs=node.payoffs))
            return
        if node.player not in self.players:
            raise ValueError(_("the node {path} belongs to {player}, who is not one of "
                               "the players {players}").format(
                               path=_describe_path(path), player=repr(node.player),
                               players=list(self.players)))
        for action, child in node.actions:
            self._walk(child, path + (action,))

    # ------------------------------------------------------------- structure
    def node(self, path: Sequence[str]) -> Decision | Leaf:
        """The node reached by the actions in ``path`` from the root.

        Examples
        --------
        >>> from alliances.models.crisis import crisis_game
        >>> crisis_game(0.5).node(("Challenge",)).player
        'Protégé'
        """
        key = _path_key(path)
        if key not in self._nodes:
            raise ValueError(_("path must be a sequence of actions from the root; no "
                               "node {key}").format(key=_describe_path(key)))
        return self._nodes[key]

    def decision_paths(self, player: str | None = None) -> list[Path]:
        """The paths of the decision nodes (of ``player`` if given), root first, in
        depth-first order (the order of a strategy's entries).

        Examples
        --------
        >>> from alliances.models.crisis import crisis_game
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
        >>> from alliances.models.crisis import crisis_game
        >>> len(crisis_game(0.5).leaf_paths())
        4
        """
        return [p for p, n in self._nodes.items() if isinstance(n, Leaf)]

    def structure(self) -> tuple:
        """What a figure of the tree depends on besides payoffs (players, paths, movers).

        Examples
        --------
        >>> from alliances.models.crisis import crisis_game
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
        choices = [[a for a, _node in self._nodes[p].actions] for p in paths]
        return list(product(*choices))

    def outcome(self, profile: Mapping[str, Sequence[str]]) -> tuple[Path, Leaf]:
        """The path and leaf reached when each player follows its strategy in ``profile``.

        Examples
        --------
        >>> from alliances.models.crisis import crisis_game
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
            raise TypeError(_("profile must map each player to a strategy (a tuple of "
                              "actions); got {kind}").format(kind=type(profile).__name__))
        plans: dict[Path, str] = {}
        for player in self.players:
            if player not in profile:
                raise ValueError(_("profile has no strategy for {player}").format(
                                   player=repr(player)))
            paths = self.decision_paths(player)
            strategy = profile[player]
            if isinstance(strategy, str):
                strategy = (strategy,)
            if not isinstance(strategy, Sequence):
                raise TypeError(_("profile must map {player} to a tuple of actions; got "
                                  "{strategy}").format(
                                  player=repr(player), strategy=short_repr(strategy)))
            if len(strategy) != len(paths):
                raise ValueError(_("the strategy of {player} must give one action for "
                                   "each of its {n_paths} nodes; got {strategy}").format(
                                   player=player, n_paths=len(paths),
                                   strategy=short_repr(strategy)))
            for path, action in zip(paths, strategy):
                node = self._nodes[path]
                index = label_index(action, [a for a, _node in node.actions],
                                    _("profile: the action of {player} {where}").format(
                                        player=player, where=_describe_path(path)))
                plans[path] = node.actions[index][0]
        return plans

    # --------------------------------------------------------------- solving
    def subgame_perfect_equilibria(self) -> list[SubgamePerfectEquilibrium]:
        """Every subgame-perfect equilibrium (see :func:`backward_induction`).

        Examples
        --------
        >>> from alliances.models.crisis import crisis_game
        >>> [e.path for e in crisis_game(0.5).subgame_perfect_equilibria()]
        [('Not challenge',), ('Challenge', 'Back down')]
        """
        return backward_induction(self).equilibria

    def normal_form(self) -> NormalForm:
        """The normal form: every combination of complete plans and its payoffs.

        Examples
        --------
        >>> from alliances.models.crisis import crisis_game
        >>> crisis_game(0.5).normal_form().shape
        (2, 2, 2)
        """
        from alliances.models.normal_form import NormalForm   # it builds on this module

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

    Examples
    --------
    >>> tree = GameTree(["A", "B"], Decision("A", {
    ...     "Out": Leaf((1, 1), "out"),
    ...     "In": Decision("B", {"Fight": Leaf((0, 0)), "Yield": Leaf((2, 1), "yield")})}))
    >>> spe = backward_induction(tree).equilibria[0]
    >>> spe.strategies, spe.outcome, spe.payoffs
    ({'A': ('In',), 'B': ('Yield',)}, 'yield', (2.0, 1.0))
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
        >>> from alliances.models.crisis import crisis_game
        >>> spe = crisis_game(0.2).subgame_perfect_equilibria()[0]
        >>> spe.action_at(("Challenge", "Stand firm"))   # off the path: abandon
        'Abandon'
        """
        plan = dict(self.plan)
        key = _path_key(path)
        if key not in plan:
            raise ValueError(_("path must lead to a decision node; no decision node "
                               "{key}").format(key=_describe_path(key)))
        return plan[key]

    def describe(self) -> str:
        """The equilibrium path in words.

        Examples
        --------
        >>> from alliances.models.crisis import crisis_game
        >>> print(crisis_game(0.9).subgame_perfect_equilibria()[0].describe())
        Adversary: Challenge; Protégé: Stand firm; Patron: Support -> War, patron fights.
        """
        moves = "; ".join(f"{_(player)}: {_(action)}" for player, action in self.moves)
        return f"{moves} -> {_(self.outcome) if self.outcome else _('the end')}."


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

    Examples
    --------
    >>> tree = GameTree(["A"], Decision("A", {"x": Leaf((1,), "X"), "y": Leaf((1,), "Y")}))
    >>> analysis = backward_induction(tree)
    >>> len(analysis.equilibria), analysis.ties
    (2, [((), 'A', ('x', 'y'))])
    """

    tree: GameTree
    equilibria: list[SubgamePerfectEquilibrium]
    ties: list[tuple[Path, str, tuple[str, ...]]]

    @property
    def unique(self) -> bool:
        """Whether there is exactly one subgame-perfect equilibrium.

        Examples
        --------
        >>> from alliances.models.crisis import crisis_game
        >>> backward_induction(crisis_game(0.9)).unique
        True
        """
        return len(self.equilibria) == 1

    @property
    def paths(self) -> list[Path]:
        """The distinct equilibrium paths.

        Examples
        --------
        >>> from alliances.models.crisis import crisis_game
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
        >>> from alliances.models.crisis import crisis_game
        >>> for sentence in backward_induction(crisis_game(0.5)).describe():
        ...     print(sentence)
        Ties make 2 subgame-perfect equilibria; none is singled out.
        Patron is indifferent between Support and Abandon after Challenge, Stand firm.
        Equilibrium 1: Adversary: Not challenge -> Status quo.
        Equilibrium 2: Adversary: Challenge; Protégé: Back down -> Protégé backs down.
        """
        if self.unique:
            return [_("One subgame-perfect equilibrium: {path}").format(
                path=self.equilibria[0].describe())]
        lines = [_("Ties make {count} subgame-perfect equilibria; none is singled out.").format(
            count=len(self.equilibria))]
        for path, player, actions in self.ties:
            lines.append(_("{player} is indifferent between {actions} {where}.").format(
                player=_(player), actions=_(" and ").join(_(a) for a in actions),
                where=_describe_path(path)))
        lines += [_("Equilibrium {number}: {path}").format(number=i, path=e.describe())
                  for i, e in enumerate(self.equilibria, 1)]
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
        If ties make more than 512 equilibria.

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
        raise TypeError(_("tree must be a GameTree; got {kind}").format(kind=type(tree).__name__))
    ties: dict[Path, tuple[str, tuple[str, ...]]] = {}

    def solve(node: Decision | Leaf, path: Path) -> list[tuple[dict[Path, str], tuple]]:
        if isinstance(node, Leaf):
            return [({}, node.payoffs)]
        mover = tree.players.index(node.player)
        branches = [solve(child, path + (action,)) for action, child in node.actions]
        results: list[tuple[dict[Path, str], tuple]] = []
        for combination in product(*branches):
            values = [payoffs[mover] for _plan, payoffs in combination]
            best = max(values)
            chosen = [k for k, v in enumerate(values) if v >= best - TIE_TOLERANCE]
            if len(chosen) > 1:
                old = ties.get(path, (node.player, ()))[1]
                names = tuple(a for k, (a, _node) in enumerate(node.actions)
                              if k in chosen or a in old)
                ties[path] = (node.player, names)
            merged: dict[Path, str] = {}
            for plan, _payoffs in combination:
                merged.update(plan)
            for k in chosen:
                plan = dict(merged)
                plan[path] = node.actions[k][0]
                results.append((plan, combination[k][1]))
                if len(results) > _MAX_EQUILIBRIA:
                    raise ValueError(_("ties make more than {max_equilibria} "
                                       "subgame-perfect equilibria; break some ties in "
                                       "the payoffs").format(max_equilibria=_MAX_EQUILIBRIA))
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
