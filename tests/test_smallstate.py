"""Tests of alliances.models.smallstate: the small state's choice (our formalization).

Expected values come from the formulas of the module docstring worked by hand, or from
a brute-force search over a fine grid of h, never from the code under test.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from alliances.models.smallstate import (OPTIONS, SMALL_STATE_PRESETS, SmallState, best_choice, choice_map,
                                  option_values)


def by_hand(t: float, rho: float, e: float, g: float, price: float = 0.5):
    """Brute force: payoffs of the four options, the graded optimum on a grid of h."""
    h = np.linspace(0.0, 1.0, 200001)
    eu = 2 * g - t * (1 - rho) - t * rho * (1 - h) - e * h**2 - g * h
    k = int(np.argmax(eu))
    return {"Align with A": g - price * t - e, "Align with B": eu[-1], "Stay out": eu[0],
            "graded": eu[k], "h": h[k]}


def test_worked_example_hedge() -> None:
    # t = 0.8, rho = 0.6, e = 0.3, g = 0.3: h* = (0.48 - 0.3) / 0.6 = 0.3;
    # EU(0.3) = 0.6 - 0.32 - 0.48 * 0.7 - 0.3 * 0.09 - 0.3 * 0.3 = -0.173.
    choice = best_choice(SmallState(threat=0.8, reliability=0.6, entrapment=0.3, trade=0.3))
    assert choice.name == "Hedge"
    assert choice.h_star == pytest.approx(0.3)
    assert choice.values["Hedge"] == pytest.approx(-0.173)
    assert choice.values["Stay out"] == pytest.approx(0.6 - 0.8)
    assert choice.values["Align with B"] == pytest.approx(0.3 - 0.8 * 0.4 - 0.3)
    assert choice.values["Align with A"] == pytest.approx(0.3 - 0.4 - 0.3)


def test_worked_example_bandwagon() -> None:
    # t = 0.9, rho = 0.1, e = 0.1, g = 0.3: U_A = 0.3 - 0.45 - 0.1 = -0.25 > stay out -0.3
    choice = best_choice(SmallState(threat=0.9, reliability=0.1, entrapment=0.1, trade=0.3))
    assert choice.name == "Align with A"
    assert choice.values["Align with A"] == pytest.approx(-0.25)


@pytest.mark.parametrize("seed", range(40))
def test_best_choice_matches_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    t, rho, e, g = rng.uniform(0, 1, 4)
    if e < 0.02:
        e = 0.02
    hand = by_hand(t, rho, e, g)
    choice = best_choice(SmallState(threat=t, reliability=rho, entrapment=e, trade=g))
    assert choice.h_star == pytest.approx(hand["h"], abs=1e-4)
    assert choice.values["Hedge"] == pytest.approx(hand["graded"], abs=1e-8)
    if hand["Align with A"] > hand["graded"] + 1e-6:
        assert choice.name == "Align with A"
    elif hand["h"] < 1e-5:
        assert choice.name == "Stay out"
    elif hand["h"] > 1 - 1e-5:
        assert choice.name == "Align with B"
    elif hand["graded"] > hand["Align with A"] + 1e-6:
        assert choice.name == "Hedge"


def test_no_entrapment_gives_a_corner() -> None:
    # e = 0: EU is linear in h with slope t rho - g = 0.5 - 0.2 > 0, so h* = 1.
    choice = best_choice(SmallState(threat=1.0, reliability=0.5, entrapment=0.0, trade=0.2))
    assert choice.h_star == 1.0 and choice.name == "Align with B"


def test_tie_is_reported() -> None:
    # e = 0.2, g = 0.3, t = 0.2 (h* = 0): stay out = 0.6 - 0.2 = 0.4, and with price p
    # U_A = 0.3 - 0.2 p - 0.2 < 0.4: no tie.  A tie: t = 1, rho = 0, e = 0, g = 0.5,
    # price = 0.5: stay out = 1 - 1 = 0, U_A = 0.5 - 0.5 - 0 = 0.
    choice = best_choice(SmallState(threat=1, reliability=0, entrapment=0, trade=0.5))
    assert set(choice.ties) == {"Align with A", "Stay out"}
    assert choice.name == "Stay out"
    assert "tied with Align with A" in choice.sentence()


def test_choice_map_agrees_with_best_choice() -> None:
    model = SmallState(entrapment=0.1, trade=0.3)
    xs, ys, codes = choice_map("threat", "reliability", model, n=21)
    for i in range(0, 21, 4):
        for j in range(0, 21, 4):
            expected = best_choice(model.replace(threat=float(xs[j]),
                                                 reliability=float(ys[i]))).name
            assert OPTIONS[codes[i, j]] == expected


def test_presets_show_each_option() -> None:
    names = {best_choice(SmallState(**values)).name for values in SMALL_STATE_PRESETS.values()}
    assert names == set(OPTIONS)


def test_option_values_use_the_commitment_model() -> None:
    model = SmallState(threat=0.5, reliability=0.8, entrapment=0.2, trade=0.1)
    cm = model.commitment_model()
    assert (cm.p_A, cm.alpha, cm.p_E, cm.beta, cm.k) == (0.4, 1.0, 0.2, 2.0, 0.1)
    values, h = option_values(model)
    assert h == pytest.approx((0.4 - 0.1) / 0.4)


@pytest.mark.parametrize("bad, match", [
    (dict(threat=math.nan), "threat"), (dict(reliability=1.5), "reliability"),
    (dict(entrapment=-0.1), "entrapment"), (dict(trade="a lot"), "trade"),
    (dict(bandwagon_price=math.inf), "bandwagon_price")])
def test_bad_parameters_are_refused(bad: dict, match: str) -> None:
    with pytest.raises((ValueError, TypeError), match=match):
        SmallState(**bad)


def test_bad_calls_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown parameter"):
        SmallState().replace(danger=1)
    with pytest.raises(TypeError, match="model must be a SmallState"):
        option_values({"threat": 0.5})
    with pytest.raises(ValueError, match="x must be one of"):
        choice_map("danger", "trade")
    with pytest.raises(ValueError, match="n must be"):
        choice_map(n=2)
    with pytest.raises(TypeError, match="model must be a SmallState or None"):
        choice_map(model=3)


# ----------------------------------------------------------------------------------------
# The game with patron B (patron_game, patron_equilibria): payoffs written out cell by cell
# from the module docstring, equilibria worked by hand (reasoning in the comments).
# ----------------------------------------------------------------------------------------

from alliances import InputError  # noqa: E402
from alliances.models.smallstate import (HEDGE_IN_GAME, PATRON_OPTIONS,  # noqa: E402
                                         patron_equilibria, patron_game)


def game_by_hand(t: float, e: float, g: float, price: float = 0.5):
    """Rows Align with A, Align with B, Stay out, Hedge (h = 1/2); columns Honour, Neglect."""
    small = [[g - price * t - e, g - price * t - e],
             [g - e, g - t - e],                                  # EU(1) at rho = 1, 0
             [2 * g - t, 2 * g - t],
             [1.5 * g - t / 2 - e / 4, 1.5 * g - t - e / 4]]      # EU(1/2) at rho = 1, 0
    patron = [[-g - price * t, -g - price * t],
              [-e, -t],
              [-g - t, -g - t],
              [-g / 2 - t / 2 - e / 2, -g / 2 - t]]
    return np.array(small), np.array(patron)


#: (t, rho, e, g) -> the maximal sets of equilibria, each as (the small state's pure
#: strategies that any mix of is in the set, (lowest, highest) chance that B honours).
GAME_CASES = {
    # Default. Stay out pays 0.2 against either column; the best other row pays 0.175
    # (Hedge, B honours): Stay out is strictly dominant. B's payoff against Stay out does
    # not depend on its choice, so every chance of honouring is an equilibrium.
    (0.4, 0.6, 0.3, 0.3): [({"Stay out"}, (0.0, 1.0))],
    # Hedging preset. t > e: B honours any aligned client (gain h (t - e) > 0), so with
    # Align with B (its best reply to Honour, 0 > -0.025 > -0.2 > -0.4) it is (Align
    # with B, Honour). Against "honour with chance q": Stay out -0.2, Align with B
    # -0.8 + 0.8 q, Hedge -0.425 + 0.4 q, Align with A -0.4: Stay out is best while
    # q <= 0.225 / 0.4 = 9/16, and B is then indifferent. A mix with Hedge or Align with B
    # would make B honour (q = 1), so no other set.
    (0.8, 0.6, 0.3, 0.3): [({"Align with B"}, (1.0, 1.0)), ({"Stay out"}, (0.0, 0.5625))],
    # Cold War preset. Align with A and Stay out both pay -0.4 whatever B does; Hedge
    # -0.55 + 0.4 q overtakes them at q = 3/8, Align with B -0.8 + 0.8 q only at 1/2. So any
    # mix of the two with any q in [0, 3/8]; and (Align with B, Honour): 0 beats -0.15.
    (0.8, 0.9, 0.2, 0.2): [({"Align with A", "Stay out"}, (0.0, 0.375)),
                           ({"Align with B"}, (1.0, 1.0))],
    # A tie: t = e, so B's payoff never depends on its choice (h (t - e) = 0) and every best
    # reply of the small state is an equilibrium. Stay out -0.3; Hedge -0.475 + 0.25 q
    # (better from q = 0.7); Align with B -0.9 + 0.5 q never best; Align with A -0.65.
    (0.5, 0.6, 0.5, 0.1): [({"Stay out"}, (0.0, 0.7)), ({"Stay out", "Hedge"}, (0.7, 0.7)),
                           ({"Hedge"}, (0.7, 1.0))],
}


def _sets(result) -> list:
    found = []
    for vertices, (low, high) in zip(result.small_state, result.honour):
        assert all(len(v) == 1 for v in vertices)          # pure vertices in these cases
        found.append(({next(iter(v)) for v in vertices}, (low, high)))
    return found


@pytest.mark.parametrize("case", list(GAME_CASES), ids=str)
def test_game_payoffs_and_equilibria_by_hand(case) -> None:
    t, rho, e, g = case
    model = SmallState(threat=t, reliability=rho, entrapment=e, trade=g)
    game = patron_game(model)
    small, patron = game_by_hand(t, e, g)
    assert game.row_labels == OPTIONS and game.col_labels == PATRON_OPTIONS
    assert HEDGE_IN_GAME == 0.5                   # the hand formulas' Hedge row
    np.testing.assert_allclose(game.A, small, atol=1e-12)
    np.testing.assert_allclose(game.B, patron, atol=1e-12)
    result = patron_equilibria(model)
    found = _sets(result)
    expected = GAME_CASES[case]
    assert len(found) == len(expected)
    for rows, (low, high) in expected:
        match = [f for f in found if f[0] == rows]
        assert len(match) == 1, (rows, found)
        assert match[0][1] == pytest.approx((low, high), abs=1e-9)
    assert result.infinitely_many        # a promise never tested: a continuum, always here
    assert game.is_degenerate


@pytest.mark.parametrize("case", list(GAME_CASES), ids=str)
def test_equilibria_are_mutual_best_replies_on_a_grid(case) -> None:
    """Brute force, without the solver: on a grid of q (B's chance of honouring), the
    pure strategies of the small state that are best replies, and whether B would then
    play q; every such pair lies in a set the solver reports, and every set's ends are
    such pairs."""
    t, rho, e, g = case
    small, patron = game_by_hand(t, e, g)
    result = patron_equilibria(SmallState(threat=t, reliability=rho, entrapment=e, trade=g))
    sets = _sets(result)
    for q in np.linspace(0, 1, 401):
        values = small @ np.array([q, 1 - q])
        for k in np.flatnonzero(values >= values.max() - 1e-12):
            gain = patron[k, 0] - patron[k, 1]            # honour minus neglect
            if (gain > 1e-12 and q < 1) or (gain < -1e-12 and q > 0):
                continue                                   # B would not play q
            assert any(OPTIONS[k] in rows and low - 1e-9 <= q <= high + 1e-9
                       for rows, (low, high) in sets), (OPTIONS[k], q)


def test_the_game_is_the_decision_model_against_a_mixed_patron() -> None:
    """Against 'B honours with chance rho' the corners pay what best_choice says."""
    model = SmallState(threat=0.7, reliability=0.35, entrapment=0.25, trade=0.15)
    game = patron_game(model)
    values, _h = option_values(model)
    for name in ("Align with A", "Align with B", "Stay out"):
        u, _v = game.expected_payoffs(name, [0.35, 0.65])
        assert u == pytest.approx(values[name])
    # Hedge at h = 1/2 by hand: 2g - t + t rho h - e h^2 - g h
    u, _v = game.expected_payoffs("Hedge", [0.35, 0.65])
    assert u == pytest.approx(0.3 - 0.7 + 0.7 * 0.35 * 0.5 - 0.25 * 0.25 - 0.15 * 0.5)


def test_the_equilibrium_sentence() -> None:
    text = patron_equilibria(SmallState(threat=0.8, reliability=0.6, entrapment=0.3,
                                        trade=0.3)).sentence()
    assert text.startswith("Game with patron B, infinitely many equilibria: ")
    assert "Align with B while B honours" in text
    assert "Stay out while B honours with any probability from 0.00 to 0.56" in text
    tie = patron_equilibria(SmallState(threat=0.5, entrapment=0.5, trade=0.1)).sentence()
    assert "any mix of Stay out and Hedge while B honours with probability 0.70" in tie


@pytest.mark.parametrize("bad", [None, "model", {"threat": 0.5}, 0.5, float("nan")])
def test_the_game_refuses_what_is_not_a_small_state(bad) -> None:
    for function in (patron_game, patron_equilibria):
        with pytest.raises(InputError, match="model must be a SmallState"):
            function(bad)
    with pytest.raises(InputError, match="threat"):
        patron_game(SmallState(threat=float("nan")))
