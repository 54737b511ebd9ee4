"""Tests of alliances.models.gametree, alliances.models.normal_form and
alliances.views.gametree: game trees, backward induction, normal forms and the tree figure.

Subgame-perfect equilibria are checked against hand solutions and against an independent
brute force: a profile is subgame-perfect exactly when it is a Nash equilibrium of every
subgame. Every SPE is also checked to be a Nash equilibrium of the normal form, with
:class:`alliances.Game` for each pair of players. The checks are shared with
``tests/test_crisis.py``.
"""

from __future__ import annotations

from itertools import combinations, product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliances import Game
from alliances._validation import MAX_STRATEGIES
from alliances.models.crisis import crisis_game
from alliances.models.gametree import (BackwardInduction, Decision, GameTree, Leaf,
                                       SubgamePerfectEquilibrium, backward_induction)
from alliances.models.normal_form import NormalForm
from alliances.views.gametree import TreePlot, plot_game_tree

def entry_game(fight=(0, 0), yield_=(2, 1), out=(1, 3)) -> GameTree:
    """The entry game: Entrant stays out or enters; Incumbent fights or yields."""
    return GameTree(["Entrant", "Incumbent"], Decision("Entrant", {
        "Out": Leaf(out, "out"),
        "In": Decision("Incumbent", {"Fight": Leaf(fight, "fight"),
                                     "Yield": Leaf(yield_, "yield")})}))


# ------------------------------------------------------------ independent SPE
def _all_profiles(tree: GameTree):
    players = tree.players
    for combo in product(*(tree.strategies(p) for p in players)):
        yield dict(zip(players, combo))


def _plan(tree: GameTree, profile) -> dict:
    return {path: profile[tree.node(path).player][tree.decision_paths(tree.node(path).player)
                                                  .index(path)]
            for path in tree.decision_paths()}


def _leaf_from(tree: GameTree, plan: dict, start: tuple) -> Leaf:
    node, path = tree.node(start), start
    while isinstance(node, Decision):
        path = path + (plan[path],)
        node = tree.node(path)
    return node


def brute_force_spe(tree: GameTree) -> set:
    """Plans that are Nash in every subgame: each mover, at each node, cannot gain by
    changing any set of its own actions in that subgame (one-shot deviation suffices in
    finite perfect-information games, but we check every deviation of its plan)."""
    found = set()
    for profile in _all_profiles(tree):
        plan = _plan(tree, profile)
        ok = True
        for start in tree.decision_paths():
            sub = [p for p in tree.decision_paths() if p[:len(start)] == start]
            for player in tree.players:
                i = tree.players.index(player)
                mine = [p for p in sub if tree.node(p).player == player]
                base = _leaf_from(tree, plan, start).payoffs[i]
                for actions in product(*([a for a, _ in tree.node(p).actions] for p in mine)):
                    other = dict(plan)
                    other.update(zip(mine, actions))
                    if _leaf_from(tree, other, start).payoffs[i] > base + 1e-12:
                        ok = False
                        break
                if not ok:
                    break
            if not ok:
                break
        if ok:
            found.add(tuple(sorted(plan.items())))
    return found


def spe_plans(tree: GameTree) -> set:
    return {tuple(sorted(e.plan)) for e in backward_induction(tree).equilibria}


def check_nash_with_games(tree: GameTree) -> None:
    """Every SPE is a Nash equilibrium of the normal form: for each pair of players, with
    the others held at their SPE strategies, the pair is an equilibrium of the Game."""
    normal = tree.normal_form()
    for spe in backward_induction(tree).equilibria:
        labels = {p: normal.labels[i][normal.strategies[i].index(spe.strategies[p])]
                  for i, p in enumerate(tree.players)}
        assert normal.is_nash(labels)
        if len(tree.players) == 1:
            continue
        for row, col in combinations(tree.players, 2):
            fixed = {p: labels[p] for p in tree.players if p not in (row, col)}
            game = normal.game(row, col, fixed=fixed)
            assert isinstance(game, Game)
            assert (labels[row], labels[col]) in game.pure_equilibria()


# ---------------------------------------------------------------- hand trees
def test_entry_game_by_hand() -> None:
    # Incumbent yields (1 > 0); Entrant then enters (2 > 1).
    analysis = backward_induction(entry_game())
    assert analysis.unique
    spe = analysis.equilibria[0]
    assert spe.path == ("In", "Yield")
    assert spe.payoffs == (2.0, 1.0)
    assert spe.strategies == {"Entrant": ("In",), "Incumbent": ("Yield",)}
    assert spe.moves == (("Entrant", "In"), ("Incumbent", "Yield"))
    assert analysis.describe() == ["One subgame-perfect equilibrium: Entrant: In; Incumbent: "
                                   "Yield -> yield."]


def test_entry_game_fight_is_a_nash_equilibrium_but_not_subgame_perfect() -> None:
    normal = entry_game().normal_form()
    assert normal.is_nash(["Out", "Fight"])        # an incredible threat
    assert ("Out", "Fight") not in [e.path for e in entry_game().subgame_perfect_equilibria()]
    assert sorted(normal.pure_nash_equilibria()) == [("In", "Yield"), ("Out", "Fight")]
    game = normal.game("Entrant", "Incumbent")
    assert sorted(game.pure_equilibria()) == [("In", "Yield"), ("Out", "Fight")]


def test_tie_at_the_last_move_gives_two_equilibria_with_different_paths() -> None:
    # Incumbent indifferent (0 = 0): Fight -> Entrant stays out (1 > 0); Yield -> enters.
    tree = entry_game(fight=(0, 1), yield_=(2, 1))
    analysis = backward_induction(tree)
    assert not analysis.unique
    assert {e.path for e in analysis.equilibria} == {("Out",), ("In", "Yield")}
    assert analysis.ties == [(("In",), "Incumbent", ("Fight", "Yield"))]
    text = analysis.describe()
    assert text[0] == "Ties make 2 subgame-perfect equilibria; none is singled out."
    assert "Incumbent is indifferent between Fight and Yield after In." in text
    assert spe_plans(tree) == brute_force_spe(tree)


def test_tie_at_the_root_with_identical_payoffs() -> None:
    tree = GameTree(["A"], Decision("A", {"x": Leaf((1,), "X"), "y": Leaf((1,), "Y")}))
    analysis = backward_induction(tree)
    assert [e.outcome for e in analysis.equilibria] == ["X", "Y"]
    assert analysis.ties == [((), "A", ("x", "y"))]


def test_two_independent_ties_multiply() -> None:
    # B is indifferent at both of its nodes: 2 x 2 = 4 plans, A's choice depends on them.
    tree = GameTree(["A", "B"], Decision("A", {
        "L": Decision("B", {"l1": Leaf((3, 0)), "l2": Leaf((0, 0))}),
        "R": Decision("B", {"r1": Leaf((2, 5)), "r2": Leaf((1, 5))})}))
    analysis = backward_induction(tree)
    assert len(analysis.equilibria) == 4
    assert spe_plans(tree) == brute_force_spe(tree)
    by_b = {e.strategies["B"]: e.strategies["A"] for e in analysis.equilibria}
    assert by_b == {("l1", "r1"): ("L",), ("l1", "r2"): ("L",), ("l2", "r1"): ("R",),
                    ("l2", "r2"): ("R",)}
    check_nash_with_games(tree)


def test_a_tie_only_in_one_continuation_is_listed() -> None:
    # A is indifferent at the root only if B plays b2.
    tree = GameTree(["A", "B"], Decision("A", {
        "Stop": Leaf((1, 0)),
        "Go": Decision("B", {"b1": Leaf((2, 1)), "b2": Leaf((1, 1))})}))
    analysis = backward_induction(tree)
    assert len(analysis.equilibria) == 3
    assert ((), "A", ("Stop", "Go")) in analysis.ties
    assert spe_plans(tree) == brute_force_spe(tree)


def test_action_at_and_off_path_choices() -> None:
    spe = crisis_game(0.2).subgame_perfect_equilibria()[0]
    assert spe.action_at(()) == "Challenge"
    assert spe.action_at(("Challenge", "Stand firm")) == "Abandon"    # off the path
    with pytest.raises(ValueError, match="decision node"):
        spe.action_at(("Not challenge",))



def test_analysis_and_equilibria_are_frozen_records() -> None:
    analysis = backward_induction(entry_game())
    assert isinstance(analysis, BackwardInduction)
    spe = analysis.equilibria[0]
    assert isinstance(spe, SubgamePerfectEquilibrium)
    with pytest.raises(AttributeError):
        spe.path = ("Out",)
    again = backward_induction(entry_game()).equilibria[0]
    assert spe == again and len({spe, again}) == 1      # hashable: usable in sets

# ---------------------------------------------------------------- structure
def test_strategies_are_complete_plans() -> None:
    tree = GameTree(["A", "B"], Decision("A", {
        "L": Decision("B", {"x": Leaf((1, 1)), "y": Leaf((0, 0))}),
        "R": Decision("B", {"x": Leaf((2, 0)), "y": Leaf((0, 2))})}))
    assert tree.strategies("B") == [("x", "x"), ("x", "y"), ("y", "x"), ("y", "y")]
    normal = tree.normal_form()
    assert isinstance(normal, NormalForm)
    assert NormalForm.from_tree(tree).labels == normal.labels
    assert normal.shape == (2, 4)
    assert normal.labels[1] == ("x / x", "x / y", "y / x", "y / y")
    # A plays R, B plays y after L and x after R: leaf (2, 0)
    assert normal.payoff(["R", "y / x"]) == (2.0, 0.0)
    assert normal.payoff({"A": ("L",), "B": ("y", "x")}) == (0.0, 0.0)
    # SPE: B plays x after L (1 > 0) and y after R (2 > 0); A then gets 1 from L, 0 from R
    assert [e.strategies for e in tree.subgame_perfect_equilibria()] == [
        {"A": ("L",), "B": ("x", "y")}]
    check_nash_with_games(tree)


@pytest.mark.parametrize("build, error, words", [
    (lambda: GameTree(["A"], Leaf((1,))), TypeError, "root must be a Decision"),
    (lambda: GameTree(["A"], Decision("B", {"x": Leaf((1,)), "y": Leaf((2,))})), ValueError,
     "not one of the players"),
    (lambda: GameTree(["A", "B"], Decision("A", {"x": Leaf((1,)), "y": Leaf((2, 0))})),
     ValueError, "must have 2 payoffs"),
    (lambda: Decision("A", {"x": Leaf((1,))}), ValueError, "at least two actions"),
    (lambda: Decision("A", [("x", Leaf((1,))), ("x", Leaf((2,)))]), ValueError, "distinct"),
    (lambda: Decision("A", {"x": Leaf((1,)), "y": (2,)}), TypeError,
     "must lead to a Decision or a Leaf"),
    (lambda: Decision("A", "xy"), TypeError, "actions"),
    (lambda: Decision("", {"x": Leaf((1,)), "y": Leaf((2,))}), TypeError, "player"),
    (lambda: Leaf((1, float("nan"))), ValueError, r"payoffs\[1\]"),
    (lambda: Leaf("12"), TypeError, "payoffs"),
    (lambda: Leaf(()), ValueError, "payoffs"),
    (lambda: GameTree("AB", Decision("A", {"x": Leaf((1,)), "y": Leaf((2,))})), TypeError,
     "players"),
    (lambda: GameTree(["A", "A"], Decision("A", {"x": Leaf((1, 1)), "y": Leaf((2, 2))})),
     ValueError, "distinct"),
])
def test_bad_trees_get_clear_errors(build, error, words) -> None:
    with pytest.raises(error, match=words):
        build()


def test_a_leaf_with_wrong_payoffs_is_located() -> None:
    with pytest.raises(ValueError, match="after In, Fight"):
        GameTree(["E", "I"], Decision("E", {"Out": Leaf((1, 3)), "In": Decision("I", {
            "Fight": Leaf((0,)), "Yield": Leaf((2, 1))})}))


def test_too_large_trees_are_refused() -> None:
    def chain(depth):
        if depth == 0:
            return Leaf((0.0,))
        return Decision("A", {"a": chain(depth - 1), "b": Leaf((1.0,))})

    with pytest.raises(ValueError, match="more than 200 nodes"):
        GameTree(["A"], chain(150))


def test_bad_profiles_and_paths() -> None:
    tree = crisis_game(0.5)
    with pytest.raises(ValueError, match="no node"):
        tree.node(("Surrender",))
    with pytest.raises(ValueError, match="no strategy for"):
        tree.outcome({"Adversary": ("Challenge",)})
    with pytest.raises(ValueError, match="must be one of"):
        tree.outcome({"Adversary": "Attack", "Protégé": "Back down", "Patron": "Support"})
    normal = tree.normal_form()
    with pytest.raises(ValueError, match="strategy of Patron"):
        normal.payoff(["Challenge", "Back down", "Ignore"])
    with pytest.raises(ValueError, match="different players"):
        normal.game("Patron", "Patron")
    with pytest.raises(ValueError, match="missing"):
        normal.game("Protégé", "Patron")
    with pytest.raises(TypeError, match="tree must be a GameTree"):
        backward_induction("tree")


# -------------------------------------------------------- random trees (property)
@st.composite
def small_trees(draw):
    players = ["A", "B", "C"][:draw(st.integers(1, 3))]
    count = [0]

    def node(depth):
        if depth >= 3 or count[0] >= 5 or (depth > 0 and draw(st.booleans())):
            return Leaf(tuple(draw(st.integers(0, 3)) for _ in players))
        count[0] += 1
        width = draw(st.integers(2, 3))
        return Decision(draw(st.sampled_from(players)),
                        {f"a{depth}{k}": node(depth + 1) for k in range(width)})

    return GameTree(players, node(0))


@settings(max_examples=60, deadline=None)
@given(small_trees())
def test_property_backward_induction_finds_exactly_the_subgame_perfect_profiles(tree) -> None:
    assert spe_plans(tree) == brute_force_spe(tree)


@settings(max_examples=40, deadline=None)
@given(small_trees())
def test_property_every_spe_is_a_nash_equilibrium_of_the_normal_form(tree) -> None:
    normal = tree.normal_form()
    if max(normal.shape) > MAX_STRATEGIES:      # beyond what alliances.Game accepts
        for spe in tree.subgame_perfect_equilibria():
            assert normal.is_nash(spe.strategies)
        return
    check_nash_with_games(tree)


# ------------------------------------------------------------------- drawing
def test_tree_plot_styles_the_equilibrium_path() -> None:
    plot = TreePlot(crisis_game(0.9))
    on = plot.edges[("Challenge", "Stand firm", "Support")]
    off = plot.edges[("Challenge", "Stand firm", "Abandon")]
    assert on.get_linewidth() == 4.0 and on.get_linestyle() == "-"
    assert off.get_linewidth() == 1.0 and off.get_linestyle() == ":"
    assert plot.title.get_text() == "Subgame-perfect outcome: War, patron fights"
    assert plot.leaf_texts[("Not challenge",)].get_text() == "Status quo\n(-2.7, 2.7, 0)"
    plot.update(crisis_game(0.2))      # same structure, new payoffs: artists reused
    assert plot.edges[("Challenge", "Stand firm", "Support")] is on
    assert plot.path_edges() == [("Challenge",), ("Challenge", "Back down")]
    abandon = plot.edges[("Challenge", "Stand firm", "Abandon")]
    assert abandon.get_linestyle() == "--"        # an equilibrium choice off the path
    plot.update(crisis_game(0.5))
    assert plot.title.get_text() == "Ties: 2 subgame-perfect equilibria"
    with pytest.raises(ValueError, match="same players"):
        plot.update(entry_game())


def test_plot_game_tree_returns_axes() -> None:
    import matplotlib.pyplot as plt
    ax = plot_game_tree(entry_game(), title="Entry")
    assert ax.get_title() == "Entry"
    plt.close("all")
    with pytest.raises(TypeError, match="tree"):
        TreePlot("tree")
