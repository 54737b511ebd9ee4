"""Tests of alliances.models.reassurance: reassure or deter against an adversary of unknown type.

Expected values come from the definitions worked again here, independently of the module:
the Bayesian Nash equilibria in pure strategies by checking every type's and the
defender's best responses one by one (interim, type by type, not through the ex-ante
matrix the module builds), and the sequential game by backward induction written out.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliances.models.reassurance import (POLICIES, RESPONSES, bayesian_game, best_policy,
                                   policy_values, reassurance, reassurance_threshold,
                                   simultaneous_threshold)

# The adversary's ordinal payoffs as the module's docstring states them, typed from the text:
# (own choice, defender's choice) -> payoff.
SEEKER = {("Cooperate", "Reassure"): 3, ("Compete", "Reassure"): 2,
          ("Compete", "Deter"): 1, ("Cooperate", "Deter"): 0}
GREEDY = {("Compete", "Reassure"): 3, ("Cooperate", "Reassure"): 2,
          ("Compete", "Deter"): 1, ("Cooperate", "Deter"): 0}


def defender(policy: str, response: str, e: Fraction, s: Fraction, a: Fraction) -> Fraction:
    return {("Reassure", "Cooperate"): Fraction(0), ("Reassure", "Compete"): -e,
            ("Deter", "Cooperate"): -a, ("Deter", "Compete"): -s}[(policy, response)]


def pure_bayesian_equilibria(q, e, s, a) -> list[tuple[str, str]]:
    """Every (policy, seeker's choice/greedy's choice) where nobody gains by deviating."""
    found = []
    for policy in POLICIES:
        for seeker in RESPONSES:
            for greedy in RESPONSES:
                seeker_ok = all(SEEKER[(seeker, policy)] >= SEEKER[(other, policy)]
                                for other in RESPONSES)
                greedy_ok = all(GREEDY[(greedy, policy)] >= GREEDY[(other, policy)]
                                for other in RESPONSES)
                value = {p: (1 - q) * defender(p, seeker, e, s, a) + q * defender(p, greedy, e, s, a)
                         for p in POLICIES}
                if seeker_ok and greedy_ok and value[policy] >= max(value.values()):
                    found.append((policy, f"{seeker}/{greedy}"))
    return found


fractions_ = st.fractions(min_value=Fraction(1, 4), max_value=8, max_denominator=4)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(q=st.fractions(min_value=Fraction(1, 20), max_value=Fraction(19, 20), max_denominator=20),
       e=fractions_, s=fractions_, a=st.fractions(min_value=0, max_value=4, max_denominator=4))
def test_solver_finds_exactly_the_pure_bayesian_equilibria(q, e, s, a) -> None:
    game = bayesian_game(float(q), float(e), float(s), float(a))
    assert sorted(game.pure_equilibria()) == sorted(pure_bayesian_equilibria(q, e, s, a))


@settings(max_examples=150, deadline=None, derandomize=True)
@given(q=st.fractions(min_value=Fraction(1, 20), max_value=Fraction(19, 20), max_denominator=20),
       e=fractions_, s=fractions_, a=st.fractions(min_value=0, max_value=4, max_denominator=4))
def test_mutual_reassurance_is_an_equilibrium_exactly_below_the_simultaneous_threshold(q, e, s, a) -> None:
    exists = ("Reassure", "Cooperate/Compete") in pure_bayesian_equilibria(q, e, s, a)
    threshold = simultaneous_threshold(float(e), float(s), float(a))
    # the threshold is a/(a + e - s) when e > s: compare exactly where it is not a tie
    exact = Fraction(1) if e <= s else a / (a + e - s)
    assert math.isclose(threshold, float(exact))
    if q != exact:
        assert exists == (q < exact)


@pytest.mark.parametrize("q", [0.0, 0.1, 0.5, 0.9, 1.0])
def test_mutual_competition_is_always_an_equilibrium(q: float) -> None:
    """The spiral: both compete whatever the belief, even against a sure security seeker."""
    assert ("Deter", "Compete/Compete") in bayesian_game(q, 5, 2, 1).pure_equilibria()


def test_sequential_game_by_backward_induction() -> None:
    """The defender moves first and is seen: each type answers its own best reply."""
    for q in [Fraction(k, 10) for k in range(11)]:
        e, s = Fraction(5), Fraction(2)
        value = {}
        for policy in POLICIES:
            seeker = max(RESPONSES, key=lambda r: SEEKER[(r, policy)])
            greedy = max(RESPONSES, key=lambda r: GREEDY[(r, policy)])
            value[policy] = (1 - q) * defender(policy, seeker, e, s, 0) \
                + q * defender(policy, greedy, e, s, 0)
        assert policy_values(float(q), 5, 2) == pytest.approx(
            {p: float(v) for p, v in value.items()})
        expected = ("Either" if value["Reassure"] == value["Deter"]
                    else max(value, key=value.get))
        assert best_policy(float(q), 5, 2) == expected


def test_threshold_separates_the_policies() -> None:
    # spiral cost 2, exploitation cost 5: q* = 2/5
    assert reassurance_threshold(5, 2) == 0.4
    assert best_policy(0.39, 5, 2) == "Reassure"
    assert best_policy(0.41, 5, 2) == "Deter"
    # exploitation no worse than a spiral: reassure at any belief short of certainty
    assert reassurance_threshold(2, 3) == 1.5
    assert best_policy(0.99, 2, 3) == "Reassure"


def test_strategy_labels_name_the_types_in_order() -> None:
    game = bayesian_game(0.3, 5, 2, 1)
    assert list(game.col_labels) == ["Cooperate/Cooperate", "Cooperate/Compete",
                               "Compete/Cooperate", "Compete/Compete"]
    assert list(game.row_labels) == ["Reassure", "Deter"]
    assert (game.row_name, game.col_name) == ("NATO", "Russia")


@pytest.mark.parametrize("kwargs, name", [
    (dict(q=float("nan")), "q"), (dict(q=-0.1), "q"), (dict(q="0.3"), "q"),
    (dict(exploitation_cost=0), "exploitation_cost"), (dict(spiral_cost=-1), "spiral_cost"),
    (dict(spiral_cost=float("inf")), "spiral_cost"), (dict(arming_cost=-0.5), "arming_cost"),
    (dict(arming_cost=True), "arming_cost"),
])
def test_bad_input_is_refused_naming_the_argument(kwargs, name) -> None:
    arguments = dict(q=0.3, exploitation_cost=5, spiral_cost=2, arming_cost=1) | kwargs
    with pytest.raises((ValueError, TypeError), match=name):
        reassurance(**arguments)
    with pytest.raises((ValueError, TypeError), match=name):
        bayesian_game(**arguments)


def test_bad_player_names_are_refused() -> None:
    with pytest.raises(TypeError, match="row_name"):
        bayesian_game(0.3, 5, 2, 1, row_name="")
