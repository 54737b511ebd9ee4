"""Tests for ``alliances.models.jervis``: the cooperation threshold p*, the offence-defence
mapping (our formalization) and the Jervis widget.

Expected values: the formula written out by hand, and an independent check that
evaluates the two expected payoffs on a fine grid of beliefs p.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliances.models.jervis import (cooperation_threshold, expected_payoffs, jervis_plane,
                                     offence_defence_game)
from alliances.views.jervis import ThresholdPlot, four_worlds
from alliances.widgets.jervis import PRESETS, JervisWidget

GRID = np.linspace(0, 1, 2001)


def _pays(cc, cd, dc, dd) -> np.ndarray:
    """Where cooperating pays at least as much, on a grid of beliefs (independent)."""
    return GRID * cc + (1 - GRID) * cd >= GRID * dc + (1 - GRID) * dd - 1e-12


@settings(max_examples=200)
@given(st.integers(-5, 5), st.integers(-5, 5), st.integers(-5, 5), st.integers(-5, 5))
def test_kind_and_threshold_match_a_grid_of_beliefs(cc, cd, dc, dd) -> None:
    result = cooperation_threshold(cc, cd, dc, dd)
    pays = _pays(cc, cd, dc, dd)
    if result.kind == "never":
        assert result.p_star is None and not pays[:-1].any()
        # at most a tie at a single end point
        assert pays.sum() <= 1
    elif result.kind in ("always", "indifferent"):
        assert result.p_star is None and pays.all()
    elif result.kind == "at least":
        assert result.p_star == pytest.approx((dd - cd) / ((cc - dc) + (dd - cd)))
        assert np.array_equal(pays, GRID >= result.p_star - 1e-12)
    else:
        assert result.kind == "at most"
        assert result.p_star == pytest.approx((dd - cd) / ((cc - dc) + (dd - cd)))
        assert np.array_equal(pays, GRID <= result.p_star + 1e-12)
    if result.p_star is not None:
        cooperate, defect = expected_payoffs(result.p_star, cc, cd, dc, dd)
        assert cooperate == pytest.approx(defect)


def test_stag_hunt_by_hand() -> None:
    # CC = 4, CD = 0, DC = 3, DD = 2: p* = (2 - 0) / ((4 - 3) + (2 - 0)) = 2/3.
    result = cooperation_threshold(CC=4, CD=0, DC=3, DD=2)
    assert result.kind == "at least" and result.p_star == pytest.approx(2 / 3)
    assert result.formula.endswith("= 2/3")
    assert result.cooperation_pays(0.7) and not result.cooperation_pays(0.6)


def test_prisoners_dilemma_is_undefined_with_a_clear_message() -> None:
    result = cooperation_threshold(CC=3, CD=1, DC=4, DD=2)
    assert result.p_star is None and not result.defined and result.kind == "never"
    assert "No belief makes cooperation pay" in result.message
    assert "undefined" in result.message
    # Even at p = 1, defecting pays more (hand: 4 > 3).
    assert expected_payoffs(1, 3, 1, 4, 2) == (3, 4)
    # A prisoner's dilemma with a non-zero denominator: p* = 3 / 2.5 > 1.
    result = cooperation_threshold(CC=3, CD=-2, DC=3.5, DD=1)
    assert result.kind == "never" and "1.2" in result.formula


def test_other_shapes() -> None:
    assert cooperation_threshold(CC=4, CD=2, DC=3, DD=1).kind == "always"      # Harmony
    chicken = cooperation_threshold(CC=3, CD=2, DC=4, DD=1)                    # Chicken
    assert chicken.kind == "at most" and chicken.p_star == pytest.approx(0.5)
    assert cooperation_threshold(2, 2, 2, 2).kind == "indifferent"
    edge = cooperation_threshold(CC=3, CD=1, DC=3, DD=2)                       # T = R
    assert edge.kind == "at least" and edge.p_star == 1.0


@pytest.mark.parametrize("values", list(itertools.permutations([1, 2, 3, 4])))
def test_every_strict_ordering(values) -> None:
    cc, cd, dc, dd = values
    result = cooperation_threshold(cc, cd, dc, dd)
    pays = _pays(cc, cd, dc, dd)
    if cc > dc and dd > cd:          # Stag Hunt shape: reassurance works
        assert result.kind == "at least" and 0 < result.p_star < 1
    if dc > cc and dd > cd:          # PD shape: no belief works
        assert result.kind == "never" and not pays.any()
    if cc > dc and cd > dd:          # cooperation dominant
        assert result.kind == "always"


@pytest.mark.parametrize("bad, name", [(dict(CC="3"), "CC"), (dict(DD=float("inf")), "DD")])
def test_bad_payoffs_name_the_argument(bad, name) -> None:
    values = dict(CC=4, CD=0, DC=3, DD=2) | bad
    with pytest.raises((TypeError, ValueError), match=name):
        cooperation_threshold(**values)


def test_belief_out_of_range() -> None:
    with pytest.raises(ValueError, match="p must be <= 1"):
        expected_payoffs(1.5, 4, 0, 3, 2)


# ------------------------------------------------- offence and defence (our model)
@pytest.mark.parametrize("offence, distinguishability, payoffs, family, p_star", [
    # z = offence - 2 * distinguishability; T = 3 + z, R = 3, P = 1, S = -1 - z (by hand)
    (1, 0, (4, 3, 1, -2), "Prisoner's Dilemma", None),
    (-1, 0, (2, 3, 1, 0), "Stag Hunt", Fraction(1, 2)),
    (1, 1, (2, 3, 1, 0), "Stag Hunt", Fraction(1, 2)),
    (-1, 1, (0, 3, 1, 2), "Harmony", None),
    (0, 0, (3, 3, 1, -1), "Prisoner's Dilemma / Stag Hunt", Fraction(1)),
    (0, 0.25, (2.5, 3, 1, -0.5), "Stag Hunt", Fraction(3, 4)),
])
def test_offence_defence_game_by_hand(offence, distinguishability, payoffs, family,
                                      p_star) -> None:
    world = offence_defence_game(offence, distinguishability)
    assert (world.T, world.R, world.P, world.S) == payoffs
    assert world.family == family
    if p_star is None:
        assert world.threshold.p_star is None
    else:
        assert world.threshold.p_star == pytest.approx(float(p_star))


def test_more_offence_raises_p_star_more_distinguishability_lowers_it() -> None:
    values = [offence_defence_game(o, 0.3).threshold.p_star for o in (-0.8, -0.4, 0, 0.4)]
    assert all(a < b for a, b in zip(values, values[1:]))
    values = [offence_defence_game(0.2, d).threshold.p_star for d in (0.2, 0.4, 0.6)]
    assert all(a > b for a, b in zip(values, values[1:]))


def test_worlds() -> None:
    assert offence_defence_game(0.5, 0.2).world == 1
    assert offence_defence_game(-0.5, 0.2).world == 2
    assert offence_defence_game(0.5, 0.8).world == 3
    assert offence_defence_game(-0.5, 0.8).world == 4
    assert offence_defence_game(0, 0.8).world is None          # on a dividing line
    table = four_worlds()
    assert table["family"].tolist() == ["Prisoner's Dilemma", "Stag Hunt", "Stag Hunt",
                                        "Harmony"]
    assert table["p_star"].tolist() == ["none", "1/2", "1/2", "any"]


@pytest.mark.parametrize("o, d, name", [(1.5, 0, "offence"), (0, -0.1, "distinguishability")])
def test_levers_out_of_range(o, d, name) -> None:
    with pytest.raises(ValueError, match=name):
        offence_defence_game(o, d)


def test_plane_regions_agree_with_the_mapping() -> None:
    view = jervis_plane()
    assert sum(r.area for r in view.regions) == pytest.approx(2.0)
    for region in view.regions:
        assert region.family == offence_defence_game(*region.point).family


# --------------------------------------------------------------- plots, widget
def test_threshold_plot_updates() -> None:
    plot = ThresholdPlot(cooperation_threshold(4, 0, 3, 2))
    assert plot.text.get_text() == "p* = 2/3" and plot.band.get_x() == pytest.approx(2 / 3)
    plot.update(cooperation_threshold(3, 1, 4, 2))
    assert not plot.band.get_visible() and not plot.marker.get_visible()
    assert "undefined" in plot.text.get_text()


def test_widget_moves_and_jumps() -> None:
    widget = JervisWidget(offence=1, distinguishability=0)
    assert widget.sentence.startswith("World 1") and "Prisoner's Dilemma" in widget.sentence
    first = widget.image.value
    widget.offence.value = -1.0
    assert "Stag Hunt" in widget.sentence and widget.image.value != first
    widget.world.value = next(name for name in PRESETS if name.startswith("World 4"))
    assert (widget.offence.value, widget.distinguishability.value) == (-1.0, 1.0)
    assert "Harmony" in widget.sentence
    widget.reset.click()
    assert (widget.offence.value, widget.distinguishability.value) == (1.0, 0.0)
    assert widget.world.value.startswith("World 1")


@pytest.mark.slow  # a sweep (every state, corner or junk input): not in the quick subset
def test_widget_reachable_states_never_error() -> None:
    widget = JervisWidget()
    for o in np.round(np.arange(-1, 1.01, 0.5), 1):
        for d in (0.0, 0.5, 1.0):
            widget.offence.value, widget.distinguishability.value = float(o), d
            assert widget.error.value == "", (o, d)
