"""Tests of alliances.models.caveats (our formalization of national caveats) and its widget.

Expected values come from the closed form of the first-order conditions (alpha = beta = 2),
from brute force over a dense grid of (troops, caveats), and from the commitment model
itself in the cases where the caveat model must reduce to it.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliances.models.caveats import DEFAULT_COMMITMENT, CaveatModel
from alliances.views.caveats import plot_caveats
from alliances.models.commitment import CommitmentModel
from alliances.widgets.caveats import CAVEAT_PRESETS, CaveatExplorer


def _closed_form(a: float, e: float, k: float, kappa: float) -> tuple[float, float, float]:
    """Interior optimum for alpha = beta = 2: loyalty y, exposure x, troops t.

    The inner condition 2 a (1 - kappa)(1 - y) = 2 e x and the envelope condition
    2 a kappa (1 - y) = k give y = 1 - k / (2 a kappa), x = (1 - kappa) k / (2 kappa e),
    and y = kappa t + (1 - kappa) x gives t.
    """
    y = 1 - k / (2 * a * kappa)
    x = (1 - kappa) * k / (2 * kappa * e)
    t = (y - (1 - kappa) * x) / kappa
    return y, x, t


@pytest.mark.parametrize("L_A, L_E, k, kappa", [(10, 10, 3, 0.6), (10, 10, 3, 0.75),
                                                (12, 8, 4, 0.7), (16, 16, 5, 0.8)])
def test_interior_optimum_matches_the_closed_form(L_A, L_E, k, kappa) -> None:
    commitment = DEFAULT_COMMITMENT.replace(L_A=L_A, L_E=L_E, k=k)
    a, e = commitment.abandonment_stake, commitment.entrapment_stake
    y, x, t = _closed_form(a, e, k, kappa)
    assert 0 < x < t < 1                       # the chosen cases are interior
    best = CaveatModel(commitment, credit=kappa).best()
    assert best.troops == pytest.approx(t, abs=1e-9)
    assert best.usable == pytest.approx(x, abs=1e-9)
    assert best.loyalty == pytest.approx(y, abs=1e-9)
    assert best.caveats == pytest.approx(1 - x / t, abs=1e-9)
    assert best.troops_interval is None and best.caveats_interval is None


def test_default_numbers_of_the_notebook() -> None:
    # a = 5, e = 4, k = 3, kappa = 0.6: y = 1/2, x = 1/4, t = 2/3, q = 5/8; banned c* = 7/18
    comparison = CaveatModel().compare()
    assert comparison.allowed.troops == pytest.approx(2 / 3)
    assert comparison.allowed.caveats == pytest.approx(5 / 8)
    assert comparison.banned.c_star == pytest.approx(7 / 18)
    assert comparison.usable_lost == pytest.approx(7 / 18 - 1 / 4)
    assert comparison.extra_troops == pytest.approx(2 / 3 - 7 / 18)


def test_brute_force_over_a_dense_grid() -> None:
    model = CaveatModel()
    grid = np.linspace(0, 1, 401)
    t, q = np.meshgrid(grid, grid)
    values = model.expected_utility(t, q)
    best = model.best()
    assert values.max() <= best.expected_utility + 1e-12
    i = np.unravel_index(np.argmax(values), values.shape)
    assert abs(t[i] - best.troops) <= 0.01 and abs(q[i] - best.caveats) <= 0.01


def test_no_credit_gives_back_the_commitment_model() -> None:
    for commitment in (DEFAULT_COMMITMENT, CommitmentModel(), CommitmentModel(L_A=16, L_E=6)):
        best = CaveatModel(commitment, credit=0.0).best()
        assert best.caveats == 0.0
        assert best.troops == pytest.approx(commitment.best().c_star, abs=1e-9)


def test_full_credit_means_flags_only() -> None:
    # kappa = 1 and e > 0: every soldier restricted; troops from 2 a (1 - t) = k.
    best = CaveatModel(credit=1.0).best()
    assert best.caveats == 1.0 and best.usable == 0.0
    assert best.troops == pytest.approx(1 - 3 / (2 * 5))


def test_with_caveats_banned_the_utility_is_the_commitment_models() -> None:
    model = CaveatModel()
    c = np.linspace(0, 1, 11)
    assert np.allclose(model.expected_utility(c, 0.0), model.commitment.expected_utility(c))


def test_threshold_separates_no_caveats_from_caveats() -> None:
    model = CaveatModel()
    threshold = model.caveat_threshold()
    assert threshold == pytest.approx(27 / 55)            # 1 - (4 * 7/18) / (5 * 11/18)
    assert model.replace(credit=threshold - 1e-3).best().caveats == 0.0
    assert model.replace(credit=threshold + 1e-3).best().caveats > 0.0


def test_ties_are_reported() -> None:
    # Linear, a (1 - kappa) = e: caveats do not matter; a kappa = k: troops do not matter.
    commitment = CommitmentModel(L_A=10, p_A=0.5, L_E=7.5, p_E=0.5, r0=0.2, k=2, alpha=1,
                                 beta=1)
    best = CaveatModel(commitment, credit=0.4).best()
    assert best.caveats_interval == (0.0, 1.0)
    assert best.troops_interval == pytest.approx((0.0, 1.0))
    assert "tie" in best.explanation
    # no fear at all: nothing to send troops for
    nothing = CaveatModel(DEFAULT_COMMITMENT.replace(L_A=0, L_E=0), credit=0.5).best()
    assert nothing.troops == 0.0 and nothing.caveats == 0.0


def test_no_troops_when_troops_cost_too_much() -> None:
    best = CaveatModel(DEFAULT_COMMITMENT.replace(k=10)).best()
    assert best.troops == 0.0 and best.caveats == 0.0 and "no troops" in best.explanation


_shares = st.floats(0, 1)


@given(L_A=st.floats(0, 20), L_E=st.floats(0, 20), p_A=_shares, p_E=_shares, r0=_shares,
       k=st.floats(0, 10), alpha=st.floats(1, 4), beta=st.floats(1, 4), credit=_shares)
def test_best_beats_a_grid_and_the_ban(L_A, L_E, p_A, p_E, r0, k, alpha, beta, credit) -> None:
    commitment = CommitmentModel(L_A=L_A, L_E=L_E, p_A=p_A, p_E=p_E, r0=r0, k=k, alpha=alpha,
                                 beta=beta)
    model = CaveatModel(commitment, credit=credit)
    comparison = model.compare()
    best = comparison.allowed
    assert 0 <= best.troops <= 1 and 0 <= best.caveats <= 1 and 0 <= best.usable <= best.troops
    grid = np.linspace(0, 1, 41)
    t, q = np.meshgrid(grid, grid)
    scale = 1 + L_A + L_E + k
    assert model.expected_utility(t, q).max() <= best.expected_utility + 1e-9 * scale
    assert comparison.ally_gain >= -1e-9 * scale


@pytest.mark.parametrize("make, error, word", [
    (lambda: CaveatModel(CommitmentModel(beta=0.5)), ValueError, "beta"),
    (lambda: CaveatModel(credit=1.5), ValueError, "credit"),
    (lambda: CaveatModel(credit="high"), TypeError, "credit"),
    (lambda: CaveatModel(commitment={"L_A": 1}), TypeError, "commitment"),
    (lambda: CaveatModel().exposure(1.2, 0.5), ValueError, "troops"),
    (lambda: CaveatModel().loyalty(0.5, [0.1, -0.1]), ValueError, "caveats"),
    (lambda: CaveatModel().expected_utility("all", 0), TypeError, "troops"),
    (lambda: CaveatModel().replace(gamma=1), ValueError, "gamma"),
    (lambda: CaveatModel(DEFAULT_COMMITMENT.replace(k=10)).caveat_threshold(), ValueError,
     "c\\*"),
    (lambda: CaveatModel(DEFAULT_COMMITMENT.replace(L_A=0)).caveat_threshold(), ValueError,
     "c\\*"),
])
def test_bad_input_names_the_argument(make, error, word) -> None:
    with pytest.raises(error, match=word):
        make()


def test_plot_shows_both_choices() -> None:
    left, right = plot_caveats(CaveatModel())
    assert "troops sent" in left.get_xlabel() and "caveats" in left.get_ylabel()
    assert right.get_title() == "What the alliance gets"
    import matplotlib.pyplot as plt
    plt.close(left.figure)


@pytest.mark.slow  # a sweep (every state, corner or junk input): not in the quick subset
# ---------------------------------------------------------------------------- widget
def test_widget_answers_every_slider_and_every_corner() -> None:
    explorer = CaveatExplorer()
    before = explorer.sentence
    explorer.controls["credit"].value = 0.0
    assert explorer.sentence != before and explorer.comparison.allowed.caveats == 0.0
    assert explorer.preset.value == "Patron counts only troops that fight (credit 0)"
    explorer.controls["k"].value = 0.5               # matches no preset any more
    assert explorer.preset.value == "Custom"
    for values in itertools.product(*[(s.min, s.max) for s in explorer.controls.values()]):
        for slider, value in zip(explorer.controls.values(), values):
            slider.value = value
        assert explorer.error.value == "", values
        assert explorer.sentence
    explorer.reset.click()
    assert explorer.model == CaveatModel()
    assert explorer.preset.value == "Default (credit 0.6)"


def test_widget_presets_and_classes() -> None:
    explorer = CaveatExplorer()
    for name in CAVEAT_PRESETS:
        explorer.preset.value = name
        assert explorer.error.value == ""
        assert explorer.model == CaveatModel().replace(**CAVEAT_PRESETS[name])
    assert "alliances-caveats" in explorer._dom_classes
    assert all("alliances-control" in s._dom_classes for s in explorer.controls.values())
    with pytest.raises(ValueError, match="k"):
        CaveatExplorer(CaveatModel(DEFAULT_COMMITMENT.replace(k=40)))
    with pytest.raises(TypeError, match="model"):
        CaveatExplorer("model")
