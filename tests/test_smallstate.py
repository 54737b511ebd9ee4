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
