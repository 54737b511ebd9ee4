"""Tests for ``alliances.models.burden`` and its widget: Olson and Zeckhauser's public-good alliance.

Expected values come from hand calculation, from the two-ally formula of
notebooks/theory_notes.md (Burden sharing), from
direct numerical maximisation of each ally's utility (scipy, no first-order condition),
or from the independent iterated-best-response solver, never from the function tested.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar

from alliances.models.burden import (
    Equilibrium,
    aggregate_reaction,
    best_response,
    corner_income,
    efficient_total,
    equal_burden_contributions,
    nash_equilibrium,
    nash_equilibrium_numerical,
    reaction_curve,
    two_ally_equilibrium,
    utility,
)
from alliances.views.burden import (
    MAX_PLOTTED_ALLIES,
    BurdenSharesPlot,
    ReactionCurvesPlot,
    plot_burden_shares,
    plot_reaction_curves,
)

alphas = st.floats(min_value=0.02, max_value=0.95)
incomes = st.floats(min_value=0.1, max_value=100.0)


def theory_two_ally(alpha: float, y1: float, y2: float) -> tuple[float, float]:
    """The theory notes' two-ally formula (Burden sharing), typed from the text: interior
    formula and the two corners."""
    if y2 <= (1 - alpha) * y1:
        return alpha * y1, 0.0
    if y1 <= (1 - alpha) * y2:
        return 0.0, alpha * y2
    return (y1 - (1 - alpha) * y2) / (2 - alpha), (y2 - (1 - alpha) * y1) / (2 - alpha)


def direct_best_response(alpha: float, income: float, others: float) -> float:
    """Maximise the utility numerically over [0, income): no first-order condition used."""
    def loss(x: float) -> float:
        total, private = x + others, income - x
        if total <= 0 or private <= 0:
            return math.inf
        return -(alpha * math.log(total) + (1 - alpha) * math.log(private))
    result = minimize_scalar(loss, bounds=(0.0, income * (1 - 1e-12)), method="bounded",
                             options={"xatol": 1e-10})
    # The bounded method never evaluates the end point 0 itself: compare with it.
    if others > 0 and loss(0.0) <= result.fun:
        return 0.0
    return float(result.x)


# ------------------------------------------------------------------- best responses
def test_best_response_by_hand() -> None:
    # alpha = 0.2, income 10: alone it spends 2; each unit from others cuts it by 0.8.
    assert best_response(0.2, 10, 0) == pytest.approx(2.0)
    assert best_response(0.2, 10, 1) == pytest.approx(1.2)
    assert best_response(0.2, 10, 2.5) == pytest.approx(0.0)
    assert best_response(0.2, 10, 5) == 0.0


@given(alphas, incomes, st.floats(min_value=0.0, max_value=50.0))
@settings(max_examples=60)
def test_best_response_maximises_utility(alpha, income, others) -> None:
    expected = direct_best_response(alpha, income, others)
    assert best_response(alpha, income, others) == pytest.approx(expected, abs=1e-6 * income)


def test_reaction_curve_slope_is_minus_one_minus_alpha() -> None:
    curve = reaction_curve(0.3, 10, [0.0, 1.0, 2.0])
    assert np.allclose(np.diff(curve), -0.7)


def test_utility_by_hand() -> None:
    assert utility(0.5, 4, 1, 1) == pytest.approx(0.5 * math.log(2) + 0.5 * math.log(3))
    assert utility(0.5, 4, 0, 0) == -math.inf
    assert utility(0.5, 4, 4, 0) == -math.inf


# ------------------------------------------------------------------- two allies
def test_theory_check_small_ally_pays_nothing() -> None:
    """The theory notes' check: alpha = 0.1, Y = (10, 1) gives x2 = 0, x1 = 1, burdens 10 %
    and 0 %."""
    for eq in (nash_equilibrium(0.1, [10, 1]), two_ally_equilibrium(0.1, 10, 1),
               nash_equilibrium_numerical(0.1, [10, 1])):
        assert eq.contributions == pytest.approx((1.0, 0.0))
        assert eq.burdens == pytest.approx((0.1, 0.0))
        assert eq.free_riders == (1,)


def test_interior_two_ally_by_hand() -> None:
    # alpha = 0.2, Y = (10, 9): x1 = (10 - 7.2) / 1.8 = 14/9, x2 = (9 - 8) / 1.8 = 5/9.
    eq = nash_equilibrium(0.2, [10, 9])
    assert eq.contributions == pytest.approx((14 / 9, 5 / 9))
    assert eq.total == pytest.approx(19 / 9)
    assert eq.efficient_total == pytest.approx(3.8)
    assert eq.gap == pytest.approx(3.8 - 19 / 9)


@given(alphas, incomes, incomes)
@settings(max_examples=150)
def test_n_ally_closed_form_equals_theory_formula(alpha, y1, y2) -> None:
    expected = theory_two_ally(alpha, y1, y2)
    assert nash_equilibrium(alpha, [y1, y2]).contributions == pytest.approx(
        expected, rel=1e-9, abs=1e-9)
    assert two_ally_equilibrium(alpha, y1, y2).contributions == pytest.approx(
        expected, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize("alpha, y1", [(0.1, 10.0), (0.2, 10.0), (0.5, 3.0)])
def test_corner_boundary(alpha, y1) -> None:
    """At Y2 = (1 - alpha) Y1 the small ally pays nothing; just above, it pays a little."""
    edge = corner_income(alpha, y1)
    assert edge == pytest.approx((1 - alpha) * y1)
    assert nash_equilibrium(alpha, [y1, edge]).contributions[1] == 0.0
    assert nash_equilibrium(alpha, [y1, edge * 0.5]).contributions[1] == 0.0
    above = nash_equilibrium(alpha, [y1, edge * 1.01])
    assert above.contributions[1] > 0
    assert above.contributions[1] == pytest.approx(theory_two_ally(alpha, y1, edge * 1.01)[1])


# ------------------------------------------------------------------- n allies
income_lists = st.lists(incomes, min_size=1, max_size=7)


@given(alphas, income_lists)
@settings(max_examples=120)
def test_closed_form_agrees_with_iterated_best_responses(alpha, ys) -> None:
    closed = nash_equilibrium(alpha, ys)
    numerical = nash_equilibrium_numerical(alpha, ys)
    scale = max(ys)
    assert numerical.contributions == pytest.approx(closed.contributions, rel=1e-7,
                                                    abs=1e-9 * scale)


@given(alphas, income_lists)
@settings(max_examples=60)
def test_equilibrium_is_mutual_best_responses_by_direct_maximisation(alpha, ys) -> None:
    eq = nash_equilibrium(alpha, ys)
    for i, (y, x) in enumerate(zip(eq.incomes, eq.contributions)):
        others = eq.total - x
        assert direct_best_response(alpha, y, others) == pytest.approx(x, abs=1e-6 * max(ys))


@given(alphas, st.lists(incomes, min_size=2, max_size=7))
@settings(max_examples=80)
def test_nash_underprovides_and_richest_contribute(alpha, ys) -> None:
    eq = nash_equilibrium(alpha, ys)
    assert eq.total < eq.efficient_total                     # sub-optimality
    assert eq.efficient_total == pytest.approx(alpha * sum(ys))
    assert eq.sum_of_mrs > 1 - 1e-9
    # Contributors are the richest allies, and burden rises (weakly) with income.
    order = np.argsort(ys)[::-1]
    paying = [i in eq.contributors for i in order]
    assert paying == sorted(paying, reverse=True)
    burdens = np.array(eq.burdens)[order]
    assert np.all(np.diff(burdens) <= 1e-12)
    # Every burden is at most alpha, the burden of the equal-burden efficient split.
    assert max(eq.burdens) <= alpha + 1e-12


def test_one_ally_provides_efficiently() -> None:
    eq = nash_equilibrium(0.3, [10])
    assert eq.contributions == pytest.approx((3.0,))
    assert eq.gap == pytest.approx(0.0)


def test_equal_allies_share_equally() -> None:
    # alpha = 0.5, three allies of 4: X = 0.5 * 12 / (0.5 + 1.5) = 3, one each.
    eq = nash_equilibrium(0.5, [4, 4, 4])
    assert eq.contributions == pytest.approx((1.0, 1.0, 1.0))
    assert eq.shares == pytest.approx((1 / 3, 1 / 3, 1 / 3))


def test_richest_two_contribute_by_hand() -> None:
    # alpha = 0.3, Y = (10, 8, 3, 2). One contributor would give X = 3 and threshold 7,
    # but ally 2 (8 > 7) would then contribute; with two, X = 0.3 * 18 / 1.7 and the
    # threshold (0.7 / 0.3) X = 7.41 is below 8 and above 3.
    eq = nash_equilibrium(0.3, [10, 8, 3, 2])
    total = 0.3 * 18 / 1.7
    threshold = 0.7 / 0.3 * total
    assert eq.total == pytest.approx(total)
    assert eq.contributions == pytest.approx((10 - threshold, 8 - threshold, 0.0, 0.0))
    assert eq.contributors == (0, 1)


def test_numerical_solver_with_different_alphas() -> None:
    # The small ally cares much more about security: it pays and the large one does not.
    eq = nash_equilibrium_numerical([0.1, 0.6], [10, 5])
    assert eq.contributions == pytest.approx((0.0, 3.0))
    for a, y, x in zip(eq.alphas, eq.incomes, eq.contributions):
        assert direct_best_response(a, y, eq.total - x) == pytest.approx(x, abs=1e-6)
    with pytest.raises(ValueError, match="depends on how the cost is split"):
        _ = eq.efficient_total


def test_numerical_solver_gives_up_clearly() -> None:
    with pytest.raises(RuntimeError, match="did not settle within 1 sweeps"):
        nash_equilibrium_numerical(0.05, [10, 9, 8], max_sweeps=1)


def test_aggregate_reaction_crosses_ally_one_at_the_equilibrium() -> None:
    alpha, ys = 0.3, [10, 8, 3, 2]
    eq = nash_equilibrium(alpha, ys)
    x1 = eq.contributions[0]
    others = float(aggregate_reaction(alpha, ys[1:], x1))
    assert others == pytest.approx(eq.total - x1)
    assert best_response(alpha, ys[0], others) == pytest.approx(x1)
    # With a single other ally the joint reaction is that ally's reaction curve.
    grid = np.linspace(0, 3, 7)
    assert np.allclose(aggregate_reaction(alpha, [8], grid), reaction_curve(alpha, 8, grid))


def test_efficient_split_and_totals() -> None:
    assert efficient_total(0.1, [10, 1]) == pytest.approx(1.1)
    assert equal_burden_contributions(0.1, [10, 1]) == pytest.approx((1.0, 0.1))


# ------------------------------------------------------------------- bad input
@pytest.mark.parametrize("alpha, error, message", [
    (0.0, ValueError, "alpha must be > 0.0"),
    (1.0, ValueError, "alpha must be < 1.0"),
    (float("nan"), ValueError, "alpha must be a finite number"),
    ("0.5", TypeError, "alpha must be a real number"),
    (True, TypeError, "alpha must be a real number"),
])
def test_bad_alpha(alpha, error, message) -> None:
    with pytest.raises(error, match=message):
        nash_equilibrium(alpha, [10, 1])


@pytest.mark.parametrize("ys, error, message", [
    ([], ValueError, "incomes must name at least one ally"),
    ([10, 0], ValueError, r"incomes\[1\] must be > 0.0"),
    ([10, -1], ValueError, r"incomes\[1\] must be > 0.0"),
    ([10, float("inf")], ValueError, r"incomes\[1\] must be a finite number"),
    ("10, 1", TypeError, "incomes must be a list of positive numbers"),
    (None, TypeError, "incomes must be a list of positive numbers"),
    ([[10, 1]], ValueError, "incomes must be a flat list"),
    ([10, "1"], TypeError, r"incomes\[1\] must be a real number"),
])
def test_bad_incomes(ys, error, message) -> None:
    with pytest.raises(error, match=message):
        nash_equilibrium(0.2, ys)


def test_bad_other_arguments() -> None:
    with pytest.raises(ValueError, match="others must be >= 0"):
        best_response(0.2, 10, -1)
    with pytest.raises(ValueError, match="income must be > 0"):
        best_response(0.2, 0, 1)
    with pytest.raises(ValueError, match="alpha must be one number or one per ally"):
        nash_equilibrium_numerical([0.1, 0.2, 0.3], [10, 1])
    with pytest.raises(ValueError, match="max_sweeps must be a positive integer"):
        nash_equilibrium_numerical(0.2, [10, 1], max_sweeps=0)
    with pytest.raises(ValueError, match="contribution must be finite and >= 0"):
        aggregate_reaction(0.2, [5], [-1.0])
    with pytest.raises(TypeError, match="contribution must be a number or an array"):
        aggregate_reaction(0.2, [5], -10**400)
    with pytest.raises(TypeError, match="others must be a number or an array"):
        reaction_curve(0.2, 5, "1, 2")
    with pytest.raises(ValueError, match="others must be finite"):
        reaction_curve(0.2, 5, [float("nan")])
    with pytest.raises(ValueError, match="own must be <= 4.0"):
        utility(0.5, 4, 5, 0)


# ------------------------------------------------------------------- plots
def test_reaction_plot_marks_the_equilibrium_and_updates_in_place() -> None:
    plot = ReactionCurvesPlot(0.2, [10, 9])
    lines = list(plot.ax.lines)
    assert plot.nash_point.get_xdata()[0] == pytest.approx(14 / 9)
    assert plot.nash_point.get_ydata()[0] == pytest.approx(5 / 9)
    plot.update(0.3, [10, 8, 3, 2])
    assert list(plot.ax.lines) == lines                     # same artists, new data
    eq = nash_equilibrium(0.3, [10, 8, 3, 2])
    assert plot.nash_point.get_xdata()[0] == pytest.approx(eq.contributions[0])
    assert plot.nash_point.get_ydata()[0] == pytest.approx(eq.total - eq.contributions[0])
    assert plot.ax.get_ylabel() == "allies 2\u20134 together (income units)"
    # The efficient total line meets both axes at alpha * sum(Y).
    xs, ys = plot.efficient_line.get_data()
    assert list(xs) == pytest.approx([0, 0.3 * 23]) and list(ys) == pytest.approx([0.3 * 23, 0])
    with pytest.raises(ValueError, match="at least two allies"):
        plot.update(0.3, [10])


def test_plot_functions_return_labelled_axes() -> None:
    ax = plot_reaction_curves(0.1, [10, 1])
    assert "Nash total 1" in ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    ax = plot_burden_shares(nash_equilibrium(0.1, [10, 1]))
    assert ax.get_title() == "Burden: defence as a share of income"
    assert ax.get_ylabel() == "defence spending, % of own income"


def test_burden_bars_hide_absent_allies_and_mark_free_riders() -> None:
    plot = BurdenSharesPlot(nash_equilibrium(0.2, [10, 6, 5]))
    visible = [bar.get_visible() for bar in plot.bars]
    assert visible == [True] * 3 + [False] * (MAX_PLOTTED_ALLIES - 3)
    assert plot.bars[0].get_height() == pytest.approx(20.0)
    assert [plot.bars[i].get_hatch() for i in (1, 2)] == ["//", "//"]
    assert "free rider" in plot.labels[1].get_text()
    with pytest.raises(ValueError, match="at most"):
        plot.update(nash_equilibrium(0.2, [1.0] * (MAX_PLOTTED_ALLIES + 1)))
    with pytest.raises(TypeError, match="equilibrium must be an Equilibrium"):
        plot.update((1.0, 0.0))


def test_equilibrium_is_a_plain_value() -> None:
    eq = Equilibrium((0.1, 0.1), (10.0, 1.0), (1.0, 0.0))
    assert eq.n == 2 and eq.income_shares == pytest.approx((10 / 11, 1 / 11))


# ------------------------------------------------------------------- widget
def _explorer():
    from alliances.widgets.burden import BurdenSharingExplorer
    return BurdenSharingExplorer(0.1, (10.0, 1.0))


def test_widget_controls_are_classed_and_bounded() -> None:
    explorer = _explorer()
    controls = [explorer.preset, explorer.reset, explorer.allies, explorer.alpha,
                *explorer.income_controls]
    assert all("alliances-control" in c._dom_classes for c in controls)
    assert "alliances-burden-explorer" in explorer._dom_classes
    assert explorer.alpha.min > 0 and explorer.alpha.max < 1
    assert all(c.min > 0 for c in explorer.income_controls)


def test_widget_updates_sentence_image_and_equilibrium() -> None:
    explorer = _explorer()
    assert explorer.preset.value == "Two unequal allies (10 and 1)"
    sentence, image = explorer.sentence, explorer.image.value
    assert "only ally 1 pays (10.0% of its income) and ally 2 pays nothing" in sentence
    explorer.income_controls[1].value = 9.5          # above (1 - 0.1) * 10 = 9: both pay
    assert explorer.equilibrium.contributors == (0, 1)
    assert explorer.sentence != sentence and explorer.image.value != image
    assert explorer.preset.value == "Custom"
    explorer.allies.value = 4
    assert explorer.equilibrium.n == 4
    assert [c.layout.display for c in explorer.income_controls] == ["", "", "", "", "none",
                                                                    "none"]
    explorer.reset.click()
    assert explorer.equilibrium.contributions == pytest.approx((1.0, 0.0))
    explorer.preset.value = "Four equal allies"
    assert explorer.equilibrium.n == 4 and explorer.alpha.value == pytest.approx(0.2)


@pytest.mark.slow  # a sweep (every state, corner or junk input): not in the quick subset
def test_widget_no_reachable_state_raises() -> None:
    explorer = _explorer()
    for n in (2, MAX_PLOTTED_ALLIES - 2):
        explorer.allies.value = n
        for alpha in (explorer.alpha.min, explorer.alpha.max):
            explorer.alpha.value = alpha
            for value in (explorer.income_controls[0].min, explorer.income_controls[0].max):
                for control in explorer.income_controls:
                    control.value = value
                    assert explorer.error.value == "", explorer.error.value
                explorer.income_controls[0].value = explorer.income_controls[0].min
                assert explorer.error.value == ""


def test_widget_layers_match_a_full_redraw() -> None:
    """The cached static layer plus the moving artists look like a plain full drawing."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    explorer = _explorer()
    for value in (4.0, 9.5, 2.0):
        explorer.income_controls[1].value = value
    layered = explorer._renderers[0].pixels()
    for artist in explorer._renderers[0].dynamic:
        artist.set_animated(False)
    canvas = FigureCanvasAgg(explorer.figure)
    canvas.draw()
    full = np.asarray(canvas.buffer_rgba())
    differing = np.any(layered != full, axis=-1).mean()
    assert differing < 0.01, f"{differing:.2%} of the pixels differ"


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(alpha=0.9), ValueError, r"alpha must be <= 0.6"),
    (dict(alpha=None), TypeError, "alpha must be a real number"),
    (dict(incomes=(10.0,)), ValueError, "incomes must list 2 to"),
    (dict(incomes=7), TypeError, "incomes must be a list of 2 to 6 numbers"),
    (dict(incomes=(10.0, 50.0)), ValueError, r"incomes\[1\] must be <= 20.0"),
])
def test_widget_bad_arguments(kwargs, error, message) -> None:
    from alliances.widgets.burden import BurdenSharingExplorer
    with pytest.raises(error, match=message):
        BurdenSharingExplorer(**kwargs)
    explorer = BurdenSharingExplorer()
    with pytest.raises(error, match=message):
        explorer.set_values(kwargs.get("alpha", 0.2), kwargs.get("incomes", (10.0, 9.0)))
