"""Tests of alliances.models.crisis and alliances.widgets.crisis: the crisis game, the
two-ally game and their widgets.

The crisis game's subgame-perfect equilibria are checked against hand solutions and the
independent brute force of ``tests/test_gametree.py``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from alliances.models.crisis import (CRISIS_PLAYERS, AllyFears, ally_fears, crisis_game,
                                     crisis_thresholds, two_ally_game)
from alliances.models.gametree import backward_induction
from test_gametree import brute_force_spe, check_nash_with_games, spe_plans


# --------------------------------------------------------------- crisis game
def test_crisis_payoffs_by_hand() -> None:
    tree = crisis_game(0.25)
    assert tree.players == CRISIS_PLAYERS
    assert tree.node(("Not challenge",)).payoffs == (-0.75, 0.75, 0.0)     # -3c, 3c, 0
    assert tree.node(("Challenge", "Back down")).payoffs == (1.0, -1.0, -1.0)
    assert tree.node(("Challenge", "Stand firm", "Support")).payoffs == (-2.0, 0.0, -4.0)
    assert tree.node(("Challenge", "Stand firm", "Abandon")).payoffs == (2.0, -3.0, -3.0)


def test_crisis_thresholds_by_hand() -> None:
    # support iff -W > -D - R c: c > (4 - 2) / 4; challenge iff -2 > -3 c: c > 2/3
    assert crisis_thresholds() == {"support": 0.5, "challenge": pytest.approx(2 / 3)}
    assert crisis_thresholds(reputation_cost=8)["support"] == 0.25
    assert crisis_thresholds(provocation=0)["challenge"] == math.inf
    assert crisis_thresholds(reputation_cost=0)["support"] == math.inf
    assert crisis_thresholds(reputation_cost=0, patron_war_cost=1)["support"] == -math.inf


@pytest.mark.parametrize("c, path, outcome", [
    (0.0, ("Challenge", "Back down"), "Protégé backs down"),       # weak: invites challenge
    (0.3, ("Challenge", "Back down"), "Protégé backs down"),
    (0.6, ("Not challenge",), "Status quo"),                       # deterrence
    (0.8, ("Challenge", "Stand firm", "Support"), "War, patron fights"),   # entrapment
    (1.0, ("Challenge", "Stand firm", "Support"), "War, patron fights"),
])
def test_crisis_regimes(c, path, outcome) -> None:
    analysis = backward_induction(crisis_game(c))
    assert analysis.unique
    assert analysis.equilibria[0].path == path
    assert analysis.equilibria[0].outcome == outcome


def test_crisis_moral_hazard_the_protege_stands_firm_only_when_supported() -> None:
    for c in (0.1, 0.4, 0.6, 0.9):
        spe = crisis_game(c).subgame_perfect_equilibria()[0]
        supports = spe.action_at(("Challenge", "Stand firm")) == "Support"
        assert supports == (c > 0.5)
        assert spe.action_at(("Challenge",)) == ("Stand firm" if supports else "Back down")


def test_crisis_entrapment_the_patron_fights_only_because_it_committed() -> None:
    # At c = 0.9 the patron supports (-4 > -2 - 3.6) although without its commitment it would
    # abandon (-2 > -4): its commitment, not its interest, drags it in.
    committed = crisis_game(0.9).subgame_perfect_equilibria()[0]
    assert committed.action_at(("Challenge", "Stand firm")) == "Support"
    assert committed.payoffs[2] == -4.0
    assert crisis_game(0.0).node(("Challenge", "Stand firm", "Abandon")).payoffs[2] == -2.0


@pytest.mark.parametrize("c", [0.5, 2 / 3])
def test_crisis_ties_at_the_thresholds_give_two_equilibria(c) -> None:
    analysis = backward_induction(crisis_game(c))
    assert len(analysis.equilibria) == 2
    assert "Ties make 2 subgame-perfect equilibria" in analysis.describe()[0]
    tree = crisis_game(c)
    assert spe_plans(tree) == brute_force_spe(tree)


@pytest.mark.parametrize("c", [0.0, 0.2, 0.5, 0.6, 2 / 3, 0.8, 1.0])
def test_crisis_spe_are_nash_equilibria_of_the_normal_form(c) -> None:
    tree = crisis_game(c)
    check_nash_with_games(tree)
    assert spe_plans(tree) == brute_force_spe(tree)


def test_crisis_normal_form_has_nash_equilibria_that_are_not_subgame_perfect() -> None:
    # At c = 0.2 the patron's "Support" deters the challenge in a Nash equilibrium, but it
    # would not carry it out (-4 < -2.8): an incredible threat, removed by subgame perfection.
    normal = crisis_game(0.2).normal_form()
    assert normal.is_nash(["Not challenge", "Stand firm", "Support"])
    spe_paths = [e.path for e in crisis_game(0.2).subgame_perfect_equilibria()]
    assert spe_paths == [("Challenge", "Back down")]


def test_crisis_bad_input() -> None:
    with pytest.raises(ValueError, match="commitment"):
        crisis_game(1.2)
    with pytest.raises(ValueError, match="patron_war_cost"):
        crisis_game(0.5, patron_war_cost=-1)
    with pytest.raises(TypeError, match="provocation"):
        crisis_game(0.5, provocation="high")
    with pytest.raises(ValueError, match="reputation_cost"):
        crisis_thresholds(reputation_cost=float("inf"))


# ------------------------------------------------------------- two-ally game
def test_two_ally_payoffs_by_hand() -> None:
    # u_i = d_i [other S] - e [i S] - a d_i [i W]; d = (0.3, 0.8), e = 0.3, a = 0.5
    game = two_ally_game(0.3, 0.8, entrapment_cost=0.3, realignment=0.5)
    assert game.row_name == "Major ally" and game.col_name == "Minor ally"
    expected_a = [[0.3 - 0.3, -0.3], [0.3 - 0.15, -0.15]]
    expected_b = [[0.8 - 0.3, 0.8 - 0.4], [-0.3, -0.4]]
    np.testing.assert_allclose(game.A, expected_a)
    np.testing.assert_allclose(game.B, expected_b)


@pytest.mark.parametrize("d_major, d_minor, expected", [
    (0.3, 0.8, ("Withhold", "Support")),   # 0.15 < 0.3 < 0.4: asymmetric dependence
    (0.8, 0.8, ("Support", "Support")),    # both fear abandonment more
    (0.2, 0.4, ("Withhold", "Withhold")),  # both fear entrapment more
    (0.9, 0.2, ("Support", "Withhold")),
])
def test_two_ally_equilibrium_shifts_with_dependence(d_major, d_minor, expected) -> None:
    game = two_ally_game(d_major, d_minor)
    assert game.pure_equilibria() == [expected]
    fears = ally_fears(d_major, d_minor)
    for ally, action in zip(("Major ally", "Minor ally"), expected):
        assert fears.dominant[ally] == ("abandonment" if action == "Support" else "entrapment")
        verb = "supports" if action == "Support" else "withholds"
        assert fears.sentence(ally).startswith(f"{ally} {verb}")


def test_two_ally_tie_gives_infinitely_many_equilibria() -> None:
    game = two_ally_game(0.6, 0.8, entrapment_cost=0.3, realignment=0.5)   # 0.5*0.6 = 0.3
    assert game.has_infinitely_many_equilibria
    assert ally_fears(0.6, 0.8).dominant["Major ally"] == "balanced"
    assert "indifferent" in ally_fears(0.6, 0.8).sentence("Major ally")


def test_two_ally_symmetric_low_dependence_is_a_prisoners_dilemma() -> None:
    from alliances import classify
    game = two_ally_game(0.5, 0.5, entrapment_cost=0.3, realignment=0.4)   # 0.2 < 0.3
    assert game.pure_equilibria() == [("Withhold", "Withhold")]
    assert not game.is_pareto_efficient("Withhold", "Withhold")   # (0.2, 0.2) > (-0.2, -0.2)
    assert classify(game).family == "Prisoner's Dilemma"


def test_multipolar_realignment_makes_the_minor_ally_support() -> None:
    bipolar = two_ally_game(0.3, 0.8, realignment=0.1)       # 0.08 < 0.3
    multipolar = two_ally_game(0.3, 0.8, realignment=0.9)    # 0.72 > 0.3, 0.27 < 0.3
    assert bipolar.pure_equilibria() == [("Withhold", "Withhold")]
    assert multipolar.pure_equilibria() == [("Withhold", "Support")]



def test_ally_fears_records_both_fears_of_each_ally() -> None:
    fears = ally_fears(0.3, 0.8)        # a d = 0.5 * (0.3, 0.8), e = 0.3
    assert isinstance(fears, AllyFears)
    assert fears.abandonment == {"Major ally": pytest.approx(0.15),
                                 "Minor ally": pytest.approx(0.4)}
    assert fears.entrapment == {"Major ally": 0.3, "Minor ally": 0.3}
    balanced = AllyFears({"Ally": 0.2}, {"Ally": 0.2}, {"Ally": "balanced"})
    assert balanced.sentence("Ally").startswith("Ally is indifferent")

@pytest.mark.parametrize("kwargs, name", [({"major_dependence": 1.2}, "major_dependence"),
                                          ({"minor_dependence": -0.1}, "minor_dependence"),
                                          ({"entrapment_cost": -1}, "entrapment_cost"),
                                          ({"realignment": 2}, "realignment")])
def test_two_ally_bad_input(kwargs, name) -> None:
    with pytest.raises(ValueError, match=name):
        two_ally_game(**kwargs)
    with pytest.raises(ValueError, match=name):
        ally_fears(**kwargs)
    with pytest.raises(ValueError, match="ally must be one of"):
        ally_fears().sentence("France")


# ------------------------------------------------------------------- widgets
def test_dependence_explorer_shifts_equilibrium_and_fears() -> None:
    from alliances.widgets.crisis import DependenceExplorer

    explorer = DependenceExplorer()
    assert "alliances-dependence" in explorer._dom_classes
    assert all("alliances-control" in c._dom_classes
               for c in [*explorer.controls.values(), explorer.preset, explorer.reset])
    before = explorer.sentence
    assert before.startswith("Equilibrium (Withhold, Support).")
    explorer.controls["major_dependence"].value = 0.8          # 0.4 > 0.3: supports
    assert explorer.sentence.startswith("Equilibrium (Support, Support).")
    assert explorer.fears_plot.bars_a[0].get_height() == pytest.approx(0.4)
    explorer.controls["major_dependence"].value = 0.6          # 0.3 = 0.3: a tie
    assert explorer.sentence.startswith("A tie: infinitely many equilibria.")
    explorer.preset.value = "Bipolar: realignment hard"
    assert explorer.game.pure_equilibria() == [("Withhold", "Withhold")]
    explorer.reset.click()
    assert explorer.sentence == before and explorer.error.value == ""


def test_crisis_explorer_moves_from_challenge_to_entrapment() -> None:
    from alliances.widgets.crisis import CrisisExplorer

    explorer = CrisisExplorer(0.2)
    assert "alliances-crisis" in explorer._dom_classes
    assert explorer.sentence.startswith("At commitment 0.20: the weak commitment invites")
    image = explorer.image.value
    explorer.controls["commitment"].value = 0.6
    assert explorer.sentence.startswith("At commitment 0.60: deterrence")
    assert explorer.image.value != image
    explorer.controls["commitment"].value = 0.5
    assert "A tie" in explorer.sentence or "a tie" in explorer.sentence
    explorer.preset.value = "Strong commitment, restrained protégé"
    assert explorer.analysis.equilibria[0].path == ("Not challenge",)
    assert explorer.error.value == ""


@pytest.mark.slow  # a sweep (every state, corner or junk input): not in the quick subset
@pytest.mark.parametrize("name", ["DependenceExplorer", "CrisisExplorer"])
def test_widget_slider_ends_are_all_valid(name) -> None:
    from alliances.widgets import crisis as module

    explorer = getattr(module, name)()
    for slider in explorer.controls.values():
        for value in (slider.min, slider.max, slider.min):
            slider.value = value
            assert explorer.error.value == "", (slider.description, value)


def test_widgets_reject_bad_starting_values() -> None:
    from alliances.widgets.crisis import CrisisExplorer, DependenceExplorer

    with pytest.raises(ValueError, match="major_dependence"):
        DependenceExplorer(1.5)
    with pytest.raises(ValueError, match="Patron's cost of war"):
        CrisisExplorer(0.5, patron_war_cost=9)
    with pytest.raises(ValueError, match="unknown controls"):
        CrisisExplorer().set_values({"bogus": 1})
