"""Tests of alliances.models.commitment: the secondary dilemma's commitment model.

The model is described in notebooks/theory_notes.md, section "The commitment model".
Expected values come from the closed forms of those notes worked by hand, from a dense
grid (an independent maximiser) and from the first-order condition, never from the
output of the code under test.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliances.models.commitment import (CommitmentModel, abandonment_risk, ally_risk_taking,
                                         best_commitment, check_commitment, entrapment_risk,
                                         expected_utility)
from alliances.views.commitment import CommitmentPlot, plot_commitment

GRID = np.linspace(0.0, 1.0, 200_001)


def _eu_by_hand(c, *, V=0.0, L_A, L_E, p_A, p_E, r0, k, alpha, beta):
    """EU(c) written out again from the theory notes, independently of the module."""
    c = np.asarray(c, dtype=float)
    return V - L_A * p_A * (1 - c) ** alpha - L_E * p_E * (r0 + (1 - r0) * c ** beta) - k * c


def _grid_best(**p):
    values = _eu_by_hand(GRID, **p)
    j = int(np.argmax(values))
    return GRID[j], values[j]


# ------------------------------------------------------------------ the curves
def test_curves_match_the_formulas_of_theory_1b() -> None:
    model = CommitmentModel(L_A=6, L_E=3, p_A=0.8, p_E=0.4, r0=0.25, k=0.5, alpha=2, beta=3)
    c = np.array([0.0, 0.25, 0.5, 1.0])
    np.testing.assert_allclose(model.abandonment_risk(c), 0.8 * (1 - c) ** 2)
    np.testing.assert_allclose(model.ally_risk_taking(c), 0.25 + 0.75 * c ** 3)
    np.testing.assert_allclose(model.entrapment_risk(c), 0.4 * (0.25 + 0.75 * c ** 3))
    np.testing.assert_allclose(model.expected_utility(c), _eu_by_hand(
        c, L_A=6, L_E=3, p_A=0.8, p_E=0.4, r0=0.25, k=0.5, alpha=2, beta=3))
    # P_A falls and P_E rises: the inverse relation of the two fears
    assert np.all(np.diff(model.abandonment_risk(c)) < 0)
    assert np.all(np.diff(model.entrapment_risk(c)) > 0)


def test_vectorised_and_scalar_outputs() -> None:
    model = CommitmentModel()
    assert isinstance(model.expected_utility(0.3), float)
    assert model.expected_utility(np.zeros((2, 3))).shape == (2, 3)
    assert model.expected_utility([0.1, 0.2]).shape == (2,)
    assert abandonment_risk(0.5, p_A=0.8, alpha=1) == pytest.approx(0.4)
    assert ally_risk_taking(1.0, r0=0.3) == pytest.approx(1.0)
    assert entrapment_risk(0.0, p_E=0.5, r0=0.3) == pytest.approx(0.15)
    assert expected_utility(1.0, L_A=1, L_E=2, p_E=1, k=0.5) == pytest.approx(-2.5)


def test_marginal_utility_is_the_derivative() -> None:
    model = CommitmentModel(L_A=7, L_E=5, p_A=0.6, p_E=0.7, r0=0.1, k=0.3, alpha=2.5, beta=1.7)
    c = np.linspace(0.05, 0.95, 19)
    h = 1e-6
    numeric = (model.expected_utility(c + h) - model.expected_utility(c - h)) / (2 * h)
    np.testing.assert_allclose(model.marginal_utility(c), numeric, rtol=1e-6, atol=1e-6)


def test_marginal_utility_at_vertical_ends_is_infinite() -> None:
    assert CommitmentModel(alpha=0.5).marginal_utility(1.0) == math.inf
    assert CommitmentModel(beta=0.5).marginal_utility(0.0) == -math.inf


# ------------------------------------------------------------- linear: corners
@pytest.mark.parametrize("L_A, p_A, L_E, p_E, r0, k, expected", [
    # Theory notes, commitment model: full commitment iff L_A p_A > L_E p_E (1 - r0) + k,
    # otherwise none
    (8, 0.5, 4, 0.5, 0.5, 1, 1.0),     # 4 > 1 + 1
    (8, 0.5, 4, 0.5, 0.5, 4, 0.0),     # 4 < 1 + 4
    (2, 0.5, 8, 0.5, 0.0, 0, 0.0),     # 1 < 4
    (10, 1.0, 10, 1.0, 0.5, 4, 1.0),   # 10 > 5 + 4
    (0, 0.5, 0, 0.5, 0.5, 1, 0.0),     # nothing at stake, commitment only costs
])
def test_linear_corner_solutions(L_A, p_A, L_E, p_E, r0, k, expected) -> None:
    result = best_commitment(L_A=L_A, p_A=p_A, L_E=L_E, p_E=p_E, r0=r0, k=k, alpha=1, beta=1)
    assert result.c_star == expected
    assert result.maximisers == (expected,)
    assert result.case == ("full" if expected == 1 else "none")
    assert not result.every_level_optimal


@pytest.mark.parametrize("L_A, p_A, L_E, p_E, r0, k", [
    (8, 0.5, 4, 0.5, 0.5, 3),      # 4 = 1 + 3
    (6, 0.5, 4, 0.5, 0.5, 2),      # 3 = 1 + 2
    (3, 1.0, 6, 1.0, 0.5, 0),      # 3 = 3
    (4, 1.0, 2, 1.0, 0.0, 2),      # 4 = 2 + 2
    (0, 0.5, 5, 0.5, 1.0, 0),      # nothing at stake at all: a flat line
])
def test_linear_tie_every_level_is_optimal(L_A, p_A, L_E, p_E, r0, k) -> None:
    result = best_commitment(L_A=L_A, p_A=p_A, L_E=L_E, p_E=p_E, r0=r0, k=k, alpha=1, beta=1)
    assert result.every_level_optimal and result.case == "indifferent"
    assert result.maximisers == (0.0, 1.0)
    assert "every commitment level from 0 to 1 is equally good" in result.explanation
    values = _eu_by_hand(GRID[::1000], L_A=L_A, L_E=L_E, p_A=p_A, p_E=p_E, r0=r0, k=k,
                         alpha=1, beta=1)
    assert np.ptp(values) < 1e-12


def test_a_zero_weight_makes_its_curvature_irrelevant() -> None:
    # No abandonment stake: EU = const - e c**beta... with beta = 1 linear whatever alpha is.
    model = CommitmentModel(L_A=0, L_E=4, p_E=0.5, r0=0.5, k=0, alpha=3, beta=1)
    assert model.is_linear
    assert model.best().c_star == 0.0


# ----------------------------------------------------------- concave: interior
@pytest.mark.parametrize("L_A, p_A, L_E, p_E, r0, k", [
    (6, 0.5, 4, 0.5, 0.5, 1),
    (10, 0.5, 10, 0.5, 0.2, 1),
    (10, 0.9, 2, 0.3, 0.0, 0.5),
    (3, 0.2, 9, 0.8, 0.4, 0.1),
])
def test_interior_quadratic_case_matches_the_closed_form(L_A, p_A, L_E, p_E, r0, k) -> None:
    # alpha = beta = 2: 2a(1 - c) = 2e c + k, so c* = (2a - k) / (2a + 2e), clipped to [0, 1]
    a, e = L_A * p_A, L_E * p_E * (1 - r0)
    expected = min(max((2 * a - k) / (2 * a + 2 * e), 0.0), 1.0)
    result = best_commitment(L_A=L_A, p_A=p_A, L_E=L_E, p_E=p_E, r0=r0, k=k)
    assert result.c_star == pytest.approx(expected, abs=1e-12)
    grid_c, grid_value = _grid_best(L_A=L_A, L_E=L_E, p_A=p_A, p_E=p_E, r0=r0, k=k, alpha=2,
                                    beta=2)
    assert result.c_star == pytest.approx(grid_c, abs=1e-5)
    assert result.expected_utility >= grid_value - 1e-12


def test_worked_example_five_eighths() -> None:
    # a = 3, e = 1, k = 1: c* = (6 - 1) / (6 + 2) = 5/8
    result = best_commitment(L_A=6, p_A=0.5, L_E=4, p_E=0.5, r0=0.5, k=1, alpha=2, beta=2)
    assert result.c_star == pytest.approx(5 / 8)
    assert result.case == "interior" and result.concave


@pytest.mark.parametrize("alpha, beta", [(2, 1), (1, 2), (3, 1.5), (1.5, 3), (2.5, 2.5),
                                         (1, 4), (6, 1.2)])
def test_interior_cases_satisfy_the_first_order_condition(alpha, beta) -> None:
    p = dict(L_A=8, L_E=6, p_A=0.6, p_E=0.5, r0=0.2, k=0.4, alpha=alpha, beta=beta)
    result = best_commitment(**p)
    grid_c, grid_value = _grid_best(**p)
    assert result.expected_utility >= grid_value - 1e-12
    assert result.c_star == pytest.approx(grid_c, abs=1e-4)
    if 0 < result.c_star < 1:
        c = result.c_star
        lhs = p["L_A"] * p["p_A"] * alpha * (1 - c) ** (alpha - 1)
        rhs = p["L_E"] * p["p_E"] * (1 - p["r0"]) * beta * c ** (beta - 1) + p["k"]
        assert lhs == pytest.approx(rhs, rel=1e-9)
        assert result.case == "interior"


def test_concave_corners_from_the_marginal_utility_at_the_ends() -> None:
    # EU'(0) = a alpha - k <= 0 with beta > 1: no commitment
    assert best_commitment(L_A=1, p_A=0.5, k=1, alpha=2, beta=2).c_star == 0.0   # 1 - 1 = 0
    # EU'(1) = -e beta - k >= 0 impossible with e > 0; with alpha = 1: a - 2e - k
    result = best_commitment(L_A=10, p_A=1, L_E=2, p_E=0.5, r0=0.0, k=1, alpha=1, beta=2)
    assert result.c_star == 1.0   # 10 - 2*1 - 1 = 7 > 0


# -------------------------------------------------------- not concave: search
@pytest.mark.parametrize("alpha, beta, k", [(0.5, 2, 0), (0.5, 2, 3), (2, 0.5, 0.5),
                                            (0.7, 0.7, 1), (0.3, 3, 2), (3, 0.4, 0)])
def test_non_concave_cases_match_a_dense_grid(alpha, beta, k) -> None:
    p = dict(L_A=10, L_E=6, p_A=0.5, p_E=0.6, r0=0.2, k=k, alpha=alpha, beta=beta)
    result = best_commitment(**p)
    assert not result.concave and "stationary" in result.method
    grid_c, grid_value = _grid_best(**p)
    assert result.expected_utility >= grid_value - 1e-9
    assert min(abs(m - grid_c) for m in result.maximisers) < 1e-4


def test_non_concave_tie_between_the_two_ends_is_reported() -> None:
    # alpha = beta = 1/2, a = 5, e = 4, k = 1: EU(0) = EU(1) = -6 (a - e - k = 0) and EU is
    # convex between them, so both ends are best and neither is picked silently.
    result = best_commitment(L_A=10, L_E=10, p_A=0.5, p_E=0.5, r0=0.2, k=1, alpha=0.5,
                             beta=0.5)
    assert result.maximisers == (0.0, 1.0) and result.case == "several"
    assert "c* = 0 and 1" in result.explanation
    assert result.expected_utility == pytest.approx(-6.0)


def test_non_concave_finds_an_interior_maximum_beside_an_end() -> None:
    # beta < 1 makes EU' = -inf at 0: the state avoids the first step or goes well beyond.
    p = dict(L_A=20, L_E=2, p_A=0.5, p_E=0.5, r0=0.0, k=0.5, alpha=2, beta=0.5)
    result = best_commitment(**p)
    grid_c, _ = _grid_best(**p)
    assert result.c_star == pytest.approx(grid_c, abs=1e-4)
    assert 0 < result.c_star < 1


@settings(max_examples=60, deadline=None)
@given(L_A=st.floats(0, 20), L_E=st.floats(0, 20), p_A=st.floats(0, 1), p_E=st.floats(0, 1),
       r0=st.floats(0, 1), k=st.floats(0, 5), alpha=st.floats(0.2, 5), beta=st.floats(0.2, 5))
def test_property_best_is_never_beaten_on_a_grid(L_A, L_E, p_A, p_E, r0, k, alpha,
                                                 beta) -> None:
    p = dict(L_A=L_A, L_E=L_E, p_A=p_A, p_E=p_E, r0=r0, k=k, alpha=alpha, beta=beta)
    result = best_commitment(**p)
    grid = np.linspace(0, 1, 2001)
    assert 0.0 <= result.c_star <= 1.0
    assert result.expected_utility >= _eu_by_hand(grid, **p).max() - 1e-9 * (1 + L_A + L_E + k)
    for m in result.maximisers:
        assert float(_eu_by_hand(m, **p)) == pytest.approx(result.expected_utility, abs=1e-8)


@settings(max_examples=40, deadline=None)
@given(L_A=st.floats(0.5, 20), L_E=st.floats(0.5, 20), r0=st.floats(0, 0.9),
       k=st.floats(0, 3), alpha=st.floats(1, 4), beta=st.floats(1, 4),
       factor=st.floats(1.01, 3))
def test_property_more_dependence_never_lowers_commitment(L_A, L_E, r0, k, alpha, beta,
                                                          factor) -> None:
    base = CommitmentModel(L_A=L_A, L_E=L_E, r0=r0, k=k, alpha=alpha, beta=beta)
    higher_la = base.replace(L_A=L_A * factor).best().c_star
    higher_le = base.replace(L_E=L_E * factor).best().c_star
    assert higher_la >= base.best().c_star - 1e-9      # fear of abandonment pushes c* up
    assert higher_le <= base.best().c_star + 1e-9      # fear of entrapment pushes it down


def test_v_shifts_utility_but_never_the_best_commitment() -> None:
    low, high = CommitmentModel(V=0).best(), CommitmentModel(V=100).best()
    assert low.c_star == high.c_star
    assert high.expected_utility - low.expected_utility == pytest.approx(100)
    assert low.dilemma_cost == pytest.approx(high.dilemma_cost)


# ------------------------------------------------------------- the result
def test_result_reports_risks_losses_and_the_dominant_fear() -> None:
    model = CommitmentModel(L_A=6, p_A=0.5, L_E=4, p_E=0.5, r0=0.5, k=1, alpha=2, beta=2)
    result = model.best()    # c* = 5/8
    c = 5 / 8
    assert result.abandonment_risk == pytest.approx(0.5 * (1 - c) ** 2)
    assert result.entrapment_risk == pytest.approx(0.5 * (0.5 + 0.5 * c ** 2))
    assert result.abandonment_loss == pytest.approx(6 * 0.5 * (1 - c) ** 2)
    assert result.entrapment_loss == pytest.approx(4 * 0.5 * (0.5 + 0.5 * c ** 2))
    assert (result.abandonment_stake, result.entrapment_stake) == (3.0, 1.0)
    assert result.dominant_fear == "abandonment"
    assert result.explanation.startswith("Fear of abandonment dominates")
    assert "c* = 0.625" in result.explanation
    assert result.dilemma_cost == pytest.approx(-result.expected_utility)
    assert "c* = 0.625" in result.summary


def test_dominant_fear_entrapment_and_balanced() -> None:
    entrapped = CommitmentModel(L_A=2, L_E=10, r0=0.2).best()
    assert entrapped.dominant_fear == "entrapment"
    assert entrapped.explanation.startswith("Fear of entrapment dominates")
    balanced = CommitmentModel(L_A=8, L_E=10, r0=0.2).best()    # 4 = 4
    assert balanced.dominant_fear == "balanced"


def test_cost_can_keep_commitment_at_zero_when_abandonment_dominates() -> None:
    result = best_commitment(L_A=8, L_E=4, p_A=0.5, p_E=0.5, r0=0.5, k=4, alpha=1, beta=1)
    assert result.c_star == 0.0 and result.dominant_fear == "abandonment"
    assert "but the entrapment loss plus the cost of commitment (4) outweighs" in \
        result.explanation


def test_higher_ally_recklessness_raises_commitment_but_lowers_utility() -> None:
    # r0 raises entrapment risk at every level but shrinks what commitment adds to it.
    calm, reckless = CommitmentModel(r0=0.1).best(), CommitmentModel(r0=0.6).best()
    assert reckless.c_star > calm.c_star
    assert reckless.expected_utility < calm.expected_utility


# --------------------------------------------------------------- bad input
@pytest.mark.parametrize("changes, error, name", [
    ({"L_A": -1}, ValueError, "L_A"),
    ({"L_E": float("nan")}, ValueError, "L_E"),
    ({"p_A": 1.5}, ValueError, "p_A"),
    ({"p_E": -0.1}, ValueError, "p_E"),
    ({"r0": 2}, ValueError, "r0"),
    ({"k": -0.5}, ValueError, "k"),
    ({"alpha": 0}, ValueError, "alpha"),
    ({"beta": 11}, ValueError, "beta"),
    ({"V": "big"}, TypeError, "V"),
    ({"alpha": True}, TypeError, "alpha"),
])
def test_bad_parameters_name_the_argument(changes, error, name) -> None:
    with pytest.raises(error, match=name):
        CommitmentModel(**changes)


@pytest.mark.parametrize("c, error", [(1.5, ValueError), (-0.1, ValueError),
                                      ("half", TypeError), (None, TypeError),
                                      (True, TypeError), ([0.2, float("nan")], ValueError),
                                      ([0.5, 2.0], ValueError), (["a"], TypeError)])
def test_bad_commitment_levels(c, error) -> None:
    with pytest.raises(error, match="c must"):
        CommitmentModel().expected_utility(c)
    with pytest.raises(error):
        check_commitment(c)


def test_replace_rejects_unknown_parameters() -> None:
    with pytest.raises(ValueError, match="unknown parameter"):
        CommitmentModel().replace(gamma=2)
    with pytest.raises(TypeError):
        best_commitment(gamma=2)


# -------------------------------------------------------------------- plots
def test_plot_updates_in_place() -> None:
    plot = CommitmentPlot(CommitmentModel(alpha=1, beta=1, k=0))   # a = 5 > e = 4: c* = 1
    line = plot.line_u
    assert plot.star.get_xdata()[0] == 1.0
    result = plot.update(CommitmentModel())
    assert plot.line_u is line
    assert plot.star.get_xdata()[0] == pytest.approx(result.c_star)
    np.testing.assert_allclose(plot.line_a.get_ydata(),
                               CommitmentModel().abandonment_risk(plot.grid))
    assert plot.title.get_text() == "Best commitment c* = 0.50"
    plot.update(CommitmentModel(alpha=1, beta=1))      # a tie: band shown, star hidden
    assert plot.band.get_visible() and not plot.star.get_visible()
    assert plot.title.get_text() == "Best commitment: every level ties"


def test_plot_function_and_bad_axes() -> None:
    top, bottom = plot_commitment(CommitmentModel(), title="Fixed")
    assert top.get_title() == "Fixed"
    assert bottom.get_xlabel().startswith("commitment c")
    assert "payoff units" in bottom.get_ylabel()
    with pytest.raises(TypeError, match="axes"):
        CommitmentPlot(CommitmentModel(), axes="no")
    with pytest.raises(TypeError, match="model"):
        CommitmentPlot("model")
    import matplotlib.pyplot as plt
    plt.close("all")


# ------------------------------------------------------------------- widget
def test_commitment_explorer_updates_and_explains() -> None:
    from alliances.widgets.commitment import CommitmentExplorer

    explorer = CommitmentExplorer()
    assert "alliances-commitment" in explorer._dom_classes
    controls = [*explorer.controls.values(), explorer.preset, explorer.reset]
    assert all("alliances-control" in c._dom_classes for c in controls)
    image, sentence = explorer.image.value, explorer.sentence
    explorer.controls["L_E"].value = 18          # entrapment stake 7.2 > 5
    assert explorer.sentence != sentence and explorer.image.value != image
    assert explorer.sentence.startswith("Fear of entrapment dominates")
    assert explorer.result.c_star < 0.5
    assert explorer.preset.value == "Custom"
    explorer.reset.click()
    assert explorer.result.c_star == pytest.approx(0.5)
    explorer.preset.value = "Linear (alpha = beta = 1)"     # a = 5 > e + k = 4.5
    assert explorer.result.c_star == 1.0 and explorer.preset.value.startswith("Linear")
    assert explorer.error.value == ""


@pytest.mark.slow  # a sweep (every state, corner or junk input): not in the quick subset
def test_commitment_explorer_every_slider_end_is_valid() -> None:
    from alliances.widgets.commitment import CommitmentExplorer

    explorer = CommitmentExplorer()
    for slider in explorer.controls.values():
        for value in (slider.min, slider.max):
            slider.value = value
            assert explorer.error.value == "", (slider.description, value)
    for slider in explorer.controls.values():          # everything at its minimum
        slider.value = slider.min
    assert explorer.error.value == "" and explorer.result.every_level_optimal


def test_commitment_explorer_rejects_models_outside_the_sliders() -> None:
    from alliances.widgets.commitment import CommitmentExplorer

    with pytest.raises(ValueError, match=r"model's L_A must lie in \[0.0, 20.0\]"):
        CommitmentExplorer(CommitmentModel(L_A=50))
    with pytest.raises(TypeError, match="model"):
        CommitmentExplorer("model")
